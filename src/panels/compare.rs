//! Compare: B from a saved scenario or a pasted link, beside A.

use headroom_models::Scenario;
use leptos::prelude::*;

use super::PasteLink;
use crate::planner::Planner;
use crate::storage::{EntryStatus, Shelf};
use crate::url::open_pasted;

/// Compare: choose B, a saved scenario or a pasted link, to see beside the
/// scenario being planned (A). The comparison is part of the share link.
#[component]
pub(super) fn ComparePanel() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let shelf = expect_context::<Shelf>();
    let pasted = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let start = move |b: Scenario| {
        let name = b.name().to_owned();
        planner.compare.set(Some(b));
        message.set(format!(
            "Comparing with “{name}” (below the headline figures)."
        ));
    };
    let from_link = move || match open_pasted(&pasted.get_untracked()) {
        Ok(link) => start(link.scenario),
        Err(e) => message.set(format!("That link could not be opened ({e}).")),
    };
    let saved = move || match shelf.library().list() {
        Err(e) => view! { <p class="hr-field__error">{e.to_string()}</p> }.into_any(),
        Ok(list) => {
            let items = list
                .into_iter()
                .filter(|e| matches!(e.status, EntryStatus::Ok))
                .map(|e| {
                    let name = e.name.clone();
                    let open = move |_| match shelf.library().open(&name) {
                        Ok(b) => start(b),
                        Err(err) => message.set(err.to_string()),
                    };
                    view! {
                        <li>
                            <button type="button" class="hr-button" data-testid="compare-saved" data-name=e.name.clone() on:click=open>
                                {format!("Compare with “{}”", e.name)}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="hr-saved__list">{items}</ul> }.into_any()
        }
    };
    view! {
        <section class="hr-panel__body" aria-labelledby="hr-compare-panel-title">
            <h2 id="hr-compare-panel-title" class="hr-panel__title">"Compare with another scenario"</h2>
            <p>"B is shown beside the scenario you are planning (A): users, monthly cost and cost per customer at the end of each stage and at the horizon, with the difference. The share link carries both."</p>
            <PasteLink
                id="hr-compare-link"
                label="A link to compare with"
                testid="compare-link"
                button="Compare"
                button_testid="compare-go"
                primary=true
                text=pasted
                on_submit=from_link
            />
            {saved}
            <p class="hr-status" role="status" data-testid="compare-status">{message}</p>
        </section>
    }
}
