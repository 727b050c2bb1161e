//! The uncertainty charts (issue 4): a fan chart of the Monte Carlo's P10–P90
//! band over months ([`draw_fan`], [`fan_readout`]) and a tornado chart of the
//! sensitivity ranking ([`draw_tornado`]).
//!
//! Same conventions as the other charts (see the module documentation in
//! `mod.rs`): drawing is generic over plotters' `DrawingBackend`, every figure
//! comes from the model ([`Simulation`], [`Swing`], [`Projection`]), sizes are CSS
//! pixels multiplied by [`ChartTheme::scale`], and nothing panics: a backend error
//! comes back as text, an area too small for axes draws a note.

use std::iter::once;

use headroom_models::uncertainty::{Band, MonthBand, Simulation, Swing};
use headroom_models::Projection;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::draw::{
    axis_top, err, font, legend, month_mesh, note, px, pxi, rect_of, tick_counts, too_small,
    LegendItem, Mark, FAMILY,
};
use super::{ChartGeometry, ChartKind, ChartTheme, PlottedPoint, Readout};
use headroom_models::format::{usd, usd_per_month};

/// Value labels at the tornado's bar ends (CSS pixels).
const SMALL_TEXT_PX: f64 = 11.0;
/// Opacity of the fan's P10–P90 band over a light background (stronger over a
/// dark one, where the same tint reads fainter).
const BAND_OPACITY: f64 = 0.28;
const BAND_OPACITY_ON_DARK: f64 = 0.4;

/// One of the fan charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FanKind {
    /// Monthly cost (USD per month): every month of the simulation.
    Cost,
    /// Cost per customer (USD per customer per month): only the months whose
    /// band the model gives (at least half the paths have customers).
    CostPerCustomer,
}

impl FanKind {
    /// Both fan charts, in the order the page shows them.
    pub const ALL: [FanKind; 2] = [FanKind::Cost, FanKind::CostPerCustomer];

    /// A stable id for test hooks and file names: "fan-cost", "fan-per-customer".
    pub fn id(self) -> &'static str {
        match self {
            FanKind::Cost => "fan-cost",
            FanKind::CostPerCustomer => "fan-per-customer",
        }
    }

    /// The chart's heading.
    pub fn title(self) -> &'static str {
        match self {
            FanKind::Cost => "Monthly cost: likely range",
            FanKind::CostPerCustomer => "Cost per customer: likely range",
        }
    }

    /// One sentence saying what the chart shows (the canvas's accessible name).
    pub fn description(self) -> &'static str {
        match self {
            FanKind::Cost => {
                "Monthly infrastructure cost across the simulated paths: the band from \
                 the 10th to the 90th percentile, the median as a line, and the \
                 projection at the likely values as a dashed line."
            }
            FanKind::CostPerCustomer => {
                "Monthly cost per customer across the simulated paths: the band from \
                 the 10th to the 90th percentile, the median as a line, and the \
                 projection at the likely values as a dashed line; months where fewer \
                 than half the paths have customers are left out."
            }
        }
    }

    /// The month's band of this figure (`None`: the model gives none).
    fn band(self, m: &MonthBand) -> Option<Band> {
        let band = match self {
            FanKind::Cost => Some(m.total_usd),
            FanKind::CostPerCustomer => m.cost_per_customer_usd,
        }?;
        [band.p10, band.p50, band.p90]
            .iter()
            .all(|v| v.is_finite())
            .then_some(band)
    }

    /// The deterministic projection's value of this figure for `month`.
    fn likely(self, p: &Projection, month: u32) -> Option<f64> {
        let m = p.months.iter().find(|m| m.month == month)?;
        match self {
            FanKind::Cost => Some(m.total_usd),
            FanKind::CostPerCustomer => m.cost_per_customer_usd,
        }
        .filter(|v| v.is_finite())
    }

    fn y_desc(self) -> &'static str {
        match self {
            FanKind::Cost => "Monthly cost (USD)",
            FanKind::CostPerCustomer => "Cost per customer (USD per month)",
        }
    }

    fn empty_note(self) -> &'static str {
        match self {
            FanKind::Cost => "No months to show",
            FanKind::CostPerCustomer => "Fewer than half the paths have customers",
        }
    }
}

