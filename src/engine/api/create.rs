//! The body of `POST /containers/create` (`container.CreateRequest`: the
//! container `Config` with `HostConfig` and `NetworkingConfig` inline), in
//! both directions: [`body`] is what the client sends for a
//! [`CreateSpec`], [`parse`] is how the daemon reads it back. Field names
//! and order are Go's.

use crate::engine::container::config::{
    MountKind, MountRequest, PortBinding, PortSpec, RestartPolicy,
};
use crate::engine::container::lifecycle::CreateSpec;
use crate::engine::error::EngineError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `container.CreateRequest` (the fields this daemon acts on).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CreateRequest {
    pub hostname: String,
    pub user: String,
    pub attach_stdin: bool,
    pub attach_stdout: bool,
    pub attach_stderr: bool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub exposed_ports: BTreeMap<String, serde_json::Value>,
    pub tty: bool,
    pub open_stdin: bool,
    pub stdin_once: bool,
    pub env: Vec<String>,
    pub cmd: Option<Vec<String>>,
    pub image: String,
    pub volumes: Option<BTreeMap<String, serde_json::Value>>,
    pub working_dir: String,
    pub entrypoint: Option<Vec<String>>,
    pub labels: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_signal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_timeout: Option<i64>,
    pub host_config: HostConfigRequest,
    pub networking_config: serde_json::Value,
}

/// `container.HostConfig` (the fields this daemon acts on).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct HostConfigRequest {
    pub binds: Option<Vec<String>>,
    pub network_mode: String,
    pub port_bindings: BTreeMap<String, Vec<PortBindingDoc>>,
    pub restart_policy: RestartPolicyDoc,
    pub auto_remove: bool,
    pub publish_all_ports: bool,
    pub memory: i64,
    pub nano_cpus: i64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mounts: Vec<MountDoc>,
}

/// `nat.PortBinding`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct PortBindingDoc {
    pub host_ip: String,
    pub host_port: String,
}

/// `container.RestartPolicy`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RestartPolicyDoc {
    pub name: String,
    pub maximum_retry_count: u32,
}

/// `mount.Mount`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct MountDoc {
    #[serde(rename = "Type")]
    pub kind: String,
    pub source: String,
    pub target: String,
    pub read_only: bool,
}

/// The request body the client sends for `spec`. Mounts from `-v` travel
/// as `Binds` (host paths already absolute), `--mount` ones as `Mounts`.
pub fn body(spec: &CreateSpec) -> CreateRequest {
    let nbinds = spec.binds.len().min(spec.mounts.len());
    let binds: Vec<String> = spec.mounts[..nbinds]
        .iter()
        .map(|m| {
            let mut s = if m.source.is_empty() {
                m.destination.clone()
            } else {
                format!("{}:{}", m.source, m.destination)
            };
            if !m.rw {
                s.push_str(":ro");
            }
            s
        })
        .collect();
    let mounts = spec.mounts[nbinds..]
        .iter()
        .map(|m| MountDoc {
            kind: m.kind.as_str().into(),
            source: m.source.clone(),
            target: m.destination.clone(),
            read_only: !m.rw,
        })
        .collect();
    let mut port_bindings: BTreeMap<String, Vec<PortBindingDoc>> = BTreeMap::new();
    let mut exposed = BTreeMap::new();
    for p in &spec.ports {
        exposed.insert(p.container_port.clone(), serde_json::json!({}));
        port_bindings
            .entry(p.container_port.clone())
            .or_default()
            .push(PortBindingDoc {
                host_ip: p.binding.host_ip.clone(),
                host_port: p.binding.host_port.clone(),
            });
    }
    let restart = spec.restart.clone().unwrap_or_else(RestartPolicy::no);
    CreateRequest {
        hostname: spec.hostname.clone().unwrap_or_default(),
        user: spec.user.clone().unwrap_or_default(),
        attach_stdin: spec.open_stdin,
        attach_stdout: true,
        attach_stderr: true,
        exposed_ports: exposed,
        tty: spec.tty,
        open_stdin: spec.open_stdin,
        stdin_once: spec.open_stdin,
        env: spec.env.clone(),
        cmd: spec.cmd.clone(),
        image: spec.image_ref.clone(),
        volumes: None,
        working_dir: spec.working_dir.clone().unwrap_or_default(),
        entrypoint: spec.entrypoint.clone(),
        labels: spec.labels.clone(),
        stop_signal: spec.stop_signal.clone(),
        stop_timeout: spec.stop_timeout,
        host_config: HostConfigRequest {
            binds: (!binds.is_empty()).then_some(binds),
            network_mode: spec.network.clone().unwrap_or_else(|| "default".into()),
            port_bindings,
            restart_policy: RestartPolicyDoc {
                name: restart.name,
                maximum_retry_count: restart.maximum_retry_count,
            },
            auto_remove: spec.auto_remove,
            publish_all_ports: spec.publish_all,
            memory: spec.memory,
            nano_cpus: spec.nano_cpus,
            mounts,
        },
        networking_config: serde_json::json!({"EndpointsConfig": {}}),
    }
}

