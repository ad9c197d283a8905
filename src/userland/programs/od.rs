//! `od`: dumps bytes as octal, hex, decimal or characters (`-t TYPE`,
//! `-c -x -o -d -b -a`), with GNU's column alignment across several types,
//! `-A` address radix, `-N`/`-j`, `-w`, and `*` for repeated lines unless
//! `-v`.

use super::operand::{self, OpenError};
use super::{opts, Flow, Proc};

/// One output type: `c`, `a`, or an integer kind with its size in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Spec {
    kind: char,
    size: usize,
    /// `z`: the printable characters after the line.
    text: bool,
}

impl Spec {
    fn width(&self) -> usize {
        match (self.kind, self.size) {
            ('c' | 'a', _) => 3,
            ('o', 1) => 3,
            ('o', 2) => 6,
            ('o', 4) => 11,
            ('o', _) => 22,
            ('x', s) => 2 * s,
            ('u', 1) => 3,
            ('u', 2) => 5,
            ('u', 4) => 10,
            ('u', _) => 20,
            ('d', 1) => 4,
            ('d', 2) => 6,
            ('d', 4) => 11,
            _ => 20,
        }
    }
    fn field(&self, b: &[u8]) -> String {
        let mut v: u64 = 0;
        for (k, x) in b.iter().enumerate() {
            v |= u64::from(*x) << (8 * k);
        }
        match self.kind {
            'c' => char_field(b[0]),
            'a' => named_field(b[0]),
            'o' => format!("{v:0w$o}", w = self.width()),
            'x' => format!("{v:0w$x}", w = self.width()),
            'u' => v.to_string(),
            _ => {
                let bits = 8 * self.size as u32;
                let s = if bits == 64 {
                    v as i64
                } else {
                    ((v << (64 - bits)) as i64) >> (64 - bits)
                };
                s.to_string()
            }
        }
    }
}

fn char_field(b: u8) -> String {
    match b {
        0 => "\\0".into(),
        7 => "\\a".into(),
        8 => "\\b".into(),
        9 => "\\t".into(),
        10 => "\\n".into(),
        11 => "\\v".into(),
        12 => "\\f".into(),
        13 => "\\r".into(),
        32..=126 => (b as char).to_string(),
        _ => format!("{b:03o}"),
    }
}

const NAMES: [&str; 33] = [
    "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl", "vt", "ff", "cr",
    "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc",
    "fs", "gs", "rs", "us", "sp",
];

fn named_field(b: u8) -> String {
    let b = b & 0x7f;
    match b {
        0..=32 => NAMES[b as usize].into(),
        127 => "del".into(),
        _ => (b as char).to_string(),
    }
}

/// Parses a `-t` argument (`x1`, `d4`, `c`, `xCz`, `o2x1`…).
fn parse_type(s: &str) -> Result<Vec<Spec>, String> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let kind = cs[i];
        i += 1;
        let mut size = match kind {
            'a' | 'c' => 1,
            'd' | 'o' | 'u' | 'x' => 4,
            'f' => return Err("float".into()),
            _ => return Err(format!("invalid character '{kind}' in type string '{s}'")),
        };
        if matches!(kind, 'd' | 'o' | 'u' | 'x') {
            let start = i;
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            if i > start {
                let n: String = cs[start..i].iter().collect();
                size = match n.parse::<usize>() {
                    Ok(n @ (1 | 2 | 4 | 8)) => n,
                    _ => return Err(format!("invalid type string '{s}';\nthis system doesn't provide a {n}-byte integral type")),
                };
            } else if i < cs.len() {
                if let Some(sz) = match cs[i] {
                    'C' => Some(1),
                    'S' => Some(2),
                    'I' => Some(4),
                    'L' => Some(8),
                    _ => None,
                } {
                    size = sz;
                    i += 1;
                }
            }
        }
        let text = cs.get(i) == Some(&'z');
        if text {
            i += 1;
        }
        out.push(Spec { kind, size, text });
    }
    Ok(out)
}

