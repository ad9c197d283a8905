//! `expr`: evaluates an expression given as separate arguments — `|`, `&`,
//! comparisons, `+ - * / %`, `STRING : REGEX`, `match`, `substr`, `index`,
//! `length`, parentheses. Status 0 when the result is neither empty nor 0,
//! 1 when it is, 2 for a syntax error, 3 for an evaluation error.

use super::{Flow, Proc};
use crate::userland::regex::Regex;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Val {
    Int(i128),
    Str(String),
}

impl Val {
    fn text(&self) -> String {
        match self {
            Val::Int(n) => n.to_string(),
            Val::Str(s) => s.clone(),
        }
    }
    fn int(&self) -> Option<i128> {
        match self {
            Val::Int(n) => Some(*n),
            Val::Str(s) => parse_int(s),
        }
    }
    fn is_null(&self) -> bool {
        match self {
            Val::Int(n) => *n == 0,
            Val::Str(s) => s.is_empty() || parse_int(s) == Some(0),
        }
    }
}

fn parse_int(s: &str) -> Option<i128> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Why evaluation stopped: (message, status).
type Fail = (String, i32);

struct Parser<'a> {
    args: &'a [String],
    i: usize,
    busybox: bool,
    /// Quote with ‘…’ (a UTF-8 locale).
    utf8: bool,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.args.get(self.i).map(String::as_str)
    }
    fn q(&self, s: &str) -> String {
        if self.utf8 {
            format!("\u{2018}{s}\u{2019}")
        } else {
            format!("'{s}'")
        }
    }
    fn syntax(&self) -> Fail {
        if self.busybox {
            return ("syntax error".into(), 2);
        }
        match self.args.get(self.i) {
            Some(t) => (
                format!("syntax error: unexpected argument {}", self.q(t)),
                2,
            ),
            None => match self.i.checked_sub(1).and_then(|k| self.args.get(k)) {
                Some(t) => (
                    format!("syntax error: missing argument after {}", self.q(t)),
                    2,
                ),
                None => ("syntax error: missing argument".into(), 2),
            },
        }
    }
    fn binary(
        &mut self,
        ops: &[&str],
        next: fn(&mut Self) -> Result<Val, Fail>,
        apply: fn(&Self, &str, Val, Val) -> Result<Val, Fail>,
    ) -> Result<Val, Fail> {
        let mut l = next(self)?;
        while let Some(op) = self.peek().filter(|t| ops.contains(t)).map(str::to_string) {
            self.i += 1;
            if self.peek().is_none() {
                return Err(self.syntax());
            }
            let r = next(self)?;
            l = apply(self, &op, l, r)?;
        }
        Ok(l)
    }
    fn or(&mut self) -> Result<Val, Fail> {
        self.binary(&["|"], Self::and, |s, _, l, r| {
            Ok(if !l.is_null() {
                l
            } else if !r.is_null() || s.busybox {
                r
            } else {
                Val::Int(0)
            })
        })
    }
    fn and(&mut self) -> Result<Val, Fail> {
        self.binary(&["&"], Self::cmp, |_, _, l, r| {
            Ok(if l.is_null() || r.is_null() {
                Val::Int(0)
            } else {
                l
            })
        })
    }
    fn cmp(&mut self) -> Result<Val, Fail> {
        self.binary(
            &["<", "<=", "=", "==", "!=", ">=", ">"],
            Self::add,
            |_, op, l, r| {
                let ord = match (l.int(), r.int()) {
                    (Some(a), Some(b)) => a.cmp(&b),
                    _ => l.text().cmp(&r.text()),
                };
                use std::cmp::Ordering::*;
                let t = match op {
                    "<" => ord == Less,
                    "<=" => ord != Greater,
                    "=" | "==" => ord == Equal,
                    "!=" => ord != Equal,
                    ">=" => ord != Less,
                    _ => ord == Greater,
                };
                Ok(Val::Int(i128::from(t)))
            },
        )
    }
    fn add(&mut self) -> Result<Val, Fail> {
        self.binary(&["+", "-"], Self::mul, Self::arith)
    }
    fn mul(&mut self) -> Result<Val, Fail> {
        self.binary(&["*", "/", "%"], Self::colon, Self::arith)
    }
    fn arith(&self, op: &str, l: Val, r: Val) -> Result<Val, Fail> {
        let (Some(a), Some(b)) = (l.int(), r.int()) else {
            let msg = if self.busybox {
                "non-numeric argument"
            } else {
                "non-integer argument"
            };
            return Err((msg.into(), 2));
        };
        let v = match op {
            "+" => a.checked_add(b),
            "-" => a.checked_sub(b),
            "*" => a.checked_mul(b),
            _ if b == 0 => return Err(("division by zero".into(), 2)),
            "/" => a.checked_div(b),
            _ => a.checked_rem(b),
        };
        v.map(Val::Int)
            .ok_or_else(|| ("result too large".to_string(), 3))
    }
    fn colon(&mut self) -> Result<Val, Fail> {
        self.binary(&[":"], Self::primary, |s, _, l, r| {
            s.matching(&l.text(), &r.text())
        })
    }
    fn matching(&self, text: &str, pat: &str) -> Result<Val, Fail> {
        regex_match(text, pat).map_err(|e| (e, 2))
    }
    fn primary(&mut self) -> Result<Val, Fail> {
        let Some(t) = self.peek().map(str::to_string) else {
            return Err(self.syntax());
        };
        self.i += 1;
        let take = |p: &mut Self| -> Result<Val, Fail> {
            if p.peek().is_none() {
                return Err(p.syntax());
            }
            p.primary()
        };
        match t.as_str() {
            "(" => {
                let v = self.or()?;
                if self.peek() != Some(")") {
                    if self.busybox {
                        return Err(("syntax error".into(), 2));
                    }
                    return Err(match self.peek() {
                        Some(x) => (
                            format!("syntax error: expecting ')' instead of {}", self.q(x)),
                            2,
                        ),
                        None => (
                            "syntax error: expecting ')' after '".to_string()
                                + self.args.get(self.i - 1).map_or("", |s| s)
                                + "'",
                            2,
                        ),
                    });
                }
                self.i += 1;
                Ok(v)
            }
            "+" => {
                let v = self.peek().map(str::to_string);
                match v {
                    Some(v) => {
                        self.i += 1;
                        Ok(Val::Str(v))
                    }
                    None => Err(self.syntax()),
                }
            }
            "length" => {
                let v = take(self)?;
                Ok(Val::Int(v.text().chars().count() as i128))
            }
            "match" => {
                let s = take(self)?;
                let r = take(self)?;
                self.matching(&s.text(), &r.text())
            }
            "index" => {
                let s = take(self)?.text();
                let chars = take(self)?.text();
                let pos = s
                    .chars()
                    .position(|c| chars.contains(c))
                    .map_or(0, |k| k + 1);
                Ok(Val::Int(pos as i128))
            }
            "substr" => {
                let s = take(self)?.text();
                let pos = take(self)?.int();
                let len = take(self)?.int();
                let (Some(pos), Some(len)) = (pos, len) else {
                    return Ok(Val::Str(String::new()));
                };
                if pos < 1 || len < 1 {
                    return Ok(Val::Str(String::new()));
                }
                Ok(Val::Str(
                    s.chars()
                        .skip((pos - 1) as usize)
                        .take(len.min(1 << 30) as usize)
                        .collect(),
                ))
            }
            ")" => {
                self.i -= 1;
                Err(self.syntax())
            }
            _ => Ok(Val::Str(t)),
        }
    }
}

