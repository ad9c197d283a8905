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
use crate::engine::fs::{path, Content, Entry, UnionFs};
use crate::engine::{Engine, HostId};
use crate::userland::shell::{Shell, ShellKind};
use crate::userland::{
    Action, HttpRequest, HttpResponse, Iface, Output, ProcInfo, ShellSession, Sys, SysKind,
};
use serde::{Deserialize, Serialize};

mod host_fs;
pub use host_fs::host_fs;

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