const GNU: &str = "A=|address-radix= a b c d !e !f i j=|skip-bytes= l N=|read-bytes= o s !S=|strings? t=|format= v|output-duplicates w?|width? x !endian= !traditional";
const BUSYBOX: &str = "A= a b c d !e !f i j= l N= o s !S= t= v w? x";

pub fn od(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() { BUSYBOX } else { GNU };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let mut specs: Vec<Spec> = Vec::new();
    for (names, value) in &o.opts {
        let short = names[0].as_str();
        let add: Vec<Spec> = match short {
            "a" => vec![Spec {
                kind: 'a',
                size: 1,
                text: false,
            }],
            "b" => vec![Spec {
                kind: 'o',
                size: 1,
                text: false,
            }],
            "c" => vec![Spec {
                kind: 'c',
                size: 1,
                text: false,
            }],
            "d" => vec![Spec {
                kind: 'u',
                size: 2,
                text: false,
            }],
            "i" => vec![Spec {
                kind: 'd',
                size: 4,
                text: false,
            }],
            "l" => vec![Spec {
                kind: 'd',
                size: 8,
                text: false,
            }],
            "o" => vec![Spec {
                kind: 'o',
                size: 2,
                text: false,
            }],
            "s" => vec![Spec {
                kind: 'd',
                size: 2,
                text: false,
            }],
            "x" => vec![Spec {
                kind: 'x',
                size: 2,
                text: false,
            }],
            "t" => match parse_type(value.as_deref().unwrap_or("")) {
                Ok(v) => v,
                Err(e) if e == "float" => {
                    p.out.errln(format!(
                        "dockerlings: {}: the -t f (floating point) type is not available in this sandbox",
                        p.name()
                    ));
                    return Ok(2);
                }
                Err(e) => {
                    p.errln(e);
                    return Ok(1);
                }
            },
            _ => vec![],
        };
        specs.extend(add);
    }
    if specs.is_empty() {
        specs.push(Spec {
            kind: 'o',
            size: 2,
            text: false,
        });
    }
    let radix = o.value("A").unwrap_or("o").to_string();
    if !matches!(radix.as_str(), "o" | "d" | "x" | "n") {
        p.errln(format!(
            "invalid output address radix '{radix}'; it must be one character from [doxn]"
        ));
        return Ok(1);
    }
    let num = |p: &mut Proc, k: &str| -> Result<Option<usize>, i32> {
        match o.value(k) {
            None => Ok(None),
            Some(v) => match parse_count(v) {
                Some(n) => Ok(Some(n)),
                None => {
                    p.errln(format!(
                        "invalid {} argument '{v}'",
                        if k == "N" { "-N" } else { "-j" }
                    ));
                    Err(1)
                }
            },
        }
    };
    let limit = match num(p, "N") {
        Ok(v) => v,
        Err(c) => return Ok(c),
    };
    let skip = match num(p, "j") {
        Ok(v) => v.unwrap_or(0),
        Err(c) => return Ok(c),
    };
    let lcm = specs.iter().map(|s| s.size).max().unwrap_or(1);
    let width = if o.has("w") {
        match o.value("w") {
            None => 32,
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n > 0 && n % lcm == 0 => n,
                _ => {
                    p.errln(format!("invalid -w argument '{v}'"));
                    return Ok(1);
                }
            },
        }
    } else {
        16
    };
    let mut data = Vec::new();
    let mut code = 0;
    for f in operand::or_stdin(&o.operands) {
        match operand::read(p, &f, OpenError::Plain) {
            Some(d) => data.extend(d),
            None => code = 1,
        }
    }
    let start = skip.min(data.len());
    let mut data = data.split_off(start);
    if let Some(n) = limit {
        data.truncate(n);
    }
    let text = dump(&data, &specs, width, skip, &radix, o.has("v"));
    p.out.out(text);
    Ok(code)
}

