//! The planner's three charts: monthly cost by service, utilisation and p95 per
//! tier, and cost per customer against users.
//!
//! Drawing is pure and generic over plotters' `DrawingBackend` ([`draw`]): the
//! browser draws to a canvas ([`Chart`]), the native tests draw to SVG. Each draw
//! returns a [`ChartGeometry`]: the backend-pixel position of every plotted month,
//! taken from plotters' own coordinate mapping (`ChartContext::backend_coord`) at
//! draw time, so the hover readout ([`readout`], [`readout_for_month`]) snaps to
//! exactly where the month was drawn without re-deriving the axes.
//!
//! Every figure comes from the [`Projection`], the cost chart's groups included
//! (the model's [`Costs::groups`]); drawing only maps figures to pixels.
//!
//! HiDPI: [`ChartTheme::scale`] is the device pixel ratio. Text sizes, line widths
//! and margins are multiplied by it, so a canvas whose backing store is its CSS
//! size × the ratio looks the same size as at 1x, only sharper.

mod canvas;
mod draw;
mod measured;
mod uncertain;

pub use canvas::{canvas_png_data_url, Chart, FanChart, TornadoChart};
pub use uncertain::{draw_fan, draw_tornado, fan_readout, tornado_readout, FanKind};

use headroom_models::format::{number, percent};
use headroom_models::projection::{CostScope, Costs, Month};
use headroom_models::{Change, Event, Projection};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, RGBColor};

use headroom_models::format::{count, usd_per_month};

/// One of the planner's charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Monthly cost stacked by service group, cost per customer on a second axis,
    /// a marker at each architecture change.
    Cost,
    /// Utilisation per tier against the targets, p95 latency against the SLO.
    Utilisation,
    /// Cost per customer against monthly active users (logarithmic).
    PerCustomer,
}

impl ChartKind {
    /// Every chart, in the order the page shows them.
    pub const ALL: [ChartKind; 3] = [
        ChartKind::Cost,
        ChartKind::Utilisation,
        ChartKind::PerCustomer,
    ];

    /// A stable id for test hooks and file names: "cost", "utilisation", "per-customer".
    pub fn id(self) -> &'static str {
        match self {
            ChartKind::Cost => "cost",
            ChartKind::Utilisation => "utilisation",
            ChartKind::PerCustomer => "per-customer",
        }
    }

    /// The chart's heading.
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Cost => "Monthly cost by service",
            ChartKind::Utilisation => "Utilisation and p95 latency by tier",
            ChartKind::PerCustomer => "Cost per customer against users",
        }
    }

    /// One sentence saying what the chart shows (the canvas's accessible name).
    pub fn description(self) -> &'static str {
        match self {
            ChartKind::Cost => {
                "Monthly infrastructure cost (with payment fees if chosen) stacked by \
                 service for each month of the projection, with cost per customer on \
                 the right axis and a vertical marker at each architecture change."
            }
            ChartKind::Utilisation => {
                "Peak utilisation of each tier in percent against its target, and p95 \
                 latency in milliseconds against the SLO on the right axis, month by month."
            }
            ChartKind::PerCustomer => {
                "Monthly infrastructure cost per customer (with payment fees if chosen) \
                 against monthly active users on a logarithmic axis, one point per month, \
                 coloured by stage."
            }
        }
    }
}

/// The model's groups of line items ([`Costs::groups`]), re-exported for the
/// chart's legend and tests.
pub use headroom_models::projection::COST_GROUPS;

/// The month's cost by group (USD per month), in [`COST_GROUPS`] order: the
/// model's [`Costs::groups`] without the names.
pub fn cost_groups_usd(costs: &Costs) -> [f64; COST_GROUPS.len()] {
    costs.groups().map(|(_, usd)| usd)
}

/// Colours, text size and line widths of a chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartTheme {
    /// Filled behind everything (so an exported PNG is readable on its own).
    pub background: RGBColor,
    /// Labels, legend and the cost-per-customer / API p95 lines.
    pub text: RGBColor,
    /// Gridlines.
    pub grid: RGBColor,
    /// Axis lines and tick marks.
    pub axis: RGBColor,
    /// Series colours (Okabe-Ito, colour-blind safe): blue, vermillion, green,
    /// sky blue, reddish purple, orange, yellow, grey.
    pub palette: [RGBColor; 8],
    /// Device pixels per CSS pixel: text sizes, line widths and margins are
    /// multiplied by it. 1.0 for SVG and standard screens.
    pub scale: f64,
}

