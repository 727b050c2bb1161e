//! The input editor: every input of the model, grouped, labelled with its unit and
//! range, validated inline by the model itself; and the price table, where any
//! price of the scenario's catalog can be overridden and reset.
//!
//! An edit is applied with [`Scenario::with_setting`] (the same dotted names as
//! files, links and `--set`): a valid edit hands the new scenario to `on_change`;
//! an invalid one shows the model's message under the field (it names the field
//! and what is allowed) and changes nothing. No value is ever clamped silently.
//!
//! Fields keep the text the person typed. The app re-creates the editor when the
//! whole scenario is replaced (a preset, an opened or imported scenario), so the
//! fields then show the new values.

mod labels;

use headroom_models::catalog::{self, Catalog};
use headroom_models::scenario::{GrowthMode, NumericInput};
use headroom_models::uncertainty::Range;
use headroom_models::{format, Scenario};
use leptos::prelude::*;

pub use labels::{label, Group};

/// The text a field shows for a value: plain, no separators, so it can be edited
/// and read back exactly (`0.12`, `5000`).
pub fn field_text(value: f64) -> String {
    format!("{value}")
}

/// Turn what a person typed into the JSON number the model reads: spaces,
/// thousands separators (`,` and `_`) and a trailing `%` are understood
/// (`12%` is `0.12`). Anything that is still not a number is an error in words.
///
/// ```
/// use headroom_components::inputs::parse_number;
/// assert_eq!(parse_number("5,000").unwrap(), "5000");
/// assert_eq!(parse_number(" 12% ").unwrap(), "0.12");
/// assert_eq!(parse_number("1e3").unwrap(), "1000");
/// assert!(parse_number("").is_err());
/// assert!(parse_number("ten").is_err());
/// ```
pub fn parse_number(text: &str) -> Result<String, &'static str> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '_')
        .collect();
    if cleaned.is_empty() {
        return Err("enter a number");
    }
    let (digits, percent) = match cleaned.strip_suffix('%') {
        Some(d) => (d, true),
        None => (cleaned.as_str(), false),
    };
    let value: f64 = digits.parse().map_err(|_| "not a number")?;
    if !value.is_finite() {
        return Err("not a finite number");
    }
    Ok(field_text(if percent { value / 100.0 } else { value }))
}

/// The element id of an input's field, from its dotted name.
pub fn field_id(name: &str) -> String {
    format!("hr-in-{}", name.replace(['.', ':'], "-"))
}

/// The whole editor: one collapsible section per [`Group`], each with its fields;
/// the price table sits in "Stack and prices".
#[component]
pub fn Editor(
    /// The scenario being edited: the app's one source of truth.
    #[prop(into)]
    scenario: Signal<Scenario>,
    /// Receives the new scenario after each accepted edit.
    #[prop(into)]
    on_change: Callback<Scenario>,
) -> impl IntoView {
    let input = scenario.with_untracked(|s| s.input().clone());
    let numeric = input.numeric_inputs();
    let words = input.word_inputs();
    // On a phone every group starts closed, so the results are a short scroll away.
    let wide = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_none_or(|w| w >= 960.0);
    let groups = Group::ALL
        .into_iter()
        .map(|group| {
            let word_fields = words
                .iter()
                .filter(|w| Group::of(w.name) == group)
                .map(|w| view! { <WordField name=w.name scenario on_change /> })
                .collect_view();
            let number_fields = numeric
                .iter()
                .filter(|n| Group::of(n.name) == group)
                .map(|&n| {
                    // Mode-specific inputs show only in their growth mode.
                    let needs = match n.name {
                        "growth.ceiling_users" => Some(GrowthMode::Logistic),
                        name if name.starts_with("growth.stage_rates.") => Some(GrowthMode::PerStage),
                        _ => None,
                    };
                    let hidden = Signal::derive(move || {
                        needs.is_some_and(|mode| scenario.with(|s| s.input().growth.mode != mode))
                    });
                    view! { <NumberField input=n scenario on_change hidden /> }
                })
                .collect_view();
            let prices = (group == Group::Stack).then(|| view! { <PriceTable scenario on_change /> });
            view! {
                <details class="hr-group" open=group == Group::Growth && wide data-testid=format!("group-{}", group.id())>
                    <summary class="hr-group__title">{group.title()}</summary>
                    <div class="hr-group__fields">{word_fields} {number_fields}</div>
                    {prices}
                </details>
            }
        })
        .collect_view();
    view! {
        <form class="hr-editor" aria-label="Scenario inputs" on:submit=|ev| ev.prevent_default()>
            {groups}
        </form>
    }
}

