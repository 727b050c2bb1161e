//! Monte Carlo and sensitivity (models/src/uncertainty.rs): reproducible from the
//! seed, consistent with the deterministic projection, ordered percentiles,
//! probabilities that never fall, a ranking that ignores input order.

use headroom_models::engine::PathFigures;
use headroom_models::uncertainty::{
    sensitivity, simulate, triangular, PathProjector, Range, Simulator, Uncertainty,
};
use headroom_models::{project, Preset, Scenario};

fn ranged(pairs: &[(&str, f64, f64)]) -> Uncertainty {
    Uncertainty {
        ranges: pairs
            .iter()
            .map(|&(name, low, high)| (name.to_owned(), Range { low, high }))
            .collect(),
        ..Uncertainty::default()
    }
}

fn wide() -> Uncertainty {
    ranged(&[
        ("growth.monthly_rate", 0.06, 0.2),
        ("usage.requests_per_dau_per_day", 80.0, 300.0),
        ("revenue.arpa_usd_per_month", 150.0, 400.0),
    ])
}

/// Ranges from 60% to 150% of the scenario's own values of three inputs.
fn around(s: &Scenario) -> Uncertainty {
    let inputs = s.input().numeric_inputs();
    let names = [
        "growth.monthly_rate",
        "usage.requests_per_dau_per_day",
        "revenue.arpa_usd_per_month",
    ];
    let pairs: Vec<(&str, f64, f64)> = names
        .iter()
        .map(|&name| {
            let v = inputs.iter().find(|i| i.name == name).unwrap().value;
            (name, 0.6 * v, 1.5 * v)
        })
        .collect();
    ranged(&pairs)
}

#[test]
fn the_same_seed_gives_the_same_numbers_and_another_seed_does_not() {
    let s = Scenario::default();
    let u = wide();
    let a = simulate(&s, &u).unwrap();
    let b = simulate(&s, &u).unwrap();
    assert_eq!(a, b);
    let c = simulate(&s, &Uncertainty { seed: 2, ..u }).unwrap();
    assert_ne!(a.months, c.months);
}

#[test]
fn zero_width_ranges_collapse_onto_the_deterministic_projection() {
    let s = Preset::ConsumerApp.scenario();
    let input = s.input();
    let u = ranged(&[
        (
            "growth.monthly_rate",
            input.growth.monthly_rate,
            input.growth.monthly_rate,
        ),
        (
            "usage.cache_hit_ratio",
            input.usage.cache_hit_ratio,
            input.usage.cache_hit_ratio,
        ),
    ]);
    let sim = simulate(&s, &u).unwrap();
    let p = project(&s);
    assert_eq!(sim.months.len(), p.months.len());
    for (band, m) in sim.months.iter().zip(&p.months) {
        for b in [band.mau, band.total_usd] {
            assert_eq!((b.p10, b.p50), (b.p50, b.p90), "month {}", m.month);
        }
        assert_eq!(band.mau.p50, m.mau);
        assert_eq!(band.total_usd.p50, m.total_usd);
        assert_eq!(
            band.cost_per_customer_usd.map(|b| b.p50),
            m.cost_per_customer_usd
        );
    }
    // Every change is certain from its month on, and impossible before.
    for odds in &sim.changes {
        let made = p
            .events
            .iter()
            .filter(|e| e.adopted && e.change == odds.change)
            .map(|e| e.month)
            .min()
            .expect("a change no path makes is not listed");
        for (m, &share) in odds.by_month.iter().enumerate() {
            assert_eq!(
                share,
                if m as u32 >= made { 1.0 } else { 0.0 },
                "{:?} month {m}",
                odds.change
            );
        }
    }
}

#[test]
fn percentiles_are_ordered_and_probabilities_never_fall() {
    for (preset, seed) in [
        (Preset::B2bSaas, 7),
        (Preset::ConsumerApp, 11),
        (Preset::AiProduct, 13),
    ] {
        let s = preset.scenario();
        let sim = simulate(&s, &Uncertainty { seed, ..around(&s) }).unwrap();
        assert!(!sim.months.is_empty());
        for m in &sim.months {
            for b in [Some(m.mau), Some(m.total_usd), m.cost_per_customer_usd]
                .into_iter()
                .flatten()
            {
                assert!(
                    b.p10 <= b.p50 && b.p50 <= b.p90,
                    "{preset:?} month {}: {b:?}",
                    m.month
                );
                assert!(b.p10.is_finite() && b.p90.is_finite());
            }
        }
        let last = sim.months.last().unwrap();
        assert!(
            last.total_usd.p10 < last.total_usd.p90,
            "{preset:?}: a real spread"
        );
        for odds in &sim.changes {
            assert!(
                odds.by_month.windows(2).all(|w| w[0] <= w[1]),
                "{:?}",
                odds.change
            );
            assert!(odds.by_month.iter().all(|p| (0.0..=1.0).contains(p)));
        }
    }
}

