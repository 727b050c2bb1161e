//! Entry point of the wasm binary that Trunk builds: mount the app.

fn main() {
    headroom_app::mount();
}
