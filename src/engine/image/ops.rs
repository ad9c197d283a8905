//! What the daemon does with images: resolve a name or ID, pull from a
//! registry (with the progress stream), tag, delete (untag vs delete, the
//! conflict rules of `image_delete.go`), history, commit, prune, disk usage.
//!
//! Entry points other areas call:
//! - [`resolve_image`]`(engine, h, "ubuntu")` → image ID, by `name[:tag]`,
//!   name@digest, full ID, `sha256:` ID or unique ID prefix; the error is
//!   `No such image: ubuntu:latest` (404).
//! - [`pull`]`(engine, h, &named, &mut |line| …)` pulls `named` (a
//!   [`Named`] from [`parse_normalized`]) writing each stream line (without
//!   `\n`) to the callback: `latest: Pulling from library/ubuntu`, layer
//!   lines, `Digest: …`, `Status: …`. Returns the image ID. `docker run`
//!   calls it after printing `Unable to find image 'x:latest' locally`.
//! - [`pull_str`] does the same from the text the user typed.
//! - [`release_unused_layers`] after removing containers: frees the layers
//!   of images deleted (`rmi -f`) while those containers still used them
//!   (kept in `ImageStore::retained` until then).
//! - [`commit`], [`remove`], [`prune`], [`history`], [`disk_usage`] back the
//!   commands of `cli::image`; [`chain_ids`] gives the layer chain IDs that
//!   `Deleted:` lines and `GraphDriver` paths use.

use super::name::{parse_normalized, Named};
use super::store::Image;
use super::{ContainerConfig, HistoryEntry, ImageConfig, RootFs};
use crate::engine::clock::{rfc3339_nanos, Millis};
use crate::engine::digest::{truncate_id, Digest};
use crate::engine::fs::Layer;
use crate::engine::{Engine, EngineError, HostId};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// `No such image: X`, with `:latest` added to a bare name as Docker does.
pub fn no_such_image(key: &str) -> EngineError {
    match parse_normalized(key) {
        Ok(n) => EngineError::NoSuchImage(n.with_default_tag().familiar()),
        Err(_) => EngineError::NoSuchImage(key.to_string()),
    }
}

/// Resolves a name, tag, digest reference, ID or ID prefix to an image ID.
pub fn resolve_image(engine: &Engine, h: HostId, key: &str) -> Result<Digest, EngineError> {
    let store = &engine.hosts[h].daemon.images;
    if let Some(d) = Digest::parse(key) {
        if store.images.contains_key(&d) {
            return Ok(d);
        }
    }
    if let Ok(n) = parse_normalized(key) {
        if let Some(id) = store.refs.get(&n.with_default_tag().full()) {
            return Ok(id.clone());
        }
    }
    let hex = key.strip_prefix("sha256:").unwrap_or(key);
    if !hex.is_empty()
        && hex.len() <= 64
        && hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        let mut m = store.images.keys().filter(|id| id.hex().starts_with(hex));
        if let (Some(id), None) = (m.next(), m.next()) {
            return Ok(id.clone());
        }
    }
    match parse_normalized(key) {
        Err(e) => Err(EngineError::bad_request(e)),
        Ok(_) => Err(no_such_image(key)),
    }
}

/// Parses what the user typed and pulls it (see [`pull`]).
pub fn pull_str(
    engine: &mut Engine,
    h: HostId,
    reference: &str,
    out: &mut dyn FnMut(&str),
) -> Result<Digest, EngineError> {
    let n = parse_normalized(reference).map_err(|e| EngineError::msg(400, e))?;
    pull(engine, h, &n.with_default_tag(), out)
}

/// The Engine API query of a pull (`fromImage=docker.io%2Flibrary%2Fubuntu&tag=latest`).
pub fn pull_query(n: &Named) -> String {
    let tag = n
        .digest
        .clone()
        .or_else(|| n.tag.clone())
        .unwrap_or_default();
    format!(
        "fromImage={}&tag={}",
        url_encode(&n.full_name()),
        url_encode(&tag)
    )
}

