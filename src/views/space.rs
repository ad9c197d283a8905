//! The space view. Per image, as dive measures it: bytes a layer adds and a
//! later layer overwrites or deletes are still shipped and stored — wasted —
//! and the efficiency score is the share of bytes that reach the final
//! filesystem. For the daemon, `docker system df` as a picture: each image's
//! size split into what it shares with other images and what is its own,
//! against the bytes really stored once per layer.

use super::layers::names_of;
use super::memo::{layer_stats, Memo};
use super::{short, ViewError};
use crate::engine::fs::Entry;
use crate::engine::host::HostId;
use crate::engine::image::ops::{no_such_image, resolve_image};
use crate::engine::Engine;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many wasted paths are listed (the largest first).
pub const MAX_WASTE_ROWS: usize = 20;

#[derive(Clone, Debug, Serialize)]
pub struct ImageSpace {
    pub image: String,
    /// All bytes in all layers.
    pub total: u64,
    /// Bytes of versions overwritten or deleted by a later layer.
    pub wasted: u64,
    /// `(total - wasted) / total`, 1.0 for an empty image.
    pub efficiency: f64,
    pub waste: Vec<Waste>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Waste {
    pub path: String,
    /// Versions of the path across the layers.
    pub versions: usize,
    pub wasted: u64,
}

thread_local! {
    /// image ID → its space (images never change once committed).
    static IMAGE_SPACE: Memo<String, ImageSpace> = Memo::new();
}

/// The space view of image `key` on host `h`.
pub fn image_space(engine: &Engine, h: HostId, key: &str) -> Result<ImageSpace, ViewError> {
    let store = &engine.hosts[h].daemon.images;
    let id = resolve_image(engine, h, key)
        .map_err(|_| ViewError::new(no_such_image(key).to_string()))?;
    let mut space = IMAGE_SPACE.with(|m| m.get_or(&id.to_string(), || measure(store, &id)));
    space.image = key.to_string();
    Ok(space)
}

/// Walks the image's layers bottom-up, path by path, as dive does.
fn measure(
    store: &crate::engine::image::store::ImageStore,
    id: &crate::engine::digest::Digest,
) -> ImageSpace {
    let layers = store.layers_of(id);
    // path → (size of the live version, versions seen, bytes wasted)
    let mut live: BTreeMap<String, (u64, usize, u64)> = BTreeMap::new();
    let mut total = 0u64;
    for layer in &layers {
        for (p, e) in layer.iter() {
            let hides_below = match e {
                Entry::Whiteout => true,
                Entry::Dir { opaque, .. } => *opaque,
                _ => !e.is_dir(),
            };
            if hides_below && !live.is_empty() {
                // everything under p from lower layers is gone
                let prefix = format!("{p}/");
                let below: Vec<String> = live
                    .range(prefix.clone()..)
                    .take_while(|(k, _)| k.starts_with(&prefix))
                    .map(|(k, _)| k.clone())
                    .collect();
                for k in below {
                    if let Some(v) = live.get_mut(&k) {
                        v.2 += v.0;
                        v.0 = 0;
                    }
                }
            }
            let size = e.size();
            total += size;
            let v = live.entry(p.clone()).or_insert((0, 0, 0));
            v.2 += v.0; // the previous version, now hidden
            v.0 = if matches!(e, Entry::Whiteout) {
                0
            } else {
                size
            };
            if !matches!(e, Entry::Whiteout) {
                v.1 += 1;
            }
        }
    }
    let wasted: u64 = live.values().map(|v| v.2).sum();
    let mut waste: Vec<Waste> = live
        .into_iter()
        .filter(|(_, v)| v.2 > 0)
        .map(|(path, v)| Waste {
            path,
            versions: v.1,
            wasted: v.2,
        })
        .collect();
    waste.sort_by(|a, b| b.wasted.cmp(&a.wasted).then(a.path.cmp(&b.path)));
    waste.truncate(MAX_WASTE_ROWS);
    ImageSpace {
        image: String::new(),
        total,
        wasted,
        efficiency: if total == 0 {
            1.0
        } else {
            (total - wasted) as f64 / total as f64
        },
        waste,
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SystemSpace {
    pub images: Vec<ImageShare>,
    /// Sum of the images' SIZEs: what they would take if nothing were shared.
    pub sum_of_sizes: u64,
    /// Bytes really stored: each layer once.
    pub stored: u64,
    pub containers: usize,
    /// Bytes in all containers' writable layers.
    pub writable: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct ImageShare {
    pub names: Vec<String>,
    pub id: String,
    pub size: u64,
    /// Bytes in layers other images also use.
    pub shared: u64,
    /// Bytes in layers only this image uses.
    pub unique: u64,
    pub containers: usize,
}

/// `docker system df` as a picture, for host `h`.
pub fn system_space(engine: &Engine, h: HostId) -> SystemSpace {
    let daemon = &engine.hosts[h].daemon;
    let store = &daemon.images;
    let mut users: BTreeMap<String, usize> = BTreeMap::new();
    for img in store.images.values() {
        let distinct: BTreeSet<String> = img
            .config
            .rootfs
            .diff_ids
            .iter()
            .map(|d| d.to_string())
            .collect();
        for d in distinct {
            *users.entry(d).or_default() += 1;
        }
    }
    let size_of = |d: &str| -> u64 {
        layer_stats(d, || {
            store
                .layers
                .iter()
                .find(|(k, _)| k.to_string() == d)
                .map_or((0, 0), |(_, l)| (l.size(), l.len()))
        })
        .0
    };
    let layer_sizes: BTreeMap<String, u64> =
        users.keys().map(|d| (d.clone(), size_of(d))).collect();
    let mut images = Vec::new();
    let mut sum_of_sizes = 0;
    for (id, img) in &store.images {
        let (mut shared, mut unique) = (0, 0);
        let distinct: BTreeSet<String> = img
            .config
            .rootfs
            .diff_ids
            .iter()
            .map(|d| d.to_string())
            .collect();
        for d in &distinct {
            let s = layer_sizes.get(d).copied().unwrap_or(0);
            if users.get(d).copied().unwrap_or(0) > 1 {
                shared += s;
            } else {
                unique += s;
            }
        }
        sum_of_sizes += shared + unique;
        images.push(ImageShare {
            names: names_of(store, id),
            id: short(&id.to_string()),
            size: shared + unique,
            shared,
            unique,
            containers: daemon
                .containers
                .by_id
                .values()
                .filter(|c| &c.image == id)
                .count(),
        });
    }
    SystemSpace {
        images,
        sum_of_sizes,
        stored: layer_sizes.values().sum(),
        containers: daemon.containers.by_id.len(),
        writable: daemon
            .containers
            .by_id
            .values()
            .map(|c| c.fs.upper().size())
            .sum(),
    }
}