impl ChartTheme {
    /// Dark text on white (the page's light theme), scale 1.
    pub fn light() -> ChartTheme {
        ChartTheme {
            background: RGBColor(0xff, 0xff, 0xff),
            text: RGBColor(0x1f, 0x23, 0x28),
            grid: RGBColor(0xe4, 0xe7, 0xeb),
            axis: RGBColor(0x8c, 0x95, 0x9f),
            palette: [
                RGBColor(0x00, 0x72, 0xb2),
                RGBColor(0xd5, 0x5e, 0x00),
                RGBColor(0x00, 0x9e, 0x73),
                RGBColor(0x56, 0xb4, 0xe9),
                RGBColor(0xcc, 0x79, 0xa7),
                RGBColor(0xe6, 0x9f, 0x00),
                RGBColor(0xf0, 0xe4, 0x42),
                RGBColor(0x80, 0x80, 0x80),
            ],
            scale: 1.0,
        }
    }

    /// Light text on the page's dark background (#16181d), scale 1. The palette's
    /// darker hues are lightened to stay readable on it.
    pub fn dark() -> ChartTheme {
        ChartTheme {
            background: RGBColor(0x16, 0x18, 0x1d),
            text: RGBColor(0xe6, 0xe8, 0xeb),
            grid: RGBColor(0x2c, 0x30, 0x38),
            axis: RGBColor(0x6e, 0x76, 0x81),
            palette: [
                RGBColor(0x4d, 0xa3, 0xe6),
                RGBColor(0xf0, 0x7d, 0x3c),
                RGBColor(0x2b, 0xc2, 0x9a),
                RGBColor(0x9a, 0xd3, 0xf5),
                RGBColor(0xe0, 0x9c, 0xc5),
                RGBColor(0xf0, 0xb4, 0x3c),
                RGBColor(0xf0, 0xe4, 0x42),
                RGBColor(0xa6, 0xa6, 0xa6),
            ],
            scale: 1.0,
        }
    }

    /// The same theme drawn at `scale` device pixels per CSS pixel (values that are
    /// not finite or not positive mean 1).
    pub fn with_scale(self, scale: f64) -> ChartTheme {
        let scale = if scale.is_finite() && scale > 0.0 {
            scale.min(8.0)
        } else {
            1.0
        };
        ChartTheme { scale, ..self }
    }
}

/// A rectangle in backend pixels (left/top inclusive, right/bottom exclusive).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PixelRect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl PixelRect {
    /// Whether the pixel is inside.
    pub fn contains(&self, x_px: f64, y_px: f64) -> bool {
        x_px >= self.left && x_px < self.right && y_px >= self.top && y_px < self.bottom
    }
}

/// Where one month was plotted, in backend pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlottedPoint {
    pub month: u32,
    pub x_px: f64,
    pub y_px: f64,
}

/// An architecture-change marker drawn on the cost chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeMarker {
    pub month: u32,
    /// The marker line's x (backend pixels).
    pub x_px: f64,
    /// Whether any change that month was made (solid line) or none was (dashed).
    pub adopted: bool,
    /// The short label, e.g. "Cache, CDN".
    pub label: String,
    /// Whether the label fitted and was drawn.
    pub labelled: bool,
}

/// What a draw leaves behind for hover: the plotting area and the position of
/// every plotted month, both in backend pixels (device pixels on a HiDPI canvas).
///
/// The positions come from plotters' coordinate mapping at draw time; the ranges
/// are kept for reference (the x range is in months, or MAU on a log scale for the
/// cost-per-customer chart).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartGeometry {
    pub kind: ChartKind,
    /// The plotting area (inside the axes).
    pub plot_area: PixelRect,
    /// Data range of the x axis: months, or MAU for [`ChartKind::PerCustomer`].
    pub x_range: (f64, f64),
    /// Whether the x axis is logarithmic.
    pub x_log: bool,
    /// Data range of the left y axis.
    pub y_range: (f64, f64),
    /// Plotted months in month order (for the cost-per-customer chart, only
    /// months with customers and MAU).
    pub points: Vec<PlottedPoint>,
    /// The architecture-change markers (cost chart only), in month order.
    pub markers: Vec<ChangeMarker>,
    /// The scale the chart was drawn at (device pixels per CSS pixel).
    pub scale: f64,
}

impl ChartGeometry {
    /// The plotted month nearest the pixel: by x alone on the monthly charts, by
    /// distance on the cost-per-customer chart. `None` outside the plotting area
    /// or when nothing was plotted.
    pub fn month_at(&self, x_px: f64, y_px: f64) -> Option<u32> {
        if !self.plot_area.contains(x_px, y_px) {
            return None;
        }
        let distance = |p: &PlottedPoint| match self.kind {
            ChartKind::PerCustomer => (p.x_px - x_px).hypot(p.y_px - y_px),
            _ => (p.x_px - x_px).abs(),
        };
        self.points
            .iter()
            .min_by(|a, b| distance(a).total_cmp(&distance(b)))
            .map(|p| p.month)
    }

