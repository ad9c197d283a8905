//! `sort` (GNU coreutils: keys `-k F[.C][OPTS][,F[.C][OPTS]]`, `-t`,
//! `-n -g -h -V -M -f -d -i -b -r`, `-u -s -c -C -o -z`, the last-resort
//! whole-line comparison) and `uniq`.

use super::getopt;
use super::*;
use std::cmp::Ordering;

/// The options sort accepts (table syntax of `text::getopt`).
pub const OPTIONS: &str = "b|ignore-leading-blanks d|dictionary-order f|ignore-case \
    g|general-numeric-sort i|ignore-nonprinting M|month-sort h|human-numeric-sort \
    n|numeric-sort !R|random-sort !random-source= r|reverse V|version-sort sort= c|check? C \
    k=|key= m|merge o=|output= s|stable S=|buffer-size= t=|field-separator= \
    T=|temporary-directory= u|unique z|zero-terminated parallel= !debug !files0-from= \
    !batch-size= !compress-program= help version";

/// Ordering options of a key (or the global ones).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Ord1 {
    blanks: bool,
    dict: bool,
    fold: bool,
    general: bool,
    nonprint: bool,
    month: bool,
    human: bool,
    numeric: bool,
    reverse: bool,
    version: bool,
}

impl Ord1 {
    fn set(&mut self, c: char) -> bool {
        match c {
            'b' => self.blanks = true,
            'd' => self.dict = true,
            'f' => self.fold = true,
            'g' => self.general = true,
            'i' => self.nonprint = true,
            'M' => self.month = true,
            'h' => self.human = true,
            'n' => self.numeric = true,
            'r' => self.reverse = true,
            'V' => self.version = true,
            _ => return false,
        }
        true
    }
}

#[derive(Clone, Debug)]
struct Key {
    f1: usize,
    c1: usize,
    f2: Option<usize>,
    c2: usize,
    ord: Ord1,
    /// Whether the key had its own ordering options.
    own: bool,
    b1: bool,
    b2: bool,
}

fn parse_key(spec: &str) -> Result<Key, String> {
    let bad = || format!("invalid number at field start: invalid count at start of '{spec}'");
    let (a, b) = match spec.split_once(',') {
        Some((a, b)) => (a, Some(b)),
        None => (spec, None),
    };
    let mut ord = Ord1::default();
    let mut own = false;
    let pos = |s: &str, ord: &mut Ord1, own: &mut bool| -> Option<(usize, usize, bool)> {
        let digits: String = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let mut blanks = false;
        for c in s[digits.len()..].chars() {
            if c == 'b' {
                blanks = true;
            }
            if !ord.set(c) {
                return None;
            }
            *own = true;
        }
        let (f, c) = match digits.split_once('.') {
            Some((f, c)) => (f.parse().ok()?, c.parse().ok()?),
            None => (digits.parse().ok()?, 0),
        };
        Some((f, c, blanks))
    };
    let (f1, c1, b1) = pos(a, &mut ord, &mut own).ok_or_else(bad)?;
    if f1 == 0 {
        return Err(format!(
            "field number is zero: invalid field specification '{spec}'"
        ));
    }
    let (f2, c2, b2) = match b {
        Some(b) => {
            let (f, c, bl) = pos(b, &mut ord, &mut own).ok_or_else(bad)?;
            (Some(f), c, bl)
        }
        None => (None, 0, false),
    };
    Ok(Key {
        f1,
        c1: c1.max(1),
        f2,
        c2,
        ord,
        own,
        b1,
        b2,
    })
}

/// Byte offsets where each field starts and ends.
fn fields(line: &str, sep: Option<char>) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    match sep {
        Some(t) => {
            let mut start = 0;
            for (i, c) in line.char_indices() {
                if c == t {
                    v.push((start, i));
                    start = i + c.len_utf8();
                }
            }
            v.push((start, line.len()));
        }
        None => {
            // A field is leading blanks plus non-blanks.
            let b = line.as_bytes();
            let mut i = 0;
            while i < b.len() {
                let s = i;
                while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                    i += 1;
                }
                while i < b.len() && b[i] != b' ' && b[i] != b'\t' {
                    i += 1;
                }
                v.push((s, i));
            }
        }
    }
    v
}

fn skip_blanks(s: &str, from: usize, to: usize) -> usize {
    let b = s.as_bytes();
    let mut i = from;
    while i < to && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

fn key_text<'a>(line: &'a str, k: &Key, sep: Option<char>, gb: bool) -> &'a str {
    let fs = fields(line, sep);
    let Some(&(s1, e1)) = fs.get(k.f1 - 1) else {
        return "";
    };
    let mut start = if k.b1 || (gb && !k.own) {
        skip_blanks(line, s1, e1)
    } else {
        s1
    };
    start = (start + k.c1 - 1).min(e1.max(start));
    let end = match k.f2 {
        None => line.len(),
        Some(f2) => match fs.get(f2.saturating_sub(1)) {
            None => line.len(),
            Some(&(s2, e2)) => {
                if k.c2 == 0 {
                    e2
                } else {
                    let s = if k.b2 || (gb && !k.own) {
                        skip_blanks(line, s2, e2)
                    } else {
                        s2
                    };
                    (s + k.c2).min(e2)
                }
            }
        },
    };
    if end <= start || !line.is_char_boundary(start) || !line.is_char_boundary(end) {
        return "";
    }
    &line[start..end]
}

