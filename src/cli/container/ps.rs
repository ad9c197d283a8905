//! `docker ps`: the daemon's list (newest first, filters) rendered with the
//! CLI's column rules (docker-reference.md §A2).

use super::fmt::{human_size, render_as, render_header, tabwrite};
use super::{api, normalize_ref};
use crate::cli::parse::Invocation;
use crate::engine::clock::civil;
use crate::engine::container::{human_duration, Container, Status};
use crate::engine::{Engine, HostId};
use crate::userland::Output;
use serde_json::{json, Value};

const DEFAULT_FORMAT: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

pub use crate::cli::format::gofmt::quote as go_quote;
pub use crate::cli::format::table::ellipsis;

/// A published or exposed port as the API lists it.
struct Port {
    ip: String,
    private: u32,
    public: u32,
    proto: String,
}

fn join_host_port(ip: &str, port: &str) -> String {
    if ip.contains(':') {
        format!("[{ip}]:{port}")
    } else {
        format!("{ip}:{port}")
    }
}

/// `DisplayablePorts` of docker/cli 28.
fn displayable_ports(mut ports: Vec<Port>) -> String {
    ports.sort_by(|a, b| {
        a.private
            .cmp(&b.private)
            .then(a.ip.cmp(&b.ip))
            .then(a.public.cmp(&b.public))
            .then(a.proto.cmp(&b.proto))
    });
    let mut groups: Vec<(String, u32, u32)> = Vec::new();
    let mut result = Vec::new();
    let mut host_mappings = Vec::new();
    let form = |key: &str, first: u32, last: u32| {
        let (ip, ty) = match key.rsplit_once('/') {
            Some((ip, ty)) if !ip.is_empty() => (ip.to_string(), ty.to_string()),
            _ => (String::new(), key.trim_start_matches('/').to_string()),
        };
        let mut g = first.to_string();
        if first != last {
            g = format!("{g}-{last}");
        }
        if !ip.is_empty() {
            g = format!("{}->{g}", join_host_port(&ip, &g));
        }
        format!("{g}/{ty}")
    };
    for p in &ports {
        let mut key = format!("/{}", p.proto);
        if !p.ip.is_empty() {
            if p.public != p.private {
                host_mappings.push(format!(
                    "{}->{}/{}",
                    join_host_port(&p.ip, &p.public.to_string()),
                    p.private,
                    p.proto
                ));
                continue;
            }
            key = format!("{}/{}", p.ip, p.proto);
        }
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            None => groups.push((key, p.private, p.private)),
            Some(g) => {
                if p.private == g.2 + 1 {
                    g.2 = p.private;
                } else {
                    result.push(form(&g.0, g.1, g.2));
                    g.1 = p.private;
                    g.2 = p.private;
                }
            }
        }
    }
    for (k, f, l) in &groups {
        result.push(form(k, *f, *l));
    }
    result.extend(host_mappings);
    result.join(", ")
}

/// The PORTS column of a container.
pub fn ports_column(c: &Container) -> String {
    let mode = c.host_config.network_mode.as_str();
    if !c.state.is_running() || mode == "host" || mode == "none" {
        return String::new();
    }
    let mut ports = Vec::new();
    for a in &c.ports {
        let (n, proto) = a
            .container_port
            .split_once('/')
            .unwrap_or((&a.container_port, "tcp"));
        ports.push(Port {
            ip: a.host_ip.clone(),
            private: n.parse().unwrap_or(0),
            public: a.host_port as u32,
            proto: proto.to_string(),
        });
    }
    for p in c.config.exposed_ports.keys() {
        if c.ports.iter().any(|a| &a.container_port == p) {
            continue;
        }
        let (n, proto) = p.split_once('/').unwrap_or((p, "tcp"));
        ports.push(Port {
            ip: String::new(),
            private: n.parse().unwrap_or(0),
            public: 0,
            proto: proto.to_string(),
        });
    }
    displayable_ports(ports)
}

/// The IMAGE column: the reference as created, or the image ID when that
/// reference no longer points at the container's image.
pub fn image_column(engine: &Engine, h: HostId, c: &Container) -> String {
    let store = &engine.host(h).daemon.images;
    let r = &c.image_ref;
    let is_id = c
        .image
        .hex()
        .starts_with(r.strip_prefix("sha256:").unwrap_or(r));
    if is_id {
        return c.image.short().to_string();
    }
    match store.refs.get(&normalize_ref(r)) {
        Some(d) if *d == c.image => {
            let n = normalize_ref(r);
            let n = n.split('@').next().unwrap_or(&n).to_string();
            let fam = n
                .strip_prefix("docker.io/library/")
                .or_else(|| n.strip_prefix("docker.io/"))
                .unwrap_or(&n);
            let typed_tag = r.rsplit('/').next().is_some_and(|l| l.contains(':'));
            if typed_tag {
                fam.to_string()
            } else {
                fam.strip_suffix(":latest").unwrap_or(fam).to_string()
            }
        }
        _ => c.image.short().to_string(),
    }
}

