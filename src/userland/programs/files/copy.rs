//! `cp`, `mv` and `ln`: copying, moving and linking.

use super::*;

/// Copies `src_abs` (file or tree) to `dst_abs` across filesystems.
pub(super) fn copy_any(
    p: &mut Proc,
    src_abs: &str,
    dst_abs: &str,
    follow: bool,
) -> Result<(), FsError> {
    let (sfs, sinner) = p.sys.fs_for_ref(src_abs);
    let sreal = sfs.resolve(&sinner, follow)?;
    let items = sfs.walk(&sreal)?;
    let now = p.lim.now_secs();
    let (dfs, dinner) = p.sys.fs_for(dst_abs);
    for (ip, e) in items {
        let rel = &ip[sreal.len().min(ip.len())..];
        let dest = if rel.is_empty() {
            dinner.clone()
        } else {
            format!("{}{rel}", if dinner == "/" { "" } else { &dinner })
        };
        let e = match e {
            Entry::Dir { meta, .. } => {
                if dfs.is_dir(&dest) {
                    continue;
                }
                Entry::Dir {
                    meta: Meta { mtime: now, ..meta },
                    opaque: false,
                }
            }
            Entry::File { meta, content } => Entry::File {
                meta: Meta { mtime: now, ..meta },
                content,
            },
            other => other,
        };
        let dr = dfs.resolve(&dest, !matches!(e, Entry::Symlink { .. }))?;
        dfs.put(&dr, e)?;
    }
    Ok(())
}

const CP_GNU: &str = "a|archive !attributes-only !backup? !b !copy-contents !d f|force !i|interactive !H !l|link !L|dereference n|no-clobber !P|no-dereference p !preserve? !no-preserve= !parents R|r|recursive !reflink? !remove-destination !sparse= !strip-trailing-slashes !s|symbolic-link !S=|suffix= t=|target-directory= !T|no-target-directory !u|update? v|verbose !x|one-file-system !Z !context?";
const CP_BUSYBOX: &str = "a !d f !i !l !L n !P p R r !s !T t= !u v";
const MV_GNU: &str = "!backup? !b f|force !i|interactive n|no-clobber !strip-trailing-slashes !S=|suffix= t=|target-directory= !T|no-target-directory !u|update? v|verbose !Z|context";
const MV_BUSYBOX: &str = "f !i n !T t= !u v";

