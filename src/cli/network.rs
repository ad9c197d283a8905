//! Network commands: network ls, create, rm, inspect, connect, disconnect, prune.
//! Owns the handlers of these commands; their grammar is in `cli::spec`.

use super::container::fmt::{render_as, render_header, tabwrite};
use super::container::info::{doc, inspect_each};
use super::container::{api, daemon_err};
use super::parse::Invocation;
use crate::cli::container::confirmed;
use crate::engine::clock::rfc3339_nanos;
use crate::engine::container::Endpoint;
use crate::engine::error::EngineError;
use crate::engine::network::Network;
use crate::engine::{runtime, Engine, HostId};
use crate::userland::Output;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Runs the handler named `verb` (the part after `network.`).
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
        "connect" => connect(engine, h, inv, out, true),
        "disconnect" => connect(engine, h, inv, out, false),
        "prune" => prune(engine, h, inv, out),
        _ => {
            out.errln(format!("docker: '{verb}' is not implemented yet"));
            1
        }
    }
}

fn scope(_n: &Network) -> &'static str {
    "local"
}

fn ls(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    api(engine, h, "GET", "/networks", None, 200);
    let no_trunc = inv.on("no-trunc");
    let filters: Vec<(String, String)> = inv
        .values("filter")
        .iter()
        .filter_map(|f| {
            f.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect();
    let nets: Vec<&Network> = engine
        .host(h)
        .daemon
        .networks
        .sorted()
        .into_iter()
        .filter(|n| {
            filters.iter().all(|(k, v)| match k.as_str() {
                "driver" => &n.driver == v,
                "name" => n.name.contains(v.as_str()),
                "id" => n.id.starts_with(v.as_str()),
                "type" => (v == "custom") == n.user_defined,
                "scope" => v == "local",
                _ => true,
            })
        })
        .collect();
    if inv.on("quiet") {
        for n in nets {
            out.outln(if no_trunc { &n.id[..] } else { &n.id[..12] });
        }
        return 0;
    }
    let format = inv
        .value("format")
        .unwrap_or("table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}");
    let (table, tpl) = match format.strip_prefix("table") {
        Some(t) => (true, t.trim_start()),
        None => (false, format),
    };
    let mut lines = Vec::new();
    if table {
        lines.push(render_header(tpl, &json!({"ID": "NETWORK ID", "Name": "NAME", "Driver": "DRIVER", "Scope": "SCOPE", "IPv6": "IPV6", "Internal": "INTERNAL", "Labels": "LABELS", "CreatedAt": "CREATED"})));
    }
    for n in nets {
        let v = json!({
            "ID": if no_trunc { n.id.clone() } else { n.id[..12].to_string() },
            "Name": n.name, "Driver": n.driver, "Scope": scope(n), "IPv6": "false",
            "Internal": n.internal.to_string(),
            "Labels": n.labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","),
            "CreatedAt": super::container::ps::created_at(n.created),
        });
        match render_as(tpl, &v, "*network.networkContext") {
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
    let name = &inv.args[0];
    let driver = inv.value("driver").unwrap_or("bridge");
    let labels: BTreeMap<String, String> = inv
        .values("label")
        .iter()
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    let subnet = inv.value("subnet");
    let gateway = inv.value("gateway");
    let internal = inv.on("internal");
    let now = engine.now();
    let host = &mut engine.hosts[h];
    let opts = crate::engine::network::CreateOptions {
        driver: driver.to_string(),
        subnet: subnet.map(str::to_string),
        gateway: gateway.map(str::to_string),
        labels,
        internal,
    };
    let r = host
        .daemon
        .networks
        .create(name, opts, &mut engine.ids, now);
    let body = json!({"Name": name, "Driver": driver}).to_string();
    match r {
        Ok(id) => {
            api(engine, h, "POST", "/networks/create", Some(body), 201);
            out.outln(id);
            0
        }
        Err(e) => {
            api(
                engine,
                h,
                "POST",
                "/networks/create",
                Some(body),
                e.status(),
            );
            daemon_err(out, &e);
            1
        }
    }
}

fn users<'a>(engine: &'a Engine, h: HostId, id: &str) -> Vec<(&'a str, &'a str)> {
    engine
        .host(h)
        .daemon
        .containers
        .newest_first()
        .into_iter()
        .filter(|c| c.state.is_running() && c.networks.values().any(|e| e.network_id == id))
        .map(|c| (c.name.as_str(), c.id.as_str()))
        .collect()
}

fn rm(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let mut code = 0;
    for key in &inv.args {
        let r = match engine.host(h).daemon.networks.lookup(key) {
            Err(e) => Err(e),
            Ok(n) if n.predefined() => Err(EngineError::msg(
                403,
                format!("{} is a pre-defined network and cannot be removed", n.name),
            )),
            Ok(n) => {
                let u = users(engine, h, &n.id);
                match u.first() {
                    Some((cn, cid)) => Err(EngineError::msg(
                        403,
                        format!(
                            "error while removing network: network {} has active endpoints (name:\"{cn}\" id:\"{}\")",
                            n.name,
                            &cid[..12]
                        ),
                    )),
                    None => Ok(n.id.clone()),
                }
            }
        };
        match r {
            Ok(id) => {
                engine.host_mut(h).daemon.networks.by_id.remove(&id);
                for c in engine.host_mut(h).daemon.containers.by_id.values_mut() {
                    c.networks.retain(|_, e| e.network_id != id);
                }
                api(engine, h, "DELETE", &format!("/networks/{key}"), None, 204);
                out.outln(key);
            }
            Err(e) => {
                api(
                    engine,
                    h,
                    "DELETE",
                    &format!("/networks/{key}"),
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
struct IpamConfig {
    subnet: String,
    gateway: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Ipam {
    driver: String,
    options: Option<Value>,
    config: Vec<IpamConfig>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct NetContainer {
    name: String,
    #[serde(rename = "EndpointID")]
    endpoint_id: String,
    mac_address: String,
    #[serde(rename = "IPv4Address")]
    ipv4_address: String,
    #[serde(rename = "IPv6Address")]
    ipv6_address: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct NetworkJson {
    name: String,
    id: String,
    created: String,
    scope: String,
    driver: String,
    #[serde(rename = "EnableIPv4")]
    enable_ipv4: bool,
    #[serde(rename = "EnableIPv6")]
    enable_ipv6: bool,
    #[serde(rename = "IPAM")]
    ipam: Ipam,
    internal: bool,
    attachable: bool,
    ingress: bool,
    config_from: Value,
    config_only: bool,
    containers: BTreeMap<String, NetContainer>,
    options: BTreeMap<String, String>,
    labels: BTreeMap<String, String>,
}

/// The inspect document of network `key`, if it exists.
pub fn inspect_doc(engine: &Engine, h: HostId, key: &str) -> Option<(Value, String)> {
    let n = engine.host(h).daemon.networks.find(key)?;
    let mut containers = BTreeMap::new();
    for c in engine.host(h).daemon.containers.by_id.values() {
        if !c.state.is_running() {
            continue;
        }
        if let Some(e) = c.networks.values().find(|e| e.network_id == n.id) {
            containers.insert(
                c.id.clone(),
                NetContainer {
                    name: c.name.clone(),
                    endpoint_id: e.endpoint_id.clone(),
                    mac_address: e.mac.clone(),
                    ipv4_address: if e.ip.is_empty() {
                        String::new()
                    } else {
                        format!("{}/{}", e.ip, e.prefix_len)
                    },
                    ipv6_address: String::new(),
                },
            );
        }
    }
    let mut options = BTreeMap::new();
    if n.name == "bridge" {
        for (k, v) in [
            ("com.docker.network.bridge.default_bridge", "true"),
            ("com.docker.network.bridge.enable_icc", "true"),
            ("com.docker.network.bridge.enable_ip_masquerade", "true"),
            ("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0"),
            ("com.docker.network.bridge.name", "docker0"),
            ("com.docker.network.driver.mtu", "1500"),
        ] {
            options.insert(k.to_string(), v.to_string());
        }
    }
    let d = NetworkJson {
        name: n.name.clone(),
        id: n.id.clone(),
        created: rfc3339_nanos(n.created),
        scope: "local".into(),
        driver: n.driver.clone(),
        enable_ipv4: n.driver == "bridge",
        enable_ipv6: false,
        ipam: Ipam {
            driver: "default".into(),
            options: if n.user_defined {
                Some(json!({}))
            } else {
                None
            },
            config: if n.subnet.is_empty() {
                Vec::new()
            } else {
                vec![IpamConfig {
                    subnet: n.subnet.clone(),
                    gateway: n.gateway.clone(),
                }]
            },
        },
        internal: n.internal,
        attachable: n.attachable,
        ingress: false,
        config_from: json!({"Network": ""}),
        config_only: false,
        containers,
        options,
        labels: n.labels.clone(),
    };
    doc(&d)
}

fn inspect(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    inspect_each(engine, h, inv, out, "networks", "network", inspect_doc)
}

fn connect(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output, on: bool) -> i32 {
    let (nkey, ckey) = (&inv.args[0], &inv.args[1]);
    let verb = if on { "connect" } else { "disconnect" };
    let r = (|| -> Result<(), EngineError> {
        let net = engine.host(h).daemon.networks.lookup(nkey)?.clone();
        let cid = engine.host(h).daemon.containers.lookup(ckey)?;
        let c = engine
            .host(h)
            .daemon
            .containers
            .by_id
            .get(&cid)
            .ok_or_else(|| EngineError::NoSuchContainer(ckey.clone()))?;
        let attached = c.networks.values().any(|e| e.network_id == net.id);
        let running = c.state.is_running();
        let cname = c.name.clone();
        let mode = c.host_config.network_mode.clone();
        let special = |m: &str| m == "host" || m == "none";
        if special(&mode) || special(&net.name) {
            return Err(EngineError::bad_request(
                if mode == "host" || net.name == "host" {
                    "container cannot be disconnected from host network or connected to host network"
                } else {
                    "container cannot be connected to multiple networks with one of the networks in private (none) mode"
                },
            ));
        }
        if on {
            if attached {
                return Err(EngineError::msg(
                    403,
                    format!(
                        "endpoint with name {cname} already exists in network {}",
                        net.name
                    ),
                ));
            }
            let mut aliases: Vec<String> =
                inv.values("alias").iter().map(|s| s.to_string()).collect();
            if net.user_defined {
                aliases.push(cid[..12].to_string());
            }
            let mut ep = Endpoint {
                network_id: net.id.clone(),
                endpoint_id: String::new(),
                ip: String::new(),
                gateway: String::new(),
                mac: String::new(),
                prefix_len: 0,
                aliases,
            };
            if running {
                let used: Vec<String> = engine
                    .host(h)
                    .daemon
                    .containers
                    .by_id
                    .values()
                    .filter_map(|o| o.networks.values().find(|e| e.network_id == net.id))
                    .map(|e| e.ip.clone())
                    .collect();
                ep.ip = match inv.value("ip") {
                    Some(ip) => ip.to_string(),
                    None => engine
                        .host(h)
                        .daemon
                        .networks
                        .allocate_ip(&net.id, &used)
                        .unwrap_or_default(),
                };
                ep.gateway = net.gateway.clone();
                ep.mac = crate::engine::network::mac_for(&ep.ip);
                ep.prefix_len = net.prefix_len();
                ep.endpoint_id = engine.ids.hex64();
            }
            if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(&cid) {
                c.networks.insert(net.name.clone(), ep);
            }
        } else {
            if !attached {
                return Err(EngineError::msg(
                    403,
                    format!("container {cid} is not connected to network {}", net.name),
                ));
            }
            if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(&cid) {
                c.networks.retain(|_, e| e.network_id != net.id);
            }
        }
        Ok(())
    })();
    let status = match &r {
        Ok(()) => 200,
        Err(e) => e.status(),
    };
    api(
        engine,
        h,
        "POST",
        &format!("/networks/{nkey}/{verb}"),
        Some(json!({"Container": ckey}).to_string()),
        status,
    );
    match r {
        Ok(()) => 0,
        Err(e) => {
            daemon_err(out, &e);
            1
        }
    }
}

fn prune(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    if !inv.on("force")
        && !confirmed(
            inv,
            out,
            "WARNING! This will remove all custom networks not used by at least one container.\nAre you sure you want to continue? [y/N] ",
            "docker network prune",
        )
    {
        return 0;
    }
    api(engine, h, "POST", "/networks/prune", None, 200);
    let unused: Vec<(String, String)> = engine
        .host(h)
        .daemon
        .networks
        .sorted()
        .into_iter()
        .filter(|n| n.user_defined)
        .filter(|n| {
            !engine
                .host(h)
                .daemon
                .containers
                .by_id
                .values()
                .any(|c| c.networks.values().any(|e| e.network_id == n.id))
        })
        .map(|n| (n.id.clone(), n.name.clone()))
        .collect();
    if unused.is_empty() {
        return 0;
    }
    out.outln("Deleted Networks:");
    for (id, name) in unused {
        engine.host_mut(h).daemon.networks.by_id.remove(&id);
        out.outln(name);
    }
    out.outln("");
    0
}
