//! Address and working-copy sync: the address bar and the working scenario
//! in storage follow the scenario once typing settles; a link pasted into the
//! address bar of an open planner opens; the page scrolls to the view the
//! address names. (Effects: they only talk to the outside world.)

use headroom_models::Scenario;
use leptos::prelude::*;

use crate::browser;
use crate::planner::{NoticeKind, Planner, SETTLE};
use crate::storage::{LoadError, Shelf};
use crate::url::{self, Request, View};

/// Start keeping the address and (unless `keep_working` is false) the working
/// copy in step with the scenario.
pub fn start(planner: Planner, shelf: Shelf, keep_working: bool) {
    // Keep the address and the working copy in step with the scenario, once
    // typing settles: the address is replaced, never pushed.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let scenario = planner.scenario.get();
        let compare = planner.compare.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                browser::replace_address(
                    &url::kept_query(planner.view, false),
                    &url::fragment_with(&scenario, compare.as_ref()),
                );
                if !keep_working {
                    return;
                }
                if let Err(e) = shelf.library().save_working(&scenario) {
                    planner.notify(
                        NoticeKind::Problem,
                        format!("Your work is not being kept between visits: {e}"),
                    );
                }
            },
            SETTLE,
        )
        .ok();
        pending.set_value(handle);
    });

    // A link pasted into the address bar of an open planner opens its scenario.
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let (_, hash) = browser::location_parts();
        let current = planner.scenario.with_untracked(|a| {
            planner
                .compare
                .with_untracked(|b| url::fragment_with(a, b.as_ref()))
        });
        if hash == current {
            return;
        }
        // A fragment without a link (`#section`) is not ours to open.
        if Request::parse("", &hash).link.is_none() {
            return;
        }
        match url::open_link(&hash) {
            Ok(opened) => {
                let name = opened.scenario.name().to_owned();
                planner.compare.set(opened.compare);
                planner.replace(opened.scenario);
                planner.notify(NoticeKind::Done, format!("Opened “{name}” from the link."));
                for text in opened.notices {
                    planner.notify(NoticeKind::Problem, text);
                }
            }
            Err(e) => {
                planner.notify(
                    NoticeKind::Problem,
                    format!("This link could not be opened ({e}). Your scenario is unchanged."),
                );
                browser::replace_address(&url::kept_query(planner.view, false), &current);
            }
        }
    });
    on_cleanup(move || on_hash.remove());

    // Scroll to the view the address names.
    if planner.view != View::Cost {
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&format!("view-{}", planner.view.id())) {
                el.scroll_into_view();
            }
        });
    }
}

/// What became of a working scenario that does not open.
pub enum SetAside {
    /// Kept as the saved scenario of this name; the reason it did not open.
    Kept { name: String, why: String },
    /// Left in place, because setting it aside failed: the whole message.
    Failed(String),
}

impl SetAside {
    pub fn notice(&self) -> String {
        match self {
            SetAside::Kept { name, why } => format!(
                "{why}. It is kept as it was, as the saved scenario “{name}” (Saved scenarios), \
                 where it can be renamed or deleted."
            ),
            SetAside::Failed(text) => text.clone(),
        }
    }
}

/// The working scenario from storage, for [`url::resolve`]. One that is stored
/// but does not open (damaged, or refused by this version of the model) is set
/// aside as a saved scenario first, so that the working copy written after
/// start-up never replaces it unseen.
pub fn read_working(shelf: &Shelf) -> (Result<Option<Scenario>, String>, Option<SetAside>) {
    let library = shelf.library();
    match library.load_working() {
        Ok(working) => (Ok(working), None),
        Err(e @ (LoadError::Unreadable { .. } | LoadError::Invalid { .. })) => {
            let why = e.to_string();
            let set_aside = match library.set_aside_working(browser::now_ms()) {
                Ok(Some(name)) => SetAside::Kept { name, why },
                // Removed meanwhile (another tab set it aside): nothing to keep.
                Ok(None) => return (Ok(None), None),
                Err(failed) => SetAside::Failed(format!(
                    "{why}. It could not be set aside ({failed}), so it is left as it is and this \
                     page does not keep your work between visits."
                )),
            };
            (Ok(None), Some(set_aside))
        }
        Err(e) => (Err(e.to_string()), None),
    }
}
