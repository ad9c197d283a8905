//! Registries: repositories of tags and manifests, and the blobs (layers)
//! they reference. The public registries the sandbox knows — Docker Hub
//! (`docker.io`) and the Microsoft Container Registry (`mcr.microsoft.com`),
//! both with anonymous pull — are built from the catalog once and shared by
//! every sandbox ([`builtin`]); what is pushed to a registry is kept per
//! sandbox in [`Registries::pushed`] and shadows the built-in content.

use crate::engine::catalog;
use crate::engine::digest::Digest;
use crate::engine::fs::Layer;
use crate::engine::image::ImageConfig;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// Media type of a schema 2 manifest.
pub const MANIFEST_V2: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// Media type of a gzip layer blob.
pub const LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
/// Media type of an image config blob.
pub const CONFIG_V1: &str = "application/vnd.docker.container.image.v1+json";

/// A layer as a manifest references it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Descriptor {
    /// Digest of the compressed blob (what pull/push print, first 12 hex).
    pub digest: Digest,
    /// Compressed size.
    pub size: u64,
    /// Uncompressed content digest.
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
    /// Builds the manifest of an image from its config.
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
    /// The manifest as a registry serves it (`GET /v2/<name>/manifests/<ref>`).
    pub fn json(&self) -> String {
        let cfg = self.config.to_bytes();
        let layers: Vec<serde_json::Value> = self
            .layers
            .iter()
            .map(|l| {
                serde_json::json!({"mediaType": LAYER_GZIP, "size": l.size, "digest": l.digest.as_str()})
            })
            .collect();
        let v = serde_json::json!({
            "schemaVersion": 2,
            "mediaType": MANIFEST_V2,
            "config": {"mediaType": CONFIG_V1, "size": cfg.len(), "digest": self.config.id().as_str()},
            "layers": layers,
        });
        serde_json::to_string_pretty(&v).unwrap_or_default()
    }
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

/// A repository: tags pointing at manifests.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Repository {
    pub tags: BTreeMap<String, Digest>,
    pub manifests: BTreeMap<Digest, Manifest>,
}

/// One registry's content.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Registry {
    pub repos: BTreeMap<String, Repository>,
    /// Layer blobs by compressed digest.
    #[serde(with = "blob_map")]
    pub blobs: BTreeMap<Digest, Arc<Layer>>,
}

impl Registry {
    /// The manifest for `reference` (a tag or `sha256:` digest) in `repo`.
    pub fn manifest(&self, repo: &str, reference: &str) -> Option<&Manifest> {
        let r = self.repos.get(repo)?;
        let d = if reference.starts_with("sha256:") {
            Digest::parse(reference)?
        } else {
            r.tags.get(reference)?.clone()
        };
        r.manifests.get(&d)
    }
}

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

/// Registries the sandbox has written to (pushes). The built-in content is
/// not stored here; see [`builtin`].
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Registries {
    /// Domain → pushed content, which shadows the built-in one.
    #[serde(default)]
    pub pushed: BTreeMap<String, Registry>,
}

impl Registries {
    pub fn new() -> Registries {
        Registries::default()
    }

    /// Whether a registry answers at `domain`.
    pub fn knows(&self, domain: &str) -> bool {
        builtin().contains_key(domain) || self.pushed.contains_key(domain)
    }

    /// Looks up `domain/repo:reference`.
    pub fn manifest(
        &self,
        domain: &str,
        repo: &str,
        reference: &str,
    ) -> Result<&Manifest, RegistryError> {
        if !self.knows(domain) {
            return Err(RegistryError::UnknownHost);
        }
        let regs = [self.pushed.get(domain), builtin().get(domain)];
        for r in regs.iter().flatten() {
            if let Some(m) = r.manifest(repo, reference) {
                return Ok(m);
            }
        }
        if regs.iter().flatten().any(|r| r.repos.contains_key(repo)) {
            Err(RegistryError::ManifestUnknown)
        } else {
            Err(RegistryError::NameUnknown)
        }
    }

