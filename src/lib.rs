//! Headroom in the browser: the app shell over the capacity model
//! (`headroom-models`) and the planner's components (`headroom-components`).
//!
//! The shell holds the one scenario and its projection ([`app`]), reads and
//! writes the address ([`url`]), keeps the working and saved scenarios in local
//! storage ([`storage`]), and lays out the page with its toolbar ([`panels`]).
//! `main.rs` only calls [`mount`].

pub mod app;
pub mod browser;
pub mod panels;
pub mod storage;
pub mod url;

pub use app::App;

/// Mounts [`App`] into the page's `<body>`. Call once, from `main`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}
