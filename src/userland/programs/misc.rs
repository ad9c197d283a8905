//! Small coreutils: `arch`, `sync`, `mktemp`, `cksum`, `chgrp`, `install`,
//! and the placeholder for programs an image ships that the sandbox does
//! not implement.

use super::operand::{self, OpenError};
use super::{files, opts, Flow, Proc};
use crate::engine::fs::{path, Content, Entry};

pub fn arch(p: &mut Proc) -> Result<i32, Flow> {
    let o = match opts::parse(p, "", 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if let Some(x) = o.operands.first() {
        let q = super::locale::quote(p, x);
        p.errln(format!("extra operand {q}"));
        p.out.errln("Try 'arch --help' for more information.");
        return Ok(1);
    }
    p.out.outln("x86_64");
    Ok(0)
}

/// `sync`: the sandbox's filesystem is always in sync.
pub fn sync(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "d f"
    } else {
        "d|data f|file-system"
    };
    match opts::parse(p, spec, 1) {
        Ok(_) => Ok(0),
        Err(c) => Ok(c),
    }
}

/// `mktemp [-d] [-p DIR] [-t] [TEMPLATE]`: creates a file (or directory)
/// with a fresh name; the X's are replaced by letters and digits.
pub fn mktemp(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "d p= q t u"
    } else {
        "d|directory !u|dry-run q|quiet p=|tmpdir? !suffix= t"
    };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.operands.len() > 1 {
        p.errln("too many templates");
        p.out.errln("Try 'mktemp --help' for more information.");
        return Ok(1);
    }
    let template = o.operands.first().cloned().unwrap_or_else(|| {
        if p.is_busybox() {
            "tmp.XXXXXX".into()
        } else {
            "tmp.XXXXXXXXXX".into()
        }
    });
    let xs = template.len() - template.trim_end_matches('X').len();
    if xs < 3 {
        let q = super::locale::quote(p, &template);
        p.errln(format!("too few X's in template {q}"));
        return Ok(1);
    }
    let dir = match o.value("p") {
        Some(d) => Some(d.to_string()),
        None if o.has("p") || o.has("t") || o.operands.is_empty() => {
            Some(p.getenv("TMPDIR").unwrap_or_else(|| "/tmp".into()))
        }
        None => None,
    };
    let stem = &template[..template.len() - xs];
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let now = p.lim.now_secs();
    for attempt in 0u64..100 {
        let seed = crate::engine::digest::sha256_hex(
            format!(
                "mktemp:{}:{}:{attempt}:{template}",
                p.lim.clock, p.lim.steps
            )
            .as_bytes(),
        );
        let name: String = seed
            .as_bytes()
            .chunks(2)
            .take(xs)
            .map(|b| CHARS[(usize::from(b[0]) * 7 + usize::from(b[1])) % CHARS.len()] as char)
            .collect();
        let shown = match &dir {
            Some(d) => format!("{}/{stem}{name}", d.trim_end_matches('/')),
            None => format!("{stem}{name}"),
        };
        let abs = p.abs(&shown);
        let (fs, inner) = p.sys.fs_for(&abs);
        if fs.lookup(&inner).is_some() {
            continue;
        }
        let r = if o.has("d") {
            fs.mkdir(&inner, 0o700, now)
        } else {
            let e = Entry::File {
                meta: crate::engine::fs::Meta::new(0o600, now),
                content: Content::text(""),
            };
            super::put_at(fs, &inner, e)
        };
        return match r {
            Ok(()) => {
                p.out.outln(shown);
                Ok(0)
            }
            Err(e) => {
                if !o.has("q") {
                    let what = if o.has("d") { "directory" } else { "file" };
                    let q = super::locale::quote(p, &format!("{stem}{}", "X".repeat(xs)));
                    p.errln(format!("failed to create {what} via template {q}: {e}"));
                }
                Ok(1)
            }
        };
    }
    Ok(1)
}

/// The POSIX `cksum` CRC (polynomial 0x04C11DB7, length appended).
fn posix_crc(data: &[u8]) -> u32 {
    let mut crc: u32 = 0;
    let step = |crc: u32, b: u8| -> u32 {
        let mut c = crc ^ (u32::from(b) << 24);
        for _ in 0..8 {
            c = if c & 0x8000_0000 != 0 {
                (c << 1) ^ 0x04C1_1DB7
            } else {
                c << 1
            };
        }
        c
    };
    for &b in data {
        crc = step(crc, b);
    }
    let mut len = data.len() as u64;
    while len > 0 {
        crc = step(crc, (len & 0xff) as u8);
        len >>= 8;
    }
    !crc
}

