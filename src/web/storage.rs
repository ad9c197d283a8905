//! Persistence in the browser's localStorage: the whole sandbox as one JSON
//! document (engine state, files, history), written after every command and
//! read back on load. Two small keys beside it keep the restore honest:
//! when the last command ran and when the last save succeeded, so a reload
//! after failed saves says how old the restored sandbox is; and the prompt
//! the learner last saw, which the page's boot frame shows before the wasm
//! is ready (www/boot.js).

use crate::sandbox::Sandbox;

/// The localStorage key of the saved sandbox.
const SANDBOX_KEY: &str = "dockerlings.sandbox.v1";
/// When (ms since the epoch) the last command ran, saved or not.
const LAST_COMMAND_KEY: &str = "dockerlings.last-command";
/// When the sandbox was last saved successfully.
const SAVED_AT_KEY: &str = "dockerlings.saved-at";
/// The prompt shown last (read by www/boot.js).
const PROMPT_KEY: &str = "dockerlings.prompt";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// How the sandbox came to be.
pub enum Restored {
    /// Nothing was saved: a fresh sandbox.
    Fresh,
    /// The saved sandbox was restored.
    Saved,
    /// The saved sandbox was restored, but commands ran after it was saved
    /// (their saves failed): it is `age_ms` old.
    Older { age_ms: i64 },
    /// Something was saved but could not be read back (an older format, or
    /// damage); a fresh sandbox replaces it. `kept`: whether the unreadable
    /// copy could be kept aside (under `…unreadable`).
    Unreadable { error: String, kept: bool },
}

/// A live sandbox at `now` with a random id seed.
pub fn fresh(now: i64) -> Sandbox {
    // 53 random bits: ids differ between learners and between resets.
    let seed = (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64;
    Sandbox::new_live(now, seed)
}

/// The saved sandbox, or a fresh one.
pub fn load(now: i64) -> (Sandbox, Restored) {
    let saved = local_storage().and_then(|s| s.get_item(SANDBOX_KEY).ok().flatten());
    match saved {
        None => (fresh(now), Restored::Fresh),
        Some(json) => match Sandbox::load(&json) {
            Ok(sandbox) => {
                let at = |key| {
                    local_storage()
                        .and_then(|s| s.get_item(key).ok().flatten())
                        .and_then(|v| v.parse::<i64>().ok())
                };
                match (at(SAVED_AT_KEY), at(LAST_COMMAND_KEY)) {
                    (Some(saved), Some(last)) if last > saved => (
                        sandbox,
                        Restored::Older {
                            age_ms: now.saturating_sub(saved).max(0),
                        },
                    ),
                    _ => (sandbox, Restored::Saved),
                }
            }
            Err(error) => {
                // Keep the unreadable copy rather than overwrite it, and
                // say truthfully whether that worked.
                let kept = local_storage().is_some_and(|s| {
                    s.set_item(&format!("{SANDBOX_KEY}.unreadable"), &json)
                        .is_ok()
                });
                (fresh(now), Restored::Unreadable { error, kept })
            }
        },
    }
}

/// Saves the sandbox; the error explains why it could not be kept (storage
/// disabled or full).
pub fn save(sandbox: &Sandbox) -> Result<(), String> {
    let storage = local_storage().ok_or("this browser does not allow localStorage")?;
    let now = now().to_string();
    // Tiny, so it usually fits even when the sandbox does not.
    let _ = storage.set_item(LAST_COMMAND_KEY, &now);
    storage
        .set_item(SANDBOX_KEY, &sandbox.save())
        .map_err(|_| "the browser's storage is full or disabled".to_string())?;
    let _ = storage.set_item(SAVED_AT_KEY, &now);
    Ok(())
}

/// Remembers the prompt for the next page load's boot frame.
pub fn remember_prompt(prompt: &str) {
    if let Some(s) = local_storage() {
        if s.get_item(PROMPT_KEY).ok().flatten().as_deref() != Some(prompt) {
            let _ = s.set_item(PROMPT_KEY, prompt);
        }
    }
}

/// Forgets the saved sandbox.
pub fn clear() {
    if let Some(s) = local_storage() {
        for key in [SANDBOX_KEY, LAST_COMMAND_KEY, SAVED_AT_KEY, PROMPT_KEY] {
            let _ = s.remove_item(key);
        }
    }
}

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// Calls `on_write` when another tab of the site saves its sandbox (the
/// browser's `storage` event fires only in the other tabs), so this tab can
/// stop saving instead of overwriting the newer sandbox.
pub fn watch_other_tabs(on_write: impl Fn() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(move |e| {
        let key = js_sys::Reflect::get(&e, &"key".into())
            .ok()
            .and_then(|k| k.as_string());
        if key.as_deref() == Some(SANDBOX_KEY) {
            on_write();
        }
    });
    let _ = window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    // Listens for the page's lifetime.
    listener.forget();
}
