//! Volume commands: volume ls, create, rm, inspect, prune.
//! Owns the handlers of these commands; their grammar is in `cli::spec`.

use super::container::fmt::{human_size, render_as, render_header, tabwrite};
use super::container::info::{doc, inspect_each};
use super::container::{api, daemon_err};
use super::parse::Invocation;
use crate::cli::container::confirmed;
use crate::engine::clock::rfc3339_secs;
use crate::engine::error::EngineError;
use crate::engine::volume::Volume;
use crate::engine::{runtime, Engine, HostId};
use crate::userland::Output;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Runs the handler named `verb` (the part after `volume.`).
pub fn dispatch(
    engine: &mut Engine,
    h: HostId,
    verb: &str,
    inv: &Invocation,
    out: &mut Output,
) -> i32 {
    runtime::advance(engine, h);
    match verb {
        "ls" => ls(engine, h, inv, out),
        "create" => create(engine, h, inv, out),
        "rm" => rm(engine, h, inv, out),
        "inspect" => inspect(engine, h, inv, out),
        "prune" => prune(engine, h, inv, out),
        _ => {
            out.errln(format!("docker: '{verb}' is not implemented yet"));
            1
        }
    }
}

/// IDs of containers (any state) that mount volume `name`.
fn users(engine: &Engine, h: HostId, name: &str) -> Vec<String> {
    engine
        .host(h)
        .daemon
        .containers
        .by_id
        .values()
        .filter(|c| c.mounts.iter().any(|m| m.name == name))
        .map(|c| c.id.clone())
        .collect()
}

