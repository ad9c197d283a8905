//! `stat`, `readlink` and `realpath`: what a path is and where it leads.

use super::*;

const STAT_GNU: &str = "c=|format= L|dereference !f|file-system !printf= !t|terse !cached=";
const STAT_BUSYBOX: &str = "c= L !f !t";

pub fn stat(p: &mut Proc) -> Result<i32, Flow> {
    let bb = p.is_busybox();
    let o = match super::super::opts::parse(p, if bb { STAT_BUSYBOX } else { STAT_GNU }, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.operands.is_empty() {
        if bb {
            p.out.errln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: stat [-ltf] [-c FMT] FILE...");
        } else {
            p.errln("missing operand");
            p.out.errln("Try 'stat --help' for more information.");
        }
        return Ok(1);
    }
    let format = o.value("c").map(str::to_string);
    let mut code = 0;
    for f in o.operands.clone() {
        let abs = p.abs(&f);
        let e = match stat_of(p, &abs, o.has("L")) {
            Ok((e, _)) => e,
            Err(e) => {
                if bb {
                    p.errln(format!("can't stat '{f}': {e}"));
                } else {
                    p.errln(format!("cannot statx '{f}': {e}"));
                }
                code = 1;
                continue;
            }
        };
        if let Some(fmt) = &format {
            let line = stat_format(p, fmt, &f, &abs, &e);
            p.out.outln(line);
            continue;
        }
        let meta = e.meta().cloned().unwrap_or(Meta::new(0, 0));
        let kind = kind_name(&e);
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
    Ok(code)
}

/// `%F`: the file type as stat names it.
fn kind_name(e: &Entry) -> &'static str {
    match e {
        Entry::Dir { .. } => "directory",
        Entry::Symlink { .. } => "symbolic link",
        Entry::File { content, .. } if content.size() == 0 => "regular empty file",
        _ => "regular file",
    }
}

/// Expands a `-c` format: `%n %N %F %s %a %A %u %U %g %G %h %b %B %o %Y %y %%`.
fn stat_format(p: &mut Proc, fmt: &str, name: &str, abs: &str, e: &Entry) -> String {
    let meta = e.meta().cloned().unwrap_or(Meta::new(0, 0));
    let mut out = String::new();
    let mut cs = fmt.chars();
    while let Some(c) = cs.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = cs.next() else {
            out.push('%');
            break;
        };
        let v = match d {
            '%' => "%".to_string(),
            'n' => name.to_string(),
            'N' => match e {
                Entry::Symlink { target, .. } => format!("'{name}' -> '{target}'"),
                _ => format!("'{name}'"),
            },
            'F' => kind_name(e).to_string(),
            's' => (if e.is_dir() { 4096 } else { e.size() }).to_string(),
            'a' => format!("{:o}", meta.mode & 0o7777),
            'A' => mode_string(e),
            'u' => meta.uid.to_string(),
            'g' => meta.gid.to_string(),
            'U' => id_name(p, meta.uid, false),
            'G' => id_name(p, meta.gid, true),
            'h' => {
                let (fs, inner) = p.sys.fs_for_ref(abs);
                nlink(fs, &inner, e).to_string()
            }
            'b' => (blocks(e) * 2).to_string(),
            'B' => "512".to_string(),
            'o' => "4096".to_string(),
            'Y' => meta.mtime.to_string(),
            'y' => {
                let (d, t) = civil(meta.mtime * 1000);
                format!("{d} {t}.000000000 +0000")
            }
            _ => "?".to_string(),
        };
        out.push_str(&v);
    }
    out
}

const READLINK_GNU: &str = "f|canonicalize e|canonicalize-existing m|canonicalize-missing n|no-newline q|quiet s|silent !v|verbose !z|zero";
const READLINK_BUSYBOX: &str = "f n q s !v";

pub fn readlink(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        READLINK_BUSYBOX
    } else {
        READLINK_GNU
    };
    let o = match super::super::opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let canon = o.has("f") || o.has("e") || o.has("m");
    let no_newline = o.has("n");
    let mut code = 0;
    for f in &o.operands {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for_ref(&abs);
        if canon {
            match fs.resolve(&inner, true) {
                Ok(r) if no_newline => p.out.out(r),
                Ok(r) => p.out.outln(r),
                Err(_) => code = 1,
            }
        } else {
            match fs.lookup(&inner) {
                Some(Entry::Symlink { target, .. }) if no_newline => p.out.out(target.clone()),
                Some(Entry::Symlink { target, .. }) => p.out.outln(target.clone()),
                _ => code = 1,
            }
        }
    }
    Ok(code)
}

const REALPATH_GNU: &str = "e|canonicalize-existing !m|canonicalize-missing !L|logical !P|physical q|quiet !relative-to= !relative-base= !s|strip|no-symlinks !z|zero";
const REALPATH_BUSYBOX: &str = "";

pub fn realpath(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        REALPATH_BUSYBOX
    } else {
        REALPATH_GNU
    };
    let o = match super::super::opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let mut code = 0;
    for f in &o.operands {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for_ref(&abs);
        match fs.resolve(&inner, true) {
            Ok(r) if r == "/" || fs.lookup(&r).is_some() => p.out.outln(r),
            _ => {
                if !o.has("q") {
                    p.errln(format!("{f}: No such file or directory"));
                }
                code = 1;
            }
        }
    }
    Ok(code)
}
