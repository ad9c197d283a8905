//! The container records a daemon keeps, by ID, with name lookup.

use super::config::{ActivePort, Endpoint, HostConfig, MountPoint};
use super::state::State;
use crate::engine::clock::Millis;
use crate::engine::digest::Digest;
use crate::engine::error::EngineError;
use crate::engine::fs::UnionFs;
use crate::engine::image::{ContainerConfig, ImageStore};
use crate::engine::runtime::{ExecSession, Proc};
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
    /// The merged config (image defaults overridden by `run` options).
    pub config: ContainerConfig,
    pub tty: bool,
    pub open_stdin: bool,
    pub state: State,
    pub fs: UnionFs,
    pub logs: Vec<LogLine>,
    pub restart_count: u32,
    /// `Config.Hostname` (first 12 hex of the ID unless `--hostname`).
    #[serde(default)]
    pub hostname: String,
    #[serde(default)]
    pub host_config: HostConfig,
    #[serde(default)]
    pub mounts: Vec<MountPoint>,
    /// Network name → endpoint, while attached.
    #[serde(default)]
    pub networks: BTreeMap<String, Endpoint>,
    /// Bindings in effect while running.
    #[serde(default)]
    pub ports: Vec<ActivePort>,
    /// The main process while the container runs.
    #[serde(default)]
    pub process: Option<Proc>,
    /// `docker exec` sessions still open (interactive ones).
    #[serde(default)]
    pub execs: BTreeMap<String, ExecSession>,
    /// Set by `docker stop`/`kill`: restart policies then leave it stopped.
    #[serde(default)]
    pub stopped_by_user: bool,
    /// When a `Restarting` container starts again.
    #[serde(default)]
    pub restart_at: Option<Millis>,
    /// Commands run by `docker exec` (for `docker top`).
    #[serde(default)]
    pub exec_ids: Vec<String>,
    /// Current restart back-off delay.
    #[serde(default)]
    pub backoff_ms: Millis,
    /// A client is attached in the foreground (`docker run` without `-d`,
    /// `-it` sessions): `--rm` waits for it.
    #[serde(default)]
    pub attached: bool,
    /// When `docker pause` froze it.
    #[serde(default)]
    pub paused_at: Millis,
    /// Creation order (ties in `created`).
    #[serde(default)]
    pub seq: u64,
    /// What the client piped into `docker run -i` / `start -i`, read by the
    /// main process when it starts.
    #[serde(default, skip)]
    pub stdin: Option<Vec<u8>>,
    /// `--stop-timeout` seconds (`None`: 10).
    #[serde(default)]
    pub stop_timeout: Option<i64>,
}

impl Container {
    /// `/web`.
    pub fn slash_name(&self) -> String {
        format!("/{}", self.name)
    }
    /// First 12 hex of the ID.
    pub fn short_id(&self) -> &str {
        &self.id[..self.id.len().min(12)]
    }
    /// The command line as `docker ps` shows it before quoting: `Path` then
    /// `Args`, an argument with a space wrapped in single quotes.
    pub fn command_line(&self) -> String {
        std::iter::once(&self.path)
            .chain(self.args.iter())
            .map(|a| {
                if a.contains(' ') {
                    format!("'{a}'")
                } else {
                    a.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
    /// Bytes in the writable layer (`SizeRw`).
    pub fn size_rw(&self) -> u64 {
        self.fs.upper().size()
    }
    /// Published ports as (host port, container port): the bindings in
    /// effect while it runs, else those it asks for (`HostConfig.PortBindings`
    /// with a fixed host port).
    pub fn published_ports(&self) -> Vec<(u16, u16)> {
        let num = |p: &str| p.split('/').next().and_then(|n| n.parse::<u16>().ok());
        let mut v: Vec<(u16, u16)> = if self.ports.is_empty() {
            self.host_config
                .port_bindings
                .iter()
                .flat_map(|(cp, bs)| {
                    bs.iter()
                        .filter_map(move |b| Some((b.host_port.parse().ok()?, num(cp)?)))
                })
                .collect()
        } else {
            self.ports
                .iter()
                .filter_map(|a| Some((a.host_port, num(&a.container_port)?)))
                .collect()
        };
        v.sort_unstable();
        v.dedup();
        v
    }
    /// `--cpus` (CPUs) and `--memory` (bytes), when set.
    pub fn limits(&self) -> (Option<f64>, Option<u64>) {
        let hc = &self.host_config;
        (
            (hc.nano_cpus > 0).then(|| hc.nano_cpus as f64 / 1e9),
            (hc.memory > 0).then_some(hc.memory as u64),
        )
    }
    /// Names of the networks it is attached to.
    pub fn network_names(&self) -> Vec<String> {
        self.networks.keys().cloned().collect()
    }
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
            let lower = images.layers_of(&c.image);
            c.fs.set_lower(lower.clone());
            if let Some(p) = &mut c.process {
                p.relink(&lower);
            }
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

    /// Like [`ContainerStore::find_id`] with Docker's errors: `No such
    /// container: X`, or `Multiple IDs found with provided prefix: X`.
    pub fn lookup(&self, key: &str) -> Result<String, EngineError> {
        if let Some(id) = self.find_id(key) {
            return Ok(id);
        }
        if !key.is_empty() && self.by_id.keys().filter(|id| id.starts_with(key)).count() > 1 {
            return Err(EngineError::msg(
                400,
                format!("Multiple IDs found with provided prefix: {key}"),
            ));
        }
        Err(EngineError::NoSuchContainer(key.to_string()))
    }

    /// The container holding name `name`, if any.
    pub fn by_name(&self, name: &str) -> Option<&Container> {
        let name = name.strip_prefix('/').unwrap_or(name);
        self.by_id.values().find(|c| c.name == name)
    }

    /// Containers newest first (the daemon's list order).
    pub fn newest_first(&self) -> Vec<&Container> {
        let mut v: Vec<&Container> = self.by_id.values().collect();
        v.sort_by(|a, b| b.created.cmp(&a.created).then(b.seq.cmp(&a.seq)));
        v
    }
}
