//! File tools: ls, cat, touch, mkdir, rm, rmdir, cp, mv, ln, chmod, chown,
//! find, du, df, tar, stat, readlink, realpath, tee, basename, dirname.

use super::{bad_option, check_flags, Flow, Opts, Proc};
use crate::engine::clock::civil;
use crate::engine::fs::{path, Content, Entry, FsError, Meta, NodeKind, UnionFs};
use crate::userland::SysKind;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `ls -l` date: `Jan  1 00:00` within six months of now, else `Jan  1  2024`.
pub fn ls_date(mtime: i64, now: i64) -> String {
    let (d, t) = civil(mtime * 1000);
    let m: usize = d.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    let day: u32 = d.get(8..10).and_then(|x| x.parse().ok()).unwrap_or(1);
    let mon = MONTHS[(m + 11) % 12];
    if (now - mtime).abs() < 182 * 86_400 {
        format!("{mon} {day:>2} {}", t.get(..5).unwrap_or(""))
    } else {
        format!("{mon} {day:>2}  {}", d.get(..4).unwrap_or(""))
    }
}

fn mode_string(e: &Entry) -> String {
    let (t, mode) = match e {
        Entry::Dir { meta, .. } => ('d', meta.mode),
        Entry::Symlink { .. } => ('l', 0o777),
        Entry::File { meta, .. } if meta.mode & 0o170000 == 0o140000 => ('s', meta.mode),
        Entry::File { meta, .. } => ('-', meta.mode),
        Entry::Whiteout => ('c', 0),
    };
    let mut s = String::new();
    s.push(t);
    for shift in [6, 3, 0] {
        let b = (mode >> shift) & 7;
        s.push(if b & 4 != 0 { 'r' } else { '-' });
        s.push(if b & 2 != 0 { 'w' } else { '-' });
        s.push(if b & 1 != 0 { 'x' } else { '-' });
    }
    if mode & 0o1000 != 0 {
        s.pop();
        s.push(if mode & 1 != 0 { 't' } else { 'T' });
    }
    s
}

/// Name of uid/gid from `/etc/passwd` / `/etc/group`.
fn id_name(p: &mut Proc, id: u32, group: bool) -> String {
    let file = if group { "/etc/group" } else { "/etc/passwd" };
    if let Ok(b) = p.read(file) {
        for l in String::from_utf8_lossy(&b).lines() {
            let f: Vec<&str> = l.split(':').collect();
            if f.len() > 2 && f[2] == id.to_string() {
                return f[0].to_string();
            }
        }
    }
    if id == 0 {
        "root".into()
    } else {
        id.to_string()
    }
}

/// Looks a user or group name up; numeric ids pass through.
fn name_id(p: &mut Proc, name: &str, group: bool) -> Option<u32> {
    if let Ok(n) = name.parse() {
        return Some(n);
    }
    let file = if group { "/etc/group" } else { "/etc/passwd" };
    let b = p.read(file).ok()?;
    for l in String::from_utf8_lossy(&b).lines() {
        let f: Vec<&str> = l.split(':').collect();
        if f.len() > 2 && f[0] == name {
            return f[2].parse().ok();
        }
    }
    (name == "root").then_some(0)
}

/// Human size as `ls -h` / `du -h` print it (1024-based).
pub fn human(n: u64) -> String {
    if n < 1024 {
        return n.to_string();
    }
    let units = ['K', 'M', 'G', 'T'];
    let mut v = n as f64;
    let mut u = 0;
    v /= 1024.0;
    while v >= 1024.0 && u < 3 {
        v /= 1024.0;
        u += 1;
    }
    if v < 10.0 {
        let r = (v * 10.0).ceil() / 10.0;
        if r >= 10.0 {
            format!("{}{}", r as u64, units[u])
        } else {
            format!("{r:.1}{}", units[u])
        }
    } else {
        format!("{}{}", v.ceil() as u64, units[u])
    }
}

fn blocks(e: &Entry) -> u64 {
    match e {
        Entry::File { content, .. } => content.size().div_ceil(4096) * 4,
        Entry::Dir { .. } => 4,
        _ => 0,
    }
}

struct LsItem {
    name: String,
    entry: Entry,
    nlink: usize,
    target: Option<String>,
}

fn stat_of(p: &mut Proc, abs: &str, follow: bool) -> Result<(Entry, String), FsError> {
    let (fs, inner) = p.sys.fs_for_ref(abs);
    if inner == "/" {
        return Ok((fs.stat("/")?.clone(), inner));
    }
    let r = fs.resolve(&inner, follow)?;
    if r == "/" {
        return Ok((fs.stat("/")?.clone(), r));
    }
    let e = fs.lookup(&r).cloned().ok_or(FsError::NotFound)?;
    Ok((e, r))
}

fn nlink(fs: &UnionFs, p: &str, e: &Entry) -> usize {
    if e.is_dir() {
        2 + fs
            .read_dir(p)
            .map(|v| v.iter().filter(|d| d.kind == NodeKind::Dir).count())
            .unwrap_or(0)
    } else {
        1
    }
}