/// Apply one edit and report: the new scenario to `on_change`, or the model's
/// message to `error`.
fn apply(
    scenario: Signal<Scenario>,
    on_change: Callback<Scenario>,
    error: RwSignal<Option<String>>,
    edits: &[(&str, &str)],
) {
    match scenario.with_untracked(|s| s.with_settings(edits)) {
        Ok(next) => {
            error.set(None);
            on_change.run(next);
        }
        Err(e) => error.set(Some(e.to_string())),
    }
}

/// A label, the control, its unit and range, and the error under it.
#[component]
fn FieldFrame(
    /// The dotted input name.
    name: &'static str,
    /// The unit and allowed range in words, e.g. "users · 0 to 10,000,000,000".
    #[prop(into)]
    detail: String,
    /// The model's message for the last rejected edit, if any.
    error: RwSignal<Option<String>>,
    /// Whether the field is hidden.
    #[prop(optional, into)]
    hidden: Signal<bool>,
    /// The control (an `<input>` or `<select>` with id [`field_id`]).
    children: Children,
) -> impl IntoView {
    let (text, hint) = label(name).unwrap_or((name, ""));
    let id = field_id(name);
    view! {
        <div class="hr-field" class:hr-field--invalid=move || error.with(Option::is_some) hidden=move || hidden.get()>
            <label class="hr-field__label" for=id.clone()>{text}</label>
            {children()}
            <p class="hr-field__detail" id=format!("{id}-detail")>
                <span class="hr-field__allowed">{detail}</span>
                <span class="hr-field__hint">{hint}</span>
            </p>
            <p
                class="hr-field__error"
                id=format!("{id}-error")
                role="alert"
                data-testid=format!("error-{name}")
                hidden=move || error.with(Option::is_none)
            >
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}

/// A numeric input: text the person types, checked by the model on every keystroke.
#[component]
fn NumberField(
    /// The model's description of the input (name, unit, range, value).
    input: NumericInput,
    /// The scenario being edited.
    scenario: Signal<Scenario>,
    /// Receives the scenario after an accepted edit.
    on_change: Callback<Scenario>,
    /// Whether the field is hidden (an input of another growth mode).
    hidden: Signal<bool>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let name = input.name;
    let range = format!(
        "{} · {} to {}{}",
        input.unit,
        format::number(input.min),
        format::number(input.max),
        if input.whole { ", whole" } else { "" }
    );
    let id = field_id(name);
    let allowed = range.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        match parse_number(&text) {
            Ok(json) => apply(scenario, on_change, error, &[(name, &json)]),
            Err(why) => error.set(Some(format!(
                "{name} = {}: {why}; allowed is {}",
                if text.trim().is_empty() {
                    "empty"
                } else {
                    text.trim()
                },
                allowed
            ))),
        }
    };
    // Counts and the horizon are not sampled: no range for them.
    let ranged = (!input.whole).then(|| view! { <RangeControl name scenario on_change error /> });
    view! {
        <FieldFrame name detail=range error hidden>
            <div class="hr-field__row">
                <input
                    class="hr-field__input"
                    id=id.clone()
                    name=name
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    value=field_text(input.value)
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    aria-describedby=format!("{id}-detail {id}-error")
                    data-testid=format!("input-{name}")
                    on:input=on_input
                />
                {ranged}
            </div>
        </FieldFrame>
    }
}

