//! Component tests in headless Chromium (wasm-bindgen-test):
//! `cargo test -p headroom-components --target wasm32-unknown-unknown --test web`.
//!
//! Each test mounts a component into a fresh element, acts on it as a person
//! would (typing fires `input` events, clicks), lets Leptos's effects run, and
//! reads the DOM or the scenario signal. Expected figures come from the model.
#![cfg(target_arch = "wasm32")]

use headroom_components::charts::{Chart, ChartKind};
use headroom_components::inputs::Editor;
use headroom_components::tables::{StageTable, Timeline};
use headroom_models::format;
use headroom_models::{project, Preset, Scenario};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "../../tests/support/dom.rs"]
mod dom;
use dom::{find, host, sleep};

/// Type into an input as a person does: set its value, fire `input`.
fn type_into(root: &web_sys::HtmlElement, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn typing_a_valid_number_changes_the_scenario_and_a_bad_one_is_named() {
    let root = host();
    let scenario = RwSignal::new(Scenario::default());
    let on_change = Callback::new(move |s: Scenario| scenario.set(s));
    leptos::mount::mount_to(root.clone(), move || {
        view! { <Editor scenario=scenario on_change /> }
    })
    .forget();
    sleep(10).await;

    type_into(
        &root,
        r#"[data-testid="input-growth.start_users"]"#,
        "5,000",
    );
    sleep(10).await;
    assert_eq!(scenario.get_untracked().input().growth.start_users, 5000.0);
    let error = find(&root, r#"[data-testid="error-growth.start_users"]"#);
    assert!(error.has_attribute("hidden"), "no error for a valid value");

    type_into(&root, r#"[data-testid="input-growth.start_users"]"#, "-1");
    sleep(10).await;
    // Unchanged, and the message names the field and what is allowed.
    assert_eq!(scenario.get_untracked().input().growth.start_users, 5000.0);
    assert!(!error.has_attribute("hidden"));
    let text = error.text_content().unwrap_or_default();
    assert!(
        text.contains("growth.start_users") && text.contains("allowed"),
        "{text}"
    );

    type_into(&root, r#"[data-testid="input-growth.monthly_rate"]"#, "15%");
    sleep(10).await;
    assert_eq!(scenario.get_untracked().input().growth.monthly_rate, 0.15);

    type_into(
        &root,
        r#"[data-testid="input-growth.monthly_rate"]"#,
        "fast",
    );
    sleep(10).await;
    let error = find(&root, r#"[data-testid="error-growth.monthly_rate"]"#);
    assert!(error
        .text_content()
        .unwrap_or_default()
        .contains("not a number"));
    assert_eq!(scenario.get_untracked().input().growth.monthly_rate, 0.15);
}

#[wasm_bindgen_test]
async fn a_price_override_is_shown_and_reset() {
    let root = host();
    let scenario = RwSignal::new(Scenario::default());
    let on_change = Callback::new(move |s: Scenario| scenario.set(s));
    leptos::mount::mount_to(root.clone(), move || {
        view! { <Editor scenario=scenario on_change /> }
    })
    .forget();
    sleep(10).await;

    let key = scenario.get_untracked().catalog().prices()[0].key.clone();
    let row_selector = format!(r#"[data-testid="price-{key}"]"#);
    type_into(&root, &format!("{row_selector} input"), "1.5");
    sleep(10).await;
    assert_eq!(
        scenario
            .get_untracked()
            .input()
            .stack
            .price_overrides
            .get(&key),
        Some(&1.5)
    );
    let row = find(&root, &row_selector);
    assert!(row.class_list().contains("hr-prices__row--overridden"));

    let reset: web_sys::HtmlElement =
        find(&root, &format!("{row_selector} button")).unchecked_into();
    reset.click();
    sleep(10).await;
    assert!(scenario
        .get_untracked()
        .input()
        .stack
        .price_overrides
        .is_empty());
    assert!(!row.class_list().contains("hr-prices__row--overridden"));
}

#[wasm_bindgen_test]
async fn the_stage_table_has_a_column_per_stage_with_the_model_figures() {
    let root = host();
    let projection = project(&Preset::ConsumerApp.scenario());
    let expected: Vec<String> = projection
        .stages
        .iter()
        .map(|s| format::count(projection.months[s.last_month as usize].mau))
        .collect();
    let signal = Signal::derive(move || projection.clone());
    leptos::mount::mount_to(
        root.clone(),
        move || view! { <StageTable projection=signal /> },
    )
    .forget();
    sleep(10).await;

    let heads = root.query_selector_all("thead th").unwrap().length();
    assert_eq!(heads as usize, expected.len() + 1);
    let first_row = find(&root, "tbody tr");
    let cells: Vec<String> = (0..expected.len())
        .map(|i| {
            first_row
                .query_selector_all("td")
                .unwrap()
                .item(i as u32)
                .unwrap()
                .text_content()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(cells, expected);
}

#[wasm_bindgen_test]
async fn the_timeline_lists_every_change_the_model_calls_for() {
    let root = host();
    let projection = project(&Preset::ConsumerApp.scenario());
    let events = projection.events.len();
    assert!(events > 0);
    let signal = Signal::derive(move || projection.clone());
    leptos::mount::mount_to(
        root.clone(),
        move || view! { <Timeline projection=signal /> },
    )
    .forget();
    sleep(10).await;
    let rows = root.query_selector_all("tbody tr").unwrap().length();
    assert_eq!(rows as usize, events);
}

#[wasm_bindgen_test]
async fn a_chart_draws_pixels_and_redraws_when_the_projection_changes() {
    let root = host();
    let scenario = RwSignal::new(Scenario::default());
    let projection = Memo::new(move |_| scenario.with(project));
    let dark = Signal::derive(|| false);
    leptos::mount::mount_to(root.clone(), move || {
        view! { <Chart kind=ChartKind::Cost projection dark /> }
    })
    .forget();
    sleep(100).await;

    let canvas: web_sys::HtmlCanvasElement = find(&root, "canvas").unchecked_into();
    let draws = || {
        canvas
            .get_attribute("data-draws")
            .and_then(|d| d.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let first = draws();
    assert!(first >= 1, "the chart never drew");
    assert!(canvas.width() > 0 && canvas.height() > 0);

    // Not blank: more than one colour across the canvas.
    let ctx: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let data = ctx
        .get_image_data(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        )
        .unwrap()
        .data();
    let first_pixel = &data[0..4];
    let differing = data.chunks(4).filter(|p| *p != first_pixel).count();
    assert!(
        differing > 1000,
        "only {differing} pixels differ from the background"
    );

    scenario.set(
        Scenario::default()
            .with_setting("growth.monthly_rate", "0.2")
            .unwrap(),
    );
    sleep(100).await;
    assert!(draws() > first, "no redraw after the projection changed");
}

/// The Monte Carlo in wasm gives, bit for bit, the numbers recorded natively
/// (models/tests/fixtures/simulation.json, checked natively by
/// models/tests/uncertainty.rs): the same seed, the same paths, on both.
#[wasm_bindgen_test]
fn the_simulation_in_wasm_matches_the_native_one_exactly() {
    use headroom_models::uncertainty::{simulate, Uncertainty};
    let recorded: serde_json::Value =
        serde_json::from_str(include_str!("../../models/tests/fixtures/simulation.json")).unwrap();
    let preset: Preset = recorded["preset"].as_str().unwrap().parse().unwrap();
    let settings: Uncertainty = serde_json::from_value(recorded["uncertainty"].clone()).unwrap();
    let sim = simulate(&preset.scenario(), &settings).unwrap();
    assert_eq!(serde_json::to_value(sim).unwrap(), recorded["simulation"]);
}
