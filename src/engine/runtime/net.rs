//! Routing HTTP requests: from the host to published ports (and to
//! container IPs), from containers to each other by IP, by name on
//! user-defined networks, and back to the host's published ports.

use super::glue;
use crate::engine::container::{Container, Endpoint, Status};
use crate::engine::{Engine, HostId};
use crate::userland::{HttpRequest, HttpResponse, Output};

/// curl's text for a refused connection.
pub fn refused(req: &HttpRequest) -> String {
    format!(
        "Failed to connect to {} port {} after 0 ms: Couldn't connect to server",
        req.host, req.port
    )
}

fn reset() -> String {
    "Recv failure: Connection reset by peer".to_string()
}

/// Whether a published binding on `bind_ip` accepts a connection to `ip`.
fn binding_accepts(bind_ip: &str, ip: &str) -> bool {
    match bind_ip {
        "0.0.0.0" => !ip.contains(':'),
        "::" => ip.contains(':'),
        b => b == ip,
    }
}

/// Where a request comes from when a container sends it.
#[derive(Clone, Debug)]
pub struct Origin {
    pub id: String,
    pub networks: Vec<Endpoint>,
}

impl Origin {
    /// The origin of a request sent from container `c`.
    pub fn of(c: &Container) -> Origin {
        Origin {
            id: c.id.clone(),
            networks: c.networks.values().cloned().collect(),
        }
    }
}

/// Sends `req` from host `h` (or from container `from`).
pub fn http(
    engine: &mut Engine,
    h: HostId,
    from: Option<&str>,
    req: &HttpRequest,
) -> Result<HttpResponse, String> {
    let origin = from.and_then(|f| {
        engine
            .host(h)
            .daemon
            .containers
            .by_id
            .get(f)
            .map(Origin::of)
    });
    http_from(engine, h, origin, req)
}

/// The IPv4 address container `name` (a name, short ID or alias) has on a
/// user-defined network shared with `origin` — Docker's embedded DNS.
pub fn resolve_name(engine: &Engine, h: HostId, origin: &Origin, name: &str) -> Option<String> {
    engine
        .host(h)
        .daemon
        .containers
        .by_id
        .values()
        .find_map(|c| {
            if !c.state.is_running() {
                return None;
            }
            let named = c.name == name || c.short_id() == name;
            c.networks.iter().find_map(|(net, e)| {
                let shared =
                    net != "bridge" && origin.networks.iter().any(|o| o.network_id == e.network_id);
                (shared && !e.ip.is_empty() && (named || e.aliases.iter().any(|a| a == name)))
                    .then(|| e.ip.clone())
            })
        })
}

/// Sends `req` from the host (`origin` = `None`) or from a container.
pub fn http_from(
    engine: &mut Engine,
    h: HostId,
    origin: Option<Origin>,
    req: &HttpRequest,
) -> Result<HttpResponse, String> {
    super::advance(engine, h);
    let host = engine.host(h);
    let mut target = req.host.clone();
    if let Some(o) = &origin {
        if let Some(ip) = resolve_name(engine, h, o, &target) {
            target = ip;
        }
    }
    let target = target.as_str();
    let from = origin.as_ref().map(|o| o.id.as_str());
    let mut host_addrs: Vec<String> = vec![host.ip.clone()];
    match from {
        None => host_addrs.extend(
            ["localhost", "127.0.0.1", "0.0.0.0", "::1"]
                .iter()
                .map(|s| s.to_string()),
        ),
        Some(_) => host_addrs.extend(
            host.daemon
                .networks
                .by_id
                .values()
                .map(|n| n.gateway.clone()),
        ),
    }
    if host_addrs.iter().any(|a| a == target) && !target.is_empty() {
        let ip = match target {
            "localhost" | "0.0.0.0" => "127.0.0.1",
            t => t,
        };
        // Published ports first, then host-network containers.
        let hit = host.daemon.containers.by_id.values().find_map(|c| {
            c.ports
                .iter()
                .find(|p| {
                    p.host_port == req.port
                        && (binding_accepts(&p.host_ip, ip)
                            || (ip == "127.0.0.1" && p.host_ip == "0.0.0.0")
                            || (ip == "::1" && p.host_ip == "::"))
                })
                .map(|p| (c.id.clone(), p.container_port.clone()))
        });
        if let Some((cid, cport)) = hit {
            let port = cport
                .split('/')
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            return deliver(engine, h, &cid, port, req).map_err(|e| match e {
                DeliverError::NotListening => reset(),
                DeliverError::Timeout => timeout(req),
            });
        }
        let hostnet: Vec<String> = host
            .daemon
            .containers
            .by_id
            .values()
            .filter(|c| c.host_config.network_mode == "host" && c.state.is_running())
            .map(|c| c.id.clone())
            .collect();
        for cid in hostnet {
            if let Ok(r) = deliver(engine, h, &cid, req.port, req) {
                return Ok(r);
            }
        }
        return Err(refused(req));
    }
    // A container address or name.
    let by_ip = host.daemon.containers.by_id.values().find(|c| {
        c.networks
            .values()
            .any(|e| e.ip == target && !e.ip.is_empty())
    });
    let dest = match by_ip {
        Some(c) => {
            if let Some(me) = &origin {
                if !shares_network(me, c) {
                    return Err(timeout(req));
                }
            }
            Some(c)
        }
        None => None,
    };
    let Some(dest) = dest else {
        return Err(format!("Could not resolve host: {target}"));
    };
    let cid = dest.id.clone();
    deliver(engine, h, &cid, req.port, req).map_err(|e| match e {
        DeliverError::NotListening => refused(req),
        DeliverError::Timeout => timeout(req),
    })
}

fn timeout(req: &HttpRequest) -> String {
    format!(
        "Failed to connect to {} port {} after 130000 ms: Connection timed out",
        req.host, req.port
    )
}

fn shares_network(a: &Origin, b: &Container) -> bool {
    a.networks
        .iter()
        .any(|e| b.networks.values().any(|f| f.network_id == e.network_id))
}

enum DeliverError {
    NotListening,
    Timeout,
}

fn deliver(
    engine: &mut Engine,
    h: HostId,
    cid: &str,
    port: u16,
    req: &HttpRequest,
) -> Result<HttpResponse, DeliverError> {
    let Some(c) = engine.host(h).daemon.containers.by_id.get(cid) else {
        return Err(DeliverError::NotListening);
    };
    match c.state.status {
        Status::Running => {}
        Status::Paused => return Err(DeliverError::Timeout),
        _ => return Err(DeliverError::NotListening),
    }
    let mut log = Output::new();
    let r = super::with_sys(engine, h, cid, |sys, _c| {
        let mut svc = sys.own_service.take()?;
        let r = glue::service_http(&mut svc, sys, port, req, &mut log);
        sys.own_service = Some(svc);
        r
    })
    .flatten()
    .ok_or(DeliverError::NotListening);
    let now = engine.now();
    if let Some(c) = engine.hosts[h].daemon.containers.by_id.get_mut(cid) {
        for (stream, text) in &log.chunks {
            let st = match stream {
                crate::userland::Stream::Stderr if !c.tty => {
                    crate::engine::container::LogStream::Stderr
                }
                _ => crate::engine::container::LogStream::Stdout,
            };
            super::push_text(c, st, text, now);
        }
    }
    r
}
