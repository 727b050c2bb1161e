//! Routing of the URL: what the address asks for, and the scenario the page opens.
//!
//! The fragment (`#s=2.<data>`) carries a whole scenario (see
//! [`headroom_models::codec`]); it is never sent to a server. Readable query
//! parameters override single inputs for hand-written embeds:
//!
//! | parameter | meaning | allowed |
//! |---|---|---|
//! | `preset` | start from a preset | `b2b-saas`, `consumer-app`, `marketplace`, `ai-product`, `fintech` |
//! | `users` | registered users at month 0 (`growth.start_users`) | as the input allows |
//! | `growth` | monthly growth rate (`growth.monthly_rate`), e.g. `0.12` | as the input allows |
//! | `months` | the horizon (`horizon_months`) | as the input allows |
//! | `view` | the view an embed shows | see [`View`] |
//! | `embed` | `1`: the chosen view without the editor | `1` or `0` |
//!
//! Everything here is plain string handling, tested natively; the browser calls
//! live in the app shell.

use std::fmt;

use headroom_models::{codec, Preset, Scenario};

pub use headroom_models::codec::{fragment, fragment_with, COMPARE_KEY};

/// Query parameters that set one input, with the input they set.
pub const INPUT_PARAMS: [(&str, &str); 3] = [
    ("users", "growth.start_users"),
    ("growth", "growth.monthly_rate"),
    ("months", "horizon_months"),
];

/// A view of the planner: what an embed shows, and where the full page scrolls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Monthly cost stacked by service, with cost per customer (the default).
    #[default]
    Cost,
    /// Utilisation and p95 latency per tier against their thresholds.
    Utilisation,
    /// Cost per customer against users.
    PerCustomer,
    /// The stage table.
    Stages,
    /// The timeline of architecture changes.
    Timeline,
}

impl View {
    /// Every view, in the order the page shows them.
    pub const ALL: [View; 5] = [
        View::Cost,
        View::Utilisation,
        View::PerCustomer,
        View::Stages,
        View::Timeline,
    ];

    /// The id used in `?view=`.
    pub fn id(self) -> &'static str {
        match self {
            View::Cost => "cost",
            View::Utilisation => "utilisation",
            View::PerCustomer => "per-customer",
            View::Stages => "stages",
            View::Timeline => "timeline",
        }
    }

    /// The view's name for people.
    pub fn title(self) -> &'static str {
        match self {
            View::Cost => "Monthly cost",
            View::Utilisation => "Utilisation and latency",
            View::PerCustomer => "Cost per customer against users",
            View::Stages => "Stage table",
            View::Timeline => "Architecture changes",
        }
    }

    /// The view for an id (`utilization` is accepted for `utilisation`).
    pub fn from_id(id: &str) -> Option<View> {
        match id {
            "utilization" => Some(View::Utilisation),
            _ => View::ALL.into_iter().find(|v| v.id() == id),
        }
    }
}

/// What the address asks for, before anything is decoded or validated.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    /// The share-link token from the fragment (`1.<data>`), if any.
    pub link: Option<String>,
    /// The token of a scenario to compare with (`&b=1.<data>` in the fragment).
    pub compare: Option<String>,
    /// `?preset=`, as written.
    pub preset: Option<String>,
    /// Input overrides from the query: (input name, value as written).
    pub inputs: Vec<(&'static str, String)>,
    /// `?view=`, as written.
    pub view: Option<String>,
    /// `?embed=1`.
    pub embed: bool,
}

