//! Property test of the union filesystem: random sequences of container
//! creation, writes, appends, mkdirs (`-p` too), touches, symlinks,
//! deletes, renames and commits over the containers of shared images agree
//! with a naive model (a plain map path → node per container); listings
//! merge correctly; `diff()` is consistent with the model; image layers
//! never change; and containers and layers survive serialisation (the
//! sandbox's save/load).

use dockerlings::engine::fs::{ChangeKind, Content, Entry, FsError, Layer, NodeKind, UnionFs};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    File(Vec<u8>),
    Dir,
    Symlink(String),
}

/// A filesystem as a plain map (the root `/` is implicit).
type Model = BTreeMap<String, Node>;

#[derive(Clone, Debug)]
enum Op {
    Create {
        image: usize,
    },
    MkdirAll {
        c: usize,
        p: String,
    },
    Touch {
        c: usize,
        p: String,
    },
    Symlink {
        c: usize,
        target: String,
        p: String,
    },
    Write {
        c: usize,
        p: String,
        byte: u8,
    },
    Append {
        c: usize,
        p: String,
        byte: u8,
    },
    Mkdir {
        c: usize,
        p: String,
    },
    Delete {
        c: usize,
        p: String,
        recursive: bool,
    },
    Rename {
        c: usize,
        from: String,
        to: String,
    },
    Commit {
        c: usize,
    },
}

const NAMES: [&str; 3] = ["a", "b", "c"];

/// Every path the operations can touch: 1–3 components over {a,b,c}.
fn universe() -> Vec<String> {
    let mut out = Vec::new();
    for x in NAMES {
        out.push(format!("/{x}"));
        for y in NAMES {
            out.push(format!("/{x}/{y}"));
            for z in NAMES {
                out.push(format!("/{x}/{y}/{z}"));
            }
        }
    }
    out
}

fn path_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(0..3usize, 1..=3)
        .prop_map(|v| v.iter().map(|&i| format!("/{}", NAMES[i])).collect())
}

/// Symlink targets: absolute paths, relative names, `..`, the root.
fn target_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => path_strategy(),
        1 => prop::sample::select(vec!["a", "b", "c", "../a", "..", "/", "b/c", "."]).prop_map(str::to_string),
    ]
}

fn op_strategy() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0..8usize).prop_map(|image| Op::Create { image }),
        4 => (0..8usize, path_strategy(), any::<u8>()).prop_map(|(c, p, byte)| Op::Write { c, p, byte }),
        2 => (0..8usize, path_strategy(), any::<u8>()).prop_map(|(c, p, byte)| Op::Append { c, p, byte }),
        3 => (0..8usize, path_strategy()).prop_map(|(c, p)| Op::Mkdir { c, p }),
        1 => (0..8usize, path_strategy()).prop_map(|(c, p)| Op::MkdirAll { c, p }),
        1 => (0..8usize, path_strategy()).prop_map(|(c, p)| Op::Touch { c, p }),
        3 => (0..8usize, path_strategy(), any::<bool>()).prop_map(|(c, p, recursive)| Op::Delete { c, p, recursive }),
        2 => (0..8usize, path_strategy(), path_strategy()).prop_map(|(c, from, to)| Op::Rename { c, from, to }),
        2 => (0..8usize, target_strategy(), path_strategy()).prop_map(|(c, target, p)| Op::Symlink { c, target, p }),
        1 => (0..8usize).prop_map(|c| Op::Commit { c }),
    ]
}

fn parent(p: &str) -> &str {
    match p.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &p[..i],
    }
}

