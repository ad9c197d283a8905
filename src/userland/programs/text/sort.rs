//! `sort` and `uniq`.

use super::*;

fn sort_key(line: &str, key: Option<usize>, sep: Option<char>) -> String {
    match key {
        None => line.to_string(),
        Some(k) => {
            let fields: Vec<&str> = match sep {
                Some(s) => line.split(s).collect(),
                None => line.split_whitespace().collect(),
            };
            fields
                .get(k.saturating_sub(1)..)
                .map(|f| f.join(" "))
                .unwrap_or_default()
        }
    }
}

fn num_prefix(s: &str) -> f64 {
    let t = s.trim_start();
    let n: String = t
        .chars()
        .enumerate()
        .take_while(|(i, c)| c.is_ascii_digit() || *c == '.' || (*i == 0 && *c == '-'))
        .map(|(_, c)| c)
        .collect();
    n.parse().unwrap_or(0.0)
}

pub fn sort(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "ktoS") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 2),
    };
    if let Some(c) = check_flags(p, &o, "rnufbhVs", 2) {
        return Ok(c);
    }
    let key: Option<usize> = o
        .value('k')
        .and_then(|k| k.split(',').next()?.split('.').next()?.parse().ok());
    let sep = o.value('t').and_then(|t| t.chars().next());
    let mut lines: Vec<String> = Vec::new();
    for (name, r) in inputs(p, &o.operands) {
        match r {
            Ok(t) => lines.extend(t.lines().map(String::from)),
            Err(e) => {
                p.errln(format!("cannot read: {name}: {e}"));
                return Ok(2);
            }
        }
    }
    let numeric = o.has('n') || o.has('h');
    let fold = o.has('f');
    lines.sort_by(|a, b| {
        let ka = sort_key(a, key, sep);
        let kb = sort_key(b, key, sep);
        let ord = if numeric {
            num_prefix(&ka)
                .partial_cmp(&num_prefix(&kb))
                .unwrap_or(std::cmp::Ordering::Equal)
        } else if fold {
            ka.to_lowercase().cmp(&kb.to_lowercase())
        } else {
            ka.cmp(&kb)
        };
        ord.then_with(|| a.cmp(b))
    });
    if o.has('r') {
        lines.reverse();
    }
    if o.has('u') {
        lines.dedup_by(|a, b| {
            if numeric {
                num_prefix(a) == num_prefix(b)
            } else {
                a == b
            }
        });
    }
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    if let Some(f) = o.value('o') {
        let f = f.to_string();
        if let Err(e) = p.write(&f, text.as_bytes()) {
            p.errln(format!("open failed: {f}: {e}"));
            return Ok(2);
        }
        return Ok(0);
    }
    p.out.out(text);
    Ok(0)
}

pub fn uniq(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "cdui", 1) {
        return Ok(c);
    }
    let ins = inputs(p, &o.operands[..o.operands.len().min(1)]);
    let text = match ins.into_iter().next() {
        Some((_, Ok(t))) => t,
        Some((n, Err(e))) => {
            p.errln(format!("{n}: {e}"));
            return Ok(1);
        }
        None => String::new(),
    };
    let mut groups: Vec<(String, usize)> = Vec::new();
    for l in text.lines() {
        match groups.last_mut() {
            Some((prev, n))
                if prev == l || (o.has('i') && prev.to_lowercase() == l.to_lowercase()) =>
            {
                *n += 1
            }
            _ => groups.push((l.to_string(), 1)),
        }
    }
    for (l, n) in groups {
        if o.has('d') && n < 2 || o.has('u') && n > 1 {
            continue;
        }
        if o.has('c') {
            p.out.outln(format!("{n:>7} {l}"));
        } else {
            p.out.outln(l);
        }
    }
    Ok(0)
}