pub(super) fn copy_or_move(p: &mut Proc, moving: bool) -> Result<i32, Flow> {
    let spec = match (moving, p.is_busybox()) {
        (false, false) => CP_GNU,
        (false, true) => CP_BUSYBOX,
        (true, false) => MV_GNU,
        (true, true) => MV_BUSYBOX,
    };
    let o = match super::super::opts::parse_legacy(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let recursive = moving || o.has('r') || o.has('R') || o.has('a') || o.long("recursive");
    let mut ops = o.operands.clone();
    if let Some(t) = o.value('t') {
        ops.push(t.to_string());
    }
    if ops.is_empty() {
        p.errln("missing file operand");
        p.out
            .errln(format!("Try '{} --help' for more information.", p.name()));
        return Ok(1);
    }
    if ops.len() == 1 {
        p.errln(format!(
            "missing destination file operand after '{}'",
            ops[0]
        ));
        p.out
            .errln(format!("Try '{} --help' for more information.", p.name()));
        return Ok(1);
    }
    let dest = ops.pop().unwrap_or_default();
    let dest_abs = p.abs(&dest);
    let dest_is_dir = stat_of(p, &dest_abs, true).is_ok_and(|(e, _)| e.is_dir());
    if ops.len() > 1 && !dest_is_dir {
        p.errln(format!("target '{dest}': Not a directory"));
        return Ok(1);
    }
    let mut code = 0;
    for s in ops {
        let sabs = p.abs(&s);
        let st = stat_of(p, &sabs, !moving);
        let e = match st {
            Ok((e, _)) => e,
            Err(e) => {
                if !p.is_busybox() {
                    p.errln(format!("cannot stat '{s}': {e}"));
                } else if moving {
                    p.errln(format!("can't rename '{s}': {e}"));
                } else {
                    p.errln(format!("can't stat '{s}': {e}"));
                }
                code = 1;
                continue;
            }
        };
        if e.is_dir() && !recursive {
            if p.is_busybox() {
                p.errln(format!("omitting directory '{s}'"));
            } else {
                p.errln(format!("-r not specified; omitting directory '{s}'"));
            }
            code = 1;
            continue;
        }
        let target = if dest_is_dir {
            path::child(&dest_abs, path::file_name(&path::normalize(&sabs)))
        } else {
            dest_abs.clone()
        };
        if target == path::normalize(&sabs) {
            if moving && p.is_busybox() {
                // busybox mv renames a file onto itself without a word.
                continue;
            }
            p.errln(format!("'{s}' and '{}' are the same file", dest));
            code = 1;
            continue;
        }
        if e.is_dir() && target.starts_with(&format!("{}/", path::normalize(&sabs))) {
            let what = if moving {
                "cannot move"
            } else {
                "cannot copy a directory,"
            };
            if moving {
                p.errln(format!(
                    "{what} '{s}' to a subdirectory of itself, '{dest}'"
                ));
            } else {
                p.errln(format!("{what} '{s}', into itself, '{dest}'"));
            }
            code = 1;
            continue;
        }
        if let Ok((te, _)) = stat_of(p, &target, true) {
            if te.is_dir() && !e.is_dir() {
                p.errln(format!(
                    "cannot overwrite directory '{dest}' with non-directory"
                ));
                code = 1;
                continue;
            }
            if !te.is_dir() && e.is_dir() {
                p.errln(format!(
                    "cannot overwrite non-directory '{dest}' with directory '{s}'"
                ));
                code = 1;
                continue;
            }
        }
        if let Err(err) = copy_any(p, &sabs, &target, !moving) {
            let tshown = if dest_is_dir {
                format!("{}/{}", dest.trim_end_matches('/'), path::file_name(&sabs))
            } else {
                dest.clone()
            };
            if moving {
                p.errln(format!("cannot move '{s}' to '{tshown}': {err}"));
            } else {
                p.errln(format!("cannot create regular file '{tshown}': {err}"));
            }
            code = 1;
            continue;
        }
        if moving {
            let (fs, inner) = p.sys.fs_for(&sabs);
            let _ = fs.remove(&inner, true);
        }
        if o.has('v') {
            let shown = if dest_is_dir {
                format!("{}/{}", dest.trim_end_matches('/'), path::file_name(&sabs))
            } else {
                dest.clone()
            };
            let verb = if moving { "renamed " } else { "" };
            p.out.outln(format!("{verb}'{s}' -> '{shown}'"));
        }
    }
    Ok(code)
}

pub fn cp(p: &mut Proc) -> Result<i32, Flow> {
    copy_or_move(p, false)
}

pub fn mv(p: &mut Proc) -> Result<i32, Flow> {
    copy_or_move(p, true)
}

pub fn ln(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "s f n !b !S= !T v"
    } else {
        "!backup? !b !d|F|directory f|force !i|interactive !L|logical n|no-dereference !P|physical !r|relative s|symbolic !S=|suffix= !t=|target-directory= !T|no-target-directory v|verbose"
    };
    let o = match super::super::opts::parse_legacy(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let ops = o.operands.clone();
    if ops.is_empty() {
        p.errln("missing file operand");
        p.out.errln("Try 'ln --help' for more information.");
        return Ok(1);
    }
    let target = ops[0].clone();
    let link = ops
        .get(1)
        .cloned()
        .unwrap_or_else(|| path::file_name(&target).to_string());
    let mut link_abs = p.abs(&link);
    if stat_of(p, &link_abs, true).is_ok_and(|(e, _)| e.is_dir()) && !o.has('n') {
        link_abs = path::child(&link_abs, path::file_name(&target));
    }
    let now = p.lim.now_secs();
    if !o.has('s') {
        // hard link: a copy that shares content
        let tabs = p.abs(&target);
        match stat_of(p, &tabs, true) {
            Ok((Entry::Dir { .. }, _)) => {
                p.errln(format!("{target}: hard link not allowed for directory"));
                return Ok(1);
            }
            Ok((e, _)) => {
                let (fs, inner) = p.sys.fs_for(&link_abs);
                if fs.lookup(&inner).is_some() && !o.has('f') {
                    p.errln(format!("failed to create hard link '{link}': File exists"));
                    return Ok(1);
                }
                let _ = super::super::put_at(fs, &inner, e);
                return Ok(0);
            }
            Err(e) => {
                p.errln(format!("failed to access '{target}': {e}"));
                return Ok(1);
            }
        }
    }
    let (fs, inner) = p.sys.fs_for(&link_abs);
    if fs.lookup(&inner).is_some() {
        if o.has('f') {
            let _ = fs.remove(&inner, false);
        } else {
            if p.is_busybox() {
                p.errln(format!("{link}: File exists"));
            } else {
                p.errln(format!(
                    "failed to create symbolic link '{link}': File exists"
                ));
            }
            return Ok(1);
        }
    }
    if let Err(e) = fs.symlink(&target, &inner, now) {
        p.errln(format!("failed to create symbolic link '{link}': {e}"));
        return Ok(1);
    }
    Ok(0)
}
