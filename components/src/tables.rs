//! The tables: headline figures, the stage table, the timeline of architecture
//! changes, the monthly table and the model's warnings. They carry the same
//! numbers as the charts, for people who do not read charts and for screen readers.
//!
//! The monthly table's columns are defined once ([`monthly_columns`]) and the CSV
//! export reads the same definition, so the file matches what is shown.

use headroom_models::format;
use headroom_models::projection::{CostScope, Month, StageSummary};
use headroom_models::{Basis, Projection};
use leptos::prelude::*;

/// Shown where a figure does not exist (no customers yet, no revenue).
pub const ABSENT: &str = "–";

fn opt_usd(v: Option<f64>) -> String {
    v.map_or_else(|| ABSENT.to_owned(), format::usd)
}

fn opt_percent(v: Option<f64>) -> String {
    v.map_or_else(|| ABSENT.to_owned(), format::percent)
}

fn opt_ms(v: Option<f64>) -> String {
    v.map_or_else(
        || ABSENT.to_owned(),
        |ms| format!("{} ms", format::fixed(ms, 0)),
    )
}

/// The architecture sized for a month, in a few words per tier.
pub fn architecture(m: &Month) -> Vec<(&'static str, String)> {
    let t = &m.tiers;
    let mut out = vec![
        (
            "App servers",
            format!(
                "{} × {} at {}",
                t.app.count,
                t.app.sku,
                format::percent(t.app.utilization)
            ),
        ),
        (
            "Database",
            format!(
                "{} ({} CPU)",
                t.db.in_words(),
                format::percent(t.db.utilization)
            ),
        ),
    ];
    out.push((
        "Pooler",
        t.pooler
            .as_ref()
            .map_or_else(|| ABSENT.to_owned(), |p| format!("{} × {}", p.count, p.sku)),
    ));
    out.push((
        "Cache",
        t.cache.as_ref().map_or_else(
            || ABSENT.to_owned(),
            |c| {
                format!(
                    "{} × {} ({} memory)",
                    c.count,
                    c.sku,
                    format::percent(c.memory_utilization)
                )
            },
        ),
    ));
    out.push((
        "Workers",
        t.workers.as_ref().map_or_else(
            || ABSENT.to_owned(),
            |w| {
                format!(
                    "{} × {} at {}",
                    w.count,
                    w.sku,
                    format::percent(w.utilization)
                )
            },
        ),
    ));
    out.push(("CDN", if t.cdn { "yes" } else { ABSENT }.to_owned()));
    out.push((
        "Services",
        if t.services.is_empty() {
            ABSENT.to_owned()
        } else {
            t.services
                .iter()
                .map(|s| format!("{s:?}").to_lowercase())
                .collect::<Vec<_>>()
                .join(", ")
        },
    ));
    out.push((
        "Extra regions",
        if t.extra_regions == 0 {
            ABSENT.to_owned()
        } else {
            t.extra_regions.to_string()
        },
    ));
    out
}

/// One column of the monthly table: its header and the text shown.
pub struct Column {
    pub header: &'static str,
    pub shown: fn(&Month) -> String,
}

/// The monthly table's columns (the CSV export is the model's
/// `monthly_csv`, with every figure).
pub fn monthly_columns() -> Vec<Column> {
    vec![
        Column {
            header: "Month",
            shown: |m| m.month.to_string(),
        },
        Column {
            header: "Stage",
            shown: |m| m.stage.to_string(),
        },
        Column {
            header: "MAU",
            shown: |m| format::count(m.mau),
        },
        Column {
            header: "DAU",
            shown: |m| format::count(m.dau),
        },
        Column {
            header: "Customers",
            shown: |m| format::count(m.customers),
        },
        Column {
            header: "Peak RPS",
            shown: |m| format::number(m.peak_rps),
        },
        Column {
            header: "App servers",
            shown: |m| format!("{} × {}", m.tiers.app.count, m.tiers.app.sku),
        },
        Column {
            header: "Database",
            shown: |m| m.tiers.db.in_words(),
        },
        Column {
            header: "API p95",
            shown: |m| opt_ms(m.api_p95_ms),
        },
        Column {
            header: "Infrastructure (USD)",
            shown: |m| format::usd(m.infrastructure_usd),
        },
        Column {
            header: "Infrastructure per customer (USD)",
            shown: |m| opt_usd(m.infrastructure_per_customer_usd),
        },
        Column {
            header: "Payment fees (USD)",
            shown: |m| format::usd(m.payment_fees_usd),
        },
        Column {
            header: "Monthly cost (USD)",
            shown: |m| format::usd(m.total_usd),
        },
        Column {
            header: "Cost per customer (USD)",
            shown: |m| opt_usd(m.cost_per_customer_usd),
        },
        Column {
            header: "Margin after cost",
            shown: |m| opt_percent(m.margin_after_cost()),
        },
    ]
}