fn num_prefix(s: &str) -> f64 {
    let t = s.trim_start_matches([' ', '\t']);
    let mut end = 0;
    let b = t.as_bytes();
    if end < b.len() && (b[end] == b'-' || b[end] == b'+') {
        end += 1;
    }
    while end < b.len() && (b[end].is_ascii_digit() || b[end] == b'.') {
        end += 1;
    }
    t[..end].parse().unwrap_or(0.0)
}

fn human(s: &str) -> (i32, f64) {
    let t = s.trim_start_matches([' ', '\t']);
    let n = num_prefix(t);
    let digits = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-' || *c == '+')
        .count();
    let unit = t[digits..]
        .chars()
        .next()
        .and_then(|c| "KMGTPEZY".find(c.to_ascii_uppercase()));
    let rank = unit.map_or(0, |u| u as i32 + 1);
    let sign = if n < 0.0 {
        -1
    } else if n > 0.0 {
        1
    } else {
        0
    };
    (sign * (rank + 1), n)
}

fn month(s: &str) -> usize {
    const M: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let t = s.trim_start().to_ascii_uppercase();
    M.iter().position(|m| t.starts_with(m)).map_or(0, |i| i + 1)
}

/// `sort -V` (filevercmp): digits compare as numbers, others as bytes.
fn version_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    while !x.is_empty() || !y.is_empty() {
        let nx = x.iter().take_while(|c| !c.is_ascii_digit()).count();
        let ny = y.iter().take_while(|c| !c.is_ascii_digit()).count();
        let o = x[..nx].cmp(&y[..ny]);
        if o != Ordering::Equal {
            return o;
        }
        x = &x[nx..];
        y = &y[ny..];
        let dx = x.iter().take_while(|c| c.is_ascii_digit()).count();
        let dy = y.iter().take_while(|c| c.is_ascii_digit()).count();
        let sx = std::str::from_utf8(&x[..dx])
            .unwrap_or("")
            .trim_start_matches('0');
        let sy = std::str::from_utf8(&y[..dy])
            .unwrap_or("")
            .trim_start_matches('0');
        let o = sx.len().cmp(&sy.len()).then(sx.cmp(sy));
        if o != Ordering::Equal {
            return o;
        }
        x = &x[dx..];
        y = &y[dy..];
    }
    Ordering::Equal
}

fn cmp_with(a: &str, b: &str, o: &Ord1) -> Ordering {
    let r = if o.numeric {
        num_prefix(a)
            .partial_cmp(&num_prefix(b))
            .unwrap_or(Ordering::Equal)
    } else if o.general {
        let g = |s: &str| s.trim().parse::<f64>().unwrap_or(f64::NEG_INFINITY);
        g(a).partial_cmp(&g(b)).unwrap_or(Ordering::Equal)
    } else if o.human {
        let (ra, na) = human(a);
        let (rb, nb) = human(b);
        ra.cmp(&rb)
            .then(na.partial_cmp(&nb).unwrap_or(Ordering::Equal))
    } else if o.month {
        month(a).cmp(&month(b))
    } else if o.version {
        version_cmp(a, b)
    } else {
        let filt = |s: &str| -> String {
            s.chars()
                .filter(|c| !o.dict || c.is_ascii_alphanumeric() || *c == ' ' || *c == '\t')
                .filter(|c| !o.nonprint || !c.is_control())
                .map(|c| if o.fold { c.to_ascii_uppercase() } else { c })
                .collect()
        };
        if o.dict || o.nonprint || o.fold {
            filt(a).cmp(&filt(b))
        } else {
            a.cmp(b)
        }
    };
    if o.reverse {
        r.reverse()
    } else {
        r
    }
}

struct Sorter {
    keys: Vec<Key>,
    global: Ord1,
    sep: Option<char>,
    stable: bool,
}

