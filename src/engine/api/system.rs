//! System endpoints (moby's `api/server/router/system`): `/_ping`,
//! `GET /version`, `GET /info`. The documents describe the running daemon:
//! `/info` reports the configuration it loaded at its last (re)start, not
//! the file on disk.

use super::reply::{self, Reply};
use super::route::Call;
use super::{API_VERSION, MIN_API_VERSION};
use crate::engine::container::state::Status;
use crate::engine::{Engine, HostId};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Map, Value};
use sha2::{Digest as _, Sha256};

/// The release this daemon is.
pub const ENGINE_VERSION: &str = "28.5.2";
/// The platform name of the engine.
pub const PLATFORM: &str = "Docker Engine - Community";
/// Go toolchain of the 28.5.2 release builds.
pub const GO_VERSION: &str = "go1.24.9";
/// Build time of the 28.5.2 release builds (Go's `time.ANSIC` layout).
pub const BUILT: &str = "Wed Nov  5 14:43:25 2025";
/// The engine's git commit (moby/moby v28.5.2).
pub const ENGINE_COMMIT: &str = "89c5e8f";
pub const CONTAINERD_VERSION: &str = "v1.7.29";
pub const CONTAINERD_COMMIT: &str = "442cb34bda9a6a0fed82a2ca7cade05c5c749582";
pub const RUNC_VERSION: &str = "1.3.3";
pub const RUNC_COMMIT: &str = "v1.3.3-0-gd842d771";
pub const INIT_VERSION: &str = "0.19.0";
pub const INIT_COMMIT: &str = "de40ad0";
/// What the simulated machines run.
pub const KERNEL_VERSION: &str = "6.8.0-88-generic";
pub const OPERATING_SYSTEM: &str = "Ubuntu 24.04.3 LTS";
pub const NCPU: u64 = 4;
pub const MEM_TOTAL: u64 = 8_322_985_984;

