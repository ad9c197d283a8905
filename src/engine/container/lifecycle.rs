//! The daemon's container operations — create, start, stop, kill, pause,
//! unpause, remove, rename — as guarded transitions of the state machine,
//! with Docker 28's error texts (docker-reference.md §C5, §C6). Network
//! setup (addresses, published ports) happens at start and is released at
//! exit.

use super::config::{
    ActivePort, Endpoint, MountKind, MountPoint, MountRequest, PortSpec, RestartPolicy,
};
use super::names::{random_name, valid_name};
use super::state::{State, Status};
use super::store::Container;
use crate::engine::clock::Millis;
use crate::engine::digest::Digest;
use crate::engine::error::EngineError;
use crate::engine::fs::{path, UnionFs};
use crate::engine::runtime::{self, Proc, Started};
use crate::engine::{network, Engine, HostId};
use std::collections::BTreeMap;

/// Everything `docker create` / `docker run` asks for.
#[derive(Clone, Debug, Default)]
pub struct CreateSpec {
    pub name: Option<String>,
    pub image: Option<Digest>,
    /// The reference as typed (`nginx`, `ubuntu:22.04`).
    pub image_ref: String,
    pub cmd: Option<Vec<String>>,
    /// `--entrypoint` (`Some(vec![])` for `--entrypoint ""`).
    pub entrypoint: Option<Vec<String>>,
    pub env: Vec<String>,
    pub working_dir: Option<String>,
    pub user: Option<String>,
    pub hostname: Option<String>,
    pub tty: bool,
    pub open_stdin: bool,
    pub labels: BTreeMap<String, String>,
    pub ports: Vec<PortSpec>,
    pub publish_all: bool,
    pub mounts: Vec<MountRequest>,
    pub binds: Vec<String>,
    pub network: Option<String>,
    pub restart: Option<RestartPolicy>,
    pub auto_remove: bool,
    pub memory: i64,
    pub nano_cpus: i64,
    /// `--stop-signal`.
    pub stop_signal: Option<String>,
    /// `--stop-timeout` (seconds).
    pub stop_timeout: Option<i64>,
}

fn name_conflict(name: &str, id: &str) -> EngineError {
    EngineError::conflict(format!(
        "Conflict. The container name \"/{name}\" is already in use by container \"{id}\". You have to remove (or rename) that container to be able to reuse that name."
    ))
}