impl Sorter {
    fn keys_cmp(&self, a: &str, b: &str) -> Ordering {
        if self.keys.is_empty() {
            let mut g = self.global;
            let gb = g.blanks;
            let (x, y) = if gb {
                (a.trim_start(), b.trim_start())
            } else {
                (a, b)
            };
            g.reverse = false;
            let o = cmp_with(x, y, &g);
            return if self.global.reverse { o.reverse() } else { o };
        }
        for k in &self.keys {
            let ord = if k.own { k.ord } else { self.global };
            let ka = key_text(a, k, self.sep, self.global.blanks);
            let kb = key_text(b, k, self.sep, self.global.blanks);
            let o = cmp_with(ka, kb, &ord);
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    }
    fn cmp(&self, a: &str, b: &str) -> Ordering {
        let o = self.keys_cmp(a, b);
        if o != Ordering::Equal || self.stable {
            return o;
        }
        let plain = !self.global.numeric
            && !self.global.general
            && !self.global.human
            && !self.global.month
            && !self.global.version
            && !self.global.fold
            && !self.global.dict
            && !self.global.nonprint
            && !self.global.blanks;
        if self.keys.is_empty() && plain {
            return o;
        }
        let r = a.cmp(b);
        if self.global.reverse {
            r.reverse()
        } else {
            r
        }
    }
}

pub fn sort(p: &mut Proc) -> Result<i32, Flow> {
    let o = match getopt::parse(p, OPTIONS, 2) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let mut global = Ord1::default();
    for (names, _) in &o.opts {
        if let Some(c) = names.first().and_then(|n| n.chars().next()) {
            if names[0].len() == 1 {
                global.set(c);
            }
        }
    }
    if let Some(s) = o.value("sort") {
        match s {
            "general-numeric" => global.general = true,
            "human-numeric" => global.human = true,
            "month" => global.month = true,
            "numeric" => global.numeric = true,
            "version" => global.version = true,
            _ => {
                p.errln(format!("invalid argument '{s}' for '--sort'"));
                return Ok(2);
            }
        }
    }
    let mut keys = Vec::new();
    for k in o.values("k") {
        match parse_key(k) {
            Ok(k) => keys.push(k),
            Err(e) => {
                p.errln(e);
                return Ok(2);
            }
        }
    }
    let sep = match o.value("t") {
        None => None,
        Some(t) => {
            let mut cs = t.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Some(c),
                (None, _) => {
                    p.errln("empty tab");
                    return Ok(2);
                }
                _ if t == "\\0" => Some('\0'),
                _ => {
                    p.errln(format!("multi-character tab '{t}'"));
                    return Ok(2);
                }
            }
        }
    };
    let sorter = Sorter {
        keys,
        global,
        sep,
        stable: o.has("s"),
    };
    let zero = o.has("z");
    let eol = if zero { '\0' } else { '\n' };
    let mut lines: Vec<String> = Vec::new();
    let files = o.operands.clone();
    let mut names = Vec::new();
    for (name, r) in inputs(p, &files) {
        match r {
            Ok(t) => {
                let mut v: Vec<&str> = t.split(eol).collect();
                if v.last() == Some(&"") {
                    v.pop();
                }
                lines.extend(v.into_iter().map(String::from));
                names.push(name);
            }
            Err(e) => {
                p.errln(format!("cannot read: {name}: {e}"));
                return Ok(2);
            }
        }
    }
    if o.has("c") || o.has("C") {
        let name = names.first().cloned().unwrap_or_else(|| "-".into());
        for i in 1..lines.len() {
            let ord = sorter.cmp(&lines[i - 1], &lines[i]);
            if ord == Ordering::Greater || (o.has("u") && ord == Ordering::Equal) {
                if o.has("c") {
                    p.errln(format!("{name}:{}: disorder: {}", i + 1, lines[i]));
                }
                return Ok(1);
            }
        }
        return Ok(0);
    }
    lines.sort_by(|a, b| sorter.cmp(a, b));
    if o.has("u") {
        lines.dedup_by(|b, a| sorter.keys_cmp(a, b) == Ordering::Equal);
    }
    let mut out = String::new();
    for l in &lines {
        out.push_str(l);
        out.push(eol);
    }
    match o.value("o") {
        Some(f) => {
            if let Err(e) = p.write(f, out.as_bytes()) {
                p.errln(format!("open failed: {f}: {e}"));
                return Ok(2);
            }
        }
        None => p.out.out(out),
    }
    Ok(0)
}

pub fn uniq(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "cdui", 1) {
        return Ok(c);
    }
    let ins = inputs(p, &o.operands[..o.operands.len().min(1)]);
    let text = match ins.into_iter().next() {
        Some((_, Ok(t))) => t,
        Some((n, Err(e))) => {
            p.errln(format!("{n}: {e}"));
            return Ok(1);
        }
        None => String::new(),
    };
    let mut groups: Vec<(String, usize)> = Vec::new();
    for l in text.lines() {
        match groups.last_mut() {
            Some((prev, n))
                if prev == l || (o.has('i') && prev.to_lowercase() == l.to_lowercase()) =>
            {
                *n += 1
            }
            _ => groups.push((l.to_string(), 1)),
        }
    }
    for (l, n) in groups {
        if o.has('d') && n < 2 || o.has('u') && n > 1 {
            continue;
        }
        if o.has('c') {
            p.out.outln(format!("{n:>7} {l}"));
        } else {
            p.out.outln(l);
        }
    }
    Ok(0)
}
