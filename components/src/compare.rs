//! Compare mode: scenario B beside A, by stage and at the horizon, with B − A.
//! The figures are the model's (`headroom_models::compare`); this only formats.

use headroom_models::compare::{compare, Difference, Point};
use headroom_models::Projection;
use leptos::prelude::*;

use crate::format;

fn point_cells(p: &Option<Point>) -> [String; 3] {
    match p {
        Some(p) => [
            format::count(p.mau),
            format::usd_per_month(p.total_usd),
            p.cost_per_customer_usd
                .map_or_else(|| "–".to_owned(), format::usd),
        ],
        None => ["–".to_owned(), "–".to_owned(), "–".to_owned()],
    }
}

fn signed(v: Option<f64>, f: fn(f64) -> String) -> String {
    match v {
        Some(v) if v < 0.0 => format!("−{}", f(-v)),
        Some(v) => format!("+{}", f(v)),
        None => "–".to_owned(),
    }
}

/// The per-stage difference table of A (the scenario being planned) and B.
#[component]
pub fn CompareTable(
    /// A's projection.
    #[prop(into)]
    a: Signal<Projection>,
    /// B's projection.
    #[prop(into)]
    b: Signal<Projection>,
) -> impl IntoView {
    let table = move || {
        a.with(|a| {
            b.with(|b| {
                let c = compare(a, b);
                let row = |label: String, d: &Difference| {
                    let [a_mau, a_cost, a_cpc] = point_cells(&d.a);
                    let [b_mau, b_cost, b_cpc] = point_cells(&d.b);
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td>{a_mau}</td>
                            <td>{a_cost}</td>
                            <td>{a_cpc}</td>
                            <td>{b_mau}</td>
                            <td>{b_cost}</td>
                            <td>{b_cpc}</td>
                            <td>{signed(d.total_usd, format::usd)}</td>
                            <td>{signed(d.cost_per_customer_usd, format::usd)}</td>
                        </tr>
                    }
                };
                let mut rows: Vec<_> = c
                    .stages
                    .iter()
                    .map(|s| row(format!("End of {}", s.stage), &s.difference))
                    .collect();
                rows.push(row("Horizon".to_owned(), &c.horizon));
                view! {
                    <p class="hr-compare__names">
                        "A: " <strong data-testid="compare-a">{c.a.clone()}</strong>
                        " · B: " <strong data-testid="compare-b">{c.b.clone()}</strong>
                    </p>
                    <div class="hr-table-scroll" tabindex="0" role="region" aria-label="Comparison, scrolls sideways">
                        <table class="hr-compare__table" data-testid="compare-table">
                            <thead>
                                <tr>
                                    <th scope="col"></th>
                                    <th scope="col">"A users"</th>
                                    <th scope="col">"A monthly cost"</th>
                                    <th scope="col">"A cost per customer"</th>
                                    <th scope="col">"B users"</th>
                                    <th scope="col">"B monthly cost"</th>
                                    <th scope="col">"B cost per customer"</th>
                                    <th scope="col">"B − A monthly cost"</th>
                                    <th scope="col">"B − A cost per customer"</th>
                                </tr>
                            </thead>
                            <tbody>{rows.into_iter().collect_view()}</tbody>
                        </table>
                    </div>
                }
            })
        })
    };
    view! { <div class="hr-compare">{table}</div> }
}
