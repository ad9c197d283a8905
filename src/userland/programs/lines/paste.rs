//! `paste`: merges lines of files side by side (`-d LIST`), or each file's
//! lines into one line (`-s`).

use super::super::operand::{self, OpenError};
use super::super::{opts, Flow, Proc};

/// The delimiter list with `\n`, `\t`, `\\` and `\0` (empty) unescaped;
/// `None` for an empty delimiter.
fn delimiters(spec: &str) -> Vec<Option<char>> {
    let mut out = Vec::new();
    let mut cs = spec.chars();
    while let Some(c) = cs.next() {
        if c != '\\' {
            out.push(Some(c));
            continue;
        }
        match cs.next() {
            Some('n') => out.push(Some('\n')),
            Some('t') => out.push(Some('\t')),
            Some('0') => out.push(None),
            Some(o) => out.push(Some(o)),
            None => out.push(Some('\\')),
        }
    }
    out
}

pub fn paste(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "d= s"
    } else {
        "d=|delimiters= s|serial !z|zero-terminated"
    };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let mut delims = delimiters(o.value("d").unwrap_or("\t"));
    if delims.is_empty() {
        delims.push(None);
    }
    let files = operand::or_stdin(&o.operands);
    let mut inputs: Vec<Vec<String>> = Vec::new();
    let mut stdin_lines: Option<std::collections::VecDeque<String>> = None;
    let stdin_uses = files.iter().filter(|f| *f == "-").count();
    for f in &files {
        if f == "-" {
            let q = stdin_lines.get_or_insert_with(|| {
                let data = p.ctx.stdin.clone().unwrap_or_default();
                operand::lines(&data).0.into()
            });
            if o.has("s") || stdin_uses == 1 {
                inputs.push(q.drain(..).collect());
            } else {
                // `paste - -`: the standard input is shared, line by line.
                inputs.push(vec!["\0stdin".into()]);
            }
            continue;
        }
        match operand::read(p, f, OpenError::Plain) {
            Some(d) => inputs.push(operand::lines(&d).0),
            None => return Ok(1),
        }
    }
    let mut s = String::new();
    let join = |s: &mut String, k: usize| {
        if let Some(c) = delims[k % delims.len()] {
            s.push(c);
        }
    };
    if o.has("s") {
        for lines in &inputs {
            for (k, l) in lines.iter().enumerate() {
                if k > 0 {
                    join(&mut s, k - 1);
                }
                s.push_str(l);
            }
            s.push('\n');
        }
        p.out.out(s);
        return Ok(0);
    }
    let bb = p.is_busybox();
    let mut shared = stdin_lines.unwrap_or_default();
    let mut pos = vec![0usize; inputs.len()];
    loop {
        let mut line = String::new();
        let mut any = false;
        let mut prev_ended = false;
        for (k, lines) in inputs.iter().enumerate() {
            // busybox skips the delimiter after a file that has ended.
            if k > 0 && !(bb && prev_ended) {
                join(&mut line, k - 1);
            }
            prev_ended = lines.len() <= pos[k] && !(lines.len() == 1 && lines[0] == "\0stdin");
            if lines.first().is_some_and(|l| l == "\0stdin") && lines.len() == 1 {
                if let Some(l) = shared.pop_front() {
                    line.push_str(&l);
                    any = true;
                }
            } else if let Some(l) = lines.get(pos[k]) {
                line.push_str(l);
                pos[k] += 1;
                any = true;
            }
        }
        if !any {
            break;
        }
        s.push_str(&line);
        s.push('\n');
        if s.len() > super::super::OUTPUT_CAP {
            break;
        }
    }
    p.out.out(s);
    Ok(0)
}
