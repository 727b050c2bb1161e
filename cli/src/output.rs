//! Rendering a projection (and the lists) as text, CSV and JSON.

use std::fmt::Write as _;

use headroom_models::compare::Comparison;
use headroom_models::format::{self, count, usd};
use headroom_models::projection::Projection;
use headroom_models::uncertainty::{Band, Simulation, Swing};
use headroom_models::{catalog, Error, Preset, Scenario};

/// The projection as JSON: the documented interface (docs/MODEL.md, "Output"),
/// plus `inputs`: every numeric input of the projected scenario with its name,
/// unit, allowed range and value.
pub fn json(p: &Projection) -> String {
    let mut value = serde_json::to_value(p).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        let inputs = serde_json::to_value(p.scenario.numeric_inputs()).unwrap_or_default();
        map.insert("inputs".to_owned(), inputs);
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// A table a person reads in a terminal: months, then events, gaps and warnings.
pub fn table(p: &Projection) -> String {
    let mut out = String::new();
    let s = &p.scenario;
    let _ = writeln!(
        out,
        "{} — {} months, catalog {} (released {})",
        s.name, s.horizon_months, p.catalog.id, p.catalog.released
    );
    if !p.catalog.overridden.is_empty() {
        let _ = writeln!(out, "price overrides: {}", p.catalog.overridden.join(", "));
    }
    if let Some(u) = s.uncertainty.as_ref().filter(|u| !u.ranges.is_empty()) {
        let _ = writeln!(
            out,
            "{} ranged input{} (likely values shown): add --samples {} for the spread",
            u.ranges.len(),
            if u.ranges.len() == 1 { "" } else { "s" },
            u.paths
        );
    }
    out.push('\n');
    // Columns sized to their widest cell, so large projections stay aligned.
    const HEADER: [&str; 13] = [
        "month",
        "stage",
        "MAU",
        "DAU",
        "customers",
        "peak rps",
        "app",
        "database",
        "cache",
        "infra $/month",
        "infra $/customer",
        "$/month",
        "$/customer",
    ];
    const LEFT: [bool; 13] = [
        false, true, false, false, false, false, true, true, true, false, false, false, false,
    ];
    let mut rows: Vec<Vec<String>> = vec![HEADER.map(str::to_owned).to_vec()];
    for m in &p.months {
        let t = &m.tiers;
        let app = format!(
            "{}×{} {}",
            t.app.count,
            t.app.sku,
            format::percent(t.app.utilization)
        );
        let db = format!(
            "{} ({} CPU)",
            t.db.in_words(),
            format::percent(t.db.utilization)
        );
        let cache = t
            .cache
            .as_ref()
            .map_or("-".to_owned(), |c| format!("{}×{}", c.count, c.sku));
        rows.push(vec![
            m.month.to_string(),
            m.stage.to_string(),
            count(m.mau),
            count(m.dau),
            count(m.customers),
            format::fixed(m.peak_rps, 1),
            app,
            db,
            cache,
            usd(m.infrastructure_usd),
            m.infrastructure_per_customer_usd
                .map_or("-".to_owned(), usd),
            usd(m.total_usd),
            m.cost_per_customer_usd.map_or("-".to_owned(), usd),
        ]);
    }
    out.push_str(&aligned(&rows, &LEFT));
    if let Some(last) = p.months.last() {
        let _ = writeln!(out, "\nCost at month {} by line item:", last.month);
        for (item, v) in last.costs_usd.items() {
            if v > 0.0 {
                let _ = writeln!(out, "  {:<16} {:>12}", item.name(), usd(v));
            }
        }
        let _ = writeln!(
            out,
            "  {:<16} {:>12}\n  {:<16} {:>12}\n  {:<16} {:>12}",
            "infrastructure",
            usd(last.infrastructure_usd),
            "payment fees",
            usd(last.payment_fees_usd),
            "total",
            usd(last.total_usd)
        );
        let c = &last.commitment;
        if c.savings_usd > 0.0 {
            let _ = writeln!(
                out,
                "  committed baseline {} (saves {} against on demand)",
                usd(c.committed_usd),
                usd(c.savings_usd)
            );
        }
    }
    if !p.events.is_empty() {
        let _ = writeln!(
            out,
            "\nArchitecture changes (model = capacity math; rule = rule of thumb; * = made here):"
        );
        for e in &p.events {
            let _ = writeln!(
                out,
                "  month {:>3}  {}{:<30} {:<13} {}",
                e.month,
                if e.adopted { "*" } else { " " },
                e.change.to_string(),
                e.basis.to_string(),
                e.reason
            );
        }
    }
    if !p.gaps.is_empty() {
        let _ = writeln!(out, "\nWhere the rule of thumb and the model disagree:");
        for g in &p.gaps {
            let _ = writeln!(out, "  {}", g.note);
        }
    }
    if !p.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings:");
        for w in &p.warnings {
            let _ = writeln!(out, "  {w}");
        }
    }
    out
}