/// `docker create`: returns the new container's ID.
pub fn create(engine: &mut Engine, h: HostId, spec: CreateSpec) -> Result<String, EngineError> {
    let now = engine.now();
    let image_id = spec
        .image
        .clone()
        .ok_or_else(|| EngineError::NoSuchImage(spec.image_ref.clone()))?;
    let img = engine
        .host(h)
        .daemon
        .images
        .images
        .get(&image_id)
        .cloned()
        .ok_or_else(|| EngineError::NoSuchImage(spec.image_ref.clone()))?;
    // Name.
    let name = match &spec.name {
        Some(n) => {
            if !valid_name(n) {
                return Err(EngineError::bad_request(format!(
                    "Invalid container name ({n}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
                )));
            }
            let n = n.strip_prefix('/').unwrap_or(n).to_string();
            if let Some(c) = engine.host(h).daemon.containers.by_name(&n) {
                return Err(name_conflict(&n, &c.id));
            }
            n
        }
        None => {
            let mut retry = 0;
            loop {
                let n = random_name(&mut engine.ids, retry);
                if engine.host(h).daemon.containers.by_name(&n).is_none() {
                    break n;
                }
                retry += 1;
            }
        }
    };
    // Config: image defaults, then options.
    let mut config = img.config.config.clone();
    for e in &spec.env {
        let key = e.split('=').next().unwrap_or(e);
        config.env.retain(|x| x.split('=').next() != Some(key));
        config.env.push(e.clone());
    }
    match &spec.entrypoint {
        Some(ep) => {
            config.entrypoint = if ep.is_empty() || ep == &[String::new()] {
                None
            } else {
                Some(ep.clone())
            };
            config.cmd = spec.cmd.clone();
        }
        None => {
            if let Some(cmd) = &spec.cmd {
                config.cmd = Some(cmd.clone());
            }
        }
    }
    let argv: Vec<String> = config
        .entrypoint
        .iter()
        .flatten()
        .chain(config.cmd.iter().flatten())
        .cloned()
        .collect();
    if argv.is_empty() {
        return Err(EngineError::bad_request("no command specified"));
    }
    if let Some(w) = &spec.working_dir {
        config.working_dir = w.clone();
    }
    if let Some(u) = &spec.user {
        config.user = u.clone();
    }
    if let Some(sig) = &spec.stop_signal {
        config.stop_signal = sig.clone();
    }
    for (k, v) in &spec.labels {
        config.labels.insert(k.clone(), v.clone());
    }
    for p in &spec.ports {
        config
            .exposed_ports
            .entry(p.container_port.clone())
            .or_insert(serde_json::json!({}));
    }
    // Network.
    let net_name = spec.network.clone().unwrap_or_else(|| "bridge".into());
    let net = engine.host(h).daemon.networks.lookup(&net_name)?.clone();
    let id = engine.ids.hex64();
    let hostname = spec
        .hostname
        .clone()
        .unwrap_or_else(|| id[..12].to_string());
    let mut networks = BTreeMap::new();
    networks.insert(
        net.name.clone(),
        Endpoint {
            network_id: net.id.clone(),
            endpoint_id: String::new(),
            ip: String::new(),
            gateway: String::new(),
            mac: String::new(),
            prefix_len: 0,
            aliases: if net.user_defined {
                vec![id[..12].to_string()]
            } else {
                Vec::new()
            },
        },
    );
    // Mounts: requested, then the image's VOLUMEs not covered.
    let mut requests = spec.mounts.clone();
    for v in img.config.config.volumes.keys() {
        let dest = path::normalize(v);
        if !requests.iter().any(|m| m.destination == dest) {
            requests.push(MountRequest {
                kind: MountKind::Volume,
                source: String::new(),
                destination: dest,
                rw: true,
            });
        }
    }
    let mut fs = UnionFs::new(engine.host(h).daemon.images.layers_of(&image_id));
    // The daemon creates a missing working directory.
    if !config.working_dir.is_empty() {
        let wd = path::normalize(&config.working_dir);
        if !fs.is_dir(&wd) {
            let _ = fs.mkdir_all(&wd, 0o755, now / 1000);
        }
    }
    let mut mounts = Vec::new();
    for m in requests {
        match m.kind {
            MountKind::Volume => {
                let anonymous = m.source.is_empty();
                let vname = if anonymous {
                    engine.ids.hex64()
                } else {
                    m.source.clone()
                };
                let host = engine.host_mut(h);
                let vol = host
                    .daemon
                    .volumes
                    .create(&vname, "local", BTreeMap::new(), anonymous, now)?
                    .clone();
                // First use of an empty volume: copy the image's content.
                if !vol.used && vol.fs.upper().is_empty() && fs.is_dir(&m.destination) {
                    if let Ok(items) = fs.walk(&m.destination) {
                        let v = host.daemon.volumes.by_name.get_mut(&vname);
                        if let Some(v) = v {
                            for (p, e) in items.into_iter().skip(1) {
                                let rel = &p[m.destination.len()..];
                                let _ = v.fs.put(rel, e);
                            }
                        }
                    }
                }
                if let Some(v) = host.daemon.volumes.by_name.get_mut(&vname) {
                    v.used = true;
                    mounts.push(MountPoint {
                        kind: MountKind::Volume,
                        name: vname.clone(),
                        source: v.mountpoint(),
                        destination: m.destination.clone(),
                        rw: m.rw,
                        anonymous,
                    });
                }
            }
            MountKind::Bind => {
                let src = path::normalize(&m.source);
                let host = engine.host_mut(h);
                if !host.fs.is_dir(&src) && host.fs.lookup(&src).is_none() {
                    let _ = host.fs.mkdir_all(&src, 0o755, now / 1000);
                }
                mounts.push(MountPoint {
                    kind: MountKind::Bind,
                    name: String::new(),
                    source: src,
                    destination: m.destination.clone(),
                    rw: m.rw,
                    anonymous: false,
                });
            }
        }
        // The mount point exists in the container.
        if !fs.is_dir(&m.destination) {
            let _ = fs.mkdir_all(&m.destination, 0o755, now / 1000);
        }
    }
    let mut port_bindings: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for p in &spec.ports {
        port_bindings
            .entry(p.container_port.clone())
            .or_default()
            .push(p.binding.clone());
    }
    let seq = engine
        .host(h)
        .daemon
        .containers
        .by_id
        .values()
        .map(|c| c.seq + 1)
        .max()
        .unwrap_or(1);
    let c = Container {
        id: id.clone(),
        name,
        created: now,
        image: image_id,
        image_ref: spec.image_ref.clone(),
        path: argv[0].clone(),
        args: argv[1..].to_vec(),
        config,
        tty: spec.tty,
        open_stdin: spec.open_stdin,
        state: State::created(),
        fs,
        logs: Vec::new(),
        restart_count: 0,
        hostname,
        host_config: super::config::HostConfig {
            binds: spec.binds.clone(),
            network_mode: net.name.clone(),
            port_bindings,
            restart_policy: spec.restart.clone().unwrap_or_else(RestartPolicy::no),
            auto_remove: spec.auto_remove,
            publish_all_ports: spec.publish_all,
            memory: spec.memory,
            nano_cpus: spec.nano_cpus,
        },
        mounts,
        networks,
        ports: Vec::new(),
        process: None,
        execs: BTreeMap::new(),
        stopped_by_user: false,
        restart_at: None,
        exec_ids: Vec::new(),
        backoff_ms: 0,
        attached: false,
        paused_at: 0,
        seq,
        stop_timeout: spec.stop_timeout,
        stdin: None,
    };
    engine
        .host_mut(h)
        .daemon
        .containers
        .by_id
        .insert(id.clone(), c);
    Ok(id)
}

