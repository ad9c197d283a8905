//! `cat` (also `more`, `less` on a non-terminal) and `tee`.

use super::*;

const CAT_GNU: &str = "A|show-all b|number-nonblank e E|show-ends n|number s|squeeze-blank t T|show-tabs u v|show-nonprinting";
const CAT_BUSYBOX: &str = "A b e n t u v";

/// `-v`: control characters as `^X`, DEL as `^?`.
fn nonprinting(s: &str, tabs: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' if !tabs => out.push('\t'),
            '\x00'..='\x1f' => {
                out.push('^');
                out.push((c as u8 + 64) as char);
            }
            '\x7f' => out.push_str("^?"),
            _ => out.push(c),
        }
    }
    out
}

pub fn cat(p: &mut Proc) -> Result<i32, Flow> {
    let bb = p.is_busybox();
    let o = match super::super::opts::parse(p, if bb { CAT_BUSYBOX } else { CAT_GNU }, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let all = o.has("A");
    let ends = all || o.has("e") || o.has("E");
    let tabs = all || o.has("t") || o.has("T");
    let nonprint = all || o.has("e") || o.has("t") || o.has("v");
    let number_nonblank = o.has("b");
    let number = o.has("n") || number_nonblank;
    let squeeze = o.has("s");
    let plain = !(ends || tabs || nonprint || number || squeeze);
    let mut code = 0;
    let mut lineno = 0;
    let mut blank_run = 0;
    for f in super::super::operand::or_stdin(&o.operands) {
        let style = if bb {
            super::super::operand::OpenError::CantOpen
        } else {
            super::super::operand::OpenError::Plain
        };
        let Some(data) = super::super::operand::read(p, &f, style) else {
            code = 1;
            continue;
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        if plain {
            p.out.out(text);
            continue;
        }
        let mut s = String::new();
        for l in text.split_inclusive('\n') {
            let (body, nl) = match l.strip_suffix('\n') {
                Some(b) => (b, true),
                None => (l, false),
            };
            if body.is_empty() && nl {
                blank_run += 1;
                if squeeze && blank_run > 1 {
                    continue;
                }
            } else {
                blank_run = 0;
            }
            if number && !(number_nonblank && body.is_empty()) {
                lineno += 1;
                s.push_str(&format!("{lineno:>6}\t"));
            }
            if nonprint || tabs {
                let mut b = if nonprint {
                    nonprinting(body, tabs)
                } else {
                    body.to_string()
                };
                if tabs {
                    b = b.replace('\t', "^I");
                }
                s.push_str(&b);
            } else {
                s.push_str(body);
            }
            if nl {
                if ends {
                    s.push('$');
                }
                s.push('\n');
            }
        }
        p.out.out(s);
    }
    Ok(code)
}

pub fn tee(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "a i"
    } else {
        "a|append i|ignore-interrupts !p !output-error?"
    };
    let o = match super::super::opts::parse_legacy(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let data = p.ctx.stdin.clone().unwrap_or_default();
    let mut code = 0;
    let now = p.lim.now_secs();
    for f in &o.operands {
        let abs = p.abs(f);
        let r = if o.has('a') {
            super::super::append_file(p.sys, &abs, &data, now)
        } else {
            super::super::write_file(p.sys, &abs, &data, now)
        };
        if let Err(e) = r {
            p.errln(format!("{f}: {e}"));
            code = 1;
        }
    }
    p.out.out(String::from_utf8_lossy(&data));
    Ok(code)
}