/// A JSON object whose keys keep the order of a Go struct.
pub struct Ordered(pub Vec<(&'static str, Field)>);

/// A value in an [`Ordered`] object: plain JSON, or nested Go structs.
pub enum Field {
    Json(Value),
    Struct(Ordered),
    Structs(Vec<Ordered>),
}

impl From<Value> for Field {
    fn from(v: Value) -> Field {
        Field::Json(v)
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Field::Json(v) => v.serialize(s),
            Field::Struct(o) => o.serialize(s),
            Field::Structs(v) => v.serialize(s),
        }
    }
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// An [`Ordered`] object from `(key, JSON)` pairs.
fn ordered(pairs: Vec<(&'static str, Value)>) -> Ordered {
    Ordered(
        pairs
            .into_iter()
            .map(|(k, v)| (k, Field::Json(v)))
            .collect(),
    )
}

/// `GET|HEAD /_ping`: `OK`, with the builder version and swarm state.
pub fn ping(_: &mut Engine, _: HostId, call: &Call) -> Reply {
    let mut headers = vec![
        (
            "Cache-Control".to_string(),
            "no-cache, no-store, must-revalidate".to_string(),
        ),
        ("Pragma".into(), "no-cache".into()),
        ("Builder-Version".into(), "2".into()),
        ("Swarm".into(), "inactive".into()),
    ];
    if call.method == "HEAD" {
        headers.push(("Content-Type".into(), "text/plain; charset=utf-8".into()));
        headers.push(("Content-Length".into(), "0".into()));
        return Reply {
            status: 200,
            headers,
            ..Reply::default()
        };
    }
    Reply {
        status: 200,
        headers,
        body: b"OK".to_vec(),
        stream: false,
    }
}

/// The server part of `docker version` (`types.Version`).
pub fn version_doc() -> Ordered {
    let component = |name: &str, ver: &str, commit: &str| {
        ordered(vec![
            ("Name", json!(name)),
            ("Version", json!(ver)),
            ("Details", json!({ "GitCommit": commit })),
        ])
    };
    let engine = ordered(vec![
        ("Name", json!("Engine")),
        ("Version", json!(ENGINE_VERSION)),
        (
            "Details",
            json!({
                "ApiVersion": API_VERSION,
                "Arch": "amd64",
                "BuildTime": BUILT,
                "Experimental": "false",
                "GitCommit": ENGINE_COMMIT,
                "GoVersion": GO_VERSION,
                "KernelVersion": KERNEL_VERSION,
                "MinAPIVersion": MIN_API_VERSION,
                "Os": "linux"
            }),
        ),
    ]);
    let mut doc = ordered(vec![("Platform", json!({"Name": PLATFORM}))]);
    doc.0.push((
        "Components",
        Field::Structs(vec![
            engine,
            component("containerd", CONTAINERD_VERSION, CONTAINERD_COMMIT),
            component("runc", RUNC_VERSION, RUNC_COMMIT),
            component("docker-init", INIT_VERSION, INIT_COMMIT),
        ]),
    ));
    doc.0.extend(
        ordered(vec![
            ("Version", json!(ENGINE_VERSION)),
            ("ApiVersion", json!(API_VERSION)),
            ("MinAPIVersion", json!(MIN_API_VERSION)),
            ("GitCommit", json!(ENGINE_COMMIT)),
            ("GoVersion", json!(GO_VERSION)),
            ("Os", json!("linux")),
            ("Arch", json!("amd64")),
            ("KernelVersion", json!(KERNEL_VERSION)),
            ("BuildTime", json!(BUILT)),
        ])
        .0,
    );
    doc
}

/// `GET /version`.
pub fn version(_: &mut Engine, _: HostId, _: &Call) -> Reply {
    reply::json(200, &version_doc())
}

/// `GET /info`.
pub fn info(engine: &mut Engine, h: HostId, _: &Call) -> Reply {
    reply::json(200, &info_doc(engine, h))
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

/// `system.Info` of host `h`'s daemon, from the configuration it loaded.
pub fn info_doc(engine: &Engine, h: HostId) -> Ordered {
    let host = engine.host(h);
    let d = &host.daemon;
    let cfg = &d.config;
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
    let mut insecure_names = Vec::new();
    let mut cidrs = Vec::new();
    let mut all = cfg.insecure_registries.clone();
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
        json!({"Name": "docker.io", "Mirrors": cfg.registry_mirrors, "Secure": true, "Official": true}),
    );
    for n in &insecure_names {
        index_configs.insert(
            n.clone(),
            json!({"Name": n, "Mirrors": [], "Secure": false, "Official": false}),
        );
    }
    ordered(vec![
        ("ID", json!(daemon_id(engine, h))),
        ("Containers", json!(total)),
        ("ContainersRunning", json!(running)),
        ("ContainersPaused", json!(paused)),
        ("ContainersStopped", json!(total - running - paused)),
        ("Images", json!(d.images.images.len())),
        ("Driver", json!("overlay2")),
        (
            "DriverStatus",
            json!([
                ["Backing Filesystem", "extfs"],
                ["Supports d_type", "true"],
                ["Using metacopy", "false"],
                ["Native Overlay Diff", "true"],
                ["userxattr", "false"]
            ]),
        ),
        (
            "Plugins",
            json!({
                "Volume": ["local"],
                "Network": ["bridge", "host", "ipvlan", "macvlan", "null", "overlay"],
                "Authorization": null,
                "Log": ["awslogs", "fluentd", "gcplogs", "gelf", "journald", "json-file", "local", "splunk", "syslog"]
            }),
        ),
        ("MemoryLimit", json!(true)),
        ("SwapLimit", json!(true)),
        ("CpuCfsPeriod", json!(true)),
        ("CpuCfsQuota", json!(true)),
        ("CPUShares", json!(true)),
        ("CPUSet", json!(true)),
        ("PidsLimit", json!(true)),
        ("IPv4Forwarding", json!(true)),
        ("Debug", json!(cfg.debug)),
        ("NFd", json!(26)),
        ("OomKillDisable", json!(false)),
        ("NGoroutines", json!(44)),
        (
            "LoggingDriver",
            json!(cfg.log_driver.as_deref().unwrap_or("json-file")),
        ),
        ("CgroupDriver", json!("systemd")),
        ("CgroupVersion", json!("2")),
        ("NEventsListener", json!(0)),
        ("KernelVersion", json!(KERNEL_VERSION)),
        ("OperatingSystem", json!(OPERATING_SYSTEM)),
        ("OSVersion", json!("24.04")),
        ("OSType", json!("linux")),
        ("Architecture", json!("x86_64")),
        ("IndexServerAddress", json!("https://index.docker.io/v1/")),
        (
            "RegistryConfig",
            json!({
                "InsecureRegistryCIDRs": cidrs,
                "IndexConfigs": index_configs,
                "Mirrors": cfg.registry_mirrors
            }),
        ),
        ("NCPU", json!(NCPU)),
        ("MemTotal", json!(MEM_TOTAL)),
        (
            "DockerRootDir",
            json!(cfg.data_root.as_deref().unwrap_or("/var/lib/docker")),
        ),
        ("Name", json!(host.name)),
        ("Labels", json!(cfg.labels)),
        ("ExperimentalBuild", json!(cfg.experimental)),
        ("ServerVersion", json!(ENGINE_VERSION)),
        (
            "Runtimes",
            json!({"io.containerd.runc.v2": {"path": "runc"}, "runc": {"path": "runc"}}),
        ),
        ("DefaultRuntime", json!("runc")),
        (
            "Swarm",
            json!({"NodeID": "", "NodeAddr": "", "LocalNodeState": "inactive", "ControlAvailable": false, "Error": "", "RemoteManagers": null}),
        ),
        ("LiveRestoreEnabled", json!(cfg.live_restore)),
        ("Isolation", json!("")),
        ("InitBinary", json!("docker-init")),
        ("ContainerdCommit", json!({"ID": CONTAINERD_COMMIT})),
        ("RuncCommit", json!({"ID": RUNC_COMMIT})),
        ("InitCommit", json!({"ID": INIT_COMMIT})),
        (
            "SecurityOptions",
            json!([
                "name=apparmor",
                "name=seccomp,profile=builtin",
                "name=cgroupns"
            ]),
        ),
        ("CDISpecDirs", json!(["/etc/cdi", "/var/run/cdi"])),
        ("Warnings", Value::Null),
    ])
}
