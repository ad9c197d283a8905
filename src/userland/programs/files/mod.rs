//! File tools: ls, cat, touch, mkdir, rm, rmdir, cp, mv, ln, chmod, chown,
//! find, du, df, tar, stat, readlink, realpath, tee, basename, dirname.

mod ls;
pub use ls::*;
mod cat;
pub use cat::*;
mod attrs;
pub use attrs::*;
mod dirs;
pub use dirs::*;
mod copy;
pub use copy::*;
mod find;
pub use find::*;
mod usage;
pub use usage::*;
mod stat;
pub use stat::*;
mod names;
pub use names::*;
mod tar;
pub use tar::*;
mod truncate;
pub use truncate::*;

use super::{Flow, Opts, Proc};
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
