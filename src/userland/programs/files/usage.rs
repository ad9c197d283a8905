//! `du` and `df`: disk usage of files and of filesystems.

use super::*;

pub fn du(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "a c d= h k !l !L !H !m s !x"
    } else {
        "!0|null a|all !apparent-size !B=|block-size= !b|bytes c|total d=|max-depth= !D|dereference-args !files0-from= h|human-readable !H !inodes k !L|dereference !l|count-links !m !P|no-dereference s|summarize !si !S|separate-dirs !t=|threshold= !time? !time-style= !X=|exclude-from= !exclude= !x|one-file-system"
    };
    let o = match super::super::opts::parse_legacy(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
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
            if p.is_busybox() {
                p.errln(format!("{op}: No such file or directory"));
            } else {
                p.errln(format!("cannot access '{op}': No such file or directory"));
            }
            code = 1;
            continue;
        };
        let Ok(items) = fs.walk(&real) else {
            if p.is_busybox() {
                p.errln(format!("{op}: No such file or directory"));
            } else {
                p.errln(format!("cannot access '{op}': No such file or directory"));
            }
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
    let spec = if p.is_busybox() {
        "!a !B= h k !m !P !T !t="
    } else {
        "!a|all !B=|block-size= h|human-readable !H|si !i|inodes k !l|local !no-sync !output? !P|portability !sync !t=|type= !T|print-type !x=|exclude-type= !total"
    };
    let o = match super::super::opts::parse_legacy(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
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
