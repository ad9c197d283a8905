//! Checks: the small language lesson files use to say what a step needs to
//! find in the engine's state. One predicate per line, all of which must
//! hold; `any`, `all` and `not` combine the more-indented lines below them,
//! and `not PREDICATE …` negates one line. A predicate is a name from
//! [`VOCABULARY`], positional arguments and `key=value` options; values may
//! be double-quoted.
//!
//! ```text
//! image_exists hzz/myubuntu:1.1
//! image_top_layer_contains hzz/myubuntu:1.1 /usr/bin/vim
//! any
//!   container_exists image=ubuntu status=paused
//!   not container_exists image=ubuntu
//! ```

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A parsed check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Check {
    All(Vec<Check>),
    Any(Vec<Check>),
    Not(Box<Check>),
    Pred(Predicate),
}

/// One predicate line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Predicate {
    pub name: String,
    pub args: Vec<String>,
    pub opts: BTreeMap<String, String>,
}

impl Predicate {
    pub fn arg(&self, i: usize) -> Option<&str> {
        self.args.get(i).map(String::as_str)
    }
    pub fn opt(&self, k: &str) -> Option<&str> {
        self.opts.get(k).map(String::as_str)
    }
}

/// The signature of a predicate in the vocabulary.
#[derive(Clone, Copy, Debug)]
pub struct Signature {
    pub name: &'static str,
    /// Positional arguments, as documented (`REF PATH`).
    pub args: &'static [&'static str],
    /// How many of `args` are required (the rest are optional).
    pub required: usize,
    /// Allowed `key=` options.
    pub opts: &'static [&'static str],
    /// One-line description (English) for `lessons/README.md` and errors.
    pub doc: &'static str,
}

/// Options that select containers.
const SEL: &[&str] = &["host", "name", "image", "status"];

/// Every predicate a check may use.
pub const VOCABULARY: &[Signature] = &[
    // images
    sig("image_exists", &["REF"], 1, &["host"], "a local image with this reference or ID exists"),
    sig("image_has_file", &["REF", "PATH"], 2, &["host"], "PATH exists in the image's union of layers"),
    sig("image_file_contains", &["REF", "PATH", "TEXT"], 3, &["host"], "the image's file PATH contains TEXT"),
    sig("image_top_layer_contains", &["REF", "PATH"], 2, &["host"], "the image's top layer holds PATH (a file it added or changed)"),
    sig("image_layer_count", &["REF"], 1, &["host", "min", "max"], "the image has between min and max layers"),
    sig("image_layers_shared", &["REF_A", "REF_B"], 2, &["host", "min"], "the two images share at least min (default 1) layers"),
    sig("image_size", &["REF"], 1, &["host", "min", "max"], "the image's size (sum of its layers) is within min..max (e.g. max=200MB)"),
    sig("image_smaller_than", &["REF_A", "REF_B"], 2, &["host"], "image A is smaller than image B"),
    sig("image_history_has", &["REF", "TEXT"], 2, &["host"], "a history entry's CREATED BY or COMMENT contains TEXT"),
    sig("image_author", &["REF", "TEXT"], 2, &["host"], "the image's author is TEXT"),
    sig("image_config", &["REF"], 1, &["host", "cmd", "entrypoint", "workdir", "env", "expose", "user"], "the image config has these values (cmd/entrypoint contain, workdir/user equal, env has an entry, expose has a port)"),
    sig("image_count", &[], 0, &["host", "min", "max"], "the number of local images is within min..max"),
    // containers
    sig("container_exists", &[], 0, SEL, "a container matching name=/image=/status= exists"),
    sig("container_count", &[], 0, &["host", "name", "image", "status", "min", "max"], "the number of matching containers is within min (default 1)..max"),
    sig("container_has_file", &["PATH"], 1, SEL, "PATH exists in a matching container's filesystem"),
    sig("container_file_contains", &["PATH", "TEXT"], 2, SEL, "a matching container's file PATH contains TEXT"),
    sig("container_diff_has", &["KIND", "PATH"], 2, SEL, "`docker diff` of a matching container lists KIND (A, C or D) PATH"),
    sig("container_logs_contain", &["TEXT"], 1, SEL, "a matching container's logs contain TEXT"),
    sig("container_limits", &[], 0, &["host", "name", "image", "status", "cpus", "memory"], "a matching container runs with these --cpus / --memory limits"),
    sig("container_config", &[], 0, &["host", "name", "image", "status", "tty", "interactive", "restart", "cmd"], "a matching container was created so: tty / interactive (-t / -i) true|false, restart policy (no, always, …), cmd (the command) contains the text"),
    sig("container_network", &["NETWORK"], 1, SEL, "a matching container is connected to NETWORK"),
    sig("port_published", &["HOST_PORT", "CONTAINER_PORT"], 1, SEL, "a matching container publishes HOST_PORT (to CONTAINER_PORT)"),
    // daemon
    sig("network_exists", &["NAME"], 1, &["host"], "a network with this name exists"),
    sig("volume_exists", &["NAME"], 1, &["host"], "a volume with this name exists"),
    sig("api_called", &["METHOD", "PATH"], 2, &["host"], "since the step began, the daemon received METHOD PATH (* matches any characters; a query in PATH, ?all=1, must be among the request's parameters)"),
    sig("insecure_registry", &["HOST_PORT"], 1, &["host"], "the running daemon trusts HOST_PORT over plain HTTP"),
    sig("logged_in", &["REGISTRY"], 1, &["host"], "the client holds credentials for REGISTRY (docker.io for Docker Hub)"),
    sig("last_build", &[], 0, &["host", "status", "cached", "rebuilt", "tag"], "the last `docker build` ended with status ok|failed, with steps cached / rebuilt (ranges like 1-3,5), tagging tag"),
    // registries
    sig("registry_has", &["REGISTRY", "REPO", "TAG"], 2, &[], "the registry (docker.io, a cloud host, or HOST:PORT) holds REPO (with TAG)"),
    // the host machine
    sig("host_exists", &["NAME"], 1, &[], "the sandbox has a machine called NAME"),
    sig("file_exists", &["PATH"], 1, &["host"], "PATH exists on the host machine"),
    sig("file_contains", &["PATH", "TEXT"], 2, &["host"], "the host's file PATH contains TEXT"),
    sig("file_is_json", &["PATH"], 1, &["host"], "the host's file PATH parses as JSON (daemon.json, config.json)"),
];