fn family_wild(ip: &str) -> &'static str {
    if ip.contains(':') {
        "::"
    } else {
        "0.0.0.0"
    }
}

fn clashes(a: &ActivePort, ip: &str, port: u16) -> bool {
    a.host_port == port
        && (a.host_ip == ip || a.host_ip == family_wild(ip) || ip == family_wild(&a.host_ip))
}

/// Sets up a container's networking for a start: an address on each
/// network and its published ports. Fails with Docker's "port is already
/// allocated" text on a clash.
pub fn connect_networks(engine: &mut Engine, h: HostId, cid: &str) -> Result<(), EngineError> {
    let host = engine.host(h);
    let Some(c) = host.daemon.containers.by_id.get(cid) else {
        return Err(EngineError::NoSuchContainer(cid.to_string()));
    };
    let mut endpoints = c.networks.clone();
    for ep in endpoints.values_mut() {
        let Some(net) = host.daemon.networks.by_id.get(&ep.network_id) else {
            continue;
        };
        if net.subnet.is_empty() {
            continue;
        }
        let used: Vec<String> = host
            .daemon
            .containers
            .by_id
            .values()
            .filter(|o| o.id != cid)
            .filter_map(|o| o.networks.values().find(|e| e.network_id == net.id))
            .map(|e| e.ip.clone())
            .filter(|ip| !ip.is_empty())
            .collect();
        ep.ip = host
            .daemon
            .networks
            .allocate_ip(&net.id, &used)
            .unwrap_or_default();
        ep.gateway = net.gateway.clone();
        ep.mac = network::mac_for(&ep.ip);
        ep.prefix_len = net.prefix_len();
    }
    // Ports.
    let mut active: Vec<ActivePort> = Vec::new();
    let mode = c.host_config.network_mode.as_str();
    if mode != "host" && mode != "none" {
        let used: Vec<ActivePort> = host
            .daemon
            .containers
            .by_id
            .values()
            .filter(|o| o.id != cid)
            .flat_map(|o| o.ports.iter().cloned())
            .collect();
        let mut wanted: Vec<(String, String, String)> = Vec::new();
        for (cport, binds) in &c.host_config.port_bindings {
            for b in binds {
                wanted.push((cport.clone(), b.host_ip.clone(), b.host_port.clone()));
            }
        }
        if c.host_config.publish_all_ports {
            for cport in c.config.exposed_ports.keys() {
                if !c.host_config.port_bindings.contains_key(cport) {
                    wanted.push((cport.clone(), String::new(), String::new()));
                }
            }
        }
        for (cport, ip, hp) in wanted {
            let ips: Vec<&str> = if ip.is_empty() {
                vec!["0.0.0.0", "::"]
            } else {
                vec![ip.as_str()]
            };
            let taken = |p: u16, act: &[ActivePort]| {
                ips.iter()
                    .any(|i| used.iter().chain(act.iter()).any(|a| clashes(a, i, p)))
            };
            let port = match hp.parse::<u16>() {
                Ok(p) => {
                    if taken(p, &active) {
                        let ep_name = c.name.clone();
                        let ep_id = engine.ids.hex64();
                        return Err(EngineError::msg(500, format!(
                            "failed to set up container networking: driver failed programming external connectivity on endpoint {ep_name} ({ep_id}): Bind for {}:{p} failed: port is already allocated",
                            ips[0]
                        )));
                    }
                    p
                }
                Err(_) => {
                    let Some(p) = (32768..=60999).find(|p| !taken(*p, &active)) else {
                        return Err(EngineError::msg(500, "no available ports".to_string()));
                    };
                    p
                }
            };
            for i in ips {
                active.push(ActivePort {
                    container_port: cport.clone(),
                    host_ip: i.to_string(),
                    host_port: port,
                });
            }
        }
    }
    active.sort_by(|a, b| {
        port_num(&a.container_port)
            .cmp(&port_num(&b.container_port))
            .then(a.host_ip.contains(':').cmp(&b.host_ip.contains(':')))
    });
    let mut ids = Vec::new();
    for _ in 0..endpoints.len() {
        ids.push(engine.ids.hex64());
    }
    if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(cid) {
        for (ep, eid) in endpoints.values_mut().zip(ids) {
            ep.endpoint_id = eid;
        }
        c.networks = endpoints;
        c.ports = active;
    }
    Ok(())
}