pub fn ls(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "w") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 2),
    };
    if let Some(c) = check_flags(p, &o, "laAhR1dtrSFpCinsLg", 2) {
        return Ok(c);
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

fn sort_items(items: &mut [LsItem], o: &Opts) {
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

fn print_items(
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

pub fn cat(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "nbEATsuv", 1) {
        return Ok(c);
    }
    let files = if o.operands.is_empty() {
        vec!["-".to_string()]
    } else {
        o.operands.clone()
    };
    let mut code = 0;
    let mut lineno = 0;
    for f in files {
        let data = if f == "-" {
            p.ctx.stdin.clone().unwrap_or_default()
        } else {
            match p.read(&f) {
                Ok(b) => b,
                Err(e) => {
                    p.errln(format!("{f}: {e}"));
                    code = 1;
                    continue;
                }
            }
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        if o.has('n') || o.has('b') || o.has('E') || o.has('A') {
            for l in text.split_inclusive('\n') {
                let (body, nl) = match l.strip_suffix('\n') {
                    Some(b) => (b, true),
                    None => (l, false),
                };
                let mut s = String::new();
                if o.has('n') || (o.has('b') && !body.is_empty()) {
                    lineno += 1;
                    s.push_str(&format!("{lineno:>6}\t"));
                }
                s.push_str(body);
                if nl {
                    if o.has('E') || o.has('A') {
                        s.push('$');
                    }
                    s.push('\n');
                }
                p.out.out(s);
            }
        } else {
            p.out.out(text);
        }
    }
    Ok(code)
}

pub fn touch(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "dtr") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if o.operands.is_empty() {
        p.errln("missing file operand");
        if !p.is_busybox() {
            p.out.errln("Try 'touch --help' for more information.");
        }
        return Ok(1);
    }
    let mut code = 0;
    let now = p.lim.now_secs();
    for f in &o.operands {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for(&abs);
        if o.has('c') && fs.stat(&inner).is_err() {
            continue;
        }
        if let Err(e) = fs.touch(&inner, now) {
            if p.is_busybox() {
                p.errln(format!("{f}: {e}"));
            } else {
                p.errln(format!("cannot touch '{f}': {e}"));
            }
            code = 1;
        }
    }
    Ok(code)
}

fn parse_mode(spec: &str, old: u32, is_dir: bool) -> Option<u32> {
    if spec.chars().all(|c| c.is_digit(8)) && !spec.is_empty() {
        return u32::from_str_radix(spec, 8).ok();
    }
    let mut mode = old;
    for clause in spec.split(',') {
        let who_end = clause.find(['+', '-', '=']).unwrap_or(clause.len());
        let who = &clause[..who_end];
        let rest = &clause[who_end..];
        let mut chars = rest.chars();
        let op = chars.next()?;
        let perms: String = chars.collect();
        let mut mask = 0;
        let who = if who.is_empty() { "a" } else { who };
        for w in who.chars() {
            mask |= match w {
                'u' => 0o700,
                'g' => 0o070,
                'o' => 0o007,
                'a' => 0o777,
                _ => return None,
            };
        }
        let mut bits = 0;
        for c in perms.chars() {
            bits |= match c {
                'r' => 0o444,
                'w' => 0o222,
                'x' => 0o111,
                'X' if is_dir || old & 0o111 != 0 => 0o111,
                'X' => 0,
                's' | 't' => 0,
                _ => return None,
            };
        }
        bits &= mask;
        match op {
            '+' => mode |= bits,
            '-' => mode &= !bits,
            '=' => mode = (mode & !mask) | bits,
            _ => return None,
        }
    }
    Some(mode)
}

pub fn chmod(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let recursive = args.iter().any(|a| a == "-R");
    let rest: Vec<String> = args
        .into_iter()
        .filter(|a| a != "-R" && a != "-v" && a != "-f")
        .collect();
    if rest.len() < 2 {
        if rest.is_empty() {
            p.errln("missing operand");
        } else {
            p.errln(format!("missing operand after '{}'", rest[0]));
        }
        p.out.errln("Try 'chmod --help' for more information.");
        return Ok(1);
    }
    let spec = rest[0].clone();
    let mut code = 0;
    for f in &rest[1..] {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for(&abs);
        let targets: Vec<(String, Entry)> = match fs.resolve(&inner, true) {
            Ok(r) if recursive => fs.walk(&r).unwrap_or_default(),
            Ok(r) => fs
                .lookup(&r)
                .cloned()
                .map(|e| vec![(r, e)])
                .unwrap_or_default(),
            Err(_) => vec![],
        };
        if targets.is_empty() {
            p.errln(format!("cannot access '{f}': No such file or directory"));
            code = 1;
            continue;
        }
        for (tp, e) in targets {
            let old = e.meta().map(|m| m.mode).unwrap_or(0o644);
            let Some(m) = parse_mode(&spec, old, e.is_dir()) else {
                p.errln(format!("invalid mode: '{spec}'"));
                p.out.errln("Try 'chmod --help' for more information.");
                return Ok(1);
            };
            let (fs, _) = p.sys.fs_for(&abs);
            let _ = fs.chmod(&tp, m);
        }
    }
    Ok(code)
}

pub fn chown(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let recursive = args.iter().any(|a| a == "-R");
    let rest: Vec<String> = args.into_iter().filter(|a| !a.starts_with('-')).collect();
    if rest.len() < 2 {
        p.errln("missing operand");
        p.out.errln("Try 'chown --help' for more information.");
        return Ok(1);
    }
    let spec = rest[0].clone();
    let (u, g) = match spec.split_once(':') {
        Some((u, g)) => (u.to_string(), Some(g.to_string())),
        None => (spec.clone(), None),
    };
    let uid = if u.is_empty() {
        None
    } else {
        match name_id(p, &u, false) {
            Some(x) => Some(x),
            None => {
                p.errln(format!("invalid user: '{spec}'"));
                return Ok(1);
            }
        }
    };
    let gid = match g.as_deref() {
        None | Some("") => None,
        Some(g) => match name_id(p, g, true) {
            Some(x) => Some(x),
            None => {
                p.errln(format!("invalid group: '{spec}'"));
                return Ok(1);
            }
        },
    };
    let mut code = 0;
    for f in &rest[1..] {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for(&abs);
        let targets: Vec<(String, Entry)> = match fs.resolve(&inner, true) {
            Ok(r) if recursive => fs.walk(&r).unwrap_or_default(),
            Ok(r) => fs
                .lookup(&r)
                .cloned()
                .map(|e| vec![(r, e)])
                .unwrap_or_default(),
            Err(_) => vec![],
        };
        if targets.is_empty() {
            p.errln(format!("cannot access '{f}': No such file or directory"));
            code = 1;
            continue;
        }
        for (tp, mut e) in targets {
            if let Some(m) = e.meta_mut() {
                if let Some(u) = uid {
                    m.uid = u;
                }
                if let Some(g) = gid {
                    m.gid = g;
                }
            }
            if let Entry::Dir { opaque, .. } = &mut e {
                *opaque = false;
            }
            let _ = super::put_at(fs, &tp, e);
        }
    }
    Ok(code)
}

pub fn mkdir(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "m") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "pv", 1) {
        return Ok(c);
    }
    if o.operands.is_empty() {
        p.errln("missing operand");
        if !p.is_busybox() {
            p.out.errln("Try 'mkdir --help' for more information.");
        }
        return Ok(1);
    }
    let mode = o
        .value('m')
        .and_then(|m| parse_mode(m, 0o755, true))
        .unwrap_or(0o755);
    let parents = o.has('p') || o.long("parents");
    let now = p.lim.now_secs();
    let mut code = 0;
    for d in &o.operands {
        let abs = p.abs(d);
        let (fs, inner) = p.sys.fs_for(&abs);
        let r = if parents {
            fs.mkdir_all(&inner, mode, now)
        } else {
            fs.mkdir(&inner, mode, now)
        };
        match r {
            Ok(()) => {
                if o.has('v') {
                    p.out.outln(format!("mkdir: created directory '{d}'"));
                }
            }
            Err(e) => {
                if p.is_busybox() {
                    p.errln(format!("can't create directory '{d}': {e}"));
                } else {
                    p.errln(format!("cannot create directory '{d}': {e}"));
                }
                code = 1;
            }
        }
    }
    Ok(code)
}

