//! Uncertainty (MODEL.md §10 of the design): inputs as ranges, Monte Carlo over
//! the projection, the probability of each architecture change by month, and a
//! sensitivity ranking.
//!
//! A range gives an input's low and high ends; its likely value is the
//! scenario's own value, so a scenario without ranges is exactly the
//! deterministic projection, and a zero-width range changes nothing.
//!
//! **Sampling: triangular.** Each path draws every ranged input from the
//! triangular distribution (low, likely, high). It is what a three-point estimate
//! says and nothing more, and it stays inside [low, high], so a sample never
//! leaves the input's allowed range. A log-normal was considered for
//! multiplicative inputs (growth) and rejected: it is unbounded, so it needs
//! truncation, and a person's "low / likely / high" does not name its spread.
//!
//! **Randomness** comes only from a seeded generator (`fastrand`, wyrand): the
//! same seed gives the same paths on every platform, natively and in wasm.
//! Inputs are drawn in the order of their names, so the numbers do not depend on
//! the order the ranges were written in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::{path_figures, PathFigures};
use crate::error::Error;
use crate::projection::Change;
use crate::scenario::{InputKey, Scenario, ScenarioInput};

/// The ends of a ranged input, in the input's own unit. The likely value is the
/// scenario's value of the input, which must lie within `low..=high`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub low: f64,
    pub high: f64,
}

impl Range {
    /// A starting range for an input: its value ± 20% (of the value's size),
    /// inside the allowed range; an input at 0 starts at zero width.
    ///
    /// ```
    /// use headroom_models::uncertainty::Range;
    /// use headroom_models::Scenario;
    /// let inputs = Scenario::default().input().numeric_inputs();
    /// let rate = inputs.iter().find(|i| i.name == "growth.monthly_rate").unwrap();
    /// let r = Range::around(rate);
    /// assert!((r.low - 0.096).abs() < 1e-12 && (r.high - 0.144).abs() < 1e-12);
    /// ```
    pub fn around(input: &crate::scenario::NumericInput) -> Range {
        let spread = 0.2 * input.value.abs();
        Range {
            low: (input.value - spread).max(input.min),
            high: (input.value + spread).min(input.max),
        }
    }
}

/// Fewest and most paths a simulation runs.
pub const PATHS: std::ops::RangeInclusive<u32> = 1_000..=100_000;

/// What is uncertain and how to simulate it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uncertainty {
    /// Seed of the paths: the same seed gives the same numbers everywhere.
    pub seed: u64,
    /// Number of paths, within [`PATHS`].
    pub paths: u32,
    /// Ranged inputs by dotted name (as in `headroom inputs`).
    pub ranges: BTreeMap<String, Range>,
}

impl Default for Uncertainty {
    fn default() -> Self {
        Uncertainty {
            seed: 1,
            paths: 1_000,
            ranges: BTreeMap::new(),
        }
    }
}

