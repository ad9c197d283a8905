//! Registries: Docker Hub (with the built-in official images), a cloud
//! registry that needs `docker login`, and private registries that run as
//! `registry` containers.

use serde::{Deserialize, Serialize};

/// The public registries every host can reach.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Registries {}

impl Registries {
    pub fn new() -> Registries {
        Registries {}
    }
}
