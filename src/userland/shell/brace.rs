//! bash's brace expansion: `{a,b}`, `{1..10..2}`, `{a..e}`, `{01..03}`,
//! nested and combined, on the unquoted text of a word before any other
//! expansion (dash and busybox ash leave braces alone).

use super::parse::{Part, Word};

/// At most this many words from one word (`{1..1000000}` is refused).
pub const MAX_WORDS: usize = 100_000;

#[derive(Clone, Debug)]
enum Unit {
    /// A character of unquoted literal text: braces and commas count.
    Ch(char),
    /// Anything else, kept whole.
    Opaque(Part),
}

fn units(w: &Word) -> Vec<Unit> {
    let mut v = Vec::new();
    for p in w {
        match p {
            Part::Lit {
                text,
                quoted: false,
            } => v.extend(text.chars().map(Unit::Ch)),
            p => v.push(Unit::Opaque(p.clone())),
        }
    }
    v
}

fn word(us: &[Unit]) -> Word {
    let mut w: Word = Vec::new();
    let mut lit = String::new();
    for u in us {
        match u {
            Unit::Ch(c) => lit.push(*c),
            Unit::Opaque(p) => {
                if !lit.is_empty() {
                    w.push(Part::Lit {
                        text: std::mem::take(&mut lit),
                        quoted: false,
                    });
                }
                w.push(p.clone());
            }
        }
    }
    if !lit.is_empty() || w.is_empty() {
        w.push(Part::Lit {
            text: lit,
            quoted: false,
        });
    }
    w
}

fn is(u: &Unit, c: char) -> bool {
    matches!(u, Unit::Ch(x) if *x == c)
}

/// Whether a word has an unquoted `{` at all (the cheap test).
pub fn has_brace(w: &Word) -> bool {
    w.iter()
        .any(|p| matches!(p, Part::Lit { text, quoted: false } if text.contains('{')))
}

/// Expands the braces of `w`; `Err` when the result would be too large.
pub fn expand(w: &Word) -> Result<Vec<Word>, usize> {
    let mut done: Vec<Vec<Unit>> = Vec::new();
    let mut work: Vec<Vec<Unit>> = vec![units(w)];
    while let Some(us) = work.pop() {
        match split_first(&us) {
            None => done.push(us),
            Some((prefix, alts, suffix)) => {
                if done.len() + work.len() + alts.len() > MAX_WORDS {
                    return Err(MAX_WORDS);
                }
                // reversed so the first alternative is expanded first
                for alt in alts.into_iter().rev() {
                    let mut n = prefix.clone();
                    n.extend(alt);
                    n.extend(suffix.iter().cloned());
                    work.push(n);
                }
            }
        }
    }
    Ok(done.iter().map(|u| word(u)).collect())
}

type Split = (Vec<Unit>, Vec<Vec<Unit>>, Vec<Unit>);

/// The first expandable brace of `us`: prefix, alternatives, suffix.
fn split_first(us: &[Unit]) -> Option<Split> {
    let mut i = 0;
    while i < us.len() {
        if is(&us[i], '{') && !(i > 0 && is(&us[i - 1], '$')) {
            if let Some((j, alts)) = close(us, i) {
                return Some((us[..i].to_vec(), alts, us[j + 1..].to_vec()));
            }
        }
        i += 1;
    }
    None
}

/// For the `{` at `open`: the index of its `}` and the alternatives, if
/// it is a list with a top-level comma or a sequence.
fn close(us: &[Unit], open: usize) -> Option<(usize, Vec<Vec<Unit>>)> {
    let mut depth = 0;
    let mut commas = Vec::new();
    let mut k = open + 1;
    while k < us.len() {
        if is(&us[k], '{') {
            depth += 1;
        } else if is(&us[k], '}') {
            if depth == 0 {
                break;
            }
            depth -= 1;
        } else if is(&us[k], ',') && depth == 0 {
            commas.push(k);
        }
        k += 1;
    }
    if k >= us.len() {
        return None;
    }
    let body = &us[open + 1..k];
    if !commas.is_empty() {
        let mut alts = Vec::new();
        let mut start = open + 1;
        for c in commas.into_iter().chain(std::iter::once(k)) {
            alts.push(us[start..c].to_vec());
            start = c + 1;
        }
        return Some((k, alts));
    }
    let text: Option<String> = body
        .iter()
        .map(|u| match u {
            Unit::Ch(c) => Some(*c),
            Unit::Opaque(_) => None,
        })
        .collect();
    let seq = sequence(&text?)?;
    Some((
        k,
        seq.into_iter()
            .map(|s| s.chars().map(Unit::Ch).collect())
            .collect(),
    ))
}