/// Headline figures of the horizon (its stage in the heading): users, the cost
/// in the chosen scope and per customer, payment fees on their own, margin; with the switch that
/// chooses whether cost counts the payment fees (infrastructure alone at first).
#[component]
pub fn Headline(
    /// The model's projection of the current scenario.
    #[prop(into)]
    projection: Signal<Projection>,
    /// Which costs the cost figures, and the charts, count.
    scope: RwSignal<CostScope>,
    /// Show the switch (not in an embed, which has no controls).
    #[prop(optional)]
    switchable: bool,
) -> impl IntoView {
    let figures = move || {
        let scope = scope.get();
        projection.with(|p| match p.months.last() {
            Some(m) => view! {
                <dl class="hr-figures">
                    <Figure label="Monthly active users" value=format::count(m.mau) testid="horizon-mau" />
                    <Figure label="Customers" value=format::count(m.customers) testid="horizon-customers" />
                    <Figure label=scope.name() value=format::usd_per_month(scope.total(m)) testid="horizon-cost" />
                    <Figure
                        label=scope.per_customer_name()
                        value=scope.per_customer(m).map_or_else(|| "no customers yet".to_owned(), format::usd)
                        testid="horizon-cost-per-customer"
                    />
                    <Figure label="Payment fees" value=format::usd_per_month(m.payment_fees_usd) testid="horizon-payment-fees" />
                    {(m.commitment.savings_usd > 0.0).then(|| view! {
                        <Figure
                            label="Commitment saves"
                            value=format::usd_per_month(m.commitment.savings_usd)
                            testid="horizon-commitment-savings"
                        />
                    })}
                    <Figure
                        label="Margin after cost"
                        value=opt_percent(m.margin_after_cost())
                        testid="horizon-margin"
                    />
                </dl>
            }
            .into_any(),
            None => view! {
                <p class="hr-empty" data-testid="horizon-empty">
                    "This scenario's projection has no months to show."
                </p>
            }
            .into_any(),
        })
    };
    let month = move || projection.with(|p| p.months.last().map(|m| (m.month, m.stage)));
    let include_fees = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        scope.set(if on {
            CostScope::WithPaymentFees
        } else {
            CostScope::Infrastructure
        });
    };
    view! {
        <section class="hr-horizon" aria-labelledby="hr-horizon-title">
            <h2 id="hr-horizon-title" class="hr-section-title">
                {move || match month() {
                    Some((m, stage)) => view! {
                        "At month " <span data-testid="horizon-month">{m}</span> " (the horizon): "
                        <span data-testid="horizon-stage">{stage.to_string()}</span>
                    }
                    .into_any(),
                    None => view! { "The horizon" }.into_any(),
                }}
            </h2>
            {figures}
            <p class="hr-figures__note">
                "Infrastructure is what running the product costs: servers, databases, storage, delivery and managed services. Payment fees are what the payment processor and the billing product keep of the revenue; margin counts both."
            </p>
            {switchable.then(|| view! {
                <label class="hr-switch">
                    <input
                        type="checkbox"
                        data-testid="include-payment-fees"
                        prop:checked=move || scope.get() == CostScope::WithPaymentFees
                        on:change=include_fees
                    />
                    " Include payment fees (card processing, billing) in the cost figures and charts"
                </label>
            })}
        </section>
    }
}

/// One headline figure: a label and its formatted value.
#[component]
pub fn Figure(
    /// What the figure is, e.g. "Monthly active users".
    label: &'static str,
    /// The figure, already formatted with its unit.
    #[prop(into)]
    value: String,
    /// The `data-testid` of the value, for end-to-end tests.
    testid: &'static str,
) -> impl IntoView {
    view! {
        <div class="hr-figure">
            <dt class="hr-figure__label">{label}</dt>
            <dd class="hr-figure__value" data-testid=testid>{value}</dd>
        </div>
    }
}

