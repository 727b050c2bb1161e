//! What can go wrong with stored scenarios, each in words a person can act on.

use std::fmt;

use headroom_models::Error;

/// Why the storage could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// Storage is disabled or blocked (private browsing, site settings, a
    /// sandboxed frame), or there is no browser at all.
    Unavailable,
    /// The browser refused to store more (`QuotaExceededError`).
    Full,
    /// Any other failure, described.
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable => f.write_str(
                "Browser storage is unavailable: this browser blocks local storage here \
                 (private browsing, site settings or an embedded frame), so scenarios \
                 cannot be kept between visits",
            ),
            StoreError::Full => f.write_str(
                "Browser storage is full: delete saved scenarios you no longer need, \
                 then try again",
            ),
            StoreError::Other(why) => write!(f, "Browser storage failed: {why}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// Which stored scenario an error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// The working scenario ([`WORKING_KEY`]).
    Working,
    /// The saved scenario of this name.
    Saved(String),
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Slot::Working => f.write_str("the working scenario"),
            Slot::Saved(name) => write!(f, "saved scenario {}", quoted(name)),
        }
    }
}

/// Why a stored scenario could not be opened. Reading never deletes anything:
/// the entry stays until it is replaced or deleted.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The storage itself failed.
    Store(StoreError),
    /// No saved scenario has this name.
    NotFound(String),
    /// The stored text is damaged: not JSON, or not the expected shape.
    Unreadable {
        /// The entry.
        slot: Slot,
        /// What is wrong with the text.
        why: String,
    },
    /// The stored scenario is no longer valid (e.g. a value now out of range);
    /// the model's error names the field and what is allowed.
    Invalid {
        /// The entry.
        slot: Slot,
        /// The field, the value and what is allowed.
        error: Error,
    },
}

impl LoadError {
    /// The reason alone, without naming the entry (for listings).
    pub(super) fn reason(&self) -> String {
        match self {
            LoadError::Store(e) => e.to_string(),
            LoadError::NotFound(_) => "it is no longer there".to_owned(),
            LoadError::Unreadable { why, .. } => format!("the stored text is damaged ({why})"),
            LoadError::Invalid { error, .. } => error.to_string(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Store(e) => e.fmt(f),
            LoadError::NotFound(name) => write!(f, "No saved scenario is named {}", quoted(name)),
            LoadError::Unreadable { slot, .. } | LoadError::Invalid { slot, .. } => {
                write!(f, "Could not open {slot}: {}", self.reason())
            }
        }
    }
}

impl std::error::Error for LoadError {}

impl From<StoreError> for LoadError {
    fn from(e: StoreError) -> Self {
        LoadError::Store(e)
    }
}

/// Why a scenario could not be saved or renamed. Nothing saved before is lost.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The name is not allowed; the error names the field `name` and what is allowed.
    InvalidName(Error),
    /// A saved scenario already has this name and `overwrite` was not given:
    /// ask the person to confirm, then call again with `overwrite`.
    Exists(String),
    /// The scenario to rename is not there.
    NotFound(String),
    /// The storage failed (full, disabled, ...).
    Store(StoreError),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::InvalidName(e) => e.fmt(f),
            SaveError::Exists(name) => write!(
                f,
                "A saved scenario is already named {}: confirm to replace it, or choose another name",
                quoted(name)
            ),
            SaveError::NotFound(name) => {
                write!(f, "No saved scenario is named {}", quoted(name))
            }
            SaveError::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SaveError {}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

/// `name` in quotes, with control characters escaped.
pub(super) fn quoted(name: &str) -> String {
    format!("{name:?}")
}