const fn sig(
    name: &'static str,
    args: &'static [&'static str],
    required: usize,
    opts: &'static [&'static str],
    doc: &'static str,
) -> Signature {
    Signature {
        name,
        args,
        required,
        opts,
        doc,
    }
}

/// The signature of a predicate name.
pub fn signature(name: &str) -> Option<&'static Signature> {
    VOCABULARY.iter().find(|s| s.name == name)
}

/// A problem in a check block, with its line offset inside the block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckError {
    pub line: usize,
    pub message: String,
}

/// Parses a check block. Lines are numbered from 0 in the errors.
pub fn parse(block: &str) -> Result<Check, Vec<CheckError>> {
    let mut lines = Vec::new();
    for (i, raw) in block.lines().enumerate() {
        let t = raw.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let indent = raw.len() - raw.trim_start().len();
        lines.push((i, indent, t));
    }
    let mut errors = Vec::new();
    let mut pos = 0;
    let items = parse_children(&lines, &mut pos, None, &mut errors);
    if items.is_empty() && errors.is_empty() {
        errors.push(CheckError {
            line: 0,
            message: "empty check".into(),
        });
    }
    if errors.is_empty() {
        Ok(if items.len() == 1 {
            items.into_iter().next().unwrap_or(Check::All(Vec::new()))
        } else {
            Check::All(items)
        })
    } else {
        Err(errors)
    }
}

