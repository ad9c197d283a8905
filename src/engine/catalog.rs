//! The built-in Docker Hub catalog: official images as data, turned into
//! content-addressed layers once and shared.

use super::digest::Digest;
use super::fs::Layer;
use std::sync::Arc;

/// The catalog layer with this diff_id, if any.
pub fn layer(_diff_id: &Digest) -> Option<Arc<Layer>> {
    None
}
