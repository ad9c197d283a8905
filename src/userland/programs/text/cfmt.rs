//! C `printf` conversions (`%d %i %u %o %x %X %c %s %e %E %f %F %g %G`)
//! with flags, width and precision, as glibc formats them — shared by the
//! `printf` program and builtin, and by `awk`'s `printf`/`sprintf`.
//! Widths and precisions are bounded by [`MAX_FIELD`] so a huge one
//! cannot allocate gigabytes.

/// The largest width or precision honoured (beyond it, callers report
/// an error).
pub const MAX_FIELD: usize = 1 << 20;

/// A width or precision over [`MAX_FIELD`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooWide;

/// A parsed `%…` directive.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    pub minus: bool,
    pub plus: bool,
    pub space: bool,
    pub hash: bool,
    pub zero: bool,
    pub width: Option<usize>,
    pub prec: Option<usize>,
    pub conv: char,
}

/// A converted argument.
#[derive(Clone, Debug)]
pub enum Arg<'a> {
    Int(i64),
    Float(f64),
    Str(&'a str),
}

fn pad(spec: &Spec, sign: &str, body: &str, numeric: bool) -> String {
    let len = sign.chars().count() + body.chars().count();
    let w = spec.width.unwrap_or(0);
    if len >= w {
        return format!("{sign}{body}");
    }
    let fill = w - len;
    if spec.minus {
        format!("{sign}{body}{}", " ".repeat(fill))
    } else if spec.zero && numeric {
        format!("{sign}{}{body}", "0".repeat(fill))
    } else {
        format!("{}{sign}{body}", " ".repeat(fill))
    }
}

fn sign_of(spec: &Spec, neg: bool) -> &'static str {
    if neg {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    }
}

/// Digits beyond this are zeros for any f64 (and Rust's formatter takes
/// at most 65,535).
const EXACT: usize = 1100;

/// `v` with `prec` fractional digits.
fn fixed(v: f64, prec: usize) -> String {
    let p = prec.min(EXACT);
    let mut s = format!("{v:.p$}");
    s.extend(std::iter::repeat_n('0', prec - p));
    s
}

/// `v` as `d.ddd…e<exp>` (Rust's form) with `prec` mantissa digits.
fn sci(v: f64, prec: usize) -> String {
    let p = prec.min(EXACT);
    let s = format!("{v:.p$e}");
    match s.split_once('e') {
        Some((m, e)) if prec > p => format!("{m}{}e{e}", "0".repeat(prec - p)),
        _ => s,
    }
}

/// `%e` body for a non-negative finite `v`: `d.ddde+XX`.
fn exp_body(v: f64, prec: usize, upper: bool, hash: bool) -> String {
    let s = sci(v, prec);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let mut mant = mant.to_string();
    if hash && prec == 0 {
        mant.push('.');
    }
    let es = if e < 0 { '-' } else { '+' };
    let x = if upper { 'E' } else { 'e' };
    format!("{mant}{x}{es}{:02}", e.abs())
}

/// `%g` body for a non-negative finite `v`.
fn general_body(v: f64, prec: usize, upper: bool, hash: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    let probe = sci(v, p - 1);
    let x: i64 = probe
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let mut s = if (p as i64) > x && x >= -4 {
        let fp = (p as i64 - 1 - x) as usize;
        fixed(v, fp)
    } else {
        exp_body(v, p - 1, upper, hash)
    };
    if !hash {
        let (m, e) = match s.find(['e', 'E']) {
            Some(k) => (s[..k].to_string(), s[k..].to_string()),
            None => (s.clone(), String::new()),
        };
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            m
        };
        s = format!("{m}{e}");
    }
    s
}

fn float(spec: &Spec, v: f64) -> String {
    let neg = v.is_sign_negative() && !v.is_nan();
    let a = v.abs();
    let upper = spec.conv.is_ascii_uppercase();
    if !a.is_finite() {
        let t = if a.is_nan() { "nan" } else { "inf" };
        let t = if upper { t.to_uppercase() } else { t.into() };
        return pad(spec, sign_of(spec, neg), &t, false);
    }
    let prec = spec.prec.unwrap_or(6);
    let body = match spec.conv.to_ascii_lowercase() {
        'e' => exp_body(a, prec, upper, spec.hash),
        'g' => general_body(a, prec, upper, spec.hash),
        _ => {
            let mut s = fixed(a, prec);
            if spec.hash && prec == 0 {
                s.push('.');
            }
            s
        }
    };
    pad(spec, sign_of(spec, neg), &body, true)
}

fn int(spec: &Spec, v: i64) -> String {
    let neg = v < 0 && matches!(spec.conv, 'd' | 'i');
    let u = if matches!(spec.conv, 'd' | 'i') {
        v.unsigned_abs()
    } else {
        v as u64
    };
    let mut body = match spec.conv {
        'o' => format!("{u:o}"),
        'x' => format!("{u:x}"),
        'X' => format!("{u:X}"),
        _ => u.to_string(),
    };
    if let Some(p) = spec.prec {
        if p == 0 && u == 0 {
            body.clear();
        }
        if body.len() < p {
            body = format!("{}{body}", "0".repeat(p - body.len()));
        }
    }
    if spec.hash && u != 0 {
        match spec.conv {
            'o' if !body.starts_with('0') => body.insert(0, '0'),
            'x' => body.insert_str(0, "0x"),
            'X' => body.insert_str(0, "0X"),
            _ => {}
        }
    }
    let sign = if matches!(spec.conv, 'd' | 'i') {
        sign_of(spec, neg)
    } else {
        ""
    };
    let numeric = spec.prec.is_none();
    pad(spec, sign, &body, numeric)
}

