//! A layer: an immutable-once-committed changeset of entries keyed by
//! absolute path, with its content digest (the OCI `diff_id`) and size.

use super::entry::{Content, Entry};
use super::path;
use crate::engine::digest::{sha256_hex, Digest};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;
use std::ops::Bound;

/// A changeset. Paths are absolute and normalised (`/etc/hosts`); the root
/// `/` itself is never stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    entries: BTreeMap<String, Entry>,
}

impl Layer {
    pub fn new() -> Layer {
        Layer::default()
    }

    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    pub fn get_mut(&mut self, path: &str) -> Option<&mut Entry> {
        self.entries.get_mut(path)
    }

    pub fn insert(&mut self, path: &str, entry: Entry) {
        debug_assert!(path.starts_with('/') && path != "/");
        self.entries.insert(path.to_string(), entry);
    }

    pub fn remove(&mut self, path: &str) -> Option<Entry> {
        self.entries.remove(path)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// All entries in path order (a parent always precedes its children).
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter()
    }

    /// Removes every entry strictly below `dir`.
    pub fn remove_below(&mut self, dir: &str) {
        let below: Vec<String> = self.descendants(dir).map(|(p, _)| p.clone()).collect();
        for p in below {
            self.entries.remove(&p);
        }
    }

    /// Entries strictly below `dir`, in path order.
    pub fn descendants<'a>(&'a self, dir: &str) -> impl Iterator<Item = (&'a String, &'a Entry)> {
        let prefix = if dir == "/" {
            "/".to_string()
        } else {
            format!("{dir}/")
        };
        let p2 = prefix.clone();
        self.entries
            .range::<String, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(move |(k, _)| k.starts_with(&p2))
    }

    /// Names of the direct children of `dir` present in this layer (including
    /// whiteouts), with their entries. Skips over grandchildren by seeking, so
    /// the cost is proportional to the number of children.
    pub fn children(&self, dir: &str) -> Vec<(String, &Entry)> {
        let prefix = if dir == "/" {
            "/".to_string()
        } else {
            format!("{dir}/")
        };
        let mut out = Vec::new();
        let mut from = prefix.clone();
        loop {
            let mut range = self
                .entries
                .range::<String, _>((Bound::Included(from.clone()), Bound::Unbounded));
            let Some((k, e)) = range.next() else { break };
            if !k.starts_with(&prefix) {
                break;
            }
            let rest = &k[prefix.len()..];
            match rest.find('/') {
                None => {
                    out.push((rest.to_string(), e));
                    // next key after this child and its subtree
                    from = format!("{k}\u{0}");
                }
                Some(i) => {
                    // a descendant whose direct child is not stored here:
                    // report nothing for it, skip its subtree.
                    let child = &rest[..i];
                    from = format!("{prefix}{child}0"); // '0' == '/' + 1
                }
            }
        }
        out
    }

    /// Total bytes of file contents and link targets: the layer's SIZE.
    pub fn size(&self) -> u64 {
        self.entries.values().map(Entry::size).sum()
    }

    /// The layer's `diff_id`: SHA-256 over a canonical, tar-like serialisation
    /// of its entries (path, type, mode, owner, mtime, size and content).
    pub fn diff_id(&self) -> Digest {
        let mut h = Sha256::new();
        for (p, e) in &self.entries {
            h.update(p.as_bytes());
            h.update([0]);
            match e {
                Entry::File { meta, content } => {
                    h.update(format!(
                        "f {:o} {} {} {} ",
                        meta.mode, meta.uid, meta.gid, meta.mtime
                    ));
                    match content {
                        Content::Bytes(b) => {
                            h.update(format!("{} ", b.len()));
                            h.update(b);
                        }
                        Content::Sized { size, seed } => {
                            h.update(format!("{size} s{seed}"));
                        }
                    }
                }
                Entry::Dir { meta, opaque } => {
                    h.update(format!(
                        "d {:o} {} {} {} {}",
                        meta.mode, meta.uid, meta.gid, meta.mtime, opaque
                    ));
                }
                Entry::Symlink { meta, target } => {
                    h.update(format!(
                        "l {} {} {} {target}",
                        meta.uid, meta.gid, meta.mtime
                    ));
                }
                Entry::Whiteout => h.update(".wh."),
            }
            h.update([0]);
        }
        Digest::from_hex(&hex(&h.finalize()))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Convenience for tests and catalog code: `sha256_hex` re-exported here so
/// callers need one import.
pub fn content_digest(data: &[u8]) -> String {
    sha256_hex(data)
}

/// Checks that `p` is a normalised absolute path usable as a key.
pub fn is_key(p: &str) -> bool {
    p.starts_with('/') && p != "/" && path::normalize(p) == p
}
