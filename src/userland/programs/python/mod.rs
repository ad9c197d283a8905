//! A Python subset for the lessons' scripts and everyday one-liners:
//! CPython 3.11's semantics for ints (arbitrary precision), floats, str,
//! list, tuple, dict, bool and None; f-strings, `format`, `str.format` and
//! `%` with format specs; functions (defaults, `*args`, `**kwargs`, lambda),
//! simple classes, exceptions with CPython's hierarchy and tracebacks,
//! `sys.exit`, comprehensions, slicing, `with open(…)`; the modules `sys`,
//! `os`, `os.path`, `json`, `math`, `time`, `random`, and web apps with
//! Flask (`@app.route`, `app.run`) or `http.server`, which become a
//! [`Service`] that `curl` reaches through `-p`. Anything else fails loudly
//! (`SyntaxError`, `NameError`, `ModuleNotFoundError`, or
//! `NotImplementedError: … is not available in this sandbox`), and
//! recursion, nesting and sizes are bounded. Output is block-buffered when
//! stdout is not a terminal, unless `PYTHONUNBUFFERED` or `-u` is set — as
//! with the real interpreter.
//!
//! Pipeline: `lexer` (tokens, logical lines) → `statements` and `parser`
//! (the `ast`) → `interp` (statements) and `eval` (expressions), with
//! `builtins`, `funcs`, `methods`, `strmethods`, `modules`, `exceptions`,
//! `arith`/`bigint` (integers), `spec` (formatting), `stack` (bounds).

mod arith;
mod ast;
mod bigint;
mod builtins;
mod eval;
mod exceptions;
mod format;
mod funcs;
mod interp;
mod lexer;
mod methods;
mod modules;
mod parser;
mod serve;
mod spec;
mod stack;
mod statements;
mod strmethods;
mod value;

use arith::*;
use ast::*;
use bigint::BigInt;
use exceptions::*;
use format::*;
use funcs::*;
use interp::*;
use lexer::*;
use modules::*;
use parser::*;
pub use serve::{repl_line, serve};
use spec::*;
use statements::*;
use strmethods::*;
use value::*;

use super::{Flow, Proc};
use crate::engine::clock::Millis;
use crate::engine::fs::{path, Entry};
use crate::userland::process::Service;
use crate::userland::{HttpRequest, HttpResponse, Output, Sys};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// CPython's default recursion limit (`sys.getrecursionlimit()`), counting the module's frame.
const RECURSION_LIMIT: usize = 999;

/// A Python web app kept as a service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebApp {
    pub port: u16,
    /// Address it binds (`0.0.0.0`, `127.0.0.1`).
    pub host: String,
    /// `flask` or `static` (http.server).
    pub kind: String,
    /// The script, for re-running view functions.
    pub script: String,
    pub src: String,
    /// Directory served by http.server.
    pub dir: String,
    pub env: Vec<(String, String)>,
    pub pyver: String,
    /// Request log lines not yet delivered (see `process::service_request`).
    #[serde(default)]
    pub pending: Output,
}

fn full_version(v: &str) -> String {
    let patch = match v {
        "3.9" => "21",
        "3.10" => "12",
        "3.11" => "2",
        "3.12" => "3",
        _ => "1",
    };
    format!("{v}.{patch}")
}

fn python_version_of(p: &Proc) -> String {
    let name = path::file_name(&p.exe).to_string();
    if let Some(v) = name.strip_prefix("python").filter(|v| v.starts_with("3.")) {
        return v.to_string();
    }
    // the file actually run: python3 -> python3.9
    let argv0 = p.argv.first().cloned().unwrap_or_default();
    let pv = p
        .getenv("PATH")
        .unwrap_or_else(|| super::DEFAULT_PATH.into());
    for dir in pv.split(':') {
        let cand = if argv0.contains('/') {
            argv0.clone()
        } else {
            format!("{dir}/{argv0}")
        };
        let (fs, inner) = p.sys.fs_for_ref(&cand);
        if let Ok(r) = fs.resolve(&inner, true) {
            if fs.lookup(&r).is_some() {
                if let Some(v) = path::file_name(&r)
                    .strip_prefix("python")
                    .filter(|v| v.starts_with("3."))
                {
                    return v.to_string();
                }
                break;
            }
        }
    }
    "3.12".into()
}

