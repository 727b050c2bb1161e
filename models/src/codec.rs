//! Share links: a whole scenario in a URL fragment.
//!
//! A link token is `<version>.<payload>`: the schema version in decimal, a dot,
//! then the scenario's JSON (every field, so later changes to defaults never change
//! an old link's numbers), compressed and encoded as base64url without padding.
//! It travels in the fragment (`#s=<token>`), which browsers never send to a server.
//!
//! - Version 1: raw deflate. It has no checksum, so a character changed in
//!   transit can, rarely, still unpack to a different valid scenario.
//! - Version 2 (written today): the same JSON in a zlib stream (RFC 1950), whose
//!   Adler-32 checksum of the JSON is checked on opening: a changed or lost
//!   character is reported as such instead of opening something else.
//!
//! Every released version keeps decoding forever (`models/tests/golden_links.rs`
//! holds links of every version with the figures they must give). Decoding is
//! bounded: a token longer than [`MAX_TOKEN_BYTES`] is refused before any work,
//! and inflation stops at [`MAX_JSON_BYTES`], so a hostile link cannot exhaust memory.

use base64::alphabet::URL_SAFE;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{DecodeError, Engine as _};
use miniz_oxide::deflate::compress_to_vec_zlib;
use miniz_oxide::inflate::{
    decompress_to_vec_with_limit, decompress_to_vec_zlib_with_limit, DecompressError, TINFLStatus,
};

use crate::error::Error;
use crate::scenario::{input_from_json, Scenario};

/// The schema version this build writes.
pub const LINK_VERSION: u32 = 2;
/// Longest token accepted (bytes). Real scenarios encode to about 1–2 KB.
pub const MAX_TOKEN_BYTES: usize = 16 * 1024;
/// Largest scenario JSON a token may inflate to (bytes).
pub const MAX_JSON_BYTES: usize = 64 * 1024;
/// The fragment key that carries the token: `#s=<token>`.
pub const FRAGMENT_KEY: &str = "s";
/// The fragment key of the scenario compared with (B): `#s=<A>&b=<B>`.
pub const COMPARE_KEY: &str = "b";

/// base64url, written without padding; read with or without it, and with the
/// unused low bits of a cut-short last character ignored, so that a link cut at
/// any point is reported by the inflater as cut short rather than as bad base64.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Encode a scenario as a link token.
///
/// ```
/// use headroom_models::{codec, Scenario};
/// let s = Scenario::default();
/// let token = codec::encode(&s);
/// assert!(token.starts_with("2."));
/// assert_eq!(codec::decode(&token).unwrap(), s);
/// ```
pub fn encode(scenario: &Scenario) -> String {
    // Serialising plain data with string keys cannot fail.
    let json = serde_json::to_vec(scenario.input()).unwrap_or_default();
    let packed = compress_to_vec_zlib(&json, 9);
    format!("{LINK_VERSION}.{}", BASE64.encode(packed))
}

/// Decode a token, a fragment (`#s=...`, `s=...`) or a whole URL carrying one.
///
/// Errors name the problem (`link` is the field) and never panic, whatever the input.
///
/// ```
/// use headroom_models::codec;
/// assert_eq!(codec::decode("9.abc").unwrap_err().field, "link version");
/// assert_eq!(codec::decode("2.@@@").unwrap_err().field, "link");
/// assert!(codec::decode("").is_err());
/// ```
pub fn decode(link: &str) -> Result<Scenario, Error> {
    if link.len() > MAX_TOKEN_BYTES {
        return Err(Error::invalid(
            "link",
            format!("{} bytes", link.len()),
            format!("a link of at most {MAX_TOKEN_BYTES} bytes"),
        ));
    }
    let token = extract_token(link.trim()).ok_or_else(|| {
        Error::invalid(
            "link",
            shorten(link.trim()),
            "a Headroom link: an address ending in `#s=<version>.<data>`",
        )
    })?;
    let (version, payload) = token.split_once('.').ok_or_else(|| {
        Error::invalid(
            "link",
            shorten(token),
            "a Headroom link: `#s=<version>.<data>`",
        )
    })?;
    let version: u32 = version
        .parse()
        .map_err(|_| Error::invalid("link version", shorten(version), "a whole number"))?;
    let packed = match version {
        1 | 2 => unbase64(payload)?,
        v => {
            return Err(Error::invalid(
                "link version",
                v,
                format!(
                    "a version from 1 to {LINK_VERSION} (this link was made by a newer Headroom)"
                ),
            ))
        }
    };
    let json = if version == 1 {
        // Version 1: raw deflate.
        decompress_to_vec_with_limit(&packed, MAX_JSON_BYTES)
    } else {
        // Version 2: a zlib stream, its checksum checked.
        decompress_to_vec_zlib_with_limit(&packed, MAX_JSON_BYTES)
    }
    .map_err(inflate_error)?;
    let input = input_from_json(&json).map_err(|inner| {
        Error::invalid(
            "link",
            "unreadable scenario",
            format!("a link whose scenario is readable ({inner})"),
        )
    })?;
    Scenario::new(input)
}

