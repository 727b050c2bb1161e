//! The app shell: the page layout and the first read-only view of a projection.
//!
//! One source of truth: the scenario signal. The projection is a memo over it,
//! computed by the model; every figure on the page is read from the projection
//! and only formatted here (see [`crate::format`]). The full planner (inputs,
//! charts, the stage table, sharing) grows from this shell.

use headroom_models::{project, Projection, Scenario};
use leptos::prelude::*;

use crate::format;

/// The whole page: header, the scenario's projection at its horizon, the
/// timeline of architecture changes, and a note on what is still to come.
///
/// Starts from the model's built-in default scenario.
#[component]
pub fn App() -> impl IntoView {
    let scenario = RwSignal::new(Scenario::default());
    let projection = Memo::new(move |_| scenario.with(project));
    let name = Signal::derive(move || scenario.with(|s| s.name().to_owned()));

    view! {
        <SiteHeader />
        <main class="hr-main">
            <ScenarioHeading name />
            <HorizonFigures projection />
            <Warnings projection />
            <ChangeTimeline projection />
            <PlannerNote />
        </main>
    }
}

/// The site header: the product name and what it does, in one line.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="hr-header">
            <h1 class="hr-header__title">"Headroom"</h1>
            <p class="hr-header__tagline">
                "What your infrastructure will cost per customer as you grow, "
                "and when the architecture has to change."
            </p>
        </header>
    }
}

/// The name of the scenario being shown.
#[component]
pub fn ScenarioHeading(
    /// The scenario's name, as the model reports it.
    #[prop(into)]
    name: Signal<String>,
) -> impl IntoView {
    view! {
        <h2 class="hr-scenario">
            <span class="hr-scenario__label">"Scenario: "</span>
            <span class="hr-scenario__name" data-testid="scenario-name">
                {name}
            </span>
        </h2>
    }
}

/// The headline figures at the end of the projection (its horizon): monthly
/// active users, customers, monthly cost, cost per customer and growth stage.
#[component]
pub fn HorizonFigures(
    /// The model's projection of the current scenario.
    #[prop(into)]
    projection: Signal<Projection>,
) -> impl IntoView {
    move || {
        projection.with(|p| match p.months.last() {
            Some(last) => {
                let cost_per_customer = last
                    .cost_per_customer_usd
                    .map_or_else(|| "no customers yet".to_owned(), format::usd);
                view! {
                    <section class="hr-horizon" aria-labelledby="hr-horizon-title">
                        <h3 id="hr-horizon-title" class="hr-section-title">
                            "At month "
                            <span data-testid="horizon-month">{last.month}</span>
                        </h3>
                        <dl class="hr-figures">
                            <Figure
                                label="Monthly active users"
                                value=format::count(last.mau)
                                testid="horizon-mau"
                            />
                            <Figure
                                label="Customers"
                                value=format::count(last.customers)
                                testid="horizon-customers"
                            />
                            <Figure
                                label="Monthly cost (infrastructure, services, card fees)"
                                value=format::usd_per_month(last.total_usd)
                                testid="horizon-cost"
                            />
                            <Figure
                                label="Cost per customer"
                                value=cost_per_customer
                                testid="horizon-cost-per-customer"
                            />
                            <Figure
                                label="Stage"
                                value=last.stage.to_string()
                                testid="horizon-stage"
                                class="hr-figure--text"
                            />
                        </dl>
                    </section>
                }
                .into_any()
            }
            None => view! {
                <p class="hr-empty" data-testid="horizon-empty">
                    "This scenario's projection has no months to show."
                </p>
            }
            .into_any(),
        })
    }
}

/// One headline figure: a label and its formatted value.
#[component]
pub fn Figure(
    /// What the figure is, e.g. "Monthly active users".
    label: &'static str,
    /// The figure, already formatted with its unit.
    #[prop(into)]
    value: Signal<String>,
    /// The `data-testid` of the value, for end-to-end tests.
    testid: &'static str,
    /// Extra classes for the figure, e.g. `hr-figure--text` for a value in words.
    #[prop(optional, into)]
    class: String,
) -> impl IntoView {
    let class = if class.is_empty() {
        "hr-figure".to_owned()
    } else {
        format!("hr-figure {class}")
    };
    view! {
        <div class=class>
            <dt class="hr-figure__label">{label}</dt>
            <dd class="hr-figure__value" data-testid=testid>
                {value}
            </dd>
        </div>
    }
}

/// The model's warnings about the scenario, if it has any; nothing otherwise.
#[component]
pub fn Warnings(
    /// The model's projection of the current scenario.
    #[prop(into)]
    projection: Signal<Projection>,
) -> impl IntoView {
    move || {
        projection.with(|p| {
            (!p.warnings.is_empty()).then(|| {
                let items = p
                    .warnings
                    .iter()
                    .map(|warning| view! { <li>{warning.to_string()}</li> })
                    .collect_view();
                view! {
                    <section class="hr-warnings" role="status" data-testid="warnings">
                        <h3 class="hr-section-title">"Warnings"</h3>
                        <ul class="hr-warnings__list">{items}</ul>
                    </section>
                }
            })
        })
    }
}

/// The architecture changes the projection calls for, in month order: when,
/// what, on what basis (the model or a rule of thumb), why, and whether the
/// projection made the change there (the stack's `adopt` setting decides).
#[component]
pub fn ChangeTimeline(
    /// The model's projection of the current scenario.
    #[prop(into)]
    projection: Signal<Projection>,
) -> impl IntoView {
    let body = move || {
        projection.with(|p| {
            if p.events.is_empty() {
                return view! {
                    <p class="hr-empty" data-testid="events-empty">
                        "No architecture changes are needed within the horizon."
                    </p>
                }
                .into_any();
            }
            let rows = p
                .events
                .iter()
                .map(|event| {
                    view! {
                        <tr class="hr-timeline__row">
                            <td class="hr-timeline__month">{event.month}</td>
                            <td>{event.change.to_string()}</td>
                            <td class="hr-timeline__basis">{event.basis.to_string()}</td>
                            <td>{event.reason.clone()}</td>
                            <td>{if event.adopted { "yes" } else { "no" }}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="hr-table-scroll">
                    <table class="hr-timeline" data-testid="events">
                        <thead>
                            <tr>
                                <th scope="col">"Month"</th>
                                <th scope="col">"Change"</th>
                                <th scope="col">"Basis"</th>
                                <th scope="col">"Reason"</th>
                                <th scope="col">"Adopted"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
        })
    };

    view! {
        <section class="hr-changes" aria-labelledby="hr-changes-title">
            <h3 id="hr-changes-title" class="hr-section-title">
                "Architecture changes"
            </h3>
            {body}
        </section>
    }
}

/// Says plainly what this page is: the model's default scenario, read-only,
/// with the full planner still to come.
#[component]
pub fn PlannerNote() -> impl IntoView {
    view! {
        <aside class="hr-note">
            <p>
                "This is Headroom's built-in default scenario, projected by the model in your browser. "
                "The full planner is coming: inputs and presets, charts, the stage table, "
                "and share links, saved scenarios and exports."
            </p>
        </aside>
    }
}