/// Reads a create body (`name` from the query). Malformed JSON is
/// dockerd's 400 with Go's decoding error.
pub fn parse(body: &[u8], name: Option<&str>) -> Result<CreateSpec, EngineError> {
    let req: CreateRequest = serde_json::from_slice(body)
        .map_err(|e| EngineError::bad_request(go_json_error(body, &e)))?;
    let hc = req.host_config;
    let mut mounts = Vec::new();
    let binds = hc.binds.unwrap_or_default();
    for b in &binds {
        mounts.push(
            crate::engine::container::config::parse_volume(b).map_err(|e| {
                EngineError::bad_request(format!("invalid volume specification: '{b}': {e}"))
            })?,
        );
    }
    for m in hc.mounts {
        let kind = match m.kind.as_str() {
            "bind" => MountKind::Bind,
            "volume" | "" => MountKind::Volume,
            other => {
                return Err(EngineError::bad_request(format!(
                    "mount type unknown: \"{other}\""
                )))
            }
        };
        mounts.push(MountRequest {
            kind,
            source: m.source,
            destination: m.target,
            rw: !m.read_only,
        });
    }
    let mut ports = Vec::new();
    for (cp, bs) in hc.port_bindings {
        for b in bs {
            ports.push(PortSpec {
                container_port: cp.clone(),
                binding: PortBinding {
                    host_ip: b.host_ip,
                    host_port: b.host_port,
                },
            });
        }
    }
    let restart = (!hc.restart_policy.name.is_empty()).then_some(RestartPolicy {
        name: hc.restart_policy.name,
        maximum_retry_count: hc.restart_policy.maximum_retry_count,
    });
    let opt = |s: String| (!s.is_empty()).then_some(s);
    Ok(CreateSpec {
        name: name.filter(|n| !n.is_empty()).map(str::to_string),
        image: None,
        image_ref: req.image,
        cmd: req.cmd.filter(|c| !c.is_empty()),
        entrypoint: req.entrypoint,
        env: req.env,
        working_dir: opt(req.working_dir),
        user: opt(req.user),
        hostname: opt(req.hostname),
        tty: req.tty,
        open_stdin: req.open_stdin,
        labels: req.labels,
        ports,
        publish_all: hc.publish_all_ports,
        mounts,
        binds,
        network: opt(hc.network_mode).filter(|n| n != "default"),
        restart,
        auto_remove: hc.auto_remove,
        memory: hc.memory,
        nano_cpus: hc.nano_cpus,
        stop_signal: req.stop_signal,
        stop_timeout: req.stop_timeout,
    })
}

/// `invalid JSON: …` with the words of Go's `encoding/json` for the
/// error serde found.
pub fn go_json_error(body: &[u8], e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let text = match e.classify() {
        Category::Eof if body.iter().all(u8::is_ascii_whitespace) => "EOF".to_string(),
        Category::Eof => "unexpected EOF".to_string(),
        Category::Syntax | Category::Io => {
            let line = body
                .split(|&b| b == b'\n')
                .nth(e.line().saturating_sub(1))
                .unwrap_or(&[]);
            let c = line
                .get(e.column().saturating_sub(1))
                .map(|&b| b as char)
                .unwrap_or(' ');
            format!("invalid character '{c}' looking for beginning of value")
        }
        Category::Data => {
            let msg = e.to_string();
            let got = [
                "integer",
                "floating point",
                "string",
                "boolean",
                "map",
                "sequence",
                "null",
            ]
            .into_iter()
            .find(|k| msg.contains(&format!("invalid type: {k}")))
            .map(|k| match k {
                "integer" | "floating point" => "number",
                "map" => "object",
                "sequence" => "array",
                "boolean" => "bool",
                other => other,
            })
            .unwrap_or("value");
            let want = if msg.contains("expected a string") {
                "string"
            } else if msg.contains("expected a boolean") {
                "bool"
            } else if msg.contains("expected a sequence") {
                "[]string"
            } else if msg.contains("expected a map") || msg.contains("expected struct") {
                "map[string]string"
            } else {
                "int64"
            };
            format!("json: cannot unmarshal {got} into Go value of type {want}")
        }
    };
    format!("invalid JSON: {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_spec() {
        let spec = CreateSpec {
            image_ref: "nginx".into(),
            name: Some("web".into()),
            ports: crate::engine::container::config::parse_publish("8080:80").unwrap(),
            env: vec!["A=1".into()],
            cmd: Some(vec!["echo".into(), "hi".into()]),
            auto_remove: true,
            ..CreateSpec::default()
        };
        let text = serde_json::to_vec(&body(&spec)).unwrap();
        let back = parse(&text, Some("web")).unwrap();
        assert_eq!(back.image_ref, "nginx");
        assert_eq!(back.name.as_deref(), Some("web"));
        assert_eq!(back.ports, spec.ports);
        assert_eq!(back.cmd, spec.cmd);
        assert!(back.auto_remove);
        assert_eq!(back.network, None);
    }

    #[test]
    fn bad_bodies_are_400() {
        let e = parse(b"", None).unwrap_err();
        assert_eq!(
            (e.status(), e.to_string().as_str()),
            (400, "invalid JSON: EOF")
        );
        let e = parse(b"{\"Image\":", None).unwrap_err();
        assert_eq!(e.to_string(), "invalid JSON: unexpected EOF");
        let e = parse(b"{bad}", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid JSON: invalid character 'b' looking for beginning of value"
        );
        let e = parse(b"{\"Image\": 3}", None).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid JSON: json: cannot unmarshal number into Go value of type string"
        );
    }
}
