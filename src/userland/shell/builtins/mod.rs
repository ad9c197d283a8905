//! Shell builtins: the commands the shell runs itself because they change
//! its own state (`cd`, `export`, `exit` …) or are built into it (`echo`,
//! `printf`, `test`, `read`, `history` …).

use super::{Io, Shell, ShellKind};
use crate::engine::fs::path;
use crate::userland::programs::{self, text, Flow, Limits, Lookup};
use crate::userland::Sys;

mod alias;
mod cd;
mod declare;
mod getopts;
mod printf;
mod read;
mod set;
mod trap;
use cd::cd;
use read::read;
use set::set;

const COMMON: &[&str] = &[
    "cd", "pwd", "echo", "printf", "export", "unset", "exit", "return", "break", "continue", "set",
    "shift", ".", "eval", "true", "false", ":", "test", "[", "read", "local", "type", "command",
    "exec", "wait", "trap", "umask", "alias", "unalias", "jobs", "kill", "hash", "ulimit",
    "readonly", "times", "getopts",
];
const BASH_ONLY: &[&str] = &[
    "source",
    "history",
    "declare",
    "typeset",
    "let",
    "shopt",
    "help",
    "mapfile",
    "readarray",
];
const ASH_ONLY: &[&str] = &["source", "history", "let"];

/// Whether `name` is a builtin of this shell.
pub fn is_builtin(kind: ShellKind, name: &str) -> bool {
    COMMON.contains(&name)
        || match kind {
            ShellKind::Bash => BASH_ONLY.contains(&name),
            ShellKind::Ash => ASH_ONLY.contains(&name),
            ShellKind::Dash => false,
        }
}

/// Special builtins: variable assignments before them persist.
pub fn is_special(name: &str) -> bool {
    matches!(
        name,
        "export"
            | "readonly"
            | "set"
            | "unset"
            | "."
            | "source"
            | "eval"
            | "exec"
            | "exit"
            | "return"
            | "break"
            | "continue"
            | "shift"
            | ":"
            | "trap"
            | "times"
    )
}

pub(crate) fn shell_quote(v: &str) -> String {
    if !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./:@%+,=".contains(c))
    {
        v.to_string()
    } else {
        format!("'{}'", v.replace('\'', "'\\''"))
    }
}

/// `shopt`: the options the sandbox's bash has; others fail loudly.
fn shopt(sh: &mut Shell, args: &[String], io: &mut Io) -> Result<i32, Flow> {
    const HARMLESS: &[&str] = &[
        "checkwinsize",
        "histappend",
        "cmdhist",
        "progcomp",
        "promptvars",
        "interactive_comments",
        "sourcepath",
        "complete_fullquote",
    ];
    let set = args.first().map(String::as_str);
    for name in args.iter().skip(1) {
        match (set, name.as_str()) {
            (Some("-s"), "expand_aliases") => sh.expand_aliases = true,
            (Some("-u"), "expand_aliases") => sh.expand_aliases = false,
            (_, n) if HARMLESS.contains(&n) => {}
            (Some("-u"), _) => {}
            (_, n) => {
                io.out.errln(format!(
                    "dockerlings: shopt: the {n} option is not available in this sandbox"
                ));
                return Ok(2);
            }
        }
    }
    Ok(0)
}