    /// Where `month` was plotted, if it was.
    pub fn point(&self, month: u32) -> Option<PlottedPoint> {
        self.points.iter().copied().find(|p| p.month == month)
    }

    /// The plotted month `steps` positions from `from` (clamped to the first and
    /// last); from no month, a step forward starts at the first and a step back
    /// at the last.
    pub fn step(&self, from: Option<u32>, steps: i64) -> Option<u32> {
        let last = self.points.len().checked_sub(1)?;
        let index = match from.and_then(|m| self.points.iter().position(|p| p.month == m)) {
            Some(i) => (i as i64 + steps).clamp(0, last as i64) as usize,
            None if steps < 0 => last,
            None => 0,
        };
        Some(self.points[index].month)
    }

    /// The first plotted month.
    pub fn first_month(&self) -> Option<u32> {
        self.points.first().map(|p| p.month)
    }

    /// The last plotted month.
    pub fn last_month(&self) -> Option<u32> {
        self.points.last().map(|p| p.month)
    }
}

/// The values under the pointer (or the keyboard's month).
#[derive(Debug, Clone, PartialEq)]
pub struct Readout {
    pub month: u32,
    /// Where the month was plotted (backend pixels): the guide line goes here.
    pub x_px: f64,
    /// The plotted point's y (backend pixels).
    pub y_px: f64,
    /// "Month 24".
    pub title: String,
    /// Label and formatted value, in display order.
    pub lines: Vec<(String, String)>,
}

/// Draws the whole chart onto `root` (filling it first) and returns where it drew.
///
/// Never panics on any projection: an empty projection, all-zero costs or no
/// customers draw the axes and a note; a drawing area too small for axes draws
/// only the note. Errors are the backend's, as text.
pub fn draw<DB: DrawingBackend>(
    kind: ChartKind,
    root: &DrawingArea<DB, Shift>,
    projection: &Projection,
    theme: &ChartTheme,
) -> Result<ChartGeometry, String> {
    draw_compared(kind, root, projection, None, CostScope::default(), theme)
}

/// [`draw`] with a second projection (compare mode's B) overlaid as dashed
/// lines on the cost and cost-per-customer charts (the utilisation chart shows
/// A alone), and the costs of `scope` (infrastructure alone, or with payment
/// fees). Hover and readouts stay A's.
pub fn draw_compared<DB: DrawingBackend>(
    kind: ChartKind,
    root: &DrawingArea<DB, Shift>,
    projection: &Projection,
    compare: Option<&Projection>,
    scope: CostScope,
    theme: &ChartTheme,
) -> Result<ChartGeometry, String> {
    match kind {
        ChartKind::Cost => draw::cost(root, projection, compare, scope, theme),
        ChartKind::Utilisation => draw::utilisation(root, projection, theme),
        ChartKind::PerCustomer => draw::per_customer(root, projection, compare, scope, theme),
    }
}

/// The readout for the pixel `(x_px, y_px)` (backend pixels): the nearest plotted
/// month's values. `None` outside the plotting area.
pub fn readout(
    kind: ChartKind,
    geometry: &ChartGeometry,
    projection: &Projection,
    x_px: f64,
    y_px: f64,
) -> Option<Readout> {
    let month = geometry.month_at(x_px, y_px)?;
    readout_for_month(kind, geometry, projection, CostScope::default(), month)
}

/// The readout for `month` (keyboard navigation). `None` when the month was not
/// plotted.
pub fn readout_for_month(
    kind: ChartKind,
    geometry: &ChartGeometry,
    projection: &Projection,
    scope: CostScope,
    month: u32,
) -> Option<Readout> {
    let point = geometry.point(month)?;
    let m = projection.months.iter().find(|m| m.month == month)?;
    let lines = match kind {
        ChartKind::Cost => cost_lines(m, &projection.events, scope),
        ChartKind::Utilisation => utilisation_lines(m),
        ChartKind::PerCustomer => per_customer_lines(m, scope),
    };
    Some(Readout {
        month,
        x_px: point.x_px,
        y_px: point.y_px,
        title: format!("Month {month}"),
        lines,
    })
}

fn line(label: &str, value: String) -> (String, String) {
    (label.to_owned(), value)
}

fn per_customer_text(m: &Month, scope: CostScope) -> String {
    scope
        .per_customer(m)
        .map_or_else(|| "no customers yet".to_owned(), usd_per_month)
}

