//! `tr`: GNU coreutils tr — ranges, `[:class:]`, `[=c=]`, `[c*n]`,
//! escapes, and `-c -d -s -t` in their combinations (`tr -cd
//! '[:digit:]'` keeps the digits).

use super::getopt;
use super::*;

/// The options tr accepts (table syntax of `text::getopt`).
pub const OPTIONS: &str = "c|C|complement d|delete s|squeeze-repeats t|truncate-set1 help version";

fn class(name: &str) -> Option<Vec<char>> {
    let all = (0u8..=127).map(char::from);
    let v: Vec<char> = match name {
        "alpha" => all.filter(char::is_ascii_alphabetic).collect(),
        "digit" => all.filter(char::is_ascii_digit).collect(),
        "alnum" => all.filter(char::is_ascii_alphanumeric).collect(),
        "upper" => all.filter(char::is_ascii_uppercase).collect(),
        "lower" => all.filter(char::is_ascii_lowercase).collect(),
        "space" => vec!['\t', '\n', '\x0b', '\x0c', '\r', ' '],
        "blank" => vec!['\t', ' '],
        "punct" => all.filter(char::is_ascii_punctuation).collect(),
        "print" => all.filter(|c| (' '..='~').contains(c)).collect(),
        "graph" => all.filter(char::is_ascii_graphic).collect(),
        "cntrl" => all.filter(char::is_ascii_control).collect(),
        "xdigit" => all.filter(char::is_ascii_hexdigit).collect(),
        _ => return None,
    };
    Some(v)
}

/// One escaped char at `cs[*i]` (after a backslash has been seen).
fn escape(cs: &[char], i: &mut usize) -> char {
    let c = cs.get(*i).copied().unwrap_or('\\');
    *i += 1;
    match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'v' => '\x0b',
        '0'..='7' => {
            let mut v = c.to_digit(8).unwrap_or(0);
            let mut k = 0;
            while k < 2 && cs.get(*i).is_some_and(|d| ('0'..='7').contains(d)) {
                v = v * 8 + cs[*i].to_digit(8).unwrap_or(0);
                *i += 1;
                k += 1;
            }
            char::from_u32(v).unwrap_or('\0')
        }
        other => other,
    }
}

/// Expands a SET; `Err` carries tr's message.
fn expand(s: &str) -> Result<Vec<char>, String> {
    let cs: Vec<char> = s.chars().collect();
    let mut v = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == '[' && matches!(cs.get(i + 1), Some(':' | '=')) {
            let kind = cs[i + 1];
            let rest: String = cs[i + 2..].iter().collect();
            let close = format!("{kind}]");
            if let Some(k) = rest.find(&close) {
                let name = &rest[..k];
                if kind == ':' {
                    match class(name) {
                        Some(c) => v.extend(c),
                        None => return Err(format!("invalid character class '{name}'")),
                    }
                } else {
                    v.extend(name.chars().take(1));
                }
                i += 2 + name.chars().count() + 2;
                continue;
            }
        }
        if cs[i] == '[' && cs.get(i + 2) == Some(&'*') {
            if let Some(k) = cs[i + 3..].iter().position(|c| *c == ']') {
                let n: String = cs[i + 3..i + 3 + k].iter().collect();
                let count = n.parse::<usize>().unwrap_or(0).min(1 << 16);
                let ch = cs[i + 1];
                for _ in 0..count.max(1) {
                    v.push(ch);
                }
                i += 4 + k;
                continue;
            }
        }
        let c = if cs[i] == '\\' {
            i += 1;
            escape(&cs, &mut i)
        } else {
            i += 1;
            cs[i - 1]
        };
        if cs.get(i) == Some(&'-') && i + 1 < cs.len() {
            i += 1;
            let e = if cs[i] == '\\' {
                i += 1;
                escape(&cs, &mut i)
            } else {
                i += 1;
                cs[i - 1]
            };
            if e < c {
                return Err(format!(
                    "range-endpoints of '{}-{}' are in reverse collating sequence order",
                    c, e
                ));
            }
            v.extend((c as u32..=e as u32).filter_map(char::from_u32));
            continue;
        }
        v.push(c);
    }
    Ok(v)
}

pub fn tr(p: &mut Proc) -> Result<i32, Flow> {
    let o = match getopt::parse(p, OPTIONS, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let (comp, del, squeeze) = (o.has("c"), o.has("d"), o.has("s"));
    let sets = &o.operands;
    let need = if del && squeeze {
        2
    } else if del || (squeeze && sets.len() < 2) {
        1
    } else {
        2
    };
    let try_help = "Try 'tr --help' for more information.";
    if sets.is_empty() {
        p.errln("missing operand");
        p.out.errln(try_help);
        return Ok(1);
    }
    if sets.len() < need {
        p.errln(format!("missing operand after '{}'", sets[sets.len() - 1]));
        if need == 2 && !del {
            p.out.errln("Two strings must be given when translating.");
        } else {
            p.out
                .errln("Two strings must be given when both deleting and squeezing repeats.");
        }
        p.out.errln(try_help);
        return Ok(1);
    }
    if sets.len() > need {
        p.errln(format!("extra operand '{}'", sets[need]));
        if del && !squeeze {
            p.out
                .errln("Only one string may be given when deleting without squeezing repeats.");
        }
        p.out.errln(try_help);
        return Ok(1);
    }
    let s1 = match expand(&sets[0]) {
        Ok(v) => v,
        Err(e) => {
            p.errln(e);
            return Ok(1);
        }
    };
    let s2 = match sets.get(1).map(|s| expand(s)).transpose() {
        Ok(v) => v,
        Err(e) => {
            p.errln(e);
            return Ok(1);
        }
    };
    let in1 = |c: char| s1.contains(&c) != comp;
    let input = p.stdin_text();
    let mut out = String::with_capacity(input.len());
    let translating = !del && s2.is_some();
    let squeeze_set: Vec<char> = match (&s2, translating || del) {
        (Some(s), true) => s.clone(),
        _ => s1.clone(),
    };
    let squeeze_comp = comp && !translating && !del;
    let mut map: Vec<char> = s2.clone().unwrap_or_default();
    if translating {
        if map.is_empty() {
            p.errln("when not truncating set1, string2 must be non-empty");
            return Ok(1);
        }
        if o.has("t") {
            // set1 truncated to set2's length: handled by lookup below.
        } else if !comp {
            let last = *map.last().unwrap_or(&' ');
            while map.len() < s1.len() {
                map.push(last);
            }
        }
    }
    let mut last: Option<char> = None;
    for c in input.chars() {
        let mut ch = Some(c);
        if del && in1(c) {
            ch = None;
        } else if translating {
            if comp {
                if !s1.contains(&c) {
                    ch = map.last().copied();
                }
            } else if let Some(k) = s1.iter().rposition(|x| *x == c) {
                if k < map.len() {
                    ch = Some(map[k]);
                }
            }
        }
        let Some(ch) = ch else { continue };
        if squeeze && last == Some(ch) && (squeeze_set.contains(&ch) != squeeze_comp) {
            continue;
        }
        last = Some(ch);
        out.push(ch);
    }
    p.out.out(out);
    Ok(0)
}