/// `STRING : REGEX`: anchored at the start; the first `\(…\)` group's
/// text, else the number of characters matched.
fn regex_match(text: &str, pat: &str) -> Result<Val, String> {
    let anchored = format!("^{}", pat.strip_prefix('^').unwrap_or(pat));
    let re = Regex::new(&anchored, false, false).map_err(|e| e.to_string())?;
    let end = match re.find(text) {
        Some((_, e)) => e,
        None => {
            return Ok(if pat.contains("\\(") {
                Val::Str(String::new())
            } else {
                Val::Int(0)
            })
        }
    };
    let Some(open) = pat.find("\\(") else {
        return Ok(Val::Int(text[..end].chars().count() as i128));
    };
    let close = matching_close(pat, open).ok_or("Unmatched ( or \\(")?;
    let (before, group, after) = (&pat[..open], &pat[open + 2..close], &pat[close + 2..]);
    let full = |p: &str, s: &str| -> bool {
        let r = format!("^{}$", p.strip_prefix('^').unwrap_or(p));
        Regex::new(&r, false, false).is_ok_and(|re| re.is_match(s))
    };
    let m = &text[..end];
    let bounds: Vec<usize> = m
        .char_indices()
        .map(|(k, _)| k)
        .chain(std::iter::once(m.len()))
        .collect();
    // What precedes the group matches greedily, then the group is longest.
    for &s in bounds.iter().rev() {
        if !full(before, &m[..s]) {
            continue;
        }
        for &e in bounds.iter().rev().filter(|e| **e >= s) {
            if full(group, &m[s..e]) && full(after, &m[e..]) {
                return Ok(Val::Str(m[s..e].to_string()));
            }
        }
    }
    Ok(Val::Str(String::new()))
}

/// The `\)` closing the `\(` at `open`.
fn matching_close(pat: &str, open: usize) -> Option<usize> {
    let b = pat.as_bytes();
    let mut depth = 0;
    let mut k = open;
    while k + 1 < b.len() {
        if b[k] == b'\\' {
            match b[k + 1] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(k);
                    }
                }
                _ => {}
            }
            k += 2;
        } else {
            k += 1;
        }
    }
    None
}

pub fn expr(p: &mut Proc) -> Result<i32, Flow> {
    let mut args = p.args();
    if args.first().is_some_and(|a| a == "--") {
        args.remove(0);
    }
    if args.is_empty() {
        p.errln("missing operand");
        if !p.is_busybox() {
            p.out.errln("Try 'expr --help' for more information.");
        }
        return Ok(2);
    }
    let mut parser = Parser {
        args: &args,
        i: 0,
        busybox: p.is_busybox(),
        utf8: super::locale::utf8(p),
    };
    let r = parser.or().and_then(|v| {
        if parser.i < args.len() {
            Err(parser.syntax())
        } else {
            Ok(v)
        }
    });
    match r {
        Ok(v) => {
            p.out.outln(v.text());
            Ok(if v.is_null() { 1 } else { 0 })
        }
        Err((msg, code)) => {
            p.errln(msg);
            Ok(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colon_matches() {
        assert_eq!(regex_match("abc", "a*"), Ok(Val::Int(1)));
        assert_eq!(regex_match("abc", "a\\(.\\)"), Ok(Val::Str("b".into())));
        assert_eq!(regex_match("x", "a"), Ok(Val::Int(0)));
        assert_eq!(
            regex_match("foo.txt", ".*\\.\\(.*\\)"),
            Ok(Val::Str("txt".into()))
        );
    }
}