fn child(dir: &str, name: &str) -> String {
    if dir == "/" {
        format!("/{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// Path resolution over the model, as POSIX does it: symlinks in
/// intermediate components are followed, the last one only with
/// `follow_last`; at most 40 hops.
fn resolve(m: &Model, p: &str, follow_last: bool) -> Result<String, FsError> {
    let mut pending: Vec<String> = p
        .split('/')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .rev()
        .collect();
    let mut cur = "/".to_string();
    let mut hops = 0;
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
        match m.get(&next) {
            Some(Node::Symlink(t)) if !last || follow_last => {
                hops += 1;
                if hops > 40 {
                    return Err(FsError::TooManyLinks);
                }
                pending.extend(
                    t.split('/')
                        .filter(|c| !c.is_empty())
                        .rev()
                        .map(str::to_string),
                );
                if t.starts_with('/') {
                    cur = "/".to_string();
                }
            }
            Some(Node::Dir) => cur = next,
            Some(_) if !last => return Err(FsError::NotADirectory),
            None if !last => return Err(FsError::NotFound),
            _ => cur = next,
        }
    }
    Ok(cur)
}

fn below<'a>(m: &'a Model, p: &str) -> impl Iterator<Item = &'a String> {
    let prefix = format!("{p}/");
    m.keys().filter(move |k| k.starts_with(&prefix))
}

fn remove_tree(m: &mut Model, p: &str) {
    let doomed: Vec<String> = below(m, p).cloned().collect();
    for d in doomed {
        m.remove(&d);
    }
    m.remove(p);
}

/// The model's version of each operation, with the errors a POSIX-like
/// filesystem gives.
fn model_write(m: &mut Model, p: &str, data: Vec<u8>, append: bool) -> Result<(), FsError> {
    let r = resolve(m, p, true)?;
    if r == "/" {
        return Err(FsError::IsADirectory);
    }
    match m.get_mut(&r) {
        Some(Node::Dir) => Err(FsError::IsADirectory),
        Some(Node::File(old)) => {
            if append {
                old.extend(data);
            } else {
                *old = data;
            }
            Ok(())
        }
        _ => {
            m.insert(r, Node::File(data));
            Ok(())
        }
    }
}

fn model_mkdir(m: &mut Model, p: &str) -> Result<(), FsError> {
    let r = resolve(m, p, false)?;
    if r == "/" || m.contains_key(&r) {
        return Err(FsError::Exists);
    }
    m.insert(r, Node::Dir);
    Ok(())
}

fn model_mkdir_all(m: &mut Model, p: &str) -> Result<(), FsError> {
    let mut cur = String::new();
    for c in p.split('/').filter(|c| !c.is_empty()) {
        cur.push('/');
        cur.push_str(c);
        let r = resolve(m, &cur, true)?;
        match m.get(&r) {
            Some(Node::Dir) => {}
            Some(_) => return Err(FsError::NotADirectory),
            None => model_mkdir(m, &r)?,
        }
        cur = r;
    }
    Ok(())
}

fn model_touch(m: &mut Model, p: &str) -> Result<(), FsError> {
    let r = resolve(m, p, true)?;
    if r != "/" {
        m.entry(r).or_insert(Node::File(Vec::new()));
    }
    Ok(())
}

fn model_symlink(m: &mut Model, target: &str, p: &str) -> Result<(), FsError> {
    let r = resolve(m, p, false)?;
    if r == "/" || m.contains_key(&r) {
        return Err(FsError::Exists);
    }
    m.insert(r, Node::Symlink(target.to_string()));
    Ok(())
}

fn model_delete(m: &mut Model, p: &str, recursive: bool) -> Result<(), FsError> {
    let r = resolve(m, p, false)?;
    match m.get(&r) {
        None => Err(FsError::NotFound),
        Some(Node::Dir) if !recursive && below(m, &r).next().is_some() => Err(FsError::NotEmpty),
        Some(_) => {
            remove_tree(m, &r);
            Ok(())
        }
    }
}

/// `rename(2)` semantics: an existing target of the same type (an empty
/// directory, or a non-directory) is replaced by the source tree.
fn model_rename(m: &mut Model, from: &str, to: &str) -> Result<(), FsError> {
    let from = resolve(m, from, false)?;
    let to = resolve(m, to, false)?;
    let Some(node) = m.get(&from).cloned() else {
        return Err(FsError::NotFound);
    };
    if from == to {
        return Ok(());
    }
    if to.starts_with(&format!("{from}/")) {
        return Err(FsError::InvalidArgument);
    }
    let is_dir = |n: &Node| *n == Node::Dir;
    if let Some(dst) = m.get(&to) {
        match (is_dir(&node), is_dir(dst)) {
            (true, false) => return Err(FsError::NotADirectory),
            (false, true) => return Err(FsError::IsADirectory),
            (true, true) if below(m, &to).next().is_some() => return Err(FsError::NotEmpty),
            _ => {}
        }
    }
    let moved: Vec<(String, Node)> = below(m, &from)
        .map(|k| (format!("{to}{}", &k[from.len()..]), m[k].clone()))
        .collect();
    remove_tree(m, &to);
    remove_tree(m, &from);
    m.insert(to, node);
    m.extend(moved);
    Ok(())
}

