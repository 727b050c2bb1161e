//! The one error type of the model: what was wrong, with what value, and what is allowed.

use std::fmt;

/// A rejected input: the field (dotted path as in the scenario file), the value
/// that was given, and what is allowed. Its `Display` is one line a person can act on.
///
/// ```
/// use headroom_models::Error;
/// let e = Error::invalid("growth.monthly_rate", 7.5, "a rate from -0.5 to 2 (per month)");
/// assert_eq!(e.to_string(), "growth.monthly_rate = 7.5: allowed is a rate from -0.5 to 2 (per month)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// Dotted path of the field, e.g. `usage.peak_to_average`, or `link` for a share link.
    pub field: String,
    /// The offending value as text.
    pub value: String,
    /// What would have been accepted.
    pub allowed: String,
}

impl Error {
    /// An error for `field` holding `value`, where `allowed` says what is accepted.
    pub fn invalid(
        field: impl Into<String>,
        value: impl fmt::Display,
        allowed: impl Into<String>,
    ) -> Error {
        Error {
            field: field.into(),
            value: value.to_string(),
            allowed: allowed.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} = {}: allowed is {}",
            self.field, self.value, self.allowed
        )
    }
}

impl std::error::Error for Error {}
