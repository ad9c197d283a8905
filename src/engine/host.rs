//! A machine: its filesystem, its IP address, and the Docker daemon state it
//! runs (image and layer stores, containers, networks, volumes, API log).

use super::api::ApiLog;
use super::clock::{IdSource, Millis};
use super::fs::UnionFs;
use super::{container, image, network, volume};
use serde::{Deserialize, Serialize};

/// Index of a host in [`super::Engine::hosts`].
pub type HostId = usize;

/// One machine.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Host {
    pub name: String,
    pub ip: String,
    /// The machine's own filesystem (home directory, /etc/docker/daemon.json).
    pub fs: UnionFs,
    pub daemon: Daemon,
}

/// The state `dockerd` keeps.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Daemon {
    pub images: image::ImageStore,
    pub containers: container::ContainerStore,
    pub networks: network::NetworkStore,
    pub volumes: volume::VolumeStore,
    pub api: ApiLog,
    /// `systemctl stop docker`: nothing answers on its socket until it
    /// starts again.
    #[serde(default)]
    pub stopped: bool,
    /// When the daemon (re)started.
    pub started_at: Millis,
    /// What the last `docker build` did (for lessons' checks).
    #[serde(default)]
    pub last_build: Option<super::builder::BuildRecord>,
    /// What it read from `/etc/docker/daemon.json` when it (re)started.
    #[serde(default)]
    pub config: super::daemon_config::DaemonConfig,
}

impl Host {
    pub fn new(name: &str, ip: &str, now: Millis, ids: &mut IdSource) -> Host {
        Host {
            name: name.to_string(),
            ip: ip.to_string(),
            fs: UnionFs::new(Vec::new()),
            daemon: Daemon {
                images: image::ImageStore::default(),
                containers: container::ContainerStore::default(),
                networks: network::NetworkStore::new(ids),
                volumes: volume::VolumeStore::default(),
                api: ApiLog::default(),
                stopped: false,
                started_at: now,
                last_build: None,
                config: Default::default(),
            },
        }
    }

    /// Re-links shared layers after deserialisation.
    pub fn relink(&mut self) {
        self.daemon.images.relink();
        self.daemon.containers.relink(&self.daemon.images);
    }
}
