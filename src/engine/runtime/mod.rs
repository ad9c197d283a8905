//! The container runtime (what runc and the shim do): runs a container's
//! processes with the userland over the container's filesystem (mounts
//! resolved), advances running processes with the clock, delivers signals
//! and network requests to them.
//!
//! Process model:
//! - a program that finishes at once (`echo hi`) exits at the time its own
//!   clock reached;
//! - a program that blocks past the present (`sleep 3600`, a `while` loop
//!   with `sleep 1`) is a [`Proc::Script`]: on every [`advance`] it is re-run
//!   deterministically from its start up to the engine's `now` on scratch
//!   copies of its filesystems; the changes new since the previous run are
//!   merged into the real filesystems and only the new output is appended
//!   to the logs, so logs grow with the clock and a script that ends sets
//!   `Exited (code)` at the right time;
//! - long-lived native programs are [`Proc::Service`] states the userland
//!   advances, signals and sends HTTP requests to;
//! - interactive shells are [`Proc::Interactive`] sessions fed by
//!   [`attach_line`];
//! - a program that exhausts its step budget becomes [`Proc::Spinning`].
//!
//! Contract used by the sandbox and the userland (signatures are stable):
//! [`http`], [`attach_line`], [`attach_prompt`], [`advance`].

pub mod glue;
pub mod net;
pub mod proc;
pub mod sys;

pub use proc::{ExecSession, Proc, ScriptProc};
pub use sys::{ContainerSys, FsSet};

use crate::engine::clock::Millis;
use crate::engine::container::{Container, LogLine, LogStream, Status};
use crate::engine::error::EngineError;
use crate::engine::{Engine, HostId};
use crate::userland::{Exit, HttpRequest, HttpResponse, Output, ProcCtx, Service, Stream};
use std::collections::BTreeMap;

/// Steps a process may take at start; re-runs get more per elapsed second.
pub const STEP_BUDGET: u64 = 100_000;
/// How long (virtual ms) a foreground `docker run`/`exec` waits for its
/// process before detaching.
pub const FOREGROUND_LIMIT_MS: Millis = 60_000;

/// Sends `req` over the network from host `h` (or from container `from` on
/// it). `Err` carries curl's error text.
pub fn http(
    engine: &mut Engine,
    h: HostId,
    from: Option<&str>,
    req: &HttpRequest,
) -> Result<HttpResponse, String> {
    net::http(engine, h, from, req)
}

/// Runs `f` with a [`ContainerSys`] for container `cid` (its filesystems
/// moved into the sys, its own service reachable as `sys.own_service`).
/// `None` when there is no such container.
pub fn with_sys<R>(
    engine: &mut Engine,
    h: HostId,
    cid: &str,
    f: impl FnOnce(&mut ContainerSys, &mut Container) -> R,
) -> Option<R> {
    let mut c = engine.host_mut(h).daemon.containers.by_id.remove(cid)?;
    let set = FsSet::take(engine, h, &mut c);
    let own_service = match c.process.take() {
        Some(Proc::Service(s)) => Some(*s),
        other => {
            c.process = other;
            None
        }
    };
    let env = env_map(&c.config.env);
    let now = engine.now();
    let origin = net::Origin::of(&c);
    let procs = process_list(&c);
    let veth_peer_base = 5 + 2 * (c.seq as u32 % 1000);
    let mut sys = ContainerSys {
        engine,
        h,
        cid: cid.to_string(),
        hostname: c.hostname.clone(),
        set,
        now,
        env,
        own_service,
        origin,
        procs,
        veth_peer_base,
    };
    let r = f(&mut sys, &mut c);
    let ContainerSys {
        engine,
        set,
        own_service,
        ..
    } = sys;
    if c.process.is_none() && c.state.is_running() {
        if let Some(s) = own_service {
            c.process = Some(Proc::Service(Box::new(s)));
        }
    }
    set.restore(engine, h, &mut c);
    engine
        .host_mut(h)
        .daemon
        .containers
        .by_id
        .insert(cid.to_string(), c);
    Some(r)
}

