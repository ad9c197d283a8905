//! Shell patterns (`*`, `?`, `[…]`, backslash escapes): matching for `case`,
//! `find -name`, `${X#pat}`, and pathname expansion over a [`Sys`] filesystem.

use crate::engine::fs::path;
use crate::userland::Sys;

/// Escapes pattern characters so `s` matches only itself.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// Removes pattern escapes.
pub fn unescape(s: &str) -> String {
    let mut o = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            if let Some(n) = it.next() {
                o.push(n);
            }
        } else {
            o.push(c);
        }
    }
    o
}

/// Whether the pattern has unescaped wildcards.
pub fn has_magic(p: &str) -> bool {
    let mut it = p.chars();
    while let Some(c) = it.next() {
        match c {
            '\\' => {
                it.next();
            }
            '*' | '?' | '[' => return true,
            _ => {}
        }
    }
    false
}

/// Whether `name` matches shell pattern `pat`. Linear in practice and
/// O(len(pat) × len(name)) at worst: a `*` only ever resumes from the
/// last star (the classic greedy algorithm), never by nested backtracking.
pub fn matches(pat: &str, name: &str) -> bool {
    let p: Vec<char> = pat.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut i, mut j) = (0, 0);
    // the pattern index after the last `*` and the name index it covers up to
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && p[i] == '*' {
            while i < p.len() && p[i] == '*' {
                i += 1;
            }
            star = Some((i, j));
            continue;
        }
        if i < p.len() {
            if let Some(next) = single(&p, i, n[j]) {
                i = next;
                j += 1;
                continue;
            }
        }
        match star {
            Some((si, sj)) => {
                // let the last star swallow one more character
                i = si;
                j = sj + 1;
                star = Some((si, sj + 1));
            }
            None => return false,
        }
    }
    while i < p.len() && p[i] == '*' {
        i += 1;
    }
    i == p.len()
}

/// Matches one pattern element at `p[i]` (not `*`) against `c`: the index
/// after the element, or `None`.
fn single(p: &[char], i: usize, c: char) -> Option<usize> {
    match p[i] {
        '?' => Some(i + 1),
        '[' => match class(p, i, c) {
            Some((true, next)) => Some(next),
            Some((false, _)) => None,
            None => (c == '[').then_some(i + 1),
        },
        '\\' if i + 1 < p.len() => (c == p[i + 1]).then_some(i + 2),
        x => (c == x).then_some(i + 1),
    }
}

/// Matches a bracket expression at `p[i] == '['`; returns (matched, index after `]`).
fn class(p: &[char], i: usize, c: char) -> Option<(bool, usize)> {
    let mut k = i + 1;
    let negate = matches!(p.get(k), Some('!') | Some('^'));
    if negate {
        k += 1;
    }
    let mut ok = false;
    let mut first = true;
    while k < p.len() {
        if p[k] == ']' && !first {
            return Some((ok != negate, k + 1));
        }
        first = false;
        if p[k] == '[' && p.get(k + 1) == Some(&':') {
            if let Some(end) =
                (k + 2..p.len().saturating_sub(1)).find(|&e| p[e] == ':' && p[e + 1] == ']')
            {
                let name: String = p[k + 2..end].iter().collect();
                ok |= match name.as_str() {
                    "alpha" => c.is_alphabetic(),
                    "digit" => c.is_ascii_digit(),
                    "alnum" => c.is_alphanumeric(),
                    "upper" => c.is_uppercase(),
                    "lower" => c.is_lowercase(),
                    "space" => c.is_whitespace(),
                    "punct" => c.is_ascii_punctuation(),
                    "xdigit" => c.is_ascii_hexdigit(),
                    _ => false,
                };
                k = end + 2;
                continue;
            }
        }
        let lo = if p[k] == '\\' && k + 1 < p.len() {
            k += 1;
            p[k]
        } else {
            p[k]
        };
        if p.get(k + 1) == Some(&'-') && p.get(k + 2).is_some_and(|&h| h != ']') {
            let hi = p[k + 2];
            if lo <= c && c <= hi {
                ok = true;
            }
            k += 3;
        } else {
            if lo == c {
                ok = true;
            }
            k += 1;
        }
    }
    None
}

/// Pathname expansion of `pat` relative to `cwd`: sorted matches, as the
/// shell would pass them (relative patterns give relative paths).
pub fn expand(sys: &mut dyn Sys, cwd: &str, pat: &str) -> Vec<String> {
    let absolute = pat.starts_with('/');
    let comps: Vec<&str> = pat.split('/').filter(|c| !c.is_empty()).collect();
    // (display path, absolute path)
    let mut cur: Vec<(String, String)> = vec![(
        if absolute { "/".into() } else { String::new() },
        if absolute {
            "/".into()
        } else {
            cwd.to_string()
        },
    )];
    for (ci, comp) in comps.iter().enumerate() {
        let last = ci + 1 == comps.len();
        let mut next = Vec::new();
        for (disp, abs) in &cur {
            let join_disp = |name: &str| {
                if disp.is_empty() {
                    name.to_string()
                } else if disp.ends_with('/') {
                    format!("{disp}{name}")
                } else {
                    format!("{disp}/{name}")
                }
            };
            if !has_magic(comp) {
                let name = unescape(comp);
                let a = path::join(abs, &name);
                let (fs, inner) = sys.fs_for_ref(&a);
                if last {
                    if fs
                        .resolve(&inner, false)
                        .ok()
                        .and_then(|r| fs.lookup(&r))
                        .is_some()
                    {
                        next.push((join_disp(&name), a));
                    }
                } else if fs.stat(&inner).is_ok_and(|e| e.is_dir()) {
                    next.push((join_disp(&name), a));
                }
                continue;
            }
            let (fs, inner) = sys.fs_for_ref(abs);
            let Ok(entries) = fs.read_dir(&inner) else {
                continue;
            };
            for e in entries {
                if e.name.starts_with('.') && !comp.starts_with('.') && !comp.starts_with("\\.") {
                    continue;
                }
                if matches(comp, &e.name) {
                    let a = path::child(abs, &e.name);
                    if !last
                        && !fs
                            .stat(&path::child(&inner, &e.name))
                            .is_ok_and(|x| x.is_dir())
                    {
                        continue;
                    }
                    next.push((join_disp(&e.name), a));
                }
            }
        }
        cur = next;
        if cur.is_empty() {
            break;
        }
    }
    let mut v: Vec<String> = cur.into_iter().map(|(d, _)| d).collect();
    if pat.ends_with('/') {
        for x in &mut v {
            x.push('/');
        }
    }
    v.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(matches("*.txt", "a.txt"));
        assert!(!matches("*.txt", "a.txd"));
        assert!(matches("[a-c]?", "bz"));
        assert!(matches("[!a]*", "bz"));
        assert!(matches("\\*", "*"));
        assert!(!matches("\\*", "x"));
        assert!(matches("y|n", "y|n"));
        assert!(matches("a*b*c", "axxbyyc"));
        assert!(!matches("a*b*c", "axxbyy"));
        assert!(matches("*", ""));
        assert!(matches("**a", "ba"));
        assert!(!matches("?", ""));
    }

    #[test]
    fn many_stars_stay_fast_and_exact() {
        let name = "a".repeat(10_000);
        let pat = format!("{}b", "a*".repeat(50));
        // exponential backtracking would not finish these
        assert!(!matches(&pat, &name));
        assert!(matches(&format!("{}a", "*a".repeat(50)), &name));
        // no step cap: a long but matching name is not refused
        assert!(matches("*x*y*z", &format!("{}x{}y{}z", name, name, name)));
    }
}
