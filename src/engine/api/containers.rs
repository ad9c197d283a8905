//! Container endpoints (moby's `api/server/router/container`): list,
//! create, inspect, start, wait, logs, remove. Each handler reads its
//! request, calls the daemon's container operations
//! (`engine::container::lifecycle`) and answers with Docker's document or
//! error.

use super::reply::{self, Reply};
use super::route::Call;
use crate::engine::clock::rfc3339_nanos;
use crate::engine::container::lifecycle;
use crate::engine::container::state::Status;
use crate::engine::container::store::{Container, LogStream};
use crate::engine::error::EngineError;
use crate::engine::{runtime, Engine, HostId};
use serde::Serialize;
use std::collections::BTreeMap;

/// How long `POST /containers/{id}/wait` lets a container run before the
/// sandbox gives up waiting (a service never exits by itself).
const WAIT_LIMIT_MS: i64 = 60_000;

/// `container.Summary` (`GET /containers/json`), in Go's field order.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Summary {
    pub id: String,
    pub names: Vec<String>,
    pub image: String,
    #[serde(rename = "ImageID")]
    pub image_id: String,
    pub command: String,
    pub created: i64,
    pub ports: Vec<PortDoc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_rw: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_root_fs: Option<u64>,
    pub labels: BTreeMap<String, String>,
    pub state: String,
    pub status: String,
    pub host_config: SummaryHostConfig,
    pub network_settings: SummaryNetworks,
    pub mounts: Vec<MountDoc>,
}

/// `container.Port`.
#[derive(Serialize)]
pub struct PortDoc {
    #[serde(rename = "IP", skip_serializing_if = "String::is_empty")]
    pub ip: String,
    #[serde(rename = "PrivatePort")]
    pub private_port: u16,
    #[serde(rename = "PublicPort", skip_serializing_if = "Option::is_none")]
    pub public_port: Option<u16>,
    #[serde(rename = "Type")]
    pub kind: String,
}

#[derive(Serialize)]
pub struct SummaryHostConfig {
    #[serde(rename = "NetworkMode")]
    pub network_mode: String,
}

#[derive(Serialize)]
pub struct SummaryNetworks {
    #[serde(rename = "Networks")]
    pub networks: BTreeMap<String, serde_json::Value>,
}

/// `container.MountPoint`.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MountDoc {
    #[serde(rename = "Type")]
    pub kind: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub source: String,
    pub destination: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub driver: String,
    pub mode: String,
    #[serde(rename = "RW")]
    pub rw: bool,
    pub propagation: String,
}

/// The summary of one container.
pub fn summary(engine: &Engine, h: HostId, c: &Container, size: bool) -> Summary {
    let now = engine.now();
    let images = &engine.host(h).daemon.images;
    let image = match images.refs.iter().find(|(_, d)| **d == c.image) {
        Some(_) if !c.image_ref.is_empty() && !c.image.hex().starts_with(&c.image_ref) => {
            c.image_ref.clone()
        }
        _ => c.image.to_string(),
    };
    let mut ports: Vec<PortDoc> = c
        .ports
        .iter()
        .map(|p| {
            let (num, proto) = p
                .container_port
                .split_once('/')
                .unwrap_or((&p.container_port, "tcp"));
            PortDoc {
                ip: p.host_ip.clone(),
                private_port: num.parse().unwrap_or(0),
                public_port: Some(p.host_port),
                kind: proto.into(),
            }
        })
        .collect();
    if ports.is_empty() {
        for k in c.config.exposed_ports.keys() {
            let (num, proto) = k.split_once('/').unwrap_or((k, "tcp"));
            ports.push(PortDoc {
                ip: String::new(),
                private_port: num.parse().unwrap_or(0),
                public_port: None,
                kind: proto.into(),
            });
        }
    }
    let rw = size.then(|| c.size_rw());
    Summary {
        id: c.id.clone(),
        names: vec![c.slash_name()],
        image,
        image_id: c.image.to_string(),
        command: c.command_line(),
        created: c.created.div_euclid(1000),
        ports,
        size_rw: rw,
        size_root_fs: rw.map(|rw| rw + images.size_of(&c.image)),
        labels: c.config.labels.clone(),
        state: c.state.status.as_str().into(),
        status: c.state.describe(now),
        host_config: SummaryHostConfig {
            network_mode: c.host_config.network_mode.clone(),
        },
        network_settings: SummaryNetworks {
            networks: c
                .networks
                .iter()
                .map(|(n, e)| {
                    (
                        n.clone(),
                        serde_json::json!({"NetworkID": e.network_id, "IPAddress": e.ip, "MacAddress": e.mac}),
                    )
                })
                .collect(),
        },
        mounts: c
            .mounts
            .iter()
            .map(|m| MountDoc {
                kind: m.kind.as_str().into(),
                name: m.name.clone(),
                source: m.source.clone(),
                destination: m.destination.clone(),
                driver: if m.name.is_empty() { "" } else { "local" }.into(),
                mode: if m.name.is_empty() { "" } else { "z" }.into(),
                rw: m.rw,
                propagation: if m.name.is_empty() { "rprivate" } else { "" }.into(),
            })
            .collect(),
    }
}

