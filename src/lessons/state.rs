//! Read-only views of engine state that checks need, in one place, so the
//! predicates in [`super::eval`] do not depend on how each store is laid
//! out. Where the engine does not (yet) keep a piece of state, the accessor
//! returns "nothing" and says so: a check on it then fails, never passes.

use crate::engine::container::Container;
use crate::engine::image::{Image, ImageStore};
use crate::engine::reference::Reference;
use crate::engine::{Engine, Host};

/// The learner's home directory on a host (`~` in lesson paths): the host
/// shell runs as root.
pub const HOME: &str = "/root";

/// The host called `name`, or the learner's first host when `None`.
pub fn host<'a>(engine: &'a Engine, name: Option<&str>) -> Option<(usize, &'a Host)> {
    match name {
        None => engine.hosts.first().map(|h| (0, h)),
        Some(n) => engine.hosts.iter().enumerate().find(|(_, h)| h.name == n),
    }
}

/// A reference normalised as the daemon stores it
/// (`ubuntu` → `docker.io/library/ubuntu:latest`, `localhost:5000/x:1` kept),
/// by `engine::reference` (distribution/reference's rules). Text that is not
/// a valid reference is returned as is (it then names nothing).
pub fn normalize(r: &str) -> String {
    match Reference::parse_normalized(r) {
        Ok(n) => {
            let n = if n.tag.is_none() && n.digest.is_none() {
                n.with_default_tag()
            } else {
                n
            };
            n.full()
        }
        Err(_) => r.to_string(),
    }
}

/// The image a reference or (short) ID names, as `docker image inspect` finds it.
pub fn image<'a>(store: &'a ImageStore, r: &str) -> Option<&'a Image> {
    if let Some(id) = store.refs.get(&normalize(r)) {
        return store.images.get(id);
    }
    let hex = r.strip_prefix("sha256:").unwrap_or(r);
    if hex.len() < 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut m = store
        .images
        .values()
        .filter(|i| i.id.hex().starts_with(hex));
    match (m.next(), m.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}

/// Whether container `c` was created from the image `r` names.
pub fn container_from(store: &ImageStore, c: &Container, r: &str) -> bool {
    if image(store, r).is_some_and(|i| i.id == c.image) {
        return true;
    }
    if normalize(&c.image_ref) == normalize(r) {
        return true;
    }
    let hex = r.strip_prefix("sha256:").unwrap_or(r);
    hex.len() >= 4 && c.image.hex().starts_with(hex)
}

/// Published ports of a container: (host port, container port).
pub fn published_ports(c: &Container) -> Vec<(u16, u16)> {
    c.published_ports()
}

/// `--cpus` (in CPUs) and `--memory` (bytes) the container runs with.
pub fn limits(c: &Container) -> (Option<f64>, Option<u64>) {
    c.limits()
}

/// Names of the networks a container is attached to.
pub fn networks(c: &Container) -> Vec<String> {
    c.network_names()
}

/// Registries the running daemon accepts over plain HTTP: the
/// `insecure-registries` of `/etc/docker/daemon.json`, if the daemon was
/// (re)started after the file was last written — as with the real dockerd,
/// which reads the file only at start.
pub fn insecure_registries(h: &Host) -> Vec<String> {
    let path = "/etc/docker/daemon.json";
    let Some(mtime) = h.fs.lookup(path).and_then(|e| e.meta()).map(|m| m.mtime) else {
        return Vec::new();
    };
    if h.daemon.started_at / 1000 < mtime {
        return Vec::new();
    }
    let Ok(text) = h.fs.read_text(path) else {
        return Vec::new();
    };
    let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    v.get("insecure-registries")
        .and_then(|a| a.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The registries the client has credentials for: the `auths` keys of
/// `~/.docker/config.json`, as `docker login` writes them.
/// Docker Hub's key is `https://index.docker.io/v1/`.
pub fn logins(h: &Host) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(text) = h.fs.read_text(&format!("{HOME}/.docker/config.json")) else {
        return out;
    };
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
        if let Some(m) = v.get("auths").and_then(|a| a.as_object()) {
            out.extend(m.keys().cloned());
        }
    }
    out
}

/// Whether `registry` (`docker.io`, `registry.cn-hangzhou.aliyuncs.com`,
/// `HOST:PORT`) has `repo` (and `tag`, if given). `repo` is normalised as
/// Docker does (`ubuntu` on Docker Hub is `library/ubuntu`).
pub fn registry_has(engine: &Engine, registry: &str, repo: &str, tag: Option<&str>) -> bool {
    let Ok(r) = Reference::parse_normalized(&format!("{registry}/{repo}")) else {
        return false;
    };
    // Asking a registry is a request over the network (a private registry
    // is a container): ask on a copy so a check never changes the sandbox.
    let mut probe = engine.clone();
    let tags = crate::engine::registry::client::tags(&mut probe, 0, r.domain(), r.repo_path());
    match tag {
        Some(t) => tags.iter().any(|x| x == t),
        None => !tags.is_empty(),
    }
}

/// What the last `docker build` on a host did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildSummary {
    pub ok: bool,
    /// 1-based step numbers answered from the cache.
    pub cached: Vec<usize>,
    /// 1-based step numbers executed.
    pub rebuilt: Vec<usize>,
    /// References tagged.
    pub tags: Vec<String>,
}

/// The daemon's record of its last build (`engine::builder::BuildRecord`).
pub fn last_build(h: &Host) -> Option<BuildSummary> {
    h.daemon.last_build.as_ref().map(|b| BuildSummary {
        ok: b.ok,
        cached: b.cached.clone(),
        rebuilt: b.rebuilt.clone(),
        tags: b.tags.clone(),
    })
}
