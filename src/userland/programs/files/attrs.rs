//! `touch`, `chmod` (symbolic and octal modes) and `chown`: changing file attributes.

use super::*;

pub fn touch(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "c !d= !t= !r= !a m !h"
    } else {
        "!a c|no-create !d=|date= !f !h|no-dereference m !r=|reference= !t= !time="
    };
    let o = match super::super::opts::parse_legacy(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.operands.is_empty() {
        p.errln("missing file operand");
        if !p.is_busybox() {
            p.out.errln("Try 'touch --help' for more information.");
        }
        return Ok(1);
    }
    let mut code = 0;
    let now = p.lim.now_secs();
    for f in &o.operands {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for(&abs);
        if o.has('c') && fs.stat(&inner).is_err() {
            continue;
        }
        if let Err(e) = fs.touch(&inner, now) {
            if p.is_busybox() {
                p.errln(format!("{f}: {e}"));
            } else {
                p.errln(format!("cannot touch '{f}': {e}"));
            }
            code = 1;
        }
    }
    Ok(code)
}

pub(super) fn parse_mode(spec: &str, old: u32, is_dir: bool) -> Option<u32> {
    if spec.chars().all(|c| c.is_digit(8)) && !spec.is_empty() {
        return u32::from_str_radix(spec, 8).ok();
    }
    let mut mode = old;
    for clause in spec.split(',') {
        let who_end = clause.find(['+', '-', '=']).unwrap_or(clause.len());
        let who = &clause[..who_end];
        let rest = &clause[who_end..];
        let mut chars = rest.chars();
        let op = chars.next()?;
        let perms: String = chars.collect();
        let mut mask = 0;
        let who = if who.is_empty() { "a" } else { who };
        for w in who.chars() {
            mask |= match w {
                'u' => 0o700,
                'g' => 0o070,
                'o' => 0o007,
                'a' => 0o777,
                _ => return None,
            };
        }
        let mut bits = 0;
        for c in perms.chars() {
            bits |= match c {
                'r' => 0o444,
                'w' => 0o222,
                'x' => 0o111,
                'X' if is_dir || old & 0o111 != 0 => 0o111,
                'X' => 0,
                's' | 't' => 0,
                _ => return None,
            };
        }
        bits &= mask;
        match op {
            '+' => mode |= bits,
            '-' => mode &= !bits,
            '=' => mode = (mode & !mask) | bits,
            _ => return None,
        }
    }
    Some(mode)
}

const CHMOD_GNU: &str =
    "!c|changes f|silent|quiet !no-preserve-root preserve-root R|recursive !reference= !v|verbose";
const CHMOD_BUSYBOX: &str = "R !c f !v";

/// Splits chmod's arguments into options and operands: `-w`, `-x`, `-rwx`
/// are modes, not options (as GNU chmod reads them).
fn chmod_args(p: &mut Proc) -> Result<(bool, Vec<String>), i32> {
    let spec = if p.is_busybox() {
        CHMOD_BUSYBOX
    } else {
        CHMOD_GNU
    };
    let table = super::super::opts::Table::new(spec);
    let mut opts = Vec::new();
    let mut rest = Vec::new();
    let mut args = p.args().into_iter();
    while let Some(a) = args.next() {
        let is_mode = a.len() > 1
            && a.starts_with('-')
            && !a.starts_with("--")
            && a[1..].chars().all(|c| "rwxXstugoa+-=,01234567".contains(c));
        if a == "--" {
            rest.extend(args.by_ref());
        } else if a.starts_with('-') && a.len() > 1 && !is_mode {
            opts.push(a);
        } else {
            rest.push(a);
        }
    }
    match super::super::opts::parse_args(&table, &opts, true) {
        Ok(o) => Ok((o.has("R"), rest)),
        Err(e) => Err(super::super::opts::report(p, &e, 1)),
    }
}

