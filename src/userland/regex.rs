//! A small backtracking regular-expression engine for `grep` and `sed`:
//! POSIX basic (BRE) and extended (ERE) syntax — literals, `.`, bracket
//! expressions, anchors, `*` `+` `?` `{n,m}`, groups and alternation.
//! Bounded in steps so a pathological pattern cannot hang the page.

#[derive(Clone, Debug)]
enum Node {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
    Start,
    End,
    Group(Vec<Vec<Node>>),
    Repeat(Box<Node>, u32, Option<u32>),
    WordBoundary,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    alts: Vec<Vec<Node>>,
    icase: bool,
}

impl Regex {
    /// Compiles `pat`; `extended` selects ERE syntax.
    pub fn new(pat: &str, extended: bool, icase: bool) -> Result<Regex, String> {
        let src = if extended {
            pat.to_string()
        } else {
            bre_to_ere(pat)
        };
        let cs: Vec<char> = src.chars().collect();
        let mut i = 0;
        let alts = parse_alts(&cs, &mut i, 0)?;
        if i < cs.len() {
            return Err("Unmatched ) or \\)".into());
        }
        Ok(Regex { alts, icase })
    }

    /// The first match in `s` as a byte range.
    pub fn find(&self, s: &str) -> Option<(usize, usize)> {
        self.find_from(s, 0)
    }

    /// The first match starting at or after char index `from`.
    pub fn find_from(&self, s: &str, from: usize) -> Option<(usize, usize)> {
        let cs: Vec<char> = if self.icase {
            s.chars().flat_map(char::to_lowercase).collect()
        } else {
            s.chars().collect()
        };
        let offsets: Vec<usize> = s
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(s.len()))
            .collect();
        let mut budget = 200_000u32;
        for start in from..=cs.len() {
            for alt in &self.alts {
                if let Some(end) = self.m(alt, 0, &cs, start, &mut budget) {
                    let a = offsets.get(start).copied().unwrap_or(s.len());
                    let b = offsets.get(end).copied().unwrap_or(s.len());
                    return Some((a, b));
                }
            }
            if budget == 0 {
                return None;
            }
        }
        None
    }

    pub fn is_match(&self, s: &str) -> bool {
        self.find(s).is_some()
    }

    fn m(&self, seq: &[Node], k: usize, s: &[char], i: usize, b: &mut u32) -> Option<usize> {
        if *b == 0 {
            return None;
        }
        *b -= 1;
        let Some(node) = seq.get(k) else {
            return Some(i);
        };
        match node {
            Node::Repeat(inner, min, max) => {
                // greedy: collect successive end positions
                let mut ends = vec![i];
                let mut cur = i;
                let mut count = 0;
                while max.is_none_or(|m| count < m) {
                    match self.one(inner, s, cur, b) {
                        Some(n) if n != cur => {
                            cur = n;
                            count += 1;
                            ends.push(cur);
                        }
                        Some(n) => {
                            // empty match: stop repeating
                            let _ = n;
                            count += 1;
                            break;
                        }
                        None => break,
                    }
                }
                for (c, &e) in ends.iter().enumerate().rev() {
                    if (c as u32) < *min && count < *min {
                        continue;
                    }
                    if (c as u32) < *min {
                        continue;
                    }
                    if let Some(r) = self.m(seq, k + 1, s, e, b) {
                        return Some(r);
                    }
                }
                None
            }
            Node::Group(alts) => {
                for alt in alts {
                    let mut joined: Vec<Node> = alt.clone();
                    joined.extend_from_slice(&seq[k + 1..]);
                    if let Some(r) = self.m(&joined, 0, s, i, b) {
                        return Some(r);
                    }
                }
                None
            }
            n => {
                let next = self.one(n, s, i, b)?;
                self.m(seq, k + 1, s, next, b)
            }
        }
    }

    fn one(&self, n: &Node, s: &[char], i: usize, b: &mut u32) -> Option<usize> {
        match n {
            Node::Char(c) => {
                let c = if self.icase {
                    c.to_lowercase().next().unwrap_or(*c)
                } else {
                    *c
                };
                (s.get(i) == Some(&c)).then_some(i + 1)
            }
            Node::Any => (i < s.len() && s[i] != '\n').then_some(i + 1),
            Node::Class(ranges, neg) => {
                let c = *s.get(i)?;
                let hit = ranges.iter().any(|(lo, hi)| {
                    (*lo <= c && c <= *hi)
                        || (self.icase && {
                            let u = c.to_uppercase().next().unwrap_or(c);
                            *lo <= u && u <= *hi
                        })
                });
                (hit != *neg).then_some(i + 1)
            }
            Node::Start => (i == 0).then_some(i),
            Node::End => (i == s.len()).then_some(i),
            Node::WordBoundary => {
                let w = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
                let before = if i == 0 { false } else { w(s.get(i - 1)) };
                (before != w(s.get(i))).then_some(i)
            }
            Node::Group(alts) => {
                for alt in alts {
                    if let Some(r) = self.m(alt, 0, s, i, b) {
                        return Some(r);
                    }
                }
                None
            }
            Node::Repeat(..) => self.m(std::slice::from_ref(n), 0, s, i, b),
        }
    }
}

