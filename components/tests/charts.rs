//! The charts drawn natively to SVG: every kind for every preset draws its
//! series, legend and markers; hover readouts find the month geometry says and
//! show the model's own figures; edge projections draw a note instead of failing.
//!
//! In the browser (`--target wasm32-unknown-unknown`), the canvas component:
//! HiDPI sizing, redraws, hover and keyboard readouts, PNG export.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use headroom_components::charts::{
        cost_groups_usd, draw, draw_compared, readout, readout_for_month, ChartGeometry, ChartKind,
        ChartTheme, COST_GROUPS,
    };
    use headroom_models::format::percent;
    use headroom_models::format::usd_per_month;
    use headroom_models::projection::{CostScope, Costs};
    use headroom_models::{project, Preset, Projection, Scenario};
    use plotters::prelude::*;

    const SIZE: (u32, u32) = (900, 420);

    /// Draws `kind` to an SVG string of `size`.
    fn svg_sized(
        kind: ChartKind,
        p: &Projection,
        theme: &ChartTheme,
        size: (u32, u32),
    ) -> (String, ChartGeometry) {
        let mut svg = String::new();
        let geometry = {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            let geometry = draw(kind, &root, p, theme).expect("draws");
            root.present().expect("presents");
            geometry
        };
        (svg, geometry)
    }

    fn svg(kind: ChartKind, p: &Projection) -> (String, ChartGeometry) {
        svg_sized(kind, p, &ChartTheme::light(), SIZE)
    }

    /// Text as the SVG backend writes it.
    fn escaped(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    fn text_element(text: &str) -> String {
        // The SVG backend writes a text element's content on a line of its own.
        format!(">\n{}\n</text>", escaped(text))
    }

    /// Every `font-size` attribute of the SVG, in order.
    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split("font-size=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
            .collect()
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    fn presets() -> Vec<(Preset, Projection)> {
        Preset::ALL
            .into_iter()
            .map(|preset| (preset, project(&preset.scenario())))
            .collect()
    }

    fn value_of<'a>(lines: &'a [(String, String)], label: &str) -> Option<&'a str> {
        lines
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.as_str())
    }

    /// Compare mode: B is drawn (legend and a dashed path in B's colour) on the
    /// cost and cost-per-customer charts, its larger figures fit the axes, and A's
    /// geometry (hover) is unchanged.
    #[test]
    fn compare_mode_overlays_b_on_the_cost_and_per_customer_charts() {
        let a = project(&Preset::B2bSaas.scenario());
        let b = project(
            &Preset::ConsumerApp
                .scenario()
                .with_setting("horizon_months", "48")
                .unwrap(),
        );
        for kind in [ChartKind::Cost, ChartKind::PerCustomer] {
            let (alone, g_alone) = svg(kind, &a);
            let mut with_b = String::new();
            let g_with = {
                let root = SVGBackend::with_string(&mut with_b, SIZE).into_drawing_area();
                let g = draw_compared(
                    kind,
                    &root,
                    &a,
                    Some(&b),
                    CostScope::default(),
                    &ChartTheme::light(),
                )
                .unwrap();
                root.present().unwrap();
                g
            };
            let label = text_element(if kind == ChartKind::Cost {
                "B: infrastructure"
            } else {
                "B"
            });
            assert!(with_b.contains(&label), "{kind:?}: no B in the legend");
            assert!(!alone.contains(&label), "{kind:?}: B drawn without a B");
            assert!(
                with_b.matches("<polyline").count() + with_b.matches("<path").count()
                    > alone.matches("<polyline").count() + alone.matches("<path").count()
            );
            assert_eq!(
                g_with.points.len(),
                g_alone.points.len(),
                "{kind:?}: A's points"
            );
            // B reaches further (48 months, a consumer app's users): the axes grow.
            assert!(g_with.x_range.1 >= g_alone.x_range.1);
        }
    }

    #[test]
    fn cost_groups_sum_to_the_models_total() {
        for (preset, p) in presets() {
            for m in &p.months {
                let sum: f64 = cost_groups_usd(&m.costs_usd).iter().sum();
                assert!(
                    (sum - m.total_usd).abs() <= 1e-9 * m.total_usd.max(1.0),
                    "{preset:?} month {}: {sum} vs {}",
                    m.month,
                    m.total_usd
                );
            }
        }
    }

    /// With payment fees, the payment fees are a band of their own and the totals
    /// are the month's whole cost; without, neither.
    #[test]
    fn the_cost_scope_decides_whether_card_fees_are_drawn_and_counted() {
        let p = project(&Preset::B2bSaas.scenario());
        let draw_in = |scope: CostScope| {
            let mut out = String::new();
            let g = {
                let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
                let g = draw_compared(
                    ChartKind::Cost,
                    &root,
                    &p,
                    None,
                    scope,
                    &ChartTheme::light(),
                )
                .unwrap();
                root.present().unwrap();
                g
            };
            (out, g)
        };
        let (infra, g_infra) = draw_in(CostScope::Infrastructure);
        let (all, g_all) = draw_in(CostScope::WithPaymentFees);
        let fees = text_element("Payment fees");
        assert!(!infra.contains(&fees) && all.contains(&fees));
        assert!(
            g_all.y_range.1 > g_infra.y_range.1,
            "the axis follows the scope"
        );
        let m = p.months.last().unwrap();
        let r = readout_for_month(
            ChartKind::Cost,
            &g_all,
            &p,
            CostScope::WithPaymentFees,
            m.month,
        )
        .unwrap();
        assert_eq!(
            value_of(&r.lines, "Monthly cost"),
            Some(usd_per_month(m.total_usd).as_str())
        );
        assert_eq!(
            value_of(&r.lines, "Payment fees"),
            Some(usd_per_month(m.payment_fees_usd).as_str())
        );
    }

    #[test]
    fn cost_chart_draws_a_band_and_legend_entry_per_group_and_every_change_marker() {
        for (preset, p) in presets() {
            let (svg, g) = svg(ChartKind::Cost, &p);
            // Infrastructure by default: every group but the payment fees.
            let nonzero: Vec<usize> = (0..COST_GROUPS.len())
                .filter(|&i| CostScope::Infrastructure.includes(COST_GROUPS[i].1))
                .filter(|&i| {
                    p.months
                        .iter()
                        .any(|m| cost_groups_usd(&m.costs_usd)[i] > 0.0)
                })
                .collect();
            assert!(!nonzero.is_empty(), "{preset:?} has costs");
            assert!(
                svg.matches("<polygon").count() >= nonzero.len(),
                "{preset:?}: one band per group"
            );
            for &i in &nonzero {
                let (name, _) = COST_GROUPS[i];
                assert!(
                    svg.contains(&text_element(name)),
                    "{preset:?}: legend has {name}"
                );
                assert!(
                    svg.contains(&hex(ChartTheme::light().palette[i])),
                    "{preset:?}: {name}'s colour is drawn"
                );
            }
            assert!(svg.contains(&text_element("Infrastructure per customer")));
            // One marker per month with a change, on that month's x.
            let mut months: Vec<u32> = p.events.iter().map(|e| e.month).collect();
            months.dedup();
            assert!(!months.is_empty(), "{preset:?} has changes");
            assert_eq!(
                g.markers.iter().map(|m| m.month).collect::<Vec<_>>(),
                months
            );
            for marker in &g.markers {
                let point = g.point(marker.month).expect("marker month is plotted");
                assert!((marker.x_px - point.x_px).abs() < 1.0);
                let adopted = p
                    .events
                    .iter()
                    .any(|e| e.month == marker.month && e.adopted);
                assert_eq!(marker.adopted, adopted);
                if marker.labelled {
                    assert!(svg.contains(&text_element(&marker.label)), "{marker:?}");
                }
            }
            assert!(
                g.markers.iter().any(|m| m.labelled),
                "{preset:?}: some labels fit"
            );
            assert_eq!(g.points.len(), p.months.len());
        }
    }

    #[test]
    fn utilisation_chart_draws_each_tier_and_the_thresholds() {
        for (preset, p) in presets() {
            let (svg, g) = svg(ChartKind::Utilisation, &p);
            let th = &p.scenario.thresholds;
            for label in [
                "App CPU",
                "Database CPU",
                "API p95",
                "App p95",
                "Database p95",
            ] {
                assert!(
                    svg.contains(&text_element(label)),
                    "{preset:?}: legend has {label}"
                );
            }
            let has_cache = p.months.iter().any(|m| m.tiers.cache.is_some());
            assert_eq!(svg.contains(&text_element("Cache memory")), has_cache);
            assert!(svg.contains(&text_element(&format!(
                "Target {}",
                percent(th.target_utilization)
            ))));
            assert!(svg.contains(&text_element(&format!(
                "p95 SLO {} ms",
                headroom_models::format::count(th.p95_slo_ms)
            ))));
            assert!(svg.matches("<polyline").count() >= 2, "{preset:?}");
            assert_eq!(g.points.len(), p.months.len());
        }
    }

    #[test]
    fn a_missing_value_breaks_the_line_instead_of_dropping_to_zero() {
        let mut p = project(&Preset::B2bSaas.scenario());
        assert!(p.months.iter().all(|m| m.tiers.workers.is_some()));
        let workers = hex(ChartTheme::light().palette[4]);
        let runs = |svg: &str| {
            svg.split("<polyline")
                .skip(1)
                .filter(|el| el.split('>').next().unwrap_or("").contains(&workers))
                .count()
        };
        // The legend's swatch is one polyline of the colour, the line another.
        let (whole, _) = svg(ChartKind::Utilisation, &p);
        assert_eq!(runs(&whole), 2);
        p.months[10].tiers.workers = None;
        let (broken, _) = svg(ChartKind::Utilisation, &p);
        assert_eq!(runs(&broken), 3, "two runs of the line, no drop to zero");
    }

    #[test]
    fn per_customer_chart_draws_a_point_per_month_with_customers() {
        for (preset, p) in presets() {
            let (svg, g) = svg(ChartKind::PerCustomer, &p);
            let expected: Vec<u32> = p
                .months
                .iter()
                .filter(|m| m.mau > 0.0 && m.cost_per_customer_usd.is_some())
                .map(|m| m.month)
                .collect();
            assert!(!expected.is_empty());
            assert_eq!(
                g.points.iter().map(|pt| pt.month).collect::<Vec<_>>(),
                expected
            );
            assert!(g.x_log);
            assert!(
                svg.matches("<circle").count() >= expected.len(),
                "{preset:?}"
            );
            for stage in p.months.iter().map(|m| m.stage) {
                assert!(svg.contains(&text_element(&stage.to_string())));
            }
            // More users to the right.
            let first = g.points.first().unwrap();
            let last = g.points.last().unwrap();
            assert!(last.x_px > first.x_px, "{preset:?}");
        }
    }

    #[test]
    fn readout_under_the_pointer_is_the_plotted_month_with_the_models_figures() {
        for (preset, p) in presets() {
            for kind in ChartKind::ALL {
                let (_, g) = svg(kind, &p);
                let i = g.points.len() / 2;
                let point = g.points[i];
                let next = g.points[i + 1];
                // A little towards the next point, still nearest this one.
                let x = point.x_px + (next.x_px - point.x_px) * 0.3;
                let y = point.y_px + (next.y_px - point.y_px) * 0.3;
                let r = readout(kind, &g, &p, x, y).expect("inside the plotting area");
                assert_eq!(r.month, point.month, "{preset:?} {kind:?}");
                assert_eq!(r.x_px, point.x_px);
                assert_eq!(r.title, format!("Month {}", point.month));
                let m = p.months.iter().find(|m| m.month == r.month).unwrap();
                match kind {
                    ChartKind::Cost => {
                        assert_eq!(
                            value_of(&r.lines, "Infrastructure"),
                            Some(usd_per_month(m.infrastructure_usd).as_str())
                        );
                        assert_eq!(value_of(&r.lines, "Payment fees"), None);
                        for e in p.events.iter().filter(|e| e.month == m.month) {
                            assert!(r
                                .lines
                                .iter()
                                .any(|(l, v)| l == "Change" && v.contains(&e.change.to_string())));
                        }
                    }
                    ChartKind::Utilisation => {
                        assert_eq!(
                            value_of(&r.lines, "App CPU"),
                            Some(percent(m.tiers.app.utilization).as_str())
                        );
                        assert_eq!(
                            value_of(&r.lines, "Database CPU"),
                            Some(percent(m.tiers.db.utilization).as_str())
                        );
                    }
                    ChartKind::PerCustomer => {
                        let usd = m.infrastructure_per_customer_usd.unwrap();
                        assert_eq!(
                            value_of(&r.lines, "Infrastructure per customer"),
                            Some(usd_per_month(usd).as_str())
                        );
                    }
                }
                assert_eq!(
                    readout_for_month(kind, &g, &p, CostScope::default(), point.month),
                    Some(r)
                );
            }
        }
    }

    #[test]
    fn readout_outside_the_plotting_area_is_none() {
        let p = project(&Preset::ConsumerApp.scenario());
        for kind in ChartKind::ALL {
            let (_, g) = svg(kind, &p);
            let a = g.plot_area;
            let mid_x = (a.left + a.right) / 2.0;
            let mid_y = (a.top + a.bottom) / 2.0;
            assert!(readout(kind, &g, &p, mid_x, mid_y).is_some(), "{kind:?}");
            for (x, y) in [
                (a.left - 1.0, mid_y),
                (a.right + 1.0, mid_y),
                (mid_x, a.top - 1.0),
                (mid_x, a.bottom + 1.0),
                (-5.0, -5.0),
            ] {
                assert_eq!(readout(kind, &g, &p, x, y), None, "{kind:?} at {x},{y}");
            }
            assert_eq!(
                readout_for_month(kind, &g, &p, CostScope::default(), 10_000),
                None
            );
        }
    }

    #[test]
    fn a_one_month_horizon_draws_every_chart() {
        let p = project(
            &Scenario::default()
                .with_setting("horizon_months", "1")
                .unwrap(),
        );
        for kind in ChartKind::ALL {
            let (svg, g) = svg(kind, &p);
            assert!(svg.contains("<text"), "{kind:?} has axes");
            assert!(!g.points.is_empty(), "{kind:?}");
            let pt = g.points[0];
            assert_eq!(
                readout(kind, &g, &p, pt.x_px, pt.y_px).map(|r| r.month),
                Some(pt.month)
            );
        }
    }

    #[test]
    fn empty_and_all_zero_projections_draw_axes_and_a_note() {
        let base = project(&Preset::B2bSaas.scenario());
        let mut empty = base.clone();
        empty.months.clear();
        empty.events.clear();
        for kind in ChartKind::ALL {
            let (svg, g) = svg(kind, &empty);
            assert!(g.points.is_empty());
            assert!(svg.contains("<text"), "{kind:?}");
            assert_eq!(readout(kind, &g, &empty, 400.0, 200.0), None);
        }
        let (svg_cost, _) = svg(ChartKind::Cost, &empty);
        assert!(svg_cost.contains(&text_element("No months to show")));

        let mut zero = base.clone();
        for m in &mut zero.months {
            m.costs_usd = Costs::default();
            m.total_usd = 0.0;
            m.infrastructure_usd = 0.0;
            m.cost_per_customer_usd = None;
            m.infrastructure_per_customer_usd = None;
        }
        let (svg_cost, _) = svg(ChartKind::Cost, &zero);
        assert!(svg_cost.contains(&text_element("No costs in this projection")));
        assert_eq!(svg_cost.matches("<polygon").count(), 0);
        let (svg_pc, g) = svg(ChartKind::PerCustomer, &zero);
        assert!(svg_pc.contains(&text_element("No customers yet in this projection")));
        assert!(g.points.is_empty());
    }

    #[test]
    fn a_tiny_area_draws_a_note_instead_of_failing() {
        let p = project(&Preset::ConsumerApp.scenario());
        for kind in ChartKind::ALL {
            let (svg, g) = svg_sized(kind, &p, &ChartTheme::light(), (120, 60));
            assert!(svg.contains(&text_element("Too small to draw")), "{kind:?}");
            assert!(g.points.is_empty());
        }
    }

    #[test]
    fn hidpi_scale_draws_the_same_chart_at_twice_the_pixels() {
        let p = project(&Preset::Marketplace.scenario());
        for kind in ChartKind::ALL {
            let (_, one) = svg(kind, &p);
            let (svg2, two) = svg_sized(
                kind,
                &p,
                &ChartTheme::light().with_scale(2.0),
                (SIZE.0 * 2, SIZE.1 * 2),
            );
            assert_eq!(two.scale, 2.0);
            let (svg1, _) = svg(kind, &p);
            assert_eq!(font_sizes(&svg2)[0], 2.0 * font_sizes(&svg1)[0], "{kind:?}");
            let (a, b) = (one.plot_area, two.plot_area);
            for (x1, x2) in [(a.left, b.left), (a.right, b.right), (a.top, b.top)] {
                assert!((x2 - 2.0 * x1).abs() <= 3.0, "{kind:?}: {x1} vs {x2}");
            }
            assert_eq!(one.points.len(), two.points.len());
        }
    }

    #[test]
    fn dark_theme_fills_its_background() {
        let p = project(&Preset::Fintech.scenario());
        let dark = ChartTheme::dark();
        let (svg, _) = svg_sized(ChartKind::Cost, &p, &dark, SIZE);
        assert!(svg.contains(&hex(dark.background)));
        assert!(!svg.contains(&hex(ChartTheme::light().background)));
    }

    #[test]
    fn kinds_have_distinct_ids_and_descriptions() {
        let ids: Vec<&str> = ChartKind::ALL.iter().map(|k| k.id()).collect();
        assert_eq!(ids, ["cost", "utilisation", "per-customer"]);
        for kind in ChartKind::ALL {
            assert!(kind.description().ends_with('.'));
            assert!(!kind.title().is_empty());
        }
    }
}

