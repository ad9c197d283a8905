//! `/etc/docker/daemon.json`: the daemon's configuration file, read when
//! the daemon starts or restarts (`systemctl restart docker`). Only the
//! keys the sandbox acts on are kept; unknown keys are accepted as dockerd
//! accepts them.

use serde::{Deserialize, Serialize};

/// Where dockerd reads its configuration.
pub const PATH: &str = "/etc/docker/daemon.json";

/// What the daemon took from `daemon.json` at its last start.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaemonConfig {
    /// `insecure-registries`: `HOST:PORT` reached over plain HTTP.
    #[serde(default, rename = "insecure-registries")]
    pub insecure_registries: Vec<String>,
    /// `registry-mirrors` (kept; pulls do not go through mirrors here).
    #[serde(default, rename = "registry-mirrors")]
    pub registry_mirrors: Vec<String>,
    /// `hosts`: where dockerd listens (`unix:///var/run/docker.sock`,
    /// `tcp://0.0.0.0:2375`); empty means the default socket only.
    #[serde(default)]
    pub hosts: Vec<String>,
    #[serde(default)]
    pub debug: bool,
    #[serde(default)]
    pub experimental: bool,
    #[serde(default, rename = "live-restore")]
    pub live_restore: bool,
    #[serde(default, rename = "log-driver")]
    pub log_driver: Option<String>,
    #[serde(default, rename = "data-root")]
    pub data_root: Option<String>,
    #[serde(default)]
    pub labels: Vec<String>,
}

impl DaemonConfig {
    /// The TCP port dockerd listens on (`tcp://0.0.0.0:2375`), if any.
    pub fn tcp_port(&self) -> Option<u16> {
        self.hosts.iter().find_map(|h| {
            let rest = h.strip_prefix("tcp://")?;
            let port = rest.rsplit_once(':').map(|(_, p)| p).unwrap_or("2375");
            port.trim_end_matches('/').parse().ok()
        })
    }
}

/// Parses `daemon.json`. An empty file is an empty configuration; invalid
/// JSON is dockerd's start error text.
pub fn parse(text: &str) -> Result<DaemonConfig, String> {
    if text.trim().is_empty() {
        return Ok(DaemonConfig::default());
    }
    serde_json::from_str::<DaemonConfig>(text)
        .map_err(|e| format!("unable to configure the Docker daemon with file {PATH}: {e}"))
}

/// `systemctl restart docker` on host `h`: rereads `daemon.json` (a bad
/// file fails the start as systemd reports it), then restarts the daemon
/// (`container::lifecycle::daemon_restart`). Returns the containers
/// brought back by their restart policy.
pub fn restart(
    engine: &mut crate::engine::Engine,
    h: crate::engine::HostId,
) -> Result<Vec<String>, String> {
    let text = engine.host(h).fs.read_text(PATH).unwrap_or_default();
    let cfg = parse(&text).map_err(|_| {
        "Job for docker.service failed because the control process exited with error code.\nSee \"systemctl status docker.service\" and \"journalctl -xeu docker.service\" for details.".to_string()
    })?;
    engine.host_mut(h).daemon.config = cfg;
    engine.host_mut(h).daemon.stopped = false;
    Ok(crate::engine::container::lifecycle::daemon_restart(
        engine, h,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_insecure_registries() {
        let c =
            parse("{\n  \"insecure-registries\": [\"192.168.1.10:5000\"],\n  \"debug\": true\n}\n")
                .unwrap();
        assert_eq!(c.insecure_registries, vec!["192.168.1.10:5000"]);
        assert_eq!(parse("{\n}\n").unwrap(), DaemonConfig::default());
        assert!(parse("{ // comment\n}").is_err());
    }
}
