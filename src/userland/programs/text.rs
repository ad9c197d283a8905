//! Text tools: echo, printf, test, head, tail, grep, wc, sort, uniq, cut,
//! tr, seq, xargs, sed.

use super::{bad_option, check_flags, Flow, Opts, Proc};
use crate::engine::fs::{path, Entry, FsError};
use crate::userland::process::Service;
use crate::userland::regex::Regex;
use crate::userland::Sys;

/// `echo` as bash (flags `-n -e -E`) or dash (always interprets escapes,
/// only `-n`) runs it.
pub fn echo(args: &[String], dash: bool) -> String {
    let mut newline = true;
    let mut escapes = dash;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        let Some(f) = a.strip_prefix('-') else { break };
        if f.is_empty()
            || !f
                .chars()
                .all(|c| if dash { c == 'n' } else { "neE".contains(c) })
        {
            break;
        }
        for c in f.chars() {
            match c {
                'n' => newline = false,
                'e' => escapes = true,
                'E' => escapes = false,
                _ => {}
            }
        }
        i += 1;
    }
    let mut s = args[i..].join(" ");
    if escapes {
        let (t, stop) = unescape(&s, true);
        s = t;
        if stop {
            return s;
        }
    }
    if newline {
        s.push('\n');
    }
    s
}

/// Interprets backslash escapes; returns (text, whether `\c` stopped output).
fn unescape(s: &str, echo_style: bool) -> (String, bool) {
    let cs: Vec<char> = s.chars().collect();
    let mut o = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] != '\\' || i + 1 >= cs.len() {
            o.push(cs[i]);
            i += 1;
            continue;
        }
        i += 1;
        match cs[i] {
            'n' => o.push('\n'),
            't' => o.push('\t'),
            'r' => o.push('\r'),
            'a' => o.push('\x07'),
            'b' => o.push('\x08'),
            'f' => o.push('\x0c'),
            'v' => o.push('\x0b'),
            'e' => o.push('\x1b'),
            '\\' => o.push('\\'),
            'c' => return (o, true),
            '0'..='7' => {
                let start = if echo_style && cs[i] == '0' { i + 1 } else { i };
                let mut v = 0u32;
                let mut k = start;
                while k < cs.len() && k < start + 3 && ('0'..='7').contains(&cs[k]) {
                    v = v * 8 + cs[k].to_digit(8).unwrap_or(0);
                    k += 1;
                }
                o.push(char::from_u32(v).unwrap_or('?'));
                i = k;
                continue;
            }
            'x' => {
                let mut v = 0u32;
                let mut k = i + 1;
                while k < cs.len() && k < i + 3 && cs[k].is_ascii_hexdigit() {
                    v = v * 16 + cs[k].to_digit(16).unwrap_or(0);
                    k += 1;
                }
                if k == i + 1 {
                    o.push_str("\\x");
                } else {
                    o.push(char::from_u32(v).unwrap_or('?'));
                }
                i = k;
                continue;
            }
            c => {
                o.push('\\');
                o.push(c);
            }
        }
        i += 1;
    }
    (o, false)
}