/// The range of a numeric input: a toggle, and while on, its low and high ends
/// (the likely value is the field itself). Monte Carlo draws between the ends.
#[component]
fn RangeControl(
    /// The dotted input name.
    name: &'static str,
    /// The scenario being edited.
    scenario: Signal<Scenario>,
    /// Receives the scenario after an accepted edit.
    on_change: Callback<Scenario>,
    /// The field's message line (range errors show there too).
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let current = move || {
        scenario.with(|s| {
            s.input()
                .uncertainty
                .as_ref()
                .and_then(|u| u.ranges.get(name).copied())
        })
    };
    let on = Signal::derive(move || current().is_some());
    let start = scenario.with_untracked(|s| {
        s.input()
            .uncertainty
            .as_ref()
            .and_then(|u| u.ranges.get(name).copied())
    });
    let low = RwSignal::new(start.map(|r| field_text(r.low)).unwrap_or_default());
    let high = RwSignal::new(start.map(|r| field_text(r.high)).unwrap_or_default());
    let set =
        move |range: Option<Range>| match scenario.with_untracked(|s| s.with_range(name, range)) {
            Ok(next) => {
                error.set(None);
                on_change.run(next);
            }
            Err(e) => error.set(Some(e.to_string())),
        };
    let toggle = move |_| {
        if current().is_some() {
            set(None);
            return;
        }
        let around = scenario.with_untracked(|s| {
            s.input()
                .numeric_inputs()
                .into_iter()
                .find(|i| i.name == name)
                .map(|i| Range::around(&i))
        });
        if let Some(r) = around {
            low.set(field_text(r.low));
            high.set(field_text(r.high));
            set(Some(r));
        }
    };
    let edit = move |which: &'static str, text: String| {
        if which == "low" {
            low.set(text.clone());
        } else {
            high.set(text.clone());
        }
        let parsed = (
            parse_number(&low.get_untracked()),
            parse_number(&high.get_untracked()),
        );
        match parsed {
            (Ok(l), Ok(h)) => {
                let (Ok(l), Ok(h)) = (l.parse::<f64>(), h.parse::<f64>()) else {
                    return;
                };
                set(Some(Range { low: l, high: h }));
            }
            _ => error.set(Some(format!(
                "uncertainty.ranges.{name}.{which} = {}: allowed is a number",
                if text.trim().is_empty() {
                    "empty"
                } else {
                    text.trim()
                }
            ))),
        }
    };
    let id = field_id(name);
    let field_label = label(name).map_or(name, |l| l.0);
    view! {
        <button
            type="button"
            class="hr-button hr-button--small hr-range__toggle"
            aria-pressed=move || if on.get() { "true" } else { "false" }
            aria-label=format!("Give {field_label} a range (low, likely, high)")
            title="A range: low, likely (this value) and high, for the Monte Carlo"
            data-testid=format!("range-toggle-{name}")
            on:click=toggle
        >
            "±"
        </button>
        <div class="hr-range" hidden=move || !on.get() data-testid=format!("range-{name}")>
            <label class="hr-range__label" for=format!("{id}-low")>
                "Low"<span class="hr-visually-hidden">{format!(" end of {}", field_label)}</span>
            </label>
            <input
                class="hr-field__input hr-range__input"
                id=format!("{id}-low")
                type="text"
                inputmode="decimal"
                autocomplete="off"
                prop:value=move || low.get()
                data-testid=format!("range-low-{name}")
                on:input=move |ev| edit("low", event_target_value(&ev))
            />
            <label class="hr-range__label" for=format!("{id}-high")>
                "High"<span class="hr-visually-hidden">{format!(" end of {}", field_label)}</span>
            </label>
            <input
                class="hr-field__input hr-range__input"
                id=format!("{id}-high")
                type="text"
                inputmode="decimal"
                autocomplete="off"
                prop:value=move || high.get()
                data-testid=format!("range-high-{name}")
                on:input=move |ev| edit("high", event_target_value(&ev))
            />
        </div>
    }
}

/// The choices of a word input: (value as written in files, label).
fn choices(name: &str, scenario: &Scenario) -> Vec<(String, String)> {
    let pairs = |items: &[(&str, &str)]| {
        items
            .iter()
            .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
            .collect()
    };
    match name {
        "growth.mode" => pairs(&[
            ("compound", "Compound"),
            ("logistic", "Logistic (toward a ceiling)"),
            ("per_stage", "A rate per stage"),
        ]),
        "stack.ha_from_stage" => pairs(&[
            ("mvp", "MVP"),
            ("product_market_fit", "Product-market fit"),
            ("early_scale", "Early scale"),
            ("scaling", "Scaling"),
            ("enterprise", "Enterprise"),
        ]),
        "data.hot_set" => pairs(&[
            ("recent_data", "Recent writes of active users"),
            ("share_of_data", "A share of all data"),
        ]),
        "stack.commitment" => pairs(&[
            ("on_demand", "None: all on demand"),
            ("one_year", "One year, no upfront"),
            ("three_year", "Three years, no upfront"),
        ]),
        "stack.adopt" => pairs(&[
            ("either", "Model or rule of thumb, whichever is first"),
            ("model", "Only when the model calls for it"),
            ("rule_of_thumb", "Only when the rule of thumb calls for it"),
        ]),
        "stack.catalog" => catalog::all()
            .unwrap_or_default()
            .into_iter()
            .map(|c| (c.id.clone(), format!("{} ({})", c.title, c.released)))
            .collect(),
        "stack.app_sku" => {
            let c = scenario.catalog();
            std::iter::once((
                String::new(),
                format!("Catalog default ({})", c.default_app_sku),
            ))
            .chain(c.app_skus.iter().map(|s| {
                (
                    s.id.to_string(),
                    format!(
                        "{} · {} vCPU · {} GB · {}/month",
                        s.id,
                        format::number(s.vcpu),
                        format::number(s.ram_gb),
                        format::usd(s.price.usd_per_month())
                    ),
                )
            }))
            .collect()
        }
        _ => Vec::new(),
    }
}

