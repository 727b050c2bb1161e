//! The chart on a HiDPI canvas: sizing, redraws, hover and keyboard readouts, PNG
//! export.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, HtmlCanvasElement, KeyboardEvent, MouseEvent, ResizeObserver};

use headroom_models::projection::CostScope;
use headroom_models::Projection;

use super::measured::MeasuredCanvas;
use headroom_models::uncertainty::{Simulation, Swing};

use super::{
    draw_fan, draw_tornado, fan_readout, readout_for_month, tornado_readout, ChartGeometry,
    ChartKind, ChartTheme, FanKind, Readout,
};

/// The canvas's size in CSS pixels and the device pixel ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
struct CanvasSize {
    css_w: f64,
    css_h: f64,
    ratio: f64,
}

/// The canvas's laid-out size; `None` while it has no size (not in the layout).
fn measure(canvas: &HtmlCanvasElement) -> Option<CanvasSize> {
    let (w, h) = (canvas.client_width(), canvas.client_height());
    if w <= 0 || h <= 0 {
        return None;
    }
    let ratio = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0);
    Some(CanvasSize {
        css_w: f64::from(w),
        css_h: f64::from(h),
        ratio,
    })
}

/// What draws a chart onto the canvas's drawing area with a theme, reading the
/// signals it needs (the redraw effect tracks them); returns the geometry hover
/// needs, if the chart has readouts.
pub type DrawFn = Arc<
    dyn Fn(
            &DrawingArea<MeasuredCanvas, Shift>,
            &ChartTheme,
        ) -> Result<Option<ChartGeometry>, String>
        + Send
        + Sync,
>;

/// The readout of a month, given the geometry of the last draw.
pub type ReadoutFn = Arc<dyn Fn(&ChartGeometry, u32) -> Option<Readout> + Send + Sync>;

/// Sizes the backing store to CSS size × device pixel ratio and draws the chart.
fn paint(
    canvas: &HtmlCanvasElement,
    draw: &DrawFn,
    dark: bool,
    size: CanvasSize,
) -> Result<Option<ChartGeometry>, String> {
    let width = (size.css_w * size.ratio).round().max(1.0) as u32;
    let height = (size.css_h * size.ratio).round().max(1.0) as u32;
    canvas.set_width(width);
    canvas.set_height(height);
    let backend =
        MeasuredCanvas::new(canvas).ok_or_else(|| "the canvas has no 2D context".to_owned())?;
    let root = backend.into_drawing_area();
    let theme = if dark {
        ChartTheme::dark()
    } else {
        ChartTheme::light()
    };
    // Backend pixels per CSS pixel, exactly (the backing size is rounded).
    let theme = theme.with_scale(f64::from(width) / size.css_w);
    let geometry = draw(&root, &theme)?;
    root.present().map_err(|e| e.to_string())?;
    Ok(geometry)
}

fn js_text(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// The canvas's current picture as a `data:image/png;base64,…` URL.
pub fn canvas_png_data_url(canvas: &HtmlCanvasElement) -> Result<String, String> {
    canvas.to_data_url_with_type("image/png").map_err(js_text)
}

/// Downloads the canvas as `headroom-{id}.png` through a temporary `<a download>`.
fn download_png(canvas: &HtmlCanvasElement, id: &str) -> Result<(), String> {
    let url = canvas_png_data_url(canvas)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_owned())?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_text)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_owned())?;
    link.set_href(&url);
    link.set_download(&format!("headroom-{id}.png"));
    let body = document.body().ok_or_else(|| "no body".to_owned())?;
    body.append_child(&link).map_err(js_text)?;
    link.click();
    link.remove();
    Ok(())
}

/// The month the readout shows, and where the pointer is (CSS pixels relative to
/// the canvas; `None` when the keyboard chose the month).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Active {
    month: u32,
    pointer: Option<(f64, f64)>,
}

