//! Links whose data unpacks: arbitrary bytes, deflated and base64url-encoded
//! into a version 1 token, so every input reaches the codec's JSON reader and
//! the scenario checks behind it (random text rarely survives base64 and
//! inflate on its own).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    headroom_fuzz::check_link(&headroom_fuzz::v1_token(data));
});
