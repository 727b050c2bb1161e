//! The entries (the working scenario and the saved ones) and the library
//! that reads and writes them over a [`KeyValue`] store.

use headroom_models::{Error, Scenario, ScenarioInput};
use serde::Serialize;

use super::{
    BrowserStore, KeyValue, LoadError, SaveError, Slot, StoreError, MAX_NAME_CHARS, NAME_ALLOWED,
    RECOVERED_NAME, SAVED_PREFIX, WORKING_KEY,
};

/// Whether a saved entry opens.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryStatus {
    /// It opens.
    Ok,
    /// It does not open; the text says why. It can still be deleted (or renamed).
    Unreadable(String),
}

/// One saved scenario as listed by [`Library::list`].
#[derive(Debug, Clone, PartialEq)]
pub struct SavedEntry {
    /// Its name (exactly as stored: pass it to open, rename or delete).
    pub name: String,
    /// When it was saved (milliseconds since the Unix epoch), if that is known.
    pub saved_at_ms: Option<f64>,
    /// Whether it opens.
    pub status: EntryStatus,
}

/// A saved entry as written.
#[derive(Serialize)]
struct EntryOut<'a> {
    name: &'a str,
    saved_at_ms: f64,
    scenario: &'a ScenarioInput,
}

/// The working scenario and the saved scenarios in a [`KeyValue`] store.
#[derive(Debug, Default, Clone)]
pub struct Library<S: KeyValue> {
    store: S,
}

impl Library<BrowserStore> {
    /// The library in the browser's local storage.
    pub fn browser() -> Self {
        Library::new(BrowserStore::new())
    }
}

impl<S: KeyValue> Library<S> {
    /// A library over `store`.
    pub fn new(store: S) -> Self {
        Library { store }
    }

    /// The underlying store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The working scenario, or `None` if none was kept. A damaged or no longer
    /// valid one is an error naming the problem, and is left in place.
    pub fn load_working(&self) -> Result<Option<Scenario>, LoadError> {
        let Some(text) = self.store.get(WORKING_KEY)? else {
            return Ok(None);
        };
        scenario_from(Slot::Working, &text).map(Some)
    }

    /// Keep `scenario` as the working scenario.
    pub fn save_working(&self, scenario: &Scenario) -> Result<(), StoreError> {
        let text = serde_json::to_string(scenario.input()).map_err(write_error)?;
        self.store.set(WORKING_KEY, &text)
    }

