//! The app shell: the one scenario, its projection, the page layout, and the
//! effects that talk to the outside world.
//!
//! One source of truth: the scenario signal in [`Planner`]. The projection is a
//! memo of it, computed by the model; every figure on the page is read from the
//! projection and only formatted. Effects only touch the address bar, local
//! storage and the canvases (the charts own theirs).

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use headroom_components::charts::{Chart, ChartKind};
use headroom_components::compare::CompareTable;
use headroom_components::inputs::Editor;
use headroom_components::tables::{Headline, MonthlyTable, StageTable, Timeline, Warnings};
use headroom_components::uncertainty::{SimState, UncertaintyView};
use headroom_models::uncertainty::{sensitivity, Simulation, Simulator, Swing};
use headroom_models::{project, Preset, Projection, Scenario};
use leptos::prelude::*;

use crate::browser;
use crate::panels::{Panel, Toolbar};
use crate::storage::{Library, LoadError};
use crate::url::{self, Request, View};

/// How long the address bar and the working copy wait after the last edit.
pub const SETTLE: Duration = Duration::from_millis(300);

/// The planner's state, shared through context: the scenario (the one source of
/// truth) and what the shell needs besides it.
#[derive(Clone, Copy)]
pub struct Planner {
    /// The scenario being planned.
    pub scenario: RwSignal<Scenario>,
    /// Bumped when the whole scenario is replaced (a preset, an opened or
    /// imported scenario), so the editor shows the new values.
    pub generation: RwSignal<u32>,
    /// Messages for the person (a bad link, a refused save), newest last.
    pub notices: RwSignal<Vec<Notice>>,
    /// The view an embed shows and the page scrolls to.
    pub view: View,
    /// Whether the page is an embed (no editor, nothing written).
    pub embed: bool,
    /// The scenario compared with (B), if comparing.
    pub compare: RwSignal<Option<Scenario>>,
    /// The Monte Carlo run of the scenario's ranged inputs (derived from the
    /// scenario, computed in chunks between frames so typing stays responsive).
    pub simulation: RwSignal<SimState>,
}

/// A message shown at the top of the page until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u32,
    pub text: String,
    pub kind: NoticeKind,
}

/// Whether a notice reports a problem or a success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Problem,
    Done,
}

impl Planner {
    /// Replace the whole scenario (the editor is re-created with its values).
    pub fn replace(&self, scenario: Scenario) {
        self.scenario.set(scenario);
        self.generation.update(|g| *g += 1);
    }

    /// Show a message at the top of the page.
    pub fn notify(&self, kind: NoticeKind, text: impl Into<String>) {
        let text = text.into();
        self.notices.update(|all| {
            let id = all.last().map_or(1, |n| n.id + 1);
            all.retain(|n| n.text != text);
            all.push(Notice { id, text, kind });
        });
    }

    /// The share link of the current scenario: this page's address with the
    /// scenario in the fragment.
    pub fn share_link(&self, view: View, embed: bool) -> String {
        let fragment = self
            .scenario
            .with(|a| self.compare.with(|b| url::fragment_with(a, b.as_ref())));
        format!(
            "{}{}{}",
            browser::base_url(),
            url::kept_query(view, embed),
            fragment
        )
    }
}

