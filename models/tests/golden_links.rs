//! Golden share links: a link made today opens with today's numbers, forever.
//!
//! `tests/fixtures/golden_links.json` holds share-link tokens made by every
//! released link schema version (1 to [`codec::LINK_VERSION`]) for every price
//! catalog the model ships, across every preset and a few edited scenarios (one
//! of them with an `uncertainty` block). Each entry records the figures its
//! token must reproduce:
//!
//! - the name, catalog, horizon and uncertainty settings the token decodes to;
//! - per growth stage reached: its first and last month, and at both the MAU,
//!   customers, monthly cost and cost per customer;
//! - at the horizon: users, customers, revenue, load, storage, every cost line
//!   item, the total, cost per customer and per MAU, share of revenue, and the
//!   sized architecture (SKUs and counts);
//! - the total cost of every month;
//! - every architecture change (event) with its month, basis, metric, measured
//!   value and threshold, and whether it was adopted.
//!
//! The test decodes every token, projects it and compares these figures
//! **exactly**: every number bit for bit (the fixture stores floats as the
//! shortest text that reads back to the same `f64`; serde_json's
//! `float_roundtrip` reads them exactly), every word as written. Latency
//! figures are left out: they go through `ln`/`exp`, whose last bit may differ
//! between platforms' maths libraries (the preset snapshots leave them out for
//! the same reason); every figure kept comes from `+ - * /` and rounding.
//!
//! **Coverage.** The fixture must hold at least one entry for every link version
//! from 1 to `LINK_VERSION` and for every catalog of `catalog::all()`: a new link
//! version or a new catalog fails here until its entries are added.
//!
//! **Adding entries** (a new version, a new catalog, a new preset):
//!
//! ```text
//! HEADROOM_BLESS=1 cargo test -p headroom-models --test golden_links
//! ```
//!
//! appends an entry for every (current version, catalog, scenario) whose id the
//! fixture does not have yet, made with today's `codec::encode` and today's
//! projection. It only appends: it never rewrites, reorders or removes an
//! existing entry, and the existing entries are still checked in the same run.
//! Review the new entries and commit them.
//!
//! **Existing entries are never changed silently.** A failing entry means an old
//! link now opens with other numbers. Fix the decoder or the model. If moving
//! those numbers is the intended result of a model change, edit the entry's
//! figures by hand in the same change and say why in its review: nothing in this
//! test rewrites them.

use std::path::{Path, PathBuf};

use headroom_models::catalog::{self, Catalog};
use headroom_models::projection::Month;
use headroom_models::uncertainty::Range;
use headroom_models::{codec, project, Preset, Scenario};
use serde_json::{json, Map, Value};

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden_links.json")
}

/// An empty fixture, for the first bless.
const EMPTY_FIXTURE: &str = r#"{
  "about": "Share-link tokens and the figures each must reproduce, compared exactly (models/tests/golden_links.rs). Entries are only ever appended (HEADROOM_BLESS=1); never edit one without saying why.",
  "entries": []
}
"#;

/// Tokens with their recorded figures.
#[derive(Clone)]
struct Entry {
    id: String,
    version: u32,
    catalog: String,
    token: String,
    expect: Value,
}

fn read_fixture() -> (String, Vec<Entry>) {
    let path = fixture_path();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && blessing() => {
            EMPTY_FIXTURE.to_owned()
        }
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    };
    let entries = parse_entries(&text);
    (text, entries)
}

fn parse_entries(text: &str) -> Vec<Entry> {
    let doc: Value = serde_json::from_str(text).expect("golden_links.json is JSON");
    let list = doc["entries"]
        .as_array()
        .expect("golden_links.json has an `entries` list");
    list.iter()
        .map(|e| {
            let word = |key: &str| {
                e[key]
                    .as_str()
                    .unwrap_or_else(|| panic!("entry without a `{key}` text: {e}"))
                    .to_owned()
            };
            Entry {
                id: word("id"),
                version: e["version"]
                    .as_u64()
                    .and_then(|v| u32::try_from(v).ok())
                    .unwrap_or_else(|| panic!("entry without a `version`: {e}")),
                catalog: word("catalog"),
                token: word("token"),
                expect: e["expect"].clone(),
            }
        })
        .collect()
}

fn blessing() -> bool {
    std::env::var("HEADROOM_BLESS").is_ok_and(|v| v == "1")
}