/// `mapfile [-t] ARRAY` (bash): stdin's lines into an array.
fn mapfile(sh: &mut Shell, args: &[String], io: &mut Io) -> Result<i32, Flow> {
    let mut trim = false;
    let mut name = "MAPFILE".to_string();
    for a in args {
        match a.as_str() {
            "-t" => trim = true,
            o if o.starts_with('-') => {
                io.out.errln(format!(
                    "dockerlings: mapfile: the {o} option is not available in this sandbox"
                ));
                return Ok(2);
            }
            n => name = n.to_string(),
        }
    }
    let data = io.rest().unwrap_or_default();
    if let Some(s) = &io.stdin {
        io.pos = s.len();
    }
    let text = String::from_utf8_lossy(&data);
    let lines: Vec<String> = text
        .split_inclusive('\n')
        .map(|l| {
            if trim {
                l.strip_suffix('\n').unwrap_or(l).to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    sh.set_array(&name, lines, false);
    Ok(0)
}

/// Runs builtin `argv[0]`.
pub fn run(
    sh: &mut Shell,
    sys: &mut dyn Sys,
    argv: &[String],
    io: &mut Io,
    lim: &mut Limits,
) -> Result<i32, Flow> {
    let name = argv[0].as_str();
    let args = &argv[1..];
    let p = sh.err_prefix();
    match name {
        "true" | ":" => Ok(0),
        "false" => Ok(1),
        "echo" => {
            let s = text::echo(args, sh.kind == ShellKind::Dash);
            io.out.out(s);
            Ok(0)
        }
        "printf" => printf::printf(sh, args, io),
        "pwd" => {
            io.out.outln(&sh.cwd);
            Ok(0)
        }
        "cd" => cd(sh, sys, args, io),
        "export" | "readonly" | "declare" | "typeset" => declare::declare(sh, name, args, io),
        "local" => {
            if !sh.in_function() {
                match sh.kind {
                    ShellKind::Bash => io
                        .out
                        .errln(format!("{p}: local: can only be used in a function")),
                    _ => io.out.errln(format!("{p}: local: not in a function")),
                }
                return Ok(1);
            }
            for a in args {
                let (k, v) = match a.split_once('=') {
                    Some((k, v)) => (k, Some(v)),
                    None => (a.as_str(), None),
                };
                sh.make_local(k);
                if let Some(v) = v {
                    sh.set(k, v);
                }
            }
            Ok(0)
        }
        "unset" => {
            let mut funcs = false;
            for a in args {
                match a.as_str() {
                    "-f" => funcs = true,
                    "-v" => funcs = false,
                    k => {
                        if funcs {
                            sh.funcs.remove(k);
                            continue;
                        }
                        let (base, sub) = super::arrays::split_subscript(k);
                        if sh.readonly.contains(base) {
                            match sh.kind {
                                ShellKind::Bash => io.out.errln(format!(
                                    "{p}: unset: {base}: cannot unset: readonly variable"
                                )),
                                _ => io.out.errln(format!("{p}: unset: {base}: is read only")),
                            }
                            return Ok(1);
                        }
                        match sub {
                            Some(sub) => sh.unset_element(base, sub),
                            None => {
                                sh.vars.remove(k);
                                sh.arrays.remove(k);
                                sh.exported.remove(k);
                            }
                        }
                    }
                }
            }
            Ok(0)
        }
        "exit" => {
            let code = match args.first() {
                None => sh.last,
                Some(a) => match a.parse::<i64>() {
                    Ok(n) => (n & 0xff) as i32,
                    Err(_) => {
                        if sh.interactive && sh.kind == ShellKind::Bash {
                            io.out.errln("exit");
                        }
                        match sh.kind {
                            ShellKind::Bash => io
                                .out
                                .errln(format!("{p}: exit: {a}: numeric argument required")),
                            ShellKind::Dash => {
                                io.out.errln(format!("{p}: exit: Illegal number: {a}"))
                            }
                            ShellKind::Ash => {
                                io.out.errln(format!("{p}: exit: Illegal number: {a}"))
                            }
                        }
                        return Err(Flow::Exit(2));
                    }
                },
            };
            if sh.interactive && sh.kind == ShellKind::Bash && !sh.subshell {
                io.out.errln("exit");
            }
            Err(Flow::Exit(code))
        }
        "return" => {
            let code = args
                .first()
                .and_then(|a| a.parse::<i64>().ok())
                .map(|n| (n & 0xff) as i32)
                .unwrap_or(sh.last);
            if !sh.in_function() && sh.kind == ShellKind::Bash {
                io.out.errln(format!(
                    "{p}: return: can only `return' from a function or sourced script"
                ));
                return Ok(2);
            }
            Err(Flow::Return(code))
        }
        "break" | "continue" => {
            let n = args
                .first()
                .and_then(|a| a.parse::<u32>().ok())
                .unwrap_or(1)
                .max(1);
            if sh.loops == 0 {
                if sh.kind == ShellKind::Bash {
                    io.out.errln(format!(
                        "{p}: {name}: only meaningful in a `for', `while', or `until' loop"
                    ));
                }
                return Ok(0);
            }
            Err(if name == "break" {
                Flow::Break(n)
            } else {
                Flow::Continue(n)
            })
        }
        "shift" => {
            let n = args
                .first()
                .and_then(|a| a.parse::<usize>().ok())
                .unwrap_or(1);
            if n > sh.args.len() {
                return Ok(1);
            }
            sh.args.drain(..n);
            Ok(0)
        }
        "set" => set(sh, args, io),
        "." | "source" => {
            let Some(file) = args.first() else {
                match sh.kind {
                    ShellKind::Bash => {
                        io.out
                            .errln(format!("{p}: {name}: filename argument required"));
                        io.out
                            .errln(format!("{name}: usage: {name} filename [arguments]"));
                    }
                    _ => io.out.errln(format!("{p}: {name}: not enough arguments")),
                }
                return Ok(2);
            };
            let path = if file.contains('/') {
                path::join(&sh.cwd, file)
            } else {
                // search PATH, then the current directory (bash)
                let pv = sh.get("PATH").unwrap_or_default();
                pv.split(':')
                    .map(|d| path::join(&sh.cwd, &format!("{d}/{file}")))
                    .find(|c| programs::read_file(sys, c).is_ok())
                    .unwrap_or_else(|| path::join(&sh.cwd, file))
            };
            let src = match programs::read_file(sys, &path) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    match sh.kind {
                        ShellKind::Bash => io.out.errln(format!("{p}: {file}: {e}")),
                        ShellKind::Dash => io
                            .out
                            .errln(format!("{p}: {name}: cannot open {file}: No such file")),
                        ShellKind::Ash => io
                            .out
                            .errln(format!("{p}: {name}: can't open '{file}': {e}")),
                    }
                    return Ok(1);
                }
            };
            let saved = if args.len() > 1 {
                Some(std::mem::replace(&mut sh.args, args[1..].to_vec()))
            } else {
                None
            };
            let r = run_nested(sh, sys, &src, io, lim);
            if let Some(s) = saved {
                sh.args = s;
            }
            match r {
                Err(Flow::Return(c)) => Ok(c),
                x => x,
            }
        }
        "eval" => {
            let src = args.join(" ");
            run_nested(sh, sys, &src, io, lim)
        }
        "test" | "[" => {
            let mut a: Vec<String> = args.to_vec();
            if name == "[" {
                if a.last().map(String::as_str) != Some("]") {
                    match sh.kind {
                        ShellKind::Bash => io.out.errln(format!("{p}: [: missing `]'")),
                        _ => io.out.errln(format!("{p}: [: missing ]")),
                    }
                    return Ok(2);
                }
                a.pop();
            }
            // bash's `-v NAME`: whether a variable is set
            if sh.kind == ShellKind::Bash {
                let neg = a.first().map(String::as_str) == Some("!");
                let rest = &a[neg as usize..];
                if rest.len() == 2 && rest[0] == "-v" {
                    let (base, sub) = super::arrays::split_subscript(&rest[1]);
                    let set = match sub {
                        Some(s) => sh.array_element(base, s).ok().flatten().is_some(),
                        None => sh.vars.contains_key(base) || sh.arrays.contains_key(base),
                    };
                    return Ok(if set != neg { 0 } else { 1 });
                }
            }
            match text::test(sys, &sh.cwd, &a) {
                Ok(b) => Ok(if b { 0 } else { 1 }),
                Err(e) => {
                    io.out.errln(format!("{p}: {name}: {e}"));
                    Ok(2)
                }
            }
        }
        "read" => read(sh, args, io),
        "history" => {
            if args.first().map(String::as_str) == Some("-c") {
                sh.history.clear();
                return Ok(0);
            }
            let n = args.first().and_then(|a| a.parse::<usize>().ok());
            let total = sh.history.len();
            let skip = n.map(|n| total.saturating_sub(n)).unwrap_or(0);
            for (i, h) in sh.history.iter().enumerate().skip(skip) {
                io.out.outln(format!("{:>5}  {h}", i + 1));
            }
            Ok(0)
        }
        "type" => {
            let mut code = 0;
            for a in args {
                if let Some(v) = sh.aliases.get(a.as_str()) {
                    match sh.kind {
                        ShellKind::Bash => io.out.outln(format!("{a} is aliased to `{v}'")),
                        _ => io.out.outln(format!("{a} is an alias for {v}")),
                    }
                } else if super::parse::is_reserved(a) {
                    io.out.outln(format!("{a} is a shell keyword"));
                } else if sh.funcs.contains_key(a) {
                    io.out.outln(format!("{a} is a function"));
                } else if is_builtin(sh.kind, a) {
                    let what = if is_special(a) && sh.kind != ShellKind::Bash {
                        "a special shell builtin"
                    } else {
                        "a shell builtin"
                    };
                    io.out.outln(format!("{a} is {what}"));
                } else {
                    let pv = sh.get("PATH").unwrap_or_default();
                    match programs::lookup(sys, a, &pv, &sh.cwd) {
                        Lookup::Found(f) => io.out.outln(format!("{a} is {}", f.path)),
                        _ => {
                            code = 1;
                            match sh.kind {
                                ShellKind::Bash => {
                                    io.out.errln(format!("{p}: type: {a}: not found"))
                                }
                                _ => {
                                    code = 127;
                                    io.out.outln(format!("{a}: not found"))
                                }
                            }
                        }
                    }
                }
            }
            Ok(code)
        }
        "command" => {
            let mut i = 0;
            let mut verbose = None;
            while let Some(a) = args.get(i) {
                match a.as_str() {
                    "-v" => verbose = Some(false),
                    "-V" => verbose = Some(true),
                    "-p" => {}
                    _ => break,
                }
                i += 1;
            }
            let rest = &args[i..];
            if rest.is_empty() {
                return Ok(0);
            }
            if let Some(v) = verbose {
                let a = &rest[0];
                if is_builtin(sh.kind, a) || sh.funcs.contains_key(a) {
                    if v {
                        io.out.outln(format!("{a} is a shell builtin"));
                    } else {
                        io.out.outln(a);
                    }
                    return Ok(0);
                }
                let pv = sh.get("PATH").unwrap_or_default();
                return match programs::lookup(sys, a, &pv, &sh.cwd) {
                    Lookup::Found(f) => {
                        if v {
                            io.out.outln(format!("{a} is {}", f.path));
                        } else {
                            io.out.outln(&f.path);
                        }
                        Ok(0)
                    }
                    _ => Ok(if sh.kind == ShellKind::Bash { 1 } else { 127 }),
                };
            }
            if is_builtin(sh.kind, &rest[0]) {
                return run(sh, sys, rest, io, lim);
            }
            let env = sh.env();
            sh.run_external(sys, rest, env, io, lim)
        }
        "exec" => {
            if args.is_empty() {
                return Ok(0);
            }
            let env = sh.env();
            let c = if is_builtin(sh.kind, &args[0]) {
                run(sh, sys, args, io, lim)?
            } else {
                sh.run_external(sys, args, env, io, lim)?
            };
            Err(Flow::Exit(c))
        }
        "trap" => trap::trap(sh, args, io),
        "getopts" => getopts::getopts(sh, args, io),
        "alias" => alias::alias(sh, args, io),
        "unalias" => alias::unalias(sh, args, io),
        "hash" => alias::hash(sh, sys, args, io),
        "shopt" => shopt(sh, args, io),
        "wait" | "jobs" => Ok(0),
        "mapfile" | "readarray" => mapfile(sh, args, io),
        "times" => {
            io.out.outln("0m0.010s 0m0.005s\n0m0.000s 0m0.000s");
            Ok(0)
        }
        "umask" => {
            if args.is_empty() {
                io.out.outln("0022");
            }
            Ok(0)
        }
        "ulimit" => {
            io.out.outln("unlimited");
            Ok(0)
        }
        "let" => {
            let mut v = 0;
            for a in args {
                match super::arith::arith(sh, a) {
                    Ok(n) => v = n,
                    Err(e) => {
                        io.out.errln(format!("{p}: let: {a}: {e}"));
                        return Ok(1);
                    }
                }
            }
            Ok(if v == 0 { 1 } else { 0 })
        }
        "kill" => programs::system::kill_builtin(sys, args, &p, io.out),
        "help" => {
            io.out.outln("GNU bash, version 5.2.21(1)-release (x86_64-pc-linux-gnu)\nThese shell commands are defined internally.  Type `help' to see this list.");
            Ok(0)
        }
        _ => Ok(0),
    }
}

fn run_nested(
    sh: &mut Shell,
    sys: &mut dyn Sys,
    src: &str,
    io: &mut Io,
    lim: &mut Limits,
) -> Result<i32, Flow> {
    if let Err(e) = super::parse::parse(src) {
        sh.syntax_error(&e, src, io.out);
        return Ok(2);
    }
    sh.run_script(sys, src, io, lim)
}
