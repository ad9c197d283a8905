//! `seq`: GNU coreutils seq — integers or fixed-point output with the
//! operands' precision, `-s`, `-w`, `-f`, negative steps; bounded by the
//! output cap.

use super::*;

/// The options seq accepts (it reads them by hand: `-1` is an operand).
pub const OPTIONS: &str = "f=|format= s=|separator= w|equal-width help version";

/// Digits after the point in an operand (`1.50` → 2).
fn precision(s: &str) -> usize {
    if s.contains(['e', 'E']) {
        return 0;
    }
    s.split_once('.').map_or(0, |(_, f)| f.len())
}

pub fn seq(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let mut fmt: Option<String> = None;
    let mut sep = "\n".to_string();
    let mut width = false;
    let mut ops: Vec<String> = Vec::new();
    let mut i = 0;
    let bad_opt = |p: &mut Proc, m: String| {
        p.errln(m);
        p.out.errln("Try 'seq --help' for more information.");
        Ok(1)
    };
    while i < args.len() {
        let a = &args[i];
        let is_opt = a.starts_with('-')
            && a.len() > 1
            && !a[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.');
        if !is_opt || !ops.is_empty() {
            ops.push(a.clone());
            i += 1;
            continue;
        }
        let take = |i: &mut usize, rest: &str| -> Option<String> {
            if !rest.is_empty() {
                Some(rest.to_string())
            } else {
                *i += 1;
                args.get(*i).cloned()
            }
        };
        if let Some(l) = a.strip_prefix("--") {
            let (k, v) = match l.split_once('=') {
                Some((k, v)) => (k, Some(v.to_string())),
                None => (l, None),
            };
            match k {
                "separator" => {
                    sep = v
                        .or_else(|| {
                            i += 1;
                            args.get(i).cloned()
                        })
                        .unwrap_or_default()
                }
                "format" => {
                    fmt = v.or_else(|| {
                        i += 1;
                        args.get(i).cloned()
                    })
                }
                "equal-width" => width = true,
                "help" => {
                    p.out.outln("Usage: seq [OPTION]... LAST\n  or:  seq [OPTION]... FIRST LAST\n  or:  seq [OPTION]... FIRST INCREMENT LAST");
                    return Ok(0);
                }
                "version" => {
                    p.out.outln("seq (GNU coreutils) 9.1");
                    return Ok(0);
                }
                "" => {
                    ops.extend(args[i + 1..].iter().cloned());
                    break;
                }
                _ => return bad_opt(p, format!("unrecognized option '{a}'")),
            }
            i += 1;
            continue;
        }
        let c = a.chars().nth(1).unwrap_or('-');
        let rest: String = a.chars().skip(2).collect();
        match c {
            's' => match take(&mut i, &rest) {
                Some(v) => sep = v,
                None => return bad_opt(p, "option requires an argument -- 's'".into()),
            },
            'f' => match take(&mut i, &rest) {
                Some(v) => fmt = Some(v),
                None => return bad_opt(p, "option requires an argument -- 'f'".into()),
            },
            'w' if rest.is_empty() => width = true,
            other => return bad_opt(p, format!("invalid option -- '{other}'")),
        }
        i += 1;
    }
    let mut nums = Vec::new();
    for a in &ops {
        match a.trim().parse::<f64>() {
            Ok(v) if !v.is_nan() => nums.push(v),
            _ => {
                let q = if p.is_busybox() {
                    format!("'{a}'")
                } else {
                    format!("‘{a}’")
                };
                return bad_opt(p, format!("invalid floating point argument: {q}"));
            }
        }
    }
    let (first, step, last) = match nums.as_slice() {
        [l] => (1.0, 1.0, *l),
        [f, l] => (*f, 1.0, *l),
        [f, s, l] => (*f, *s, *l),
        [] => return bad_opt(p, "missing operand".into()),
        _ => return bad_opt(p, format!("extra operand ‘{}’", ops[3])),
    };
    if step == 0.0 {
        return bad_opt(p, format!("invalid Zero increment value: ‘{}’", ops[1]));
    }
    let prec = match ops.len() {
        1 => 0,
        2 => precision(&ops[0]),
        _ => precision(&ops[0]).max(precision(&ops[1])),
    };
    let render = |x: f64| -> String {
        match &fmt {
            Some(f) => super::printf::printf(f, &[format!("{x}")]).0,
            None => format!("{x:.prec$}"),
        }
    };
    let w = if width && fmt.is_none() {
        render(first).len().max(render(last).len())
    } else {
        0
    };
    let mut out = String::new();
    let mut n: u64 = 0;
    loop {
        let x = first + n as f64 * step;
        if (step > 0.0 && x > last) || (step < 0.0 && x < last) {
            break;
        }
        if n > 0 {
            out.push_str(&sep);
        }
        let mut s = render(x);
        if s.len() < w {
            let (sign, body) = if let Some(b) = s.strip_prefix('-') {
                ("-", b.to_string())
            } else {
                ("", s.clone())
            };
            s = format!("{sign}{}{body}", "0".repeat(w - sign.len() - body.len()));
        }
        out.push_str(&s);
        n += 1;
        if out.len() > OUTPUT_CAP {
            p.out.out(out);
            return Err(Flow::OutputCap);
        }
    }
    if n > 0 {
        out.push('\n');
    }
    p.out.out(out);
    Ok(0)
}
