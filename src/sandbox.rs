//! The sandbox: the engine, the shells the learner types into (the host
//! shell and any container shells entered with `docker run -it` / `docker
//! exec -it`), the command history, and persistence as one JSON document.
//! The browser and the native binary both drive a [`Sandbox`].
//!
//! The host is the learner's Linux machine (`laptop`): a root filesystem
//! built by [`host_fs`], root's bash in `/root`, published ports reachable
//! at its IP. Lines go to the host shell until a command's output carries
//! `Action::Attach`; then they go to `engine::runtime::attach_line` until
//! that session ends.

use crate::engine::clock::{Millis, SCRIPT_EPOCH_MS};
use crate::engine::fs::{path, Content, Entry, Meta, UnionFs};
use crate::engine::{Engine, HostId};
use crate::userland::shell::{Shell, ShellKind};
use crate::userland::{
    Action, HttpRequest, HttpResponse, Iface, Output, ProcInfo, ShellSession, Sys, SysKind,
};
use serde::{Deserialize, Serialize};

/// The machines of the simulated network: the learner's laptop (host 0)
/// and a server reached with `ssh server` (created on first login, with
/// its own daemon and an empty image store).
pub const MACHINES: &[(&str, &str)] = &[("laptop", "192.168.1.10"), ("server", "192.168.1.20")];

/// Virtual milliseconds each command takes in script mode.
pub const TICK_MS: Millis = 1000;

/// The result of one typed line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandResult {
    pub output: Output,
    pub exit_code: i32,
}

impl CommandResult {
    pub fn stdout(&self) -> String {
        self.output.stdout()
    }
    pub fn stderr(&self) -> String {
        self.output.stderr()
    }
}

/// How time passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockMode {
    /// Script mode: starts at a fixed instant, advances by [`TICK_MS`] per
    /// command plus what commands do (`sleep`).
    Virtual,
    /// Browser / REPL: follows the real clock passed to [`Sandbox::run_line_at`].
    Real,
}

/// A terminal session attached to a container's shell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub host: HostId,
    pub container: String,
    pub exec: Option<String>,
}

/// Everything the learner has.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Sandbox {
    pub engine: Engine,
    pub mode: ClockMode,
    /// The host the learner is typing on.
    pub current_host: HostId,
    pub history: Vec<String>,
    /// Each host's interactive shell (index = host id).
    #[serde(default)]
    pub host_shells: Vec<ShellSession>,
    /// Attached container shells, innermost last.
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// Hosts left by `ssh` (and the name typed), innermost last; `exit`
    /// on the current host returns to the last one.
    #[serde(default)]
    pub ssh_stack: Vec<(HostId, String)>,
    /// Whether the terminal follows running output (`Action::Follow`): the
    /// browser does; scripts and the REPL get a note instead.
    #[serde(skip, default = "following_terminal")]
    pub live_follow: bool,
}

/// A restored sandbox is the browser's (the only one that saves), and the
/// browser follows running output.
fn following_terminal() -> bool {
    true
}

/// The host's view of the system for its programs.
pub struct HostSys<'a> {
    pub engine: &'a mut Engine,
    pub host: HostId,
}