/// The union view of `fs` as a model, via `walk` (which uses the merged
/// directory listings).
fn snapshot(fs: &UnionFs) -> Model {
    let mut out = Model::new();
    for (p, e) in fs.walk("/").expect("root walks") {
        if p == "/" {
            continue;
        }
        let node = match e {
            Entry::File { content, .. } => Node::File(content.read()),
            Entry::Dir { .. } => Node::Dir,
            Entry::Symlink { target, .. } => Node::Symlink(target),
            other => panic!("unexpected entry at {p}: {other:?}"),
        };
        out.insert(p, node);
    }
    out
}

fn check_view(fs: &UnionFs, m: &Model, ctx: &str) {
    assert_eq!(&snapshot(fs), m, "{ctx}: union view differs from the model");
    for p in universe() {
        assert_eq!(
            fs.lookup(&p).is_some(),
            m.contains_key(&p),
            "{ctx}: lookup({p})"
        );
    }
    // listings of every directory (and the root) merge correctly
    let dirs = std::iter::once("/".to_string()).chain(
        m.iter()
            .filter(|(_, n)| **n == Node::Dir)
            .map(|(p, _)| p.clone()),
    );
    for d in dirs {
        let got: Vec<(String, NodeKind)> = fs
            .read_dir(&d)
            .expect("directory lists")
            .into_iter()
            .map(|e| (e.name, e.kind))
            .collect();
        let want: Vec<(String, NodeKind)> = m
            .iter()
            .filter(|(p, _)| p.as_str() != d && parent(p) == d)
            .map(|(p, n)| {
                (
                    p.rsplit('/').next().unwrap_or_default().to_string(),
                    match n {
                        Node::Dir => NodeKind::Dir,
                        Node::File(_) => NodeKind::File,
                        Node::Symlink(_) => NodeKind::Symlink,
                    },
                )
            })
            .collect();
        assert_eq!(got, want, "{ctx}: read_dir({d})");
    }
}

/// `diff()` against the image the container was created from.
fn check_diff(fs: &UnionFs, m: &Model, base: &Model, ctx: &str) {
    let diff = fs.diff();
    let mut listed: BTreeMap<String, ChangeKind> = BTreeMap::new();
    for (i, ch) in diff.iter().enumerate() {
        let p = ch.path.as_str();
        match ch.kind {
            ChangeKind::Added => assert!(
                m.contains_key(p) && !base.contains_key(p),
                "{ctx}: A {p} but model {:?} base {:?}",
                m.get(p),
                base.get(p)
            ),
            ChangeKind::Changed => assert!(
                m.contains_key(p) && base.contains_key(p),
                "{ctx}: C {p} but model {:?} base {:?}",
                m.get(p),
                base.get(p)
            ),
            ChangeKind::Deleted => assert!(
                !m.contains_key(p) && base.contains_key(p),
                "{ctx}: D {p} but model {:?} base {:?}",
                m.get(p),
                base.get(p)
            ),
        }
        let par = parent(p);
        if par != "/" {
            assert!(
                diff[..i]
                    .iter()
                    .any(|c| c.path == par && c.kind != ChangeKind::Deleted),
                "{ctx}: {p} listed without its parent before it: {diff:?}"
            );
        }
        listed.insert(ch.path.clone(), ch.kind);
    }
    // completeness: every difference from the image is reported
    for p in universe() {
        match (base.get(&p), m.get(&p)) {
            (a, b) if a == b => {}
            (_, Some(_)) => assert!(
                matches!(
                    listed.get(&p),
                    Some(ChangeKind::Added) | Some(ChangeKind::Changed)
                ),
                "{ctx}: {p} changed but diff says {:?}",
                listed.get(&p)
            ),
            (Some(_), None) => {
                let mut q = p.as_str();
                let mut found = false;
                while q != "/" {
                    if listed.get(q) == Some(&ChangeKind::Deleted) {
                        found = true;
                        break;
                    }
                    q = parent(q);
                }
                assert!(found, "{ctx}: {p} deleted but not reported: {diff:?}");
            }
            (None, None) => unreachable!(),
        }
    }
}