/// The payload's bytes. A lone last character (which cannot hold a whole byte)
/// is what a cut leaves, so it is dropped and the inflater reports the cut.
fn unbase64(payload: &str) -> Result<Vec<u8>, Error> {
    let payload = payload.trim_end_matches('=');
    BASE64
        .decode(payload)
        .or_else(|e| match e {
            DecodeError::InvalidLength(_) => BASE64.decode(&payload[..payload.len() - 1]),
            e => Err(e),
        })
        .map_err(|e| {
            Error::invalid(
                "link",
                "damaged data",
                format!("base64url text, as copied whole ({e})"),
            )
        })
}

fn inflate_error(e: DecompressError) -> Error {
    match e.status {
        TINFLStatus::HasMoreOutput => Error::invalid(
            "link",
            "too large when unpacked",
            format!("a scenario of at most {MAX_JSON_BYTES} bytes"),
        ),
        TINFLStatus::FailedCannotMakeProgress => Error::invalid(
            "link",
            "truncated",
            "the whole link, as copied (its end is missing)",
        ),
        TINFLStatus::Adler32Mismatch => Error::invalid(
            "link",
            "changed",
            "the link exactly as copied (its checksum does not match: a character was changed or lost)",
        ),
        _ => Error::invalid(
            "link",
            "corrupted",
            "a link as Headroom made it (its data does not unpack)",
        ),
    }
}

/// The token inside a URL or fragment: the value of `s=` if present, else the
/// text itself, unless the text is an address without one (`None`).
fn extract_token(link: &str) -> Option<&str> {
    let fragment = link.rsplit_once('#').map_or(link, |(_, f)| f);
    let token = fragment.split('&').find_map(|part| {
        part.strip_prefix(FRAGMENT_KEY)
            .and_then(|rest| rest.strip_prefix('='))
    });
    match token {
        // `#s=https://…`: an address pasted where a link goes.
        Some(token) if token.contains("://") => None,
        Some(token) => Some(token),
        None if link.contains("://") || link.contains('#') => None,
        None => Some(fragment),
    }
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(24).collect();
    if s.chars().count() > 24 {
        out.push('…');
    }
    out
}

/// The fragment for a scenario: `#s=2.<data>`.
pub fn fragment(scenario: &Scenario) -> String {
    format!("#{}={}", FRAGMENT_KEY, encode(scenario))
}