/// A container's processes as `ps` inside it lists them: the main process
/// as PID 1, then `docker exec` sessions.
pub fn process_list(c: &Container) -> Vec<sys::ProcessInfo> {
    let user = if c.config.user.is_empty() {
        "root".to_string()
    } else {
        c.config.user.clone()
    };
    let mut v = Vec::new();
    if c.state.is_running() {
        v.push(sys::ProcessInfo {
            pid: 1,
            user: user.clone(),
            started: c.state.started_at,
            cmd: c.command_line(),
            tty: c.tty,
        });
    }
    for (i, ex) in c.execs.values().enumerate() {
        v.push(sys::ProcessInfo {
            pid: 7 + i as u32,
            user: if ex.ctx.user.is_empty() {
                user.clone()
            } else {
                ex.ctx.user.clone()
            },
            started: c.state.started_at,
            cmd: ex.argv.join(" "),
            tty: ex.ctx.tty,
        });
    }
    v
}

fn env_map(env: &[String]) -> BTreeMap<String, String> {
    env.iter()
        .map(|e| match e.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (e.clone(), String::new()),
        })
        .collect()
}

/// The process context of a container's main process.
pub fn main_ctx(c: &Container, until: Millis) -> ProcCtx {
    ProcCtx {
        env: process_env(c),
        cwd: if c.config.working_dir.is_empty() {
            "/".into()
        } else {
            c.config.working_dir.clone()
        },
        user: c.config.user.clone(),
        stdin: c.stdin.clone(),
        tty: c.tty,
        interactive: c.open_stdin,
        until,
        budget: STEP_BUDGET,
    }
}

/// The environment the daemon gives a container's processes: `PATH`
/// first, `HOSTNAME`, `TERM=xterm` with a terminal, the image's and the
/// user's variables, and `HOME` when none is set.
pub fn process_env(c: &Container) -> Vec<(String, String)> {
    let pairs: Vec<(String, String)> = c
        .config
        .env
        .iter()
        .map(|e| match e.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (e.clone(), String::new()),
        })
        .collect();
    let mut env = Vec::new();
    match pairs.iter().find(|(k, _)| k == "PATH") {
        Some(p) => env.push(p.clone()),
        None => env.push((
            "PATH".to_string(),
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string(),
        )),
    }
    env.push(("HOSTNAME".to_string(), c.hostname.clone()));
    if c.tty {
        env.push(("TERM".to_string(), "xterm".to_string()));
    }
    env.extend(pairs.into_iter().filter(|(k, _)| k != "PATH"));
    if !env.iter().any(|(k, _)| k == "HOME") {
        let home = match c.config.user.as_str() {
            "" | "root" | "0" => "/root".to_string(),
            u => format!("/home/{u}"),
        };
        env.push(("HOME".to_string(), home));
    }
    env
}

/// Appends a process's output to the logs, skipping the first `skip`
/// bytes (already logged). Returns the total bytes seen.
fn append_logs(c: &mut Container, out: &Output, skip: usize, at: Millis) -> usize {
    let mut seen = 0usize;
    for (stream, text) in &out.chunks {
        let start = seen;
        seen += text.len();
        if seen <= skip {
            continue;
        }
        let from = skip.saturating_sub(start);
        let Some(new) = text.get(from..) else {
            continue;
        };
        let st = match (stream, c.tty) {
            (_, true) | (Stream::Stdout, _) => LogStream::Stdout,
            (Stream::Stderr, false) => LogStream::Stderr,
        };
        push_text(c, st, new, at);
    }
    seen
}

/// Adds text to the logs, continuing an unfinished last line of the same
/// stream.
pub fn push_text(c: &mut Container, st: LogStream, text: &str, at: Millis) {
    let mut rest = text;
    if let Some(last) = c.logs.last_mut() {
        if last.stream == st && !last.text.ends_with('\n') {
            let cut = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
            last.text.push_str(&rest[..cut]);
            rest = &rest[cut..];
        }
    }
    while !rest.is_empty() {
        let cut = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
        c.logs.push(LogLine {
            at,
            stream: st,
            text: rest[..cut].to_string(),
        });
        rest = &rest[cut..];
    }
}