struct Image {
    layers: Vec<Arc<Layer>>,
    model: Model,
    diff_ids: Vec<String>,
}

struct Container {
    fs: UnionFs,
    model: Model,
    image: usize,
}

fn same_kind(a: &Result<(), FsError>, b: &Result<(), FsError>) -> bool {
    match (a, b) {
        (Ok(()), Ok(())) => true,
        (Err(x), Err(y)) => x == y,
        _ => false,
    }
}

/// Applies one data operation to both the filesystem and the model.
fn apply(fs: &mut UnionFs, m: &mut Model, op: &Op, t: i64) -> String {
    let (got, want, what) = match op {
        Op::Write { p, byte, .. } => (
            fs.write_file(p, Content::bytes(vec![*byte]), t),
            model_write(m, p, vec![*byte], false),
            format!("write {p}"),
        ),
        Op::Append { p, byte, .. } => (
            fs.append_file(p, &[*byte], t),
            model_write(m, p, vec![*byte], true),
            format!("append {p}"),
        ),
        Op::Mkdir { p, .. } => (
            fs.mkdir(p, 0o755, t),
            model_mkdir(m, p),
            format!("mkdir {p}"),
        ),
        Op::MkdirAll { p, .. } => (
            fs.mkdir_all(p, 0o755, t),
            model_mkdir_all(m, p),
            format!("mkdir -p {p}"),
        ),
        Op::Touch { p, .. } => (fs.touch(p, t), model_touch(m, p), format!("touch {p}")),
        Op::Symlink { target, p, .. } => (
            fs.symlink(target, p, t),
            model_symlink(m, target, p),
            format!("ln -s {target} {p}"),
        ),
        Op::Delete { p, recursive, .. } => (
            fs.remove(p, *recursive),
            model_delete(m, p, *recursive),
            format!("rm {p} (recursive {recursive})"),
        ),
        Op::Rename { from, to, .. } => (
            fs.rename(from, to),
            model_rename(m, from, to),
            format!("mv {from} {to}"),
        ),
        Op::Create { .. } | Op::Commit { .. } => unreachable!(),
    };
    assert!(
        same_kind(&got, &want),
        "{what}: filesystem says {got:?}, model says {want:?}"
    );
    what
}

/// The base image: three layers with files, a deleted file (whiteout), a
/// replaced file and a directory removed and recreated (opaque).
fn base_image() -> Image {
    let mut layers: Vec<Arc<Layer>> = Vec::new();
    let mut model = Model::new();
    let steps: [&[Op]; 3] = [
        &[
            Op::Mkdir {
                c: 0,
                p: "/a".into(),
            },
            Op::Write {
                c: 0,
                p: "/a/b".into(),
                byte: 1,
            },
            Op::Mkdir {
                c: 0,
                p: "/c".into(),
            },
            Op::Mkdir {
                c: 0,
                p: "/c/a".into(),
            },
            Op::Write {
                c: 0,
                p: "/c/a/b".into(),
                byte: 2,
            },
            Op::Write {
                c: 0,
                p: "/c/b".into(),
                byte: 3,
            },
        ],
        &[
            Op::Delete {
                c: 0,
                p: "/a/b".into(),
                recursive: false,
            },
            Op::Write {
                c: 0,
                p: "/b".into(),
                byte: 4,
            },
            Op::Mkdir {
                c: 0,
                p: "/a/c".into(),
            },
            Op::Write {
                c: 0,
                p: "/c/a/b".into(),
                byte: 5,
            },
        ],
        &[
            Op::Delete {
                c: 0,
                p: "/c".into(),
                recursive: true,
            },
            Op::Mkdir {
                c: 0,
                p: "/c".into(),
            },
            Op::Write {
                c: 0,
                p: "/c/c".into(),
                byte: 6,
            },
            Op::Write {
                c: 0,
                p: "/a/c/a".into(),
                byte: 7,
            },
        ],
    ];
    for step in steps {
        let mut fs = UnionFs::new(layers.clone());
        for op in step {
            apply(&mut fs, &mut model, op, 1);
        }
        layers.push(Arc::new(fs.take_upper()));
    }
    let diff_ids = layers.iter().map(|l| l.diff_id().to_string()).collect();
    Image {
        layers,
        model,
        diff_ids,
    }
}

