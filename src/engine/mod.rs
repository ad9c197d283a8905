//! The daemon side of Docker: pure Rust, no UI, deterministic.
//!
//! [`Engine`] is the simulated world's Docker: one or more [`Host`]s (the
//! learner's laptop, a server), each with its own filesystem and daemon
//! state, plus the registries they share. Time and ids are injected
//! ([`clock`]). The client (`crate::cli`) calls the daemon's API methods;
//! each call is recorded in the host's [`api::ApiLog`] as the REST request
//! the real client would send.

pub mod api;
pub mod builder;
pub mod catalog;
pub mod clock;
pub mod container;
pub mod daemon_config;
pub mod digest;
pub mod error;
pub mod fs;
pub mod gofmt;
pub mod host;
pub mod image;
pub mod network;
pub mod reference;
pub mod registry;
pub mod runtime;
pub mod units;
pub mod volume;

pub use error::EngineError;
pub use host::{Daemon, Host, HostId};

use clock::{Clock, IdSource};
use serde::{Deserialize, Serialize};

/// Everything Docker-shaped in the sandbox.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Engine {
    pub clock: Clock,
    pub ids: IdSource,
    pub hosts: Vec<Host>,
    pub registries: registry::Registries,
}

impl Engine {
    /// A fresh world: the learner's `laptop` host and the public registries,
    /// with time starting at `now` and ids from `seed`.
    pub fn new(now: clock::Millis, seed: u64) -> Engine {
        let mut e = Engine {
            clock: Clock::starting_at(now),
            ids: IdSource::seeded(seed),
            hosts: Vec::new(),
            registries: registry::Registries::new(),
        };
        e.add_host("laptop", "192.168.1.10");
        e
    }

    /// Adds a machine with its own daemon and an empty image store.
    pub fn add_host(&mut self, name: &str, ip: &str) -> HostId {
        let h = Host::new(name, ip, self.clock.now(), &mut self.ids);
        self.hosts.push(h);
        self.hosts.len() - 1
    }

    pub fn host(&self, h: HostId) -> &Host {
        &self.hosts[h]
    }

    pub fn host_mut(&mut self, h: HostId) -> &mut Host {
        &mut self.hosts[h]
    }

    pub fn now(&self) -> clock::Millis {
        self.clock.now()
    }

    /// Re-links shared data (layer `Arc`s) after deserialisation.
    pub fn relink(&mut self) {
        for h in &mut self.hosts {
            h.relink();
        }
    }
}
