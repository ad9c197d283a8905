//! `diff`: compares files line by line (normal and unified formats, `-q`,
//! `-r` over directories, `-i -b -w` to ignore case and white space);
//! status 0 same, 1 different, 2 trouble. Busybox's applet prints the
//! unified format by default.

mod format;
mod myers;

use super::{opts, Flow, Proc};
use crate::engine::fs::{path, Entry};
use format::Text;

const GNU: &str = "a|text b|ignore-space-change !B|ignore-blank-lines !c !C=|context? !D=|ifdef= !e|ed !E|ignore-tab-expansion i|ignore-case !l|paginate !label= N|new-file !n|rcs !p|show-c-function q|brief r|recursive s|report-identical-files !S=|starting-file= !t|expand-tabs !T|initial-tab u U=|unified= w|ignore-all-space !x=|exclude= !X=|exclude-from= !y|side-by-side !Z|ignore-trailing-space !F=|show-function-line= !H|speed-large-files !I=|ignore-matching-lines= !d|minimal !W=|width= !color? !strip-trailing-cr !normal !suppress-common-lines !from-file= !to-file= !no-dereference";
const BUSYBOX: &str = "a b !B !d i !L= N q r s !S= !t !T U= u w";

/// How lines are compared.
#[derive(Clone, Copy)]
struct Cmp {
    case: bool,
    space_change: bool,
    all_space: bool,
}

impl Cmp {
    fn key(&self, l: &str) -> String {
        let mut s = if self.case {
            l.to_lowercase()
        } else {
            l.to_string()
        };
        if self.all_space {
            s.retain(|c| !c.is_whitespace());
        } else if self.space_change {
            s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if l.starts_with(char::is_whitespace) {
                s.insert(0, ' ');
            }
        }
        s
    }
}

struct Run {
    unified: Option<usize>,
    brief: bool,
    recursive: bool,
    new_file: bool,
    identical: bool,
    text: bool,
    cmp: Cmp,
    busybox: bool,
    /// The options as given, for `diff -r a/f b/f` lines.
    switches: Vec<String>,
}

pub fn diff(p: &mut Proc) -> Result<i32, Flow> {
    let bb = p.is_busybox();
    let o = match opts::parse(p, if bb { BUSYBOX } else { GNU }, 2) {
        Ok(o) => o,
        Err(c) => return Ok(if c == 1 { 2 } else { c }),
    };
    let ctx = match o.value("U") {
        Some(v) => match v.parse::<usize>() {
            Ok(n) => Some(n),
            Err(_) => {
                p.errln(format!("invalid context length '{v}'"));
                p.errln("Try 'diff --help' for more information.");
                return Ok(2);
            }
        },
        None if o.has("u") || bb => Some(3),
        None => None,
    };
    if o.operands.len() != 2 {
        match o.operands.len() {
            0 if !bb => p.errln("missing operand after 'diff'"),
            1 if !bb => p.errln(format!("missing operand after '{}'", o.operands[0])),
            _ if !bb => p.errln(format!("extra operand '{}'", o.operands[2])),
            _ => {
                p.out.errln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: diff [-abBdiNqrTstw] [-L LABEL] [-S FILE] [-U LINES] FILE1 FILE2");
                return Ok(1);
            }
        }
        p.errln("Try 'diff --help' for more information.");
        return Ok(2);
    }
    let switches = p
        .args()
        .into_iter()
        .take_while(|a| a != "--")
        .filter(|a| a.starts_with('-') && a.len() > 1)
        .collect();
    let run = Run {
        unified: ctx,
        brief: o.has("q"),
        recursive: o.has("r"),
        new_file: o.has("N"),
        identical: o.has("s"),
        text: o.has("a"),
        cmp: Cmp {
            case: o.has("i"),
            space_change: o.has("b"),
            all_space: o.has("w"),
        },
        busybox: bb,
        switches,
    };
    let (a, b) = (o.operands[0].clone(), o.operands[1].clone());
    let ea = stat(p, &a);
    let eb = stat(p, &b);
    for (f, e) in [(&a, &ea), (&b, &eb)] {
        if e.is_none() && f != "-" && !run.new_file {
            if bb {
                p.errln(format!("can't stat '{f}': No such file or directory"));
            } else {
                p.errln(format!("{f}: No such file or directory"));
            }
            return Ok(2);
        }
    }
    let is_dir = |e: &Option<Entry>| matches!(e, Some(Entry::Dir { .. }));
    match (is_dir(&ea), is_dir(&eb)) {
        (true, true) => dirs(p, &run, &a, &b),
        (true, false) => files(p, &run, &child(&a, path::file_name(&b)), &b),
        (false, true) => files(p, &run, &a, &child(&b, path::file_name(&a))),
        _ => files(p, &run, &a, &b),
    }
}

fn stat(p: &mut Proc, f: &str) -> Option<Entry> {
    if f == "-" {
        return None;
    }
    let abs = p.abs(f);
    let (fs, inner) = p.sys.fs_for_ref(&abs);
    let real = fs.resolve(&inner, true).ok()?;
    fs.lookup(&real).cloned()
}

fn read(p: &mut Proc, run: &Run, f: &str) -> Result<Vec<u8>, i32> {
    if f == "-" {
        return Ok(p.ctx.stdin.clone().unwrap_or_default());
    }
    match p.read(f) {
        Ok(d) => Ok(d),
        Err(crate::engine::fs::FsError::NotFound) if run.new_file => Ok(Vec::new()),
        Err(e) => {
            if run.busybox {
                p.errln(format!("can't stat '{f}': {e}"));
            } else {
                p.errln(format!("{f}: {e}"));
            }
            Err(2)
        }
    }
}

