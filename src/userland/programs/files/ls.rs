//! `ls`: listing files and directories (long format, columns, sorting).

use super::*;

pub(super) struct LsItem {
    name: String,
    entry: Entry,
    nlink: usize,
    target: Option<String>,
}

/// GNU ls: what the sandbox implements, and `!` what it does not. `--color`
/// (`auto`, `never`; Ubuntu's `.bashrc` aliases `ls --color=auto`) prints
/// no colours.
const LS_GNU: &str = "1 a|all A|almost-all !b|escape !B|ignore-backups !c C color? d|directory !D|dired !f F|classify? !file-type !format= !full-time g !group-directories-first !G|no-group h|human-readable !si !H|dereference-command-line !hide= !hyperlink? !i|inode !I=|ignore= !k|kibibytes l L|dereference !m n|numeric-uid-gid !N|literal !o !p !q|hide-control-chars !show-control-chars !Q|quote-name !quoting-style= r|reverse R|recursive !s|size S !sort= !time= !time-style= t !T=|tabsize= !u !U !v !w=|width= !x !X !Z|context !zero";
const LS_BUSYBOX: &str =
    "1 a A C d F h l L n r R S t !c !e !i !k !p !s !u !x !X !w= g !H !o color?";

pub fn ls(p: &mut Proc) -> Result<i32, Flow> {
    let o = match super::super::opts::parse_legacy(
        p,
        if p.is_busybox() { LS_BUSYBOX } else { LS_GNU },
        2,
    ) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.long_value("color")
        .is_some_and(|v| matches!(v, "always" | "yes" | "force"))
    {
        p.out.errln(format!(
            "dockerlings: {}: the --color=always option is not available in this sandbox",
            p.name()
        ));
        return Ok(2);
    }
    let long = o.has('l') || o.has('n') || o.has('g');
    let all = o.has('a') || o.long("all");
    let almost = o.has('A');
    let human_sizes = o.has('h') || o.long("human-readable");
    let one = o.has('1') || (!p.ctx.tty && !o.has('C'));
    let classify = o.has('F');
    let mut operands = o.operands.clone();
    if operands.is_empty() {
        operands.push(".".into());
    }
    let mut code = 0;
    let mut files: Vec<LsItem> = Vec::new();
    let mut dirs: Vec<(String, String)> = Vec::new();
    for op in &operands {
        let abs = p.abs(op);
        match stat_of(p, &abs, !long || o.has('L') || op.ends_with('/')) {
            Ok((e, _)) => {
                if e.is_dir() && !o.has('d') {
                    dirs.push((op.clone(), abs));
                } else {
                    let (e2, target) = match &e {
                        Entry::Symlink { target, .. } => (e.clone(), Some(target.clone())),
                        _ => (e.clone(), None),
                    };
                    let (fs, inner) = p.sys.fs_for_ref(&abs);
                    let nl = nlink(fs, &inner, &e2);
                    files.push(LsItem {
                        name: op.clone(),
                        entry: e2,
                        nlink: nl,
                        target,
                    });
                }
            }
            Err(e) => {
                if p.is_busybox() {
                    p.errln(format!("{op}: {e}"));
                    code = 1;
                } else {
                    p.errln(format!("cannot access '{op}': {e}"));
                    code = 2;
                }
            }
        }
    }
    let multi = operands.len() > 1 || o.has('R');
    let mut first = true;
    if !files.is_empty() {
        sort_items(&mut files, &o);
        print_items(p, &files, long, human_sizes, one, classify, false);
        first = false;
    }
    let mut queue = dirs;
    while !queue.is_empty() {
        let (shown, abs) = queue.remove(0);
        if !first {
            p.out.out("\n");
        }
        first = false;
        if multi {
            p.out.outln(format!("{shown}:"));
        }
        let (fs, inner) = p.sys.fs_for_ref(&abs);
        let real = fs.resolve(&inner, true).unwrap_or(inner.clone());
        let list = match fs.read_dir(&real) {
            Ok(l) => l,
            Err(e) => {
                p.errln(format!("cannot open directory '{shown}': {e}"));
                code = 2;
                continue;
            }
        };
        let mut items = Vec::new();
        if all {
            for (n, d) in [(".", real.clone()), ("..", path::parent(&real).to_string())] {
                if let Ok(e) = fs.stat(&d) {
                    let nl = nlink(fs, &d, e);
                    items.push(LsItem {
                        name: n.into(),
                        entry: e.clone(),
                        nlink: nl,
                        target: None,
                    });
                }
            }
        }
        let mut subdirs = Vec::new();
        for d in list {
            if d.name.starts_with('.') && !all && !almost {
                continue;
            }
            let cp = path::child(&real, &d.name);
            let Some(e) = fs.lookup(&cp).cloned() else {
                continue;
            };
            let target = match &e {
                Entry::Symlink { target, .. } => Some(target.clone()),
                _ => None,
            };
            if e.is_dir() && o.has('R') {
                let s = if shown.ends_with('/') {
                    format!("{shown}{}", d.name)
                } else {
                    format!("{shown}/{}", d.name)
                };
                subdirs.push((s, path::child(&abs, &d.name)));
            }
            let nl = nlink(fs, &cp, &e);
            items.push(LsItem {
                name: d.name,
                entry: e,
                nlink: nl,
                target,
            });
        }
        sort_items(&mut items, &o);
        if long {
            let total: u64 = items.iter().map(|i| blocks(&i.entry)).sum();
            if human_sizes {
                p.out.outln(format!("total {}", human(total * 1024)));
            } else {
                p.out.outln(format!("total {total}"));
            }
        }
        print_items(p, &items, long, human_sizes, one, classify, o.has('n'));
        for (k, s) in subdirs.into_iter().enumerate() {
            queue.insert(k, s);
        }
    }
    Ok(code)
}

