//! Running a program: the contract between the runtime (`engine::runtime`,
//! the builder's RUN, the host shell) and the userland.
//!
//! A process runs against a [`Sys`] until it exits, blocks past its time
//! horizon (`ProcCtx::until`), becomes a long-lived service (nginx, redis,
//! registry, a Python web app, a .NET console loop), or waits for terminal
//! input (an interactive shell). Output goes to the caller's [`Output`].
//!
//! Functions (signatures stable):
//! - [`spawn`]`(sys, argv, ctx, out) -> Exit`: runs a new process. A
//!   process still sleeping at `ctx.until` comes back as `Exit::Blocked`;
//!   the runtime re-runs it from its start on a fresh process clock to see
//!   what it does later (deterministic), or keeps it as
//!   `Service::Replay{..}`, which [`service_advance`] brings forward
//!   (`sh -c 'while true; do date; sleep 1; done'`).
//! - [`shell_line`]`(sys, &mut ShellSession, line, out) -> Option<i32>`: runs
//!   one typed line in an interactive shell; `Some(code)` when the shell
//!   exited (`exit`, `exit 3`, end of a nested `bash`).
//! - [`session_prompt`]`(&ShellSession, hostname) -> String`: its prompt
//!   (`root@<id>:/# `, `/ # `, `# `).
//! - [`service_advance`]`(sys, &mut Service, until, out) -> Option<i32>`:
//!   time-based output up to `until` (the .NET app's `Hello World22222!`
//!   every second); `Some(code)` when the service exited meanwhile.
//! - [`service_http`]`(sys, &mut Service, &HttpRequest, log) -> HttpResponse`:
//!   a request to a service's port; what the server logs (nginx access
//!   line, Flask request line) goes to `log`. Status 0 means the service
//!   does not speak HTTP (curl: `(52) Empty reply from server`).
//! - [`service_signal`]`(&mut Service, signal) -> Option<i32>`: the exit
//!   code when `signal` (`TERM`, `INT`, `QUIT`, `KILL`, `HUP`) ends it;
//!   `None` when the process ignores it (PID 1 without a handler: Docker then
//!   sends KILL after the stop timeout → 137).
//! - [`service_port`]`(&Service) -> Option<u16>`: the port it listens on.

use crate::engine::clock::Millis;
use crate::userland::programs::{self, python, Flow, Limits, Lookup};
use crate::userland::shell::{Shell, ShellKind};
use crate::userland::{HttpRequest, HttpResponse, Output, Stream, Sys};
use serde::{Deserialize, Serialize};

/// How a process is started.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcCtx {
    /// Environment, in order (`KEY=value` pairs).
    pub env: Vec<(String, String)>,
    /// Working directory (absolute).
    pub cwd: String,
    /// User name or uid (`""` = root).
    pub user: String,
    /// Standard input, if any (`None` = closed / a terminal without input).
    pub stdin: Option<Vec<u8>>,
    /// Whether a terminal is attached (`-t`).
    pub tty: bool,
    /// Whether stdin is kept open for a terminal (`-i`): an interactive
    /// shell then waits for input instead of exiting.
    pub interactive: bool,
    /// The process stops with [`Exit::Blocked`] when its clock would pass
    /// this instant (`Sys::now()`-based).
    pub until: Millis,
    /// Maximum steps (commands run, loop iterations) before the process is
    /// cut off with [`Exit::Budget`]. 0 = the default budget.
    pub budget: u64,
}

/// How a process run ended (for now).
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exit {
    /// Exited with this status.
    Code(i32),
    /// Still running at the horizon `until` (e.g. inside `sleep`); its
    /// output so far was written.
    Blocked,
    /// Ran out of its step budget or output cap (an endless loop); a
    /// message was written to stderr.
    Budget,
    /// Became a long-lived service whose state the runtime keeps.
    Service(Service),
    /// An interactive shell waiting for terminal input.
    Interactive(Box<ShellSession>),
    /// The program could not be executed: `exec: "x": executable file not
    /// found in $PATH` and the like (the message), with the exit code Docker
    /// uses (127 not found, 126 permission denied / is a directory).
    ExecFailed { message: String, code: i32 },
}

