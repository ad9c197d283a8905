//! The daemon's registry client (`moby` `distribution/` and `registry/`):
//! finds the endpoint of a registry domain, checks it answers (`GET /v2/`,
//! HTTPS unless the registry is on the loopback or listed under
//! `insecure-registries`), and pushes and pulls through the Distribution
//! API — in memory for the public registries, over the simulated network
//! to `registry` containers, so `curl` and `docker` see the same registry.
//!
//! Credentials are the client's, read from the host's
//! `/root/.docker/config.json` (the CLI sends them with each request).

use super::accounts;
use super::api;
use super::{blob_descriptor, blob_layer, layer_blob, Manifest, Registries, RegistryError};
use crate::engine::digest::{truncate_id, Digest};
use crate::engine::fs::Layer;
use crate::engine::image::name::Named;
use crate::engine::{Engine, EngineError, HostId};
use crate::proto::http::{HttpRequest, HttpResponse};
use std::sync::Arc;

/// Where the client client stores credentials.
pub const CONFIG_PATH: &str = "/root/.docker/config.json";
/// The key of Docker Hub in `auths`.
pub const HUB_AUTH_KEY: &str = "https://index.docker.io/v1/";

/// A registry as the daemon reaches it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// A public registry in memory.
    Public(String),
    /// A registry on a machine of the simulated network.
    Net {
        /// The machine it runs on.
        host: HostId,
        /// `HOST:PORT` as typed.
        addr: String,
        ip: String,
        port: u16,
        /// `http` (loopback or insecure) or `https`.
        scheme: &'static str,
    },
}

/// The `auths` key of a registry domain.
pub fn auth_key(domain: &str) -> String {
    if domain == super::DOCKER_HUB {
        HUB_AUTH_KEY.to_string()
    } else {
        domain.to_string()
    }
}

