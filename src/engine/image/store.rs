//! The local image store: images by ID, references (`docker.io/library/ubuntu:latest`,
//! `…@sha256:…`) pointing at IDs, and the shared layer store.

use super::config::ImageConfig;
use crate::engine::digest::Digest;
use crate::engine::fs::Layer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// An image in the local store.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Image {
    pub id: Digest,
    pub config: ImageConfig,
    /// The image this one was committed/built on top of (local only).
    #[serde(default)]
    pub parent: Option<Digest>,
    /// Repo digests (`docker.io/library/ubuntu@sha256:…`) known for it.
    #[serde(default)]
    pub repo_digests: Vec<String>,
}

impl Image {
    pub fn short_id(&self) -> &str {
        self.id.short()
    }
}

/// Layers by `diff_id`, each stored once. Layers that come from the built-in
/// catalog are not serialised: they are looked up again on load.
#[derive(Clone, Debug, Default)]
pub struct LayerStore {
    layers: BTreeMap<Digest, Arc<Layer>>,
}

impl LayerStore {
    pub fn get(&self, d: &Digest) -> Option<&Arc<Layer>> {
        self.layers.get(d)
    }
    pub fn contains(&self, d: &Digest) -> bool {
        self.layers.contains_key(d)
    }
    /// Stores a layer, returning its diff_id (a layer already present is kept).
    pub fn insert(&mut self, layer: Arc<Layer>) -> Digest {
        let d = layer.diff_id();
        self.layers.entry(d.clone()).or_insert(layer);
        d
    }
    pub fn insert_with_id(&mut self, d: Digest, layer: Arc<Layer>) {
        self.layers.entry(d).or_insert(layer);
    }
    pub fn remove(&mut self, d: &Digest) -> Option<Arc<Layer>> {
        self.layers.remove(d)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&Digest, &Arc<Layer>)> {
        self.layers.iter()
    }
    pub fn len(&self) -> usize {
        self.layers.len()
    }
    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }
}

impl Serialize for LayerStore {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let own: Vec<_> = self
            .layers
            .iter()
            .filter(|(d, _)| crate::engine::catalog::layer(d).is_none())
            .collect();
        let mut m = s.serialize_map(Some(self.layers.len()))?;
        for (d, l) in self.layers.iter() {
            if own.iter().any(|(od, _)| *od == d) {
                m.serialize_entry(d, &Some(&**l))?;
            } else {
                m.serialize_entry(d, &None::<&Layer>)?;
            }
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for LayerStore {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw: BTreeMap<Digest, Option<Layer>> = BTreeMap::deserialize(d)?;
        let mut layers = BTreeMap::new();
        for (dg, l) in raw {
            match l {
                Some(l) => {
                    layers.insert(dg, Arc::new(l));
                }
                None => {
                    if let Some(l) = crate::engine::catalog::layer(&dg) {
                        layers.insert(dg, l);
                    }
                }
            }
        }
        Ok(LayerStore { layers })
    }
}

/// Images, references and layers of one daemon.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ImageStore {
    pub images: BTreeMap<Digest, Image>,
    /// Full normalised reference (`docker.io/library/ubuntu:latest`) → image ID.
    pub refs: BTreeMap<String, Digest>,
    pub layers: LayerStore,
    /// Layer lists (diff_ids) of images deleted while containers still use
    /// them (`docker rmi -f` with a stopped container): the containers keep
    /// their layers, so [`ImageStore::layers_of`] still finds them.
    #[serde(default)]
    pub retained: BTreeMap<Digest, Vec<Digest>>,
    /// Archives `docker save` wrote, by the seed of the (sized) file that
    /// stands for them on the host: the file has the real tar's size, the
    /// daemon remembers what is in it (`image::archive`).
    #[serde(default)]
    pub archives: BTreeMap<u64, String>,
}

impl ImageStore {
    /// Called after deserialisation; layers are already linked by the
    /// `LayerStore` deserialiser.
    pub fn relink(&mut self) {}

    /// The layers of an image, bottom first.
    pub fn layers_of(&self, id: &Digest) -> Vec<Arc<Layer>> {
        let diff_ids = match self.images.get(id) {
            Some(img) => &img.config.rootfs.diff_ids,
            None => match self.retained.get(id) {
                Some(d) => d,
                None => return Vec::new(),
            },
        };
        diff_ids
            .iter()
            .filter_map(|d| self.layers.get(d).cloned())
            .collect()
    }

    /// Sum of an image's layer sizes (the SIZE column).
    pub fn size_of(&self, id: &Digest) -> u64 {
        self.layers_of(id).iter().map(|l| l.size()).sum()
    }
}
