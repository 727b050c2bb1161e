//! The CI equivalent of the fuzz targets in `fuzz/` (cargo-fuzz needs nightly
//! and minutes; CI has neither): the same checks as `fuzz/src/lib.rs`, fed by
//! proptest and by the kept fuzz corpus.
//!
//! Inputs: random bytes and random strings; share links of the presets mutated
//! (cut, bits and characters flipped, characters inserted and deleted, another
//! version, the payload twice, wrapped in addresses); scenario JSON mutated as
//! text and as a tree (a field replaced by an extreme, a wrong type, an unknown
//! name, ranges and price overrides added), both read as files and packed into
//! a version 1 token with deflate and base64url so the codec's JSON reader and
//! the checks behind it are reached; every file of `fuzz/corpus/` and
//! `fuzz/regressions/`; and each input a fuzzer ever crashed on, as a test.
//!
//! Every outcome is checked: no panic; a refusal names a field and what is
//! allowed; an accepted scenario is valid, comes back unchanged through a link
//! and a file, and projects to finite figures for every month.
//!
//! Cases come from a fixed seed, so a failure reproduces anywhere; set
//! `PROPTEST_RNG_SEED=<n>` (or `random`) to explore others, and
//! `PROPTEST_CASES=<n>` for more of them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use headroom_models::{catalog, codec, project, Error, Preset, Scenario};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// The checks (the same as fuzz/src/lib.rs).

fn check_error(e: &Error, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(!e.field.trim().is_empty(), "{what}: no field: {e:?}");
    prop_assert!(
        !e.allowed.trim().is_empty(),
        "{what}: does not say what is allowed: {e:?}"
    );
    let line = e.to_string();
    prop_assert!(
        line.contains(&e.field) && line.contains(&e.allowed),
        "{what}: the message leaves out the field or what is allowed: {line}"
    );
    Ok(())
}

fn check_scenario(s: &Scenario, what: &str) -> Result<(), TestCaseError> {
    match Scenario::new(s.input().clone()) {
        Ok(again) => prop_assert_eq!(&again, s, "{}: checking again changed it", what),
        Err(e) => prop_assert!(false, "{what}: fails its own checks: {e}"),
    }
    let token = codec::encode(s);
    prop_assert!(
        token.len() <= codec::MAX_TOKEN_BYTES,
        "{what}: its link is {} bytes",
        token.len()
    );
    match codec::decode(&token) {
        Ok(back) => prop_assert_eq!(&back, s, "{}: the link changed it", what),
        Err(e) => prop_assert!(false, "{what}: its own link is refused: {e}"),
    }
    let json = serde_json::to_string(s.input()).expect("plain data serialises");
    match Scenario::from_json(&json) {
        Ok(back) => prop_assert_eq!(&back, s, "{}: the file changed it", what),
        Err(e) => prop_assert!(false, "{what}: its own file is refused: {e}"),
    }
    let p = project(s);
    let horizon = s.input().horizon_months;
    prop_assert_eq!(p.months.len(), horizon as usize + 1);
    for m in &p.months {
        for (name, v) in m.figures() {
            prop_assert!(v.is_finite(), "{what}: month {} {name} = {v}", m.month);
        }
    }
    for e in &p.events {
        prop_assert!(
            e.value.is_finite() && e.threshold.is_finite() && e.month <= horizon,
            "{what}: event {e:?}"
        );
    }
    prop_assert!(!p.stages.is_empty(), "{what}: no stage");
    Ok(())
}

/// Decode a link and check the outcome; `Ok(true)` when it was accepted.
fn check_link(text: &str) -> Result<bool, TestCaseError> {
    match codec::decode(text) {
        Ok(s) => check_scenario(&s, "decoded link").map(|()| true),
        Err(e) => check_error(&e, "refused link").map(|()| false),
    }
}

/// Read a scenario file and check the outcome; `Ok(true)` when it was accepted.
fn check_file(text: &str) -> Result<bool, TestCaseError> {
    match Scenario::from_json(text) {
        Ok(s) => check_scenario(&s, "scenario file").map(|()| true),
        Err(e) => check_error(&e, "refused scenario file").map(|()| false),
    }
}

/// A version 1 token whose data unpacks to these bytes.
fn v1_token(json: &[u8]) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json, 6);
    format!("1.{}", URL_SAFE_NO_PAD.encode(packed))
}

// ---------------------------------------------------------------------------
// Seeds: the presets on every catalog, and one scenario with ranges.

