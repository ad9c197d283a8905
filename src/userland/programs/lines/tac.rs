//! `tac` (lines in reverse order) and `rev` (characters of each line in
//! reverse order).

use super::super::operand::{self, OpenError};
use super::super::{opts, Flow, Proc};

/// `tac [-s SEP] [FILE]...`: records (ending with SEP, `\n` by default)
/// in reverse order; a last record without SEP is printed as it is.
pub fn tac(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        ""
    } else {
        "!b|before !r|regex s=|separator="
    };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let sep = o.value("s").unwrap_or("\n").to_string();
    if sep.is_empty() {
        p.errln("separator cannot be empty");
        return Ok(1);
    }
    let style = if p.is_busybox() {
        OpenError::Plain
    } else {
        OpenError::FailedToOpen
    };
    let mut code = 0;
    for f in operand::or_stdin(&o.operands) {
        let Some(data) = operand::read(p, &f, style) else {
            code = 1;
            continue;
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        let mut recs: Vec<&str> = text.split_inclusive(sep.as_str()).collect();
        recs.reverse();
        p.out.out(recs.concat());
    }
    Ok(code)
}

/// `rev [FILE]...`.
pub fn rev(p: &mut Proc) -> Result<i32, Flow> {
    let o = match opts::parse(p, if p.is_busybox() { "" } else { "!0|zero" }, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let style = if p.is_busybox() {
        OpenError::Plain
    } else {
        OpenError::CannotOpen
    };
    let mut code = 0;
    for f in operand::or_stdin(&o.operands) {
        let Some(data) = operand::read(p, &f, style) else {
            code = 1;
            continue;
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        let mut s = String::with_capacity(text.len());
        for l in text.split_inclusive('\n') {
            let (body, nl) = match l.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (l, ""),
            };
            s.extend(body.chars().rev());
            s.push_str(nl);
        }
        p.out.out(s);
    }
    Ok(code)
}
