//! `basename` and `dirname`: pure path-string tools.

use super::*;

pub fn basename(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let Some(a) = args.first() else {
        p.errln("missing operand");
        p.out.errln("Try 'basename --help' for more information.");
        return Ok(1);
    };
    let t = a.trim_end_matches('/');
    let mut b = if t.is_empty() && !a.is_empty() {
        "/".to_string()
    } else {
        path::file_name(t).to_string()
    };
    if let Some(suf) = args.get(1) {
        if b != *suf {
            if let Some(s) = b.strip_suffix(suf.as_str()) {
                b = s.to_string();
            }
        }
    }
    p.out.outln(b);
    Ok(0)
}

pub fn dirname(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
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
