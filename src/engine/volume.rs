//! Named and anonymous volumes: filesystems that live outside any container,
//! so their data outlives the containers that mount them. A new, empty
//! volume mounted over a directory of the image is first filled with that
//! directory's content (Docker's copy-up of volume data).

use super::clock::Millis;
use super::error::EngineError;
use super::fs::UnionFs;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A volume.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Volume {
    pub name: String,
    pub driver: String,
    pub created: i64,
    pub fs: UnionFs,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Created for `-v /path` or an image `VOLUME` (64-hex name).
    #[serde(default)]
    pub anonymous: bool,
    /// Whether it was ever mounted (copy-up happens only on first use).
    #[serde(default)]
    pub used: bool,
}

impl Volume {
    /// `/var/lib/docker/volumes/<name>/_data`.
    pub fn mountpoint(&self) -> String {
        format!("/var/lib/docker/volumes/{}/_data", self.name)
    }
    /// Bytes held.
    pub fn size(&self) -> u64 {
        self.fs.upper().size()
    }
}

/// The volumes of one daemon.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct VolumeStore {
    pub by_name: BTreeMap<String, Volume>,
}

impl VolumeStore {
    /// Creates a volume, or returns the existing one of that name (Docker's
    /// `volume create` is idempotent).
    pub fn create(
        &mut self,
        name: &str,
        driver: &str,
        labels: BTreeMap<String, String>,
        anonymous: bool,
        now: Millis,
    ) -> Result<&Volume, EngineError> {
        if !valid_volume_name(name) {
            return Err(EngineError::bad_request(format!(
                "create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"
            )));
        }
        if driver != "local" {
            return Err(EngineError::msg(
                404,
                format!("create {name}: error looking up volume plugin {driver}: plugin \"{driver}\" not found"),
            ));
        }
        Ok(self.by_name.entry(name.to_string()).or_insert(Volume {
            name: name.to_string(),
            driver: driver.to_string(),
            created: now,
            fs: UnionFs::new(Vec::new()),
            labels,
            anonymous,
            used: false,
        }))
    }

    /// `get NAME: no such volume`.
    pub fn lookup(&self, name: &str) -> Result<&Volume, EngineError> {
        self.by_name
            .get(name)
            .ok_or_else(|| EngineError::msg(404, format!("get {name}: no such volume")))
    }
}

/// `[a-zA-Z0-9][a-zA-Z0-9_.-]+`.
pub fn valid_volume_name(name: &str) -> bool {
    let mut c = name.chars();
    matches!(c.next(), Some(x) if x.is_ascii_alphanumeric())
        && name.len() >= 2
        && c.all(|x| x.is_ascii_alphanumeric() || matches!(x, '_' | '.' | '-'))
}
