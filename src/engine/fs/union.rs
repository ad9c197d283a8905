//! [`UnionFs`]: read-only lower layers (shared, `Arc`) under one writable
//! upper layer. Creating one costs O(number of layers), never O(files).

use super::entry::{Content, Entry, Meta, NodeKind};
use super::layer::Layer;
use super::path::{self, ancestors, child, parent};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// Filesystem errors, named after the errno a shell prints for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsError {
    NotFound,
    NotADirectory,
    IsADirectory,
    Exists,
    NotEmpty,
    TooManyLinks,
    InvalidArgument,
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FsError::NotFound => "No such file or directory",
            FsError::NotADirectory => "Not a directory",
            FsError::IsADirectory => "Is a directory",
            FsError::Exists => "File exists",
            FsError::NotEmpty => "Directory not empty",
            FsError::TooManyLinks => "Too many levels of symbolic links",
            FsError::InvalidArgument => "Invalid argument",
        })
    }
}

/// Kind of a change reported by `docker diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Changed,
    Deleted,
}

impl ChangeKind {
    pub fn letter(self) -> char {
        match self {
            ChangeKind::Added => 'A',
            ChangeKind::Changed => 'C',
            ChangeKind::Deleted => 'D',
        }
    }
}

/// One line of `docker diff`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    pub path: String,
}

/// A stack of layers, bottom first, with a writable layer on top.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct UnionFs {
    #[serde(skip)]
    lower: Vec<Arc<Layer>>,
    upper: Layer,
}

/// A directory listing entry of the union view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirEntry {
    pub name: String,
    pub kind: NodeKind,
}

impl UnionFs {
    /// A union over `lower` (bottom first) with an empty writable layer.
    pub fn new(lower: Vec<Arc<Layer>>) -> UnionFs {
        UnionFs {
            lower,
            upper: Layer::new(),
        }
    }

    /// Rebuilds the lower stack (after deserialisation, which skips it).
    pub fn set_lower(&mut self, lower: Vec<Arc<Layer>>) {
        self.lower = lower;
    }

    pub fn lower(&self) -> &[Arc<Layer>] {
        &self.lower
    }

    /// The writable layer: everything written since creation.
    pub fn upper(&self) -> &Layer {
        &self.upper
    }

    /// Takes the writable layer's changes, leaving it empty (commit).
    pub fn take_upper(&mut self) -> Layer {
        std::mem::take(&mut self.upper)
    }

    /// Exact lookup (no symlink following) through the stack, top-down.
    pub fn lookup(&self, p: &str) -> Option<&Entry> {
        if p == "/" {
            return None;
        }
        lookup_in(
            std::iter::once(&self.upper).chain(self.lower.iter().rev().map(|l| &**l)),
            p,
        )
    }

    /// Lookup in the lower (read-only) layers only.
    pub fn lookup_lower(&self, p: &str) -> Option<&Entry> {
        lookup_in(self.lower.iter().rev().map(|l| &**l), p)
    }

    /// Whether `p` exists as a directory (the root always does).
    pub fn is_dir(&self, p: &str) -> bool {
        p == "/" || self.lookup(p).is_some_and(Entry::is_dir)
    }

    /// Resolves symlinks in `p` (absolute, normalised). With `follow_last`
    /// the final component is followed too. The result may not exist.
    pub fn resolve(&self, p: &str, follow_last: bool) -> Result<String, FsError> {
        let mut hops = 0;
        let mut pending: Vec<String> = path::normalize(p)
            .split('/')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .rev()
            .collect();
        let mut cur = "/".to_string();
        while let Some(c) = pending.pop() {
            if c == ".." {
                cur = parent(&cur).to_string();
                continue;
            }
            if c == "." {
                continue;
            }
            let next = child(&cur, &c);
            let last = pending.is_empty();
            match self.lookup(&next) {
                Some(Entry::Symlink { target, .. }) if !last || follow_last => {
                    hops += 1;
                    if hops > 40 {
                        return Err(FsError::TooManyLinks);
                    }
                    for t in target.split('/').filter(|c| !c.is_empty()).rev() {
                        pending.push(t.to_string());
                    }
                    if target.starts_with('/') {
                        cur = "/".to_string();
                    }
                }
                Some(Entry::Dir { .. }) => cur = next,
                Some(_) if !last => return Err(FsError::NotADirectory),
                None if !last => return Err(FsError::NotFound),
                _ => cur = next,
            }
        }
        Ok(cur)
    }

