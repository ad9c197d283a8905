//! Memos for the views: layers and images never change once committed
//! (their digests name their content), so what a view computes from one —
//! a layer's size and file count, an image's wasted space — is computed once
//! and looked up by digest after every later command. Bounded: a memo that
//! grows past its limit starts over.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;

/// Entries a memo keeps before it starts over.
pub const LIMIT: usize = 4096;

/// A bounded map from digests to computed values, one per thread (the
/// engine runs on one: the worker in the browser).
pub struct Memo<K, V> {
    map: RefCell<HashMap<K, V>>,
}

impl<K: Eq + Hash + Clone, V: Clone> Memo<K, V> {
    pub fn new() -> Memo<K, V> {
        Memo {
            map: RefCell::new(HashMap::new()),
        }
    }

    /// The value for `key`, computed by `f` the first time.
    pub fn get_or(&self, key: &K, f: impl FnOnce() -> V) -> V {
        if let Some(v) = self.map.borrow().get(key) {
            return v.clone();
        }
        let v = f();
        let mut m = self.map.borrow_mut();
        if m.len() >= LIMIT {
            m.clear();
        }
        m.insert(key.clone(), v.clone());
        v
    }
}

impl<K: Eq + Hash + Clone, V: Clone> Default for Memo<K, V> {
    fn default() -> Self {
        Memo::new()
    }
}

thread_local! {
    /// diff_id → (bytes, entries) of the layer.
    pub static LAYER_STATS: Memo<String, (u64, usize)> = Memo::new();
}

/// Size and entry count of the layer `diff_id` (computed by `f` once).
pub fn layer_stats(diff_id: &str, f: impl FnOnce() -> (u64, usize)) -> (u64, usize) {
    LAYER_STATS.with(|m| m.get_or(&diff_id.to_string(), f))
}