/// Parses the lines at one indentation level (deeper than `parent`).
fn parse_children(
    lines: &[(usize, usize, &str)],
    pos: &mut usize,
    parent: Option<usize>,
    errors: &mut Vec<CheckError>,
) -> Vec<Check> {
    let mut out = Vec::new();
    let mut level = None;
    while let Some(&(ln, indent, text)) = lines.get(*pos) {
        if parent.is_some_and(|p| indent <= p) {
            break;
        }
        match level {
            None => level = Some(indent),
            Some(l) if indent != l => {
                errors.push(CheckError {
                    line: ln,
                    message: "inconsistent indentation".into(),
                });
                *pos += 1;
                continue;
            }
            _ => {}
        }
        *pos += 1;
        let (negate, rest) = match text.strip_prefix("not ") {
            Some(r) => (true, r.trim()),
            None if text == "not" => (true, ""),
            None => (false, text),
        };
        let node = match rest {
            "any" | "all" | "" => {
                let kids = parse_children(lines, pos, Some(indent), errors);
                if kids.is_empty() {
                    errors.push(CheckError {
                        line: ln,
                        message: format!(
                            "'{}' needs indented lines below it",
                            if rest.is_empty() { "not" } else { rest }
                        ),
                    });
                }
                match rest {
                    "any" => Check::Any(kids),
                    _ if kids.len() == 1 => kids.into_iter().next().unwrap_or(Check::All(vec![])),
                    _ => Check::All(kids),
                }
            }
            _ => match parse_predicate(rest) {
                Ok(p) => Check::Pred(p),
                Err(m) => {
                    errors.push(CheckError {
                        line: ln,
                        message: m,
                    });
                    continue;
                }
            },
        };
        out.push(if negate {
            Check::Not(Box::new(node))
        } else {
            node
        });
    }
    out
}

/// Parses one predicate line and validates it against the vocabulary.
pub fn parse_predicate(line: &str) -> Result<Predicate, String> {
    let words = tokenize(line)?;
    let mut it = words.into_iter();
    let Some((name, _)) = it.next() else {
        return Err("empty predicate".into());
    };
    let Some(sig) = signature(&name) else {
        return Err(format!("unknown predicate '{name}'"));
    };
    let mut p = Predicate {
        name,
        args: Vec::new(),
        opts: BTreeMap::new(),
    };
    for (w, quoted_key) in it {
        match w.split_once('=') {
            Some((k, v))
                if !quoted_key
                    && !k.is_empty()
                    && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') =>
            {
                if !sig.opts.contains(&k) {
                    return Err(format!("{}: unknown option '{k}='", sig.name));
                }
                p.opts.insert(k.to_string(), v.to_string());
            }
            _ => p.args.push(w),
        }
    }
    if p.args.len() < sig.required || p.args.len() > sig.args.len() {
        return Err(format!(
            "{}: expects {} (got {} argument{})",
            sig.name,
            usage(sig),
            p.args.len(),
            if p.args.len() == 1 { "" } else { "s" }
        ));
    }
    validate(&p)?;
    Ok(p)
}

/// `REF PATH [opt=…]`.
pub fn usage(sig: &Signature) -> String {
    let mut parts: Vec<String> = sig
        .args
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if i < sig.required {
                a.to_string()
            } else {
                format!("[{a}]")
            }
        })
        .collect();
    parts.extend(sig.opts.iter().map(|o| format!("[{o}=…]")));
    if parts.is_empty() {
        "no arguments".into()
    } else {
        parts.join(" ")
    }
}

/// Checks argument values that have a fixed form.
fn validate(p: &Predicate) -> Result<(), String> {
    if let Some(s) = p.opt("status") {
        const ST: &[&str] = &[
            "created",
            "running",
            "paused",
            "restarting",
            "removing",
            "exited",
            "dead",
        ];
        let ok = match p.name.as_str() {
            "last_build" => s == "ok" || s == "failed",
            _ => ST.contains(&s),
        };
        if !ok {
            return Err(format!("{}: bad status '{s}'", p.name));
        }
    }
    for k in ["min", "max"] {
        if let Some(v) = p.opt(k) {
            let ok = if p.name == "image_size" {
                parse_size(v).is_some()
            } else {
                v.parse::<u64>().is_ok()
            };
            if !ok {
                return Err(format!("{}: bad {k}= value '{v}'", p.name));
            }
        }
    }
    for k in ["cached", "rebuilt"] {
        if let Some(v) = p.opt(k) {
            if parse_ranges(v).is_none() {
                return Err(format!("{}: bad step range '{v}' (use 1-3,5)", p.name));
            }
        }
    }
    if let Some(m) = p.opt("memory") {
        if parse_size(m).is_none() {
            return Err(format!("{}: bad memory '{m}'", p.name));
        }
    }
    if p.name == "container_diff_has" && !matches!(p.arg(0), Some("A" | "C" | "D")) {
        return Err("container_diff_has: KIND must be A, C or D".into());
    }
    for k in ["tty", "interactive"] {
        if p.opt(k).is_some_and(|v| v != "true" && v != "false") {
            return Err(format!("{}: {k}= is true or false", p.name));
        }
    }
    if p.name == "api_called" {
        let m = p.arg(0).unwrap_or("");
        if !["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"].contains(&m) {
            return Err(format!("api_called: bad method '{m}'"));
        }
        if !p.arg(1).unwrap_or("").starts_with('/') {
            return Err("api_called: PATH must start with /".into());
        }
    }
    for (i, a) in p.args.iter().enumerate() {
        let name = signature(&p.name).and_then(|s| s.args.get(i)).copied();
        let home_ok = p.name.starts_with("file_") && a.starts_with("~/");
        if name == Some("PATH") && !a.starts_with('/') && !home_ok {
            return Err(format!("{}: PATH '{a}' must be absolute", p.name));
        }
        if matches!(name, Some("HOST_PORT" | "CONTAINER_PORT"))
            && p.name == "port_published"
            && a.parse::<u16>().is_err()
        {
            return Err(format!("port_published: bad port '{a}'"));
        }
    }
    Ok(())
}

