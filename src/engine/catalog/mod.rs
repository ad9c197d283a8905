//! The built-in registries' content: official images as data
//! (`catalog.json`, `texts.json`), turned into content-addressed layers and
//! image configs once, on first use, and shared (`Arc`) by every daemon and
//! registry that holds them.
//!
//! # Data format
//! `catalog.json` has `layers` (a name, the creation date used as every
//! file's mtime, a target `size`, a `tree` of entry lines and `pad` paths)
//! and `images` (registry, repository path, tags, creation date, an optional
//! `base` image whose layers and history come first, own layers, history
//! `[created_by, empty_layer(0/1), comment?]` and the `config`). Tags that
//! contain `@` are internal bases that no registry publishes.
//!
//! Tree lines (paths absolute, parents created as 0755 directories):
//! - `inc NAME` the lines of the shared fragment `trees[NAME]`
//! - `dirs P…` directories; `dir P MODE` one directory with a mode
//! - `ln P TARGET` a symlink
//! - `bin DIR name:size…` executables `DIR/name`, `Content::program(name, size)`
//! - `links DIR TARGET name…` symlinks `DIR/name → TARGET` (BusyBox applets)
//! - `lib P SIZE` a large file (`Content::Sized`)
//! - `txt P KEY [MODE]` a text from `texts.json`; `put P TEXT` inline text
//!   (`\n` escapes)
//! - `dpkg P LISTS` / `apk P LIST` a package database generated from the
//!   `packages` lists (`bookworm+nginx` concatenates lists)
//!
//! After the tree, `pad` files (`Content::Sized`) bring the layer to `size`
//! bytes, so `docker images` shows the real image sizes.
//!
//! # Program names
//! Executables are `Content::program(name, size)` where `name` is the file
//! name under which the `bin` line lists it. The userland implements them by
//! these names: `bash dash busybox ls cat cp mv rm mkdir rmdir echo touch
//! chmod chown chgrp ln pwd head tail wc sort uniq env id whoami date sleep
//! true false uname basename dirname mktemp tee stat du df printf test [ yes
//! cut tr seq nproc dd md5sum sha256sum base64 readlink realpath timeout
//! nohup expr od install arch tac nice numfmt stdbuf truncate chroot cksum
//! grep sed tar gzip find xargs mawk gawk hostname diff cmp apt-get apt
//! apt-cache apt-config dpkg dpkg-query perl login su passwd mount umount
//! more which clear tput getent gpgv zcat kill ps top free pgrep useradd
//! userdel usermod groupadd groupdel ldconfig nologin chpasswd
//! start-stop-daemon e2fsck apk ssl_client scanelf getconf iconv ldd hello
//! yum rpm python2.7 curl vi nginx nginx-debug envsubst openssl gosu
//! redis-server redis-cli redis-benchmark python3.9 python3.12 pip pydoc3.9
//! idle3.9 python3.9-config pydoc3.12 idle3.12 python3.12-config wget gpg
//! sq git hg ssh svn gcc-12 g++-12 make file unzip bzip2 xz patch node
//! npm-cli.js npx-cli.js yarn yarn.js update-ca-certificates registry dotnet`.
//! Symlinks lead to them: `/usr/bin/sh → dash` (Debian, Ubuntu),
//! `/bin/sh → /bin/busybox` (Alpine, BusyBox: applets are symlinks to
//! `/bin/busybox`, so the applet is the name the program was invoked by),
//! `/usr/bin/sh → bash` (CentOS), `python3 → python3.9`, `pip3 → pip`,
//! `npm → ../lib/node_modules/npm/bin/npm-cli.js`, `/usr/bin/dotnet →
//! /usr/share/dotnet/dotnet`.

use super::digest::Digest;
use super::fs::{Content, Entry, Layer, Meta};
use super::image::{ContainerConfig, HistoryEntry, ImageConfig, RootFs};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

const CATALOG_JSON: &str = include_str!("catalog.json");
const TEXTS_JSON: &str = include_str!("texts.json");

#[derive(Deserialize)]
struct Data {
    packages: BTreeMap<String, String>,
    /// Tree fragments shared by several layers (`inc NAME`).
    #[serde(default)]
    trees: BTreeMap<String, Vec<String>>,
    layers: Vec<LayerSpec>,
    images: Vec<ImageSpec>,
}

#[derive(Deserialize)]
struct LayerSpec {
    name: String,
    created: String,
    size: u64,
    tree: Vec<String>,
    pad: Vec<String>,
}

