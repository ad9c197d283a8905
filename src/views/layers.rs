//! The image-layers view: an image's stack, base at the bottom, one row per
//! history entry — the layer it made (short diff_id, size, files) or that it
//! only changed metadata (`empty_layer`, 0 B) — and, per layer, the other
//! local images that share it. Two images side by side share the rows where
//! their diff_ids agree from the bottom up.

use super::memo::layer_stats;
use super::{short, ViewError};
use crate::engine::host::HostId;
use crate::engine::image::ops::{no_such_image, resolve_image};
use crate::engine::image::store::ImageStore;
use crate::engine::reference::Reference;
use crate::engine::Engine;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct ImageLayers {
    /// The name asked for.
    pub image: String,
    /// The short image ID.
    pub id: String,
    /// Every local name of the image (`ubuntu:latest`, `hzz/myubuntu:1.1`).
    pub names: Vec<String>,
    /// The image's SIZE (all its layers).
    pub size: u64,
    /// History entries, base first.
    pub rows: Vec<LayerRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LayerRow {
    pub created_by: String,
    pub created: String,
    pub comment: String,
    /// The layer this entry made; `None` for a metadata-only entry.
    pub layer: Option<LayerInfo>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LayerInfo {
    /// Position in `RootFS.Layers`, 0 = the base.
    pub index: usize,
    pub diff_id: String,
    pub diff_id_full: String,
    pub size: u64,
    pub files: usize,
    /// Other local images whose stacks hold this same layer.
    pub shared_with: Vec<String>,
}

/// The familiar names (`alpine:latest`, `localhost:5000/app:1.0`) that
/// point at image `id`.
pub fn names_of(store: &ImageStore, id: &crate::engine::digest::Digest) -> Vec<String> {
    store
        .refs
        .iter()
        .filter(|(_, d)| *d == id)
        .map(|(r, _)| {
            Reference::parse_normalized(r)
                .map(|n| n.familiar())
                .unwrap_or_else(|_| r.clone())
        })
        .collect()
}

/// diff_id → the names of the images holding it (an image without a name
/// is named by its short ID).
fn holders(store: &ImageStore) -> BTreeMap<String, Vec<String>> {
    let mut by_layer: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (id, img) in &store.images {
        let names = names_of(store, id);
        let label = names
            .first()
            .cloned()
            .unwrap_or_else(|| format!("<none> ({})", img.short_id()));
        for d in &img.config.rootfs.diff_ids {
            let v = by_layer.entry(d.to_string()).or_default();
            if !v.contains(&label) {
                v.push(label.clone());
            }
        }
    }
    by_layer
}

/// The view of image `key` on host `h`.
pub fn image_layers(engine: &Engine, h: HostId, key: &str) -> Result<ImageLayers, ViewError> {
    let store = &engine.hosts[h].daemon.images;
    let id = resolve_image(engine, h, key)
        .map_err(|_| ViewError::new(no_such_image(key).to_string()))?;
    let img = &store.images[&id];
    let names = names_of(store, &id);
    let label = names
        .first()
        .cloned()
        .unwrap_or_else(|| img.short_id().to_string());
    let holders = holders(store);
    let diff_ids = &img.config.rootfs.diff_ids;
    let mut next = 0;
    let mut rows = Vec::with_capacity(img.config.history.len());
    for entry in &img.config.history {
        let layer = if entry.empty_layer || next >= diff_ids.len() {
            None
        } else {
            let d = &diff_ids[next];
            let (size, files) = layer_stats(&d.to_string(), || {
                store.layers.get(d).map_or((0, 0), |l| (l.size(), l.len()))
            });
            let info = LayerInfo {
                index: next,
                diff_id: short(&d.to_string()),
                diff_id_full: d.to_string(),
                size,
                files,
                shared_with: holders
                    .get(&d.to_string())
                    .map(|v| {
                        v.iter()
                            .filter(|n| **n != label && !names.contains(n))
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default(),
            };
            next += 1;
            Some(info)
        };
        rows.push(LayerRow {
            created_by: entry.created_by.clone(),
            created: entry.created.clone(),
            comment: entry.comment.clone(),
            layer,
        });
    }
    Ok(ImageLayers {
        image: key.to_string(),
        id: short(&id.to_string()),
        names,
        size: diff_ids
            .iter()
            .map(|d| {
                layer_stats(&d.to_string(), || {
                    store.layers.get(d).map_or((0, 0), |l| (l.size(), l.len()))
                })
                .0
            })
            .sum(),
        rows,
    })
}

/// How many layers two stacks share from the base up (where a derived
/// image diverges from its base).
pub fn common_base(a: &ImageLayers, b: &ImageLayers) -> usize {
    let ids = |v: &ImageLayers| -> Vec<String> {
        v.rows
            .iter()
            .filter_map(|r| r.layer.as_ref().map(|l| l.diff_id_full.clone()))
            .collect()
    };
    ids(a)
        .iter()
        .zip(ids(b).iter())
        .take_while(|(x, y)| x == y)
        .count()
}
