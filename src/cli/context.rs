//! `docker context`: create, ls, inspect, use, rm, show. Contexts are the
//! client's files, as docker/cli keeps them: `~/.docker/contexts/meta/
//! <sha256 of the name>/meta.json` and `currentContext` in
//! `~/.docker/config.json`. The `default` context is built in: its host is
//! `DOCKER_HOST` or the local socket.

use super::builder::ClientEnv;
use super::client::{normalize_host, DEFAULT_HOST};
use super::container::fmt::tabwrite;
use super::parse::{Globals, Invocation};
use crate::engine::fs::{path, Content};
use crate::engine::{Engine, HostId};
use crate::userland::Output;
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256};

const DEFAULT_DESCRIPTION: &str = "Current DOCKER_HOST based configuration";

/// A stored context's endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    pub name: String,
    pub description: String,
    pub host: String,
}

fn home(env: &ClientEnv) -> String {
    env.vars
        .iter()
        .rev()
        .find(|(k, _)| k == "HOME")
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "/root".into())
}

fn meta_dir(env: &ClientEnv, name: &str) -> String {
    let hex: String = Sha256::digest(name.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{}/.docker/contexts/meta/{hex}", home(env))
}

fn config_path(env: &ClientEnv) -> String {
    format!("{}/.docker/config.json", home(env))
}

fn read_config(engine: &Engine, h: HostId, env: &ClientEnv) -> Value {
    engine
        .host(h)
        .fs
        .read_text(&config_path(env))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| json!({"auths": {}}))
}

/// Go's `json.MarshalIndent(v, "", "\t")`.
fn tab_indented(v: &Value) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"\t");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    let _ = serde::Serialize::serialize(v, &mut ser);
    String::from_utf8_lossy(&buf).into_owned()
}

fn write(engine: &mut Engine, h: HostId, p: &str, text: &str) {
    let now = engine.clock.now_secs();
    let fs = &mut engine.host_mut(h).fs;
    let _ = fs.mkdir_all(path::parent(p), 0o700, now);
    let _ = fs.write_file(p, Content::text(text), now);
}

