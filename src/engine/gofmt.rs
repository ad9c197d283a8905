//! Go's number and string printing, as the docker CLI's output depends on
//! it: `strconv.FormatFloat` with `'g'`/`'e'`/`'f'` (so `%.3g` gives
//! `1e+03`), `%v` of a float, and `strconv.Quote` (`%q`).
//!
//! Rust's `{:.N e}` formatting is exact with ties to even, like Go's, so
//! the digits come from it and only the layout rules are Go's.

/// A float rounded to decimal digits: `0.d1d2…dn × 10^dp` (Go's
/// `decimalSlice`), trailing zeros removed. Zero has no digits.
struct Digits {
    neg: bool,
    d: Vec<u8>,
    dp: i32,
}

/// Rounds `x` to `prec` significant digits, or the shortest digits that
/// round-trip when `prec` is `None`.
fn digits(x: f64, prec: Option<usize>) -> Digits {
    let neg = x.is_sign_negative();
    let a = x.abs();
    if a == 0.0 {
        return Digits {
            neg,
            d: Vec::new(),
            dp: 0,
        };
    }
    let s = match prec {
        Some(p) => format!("{:.*e}", p.max(1) - 1, a),
        None => format!("{a:e}"),
    };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut d: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    while d.last() == Some(&b'0') {
        d.pop();
    }
    if prec.is_none() && d.len() >= 17 {
        // When 17 digits are needed, Go picks the correctly rounded ones
        // (Rust's shortest may pick the other neighbour).
        return digits(x, Some(17));
    }
    Digits {
        neg,
        d,
        dp: exp + 1,
    }
}

fn special(x: f64) -> Option<String> {
    if x.is_nan() {
        Some("NaN".into())
    } else if x.is_infinite() {
        Some(if x > 0.0 { "+Inf" } else { "-Inf" }.into())
    } else {
        None
    }
}

/// `strconv.FormatFloat(x, 'g', prec, 64)`; `prec` `None` = shortest (-1).
pub fn format_g(x: f64, prec: Option<usize>) -> String {
    if let Some(s) = special(x) {
        return s;
    }
    let digs = digits(x, prec.map(|p| p.max(1)));
    let nd = digs.d.len() as i32;
    let shortest = prec.is_none();
    let mut p = prec.map_or(nd, |p| p.max(1) as i32);
    let mut eprec = p;
    if eprec > nd && nd >= digs.dp {
        eprec = nd;
    }
    if shortest {
        eprec = 6;
    }
    let exp = digs.dp - 1;
    if exp < -4 || exp >= eprec {
        if p > nd {
            p = nd;
        }
        return fmt_e(&digs, (p - 1).max(0) as usize);
    }
    if p > digs.dp {
        p = nd;
    }
    fmt_f(&digs, (p - digs.dp).max(0) as usize)
}

/// `strconv.FormatFloat(x, 'e', prec, 64)`.
pub fn format_e(x: f64, prec: usize) -> String {
    if let Some(s) = special(x) {
        return s;
    }
    fmt_e(&digits(x, Some(prec + 1)), prec)
}

/// `strconv.FormatFloat(x, 'f', prec, 64)`.
pub fn format_f(x: f64, prec: usize) -> String {
    if let Some(s) = special(x) {
        return s;
    }
    // A float64's decimal expansion ends within 1,074 digits after the
    // point; past that every digit is 0 (and Rust's formatter takes at most
    // 65,535), so the rest is appended as zeros: the same digits Go prints.
    let exact = prec.min(1100);
    let mut s = format!("{:.*}", exact, x.abs());
    s.push_str(&"0".repeat(prec - exact));
    if x.is_sign_negative() {
        format!("-{s}")
    } else {
        s
    }
}

/// Go's `%v` of a float64 (`%g` with the shortest digits).
pub fn format_v(x: f64) -> String {
    format_g(x, None)
}

fn fmt_e(digs: &Digits, prec: usize) -> String {
    let mut s = String::new();
    if digs.neg {
        s.push('-');
    }
    s.push(digs.d.first().map_or('0', |&c| c as char));
    if prec > 0 {
        s.push('.');
        for i in 1..=prec {
            s.push(digs.d.get(i).map_or('0', |&c| c as char));
        }
    }
    s.push('e');
    let exp = if digs.d.is_empty() { 0 } else { digs.dp - 1 };
    s.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        s.push('0');
    }
    s.push_str(&e.to_string());
    s
}

