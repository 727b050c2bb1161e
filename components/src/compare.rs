//! Compare mode: scenario B beside A, by stage and at the horizon, with B − A.
//! The figures are the model's (`headroom_models::compare`); this only formats.

use headroom_models::compare::compare;
use headroom_models::Projection;
use leptos::prelude::*;

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
                let table = c.table();
                let headers = table.headers.map(|h| view! { <th scope="col">{h}</th> });
                let rows: Vec<_> = table
                    .rows
                    .into_iter()
                    .map(|(label, cells)| {
                        let cells: Vec<_> = cells.into_iter().map(|c| view! { <td>{c}</td> }).collect();
                        view! { <tr><th scope="row">{label}</th>{cells}</tr> }
                    })
                    .collect();
                view! {
                    <p class="hr-compare__names">
                        "A: " <strong data-testid="compare-a">{c.a.clone()}</strong>
                        " · B: " <strong data-testid="compare-b">{c.b.clone()}</strong>
                    </p>
                    <div class="hr-table-scroll" tabindex="0" role="region" aria-label="Comparison, scrolls sideways">
                        <table class="hr-compare__table" data-testid="compare-table">
                            <thead>
                                <tr>{headers.into_iter().collect_view()}</tr>
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
