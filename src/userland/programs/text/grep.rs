//! `grep` (and `egrep`, `fgrep`).

use super::*;

pub fn grep(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "efmABC") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 2),
    };
    if let Some(c) = check_flags(p, &o, "ivnrRcElFwoqhHsxLP", 2) {
        return Ok(c);
    }
    let mut operands = o.operands.clone();
    let mut patterns: Vec<String> = o
        .values
        .iter()
        .filter(|(k, _)| *k == 'e')
        .map(|(_, v)| v.clone())
        .collect();
    if patterns.is_empty() {
        if operands.is_empty() {
            if p.is_busybox() {
                p.out.errln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...");
            } else {
                p.out.errln("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.");
            }
            return Ok(2);
        }
        patterns.push(operands.remove(0));
    }
    let extended = o.has('E') || p.name() == "egrep" || o.has('P');
    let fixed = o.has('F') || p.name() == "fgrep";
    let icase = o.has('i') || o.long("ignore-case");
    let mut res = Vec::new();
    for pat in &patterns {
        for line_pat in pat.split('\n') {
            let src = if fixed {
                crate::userland::glob::escape(line_pat)
                    .chars()
                    .flat_map(|c| {
                        if "\\.^$*[]+?(){}|".contains(c) {
                            vec!['\\', c]
                        } else {
                            vec![c]
                        }
                    })
                    .collect::<String>()
                    .replace("\\\\\\", "\\")
            } else {
                line_pat.to_string()
            };
            let src = if o.has('w') {
                format!("\\b{src}\\b")
            } else {
                src
            };
            let src = if o.has('x') {
                format!("^({src})$")
            } else {
                src
            };
            match Regex::new(&src, extended || o.has('x'), icase) {
                Ok(r) => res.push(r),
                Err(e) => {
                    p.errln(e);
                    return Ok(2);
                }
            }
        }
    }
    let invert = o.has('v');
    let recursive = o.has('r') || o.has('R');
    if operands.is_empty() && recursive {
        operands.push(".".into());
    }
    // expand directories for -r
    let mut files: Vec<String> = Vec::new();
    let mut code_err = false;
    for f in &operands {
        let a = p.abs(f);
        let (fs, inner) = p.sys.fs_for_ref(&a);
        match fs.stat(&inner) {
            Ok(Entry::Dir { .. }) if recursive => {
                if let Ok(items) = fs.walk(&fs.resolve(&inner, true).unwrap_or(inner.clone())) {
                    let base = fs.resolve(&inner, true).unwrap_or(inner.clone());
                    for (ip, e) in items {
                        if matches!(e, Entry::File { .. }) {
                            let rel = ip
                                .strip_prefix(&base)
                                .unwrap_or(&ip)
                                .trim_start_matches('/');
                            let shown = if f == "." && !o.operands.iter().any(|x| x == ".") {
                                rel.to_string()
                            } else if f.ends_with('/') {
                                format!("{f}{rel}")
                            } else {
                                format!("{f}/{rel}")
                            };
                            files.push(shown);
                        }
                    }
                }
            }
            Ok(Entry::Dir { .. }) => {
                if !o.has('s') {
                    p.errln(format!("{f}: Is a directory"));
                }
                code_err = true;
            }
            _ => files.push(f.clone()),
        }
    }
    let show_names = (files.len() > 1 || recursive) && !o.has('h') || o.has('H');
    let mut any = false;
    let ins = if operands.is_empty() {
        inputs(p, &[])
    } else {
        inputs(p, &files)
    };
    for (name, r) in ins {
        let text = match r {
            Ok(t) => t,
            Err(e) => {
                if !o.has('s') {
                    p.errln(format!("{name}: {e}"));
                }
                code_err = true;
                continue;
            }
        };
        let shown = if name == "-" {
            "(standard input)".to_string()
        } else {
            name.clone()
        };
        let mut count = 0;
        let max: Option<usize> = o.value('m').and_then(|m| m.parse().ok());
        for (ln, line) in text.lines().enumerate() {
            if max.is_some_and(|m| count >= m) {
                break;
            }
            let hit = res.iter().any(|r| r.is_match(line));
            if hit == invert {
                continue;
            }
            count += 1;
            any = true;
            if o.has('q') {
                return Ok(0);
            }
            if o.has('c') || o.has('l') || o.has('L') {
                continue;
            }
            let mut prefix = String::new();
            if show_names {
                prefix.push_str(&shown);
                prefix.push(':');
            }
            if o.has('n') {
                prefix.push_str(&format!("{}:", ln + 1));
            }
            if o.has('o') && !invert {
                for r in &res {
                    let mut from = 0;
                    let chars: Vec<(usize, char)> = line.char_indices().collect();
                    while let Some((a, b)) = r.find_from(line, from) {
                        p.out.outln(format!("{prefix}{}", &line[a..b]));
                        let next = chars
                            .iter()
                            .position(|(i, _)| *i >= b.max(a + 1))
                            .unwrap_or(chars.len());
                        if next <= from {
                            break;
                        }
                        from = next;
                    }
                }
            } else {
                p.out.outln(format!("{prefix}{line}"));
            }
        }
        if o.has('c') {
            if show_names {
                p.out.outln(format!("{shown}:{count}"));
            } else {
                p.out.outln(count.to_string());
            }
        }
        if o.has('l') && count > 0 {
            p.out.outln(&shown);
        }
        if o.has('L') && count == 0 {
            p.out.outln(&shown);
        }
    }
    Ok(if code_err && !(any && o.has('q')) {
        2
    } else if any {
        0
    } else {
        1
    })
}
