//! System commands: `docker version`, `docker info` / `docker system info`,
//! and the answer for commands the sandbox parses but does not run
//! (contexts, plugins, swarm …). Outputs come from the engine's state; each
//! request the client makes is recorded in the daemon's API log.

use super::commands::{CLIENT_COMMIT, CLIENT_VERSION};
use super::format::table::tabwrite_with;
use super::format::template::{ExecOptions, Template};
use super::format::units::bytes_size;
use super::parse::Invocation;
use crate::engine::api::API_VERSION;
use crate::engine::container::state::Status;
use crate::engine::{Engine, HostId};
use crate::userland::Output;
use serde_json::{json, Map, Value};
use sha2::{Digest as _, Sha256};

/// The platform name both sections of `docker version` show.
const PLATFORM: &str = "Docker Engine - Community";
/// Go toolchain of the 28.5.2 release builds.
const GO_VERSION: &str = "go1.24.9";
/// Build time of the 28.5.2 release builds (Go's `time.ANSIC` layout).
const BUILT: &str = "Wed Nov  5 14:43:25 2025";
/// The engine's git commit (moby/moby v28.5.2).
const ENGINE_COMMIT: &str = "89c5e8f";
/// The oldest API version the daemon accepts.
const MIN_API_VERSION: &str = "1.24";
const CONTAINERD_VERSION: &str = "v1.7.29";
const CONTAINERD_COMMIT: &str = "442cb34bda9a6a0fed82a2ca7cade05c5c749582";
const RUNC_VERSION: &str = "1.3.3";
const RUNC_COMMIT: &str = "v1.3.3-0-gd842d771";
const INIT_VERSION: &str = "0.19.0";
const INIT_COMMIT: &str = "de40ad0";
const BUILDX_VERSION: &str = "v0.29.1";
/// What the simulated machines run.
const KERNEL_VERSION: &str = "6.8.0-88-generic";
const OPERATING_SYSTEM: &str = "Ubuntu 24.04.3 LTS";
const NCPU: u64 = 4;
const MEM_TOTAL: u64 = 8_322_985_984;

/// Runs the handler named `verb` (the part after `system.`).
pub fn dispatch(
    engine: &mut Engine,
    h: HostId,
    verb: &str,
    inv: &Invocation,
    out: &mut Output,
) -> i32 {
    match verb {
        "version" => version(engine, h, inv, out),
        "info" => info(engine, h, inv, out),
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

/// `docker version`: the Client and Server sections, or `--format`.
fn version(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    engine
        .host_mut(h)
        .daemon
        .api
        .record("GET", "/version", None, 200);
    let v = version_value();
    if let Some(f) = inv.value("format").filter(|f| !f.is_empty()) {
        return print_format(f, &v, Formatted::Version, out);
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
            ("Context", "default".into()),
        ],
        " ",
    ));
    s.push_str(&format!("\nServer: {PLATFORM}\n Engine:\n"));
    s.push_str(&rows(
        &[
            ("Version", CLIENT_VERSION.into()),
            (
                "API version",
                format!("{API_VERSION} (minimum version {MIN_API_VERSION})"),
            ),
            ("Go version", GO_VERSION.into()),
            ("Git commit", ENGINE_COMMIT.into()),
            ("Built", BUILT.into()),
            ("OS/Arch", "linux/amd64".into()),
            ("Experimental", "false".into()),
        ],
        "  ",
    ));
    for (name, ver, commit) in [
        ("containerd", CONTAINERD_VERSION, CONTAINERD_COMMIT),
        ("runc", RUNC_VERSION, RUNC_COMMIT),
        ("docker-init", INIT_VERSION, INIT_COMMIT),
    ] {
        s.push_str(&format!(" {name}:\n"));
        s.push_str(&rows(
            &[("Version", ver.into()), ("GitCommit", commit.into())],
            "  ",
        ));
    }
    out.out(s);
    0
}

