//! The working scenario and named saved scenarios, kept in the browser's local
//! storage.
//!
//! Layout (version 1 of the storage keys):
//!
//! - [`WORKING_KEY`] (`headroom.v1.working`) holds the working scenario as the
//!   JSON of its [`ScenarioInput`].
//! - [`SAVED_PREFIX`]`<name>` (`headroom.v1.saved.<name>`) holds one saved
//!   scenario each, as `{"name": ..., "saved_at_ms": ..., "scenario": {...}}`.
//!   One key per scenario: a damaged entry cannot take the others with it.
//!
//! Nothing here panics on a full, disabled or damaged storage: every failure is
//! a [`StoreError`], [`LoadError`] or [`SaveError`] whose message a person can
//! act on. Reading never deletes anything; a failed write loses nothing that was
//! saved before; a working scenario that does not open is set aside as a saved
//! one ([`Library::set_aside_working`]) before anything may overwrite it. The
//! clock comes from the caller (`now_ms`), so tests are deterministic.
//!
//! Files: `kv.rs` (the key-value stores: the browser's and one in memory),
//! `errors.rs` (what can go wrong, in words a person can act on), `library.rs`
//! (the entries and the library over a store); here, the [`Shelf`]: the one
//! library of the page, in context.

mod errors;
mod kv;
mod library;

use std::rc::Rc;

use leptos::prelude::*;

pub use errors::{LoadError, SaveError, Slot, StoreError};
pub use kv::{BrowserStore, KeyValue, MemoryStore};
pub use library::{EntryStatus, Library, SavedEntry};

/// Key of the working scenario (the JSON of its [`ScenarioInput`]).
pub const WORKING_KEY: &str = "headroom.v1.working";

/// Prefix of the key of each saved scenario; the scenario's name follows it.
pub const SAVED_PREFIX: &str = "headroom.v1.saved.";

/// The name under which a working scenario that does not open is kept
/// ([`Library::set_aside_working`]).
pub const RECOVERED_NAME: &str = "Recovered working scenario";

/// Longest name of a saved scenario, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// What a saved-scenario name may be, as shown in errors about the field `name`.
pub(crate) const NAME_ALLOWED: &str =
    "a name of 1 to 80 characters, without control characters such as line breaks or tabs";

/// A store the page's library can share: the browser's local storage in the
/// page, memory in tests.
pub type SharedStore = Rc<dyn KeyValue>;

/// The page's one library, provided through context so that every panel
/// reaches the same store (the browser's in the page, a [`MemoryStore`] in
/// tests). A handle: copying it copies no data.
#[derive(Clone, Copy)]
pub struct Shelf(StoredValue<Library<SharedStore>, LocalStorage>);

impl Shelf {
    /// A shelf over `store`.
    pub fn new(store: SharedStore) -> Shelf {
        Shelf(StoredValue::new_local(Library::new(store)))
    }

    /// The shelf of the browser's local storage.
    pub fn browser() -> Shelf {
        Shelf::new(Rc::new(BrowserStore::new()))
    }

    /// The library (a clone that shares the store).
    pub fn library(&self) -> Library<SharedStore> {
        self.0.get_value()
    }
}
