//! `tar`, with the ustar archive format and gzip (stored deflate blocks) it reads and writes.

use super::*;

pub(super) fn tar_header(
    name: &str,
    mode: u32,
    size: u64,
    mtime: i64,
    typeflag: u8,
    link: &str,
) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    let put = |h: &mut Vec<u8>, off: usize, len: usize, s: &[u8]| {
        let n = s.len().min(len);
        h[off..off + n].copy_from_slice(&s[..n]);
    };
    put(&mut h, 0, 100, name.as_bytes());
    put(&mut h, 100, 8, format!("{mode:07o}\0").as_bytes());
    put(&mut h, 108, 8, b"0000000\0");
    put(&mut h, 116, 8, b"0000000\0");
    put(&mut h, 124, 12, format!("{size:011o}\0").as_bytes());
    put(
        &mut h,
        136,
        12,
        format!("{:011o}\0", mtime.max(0)).as_bytes(),
    );
    put(&mut h, 148, 8, b"        ");
    h[156] = typeflag;
    put(&mut h, 157, 100, link.as_bytes());
    put(&mut h, 257, 8, b"ustar  \0");
    put(&mut h, 265, 32, b"root");
    put(&mut h, 297, 32, b"root");
    let sum: u32 = h.iter().map(|b| *b as u32).sum();
    put(&mut h, 148, 8, format!("{sum:06o}\0 ").as_bytes());
    h
}

pub(super) fn pad512(v: &mut Vec<u8>) {
    let r = v.len() % 512;
    if r != 0 {
        v.resize(v.len() + 512 - r, 0);
    }
}

/// A ustar archive of `(name, entry)` pairs. Sized program contents are
/// recorded in a `dockerlings.sized` PAX record instead of their bytes.
pub fn tar_build(entries: &[(String, Entry)]) -> Vec<u8> {
    let mut v = Vec::new();
    for (name, e) in entries {
        match e {
            Entry::Dir { meta, .. } => {
                v.extend(tar_header(
                    &format!("{name}/"),
                    meta.mode,
                    0,
                    meta.mtime,
                    b'5',
                    "",
                ));
            }
            Entry::Symlink { meta, target } => {
                v.extend(tar_header(name, 0o777, 0, meta.mtime, b'2', target));
            }
            Entry::File { meta, content } => match content {
                Content::Bytes(b) => {
                    v.extend(tar_header(
                        name,
                        meta.mode,
                        b.len() as u64,
                        meta.mtime,
                        b'0',
                        "",
                    ));
                    v.extend_from_slice(b);
                    pad512(&mut v);
                }
                Content::Sized { size, seed } => {
                    let rec = format!("dockerlings.sized={size}:{seed}\n");
                    let line = format!(
                        "{} {rec}",
                        rec.len() + 1 + (rec.len() + 3).to_string().len()
                    );
                    v.extend(tar_header(
                        "PaxHeader",
                        0o644,
                        line.len() as u64,
                        meta.mtime,
                        b'x',
                        "",
                    ));
                    v.extend_from_slice(line.as_bytes());
                    pad512(&mut v);
                    v.extend(tar_header(name, meta.mode, 0, meta.mtime, b'0', ""));
                }
            },
            Entry::Whiteout => {}
        }
    }
    v.extend(vec![0u8; 1024]);
    v
}

pub(super) fn octal(b: &[u8]) -> u64 {
    let s: String = b
        .iter()
        .take_while(|c| **c != 0 && **c != b' ')
        .map(|c| *c as char)
        .collect();
    u64::from_str_radix(s.trim(), 8).unwrap_or(0)
}

pub(super) fn cstr(b: &[u8]) -> String {
    String::from_utf8_lossy(&b[..b.iter().position(|c| *c == 0).unwrap_or(b.len())]).into_owned()
}