fn run(ops: &[Op]) {
    let mut images = vec![base_image()];
    let mut containers = vec![Container {
        fs: UnionFs::new(images[0].layers.clone()),
        model: images[0].model.clone(),
        image: 0,
    }];
    check_view(&containers[0].fs, &containers[0].model, "fresh container");
    for (t, op) in ops.iter().enumerate() {
        let t = t as i64 + 2;
        match op {
            Op::Create { image } => {
                let i = image % images.len();
                containers.push(Container {
                    fs: UnionFs::new(images[i].layers.clone()),
                    model: images[i].model.clone(),
                    image: i,
                });
            }
            Op::Commit { c } => {
                let c = &containers[c % containers.len()];
                let layer = Arc::new(c.fs.upper().clone());
                let mut layers = c.fs.lower().to_vec();
                layers.push(layer);
                let diff_ids = layers.iter().map(|l| l.diff_id().to_string()).collect();
                images.push(Image {
                    layers,
                    model: c.model.clone(),
                    diff_ids,
                });
                let img = images.len() - 1;
                // a container of the new image sees the committed state
                let fresh = UnionFs::new(images[img].layers.clone());
                check_view(&fresh, &images[img].model, "container of a committed image");
                assert!(fresh.diff().is_empty(), "a new container has no changes");
            }
            Op::Write { c, .. }
            | Op::Append { c, .. }
            | Op::Mkdir { c, .. }
            | Op::MkdirAll { c, .. }
            | Op::Touch { c, .. }
            | Op::Symlink { c, .. }
            | Op::Delete { c, .. }
            | Op::Rename { c, .. } => {
                let n = containers.len();
                let k = c % n;
                let ctn = &mut containers[k];
                let what = apply(&mut ctn.fs, &mut ctn.model, op, t);
                let ctx = format!("container {k} after {what}");
                check_view(&ctn.fs, &ctn.model, &ctx);
                check_diff(&ctn.fs, &ctn.model, &images[ctn.image].model, &ctx);
            }
        }
    }
    // other containers were not affected by each other's writes, and a
    // container survives the sandbox's save/load (the writable layer is
    // serialised, the image layers are re-linked)
    for (k, c) in containers.iter().enumerate() {
        check_view(&c.fs, &c.model, &format!("container {k} at the end"));
        let json = serde_json::to_string(&c.fs).expect("serialises");
        let mut back: UnionFs = serde_json::from_str(&json).expect("deserialises");
        back.set_lower(c.fs.lower().to_vec());
        check_view(&back, &c.model, &format!("container {k} after save/load"));
        assert_eq!(
            back.diff(),
            c.fs.diff(),
            "container {k}: diff after save/load"
        );
    }
    // image layers never change
    for img in &images {
        let now: Vec<String> = img.layers.iter().map(|l| l.diff_id().to_string()).collect();
        assert_eq!(now, img.diff_ids, "an image layer changed");
        for l in &img.layers {
            let back: Layer = serde_json::from_str(&serde_json::to_string(&**l).expect("layer"))
                .expect("layer loads");
            assert_eq!(
                back.diff_id(),
                l.diff_id(),
                "a layer changed through save/load"
            );
        }
        check_view(
            &UnionFs::new(img.layers.clone()),
            &img.model,
            "image at the end",
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn union_fs_agrees_with_model(ops in prop::collection::vec(op_strategy(), 1..40)) {
        run(&ops);
    }
}

#[test]
fn base_image_is_as_built() {
    let img = base_image();
    let fs = UnionFs::new(img.layers.clone());
    check_view(&fs, &img.model, "base");
    assert_eq!(
        img.model.keys().cloned().collect::<Vec<_>>(),
        ["/a", "/a/c", "/a/c/a", "/b", "/c", "/c/c"]
    );
}
