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

use serde::Serialize;

use crate::engine::{path_figures, PathFigures};
use crate::error::Error;
use crate::projection::Change;
use crate::scenario::{InputKey, NumericInput, Scenario, ScenarioInput};

pub use crate::ranges::{Range, Uncertainty, PATHS};

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
    pub fn around(input: &NumericInput) -> Range {
        let spread = 0.2 * input.value.abs();
        Range {
            low: (input.value - spread).max(input.min),
            high: (input.value + spread).min(input.max),
        }
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
    /// The band of `values`, by linear interpolation between order statistics;
    /// `None` for no values. `scratch` is reused between calls.
    fn of(values: impl Iterator<Item = f64>, scratch: &mut Vec<f64>) -> Option<Band> {
        scratch.clear();
        scratch.extend(values);
        if scratch.is_empty() {
            return None;
        }
        // Each percentile needs two order statistics; selecting them (linear
        // time) gives the same values as sorting, several times faster.
        let last = scratch.len() - 1;
        let mut settled = 0; // scratch[..settled] holds the smallest values, in order
        let mut at = |q: f64| {
            let pos = q * last as f64;
            let (i, frac) = (pos.floor() as usize, pos.fract());
            let here = order_statistic(scratch, &mut settled, i);
            let next = order_statistic(scratch, &mut settled, (i + 1).min(last));
            here + (next - here) * frac
        };
        Some(Band {
            p10: at(0.1),
            p50: at(0.5),
            p90: at(0.9),
        })
    }
}