pub fn chmod(p: &mut Proc) -> Result<i32, Flow> {
    let (recursive, rest) = match chmod_args(p) {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    if rest.len() < 2 && p.is_busybox() {
        p.out.errln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: chmod [-Rcvf] MODE[,MODE]... FILE...");
        return Ok(1);
    }
    if rest.len() < 2 {
        if rest.is_empty() {
            p.errln("missing operand");
        } else {
            p.errln(format!("missing operand after '{}'", rest[0]));
        }
        p.out.errln("Try 'chmod --help' for more information.");
        return Ok(1);
    }
    let spec = rest[0].clone();
    let mut code = 0;
    for f in &rest[1..] {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for(&abs);
        let targets: Vec<(String, Entry)> = match fs.resolve(&inner, true) {
            Ok(r) if recursive => fs.walk(&r).unwrap_or_default(),
            Ok(r) => fs
                .lookup(&r)
                .cloned()
                .map(|e| vec![(r, e)])
                .unwrap_or_default(),
            Err(_) => vec![],
        };
        if targets.is_empty() {
            if p.is_busybox() {
                p.errln(format!("{f}: No such file or directory"));
            } else {
                p.errln(format!("cannot access '{f}': No such file or directory"));
            }
            code = 1;
            continue;
        }
        for (tp, e) in targets {
            let old = e.meta().map(|m| m.mode).unwrap_or(0o644);
            let Some(m) = parse_mode(&spec, old, e.is_dir()) else {
                let q = super::super::locale::quote(p, &spec);
                p.errln(format!("invalid mode: {q}"));
                p.out.errln("Try 'chmod --help' for more information.");
                return Ok(1);
            };
            let (fs, _) = p.sys.fs_for(&abs);
            let _ = fs.chmod(&tp, m);
        }
    }
    Ok(code)
}

const CHOWN_GNU: &str = "!c|changes !dereference f|silent|quiet !from= !h|no-dereference !no-preserve-root preserve-root R|recursive !reference= !v|verbose !H !L !P";
const CHOWN_BUSYBOX: &str = "R !h f !v !c !H !L !P";

pub fn chown(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        CHOWN_BUSYBOX
    } else {
        CHOWN_GNU
    };
    let o = match super::super::opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let recursive = o.has("R");
    let rest: Vec<String> = o.operands.clone();
    if rest.len() < 2 {
        p.errln("missing operand");
        p.out.errln("Try 'chown --help' for more information.");
        return Ok(1);
    }
    let spec = rest[0].clone();
    let (u, g) = match spec.split_once(':') {
        Some((u, g)) => (u.to_string(), Some(g.to_string())),
        None => (spec.clone(), None),
    };
    let uid = if u.is_empty() {
        None
    } else {
        match name_id(p, &u, false) {
            Some(x) => Some(x),
            None => {
                p.errln(format!("invalid user: '{spec}'"));
                return Ok(1);
            }
        }
    };
    let gid = match g.as_deref() {
        None | Some("") => None,
        Some(g) => match name_id(p, g, true) {
            Some(x) => Some(x),
            None => {
                p.errln(format!("invalid group: '{spec}'"));
                return Ok(1);
            }
        },
    };
    let mut code = 0;
    for f in &rest[1..] {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for(&abs);
        let targets: Vec<(String, Entry)> = match fs.resolve(&inner, true) {
            Ok(r) if recursive => fs.walk(&r).unwrap_or_default(),
            Ok(r) => fs
                .lookup(&r)
                .cloned()
                .map(|e| vec![(r, e)])
                .unwrap_or_default(),
            Err(_) => vec![],
        };
        if targets.is_empty() {
            p.errln(format!("cannot access '{f}': No such file or directory"));
            code = 1;
            continue;
        }
        for (tp, mut e) in targets {
            if let Some(m) = e.meta_mut() {
                if let Some(u) = uid {
                    m.uid = u;
                }
                if let Some(g) = gid {
                    m.gid = g;
                }
            }
            if let Entry::Dir { opaque, .. } = &mut e {
                *opaque = false;
            }
            let _ = super::super::put_at(fs, &tp, e);
        }
    }
    Ok(code)
}