#[cfg(target_arch = "wasm32")]
#[path = "../../tests/support/dom.rs"]
mod dom;

#[cfg(target_arch = "wasm32")]
mod browser {
    use headroom_components::charts::{canvas_png_data_url, Chart, ChartKind};
    use headroom_models::format::usd_per_month;
    use headroom_models::{project, Preset, Projection};
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    use super::dom::sleep;

    /// Dispatches `new {class}(kind, init)` on `target` (no web-sys init types needed).
    fn fire(target: &web_sys::Element, class: &str, kind: &str, init: &[(&str, JsValue)]) {
        let dict = js_sys::Object::new();
        js_sys::Reflect::set(&dict, &"bubbles".into(), &true.into()).unwrap();
        for (k, v) in init {
            js_sys::Reflect::set(&dict, &(*k).into(), v).unwrap();
        }
        let window = web_sys::window().unwrap();
        let ctor: js_sys::Function = js_sys::Reflect::get(&window, &class.into())
            .unwrap()
            .unchecked_into();
        let args = js_sys::Array::of2(&kind.into(), &dict);
        let event: web_sys::Event = js_sys::Reflect::construct(&ctor, &args)
            .unwrap()
            .unchecked_into();
        target.dispatch_event(&event).unwrap();
    }

    fn key(canvas: &web_sys::Element, key: &str) {
        fire(canvas, "KeyboardEvent", "keydown", &[("key", key.into())]);
    }