fn font_sized(t: &ChartTheme, css_px: f64, color: RGBAColor) -> TextStyle<'static> {
    (FAMILY, css_px * t.scale).into_font().color(&color)
}

/// Runs of consecutive months (by month number) with a value: a missing month
/// breaks the run, so nothing is ever drawn as 0.
fn runs<T: Copy>(values: impl Iterator<Item = (u32, Option<T>)>) -> Vec<Vec<(u32, T)>> {
    let mut out: Vec<Vec<(u32, T)>> = Vec::new();
    let mut current: Vec<(u32, T)> = Vec::new();
    for (month, v) in values {
        let continues = current
            .last()
            .is_none_or(|&(last, _)| month == last.saturating_add(1));
        if (!continues || v.is_none()) && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if let Some(v) = v {
            current.push((month, v));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Draws a fan chart of `kind` onto `root` (filling it first) and returns where
/// it drew: the P10–P90 band of the simulation filled in the first palette colour
/// (translucent), the P50 as a line, and the `deterministic` projection (the
/// likely values) as a thin dashed line, month by month.
///
/// For [`FanKind::CostPerCustomer`] a month without a band (fewer than half the
/// paths have customers) or without a likely value is left out, breaking the
/// band or the line; it is never drawn as 0.
///
/// The geometry's points are the months with a band, at their P50; its `kind` is
/// [`ChartKind::Cost`] (a monthly x axis: hover snaps by x alone, as on the cost
/// chart), so [`ChartGeometry::month_at`] and [`ChartGeometry::step`] work as
/// for the other charts; read values with [`fan_readout`].
///
/// Never panics: no months draw the axes and a note, an area too small for axes
/// draws only the note. Errors are the backend's, as text.
pub fn draw_fan<DB: DrawingBackend>(
    kind: FanKind,
    root: &DrawingArea<DB, Shift>,
    sim: &Simulation,
    deterministic: &Projection,
    theme: &ChartTheme,
) -> Result<ChartGeometry, String> {
    let t = theme;
    root.fill(&t.background).map_err(err)?;
    let series = t.palette[0];
    let RGBColor(r, g, b) = t.background;
    let dark = u32::from(r) + u32::from(g) + u32::from(b) < 3 * 128;
    let band_color = series.mix(if dark {
        BAND_OPACITY_ON_DARK
    } else {
        BAND_OPACITY
    });
    let likely_color = t.text.mix(0.85);
    let bands: Vec<(u32, Option<Band>)> =
        sim.months.iter().map(|m| (m.month, kind.band(m))).collect();
    let likely: Vec<(u32, Option<f64>)> = deterministic
        .months
        .iter()
        .map(|m| (m.month, kind.likely(deterministic, m.month)))
        .collect();
    let any_band = bands.iter().any(|(_, b)| b.is_some());
    let any_likely = likely.iter().any(|(_, v)| v.is_some());

    let mut items = Vec::new();
    if any_band {
        items.push(LegendItem::new("P10–P90", band_color, Mark::Area));
        items.push(LegendItem::new("P50", series.to_rgba(), Mark::Line));
    }
    if any_likely {
        items.push(LegendItem::new("Likely values", likely_color, Mark::Dashed));
    }
    let body = legend(root, &items, t)?;
    if too_small(&body, t) {
        note(&body, "Too small to draw", t)?;
        return Ok(ChartGeometry {
            kind: ChartKind::Cost,
            plot_area: rect_of(&body),
            x_range: (0.0, 1.0),
            x_log: false,
            y_range: (0.0, 1.0),
            points: Vec::new(),
            markers: Vec::new(),
            scale: t.scale,
        });
    }

    // The month axis covers the simulation and the projection (at least one month wide).
    let months = sim
        .months
        .iter()
        .map(|m| m.month)
        .chain(deterministic.months.iter().map(|m| m.month));
    let (first, last) = months.fold((u32::MAX, 0), |(lo, hi), m| (lo.min(m), hi.max(m)));
    let (x0, x1) = if first > last {
        (0, 1)
    } else {
        (first, last.max(first.saturating_add(1)))
    };
    let y_data_max = bands
        .iter()
        .filter_map(|(_, b)| b.map(|b| b.p90.max(b.p50)))
        .chain(likely.iter().filter_map(|(_, v)| *v))
        .fold(0.0, f64::max);
    let y_max = axis_top(y_data_max);
    let (x_ticks, y_ticks) = tick_counts(&body, t);
    let mut chart = ChartBuilder::on(&body)
        .margin(px(t, 6.0))
        .margin_right(px(t, 16.0))
        .x_label_area_size(px(t, 40.0))
        .y_label_area_size(px(t, 72.0))
        .build_cartesian_2d(x0..x1, 0.0..y_max)
        .map_err(err)?;
    month_mesh(
        &mut chart,
        t,
        (x_ticks, y_ticks),
        &|v| usd(*v),
        kind.y_desc(),
    )?;

    // The band: P90 left to right, then P10 back; a lone month is a bar.
    for run in runs(bands.iter().copied()) {
        if let [(month, b)] = run[..] {
            chart
                .draw_series(once(PathElement::new(
                    vec![(month, b.p10), (month, b.p90)],
                    band_color.stroke_width(px(t, 8.0)),
                )))
                .map_err(err)?;
            chart
                .draw_series(once(Circle::new(
                    (month, b.p50),
                    px(t, 3.0),
                    series.filled(),
                )))
                .map_err(err)?;
            continue;
        }
        let upper = run.iter().map(|&(m, b)| (m, b.p90));
        let lower = run.iter().rev().map(|&(m, b)| (m, b.p10));
        chart
            .draw_series(once(Polygon::new(
                upper.chain(lower).collect::<Vec<_>>(),
                band_color.filled(),
            )))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                run.iter().map(|&(m, b)| (m, b.p50)),
                series.stroke_width(px(t, 2.0)),
            ))
            .map_err(err)?;
    }

    // The likely values: thin and dashed, on top of the band.
    for run in runs(likely.iter().copied()) {
        if let [(month, v)] = run[..] {
            chart
                .draw_series(once(Circle::new(
                    (month, v),
                    px(t, 2.5),
                    likely_color.stroke_width(px(t, 1.0)),
                )))
                .map_err(err)?;
        } else {
            chart
                .draw_series(once(DashedPathElement::new(
                    run,
                    px(t, 5.0),
                    px(t, 4.0),
                    likely_color.stroke_width(px(t, 1.5)),
                )))
                .map_err(err)?;
        }
    }

    let overlay = chart.plotting_area().strip_coord_spec();
    if sim.months.is_empty() {
        note(&overlay, "No months to show", t)?;
    } else if !any_band {
        note(&overlay, kind.empty_note(), t)?;
    }

    let points = bands
        .iter()
        .filter_map(|&(month, b)| {
            let (x, y) = chart.backend_coord(&(month, b?.p50.clamp(0.0, y_max)));
            Some(PlottedPoint {
                month,
                x_px: f64::from(x),
                y_px: f64::from(y),
            })
        })
        .collect();
    Ok(ChartGeometry {
        kind: ChartKind::Cost,
        plot_area: rect_of(&overlay),
        x_range: (f64::from(x0), f64::from(x1)),
        x_log: false,
        y_range: (0.0, y_max),
        points,
        markers: Vec::new(),
        scale: t.scale,
    })
}

/// The fan chart's readout for `month` (hover or keyboard): "Month m" with the
/// simulation's P10, P50 and P90 and the projection's likely value, formatted as
/// the other readouts ([`usd_per_month`]). `None` when the month was not plotted
/// (no band, or not in the geometry).
///
/// For a pixel, find the month first with [`ChartGeometry::month_at`].
pub fn fan_readout(
    kind: FanKind,
    geometry: &ChartGeometry,
    sim: &Simulation,
    deterministic: &Projection,
    month: u32,
) -> Option<Readout> {
    let point = geometry.point(month)?;
    let band = kind.band(sim.months.iter().find(|m| m.month == month)?)?;
    let likely = kind.likely(deterministic, month).map_or_else(
        || match kind {
            FanKind::Cost => "n/a".to_owned(),
            FanKind::CostPerCustomer => "no customers yet".to_owned(),
        },
        usd_per_month,
    );
    let line = |label: &str, value: String| (label.to_owned(), value);
    Some(Readout {
        month,
        x_px: point.x_px,
        y_px: point.y_px,
        title: format!("Month {month}"),
        lines: vec![
            line("P90", usd_per_month(band.p90)),
            line("P50", usd_per_month(band.p50)),
            line("P10", usd_per_month(band.p10)),
            line("Likely values", likely),
        ],
    })
}

/// The words for an input's row: its label if the inputs table has one, else
/// its dotted name.
fn input_label(name: &str) -> &str {
    crate::inputs::label(name).map_or(name, |(label, _)| label)
}

/// `text` cut with an ellipsis to fit `max_w` backend pixels.
fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_w: i32,
) -> Result<String, String> {
    let width = |s: &str| -> Result<i32, String> {
        Ok(area.estimate_text_size(s, style).map_err(err)?.0 as i32)
    };
    if width(text)? <= max_w {
        return Ok(text.to_owned());
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let cut = format!("{}…", chars.iter().collect::<String>().trim_end());
        if width(&cut)? <= max_w {
            return Ok(cut);
        }
    }
    Ok(String::new())
}

