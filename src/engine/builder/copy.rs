//! COPY and ADD: resolving sources (context paths with globs, another
//! stage's or image's filesystem, heredocs), the destination rules
//! (trailing `/`, directories copied by content), `--chown` / `--chmod`,
//! local tar archives unpacked by ADD, and the content checksum
//! (`file:<hash>`, `dir:<hash>`, `multi:<hash>`) that keys the cache —
//! names, modes, owners and contents, never modification times.

use super::context::{glob, has_meta, BuildContext};
use crate::engine::digest::sha256_hex;
use crate::engine::fs::{path, Content, Entry, Meta, UnionFs};

/// Where COPY reads from.
pub enum Source<'a> {
    Context(&'a BuildContext),
    /// Another stage's or an image's filesystem.
    Image(&'a UnionFs),
}

/// One resolved source: its base name and its entries, paths relative to
/// the source itself (`""` for the source node).
#[derive(Clone, Debug)]
pub struct Resolved {
    pub name: String,
    pub is_dir: bool,
    pub items: Vec<(String, Entry)>,
}

impl Resolved {
    /// The checksum part: `file:<hex>` or `dir:<hex>`.
    pub fn hash(&self) -> String {
        let mut data = Vec::new();
        for (p, e) in &self.items {
            let name = if self.is_dir {
                p.clone()
            } else {
                self.name.clone()
            };
            data.extend_from_slice(name.as_bytes());
            data.push(0);
            match e {
                Entry::File { meta, content } => {
                    data.extend_from_slice(
                        format!(
                            "f{:o} {} {} {}\0",
                            meta.mode,
                            meta.uid,
                            meta.gid,
                            content.size()
                        )
                        .as_bytes(),
                    );
                    match content {
                        Content::Bytes(b) => data.extend_from_slice(b),
                        Content::Sized { seed, .. } => {
                            data.extend_from_slice(format!("seed{seed}").as_bytes())
                        }
                    }
                }
                Entry::Dir { meta, .. } => data.extend_from_slice(
                    format!("d{:o} {} {}", meta.mode, meta.uid, meta.gid).as_bytes(),
                ),
                Entry::Symlink { target, .. } => {
                    data.extend_from_slice(format!("l{target}").as_bytes())
                }
                Entry::Whiteout => {}
            }
            data.push(0);
        }
        format!(
            "{}:{}",
            if self.is_dir { "dir" } else { "file" },
            sha256_hex(&data)
        )
    }
}

/// The cache checksum of all sources.
pub fn sources_hash(srcs: &[Resolved]) -> String {
    if srcs.len() == 1 {
        return srcs[0].hash();
    }
    let hashes: Vec<String> = srcs.iter().map(Resolved::hash).collect();
    format!("multi:{}", sha256_hex(hashes.join(",").as_bytes()))
}

/// Cleans a context-relative source; `None` when it leaves the context.
fn clean_rel(src: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for c in src.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            c => parts.push(c),
        }
    }
    Some(parts.join("/"))
}