impl Sys for HostSys<'_> {
    fn kind(&self) -> SysKind {
        SysKind::Host(self.engine.host(self.host).name.clone())
    }
    fn fs_for(&mut self, p: &str) -> (&mut UnionFs, String) {
        (&mut self.engine.hosts[self.host].fs, p.to_string())
    }
    fn fs_for_ref(&self, p: &str) -> (&UnionFs, String) {
        (&self.engine.hosts[self.host].fs, p.to_string())
    }
    fn now(&self) -> Millis {
        self.engine.clock.now()
    }
    fn sleep(&mut self, ms: Millis) {
        self.engine.clock.advance(ms);
    }
    fn hostname(&self) -> String {
        self.engine.host(self.host).name.clone()
    }
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, String> {
        // Another machine of the network: its published ports answer.
        let other = self
            .engine
            .hosts
            .iter()
            .position(|h| h.ip == req.host || h.name == req.host);
        match other {
            Some(o) if o != self.host => crate::engine::runtime::http(self.engine, o, None, req),
            _ => crate::engine::runtime::http(self.engine, self.host, None, req),
        }
    }
    fn docker(&mut self, argv: &[String], stdin: &[u8], out: &mut Output) -> i32 {
        crate::cli::run(self.engine, self.host, argv, stdin, out)
    }
    fn docker_in(
        &mut self,
        argv: &[String],
        stdin: &[u8],
        cwd: &str,
        env: &[(String, String)],
        out: &mut Output,
    ) -> i32 {
        let client = crate::cli::builder::ClientEnv {
            cwd: cwd.to_string(),
            vars: env.to_vec(),
            stdin: stdin.to_vec(),
        };
        crate::cli::run_in(self.engine, self.host, argv, stdin, &client, out)
    }
    fn interfaces(&self) -> Vec<Iface> {
        let ip = self.engine.host(self.host).ip.clone();
        vec![
            Iface {
                name: "lo".into(),
                addr: Some(("127.0.0.1".into(), 8)),
                mac: "00:00:00:00:00:00".into(),
                peer: None,
            },
            Iface {
                name: "eth0".into(),
                addr: Some((ip, 24)),
                mac: format!("52:54:00:12:34:{:02x}", 0x56 + self.host),
                peer: None,
            },
            Iface {
                name: "docker0".into(),
                addr: Some(("172.17.0.1".into(), 16)),
                mac: "02:42:3b:5c:1d:7e".into(),
                peer: None,
            },
        ]
    }
    fn processes(&self) -> Vec<ProcInfo> {
        let started = self.engine.host(self.host).daemon.started_at;
        [
            (1, "/sbin/init"),
            (412, "/usr/lib/systemd/systemd-journald"),
            (688, "/usr/bin/containerd"),
            (
                903,
                "/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock",
            ),
            (1290, "-bash"),
        ]
        .into_iter()
        .map(|(pid, cmd)| ProcInfo {
            pid,
            user: "root".into(),
            started,
            cmd: cmd.into(),
            tty: pid == 1290,
        })
        .collect()
    }
    fn ping(&self, ip: &str) -> bool {
        ip.starts_with("127.")
            || ip.starts_with("172.17.")
            || ip.starts_with("172.18.")
            || self.engine.hosts.iter().any(|h| h.ip == ip)
            || MACHINES.iter().any(|(_, m)| *m == ip)
    }
    fn resolve_host(&self, name: &str) -> Option<String> {
        if name == "localhost" {
            return Some("127.0.0.1".into());
        }
        if let Some(h) = self.engine.hosts.iter().find(|h| h.name == name) {
            return Some(h.ip.clone());
        }
        if let Some((_, ip)) = MACHINES.iter().find(|(n, _)| *n == name) {
            return Some(ip.to_string());
        }
        if name.split('.').count() == 4 && name.split('.').all(|p| p.parse::<u8>().is_ok()) {
            return Some(name.to_string());
        }
        // registries the engine knows resolve (their address is not shown)
        if name.ends_with(".com") || name.ends_with(".io") {
            return Some("203.0.113.10".into());
        }
        None
    }
    fn restart_docker(&mut self) -> Result<(), String> {
        crate::engine::daemon_config::restart(self.engine, self.host).map(|_| ())
    }
    fn docker_active_since(&self) -> Option<Millis> {
        let d = &self.engine.host(self.host).daemon;
        (!d.stopped).then_some(d.started_at)
    }
    fn stop_docker(&mut self) {
        self.engine.host_mut(self.host).daemon.stopped = true;
    }
    fn docker_journal(&self) -> Vec<(Millis, String)> {
        crate::engine::api::log::journal(&self.engine.host(self.host).daemon)
    }
    fn unix_http(&mut self, path: &str, req: &HttpRequest) -> Result<HttpResponse, String> {
        let listening = matches!(path, DOCKER_SOCK | "/run/docker.sock")
            && crate::engine::api::listens(self.engine, self.host, None);
        if !listening {
            return Err(format!(
                "Failed to connect to {} port {} after 0 ms: Couldn't connect to server",
                req.host, req.port
            ));
        }
        Ok(crate::engine::api::serve(self.engine, self.host, req))
    }
}

/// Where every machine's dockerd listens; `S_IFSOCK` (`ls -l` shows `s`).
pub const DOCKER_SOCK: &str = "/var/run/docker.sock";
pub const SOCKET_MODE: u32 = 0o140000;

impl Sandbox {
    /// A deterministic sandbox for scripts and tests.
    pub fn new_script() -> Sandbox {
        Sandbox::new(ClockMode::Virtual, SCRIPT_EPOCH_MS, 1)
    }

    /// A sandbox in real time, starting at `now` with ids from `seed`.
    pub fn new_live(now: Millis, seed: u64) -> Sandbox {
        Sandbox::new(ClockMode::Real, now, seed)
    }

    fn new(mode: ClockMode, now: Millis, seed: u64) -> Sandbox {
        let mut engine = Engine::new(now, seed);
        let mtime = now.div_euclid(1000);
        for h in &mut engine.hosts {
            h.fs = host_fs(&h.name, &h.ip, mtime);
        }
        let host_shells = engine.hosts.iter().map(|_| host_shell()).collect();
        Sandbox {
            engine,
            mode,
            current_host: 0,
            history: Vec::new(),
            host_shells,
            sessions: Vec::new(),
            ssh_stack: Vec::new(),
            live_follow: mode == ClockMode::Real,
        }
    }

    /// Runs one line in script mode (virtual clock).
    pub fn run_line(&mut self, line: &str) -> CommandResult {
        self.engine.clock.advance(TICK_MS);
        self.execute(line)
    }

    /// Runs one line with the real clock at `now`.
    pub fn run_line_at(&mut self, line: &str, now: Millis) -> CommandResult {
        self.engine.clock.set(now);
        self.execute(line)
    }