/// `url.QueryEscape`.
pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Pulls `n` (normalised, with a tag or digest) into host `h`'s store,
/// writing the daemon's progress stream to `out` one line at a time.
pub fn pull(
    engine: &mut Engine,
    h: HostId,
    n: &Named,
    out: &mut dyn FnMut(&str),
) -> Result<Digest, EngineError> {
    let reference = n
        .digest
        .clone()
        .or_else(|| n.tag.clone())
        .unwrap_or_default();
    let (manifest, blobs) = crate::engine::registry::client::fetch(engine, h, n)?;
    let id = manifest.config.id();
    let store = &mut engine.hosts[h].daemon.images;
    out(&format!("{reference}: Pulling from {}", n.path));
    if !store.images.contains_key(&id) {
        let mut downloading = Vec::new();
        for desc in &manifest.layers {
            let short = truncate_id(desc.digest.as_str()).to_string();
            if store.layers.contains(&desc.diff_id) {
                out(&format!("{short}: Already exists"));
            } else {
                out(&format!("{short}: Pulling fs layer"));
                downloading.push(short);
            }
        }
        for short in downloading.iter().skip(3) {
            out(&format!("{short}: Waiting"));
        }
        for short in &downloading {
            out(&format!("{short}: Verifying Checksum"));
            out(&format!("{short}: Download complete"));
        }
        for short in &downloading {
            out(&format!("{short}: Pull complete"));
        }
        for (desc, blob) in manifest.layers.iter().zip(blobs) {
            if let Some(l) = blob {
                store.layers.insert_with_id(desc.diff_id.clone(), l);
            }
        }
        store.images.insert(
            id.clone(),
            Image {
                id: id.clone(),
                config: manifest.config.clone(),
                parent: None,
                repo_digests: Vec::new(),
            },
        );
    }
    out(&format!("Digest: {}", manifest.digest));
    let digest_ref = format!("{}@{}", n.full_name(), manifest.digest);
    let mut changed = store.refs.insert(digest_ref, id.clone()).as_ref() != Some(&id);
    if n.digest.is_none() {
        let before = store.refs.insert(n.full(), id.clone());
        changed |= before.as_ref() != Some(&id);
    } else {
        changed = changed || !store.images.contains_key(&id);
    }
    let status = if changed {
        format!("Status: Downloaded newer image for {}", n.familiar())
    } else {
        format!("Status: Image is up to date for {}", n.familiar())
    };
    out(&status);
    Ok(id)
}

/// `RepoTags` of an image (familiar, sorted).
pub fn repo_tags(engine: &Engine, h: HostId, id: &Digest) -> Vec<String> {
    refs_of(engine, h, id)
        .into_iter()
        .filter(|n| n.digest.is_none())
        .map(|n| n.familiar())
        .collect()
}

/// `RepoDigests` of an image (familiar, sorted).
pub fn repo_digests(engine: &Engine, h: HostId, id: &Digest) -> Vec<String> {
    refs_of(engine, h, id)
        .into_iter()
        .filter(|n| n.digest.is_some())
        .map(|n| n.familiar())
        .collect()
}

/// References pointing at an image, parsed.
pub fn refs_of(engine: &Engine, h: HostId, id: &Digest) -> Vec<Named> {
    engine.hosts[h]
        .daemon
        .images
        .refs
        .iter()
        .filter(|(_, v)| *v == id)
        .filter_map(|(k, _)| parse_normalized(k).ok())
        .collect()
}

/// Points `target` at the image `source` resolves to.
pub fn tag(
    engine: &mut Engine,
    h: HostId,
    source: &str,
    target: &Named,
) -> Result<(), EngineError> {
    let id = resolve_image(engine, h, source)?;
    engine.hosts[h]
        .daemon
        .images
        .refs
        .insert(target.clone().with_default_tag().full(), id);
    Ok(())
}

