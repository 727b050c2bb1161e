//! Share links: a whole scenario in a URL fragment.
//!
//! A link token is `<version>.<payload>`: the schema version in decimal, a dot,
//! then the scenario's JSON (every field, so later changes to defaults never change
//! an old link's numbers), compressed with raw deflate and encoded as base64url
//! without padding. It travels in the fragment (`#s=<token>`), which browsers never
//! send to a server.
//!
//! Every released version keeps decoding forever. Decoding is bounded: a token
//! longer than [`MAX_TOKEN_BYTES`] is refused before any work, and inflation stops
//! at [`MAX_JSON_BYTES`], so a hostile link cannot exhaust memory.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::{decompress_to_vec_with_limit, DecompressError, TINFLStatus};

use crate::error::Error;
use crate::scenario::{input_from_json, Scenario};

/// The schema version this build writes.
pub const LINK_VERSION: u32 = 1;
/// Longest token accepted (bytes). Real scenarios encode to about 1–2 KB.
pub const MAX_TOKEN_BYTES: usize = 16 * 1024;
/// Largest scenario JSON a token may inflate to (bytes).
pub const MAX_JSON_BYTES: usize = 64 * 1024;
/// The fragment key that carries the token: `#s=<token>`.
pub const FRAGMENT_KEY: &str = "s";

/// Encode a scenario as a link token.
///
/// ```
/// use headroom_models::{codec, Scenario};
/// let s = Scenario::default();
/// let token = codec::encode(&s);
/// assert!(token.starts_with("1."));
/// assert_eq!(codec::decode(&token).unwrap(), s);
/// ```
pub fn encode(scenario: &Scenario) -> String {
    // Serialising plain data with string keys cannot fail.
    let json = serde_json::to_vec(scenario.input()).unwrap_or_default();
    let packed = compress_to_vec(&json, 9);
    format!("{LINK_VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Decode a token, a fragment (`#s=...`, `s=...`) or a whole URL carrying one.
///
/// Errors name the problem (`link` is the field) and never panic, whatever the input.
///
/// ```
/// use headroom_models::codec;
/// assert_eq!(codec::decode("9.abc").unwrap_err().field, "link version");
/// assert_eq!(codec::decode("1.@@@").unwrap_err().field, "link");
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
    let token = extract_token(link.trim());
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
    match version {
        1 => decode_v1(payload),
        v => Err(Error::invalid(
            "link version",
            v,
            format!("a version from 1 to {LINK_VERSION} (this link was made by a newer Headroom)"),
        )),
    }
}

/// Version 1: base64url(deflate(JSON of every input)).
fn decode_v1(payload: &str) -> Result<Scenario, Error> {
    let packed = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| {
            Error::invalid(
                "link",
                "damaged data",
                format!("base64url text, as copied whole ({e})"),
            )
        })?;
    let json = decompress_to_vec_with_limit(&packed, MAX_JSON_BYTES).map_err(inflate_error)?;
    let input = input_from_json(&json).map_err(|inner| {
        Error::invalid(
            "link",
            "unreadable scenario",
            format!("a link whose scenario is readable ({inner})"),
        )
    })?;
    Scenario::new(input)
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
        _ => Error::invalid(
            "link",
            "corrupted",
            "a link as Headroom made it (its data does not unpack)",
        ),
    }
}

/// The token inside a URL or fragment: the value of `s=` if present, else the text itself.
fn extract_token(link: &str) -> &str {
    let fragment = link.rsplit_once('#').map_or(link, |(_, f)| f);
    fragment
        .split('&')
        .find_map(|part| {
            part.strip_prefix(FRAGMENT_KEY)
                .and_then(|rest| rest.strip_prefix('='))
        })
        .unwrap_or(fragment)
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(24).collect();
    if s.chars().count() > 24 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::Preset;
    use crate::scenario::ScenarioInput;

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
    fn truncated_link_is_named_truncated() {
        let token = encode(&Scenario::default());
        let cut = &token[..token.len() - 40];
        let e = decode(cut).unwrap_err();
        assert_eq!(e.field, "link");
        assert!(
            e.value == "truncated" || e.value == "corrupted" || e.value == "damaged data",
            "{e}"
        );
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
        let bomb = compress_to_vec(&vec![b' '; 10 * 1024 * 1024], 10);
        let token = format!("1.{}", URL_SAFE_NO_PAD.encode(&bomb));
        assert!(
            token.len() <= MAX_TOKEN_BYTES,
            "the bomb fits in a link: {}",
            token.len()
        );
        let e = decode(&token).unwrap_err();
        assert_eq!(e.value, "too large when unpacked");
    }

    #[test]
    fn future_version_names_the_version() {
        let e = decode("2.abcd").unwrap_err();
        assert_eq!((e.field.as_str(), e.value.as_str()), ("link version", "2"));
    }

    #[test]
    fn invalid_scenario_inside_a_valid_link_names_the_field() {
        let input = ScenarioInput {
            horizon_months: 999,
            ..ScenarioInput::default()
        };
        let json = serde_json::to_vec(&input).unwrap();
        let token = format!("1.{}", URL_SAFE_NO_PAD.encode(compress_to_vec(&json, 9)));
        assert_eq!(decode(&token).unwrap_err().field, "horizon_months");
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