/// Splits a line into words; double quotes group (with `\"` and `\\`
/// escapes). The flag is true when the part before any `=` was quoted, so
/// `"a=b"` stays a positional argument.
fn tokenize(line: &str) -> Result<Vec<(String, bool)>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quoted_key = false;
    let mut seen_eq = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                in_word = true;
                if !seen_eq {
                    quoted_key = true;
                }
                loop {
                    match chars.next() {
                        None => return Err("unterminated quote".into()),
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(e) => cur.push(e),
                            None => return Err("unterminated quote".into()),
                        },
                        Some(o) => cur.push(o),
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    out.push((std::mem::take(&mut cur), quoted_key));
                    in_word = false;
                    quoted_key = false;
                    seen_eq = false;
                }
            }
            c => {
                if c == '=' {
                    seen_eq = true;
                }
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push((cur, quoted_key));
    }
    Ok(out)
}

/// Sizes as Docker prints them, base 1000 (`512m`, `200MB`, `1.5GB`, `4096`);
/// a bare `m`/`g` suffix (as in `--memory=512m`) is base 1024 like docker's
/// `RAMInBytes`.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult: f64 = match unit {
        "" | "B" | "b" => 1.0,
        "kB" | "KB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        "k" | "K" | "KiB" => 1024.0,
        "m" | "M" | "MiB" => 1024.0 * 1024.0,
        "g" | "G" | "GiB" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    Some((n * mult) as u64)
}

/// `1-3,5` → `[1, 2, 3, 5]`.
pub fn parse_ranges(s: &str) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let (a, b): (usize, usize) = match part.split_once('-') {
            Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
            None => {
                let n = part.trim().parse().ok()?;
                (n, n)
            }
        };
        if a == 0 || b < a || b - a > 1000 {
            return None;
        }
        out.extend(a..=b);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_combinators() {
        let c = parse(
            "image_exists ubuntu\nnot container_exists status=paused\nany\n  image_exists a\n  image_exists \"b c\"\n",
        )
        .unwrap();
        let Check::All(items) = c else { panic!() };
        assert_eq!(items.len(), 3);
        assert!(matches!(&items[1], Check::Not(_)));
        let Check::Any(kids) = &items[2] else {
            panic!()
        };
        let Check::Pred(p) = &kids[1] else { panic!() };
        assert_eq!(p.args, vec!["b c".to_string()]);
    }

    #[test]
    fn rejects_unknown_and_bad_arity() {
        let e = parse("image_exist ubuntu").unwrap_err();
        assert_eq!(e[0].message, "unknown predicate 'image_exist'");
        let e = parse("image_has_file ubuntu").unwrap_err();
        assert!(e[0].message.starts_with("image_has_file: expects REF PATH"));
        let e = parse("container_exists colour=red").unwrap_err();
        assert_eq!(e[0].message, "container_exists: unknown option 'colour='");
        let e = parse("any\n").unwrap_err();
        assert_eq!(e[0].message, "'any' needs indented lines below it");
    }

    #[test]
    fn sizes_and_ranges() {
        assert_eq!(parse_size("200MB"), Some(200_000_000));
        assert_eq!(parse_size("512m"), Some(512 * 1024 * 1024));
        assert_eq!(parse_ranges("1-3,5"), Some(vec![1, 2, 3, 5]));
        assert_eq!(parse_ranges("3-1"), None);
    }
}