    /// The entry at `p` after following symlinks.
    pub fn stat(&self, p: &str) -> Result<&Entry, FsError> {
        let r = self.resolve(p, true)?;
        if r == "/" {
            return Ok(&ROOT);
        }
        self.lookup(&r).ok_or(FsError::NotFound)
    }

    /// Reads a file's bytes (following symlinks).
    pub fn read(&self, p: &str) -> Result<Vec<u8>, FsError> {
        match self.stat(p)? {
            Entry::File { content, .. } => Ok(content.read()),
            Entry::Dir { .. } => Err(FsError::IsADirectory),
            _ => Err(FsError::NotFound),
        }
    }

    /// Reads a file as (lossy) UTF-8 text.
    pub fn read_text(&self, p: &str) -> Result<String, FsError> {
        self.read(p)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    /// Merged listing of a directory (no symlink following on `dir` itself
    /// beyond resolution), sorted by name.
    pub fn read_dir(&self, dir: &str) -> Result<Vec<DirEntry>, FsError> {
        let dir = self.resolve(dir, true)?;
        if !self.is_dir(&dir) {
            return Err(if self.lookup(&dir).is_some() {
                FsError::NotADirectory
            } else {
                FsError::NotFound
            });
        }
        let mut seen: BTreeMap<String, Option<NodeKind>> = BTreeMap::new();
        let layers = std::iter::once(&self.upper).chain(self.lower.iter().rev().map(|l| &**l));
        for layer in layers {
            for (name, e) in layer.children(&dir) {
                seen.entry(name).or_insert(match e {
                    Entry::Whiteout => None,
                    e => Some(e.kind()),
                });
            }
            if dir != "/" && hides_below(layer, &dir) {
                break;
            }
        }
        Ok(seen
            .into_iter()
            .filter_map(|(name, k)| k.map(|kind| DirEntry { name, kind }))
            .collect())
    }

    /// Copies the ancestors of `p` into the upper layer (copy-up of the
    /// directories a new entry lands in). Fails if the parent is missing.
    fn copy_up_parents(&mut self, p: &str) -> Result<(), FsError> {
        let par = parent(p);
        if !self.is_dir(par) {
            return Err(match self.lookup(par) {
                Some(_) => FsError::NotADirectory,
                None => FsError::NotFound,
            });
        }
        let missing: Vec<(String, Meta)> = ancestors(p)
            .filter(|a| self.upper.get(a).is_none())
            .filter_map(|a| Some((a.to_string(), self.lookup(a)?.meta()?.clone())))
            .collect();
        for (a, meta) in missing {
            self.upper.insert(
                &a,
                Entry::Dir {
                    meta,
                    opaque: false,
                },
            );
        }
        Ok(())
    }

    /// Puts `entry` at `p` (absolute, resolved, normalised) in the upper
    /// layer. A directory replacing a deleted one becomes opaque.
    pub fn put(&mut self, p: &str, mut entry: Entry) -> Result<(), FsError> {
        if p == "/" {
            return Err(FsError::Exists);
        }
        self.copy_up_parents(p)?;
        if let Entry::Dir { opaque, .. } = &mut entry {
            if matches!(self.upper.get(p), Some(Entry::Whiteout))
                || (self.lookup_lower(p).is_some() && self.lookup(p).is_none())
            {
                *opaque = true;
            }
        }
        if !entry.is_dir() {
            self.upper.remove_below(p);
        }
        self.upper.insert(p, entry);
        Ok(())
    }

    /// Writes a regular file (creating it or replacing its content). An
    /// existing file keeps its mode and owner (copy-up then modify).
    pub fn write_file(&mut self, p: &str, content: Content, mtime: i64) -> Result<(), FsError> {
        let p = self.resolve(p, true)?;
        if p == "/" {
            return Err(FsError::IsADirectory);
        }
        let meta = match self.lookup(&p) {
            Some(Entry::Dir { .. }) => return Err(FsError::IsADirectory),
            Some(e) => Meta {
                mtime,
                ..e.meta().cloned().unwrap_or(Meta::new(0o644, mtime))
            },
            None => Meta::new(0o644, mtime),
        };
        self.put(&p, Entry::File { meta, content })
    }

    /// Appends bytes to a file, creating it if needed.
    pub fn append_file(&mut self, p: &str, data: &[u8], mtime: i64) -> Result<(), FsError> {
        let mut old = match self.read(p) {
            Ok(b) => b,
            Err(FsError::NotFound) => Vec::new(),
            Err(e) => return Err(e),
        };
        old.extend_from_slice(data);
        self.write_file(p, Content::bytes(old), mtime)
    }

    /// `mkdir` (one level). Fails if `p` exists.
    pub fn mkdir(&mut self, p: &str, mode: u32, mtime: i64) -> Result<(), FsError> {
        let p = self.resolve(p, false)?;
        if p == "/" || self.lookup(&p).is_some() {
            return Err(FsError::Exists);
        }
        self.put(
            &p,
            Entry::Dir {
                meta: Meta::new(mode, mtime),
                opaque: false,
            },
        )
    }

    /// `mkdir -p`.
    pub fn mkdir_all(&mut self, p: &str, mode: u32, mtime: i64) -> Result<(), FsError> {
        let norm = path::normalize(p);
        let mut cur = String::new();
        for c in norm.split('/').filter(|c| !c.is_empty()) {
            cur.push('/');
            cur.push_str(c);
            let r = self.resolve(&cur, true)?;
            match self.lookup(&r) {
                Some(Entry::Dir { .. }) => {}
                Some(_) => return Err(FsError::NotADirectory),
                None => self.mkdir(&r, mode, mtime)?,
            }
            cur = r;
        }
        Ok(())
    }

    /// Creates a symlink at `p` pointing to `target`.
    pub fn symlink(&mut self, target: &str, p: &str, mtime: i64) -> Result<(), FsError> {
        let p = self.resolve(p, false)?;
        if self.lookup(&p).is_some() {
            return Err(FsError::Exists);
        }
        self.put(
            &p,
            Entry::Symlink {
                meta: Meta::new(0o777, mtime),
                target: target.to_string(),
            },
        )
    }

    /// Removes `p` (no symlink following on the last component). Directories
    /// are removed with everything below them only when `recursive`.
    /// What the lower layers hold is hidden by a whiteout.
    pub fn remove(&mut self, p: &str, recursive: bool) -> Result<(), FsError> {
        let p = self.resolve(p, false)?;
        let Some(e) = self.lookup(&p) else {
            return Err(FsError::NotFound);
        };
        if e.is_dir() && !recursive && !self.read_dir(&p)?.is_empty() {
            return Err(FsError::NotEmpty);
        }
        self.copy_up_parents(&p)?;
        self.upper.remove_below(&p);
        if self.lookup_lower(&p).is_some() {
            self.upper.insert(&p, Entry::Whiteout);
        } else {
            self.upper.remove(&p);
        }
        Ok(())
    }

    /// Changes permission bits (copy-up of the entry).
    /// The root itself is not stored, so its mode cannot change.
    pub fn chmod(&mut self, p: &str, mode: u32) -> Result<(), FsError> {
        let p = self.resolve(p, true)?;
        if p == "/" {
            return Ok(());
        }
        let mut e = self.lookup(&p).cloned().ok_or(FsError::NotFound)?;
        if let Some(m) = e.meta_mut() {
            m.mode = mode;
        }
        if let Entry::Dir { opaque, .. } = &mut e {
            *opaque = self.upper_opaque(&p);
        }
        self.put(&p, e)
    }

    /// Whether the writable layer holds `p` as an opaque directory. A
    /// directory copied up from a lower layer must not stay opaque (it
    /// would hide that layer's children), but one made opaque in the
    /// writable layer (`rm -r d; mkdir d`) must stay so when modified.
    fn upper_opaque(&self, p: &str) -> bool {
        matches!(self.upper.get(p), Some(Entry::Dir { opaque: true, .. }))
    }

    /// Sets an entry's modification time, creating an empty file when
    /// missing (`touch`).
    pub fn touch(&mut self, p: &str, mtime: i64) -> Result<(), FsError> {
        let r = self.resolve(p, true)?;
        if r == "/" {
            return Ok(());
        }
        match self.lookup(&r).cloned() {
            None => self.put(
                &r,
                Entry::File {
                    meta: Meta::new(0o644, mtime),
                    content: Content::text(""),
                },
            ),
            Some(mut e) => {
                if let Some(m) = e.meta_mut() {
                    m.mtime = mtime;
                }
                if let Entry::Dir { opaque, .. } = &mut e {
                    *opaque = self.upper_opaque(&r);
                }
                self.put(&r, e)
            }
        }
    }

    /// Every entry at or below `p` in the union view, in path order
    /// (`p` first). Used by copy, rename, tar and find.
    pub fn walk(&self, p: &str) -> Result<Vec<(String, Entry)>, FsError> {
        let mut out = Vec::new();
        let root = path::normalize(p);
        let e = if root == "/" {
            ROOT.clone()
        } else {
            self.lookup(&root).cloned().ok_or(FsError::NotFound)?
        };
        let is_dir = e.is_dir();
        out.push((root.clone(), e));
        if is_dir {
            self.walk_dir(&root, &mut out)?;
        }
        Ok(out)
    }

    fn walk_dir(&self, dir: &str, out: &mut Vec<(String, Entry)>) -> Result<(), FsError> {
        for d in self.read_dir(dir)? {
            let cp = child(dir, &d.name);
            if let Some(e) = self.lookup(&cp).cloned() {
                let is_dir = e.is_dir();
                out.push((cp.clone(), e));
                if is_dir {
                    self.walk_dir(&cp, out)?;
                }
            }
        }
        Ok(())
    }

    /// Copies the tree at `from` to `to` (both resolved), like `cp -a`.
    pub fn copy_tree(&mut self, from: &str, to: &str) -> Result<(), FsError> {
        let items = self.walk(from)?;
        for (p, e) in items {
            let dest = format!("{to}{}", &p[from.len().min(p.len())..]);
            let e = match e {
                Entry::Dir { meta, .. } => Entry::Dir {
                    meta,
                    opaque: false,
                },
                e => e,
            };
            if matches!(e, Entry::Dir { .. }) && self.is_dir(&dest) {
                continue;
            }
            self.put(&dest, e)?;
        }
        Ok(())
    }

    /// Moves `from` to `to` like `rename(2)`: copy then remove. An existing
    /// `to` is replaced only when it is of the same type (and, for a
    /// directory, empty); every check happens before anything changes.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), FsError> {
        let from = self.resolve(from, false)?;
        let to = self.resolve(to, false)?;
        let Some(src) = self.lookup(&from) else {
            return Err(FsError::NotFound);
        };
        let src_is_dir = src.is_dir();
        if from == to {
            return Ok(());
        }
        if to.starts_with(&format!("{from}/")) {
            return Err(FsError::InvalidArgument);
        }
        if !self.is_dir(parent(&to)) {
            return Err(match self.lookup(parent(&to)) {
                Some(_) => FsError::NotADirectory,
                None => FsError::NotFound,
            });
        }
        if let Some(dst) = self.lookup(&to) {
            match (src_is_dir, dst.is_dir()) {
                (true, false) => return Err(FsError::NotADirectory),
                (false, true) => return Err(FsError::IsADirectory),
                (true, true) if !self.read_dir(&to)?.is_empty() => return Err(FsError::NotEmpty),
                _ => {}
            }
            self.remove(&to, true)?;
        }
        self.copy_tree(&from, &to)?;
        self.remove(&from, true)
    }