#[derive(Deserialize)]
struct ImageSpec {
    registry: String,
    repo: String,
    tags: Vec<String>,
    created: String,
    base: Option<String>,
    layers: Vec<String>,
    history: Vec<serde_json::Value>,
    config: ContainerConfig,
    comment: String,
}

/// An image the built-in registries serve.
#[derive(Debug)]
pub struct CatalogImage {
    /// Registry domain: `docker.io` or `mcr.microsoft.com`.
    pub registry: String,
    /// Repository path in that registry (`library/ubuntu`, `dotnet/core/sdk`).
    pub repo: String,
    /// Published tags (internal bases have none).
    pub tags: Vec<String>,
    pub config: ImageConfig,
    /// The image ID (digest of the config).
    pub id: Digest,
}

/// The whole catalog: images and their layers by diff_id.
#[derive(Debug)]
pub struct Catalog {
    pub images: Vec<CatalogImage>,
    layers: BTreeMap<Digest, Arc<Layer>>,
}

impl Catalog {
    /// The layer with this diff_id.
    pub fn layer(&self, diff_id: &Digest) -> Option<&Arc<Layer>> {
        self.layers.get(diff_id)
    }
    /// Every catalog layer.
    pub fn layers(&self) -> impl Iterator<Item = (&Digest, &Arc<Layer>)> {
        self.layers.iter()
    }
}

/// The catalog, built on first use.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(build)
}

/// The catalog layer with this diff_id, if any (the shared `Arc`).
pub fn layer(diff_id: &Digest) -> Option<Arc<Layer>> {
    catalog().layer(diff_id).cloned()
}

fn build() -> Catalog {
    let data: Data = serde_json::from_str(CATALOG_JSON).expect("catalog.json is valid");
    let texts: BTreeMap<String, String> =
        serde_json::from_str(TEXTS_JSON).expect("texts.json is valid");
    let mut by_name: BTreeMap<String, (Digest, Arc<Layer>)> = BTreeMap::new();
    let mut layers = BTreeMap::new();
    for spec in &data.layers {
        let l = Arc::new(build_layer(spec, &texts, &data.packages, &data.trees));
        let d = l.diff_id();
        layers.insert(d.clone(), l.clone());
        by_name.insert(spec.name.clone(), (d, l));
    }
    let mut images: Vec<CatalogImage> = Vec::new();
    let mut by_ref: BTreeMap<String, usize> = BTreeMap::new();
    for spec in &data.images {
        let mut diff_ids = Vec::new();
        let mut history = Vec::new();
        if let Some(base) = &spec.base {
            let bi = by_ref
                .get(base)
                .unwrap_or_else(|| panic!("catalog base {base} defined before use"));
            let b = &images[*bi].config;
            diff_ids.extend(b.rootfs.diff_ids.iter().cloned());
            history.extend(b.history.iter().cloned());
        }
        let own: Vec<&(Digest, Arc<Layer>)> = spec
            .layers
            .iter()
            .map(|n| {
                by_name
                    .get(n)
                    .unwrap_or_else(|| panic!("catalog layer {n} missing"))
            })
            .collect();
        let mut next_layer = own.iter();
        for h in &spec.history {
            let created_by = h[0].as_str().unwrap_or_default();
            let empty = h[1].as_u64() == Some(1);
            let comment = h
                .get(2)
                .and_then(|c| c.as_str())
                .unwrap_or(&spec.comment)
                .to_string();
            let mut created_by = created_by.to_string();
            if !empty {
                let (d, _) = next_layer
                    .next()
                    .unwrap_or_else(|| panic!("{}: more history than layers", spec.repo));
                created_by = created_by.replace("{diff}", d.hex());
                diff_ids.push(d.clone());
            }
            history.push(HistoryEntry {
                created: spec.created.clone(),
                created_by,
                author: String::new(),
                comment,
                empty_layer: empty,
            });
        }
        assert!(next_layer.next().is_none(), "{}: unused layers", spec.repo);
        let config = ImageConfig {
            architecture: "amd64".into(),
            author: String::new(),
            config: spec.config.clone(),
            created: spec.created.clone(),
            history,
            os: "linux".into(),
            rootfs: RootFs {
                kind: "layers".into(),
                diff_ids,
            },
        };
        let id = config.id();
        for t in &spec.tags {
            by_ref.insert(format!("{}:{t}", spec.repo), images.len());
        }
        images.push(CatalogImage {
            registry: spec.registry.clone(),
            repo: spec.repo.clone(),
            tags: spec
                .tags
                .iter()
                .filter(|t| !t.contains('@'))
                .cloned()
                .collect(),
            config,
            id,
        });
    }
    Catalog { images, layers }
}

