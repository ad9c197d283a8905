//! `nl`: numbers lines (`-b a|t|n`, `-n ln|rn|rz`, `-w`, `-s`, `-v`, `-i`).

use super::super::operand::{self, OpenError};
use super::super::{locale, opts, Flow, Proc};

const GNU: &str = "b=|body-numbering= !d=|section-delimiter= !f=|footer-numbering= !h=|header-numbering= i=|line-increment= !l=|join-blank-lines= n=|number-format= !p|no-renumber s=|number-separator= v=|starting-line-number= w=|number-width=";
const BUSYBOX: &str = "b= !p s= v= w=";

pub fn nl(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() { BUSYBOX } else { GNU };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let style = o.value("b").unwrap_or("t").to_string();
    if !matches!(style.as_str(), "a" | "t" | "n") {
        if style.starts_with('p') {
            p.out.errln(format!(
                "dockerlings: {}: the -b pBRE style is not available in this sandbox",
                p.name()
            ));
            return Ok(2);
        }
        let q = locale::quote(p, &style);
        p.errln(format!("invalid body numbering style: {q}"));
        p.out.errln("Try 'nl --help' for more information.");
        return Ok(1);
    }
    let format = o.value("n").unwrap_or("rn").to_string();
    if !matches!(format.as_str(), "ln" | "rn" | "rz") {
        let q = locale::quote(p, &format);
        p.errln(format!("invalid line number format: {q}"));
        p.out.errln("Try 'nl --help' for more information.");
        return Ok(1);
    }
    let num = |p: &mut Proc, k: &str, what: &str, min: i64| -> Result<i64, i32> {
        match o.value(k) {
            None => Ok(if k == "w" { 6 } else { 1 }),
            Some(v) => match v.parse::<i64>() {
                Ok(n) if n >= min => Ok(n),
                _ => {
                    let q = locale::quote(p, v);
                    p.errln(format!("invalid {what}: {q}"));
                    Err(1)
                }
            },
        }
    };
    let width = match num(p, "w", "line number field width", 1) {
        Ok(n) => n.min(4096) as usize,
        Err(c) => return Ok(c),
    };
    let mut n = match num(p, "v", "starting line number", i64::MIN) {
        Ok(n) => n,
        Err(c) => return Ok(c),
    };
    let incr = match num(p, "i", "line number increment", i64::MIN) {
        Ok(n) => n,
        Err(c) => return Ok(c),
    };
    let sep = o.value("s").unwrap_or("\t").to_string();
    let mut code = 0;
    for f in operand::or_stdin(&o.operands) {
        let Some(data) = operand::read(p, &f, OpenError::Plain) else {
            code = 1;
            continue;
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        let mut s = String::new();
        for l in text.split_inclusive('\n') {
            let body = l.strip_suffix('\n').unwrap_or(l);
            let numbered = match style.as_str() {
                "a" => true,
                "t" => !body.is_empty(),
                _ => false,
            };
            if numbered {
                let field = match format.as_str() {
                    "ln" => format!("{n:<width$}"),
                    "rz" if n < 0 => format!("-{:0>w$}", -n, w = width.saturating_sub(1)),
                    "rz" => format!("{n:0>width$}"),
                    _ => format!("{n:>width$}"),
                };
                s.push_str(&field);
                s.push_str(&sep);
                n = n.saturating_add(incr);
            } else {
                s.push_str(&" ".repeat(width + sep.len()));
            }
            s.push_str(body);
            s.push('\n');
        }
        p.out.out(s);
    }
    Ok(code)
}
