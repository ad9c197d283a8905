//! `mkdir`, `rm` and `rmdir`: creating and removing directories and files.

use super::*;

const MKDIR_GNU: &str = "m=|mode= p|parents v|verbose !Z !context?";
const MKDIR_BUSYBOX: &str = "m= p v";

pub fn mkdir(p: &mut Proc) -> Result<i32, Flow> {
    let bb = p.is_busybox();
    let o = match super::super::opts::parse(p, if bb { MKDIR_BUSYBOX } else { MKDIR_GNU }, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.operands.is_empty() {
        if bb {
            p.out.errln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: mkdir [-m MODE] [-p] DIRECTORY...");
        } else {
            p.errln("missing operand");
            p.out.errln("Try 'mkdir --help' for more information.");
        }
        return Ok(1);
    }
    let mode = match o.value("m") {
        None => 0o755,
        Some(m) => match parse_mode(m, 0o777, true) {
            Some(v) => v,
            None => {
                let q = super::super::locale::quote(p, m);
                p.errln(format!("invalid mode {q}"));
                return Ok(1);
            }
        },
    };
    let parents = o.has("p");
    let now = p.lim.now_secs();
    let mut code = 0;
    for d in o.operands.clone() {
        // With -p each missing ancestor is made (and reported) in turn.
        let mut steps = Vec::new();
        if parents {
            let mut acc = String::new();
            for part in d.split('/') {
                if !acc.is_empty() || d.starts_with('/') {
                    acc.push('/');
                }
                acc.push_str(part);
                if !part.is_empty() && part != "." && part != ".." {
                    steps.push(acc.clone());
                }
            }
        } else {
            steps.push(d.clone());
        }
        for step in steps {
            let abs = p.abs(&step);
            let (fs, inner) = p.sys.fs_for(&abs);
            let exists = fs.resolve(&inner, true).is_ok_and(|r| fs.is_dir(&r));
            if parents && exists {
                continue;
            }
            let m = if parents && step != d { 0o755 } else { mode };
            match fs.mkdir(&inner, m, now) {
                Ok(()) => {
                    if o.has("v") {
                        if bb {
                            p.out.outln(format!("created directory: '{step}'"));
                        } else {
                            p.out.outln(format!("mkdir: created directory '{step}'"));
                        }
                    }
                }
                Err(e) => {
                    if bb {
                        p.errln(format!("can't create directory '{step}': {e}"));
                    } else {
                        let q = super::super::locale::quote(p, &step);
                        p.errln(format!("cannot create directory {q}: {e}"));
                    }
                    code = 1;
                    break;
                }
            }
        }
    }
    Ok(code)
}

pub fn rm(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "f !i R r v"
    } else {
        "d|dir f|force !i !I !interactive? !one-file-system !no-preserve-root preserve-root? R|r|recursive v|verbose"
    };
    let o = match super::super::opts::parse_legacy(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let recursive = o.has('r') || o.has('R') || o.long("recursive");
    let force = o.has('f') || o.long("force");
    if o.operands.is_empty() {
        if force {
            return Ok(0);
        }
        p.errln("missing operand");
        if !p.is_busybox() {
            p.out.errln("Try 'rm --help' for more information.");
        }
        return Ok(1);
    }
    let mut code = 0;
    for f in &o.operands {
        let abs = p.abs(f);
        if abs == "/" && recursive {
            p.errln("it is dangerous to operate recursively on '/'");
            p.errln("use --no-preserve-root to override this failsafe");
            code = 1;
            continue;
        }
        let (fs, inner) = p.sys.fs_for(&abs);
        let real = match fs.resolve(&inner, false) {
            Ok(r) => r,
            Err(e) => {
                if !force {
                    p.errln(format!("cannot remove '{f}': {e}"));
                    code = 1;
                }
                continue;
            }
        };
        match fs.lookup(&real) {
            None => {
                if !force {
                    if p.is_busybox() {
                        p.errln(format!("can't remove '{f}': No such file or directory"));
                    } else {
                        p.errln(format!("cannot remove '{f}': No such file or directory"));
                    }
                    code = 1;
                }
            }
            Some(e) if e.is_dir() && !recursive => {
                if o.has('d') {
                    if let Err(e) = fs.remove(&real, false) {
                        p.errln(format!("cannot remove '{f}': {e}"));
                        code = 1;
                    }
                    continue;
                }
                if p.is_busybox() {
                    p.errln(format!("'{f}' is a directory"));
                } else {
                    p.errln(format!("cannot remove '{f}': Is a directory"));
                }
                code = 1;
            }
            Some(_) => {
                if let Err(e) = fs.remove(&real, true) {
                    p.errln(format!("cannot remove '{f}': {e}"));
                    code = 1;
                } else if o.has('v') {
                    p.out.outln(format!("removed '{f}'"));
                }
            }
        }
    }
    Ok(code)
}

const RMDIR_GNU: &str = "ignore-fail-on-non-empty p|parents v|verbose";
const RMDIR_BUSYBOX: &str = "p ignore-fail-on-non-empty";

pub fn rmdir(p: &mut Proc) -> Result<i32, Flow> {
    let bb = p.is_busybox();
    let o = match super::super::opts::parse(p, if bb { RMDIR_BUSYBOX } else { RMDIR_GNU }, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.operands.is_empty() {
        if bb {
            p.out.errln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: rmdir [-p] DIRECTORY...");
        } else {
            p.errln("missing operand");
            p.out.errln("Try 'rmdir --help' for more information.");
        }
        return Ok(1);
    }
    let mut code = 0;
    for f in o.operands.clone() {
        let mut targets = vec![f.trim_end_matches('/').to_string()];
        if o.has("p") {
            let mut cur = targets[0].clone();
            while let Some((parent, _)) = cur.rsplit_once('/') {
                if parent.is_empty() {
                    break;
                }
                targets.push(parent.to_string());
                cur = parent.to_string();
            }
        }
        for t in targets {
            let abs = p.abs(&t);
            let (fs, inner) = p.sys.fs_for(&abs);
            let err = match fs.lookup(&inner) {
                None => Some(FsError::NotFound),
                Some(e) if !e.is_dir() => Some(FsError::NotADirectory),
                Some(_) => fs.remove(&inner, false).err(),
            };
            if let Some(e) = err {
                if o.has("ignore-fail-on-non-empty") && e == FsError::NotEmpty {
                    break;
                }
                if bb {
                    p.errln(format!("'{t}': {e}"));
                } else {
                    p.errln(format!("failed to remove '{t}': {e}"));
                }
                code = 1;
                break;
            }
            if o.has("v") {
                p.out.outln(format!("rmdir: removing directory, '{t}'"));
            }
        }
    }
    Ok(code)
}