/// How the start of a main process went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Started {
    /// Running (a script, a service or an interactive shell).
    Running,
    /// Exited at once with this code.
    Exited(i32),
    /// Cut off by the step budget; left spinning.
    Budget,
}

/// Starts the main process of `cid` at time `at` (the container's network
/// is already set up). On an exec failure the container is left as it was
/// with `State.Error` set, and the daemon's error is returned.
pub fn start_main(
    engine: &mut Engine,
    h: HostId,
    cid: &str,
    at: Millis,
) -> Result<Started, EngineError> {
    let r = with_sys(engine, h, cid, |sys, c| {
        let argv: Vec<String> = std::iter::once(c.path.clone())
            .chain(c.args.iter().cloned())
            .collect();
        let ctx = main_ctx(c, at);
        sys.now = at;
        let snapshot: Vec<_> = sys.set.fss.iter().map(|(_, fs)| fs.clone()).collect();
        let mut out = Output::new();
        let exit = glue::launch(sys, &argv, &ctx, &mut out);
        let end = sys.now.max(at);
        if let Exit::ExecFailed { message, code } = exit {
            c.state.error = message.clone();
            c.state.exit_code = code;
            return Err(EngineError::bad_request(format!(
                "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: {message}: unknown"
            )));
        }
        c.state.status = Status::Running;
        c.state.started_at = at;
        c.state.finished_at = 0;
        c.state.error.clear();
        c.state.exit_code = 0;
        c.state.pid = 1000 + (c.restart_count * 7 + at.rem_euclid(997) as u32) % 30000;
        let emitted = append_logs(c, &out, 0, at);
        Ok(match exit {
            Exit::Code(n) => {
                c.process = None;
                finish(c, n, end);
                Started::Exited(n)
            }
            // The userland hands a process still sleeping at its horizon
            // back as a replayable service; the runtime replays it itself,
            // on scratch filesystems.
            Exit::Blocked | Exit::Service(Service::Replay { .. }) => {
                let last_upper = sys
                    .set
                    .fss
                    .iter()
                    .map(|(_, fs)| fs.upper().clone())
                    .collect();
                c.process = Some(Proc::Script(Box::new(ScriptProc {
                    argv,
                    ctx,
                    started_at: at,
                    start_fs: snapshot,
                    last_upper,
                    emitted,
                })));
                Started::Running
            }
            Exit::Budget => {
                c.process = Some(Proc::Spinning);
                Started::Budget
            }
            Exit::Service(s) => {
                c.process = None;
                sys.own_service = Some(s);
                // restored into c.process by with_sys
                Started::Running
            }
            Exit::Interactive(sess) => {
                c.process = Some(Proc::Interactive(sess));
                Started::Running
            }
            Exit::ExecFailed { .. } => Started::Exited(127),
        })
    });
    let r = r.ok_or_else(|| EngineError::NoSuchContainer(cid.to_string()))??;
    if let Started::Exited(_) = r {
        after_exit(engine, h, cid);
    }
    Ok(r)
}

/// Marks a container's main process as exited with `code` at `t`: releases
/// its ports and addresses and applies the restart policy.
pub fn finish(c: &mut Container, code: i32, t: Millis) {
    c.process = None;
    c.execs.clear();
    c.state.exit_code = code;
    c.state.finished_at = t;
    c.state.pid = 0;
    c.ports.clear();
    for e in c.networks.values_mut() {
        e.ip.clear();
        e.gateway.clear();
        e.mac.clear();
    }
    let ran = t - c.state.started_at;
    if c.host_config
        .restart_policy
        .should_restart(code, c.restart_count, c.stopped_by_user)
    {
        c.backoff_ms = if ran >= 10_000 || c.backoff_ms == 0 {
            100
        } else {
            (c.backoff_ms * 2).min(60_000)
        };
        c.state.status = Status::Restarting;
        c.restart_at = Some(t + c.backoff_ms);
    } else {
        c.state.status = Status::Exited;
        c.restart_at = None;
    }
}

