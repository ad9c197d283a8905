//! `declare`/`typeset`, `export`, `readonly`: attributes (`-a -A -i -r -x`)
//! and listings (`-p`) in each shell's format.

use super::shell_quote;
use crate::userland::programs::Flow;
use crate::userland::shell::arrays::Array;
use crate::userland::shell::{Io, Shell, ShellKind};
use std::collections::BTreeMap;

/// bash's `declare -p` quoting of a value: `"…"` with `\`, `"`, `$`, `` ` `` escaped.
fn dq(v: &str) -> String {
    let mut s = String::from("\"");
    for c in v.chars() {
        if matches!(c, '\\' | '"' | '$' | '`') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('"');
    s
}

/// One `declare -p` line for `k`.
fn describe(sh: &Shell, k: &str) -> Option<String> {
    let mut flags = String::new();
    let body = match sh.arrays.get(k) {
        Some(Array::Indexed(m)) => {
            flags.push('a');
            let items: Vec<String> = m.iter().map(|(i, v)| format!("[{i}]={}", dq(v))).collect();
            Some(format!("({})", items.join(" ")))
        }
        Some(Array::Assoc(m)) => {
            flags.push('A');
            let items: Vec<String> = m.iter().map(|(i, v)| format!("[{i}]={} ", dq(v))).collect();
            Some(format!("({})", items.concat()))
        }
        None => sh.vars.get(k).map(|v| dq(v)),
    };
    if sh.readonly.contains(k) {
        flags.push('r');
    }
    if sh.exported.contains(k) {
        flags.push('x');
    }
    if body.is_none() && flags.is_empty() {
        return None;
    }
    let flags = if flags.is_empty() {
        "-".to_string()
    } else {
        flags
    };
    Some(match body {
        Some(b) => format!("declare -{flags} {k}={b}"),
        None => format!("declare -{flags} {k}"),
    })
}

/// Runs `export`, `readonly`, `declare` or `typeset`.
pub(super) fn declare(
    sh: &mut Shell,
    name: &str,
    args: &[String],
    io: &mut Io,
) -> Result<i32, Flow> {
    let p = sh.err_prefix();
    let mut print = false;
    let mut export = name == "export";
    let mut readonly = name == "readonly";
    let (mut indexed, mut assoc, mut integer) = (false, false, false);
    let mut names = Vec::new();
    for a in args {
        match a.as_str() {
            s if s.starts_with('-') && s.len() > 1 && names.is_empty() => {
                for f in s[1..].chars() {
                    match f {
                        'p' => print = true,
                        'x' => export = true,
                        'r' => readonly = true,
                        'a' => indexed = true,
                        'A' => assoc = true,
                        'i' => integer = true,
                        'g' => {}
                        _ => {
                            io.out.errln(format!(
                                "dockerlings: {name}: the -{f} option is not available in this sandbox"
                            ));
                            return Ok(2);
                        }
                    }
                }
            }
            _ => names.push(a.clone()),
        }
    }
    if names.is_empty() {
        list(sh, name, export, readonly, io);
        return Ok(0);
    }
    let mut code = 0;
    for a in names {
        let (k, v) = match a.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (a.clone(), None),
        };
        if !super::super::parse::valid_name(&k) {
            match sh.kind {
                ShellKind::Bash => io
                    .out
                    .errln(format!("{p}: {name}: `{a}': not a valid identifier")),
                _ => io.out.errln(format!("{p}: {name}: {a}: bad variable name")),
            }
            code = 1;
            continue;
        }
        if print {
            match describe(sh, &k) {
                Some(line) => io.out.outln(line),
                None => {
                    io.out.errln(format!("{p}: declare: {k}: not found"));
                    code = 1;
                }
            }
            continue;
        }
        if v.is_some() && sh.is_readonly(&k, io) {
            code = 1;
            continue;
        }
        if (name == "declare" || name == "typeset") && sh.in_function() {
            sh.make_local(&k);
        }
        if assoc && !matches!(sh.arrays.get(&k), Some(Array::Assoc(_))) {
            sh.vars.remove(&k);
            sh.arrays.insert(k.clone(), Array::Assoc(BTreeMap::new()));
        } else if indexed && !sh.arrays.contains_key(&k) {
            let mut m = BTreeMap::new();
            if let Some(old) = sh.vars.remove(&k) {
                m.insert(0, old);
            }
            sh.arrays.insert(k.clone(), Array::Indexed(m));
        }
        if let Some(v) = v {
            let v = if integer {
                super::super::arith::arith(sh, &v)
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            } else {
                v
            };
            if sh.arrays.contains_key(&k) {
                let _ = sh.set_element(&k, "0", &v, false);
            } else {
                sh.set(&k, &v);
            }
        }
        if export {
            sh.exported.insert(k.clone());
        }
        if readonly {
            sh.readonly.insert(k.clone());
        }
    }
    Ok(code)
}

fn list(sh: &Shell, name: &str, export: bool, readonly: bool, io: &mut Io) {
    let keys: Vec<String> = if export {
        sh.exported.iter().cloned().collect()
    } else if readonly {
        sh.readonly.iter().cloned().collect()
    } else {
        let mut k: Vec<String> = sh.vars.keys().cloned().collect();
        k.extend(sh.arrays.keys().cloned());
        k.sort();
        k
    };
    for k in keys {
        if sh.kind == ShellKind::Bash {
            if name == "declare" || name == "typeset" {
                if let Some(l) = describe(sh, &k) {
                    io.out.outln(l);
                }
            } else if let Some(l) = describe(sh, &k) {
                io.out.outln(l);
            }
            continue;
        }
        let word = if readonly { "readonly" } else { "export" };
        match sh.vars.get(&k) {
            Some(v) => io.out.outln(format!("{word} {k}={}", shell_quote(v))),
            None => io.out.outln(format!("{word} {k}")),
        }
    }
}
