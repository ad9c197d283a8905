//! `mkdir`, `rm` and `rmdir`: creating and removing directories and files.

use super::*;

pub fn mkdir(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "m") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "pv", 1) {
        return Ok(c);
    }
    if o.operands.is_empty() {
        p.errln("missing operand");
        if !p.is_busybox() {
            p.out.errln("Try 'mkdir --help' for more information.");
        }
        return Ok(1);
    }
    let mode = o
        .value('m')
        .and_then(|m| parse_mode(m, 0o755, true))
        .unwrap_or(0o755);
    let parents = o.has('p') || o.long("parents");
    let now = p.lim.now_secs();
    let mut code = 0;
    for d in &o.operands {
        let abs = p.abs(d);
        let (fs, inner) = p.sys.fs_for(&abs);
        let r = if parents {
            fs.mkdir_all(&inner, mode, now)
        } else {
            fs.mkdir(&inner, mode, now)
        };
        match r {
            Ok(()) => {
                if o.has('v') {
                    p.out.outln(format!("mkdir: created directory '{d}'"));
                }
            }
            Err(e) => {
                if p.is_busybox() {
                    p.errln(format!("can't create directory '{d}': {e}"));
                } else {
                    p.errln(format!("cannot create directory '{d}': {e}"));
                }
                code = 1;
            }
        }
    }
    Ok(code)
}

pub fn rm(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "rRfivd", 1) {
        return Ok(c);
    }
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

pub fn rmdir(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if o.operands.is_empty() {
        p.errln("missing operand");
        return Ok(1);
    }
    let mut code = 0;
    for f in &o.operands {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for(&abs);
        let err = match fs.lookup(&inner) {
            None => Some(FsError::NotFound),
            Some(e) if !e.is_dir() => Some(FsError::NotADirectory),
            Some(_) => fs.remove(&inner, false).err(),
        };
        if let Some(e) = err {
            p.errln(format!("failed to remove '{f}': {e}"));
            code = 1;
        }
    }
    Ok(code)
}
