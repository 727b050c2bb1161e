//! Saved scenarios: save the current one under a name; open, rename or delete
//! saved ones.

use leptos::prelude::*;

use crate::browser;
use crate::planner::Planner;
use crate::storage::{EntryStatus, SaveError, SavedEntry, Shelf, SAVED_PREFIX};

/// Saved scenarios: save the current one under a name; open, rename or delete
/// saved ones. Damaged entries are listed with the reason and can be deleted;
/// nothing else is touched.
#[component]
pub(super) fn SavedPanel() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let shelf = expect_context::<Shelf>();
    // Bumped after every change to storage, so the list is read again.
    let revision = RwSignal::new(0u32);
    let entries = move || {
        revision.get();
        shelf.library().list()
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
        let result = planner.scenario.with_untracked(|s| {
            shelf
                .library()
                .save(&wanted, s, browser::now_ms(), overwrite)
        });
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
pub(super) fn SavedItem(
    /// The entry as listed by the library.
    entry: SavedEntry,
    /// Bumped after a change so the list is read again.
    revision: RwSignal<u32>,
    /// The panel's status line.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let shelf = expect_context::<Shelf>();
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

    let open = move |_| match shelf.library().open(&name.get_value()) {
        Ok(s) => {
            planner.replace(s);
            message.set(Some(format!("Opened “{}”.", name.get_value())));
        }
        Err(e) => message.set(Some(e.to_string())),
    };
    let rename = move |overwrite: bool| {
        let result =
            shelf
                .library()
                .rename(&name.get_value(), &new_name.get_untracked(), overwrite);
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
    let delete = move |_| match shelf.library().delete(&name.get_value()) {
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