/// Resolves the sources of a COPY/ADD (`cmd` names it in errors).
pub fn resolve(source: &Source, srcs: &[String], cmd: &str) -> Result<Vec<Resolved>, String> {
    let mut out = Vec::new();
    for src in srcs {
        match source {
            Source::Context(ctx) => {
                let Some(rel) = clean_rel(src) else {
                    return Err(format!(
                        "forbidden path outside the build context: {src} ()"
                    ));
                };
                let matches: Vec<String> = if rel.split('/').any(has_meta) {
                    let pat: Vec<&str> = rel.split('/').collect();
                    ctx.files
                        .keys()
                        .filter(|k| {
                            let parts: Vec<&str> = k.split('/').collect();
                            parts.len() == pat.len()
                                && pat.iter().zip(&parts).all(|(p, s)| glob(p, s))
                                && !ctx.is_ignored(k)
                        })
                        .cloned()
                        .collect()
                } else {
                    vec![rel.clone()]
                };
                if matches.is_empty() {
                    return Err(format!("{cmd} failed: no source files were specified"));
                }
                for m in matches {
                    out.push(from_context(ctx, &m).ok_or_else(|| {
                        format!(
                            "{cmd} failed: file not found in build context or excluded by .dockerignore: stat {src}: file does not exist"
                        )
                    })?);
                }
            }
            Source::Image(fs) => {
                let abs = path::normalize(&format!("/{src}"));
                let matches: Vec<String> = if abs.split('/').any(has_meta) {
                    let dir = path::parent(&abs).to_string();
                    let pat = path::file_name(&abs).to_string();
                    fs.read_dir(&dir)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|d| glob(&pat, &d.name))
                        .map(|d| path::child(&dir, &d.name))
                        .collect()
                } else {
                    vec![abs.clone()]
                };
                if matches.is_empty() {
                    return Err(format!("{cmd} failed: no source files were specified"));
                }
                for m in matches {
                    let r = fs.resolve(&m, true).unwrap_or(m.clone());
                    let items = fs
                        .walk(&r)
                        .map_err(|_| format!("{cmd} failed: stat {abs}: file does not exist"))?;
                    let is_dir = items.first().is_some_and(|(_, e)| e.is_dir());
                    let items = items
                        .into_iter()
                        .map(|(p, e)| {
                            (
                                p[r.len().min(p.len())..]
                                    .trim_start_matches('/')
                                    .to_string(),
                                e,
                            )
                        })
                        .collect();
                    out.push(Resolved {
                        name: path::file_name(&r).to_string(),
                        is_dir,
                        items,
                    });
                }
            }
        }
    }
    Ok(out)
}

fn from_context(ctx: &BuildContext, rel: &str) -> Option<Resolved> {
    if rel.is_empty() {
        let items = std::iter::once((
            String::new(),
            Entry::Dir {
                meta: Meta::new(0o755, 0),
                opaque: false,
            },
        ))
        .chain(
            ctx.files
                .iter()
                .filter(|(k, _)| !ctx.is_ignored(k))
                .map(|(k, e)| (k.clone(), e.clone())),
        )
        .collect();
        return Some(Resolved {
            name: String::new(),
            is_dir: true,
            items,
        });
    }
    if ctx.is_ignored(rel) {
        return None;
    }
    let e = ctx.files.get(rel)?;
    let mut items = vec![(String::new(), e.clone())];
    if e.is_dir() {
        let prefix = format!("{rel}/");
        for (k, v) in ctx.files.range(prefix.clone()..) {
            let Some(sub) = k.strip_prefix(&prefix) else {
                break;
            };
            if !ctx.is_ignored(k) {
                items.push((sub.to_string(), v.clone()));
            }
        }
    }
    Some(Resolved {
        name: path::file_name(&format!("/{rel}")).to_string(),
        is_dir: e.is_dir(),
        items,
    })
}

/// Owner for `--chown=user[:group]`, names looked up in the image's
/// `/etc/passwd` and `/etc/group`.
pub fn resolve_chown(fs: &UnionFs, spec: &str) -> Result<Option<(u32, u32)>, String> {
    if spec.is_empty() {
        return Ok(None);
    }
    let (u, g) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let lookup = |file: &str, name: &str, what: &str| -> Result<(u32, u32), String> {
        if let Ok(n) = name.parse::<u32>() {
            return Ok((n, n));
        }
        let text = fs.read_text(file).unwrap_or_default();
        for line in text.lines() {
            let f: Vec<&str> = line.split(':').collect();
            if f.first() == Some(&name) && f.len() >= 4 {
                let id = f[2].parse().unwrap_or(0);
                let gid = f[3].parse().unwrap_or(id);
                return Ok((id, gid));
            }
        }
        Err(format!(
            "unable to convert uid/gid chown string to host mapping: can't find {what} for {what} name {name}: no such {what}"
        ))
    };
    let (uid, primary) = lookup("/etc/passwd", u, "uid")?;
    let gid = match g {
        Some(g) => lookup("/etc/group", g, "gid")?.0,
        None if u.parse::<u32>().is_ok() => uid,
        None => primary,
    };
    Ok(Some((uid, gid)))
}

