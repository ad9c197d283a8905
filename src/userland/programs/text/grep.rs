//! `grep` (and `egrep`, `fgrep`): GNU grep 3.x — patterns from `-e`/`-f`,
//! BRE/ERE/fixed strings, context (`-A -B -C`, `--` between groups),
//! counting, listing, `-o`, `-m`, recursion with `--include`/`--exclude`,
//! exit statuses 0 (selected), 1 (none), 2 (trouble).

use super::getopt::{self, Parsed};
use super::*;
use crate::userland::regex::ReError;

/// The options grep accepts (see `getopt` for the table syntax).
pub const OPTIONS: &str = "E|extended-regexp F|fixed-strings G|basic-regexp !P|perl-regexp \
    e=|regexp= f=|file= i|y|ignore-case no-ignore-case w|word-regexp x|line-regexp \
    !z|null-data s|no-messages v|invert-match V|version help m=|max-count= !b|byte-offset \
    n|line-number line-buffered H|with-filename h|no-filename !label= o|only-matching \
    q|quiet|silent !binary-files= a|text !I !d=|directories= !D=|devices= r|recursive \
    R|dereference-recursive include= exclude= !exclude-from= exclude-dir= \
    L|files-without-match l|files-with-matches c|count T|initial-tab !Z|null \
    B=|before-context= A=|after-context= C=|context= group-separator= no-group-separator \
    color?|colour? !U|binary";

const USAGE: &str =
    "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.";
const BB_USAGE: &str = "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...";

/// What one input file produced.
struct Scan {
    count: usize,
}

struct Grep {
    res: Vec<Regex>,
    /// `-f` with an empty file: nothing matches.
    none: bool,
    invert: bool,
    names: bool,
    numbers: bool,
    only: bool,
    count: bool,
    list: bool,
    list_missing: bool,
    quiet: bool,
    max: Option<usize>,
    before: usize,
    after: usize,
    separator: Option<String>,
    /// Something was printed (a separator precedes later groups).
    printed_group: bool,
}