/// Made once per test binary: debug-build deflate is slow enough to matter.
fn seeds() -> &'static [Scenario] {
    static SEEDS: OnceLock<Vec<Scenario>> = OnceLock::new();
    SEEDS.get_or_init(make_seeds)
}

fn make_seeds() -> Vec<Scenario> {
    let mut out = Vec::new();
    for c in catalog::all().expect("the embedded catalogs load") {
        for p in Preset::ALL {
            let mut input = p.input();
            input.stack.catalog = c.id.clone();
            input.stack.app_sku = String::new();
            out.push(Scenario::new(input).expect("a preset is valid on every catalog"));
        }
    }
    let ranged = Preset::B2bSaas
        .scenario()
        .with_range(
            "growth.monthly_rate",
            Some(headroom_models::uncertainty::Range {
                low: 0.05,
                high: 0.2,
            }),
        )
        .expect("a range around the value is valid");
    out.push(ranged);
    out
}

fn seed_links() -> &'static [String] {
    static LINKS: OnceLock<Vec<String>> = OnceLock::new();
    LINKS.get_or_init(|| seeds().iter().map(codec::encode).collect())
}

fn seed_files() -> &'static [String] {
    static FILES: OnceLock<Vec<String>> = OnceLock::new();
    FILES.get_or_init(|| {
        seeds()
            .iter()
            .map(|s| serde_json::to_string_pretty(s.input()).expect("plain data"))
            .collect()
    })
}

// ---------------------------------------------------------------------------
// Mutations of text, as bytes.

