//! `xargs`: GNU findutils xargs — blank/quote-aware input splitting, `-0`
//! and `-d`, `-I` (one command per line), `-n`, `-L`, `-r`, `-t`, `-a`,
//! `-P` (run one after another), exit statuses 123/124/126/127.

use super::getopt;
use super::*;

/// The options xargs accepts (table syntax of `text::getopt`); `-P` runs
/// the commands one after another, which gives the same output.
pub const OPTIONS: &str = "+0|null a=|arg-file= d=|delimiter= !E= !e? I= !i? L=|max-lines= \
    !l? n=|max-args= !o|open-tty !p|interactive P=|max-procs= r|no-run-if-empty \
    s=|max-chars= t|verbose x|exit show-limits help version !process-slot-var=";

/// Splits the input into items: quotes and backslashes as GNU xargs
/// reads them; `Err` for an unmatched quote.
fn split_items(text: &str) -> Result<Vec<(String, usize)>, char> {
    let mut items = Vec::new();
    let mut cur = String::new();
    let mut have = false;
    let mut line = 0usize;
    let mut it = text.chars();
    while let Some(c) = it.next() {
        match c {
            '\'' | '"' => {
                have = true;
                loop {
                    match it.next() {
                        Some(d) if d == c => break,
                        Some('\n') | None => return Err(c),
                        Some(d) => cur.push(d),
                    }
                }
            }
            '\\' => {
                have = true;
                if let Some(d) = it.next() {
                    cur.push(d);
                }
            }
            ' ' | '\t' | '\n' => {
                if have {
                    items.push((std::mem::take(&mut cur), line));
                    have = false;
                }
                if c == '\n' {
                    line += 1;
                }
            }
            c => {
                have = true;
                cur.push(c);
            }
        }
    }
    if have {
        items.push((cur, line));
    }
    Ok(items)
}

pub fn xargs(p: &mut Proc) -> Result<i32, Flow> {
    let o = match getopt::parse(p, OPTIONS, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let mut cmd = o.operands.clone();
    if cmd.is_empty() {
        cmd.push("echo".into());
    }
    let text = match o.value("a") {
        Some(f) => match p.read(f) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                p.errln(format!("{f}: {e}"));
                return Ok(1);
            }
        },
        None => p.stdin_text(),
    };
    let num = |v: Option<&str>| v.and_then(|n| n.parse::<usize>().ok()).map(|n| n.max(1));
    let replace = o.value("I").map(str::to_string);
    let delim: Option<char> = if o.has("0") {
        Some('\0')
    } else {
        o.value("d").map(|d| match d {
            "\\n" => '\n',
            "\\t" => '\t',
            "\\0" => '\0',
            d => d.chars().next().unwrap_or('\n'),
        })
    };
    // Each command's arguments.
    let batches: Vec<Vec<String>> = if let Some(r) = &replace {
        let lines: Vec<String> = match delim {
            Some(d) => text
                .split(d)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            None => text
                .lines()
                .map(|l| l.trim_start().to_string())
                .filter(|l| !l.is_empty())
                .collect(),
        };
        lines
            .into_iter()
            .map(|l| cmd.iter().map(|a| a.replace(r.as_str(), &l)).collect())
            .collect()
    } else {
        let items: Vec<(String, usize)> = match delim {
            Some(d) => {
                let mut v: Vec<&str> = text.split(d).collect();
                if v.last() == Some(&"") {
                    v.pop();
                }
                v.into_iter().map(|s| (s.to_string(), 0)).collect()
            }
            None => match split_items(&text) {
                Ok(v) => v,
                Err(q) => {
                    let kind = if q == '\'' { "single" } else { "double" };
                    p.errln(format!("unmatched {kind} quote; by default quotes are special to xargs unless you use the -0 option"));
                    return Ok(1);
                }
            },
        };
        let per_cmd = num(o.value("n"));
        let per_lines = num(o.value("L"));
        let mut batches: Vec<Vec<String>> = Vec::new();
        if let Some(l) = per_lines {
            let mut cur: Vec<String> = Vec::new();
            let mut lines_in = 0;
            let mut last_line = None;
            for (item, line) in items {
                if last_line.is_some_and(|x| x != line) {
                    lines_in += 1;
                    if lines_in >= l {
                        batches.push(std::mem::take(&mut cur));
                        lines_in = 0;
                    }
                }
                last_line = Some(line);
                cur.push(item);
            }
            if !cur.is_empty() {
                batches.push(cur);
            }
        } else {
            let per = per_cmd.unwrap_or(5000);
            let items: Vec<String> = items.into_iter().map(|x| x.0).collect();
            batches.extend(items.chunks(per).map(|c| c.to_vec()));
        }
        batches
            .into_iter()
            .map(|b| cmd.iter().cloned().chain(b).collect())
            .collect()
    };
    let batches = if batches.is_empty() && replace.is_none() && !o.has("r") {
        vec![cmd.clone()]
    } else {
        batches
    };
    let mut code = 0;
    let path_var = p.getenv("PATH").unwrap_or_else(|| DEFAULT_PATH.into());
    for argv in batches {
        if p.lim.steps == 0 {
            return Err(Flow::Budget);
        }
        p.lim.steps -= 1;
        if o.has("t") {
            p.out.errln(argv.join(" "));
        }
        match lookup(p.sys, &argv[0], &path_var, &p.ctx.cwd) {
            Lookup::Found(f) => {
                let mut ctx = p.ctx.clone();
                ctx.stdin = None;
                let c = exec(p.sys, &f, &argv, &ctx, p.out, p.lim)?;
                match c {
                    0 => {}
                    255 => {
                        p.errln(format!("{}: exited with status 255; aborting", argv[0]));
                        return Ok(124);
                    }
                    1..=125 => code = 123,
                    _ => code = 125,
                }
            }
            _ => {
                p.errln(format!("{}: No such file or directory", argv[0]));
                return Ok(127);
            }
        }
    }
    Ok(code)
}
