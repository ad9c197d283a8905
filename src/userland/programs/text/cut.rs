//! `cut`.

use super::*;

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
    let o = match Opts::parse(&p.args(), "dfcb") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "s", 1) {
        return Ok(c);
    }
    let delim = o.value('d').and_then(|d| d.chars().next()).unwrap_or('\t');
    let (spec, by_field) = match (o.value('f'), o.value('c').or(o.value('b'))) {
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
    let sel = |i: usize| list.iter().any(|(a, b)| *a <= i && i <= *b);
    for (name, r) in inputs(p, &o.operands) {
        let text = match r {
            Ok(t) => t,
            Err(e) => {
                p.errln(format!("{name}: {e}"));
                continue;
            }
        };
        for line in text.lines() {
            if by_field {
                if !line.contains(delim) {
                    if !o.has('s') {
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
                p.out.outln(f.join(&delim.to_string()));
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
    Ok(0)
}
