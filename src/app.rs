//! The page: the one scenario and its projection, and the layout of the full
//! planner and of the embed.
//!
//! One source of truth: the scenario signal in [`Planner`]. The projection is a
//! memo of it, computed by the model; every figure on the page is read from the
//! projection and only formatted. The effects live in `sync` (address and
//! working copy) and `montecarlo` (the run of ranged inputs).

use std::sync::Arc;

use headroom_components::charts::{Chart, ChartKind};
use headroom_components::compare::CompareTable;
use headroom_components::inputs::Editor;
use headroom_components::tables::{Headline, MonthlyTable, StageTable, Timeline, Warnings};
use headroom_components::uncertainty::{SimState, UncertaintyView};
use headroom_models::projection::CostScope;
use headroom_models::uncertainty::{sensitivity, Simulation, Simulator, Swing};
use headroom_models::{project, Preset, Projection, Scenario};
use leptos::prelude::*;

use crate::browser;
use crate::panels::{Panel, Toolbar};
use crate::planner::{NoticeKind, Planner};
use crate::storage::Shelf;
use crate::url::{self, Request, View};
use crate::{montecarlo, sync};

/// The whole page. Reads the address (link, preset, parameters) and the working
/// scenario once, then shows the full planner or, with `embed=1`, the embed.
#[component]
pub fn App() -> impl IntoView {
    let (search, hash) = browser::location_parts();
    let request = Request::parse(&search, &hash);
    // The one library of the page: the panels reach it through context.
    let shelf = Shelf::browser();
    // An embed shows the scenario its address names (or the default), never the
    // reader's own working scenario.
    let (working, set_aside) = if request.embed {
        (Ok(None), None)
    } else {
        sync::read_working(&shelf)
    };
    // A working scenario that does not open but could not be set aside stays
    // where it is: this page then never writes over it.
    let keep_working = !matches!(set_aside, Some(sync::SetAside::Failed(_)));
    let start = url::resolve(&request, working);

    let planner = Planner {
        scenario: RwSignal::new(start.scenario),
        generation: RwSignal::new(0),
        notices: RwSignal::new(Vec::new()),
        view: start.view,
        embed: start.embed,
        simulation: RwSignal::new(SimState::Off),
        compare: RwSignal::new(start.compare),
        cost_scope: RwSignal::new(CostScope::default()),
    };
    for text in start.notices {
        planner.notify(NoticeKind::Problem, text);
    }
    if let Some(set_aside) = set_aside {
        planner.notify(NoticeKind::Problem, set_aside.notice());
    }
    provide_context(planner);
    provide_context(shelf);

    let projection = Memo::new(move |_| planner.scenario.with(project));
    let dark = browser::prefers_dark();

    if planner.embed {
        // An embed shows someone's fixed scenario: it writes neither the address
        // nor the reader's own working scenario.
        browser::watch_height(browser::post_height);
        return view! { <EmbedPage projection=projection dark /> }.into_any();
    }

    montecarlo::run(planner);
    sync::start(planner, shelf, keep_working);

    view! { <FullPage projection dark /> }.into_any()
}