pub fn presets() -> String {
    let mut out = String::new();
    for p in Preset::ALL {
        let _ = writeln!(
            out,
            "{:<14} {}\n{}\n",
            p.id(),
            p.title(),
            wrap(p.assumptions(), 78, "    ")
        );
    }
    out
}

pub fn catalogs() -> Result<String, Error> {
    let mut out = String::new();
    for c in catalog::all()? {
        let unverified = c.unverified().len();
        let _ = writeln!(
            out,
            "{:<24} {} (released {}, {})",
            c.id, c.title, c.released, c.kind
        );
        let _ = writeln!(out, "{}", wrap(&c.description, 78, "    "));
        if unverified > 0 {
            let _ = writeln!(out, "    {unverified} figures UNVERIFIED (seen only in third-party tables); `--prices {}` lists them", c.id);
        }
        out.push('\n');
    }
    Ok(out)
}

pub fn price_keys(c: &catalog::Catalog) -> String {
    let unverified = c.unverified();
    let mut out = format!(
        "Price keys of {} (override with --set stack.price_overrides.<key>=<usd>):\n",
        c.id
    );
    for (key, usd, unit) in c.price_keys() {
        // A tier is flagged with its rate (the catalog lists a tiered rate whole).
        let flagged = |k: catalog::PriceKey| {
            let rate = k.rate().map(|r| catalog::PriceKey::Rate(r.to_owned()));
            unverified.contains(&k) || rate.is_some_and(|r| unverified.contains(&r))
        };
        let flag = if catalog::PriceKey::parse(&key).is_some_and(flagged) {
            "  UNVERIFIED"
        } else {
            ""
        };
        let _ = writeln!(out, "  {key:<40} {usd:>12} {unit}{flag}");
    }
    out
}