#[test]
fn the_sensitivity_ranking_is_the_same_whatever_the_input_order() {
    let s = Scenario::default();
    let forward = r#"{"seed": 1, "paths": 1000, "ranges": {
        "growth.monthly_rate": {"low": 0.06, "high": 0.2},
        "usage.requests_per_dau_per_day": {"low": 80, "high": 300},
        "revenue.arpa_usd_per_month": {"low": 150, "high": 400},
        "usage.response_kb": {"low": 2, "high": 40}}}"#;
    let backward = r#"{"ranges": {
        "usage.response_kb": {"low": 2, "high": 40},
        "revenue.arpa_usd_per_month": {"low": 150, "high": 400},
        "usage.requests_per_dau_per_day": {"low": 80, "high": 300},
        "growth.monthly_rate": {"low": 0.06, "high": 0.2}}, "paths": 1000, "seed": 1}"#;
    let a: Uncertainty = serde_json::from_str(forward).unwrap();
    let b: Uncertainty = serde_json::from_str(backward).unwrap();
    let ra = sensitivity(&s, &a).unwrap();
    let rb = sensitivity(&s, &b).unwrap();
    assert_eq!(ra, rb);
    assert_eq!(ra.len(), 4);
    // Ranked by the swing of infrastructure cost per customer, largest first.
    assert!(ra
        .windows(2)
        .all(|w| w[0].per_customer_swing() >= w[1].per_customer_swing()));
    // Each end is the projection with that input alone at that end.
    let top = &ra[0];
    let at_high = project(&s.with_setting(&top.input, &top.high.to_string()).unwrap());
    let last = at_high.months.last().unwrap();
    assert_eq!(top.infrastructure_at_high, last.infrastructure_usd);
    assert_eq!(
        top.infrastructure_per_customer_at_high,
        last.infrastructure_per_customer_usd
    );
    // The price moves card fees only: no infrastructure swing, so it ranks last.
    let price = ra
        .iter()
        .position(|w| w.input == "revenue.arpa_usd_per_month");
    assert_eq!(price, Some(3));
    assert_eq!(ra[3].per_customer_swing(), 0.0);
}

#[test]
fn triangular_draws_have_the_distribution_s_mean_and_stay_in_range() {
    let mut rng = fastrand_free_uniforms(20_000);
    let (low, likely, high) = (2.0, 3.0, 10.0);
    let draws: Vec<f64> = rng
        .by_ref()
        .map(|u| triangular(u, low, likely, high))
        .collect();
    let mean = draws.iter().sum::<f64>() / draws.len() as f64;
    assert!(
        (mean - (low + likely + high) / 3.0).abs() < 0.05,
        "mean {mean}"
    );
    assert!(draws.iter().all(|x| (low..=high).contains(x)));
}

/// Evenly spread uniforms in (0, 1), so the check needs no generator.
fn fastrand_free_uniforms(n: usize) -> impl Iterator<Item = f64> {
    (0..n).map(move |i| (i as f64 + 0.5) / n as f64)
}

#[test]
fn bad_settings_are_refused_with_the_field_named() {
    let s = Scenario::default();
    let cases: Vec<(Uncertainty, &str)> = vec![
        (
            ranged(&[("growth.nope", 0.0, 1.0)]),
            "uncertainty.ranges.growth.nope",
        ),
        (
            ranged(&[("horizon_months", 12.0, 36.0)]),
            "uncertainty.ranges.horizon_months",
        ),
        (
            ranged(&[("growth.monthly_rate", 0.2, 0.3)]),
            "uncertainty.ranges.growth.monthly_rate.low",
        ),
        (
            ranged(&[("growth.monthly_rate", 0.1, 5.0)]),
            "uncertainty.ranges.growth.monthly_rate.high",
        ),
        (
            ranged(&[("growth.monthly_rate", f64::NAN, 0.2)]),
            "uncertainty.ranges.growth.monthly_rate.low",
        ),
        (
            Uncertainty {
                paths: 10,
                ..Uncertainty::default()
            },
            "uncertainty.paths",
        ),
    ];
    for (u, field) in cases {
        assert_eq!(simulate(&s, &u).unwrap_err().field, field);
        assert_eq!(sensitivity(&s, &u).unwrap_err().field, field);
    }
}