pub fn rm(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "rRfivd", 1) {
        return Ok(c);
    }
    let recursive = o.has('r') || o.has('R') || o.long("recursive");
    let force = o.has('f') || o.long("force");
    if o.operands.is_empty() {
        if force {
            return Ok(0);
        }
        p.errln("missing operand");
        if !p.is_busybox() {
            p.out.errln("Try 'rm --help' for more information.");
        }
        return Ok(1);
    }
    let mut code = 0;
    for f in &o.operands {
        let abs = p.abs(f);
        if abs == "/" && recursive {
            p.errln("it is dangerous to operate recursively on '/'");
            p.errln("use --no-preserve-root to override this failsafe");
            code = 1;
            continue;
        }
        let (fs, inner) = p.sys.fs_for(&abs);
        let real = match fs.resolve(&inner, false) {
            Ok(r) => r,
            Err(e) => {
                if !force {
                    p.errln(format!("cannot remove '{f}': {e}"));
                    code = 1;
                }
                continue;
            }
        };
        match fs.lookup(&real) {
            None => {
                if !force {
                    if p.is_busybox() {
                        p.errln(format!("can't remove '{f}': No such file or directory"));
                    } else {
                        p.errln(format!("cannot remove '{f}': No such file or directory"));
                    }
                    code = 1;
                }
            }
            Some(e) if e.is_dir() && !recursive => {
                if o.has('d') {
                    if let Err(e) = fs.remove(&real, false) {
                        p.errln(format!("cannot remove '{f}': {e}"));
                        code = 1;
                    }
                    continue;
                }
                if p.is_busybox() {
                    p.errln(format!("'{f}' is a directory"));
                } else {
                    p.errln(format!("cannot remove '{f}': Is a directory"));
                }
                code = 1;
            }
            Some(_) => {
                if let Err(e) = fs.remove(&real, true) {
                    p.errln(format!("cannot remove '{f}': {e}"));
                    code = 1;
                } else if o.has('v') {
                    p.out.outln(format!("removed '{f}'"));
                }
            }
        }
    }
    Ok(code)
}

pub fn rmdir(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if o.operands.is_empty() {
        p.errln("missing operand");
        return Ok(1);
    }
    let mut code = 0;
    for f in &o.operands {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for(&abs);
        let err = match fs.lookup(&inner) {
            None => Some(FsError::NotFound),
            Some(e) if !e.is_dir() => Some(FsError::NotADirectory),
            Some(_) => fs.remove(&inner, false).err(),
        };
        if let Some(e) = err {
            p.errln(format!("failed to remove '{f}': {e}"));
            code = 1;
        }
    }
    Ok(code)
}

/// Copies `src_abs` (file or tree) to `dst_abs` across filesystems.
fn copy_any(p: &mut Proc, src_abs: &str, dst_abs: &str, follow: bool) -> Result<(), FsError> {
    let (sfs, sinner) = p.sys.fs_for_ref(src_abs);
    let sreal = sfs.resolve(&sinner, follow)?;
    let items = sfs.walk(&sreal)?;
    let now = p.lim.now_secs();
    let (dfs, dinner) = p.sys.fs_for(dst_abs);
    for (ip, e) in items {
        let rel = &ip[sreal.len().min(ip.len())..];
        let dest = if rel.is_empty() {
            dinner.clone()
        } else {
            format!("{}{rel}", if dinner == "/" { "" } else { &dinner })
        };
        let e = match e {
            Entry::Dir { meta, .. } => {
                if dfs.is_dir(&dest) {
                    continue;
                }
                Entry::Dir {
                    meta: Meta { mtime: now, ..meta },
                    opaque: false,
                }
            }
            Entry::File { meta, content } => Entry::File {
                meta: Meta { mtime: now, ..meta },
                content,
            },
            other => other,
        };
        let dr = dfs.resolve(&dest, !matches!(e, Entry::Symlink { .. }))?;
        dfs.put(&dr, e)?;
    }
    Ok(())
}

