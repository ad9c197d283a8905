//! `read`: a line (or up to a delimiter, or N characters) from stdin split
//! into variables by IFS; bash's `-a`, `-d`, `-n`, `-p`, `-t`.

use crate::userland::programs::Flow;
use crate::userland::shell::{Io, Shell, ShellKind};

/// Removes backslash escapes (without `-r`): `\x` is `x`, `\`-newline joins.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('\n') | None => {}
                Some(n) => out.push(n),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits `line` into at most `n` fields by IFS (the last takes the rest).
fn split(line: &str, ifs: &str, n: usize) -> Vec<String> {
    let is_ws = |c: char| ifs.contains(c) && c.is_whitespace();
    let is_sep = |c: char| ifs.contains(c);
    let mut fields = Vec::new();
    let mut rest = line.trim_start_matches(is_ws);
    while !rest.is_empty() {
        if fields.len() + 1 == n {
            fields.push(rest.trim_end_matches(is_ws).to_string());
            return fields;
        }
        let end = rest.find(is_sep).unwrap_or(rest.len());
        fields.push(rest[..end].to_string());
        rest = &rest[end..];
        // one separator: whitespace around it collapses
        rest = rest.trim_start_matches(is_ws);
        if let Some(c) = rest.chars().next() {
            if is_sep(c) && !c.is_whitespace() {
                rest = rest[c.len_utf8()..].trim_start_matches(is_ws);
            }
        }
    }
    fields
}

pub(super) fn read(sh: &mut Shell, args: &[String], io: &mut Io) -> Result<i32, Flow> {
    let p = sh.err_prefix();
    let mut raw = false;
    let mut names = Vec::new();
    let mut array: Option<String> = None;
    let mut delim = '\n';
    let mut count: Option<usize> = None;
    let mut prompt = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if !a.starts_with('-') || a == "-" || !names.is_empty() {
            names.push(a.to_string());
            i += 1;
            continue;
        }
        let flags: Vec<char> = a[1..].chars().collect();
        let mut k = 0;
        while k < flags.len() {
            let f = flags[k];
            let takes = matches!(f, 'p' | 'a' | 'd' | 'n' | 'N' | 't' | 'u');
            let value = if takes {
                let v: String = flags[k + 1..].iter().collect();
                k = flags.len();
                if v.is_empty() {
                    i += 1;
                    match args.get(i) {
                        Some(v) => v.clone(),
                        None => {
                            io.out
                                .errln(format!("{p}: read: -{f}: option requires an argument"));
                            return Ok(2);
                        }
                    }
                } else {
                    v
                }
            } else {
                k += 1;
                String::new()
            };
            match f {
                'r' => raw = true,
                's' | 'e' => {}
                'p' => prompt = Some(value),
                'a' if sh.kind == ShellKind::Bash => array = Some(value),
                'd' if sh.kind == ShellKind::Bash => delim = value.chars().next().unwrap_or('\0'),
                'n' | 'N' if sh.kind == ShellKind::Bash => match value.parse() {
                    Ok(n) => count = Some(n),
                    Err(_) => {
                        io.out.errln(format!("{p}: read: {value}: invalid number"));
                        return Ok(2);
                    }
                },
                't' => {}
                _ => {
                    if sh.kind == ShellKind::Bash {
                        io.out.errln(format!("{p}: read: -{f}: invalid option"));
                        io.out.errln("read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]");
                    } else {
                        io.out.errln(format!("{p}: read: Illegal option -{f}"));
                    }
                    return Ok(2);
                }
            }
        }
        i += 1;
    }
    if names.is_empty() && array.is_none() {
        names.push("REPLY".into());
    }
    let Some(data) = io.stdin.as_ref() else {
        // the terminal: the prompt shows, and there is nothing to read
        if let Some(pr) = prompt {
            io.out.err(pr);
        }
        return Ok(1);
    };
    let rest = String::from_utf8_lossy(data.get(io.pos..).unwrap_or(&[])).into_owned();
    if rest.is_empty() {
        for n in &names {
            sh.set(n, "");
        }
        return Ok(1);
    }
    // the text up to the delimiter (or N characters)
    let mut text = String::new();
    let mut used = 0;
    let mut complete = false;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if count.is_some_and(|n| text.chars().count() >= n) {
            complete = true;
            break;
        }
        used += c.len_utf8();
        if c == '\\' && !raw {
            if let Some(&n) = chars.peek() {
                chars.next();
                used += n.len_utf8();
                if n != '\n' {
                    text.push('\\');
                    text.push(n);
                }
                continue;
            }
        }
        if c == delim {
            complete = true;
            break;
        }
        text.push(c);
    }
    if count.is_some_and(|n| text.chars().count() >= n) {
        complete = true;
    }
    io.pos += used;
    let ifs = sh.get("IFS").unwrap_or_else(|| " \t\n".into());
    if let Some(a) = array {
        let fields: Vec<String> = split(&text, &ifs, usize::MAX)
            .into_iter()
            .map(|f| if raw { f } else { unescape(&f) })
            .collect();
        sh.set_array(&a, fields, false);
        return Ok(if complete { 0 } else { 1 });
    }
    let n = names.len();
    let line = if n == 1 && names[0] == "REPLY" {
        vec![text.clone()]
    } else {
        split(&text, &ifs, n)
    };
    for (k, name) in names.iter().enumerate() {
        let v = line.get(k).cloned().unwrap_or_default();
        let v = if raw { v } else { unescape(&v) };
        sh.set(name, &v);
    }
    Ok(if complete { 0 } else { 1 })
}