/// `a..b[..step]` with integers or single letters.
fn sequence(s: &str) -> Option<Vec<String>> {
    let parts: Vec<&str> = s.split("..").collect();
    if parts.len() < 2 || parts.len() > 3 {
        return None;
    }
    let step: i64 = match parts.get(2) {
        Some(x) => x.parse().ok()?,
        None => 1,
    };
    // i128: the ends may be anywhere in i64 and a step may cross them.
    let step = i128::from(step.unsigned_abs().max(1));
    if let (Ok(a), Ok(b)) = (parts[0].parse::<i64>(), parts[1].parse::<i64>()) {
        let (a, b) = (i128::from(a), i128::from(b));
        let pad = |t: &str| {
            let d = t.trim_start_matches('-');
            d.len() > 1 && d.starts_with('0')
        };
        let width = if pad(parts[0]) || pad(parts[1]) {
            parts[0].len().max(parts[1].len())
        } else {
            0
        };
        let count = (a - b).unsigned_abs() / step.unsigned_abs() + 1;
        if count > MAX_WORDS as u128 {
            return Some(vec![String::new(); MAX_WORDS + 1]);
        }
        let mut v = Vec::with_capacity(count as usize);
        let mut x = a;
        for _ in 0..count {
            v.push(if width > 0 {
                if x < 0 {
                    format!("-{:0w$}", -x, w = width - 1)
                } else {
                    format!("{x:0width$}")
                }
            } else {
                x.to_string()
            });
            x = if a <= b { x + step } else { x - step };
        }
        return Some(v);
    }
    let step = step as i64;
    let (a, b) = (one_char(parts[0])?, one_char(parts[1])?);
    let (a, b) = (a as i64, b as i64);
    let mut v = Vec::new();
    let mut x = a;
    loop {
        v.push(char::from_u32(x as u32)?.to_string());
        if x == b {
            break;
        }
        x = if a <= b { x + step } else { x - step };
        if (a <= b && x > b) || (a > b && x < b) {
            break;
        }
    }
    Some(v)
}

fn one_char(s: &str) -> Option<char> {
    let mut cs = s.chars();
    let c = cs.next()?;
    (cs.next().is_none() && c.is_ascii_alphabetic()).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Word {
        vec![Part::Lit {
            text: s.into(),
            quoted: false,
        }]
    }

    fn flat(w: &Word) -> String {
        w.iter()
            .map(|p| match p {
                Part::Lit { text, .. } => text.clone(),
                _ => "?".into(),
            })
            .collect()
    }

    fn ex(s: &str) -> Vec<String> {
        expand(&lit(s)).unwrap().iter().map(flat).collect()
    }

    #[test]
    fn lists_sequences_and_literals() {
        assert_eq!(ex("{a,b}{1,2}"), ["a1", "a2", "b1", "b2"]);
        assert_eq!(ex("{a,b{1,2}}"), ["a", "b1", "b2"]);
        assert_eq!(ex("{0..10..3}"), ["0", "3", "6", "9"]);
        assert_eq!(ex("{5..1}"), ["5", "4", "3", "2", "1"]);
        assert_eq!(ex("{01..03}"), ["01", "02", "03"]);
        assert_eq!(ex("{a..c}"), ["a", "b", "c"]);
        assert_eq!(ex("{a}"), ["{a}"]);
        assert_eq!(ex("x{,}y"), ["xy", "xy"]);
        assert_eq!(ex("{1..a}"), ["{1..a}"]);
        assert!(expand(&lit("{1..10000000}")).is_err());
    }
}