fn ls(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    api(engine, h, "GET", "/volumes", None, 200);
    let filters: Vec<(String, String)> = inv
        .values("filter")
        .iter()
        .filter_map(|f| {
            f.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect();
    let vols: Vec<&Volume> = engine
        .host(h)
        .daemon
        .volumes
        .by_name
        .values()
        .filter(|v| {
            filters.iter().all(|(k, val)| match k.as_str() {
                "dangling" => (val == "true" || val == "1") == users(engine, h, &v.name).is_empty(),
                "name" => v.name.contains(val.as_str()),
                "driver" => &v.driver == val,
                "label" => match val.split_once('=') {
                    Some((a, b)) => v.labels.get(a).is_some_and(|x| x == b),
                    None => v.labels.contains_key(val),
                },
                _ => true,
            })
        })
        .collect();
    if inv.on("quiet") {
        for v in vols {
            out.outln(&v.name);
        }
        return 0;
    }
    let format = inv
        .value("format")
        .unwrap_or("table {{.Driver}}\t{{.Name}}");
    let (table, tpl) = match format.strip_prefix("table") {
        Some(t) => (true, t.trim_start()),
        None => (false, format),
    };
    let mut lines = Vec::new();
    if table {
        lines.push(render_header(tpl, &json!({"Driver": "DRIVER", "Name": "VOLUME NAME", "Mountpoint": "MOUNTPOINT", "Scope": "SCOPE", "Labels": "LABELS", "Size": "SIZE", "Links": "LINKS"})));
    }
    for v in vols {
        let row = json!({
            "Driver": v.driver, "Name": v.name, "Mountpoint": v.mountpoint(), "Scope": "local",
            "Labels": v.labels.iter().map(|(k, x)| format!("{k}={x}")).collect::<Vec<_>>().join(","),
            "Size": "N/A", "Links": "N/A",
        });
        match render_as(tpl, &row, "*formatter.volumeContext") {
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

fn create(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let name = match (inv.args.first(), inv.value("name")) {
        (Some(a), Some(n)) if a != n => {
            out.errln("conflicting options: cannot specify a volume-name through both --name and as a positional arg");
            return 1;
        }
        (Some(a), _) => a.clone(),
        (None, Some(n)) => n.to_string(),
        (None, None) => engine.ids.hex64(),
    };
    let labels: BTreeMap<String, String> = inv
        .values("label")
        .iter()
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    let driver = inv.value("driver").unwrap_or("local");
    let now = engine.now();
    let r = engine
        .host_mut(h)
        .daemon
        .volumes
        .create(&name, driver, labels, false, now)
        .map(|v| v.name.clone());
    let body = json!({"Name": name, "Driver": driver}).to_string();
    match r {
        Ok(n) => {
            api(engine, h, "POST", "/volumes/create", Some(body), 201);
            out.outln(n);
            0
        }
        Err(e) => {
            api(engine, h, "POST", "/volumes/create", Some(body), e.status());
            daemon_err(out, &e);
            1
        }
    }
}

fn rm(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let mut code = 0;
    for name in &inv.args {
        let r = engine
            .host(h)
            .daemon
            .volumes
            .lookup(name)
            .map(|_| ())
            .and_then(|_| {
                let u = users(engine, h, name);
                if u.is_empty() {
                    Ok(())
                } else {
                    Err(EngineError::conflict(format!(
                        "remove {name}: volume is in use - [{}]",
                        u.join(", ")
                    )))
                }
            });
        let q = if inv.on("force") { "?force=1" } else { "" };
        match r {
            Ok(()) => {
                engine.host_mut(h).daemon.volumes.by_name.remove(name);
                api(
                    engine,
                    h,
                    "DELETE",
                    &format!("/volumes/{name}{q}"),
                    None,
                    204,
                );
                out.outln(name);
            }
            Err(e) => {
                api(
                    engine,
                    h,
                    "DELETE",
                    &format!("/volumes/{name}{q}"),
                    None,
                    e.status(),
                );
                if inv.on("force") && e.status() == 404 {
                    continue;
                }
                daemon_err(out, &e);
                code = 1;
            }
        }
    }
    code
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct VolumeJson {
    created_at: String,
    driver: String,
    labels: Option<BTreeMap<String, String>>,
    mountpoint: String,
    name: String,
    options: Option<BTreeMap<String, String>>,
    scope: String,
}

/// The inspect document of volume `name`, if it exists.
pub fn inspect_doc(engine: &Engine, h: HostId, name: &str) -> Option<(Value, String)> {
    let v = engine.host(h).daemon.volumes.by_name.get(name)?;
    let mut labels = v.labels.clone();
    if v.anonymous {
        labels.insert("com.docker.volume.anonymous".into(), String::new());
    }
    doc(&VolumeJson {
        created_at: rfc3339_secs(v.created),
        driver: v.driver.clone(),
        labels: (!labels.is_empty()).then_some(labels),
        mountpoint: v.mountpoint(),
        name: v.name.clone(),
        options: None,
        scope: "local".into(),
    })
}

fn inspect(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    inspect_each(engine, h, inv, out, "volumes", "volume", inspect_doc)
}

fn prune(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let all = inv.on("all");
    let what = if all {
        "all local volumes"
    } else {
        "anonymous local volumes"
    };
    if !inv.on("force")
        && !confirmed(
            inv,
            out,
            &format!("WARNING! This will remove {what} not used by at least one container.\nAre you sure you want to continue? [y/N] "),
            &format!("docker volume prune{}", if all { " -a" } else { "" }),
        )
    {
        return 0;
    }
    api(engine, h, "POST", "/volumes/prune", None, 200);
    let victims: Vec<(String, u64)> = engine
        .host(h)
        .daemon
        .volumes
        .by_name
        .values()
        .filter(|v| (all || v.anonymous) && users(engine, h, &v.name).is_empty())
        .map(|v| (v.name.clone(), v.size()))
        .collect();
    let mut total = 0;
    if !victims.is_empty() {
        out.outln("Deleted Volumes:");
        for (n, s) in &victims {
            engine.host_mut(h).daemon.volumes.by_name.remove(n);
            out.outln(n);
            total += s;
        }
        out.outln("");
    }
    out.outln(format!(
        "Total reclaimed space: {}",
        human_size(total as f64)
    ));
    0
}
