//! POSIX regular expressions for `grep`, `sed`, `awk` and `expr`: basic
//! (BRE, with GNU's `\+ \? \|`) and extended (ERE) syntax are translated to
//! the `regex-lite` crate's syntax, which matches in linear time — so a
//! pathological pattern cannot hang the page, and thousands of nested
//! groups answer with an error instead of exhausting memory.
//!
//! Differences from POSIX are loud, not silent: a back-reference inside a
//! pattern (`\(a\)\1`) is reported as unavailable. Alternation picks the
//! leftmost alternative that matches rather than the longest.

use std::fmt;

/// Why a pattern does not compile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReError {
    /// A syntax error, worded as glibc's regcomp words it.
    Syntax(String),
    /// Valid POSIX the sandbox does not implement.
    Unsupported(String),
}

impl fmt::Display for ReError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ReError::Syntax(m) | ReError::Unsupported(m) => f.write_str(m),
        }
    }
}

impl ReError {
    /// The line a program prints for this error: `PROG: MSG`, or the
    /// sandbox's `dockerlings: PROG: …` for an unsupported feature.
    pub fn message(&self, prog: &str) -> String {
        match self {
            ReError::Syntax(m) => format!("{prog}: {m}"),
            ReError::Unsupported(m) => format!("dockerlings: {prog}: {m}"),
        }
    }
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    re: regex_lite::Regex,
    groups: usize,
}

/// Match positions (byte ranges) of the whole match (0) and each group.
pub type Captures = Vec<Option<(usize, usize)>>;

impl Regex {
    /// Compiles `pat`; `extended` selects ERE syntax, `icase` ignores case.
    pub fn new(pat: &str, extended: bool, icase: bool) -> Result<Regex, ReError> {
        let (src, groups) = translate(pat, extended)?;
        let flags = if icase { "(?si)" } else { "(?s)" };
        let re = regex_lite::RegexBuilder::new(&format!("{flags}{src}"))
            .nest_limit(200)
            .size_limit(1 << 20)
            .build()
            .map_err(|_| ReError::Syntax("Regular expression too big".into()))?;
        Ok(Regex { re, groups })
    }

    /// A pattern matching `s` literally (`grep -F`).
    pub fn literal(s: &str, icase: bool) -> Regex {
        let mut src = String::new();
        for c in s.chars() {
            push_lit(&mut src, c);
        }
        let flags = if icase { "(?si)" } else { "(?s)" };
        let re = regex_lite::Regex::new(&format!("{flags}{src}"))
            .unwrap_or_else(|_| regex_lite::Regex::new("[^\\s\\S]").expect("empty class"));
        Regex { re, groups: 0 }
    }

    /// Number of capture groups.
    pub fn groups(&self) -> usize {
        self.groups
    }

    /// The first match in `s` as a byte range.
    pub fn find(&self, s: &str) -> Option<(usize, usize)> {
        self.find_at(s, 0)
    }

    /// The first match starting at or after byte `from` (anchors still
    /// refer to the whole of `s`).
    pub fn find_at(&self, s: &str, from: usize) -> Option<(usize, usize)> {
        if from > s.len() || !s.is_char_boundary(from) {
            return None;
        }
        self.re.find_at(s, from).map(|m| (m.start(), m.end()))
    }

    /// The first match at or after byte `from`, with its groups.
    pub fn captures_at(&self, s: &str, from: usize) -> Option<Captures> {
        if from > s.len() || !s.is_char_boundary(from) {
            return None;
        }
        let c = self.re.captures_at(s, from)?;
        Some(
            (0..=self.groups)
                .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                .collect(),
        )
    }

    pub fn is_match(&self, s: &str) -> bool {
        self.re.is_match(s)
    }
}