/// Docker's `CreatedAt` text: `2025-01-01 00:00:01 +0000 UTC`.
pub fn created_at(ms: i64) -> String {
    let (d, t) = civil(ms);
    format!("{d} {t} +0000 UTC")
}

fn row(engine: &Engine, h: HostId, c: &Container, no_trunc: bool, size: bool) -> Value {
    let now = engine.now();
    let cmd = c.command_line();
    let cmd = if no_trunc { cmd } else { ellipsis(&cmd, 20) };
    let labels: Vec<String> = c
        .config
        .labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let mounts: Vec<String> = c
        .mounts
        .iter()
        .map(|m| {
            if m.name.is_empty() {
                m.source.clone()
            } else {
                m.name.clone()
            }
        })
        .map(|n| if no_trunc { n } else { ellipsis(&n, 15) })
        .collect();
    let size_text = if size {
        let rw = c.size_rw();
        let virt = rw + engine.host(h).daemon.images.size_of(&c.image);
        format!(
            "{} (virtual {})",
            human_size(rw as f64),
            human_size(virt as f64)
        )
    } else {
        String::new()
    };
    json!({
        "ID": if no_trunc { c.id.clone() } else { c.short_id().to_string() },
        "Image": image_column(engine, h, c),
        "Command": go_quote(&cmd),
        "CreatedAt": created_at(c.created),
        "RunningFor": format!("{} ago", human_duration(now - c.created)),
        "Ports": ports_column(c),
        "State": c.state.status.as_str(),
        "Status": c.state.describe(now),
        "Size": size_text,
        "Names": c.name,
        "Labels": labels.join(","),
        "Mounts": mounts.join(","),
        "Networks": c.networks.keys().cloned().collect::<Vec<_>>().join(","),
        "LocalVolumes": c.mounts.iter().filter(|m| m.kind == crate::engine::container::MountKind::Volume).count().to_string(),
    })
}

fn header() -> Value {
    json!({
        "ID": "CONTAINER ID", "Image": "IMAGE", "Command": "COMMAND", "CreatedAt": "CREATED AT",
        "RunningFor": "CREATED", "Ports": "PORTS", "State": "STATE", "Status": "STATUS",
        "Size": "SIZE", "Names": "NAMES", "Labels": "LABELS", "Mounts": "MOUNTS",
        "Networks": "NETWORKS", "LocalVolumes": "LOCAL VOLUMES",
    })
}

/// Whether a container passes one `-f key=value` filter.
fn passes(engine: &Engine, h: HostId, c: &Container, key: &str, val: &str) -> bool {
    match key {
        "status" => Status::parse(val) == Some(c.state.status),
        "name" => c.name.contains(val.trim_start_matches('/')),
        "id" => c.id.starts_with(val),
        "ancestor" => {
            super::resolve_image(engine, h, val).is_some_and(|d| d == c.image)
                || c.image.hex().starts_with(val)
        }
        "label" => match val.split_once('=') {
            Some((k, v)) => c.config.labels.get(k).is_some_and(|x| x == v),
            None => c.config.labels.contains_key(val),
        },
        "exited" => {
            c.state.status == Status::Exited && val.parse::<i32>().ok() == Some(c.state.exit_code)
        }
        "network" => {
            c.networks.keys().any(|n| n == val)
                || c.networks.values().any(|e| e.network_id.starts_with(val))
        }
        "volume" => c
            .mounts
            .iter()
            .any(|m| m.name == val || m.destination == val),
        "publish" | "expose" => c.ports.iter().any(|p| {
            p.container_port == val
                || p.container_port == format!("{val}/tcp")
                || p.host_port.to_string() == val
        }),
        "before" | "since" => {
            let store = &engine.host(h).daemon.containers;
            match store.find(val) {
                Some(r) if key == "before" => (c.created, c.seq) < (r.created, r.seq),
                Some(r) => (c.created, c.seq) > (r.created, r.seq),
                None => false,
            }
        }
        "health" | "isolation" | "is-task" => true,
        _ => false,
    }
}

const FILTER_KEYS: &[&str] = &[
    "ancestor",
    "before",
    "expose",
    "exited",
    "health",
    "id",
    "isolation",
    "is-task",
    "label",
    "name",
    "network",
    "publish",
    "since",
    "status",
    "volume",
];

