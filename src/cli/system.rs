//! System commands: `docker version` (`GET /version`), `docker info` /
//! `docker system info` (`GET /info`), rendered from the daemon's answers
//! as docker/cli does, and the answer for commands the sandbox parses but
//! does not run (plugins, swarm …).

use super::client::Client;
use super::commands::{CLIENT_COMMIT, CLIENT_VERSION};
use super::format::table::tabwrite_with;
use super::format::template::{ExecOptions, Template};
use super::format::units::bytes_size;
use super::parse::Invocation;
use crate::engine::api::API_VERSION;
use crate::engine::{Engine, HostId};
use crate::userland::Output;
use serde_json::{json, Value};

use crate::engine::api::system::{GO_VERSION, PLATFORM};
/// Build time of the 28.5.2 client.
const BUILT: &str = crate::engine::api::system::BUILT;
const BUILDX_VERSION: &str = "v0.29.1";

/// Runs the handler named `verb` (the part after `system.`).
pub fn dispatch(
    engine: &mut Engine,
    h: HostId,
    verb: &str,
    inv: &Invocation,
    out: &mut Output,
) -> i32 {
    match verb {
        "version" | "info" => {
            let c = Client::local(h);
            if verb == "version" {
                version(engine, "default", Ok(&c), inv, out)
            } else {
                info(engine, "default", Ok(&c), inv, out)
            }
        }
        _ => unsupported(inv, out),
    }
}

/// Commands the sandbox parses but does not run: what this daemon (not in
/// a swarm, not experimental) answers, else a clear note.
fn unsupported(inv: &Invocation, out: &mut Output) -> i32 {
    const NO_MANAGER: &str = "Error response from daemon: This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.";
    let path = inv.cmd.path;
    let group = path.split(' ').next().unwrap_or("");
    match group {
        "checkpoint" => {
            out.errln(format!(
                "docker {path} is only supported on a Docker daemon with experimental features enabled"
            ));
            1
        }
        "config" | "node" | "secret" | "service" | "stack" => {
            out.errln(NO_MANAGER);
            1
        }
        "swarm" if matches!(path, "swarm leave" | "swarm unlock") => {
            out.errln("Error response from daemon: This node is not part of a swarm");
            1
        }
        "swarm" if path != "swarm init" && path != "swarm join" => {
            out.errln(NO_MANAGER);
            1
        }
        _ => {
            out.errln(format!(
                "docker: '{}' is not available in this sandbox\n\nRun 'docker --help' to see the commands it offers",
                inv.command_path()
            ));
            1
        }
    }
}

/// `docker version`: the Client section, then the Server section from
/// `GET /version` (or the connection error), or `--format`.
pub fn version(
    engine: &mut Engine,
    context: &str,
    client: Result<&Client, String>,
    inv: &Invocation,
    out: &mut Output,
) -> i32 {
    let context = context.to_string();
    let server: Result<Value, String> = match &client {
        Ok(c) => c
            .json(engine, "GET", "/version", None)
            .map(|b| serde_json::from_slice(&b).unwrap_or_default())
            .map_err(|(_, m)| format!("Error response from daemon: {m}")),
        Err(e) => Err(e.clone()),
    };
    if let Some(f) = inv.value("format").filter(|f| !f.is_empty()) {
        let v = version_value(&context, server.as_ref().ok());
        let code = print_format(f, &v, Formatted::Version, out);
        if let Err(e) = &server {
            out.errln(e);
            return 1;
        }
        return code;
    }
    let rows = |pairs: &[(&str, String)], indent: &str| -> String {
        pairs
            .iter()
            .map(|(k, val)| {
                let cell = format!("{indent}{k}:");
                format!("{cell:<20}{val}\n")
            })
            .collect()
    };
    let mut s = format!("Client: {PLATFORM}\n");
    s.push_str(&rows(
        &[
            ("Version", CLIENT_VERSION.into()),
            ("API version", API_VERSION.into()),
            ("Go version", GO_VERSION.into()),
            ("Git commit", CLIENT_COMMIT.into()),
            ("Built", BUILT.into()),
            ("OS/Arch", "linux/amd64".into()),
            ("Context", context),
        ],
        " ",
    ));
    let v = match server {
        Ok(v) => v,
        Err(e) => {
            out.out(s);
            out.errln(e);
            return 1;
        }
    };
    let g = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let platform = v["Platform"]["Name"].as_str().unwrap_or("");
    s.push_str(&format!("\nServer: {platform}\n"));
    let comps = v["Components"].as_array().cloned().unwrap_or_default();
    for c in &comps {
        let d = &c["Details"];
        if c["Name"] == "Engine" {
            s.push_str(" Engine:\n");
            s.push_str(&rows(
                &[
                    ("Version", g(c, "Version")),
                    (
                        "API version",
                        format!(
                            "{} (minimum version {})",
                            g(d, "ApiVersion"),
                            g(d, "MinAPIVersion")
                        ),
                    ),
                    ("Go version", g(d, "GoVersion")),
                    ("Git commit", g(d, "GitCommit")),
                    ("Built", g(d, "BuildTime")),
                    ("OS/Arch", format!("{}/{}", g(d, "Os"), g(d, "Arch"))),
                    ("Experimental", g(d, "Experimental")),
                ],
                "  ",
            ));
        } else {
            s.push_str(&format!(" {}:\n", g(c, "Name")));
            s.push_str(&rows(
                &[
                    ("Version", g(c, "Version")),
                    ("GitCommit", g(d, "GitCommit")),
                ],
                "  ",
            ));
        }
    }
    out.out(s);
    0
}

