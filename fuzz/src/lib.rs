//! The checks every fuzz target makes, in one place: what must hold for any
//! input, whatever the bytes.
//!
//! - Reading never panics (a panic is a crash to libFuzzer).
//! - A refusal is an [`Error`] that names a field and says what is allowed.
//! - An accepted scenario is valid (`Scenario::new` accepts its inputs again),
//!   survives a share link and a scenario file unchanged, and projects to finite
//!   figures for every month of its horizon.
//!
//! `models/tests/fuzzing.rs` makes the same checks in CI with proptest.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use headroom_models::{codec, project, Error, Scenario};

/// A refusal must say what was wrong and what would do.
pub fn check_error(e: &Error, what: &str) {
    assert!(
        !e.field.trim().is_empty(),
        "{what}: error without a field: {e:?}"
    );
    assert!(
        !e.allowed.trim().is_empty(),
        "{what}: error that does not say what is allowed: {e:?}"
    );
    let line = e.to_string();
    assert!(
        line.contains(&e.field) && line.contains(&e.allowed),
        "{what}: the message leaves out the field or what is allowed: {line}"
    );
}

/// Everything an accepted scenario must satisfy.
pub fn check_scenario(s: &Scenario, what: &str) {
    // Valid: the checks accept its inputs again and resolve the same catalog.
    match Scenario::new(s.input().clone()) {
        Ok(again) => assert_eq!(&again, s, "{what}: checking again changed the scenario"),
        Err(e) => panic!("{what}: an accepted scenario fails its own checks: {e}"),
    }
    // A share link brings back the same scenario.
    let token = codec::encode(s);
    assert!(
        token.len() <= codec::MAX_TOKEN_BYTES,
        "{what}: the link is {} bytes, over the {} it may have",
        token.len(),
        codec::MAX_TOKEN_BYTES
    );
    match codec::decode(&token) {
        Ok(back) => assert_eq!(&back, s, "{what}: the link changed the scenario"),
        Err(e) => panic!("{what}: its own link is refused: {e}"),
    }
    // So does a scenario file.
    let json = serde_json::to_string(s.input()).expect("plain data serialises");
    match Scenario::from_json(&json) {
        Ok(back) => assert_eq!(&back, s, "{what}: the file changed the scenario"),
        Err(e) => panic!("{what}: its own file is refused: {e}\n{json}"),
    }
    // It projects, with a finite figure everywhere.
    let p = project(s);
    let horizon = s.input().horizon_months;
    assert_eq!(
        p.months.len(),
        horizon as usize + 1,
        "{what}: months 0 to {horizon} expected"
    );
    for m in &p.months {
        for (name, v) in m.figures() {
            assert!(v.is_finite(), "{what}: month {} {name} = {v}", m.month);
        }
    }
    for e in &p.events {
        assert!(
            e.value.is_finite() && e.threshold.is_finite() && e.month <= horizon,
            "{what}: event {e:?}"
        );
    }
    assert!(!p.stages.is_empty(), "{what}: no stage reached");
}

/// Decode a link (token, fragment or URL) and check the outcome.
pub fn check_link(text: &str) {
    match codec::decode(text) {
        Ok(s) => check_scenario(&s, "decoded link"),
        Err(e) => check_error(&e, "refused link"),
    }
}

/// Read a scenario file the way the CLI and the app do, and check the outcome.
pub fn check_scenario_json(text: &str) {
    match Scenario::from_json(text) {
        Ok(s) => check_scenario(&s, "scenario file"),
        Err(e) => check_error(&e, "refused scenario file"),
    }
}

/// A version 1 token carrying these bytes as its scenario JSON: what a link
/// made by hand (or by a buggy sharer) would hold, so the fuzzer reaches the
/// JSON reader and the checks behind the codec.
pub fn v1_token(json: &[u8]) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json, 6);
    format!("1.{}", URL_SAFE_NO_PAD.encode(packed))
}
