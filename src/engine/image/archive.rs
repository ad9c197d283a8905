//! `docker save` / `docker load`: images as an archive file. The archive is
//! a JSON document shaped like the tar Docker writes (`manifest.json` with
//! `Config`, `RepoTags`, `Layers`, the config blobs and the layers);
//! layers of the built-in catalog are referenced by diff_id only, other
//! layers (commits) are embedded.

use super::ops::{refs_of, resolve_image};
use super::store::Image;
use super::ImageConfig;
use crate::engine::catalog;
use crate::engine::digest::Digest;
use crate::engine::fs::Layer;
use crate::engine::{Engine, EngineError, HostId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One image in `manifest.json`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ManifestEntry {
    /// `blobs/sha256/<hex>` of the config.
    pub config: String,
    pub repo_tags: Option<Vec<String>>,
    /// `blobs/sha256/<hex>` of each layer, bottom first.
    pub layers: Vec<String>,
}

/// The whole archive.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Archive {
    #[serde(rename = "manifest.json")]
    pub manifest: Vec<ManifestEntry>,
    /// Config blobs by image ID.
    pub configs: BTreeMap<Digest, ImageConfig>,
    /// Layers by diff_id; `null` for catalog layers.
    pub layers: BTreeMap<Digest, Option<Layer>>,
}

fn blob_path(d: &Digest) -> String {
    format!("blobs/sha256/{}", d.hex())
}

/// Builds the archive of the images `keys` name (each resolved like
/// `docker save` does: a name saves that tag, an ID saves every tag).
pub fn save(engine: &Engine, h: HostId, keys: &[String]) -> Result<Archive, EngineError> {
    let store = &engine.hosts[h].daemon.images;
    let mut order: Vec<Digest> = Vec::new();
    let mut tags: BTreeMap<Digest, Vec<String>> = BTreeMap::new();
    for k in keys {
        let id = resolve_image(engine, h, k)?;
        let entry = tags.entry(id.clone()).or_default();
        match super::name::parse_normalized(k) {
            Ok(n) if !id.hex().starts_with(k.strip_prefix("sha256:").unwrap_or(k)) => {
                let n = n.with_default_tag();
                if n.digest.is_none() {
                    entry.push(n.familiar());
                }
            }
            _ => entry.extend(
                refs_of(engine, h, &id)
                    .into_iter()
                    .filter(|r| r.digest.is_none())
                    .map(|r| r.familiar()),
            ),
        }
        if !order.contains(&id) {
            order.push(id);
        }
    }
    let mut archive = Archive {
        manifest: Vec::new(),
        configs: BTreeMap::new(),
        layers: BTreeMap::new(),
    };
    for id in order {
        let Some(img) = store.images.get(&id) else {
            continue;
        };
        for d in &img.config.rootfs.diff_ids {
            let own = store
                .layers
                .get(d)
                .filter(|_| catalog::layer(d).is_none())
                .map(|l| (**l).clone());
            archive.layers.insert(d.clone(), own);
        }
        let mut t = tags.remove(&id).unwrap_or_default();
        t.dedup();
        archive.manifest.push(ManifestEntry {
            config: blob_path(&id),
            repo_tags: (!t.is_empty()).then_some(t),
            layers: img.config.rootfs.diff_ids.iter().map(blob_path).collect(),
        });
        archive.configs.insert(id, img.config.clone());
    }
    Ok(archive)
}

/// Serialised archive bytes.
pub fn to_bytes(a: &Archive) -> Vec<u8> {
    serde_json::to_vec(a).unwrap_or_default()
}

/// Size of the tar `docker save` writes: each layer's content plus tar
/// headers (512 bytes per entry, 1 KiB end blocks), the configs and the
/// manifest.
pub fn tar_size(engine: &Engine, h: HostId, a: &Archive) -> u64 {
    let store = &engine.hosts[h].daemon.images;
    let round = |n: u64| n.div_ceil(512) * 512;
    let mut total = 1024;
    for d in a.layers.keys() {
        if let Some(l) = store.layers.get(d) {
            total += 512 + round(l.size() + 512 * l.len() as u64 + 1024);
        }
    }
    for c in a.configs.values() {
        total += 512 + round(c.to_bytes().len() as u64);
    }
    total + 3 * 512 + round(serde_json::to_vec(&a.manifest).map_or(0, |v| v.len() as u64))
}