/// The `docker version` data as the CLI's `versionInfo` (for `--format`):
/// the client part and the daemon's `GET /version` answer.
fn version_value(context: &str, server: Option<&Value>) -> Value {
    json!({
        "Client": {
            "Platform": {"Name": PLATFORM},
            "Version": CLIENT_VERSION,
            "ApiVersion": API_VERSION,
            "DefaultAPIVersion": API_VERSION,
            "GitCommit": CLIENT_COMMIT,
            "GoVersion": GO_VERSION,
            "Os": "linux",
            "Arch": "amd64",
            "BuildTime": BUILT,
            "Context": context
        },
        "Server": server.cloned().unwrap_or(Value::Null)
    })
}

/// `docker info`'s data: the daemon's `GET /info` plus the client part.
fn info_value(server: Value, context: &str) -> Value {
    let mut base = server;
    if let Value::Object(a) = &mut base {
        a.insert(
            "ClientInfo".into(),
            json!({
                "Debug": false,
                "Version": CLIENT_VERSION,
                "GitCommit": CLIENT_COMMIT,
                "GoVersion": GO_VERSION,
                "Os": "linux",
                "Arch": "amd64",
                "BuildTime": BUILT,
                "Context": context,
                "Plugins": [{
                    "SchemaVersion": "0.1.0",
                    "Vendor": "Docker Inc.",
                    "Version": BUILDX_VERSION,
                    "ShortDescription": "Docker Buildx",
                    "Name": "buildx",
                    "Path": "/usr/libexec/docker/cli-plugins/docker-buildx"
                }],
                "Warnings": null
            }),
        );
    }
    base
}

