//! awk values: numbers, strings, and "strnums" (input that looks numeric
//! compares as a number), with awk's conversions (`CONVFMT`/`OFMT`, the
//! integer shortcut, strtod-style string → number).

use crate::userland::programs::text::cfmt;

/// A value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Uninit,
    Num(f64),
    Str(String),
    /// From input (fields, getline, `split`, `-v`, ARGV, ENVIRON).
    StrNum(String),
}

impl Value {
    pub fn num(&self) -> f64 {
        match self {
            Value::Uninit => 0.0,
            Value::Num(n) => *n,
            Value::Str(s) | Value::StrNum(s) => str_to_num(s),
        }
    }
    pub fn truthy(&self) -> bool {
        match self {
            Value::Uninit => false,
            Value::Num(n) => *n != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::StrNum(s) => {
                if looks_numeric(s) {
                    str_to_num(s) != 0.0
                } else {
                    !s.is_empty()
                }
            }
        }
    }
    /// Whether comparisons treat it as a number.
    pub fn is_numeric(&self) -> bool {
        match self {
            Value::Uninit | Value::Num(_) => true,
            Value::Str(_) => false,
            Value::StrNum(s) => looks_numeric(s),
        }
    }
    /// The string value, numbers formatted with `convfmt`.
    pub fn string(&self, convfmt: &str, wide_ints: bool) -> String {
        match self {
            Value::Uninit => String::new(),
            Value::Num(n) => num_to_string(*n, convfmt, wide_ints),
            Value::Str(s) | Value::StrNum(s) => s.clone(),
        }
    }
}

/// The number a string starts with (leading blanks, sign, digits,
/// fraction, exponent), as `strtod` reads it; 0 when none.
pub fn str_to_num(s: &str) -> f64 {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c') {
        i += 1;
    }
    let start = i;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let rest = &s[i..];
    let lower = rest.get(..3).map(str::to_ascii_lowercase);
    if lower.as_deref() == Some("inf") || lower.as_deref() == Some("nan") {
        let v = if lower.as_deref() == Some("inf") {
            f64::INFINITY
        } else {
            f64::NAN
        };
        return if b.get(start) == Some(&b'-') { -v } else { v };
    }
    if b.get(i) == Some(&b'0')
        && matches!(b.get(i + 1), Some(b'x' | b'X'))
        && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
    {
        let mut k = i + 2;
        let mut v = 0f64;
        while let Some(d) = b.get(k).and_then(|c| (*c as char).to_digit(16)) {
            v = v * 16.0 + d as f64;
            k += 1;
        }
        return if b.get(start) == Some(&b'-') { -v } else { v };
    }
    let digits_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut any = i > digits_start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let f = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        any |= i > f;
    }
    if !any {
        return 0.0;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut k = i + 1;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            k += 1;
        }
        if k < b.len() && b[k].is_ascii_digit() {
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            i = k;
        }
    }
    s[start..i].parse().unwrap_or(0.0)
}

/// Whether the whole string (blanks around allowed) is a number.
pub fn looks_numeric(s: &str) -> bool {
    let t = s.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
    if t.is_empty() {
        return false;
    }
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return false;
    }
    let mut seen_digit = false;
    let mut seen_dot = false;
    let mut seen_e = false;
    let cs: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_ascii_digit() {
            seen_digit = true;
        } else if c == '.' && !seen_dot && !seen_e {
            seen_dot = true;
        } else if (c == 'e' || c == 'E') && seen_digit && !seen_e {
            seen_e = true;
            if matches!(cs.get(i + 1), Some('+' | '-')) {
                i += 1;
            }
            if !cs.get(i + 1).is_some_and(char::is_ascii_digit) {
                return false;
            }
        } else {
            return false;
        }
        i += 1;
    }
    seen_digit
}

/// A number as awk prints it: integral values as integers (mawk: within
/// 32-bit `int`; busybox: 64-bit), others through `fmt` (`%.6g`).
pub fn num_to_string(n: f64, fmt: &str, wide_ints: bool) -> String {
    let limit = if wide_ints {
        9.007199254740992e15
    } else {
        2147483647.0
    };
    if n == n.trunc() && n.abs() <= limit {
        return format!("{}", n as i64);
    }
    if n.is_nan() {
        return if n.is_sign_negative() { "-nan" } else { "nan" }.into();
    }
    if n.is_infinite() {
        return if n < 0.0 { "-inf" } else { "inf" }.into();
    }
    format_one(fmt, n)
}

/// Formats one number with a single-conversion format like `%.6g`.
pub fn format_one(fmt: &str, n: f64) -> String {
    let cs: Vec<char> = fmt.chars().collect();
    let Some(pct) = cs.iter().position(|c| *c == '%') else {
        return fmt.to_string();
    };
    let Ok((mut spec, k)) = cfmt::parse_spec(&cs, pct + 1, &mut || 0) else {
        return n.to_string();
    };
    let Some(&conv) = cs.get(k) else {
        return n.to_string();
    };
    spec.conv = conv;
    let arg = if "diouxXc".contains(conv) {
        cfmt::Arg::Int(cfmt::to_i64(n))
    } else {
        cfmt::Arg::Float(n)
    };
    let pre: String = cs[..pct].iter().collect();
    let post: String = cs[k + 1..].iter().collect();
    format!("{pre}{}{post}", cfmt::format(&spec, arg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions() {
        assert_eq!(str_to_num(" 3x"), 3.0);
        assert_eq!(str_to_num("-1.5e2abc"), -150.0);
        assert_eq!(str_to_num("abc"), 0.0);
        assert!(looks_numeric(" 10 "));
        assert!(!looks_numeric("10a"));
        assert!(looks_numeric("1e5"));
        assert!(!looks_numeric("e5"));
        assert_eq!(num_to_string(0.1 + 0.2, "%.6g", false), "0.3");
        assert_eq!(num_to_string(2147483648.0, "%.6g", false), "2.14748e+09");
        assert_eq!(num_to_string(2147483648.0, "%.6g", true), "2147483648");
        assert_eq!(num_to_string(-3.0, "%.6g", false), "-3");
    }
}
