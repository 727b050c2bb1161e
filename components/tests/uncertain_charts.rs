//! The uncertainty charts drawn natively to SVG: the fan chart draws the
//! simulation's P10–P90 band, its P50 and the likely values, and its readout
//! shows the model's own percentiles; the tornado chart draws one row per input
//! in the given order, text for inputs without customers, and a note when there
//! is nothing to rank.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use headroom_components::charts::{
        draw_fan, draw_tornado, fan_readout, tornado_readout, ChartGeometry, ChartKind, ChartTheme,
        FanKind,
    };
    use headroom_components::inputs::label;
    use headroom_models::format::{usd, usd_per_month};
    use headroom_models::uncertainty::{
        sensitivity, simulate, Range, Simulation, Swing, Uncertainty,
    };
    use headroom_models::{project, Preset, Projection, Scenario};
    use plotters::prelude::*;

    const SIZE: (u32, u32) = (900, 420);
    /// Ranged in every test simulation: growth, price and payload size.
    const RANGED: [&str; 3] = [
        "growth.monthly_rate",
        "revenue.arpa_usd_per_month",
        "usage.response_kb",
    ];

    /// Ranges from `low`× to `high`× each input's own value in the scenario.
    fn uncertainty(s: &Scenario, low: f64, high: f64) -> Uncertainty {
        let inputs = s.input().numeric_inputs();
        let mut u = Uncertainty {
            seed: 7,
            paths: 1_000,
            ..Uncertainty::default()
        };
        for name in RANGED {
            let v = inputs.iter().find(|i| i.name == name).unwrap().value;
            assert!(v > 0.0, "{name} is positive in the preset");
            u.ranges.insert(
                name.into(),
                Range {
                    low: v * low,
                    high: v * high,
                },
            );
        }
        u
    }

    /// The B2B SaaS preset, its simulation with ranges 0.6×–1.5×, and its
    /// deterministic projection.
    fn b2b() -> (Scenario, Uncertainty, Simulation, Projection) {
        let s = Preset::B2bSaas.scenario();
        let u = uncertainty(&s, 0.6, 1.5);
        let sim = simulate(&s, &u).expect("simulates");
        let p = project(&s);
        (s, u, sim, p)
    }

    fn fan_sized(
        kind: FanKind,
        sim: &Simulation,
        p: &Projection,
        theme: &ChartTheme,
        size: (u32, u32),
    ) -> (String, ChartGeometry) {
        let mut svg = String::new();
        let geometry = {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            let geometry = draw_fan(kind, &root, sim, p, theme).expect("draws");
            root.present().expect("presents");
            geometry
        };
        (svg, geometry)
    }

    fn fan(kind: FanKind, sim: &Simulation, p: &Projection) -> (String, ChartGeometry) {
        fan_sized(kind, sim, p, &ChartTheme::light(), SIZE)
    }

    fn tornado_sized(
        swings: &[Swing],
        base: Option<f64>,
        theme: &ChartTheme,
        size: (u32, u32),
    ) -> String {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            draw_tornado(&root, swings, base, theme).expect("draws");
            root.present().expect("presents");
        }
        svg
    }

    fn tornado(swings: &[Swing], base: Option<f64>) -> String {
        tornado_sized(swings, base, &ChartTheme::light(), SIZE)
    }

    /// Text as the SVG backend writes it.
    fn escaped(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\'', "&apos;")
    }

    fn text_element(text: &str) -> String {
        // The SVG backend writes a text element's content on a line of its own.
        format!(">\n{}\n</text>", escaped(text))
    }

    /// The `name` attribute of the element whose opening tag ends at `end`.
    fn attr_before(svg: &str, end: usize, tag: &str, name: &str) -> f64 {
        let start = svg[..end].rfind(tag).expect("opening tag");
        let open = &svg[start..end];
        let key = format!(" {name}=\"");
        let at = open.find(&key).expect("attribute") + key.len();
        open[at..].split('"').next().unwrap().parse().unwrap()
    }

    /// The y of the text element reading `text` (the first one).
    fn text_y(svg: &str, text: &str) -> Option<f64> {
        let at = svg.find(&text_element(text))?;
        Some(attr_before(svg, at, "<text", "y"))
    }

    /// Every polygon's points, in order.
    fn polygons(svg: &str) -> Vec<(String, Vec<(f64, f64)>)> {
        svg.split("<polygon")
            .skip(1)
            .map(|rest| {
                let tag = rest.split('>').next().unwrap().to_owned();
                let points = tag
                    .split("points=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .split_whitespace()
                    .map(|xy| {
                        let (x, y) = xy.split_once(',').unwrap();
                        (x.parse().unwrap(), y.parse().unwrap())
                    })
                    .collect();
                (tag, points)
            })
            .collect()
    }

    /// Every rectangle's (x, y, width, fill), in order.
    fn rects(svg: &str) -> Vec<(f64, f64, f64, String)> {
        svg.split("<rect")
            .skip(1)
            .map(|rest| {
                let tag = rest.split('>').next().unwrap();
                let attr = |name: &str| {
                    tag.split(&format!(" {name}=\""))
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .to_owned()
                };
                (
                    attr("x").parse().unwrap(),
                    attr("y").parse().unwrap(),
                    attr("width").parse().unwrap(),
                    attr("fill"),
                )
            })
            .collect()
    }

    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split("font-size=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
            .collect()
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    fn value_of<'a>(lines: &'a [(String, String)], label: &str) -> Option<&'a str> {
        lines
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.as_str())
    }

    fn row_label(input: &str) -> &str {
        label(input).map_or(input, |(l, _)| l)
    }

    #[test]
    fn tornado_rows_read_out_under_the_pointer_with_the_models_swing() {
        let (s, u, _, _) = b2b();
        let swings = sensitivity(&s, &u).expect("ranks");
        assert!(swings.len() >= 2);
        let mut svg = String::new();
        let g = {
            let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
            let g = draw_tornado(&root, &swings, None, &ChartTheme::light()).unwrap();
            root.present().unwrap();
            g.expect("rows give a geometry")
        };
        for (i, swing) in swings.iter().enumerate() {
            let p = g.point(i as u32).expect("a point per row");
            // A pointer on the row, left of the middle, finds that row.
            assert_eq!(g.month_at(p.x_px - 30.0, p.y_px + 2.0), Some(i as u32));
            let r = tornado_readout(&g, &swings, i as u32).unwrap();
            assert_eq!(
                value_of(&r.lines, "Swing"),
                Some(usd(swing.per_customer_swing()).as_str())
            );
            assert_eq!(
                value_of(&r.lines, "Infrastructure at high"),
                Some(usd_per_month(swing.infrastructure_at_high).as_str())
            );
        }
        assert!(tornado_readout(&g, &swings, swings.len() as u32).is_none());
    }

    #[test]
    fn fan_draws_the_band_the_p50_the_likely_values_and_the_legend() {
        let (_, _, sim, p) = b2b();
        let band_fill = format!("fill=\"{}\"", hex(ChartTheme::light().palette[0]));
        for kind in FanKind::ALL {
            let (svg, g) = fan(kind, &sim, &p);
            for text in ["P10–P90", "P50", "Likely values"] {
                assert!(svg.contains(&text_element(text)), "{kind:?}: legend {text}");
            }
            let bands = polygons(&svg);
            assert_eq!(bands.len(), 1, "{kind:?}: one band over consecutive months");
            let (tag, points) = &bands[0];
            assert!(tag.contains(&band_fill), "{kind:?}: {tag}");
            assert!(tag.contains("opacity=\"0.28\""), "{kind:?}: translucent");
            let with_band = sim
                .months
                .iter()
                .filter(|m| match kind {
                    FanKind::Cost => true,
                    FanKind::CostPerCustomer => m.cost_per_customer_usd.is_some(),
                })
                .count();
            assert!(with_band > 10, "{kind:?}: the preset has bands");
            assert_eq!(
                points.len(),
                2 * with_band,
                "{kind:?}: P90 then P10 per month"
            );
            // P90 is drawn above (smaller y) or at P10, month by month.
            let n = points.len();
            for i in 0..n / 2 {
                let (upper, lower) = (points[i], points[n - 1 - i]);
                assert_eq!(upper.0, lower.0, "{kind:?}: same month");
                assert!(upper.1 <= lower.1, "{kind:?}: P90 above P10");
            }
            assert!(
                points[0].1 < points[n - 1].1,
                "{kind:?}: the band has width"
            );
            // Hover geometry: a point per month with a band, at its P50, inside the band.
            assert_eq!(g.kind, ChartKind::Cost, "monthly x axis");
            assert_eq!(g.points.len(), with_band, "{kind:?}");
            for (i, pt) in g.points.iter().enumerate() {
                assert!(g.plot_area.contains(pt.x_px, pt.y_px), "{kind:?} {pt:?}");
                let (upper, lower) = (points[i], points[n - 1 - i]);
                assert!((pt.x_px - upper.0).abs() <= 1.0, "{kind:?} {pt:?}");
                assert!(pt.y_px >= upper.1 - 1.0 && pt.y_px <= lower.1 + 1.0);
            }
            assert!(g.points.windows(2).all(|w| w[0].x_px < w[1].x_px));
            // The likely values: a dashed line in the text colour.
            let likely_stroke = format!("stroke=\"{}\"", hex(ChartTheme::light().text));
            let dashes = svg.matches(&likely_stroke).count();
            assert!(dashes > 10, "{kind:?}: dashed likely line");
        }
        let (svg, _) = fan(FanKind::Cost, &sim, &p);
        assert!(svg.contains(&text_element("Monthly cost (USD)")));
        let (svg, _) = fan(FanKind::CostPerCustomer, &sim, &p);
        assert!(svg.contains(&text_element("Cost per customer (USD per month)")));
    }

    #[test]
    fn fan_readout_shows_the_models_percentiles_and_the_likely_value() {
        let (_, _, sim, p) = b2b();
        for kind in FanKind::ALL {
            let (_, g) = fan(kind, &sim, &p);
            let i = g.points.len() * 2 / 3;
            let (point, next) = (g.points[i], g.points[i + 1]);
            // A little towards the next month, still nearest this one.
            let x = point.x_px + (next.x_px - point.x_px) * 0.3;
            let month = g.month_at(x, point.y_px).expect("inside the plotting area");
            assert_eq!(month, point.month);
            let r = fan_readout(kind, &g, &sim, &p, month).expect("a plotted month");
            assert_eq!(r.title, format!("Month {month}"));
            assert_eq!((r.x_px, r.y_px), (point.x_px, point.y_px));
            let mb = sim.months.iter().find(|m| m.month == month).unwrap();
            let m = p.months.iter().find(|m| m.month == month).unwrap();
            let (band, likely) = match kind {
                FanKind::Cost => (mb.total_usd, m.total_usd),
                FanKind::CostPerCustomer => (
                    mb.cost_per_customer_usd.unwrap(),
                    m.cost_per_customer_usd.unwrap(),
                ),
            };
            assert!(
                band.p10 < band.p50 && band.p50 < band.p90,
                "{kind:?}: a real spread"
            );
            assert_eq!(
                value_of(&r.lines, "P50"),
                Some(usd_per_month(band.p50).as_str())
            );
            assert_eq!(
                value_of(&r.lines, "P10"),
                Some(usd_per_month(band.p10).as_str())
            );
            assert_eq!(
                value_of(&r.lines, "P90"),
                Some(usd_per_month(band.p90).as_str())
            );
            assert_eq!(
                value_of(&r.lines, "Likely values"),
                Some(usd_per_month(likely).as_str())
            );
            assert_eq!(fan_readout(kind, &g, &sim, &p, 10_000), None);
        }
    }

    #[test]
    fn zero_width_ranges_draw_the_band_collapsed_onto_the_likely_values() {
        let s = Preset::B2bSaas.scenario();
        let sim = simulate(&s, &uncertainty(&s, 1.0, 1.0)).expect("simulates");
        let p = project(&s);
        let (svg, g) = fan(FanKind::Cost, &sim, &p);
        let bands = polygons(&svg);
        assert_eq!(bands.len(), 1, "the band is still drawn");
        let points = &bands[0].1;
        let n = points.len();
        for i in 0..n / 2 {
            assert_eq!(points[i], points[n - 1 - i], "collapsed: P90 on P10");
        }
        let month = g.points[g.points.len() / 2].month;
        let r = fan_readout(FanKind::Cost, &g, &sim, &p, month).unwrap();
        let likely = usd_per_month(
            p.months
                .iter()
                .find(|m| m.month == month)
                .unwrap()
                .total_usd,
        );
        for line in ["P10", "P50", "P90", "Likely values"] {
            assert_eq!(value_of(&r.lines, line), Some(likely.as_str()), "{line}");
        }
    }

    #[test]
    fn months_without_a_cost_per_customer_band_are_left_out_not_drawn_as_zero() {
        let (_, _, mut sim, p) = b2b();
        let gap = [10, 11, 12];
        let lone = 20;
        for m in &mut sim.months {
            if gap.contains(&m.month) || m.month == lone - 1 || m.month == lone + 1 {
                m.cost_per_customer_usd = None;
            }
        }
        let kind = FanKind::CostPerCustomer;
        let (svg, g) = fan(kind, &sim, &p);
        // Before the gap, between the gap and the lone month, after it: three bands;
        // the lone month is a bar, not a polygon.
        assert_eq!(polygons(&svg).len(), 3);
        for month in gap.into_iter().chain([lone - 1, lone + 1]) {
            assert_eq!(g.point(month), None, "month {month} is not plotted");
            assert_eq!(fan_readout(kind, &g, &sim, &p, month), None);
        }
        assert!(g.point(lone).is_some(), "a lone month is plotted");
        assert!(fan_readout(kind, &g, &sim, &p, lone).is_some());
        // No band ever reaches the zero line.
        let zero_y = g.plot_area.bottom;
        for (_, points) in polygons(&svg) {
            assert!(points.iter().all(|&(_, y)| y < zero_y - 5.0), "{points:?}");
        }

        for m in &mut sim.months {
            m.cost_per_customer_usd = None;
        }
        let (svg, g) = fan(kind, &sim, &p);
        assert!(g.points.is_empty());
        assert!(polygons(&svg).is_empty());
        assert!(svg.contains(&text_element("Fewer than half the paths have customers")));
        assert!(!svg.contains(&text_element("P10–P90")));
    }

    #[test]
    fn an_empty_simulation_or_a_tiny_area_draws_a_note() {
        let (_, _, mut sim, p) = b2b();
        let (svg, g) = fan_sized(FanKind::Cost, &sim, &p, &ChartTheme::light(), (120, 60));
        assert!(svg.contains(&text_element("Too small to draw")));
        assert!(g.points.is_empty());
        sim.months.clear();
        for kind in FanKind::ALL {
            let (svg, g) = fan(kind, &sim, &p);
            assert!(svg.contains(&text_element("No months to show")), "{kind:?}");
            assert!(g.points.is_empty());
            assert_eq!(g.month_at(400.0, 200.0), None);
        }
    }

    #[test]
    fn fan_scales_for_hidpi_and_fills_the_dark_background() {
        let (_, _, sim, p) = b2b();
        let (svg1, one) = fan(FanKind::Cost, &sim, &p);
        let (svg2, two) = fan_sized(
            FanKind::Cost,
            &sim,
            &p,
            &ChartTheme::light().with_scale(2.0),
            (SIZE.0 * 2, SIZE.1 * 2),
        );
        assert_eq!(font_sizes(&svg2)[0], 2.0 * font_sizes(&svg1)[0]);
        assert_eq!(two.scale, 2.0);
        assert!((two.plot_area.left - 2.0 * one.plot_area.left).abs() <= 3.0);
        assert_eq!(one.points.len(), two.points.len());

        let dark = ChartTheme::dark();
        let (svg, _) = fan_sized(FanKind::CostPerCustomer, &sim, &p, &dark, SIZE);
        assert!(svg.contains(&hex(dark.background)));
        assert!(svg.contains(&hex(dark.palette[0])));
        assert!(!svg.contains(&hex(ChartTheme::light().background)));
    }

    #[test]
    fn tornado_draws_a_row_per_input_in_the_given_order() {
        let (s, u, _, p) = b2b();
        let swings = sensitivity(&s, &u).expect("ranks");
        assert_eq!(swings.len(), RANGED.len());
        let base = p.months.last().unwrap().cost_per_customer_usd;
        for order in [swings.clone(), swings.iter().rev().cloned().collect()] {
            let svg = tornado(&order, base);
            let ys: Vec<f64> = order
                .iter()
                .map(|sw| text_y(&svg, row_label(&sw.input)).expect("row label"))
                .collect();
            assert!(ys.windows(2).all(|w| w[0] < w[1]), "top to bottom: {ys:?}");
            // One bar per input at its row, spanning its two ends.
            let light = ChartTheme::light();
            let bars: Vec<_> = rects(&svg)
                .into_iter()
                .filter(|r| r.3 == hex(light.palette[1]) || r.3 == hex(light.palette[0]))
                .filter(|r| r.1 > 40.0)
                .collect();
            assert_eq!(bars.len(), order.len(), "{bars:?}");
            for (sw, bar) in order.iter().zip(&bars) {
                let (a, b) = (
                    sw.infrastructure_per_customer_at_low.unwrap(),
                    sw.infrastructure_per_customer_at_high.unwrap(),
                );
                let expected = if b >= a {
                    light.palette[1]
                } else {
                    light.palette[0]
                };
                assert_eq!(
                    bar.3,
                    hex(expected),
                    "{}: coloured by the higher end",
                    sw.input
                );
                assert!(svg.contains(&text_element(&usd(a.min(b)))));
                assert!(svg.contains(&text_element(&usd(a.max(b)))));
            }
            let top_width = bars[0].2;
            let widest = bars.iter().map(|b| b.2).fold(0.0, f64::max);
            assert_eq!(top_width == widest, order[0].input == swings[0].input);
            assert!(svg.contains(&text_element(&format!("Likely {}", usd(base.unwrap())))));
        }
        // The ranking puts the price last (it moves only card fees, which the
        // infrastructure leaves out), so the two orders differ.
        assert_eq!(swings.last().unwrap().input, "revenue.arpa_usd_per_month");
        assert_ne!(swings[0].input, "revenue.arpa_usd_per_month");
    }

    #[test]
    fn tornado_without_inputs_draws_a_note() {
        for theme in [ChartTheme::light(), ChartTheme::dark()] {
            let svg = tornado_sized(&[], Some(12.0), &theme, SIZE);
            assert!(svg.contains(&text_element("No ranged inputs")));
            assert!(svg.contains(&hex(theme.background)));
        }
    }

    #[test]
    fn inputs_without_customers_draw_a_text_row() {
        let swing = |input: &str, low: Option<f64>, high: Option<f64>| Swing {
            input: input.to_owned(),
            low: 1.0,
            high: 2.0,
            infrastructure_per_customer_at_low: low,
            infrastructure_per_customer_at_high: high,
            infrastructure_at_low: 100.0,
            infrastructure_at_high: 200.0,
        };
        let swings = [
            swing("revenue.paying_share", Some(3.0), Some(9.0)),
            swing("growth.monthly_rate", None, None),
            swing("not.an_input", None, Some(4.0)),
        ];
        let svg = tornado(&swings, None);
        assert!(svg.contains(&text_element("no customers at either end")));
        assert!(svg.contains(&text_element("no customers at the low end")));
        // A name the inputs table lacks is shown as is.
        let ys = [
            text_y(&svg, row_label("revenue.paying_share")).unwrap(),
            text_y(&svg, row_label("growth.monthly_rate")).unwrap(),
            text_y(&svg, "not.an_input").unwrap(),
        ];
        assert!(ys[0] < ys[1] && ys[1] < ys[2], "{ys:?}");
        assert!((text_y(&svg, "no customers at either end").unwrap() - ys[1]).abs() <= 1.0);
        // One bar, for the only input with customers at both ends; no base line label.
        let bars = rects(&svg)
            .into_iter()
            .filter(|r| r.3 == hex(ChartTheme::light().palette[1]) && r.1 > 40.0)
            .count();
        assert_eq!(bars, 1);
        assert!(svg.contains(&text_element("$3.00")) && svg.contains(&text_element("$9.00")));
        assert!(!svg.contains("Likely "));
    }

    #[test]
    fn tornado_scales_for_hidpi_and_a_tiny_area_draws_a_note() {
        let (s, u, _, _) = b2b();
        let swings = sensitivity(&s, &u).unwrap();
        let svg1 = tornado(&swings, Some(8.0));
        let svg2 = tornado_sized(
            &swings,
            Some(8.0),
            &ChartTheme::dark().with_scale(2.0),
            (SIZE.0 * 2, SIZE.1 * 2),
        );
        assert_eq!(font_sizes(&svg2)[0], 2.0 * font_sizes(&svg1)[0]);
        let svg = tornado_sized(&swings, Some(8.0), &ChartTheme::light(), (120, 60));
        assert!(svg.contains(&text_element("Too small to draw")));
    }

    #[test]
    fn fan_kinds_have_distinct_ids_and_descriptions() {
        let [a, b] = FanKind::ALL;
        assert_ne!(a.id(), b.id());
        assert_ne!(a.title(), b.title());
        assert_ne!(a.description(), b.description());
    }
}