/// `printf FORMAT ARGS…`: returns the text and error messages.
pub fn printf(fmt: &str, args: &[String]) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut errs = Vec::new();
    let cs: Vec<char> = fmt.chars().collect();
    let mut ai = 0;
    loop {
        let mut i = 0;
        let mut consumed = false;
        while i < cs.len() {
            let c = cs[i];
            if c == '\\' {
                let mut k = i + 1;
                let mut esc = String::from("\\");
                if k < cs.len() {
                    esc.push(cs[k]);
                    if ('0'..='7').contains(&cs[k]) {
                        while k + 1 < cs.len() && esc.len() < 4 && ('0'..='7').contains(&cs[k + 1])
                        {
                            k += 1;
                            esc.push(cs[k]);
                        }
                    }
                }
                let (t, stop) = unescape(&esc, false);
                out.push_str(&t);
                if stop {
                    return (out, errs);
                }
                i = k + 1;
                continue;
            }
            if c != '%' {
                out.push(c);
                i += 1;
                continue;
            }
            if cs.get(i + 1) == Some(&'%') {
                out.push('%');
                i += 2;
                continue;
            }
            // %[flags][width][.prec]conv
            let mut k = i + 1;
            let mut spec = String::new();
            while k < cs.len() && "-+ #0".contains(cs[k]) {
                spec.push(cs[k]);
                k += 1;
            }
            let mut width = String::new();
            while k < cs.len() && (cs[k].is_ascii_digit() || cs[k] == '*') {
                width.push(cs[k]);
                k += 1;
            }
            let mut prec: Option<String> = None;
            if cs.get(k) == Some(&'.') {
                k += 1;
                let mut pr = String::new();
                while k < cs.len() && cs[k].is_ascii_digit() {
                    pr.push(cs[k]);
                    k += 1;
                }
                prec = Some(pr);
            }
            let Some(&conv) = cs.get(k) else {
                out.push_str(&cs[i..].iter().collect::<String>());
                break;
            };
            let arg = args.get(ai).cloned();
            if arg.is_some() {
                consumed = true;
            }
            ai += 1;
            let arg = arg.unwrap_or_default();
            let left = spec.contains('-');
            let zero = spec.contains('0') && !left;
            let w: usize = width.parse().unwrap_or(0);
            let body = match conv {
                's' => {
                    let mut s = arg.clone();
                    if let Some(p) = &prec {
                        s = s.chars().take(p.parse().unwrap_or(0)).collect();
                    }
                    s
                }
                'b' => unescape(&arg, true).0,
                'c' => arg.chars().next().map(String::from).unwrap_or_default(),
                'd' | 'i' | 'u' => {
                    let v = parse_num(&arg, &mut errs);
                    let mut s = v.to_string();
                    if spec.contains('+') && v >= 0 {
                        s.insert(0, '+');
                    }
                    s
                }
                'x' | 'X' | 'o' => {
                    let v = parse_num(&arg, &mut errs);
                    match conv {
                        'x' => format!("{v:x}"),
                        'X' => format!("{v:X}"),
                        _ => format!("{v:o}"),
                    }
                }
                'f' | 'e' | 'g' => {
                    let v: f64 = if arg.is_empty() {
                        0.0
                    } else {
                        arg.trim().parse().unwrap_or_else(|_| {
                            errs.push(format!("{arg}: invalid number"));
                            0.0
                        })
                    };
                    let p: usize = prec.as_deref().and_then(|p| p.parse().ok()).unwrap_or(6);
                    match conv {
                        'f' => format!("{v:.p$}"),
                        'e' => format!("{v:.p$e}"),
                        _ => format!("{v}"),
                    }
                }
                other => {
                    errs.push(format!("%{other}: invalid directive"));
                    String::new()
                }
            };
            let len = body.chars().count();
            if len < w {
                let pad = w - len;
                if left {
                    out.push_str(&body);
                    out.push_str(&" ".repeat(pad));
                } else if zero && conv != 's' {
                    let (sign, digits) = if body.starts_with('-') || body.starts_with('+') {
                        body.split_at(1)
                    } else {
                        ("", body.as_str())
                    };
                    out.push_str(sign);
                    out.push_str(&"0".repeat(pad));
                    out.push_str(digits);
                } else {
                    out.push_str(&" ".repeat(pad));
                    out.push_str(&body);
                }
            } else {
                out.push_str(&body);
            }
            i = k + 1;
        }
        if !consumed || ai >= args.len() {
            break;
        }
    }
    (out, errs)
}

fn parse_num(a: &str, errs: &mut Vec<String>) -> i64 {
    let t = a.trim();
    if t.is_empty() {
        return 0;
    }
    if let Some(c) = t.strip_prefix('\'').or_else(|| t.strip_prefix('"')) {
        return c.chars().next().map(|c| c as i64).unwrap_or(0);
    }
    if let Some(h) = t.strip_prefix("0x") {
        return i64::from_str_radix(h, 16).unwrap_or(0);
    }
    match t.parse::<i64>() {
        Ok(v) => v,
        Err(_) => {
            errs.push(format!("{a}: invalid number"));
            let digits: String = t
                .chars()
                .enumerate()
                .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '-'))
                .map(|(_, c)| c)
                .collect();
            digits.parse().unwrap_or(0)
        }
    }
}

/// `test` / `[` expression evaluation.
pub fn test(sys: &mut dyn Sys, cwd: &str, args: &[String]) -> Result<bool, String> {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    eval_test(sys, cwd, &a)
}

fn eval_test(sys: &mut dyn Sys, cwd: &str, a: &[&str]) -> Result<bool, String> {
    // -o / -a (lowest precedence)
    if let Some(k) = a
        .iter()
        .rposition(|x| *x == "-o")
        .filter(|&k| k > 0 && k + 1 < a.len())
    {
        return Ok(eval_test(sys, cwd, &a[..k])? || eval_test(sys, cwd, &a[k + 1..])?);
    }
    if let Some(k) = a
        .iter()
        .rposition(|x| *x == "-a")
        .filter(|&k| k > 0 && k + 1 < a.len())
    {
        return Ok(eval_test(sys, cwd, &a[..k])? && eval_test(sys, cwd, &a[k + 1..])?);
    }
    match a.len() {
        0 => Ok(false),
        1 => Ok(!a[0].is_empty()),
        2 => {
            if a[0] == "!" {
                return Ok(!eval_test(sys, cwd, &a[1..])?);
            }
            unary(sys, cwd, a[0], a[1])
        }
        3 => {
            if a[0] == "!" {
                return Ok(!eval_test(sys, cwd, &a[1..])?);
            }
            if a[0] == "(" && a[2] == ")" {
                return eval_test(sys, cwd, &a[1..2]);
            }
            binary(a[0], a[1], a[2])
        }
        _ => {
            if a[0] == "!" {
                return Ok(!eval_test(sys, cwd, &a[1..])?);
            }
            if a[0] == "(" && a[a.len() - 1] == ")" {
                return eval_test(sys, cwd, &a[1..a.len() - 1]);
            }
            Err("too many arguments".into())
        }
    }
}