/// Every input by its dotted name (for --set) with unit, allowed range and the
/// default scenario's value (the B2B SaaS preset); then the inputs that are words.
pub fn inputs() -> String {
    let scenario = Scenario::default();
    let input = scenario.input();
    let mut out = String::from(
        "Numeric inputs (--set NAME=VALUE) with the default scenario's values (the b2b-saas preset,\n\
         which is also what a scenario file gets for a field it leaves out):\n",
    );
    let _ = writeln!(
        out,
        "  {:<42} {:>14}  {:<30} unit",
        "name", "default", "allowed"
    );
    for i in input.numeric_inputs() {
        let range = format!("{} to {}", format::number(i.min), format::number(i.max));
        let _ = writeln!(
            out,
            "  {:<42} {:>14}  {:<30} {}",
            i.name,
            format::number(i.value),
            range,
            i.unit
        );
    }
    let _ = writeln!(out, "\nOther inputs:");
    for w in input.word_inputs() {
        let _ = writeln!(out, "  {:<42} {:>14}  {}", w.name, w.value, w.allowed);
    }
    let _ = writeln!(
        out,
        "  {:<42} {:>14}  a price in the key's unit (headroom catalogs --prices ID); null removes it",
        "stack.price_overrides.KEY", "-"
    );
    out
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut lines = Vec::new();
    let mut line = String::from(indent);
    for word in text.split_whitespace() {
        if line.len() + word.len() + 1 > width && !line.trim().is_empty() {
            lines.push(std::mem::replace(&mut line, String::from(indent)));
        }
        if line.len() > indent.len() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

/// Rows as text columns, each as wide as its widest cell; `left[i]` aligns
/// column `i` to the left (else right).
fn aligned(rows: &[Vec<String>], left: &[bool]) -> String {
    let mut widths = vec![0usize; left.len()];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(widths.iter().zip(left))
            .map(|(cell, (&w, &left))| {
                if left {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    out
}

/// Two scenarios compared: per stage and at the horizon, A, B and B − A.
pub fn comparison_table(c: &Comparison) -> String {
    let mut out = format!("A: {}\nB: {}\n\n", c.a, c.b);
    let table = c.table();
    let mut rows = vec![table.headers.map(str::to_owned).to_vec()];
    for (label, cells) in table.rows {
        rows.push(std::iter::once(label).chain(cells).collect());
    }
    let mut left = vec![false; table.headers.len()];
    left[0] = true;
    out.push_str(&aligned(&rows, &left));
    out
}

/// A Monte Carlo run as a table: P10 / P50 / P90 per month of users, monthly
/// cost and cost per customer; then how likely each change is by the horizon.
pub fn simulation_table(name: &str, sim: &Simulation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{name} — {} paths, seed {}{}\n",
        sim.paths,
        sim.seed,
        if sim.redrawn > 0 {
            format!(" ({} invalid draws drawn again)", sim.redrawn)
        } else {
            String::new()
        }
    );
    let band =
        |b: &Band, f: fn(f64) -> String| format!("{} / {} / {}", f(b.p10), f(b.p50), f(b.p90));
    let mut rows = vec![vec![
        "month".to_owned(),
        "MAU P10 / P50 / P90".to_owned(),
        "$/month P10 / P50 / P90".to_owned(),
        "$/customer P10 / P50 / P90".to_owned(),
    ]];
    for m in &sim.months {
        rows.push(vec![
            m.month.to_string(),
            band(&m.mau, count),
            band(&m.total_usd, usd),
            m.cost_per_customer_usd
                .as_ref()
                .map_or("-".to_owned(), |b| band(b, usd)),
        ]);
    }
    out.push_str(&aligned(&rows, &[false, false, false, false]));
    if !sim.changes.is_empty() {
        let last = sim.months.len().saturating_sub(1);
        let _ = writeln!(out, "\nProbability each change is made by month m:");
        let marks: Vec<usize> = [12, 24, 36, 60, 120]
            .into_iter()
            .filter(|&m| m < last)
            .chain(std::iter::once(last))
            .collect();
        let mut rows = vec![std::iter::once("change".to_owned())
            .chain(marks.iter().map(|m| format!("m{m}")))
            .collect::<Vec<_>>()];
        for c in &sim.changes {
            rows.push(
                std::iter::once(c.change.to_string())
                    .chain(marks.iter().map(|&m| format::percent(c.by_month[m])))
                    .collect(),
            );
        }
        let mut left = vec![false; marks.len() + 1];
        left[0] = true;
        out.push_str(&aligned(&rows, &left));
    }
    out
}

/// The sensitivity ranking as a table: each input at its low and high ends, the
/// infrastructure cost per customer and a month at the horizon, largest swing first.
pub fn sensitivity_table(name: &str, swings: &[Swing]) -> String {
    let mut out = format!(
        "{name} — each input alone at its low and high end, the others at their likely values;\n\
         infrastructure (cost less payment fees) at the horizon, largest swing in it per customer first\n\n"
    );
    let mut rows = vec![[
        "input",
        "low",
        "high",
        "infra $/customer at low",
        "at high",
        "swing",
        "infra $/month at low",
        "at high",
    ]
    .map(str::to_owned)
    .to_vec()];
    for s in swings {
        rows.push(vec![
            s.input.clone(),
            format::plain(s.low),
            format::plain(s.high),
            s.infrastructure_per_customer_at_low
                .map_or("-".to_owned(), usd),
            s.infrastructure_per_customer_at_high
                .map_or("-".to_owned(), usd),
            usd(s.per_customer_swing()),
            usd(s.infrastructure_at_low),
            usd(s.infrastructure_at_high),
        ]);
    }
    let mut left = vec![false; 8];
    left[0] = true;
    out.push_str(&aligned(&rows, &left));
    out
}
