//! The toolbar's panels over an in-memory store, in headless Chromium
//! (wasm-bindgen-test): the page's one library comes through context, so a
//! test gives the panels a `MemoryStore` and the browser's own storage is never
//! touched. `cargo test -p headroom-app --target wasm32-unknown-unknown --test panels`.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use headroom_app::panels::{Panel, Toolbar};
use headroom_app::planner::Planner;
use headroom_app::storage::{BrowserStore, KeyValue, Library, MemoryStore, Shelf};
use headroom_app::url::View;
use headroom_components::uncertainty::SimState;
use headroom_models::{project, Preset, Projection, Scenario};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/dom.rs"]
mod dom;
use dom::{click, host, sleep, texts};

/// The toolbar with the Saved panel open, over `shelf`, planning `scenario`.
fn mount_saved_panel(root: &web_sys::HtmlElement, shelf: Shelf, scenario: Scenario) {
    leptos::mount::mount_to(root.clone(), move || {
        let planner = Planner {
            scenario: RwSignal::new(scenario.clone()),
            generation: RwSignal::new(0),
            notices: RwSignal::new(Vec::new()),
            view: View::Cost,
            embed: false,
            compare: RwSignal::new(None),
            simulation: RwSignal::new(SimState::Off),
            cost_scope: RwSignal::new(Default::default()),
        };
        provide_context(planner);
        provide_context(shelf);
        let projection: Signal<Projection> = Signal::derive(move || planner.scenario.with(project));
        let panel = RwSignal::new(Some(Panel::Saved));
        view! { <Toolbar panel projection /> }
    })
    .forget();
}

#[wasm_bindgen_test]
async fn the_saved_panel_lists_and_saves_into_the_shelf_it_is_given() {
    let store = Rc::new(MemoryStore::new());
    Library::new(Rc::clone(&store))
        .save("Plan A", &Preset::Fintech.scenario(), 1.0, false)
        .unwrap();
    let browser_keys_before = BrowserStore::new().keys().unwrap();
    let root = host();
    mount_saved_panel(
        &root,
        Shelf::new(store.clone()),
        Preset::Marketplace.scenario(),
    );
    sleep(20).await;
    assert_eq!(texts(&root, r#"[data-testid="saved-name"]"#), ["Plan A"]);

    // Saving writes to the shelf's store: the list shows both, the store holds both.
    click(&root, r#"[data-testid="save"]"#);
    sleep(20).await;
    let mut shown = texts(&root, r#"[data-testid="saved-name"]"#);
    shown.sort();
    assert_eq!(shown, ["Marketplace", "Plan A"]);
    let names: Vec<String> = Library::new(Rc::clone(&store))
        .list()
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert!(names.contains(&"Marketplace".to_owned()), "{names:?}");
    // The browser's own storage was not touched.
    assert_eq!(BrowserStore::new().keys().unwrap(), browser_keys_before);
}

#[wasm_bindgen_test]
async fn a_disabled_store_shows_its_message_in_the_panel_and_nothing_panics() {
    let store = Rc::new(MemoryStore::new());
    store.set_disabled(true);
    let root = host();
    mount_saved_panel(&root, Shelf::new(store), Scenario::default());
    sleep(20).await;
    let error = texts(&root, r#"[data-testid="saved-error"]"#);
    assert_eq!(error.len(), 1, "one message: {error:?}");
    assert!(!error[0].is_empty());
}