/// The stage table: one column per stage the projection reaches, with the figures
/// at the stage's last month (its boundary): users, load, the architecture the
/// model sized, cost by service, cost per customer and margin.
#[component]
pub fn StageTable(
    /// The model's projection of the current scenario.
    #[prop(into)]
    projection: Signal<Projection>,
) -> impl IntoView {
    let table = move || {
        projection.with(|p| {
            let stages: Vec<(&StageSummary, &Month)> = p
                .stages
                .iter()
                .filter_map(|s| p.months.iter().find(|m| m.month == s.last_month).map(|m| (s, m)))
                .collect();
            if stages.is_empty() {
                return view! { <p class="hr-empty">"No stages to show."</p> }.into_any();
            }
            let head = stages
                .iter()
                .map(|(s, _)| {
                    view! {
                        <th scope="col">
                            <span class="hr-stages__stage">{s.stage.to_string()}</span>
                            <span class="hr-stages__months">
                                {format!("months {}–{}", s.first_month, s.last_month)}
                            </span>
                        </th>
                    }
                })
                .collect_view();
            let row = |label: String, cells: Vec<String>, class: &'static str| {
                let cells = cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view();
                view! { <tr class=class><th scope="row">{label}</th>{cells}</tr> }
            };
            let each = |f: &dyn Fn(&Month) -> String| stages.iter().map(|(_, m)| f(m)).collect::<Vec<_>>();
            let mut rows = Vec::new();
            rows.push(row("Monthly active users".into(), each(&|m| format::count(m.mau)), "hr-stages__key"));
            rows.push(row("Customers".into(), each(&|m| format::count(m.customers)), ""));
            rows.push(row("Peak requests per second".into(), each(&|m| format::number(m.peak_rps)), ""));
            rows.push(row(
                "Database reads / writes per second".into(),
                each(&|m| format!("{} / {}", format::number(m.db_reads_per_s), format::number(m.db_writes_per_s))),
                "",
            ));
            rows.push(row("Database size".into(), each(&|m| format::gb(m.db_storage_gb)), ""));
            rows.push(row("API p95 latency".into(), each(&|m| opt_ms(m.api_p95_ms)), ""));
            let arch_labels: Vec<&'static str> = architecture(stages[0].1).iter().map(|(l, _)| *l).collect();
            for (i, label) in arch_labels.iter().enumerate() {
                rows.push(row(
                    (*label).to_owned(),
                    stages.iter().map(|(_, m)| architecture(m)[i].1.clone()).collect(),
                    "hr-stages__arch",
                ));
            }
            let items = stages[0].1.costs_usd.items();
            for (i, (name, _)) in items.iter().enumerate() {
                let costs: Vec<f64> = stages.iter().map(|(_, m)| m.costs_usd.items()[i].1).collect();
                if costs.iter().all(|c| *c == 0.0) {
                    continue;
                }
                rows.push(row(
                    format!("Cost: {}", name.label()),
                    costs.into_iter().map(format::usd).collect(),
                    "hr-stages__cost",
                ));
            }
            if stages.iter().any(|(_, m)| m.commitment.savings_usd > 0.0) {
                rows.push(row("Committed baseline".into(), each(&|m| format::usd_per_month(m.commitment.committed_usd)), ""));
                rows.push(row("Commitment saves".into(), each(&|m| format::usd_per_month(m.commitment.savings_usd)), ""));
            }
            rows.push(row("Infrastructure".into(), each(&|m| format::usd_per_month(m.infrastructure_usd)), "hr-stages__key"));
            rows.push(row("Infrastructure per customer".into(), each(&|m| opt_usd(m.infrastructure_per_customer_usd)), "hr-stages__key"));
            rows.push(row("Monthly cost".into(), each(&|m| format::usd_per_month(m.total_usd)), "hr-stages__key"));
            rows.push(row("Cost per customer".into(), each(&|m| opt_usd(m.cost_per_customer_usd)), "hr-stages__key"));
            rows.push(row("Margin after cost".into(), each(&|m| opt_percent(m.margin_after_cost())), ""));
            let recommended = stages
                .iter()
                .map(|(s, _)| view! { <td class="hr-stages__recommended">{s.recommended.clone()}</td> })
                .collect_view();
            view! {
                <div class="hr-table-scroll" tabindex="0" role="region" aria-label="Stage table, scrolls sideways">
                    <table class="hr-stages" data-testid="stage-table">
                        <caption class="hr-visually-hidden">"Figures at the last month of each growth stage"</caption>
                        <thead><tr><th scope="col">"At the end of"</th>{head}</tr></thead>
                        <tbody>
                            {rows.into_iter().collect_view()}
                            <tr><th scope="row">"Usual architecture at this stage"</th>{recommended}</tr>
                        </tbody>
                    </table>
                </div>
            }
            .into_any()
        })
    };
    view! {
        <section class="hr-section" id="view-stages" aria-labelledby="hr-stages-title">
            <h2 id="hr-stages-title" class="hr-section-title">"Stages"</h2>
            {table}
        </section>
    }
}

