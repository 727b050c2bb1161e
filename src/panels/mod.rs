//! The toolbar and its panels, one file each: share a link (share.rs), save
//! and open named scenarios (saved.rs), compare with another scenario
//! (compare.rs), export and import (export.rs), and the embed snippet
//! (embed.rs). The panels reach stored scenarios through the one [`Shelf`]
//! in context (over `localStorage` in the page, over memory in tests).

mod compare;
mod embed;
mod export;
mod saved;
mod share;

use headroom_models::Projection;
use leptos::prelude::*;

pub use export::import_scenario;
pub use share::PasteLink;

use compare::ComparePanel;
use embed::EmbedPanel;
use export::ExportPanel;
use saved::SavedPanel;
use share::SharePanel;

/// A panel of the toolbar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Share,
    Saved,
    Compare,
    Export,
    Embed,
}

impl Panel {
    const ALL: [Panel; 5] = [
        Panel::Share,
        Panel::Saved,
        Panel::Compare,
        Panel::Export,
        Panel::Embed,
    ];

    fn label(self) -> &'static str {
        match self {
            Panel::Share => "Share",
            Panel::Saved => "Saved scenarios",
            Panel::Compare => "Compare",
            Panel::Export => "Export / import",
            Panel::Embed => "Embed",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Panel::Share => "share",
            Panel::Saved => "saved",
            Panel::Compare => "compare",
            Panel::Export => "export",
            Panel::Embed => "embed",
        }
    }
}

/// The toolbar: one button per panel (one panel open at a time) and the open panel.
#[component]
pub fn Toolbar(
    /// The open panel, if any.
    panel: RwSignal<Option<Panel>>,
    /// The model's projection of the scenario (for the CSV export).
    #[prop(into)]
    projection: Signal<Projection>,
) -> impl IntoView {
    let buttons = Panel::ALL
        .into_iter()
        .map(|p| {
            let open = move || panel.get() == Some(p);
            view! {
                <button
                    type="button"
                    class="hr-button"
                    class:hr-button--active=open
                    aria-expanded=move || if open() { "true" } else { "false" }
                    aria-controls="hr-panel"
                    data-testid=format!("open-{}", p.id())
                    on:click=move |_| panel.update(|cur| *cur = if *cur == Some(p) { None } else { Some(p) })
                >
                    {p.label()}
                </button>
            }
        })
        .collect_view();
    let body = move || {
        panel.get().map(|p| match p {
            Panel::Share => view! { <SharePanel /> }.into_any(),
            Panel::Saved => view! { <SavedPanel /> }.into_any(),
            Panel::Compare => view! { <ComparePanel /> }.into_any(),
            Panel::Export => view! { <ExportPanel projection /> }.into_any(),
            Panel::Embed => view! { <EmbedPanel /> }.into_any(),
        })
    };
    view! {
        <nav class="hr-toolbar" aria-label="Scenario actions">{buttons}</nav>
        <div id="hr-panel" class="hr-panel" hidden=move || panel.with(Option::is_none)>
            {body}
        </div>
    }
}
