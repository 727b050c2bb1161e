//! The planner's state, shared through context: the one scenario and what
//! the shell keeps beside it (notices, the compared scenario, the Monte Carlo
//! run).

use std::time::Duration;

use headroom_components::uncertainty::SimState;
use headroom_models::projection::CostScope;
use headroom_models::Scenario;
use leptos::prelude::*;

use crate::browser;
use crate::url::{self, View};

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
    /// Which costs the headline and the cost charts count: infrastructure
    /// alone until the person includes the card fees (a view setting, not
    /// part of the scenario).
    pub cost_scope: RwSignal<CostScope>,
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