/// The fragment for a scenario and, when comparing, the one compared with:
/// `#s=2.<A>&b=2.<B>`.
///
/// ```
/// use headroom_models::codec::{decode, fragment, fragment_with};
/// use headroom_models::{Preset, Scenario};
/// let (a, b) = (Scenario::default(), Preset::Fintech.scenario());
/// assert_eq!(fragment_with(&a, None), fragment(&a));
/// let both = fragment_with(&a, Some(&b));
/// assert!(both.starts_with(&fragment(&a)) && both.contains("&b=2."));
/// assert_eq!(decode(&fragment(&a)).unwrap(), a);
/// ```
pub fn fragment_with(scenario: &Scenario, compare: Option<&Scenario>) -> String {
    match compare {
        None => fragment(scenario),
        Some(b) => format!("{}&{COMPARE_KEY}={}", fragment(scenario), encode(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::Preset;
    use crate::scenario::ScenarioInput;
    use miniz_oxide::deflate::compress_to_vec;

    /// A version 1 token of a scenario, as Headroom wrote them before version 2.
    fn v1(input: &ScenarioInput) -> String {
        let json = serde_json::to_vec(input).unwrap();
        format!("1.{}", BASE64.encode(compress_to_vec(&json, 9)))
    }

    #[test]
    fn every_preset_round_trips() {
        for p in Preset::ALL {
            let s = p.scenario();
            assert_eq!(decode(&encode(&s)).unwrap(), s, "{p}");
        }
    }

    #[test]
    fn accepts_urls_and_fragments() {
        let s = Preset::Fintech.scenario();
        let token = encode(&s);
        for form in [
            format!("https://example.org/headroom/?view=cost#s={token}"),
            format!("#s={token}"),
            format!("s={token}"),
            format!("  {token}\n"),
            format!("#view=x&s={token}"),
        ] {
            assert_eq!(decode(&form).unwrap(), s, "{form}");
        }
    }

    #[test]
    fn version_1_links_still_open() {
        for p in Preset::ALL {
            let s = p.scenario();
            assert_eq!(decode(&v1(s.input())).unwrap(), s, "{p}");
        }
    }

    #[test]
    fn a_link_cut_anywhere_is_named_truncated() {
        for token in [
            encode(&Scenario::default()),
            v1(Scenario::default().input()),
        ] {
            // Every cut that leaves some data (a cut in the first bytes may
            // leave too little to tell from damage).
            for end in 12..token.len() {
                let e = decode(&token[..end]).unwrap_err();
                assert_eq!(
                    (e.field.as_str(), e.value.as_str()),
                    ("link", "truncated"),
                    "cut at {end} of {}: {e}",
                    token.len()
                );
            }
        }
    }

    #[test]
    fn a_changed_character_never_opens_another_scenario() {
        // Version 1 had no checksum: one changed character could open a
        // different valid scenario. Version 2's checksum refuses every one.
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for p in Preset::ALL {
            let s = p.scenario();
            let token = encode(&s);
            for (i, &c) in token.as_bytes().iter().enumerate().skip(2) {
                let at = alphabet.iter().position(|&a| a == c).unwrap();
                for shift in [1, 17, 40] {
                    let mut changed = token.clone().into_bytes();
                    changed[i] = alphabet[(at + shift) % alphabet.len()];
                    let changed = String::from_utf8(changed).unwrap();
                    match decode(&changed) {
                        // Only the unused low bits of the last character can change
                        // without changing the data.
                        Ok(opened) => assert_eq!(opened, s, "{p}: position {i}"),
                        Err(e) => assert_eq!(e.field, "link", "{p}: position {i}: {e}"),
                    }
                }
            }
        }
    }

    #[test]
    fn a_checksum_mismatch_is_named() {
        let token = encode(&Scenario::default());
        let mut packed = BASE64.decode(&token[2..]).unwrap();
        let last = packed.len() - 1;
        packed[last] ^= 1;
        let e = decode(&format!("2.{}", BASE64.encode(packed))).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.value.as_str()),
            ("link", "changed"),
            "{e}"
        );
    }

    #[test]
    fn an_address_without_a_link_is_not_read_as_one() {
        for text in [
            "https://example.org/pricing",
            "https://example.org/#section-2",
            "#view=cost",
            "#s=https://example.org/pricing",
        ] {
            let e = decode(text).unwrap_err();
            assert_eq!(e.field, "link", "{text}: {e}");
            assert!(e.allowed.contains("#s="), "{text}: {e}");
        }
    }

    #[test]
    fn corrupted_payload_is_an_error_not_a_panic() {
        let token = encode(&Scenario::default());
        let mut bytes = token.into_bytes();
        for i in (2..bytes.len()).step_by(7) {
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        }
        let e = decode(std::str::from_utf8(&bytes).unwrap()).unwrap_err();
        assert_eq!(e.field, "link");
    }

    #[test]
    fn oversized_token_is_refused_before_decoding() {
        let huge = format!("1.{}", "A".repeat(MAX_TOKEN_BYTES));
        let e = decode(&huge).unwrap_err();
        assert!(e.to_string().contains("at most"), "{e}");
    }

    #[test]
    fn deflate_bomb_stops_at_the_limit() {
        // 10 MB of spaces compresses to a few KB; inflating must stop at the limit.
        let spaces = vec![b' '; 10 * 1024 * 1024];
        for token in [
            format!("1.{}", BASE64.encode(compress_to_vec(&spaces, 10))),
            format!("2.{}", BASE64.encode(compress_to_vec_zlib(&spaces, 10))),
        ] {
            assert!(
                token.len() <= MAX_TOKEN_BYTES,
                "the bomb fits in a link: {}",
                token.len()
            );
            let e = decode(&token).unwrap_err();
            assert_eq!(e.value, "too large when unpacked");
        }
    }

    #[test]
    fn future_version_names_the_version() {
        let e = decode("3.abcd").unwrap_err();
        assert_eq!((e.field.as_str(), e.value.as_str()), ("link version", "3"));
    }

    #[test]
    fn invalid_scenario_inside_a_valid_link_names_the_field() {
        let input = ScenarioInput {
            horizon_months: 999,
            ..ScenarioInput::default()
        };
        let json = serde_json::to_vec(&input).unwrap();
        let token = format!("2.{}", BASE64.encode(compress_to_vec_zlib(&json, 9)));
        assert_eq!(decode(&token).unwrap_err().field, "horizon_months");
        assert_eq!(decode(&v1(&input)).unwrap_err().field, "horizon_months");
    }

    #[test]
    fn default_link_is_short() {
        let token = encode(&Scenario::default());
        assert!(
            token.len() < 2_000,
            "default scenario link is {} bytes",
            token.len()
        );
    }
}