/// The timeline of architecture changes: month, change, what triggered it (the
/// model or a rule of thumb), the metric against its threshold, the reason, and
/// whether the projection adopted it; then where the two disagree.
#[component]
pub fn Timeline(
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
                .map(|e| {
                    let basis_class = match e.basis {
                        Basis::Model => "hr-basis hr-basis--model",
                        Basis::RuleOfThumb => "hr-basis hr-basis--rule",
                    };
                    view! {
                        <tr class="hr-timeline__row">
                            <td class="hr-timeline__month">{e.month}</td>
                            <td>{e.change.to_string()}</td>
                            <td><span class=basis_class>{e.basis.to_string()}</span></td>
                            <td class="hr-timeline__metric">
                                {format!(
                                    "{} {} vs {}",
                                    e.metric.replace('_', " "),
                                    format::number(e.value),
                                    format::number(e.threshold)
                                )}
                            </td>
                            <td>{e.reason.clone()}</td>
                            <td>{if e.adopted { "adopted" } else { "—" }}</td>
                        </tr>
                    }
                })
                .collect_view();
            let gaps = p
                .gaps
                .iter()
                .map(|g| {
                    view! {
                        <li>
                            <strong>{g.change.to_string()}": "</strong>
                            {g.note.clone()}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="hr-table-scroll" tabindex="0" role="region" aria-label="Timeline, scrolls sideways">
                    <table class="hr-timeline" data-testid="events">
                        <thead>
                            <tr>
                                <th scope="col">"Month"</th>
                                <th scope="col">"Change"</th>
                                <th scope="col">"Triggered by"</th>
                                <th scope="col">"Metric vs threshold"</th>
                                <th scope="col">"Reason"</th>
                                <th scope="col">"In the projection"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <h3 class="hr-subtitle" hidden=p.gaps.is_empty()>"Where the model and the rule of thumb disagree"</h3>
                <ul class="hr-gaps" data-testid="gaps">{gaps}</ul>
            }
            .into_any()
        })
    };
    view! {
        <section class="hr-section" id="view-timeline" aria-labelledby="hr-changes-title">
            <h2 id="hr-changes-title" class="hr-section-title">"Architecture changes"</h2>
            {body}
        </section>
    }
}

/// The monthly table, collapsed by default: every month with the columns of
/// [`monthly_columns`] (what the CSV export writes).
#[component]
pub fn MonthlyTable(
    /// The model's projection of the current scenario.
    #[prop(into)]
    projection: Signal<Projection>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let body = move || {
        // Built only while open: 120 rows are not worth rendering unseen.
        open.get().then(|| {
            projection.with(|p| {
                let columns = monthly_columns();
                let head = columns.iter().map(|c| view! { <th scope="col">{c.header}</th> }).collect_view();
                let rows = p
                    .months
                    .iter()
                    .map(|m| {
                        let cells = columns.iter().map(|c| view! { <td>{(c.shown)(m)}</td> }).collect_view();
                        view! { <tr>{cells}</tr> }
                    })
                    .collect_view();
                view! {
                    <div class="hr-table-scroll" tabindex="0" role="region" aria-label="Monthly table, scrolls">
                        <table class="hr-monthly" data-testid="monthly-table">
                            <thead><tr>{head}</tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })
        })
    };
    view! {
        <details class="hr-section hr-monthly-wrap" on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            let open_now = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                .is_some_and(|d| d.open());
            open.set(open_now);
        }>
            <summary class="hr-section-title" data-testid="monthly-toggle">"Month by month"</summary>
            {body}
        </details>
    }
}

/// The model's warnings, if any: saturation, missed objectives, implausible
/// inputs, and the UNVERIFIED prices the projection used.
#[component]
pub fn Warnings(
    /// The model's projection of the current scenario.
    #[prop(into)]
    projection: Signal<Projection>,
) -> impl IntoView {
    move || {
        projection.with(|p| {
            (!p.warnings.is_empty()).then(|| {
                let items = p.warnings.iter().map(|w| view! { <li>{w.to_string()}</li> }).collect_view();
                view! {
                    <details class="hr-warnings" data-testid="warnings">
                        <summary class="hr-warnings__title">
                            {format!("{} warning{} from the model", p.warnings.len(), if p.warnings.len() == 1 { "" } else { "s" })}
                        </summary>
                        <ul class="hr-warnings__list">{items}</ul>
                    </details>
                }
            })
        })
    }
}
