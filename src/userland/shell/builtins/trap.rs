//! `trap`: actions for `EXIT`, `ERR` and signals, listed as each shell
//! prints them (`trap -- 'cmd' SIGINT` in bash, `INT` in dash and ash).

use super::shell_quote;
use crate::userland::programs::Flow;
use crate::userland::shell::{Io, Shell, ShellKind};

/// Signal numbers and names, in the order `trap` lists them.
const SIGNALS: &[(u32, &str)] = &[
    (0, "EXIT"),
    (1, "HUP"),
    (2, "INT"),
    (3, "QUIT"),
    (4, "ILL"),
    (5, "TRAP"),
    (6, "ABRT"),
    (7, "BUS"),
    (8, "FPE"),
    (9, "KILL"),
    (10, "USR1"),
    (11, "SEGV"),
    (12, "USR2"),
    (13, "PIPE"),
    (14, "ALRM"),
    (15, "TERM"),
    (17, "CHLD"),
    (18, "CONT"),
    (19, "STOP"),
    (20, "TSTP"),
    (100, "DEBUG"),
    (101, "ERR"),
    (102, "RETURN"),
];

/// The canonical name of a condition (`SIGINT`, `int`, `2` → `INT`).
fn canonical(kind: ShellKind, spec: &str) -> Option<&'static str> {
    if let Ok(n) = spec.parse::<u32>() {
        return SIGNALS
            .iter()
            .find(|(k, _)| *k == n && n < 100)
            .map(|(_, s)| *s);
    }
    let up = spec.to_ascii_uppercase();
    let bare = up.strip_prefix("SIG").unwrap_or(&up);
    let hit = SIGNALS
        .iter()
        .find(|(_, s)| *s == bare)
        .map(|(n, s)| (*n, *s))?;
    if hit.0 >= 100 && kind != ShellKind::Bash {
        return None;
    }
    Some(hit.1)
}

fn display(kind: ShellKind, name: &str) -> String {
    let n = SIGNALS.iter().find(|(_, s)| *s == name).map(|(n, _)| *n);
    match (kind, n) {
        (ShellKind::Bash, Some(k)) if k > 0 && k < 100 => format!("SIG{name}"),
        _ => name.to_string(),
    }
}

fn list(sh: &Shell, only: &[String], io: &mut Io) {
    for (_, name) in SIGNALS {
        if !only.is_empty() && !only.iter().any(|o| canonical(sh.kind, o) == Some(name)) {
            continue;
        }
        if let Some(action) = sh.traps.get(*name) {
            io.out.outln(format!(
                "trap -- {} {}",
                quote(action),
                display(sh.kind, name)
            ));
        }
    }
}

fn quote(v: &str) -> String {
    let q = shell_quote(v);
    if q.starts_with('\'') {
        q
    } else {
        format!("'{v}'")
    }
}

/// Runs `trap ARGS`.
pub(super) fn trap(sh: &mut Shell, args: &[String], io: &mut Io) -> Result<i32, Flow> {
    let mut args = args;
    if args.first().map(String::as_str) == Some("-p") {
        list(sh, &args[1..], io);
        return Ok(0);
    }
    if args.first().map(String::as_str) == Some("--") {
        args = &args[1..];
    }
    if args.is_empty() {
        list(sh, &[], io);
        return Ok(0);
    }
    if let Some(o) = args[0].strip_prefix('-').filter(|o| !o.is_empty()) {
        io.out.errln(format!(
            "dockerlings: trap: the -{o} option is not available in this sandbox"
        ));
        return Ok(2);
    }
    // `trap N…` with a number first resets those conditions (POSIX)
    let (action, conds) = if args.len() == 1 || args[0].parse::<u32>().is_ok() {
        (None, args)
    } else {
        (Some(args[0].as_str()), &args[1..])
    };
    let mut code = 0;
    for c in conds {
        let Some(name) = canonical(sh.kind, c) else {
            let p = sh.err_prefix();
            match sh.kind {
                ShellKind::Bash => io
                    .out
                    .errln(format!("{p}: trap: {c}: invalid signal specification")),
                ShellKind::Dash => io.out.errln(format!("trap: {c}: bad trap")),
                ShellKind::Ash => io.out.errln(format!(
                    "{p}: trap: line 0: {c}: invalid signal specification"
                )),
            }
            code = 1;
            continue;
        };
        match action {
            None | Some("-") => {
                sh.traps.remove(name);
            }
            Some(a) => {
                sh.traps.insert(name.to_string(), a.to_string());
            }
        }
    }
    Ok(code)
}
