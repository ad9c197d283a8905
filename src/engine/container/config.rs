//! What a container is created with beyond the image's config: the
//! `HostConfig` (ports, mounts, restart policy, resources, network mode)
//! and the parsed forms of `-p`, `-v`, `--mount` and `--restart`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `--restart` (`HostConfig.RestartPolicy`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestartPolicy {
    /// `no`, `always`, `unless-stopped`, `on-failure` (Docker's `Name`;
    /// `no` is stored as `"no"`).
    pub name: String,
    pub maximum_retry_count: u32,
}

impl RestartPolicy {
    pub fn no() -> RestartPolicy {
        RestartPolicy {
            name: "no".into(),
            maximum_retry_count: 0,
        }
    }

    /// Parses `no`, `always`, `unless-stopped`, `on-failure[:N]`.
    pub fn parse(s: &str) -> Result<RestartPolicy, String> {
        let (name, count) = match s.split_once(':') {
            Some((n, c)) => (n, Some(c)),
            None => (s, None),
        };
        if count.is_some() && name.is_empty() {
            return Err("invalid restart policy format: no policy provided before colon".into());
        }
        let max = match count.filter(|c| !c.is_empty()) {
            None => 0,
            Some(c) => c.parse::<i64>().map_err(|_| {
                "invalid restart policy format: maximum retry count must be an integer".to_string()
            })?,
        };
        if max < 0 {
            return Err("invalid restart policy: maximum retry count cannot be negative".into());
        }
        let max = u32::try_from(max).unwrap_or(u32::MAX);
        let count = count.filter(|c| !c.is_empty() && max > 0);
        match name {
            "" | "no" => {
                if count.is_some() {
                    return Err(
                        "invalid restart policy: maximum retry count can only be used with 'on-failure'".into(),
                    );
                }
                Ok(RestartPolicy::no())
            }
            "always" | "unless-stopped" => {
                if count.is_some() {
                    return Err(
                        "invalid restart policy: maximum retry count can only be used with 'on-failure'".into(),
                    );
                }
                Ok(RestartPolicy {
                    name: name.into(),
                    maximum_retry_count: 0,
                })
            }
            "on-failure" => Ok(RestartPolicy {
                name: name.into(),
                maximum_retry_count: max,
            }),
            other => Err(format!("invalid restart policy: unknown policy '{other}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'")),
        }
    }

    /// Whether the container should come back after exiting with `code`,
    /// having been restarted `count` times, unless a user stopped it.
    pub fn should_restart(&self, code: i32, count: u32, stopped_by_user: bool) -> bool {
        if stopped_by_user {
            return false;
        }
        match self.name.as_str() {
            "always" | "unless-stopped" => true,
            "on-failure" => {
                code != 0 && (self.maximum_retry_count == 0 || count < self.maximum_retry_count)
            }
            _ => false,
        }
    }
}

/// One host binding of a container port (`HostConfig.PortBindings` entry).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortBinding {
    /// `""` (all addresses), `0.0.0.0`, `127.0.0.1`, `::` …
    pub host_ip: String,
    /// `""` = pick an ephemeral port.
    pub host_port: String,
}

/// A parsed `-p` value: container port `80/tcp` and its bindings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortSpec {
    pub container_port: String,
    pub binding: PortBinding,
}

/// Parses a `-p` value (`8080:80`, `127.0.0.1:8080:80`, `80`, `8080:80/udp`,
/// `8000-8001:80-81`).
pub fn parse_publish(s: &str) -> Result<Vec<PortSpec>, String> {
    let (body, proto) = match s.rsplit_once('/') {
        Some((b, p)) => (b, p),
        None => (s, "tcp"),
    };
    if !matches!(proto, "tcp" | "udp" | "sctp") {
        return Err(format!("invalid proto: {proto}"));
    }
    let parts: Vec<&str> = body.split(':').collect();
    let (ip, host, cport) = match parts.as_slice() {
        [c] => ("", "", *c),
        [h, c] => ("", *h, *c),
        [ip, h, c] => (*ip, *h, *c),
        _ => {
            // IPv6 host IP: [::1]:8080:80
            let Some(stripped) = body.strip_prefix('[') else {
                return Err(format!("invalid port format for --publish: {s}"));
            };
            let Some((ip, rest)) = stripped.split_once(']') else {
                return Err(format!("invalid port format for --publish: {s}"));
            };
            let rest = rest.trim_start_matches(':');
            let (h, c) = rest.split_once(':').unwrap_or(("", rest));
            return expand(ip, h, c, proto, s);
        }
    };
    expand(ip, host, cport, proto, s)
}