fn copy_or_move(p: &mut Proc, moving: bool) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "t") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "rRaipfvnPLdTu", 1) {
        return Ok(c);
    }
    let recursive = moving || o.has('r') || o.has('R') || o.has('a') || o.long("recursive");
    let mut ops = o.operands.clone();
    if let Some(t) = o.value('t') {
        ops.push(t.to_string());
    }
    if ops.is_empty() {
        p.errln("missing file operand");
        p.out
            .errln(format!("Try '{} --help' for more information.", p.name()));
        return Ok(1);
    }
    if ops.len() == 1 {
        p.errln(format!(
            "missing destination file operand after '{}'",
            ops[0]
        ));
        p.out
            .errln(format!("Try '{} --help' for more information.", p.name()));
        return Ok(1);
    }
    let dest = ops.pop().unwrap_or_default();
    let dest_abs = p.abs(&dest);
    let dest_is_dir = stat_of(p, &dest_abs, true).is_ok_and(|(e, _)| e.is_dir());
    if ops.len() > 1 && !dest_is_dir {
        p.errln(format!("target '{dest}': Not a directory"));
        return Ok(1);
    }
    let mut code = 0;
    for s in ops {
        let sabs = p.abs(&s);
        let st = stat_of(p, &sabs, !moving);
        let e = match st {
            Ok((e, _)) => e,
            Err(e) => {
                p.errln(format!("cannot stat '{s}': {e}"));
                code = 1;
                continue;
            }
        };
        if e.is_dir() && !recursive {
            p.errln(format!("-r not specified; omitting directory '{s}'"));
            code = 1;
            continue;
        }
        let target = if dest_is_dir {
            path::child(&dest_abs, path::file_name(&path::normalize(&sabs)))
        } else {
            dest_abs.clone()
        };
        if target == path::normalize(&sabs) {
            p.errln(format!("'{s}' and '{}' are the same file", dest));
            code = 1;
            continue;
        }
        if e.is_dir() && target.starts_with(&format!("{}/", path::normalize(&sabs))) {
            let what = if moving {
                "cannot move"
            } else {
                "cannot copy a directory,"
            };
            if moving {
                p.errln(format!(
                    "{what} '{s}' to a subdirectory of itself, '{dest}'"
                ));
            } else {
                p.errln(format!("{what} '{s}', into itself, '{dest}'"));
            }
            code = 1;
            continue;
        }
        if let Ok((te, _)) = stat_of(p, &target, true) {
            if te.is_dir() && !e.is_dir() {
                p.errln(format!(
                    "cannot overwrite directory '{dest}' with non-directory"
                ));
                code = 1;
                continue;
            }
            if !te.is_dir() && e.is_dir() {
                p.errln(format!(
                    "cannot overwrite non-directory '{dest}' with directory '{s}'"
                ));
                code = 1;
                continue;
            }
        }
        if let Err(err) = copy_any(p, &sabs, &target, !moving) {
            let tshown = if dest_is_dir {
                format!("{}/{}", dest.trim_end_matches('/'), path::file_name(&sabs))
            } else {
                dest.clone()
            };
            if moving {
                p.errln(format!("cannot move '{s}' to '{tshown}': {err}"));
            } else {
                p.errln(format!("cannot create regular file '{tshown}': {err}"));
            }
            code = 1;
            continue;
        }
        if moving {
            let (fs, inner) = p.sys.fs_for(&sabs);
            let _ = fs.remove(&inner, true);
        }
        if o.has('v') {
            p.out.outln(format!("'{s}' -> '{}'", dest));
        }
    }
    Ok(code)
}

pub fn cp(p: &mut Proc) -> Result<i32, Flow> {
    copy_or_move(p, false)
}

pub fn mv(p: &mut Proc) -> Result<i32, Flow> {
    copy_or_move(p, true)
}