fn unary(sys: &mut dyn Sys, cwd: &str, op: &str, v: &str) -> Result<bool, String> {
    let file = |sys: &mut dyn Sys| -> Option<Entry> {
        let p = path::join(cwd, v);
        let (fs, inner) = sys.fs_for_ref(&p);
        fs.stat(&inner).ok().cloned()
    };
    Ok(match op {
        "-n" => !v.is_empty(),
        "-z" => v.is_empty(),
        "-e" | "-a" => file(sys).is_some(),
        "-f" => matches!(file(sys), Some(Entry::File { .. })),
        "-d" => matches!(file(sys), Some(Entry::Dir { .. })),
        "-s" => file(sys).is_some_and(|e| e.size() > 0),
        "-r" | "-w" => file(sys).is_some(),
        "-x" => file(sys)
            .and_then(|e| e.meta().map(|m| m.mode & 0o111 != 0))
            .unwrap_or(false),
        "-L" | "-h" => {
            let p = path::join(cwd, v);
            let (fs, inner) = sys.fs_for_ref(&p);
            matches!(fs.lookup(&inner), Some(Entry::Symlink { .. }))
        }
        "-t" => false,
        _ => {
            return Err(format!("{op}: unary operator expected"));
        }
    })
}

fn binary(l: &str, op: &str, r: &str) -> Result<bool, String> {
    let num = |s: &str| -> Result<i64, String> {
        s.trim()
            .parse::<i64>()
            .map_err(|_| format!("{s}: integer expression expected"))
    };
    Ok(match op {
        "=" | "==" => l == r,
        "!=" => l != r,
        "<" => l < r,
        ">" => l > r,
        "-eq" => num(l)? == num(r)?,
        "-ne" => num(l)? != num(r)?,
        "-lt" => num(l)? < num(r)?,
        "-le" => num(l)? <= num(r)?,
        "-gt" => num(l)? > num(r)?,
        "-ge" => num(l)? >= num(r)?,
        _ => return Err(format!("{op}: binary operator expected")),
    })
}

pub fn echo_prog(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let s = echo(&args, false);
    p.out.out(s);
    Ok(0)
}

pub fn printf_prog(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let Some(fmt) = args.first() else {
        p.errln("missing operand");
        return Ok(1);
    };
    let (s, errs) = printf(fmt, &args[1..]);
    p.out.out(s);
    for e in &errs {
        p.errln(e);
    }
    Ok(if errs.is_empty() { 0 } else { 1 })
}

pub fn test_prog(p: &mut Proc) -> Result<i32, Flow> {
    let mut args = p.args();
    if p.name() == "[" {
        if args.last().map(String::as_str) != Some("]") {
            p.errln("missing ']'");
            return Ok(2);
        }
        args.pop();
    }
    let cwd = p.ctx.cwd.clone();
    match test(p.sys, &cwd, &args) {
        Ok(b) => Ok(if b { 0 } else { 1 }),
        Err(e) => {
            p.errln(e);
            Ok(2)
        }
    }
}

/// Reads each operand (or stdin for none / `-`), reporting unreadable files
/// with `fmt_err(name, error)`.
fn inputs(p: &mut Proc, files: &[String]) -> Vec<(String, Result<String, FsError>)> {
    if files.is_empty() {
        return vec![("-".into(), Ok(p.stdin_text()))];
    }
    files
        .iter()
        .map(|f| {
            if f == "-" {
                (f.clone(), Ok(p.stdin_text()))
            } else {
                (
                    f.clone(),
                    p.read(f).map(|b| String::from_utf8_lossy(&b).into_owned()),
                )
            }
        })
        .collect()
}

fn open_err(p: &mut Proc, f: &str, e: &FsError) {
    if p.is_busybox() {
        p.errln(format!("can't open '{f}': {e}"));
    } else {
        p.errln(format!("cannot open '{f}' for reading: {e}"));
    }
}

fn split_lines(s: &str) -> Vec<&str> {
    let mut v: Vec<&str> = s.split_inclusive('\n').collect();
    if v.last() == Some(&"") {
        v.pop();
    }
    v
}

/// Rewrites `-5` into `-n 5` (head/tail's obsolete form).
fn numeric_shorthand(args: Vec<String>) -> Vec<String> {
    args.into_iter()
        .flat_map(|a| {
            if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| c.is_ascii_digit()) {
                vec!["-n".to_string(), a[1..].to_string()]
            } else {
                vec![a]
            }
        })
        .collect()
}

