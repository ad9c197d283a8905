//! Persistence in the browser's localStorage: the whole sandbox as one JSON
//! document (engine state, files, history), written after every command and
//! read back on load.

use crate::sandbox::Sandbox;

/// The localStorage key of the saved sandbox.
const SANDBOX_KEY: &str = "dockerlings.sandbox.v1";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// How the sandbox came to be.
pub enum Restored {
    /// Nothing was saved: a fresh sandbox.
    Fresh,
    /// The saved sandbox was restored.
    Saved,
    /// Something was saved but could not be read back (an older format, or
    /// damage); a fresh sandbox replaces it.
    Unreadable(String),
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
            Ok(sandbox) => (sandbox, Restored::Saved),
            Err(e) => {
                // Keep the unreadable copy rather than overwrite it.
                if let Some(s) = local_storage() {
                    let _ = s.set_item(&format!("{SANDBOX_KEY}.unreadable"), &json);
                }
                (fresh(now), Restored::Unreadable(e))
            }
        },
    }
}

/// Saves the sandbox; the error explains why it could not be kept (storage
/// disabled or full).
pub fn save(sandbox: &Sandbox) -> Result<(), String> {
    let storage = local_storage().ok_or("this browser does not allow localStorage")?;
    storage
        .set_item(SANDBOX_KEY, &sandbox.save())
        .map_err(|_| "the browser's storage is full or disabled".to_string())
}

/// Forgets the saved sandbox.
pub fn clear() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(SANDBOX_KEY);
    }
}

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}