/// The whole page. Reads the address (link, preset, parameters) and the working
/// scenario once, then shows the full planner or, with `embed=1`, the embed.
#[component]
pub fn App() -> impl IntoView {
    let (search, hash) = browser::location_parts();
    let request = Request::parse(&search, &hash);
    // An embed shows the scenario its address names (or the default), never the
    // reader's own working scenario.
    let (working, set_aside) = if request.embed {
        (Ok(None), None)
    } else {
        read_working()
    };
    // A working scenario that does not open but could not be set aside stays
    // where it is: this page then never writes over it.
    let keep_working = !matches!(set_aside, Some(SetAside::Failed(_)));
    let start = url::resolve(&request, working);

    let planner = Planner {
        scenario: RwSignal::new(start.scenario),
        generation: RwSignal::new(0),
        notices: RwSignal::new(Vec::new()),
        view: start.view,
        embed: start.embed,
        simulation: RwSignal::new(SimState::Off),
        compare: RwSignal::new(start.compare),
    };
    for text in start.notices {
        planner.notify(NoticeKind::Problem, text);
    }
    if let Some(set_aside) = set_aside {
        planner.notify(NoticeKind::Problem, set_aside.notice());
    }
    provide_context(planner);

    let projection = Memo::new(move |_| planner.scenario.with(project));
    let dark = browser::prefers_dark();

    if planner.embed {
        // An embed shows someone's fixed scenario: it writes neither the address
        // nor the reader's own working scenario.
        browser::watch_height(browser::post_height);
        return view! { <EmbedPage projection=projection dark /> }.into_any();
    }

    run_simulations(planner);

    // Keep the address and the working copy in step with the scenario, once
    // typing settles: the address is replaced, never pushed.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let scenario = planner.scenario.get();
        let compare = planner.compare.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                browser::replace_address(
                    &url::kept_query(planner.view, false),
                    &url::fragment_with(&scenario, compare.as_ref()),
                );
                if !keep_working {
                    return;
                }
                if let Err(e) = Library::browser().save_working(&scenario) {
                    planner.notify(
                        NoticeKind::Problem,
                        format!("Your work is not being kept between visits: {e}"),
                    );
                }
            },
            SETTLE,
        )
        .ok();
        pending.set_value(handle);
    });

    // A link pasted into the address bar of an open planner opens its scenario.
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        let (_, hash) = browser::location_parts();
        let current = planner.scenario.with_untracked(|a| {
            planner
                .compare
                .with_untracked(|b| url::fragment_with(a, b.as_ref()))
        });
        if hash == current {
            return;
        }
        // A fragment without a link (`#section`) is not ours to open.
        if Request::parse("", &hash).link.is_none() {
            return;
        }
        match url::open_link(&hash) {
            Ok(opened) => {
                let name = opened.scenario.name().to_owned();
                planner.compare.set(opened.compare);
                planner.replace(opened.scenario);
                planner.notify(NoticeKind::Done, format!("Opened “{name}” from the link."));
                for text in opened.notices {
                    planner.notify(NoticeKind::Problem, text);
                }
            }
            Err(e) => {
                planner.notify(
                    NoticeKind::Problem,
                    format!("This link could not be opened ({e}). Your scenario is unchanged."),
                );
                browser::replace_address(&url::kept_query(planner.view, false), &current);
            }
        }
    });
    on_cleanup(move || on_hash.remove());

    // Scroll to the view the address names.
    if planner.view != View::Cost {
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&format!("view-{}", planner.view.id())) {
                el.scroll_into_view();
            }
        });
    }

    view! { <FullPage projection dark /> }.into_any()
}

/// What became of a working scenario that does not open.
enum SetAside {
    /// Kept as the saved scenario of this name; the reason it did not open.
    Kept { name: String, why: String },
    /// Left in place, because setting it aside failed: the whole message.
    Failed(String),
}

impl SetAside {
    fn notice(&self) -> String {
        match self {
            SetAside::Kept { name, why } => format!(
                "{why}. It is kept as it was, as the saved scenario “{name}” (Saved scenarios), \
                 where it can be renamed or deleted."
            ),
            SetAside::Failed(text) => text.clone(),
        }
    }
}

/// The working scenario from storage, for [`url::resolve`]. One that is stored
/// but does not open (damaged, or refused by this version of the model) is set
/// aside as a saved scenario first, so that the working copy written after
/// start-up never replaces it unseen.
fn read_working() -> (Result<Option<Scenario>, String>, Option<SetAside>) {
    let library = Library::browser();
    match library.load_working() {
        Ok(working) => (Ok(working), None),
        Err(e @ (LoadError::Unreadable { .. } | LoadError::Invalid { .. })) => {
            let why = e.to_string();
            let set_aside = match library.set_aside_working(browser::now_ms()) {
                Ok(Some(name)) => SetAside::Kept { name, why },
                // Removed meanwhile (another tab set it aside): nothing to keep.
                Ok(None) => return (Ok(None), None),
                Err(failed) => SetAside::Failed(format!(
                    "{why}. It could not be set aside ({failed}), so it is left as it is and this \
                     page does not keep your work between visits."
                )),
            };
            (Ok(None), Some(set_aside))
        }
        Err(e) => (Err(e.to_string()), None),
    }
}