/// The `docker version` data as the CLI's `versionInfo` (for `--format`).
fn version_value() -> Value {
    let component = |name: &str, ver: &str, commit: &str| json!({"Name": name, "Version": ver, "Details": {"GitCommit": commit}});
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
            "Context": "default"
        },
        "Server": {
            "Platform": {"Name": PLATFORM},
            "Components": [
                {
                    "Name": "Engine",
                    "Version": CLIENT_VERSION,
                    "Details": {
                        "ApiVersion": API_VERSION,
                        "Arch": "amd64",
                        "BuildTime": BUILT,
                        "Experimental": "false",
                        "GitCommit": ENGINE_COMMIT,
                        "GoVersion": GO_VERSION,
                        "KernelVersion": KERNEL_VERSION,
                        "MinAPIVersion": MIN_API_VERSION,
                        "Os": "linux"
                    }
                },
                component("containerd", CONTAINERD_VERSION, CONTAINERD_COMMIT),
                component("runc", RUNC_VERSION, RUNC_COMMIT),
                component("docker-init", INIT_VERSION, INIT_COMMIT)
            ],
            "Version": CLIENT_VERSION,
            "ApiVersion": API_VERSION,
            "MinAPIVersion": MIN_API_VERSION,
            "GitCommit": ENGINE_COMMIT,
            "GoVersion": GO_VERSION,
            "Os": "linux",
            "Arch": "amd64",
            "KernelVersion": KERNEL_VERSION,
            "BuildTime": BUILT
        }
    })
}

