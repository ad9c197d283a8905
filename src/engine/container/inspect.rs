//! `docker inspect` for containers: the `ContainerJSON` document with
//! Docker 28's key order (structs serialise in declaration order), and the
//! JSON renderer with Go's four-space `MarshalIndent`.

use super::config::MountKind;
use super::store::Container;
use crate::engine::clock::rfc3339_nanos;
use crate::engine::{network::NetworkStore, Engine, HostId};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StateJson {
    status: String,
    running: bool,
    paused: bool,
    restarting: bool,
    #[serde(rename = "OOMKilled")]
    oom_killed: bool,
    dead: bool,
    pid: u32,
    exit_code: i32,
    error: String,
    started_at: String,
    finished_at: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct LogConfigJson {
    #[serde(rename = "Type")]
    kind: String,
    config: BTreeMap<String, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RestartPolicyJson {
    name: String,
    maximum_retry_count: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct HostConfigJson {
    binds: Option<Vec<String>>,
    #[serde(rename = "ContainerIDFile")]
    container_id_file: String,
    log_config: LogConfigJson,
    network_mode: String,
    port_bindings: Value,
    restart_policy: RestartPolicyJson,
    auto_remove: bool,
    volume_driver: String,
    volumes_from: Option<Vec<String>>,
    console_size: [u32; 2],
    cap_add: Option<Vec<String>>,
    cap_drop: Option<Vec<String>>,
    cgroupns_mode: String,
    dns: Vec<String>,
    dns_options: Vec<String>,
    dns_search: Vec<String>,
    extra_hosts: Option<Vec<String>>,
    group_add: Option<Vec<String>>,
    ipc_mode: String,
    cgroup: String,
    links: Option<Vec<String>>,
    oom_score_adj: i32,
    pid_mode: String,
    privileged: bool,
    publish_all_ports: bool,
    readonly_rootfs: bool,
    security_opt: Option<Vec<String>>,
    #[serde(rename = "UTSMode")]
    uts_mode: String,
    userns_mode: String,
    shm_size: u64,
    runtime: String,
    isolation: String,
    cpu_shares: i64,
    memory: i64,
    nano_cpus: i64,
    cgroup_parent: String,
    memory_reservation: i64,
    memory_swap: i64,
    memory_swappiness: Option<i64>,
    oom_kill_disable: Option<bool>,
    pids_limit: Option<i64>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct MountJson {
    #[serde(rename = "Type")]
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    source: String,
    destination: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    driver: Option<String>,
    mode: String,
    #[serde(rename = "RW")]
    rw: bool,
    propagation: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ConfigJson {
    hostname: String,
    domainname: String,
    user: String,
    attach_stdin: bool,
    attach_stdout: bool,
    attach_stderr: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    exposed_ports: Option<BTreeMap<String, Value>>,
    tty: bool,
    open_stdin: bool,
    stdin_once: bool,
    env: Vec<String>,
    cmd: Option<Vec<String>>,
    image: String,
    volumes: Option<BTreeMap<String, Value>>,
    working_dir: String,
    entrypoint: Option<Vec<String>>,
    on_build: Option<Vec<String>>,
    labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stop_signal: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EndpointJson {
    #[serde(rename = "IPAMConfig")]
    ipam_config: Option<Value>,
    links: Option<Vec<String>>,
    aliases: Option<Vec<String>>,
    mac_address: String,
    driver_opts: Option<Value>,
    gw_priority: i32,
    #[serde(rename = "NetworkID")]
    network_id: String,
    #[serde(rename = "EndpointID")]
    endpoint_id: String,
    gateway: String,
    #[serde(rename = "IPAddress")]
    ip_address: String,
    #[serde(rename = "IPPrefixLen")]
    ip_prefix_len: u8,
    #[serde(rename = "IPv6Gateway")]
    ipv6_gateway: String,
    #[serde(rename = "GlobalIPv6Address")]
    global_ipv6_address: String,
    #[serde(rename = "GlobalIPv6PrefixLen")]
    global_ipv6_prefix_len: u8,
    #[serde(rename = "DNSNames")]
    dns_names: Option<Vec<String>>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct NetworkSettingsJson {
    bridge: String,
    #[serde(rename = "SandboxID")]
    sandbox_id: String,
    sandbox_key: String,
    ports: BTreeMap<String, Option<Vec<Value>>>,
    hairpin_mode: bool,
    #[serde(rename = "LinkLocalIPv6Address")]
    link_local_ipv6_address: String,
    #[serde(rename = "LinkLocalIPv6PrefixLen")]
    link_local_ipv6_prefix_len: u8,
    #[serde(rename = "SecondaryIPAddresses")]
    secondary_ip_addresses: Option<Value>,
    #[serde(rename = "SecondaryIPv6Addresses")]
    secondary_ipv6_addresses: Option<Value>,
    #[serde(rename = "EndpointID")]
    endpoint_id: String,
    gateway: String,
    #[serde(rename = "GlobalIPv6Address")]
    global_ipv6_address: String,
    #[serde(rename = "GlobalIPv6PrefixLen")]
    global_ipv6_prefix_len: u8,
    #[serde(rename = "IPAddress")]
    ip_address: String,
    #[serde(rename = "IPPrefixLen")]
    ip_prefix_len: u8,
    #[serde(rename = "IPv6Gateway")]
    ipv6_gateway: String,
    mac_address: String,
    networks: BTreeMap<String, EndpointJson>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ContainerJson {
    id: String,
    created: String,
    path: String,
    args: Vec<String>,
    state: StateJson,
    image: String,
    resolv_conf_path: String,
    hostname_path: String,
    hosts_path: String,
    log_path: String,
    name: String,
    restart_count: u32,
    driver: String,
    platform: String,
    mount_label: String,
    process_label: String,
    app_armor_profile: String,
    #[serde(rename = "ExecIDs")]
    exec_ids: Option<Vec<String>>,
    host_config: HostConfigJson,
    graph_driver: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    size_rw: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size_root_fs: Option<u64>,
    mounts: Vec<MountJson>,
    config: ConfigJson,
    network_settings: NetworkSettingsJson,
}

fn time_or_zero(ms: i64) -> String {
    if ms == 0 {
        "0001-01-01T00:00:00Z".to_string()
    } else {
        rfc3339_nanos(ms)
    }
}

fn opt_vec(v: &[String]) -> Option<Vec<String>> {
    (!v.is_empty()).then(|| v.to_vec())
}

fn container_json(c: &Container, nets: &NetworkStore, size: Option<(u64, u64)>) -> ContainerJson {
    let dir = format!("/var/lib/docker/containers/{}", c.id);
    let s = &c.state;
    let mut port_bindings = serde_json::Map::new();
    for (p, bs) in &c.host_config.port_bindings {
        port_bindings.insert(
            p.clone(),
            Value::Array(
                bs.iter()
                    .map(|b| json!({"HostIp": b.host_ip, "HostPort": b.host_port}))
                    .collect(),
            ),
        );
    }
    let mut ports: BTreeMap<String, Option<Vec<Value>>> = BTreeMap::new();
    for p in c.config.exposed_ports.keys() {
        ports.insert(p.clone(), None);
    }
    if s.is_running() {
        for a in &c.ports {
            ports
                .entry(a.container_port.clone())
                .or_insert(None)
                .get_or_insert_with(Vec::new)
                .push(json!({"HostIp": a.host_ip, "HostPort": a.host_port.to_string()}));
        }
    } else {
        ports.clear();
    }
    let networks: BTreeMap<String, EndpointJson> = c
        .networks
        .iter()
        .map(|(name, e)| {
            let user = nets
                .by_id
                .get(&e.network_id)
                .is_some_and(|n| n.user_defined);
            (
                name.clone(),
                EndpointJson {
                    ipam_config: None,
                    links: None,
                    aliases: user.then(|| e.aliases.clone()),
                    mac_address: e.mac.clone(),
                    driver_opts: None,
                    gw_priority: 0,
                    network_id: e.network_id.clone(),
                    endpoint_id: e.endpoint_id.clone(),
                    gateway: e.gateway.clone(),
                    ip_address: e.ip.clone(),
                    ip_prefix_len: if e.ip.is_empty() { 0 } else { e.prefix_len },
                    ipv6_gateway: String::new(),
                    global_ipv6_address: String::new(),
                    global_ipv6_prefix_len: 0,
                    dns_names: user.then(|| {
                        let mut v = vec![c.name.clone()];
                        v.extend(e.aliases.iter().cloned());
                        v
                    }),
                },
            )
        })
        .collect();
    let bridge = c.networks.get("bridge");
    ContainerJson {
        id: c.id.clone(),
        created: rfc3339_nanos(c.created),
        path: c.path.clone(),
        args: c.args.clone(),
        state: StateJson {
            status: s.status.as_str().to_string(),
            running: s.is_running() && s.status != super::Status::Restarting,
            paused: s.status == super::Status::Paused,
            restarting: s.status == super::Status::Restarting,
            oom_killed: s.oom_killed,
            dead: s.status == super::Status::Dead,
            pid: s.pid,
            exit_code: s.exit_code,
            error: s.error.clone(),
            started_at: time_or_zero(s.started_at),
            finished_at: time_or_zero(s.finished_at),
        },
        image: c.image.to_string(),
        resolv_conf_path: format!("{dir}/resolv.conf"),
        hostname_path: format!("{dir}/hostname"),
        hosts_path: format!("{dir}/hosts"),
        log_path: format!("{dir}/{}-json.log", c.id),
        name: c.slash_name(),
        restart_count: c.restart_count,
        driver: "overlay2".into(),
        platform: "linux".into(),
        mount_label: String::new(),
        process_label: String::new(),
        app_armor_profile: "docker-default".into(),
        exec_ids: opt_vec(&c.exec_ids).filter(|_| s.is_running()),
        host_config: HostConfigJson {
            binds: opt_vec(&c.host_config.binds),
            container_id_file: String::new(),
            log_config: LogConfigJson {
                kind: "json-file".into(),
                config: BTreeMap::new(),
            },
            network_mode: c.host_config.network_mode.clone(),
            port_bindings: Value::Object(port_bindings),
            restart_policy: RestartPolicyJson {
                name: c.host_config.restart_policy.name.clone(),
                maximum_retry_count: c.host_config.restart_policy.maximum_retry_count,
            },
            auto_remove: c.host_config.auto_remove,
            volume_driver: String::new(),
            volumes_from: None,
            console_size: [0, 0],
            cap_add: None,
            cap_drop: None,
            cgroupns_mode: "private".into(),
            dns: Vec::new(),
            dns_options: Vec::new(),
            dns_search: Vec::new(),
            extra_hosts: None,
            group_add: None,
            ipc_mode: "private".into(),
            cgroup: String::new(),
            links: None,
            oom_score_adj: 0,
            pid_mode: String::new(),
            privileged: false,
            publish_all_ports: c.host_config.publish_all_ports,
            readonly_rootfs: false,
            security_opt: None,
            uts_mode: String::new(),
            userns_mode: String::new(),
            shm_size: 67_108_864,
            runtime: "runc".into(),
            isolation: String::new(),
            cpu_shares: 0,
            memory: c.host_config.memory,
            nano_cpus: c.host_config.nano_cpus,
            cgroup_parent: String::new(),
            memory_reservation: 0,
            memory_swap: if c.host_config.memory > 0 {
                c.host_config.memory * 2
            } else {
                0
            },
            memory_swappiness: None,
            oom_kill_disable: None,
            pids_limit: None,
        },
        graph_driver: json!({
            "Data": {
                "LowerDir": format!("/var/lib/docker/overlay2/{}-init/diff", &c.id[..c.id.len().min(64)]),
                "MergedDir": format!("/var/lib/docker/overlay2/{}/merged", c.id),
                "UpperDir": format!("/var/lib/docker/overlay2/{}/diff", c.id),
                "WorkDir": format!("/var/lib/docker/overlay2/{}/work", c.id),
            },
            "Name": "overlay2"
        }),
        size_rw: size.map(|s| s.0),
        size_root_fs: size.map(|s| s.1),
        mounts: c
            .mounts
            .iter()
            .map(|m| MountJson {
                kind: m.kind.as_str().to_string(),
                name: (m.kind == MountKind::Volume).then(|| m.name.clone()),
                source: m.source.clone(),
                destination: m.destination.clone(),
                driver: (m.kind == MountKind::Volume).then(|| "local".to_string()),
                mode: if m.kind == MountKind::Volume {
                    "z".into()
                } else if m.rw {
                    String::new()
                } else {
                    "ro".into()
                },
                rw: m.rw,
                propagation: if m.kind == MountKind::Bind {
                    "rprivate".into()
                } else {
                    String::new()
                },
            })
            .collect(),
        config: ConfigJson {
            hostname: c.hostname.clone(),
            domainname: String::new(),
            user: c.config.user.clone(),
            attach_stdin: c.open_stdin && c.attached,
            attach_stdout: c.attached || !c.tty,
            attach_stderr: c.attached || !c.tty,
            exposed_ports: (!c.config.exposed_ports.is_empty())
                .then(|| c.config.exposed_ports.clone()),
            tty: c.tty,
            open_stdin: c.open_stdin,
            stdin_once: c.open_stdin && c.attached,
            env: c.config.env.clone(),
            cmd: c.config.cmd.clone(),
            image: c.image_ref.clone(),
            volumes: (!c.config.volumes.is_empty()).then(|| c.config.volumes.clone()),
            working_dir: c.config.working_dir.clone(),
            entrypoint: c.config.entrypoint.clone(),
            on_build: opt_vec(&c.config.on_build),
            labels: c.config.labels.clone(),
            stop_signal: (!c.config.stop_signal.is_empty()).then(|| c.config.stop_signal.clone()),
        },
        network_settings: NetworkSettingsJson {
            bridge: String::new(),
            sandbox_id: if s.is_running() {
                crate::engine::digest::sha256_hex(format!("sandbox{}", c.id).as_bytes())
            } else {
                String::new()
            },
            sandbox_key: if s.is_running() {
                format!(
                    "/var/run/docker/netns/{}",
                    &crate::engine::digest::sha256_hex(format!("sandbox{}", c.id).as_bytes())[..12]
                )
            } else {
                String::new()
            },
            ports,
            hairpin_mode: false,
            link_local_ipv6_address: String::new(),
            link_local_ipv6_prefix_len: 0,
            secondary_ip_addresses: None,
            secondary_ipv6_addresses: None,
            endpoint_id: bridge
                .map(|e| e.endpoint_id.clone())
                .filter(|_| s.is_running())
                .unwrap_or_default(),
            gateway: bridge.map(|e| e.gateway.clone()).unwrap_or_default(),
            global_ipv6_address: String::new(),
            global_ipv6_prefix_len: 0,
            ip_address: bridge.map(|e| e.ip.clone()).unwrap_or_default(),
            ip_prefix_len: bridge
                .filter(|e| !e.ip.is_empty())
                .map(|e| e.prefix_len)
                .unwrap_or(0),
            ipv6_gateway: String::new(),
            mac_address: bridge.map(|e| e.mac.clone()).unwrap_or_default(),
            networks,
        },
    }
}

/// The inspect document of container `cid` as a JSON value (for
/// templates) and as Docker's indented text.
pub fn inspect(engine: &Engine, h: HostId, cid: &str, size: bool) -> Option<(Value, String)> {
    let host = engine.host(h);
    let c = host.daemon.containers.by_id.get(cid)?;
    let sz = size.then(|| {
        let rw = c.size_rw();
        (rw, rw + host.daemon.images.size_of(&c.image))
    });
    let doc = container_json(c, &host.daemon.networks, sz);
    let mut value = serde_json::to_value(&doc).ok()?;
    // Templates see Go's typed struct: omitted (omitempty) fields are
    // still there with their zero values.
    if let Some(obj) = value.as_object_mut() {
        obj.entry("SizeRw").or_insert(Value::Null);
        obj.entry("SizeRootFs").or_insert(Value::Null);
        if let Some(cfg) = obj.get_mut("Config").and_then(Value::as_object_mut) {
            cfg.entry("StopSignal")
                .or_insert(Value::String(String::new()));
            cfg.entry("ExposedPorts").or_insert(json!({}));
        }
    }
    Some((value, to_indented(&doc)))
}

/// Go's `json.MarshalIndent(v, "", "    ")`.
pub fn to_indented<T: Serialize>(v: &T) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    if v.serialize(&mut ser).is_err() {
        return "{}".to_string();
    }
    String::from_utf8(buf).unwrap_or_default()
}