/// Appends `c` as a literal in regex-lite syntax.
fn push_lit(out: &mut String, c: char) {
    if "\\.+*?()|[]{}^$#&-~".contains(c) {
        out.push('\\');
        out.push(c);
    } else if c == '\n' {
        out.push_str("\\n");
    } else if c.is_whitespace() && c != ' ' {
        out.push_str(&format!("\\x{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

const CLASSES: &[&str] = &[
    "alpha", "digit", "alnum", "upper", "lower", "space", "blank", "punct", "print", "graph",
    "cntrl", "xdigit",
];

/// Translates a POSIX pattern; returns the regex-lite source and the
/// number of groups.
fn translate(p: &str, ere: bool) -> Result<(String, usize), ReError> {
    let cs: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 8);
    let mut i = 0;
    let mut groups = 0usize;
    let mut open: Vec<usize> = Vec::new();
    let mut closed: Vec<usize> = Vec::new();
    // Nothing to repeat yet (start, after a group opens, after `|`).
    let mut at_start = true;
    let mut last_quant = false;
    let syntax = |m: &str| Err(ReError::Syntax(m.into()));
    while i < cs.len() {
        let c = cs[i];
        let was_start = at_start;
        at_start = false;
        let mut quant = false;
        match c {
            '\\' => {
                let Some(&n) = cs.get(i + 1) else {
                    return syntax("Trailing backslash");
                };
                i += 1;
                match n {
                    '(' if !ere => {
                        groups += 1;
                        open.push(groups);
                        out.push('(');
                        at_start = true;
                    }
                    ')' if !ere => {
                        let Some(g) = open.pop() else {
                            return syntax("Unmatched ) or \\)");
                        };
                        closed.push(g);
                        out.push(')');
                    }
                    '|' if !ere => {
                        out.push('|');
                        at_start = true;
                    }
                    '{' if !ere => {
                        if was_start {
                            return syntax("Invalid preceding regular expression");
                        }
                        i = interval(&cs, i + 1, false, &mut out)?;
                        quant = true;
                    }
                    '}' if !ere => push_lit(&mut out, '}'),
                    '+' | '?' if !ere => {
                        if was_start {
                            push_lit(&mut out, n);
                        } else if !last_quant {
                            out.push(n);
                        }
                        quant = !was_start;
                    }
                    '1'..='9' => {
                        let g = n as usize - '0' as usize;
                        if !closed.contains(&g) {
                            return syntax("Invalid back reference");
                        }
                        return Err(ReError::Unsupported(
                            "back-references inside a pattern are not available in this sandbox"
                                .into(),
                        ));
                    }
                    'w' | 'W' | 's' | 'S' | 'b' | 'B' | '<' | '>' => {
                        out.push('\\');
                        out.push(n);
                    }
                    '`' => out.push_str("\\A"),
                    '\'' => out.push_str("\\z"),
                    'n' => out.push_str("\\n"),
                    _ => push_lit(&mut out, n),
                }
            }
            '[' => i = bracket(&cs, i, &mut out)?,
            '.' => out.push('.'),
            '*' => {
                if was_start {
                    push_lit(&mut out, '*');
                } else {
                    if !last_quant {
                        out.push('*');
                    }
                    quant = true;
                }
            }
            '^' => {
                if ere || was_start {
                    out.push('^');
                    at_start = true;
                } else {
                    push_lit(&mut out, '^');
                }
            }
            '$' => {
                let rest = &cs[i + 1..];
                let at_end = rest.is_empty()
                    || (!ere && (rest.starts_with(&['\\', ')']) || rest.starts_with(&['\\', '|'])));
                if ere || at_end {
                    out.push('$');
                } else {
                    push_lit(&mut out, '$');
                }
            }
            '(' if ere => {
                groups += 1;
                open.push(groups);
                out.push('(');
                at_start = true;
            }
            ')' if ere => match open.pop() {
                Some(g) => {
                    closed.push(g);
                    out.push(')');
                }
                None => push_lit(&mut out, ')'),
            },
            '|' if ere => {
                out.push('|');
                at_start = true;
            }
            '+' | '?' if ere => {
                if was_start {
                    push_lit(&mut out, c);
                } else {
                    if !last_quant {
                        out.push(c);
                    }
                    quant = true;
                }
            }
            '{' if ere && !was_start && valid_interval(&cs, i + 1) => {
                i = interval(&cs, i + 1, true, &mut out)?;
                quant = true;
            }
            _ => push_lit(&mut out, c),
        }
        last_quant = quant;
        i += 1;
    }
    if !open.is_empty() {
        return syntax("Unmatched ( or \\(");
    }
    Ok((out, groups))
}

/// Whether `{` at `i - 1` starts an ERE interval (`{2}`, `{2,}`, `{,3}`).
fn valid_interval(cs: &[char], mut i: usize) -> bool {
    let start = i;
    while i < cs.len() && (cs[i].is_ascii_digit() || cs[i] == ',') {
        i += 1;
    }
    i > start && cs.get(i) == Some(&'}')
}

/// Parses `m,n}` (ERE) or `m,n\}` (BRE) from `i`; returns the index of
/// the closing brace's last char.
fn interval(cs: &[char], mut i: usize, ere: bool, out: &mut String) -> Result<usize, ReError> {
    let num = |i: &mut usize| -> Option<u32> {
        let s = *i;
        while *i < cs.len() && cs[*i].is_ascii_digit() {
            *i += 1;
        }
        let t: String = cs[s..*i].iter().collect();
        if t.is_empty() {
            None
        } else {
            Some(t.parse().unwrap_or(u32::MAX))
        }
    };
    let bad = |m: &str| ReError::Syntax(m.into());
    let lo = num(&mut i);
    let hi = if cs.get(i) == Some(&',') {
        i += 1;
        num(&mut i)
    } else {
        Some(lo.unwrap_or(0))
    };
    let single = !cs[..i].ends_with(&[',']) && hi == lo;
    let close_ok = if ere {
        cs.get(i) == Some(&'}')
    } else {
        cs.get(i) == Some(&'\\') && cs.get(i + 1) == Some(&'}')
    };
    if !close_ok {
        return Err(bad(
            if i >= cs.len() || (!ere && cs.get(i) != Some(&'\\')) {
                "Unmatched \\{"
            } else {
                "Invalid content of \\{\\}"
            },
        ));
    }
    let lo = lo.unwrap_or(0);
    if hi.is_some_and(|h| h < lo) {
        return Err(bad("Invalid content of \\{\\}"));
    }
    if lo > 32767 || hi.is_some_and(|h| h > 32767) {
        return Err(bad("Regular expression too big"));
    }
    match (single, hi) {
        (true, _) => out.push_str(&format!("{{{lo}}}")),
        (false, Some(h)) => out.push_str(&format!("{{{lo},{h}}}")),
        (false, None) => out.push_str(&format!("{{{lo},}}")),
    }
    Ok(if ere { i } else { i + 1 })
}

/// Parses a bracket expression starting at `[` (index `i`); returns the
/// index of its closing `]`.
fn bracket(cs: &[char], mut i: usize, out: &mut String) -> Result<usize, ReError> {
    let unmatched = || ReError::Syntax("Unmatched [, [^, [:, [., or [=".into());
    i += 1;
    out.push('[');
    if cs.get(i) == Some(&'^') {
        out.push('^');
        i += 1;
    }
    let mut first = true;
    let mut any = false;
    loop {
        let Some(&c) = cs.get(i) else {
            return Err(unmatched());
        };
        if c == ']' && !first {
            break;
        }
        first = false;
        if c == '[' && matches!(cs.get(i + 1), Some(':' | '=' | '.')) {
            let kind = cs[i + 1];
            let start = i + 2;
            let mut j = start;
            while j + 1 < cs.len() && !(cs[j] == kind && cs[j + 1] == ']') {
                j += 1;
            }
            if j + 1 >= cs.len() {
                return Err(unmatched());
            }
            let name: String = cs[start..j].iter().collect();
            if kind == ':' {
                if !CLASSES.contains(&name.as_str()) {
                    return Err(ReError::Syntax("Invalid character class name".into()));
                }
                out.push_str(&format!("[:{name}:]"));
            } else {
                for ch in name.chars() {
                    push_class_lit(out, ch);
                }
            }
            any = true;
            i = j + 2;
            continue;
        }
        // A range `a-z` (the `-` not last).
        if cs.get(i + 1) == Some(&'-') && cs.get(i + 2).is_some_and(|&e| e != ']') {
            let e = cs[i + 2];
            if e < c {
                return Err(ReError::Syntax("Invalid range end".into()));
            }
            push_class_lit(out, c);
            out.push('-');
            push_class_lit(out, e);
            i += 3;
        } else {
            push_class_lit(out, c);
            i += 1;
        }
        any = true;
    }
    if !any {
        return Err(unmatched());
    }
    out.push(']');
    Ok(i)
}

fn push_class_lit(out: &mut String, c: char) {
    if c.is_ascii_punctuation() || c == ' ' {
        out.push('\\');
        out.push(c);
    } else if c == '\n' {
        out.push_str("\\n");
    } else if c.is_control() {
        out.push_str(&format!("\\x{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, ere: bool, s: &str) -> Option<(usize, usize)> {
        Regex::new(p, ere, false).unwrap().find(s)
    }

    #[test]
    fn basic_syntax() {
        assert_eq!(m("b*c", false, "abbc"), Some((1, 4)));
        assert_eq!(m("a+", false, "a+"), Some((0, 2)));
        assert_eq!(m("a\\+", false, "aaa"), Some((0, 3)));
        assert_eq!(m("\\(ab\\)\\{2\\}", false, "xababy"), Some((1, 5)));
        assert_eq!(m("*a", false, "*a"), Some((0, 2)));
        assert_eq!(m("a^b$c", false, "a^b$c"), Some((0, 5)));
        assert_eq!(m("^ab$", false, "ab"), Some((0, 2)));
        assert_eq!(m("a|b", false, "a|b"), Some((0, 3)));
        assert_eq!(m("a\\|b", false, "xb"), Some((1, 2)));
    }

    #[test]
    fn extended_syntax() {
        assert_eq!(m("(ab)+", true, "ababx"), Some((0, 4)));
        assert_eq!(m("a{2,3}", true, "aaaa"), Some((0, 3)));
        assert_eq!(m("a{", true, "a{"), Some((0, 2)));
        assert_eq!(m("cat|dog", true, "hotdog"), Some((3, 6)));
        assert_eq!(m("x?y", true, "y"), Some((0, 1)));
    }

    #[test]
    fn brackets() {
        assert_eq!(m("[[:digit:]]+", true, "ab12c"), Some((2, 4)));
        assert_eq!(m("[]a]", false, "x]"), Some((1, 2)));
        assert_eq!(m("[^a-c]", false, "abcd"), Some((3, 4)));
        assert_eq!(m("[\\.]", false, "a\\"), Some((1, 2)));
        assert_eq!(m("[a-]", false, "-"), Some((0, 1)));
        assert_eq!(m("[&~]", false, "~"), Some((0, 1)));
    }

    #[test]
    fn errors() {
        let e = |p: &str, ere| Regex::new(p, ere, false).unwrap_err().to_string();
        assert_eq!(e("[a", false), "Unmatched [, [^, [:, [., or [=");
        assert_eq!(e("\\(a", false), "Unmatched ( or \\(");
        assert_eq!(e("a\\)", false), "Unmatched ) or \\)");
        assert_eq!(e("a\\{2", false), "Unmatched \\{");
        assert_eq!(e("[[:foo:]]", false), "Invalid character class name");
        assert_eq!(e("a\\", false), "Trailing backslash");
        assert_eq!(e("\\1", false), "Invalid back reference");
        assert!(matches!(
            Regex::new("\\(a\\)\\1", false, false),
            Err(ReError::Unsupported(_))
        ));
    }

    #[test]
    fn captures_and_case() {
        let r = Regex::new("\\(b\\)\\(c\\)", false, false).unwrap();
        let c = r.captures_at("abcd", 0).unwrap();
        assert_eq!(c, vec![Some((1, 3)), Some((1, 2)), Some((2, 3))]);
        assert!(Regex::new("HELLO", false, true).unwrap().is_match("hello"));
        assert!(Regex::literal("a.b", false).is_match("a.b"));
        assert!(!Regex::literal("a.b", false).is_match("axb"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let p = format!("{}a{}", "(".repeat(5000), ")".repeat(5000));
        assert_eq!(
            Regex::new(&p, true, false).unwrap_err().to_string(),
            "Regular expression too big"
        );
    }
}