/// The numeric part of `80/tcp`.
pub fn port_num(p: &str) -> u32 {
    p.split('/')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn release_networks(c: &mut Container) {
    c.ports.clear();
    for e in c.networks.values_mut() {
        e.ip.clear();
        e.gateway.clear();
        e.mac.clear();
    }
}

/// The result of an operation that may be a no-op (HTTP 304).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    Changed,
    NotModified,
}

fn get<'a>(engine: &'a Engine, h: HostId, cid: &str) -> Result<&'a Container, EngineError> {
    engine
        .host(h)
        .daemon
        .containers
        .by_id
        .get(cid)
        .ok_or_else(|| EngineError::NoSuchContainer(cid.to_string()))
}

fn get_mut<'a>(
    engine: &'a mut Engine,
    h: HostId,
    cid: &str,
) -> Result<&'a mut Container, EngineError> {
    engine
        .host_mut(h)
        .daemon
        .containers
        .by_id
        .get_mut(cid)
        .ok_or_else(|| EngineError::NoSuchContainer(cid.to_string()))
}

/// `docker start` (by full ID). Returns how the main process started.
pub fn start(engine: &mut Engine, h: HostId, cid: &str) -> Result<Option<Started>, EngineError> {
    runtime::advance(engine, h);
    let c = get(engine, h, cid)?;
    match c.state.status {
        Status::Paused => {
            return Err(EngineError::conflict(
                "cannot start a paused container, try unpause instead",
            ))
        }
        Status::Running | Status::Restarting => return Ok(None),
        _ => {}
    }
    connect_networks(engine, h, cid)?;
    let now = engine.now();
    let c = get_mut(engine, h, cid)?;
    c.stopped_by_user = false;
    c.restart_at = None;
    match runtime::start_main(engine, h, cid, now) {
        Ok(s) => Ok(Some(s)),
        Err(e) => {
            if let Ok(c) = get_mut(engine, h, cid) {
                release_networks(c);
            }
            Err(e)
        }
    }
}

