//! The toolbar and its panels: share a link, save and open named scenarios,
//! export (CSV, JSON, PNG) and import, and the embed snippet.

use headroom_models::{monthly_csv, Projection, Scenario};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::planner::Planner;
use crate::storage::{EntryStatus, Library, SaveError, SavedEntry, SAVED_PREFIX};
use crate::url::{open_pasted, View, PASTE_MAX_CHARS};

/// A panel of the toolbar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Share,
    Saved,
    Compare,
    Export,
    Embed,
}

impl Panel {
    const ALL: [Panel; 5] = [
        Panel::Share,
        Panel::Saved,
        Panel::Compare,
        Panel::Export,
        Panel::Embed,
    ];

    fn label(self) -> &'static str {
        match self {
            Panel::Share => "Share",
            Panel::Saved => "Saved scenarios",
            Panel::Compare => "Compare",
            Panel::Export => "Export / import",
            Panel::Embed => "Embed",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Panel::Share => "share",
            Panel::Saved => "saved",
            Panel::Compare => "compare",
            Panel::Export => "export",
            Panel::Embed => "embed",
        }
    }
}

/// The toolbar: one button per panel (one panel open at a time) and the open panel.
#[component]
pub fn Toolbar(
    /// The open panel, if any.
    panel: RwSignal<Option<Panel>>,
    /// The model's projection of the scenario (for the CSV export).
    #[prop(into)]
    projection: Signal<Projection>,
) -> impl IntoView {
    let buttons = Panel::ALL
        .into_iter()
        .map(|p| {
            let open = move || panel.get() == Some(p);
            view! {
                <button
                    type="button"
                    class="hr-button"
                    class:hr-button--active=open
                    aria-expanded=move || if open() { "true" } else { "false" }
                    aria-controls="hr-panel"
                    data-testid=format!("open-{}", p.id())
                    on:click=move |_| panel.update(|cur| *cur = if *cur == Some(p) { None } else { Some(p) })
                >
                    {p.label()}
                </button>
            }
        })
        .collect_view();
    let body = move || {
        panel.get().map(|p| match p {
            Panel::Share => view! { <SharePanel /> }.into_any(),
            Panel::Saved => view! { <SavedPanel /> }.into_any(),
            Panel::Compare => view! { <ComparePanel /> }.into_any(),
            Panel::Export => view! { <ExportPanel projection /> }.into_any(),
            Panel::Embed => view! { <EmbedPanel /> }.into_any(),
        })
    };
    view! {
        <nav class="hr-toolbar" aria-label="Scenario actions">{buttons}</nav>
        <div id="hr-panel" class="hr-panel" hidden=move || panel.with(Option::is_none)>
            {body}
        </div>
    }
}

