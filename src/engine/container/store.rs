//! The container records a daemon keeps, by ID, with name lookup.

use super::state::State;
use crate::engine::clock::Millis;
use crate::engine::digest::Digest;
use crate::engine::fs::UnionFs;
use crate::engine::image::{ContainerConfig, ImageStore};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which stream a log line came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogStream {
    Stdout,
    Stderr,
}

/// One line (or chunk) a container's process wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLine {
    pub at: Millis,
    pub stream: LogStream,
    pub text: String,
}

/// A container.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Container {
    /// 64 hex.
    pub id: String,
    /// Without the leading `/`.
    pub name: String,
    pub created: Millis,
    /// The image ID it was created from.
    pub image: Digest,
    /// The image reference as the user typed it.
    pub image_ref: String,
    /// Process path and args (`Path`, `Args`).
    pub path: String,
    pub args: Vec<String>,
    pub config: ContainerConfig,
    pub tty: bool,
    pub open_stdin: bool,
    pub state: State,
    pub fs: UnionFs,
    pub logs: Vec<LogLine>,
    pub restart_count: u32,
}

/// All containers of one daemon.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ContainerStore {
    pub by_id: BTreeMap<String, Container>,
}

impl ContainerStore {
    /// Re-links each container's lower layers to its image's layers.
    pub fn relink(&mut self, images: &ImageStore) {
        for c in self.by_id.values_mut() {
            c.fs.set_lower(images.layers_of(&c.image));
        }
    }

    /// Finds a container by full ID, name, or unique ID prefix (Docker's
    /// lookup order).
    pub fn find(&self, key: &str) -> Option<&Container> {
        self.find_id(key).and_then(|id| self.by_id.get(&id))
    }

    pub fn find_mut(&mut self, key: &str) -> Option<&mut Container> {
        let id = self.find_id(key)?;
        self.by_id.get_mut(&id)
    }

    /// Resolves a key to a full ID.
    pub fn find_id(&self, key: &str) -> Option<String> {
        if key.is_empty() {
            return None;
        }
        if self.by_id.contains_key(key) {
            return Some(key.to_string());
        }
        let name = key.strip_prefix('/').unwrap_or(key);
        if let Some(c) = self.by_id.values().find(|c| c.name == name) {
            return Some(c.id.clone());
        }
        let mut matches = self.by_id.keys().filter(|id| id.starts_with(key));
        match (matches.next(), matches.next()) {
            (Some(id), None) => Some(id.clone()),
            _ => None,
        }
    }
}