/// Compares two files and prints their difference.
fn files(p: &mut Proc, run: &Run, a: &str, b: &str) -> Result<i32, Flow> {
    let da = match read(p, run, a) {
        Ok(d) => d,
        Err(c) => return Ok(c),
    };
    let db = match read(p, run, b) {
        Ok(d) => d,
        Err(c) => return Ok(c),
    };
    if da == db {
        if run.identical {
            p.out.outln(format!("Files {a} and {b} are identical"));
        }
        return Ok(0);
    }
    let binary = !run.text && (da.contains(&0) || db.contains(&0));
    if run.brief || binary {
        let what = if binary && !run.brief {
            "Binary files"
        } else {
            "Files"
        };
        p.out.outln(format!("{what} {a} and {b} differ"));
        return Ok(1);
    }
    let (la, ea) = split(&da);
    let (lb, eb) = split(&db);
    let key = |lines: &[String], no_eol: bool| -> Vec<String> {
        let mut k: Vec<String> = lines.iter().map(|l| run.cmp.key(l)).collect();
        if no_eol {
            if let Some(last) = k.last_mut() {
                last.push('\0');
            }
        }
        k
    };
    let (ka, kb) = (key(&la, ea), key(&lb, eb));
    let Some(m) = myers::matches(&ka, &kb, usize::MAX) else {
        p.out.errln(format!(
            "dockerlings: {}: these files differ too much to compare in this sandbox",
            p.name()
        ));
        return Ok(2);
    };
    let chs = format::changes(&m, la.len(), lb.len());
    if chs.is_empty() {
        return Ok(0);
    }
    let ta = Text {
        lines: &la,
        no_eol: ea,
    };
    let tb = Text {
        lines: &lb,
        no_eol: eb,
    };
    let mut out = String::new();
    if run.recursive && !run.busybox {
        out.push_str(&format!("diff {} {a} {b}\n", run.switches.join(" ")));
    }
    match run.unified {
        Some(ctx) => {
            let stamp = |p: &mut Proc, f: &str| -> String {
                if run.busybox {
                    return String::new();
                }
                let mtime = match stat(p, f) {
                    Some(e) => e.meta().map_or(0, |m| m.mtime),
                    None => p.lim.now_secs(),
                };
                let date = super::system::strftime(mtime * 1000, "%Y-%m-%d %H:%M:%S");
                format!("\t{date}.000000000 +0000")
            };
            let (sa, sb) = (stamp(p, a), stamp(p, b));
            out.push_str(&format!("--- {a}{sa}\n+++ {b}{sb}\n"));
            out.push_str(&format::unified(&chs, &ta, &tb, ctx));
        }
        None => out.push_str(&format::normal(&chs, &ta, &tb)),
    }
    p.out.out(out);
    Ok(1)
}

/// Lines and whether the last one lacks its newline.
fn split(d: &[u8]) -> (Vec<String>, bool) {
    let t = String::from_utf8_lossy(d);
    if t.is_empty() {
        return (Vec::new(), false);
    }
    let no_eol = !t.ends_with('\n');
    let body = t.strip_suffix('\n').unwrap_or(&t);
    (body.split('\n').map(str::to_string).collect(), no_eol)
}

/// `dir/name` as diff prints it (relative paths stay relative).
fn child(dir: &str, name: &str) -> String {
    format!("{}/{name}", dir.trim_end_matches('/'))
}

fn names(p: &mut Proc, d: &str) -> Vec<String> {
    let abs = p.abs(d);
    let (fs, inner) = p.sys.fs_for_ref(&abs);
    let mut v: Vec<String> = fs
        .read_dir(&inner)
        .map(|l| l.into_iter().map(|e| e.name).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Compares two directories: common files, `Only in`, subdirectories.
fn dirs(p: &mut Proc, run: &Run, a: &str, b: &str) -> Result<i32, Flow> {
    let na = names(p, a);
    let nb = names(p, b);
    let mut all: Vec<String> = na.iter().chain(nb.iter()).cloned().collect();
    all.sort();
    all.dedup();
    let mut code = 0;
    for n in all {
        let (pa, pb) = (child(a, &n), child(b, &n));
        let (ina, inb) = (na.contains(&n), nb.contains(&n));
        if !(run.new_file || ina && inb) {
            let d = if ina { a } else { b };
            p.out.outln(format!("Only in {d}: {n}"));
            code = code.max(1);
            continue;
        }
        let (ea, eb) = (stat(p, &pa), stat(p, &pb));
        let da = matches!(ea, Some(Entry::Dir { .. }));
        let db = matches!(eb, Some(Entry::Dir { .. }));
        let c = match (da, db) {
            (true, true) if run.recursive => dirs(p, run, &pa, &pb)?,
            (true, true) => {
                p.out.outln(format!("Common subdirectories: {pa} and {pb}"));
                0
            }
            (true, false) | (false, true) => {
                p.out.outln(format!(
                    "File {pa} is a {} while file {pb} is a {}",
                    if da { "directory" } else { "regular file" },
                    if db { "directory" } else { "regular file" }
                ));
                1
            }
            _ => files(p, run, &pa, &pb)?,
        };
        code = code.max(c);
    }
    Ok(code)
}
