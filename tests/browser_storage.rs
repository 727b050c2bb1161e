//! The storage layer against the real `window.localStorage` of headless
//! Chromium (wasm-bindgen-test):
//! `cargo test -p headroom-app --target wasm32-unknown-unknown --test browser_storage`.
#![cfg(target_arch = "wasm32")]

use headroom_app::storage::{
    BrowserStore, EntryStatus, KeyValue, Library, SaveError, StoreError, RECOVERED_NAME,
    WORKING_KEY,
};
use headroom_models::{Preset, Scenario};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    let store = BrowserStore::new();
    for key in store.keys().unwrap() {
        store.remove(&key).unwrap();
    }
}

#[wasm_bindgen_test]
fn saved_scenarios_round_trip_through_local_storage_and_a_damaged_one_is_listed() {
    clear();
    let library = Library::new(BrowserStore::new());
    library.save_working(&Preset::Fintech.scenario()).unwrap();
    library
        .save("Plan <b>A</b>", &Preset::Marketplace.scenario(), 1.0, false)
        .unwrap();
    library
        .save("plan b", &Scenario::default(), 2.0, false)
        .unwrap();
    BrowserStore::new()
        .set("headroom.v1.saved.broken", "{not json")
        .unwrap();

    assert_eq!(
        library.load_working().unwrap(),
        Some(Preset::Fintech.scenario())
    );
    let list = library.list().unwrap();
    let names: Vec<&str> = list.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["broken", "Plan <b>A</b>", "plan b"]);
    assert!(matches!(list[0].status, EntryStatus::Unreadable(_)));
    assert_eq!(
        library.open("Plan <b>A</b>").unwrap(),
        Preset::Marketplace.scenario()
    );
    assert!(matches!(
        library.save("plan b", &Scenario::default(), 3.0, false),
        Err(SaveError::Exists(_))
    ));
    clear();
}

#[wasm_bindgen_test]
fn a_full_storage_refuses_the_save_and_keeps_what_was_saved() {
    clear();
    let library = Library::new(BrowserStore::new());
    library
        .save("keep me", &Preset::AiProduct.scenario(), 1.0, false)
        .unwrap();
    // Fill the origin's quota (about 5 MB in Chromium) with filler entries, in
    // ever smaller pieces until not even 64 bytes fit.
    let store = BrowserStore::new();
    let mut filler = 0;
    for size in [512 * 1024, 16 * 1024, 1024, 64] {
        let chunk = "x".repeat(size);
        loop {
            match store.set(&format!("filler.{filler}"), &chunk) {
                Ok(()) => filler += 1,
                Err(e) => {
                    assert_eq!(e, StoreError::Full);
                    break;
                }
            }
            assert!(filler < 2000, "the quota never ran out");
        }
    }
    let big = Scenario::default()
        .with_setting("name", &format!("\"{}\"", "n".repeat(120)))
        .unwrap();
    let mut refused = false;
    for i in 0..3 {
        match library.save(&format!("more {i}"), &big, 2.0, false) {
            Ok(()) => continue,
            Err(SaveError::Store(StoreError::Full)) => {
                refused = true;
                break;
            }
            Err(e) => panic!("unexpected {e}"),
        }
    }
    assert!(refused, "saving into a full storage never failed");
    assert_eq!(
        library.open("keep me").unwrap(),
        Preset::AiProduct.scenario()
    );
    clear();
}

#[wasm_bindgen_test]
fn a_damaged_working_scenario_is_set_aside_in_local_storage_and_entries_of_any_shape_are_listed() {
    clear();
    let store = BrowserStore::new();
    let library = Library::new(BrowserStore::new());
    store
        .set(WORKING_KEY, "{\"growth\": {\"monthly_rate\": 0.1}, \"hor")
        .unwrap();
    for (name, text) in [("a list", "[1, 2]"), ("null", "null"), ("empty", "")] {
        store
            .set(&format!("headroom.v1.saved.{name}"), text)
            .unwrap();
    }
    assert!(library.load_working().is_err());
    assert_eq!(
        library.set_aside_working(1.0).unwrap().as_deref(),
        Some(RECOVERED_NAME)
    );
    assert_eq!(store.get(WORKING_KEY).unwrap(), None);
    assert_eq!(
        store
            .get(&format!("headroom.v1.saved.{RECOVERED_NAME}"))
            .unwrap()
            .as_deref(),
        Some("{\"growth\": {\"monthly_rate\": 0.1}, \"hor")
    );
    let list = library.list().unwrap();
    assert_eq!(list.len(), 4);
    assert!(list
        .iter()
        .all(|e| matches!(e.status, EntryStatus::Unreadable(_))));
    // Set aside, the working slot is free for the scenario on screen.
    library.save_working(&Preset::Fintech.scenario()).unwrap();
    assert_eq!(
        library.load_working().unwrap(),
        Some(Preset::Fintech.scenario())
    );
    clear();
}
