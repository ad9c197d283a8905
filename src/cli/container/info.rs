//! Read-mostly container commands: inspect, top, stats, diff, cp, port.

use super::fmt::{bytes_size, human_size, render_as, render_header, tabwrite};
use super::run::must_lookup;
use super::{api, daemon_err};
use crate::cli::parse::Invocation;
use crate::engine::container::inspect::{inspect as container_inspect, to_indented};
use crate::engine::container::{Container, MountKind, Status};
use crate::engine::fs::{path, Entry, UnionFs};
use crate::engine::runtime::{self, Proc};
use crate::engine::{Engine, HostId};
use crate::userland::Output;
use serde_json::Value;

/// The learner's home on the host: relative local paths start there.
pub const HOST_HOME: &str = "/root";

/// `docker inspect` / `docker container inspect` (`only_containers`).
pub fn inspect(
    engine: &mut Engine,
    h: HostId,
    inv: &Invocation,
    out: &mut Output,
    only_containers: bool,
) -> i32 {
    let kind = inv.value("type").unwrap_or("");
    if !only_containers
        && !matches!(
            kind,
            "" | "container"
                | "image"
                | "network"
                | "volume"
                | "config"
                | "node"
                | "plugin"
                | "secret"
                | "service"
                | "task"
        )
    {
        out.errln(format!("\"{kind}\" is not a valid value for --type"));
        return 1;
    }
    let size = inv.on("size");
    let mut docs: Vec<(Value, String)> = Vec::new();
    let mut errors = Vec::new();
    for key in &inv.args {
        let mut found = None;
        if only_containers || kind.is_empty() || kind == "container" {
            let id = engine.host(h).daemon.containers.find_id(key);
            let path = format!(
                "/containers/{key}/json{}",
                if size { "?size=1" } else { "" }
            );
            api(
                engine,
                h,
                "GET",
                &path,
                None,
                if id.is_some() { 200 } else { 404 },
            );
            if let Some(id) = id {
                found = container_inspect(engine, h, &id, size);
            }
        }
        if found.is_none() && !only_containers && (kind.is_empty() || kind == "image") {
            found = super::image_inspect_doc(engine, h, key);
        }
        if found.is_none() && !only_containers && (kind.is_empty() || kind == "network") {
            found = super::super::network::inspect_doc(engine, h, key);
        }
        if found.is_none() && !only_containers && (kind.is_empty() || kind == "volume") {
            found = super::super::volume::inspect_doc(engine, h, key);
        }
        match found {
            Some(d) => docs.push(d),
            None => errors.push(match (only_containers, kind) {
                (true, _) | (false, "container") => format!("Error: No such container: {key}"),
                (false, "image") => {
                    format!("Error: No such image: {}", super::familiar_with_tag(key))
                }
                (false, "network") => format!("Error: No such network: {key}"),
                (false, "volume") => format!("Error: No such volume: {key}"),
                _ => format!("Error: No such object: {key}"),
            }),
        }
    }
    print_docs(&docs, inv.value("format"), out);
    for e in &errors {
        out.errln(e);
    }
    if errors.is_empty() {
        0
    } else {
        1
    }
}

/// `docker network inspect` / `docker volume inspect`: looks up each
/// argument with `find` (recording `GET /<api_path>/<key>`), prints what was
/// found, then `Error: No such <noun>: <key>` for the rest.
pub fn inspect_each(
    engine: &mut Engine,
    h: HostId,
    inv: &Invocation,
    out: &mut Output,
    api_path: &str,
    noun: &str,
    find: fn(&Engine, HostId, &str) -> Option<(Value, String)>,
) -> i32 {
    let mut docs = Vec::new();
    let mut errs = Vec::new();
    for key in &inv.args {
        let d = find(engine, h, key);
        super::api(
            engine,
            h,
            "GET",
            &format!("/{api_path}/{key}"),
            None,
            if d.is_some() { 200 } else { 404 },
        );
        match d {
            Some(d) => docs.push(d),
            None => errs.push(format!("Error: No such {noun}: {key}")),
        }
    }
    print_docs(&docs, inv.value("format"), out);
    for e in &errs {
        out.errln(e);
    }
    i32::from(!errs.is_empty())
}