/// `docker stop` with a grace period (`-t`, else the container's
/// `--stop-timeout`, else 10 s): the stop signal, then `SIGKILL` when the
/// process is still there. The clock moves by the grace period when a
/// process had to be killed.
pub fn stop(
    engine: &mut Engine,
    h: HostId,
    cid: &str,
    timeout: Option<i64>,
) -> Result<Done, EngineError> {
    stop_many(engine, h, &[cid.to_string()], timeout, None)
        .pop()
        .unwrap_or(Ok(Done::NotModified))
}

/// Stops several containers at once (as the daemon does, in parallel):
/// all get their stop signal, then one grace period passes for those still
/// running.
pub fn stop_many(
    engine: &mut Engine,
    h: HostId,
    cids: &[String],
    timeout: Option<i64>,
    signal: Option<&str>,
) -> Vec<Result<Done, EngineError>> {
    runtime::advance(engine, h);
    let start = engine.now();
    let mut results = Vec::new();
    let mut pending: Vec<(i64, String, bool)> = Vec::new();
    for cid in cids {
        let c = match get_mut(engine, h, cid) {
            Ok(c) => c,
            Err(e) => {
                results.push(Err(e));
                continue;
            }
        };
        c.stopped_by_user = true;
        match c.state.status {
            Status::Restarting => {
                c.state.status = Status::Exited;
                c.restart_at = None;
                results.push(Ok(Done::Changed));
                continue;
            }
            Status::Running | Status::Paused => {}
            _ => {
                results.push(Ok(Done::NotModified));
                continue;
            }
        }
        let paused = c.state.status == Status::Paused;
        let grace = match timeout.or(c.stop_timeout) {
            Some(t) if t >= 0 => t,
            _ => 10,
        };
        let wanted = signal.unwrap_or(&c.config.stop_signal);
        let sig = if wanted.is_empty() {
            "TERM".to_string()
        } else {
            match runtime::normalize_signal(wanted) {
                Some(s) => s,
                None => {
                    results.push(Err(EngineError::bad_request(format!(
                        "Invalid signal: {wanted}"
                    ))));
                    continue;
                }
            }
        };
        results.push(Ok(Done::Changed));
        if paused || runtime::signal(engine, h, cid, &sig).is_none() {
            pending.push((grace, cid.clone(), paused));
        }
    }
    pending.sort();
    for (grace, cid, paused) in &pending {
        engine.clock.set(start + grace * 1000);
        if !paused {
            runtime::advance_one(engine, h, cid, engine.now());
        }
        let now = engine.now();
        if let Ok(c) = get_mut(engine, h, cid) {
            if c.state.is_running() {
                runtime::finish(c, 137, now);
            }
        }
    }
    runtime::advance(engine, h);
    for cid in cids {
        remove_if_auto(engine, h, cid);
    }
    results
}

fn remove_if_auto(engine: &mut Engine, h: HostId, cid: &str) {
    if get(engine, h, cid)
        .is_ok_and(|c| c.host_config.auto_remove && !c.state.is_running() && !c.attached)
    {
        destroy(engine, h, cid, true);
    }
}

/// `docker kill -s SIG`.
pub fn kill(engine: &mut Engine, h: HostId, cid: &str, sig: &str) -> Result<(), EngineError> {
    runtime::advance(engine, h);
    let Some(sig) = runtime::normalize_signal(sig) else {
        return Err(EngineError::bad_request(format!("Invalid signal: {sig}")));
    };
    let c = get_mut(engine, h, cid)?;
    if !matches!(c.state.status, Status::Running | Status::Paused) {
        return Err(EngineError::conflict(format!(
            "container {cid} is not running"
        )));
    }
    if sig == "KILL" {
        c.stopped_by_user = true;
    }
    if runtime::signal(engine, h, cid, &sig).is_some() {
        if let Ok(c) = get_mut(engine, h, cid) {
            c.stopped_by_user = true;
        }
        remove_if_auto(engine, h, cid);
    }
    Ok(())
}