/// `cksum [FILE]...`: CRC, size, name.
pub fn cksum(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        ""
    } else {
        "!a=|algorithm= !base64 !c|check !l=|length= !raw !tag !untagged !z|zero"
    };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let mut code = 0;
    let named = !o.operands.is_empty();
    for f in operand::or_stdin(&o.operands) {
        let Some(d) = operand::read(p, &f, OpenError::Plain) else {
            code = 1;
            continue;
        };
        let crc = posix_crc(&d);
        if named {
            p.out.outln(format!("{crc} {} {f}", d.len()));
        } else {
            p.out.outln(format!("{crc} {}", d.len()));
        }
    }
    Ok(code)
}

/// `chgrp GROUP FILE...`: `chown :GROUP FILE...`.
pub fn chgrp(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let Some(k) = args.iter().position(|a| !a.starts_with('-')) else {
        return files::chown(p);
    };
    let mut argv = vec![p.argv[0].clone()];
    argv.extend(args[..k].iter().cloned());
    argv.push(format!(":{}", args[k]));
    argv.extend(args[k + 1..].iter().cloned());
    let saved = std::mem::replace(&mut p.argv, argv);
    let r = files::chown(p);
    p.argv = saved;
    r
}

/// `install [-d] [-m MODE] SOURCE... DEST`: copies with a mode (0755 by
/// default), or makes directories.
pub fn install(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "!b c d D !g= m= !o= p s !t= v"
    } else {
        "!backup? !b c !C|compare d|directory D !g=|group= m=|mode= !o=|owner= p|preserve-timestamps s|strip !strip-program= !S=|suffix= !t=|target-directory= !T|no-target-directory v|verbose !Z !context?"
    };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let mode = match o.value("m") {
        None => 0o755,
        Some(m) => match u32::from_str_radix(m, 8) {
            Ok(v) if v <= 0o7777 => v,
            _ => {
                let q = super::locale::quote(p, m);
                p.errln(format!("invalid mode {q}"));
                return Ok(1);
            }
        },
    };
    let now = p.lim.now_secs();
    if o.has("d") {
        let mut code = 0;
        for d in o.operands.clone() {
            let abs = p.abs(&d);
            let (fs, inner) = p.sys.fs_for(&abs);
            if let Err(e) = fs.mkdir_all(&inner, mode, now) {
                p.errln(format!("cannot create directory '{d}': {e}"));
                code = 1;
            }
        }
        return Ok(code);
    }
    if o.operands.len() < 2 {
        match o.operands.first() {
            None => p.errln("missing file operand"),
            Some(f) => {
                let q = super::locale::quote(p, f);
                p.errln(format!("missing destination file operand after {q}"));
            }
        }
        p.out.errln("Try 'install --help' for more information.");
        return Ok(1);
    }
    let (srcs, dest) = o.operands.split_at(o.operands.len() - 1);
    let dest = dest[0].clone();
    let dest_abs = p.abs(&dest);
    let dest_dir = {
        let (fs, inner) = p.sys.fs_for_ref(&dest_abs);
        fs.resolve(&inner, true).is_ok_and(|r| fs.is_dir(&r))
    };
    if srcs.len() > 1 && !dest_dir {
        p.errln(format!("target '{dest}': Not a directory"));
        return Ok(1);
    }
    let mut code = 0;
    for s in srcs {
        let data = match p.read(s) {
            Ok(d) => d,
            Err(e) => {
                p.errln(format!("cannot stat '{s}': {e}"));
                code = 1;
                continue;
            }
        };
        let target = if dest_dir {
            path::child(&dest_abs, path::file_name(s))
        } else {
            dest_abs.clone()
        };
        if o.has("D") {
            let (fs, inner) = p.sys.fs_for(path::parent(&target));
            let _ = fs.mkdir_all(&inner, 0o755, now);
        }
        let (fs, inner) = p.sys.fs_for(&target);
        let r = fs
            .write_file(&inner, Content::bytes(data), now)
            .and_then(|()| fs.chmod(&inner, mode));
        match r {
            Ok(()) => {
                if o.has("v") {
                    let shown = if dest_dir {
                        format!("{}/{}", dest.trim_end_matches('/'), path::file_name(s))
                    } else {
                        dest.clone()
                    };
                    p.out.outln(format!("'{s}' -> '{shown}'"));
                }
            }
            Err(e) => {
                p.errln(format!("cannot create regular file '{dest}': {e}"));
                code = 1;
            }
        }
    }
    Ok(code)
}

/// A program the image ships but the sandbox does not implement: it says
/// so (instead of "Exec format error") and exits 2.
pub fn unavailable(p: &mut Proc) -> Result<i32, Flow> {
    let n = p.name();
    p.out.errln(format!(
        "dockerlings: {n}: this program is not available in this sandbox"
    ));
    Ok(2)
}
