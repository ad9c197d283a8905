//! [`ContainerSys`]: the [`Sys`] a container's processes run against — its
//! root filesystem with volumes and bind mounts resolved, its clock, its
//! hostname, and the engine's networks for HTTP.
//!
//! While a process runs, the container's filesystems are moved out of the
//! daemon into the `ContainerSys` (the rest of the engine stays reachable
//! for network requests) and moved back afterwards ([`FsSet::restore`]).

use crate::engine::container::{Container, MountKind};
use crate::engine::fs::{path, UnionFs};
use crate::engine::{Engine, HostId};
use crate::userland::{HttpRequest, HttpResponse, Service, Sys, SysKind};
use std::collections::BTreeMap;

/// Where one of a container's filesystems lives in the daemon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsOrigin {
    Root,
    Volume(String),
    Host,
}

/// A mount: destination in the container → filesystem and path inside it.
#[derive(Clone, Debug)]
pub struct MountEntry {
    pub dest: String,
    pub fs: usize,
    pub sub: String,
}

/// The filesystems a container sees: `fss[0]` is its root.
#[derive(Clone, Debug, Default)]
pub struct FsSet {
    pub fss: Vec<(FsOrigin, UnionFs)>,
    pub mounts: Vec<MountEntry>,
}

impl FsSet {
    /// The origins (in order) a container's mounts need.
    pub fn origins(c: &Container) -> Vec<FsOrigin> {
        let mut v = vec![FsOrigin::Root];
        for m in &c.mounts {
            let o = match m.kind {
                MountKind::Volume => FsOrigin::Volume(m.name.clone()),
                MountKind::Bind => FsOrigin::Host,
            };
            if !v.contains(&o) {
                v.push(o);
            }
        }
        v
    }

    /// Moves the container's filesystems out of the engine.
    pub fn take(engine: &mut Engine, h: HostId, c: &mut Container) -> FsSet {
        let host = engine.host_mut(h);
        let mut set = FsSet::default();
        for o in FsSet::origins(c) {
            let fs = match &o {
                FsOrigin::Root => std::mem::take(&mut c.fs),
                FsOrigin::Volume(n) => host
                    .daemon
                    .volumes
                    .by_name
                    .get_mut(n)
                    .map(|v| std::mem::take(&mut v.fs))
                    .unwrap_or_default(),
                FsOrigin::Host => std::mem::take(&mut host.fs),
            };
            set.fss.push((o, fs));
        }
        set.mounts = Self::mount_table(c, &set);
        set
    }

    /// The mount table for a set with the same origins as `c` needs.
    pub fn mount_table(c: &Container, set: &FsSet) -> Vec<MountEntry> {
        let mut mounts: Vec<MountEntry> = c
            .mounts
            .iter()
            .filter_map(|m| {
                let o = match m.kind {
                    MountKind::Volume => FsOrigin::Volume(m.name.clone()),
                    MountKind::Bind => FsOrigin::Host,
                };
                let fs = set.fss.iter().position(|(x, _)| *x == o)?;
                Some(MountEntry {
                    dest: m.destination.clone(),
                    fs,
                    sub: match m.kind {
                        MountKind::Volume => "/".to_string(),
                        MountKind::Bind => m.source.clone(),
                    },
                })
            })
            .collect();
        mounts.sort_by_key(|m| std::cmp::Reverse(m.dest.len()));
        mounts
    }

    /// Moves the filesystems back where they came from.
    pub fn restore(self, engine: &mut Engine, h: HostId, c: &mut Container) {
        let host = engine.host_mut(h);
        for (o, fs) in self.fss {
            match o {
                FsOrigin::Root => c.fs = fs,
                FsOrigin::Volume(n) => {
                    if let Some(v) = host.daemon.volumes.by_name.get_mut(&n) {
                        v.fs = fs;
                    }
                }
                FsOrigin::Host => host.fs = fs,
            }
        }
    }

    /// The filesystem index and inner path serving container path `p`.
    pub fn route(&self, p: &str) -> (usize, String) {
        let p = path::normalize(p);
        for m in &self.mounts {
            if p == m.dest {
                return (m.fs, m.sub.clone());
            }
            if let Some(rest) = p.strip_prefix(&m.dest).filter(|r| r.starts_with('/')) {
                return (m.fs, path::normalize(&format!("{}{}", m.sub, rest)));
            }
        }
        (0, p)
    }
}

/// The system a container process sees.
pub struct ContainerSys<'e> {
    pub engine: &'e mut Engine,
    pub h: HostId,
    pub cid: String,
    pub hostname: String,
    pub set: FsSet,
    pub now: crate::engine::clock::Millis,
    pub env: BTreeMap<String, String>,
    /// The container's own main service (for `localhost` requests).
    pub own_service: Option<Service>,
    /// Where its network requests come from.
    pub origin: super::net::Origin,
    /// Its processes as `ps` shows them.
    pub procs: Vec<ProcessInfo>,
    /// Host-side interface index of its first veth pair.
    pub veth_peer_base: u32,
}

