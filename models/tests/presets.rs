//! The five presets: a reviewable text snapshot of each projection, and checks that
//! each preset is valid, survives a share link, and says in words what it does in
//! numbers.
//!
//! The snapshots are a compact rendering, one line per month, rounded so that float
//! noise cannot change the text: users, customers and instance counts are whole
//! numbers, peak rps has one decimal, money is in cents. Only `+ - * /` of `f64`
//! (IEEE-exact on every platform) feed these figures; latency, the one place that
//! uses `ln`/`exp`, is left out. A change in the model that moves any of these
//! figures shows up as a snapshot diff to review (`INSTA_UPDATE=always`, then read
//! the `.snap` files under `models/tests/snapshots/`).

use std::fmt::Write as _;

use headroom_models::scenario::{GrowthMode, Stage};
use headroom_models::{codec, project, Preset, Projection, Scenario};

/// Whole-number rendering with thousands separators (1,234,567).
fn count(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 && digits != "0" {
        out.insert(0, '-');
    }
    out
}

/// An event's measured value or threshold: enough digits to review, few enough
/// that float noise in the last bits cannot show.
fn figure(v: f64) -> String {
    let a = v.abs();
    if a >= 1_000.0 {
        count(v)
    } else if a >= 1.0 || a == 0.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.4}")
    }
}

fn usd(v: f64) -> String {
    format!("${v:.2}")
}

/// The reviewable rendering of a projection.
fn render(p: &Projection) -> String {
    let mut out = String::new();
    let s = &p.scenario;
    writeln!(
        out,
        "{} | catalog {} | horizon {} months",
        s.name, p.catalog.id, s.horizon_months
    )
    .unwrap();
    writeln!(
        out,
        "month | stage | MAU | DAU | customers | peak rps | app | db (sku r=replicas s=shards az) | cache | workers | cdn | total | $/customer"
    )
    .unwrap();
    for m in &p.months {
        let t = &m.tiers;
        let db = format!(
            "{} r{} s{}{}",
            t.db.sku,
            t.db.replicas,
            t.db.shards,
            if t.db.multi_az { " az" } else { "" }
        );
        let cache = t
            .cache
            .as_ref()
            .map_or("-".to_owned(), |c| format!("{}×{}", c.count, c.sku));
        let workers = t
            .workers
            .as_ref()
            .map_or("-".to_owned(), |w| format!("{}×{}", w.count, w.sku));
        let per_customer = m.cost_per_customer_usd.map_or("-".to_owned(), usd);
        writeln!(
            out,
            "{:>3} | {} | {} | {} | {} | {:.1} | {}×{} | {} | {} | {} | {} | {} | {}",
            m.month,
            m.stage,
            count(m.mau),
            count(m.dau),
            count(m.customers),
            m.peak_rps,
            t.app.count,
            t.app.sku,
            db,
            cache,
            workers,
            if t.cdn { "cdn" } else { "-" },
            usd(m.total_usd),
            per_customer
        )
        .unwrap();
    }
    writeln!(
        out,
        "\nevents (month | change | basis | adopted | metric = value / threshold):"
    )
    .unwrap();
    for e in &p.events {
        writeln!(
            out,
            "{:>3} | {} | {} | {} | {} = {} / {}",
            e.month,
            e.change,
            e.basis,
            if e.adopted { "adopted" } else { "not adopted" },
            e.metric,
            figure(e.value),
            figure(e.threshold)
        )
        .unwrap();
    }
    writeln!(out, "\ngaps:").unwrap();
    for g in &p.gaps {
        writeln!(out, "{}", g.note).unwrap();
    }
    writeln!(out, "\nwarnings:").unwrap();
    for w in &p.warnings {
        writeln!(out, "{w}").unwrap();
    }
    out
}

#[test]
fn every_preset_projection_matches_its_snapshot() {
    for preset in Preset::ALL {
        let p = project(&preset.scenario());
        assert_eq!(p.months.len(), 37, "{preset}: default horizon is 36 months");
        insta::assert_snapshot!(preset.id(), render(&p));
    }
}

#[test]
fn b2b_saas_over_ten_years_matches_its_snapshot() {
    let s = Preset::B2bSaas
        .scenario()
        .with_setting("horizon_months", "120")
        .unwrap();
    let p = project(&s);
    assert_eq!(p.months.len(), 121);
    insta::assert_snapshot!("b2b-saas-120-months", render(&p));
}

#[test]
fn the_rendering_rounds_away_float_noise() {
    // The snapshots rely on this: a figure one ulp either side renders the same.
    let x = 1_234.565_f64;
    let nudged = [
        f64::from_bits(x.to_bits() - 1),
        x,
        f64::from_bits(x.to_bits() + 1),
    ];
    let shown: Vec<String> = nudged.iter().map(|&v| figure(v)).collect();
    assert!(shown.iter().all(|s| s == "1,235"), "{shown:?}");
    assert_eq!(count(999_999.6), "1,000,000");
    assert_eq!(figure(0.123_456), "0.1235");
}