impl Request {
    /// Read a request from `location.search` and `location.hash` (each with or
    /// without its leading `?` / `#`). Unknown parameters are ignored.
    ///
    /// ```
    /// use headroom_app::url::Request;
    /// let r = Request::parse("?preset=fintech&users=5000&embed=1", "#s=1.abc");
    /// assert_eq!(r.preset.as_deref(), Some("fintech"));
    /// assert_eq!(r.inputs, vec![("growth.start_users", "5000".to_owned())]);
    /// assert!(r.embed);
    /// assert_eq!(r.link.as_deref(), Some("1.abc"));
    /// ```
    pub fn parse(search: &str, hash: &str) -> Request {
        let mut request = Request::default();
        for (key, value) in query_pairs(search) {
            match key.as_str() {
                "preset" => request.preset = Some(value),
                "view" => request.view = Some(value),
                "embed" => request.embed = matches!(value.as_str(), "1" | "true" | "yes"),
                _ => {
                    if let Some(&(_, input)) = INPUT_PARAMS.iter().find(|(p, _)| *p == key) {
                        request.inputs.retain(|(name, _)| *name != input);
                        request.inputs.push((input, value));
                    }
                }
            }
        }
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        for (key, value) in query_pairs(hash) {
            if key == codec::FRAGMENT_KEY && !value.is_empty() {
                request.link = Some(value);
            } else if key == COMPARE_KEY && !value.is_empty() {
                request.compare = Some(value);
            }
        }
        // A bare token (`#1.abc`) is a link too.
        if request.link.is_none() && hash.contains('.') && !hash.contains('=') {
            request.link = Some(hash.to_owned());
        }
        request
    }
}

/// `a=1&b=two%20words` → pairs, percent-decoded (`+` is a space).
fn query_pairs(text: &str) -> Vec<(String, String)> {
    let text = text.strip_prefix('?').unwrap_or(text);
    text.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

/// Percent-decode a query component; malformed escapes are kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where the opening scenario came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The share link in the fragment.
    Link,
    /// `?preset=`.
    Preset,
    /// The working scenario kept in local storage.
    Working,
    /// The built-in default scenario.
    Default,
}

/// The scenario the page opens with, and what the person should be told.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    pub scenario: Scenario,
    pub origin: Origin,
    /// Problems met on the way (a bad link, a bad parameter), each one sentence
    /// naming what was wrong and what the page did instead.
    pub notices: Vec<String>,
    pub view: View,
    pub embed: bool,
    /// The scenario to compare with, when the link names one that opens.
    pub compare: Option<Scenario>,
}

/// Decide the opening scenario: the link if it decodes, else `?preset=`, else
/// the working scenario (`working`, read from storage by the caller), else the
/// default; then the input parameters on top. Nothing here writes anything: a
/// bad link only produces a notice.
///
/// ```
/// use headroom_app::url::{resolve, Origin, Request};
/// let r = Request::parse("?users=5000", "#s=1.broken");
/// let start = resolve(&r, Ok(None));
/// assert_eq!(start.origin, Origin::Default);
/// assert!(start.notices[0].starts_with("This link could not be opened"));
/// assert_eq!(start.scenario.input().growth.start_users, 5000.0);
/// ```
pub fn resolve(request: &Request, working: Result<Option<Scenario>, String>) -> Start {
    let mut notices = Vec::new();
    let fallback = |notices: &mut Vec<String>, why: &str| -> (Scenario, Origin) {
        match &working {
            Ok(Some(s)) => {
                if !why.is_empty() {
                    notices.push(format!("{why} Showing your last scenario instead."));
                }
                (s.clone(), Origin::Working)
            }
            Ok(None) => {
                if !why.is_empty() {
                    notices.push(format!("{why} Showing the default scenario instead."));
                }
                (Scenario::default(), Origin::Default)
            }
            Err(e) => {
                if !why.is_empty() {
                    notices.push(why.to_owned());
                }
                notices.push(format!(
                    "Your last working scenario could not be read ({e}); showing the default \
                     scenario. Saved scenarios are untouched."
                ));
                (Scenario::default(), Origin::Default)
            }
        }
    };

    let (mut scenario, origin) = if let Some(link) = &request.link {
        match codec::decode(link) {
            Ok(s) => (s, Origin::Link),
            Err(e) => fallback(
                &mut notices,
                &format!("This link could not be opened ({e}). It may be cut short or changed."),
            ),
        }
    } else if let Some(id) = &request.preset {
        match id.parse::<Preset>() {
            Ok(p) => (p.scenario(), Origin::Preset),
            Err(_) => fallback(
                &mut notices,
                &format!(
                    "preset = {id}: allowed is one of {}.",
                    Preset::ALL.map(Preset::id).join(", ")
                ),
            ),
        }
    } else {
        fallback(&mut notices, "")
    };

    if !request.inputs.is_empty() {
        let edits: Vec<(&str, &str)> = request
            .inputs
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        match scenario.with_settings(&edits) {
            Ok(s) => scenario = s,
            Err(e) => {
                let param = INPUT_PARAMS
                    .iter()
                    .find(|(_, input)| *input == e.field)
                    .map_or(e.field.as_str(), |(p, _)| p);
                notices.push(format!(
                    "The address parameter `{param}` was not applied: {e}."
                ));
            }
        }
    }

    let view = match request.view.as_deref() {
        None => View::default(),
        Some(id) => View::from_id(id).unwrap_or_else(|| {
            notices.push(format!(
                "view = {id}: allowed is one of {}; showing the cost chart.",
                View::ALL.map(View::id).join(", ")
            ));
            View::default()
        }),
    };

    let compare = request
        .compare
        .as_ref()
        .and_then(|token| match codec::decode(token) {
            Ok(b) => Some(b),
            Err(e) => {
                notices.push(compare_notice(&e));
                None
            }
        });

    Start {
        scenario,
        origin,
        notices,
        view,
        embed: request.embed,
        compare,
    }
}

