//! `tr`.

use super::*;

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
