//! Registries: repositories of tags and manifests and the content-addressed
//! blobs they reference, laid out as `distribution` stores them
//! ([`storage`]), served through the Distribution HTTP API v2 ([`api`]),
//! and reached by the daemon's client ([`client`]) for push and pull.
//!
//! - Public registries — Docker Hub (`docker.io`), `mcr.microsoft.com` and
//!   a cloud registry (`registry.cn-hangzhou.aliyuncs.com`) — live in
//!   memory: the catalog's images are a shared read-only base ([`builtin`]),
//!   what the sandbox pushes is kept per domain in [`Registries::pushed`].
//!   Their accounts are in [`accounts`]: on Docker Hub the learner logs in
//!   as `learner` / `dockerlings` (namespace `learner`; `alice` is someone
//!   else), on the cloud registry as `learner` / `dockerlings` too, owning
//!   the namespace `huazaizai`.
//! - Private registries are `registry` containers: their storage is files
//!   under the container's `/var/lib/registry/docker/registry/v2` (the
//!   userland's registry program), reached over HTTP on a published port.

pub mod accounts;
pub mod api;
pub mod client;
pub mod storage;

use crate::engine::catalog;
use crate::engine::digest::Digest;
use crate::engine::fs::Layer;
use crate::engine::image::ImageConfig;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

/// Media type of a schema 2 manifest.
pub const MANIFEST_V2: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// Media type of a gzip layer blob.
pub const LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
/// Media type of an image config blob.
pub const CONFIG_V1: &str = "application/vnd.docker.container.image.v1+json";

/// The public registry domains.
pub const DOCKER_HUB: &str = "docker.io";
/// The cloud registry of seed 003.
pub const CLOUD: &str = "registry.cn-hangzhou.aliyuncs.com";

/// A layer as a manifest references it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Descriptor {
    /// Digest of the compressed blob (what pull prints, first 12 hex).
    pub digest: Digest,
    /// Compressed size.
    pub size: u64,
    /// Uncompressed content digest (what push prints, first 12 hex).
    pub diff_id: Digest,
}

/// An image manifest with its config.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Digest of the manifest JSON ([`Manifest::json`]).
    pub digest: Digest,
    pub config: ImageConfig,
    pub layers: Vec<Descriptor>,
}

impl Manifest {
    /// Builds the manifest of an image from its config and layers.
    pub fn for_config(config: ImageConfig, layers: &[Arc<Layer>]) -> Manifest {
        let descs: Vec<Descriptor> = config
            .rootfs
            .diff_ids
            .iter()
            .zip(layers)
            .map(|(d, l)| blob_descriptor(d, l.size()))
            .collect();
        let mut m = Manifest {
            digest: Digest::of(b""),
            config,
            layers: descs,
        };
        m.digest = Digest::of(m.json().as_bytes());
        m
    }
    /// The manifest as the daemon pushes it and a registry serves it
    /// (`json.MarshalIndent` with three spaces, as `distribution` does).
    pub fn json(&self) -> String {
        #[derive(Serialize)]
        struct Desc<'a> {
            #[serde(rename = "mediaType")]
            media_type: &'a str,
            size: u64,
            digest: &'a str,
        }
        #[derive(Serialize)]
        struct Schema2<'a> {
            #[serde(rename = "schemaVersion")]
            schema_version: u32,
            #[serde(rename = "mediaType")]
            media_type: &'a str,
            config: Desc<'a>,
            layers: Vec<Desc<'a>>,
        }
        let cfg_id = self.config.id();
        let v = Schema2 {
            schema_version: 2,
            media_type: MANIFEST_V2,
            config: Desc {
                media_type: CONFIG_V1,
                size: self.config.to_bytes().len() as u64,
                digest: cfg_id.as_str(),
            },
            layers: self
                .layers
                .iter()
                .map(|l| Desc {
                    media_type: LAYER_GZIP,
                    size: l.size,
                    digest: l.digest.as_str(),
                })
                .collect(),
        };
        indent3(&v)
    }
    /// Size in bytes of [`Manifest::json`] (the `size:` push prints).
    pub fn size(&self) -> usize {
        self.json().len()
    }
    /// Parses manifest bytes and their config blob back.
    pub fn parse(bytes: &[u8], config: &[u8]) -> Option<Manifest> {
        let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
        let config: ImageConfig = serde_json::from_slice(config).ok()?;
        let layers = v
            .get("layers")?
            .as_array()?
            .iter()
            .zip(&config.rootfs.diff_ids)
            .filter_map(|(l, diff)| {
                Some(Descriptor {
                    digest: Digest::parse(l.get("digest")?.as_str()?)?,
                    size: l.get("size")?.as_u64()?,
                    diff_id: diff.clone(),
                })
            })
            .collect();
        Some(Manifest {
            digest: Digest::of(bytes),
            config,
            layers,
        })
    }
    /// The config digest a manifest's JSON names.
    pub fn config_digest(bytes: &[u8]) -> Option<Digest> {
        let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
        Digest::parse(v.get("config")?.get("digest")?.as_str()?)
    }
    /// Every blob digest a manifest's JSON references (config first).
    pub fn referenced_blobs(bytes: &[u8]) -> Vec<Digest> {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(bytes) else {
            return Vec::new();
        };
        let mut out: Vec<Digest> = Manifest::config_digest(bytes).into_iter().collect();
        if let Some(ls) = v.get("layers").and_then(|l| l.as_array()) {
            out.extend(
                ls.iter()
                    .filter_map(|l| Digest::parse(l.get("digest")?.as_str()?)),
            );
        }
        out
    }
}