pub(super) fn sort_items(items: &mut [LsItem], o: &Opts) {
    items.sort_by(|a, b| {
        if a.name == "." || a.name == ".." || b.name == "." || b.name == ".." {
            let rank = |n: &str| match n {
                "." => 0,
                ".." => 1,
                _ => 2,
            };
            return rank(&a.name).cmp(&rank(&b.name)).then(a.name.cmp(&b.name));
        }
        if o.has('t') {
            let ma = a.entry.meta().map(|m| m.mtime).unwrap_or(0);
            let mb = b.entry.meta().map(|m| m.mtime).unwrap_or(0);
            return mb.cmp(&ma).then(a.name.cmp(&b.name));
        }
        if o.has('S') {
            return b
                .entry
                .size()
                .cmp(&a.entry.size())
                .then(a.name.cmp(&b.name));
        }
        a.name.cmp(&b.name)
    });
    if o.has('r') {
        items.reverse();
    }
}

pub(super) fn print_items(
    p: &mut Proc,
    items: &[LsItem],
    long: bool,
    human_sizes: bool,
    one: bool,
    classify: bool,
    numeric: bool,
) {
    let suffix = |i: &LsItem| -> &str {
        if !classify {
            return "";
        }
        match &i.entry {
            Entry::Dir { .. } => "/",
            Entry::Symlink { .. } => "@",
            Entry::File { meta, .. } if meta.mode & 0o111 != 0 => "*",
            _ => "",
        }
    };
    if long {
        let now = p.lim.now_secs();
        let mut rows = Vec::new();
        for i in items {
            let meta = i.entry.meta().cloned().unwrap_or(Meta::new(0, 0));
            let size = match &i.entry {
                Entry::Dir { .. } => 4096,
                e => e.size(),
            };
            let (u, g) = if numeric {
                (meta.uid.to_string(), meta.gid.to_string())
            } else {
                (id_name(p, meta.uid, false), id_name(p, meta.gid, true))
            };
            let size_s = if human_sizes {
                human(size)
            } else {
                size.to_string()
            };
            let mut name = format!("{}{}", i.name, suffix(i));
            if let Some(t) = &i.target {
                name = format!("{} -> {t}", i.name);
            }
            rows.push((
                mode_string(&i.entry),
                i.nlink.to_string(),
                u,
                g,
                size_s,
                ls_date(meta.mtime, now),
                name,
            ));
        }
        if p.is_busybox() {
            for r in rows {
                p.out.outln(format!(
                    "{} {:>4} {:<8} {:<8} {:>9} {} {}",
                    r.0, r.1, r.2, r.3, r.4, r.5, r.6
                ));
            }
            return;
        }
        let w1 = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
        let w2 = rows.iter().map(|r| r.2.len()).max().unwrap_or(0);
        let w3 = rows.iter().map(|r| r.3.len()).max().unwrap_or(0);
        let w4 = rows.iter().map(|r| r.4.len()).max().unwrap_or(0);
        for r in rows {
            p.out.outln(format!(
                "{} {:>w1$} {:<w2$} {:<w3$} {:>w4$} {} {}",
                r.0, r.1, r.2, r.3, r.4, r.5, r.6
            ));
        }
        return;
    }
    let names: Vec<String> = items
        .iter()
        .map(|i| format!("{}{}", i.name, suffix(i)))
        .collect();
    if names.is_empty() {
        return;
    }
    if one {
        for n in names {
            p.out.outln(n);
        }
        return;
    }
    p.out.out(columns(&names, 80));
}

/// Lays names out in columns, filled top to bottom, as `ls` does on a
/// terminal `width` wide.
pub fn columns(names: &[String], width: usize) -> String {
    let n = names.len();
    let lens: Vec<usize> = names.iter().map(|s| s.chars().count()).collect();
    let mut best_rows = n;
    for cols in (1..=n).rev() {
        let rows = n.div_ceil(cols);
        if rows * cols - n >= rows && cols > 1 {
            continue;
        }
        let mut total = 0;
        for c in 0..cols {
            let w = (0..rows)
                .filter_map(|r| lens.get(c * rows + r))
                .max()
                .copied()
                .unwrap_or(0);
            total += w + if c + 1 < cols { 2 } else { 0 };
        }
        if total <= width {
            best_rows = rows;
            break;
        }
    }
    let rows = best_rows;
    let cols = n.div_ceil(rows);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            (0..rows)
                .filter_map(|r| lens.get(c * rows + r))
                .max()
                .copied()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in 0..rows {
        let mut line = String::new();
        for c in 0..cols {
            let Some(name) = names.get(c * rows + r) else {
                continue;
            };
            line.push_str(name);
            let last_in_row = names.get((c + 1) * rows + r).is_none();
            if !last_in_row {
                let pad = widths[c] + 2 - lens[c * rows + r];
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