/// After an exit: removes an `--rm` container nobody is attached to.
fn after_exit(engine: &mut Engine, h: HostId, cid: &str) {
    let remove = engine
        .host(h)
        .daemon
        .containers
        .by_id
        .get(cid)
        .is_some_and(|c| {
            c.host_config.auto_remove && !c.attached && c.state.status == Status::Exited
        });
    if remove {
        crate::engine::container::lifecycle::destroy(engine, h, cid, true);
    }
}

/// Brings every running container process of host `h` up to the engine's
/// current time (log output, exits, restarts).
pub fn advance(engine: &mut Engine, h: HostId) {
    let now = engine.now();
    let ids: Vec<String> = engine
        .host(h)
        .daemon
        .containers
        .by_id
        .keys()
        .cloned()
        .collect();
    for id in ids {
        advance_one(engine, h, &id, now);
    }
}

/// Brings container `cid` up to `until`.
pub fn advance_one(engine: &mut Engine, h: HostId, cid: &str, until: Millis) {
    for _ in 0..64 {
        let Some(c) = engine.host(h).daemon.containers.by_id.get(cid) else {
            return;
        };
        match (c.state.status, &c.process) {
            (Status::Running, Some(Proc::Script(_))) => {
                if !rerun(engine, h, cid, until) {
                    return;
                }
            }
            (Status::Running, Some(Proc::Service(_))) => {
                let exited = with_sys(engine, h, cid, |sys, c| {
                    let mut svc = sys.own_service.take()?;
                    let mut out = Output::new();
                    let r = glue::service_advance(&mut svc, sys, until, &mut out);
                    append_logs(c, &out, 0, until);
                    match r {
                        Some(code) => {
                            finish(c, code, until);
                            Some(code)
                        }
                        None => {
                            sys.own_service = Some(svc);
                            None
                        }
                    }
                })
                .flatten();
                if exited.is_none() {
                    return;
                }
                after_exit(engine, h, cid);
            }
            (Status::Restarting, _) => {
                let Some(at) = c.restart_at.filter(|t| *t <= until) else {
                    return;
                };
                if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(cid) {
                    c.restart_count += 1;
                    c.restart_at = None;
                }
                if crate::engine::container::lifecycle::connect_networks(engine, h, cid).is_err()
                    || start_main(engine, h, cid, at).is_err()
                {
                    if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(cid) {
                        c.state.status = Status::Exited;
                    }
                    return;
                }
            }
            _ => return,
        }
    }
}

/// Re-runs a script process up to `until`. Returns whether it exited.
fn rerun(engine: &mut Engine, h: HostId, cid: &str, until: Millis) -> bool {
    let exited = with_sys(engine, h, cid, |sys, c| {
        let Some(Proc::Script(mut sp)) = c.process.take() else {
            return false;
        };
        let mut scratch = FsSet {
            fss: sys
                .set
                .fss
                .iter()
                .zip(sp.start_fs.iter())
                .map(|((o, _), fs)| (o.clone(), fs.clone()))
                .collect(),
            mounts: sys.set.mounts.clone(),
        };
        std::mem::swap(&mut sys.set, &mut scratch);
        sys.now = sp.started_at;
        let mut ctx = sp.ctx.clone();
        ctx.until = until;
        let elapsed_secs = ((until - sp.started_at).max(0) / 1000) as u64;
        ctx.budget = STEP_BUDGET.saturating_add(elapsed_secs.saturating_mul(2_000));
        let mut out = Output::new();
        let exit = glue::launch(sys, &sp.argv, &ctx, &mut out);
        let end = sys.now.clamp(sp.started_at, until.max(sp.started_at));
        std::mem::swap(&mut sys.set, &mut scratch);
        // Merge what this run changed beyond the previous one.
        for (i, (_, fs)) in scratch.fss.iter().enumerate() {
            let Some(real) = sys.set.fss.get_mut(i) else {
                continue;
            };
            let last = sp.last_upper.get(i);
            for (p, e) in fs.upper().iter() {
                if last.and_then(|l| l.get(p)) != Some(e) {
                    let _ = real.1.put(p, e.clone());
                }
            }
        }
        sp.last_upper = scratch
            .fss
            .iter()
            .map(|(_, fs)| fs.upper().clone())
            .collect();
        let at = match exit {
            Exit::Code(_) => end,
            _ => until,
        };
        sp.emitted = append_logs(c, &out, sp.emitted, at);
        match exit {
            Exit::Code(n) => {
                finish(c, n, end);
                true
            }
            Exit::Budget => {
                c.process = Some(Proc::Spinning);
                false
            }
            _ => {
                c.process = Some(Proc::Script(sp));
                false
            }
        }
    })
    .unwrap_or(false);
    if exited {
        after_exit(engine, h, cid);
    }
    exited
}