/// Options of one copy.
pub struct CopyOpts {
    pub owner: Option<(u32, u32)>,
    pub mode: Option<u32>,
    /// ADD: unpack local tar archives.
    pub unpack: bool,
    pub mtime: i64,
}

/// Copies resolved sources to `dest` (absolute, as written: a trailing `/`
/// makes it a directory) in `fs`.
pub fn copy_into(
    fs: &mut UnionFs,
    srcs: &[Resolved],
    dest: &str,
    opts: &CopyOpts,
    cmd: &str,
) -> Result<(), String> {
    let dir_dest = dest.ends_with('/') || dest.ends_with("/.") || dest == ".";
    let dest_abs = path::normalize(dest);
    if srcs.len() > 1 && !dir_dest {
        return Err(format!(
            "When using {cmd} with more than one source file, the destination must be a directory and end with a /"
        ));
    }
    let fserr = |e: crate::engine::fs::FsError| format!("{cmd} failed: {e}");
    for s in srcs {
        if s.is_dir {
            fs.mkdir_all(&dest_abs, 0o755, opts.mtime).map_err(fserr)?;
            for (rel, e) in s.items.iter().filter(|(r, _)| !r.is_empty()) {
                put(fs, &path::child(&dest_abs, rel), e.clone(), opts).map_err(fserr)?;
            }
            continue;
        }
        let Some((_, e)) = s.items.first() else {
            continue;
        };
        let target_is_dir = dir_dest || fs.is_dir(&dest_abs);
        let target = if target_is_dir {
            fs.mkdir_all(&dest_abs, 0o755, opts.mtime).map_err(fserr)?;
            path::child(&dest_abs, &s.name)
        } else {
            fs.mkdir_all(path::parent(&dest_abs), 0o755, opts.mtime)
                .map_err(fserr)?;
            dest_abs.clone()
        };
        if opts.unpack {
            if let Entry::File { content, .. } = e {
                let bytes = content.read();
                if let Some(files) = super::archive::unpack(&bytes) {
                    let into = if target_is_dir {
                        dest_abs.clone()
                    } else {
                        target.clone()
                    };
                    fs.mkdir_all(&into, 0o755, opts.mtime).map_err(fserr)?;
                    for (rel, e) in files {
                        let p = path::child(&into, &rel);
                        if let Some(par) = Some(path::parent(&p).to_string()) {
                            fs.mkdir_all(&par, 0o755, opts.mtime).map_err(fserr)?;
                        }
                        put(
                            fs,
                            &p,
                            e,
                            &CopyOpts {
                                mode: None,
                                ..*opts
                            },
                        )
                        .map_err(fserr)?;
                    }
                    continue;
                }
            }
        }
        put(fs, &target, e.clone(), opts).map_err(fserr)?;
    }
    Ok(())
}

fn put(
    fs: &mut UnionFs,
    p: &str,
    mut e: Entry,
    opts: &CopyOpts,
) -> Result<(), crate::engine::fs::FsError> {
    if let Some(m) = e.meta_mut() {
        if let Some((u, g)) = opts.owner {
            m.uid = u;
            m.gid = g;
        }
        if let Some(mode) = opts.mode {
            m.mode = mode;
        }
    }
    if let Entry::Dir { opaque, .. } = &mut e {
        *opaque = false;
        if fs.is_dir(p) {
            return Ok(());
        }
    }
    if let Some(existing) = fs.lookup(p) {
        if existing.is_dir() && !e.is_dir() {
            fs.remove(p, true)?;
        }
    }
    fs.put(p, e)
}

/// A heredoc source as a resolved file.
pub fn heredoc_source(name: &str, data: &str, mtime: i64) -> Resolved {
    Resolved {
        name: name.to_string(),
        is_dir: false,
        items: vec![(
            String::new(),
            Entry::File {
                meta: Meta::new(0o644, mtime),
                content: Content::text(data),
            },
        )],
    }
}