#[test]
fn every_preset_validates_and_round_trips_through_a_link() {
    for preset in Preset::ALL {
        let input = preset.input();
        let checked = Scenario::new(input.clone())
            .unwrap_or_else(|e| panic!("preset {preset} is invalid: {e}"));
        assert_eq!(checked.input(), &input);
        assert_eq!(checked.name(), preset.title());

        let token = codec::encode(&checked);
        let back = codec::decode(&token).unwrap();
        assert_eq!(back, checked, "{preset}: link round trip");
        // The link carries the numbers too, not just the inputs.
        assert_eq!(project(&back), project(&checked), "{preset}");

        // And the preset can be named in links and on the command line.
        assert_eq!(preset.id().parse::<Preset>().unwrap(), preset);
    }
}

// ---- The assumptions text says what the numbers are -------------------------------

/// The number written immediately before the first `marker` in `text`
/// ("… 12%/month …" with marker "%/month" gives 12). Commas are thousands separators.
fn before(text: &str, marker: &str) -> f64 {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("`{marker}` not in the assumptions: {text}"));
    let head = &text[..at];
    let start = head
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map_or(0, |i| i + 1);
    parse(&head[start..], marker, text)
}

/// The number written immediately after the first `marker` in `text`
/// ("… at $250/month" with marker "at $" gives 250).
fn after(text: &str, marker: &str) -> f64 {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("`{marker}` not in the assumptions: {text}"))
        + marker.len();
    let tail = &text[at..];
    let end = tail
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(tail.len());
    parse(&tail[..end], marker, text)
}

fn parse(raw: &str, marker: &str, text: &str) -> f64 {
    let cleaned = raw.trim_matches(|c| c == '.' || c == ',').replace(',', "");
    cleaned
        .parse()
        .unwrap_or_else(|_| panic!("no number at `{marker}` (got `{raw}`) in: {text}"))
}

/// A percentage in the text as a share (30% → 0.3).
fn pct(text: &str, marker: &str) -> f64 {
    before(text, marker) / 100.0
}

fn close(stated: f64, actual: f64, what: &str, preset: Preset) {
    assert!(
        (stated - actual).abs() <= 1e-9 * actual.abs().max(1.0),
        "{preset}: the assumptions say {what} = {stated}, the scenario has {actual}"
    );
}