/// The `i`-th smallest of `values` (by `f64::total_cmp`), for ranks asked in
/// non-decreasing order. Between calls, every value before `*settled` is at
/// most every value from it on, and `values[*settled - 1]` is in its sorted
/// place, so a rank at or after that place is found in the rest alone.
fn order_statistic(values: &mut [f64], settled: &mut usize, i: usize) -> f64 {
    if i >= *settled {
        let start = *settled;
        values[start..].select_nth_unstable_by(i - start, f64::total_cmp);
        *settled = i + 1;
    }
    values[i]
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
    /// Valid paths drawn so far (ahead of `paths` while drawn paths are projected elsewhere).
    drawn: u32,
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
            drawn: 0,
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
        let drawn = self.draw(paths)?;
        self.add(drawn.iter().map(path_figures));
        Ok(())
    }

    /// Draw up to `paths` more paths' scenarios without projecting them, for a
    /// caller that projects them elsewhere (on several threads) with
    /// [`path_figures`] and hands the figures back, in the same order, to
    /// [`Simulator::add`] (drawing may run ahead of adding). The draws are the
    /// same as [`Simulator::step`]'s, so the numbers are too.
    ///
    /// ```
    /// use headroom_models::engine::path_figures;
    /// use headroom_models::uncertainty::{simulate, Range, Simulator, Uncertainty};
    /// use headroom_models::Scenario;
    /// let s = Scenario::default();
    /// let mut u = Uncertainty::default();
    /// u.ranges.insert("growth.monthly_rate".into(), Range { low: 0.06, high: 0.18 });
    /// let mut run = Simulator::new(&s, &u).unwrap();
    /// let drawn = run.draw(u.paths).unwrap();
    /// run.add(drawn.iter().rev().map(path_figures).collect::<Vec<_>>().into_iter().rev());
    /// assert_eq!(run.result(), simulate(&s, &u).unwrap());
    /// ```
    pub fn draw(&mut self, paths: u32) -> Result<Vec<Scenario>, Error> {
        let mut out = Vec::new();
        self.draw_each(paths, |scenario, _| out.push(scenario))?;
        Ok(out)
    }

    /// Draw up to `paths` more paths as the values of their ranged inputs (one
    /// after another, [`Simulator::inputs`] values a path), for a page that
    /// projects them in a Web Worker with [`PathProjector`] and hands the
    /// figures back, in order, to [`Simulator::add`]. The draws are those of
    /// [`Simulator::draw`], so the numbers are too.
    ///
    /// ```
    /// use headroom_models::uncertainty::{simulate, PathProjector, Range, Simulator, Uncertainty};
    /// use headroom_models::Scenario;
    /// let s = Scenario::default();
    /// let mut u = Uncertainty::default();
    /// u.ranges.insert("growth.monthly_rate".into(), Range { low: 0.06, high: 0.18 });
    /// let mut run = Simulator::new(&s, &u).unwrap();
    /// let projector = PathProjector::new(&s, &u).unwrap();
    /// while !run.is_finished() {
    ///     let values = run.draw_values(300).unwrap();
    ///     assert_eq!(values.len() % run.inputs(), 0);
    ///     run.add(projector.project(&values).unwrap());
    /// }
    /// assert_eq!(run.result(), simulate(&s, &u).unwrap());
    /// ```
    pub fn draw_values(&mut self, paths: u32) -> Result<Vec<f64>, Error> {
        let mut out = Vec::new();
        self.draw_each(paths, |_, values| out.extend_from_slice(values))?;
        Ok(out)
    }

    /// How many inputs are ranged: the values a path of [`Simulator::draw_values`].
    pub fn inputs(&self) -> usize {
        self.inputs.len()
    }

    /// Draw up to `paths` more valid paths, each handed to `keep` with the
    /// values of its ranged inputs; an invalid draw is drawn again.
    fn draw_each(
        &mut self,
        paths: u32,
        mut keep: impl FnMut(Scenario, &[f64]),
    ) -> Result<(), Error> {
        let want = paths.min(self.total().saturating_sub(self.drawn));
        let max_redraws = self.uncertainty.paths.saturating_mul(10);
        let mut values = Vec::with_capacity(self.inputs.len());
        let mut kept = 0;
        while kept < want {
            let rng = &mut self.rng;
            values.clear();
            let drawn = varied(&self.scenario, &self.inputs, |r| {
                let v = triangular(rng.f64(), r.range.low, r.likely, r.range.high);
                values.push(v);
                v
            });
            match drawn {
                Ok(s) => {
                    keep(s, &values);
                    kept += 1;
                    self.drawn += 1;
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

    /// Add the figures of drawn paths, in the order they were drawn.
    pub fn add(&mut self, figures: impl IntoIterator<Item = PathFigures>) {
        for f in figures {
            if self.month_numbers.is_empty() {
                self.month_numbers = (0..f.mau.len() as u32).collect();
            }
            self.paths.push(f);
        }
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
        let mut scratch = Vec::with_capacity(paths);
        for m in 0..months {
            let mau = Band::of(self.paths.iter().map(|p| p.mau[m]), &mut scratch);
            let total = Band::of(self.paths.iter().map(|p| p.total_usd[m]), &mut scratch);
            let with_customers = self.paths.iter().filter_map(|p| p.cost_per_customer_usd[m]);
            let per_customer =
                Band::of(with_customers, &mut scratch).filter(|_| scratch.len() * 2 >= paths);
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
                // Paths making the change in each month, then summed up to each month.
                let mut made = vec![0u32; months];
                for at in self.paths.iter().filter_map(|p| p.made[change as usize]) {
                    made[at as usize] += 1;
                }
                let mut by_now = 0;
                let by_month = made
                    .iter()
                    .map(|n| {
                        by_now += n;
                        f64::from(by_now) / paths as f64
                    })
                    .collect();
                (by_now > 0).then_some(ChangeOdds { change, by_month })
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

/// Projects Monte Carlo paths drawn elsewhere ([`Simulator::draw_values`]):
/// what a Web Worker of the page holds for a run.
#[derive(Debug)]
pub struct PathProjector {
    scenario: Scenario,
    inputs: Vec<Ranged>,
}

impl PathProjector {
    /// The projector of a run of `uncertainty` over `scenario`, checked as
    /// [`Simulator::new`] checks it.
    pub fn new(scenario: &Scenario, uncertainty: &Uncertainty) -> Result<PathProjector, Error> {
        uncertainty.check(scenario.input())?;
        Ok(PathProjector {
            scenario: scenario.clone(),
            inputs: ranged(scenario.input(), &uncertainty.ranges),
        })
    }

    /// The figures of the paths whose ranged inputs are `values`, one path
    /// after another. Fails if the values are not a whole number of paths or
    /// make an invalid scenario (they cannot, if they came from
    /// [`Simulator::draw_values`] of the same run).
    pub fn project(&self, values: &[f64]) -> Result<Vec<PathFigures>, Error> {
        let per_path = self.inputs.len().max(1);
        if !values.len().is_multiple_of(per_path) {
            return Err(Error::invalid(
                "uncertainty.ranges",
                format!("{} values", values.len()),
                format!("{per_path} values a path"),
            ));
        }
        values
            .chunks(per_path)
            .map(|path| {
                let mut each = path.iter();
                let s = varied(&self.scenario, &self.inputs, |_| {
                    each.next().copied().unwrap_or_default()
                })?;
                Ok(path_figures(&s))
            })
            .collect()
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
/// high ends (the others at their likely values), in infrastructure cost: the
/// total less payment fees, which follow the price, not the load.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Swing {
    pub input: String,
    pub low: f64,
    pub high: f64,
    /// Infrastructure cost per customer at the horizon with the input at its
    /// low and high ends (absent without customers).
    pub infrastructure_per_customer_at_low: Option<f64>,
    pub infrastructure_per_customer_at_high: Option<f64>,
    /// Monthly infrastructure cost at the horizon with the input at its low and
    /// high ends.
    pub infrastructure_at_low: f64,
    pub infrastructure_at_high: f64,
}

impl Swing {
    /// How far infrastructure cost per customer moves between the ends (0
    /// without customers).
    pub fn per_customer_swing(&self) -> f64 {
        match (
            self.infrastructure_per_customer_at_low,
            self.infrastructure_per_customer_at_high,
        ) {
            (Some(a), Some(b)) => (b - a).abs(),
            _ => 0.0,
        }
    }

    /// How far the monthly infrastructure cost moves between the ends.
    pub fn infrastructure_swing(&self) -> f64 {
        (self.infrastructure_at_high - self.infrastructure_at_low).abs()
    }
}

/// Sensitivity: each ranged input to its low and high end with the others at
/// their likely values, ranked by how far infrastructure cost per customer at
/// the horizon moves (then by monthly infrastructure cost, then by name, so the
/// ranking never depends on the order the ranges were given in). Payment fees
/// are left out: they follow the price, so the price would otherwise top
/// every ranking while saying nothing about capacity.
///
/// ```
/// use headroom_models::uncertainty::{sensitivity, Range, Uncertainty};
/// use headroom_models::Scenario;
/// let mut u = Uncertainty::default();
/// u.ranges.insert("usage.response_kb".into(), Range { low: 5.0, high: 20.0 });
/// u.ranges.insert("revenue.arpa_usd_per_month".into(), Range { low: 100.0, high: 400.0 });
/// let ranked = sensitivity(&Scenario::default(), &u).unwrap();
/// assert_eq!(ranked[0].input, "usage.response_kb"); // egress follows the responses
/// assert_eq!(ranked[1].per_customer_swing(), 0.0); // the price moves only card fees
/// ```
pub fn sensitivity(scenario: &Scenario, uncertainty: &Uncertainty) -> Result<Vec<Swing>, Error> {
    uncertainty.check(scenario.input())?;
    let horizon = |s: &Scenario| {
        let p = crate::project(s);
        p.months.last().map_or((None, 0.0), |m| {
            (m.infrastructure_per_customer_usd, m.infrastructure_usd)
        })
    };
    let mut swings = Vec::with_capacity(uncertainty.ranges.len());
    for r in ranged(scenario.input(), &uncertainty.ranges) {
        let only = |end: f64| varied(scenario, &[r], |_| end);
        let range = r.range;
        let (per_customer_low, low) = horizon(&only(range.low)?);
        let (per_customer_high, high) = horizon(&only(range.high)?);
        swings.push(Swing {
            input: r.key.name().to_owned(),
            low: range.low,
            high: range.high,
            infrastructure_per_customer_at_low: per_customer_low,
            infrastructure_per_customer_at_high: per_customer_high,
            infrastructure_at_low: low,
            infrastructure_at_high: high,
        });
    }
    swings.sort_by(|a, b| {
        b.per_customer_swing()
            .total_cmp(&a.per_customer_swing())
            .then(
                b.infrastructure_swing()
                    .total_cmp(&a.infrastructure_swing()),
            )
            .then(a.input.cmp(&b.input))
    });
    Ok(swings)
}

#[cfg(test)]
mod tests {
    use super::Band;
    use proptest::prelude::*;

    /// The percentiles by sorting every value: what [`Band::of`] must equal.
    fn sorted_band(values: &[f64]) -> Band {
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let last = v.len() - 1;
        let at = |q: f64| {
            let pos = q * last as f64;
            let (i, frac) = (pos.floor() as usize, pos.fract());
            v[i] + (v[(i + 1).min(last)] - v[i]) * frac
        };
        Band {
            p10: at(0.1),
            p50: at(0.5),
            p90: at(0.9),
        }
    }

    proptest! {
        /// Selection gives the sorted percentiles bit for bit, with ties,
        /// negative zeros and any count of values.
        #[test]
        fn selected_percentiles_equal_sorted_ones(
            values in prop::collection::vec(prop_oneof![
                -1e6..1e6f64,
                Just(0.0),
                Just(-0.0),
                Just(42.0),
            ], 1..300)
        ) {
            let band = Band::of(values.iter().copied(), &mut Vec::new()).unwrap();
            let want = sorted_band(&values);
            for (got, want) in [(band.p10, want.p10), (band.p50, want.p50), (band.p90, want.p90)] {
                prop_assert_eq!(got.to_bits(), want.to_bits());
            }
        }
    }
}
