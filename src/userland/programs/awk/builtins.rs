//! awk's built-in functions and `printf`/`sprintf` formatting.

use super::ast::Expr;
use super::interp::{Interp, Jump, MAX_STRING, R};
use super::value::Value;
use crate::userland::programs::text::cfmt;

/// Lengths and positions count bytes, as mawk and busybox awk do.
fn char_len(s: &str) -> usize {
    s.len()
}

/// Byte offset → 1-based position.
fn char_pos(_s: &str, byte: usize) -> usize {
    byte + 1
}

impl Interp<'_, '_> {
    fn arg_str(&mut self, args: &[Expr], i: usize) -> R<String> {
        match args.get(i) {
            Some(e) => {
                let v = self.eval(e)?;
                Ok(self.str_of(&v))
            }
            None => Ok(String::new()),
        }
    }

    fn arg_num(&mut self, args: &[Expr], i: usize) -> R<f64> {
        match args.get(i) {
            Some(e) => Ok(self.eval(e)?.num()),
            None => Ok(0.0),
        }
    }

    fn arity(&self, name: &str, args: &[Expr], min: usize, max: usize) -> R<()> {
        if args.len() < min || args.len() > max {
            return Err(Jump::Fatal(
                format!("wrong number of arguments in call to {name}"),
                2,
            ));
        }
        Ok(())
    }