/// What a row without cost per customer at one or both ends says.
fn no_customers_text(s: &Swing) -> Option<&'static str> {
    match (
        s.infrastructure_per_customer_at_low,
        s.infrastructure_per_customer_at_high,
    ) {
        (Some(a), Some(b)) if a.is_finite() && b.is_finite() => None,
        (None, None) => Some("no customers at either end"),
        (None, _) => Some("no customers at the low end"),
        (_, None) => Some("no customers at the high end"),
        _ => Some("no customers (not a number)"),
    }
}

/// Draws a tornado chart of `swings` onto `root` (filling it first): one row per
/// ranged input in the given order (already ranked, largest at the top), a
/// horizontal bar from infrastructure cost per customer at the horizon with the
/// input at its low end to with it at its high end, the values at the bar's
/// ends, and a vertical line at `base_cost_per_customer` (the likely values').
///
/// A bar is coloured by which end costs more per customer: the second palette
/// colour when the input's high end does (or both are equal), the first when its
/// low end does. Rows are labelled with the input's label from the inputs table
/// (its dotted name when the table has none), cut to fit. A swing without cost
/// per customer at an end is drawn as a "no customers …" text row; an empty list
/// draws the note "No ranged inputs".
///
/// Never panics; an area too small for axes draws only a note. Errors are the
/// backend's, as text.
pub fn draw_tornado<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    swings: &[Swing],
    base_cost_per_customer: Option<f64>,
    theme: &ChartTheme,
) -> Result<Option<ChartGeometry>, String> {
    let t = theme;
    root.fill(&t.background).map_err(err)?;
    if swings.is_empty() {
        return note(root, "No ranged inputs", t).map(|()| None);
    }
    let rises = t.palette[1];
    let falls = t.palette[0];
    let base = base_cost_per_customer.filter(|v| v.is_finite());
    let bars: Vec<Option<(f64, f64)>> = swings
        .iter()
        .map(|s| match no_customers_text(s) {
            None => s
                .infrastructure_per_customer_at_low
                .zip(s.infrastructure_per_customer_at_high),
            Some(_) => None,
        })
        .collect();
    let mut items = Vec::new();
    if bars.iter().flatten().any(|(low, high)| high >= low) {
        items.push(LegendItem::new(
            "Costs more at the input's high end",
            rises.to_rgba(),
            Mark::Area,
        ));
    }
    if bars.iter().flatten().any(|(low, high)| high < low) {
        items.push(LegendItem::new(
            "Costs more at the input's low end",
            falls.to_rgba(),
            Mark::Area,
        ));
    }
    if base.is_some() {
        items.push(LegendItem::new(
            "Likely values",
            t.text.to_rgba(),
            Mark::Line,
        ));
    }
    let body = legend(root, &items, t)?;
    if too_small(&body, t) {
        return note(&body, "Too small to draw", t).map(|()| None);
    }

    // The x axis: every bar end and the base, with room for the end values.
    let values = bars
        .iter()
        .flatten()
        .flat_map(|&(a, b)| [a, b])
        .chain(base)
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (x_lo, x_hi) = if lo > hi {
        (0.0, 1.0)
    } else {
        let span = if hi > lo {
            hi - lo
        } else {
            (hi.abs() * 0.2).max(1.0)
        };
        let x_lo = lo - span * 0.3;
        let x_lo = if lo >= 0.0 { x_lo.max(0.0) } else { x_lo };
        (x_lo, hi + span * 0.3)
    };

    // Row labels on the left, as wide as the longest (up to 40% of the width).
    let label_style = font(t, t.text);
    let (width, _) = body.dim_in_pixel();
    let max_label_w = (f64::from(width) * 0.4) as i32;
    let mut label_w = 0;
    let mut labels = Vec::with_capacity(swings.len());
    for s in swings {
        let text = fit_text(&body, input_label(&s.input), &label_style, max_label_w)?;
        let (w, _) = body.estimate_text_size(&text, &label_style).map_err(err)?;
        label_w = label_w.max(w as i32);
        labels.push(text);
    }
    let rows = swings.len() as f64;
    let (w, _) = body.dim_in_pixel();
    let x_ticks = ((f64::from(w) / (90.0 * t.scale)) as usize).clamp(2, 10);
    // Room above the plotting area for the base line's label.
    let value_style = font_sized(t, SMALL_TEXT_PX, t.text.to_rgba());
    let (_, value_h) = body.estimate_text_size("$0", &value_style).map_err(err)?;
    let top_margin = if base.is_some() {
        value_h + px(t, 8.0)
    } else {
        px(t, 6.0)
    };
    let mut chart = ChartBuilder::on(&body)
        .margin(px(t, 6.0))
        .margin_top(top_margin)
        .margin_right(px(t, 16.0))
        .x_label_area_size(px(t, 40.0))
        .y_label_area_size((label_w + pxi(t, 14.0)).max(1) as u32)
        .build_cartesian_2d(x_lo..x_hi, 0.0..rows)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(t.grid.stroke_width(px(t, 1.0)))
        .axis_style(t.axis.stroke_width(px(t, 1.0)))
        .set_all_tick_mark_size(px(t, 4.0))
        .label_style(font(t, t.text))
        .axis_desc_style(font(t, t.text))
        .x_labels(x_ticks)
        .y_labels(0)
        .x_label_formatter(&|v| usd(*v))
        .y_label_formatter(&|_| String::new())
        .x_desc("Infrastructure per customer at the horizon (USD per month)")
        .draw()
        .map_err(err)?;

    let body_base = body.get_base_pixel();
    let overlay = chart.plotting_area().strip_coord_spec();
    let overlay_base = overlay.get_base_pixel();
    let (plot_w, _) = overlay.dim_in_pixel();
    // Row i's centre is at y = rows - i - 0.5 (the first row at the top).
    let row_px = {
        let top = chart.backend_coord(&(x_lo, rows)).1;
        let bottom = chart.backend_coord(&(x_lo, 0.0)).1;
        f64::from(bottom - top) / rows
    };
    let show_values = row_px >= f64::from(value_h) * 1.1;
    let pad = pxi(t, 4.0);
    // For readouts: one point per row at the plot's middle (the nearest by
    // distance is the row under the pointer); rows are numbered from 0 at the top.
    let middle_x = f64::from(overlay_base.0) + f64::from(plot_w) / 2.0;
    let mut points = Vec::with_capacity(swings.len());
    for (i, (s, bar)) in swings.iter().zip(&bars).enumerate() {
        let y = rows - i as f64 - 0.5;
        let (_, y_px) = chart.backend_coord(&(x_lo, y));
        points.push(PlottedPoint {
            month: i as u32,
            x_px: middle_x,
            y_px: f64::from(y_px),
        });
        let left_px = chart.backend_coord(&(x_lo, y)).0;
        body.draw(&Text::new(
            labels[i].clone(),
            (left_px - body_base.0 - pxi(t, 8.0), y_px - body_base.1),
            label_style.pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(err)?;
        let Some(&(at_low, at_high)) = bar.as_ref() else {
            let text = no_customers_text(s).unwrap_or("no customers");
            overlay
                .draw(&Text::new(
                    text,
                    (pad, y_px - overlay_base.1),
                    font_sized(t, SMALL_TEXT_PX, t.text.mix(0.75))
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(err)?;
            continue;
        };
        let color = if at_high >= at_low { rises } else { falls };
        let (min, max) = (at_low.min(at_high), at_low.max(at_high));
        let half = (0.32 * row_px).min(12.0 * t.scale).max(1.0);
        let (x_min, _) = chart.backend_coord(&(min, y));
        let (x_max, _) = chart.backend_coord(&(max, y));
        let x_max = x_max.max(x_min + pxi(t, 2.0));
        let (top, bottom) = (
            y_px - half.round() as i32 - overlay_base.1,
            y_px + half.round() as i32 - overlay_base.1,
        );
        overlay
            .draw(&Rectangle::new(
                [
                    (x_min - overlay_base.0, top),
                    (x_max - overlay_base.0, bottom.max(top + 1)),
                ],
                color.filled(),
            ))
            .map_err(err)?;
        if show_values {
            let y_rel = y_px - overlay_base.1;
            let left_x = (x_min - overlay_base.0 - pad).max(0);
            let right_x = (x_max - overlay_base.0 + pad).min(plot_w as i32);
            overlay
                .draw(&Text::new(
                    usd(min),
                    (left_x, y_rel),
                    value_style.pos(Pos::new(HPos::Right, VPos::Center)),
                ))
                .map_err(err)?;
            overlay
                .draw(&Text::new(
                    usd(max),
                    (right_x, y_rel),
                    value_style.pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(err)?;
        }
    }

    // The base line over the bars, labelled above the plotting area.
    if let Some(base) = base {
        chart
            .draw_series(once(PathElement::new(
                vec![(base, 0.0), (base, rows)],
                t.text.stroke_width(px(t, 1.5)),
            )))
            .map_err(err)?;
        let (x, top) = chart.backend_coord(&(base, rows));
        let text = format!("Likely {}", usd(base));
        body.draw(&Text::new(
            text,
            (x - body_base.0, top - body_base.1 - pxi(t, 3.0)),
            value_style.pos(Pos::new(HPos::Center, VPos::Bottom)),
        ))
        .map_err(err)?;
    }
    Ok(Some(ChartGeometry {
        kind: ChartKind::PerCustomer,
        plot_area: rect_of(&overlay),
        x_range: (x_lo, x_hi),
        x_log: false,
        y_range: (0.0, rows),
        points,
        markers: Vec::new(),
        scale: t.scale,
    }))
}

/// The readout of a tornado row (`row` from 0 at the top): the input, its ends,
/// infrastructure cost per customer at each, the swing and the monthly
/// infrastructure at each end.
pub fn tornado_readout(geometry: &ChartGeometry, swings: &[Swing], row: u32) -> Option<Readout> {
    let point = geometry.point(row)?;
    let s = swings.get(row as usize)?;
    let name = crate::inputs::label(&s.input).map_or(s.input.as_str(), |l| l.0);
    let opt = |v: Option<f64>| v.map_or_else(|| "no customers".to_owned(), usd);
    Some(Readout {
        month: row,
        x_px: point.x_px,
        y_px: point.y_px,
        title: name.to_owned(),
        lines: vec![
            (
                "Low – high".to_owned(),
                format!(
                    "{} – {}",
                    headroom_models::format::number(s.low),
                    headroom_models::format::number(s.high)
                ),
            ),
            (
                "At low".to_owned(),
                opt(s.infrastructure_per_customer_at_low),
            ),
            (
                "At high".to_owned(),
                opt(s.infrastructure_per_customer_at_high),
            ),
            ("Swing".to_owned(), usd(s.per_customer_swing())),
            (
                "Infrastructure at low".to_owned(),
                usd_per_month(s.infrastructure_at_low),
            ),
            (
                "Infrastructure at high".to_owned(),
                usd_per_month(s.infrastructure_at_high),
            ),
        ],
    })
}