pub fn ln(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "sfnvrT", 1) {
        return Ok(c);
    }
    let ops = o.operands.clone();
    if ops.is_empty() {
        p.errln("missing file operand");
        p.out.errln("Try 'ln --help' for more information.");
        return Ok(1);
    }
    let target = ops[0].clone();
    let link = ops
        .get(1)
        .cloned()
        .unwrap_or_else(|| path::file_name(&target).to_string());
    let mut link_abs = p.abs(&link);
    if stat_of(p, &link_abs, true).is_ok_and(|(e, _)| e.is_dir()) && !o.has('n') {
        link_abs = path::child(&link_abs, path::file_name(&target));
    }
    let now = p.lim.now_secs();
    if !o.has('s') {
        // hard link: a copy that shares content
        let tabs = p.abs(&target);
        match stat_of(p, &tabs, true) {
            Ok((Entry::Dir { .. }, _)) => {
                p.errln(format!("{target}: hard link not allowed for directory"));
                return Ok(1);
            }
            Ok((e, _)) => {
                let (fs, inner) = p.sys.fs_for(&link_abs);
                if fs.lookup(&inner).is_some() && !o.has('f') {
                    p.errln(format!("failed to create hard link '{link}': File exists"));
                    return Ok(1);
                }
                let _ = super::put_at(fs, &inner, e);
                return Ok(0);
            }
            Err(e) => {
                p.errln(format!("failed to access '{target}': {e}"));
                return Ok(1);
            }
        }
    }
    let (fs, inner) = p.sys.fs_for(&link_abs);
    if fs.lookup(&inner).is_some() {
        if o.has('f') {
            let _ = fs.remove(&inner, false);
        } else {
            p.errln(format!(
                "failed to create symbolic link '{link}': File exists"
            ));
            return Ok(1);
        }
    }
    if let Err(e) = fs.symlink(&target, &inner, now) {
        p.errln(format!("failed to create symbolic link '{link}': {e}"));
        return Ok(1);
    }
    Ok(0)
}

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
                p.errln(format!("'{root}': No such file or directory"));
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
                .unwrap_or_else(|| super::DEFAULT_PATH.into());
            if let super::Lookup::Found(f) = super::lookup(p.sys, &argv[0], &pv, &p.ctx.cwd) {
                let ctx = p.ctx.clone();
                super::exec(p.sys, &f, &argv, &ctx, p.out, p.lim)?;
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

pub fn du(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "d") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "shacxkmb", 1) {
        return Ok(c);
    }
    let mut ops = o.operands.clone();
    if ops.is_empty() {
        ops.push(".".into());
    }
    let fmt = |n: u64, h: bool| if h { human(n * 1024) } else { n.to_string() };
    let hflag = o.has('h');
    let maxd: Option<usize> = o.value('d').and_then(|d| d.parse().ok());
    let mut code = 0;
    let mut grand = 0;
    for op in ops {
        let abs = p.abs(&op);
        let (fs, inner) = p.sys.fs_for_ref(&abs);
        let Ok(real) = fs.resolve(&inner, true) else {
            p.errln(format!("cannot access '{op}': No such file or directory"));
            code = 1;
            continue;
        };
        let Ok(items) = fs.walk(&real) else {
            p.errln(format!("cannot access '{op}': No such file or directory"));
            code = 1;
            continue;
        };
        // per-directory totals, deepest first
        let mut totals: Vec<(String, u64, bool)> = Vec::new();
        for (ip, e) in &items {
            let b = blocks(e);
            let rel = ip[real.len().min(ip.len())..]
                .trim_start_matches('/')
                .to_string();
            totals.push((rel, b, e.is_dir()));
        }
        let dirsum = |d: &str| -> u64 {
            totals
                .iter()
                .filter(|(r, _, _)| d.is_empty() || r == d || r.starts_with(&format!("{d}/")))
                .map(|(_, b, _)| b)
                .sum()
        };
        let total = dirsum("");
        grand += total;
        let show = |rel: &str| {
            if rel.is_empty() {
                op.clone()
            } else if op.ends_with('/') {
                format!("{op}{rel}")
            } else {
                format!("{op}/{rel}")
            }
        };
        if !o.has('s') {
            let mut lines = Vec::new();
            for (rel, b, is_dir) in totals.iter().rev() {
                if rel.is_empty() {
                    continue;
                }
                let depth = rel.split('/').count();
                if maxd.is_some_and(|m| depth > m) {
                    continue;
                }
                if *is_dir {
                    lines.push(format!("{}\t{}", fmt(dirsum(rel), hflag), show(rel)));
                } else if o.has('a') {
                    lines.push(format!("{}\t{}", fmt(*b, hflag), show(rel)));
                }
            }
            // children before parents, in path order
            lines.sort_by(|a, b| {
                let pa = a.split('\t').nth(1).unwrap_or("");
                let pb = b.split('\t').nth(1).unwrap_or("");
                let da = pa.matches('/').count();
                let db = pb.matches('/').count();
                db.cmp(&da).then(pa.cmp(pb))
            });
            for l in lines {
                p.out.outln(l);
            }
        }
        p.out.outln(format!("{}\t{op}", fmt(total, hflag)));
    }
    if o.has('c') {
        p.out.outln(format!("{}\ttotal", fmt(grand, hflag)));
    }
    Ok(code)
}

pub fn df(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "t") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    let h = o.has('h');
    let used_root: u64 = {
        let (fs, _) = p.sys.fs_for_ref("/");
        (fs.lower().iter().map(|l| l.size()).sum::<u64>() + fs.upper().size()) / 1024
    };
    let host = matches!(p.sys.kind(), SysKind::Host(_));
    let disk: u64 = 61_202_244; // 1K blocks of a 64 GB disk
    let disk_used: u64 = 12_582_912 + used_root;
    let mut rows: Vec<(String, u64, u64, String)> = Vec::new();
    if host {
        rows.push(("tmpfs".into(), 1_634_016, 2_176, "/run".into()));
        rows.push(("/dev/sda1".into(), disk, disk_used, "/".into()));
        rows.push(("tmpfs".into(), 8_170_068, 0, "/dev/shm".into()));
        rows.push(("tmpfs".into(), 5_120, 0, "/run/lock".into()));
        rows.push(("/dev/sda15".into(), 106_858, 6_186, "/boot/efi".into()));
    } else {
        rows.push(("overlay".into(), disk, disk_used, "/".into()));
        rows.push(("tmpfs".into(), 65_536, 0, "/dev".into()));
        rows.push(("shm".into(), 65_536, 0, "/dev/shm".into()));
        rows.push(("/dev/sda1".into(), disk, disk_used, "/etc/hosts".into()));
    }
    let fmt = |n: u64| {
        if h {
            if n == 0 {
                "0".to_string()
            } else {
                human(n * 1024)
            }
        } else {
            n.to_string()
        }
    };
    let mut lines = vec![(
        "Filesystem".to_string(),
        if h {
            "Size".to_string()
        } else {
            "1K-blocks".to_string()
        },
        "Used".to_string(),
        "Avail".to_string(),
        "Use%".to_string(),
        "Mounted on".to_string(),
    )];
    for (fsn, size, used, mnt) in rows {
        let reserved = if fsn.starts_with("/dev/") || fsn == "overlay" {
            size / 20
        } else {
            0
        };
        let avail = size.saturating_sub(used + reserved);
        let pct = if size == 0 {
            0
        } else {
            (used * 100).div_ceil((used + avail).max(1))
        };
        lines.push((
            fsn,
            fmt(size),
            fmt(used),
            fmt(avail),
            format!("{pct}%"),
            mnt,
        ));
    }
    let w0 = lines.iter().map(|l| l.0.len()).max().unwrap_or(0).max(14);
    let w1 = lines.iter().map(|l| l.1.len()).max().unwrap_or(0).max(5);
    let w2 = lines.iter().map(|l| l.2.len()).max().unwrap_or(0).max(5);
    let w3 = lines.iter().map(|l| l.3.len()).max().unwrap_or(0).max(5);
    for (k, l) in lines.into_iter().enumerate() {
        let _ = k;
        p.out.outln(format!(
            "{:<w0$} {:>w1$} {:>w2$} {:>w3$} {:>4} {}",
            l.0, l.1, l.2, l.3, l.4, l.5
        ));
    }
    Ok(0)
}