/// Creation time of an image.
pub fn created_ms(img: &Image) -> Millis {
    super::parse_rfc3339(&img.config.created).unwrap_or(0)
}

/// Size of an image: the sum of its layers.
pub fn image_size(engine: &Engine, h: HostId, id: &Digest) -> u64 {
    engine.hosts[h].daemon.images.size_of(id)
}

/// Layer chain IDs of an image, bottom first.
pub fn chain_ids(diff_ids: &[Digest]) -> Vec<Digest> {
    let mut out: Vec<Digest> = Vec::new();
    for d in diff_ids {
        let c = match out.last() {
            None => d.clone(),
            Some(p) => Digest::of(format!("{p} {d}").as_bytes()),
        };
        out.push(c);
    }
    out
}

/// One line of `docker rmi` output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeleteRecord {
    Untagged(String),
    Deleted(Digest),
}

struct Conflict {
    id: Digest,
    hard: bool,
    used: bool,
    message: String,
}

impl Conflict {
    fn error(&self) -> EngineError {
        EngineError::conflict(format!(
            "conflict: unable to delete {} ({}) - {}",
            self.id.short(),
            if self.hard {
                "cannot be forced"
            } else {
                "must be forced"
            },
            self.message
        ))
    }
}

const HARD: u8 = 0b0011;
const SOFT: u8 = 0b1100;
const CHILD: u8 = 0b0001;
const RUNNING: u8 = 0b0010;
const REFERENCE: u8 = 0b0100;
const STOPPED: u8 = 0b1000;

fn check_conflict(engine: &Engine, h: HostId, id: &Digest, mask: u8) -> Option<Conflict> {
    let d = &engine.hosts[h].daemon;
    let c = |hard, used, message: String| {
        Some(Conflict {
            id: id.clone(),
            hard,
            used,
            message,
        })
    };
    if mask & CHILD != 0
        && d.images
            .images
            .values()
            .any(|i| i.parent.as_ref() == Some(id))
    {
        return c(true, false, "image has dependent child images".into());
    }
    if mask & RUNNING != 0 {
        if let Some(ct) = d
            .containers
            .by_id
            .values()
            .find(|c| &c.image == id && c.state.is_running())
        {
            return c(
                true,
                true,
                format!(
                    "image is being used by running container {}",
                    truncate_id(&ct.id)
                ),
            );
        }
    }
    if mask & REFERENCE != 0 && d.images.refs.values().any(|v| v == id) {
        return c(
            false,
            false,
            "image is referenced in multiple repositories".into(),
        );
    }
    if mask & STOPPED != 0 {
        if let Some(ct) = d
            .containers
            .by_id
            .values()
            .find(|c| &c.image == id && !c.state.is_running())
        {
            return c(
                false,
                true,
                format!(
                    "image is being used by stopped container {}",
                    truncate_id(&ct.id)
                ),
            );
        }
    }
    None
}

fn is_single_reference(refs: &[Named]) -> bool {
    let tags = refs.iter().filter(|r| r.digest.is_none()).count();
    tags <= 1
        && refs
            .windows(2)
            .all(|w| w[0].full_name() == w[1].full_name())
}

/// `isImageIDPrefix`: whether `key` designates the image by ID.
fn is_id_reference(id: &Digest, key: &str) -> bool {
    !key.is_empty() && (id.as_str().starts_with(key) || id.hex().starts_with(key))
}