    /// Every tag of a repository, sorted.
    pub fn tags(&self, domain: &str, repo: &str) -> Vec<String> {
        let mut out: Vec<String> = [self.pushed.get(domain), builtin().get(domain)]
            .iter()
            .flatten()
            .filter_map(|r| r.repos.get(repo))
            .flat_map(|r| r.tags.keys().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// A layer blob by compressed digest.
    pub fn blob(&self, domain: &str, digest: &Digest) -> Option<Arc<Layer>> {
        [self.pushed.get(domain), builtin().get(domain)]
            .iter()
            .flatten()
            .find_map(|r| r.blobs.get(digest).cloned())
    }
}

/// The public registries built from the catalog, shared by every sandbox.
pub fn builtin() -> &'static BTreeMap<String, Registry> {
    static BUILTIN: OnceLock<BTreeMap<String, Registry>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        let mut regs: BTreeMap<String, Registry> = BTreeMap::new();
        for img in &catalog::catalog().images {
            let layers: Vec<Arc<Layer>> = img
                .config
                .rootfs
                .diff_ids
                .iter()
                .filter_map(catalog::layer)
                .collect();
            let m = Manifest::for_config(img.config.clone(), &layers);
            let reg = regs.entry(img.registry.clone()).or_default();
            for (desc, l) in m.layers.iter().zip(&layers) {
                reg.blobs.insert(desc.digest.clone(), l.clone());
            }
            if img.tags.is_empty() {
                continue;
            }
            let repo = reg.repos.entry(img.repo.clone()).or_default();
            for t in &img.tags {
                repo.tags.insert(t.clone(), m.digest.clone());
            }
            repo.manifests.insert(m.digest.clone(), m);
        }
        regs
    })
}

/// Serialises blob maps with catalog layers as `null` (looked up again on load).
mod blob_map {
    use crate::engine::catalog;
    use crate::engine::digest::Digest;
    use crate::engine::fs::Layer;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;
    use std::sync::Arc;

    #[derive(Serialize, Deserialize)]
    struct Stored {
        diff_id: Digest,
        layer: Option<Layer>,
    }

    pub fn serialize<S: Serializer>(
        m: &BTreeMap<Digest, Arc<Layer>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let out: BTreeMap<&Digest, Stored> = m
            .iter()
            .map(|(d, l)| {
                let diff_id = l.diff_id();
                let layer = catalog::layer(&diff_id).is_none().then(|| (**l).clone());
                (d, Stored { diff_id, layer })
            })
            .collect();
        out.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<Digest, Arc<Layer>>, D::Error> {
        let raw: BTreeMap<Digest, Stored> = BTreeMap::deserialize(d)?;
        Ok(raw
            .into_iter()
            .filter_map(|(k, st)| {
                let l = match st.layer {
                    Some(l) => Arc::new(l),
                    None => catalog::layer(&st.diff_id)?,
                };
                Some((k, l))
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hub_serves_official_images() {
        let r = Registries::new();
        let m = r.manifest("docker.io", "library/ubuntu", "latest").unwrap();
        let m2 = r.manifest("docker.io", "library/ubuntu", "24.04").unwrap();
        assert_eq!(m.digest, m2.digest);
        let by_digest = r
            .manifest("docker.io", "library/ubuntu", m.digest.as_str())
            .unwrap();
        assert_eq!(by_digest.config.id(), m.config.id());
        assert_eq!(
            r.manifest("docker.io", "library/ubuntu", "nope"),
            Err(RegistryError::ManifestUnknown)
        );
        assert_eq!(
            r.manifest("docker.io", "library/nosuchimage", "latest"),
            Err(RegistryError::NameUnknown)
        );
        assert!(r
            .manifest("mcr.microsoft.com", "dotnet/core/sdk", "3.0-buster")
            .is_ok());
        assert!(r
            .manifest("docker.io", "library/debian", "buster@2020")
            .is_err());
        assert!(r.blob("docker.io", &m.layers[0].digest).is_some());
    }
}