/// Prints inspect documents: an indented JSON array, or one template
/// rendering per document (`-f`). With `-f` and nothing found, an empty
/// line.
pub fn print_docs(docs: &[(Value, String)], format: Option<&str>, out: &mut Output) {
    match format.filter(|f| !f.is_empty() && *f != "json") {
        None => {
            if docs.is_empty() {
                out.outln("[]");
                return;
            }
            let items: Vec<String> = docs
                .iter()
                .map(|(_, text)| {
                    text.lines()
                        .map(|l| format!("    {l}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect();
            out.outln(format!("[\n{}\n]", items.join(",\n")));
        }
        Some(f) => {
            if docs.is_empty() {
                out.outln("");
            }
            for (v, _) in docs {
                match super::fmt::render_lenient(f, v) {
                    Ok(s) => out.outln(s),
                    Err(e) => out.errln(e.0),
                }
            }
        }
    }
}

/// Ordered JSON text of any serialisable inspect document.
pub fn doc<T: serde::Serialize>(v: &T) -> Option<(Value, String)> {
    Some((serde_json::to_value(v).ok()?, to_indented(v)))
}

fn running_or_err(engine: &mut Engine, h: HostId, key: &str, out: &mut Output) -> Option<String> {
    let id = must_lookup(engine, h, key, out)?;
    let c = engine.host(h).daemon.containers.by_id.get(&id)?;
    if !matches!(c.state.status, Status::Running | Status::Paused) {
        out.errln(format!(
            "Error response from daemon: container {id} is not running"
        ));
        return None;
    }
    Some(id)
}

/// `docker top C`.
pub fn top(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let key = &inv.args[0];
    let Some(id) = running_or_err(engine, h, key, out) else {
        return 1;
    };
    api(
        engine,
        h,
        "GET",
        &format!("/containers/{key}/top"),
        None,
        200,
    );
    let Some(c) = engine.host(h).daemon.containers.by_id.get(&id) else {
        return 1;
    };
    let (_, t) = crate::engine::clock::civil(c.state.started_at);
    let stime = t.get(..5).unwrap_or("00:00").to_string();
    let tty = if c.tty { "pts/0" } else { "?" };
    let mut lines = vec!["UID\tPID\tPPID\tC\tSTIME\tTTY\tTIME\tCMD".to_string()];
    let user = if c.config.user.is_empty() {
        "root"
    } else {
        c.config.user.as_str()
    };
    let pid = c.state.pid + 20_000;
    let cmdline = std::iter::once(c.path.clone())
        .chain(c.args.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    lines.push(format!(
        "{user}\t{pid}\t{}\t0\t{stime}\t{tty}\t00:00:00\t{cmdline}",
        pid - 23
    ));
    for (i, ex) in c.execs.values().enumerate() {
        lines.push(format!(
            "{user}\t{}\t{}\t0\t{stime}\tpts/{}\t00:00:00\t{}",
            pid + 40 + i as u32,
            pid - 23,
            i + 1,
            ex.argv.join(" ")
        ));
    }
    out.out(tabwrite(&lines, 20));
    0
}

/// Memory a container's processes use (deterministic figures).
fn mem_usage(c: &Container) -> u64 {
    let base: u64 = match &c.process {
        Some(Proc::Script(_)) | Some(Proc::Spinning) => 544_768,
        Some(Proc::Interactive(_)) => 1_085_440,
        Some(Proc::Service(_)) => 7_340_032,
        None if c.state.pid != 0 => 7_340_032,
        _ => 0,
    };
    base + c.size_rw() / 2 + 262_144 * c.execs.len() as u64
}

/// The host's memory (what `docker stats` shows as LIMIT without `-m`).
pub const HOST_MEMORY: u64 = 8_232_833_024;

/// `docker stats [--no-stream] [-a] [C…]`: one sample (script mode and the
/// browser print a single table and return).
pub fn stats(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let now = engine.now();
    let ids: Vec<String> = if inv.args.is_empty() {
        engine
            .host(h)
            .daemon
            .containers
            .newest_first()
            .into_iter()
            .filter(|c| inv.on("all") || c.state.is_running())
            .map(|c| c.id.clone())
            .collect()
    } else {
        let mut v = Vec::new();
        for key in &inv.args {
            match engine.host(h).daemon.containers.find_id(key) {
                Some(id) => v.push(id),
                None => {
                    out.errln(format!(
                        "Error response from daemon: No such container: {key}"
                    ));
                    return 1;
                }
            }
        }
        v
    };
    let no_trunc = inv.on("no-trunc");
    let mut rows = Vec::new();
    for id in &ids {
        api(
            engine,
            h,
            "GET",
            &format!("/containers/{id}/stats?stream=0"),
            None,
            200,
        );
        let Some(c) = engine.host(h).daemon.containers.by_id.get(id) else {
            continue;
        };
        let running = c.state.is_running();
        let usage = if running { mem_usage(c) } else { 0 };
        let limit = if !running {
            0
        } else if c.host_config.memory > 0 {
            c.host_config.memory as u64
        } else {
            HOST_MEMORY
        };
        let up = ((now - c.state.started_at).max(0) / 1000) as u64;
        let rx = if running { 746 + 62 * up.min(600) } else { 0 };
        let perc = |x: f64| format!("{x:.2}%");
        rows.push(serde_json::json!({
            "ID": if no_trunc { c.id.clone() } else { c.short_id().to_string() },
            "Container": c.short_id(),
            "Name": if running || inv.on("all") { c.name.clone() } else { "--".into() },
            "CPUPerc": perc(0.0),
            "MemUsage": format!("{} / {}", bytes_size(usage as f64), bytes_size(limit as f64)),
            "MemPerc": perc(if limit > 0 { usage as f64 * 100.0 / limit as f64 } else { 0.0 }),
            "NetIO": format!("{} / {}", human_size(rx as f64), human_size(0.0)),
            "BlockIO": format!("{} / {}", human_size(0.0), human_size(if running { c.size_rw() as f64 } else { 0.0 })),
            "PIDs": if running { (1 + c.execs.len()).to_string() } else { "0".into() },
        }));
    }
    let format = inv.value("format").unwrap_or("table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}");
    let header = serde_json::json!({
        "ID": "CONTAINER ID", "Container": "CONTAINER", "Name": "NAME", "CPUPerc": "CPU %",
        "MemUsage": "MEM USAGE / LIMIT", "MemPerc": "MEM %", "NetIO": "NET I/O",
        "BlockIO": "BLOCK I/O", "PIDs": "PIDS",
    });
    let (table, tpl) = match format.strip_prefix("table") {
        Some(t) => (true, t.trim_start()),
        None => (false, format),
    };
    let mut lines = Vec::new();
    if table {
        lines.push(render_header(tpl, &header));
    }
    for r in &rows {
        match render_as(tpl, r, "*container.statsContext") {
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

/// `docker diff C`.
pub fn diff(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let key = &inv.args[0];
    let Some(id) = must_lookup(engine, h, key, out) else {
        return 1;
    };
    api(
        engine,
        h,
        "GET",
        &format!("/containers/{key}/changes"),
        None,
        200,
    );
    let Some(c) = engine.host(h).daemon.containers.by_id.get(&id) else {
        return 1;
    };
    let dests: Vec<&str> = c.mounts.iter().map(|m| m.destination.as_str()).collect();
    let related = |p: &str| {
        dests
            .iter()
            .any(|d| *d == p || d.starts_with(&format!("{p}/")))
    };
    let changes = c.fs.diff();
    let hidden = ["/etc/hosts", "/etc/hostname", "/etc/resolv.conf"];
    for ch in &changes {
        if hidden.contains(&ch.path.as_str()) {
            continue;
        }
        if related(&ch.path) {
            let other_below = changes.iter().any(|o| {
                o.path.starts_with(&format!("{}/", ch.path))
                    && !related(&o.path)
                    && !hidden.contains(&o.path.as_str())
            });
            if !other_below {
                continue;
            }
        }
        if ch.path == "/etc"
            && !changes
                .iter()
                .any(|o| o.path.starts_with("/etc/") && !hidden.contains(&o.path.as_str()))
        {
            continue;
        }
        out.outln(format!("{} {}", ch.kind.letter(), ch.path));
    }
    0
}

/// Size of the tar stream `docker cp` sends for these entries.
fn tar_size(items: &[(String, Entry)]) -> u64 {
    let mut n = 1024;
    for (_, e) in items {
        n += 512;
        if let Entry::File { content, .. } = e {
            n += content.size().div_ceil(512) * 512;
        }
    }
    n
}

/// Copies `items` (rooted at `src_root`) into `dst_fs` at `dst`.
fn put_tree(
    dst_fs: &mut UnionFs,
    src_root: &str,
    items: Vec<(String, Entry)>,
    dst: &str,
) -> Result<(), String> {
    for (p, e) in items {
        let rel = &p[src_root.len().min(p.len())..];
        let target = path::normalize(&format!("{dst}{rel}"));
        if matches!(e, Entry::Dir { .. }) && dst_fs.is_dir(&target) {
            continue;
        }
        let e = match e {
            Entry::Dir { meta, .. } => Entry::Dir {
                meta,
                opaque: false,
            },
            e => e,
        };
        dst_fs.put(&target, e).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Works out where `src` (a dir or not) lands for destination `dst` in
/// `fs`, following `docker cp`'s rules. `Err` is the error text.
fn landing(
    fs: &UnionFs,
    src: &str,
    src_is_dir: bool,
    dst: &str,
    contents_only: bool,
) -> Result<String, String> {
    let d = path::normalize(dst);
    let dst_is_dir = fs.is_dir(&fs.resolve(&d, true).unwrap_or(d.clone()));
    if dst_is_dir {
        if src_is_dir && contents_only {
            return Ok(d);
        }
        return Ok(path::child(&d, path::file_name(src)));
    }
    if fs.lookup(&d).is_some() && src_is_dir {
        return Err("cannot copy a directory to a file".into());
    }
    if dst.ends_with('/') {
        return Err(format!("{dst}: no such directory"));
    }
    if !fs.is_dir(path::parent(&d)) {
        return Err(format!("{}: no such file or directory", path::parent(&d)));
    }
    Ok(d)
}

/// `docker cp C:SRC DEST` and `docker cp SRC C:DEST`.
pub fn cp(engine: &mut Engine, h: HostId, inv: &Invocation, cwd: &str, out: &mut Output) -> i32 {
    let split = |a: &str| -> (Option<String>, String) {
        if a.starts_with('/') || a.starts_with('.') {
            return (None, a.to_string());
        }
        match a.split_once(':') {
            Some((c, p)) => (Some(c.to_string()), p.to_string()),
            None => (None, a.to_string()),
        }
    };
    let (sc, sp) = split(&inv.args[0]);
    let (dc, dp) = split(&inv.args[1]);
    let quiet = inv.on("quiet");
    match (sc, dc) {
        (Some(_), Some(_)) => {
            out.errln("copying between containers is not supported");
            1
        }
        (None, None) => {
            out.errln("must specify at least one container source");
            1
        }
        (Some(key), None) => {
            let Some(id) = must_lookup(engine, h, &key, out) else {
                return 1;
            };
            let src = path::join("/", &sp);
            let contents_only = sp.ends_with("/.");
            let got = runtime::with_sys(engine, h, &id, |sys, _| {
                use crate::userland::Sys;
                let (fs, inner) = sys.fs_for_ref(&src);
                let inner = fs.resolve(&inner, false).unwrap_or(inner);
                fs.walk(&inner).ok().map(|items| (inner, items))
            })
            .flatten();
            let Some((root, items)) = got else {
                api(
                    engine,
                    h,
                    "GET",
                    &format!("/containers/{key}/archive?path={sp}"),
                    None,
                    404,
                );
                out.errln(format!(
                    "Error response from daemon: Could not find the file {src} in container {key}"
                ));
                return 1;
            };
            api(
                engine,
                h,
                "GET",
                &format!("/containers/{key}/archive?path={sp}"),
                None,
                200,
            );
            let size = tar_size(&items);
            let src_is_dir = items.first().is_some_and(|(_, e)| e.is_dir());
            let local = path::join(cwd, &dp);
            let host_fs = &mut engine.host_mut(h).fs;
            let dest = match landing(host_fs, &src, src_is_dir, &dp_abs(cwd, &dp), contents_only) {
                Ok(d) => d,
                Err(e) => {
                    out.errln(e);
                    return 1;
                }
            };
            if let Err(e) = put_tree(host_fs, &root, items, &dest) {
                out.errln(e);
                return 1;
            }
            if !quiet {
                out.errln(format!(
                    "Successfully copied {} to {local}",
                    human_size(size as f64)
                ));
            }
            0
        }
        (None, Some(key)) => {
            let Some(id) = must_lookup(engine, h, &key, out) else {
                return 1;
            };
            let local = path::join(cwd, &sp);
            let host_fs = &engine.host(h).fs;
            let Ok(items) = host_fs.walk(&local) else {
                out.errln(format!("lstat {local}: no such file or directory"));
                return 1;
            };
            let contents_only = sp.ends_with("/.");
            let size = tar_size(&items);
            let src_is_dir = items.first().is_some_and(|(_, e)| e.is_dir());
            let dst = path::join("/", &dp);
            let r = runtime::with_sys(engine, h, &id, |sys, _| {
                use crate::userland::Sys;
                let (fs, inner) = sys.fs_for(&dst);
                let dest = landing(fs, &local, src_is_dir, &inner, contents_only)?;
                put_tree(fs, &local, items, &dest)
            });
            let status = if matches!(r, Some(Ok(()))) { 200 } else { 400 };
            api(
                engine,
                h,
                "PUT",
                &format!("/containers/{key}/archive?path={dp}"),
                None,
                status,
            );
            match r {
                Some(Ok(())) => {
                    if !quiet {
                        out.errln(format!(
                            "Successfully copied {} to {key}:{dp}",
                            human_size(size as f64)
                        ));
                    }
                    0
                }
                Some(Err(e)) => {
                    daemon_err(out, &crate::engine::EngineError::bad_request(e));
                    1
                }
                None => 1,
            }
        }
    }
}

fn dp_abs(cwd: &str, p: &str) -> String {
    let j = path::join(cwd, p);
    if p.ends_with('/') && j != "/" {
        format!("{j}/")
    } else {
        j
    }
}

/// `docker port C [PORT[/PROTO]]`.
pub fn port(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let key = &inv.args[0];
    let Some(id) = must_lookup(engine, h, key, out) else {
        return 1;
    };
    let Some(c) = engine.host(h).daemon.containers.by_id.get(&id) else {
        return 1;
    };
    let join = |ip: &str, p: u16| {
        if ip.contains(':') {
            format!("[{ip}]:{p}")
        } else {
            format!("{ip}:{p}")
        }
    };
    if let Some(want) = inv.args.get(1) {
        let want = if want.contains('/') {
            want.clone()
        } else {
            format!("{want}/tcp")
        };
        let hits: Vec<String> = c
            .ports
            .iter()
            .filter(|p| p.container_port == want)
            .map(|p| join(&p.host_ip, p.host_port))
            .collect();
        if hits.is_empty() {
            out.errln(format!(
                "Error: No public port '{want}' published for {key}"
            ));
            return 1;
        }
        for l in hits {
            out.outln(l);
        }
        return 0;
    }
    for p in &c.ports {
        out.outln(format!(
            "{} -> {}",
            p.container_port,
            join(&p.host_ip, p.host_port)
        ));
    }
    let _ = MountKind::Bind;
    0
}