/// `docker rmi`: the records Docker prints, or the conflict.
pub fn remove(
    engine: &mut Engine,
    h: HostId,
    key: &str,
    force: bool,
    prune: bool,
) -> Result<Vec<DeleteRecord>, EngineError> {
    let id = resolve_image(engine, h, key)?;
    let mut records = Vec::new();
    let mut refs = refs_of(engine, h, &id);
    let by_ref = !is_id_reference(&id, key);
    let mut quiet = false;
    if by_ref {
        let named = parse_normalized(key)
            .map_err(EngineError::bad_request)?
            .with_default_tag();
        if !force && is_single_reference(&refs) {
            if let Some(ct) = engine.hosts[h]
                .daemon
                .containers
                .by_id
                .values()
                .find(|c| c.image == id)
            {
                return Err(EngineError::conflict(format!(
                    "conflict: unable to remove repository reference {:?} (must force) - container {} is using its referenced image {}",
                    key,
                    truncate_id(&ct.id),
                    id.short()
                )));
            }
        }
        let store = &mut engine.hosts[h].daemon.images;
        store.refs.remove(&named.full());
        records.push(DeleteRecord::Untagged(named.familiar()));
        refs.retain(|r| r.full() != named.full());
        if named.digest.is_none()
            && !refs
                .iter()
                .any(|r| r.digest.is_none() && r.full_name() == named.full_name())
        {
            let mut remaining = Vec::new();
            for r in refs {
                if r.digest.is_some() && r.full_name() == named.full_name() {
                    store.refs.remove(&r.full());
                    records.push(DeleteRecord::Untagged(r.familiar()));
                } else {
                    remaining.push(r);
                }
            }
            refs = remaining;
        }
        if !refs.is_empty() {
            return Ok(records);
        }
        quiet = true;
    } else if is_single_reference(&refs) {
        let mut mask = HARD;
        if !force {
            mask |= SOFT & !REFERENCE;
        }
        if let Some(c) = check_conflict(engine, h, &id, mask) {
            return Err(c.error());
        }
        let store = &mut engine.hosts[h].daemon.images;
        for r in refs {
            store.refs.remove(&r.full());
            records.push(DeleteRecord::Untagged(r.familiar()));
        }
    }
    delete_helper(engine, h, &id, &mut records, force, prune, quiet)?;
    Ok(records)
}

fn delete_helper(
    engine: &mut Engine,
    h: HostId,
    id: &Digest,
    records: &mut Vec<DeleteRecord>,
    force: bool,
    prune: bool,
    quiet: bool,
) -> Result<(), EngineError> {
    let mask = if force { HARD } else { HARD | SOFT };
    if let Some(c) = check_conflict(engine, h, id, mask) {
        let dangling = !engine.hosts[h].daemon.images.refs.values().any(|v| v == id);
        if quiet && (!dangling || c.used) {
            return Ok(());
        }
        return Err(c.error());
    }
    let parent = engine.hosts[h]
        .daemon
        .images
        .images
        .get(id)
        .and_then(|i| i.parent.clone());
    // removeAllReferencesToImageID
    for r in refs_of(engine, h, id) {
        engine.hosts[h].daemon.images.refs.remove(&r.full());
        records.push(DeleteRecord::Untagged(r.familiar()));
    }
    let freed = delete_image(engine, h, id);
    records.push(DeleteRecord::Deleted(id.clone()));
    records.extend(freed.into_iter().map(DeleteRecord::Deleted));
    match parent {
        Some(p) if prune && engine.hosts[h].daemon.images.images.contains_key(&p) => {
            delete_helper(engine, h, &p, records, false, true, true)
        }
        _ => Ok(()),
    }
}

/// Removes an image record and every layer no other image or container
/// uses; returns the freed layers' chain IDs, top first.
fn delete_image(engine: &mut Engine, h: HostId, id: &Digest) -> Vec<Digest> {
    let d = &mut engine.hosts[h].daemon;
    let Some(img) = d.images.images.remove(id) else {
        return Vec::new();
    };
    d.images.refs.retain(|_, v| v != id);
    if d.containers.by_id.values().any(|c| &c.image == id) {
        d.images
            .retained
            .insert(id.clone(), img.config.rootfs.diff_ids.clone());
    }
    let used: BTreeSet<&Digest> = d
        .images
        .images
        .values()
        .flat_map(|i| i.config.rootfs.diff_ids.iter())
        .collect();
    let diff_ids = &img.config.rootfs.diff_ids;
    let chains = chain_ids(diff_ids);
    let mut freed = Vec::new();
    let mut to_remove = Vec::new();
    for (i, dd) in diff_ids.iter().enumerate().rev() {
        if used.contains(dd) || to_remove.contains(dd) {
            // a layer below one that stays is needed by it as well
            break;
        }
        let held_by_container = d.images.layers.get(dd).is_some_and(|l| {
            d.containers
                .by_id
                .values()
                .any(|c| c.fs.lower().iter().any(|x| Arc::ptr_eq(x, l)))
        });
        if held_by_container {
            break;
        }
        to_remove.push(dd.clone());
        freed.push(chains[i].clone());
    }
    for dd in to_remove {
        d.images.layers.remove(&dd);
    }
    freed
}