/// Share: the link to this exact scenario, with a copy button.
#[component]
fn SharePanel() -> impl IntoView {
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
fn PasteLink(
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

fn select_all(ev: &leptos::ev::FocusEvent) {
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

/// Saved scenarios: save the current one under a name; open, rename or delete
/// saved ones. Damaged entries are listed with the reason and can be deleted;
/// nothing else is touched.
#[component]
fn SavedPanel() -> impl IntoView {
    let planner = expect_context::<Planner>();
    // Bumped after every change to storage, so the list is read again.
    let revision = RwSignal::new(0u32);
    let entries = move || {
        revision.get();
        Library::browser().list()
    };
    // Another tab saved, renamed or deleted a scenario: list again. (`key` is
    // null when that tab cleared the whole storage.)
    let on_storage = window_event_listener(leptos::ev::storage, move |ev| {
        let ours = ev.key().is_none_or(|key| key.starts_with(SAVED_PREFIX));
        if ours {
            revision.update(|r| *r += 1);
        }
    });
    on_cleanup(move || on_storage.remove());
    let name = RwSignal::new(planner.scenario.with_untracked(|s| s.name().to_owned()));
    let message = RwSignal::new(None::<String>);
    let confirm_replace = RwSignal::new(None::<String>);

    let save = move |overwrite: bool| {
        let wanted = name.get_untracked();
        let result = planner
            .scenario
            .with_untracked(|s| Library::browser().save(&wanted, s, browser::now_ms(), overwrite));
        match result {
            Ok(()) => {
                confirm_replace.set(None);
                message.set(Some(format!("Saved “{}”.", wanted.trim())));
                revision.update(|r| *r += 1);
            }
            Err(SaveError::Exists(existing)) => confirm_replace.set(Some(existing)),
            Err(e) => message.set(Some(e.to_string())),
        }
    };

    let list = move || match entries() {
        Err(e) => {
            view! { <p class="hr-field__error" data-testid="saved-error">{e.to_string()}</p> }
                .into_any()
        }
        Ok(list) if list.is_empty() => {
            view! { <p class="hr-empty" data-testid="saved-empty">"No saved scenarios yet."</p> }
                .into_any()
        }
        Ok(list) => {
            let items = list
                .into_iter()
                .map(|entry| view! { <SavedItem entry revision message /> })
                .collect_view();
            view! { <ul class="hr-saved__list" data-testid="saved-list">{items}</ul> }.into_any()
        }
    };

    view! {
        <section class="hr-panel__body" aria-labelledby="hr-saved-title">
            <h2 id="hr-saved-title" class="hr-panel__title">"Saved scenarios"</h2>
            <p>"Kept in this browser only (local storage)."</p>
            <form class="hr-row" on:submit=move |ev| { ev.prevent_default(); save(false); }>
                <label class="hr-field__label" for="hr-save-name">"Save as"</label>
                <input
                    id="hr-save-name"
                    class="hr-field__input hr-grow"
                    type="text"
                    maxlength="80"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    data-testid="save-name"
                />
                <button type="submit" class="hr-button hr-button--primary" data-testid="save">"Save"</button>
            </form>
            {move || confirm_replace.get().map(|existing| view! {
                <div class="hr-confirm" role="alertdialog" aria-label="Replace a saved scenario?">
                    <p>{format!("A scenario named “{existing}” is already saved. Replace it?")}</p>
                    <button type="button" class="hr-button hr-button--danger" data-testid="confirm-replace" on:click=move |_| save(true)>"Replace"</button>
                    <button type="button" class="hr-button" on:click=move |_| confirm_replace.set(None)>"Cancel"</button>
                </div>
            })}
            <p class="hr-status" role="status" data-testid="saved-status">{move || message.get().unwrap_or_default()}</p>
            {list}
        </section>
    }
}

/// One saved scenario: open, rename, delete (each asks before it destroys).
#[component]
fn SavedItem(
    /// The entry as listed by the library.
    entry: SavedEntry,
    /// Bumped after a change so the list is read again.
    revision: RwSignal<u32>,
    /// The panel's status line.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let name = StoredValue::new(entry.name.clone());
    let renaming = RwSignal::new(false);
    let new_name = RwSignal::new(entry.name.clone());
    let confirm_delete = RwSignal::new(false);
    let readable = matches!(entry.status, EntryStatus::Ok);
    let why = match &entry.status {
        EntryStatus::Ok => None,
        EntryStatus::Unreadable(why) => Some(why.clone()),
    };
    let when = entry
        .saved_at_ms
        .map(|ms| format!("saved {}", browser::local_time(ms)))
        .unwrap_or_default();

    let open = move |_| match Library::browser().open(&name.get_value()) {
        Ok(s) => {
            planner.replace(s);
            message.set(Some(format!("Opened “{}”.", name.get_value())));
        }
        Err(e) => message.set(Some(e.to_string())),
    };
    let rename = move |overwrite: bool| {
        let result =
            Library::browser().rename(&name.get_value(), &new_name.get_untracked(), overwrite);
        match result {
            Ok(()) => {
                renaming.set(false);
                message.set(Some(format!("Renamed to “{}”.", new_name.get_untracked().trim())));
                revision.update(|r| *r += 1);
            }
            Err(SaveError::Exists(other)) => message.set(Some(format!(
                "A scenario named “{other}” is already saved: choose another name or delete it first."
            ))),
            Err(e) => message.set(Some(e.to_string())),
        }
    };
    let delete = move |_| match Library::browser().delete(&name.get_value()) {
        Ok(()) => {
            message.set(Some(format!("Deleted “{}”.", name.get_value())));
            revision.update(|r| *r += 1);
        }
        Err(e) => message.set(Some(e.to_string())),
    };

    view! {
        <li class="hr-saved__item" data-testid="saved-item" data-name=entry.name.clone()>
            <div class="hr-saved__head">
                <span class="hr-saved__name" data-testid="saved-name">{entry.name.clone()}</span>
                <span class="hr-saved__when">{when}</span>
            </div>
            {why.map(|why| view! { <p class="hr-field__error">{format!("Cannot be opened: {why}")}</p> })}
            <div class="hr-saved__actions">
                <button type="button" class="hr-button" disabled=!readable data-testid="saved-open" on:click=open>"Open"</button>
                <button type="button" class="hr-button" data-testid="saved-rename" on:click=move |_| renaming.update(|r| *r = !*r)>"Rename"</button>
                <button type="button" class="hr-button hr-button--danger" data-testid="saved-delete" on:click=move |_| confirm_delete.set(true)>"Delete"</button>
            </div>
            <form class="hr-row" hidden=move || !renaming.get() on:submit=move |ev| { ev.prevent_default(); rename(false); }>
                <label class="hr-visually-hidden" for=format!("hr-rename-{}", entry.name)>"New name"</label>
                <input
                    id=format!("hr-rename-{}", entry.name)
                    class="hr-field__input hr-grow"
                    type="text"
                    maxlength="80"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                    data-testid="rename-input"
                />
                <button type="submit" class="hr-button hr-button--primary" data-testid="rename-confirm">"Rename"</button>
            </form>
            <div class="hr-confirm" role="alertdialog" hidden=move || !confirm_delete.get()>
                <p>{format!("Delete “{}”? This cannot be undone.", entry.name)}</p>
                <button type="button" class="hr-button hr-button--danger" data-testid="confirm-delete" on:click=delete>"Delete"</button>
                <button type="button" class="hr-button" on:click=move |_| confirm_delete.set(false)>"Keep"</button>
            </div>
        </li>
    }
}

/// Compare: choose B, a saved scenario or a pasted link, to see beside the
/// scenario being planned (A). The comparison is part of the share link.
#[component]
fn ComparePanel() -> impl IntoView {
    let planner = expect_context::<Planner>();
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
    let saved = move || match Library::browser().list() {
        Err(e) => view! { <p class="hr-field__error">{e.to_string()}</p> }.into_any(),
        Ok(list) => {
            let items = list
                .into_iter()
                .filter(|e| matches!(e.status, EntryStatus::Ok))
                .map(|e| {
                    let name = e.name.clone();
                    let open = move |_| match Library::browser().open(&name) {
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

/// Export the monthly table (CSV), the scenario (JSON) or a chart (PNG, from the
/// chart's own button); import a scenario JSON.
#[component]
fn ExportPanel(
    /// The model's projection of the scenario.
    #[prop(into)]
    projection: Signal<Projection>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let message = RwSignal::new(String::new());
    let slug = move || {
        let name = planner.scenario.with(|s| s.name().to_owned());
        let slug: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let slug = slug.trim_matches('-').to_owned();
        if slug.is_empty() {
            "scenario".to_owned()
        } else {
            slug
        }
    };
    let report = move |result: Result<(), String>, what: &str| match result {
        Ok(()) => message.set(format!("Downloaded {what}.")),
        Err(e) => message.set(format!("Could not export: {e}.")),
    };
    let csv = move |_| {
        let text = projection.with(monthly_csv);
        let file = format!("headroom-{}-monthly.csv", slug());
        report(browser::download_text(&file, "text/csv", &text), &file);
    };
    let json = move |_| {
        let text = planner
            .scenario
            .with(|s| serde_json::to_string_pretty(s.input()).unwrap_or_default());
        let file = format!("headroom-{}.json", slug());
        report(
            browser::download_text(&file, "application/json", &text),
            &file,
        );
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let result = browser::read_file(file)
                .await
                .and_then(|text| import_scenario(&text));
            match result {
                Ok(s) => {
                    let name = s.name().to_owned();
                    planner.replace(s);
                    message.set(format!("Imported “{name}”."));
                }
                Err(e) => message.set(format!("Could not import: {e}. Nothing was changed.")),
            }
        });
    };
    view! {
        <section class="hr-panel__body" aria-labelledby="hr-export-title">
            <h2 id="hr-export-title" class="hr-panel__title">"Export and import"</h2>
            <div class="hr-row">
                <button type="button" class="hr-button" data-testid="export-csv" on:click=csv>"Monthly table (CSV)"</button>
                <button type="button" class="hr-button" data-testid="export-json" on:click=json>"Scenario (JSON)"</button>
                <label class="hr-button hr-file">
                    "Import a scenario (JSON)…"
                    <input type="file" accept=".json,application/json" class="hr-visually-hidden" data-testid="import-json" on:change=import />
                </label>
            </div>
            <p>"Each chart has its own PNG button. The CSV has the columns of the “Month by month” table."</p>
            <p class="hr-status" role="status" data-testid="export-status">{message}</p>
        </section>
    }
}

/// The iframe snippet for embedding this scenario's chosen view in another page.
#[component]
fn EmbedPanel() -> impl IntoView {
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

/// A scenario file's text (an export, or a file written by hand) as a scenario,
/// or why it is not one, naming the field and what is allowed (the model names
/// even a field holding `NaN` or `Infinity`, which JSON does not have).
pub fn import_scenario(text: &str) -> Result<Scenario, String> {
    Scenario::from_json(text)
        .map_err(|e| format!("the file is not a scenario Headroom can open ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_with_nan_or_infinity_names_the_field() {
        let cases = [
            (
                r#"{"growth": {"monthly_rate": NaN}}"#,
                "growth.monthly_rate = NaN",
            ),
            (
                "{\n  \"name\": \"é ü\",\n  \"usage\": {\"peak_to_average\": -Infinity}\n}",
                "usage.peak_to_average = -Infinity",
            ),
            (
                r#"{"growth": {"start_users": Infinity, "monthly_rate": NaN}}"#,
                " = ",
            ),
        ];
        for (text, says) in cases {
            let e = import_scenario(text).unwrap_err();
            assert!(
                e.starts_with("the file is not a scenario Headroom can open ("),
                "{e}"
            );
            assert!(e.contains(says), "{text}: {e}");
            assert!(
                e.contains("allowed is a finite number; JSON has no NaN or Infinity"),
                "{text}: {e}"
            );
        }
        // Two words: the field named is one of them.
        let e = import_scenario(cases[2].0).unwrap_err();
        assert!(
            e.contains("growth.start_users = Infinity") || e.contains("growth.monthly_rate = NaN"),
            "{e}"
        );
    }

    #[test]
    fn other_bad_imports_keep_the_models_message() {
        for (text, says) in [
            (
                r#"{"growth": {"monthly_rate": "high"}}"#,
                "growth.monthly_rate = \"high\": allowed is a number",
            ),
            (
                r#"{"growth": {"monthly_rate": Nope}}"#,
                "scenario = expected value (line 1, column 29)",
            ),
            (
                r#"{"horizon_months": 121}"#,
                "horizon_months = 121: allowed is a whole number from 1 to 120",
            ),
            (
                "[1, 2]",
                "scenario = a list: allowed is one JSON object of inputs",
            ),
            ("", "scenario = incomplete JSON"),
        ] {
            let e = import_scenario(text).unwrap_err();
            assert!(e.contains(says), "{text}: {e}");
            assert!(!e.contains("NaN or Infinity"), "{text}: {e}");
        }
        let s = import_scenario(r#"{"horizon_months": 120, "name": "NaN"}"#).unwrap();
        assert_eq!(s.input().horizon_months, 120);
        assert_eq!(s.name(), "NaN");
    }
}