/// JSON with a three-space indent (Go's `json.MarshalIndent(v, "", "   ")`).
pub fn indent3<T: Serialize>(v: &T) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"   ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    if v.serialize(&mut ser).is_err() {
        return String::new();
    }
    String::from_utf8(buf).unwrap_or_default()
}

/// The compressed blob standing for a layer: its digest is derived from the
/// diff_id (gzip is not simulated), its size about 40% of the layer's.
pub fn blob_descriptor(diff_id: &Digest, size: u64) -> Descriptor {
    Descriptor {
        digest: Digest::of(format!("gzip:{diff_id}").as_bytes()),
        size: size / 5 * 2 + 32,
        diff_id: diff_id.clone(),
    }
}

/// The bytes a registry stores for a layer blob: a compact serialisation
/// (a catalog layer by its diff ID, any other layer as its entries).
pub fn layer_blob(layer: &Layer) -> Vec<u8> {
    let diff = layer.diff_id();
    if catalog::layer(&diff).is_some() {
        serde_json::json!({ "catalog": diff.as_str() })
            .to_string()
            .into_bytes()
    } else {
        serde_json::to_vec(&serde_json::json!({ "layer": layer })).unwrap_or_default()
    }
}

/// The layer a blob stored by [`layer_blob`] holds.
pub fn blob_layer(bytes: &[u8]) -> Option<Arc<Layer>> {
    let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    if let Some(d) = v.get("catalog").and_then(|d| d.as_str()) {
        return catalog::layer(&Digest::parse(d)?);
    }
    let l: Layer = serde_json::from_value(v.get("layer")?.clone()).ok()?;
    Some(Arc::new(l))
}

/// A manifest with the layer each of its blobs holds (`None` when a blob
/// is missing).
pub type Fetched = (Manifest, Vec<Option<Arc<Layer>>>);

/// Why a registry did not serve a manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegistryError {
    /// No such registry host.
    UnknownHost,
    /// The repository does not exist (Docker Hub answers `denied`).
    NameUnknown,
    /// The tag or digest does not exist in the repository.
    ManifestUnknown,
}

/// Content pushed to the public registries, per domain (the files of
/// [`storage::Layout`] in memory), over the read-only [`builtin`] base.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Registries {
    #[serde(default)]
    pub pushed: BTreeMap<String, storage::MemFiles>,
    /// What each daemon knows about blobs in each registry:
    /// `"<host> <domain>"` → blob digest → repositories holding it (the
    /// `distribution` metadata a daemon uses for cross-repository mounts).
    #[serde(default)]
    pub known: BTreeMap<String, BTreeMap<Digest, BTreeSet<String>>>,
}

/// The files of a public registry: pushed content over the built-in one.
pub struct Overlay<'a> {
    pub top: &'a mut storage::MemFiles,
    pub base: Option<&'static storage::MemFiles>,
}

impl storage::Files for Overlay<'_> {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.top
            .read(path)
            .or_else(|| self.base.and_then(|b| b.read(path)))
    }
    fn write(&mut self, path: &str, data: &[u8]) {
        self.top.write(path, data)
    }
    fn list(&self, dir: &str) -> Vec<String> {
        let mut v = self.top.list(dir);
        if let Some(b) = self.base {
            v.extend(b.list(dir));
        }
        v.sort();
        v.dedup();
        v
    }
}

impl Registries {
    pub fn new() -> Registries {
        Registries::default()
    }

    /// Whether `domain` is one of the public registries kept in memory.
    pub fn is_public(domain: &str) -> bool {
        builtin().contains_key(domain) || domain == CLOUD
    }

    /// Whether a public registry answers at `domain`.
    pub fn knows(&self, domain: &str) -> bool {
        Registries::is_public(domain)
    }