fn build_layer(
    spec: &LayerSpec,
    texts: &BTreeMap<String, String>,
    packages: &BTreeMap<String, String>,
    trees: &BTreeMap<String, Vec<String>>,
) -> Layer {
    let mtime = crate::engine::image::parse_rfc3339(&spec.created)
        .map(|ms| ms.div_euclid(1000))
        .unwrap_or(0);
    let mut l = Layer::new();
    let dir = |mode: u32| Entry::Dir {
        meta: Meta::new(mode, mtime),
        opaque: false,
    };
    let put = |l: &mut Layer, p: &str, e: Entry| {
        for a in crate::engine::fs::path::ancestors(p)
            .map(str::to_string)
            .collect::<Vec<_>>()
        {
            if l.get(&a).is_none() {
                l.insert(&a, dir(0o755));
            }
        }
        l.insert(p, e);
    };
    let file = |mode: u32, content: Content| Entry::File {
        meta: Meta::new(mode, mtime),
        content,
    };
    let lines: Vec<&String> = spec
        .tree
        .iter()
        .flat_map(|l| match l.strip_prefix("inc ") {
            Some(name) => trees
                .get(name)
                .unwrap_or_else(|| panic!("catalog tree {name} missing"))
                .iter()
                .collect::<Vec<_>>(),
            None => vec![l],
        })
        .collect();
    for line in lines {
        let (op, rest) = line.split_once(' ').unwrap_or((line, ""));
        let words: Vec<&str> = rest.split(' ').filter(|w| !w.is_empty()).collect();
        match op {
            "dirs" => {
                for p in words {
                    put(&mut l, p, dir(0o755));
                }
            }
            "dir" => put(&mut l, words[0], dir(mode(words.get(1), 0o755))),
            "ln" => put(
                &mut l,
                words[0],
                Entry::Symlink {
                    meta: Meta::new(0o777, mtime),
                    target: words[1].to_string(),
                },
            ),
            "bin" => {
                for w in &words[1..] {
                    let (name, size) = w.rsplit_once(':').expect("bin name:size");
                    let size: u64 = size.parse().expect("bin size");
                    let p = crate::engine::fs::path::child(words[0], name);
                    put(&mut l, &p, file(0o755, Content::program(name, size)));
                }
            }
            "links" => {
                for name in &words[2..] {
                    let p = crate::engine::fs::path::child(words[0], name);
                    if p != words[1] {
                        put(
                            &mut l,
                            &p,
                            Entry::Symlink {
                                meta: Meta::new(0o777, mtime),
                                target: words[1].to_string(),
                            },
                        );
                    }
                }
            }
            "lib" => {
                let size: u64 = words[1].parse().expect("lib size");
                put(&mut l, words[0], file(0o644, sized(words[0], size)));
            }
            "txt" => {
                let t = texts
                    .get(words[1])
                    .unwrap_or_else(|| panic!("text {} missing", words[1]));
                put(
                    &mut l,
                    words[0],
                    file(mode(words.get(2), 0o644), Content::text(t)),
                );
            }
            "put" => {
                let (p, text) = rest.split_once(' ').unwrap_or((rest, ""));
                put(
                    &mut l,
                    p,
                    file(0o644, Content::text(&text.replace("\\n", "\n"))),
                );
            }
            "dpkg" | "apk" => {
                let list: Vec<(&str, &str, &str)> = words[1]
                    .split('+')
                    .flat_map(|k| {
                        packages
                            .get(k)
                            .unwrap_or_else(|| panic!("package list {k} missing"))
                            .split(' ')
                    })
                    .map(|p| {
                        let (name, v) = p.split_once('=').unwrap_or((p, ""));
                        let (v, arch) = v.split_once('/').unwrap_or((v, "amd64"));
                        (name, v, arch)
                    })
                    .collect();
                let mut list = list;
                list.sort_by(|a, b| a.0.cmp(b.0));
                list.dedup_by(|a, b| a.0 == b.0);
                let text = if op == "dpkg" {
                    dpkg_status(&list)
                } else {
                    apk_installed(&list)
                };
                put(&mut l, words[0], file(0o644, Content::text(&text)));
            }
            other => panic!("catalog: unknown tree op {other}"),
        }
    }
    let have = l.size();
    if spec.size > have && !spec.pad.is_empty() {
        let rest = spec.size - have;
        let n = spec.pad.len() as u64;
        for (i, p) in spec.pad.iter().enumerate() {
            let share = if i as u64 == n - 1 {
                rest - rest / n * (n - 1)
            } else {
                rest / n
            };
            put(&mut l, p, file(0o644, sized(p, share)));
        }
    }
    l
}

