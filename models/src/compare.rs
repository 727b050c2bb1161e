//! Compare two projections side by side: the figures at the end of each growth
//! stage either reaches, and at the horizon, with B's difference from A.

use serde::Serialize;

use crate::format::{count, usd};
use crate::projection::{Month, Projection};
use crate::scenario::Stage;

/// One side's figures at a point (the end of a stage, or the horizon).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// The month the figures are from.
    pub month: u32,
    pub mau: f64,
    pub customers: f64,
    pub total_usd: f64,
    pub cost_per_customer_usd: Option<f64>,
}

impl Point {
    fn of(m: &Month) -> Point {
        Point {
            month: m.month,
            mau: m.mau,
            customers: m.customers,
            total_usd: m.total_usd,
            cost_per_customer_usd: m.cost_per_customer_usd,
        }
    }
}

/// A and B at the same point, and B − A where both exist.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Difference {
    pub a: Option<Point>,
    pub b: Option<Point>,
    /// B's monthly cost minus A's.
    pub total_usd: Option<f64>,
    /// B's cost per customer minus A's (when both have customers).
    pub cost_per_customer_usd: Option<f64>,
    /// B's monthly active users minus A's.
    pub mau: Option<f64>,
}

impl Difference {
    fn of(a: Option<Point>, b: Option<Point>) -> Difference {
        let both = a.zip(b);
        Difference {
            a,
            b,
            total_usd: both.map(|(a, b)| b.total_usd - a.total_usd),
            cost_per_customer_usd: both
                .and_then(|(a, b)| Some(b.cost_per_customer_usd? - a.cost_per_customer_usd?)),
            mau: both.map(|(a, b)| b.mau - a.mau),
        }
    }
}

/// The end of one stage in A and in B (absent on a side that never reaches it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct StageDifference {
    pub stage: Stage,
    #[serde(flatten)]
    pub difference: Difference,
}

/// Two projections compared: by stage, and at each one's horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The scenarios' names.
    pub a: String,
    pub b: String,
    /// Every stage either projection reaches, in stage order, at its last month.
    pub stages: Vec<StageDifference>,
    pub horizon: Difference,
}

/// The comparison as a table of words: the one way the command line and the
/// app show it (a header row, then one row per stage end and the horizon).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: [&'static str; 11],
    /// (label, the ten cells after it).
    pub rows: Vec<(String, Vec<String>)>,
}

/// Shown where a side has no figure.
const ABSENT: &str = "–";

impl Comparison {
    /// The table: for A and B the month, users, monthly cost and cost per
    /// customer, then B − A (signed with "+" or "−").
    ///
    /// ```
    /// use headroom_models::compare::compare;
    /// use headroom_models::{project, Scenario};
    /// let a = project(&Scenario::default());
    /// let t = compare(&a, &a).table();
    /// let (label, cells) = t.rows.last().unwrap();
    /// assert_eq!(label, "Horizon");
    /// assert_eq!(cells[8], "+$0.00");
    /// ```
    pub fn table(&self) -> Table {
        let row = |label: String, d: &Difference| {
            let mut cells = side(&d.a);
            cells.extend(side(&d.b));
            cells.push(signed(d.total_usd));
            cells.push(signed(d.cost_per_customer_usd));
            (label, cells)
        };
        let mut rows: Vec<_> = self
            .stages
            .iter()
            .map(|s| row(format!("End of {}", s.stage), &s.difference))
            .collect();
        rows.push(row("Horizon".to_owned(), &self.horizon));
        Table {
            headers: [
                "",
                "A month",
                "A users",
                "A monthly cost",
                "A cost per customer",
                "B month",
                "B users",
                "B monthly cost",
                "B cost per customer",
                "B − A monthly cost",
                "B − A cost per customer",
            ],
            rows,
        }
    }
}

/// One side's cells: month, users, monthly cost, cost per customer.
fn side(p: &Option<Point>) -> Vec<String> {
    match p {
        Some(p) => vec![
            p.month.to_string(),
            count(p.mau),
            usd(p.total_usd),
            p.cost_per_customer_usd
                .map_or_else(|| ABSENT.to_owned(), usd),
        ],
        None => vec![ABSENT.to_owned(); 4],
    }
}