/// Work per slice of a Monte Carlo run (milliseconds): then the browser gets
/// the thread back for input and a frame. Slices are measured in time, not
/// paths, so a long horizon never holds the page longer than a short one.
const SLICE_MS: f64 = 24.0;
/// Paths drawn between two looks at the clock (a 120-month path takes about
/// 0.1 ms in the browser).
const PATHS_PER_LOOK: u32 = 5;
/// The name of each slice in the browser's performance timeline.
const SLICE_MEASURE: &str = "headroom:monte-carlo-slice";

/// Keep `planner.simulation` the Monte Carlo of the current scenario: whenever
/// the scenario changes, the running run is dropped and, if the scenario has
/// ranged inputs, a new one starts once typing settles and runs in chunks.
/// (An effect because the result arrives over several frames; it writes only
/// that derived signal.)
fn run_simulations(planner: Planner) {
    let run_id = StoredValue::new(0u64);
    Effect::new(move |_| {
        let scenario = planner.scenario.get();
        run_id.update_value(|id| *id += 1);
        let id = run_id.get_value();
        let Some(u) = scenario
            .input()
            .uncertainty
            .clone()
            .filter(|u| !u.ranges.is_empty())
        else {
            planner.simulation.set(SimState::Off);
            return;
        };
        planner.simulation.set(SimState::Running {
            done: 0,
            total: u.paths,
        });
        set_timeout(
            move || {
                if run_id.get_value() != id {
                    return;
                }
                browser::clear_measures(SLICE_MEASURE);
                match Simulator::new(&scenario, &u) {
                    Ok(run) => step(Rc::new(RefCell::new(run)), id, run_id, planner.simulation),
                    Err(e) => planner.simulation.set(SimState::Failed(e.to_string())),
                }
            },
            SETTLE,
        );
    });
}

/// One slice of a run, then the next in a task of its own, until done or replaced.
fn step(
    run: Rc<RefCell<Simulator>>,
    id: u64,
    current: StoredValue<u64>,
    state: RwSignal<SimState>,
) {
    if current.get_value() != id {
        return;
    }
    let stepped = browser::timed(SLICE_MEASURE, || {
        let start = browser::elapsed_ms();
        let mut run = run.borrow_mut();
        loop {
            let stepped = run.step(PATHS_PER_LOOK);
            if stepped.is_err() || run.is_finished() || browser::elapsed_ms() - start >= SLICE_MS {
                break stepped;
            }
        }
    });
    if let Err(e) = stepped {
        state.set(SimState::Failed(e.to_string()));
        return;
    }
    let (done, total, finished) = {
        let r = run.borrow();
        (r.done(), r.total(), r.is_finished())
    };
    if finished {
        let result = Arc::new(run.borrow().result());
        // The run is done with: take it out of its cell for the raw-samples export.
        let run = Rc::try_unwrap(run).map(RefCell::into_inner);
        match run {
            Ok(run) => state.set(SimState::Done(result, Arc::new(run))),
            Err(_) => state.set(SimState::Failed("the run was still in use".to_owned())),
        }
    } else {
        state.set(SimState::Running { done, total });
        browser::next_task(move || step(run, id, current, state));
    }
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
                <Headline projection />
                <Warnings projection />
                <UncertaintyView state=sim_state swings on_export on_export_samples projection dark />
                <CompareSection projection b=projection_b />
                <div class="hr-charts">
                    <section class="hr-section" id="view-cost"><Chart kind=ChartKind::Cost projection dark compare=projection_b /></section>
                    <section class="hr-section" id="view-utilisation"><Chart kind=ChartKind::Utilisation projection dark /></section>
                    <section class="hr-section" id="view-per-customer"><Chart kind=ChartKind::PerCustomer projection dark compare=projection_b /></section>
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
        View::Cost => view! { <Chart kind=ChartKind::Cost projection dark /> }.into_any(),
        View::Utilisation => {
            view! { <Chart kind=ChartKind::Utilisation projection dark /> }.into_any()
        }
        View::PerCustomer => {
            view! { <Chart kind=ChartKind::PerCustomer projection dark /> }.into_any()
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
            <Headline projection />
            {body}
        </div>
    }
}
