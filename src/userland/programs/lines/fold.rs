//! `fold`: wraps lines at a width (`-w`), at blanks (`-s`), counting bytes
//! (`-b`) or columns (tabs to the next multiple of 8).

use super::super::operand::{self, OpenError};
use super::super::{locale, opts, Flow, Proc};

fn col_after(col: usize, c: char, bytes: bool) -> usize {
    if bytes {
        return col + c.len_utf8();
    }
    match c {
        '\t' => col + 8 - col % 8,
        '\x08' => col.saturating_sub(1),
        '\r' => 0,
        _ => col + 1,
    }
}

/// Folds one line (without its newline).
fn fold_line(line: &str, width: usize, spaces: bool, bytes: bool) -> String {
    let mut out = String::new();
    let mut cur: Vec<char> = Vec::new();
    let mut col = 0;
    for c in line.chars() {
        let next = col_after(col, c, bytes);
        if next > width && !cur.is_empty() {
            let split = if spaces {
                cur.iter().rposition(|x| *x == ' ' || *x == '\t')
            } else {
                None
            };
            match split {
                Some(i) => {
                    out.extend(&cur[..=i]);
                    out.push('\n');
                    cur.drain(..=i);
                }
                None => {
                    out.extend(&cur);
                    out.push('\n');
                    cur.clear();
                }
            }
            col = cur.iter().fold(0, |a, x| col_after(a, *x, bytes));
        }
        cur.push(c);
        col = col_after(col, c, bytes);
    }
    out.extend(&cur);
    out
}

pub fn fold(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "b s w="
    } else {
        "b|bytes !c|characters s|spaces w=|width="
    };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let width = match o.value("w") {
        None => 80,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n > 0 => n.min(1 << 20),
            Ok(_) => {
                let q = locale::quote(p, v);
                p.errln(format!(
                    "invalid number of columns: {q}: Numerical result out of range"
                ));
                return Ok(1);
            }
            Err(_) => {
                let q = locale::quote(p, v);
                p.errln(format!("invalid number of columns: {q}"));
                return Ok(1);
            }
        },
    };
    let mut code = 0;
    for f in operand::or_stdin(&o.operands) {
        let Some(data) = operand::read(p, &f, OpenError::Plain) else {
            code = 1;
            continue;
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        let mut s = String::new();
        for l in text.split_inclusive('\n') {
            let (body, nl) = match l.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (l, ""),
            };
            s.push_str(&fold_line(body, width, o.has("s"), o.has("b")));
            s.push_str(nl);
        }
        p.out.out(s);
    }
    Ok(code)
}
