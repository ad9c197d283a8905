//! The build context: the files of a host directory as the client sends
//! them (`.dockerignore` honoured), their tar size for `Sending build
//! context to Docker daemon`, and Docker's `.dockerignore` pattern matching
//! (`moby/patternmatcher`: `*`, `?`, `[…]`, `**`, `!` exceptions, parent
//! directories matching).

use crate::engine::fs::{path, Entry, UnionFs};
use std::collections::BTreeMap;

/// The context as the daemon receives it: paths relative to the context
/// root (`app.py`, `src/main.rs`), directories included.
#[derive(Clone, Debug, Default)]
pub struct BuildContext {
    pub files: BTreeMap<String, Entry>,
    /// `.dockerignore` patterns (applied again by COPY for the Dockerfile
    /// and `.dockerignore` themselves).
    pub ignore: Vec<Pattern>,
}

impl BuildContext {
    /// Reads `dir` from a host filesystem, skipping what `.dockerignore`
    /// excludes (the Dockerfile at `dockerfile_rel` and `.dockerignore`
    /// are always sent).
    pub fn from_host(fs: &UnionFs, dir: &str, dockerfile_rel: &str) -> BuildContext {
        let ignore = fs
            .read_text(&path::child(dir, ".dockerignore"))
            .map(|t| parse_dockerignore(&t))
            .unwrap_or_default();
        let mut files = BTreeMap::new();
        let items = fs.walk(dir).unwrap_or_default();
        let prefix = if dir == "/" {
            "/".to_string()
        } else {
            format!("{dir}/")
        };
        for (p, e) in items {
            let Some(rel) = p.strip_prefix(&prefix) else {
                continue;
            };
            if rel.is_empty() {
                continue;
            }
            let keep = rel == dockerfile_rel || rel == ".dockerignore" || !excluded(&ignore, rel);
            if keep {
                files.insert(rel.to_string(), e);
            }
        }
        // a kept file under an excluded directory keeps its parents
        let parents: Vec<String> = files
            .keys()
            .flat_map(|k| {
                path::ancestors(&format!("/{k}"))
                    .map(|a| a[1..].to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        for a in parents {
            if let Some(e) = fs.lookup(&path::child(dir, &a)) {
                files.entry(a).or_insert_with(|| e.clone());
            }
        }
        BuildContext { files, ignore }
    }

    /// Bytes of the tar stream the client sends: a 512-byte header per
    /// entry, contents padded to 512, and the 1024-byte end marker.
    pub fn tar_size(&self) -> u64 {
        let body: u64 = self
            .files
            .values()
            .map(|e| {
                512 + e.size().div_ceil(512) * 512 * u64::from(matches!(e, Entry::File { .. }))
            })
            .sum();
        body + 1024
    }

    /// Whether `rel` is excluded for COPY/ADD (the Dockerfile and
    /// `.dockerignore` are removed when they match).
    pub fn is_ignored(&self, rel: &str) -> bool {
        excluded(&self.ignore, rel)
    }
}

/// One `.dockerignore` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pub parts: Vec<String>,
    pub exclusion: bool,
}

/// Reads `.dockerignore`: comments (`#`), blank lines, `!` exceptions,
/// paths cleaned and made relative.
pub fn parse_dockerignore(text: &str) -> Vec<Pattern> {
    let mut v = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut l = line.trim();
        if l.is_empty() {
            continue;
        }
        let mut exclusion = false;
        if let Some(r) = l.strip_prefix('!') {
            exclusion = true;
            l = r.trim();
        }
        let clean = path::normalize(&format!("/{l}"));
        let clean = clean.trim_start_matches('/');
        if clean.is_empty() {
            continue;
        }
        v.push(Pattern {
            parts: clean.split('/').map(str::to_string).collect(),
            exclusion,
        });
    }
    v
}

/// `MatchesOrParentMatches`: the last pattern matching `rel` or one of its
/// parent directories decides.
pub fn excluded(patterns: &[Pattern], rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    let mut matched = false;
    for p in patterns {
        let hit = (1..=parts.len()).any(|n| match_parts(&p.parts, &parts[..n]));
        if hit {
            matched = !p.exclusion;
        }
    }
    matched
}

/// Whether the segments `parts` match the pattern's segments, where a
/// `**` segment matches any number of segments. Iterative with one
/// backtracking point (the last `**`), so linear in practice and never
/// exponential however many `**` a pattern has.
fn match_parts(pat: &[String], parts: &[&str]) -> bool {
    let (mut p, mut s) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while s < parts.len() {
        if p < pat.len() && pat[p] == "**" {
            star = Some((p, s));
            p += 1;
        } else if p < pat.len() && glob(&pat[p], parts[s]) {
            p += 1;
            s += 1;
        } else if let Some((sp, ss)) = star {
            p = sp + 1;
            s = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    while p < pat.len() && pat[p] == "**" {
        p += 1;
    }
    p == pat.len()
}

/// `filepath.Match` on one path segment: `*`, `?`, `[a-z]`, `[^…]`, `\`.
pub fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    glob_at(&p, &n)
}

/// One pattern element and its length in the pattern.
fn element_matches(p: &[char], c: char) -> Option<(bool, usize)> {
    match p.first()? {
        '?' => Some((true, 1)),
        '[' => {
            let mut i = 1;
            let negate = matches!(p.get(1), Some('^') | Some('!'));
            if negate {
                i += 1;
            }
            let mut ok = false;
            let mut first = true;
            while i < p.len() && (p[i] != ']' || first) {
                first = false;
                let lo = p[i];
                if p.get(i + 1) == Some(&'-') && p.get(i + 2).is_some_and(|c| *c != ']') {
                    if lo <= c && c <= p[i + 2] {
                        ok = true;
                    }
                    i += 3;
                } else {
                    if lo == c {
                        ok = true;
                    }
                    i += 1;
                }
            }
            if i >= p.len() {
                // an unclosed class matches nothing
                return Some((false, p.len()));
            }
            Some((ok != negate, i + 1))
        }
        '\\' if p.len() > 1 => Some((p[1] == c, 2)),
        &x => Some((x == c, 1)),
    }
}

/// The wildcard match with one backtracking point (the last `*`): O(n·m)
/// at worst, never exponential in the number of `*`.
fn glob_at(p: &[char], n: &[char]) -> bool {
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ni));
            pi += 1;
            continue;
        }
        if let Some((true, len)) = element_matches(&p[pi..], n[ni]) {
            pi += len;
            ni += 1;
            continue;
        }
        match star {
            Some((sp, sn)) => {
                pi = sp + 1;
                ni = sn + 1;
                star = Some((sp, sn + 1));
            }
            None => return false,
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Whether a path segment has glob metacharacters.
pub fn has_meta(s: &str) -> bool {
    s.contains(['*', '?', '[', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_sizes_print_as_human_size() {
        use crate::engine::units::human_size;
        assert_eq!(human_size(2048.0), "2.048kB");
        assert_eq!(human_size(1000.0), "1kB");
        assert_eq!(human_size(10072.0), "10.07kB");
        assert_eq!(human_size(999.0), "999B");
        assert_eq!(human_size(5577698.0), "5.578MB");
    }

    #[test]
    fn dockerignore() {
        let p = parse_dockerignore("# c\n*.md\n!README.md\ntemp?\n**/*.pyc\n/build\n");
        assert!(excluded(&p, "notes.md"));
        assert!(!excluded(&p, "README.md"));
        assert!(excluded(&p, "temp1"));
        assert!(excluded(&p, "a/b/c.pyc"));
        assert!(excluded(&p, "build/out.o"));
        assert!(!excluded(&p, "src/build"));
        assert!(glob("[a-c]x", "bx"));
        assert!(!glob("[^a-c]x", "bx"));
    }

    #[test]
    fn globs_match_in_linear_time_however_many_stars() {
        assert!(glob("a*b*c", "axxbyyc"));
        assert!(!glob("a*b*c", "axxbyy"));
        assert!(glob("*.[ch]", "x.c") && !glob("*.[ch]", "x.o"));
        assert!(glob("\\*", "*") && !glob("\\*", "x"));
        let many = format!("{}a{}b", "*".repeat(60), "*".repeat(60));
        let t = std::time::Instant::now();
        assert!(!glob(&many, &"x".repeat(200)));
        assert!(glob(
            &many,
            &format!("{}a{}b", "x".repeat(100), "y".repeat(100))
        ));
        let ps = parse_dockerignore(&format!("{}\n", ["**"; 40].join("/") + "/x"));
        assert!(excluded(&ps, "a/b/c/x"));
        assert!(!excluded(&ps, &["d"; 60].join("/")));
        assert!(t.elapsed() < std::time::Duration::from_secs(1));
    }
}
