//! Share: the link to this exact scenario, and a box to open a pasted link.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::planner::Planner;
use crate::url::{open_pasted, PASTE_MAX_CHARS};

/// Share: the link to this exact scenario, with a copy button.
#[component]
pub(super) fn SharePanel() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let link = Signal::derive(move || planner.share_link(planner.view, false));
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        let text = link.get_untracked();
        leptos::task::spawn_local(async move {
            match browser::copy_text(&text).await {
                Ok(()) => status.set("Link copied.".to_owned()),
                Err(()) => status.set(
                    "The browser did not allow copying: select the link and copy it by hand."
                        .to_owned(),
                ),
            }
        });
    };
    // A link someone shared, pasted here: opened like a link in the address bar.
    let pasted = RwSignal::new(String::new());
    let opened = RwSignal::new(String::new());
    let open = move || match open_pasted(&pasted.get_untracked()) {
        Ok(link) => {
            let name = link.scenario.name().to_owned();
            planner.compare.set(link.compare);
            planner.replace(link.scenario);
            let mut text = format!("Opened “{name}”.");
            for notice in link.notices {
                text.push(' ');
                text.push_str(&notice);
            }
            opened.set(text);
            pasted.set(String::new());
        }
        Err(e) => opened.set(format!(
            "That link could not be opened ({e}). Your scenario is unchanged."
        )),
    };
    view! {
        <section class="hr-panel__body" aria-labelledby="hr-share-title">
            <h2 id="hr-share-title" class="hr-panel__title">"Share this scenario"</h2>
            <p>"The link carries the whole scenario (in the part after #, which is never sent to a server). Whoever opens it sees the same figures."</p>
            <div class="hr-row">
                <label class="hr-visually-hidden" for="hr-share-link">"Share link"</label>
                <input
                    id="hr-share-link"
                    class="hr-field__input hr-grow"
                    type="text"
                    readonly=true
                    prop:value=link
                    data-testid="share-link"
                    on:focus=|ev| select_all(&ev)
                />
                <button type="button" class="hr-button hr-button--primary" data-testid="copy-link" on:click=copy>
                    "Copy link"
                </button>
            </div>
            <p class="hr-status" role="status" data-testid="copy-status">{status}</p>
            <PasteLink
                id="hr-open-link"
                label="Open a link"
                testid="open-link"
                button="Open"
                button_testid="open-link-go"
                primary=false
                text=pasted
                on_submit=open
            />
            <p class="hr-status" role="status" data-testid="open-link-status">{opened}</p>
        </section>
    }
}

/// A labelled box to paste a share link into, and the button that acts on it.
/// It keeps at most [`PASTE_MAX_CHARS`] characters: a link longer than any the
/// codec accepts is refused by length, and a 10 MB paste cannot hold the page.
#[component]
pub fn PasteLink(
    /// The input's element id (its label points at it).
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// `data-testid` of the input.
    testid: &'static str,
    /// The button's text.
    button: &'static str,
    /// `data-testid` of the button.
    button_testid: &'static str,
    /// Whether the button is the panel's primary action.
    primary: bool,
    /// The text in the box.
    text: RwSignal<String>,
    /// What submitting (the button, or Enter) does.
    on_submit: impl Fn() + 'static,
) -> impl IntoView {
    let button_class = if primary {
        "hr-button hr-button--primary"
    } else {
        "hr-button"
    };
    view! {
        <form
            class="hr-row"
            on:submit=move |ev| {
                ev.prevent_default();
                on_submit();
            }
        >
            <label class="hr-field__label" for=id>{label}</label>
            <input
                id=id
                class="hr-field__input hr-grow"
                type="text"
                maxlength=PASTE_MAX_CHARS.to_string()
                autocomplete="off"
                spellcheck="false"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                data-testid=testid
            />
            <button type="submit" class=button_class data-testid=button_testid>{button}</button>
        </form>
    }
}

pub(super) fn select_all(ev: &leptos::ev::FocusEvent) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.select();
    }
    if let Some(area) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        area.select();
    }
}