/// What a link opens: its scenario and, when it carries `&b=`, the scenario
/// compared with.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub scenario: Scenario,
    /// B, when the link names one that opens.
    pub compare: Option<Scenario>,
    /// A problem with B (its scenario is not opened), one sentence each.
    pub notices: Vec<String>,
}

/// Open a link pasted into the page or the address bar: a whole URL, a fragment
/// (`#s=2.…&b=2.…`) or a bare token. A link whose scenario does not open is the
/// codec's error, which names the problem and what is allowed; nothing is
/// changed by calling this. A bad B only drops B, with a notice.
///
/// ```
/// use headroom_app::url::{fragment, open_link};
/// use headroom_models::Preset;
/// let link = format!("https://example.org/{}", fragment(&Preset::Fintech.scenario()));
/// assert_eq!(open_link(&link).unwrap().scenario, Preset::Fintech.scenario());
/// assert_eq!(open_link("9.abc").unwrap_err().field, "link version");
/// ```
pub fn open_link(text: &str) -> Result<Opened, headroom_models::Error> {
    let text = text.trim();
    // The codec refuses oversized text before any other work.
    let scenario = codec::decode(text)?;
    let fragment = text.rsplit_once('#').map_or(text, |(_, f)| f);
    let mut notices = Vec::new();
    let compare =
        Request::parse("", fragment)
            .compare
            .and_then(|token| match codec::decode(&token) {
                Ok(b) => Some(b),
                Err(e) => {
                    notices.push(compare_notice(&e));
                    None
                }
            });
    Ok(Opened {
        scenario,
        compare,
        notices,
    })
}

/// The most characters a box that takes a pasted link keeps (its `maxlength`):
/// one more than any link may have. A longer paste is cut there by the browser,
/// which keeps the page responsive (Chromium takes seconds to lay out megabytes
/// in a text field), and [`open_pasted`] refuses it as too long.
pub const PASTE_MAX_CHARS: usize = codec::MAX_TOKEN_BYTES + 1;

/// [`open_link`] for the text of a box capped at [`PASTE_MAX_CHARS`]: text
/// longer than any link is refused as "more than" the limit, since the box may
/// have cut it and its true size is unknown.
///
/// ```
/// use headroom_app::url::{open_pasted, PASTE_MAX_CHARS};
/// let e = open_pasted(&"A".repeat(PASTE_MAX_CHARS)).unwrap_err();
/// assert_eq!(e.to_string(), "link = more than 16384 bytes: allowed is a link of at most 16384 bytes");
/// ```
pub fn open_pasted(text: &str) -> Result<Opened, headroom_models::Error> {
    let max = codec::MAX_TOKEN_BYTES;
    if text.trim().len() > max {
        return Err(headroom_models::Error::invalid(
            "link",
            format!("more than {max} bytes"),
            format!("a link of at most {max} bytes"),
        ));
    }
    open_link(text)
}

/// The notice for a scenario to compare with that does not open.
fn compare_notice(e: &headroom_models::Error) -> String {
    format!("The scenario to compare with could not be opened ({e}); showing this one alone.")
}