/// Base64 (standard alphabet, padded).
pub fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in data.chunks(3) {
        let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= c.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes [`base64`]; `None` on bad input.
pub fn unbase64(s: &str) -> Option<Vec<u8>> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for ch in s.trim_end_matches('=').bytes() {
        let v = match ch {
            b'A'..=b'Z' => ch - b'A',
            b'a'..=b'z' => ch - b'a' + 26,
            b'0'..=b'9' => ch - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    Some(out)
}

/// The client's stored credentials for `domain` on host `h`.
pub fn credentials(engine: &Engine, h: HostId, domain: &str) -> Option<(String, String)> {
    let text = engine.host(h).fs.read_text(CONFIG_PATH).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    let auth = v
        .get("auths")?
        .get(auth_key(domain))?
        .get("auth")?
        .as_str()?;
    let raw = String::from_utf8(unbase64(auth)?).ok()?;
    let (u, p) = raw.split_once(':')?;
    Some((u.to_string(), p.to_string()))
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.starts_with("127.") || host == "[::1]" || host == "::1"
}

/// Finds the endpoint of `domain` as seen from host `h`'s daemon.
pub fn endpoint(engine: &Engine, h: HostId, domain: &str) -> Result<Endpoint, String> {
    if Registries::is_public(domain) {
        return Ok(Endpoint::Public(domain.to_string()));
    }
    let (host, port) = match domain.rsplit_once(':') {
        Some((a, p)) => (a, p.parse::<u16>().unwrap_or(0)),
        None => (domain, 443),
    };
    let insecure = is_loopback(host)
        || engine
            .host(h)
            .daemon
            .config
            .insecure_registries
            .iter()
            .any(|r| r == domain);
    let scheme = if insecure { "http" } else { "https" };
    let target = if is_loopback(host) {
        Some((h, "127.0.0.1".to_string()))
    } else {
        engine
            .hosts
            .iter()
            .position(|x| x.ip == host || x.name == host)
            .map(|i| (i, engine.hosts[i].ip.clone()))
    };
    match target {
        Some((th, ip)) => Ok(Endpoint::Net {
            host: th,
            addr: domain.to_string(),
            ip,
            port,
            scheme,
        }),
        None if host.parse::<std::net::Ipv4Addr>().is_ok() => Err(format!(
            "Get \"{scheme}://{domain}/v2/\": dial tcp {host}:{port}: i/o timeout"
        )),
        None => Err(format!(
            "Get \"{scheme}://{domain}/v2/\": dial tcp: lookup {host}: no such host"
        )),
    }
}

/// Sends a request to a registry. `Err` is Go's error text
/// (`Get "http://…/v2/": dial tcp …: connection refused`).
pub fn send(
    engine: &mut Engine,
    ep: &Endpoint,
    method: &str,
    path: &str,
    body: Vec<u8>,
) -> Result<HttpResponse, String> {
    let date = crate::engine::clock::strftime(engine.now(), "%a, %d %b %Y %T GMT");
    let req = |host: &str, port: u16, scheme: &str| {
        HttpRequest {
        method: method.into(),
        scheme: scheme.into(),
        host: host.into(),
        port,
        path: path.into(),
        headers: vec![
            ("User-Agent".into(), "docker/28.5.2 go/go1.24.8 git-commit/f8215cc kernel/6.8.0-49-generic os/linux arch/amd64 UpstreamClient(Docker-Client/28.5.2 \\(linux\\))".into()),
            ("Accept".into(), super::MANIFEST_V2.into()),
        ],
        body: body.clone(),
    }
    };
    match ep {
        Endpoint::Public(domain) => {
            let mut files = engine.registries.files(domain);
            Ok(api::handle(
                &mut files,
                &req(domain, 443, "https"),
                &date,
                &format!("https://{domain}"),
            ))
        }
        Endpoint::Net {
            host,
            addr,
            ip,
            port,
            scheme,
        } => {
            let verb = if method == "HEAD" {
                "Head"
            } else if method == "GET" {
                "Get"
            } else if method == "PUT" {
                "Put"
            } else {
                "Post"
            };
            let url = format!("{scheme}://{addr}{path}");
            let dial_ip = if ip == "127.0.0.1" && addr.starts_with("localhost") {
                "[::1]".to_string()
            } else {
                ip.clone()
            };
            match crate::engine::runtime::http(engine, *host, None, &req(ip, *port, "http")) {
                Err(e) if e.contains("timed out") => Err(format!(
                    "{verb} \"{url}\": dial tcp {dial_ip}:{port}: i/o timeout"
                )),
                Err(_) => Err(format!(
                    "{verb} \"{url}\": dial tcp {dial_ip}:{port}: connect: connection refused"
                )),
                Ok(r) if r.status == 0 => Err(format!("{verb} \"{url}\": EOF")),
                Ok(_) if *scheme == "https" => Err(format!(
                    "{verb} \"{url}\": http: server gave HTTP response to HTTPS client"
                )),
                Ok(r) => Ok(r),
            }
        }
    }
}

/// `GET /v2/`: whether the registry answers.
pub fn ping(engine: &mut Engine, ep: &Endpoint) -> Result<(), String> {
    send(engine, ep, "GET", "/v2/", Vec::new()).map(|_| ())
}

/// The registry's error code and message of a response body
/// (`name unknown: repository name not known to registry`).
fn error_text(r: &HttpResponse) -> String {
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap_or_default();
    let e = v.get("errors").and_then(|e| e.get(0));
    let code = e
        .and_then(|e| e.get("code"))
        .and_then(|c| c.as_str())
        .unwrap_or("UNKNOWN")
        .to_lowercase()
        .replace('_', " ");
    let msg = e
        .and_then(|e| e.get("message"))
        .and_then(|c| c.as_str())
        .unwrap_or("unknown error");
    format!("{code}: {msg}")
}

fn error_code(r: &HttpResponse) -> String {
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap_or_default();
    v.get("errors")
        .and_then(|e| e.get(0))
        .and_then(|e| e.get("code"))
        .and_then(|c| c.as_str())
        .unwrap_or("")
        .to_string()
}

/// `pull access denied for X, …` / `manifest for X not found` for a public
/// registry lookup failure.
fn public_error(n: &Named, e: RegistryError) -> EngineError {
    match e {
        RegistryError::UnknownHost => EngineError::msg(
            500,
            format!(
                "Get \"https://{}/v2/\": dial tcp: lookup {}: no such host",
                n.domain, n.domain
            ),
        ),
        RegistryError::NameUnknown => denied_pull(n),
        RegistryError::ManifestUnknown => EngineError::msg(
            404,
            format!(
                "manifest for {} not found: manifest unknown: manifest unknown",
                n.familiar()
            ),
        ),
    }
}

fn denied_pull(n: &Named) -> EngineError {
    EngineError::msg(
        404,
        format!(
            "pull access denied for {}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
            n.familiar_name()
        ),
    )
}

/// The reference a pull asks for (tag or digest).
fn reference_of(n: &Named) -> String {
    n.digest
        .clone()
        .or_else(|| n.tag.clone())
        .unwrap_or_else(|| "latest".into())
}

/// Fetches the manifest of `n` and its layers for host `h`'s daemon.
pub fn fetch(engine: &mut Engine, h: HostId, n: &Named) -> Result<super::Fetched, EngineError> {
    let reference = reference_of(n);
    let ep = endpoint(engine, h, &n.domain).map_err(|e| EngineError::msg(500, e))?;
    let out = match &ep {
        Endpoint::Public(domain) => {
            let creds = credentials(engine, h, domain);
            if !accounts::may_pull(
                domain,
                creds.as_ref().map(|(u, p)| (u.as_str(), p.as_str())),
                &n.path,
            ) {
                return Err(denied_pull(n));
            }
            engine
                .registries
                .manifest(domain, &n.path, &reference)
                .map_err(|e| public_error(n, e))?
        }
        Endpoint::Net { .. } => {
            ping(engine, &ep).map_err(|e| EngineError::msg(500, e))?;
            let r = send(
                engine,
                &ep,
                "GET",
                &format!("/v2/{}/manifests/{reference}", n.path),
                Vec::new(),
            )
            .map_err(|e| EngineError::msg(500, e))?;
            if r.status != 200 {
                let text = error_text(&r);
                return Err(if error_code(&r) == "NAME_UNKNOWN" {
                    EngineError::msg(
                        404,
                        format!("repository {} not found: {text}", n.full_name()),
                    )
                } else {
                    EngineError::msg(
                        404,
                        format!("manifest for {} not found: {text}", n.familiar()),
                    )
                });
            }
            let bytes = r.body;
            let cfg_d = Manifest::config_digest(&bytes).unwrap_or_else(|| Digest::of(b""));
            let cfg = send(
                engine,
                &ep,
                "GET",
                &format!("/v2/{}/blobs/{cfg_d}", n.path),
                Vec::new(),
            )
            .map(|r| r.body)
            .unwrap_or_default();
            let m = Manifest::parse(&bytes, &cfg).ok_or_else(|| {
                EngineError::msg(
                    500,
                    format!("failed to parse manifest for {}", n.familiar()),
                )
            })?;
            let mut blobs = Vec::new();
            for d in &m.layers {
                let b = send(
                    engine,
                    &ep,
                    "GET",
                    &format!("/v2/{}/blobs/{}", n.path, d.digest),
                    Vec::new(),
                )
                .ok()
                .filter(|r| r.status == 200)
                .and_then(|r| blob_layer(&r.body));
                blobs.push(b);
            }
            (m, blobs)
        }
    };
    for d in &out.0.layers {
        engine.registries.remember(h, &n.domain, &n.path, &d.digest);
    }
    Ok(out)
}

/// Every tag of `domain/repo` (for `docker pull -a`).
pub fn tags(engine: &mut Engine, h: HostId, domain: &str, repo: &str) -> Vec<String> {
    let Ok(ep) = endpoint(engine, h, domain) else {
        return Vec::new();
    };
    match ep {
        Endpoint::Public(d) => engine.registries.tags(&d, repo),
        Endpoint::Net { .. } => send(
            engine,
            &ep,
            "GET",
            &format!("/v2/{repo}/tags/list"),
            Vec::new(),
        )
        .ok()
        .filter(|r| r.status == 200)
        .and_then(|r| serde_json::from_slice::<serde_json::Value>(&r.body).ok())
        .and_then(|v| {
            v.get("tags")?.as_array().map(|a| {
                a.iter()
                    .filter_map(|t| t.as_str().map(str::to_string))
                    .collect()
            })
        })
        .unwrap_or_default(),
    }
}

/// Why a push stopped; the text is printed in the stream (no prefix).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushError(pub String);

const DENIED: &str = "denied: requested access to the resource is denied";

/// Pushes the local image `n` (with a tag) of host `h` to its registry,
/// writing the progress stream (after `The push refers to repository`).
/// Returns the manifest digest.
pub fn push(
    engine: &mut Engine,
    h: HostId,
    n: &Named,
    out: &mut dyn FnMut(&str),
) -> Result<Digest, PushError> {
    let tag = n.tag.clone().unwrap_or_else(|| "latest".into());
    let store = &engine.host(h).daemon.images;
    let Some(id) = store.refs.get(&n.full()).cloned() else {
        return Err(PushError(format!("tag does not exist: {}", n.familiar())));
    };
    let Some(img) = store.images.get(&id).cloned() else {
        return Err(PushError(format!("tag does not exist: {}", n.familiar())));
    };
    let layers: Vec<(Digest, Arc<Layer>)> = img
        .config
        .rootfs
        .diff_ids
        .iter()
        .filter_map(|d| store.layers.get(d).map(|l| (d.clone(), l.clone())))
        .collect();
    let ep = endpoint(engine, h, &n.domain).map_err(PushError)?;
    ping(engine, &ep).map_err(PushError)?;
    let order: Vec<&(Digest, Arc<Layer>)> = layers.iter().rev().collect();
    for (d, _) in &order {
        out(&format!("{}: Preparing", truncate_id(d.as_str())));
    }
    if let Endpoint::Public(domain) = &ep {
        let creds = credentials(engine, h, domain);
        if !accounts::may_push(
            domain,
            creds.as_ref().map(|(u, p)| (u.as_str(), p.as_str())),
            &n.path,
        ) {
            return Err(PushError(DENIED.into()));
        }
    }
    for (d, _) in order.iter().skip(5) {
        out(&format!("{}: Waiting", truncate_id(d.as_str())));
    }
    let repo = n.path.clone();
    let net = |e: String| PushError(e);
    for (diff, layer) in &order {
        let short = truncate_id(diff.as_str()).to_string();
        let desc = blob_descriptor(diff, layer.size());
        let head = send(
            engine,
            &ep,
            "HEAD",
            &format!("/v2/{repo}/blobs/{}", desc.digest),
            Vec::new(),
        )
        .map_err(net)?;
        if head.status == 200 {
            out(&format!("{short}: Layer already exists"));
            engine
                .registries
                .remember(h, &n.domain, &repo, &desc.digest);
            continue;
        }
        let mut mounted = None;
        for from in engine.registries.known_repos(h, &n.domain, &desc.digest) {
            if from == repo {
                continue;
            }
            let r = send(
                engine,
                &ep,
                "POST",
                &format!(
                    "/v2/{repo}/blobs/uploads/?mount={}&from={from}",
                    desc.digest
                ),
                Vec::new(),
            )
            .map_err(net)?;
            if r.status == 201 {
                mounted = Some(from);
                break;
            }
        }
        match mounted {
            Some(from) => out(&format!("{short}: Mounted from {from}")),
            None => {
                upload(engine, &ep, &repo, &desc.digest, layer_blob(layer))?;
                out(&format!("{short}: Pushed"));
            }
        }
        engine
            .registries
            .remember(h, &n.domain, &repo, &desc.digest);
    }
    let lay: Vec<Arc<Layer>> = layers.iter().map(|(_, l)| l.clone()).collect();
    let manifest = Manifest::for_config(img.config.clone(), &lay);
    let cfg_d = img.config.id();
    let head = send(
        engine,
        &ep,
        "HEAD",
        &format!("/v2/{repo}/blobs/{cfg_d}"),
        Vec::new(),
    )
    .map_err(net)?;
    if head.status != 200 {
        upload(engine, &ep, &repo, &cfg_d, img.config.to_bytes())?;
    }
    let json = manifest.json();
    let r = send(
        engine,
        &ep,
        "PUT",
        &format!("/v2/{repo}/manifests/{tag}"),
        json.clone().into_bytes(),
    )
    .map_err(net)?;
    if r.status != 201 {
        return Err(PushError(error_text(&r)));
    }
    out(&format!(
        "{tag}: digest: {} size: {}",
        manifest.digest,
        json.len()
    ));
    let digest_ref = format!("{}@{}", n.full_name(), manifest.digest);
    let store = &mut engine.host_mut(h).daemon.images;
    store.refs.insert(digest_ref.clone(), id.clone());
    if let Some(i) = store.images.get_mut(&id) {
        if !i.repo_digests.contains(&digest_ref) {
            i.repo_digests.push(digest_ref);
        }
    }
    Ok(manifest.digest)
}

fn upload(
    engine: &mut Engine,
    ep: &Endpoint,
    repo: &str,
    d: &Digest,
    data: Vec<u8>,
) -> Result<(), PushError> {
    let r = send(
        engine,
        ep,
        "POST",
        &format!("/v2/{repo}/blobs/uploads/"),
        Vec::new(),
    )
    .map_err(PushError)?;
    let loc = r
        .headers
        .iter()
        .find(|(k, _)| k == "Location")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let path = match loc.find("/v2/") {
        Some(i) => loc.get(i..).unwrap_or("").to_string(),
        None => loc,
    };
    let r = send(engine, ep, "PUT", &format!("{path}?digest={d}"), data).map_err(PushError)?;
    if r.status != 201 {
        return Err(PushError(error_text(&r)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        assert_eq!(
            base64(b"learner:dockerlings"),
            "bGVhcm5lcjpkb2NrZXJsaW5ncw=="
        );
        assert_eq!(
            unbase64("bGVhcm5lcjpkb2NrZXJsaW5ncw==").unwrap(),
            b"learner:dockerlings"
        );
        assert_eq!(base64(b"ab"), "YWI=");
        assert!(unbase64("!!").is_none());
    }
}
