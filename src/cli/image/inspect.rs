//! `docker image inspect`: the image document in Docker's field order.

use super::*;

/// The `GET /images/{name}/json` body (Docker 28, classic store).
pub fn inspect_json(engine: &Engine, h: HostId, id: &Digest) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let store = &engine.hosts[h].daemon.images;
    let Some(img) = store.images.get(id) else {
        return Value::Null;
    };
    let c = &img.config.config;
    let mut cfg = Map::new();
    if !c.user.is_empty() {
        cfg.insert("User".into(), json!(c.user));
    }
    if !c.exposed_ports.is_empty() {
        cfg.insert("ExposedPorts".into(), json!(c.exposed_ports));
    }
    if !c.env.is_empty() {
        cfg.insert("Env".into(), json!(c.env));
    }
    if let Some(e) = &c.entrypoint {
        cfg.insert("Entrypoint".into(), json!(e));
    }
    if let Some(e) = &c.cmd {
        cfg.insert("Cmd".into(), json!(e));
    }
    if !c.volumes.is_empty() {
        cfg.insert("Volumes".into(), json!(c.volumes));
    }
    if !c.working_dir.is_empty() {
        cfg.insert("WorkingDir".into(), json!(c.working_dir));
    }
    if !c.labels.is_empty() {
        cfg.insert("Labels".into(), json!(c.labels));
    }
    if !c.stop_signal.is_empty() {
        cfg.insert("StopSignal".into(), json!(c.stop_signal));
    }
    if let Some(hc) = &c.healthcheck {
        cfg.insert("Healthcheck".into(), hc.clone());
    }
    if !c.on_build.is_empty() {
        cfg.insert("OnBuild".into(), json!(c.on_build));
    }
    if let Some(s) = &c.shell {
        cfg.insert("Shell".into(), json!(s));
    }
    let layers: Vec<String> = img
        .config
        .rootfs
        .diff_ids
        .iter()
        .map(|d| d.to_string())
        .collect();
    let chains = ops::chain_ids(&img.config.rootfs.diff_ids);
    let dir = |d: &Digest| {
        format!(
            "/var/lib/docker/overlay2/{}",
            &crate::engine::digest::sha256_hex(d.as_str().as_bytes())
        )
    };
    let mut gd = Map::new();
    if let Some((top, lower)) = chains.split_last() {
        if !lower.is_empty() {
            gd.insert(
                "LowerDir".into(),
                json!(lower
                    .iter()
                    .rev()
                    .map(|c| format!("{}/diff", dir(c)))
                    .collect::<Vec<_>>()
                    .join(":")),
            );
        }
        gd.insert("MergedDir".into(), json!(format!("{}/merged", dir(top))));
        gd.insert("UpperDir".into(), json!(format!("{}/diff", dir(top))));
        gd.insert("WorkDir".into(), json!(format!("{}/work", dir(top))));
    }
    let comment = img
        .config
        .history
        .last()
        .map(|e| e.comment.clone())
        .unwrap_or_default();
    json!({
        "Id": id.as_str(),
        "RepoTags": ops::repo_tags(engine, h, id),
        "RepoDigests": ops::repo_digests(engine, h, id),
        "Parent": img.parent.as_ref().map(|p| p.to_string()).unwrap_or_default(),
        "Comment": if img.parent.is_some() { comment } else { String::new() },
        "Created": img.config.created,
        "Author": img.config.author,
        "Config": Value::Object(cfg),
        "Architecture": img.config.architecture,
        "Os": img.config.os,
        "Size": store.size_of(id),
        "GraphDriver": {"Data": Value::Object(gd), "Name": "overlay2"},
        "RootFS": {"Type": "layers", "Layers": layers},
        "Metadata": {"LastTagTime": "0001-01-01T00:00:00Z"},
    })
}

/// Field order of the image inspect structs (`image.InspectResponse`,
/// `DockerOCIImageConfig`, `GraphDriverData`, `RootFS`, `Metadata`).
pub const INSPECT_ORDER: &[&str] = &[
    "Id",
    "RepoTags",
    "RepoDigests",
    "Parent",
    "Comment",
    "Created",
    "DockerVersion",
    "Author",
    "Config",
    "Architecture",
    "Variant",
    "Os",
    "OsVersion",
    "Size",
    "GraphDriver",
    "RootFS",
    "Metadata",
    "User",
    "ExposedPorts",
    "Env",
    "Entrypoint",
    "Cmd",
    "Volumes",
    "WorkingDir",
    "Labels",
    "StopSignal",
    "ArgsEscaped",
    "Healthcheck",
    "OnBuild",
    "Shell",
    "Data",
    "Name",
    "Type",
    "Layers",
    "LastTagTime",
];

pub(super) fn inspect(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let format = inv.value("format").filter(|f| !f.is_empty());
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for a in &inv.args {
        let path = format!("/images/{a}/json");
        match ops::resolve_image(engine, h, a) {
            Ok(id) => {
                record(engine, h, "GET", path, 200);
                found.push(inspect_json(engine, h, &id));
            }
            Err(e) => {
                record(engine, h, "GET", path, 404);
                errors.push(e);
            }
        }
    }
    match format {
        None => {
            let arr = serde_json::Value::Array(found);
            out.outln(fmt::go_json_indent(&arr, INSPECT_ORDER));
        }
        Some("json") => {
            for v in &found {
                out.outln(serde_json::to_string(v).unwrap_or_default());
            }
        }
        Some(f) => {
            if found.is_empty() {
                out.outln("");
            }
            for v in &found {
                match crate::cli::format::template::render(f, v) {
                    Ok(t) => out.outln(t),
                    Err(e) => {
                        out.errln(format!("template parsing error: {e}"));
                        return 1;
                    }
                }
            }
        }
    }
    for e in &errors {
        out.errln(format!("Error response from daemon: {e}"));
    }
    if errors.is_empty() {
        0
    } else {
        1
    }
}