/// Formats one argument under `spec` (the caller has checked the
/// conversion letter and the [`MAX_FIELD`] bound).
pub fn format(spec: &Spec, arg: Arg) -> String {
    match spec.conv {
        'd' | 'i' | 'o' | 'u' | 'x' | 'X' => int(
            spec,
            match arg {
                Arg::Int(i) => i,
                Arg::Float(f) => to_i64(f),
                Arg::Str(s) => s.trim().parse().unwrap_or(0),
            },
        ),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => float(
            spec,
            match arg {
                Arg::Int(i) => i as f64,
                Arg::Float(f) => f,
                Arg::Str(s) => s.trim().parse().unwrap_or(0.0),
            },
        ),
        'c' => {
            let s: String = match arg {
                Arg::Str(s) => s.chars().next().map(String::from).unwrap_or_default(),
                Arg::Int(i) => char::from_u32(i as u32)
                    .map(String::from)
                    .unwrap_or_default(),
                Arg::Float(f) => char::from_u32(f as u32)
                    .map(String::from)
                    .unwrap_or_default(),
            };
            pad(spec, "", &s, false)
        }
        _ => {
            let s = match arg {
                Arg::Str(s) => s.to_string(),
                Arg::Int(i) => i.to_string(),
                Arg::Float(f) => f.to_string(),
            };
            let s: String = match spec.prec {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            };
            pad(spec, "", &s, false)
        }
    }
}

/// C's saturating double → long conversion.
pub fn to_i64(f: f64) -> i64 {
    if f.is_nan() {
        i64::MIN
    } else if f >= 9.223372036854776e18 {
        i64::MAX
    } else if f <= -9.223372036854776e18 {
        i64::MIN
    } else {
        f as i64
    }
}

/// Parses flags, width and precision after a `%` at `cs[i]`; `star`
/// supplies `*` values. Returns the spec (conversion not yet set) and the
/// index of the conversion letter, or `Err(TooWide)` for a field over
/// [`MAX_FIELD`].
pub fn parse_spec(
    cs: &[char],
    mut i: usize,
    star: &mut dyn FnMut() -> i64,
) -> Result<(Spec, usize), TooWide> {
    let mut s = Spec::default();
    while let Some(&c) = cs.get(i) {
        match c {
            '-' => s.minus = true,
            '+' => s.plus = true,
            ' ' => s.space = true,
            '#' => s.hash = true,
            '0' => s.zero = true,
            _ => break,
        }
        i += 1;
    }
    let num = |i: &mut usize| -> Result<usize, TooWide> {
        let mut n: usize = 0;
        while let Some(d) = cs.get(*i).and_then(|c| c.to_digit(10)) {
            n = n.saturating_mul(10).saturating_add(d as usize);
            *i += 1;
        }
        if n > MAX_FIELD {
            Err(TooWide)
        } else {
            Ok(n)
        }
    };
    if cs.get(i) == Some(&'*') {
        i += 1;
        let w = star();
        if w < 0 {
            s.minus = true;
        }
        let w = w.unsigned_abs() as usize;
        if w > MAX_FIELD {
            return Err(TooWide);
        }
        s.width = Some(w);
    } else if cs.get(i).is_some_and(char::is_ascii_digit) {
        s.width = Some(num(&mut i)?);
    }
    if cs.get(i) == Some(&'.') {
        i += 1;
        if cs.get(i) == Some(&'*') {
            i += 1;
            let p = star();
            s.prec = if p < 0 { None } else { Some(p as usize) };
            if s.prec.is_some_and(|p| p > MAX_FIELD) {
                return Err(TooWide);
            }
        } else {
            s.prec = Some(num(&mut i)?);
        }
    }
    Ok((s, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(spec: &str, a: Arg) -> String {
        let cs: Vec<char> = spec.chars().collect();
        let (mut s, k) = parse_spec(&cs, 0, &mut || 0).unwrap();
        s.conv = cs[k];
        format(&s, a)
    }

    #[test]
    fn conversions_as_glibc() {
        assert_eq!(f("5d", Arg::Int(42)), "   42");
        assert_eq!(f("-5d|", Arg::Int(42)), "42   ");
        assert_eq!(f("05d", Arg::Int(-42)), "-0042");
        assert_eq!(f("+d", Arg::Int(3)), "+3");
        assert_eq!(f("x", Arg::Int(255)), "ff");
        assert_eq!(f("#o", Arg::Int(8)), "010");
        assert_eq!(f(".2f", Arg::Float(1.23456)), "1.23");
        assert_eq!(f("e", Arg::Float(12345.678)), "1.234568e+04");
        assert_eq!(f("g", Arg::Float(0.0001)), "0.0001");
        assert_eq!(f("g", Arg::Float(1e-5)), "1e-05");
        assert_eq!(f("g", Arg::Float(123456789.0)), "1.23457e+08");
        assert_eq!(f("g", Arg::Float(100.0)), "100");
        assert_eq!(f(".3s", Arg::Str("abcdef")), "abc");
        assert_eq!(f("c", Arg::Int(65)), "A");
        assert_eq!(f(".3d", Arg::Int(7)), "007");
    }

    #[test]
    fn long_precisions_pad_with_zeros() {
        assert_eq!(f(".70000f", Arg::Float(1.0)).len(), 70002);
        assert_eq!(f(".3000e", Arg::Float(1.5)).len(), 3006);
        assert!(f(".70000g", Arg::Float(0.1)).starts_with("0.1000000000000000055511"));
    }

    #[test]
    fn huge_fields_are_refused() {
        let cs: Vec<char> = "4000000000s".chars().collect();
        assert!(parse_spec(&cs, 0, &mut || 0).is_err());
        let cs: Vec<char> = ".70000f".chars().collect();
        assert!(parse_spec(&cs, 0, &mut || 0).is_ok());
    }
}
