//! One entry of a layer changeset: a file, a directory, a symlink or a
//! whiteout — the OCI layer vocabulary (an opaque directory is a directory
//! entry with `opaque: true`).

use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Ownership, permissions and modification time of a node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Permission bits (`0o755`), without the file-type bits.
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    /// Seconds since the Unix epoch.
    pub mtime: i64,
}

impl Meta {
    pub fn new(mode: u32, mtime: i64) -> Meta {
        Meta {
            mode,
            uid: 0,
            gid: 0,
            mtime,
        }
    }
}

/// What a file holds. Large binaries from packages are `Sized`: they have a
/// real size (counted in layer sizes) and a seed that stands for their bytes
/// (hashed into digests), but their bytes are never materialised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Content {
    Bytes(#[serde(with = "bytes_text")] Arc<[u8]>),
    Sized { size: u64, seed: u64 },
}

impl Content {
    pub fn text(s: &str) -> Content {
        Content::Bytes(Arc::from(s.as_bytes()))
    }
    pub fn bytes(b: Vec<u8>) -> Content {
        Content::Bytes(Arc::from(b))
    }
    /// An executable of the userland: `size` bytes whose identity is the
    /// program `name` (see [`program_seed`]). Copying the file copies the
    /// program; `crate::userland` dispatches on the seed.
    pub fn program(name: &str, size: u64) -> Content {
        Content::Sized {
            size,
            seed: program_seed(name),
        }
    }
    pub fn size(&self) -> u64 {
        match self {
            Content::Bytes(b) => b.len() as u64,
            Content::Sized { size, .. } => *size,
        }
    }
    /// The bytes a program sees when it reads the file. `Sized` contents read
    /// as an ELF-like header followed by NULs, capped so nothing huge is built.
    pub fn read(&self) -> Vec<u8> {
        match self {
            Content::Bytes(b) => b.to_vec(),
            Content::Sized { size, .. } => {
                let mut v = b"\x7fELF\x02\x01\x01".to_vec();
                v.resize((*size).min(64) as usize, 0);
                v.truncate(*size as usize);
                v
            }
        }
    }
    /// Lossy text view of the content.
    pub fn to_text(&self) -> String {
        String::from_utf8_lossy(&self.read()).into_owned()
    }
}

/// An entry in a layer, keyed by absolute path in [`super::Layer`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    File {
        meta: Meta,
        content: Content,
    },
    /// `opaque`: lower layers' children of this directory are hidden.
    Dir {
        meta: Meta,
        opaque: bool,
    },
    Symlink {
        meta: Meta,
        target: String,
    },
    /// Deletes the path (and everything below it) from lower layers.
    Whiteout,
}

impl Entry {
    pub fn meta(&self) -> Option<&Meta> {
        match self {
            Entry::File { meta, .. } | Entry::Dir { meta, .. } | Entry::Symlink { meta, .. } => {
                Some(meta)
            }
            Entry::Whiteout => None,
        }
    }
    pub fn meta_mut(&mut self) -> Option<&mut Meta> {
        match self {
            Entry::File { meta, .. } | Entry::Dir { meta, .. } | Entry::Symlink { meta, .. } => {
                Some(meta)
            }
            Entry::Whiteout => None,
        }
    }
    pub fn is_dir(&self) -> bool {
        matches!(self, Entry::Dir { .. })
    }
    /// Bytes this entry adds to a layer's size.
    pub fn size(&self) -> u64 {
        match self {
            Entry::File { content, .. } => content.size(),
            Entry::Symlink { target, .. } => target.len() as u64,
            _ => 0,
        }
    }
    pub fn kind(&self) -> NodeKind {
        match self {
            Entry::File { .. } => NodeKind::File,
            Entry::Dir { .. } => NodeKind::Dir,
            Entry::Symlink { .. } => NodeKind::Symlink,
            Entry::Whiteout => NodeKind::Whiteout,
        }
    }
}

/// The type of an entry, without its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    File,
    Dir,
    Symlink,
    Whiteout,
}

/// Serialises byte contents as a UTF-8 string when they are text (the common
/// case: config files, scripts), as `{"b64": …}`-free hex otherwise.
mod bytes_text {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::sync::Arc;

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(String),
        Hex { hex: String },
    }

    pub fn serialize<S: Serializer>(b: &Arc<[u8]>, s: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(b) {
            Ok(t) => Repr::Text(t.to_string()).serialize(s),
            Err(_) => Repr::Hex {
                hex: b.iter().map(|x| format!("{x:02x}")).collect(),
            }
            .serialize(s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<[u8]>, D::Error> {
        Ok(match Repr::deserialize(d)? {
            Repr::Text(t) => Arc::from(t.into_bytes()),
            Repr::Hex { hex } => {
                let bytes: Vec<u8> = (0..hex.len() / 2)
                    .filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
                    .collect();
                Arc::from(bytes)
            }
        })
    }
}

/// The seed that identifies program `name`'s binary: FNV-1a (64-bit) of
/// `"program:" + name`.
pub fn program_seed(name: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in "program:".bytes().chain(name.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
