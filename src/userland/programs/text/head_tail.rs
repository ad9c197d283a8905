//! `head` and `tail`.

use super::*;

pub fn head(p: &mut Proc) -> Result<i32, Flow> {
    let args = numeric_shorthand(p.args());
    let o = match Opts::parse(&args, "nc") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "qv", 1) {
        return Ok(c);
    }
    let n: i64 = match o.value('n').map(|v| v.parse::<i64>()) {
        None => 10,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            let v = o.value('n').unwrap_or("");
            p.errln(format!("invalid number of lines: '{v}'"));
            return Ok(1);
        }
    };
    let bytes: Option<usize> = o.value('c').and_then(|v| v.parse().ok());
    let multi = o.operands.len() > 1;
    let mut code = 0;
    let ins = inputs(p, &o.operands);
    for (idx, (name, r)) in ins.into_iter().enumerate() {
        match r {
            Err(e) => {
                open_err(p, &name, &e);
                code = 1;
            }
            Ok(text) => {
                if multi {
                    if idx > 0 {
                        p.out.out("\n");
                    }
                    p.out.outln(format!("==> {name} <=="));
                }
                if let Some(c) = bytes {
                    let b = text.as_bytes();
                    p.out.out(String::from_utf8_lossy(&b[..c.min(b.len())]));
                    continue;
                }
                let lines = split_lines(&text);
                let take = if n >= 0 {
                    n as usize
                } else {
                    lines.len().saturating_sub((-n) as usize)
                };
                for l in lines.iter().take(take) {
                    p.out.out(l);
                }
            }
        }
    }
    Ok(code)
}

pub fn tail(p: &mut Proc) -> Result<i32, Flow> {
    let args = numeric_shorthand(p.args());
    let o = match Opts::parse(&args, "nc") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "fFqv", 1) {
        return Ok(c);
    }
    let follow = o.has('f') || o.has('F') || o.long("follow");
    let spec = o.value('n').unwrap_or("10").to_string();
    let (from_start, n) = match spec.strip_prefix('+') {
        Some(r) => (true, r.parse::<usize>().ok()),
        None => (false, spec.trim_start_matches('-').parse::<usize>().ok()),
    };
    let Some(n) = n else {
        p.errln(format!("invalid number of lines: '{spec}'"));
        return Ok(1);
    };
    let multi = o.operands.len() > 1;
    let mut code = 0;
    let ins = inputs(p, &o.operands);
    for (idx, (name, r)) in ins.into_iter().enumerate() {
        match r {
            Err(e) => {
                open_err(p, &name, &e);
                code = 1;
            }
            Ok(text) => {
                if multi {
                    if idx > 0 {
                        p.out.out("\n");
                    }
                    p.out.outln(format!("==> {name} <=="));
                }
                let lines = split_lines(&text);
                let skip = if from_start {
                    n.saturating_sub(1)
                } else {
                    lines.len().saturating_sub(n)
                };
                for l in lines.iter().skip(skip) {
                    p.out.out(l);
                }
            }
        }
    }
    if follow && code == 0 {
        // Waits for more data forever: a service with no output.
        return Err(super::service_flow(Service::Waiting));
    }
    Ok(code)
}
