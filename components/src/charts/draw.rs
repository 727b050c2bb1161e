//! The plotters drawing of each chart (see the module documentation in `mod.rs`).
//!
//! Layout, top to bottom: a legend that wraps to the width, then the chart. Sizes
//! are CSS pixels multiplied by the theme's scale.

use std::collections::BTreeMap;
use std::iter::once;

use headroom_models::format::percent;
use headroom_models::projection::CostScope;
use headroom_models::{Projection, Stage};
use plotters::coord::types::{RangedCoordf64, RangedCoordu32};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    compact_count, cost_groups_usd, short_change, ChangeMarker, ChartGeometry, ChartKind,
    ChartTheme, PixelRect, PlottedPoint, COST_GROUPS,
};
use headroom_models::format::usd;

/// Font family for every label: the platform's UI font.
pub(super) const FAMILY: &str = "system-ui, sans-serif";
/// Label and legend text size (CSS pixels).
pub(super) const TEXT_PX: f64 = 12.0;

pub(super) fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// `css_px` CSS pixels in backend pixels, at least 1.
pub(super) fn px(t: &ChartTheme, css_px: f64) -> u32 {
    (css_px * t.scale).round().max(1.0) as u32
}

pub(super) fn pxi(t: &ChartTheme, css_px: f64) -> i32 {
    px(t, css_px) as i32
}

pub(super) fn font(t: &ChartTheme, color: RGBColor) -> TextStyle<'static> {
    (FAMILY, TEXT_PX * t.scale).into_font().color(&color)
}

/// How a legend entry's swatch looks.
#[derive(Debug, Clone, Copy)]
pub(super) enum Mark {
    Area,
    Line,
    Dashed,
    Dotted,
    Dot,
}

pub(super) struct LegendItem {
    label: String,
    color: RGBAColor,
    mark: Mark,
}

impl LegendItem {
    pub(super) fn new(label: &str, color: impl Color, mark: Mark) -> LegendItem {
        LegendItem {
            label: label.to_owned(),
            color: color.to_rgba(),
            mark,
        }
    }
}

const SWATCH_CSS_PX: f64 = 18.0;

/// Lays the legend out in rows that fit the width, draws it at the top of `root`
/// and returns the area below it.
pub(super) fn legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    items: &[LegendItem],
    t: &ChartTheme,
) -> Result<DrawingArea<DB, Shift>, String> {
    let (width, _) = root.dim_in_pixel();
    let style = font(t, t.text);
    let pad = pxi(t, 8.0);
    let swatch = pxi(t, SWATCH_CSS_PX);
    let gap = pxi(t, 6.0);
    let between = pxi(t, 16.0);
    let row_h = pxi(t, 20.0);
    let mut placed = Vec::with_capacity(items.len());
    let (mut x, mut row) = (pad, 0);
    for item in items {
        let (text_w, _) = root.estimate_text_size(&item.label, &style).map_err(err)?;
        let w = swatch + gap + text_w as i32;
        if x > pad && x + w > width as i32 - pad {
            x = pad;
            row += 1;
        }
        placed.push((x, row));
        x += w + between;
    }
    let rows = if items.is_empty() { 0 } else { row + 1 };
    let height = rows * row_h + pxi(t, 6.0);
    let (top, body) = root.split_vertically(height);
    for (item, &(x, row)) in items.iter().zip(&placed) {
        let y = pxi(t, 4.0) + row * row_h + row_h / 2;
        let stroke = item.color.stroke_width(px(t, 2.0));
        let (x0, x1) = (x, x + swatch);
        match item.mark {
            Mark::Area => top
                .draw(&Rectangle::new(
                    [(x0, y - pxi(t, 5.0)), (x1, y + pxi(t, 5.0))],
                    item.color.filled(),
                ))
                .map_err(err)?,
            Mark::Line => top
                .draw(&PathElement::new(vec![(x0, y), (x1, y)], stroke))
                .map_err(err)?,
            Mark::Dashed => top
                .draw(&DashedPathElement::new(
                    vec![(x0, y), (x1, y)],
                    px(t, 5.0),
                    px(t, 3.0),
                    stroke,
                ))
                .map_err(err)?,
            Mark::Dotted => top
                .draw(&DashedPathElement::new(
                    vec![(x0, y), (x1, y)],
                    px(t, 2.0),
                    px(t, 3.0),
                    stroke,
                ))
                .map_err(err)?,
            Mark::Dot => top
                .draw(&Circle::new(
                    ((x0 + x1) / 2, y),
                    px(t, 4.0),
                    item.color.filled(),
                ))
                .map_err(err)?,
        }
        top.draw(&Text::new(
            item.label.clone(),
            (x1 + gap, y),
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
    }
    Ok(body)
}

/// Whether `area` is too small for axes (then only a note is drawn).
pub(super) fn too_small<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, t: &ChartTheme) -> bool {
    let (w, h) = area.dim_in_pixel();
    f64::from(w) < 200.0 * t.scale || f64::from(h) < 110.0 * t.scale
}

/// A note centred in `area` (a chart's plotting area, coordinates stripped).
pub(super) fn note<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    t: &ChartTheme,
) -> Result<(), String> {
    let (w, h) = area.dim_in_pixel();
    area.draw(&Text::new(
        text.to_owned(),
        (w as i32 / 2, h as i32 / 2),
        font(t, t.text).pos(Pos::new(HPos::Center, VPos::Center)),
    ))
    .map_err(err)
}