/// The daemon's settings from `/etc/docker/daemon.json` on the host (empty
/// when the file is missing or not a JSON object).
fn daemon_config(engine: &Engine, h: HostId) -> Map<String, Value> {
    engine
        .host(h)
        .fs
        .read_text("/etc/docker/daemon.json")
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|v| match v {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .unwrap_or_default()
}

fn strings_of(cfg: &Map<String, Value>, key: &str) -> Vec<String> {
    cfg.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether an insecure-registries entry is a CIDR (`10.0.0.0/8`) rather
/// than a `host[:port]`.
fn is_cidr(s: &str) -> bool {
    s.split_once('/').is_some_and(|(ip, bits)| {
        bits.parse::<u8>().is_ok() && (ip.contains(':') || ip.split('.').count() == 4)
    })
}

/// The daemon ID: a UUID derived from the host, stable across runs.
fn daemon_id(engine: &Engine, h: HostId) -> String {
    let host = engine.host(h);
    let d = Sha256::digest(format!("dockerd:{}:{}", host.name, host.ip).as_bytes());
    let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// `docker info`'s data as the Engine API's `GET /info` plus the client part.
fn info_value(engine: &Engine, h: HostId) -> Value {
    let host = engine.host(h);
    let d = &host.daemon;
    let count = |s: Status| {
        d.containers
            .by_id
            .values()
            .filter(|c| c.state.status == s)
            .count()
    };
    let running = count(Status::Running) + count(Status::Restarting);
    let paused = count(Status::Paused);
    let total = d.containers.by_id.len();
    let cfg = daemon_config(engine, h);
    let mut insecure_names = Vec::new();
    let mut cidrs = Vec::new();
    let mut all = strings_of(&cfg, "insecure-registries");
    all.push("::1/128".into());
    all.push("127.0.0.0/8".into());
    for r in all {
        if is_cidr(&r) {
            if !cidrs.contains(&r) {
                cidrs.push(r);
            }
        } else if !insecure_names.contains(&r) {
            insecure_names.push(r);
        }
    }
    insecure_names.sort();
    let mut index_configs = Map::new();
    index_configs.insert(
        "docker.io".into(),
        json!({"Name": "docker.io", "Mirrors": strings_of(&cfg, "registry-mirrors"), "Secure": true, "Official": true}),
    );
    for n in &insecure_names {
        index_configs.insert(
            n.clone(),
            json!({"Name": n, "Mirrors": [], "Secure": false, "Official": false}),
        );
    }
    let flag = |k: &str| cfg.get(k).and_then(Value::as_bool).unwrap_or(false);
    let mut base = json!({
        "ID": daemon_id(engine, h),
        "Containers": total,
        "ContainersRunning": running,
        "ContainersPaused": paused,
        "ContainersStopped": total - running - paused,
        "Images": d.images.images.len(),
        "Driver": "overlay2",
        "DriverStatus": [
            ["Backing Filesystem", "extfs"],
            ["Supports d_type", "true"],
            ["Using metacopy", "false"],
            ["Native Overlay Diff", "true"],
            ["userxattr", "false"]
        ],
        "Plugins": {
            "Volume": ["local"],
            "Network": ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"],
            "Authorization": null,
            "Log": ["awslogs", "fluentd", "gcplogs", "gelf", "journald", "json-file", "local", "splunk", "syslog"]
        },
        "MemoryLimit": true,
        "SwapLimit": true,
        "CpuCfsPeriod": true,
        "CpuCfsQuota": true,
        "CPUShares": true,
        "CPUSet": true,
        "PidsLimit": true,
        "IPv4Forwarding": true,
        "Debug": flag("debug"),
        "NFd": 26,
        "OomKillDisable": false,
        "NGoroutines": 44,
        "LoggingDriver": cfg.get("log-driver").and_then(Value::as_str).unwrap_or("json-file"),
        "CgroupDriver": "systemd",
        "CgroupVersion": "2",
        "NEventsListener": 0,
        "KernelVersion": KERNEL_VERSION,
        "OperatingSystem": OPERATING_SYSTEM,
        "OSVersion": "24.04",
        "OSType": "linux",
        "Architecture": "x86_64",
        "IndexServerAddress": "https://index.docker.io/v1/"
    });
    let more = json!({
        "RegistryConfig": {
            "InsecureRegistryCIDRs": cidrs,
            "IndexConfigs": index_configs,
            "Mirrors": strings_of(&cfg, "registry-mirrors")
        },
        "NCPU": NCPU,
        "MemTotal": MEM_TOTAL,
        "DockerRootDir": cfg.get("data-root").and_then(Value::as_str).unwrap_or("/var/lib/docker"),
        "Name": host.name,
        "Labels": strings_of(&cfg, "labels"),
        "ExperimentalBuild": flag("experimental"),
        "ServerVersion": CLIENT_VERSION,
        "Runtimes": {"io.containerd.runc.v2": {"path": "runc"}, "runc": {"path": "runc"}},
        "DefaultRuntime": "runc",
        "Swarm": {"NodeID": "", "NodeAddr": "", "LocalNodeState": "inactive", "ControlAvailable": false, "Error": "", "RemoteManagers": null},
        "LiveRestoreEnabled": flag("live-restore"),
        "Isolation": "",
        "InitBinary": "docker-init",
        "ContainerdCommit": {"ID": CONTAINERD_COMMIT},
        "RuncCommit": {"ID": RUNC_COMMIT},
        "InitCommit": {"ID": INIT_COMMIT},
        "SecurityOptions": ["name=apparmor", "name=seccomp,profile=builtin", "name=cgroupns"],
        "CDISpecDirs": ["/etc/cdi", "/var/run/cdi"],
        "Warnings": null,
        "ClientInfo": {
            "Debug": false,
            "Version": CLIENT_VERSION,
            "GitCommit": CLIENT_COMMIT,
            "GoVersion": GO_VERSION,
            "Os": "linux",
            "Arch": "amd64",
            "BuildTime": BUILT,
            "Context": "default",
            "Plugins": [{
                "SchemaVersion": "0.1.0",
                "Vendor": "Docker Inc.",
                "Version": BUILDX_VERSION,
                "ShortDescription": "Docker Buildx",
                "Name": "buildx",
                "Path": "/usr/libexec/docker/cli-plugins/docker-buildx"
            }],
            "Warnings": null
        }
    });
    if let (Value::Object(a), Value::Object(b)) = (&mut base, more) {
        a.extend(b);
    }
    base
}

/// `docker info` (and `docker system info`).
fn info(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    engine
        .host_mut(h)
        .daemon
        .api
        .record("GET", "/info", None, 200);
    let v = info_value(engine, h);
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
    let mut s = format!("Client: {PLATFORM}\n");
    s.push_str(&format!(" Version:    {CLIENT_VERSION}\n"));
    s.push_str(" Context:    default\n Debug Mode: false\n Plugins:\n");
    s.push_str("  buildx: Docker Buildx (Docker Inc.)\n");
    s.push_str(&format!("    Version:  {BUILDX_VERSION}\n"));
    s.push_str("    Path:     /usr/libexec/docker/cli-plugins/docker-buildx\n");
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
    s.push_str(&format!(" containerd version: {CONTAINERD_COMMIT}\n"));
    s.push_str(&format!(" runc version: {RUNC_COMMIT}\n"));
    s.push_str(&format!(" init version: {INIT_COMMIT}\n"));
    s.push_str(" Security Options:\n  apparmor\n  seccomp\n   Profile: builtin\n  cgroupns\n");
    s.push_str(&format!(" Kernel Version: {}\n", g("KernelVersion")));
    s.push_str(&format!(" Operating System: {}\n", g("OperatingSystem")));
    s.push_str(&format!(" OSType: {}\n", g("OSType")));
    s.push_str(&format!(" Architecture: {}\n", g("Architecture")));
    s.push_str(&format!(" CPUs: {}\n", g("NCPU")));
    s.push_str(&format!(
        " Total Memory: {}\n",
        bytes_size(MEM_TOTAL as f64)
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
