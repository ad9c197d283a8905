//! `find`: walking a tree with tests and actions.

use super::*;

pub fn find(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let mut roots = Vec::new();
    let mut i = 0;
    while i < args.len() && !args[i].starts_with('-') && args[i] != "(" && args[i] != "!" {
        roots.push(args[i].clone());
        i += 1;
    }
    if roots.is_empty() {
        roots.push(".".into());
    }
    #[derive(Debug)]
    enum T {
        Name(String, bool),
        Type(char),
        Not,
        Empty,
        Path(String),
    }
    let mut tests = Vec::new();
    let mut maxdepth = usize::MAX;
    let mut mindepth = 0;
    let mut delete = false;
    let mut exec: Option<Vec<String>> = None;
    while i < args.len() {
        let a = args[i].as_str();
        let val = args.get(i + 1).cloned();
        let need = |p: &mut Proc| {
            p.errln(format!("missing argument to `{a}'"));
            Ok(1)
        };
        match a {
            "-name" | "-iname" => {
                let Some(v) = val else { return need(p) };
                tests.push(T::Name(v, a == "-iname"));
                i += 1;
            }
            "-path" | "-wholename" => {
                let Some(v) = val else { return need(p) };
                tests.push(T::Path(v));
                i += 1;
            }
            "-type" => {
                let Some(v) = val else { return need(p) };
                let c = v.chars().next().unwrap_or('f');
                if !"fdl".contains(c) {
                    p.errln(format!("Unknown argument to -type: {v}"));
                    return Ok(1);
                }
                tests.push(T::Type(c));
                i += 1;
            }
            "-maxdepth" | "-mindepth" => {
                let Some(v) = val else { return need(p) };
                let n = v.parse().unwrap_or(0);
                if a == "-maxdepth" {
                    maxdepth = n;
                } else {
                    mindepth = n;
                }
                i += 1;
            }
            "!" | "-not" => tests.push(T::Not),
            "-empty" => tests.push(T::Empty),
            "-print" | "-a" | "-and" => {}
            "-delete" => delete = true,
            "-exec" => {
                let mut cmd = Vec::new();
                i += 1;
                while i < args.len() && args[i] != ";" && args[i] != "+" {
                    cmd.push(args[i].clone());
                    i += 1;
                }
                exec = Some(cmd);
            }
            _ => {
                p.errln(format!("unknown predicate `{a}'"));
                return Ok(1);
            }
        }
        i += 1;
    }
    let mut code = 0;
    let mut hits: Vec<String> = Vec::new();
    for root in &roots {
        let abs = p.abs(root);
        let (fs, inner) = p.sys.fs_for_ref(&abs);
        let real = match fs.resolve(&inner, true) {
            Ok(r) if r == "/" || fs.lookup(&r).is_some() => r,
            _ => {
                if p.is_busybox() {
                    p.errln(format!("{root}: No such file or directory"));
                } else {
                    let q = super::super::locale::quote(p, root);
                    p.errln(format!("{q}: No such file or directory"));
                }
                code = 1;
                continue;
            }
        };
        let items = fs.walk(&real).unwrap_or_default();
        for (ip, e) in items {
            let rel = ip[real.len().min(ip.len())..].trim_start_matches('/');
            let depth = if rel.is_empty() {
                0
            } else {
                rel.split('/').count()
            };
            if depth > maxdepth || depth < mindepth {
                continue;
            }
            let shown = if rel.is_empty() {
                root.clone()
            } else if root.ends_with('/') {
                format!("{root}{rel}")
            } else {
                format!("{root}/{rel}")
            };
            let name = if rel.is_empty() {
                path::file_name(root).to_string()
            } else {
                path::file_name(rel).to_string()
            };
            let mut ok = true;
            let mut negate = false;
            for t in &tests {
                let r = match t {
                    T::Not => {
                        negate = !negate;
                        continue;
                    }
                    T::Name(pat, ci) => {
                        if *ci {
                            crate::userland::glob::matches(
                                &pat.to_lowercase(),
                                &name.to_lowercase(),
                            )
                        } else {
                            crate::userland::glob::matches(pat, &name)
                        }
                    }
                    T::Path(pat) => crate::userland::glob::matches(pat, &shown),
                    T::Type(c) => match c {
                        'f' => matches!(e, Entry::File { .. }),
                        'd' => e.is_dir(),
                        _ => matches!(e, Entry::Symlink { .. }),
                    },
                    T::Empty => match &e {
                        Entry::File { content, .. } => content.size() == 0,
                        Entry::Dir { .. } => {
                            fs.read_dir(&ip).map(|v| v.is_empty()).unwrap_or(false)
                        }
                        _ => false,
                    },
                };
                if r == negate {
                    ok = false;
                }
                negate = false;
            }
            if ok {
                hits.push(shown);
            }
        }
    }
    if let Some(cmd) = exec {
        for h in hits {
            let argv: Vec<String> = cmd.iter().map(|a| a.replace("{}", &h)).collect();
            let pv = p
                .getenv("PATH")
                .unwrap_or_else(|| super::super::DEFAULT_PATH.into());
            if let super::super::Lookup::Found(f) =
                super::super::lookup(p.sys, &argv[0], &pv, &p.ctx.cwd)
            {
                let ctx = p.ctx.clone();
                super::super::exec(p.sys, &f, &argv, &ctx, p.out, p.lim)?;
            } else {
                p.errln(format!("'{}': No such file or directory", argv[0]));
                code = 1;
            }
        }
    } else if delete {
        for h in hits.iter().rev() {
            let abs = p.abs(h);
            let (fs, inner) = p.sys.fs_for(&abs);
            let _ = fs.remove(&inner, false);
        }
    } else {
        for h in hits {
            p.out.outln(h);
        }
    }
    Ok(code)
}