    /// Every saved scenario, sorted by name (ignoring case). Entries that do not
    /// open are listed too, as [`EntryStatus::Unreadable`], so they can be deleted.
    pub fn list(&self) -> Result<Vec<SavedEntry>, StoreError> {
        let mut entries = Vec::new();
        for key in self.store.keys()? {
            let Some(name) = key.strip_prefix(SAVED_PREFIX) else {
                continue;
            };
            let slot = Slot::Saved(name.to_owned());
            let (saved_at_ms, status) = match self.store.get(&key) {
                Ok(None) => continue, // removed meanwhile (another tab)
                Ok(Some(text)) => match decode_entry(slot, &text) {
                    Ok((at, _)) => (at, EntryStatus::Ok),
                    Err((at, e)) => (at, EntryStatus::Unreadable(e.reason())),
                },
                Err(e) => (None, EntryStatus::Unreadable(e.to_string())),
            };
            entries.push(SavedEntry {
                name: name.to_owned(),
                saved_at_ms,
                status,
            });
        }
        entries.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.name.cmp(&b.name))
        });
        Ok(entries)
    }

    /// The saved scenario named exactly `name` (as listed; not trimmed).
    pub fn open(&self, name: &str) -> Result<Scenario, LoadError> {
        let text = self
            .store
            .get(&saved_key(name))?
            .ok_or_else(|| LoadError::NotFound(name.to_owned()))?;
        decode_entry(Slot::Saved(name.to_owned()), &text)
            .map(|(_, scenario)| scenario)
            .map_err(|(_, e)| e)
    }

    /// Save `scenario` under `name` (trimmed; 1 to 80 characters, no control
    /// characters), stamped `now_ms`. An existing name is
    /// [`SaveError::Exists`] unless `overwrite`. On error nothing changed.
    pub fn save(
        &self,
        name: &str,
        scenario: &Scenario,
        now_ms: f64,
        overwrite: bool,
    ) -> Result<(), SaveError> {
        let name = check_name(name)?;
        let key = saved_key(name);
        if !overwrite && self.store.get(&key)?.is_some() {
            return Err(SaveError::Exists(name.to_owned()));
        }
        let text = serde_json::to_string(&EntryOut {
            name,
            saved_at_ms: now_ms,
            scenario: scenario.input(),
        })
        .map_err(write_error)?;
        self.store.set(&key, &text)?;
        Ok(())
    }

    /// Rename the saved scenario `old` (exactly as listed) to `new` (checked as
    /// in [`Library::save`]). An existing `new` is [`SaveError::Exists`] unless
    /// `overwrite`. The entry is written under the new name first and the old
    /// one removed only after that succeeded, so a failed write loses nothing.
    /// Damaged entries can be renamed too (their text is moved as it is).
    pub fn rename(&self, old: &str, new: &str, overwrite: bool) -> Result<(), SaveError> {
        let new = check_name(new)?;
        let old_key = saved_key(old);
        let text = self
            .store
            .get(&old_key)?
            .ok_or_else(|| SaveError::NotFound(old.to_owned()))?;
        if new == old {
            return Ok(());
        }
        let new_key = saved_key(new);
        if !overwrite && self.store.get(&new_key)?.is_some() {
            return Err(SaveError::Exists(new.to_owned()));
        }
        self.store.set(&new_key, &renamed(&text, new))?;
        self.store.remove(&old_key)?;
        Ok(())
    }

    /// Delete the saved scenario named exactly `name`; a missing one is no error.
    pub fn delete(&self, name: &str) -> Result<(), StoreError> {
        self.store.remove(&saved_key(name))
    }

    /// Move a working scenario that does not open (see [`Library::load_working`])
    /// out of the way before anything overwrites it: its text becomes a saved
    /// scenario named [`RECOVERED_NAME`] (with " 2", " 3", ... when taken), listed
    /// with the reason it does not open, where it can be renamed or deleted. JSON
    /// text is kept as the entry's scenario, unchanged; text that is not JSON is
    /// kept as it is. Returns the name, or `None` when there is no working
    /// scenario. The working key is removed only after the copy was written, so
    /// on error nothing changed.
    pub fn set_aside_working(&self, now_ms: f64) -> Result<Option<String>, SaveError> {
        let Some(text) = self.store.get(WORKING_KEY)? else {
            return Ok(None);
        };
        let mut name = RECOVERED_NAME.to_owned();
        let mut n = 1;
        while self.store.get(&saved_key(&name))?.is_some() {
            n += 1;
            name = format!("{RECOVERED_NAME} {n}");
        }
        let entry = match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(scenario) => serde_json::json!({
                "name": name,
                "saved_at_ms": now_ms,
                "scenario": scenario,
            })
            .to_string(),
            Err(_) => text,
        };
        self.store.set(&saved_key(&name), &entry)?;
        self.store.remove(WORKING_KEY)?;
        Ok(Some(name))
    }
}

/// The storage key of the saved scenario `name`.
fn saved_key(name: &str) -> String {
    format!("{SAVED_PREFIX}{name}")
}

/// The trimmed name if it is allowed, or an error on the field `name`.
fn check_name(name: &str) -> Result<&str, SaveError> {
    let trimmed = name.trim();
    let chars = trimmed.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS || trimmed.chars().any(char::is_control) {
        let shown = if chars > 40 {
            let head: String = trimmed.chars().take(40).collect();
            format!("{head:?}… ({chars} characters)")
        } else {
            format!("{trimmed:?}")
        };
        return Err(SaveError::InvalidName(Error::invalid(
            "name",
            shown,
            NAME_ALLOWED,
        )));
    }
    Ok(trimmed)
}

fn write_error(e: serde_json::Error) -> StoreError {
    StoreError::Other(format!("the scenario could not be written as JSON ({e})"))
}

/// The working scenario's text as a checked scenario.
fn scenario_from(slot: Slot, text: &str) -> Result<Scenario, LoadError> {
    // Tell damaged text from a valid-JSON scenario the model refuses.
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        return Err(LoadError::Unreadable {
            slot,
            why: json_problem(&e),
        });
    }
    Scenario::from_json(text).map_err(|error| LoadError::Invalid { slot, error })
}