/// The query to keep once the scenario is in the fragment: `view` and `embed`
/// stay; the input parameters are dropped (the fragment now holds their values,
/// and keeping them would undo later edits on reload).
///
/// ```
/// use headroom_app::url::{kept_query, View};
/// assert_eq!(kept_query(View::Cost, false), "");
/// assert_eq!(kept_query(View::Stages, true), "?view=stages&embed=1");
/// ```
pub fn kept_query(view: View, embed: bool) -> String {
    match (view, embed) {
        (View::Cost, false) => String::new(),
        (v, false) => format!("?view={}", v.id()),
        (v, true) => format!("?view={}&embed=1", v.id()),
    }
}

/// Display of a view for messages.
impl fmt::Display for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_link_wins_over_the_preset_and_the_working_scenario() {
        let fintech = Preset::Fintech.scenario();
        let hash = fragment(&fintech);
        let r = Request::parse("?preset=consumer-app", &hash);
        let start = resolve(&r, Ok(Some(Preset::Marketplace.scenario())));
        assert_eq!(start.origin, Origin::Link);
        assert_eq!(start.scenario, fintech);
        assert!(start.notices.is_empty(), "{:?}", start.notices);
    }

    #[test]
    fn a_truncated_link_opens_the_working_scenario_with_a_notice() {
        let hash = fragment(&Preset::Fintech.scenario());
        let cut = &hash[..hash.len() / 2];
        let working = Preset::Marketplace.scenario();
        let start = resolve(&Request::parse("", cut), Ok(Some(working.clone())));
        assert_eq!(start.origin, Origin::Working);
        assert_eq!(start.scenario, working);
        assert_eq!(start.notices.len(), 1);
        assert!(start.notices[0].contains("link"), "{}", start.notices[0]);
        assert!(start.notices[0].ends_with("Showing your last scenario instead."));
    }

    #[test]
    fn an_unreadable_working_scenario_says_so_and_opens_the_default() {
        let start = resolve(&Request::default(), Err("not JSON".to_owned()));
        assert_eq!(start.origin, Origin::Default);
        assert_eq!(start.scenario, Scenario::default());
        assert!(start.notices[0].contains("not JSON"));
        assert!(start.notices[0].contains("Saved scenarios are untouched"));
    }

    #[test]
    fn input_parameters_override_single_inputs_of_the_preset() {
        let r = Request::parse("?preset=consumer-app&users=5000&growth=0.2&view=stages", "");
        let start = resolve(&r, Ok(None));
        assert_eq!(start.origin, Origin::Preset);
        let input = start.scenario.input();
        assert_eq!(input.growth.start_users, 5000.0);
        assert_eq!(input.growth.monthly_rate, 0.2);
        assert_eq!(input.name, Preset::ConsumerApp.input().name);
        assert_eq!(start.view, View::Stages);
        assert!(!start.embed);
    }

    #[test]
    fn a_bad_parameter_is_named_and_the_rest_still_opens() {
        let r = Request::parse("?preset=nope&growth=7&view=pie&embed=1", "");
        let start = resolve(&r, Ok(None));
        assert_eq!(start.scenario, Scenario::default());
        assert_eq!(start.notices.len(), 3, "{:?}", start.notices);
        assert!(start.notices[0].starts_with("preset = nope: allowed is one of b2b-saas"));
        assert!(start.notices[1].contains("`growth`") && start.notices[1].contains("-0.5"));
        assert!(start.notices[2].starts_with("view = pie"));
        assert_eq!(start.view, View::Cost);
        assert!(start.embed);
    }

    #[test]
    fn query_values_are_percent_decoded_and_the_last_one_wins() {
        let r = Request::parse("users=1%30&users=7%2B1&x=%zz", "#1.token");
        assert_eq!(r.inputs, vec![("growth.start_users", "7+1".to_owned())]);
        assert_eq!(r.link.as_deref(), Some("1.token"));
        assert_eq!(percent_decode("a%zzb%4"), "a%zzb%4");
        assert_eq!(percent_decode("a+b%41"), "a bA");
    }

    #[test]
    fn a_compare_link_opens_both_scenarios_and_a_bad_b_is_a_notice() {
        let (a, b) = (Preset::Marketplace.scenario(), Preset::Fintech.scenario());
        let start = resolve(&Request::parse("", &fragment_with(&a, Some(&b))), Ok(None));
        assert_eq!(start.scenario, a);
        assert_eq!(start.compare, Some(b));
        assert!(start.notices.is_empty(), "{:?}", start.notices);

        let cut = format!("{}&b=1.xyz", fragment(&a));
        let start = resolve(&Request::parse("", &cut), Ok(None));
        assert_eq!(start.scenario, a);
        assert_eq!(start.compare, None);
        assert!(start.notices[0].starts_with("The scenario to compare with could not be opened"));
    }

    #[test]
    fn views_round_trip_through_their_ids() {
        for v in View::ALL {
            assert_eq!(View::from_id(v.id()), Some(v));
        }
        assert_eq!(View::from_id("utilization"), Some(View::Utilisation));
        assert_eq!(View::from_id("nope"), None);
    }

    /// The bad-link rows of docs/RELIABILITY.md: each opens the working scenario
    /// (never the link), with one notice naming the problem and what is allowed.
    #[test]
    fn bad_links_name_the_problem_and_open_the_working_scenario() {
        let token = codec::encode(&Preset::Fintech.scenario());
        let (version, payload) = token.split_once('.').unwrap();
        assert_eq!(version, "2");
        let truncated = token[..token.len() / 2].to_owned();
        // The zlib header sits at the start of the data: changing it never unpacks.
        let flipped = format!("2.{}{}", "AAAA", &payload[4..]);
        let oversized = format!("1.{}", "A".repeat(10 * 1024 * 1024));
        let cases: [(&str, String, &str); 6] = [
            (
                "truncated",
                truncated,
                "link = truncated: allowed is the whole link, as copied",
            ),
            ("flipped", flipped, "link = "),
            (
                "oversized",
                oversized,
                "link = 10485762 bytes: allowed is a link of at most 16384 bytes",
            ),
            (
                "newer version",
                format!("9.{payload}"),
                "link version = 9: allowed is a version from 1 to 2 (this link was made by a newer Headroom)",
            ),
            (
                "not a link",
                "hello".to_owned(),
                "link = hello: allowed is a Headroom link",
            ),
            (
                "not base64",
                "1.@@not-base64@@".to_owned(),
                "link = damaged data: allowed is base64url text",
            ),
        ];
        let working = Preset::Marketplace.scenario();
        for (what, link, says) in cases {
            let r = Request::parse("", &format!("#s={link}"));
            let start = resolve(&r, Ok(Some(working.clone())));
            assert_eq!(start.origin, Origin::Working, "{what}");
            assert_eq!(start.scenario, working, "{what}");
            assert_eq!(start.notices.len(), 1, "{what}: {:?}", start.notices);
            let notice = &start.notices[0];
            assert!(
                notice.starts_with(&format!("This link could not be opened ({says}")),
                "{what}: {notice}"
            );
            assert!(notice.contains("allowed is"), "{what}: {notice}");
            assert!(
                notice.ends_with("Showing your last scenario instead."),
                "{what}: {notice}"
            );
            // Pasted into the page, the same link is refused with the same reason.
            let e = open_link(&link).unwrap_err();
            assert!(e.field.starts_with("link"), "{what}: {e}");
        }
    }

    #[test]
    fn a_pasted_link_opens_whole_urls_fragments_and_tokens_with_b() {
        let (a, b) = (Preset::Marketplace.scenario(), Preset::Fintech.scenario());
        let token = codec::encode(&a);
        for text in [
            token.clone(),
            format!("#s={token}"),
            format!("  http://127.0.0.1:8080/?view=stages#s={token}\n"),
        ] {
            let opened = open_link(&text).unwrap();
            assert_eq!(opened.scenario, a, "{text}");
            assert_eq!(opened.compare, None);
            assert!(opened.notices.is_empty());
        }
        let both = open_link(&format!("https://x.test/{}", fragment_with(&a, Some(&b)))).unwrap();
        assert_eq!((both.scenario, both.compare), (a.clone(), Some(b)));
        let bad_b = open_link(&format!("{}&b=1.xyz", fragment(&a))).unwrap();
        assert_eq!((bad_b.scenario, bad_b.compare), (a, None));
        assert!(
            bad_b.notices[0].starts_with("The scenario to compare with could not be opened (link")
        );

        // A box keeps at most PASTE_MAX_CHARS: at the limit the codec reads the
        // text; one past, it is refused as too long without being read.
        let at_limit = format!("1.{}", "A".repeat(codec::MAX_TOKEN_BYTES - 2));
        let e = open_pasted(&at_limit).unwrap_err();
        assert_eq!(e.field, "link");
        assert!(!e.value.contains("bytes"), "{e}");
        let cut = "A".repeat(PASTE_MAX_CHARS);
        assert_eq!(
            open_pasted(&cut).unwrap_err().to_string(),
            "link = more than 16384 bytes: allowed is a link of at most 16384 bytes"
        );
        let spaced = format!("  {}  ", fragment(&Preset::Fintech.scenario()));
        assert_eq!(
            open_pasted(&spaced).unwrap().scenario,
            Preset::Fintech.scenario()
        );
    }

    /// The limits of docs/RELIABILITY.md: exactly the maximum opens, one past is
    /// refused naming the parameter, the input and what is allowed.
    #[test]
    fn parameters_at_their_limits() {
        let ok = resolve(
            &Request::parse("?months=120&users=10000000000", ""),
            Ok(None),
        );
        assert!(ok.notices.is_empty(), "{:?}", ok.notices);
        assert_eq!(ok.scenario.input().horizon_months, 120);
        assert_eq!(ok.scenario.input().growth.start_users, 1e10);

        for (query, says) in [
            (
                "?months=121",
                "The address parameter `months` was not applied: horizon_months = 121: allowed is a whole number from 1 to 120 (months).",
            ),
            (
                "?users=10000000001",
                "The address parameter `users` was not applied: growth.start_users = 10,000,000,001: allowed is a number from 0 to 10,000,000,000 (users).",
            ),
        ] {
            let start = resolve(&Request::parse(query, ""), Ok(None));
            assert_eq!(start.scenario, Scenario::default(), "{query}");
            assert_eq!(start.notices, [says], "{query}");
        }
    }

    /// Bad values of the query parameters: each is named and refused; the rest
    /// of the address still applies.
    #[test]
    fn bad_parameter_values_are_named() {
        let cases = [
            (
                "users=abc",
                "`users`",
                "growth.start_users = \"abc\": allowed is a number",
            ),
            (
                "users=NaN",
                "`users`",
                "growth.start_users = \"NaN\": allowed is a number",
            ),
            (
                "users=-1",
                "`users`",
                "growth.start_users = -1: allowed is a number from 0",
            ),
            (
                "users=",
                "`users`",
                "growth.start_users = \"\": allowed is a number",
            ),
            (
                "growth=Infinity",
                "`growth`",
                "growth.monthly_rate = \"Infinity\": allowed is a number",
            ),
            (
                "growth=1e308",
                "`growth`",
                "growth.monthly_rate = 1e308: allowed is a",
            ),
            (
                "months=0",
                "`months`",
                "horizon_months = 0: allowed is a whole number from 1 to 120",
            ),
            (
                "months=1.5",
                "`months`",
                "horizon_months = 1.5: allowed is a whole number",
            ),
            (
                "months=-3",
                "`months`",
                "horizon_months = -3: allowed is a whole number",
            ),
        ];
        for (query, param, says) in cases {
            let start = resolve(
                &Request::parse(&format!("?preset=fintech&{query}"), ""),
                Ok(None),
            );
            assert_eq!(start.origin, Origin::Preset, "{query}");
            assert_eq!(start.scenario, Preset::Fintech.scenario(), "{query}");
            assert_eq!(start.notices.len(), 1, "{query}: {:?}", start.notices);
            let notice = &start.notices[0];
            assert!(
                notice.contains(param) && notice.contains(says),
                "{query}: {notice}"
            );
        }
        // Zero users is a valid start (a product before launch).
        let zero = resolve(&Request::parse("?users=0", ""), Ok(None));
        assert!(zero.notices.is_empty(), "{:?}", zero.notices);
        assert_eq!(zero.scenario.input().growth.start_users, 0.0);
    }
}