pub fn stat(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    if args.is_empty() {
        p.errln("missing operand");
        p.out.errln("Try 'stat --help' for more information.");
        return Ok(1);
    }
    let mut code = 0;
    for f in args.iter().filter(|a| !a.starts_with('-')) {
        let abs = p.abs(f);
        match stat_of(p, &abs, false) {
            Ok((e, _)) => {
                let meta = e.meta().cloned().unwrap_or(Meta::new(0, 0));
                let kind = match &e {
                    Entry::Dir { .. } => "directory",
                    Entry::Symlink { .. } => "symbolic link",
                    Entry::File { content, .. } if content.size() == 0 => "regular empty file",
                    _ => "regular file",
                };
                let size = if e.is_dir() { 4096 } else { e.size() };
                let ms = mode_string(&e);
                let u = id_name(p, meta.uid, false);
                let g = id_name(p, meta.gid, true);
                let (d, t) = civil(meta.mtime * 1000);
                let name = match &e {
                    Entry::Symlink { target, .. } => format!("{f} -> {target}"),
                    _ => f.clone(),
                };
                p.out.outln(format!("  File: {name}"));
                p.out.outln(format!(
                    "  Size: {size:<10}\tBlocks: {:<10} IO Block: 4096   {kind}",
                    blocks(&e) * 2
                ));
                p.out.outln(format!(
                    "Access: ({:04o}/{ms})  Uid: ({:>5}/{u:>8})   Gid: ({:>5}/{g:>8})",
                    meta.mode & 0o7777,
                    meta.uid,
                    meta.gid
                ));
                p.out.outln(format!("Modify: {d} {t}.000000000 +0000"));
            }
            Err(e) => {
                p.errln(format!("cannot statx '{f}': {e}"));
                code = 1;
            }
        }
    }
    Ok(code)
}

pub fn readlink(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let canon = args.iter().any(|a| a == "-f" || a == "-e" || a == "-m");
    let mut code = 0;
    for f in args.iter().filter(|a| !a.starts_with('-')) {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for_ref(&abs);
        if canon {
            match fs.resolve(&inner, true) {
                Ok(r) => p.out.outln(r),
                Err(_) => code = 1,
            }
        } else {
            match fs.lookup(&inner) {
                Some(Entry::Symlink { target, .. }) => p.out.outln(target.clone()),
                _ => code = 1,
            }
        }
    }
    Ok(code)
}

pub fn realpath(p: &mut Proc) -> Result<i32, Flow> {
    let mut code = 0;
    for f in p.args().iter().filter(|a| !a.starts_with('-')) {
        let abs = p.abs(f);
        let (fs, inner) = p.sys.fs_for_ref(&abs);
        match fs.resolve(&inner, true) {
            Ok(r) if r == "/" || fs.lookup(&r).is_some() => p.out.outln(r),
            _ => {
                p.errln(format!("{f}: No such file or directory"));
                code = 1;
            }
        }
    }
    Ok(code)
}

pub fn tee(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    let data = p.ctx.stdin.clone().unwrap_or_default();
    let mut code = 0;
    let now = p.lim.now_secs();
    for f in &o.operands {
        let abs = p.abs(f);
        let r = if o.has('a') {
            super::append_file(p.sys, &abs, &data, now)
        } else {
            super::write_file(p.sys, &abs, &data, now)
        };
        if let Err(e) = r {
            p.errln(format!("{f}: {e}"));
            code = 1;
        }
    }
    p.out.out(String::from_utf8_lossy(&data));
    Ok(code)
}

pub fn basename(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let Some(a) = args.first() else {
        p.errln("missing operand");
        p.out.errln("Try 'basename --help' for more information.");
        return Ok(1);
    };
    let t = a.trim_end_matches('/');
    let mut b = if t.is_empty() && !a.is_empty() {
        "/".to_string()
    } else {
        path::file_name(t).to_string()
    };
    if let Some(suf) = args.get(1) {
        if b != *suf {
            if let Some(s) = b.strip_suffix(suf.as_str()) {
                b = s.to_string();
            }
        }
    }
    p.out.outln(b);
    Ok(0)
}

pub fn dirname(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let Some(a) = args.first() else {
        p.errln("missing operand");
        p.out.errln("Try 'dirname --help' for more information.");
        return Ok(1);
    };
    let t = a.trim_end_matches('/');
    let d = match t.rfind('/') {
        Some(0) => "/".to_string(),
        Some(i) => t[..i].trim_end_matches('/').to_string(),
        None if a.starts_with('/') => "/".to_string(),
        None => ".".to_string(),
    };
    p.out.outln(d);
    Ok(0)
}

// ---- tar ------------------------------------------------------------------

fn tar_header(name: &str, mode: u32, size: u64, mtime: i64, typeflag: u8, link: &str) -> Vec<u8> {
    let mut h = vec![0u8; 512];
    let put = |h: &mut Vec<u8>, off: usize, len: usize, s: &[u8]| {
        let n = s.len().min(len);
        h[off..off + n].copy_from_slice(&s[..n]);
    };
    put(&mut h, 0, 100, name.as_bytes());
    put(&mut h, 100, 8, format!("{mode:07o}\0").as_bytes());
    put(&mut h, 108, 8, b"0000000\0");
    put(&mut h, 116, 8, b"0000000\0");
    put(&mut h, 124, 12, format!("{size:011o}\0").as_bytes());
    put(
        &mut h,
        136,
        12,
        format!("{:011o}\0", mtime.max(0)).as_bytes(),
    );
    put(&mut h, 148, 8, b"        ");
    h[156] = typeflag;
    put(&mut h, 157, 100, link.as_bytes());
    put(&mut h, 257, 8, b"ustar  \0");
    put(&mut h, 265, 32, b"root");
    put(&mut h, 297, 32, b"root");
    let sum: u32 = h.iter().map(|b| *b as u32).sum();
    put(&mut h, 148, 8, format!("{sum:06o}\0 ").as_bytes());
    h
}