/// State of a long-lived program, kept by the runtime between requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Service {
    /// A daemon that does nothing observable and exits 0 when asked to
    /// stop (TERM, INT, QUIT).
    Idle,
    /// Blocked forever without a signal handler (`sleep infinity`,
    /// `tail -f`): as PID 1 it ignores TERM, so `docker stop` ends with KILL.
    Waiting,
    /// A script still running at its horizon; re-run from its start on a
    /// fresh process clock to produce what it prints later. `emitted`
    /// output bytes were already delivered.
    Replay {
        argv: Vec<String>,
        ctx: ProcCtx,
        started: Millis,
        emitted: usize,
    },
    /// A console loop printing `lines` every `interval` ms (seed 000's .NET app).
    Console {
        lines: Vec<String>,
        interval: Millis,
        next: Millis,
    },
    /// nginx serving `/usr/share/nginx/html` on port 80.
    Nginx {
        requests: u64,
        /// Log lines of requests not yet delivered by [`service_advance`].
        #[serde(default)]
        pending: Output,
    },
    /// redis-server on `port`.
    Redis { port: u16 },
    /// The registry on port 5000 (its API is the registry work's).
    Registry,
    /// A Python web app (Flask or http.server).
    Python(python::WebApp),
}

/// An interactive shell's state between typed lines; `stack` holds the
/// outer shells when a nested `bash`/`sh` was started.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellSession {
    pub shell: Shell,
    pub stack: Vec<Shell>,
    /// The innermost shell's working directory (kept in sync after each line).
    pub cwd: String,
    /// Its `$?` (kept in sync after each line).
    pub last_status: i32,
}

impl ShellSession {
    /// A session around an interactive shell.
    pub fn new(shell: Shell) -> ShellSession {
        let mut s = ShellSession {
            shell,
            ..ShellSession::default()
        };
        s.sync();
        s
    }
    /// The innermost shell's working directory.
    pub fn cwd(&self) -> &str {
        &self.shell.cwd
    }
    /// The innermost shell's `$?`.
    pub fn last_status(&self) -> i32 {
        self.shell.last
    }
    fn sync(&mut self) {
        self.cwd = self.shell.cwd.clone();
        self.last_status = self.shell.last;
    }
}

/// Prints the budget / cap / horizon message for a stopped command.
pub fn stopped_message(flow: &Flow, out: &mut Output) {
    match flow {
        Flow::Budget => out.errln(format!(
            "dockerlings: command stopped after {} steps: it looks like an endless loop",
            programs::STEP_BUDGET
        )),
        Flow::OutputCap => out.errln(format!(
            "dockerlings: command stopped: it printed more than {} KiB",
            programs::OUTPUT_CAP / 1024
        )),
        Flow::Blocked => out.errln("dockerlings: command stopped: still running after an hour"),
        _ => {}
    }
}

/// Turns a program's result into an [`Exit`].
fn to_exit(
    r: Result<i32, Flow>,
    argv: &[String],
    ctx: &ProcCtx,
    started: Millis,
    out: &mut Output,
) -> Exit {
    match r {
        Ok(c) | Err(Flow::Exit(c)) | Err(Flow::Error(c)) | Err(Flow::Return(c)) => Exit::Code(c),
        Err(Flow::Break(_)) | Err(Flow::Continue(_)) => Exit::Code(0),
        Err(f @ (Flow::Budget | Flow::OutputCap)) => {
            stopped_message(&f, out);
            Exit::Budget
        }
        Err(Flow::Blocked) => {
            let _ = (argv, ctx, started);
            Exit::Blocked
        }
        Err(Flow::Service(s)) => Exit::Service(*s),
        Err(Flow::Interactive(sh)) => Exit::Interactive(Box::new(ShellSession::new(*sh))),
    }
}