#[test]
fn every_preset_states_its_key_figures_in_its_assumptions() {
    for preset in Preset::ALL {
        let a = preset.assumptions();
        let s = preset.input();
        let (g, r, u) = (&s.growth, &s.revenue, &s.usage);
        let mut checks: Vec<(&str, f64, f64)> = Vec::new();
        match preset {
            Preset::B2bSaas => checks.extend([
                (
                    "seats per account",
                    before(a, " seats"),
                    r.users_per_customer,
                ),
                ("ARPA", after(a, "account at $"), r.arpa_usd_per_month),
                (
                    "paying share",
                    pct(a, "% of active users pay"),
                    r.paying_share,
                ),
                ("start users", before(a, " registered users"), g.start_users),
                ("growth", pct(a, "%/month"), g.monthly_rate),
                ("churn", pct(a, "% churn"), g.monthly_churn),
                (
                    "MAU share",
                    pct(a, "% of registered users active monthly"),
                    g.mau_share,
                ),
                ("DAU share", pct(a, "% of those daily"), g.dau_share),
                (
                    "requests/DAU",
                    before(a, " API requests per DAU"),
                    u.requests_per_dau_per_day,
                ),
                ("CPU ms", before(a, " ms CPU"), u.app_cpu_ms_per_request),
                ("reads", before(a, " reads"), u.db_reads_per_request),
                (
                    "writes",
                    before(a, " writes per request"),
                    u.db_writes_per_request,
                ),
                (
                    "side-effect share",
                    pct(a, "% of requests send"),
                    u.side_effect_share,
                ),
                ("side-effect ms", before(a, " ms)"), u.side_effect_ms),
            ]),
            Preset::ConsumerApp => checks.extend([
                ("paying share", pct(a, "% of MAU paying"), r.paying_share),
                ("ARPA", after(a, "paying $"), r.arpa_usd_per_month),
                ("start users", before(a, " users growing"), g.start_users),
                ("growth", pct(a, "%/month"), g.monthly_rate),
                ("churn", pct(a, "% churn"), g.monthly_churn),
                (
                    "MAU share",
                    pct(a, "% of registered users active monthly"),
                    g.mau_share,
                ),
                ("DAU share", pct(a, "% of those daily"), g.dau_share),
                (
                    "requests/DAU",
                    before(a, " requests per DAU"),
                    u.requests_per_dau_per_day,
                ),
                ("CPU ms", before(a, " ms CPU"), u.app_cpu_ms_per_request),
                ("reads", before(a, " reads"), u.db_reads_per_request),
                ("writes", before(a, " writes"), u.db_writes_per_request),
                (
                    "media views",
                    before(a, " media views"),
                    u.media_views_per_dau_per_day,
                ),
                ("media KB", before(a, " KB"), u.media_kb),
                (
                    "uploads MB",
                    before(a, " MB of uploads"),
                    s.data.uploads_mb_per_mau_per_month,
                ),
                ("users per customer", 1.0, r.users_per_customer),
            ]),
            Preset::Marketplace => checks.extend([
                ("paying share", pct(a, "% of MAU transact"), r.paying_share),
                ("ARPA", after(a, "take of $"), r.arpa_usd_per_month),
                ("start users", before(a, " users growing"), g.start_users),
                ("growth", pct(a, "%/month"), g.monthly_rate),
                ("churn", pct(a, "% churn"), g.monthly_churn),
                ("MAU share", pct(a, "% MAU,"), g.mau_share),
                ("DAU share", pct(a, "% DAU/MAU"), g.dau_share),
                (
                    "requests/DAU",
                    before(a, " requests per DAU"),
                    u.requests_per_dau_per_day,
                ),
                (
                    "searches/DAU",
                    before(a, " searches per DAU"),
                    u.search_requests_per_dau_per_day,
                ),
                (
                    "photo views",
                    before(a, " listing-photo views"),
                    u.media_views_per_dau_per_day,
                ),
                ("photo KB", before(a, " KB"), u.media_kb),
            ]),
            Preset::AiProduct => checks.extend([
                ("ARPA", after(a, "sold at $"), r.arpa_usd_per_month),
                ("paying share", pct(a, "% of MAU"), r.paying_share),
                ("start users", before(a, " users growing"), g.start_users),
                (
                    "MVP growth",
                    pct(a, "%/month in the MVP stage"),
                    g.stage_rates[0],
                ),
                ("MAU share", pct(a, "% MAU,"), g.mau_share),
                ("DAU share", pct(a, "% DAU/MAU"), g.dau_share),
                (
                    "requests/DAU",
                    before(a, " requests per DAU"),
                    u.requests_per_dau_per_day,
                ),
                ("CPU ms", before(a, " ms CPU"), u.app_cpu_ms_per_request),
                (
                    "tokens/DAU",
                    before(a, " model tokens"),
                    u.ai_tokens_per_dau_per_day,
                ),
                (
                    "$/M tokens",
                    after(a, "blended $"),
                    u.ai_usd_per_million_tokens,
                ),
            ]),
            Preset::Fintech => checks.extend([
                ("paying share", pct(a, "% of MAU pay"), r.paying_share),
                ("ARPA", after(a, "pay $"), r.arpa_usd_per_month),
                ("start users", before(a, " users growing"), g.start_users),
                ("growth", pct(a, "%/month"), g.monthly_rate),
                ("churn", pct(a, "% churn"), g.monthly_churn),
                ("MAU share", pct(a, "% MAU,"), g.mau_share),
                ("DAU share", pct(a, "% DAU/MAU"), g.dau_share),
                (
                    "writes",
                    before(a, " writes per request"),
                    u.db_writes_per_request,
                ),
                ("write ms", before(a, " ms per write"), u.db_write_ms),
                ("p95 SLO", before(a, " ms p95"), s.thresholds.p95_slo_ms),
                (
                    "side-effect share",
                    pct(a, "% of requests"),
                    u.side_effect_share,
                ),
                ("side-effect ms", before(a, " ms)"), u.side_effect_ms),
            ]),
        }
        for (what, stated, actual) in checks {
            close(stated, actual, what, preset);
        }

        // Words that stand for settings.
        if a.contains("slowing by stage") {
            assert_eq!(g.mode, GrowthMode::PerStage, "{preset}");
            assert!(
                g.stage_rates.windows(2).all(|w| w[1] < w[0]),
                "{preset}: 'slowing by stage' but rates {:?}",
                g.stage_rates
            );
        } else {
            assert_eq!(g.mode, GrowthMode::Compound, "{preset}");
        }
        if a.contains("high availability from product-market fit") {
            assert_eq!(s.stack.ha_from_stage, Stage::ProductMarketFit, "{preset}");
        }
        assert_eq!(
            a.contains("Payments extraction allowed")
                || a.contains("Search and payments extraction allowed"),
            s.stack.extract_payments,
            "{preset}: payments extraction in words vs stack.extract_payments"
        );
        assert_eq!(
            a.contains("Media service extraction allowed"),
            s.stack.extract_media,
            "{preset}"
        );
        assert_eq!(
            a.contains("Search and payments extraction allowed"),
            s.stack.extract_search,
            "{preset}"
        );
    }
}