fn fmt_f(digs: &Digits, prec: usize) -> String {
    let mut s = String::new();
    if digs.neg {
        s.push('-');
    }
    if digs.dp > 0 {
        for i in 0..digs.dp as usize {
            s.push(digs.d.get(i).map_or('0', |&c| c as char));
        }
    } else {
        s.push('0');
    }
    if prec > 0 {
        s.push('.');
        for i in 1..=prec as i32 {
            let j = digs.dp + i - 1;
            let c = if j >= 0 {
                digs.d.get(j as usize).copied().unwrap_or(b'0')
            } else {
                b'0'
            };
            s.push(c as char);
        }
    }
    s
}

/// `strconv.Quote`: double-quoted, Go escapes, printable Unicode kept.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_go_unprintable(c) => {
                let v = c as u32;
                if v < 0x10000 {
                    out.push_str(&format!("\\u{v:04x}"));
                } else {
                    out.push_str(&format!("\\U{v:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Approximates `strconv.IsPrint` (false for controls, separators other
/// than the ASCII space, format characters, private use and
/// non-characters; unassigned code points are not tracked).
fn is_go_unprintable(c: char) -> bool {
    let v = c as u32;
    matches!(v,
        0x80..=0xa0 | 0xad | 0x1680 | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f
        | 0x890..=0x891 | 0x8e2 | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f
        | 0x205f..=0x206f | 0x3000 | 0xd800..=0xdfff | 0xe000..=0xf8ff
        | 0xfdd0..=0xfdef | 0xfeff | 0xfff9..=0xfffb | 0xfffe..=0xffff
        | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3
        | 0x1d173..=0x1d17a | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..=0x10ffff)
        || (v & 0xfffe) == 0xfffe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g_precision() {
        assert_eq!(format_g(999.5, Some(3)), "1e+03");
        assert_eq!(format_g(1.024, Some(3)), "1.02");
        assert_eq!(format_g(1.024, Some(4)), "1.024");
        assert_eq!(format_g(1.0, Some(3)), "1");
        assert_eq!(format_g(0.0, Some(3)), "0");
        assert_eq!(format_g(187.7, Some(3)), "188");
        assert_eq!(format_g(100.0, Some(3)), "100");
        assert_eq!(format_g(0.0001234, Some(3)), "0.000123");
        assert_eq!(format_g(0.00001234, Some(3)), "1.23e-05");
        assert_eq!(format_g(123456.0, Some(3)), "1.23e+05");
        assert_eq!(format_g(-2.5, Some(1)), "-2");
    }

    #[test]
    fn g_shortest_and_v() {
        assert_eq!(format_v(1e6), "1e+06");
        assert_eq!(format_v(123456.0), "123456");
        assert_eq!(format_v(0.1), "0.1");
        assert_eq!(format_v(3.0), "3");
        assert_eq!(format_v(1e-5), "1e-05");
        assert_eq!(format_v(1e21), "1e+21");
        assert_eq!(format_v(f64::NAN), "NaN");
        assert_eq!(format_v(f64::NEG_INFINITY), "-Inf");
        // 17 significant digits: the correctly rounded neighbour, as Go
        assert_eq!(
            format_v(2058147025470087.0 + 0.25),
            "2.0581470254700872e+15"
        );
        assert_eq!(format_v(953.3348117013812), "953.3348117013812");
    }

    #[test]
    fn e_and_f() {
        assert_eq!(format_e(1234.5678, 2), "1.23e+03");
        assert_eq!(format_e(0.0, 2), "0.00e+00");
        assert_eq!(format_f(2.5, 0), "2");
        assert_eq!(format_f(-0.125, 2), "-0.12");
        assert_eq!(format_f(1.5, 3), "1.500");
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("sleep 3600"), "\"sleep 3600\"");
        assert_eq!(quote("a\"b\\c\n\t"), "\"a\\\"b\\\\c\\n\\t\"");
        assert_eq!(quote("\u{1}"), "\"\\x01\"");
        assert_eq!(quote("你好…"), "\"你好…\"");
        assert_eq!(quote("\u{200b}"), "\"\\u200b\"");
        assert_eq!(quote("a\u{a0}b"), "\"a\\u00a0b\"");
        assert_eq!(quote("\u{61c}\u{180e}"), "\"\\u061c\\u180e\"");
        assert_eq!(quote("\u{1d173}\u{e0001}"), "\"\\U0001d173\\U000e0001\"");
        assert_eq!(quote("\u{1F600}\u{300}"), "\"\u{1F600}\u{300}\"");
    }
}