fn out_len(o: &Output) -> usize {
    o.chunks.iter().map(|(_, t)| t.len()).sum()
}

#[allow(clippy::result_large_err)]
fn run_argv(
    sys: &mut dyn Sys,
    argv: &[String],
    ctx: &ProcCtx,
    out: &mut Output,
    lim: &mut Limits,
) -> Result<Result<i32, Flow>, Exit> {
    let Some(name) = argv.first() else {
        return Err(Exit::ExecFailed {
            message: "exec: \"\": executable file not found in $PATH".into(),
            code: 127,
        });
    };
    let path_var = ctx
        .env
        .iter()
        .rev()
        .find(|(k, _)| k == "PATH")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| programs::DEFAULT_PATH.to_string());
    let cwd = if ctx.cwd.is_empty() {
        "/".to_string()
    } else {
        ctx.cwd.clone()
    };
    let found = match programs::lookup(sys, name, &path_var, &cwd) {
        Lookup::Found(f) => f,
        Lookup::NotFound => {
            return Err(Exit::ExecFailed {
                message: format!("exec: \"{name}\": executable file not found in $PATH"),
                code: 127,
            })
        }
        Lookup::NoFile => {
            return Err(Exit::ExecFailed {
                message: format!("exec: \"{name}\": stat {name}: no such file or directory"),
                code: 127,
            })
        }
        Lookup::IsDir => {
            return Err(Exit::ExecFailed {
                message: format!("exec: \"{name}\": is a directory"),
                code: 126,
            })
        }
        Lookup::NoPerm => {
            return Err(Exit::ExecFailed {
                message: format!("exec: \"{name}\": permission denied"),
                code: 126,
            })
        }
    };
    let pctx = programs::Ctx {
        env: ctx.env.clone(),
        cwd,
        user: ctx.user.clone(),
        stdin: ctx.stdin.clone(),
        tty: ctx.tty,
        interactive: ctx.interactive,
        in_pipe: false,
        fds: Vec::new(),
    };
    Ok(programs::exec(sys, &found, argv, &pctx, out, lim))
}

/// Runs `argv` as a new process.
pub fn spawn(sys: &mut dyn Sys, argv: &[String], ctx: &ProcCtx, out: &mut Output) -> Exit {
    let now = sys.now();
    let budget = if ctx.budget == 0 {
        programs::STEP_BUDGET
    } else {
        ctx.budget
    };
    let mut lim = Limits::new(now, ctx.until.max(now), budget);
    match run_argv(sys, argv, ctx, out, &mut lim) {
        Ok(r) => to_exit(r, argv, ctx, now, out),
        Err(e) => e,
    }
}

/// Runs one line typed into an interactive shell. Returns `Some(code)` when
/// the (outermost) shell exited.
pub fn shell_line(
    sys: &mut dyn Sys,
    sess: &mut ShellSession,
    line: &str,
    out: &mut Output,
) -> Option<i32> {
    if sess.shell.python.is_some() {
        let r = python::repl_line(sys, &mut sess.shell, line, out);
        sess.sync();
        return r;
    }
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    if matches!(sess.shell.kind, ShellKind::Bash | ShellKind::Ash) {
        sess.shell.history.push(trimmed.to_string());
    }
    let now = sys.now();
    let mut lim = Limits::new(now, now + 3_600_000, programs::STEP_BUDGET);
    let tty = sess.shell.tty;
    let r = sess.shell.run_source(sys, line, None, out, &mut lim, tty);
    sess.shell.lineno += 1;
    let code = match r {
        Ok(_) => None,
        Err(Flow::Exit(c)) => Some(c),
        Err(Flow::Return(_))
        | Err(Flow::Break(_))
        | Err(Flow::Continue(_))
        | Err(Flow::Error(_)) => None,
        Err(f @ (Flow::Budget | Flow::OutputCap | Flow::Blocked)) => {
            stopped_message(&f, out);
            sess.shell.last = 130;
            None
        }
        Err(Flow::Service(_)) => {
            out.errln("dockerlings: this program keeps running in the foreground; stopped here as if by Ctrl+C");
            sess.shell.last = 130;
            None
        }
        Err(Flow::Interactive(inner)) => {
            let outer = std::mem::replace(&mut sess.shell, *inner);
            sess.stack.push(outer);
            None
        }
    };
    let r = match code {
        Some(c) => match sess.stack.pop() {
            Some(outer) => {
                sess.shell = outer;
                sess.shell.last = c;
                None
            }
            None => Some(c),
        },
        None => None,
    };
    sess.sync();
    r
}

