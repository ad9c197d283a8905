//! Named volumes: filesystems that live outside any container, so their
//! data outlives the containers that mount them.

use super::fs::UnionFs;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A named volume.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Volume {
    pub name: String,
    pub driver: String,
    pub created: i64,
    pub fs: UnionFs,
}

/// The volumes of one daemon.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct VolumeStore {
    pub by_name: BTreeMap<String, Volume>,
}