/// Drops layers no image and no container uses any more (call after
/// removing containers); returns how many bytes were freed.
pub fn release_unused_layers(engine: &mut Engine, h: HostId) -> u64 {
    let d = &mut engine.hosts[h].daemon;
    let in_use: BTreeSet<Digest> = d
        .containers
        .by_id
        .values()
        .map(|c| c.image.clone())
        .collect();
    d.images.retained.retain(|id, _| in_use.contains(id));
    let needed: BTreeSet<Digest> = d
        .images
        .images
        .values()
        .flat_map(|i| i.config.rootfs.diff_ids.iter().cloned())
        .chain(d.images.retained.values().flatten().cloned())
        .collect();
    let unused: Vec<Digest> = d
        .images
        .layers
        .iter()
        .map(|(k, _)| k.clone())
        .filter(|k| !needed.contains(k))
        .collect();
    let mut freed = 0;
    for k in unused {
        if let Some(l) = d.images.layers.remove(&k) {
            freed += l.size();
        }
    }
    freed
}

/// One row of `docker history`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryRow {
    /// `None` prints `<missing>`.
    pub id: Option<Digest>,
    pub created: Millis,
    pub created_by: String,
    pub size: u64,
    pub comment: String,
    pub tags: Vec<String>,
}

/// `GET /images/{name}/history`, newest first.
pub fn history(engine: &Engine, h: HostId, id: &Digest) -> Vec<HistoryRow> {
    let store = &engine.hosts[h].daemon.images;
    let Some(img) = store.images.get(id) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let mut layer_i = 0;
    for e in &img.config.history {
        let size = if e.empty_layer {
            0
        } else {
            let s = img
                .config
                .rootfs
                .diff_ids
                .get(layer_i)
                .and_then(|d| store.layers.get(d))
                .map_or(0, |l| l.size());
            layer_i += 1;
            s
        };
        rows.push(HistoryRow {
            id: None,
            created: super::parse_rfc3339(&e.created).unwrap_or(0),
            created_by: e.created_by.clone(),
            size,
            comment: e.comment.clone(),
            tags: Vec::new(),
        });
    }
    rows.reverse();
    let mut cur = Some(id.clone());
    for row in rows.iter_mut() {
        let Some(c) = cur.clone() else { break };
        let Some(ci) = store.images.get(&c) else {
            break;
        };
        row.tags = repo_tags(engine, h, &c);
        row.id = Some(c);
        cur = ci.parent.clone();
    }
    rows
}

/// Options of `docker commit`.
#[derive(Clone, Debug, Default)]
pub struct CommitOptions {
    pub author: String,
    pub comment: String,
    /// `-c` lines, Dockerfile syntax.
    pub changes: Vec<String>,
    pub pause: bool,
}

