//! Headroom in the browser: a Leptos (client-side rendered) app over the
//! capacity model in `headroom-models`.
//!
//! The model computes every figure; this crate holds the scenario, asks the
//! model for its projection and shows it. `main.rs` only mounts [`App`].

pub mod app;
pub mod format;

pub use app::App;

/// Mounts [`App`] into the page's `<body>`. Call once, from `main`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}
