//! The `headroom` binary as a person or a script uses it: exit codes, formats,
//! the documented JSON interface, links and bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn headroom(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Bad input: status 2 and exactly one line on stderr that names `needle`.
fn assert_one_line_error(o: &Output, needle: &str) {
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(o));
    let err = stderr(o);
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected, got: {err}"
    );
    assert!(err.contains(needle), "{needle:?} not in: {err}");
    assert!(o.stdout.is_empty(), "nothing on stdout on error");
}

#[test]
fn project_json_carries_the_documented_fields() {
    let o = headroom(&["project", "--preset", "b2b-saas", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let months = v["months"].as_array().unwrap();
    assert_eq!(months.len(), 37, "month 0..=36");
    for m in months {
        for key in [
            "month",
            "stage",
            "registered",
            "mau",
            "dau",
            "customers",
            "revenue_usd",
            "peak_rps",
            "db_reads_per_s",
            "db_writes_per_s",
            "db_storage_gb",
            "total_usd",
        ] {
            assert!(
                m[key].is_number() || m[key].is_string(),
                "month field {key} missing: {m}"
            );
        }
        for tier in ["app", "db"] {
            for key in ["sku", "count", "utilization"] {
                assert!(
                    !m["tiers"][tier][key].is_null(),
                    "tiers.{tier}.{key} missing"
                );
            }
            assert!(
                m["tiers"][tier].get("p95_ms").is_some(),
                "tiers.{tier}.p95_ms missing"
            );
        }
        assert!(m["tiers"]["db"]["replicas"].is_number() && m["tiers"]["db"]["shards"].is_number());
        let costs = m["costs_usd"].as_object().unwrap();
        let sum: f64 = costs.values().map(|c| c.as_f64().unwrap()).sum();
        let total = m["total_usd"].as_f64().unwrap();
        assert!(
            (sum - total).abs() <= 1e-9 * total.max(1.0),
            "costs sum {sum} vs total {total}"
        );
        let customers = m["customers"].as_f64().unwrap();
        assert_eq!(m["cost_per_customer_usd"].is_null(), customers < 1.0);
    }
    let events = v["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        for key in [
            "month",
            "change",
            "basis",
            "metric",
            "value",
            "threshold",
            "reason",
        ] {
            assert!(!e[key].is_null(), "event field {key} missing: {e}");
        }
    }
    assert!(v["warnings"].is_array());
    assert_eq!(
        v["scenario"]["growth"]["monthly_rate"].as_f64(),
        Some(0.12),
        "the projected scenario is echoed"
    );
}

#[test]
fn no_customers_means_null_cost_per_customer() {
    let o = headroom(&[
        "project",
        "--set",
        "revenue.paying_share=0",
        "--format",
        "json",
        "--months",
        "3",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for m in v["months"].as_array().unwrap() {
        assert!(m["cost_per_customer_usd"].is_null());
        assert_eq!(m["customers"].as_f64(), Some(0.0));
    }
}

#[test]
fn months_and_set_override_inputs() {
    let o = headroom(&[
        "project",
        "--preset",
        "fintech",
        "--months",
        "12",
        "--set",
        "growth.start_users=5000",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["months"].as_array().unwrap().len(), 13);
    assert_eq!(v["months"][0]["registered"].as_f64(), Some(5000.0));
    assert_eq!(v["scenario"]["name"].as_str(), Some("Fintech"));
}

#[test]
fn csv_has_a_header_and_one_row_per_month_with_matching_totals() {
    let o = headroom(&[
        "project",
        "--preset",
        "marketplace",
        "--months",
        "24",
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    let text = stdout(&o);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 25);
    let total = header.iter().position(|h| *h == "total_usd").unwrap();
    let first_cost = header.iter().position(|h| h.starts_with("cost_")).unwrap();
    for row in &rows {
        assert_eq!(row.len(), header.len());
        let sum: f64 = row[first_cost..total]
            .iter()
            .map(|c| c.parse::<f64>().unwrap())
            .sum();
        let t: f64 = row[total].parse().unwrap();
        assert!(
            (sum - t).abs() < 1e-3 * t.max(1.0),
            "row sum {sum} vs total {t}"
        );
    }
}

#[test]
fn table_shows_months_events_and_unverified_prices() {
    let o = headroom(&["project", "--preset", "consumer-app"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("Consumer app — 36 months"));
    assert!(text.contains("Architecture changes"));
    assert!(
        text.contains("UNVERIFIED"),
        "unverified prices are flagged to the reader"
    );
    let stages = [
        "MVP",
        "Product-market fit",
        "Early scale",
        "Scaling",
        "Enterprise",
    ];
    let rows = text
        .lines()
        .filter(|l| {
            let mut words = l.split_whitespace();
            words.next().is_some_and(|m| m.parse::<u32>().is_ok())
                && stages.iter().any(|s| l.contains(s))
        })
        .count();
    assert_eq!(rows, 37, "one table row per month 0..=36");
}

#[test]
fn link_round_trips_into_the_same_projection() {
    let link = headroom(&[
        "link",
        "--preset",
        "ai-product",
        "--set",
        "growth.start_users=750",
    ]);
    assert!(link.status.success());
    let url = stdout(&link).trim().to_owned();
    assert!(url.contains("#s=2."), "{url}");
    let from_link = headroom(&["project", "--link", &url, "--format", "json"]);
    let direct = headroom(&[
        "project",
        "--preset",
        "ai-product",
        "--set",
        "growth.start_users=750",
        "--format",
        "json",
    ]);
    assert!(from_link.status.success(), "{}", stderr(&from_link));
    assert_eq!(stdout(&from_link), stdout(&direct));
}

#[test]
fn scenario_file_from_stdin_and_from_disk() {
    let scenario = headroom(&["scenario", "--preset", "fintech"]);
    assert!(scenario.status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["project", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&scenario.stdout)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let preset = headroom(&["project", "--preset", "fintech", "--format", "json"]);
    assert_eq!(stdout(&out), stdout(&preset));

    let dir = std::env::temp_dir().join(format!("headroom-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("partial.json");
    std::fs::write(
        &path,
        r#"{"name": "Partial", "horizon_months": 6, "growth": {"start_users": 300}}"#,
    )
    .unwrap();
    let o = headroom(&["project", path.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["months"].as_array().unwrap().len(), 7);
    assert_eq!(v["months"][0]["registered"].as_f64(), Some(300.0));
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_problem() {
    assert_one_line_error(&headroom(&["project", "--preset", "saas"]), "preset");
    assert_one_line_error(&headroom(&["project", "--months", "500"]), "horizon_months");
    assert_one_line_error(
        &headroom(&["project", "--set", "growth.monthly_rate=9"]),
        "growth.monthly_rate",
    );
    assert_one_line_error(
        &headroom(&["project", "--set", "growth.nope=1"]),
        "growth.nope",
    );
    assert_one_line_error(
        &headroom(&["project", "--set", "usage.peak_to_average"]),
        "KEY=VALUE",
    );
    assert_one_line_error(
        &headroom(&["project", "--set", "stack.price_overrides.db:nope=1"]),
        "price_overrides",
    );
    assert_one_line_error(&headroom(&["project", "--link", "1.AAAA"]), "link");
    assert_one_line_error(&headroom(&["project", "--link", "7.AAAA"]), "link version");
    assert_one_line_error(
        &headroom(&["project", "/no/such/file.json"]),
        "/no/such/file.json",
    );
    assert_one_line_error(&headroom(&["project", "--format", "xml"]), "xml");
    assert_one_line_error(&headroom(&["catalogs", "--prices", "gcp"]), "--prices");
    assert_one_line_error(&headroom(&["frobnicate"]), "frobnicate");
}

#[test]
fn bad_scenario_file_names_the_file_and_field() {
    let dir = std::env::temp_dir().join(format!("headroom-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.json");
    std::fs::write(&path, r#"{"usage": {"peak_to_average": -3}}"#).unwrap();
    let o = headroom(&["project", path.to_str().unwrap()]);
    assert_one_line_error(&o, "usage.peak_to_average");
    assert!(stderr(&o).contains("bad.json"));
    std::fs::write(&path, r#"{"usage": {"peak_to_average": "high"}}"#).unwrap();
    assert_one_line_error(&headroom(&["project", path.to_str().unwrap()]), "bad.json");
}

#[test]
fn lists_presets_catalogs_price_keys_and_inputs() {
    let presets = stdout(&headroom(&["presets"]));
    for id in [
        "b2b-saas",
        "consumer-app",
        "marketplace",
        "ai-product",
        "fintech",
    ] {
        assert!(presets.contains(id), "{id}");
    }
    let catalogs = stdout(&headroom(&["catalogs"]));
    assert!(catalogs.contains("aws-us-east-1-2026-11") && catalogs.contains("paas-2026-11"));
    let keys = stdout(&headroom(&[
        "catalogs",
        "--prices",
        "aws-us-east-1-2026-11",
    ]));
    assert!(keys.contains("db:db.m5.large") && keys.contains("origin_egress.1"));
    let inputs = stdout(&headroom(&["inputs"]));
    assert!(inputs.contains("growth.monthly_rate") && inputs.contains("thresholds.cache_dau"));
}

#[test]
fn price_override_changes_the_projection() {
    let base = headroom(&["project", "--format", "json", "--months", "1"]);
    let cheap = headroom(&[
        "project",
        "--format",
        "json",
        "--months",
        "1",
        "--set",
        "stack.price_overrides.app:m7g.large=0",
    ]);
    assert!(cheap.status.success(), "{}", stderr(&cheap));
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_slice(&base.stdout).unwrap(),
        serde_json::from_slice(&cheap.stdout).unwrap(),
    );
    assert!(a["months"][0]["costs_usd"]["app"].as_f64().unwrap() > 0.0);
    assert_eq!(b["months"][0]["costs_usd"]["app"].as_f64(), Some(0.0));
    assert_eq!(
        b["catalog"]["overridden"][0].as_str(),
        Some("app:m7g.large")
    );
}

#[test]
fn no_command_is_an_error_not_help() {
    let o = headroom(&[]);
    assert_one_line_error(&o, "a command is required");
}

#[test]
fn set_edits_apply_together_in_any_order() {
    // Raising the first stage boundary above the second is only valid with both edits.
    for order in [
        [
            "thresholds.stage_mau.0=20000",
            "thresholds.stage_mau.1=50000",
        ],
        [
            "thresholds.stage_mau.1=50000",
            "thresholds.stage_mau.0=20000",
        ],
    ] {
        let o = headroom(&[
            "project", "--months", "1", "--format", "json", "--set", order[0], "--set", order[1],
        ]);
        assert!(o.status.success(), "{order:?}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(
            v["scenario"]["thresholds"]["stage_mau"][0].as_f64(),
            Some(20_000.0)
        );
    }
}

#[test]
fn null_removes_a_price_override() {
    let link = stdout(&headroom(&[
        "link",
        "--token",
        "--set",
        "stack.price_overrides.app:m7g.large=0",
    ]));
    let o = headroom(&[
        "scenario",
        "--link",
        link.trim(),
        "--set",
        "stack.price_overrides.app:m7g.large=null",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["stack"]["price_overrides"].as_object().map(|m| m.len()),
        Some(0)
    );
}

#[test]
fn a_failed_write_exits_1_with_the_reason() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // no /dev/full on this system: nothing to check
    };
    let o = Command::new(env!("CARGO_BIN_EXE_headroom"))
        .args(["project"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
}

#[test]
fn table_columns_stay_aligned_at_any_scale() {
    // Ten years of 20%/month growth: billions of users, thousands of shards.
    let o = headroom(&["project", "--preset", "consumer-app", "--months", "120"]);
    assert!(o.status.success());
    let text = stdout(&o);
    let header = text
        .lines()
        .position(|l| l.trim_start().starts_with("month"))
        .unwrap();
    let rows: Vec<&str> = text.lines().skip(header).take(122).collect();
    let width = rows[0].chars().count();
    for row in &rows {
        assert_eq!(row.chars().count(), width, "misaligned row: {row}");
    }
}

#[test]
fn ranges_give_percentiles_reproducible_from_the_seed() {
    let args = [
        "project",
        "--preset",
        "consumer-app",
        "--range",
        "growth.monthly_rate=0.12:0.3",
        "--samples",
        "1000",
        "--seed",
        "7",
        "--format",
        "json",
    ];
    let a = headroom(&args);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(
        stdout(&a),
        stdout(&headroom(&args)),
        "same seed, same numbers"
    );
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(v["paths"], 1000);
    assert_eq!(v["seed"], 7);
    let last = v["months"].as_array().unwrap().last().unwrap();
    let (p10, p90) = (
        last["mau"]["p10"].as_f64().unwrap(),
        last["mau"]["p90"].as_f64().unwrap(),
    );
    assert!(p10 < p90, "a growth range spreads users: {last}");

    let mut other_seed = args;
    other_seed[8] = "8";
    assert_ne!(stdout(&a), stdout(&headroom(&other_seed)));

    // The table and CSV carry the same run.
    let mut csv = args;
    csv[10] = "csv";
    let text = stdout(&headroom(&csv));
    assert_eq!(
        text.lines().count(),
        v["months"].as_array().unwrap().len() + 1
    );
    assert!(text.starts_with("month,mau_p10,mau_p50,mau_p90"));
    let mut table = args;
    table[10] = "table";
    assert!(stdout(&headroom(&table)).contains("Probability each change is made by month m"));
}

#[test]
fn sensitivity_ranks_the_ranged_inputs() {
    let o = headroom(&[
        "sensitivity",
        "--preset",
        "b2b-saas",
        "--range",
        "usage.response_kb=2:40",
        "--range",
        "revenue.arpa_usd_per_month=150:400",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ranked: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["input"].as_str().unwrap())
        .collect();
    // Ranked by infrastructure: payload size moves egress; the price moves only
    // card fees, which the ranking leaves out.
    assert_eq!(ranked, ["usage.response_kb", "revenue.arpa_usd_per_month"]);
    assert_eq!(
        v[1]["infrastructure_at_low"],
        v[1]["infrastructure_at_high"]
    );
}

#[test]
fn bad_ranges_exit_2_naming_the_problem() {
    assert_one_line_error(
        &headroom(&["project", "--range", "growth.monthly_rate=0.5:0.9"]),
        "uncertainty.ranges.growth.monthly_rate.low",
    );
    assert_one_line_error(
        &headroom(&["project", "--range", "growth.monthly_rate"]),
        "--range",
    );
    assert_one_line_error(
        &headroom(&["project", "--samples", "5"]),
        "uncertainty.paths",
    );
    assert_one_line_error(&headroom(&["sensitivity"]), "--range");
}

#[test]
fn compare_puts_two_scenarios_side_by_side_by_stage() {
    let link = stdout(&headroom(&["link", "--preset", "fintech", "--token"]));
    let o = headroom(&["compare", "b2b-saas", link.trim(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (c["a"].as_str(), c["b"].as_str()),
        (Some("B2B SaaS"), Some("Fintech"))
    );
    // The horizon difference is B's projection minus A's, from their own JSON.
    let horizon_cost = |preset: &str| {
        let p: serde_json::Value = serde_json::from_slice(
            &headroom(&["project", "--preset", preset, "--format", "json"]).stdout,
        )
        .unwrap();
        p["months"].as_array().unwrap().last().unwrap()["total_usd"]
            .as_f64()
            .unwrap()
    };
    let want = horizon_cost("fintech") - horizon_cost("b2b-saas");
    assert_eq!(c["horizon"]["total_usd"].as_f64().unwrap(), want);
    assert!(!c["stages"].as_array().unwrap().is_empty());

    // A scenario against itself differs by nothing, stage by stage.
    let same: serde_json::Value = serde_json::from_slice(
        &headroom(&["compare", "marketplace", "marketplace", "--format", "json"]).stdout,
    )
    .unwrap();
    for s in same["stages"].as_array().unwrap() {
        assert_eq!(s["total_usd"].as_f64(), Some(0.0), "{s}");
    }
    let table = stdout(&headroom(&["compare", "b2b-saas", "consumer-app"]));
    assert!(table.contains("B − A cost per customer") && table.contains("Horizon"));
    assert_one_line_error(&headroom(&["compare", "b2b-saas", "nope"]), "B: preset");
}

#[test]
fn a_link_made_with_ranges_reproduces_the_same_percentiles() {
    let token = stdout(&headroom(&[
        "link",
        "--preset",
        "marketplace",
        "--range",
        "growth.monthly_rate=0.05:0.2",
        "--seed",
        "99",
        "--token",
    ]));
    let from_link = headroom(&[
        "project",
        "--link",
        token.trim(),
        "--samples",
        "1000",
        "-f",
        "json",
    ]);
    assert!(from_link.status.success(), "{}", stderr(&from_link));
    let direct = headroom(&[
        "project",
        "--preset",
        "marketplace",
        "--range",
        "growth.monthly_rate=0.05:0.2",
        "--seed",
        "99",
        "-f",
        "json",
    ]);
    assert_eq!(stdout(&from_link), stdout(&direct));
    // Without --samples the link projects its likely values, and says it has ranges.
    let table = stdout(&headroom(&["project", "--link", token.trim()]));
    assert!(
        table.contains("1 ranged input (likely values shown)"),
        "{table}"
    );
}