fn port_range(p: &str) -> Option<(u16, u16)> {
    match p.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (a.parse::<u16>().ok()?, b.parse::<u16>().ok()?);
            (a <= b).then_some((a, b))
        }
        None => p.parse::<u16>().ok().map(|x| (x, x)),
    }
}

fn expand(
    ip: &str,
    host: &str,
    cport: &str,
    proto: &str,
    raw: &str,
) -> Result<Vec<PortSpec>, String> {
    let Some((c0, c1)) = port_range(cport).filter(|(a, _)| *a > 0) else {
        return Err(format!("invalid containerPort: {cport}"));
    };
    let hrange = if host.is_empty() {
        None
    } else {
        Some(port_range(host).ok_or_else(|| format!("invalid hostPort: {host}"))?)
    };
    if let Some((h0, h1)) = hrange {
        if h1 - h0 != c1 - c0 && h0 != h1 {
            return Err(format!(
                "invalid ranges specified for container and host Ports: {cport} and {host}"
            ));
        }
    }
    let _ = raw;
    let mut out = Vec::new();
    for (i, c) in (c0..=c1).enumerate() {
        let hp = match hrange {
            None => String::new(),
            Some((h0, h1)) if h0 == h1 => h0.to_string(),
            Some((h0, _)) => (h0 as usize + i).to_string(),
        };
        out.push(PortSpec {
            container_port: format!("{c}/{proto}"),
            binding: PortBinding {
                host_ip: ip.to_string(),
                host_port: hp,
            },
        });
    }
    Ok(out)
}

/// A mount as the container sees it (`Mounts[]` in inspect).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MountPoint {
    /// `volume` or `bind`.
    pub kind: MountKind,
    /// Volume name (empty for binds).
    pub name: String,
    /// Host path of a bind, or the volume's `_data` directory.
    pub source: String,
    pub destination: String,
    pub rw: bool,
    /// Anonymous volume (removed by `rm -v`, and by `--rm`).
    pub anonymous: bool,
}

/// What kind of mount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MountKind {
    Volume,
    Bind,
}

impl MountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MountKind::Volume => "volume",
            MountKind::Bind => "bind",
        }
    }
}

/// A parsed `-v` / `--mount` request, before volumes are created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountRequest {
    pub kind: MountKind,
    /// Volume name (empty = anonymous) or host path for binds.
    pub source: String,
    pub destination: String,
    pub rw: bool,
}

/// Parses `-v SRC:DST[:ro]` or `-v DST`.
pub fn parse_volume(s: &str) -> Result<MountRequest, String> {
    let parts: Vec<&str> = s.split(':').collect();
    let (src, dst, mode) = match parts.as_slice() {
        [d] => ("", *d, ""),
        [s, d] => (*s, *d, ""),
        [s, d, m] => (*s, *d, *m),
        _ => return Err(format!("invalid spec: {s}: too many colons")),
    };
    if dst.is_empty() {
        return Err(format!("invalid spec: {s}: empty section between colons"));
    }
    if !dst.starts_with('/') {
        return Err(format!(
            "invalid mount config for type \"volume\": invalid mount path: '{dst}' mount path must be absolute"
        ));
    }
    let rw = match mode {
        "" | "rw" | "z" | "Z" => true,
        "ro" => false,
        m => return Err(format!("invalid mode: {m}")),
    };
    let kind = if src.starts_with('/') || src.starts_with('.') || src.starts_with('~') {
        MountKind::Bind
    } else {
        MountKind::Volume
    };
    Ok(MountRequest {
        kind,
        source: src.to_string(),
        destination: crate::engine::fs::path::normalize(dst),
        rw,
    })
}

