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
pub fn unescape(s: &str, echo_style: bool) -> (String, bool) {
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

/// `printf FORMAT ARGS…`: returns the text and error messages. The
/// format is reused while arguments remain; conversions are C's (see
/// `cfmt`), plus `%b` (escapes in the argument) and `%q` (shell quoting).
pub fn printf(fmt: &str, args: &[String]) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut errs = Vec::new();
    let cs: Vec<char> = fmt.chars().collect();
    let mut ai = 0;
    loop {
        let mut i = 0;
        let start_ai = ai;
        while i < cs.len() {
            let c = cs[i];
            if c == '\\' {
                let mut k = i + 1;
                let mut esc = String::from("\\");
                if k < cs.len() {
                    esc.push(cs[k]);
                    if ('0'..='7').contains(&cs[k]) {
                        while k + 1 < cs.len() && esc.len() < 5 && ('0'..='7').contains(&cs[k + 1])
                        {
                            k += 1;
                            esc.push(cs[k]);
                        }
                    } else if cs[k] == 'x' {
                        while k + 1 < cs.len() && esc.len() < 4 && cs[k + 1].is_ascii_hexdigit() {
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
            let mut star_errs = Vec::new();
            let parsed = cfmt::parse_spec(&cs, i + 1, &mut || {
                let a = args.get(ai).cloned().unwrap_or_default();
                ai += 1;
                parse_num(&a, &mut star_errs)
            });
            errs.extend(star_errs);
            let (mut spec, k) = match parsed {
                Ok(x) => x,
                Err(cfmt::TooWide) => {
                    errs.push(
                        "dockerlings: printf: a field width or precision over 1048576 is not available in this sandbox"
                            .into(),
                    );
                    return (out, errs);
                }
            };
            let Some(&conv) = cs.get(k) else {
                errs.push(format!(
                    "%{}: invalid directive",
                    cs[i + 1..].iter().collect::<String>()
                ));
                return (out, errs);
            };
            spec.conv = conv;
            let arg = args.get(ai).cloned();
            ai += 1;
            let arg = arg.unwrap_or_default();
            let piece = match conv {
                'd' | 'i' | 'o' | 'u' | 'x' | 'X' => {
                    cfmt::format(&spec, cfmt::Arg::Int(parse_num(&arg, &mut errs)))
                }
                'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                    cfmt::format(&spec, cfmt::Arg::Float(parse_float(&arg, &mut errs)))
                }
                'c' => cfmt::format(&spec, cfmt::Arg::Str(&arg)),
                's' => cfmt::format(&spec, cfmt::Arg::Str(&arg)),
                'b' => {
                    let (t, stop) = unescape(&arg, true);
                    spec.conv = 's';
                    out.push_str(&cfmt::format(&spec, cfmt::Arg::Str(&t)));
                    if stop {
                        return (out, errs);
                    }
                    String::new()
                }
                'q' => {
                    spec.conv = 's';
                    cfmt::format(&spec, cfmt::Arg::Str(&shell_quote(&arg)))
                }
                other => {
                    errs.push(format!("%{other}: invalid directive"));
                    return (out, errs);
                }
            };
            out.push_str(&piece);
            if out.len() > super::OUTPUT_CAP * 4 {
                return (out, errs);
            }
            i = k + 1;
        }
        if ai == start_ai || ai >= args.len() {
            break;
        }
    }
    (out, errs)
}

/// `%q`: the argument quoted for reuse as shell input (bash's style).
fn shell_quote(s: &str) -> String {
    if s.is_empty() {
        return "''".into();
    }
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "_-./,:=@%+".contains(c) {
            out.push(c);
        } else {
            out.push('\\');
            out.push(c);
        }
    }
    out
}

fn parse_float(a: &str, errs: &mut Vec<String>) -> f64 {
    let t = a.trim();
    if t.is_empty() {
        return 0.0;
    }
    if let Some(c) = t.strip_prefix('\'').or_else(|| t.strip_prefix('"')) {
        return c.chars().next().map_or(0.0, |c| c as u32 as f64);
    }
    match t.parse::<f64>() {
        Ok(v) => v,
        Err(_) => {
            errs.push(format!("{a}: invalid number"));
            0.0
        }
    }
}

fn parse_num(a: &str, errs: &mut Vec<String>) -> i64 {
    let t = a.trim_start();
    if t.is_empty() {
        return 0;
    }
    if let Some(c) = t.strip_prefix('\'').or_else(|| t.strip_prefix('"')) {
        return c.chars().next().map(|c| c as i64).unwrap_or(0);
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (radix, digits) =
        if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, h)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    let valid: String = digits.chars().take_while(|c| c.is_digit(radix)).collect();
    let v =
        i64::from_str_radix(&valid, radix).unwrap_or(if valid.is_empty() { 0 } else { i64::MAX });
    if valid.len() != digits.len() || (valid.is_empty() && radix != 8) {
        errs.push(format!("{a}: invalid number"));
    }
    if neg {
        -v
    } else {
        v
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