/// The prompt of an interactive shell session.
pub fn session_prompt(sess: &ShellSession, hostname: &str) -> String {
    sess.shell.prompt(hostname)
}

/// Brings a service's time-based output up to `until`. Returns the exit code
/// when the service ended meanwhile.
pub fn service_advance(
    sys: &mut dyn Sys,
    svc: &mut Service,
    until: Millis,
    out: &mut Output,
) -> Option<i32> {
    if let Some(p) = pending_log(svc) {
        out.extend(std::mem::take(p));
    }
    match svc {
        Service::Console {
            lines,
            interval,
            next,
        } => {
            let mut n = 0;
            while *next <= until && n < 100_000 {
                for l in lines.iter() {
                    out.outln(l);
                }
                *next += (*interval).max(1);
                n += 1;
            }
            None
        }
        Service::Replay {
            argv,
            ctx,
            started,
            emitted,
        } => {
            let mut lim = Limits::new(*started, until.max(*started), programs::STEP_BUDGET * 10);
            lim.live = false;
            let mut all = Output::new();
            let mut c2 = ctx.clone();
            c2.stdin = ctx.stdin.clone();
            let r = match run_argv(sys, argv, &c2, &mut all, &mut lim) {
                Ok(r) => r,
                Err(_) => Ok(127),
            };
            // deliver only what was not delivered before
            let total = out_len(&all);
            let mut skip = *emitted;
            for (s, t) in all.chunks {
                if skip >= t.len() {
                    skip -= t.len();
                    continue;
                }
                let rest = t.get(skip..).unwrap_or("");
                skip = 0;
                match s {
                    Stream::Stdout => out.out(rest),
                    Stream::Stderr => out.err(rest),
                }
            }
            *emitted = total.max(*emitted);
            match r {
                Err(Flow::Blocked) => None,
                Ok(c) | Err(Flow::Exit(c)) | Err(Flow::Error(c)) => Some(c),
                Err(Flow::Service(s)) => {
                    *svc = *s;
                    None
                }
                Err(_) => Some(0),
            }
        }
        _ => None,
    }
}

fn pending_log(svc: &mut Service) -> Option<&mut Output> {
    match svc {
        Service::Nginx { pending, .. } => Some(pending),
        Service::Python(app) => Some(&mut app.pending),
        _ => None,
    }
}

/// [`service_http`] for runtimes that collect a service's output only
/// through [`service_advance`]: the server's log lines are kept and come
/// out with the next advance.
pub fn service_request(sys: &mut dyn Sys, svc: &mut Service, req: &HttpRequest) -> HttpResponse {
    let mut log = Output::new();
    let r = service_http(sys, svc, req, &mut log);
    if let Some(p) = pending_log(svc) {
        p.extend(log);
    }
    r
}

/// The port a service listens on inside its container.
pub fn service_port(svc: &Service) -> Option<u16> {
    match svc {
        Service::Nginx { .. } => Some(80),
        Service::Redis { port } => Some(*port),
        Service::Registry => Some(5000),
        Service::Python(app) => Some(app.port),
        _ => None,
    }
}

fn date_header(ms: Millis) -> String {
    programs::system::strftime(ms, "%a, %d %b %Y %T GMT")
}