/// `GET /containers/json?all=1&limit=N&size=1`.
pub fn list(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    runtime::advance(engine, h);
    let all = call.flag("all");
    let limit: Option<usize> = call
        .query("limit")
        .and_then(|l| l.parse::<i64>().ok())
        .filter(|&l| l > 0)
        .map(|l| l as usize);
    let size = call.flag("size");
    let list: Vec<Summary> = engine
        .host(h)
        .daemon
        .containers
        .newest_first()
        .into_iter()
        .filter(|c| all || limit.is_some() || c.state.is_running())
        .take(limit.unwrap_or(usize::MAX))
        .map(|c| summary(engine, h, c, size))
        .collect();
    reply::json(200, &list)
}

/// Content-Type of a JSON request body, as dockerd's `CheckForJSON`.
pub fn check_json(call: &Call) -> Result<(), EngineError> {
    let ct = call
        .headers
        .iter()
        .rev()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    if ct.is_empty() && call.body.is_empty() {
        return Ok(());
    }
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if mime != "application/json" {
        return Err(EngineError::bad_request(format!(
            "unsupported Content-Type header ({ct}): must be 'application/json'"
        )));
    }
    Ok(())
}

/// `POST /containers/create?name=N` → `201 {"Id": …, "Warnings": []}`.
pub fn create(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    #[derive(Serialize)]
    struct CreateResponse {
        #[serde(rename = "Id")]
        id: String,
        #[serde(rename = "Warnings")]
        warnings: Vec<String>,
    }
    let run = || -> Result<CreateSpecOk, EngineError> {
        check_json(call)?;
        let mut spec = super::create::parse(&call.body, call.query("name"))?;
        if spec.image_ref.is_empty() {
            return Err(EngineError::bad_request(
                "config cannot be empty in order to create a container",
            ));
        }
        spec.image = crate::engine::image::resolve_image(engine, h, &spec.image_ref).ok();
        if spec.image.is_none() {
            let n = crate::engine::reference::Reference::parse_docker_ref(&spec.image_ref)
                .map(|r| r.familiar())
                .unwrap_or_else(|_| spec.image_ref.clone());
            return Err(EngineError::NoSuchImage(n));
        }
        Ok(CreateSpecOk(spec))
    };
    match run() {
        Ok(CreateSpecOk(spec)) => match lifecycle::create(engine, h, spec) {
            Ok(id) => reply::json(
                201,
                &CreateResponse {
                    id,
                    warnings: Vec::new(),
                },
            ),
            Err(e) => reply::engine_error(&e),
        },
        Err(e) => reply::engine_error(&e),
    }
}

struct CreateSpecOk(lifecycle::CreateSpec);

/// The container named by the path, or the daemon's 404.
fn lookup(engine: &Engine, h: HostId, call: &Call) -> Result<String, EngineError> {
    engine.host(h).daemon.containers.lookup(call.param(0))
}

/// `GET /containers/{id}/json[?size=1]`.
pub fn inspect(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    runtime::advance(engine, h);
    match lookup(engine, h, call) {
        Ok(id) => {
            match crate::engine::container::inspect::inspect(engine, h, &id, call.flag("size")) {
                Some((_, text)) => {
                    // The indented document, re-encoded compactly as dockerd sends it.
                    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                    let mut r = reply::json(200, &v);
                    r.body = compact_ordered(&text);
                    r
                }
                None => reply::engine_error(&EngineError::NoSuchContainer(call.param(0).into())),
            }
        }
        Err(e) => reply::engine_error(&e),
    }
}