/// Signal names as the runtime understands them (`SIGTERM`, `term`, `15`
/// → `TERM`). `None` for an unknown signal.
pub fn normalize_signal(s: &str) -> Option<String> {
    const SIGS: &[(&str, u32)] = &[
        ("HUP", 1),
        ("INT", 2),
        ("QUIT", 3),
        ("ILL", 4),
        ("TRAP", 5),
        ("ABRT", 6),
        ("BUS", 7),
        ("FPE", 8),
        ("KILL", 9),
        ("USR1", 10),
        ("SEGV", 11),
        ("USR2", 12),
        ("PIPE", 13),
        ("ALRM", 14),
        ("TERM", 15),
        ("STKFLT", 16),
        ("CHLD", 17),
        ("CONT", 18),
        ("STOP", 19),
        ("TSTP", 20),
        ("TTIN", 21),
        ("TTOU", 22),
        ("URG", 23),
        ("XCPU", 24),
        ("XFSZ", 25),
        ("VTALRM", 26),
        ("PROF", 27),
        ("WINCH", 28),
        ("IO", 29),
        ("PWR", 30),
        ("SYS", 31),
    ];
    if let Ok(n) = s.parse::<u32>() {
        return SIGS
            .iter()
            .find(|(_, k)| *k == n)
            .map(|(n, _)| n.to_string());
    }
    let up = s.to_ascii_uppercase();
    let name = up.strip_prefix("SIG").unwrap_or(&up);
    SIGS.iter()
        .find(|(n, _)| *n == name)
        .map(|(n, _)| n.to_string())
}

/// Delivers a signal to the main process; returns the exit code when the
/// process dies of it. A shell or `sleep` running as PID 1 has no handlers,
/// so only `KILL` ends it.
pub fn signal(engine: &mut Engine, h: HostId, cid: &str, sig: &str) -> Option<i32> {
    let now = engine.now();
    let code = with_sys(engine, h, cid, |sys, c| {
        if sig == "KILL" {
            sys.own_service = None;
            finish(c, 137, now);
            return Some(137);
        }
        let mut svc = sys.own_service.take()?;
        match glue::service_signal(&mut svc, sig) {
            Some(code) => {
                finish(c, code, now);
                Some(code)
            }
            None => {
                sys.own_service = Some(svc);
                None
            }
        }
    })
    .flatten();
    if code.is_some() {
        after_exit(engine, h, cid);
    }
    code
}

