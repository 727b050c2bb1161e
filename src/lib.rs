//! Headroom in the browser: the app shell over the capacity model
//! (`headroom-models`) and the planner's components (`headroom-components`).
//!
//! The shell holds the one scenario and what goes with it ([`planner`]), lays
//! out the page ([`app`]) with its toolbar ([`panels`]), keeps the address and
//! the working copy in step ([`sync`]), runs the Monte Carlo in Web Workers
//! or in slices ([`montecarlo`]), reads and writes the address ([`url`]) and keeps the
//! working and saved scenarios in local storage ([`storage`]).
//! `main.rs` only calls [`mount`] (and not at all in a worker).

pub mod app;
pub mod browser;
pub mod montecarlo;
pub mod panels;
pub mod planner;
pub mod storage;
pub mod sync;
pub mod url;

pub use app::App;

/// Mounts [`App`] into the page's `<body>`. Call once, from `main`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}