    struct Mounted {
        host: web_sys::HtmlElement,
        canvas: web_sys::HtmlCanvasElement,
        readout: web_sys::Element,
        projection: RwSignal<Projection>,
        dark: RwSignal<bool>,
    }

    impl Mounted {
        fn draws(&self) -> u32 {
            self.canvas
                .get_attribute("data-draws")
                .and_then(|d| d.parse().ok())
                .unwrap_or(0)
        }

        fn month(&self) -> Option<u32> {
            self.readout
                .get_attribute("data-month")
                .and_then(|m| m.parse().ok())
        }

        fn text(&self) -> String {
            self.readout.text_content().unwrap_or_default()
        }
    }

    async fn mount(kind: ChartKind, preset: Preset) -> Mounted {
        let document = web_sys::window().unwrap().document().unwrap();
        let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
        host.style().set_property("width", "800px").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let projection = RwSignal::new(project(&preset.scenario()));
        let dark = RwSignal::new(false);
        leptos::mount::mount_to(host.clone(), move || {
            view! { <Chart kind projection dark /> }
        })
        .forget();
        let id = kind.id();
        let canvas: web_sys::HtmlCanvasElement = host
            .query_selector(&format!(r#"[data-testid="chart-{id}"] canvas"#))
            .unwrap()
            .expect("the figure holds a canvas")
            .unchecked_into();
        let readout = host
            .query_selector(&format!(r#"[data-testid="chart-{id}-readout"]"#))
            .unwrap()
            .expect("a readout element");
        for _ in 0..100 {
            if canvas.get_attribute("data-drawn").as_deref() == Some("true") {
                break;
            }
            sleep(20).await;
        }
        assert_eq!(canvas.get_attribute("data-drawn").as_deref(), Some("true"));
        Mounted {
            host,
            canvas,
            readout,
            projection,
            dark,
        }
    }

    #[wasm_bindgen_test]
    async fn the_backing_store_is_css_size_times_the_pixel_ratio() {
        let m = mount(ChartKind::Cost, Preset::B2bSaas).await;
        let ratio = web_sys::window().unwrap().device_pixel_ratio();
        let css_w = f64::from(m.canvas.client_width());
        assert!(css_w > 700.0, "{css_w}");
        assert_eq!(f64::from(m.canvas.width()), (css_w * ratio).round());
        assert_eq!(m.canvas.get_attribute("role").as_deref(), Some("img"));
        assert_eq!(
            m.canvas.get_attribute("aria-label").as_deref(),
            Some(ChartKind::Cost.description())
        );
    }

    #[wasm_bindgen_test]
    async fn keyboard_moves_the_readout_month_by_month() {
        let m = mount(ChartKind::Cost, Preset::ConsumerApp).await;
        let p = m.projection.get_untracked();
        let last = p.months.last().unwrap();
        assert_eq!(m.month(), None);
        key(&m.canvas, "End");
        sleep(20).await;
        assert_eq!(m.month(), Some(last.month));
        let text = m.text();
        assert!(text.contains(&format!("Month {}", last.month)), "{text}");
        assert!(
            text.contains(&usd_per_month(last.infrastructure_usd)),
            "{text}"
        );
        key(&m.canvas, "ArrowLeft");
        sleep(20).await;
        assert_eq!(m.month(), Some(last.month - 1));
        key(&m.canvas, "Home");
        sleep(20).await;
        assert_eq!(m.month(), Some(p.months[0].month));
        key(&m.canvas, "ArrowRight");
        sleep(20).await;
        assert_eq!(m.month(), Some(p.months[1].month));
        key(&m.canvas, "Escape");
        sleep(20).await;
        assert_eq!(m.month(), None);
        assert_eq!(m.text(), "");
    }

    #[wasm_bindgen_test]
    async fn hover_shows_the_month_under_the_pointer_and_leaving_hides_it() {
        let m = mount(ChartKind::Utilisation, Preset::Marketplace).await;
        let rect = m.canvas.get_bounding_client_rect();
        let at = |x: f64, y: f64| {
            vec![
                ("clientX", JsValue::from(rect.left() + x)),
                ("clientY", JsValue::from(rect.top() + y)),
            ]
        };
        fire(
            &m.canvas,
            "MouseEvent",
            "mousemove",
            &at(rect.width() / 2.0, rect.height() / 2.0),
        );
        sleep(20).await;
        let middle = m.month().expect("a month under the middle of the chart");
        let p = m.projection.get_untracked();
        let last = p.months.last().unwrap().month;
        assert!(middle > 0 && middle < last, "{middle}");
        assert!(m.text().contains("App CPU"));
        // Further right is a later month; outside the plot is nothing.
        fire(
            &m.canvas,
            "MouseEvent",
            "mousemove",
            &at(rect.width() * 0.8, rect.height() / 2.0),
        );
        sleep(20).await;
        assert!(m.month().unwrap() > middle);
        fire(&m.canvas, "MouseEvent", "mousemove", &at(2.0, 2.0));
        sleep(20).await;
        assert_eq!(m.month(), None);
        fire(
            &m.canvas,
            "MouseEvent",
            "mousemove",
            &at(rect.width() / 2.0, rect.height() / 2.0),
        );
        sleep(20).await;
        assert!(m.month().is_some());
        fire(&m.canvas, "MouseEvent", "mouseleave", &[]);
        sleep(20).await;
        assert_eq!(m.month(), None);
    }

    #[wasm_bindgen_test]
    async fn projection_theme_and_size_changes_redraw() {
        let m = mount(ChartKind::PerCustomer, Preset::Fintech).await;
        let first = m.draws();
        m.projection.set(project(&Preset::AiProduct.scenario()));
        sleep(50).await;
        assert_eq!(m.draws(), first + 1, "projection");
        m.dark.set(true);
        sleep(50).await;
        assert_eq!(m.draws(), first + 2, "theme");
        let before = m.canvas.width();
        m.host.style().set_property("width", "500px").unwrap();
        for _ in 0..50 {
            if m.draws() > first + 2 {
                break;
            }
            sleep(20).await;
        }
        assert!(m.draws() > first + 2, "size");
        assert!(m.canvas.width() < before);
    }

    #[wasm_bindgen_test]
    async fn the_png_is_the_canvas_picture() {
        let m = mount(ChartKind::Cost, Preset::AiProduct).await;
        let url = canvas_png_data_url(&m.canvas).unwrap();
        assert!(url.starts_with("data:image/png;base64,"));
        assert!(url.len() > 5_000, "{} bytes", url.len());
        let button = m
            .host
            .query_selector(r#"[data-testid="chart-cost-png"]"#)
            .unwrap()
            .expect("a PNG button");
        assert_eq!(button.get_attribute("type").as_deref(), Some("button"));
        assert!(button
            .get_attribute("aria-label")
            .unwrap()
            .contains("as PNG"));
    }
}
