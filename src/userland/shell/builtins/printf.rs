//! The `printf` builtin: the formatter is the `printf` program's
//! ([`text::printf`]); bash adds `-v VAR` and `%q`.

use crate::userland::programs::{text, Flow};
use crate::userland::shell::{Io, Shell, ShellKind};

/// bash's `%q`: backslashes before shell-special characters, `''` for
/// the empty string, `$'…'` for control characters.
pub(super) fn quote(s: &str) -> String {
    if s.is_empty() {
        return "''".into();
    }
    if s.chars().any(|c| c.is_control()) {
        let mut out = String::from("$'");
        for c in s.chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\'' => out.push_str("\\'"),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push_str(&format!("\\{:03o}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('\'');
        return out;
    }
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if " !\"#$&'()*,;<>?[\\]^`{|}".contains(c) || (c == '~' && i == 0) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The directives of a format (`%s`, `%5d` … but not `%%`), as their
/// byte ranges.
fn directives(fmt: &str) -> Vec<(usize, usize, char)> {
    let b = fmt.as_bytes();
    let mut v = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if b.get(i + 1) == Some(&b'%') {
                i += 2;
                continue;
            }
            let mut j = i + 1;
            while j < b.len() && b"-+ #0123456789.*".contains(&b[j]) {
                j += 1;
            }
            if j < b.len() {
                v.push((i, j + 1, b[j] as char));
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    v
}

/// Rewrites `%q` directives as `%s` with their arguments quoted.
fn with_q(fmt: &str, args: &[String]) -> (String, Vec<String>) {
    let ds = directives(fmt);
    if !ds.iter().any(|d| d.2 == 'q') {
        return (fmt.to_string(), args.to_vec());
    }
    let mut f = String::new();
    let mut last = 0;
    for &(a, b, c) in &ds {
        f.push_str(&fmt[last..a]);
        if c == 'q' {
            f.push_str(&fmt[a..b - 1]);
            f.push('s');
        } else {
            f.push_str(&fmt[a..b]);
        }
        last = b;
    }
    f.push_str(&fmt[last..]);
    let per = ds.len().max(1);
    let mut out = args.to_vec();
    for (k, a) in out.iter_mut().enumerate() {
        if ds[k % per].2 == 'q' {
            *a = quote(a);
        }
    }
    (f, out)
}

pub(super) fn printf(sh: &mut Shell, args: &[String], io: &mut Io) -> Result<i32, Flow> {
    let p = sh.err_prefix();
    let mut args = args;
    let mut var = None;
    if sh.kind == ShellKind::Bash {
        if args.first().map(String::as_str) == Some("-v") {
            match args.get(1) {
                Some(v) => var = Some(v.clone()),
                None => {
                    io.out
                        .errln(format!("{p}: printf: -v: option requires an argument"));
                    io.out
                        .errln("printf: usage: printf [-v var] format [arguments]");
                    return Ok(2);
                }
            }
            args = &args[2..];
        }
        if args.first().map(String::as_str) == Some("--") {
            args = &args[1..];
        }
    }
    if args.is_empty() {
        match sh.kind {
            ShellKind::Bash => io
                .out
                .errln("printf: usage: printf [-v var] format [arguments]"),
            _ => io
                .out
                .errln(format!("{p}: printf: usage: printf format [arg ...]")),
        }
        return Ok(2);
    }
    let (fmt, rest) = if sh.kind == ShellKind::Bash {
        with_q(&args[0], &args[1..])
    } else {
        (args[0].clone(), args[1..].to_vec())
    };
    let (s, errs) = text::printf(&fmt, &rest);
    match var {
        Some(v) => {
            let (base, sub) = crate::userland::shell::arrays::split_subscript(&v);
            match sub {
                Some(sub) => {
                    let _ = sh.set_element(base, sub, &s, false);
                }
                None => sh.set(&v, &s),
            }
        }
        None => io.out.out(s),
    }
    for e in &errs {
        io.out.errln(format!("{p}: printf: {e}"));
    }
    Ok(if errs.is_empty() { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_like_bash() {
        assert_eq!(super::quote("a b"), "a\\ b");
        assert_eq!(super::quote("it's"), "it\\'s");
        assert_eq!(super::quote(""), "''");
        assert_eq!(super::quote("a\tb"), "$'a\\tb'");
    }
}
