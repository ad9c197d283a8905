//! `cut`.

use super::getopt;
use super::*;

/// The options cut accepts (table syntax of `text::getopt`).
pub const OPTIONS: &str = "b=|bytes= c=|characters= d=|delimiter= f=|fields= !n complement \
    s|only-delimited output-delimiter= !z|zero-terminated help version";

fn parse_list(spec: &str) -> Option<Vec<(usize, usize)>> {
    let mut v = Vec::new();
    for part in spec.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (
                if a.is_empty() { 1 } else { a.parse().ok()? },
                if b.is_empty() {
                    usize::MAX
                } else {
                    b.parse().ok()?
                },
            ),
            None => {
                let n = part.parse().ok()?;
                (n, n)
            }
        };
        if a == 0 {
            return None;
        }
        v.push((a, b));
    }
    Some(v)
}

pub fn cut(p: &mut Proc) -> Result<i32, Flow> {
    let o = match getopt::parse(p, OPTIONS, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let delim = match o.value("d") {
        None => '\t',
        Some(d) if d.chars().count() == 1 => d.chars().next().unwrap_or('\t'),
        Some(_) => {
            p.errln("the delimiter must be a single character");
            p.out.errln("Try 'cut --help' for more information.");
            return Ok(1);
        }
    };
    let out_delim = o
        .value("output-delimiter")
        .map(str::to_string)
        .unwrap_or_else(|| delim.to_string());
    let complement = o.has("complement");
    let only = o.has("s");
    let (spec, by_field) = match (o.value("f"), o.value("c").or(o.value("b"))) {
        (Some(f), _) => (f.to_string(), true),
        (None, Some(c)) => (c.to_string(), false),
        (None, None) => {
            p.errln("you must specify a list of bytes, characters, or fields");
            p.out.errln("Try 'cut --help' for more information.");
            return Ok(1);
        }
    };
    let Some(list) = parse_list(&spec) else {
        p.errln("fields and positions are numbered from 1");
        p.out.errln("Try 'cut --help' for more information.");
        return Ok(1);
    };
    let sel = |i: usize| list.iter().any(|(a, b)| *a <= i && i <= *b) != complement;
    let mut code = 0;
    for (name, r) in inputs(p, &o.operands) {
        let text = match r {
            Ok(t) => t,
            Err(e) => {
                p.errln(format!("{name}: {e}"));
                code = 1;
                continue;
            }
        };
        for line in text.lines() {
            if by_field {
                if !line.contains(delim) {
                    if !only {
                        p.out.outln(line);
                    }
                    continue;
                }
                let f: Vec<&str> = line
                    .split(delim)
                    .enumerate()
                    .filter(|(i, _)| sel(i + 1))
                    .map(|(_, f)| f)
                    .collect();
                p.out.outln(f.join(&out_delim));
            } else {
                let s: String = line
                    .chars()
                    .enumerate()
                    .filter(|(i, _)| sel(i + 1))
                    .map(|(_, c)| c)
                    .collect();
                p.out.outln(s);
            }
        }
    }
    Ok(code)
}