/// An input that is a word: a text box (the name), a checkbox (true/false) or a
/// list of choices.
#[component]
fn WordField(
    /// The dotted input name.
    name: &'static str,
    /// The scenario being edited.
    scenario: Signal<Scenario>,
    /// Receives the scenario after an accepted edit.
    on_change: Callback<Scenario>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let id = field_id(name);
    let current = move || {
        scenario.with(|s| {
            s.input()
                .word_inputs()
                .into_iter()
                .find(|w| w.name == name)
                .map(|w| w.value)
                .unwrap_or_default()
        })
    };
    let allowed = scenario.with_untracked(|s| {
        s.input()
            .word_inputs()
            .into_iter()
            .find(|w| w.name == name)
            .map(|w| w.allowed)
            .unwrap_or_default()
    });
    let testid = format!("input-{name}");
    let control = match name {
        "name" => view! {
            <input
                class="hr-field__input"
                id=id.clone()
                type="text"
                maxlength="120"
                value=current
                data-testid=testid
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let json = serde_json::Value::String(text).to_string();
                    apply(scenario, on_change, error, &[("name", &json)]);
                }
            />
        }
        .into_any(),
        "stack.extract_payments"
        | "stack.extract_search"
        | "stack.extract_media"
        | "stack.private_subnets" => view! {
            <input
                class="hr-field__check"
                id=id.clone()
                type="checkbox"
                prop:checked=move || current() == "true"
                data-testid=testid
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    apply(scenario, on_change, error, &[(name, if on { "true" } else { "false" })]);
                }
            />
        }
        .into_any(),
        _ => {
            // The app-SKU list follows the catalog; the others are fixed.
            let options = move || {
                let selected = current();
                scenario
                    .with(|s| choices(name, s))
                    .into_iter()
                    .map(|(value, text)| {
                        let is = value == selected;
                        view! { <option value=value selected=is>{text}</option> }
                    })
                    .collect_view()
            };
            view! {
                <select
                    class="hr-field__input"
                    id=id.clone()
                    prop:value=current
                    data-testid=testid
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let json = serde_json::Value::String(value.clone()).to_string();
                        if name == "stack.catalog" {
                            // A new catalog has its own SKUs and price keys.
                            apply(
                                scenario,
                                on_change,
                                error,
                                &[(name, &json), ("stack.app_sku", "\"\""), ("stack.price_overrides", "{}")],
                            );
                        } else {
                            apply(scenario, on_change, error, &[(name, &json)]);
                        }
                    }
                >
                    {options}
                </select>
            }
            .into_any()
        }
    };
    // A list or a checkbox shows what is allowed itself; only free text needs it said.
    let detail = if name == "name" {
        allowed.to_owned()
    } else {
        String::new()
    };
    view! { <FieldFrame name detail error>{control}</FieldFrame> }
}

/// A unit name of the catalog (`usd_per_gb_month`) in words (`USD per GB-month`).
pub fn unit_words(unit: &str) -> String {
    unit.replace("usd_per_", "USD per ")
        .replace("gb_month", "GB-month")
        .replace("thousand_requests", "1,000 requests")
        .replace("million_", "million ")
        .replace('_', " ")
}