/// `docker pause`.
pub fn pause(engine: &mut Engine, h: HostId, cid: &str) -> Result<(), EngineError> {
    runtime::advance(engine, h);
    let now = engine.now();
    let c = get_mut(engine, h, cid)?;
    match c.state.status {
        Status::Paused => Err(EngineError::conflict(format!(
            "Container {cid} is already paused"
        ))),
        Status::Running => {
            c.state.status = Status::Paused;
            c.paused_at = now;
            Ok(())
        }
        Status::Restarting => Err(EngineError::conflict(format!(
            "Container {cid} is restarting, wait until the container is running"
        ))),
        _ => Err(EngineError::conflict(format!(
            "container {cid} is not running"
        ))),
    }
}

/// `docker unpause`.
pub fn unpause(engine: &mut Engine, h: HostId, cid: &str) -> Result<(), EngineError> {
    let now = engine.now();
    let c = get_mut(engine, h, cid)?;
    if c.state.status != Status::Paused {
        return Err(EngineError::conflict(format!(
            "Container {cid} is not paused"
        )));
    }
    let frozen = now - c.paused_at;
    if let Some(Proc::Script(sp)) = &mut c.process {
        sp.started_at += frozen;
    }
    c.state.status = Status::Running;
    c.paused_at = 0;
    Ok(())
}

/// `docker rm [-f] [-v]`; `key` is the name as typed (for error texts).
pub fn remove(
    engine: &mut Engine,
    h: HostId,
    key: &str,
    force: bool,
    volumes: bool,
) -> Result<(), EngineError> {
    runtime::advance(engine, h);
    let cid = engine.host(h).daemon.containers.lookup(key)?;
    let c = get(engine, h, &cid)?;
    match c.state.status {
        Status::Paused if !force => {
            return Err(EngineError::conflict(format!(
                "cannot remove container \"{key}\": container is paused and must be unpaused first"
            )))
        }
        s @ (Status::Running | Status::Restarting) if !force => {
            return Err(EngineError::conflict(format!(
                "cannot remove container \"{key}\": container is {}: stop the container before removing or force remove",
                s.as_str()
            )))
        }
        _ => {}
    }
    destroy(engine, h, &cid, volumes);
    Ok(())
}

/// Deletes a container record (and, with `volumes`, its anonymous volumes
/// no other container uses).
pub fn destroy(engine: &mut Engine, h: HostId, cid: &str, volumes: bool) {
    let host = engine.host_mut(h);
    let Some(c) = host.daemon.containers.by_id.remove(cid) else {
        return;
    };
    if !host.daemon.images.retained.is_empty() {
        // layers of a deleted image this container kept alive
        crate::engine::image::ops::release_unused_layers(engine, h);
    }
    let host = engine.host_mut(h);
    if volumes {
        for m in c.mounts.iter().filter(|m| m.anonymous) {
            let in_use = host
                .daemon
                .containers
                .by_id
                .values()
                .any(|o| o.mounts.iter().any(|x| x.name == m.name));
            if !in_use {
                host.daemon.volumes.by_name.remove(&m.name);
            }
        }
    }
}

/// `docker rename`.
pub fn rename(engine: &mut Engine, h: HostId, key: &str, new: &str) -> Result<(), EngineError> {
    let cid = engine.host(h).daemon.containers.lookup(key)?;
    let new = new.strip_prefix('/').unwrap_or(new);
    if !valid_name(new) {
        return Err(EngineError::bad_request(format!(
            "Invalid container name ({new}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
        )));
    }
    let c = get(engine, h, &cid)?;
    if c.name == new {
        return Err(EngineError::conflict(
            "Renaming a container with the same name as its current name",
        ));
    }
    if let Some(o) = engine.host(h).daemon.containers.by_name(new) {
        return Err(name_conflict(new, &o.id));
    }
    get_mut(engine, h, &cid)?.name = new.to_string();
    Ok(())
}