/// `python`, `python3`, `python3.X`.
pub fn python(p: &mut Proc) -> Result<i32, Flow> {
    let _origin = stack::Origin::enter();
    let args = p.args();
    let pyver = python_version_of(p);
    let mut unbuffered = p.getenv("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty());
    let mut i = 0;
    let mut code: Option<String> = None;
    let mut module: Option<String> = None;
    while let Some(a) = args.get(i) {
        match a.as_str() {
            "-u" => unbuffered = true,
            "-V" | "--version" => {
                p.out.outln(format!("Python {}", full_version(&pyver)));
                return Ok(0);
            }
            "-c" => {
                code = Some(args.get(i + 1).cloned().unwrap_or_default());
                i += 2;
                break;
            }
            "-m" => {
                module = Some(args.get(i + 1).cloned().unwrap_or_default());
                i += 2;
                break;
            }
            a if a.starts_with('-') => {}
            _ => break,
        }
        i += 1;
    }
    let rest: Vec<String> = args.get(i..).unwrap_or(&[]).to_vec();
    if let Some(m) = module {
        return match m.as_str() {
            "http.server" => {
                let port: u16 = rest.first().and_then(|x| x.parse().ok()).unwrap_or(8000);
                p.out.outln(format!(
                    "Serving HTTP on 0.0.0.0 port {port} (http://0.0.0.0:{port}/) ..."
                ));
                Err(super::service_flow(Service::Python(WebApp {
                    port,
                    host: "0.0.0.0".into(),
                    kind: "static".into(),
                    dir: p.ctx.cwd.clone(),
                    env: p.ctx.env.clone(),
                    pyver,
                    ..WebApp::default()
                })))
            }
            "pip" => super::pkg::pip(p),
            "venv" => Ok(0),
            other => {
                p.out.errln(format!(
                    "/usr/local/bin/python{pyver}: No module named {other}"
                ));
                Ok(1)
            }
        };
    }
    let (script, src) = match code {
        Some(c) => ("<string>".to_string(), c),
        None => match rest.first() {
            Some(f) => {
                let abs = p.abs(f);
                match p.read(f) {
                    Ok(b) => (abs, String::from_utf8_lossy(&b).into_owned()),
                    Err(e) => {
                        let exe = if p.argv[0].contains('/') {
                            p.argv[0].clone()
                        } else {
                            format!("/usr/local/bin/{}", p.name())
                        };
                        let _ = exe;
                        p.out.errln(format!(
                            "{}: can't open file '{abs}': [Errno 2] {e}",
                            p.name()
                        ));
                        return Ok(2);
                    }
                }
            }
            None => match p.ctx.stdin.clone() {
                Some(b) => ("<stdin>".into(), String::from_utf8_lossy(&b).into_owned()),
                None => {
                    if p.ctx.tty && p.ctx.interactive {
                        p.out.outln(format!("Python {} (main, Dec  4 2024, 08:58:41) [GCC 12.2.0] on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.", full_version(&pyver)));
                        let mut sh = crate::userland::shell::Shell::new(
                            crate::userland::shell::ShellKind::Bash,
                            "python3",
                            &p.ctx.cwd,
                            &p.ctx.env,
                        );
                        sh.python = Some(pyver);
                        sh.interactive = true;
                        sh.tty = true;
                        return Err(Flow::Interactive(Box::new(sh)));
                    }
                    return Ok(0);
                }
            },
        },
    };
    let buffered = !unbuffered && !p.ctx.tty;
    run_script(p, &script, &src, &rest, buffered, &pyver, false).map(|(c, _)| c)
}

/// Runs a module; returns the exit code and, in serving mode, the routes.
fn run_script(
    p: &mut Proc,
    script: &str,
    src: &str,
    argv: &[String],
    buffered: bool,
    pyver: &str,
    serving: bool,
) -> Result<(i32, Vec<Route>), Flow> {
    let lines = match logical_lines(src).and_then(|ls| {
        let mut i = 0;
        parse_block(&ls, &mut i, 0)
    }) {
        Ok(b) => b,
        Err((no, msg)) => {
            let text = src
                .lines()
                .nth(no.saturating_sub(1))
                .unwrap_or("")
                .trim()
                .to_string();
            if msg == TOO_DEEP {
                p.out.errln(msg);
            } else {
                p.out.errln(format!(
                    "  File \"{script}\", line {no}\n    {text}\n    ^\nSyntaxError: {msg}"
                ));
            }
            return Ok((1, vec![]));
        }
    };
    let mut it = Interp {
        p,
        globals: BTreeMap::new(),
        locals: Vec::new(),
        script: script.to_string(),
        src_lines: src.lines().map(String::from).collect(),
        buffered,
        buf: String::new(),
        line: 0,
        frames: Vec::new(),
        handling: Vec::new(),
        routes: Vec::new(),
        serving,
        pyver: pyver.to_string(),
        rng: 0x2545_F491_4F6C_DD1D,
    };
    let arg0 = if script == "<string>" { "-c" } else { script };
    let mut av = vec![V::Str(arg0.to_string())];
    av.extend(argv.iter().skip(1).map(|a| V::Str(a.clone())));
    it.globals
        .insert("__argv".into(), V::List(Rc::new(RefCell::new(av))));
    let r = it.block(&lines);
    let routes = std::mem::take(&mut it.routes);
    match r {
        Ok(()) => {
            it.flush();
            Ok((0, routes))
        }
        Err(Ctl::Err(e)) if e.kind == "SystemExit" => {
            it.flush();
            let c = it.exit_status(&e);
            Ok((c, routes))
        }
        Err(Ctl::Err(e)) => {
            it.flush();
            it.traceback(&e);
            Ok((1, routes))
        }
        Err(Ctl::Flow(Flow::Service(s))) => {
            it.flush();
            Err(Flow::Service(s))
        }
        // buffered output is lost with the process (or never flushed yet)
        Err(Ctl::Flow(f)) => Err(f),
        Err(Ctl::Return(_)) | Err(Ctl::Break) | Err(Ctl::Continue) => {
            it.flush();
            Ok((0, routes))
        }
    }
}
