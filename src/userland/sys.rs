//! [`Sys`]: the system interface programs run against — like the syscalls a
//! real process makes. Implemented for the host by the sandbox and for
//! containers by `engine::runtime`.

use crate::engine::clock::Millis;
use crate::engine::fs::UnionFs;
use crate::userland::io::Output;
use std::collections::BTreeMap;

/// Where a program runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SysKind {
    /// The learner's machine (host name).
    Host(String),
    /// A container (64-hex id).
    Container(String),
}

pub use crate::proto::http::{HttpRequest, HttpResponse};

/// A network interface as `ip addr` and `ifconfig` show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Iface {
    pub name: String,
    /// IPv4 address and prefix length.
    pub addr: Option<(String, u8)>,
    pub mac: String,
    /// Index of the peer interface (`eth0@if7`), for veth pairs.
    pub peer: Option<u32>,
}

/// A process as `ps` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcInfo {
    pub pid: u32,
    pub user: String,
    /// When it started.
    pub started: Millis,
    /// Command line.
    pub cmd: String,
    /// Whether it has a terminal (`pts/0`).
    pub tty: bool,
}

/// The system a program runs on.
pub trait Sys {
    /// Where this program runs.
    fn kind(&self) -> SysKind;
    /// The filesystem that serves absolute path `p` (mounts resolved) and
    /// the path inside it.
    fn fs_for(&mut self, p: &str) -> (&mut UnionFs, String);
    /// Read-only variant of [`Sys::fs_for`].
    fn fs_for_ref(&self, p: &str) -> (&UnionFs, String);
    /// Current time as this process sees it.
    fn now(&self) -> Millis;
    /// Blocks the process for `ms` (advances its clock).
    fn sleep(&mut self, ms: Millis);
    /// `hostname`.
    fn hostname(&self) -> String;
    /// Sends an HTTP request over the network this process is attached to.
    /// `Err` carries curl's error text (e.g. `Failed to connect to … Connection refused`).
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, String>;
    /// Runs the `docker` client (host only); returns its exit code.
    fn docker(&mut self, argv: &[String], stdin: &[u8], out: &mut Output) -> i32 {
        let _ = (argv, stdin);
        out.errln("bash: docker: command not found");
        127
    }
    /// Runs the `docker` client from a shell in `cwd` with environment
    /// `env` (the build context `.`, `-v ./dir:…`, `DOCKER_BUILDKIT`).
    fn docker_in(
        &mut self,
        argv: &[String],
        stdin: &[u8],
        cwd: &str,
        env: &[(String, String)],
        out: &mut Output,
    ) -> i32 {
        let _ = (cwd, env);
        self.docker(argv, stdin, out)
    }
    /// Sends an HTTP request over the Unix socket at `path` (`curl
    /// --unix-socket`). `Err` carries curl's error text. By default no
    /// socket listens.
    fn unix_http(&mut self, path: &str, req: &HttpRequest) -> Result<HttpResponse, String> {
        let _ = path;
        Err(format!(
            "Failed to connect to {} port {} after 0 ms: Couldn't connect to server",
            req.host, req.port
        ))
    }
    /// `systemctl stop docker` (host only).
    fn stop_docker(&mut self) {}
    /// dockerd's journal on this machine (`journalctl -u docker`): (time,
    /// message) pairs, oldest first; empty where no dockerd runs.
    fn docker_journal(&self) -> Vec<(Millis, String)> {
        Vec::new()
    }
    /// Environment passed to new processes by default (image ENV, etc.).
    fn base_env(&self) -> BTreeMap<String, String> {
        BTreeMap::new()
    }
    /// Network interfaces (`ip addr`, `ifconfig`, `hostname -I`). The
    /// default is a container on the default bridge.
    fn interfaces(&self) -> Vec<Iface> {
        vec![
            Iface {
                name: "lo".into(),
                addr: Some(("127.0.0.1".into(), 8)),
                mac: "00:00:00:00:00:00".into(),
                peer: None,
            },
            Iface {
                name: "eth0".into(),
                addr: Some(("172.17.0.2".into(), 16)),
                mac: "02:42:ac:11:00:02".into(),
                peer: Some(7),
            },
        ]
    }
    /// Running processes (`ps`), the caller's shell included; empty when
    /// unknown (then `ps` shows the shell and itself).
    fn processes(&self) -> Vec<ProcInfo> {
        Vec::new()
    }
    /// Sends `signal` (`TERM`, `KILL`, `INT` …) to process `pid`.
    /// `Err` carries the errno text (`No such process`).
    fn signal(&mut self, pid: u32, signal: &str) -> Result<(), String> {
        let _ = (pid, signal);
        Err("No such process".into())
    }
    /// Whether an ICMP echo to `ip` gets a reply (`ping`).
    fn ping(&self, ip: &str) -> bool {
        fn v4(s: &str) -> Option<u32> {
            let p: Vec<u32> = s.split('.').filter_map(|x| x.parse().ok()).collect();
            (p.len() == 4).then(|| (p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3])
        }
        let Some(target) = v4(ip) else { return false };
        ip.starts_with("127.")
            || self.interfaces().iter().any(|i| {
                i.addr.as_ref().is_some_and(|(a, pfx)| {
                    // own address, or a neighbour on the same network
                    let mask = if *pfx == 0 {
                        0
                    } else {
                        u32::MAX << (32 - (*pfx as u32).min(32))
                    };
                    v4(a).is_some_and(|own| own & mask == target & mask) && i.name != "lo"
                })
            })
    }
    /// Resolves a host name to an IPv4 address (`/etc/hosts`, DNS,
    /// container names on user networks).
    fn resolve_host(&self, name: &str) -> Option<String> {
        if name == "localhost" {
            return Some("127.0.0.1".into());
        }
        if name.split('.').count() == 4 && name.split('.').all(|p| p.parse::<u8>().is_ok()) {
            return Some(name.to_string());
        }
        None
    }
    /// Restarts the Docker daemon (`systemctl restart docker`, host only):
    /// rereads `/etc/docker/daemon.json`. `Err` carries the error text.
    fn restart_docker(&mut self) -> Result<(), String> {
        Err("System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down".into())
    }
    /// Whether the Docker daemon runs (`systemctl status docker`).
    fn docker_active_since(&self) -> Option<Millis> {
        None
    }
}