pub fn head(p: &mut Proc) -> Result<i32, Flow> {
    let args = numeric_shorthand(p.args());
    let o = match Opts::parse(&args, "nc") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "qv", 1) {
        return Ok(c);
    }
    let n: i64 = match o.value('n').map(|v| v.parse::<i64>()) {
        None => 10,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            let v = o.value('n').unwrap_or("");
            p.errln(format!("invalid number of lines: '{v}'"));
            return Ok(1);
        }
    };
    let bytes: Option<usize> = o.value('c').and_then(|v| v.parse().ok());
    let multi = o.operands.len() > 1;
    let mut code = 0;
    let ins = inputs(p, &o.operands);
    for (idx, (name, r)) in ins.into_iter().enumerate() {
        match r {
            Err(e) => {
                open_err(p, &name, &e);
                code = 1;
            }
            Ok(text) => {
                if multi {
                    if idx > 0 {
                        p.out.out("\n");
                    }
                    p.out.outln(format!("==> {name} <=="));
                }
                if let Some(c) = bytes {
                    let b = text.as_bytes();
                    p.out.out(String::from_utf8_lossy(&b[..c.min(b.len())]));
                    continue;
                }
                let lines = split_lines(&text);
                let take = if n >= 0 {
                    n as usize
                } else {
                    lines.len().saturating_sub((-n) as usize)
                };
                for l in lines.iter().take(take) {
                    p.out.out(l);
                }
            }
        }
    }
    Ok(code)
}

pub fn tail(p: &mut Proc) -> Result<i32, Flow> {
    let args = numeric_shorthand(p.args());
    let o = match Opts::parse(&args, "nc") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "fFqv", 1) {
        return Ok(c);
    }
    let follow = o.has('f') || o.has('F') || o.long("follow");
    let spec = o.value('n').unwrap_or("10").to_string();
    let (from_start, n) = match spec.strip_prefix('+') {
        Some(r) => (true, r.parse::<usize>().ok()),
        None => (false, spec.trim_start_matches('-').parse::<usize>().ok()),
    };
    let Some(n) = n else {
        p.errln(format!("invalid number of lines: '{spec}'"));
        return Ok(1);
    };
    let multi = o.operands.len() > 1;
    let mut code = 0;
    let ins = inputs(p, &o.operands);
    for (idx, (name, r)) in ins.into_iter().enumerate() {
        match r {
            Err(e) => {
                open_err(p, &name, &e);
                code = 1;
            }
            Ok(text) => {
                if multi {
                    if idx > 0 {
                        p.out.out("\n");
                    }
                    p.out.outln(format!("==> {name} <=="));
                }
                let lines = split_lines(&text);
                let skip = if from_start {
                    n.saturating_sub(1)
                } else {
                    lines.len().saturating_sub(n)
                };
                for l in lines.iter().skip(skip) {
                    p.out.out(l);
                }
            }
        }
    }
    if follow && code == 0 {
        // Waits for more data forever: a service with no output.
        return Err(super::service_flow(Service::Waiting));
    }
    Ok(code)
}