impl Sys for ContainerSys<'_> {
    fn kind(&self) -> SysKind {
        SysKind::Container(self.cid.clone())
    }
    fn fs_for(&mut self, p: &str) -> (&mut UnionFs, String) {
        let (i, inner) = self.set.route(p);
        (&mut self.set.fss[i].1, inner)
    }
    fn fs_for_ref(&self, p: &str) -> (&UnionFs, String) {
        let (i, inner) = self.set.route(p);
        (&self.set.fss[i].1, inner)
    }
    fn now(&self) -> crate::engine::clock::Millis {
        self.now
    }
    fn sleep(&mut self, ms: crate::engine::clock::Millis) {
        self.now += ms.max(0);
    }
    fn hostname(&self) -> String {
        self.hostname.clone()
    }
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, String> {
        if matches!(req.host.as_str(), "localhost" | "127.0.0.1" | "::1") {
            let Some(mut svc) = self.own_service.take() else {
                return Err(super::net::refused(req));
            };
            // The server's log line comes out with its next advance.
            let r = super::glue::service_request(&mut svc, self, req.port, req);
            self.own_service = Some(svc);
            return r.ok_or_else(|| super::net::refused(req));
        }
        let origin = self.origin.clone();
        super::net::http_from(self.engine, self.h, Some(origin), req)
    }
    fn base_env(&self) -> BTreeMap<String, String> {
        self.env.clone()
    }
    fn interfaces(&self) -> Vec<crate::userland::Iface> {
        self.iface_list()
    }
    fn processes(&self) -> Vec<crate::userland::ProcInfo> {
        self.process_list()
    }
    fn signal(&mut self, pid: u32, signal: &str) -> Result<(), String> {
        let _ = signal;
        // PID 1 ignores signals it has no handler for; exec sessions are
        // shells that survive a stray TERM.
        if self.procs.iter().any(|p| p.pid == pid) {
            Ok(())
        } else {
            Err("No such process".into())
        }
    }
    fn ping(&self, ip: &str) -> bool {
        self.can_ping(ip)
    }
    fn resolve_host(&self, name: &str) -> Option<String> {
        self.lookup_host(name)
    }
}

/// A network interface of a container (`ip addr`, `ifconfig`).
pub type IfaceInfo = crate::userland::Iface;

/// A process of a container (`ps` inside it).
pub type ProcessInfo = crate::userland::ProcInfo;

impl ContainerSys<'_> {
    /// `lo` and one `ethN` per network the container has an address on.
    pub fn iface_list(&self) -> Vec<IfaceInfo> {
        let mut v = vec![IfaceInfo {
            name: "lo".into(),
            addr: Some(("127.0.0.1".into(), 8)),
            mac: "00:00:00:00:00:00".into(),
            peer: None,
        }];
        let mut n = 0u32;
        for e in &self.origin.networks {
            if e.ip.is_empty() {
                continue;
            }
            v.push(IfaceInfo {
                name: format!("eth{n}"),
                addr: Some((e.ip.clone(), e.prefix_len)),
                mac: e.mac.clone(),
                peer: Some(self.veth_peer_base + 2 * n),
            });
            n += 1;
        }
        v
    }

    /// The container's processes: its main process as PID 1, then exec
    /// sessions.
    pub fn process_list(&self) -> Vec<ProcessInfo> {
        self.procs.clone()
    }

    /// Whether `ip` answers a ping from this container: loopback, its own
    /// addresses, gateways and running containers on its networks, the
    /// host.
    pub fn can_ping(&self, ip: &str) -> bool {
        if ip.starts_with("127.") || ip == self.engine.host(self.h).ip {
            return true;
        }
        let host = self.engine.host(self.h);
        self.origin.networks.iter().any(|mine| {
            mine.ip == ip
                || mine.gateway == ip
                || host.daemon.containers.by_id.values().any(|c| {
                    c.state.status == crate::engine::container::Status::Running
                        && c.networks
                            .values()
                            .any(|e| e.network_id == mine.network_id && e.ip == ip)
                })
        })
    }

    /// Name resolution inside the container: `localhost`, its own
    /// hostname, dotted quads, and container names / aliases on the
    /// user-defined networks it shares (Docker's embedded DNS).
    pub fn lookup_host(&self, name: &str) -> Option<String> {
        if name == "localhost" {
            return Some("127.0.0.1".into());
        }
        if name.split('.').count() == 4 && name.split('.').all(|p| p.parse::<u8>().is_ok()) {
            return Some(name.to_string());
        }
        if name == self.hostname {
            return self
                .origin
                .networks
                .iter()
                .find(|e| !e.ip.is_empty())
                .map(|e| e.ip.clone())
                .or_else(|| Some("127.0.0.1".into()));
        }
        super::net::resolve_name(self.engine, self.h, &self.origin, name)
    }
}
