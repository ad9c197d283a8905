//! The container view: a container is its image's read-only layers plus one
//! thin writable layer on top. The writable layer's changes are listed as
//! `docker diff` lists them (A/C/D), each with where it came from: a changed
//! file was copied up from the lower layer that held it (which is still
//! there, unchanged), a deleted one is hidden by a whiteout in the upper
//! layer. Another container of the same image has its own upper layer and
//! sees none of this.

use super::layers::{image_layers, ImageLayers};
use super::{short, ViewError};
use crate::engine::fs::{ChangeKind, Entry, UnionFs};
use crate::engine::host::HostId;
use crate::engine::Engine;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct ContainerLayers {
    pub name: String,
    pub id: String,
    pub status: String,
    /// The image's stack below the writable layer (`None` when the image
    /// was removed with `docker rmi -f`: the layers live on in the container).
    pub image: Option<ImageLayers>,
    pub image_ref: String,
    /// The writable layer's changes, in path order.
    pub upper: Vec<UpperChange>,
    /// Bytes in the writable layer (`docker ps -s` SIZE).
    pub upper_size: u64,
    /// Read-only layers under it.
    pub lower_count: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct UpperChange {
    pub path: String,
    /// `A`, `C` or `D`.
    pub kind: char,
    /// For C and D: the read-only layer (index from the base) whose version
    /// the upper layer now hides.
    pub from_layer: Option<usize>,
    /// D recorded as a whiteout entry (rather than hidden under an opaque
    /// directory or a file put in a directory's place).
    pub whiteout: bool,
    /// Size of the version in the upper layer (A and C).
    pub size: Option<u64>,
    /// Size of the hidden original (C and D).
    pub original_size: Option<u64>,
}

/// The topmost read-only layer holding `path` (index from the base).
pub fn provider<'a>(fs: &'a UnionFs, path: &str) -> Option<(usize, &'a Entry)> {
    let lower = fs.lower();
    for (i, layer) in lower.iter().enumerate().rev() {
        match layer.get(path) {
            Some(Entry::Whiteout) => return None,
            Some(e) => return Some((i, e)),
            None => {}
        }
    }
    None
}

/// The view of container `key` (name, ID or prefix) on host `h`.
pub fn container_layers(
    engine: &Engine,
    h: HostId,
    key: &str,
) -> Result<ContainerLayers, ViewError> {
    let store = &engine.hosts[h].daemon.containers;
    let c = store
        .lookup(key)
        .ok()
        .and_then(|id| store.find(&id))
        .ok_or_else(|| ViewError::new(format!("No such container: {key}")))?;
    let image = image_layers(engine, h, &c.image.to_string()).ok();
    let upper: Vec<UpperChange> =
        c.fs.diff()
            .into_iter()
            .map(|ch| {
                let top = c.fs.upper().get(&ch.path);
                let below = provider(&c.fs, &ch.path);
                UpperChange {
                    kind: ch.kind.letter(),
                    from_layer: match ch.kind {
                        ChangeKind::Added => None,
                        _ => below.map(|(i, _)| i),
                    },
                    whiteout: matches!(top, Some(Entry::Whiteout)),
                    size: match ch.kind {
                        ChangeKind::Deleted => None,
                        _ => top.map(Entry::size),
                    },
                    original_size: match ch.kind {
                        ChangeKind::Added => None,
                        _ => below.map(|(_, e)| e.size()),
                    },
                    path: ch.path,
                }
            })
            .collect();
    Ok(ContainerLayers {
        name: c.name.trim_start_matches('/').to_string(),
        id: short(&c.id),
        status: c.state.status.as_str().to_string(),
        image,
        image_ref: c.image_ref.clone(),
        upper_size: c.fs.upper().size(),
        lower_count: c.fs.lower().len(),
        upper,
    })
}
