//! diff's output formats: normal (`2c2`, `< a`, `---`, `> b`) and unified
//! (`@@ -1,4 +1,5 @@` hunks with context).

/// One change: lines `a.0..a.1` of the first file replaced by `b.0..b.1`
/// of the second (either range may be empty).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub a: (usize, usize),
    pub b: (usize, usize),
}

/// The changes between matched pairs.
pub fn changes(matches: &[(usize, usize)], na: usize, nb: usize) -> Vec<Change> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    for &(mi, mj) in matches.iter().chain(std::iter::once(&(na, nb))) {
        if mi > i || mj > j {
            out.push(Change {
                a: (i, mi),
                b: (j, mj),
            });
        }
        i = mi + 1;
        j = mj + 1;
    }
    out
}

/// A file's lines and whether its last line lacks a newline.
pub struct Text<'a> {
    pub lines: &'a [String],
    pub no_eol: bool,
}

impl Text<'_> {
    fn line(&self, out: &mut String, prefix: &str, i: usize) {
        out.push_str(prefix);
        out.push_str(&self.lines[i]);
        out.push('\n');
        if self.no_eol && i + 1 == self.lines.len() {
            out.push_str("\\ No newline at end of file\n");
        }
    }
}

/// `3`, `3,5` (1-based); an empty range names the line before it.
fn range(r: (usize, usize)) -> String {
    match r.1 - r.0 {
        0 => r.0.to_string(),
        1 => (r.0 + 1).to_string(),
        _ => format!("{},{}", r.0 + 1, r.1),
    }
}

/// The normal format.
pub fn normal(chs: &[Change], a: &Text, b: &Text) -> String {
    let mut out = String::new();
    for c in chs {
        let op = match (c.a.0 == c.a.1, c.b.0 == c.b.1) {
            (true, _) => 'a',
            (_, true) => 'd',
            _ => 'c',
        };
        out.push_str(&format!("{}{op}{}\n", range(c.a), range(c.b)));
        for i in c.a.0..c.a.1 {
            a.line(&mut out, "< ", i);
        }
        if op == 'c' {
            out.push_str("---\n");
        }
        for j in c.b.0..c.b.1 {
            b.line(&mut out, "> ", j);
        }
    }
    out
}

/// `-1,4` in a unified hunk header: the count is left out when 1; an empty
/// range starts at the line before it.
fn uni_range(start: usize, len: usize) -> String {
    match len {
        0 => format!("{start},0"),
        1 => (start + 1).to_string(),
        _ => format!("{},{len}", start + 1),
    }
}

/// The unified format's hunks (without the `---`/`+++` header).
pub fn unified(chs: &[Change], a: &Text, b: &Text, ctx: usize) -> String {
    let mut out = String::new();
    let mut k = 0;
    while k < chs.len() {
        // Group changes whose context overlaps.
        let mut end = k;
        while end + 1 < chs.len() && chs[end + 1].a.0 - chs[end].a.1 <= 2 * ctx {
            end += 1;
        }
        let first = chs[k];
        let last = chs[end];
        let a0 = first.a.0.saturating_sub(ctx);
        let b0 = first.b.0 - (first.a.0 - a0);
        let a1 = (last.a.1 + ctx).min(a.lines.len());
        let b1 = last.b.1 + (a1 - last.a.1);
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            uni_range(a0, a1 - a0),
            uni_range(b0, b1 - b0)
        ));
        let mut i = a0;
        for c in &chs[k..=end] {
            while i < c.a.0 {
                a.line(&mut out, " ", i);
                i += 1;
            }
            for x in c.a.0..c.a.1 {
                a.line(&mut out, "-", x);
            }
            for y in c.b.0..c.b.1 {
                b.line(&mut out, "+", y);
            }
            i = c.a.1;
        }
        while i < a1 {
            a.line(&mut out, " ", i);
            i += 1;
        }
        k = end + 1;
    }
    out
}
