//! The client's connection to a daemon, as docker/cli's `command.DockerCli`
//! and the Go API client: which daemon (`-H`, `--context`, `DOCKER_HOST`,
//! `DOCKER_CONTEXT`, the current context of `~/.docker/config.json`, else
//! `unix:///var/run/docker.sock`), whether something listens there, the
//! version negotiation (`HEAD /_ping`, falling back to `GET /_ping`), and
//! requests sent to the daemon's [`crate::engine::api::serve`].

use super::builder::ClientEnv;
use super::commands::CLIENT_VERSION;
use super::parse::Globals;
use crate::engine::api::API_VERSION;
use crate::engine::{Engine, HostId};
use crate::proto::http::{HttpRequest, HttpResponse};

/// The default daemon address.
pub const DEFAULT_HOST: &str = "unix:///var/run/docker.sock";

/// Where the client talks to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The context in use (`default`, `server`).
    pub context: String,
    /// The daemon address (`unix:///var/run/docker.sock`, `tcp://…:2375`).
    pub host: String,
}

/// A connected client: the daemon's host and the negotiated API version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Client {
    pub endpoint: Endpoint,
    /// The machine whose dockerd answers.
    pub machine: HostId,
    pub version: String,
}

/// The value of client environment variable `k` (non-empty).
fn var<'a>(env: &'a ClientEnv, k: &str) -> Option<&'a str> {
    env.vars
        .iter()
        .rev()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// Resolves the endpoint as docker/cli does: `-H` (only one), else the
/// context (`--context`, `DOCKER_CONTEXT`, `default` when `DOCKER_HOST` is
/// set, the current context of the client's config), whose host for
/// `default` is `DOCKER_HOST` or the local socket. `Err` is the CLI's text.
pub fn endpoint(
    engine: &Engine,
    h: HostId,
    globals: &Globals,
    env: &ClientEnv,
) -> Result<Endpoint, String> {
    let hosts: Vec<&str> = globals
        .flags
        .iter()
        .filter(|(l, _)| *l == "host")
        .map(|(_, v)| v.as_str())
        .collect();
    let ctx_flag = globals.value("context").filter(|c| !c.is_empty());
    if !hosts.is_empty() && ctx_flag.is_some() {
        return Err("conflicting options: cannot specify both --host and --context".into());
    }
    if hosts.len() > 1 {
        return Err(
            "Failed to initialize: unable to resolve docker endpoint: Specify only one -H".into(),
        );
    }
    if let Some(host) = hosts.first() {
        return Ok(Endpoint {
            context: "default".into(),
            host: normalize_host(host)?,
        });
    }
    let name = current_context(engine, h, globals, env);
    if name == "default" {
        let host = match var(env, "DOCKER_HOST") {
            Some(dh) => normalize_host(dh)?,
            None => DEFAULT_HOST.to_string(),
        };
        return Ok(Endpoint {
            context: name,
            host,
        });
    }
    match super::context::load(engine, h, env, &name) {
        Ok(meta) => Ok(Endpoint {
            context: name,
            host: normalize_host(&meta.host)?,
        }),
        Err(e) => Err(format!(
            "Failed to initialize: unable to resolve docker endpoint: {e}"
        )),
    }
}

/// The context name in effect (before `-H`).
pub fn current_context(engine: &Engine, h: HostId, globals: &Globals, env: &ClientEnv) -> String {
    if let Some(c) = globals.value("context").filter(|c| !c.is_empty()) {
        return c.to_string();
    }
    if let Some(c) = var(env, "DOCKER_CONTEXT") {
        return c.to_string();
    }
    if var(env, "DOCKER_HOST").is_some() {
        return "default".into();
    }
    super::context::config_current(engine, h, env).unwrap_or_else(|| "default".into())
}

/// `tcp://1.2.3.4` → `tcp://1.2.3.4:2375`; a bare `host[:port]` is TCP.
pub fn normalize_host(s: &str) -> Result<String, String> {
    let s = s.trim();
    if let Some(p) = s.strip_prefix("unix://") {
        return Ok(format!(
            "unix://{}",
            if p.is_empty() {
                "/var/run/docker.sock"
            } else {
                p
            }
        ));
    }
    if s.starts_with("ssh://") || s.starts_with("npipe://") || s.starts_with("fd://") {
        return Ok(s.to_string());
    }
    let rest = s.strip_prefix("tcp://").unwrap_or(s);
    let rest = rest.trim_end_matches('/');
    if rest.is_empty() || rest.contains("://") {
        return Err(format!("unable to parse docker host `{s}`"));
    }
    Ok(
        if rest
            .rsplit_once(':')
            .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
        {
            format!("tcp://{rest}")
        } else {
            format!("tcp://{rest}:2375")
        },
    )
}

/// docker/cli's text when nothing answers at `host`.
pub fn cannot_connect(host: &str) -> String {
    format!("Cannot connect to the Docker daemon at {host}. Is the docker daemon running?")
}