/// `currentContext` of the client's config, if set.
pub fn config_current(engine: &Engine, h: HostId, env: &ClientEnv) -> Option<String> {
    read_config(engine, h, env)
        .get("currentContext")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Reads context `name` (`Err`: docker/cli's "context not found" text).
pub fn load(engine: &Engine, h: HostId, env: &ClientEnv, name: &str) -> Result<Meta, String> {
    let file = format!("{}/meta.json", meta_dir(env, name));
    let text = engine.host(h).fs.read_text(&file).map_err(|_| {
        format!("context \"{name}\": context not found: open {file}: no such file or directory")
    })?;
    let v: Value = serde_json::from_str(&text).unwrap_or_default();
    Ok(Meta {
        name: name.into(),
        description: v["Metadata"]["Description"].as_str().unwrap_or("").into(),
        host: v["Endpoints"]["docker"]["Host"]
            .as_str()
            .unwrap_or("")
            .into(),
    })
}

/// Every stored context, sorted by name.
fn list(engine: &Engine, h: HostId, env: &ClientEnv) -> Vec<Meta> {
    let dir = format!("{}/.docker/contexts/meta", home(env));
    let fs = &engine.host(h).fs;
    let mut out: Vec<Meta> = fs
        .read_dir(&dir)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|d| fs.read_text(&format!("{dir}/{}/meta.json", d.name)).ok())
        .filter_map(|t| serde_json::from_str::<Value>(&t).ok())
        .filter_map(|v| {
            Some(Meta {
                name: v["Name"].as_str()?.to_string(),
                description: v["Metadata"]["Description"].as_str().unwrap_or("").into(),
                host: v["Endpoints"]["docker"]["Host"]
                    .as_str()
                    .unwrap_or("")
                    .into(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// `default` as the client sees it now.
fn default_meta(env: &ClientEnv) -> Meta {
    let host = env
        .vars
        .iter()
        .rev()
        .find(|(k, _)| k == "DOCKER_HOST")
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
        .and_then(|v| normalize_host(&v).ok())
        .unwrap_or_else(|| DEFAULT_HOST.into());
    Meta {
        name: "default".into(),
        description: DEFAULT_DESCRIPTION.into(),
        host,
    }
}

fn valid_name(n: &str) -> bool {
    let mut chars = n.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && n.len() >= 2
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.+-".contains(c))
}

/// Runs `docker context <verb>`.
pub fn dispatch(
    engine: &mut Engine,
    h: HostId,
    verb: &str,
    inv: &Invocation,
    globals: &Globals,
    env: &ClientEnv,
    out: &mut Output,
) -> i32 {
    match verb {
        "create" => create(engine, h, inv, env, out),
        "ls" => ls(engine, h, inv, globals, env, out),
        "inspect" => inspect(engine, h, inv, globals, env, out),
        "use" => use_(engine, h, inv, env, out),
        "rm" => rm(engine, h, inv, globals, env, out),
        "show" => {
            out.outln(super::client::current_context(engine, h, globals, env));
            0
        }
        _ => {
            out.errln(format!(
                "dockerlings: docker context {verb} is not available in this sandbox"
            ));
            2
        }
    }
}

fn create(
    engine: &mut Engine,
    h: HostId,
    inv: &Invocation,
    env: &ClientEnv,
    out: &mut Output,
) -> i32 {
    let name = inv.args[0].as_str();
    if inv.value("from").is_some() {
        out.errln("dockerlings: docker context create: the --from option is not available in this sandbox");
        return 2;
    }
    if !valid_name(name) {
        out.errln(format!("context name \"{name}\" is invalid, names are validated against regexp \"^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$\""));
        return 1;
    }
    if name == "default" || load(engine, h, env, name).is_ok() {
        out.errln(format!("context \"{name}\" already exists"));
        return 1;
    }
    let mut host = DEFAULT_HOST.to_string();
    for d in inv.values("docker") {
        for kv in d.split(',') {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            match k {
                // Stored as typed; the client normalises it when it connects.
                "host" => match normalize_host(v) {
                    Ok(_) => host = v.to_string(),
                    Err(e) => {
                        out.errln(format!("unable to create docker endpoint config: unable to apply docker endpoint options: {e}"));
                        return 1;
                    }
                },
                "skip-tls-verify" | "ca" | "cert" | "key" | "from" => {
                    out.errln(format!("dockerlings: docker context create: the --docker {k}= option is not available in this sandbox"));
                    return 2;
                }
                other => {
                    out.errln(format!(
                        "unable to create docker endpoint config: unrecognized config key: {other}"
                    ));
                    return 1;
                }
            }
        }
    }
    let mut metadata = serde_json::Map::new();
    if let Some(d) = inv.value("description").filter(|d| !d.is_empty()) {
        metadata.insert("Description".into(), json!(d));
    }
    let doc = format!(
        "{{\"Name\":{},\"Metadata\":{},\"Endpoints\":{{\"docker\":{{\"Host\":{},\"SkipTLSVerify\":false}}}}}}",
        json!(name),
        Value::Object(metadata),
        json!(host)
    );
    write(
        engine,
        h,
        &format!("{}/meta.json", meta_dir(env, name)),
        &doc,
    );
    out.outln(name);
    out.errln(format!("Successfully created context \"{name}\""));
    0
}

fn rows(engine: &Engine, h: HostId, env: &ClientEnv) -> Vec<Meta> {
    let mut all = vec![default_meta(env)];
    all.extend(list(engine, h, env));
    all
}

fn ls(
    engine: &mut Engine,
    h: HostId,
    inv: &Invocation,
    globals: &Globals,
    env: &ClientEnv,
    out: &mut Output,
) -> i32 {
    if inv.value("format").is_some_and(|f| !f.is_empty()) {
        out.errln(
            "dockerlings: docker context ls: the --format option is not available in this sandbox",
        );
        return 2;
    }
    let current = super::client::current_context(engine, h, globals, env);
    let all = rows(engine, h, env);
    if inv.on("quiet") {
        for m in &all {
            out.outln(&m.name);
        }
        return 0;
    }
    let mut lines = vec!["NAME\tDESCRIPTION\tDOCKER ENDPOINT\tERROR".to_string()];
    for m in &all {
        let star = if m.name == current { " *" } else { "" };
        lines.push(format!("{}{star}\t{}\t{}\t", m.name, m.description, m.host));
    }
    out.out(tabwrite(&lines, 0));
    let has_dh = env
        .vars
        .iter()
        .any(|(k, v)| k == "DOCKER_HOST" && !v.is_empty());
    if has_dh && globals.value("context").is_none() {
        out.errln("Warning: DOCKER_HOST environment variable overrides the active context. To use a context, either set the global --context flag, or unset DOCKER_HOST environment variable.");
    }
    0
}

fn inspect(
    engine: &mut Engine,
    h: HostId,
    inv: &Invocation,
    globals: &Globals,
    env: &ClientEnv,
    out: &mut Output,
) -> i32 {
    if inv.value("format").is_some_and(|f| !f.is_empty()) {
        out.errln("dockerlings: docker context inspect: the --format option is not available in this sandbox");
        return 2;
    }
    let names: Vec<String> = if inv.args.is_empty() {
        vec![super::client::current_context(engine, h, globals, env)]
    } else {
        inv.args.clone()
    };
    let mut docs = Vec::new();
    let mut code = 0;
    for n in &names {
        let (meta, paths) = if n == "default" {
            (default_meta(env), None)
        } else {
            match load(engine, h, env, n) {
                Ok(m) => {
                    let dir = meta_dir(env, n);
                    let tls = dir.replace("/contexts/meta/", "/contexts/tls/");
                    (m, Some((dir, tls)))
                }
                Err(e) => {
                    out.errln(e);
                    code = 1;
                    continue;
                }
            }
        };
        let (mp, tp) = paths.unwrap_or_else(|| ("<IN MEMORY>".into(), "<IN MEMORY>".into()));
        let metadata = if meta.description.is_empty() || meta.name == "default" {
            json!({})
        } else {
            json!({"Description": meta.description})
        };
        docs.push(format!(
            "    {{\n        \"Name\": {},\n        \"Metadata\": {},\n        \"Endpoints\": {{\n            \"docker\": {{\n                \"Host\": {},\n                \"SkipTLSVerify\": false\n            }}\n        }},\n        \"TLSMaterial\": {{}},\n        \"Storage\": {{\n            \"MetadataPath\": {},\n            \"TLSPath\": {}\n        }}\n    }}",
            json!(meta.name),
            indent_object(&metadata),
            json!(meta.host),
            go_json_string(&mp),
            go_json_string(&tp)
        ));
    }
    if docs.is_empty() {
        out.outln("[]");
    } else {
        out.outln(format!("[\n{}\n]", docs.join(",\n")));
    }
    code
}

/// `{}` or a one-key object indented at the depth of `Metadata`.
fn indent_object(v: &Value) -> String {
    match v.as_object() {
        Some(m) if !m.is_empty() => {
            let inner: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("            {}: {}", json!(k), v))
                .collect();
            format!("{{\n{}\n        }}", inner.join(",\n"))
        }
        _ => "{}".into(),
    }
}

/// Go's JSON string (HTML-escapes `<`, `>`, `&`).
fn go_json_string(s: &str) -> String {
    json!(s)
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn use_(
    engine: &mut Engine,
    h: HostId,
    inv: &Invocation,
    env: &ClientEnv,
    out: &mut Output,
) -> i32 {
    if inv.args.len() != 1 {
        out.errln("\"docker context use\" requires exactly 1 argument.\nSee 'docker context use --help'.\n\nUsage:  docker context use CONTEXT\n\nSet the current docker context");
        return 1;
    }
    let name = inv.args[0].as_str();
    if name != "default" {
        if let Err(e) = load(engine, h, env, name) {
            out.errln(e);
            return 1;
        }
    }
    let mut cfg = read_config(engine, h, env);
    if let Some(m) = cfg.as_object_mut() {
        if name == "default" {
            m.remove("currentContext");
        } else {
            m.insert("currentContext".into(), json!(name));
        }
    }
    let text = tab_indented(&cfg);
    write(engine, h, &config_path(env), &text);
    out.outln(name);
    out.errln(format!("Current context is now \"{name}\""));
    if env
        .vars
        .iter()
        .any(|(k, v)| k == "DOCKER_HOST" && !v.is_empty())
    {
        out.errln("Warning: DOCKER_HOST environment variable overrides the active context. To use a context, either set the global --context flag, or unset DOCKER_HOST environment variable.");
    }
    0
}

fn rm(
    engine: &mut Engine,
    h: HostId,
    inv: &Invocation,
    globals: &Globals,
    env: &ClientEnv,
    out: &mut Output,
) -> i32 {
    let current = super::client::current_context(engine, h, globals, env);
    let mut code = 0;
    for name in &inv.args {
        if name == "default" {
            out.errln("default: context \"default\" cannot be removed");
            code = 1;
            continue;
        }
        if load(engine, h, env, name).is_err() {
            out.errln(format!("context \"{name}\" does not exist"));
            code = 1;
            continue;
        }
        if *name == current && !inv.on("force") {
            out.errln(format!(
                "context \"{name}\" is in use, set -f flag to force remove"
            ));
            code = 1;
            continue;
        }
        let dir = meta_dir(env, name);
        let _ = engine.host_mut(h).fs.remove(&dir, true);
        if *name == current {
            let mut cfg = read_config(engine, h, env);
            if let Some(m) = cfg.as_object_mut() {
                m.remove("currentContext");
            }
            let text = tab_indented(&cfg);
            write(engine, h, &config_path(env), &text);
        }
        out.outln(name);
    }
    code
}