    pub fn builtin(&mut self, name: &str, args: &[Expr]) -> R<Value> {
        let num = |n: f64| Ok(Value::Num(n));
        match name {
            "length" => {
                self.arity(name, args, 0, 1)?;
                if let Some(Expr::Var(v)) = args.first() {
                    let is_arr = matches!(self.get_var_cell(v), Some(true));
                    if is_arr {
                        let id = self.array_id(v)?;
                        return num(self.arrays[id].map.len() as f64);
                    }
                }
                let s = if args.is_empty() {
                    self.fields[0].clone()
                } else {
                    self.arg_str(args, 0)?
                };
                num(char_len(&s) as f64)
            }
            "substr" => {
                self.arity(name, args, 2, 3)?;
                let s = self.arg_str(args, 0)?;
                let m = self.arg_num(args, 1)?;
                let len = char_len(&s) as f64;
                let start = round(m);
                let end = if args.len() == 3 {
                    let n = self.arg_num(args, 2)?;
                    if n.is_nan() {
                        start
                    } else if start < 1.0 && !self.busybox {
                        // mawk 1.3.4-20200120 counts the length from 1.
                        1.0 + round(n) - start
                    } else {
                        start + round(n)
                    }
                } else {
                    f64::INFINITY
                };
                let (a, b) = (start.max(1.0), end.min(len + 1.0));
                if b <= a {
                    return Ok(Value::Str(String::new()));
                }
                let bytes = &s.as_bytes()[a as usize - 1..(b as usize - 1).min(s.len())];
                Ok(Value::Str(String::from_utf8_lossy(bytes).into_owned()))
            }
            "index" => {
                self.arity(name, args, 2, 2)?;
                let s = self.arg_str(args, 0)?;
                let t = self.arg_str(args, 1)?;
                num(s.find(&t).map_or(0, |b| char_pos(&s, b)) as f64)
            }
            "split" => {
                self.arity(name, args, 2, 3)?;
                let s = self.arg_str(args, 0)?;
                let Some(Expr::Var(a)) = args.get(1) else {
                    return Err(Jump::Fatal(
                        "split: second argument is not an array".into(),
                        2,
                    ));
                };
                let parts = match args.get(2) {
                    Some(Expr::Regex(r)) => {
                        let r = r.clone();
                        self.split_fields(&s, if r == " " { "[ ]" } else { &r }, false)
                    }
                    Some(e) => {
                        let v = self.eval(e)?;
                        let fs = self.str_of(&v);
                        self.split_fields(&s, &fs, false)
                    }
                    None => {
                        let fs = self.str_var("FS");
                        self.split_fields(&s, &fs, false)
                    }
                };
                let id = self.array_id(a)?;
                self.arrays[id].clear();
                let n = parts.len();
                for (i, p) in parts.into_iter().enumerate() {
                    self.arrays[id].set((i + 1).to_string(), Value::StrNum(p));
                }
                num(n as f64)
            }
            "sub" | "gsub" => {
                self.arity(name, args, 2, 3)?;
                let re = self.regex_of(&args[0])?;
                let repl = self.arg_str(args, 1)?;
                let target = args
                    .get(2)
                    .cloned()
                    .unwrap_or(Expr::Field(Box::new(Expr::Num(0.0))));
                let v = self.eval(&target)?;
                let s = self.str_of(&v);
                let (out, n) = substitute(&re, &repl, &s, name == "gsub");
                if out.len() > MAX_STRING {
                    return Err(Jump::Fatal("out of memory (string too long)".into(), 2));
                }
                if n > 0 {
                    self.assign(&target, Value::Str(out))?;
                }
                num(n as f64)
            }
            "match" => {
                self.arity(name, args, 2, 2)?;
                let s = self.arg_str(args, 0)?;
                let re = self.regex_of(&args[1])?;
                let (start, len) = match re.find(&s) {
                    Some((a, b)) => (char_pos(&s, a) as f64, char_len(&s[a..b]) as f64),
                    None => (0.0, -1.0),
                };
                self.set_var("RSTART", Value::Num(start))?;
                self.set_var("RLENGTH", Value::Num(len))?;
                num(start)
            }
            "sprintf" => {
                if args.is_empty() {
                    return Err(Jump::Fatal("sprintf: no format".into(), 2));
                }
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(self.eval(a)?);
                }
                let fmt = self.str_of(&vals[0]);
                Ok(Value::Str(self.sprintf(&fmt, &vals[1..], "sprintf")?))
            }
            "sin" | "cos" | "exp" | "log" | "sqrt" | "int" => {
                self.arity(name, args, 1, 1)?;
                let x = self.arg_num(args, 0)?;
                num(match name {
                    "sin" => x.sin(),
                    "cos" => x.cos(),
                    "exp" => x.exp(),
                    "log" => {
                        if x < 0.0 {
                            -f64::NAN
                        } else {
                            x.ln()
                        }
                    }
                    "sqrt" => {
                        if x < 0.0 {
                            -f64::NAN
                        } else {
                            x.sqrt()
                        }
                    }
                    _ => x.trunc(),
                })
            }
            "atan2" => {
                self.arity(name, args, 2, 2)?;
                let y = self.arg_num(args, 0)?;
                let x = self.arg_num(args, 1)?;
                num(y.atan2(x))
            }
            "rand" => {
                self.rand_state = self
                    .rand_state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                num((self.rand_state >> 11) as f64 / (1u64 << 53) as f64)
            }
            "srand" => {
                let prev = self.rand_seed;
                let seed = if args.is_empty() {
                    self.p.lim.now_secs() as f64
                } else {
                    self.arg_num(args, 0)?
                };
                self.rand_seed = seed;
                self.rand_state = seed.to_bits();
                num(prev)
            }
            "tolower" | "toupper" => {
                self.arity(name, args, 1, 1)?;
                let s = self.arg_str(args, 0)?;
                Ok(Value::Str(if name == "tolower" {
                    s.to_ascii_lowercase()
                } else {
                    s.to_ascii_uppercase()
                }))
            }
            "system" => {
                self.arity(name, args, 1, 1)?;
                let cmd = self.arg_str(args, 0)?;
                let code = self.system(&cmd)?;
                num(code as f64)
            }
            "close" => {
                self.arity(name, args, 1, 2)?;
                let f = self.arg_str(args, 0)?;
                let r = self.close(&f)?;
                num(r as f64)
            }
            "fflush" => num(0.0),
            _ => Err(Jump::Fatal(format!("function {name} never defined"), 2)),
        }
    }

    fn get_var_cell(&mut self, name: &str) -> Option<bool> {
        if let Some(f) = self.frames.last() {
            if let Some(c) = f.get(name) {
                return Some(matches!(c, super::interp::Cell::Arr(_)));
            }
        }
        self.globals
            .get(name)
            .map(|c| matches!(c, super::interp::Cell::Arr(_)))
    }

    /// awk's `sprintf`: C conversions with awk's argument coercions.
    pub fn sprintf(&mut self, fmt: &str, vals: &[Value], who: &str) -> R<String> {
        let cs: Vec<char> = fmt.chars().collect();
        let mut out = String::new();
        let mut ai = 0;
        let mut i = 0;
        while i < cs.len() {
            let c = cs[i];
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
            let mut stars = Vec::new();
            let mut k = i + 1;
            // Pre-read `*` arguments in order.
            while k < cs.len() && !cs[k].is_ascii_alphabetic() {
                if cs[k] == '*' {
                    if self.busybox {
                        return Err(Jump::Fatal("%*x formats are not supported".into(), 1));
                    }
                    stars.push(vals.get(ai).map_or(0.0, Value::num) as i64);
                    ai += 1;
                }
                k += 1;
            }
            let mut si = stars.into_iter();
            let (mut spec, k) = match cfmt::parse_spec(&cs, i + 1, &mut || si.next().unwrap_or(0)) {
                Ok(x) => x,
                Err(cfmt::TooWide) => {
                    return Err(Jump::Fatal(
                        "dockerlings: printf: a field width or precision over 1048576 is not available in this sandbox".into(),
                        2,
                    ))
                }
            };
            let Some(&conv) = cs.get(k) else {
                out.extend(&cs[i..]);
                break;
            };
            let conv = match conv {
                'l' | 'h' | 'q' | 'L' => {
                    let mut k2 = k;
                    while matches!(cs.get(k2), Some('l' | 'h' | 'q' | 'L')) {
                        k2 += 1;
                    }
                    i = k2 - k;
                    match cs.get(k2) {
                        Some(&c) => c,
                        None => break,
                    }
                }
                c => {
                    i = 0;
                    c
                }
            };
            let k = k + i;
            if !"cdiouxXeEfFgGs".contains(conv) {
                return Err(Jump::Fatal(
                    format!("bad conversion in printf(\"{fmt}\")"),
                    2,
                ));
            }
            spec.conv = conv;
            if ai >= vals.len() && !self.busybox {
                self.partial = out;
                return Err(Jump::Fatal(
                    format!("not enough arguments passed to {who}(\"{fmt}\")"),
                    2,
                ));
            }
            let v = vals.get(ai).cloned().unwrap_or(Value::Uninit);
            ai += 1;
            let piece = match conv {
                's' => {
                    let s = self.str_of(&v);
                    cfmt::format(&spec, cfmt::Arg::Str(&s))
                }
                'c' => match &v {
                    Value::Num(n) => cfmt::format(&spec, cfmt::Arg::Int(*n as i64)),
                    other => {
                        let s = self.str_of(other);
                        cfmt::format(&spec, cfmt::Arg::Str(&s))
                    }
                },
                'd' | 'i' | 'o' | 'u' | 'x' | 'X' => {
                    cfmt::format(&spec, cfmt::Arg::Int(cfmt::to_i64(v.num())))
                }
                _ => cfmt::format(&spec, cfmt::Arg::Float(v.num())),
            };
            if out.len() + piece.len() > MAX_STRING {
                return Err(Jump::Fatal("out of memory (string too long)".into(), 2));
            }
            out.push_str(&piece);
            i = k + 1;
        }
        Ok(out)
    }
}