pub fn grep(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "efmABC") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 2),
    };
    if let Some(c) = check_flags(p, &o, "ivnrRcElFwoqhHsxLP", 2) {
        return Ok(c);
    }
    let mut operands = o.operands.clone();
    let mut patterns: Vec<String> = o
        .values
        .iter()
        .filter(|(k, _)| *k == 'e')
        .map(|(_, v)| v.clone())
        .collect();
    if patterns.is_empty() {
        if operands.is_empty() {
            if p.is_busybox() {
                p.out.errln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...");
            } else {
                p.out.errln("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.");
            }
            return Ok(2);
        }
        patterns.push(operands.remove(0));
    }
    let extended = o.has('E') || p.name() == "egrep" || o.has('P');
    let fixed = o.has('F') || p.name() == "fgrep";
    let icase = o.has('i') || o.long("ignore-case");
    let mut res = Vec::new();
    for pat in &patterns {
        for line_pat in pat.split('\n') {
            let src = if fixed {
                crate::userland::glob::escape(line_pat)
                    .chars()
                    .flat_map(|c| {
                        if "\\.^$*[]+?(){}|".contains(c) {
                            vec!['\\', c]
                        } else {
                            vec![c]
                        }
                    })
                    .collect::<String>()
                    .replace("\\\\\\", "\\")
            } else {
                line_pat.to_string()
            };
            let src = if o.has('w') {
                format!("\\b{src}\\b")
            } else {
                src
            };
            let src = if o.has('x') {
                format!("^({src})$")
            } else {
                src
            };
            match Regex::new(&src, extended || o.has('x'), icase) {
                Ok(r) => res.push(r),
                Err(e) => {
                    p.errln(e);
                    return Ok(2);
                }
            }
        }
    }
    let invert = o.has('v');
    let recursive = o.has('r') || o.has('R');
    if operands.is_empty() && recursive {
        operands.push(".".into());
    }
    // expand directories for -r
    let mut files: Vec<String> = Vec::new();
    let mut code_err = false;
    for f in &operands {
        let a = p.abs(f);
        let (fs, inner) = p.sys.fs_for_ref(&a);
        match fs.stat(&inner) {
            Ok(Entry::Dir { .. }) if recursive => {
                if let Ok(items) = fs.walk(&fs.resolve(&inner, true).unwrap_or(inner.clone())) {
                    let base = fs.resolve(&inner, true).unwrap_or(inner.clone());
                    for (ip, e) in items {
                        if matches!(e, Entry::File { .. }) {
                            let rel = ip
                                .strip_prefix(&base)
                                .unwrap_or(&ip)
                                .trim_start_matches('/');
                            let shown = if f == "." && !o.operands.iter().any(|x| x == ".") {
                                rel.to_string()
                            } else if f.ends_with('/') {
                                format!("{f}{rel}")
                            } else {
                                format!("{f}/{rel}")
                            };
                            files.push(shown);
                        }
                    }
                }
            }
            Ok(Entry::Dir { .. }) => {
                if !o.has('s') {
                    p.errln(format!("{f}: Is a directory"));
                }
                code_err = true;
            }
            _ => files.push(f.clone()),
        }
    }
    let show_names = (files.len() > 1 || recursive) && !o.has('h') || o.has('H');
    let mut any = false;
    let ins = if operands.is_empty() {
        inputs(p, &[])
    } else {
        inputs(p, &files)
    };
    for (name, r) in ins {
        let text = match r {
            Ok(t) => t,
            Err(e) => {
                if !o.has('s') {
                    p.errln(format!("{name}: {e}"));
                }
                code_err = true;
                continue;
            }
        };
        let shown = if name == "-" {
            "(standard input)".to_string()
        } else {
            name.clone()
        };
        let mut count = 0;
        let max: Option<usize> = o.value('m').and_then(|m| m.parse().ok());
        for (ln, line) in text.lines().enumerate() {
            if max.is_some_and(|m| count >= m) {
                break;
            }
            let hit = res.iter().any(|r| r.is_match(line));
            if hit == invert {
                continue;
            }
            count += 1;
            any = true;
            if o.has('q') {
                return Ok(0);
            }
            if o.has('c') || o.has('l') || o.has('L') {
                continue;
            }
            let mut prefix = String::new();
            if show_names {
                prefix.push_str(&shown);
                prefix.push(':');
            }
            if o.has('n') {
                prefix.push_str(&format!("{}:", ln + 1));
            }
            if o.has('o') && !invert {
                for r in &res {
                    let mut from = 0;
                    let chars: Vec<(usize, char)> = line.char_indices().collect();
                    while let Some((a, b)) = r.find_from(line, from) {
                        p.out.outln(format!("{prefix}{}", &line[a..b]));
                        let next = chars
                            .iter()
                            .position(|(i, _)| *i >= b.max(a + 1))
                            .unwrap_or(chars.len());
                        if next <= from {
                            break;
                        }
                        from = next;
                    }
                }
            } else {
                p.out.outln(format!("{prefix}{line}"));
            }
        }
        if o.has('c') {
            if show_names {
                p.out.outln(format!("{shown}:{count}"));
            } else {
                p.out.outln(count.to_string());
            }
        }
        if o.has('l') && count > 0 {
            p.out.outln(&shown);
        }
        if o.has('L') && count == 0 {
            p.out.outln(&shown);
        }
    }
    Ok(if code_err && !(any && o.has('q')) {
        2
    } else if any {
        0
    } else {
        1
    })
}

pub fn wc(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "lwcmL", 1) {
        return Ok(c);
    }
    let (mut l, mut w, mut c) = (
        o.has('l') || o.long("lines"),
        o.has('w') || o.long("words"),
        o.has('c') || o.has('m') || o.long("bytes"),
    );
    if !l && !w && !c {
        l = true;
        w = true;
        c = true;
    }
    let selected = [l, w, c].iter().filter(|x| **x).count();
    let ins = inputs(p, &o.operands);
    let mut rows: Vec<([usize; 3], String)> = Vec::new();
    let mut code = 0;
    let mut stdin_used = false;
    for (name, r) in ins {
        match r {
            Err(e) => {
                p.errln(format!("{name}: {e}"));
                code = 1;
            }
            Ok(t) => {
                if name == "-" {
                    stdin_used = true;
                }
                rows.push((
                    [
                        t.matches('\n').count(),
                        t.split_whitespace().count(),
                        t.len(),
                    ],
                    if name == "-" && o.operands.is_empty() {
                        String::new()
                    } else {
                        name
                    },
                ));
            }
        }
    }
    if rows.len() > 1 {
        let mut tot = [0; 3];
        for (r, _) in &rows {
            for k in 0..3 {
                tot[k] += r[k];
            }
        }
        rows.push((tot, "total".into()));
    }
    let width = if selected == 1 && rows.len() == 1 {
        1
    } else if stdin_used {
        7
    } else {
        rows.iter()
            .map(|(r, _)| r[2])
            .max()
            .unwrap_or(0)
            .to_string()
            .len()
    };
    for (r, name) in rows {
        let mut parts = Vec::new();
        for (k, on) in [l, w, c].iter().enumerate() {
            if *on {
                parts.push(format!("{:>width$}", r[k]));
            }
        }
        let mut line = parts.join(" ");
        if !name.is_empty() {
            line.push(' ');
            line.push_str(&name);
        }
        p.out.outln(line);
    }
    Ok(code)
}

