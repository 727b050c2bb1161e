//! Wire names: how a value of an enum is written in scenario files, links and
//! the JSON output. Serde's attributes on each type define them once; this
//! reads them back for text (messages, lists of what is allowed).

use serde::Serialize;

/// The name `value` serialises to (a unit variant's name), or its JSON text.
///
/// ```
/// use headroom_models::scenario::Adoption;
/// assert_eq!(headroom_models::wire::name(&Adoption::RuleOfThumb), "rule_of_thumb");
/// ```
pub fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Every name of an enum's variants, joined as a list of what is allowed:
/// `compound | logistic | per_stage`.
pub fn choices<T: Serialize>(all: &[T]) -> String {
    all.iter().map(name).collect::<Vec<_>>().join(" | ")
}
