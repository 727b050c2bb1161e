//! Headroom's Leptos components: the input editor, the charts, the tables and the
//! dialogs of the planner.
//!
//! Components only show what the model computed: they take the scenario or its
//! projection as reactive props and format figures (`headroom_models::format`: one
//! policy for the CLI and the app); they never
//! derive a figure of their own. Chart drawing is generic over plotters'
//! `DrawingBackend`, so the same code draws to a canvas in the browser and to SVG
//! in native tests.

pub mod charts;
pub mod compare;
pub mod inputs;
pub mod tables;
pub mod uncertainty;