fn sort_key(line: &str, key: Option<usize>, sep: Option<char>) -> String {
    match key {
        None => line.to_string(),
        Some(k) => {
            let fields: Vec<&str> = match sep {
                Some(s) => line.split(s).collect(),
                None => line.split_whitespace().collect(),
            };
            fields
                .get(k.saturating_sub(1)..)
                .map(|f| f.join(" "))
                .unwrap_or_default()
        }
    }
}

fn num_prefix(s: &str) -> f64 {
    let t = s.trim_start();
    let n: String = t
        .chars()
        .enumerate()
        .take_while(|(i, c)| c.is_ascii_digit() || *c == '.' || (*i == 0 && *c == '-'))
        .map(|(_, c)| c)
        .collect();
    n.parse().unwrap_or(0.0)
}

pub fn sort(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "ktoS") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 2),
    };
    if let Some(c) = check_flags(p, &o, "rnufbhVs", 2) {
        return Ok(c);
    }
    let key: Option<usize> = o
        .value('k')
        .and_then(|k| k.split(',').next()?.split('.').next()?.parse().ok());
    let sep = o.value('t').and_then(|t| t.chars().next());
    let mut lines: Vec<String> = Vec::new();
    for (name, r) in inputs(p, &o.operands) {
        match r {
            Ok(t) => lines.extend(t.lines().map(String::from)),
            Err(e) => {
                p.errln(format!("cannot read: {name}: {e}"));
                return Ok(2);
            }
        }
    }
    let numeric = o.has('n') || o.has('h');
    let fold = o.has('f');
    lines.sort_by(|a, b| {
        let ka = sort_key(a, key, sep);
        let kb = sort_key(b, key, sep);
        let ord = if numeric {
            num_prefix(&ka)
                .partial_cmp(&num_prefix(&kb))
                .unwrap_or(std::cmp::Ordering::Equal)
        } else if fold {
            ka.to_lowercase().cmp(&kb.to_lowercase())
        } else {
            ka.cmp(&kb)
        };
        ord.then_with(|| a.cmp(b))
    });
    if o.has('r') {
        lines.reverse();
    }
    if o.has('u') {
        lines.dedup_by(|a, b| {
            if numeric {
                num_prefix(a) == num_prefix(b)
            } else {
                a == b
            }
        });
    }
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    if let Some(f) = o.value('o') {
        let f = f.to_string();
        if let Err(e) = p.write(&f, text.as_bytes()) {
            p.errln(format!("open failed: {f}: {e}"));
            return Ok(2);
        }
        return Ok(0);
    }
    p.out.out(text);
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

fn parse_list(spec: &str) -> Option<Vec<(usize, usize)>> {
    let mut v = Vec::new();
    for part in spec.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (
                if a.is_empty() { 1 } else { a.parse().ok()? },
                if b.is_empty() {
                    usize::MAX
                } else {
                    b.parse().ok()?
                },
            ),
            None => {
                let n = part.parse().ok()?;
                (n, n)
            }
        };
        if a == 0 {
            return None;
        }
        v.push((a, b));
    }
    Some(v)
}

pub fn cut(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "dfcb") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "s", 1) {
        return Ok(c);
    }
    let delim = o.value('d').and_then(|d| d.chars().next()).unwrap_or('\t');
    let (spec, by_field) = match (o.value('f'), o.value('c').or(o.value('b'))) {
        (Some(f), _) => (f.to_string(), true),
        (None, Some(c)) => (c.to_string(), false),
        (None, None) => {
            p.errln("you must specify a list of bytes, characters, or fields");
            p.out.errln("Try 'cut --help' for more information.");
            return Ok(1);
        }
    };
    let Some(list) = parse_list(&spec) else {
        p.errln("fields and positions are numbered from 1");
        p.out.errln("Try 'cut --help' for more information.");
        return Ok(1);
    };
    let sel = |i: usize| list.iter().any(|(a, b)| *a <= i && i <= *b);
    for (name, r) in inputs(p, &o.operands) {
        let text = match r {
            Ok(t) => t,
            Err(e) => {
                p.errln(format!("{name}: {e}"));
                continue;
            }
        };
        for line in text.lines() {
            if by_field {
                if !line.contains(delim) {
                    if !o.has('s') {
                        p.out.outln(line);
                    }
                    continue;
                }
                let f: Vec<&str> = line
                    .split(delim)
                    .enumerate()
                    .filter(|(i, _)| sel(i + 1))
                    .map(|(_, f)| f)
                    .collect();
                p.out.outln(f.join(&delim.to_string()));
            } else {
                let s: String = line
                    .chars()
                    .enumerate()
                    .filter(|(i, _)| sel(i + 1))
                    .map(|(_, c)| c)
                    .collect();
                p.out.outln(s);
            }
        }
    }
    Ok(0)
}