fn round(x: f64) -> f64 {
    // Round half to even, as C's rint does.
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
        r - x.signum()
    } else {
        r
    }
}

/// `sub`/`gsub`: replaces the first (or every) match; `&` is the match,
/// `\&` a literal `&`, `\\` a backslash.
pub fn substitute(
    re: &crate::userland::regex::Regex,
    repl: &str,
    s: &str,
    global: bool,
) -> (String, usize) {
    let mut out = String::new();
    let mut from = 0;
    let mut n = 0;
    let mut last_end: Option<usize> = None;
    while from <= s.len() {
        let Some((a, b)) = re.find_at(s, from) else {
            break;
        };
        if a == b && last_end == Some(a) {
            // An empty match right after the previous match: skip a char.
            match s[a..].chars().next() {
                Some(c) => {
                    out.push_str(&s[from..a + c.len_utf8()]);
                    from = a + c.len_utf8();
                    continue;
                }
                None => break,
            }
        }
        out.push_str(&s[from..a]);
        let mut it = repl.chars().peekable();
        while let Some(c) = it.next() {
            match c {
                '\\' if matches!(it.peek(), Some('&')) => {
                    it.next();
                    out.push('&');
                }
                '\\' if matches!(it.peek(), Some('\\')) => {
                    it.next();
                    out.push('\\');
                }
                '&' => out.push_str(&s[a..b]),
                c => out.push(c),
            }
        }
        n += 1;
        last_end = Some(b);
        if a == b {
            match s[a..].chars().next() {
                Some(c) => {
                    out.push(c);
                    from = a + c.len_utf8();
                }
                None => {
                    from = s.len() + 1;
                }
            }
        } else {
            from = b;
        }
        if !global || out.len() > MAX_STRING {
            break;
        }
    }
    if from <= s.len() {
        out.push_str(&s[from..]);
    }
    (out, n)
}