fn pad512(v: &mut Vec<u8>) {
    let r = v.len() % 512;
    if r != 0 {
        v.resize(v.len() + 512 - r, 0);
    }
}

/// A ustar archive of `(name, entry)` pairs. Sized program contents are
/// recorded in a `dockerlings.sized` PAX record instead of their bytes.
pub fn tar_build(entries: &[(String, Entry)]) -> Vec<u8> {
    let mut v = Vec::new();
    for (name, e) in entries {
        match e {
            Entry::Dir { meta, .. } => {
                v.extend(tar_header(
                    &format!("{name}/"),
                    meta.mode,
                    0,
                    meta.mtime,
                    b'5',
                    "",
                ));
            }
            Entry::Symlink { meta, target } => {
                v.extend(tar_header(name, 0o777, 0, meta.mtime, b'2', target));
            }
            Entry::File { meta, content } => match content {
                Content::Bytes(b) => {
                    v.extend(tar_header(
                        name,
                        meta.mode,
                        b.len() as u64,
                        meta.mtime,
                        b'0',
                        "",
                    ));
                    v.extend_from_slice(b);
                    pad512(&mut v);
                }
                Content::Sized { size, seed } => {
                    let rec = format!("dockerlings.sized={size}:{seed}\n");
                    let line = format!(
                        "{} {rec}",
                        rec.len() + 1 + (rec.len() + 3).to_string().len()
                    );
                    v.extend(tar_header(
                        "PaxHeader",
                        0o644,
                        line.len() as u64,
                        meta.mtime,
                        b'x',
                        "",
                    ));
                    v.extend_from_slice(line.as_bytes());
                    pad512(&mut v);
                    v.extend(tar_header(name, meta.mode, 0, meta.mtime, b'0', ""));
                }
            },
            Entry::Whiteout => {}
        }
    }
    v.extend(vec![0u8; 1024]);
    v
}

fn octal(b: &[u8]) -> u64 {
    let s: String = b
        .iter()
        .take_while(|c| **c != 0 && **c != b' ')
        .map(|c| *c as char)
        .collect();
    u64::from_str_radix(s.trim(), 8).unwrap_or(0)
}

fn cstr(b: &[u8]) -> String {
    String::from_utf8_lossy(&b[..b.iter().position(|c| *c == 0).unwrap_or(b.len())]).into_owned()
}

/// Parses a ustar archive into `(name, entry)` pairs.
pub fn tar_parse(data: &[u8]) -> Result<Vec<(String, Entry)>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut sized: Option<(u64, u64)> = None;
    while i + 512 <= data.len() {
        let h = &data[i..i + 512];
        if h.iter().all(|b| *b == 0) {
            break;
        }
        if &h[257..262] != b"ustar" {
            return Err("This does not look like a tar archive".into());
        }
        let mut name = cstr(&h[0..100]);
        let prefix = cstr(&h[345..500]);
        if !prefix.is_empty() && &h[257..263] == b"ustar\0" {
            name = format!("{prefix}/{name}");
        }
        let mode = octal(&h[100..108]) as u32;
        let size = octal(&h[124..136]);
        let mtime = octal(&h[136..148]) as i64;
        let t = h[156];
        let link = cstr(&h[157..257]);
        let body_start = i + 512;
        let body_end = (body_start + size as usize).min(data.len());
        let body = &data[body_start..body_end];
        i = body_start + (size as usize).div_ceil(512) * 512;
        let meta = Meta::new(mode & 0o7777, mtime);
        match t {
            b'x' => {
                for l in String::from_utf8_lossy(body).lines() {
                    if let Some(v) = l.split_once("dockerlings.sized=").map(|(_, v)| v) {
                        if let Some((s, seed)) = v.split_once(':') {
                            sized = Some((s.parse().unwrap_or(0), seed.parse().unwrap_or(0)));
                        }
                    }
                }
            }
            b'5' => out.push((
                name.trim_end_matches('/').to_string(),
                Entry::Dir {
                    meta,
                    opaque: false,
                },
            )),
            b'2' => out.push((name, Entry::Symlink { meta, target: link })),
            _ => {
                let content = match sized.take() {
                    Some((size, seed)) => Content::Sized { size, seed },
                    None => Content::bytes(body.to_vec()),
                };
                out.push((name, Entry::File { meta, content }));
            }
        }
    }
    Ok(out)
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in data {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// gzip with stored (uncompressed) deflate blocks: a valid `.gz` file.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut v = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    let chunks: Vec<&[u8]> = if data.is_empty() {
        vec![&[][..]]
    } else {
        data.chunks(65_535).collect()
    };
    let n = chunks.len();
    for (k, c) in chunks.into_iter().enumerate() {
        v.push(if k + 1 == n { 1 } else { 0 });
        let len = c.len() as u16;
        v.extend_from_slice(&len.to_le_bytes());
        v.extend_from_slice(&(!len).to_le_bytes());
        v.extend_from_slice(c);
    }
    v.extend_from_slice(&crc32(data).to_le_bytes());
    v.extend_from_slice(&(data.len() as u32).to_le_bytes());
    v
}