fn tr_set(s: &str) -> Vec<char> {
    let s = s
        .replace("[:lower:]", "a-z")
        .replace("[:upper:]", "A-Z")
        .replace("[:digit:]", "0-9")
        .replace("[:space:]", " \t\n\r")
        .replace("[:alpha:]", "a-zA-Z")
        .replace("[:alnum:]", "a-zA-Z0-9");
    let (s, _) = unescape(&s, false);
    let cs: Vec<char> = s.chars().collect();
    let mut v = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if i + 2 < cs.len() && cs[i + 1] == '-' {
            let (a, b) = (cs[i] as u32, cs[i + 2] as u32);
            for x in a..=b {
                if let Some(c) = char::from_u32(x) {
                    v.push(c);
                }
            }
            i += 3;
        } else {
            v.push(cs[i]);
            i += 1;
        }
    }
    v
}

pub fn tr(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "dsc", 1) {
        return Ok(c);
    }
    if o.operands.is_empty() {
        p.errln("missing operand");
        p.out.errln("Try 'tr --help' for more information.");
        return Ok(1);
    }
    let a = tr_set(&o.operands[0]);
    let b = o.operands.get(1).map(|s| tr_set(s)).unwrap_or_default();
    if !o.has('d') && !o.has('s') && b.is_empty() {
        p.errln(format!("missing operand after '{}'", o.operands[0]));
        p.out.errln(
            "Two strings must be given when translating.\nTry 'tr --help' for more information.",
        );
        return Ok(1);
    }
    let input = p.stdin_text();
    let mut out = String::new();
    let mut last: Option<char> = None;
    for c in input.chars() {
        if o.has('d') && a.contains(&c) {
            continue;
        }
        let mapped = if !o.has('d') && !b.is_empty() {
            match a.iter().position(|x| *x == c) {
                Some(i) => *b.get(i).or(b.last()).unwrap_or(&c),
                None => c,
            }
        } else {
            c
        };
        if o.has('s') {
            let squeeze_set = if b.is_empty() || o.has('d') { &a } else { &b };
            if last == Some(mapped) && squeeze_set.contains(&mapped) {
                continue;
            }
        }
        last = Some(mapped);
        out.push(mapped);
    }
    p.out.out(out);
    Ok(0)
}

pub fn seq(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let nums: Vec<f64> = match args.iter().map(|a| a.parse::<f64>()).collect() {
        Ok(v) => v,
        Err(_) => {
            let bad = args
                .iter()
                .find(|a| a.parse::<f64>().is_err())
                .cloned()
                .unwrap_or_default();
            p.errln(format!("invalid floating point argument: '{bad}'"));
            p.out.errln("Try 'seq --help' for more information.");
            return Ok(1);
        }
    };
    let (first, step, last) = match nums.as_slice() {
        [l] => (1.0, 1.0, *l),
        [f, l] => (*f, 1.0, *l),
        [f, s, l] => (*f, *s, *l),
        _ => {
            p.errln("missing operand");
            p.out.errln("Try 'seq --help' for more information.");
            return Ok(1);
        }
    };
    if step == 0.0 {
        p.errln("invalid Zero increment value: '0'");
        return Ok(1);
    }
    let mut x = first;
    let mut n = 0;
    while (step > 0.0 && x <= last) || (step < 0.0 && x >= last) {
        n += 1;
        if n > 100_000 || p.out.stdout().len() > super::OUTPUT_CAP {
            return Err(Flow::OutputCap);
        }
        p.out.outln(if x.fract() == 0.0 {
            format!("{}", x as i64)
        } else {
            format!("{x}")
        });
        x += step;
    }
    Ok(0)
}

pub fn xargs(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "nI") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    let mut cmd = o.operands.clone();
    if cmd.is_empty() {
        cmd.push("echo".into());
    }
    let items: Vec<String> = p
        .stdin_text()
        .split_whitespace()
        .map(String::from)
        .collect();
    let per: usize = o
        .value('n')
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let chunks: Vec<Vec<String>> = if items.is_empty() {
        vec![vec![]]
    } else {
        items.chunks(per.max(1)).map(|c| c.to_vec()).collect()
    };
    let mut code = 0;
    for chunk in chunks {
        let mut argv = cmd.clone();
        if let Some(rep) = o.value('I') {
            argv = argv
                .iter()
                .map(|a| a.replace(rep, &chunk.join(" ")))
                .collect();
        } else {
            argv.extend(chunk);
        }
        let path_var = p
            .getenv("PATH")
            .unwrap_or_else(|| super::DEFAULT_PATH.into());
        match super::lookup(p.sys, &argv[0], &path_var, &p.ctx.cwd) {
            super::Lookup::Found(f) => {
                let mut ctx = p.ctx.clone();
                ctx.stdin = None;
                let c = super::exec(p.sys, &f, &argv, &ctx, p.out, p.lim)?;
                if c != 0 {
                    code = 123;
                }
            }
            _ => {
                p.errln(format!("{}: No such file or directory", argv[0]));
                return Ok(127);
            }
        }
    }
    Ok(code)
}