/// A difference with its sign: "+$12.00", "−$3.50".
fn signed(v: Option<f64>) -> String {
    match v {
        Some(v) if v < 0.0 => format!("−{}", usd(-v)),
        Some(v) => format!("+{}", usd(v)),
        None => ABSENT.to_owned(),
    }
}

/// Compare B with A.
///
/// ```
/// use headroom_models::compare::compare;
/// use headroom_models::{project, Preset, Scenario};
/// let a = project(&Scenario::default());
/// let b = project(&Scenario::default().with_setting("growth.monthly_rate", "0.2").unwrap());
/// let c = compare(&a, &b);
/// assert!(c.horizon.mau.unwrap() > 0.0); // faster growth, more users
/// assert_eq!(compare(&a, &a).horizon.total_usd, Some(0.0));
/// ```
pub fn compare(a: &Projection, b: &Projection) -> Comparison {
    let end_of = |p: &Projection, stage: Stage| {
        p.stages
            .iter()
            .find(|s| s.stage == stage)
            .and_then(|s| p.months.iter().find(|m| m.month == s.last_month))
            .map(Point::of)
    };
    let stages = Stage::ALL
        .into_iter()
        .filter_map(|stage| {
            let (pa, pb) = (end_of(a, stage), end_of(b, stage));
            (pa.is_some() || pb.is_some()).then(|| StageDifference {
                stage,
                difference: Difference::of(pa, pb),
            })
        })
        .collect();
    Comparison {
        a: a.scenario.name.clone(),
        b: b.scenario.name.clone(),
        stages,
        horizon: Difference::of(
            a.months.last().map(Point::of),
            b.months.last().map(Point::of),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{project, Preset};

    #[test]
    fn each_stage_either_side_reaches_is_compared_at_its_last_month() {
        let a = project(&Preset::B2bSaas.scenario());
        let b = project(&Preset::ConsumerApp.scenario());
        let c = compare(&a, &b);
        let reached = |p: &Projection, s: Stage| p.stages.iter().any(|x| x.stage == s);
        for d in &c.stages {
            assert_eq!(
                d.difference.a.is_some(),
                reached(&a, d.stage),
                "{:?}",
                d.stage
            );
            assert_eq!(
                d.difference.b.is_some(),
                reached(&b, d.stage),
                "{:?}",
                d.stage
            );
            if let (Some(pa), Some(pb)) = (d.difference.a, d.difference.b) {
                assert_eq!(d.difference.total_usd, Some(pb.total_usd - pa.total_usd));
                let last = |p: &Projection| {
                    p.stages
                        .iter()
                        .find(|s| s.stage == d.stage)
                        .unwrap()
                        .last_month
                };
                assert_eq!((pa.month, pb.month), (last(&a), last(&b)));
            } else {
                assert_eq!(d.difference.total_usd, None);
            }
        }
        // Stages in order, none reached by neither.
        assert!(c.stages.windows(2).all(|w| w[0].stage < w[1].stage));
        let either = Stage::ALL
            .iter()
            .filter(|&&s| reached(&a, s) || reached(&b, s))
            .count();
        assert_eq!(c.stages.len(), either);
        assert_eq!((c.a.as_str(), c.b.as_str()), ("B2B SaaS", "Consumer app"));
    }

    #[test]
    fn swapping_the_sides_negates_every_difference() {
        let a = project(&Preset::Fintech.scenario());
        let b = project(&Preset::Marketplace.scenario());
        let (ab, ba) = (compare(&a, &b), compare(&b, &a));
        let neg = |x: Option<f64>| x.map(|v| -v);
        assert_eq!(ab.horizon.total_usd, neg(ba.horizon.total_usd));
        assert_eq!(
            ab.horizon.cost_per_customer_usd,
            neg(ba.horizon.cost_per_customer_usd)
        );
        for (x, y) in ab.stages.iter().zip(&ba.stages) {
            assert_eq!(x.difference.total_usd, neg(y.difference.total_usd));
        }
    }
}
