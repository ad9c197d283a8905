//! The file-provenance view: one directory of an image's or a container's
//! merged filesystem, listed lazily (one directory per request). For each
//! name: which layer provides it — the first found looking from the top
//! down — and which lower layers hold versions it hides.

use super::container::provider;
use super::ViewError;
use crate::engine::fs::{path, Entry, NodeKind, UnionFs};
use crate::engine::host::HostId;
use crate::engine::image::ops::{no_such_image, resolve_image};
use crate::engine::Engine;
use serde::Serialize;

/// At most this many names per directory; the rest are counted.
pub const MAX_ENTRIES: usize = 1000;

/// Whose filesystem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Image(String),
    Container(String),
}

#[derive(Clone, Debug, Serialize)]
pub struct Listing {
    pub path: String,
    /// Read-only layers (the writable one, for a container, is above them).
    pub layers: usize,
    pub container: bool,
    pub entries: Vec<FileRow>,
    /// Names left out past [`MAX_ENTRIES`].
    pub more: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct FileRow {
    pub name: String,
    /// `file`, `dir` or `symlink`.
    pub kind: &'static str,
    pub size: u64,
    /// The layer the lookup found it in: an index from the base, or `None`
    /// for a container's writable layer.
    pub layer: Option<usize>,
    /// Lower layers (indexes from the base) whose versions of this path are
    /// hidden by the one shown.
    pub hidden: Vec<usize>,
}

/// The listing of `dir` in `target` on host `h`.
pub fn listing(
    engine: &Engine,
    h: HostId,
    target: &Target,
    dir: &str,
) -> Result<Listing, ViewError> {
    let daemon = &engine.hosts[h].daemon;
    let image_fs;
    let (fs, container): (&UnionFs, bool) = match target {
        Target::Container(key) => {
            let c = daemon
                .containers
                .lookup(key)
                .ok()
                .and_then(|id| daemon.containers.find(&id))
                .ok_or_else(|| ViewError::new(format!("No such container: {key}")))?;
            (&c.fs, true)
        }
        Target::Image(key) => {
            let id = resolve_image(engine, h, key)
                .map_err(|_| ViewError::new(no_such_image(key).to_string()))?;
            image_fs = UnionFs::new(daemon.images.layers_of(&id));
            (&image_fs, false)
        }
    };
    let dir = path::normalize(dir);
    let names = fs
        .read_dir(&dir)
        .map_err(|e| ViewError::new(format!("{dir}: {e}")))?;
    let more = names.len().saturating_sub(MAX_ENTRIES);
    let entries = names
        .into_iter()
        .take(MAX_ENTRIES)
        .map(|d| {
            let p = if dir == "/" {
                format!("/{}", d.name)
            } else {
                format!("{dir}/{}", d.name)
            };
            let in_upper = container && fs.upper().get(&p).is_some();
            let found = provider(fs, &p);
            let shown_at = if in_upper {
                None
            } else {
                found.map(|(i, _)| i)
            };
            let entry = fs.lookup(&p);
            // Every lower version below the one shown is hidden by it (a
            // directory merges with the ones below instead).
            let hidden = if d.kind == NodeKind::Dir {
                Vec::new()
            } else {
                fs.lower()
                    .iter()
                    .enumerate()
                    .filter(|(i, l)| {
                        shown_at.is_none_or(|top| *i < top)
                            && matches!(l.get(&p), Some(e) if !matches!(e, Entry::Whiteout))
                    })
                    .map(|(i, _)| i)
                    .collect()
            };
            FileRow {
                kind: match d.kind {
                    NodeKind::Dir => "dir",
                    NodeKind::Symlink => "symlink",
                    _ => "file",
                },
                size: entry.map_or(0, Entry::size),
                layer: shown_at,
                hidden,
                name: d.name,
            }
        })
        .collect();
    Ok(Listing {
        path: dir,
        layers: fs.lower().len(),
        container,
        entries,
        more,
    })
}
