//! Thin, failure-tolerant wrappers over the browser APIs the shell uses: the
//! address bar, downloads, the clipboard, the colour scheme, and the embed
//! height message. Every call that the browser may refuse returns a `Result` or
//! does nothing; none panics.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The page's `location.search` and `location.hash` (empty when unavailable).
pub fn location_parts() -> (String, String) {
    let location = window().location();
    (
        location.search().unwrap_or_default(),
        location.hash().unwrap_or_default(),
    )
}

/// The page's address without query or fragment: origin and path.
pub fn base_url() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// Replace the current history entry's address (query and fragment), without
/// adding an entry and without reloading.
pub fn replace_address(query: &str, fragment: &str) {
    let path = window().location().pathname().unwrap_or_default();
    if let Ok(history) = window().history() {
        // Refused only in odd contexts (sandboxed frames); nothing to do then.
        let _ = history.replace_state_with_url(
            &JsValue::NULL,
            "",
            Some(&format!("{path}{query}{fragment}")),
        );
    }
}

/// Offer `contents` as a file download named `filename`.
pub fn download_text(filename: &str, mime: &str, contents: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not make the file".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not make the file".to_owned())?;
    let result = download_url(filename, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Click a temporary `<a download>` for `url`.
pub fn download_url(filename: &str, url: &str) -> Result<(), String> {
    let document = document();
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "the browser refused the download".to_owned())?
        .unchecked_into();
    anchor.set_href(url);
    anchor.set_download(filename);
    anchor.set_attribute("hidden", "").ok();
    let body = document.body().ok_or("the page has no body")?;
    body.append_child(&anchor).ok();
    anchor.click();
    anchor.remove();
    Ok(())
}

/// Copy text to the clipboard; `Err` when the browser refuses (no permission, an
/// insecure context), so the caller can ask the person to copy by hand.
pub async fn copy_text(text: &str) -> Result<(), ()> {
    let clipboard = window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}

/// Whether the system asks for a dark colour scheme, following changes.
pub fn prefers_dark() -> Signal<bool> {
    let query = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten();
    let dark = RwSignal::new(query.as_ref().is_some_and(web_sys::MediaQueryList::matches));
    if let Some(query) = query {
        let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |ev: web_sys::MediaQueryListEvent| dark.set(ev.matches()),
        );
        query
            .add_event_listener_with_callback("change", listener.as_ref().unchecked_ref())
            .ok();
        // The listener lives as long as the page.
        listener.forget();
    }
    dark.into()
}

/// Whether the page runs inside a frame of another page.
pub fn in_frame() -> bool {
    let window = window();
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        _ => false,
    }
}

/// Tell the parent frame the page's height: `{type: "headroom:height", height}`
/// and nothing else.
pub fn post_height(height: f64) {
    if !in_frame() {
        return;
    }
    if let Ok(Some(parent)) = window().parent() {
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &"type".into(), &"headroom:height".into()).ok();
        js_sys::Reflect::set(&message, &"height".into(), &height.ceil().into()).ok();
        // The message carries only the height, so any parent origin may read it.
        parent.post_message(&message, "*").ok();
    }
}

/// Call `report` with the height of the page's content now and whenever it
/// changes. The body's own height is measured (not the document's scroll
/// height, which never falls below the frame's height), so a frame told this
/// height can shrink as well as grow.
pub fn watch_height(report: impl Fn(f64) + 'static) {
    let Some(body) = document().body() else {
        return;
    };
    // Only real changes are reported: not the empty page before the first
    // render, not the same height twice.
    let last = std::cell::Cell::new(0.0);
    let observed = body.clone();
    let callback = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        let height = observed.get_bounding_client_rect().height().ceil();
        if height > 0.0 && height != last.get() {
            last.set(height);
            report(height);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    // Lives as long as the page.
    callback.forget();
}

/// Milliseconds since the epoch (for "saved at").
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A date and time for people, in the browser's locale.
pub fn local_time(ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    String::from(date.to_locale_string("default", &JsValue::UNDEFINED))
}

/// Read a file the person picked, as text.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| "the file could not be read".to_owned())?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_owned())
}

/// Milliseconds since the page started (`performance.now()`), for timing work;
/// 0 where the browser has no page clock.
pub fn elapsed_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// Run `work`, recording it in the browser's performance timeline as a
/// measure named `name` (between two marks), for profilers and the benchmarks
/// (tests/e2e/bench/montecarlo.js). A browser without User Timing just runs it.
pub fn timed<R>(name: &str, work: impl FnOnce() -> R) -> R {
    let performance = window().performance();
    let start = format!("{name}:start");
    if let Some(p) = &performance {
        let _ = p.mark(&start);
    }
    let out = work();
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
    }
    out
}

/// Forget the measures named `name` (so a long session does not pile them up).
pub fn clear_measures(name: &str) {
    if let Some(p) = window().performance() {
        p.clear_measures_with_measure_name(name);
    }
}

thread_local! {
    /// Work waiting for its own task (see [`next_task`]), first in first out.
    static TASKS: std::cell::RefCell<std::collections::VecDeque<Box<dyn FnOnce()>>> =
        std::cell::RefCell::default();
    /// A private channel whose messages wake [`run_next_task`]; `None` if the
    /// browser would not make one.
    static WAKER: Option<web_sys::MessageChannel> = task_channel();
}

/// Run `f` in a task of its own, as soon as the browser is free: input and
/// rendering get their turn first, but there is no waiting. (A zero-delay timer
/// would do the same with a floor of 4 ms once timers nest, which cost a
/// chunked Monte Carlo run about 40% of its time.) The wake-up goes through a
/// private `MessageChannel`, never through the window's messages; if the
/// browser has no channel, a zero-delay timer does it.
pub fn next_task(f: impl FnOnce() + 'static) {
    TASKS.with(|tasks| tasks.borrow_mut().push_back(Box::new(f)));
    let posted = WAKER.with(|channel| {
        channel
            .as_ref()
            .is_some_and(|c| c.port2().post_message(&JsValue::NULL).is_ok())
    });
    if !posted {
        set_timeout(run_next_task, std::time::Duration::ZERO);
    }
}

/// Run the oldest waiting task, if any (one per wake-up).
fn run_next_task() {
    let task = TASKS.with(|tasks| tasks.borrow_mut().pop_front());
    if let Some(task) = task {
        task();
    }
}

fn task_channel() -> Option<web_sys::MessageChannel> {
    let channel = web_sys::MessageChannel::new().ok()?;
    let wake = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(run_next_task);
    channel
        .port1()
        .set_onmessage(Some(wake.as_ref().unchecked_ref()));
    // The channel lives as long as the page (it sits in a thread-local), and so
    // must its handler.
    wake.forget();
    Some(channel)
}