/// Parses a ustar archive into `(name, entry)` pairs.
pub fn tar_parse(data: &[u8]) -> Result<Vec<(String, Entry)>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut sized: Option<(u64, u64)> = None;
    while i + 512 <= data.len() {
        let h = &data[i..i + 512];
        if h.iter().all(|b| *b == 0) {
            break;
        }
        if &h[257..262] != b"ustar" {
            return Err("This does not look like a tar archive".into());
        }
        let mut name = cstr(&h[0..100]);
        let prefix = cstr(&h[345..500]);
        if !prefix.is_empty() && &h[257..263] == b"ustar\0" {
            name = format!("{prefix}/{name}");
        }
        let mode = octal(&h[100..108]) as u32;
        let size = octal(&h[124..136]);
        let mtime = octal(&h[136..148]) as i64;
        let t = h[156];
        let link = cstr(&h[157..257]);
        let body_start = i + 512;
        let body_end = (body_start + size as usize).min(data.len());
        let body = &data[body_start..body_end];
        i = body_start + (size as usize).div_ceil(512) * 512;
        let meta = Meta::new(mode & 0o7777, mtime);
        match t {
            b'x' => {
                for l in String::from_utf8_lossy(body).lines() {
                    if let Some(v) = l.split_once("dockerlings.sized=").map(|(_, v)| v) {
                        if let Some((s, seed)) = v.split_once(':') {
                            sized = Some((s.parse().unwrap_or(0), seed.parse().unwrap_or(0)));
                        }
                    }
                }
            }
            b'5' => out.push((
                name.trim_end_matches('/').to_string(),
                Entry::Dir {
                    meta,
                    opaque: false,
                },
            )),
            b'2' => out.push((name, Entry::Symlink { meta, target: link })),
            _ => {
                let content = match sized.take() {
                    Some((size, seed)) => Content::Sized { size, seed },
                    None => Content::bytes(body.to_vec()),
                };
                out.push((name, Entry::File { meta, content }));
            }
        }
    }
    Ok(out)
}

pub(super) fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// gzip with stored (uncompressed) deflate blocks: a valid `.gz` file.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut v = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    let chunks: Vec<&[u8]> = if data.is_empty() {
        vec![&[][..]]
    } else {
        data.chunks(65_535).collect()
    };
    let n = chunks.len();
    for (k, c) in chunks.into_iter().enumerate() {
        v.push(if k + 1 == n { 1 } else { 0 });
        let len = c.len() as u16;
        v.extend_from_slice(&len.to_le_bytes());
        v.extend_from_slice(&(!len).to_le_bytes());
        v.extend_from_slice(c);
    }
    v.extend_from_slice(&crc32(data).to_le_bytes());
    v.extend_from_slice(&(data.len() as u32).to_le_bytes());
    v
}

/// Reads a gzip file made of stored blocks (what [`gzip`] writes).
pub fn gunzip(data: &[u8]) -> Result<Vec<u8>, String> {
    if data.len() < 18 || data[0] != 0x1f || data[1] != 0x8b {
        return Err("not in gzip format".into());
    }
    let flags = data[3];
    let mut i = 10;
    if flags & 4 != 0 {
        let xlen = u16::from_le_bytes([data[i], data[i + 1]]) as usize;
        i += 2 + xlen;
    }
    for bit in [8u8, 16] {
        if flags & bit != 0 {
            while i < data.len() && data[i] != 0 {
                i += 1;
            }
            i += 1;
        }
    }
    let mut out = Vec::new();
    loop {
        let hdr = *data.get(i).ok_or("unexpected end of file")?;
        if hdr & 0b110 != 0 {
            return Err("compressed data uses a method this tar cannot read".into());
        }
        let len = u16::from_le_bytes([
            *data.get(i + 1).ok_or("eof")?,
            *data.get(i + 2).ok_or("eof")?,
        ]) as usize;
        let start = i + 5;
        out.extend_from_slice(
            data.get(start..start + len)
                .ok_or("unexpected end of file")?,
        );
        i = start + len;
        if hdr & 1 != 0 {
            break;
        }
    }
    Ok(out)
}

const TAR_GNU: &str = "!A|catenate|concatenate c|create !d|diff|compare !delete !r|append t|list !test-label !u|update x|extract|get C=|directory= f=|file= !j|bzip2 !J|xz !a|auto-compress !exclude= !h|dereference !k|keep-old-files !O|to-stdout p|preserve-permissions !P|absolute-names !strip-components= !T=|files-from= v|verbose !W|verify !X=|exclude-from= z|gzip|gunzip|ungzip !Z|compress !overwrite !no-same-owner !same-owner !numeric-owner !owner= !group= !mode= !mtime= !transform= !wildcards";
const TAR_BUSYBOX: &str = "c C= f= !h !j !J !k !m !o !O p t !T= v x !X= z !exclude=";