    /// The changes of the writable layer against the lower layers, as
    /// `docker diff` lists them (parents before children).
    ///
    /// Like overlay2's tree compare, a lower directory hidden wholesale —
    /// by an opaque directory (`rm -r d; mkdir d`) or by a file put in its
    /// place — has each of its hidden children reported as deleted.
    pub fn diff(&self) -> Vec<Change> {
        let mut out = diff_layer(&self.upper, |p| self.lookup_lower(p).is_some());
        for (p, e) in self.upper.iter() {
            let hides = match e {
                Entry::Dir { opaque, .. } => *opaque,
                Entry::Whiteout => false,
                _ => true,
            };
            if !hides || !self.lookup_lower(p).is_some_and(Entry::is_dir) {
                continue;
            }
            for name in self.lower_children(p) {
                let c = child(p, &name);
                if self.upper.get(&c).is_none() {
                    out.push(Change {
                        kind: ChangeKind::Deleted,
                        path: c,
                    });
                }
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    /// Names in directory `dir` of the lower layers' merged view.
    fn lower_children(&self, dir: &str) -> Vec<String> {
        let mut seen: BTreeMap<String, bool> = BTreeMap::new();
        for layer in self.lower.iter().rev() {
            for (name, e) in layer.children(dir) {
                seen.entry(name).or_insert(!matches!(e, Entry::Whiteout));
            }
            if hides_below(layer, dir) {
                break;
            }
        }
        seen.into_iter()
            .filter_map(|(n, present)| present.then_some(n))
            .collect()
    }
}

/// `docker diff` lines for a changeset `layer` over a base where
/// `exists_below(path)` tells whether the path existed before.
pub fn diff_layer(layer: &Layer, exists_below: impl Fn(&str) -> bool) -> Vec<Change> {
    layer
        .iter()
        .map(|(p, e)| Change {
            kind: match e {
                Entry::Whiteout => ChangeKind::Deleted,
                _ if exists_below(p) => ChangeKind::Changed,
                _ => ChangeKind::Added,
            },
            path: p.clone(),
        })
        .collect()
}

static ROOT: Entry = Entry::Dir {
    meta: Meta {
        mode: 0o755,
        uid: 0,
        gid: 0,
        mtime: 0,
    },
    opaque: false,
};

/// Whether `layer` hides, from the layers below it, everything under
/// `p` — by a whiteout, an opaque directory, or a non-directory at `p` or
/// one of its ancestors.
fn hides_below(layer: &Layer, p: &str) -> bool {
    let check = |a: &str| match layer.get(a) {
        Some(Entry::Whiteout) | Some(Entry::File { .. }) | Some(Entry::Symlink { .. }) => true,
        Some(Entry::Dir { opaque, .. }) => *opaque,
        None => false,
    };
    check(p) || ancestors(p).any(check)
}

/// Whether an ancestor of `p` in `layer` hides lower layers.
fn ancestor_hides(layer: &Layer, p: &str) -> bool {
    ancestors(p).any(|a| match layer.get(a) {
        Some(Entry::Whiteout) | Some(Entry::File { .. }) | Some(Entry::Symlink { .. }) => true,
        Some(Entry::Dir { opaque, .. }) => *opaque,
        None => false,
    })
}

fn lookup_in<'a>(layers: impl Iterator<Item = &'a Layer>, p: &str) -> Option<&'a Entry> {
    for layer in layers {
        match layer.get(p) {
            Some(Entry::Whiteout) => return None,
            Some(e) => return Some(e),
            None => {
                if ancestor_hides(layer, p) {
                    return None;
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Arc<Layer> {
        let mut fs = UnionFs::new(vec![]);
        fs.mkdir_all("/etc", 0o755, 1).unwrap();
        fs.write_file("/etc/os-release", Content::text("NAME=x\n"), 1)
            .unwrap();
        fs.mkdir_all("/tmp", 0o1777, 1).unwrap();
        Arc::new(fs.take_upper())
    }

    #[test]
    fn four_rules() {
        let b = base();
        let mut c1 = UnionFs::new(vec![b.clone()]);
        let c2 = UnionFs::new(vec![b.clone()]);
        // add
        c1.write_file("/tmp/new", Content::text("hi"), 2).unwrap();
        // read
        assert_eq!(c1.read_text("/etc/os-release").unwrap(), "NAME=x\n");
        // modify (copy-up)
        c1.append_file("/etc/os-release", b"X=1\n", 3).unwrap();
        assert_eq!(c2.read_text("/etc/os-release").unwrap(), "NAME=x\n");
        // delete (whiteout)
        c1.remove("/etc/os-release", false).unwrap();
        assert_eq!(c1.read("/etc/os-release"), Err(FsError::NotFound));
        assert!(c2.read("/etc/os-release").is_ok());
        let d: Vec<String> = c1
            .diff()
            .iter()
            .map(|c| format!("{} {}", c.kind.letter(), c.path))
            .collect();
        assert_eq!(
            d,
            vec!["C /etc", "D /etc/os-release", "C /tmp", "A /tmp/new"]
        );
        assert_eq!(b.len(), 3);
    }

    #[test]
    fn opaque_dir_after_rm() {
        let b = base();
        let mut c = UnionFs::new(vec![b]);
        c.remove("/etc", true).unwrap();
        c.mkdir("/etc", 0o755, 5).unwrap();
        assert!(c.read_dir("/etc").unwrap().is_empty());
    }

    #[test]
    fn failed_rename_changes_nothing() {
        let mut c = UnionFs::new(vec![base()]);
        // a missing source must not remove the existing target first
        assert_eq!(c.rename("/etc/nope", "/tmp"), Err(FsError::NotFound));
        assert!(c.is_dir("/tmp"));
        // a target that is an ancestor of the source is not empty
        c.mkdir("/tmp/d", 0o755, 2).unwrap();
        assert_eq!(c.rename("/tmp/d", "/tmp"), Err(FsError::NotEmpty));
        assert_eq!(
            c.rename("/etc/os-release", "/tmp"),
            Err(FsError::IsADirectory)
        );
        assert_eq!(
            c.rename("/tmp/d", "/etc/os-release"),
            Err(FsError::NotADirectory)
        );
        assert!(c.is_dir("/tmp/d"));
        c.rename("/etc/os-release", "/tmp/os").unwrap();
        assert_eq!(c.read_text("/tmp/os").unwrap(), "NAME=x\n");
    }

    #[test]
    fn diff_reports_children_hidden_by_opaque_dir() {
        let mut c = UnionFs::new(vec![base()]);
        c.remove("/etc", true).unwrap();
        c.mkdir("/etc", 0o755, 5).unwrap();
        let d: Vec<String> = c
            .diff()
            .iter()
            .map(|c| format!("{} {}", c.kind.letter(), c.path))
            .collect();
        assert_eq!(d, vec!["C /etc", "D /etc/os-release"]);
    }

    #[test]
    fn touch_and_chmod_keep_a_recreated_dir_opaque() {
        let mut c = UnionFs::new(vec![base()]);
        c.remove("/etc", true).unwrap();
        c.mkdir("/etc", 0o755, 5).unwrap();
        c.touch("/etc", 6).unwrap();
        c.chmod("/etc", 0o700).unwrap();
        assert!(c.read_dir("/etc").unwrap().is_empty());
        assert!(c.lookup("/etc/os-release").is_none());
    }

    #[test]
    fn writing_through_a_link_to_the_root() {
        let mut c = UnionFs::new(vec![base()]);
        c.symlink("..", "/tmp/up", 2).unwrap();
        assert_eq!(
            c.write_file("/tmp/up", Content::text("x"), 3),
            Err(FsError::IsADirectory)
        );
        assert_eq!(c.touch("/tmp/up", 3), Ok(()));
        assert_eq!(c.chmod("/tmp/up", 0o700), Ok(()));
        assert!(c.upper().get("/").is_none());
    }

    #[test]
    fn symlinks_resolve() {
        let mut c = UnionFs::new(vec![base()]);
        c.mkdir_all("/usr/bin", 0o755, 1).unwrap();
        c.symlink("usr/bin", "/bin", 1).unwrap();
        c.write_file("/bin/sh", Content::text("#!"), 1).unwrap();
        assert!(c.lookup("/usr/bin/sh").is_some());
        assert_eq!(c.read_dir("/bin").unwrap().len(), 1);
    }
}