/// Writes the archive as a file of the real tar's size on the host; the
/// daemon keeps its content under the file's seed.
pub fn write_file(
    engine: &mut Engine,
    h: HostId,
    path: &str,
    a: &Archive,
) -> Result<(), crate::engine::fs::FsError> {
    let json = String::from_utf8(to_bytes(a)).unwrap_or_default();
    let size = tar_size(engine, h, a);
    let seed = crate::engine::fs::program_seed(&format!("archive:{json}"));
    let now = engine.clock.now_secs();
    engine.hosts[h]
        .fs
        .write_file(path, crate::engine::fs::Content::Sized { size, seed }, now)?;
    engine.hosts[h].daemon.images.archives.insert(seed, json);
    Ok(())
}

/// The archive a host file holds, if it is one `docker save` wrote (on
/// any host) or JSON bytes of one.
pub fn read_file(
    engine: &Engine,
    h: HostId,
    path: &str,
) -> Result<Vec<u8>, crate::engine::fs::FsError> {
    match engine.hosts[h].fs.stat(path)? {
        crate::engine::fs::Entry::File {
            content: crate::engine::fs::Content::Sized { seed, .. },
            ..
        } => Ok(engine
            .hosts
            .iter()
            .find_map(|host| host.daemon.images.archives.get(seed))
            .map(|j| j.as_bytes().to_vec())
            .unwrap_or_default()),
        _ => engine.hosts[h].fs.read(path),
    }
}

/// Loads an archive; returns the lines `docker load` prints.
pub fn load(engine: &mut Engine, h: HostId, bytes: &[u8]) -> Result<Vec<String>, EngineError> {
    let a: Archive =
        serde_json::from_slice(bytes).map_err(|_| EngineError::msg(500, "unexpected EOF"))?;
    let mut lines = Vec::new();
    for m in &a.manifest {
        let id = Digest::parse(&format!(
            "sha256:{}",
            m.config.strip_prefix("blobs/sha256/").unwrap_or_default()
        ))
        .ok_or_else(|| EngineError::msg(500, "invalid manifest"))?;
        let config = a
            .configs
            .get(&id)
            .cloned()
            .ok_or_else(|| EngineError::msg(500, "invalid manifest"))?;
        let mut layers: Vec<(Digest, Arc<Layer>)> = Vec::new();
        for d in &config.rootfs.diff_ids {
            let l = match a.layers.get(d) {
                Some(Some(l)) => Arc::new(l.clone()),
                _ => catalog::layer(d)
                    .or_else(|| engine.hosts[h].daemon.images.layers.get(d).cloned())
                    .ok_or_else(|| EngineError::msg(500, "unexpected EOF"))?,
            };
            layers.push((d.clone(), l));
        }
        let store = &mut engine.hosts[h].daemon.images;
        for (d, l) in layers {
            store.layers.insert_with_id(d, l);
        }
        store.images.entry(id.clone()).or_insert_with(|| Image {
            id: id.clone(),
            config,
            parent: None,
            repo_digests: Vec::new(),
        });
        match &m.repo_tags {
            Some(tags) if !tags.is_empty() => {
                for t in tags {
                    let Ok(n) = super::name::parse_normalized(t) else {
                        continue;
                    };
                    let n = n.with_default_tag();
                    if let Some(old) = store.refs.insert(n.full(), id.clone()) {
                        if old != id {
                            lines.push(format!(
                                "The image {} already exists, renaming the old one with ID {} to empty string",
                                n.familiar(),
                                old
                            ));
                        }
                    }
                    lines.push(format!("Loaded image: {}", n.familiar()));
                }
            }
            _ => lines.push(format!("Loaded image ID: {id}")),
        }
    }
    Ok(lines)
}