/// A saved entry's text as its time stamp and checked scenario; on error, the
/// time stamp if it could be read.
///
/// The entry is read as a JSON tree first, so that only the scenario decides
/// whether it opens: a time stamp that is missing or not a number is only not
/// shown, and the scenario stays raw JSON for [`Scenario::from_json`] to check,
/// naming the field at fault.
fn decode_entry(
    slot: Slot,
    text: &str,
) -> Result<(Option<f64>, Scenario), (Option<f64>, LoadError)> {
    let damaged = |at: Option<f64>, why: String| {
        (
            at,
            LoadError::Unreadable {
                slot: slot.clone(),
                why,
            },
        )
    };
    let tree: serde_json::Value =
        serde_json::from_str(text).map_err(|e| damaged(None, json_problem(&e)))?;
    let serde_json::Value::Object(entry) = tree else {
        return Err(damaged(
            None,
            format!(
                "not a stored scenario: {}, where a JSON object with \"name\", \
                 \"saved_at_ms\" and \"scenario\" belongs",
                json_kind(&tree)
            ),
        ));
    };
    let at = entry
        .get("saved_at_ms")
        .and_then(serde_json::Value::as_f64)
        .filter(|t| t.is_finite());
    let scenario = match entry.get("scenario") {
        Some(scenario @ serde_json::Value::Object(_)) => scenario,
        Some(other) => {
            return Err(damaged(
                at,
                format!(
                    "not a stored scenario: its \"scenario\" is {}, where a JSON object of inputs belongs",
                    json_kind(other)
                ),
            ))
        }
        None => {
            return Err(damaged(
                at,
                "not a stored scenario: it has no \"scenario\"".to_owned(),
            ))
        }
    };
    Scenario::from_json(&scenario.to_string())
        .map(|s| (at, s))
        .map_err(|error| (at, LoadError::Invalid { slot, error }))
}

/// What kind of JSON value this is, in words ("a list", "the number 42").
fn json_kind(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "null".to_owned(),
        serde_json::Value::Bool(b) => format!("the value {b}"),
        serde_json::Value::Number(n) => format!("the number {n}"),
        serde_json::Value::String(_) => "a string".to_owned(),
        serde_json::Value::Array(_) => "a list".to_owned(),
        serde_json::Value::Object(_) => "an object".to_owned(),
    }
}

/// What is wrong with stored JSON, in words.
fn json_problem(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "the text ends too early".to_owned(),
        Category::Syntax => format!("not valid JSON at line {}, column {}", e.line(), e.column()),
        Category::Data => format!("not a stored scenario: {e}"),
        Category::Io => e.to_string(),
    }
}