pub fn tar(p: &mut Proc) -> Result<i32, Flow> {
    let mut args = p.args();
    // first argument may be bundled without a dash: `tar czf x.tgz dir`
    if let Some(first) = args.first() {
        if !first.starts_with('-') && first.chars().all(|c| "cxtzvfpCjJ".contains(c)) {
            args[0] = format!("-{first}");
        }
    }
    let spec = if p.is_busybox() { TAR_BUSYBOX } else { TAR_GNU };
    let table = super::super::opts::Table::new(spec);
    let o = match super::super::opts::parse_args(&table, &args, true) {
        Ok(o) => o.to_legacy(),
        Err(e) => return Ok(super::super::opts::report(p, &e, 2)),
    };
    let mode = ['c', 'x', 't'].into_iter().find(|c| {
        o.has(*c)
            || o.long(match c {
                'c' => "create",
                'x' => "extract",
                _ => "list",
            })
    });
    let Some(mode) = mode else {
        p.errln("You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
        p.out
            .errln("Try 'tar --help' or 'tar --usage' for more information.");
        return Ok(2);
    };
    let gz = o.has('z') || o.long("gzip");
    let verbose = o.has('v');
    let file = o
        .value('f')
        .map(String::from)
        .or_else(|| o.long_value("file").map(String::from));
    let dir = o
        .value('C')
        .map(|d| p.abs(d))
        .unwrap_or_else(|| p.ctx.cwd.clone());
    match mode {
        'c' => {
            if o.operands.is_empty() {
                p.errln("Cowardly refusing to create an empty archive");
                p.out
                    .errln("Try 'tar --help' or 'tar --usage' for more information.");
                return Ok(2);
            }
            let mut entries = Vec::new();
            let mut code = 0;
            for op in &o.operands {
                let abs = path::join(&dir, op);
                let (fs, inner) = p.sys.fs_for_ref(&abs);
                match fs.walk(&inner) {
                    Ok(items) => {
                        let name0 = op.trim_start_matches('/').trim_end_matches('/');
                        if op.starts_with('/') && code == 0 {
                            p.errln("Removing leading `/' from member names");
                        }
                        for (ip, e) in items {
                            let rel = &ip[inner.len().min(ip.len())..];
                            let name = format!("{name0}{rel}");
                            if verbose {
                                let shown = if e.is_dir() {
                                    format!("{name}/")
                                } else {
                                    name.clone()
                                };
                                p.out.outln(shown);
                            }
                            entries.push((name, e));
                        }
                    }
                    Err(_) => {
                        p.errln(format!("{op}: Cannot stat: No such file or directory"));
                        code = 2;
                    }
                }
            }
            let mut data = tar_build(&entries);
            if gz {
                data = gzip(&data);
            }
            match file.as_deref() {
                None | Some("-") => p.out.out(String::from_utf8_lossy(&data)),
                Some(f) => {
                    if let Err(e) = p.write(f, &data) {
                        p.errln(format!("{f}: Cannot open: {e}"));
                        return Ok(2);
                    }
                }
            }
            if code != 0 {
                p.errln("Exiting with failure status due to previous errors");
            }
            Ok(code)
        }
        _ => {
            let data = match file.as_deref() {
                None | Some("-") => p.ctx.stdin.clone().unwrap_or_default(),
                Some(f) => match p.read(f) {
                    Ok(d) => d,
                    Err(e) => {
                        p.errln(format!("{f}: Cannot open: {e}"));
                        p.errln("Error is not recoverable: exiting now");
                        return Ok(2);
                    }
                },
            };
            let data = if gz || data.starts_with(&[0x1f, 0x8b]) {
                match gunzip(&data) {
                    Ok(d) => d,
                    Err(e) => {
                        p.out.errln(format!("gzip: stdin: {e}"));
                        p.errln("Child returned status 1");
                        p.errln("Error is not recoverable: exiting now");
                        return Ok(2);
                    }
                }
            } else {
                data
            };
            let entries = match tar_parse(&data) {
                Ok(e) => e,
                Err(e) => {
                    p.errln(e);
                    p.errln("Exiting with failure status due to previous errors");
                    return Ok(2);
                }
            };
            let now = p.lim.now_secs();
            for (name, e) in entries {
                if mode == 't' {
                    if verbose {
                        let meta = e.meta().cloned().unwrap_or(Meta::new(0, 0));
                        let (d, t) = civil(meta.mtime * 1000);
                        let shown = if e.is_dir() {
                            format!("{name}/")
                        } else {
                            name.clone()
                        };
                        p.out.outln(format!(
                            "{} root/root {:>9} {d} {} {shown}",
                            mode_string(&e),
                            e.size(),
                            t.get(..5).unwrap_or("")
                        ));
                    } else {
                        p.out
                            .outln(if e.is_dir() { format!("{name}/") } else { name });
                    }
                    continue;
                }
                if verbose {
                    p.out.outln(if e.is_dir() {
                        format!("{name}/")
                    } else {
                        name.clone()
                    });
                }
                let dest = path::join(&dir, &name);
                let (fs, inner) = p.sys.fs_for(&dest);
                let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
                if e.is_dir() && fs.is_dir(&inner) {
                    continue;
                }
                if fs.lookup(&inner).is_some() && !e.is_dir() {
                    let _ = fs.remove(&inner, true);
                }
                if let Err(err) = super::super::put_at(fs, &inner, e) {
                    p.errln(format!("{name}: Cannot open: {err}"));
                }
            }
            Ok(0)
        }
    }
}