/// The full planner: header, notices, toolbar, the editor beside the results.
#[component]
fn FullPage(
    /// The model's projection of the scenario.
    #[prop(into)]
    projection: Signal<Projection>,
    /// Whether the page is in the dark colour scheme.
    dark: Signal<bool>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let panel = RwSignal::new(None::<Panel>);
    let scenario: Signal<Scenario> = planner.scenario.into();
    let on_change = Callback::new(move |next: Scenario| planner.scenario.set(next));
    // Keyed by the generation: a new key re-creates the editor (new fields with
    // the new values) when the whole scenario is replaced.
    let editor = view! {
        <For
            each=move || std::iter::once(planner.generation.get())
            key=|generation| *generation
            children=move |_| view! { <Editor scenario on_change /> }
        />
    };
    let name = move || planner.scenario.with(|s| s.name().to_owned());
    // Two projections per ranged input: cheap enough to derive directly.
    let swings = Memo::new(move |_| {
        planner.scenario.with(|s| {
            let u = s.input().uncertainty.as_ref()?;
            Some(sensitivity(s, u).map_err(|e| e.to_string()))
        })
    });
    let swings: Signal<Option<Result<Vec<Swing>, String>>> = swings.into();
    let on_export = Callback::new(move |sim: Arc<Simulation>| {
        let file = "headroom-percentiles.csv";
        if let Err(e) = browser::download_text(file, "text/csv", &sim.csv()) {
            planner.notify(NoticeKind::Problem, format!("Could not export: {e}."));
        }
    });
    let on_export_samples = Callback::new(move |run: Arc<Simulator>| {
        let file = "headroom-samples.csv";
        if let Err(e) = browser::download_text(file, "text/csv", &run.samples_csv()) {
            planner.notify(NoticeKind::Problem, format!("Could not export: {e}."));
        }
    });
    let sim_state: Signal<SimState> = planner.simulation.into();
    let projection_b: Signal<Option<Projection>> =
        Memo::new(move |_| planner.compare.with(|b| b.as_ref().map(project))).into();
    view! {
        <header class="hr-header">
            <div class="hr-header__brand">
                <h1 class="hr-header__title">"Headroom"</h1>
                <p class="hr-header__tagline">
                    "What your infrastructure will cost per customer as you grow, "
                    "and when the architecture has to change."
                </p>
            </div>
            <PresetPicker />
        </header>
        <Notices />
        <Toolbar panel projection />
        <div class="hr-layout">
            <aside class="hr-sidebar" aria-label="Inputs">
                <h2 class="hr-sidebar__title">"Inputs"</h2>
                {editor}
            </aside>
            <main class="hr-results" id="main">
                <h2 class="hr-scenario">
                    <span class="hr-scenario__label">"Scenario: "</span>
                    <span class="hr-scenario__name" data-testid="scenario-name">{name}</span>
                </h2>
                <Headline projection scope=planner.cost_scope switchable=true />
                <Warnings projection />
                <UncertaintyView state=sim_state swings on_export on_export_samples projection dark />
                <CompareSection projection b=projection_b />
                <div class="hr-charts">
                    <section class="hr-section" id="view-cost"><Chart kind=ChartKind::Cost projection dark compare=projection_b scope=planner.cost_scope /></section>
                    <section class="hr-section" id="view-utilisation"><Chart kind=ChartKind::Utilisation projection dark /></section>
                    <section class="hr-section" id="view-per-customer"><Chart kind=ChartKind::PerCustomer projection dark compare=projection_b scope=planner.cost_scope /></section>
                </div>
                <StageTable projection />
                <Timeline projection />
                <MonthlyTable projection />
                <Sources projection />
            </main>
        </div>
    }
}

/// Compare mode: B beside A by stage and at the horizon, and the way out.
#[component]
fn CompareSection(
    /// A's projection.
    #[prop(into)]
    projection: Signal<Projection>,
    /// B's projection, when comparing.
    #[prop(into)]
    b: Signal<Option<Projection>>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let body = move || {
        b.get().map(|pb| {
            let pb = Signal::derive(move || pb.clone());
            view! { <CompareTable a=projection b=pb /> }
        })
    };
    view! {
        <section
            class="hr-section hr-sim"
            id="view-compare"
            aria-labelledby="hr-compare-title"
            hidden=move || planner.compare.with(Option::is_none)
            data-testid="compare"
        >
            <h2 id="hr-compare-title" class="hr-section-title">"Compared with another scenario"</h2>
            {body}
            <button
                type="button"
                class="hr-button hr-button--small"
                data-testid="compare-stop"
                on:click=move |_| planner.compare.set(None)
            >
                "Stop comparing"
            </button>
        </section>
    }
}

/// The preset picker: replaces the scenario with a preset's.
#[component]
fn PresetPicker() -> impl IntoView {
    let planner = expect_context::<Planner>();
    let on_change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Ok(preset) = id.parse::<Preset>() {
            planner.replace(preset.scenario());
            planner.notify(
                NoticeKind::Done,
                format!(
                    "Opened the {} preset. {}",
                    preset.title(),
                    preset.assumptions()
                ),
            );
        }
    };
    let options = Preset::ALL
        .into_iter()
        .map(|p| view! { <option value=p.id()>{p.title()}</option> })
        .collect_view();
    view! {
        <div class="hr-preset">
            <label class="hr-preset__label" for="hr-preset">"Start from a preset"</label>
            <select id="hr-preset" class="hr-field__input" data-testid="preset" on:change=on_change prop:value="">
                <option value="" disabled=true selected=true>"Choose…"</option>
                {options}
            </select>
        </div>
    }
}