/// Runs one line typed into the interactive shell attached to container
/// `cid` (its main process when `exec` is `None`). Returns the shell's exit
/// code when the line ended the session (`exit`).
pub fn attach_line(
    engine: &mut Engine,
    h: HostId,
    cid: &str,
    exec: Option<&str>,
    line: &str,
    out: &mut Output,
) -> Option<i32> {
    advance(engine, h);
    let now = engine.now();
    let Some(c) = engine.host(h).daemon.containers.by_id.get(cid) else {
        return Some(0);
    };
    if !c.state.is_running() {
        return Some(c.state.exit_code);
    }
    let r = with_sys(engine, h, cid, |sys, c| match exec {
        None => {
            let Some(Proc::Interactive(mut sess)) = c.process.take() else {
                return Some(c.state.exit_code);
            };
            let ctx = main_ctx(c, now);
            let mut o = Output::new();
            // With a terminal, the logs hold what the terminal showed:
            // the prompt, the echoed line, then the output.
            let prompt = glue::shell_prompt(&sess, &c.hostname);
            let r = glue::shell_line(&mut sess, sys, line, &ctx, &mut o);
            if c.tty {
                push_text(c, LogStream::Stdout, &format!("{prompt}{line}\n"), now);
            }
            append_logs(c, &o, 0, now);
            out.extend(o);
            match r {
                Some(code) => finish(c, code, sys.now.max(now)),
                None => c.process = Some(Proc::Interactive(sess)),
            }
            r
        }
        Some(eid) => {
            let mut ex = c.execs.remove(eid)?;
            let r = glue::shell_line(&mut ex.session, sys, line, &ex.ctx, out);
            if r.is_none() {
                c.execs.insert(eid.to_string(), ex);
            }
            r
        }
    })
    .flatten();
    if r.is_some() && exec.is_none() {
        if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(cid) {
            c.attached = false;
        }
        after_exit(engine, h, cid);
    }
    r
}

/// The prompt of the interactive shell attached to `cid`
/// (`root@<12 hex>:/#`, or `/ #` for busybox sh); empty without a terminal.
pub fn attach_prompt(engine: &Engine, h: HostId, cid: &str, exec: Option<&str>) -> String {
    let Some(c) = engine.host(h).daemon.containers.by_id.get(cid) else {
        return format!("root@{}:/# ", &cid[..cid.len().min(12)]);
    };
    match exec.and_then(|e| c.execs.get(e)) {
        Some(ex) if !ex.ctx.tty => String::new(),
        Some(ex) => glue::shell_prompt(&ex.session, &c.hostname),
        None if !c.tty => String::new(),
        None => match &c.process {
            Some(Proc::Interactive(s)) => glue::shell_prompt(s, &c.hostname),
            _ => format!("root@{}:/# ", c.hostname),
        },
    }
}

/// Runs a command in a running container (`docker exec`): until it exits or
/// `limit` ms pass. Returns the exit status, `Err` on an exec failure
/// (message, code). An interactive shell is kept as an exec session whose
/// id is returned in `Ok(None)`.
pub fn exec(
    engine: &mut Engine,
    h: HostId,
    cid: &str,
    argv: &[String],
    ctx: ProcCtx,
    out: &mut Output,
) -> Result<Option<i32>, (String, i32)> {
    let eid = engine.ids.hex64();
    let r = with_sys(engine, h, cid, |sys, c| {
        let start = sys.now;
        let exit = glue::launch(sys, argv, &ctx, out);
        let took = sys.now - start;
        let r = match exit {
            Exit::Code(n) => Ok(Some(n)),
            Exit::ExecFailed { message, code } => Err((message, code)),
            // The userland has written its own message.
            Exit::Budget => Ok(Some(137)),
            Exit::Interactive(sess) => {
                c.execs.insert(
                    eid.clone(),
                    ExecSession {
                        id: eid.clone(),
                        argv: argv.to_vec(),
                        ctx: ctx.clone(),
                        session: *sess,
                    },
                );
                Ok(None)
            }
            Exit::Blocked | Exit::Service(_) => Ok(Some(0)),
        };
        c.exec_ids.push(eid.clone());
        (r, took)
    });
    let Some((r, took)) = r else {
        return Err((format!("No such container: {cid}"), 1));
    };
    if took > 0 {
        engine.clock.advance(took);
        advance(engine, h);
    }
    r
}

/// The id of the exec session most recently opened in `cid`.
pub fn last_exec(engine: &Engine, h: HostId, cid: &str) -> Option<String> {
    engine
        .host(h)
        .daemon
        .containers
        .by_id
        .get(cid)?
        .exec_ids
        .last()
        .cloned()
}
