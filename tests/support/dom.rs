//! Helpers the browser tests share (wasm-bindgen-test in Chromium): waiting,
//! a fresh element to mount into, finding and clicking elements. Included with
//! `#[path]` by `tests/panels.rs` and by the component tests
//! (`components/tests/web.rs`, `components/tests/charts.rs`), each of which
//! uses some of them.
#![allow(dead_code)]

use wasm_bindgen::JsCast;

/// Wait `ms` milliseconds (lets effects, microtasks and a frame run).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A fresh element in the document to mount into, 800 px wide.
pub fn host() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    el.style().set_property("width", "800px").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el
}

/// The first element under `root` matching `selector` (a test failure if none).
pub fn find(root: &web_sys::HtmlElement, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

/// The text of every element under `root` matching `selector`.
pub fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i).and_then(|n| n.text_content()))
        .collect()
}

/// Click the element under `root` matching `selector`, as a person does.
pub fn click(root: &web_sys::HtmlElement, selector: &str) {
    let el: web_sys::HtmlElement = find(root, selector).unchecked_into();
    el.click();
}
