//! Share links as people paste them: any text (arbitrary bytes read as UTF-8,
//! invalid sequences replaced) into `codec::decode`. Never a panic; a refusal
//! names the field; an accepted link is a valid scenario that round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    headroom_fuzz::check_link(&String::from_utf8_lossy(data));
});