/// A saved entry's text with its `name` set to `new`; damaged text is kept as it is.
fn renamed(text: &str, new: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(mut map)) => {
            map.insert("name".to_owned(), serde_json::Value::from(new));
            serde_json::Value::Object(map).to_string()
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStore;

    fn scenario(rate: f64) -> Scenario {
        Scenario::default()
            .with_setting("growth.monthly_rate", &rate.to_string())
            .unwrap()
    }

    fn lib() -> Library<MemoryStore> {
        Library::new(MemoryStore::new())
    }

    fn names(lib: &Library<MemoryStore>) -> Vec<String> {
        lib.list().unwrap().into_iter().map(|e| e.name).collect()
    }

    #[test]
    fn working_round_trip() {
        let lib = lib();
        assert_eq!(lib.load_working().unwrap(), None);
        let s = scenario(0.07);
        lib.save_working(&s).unwrap();
        assert_eq!(lib.load_working().unwrap(), Some(s.clone()));
        // Stored as the plain scenario JSON.
        let text = lib.store().get(WORKING_KEY).unwrap().unwrap();
        assert_eq!(Scenario::from_json(&text).unwrap(), s);
    }

    #[test]
    fn saved_round_trip_and_time_stamp() {
        let lib = lib();
        let s = scenario(0.12);
        lib.save("Plan A", &s, 1_700_000_000_123.0, false).unwrap();
        assert_eq!(lib.open("Plan A").unwrap(), s);
        let list = lib.list().unwrap();
        assert_eq!(
            list,
            vec![SavedEntry {
                name: "Plan A".into(),
                saved_at_ms: Some(1_700_000_000_123.0),
                status: EntryStatus::Ok
            }]
        );
        let raw: serde_json::Value = serde_json::from_str(
            &lib.store()
                .get("headroom.v1.saved.Plan A")
                .unwrap()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(raw["name"], "Plan A");
        assert_eq!(raw["scenario"]["growth"]["monthly_rate"], 0.12);
        // The working scenario is separate.
        assert_eq!(lib.load_working().unwrap(), None);
    }

    #[test]
    fn name_is_trimmed() {
        let lib = lib();
        lib.save("  spaced  ", &scenario(0.1), 1.0, false).unwrap();
        assert_eq!(names(&lib), ["spaced"]);
        assert!(lib.open("spaced").is_ok());
    }

    #[test]
    fn list_is_sorted_ignoring_case_and_skips_other_keys() {
        let lib = lib();
        for n in ["beta", "Alpha", "gamma", "alpha", "Beta 2"] {
            lib.save(n, &scenario(0.1), 1.0, false).unwrap();
        }
        lib.save_working(&scenario(0.2)).unwrap();
        lib.store().set("unrelated.key", "x").unwrap();
        lib.store().set("headroom.v1.savedX", "x").unwrap();
        assert_eq!(names(&lib), ["Alpha", "alpha", "beta", "Beta 2", "gamma"]);
    }

    #[test]
    fn overwrite_needs_confirmation() {
        let lib = lib();
        lib.save("x", &scenario(0.1), 1.0, false).unwrap();
        let e = lib.save("x", &scenario(0.2), 2.0, false).unwrap_err();
        assert_eq!(e, SaveError::Exists("x".into()));
        assert!(e.to_string().contains("already named \"x\""), "{e}");
        assert_eq!(lib.open("x").unwrap(), scenario(0.1));
        lib.save("x", &scenario(0.2), 2.0, true).unwrap();
        assert_eq!(lib.open("x").unwrap(), scenario(0.2));
        assert_eq!(lib.list().unwrap()[0].saved_at_ms, Some(2.0));
    }

    #[test]
    fn corrupted_entry_is_listed_and_others_still_open() {
        let lib = lib();
        lib.save("good", &scenario(0.1), 1.0, false).unwrap();
        lib.save("zeta", &scenario(0.3), 1.0, false).unwrap();
        lib.store()
            .set("headroom.v1.saved.broken", "{\"name\": \"broken\", \"scen")
            .unwrap();
        lib.store()
            .set(
                "headroom.v1.saved.out of range",
                r#"{"name":"out of range","saved_at_ms":5,"scenario":{"growth":{"monthly_rate":7.5}}}"#,
            )
            .unwrap();
        lib.store()
            .set("headroom.v1.saved.not an entry", "[1,2]")
            .unwrap();

        let list = lib.list().unwrap();
        assert_eq!(
            list.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
            ["broken", "good", "not an entry", "out of range", "zeta"]
        );
        let status = |n: &str| list.iter().find(|e| e.name == n).unwrap().status.clone();
        assert_eq!(status("good"), EntryStatus::Ok);
        assert_eq!(status("zeta"), EntryStatus::Ok);
        match status("broken") {
            EntryStatus::Unreadable(why) => assert!(why.contains("damaged"), "{why}"),
            s => panic!("{s:?}"),
        }
        match status("out of range") {
            EntryStatus::Unreadable(why) => {
                assert!(why.contains("growth.monthly_rate"), "{why}")
            }
            s => panic!("{s:?}"),
        }
        let bad = list.iter().find(|e| e.name == "out of range").unwrap();
        assert_eq!(bad.saved_at_ms, Some(5.0));
        assert!(matches!(status("not an entry"), EntryStatus::Unreadable(_)));

        // Opening says what is wrong, and deletes nothing.
        let e = lib.open("broken").unwrap_err();
        assert!(matches!(e, LoadError::Unreadable { .. }), "{e:?}");
        assert!(
            e.to_string().starts_with(
                "Could not open saved scenario \"broken\": the stored text is damaged"
            ),
            "{e}"
        );
        let e = lib.open("out of range").unwrap_err();
        match &e {
            LoadError::Invalid { error, .. } => assert_eq!(error.field, "growth.monthly_rate"),
            other => panic!("{other:?}"),
        }
        assert_eq!(lib.list().unwrap().len(), 5);
        assert_eq!(lib.open("good").unwrap(), scenario(0.1));
        assert_eq!(lib.open("zeta").unwrap(), scenario(0.3));

        // Damaged entries can be deleted.
        lib.delete("broken").unwrap();
        assert_eq!(lib.list().unwrap().len(), 4);
    }

    #[test]
    fn entries_of_the_wrong_shape_say_what_is_wrong_in_words() {
        let lib = lib();
        let cases = [
            ("list", "[1,2]", "not a stored scenario: a list, where a JSON object with \"name\", \"saved_at_ms\" and \"scenario\" belongs"),
            ("string", "\"text\"", "not a stored scenario: a string, where"),
            ("number", "42", "not a stored scenario: the number 42, where"),
            ("null", "null", "not a stored scenario: null, where"),
            ("no scenario", r#"{"name":"x"}"#, "not a stored scenario: it has no \"scenario\""),
            ("scenario string", r#"{"scenario":"nope"}"#, "its \"scenario\" is a string, where a JSON object of inputs belongs"),
            ("empty", "", "the text ends too early"),
            ("wrong type inside", r#"{"scenario":{"growth":{"monthly_rate":"high"}}}"#, "growth.monthly_rate = \"high\": allowed is a number"),
        ];
        for (name, text, _) in cases {
            lib.store().set(&saved_key(name), text).unwrap();
        }
        let list = lib.list().unwrap();
        for (name, text, says) in cases {
            let entry = list.iter().find(|e| e.name == name).unwrap();
            match &entry.status {
                EntryStatus::Unreadable(why) => {
                    assert!(why.contains(says), "{name}: {why}");
                    assert!(!why.contains("struct"), "{name}: {why}");
                }
                EntryStatus::Ok => panic!("{name} opened"),
            }
            // Nothing was changed by reading.
            assert_eq!(
                lib.store().get(&saved_key(name)).unwrap().as_deref(),
                Some(text)
            );
        }
    }

    #[test]
    fn a_bad_time_stamp_does_not_stop_an_entry_from_opening() {
        let lib = lib();
        let json = serde_json::to_string(scenario(0.3).input()).unwrap();
        for (name, at) in [("text", "\"yesterday\""), ("null", "null"), ("list", "[1]")] {
            let text = format!(r#"{{"name":"{name}","saved_at_ms":{at},"scenario":{json}}}"#);
            lib.store().set(&saved_key(name), &text).unwrap();
            assert_eq!(lib.open(name).unwrap(), scenario(0.3), "{name}");
        }
        let list = lib.list().unwrap();
        assert!(list
            .iter()
            .all(|e| e.status == EntryStatus::Ok && e.saved_at_ms.is_none()));
    }

    #[test]
    fn corrupted_working_is_an_error_and_kept() {
        let lib = lib();
        lib.store().set(WORKING_KEY, "{not json").unwrap();
        let e = lib.load_working().unwrap_err();
        assert!(
            matches!(
                e,
                LoadError::Unreadable {
                    slot: Slot::Working,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("the working scenario"), "{e}");
        assert_eq!(
            lib.store().get(WORKING_KEY).unwrap().as_deref(),
            Some("{not json")
        );

        lib.store()
            .set(WORKING_KEY, r#"{"horizon_months": 999}"#)
            .unwrap();
        match lib.load_working().unwrap_err() {
            LoadError::Invalid {
                slot: Slot::Working,
                error,
            } => {
                assert_eq!(error.field, "horizon_months")
            }
            other => panic!("{other:?}"),
        }
        assert!(lib.store().get(WORKING_KEY).unwrap().is_some());
    }

    #[test]
    fn missing_entry_is_not_found() {
        let lib = lib();
        assert_eq!(
            lib.open("nope").unwrap_err(),
            LoadError::NotFound("nope".into())
        );
        assert_eq!(
            lib.rename("nope", "other", false).unwrap_err(),
            SaveError::NotFound("nope".into())
        );
        lib.delete("nope").unwrap();
    }

    #[test]
    fn full_store_fails_save_and_keeps_previous_entries() {
        let lib = lib();
        lib.save("one", &scenario(0.1), 1.0, false).unwrap();
        lib.save("two", &scenario(0.2), 1.0, false).unwrap();
        lib.save_working(&scenario(0.3)).unwrap();
        lib.store().set_quota(Some(lib.store().used_bytes() + 10));

        let e = lib.save("three", &scenario(0.4), 2.0, false).unwrap_err();
        assert_eq!(e, SaveError::Store(StoreError::Full));
        assert!(
            e.to_string().starts_with("Browser storage is full: "),
            "{e}"
        );
        // Overwriting with something bigger fails too, and keeps the old one.
        let big = Scenario::default()
            .with_setting("name", &"n".repeat(100))
            .unwrap();
        assert_eq!(
            lib.save("one", &big, 2.0, true).unwrap_err(),
            SaveError::Store(StoreError::Full)
        );
        assert_eq!(lib.save_working(&big).unwrap_err(), StoreError::Full);

        assert_eq!(names(&lib), ["one", "two"]);
        assert_eq!(lib.open("one").unwrap(), scenario(0.1));
        assert_eq!(lib.open("two").unwrap(), scenario(0.2));
        assert_eq!(lib.load_working().unwrap(), Some(scenario(0.3)));
        // Deleting makes room again.
        lib.delete("two").unwrap();
        lib.save("three", &scenario(0.4), 2.0, false).unwrap();
        assert_eq!(names(&lib), ["one", "three"]);
    }

    #[test]
    fn disabled_store_is_unavailable_everywhere() {
        let lib = lib();
        lib.save("kept", &scenario(0.1), 1.0, false).unwrap();
        lib.store().set_disabled(true);
        let u = StoreError::Unavailable;
        assert_eq!(lib.load_working().unwrap_err(), LoadError::Store(u.clone()));
        assert_eq!(lib.save_working(&scenario(0.2)).unwrap_err(), u);
        assert_eq!(lib.list().unwrap_err(), u);
        assert_eq!(lib.open("kept").unwrap_err(), LoadError::Store(u.clone()));
        assert_eq!(
            lib.save("new", &scenario(0.2), 1.0, false).unwrap_err(),
            SaveError::Store(u.clone())
        );
        assert_eq!(
            lib.save("new", &scenario(0.2), 1.0, true).unwrap_err(),
            SaveError::Store(u.clone())
        );
        assert_eq!(
            lib.rename("kept", "new", true).unwrap_err(),
            SaveError::Store(u.clone())
        );
        assert_eq!(lib.delete("kept").unwrap_err(), u);
        assert!(u
            .to_string()
            .starts_with("Browser storage is unavailable: "));
        // Nothing was lost meanwhile.
        lib.store().set_disabled(false);
        assert_eq!(names(&lib), ["kept"]);
    }

    #[test]
    fn browser_store_is_unavailable_natively() {
        let lib = Library::browser();
        assert_eq!(
            lib.load_working().unwrap_err(),
            LoadError::Store(StoreError::Unavailable)
        );
        assert_eq!(lib.list().unwrap_err(), StoreError::Unavailable);
    }

    #[test]
    fn rename_moves_the_entry() {
        let lib = lib();
        lib.save("old", &scenario(0.1), 7.0, false).unwrap();
        lib.rename("old", "  new  ", false).unwrap();
        assert_eq!(names(&lib), ["new"]);
        assert_eq!(lib.open("new").unwrap(), scenario(0.1));
        let list = lib.list().unwrap();
        assert_eq!(list[0].saved_at_ms, Some(7.0));
        let raw: serde_json::Value =
            serde_json::from_str(&lib.store().get("headroom.v1.saved.new").unwrap().unwrap())
                .unwrap();
        assert_eq!(raw["name"], "new");
        // Renaming to itself changes nothing.
        lib.rename("new", "new", false).unwrap();
        assert_eq!(names(&lib), ["new"]);
    }

    #[test]
    fn rename_onto_existing_needs_overwrite() {
        let lib = lib();
        lib.save("a", &scenario(0.1), 1.0, false).unwrap();
        lib.save("b", &scenario(0.2), 1.0, false).unwrap();
        assert_eq!(
            lib.rename("a", "b", false).unwrap_err(),
            SaveError::Exists("b".into())
        );
        assert_eq!(lib.open("a").unwrap(), scenario(0.1));
        assert_eq!(lib.open("b").unwrap(), scenario(0.2));
        lib.rename("a", "b", true).unwrap();
        assert_eq!(names(&lib), ["b"]);
        assert_eq!(lib.open("b").unwrap(), scenario(0.1));
    }

    #[test]
    fn failed_rename_keeps_the_old_entry() {
        let lib = lib();
        lib.save("a", &scenario(0.1), 1.0, false).unwrap();
        lib.store().set_quota(Some(lib.store().used_bytes() + 5));
        assert_eq!(
            lib.rename("a", "a much longer name", false).unwrap_err(),
            SaveError::Store(StoreError::Full)
        );
        assert_eq!(names(&lib), ["a"]);
        assert_eq!(lib.open("a").unwrap(), scenario(0.1));
    }

    #[test]
    fn damaged_entry_can_be_renamed() {
        let lib = lib();
        lib.store().set("headroom.v1.saved.bad", "{oops").unwrap();
        lib.rename("bad", "still bad", false).unwrap();
        assert_eq!(
            lib.store()
                .get("headroom.v1.saved.still bad")
                .unwrap()
                .as_deref(),
            Some("{oops")
        );
        assert_eq!(names(&lib), ["still bad"]);
    }

    #[test]
    fn odd_names_round_trip_as_text() {
        let lib = lib();
        let odd = [
            "v1.2.3",
            "with  inner spaces",
            "Ünïcödé 日本語 🚀",
            "<b>x</b>",
            "\"quoted\" & 'apos'",
            "a/b\\c",
            "headroom.v1.saved.nested",
        ];
        for (i, n) in odd.iter().enumerate() {
            lib.save(n, &scenario(0.01 * (i + 1) as f64), i as f64, false)
                .unwrap();
        }
        let listed = names(&lib);
        assert_eq!(listed.len(), odd.len());
        for (i, n) in odd.iter().enumerate() {
            assert!(listed.iter().any(|l| l == n), "{n} missing from {listed:?}");
            assert_eq!(lib.open(n).unwrap(), scenario(0.01 * (i + 1) as f64), "{n}");
        }
        lib.rename("<b>x</b>", "<i>y</i>", false).unwrap();
        assert!(lib.open("<i>y</i>").is_ok());
        assert!(matches!(lib.open("<b>x</b>"), Err(LoadError::NotFound(_))));
    }

    #[test]
    fn invalid_names_are_refused_naming_the_field() {
        let lib = lib();
        let s = scenario(0.1);
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        for bad in [
            "",
            "   ",
            "line\nbreak",
            "tab\there",
            "nul\0",
            long.as_str(),
        ] {
            match lib.save(bad, &s, 1.0, false).unwrap_err() {
                SaveError::InvalidName(e) => {
                    assert_eq!(e.field, "name");
                    let msg = SaveError::InvalidName(e).to_string();
                    assert!(msg.starts_with("name = "), "{msg}");
                    assert!(msg.contains("1 to 80 characters"), "{msg}");
                }
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        // Exactly 80 characters (multi-byte) is fine.
        let max = "é".repeat(MAX_NAME_CHARS);
        lib.save(&max, &s, 1.0, false).unwrap();
        lib.save("ok", &s, 1.0, false).unwrap();
        assert!(matches!(
            lib.rename("ok", "bad\nname", false),
            Err(SaveError::InvalidName(_))
        ));
        // Sorted by lower-cased text: "é" comes after ASCII letters.
        assert_eq!(names(&lib), ["ok", max.as_str()]);
        // The long name is shown shortened.
        let e = lib.save(&long, &s, 1.0, false).unwrap_err().to_string();
        assert!(e.contains("(81 characters)"), "{e}");
    }

    #[test]
    fn a_damaged_working_scenario_is_set_aside_not_lost() {
        let lib = lib();
        assert_eq!(lib.set_aside_working(1.0).unwrap(), None);

        // Text that is not JSON is kept as it is.
        lib.store().set(WORKING_KEY, "{not json").unwrap();
        assert_eq!(
            lib.set_aside_working(5.0).unwrap().as_deref(),
            Some(RECOVERED_NAME)
        );
        assert_eq!(lib.store().get(WORKING_KEY).unwrap(), None);
        assert_eq!(
            lib.store()
                .get("headroom.v1.saved.Recovered working scenario")
                .unwrap()
                .as_deref(),
            Some("{not json")
        );

        // JSON the model refuses is kept as the entry's scenario, unchanged.
        let refused = r#"{"horizon_months":999,"name":"mine"}"#;
        lib.store().set(WORKING_KEY, refused).unwrap();
        let name = lib.set_aside_working(7.0).unwrap().unwrap();
        assert_eq!(name, "Recovered working scenario 2");
        let raw: serde_json::Value =
            serde_json::from_str(&lib.store().get(&saved_key(&name)).unwrap().unwrap()).unwrap();
        assert_eq!(
            raw["scenario"],
            serde_json::from_str::<serde_json::Value>(refused).unwrap()
        );
        assert_eq!(raw["name"], name.as_str());

        // Both are listed with their reasons and can be deleted.
        let list = lib.list().unwrap();
        assert_eq!(list.len(), 2);
        match &list[0].status {
            EntryStatus::Unreadable(why) => assert!(why.contains("damaged"), "{why}"),
            s => panic!("{s:?}"),
        }
        match &list[1].status {
            EntryStatus::Unreadable(why) => assert!(why.contains("horizon_months"), "{why}"),
            s => panic!("{s:?}"),
        }
        assert_eq!(list[1].saved_at_ms, Some(7.0));
        match lib.open(&name).unwrap_err() {
            LoadError::Invalid { error, .. } => assert_eq!(error.field, "horizon_months"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn setting_aside_into_a_full_store_changes_nothing() {
        let lib = lib();
        lib.store().set(WORKING_KEY, "{damaged").unwrap();
        lib.store().set_quota(Some(lib.store().used_bytes()));
        assert_eq!(
            lib.set_aside_working(1.0).unwrap_err(),
            SaveError::Store(StoreError::Full)
        );
        assert_eq!(
            lib.store().get(WORKING_KEY).unwrap().as_deref(),
            Some("{damaged")
        );
        assert!(lib.list().unwrap().is_empty());
    }

    #[test]
    fn two_tabs_over_one_store_lose_nothing_and_resurrect_nothing() {
        let shared = MemoryStore::new();
        let (a, b) = (Library::new(&shared), Library::new(&shared));
        a.save("from A", &scenario(0.1), 1.0, false).unwrap();
        b.save("from B", &scenario(0.2), 2.0, false).unwrap();
        // Each tab sees both: there is no list to overwrite, only one key per name.
        for tab in [&a, &b] {
            let names: Vec<String> = tab.list().unwrap().into_iter().map(|e| e.name).collect();
            assert_eq!(names, ["from A", "from B"]);
        }
        // B listed "from A" before A deleted it; B's stale view cannot bring it back.
        let stale = b.list().unwrap();
        a.delete("from A").unwrap();
        assert!(stale.iter().any(|e| e.name == "from A"));
        assert_eq!(
            b.open("from A").unwrap_err(),
            LoadError::NotFound("from A".into())
        );
        assert_eq!(
            b.rename("from A", "again", false).unwrap_err(),
            SaveError::NotFound("from A".into())
        );
        b.save("another", &scenario(0.3), 3.0, false).unwrap();
        let names: Vec<String> = a.list().unwrap().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["another", "from B"]);
        // The working scenario is one key: the last write wins.
        a.save_working(&scenario(0.1)).unwrap();
        b.save_working(&scenario(0.2)).unwrap();
        assert_eq!(a.load_working().unwrap(), Some(scenario(0.2)));
    }

    #[test]
    fn memory_store_quota_counts_replacements() {
        let m = MemoryStore::with_quota(10);
        m.set("ab", "cdefgh").unwrap(); // 8 bytes
        m.set("ab", "cdefghij").unwrap(); // replaces: 10 bytes
        assert_eq!(m.set("ab", "cdefghijk"), Err(StoreError::Full));
        assert_eq!(m.set("z", "z"), Err(StoreError::Full));
        assert_eq!(m.get("ab").unwrap().as_deref(), Some("cdefghij"));
        m.remove("ab").unwrap();
        m.set("z", "z").unwrap();
        assert_eq!(m.keys().unwrap(), ["z"]);
    }
}