/// The scenarios recorded for each catalog: every preset, and two edited ones.
fn scenarios(catalog: &Catalog) -> Vec<(String, Scenario)> {
    let on_catalog = |preset: Preset| {
        let mut input = preset.input();
        input.stack.catalog = catalog.id.clone();
        // The preset's app SKU belongs to the default catalog; others use their own.
        if catalog.app_sku(&input.stack.app_sku).is_none() {
            input.stack.app_sku = String::new();
        }
        Scenario::new(input).unwrap_or_else(|e| panic!("{preset} on {}: {e}", catalog.id))
    };
    let mut out: Vec<(String, Scenario)> = Preset::ALL
        .iter()
        .map(|&p| (p.id().to_owned(), on_catalog(p)))
        .collect();

    // Edited: logistic growth over five years, stricter thresholds, the model's
    // adoption policy, extractions and a second region, a cheaper app server.
    let (sku, usd, _) = catalog
        .price_keys()
        .into_iter()
        .find(|(key, _, _)| key.starts_with("app:"))
        .expect("every catalog has app servers");
    let price = format!("{}", usd * 0.8);
    let edited = on_catalog(Preset::B2bSaas)
        .with_settings(&[
            ("name", "Edited: logistic, model adoption, overrides"),
            ("horizon_months", "60"),
            ("growth.mode", "logistic"),
            ("growth.start_users", "5000"),
            ("growth.monthly_rate", "0.3"),
            ("growth.ceiling_users", "3000000"),
            ("growth.monthly_churn", "0.015"),
            ("usage.peak_to_average", "4.5"),
            ("usage.far_users_share", "0.35"),
            ("usage.search_requests_per_dau_per_day", "4"),
            ("stack.adopt", "model"),
            ("stack.ha_from_stage", "early_scale"),
            ("stack.extract_search", "true"),
            ("stack.extra_regions", "1"),
            ("thresholds.cache_dau", "2000"),
            ("thresholds.p95_slo_ms", "250"),
            (&format!("stack.price_overrides.{sku}"), &price),
        ])
        .unwrap_or_else(|e| panic!("edited scenario on {}: {e}", catalog.id));
    out.push(("edited-logistic".to_owned(), edited));

    // Edited: growth by stage over four years with ranges and Monte Carlo settings.
    let staged = on_catalog(Preset::ConsumerApp)
        .with_settings(&[
            ("name", "Edited: per-stage growth with ranges"),
            ("horizon_months", "48"),
            ("growth.mode", "per_stage"),
            ("growth.stage_rates.0", "0.35"),
            ("growth.stage_rates.1", "0.2"),
            ("growth.stage_rates.2", "0.1"),
            ("revenue.arpa_usd_per_month", "7.5"),
        ])
        .and_then(|s| {
            s.with_range(
                "growth.stage_rates.0",
                Some(Range {
                    low: 0.2,
                    high: 0.5,
                }),
            )
        })
        .and_then(|s| {
            s.with_range(
                "usage.peak_to_average",
                Some(Range {
                    low: 2.0,
                    high: 6.0,
                }),
            )
        })
        .and_then(|s| {
            let mut input = s.input().clone();
            let u = input.uncertainty.as_mut().expect("ranges were set");
            u.seed = 20_261_123;
            u.paths = 2_500;
            Scenario::new(input)
        })
        .unwrap_or_else(|e| panic!("ranged scenario on {}: {e}", catalog.id));
    out.push(("edited-uncertain".to_owned(), staged));

    // Edited: ten years under a three-year commitment, a fortnight of writes hot.
    let committed = on_catalog(Preset::B2bSaas)
        .with_settings(&[
            ("name", "Edited: ten years, committed"),
            ("horizon_months", "120"),
            ("stack.commitment", "three_year"),
            ("data.hot_days", "14"),
        ])
        .unwrap_or_else(|e| panic!("committed scenario on {}: {e}", catalog.id));
    out.push(("edited-committed".to_owned(), committed));

    // Edited: the December bill's dimensions in use: media moved to the
    // infrequent-access tier after six months, outbound calls through the NAT
    // gateways, a month of backups, high availability from early scale.
    let billed = on_catalog(Preset::ConsumerApp)
        .with_settings(&[
            ("name", "Edited: cold media, outbound calls, long backups"),
            ("horizon_months", "72"),
            ("data.cold_after_months", "6"),
            ("usage.outbound_kb_per_request", "12"),
            ("stack.backup_retention_days", "30"),
            ("stack.ha_from_stage", "early_scale"),
        ])
        .unwrap_or_else(|e| panic!("billed scenario on {}: {e}", catalog.id));
    out.push(("edited-real-bill".to_owned(), billed));
    out
}

