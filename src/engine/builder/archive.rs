//! Local archives for ADD: a tar stream (ustar / GNU / pax headers),
//! plain or gzip-compressed, detected by content, read into entries. gzip
//! is inflated here (RFC 1951/1952: stored, fixed and dynamic Huffman
//! blocks) — a few hundred bytes of code instead of a compression crate in
//! the wasm bundle. bzip2, xz and zstd are recognised but not unpacked
//! (such files are copied as they are).

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
        return untar(&gunzip(data)?);
    }
    untar(data)
}

/// Decompresses a gzip stream (concatenated members included); `None` on
/// corrupt input or past [`MAX_UNPACKED`] bytes.
pub fn gunzip(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos + 10 <= data.len() && data[pos] == 0x1f && data[pos + 1] == 0x8b {
        if data[pos + 2] != 8 {
            return None;
        }
        let flags = data[pos + 3];
        let mut p = pos + 10;
        if flags & 4 != 0 {
            let xlen = usize::from(*data.get(p)?) | usize::from(*data.get(p + 1)?) << 8;
            p += 2 + xlen;
        }
        for bit in [8u8, 16] {
            if flags & bit != 0 {
                p += data.get(p..)?.iter().position(|b| *b == 0)? + 1;
            }
        }
        if flags & 2 != 0 {
            p += 2;
        }
        let mut r = Bits {
            data,
            pos: p,
            bit: 0,
        };
        inflate(&mut r, &mut out)?;
        // trailer: CRC32 and size (not checked)
        pos = r.byte_aligned() + 8;
    }
    (!out.is_empty() || pos > 0).then_some(out)
}

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    bit: u8,
}

impl Bits<'_> {
    fn get(&mut self, n: u8) -> Option<u32> {
        let mut v = 0u32;
        for i in 0..n {
            let byte = *self.data.get(self.pos)?;
            v |= u32::from((byte >> self.bit) & 1) << i;
            self.bit += 1;
            if self.bit == 8 {
                self.bit = 0;
                self.pos += 1;
            }
        }
        Some(v)
    }
    fn byte_aligned(&mut self) -> usize {
        if self.bit != 0 {
            self.bit = 0;
            self.pos += 1;
        }
        self.pos
    }
}

/// A canonical Huffman code: symbol counts per length and symbols sorted.
struct Huffman {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Huffman {
    fn new(lengths: &[u8]) -> Huffman {
        let mut counts = [0u16; 16];
        for &l in lengths {
            counts[usize::from(l)] += 1;
        }
        counts[0] = 0;
        let mut offs = [0u16; 16];
        for i in 1..16 {
            offs[i] = offs[i - 1] + counts[i - 1];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (s, &l) in lengths.iter().enumerate() {
            if l != 0 {
                symbols[usize::from(offs[usize::from(l)])] = s as u16;
                offs[usize::from(l)] += 1;
            }
        }
        Huffman { counts, symbols }
    }
    fn decode(&self, r: &mut Bits) -> Option<u16> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= r.get(1)? as i32;
            let count = i32::from(self.counts[len]);
            if code - count < first {
                return self.symbols.get((index + code - first) as usize).copied();
            }
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        None
    }
}

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// RFC 1951 inflate of one deflate stream into `out`.
fn inflate(r: &mut Bits, out: &mut Vec<u8>) -> Option<()> {
    loop {
        let last = r.get(1)? == 1;
        match r.get(2)? {
            0 => {
                let p = r.byte_aligned();
                let b = r.data.get(p..p + 4)?;
                let len = usize::from(b[0]) | usize::from(b[1]) << 8;
                let chunk = r.data.get(p + 4..p + 4 + len)?;
                out.extend_from_slice(chunk);
                r.pos = p + 4 + len;
            }
            1 => {
                let mut l = [0u8; 288];
                l[..144].fill(8);
                l[144..256].fill(9);
                l[256..280].fill(7);
                l[280..].fill(8);
                codes(r, out, &Huffman::new(&l), &Huffman::new(&[5u8; 30]))?;
            }
            2 => {
                let nlen = r.get(5)? as usize + 257;
                let ndist = r.get(5)? as usize + 1;
                let ncode = r.get(4)? as usize + 4;
                const ORDER: [usize; 19] = [
                    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
                ];
                let mut cl = [0u8; 19];
                for &i in ORDER.iter().take(ncode) {
                    cl[i] = r.get(3)? as u8;
                }
                let clh = Huffman::new(&cl);
                let mut lengths = Vec::with_capacity(nlen + ndist);
                while lengths.len() < nlen + ndist {
                    match clh.decode(r)? {
                        s @ 0..=15 => lengths.push(s as u8),
                        16 => {
                            let prev = *lengths.last()?;
                            for _ in 0..3 + r.get(2)? {
                                lengths.push(prev);
                            }
                        }
                        17 => lengths.extend(std::iter::repeat_n(0, 3 + r.get(3)? as usize)),
                        _ => lengths.extend(std::iter::repeat_n(0, 11 + r.get(7)? as usize)),
                    }
                }
                let lit = Huffman::new(lengths.get(..nlen)?);
                let dist = Huffman::new(lengths.get(nlen..nlen + ndist)?);
                codes(r, out, &lit, &dist)?;
            }
            _ => return None,
        }
        if out.len() as u64 > MAX_UNPACKED {
            return None;
        }
        if last {
            return Some(());
        }
    }
}

fn codes(r: &mut Bits, out: &mut Vec<u8>, lit: &Huffman, dist: &Huffman) -> Option<()> {
    loop {
        let sym = lit.decode(r)?;
        match sym {
            0..=255 => out.push(sym as u8),
            256 => return Some(()),
            _ => {
                let i = usize::from(sym - 257);
                let len = usize::from(*LEN_BASE.get(i)?) + r.get(*LEN_EXTRA.get(i)?)? as usize;
                let d = usize::from(dist.decode(r)?);
                let back = usize::from(*DIST_BASE.get(d)?) + r.get(*DIST_EXTRA.get(d)?)? as usize;
                if back > out.len() || out.len() as u64 > MAX_UNPACKED {
                    return None;
                }
                let start = out.len() - back;
                for k in 0..len {
                    let b = out[start + k];
                    out.push(b);
                }
            }
        }
    }
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
        let mut seed: u32 = 7;
        for _ in 0..2000 {
            let mut v = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0];
            for _ in 0..(seed % 64) {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                v.push((seed >> 16) as u8);
            }
            let _ = gunzip(&v);
        }
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
        for level in [0, 1, 9] {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
            std::io::Write::write_all(&mut gz, &t).unwrap();
            let gz = gz.finish().unwrap();
            assert_eq!(compression(&gz), Some("gzip"));
            assert_eq!(unpack(&gz).unwrap(), entries, "level {level}");
        }
        // a larger, repetitive payload exercises dynamic Huffman blocks
        let text: Vec<u8> = (0..20_000u32)
            .flat_map(|i| format!("line {} {}\n", i % 97, i).into_bytes())
            .collect();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &text).unwrap();
        assert_eq!(gunzip(&gz.finish().unwrap()).unwrap(), text);
    }
}
