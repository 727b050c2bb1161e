//! Scenario files: arbitrary bytes read as UTF-8 (invalid sequences replaced,
//! as a file read lossily would be) into `Scenario::from_json`, the reader of
//! the CLI's files and the app's imports and saved scenarios. Never a panic; an
//! accepted scenario projects to finite figures and round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    headroom_fuzz::check_scenario_json(&String::from_utf8_lossy(data));
});
