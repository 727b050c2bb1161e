//! Entry point of the wasm binary that Trunk builds: mount the app.

fn main() {
    // Debug builds report a panic's message and place in the console; release
    // builds stay lean (and the model never panics on any input).
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // The Monte Carlo workers (src/montecarlo/worker.js) start the same wasm
    // where there is no page to mount in.
    if web_sys::window().is_some() {
        headroom_app::mount();
    }
}
