//! The console before the wasm: the page's HTML shows the terminal frame and
//! a prompt at once, and `www/boot.js` keeps what the learner types until
//! the app starts. [`take`] collects those lines (and the line still being
//! typed) as the boot frame is removed; the app replays them once it has
//! rendered ([`pending`]), so nothing typed during the load is lost.

use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// What was typed into the boot frame.
#[derive(Default)]
pub struct Typed {
    /// Lines entered with Enter, oldest first.
    pub lines: Vec<String>,
    /// The line being typed, not yet entered.
    pub partial: String,
}

thread_local! {
    static PENDING: RefCell<Option<Typed>> = const { RefCell::new(None) };
}

/// Takes over the boot frame's input (boot.js stops listening) and keeps it
/// for [`pending`]. Called once, before the app replaces the frame.
pub fn take() {
    let mut typed = Typed::default();
    if let Some(window) = web_sys::window() {
        if let Ok(boot) = js_sys::Reflect::get(&window, &"dockerlingsBoot".into()) {
            if boot.is_object() {
                let _ = js_sys::Reflect::set(&boot, &"taken".into(), &true.into());
                if let Ok(lines) = js_sys::Reflect::get(&boot, &"lines".into()) {
                    if let Ok(lines) = lines.dyn_into::<js_sys::Array>() {
                        typed.lines = lines.iter().filter_map(|l| l.as_string()).collect();
                    }
                }
            }
        }
    }
    let input = gloo::utils::document()
        .get_element_by_id("boot-input")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        typed.partial = input.value();
    }
    PENDING.with(|p| *p.borrow_mut() = Some(typed));
}

/// What [`take`] collected, once (empty afterwards).
pub fn pending() -> Typed {
    PENDING.with(|p| p.borrow_mut().take()).unwrap_or_default()
}