/// The machine whose dockerd listens at `host`, seen from host `h`.
pub fn listener(engine: &Engine, h: HostId, host: &str) -> Result<HostId, String> {
    if let Some(path) = host.strip_prefix("unix://") {
        let ok = matches!(path, "/var/run/docker.sock" | "/run/docker.sock")
            && crate::engine::api::listens(engine, h, None);
        return if ok { Ok(h) } else { Err(cannot_connect(host)) };
    }
    if host.starts_with("ssh://") {
        return Err(format!(
            "dockerlings: docker: ssh:// daemon hosts are not available in this sandbox ({host})"
        ));
    }
    let Some(addr) = host.strip_prefix("tcp://") else {
        return Err(cannot_connect(host));
    };
    let (name, port) = addr.rsplit_once(':').unwrap_or((addr, "2375"));
    let port: u16 = port.parse().unwrap_or(2375);
    let target = if matches!(name, "localhost" | "127.0.0.1" | "0.0.0.0") {
        Some(h)
    } else {
        engine
            .hosts
            .iter()
            .position(|x| x.ip == name || x.name == name)
    };
    match target {
        Some(t) if crate::engine::api::listens(engine, t, Some(port)) => Ok(t),
        _ => Err(cannot_connect(host)),
    }
}

impl Client {
    /// The local daemon of host `h` through the default socket, without
    /// a ping (callers that already connected).
    pub fn local(h: HostId) -> Client {
        Client {
            endpoint: Endpoint {
                context: "default".into(),
                host: DEFAULT_HOST.into(),
            },
            machine: h,
            version: API_VERSION.to_string(),
        }
    }

    /// Connects to `endpoint` and negotiates the API version: `HEAD
    /// /_ping`, and `GET /_ping` if that fails, as the Go client does.
    pub fn connect(engine: &mut Engine, h: HostId, endpoint: Endpoint) -> Result<Client, String> {
        let daemon = listener(engine, h, &endpoint.host)?;
        let mut c = Client {
            endpoint,
            machine: daemon,
            version: API_VERSION.to_string(),
        };
        let head = c.raw(engine, "HEAD", "/_ping", None);
        let ping = if head.status == 200 {
            head
        } else {
            c.raw(engine, "GET", "/_ping", None)
        };
        if let Some(v) = header(&ping, "Api-Version") {
            if v < API_VERSION {
                c.version = v.to_string();
            }
        }
        Ok(c)
    }

    /// A request without the version prefix (`/_ping`).
    fn raw(
        &self,
        engine: &mut Engine,
        method: &str,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> HttpResponse {
        let mut headers = vec![
            ("Host".to_string(), "api.moby.localhost".to_string()),
            (
                "User-Agent".to_string(),
                format!("Docker-Client/{CLIENT_VERSION} (linux)"),
            ),
        ];
        if body.is_some() {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        let req = HttpRequest {
            method: method.into(),
            scheme: "http".into(),
            host: "api.moby.localhost".into(),
            port: 80,
            path: path.into(),
            headers,
            body: body.unwrap_or_default(),
        };
        crate::engine::api::serve(engine, self.machine, &req)
    }

    /// `METHOD /v1.51{path}` with an optional JSON body.
    pub fn call(
        &self,
        engine: &mut Engine,
        method: &str,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> HttpResponse {
        self.raw(engine, method, &format!("/v{}{path}", self.version), body)
    }

    /// A JSON request whose answer is a document or an error: `Ok(body)`
    /// for 2xx and 304 (`Not Modified`: already in that state), else
    /// `Err((status, message))` with the daemon's message.
    pub fn json(
        &self,
        engine: &mut Engine,
        method: &str,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<Vec<u8>, (u16, String)> {
        let r = self.call(engine, method, path, body);
        if r.status < 300 || r.status == 304 {
            return Ok(r.body);
        }
        Err((r.status, error_message(&r)))
    }
}

/// The `Id`s of a JSON list answer (`GET /containers/json`, `/images/json`).
pub fn ids(body: &[u8]) -> std::collections::HashSet<String> {
    #[derive(serde::Deserialize)]
    struct WithId {
        #[serde(rename = "Id")]
        id: String,
    }
    serde_json::from_slice::<Vec<WithId>>(body)
        .unwrap_or_default()
        .into_iter()
        .map(|w| w.id)
        .collect()
}

/// The `message` of an error answer (the raw body if it is not one).
pub fn error_message(r: &HttpResponse) -> String {
    serde_json::from_slice::<serde_json::Value>(&r.body)
        .ok()
        .and_then(|v| {
            v.get("message")
                .and_then(|m| m.as_str())
                .map(str::to_string)
        })
        .unwrap_or_else(|| String::from_utf8_lossy(&r.body).trim_end().to_string())
}

fn header<'a>(r: &'a HttpResponse, k: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(k))
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_normalise_as_docker_does() {
        assert_eq!(
            normalize_host("tcp://192.168.1.20").unwrap(),
            "tcp://192.168.1.20:2375"
        );
        assert_eq!(
            normalize_host("192.168.1.20:2376").unwrap(),
            "tcp://192.168.1.20:2376"
        );
        assert_eq!(normalize_host("unix://").unwrap(), DEFAULT_HOST);
        assert!(normalize_host("tcp://").is_err());
    }
}