pub(super) fn rect_of<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> PixelRect {
    let (x, y) = area.get_pixel_range();
    PixelRect {
        left: f64::from(x.start),
        top: f64::from(y.start),
        right: f64::from(x.end),
        bottom: f64::from(y.end),
    }
}

/// A chart with only a note (the area was too small for axes).
fn note_only<DB: DrawingBackend>(
    kind: ChartKind,
    area: &DrawingArea<DB, Shift>,
    text: &str,
    t: &ChartTheme,
) -> Result<ChartGeometry, String> {
    note(area, text, t)?;
    Ok(ChartGeometry {
        kind,
        plot_area: rect_of(area),
        x_range: (0.0, 1.0),
        x_log: false,
        y_range: (0.0, 1.0),
        points: Vec::new(),
        markers: Vec::new(),
        scale: t.scale,
    })
}

/// The month axis: first..last month (at least one month wide).
fn month_span(p: &Projection) -> (u32, u32) {
    let first = p.months.first().map_or(0, |m| m.month);
    let last = p.months.last().map_or(first, |m| m.month);
    (first, last.max(first + 1))
}

/// Runs of consecutive present values: a missing value breaks the line.
fn segments<X: Copy>(values: impl Iterator<Item = (X, Option<f64>)>) -> Vec<Vec<(X, f64)>> {
    let mut out: Vec<Vec<(X, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (x, v) in values {
        match v.filter(|v| v.is_finite()) {
            Some(v) => current.push((x, v)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The top of a value axis: a little above the largest value, 1 when there is none.
pub(super) fn axis_top(max: f64) -> f64 {
    if max.is_finite() && max > 0.0 {
        max * 1.08
    } else {
        1.0
    }
}

pub(super) fn tick_counts<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    t: &ChartTheme,
) -> (usize, usize) {
    let (w, h) = area.dim_in_pixel();
    let x = (f64::from(w) / (70.0 * t.scale)) as usize;
    let y = (f64::from(h) / (45.0 * t.scale)) as usize;
    (x.clamp(2, 12), y.clamp(2, 8))
}

/// The mesh every chart over months shares: months along x without vertical
/// grid lines, light horizontal grid lines, `y_format` labels and `y_desc`.
pub(super) fn month_mesh<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordu32, RangedCoordf64>>,
    t: &ChartTheme,
    (x_ticks, y_ticks): (usize, usize),
    y_format: &dyn Fn(&f64) -> String,
    y_desc: &str,
) -> Result<(), String> {
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(t.grid.stroke_width(px(t, 1.0)))
        .axis_style(t.axis.stroke_width(px(t, 1.0)))
        .set_all_tick_mark_size(px(t, 4.0))
        .label_style(font(t, t.text))
        .axis_desc_style(font(t, t.text))
        .x_labels(x_ticks)
        .y_labels(y_ticks)
        .x_label_formatter(&|m| m.to_string())
        .y_label_formatter(y_format)
        .x_desc("Month")
        .y_desc(y_desc)
        .draw()
        .map_err(err)
}

/// Labels placed along the top of the plotting area in up to three rows, left to
/// right; a label that fits in no row is left out.
struct TopLabels {
    row_ends: [i32; 3],
}

impl TopLabels {
    fn new() -> TopLabels {
        TopLabels {
            row_ends: [i32::MIN; 3],
        }
    }

    /// Draws `text` beside `x` (relative to `area`), right of it if it fits there,
    /// else left of it.
    fn place<DB: DrawingBackend>(
        &mut self,
        area: &DrawingArea<DB, Shift>,
        x: i32,
        text: &str,
        style: &TextStyle,
        t: &ChartTheme,
    ) -> Result<bool, String> {
        let (width, _) = area.dim_in_pixel();
        let (w, h) = area.estimate_text_size(text, style).map_err(err)?;
        let (w, h) = (w as i32, h as i32);
        let pad = pxi(t, 3.0);
        let right_start = x + pad;
        let start = if right_start + w <= width as i32 - pad {
            right_start
        } else {
            x - pad - w
        };
        if start < 0 {
            return Ok(false);
        }
        let row_h = h + pxi(t, 4.0);
        let Some(row) = self.row_ends.iter().position(|&end| end < start - pad) else {
            return Ok(false);
        };
        let y = pxi(t, 3.0) + row as i32 * row_h;
        area.draw(&Rectangle::new(
            [(start - 2, y), (start + w + 2, y + h + 2)],
            t.background.mix(0.85).filled(),
        ))
        .map_err(err)?;
        area.draw(&Text::new(
            text.to_owned(),
            (start, y + 1),
            style.pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(err)?;
        self.row_ends[row] = start + w;
        Ok(true)
    }
}

/// Monthly cost stacked by group, cost per customer on the right axis, a marker
/// at each architecture change; only the groups and totals of `scope`.
pub(super) fn cost<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    p: &Projection,
    b: Option<&Projection>,
    scope: CostScope,
    t: &ChartTheme,
) -> Result<ChartGeometry, String> {
    root.fill(&t.background).map_err(err)?;
    let groups: Vec<_> = p
        .months
        .iter()
        .map(|m| cost_groups_usd(&m.costs_usd))
        .collect();
    let shown: Vec<usize> = (0..COST_GROUPS.len())
        .filter(|&g| scope.includes(COST_GROUPS[g].1))
        .filter(|&g| groups.iter().any(|row| row[g] > 0.0))
        .collect();
    let both = || std::iter::once(p).chain(b);
    let total_max = both()
        .flat_map(|q| q.months.iter().map(|m| scope.total(m)))
        .fold(0.0, f64::max);
    let per_customer_max = both()
        .flat_map(|q| q.months.iter().filter_map(|m| scope.per_customer(m)))
        .fold(0.0, f64::max);
    let marker_solid = t.text.mix(0.5);
    let b_color = t.text;
    let marker_faint = t.text.mix(0.35);

    let mut items: Vec<_> = shown
        .iter()
        .rev()
        .map(|&g| LegendItem::new(COST_GROUPS[g].0, t.palette[g], Mark::Area))
        .collect();
    if per_customer_max > 0.0 {
        items.push(LegendItem::new(
            scope.per_customer_name(),
            t.text,
            Mark::Line,
        ));
    }
    if b.is_some() {
        let b_total = format!("B: {}", scope.name().to_lowercase());
        items.push(LegendItem::new(&b_total, b_color, Mark::Dashed));
        items.push(LegendItem::new(
            "B: cost per customer",
            t.text.mix(0.6),
            Mark::Dashed,
        ));
    }
    if p.events.iter().any(|e| e.adopted) {
        items.push(LegendItem::new("Change made", marker_solid, Mark::Line));
    }
    if p.events.iter().any(|e| !e.adopted) {
        items.push(LegendItem::new(
            "Change not made",
            marker_faint,
            Mark::Dashed,
        ));
    }
    let body = legend(root, &items, t)?;
    if too_small(&body, t) {
        return note_only(ChartKind::Cost, &body, "Too small to draw", t);
    }

    let (x0, x1) = both()
        .map(month_span)
        .fold((u32::MAX, 0), |(lo, hi), (a, z)| (lo.min(a), hi.max(z)));
    let y_max = axis_top(total_max);
    let y2_max = axis_top(per_customer_max);
    let (x_ticks, y_ticks) = tick_counts(&body, t);
    let mut chart = ChartBuilder::on(&body)
        .margin(px(t, 6.0))
        .x_label_area_size(px(t, 40.0))
        .y_label_area_size(px(t, 72.0))
        .right_y_label_area_size(px(t, 72.0))
        .build_cartesian_2d(x0..x1, 0.0..y_max)
        .map_err(err)?
        .set_secondary_coord(x0..x1, 0.0..y2_max);
    month_mesh(
        &mut chart,
        t,
        (x_ticks, y_ticks),
        &|v| usd(*v),
        match scope {
            CostScope::Infrastructure => "Infrastructure (USD per month)",
            CostScope::WithPaymentFees => "Monthly cost (USD)",
        },
    )?;
    chart
        .configure_secondary_axes()
        .axis_style(t.axis.stroke_width(px(t, 1.0)))
        .label_style(font(t, t.text))
        .axis_desc_style(font(t, t.text))
        .y_labels(y_ticks)
        .y_label_formatter(&|v| usd(*v))
        // Short: the legend names the line; a long title is clipped on a phone.
        .y_desc("Per customer (USD per month)")
        .draw()
        .map_err(err)?;

    // Stacked areas, bottom group first; a thin background-coloured edge between bands.
    let mut base = vec![0.0; p.months.len()];
    for &g in &shown {
        let top: Vec<f64> = base
            .iter()
            .zip(&groups)
            .map(|(b, row)| b + row[g])
            .collect();
        let upper = p.months.iter().zip(&top).map(|(m, &y)| (m.month, y));
        let lower = p.months.iter().zip(&base).rev().map(|(m, &y)| (m.month, y));
        let outline: Vec<_> = upper.clone().chain(lower).collect();
        chart
            .draw_series(once(Polygon::new(outline, t.palette[g].filled())))
            .map_err(err)?;
        chart
            .draw_series(once(PathElement::new(
                upper.collect::<Vec<_>>(),
                t.background.stroke_width(px(t, 1.0)),
            )))
            .map_err(err)?;
        base = top;
    }

    // Compare mode: B's monthly cost and cost per customer, dashed, over A's bands.
    if let Some(b) = b {
        let total: Vec<(u32, f64)> = b.months.iter().map(|m| (m.month, scope.total(m))).collect();
        chart
            .draw_series(once(DashedPathElement::new(
                total,
                px(t, 7.0),
                px(t, 4.0),
                b_color.stroke_width(px(t, 2.5)),
            )))
            .map_err(err)?;
        for run in segments(b.months.iter().map(|m| (m.month, scope.per_customer(m)))) {
            chart
                .draw_secondary_series(once(DashedPathElement::new(
                    run,
                    px(t, 4.0),
                    px(t, 3.0),
                    t.text.mix(0.6).stroke_width(px(t, 2.0)),
                )))
                .map_err(err)?;
        }
    }

    // Architecture changes: one marker per month, solid if any change that month
    // was made.
    let mut by_month: BTreeMap<u32, (bool, Vec<&str>)> = BTreeMap::new();
    for e in &p.events {
        let entry = by_month.entry(e.month).or_default();
        entry.0 |= e.adopted;
        let label = short_change(e.change);
        if !entry.1.contains(&label) {
            entry.1.push(label);
        }
    }
    let overlay = chart.plotting_area().strip_coord_spec();
    let base_px = overlay.get_base_pixel();
    let mut labels = TopLabels::new();
    let mut markers = Vec::with_capacity(by_month.len());
    for (&month, (adopted, names)) in &by_month {
        let line = vec![(month, 0.0), (month, y_max)];
        if *adopted {
            chart
                .draw_series(once(PathElement::new(
                    line,
                    marker_solid.stroke_width(px(t, 1.0)),
                )))
                .map_err(err)?;
        } else {
            chart
                .draw_series(once(DashedPathElement::new(
                    line,
                    px(t, 5.0),
                    px(t, 3.0),
                    marker_faint.stroke_width(px(t, 1.0)),
                )))
                .map_err(err)?;
        }
        let x = chart.backend_coord(&(month, y_max)).0 - base_px.0;
        let color = t.text.mix(if *adopted { 0.8 } else { 0.6 });
        let style = (FAMILY, 11.0 * t.scale).into_font().color(&color);
        let label = names.join(", ");
        let labelled = labels.place(&overlay, x, &label, &style, t)?;
        markers.push(ChangeMarker {
            month,
            x_px: f64::from(x + base_px.0),
            adopted: *adopted,
            label,
            labelled,
        });
    }

    // Cost per customer on the right axis; a missing month breaks the line.
    let per_customer = segments(p.months.iter().map(|m| (m.month, scope.per_customer(m))));
    for seg in per_customer {
        if seg.len() == 1 {
            chart
                .draw_secondary_series(once(Circle::new(seg[0], px(t, 2.5), t.text.filled())))
                .map_err(err)?;
        } else {
            chart
                .draw_secondary_series(LineSeries::new(seg, t.text.stroke_width(px(t, 2.0))))
                .map_err(err)?;
        }
    }

    if p.months.is_empty() {
        note(&overlay, "No months to show", t)?;
    } else if total_max <= 0.0 {
        note(&overlay, "No costs in this projection", t)?;
    }

    let points = p
        .months
        .iter()
        .map(|m| {
            let (x, y) = chart.backend_coord(&(m.month, scope.total(m).clamp(0.0, y_max)));
            PlottedPoint {
                month: m.month,
                x_px: f64::from(x),
                y_px: f64::from(y),
            }
        })
        .collect();
    Ok(ChartGeometry {
        kind: ChartKind::Cost,
        plot_area: rect_of(&overlay),
        x_range: (f64::from(x0), f64::from(x1)),
        x_log: false,
        y_range: (0.0, y_max),
        points,
        markers,
        scale: t.scale,
    })
}

/// Utilisation per tier (left, %) against targets; p95 latency (right, ms)
/// against the SLO.
pub(super) fn utilisation<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    p: &Projection,
    t: &ChartTheme,
) -> Result<ChartGeometry, String> {
    root.fill(&t.background).map_err(err)?;
    let th = &p.scenario.thresholds;
    type Pick = fn(&headroom_models::Month) -> Option<f64>;
    let shares: [(&str, RGBColor, Pick); 4] = [
        ("App CPU", t.palette[0], |m| Some(m.tiers.app.utilization)),
        ("Database CPU", t.palette[1], |m| {
            Some(m.tiers.db.utilization)
        }),
        ("Cache memory", t.palette[2], |m| {
            m.tiers.cache.as_ref().map(|c| c.memory_utilization)
        }),
        ("Workers", t.palette[4], |m| {
            m.tiers.workers.as_ref().map(|w| w.utilization)
        }),
    ];
    let latencies: [(&str, RGBColor, Pick); 3] = [
        ("API p95", t.text, |m| m.api_p95_ms),
        ("App p95", t.palette[0], |m| m.tiers.app.p95_ms),
        ("Database p95", t.palette[1], |m| m.tiers.db.p95_ms),
    ];
    let present = |pick: &Pick| p.months.iter().any(|m| pick(m).is_some());
    let max_of = |pick: &Pick| {
        p.months
            .iter()
            .filter_map(pick)
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max)
    };
    let share_max = shares.iter().map(|s| max_of(&s.2)).fold(0.0, f64::max);
    let ms_max = latencies.iter().map(|s| max_of(&s.2)).fold(0.0, f64::max);
    let neutral = t.text.mix(0.6);
    let same_target = th.target_utilization == th.db_target_utilization;

    let mut items = Vec::new();
    for (label, color, pick) in &shares {
        if present(pick) {
            items.push(LegendItem::new(label, *color, Mark::Line));
        }
    }
    for (label, color, pick) in &latencies {
        if present(pick) {
            items.push(LegendItem::new(label, *color, Mark::Dashed));
        }
    }
    if same_target {
        items.push(LegendItem::new("Target", neutral, Mark::Dotted));
    } else {
        items.push(LegendItem::new("App target", t.palette[0], Mark::Dotted));
        items.push(LegendItem::new(
            "Database target",
            t.palette[1],
            Mark::Dotted,
        ));
    }
    items.push(LegendItem::new("p95 SLO", t.text, Mark::Dotted));
    let body = legend(root, &items, t)?;
    if too_small(&body, t) {
        return note_only(ChartKind::Utilisation, &body, "Too small to draw", t);
    }

    let (x0, x1) = month_span(p);
    let y_max = share_max
        .max(th.target_utilization)
        .max(th.db_target_utilization)
        .max(1.0)
        * 1.04;
    let y2_max = ms_max.max(th.p95_slo_ms) * 1.15;
    let (x_ticks, y_ticks) = tick_counts(&body, t);
    let mut chart = ChartBuilder::on(&body)
        .margin(px(t, 6.0))
        .x_label_area_size(px(t, 40.0))
        .y_label_area_size(px(t, 60.0))
        .right_y_label_area_size(px(t, 80.0))
        .build_cartesian_2d(x0..x1, 0.0..y_max)
        .map_err(err)?
        .set_secondary_coord(x0..x1, 0.0..y2_max);
    month_mesh(
        &mut chart,
        t,
        (x_ticks, y_ticks),
        &|v| percent(*v),
        "Utilisation at peak",
    )?;
    chart
        .configure_secondary_axes()
        .axis_style(t.axis.stroke_width(px(t, 1.0)))
        .label_style(font(t, t.text))
        .axis_desc_style(font(t, t.text))
        .y_labels(y_ticks)
        .y_label_formatter(&|v| format!("{} ms", headroom_models::format::count(*v)))
        .y_desc("p95 latency (ms)")
        .draw()
        .map_err(err)?;

    let overlay = chart.plotting_area().strip_coord_spec();
    let base_px = overlay.get_base_pixel();
    let (plot_w, _) = overlay.dim_in_pixel();
    let dotted = |c: RGBAColor| (px(t, 2.0), px(t, 3.0), c.stroke_width(px(t, 1.5)));
    let label_at = |y_px: i32, text: String, color: RGBAColor| -> Result<(), String> {
        overlay
            .draw(&Text::new(
                text,
                (plot_w as i32 - pxi(t, 4.0), y_px - base_px.1 - pxi(t, 4.0)),
                (FAMILY, 11.0 * t.scale)
                    .into_font()
                    .color(&color)
                    .pos(Pos::new(HPos::Right, VPos::Bottom)),
            ))
            .map_err(err)
    };

    // Targets (left axis) and the SLO (right axis), dotted, labelled at the right.
    let targets: Vec<(String, f64, RGBAColor)> = if same_target {
        vec![(
            format!("Target {}", percent(th.target_utilization)),
            th.target_utilization,
            neutral,
        )]
    } else {
        vec![
            (
                format!("App target {}", percent(th.target_utilization)),
                th.target_utilization,
                t.palette[0].to_rgba(),
            ),
            (
                format!("Database target {}", percent(th.db_target_utilization)),
                th.db_target_utilization,
                t.palette[1].to_rgba(),
            ),
        ]
    };
    for (label, share, color) in targets {
        let (size, spacing, style) = dotted(color);
        chart
            .draw_series(once(DashedPathElement::new(
                vec![(x0, share), (x1, share)],
                size,
                spacing,
                style,
            )))
            .map_err(err)?;
        label_at(chart.backend_coord(&(x1, share)).1, label, color)?;
    }
    let slo = th.p95_slo_ms;
    let (size, spacing, style) = dotted(t.text.to_rgba());
    chart
        .draw_secondary_series(once(DashedPathElement::new(
            vec![(x0, slo), (x1, slo)],
            size,
            spacing,
            style,
        )))
        .map_err(err)?;
    let slo_y = chart.borrow_secondary().backend_coord(&(x1, slo)).1;
    label_at(
        slo_y,
        format!("p95 SLO {} ms", headroom_models::format::count(slo)),
        t.text.to_rgba(),
    )?;

    // Utilisation: solid; a missing month (no such tier) breaks the line.
    for (_, color, pick) in &shares {
        for seg in segments(p.months.iter().map(|m| (m.month, pick(m)))) {
            if seg.len() == 1 {
                chart
                    .draw_series(once(Circle::new(seg[0], px(t, 2.5), color.filled())))
                    .map_err(err)?;
            } else {
                chart
                    .draw_series(LineSeries::new(seg, color.stroke_width(px(t, 2.0))))
                    .map_err(err)?;
            }
        }
    }
    // p95: dashed on the right axis; absent (saturated) months break the line.
    for (_, color, pick) in &latencies {
        for seg in segments(p.months.iter().map(|m| (m.month, pick(m)))) {
            if seg.len() == 1 {
                chart
                    .draw_secondary_series(once(Circle::new(seg[0], px(t, 2.5), color.filled())))
                    .map_err(err)?;
            } else {
                chart
                    .draw_secondary_series(once(DashedPathElement::new(
                        seg,
                        px(t, 6.0),
                        px(t, 4.0),
                        color.stroke_width(px(t, 2.0)),
                    )))
                    .map_err(err)?;
            }
        }
    }
    if p.months.is_empty() {
        note(&overlay, "No months to show", t)?;
    }

    let points = p
        .months
        .iter()
        .map(|m| {
            let y = m.tiers.app.utilization.clamp(0.0, y_max);
            let (x, y) = chart.backend_coord(&(m.month, y));
            PlottedPoint {
                month: m.month,
                x_px: f64::from(x),
                y_px: f64::from(y),
            }
        })
        .collect();
    Ok(ChartGeometry {
        kind: ChartKind::Utilisation,
        plot_area: rect_of(&overlay),
        x_range: (f64::from(x0), f64::from(x1)),
        x_log: false,
        y_range: (0.0, y_max),
        points,
        markers: Vec::new(),
        scale: t.scale,
    })
}

/// A log-axis label at 1, 2 and 5 × 10ⁿ only (other gridlines stay unlabelled,
/// so labels never crowd).
fn log_label(v: &f64) -> String {
    if !(v.is_finite() && *v > 0.0) {
        return String::new();
    }
    let mantissa = v / 10f64.powf(v.log10().floor());
    let nice = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .any(|m| (mantissa - m).abs() < 1e-6 * m);
    if nice {
        compact_count(*v)
    } else {
        String::new()
    }
}

/// The palette index of each stage's points.
fn stage_color(t: &ChartTheme, stage: Stage) -> RGBColor {
    let index = match stage {
        Stage::Mvp => 2,
        Stage::ProductMarketFit => 0,
        Stage::EarlyScale => 5,
        Stage::Scaling => 1,
        Stage::Enterprise => 4,
    };
    t.palette[index]
}

/// Cost per customer in `scope` (y) against MAU (x, log), one point per month
/// with customers.
pub(super) fn per_customer<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    p: &Projection,
    b: Option<&Projection>,
    scope: CostScope,
    t: &ChartTheme,
) -> Result<ChartGeometry, String> {
    root.fill(&t.background).map_err(err)?;
    let points_of = |q: &Projection| -> Vec<(u32, f64, f64, Stage)> {
        q.months
            .iter()
            .filter(|m| m.mau > 0.0 && m.mau.is_finite())
            .filter_map(|m| {
                let usd = scope.per_customer(m).filter(|v| v.is_finite())?;
                Some((m.month, m.mau, usd, m.stage))
            })
            .collect()
    };
    let data = points_of(p);
    let b_data = b.map(points_of).unwrap_or_default();
    let b_color = t.text.mix(0.6);
    let stages: Vec<Stage> = Stage::ALL
        .into_iter()
        .filter(|s| data.iter().any(|d| d.3 == *s))
        .collect();
    let mut items: Vec<_> = stages
        .iter()
        .map(|&s| LegendItem::new(&s.to_string(), stage_color(t, s), Mark::Dot))
        .collect();
    if b.is_some() {
        items.push(LegendItem::new("B", b_color, Mark::Dashed));
    }
    let body = legend(root, &items, t)?;
    if too_small(&body, t) {
        return note_only(ChartKind::PerCustomer, &body, "Too small to draw", t);
    }

    let all = || data.iter().chain(&b_data);
    let mau_min = all().map(|d| d.1).fold(f64::INFINITY, f64::min);
    let mau_max = all().map(|d| d.1).fold(0.0, f64::max);
    let (x_lo, x_hi) = if data.is_empty() {
        (1.0, 1e6)
    } else if mau_max / mau_min < 2.0 {
        (mau_min / 2.0, mau_max * 2.0)
    } else {
        (mau_min / 1.25, mau_max * 1.25)
    };
    let y_max = axis_top(all().map(|d| d.2).fold(0.0, f64::max));
    let (x_ticks, y_ticks) = tick_counts(&body, t);
    let mut chart = ChartBuilder::on(&body)
        .margin(px(t, 6.0))
        .margin_right(px(t, 16.0))
        .x_label_area_size(px(t, 40.0))
        .y_label_area_size(px(t, 72.0))
        .build_cartesian_2d((x_lo..x_hi).log_scale(), 0.0..y_max)
        .map_err(err)?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(t.grid.stroke_width(px(t, 1.0)))
        .axis_style(t.axis.stroke_width(px(t, 1.0)))
        .set_all_tick_mark_size(px(t, 4.0))
        .label_style(font(t, t.text))
        .axis_desc_style(font(t, t.text))
        .x_labels(x_ticks)
        .y_labels(y_ticks)
        .x_label_formatter(&log_label)
        .y_label_formatter(&|v| usd(*v))
        .x_desc("Monthly active users (log scale)")
        .y_desc(format!("{} (USD per month)", scope.per_customer_name()))
        .draw()
        .map_err(err)?;

    if !b_data.is_empty() {
        chart
            .draw_series(once(DashedPathElement::new(
                b_data.iter().map(|d| (d.1, d.2)).collect::<Vec<_>>(),
                px(t, 5.0),
                px(t, 3.0),
                b_color.stroke_width(px(t, 2.0)),
            )))
            .map_err(err)?;
    }
    chart
        .draw_series(LineSeries::new(
            data.iter().map(|d| (d.1, d.2)),
            t.axis.stroke_width(px(t, 1.0)),
        ))
        .map_err(err)?;
    chart
        .draw_series(
            data.iter()
                .map(|d| Circle::new((d.1, d.2), px(t, 3.5), stage_color(t, d.3).filled())),
        )
        .map_err(err)?;
    let overlay = chart.plotting_area().strip_coord_spec();
    if data.is_empty() {
        note(&overlay, "No customers yet in this projection", t)?;
    }

    let points = data
        .iter()
        .map(|d| {
            let (x, y) = chart.backend_coord(&(d.1, d.2));
            PlottedPoint {
                month: d.0,
                x_px: f64::from(x),
                y_px: f64::from(y),
            }
        })
        .collect();
    Ok(ChartGeometry {
        kind: ChartKind::PerCustomer,
        plot_area: rect_of(&overlay),
        x_range: (x_lo, x_hi),
        x_log: true,
        y_range: (0.0, y_max),
        points,
        markers: Vec::new(),
        scale: t.scale,
    })
}
