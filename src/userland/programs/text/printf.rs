//! `echo` and `printf`: the backslash-escape and format interpreters
//! shared by the programs and the shell builtins.

use super::*;

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
pub(super) fn unescape(s: &str, echo_style: bool) -> (String, bool) {
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
