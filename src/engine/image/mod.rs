//! Images: the OCI image config (whose SHA-256 is the image ID), the local
//! image store with its references (tags and digests), the layer store
//! where each layer is kept once, by `diff_id`, however many images use it,
//! and the daemon's image operations ([`ops`]: resolve, pull, tag, delete,
//! history, commit, prune, disk usage; [`archive`]: save/load).
//!
//! For other areas: [`resolve_image`] finds an image by name, tag, digest,
//! ID or short ID; [`pull`] / [`pull_str`] pull from a registry writing the
//! progress stream line by line (see [`ops`]).

pub mod archive;
pub mod config;
pub mod name;
pub mod ops;
pub mod store;

pub use config::{parse_rfc3339, ContainerConfig, HistoryEntry, ImageConfig, RootFs};
pub use name::{parse_normalized, Named};
pub use ops::{pull, pull_str, resolve_image};
pub use store::{Image, ImageStore, LayerStore};