fn cost_lines(m: &Month, events: &[Event], scope: CostScope) -> Vec<(String, String)> {
    let groups = cost_groups_usd(&m.costs_usd);
    let mut lines: Vec<_> = COST_GROUPS
        .iter()
        .zip(groups)
        .rev()
        .filter(|((_, items), usd)| *usd != 0.0 && scope.includes(items))
        .map(|((name, _), usd)| line(name, usd_per_month(usd)))
        .collect();
    lines.push(line(scope.name(), usd_per_month(scope.total(m))));
    lines.push(line("Per customer", per_customer_text(m, scope)));
    for e in events.iter().filter(|e| e.month == m.month) {
        let how = if e.adopted { "" } else { ", not adopted" };
        lines.push(line("Change", format!("{} ({}{how})", e.change, e.basis)));
    }
    lines
}

/// Latency as people read it: "45 ms", "3.7 ms"; "saturated" when absent.
fn ms_text(ms: Option<f64>) -> String {
    ms.map_or_else(
        || "saturated".to_owned(),
        |v| format!("{} ms", number((v * 10.0).round() / 10.0)),
    )
}

fn utilisation_lines(m: &Month) -> Vec<(String, String)> {
    let t = &m.tiers;
    let mut lines = vec![line("App CPU", percent(t.app.utilization))];
    lines.push(line("Database CPU", percent(t.db.utilization)));
    if let Some(c) = &t.cache {
        lines.push(line("Cache memory", percent(c.memory_utilization)));
    }
    if let Some(w) = &t.workers {
        lines.push(line("Workers", percent(w.utilization)));
    }
    lines.push(line("API p95", ms_text(m.api_p95_ms)));
    lines.push(line("App p95", ms_text(t.app.p95_ms)));
    lines.push(line("Database p95", ms_text(t.db.p95_ms)));
    lines
}

fn per_customer_lines(m: &Month, scope: CostScope) -> Vec<(String, String)> {
    vec![
        line("Active users (MAU)", count(m.mau)),
        line("Customers", count(m.customers)),
        line(scope.per_customer_name(), per_customer_text(m, scope)),
        line("Stage", m.stage.to_string()),
    ]
}

/// A short label for an architecture change marker.
fn short_change(change: Change) -> &'static str {
    match change {
        Change::ConnectionPooler => "Pooler",
        Change::Cache => "Cache",
        Change::Cdn => "CDN",
        Change::BackgroundJobs => "Jobs",
        Change::DbUpgrade => "DB upgrade",
        Change::ReadReplica => "Replica",
        Change::MultiAz => "Multi-AZ",
        Change::ExtractPayments => "Payments svc",
        Change::ExtractSearch => "Search svc",
        Change::ExtractMedia => "Media svc",
        Change::Sharding => "Sharding",
        Change::MultiRegion => "Regions",
    }
}

/// A compact count for log-axis labels: 950, 1K, 25K, 1.5M.
fn compact_count(v: f64) -> String {
    let (div, suffix) = if v >= 1e9 {
        (1e9, "B")
    } else if v >= 1e6 {
        (1e6, "M")
    } else if v >= 1e3 {
        (1e3, "K")
    } else {
        (1.0, "")
    };
    let scaled = v / div;
    let rounded = if scaled >= 10.0 {
        scaled.round()
    } else {
        (scaled * 10.0).round() / 10.0
    };
    format!("{}{suffix}", number(rounded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_count_reads_like_a_person_wrote_it() {
        assert_eq!(compact_count(950.0), "950");
        assert_eq!(compact_count(1_000.0), "1K");
        assert_eq!(compact_count(25_000.0), "25K");
        assert_eq!(compact_count(1_500_000.0), "1.5M");
        assert_eq!(compact_count(2e9), "2B");
    }

    #[test]
    fn step_clamps_and_starts_at_either_end() {
        let g = ChartGeometry {
            kind: ChartKind::Cost,
            plot_area: PixelRect {
                left: 0.0,
                top: 0.0,
                right: 100.0,
                bottom: 100.0,
            },
            x_range: (0.0, 2.0),
            x_log: false,
            y_range: (0.0, 1.0),
            points: (0..3)
                .map(|m| PlottedPoint {
                    month: m,
                    x_px: f64::from(m) * 50.0,
                    y_px: 50.0,
                })
                .collect(),
            markers: Vec::new(),
            scale: 1.0,
        };
        assert_eq!(g.step(None, 1), Some(0));
        assert_eq!(g.step(None, -1), Some(2));
        assert_eq!(g.step(Some(1), 1), Some(2));
        assert_eq!(g.step(Some(2), 1), Some(2));
        assert_eq!(g.step(Some(0), -5), Some(0));
        assert_eq!(g.month_at(60.0, 10.0), Some(1));
        assert_eq!(g.month_at(99.0, 10.0), Some(2));
        assert_eq!(g.month_at(100.0, 10.0), None);
    }
}