fn mode(w: Option<&&str>, default: u32) -> u32 {
    w.and_then(|m| u32::from_str_radix(m, 8).ok())
        .unwrap_or(default)
}

/// A large data file whose identity is its path.
fn sized(path: &str, size: u64) -> Content {
    Content::Sized {
        size,
        seed: crate::engine::fs::program_seed(&format!("file:{path}")),
    }
}

fn dpkg_status(list: &[(&str, &str, &str)]) -> String {
    let mut s = String::new();
    for (name, version, arch) in list {
        let essential = matches!(
            *name,
            "base-files"
                | "base-passwd"
                | "bash"
                | "bsdutils"
                | "coreutils"
                | "dash"
                | "debianutils"
                | "diffutils"
                | "dpkg"
                | "findutils"
                | "grep"
                | "gzip"
                | "hostname"
                | "login"
                | "ncurses-bin"
                | "perl-base"
                | "sed"
                | "tar"
                | "util-linux"
                | "init-system-helpers"
                | "libc-bin"
                | "mawk"
                | "sysvinit-utils"
        );
        s.push_str(&format!("Package: {name}\n"));
        if essential {
            s.push_str("Essential: yes\n");
        }
        s.push_str(&format!(
            "Status: install ok installed\nPriority: {}\nArchitecture: {arch}\nVersion: {version}\nDescription: {name}\n\n",
            if essential { "required" } else { "optional" }
        ));
    }
    s
}

fn apk_installed(list: &[(&str, &str, &str)]) -> String {
    let mut s = String::new();
    for (name, version, _) in list {
        s.push_str(&format!(
            "C:Q1{}=\nP:{name}\nV:{version}\nA:x86_64\nT:{name}\nU:https://alpinelinux.org\nL:MIT\no:{name}\nm:Natanael Copa <ncopa@alpinelinux.org>\n\n",
            &crate::engine::digest::sha256_hex(format!("{name}-{version}").as_bytes())[..26]
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(repo: &str, tag: &str) -> &'static CatalogImage {
        catalog()
            .images
            .iter()
            .find(|i| i.repo == repo && i.tags.iter().any(|t| t == tag))
            .unwrap()
    }
    fn size(i: &CatalogImage) -> u64 {
        i.config
            .rootfs
            .diff_ids
            .iter()
            .map(|d| layer(d).unwrap().size())
            .sum()
    }

    #[test]
    fn sizes_are_the_real_ones() {
        assert_eq!(size(img("library/hello-world", "latest")), 10072);
        assert_eq!(size(img("library/ubuntu", "24.04")), 78_118_000);
        assert_eq!(size(img("library/alpine", "latest")), 7_834_624);
        assert_eq!(size(img("library/debian", "bookworm-slim")), 74_783_000);
    }

    #[test]
    fn images_share_base_layers() {
        let slim = &img("library/debian", "bookworm-slim")
            .config
            .rootfs
            .diff_ids;
        let nginx = &img("library/nginx", "latest").config.rootfs.diff_ids;
        let py = &img("library/python", "3.9-slim").config.rootfs.diff_ids;
        assert_eq!(slim.len(), 1);
        assert_eq!(nginx[0], slim[0]);
        assert_eq!(py[0], slim[0]);
        assert_eq!(nginx.len(), 7);
        let a = &img("library/ubuntu", "latest").id;
        assert_eq!(a, &img("library/ubuntu", "24.04").id);
    }

    #[test]
    fn layers_are_deterministic_and_shared() {
        let d = &img("library/alpine", "latest").config.rootfs.diff_ids[0];
        let a = layer(d).unwrap();
        let b = layer(d).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.diff_id(), *d);
        match a.get("/etc/os-release") {
            Some(Entry::File { content, .. }) => {
                assert!(content.to_text().contains("VERSION_ID=3.21.0"))
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(a.get("/bin/ls"), Some(Entry::Symlink { target, .. }) if target == "/bin/busybox")
        );
    }
}
