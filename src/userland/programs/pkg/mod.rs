//! Package managers: apt-get / apt / dpkg (Debian, Ubuntu), apk (Alpine),
//! yum / dnf, pip. The package index is data (`src/userland/packages/*.json`);
//! installing writes each package's files, alternatives links and the
//! package database into the current filesystem, with each tool's output.

mod apt;
pub use apt::*;
mod dpkg;
pub use dpkg::*;
mod apk;
pub use apk::*;
mod yum;
pub use yum::*;
mod pip;
pub use pip::*;

use super::{Flow, Proc};
use crate::engine::digest::sha256_hex;
use crate::engine::fs::{path, program_seed, Content, Entry, Meta};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn data(which: &str) -> &'static Value {
    static APT: OnceLock<Value> = OnceLock::new();
    static APK: OnceLock<Value> = OnceLock::new();
    static PIP: OnceLock<Value> = OnceLock::new();
    let (cell, text) = match which {
        "apt" => (&APT, include_str!("../../packages/apt.json")),
        "apk" => (&APK, include_str!("../../packages/apk.json")),
        _ => (&PIP, include_str!("../../packages/pip.json")),
    };
    cell.get_or_init(|| serde_json::from_str(text).unwrap_or(Value::Null))
}

fn s(v: &Value) -> String {
    match v {
        Value::String(x) => x.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

fn subst(t: &str, vars: &Value) -> String {
    let mut out = t.to_string();
    if let Some(m) = vars.as_object() {
        for (k, v) in m {
            out = out.replace(&format!("{{{k}}}"), &s(v));
        }
    }
    out
}

/// apt's `SizeToStr`: `850 kB`, `9337 kB`, `17.9 MB` (bytes in).
pub fn apt_size(bytes: f64) -> String {
    let ext = ["", "k", "M", "G", "T"];
    let mut v = bytes;
    let mut i = 0;
    loop {
        if v < 100.0 && i != 0 {
            return format!("{v:.1} {}B", ext[i]);
        }
        if v < 10000.0 || i == 4 {
            return format!("{v:.0} {}B", ext[i]);
        }
        v /= 1000.0;
        i += 1;
    }
}

/// Writes a package's files; returns the paths written (for `.list`).
fn install_files(
    p: &mut Proc,
    files: Option<&Value>,
    bulk: Option<&Value>,
    vars: &Value,
) -> Vec<String> {
    let now = p.lim.now_secs();
    let mut written = Vec::new();
    let mut items: Vec<(String, String, u64)> = Vec::new();
    for f in files.and_then(Value::as_array).into_iter().flatten() {
        let a = f.as_array().cloned().unwrap_or_default();
        let pth = subst(&s(a.first().unwrap_or(&Value::Null)), vars);
        let kind = subst(&s(a.get(1).unwrap_or(&Value::Null)), vars);
        let size = a.get(2).and_then(Value::as_u64).unwrap_or(0);
        items.push((pth, kind, size));
    }
    for b in bulk.and_then(Value::as_array).into_iter().flatten() {
        let a = b.as_array().cloned().unwrap_or_default();
        let dir = subst(&s(a.first().unwrap_or(&Value::Null)), vars);
        let names: Vec<String> = a
            .get(1)
            .and_then(Value::as_array)
            .map(|v| v.iter().map(|x| subst(&s(x), vars)).collect())
            .unwrap_or_default();
        let total = a.get(2).and_then(Value::as_u64).unwrap_or(0);
        let n = names.len().max(1) as u64;
        for (k, name) in names.iter().enumerate() {
            // uneven but deterministic split
            let share = total / n + ((k as u64 * 7919) % (total / n / 3 + 1)) - (total / n / 6);
            items.push((format!("{dir}/{name}"), String::new(), share));
        }
    }
    for (pth, kind, size) in items {
        let (fs, inner) = p.sys.fs_for(&pth);
        let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
        let entry = if let Some(t) = kind.strip_prefix("l:") {
            Entry::Symlink {
                meta: Meta::new(0o777, now),
                target: t.to_string(),
            }
        } else if let Some(name) = kind.strip_prefix("p:") {
            Entry::File {
                meta: Meta::new(0o755, now),
                content: Content::program(name, size),
            }
        } else if let Some(text) = kind.strip_prefix("t:") {
            Entry::File {
                meta: Meta::new(if text.starts_with("#!") { 0o755 } else { 0o644 }, now),
                content: Content::text(text),
            }
        } else {
            Entry::File {
                meta: Meta::new(0o644, now),
                content: Content::Sized {
                    size,
                    seed: program_seed(&format!("file:{pth}")),
                },
            }
        };
        let par = fs
            .resolve(path::parent(&inner), true)
            .unwrap_or_else(|_| path::parent(&inner).to_string());
        let inner = path::child(&par, path::file_name(&inner));
        if fs.lookup(&inner).is_some() {
            let _ = fs.remove(&inner, true);
        }
        if super::put_at(fs, &inner, entry).is_ok() {
            written.push(pth);
        }
    }
    written
}

fn append(p: &mut Proc, file: &str, text: &str) {
    let now = p.lim.now_secs();
    let (fs, inner) = p.sys.fs_for(file);
    let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
    let _ = fs.append_file(&inner, text.as_bytes(), now);
}

fn read_text(p: &mut Proc, file: &str) -> Option<String> {
    p.read(file)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn is_root(p: &Proc) -> bool {
    p.ctx.user.is_empty() || p.ctx.user == "root" || p.ctx.user == "0"
}
