//! Embed: the iframe snippet for this scenario's chosen view.

use leptos::prelude::*;

use super::share::select_all;
use crate::planner::Planner;
use crate::url::View;

/// The iframe snippet for embedding this scenario's chosen view in another page.
#[component]
pub(super) fn EmbedPanel() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let view_id = RwSignal::new(planner.view);
    let snippet = move || {
        let src = planner.share_link(view_id.get(), true);
        format!(
            "<iframe src=\"{src}\" title=\"Headroom: {}\" style=\"width:100%;height:520px;border:0\" loading=\"lazy\"></iframe>\n\
             <script>\n\
             addEventListener(\"message\", (e) => {{\n  \
               for (const f of document.querySelectorAll(\"iframe\")) {{\n    \
                 if (f.contentWindow === e.source && e.data && e.data.type === \"headroom:height\") f.style.height = e.data.height + \"px\";\n  \
               }}\n\
             }});\n\
             </script>",
            view_id.get().title()
        )
    };
    let options = View::ALL
        .into_iter()
        .map(|v| view! { <option value=v.id() selected=v == planner.view>{v.title()}</option> })
        .collect_view();
    view! {
        <section class="hr-panel__body" aria-labelledby="hr-embed-title">
            <h2 id="hr-embed-title" class="hr-panel__title">"Embed in another page"</h2>
            <p>"A read-only view of this scenario, with a link back to the full planner. The optional script lets the frame fit its content: the embed tells its parent its height, and nothing else."</p>
            <div class="hr-row">
                <label class="hr-field__label" for="hr-embed-view">"View"</label>
                <select id="hr-embed-view" class="hr-field__input" data-testid="embed-view" on:change=move |ev| {
                    if let Some(v) = View::from_id(&event_target_value(&ev)) {
                        view_id.set(v);
                    }
                }>{options}</select>
            </div>
            <label class="hr-visually-hidden" for="hr-embed-snippet">"Embed code"</label>
            <textarea id="hr-embed-snippet" class="hr-snippet" readonly=true rows="8" prop:value=snippet data-testid="embed-snippet" on:focus=|ev| select_all(&ev)></textarea>
        </section>
    }
}