/// `docker ps`.
pub fn ps(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let mut filters = Vec::new();
    for f in inv.values("filter") {
        let Some((k, v)) = f.split_once('=') else {
            out.errln(format!("invalid argument \"{f}\" for \"-f, --filter\" flag: bad format of filter (expected name=value)"));
            return 125;
        };
        let k = k.to_ascii_lowercase();
        if !FILTER_KEYS.contains(&k.as_str()) {
            api(engine, h, "GET", "/containers/json", None, 400);
            out.errln(format!("Error response from daemon: invalid filter '{k}'"));
            return 1;
        }
        if k == "status" && Status::parse(v).is_none() {
            api(engine, h, "GET", "/containers/json", None, 400);
            out.errln(format!(
                "Error response from daemon: invalid filter 'status={v}'"
            ));
            return 1;
        }
        filters.push((k, v.to_string()));
    }
    let last: i64 = match inv.value("last").map(str::parse::<i64>) {
        None => -1,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            let v = inv.value("last").unwrap_or_default();
            out.errln(format!("invalid argument \"{v}\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"{v}\": invalid syntax"));
            return 125;
        }
    };
    let last = if inv.on("latest") { 1 } else { last };
    let all =
        inv.on("all") || last > 0 || filters.iter().any(|(k, _)| k == "status" || k == "exited");
    let mut q = Vec::new();
    if all {
        q.push("all=1".to_string());
    }
    if last > 0 {
        q.push(format!("limit={last}"));
    }
    if inv.on("size") {
        q.push("size=1".to_string());
    }
    let path = if q.is_empty() {
        "/containers/json".to_string()
    } else {
        format!("/containers/json?{}", q.join("&"))
    };
    // The daemon answers the list (`GET /containers/json`); the rows are
    // rendered from the containers it named.
    let listed: std::collections::HashSet<String> =
        match super::client(h).json(engine, "GET", &path, None) {
            Ok(body) => crate::cli::client::ids(&body),
            Err((_, msg)) => {
                out.errln(format!("Error response from daemon: {msg}"));
                return 1;
            }
        };
    let mut list: Vec<&Container> = engine
        .host(h)
        .daemon
        .containers
        .newest_first()
        .into_iter()
        .filter(|c| listed.contains(&c.id))
        .collect();
    // Filters of one key are OR-ed, different keys AND-ed.
    let keys: Vec<&String> = {
        let mut k: Vec<&String> = filters.iter().map(|(k, _)| k).collect();
        k.dedup();
        k
    };
    list.retain(|c| {
        keys.iter().all(|k| {
            filters
                .iter()
                .filter(|(fk, _)| fk == *k)
                .any(|(fk, v)| passes(engine, h, c, fk, v))
        })
    });
    if last > 0 {
        list.truncate(last as usize);
    }
    let no_trunc = inv.on("no-trunc");
    if inv.on("quiet") {
        for c in &list {
            out.outln(if no_trunc {
                c.id.as_str()
            } else {
                c.short_id()
            });
        }
        return 0;
    }
    let size = inv.on("size");
    let mut format = inv.value("format").unwrap_or("").to_string();
    if format.is_empty() || format == "table" {
        format = DEFAULT_FORMAT.to_string();
        if size {
            format.push_str("\t{{.Size}}");
        }
    }
    let rows: Vec<Value> = list
        .iter()
        .map(|c| row(engine, h, c, no_trunc, size))
        .collect();
    if format == "json" {
        for r in &rows {
            out.outln(serde_json::to_string(r).unwrap_or_default());
        }
        return 0;
    }
    let (table, tpl) = match format.strip_prefix("table") {
        Some(t) => (true, t.trim_start().to_string()),
        None => (false, format.clone()),
    };
    let mut lines = Vec::new();
    if table {
        lines.push(render_header(&tpl, &header()));
    }
    for r in &rows {
        match render_as(&tpl, r, "*formatter.ContainerContext") {
            Ok(l) => lines.push(l),
            Err(e) => {
                out.errln(e.0);
                return 1;
            }
        }
    }
    if table {
        out.out(tabwrite(&lines, 10));
    } else {
        for l in lines {
            out.outln(l);
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_column() {
        assert_eq!(
            go_quote(&ellipsis(
                "/docker-entrypoint.sh nginx -g 'daemon off;'",
                20
            )),
            "\"/docker-entrypoint.…\""
        );
        assert_eq!(
            go_quote(&ellipsis(
                "sh -c 'while true; do echo hi; sleep 1; done'",
                20
            )),
            "\"sh -c 'while true; …\""
        );
        assert_eq!(go_quote(&ellipsis("sleep 3600", 20)), "\"sleep 3600\"");
    }

    #[test]
    fn ports() {
        let p = |ip: &str, private, public| Port {
            ip: ip.into(),
            private,
            public,
            proto: "tcp".into(),
        };
        assert_eq!(
            displayable_ports(vec![p("0.0.0.0", 80, 8080), p("::", 80, 8080)]),
            "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp"
        );
        assert_eq!(displayable_ports(vec![p("", 80, 0)]), "80/tcp");
        assert_eq!(
            displayable_ports(vec![p("", 8000, 0), p("", 8001, 0), p("", 8002, 0)]),
            "8000-8002/tcp"
        );
        assert_eq!(
            displayable_ports(vec![p("0.0.0.0", 80, 80)]),
            "0.0.0.0:80->80/tcp"
        );
    }
}