/// The price table of the scenario's catalog: every price key with its price, unit
/// and source; overridden prices are marked and can be reset; figures not
/// confirmed on the vendor's page are flagged UNVERIFIED.
#[component]
pub fn PriceTable(
    /// The scenario being edited.
    #[prop(into)]
    scenario: Signal<Scenario>,
    /// Receives the scenario after an accepted edit.
    #[prop(into)]
    on_change: Callback<Scenario>,
) -> impl IntoView {
    let catalog_id = Memo::new(move |_| scenario.with(|s| s.input().stack.catalog.clone()));
    let body = move || {
        let id = catalog_id.get();
        let Ok(base) = catalog::by_id(&id) else {
            return view! { <p class="hr-empty">"This catalog is not available."</p> }.into_any();
        };
        let unverified = base.prices().iter().filter(|p| !p.source.verified).count();
        let rows = base
            .prices()
            .into_iter()
            .map(|p| view! { <PriceRow price=p scenario on_change /> })
            .collect_view();
        view! {
            <details class="hr-prices" data-testid="price-table">
                <summary class="hr-prices__title">
                    {format!("Prices of {} ({} prices, {} UNVERIFIED)", base.title, base.prices().len(), unverified)}
                </summary>
                <p class="hr-prices__note">
                    {format!("{} Released {}. ", base.description, base.released)}
                    "UNVERIFIED marks a figure seen only in third-party tables, not yet confirmed on the vendor's page. "
                    "Type your own price to override one; overridden prices are costed as yours."
                </p>
                <div class="hr-table-scroll">
                    <table class="hr-prices__table">
                        <thead>
                            <tr>
                                <th scope="col">"Price"</th>
                                <th scope="col">"Amount"</th>
                                <th scope="col">"Unit"</th>
                                <th scope="col">"Source"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        }
        .into_any()
    };
    view! { <div class="hr-prices-wrap">{body}</div> }
}

/// One price: its key, an editable amount, its unit and source, and a reset button
/// when overridden.
#[component]
fn PriceRow(
    /// The catalog's own price (before any override).
    price: headroom_models::catalog::Price,
    /// The scenario being edited.
    scenario: Signal<Scenario>,
    /// Receives the scenario after an accepted edit.
    on_change: Callback<Scenario>,
) -> impl IntoView {
    let key = price.key.clone();
    let setting = format!("stack.price_overrides.{key}");
    let overridden = {
        let key = key.clone();
        move || scenario.with(|s| s.input().stack.price_overrides.get(&key).copied())
    };
    let start = scenario
        .with_untracked(|s| s.input().stack.price_overrides.get(&key).copied())
        .unwrap_or(price.usd);
    let text = RwSignal::new(field_text(start));
    let error = RwSignal::new(None::<String>);
    let id = field_id(&format!("price-{key}"));
    let on_input = {
        let setting = setting.clone();
        move |ev: leptos::ev::Event| {
            let typed = event_target_value(&ev);
            text.set(typed.clone());
            match parse_number(&typed) {
                Ok(json) => apply(scenario, on_change, error, &[(&setting, &json)]),
                Err(why) => error.set(Some(format!("{setting}: {why}; allowed is a price >= 0"))),
            }
        }
    };
    let base = price.usd;
    let reset = {
        let setting = setting.clone();
        move |_| {
            text.set(field_text(base));
            apply(scenario, on_change, error, &[(&setting, "null")]);
        }
    };
    let is_overridden = Signal::derive({
        let overridden = overridden.clone();
        move || overridden().is_some()
    });
    let source = price.source.clone();
    let flag = (!source.verified).then(|| {
        view! { <span class="hr-badge hr-badge--unverified" title="Not yet confirmed on the vendor's page">"UNVERIFIED"</span> }
    });
    view! {
        <tr class="hr-prices__row" class:hr-prices__row--overridden=is_overridden data-testid=format!("price-{key}")>
            <th scope="row"><label for=id.clone()>{key.clone()}</label></th>
            <td>
                <input
                    class="hr-field__input hr-prices__input"
                    id=id.clone()
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    prop:value=move || text.get()
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    on:input=on_input
                />
                <span class="hr-badge hr-badge--overridden" hidden=move || !is_overridden.get()>"overridden"</span>
                <button
                    type="button"
                    class="hr-button hr-button--small"
                    hidden=move || overridden().is_none()
                    aria-label=format!("Reset {key} to the catalog price")
                    on:click=reset
                >
                    "Reset"
                </button>
                <p class="hr-field__error" role="alert" hidden=move || error.with(Option::is_none)>
                    {move || error.get().unwrap_or_default()}
                </p>
            </td>
            <td>{unit_words(&price.unit)}</td>
            <td class="hr-prices__source">
                {flag}
                <span class="hr-prices__source-text">
                    {format!("{} ({})", source.source, source.seen)}
                </span>
            </td>
        </tr>
    }
}

/// The catalogs a scenario can use (for the catalog picker outside the editor).
pub fn catalogs() -> Vec<Catalog> {
    catalog::all().unwrap_or_default()
}