pub fn grep(p: &mut Proc) -> Result<i32, Flow> {
    // `-5` is `-C 5`.
    let args: Vec<String> = p
        .args()
        .into_iter()
        .map(|a| {
            if a.len() > 1 && a.starts_with('-') && a[1..].bytes().all(|b| b.is_ascii_digit()) {
                format!("-C{}", &a[1..])
            } else {
                a
            }
        })
        .collect();
    let argv: Vec<String> = std::iter::once(p.argv[0].clone()).chain(args).collect();
    let saved = std::mem::replace(&mut p.argv, argv);
    let parsed = getopt::parse_usage(p, OPTIONS, 2, USAGE);
    p.argv = saved;
    let o = match parsed {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.has("help") || o.has("V") {
        p.out.outln(if o.has("V") {
            "grep (GNU grep) 3.11"
        } else {
            "Usage: grep [OPTION]... PATTERNS [FILE]...\nSearch for PATTERNS in each FILE."
        });
        return Ok(0);
    }
    run(p, &o)
}

fn usage(p: &mut Proc) -> i32 {
    if p.is_busybox() {
        p.out.errln(BB_USAGE);
        1
    } else {
        p.out.errln(USAGE);
        2
    }
}

fn context_value(p: &mut Proc, o: &Parsed, name: &str) -> Result<usize, i32> {
    let Some(v) = o.value(name) else {
        return Ok(0);
    };
    match v.parse::<u64>() {
        Ok(n) => Ok(n.min(usize::MAX as u64) as usize),
        Err(_) => {
            p.errln(format!("{v}: invalid context length argument"));
            Err(2)
        }
    }
}

fn run(p: &mut Proc, o: &Parsed) -> Result<i32, Flow> {
    let mut operands = o.operands.clone();
    let mut patterns: Vec<String> = o.values("e").iter().map(|s| s.to_string()).collect();
    let mut none = false;
    for f in o.values("f") {
        let data = if f == "-" {
            Ok(p.stdin_text())
        } else {
            p.read(f).map(|b| String::from_utf8_lossy(&b).into_owned())
        };
        match data {
            Ok(t) => {
                let lines = split_lines(&t);
                if lines.is_empty() && patterns.is_empty() {
                    none = true;
                }
                patterns.extend(lines.iter().map(|l| l.trim_end_matches('\n').to_string()));
            }
            Err(e) => {
                p.errln(format!("{f}: {e}"));
                return Ok(2);
            }
        }
    }
    if patterns.is_empty() && !none {
        if operands.is_empty() {
            return Ok(usage(p));
        }
        patterns.push(operands.remove(0));
    }
    let name = p.name();
    let mode = match o.last_of(&["E", "F", "G"]) {
        Some(m) => m,
        None if name == "egrep" => "E",
        None if name == "fgrep" => "F",
        None => "G",
    };
    let icase = o.last_of(&["i", "no-ignore-case"]) == Some("i");
    let (word, line) = (o.has("w"), o.has("x"));
    let mut res = Vec::new();
    for pat in &patterns {
        for one in pat.split('\n') {
            let ere = mode == "E";
            let src = if mode == "F" {
                one.chars()
                    .flat_map(|c| {
                        if "\\.[]*^$+?(){}|".contains(c) {
                            vec!['\\', c]
                        } else {
                            vec![c]
                        }
                    })
                    .collect::<String>()
            } else {
                one.to_string()
            };
            let grouped = |s: &str| {
                if ere || mode == "F" {
                    format!("({s})")
                } else {
                    format!("\\({s}\\)")
                }
            };
            let src = if line {
                format!("^{}$", grouped(&src))
            } else if word {
                format!("\\b{}\\b", grouped(&src))
            } else {
                src
            };
            match Regex::new(&src, ere || mode == "F", icase) {
                Ok(r) => res.push(r),
                Err(e) => {
                    let msg = match &e {
                        ReError::Syntax(_) => e.message(&name),
                        ReError::Unsupported(_) => e.message(&name),
                    };
                    p.out.errln(msg);
                    return Ok(2);
                }
            }
        }
    }
    let before = match context_value(p, o, "B") {
        Ok(n) => n,
        Err(c) => return Ok(c),
    };
    let after = match context_value(p, o, "A") {
        Ok(n) => n,
        Err(c) => return Ok(c),
    };
    let ctx = match context_value(p, o, "C") {
        Ok(n) => n,
        Err(c) => return Ok(c),
    };
    let max = match o.value("m") {
        None => None,
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n < 0 => None,
            Ok(n) => Some(n as usize),
            Err(_) => {
                p.errln("invalid max count");
                return Ok(2);
            }
        },
    };
    let recursive = o.has("r") || o.has("R");
    if operands.is_empty() && recursive {
        operands.push(".".into());
    }
    let mut code_err = false;
    let files = expand_operands(p, o, &operands, recursive, &mut code_err);
    let separator = if o.has("no-group-separator") {
        None
    } else {
        Some(o.value("group-separator").unwrap_or("--").to_string())
    };
    let mut g = Grep {
        res,
        none,
        invert: o.has("v"),
        names: o
            .last_of(&["H", "h"])
            .map_or(files.len() > 1 || recursive, |x| x == "H"),
        numbers: o.has("n"),
        only: o.has("o"),
        count: o.has("c"),
        list: o.has("l"),
        list_missing: o.has("L"),
        quiet: o.has("q"),
        max,
        before: if o.has("B") { before } else { ctx },
        after: if o.has("A") { after } else { ctx },
        separator,
        printed_group: false,
    };
    let quiet_errors = o.has("s");
    let mut any = false;
    let ins = if operands.is_empty() {
        inputs(p, &[])
    } else {
        inputs(p, &files)
    };
    for (fname, r) in ins {
        let text = match r {
            Ok(t) => t,
            Err(e) => {
                if !quiet_errors {
                    p.errln(format!("{fname}: {e}"));
                }
                code_err = true;
                continue;
            }
        };
        let shown = if fname == "-" {
            "(standard input)".to_string()
        } else {
            fname.clone()
        };
        let s = g.scan(p, &shown, &text);
        if s.count > 0 {
            any = true;
            if g.quiet {
                return Ok(0);
            }
        }
    }
    Ok(if code_err && !(any && g.quiet) {
        2
    } else if any {
        0
    } else {
        1
    })
}

/// Expands directories for `-r`; reports directories otherwise.
fn expand_operands(
    p: &mut Proc,
    o: &Parsed,
    operands: &[String],
    recursive: bool,
    code_err: &mut bool,
) -> Vec<String> {
    let include: Vec<&str> = o.values("include");
    let exclude: Vec<&str> = o.values("exclude");
    let exclude_dir: Vec<&str> = o.values("exclude-dir");
    let wanted = |name: &str| {
        let base = path::file_name(name);
        (include.is_empty()
            || include
                .iter()
                .any(|g| crate::userland::glob::matches(g, base)))
            && !exclude
                .iter()
                .any(|g| crate::userland::glob::matches(g, base))
    };
    let mut files = Vec::new();
    for f in operands {
        let a = p.abs(f);
        let (fs, inner) = p.sys.fs_for_ref(&a);
        match fs.stat(&inner) {
            Ok(Entry::Dir { .. }) if recursive => {
                let base = fs.resolve(&inner, true).unwrap_or(inner.clone());
                let Ok(items) = fs.walk(&base) else { continue };
                for (ip, e) in items {
                    if !matches!(e, Entry::File { .. }) {
                        continue;
                    }
                    let rel = ip
                        .strip_prefix(&base)
                        .unwrap_or(&ip)
                        .trim_start_matches('/');
                    if rel.split('/').rev().skip(1).any(|d| {
                        exclude_dir
                            .iter()
                            .any(|g| crate::userland::glob::matches(g, d))
                    }) {
                        continue;
                    }
                    let shown = if f == "." && !o.operands.iter().any(|x| x == ".") {
                        rel.to_string()
                    } else if f.ends_with('/') {
                        format!("{f}{rel}")
                    } else {
                        format!("{f}/{rel}")
                    };
                    if wanted(&shown) {
                        files.push(shown);
                    }
                }
            }
            Ok(Entry::Dir { .. }) => {
                if !o.has("s") {
                    p.errln(format!("{f}: Is a directory"));
                }
                *code_err = true;
            }
            _ => {
                if wanted(f) || !recursive {
                    files.push(f.clone())
                }
            }
        }
    }
    files
}

