//! Export the monthly CSV, the scenario as JSON and the charts as PNG; import
//! a scenario file.

use headroom_models::{monthly_csv, Projection, Scenario};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::planner::Planner;

/// Export the monthly table (CSV), the scenario (JSON) or a chart (PNG, from the
/// chart's own button); import a scenario JSON.
#[component]
pub(super) fn ExportPanel(
    /// The model's projection of the scenario.
    #[prop(into)]
    projection: Signal<Projection>,
) -> impl IntoView {
    let planner = expect_context::<Planner>();
    let message = RwSignal::new(String::new());
    let slug = move || {
        let name = planner.scenario.with(|s| s.name().to_owned());
        let slug: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let slug = slug.trim_matches('-').to_owned();
        if slug.is_empty() {
            "scenario".to_owned()
        } else {
            slug
        }
    };
    let report = move |result: Result<(), String>, what: &str| match result {
        Ok(()) => message.set(format!("Downloaded {what}.")),
        Err(e) => message.set(format!("Could not export: {e}.")),
    };
    let csv = move |_| {
        let text = projection.with(monthly_csv);
        let file = format!("headroom-{}-monthly.csv", slug());
        report(browser::download_text(&file, "text/csv", &text), &file);
    };
    let json = move |_| {
        let text = planner
            .scenario
            .with(|s| serde_json::to_string_pretty(s.input()).unwrap_or_default());
        let file = format!("headroom-{}.json", slug());
        report(
            browser::download_text(&file, "application/json", &text),
            &file,
        );
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let result = browser::read_file(file)
                .await
                .and_then(|text| import_scenario(&text));
            match result {
                Ok(s) => {
                    let name = s.name().to_owned();
                    planner.replace(s);
                    message.set(format!("Imported “{name}”."));
                }
                Err(e) => message.set(format!("Could not import: {e}. Nothing was changed.")),
            }
        });
    };
    view! {
        <section class="hr-panel__body" aria-labelledby="hr-export-title">
            <h2 id="hr-export-title" class="hr-panel__title">"Export and import"</h2>
            <div class="hr-row">
                <button type="button" class="hr-button" data-testid="export-csv" on:click=csv>"Monthly table (CSV)"</button>
                <button type="button" class="hr-button" data-testid="export-json" on:click=json>"Scenario (JSON)"</button>
                <label class="hr-button hr-file">
                    "Import a scenario (JSON)…"
                    <input type="file" accept=".json,application/json" class="hr-visually-hidden" data-testid="import-json" on:change=import />
                </label>
            </div>
            <p>"Each chart has its own PNG button. The CSV has the columns of the “Month by month” table."</p>
            <p class="hr-status" role="status" data-testid="export-status">{message}</p>
        </section>
    }
}

/// A scenario file's text (an export, or a file written by hand) as a scenario,
/// or why it is not one, naming the field and what is allowed (the model names
/// even a field holding `NaN` or `Infinity`, which JSON does not have).
pub fn import_scenario(text: &str) -> Result<Scenario, String> {
    Scenario::from_json(text)
        .map_err(|e| format!("the file is not a scenario Headroom can open ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_with_nan_or_infinity_names_the_field() {
        let cases = [
            (
                r#"{"growth": {"monthly_rate": NaN}}"#,
                "growth.monthly_rate = NaN",
            ),
            (
                "{\n  \"name\": \"é ü\",\n  \"usage\": {\"peak_to_average\": -Infinity}\n}",
                "usage.peak_to_average = -Infinity",
            ),
            (
                r#"{"growth": {"start_users": Infinity, "monthly_rate": NaN}}"#,
                " = ",
            ),
        ];
        for (text, says) in cases {
            let e = import_scenario(text).unwrap_err();
            assert!(
                e.starts_with("the file is not a scenario Headroom can open ("),
                "{e}"
            );
            assert!(e.contains(says), "{text}: {e}");
            assert!(
                e.contains("allowed is a finite number; JSON has no NaN or Infinity"),
                "{text}: {e}"
            );
        }
        // Two words: the field named is one of them.
        let e = import_scenario(cases[2].0).unwrap_err();
        assert!(
            e.contains("growth.start_users = Infinity") || e.contains("growth.monthly_rate = NaN"),
            "{e}"
        );
    }

    #[test]
    fn other_bad_imports_keep_the_models_message() {
        for (text, says) in [
            (
                r#"{"growth": {"monthly_rate": "high"}}"#,
                "growth.monthly_rate = \"high\": allowed is a number",
            ),
            (
                r#"{"growth": {"monthly_rate": Nope}}"#,
                "scenario = expected value (line 1, column 29)",
            ),
            (
                r#"{"horizon_months": 121}"#,
                "horizon_months = 121: allowed is a whole number from 1 to 120",
            ),
            (
                "[1, 2]",
                "scenario = a list: allowed is one JSON object of inputs",
            ),
            ("", "scenario = incomplete JSON"),
        ] {
            let e = import_scenario(text).unwrap_err();
            assert!(e.contains(says), "{text}: {e}");
            assert!(!e.contains("NaN or Infinity"), "{text}: {e}");
        }
        let s = import_scenario(r#"{"horizon_months": 120, "name": "NaN"}"#).unwrap();
        assert_eq!(s.input().horizon_months, 120);
        assert_eq!(s.name(), "NaN");
    }
}