/// Go's compact JSON of an indented document, keeping its key order.
fn compact_ordered(indented: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(indented.len());
    let mut in_str = false;
    let mut escaped = false;
    for b in indented.bytes() {
        if in_str {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        match b {
            b'"' => {
                in_str = true;
                out.push(b);
            }
            b' ' | b'\n' | b'\t' | b'\r' => {}
            _ => out.push(b),
        }
    }
    out.push(b'\n');
    out
}

/// `POST /containers/{id}/start` → 204, or 304 when already running.
pub fn start(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    let id = match lookup(engine, h, call) {
        Ok(id) => id,
        Err(e) => return reply::engine_error(&e),
    };
    match lifecycle::start(engine, h, &id) {
        Ok(None) => reply::empty(304),
        Ok(Some(_)) => reply::empty(204),
        Err(e) => reply::engine_error(&e),
    }
}

/// `POST /containers/{id}/wait[?condition=…]` → `{"StatusCode": N}` once
/// it stops.
pub fn wait(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    #[derive(Serialize)]
    struct WaitResponse {
        #[serde(rename = "StatusCode")]
        status_code: i64,
    }
    let cond = call.query("condition").unwrap_or("not-running");
    if !matches!(cond, "" | "not-running" | "next-exit" | "removed") {
        return reply::error(400, &format!("invalid condition: \"{cond}\""));
    }
    let id = match lookup(engine, h, call) {
        Ok(id) => id,
        Err(e) => return reply::engine_error(&e),
    };
    let created = engine
        .host(h)
        .daemon
        .containers
        .by_id
        .get(&id)
        .is_some_and(|c| c.state.status == Status::Created);
    if created && cond != "next-exit" {
        let code = engine.host(h).daemon.containers.by_id[&id].state.exit_code;
        return reply::json(
            200,
            &WaitResponse {
                status_code: code.into(),
            },
        );
    }
    match lifecycle::wait_exit(engine, h, &id, WAIT_LIMIT_MS) {
        Some(code) => reply::json(
            200,
            &WaitResponse {
                status_code: code.into(),
            },
        ),
        None => reply::error(
            500,
            "dockerlings: the container is still running after 60s; the sandbox stopped waiting",
        ),
    }
}

/// `GET /containers/{id}/logs?stdout=1&stderr=1[&timestamps=1][&tail=N]`:
/// the multiplexed stream (an 8-byte header per frame: stream 1/2, three
/// zero bytes, big-endian length) or, for a TTY container, the raw bytes.
pub fn logs(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    let (stdout, stderr) = (call.flag("stdout"), call.flag("stderr"));
    if !stdout && !stderr {
        return reply::error(400, "must specify at least one of 'stdout' or 'stderr'");
    }
    runtime::advance(engine, h);
    let id = match lookup(engine, h, call) {
        Ok(id) => id,
        Err(e) => return reply::engine_error(&e),
    };
    let c = &engine.host(h).daemon.containers.by_id[&id];
    let lines: Vec<_> = c
        .logs
        .iter()
        .filter(|l| match l.stream {
            LogStream::Stdout => stdout,
            LogStream::Stderr => stderr,
        })
        .collect();
    let skip = match call.query("tail").and_then(|t| t.parse::<usize>().ok()) {
        Some(n) => lines.len().saturating_sub(n),
        None => 0,
    };
    let stamps = call.flag("timestamps");
    let mut body = Vec::new();
    for l in &lines[skip..] {
        let text = if stamps {
            format!("{} {}", rfc3339_nanos(l.at), l.text)
        } else {
            l.text.clone()
        };
        if !c.tty {
            body.push(match l.stream {
                LogStream::Stdout => 1,
                LogStream::Stderr => 2,
            });
            body.extend_from_slice(&[0, 0, 0]);
            body.extend_from_slice(&(text.len() as u32).to_be_bytes());
        }
        body.extend_from_slice(text.as_bytes());
    }
    let ct = if c.tty {
        "application/vnd.docker.raw-stream"
    } else {
        "application/vnd.docker.multiplexed-stream"
    };
    Reply {
        status: 200,
        headers: vec![("Content-Type".into(), ct.into())],
        body,
        stream: true,
    }
}

/// `DELETE /containers/{id}[?force=1][&v=1]` → 204.
pub fn remove(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    match lifecycle::remove(engine, h, call.param(0), call.flag("force"), call.flag("v")) {
        Ok(()) => reply::empty(204),
        Err(e) => reply::engine_error(&e),
    }
}

/// `POST /containers/{id}/kill[?signal=SIG]` → 204.
pub fn kill(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    let sig = call
        .query("signal")
        .filter(|s| !s.is_empty())
        .unwrap_or("KILL");
    let r = lookup(engine, h, call).and_then(|id| lifecycle::kill(engine, h, &id, sig));
    match r {
        Ok(()) => reply::empty(204),
        Err(e) => reply::engine_error(&e),
    }
}

/// `POST /containers/{id}/pause` → 204.
pub fn pause(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    let r = lookup(engine, h, call).and_then(|id| lifecycle::pause(engine, h, &id));
    match r {
        Ok(()) => reply::empty(204),
        Err(e) => reply::engine_error(&e),
    }
}

/// `POST /containers/{id}/unpause` → 204.
pub fn unpause(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    let r = lookup(engine, h, call).and_then(|id| lifecycle::unpause(engine, h, &id));
    match r {
        Ok(()) => reply::empty(204),
        Err(e) => reply::engine_error(&e),
    }
}

/// `POST /containers/{id}/rename?name=NEW` → 204.
pub fn rename(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    match lifecycle::rename(engine, h, call.param(0), call.query("name").unwrap_or("")) {
        Ok(()) => reply::empty(204),
        Err(e) => reply::engine_error(&e),
    }
}