#[derive(Debug, Clone)]
enum Edit {
    Cut(Index),
    FlipBit(Index, u8),
    SetByte(Index, u8),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Repeat(Index, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let word = prop_oneof![
        prop::collection::vec(any::<u8>(), 1..4),
        prop::sample::select(vec![
            "=",
            ".",
            "#s=",
            "&",
            "-",
            "_",
            "A",
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "0",
            "-1",
            "1e308",
            "1e400",
            "NaN",
            "null",
            "true",
            "\"\"",
            "\u{e9}",
            "\u{1F600}",
            " ",
            "\n",
        ])
        .prop_map(|w| w.as_bytes().to_vec()),
    ];
    prop_oneof![
        any::<Index>().prop_map(Edit::Cut),
        (any::<Index>(), 0u8..8).prop_map(|(i, b)| Edit::FlipBit(i, b)),
        (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Edit::SetByte(i, b)),
        (any::<Index>(), word).prop_map(|(i, w)| Edit::Insert(i, w)),
        (any::<Index>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<Index>(), 1usize..40).prop_map(|(i, n)| Edit::Repeat(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    let len = bytes.len();
    let at = |i: &Index| if len == 0 { 0 } else { i.index(len) };
    match edit {
        Edit::Cut(i) => bytes.truncate(at(i)),
        Edit::FlipBit(i, bit) if len > 0 => bytes[at(i)] ^= 1 << bit,
        Edit::SetByte(i, b) if len > 0 => bytes[at(i)] = *b,
        Edit::Insert(i, w) => {
            let k = at(i);
            bytes.splice(k..k, w.iter().copied());
        }
        Edit::Delete(i, n) if len > 0 => {
            let k = at(i);
            bytes.drain(k..(k + n).min(len));
        }
        Edit::Repeat(i, n) if len > 0 => {
            let k = at(i);
            let piece = bytes[k..(k + n).min(len)].to_vec();
            bytes.splice(k..k, piece);
        }
        _ => {}
    }
}

fn mutated(text: &str, edits: &[Edit]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for e in edits {
        apply(&mut bytes, e);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

// ---------------------------------------------------------------------------
// Changes a person, a sharer or a broken tool makes to a link as a whole.

#[derive(Debug, Clone)]
enum LinkChange {
    /// Another version text in front of the payload.
    Version(String),
    /// The payload twice, with or without a dot between.
    PayloadTwice(bool),
    /// Inside an address or fragment, with other parameters around it.
    Wrapped(String, String),
    /// Base64 padding or percent-encoded padding added.
    Padded(String),
}

fn link_change() -> impl Strategy<Value = LinkChange> {
    prop_oneof![
        prop_oneof![
            prop::sample::select(vec![
                "0",
                "2",
                "9",
                "01",
                "+1",
                "-1",
                " 1",
                "1 ",
                "",
                "1.1",
                "4294967295",
                "4294967296",
                "99999999999999999999",
                "\u{661}",
            ])
            .prop_map(str::to_owned),
            any::<u64>().prop_map(|v| v.to_string()),
        ]
        .prop_map(LinkChange::Version),
        any::<bool>().prop_map(LinkChange::PayloadTwice),
        (
            prop::sample::select(vec![
                "https://example.org/headroom/#s=",
                "#s=",
                "s=",
                "#view=cost&s=",
                "http://127.0.0.1:8080/?preset=fintech#b=1.AAAA&s=",
                "#s=#s=",
                "",
            ]),
            prop::sample::select(vec!["", "&b=1.AAAA", "&view=cost", "#", "&s=2.x", " "]),
        )
            .prop_map(|(a, b)| LinkChange::Wrapped(a.to_owned(), b.to_owned())),
        prop::sample::select(vec!["=", "==", "%3D", "=\n"])
            .prop_map(|p| LinkChange::Padded(p.to_owned())),
    ]
}

fn changed_link(token: &str, change: &LinkChange) -> String {
    let (version, payload) = token.split_once('.').expect("a token has a dot");
    match change {
        LinkChange::Version(v) => format!("{v}.{payload}"),
        LinkChange::PayloadTwice(true) => format!("{version}.{payload}.{payload}"),
        LinkChange::PayloadTwice(false) => format!("{version}.{payload}{payload}"),
        LinkChange::Wrapped(before, after) => format!("{before}{token}{after}"),
        LinkChange::Padded(pad) => format!("{token}{pad}"),
    }
}

// ---------------------------------------------------------------------------
// Changes to a scenario as a JSON tree: what a hand-edited file or a link made
// by another tool may hold.

/// The dotted paths of every field of a scenario's JSON tree (objects and
/// leaves; list items by index).
fn paths(v: &Value, prefix: &str, out: &mut Vec<String>) {
    let mut visit = |key: String, child: &Value| {
        let path = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}.{key}")
        };
        out.push(path.clone());
        paths(child, &path, out);
    };
    match v {
        Value::Object(map) => map.iter().for_each(|(k, c)| visit(k.clone(), c)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, c)| visit(i.to_string(), c)),
        _ => {}
    }
}

fn slot<'a>(tree: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    path.split('.').try_fold(tree, |node, part| match node {
        Value::Object(map) => map.get_mut(part),
        Value::Array(items) => part.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// Values that sit on and across the edges of the inputs' ranges and types.
fn odd_value() -> impl Strategy<Value = Value> {
    let edges = vec![
        json!(0),
        json!(-0.0),
        json!(1),
        json!(-1),
        json!(0.5),
        json!(-0.5),
        json!(-0.5000001),
        json!(0.95),
        json!(2),
        json!(2.0000001),
        json!(50),
        json!(120),
        json!(121),
        json!(1e7),
        json!(1e9),
        json!(1e10),
        json!(1.0000001e10),
        json!(1e308),
        json!(-1e308),
        json!(5e-324),
        json!(4_294_967_295u64),
        json!(4_294_967_296u64),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(""),
        json!("compound"),
        json!("logistic"),
        json!("per_stage"),
        json!("enterprise"),
        json!("model"),
        json!("paas-2026-11"),
        json!("aws-us-east-1-2026-11"),
        json!("x".repeat(121)),
        json!(true),
        json!(null),
        json!([]),
        json!([1, 2, 3, 4, 5, 6]),
        json!({}),
        json!({"low": 0, "high": 1}),
    ];
    prop_oneof![
        3 => prop::sample::select(edges),
        2 => (-1e12..1e12f64).prop_map(|v| json!(v)),
        1 => any::<f64>().prop_map(|v| json!(v)),
        1 => any::<i64>().prop_map(|v| json!(v)),
        1 => "[a-z_.:0-9-]{0,24}".prop_map(|s| json!(s)),
    ]
}

#[derive(Debug, Clone)]
enum TreeChange {
    /// Set a numeric input (by its index in `numeric_inputs`) to a value inside
    /// its allowed range, `share` of the way from its minimum to its maximum:
    /// valid values far beyond the presets', up to the largest allowed.
    Within(Index, f64),
    /// Replace the field at a path (an index into the tree's paths).
    Set(Index, Value),
    /// Remove the field at a path.
    Remove(Index),
    /// Add a field with a made-up name beside the one at a path.
    Unknown(Index, String),
    /// Add a range on a named numeric input, with paths and a seed.
    Range(Index, f64, f64, u32, u64),
    /// Override a price key of the catalog (or a made-up one).
    Price(Index, bool, f64),
}

fn tree_change() -> impl Strategy<Value = TreeChange> {
    let share = prop_oneof![
        Just(0.0),
        Just(1.0),
        0.0..1.0f64,
        // Small shares: most ranges span orders of magnitude (users up to 1e10).
        (0.0..1.0f64).prop_map(|x| x.powi(8)),
    ];
    prop_oneof![
        4 => (any::<Index>(), share).prop_map(|(i, f)| TreeChange::Within(i, f)),
        3 => (any::<Index>(), odd_value()).prop_map(|(i, v)| TreeChange::Set(i, v)),
        1 => any::<Index>().prop_map(TreeChange::Remove),
        1 => (
            any::<Index>(),
            prop_oneof![Just(String::new()), "[a-z_\\[\\]?.]{1,8}"],
        )
            .prop_map(|(i, n)| TreeChange::Unknown(i, n)),
        2 => (
            any::<Index>(),
            -1.0..0.2f64,
            0.0..2.0f64,
            prop_oneof![
                6 => 1_000u32..=100_000,
                1 => prop_oneof![Just(999u32), Just(100_001), Just(0), Just(u32::MAX)],
            ],
            any::<u64>(),
        )
            .prop_map(|(i, a, b, n, s)| TreeChange::Range(i, a, b, n, s)),
        1 => (any::<Index>(), any::<bool>(), prop_oneof![Just(0.0), Just(-1.0), 0.0..1e4f64])
            .prop_map(|(i, real, usd)| TreeChange::Price(i, real, usd)),
    ]
}

fn apply_tree(tree: &mut Value, change: &TreeChange) {
    let mut all = Vec::new();
    paths(tree, "", &mut all);
    let pick = |i: &Index| all[i.index(all.len())].clone();
    match change {
        TreeChange::Within(i, share) => {
            let inputs = Scenario::default().input().numeric_inputs();
            let input = &inputs[i.index(inputs.len())];
            let mut v = input.min + share * (input.max - input.min);
            if input.whole {
                v = v.round();
            }
            if let Some(node) = slot(tree, input.name) {
                *node = if input.whole {
                    json!(v as u64)
                } else {
                    json!(v)
                };
            }
        }
        TreeChange::Set(i, v) => {
            if let Some(node) = slot(tree, &pick(i)) {
                *node = v.clone();
            }
        }
        TreeChange::Remove(i) => {
            let path = pick(i);
            let (parent, key) = path.rsplit_once('.').unwrap_or(("", &path));
            let node = if parent.is_empty() {
                Some(&mut *tree)
            } else {
                slot(tree, parent)
            };
            if let Some(Value::Object(map)) = node {
                map.remove(key);
            }
        }
        TreeChange::Unknown(i, name) => {
            let path = pick(i);
            let parent = path.rsplit_once('.').map_or("", |(p, _)| p);
            let node = if parent.is_empty() {
                Some(&mut *tree)
            } else {
                slot(tree, parent)
            };
            if let Some(Value::Object(map)) = node {
                map.insert(name.clone(), json!(1));
            }
        }
        TreeChange::Range(i, low, width, count, seed) => {
            let input = Scenario::default().input().numeric_inputs();
            let name = input[i.index(input.len())].name;
            let likely = slot(tree, name).and_then(|v| v.as_f64()).unwrap_or(0.0);
            // Around the likely value, scaled to it, sometimes off it.
            let scale = likely.abs().max(1.0);
            let (lo, hi) = (likely + low * scale, likely + (low + width) * scale);
            let block = tree
                .as_object_mut()
                .map(|m| m.entry("uncertainty").or_insert_with(|| json!({})));
            if let Some(Value::Object(u)) = block {
                u.insert("seed".into(), json!(seed));
                u.insert("paths".into(), json!(count));
                let ranges = u.entry("ranges").or_insert_with(|| json!({}));
                if let Value::Object(r) = ranges {
                    r.insert(name.to_owned(), json!({"low": lo, "high": hi}));
                }
            }
        }
        TreeChange::Price(i, real, usd) => {
            let id = slot(tree, "stack.catalog")
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            let keys: Vec<String> = catalog::by_id(&id)
                .map(|c| c.price_keys().into_iter().map(|(k, _, _)| k).collect())
                .unwrap_or_default();
            let key = if *real && !keys.is_empty() {
                keys[i.index(keys.len())].clone()
            } else {
                "app:no-such-sku".to_owned()
            };
            if let Some(Value::Object(map)) = slot(tree, "stack.price_overrides") {
                map.insert(key, json!(usd));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The properties.

fn config(cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig {
        cases,
        // Regressions live in the tests below, not in files beside this one.
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(20_261_123);
    }
    if let Some(n) = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        config.cases = n;
    }
    config
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn random_bytes_as_links(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check_link(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn random_text_as_links(
        text in prop_oneof![
            any::<String>(),
            "[0-9]{0,3}\\.[A-Za-z0-9_=-]{0,200}",
            "(https://x/)?#?(s=)?[0-9.]{0,4}[A-Za-z0-9_-]{0,64}(&[a-z]=[0-9.A-Z]{0,8}){0,3}",
        ]
    ) {
        check_link(&text)?;
    }

    #[test]
    fn random_bytes_packed_as_v1_links(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_link(&v1_token(&bytes))?;
    }

    #[test]
    fn random_text_as_scenario_files(text in prop_oneof![
        any::<String>(),
        "\\{(\"[a-z_]{0,12}\": ?(-?[0-9]{1,3}(\\.[0-9]{1,3})?([eE][0-9]{1,3})?|\"[a-z]{0,5}\"|\\{\\}|\\[\\]|null|true), ?){0,4}\\}",
    ]) {
        check_file(&text)?;
    }
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn mutated_links(
        seed in any::<Index>(),
        edits in prop::collection::vec(edit(), 1..5),
    ) {
        let links = seed_links();
        let token = &links[seed.index(links.len())];
        check_link(&mutated(token, &edits))?;
    }

    #[test]
    fn links_changed_as_a_whole(
        seed in any::<Index>(),
        change in link_change(),
        edits in prop::collection::vec(edit(), 0..2),
    ) {
        let links = seed_links();
        let k = seed.index(links.len());
        let link = mutated(&changed_link(&links[k], &change), &edits);
        check_link(&link)?;
        // Changed only as a whole, a link that still opens opens the same scenario:
        // never another one.
        if edits.is_empty() {
            if let Ok(s) = codec::decode(&link) {
                prop_assert_eq!(&s, &seeds()[k], "{:?} opened another scenario", change);
            }
        }
    }

    #[test]
    fn mutated_json_as_files_and_links(
        seed in any::<Index>(),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let files = seed_files();
        let text = mutated(&files[seed.index(files.len())], &edits);
        check_file(&text)?;
        check_link(&v1_token(text.as_bytes()))?;
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// Tree changes keep the JSON well-formed, so most reach the checks and many
    /// are accepted and projected (the slow part in a debug build).
    #[test]
    fn scenarios_changed_field_by_field(
        seed in any::<Index>(),
        changes in prop::collection::vec(tree_change(), 1..4),
    ) {
        let text = changed_scenario(&seed, &changes);
        let from_file = check_file(&text)?;
        let from_link = check_link(&v1_token(text.as_bytes()))?;
        prop_assert_eq!(from_file, from_link, "a file and a link disagree on {}", text);
    }
}

/// A seed scenario's JSON after `changes`.
fn changed_scenario(seed: &Index, changes: &[TreeChange]) -> String {
    let seeds = seeds();
    let mut tree =
        serde_json::to_value(seeds[seed.index(seeds.len())].input()).expect("plain data");
    for c in changes {
        apply_tree(&mut tree, c);
    }
    serde_json::to_string(&tree).expect("a tree serialises")
}

/// The tree changes test both sides: a fair share of the changed scenarios is
/// accepted (and so projected and round-tripped by the property above), and a
/// fair share refused. A generator that drifted to refusing everything would
/// leave the projection untested without failing anything else.
#[test]
fn tree_changes_reach_both_acceptance_and_refusal() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let cases = (any::<Index>(), prop::collection::vec(tree_change(), 1..4));
    let total = 300;
    let mut accepted = 0;
    for _ in 0..total {
        let (seed, changes) = cases
            .new_tree(&mut runner)
            .expect("the generator never rejects")
            .current();
        if Scenario::from_json(&changed_scenario(&seed, &changes)).is_ok() {
            accepted += 1;
        }
    }
    assert!(
        (total / 5..=total * 4 / 5).contains(&accepted),
        "{accepted} of {total} changed scenarios accepted: want between a fifth and four fifths"
    );
}

/// Input names as the address bar, `--set` and the editor give them: every
/// documented name, price override names, and names that are not inputs.
fn setting_name() -> impl Strategy<Value = String> {
    let input = Scenario::default().input().clone();
    let mut names: Vec<String> = input
        .numeric_inputs()
        .iter()
        .map(|i| i.name.to_owned())
        .chain(input.word_inputs().iter().map(|w| w.name.to_owned()))
        .collect();
    names.extend(
        [
            "",
            ".",
            "growth",
            "growth.",
            "growth.stage_rates",
            "growth.stage_rates.9",
            "growth.stage_rates.-1",
            "stack.price_overrides",
            "stack.price_overrides.",
            "stack.price_overrides.app:t4g.small",
            "stack.price_overrides.origin_egress.1",
            "stack.price_overrides.nope",
            "uncertainty",
            "uncertainty.paths",
            "thresholds.stage_mau.0.x",
        ]
        .map(str::to_owned),
    );
    prop_oneof![
        4 => prop::sample::select(names),
        1 => "[a-z_.:0-9]{0,20}",
    ]
}

/// Values as typed: JSON of any kind, bare words, numbers at the edges.
fn setting_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => odd_value().prop_map(|v| v.to_string()),
        1 => any::<String>(),
        1 => "[a-z_ -]{0,12}",
        1 => "-?[0-9]{1,12}(\\.[0-9]{0,6})?([eE]-?[0-9]{1,3})?",
    ]
}

proptest! {
    #![proptest_config(config(300))]

    /// Edits by name (`Scenario::with_settings`: the editor, `--set`, and the
    /// address bar's input parameters, whose values anyone can type).
    #[test]
    fn settings_by_name(
        seed in any::<Index>(),
        edits in prop::collection::vec((setting_name(), setting_value()), 1..4),
    ) {
        let seeds = seeds();
        let base = &seeds[seed.index(seeds.len())];
        let pairs: Vec<(&str, &str)> =
            edits.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        match base.with_settings(&pairs) {
            Ok(s) => check_scenario(&s, "edited scenario")?,
            Err(e) => check_error(&e, "refused edit")?,
        }
    }
}

/// A number as an error message shows it, read back (`10,000` is 10000).
fn shown_number(text: &str) -> Option<f64> {
    text.replace(',', "").parse().ok()
}

proptest! {
    #![proptest_config(config(300))]

    /// A refused number reads as refused: the message never shows it rounded
    /// into the allowed range (`1.001` as `1` beside "from 0 to 1"), and the
    /// limits it states are the real ones (a minimum of `0.001`, not `0`).
    #[test]
    fn a_refused_number_never_reads_as_allowed(
        pick in any::<Index>(),
        side in any::<bool>(),
        distance in prop_oneof![
            Just(f64::EPSILON),
            1e-12..1e-6f64,
            1e-6..1e-2f64,
            1e-2..1e3f64,
        ],
    ) {
        let base = Scenario::default();
        let inputs: Vec<_> = base
            .input()
            .numeric_inputs()
            .into_iter()
            .filter(|i| !i.whole)
            .collect();
        let input = &inputs[pick.index(inputs.len())];
        // Just outside one end, by a share of the range's size (at least one step).
        let step = (input.max - input.min).abs().max(1.0) * distance;
        let v = if side { input.max + step } else { input.min - step };
        prop_assume!(v > input.max || v < input.min);
        let typed = serde_json::to_string(&v).expect("a finite number");
        let e = base.with_setting(input.name, &typed).unwrap_err();
        prop_assert_eq!(&e.field, input.name);
        let shown = shown_number(&e.value);
        prop_assert!(
            shown.is_some_and(|x| x < input.min || x > input.max),
            "{} = {} was refused as {:?}, which reads as allowed: {}",
            input.name, typed, e.value, e
        );
        let (low, high) = e
            .allowed
            .split_once(" from ")
            .and_then(|(_, rest)| rest.split_once(" to "))
            .map(|(lo, rest)| (lo, rest.split(' ').next().unwrap_or("")))
            .expect("a range error says `from X to Y`");
        prop_assert_eq!(shown_number(low), Some(input.min), "{}", e);
        prop_assert_eq!(shown_number(high), Some(input.max), "{}", e);
    }
}

// ---------------------------------------------------------------------------
// The kept fuzz corpus and the fuzzers' crash inputs, as CI checks.

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// Every file under `dir/<target>/` for each target, by target.
fn files_of(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(targets) = std::fs::read_dir(dir) else {
        return out;
    };
    for target in targets.flatten() {
        let name = target.file_name().to_string_lossy().into_owned();
        let Ok(files) = std::fs::read_dir(target.path()) else {
            continue;
        };
        for f in files.flatten() {
            if f.path().is_file() {
                out.push((name.clone(), f.path()));
            }
        }
    }
    out.sort();
    out
}

/// Run one kept input through the check of the target it was found by.
fn replay(target: &str, path: &Path) -> Result<bool, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let outcome = match target {
        "link_decode" => check_link(&text),
        "link_payload" => check_link(&v1_token(&bytes)),
        "scenario_json" => check_file(&text),
        other => return Err(format!("{}: no fuzz target {other}", path.display())),
    };
    outcome.map_err(|e| format!("{} ({target}): {e}", path.display()))
}

#[test]
fn the_kept_fuzz_corpus_and_regressions_pass() {
    let dir = fuzz_dir();
    if !dir.join("corpus").is_dir() {
        eprintln!(
            "no fuzz corpus at {}: nothing to replay",
            dir.join("corpus").display()
        );
        return;
    }
    let mut inputs = files_of(&dir.join("corpus"));
    let corpus = inputs.len();
    inputs.extend(files_of(&dir.join("regressions")));
    assert!(corpus > 0, "fuzz/corpus/ exists but holds no input");
    let mut failures = Vec::new();
    let mut accepted = 0;
    for (target, path) in &inputs {
        match replay(target, path) {
            Ok(true) => accepted += 1,
            Ok(false) => {}
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The corpus starts from the presets: some of it must be accepted scenarios.
    assert!(accepted > 0, "no kept input was an accepted scenario");
}

// ---------------------------------------------------------------------------
// Inputs the fuzzers crashed on, each with what it must give now.

/// scenario_json, first and second runs (inputs kept as
/// `fuzz/regressions/scenario_json/empty-field-name.json` and
/// `blank-field-name.json`): an unknown input with an empty name (`"": ...`),
/// then one named with spaces (`"  ": ...`), was refused with that blank name as
/// its field, a message a person cannot act on. Now the field is the object
/// holding it (`scenario` at the top), the value says the name is blank and
/// shows it, and the names allowed there are listed.
#[test]
fn regression_an_input_with_a_blank_name_is_named_by_its_object() {
    let e = Scenario::from_json(r#"{"": {"start_users": 0e10, "monthly_rate": 2}}"#).unwrap_err();
    assert_eq!(e.field, "scenario");
    assert_eq!(e.value, r#"an input with a blank name ("")"#);
    assert!(e.allowed.contains("horizon_months"), "{e}");

    // The second crash, as found (`regressions/scenario_json/blank-field-name.json`,
    // read with its invalid UTF-8 replaced, as the app's import reads a file).
    let found = b"{\"  \": {\"^ly_r\xffa\xf4\": 0.1}}";
    let e = Scenario::from_json(&String::from_utf8_lossy(found)).unwrap_err();
    assert_eq!(e.field, "scenario");
    assert_eq!(e.value, r#"an input with a blank name ("  ")"#);

    let e = Scenario::from_json(r#"{"growth": {" ": 1}}"#).unwrap_err();
    assert_eq!(e.field, "growth");
    assert_eq!(e.value, r#"an input with a blank name (" ")"#);
    assert!(e.allowed.contains("monthly_rate"), "{e}");

    // The same through a link.
    let e = codec::decode(&v1_token(br#"{"": 1}"#)).unwrap_err();
    assert_eq!(e.field, "link");
    assert!(e.allowed.contains("blank name"), "{e}");
}

/// settings_by_name (proptest, this file): an edit with a blank input name
/// (`--set =0`, `--set " =0"`) was refused with the blank name as its field.
/// Now the field says which name was blank.
#[test]
fn regression_an_edit_with_a_blank_name_says_so() {
    for key in ["", " "] {
        let e = Scenario::default().with_setting(key, "0").unwrap_err();
        assert_eq!(e.field, format!("input name {key:?}"));
        assert_eq!(e.value, "0");
        assert!(e.allowed.contains("documented input name"), "{e}");
    }
}

/// Found beside it: a key that looks like a list item or an unknown place
/// (`[x`, `?`) was described as "a list" or as broken JSON. The field is now
/// the name as written.
#[test]
fn regression_keys_that_look_like_paths_are_named_as_written() {
    let e = Scenario::from_json(r#"{"[x": 1}"#).unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.value.as_str()),
        ("[x", "an unknown input")
    );
    let e = Scenario::from_json(r#"{"?": 1}"#).unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.value.as_str()),
        ("?", "an unknown input")
    );
    let e = Scenario::from_json(r#"{"growth": {"stage_rates": [0.1, "x"]}}"#).unwrap_err();
    assert_eq!(e.field, "growth.stage_rates.1");
    let e = Scenario::from_json("[1, 2]").unwrap_err();
    assert_eq!((e.field.as_str(), e.value.as_str()), ("scenario", "a list"));
}

/// The seeds themselves pass every check (the mutations start from them).
#[test]
fn the_seeds_pass_every_check() {
    for (link, file) in seed_links().iter().zip(seed_files()) {
        assert!(check_link(link).unwrap(), "{link}");
        assert!(check_file(file).unwrap(), "{file}");
    }
}

/// scenarios_changed_field_by_field (a longer run: release build,
/// `PROPTEST_CASES=30000 PROPTEST_RNG_SEED=7`): a price so small it is
/// subnormal gave a positive revenue so small that cost ÷ revenue overflowed,
/// and `cost_share_of_revenue` was infinite (written as `null` in JSON, as if
/// there were no revenue), then near the largest float (whose margin ×100 for a
/// percentage overflows again). Like cost per customer (from one customer), the
/// share is now stated from one cent of revenue a month.
#[test]
fn regression_a_vanishing_revenue_gives_no_infinite_cost_share() {
    let s = Scenario::default()
        .with_setting("revenue.arpa_usd_per_month", "1.4999530144353334e-308")
        .unwrap();
    let p = project(&s);
    for m in &p.months {
        assert!(
            m.revenue_usd > 0.0,
            "month {}: revenue is positive",
            m.month
        );
        assert_eq!(m.cost_share_of_revenue, None, "month {}", m.month);
        assert_eq!(m.margin_after_cost(), None, "month {}", m.month);
    }
    check_scenario(&s, "vanishing revenue").unwrap();
    // An ordinary small revenue still has its share.
    let cheap = Scenario::default()
        .with_setting("revenue.arpa_usd_per_month", "0.01")
        .unwrap();
    let m = &project(&cheap).months[0];
    assert_eq!(m.cost_share_of_revenue, Some(m.total_usd / m.revenue_usd));
}

/// settings_by_name (the same longer run, seed 8): a price override of `1e308`
/// was accepted (finite and not negative), and costs overflowed to infinity by
/// month 26. Overrides now stop at `catalog::MAX_OVERRIDE_USD` (1,000,000 USD
/// per the key's unit, hundreds of times any catalog price).
#[test]
fn regression_a_huge_price_override_is_refused() {
    let key = "stack.price_overrides.origin_egress.1";
    let e = Scenario::default().with_setting(key, "1e+308").unwrap_err();
    assert_eq!(e.field, key);
    assert_eq!(e.value, "1e308");
    assert_eq!(
        e.allowed,
        "a price from 0 to 1,000,000 (USD per the key's unit)"
    );
    // The largest allowed override still projects to finite figures, at the
    // largest loads the inputs allow.
    let s = Scenario::default()
        .with_settings(&[
            (key, "1000000"),
            ("growth.start_users", "10000000000"),
            ("usage.media_views_per_dau_per_day", "100000"),
            ("usage.media_kb", "10000000"),
            ("usage.cdn_hit_ratio", "0"),
        ])
        .unwrap();
    check_scenario(&s, "largest override").unwrap();
}

/// a_refused_number_never_reads_as_allowed (this file): messages rounded a
/// refused value, or a limit, to two decimals, so they contradicted themselves:
/// `usage.cache_hit_ratio = 1: allowed is a number from 0 to 1`, and
/// `data.object_mb = 0: allowed is a number from 0 to 100,000 (MB)` (the
/// minimum is 0.001). Values and limits in messages are now exact.
#[test]
fn regression_messages_show_refused_values_and_limits_exactly() {
    let s = Scenario::default();
    let e = s
        .with_setting("usage.cache_hit_ratio", "1.001")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "usage.cache_hit_ratio = 1.001: allowed is a number from 0 to 1 (share)"
    );
    let e = s.with_setting("data.object_mb", "0").unwrap_err();
    assert_eq!(
        e.to_string(),
        "data.object_mb = 0: allowed is a number from 0.001 to 100,000 (MB)"
    );
    let e = s.with_setting("growth.start_users", "-1e-9").unwrap_err();
    assert_eq!(e.value, "-1e-9");
    let e = s
        .with_range(
            "usage.peak_to_average",
            Some(headroom_models::uncertainty::Range {
                low: 0.999,
                high: 4.0,
            }),
        )
        .unwrap_err();
    assert_eq!(e.value, "0.999");
    // Figures that were already exact read as before.
    let e = s
        .with_setting("growth.start_users", "10000000001")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "growth.start_users = 10,000,000,001: allowed is a number from 0 to 10,000,000,000 (users)"
    );
}
