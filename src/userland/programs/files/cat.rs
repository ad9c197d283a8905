//! `cat` (also `more`, `less` on a non-terminal) and `tee`.

use super::*;

pub fn cat(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "nbEATsuv", 1) {
        return Ok(c);
    }
    let files = if o.operands.is_empty() {
        vec!["-".to_string()]
    } else {
        o.operands.clone()
    };
    let mut code = 0;
    let mut lineno = 0;
    for f in files {
        let data = if f == "-" {
            p.ctx.stdin.clone().unwrap_or_default()
        } else {
            match p.read(&f) {
                Ok(b) => b,
                Err(e) => {
                    p.errln(format!("{f}: {e}"));
                    code = 1;
                    continue;
                }
            }
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        if o.has('n') || o.has('b') || o.has('E') || o.has('A') {
            for l in text.split_inclusive('\n') {
                let (body, nl) = match l.strip_suffix('\n') {
                    Some(b) => (b, true),
                    None => (l, false),
                };
                let mut s = String::new();
                if o.has('n') || (o.has('b') && !body.is_empty()) {
                    lineno += 1;
                    s.push_str(&format!("{lineno:>6}\t"));
                }
                s.push_str(body);
                if nl {
                    if o.has('E') || o.has('A') {
                        s.push('$');
                    }
                    s.push('\n');
                }
                p.out.out(s);
            }
        } else {
            p.out.out(text);
        }
    }
    Ok(code)
}

pub fn tee(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
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