/// Applies `-c` changes to a config (`CMD ENTRYPOINT ENV EXPOSE HEALTHCHECK
/// LABEL ONBUILD STOPSIGNAL USER VOLUME WORKDIR`).
pub fn apply_changes(cfg: &mut ContainerConfig, changes: &[String]) -> Result<(), EngineError> {
    for line in changes {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (instr, rest) = line
            .split_once(char::is_whitespace)
            .map(|(a, b)| (a, b.trim()))
            .unwrap_or((line, ""));
        let lower = instr.to_ascii_lowercase();
        let json_or_shell = |rest: &str| -> Vec<String> {
            serde_json::from_str::<Vec<String>>(rest)
                .unwrap_or_else(|_| vec!["/bin/sh".into(), "-c".into(), rest.to_string()])
        };
        match lower.as_str() {
            "cmd" => cfg.cmd = Some(json_or_shell(rest)),
            "entrypoint" => cfg.entrypoint = Some(json_or_shell(rest)),
            "env" | "label" => {
                let pairs: Vec<(String, String)> = if rest.contains('=') {
                    split_words(rest)
                        .into_iter()
                        .filter_map(|w| {
                            w.split_once('=')
                                .map(|(k, v)| (k.to_string(), v.to_string()))
                        })
                        .collect()
                } else {
                    match rest.split_once(char::is_whitespace) {
                        Some((k, v)) => vec![(k.to_string(), v.trim().to_string())],
                        None => {
                            return Err(EngineError::bad_request(format!(
                                "{} must have two arguments",
                                lower.to_uppercase()
                            )))
                        }
                    }
                };
                for (k, v) in pairs {
                    if lower == "env" {
                        cfg.env.retain(|e| e.split('=').next() != Some(&k));
                        cfg.env.push(format!("{k}={v}"));
                    } else {
                        cfg.labels.insert(k, v);
                    }
                }
            }
            "expose" => {
                for p in rest.split_whitespace() {
                    let p = if p.contains('/') {
                        p.to_string()
                    } else {
                        format!("{p}/tcp")
                    };
                    cfg.exposed_ports.insert(p, serde_json::json!({}));
                }
            }
            "volume" => {
                let vols = serde_json::from_str::<Vec<String>>(rest)
                    .unwrap_or_else(|_| rest.split_whitespace().map(str::to_string).collect());
                for v in vols {
                    cfg.volumes.insert(v, serde_json::json!({}));
                }
            }
            "workdir" => cfg.working_dir = rest.to_string(),
            "user" => cfg.user = rest.to_string(),
            "stopsignal" => cfg.stop_signal = rest.to_string(),
            "onbuild" => cfg.on_build.push(rest.to_string()),
            "healthcheck" => {
                cfg.healthcheck = Some(serde_json::json!({"Test": json_or_shell(rest)}))
            }
            _ => {
                return Err(EngineError::bad_request(format!(
                    "{instr} is not a valid change command"
                )))
            }
        }
    }
    Ok(())
}