/// The figures of a month that every entry records at a stage's ends and at the horizon.
fn month_figures(m: &Month) -> Value {
    json!({
        "month": m.month,
        "mau": m.mau,
        "customers": m.customers,
        "total_usd": m.total_usd,
        "cost_per_customer_usd": m.cost_per_customer_usd,
    })
}

/// Everything an entry checks, computed from a decoded scenario.
fn figures(s: &Scenario) -> Value {
    let p = project(s);
    let at = |month: u32| &p.months[month as usize];
    let input = s.input();
    let uncertainty = input.uncertainty.as_ref().map(|u| {
        let ranges: Map<String, Value> = u
            .ranges
            .iter()
            .map(|(name, r)| (name.clone(), json!([r.low, r.high])))
            .collect();
        json!({ "seed": u.seed, "paths": u.paths, "ranges": ranges })
    });
    let stages: Vec<Value> = p
        .stages
        .iter()
        .map(|st| {
            json!({
                "stage": st.stage,
                "reached": month_figures(at(st.first_month)),
                "last": month_figures(at(st.last_month)),
            })
        })
        .collect();
    let h = p.months.last().expect("a projection has month 0");
    let costs: Map<String, Value> = h
        .costs_usd
        .items()
        .iter()
        .map(|&(item, usd)| (item.name().to_owned(), json!(usd)))
        .collect();
    let t = &h.tiers;
    let architecture = json!({
        "app": [t.app.sku, t.app.count],
        "db": {
            "sku": t.db.sku,
            "count": t.db.count,
            "shards": t.db.shards,
            "replicas": t.db.replicas,
            "multi_az": t.db.multi_az,
        },
        "cache": t.cache.as_ref().map(|c| json!([c.sku, c.count])),
        "workers": t.workers.as_ref().map(|w| json!([w.sku, w.count])),
        "pooler": t.pooler.as_ref().map(|x| json!([x.sku, x.count])),
        "cdn": t.cdn,
        "services": t.services,
        "extra_regions": t.extra_regions,
    });
    let horizon = json!({
        "month": h.month,
        "stage": h.stage,
        "registered": h.registered,
        "mau": h.mau,
        "dau": h.dau,
        "customers": h.customers,
        "revenue_usd": h.revenue_usd,
        "engineers": h.engineers,
        "peak_rps": h.peak_rps,
        "db_reads_per_s": h.db_reads_per_s,
        "db_writes_per_s": h.db_writes_per_s,
        "db_storage_gb": h.db_storage_gb,
        "object_storage_gb": h.object_storage_gb,
        "costs_usd": costs,
        "total_usd": h.total_usd,
        "cost_per_customer_usd": h.cost_per_customer_usd,
        "cost_per_mau_usd": h.cost_per_mau_usd,
        "cost_share_of_revenue": h.cost_share_of_revenue,
        "architecture": architecture,
    });
    let events: Vec<Value> = p
        .events
        .iter()
        .map(|e| {
            json!({
                "month": e.month,
                "change": e.change,
                "basis": e.basis,
                "metric": e.metric,
                "value": e.value,
                "threshold": e.threshold,
                "adopted": e.adopted,
            })
        })
        .collect();
    json!({
        "name": input.name,
        "catalog": p.catalog.id,
        "horizon_months": input.horizon_months,
        "uncertainty": uncertainty,
        "stages": stages,
        "horizon": horizon,
        "monthly_total_usd": p.months.iter().map(|m| m.total_usd).collect::<Vec<_>>(),
        "events": events,
    })
}

/// Every difference between the recorded and the computed figures, by path.
/// Numbers compare exactly: floats bit for bit (so `-0.0` is not `0.0`), and a
/// whole number is not a float.
fn differences(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                let child = format!("{path}.{key}");
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => differences(&child, x, y, out),
                    (Some(x), None) => out.push(format!("{child}: recorded {x}, now absent")),
                    // A line item added after the entry was recorded: a link
                    // made before it keeps its figures only if it costs nothing.
                    (None, Some(y)) if path.ends_with(".costs_usd") && y.as_f64() == Some(0.0) => {}
                    (None, Some(y)) => out.push(format!("{child}: not recorded, now {y}")),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!(
                    "{path}: recorded {} items, now {}",
                    a.len(),
                    b.len()
                ));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                differences(&format!("{path}.{i}"), x, y, out);
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let same = match (a.is_f64(), b.is_f64()) {
                (true, true) => a.as_f64().map(f64::to_bits) == b.as_f64().map(f64::to_bits),
                (false, false) => a == b,
                _ => false,
            };
            if !same {
                out.push(format!("{path}: recorded {a}, now {b}"));
            }
        }
        _ if want == got => {}
        _ => out.push(format!("{path}: recorded {want}, now {got}")),
    }
}