/// Waits (moving the clock) until `cid` stops running, for at most
/// `limit` ms. Returns the exit code, or `None` if it is still running.
pub fn wait_exit(engine: &mut Engine, h: HostId, cid: &str, limit: Millis) -> Option<i32> {
    let start = engine.now();
    runtime::advance_one(engine, h, cid, start);
    let running = |e: &Engine| {
        e.host(h).daemon.containers.by_id.get(cid).map(|c| {
            (
                c.state.status == Status::Running || c.state.status == Status::Paused,
                c.state.exit_code,
                c.state.finished_at,
            )
        })
    };
    match running(engine) {
        None => return None,
        Some((false, code, _)) => return Some(code),
        _ => {}
    }
    let is_script = engine
        .host(h)
        .daemon
        .containers
        .by_id
        .get(cid)
        .is_some_and(|c| {
            matches!(c.process, Some(Proc::Script(_))) && c.state.status == Status::Running
        });
    if !is_script {
        return None;
    }
    // Step through time: a script's exit time is where its own clock ended.
    let horizon = start + limit;
    runtime::advance_one(engine, h, cid, horizon);
    match running(engine) {
        Some((false, code, fin)) => {
            engine.clock.set(fin.max(start));
            runtime::advance(engine, h);
            Some(code)
        }
        _ => {
            engine.clock.set(horizon);
            runtime::advance(engine, h);
            None
        }
    }
}

/// `systemctl restart docker`: the daemon stops every running container
/// (stop signal, then `SIGKILL` for processes that ignore it) and, once
/// back, starts those whose restart policy is `always`, or
/// `unless-stopped` and not stopped by hand. Returns the IDs restarted.
pub fn daemon_restart(engine: &mut Engine, h: HostId) -> Vec<String> {
    runtime::advance(engine, h);
    let now = engine.now();
    let running: Vec<String> = engine
        .host(h)
        .daemon
        .containers
        .newest_first()
        .iter()
        .filter(|c| c.state.is_running())
        .map(|c| c.id.clone())
        .collect();
    for id in &running {
        let Ok(c) = get(engine, h, id) else { continue };
        let sig = if c.config.stop_signal.is_empty() {
            "TERM".to_string()
        } else {
            runtime::normalize_signal(&c.config.stop_signal).unwrap_or_else(|| "TERM".into())
        };
        let paused = c.state.status == Status::Paused;
        if paused || runtime::signal(engine, h, id, &sig).is_none() {
            if let Ok(c) = get_mut(engine, h, id) {
                if c.state.is_running() {
                    runtime::finish(c, 137, now);
                }
            }
        }
        // The daemon going down is not a reason to restart now.
        if let Ok(c) = get_mut(engine, h, id) {
            if c.state.status == Status::Restarting {
                c.state.status = Status::Exited;
                c.restart_at = None;
            }
            c.attached = false;
        }
    }
    engine.host_mut(h).daemon.started_at = now;
    let ids: Vec<String> = engine
        .host(h)
        .daemon
        .containers
        .by_id
        .keys()
        .cloned()
        .collect();
    let mut restarted = Vec::new();
    for id in ids {
        let Ok(c) = get(engine, h, &id) else { continue };
        let policy = c.host_config.restart_policy.name.as_str();
        let back = c.state.status == Status::Exited
            && c.state.started_at != 0
            && (policy == "always" || (policy == "unless-stopped" && !c.stopped_by_user));
        if back && start(engine, h, &id).is_ok() {
            restarted.push(id);
        }
    }
    // Auto-remove containers that stopped for good.
    let gone: Vec<String> = engine
        .host(h)
        .daemon
        .containers
        .by_id
        .values()
        .filter(|c| c.host_config.auto_remove && !c.state.is_running())
        .map(|c| c.id.clone())
        .collect();
    for id in gone {
        destroy(engine, h, &id, true);
    }
    restarted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_clash_rules() {
        let a = ActivePort {
            container_port: "80/tcp".into(),
            host_ip: "0.0.0.0".into(),
            host_port: 8080,
        };
        assert!(clashes(&a, "127.0.0.1", 8080));
        assert!(clashes(&a, "0.0.0.0", 8080));
        assert!(!clashes(&a, "::", 8080));
        assert!(!clashes(&a, "0.0.0.0", 8081));
    }
}
