//! Local archives for ADD: a tar stream (ustar / GNU / pax headers),
//! plain or gzip-compressed (`flate2`, pure-Rust backend), detected by
//! content, read into entries. bzip2, xz and zstd are recognised but not
//! unpacked (such files are copied as they are).

use std::io::Read;

use crate::engine::fs::{Content, Entry, Meta};

/// Whether `data` starts like a compressed stream ADD would unpack
/// (gzip, bzip2, xz, zstd).
pub fn compression(data: &[u8]) -> Option<&'static str> {
    match data {
        [0x1f, 0x8b, ..] => Some("gzip"),
        [b'B', b'Z', b'h', ..] => Some("bzip2"),
        [0xfd, b'7', b'z', b'X', b'Z', 0x00, ..] => Some("xz"),
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Some("zstd"),
        _ => None,
    }
}

/// The largest archive ADD unpacks (decompressed bytes).
const MAX_UNPACKED: u64 = 256 << 20;

/// Reads a tar archive, gunzipping it first when it is gzip.
pub fn unpack(data: &[u8]) -> Option<Vec<(String, Entry)>> {
    if compression(data) == Some("gzip") {
        let mut out = Vec::new();
        let dec = flate2::read::MultiGzDecoder::new(data);
        dec.take(MAX_UNPACKED).read_to_end(&mut out).ok()?;
        return untar(&out);
    }
    untar(data)
}

fn octal(field: &[u8]) -> u64 {
    let s: String = field
        .iter()
        .take_while(|b| **b != 0)
        .map(|b| *b as char)
        .collect();
    u64::from_str_radix(s.trim(), 8).unwrap_or(0)
}

fn cstr(field: &[u8]) -> String {
    let end = field.iter().position(|b| *b == 0).unwrap_or(field.len());
    String::from_utf8_lossy(&field[..end]).into_owned()
}

/// Reads a tar archive; `None` when `data` is not one (no `ustar` magic
/// in the first header). Paths are relative and cleaned.
pub fn untar(data: &[u8]) -> Option<Vec<(String, Entry)>> {
    let first = data.get(..512)?;
    if &first[257..262] != b"ustar" {
        return None;
    }
    let mut out = Vec::new();
    let mut off = 0usize;
    let mut long_name: Option<String> = None;
    while let Some(h) = data.get(off..off + 512) {
        if h.iter().all(|b| *b == 0) {
            break;
        }
        let size = usize::try_from(octal(&h[124..136])).unwrap_or(usize::MAX);
        let start = off.saturating_add(512);
        let body = data.get(start..start.saturating_add(size)).unwrap_or(&[]);
        off = start.saturating_add(size.div_ceil(512).saturating_mul(512));
        let typ = h[156];
        let mut name = cstr(&h[0..100]);
        let prefix = cstr(&h[345..500]);
        if !prefix.is_empty() {
            name = format!("{prefix}/{name}");
        }
        if let Some(n) = long_name.take() {
            name = n;
        }
        match typ {
            b'L' => {
                long_name = Some(cstr(body));
                continue;
            }
            b'x' => {
                for rec in String::from_utf8_lossy(body).lines() {
                    if let Some(p) = rec.split_once(" path=").map(|(_, p)| p) {
                        long_name = Some(p.to_string());
                    }
                }
                continue;
            }
            b'g' => continue,
            _ => {}
        }
        let clean: Vec<&str> = name
            .split('/')
            .filter(|c| !c.is_empty() && *c != "." && *c != "..")
            .collect();
        if clean.is_empty() {
            continue;
        }
        let meta = Meta {
            mode: (octal(&h[100..108]) & 0o7777) as u32,
            uid: octal(&h[108..116]) as u32,
            gid: octal(&h[116..124]) as u32,
            mtime: octal(&h[136..148]) as i64,
        };
        let entry = match typ {
            b'5' => Entry::Dir {
                meta,
                opaque: false,
            },
            b'2' => Entry::Symlink {
                meta,
                target: cstr(&h[157..257]),
            },
            b'0' | 0 | b'7' => Entry::File {
                meta,
                content: Content::bytes(body.to_vec()),
            },
            _ => continue,
        };
        out.push((clean.join("/"), entry));
    }
    Some(out)
}

/// Writes entries as an uncompressed ustar archive (tests and `tar -c`).
pub fn tar(entries: &[(String, Entry)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, e) in entries {
        let mut h = [0u8; 512];
        let n = name.as_bytes();
        h[..n.len().min(100)].copy_from_slice(&n[..n.len().min(100)]);
        let (typ, size, body): (u8, usize, Vec<u8>) = match e {
            Entry::File { content, .. } => {
                let b = content.read();
                (b'0', b.len(), b)
            }
            Entry::Dir { .. } => (b'5', 0, Vec::new()),
            Entry::Symlink { target, .. } => {
                let t = target.as_bytes();
                h[157..157 + t.len().min(100)].copy_from_slice(&t[..t.len().min(100)]);
                (b'2', 0, Vec::new())
            }
            Entry::Whiteout => continue,
        };
        let meta = e.meta().cloned().unwrap_or(Meta::new(0o644, 0));
        let field = |h: &mut [u8; 512], at: usize, len: usize, v: u64| {
            let s = format!("{:0w$o}\0", v, w = len - 1);
            h[at..at + len].copy_from_slice(s.as_bytes());
        };
        field(&mut h, 100, 8, u64::from(meta.mode));
        field(&mut h, 108, 8, u64::from(meta.uid));
        field(&mut h, 116, 8, u64::from(meta.gid));
        field(&mut h, 124, 12, size as u64);
        field(&mut h, 136, 12, meta.mtime.max(0) as u64);
        h[156] = typ;
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|b| u32::from(*b)).sum();
        let s = format!("{sum:06o}\0 ");
        h[148..156].copy_from_slice(s.as_bytes());
        out.extend_from_slice(&h);
        out.extend_from_slice(&body);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_headers_do_not_panic() {
        let mut h = vec![0u8; 1024];
        h[0] = b'x';
        h[124..135].copy_from_slice(b"77777777777");
        h[257..262].copy_from_slice(b"ustar");
        h[156] = b'0';
        assert_eq!(untar(&h).map(|v| v.len()), Some(1));
        assert!(unpack(&[0x1f, 0x8b, 1, 2, 3]).is_none());
    }

    #[test]
    fn round_trip() {
        let entries = vec![
            (
                "dir".to_string(),
                Entry::Dir {
                    meta: Meta::new(0o755, 5),
                    opaque: false,
                },
            ),
            (
                "dir/a.txt".to_string(),
                Entry::File {
                    meta: Meta::new(0o600, 5),
                    content: Content::text("hello"),
                },
            ),
        ];
        let t = tar(&entries);
        assert_eq!(untar(&t).unwrap(), entries);
        assert!(untar(b"plain text").is_none());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &t).unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(compression(&gz), Some("gzip"));
        assert_eq!(unpack(&gz).unwrap(), entries);
    }
}