/// Reads a gzip file made of stored blocks (what [`gzip`] writes).
pub fn gunzip(data: &[u8]) -> Result<Vec<u8>, String> {
    if data.len() < 18 || data[0] != 0x1f || data[1] != 0x8b {
        return Err("not in gzip format".into());
    }
    let flags = data[3];
    let mut i = 10;
    if flags & 4 != 0 {
        let xlen = u16::from_le_bytes([data[i], data[i + 1]]) as usize;
        i += 2 + xlen;
    }
    for bit in [8u8, 16] {
        if flags & bit != 0 {
            while i < data.len() && data[i] != 0 {
                i += 1;
            }
            i += 1;
        }
    }
    let mut out = Vec::new();
    loop {
        let hdr = *data.get(i).ok_or("unexpected end of file")?;
        if hdr & 0b110 != 0 {
            return Err("compressed data uses a method this tar cannot read".into());
        }
        let len = u16::from_le_bytes([
            *data.get(i + 1).ok_or("eof")?,
            *data.get(i + 2).ok_or("eof")?,
        ]) as usize;
        let start = i + 5;
        out.extend_from_slice(
            data.get(start..start + len)
                .ok_or("unexpected end of file")?,
        );
        i = start + len;
        if hdr & 1 != 0 {
            break;
        }
    }
    Ok(out)
}

pub fn tar(p: &mut Proc) -> Result<i32, Flow> {
    let mut args = p.args();
    // first argument may be bundled without a dash: `tar czf x.tgz dir`
    if let Some(first) = args.first() {
        if !first.starts_with('-') && first.chars().all(|c| "cxtzvfpCjJ".contains(c)) {
            args[0] = format!("-{first}");
        }
    }
    let o = match Opts::parse(&args, "fC") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 2),
    };
    let mode = ['c', 'x', 't'].into_iter().find(|c| {
        o.has(*c)
            || o.long(match c {
                'c' => "create",
                'x' => "extract",
                _ => "list",
            })
    });
    let Some(mode) = mode else {
        p.errln("You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
        p.out
            .errln("Try 'tar --help' or 'tar --usage' for more information.");
        return Ok(2);
    };
    let gz = o.has('z') || o.long("gzip");
    let verbose = o.has('v');
    let file = o
        .value('f')
        .map(String::from)
        .or_else(|| o.long_value("file").map(String::from));
    let dir = o
        .value('C')
        .map(|d| p.abs(d))
        .unwrap_or_else(|| p.ctx.cwd.clone());
    match mode {
        'c' => {
            if o.operands.is_empty() {
                p.errln("Cowardly refusing to create an empty archive");
                p.out
                    .errln("Try 'tar --help' or 'tar --usage' for more information.");
                return Ok(2);
            }
            let mut entries = Vec::new();
            let mut code = 0;
            for op in &o.operands {
                let abs = path::join(&dir, op);
                let (fs, inner) = p.sys.fs_for_ref(&abs);
                match fs.walk(&inner) {
                    Ok(items) => {
                        let name0 = op.trim_start_matches('/').trim_end_matches('/');
                        if op.starts_with('/') && code == 0 {
                            p.errln("Removing leading `/' from member names");
                        }
                        for (ip, e) in items {
                            let rel = &ip[inner.len().min(ip.len())..];
                            let name = format!("{name0}{rel}");
                            if verbose {
                                let shown = if e.is_dir() {
                                    format!("{name}/")
                                } else {
                                    name.clone()
                                };
                                p.out.outln(shown);
                            }
                            entries.push((name, e));
                        }
                    }
                    Err(_) => {
                        p.errln(format!("{op}: Cannot stat: No such file or directory"));
                        code = 2;
                    }
                }
            }
            let mut data = tar_build(&entries);
            if gz {
                data = gzip(&data);
            }
            match file.as_deref() {
                None | Some("-") => p.out.out(String::from_utf8_lossy(&data)),
                Some(f) => {
                    if let Err(e) = p.write(f, &data) {
                        p.errln(format!("{f}: Cannot open: {e}"));
                        return Ok(2);
                    }
                }
            }
            if code != 0 {
                p.errln("Exiting with failure status due to previous errors");
            }
            Ok(code)
        }
        _ => {
            let data = match file.as_deref() {
                None | Some("-") => p.ctx.stdin.clone().unwrap_or_default(),
                Some(f) => match p.read(f) {
                    Ok(d) => d,
                    Err(e) => {
                        p.errln(format!("{f}: Cannot open: {e}"));
                        p.errln("Error is not recoverable: exiting now");
                        return Ok(2);
                    }
                },
            };
            let data = if gz || data.starts_with(&[0x1f, 0x8b]) {
                match gunzip(&data) {
                    Ok(d) => d,
                    Err(e) => {
                        p.out.errln(format!("gzip: stdin: {e}"));
                        p.errln("Child returned status 1");
                        p.errln("Error is not recoverable: exiting now");
                        return Ok(2);
                    }
                }
            } else {
                data
            };
            let entries = match tar_parse(&data) {
                Ok(e) => e,
                Err(e) => {
                    p.errln(e);
                    p.errln("Exiting with failure status due to previous errors");
                    return Ok(2);
                }
            };
            let now = p.lim.now_secs();
            for (name, e) in entries {
                if mode == 't' {
                    if verbose {
                        let meta = e.meta().cloned().unwrap_or(Meta::new(0, 0));
                        let (d, t) = civil(meta.mtime * 1000);
                        let shown = if e.is_dir() {
                            format!("{name}/")
                        } else {
                            name.clone()
                        };
                        p.out.outln(format!(
                            "{} root/root {:>9} {d} {} {shown}",
                            mode_string(&e),
                            e.size(),
                            t.get(..5).unwrap_or("")
                        ));
                    } else {
                        p.out
                            .outln(if e.is_dir() { format!("{name}/") } else { name });
                    }
                    continue;
                }
                if verbose {
                    p.out.outln(if e.is_dir() {
                        format!("{name}/")
                    } else {
                        name.clone()
                    });
                }
                let dest = path::join(&dir, &name);
                let (fs, inner) = p.sys.fs_for(&dest);
                let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
                if e.is_dir() && fs.is_dir(&inner) {
                    continue;
                }
                if fs.lookup(&inner).is_some() && !e.is_dir() {
                    let _ = fs.remove(&inner, true);
                }
                if let Err(err) = super::put_at(fs, &inner, e) {
                    p.errln(format!("{name}: Cannot open: {err}"));
                }
            }
            Ok(0)
        }
    }
}