/// `-N 10`, `-j 0x10`, `-j 1k`.
fn parse_count(v: &str) -> Option<usize> {
    let (num, mult) = match v.char_indices().last() {
        Some((i, 'b')) => (&v[..i], 512),
        Some((i, 'k' | 'K')) => (&v[..i], 1024),
        Some((i, 'm' | 'M')) => (&v[..i], 1 << 20),
        _ => (v, 1),
    };
    let n = if let Some(h) = num.strip_prefix("0x").or_else(|| num.strip_prefix("0X")) {
        usize::from_str_radix(h, 16).ok()?
    } else if num.len() > 1 && num.starts_with('0') {
        usize::from_str_radix(&num[1..], 8).ok()?
    } else {
        num.parse::<usize>().ok()?
    };
    n.checked_mul(mult)
}

fn address(off: usize, radix: &str) -> String {
    match radix {
        "d" => format!("{off:07}"),
        "x" => format!("{off:06x}"),
        "n" => String::new(),
        _ => format!("{off:07o}"),
    }
}

/// The whole dump, with GNU's padding so that several types line up.
fn dump(data: &[u8], specs: &[Spec], width: usize, base: usize, radix: &str, all: bool) -> String {
    let totals: Vec<usize> = specs
        .iter()
        .map(|s| (width / s.size) * (s.width() + 1))
        .collect();
    let max_total = totals.iter().copied().max().unwrap_or(0);
    let mut out = String::new();
    let mut prev: Option<&[u8]> = None;
    let mut starred = false;
    for (row, chunk) in data.chunks(width).enumerate() {
        let off = base + row * width;
        if !all && chunk.len() == width && prev == Some(chunk) {
            if !starred {
                out.push_str("*\n");
                starred = true;
            }
            continue;
        }
        starred = false;
        prev = Some(chunk);
        for (k, s) in specs.iter().enumerate() {
            if k == 0 {
                out.push_str(&address(off, radix));
            } else if radix != "n" {
                out.push_str(&" ".repeat(address(0, radix).len()));
            }
            let fields = width / s.size;
            let pad = max_total - totals[k];
            let mut pad_left = pad;
            let mut line = String::new();
            let n = chunk.len().div_ceil(s.size);
            for i in 0..n {
                let lo = i * s.size;
                let mut bytes = chunk[lo..(lo + s.size).min(chunk.len())].to_vec();
                bytes.resize(s.size, 0);
                let next_pad = pad * (fields - i - 1) / fields;
                let w = pad_left - next_pad + s.width() + 1;
                pad_left = next_pad;
                line.push_str(&format!("{:>w$}", s.field(&bytes)));
            }
            out.push_str(&line);
            if s.text {
                out.push_str(&" ".repeat(max_total.saturating_sub(line.len()) + 2));
                out.push('>');
                out.extend(chunk.iter().map(|b| {
                    if (32..127).contains(b) {
                        *b as char
                    } else {
                        '.'
                    }
                }));
                out.push('<');
            }
            out.push('\n');
        }
        if out.len() > super::OUTPUT_CAP {
            break;
        }
    }
    if radix != "n" {
        out.push_str(&address(base + data.len(), radix));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_and_chars() {
        let o2 = [Spec {
            kind: 'o',
            size: 2,
            text: false,
        }];
        assert_eq!(
            dump(b"hi\n", &o2, 16, 0, "o", false),
            "0000000 064550 000012\n0000003\n"
        );
        let c = [Spec {
            kind: 'c',
            size: 1,
            text: false,
        }];
        assert_eq!(
            dump(b"hi\n", &c, 16, 0, "o", false),
            "0000000   h   i  \\n\n0000003\n"
        );
        let xc = parse_type("x1")
            .unwrap()
            .into_iter()
            .chain(c)
            .collect::<Vec<_>>();
        assert_eq!(
            dump(b"hi\n", &xc, 16, 0, "o", false),
            "0000000  68  69  0a\n          h   i  \\n\n0000003\n"
        );
    }
}
