//! The crash guard. The release build aborts on a panic (`panic = "abort"`),
//! and a trap (a stack overflow, say) kills the wasm instance: either way
//! the page must not be left with a dead terminal. The dialog is plain HTML
//! in `www/index.html`, shown by `www/boot.js` on any wasm trap and by the
//! panic hook here; [`arm`] puts its texts in the learner's language, and
//! its buttons (reload, download the last save) are plain JavaScript, so
//! they work after the wasm is gone.

use crate::lessons::Lang;
use crate::web::i18n::t;

/// Installs the panic hook: the panic goes to the devtools console, then
/// the crash dialog is shown before the abort. Through Yew, whose renderer
/// would otherwise replace any hook with its default one.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}

/// Fills the crash dialog's texts in `lang` (again whenever it changes).
pub fn arm(lang: Lang) {
    let document = gloo::utils::document();
    for (id, key) in [
        ("crash-title", "crash-title"),
        ("crash-body", "crash-body"),
        ("crash-reload", "crash-reload"),
        ("crash-export", "crash-export"),
    ] {
        if let Some(e) = document.get_element_by_id(id) {
            e.set_text_content(Some(t(lang, key)));
        }
    }
    if let Some(e) = document.get_element_by_id("crash") {
        let _ = e.set_attribute("lang", lang.tag());
    }
}

/// Shows the crash dialog through boot.js (which also hides the export
/// button when there is no save).
fn show() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let crash = js_sys::Reflect::get(&window, &"dockerlingsBoot".into())
        .and_then(|boot| js_sys::Reflect::get(&boot, &"crash".into()));
    if let Ok(f) = crash {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.call1(&wasm_bindgen::JsValue::NULL, &"panic".into());
        }
    }
}

/// A deliberate panic, for the browser test of the crash guard
/// (`window.wasmBindings.dockerlings_crash_test()` from the devtools).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn dockerlings_crash_test() {
    panic!("dockerlings_crash_test: a deliberate panic to test the crash guard");
}