/// The notices at the top of the page, each dismissible.
#[component]
fn Notices() -> impl IntoView {
    let planner = expect_context::<Planner>();
    view! {
        <div class="hr-notices" role="status" aria-live="polite" data-testid="notices">
            <For
                each=move || planner.notices.get()
                key=|n| n.id
                children=move |n| {
                    let class = match n.kind {
                        NoticeKind::Problem => "hr-notice hr-notice--problem",
                        NoticeKind::Done => "hr-notice hr-notice--done",
                    };
                    let id = n.id;
                    view! {
                        <div class=class data-testid="notice">
                            <p class="hr-notice__text">{n.text.clone()}</p>
                            <button
                                type="button"
                                class="hr-button hr-button--quiet"
                                aria-label="Dismiss this message"
                                on:click=move |_| planner.notices.update(|all| all.retain(|x| x.id != id))
                            >
                                "×"
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}

/// Where the prices came from: the catalog, its date, overridden and UNVERIFIED
/// prices the projection used.
#[component]
fn Sources(
    /// The model's projection of the scenario.
    #[prop(into)]
    projection: Signal<Projection>,
) -> impl IntoView {
    move || {
        projection.with(|p| {
            let unverified = (!p.unverified_prices.is_empty()).then(|| {
                view! {
                    <p data-testid="unverified">
                        <span class="hr-badge hr-badge--unverified">"UNVERIFIED"</span>
                        " prices used (seen only in third-party tables, not yet confirmed on the vendor's page): "
                        {p.unverified_prices.join(", ")}
                    </p>
                }
            });
            let overridden = (!p.catalog.overridden.is_empty()).then(|| {
                view! { <p>"Prices you set yourself: " {p.catalog.overridden.join(", ")}</p> }
            });
            view! {
                <section class="hr-section hr-sources" aria-labelledby="hr-sources-title">
                    <h2 id="hr-sources-title" class="hr-section-title">"Prices"</h2>
                    <p>
                        {format!("Catalog {}, released {}. ", p.catalog.id, p.catalog.released)}
                        "Every price has its source in the price table (Inputs, Stack and prices)."
                    </p>
                    {overridden}
                    {unverified}
                </section>
            }
        })
    }
}

/// The embed: the chosen view of a fixed scenario without the editor, its
/// headline figures, and a link back to the full planner with the same scenario.
#[component]
fn EmbedPage(
    /// The model's projection of the scenario.
    #[prop(into)]
    projection: Signal<Projection>,
    /// Whether the page is in the dark colour scheme.
    dark: Signal<bool>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let full = planner.share_link(planner.view, false);
    let name = planner.scenario.with_untracked(|s| s.name().to_owned());
    let body = match planner.view {
        View::Cost => {
            view! { <Chart kind=ChartKind::Cost projection dark scope=planner.cost_scope /> }
                .into_any()
        }
        View::Utilisation => {
            view! { <Chart kind=ChartKind::Utilisation projection dark /> }.into_any()
        }
        View::PerCustomer => {
            view! { <Chart kind=ChartKind::PerCustomer projection dark scope=planner.cost_scope /> }
                .into_any()
        }
        View::Stages => view! { <StageTable projection /> }.into_any(),
        View::Timeline => view! { <Timeline projection /> }.into_any(),
    };
    view! {
        <div class="hr-embed" data-testid="embed">
            <header class="hr-embed__header">
                <p class="hr-embed__title">
                    <span data-testid="scenario-name">{name}</span>
                    " · " {planner.view.title()}
                </p>
                <a class="hr-embed__link" href=full target="_blank" rel="noopener" data-testid="embed-open">
                    "Open in Headroom ↗"
                </a>
            </header>
            <Notices />
            <Headline projection scope=planner.cost_scope />
            {body}
        </div>
    }
}
