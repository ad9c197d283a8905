//! Python's text formatting: `repr(float)`, the format-spec mini-language
//! (`[[fill]align][sign][#][0][width][,|_][.precision][type]`) used by
//! f-strings, `format()` and `str.format`, and printf-style `%` formatting.
//! Widths and precisions are bounded so a huge spec cannot exhaust memory.

use super::*;

/// The widest field or longest precision the sandbox formats (CPython
/// would try to allocate it and raise `MemoryError` when it cannot).
const MAX_FIELD: usize = 1 << 20;

/// `repr()` of a float: the shortest round-trip digits, in exponent form
/// below 1e-4 and from 1e16 up, as CPython prints them.
pub(super) fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    let e = format!("{f:e}");
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !(-4..16).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mant}e{sign}{:02}", exp.abs());
    }
    let s = format!("{f}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

/// A parsed format spec.
#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alt: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(s: &str) -> Result<Spec, Ctl> {
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut sp = Spec::default();
    let is_align = |c: char| "<>=^".contains(c);
    if cs.len() >= 2 && is_align(cs[1]) {
        sp.fill = Some(cs[0]);
        sp.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        sp.align = Some(cs[0]);
        i = 1;
    }
    if i < cs.len() && "+- ".contains(cs[i]) {
        sp.sign = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let num = |i: &mut usize| -> Result<Option<usize>, Ctl> {
        let st = *i;
        while *i < cs.len() && cs[*i].is_ascii_digit() {
            *i += 1;
        }
        if *i == st {
            return Ok(None);
        }
        let t: String = cs[st..*i].iter().collect();
        match t.parse::<usize>() {
            Ok(n) if n <= MAX_FIELD => Ok(Some(n)),
            Ok(_) => Err(err("MemoryError", "")),
            Err(_) => Err(err(
                "ValueError",
                "Too many decimal digits in format string",
            )),
        }
    };
    sp.width = num(&mut i)?.unwrap_or(0);
    if i < cs.len() && (cs[i] == ',' || cs[i] == '_') {
        sp.grouping = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        sp.precision = Some(
            num(&mut i)?.ok_or_else(|| err("ValueError", "Format specifier missing precision"))?,
        );
    }
    if i < cs.len() {
        sp.ty = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() {
        return Err(err("ValueError", "Invalid format specifier"));
    }
    Ok(sp)
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let (int, rest) = match digits.find(|c: char| !c.is_ascii_alphanumeric()) {
        Some(k) => digits.split_at(k),
        None => (digits, ""),
    };
    let n = int.len();
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (n - k) % every == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out + rest
}

/// Pads `body` (after `prefix`, the sign and base prefix) to the spec's width.
fn pad(sp: &Spec, prefix: &str, body: &str, default_align: char) -> String {
    let len = prefix.chars().count() + body.chars().count();
    if sp.width <= len {
        return format!("{prefix}{body}");
    }
    let n = sp.width - len;
    let (fill, align) = match (sp.fill, sp.align, sp.zero) {
        (f, Some(a), _) => (f.unwrap_or(' '), a),
        (None, None, true) => ('0', '='),
        _ => (' ', default_align),
    };
    let f = |k: usize| fill.to_string().repeat(k);
    match align {
        '<' => format!("{prefix}{body}{}", f(n)),
        '^' => format!("{}{prefix}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{prefix}{}{body}", f(n)),
        _ => format!("{}{prefix}{body}", f(n)),
    }
}

fn sign_of(sp: &Spec, neg: bool) -> &'static str {
    match (neg, sp.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

fn fmt_float(sp: &Spec, f: f64, ty: char) -> String {
    let prec = sp.precision.unwrap_or(6);
    let neg = f.is_sign_negative() && f != 0.0 || (f == 0.0 && f.is_sign_negative());
    let a = f.abs();
    let mut body = if a.is_infinite() {
        "inf".to_string()
    } else if a.is_nan() {
        "nan".to_string()
    } else {
        match ty {
            'f' | 'F' => fixed(a, prec),
            '%' => format!("{}%", fixed(a * 100.0, prec)),
            'e' | 'E' => exp_form(a, prec),
            'g' | 'G' | 'n' => general(a, prec.max(1), sp.alt),
            _ => {
                // no type: like 'g' with at least one digit after the point,
                // or repr when no precision is given
                match sp.precision {
                    None => float_repr(a),
                    Some(p) => {
                        let g = general(a, p.max(1), false);
                        if g.contains(['.', 'e', 'n', 'i']) {
                            g
                        } else {
                            g + ".0"
                        }
                    }
                }
            }
        }
    };
    if ty.is_ascii_uppercase() {
        body = body.to_uppercase();
    }
    if let Some(g) = sp.grouping {
        body = group(&body, g, 3);
    }
    pad(sp, sign_of(sp, neg), &body, '>')
}

/// Digits past this many decimals are always 0 for an `f64` (Rust's
/// formatter also stops at 65,535).
const EXACT_DIGITS: usize = 1100;

/// `a` with `prec` decimals.
fn fixed(a: f64, prec: usize) -> String {
    if prec <= EXACT_DIGITS {
        return format!("{a:.prec$}");
    }
    format!("{a:.EXACT_DIGITS$}") + &"0".repeat(prec - EXACT_DIGITS)
}

fn exp_form(a: f64, prec: usize) -> String {
    let s = if prec <= EXACT_DIGITS {
        format!("{a:.prec$e}")
    } else {
        let s = format!("{a:.EXACT_DIGITS$e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        format!("{m}{}e{e}", "0".repeat(prec - EXACT_DIGITS))
    };
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

fn general(a: f64, prec: usize, alt: bool) -> String {
    if a == 0.0 {
        return "0".into();
    }
    let exp = format!("{a:.*e}", (prec - 1).min(EXACT_DIGITS));
    let e: i32 = exp.split_once('e').map_or(0, |x| x.1.parse().unwrap_or(0));
    let strip = |s: String| -> String {
        if alt || !s.contains('.') {
            s
        } else {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    if e < -4 || e >= prec as i32 {
        let s = exp_form(a, prec - 1);
        let (m, x) = s.split_once('e').unwrap_or((&s, ""));
        format!("{}e{x}", strip(m.to_string()))
    } else {
        let decimals = (prec as i32 - 1 - e).max(0) as usize;
        strip(fixed(a, decimals))
    }
}

fn fmt_int(sp: &Spec, v: &V, ty: char) -> Result<String, Ctl> {
    let b = int_of(v).unwrap_or_else(|| BigInt::from_i64(0));
    let neg = b.is_negative();
    let mag = if neg { b.neg() } else { b };
    let (mut digits, base_prefix) = match ty {
        'x' => (mag.to_radix(16), "0x"),
        'X' => (mag.to_radix(16).to_uppercase(), "0X"),
        'o' => (mag.to_radix(8), "0o"),
        'b' => (mag.to_radix(2), "0b"),
        'c' => {
            let c = mag
                .to_i64()
                .and_then(|i| char::from_u32(i as u32))
                .unwrap_or('\0');
            (c.to_string(), "")
        }
        _ => (mag.to_string(), ""),
    };
    if let Some(g) = sp.grouping {
        digits = group(&digits, g, if ty == 'd' || ty == 'n' { 3 } else { 4 });
    }
    let prefix = format!(
        "{}{}",
        sign_of(sp, neg),
        if sp.alt { base_prefix } else { "" }
    );
    Ok(pad(sp, &prefix, &digits, '>'))
}

/// `format(v, spec)`: the spec applied to a value.
pub(super) fn format_value(v: &V, spec: &str) -> Result<String, Ctl> {
    if spec.is_empty() {
        check_str_digits(v)?;
        return Ok(v.to_str());
    }
    let sp = parse_spec(spec)?;
    let bad = |t: char, v: &V| {
        err(
            "ValueError",
            format!(
                "Unknown format code '{t}' for object of type '{}'",
                v.type_name()
            ),
        )
    };
    match v {
        V::Int(_) | V::Big(_) | V::Bool(_) => {
            let ty = sp.ty.unwrap_or('d');
            match ty {
                'd' | 'n' | 'x' | 'X' | 'o' | 'b' | 'c' => {
                    if sp.precision.is_some() {
                        return Err(err(
                            "ValueError",
                            "Precision not allowed in integer format specifier",
                        ));
                    }
                    if matches!(v, V::Bool(_)) && sp.ty.is_none() {
                        return Ok(pad(&sp, "", &v.to_str(), '<'));
                    }
                    check_str_digits(v)?;
                    fmt_int(&sp, v, ty)
                }
                'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
                    Ok(fmt_float(&sp, v.num().unwrap_or(0.0), ty))
                }
                t => Err(bad(t, v)),
            }
        }
        V::Float(f) => match sp.ty {
            None => Ok(fmt_float(&sp, *f, ' ')),
            Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' | 'n')) => Ok(fmt_float(&sp, *f, t)),
            Some(t) => Err(bad(t, v)),
        },
        V::Str(s) => match sp.ty {
            None | Some('s') => {
                if sp.sign.is_some() {
                    return Err(err(
                        "ValueError",
                        "Sign not allowed in string format specifier",
                    ));
                }
                let body: String = match sp.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s.clone(),
                };
                Ok(pad(&sp, "", &body, '<'))
            }
            Some(t) => Err(bad(t, v)),
        },
        other => {
            if sp.ty.is_some() || sp.sign.is_some() {
                return Err(err(
                    "TypeError",
                    format!(
                        "unsupported format string passed to {}.__format__",
                        other.type_name()
                    ),
                ));
            }
            Ok(pad(&sp, "", &other.to_str(), '<'))
        }
    }
}

/// printf-style `fmt % args`.
pub(super) fn percent_format(fmt: &str, args: &V) -> Result<String, Ctl> {
    let (items, mapping) = match args {
        V::Tuple(t) => (t.clone(), None),
        V::Dict(_) => (vec![args.clone()], Some(args.clone())),
        x => (vec![x.clone()], None),
    };
    let mut next = items.into_iter();
    let mut out = String::new();
    let cs: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] != '%' {
            out.push(cs[i]);
            i += 1;
            continue;
        }
        i += 1;
        let mut key = None;
        if cs.get(i) == Some(&'(') {
            let end = cs[i..].iter().position(|c| *c == ')').map(|k| k + i);
            let Some(end) = end else {
                return Err(err("ValueError", "incomplete format key"));
            };
            key = Some(cs[i + 1..end].iter().collect::<String>());
            i = end + 1;
        }
        let mut flags = String::new();
        while i < cs.len() && "-+ #0".contains(cs[i]) {
            flags.push(cs[i]);
            i += 1;
        }
        let mut width = String::new();
        while i < cs.len() && (cs[i].is_ascii_digit() || cs[i] == '*') {
            width.push(cs[i]);
            i += 1;
        }
        let mut prec = None;
        if cs.get(i) == Some(&'.') {
            i += 1;
            let mut p = String::new();
            while i < cs.len() && cs[i].is_ascii_digit() {
                p.push(cs[i]);
                i += 1;
            }
            prec = Some(p);
        }
        while i < cs.len() && "hlL".contains(cs[i]) {
            i += 1;
        }
        let Some(&conv) = cs.get(i) else {
            return Err(err("ValueError", "incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        if width.contains('*') {
            return Err(err(
                "NotImplementedError",
                "'*' widths are not available in this sandbox",
            ));
        }
        let arg = match (&key, &mapping) {
            (Some(k), Some(V::Dict(d))) => d
                .borrow()
                .iter()
                .find(|(a, _)| a.eq(&V::Str(k.clone())))
                .map(|x| x.1.clone())
                .ok_or_else(|| err("KeyError", V::Str(k.clone()).repr()))?,
            (Some(_), _) => return Err(err("TypeError", "format requires a mapping")),
            (None, _) => next
                .next()
                .ok_or_else(|| err("TypeError", "not enough arguments for format string"))?,
        };
        let align = if flags.contains('-') { "<" } else { "" };
        let zero = if flags.contains('0') && !flags.contains('-') {
            "0"
        } else {
            ""
        };
        let sign = if flags.contains('+') {
            "+"
        } else if flags.contains(' ') {
            " "
        } else {
            ""
        };
        let alt = if flags.contains('#') { "#" } else { "" };
        let precs = prec
            .as_ref()
            .map(|p| format!(".{}", if p.is_empty() { "0" } else { p }))
            .unwrap_or_default();
        let piece = match conv {
            's' | 'r' | 'a' => {
                let t = if conv == 's' {
                    arg.to_str()
                } else {
                    arg.repr()
                };
                format_value(&V::Str(t), &format!("{align}{width}{precs}"))?
            }
            'd' | 'i' | 'u' => {
                let iv = match &arg {
                    V::Float(f) => V::Int(f.trunc() as i64),
                    v if is_int(v) => v.clone(),
                    v => {
                        return Err(err(
                            "TypeError",
                            format!(
                                "%{conv} format: a real number is required, not {}",
                                v.type_name()
                            ),
                        ))
                    }
                };
                format_value(&iv, &format!("{align}{sign}{zero}{width}d"))?
            }
            'x' | 'X' | 'o' => {
                if !is_int(&arg) {
                    return Err(err(
                        "TypeError",
                        format!(
                            "%{conv} format: an integer is required, not {}",
                            arg.type_name()
                        ),
                    ));
                }
                format_value(&arg, &format!("{align}{sign}{alt}{zero}{width}{conv}"))?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let Some(f) = arg.num() else {
                    return Err(err(
                        "TypeError",
                        format!("must be real number, not {}", arg.type_name()),
                    ));
                };
                let precs = if precs.is_empty() {
                    ".6".to_string()
                } else {
                    precs
                };
                format_value(
                    &V::Float(f),
                    &format!("{align}{sign}{alt}{zero}{width}{precs}{conv}"),
                )?
            }
            'c' => match &arg {
                V::Str(s) => s.clone(),
                v => format_value(v, "c")?,
            },
            c => {
                return Err(err(
                    "ValueError",
                    format!(
                        "unsupported format character '{c}' (0x{:x}) at index {}",
                        c as u32,
                        i - 1
                    ),
                ))
            }
        };
        out.push_str(&piece);
    }
    if mapping.is_none() && next.next().is_some() {
        return Err(err(
            "TypeError",
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}

/// A replacement field `expr!c:spec` split into the expression, the
/// conversion (`r`, `s`, `a`), the spec, and whether it ends with `=`.
pub(super) struct Field {
    pub(super) expr: String,
    pub(super) conv: Option<char>,
    pub(super) spec: String,
    pub(super) self_doc: bool,
}

pub(super) fn split_field(t: &str) -> Field {
    let cs: Vec<char> = t.chars().collect();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut end = cs.len();
    for (k, &c) in cs.iter().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, '!') if depth == 0 && cs.get(k + 1) != Some(&'=') => {
                end = k;
                break;
            }
            (None, ':') if depth == 0 => {
                end = k;
                break;
            }
            _ => {}
        }
    }
    let mut expr: String = cs[..end].iter().collect();
    let mut conv = None;
    let mut rest: String = cs[end..].iter().collect();
    if let Some(r) = rest.strip_prefix('!') {
        let mut it = r.chars();
        conv = it.next();
        rest = it.collect();
    }
    let spec = rest.strip_prefix(':').unwrap_or("").to_string();
    let trimmed = expr.trim_end();
    let self_doc = trimmed.ends_with('=')
        && !["==", "!=", "<=", ">="]
            .iter()
            .any(|o| trimmed.ends_with(o));
    if self_doc {
        expr = trimmed[..trimmed.len() - 1].to_string();
    }
    Field {
        expr,
        conv,
        spec,
        self_doc,
    }
}

/// Applies a conversion (`!r`, `!s`, `!a`) and a spec to a value.
pub(super) fn convert_and_format(v: &V, conv: Option<char>, spec: &str) -> Result<String, Ctl> {
    let v = match conv {
        None => v.clone(),
        Some('r') | Some('a') => V::Str(v.repr()),
        Some('s') => V::Str(v.to_str()),
        Some(c) => {
            return Err(err(
                "ValueError",
                format!("Unknown conversion specifier {c}"),
            ))
        }
    };
    format_value(&v, spec)
}

/// `str.format(*args, **kwargs)`.
pub(super) fn str_format(s: &str, args: &[V], kw: &[(String, V)]) -> Result<String, Ctl> {
    let mut out = String::new();
    let mut auto = 0usize;
    for (is_field, t) in split_fstring(s) {
        if !is_field {
            out.push_str(&t);
            continue;
        }
        let f = split_field(&t);
        let v = if f.expr.is_empty() {
            auto += 1;
            args.get(auto - 1).cloned().ok_or_else(|| {
                err(
                    "IndexError",
                    format!(
                        "Replacement index {} out of range for positional args tuple",
                        auto - 1
                    ),
                )
            })?
        } else if let Ok(k) = f.expr.parse::<usize>() {
            args.get(k).cloned().ok_or_else(|| {
                err(
                    "IndexError",
                    format!("Replacement index {k} out of range for positional args tuple"),
                )
            })?
        } else if f.expr.contains(['.', '[']) {
            return Err(err(
                "NotImplementedError",
                "attribute and index lookups in str.format fields are not available in this sandbox",
            ));
        } else {
            kw.iter()
                .find(|(a, _)| *a == f.expr)
                .map(|x| x.1.clone())
                .ok_or_else(|| err("KeyError", V::Str(f.expr.clone()).repr()))?
        };
        out.push_str(&convert_and_format(&v, f.conv, &f.spec)?);
    }
    Ok(out)
}
