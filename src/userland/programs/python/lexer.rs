//! Tokens, f-string segments and logical lines (bracket and triple-quote continuation, indentation).

use super::*;

pub(super) fn tokenize(s: &str) -> Result<Vec<Tok>, String> {
    let cs: Vec<char> = s.chars().collect();
    let mut v = Vec::new();
    let mut i = 0;
    let mut level = 0usize;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '#' {
            break;
        }
        // string prefixes
        let mut k = i;
        while k < cs.len() && "fFbBrRuU".contains(cs[k]) && k - i < 2 {
            k += 1;
        }
        if k < cs.len()
            && (cs[k] == '"' || cs[k] == '\'')
            && (k == i || cs[i..k].iter().all(|c| "fFbBrRuU".contains(*c)))
        {
            let prefix: String = cs[i..k].iter().collect::<String>().to_lowercase();
            let fmt = prefix.contains('f');
            let raw = prefix.contains('r');
            let q = cs[k];
            let triple = k + 2 < cs.len() && cs[k + 1] == q && cs[k + 2] == q;
            let mut j = if triple { k + 3 } else { k + 1 };
            let mut text = String::new();
            loop {
                if j >= cs.len() {
                    return Err("unterminated string literal".into());
                }
                if triple {
                    if j + 2 < cs.len() && cs[j] == q && cs[j + 1] == q && cs[j + 2] == q {
                        j += 3;
                        break;
                    }
                } else if cs[j] == q {
                    j += 1;
                    break;
                }
                if cs[j] == '\\' && !raw && j + 1 < cs.len() {
                    j += 1;
                    let hex = |from: usize, n: usize| -> Option<char> {
                        let h: String = cs.get(from..from + n)?.iter().collect();
                        char::from_u32(u32::from_str_radix(&h, 16).ok()?)
                    };
                    let width = match cs[j] {
                        'x' => 2,
                        'u' => 4,
                        'U' => 8,
                        _ => 0,
                    };
                    if width > 0 {
                        match hex(j + 1, width) {
                            Some(c) => {
                                text.push(c);
                                j += 1 + width;
                                continue;
                            }
                            None => return Err("(unicode error) truncated escape".into()),
                        }
                    }
                    if !"ntr0abfv\\'\"\n".contains(cs[j]) {
                        // unknown escapes keep their backslash
                        text.push('\\');
                    }
                    text.push(match cs[j] {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        'a' => '\x07',
                        'b' => '\x08',
                        'f' => '\x0c',
                        'v' => '\x0b',
                        '\\' | '\'' | '"' => cs[j],
                        '\n' => {
                            j += 1;
                            continue;
                        }
                        c => c,
                    });
                    j += 1;
                    continue;
                }
                text.push(cs[j]);
                j += 1;
            }
            v.push(Tok::Str(text, fmt));
            i = j;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && cs.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let mut j = i;
            let hexlike = cs.get(i + 1).is_some_and(|c| "xXoObB".contains(*c)) && c == '0';
            while j < cs.len()
                && (cs[j].is_ascii_alphanumeric()
                    || cs[j] == '.'
                    || cs[j] == '_'
                    || (!hexlike
                        && (cs[j] == '+' || cs[j] == '-')
                        && j > i
                        && (cs[j - 1] == 'e' || cs[j - 1] == 'E')))
            {
                j += 1;
            }
            v.push(Tok::Num(cs[i..j].iter().filter(|c| **c != '_').collect()));
            i = j;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < cs.len() && (cs[j].is_alphanumeric() || cs[j] == '_') {
                j += 1;
            }
            v.push(Tok::Name(cs[i..j].iter().collect()));
            i = j;
            continue;
        }
        let three: String = cs[i..(i + 3).min(cs.len())].iter().collect();
        let two: String = cs[i..(i + 2).min(cs.len())].iter().collect();
        if ["**=", "//=", "<<=", ">>=", "..."].contains(&three.as_str()) {
            v.push(Tok::Op(three));
            i += 3;
        } else if [
            "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "//", "**", "->", "<<", ">>",
            "&=", "|=", "^=", ":=",
        ]
        .contains(&two.as_str())
        {
            v.push(Tok::Op(two));
            i += 2;
        } else {
            match c {
                '(' | '[' | '{' => {
                    level += 1;
                    if level >= 200 {
                        return Err("too many nested parentheses".into());
                    }
                }
                ')' | ']' | '}' => level = level.saturating_sub(1),
                _ => {}
            }
            v.push(Tok::Op(c.to_string()));
            i += 1;
        }
    }
    Ok(v)
}

