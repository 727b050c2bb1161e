//! The uncertainty view: the Monte Carlo's progress, its percentiles at a few
//! months, how likely each architecture change is by then, and the sensitivity
//! ranking. Shown while the scenario has ranged inputs. Every figure comes from
//! the model's [`Simulation`] and [`Swing`]s; this only formats them.

use std::sync::Arc;

use headroom_models::format;
use headroom_models::uncertainty::{Band, Simulation, Simulator, Swing};
use headroom_models::Projection;
use leptos::prelude::*;

use crate::charts::{FanChart, FanKind, TornadoChart};
use crate::inputs::label;

/// Where a Monte Carlo run stands.
#[derive(Debug, Clone)]
pub enum SimState {
    /// The scenario has no ranged inputs.
    Off,
    /// Paths done of the total (the page stays responsive meanwhile).
    Running { done: u32, total: u32 },
    /// The finished run: its percentiles, and the run itself (for the raw samples).
    Done(Arc<Simulation>, Arc<Simulator>),
    /// The ranges could not be simulated (the model's message).
    Failed(String),
}

impl PartialEq for SimState {
    /// Runs are equal when they are the same run (a finished run is never copied).
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (SimState::Off, SimState::Off) => true,
            (SimState::Running { done: a, total: b }, SimState::Running { done: c, total: d }) => {
                a == c && b == d
            }
            (SimState::Done(a, _), SimState::Done(b, _)) => Arc::ptr_eq(a, b),
            (SimState::Failed(a), SimState::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// The months the tables show: every 12th and the horizon.
fn marks(months: usize) -> Vec<usize> {
    let last = months.saturating_sub(1);
    let mut out: Vec<usize> = (12..last).step_by(12).collect();
    out.push(last);
    out
}

fn band_text(b: &Band, f: fn(f64) -> String) -> String {
    format!("{} · {} · {}", f(b.p10), f(b.p50), f(b.p90))
}

/// The uncertainty section: progress, percentiles, change probabilities,
/// sensitivity, and the percentiles as CSV.
#[component]
pub fn UncertaintyView(
    /// The Monte Carlo run of the current scenario.
    #[prop(into)]
    state: Signal<SimState>,
    /// The sensitivity ranking (each ranged input alone at its ends).
    #[prop(into)]
    swings: Signal<Option<Result<Vec<Swing>, String>>>,
    /// Downloads the percentiles (the app shell owns downloads).
    on_export: Callback<Arc<Simulation>>,
    /// Downloads the raw samples (every path's figures).
    on_export_samples: Callback<Arc<Simulator>>,
    /// The projection of the likely values (for the fans and the tornado's base).
    #[prop(into)]
    projection: Signal<Projection>,
    /// Draw the charts with the dark theme's colours.
    #[prop(into)]
    dark: Signal<bool>,
) -> impl IntoView {
    let finished = Signal::derive(move || match state.get() {
        SimState::Done(sim, _) => Some(sim),
        _ => None,
    });
    let fans = view! {
        <div class="hr-charts" hidden=move || finished.with(Option::is_none)>
            <FanChart kind=FanKind::Cost simulation=finished projection dark />
            <FanChart kind=FanKind::CostPerCustomer simulation=finished projection dark />
        </div>
    };
    let ranked = Signal::derive(move || {
        swings.with(|s| {
            s.as_ref()
                .and_then(|r| r.as_ref().ok())
                .cloned()
                .unwrap_or_default()
        })
    });
    let base = Signal::derive(move || {
        projection.with(|p| {
            p.months
                .last()
                .and_then(|m| m.infrastructure_per_customer_usd)
        })
    });
    let tornado = view! {
        <div hidden=move || ranked.with(Vec::is_empty)>
            <TornadoChart swings=ranked base dark />
        </div>
    };
    let body = move || match state.get() {
        SimState::Off => None,
        SimState::Running { done, total } => Some(
            view! {
                <p class="hr-sim__progress" data-testid="sim-progress">
                    <progress max=total value=done></progress>
                    {format!(
                        " Simulating: {} of {} paths…",
                        format::count(f64::from(done)),
                        format::count(f64::from(total))
                    )}
                </p>
            }
            .into_any(),
        ),
        SimState::Failed(why) => {
            Some(view! { <p class="hr-field__error" data-testid="sim-error">{why}</p> }.into_any())
        }
        SimState::Done(sim, run) => {
            Some(view! { <SimTables sim run on_export on_export_samples /> }.into_any())
        }
    };
    let ranking = move || {
        swings.get().map(|r| match r {
            Ok(list) => view! { <SwingTable swings=list /> }.into_any(),
            Err(why) => view! { <p class="hr-field__error">{why}</p> }.into_any(),
        })
    };
    view! {
        <section
            class="hr-section hr-sim"
            id="view-uncertainty"
            aria-labelledby="hr-sim-title"
            hidden=move || state.with(|s| *s == SimState::Off)
            data-testid="uncertainty"
        >
            <h2 id="hr-sim-title" class="hr-section-title">"Uncertainty"</h2>
            <p class="hr-sim__note">
                "Each ranged input (±) is drawn between its low and high ends, most often near its likely value (triangular). "
                "P10 · P50 · P90: one path in ten is below the first figure, half below the second, nine in ten below the third."
            </p>
            {body}
            {fans}
            {tornado}
            {ranking}
        </section>
    }
}

/// The finished run's tables.
#[component]
fn SimTables(
    /// The finished run's percentiles.
    sim: Arc<Simulation>,
    /// The finished run.
    run: Arc<Simulator>,
    /// Downloads the percentiles.
    on_export: Callback<Arc<Simulation>>,
    /// Downloads the raw samples.
    on_export_samples: Callback<Arc<Simulator>>,
) -> impl IntoView {
    let marks = marks(sim.months.len());
    let rows = marks
        .iter()
        .filter_map(|&i| sim.months.get(i))
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{m.month}</th>
                    <td>{band_text(&m.mau, format::count)}</td>
                    <td>{band_text(&m.total_usd, format::usd)}</td>
                    <td>{m.cost_per_customer_usd.as_ref().map_or_else(|| "–".to_owned(), |b| band_text(b, format::usd))}</td>
                </tr>
            }
        })
        .collect_view();
    let month_heads = marks
        .iter()
        .filter_map(|&i| sim.months.get(i))
        .map(|m| view! { <th scope="col">{format!("by month {}", m.month)}</th> })
        .collect_view();
    let changes = sim
        .changes
        .iter()
        .map(|c| {
            let cells = marks
                .iter()
                .map(|&i| {
                    let p = c.by_month.get(i).copied().unwrap_or(0.0);
                    view! { <td>{format::percent(p)}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{c.change.to_string()}</th>{cells}</tr> }
        })
        .collect_view();
    let export = {
        let sim = Arc::clone(&sim);
        move |_| on_export.run(Arc::clone(&sim))
    };
    view! {
        <p class="hr-sim__done" data-testid="sim-done">
            {format!(
                "{} paths, seed {}{}.",
                format::count(f64::from(sim.paths)),
                sim.seed,
                if sim.redrawn > 0 { format!(" ({} draws invalid together, drawn again)", sim.redrawn) } else { String::new() }
            )}
            " "
            <button type="button" class="hr-button hr-button--small" data-testid="export-percentiles" on:click=export>
                "Percentiles (CSV)"
            </button>
            " "
            <button
                type="button"
                class="hr-button hr-button--small"
                data-testid="export-samples"
                on:click=move |_| on_export_samples.run(Arc::clone(&run))
            >
                "Raw samples (CSV)"
            </button>
        </p>
        <div class="hr-table-scroll" tabindex="0" role="region" aria-label="Percentiles, scrolls sideways">
            <table class="hr-sim__table" data-testid="sim-table">
                <caption class="hr-visually-hidden">"P10, P50 and P90 across the paths"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Month"</th>
                        <th scope="col">"Monthly active users"</th>
                        <th scope="col">"Monthly cost"</th>
                        <th scope="col">"Cost per customer"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h3 class="hr-subtitle">"How likely each change is made"</h3>
        <div class="hr-table-scroll" tabindex="0" role="region" aria-label="Change probabilities, scrolls sideways">
            <table class="hr-sim__table" data-testid="sim-changes">
                <thead><tr><th scope="col">"Change"</th>{month_heads}</tr></thead>
                <tbody>{changes}</tbody>
            </table>
        </div>
    }
}

/// The sensitivity ranking: which input moves infrastructure cost per customer most.
#[component]
fn SwingTable(
    /// The ranked swings, largest first.
    swings: Vec<Swing>,
) -> impl IntoView {
    let rows = swings
        .into_iter()
        .map(|s| {
            let name = label(&s.input).map_or(s.input.clone(), |l| l.0.to_owned());
            let opt = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), format::usd);
            view! {
                <tr data-input=s.input.clone()>
                    <th scope="row">{name}</th>
                    <td>{format::number(s.low)}" – "{format::number(s.high)}</td>
                    <td>{opt(s.infrastructure_per_customer_at_low)}</td>
                    <td>{opt(s.infrastructure_per_customer_at_high)}</td>
                    <td>{format::usd(s.per_customer_swing())}</td>
                    <td>{format::usd(s.infrastructure_swing())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3 class="hr-subtitle">"Which input matters most"</h3>
        <p class="hr-sim__note">"Each input alone at its low and high end, the others at their likely values; infrastructure (cost less card fees) at the horizon, largest swing per customer first."</p>
        <div class="hr-table-scroll" tabindex="0" role="region" aria-label="Sensitivity, scrolls sideways">
            <table class="hr-sim__table" data-testid="tornado-table">
                <thead>
                    <tr>
                        <th scope="col">"Input"</th>
                        <th scope="col">"Low – high"</th>
                        <th scope="col">"Infrastructure per customer at low"</th>
                        <th scope="col">"at high"</th>
                        <th scope="col">"Swing"</th>
                        <th scope="col">"Monthly infrastructure swing"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