impl Grep {
    fn selected(&self, line: &str) -> bool {
        let hit = !self.none && self.res.iter().any(|r| r.is_match(line));
        hit != self.invert
    }

    fn prefix(&self, shown: &str, n: usize, sep: char) -> String {
        let mut s = String::new();
        if self.names {
            s.push_str(shown);
            s.push(sep);
        }
        if self.numbers {
            s.push_str(&format!("{n}{sep}"));
        }
        s
    }

    fn scan(&mut self, p: &mut Proc, shown: &str, text: &str) -> Scan {
        let binary = text.contains('\0');
        let lines: Vec<&str> = split_lines(text)
            .into_iter()
            .map(|l| l.strip_suffix('\n').unwrap_or(l))
            .collect();
        let mut count = 0usize;
        let silent = self.quiet || self.count || self.list || self.list_missing;
        // Index of the last line printed (for context and separators).
        let mut last_printed: Option<usize> = None;
        let mut after_left = 0usize;
        let mut binary_hit = false;
        for (i, line) in lines.iter().enumerate() {
            if self.max.is_some_and(|m| count >= m) {
                // Trailing context after the last match still prints.
                if after_left > 0 && !silent && !binary {
                    let pre = self.prefix(shown, i + 1, '-');
                    p.out.outln(format!("{pre}{line}"));
                    last_printed = Some(i);
                    after_left -= 1;
                    continue;
                }
                break;
            }
            if !self.selected(line) {
                if after_left > 0 && !silent && !binary {
                    let pre = self.prefix(shown, i + 1, '-');
                    p.out.outln(format!("{pre}{line}"));
                    last_printed = Some(i);
                    after_left -= 1;
                }
                continue;
            }
            count += 1;
            if self.quiet || self.list {
                break;
            }
            if silent {
                continue;
            }
            if binary {
                binary_hit = true;
                break;
            }
            let start = i.saturating_sub(self.before);
            let from = last_printed.map_or(start, |l| start.max(l + 1));
            if let Some(sep) = &self.separator {
                let gap = last_printed.map_or(self.printed_group, |l| from > l + 1);
                if (self.before > 0 || self.after > 0) && gap && self.printed_group {
                    p.out.outln(sep.clone());
                }
            }
            for (k, l) in lines.iter().enumerate().take(i).skip(from) {
                let pre = self.prefix(shown, k + 1, '-');
                p.out.outln(format!("{pre}{l}"));
            }
            let pre = self.prefix(shown, i + 1, ':');
            if self.only {
                if !self.invert {
                    self.print_only(p, &pre, line);
                }
            } else {
                p.out.outln(format!("{pre}{line}"));
            }
            self.printed_group = true;
            last_printed = Some(i);
            after_left = self.after;
        }
        if binary_hit {
            p.errln(format!("{shown}: binary file matches"));
        }
        if self.count {
            if self.names {
                p.out.outln(format!("{shown}:{count}"));
            } else {
                p.out.outln(count.to_string());
            }
        }
        if (self.list && count > 0) || (self.list_missing && count == 0) {
            p.out.outln(shown);
        }
        Scan { count }
    }

    /// `-o`: every non-empty match of any pattern, left to right.
    fn print_only(&self, p: &mut Proc, pre: &str, line: &str) {
        let mut from = 0;
        while from <= line.len() {
            let best = self
                .res
                .iter()
                .filter_map(|r| r.find_at(line, from))
                .min_by_key(|(a, b)| (*a, std::cmp::Reverse(*b)));
            let Some((a, b)) = best else { break };
            if b > a {
                p.out.outln(format!("{pre}{}", &line[a..b]));
                from = b;
            } else {
                from = a + line[a..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
}