fn bre_to_ere(p: &str) -> String {
    let mut o = String::new();
    let cs: Vec<char> = p.chars().collect();
    let mut i = 0;
    let mut in_class = false;
    while i < cs.len() {
        let c = cs[i];
        if in_class {
            o.push(c);
            if c == ']' {
                in_class = false;
            }
            i += 1;
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                o.push(c);
                if cs.get(i + 1) == Some(&'^') {
                    o.push('^');
                    i += 1;
                }
                if cs.get(i + 1) == Some(&']') {
                    o.push(']');
                    i += 1;
                }
            }
            '\\' => {
                match cs.get(i + 1) {
                    Some(n @ ('(' | ')' | '|' | '+' | '?' | '{' | '}')) => o.push(*n),
                    Some(n) => {
                        o.push('\\');
                        o.push(*n);
                    }
                    None => o.push('\\'),
                }
                i += 1;
            }
            '(' | ')' | '|' | '+' | '?' | '{' | '}' => {
                o.push('\\');
                o.push(c);
            }
            '*' if o.is_empty() || o.ends_with('^') => o.push_str("\\*"),
            _ => o.push(c),
        }
        i += 1;
    }
    o
}

fn parse_alts(cs: &[char], i: &mut usize, depth: u32) -> Result<Vec<Vec<Node>>, String> {
    let mut alts = vec![Vec::new()];
    while *i < cs.len() {
        let c = cs[*i];
        match c {
            '|' => {
                *i += 1;
                alts.push(Vec::new());
                continue;
            }
            ')' if depth > 0 => return Ok(alts),
            _ => {}
        }
        let seq = alts.last_mut().ok_or("internal")?;
        let atom = match c {
            '(' => {
                *i += 1;
                let inner = parse_alts(cs, i, depth + 1)?;
                if cs.get(*i) != Some(&')') {
                    return Err("Unmatched ( or \\(".into());
                }
                *i += 1;
                Node::Group(inner)
            }
            '.' => {
                *i += 1;
                Node::Any
            }
            '^' => {
                *i += 1;
                Node::Start
            }
            '$' => {
                *i += 1;
                Node::End
            }
            '[' => parse_class(cs, i)?,
            '\\' => {
                *i += 1;
                let n = *cs.get(*i).ok_or("Trailing backslash")?;
                *i += 1;
                match n {
                    'w' => Node::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false),
                    'W' => Node::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], true),
                    'd' => Node::Class(vec![('0', '9')], false),
                    's' => Node::Class(
                        vec![(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')],
                        false,
                    ),
                    'S' => Node::Class(
                        vec![(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')],
                        true,
                    ),
                    'b' | '<' | '>' => Node::WordBoundary,
                    'n' => Node::Char('\n'),
                    't' => Node::Char('\t'),
                    c => Node::Char(c),
                }
            }
            '*' | '+' | '?' if seq.is_empty() => {
                *i += 1;
                Node::Char(c)
            }
            '*' | '+' | '?' | '{' => {
                let (min, max) = match c {
                    '*' => {
                        *i += 1;
                        (0, None)
                    }
                    '+' => {
                        *i += 1;
                        (1, None)
                    }
                    '?' => {
                        *i += 1;
                        (0, Some(1))
                    }
                    _ => {
                        let start = *i;
                        let end = (start..cs.len()).find(|&k| cs[k] == '}');
                        match end {
                            Some(e) => {
                                let body: String = cs[start + 1..e].iter().collect();
                                *i = e + 1;
                                let (a, b) = match body.split_once(',') {
                                    Some((a, b)) => (
                                        a.trim().parse().unwrap_or(0),
                                        if b.trim().is_empty() {
                                            None
                                        } else {
                                            Some(b.trim().parse().unwrap_or(0))
                                        },
                                    ),
                                    None => {
                                        let n = body
                                            .trim()
                                            .parse()
                                            .map_err(|_| "Invalid content of \\{\\}")?;
                                        (n, Some(n))
                                    }
                                };
                                (a, b)
                            }
                            None => {
                                *i += 1;
                                seq.push(Node::Char('{'));
                                continue;
                            }
                        }
                    }
                };
                let prev = seq.pop().ok_or("Invalid preceding regular expression")?;
                seq.push(Node::Repeat(Box::new(prev), min, max));
                continue;
            }
            c => {
                *i += 1;
                Node::Char(c)
            }
        };
        seq.push(atom);
    }
    if depth > 0 {
        return Err("Unmatched ( or \\(".into());
    }
    Ok(alts)
}

fn parse_class(cs: &[char], i: &mut usize) -> Result<Node, String> {
    *i += 1;
    let neg = cs.get(*i) == Some(&'^');
    if neg {
        *i += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let Some(&c) = cs.get(*i) else {
            return Err("Unmatched [, [^, [:, [., or [=".into());
        };
        if c == ']' && !first {
            *i += 1;
            break;
        }
        first = false;
        if c == '[' && cs.get(*i + 1) == Some(&':') {
            let end = (*i + 2..cs.len()).find(|&k| cs[k] == ']');
            if let Some(e) = end {
                let name: String = cs[*i + 2..e.saturating_sub(1)].iter().collect();
                match name.as_str() {
                    "alpha" => ranges.extend([('a', 'z'), ('A', 'Z')]),
                    "digit" => ranges.push(('0', '9')),
                    "alnum" => ranges.extend([('a', 'z'), ('A', 'Z'), ('0', '9')]),
                    "upper" => ranges.push(('A', 'Z')),
                    "lower" => ranges.push(('a', 'z')),
                    "space" => ranges.extend([(' ', ' '), ('\t', '\r')]),
                    "xdigit" => ranges.extend([('0', '9'), ('a', 'f'), ('A', 'F')]),
                    "punct" => ranges.extend([('!', '/'), (':', '@'), ('[', '`'), ('{', '~')]),
                    _ => {}
                }
                *i = e + 1;
                continue;
            }
        }
        if cs.get(*i + 1) == Some(&'-') && cs.get(*i + 2).is_some_and(|&h| h != ']') {
            ranges.push((c, cs[*i + 2]));
            *i += 3;
        } else {
            ranges.push((c, c));
            *i += 1;
        }
    }
    Ok(Node::Class(ranges, neg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        let r = Regex::new("a.c", false, false).unwrap();
        assert!(r.is_match("xxabcxx"));
        let r = Regex::new("^(foo|bar)+$", true, false).unwrap();
        assert!(r.is_match("foobar"));
        assert!(!r.is_match("foobaz"));
        let r = Regex::new("hel*o", false, true).unwrap();
        assert_eq!(r.find("say HELLO"), Some((4, 9)));
        let r = Regex::new("[0-9]\\{2\\}", false, false).unwrap();
        assert!(r.is_match("a12"));
        assert!(!r.is_match("a1b"));
    }
}