const NGINX_WELCOME: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";

fn header_of<'a>(req: &'a HttpRequest, k: &str) -> &'a str {
    req.headers
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(k))
        .map(|(_, v)| v.as_str())
        .unwrap_or("-")
}

/// Answers an HTTP request sent to a service.
pub fn service_http(
    sys: &mut dyn Sys,
    svc: &mut Service,
    req: &HttpRequest,
    log: &mut Output,
) -> HttpResponse {
    let now = sys.now();
    match svc {
        Service::Nginx { requests, .. } => {
            *requests += 1;
            let path = req.path.split('?').next().unwrap_or("/").to_string();
            let file = if path.ends_with('/') {
                format!("/usr/share/nginx/html{path}index.html")
            } else {
                format!("/usr/share/nginx/html{path}")
            };
            let body = {
                let (fs, inner) = sys.fs_for_ref(&file);
                fs.read(&inner).ok()
            };
            let (status, reason, body, ctype) = match body {
                Some(b) => (200, "OK", b, if file.ends_with(".html") { "text/html" } else { "text/plain" }),
                None if path == "/" => (200, "OK", NGINX_WELCOME.as_bytes().to_vec(), "text/html"),
                None => (
                    404,
                    "Not Found",
                    format!("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/{}</center>\r\n</body>\r\n</html>\r\n", programs::servers::NGINX_VERSION).into_bytes(),
                    "text/html",
                ),
            };
            let t = programs::system::strftime(now, "%d/%b/%Y:%T +0000");
            let sent = if req.method == "HEAD" { 0 } else { body.len() };
            log.outln(format!(
                "172.17.0.1 - - [{t}] \"{} {} HTTP/1.1\" {status} {sent} \"-\" \"{}\" \"-\"",
                req.method,
                req.path,
                header_of(req, "User-Agent")
            ));
            let mut headers = vec![
                (
                    "Server".to_string(),
                    format!("nginx/{}", programs::servers::NGINX_VERSION),
                ),
                ("Date".to_string(), date_header(now)),
                ("Content-Type".to_string(), ctype.to_string()),
                ("Content-Length".to_string(), body.len().to_string()),
            ];
            if status == 200 {
                headers.push((
                    "Last-Modified".into(),
                    "Tue, 26 Nov 2024 15:55:00 GMT".into(),
                ));
                headers.push(("Connection".into(), "keep-alive".into()));
                headers.push(("ETag".into(), format!("\"6745ef54-{:x}\"", body.len())));
                headers.push(("Accept-Ranges".into(), "bytes".into()));
            } else {
                headers.push(("Connection".into(), "keep-alive".into()));
            }
            HttpResponse {
                status,
                reason: reason.into(),
                headers,
                body: if req.method == "HEAD" {
                    Vec::new()
                } else {
                    body
                },
            }
        }
        Service::Registry => programs::registry::serve(sys, req, log),
        Service::Python(app) => python::serve(sys, app, req, log, now),
        _ => HttpResponse::default(),
    }
}

/// The exit code when `signal` ends the service, `None` when ignored.
pub fn service_signal(svc: &mut Service, signal: &str) -> Option<i32> {
    let sig = signal.trim_start_matches("SIG").to_uppercase();
    if sig == "KILL" || sig == "9" {
        return Some(137);
    }
    let term = matches!(sig.as_str(), "TERM" | "15");
    let int = matches!(sig.as_str(), "INT" | "2");
    let quit = matches!(sig.as_str(), "QUIT" | "3");
    match svc {
        Service::Nginx { .. } => (term || int || quit).then_some(0),
        Service::Redis { .. } => (term || int).then_some(0),
        Service::Registry => (term || int).then_some(2),
        Service::Console { .. } => (term || int).then_some(if int { 130 } else { 143 }),
        Service::Python(_) => int.then_some(130),
        Service::Idle => (term || int || quit).then_some(0),
        Service::Waiting | Service::Replay { .. } => None,
    }
}
