//! `alias`, `unalias` and `hash`: aliases are listed as each shell prints
//! them and take effect from the next command (as real shells read them).

use super::shell_quote;
use crate::userland::programs::{self, Flow, Lookup};
use crate::userland::shell::{Io, Shell, ShellKind};
use crate::userland::Sys;

fn show(sh: &Shell, k: &str, v: &str) -> String {
    let q = format!("'{}'", v.replace('\'', "'\\''"));
    let _ = shell_quote;
    match sh.kind {
        ShellKind::Bash => format!("alias {k}={q}"),
        _ => format!("{k}={q}"),
    }
}

pub(super) fn alias(sh: &mut Shell, args: &[String], io: &mut Io) -> Result<i32, Flow> {
    let args: Vec<&String> = args.iter().filter(|a| a.as_str() != "-p").collect();
    if args.is_empty() {
        for (k, v) in sh.aliases.iter().chain(sh.new_aliases.iter()) {
            io.out.outln(show(sh, k, v));
        }
        return Ok(0);
    }
    let p = sh.err_prefix();
    let mut code = 0;
    for a in args {
        match a.split_once('=') {
            Some((k, v)) => {
                sh.new_aliases.insert(k.to_string(), v.to_string());
            }
            None => {
                let v = sh
                    .new_aliases
                    .get(a.as_str())
                    .or(sh.aliases.get(a.as_str()));
                match v {
                    Some(v) => io.out.outln(show(sh, a, v)),
                    None => {
                        match sh.kind {
                            ShellKind::Bash => io.out.errln(format!("{p}: alias: {a}: not found")),
                            _ => io.out.errln(format!("alias: {a} not found")),
                        }
                        code = 1;
                    }
                }
            }
        }
    }
    Ok(code)
}

pub(super) fn unalias(sh: &mut Shell, args: &[String], io: &mut Io) -> Result<i32, Flow> {
    let p = sh.err_prefix();
    if args.first().map(String::as_str) == Some("-a") {
        sh.aliases.clear();
        sh.new_aliases.clear();
        return Ok(0);
    }
    if args.is_empty() {
        io.out.errln("unalias: usage: unalias [-a] name [name ...]");
        return Ok(2);
    }
    let mut code = 0;
    for a in args {
        let had = sh.aliases.remove(a).is_some() | sh.new_aliases.remove(a).is_some();
        if !had {
            match sh.kind {
                ShellKind::Bash => io.out.errln(format!("{p}: unalias: {a}: not found")),
                _ => io.out.errln(format!("{p}: unalias: {a} not found")),
            }
            code = 1;
        }
    }
    Ok(code)
}

/// `hash`: there is no command hash table to show; names are looked up.
pub(super) fn hash(
    sh: &mut Shell,
    sys: &mut dyn Sys,
    args: &[String],
    io: &mut Io,
) -> Result<i32, Flow> {
    let p = sh.err_prefix();
    let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if names.is_empty() {
        if sh.kind == ShellKind::Bash && !args.iter().any(|a| a == "-r") {
            io.out.outln("hash: hash table empty");
        }
        return Ok(0);
    }
    let pv = sh.get("PATH").unwrap_or_default();
    let mut code = 0;
    for n in names {
        if !matches!(programs::lookup(sys, n, &pv, &sh.cwd), Lookup::Found(_)) {
            match sh.kind {
                ShellKind::Bash => io.out.errln(format!("{p}: hash: {n}: not found")),
                _ => io.out.errln(format!("{p}: hash: {n}: not found")),
            }
            code = 1;
        }
    }
    Ok(code)
}