/// The entry's problems: a token that no longer decodes, or figures that moved.
fn check_entry(entry: &Entry) -> Vec<String> {
    let scenario = match codec::decode(&entry.token) {
        Ok(s) => s,
        Err(e) => return vec![format!("the token no longer decodes: {e}")],
    };
    let mut problems = Vec::new();
    let prefix = format!("{}.", entry.version);
    if !entry.token.starts_with(&prefix) {
        problems.push(format!(
            "recorded as version {} but the token starts {:?}",
            entry.version,
            entry.token.get(..prefix.len())
        ));
    }
    if scenario.input().stack.catalog != entry.catalog {
        problems.push(format!(
            "recorded as catalog {} but the token names {}",
            entry.catalog,
            scenario.input().stack.catalog
        ));
    }
    differences("expect", &entry.expect, &figures(&scenario), &mut problems);
    problems
}

#[test]
fn every_golden_link_reproduces_its_figures() {
    let (_, entries) = read_fixture();
    let mut failures = Vec::new();
    for entry in &entries {
        let problems = check_entry(entry);
        if !problems.is_empty() {
            let shown: Vec<&str> = problems.iter().take(12).map(String::as_str).collect();
            failures.push(format!(
                "{} ({} differences):\n    {}",
                entry.id,
                problems.len(),
                shown.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "golden links that no longer open with their recorded figures (an old link \
         would now show other numbers; see this file's doc comment before touching \
         the fixture):\n{}",
        failures.join("\n")
    );
}

/// The comparison is exact: one bit of one figure, a sign of zero, a float
/// recorded for a whole number, a missing event are each a failure, named by path.
#[test]
fn the_comparison_catches_the_smallest_change() {
    let (_, entries) = read_fixture();
    let entry = entries.first().expect("the fixture has entries");
    assert!(check_entry(entry).is_empty(), "{:?}", check_entry(entry));
    let changed = |edit: &dyn Fn(&mut Value)| {
        let mut expect = entry.expect.clone();
        edit(&mut expect);
        check_entry(&Entry {
            expect,
            ..entry.clone()
        })
    };
    let one_ulp = changed(&|e| {
        let v = e["horizon"]["total_usd"].as_f64().unwrap();
        e["horizon"]["total_usd"] = json!(f64::from_bits(v.to_bits() + 1));
    });
    assert_eq!(one_ulp.len(), 1, "{one_ulp:?}");
    assert!(
        one_ulp[0].starts_with("expect.horizon.total_usd:"),
        "{one_ulp:?}"
    );
    let zero_sign = changed(&|e| e["horizon"]["costs_usd"]["ai"] = json!(-0.0));
    assert!(
        zero_sign
            .iter()
            .any(|p| p.starts_with("expect.horizon.costs_usd.ai:")),
        "{zero_sign:?}"
    );
    let float_month = changed(&|e| e["horizon"]["month"] = json!(f64::from(36u8)));
    assert!(
        float_month
            .iter()
            .any(|p| p.starts_with("expect.horizon.month:")),
        "{float_month:?}"
    );
    let no_event = changed(&|e| {
        e["events"].as_array_mut().unwrap().pop();
    });
    assert!(
        no_event.iter().any(|p| p.contains("expect.events")),
        "{no_event:?}"
    );
    let cut = check_entry(&Entry {
        token: entry.token[..entry.token.len() / 2].to_owned(),
        ..entry.clone()
    });
    assert!(cut[0].contains("no longer decodes"), "{cut:?}");
}

#[test]
fn golden_link_ids_are_unique_and_match_their_version_and_catalog() {
    let (_, entries) = read_fixture();
    let mut ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "duplicate ids in golden_links.json");
    for e in &entries {
        let want = format!("v{}/{}/", e.version, e.catalog);
        assert!(
            e.id.starts_with(&want),
            "id {} should start with {want}",
            e.id
        );
    }
}

/// Every released link version and every shipped catalog has golden links. With
/// HEADROOM_BLESS=1, first appends the entries the fixture lacks (never touching
/// the ones it has).
#[test]
fn golden_links_cover_every_version_and_catalog() {
    let catalogs = catalog::all().expect("the embedded catalogs load");
    if blessing() {
        append_missing(&catalogs);
    }
    let (_, entries) = read_fixture();
    let hint = "add them with HEADROOM_BLESS=1 cargo test -p headroom-models --test \
                golden_links, then review and commit the new entries";
    for version in 1..=codec::LINK_VERSION {
        assert!(
            entries.iter().any(|e| e.version == version),
            "no golden link of link version {version}: {hint}"
        );
    }
    for c in &catalogs {
        assert!(
            entries.iter().any(|e| e.catalog == c.id),
            "no golden link priced with catalog {}: {hint}",
            c.id
        );
        for (name, _) in scenarios(c) {
            let id = format!("v{}/{}/{name}", codec::LINK_VERSION, c.id);
            assert!(
                entries.iter().any(|e| e.id == id),
                "no golden link {id}: {hint}"
            );
        }
    }
}

/// Append an entry for every (current version, catalog, scenario) the fixture
/// lacks. The new entries are inserted as text before the list's closing
/// bracket, so every byte of the existing entries stays as it was.
fn append_missing(catalogs: &[Catalog]) {
    let (text, entries) = read_fixture();
    let mut added = Vec::new();
    for c in catalogs {
        for (name, scenario) in scenarios(c) {
            let id = format!("v{}/{}/{name}", codec::LINK_VERSION, c.id);
            if entries.iter().any(|e| e.id == id) {
                continue;
            }
            let token = codec::encode(&scenario);
            let decoded = codec::decode(&token).expect("a link made now decodes");
            let entry = json!({
                "id": id,
                "version": codec::LINK_VERSION,
                "catalog": c.id,
                "token": token,
                "expect": figures(&decoded),
            });
            added.push(entry);
        }
    }
    if added.is_empty() {
        return;
    }
    let out = append_entries(&text, &added);
    // The existing entries must come back unchanged, and the new ones after them.
    let after = parse_entries(&out);
    assert_eq!(after.len(), entries.len() + added.len());
    for (old, new) in entries.iter().zip(&after) {
        assert!(
            old.id == new.id && old.token == new.token && old.expect == new.expect,
            "appending changed entry {}",
            old.id
        );
    }
    // Write beside, then rename: a test reading the file meanwhile sees the old or the new.
    let path = fixture_path();
    let temp = path.with_extension("json.tmp");
    std::fs::write(&temp, out).expect("write the fixture");
    std::fs::rename(&temp, &path).expect("replace the fixture");
    eprintln!(
        "golden_links: appended {} entries to {}; review and commit them",
        added.len(),
        path.display()
    );
}

/// The fixture's text with `added` inserted at the end of its `entries` list:
/// the text before the list's closing bracket is kept byte for byte.
fn append_entries(text: &str, added: &[Value]) -> String {
    let close = text
        .rfind(']')
        .expect("golden_links.json ends its `entries` list with `]`");
    let head = text[..close].trim_end();
    let mut out = head.to_owned();
    for (i, entry) in added.iter().enumerate() {
        if i > 0 || !head.ends_with('[') {
            out.push(',');
        }
        let pretty = serde_json::to_string_pretty(entry).expect("plain data");
        out.push_str("\n    ");
        out.push_str(&pretty.replace('\n', "\n    "));
    }
    out.push_str("\n  ");
    out.push_str(&text[close..]);
    out
}

#[test]
fn appending_keeps_every_existing_byte() {
    let (text, entries) = read_fixture();
    let close = text.rfind(']').unwrap();
    let kept = text[..close].trim_end();
    let new = json!({"id": "v9/x/y", "version": 9, "catalog": "x", "token": "9.x", "expect": {}});
    let out = append_entries(&text, std::slice::from_ref(&new));
    assert!(out.starts_with(kept), "the existing text was rewritten");
    let after = parse_entries(&out);
    assert_eq!(after.len(), entries.len() + 1);
    assert_eq!(after.last().unwrap().id, "v9/x/y");
    // Into an empty list too (the first bless).
    let first = parse_entries(&append_entries(EMPTY_FIXTURE, &[new.clone(), new]));
    assert_eq!(first.len(), 2);
}
