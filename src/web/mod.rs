//! The browser front end (Yew): the console, the editor, the lesson panel
//! and persistence in localStorage. [`line`] (pure line editing), [`i18n`],
//! [`scrollback_store`]'s encoding, [`vim`]'s modes and [`worker`] (the
//! console ↔ engine protocol and its engine side) build natively, so
//! `cargo test` covers them without compiling any web crate; the rest is
//! compiled for wasm32 only.

pub mod i18n;
pub mod line;
pub mod scrollback_store;
pub mod vim;
pub mod worker;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod boot;
#[cfg(target_arch = "wasm32")]
mod crash;
#[cfg(target_arch = "wasm32")]
mod dialog;
#[cfg(target_arch = "wasm32")]
mod editor;
#[cfg(target_arch = "wasm32")]
mod export;
#[cfg(target_arch = "wasm32")]
mod input;
#[cfg(target_arch = "wasm32")]
mod lessons;
#[cfg(target_arch = "wasm32")]
mod scrollback;
#[cfg(target_arch = "wasm32")]
mod storage;

/// Entry point of the wasm module: mounts the console on the page.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    crash::install();
    let document = gloo::utils::document();
    boot::take();
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    let root = document
        .get_element_by_id("app")
        .unwrap_or_else(|| gloo::utils::body().into());
    yew::Renderer::<app::App>::with_root(root).render();
}
