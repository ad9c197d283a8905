//! `stat`, `readlink` and `realpath`: what a path is and where it leads.

use super::*;

pub fn stat(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    if args.is_empty() {
        p.errln("missing operand");
        p.out.errln("Try 'stat --help' for more information.");
        return Ok(1);
    }
    let mut code = 0;
    for f in args.iter().filter(|a| !a.starts_with('-')) {
        let abs = p.abs(f);
        match stat_of(p, &abs, false) {
            Ok((e, _)) => {
                let meta = e.meta().cloned().unwrap_or(Meta::new(0, 0));
                let kind = match &e {
                    Entry::Dir { .. } => "directory",
                    Entry::Symlink { .. } => "symbolic link",
                    Entry::File { content, .. } if content.size() == 0 => "regular empty file",
                    _ => "regular file",
                };
                let size = if e.is_dir() { 4096 } else { e.size() };
                let ms = mode_string(&e);
                let u = id_name(p, meta.uid, false);
                let g = id_name(p, meta.gid, true);
                let (d, t) = civil(meta.mtime * 1000);
                let name = match &e {
                    Entry::Symlink { target, .. } => format!("{f} -> {target}"),
                    _ => f.clone(),
                };
                p.out.outln(format!("  File: {name}"));
                p.out.outln(format!(
                    "  Size: {size:<10}\tBlocks: {:<10} IO Block: 4096   {kind}",
                    blocks(&e) * 2
                ));
                p.out.outln(format!(
                    "Access: ({:04o}/{ms})  Uid: ({:>5}/{u:>8})   Gid: ({:>5}/{g:>8})",
                    meta.mode & 0o7777,
                    meta.uid,
                    meta.gid
                ));
                p.out.outln(format!("Modify: {d} {t}.000000000 +0000"));
            }
            Err(e) => {
                p.errln(format!("cannot statx '{f}': {e}"));
                code = 1;
            }
        }
    }
    Ok(code)
}

pub fn readlink(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let canon = args.iter().any(|a| a == "-f" || a == "-e" || a == "-m");
    let mut code = 0;
    for f in args.iter().filter(|a| !a.starts_with('-')) {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for_ref(&abs);
        if canon {
            match fs.resolve(&inner, true) {
                Ok(r) => p.out.outln(r),
                Err(_) => code = 1,
            }
        } else {
            match fs.lookup(&inner) {
                Some(Entry::Symlink { target, .. }) => p.out.outln(target.clone()),
                _ => code = 1,
            }
        }
    }
    Ok(code)
}

pub fn realpath(p: &mut Proc) -> Result<i32, Flow> {
    let mut code = 0;
    for f in p.args().iter().filter(|a| !a.starts_with('-')) {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for_ref(&abs);
        match fs.resolve(&inner, true) {
            Ok(r) if r == "/" || fs.lookup(&r).is_some() => p.out.outln(r),
            _ => {
                p.errln(format!("{f}: No such file or directory"));
                code = 1;
            }
        }
    }
    Ok(code)
}