fn split_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    for ch in s.chars() {
        match (quote, ch) {
            (Some(q), c) if c == q => quote = None,
            (None, '"') | (None, '\'') => quote = Some(ch),
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            (_, c) => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `docker commit`: a new image from a container's writable layer on top of
/// its image. Tags it as `reference` when given.
pub fn commit(
    engine: &mut Engine,
    h: HostId,
    container: &str,
    reference: Option<&Named>,
    opts: &CommitOptions,
) -> Result<Digest, EngineError> {
    let now = engine.clock.now();
    let d = &engine.hosts[h].daemon;
    let ct = d
        .containers
        .find(container)
        .ok_or_else(|| EngineError::NoSuchContainer(container.to_string()))?;
    let base = d
        .images
        .images
        .get(&ct.image)
        .cloned()
        .ok_or_else(|| EngineError::NoSuchImage(ct.image.to_string()))?;
    let mut cfg = ct.config.clone();
    apply_changes(&mut cfg, &opts.changes)?;
    let created_by = ct.config.cmd.clone().unwrap_or_default().join(" ");
    let upper: Layer = ct.fs.upper().clone();
    let empty = upper.is_empty();
    let mut config: ImageConfig = base.config.clone();
    config.config = cfg;
    config.author = opts.author.clone();
    config.created = rfc3339_nanos(now);
    config.history.push(HistoryEntry {
        created: config.created.clone(),
        created_by,
        author: opts.author.clone(),
        comment: opts.comment.clone(),
        empty_layer: empty,
    });
    let store = &mut engine.hosts[h].daemon.images;
    if !empty {
        let layer = Arc::new(upper);
        let diff = store.layers.insert(layer);
        config.rootfs = RootFs {
            kind: "layers".into(),
            diff_ids: config
                .rootfs
                .diff_ids
                .iter()
                .cloned()
                .chain([diff])
                .collect(),
        };
    }
    let id = config.id();
    store.images.insert(
        id.clone(),
        Image {
            id: id.clone(),
            config,
            parent: Some(base.id.clone()),
            repo_digests: Vec::new(),
        },
    );
    if let Some(r) = reference {
        store
            .refs
            .insert(r.clone().with_default_tag().full(), id.clone());
    }
    Ok(id)
}

/// Images no container uses; with `all` every unused image, else only
/// dangling ones (no tag, no digest).
pub fn prune(engine: &mut Engine, h: HostId, all: bool) -> (Vec<DeleteRecord>, u64) {
    let mut records = Vec::new();
    let mut reclaimed = release_unused_layers(engine, h);
    loop {
        let d = &engine.hosts[h].daemon;
        let used: BTreeSet<&Digest> = d.containers.by_id.values().map(|c| &c.image).collect();
        let parents: BTreeSet<&Digest> = d
            .images
            .images
            .values()
            .filter_map(|i| i.parent.as_ref())
            .collect();
        let candidate = d
            .images
            .images
            .keys()
            .rev()
            .find(|id| {
                let tagged = d.images.refs.values().any(|v| v == *id);
                !used.contains(id) && !parents.contains(id) && (all || !tagged)
            })
            .cloned();
        let Some(id) = candidate else { break };
        let before: u64 = layer_bytes(engine, h);
        let refs = refs_of(engine, h, &id);
        for r in refs {
            engine.hosts[h].daemon.images.refs.remove(&r.full());
            records.push(DeleteRecord::Untagged(r.familiar()));
        }
        let freed = delete_image(engine, h, &id);
        records.push(DeleteRecord::Deleted(id));
        records.extend(freed.into_iter().map(DeleteRecord::Deleted));
        reclaimed += before - layer_bytes(engine, h);
    }
    (records, reclaimed)
}

/// Bytes held by the layer store (each layer once).
pub fn layer_bytes(engine: &Engine, h: HostId) -> u64 {
    engine.hosts[h]
        .daemon
        .images
        .layers
        .iter()
        .map(|(_, l)| l.size())
        .sum()
}

/// Image part of `docker system df`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageUsage {
    pub total: usize,
    pub active: usize,
    /// Every layer once.
    pub size: u64,
    /// Bytes only unused images hold.
    pub reclaimable: u64,
}

/// `GET /system/df`, images part.
pub fn disk_usage(engine: &Engine, h: HostId) -> ImageUsage {
    let d = &engine.hosts[h].daemon;
    let used: BTreeSet<&Digest> = d.containers.by_id.values().map(|c| &c.image).collect();
    let active = d
        .images
        .images
        .keys()
        .filter(|id| used.contains(id))
        .count();
    let mut needed: BTreeMap<&Digest, bool> = BTreeMap::new();
    for (id, img) in &d.images.images {
        for dd in &img.config.rootfs.diff_ids {
            let e = needed.entry(dd).or_insert(false);
            *e |= used.contains(id);
        }
    }
    let size = layer_bytes(engine, h);
    let reclaimable = needed
        .iter()
        .filter(|(_, u)| !**u)
        .filter_map(|(dd, _)| d.images.layers.get(dd))
        .map(|l| l.size())
        .sum();
    ImageUsage {
        total: d.images.images.len(),
        active,
        size,
        reclaimable,
    }
}

/// Number of containers using each image.
pub fn containers_using(engine: &Engine, h: HostId, id: &Digest) -> usize {
    engine.hosts[h]
        .daemon
        .containers
        .by_id
        .values()
        .filter(|c| &c.image == id)
        .count()
}