/// One of the planner's charts on a canvas, crisp on HiDPI screens, redrawn
/// whenever the projection, the theme or its size changes.
///
/// Hovering shows the values of the month under the pointer; with the canvas
/// focused, ArrowLeft/ArrowRight step month by month, Home/End jump to the first
/// or last month and Escape hides the readout. A "PNG" button downloads the chart
/// as `headroom-{id}.png`.
///
/// Test hooks: `data-testid="chart-{id}"` on the figure, `chart-{id}-readout` on
/// the readout (with `data-month` while shown), `chart-{id}-png` on the button; the
/// canvas counts completed draws in `data-draws` and has `data-drawn="true"` once
/// drawn (`data-error` holds the message if a draw failed).
#[component]
pub fn Chart(
    /// Which chart to draw.
    kind: ChartKind,
    /// The projection to draw; every figure shown comes from it.
    #[prop(into)]
    projection: Signal<Projection>,
    /// Draw with the dark theme's colours (follow the page's theme).
    #[prop(into)]
    dark: Signal<bool>,
    /// Compare mode's B, overlaid on the cost and cost-per-customer charts.
    #[prop(optional, into)]
    compare: Option<Signal<Option<Projection>>>,
    /// Which costs the cost and cost-per-customer charts count (infrastructure
    /// alone if not given).
    #[prop(optional, into)]
    scope: Option<Signal<CostScope>>,
) -> impl IntoView {
    let scope = move || scope.map(|s| s.get()).unwrap_or_default();
    let draw: DrawFn = Arc::new(move |root, theme| {
        let b = compare.and_then(|c| c.get());
        let scope = scope();
        projection
            .with(|p| super::draw_compared(kind, root, p, b.as_ref(), scope, theme))
            .map(Some)
    });
    let readout: ReadoutFn = Arc::new(move |g, month| {
        let scope = scope();
        projection.with(|p| readout_for_month(kind, g, p, scope, month))
    });
    view! {
        <CanvasChart
            id=kind.id()
            title=kind.title()
            description=kind.description()
            draw
            readout=Some(readout)
            dark
        />
    }
}

/// A fan chart of a Monte Carlo run (P10–P90 band, P50, likely values), with
/// month readouts; blank until the run is done.
#[component]
pub fn FanChart(
    /// Which figure the fan shows.
    kind: FanKind,
    /// The finished run, if any.
    #[prop(into)]
    simulation: Signal<Option<Arc<Simulation>>>,
    /// The projection of the likely values.
    #[prop(into)]
    projection: Signal<Projection>,
    /// Draw with the dark theme's colours.
    #[prop(into)]
    dark: Signal<bool>,
) -> impl IntoView {
    let draw: DrawFn = Arc::new(move |root, theme| {
        simulation.with(|sim| match sim {
            Some(sim) => projection
                .with(|p| draw_fan(kind, root, sim, p, theme))
                .map(Some),
            None => Ok(None),
        })
    });
    let readout: ReadoutFn = Arc::new(move |g, month| {
        simulation.with(|sim| projection.with(|p| fan_readout(kind, g, sim.as_ref()?, p, month)))
    });
    view! {
        <CanvasChart
            id=kind.id()
            title=kind.title()
            description=kind.description()
            draw
            readout=Some(readout)
            dark
        />
    }
}

/// The tornado chart of a sensitivity ranking: each input's swing in cost per
/// customer around the likely value.
#[component]
pub fn TornadoChart(
    /// The ranked swings, largest first.
    #[prop(into)]
    swings: Signal<Vec<Swing>>,
    /// Cost per customer at the horizon with every input at its likely value.
    #[prop(into)]
    base: Signal<Option<f64>>,
    /// Draw with the dark theme's colours.
    #[prop(into)]
    dark: Signal<bool>,
) -> impl IntoView {
    let draw: DrawFn =
        Arc::new(move |root, theme| swings.with(|s| draw_tornado(root, s, base.get(), theme)));
    let readout: ReadoutFn = Arc::new(move |g, row| swings.with(|s| tornado_readout(g, s, row)));
    view! {
        <CanvasChart
            id="tornado"
            title="Which input moves cost per customer most"
            description="Each ranged input alone at its low and high end, the others at their likely values: \
                         a bar from the cost per customer at one end to the other, largest swing at the top."
            draw
            readout=Some(readout)
            dark
        />
    }
}