/// Parses `--mount type=volume,source=x,target=/data[,readonly]`.
pub fn parse_mount(s: &str) -> Result<MountRequest, String> {
    let mut kind = MountKind::Volume;
    let mut src = String::new();
    let mut dst = String::new();
    let mut rw = true;
    for field in s.split(',') {
        let (k, v) = field.split_once('=').unwrap_or((field, ""));
        match k {
            "type" => {
                kind = match v {
                    "volume" => MountKind::Volume,
                    "bind" => MountKind::Bind,
                    other => {
                        return Err(format!(
                            "invalid field 'type' must be a valid mount type: {other}"
                        ))
                    }
                }
            }
            "source" | "src" => src = v.to_string(),
            "target" | "destination" | "dst" => dst = v.to_string(),
            "readonly" | "ro" => rw = v == "false" || v == "0",
            _ => return Err(format!("unexpected key '{k}' in '{field}'")),
        }
    }
    if dst.is_empty() {
        return Err("invalid argument \"".to_string()
            + s
            + "\" for \"--mount\" flag: target is required");
    }
    Ok(MountRequest {
        kind,
        source: src,
        destination: crate::engine::fs::path::normalize(&dst),
        rw,
    })
}

/// `HostConfig` of a container.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct HostConfig {
    /// `-v` strings as given (`Binds`).
    pub binds: Vec<String>,
    /// `network_mode`: `bridge`, `host`, `none` or a network name.
    pub network_mode: String,
    /// Container port (`80/tcp`) → bindings.
    pub port_bindings: BTreeMap<String, Vec<PortBinding>>,
    pub restart_policy: RestartPolicy,
    pub auto_remove: bool,
    pub publish_all_ports: bool,
    /// Bytes; 0 = unlimited.
    pub memory: i64,
    /// CPUs × 10⁹; 0 = unlimited.
    pub nano_cpus: i64,
}

/// A port binding in effect while the container runs
/// (`NetworkSettings.Ports`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivePort {
    /// `80/tcp`.
    pub container_port: String,
    pub host_ip: String,
    pub host_port: u16,
}

/// The container's attachment to one network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub network_id: String,
    pub endpoint_id: String,
    pub ip: String,
    pub gateway: String,
    pub mac: String,
    pub prefix_len: u8,
    pub aliases: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_forms() {
        let p = parse_publish("127.0.0.1:8080:80").unwrap();
        assert_eq!(p[0].container_port, "80/tcp");
        assert_eq!(p[0].binding.host_ip, "127.0.0.1");
        assert_eq!(p[0].binding.host_port, "8080");
        let p = parse_publish("80").unwrap();
        assert_eq!(p[0].binding.host_port, "");
        assert_eq!(parse_publish("8000-8001:80-81/udp").unwrap().len(), 2);
        assert!(parse_publish("x:80").is_err());
    }

    #[test]
    fn volume_forms() {
        let v = parse_volume("data:/var/lib/data").unwrap();
        assert_eq!(v.kind, MountKind::Volume);
        let v = parse_volume("/home/learner/app:/app:ro").unwrap();
        assert_eq!(v.kind, MountKind::Bind);
        assert!(!v.rw);
        assert_eq!(parse_volume("/data").unwrap().source, "");
    }

    #[test]
    fn restart_policies() {
        assert_eq!(
            RestartPolicy::parse("on-failure:3")
                .unwrap()
                .maximum_retry_count,
            3
        );
        assert!(RestartPolicy::parse("sometimes").is_err());
        assert_eq!(
            RestartPolicy::parse(":3").unwrap_err(),
            "invalid restart policy format: no policy provided before colon"
        );
        assert_eq!(
            RestartPolicy::parse("on-failure:-1").unwrap_err(),
            "invalid restart policy: maximum retry count cannot be negative"
        );
        assert_eq!(
            RestartPolicy::parse("always:3").unwrap_err(),
            "invalid restart policy: maximum retry count can only be used with 'on-failure'"
        );
        let p = RestartPolicy::parse("on-failure:2").unwrap();
        assert!(p.should_restart(1, 1, false));
        assert!(!p.should_restart(1, 2, false));
        assert!(!p.should_restart(0, 0, false));
    }
}