impl Uncertainty {
    /// Check the settings against a scenario: a known path count; each range on a
    /// numeric input that is not a whole number (counts and the horizon are not
    /// sampled), finite, `low <= likely <= high`, and inside the input's allowed
    /// range. Errors name the field (`uncertainty.ranges.<name>.low`).
    ///
    /// ```
    /// use headroom_models::uncertainty::{Range, Uncertainty};
    /// use headroom_models::Scenario;
    /// let s = Scenario::default();
    /// let mut u = Uncertainty::default();
    /// u.ranges.insert("growth.monthly_rate".into(), Range { low: 0.08, high: 0.2 });
    /// assert!(u.check(s.input()).is_ok());
    /// u.ranges.insert("growth.monthly_rate".into(), Range { low: 0.15, high: 0.2 });
    /// assert_eq!(u.check(s.input()).unwrap_err().field, "uncertainty.ranges.growth.monthly_rate.low");
    /// ```
    pub fn check(&self, input: &ScenarioInput) -> Result<(), Error> {
        if !PATHS.contains(&self.paths) {
            return Err(Error::invalid(
                "uncertainty.paths",
                self.paths,
                format!("a whole number from {} to {}", PATHS.start(), PATHS.end()),
            ));
        }
        let inputs = input.numeric_inputs();
        for (name, range) in &self.ranges {
            let field = |end: &str| format!("uncertainty.ranges.{name}.{end}");
            let Some(input) = inputs.iter().find(|i| i.name == name) else {
                return Err(Error::invalid(
                    format!("uncertainty.ranges.{name}"),
                    "an unknown input",
                    "a numeric input name (see `headroom inputs`)",
                ));
            };
            if input.whole {
                return Err(Error::invalid(
                    format!("uncertainty.ranges.{name}"),
                    "a whole-number input",
                    "an input that is not a count (counts and the horizon are not sampled)",
                ));
            }
            let likely = input.value;
            let within = |v: f64| v.is_finite() && v >= input.min && v <= input.max;
            if !(within(range.low) && range.low <= likely) {
                return Err(Error::invalid(
                    field("low"),
                    crate::format::exact(range.low),
                    format!(
                        "a number from {} to the likely value {} ({})",
                        crate::format::exact(input.min),
                        crate::format::exact(likely),
                        input.unit
                    ),
                ));
            }
            if !(within(range.high) && range.high >= likely) {
                return Err(Error::invalid(
                    field("high"),
                    crate::format::exact(range.high),
                    format!(
                        "a number from the likely value {} to {} ({})",
                        crate::format::exact(likely),
                        crate::format::exact(input.max),
                        input.unit
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// A draw from the triangular distribution (low, likely, high) for a uniform
/// `u` in [0, 1): the inverse of its distribution function.
///
/// ```
/// use headroom_models::uncertainty::triangular;
/// assert_eq!(triangular(0.0, 1.0, 1.0, 3.0), 1.0);
/// assert_eq!(triangular(0.5, 0.0, 0.0, 0.0), 0.0); // zero width: the value itself
/// assert!((triangular(0.5, 0.0, 1.0, 2.0) - 1.0).abs() < 1e-12); // symmetric: median = mode
/// ```
pub fn triangular(u: f64, low: f64, likely: f64, high: f64) -> f64 {
    let width = high - low;
    if width <= 0.0 {
        return likely;
    }
    let split = (likely - low) / width;
    let x = if u < split {
        low + (u * width * (likely - low)).sqrt()
    } else {
        high - ((1.0 - u) * width * (high - likely)).sqrt()
    };
    x.clamp(low, high)
}

/// The 10th, 50th and 90th percentiles of a figure across paths.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Band {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

impl Band {
    /// The band of `values` (sorted in place), by linear interpolation between
    /// order statistics; `None` for no values.
    fn of(values: &mut [f64]) -> Option<Band> {
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let pos = q * (values.len() - 1) as f64;
            let (i, frac) = (pos.floor() as usize, pos.fract());
            let next = values[(i + 1).min(values.len() - 1)];
            values[i] + (next - values[i]) * frac
        };
        Some(Band {
            p10: at(0.1),
            p50: at(0.5),
            p90: at(0.9),
        })
    }
}

/// The spread of one month across paths.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthBand {
    pub month: u32,
    pub mau: Band,
    pub total_usd: Band,
    /// Over the paths that have customers this month; absent when fewer than
    /// half of them do.
    pub cost_per_customer_usd: Option<Band>,
}

/// How likely an architecture change is to be made by each month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeOdds {
    pub change: Change,
    /// `by_month[m]`: the share of paths whose projection has made the change
    /// (an adopted event) in month `m` or before. Never decreases.
    pub by_month: Vec<f64>,
}

/// The result of a Monte Carlo run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulation {
    pub seed: u64,
    pub paths: u32,
    /// Draws that gave an invalid scenario (inputs valid alone but not together,
    /// e.g. a logistic ceiling under the start) and were drawn again.
    pub redrawn: u32,
    pub months: Vec<MonthBand>,
    /// Every change some path makes, in the order of [`Change`].
    pub changes: Vec<ChangeOdds>,
}

/// A ranged input addressed by key, with its likely value (the scenario's own).
#[derive(Debug, Clone, Copy)]
struct Ranged {
    key: InputKey,
    range: Range,
    likely: f64,
}

/// The ranged inputs of `uncertainty` over `input`, in the order of their
/// names (the order draws are made in). Every name was checked to be a
/// numeric input by [`Uncertainty::check`].
fn ranged(input: &ScenarioInput, ranges: &BTreeMap<String, Range>) -> Vec<Ranged> {
    ranges
        .iter()
        .filter_map(|(name, &range)| {
            let key = InputKey::named(name)?;
            Some(Ranged {
                key,
                range,
                likely: input.number(key),
            })
        })
        .collect()
}

/// The scenario with each ranged input set to `value(ranged)`, checked (the
/// catalog is shared with `scenario`).
fn varied(
    scenario: &Scenario,
    inputs: &[Ranged],
    mut value: impl FnMut(&Ranged) -> f64,
) -> Result<Scenario, Error> {
    scenario.with_numbers(|input| {
        for r in inputs {
            input.set(r.key, value(r));
        }
    })
}

/// A Monte Carlo run taken in steps, so a page can run it a chunk at a time
/// between frames and stay responsive; [`simulate`] runs it in one go. The
/// numbers do not depend on the chunk sizes.
///
/// ```
/// use headroom_models::uncertainty::{simulate, Range, Simulator, Uncertainty};
/// use headroom_models::Scenario;
/// let s = Scenario::default();
/// let mut u = Uncertainty::default();
/// u.ranges.insert("growth.monthly_rate".into(), Range { low: 0.06, high: 0.18 });
/// let mut run = Simulator::new(&s, &u).unwrap();
/// while !run.is_finished() {
///     run.step(300).unwrap();
///     assert!(run.done() <= run.total());
/// }
/// assert_eq!(run.result(), simulate(&s, &u).unwrap());
/// ```
#[derive(Debug)]
pub struct Simulator {
    scenario: Scenario,
    uncertainty: Uncertainty,
    inputs: Vec<Ranged>,
    rng: fastrand::Rng,
    paths: Vec<PathFigures>,
    /// The projection's month numbers (the same for every path).
    month_numbers: Vec<u32>,
    redrawn: u32,
}

impl Simulator {
    /// A run of `uncertainty` over `scenario`, checked; no path drawn yet.
    pub fn new(scenario: &Scenario, uncertainty: &Uncertainty) -> Result<Simulator, Error> {
        uncertainty.check(scenario.input())?;
        Ok(Simulator {
            scenario: scenario.clone(),
            uncertainty: uncertainty.clone(),
            inputs: ranged(scenario.input(), &uncertainty.ranges),
            rng: fastrand::Rng::with_seed(uncertainty.seed),
            paths: Vec::with_capacity(uncertainty.paths as usize),
            month_numbers: Vec::new(),
            redrawn: 0,
        })
    }

    /// Paths drawn and projected so far.
    pub fn done(&self) -> u32 {
        self.paths.len() as u32
    }

    /// Paths the run takes in all.
    pub fn total(&self) -> u32 {
        self.uncertainty.paths
    }

    /// Whether every path is done.
    pub fn is_finished(&self) -> bool {
        self.done() >= self.total()
    }

    /// Draw and project up to `paths` more paths. Fails when the ranges give
    /// invalid scenarios (inputs valid alone, not together) more than ten times
    /// as often as the paths asked for.
    pub fn step(&mut self, paths: u32) -> Result<(), Error> {
        let until = (self.done() + paths).min(self.total()) as usize;
        let max_redraws = self.uncertainty.paths.saturating_mul(10);
        while self.paths.len() < until {
            let rng = &mut self.rng;
            let drawn = varied(&self.scenario, &self.inputs, |r| {
                triangular(rng.f64(), r.range.low, r.likely, r.range.high)
            });
            match drawn {
                Ok(s) => {
                    let figures = path_figures(&s);
                    if self.month_numbers.is_empty() {
                        self.month_numbers = (0..figures.mau.len() as u32).collect();
                    }
                    self.paths.push(figures);
                }
                Err(e) => {
                    self.redrawn += 1;
                    if self.redrawn > max_redraws {
                        return Err(Error::invalid(
                            "uncertainty.ranges",
                            format!("{} invalid draws (last: {e})", self.redrawn),
                            "ranges whose combinations make valid scenarios",
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Every path's figures as CSV, one row per path and month: the raw
    /// samples behind the percentiles (path numbers from 1).
    ///
    /// ```
    /// use headroom_models::uncertainty::{Range, Simulator, Uncertainty};
    /// use headroom_models::Scenario;
    /// let s = Scenario::default();
    /// let mut u = Uncertainty::default();
    /// u.ranges.insert("growth.monthly_rate".into(), Range { low: 0.06, high: 0.18 });
    /// let mut run = Simulator::new(&s, &u).unwrap();
    /// run.step(u.paths).unwrap();
    /// let csv = run.samples_csv();
    /// assert_eq!(csv.lines().count(), 1 + 1000 * 37);
    /// assert!(csv.starts_with("path,month,mau,total_usd,cost_per_customer_usd\n1,0,"));
    /// ```
    pub fn samples_csv(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::from("path,month,mau,total_usd,cost_per_customer_usd\n");
        for (i, p) in self.paths.iter().enumerate() {
            for (m, month) in self.month_numbers.iter().enumerate() {
                let cpc = p.cost_per_customer_usd[m].map_or(String::new(), |v| v.to_string());
                let _ = writeln!(
                    out,
                    "{},{month},{},{},{cpc}",
                    i + 1,
                    p.mau[m],
                    p.total_usd[m]
                );
            }
        }
        out
    }

    /// The percentiles and probabilities over the paths done so far (all of
    /// them once [`Simulator::is_finished`]).
    pub fn result(&self) -> Simulation {
        let paths = self.paths.len();
        let months = self.paths.first().map_or(0, |p| p.mau.len());
        let mut bands = Vec::with_capacity(months);
        let mut values = Vec::with_capacity(paths);
        for m in 0..months {
            let mut band = |pick: &dyn Fn(&PathFigures) -> Option<f64>| {
                values.clear();
                values.extend(self.paths.iter().filter_map(pick));
                if values.len() * 2 < paths {
                    None
                } else {
                    Band::of(&mut values)
                }
            };
            let mau = band(&|p| Some(p.mau[m]));
            let total = band(&|p| Some(p.total_usd[m]));
            let per_customer = band(&|p| p.cost_per_customer_usd[m]);
            if let (Some(mau), Some(total_usd)) = (mau, total) {
                bands.push(MonthBand {
                    month: self.month_numbers[m],
                    mau,
                    total_usd,
                    cost_per_customer_usd: per_customer,
                });
            }
        }

        let changes = Change::ALL
            .into_iter()
            .filter_map(|change| {
                let made: Vec<u32> = self
                    .paths
                    .iter()
                    .filter_map(|p| p.made[change as usize])
                    .collect();
                (!made.is_empty()).then_some((change, made))
            })
            .map(|(change, made)| ChangeOdds {
                change,
                by_month: (0..months as u32)
                    .map(|m| made.iter().filter(|&&at| at <= m).count() as f64 / paths as f64)
                    .collect(),
            })
            .collect();

        Simulation {
            seed: self.uncertainty.seed,
            paths: paths as u32,
            redrawn: self.redrawn,
            months: bands,
            changes,
        }
    }
}

/// Run the Monte Carlo: `uncertainty.paths` projections, each with every ranged
/// input drawn from its triangular distribution; per month the P10/P50/P90 of
/// users (MAU), monthly cost and cost per customer; per change the probability
/// that it is made by each month.
///
/// ```
/// use headroom_models::uncertainty::{simulate, Range, Uncertainty};
/// use headroom_models::Scenario;
/// let s = Scenario::default();
/// let mut u = Uncertainty::default();
/// u.ranges.insert("growth.monthly_rate".into(), Range { low: 0.06, high: 0.18 });
/// let sim = simulate(&s, &u).unwrap();
/// let last = sim.months.last().unwrap();
/// assert!(last.mau.p10 < last.mau.p50 && last.mau.p50 < last.mau.p90);
/// ```
pub fn simulate(scenario: &Scenario, uncertainty: &Uncertainty) -> Result<Simulation, Error> {
    let mut run = Simulator::new(scenario, uncertainty)?;
    run.step(uncertainty.paths)?;
    Ok(run.result())
}

impl Simulation {
    /// The run as CSV: one row per month, the P10, P50 and P90 of users (MAU),
    /// monthly cost and cost per customer (empty where absent).
    ///
    /// ```
    /// use headroom_models::uncertainty::{simulate, Range, Uncertainty};
    /// use headroom_models::Scenario;
    /// let mut u = Uncertainty::default();
    /// u.ranges.insert("growth.monthly_rate".into(), Range { low: 0.06, high: 0.18 });
    /// let sim = simulate(&Scenario::default(), &u).unwrap();
    /// let csv = sim.csv();
    /// assert_eq!(csv.lines().count(), sim.months.len() + 1);
    /// assert!(csv.starts_with("month,mau_p10,mau_p50,mau_p90,"));
    /// ```
    pub fn csv(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::from(
            "month,mau_p10,mau_p50,mau_p90,total_usd_p10,total_usd_p50,total_usd_p90,\
             cost_per_customer_usd_p10,cost_per_customer_usd_p50,cost_per_customer_usd_p90\n",
        );
        let b = |b: &Band| format!("{},{},{}", b.p10, b.p50, b.p90);
        for m in &self.months {
            let cpc = m.cost_per_customer_usd.as_ref().map_or(",,".to_owned(), b);
            let _ = writeln!(out, "{},{},{},{cpc}", m.month, b(&m.mau), b(&m.total_usd));
        }
        out
    }
}

/// What one ranged input does to the horizon when it alone moves to its low and
/// high ends (the others at their likely values).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swing {
    pub input: String,
    pub low: f64,
    pub high: f64,
    /// Cost per customer at the horizon with the input at its low and high ends
    /// (absent without customers).
    pub cost_per_customer_at_low: Option<f64>,
    pub cost_per_customer_at_high: Option<f64>,
    /// Monthly cost at the horizon with the input at its low and high ends.
    pub total_at_low: f64,
    pub total_at_high: f64,
}

impl Swing {
    /// How far cost per customer moves between the ends (0 without customers).
    pub fn cost_per_customer_swing(&self) -> f64 {
        match (
            self.cost_per_customer_at_low,
            self.cost_per_customer_at_high,
        ) {
            (Some(a), Some(b)) => (b - a).abs(),
            _ => 0.0,
        }
    }

    /// How far the monthly cost moves between the ends.
    pub fn total_swing(&self) -> f64 {
        (self.total_at_high - self.total_at_low).abs()
    }
}

/// Sensitivity: each ranged input to its low and high end with the others at
/// their likely values, ranked by how far cost per customer at the horizon moves
/// (then by monthly cost, then by name, so the ranking never depends on the
/// order the ranges were given in).
///
/// ```
/// use headroom_models::uncertainty::{sensitivity, Range, Uncertainty};
/// use headroom_models::Scenario;
/// let mut u = Uncertainty::default();
/// u.ranges.insert("usage.response_kb".into(), Range { low: 5.0, high: 20.0 });
/// u.ranges.insert("revenue.arpa_usd_per_month".into(), Range { low: 100.0, high: 400.0 });
/// let ranked = sensitivity(&Scenario::default(), &u).unwrap();
/// assert_eq!(ranked[0].input, "revenue.arpa_usd_per_month"); // card fees follow the price
/// ```
pub fn sensitivity(scenario: &Scenario, uncertainty: &Uncertainty) -> Result<Vec<Swing>, Error> {
    uncertainty.check(scenario.input())?;
    let horizon = |s: &Scenario| {
        let p = crate::project(s);
        p.months
            .last()
            .map_or((None, 0.0), |m| (m.cost_per_customer_usd, m.total_usd))
    };
    let mut swings = Vec::with_capacity(uncertainty.ranges.len());
    for r in ranged(scenario.input(), &uncertainty.ranges) {
        let only = |end: f64| varied(scenario, &[r], |_| end);
        let range = r.range;
        let (cpc_low, total_low) = horizon(&only(range.low)?);
        let (cpc_high, total_high) = horizon(&only(range.high)?);
        swings.push(Swing {
            input: r.key.name().to_owned(),
            low: range.low,
            high: range.high,
            cost_per_customer_at_low: cpc_low,
            cost_per_customer_at_high: cpc_high,
            total_at_low: total_low,
            total_at_high: total_high,
        });
    }
    swings.sort_by(|a, b| {
        b.cost_per_customer_swing()
            .total_cmp(&a.cost_per_customer_swing())
            .then(b.total_swing().total_cmp(&a.total_swing()))
            .then(a.input.cmp(&b.input))
    });
    Ok(swings)
}