#[test]
fn draws_that_are_invalid_together_are_drawn_again() {
    // Logistic growth needs the ceiling at or above the start: these ranges overlap.
    let s = Scenario::default()
        .with_settings(&[
            ("growth.mode", "logistic"),
            ("growth.start_users", "1000"),
            ("growth.ceiling_users", "1500"),
        ])
        .unwrap();
    let u = ranged(&[
        ("growth.start_users", 500.0, 2000.0),
        ("growth.ceiling_users", 1000.0, 2500.0),
    ]);
    let sim = simulate(&s, &u).unwrap();
    assert!(sim.redrawn > 0);
    assert_eq!(sim.paths, 1000);
}

/// The page's way with workers: chunks of values drawn ahead, projected
/// elsewhere, passed as flat numbers and added in order, for every preset and
/// with redraws, gives the simulation of `simulate` exactly.
#[test]
fn paths_projected_elsewhere_from_drawn_values_give_the_same_simulation() {
    let logistic = Scenario::default()
        .with_settings(&[
            ("growth.mode", "logistic"),
            ("growth.start_users", "1000"),
            ("growth.ceiling_users", "1500"),
        ])
        .unwrap();
    let redrawing = ranged(&[
        ("growth.start_users", 500.0, 2000.0),
        ("growth.ceiling_users", 1000.0, 2500.0),
    ]);
    let mut cases: Vec<(Scenario, Uncertainty)> = Preset::ALL
        .iter()
        .map(|p| {
            let s = p.scenario();
            let u = around(&s);
            (s, u)
        })
        .collect();
    cases.push((logistic, redrawing));
    for (s, u) in cases {
        let mut run = Simulator::new(&s, &u).unwrap();
        let projector = PathProjector::new(&s, &u).unwrap();
        let months = s.input().horizon_months as usize + 1;
        // Three chunks drawn before the first comes back, as two workers would.
        let mut in_flight = std::collections::VecDeque::new();
        while !run.is_finished() {
            while in_flight.len() < 3 {
                let values = run.draw_values(137).unwrap();
                if values.is_empty() {
                    break;
                }
                in_flight.push_back(values);
            }
            let values = in_flight.pop_front().unwrap();
            let mut flat = Vec::new();
            for f in projector.project(&values).unwrap() {
                f.write_flat(&mut flat);
            }
            run.add(PathFigures::read_flat(&flat, months).unwrap());
        }
        assert_eq!(run.result(), simulate(&s, &u).unwrap());
    }
}

/// The golden simulation: the marketplace preset with three inputs ranged.
fn golden() -> (Preset, Uncertainty) {
    let preset = Preset::Marketplace;
    let mut u = around(&preset.scenario());
    u.seed = 20261123;
    (preset, u)
}

/// The simulation equals the one recorded in `tests/fixtures/simulation.json`
/// (with its preset and settings) to the last bit, so any change in sampling or
/// in the generator shows. components/tests/web.rs runs the recorded settings in
/// the browser and must get the same numbers. `HEADROOM_BLESS=1` rewrites it.
#[test]
fn the_golden_simulation_is_reproduced_exactly() {
    let (preset, u) = golden();
    let sim = simulate(&preset.scenario(), &u).unwrap();
    let now = serde_json::json!({ "preset": preset.id(), "uncertainty": u, "simulation": sim });
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/simulation.json"
    );
    if std::env::var_os("HEADROOM_BLESS").is_some() {
        std::fs::write(path, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
    }
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(now, recorded);
}

#[test]
fn a_link_carries_the_ranges_and_the_seed_and_reproduces_the_spread() {
    use headroom_models::codec;
    let (preset, u) = golden();
    let mut input = preset.input();
    input.uncertainty = Some(u.clone());
    let s = Scenario::new(input).unwrap();
    let opened = codec::decode(&codec::encode(&s)).unwrap();
    assert_eq!(opened, s);
    let carried = opened.input().uncertainty.clone().unwrap();
    assert_eq!(carried, u);
    assert_eq!(
        simulate(&opened, &carried).unwrap(),
        simulate(&preset.scenario(), &u).unwrap()
    );
    // Without uncertainty a scenario writes no such field: older links and files
    // are unchanged.
    let plain = serde_json::to_value(preset.input()).unwrap();
    assert!(plain.get("uncertainty").is_none());
}

#[test]
fn a_scenario_file_with_a_bad_range_names_it() {
    let e = Scenario::from_json(
        r#"{"growth": {"monthly_rate": 0.1},
            "uncertainty": {"seed": 3, "paths": 1000,
                            "ranges": {"growth.monthly_rate": {"low": 0.05, "high": 0.09}}}}"#,
    )
    .unwrap_err();
    assert_eq!(e.field, "uncertainty.ranges.growth.monthly_rate.high");
    let e = Scenario::from_json(r#"{"uncertainty": {"seed": 3, "paths": 1000, "spread": 2}}"#)
        .unwrap_err();
    assert_eq!(e.field, "uncertainty.spread");
}