/// Splits an f-string body into literal and `{expr}` segments.
pub(super) fn split_fstring(s: &str) -> Vec<(bool, String)> {
    let cs: Vec<char> = s.chars().collect();
    let mut v = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == '{' && cs.get(i + 1) == Some(&'{') {
            lit.push('{');
            i += 2;
        } else if cs[i] == '}' && cs.get(i + 1) == Some(&'}') {
            lit.push('}');
            i += 2;
        } else if cs[i] == '{' {
            if !lit.is_empty() {
                v.push((false, std::mem::take(&mut lit)));
            }
            let mut depth = 1;
            let mut j = i + 1;
            let mut e = String::new();
            while j < cs.len() {
                if cs[j] == '{' {
                    depth += 1;
                }
                if cs[j] == '}' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                e.push(cs[j]);
                j += 1;
            }
            v.push((true, e));
            i = j + 1;
        } else {
            lit.push(cs[i]);
            i += 1;
        }
    }
    if !lit.is_empty() {
        v.push((false, lit));
    }
    v
}

pub(super) struct Line {
    pub(super) no: usize,
    pub(super) indent: usize,
    pub(super) toks: Vec<Tok>,
}

pub(super) fn logical_lines(src: &str) -> Result<Vec<Line>, (usize, String)> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut start = 0;
    let mut depth: i32 = 0;
    let mut in_triple: Option<&str> = None;
    for (k, raw) in src.lines().enumerate() {
        if buf.is_empty() {
            start = k + 1;
        }
        if !buf.is_empty() {
            buf.push('\n');
        }
        buf.push_str(raw);
        // track brackets and triple quotes roughly
        let mut chars = raw.chars().peekable();
        let mut q: Option<char> = None;
        let line_s = raw.to_string();
        for t in ["\"\"\"", "'''"] {
            let n = line_s.matches(t).count();
            if n % 2 == 1 {
                in_triple = if in_triple.is_some() { None } else { Some(t) };
            }
        }
        while let Some(c) = chars.next() {
            match (q, c) {
                (None, '#') => break,
                (None, '"' | '\'') => q = Some(c),
                (Some(x), c2) if c2 == x => q = None,
                (Some(_), '\\') => {
                    chars.next();
                }
                (None, '(' | '[' | '{') => depth += 1,
                (None, ')' | ']' | '}') => depth -= 1,
                _ => {}
            }
        }
        if depth > 0 || in_triple.is_some() || buf.ends_with('\\') {
            if buf.ends_with('\\') {
                buf.pop();
            }
            continue;
        }
        let trimmed = buf.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            buf.clear();
            continue;
        }
        let indent = buf.len() - trimmed.len();
        let toks = tokenize(trimmed).map_err(|e| (start, e))?;
        if !toks.is_empty() {
            let simple = !matches!(&toks[0], Tok::Name(k) if COMPOUND.contains(&k.as_str()));
            let parts = if simple {
                split_semicolons(toks)
            } else {
                vec![toks]
            };
            for (k, toks) in parts.into_iter().enumerate() {
                if toks.is_empty() {
                    if k == 0 {
                        return Err((start, "invalid syntax".into()));
                    }
                    continue;
                }
                out.push(Line {
                    no: start,
                    indent,
                    toks,
                });
            }
        }
        buf.clear();
        depth = 0;
    }
    if !buf.trim().is_empty() {
        let last = src.lines().count();
        if in_triple.is_some() {
            return Err((
                start,
                format!("unterminated triple-quoted string literal (detected at line {last})"),
            ));
        }
        if let Some((line, c)) = unclosed(&buf) {
            return Err((start + line, format!("'{c}' was never closed")));
        }
        return Err((last, "unexpected EOF while parsing".into()));
    }
    Ok(out)
}

/// The first bracket in `text` never closed: (line offset, bracket).
fn unclosed(text: &str) -> Option<(usize, char)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut quote: Option<char> = None;
    let mut line = 0;
    let mut cs = text.chars();
    while let Some(c) = cs.next() {
        match (quote, c) {
            (_, '\n') => line += 1,
            (Some(_), '\\') => {
                cs.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') => {
                for c in cs.by_ref() {
                    if c == '\n' {
                        line += 1;
                        break;
                    }
                }
            }
            (None, '(' | '[' | '{') => stack.push((line, c)),
            (None, ')' | ']' | '}') => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.first().copied()
}

/// Keywords that open a compound statement: their `;` belong to the body.
const COMPOUND: &[&str] = &[
    "if", "elif", "else", "while", "for", "def", "class", "try", "except", "finally", "with",
];

/// Splits simple statements separated by top-level `;` (`x = 1; print(x)`).
pub(super) fn split_semicolons(toks: Vec<Tok>) -> Vec<Vec<Tok>> {
    let mut out = vec![Vec::new()];
    let mut depth = 0i32;
    for t in toks {
        if let Tok::Op(o) = &t {
            match o.as_str() {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth -= 1,
                ";" if depth == 0 => {
                    out.push(Vec::new());
                    continue;
                }
                _ => {}
            }
        }
        if let Some(l) = out.last_mut() {
            l.push(t);
        }
    }
    out
}