    fn ensure_host_shells(&mut self) {
        while self.host_shells.len() < self.engine.hosts.len() {
            let mtime = self.engine.clock.now_secs();
            let k = self.host_shells.len();
            if self.engine.hosts[k]
                .fs
                .read_dir("/")
                .map(|v| v.is_empty())
                .unwrap_or(true)
            {
                let (name, ip) = (
                    self.engine.hosts[k].name.clone(),
                    self.engine.hosts[k].ip.clone(),
                );
                self.engine.hosts[k].fs = host_fs(&name, &ip, mtime);
            }
            self.host_shells.push(host_shell());
        }
    }

    fn execute(&mut self, line: &str) -> CommandResult {
        self.ensure_host_shells();
        for h in 0..self.engine.hosts.len() {
            crate::engine::runtime::advance(&mut self.engine, h);
        }
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            self.history.push(trimmed.to_string());
        }
        let mut out = Output::new();
        let code;
        // sessions whose container stopped meanwhile are over
        while let Some(s) = self.sessions.last() {
            let alive = self
                .engine
                .hosts
                .get(s.host)
                .and_then(|h| h.daemon.containers.find(&s.container))
                .is_some_and(|c| {
                    c.state.is_running()
                        && match &s.exec {
                            Some(e) => c.execs.contains_key(e),
                            None => matches!(
                                c.process,
                                Some(crate::engine::runtime::proc::Proc::Interactive(_))
                            ),
                        }
                });
            if alive {
                break;
            }
            self.sessions.pop();
        }
        if let Some(s) = self.sessions.last().cloned() {
            let r = crate::engine::runtime::attach_line(
                &mut self.engine,
                s.host,
                &s.container,
                s.exec.as_deref(),
                line,
                &mut out,
            );
            code = match r {
                Some(c) => {
                    self.sessions.pop();
                    c
                }
                None => self.session_status(&s),
            };
        } else {
            let h = self.current_host;
            let sess = &mut self.host_shells[h];
            let mut sys = HostSys {
                engine: &mut self.engine,
                host: h,
            };
            // A login shell on a machine reached with ssh: `logout` ends it too.
            let remote = !self.ssh_stack.is_empty();
            let r = if remote && trimmed == "logout" {
                Some(0)
            } else {
                crate::userland::shell_line(&mut sys, sess, line, &mut out)
            };
            if r.is_some() && remote {
                if let Some((back, typed)) = self.ssh_stack.pop() {
                    out = Output::new();
                    out.outln("logout");
                    out.errln(format!("Connection to {typed} closed."));
                    sess.shell = host_shell().shell;
                    self.current_host = back;
                }
            } else if r.is_some() {
                // The host's terminal stays open: `exit` at the host prompt
                // does nothing visible.
                out = Output::new();
                sess.shell.last = 0;
            }
            code = sess.shell.last;
        }
        if let Some(Action::Attach {
            host,
            container,
            exec,
        }) = out.action.clone()
        {
            self.sessions.push(Session {
                host,
                container,
                exec,
            });
        }
        if let Some(Action::Ssh { host }) = out.action.clone() {
            self.ssh_login(&host, &mut out);
        }
        if let Some(Action::Follow {
            host,
            container,
            attached,
            ..
        }) = out.action.clone()
        {
            if !self.live_follow {
                // A terminal that cannot follow: say what stays running.
                out.action = None;
                if attached {
                    let name = self
                        .engine
                        .hosts
                        .get(host)
                        .and_then(|h| h.daemon.containers.by_id.get(&container))
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    out.errln(format!(
                        "dockerlings: the container is still running; detached from it (see `docker logs {name}`, stop it with `docker stop {name}`)"
                    ));
                }
            }
        }
        CommandResult {
            output: out,
            exit_code: code,
        }
    }

    /// One step of following a container's logs (`Action::Follow`) with the
    /// real clock at `now`: the lines written since `*from`. Returns whether
    /// the container is still running (following goes on).
    pub fn follow_tick(
        &mut self,
        host: HostId,
        container: &str,
        from: &mut usize,
        now: Millis,
    ) -> (Output, bool) {
        self.engine.clock.set(now);
        let mut out = Output::new();
        if host >= self.engine.hosts.len() {
            return (out, false);
        }
        crate::engine::runtime::advance(&mut self.engine, host);
        let Some(c) = self.engine.hosts[host]
            .daemon
            .containers
            .by_id
            .get(container)
        else {
            return (out, false);
        };
        for l in c.logs.iter().skip(*from) {
            match l.stream {
                crate::engine::container::LogStream::Stdout => out.out(&l.text),
                crate::engine::container::LogStream::Stderr => out.err(&l.text),
            }
        }
        *from = c.logs.len();
        (out, c.state.is_running())
    }

    /// Ctrl+C while following: an attached `docker run` proxies SIGINT to
    /// the container (as the CLI's `--sig-proxy` does); `docker logs -f`
    /// just stops. Returns what the container printed on its way out.
    pub fn follow_interrupt(
        &mut self,
        host: HostId,
        container: &str,
        attached: bool,
        from: &mut usize,
        now: Millis,
    ) -> Output {
        if attached && host < self.engine.hosts.len() {
            self.engine.clock.set(now);
            let _ =
                crate::engine::container::lifecycle::kill(&mut self.engine, host, container, "INT");
        }
        self.follow_tick(host, container, from, now).0
    }

    /// Switches the terminal to machine `host` (`server`, `192.168.1.20`)
    /// as `ssh` does — for a UI tab per machine. Returns the login banner;
    /// unknown machines are ignored.
    pub fn switch_host(&mut self, host: &str) -> Output {
        let mut out = Output::new();
        self.ssh_login(host, &mut out);
        out
    }

    /// Switches the terminal to the machine `typed` (a name or IP), creating
    /// it on first use.
    fn ssh_login(&mut self, typed: &str, out: &mut Output) {
        let found = self
            .engine
            .hosts
            .iter()
            .position(|h| h.name == typed || h.ip == typed);
        let h = match found {
            Some(h) => h,
            None => {
                let Some((name, ip)) = MACHINES.iter().find(|(n, ip)| *n == typed || *ip == typed)
                else {
                    return;
                };
                self.engine.add_host(name, ip)
            }
        };
        self.ensure_host_shells();
        if h == self.current_host {
            return;
        }
        self.ssh_stack.push((self.current_host, typed.to_string()));
        self.current_host = h;
        out.outln(format!(
            "Welcome to Ubuntu 24.04.1 LTS (GNU/Linux 6.8.0-51-generic x86_64)\n\nLast login: {} from {}",
            crate::userland::programs::system::strftime(self.engine.now(), "%a %b %e %T %Y"),
            self.engine.host(self.ssh_stack.last().map_or(0, |s| s.0)).ip
        ));
    }

    /// `$?` of the shell attached in session `s`.
    fn session_status(&self, s: &Session) -> i32 {
        use crate::engine::runtime::proc::Proc;
        let Some(c) = self
            .engine
            .hosts
            .get(s.host)
            .and_then(|h| h.daemon.containers.find(&s.container))
        else {
            return 0;
        };
        match &s.exec {
            Some(e) => c.execs.get(e).map(|x| x.session.last_status()).unwrap_or(0),
            None => match &c.process {
                Some(Proc::Interactive(sess)) => sess.last_status(),
                _ => 0,
            },
        }
    }

    /// The prompt shown before the input line.
    pub fn prompt(&self) -> String {
        if let Some(s) = self.sessions.last() {
            return crate::engine::runtime::attach_prompt(
                &self.engine,
                s.host,
                &s.container,
                s.exec.as_deref(),
            );
        }
        let h = self.current_host;
        match self.host_shells.get(h) {
            Some(sess) => crate::userland::session_prompt(sess, &self.engine.host(h).name),
            None => format!("root@{}:~# ", self.engine.host(h).name),
        }
    }

    /// Completions for the line typed so far: candidates for its last word
    /// (commands on `PATH` in command position, else paths; directories end
    /// with `/`).
    pub fn complete(&self, line: &str) -> Vec<String> {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.first() == Some(&"docker") && (words.len() > 1 || line.ends_with(' ')) {
            return crate::cli::complete::complete(&self.engine, self.current_host, line);
        }
        let ends_space = line.ends_with(' ') || line.is_empty();
        let last = if ends_space {
            ""
        } else {
            words.last().copied().unwrap_or("")
        };
        let command_pos = words.is_empty() || (words.len() == 1 && !ends_space);
        let h = self.current_host;
        let fs = &self.engine.host(h).fs;
        let cwd = self
            .host_shells
            .get(h)
            .map(|s| s.shell.cwd.clone())
            .unwrap_or_else(|| "/root".into());
        let mut out = Vec::new();
        if command_pos && !last.contains('/') {
            let pathv = self
                .host_shells
                .get(h)
                .and_then(|s| s.shell.get("PATH"))
                .unwrap_or_else(|| crate::userland::programs::DEFAULT_PATH.into());
            for dir in pathv.split(':') {
                for e in fs.read_dir(dir).unwrap_or_default() {
                    if e.name.starts_with(last) && !out.contains(&e.name) {
                        out.push(e.name);
                    }
                }
            }
            for b in [
                "cd", "export", "history", "source", "exit", "echo", "pwd", "unset",
            ] {
                if b.starts_with(last) && !out.iter().any(|x| x == b) {
                    out.push(b.to_string());
                }
            }
            out.sort();
            return out;
        }
        let (dir_part, base) = match last.rfind('/') {
            Some(i) => (&last[..=i], &last[i + 1..]),
            None => ("", last),
        };
        let dir_abs = if dir_part.starts_with('~') {
            path::join(
                "/root",
                dir_part.trim_start_matches('~').trim_start_matches('/'),
            )
        } else {
            path::join(&cwd, if dir_part.is_empty() { "." } else { dir_part })
        };
        for e in fs.read_dir(&dir_abs).unwrap_or_default() {
            if !e.name.starts_with(base) || (e.name.starts_with('.') && !base.starts_with('.')) {
                continue;
            }
            let full = path::child(&dir_abs, &e.name);
            let is_dir = fs.stat(&full).map(Entry::is_dir).unwrap_or(false);
            out.push(format!(
                "{dir_part}{}{}",
                e.name,
                if is_dir { "/" } else { "" }
            ));
        }
        out.sort();
        out
    }

    /// The filesystem the editor works on: the attached container's when a
    /// session is active, else the current host's.
    fn edit_fs(&self) -> &UnionFs {
        if let Some(s) = self.sessions.last() {
            if let Some(c) = self
                .engine
                .host(s.host)
                .daemon
                .containers
                .find(&s.container)
            {
                return &c.fs;
            }
        }
        &self.engine.host(self.current_host).fs
    }

    /// The text of a file the editor opens (`Action::Edit`), in the
    /// filesystem where the command ran. A missing file edits as empty.
    pub fn edit_load(&self, path: &str) -> Result<String, String> {
        let fs = self.edit_fs();
        match fs.read_text(path) {
            Ok(t) => Ok(t),
            Err(crate::engine::fs::FsError::NotFound) => Ok(String::new()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Saves the editor's text back to the file.
    pub fn edit_save(&mut self, path: &str, text: &str) -> Result<(), String> {
        let now = self.engine.clock.now_secs();
        let target = self.sessions.last().cloned();
        let fs = match target {
            Some(s) => match self.engine.hosts[s.host]
                .daemon
                .containers
                .find_mut(&s.container)
            {
                Some(c) => &mut c.fs,
                None => &mut self.engine.hosts[self.current_host].fs,
            },
            None => &mut self.engine.hosts[self.current_host].fs,
        };
        fs.write_file(path, Content::text(text), now)
            .map_err(|e| e.to_string())
    }

    /// The whole sandbox as JSON.
    pub fn save(&self) -> String {
        serde_json::to_string(self).expect("sandbox serialises")
    }

    /// Restores a sandbox saved by [`Sandbox::save`].
    pub fn load(json: &str) -> Result<Sandbox, String> {
        let mut s: Sandbox = serde_json::from_str(json).map_err(|e| e.to_string())?;
        s.engine.relink();
        s.ensure_host_shells();
        Ok(s)
    }
}

/// Root's login shell on a host.
fn host_shell() -> ShellSession {
    let env: Vec<(String, String)> = [
        ("HOME", "/root"),
        ("LANG", "C.UTF-8"),
        ("LOGNAME", "root"),
        (
            "PATH",
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin",
        ),
        ("SHELL", "/bin/bash"),
        ("TERM", "xterm-256color"),
        ("USER", "root"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut sh = Shell::new(ShellKind::Bash, "bash", "/root", &env);
    sh.interactive = true;
    sh.tty = true;
    sh.user = "root".into();
    sh.pid = 1290;
    ShellSession::new(sh)
}

/// Programs on the host: (path, program name, size).
const HOST_PROGRAMS: &[(&str, &str, u64)] = &[
    ("/usr/bin/bash", "bash", 1_446_024),
    ("/usr/bin/dash", "dash", 129_784),
    ("/usr/bin/ls", "ls", 142_312),
    ("/usr/bin/cat", "cat", 35_280),
    ("/usr/bin/echo", "echo", 35_120),
    ("/usr/bin/printf", "printf", 55_728),
    ("/usr/bin/touch", "touch", 96_688),
    ("/usr/bin/mkdir", "mkdir", 76_168),
    ("/usr/bin/rm", "rm", 59_912),
    ("/usr/bin/rmdir", "rmdir", 43_400),
    ("/usr/bin/cp", "cp", 141_832),
    ("/usr/bin/mv", "mv", 137_736),
    ("/usr/bin/ln", "ln", 59_912),
    ("/usr/bin/chmod", "chmod", 64_008),
    ("/usr/bin/chown", "chown", 72_200),
    ("/usr/bin/pwd", "pwd", 35_208),
    ("/usr/bin/env", "env", 48_072),
    ("/usr/bin/printenv", "printenv", 35_208),
    ("/usr/bin/whoami", "whoami", 35_208),
    ("/usr/bin/id", "id", 39_432),
    ("/usr/bin/hostname", "hostname", 22_760),
    ("/usr/bin/uname", "uname", 35_208),
    ("/usr/bin/which", "which", 2_015),
    ("/usr/bin/head", "head", 43_400),
    ("/usr/bin/tail", "tail", 64_008),
    ("/usr/bin/grep", "grep", 186_008),
    ("/usr/bin/wc", "wc", 43_488),
    ("/usr/bin/sort", "sort", 121_288),
    ("/usr/bin/uniq", "uniq", 43_400),
    ("/usr/bin/cut", "cut", 43_400),
    ("/usr/bin/tr", "tr", 43_400),
    ("/usr/bin/seq", "seq", 47_496),
    ("/usr/bin/xargs", "xargs", 64_880),
    ("/usr/bin/sed", "sed", 113_224),
    ("/usr/bin/mawk", "mawk", 183_952),
    ("/usr/bin/awk", "awk", 183_952),
    ("/usr/bin/find", "find", 204_264),
    ("/usr/bin/du", "du", 100_712),
    ("/usr/bin/df", "df", 88_424),
    ("/usr/bin/tar", "tar", 531_216),
    ("/usr/bin/stat", "stat", 84_400),
    ("/usr/bin/readlink", "readlink", 43_400),
    ("/usr/bin/realpath", "realpath", 43_400),
    ("/usr/bin/tee", "tee", 39_304),
    ("/usr/bin/basename", "basename", 35_208),
    ("/usr/bin/dirname", "dirname", 35_208),
    ("/usr/bin/diff", "diff", 216_328),
    ("/usr/bin/cmp", "cmp", 51_800),
    ("/usr/bin/md5sum", "md5sum", 43_624),
    ("/usr/bin/sha1sum", "sha1sum", 43_624),
    ("/usr/bin/sha256sum", "sha256sum", 51_816),
    ("/usr/bin/base64", "base64", 39_472),
    ("/usr/bin/expr", "expr", 47_608),
    ("/usr/bin/tac", "tac", 43_560),
    ("/usr/bin/rev", "rev", 14_728),
    ("/usr/bin/nl", "nl", 43_560),
    ("/usr/bin/paste", "paste", 39_464),
    ("/usr/bin/comm", "comm", 39_464),
    ("/usr/bin/fold", "fold", 39_464),
    ("/usr/bin/od", "od", 68_088),
    ("/usr/bin/truncate", "truncate", 39_416),
    ("/usr/bin/arch", "arch", 35_304),
    ("/usr/bin/mktemp", "mktemp", 43_720),
    ("/usr/bin/cksum", "cksum", 100_712),
    ("/usr/bin/chgrp", "chgrp", 64_448),
    ("/usr/bin/install", "install", 149_160),
    ("/usr/bin/nohup", "nohup", 35_368),
    ("/usr/bin/nice", "nice", 35_304),
    ("/usr/bin/timeout", "timeout", 39_544),
    ("/usr/bin/sync", "sync", 35_304),
    ("/usr/bin/gzip", "gzip", 98_136),
    ("/usr/bin/gunzip", "gunzip", 2_346),
    ("/usr/bin/zcat", "zcat", 1_984),
    ("/usr/bin/test", "test", 39_304),
    ("/usr/bin/[", "[", 47_496),
    ("/usr/bin/ps", "ps", 154_328),
    ("/usr/bin/kill", "kill", 31_128),
    ("/usr/bin/sleep", "sleep", 35_336),
    ("/usr/bin/date", "date", 104_984),
    ("/usr/bin/clear", "clear", 14_568),
    ("/usr/bin/true", "true", 27_016),
    ("/usr/bin/false", "false", 27_016),
    ("/usr/bin/yes", "yes", 35_208),
    ("/usr/bin/nproc", "nproc", 35_208),
    ("/usr/bin/free", "free", 27_024),
    ("/usr/bin/uptime", "uptime", 14_608),
    ("/usr/bin/systemctl", "systemctl", 289_048),
    ("/usr/bin/journalctl", "journalctl", 84_496),
    ("/usr/sbin/service", "service", 9_236),
    ("/usr/bin/vim.basic", "vim", 3_946_392),
    ("/usr/bin/nano", "nano", 289_816),
    ("/usr/bin/less", "less", 180_064),
    ("/usr/bin/more", "more", 43_424),
    ("/usr/bin/docker", "docker", 39_612_984),
    ("/usr/bin/curl", "curl", 272_536),
    ("/usr/bin/ssh", "ssh", 1_023_552),
    ("/usr/bin/wget", "wget", 518_472),
    ("/usr/bin/ip", "ip", 780_304),
    ("/usr/bin/ping", "ping", 89_768),
    ("/usr/bin/apt-get", "apt-get", 27_472),
    ("/usr/bin/apt", "apt", 18_824),
    ("/usr/bin/dpkg", "dpkg", 314_792),
    ("/usr/bin/python3.12", "python3.12", 6_649_416),
    ("/usr/bin/pip3", "pip", 221),
    ("/usr/bin/git", "git", 4_227_528),
];

const HOST_LINKS: &[(&str, &str)] = &[
    ("/bin", "usr/bin"),
    ("/sbin", "usr/sbin"),
    ("/lib", "usr/lib"),
    ("/lib64", "usr/lib64"),
    ("/var/run", "/run"),
    ("/usr/bin/sh", "dash"),
    ("/usr/bin/python3", "python3.12"),
    ("/usr/bin/pip", "pip3"),
    ("/usr/bin/vim", "/etc/alternatives/vim"),
    ("/usr/bin/vi", "/etc/alternatives/vi"),
    ("/usr/bin/editor", "/etc/alternatives/editor"),
    ("/etc/alternatives/vim", "/usr/bin/vim.basic"),
    ("/etc/alternatives/vi", "/usr/bin/vim.basic"),
    ("/etc/alternatives/editor", "/usr/bin/nano"),
    ("/usr/sbin/ip", "/usr/bin/ip"),
];

const APP_PY: &str = "from flask import Flask\nimport os\n\napp = Flask(__name__)\n\n\n@app.route(\"/\")\ndef hello():\n    name = os.environ.get(\"NAME\", \"Docker\")\n    return f\"Hello, {name}! This is my-python-app.\\n\"\n\n\nif __name__ == \"__main__\":\n    app.run(host=\"0.0.0.0\", port=8000)\n";

const APP_DOCKERFILE: &str = "# Use the official Python image as the base\nFROM python:3.9-slim\n# Set the working directory\nWORKDIR /app\n# Copy requirements.txt from the current directory into the working directory\nCOPY requirements.txt .\n# Install the dependencies\nRUN pip install --no-cache-dir -r requirements.txt\n# Copy the application code\nCOPY . .\n# Expose the port\nEXPOSE 8000\n# Set an environment variable\nENV PYTHONUNBUFFERED=1\n# Run the app\nCMD [\"python\", \"app.py\"]\n";

const PROGRAM_CS: &str = "using System;\n\nnamespace netcoretest\n{\n    class Program\n    {\n        static void Main(string[] args)\n        {\n            Console.WriteLine(\"Hello World!\");\n            while (true)\n            {\n                Console.WriteLine(\"Hello World22222!\");\n                System.Threading.Thread.Sleep(1000);\n            }\n        }\n    }\n}\n";

const CSPROJ: &str = "<Project Sdk=\"Microsoft.NET.Sdk\">\n\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>netcoreapp3.0</TargetFramework>\n    <DockerDefaultTargetOS>Linux</DockerDefaultTargetOS>\n  </PropertyGroup>\n\n</Project>\n";

const NET_DOCKERFILE: &str = "FROM mcr.microsoft.com/dotnet/core/runtime:3.0-buster-slim AS base\nWORKDIR /app\n\nFROM mcr.microsoft.com/dotnet/core/sdk:3.0-buster AS build\nWORKDIR /src\nCOPY [\"netcoretest/netcoretest.csproj\", \"netcoretest/\"]\nRUN dotnet restore \"netcoretest/netcoretest.csproj\"\nCOPY . .\nWORKDIR \"/src/netcoretest\"\nRUN dotnet build \"netcoretest.csproj\" -c Release -o /app/build\n\nFROM build AS publish\nRUN dotnet publish \"netcoretest.csproj\" -c Release -o /app/publish\n\nFROM base AS final\nWORKDIR /app\nCOPY --from=publish /app/publish .\nENTRYPOINT [\"dotnet\", \"netcoretest.dll\"]\n";

const BASHRC: &str = "# ~/.bashrc: executed by bash(1) for non-login shells.\n\n# If not running interactively, don't do anything\n[ -z \"$PS1\" ] && return\n\nHISTCONTROL=ignoredups:ignorespace\nHISTSIZE=1000\nHISTFILESIZE=2000\n\nPS1='${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '\n\nalias ls='ls --color=auto'\nalias grep='grep --color=auto'\nalias ll='ls -alF'\n";

/// The learner's machine: an Ubuntu 24.04 root filesystem with Docker
/// installed and starter projects in `/root`.
pub fn host_fs(name: &str, ip: &str, mtime: i64) -> UnionFs {
    let mut fs = UnionFs::new(Vec::new());
    let dirs = [
        ("/usr", 0o755),
        ("/usr/bin", 0o755),
        ("/usr/sbin", 0o755),
        ("/usr/lib", 0o755),
        ("/usr/lib64", 0o755),
        ("/usr/lib/python3.12", 0o755),
        ("/usr/local", 0o755),
        ("/usr/local/bin", 0o755),
        ("/usr/local/lib", 0o755),
        ("/usr/share", 0o755),
        ("/etc", 0o755),
        ("/etc/alternatives", 0o755),
        ("/etc/docker", 0o755),
        ("/home", 0o755),
        ("/root", 0o700),
        ("/tmp", 0o1777),
        ("/var", 0o755),
        ("/var/log", 0o755),
        ("/var/lib", 0o755),
        ("/var/lib/docker", 0o710),
        ("/var/lib/dpkg", 0o755),
        ("/var/lib/apt", 0o755),
        ("/var/lib/apt/lists", 0o755),
        ("/var/tmp", 0o1777),
        ("/opt", 0o755),
        ("/srv", 0o755),
        ("/mnt", 0o755),
        ("/media", 0o755),
        ("/dev", 0o755),
        ("/proc", 0o555),
        ("/sys", 0o555),
        ("/run", 0o755),
        ("/boot", 0o755),
        ("/snap", 0o755),
        ("/snap/bin", 0o755),
    ];
    for (d, m) in dirs {
        let _ = fs.mkdir_all(d, m, mtime);
    }
    for (p, prog, size) in HOST_PROGRAMS {
        let _ = fs.put(
            p,
            Entry::File {
                meta: Meta::new(0o755, mtime),
                content: Content::program(prog, *size),
            },
        );
    }
    for (p, target) in HOST_LINKS {
        let _ = fs.symlink(target, p, mtime);
    }
    // dockerd's socket: `srw-rw---- 1 root docker 0 … /var/run/docker.sock`.
    let _ = fs.put(
        "/run/docker.sock",
        Entry::File {
            meta: Meta {
                mode: SOCKET_MODE | 0o660,
                uid: 0,
                gid: 999,
                mtime,
            },
            content: Content::bytes(Vec::new()),
        },
    );
    let os_release = "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nVERSION=\"24.04.1 LTS (Noble Numbat)\"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL=\"https://www.ubuntu.com/\"\nSUPPORT_URL=\"https://help.ubuntu.com/\"\nBUG_REPORT_URL=\"https://bugs.launchpad.net/ubuntu/\"\nPRIVACY_POLICY_URL=\"https://www.ubuntu.com/legal/terms-and-policies/privacy-policy\"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n";
    let files: Vec<(String, String)> = vec![
        ("/etc/hostname".into(), format!("{name}\n")),
        (
            "/etc/hosts".into(),
            format!("127.0.0.1 localhost\n127.0.1.1 {name}\n{ip} {name}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n"),
        ),
        ("/etc/os-release".into(), os_release.into()),
        ("/etc/lsb-release".into(), "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=24.04\nDISTRIB_CODENAME=noble\nDISTRIB_DESCRIPTION=\"Ubuntu 24.04.1 LTS\"\n".into()),
        ("/etc/passwd".into(), "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nsystemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin\nubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n".into()),
        ("/etc/group".into(), "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:syslog,ubuntu\nsudo:x:27:ubuntu\nwww-data:x:33:\nnogroup:x:65534:\ndocker:x:999:ubuntu\nubuntu:x:1000:\n".into()),
        ("/etc/shells".into(), "# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n".into()),
        ("/etc/docker/daemon.json".into(), "{\n}\n".into()),
        ("/etc/bash.bashrc".into(), "# System-wide .bashrc file for interactive bash(1) shells.\n".into()),
        ("/usr/lib/python3.12/EXTERNALLY-MANAGED".into(), "[externally-managed]\nError=To install Python packages system-wide, try apt install\n python3-xyz, where xyz is the package you are trying to\n install.\n".into()),
        ("/var/lib/dpkg/status".into(), String::new()),
        ("/root/.bashrc".into(), BASHRC.into()),
        ("/root/.profile".into(), "# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ \"$BASH\" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n".into()),
        ("/root/app/app.py".into(), APP_PY.into()),
        ("/root/app/requirements.txt".into(), "flask\n".into()),
        ("/root/app/Dockerfile".into(), APP_DOCKERFILE.into()),
        ("/root/app/.dockerignore".into(), "__pycache__\n*.pyc\n.git\n".into()),
        ("/root/netcoretest/Dockerfile".into(), NET_DOCKERFILE.into()),
        ("/root/netcoretest/netcoretest/netcoretest.csproj".into(), CSPROJ.into()),
        ("/root/netcoretest/netcoretest/Program.cs".into(), PROGRAM_CS.into()),
    ];
    for (p, text) in files {
        let _ = fs.mkdir_all(path::parent(&p), 0o755, mtime);
        let _ = fs.write_file(&p, Content::text(&text), mtime);
    }
    // apt lists so that `apt-get install` works on the host
    for (f, size) in [
        (
            "archive.ubuntu.com_ubuntu_dists_noble_InRelease",
            255_850u64,
        ),
        (
            "archive.ubuntu.com_ubuntu_dists_noble_main_binary-amd64_Packages.lz4",
            3_041_462,
        ),
        (
            "archive.ubuntu.com_ubuntu_dists_noble_universe_binary-amd64_Packages.lz4",
            25_641_372,
        ),
    ] {
        let _ = fs.put(
            &format!("/var/lib/apt/lists/{f}"),
            Entry::File {
                meta: Meta::new(0o644, mtime),
                content: Content::Sized {
                    size,
                    seed: crate::engine::fs::program_seed(f),
                },
            },
        );
    }
    fs
}

/// Splits a script into the lines to type: one per line, except that a
/// heredoc (`<<EOF` … `EOF`) stays with its command as one input.
pub fn script_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim().is_empty() {
            continue;
        }
        let mut cmd = line.to_string();
        if let Some(tag) = heredoc_tag(line) {
            for l in lines.by_ref() {
                cmd.push('\n');
                cmd.push_str(l);
                if l.trim_start_matches('\t') == tag {
                    break;
                }
            }
        }
        out.push(cmd);
    }
    out
}

/// The terminator word of a heredoc opened on this line, if any (read by
/// the shell's grammar: `<<` inside quotes or `$(( ))` opens none).
pub fn heredoc_tag(line: &str) -> Option<String> {
    crate::userland::shell::parse::heredoc_delimiters(line)
        .into_iter()
        .next()
}
