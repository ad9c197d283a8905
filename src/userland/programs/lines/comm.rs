//! `comm`: compares two sorted files line by line; three columns (only in
//! the first, only in the second, in both), suppressed with `-1 -2 -3`.

use super::super::operand::{self, OpenError};
use super::super::{locale, opts, Flow, Proc};
use std::cmp::Ordering;

pub fn comm(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "1 2 3"
    } else {
        "1 2 3 check-order nocheck-order output-delimiter= !total !z|zero-terminated"
    };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.operands.len() != 2 {
        let n = p.name();
        match o.operands.len() {
            0 => p.errln("missing operand"),
            1 => {
                let q = locale::quote(p, &o.operands[0]);
                p.errln(format!("missing operand after {q}"))
            }
            _ => {
                let q = locale::quote(p, &o.operands[2]);
                p.errln(format!("extra operand {q}"))
            }
        }
        if p.is_busybox() {
            p.out.errln(format!(
                "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: {n} [-123] FILE1 FILE2"
            ));
        } else {
            p.out
                .errln(format!("Try '{n} --help' for more information."));
        }
        return Ok(1);
    }
    let mut files = Vec::new();
    for f in &o.operands {
        match operand::read(p, f, OpenError::Plain) {
            Some(d) => files.push(operand::lines(&d).0),
            None => return Ok(1),
        }
    }
    let delim = o.value("output-delimiter").unwrap_or("\t").to_string();
    let show = [!o.has("1"), !o.has("2"), !o.has("3")];
    let check = !p.is_busybox() && !o.has("nocheck-order");
    let (a, b) = (&files[0], &files[1]);
    let (mut i, mut j) = (0, 0);
    let mut s = String::new();
    let mut unsorted = [false, false];
    let mut warned = false;
    let emit = |s: &mut String, col: usize, line: &str| {
        if !show[col] {
            return;
        }
        for _ in show[..col].iter().filter(|x| **x) {
            s.push_str(&delim);
        }
        s.push_str(line);
        s.push('\n');
    };
    let mut errs = Vec::new();
    while i < a.len() || j < b.len() {
        let ord = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x.as_bytes().cmp(y.as_bytes()),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        let (file, idx) = match ord {
            Ordering::Less => (0, i),
            Ordering::Greater => (1, j),
            Ordering::Equal => (2, i),
        };
        // Order check: each file's next line must not sort before this one.
        for (k, (v, at)) in [(a, i), (b, j)].iter().enumerate() {
            let advanced = file == k || file == 2;
            if check && advanced && !unsorted[k] && !warned {
                if let (Some(cur), Some(next)) = (v.get(*at), v.get(*at + 1)) {
                    if next.as_bytes() < cur.as_bytes() {
                        unsorted[k] = true;
                    }
                }
            }
        }
        let line = if file == 1 { &b[idx] } else { &a[idx] };
        emit(&mut s, file, line);
        match file {
            0 => i += 1,
            1 => j += 1,
            _ => {
                i += 1;
                j += 1;
            }
        }
        for (k, u) in unsorted.iter().enumerate() {
            if *u && !warned {
                p.out.out(std::mem::take(&mut s));
                errs.push(format!("file {} is not in sorted order", k + 1));
                warned = true;
            }
        }
        if !errs.is_empty() {
            for e in errs.drain(..) {
                p.errln(e);
            }
        }
    }
    p.out.out(s);
    if warned {
        p.errln("input is not in sorted order");
        return Ok(1);
    }
    Ok(0)
}
