//! Key-value stores: the browser's `localStorage` and one in memory (for
//! tests and for running without a browser), behind one trait.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use gloo_storage::{LocalStorage, Storage as _};

use super::StoreError;

/// A string key-value store: the part of `localStorage` this module needs.
pub trait KeyValue {
    /// The value under `key`, or `None` when there is none.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Store `value` under `key`, replacing any value there. On error nothing changed.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Remove `key`; removing a missing key is not an error.
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key in the store, in no particular order.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// An in-memory [`KeyValue`] for tests and for running without a browser. It can
/// simulate a full storage ([`MemoryStore::set_quota`]) and a disabled one
/// ([`MemoryStore::set_disabled`]).
#[derive(Debug, Default)]
pub struct MemoryStore {
    map: RefCell<BTreeMap<String, String>>,
    quota: Cell<Option<usize>>,
    disabled: Cell<bool>,
}

impl MemoryStore {
    /// An empty store without a quota.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// An empty store that holds at most `bytes` bytes (keys plus values, UTF-8).
    pub fn with_quota(bytes: usize) -> MemoryStore {
        let store = MemoryStore::new();
        store.set_quota(Some(bytes));
        store
    }

    /// Limit the store to `bytes` bytes (keys plus values), or lift the limit
    /// with `None`. Entries already stored stay; only writes that would exceed
    /// the limit fail, with [`StoreError::Full`].
    pub fn set_quota(&self, bytes: Option<usize>) {
        self.quota.set(bytes);
    }

    /// Disable (`true`) or enable the store: while disabled every operation
    /// fails with [`StoreError::Unavailable`] and the contents are kept.
    pub fn set_disabled(&self, disabled: bool) {
        self.disabled.set(disabled);
    }

    /// Bytes in use: the sum of the lengths of every key and value.
    pub fn used_bytes(&self) -> usize {
        self.map
            .borrow()
            .iter()
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }

    fn check(&self) -> Result<(), StoreError> {
        if self.disabled.get() {
            Err(StoreError::Unavailable)
        } else {
            Ok(())
        }
    }
}

/// A shared store is a store: a reference or an `Rc` to one (two [`Library`]
/// values over one `&MemoryStore` behave like two tabs over one
/// `localStorage`; the page's [`super::Shelf`] holds an `Rc`).
impl<P, T> KeyValue for P
where
    P: std::ops::Deref<Target = T>,
    T: KeyValue + ?Sized,
{
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.check()?;
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.check()?;
        if let Some(quota) = self.quota.get() {
            let old = self
                .map
                .borrow()
                .get(key)
                .map_or(0, |v| key.len() + v.len());
            if self.used_bytes() - old + key.len() + value.len() > quota {
                return Err(StoreError::Full);
            }
        }
        self.map
            .borrow_mut()
            .insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.check()?;
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.check()?;
        Ok(self.map.borrow().keys().cloned().collect())
    }
}

/// The browser's `window.localStorage` as a [`KeyValue`], through
/// gloo-storage's `LocalStorage`.
///
/// gloo panics when there is no storage (`LocalStorage::raw` expects one), so
/// every call first probes for it: no window, storage disabled or blocked is
/// [`StoreError::Unavailable`] before gloo is reached. Every operation on the
/// storage gloo hands over maps the browser's exception to a [`StoreError`]
/// (gloo's own `delete` and `length` would panic on one: a storage blocked in
/// the middle of a session throws there); nothing panics. Outside wasm32
/// (native builds and tests) every call fails with [`StoreError::Unavailable`]
/// without touching any browser API.
#[derive(Debug, Default, Clone, Copy)]
pub struct BrowserStore;

impl BrowserStore {
    /// A handle on `window.localStorage`; nothing is accessed until it is used.
    pub fn new() -> BrowserStore {
        BrowserStore
    }

    /// Whether the page has a local storage it may use (the probe gloo lacks).
    fn probe() -> Result<(), StoreError> {
        if !cfg!(target_arch = "wasm32") {
            return Err(StoreError::Unavailable);
        }
        let window = web_sys::window().ok_or(StoreError::Unavailable)?;
        match window.local_storage() {
            Ok(Some(_)) => Ok(()),
            Ok(None) => Err(StoreError::Unavailable),
            // Reading `localStorage` throws (SecurityError) when it is blocked.
            Err(e) => Err(match js_error(&e) {
                StoreError::Other(_) => StoreError::Unavailable,
                other => other,
            }),
        }
    }

    /// gloo's storage, once the probe has found it.
    fn storage() -> Result<web_sys::Storage, StoreError> {
        BrowserStore::probe()?;
        Ok(LocalStorage::raw())
    }
}

/// Map a JavaScript exception from the Storage API to a [`StoreError`].
fn js_error(e: &wasm_bindgen::JsValue) -> StoreError {
    let field = |name: &str| -> Option<String> {
        if !e.is_object() {
            return None;
        }
        js_sys::Reflect::get(e, &wasm_bindgen::JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string())
    };
    let name = field("name").unwrap_or_default();
    match name.as_str() {
        // Firefox used its own name before the standard one.
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::Full,
        "SecurityError" => StoreError::Unavailable,
        _ => {
            let message = field("message")
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "the browser gave no reason".to_owned());
            if name.is_empty() {
                StoreError::Other(message)
            } else {
                StoreError::Other(format!("{name}: {message}"))
            }
        }
    }
}

impl KeyValue for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Self::storage()?.get_item(key).map_err(|e| js_error(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        Self::storage()?
            .set_item(key, value)
            .map_err(|e| js_error(&e))
    }

    // Not gloo's `delete` and `length`: they panic when the browser throws
    // (a storage blocked mid-session does), where a StoreError is due.
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        Self::storage()?.remove_item(key).map_err(|e| js_error(&e))
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = Self::storage()?;
        let len = storage.length().map_err(|e| js_error(&e))?;
        let mut keys = Vec::with_capacity(len as usize);
        for i in 0..len {
            // A key can vanish meanwhile (another tab): skip it.
            if let Some(key) = storage.key(i).map_err(|e| js_error(&e))? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
