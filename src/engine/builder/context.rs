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

fn match_parts(pat: &[String], parts: &[&str]) -> bool {
    match pat.first() {
        None => parts.is_empty(),
        Some(p) if p == "**" => (0..=parts.len()).any(|i| match_parts(&pat[1..], &parts[i..])),
        Some(p) => match parts.first() {
            Some(s) => glob(p, s) && match_parts(&pat[1..], &parts[1..]),
            None => false,
        },
    }
}

/// `filepath.Match` on one path segment: `*`, `?`, `[a-z]`, `[^…]`, `\`.
pub fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    glob_at(&p, &n)
}

fn glob_at(p: &[char], n: &[char]) -> bool {
    match p.first() {
        None => n.is_empty(),
        Some('*') => (0..=n.len()).any(|i| glob_at(&p[1..], &n[i..])),
        Some('?') => !n.is_empty() && glob_at(&p[1..], &n[1..]),
        Some('[') => {
            let Some(c) = n.first() else { return false };
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
                    let hi = p[i + 2];
                    if lo <= *c && *c <= hi {
                        ok = true;
                    }
                    i += 3;
                } else {
                    if lo == *c {
                        ok = true;
                    }
                    i += 1;
                }
            }
            if i >= p.len() {
                return false;
            }
            ok != negate && glob_at(&p[i + 1..], &n[1..])
        }
        Some('\\') if p.len() > 1 => n.first() == Some(&p[1]) && glob_at(&p[2..], &n[1..]),
        Some(c) => n.first() == Some(c) && glob_at(&p[1..], &n[1..]),
    }
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
}
