//! The awk lexer: tokens with line numbers; a `/` starts a regular
//! expression where an operand is expected, a division elsewhere.

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Num(f64),
    Str(String),
    Regex(String),
    Name(String),
    /// A name directly followed by `(` (a function call).
    Call(String),
    Builtin(String),
    Keyword(&'static str),
    /// An operator or punctuation.
    Op(&'static str),
    Newline,
    Eof,
}

const KEYWORDS: &[&str] = &[
    "BEGIN", "END", "function", "func", "if", "else", "while", "for", "do", "break", "continue",
    "next", "nextfile", "exit", "return", "delete", "in", "getline", "print", "printf",
];

/// Built-in functions (called with or without parentheses for `length`).
pub const BUILTINS: &[&str] = &[
    "length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "sin", "cos", "atan2",
    "exp", "log", "sqrt", "int", "rand", "srand", "tolower", "toupper", "system", "close",
    "fflush",
];

const OPS: &[&str] = &[
    "+=", "-=", "*=", "/=", "%=", "^=", "**=", "**", "==", "<=", ">=", "!=", "++", "--", "&&",
    "||", ">>", "!~", "{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!",
    ">", "<", "|", "?", ":", "~", "$", "=",
];

/// A lexing error: the line and the message.
pub type LexError = (usize, String);

/// Splits `src` into tokens with their line numbers.
pub fn lex(src: &str, busybox: bool) -> Result<Vec<(Tok, usize)>, LexError> {
    let cs: Vec<char> = src.chars().collect();
    let mut out: Vec<(Tok, usize)> = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < cs.len() {
        let c = cs[i];
        if c == '\\' && cs.get(i + 1) == Some(&'\n') {
            i += 2;
            line += 1;
            continue;
        }
        if c == '\\' && cs.get(i + 1) == Some(&'\r') && cs.get(i + 2) == Some(&'\n') {
            i += 3;
            line += 1;
            continue;
        }
        if c == ' ' || c == '\t' || c == '\r' {
            i += 1;
            continue;
        }
        if c == '#' {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '\n' {
            out.push((Tok::Newline, line));
            line += 1;
            i += 1;
            continue;
        }
        if c == '"' {
            let (s, n, nl) = string(&cs, i + 1).ok_or((line, "runaway string constant".into()))?;
            out.push((Tok::Str(s), line));
            line += nl;
            i = n;
            continue;
        }
        if c == '/' && operand_expected(out.last().map(|t| &t.0)) {
            let mut j = i + 1;
            let mut s = String::new();
            let mut in_class = false;
            loop {
                let Some(&d) = cs.get(j) else {
                    return Err((line, "runaway regular expression".into()));
                };
                if d == '\n' {
                    return Err((line, "runaway regular expression".into()));
                }
                if d == '\\' && cs.get(j + 1) == Some(&'/') {
                    s.push('/');
                    j += 2;
                    continue;
                }
                if d == '\\' {
                    s.push(d);
                    if let Some(&e) = cs.get(j + 1) {
                        s.push(e);
                    }
                    j += 2;
                    continue;
                }
                if d == '[' && !in_class {
                    in_class = true;
                    s.push(d);
                    j += 1;
                    if cs.get(j) == Some(&'^') {
                        s.push('^');
                        j += 1;
                    }
                    if cs.get(j) == Some(&']') {
                        s.push(']');
                        j += 1;
                    }
                    continue;
                }
                if d == ']' && in_class {
                    in_class = false;
                }
                if d == '/' && !in_class {
                    break;
                }
                s.push(d);
                j += 1;
            }
            out.push((Tok::Regex(s), line));
            i = j + 1;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && cs.get(i + 1).is_some_and(char::is_ascii_digit)) {
            let mut j = i;
            while j < cs.len() && cs[j].is_ascii_digit() {
                j += 1;
            }
            if cs.get(j) == Some(&'.') {
                j += 1;
                while j < cs.len() && cs[j].is_ascii_digit() {
                    j += 1;
                }
            }
            if matches!(cs.get(j), Some('e' | 'E')) {
                let mut k = j + 1;
                if matches!(cs.get(k), Some('+' | '-')) {
                    k += 1;
                }
                if cs.get(k).is_some_and(char::is_ascii_digit) {
                    while k < cs.len() && cs[k].is_ascii_digit() {
                        k += 1;
                    }
                    j = k;
                }
            }
            let t: String = cs[i..j].iter().collect();
            out.push((Tok::Num(t.parse().unwrap_or(0.0)), line));
            i = j;
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let mut j = i;
            while j < cs.len() && (cs[j].is_ascii_alphanumeric() || cs[j] == '_') {
                j += 1;
            }
            let w: String = cs[i..j].iter().collect();
            let tok = if let Some(k) = KEYWORDS.iter().find(|k| **k == w) {
                Tok::Keyword(if *k == "func" { "function" } else { k })
            } else if BUILTINS.contains(&w.as_str()) {
                Tok::Builtin(w)
            } else if cs.get(j) == Some(&'(') {
                Tok::Call(w)
            } else {
                Tok::Name(w)
            };
            out.push((tok, line));
            i = j;
            continue;
        }
        let rest: String = cs[i..(i + 3).min(cs.len())].iter().collect();
        let Some(op) = OPS
            .iter()
            .filter(|o| busybox || !o.starts_with("**"))
            .find(|o| rest.starts_with(**o))
        else {
            return Err((line, format!("syntax error at or near {c}")));
        };
        out.push((Tok::Op(op), line));
        i += op.chars().count();
    }
    out.push((Tok::Eof, line + 1));
    Ok(out)
}

/// Whether a `/` after `prev` starts a regular expression.
fn operand_expected(prev: Option<&Tok>) -> bool {
    match prev {
        None => true,
        Some(Tok::Num(_) | Tok::Str(_) | Tok::Regex(_) | Tok::Name(_)) => false,
        Some(Tok::Builtin(_)) => false,
        Some(Tok::Op(o)) => !matches!(*o, ")" | "]" | "$" | "++" | "--"),
        Some(Tok::Keyword(k)) => *k != "getline",
        _ => true,
    }
}

/// Reads a string literal from `i` (after the quote): (text, next index,
/// newlines crossed).
fn string(cs: &[char], mut i: usize) -> Option<(String, usize, usize)> {
    let mut s = String::new();
    let mut nl = 0;
    loop {
        let c = *cs.get(i)?;
        match c {
            '"' => return Some((s, i + 1, nl)),
            '\n' => return None,
            '\\' => {
                let e = *cs.get(i + 1)?;
                i += 2;
                match e {
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    '\\' => s.push('\\'),
                    '"' => s.push('"'),
                    '/' => s.push('/'),
                    'a' => s.push('\x07'),
                    'b' => s.push('\x08'),
                    'f' => s.push('\x0c'),
                    'v' => s.push('\x0b'),
                    '\n' => nl += 1,
                    '0'..='7' => {
                        let mut v = e.to_digit(8).unwrap_or(0);
                        let mut k = 0;
                        while k < 2 && cs.get(i).is_some_and(|d| ('0'..='7').contains(d)) {
                            v = v * 8 + cs[i].to_digit(8).unwrap_or(0);
                            i += 1;
                            k += 1;
                        }
                        s.push(char::from_u32(v).unwrap_or('\0'));
                    }
                    other => {
                        s.push('\\');
                        s.push(other);
                    }
                }
                continue;
            }
            _ => s.push(c),
        }
        i += 1;
    }
}