/// A chart on a canvas, whatever it draws: the HiDPI backing store, redraws on
/// any change the drawing reads (and on resize or a new pixel ratio), hover and
/// keyboard readouts when `readout` is given, and a PNG button. [`Chart`] and
/// the uncertainty charts are built on it.
///
/// Test hooks: `data-testid="chart-{id}"` on the figure, `chart-{id}-readout` on
/// the readout (with `data-month` while shown), `chart-{id}-png` on the button; the
/// canvas counts completed draws in `data-draws` and has `data-drawn="true"` once
/// drawn (`data-error` holds the message if a draw failed).
#[component]
pub fn CanvasChart(
    /// A stable id for test hooks and the PNG's file name.
    id: &'static str,
    /// The chart's heading.
    title: &'static str,
    /// One sentence saying what the chart shows (the canvas's accessible name).
    description: &'static str,
    /// Draws the chart.
    draw: DrawFn,
    /// The readout of a month, for hover and keyboard; `None` for a chart without.
    readout: Option<ReadoutFn>,
    /// Draw with the dark theme's colours (follow the page's theme).
    #[prop(into)]
    dark: Signal<bool>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<html::Canvas>::new();
    let size = RwSignal::new(None::<CanvasSize>);
    // Written only by the draw effect: where the last draw put each month.
    let geometry = RwSignal::new(None::<ChartGeometry>);
    let active = RwSignal::new(None::<Active>);

    // Follow the canvas's size (layout changes, window resizes, zoom).
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        size.set(measure(&canvas));
        let observed = canvas.clone();
        let on_resize = Closure::<dyn FnMut()>::new(move || {
            let now = measure(&observed);
            if size.get_untracked() != now {
                size.set(now);
            }
        });
        let Ok(observer) = ResizeObserver::new(on_resize.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&canvas);
        let held = StoredValue::new_local((observer, on_resize));
        on_cleanup(move || {
            held.try_with_value(|(observer, _)| observer.disconnect());
        });
    });

    // Follow the device pixel ratio (browser zoom, a screen of another density),
    // which may change while the CSS size stays: a media query for the current
    // ratio fires when it stops matching; the effect then re-runs for the new one.
    Effect::new(move |_| {
        let (Some(canvas), Some(ratio)) = (canvas_ref.get(), size.with(|s| s.map(|s| s.ratio)))
        else {
            return;
        };
        let Some(query) = web_sys::window().and_then(|w| {
            w.match_media(&format!("(resolution: {ratio}dppx)"))
                .ok()
                .flatten()
        }) else {
            return;
        };
        let on_change = Closure::<dyn FnMut()>::new(move || {
            let now = measure(&canvas);
            if size.get_untracked() != now {
                size.set(now);
            }
        });
        if query
            .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())
            .is_err()
        {
            return;
        }
        let held = StoredValue::new_local((query, on_change));
        on_cleanup(move || {
            held.try_with_value(|(query, on_change)| {
                _ = query.remove_event_listener_with_callback(
                    "change",
                    on_change.as_ref().unchecked_ref(),
                );
            });
        });
    });

    // Redraw the whole chart when the projection, the theme or the size changes.
    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let Some(sz) = size.get() else {
            return;
        };
        let dark = dark.get();
        match paint(&canvas, &draw, dark, sz) {
            Ok(drawn) => {
                let draws = canvas
                    .get_attribute("data-draws")
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(0)
                    + 1;
                _ = canvas.set_attribute("data-draws", &draws.to_string());
                _ = canvas.set_attribute("data-drawn", "true");
                _ = canvas.remove_attribute("data-error");
                geometry.set(drawn);
            }
            Err(e) => {
                _ = canvas.set_attribute("data-error", &e);
                leptos::logging::warn!("the {id} chart could not be drawn: {e}");
            }
        }
    });

    let readout = Memo::new(move |_| {
        let month = active.get()?.month;
        let read = readout.as_ref()?;
        geometry.with(|g| read(g.as_ref()?, month))
    });

    let on_move = move |ev: MouseEvent| {
        let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
        let month = geometry.with_untracked(|g| {
            g.as_ref()
                .and_then(|g| g.month_at(x * g.scale, y * g.scale))
        });
        let next = month.map(|month| Active {
            month,
            pointer: Some((x, y)),
        });
        if active.get_untracked() != next {
            active.set(next);
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let key = ev.key();
        if key == "Escape" {
            if active.get_untracked().is_some() {
                active.set(None);
                ev.prevent_default();
            }
            return;
        }
        let current = active.get_untracked().map(|a| a.month);
        let Some(next) = geometry.with_untracked(|g| {
            let g = g.as_ref()?;
            match key.as_str() {
                "ArrowRight" => g.step(current, 1),
                "ArrowLeft" => g.step(current, -1),
                "Home" => g.first_month(),
                "End" => g.last_month(),
                _ => None,
            }
        }) else {
            return;
        };
        ev.prevent_default();
        active.set(Some(Active {
            month: next,
            pointer: None,
        }));
    };
    let hide_keyboard_readout = move |_| {
        if active.get_untracked().is_some_and(|a| a.pointer.is_none()) {
            active.set(None);
        }
    };
    let download = move |_| {
        if let Some(canvas) = canvas_ref.get_untracked() {
            if let Err(e) = download_png(&canvas, id) {
                leptos::logging::warn!("the {id} chart could not be exported: {e}");
            }
        }
    };

    // CSS pixels of a backend pixel position.
    let css = move |backend_px: f64| {
        geometry.with_untracked(|g| backend_px / g.as_ref().map_or(1.0, |g| g.scale))
    };
    // Where the readout box sits: beside the pointer (or the keyboard's month),
    // on whichever side has room. The chart's layout is set as CSS properties
    // (`style:…`, so the component needs no stylesheet), never as a `style`
    // attribute, which the page's Content-Security-Policy would refuse.
    let readout_place = move || {
        let r = readout.get()?;
        let pointer = active.get().and_then(|a| a.pointer);
        let x = pointer.map_or_else(|| css(r.x_px), |p| p.0);
        let (top, width) = geometry.with(|g| {
            g.as_ref().map_or((0.0, 0.0), |g| {
                (
                    g.plot_area.top / g.scale,
                    size.get().map_or(0.0, |s| s.css_w),
                )
            })
        });
        let side = if x > width * 0.55 {
            Side::Right((width - x + 12.0).max(0.0))
        } else {
            Side::Left(x + 12.0)
        };
        Some((top + 4.0, side))
    };
    let readout_top = move || readout_place().map_or_else(|| "0".to_owned(), |(t, _)| px(t));
    let readout_left = move || match readout_place() {
        Some((_, Side::Left(x))) => px(x),
        Some((_, Side::Right(_))) => "auto".to_owned(),
        None => "0".to_owned(),
    };
    let readout_right = move || match readout_place() {
        Some((_, Side::Right(x))) => px(x),
        _ => "auto".to_owned(),
    };
    let guide = move || {
        let r = readout.get()?;
        let (top, height) = geometry.with(|g| {
            g.as_ref().map(|g| {
                (
                    g.plot_area.top / g.scale,
                    (g.plot_area.bottom - g.plot_area.top) / g.scale,
                )
            })
        })?;
        Some(view! {
            <div
                class="hr-chart__guide"
                aria-hidden="true"
                style:position="absolute"
                style:width="0"
                style:border-left="1px dashed currentColor"
                style:opacity="0.6"
                style:pointer-events="none"
                style:left=px(css(r.x_px))
                style:top=px(top)
                style:height=px(height)
            ></div>
        })
    };
    let readout_box = move || {
        readout.get().map(|r| {
            let lines = r
                .lines
                .into_iter()
                .map(|(label, value)| {
                    view! {
                        <div class="hr-chart__readout-line">
                            <dt>{label}</dt>
                            <dd>{value}</dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="hr-chart__readout-box">
                    <p class="hr-chart__readout-title">{r.title}</p>
                    <dl class="hr-chart__readout-lines">{lines}</dl>
                </div>
            }
        })
    };

    view! {
        <figure class="hr-chart" data-testid=format!("chart-{id}")>
            <figcaption class="hr-chart__title">{title}</figcaption>
            <div class="hr-chart__stage" style:position="relative">
                <canvas
                    node_ref=canvas_ref
                    class="hr-chart__canvas"
                    style:display="block"
                    style:width="100%"
                    style:height="var(--hr-chart-height, min(320px, 70vw))"
                    role="img"
                    aria-label=description
                    tabindex="0"
                    data-draws="0"
                    on:mousemove=on_move
                    on:mouseleave=move |_| active.set(None)
                    on:keydown=on_key
                    on:blur=hide_keyboard_readout
                ></canvas>
                {guide}
                <div
                    class="hr-chart__readout"
                    data-testid=format!("chart-{id}-readout")
                    data-month=move || readout.get().map(|r| r.month.to_string())
                    aria-live="polite"
                    style:position="absolute"
                    style:pointer-events="none"
                    style:top=readout_top
                    style:left=readout_left
                    style:right=readout_right
                >
                    {readout_box}
                </div>
            </div>
            <div class="hr-chart__actions">
                <button
                    type="button"
                    class="hr-chart__png"
                    data-testid=format!("chart-{id}-png")
                    aria-label=format!("Download the {} chart as PNG", title.to_lowercase())
                    on:click=download
                >
                    "PNG"
                </button>
            </div>
        </figure>
    }
}

/// The side of the pointer the readout box sits on, and its distance (CSS px)
/// from that edge of the chart.
#[derive(Clone, Copy)]
enum Side {
    Left(f64),
    Right(f64),
}

/// A CSS length in pixels, to one decimal.
fn px(v: f64) -> String {
    format!("{v:.1}px")
}
