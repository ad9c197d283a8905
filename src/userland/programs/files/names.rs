//! `basename` and `dirname`: pure path-string tools.

use super::*;

const BASENAME_GNU: &str = "a|multiple s=|suffix= z|zero";

/// The last component of `a` without `suffix` (unless that is all of it).
fn base_of(a: &str, suffix: Option<&str>) -> String {
    let t = a.trim_end_matches('/');
    let mut b = if t.is_empty() && !a.is_empty() {
        "/".to_string()
    } else {
        path::file_name(t).to_string()
    };
    if let Some(suf) = suffix {
        if b != suf {
            if let Some(s) = b.strip_suffix(suf) {
                b = s.to_string();
            }
        }
    }
    b
}

pub fn basename(p: &mut Proc) -> Result<i32, Flow> {
    let bb = p.is_busybox();
    let spec = if bb { "+" } else { BASENAME_GNU };
    let o = match super::super::opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.operands.is_empty() {
        if bb {
            p.out.errln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: basename FILE [SUFFIX]");
        } else {
            p.errln("missing operand");
            p.out.errln("Try 'basename --help' for more information.");
        }
        return Ok(1);
    }
    let end = if o.has("z") { "\0" } else { "\n" };
    if o.has("a") || o.has("s") {
        let suffix = o.value("s").map(str::to_string);
        let mut s = String::new();
        for a in &o.operands {
            s.push_str(&base_of(a, suffix.as_deref()));
            s.push_str(end);
        }
        p.out.out(s);
        return Ok(0);
    }
    if o.operands.len() > 2 {
        let q = super::super::locale::quote(p, &o.operands[2]);
        p.errln(format!("extra operand {q}"));
        p.out.errln("Try 'basename --help' for more information.");
        return Ok(1);
    }
    let b = base_of(&o.operands[0], o.operands.get(1).map(String::as_str));
    p.out.out(format!("{b}{end}"));
    Ok(0)
}

pub fn dirname(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() { "+" } else { "!z|zero" };
    let o = match super::super::opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let args = o.operands.clone();
    let Some(a) = args.first() else {
        p.errln("missing operand");
        p.out.errln("Try 'dirname --help' for more information.");
        return Ok(1);
    };
    let t = a.trim_end_matches('/');
    let d = match t.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) => t[..i].trim_end_matches('/').to_string(),
        None if a.starts_with('/') => "/".to_string(),
        None => ".".to_string(),
    };
    p.out.outln(d);
    Ok(0)
}