/// `docker info` (and `docker system info`).
pub fn info(
    engine: &mut Engine,
    context: &str,
    client: Result<&Client, String>,
    inv: &Invocation,
    out: &mut Output,
) -> i32 {
    let context = context.to_string();
    let server: Result<Value, String> = match &client {
        Ok(c) => c
            .json(engine, "GET", "/info", None)
            .map(|b| serde_json::from_slice(&b).unwrap_or_default())
            .map_err(|(_, m)| format!("Error response from daemon: {m}")),
        Err(e) => Err(e.clone()),
    };
    let v = match server {
        Ok(v) => info_value(v, &context),
        Err(e) => {
            out.out(client_info_text(&context));
            out.out("\nServer:\n");
            out.errln(e);
            return 1;
        }
    };
    if let Some(f) = inv.value("format").filter(|f| !f.is_empty()) {
        return print_format(f, &v, Formatted::Info, out);
    }
    let g = |k: &str| go_string(v.get(k).unwrap_or(&Value::Null));
    let list = |k: &str| -> Vec<String> {
        v.get(k)
            .and_then(Value::as_array)
            .map(|a| a.iter().map(go_string).collect())
            .unwrap_or_default()
    };
    let mut s = client_info_text(&context);
    s.push_str("\nServer:\n");
    s.push_str(&format!(" Containers: {}\n", g("Containers")));
    s.push_str(&format!("  Running: {}\n", g("ContainersRunning")));
    s.push_str(&format!("  Paused: {}\n", g("ContainersPaused")));
    s.push_str(&format!("  Stopped: {}\n", g("ContainersStopped")));
    s.push_str(&format!(" Images: {}\n", g("Images")));
    s.push_str(&format!(" Server Version: {}\n", g("ServerVersion")));
    s.push_str(&format!(" Storage Driver: {}\n", g("Driver")));
    for pair in v
        .get("DriverStatus")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some([a, b]) = pair.as_array().map(Vec::as_slice) {
            s.push_str(&format!("  {}: {}\n", go_string(a), go_string(b)));
        }
    }
    s.push_str(&format!(" Logging Driver: {}\n", g("LoggingDriver")));
    s.push_str(&format!(" Cgroup Driver: {}\n", g("CgroupDriver")));
    s.push_str(&format!(" Cgroup Version: {}\n", g("CgroupVersion")));
    let plugins = |k: &str| -> String {
        v["Plugins"][k]
            .as_array()
            .map(|a| a.iter().map(go_string).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    s.push_str(" Plugins:\n");
    s.push_str(&format!("  Volume: {}\n", plugins("Volume")));
    s.push_str(&format!("  Network: {}\n", plugins("Network")));
    s.push_str(&format!("  Log: {}\n", plugins("Log")));
    s.push_str(" CDI spec directories:\n");
    for d in list("CDISpecDirs") {
        s.push_str(&format!("  {d}\n"));
    }
    s.push_str(" Swarm: inactive\n");
    s.push_str(" Runtimes: io.containerd.runc.v2 runc\n Default Runtime: runc\n");
    s.push_str(" Init Binary: docker-init\n");
    let commit = |k: &str| v[k]["ID"].as_str().unwrap_or("").to_string();
    s.push_str(&format!(
        " containerd version: {}\n",
        commit("ContainerdCommit")
    ));
    s.push_str(&format!(" runc version: {}\n", commit("RuncCommit")));
    s.push_str(&format!(" init version: {}\n", commit("InitCommit")));
    s.push_str(" Security Options:\n  apparmor\n  seccomp\n   Profile: builtin\n  cgroupns\n");
    s.push_str(&format!(" Kernel Version: {}\n", g("KernelVersion")));
    s.push_str(&format!(" Operating System: {}\n", g("OperatingSystem")));
    s.push_str(&format!(" OSType: {}\n", g("OSType")));
    s.push_str(&format!(" Architecture: {}\n", g("Architecture")));
    s.push_str(&format!(" CPUs: {}\n", g("NCPU")));
    s.push_str(&format!(
        " Total Memory: {}\n",
        bytes_size(v["MemTotal"].as_f64().unwrap_or(0.0))
    ));
    s.push_str(&format!(" Name: {}\n", g("Name")));
    s.push_str(&format!(" ID: {}\n", g("ID")));
    s.push_str(&format!(" Docker Root Dir: {}\n", g("DockerRootDir")));
    s.push_str(&format!(" Debug Mode: {}\n", g("Debug")));
    let labels = list("Labels");
    if !labels.is_empty() {
        s.push_str(" Labels:\n");
        for l in labels {
            s.push_str(&format!("  {l}\n"));
        }
    }
    s.push_str(&format!(" Experimental: {}\n", g("ExperimentalBuild")));
    let reg = &v["RegistryConfig"];
    s.push_str(" Insecure Registries:\n");
    if let Some(m) = reg["IndexConfigs"].as_object() {
        for (name, c) in m {
            if c["Secure"].as_bool() == Some(false) {
                s.push_str(&format!("  {name}\n"));
            }
        }
    }
    for c in reg["InsecureRegistryCIDRs"]
        .as_array()
        .into_iter()
        .flatten()
    {
        s.push_str(&format!("  {}\n", go_string(c)));
    }
    let mirrors: Vec<String> = reg["Mirrors"]
        .as_array()
        .map(|a| a.iter().map(go_string).collect())
        .unwrap_or_default();
    if !mirrors.is_empty() {
        s.push_str(" Registry Mirrors:\n");
        for m in mirrors {
            s.push_str(&format!("  {m}\n"));
        }
    }
    s.push_str(&format!(
        " Live Restore Enabled: {}\n\n",
        g("LiveRestoreEnabled")
    ));
    out.out(s);
    0
}

/// The Client section of `docker info`.
fn client_info_text(context: &str) -> String {
    let mut s = format!("Client: {PLATFORM}\n");
    s.push_str(&format!(" Version:    {CLIENT_VERSION}\n"));
    s.push_str(&format!(
        " Context:    {context}\n Debug Mode: false\n Plugins:\n"
    ));
    s.push_str("  buildx: Docker Buildx (Docker Inc.)\n");
    s.push_str(&format!("    Version:  {BUILDX_VERSION}\n"));
    s.push_str("    Path:     /usr/libexec/docker/cli-plugins/docker-buildx\n");
    s
}

/// Which command's `--format` is being rendered (docker/cli renders
/// `version` through a tabwriter and names different Go types in errors).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Formatted {
    Version,
    Info,
}

/// Prints `--format` output as docker/cli does: `json` is `{{json .}}`; a
/// template that does not parse is `template parsing error: …` (exit 64);
/// an execution error prints what was written so far, then the error.
fn print_format(format: &str, v: &Value, what: Formatted, out: &mut Output) -> i32 {
    let format = if format == "json" {
        "{{json .}}"
    } else {
        format
    };
    let tmpl = match Template::parse(format) {
        Ok(t) => t,
        Err(e) => {
            out.errln(format!("template parsing error: {e}"));
            return 64;
        }
    };
    let opts = ExecOptions {
        struct_type: Some(
            match what {
                Formatted::Version => "system.versionInfo",
                Formatted::Info => "system.dockerInfo",
            }
            .to_string(),
        ),
        header: false,
        nil_repr: None,
    };
    let (text, err) = match tmpl.execute(v, &opts) {
        Ok(t) => (t, None),
        Err((partial, e)) => (partial, Some(e)),
    };
    let text = format!("{text}\n");
    match what {
        Formatted::Version => out.out(tabwrite_with(&text, 20, 1)),
        Formatted::Info => out.out(text),
    }
    match err {
        None => 0,
        Some(e) => {
            out.errln(e.to_string());
            1
        }
    }
}

/// How Go's `fmt.Print` shows a JSON value decoded into Go types.
fn go_string(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(go_string).collect::<Vec<_>>().join(" ")
        ),
        Value::Object(m) => format!(
            "map[{}]",
            m.iter()
                .map(|(k, v)| format!("{k}:{}", go_string(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}