    /// The files of public registry `domain`.
    pub fn files(&mut self, domain: &str) -> Overlay<'_> {
        Overlay {
            base: builtin().get(domain),
            top: self.pushed.entry(domain.to_string()).or_default(),
        }
    }

    /// Looks up `domain/repo:reference` in a public registry.
    pub fn manifest(
        &mut self,
        domain: &str,
        repo: &str,
        reference: &str,
    ) -> Result<Fetched, RegistryError> {
        if !self.knows(domain) {
            return Err(RegistryError::UnknownHost);
        }
        let mut files = self.files(domain);
        let l = storage::Layout { files: &mut files };
        let d = match Digest::parse(reference) {
            Some(d) => Some(d),
            None => l.tag(repo, reference),
        };
        let Some(bytes) = d.as_ref().and_then(|d| l.manifest(repo, d)) else {
            return Err(if l.repo_exists(repo) {
                RegistryError::ManifestUnknown
            } else {
                RegistryError::NameUnknown
            });
        };
        let cfg = Manifest::config_digest(&bytes)
            .and_then(|c| l.blob(&c))
            .unwrap_or_default();
        let m = Manifest::parse(&bytes, &cfg).ok_or(RegistryError::ManifestUnknown)?;
        let blobs = m
            .layers
            .iter()
            .map(|d| l.blob(&d.digest).and_then(|b| blob_layer(&b)))
            .collect();
        Ok((m, blobs))
    }

    /// Every tag of a public repository, sorted.
    pub fn tags(&mut self, domain: &str, repo: &str) -> Vec<String> {
        if !self.knows(domain) {
            return Vec::new();
        }
        let mut files = self.files(domain);
        storage::Layout { files: &mut files }.tags(repo)
    }

    /// Records that daemon `h` saw blob `d` in `domain/repo`.
    pub fn remember(&mut self, h: usize, domain: &str, repo: &str, d: &Digest) {
        self.known
            .entry(format!("{h} {domain}"))
            .or_default()
            .entry(d.clone())
            .or_default()
            .insert(repo.to_string());
    }

    /// Repositories of `domain` daemon `h` knows to hold blob `d`.
    pub fn known_repos(&self, h: usize, domain: &str, d: &Digest) -> Vec<String> {
        self.known
            .get(&format!("{h} {domain}"))
            .and_then(|m| m.get(d))
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }
}

/// The public registries built from the catalog, as registry files,
/// shared by every sandbox.
pub fn builtin() -> &'static BTreeMap<String, storage::MemFiles> {
    static BUILTIN: OnceLock<BTreeMap<String, storage::MemFiles>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        let mut regs: BTreeMap<String, storage::MemFiles> = BTreeMap::new();
        for img in &catalog::catalog().images {
            let layers: Vec<Arc<Layer>> = img
                .config
                .rootfs
                .diff_ids
                .iter()
                .filter_map(catalog::layer)
                .collect();
            let m = Manifest::for_config(img.config.clone(), &layers);
            let files = regs.entry(img.registry.clone()).or_default();
            if img.tags.is_empty() || img.tags.iter().any(|t| t.contains('@')) {
                continue;
            }
            let mut l = storage::Layout { files };
            for (desc, layer) in m.layers.iter().zip(&layers) {
                l.put_blob(&img.repo, &desc.digest, &layer_blob(layer));
            }
            l.put_blob(&img.repo, &m.config.id(), &m.config.to_bytes());
            let json = m.json();
            for t in &img.tags {
                l.put_manifest(&img.repo, &m.digest, json.as_bytes(), Some(t));
            }
        }
        regs.entry(CLOUD.to_string()).or_default();
        regs
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_serves_official_images() {
        let mut r = Registries::new();
        let (m, blobs) = r.manifest("docker.io", "library/ubuntu", "latest").unwrap();
        let (m2, _) = r.manifest("docker.io", "library/ubuntu", "24.04").unwrap();
        assert_eq!(m.digest, m2.digest);
        assert!(blobs.iter().all(|b| b.is_some()));
        let (by_digest, _) = r
            .manifest("docker.io", "library/ubuntu", m.digest.as_str())
            .unwrap();
        assert_eq!(by_digest.config.id(), m.config.id());
        assert_eq!(
            r.manifest("docker.io", "library/ubuntu", "nope").err(),
            Some(RegistryError::ManifestUnknown)
        );
        assert_eq!(
            r.manifest("docker.io", "library/nosuchimage", "latest")
                .err(),
            Some(RegistryError::NameUnknown)
        );
        assert!(r
            .manifest("mcr.microsoft.com", "dotnet/core/sdk", "3.0-buster")
            .is_ok());
        assert!(r.pushed.values().all(|f| f.is_empty()));
    }

    #[test]
    fn manifest_json_is_schema2_with_three_space_indent() {
        let mut r = Registries::new();
        let (m, _) = r.manifest("docker.io", "library/alpine", "latest").unwrap();
        let j = m.json();
        assert!(j.starts_with("{\n   \"schemaVersion\": 2,\n   \"mediaType\""));
        assert_eq!(Digest::of(j.as_bytes()), m.digest);
        assert_eq!(m.size(), j.len());
    }
}
