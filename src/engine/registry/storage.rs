//! A registry's storage, laid out as `distribution`'s filesystem driver
//! does under its root (`/var/lib/registry/docker/registry/v2`):
//!
//! - `blobs/sha256/<xx>/<hex>/data` — content-addressed blobs shared by
//!   every repository;
//! - `repositories/<name>/_layers/sha256/<hex>/link` — the blobs a
//!   repository may serve (what cross-repository mounts add);
//! - `repositories/<name>/_manifests/revisions/sha256/<hex>/link` — its
//!   manifests;
//! - `repositories/<name>/_manifests/tags/<tag>/current/link` and
//!   `…/index/sha256/<hex>/link` — its tags.
//!
//! [`Files`] is the driver (files in a container, or a map in memory for
//! the public registries); [`Layout`] implements the repository
//! operations on top of it.

use crate::engine::digest::Digest;
use std::collections::BTreeMap;

/// A storage driver: paths relative to the registry root.
pub trait Files {
    fn read(&self, path: &str) -> Option<Vec<u8>>;
    fn write(&mut self, path: &str, data: &[u8]);
    /// Names of the entries of a directory (sorted); empty when missing.
    fn list(&self, dir: &str) -> Vec<String>;
    /// Whether a directory exists.
    fn is_dir(&self, dir: &str) -> bool {
        !self.list(dir).is_empty()
    }
}

/// The in-memory driver of the public registries' pushed content.
pub type MemFiles = BTreeMap<String, Vec<u8>>;

impl Files for MemFiles {
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        self.get(path).cloned()
    }
    fn write(&mut self, path: &str, data: &[u8]) {
        self.insert(path.to_string(), data.to_vec());
    }
    fn list(&self, dir: &str) -> Vec<String> {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let mut out: Vec<String> = self
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, _)| k.get(prefix.len()..)?.split('/').next().map(str::to_string))
            .collect();
        out.dedup();
        out
    }
}

/// Repository operations over a driver.
pub struct Layout<'a> {
    pub files: &'a mut dyn Files,
}

fn blob_path(d: &Digest) -> String {
    let hex = d.hex();
    format!("blobs/sha256/{}/{hex}/data", hex.get(..2).unwrap_or("00"))
}

fn link(d: &Digest) -> Vec<u8> {
    d.as_str().as_bytes().to_vec()
}

fn read_link(files: &dyn Files, path: &str) -> Option<Digest> {
    let b = files.read(path)?;
    Digest::parse(std::str::from_utf8(&b).ok()?.trim())
}

impl Layout<'_> {
    /// Every repository name (`team/tools`), sorted.
    pub fn repositories(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk_repos("", &mut out, 0);
        out.sort();
        out
    }

    fn walk_repos(&self, prefix: &str, out: &mut Vec<String>, depth: usize) {
        if depth > 8 {
            return;
        }
        let dir = if prefix.is_empty() {
            "repositories".to_string()
        } else {
            format!("repositories/{prefix}")
        };
        for name in self.files.list(&dir) {
            if name == "_manifests" {
                out.push(prefix.to_string());
            } else if !name.starts_with('_') {
                let p = if prefix.is_empty() {
                    name
                } else {
                    format!("{prefix}/{name}")
                };
                self.walk_repos(&p, out, depth + 1);
            }
        }
    }

    pub fn repo_exists(&self, repo: &str) -> bool {
        self.files
            .is_dir(&format!("repositories/{repo}/_manifests"))
            || self.files.is_dir(&format!("repositories/{repo}/_layers"))
    }

    /// Tags of a repository, sorted.
    pub fn tags(&self, repo: &str) -> Vec<String> {
        self.files
            .list(&format!("repositories/{repo}/_manifests/tags"))
            .into_iter()
            .filter(|t| self.tag(repo, t).is_some())
            .collect()
    }

    pub fn tag(&self, repo: &str, tag: &str) -> Option<Digest> {
        read_link(
            &*self.files,
            &format!("repositories/{repo}/_manifests/tags/{tag}/current/link"),
        )
    }

    /// A manifest of `repo` by digest (its bytes).
    pub fn manifest(&self, repo: &str, d: &Digest) -> Option<Vec<u8>> {
        read_link(
            &*self.files,
            &format!(
                "repositories/{repo}/_manifests/revisions/sha256/{}/link",
                d.hex()
            ),
        )?;
        self.files.read(&blob_path(d))
    }

    /// Whether `repo` may serve blob `d` (a layer or config it links).
    pub fn has_layer(&self, repo: &str, d: &Digest) -> bool {
        read_link(
            &*self.files,
            &format!("repositories/{repo}/_layers/sha256/{}/link", d.hex()),
        )
        .is_some()
            && self.blob(d).is_some()
    }

    pub fn blob(&self, d: &Digest) -> Option<Vec<u8>> {
        self.files.read(&blob_path(d))
    }

    /// Stores a blob and links it into `repo`.
    pub fn put_blob(&mut self, repo: &str, d: &Digest, data: &[u8]) {
        if self.files.read(&blob_path(d)).is_none() {
            self.files.write(&blob_path(d), data);
        }
        self.link_layer(repo, d);
    }

    /// Links an existing blob into `repo` (a cross-repository mount).
    pub fn link_layer(&mut self, repo: &str, d: &Digest) {
        self.files.write(
            &format!("repositories/{repo}/_layers/sha256/{}/link", d.hex()),
            &link(d),
        );
    }

    /// Stores a manifest and points `tag` at it.
    pub fn put_manifest(&mut self, repo: &str, d: &Digest, bytes: &[u8], tag: Option<&str>) {
        self.files.write(&blob_path(d), bytes);
        self.files.write(
            &format!(
                "repositories/{repo}/_manifests/revisions/sha256/{}/link",
                d.hex()
            ),
            &link(d),
        );
        if let Some(t) = tag {
            let base = format!("repositories/{repo}/_manifests/tags/{t}");
            self.files.write(&format!("{base}/current/link"), &link(d));
            self.files
                .write(&format!("{base}/index/sha256/{}/link", d.hex()), &link(d));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_over_memory() {
        let mut m = MemFiles::new();
        let mut l = Layout { files: &mut m };
        assert!(l.repositories().is_empty());
        let b = Digest::of(b"layer");
        l.put_blob("team/tools", &b, b"layer");
        let md = Digest::of(b"{}");
        l.put_manifest("team/tools", &md, b"{}", Some("v1"));
        l.put_manifest("app", &md, b"{}", Some("latest"));
        assert_eq!(l.repositories(), vec!["app", "team/tools"]);
        assert_eq!(l.tags("team/tools"), vec!["v1"]);
        assert_eq!(l.tag("app", "latest"), Some(md.clone()));
        assert!(l.has_layer("team/tools", &b));
        assert!(!l.has_layer("app", &b));
        l.link_layer("app", &b);
        assert!(l.has_layer("app", &b));
        assert_eq!(l.manifest("app", &md), Some(b"{}".to_vec()));
        let hex = b.hex().to_string();
        assert!(m.contains_key(&format!("blobs/sha256/{}/{hex}/data", &hex[..2])));
    }
}
