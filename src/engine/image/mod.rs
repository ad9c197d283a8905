//! Images: the OCI image config (whose SHA-256 is the image ID), the local
//! image store with its references (tags and digests), and the layer store
//! where each layer is kept once, by `diff_id`, however many images use it.

pub mod config;
pub mod store;

pub use config::{parse_rfc3339, ContainerConfig, HistoryEntry, ImageConfig, RootFs};
pub use store::{Image, ImageStore, LayerStore};