/// A small `sed`: `-n`, `-e`, `-i`, commands `s///[gp]`, `d`, `p` with a
/// line-number, `$` or `/re/` address.
pub fn sed(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "e") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    let mut operands = o.operands.clone();
    let mut scripts: Vec<String> = o
        .values
        .iter()
        .filter(|(k, _)| *k == 'e')
        .map(|(_, v)| v.clone())
        .collect();
    if scripts.is_empty() {
        if operands.is_empty() {
            p.out
                .errln("Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...");
            return Ok(1);
        }
        scripts.push(operands.remove(0));
    }
    let quiet = o.has('n');
    let in_place = o.has('i');
    let mut cmds = Vec::new();
    for s in &scripts {
        for c in s.split([';', '\n']) {
            let c = c.trim();
            if c.is_empty() {
                continue;
            }
            match SedCmd::parse(c) {
                Some(x) => cmds.push(x),
                None => {
                    p.errln(format!(
                        "-e expression #1, char {}: unknown command: `{}'",
                        c.len(),
                        c.chars().last().unwrap_or(' ')
                    ));
                    return Ok(1);
                }
            }
        }
    }
    let files = if operands.is_empty() {
        vec!["-".to_string()]
    } else {
        operands
    };
    for f in files {
        let text = if f == "-" {
            p.stdin_text()
        } else {
            match p.read(&f) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    p.errln(format!("can't read {f}: {e}"));
                    return Ok(2);
                }
            }
        };
        let lines: Vec<&str> = text.lines().collect();
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            let mut cur = line.to_string();
            let mut deleted = false;
            for c in &cmds {
                if !c.addr_matches(i + 1, lines.len(), &cur) {
                    continue;
                }
                match &c.op {
                    SedOp::Delete => {
                        deleted = true;
                        break;
                    }
                    SedOp::Print => {
                        out.push_str(&cur);
                        out.push('\n');
                    }
                    SedOp::Subst {
                        re,
                        rep,
                        global,
                        print,
                    } => {
                        let (n, changed) = subst(re, rep, *global, &cur);
                        cur = n;
                        if changed && *print {
                            out.push_str(&cur);
                            out.push('\n');
                        }
                    }
                }
            }
            if !deleted && !quiet {
                out.push_str(&cur);
                out.push('\n');
            }
        }
        if in_place && f != "-" {
            if let Err(e) = p.write(&f, out.as_bytes()) {
                p.errln(format!("couldn't open file {f}: {e}"));
                return Ok(4);
            }
        } else {
            p.out.out(out);
        }
    }
    Ok(0)
}

fn subst(re: &Regex, rep: &str, global: bool, s: &str) -> (String, bool) {
    let mut out = String::new();
    let mut from = 0usize; // byte index
    let mut changed = false;
    loop {
        let char_from = s[..from].chars().count();
        let Some((a, b)) = re.find_from(s, char_from) else {
            break;
        };
        if a < from {
            break;
        }
        out.push_str(&s[from..a]);
        out.push_str(&rep.replace('&', &s[a..b]));
        changed = true;
        if b == a {
            if let Some(c) = s[b..].chars().next() {
                out.push(c);
                from = b + c.len_utf8();
            } else {
                from = b;
                break;
            }
        } else {
            from = b;
        }
        if !global {
            break;
        }
    }
    out.push_str(&s[from.min(s.len())..]);
    (out, changed)
}

enum SedAddr {
    All,
    Line(usize),
    Last,
    Re(Regex),
}

enum SedOp {
    Delete,
    Print,
    Subst {
        re: Regex,
        rep: String,
        global: bool,
        print: bool,
    },
}

struct SedCmd {
    addr: SedAddr,
    op: SedOp,
}

impl SedCmd {
    fn parse(c: &str) -> Option<SedCmd> {
        let (addr, rest) = if let Some(r) = c.strip_prefix('$') {
            (SedAddr::Last, r)
        } else if c.starts_with(|ch: char| ch.is_ascii_digit()) {
            let n: String = c.chars().take_while(|ch| ch.is_ascii_digit()).collect();
            (SedAddr::Line(n.parse().ok()?), &c[n.len()..])
        } else if let Some(r) = c.strip_prefix('/') {
            let end = r.find('/')?;
            (
                SedAddr::Re(Regex::new(&r[..end], false, false).ok()?),
                &r[end + 1..],
            )
        } else {
            (SedAddr::All, c)
        };
        let rest = rest.trim();
        let op = match rest.chars().next()? {
            'd' => SedOp::Delete,
            'p' => SedOp::Print,
            's' => {
                let d = rest.chars().nth(1)?;
                let parts: Vec<&str> = rest[1 + d.len_utf8()..].split(d).collect();
                if parts.len() < 3 {
                    return None;
                }
                let flags = parts[2];
                SedOp::Subst {
                    re: Regex::new(parts[0], false, flags.contains('I')).ok()?,
                    rep: parts[1].replace("\\n", "\n"),
                    global: flags.contains('g'),
                    print: flags.contains('p'),
                }
            }
            _ => return None,
        };
        Some(SedCmd { addr, op })
    }
    fn addr_matches(&self, n: usize, total: usize, line: &str) -> bool {
        match &self.addr {
            SedAddr::All => true,
            SedAddr::Line(k) => *k == n,
            SedAddr::Last => n == total,
            SedAddr::Re(r) => r.is_match(line),
        }
    }
}
