//! Image commands: images, pull, rmi, tag, history, commit, image inspect,
//! image prune, save, load, system df, system prune. Owns the handlers of
//! these commands; their grammar is in `cli::spec`. Each handler records the
//! Engine API request the real client sends, calls the daemon
//! (`engine::image`), and prints Docker 28's output.

use super::parse::Invocation;
use crate::cli::container::confirmed;
use crate::engine::digest::Digest;
use crate::engine::image::name::{parse_normalized, Named};
use crate::engine::image::{archive, ops};
use crate::engine::{Engine, EngineError, HostId};
use crate::userland::Output;
use fmt::{ellipsis, human_duration, human_size, Table};

mod fmt;

/// Runs the handler named `verb` (the part after `image.`).
pub fn dispatch(
    engine: &mut Engine,
    h: HostId,
    verb: &str,
    inv: &Invocation,
    out: &mut Output,
) -> i32 {
    match verb {
        "images" => images(engine, h, inv, out),
        "pull" => pull(engine, h, inv, out),
        "rmi" => rmi(engine, h, inv, out),
        "tag" => tag(engine, h, inv, out),
        "history" => history(engine, h, inv, out),
        "commit" => commit(engine, h, inv, out),
        "inspect" => inspect(engine, h, inv, out),
        "prune" => prune(engine, h, inv, out),
        "save" => save(engine, h, inv, out),
        "load" => load(engine, h, inv, out),
        "df" => df(engine, h, inv, out),
        "system_prune" => system_prune(engine, h, inv, out),
        _ => {
            out.errln(format!("docker: '{verb}' is not implemented yet"));
            1
        }
    }
}

fn record(engine: &mut Engine, h: HostId, method: &str, path: String, status: u16) {
    engine.hosts[h]
        .daemon
        .api
        .record(method, path, None, status);
}

/// Prints a daemon error as the client does and returns exit code 1.
fn daemon_error(out: &mut Output, e: &EngineError) -> i32 {
    out.errln(format!("Error response from daemon: {e}"));
    1
}

fn enc(s: &str) -> String {
    ops::url_encode(s)
}

// ---------------------------------------------------------------- images

struct Row {
    repo: String,
    tag: String,
    digest: String,
    id: Digest,
    created: i64,
    size: u64,
    containers: usize,
}

fn glob_match(pattern: &str, s: &str) -> bool {
    fn m(p: &[u8], s: &[u8]) -> bool {
        match (p.first(), s.first()) {
            (None, None) => true,
            (Some(b'*'), _) => m(&p[1..], s) || (!s.is_empty() && s[0] != b'/' && m(p, &s[1..])),
            (Some(b'?'), Some(c)) if *c != b'/' => m(&p[1..], &s[1..]),
            (Some(a), Some(b)) if a == b => m(&p[1..], &s[1..]),
            _ => false,
        }
    }
    m(pattern.as_bytes(), s.as_bytes())
}

/// `reference.FamiliarMatch`: the pattern against the familiar name, or
/// against `name:tag` when the pattern has a tag.
fn reference_match(pattern: &str, name: &str, tag: &str) -> bool {
    if glob_match(pattern, name) {
        return true;
    }
    !tag.is_empty() && glob_match(pattern, &format!("{name}:{tag}"))
}

fn images(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let mut filters: Vec<(String, String)> = Vec::new();
    for f in inv.values("filter") {
        match f.split_once('=') {
            Some((k, v)) => filters.push((k.trim().to_lowercase(), v.to_string())),
            None => {
                out.errln("bad format of filter (expected name=value)");
                return 1;
            }
        }
    }
    if let Some(a) = inv.args.first() {
        filters.push(("reference".into(), a.clone()));
    }
    let mut q = String::new();
    if inv.on("all") {
        q.push_str("all=1&");
    }
    if !filters.is_empty() {
        let mut m: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
        for (k, v) in &filters {
            m.entry(k).or_default().push(v);
        }
        let json: String = m
            .iter()
            .map(|(k, vs)| {
                format!(
                    "{k:?}:{{{}}}",
                    vs.iter()
                        .map(|v| format!("{v:?}:true"))
                        .collect::<Vec<_>>()
                        .join(",")
                )
            })
            .collect::<Vec<_>>()
            .join(",");
        q.push_str(&format!("filters={}&", enc(&format!("{{{json}}}"))));
    }
    let path = format!(
        "/images/json{}",
        if q.is_empty() {
            String::new()
        } else {
            format!("?{}", q.trim_end_matches('&'))
        }
    );
    for (k, v) in &filters {
        if !matches!(
            k.as_str(),
            "dangling" | "reference" | "before" | "since" | "label" | "until"
        ) {
            record(engine, h, "GET", path, 400);
            out.errln(format!("Error response from daemon: invalid filter '{k}'"));
            return 1;
        }
        if k == "dangling" && !matches!(v.as_str(), "true" | "false" | "1" | "0") {
            record(engine, h, "GET", path, 400);
            out.errln(format!(
                "Error response from daemon: invalid filter 'dangling={v}'"
            ));
            return 1;
        }
    }
    let mut before_after: Vec<(bool, Digest)> = Vec::new();
    for (k, v) in &filters {
        if k == "before" || k == "since" {
            match ops::resolve_image(engine, h, v) {
                Ok(id) => before_after.push((k == "before", id)),
                Err(e) => {
                    record(engine, h, "GET", path, 404);
                    return daemon_error(out, &e);
                }
            }
        }
    }
    record(engine, h, "GET", path, 200);
    let store = &engine.hosts[h].daemon.images;
    let parents: std::collections::BTreeSet<&Digest> = store
        .images
        .values()
        .filter_map(|i| i.parent.as_ref())
        .collect();
    let mut imgs: Vec<&crate::engine::image::Image> = store.images.values().collect();
    imgs.sort_by(|a, b| {
        ops::created_ms(b)
            .cmp(&ops::created_ms(a))
            .then_with(|| a.id.cmp(&b.id))
    });
    let digests = inv.on("digests");
    let mut rows: Vec<Row> = Vec::new();
    for img in imgs {
        let refs = ops::refs_of(engine, h, &img.id);
        let dangling = refs.is_empty();
        if !inv.on("all") && dangling && parents.contains(&img.id) {
            continue;
        }
        let created = ops::created_ms(img);
        let mut keep = true;
        for (k, v) in &filters {
            match k.as_str() {
                "dangling" => {
                    let want = v == "true" || v == "1";
                    keep &= want == dangling;
                }
                "label" => {
                    let (lk, lv) = v
                        .split_once('=')
                        .map_or((v.as_str(), None), |(a, b)| (a, Some(b)));
                    keep &= img
                        .config
                        .config
                        .labels
                        .get(lk)
                        .is_some_and(|x| lv.is_none_or(|lv| lv == x));
                }
                _ => {}
            }
        }
        for (before, other) in &before_after {
            let oc = store.images.get(other).map(ops::created_ms).unwrap_or(0);
            keep &= if *before { created < oc } else { created > oc };
        }
        if !keep {
            continue;
        }
        let size = store.size_of(&img.id);
        let containers = ops::containers_using(engine, h, &img.id);
        let row = |repo: &str, tag: &str, digest: &str| Row {
            repo: repo.to_string(),
            tag: tag.to_string(),
            digest: digest.to_string(),
            id: img.id.clone(),
            created,
            size,
            containers,
        };
        let ref_filters: Vec<&String> = filters
            .iter()
            .filter(|(k, _)| k == "reference")
            .map(|(_, v)| v)
            .collect();
        let mut repos: Vec<String> = refs.iter().map(|r| r.familiar_name()).collect();
        repos.dedup();
        if refs.is_empty() {
            if ref_filters.is_empty() {
                rows.push(row("<none>", "<none>", "<none>"));
            }
            continue;
        }
        for repo in repos {
            let tags: Vec<String> = refs
                .iter()
                .filter(|r| r.familiar_name() == repo && r.digest.is_none())
                .filter_map(|r| r.tag.clone())
                .collect();
            let dgs: Vec<String> = refs
                .iter()
                .filter(|r| r.familiar_name() == repo)
                .filter_map(|r| r.digest.clone())
                .collect();
            let matches = |tag: &str| ref_filters.iter().all(|p| reference_match(p, &repo, tag));
            if tags.is_empty() {
                if matches("") {
                    if digests {
                        for d in &dgs {
                            rows.push(row(&repo, "<none>", d));
                        }
                    } else {
                        rows.push(row(&repo, "<none>", ""));
                    }
                }
                continue;
            }
            for t in &tags {
                if !matches(t) {
                    continue;
                }
                if !digests || dgs.is_empty() {
                    rows.push(row(&repo, t, "<none>"));
                } else {
                    for d in &dgs {
                        rows.push(row(&repo, t, d));
                    }
                }
            }
        }
    }
    let now = engine.now();
    let trunc = !inv.on("no-trunc");
    let id_of = |r: &Row| {
        if trunc {
            r.id.short().to_string()
        } else {
            r.id.to_string()
        }
    };
    let field = |r: &Row, f: &str| -> Option<String> {
        Some(match f {
            "Repository" => r.repo.clone(),
            "Tag" => r.tag.clone(),
            "Digest" => r.digest.clone(),
            "ID" => id_of(r),
            "CreatedSince" => format!("{} ago", human_duration(now - r.created)),
            "CreatedAt" => crate::engine::clock::rfc3339_secs(r.created)
                .replace('T', " ")
                .replace('Z', " +0000 UTC"),
            "Size" | "VirtualSize" => human_size(r.size, 3),
            "SharedSize" | "UniqueSize" => "N/A".into(),
            "Containers" => {
                if r.containers == 0 {
                    "N/A".into()
                } else {
                    r.containers.to_string()
                }
            }
            _ => return None,
        })
    };
    let default = if digests {
        "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    } else {
        "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    };
    let fmt = if inv.on("quiet") {
        "{{.ID}}".to_string()
    } else {
        inv.value("format")
            .filter(|f| !f.is_empty() && *f != "table")
            .unwrap_or(default)
            .to_string()
    };
    let headers = |f: &str| -> String {
        match f {
            "Repository" => "REPOSITORY",
            "Tag" => "TAG",
            "Digest" => "DIGEST",
            "ID" => "IMAGE ID",
            "CreatedSince" => "CREATED",
            "CreatedAt" => "CREATED AT",
            "Size" => "SIZE",
            "VirtualSize" => "VIRTUAL SIZE",
            "SharedSize" => "SHARED SIZE",
            "UniqueSize" => "UNIQUE SIZE",
            "Containers" => "CONTAINERS",
            other => other,
        }
        .to_string()
    };
    const JSON: &[&str] = &[
        "Containers",
        "CreatedAt",
        "CreatedSince",
        "Digest",
        "ID",
        "Repository",
        "SharedSize",
        "Size",
        "Tag",
        "UniqueSize",
        "VirtualSize",
    ];
    render(
        out,
        &fmt,
        &rows,
        field,
        headers,
        JSON,
        Some("*formatter.imageContext"),
    )
}

/// Renders rows through Docker's formatter (`table`, `json`, Go templates)
/// with `cli::format::template::format_rows`. Each row is offered as an
/// object of the string fields in `fields`.
fn render<R>(
    out: &mut Output,
    format: &str,
    rows: &[R],
    field: impl Fn(&R, &str) -> Option<String>,
    header: impl Fn(&str) -> String,
    fields: &[&str],
    struct_type: Option<&str>,
) -> i32 {
    let values: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::Value::Object(
                fields
                    .iter()
                    .map(|k| (k.to_string(), field(r, k).unwrap_or_default().into()))
                    .collect(),
            )
        })
        .collect();
    let labels: Vec<(String, String)> = fields.iter().map(|k| (k.to_string(), header(k))).collect();
    let headers: Vec<(&str, &str)> = labels
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    match crate::cli::format::template::format_rows(format, &headers, &values, struct_type) {
        Ok(text) => {
            out.out(text);
            0
        }
        Err(e) => {
            out.errln(e);
            1
        }
    }
}

// ------------------------------------------------------------------ pull

fn pull(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let arg = &inv.args[0];
    let named = match parse_normalized(arg) {
        Ok(n) => n,
        Err(e) => {
            out.errln(e);
            return 1;
        }
    };
    let quiet = inv.on("quiet");
    if inv.on("all-tags") {
        if named.tag.is_some() || named.digest.is_some() {
            out.errln("tag can't be used with --all-tags/-a");
            return 1;
        }
        return pull_all_tags(engine, h, &named, quiet, out);
    }
    if named.tag.is_none() && named.digest.is_none() && !quiet {
        out.outln("Using default tag: latest");
    }
    let named = named.with_default_tag();
    let path = format!("/images/create?{}", ops::pull_query(&named));
    let mut lines = Vec::new();
    let res = ops::pull(engine, h, &named, &mut |l| lines.push(l.to_string()));
    match res {
        Ok(_) => {
            record(engine, h, "POST", path, 200);
            if !quiet {
                for l in lines {
                    out.outln(l);
                }
            }
            out.outln(named.full());
            0
        }
        Err(e) => {
            record(engine, h, "POST", path, e.status());
            daemon_error(out, &e)
        }
    }
}

fn pull_all_tags(
    engine: &mut Engine,
    h: HostId,
    named: &Named,
    quiet: bool,
    out: &mut Output,
) -> i32 {
    let path = format!("/images/create?fromImage={}", enc(&named.full_name()));
    let tags = crate::engine::registry::client::tags(engine, h, &named.domain, &named.path);
    if tags.is_empty() {
        let probe = named.clone().with_default_tag();
        let e = ops::pull(engine, h, &probe, &mut |_| {})
            .err()
            .unwrap_or_else(|| EngineError::msg(404, "manifest unknown"));
        record(engine, h, "POST", path, e.status());
        return daemon_error(out, &e);
    }
    record(engine, h, "POST", path, 200);
    let mut changed = false;
    for t in tags {
        let mut n = named.clone();
        n.tag = Some(t);
        let mut lines = Vec::new();
        if ops::pull(engine, h, &n, &mut |l| lines.push(l.to_string())).is_err() {
            continue;
        }
        for l in lines {
            if l.starts_with("Status: Downloaded") {
                changed = true;
            } else if !l.starts_with("Status:") && !quiet {
                out.outln(l);
            }
        }
    }
    if !quiet {
        out.outln(if changed {
            format!(
                "Status: Downloaded newer image for {}",
                named.familiar_name()
            )
        } else {
            format!("Status: Image is up to date for {}", named.familiar_name())
        });
    }
    out.outln(named.full_name());
    0
}

// ------------------------------------------------------------------- rmi

fn rmi(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let force = inv.on("force");
    let prune = !inv.on("no-prune");
    let mut code = 0;
    for a in &inv.args {
        let mut q = Vec::new();
        if force {
            q.push("force=1");
        }
        if !prune {
            q.push("noprune=1");
        }
        let path = format!(
            "/images/{a}{}",
            if q.is_empty() {
                String::new()
            } else {
                format!("?{}", q.join("&"))
            }
        );
        match ops::remove(engine, h, a, force, prune) {
            Ok(records) => {
                record(engine, h, "DELETE", path, 200);
                for r in records {
                    match r {
                        ops::DeleteRecord::Untagged(s) => out.outln(format!("Untagged: {s}")),
                        ops::DeleteRecord::Deleted(d) => out.outln(format!("Deleted: {d}")),
                    }
                }
            }
            Err(e) => {
                record(engine, h, "DELETE", path, e.status());
                out.errln(format!("Error response from daemon: {e}"));
                if !(force && matches!(e, EngineError::NoSuchImage(_))) {
                    code = 1;
                }
            }
        }
    }
    code
}

// ------------------------------------------------------------------- tag

fn tag(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let (src, dst) = (&inv.args[0], &inv.args[1]);
    let target = match parse_normalized(dst) {
        Ok(n) => n,
        Err(e) => {
            out.errln(format!(
                "Error parsing reference: {dst:?} is not a valid repository/tag: {e}"
            ));
            return 1;
        }
    };
    if target.digest.is_some() {
        out.errln("refusing to create a tag with a digest reference");
        return 1;
    }
    let target = target.with_default_tag();
    let path = format!(
        "/images/{src}/tag?repo={}&tag={}",
        enc(&target.full_name()),
        enc(target.tag.as_deref().unwrap_or("latest"))
    );
    match ops::tag(engine, h, src, &target) {
        Ok(()) => {
            record(engine, h, "POST", path, 201);
            0
        }
        Err(e) => {
            record(engine, h, "POST", path, e.status());
            daemon_error(out, &e)
        }
    }
}

// --------------------------------------------------------------- history

fn history(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let key = &inv.args[0];
    let path = format!("/images/{key}/history");
    let id = match ops::resolve_image(engine, h, key) {
        Ok(id) => id,
        Err(e) => {
            record(engine, h, "GET", path, 404);
            return daemon_error(out, &e);
        }
    };
    record(engine, h, "GET", path, 200);
    let rows = ops::history(engine, h, &id);
    let now = engine.now();
    let human = inv.on("human") || !inv.given("human");
    let trunc = !inv.on("no-trunc");
    let field = |r: &ops::HistoryRow, f: &str| -> Option<String> {
        Some(match f {
            "ID" => match &r.id {
                None => "<missing>".into(),
                Some(d) if trunc => d.short().to_string(),
                Some(d) => d.to_string(),
            },
            "CreatedSince" => {
                if !human {
                    crate::engine::clock::rfc3339_secs(r.created)
                } else if r.created < 946_684_800_000 {
                    "N/A".into()
                } else {
                    format!("{} ago", human_duration(now - r.created))
                }
            }
            "CreatedAt" => crate::engine::clock::rfc3339_secs(r.created),
            "CreatedBy" => {
                let s = r.created_by.replace('\t', " ");
                if trunc {
                    ellipsis(&s, 45)
                } else {
                    s
                }
            }
            "Size" => {
                if human {
                    human_size(r.size, 3)
                } else {
                    r.size.to_string()
                }
            }
            "Comment" => r.comment.clone(),
            "Tags" => r.tags.join(", "),
            _ => return None,
        })
    };
    let header = |f: &str| -> String {
        match f {
            "ID" => "IMAGE",
            "CreatedSince" => "CREATED",
            "CreatedAt" => "CREATED AT",
            "CreatedBy" => "CREATED BY",
            "Size" => "SIZE",
            "Comment" => "COMMENT",
            other => other,
        }
        .to_string()
    };
    let fmt = if inv.on("quiet") {
        "{{.ID}}".to_string()
    } else {
        inv.value("format")
            .filter(|f| !f.is_empty() && *f != "table")
            .unwrap_or("table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}")
            .to_string()
    };
    const JSON: &[&str] = &[
        "Comment",
        "CreatedAt",
        "CreatedBy",
        "CreatedSince",
        "ID",
        "Size",
    ];
    render(
        out,
        &fmt,
        &rows,
        field,
        header,
        JSON,
        Some("*image.historyContext"),
    )
}

// ---------------------------------------------------------------- commit

fn commit(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let container = &inv.args[0];
    let reference = match inv.args.get(1) {
        None => None,
        Some(r) => match parse_normalized(r) {
            Ok(n) if n.digest.is_some() => {
                out.errln("refusing to create a tag with a digest reference");
                return 1;
            }
            Ok(n) => Some(n.with_default_tag()),
            Err(e) => {
                out.errln(e);
                return 1;
            }
        },
    };
    let opts = ops::CommitOptions {
        author: inv.value("author").unwrap_or_default().to_string(),
        comment: inv.value("message").unwrap_or_default().to_string(),
        changes: inv.values("change").iter().map(|s| s.to_string()).collect(),
        pause: !inv.on("no-pause") && (inv.on("pause") || !inv.given("pause")),
    };
    let mut q = vec![];
    if !opts.author.is_empty() {
        q.push(format!("author={}", enc(&opts.author)));
    }
    for c in &opts.changes {
        q.push(format!("changes={}", enc(c)));
    }
    if !opts.comment.is_empty() {
        q.push(format!("comment={}", enc(&opts.comment)));
    }
    q.push(format!("container={}", enc(container)));
    if !opts.pause {
        q.push("pause=0".into());
    }
    if let Some(r) = &reference {
        q.push(format!("repo={}", enc(&r.full_name())));
        q.push(format!("tag={}", enc(r.tag.as_deref().unwrap_or("latest"))));
    }
    let path = format!("/commit?{}", q.join("&"));
    match ops::commit(engine, h, container, reference.as_ref(), &opts) {
        Ok(id) => {
            record(engine, h, "POST", path, 201);
            out.outln(id.as_str());
            0
        }
        Err(e) => {
            record(engine, h, "POST", path, e.status());
            daemon_error(out, &e)
        }
    }
}

// --------------------------------------------------------------- inspect

/// The `GET /images/{name}/json` body (Docker 28, classic store).
pub fn inspect_json(engine: &Engine, h: HostId, id: &Digest) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let store = &engine.hosts[h].daemon.images;
    let Some(img) = store.images.get(id) else {
        return Value::Null;
    };
    let c = &img.config.config;
    let mut cfg = Map::new();
    if !c.user.is_empty() {
        cfg.insert("User".into(), json!(c.user));
    }
    if !c.exposed_ports.is_empty() {
        cfg.insert("ExposedPorts".into(), json!(c.exposed_ports));
    }
    if !c.env.is_empty() {
        cfg.insert("Env".into(), json!(c.env));
    }
    if let Some(e) = &c.entrypoint {
        cfg.insert("Entrypoint".into(), json!(e));
    }
    if let Some(e) = &c.cmd {
        cfg.insert("Cmd".into(), json!(e));
    }
    if !c.volumes.is_empty() {
        cfg.insert("Volumes".into(), json!(c.volumes));
    }
    if !c.working_dir.is_empty() {
        cfg.insert("WorkingDir".into(), json!(c.working_dir));
    }
    if !c.labels.is_empty() {
        cfg.insert("Labels".into(), json!(c.labels));
    }
    if !c.stop_signal.is_empty() {
        cfg.insert("StopSignal".into(), json!(c.stop_signal));
    }
    if let Some(hc) = &c.healthcheck {
        cfg.insert("Healthcheck".into(), hc.clone());
    }
    if !c.on_build.is_empty() {
        cfg.insert("OnBuild".into(), json!(c.on_build));
    }
    if let Some(s) = &c.shell {
        cfg.insert("Shell".into(), json!(s));
    }
    let layers: Vec<String> = img
        .config
        .rootfs
        .diff_ids
        .iter()
        .map(|d| d.to_string())
        .collect();
    let chains = ops::chain_ids(&img.config.rootfs.diff_ids);
    let dir = |d: &Digest| {
        format!(
            "/var/lib/docker/overlay2/{}",
            &crate::engine::digest::sha256_hex(d.as_str().as_bytes())
        )
    };
    let mut gd = Map::new();
    if let Some((top, lower)) = chains.split_last() {
        if !lower.is_empty() {
            gd.insert(
                "LowerDir".into(),
                json!(lower
                    .iter()
                    .rev()
                    .map(|c| format!("{}/diff", dir(c)))
                    .collect::<Vec<_>>()
                    .join(":")),
            );
        }
        gd.insert("MergedDir".into(), json!(format!("{}/merged", dir(top))));
        gd.insert("UpperDir".into(), json!(format!("{}/diff", dir(top))));
        gd.insert("WorkDir".into(), json!(format!("{}/work", dir(top))));
    }
    let comment = img
        .config
        .history
        .last()
        .map(|e| e.comment.clone())
        .unwrap_or_default();
    json!({
        "Id": id.as_str(),
        "RepoTags": ops::repo_tags(engine, h, id),
        "RepoDigests": ops::repo_digests(engine, h, id),
        "Parent": img.parent.as_ref().map(|p| p.to_string()).unwrap_or_default(),
        "Comment": if img.parent.is_some() { comment } else { String::new() },
        "Created": img.config.created,
        "Author": img.config.author,
        "Config": Value::Object(cfg),
        "Architecture": img.config.architecture,
        "Os": img.config.os,
        "Size": store.size_of(id),
        "GraphDriver": {"Data": Value::Object(gd), "Name": "overlay2"},
        "RootFS": {"Type": "layers", "Layers": layers},
        "Metadata": {"LastTagTime": "0001-01-01T00:00:00Z"},
    })
}

/// Field order of the image inspect structs (`image.InspectResponse`,
/// `DockerOCIImageConfig`, `GraphDriverData`, `RootFS`, `Metadata`).
pub const INSPECT_ORDER: &[&str] = &[
    "Id",
    "RepoTags",
    "RepoDigests",
    "Parent",
    "Comment",
    "Created",
    "DockerVersion",
    "Author",
    "Config",
    "Architecture",
    "Variant",
    "Os",
    "OsVersion",
    "Size",
    "GraphDriver",
    "RootFS",
    "Metadata",
    "User",
    "ExposedPorts",
    "Env",
    "Entrypoint",
    "Cmd",
    "Volumes",
    "WorkingDir",
    "Labels",
    "StopSignal",
    "ArgsEscaped",
    "Healthcheck",
    "OnBuild",
    "Shell",
    "Data",
    "Name",
    "Type",
    "Layers",
    "LastTagTime",
];

fn inspect(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let format = inv.value("format").filter(|f| !f.is_empty());
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for a in &inv.args {
        let path = format!("/images/{a}/json");
        match ops::resolve_image(engine, h, a) {
            Ok(id) => {
                record(engine, h, "GET", path, 200);
                found.push(inspect_json(engine, h, &id));
            }
            Err(e) => {
                record(engine, h, "GET", path, 404);
                errors.push(e);
            }
        }
    }
    match format {
        None => {
            let arr = serde_json::Value::Array(found);
            out.outln(fmt::go_json_indent(&arr, INSPECT_ORDER));
        }
        Some("json") => {
            for v in &found {
                out.outln(serde_json::to_string(v).unwrap_or_default());
            }
        }
        Some(f) => {
            if found.is_empty() {
                out.outln("");
            }
            for v in &found {
                match crate::cli::format::template::render(f, v) {
                    Ok(t) => out.outln(t),
                    Err(e) => {
                        out.errln(format!("template parsing error: {e}"));
                        return 1;
                    }
                }
            }
        }
    }
    for e in &errors {
        out.errln(format!("Error response from daemon: {e}"));
    }
    if errors.is_empty() {
        0
    } else {
        1
    }
}

// ----------------------------------------------------------------- prune

fn print_prune(out: &mut Output, records: &[ops::DeleteRecord], reclaimed: u64) {
    if !records.is_empty() {
        out.outln("Deleted Images:");
        for r in records {
            match r {
                ops::DeleteRecord::Untagged(s) => out.outln(format!("untagged: {s}")),
                ops::DeleteRecord::Deleted(d) => out.outln(format!("deleted: {d}")),
            }
        }
        out.outln("");
    }
    out.outln(format!(
        "Total reclaimed space: {}",
        human_size(reclaimed, 4)
    ));
}

const IMAGE_PRUNE_WARNING: &str =
    "WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ";
const IMAGE_PRUNE_ALL_WARNING: &str = "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] ";

fn prune(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let all = inv.on("all");
    if !inv.on("force")
        && !confirmed(
            inv,
            out,
            if all {
                IMAGE_PRUNE_ALL_WARNING
            } else {
                IMAGE_PRUNE_WARNING
            },
            &format!("docker image prune{}", if all { " -a" } else { "" }),
        )
    {
        return 0;
    }
    let path = if all {
        format!(
            "/images/prune?filters={}",
            enc("{\"dangling\":{\"false\":true}}")
        )
    } else {
        format!(
            "/images/prune?filters={}",
            enc("{\"dangling\":{\"true\":true}}")
        )
    };
    record(engine, h, "POST", path, 200);
    let (records, reclaimed) = ops::prune(engine, h, all);
    print_prune(out, &records, reclaimed);
    0
}

fn system_prune(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let all = inv.on("all");
    if !inv.on("force") {
        let mut w = String::from("WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n");
        if inv.on("volumes") {
            w.push_str("  - all anonymous volumes not used by at least one container\n");
        }
        if all {
            w.push_str("  - all images without at least one container associated to them\n  - all build cache\n");
        } else {
            w.push_str("  - all dangling images\n  - unused build cache\n");
        }
        w.push_str("\nAre you sure you want to continue? [y/N] ");
        let resume = format!(
            "docker system prune{}{}",
            if all { " -a" } else { "" },
            if inv.on("volumes") { " --volumes" } else { "" }
        );
        if !confirmed(inv, out, &w, &resume) {
            return 0;
        }
    }
    // stopped containers first, so that their images become unused
    record(engine, h, "POST", "/containers/prune".to_string(), 200);
    let stopped: Vec<(String, u64)> = engine.hosts[h]
        .daemon
        .containers
        .newest_first()
        .iter()
        .filter(|c| !c.state.is_running())
        .map(|c| (c.id.clone(), c.size_rw()))
        .collect();
    let mut reclaimed: u64 = 0;
    if !stopped.is_empty() {
        out.outln("Deleted Containers:");
        for (id, size) in &stopped {
            crate::engine::container::lifecycle::destroy(engine, h, id, false);
            reclaimed += size;
            out.outln(id);
        }
        out.outln("");
    }
    record(engine, h, "POST", "/networks/prune".to_string(), 200);
    let unused_networks: Vec<(String, String)> = {
        let d = &engine.hosts[h].daemon;
        d.networks
            .sorted()
            .into_iter()
            .filter(|n| n.user_defined)
            .filter(|n| {
                !d.containers
                    .by_id
                    .values()
                    .any(|c| c.networks.values().any(|e| e.network_id == n.id))
            })
            .map(|n| (n.id.clone(), n.name.clone()))
            .collect()
    };
    if !unused_networks.is_empty() {
        out.outln("Deleted Networks:");
        for (id, name) in unused_networks {
            engine.hosts[h].daemon.networks.by_id.remove(&id);
            out.outln(name);
        }
        out.outln("");
    }
    if inv.on("volumes") {
        record(engine, h, "POST", "/volumes/prune".to_string(), 200);
    }
    let path = if all {
        format!(
            "/images/prune?filters={}",
            enc("{\"dangling\":{\"false\":true}}")
        )
    } else {
        format!(
            "/images/prune?filters={}",
            enc("{\"dangling\":{\"true\":true}}")
        )
    };
    record(engine, h, "POST", path, 200);
    let (records, r) = ops::prune(engine, h, all);
    reclaimed += r;
    if !records.is_empty() {
        out.outln("Deleted Images:");
        for r in &records {
            match r {
                ops::DeleteRecord::Untagged(s) => out.outln(format!("untagged: {s}")),
                ops::DeleteRecord::Deleted(d) => out.outln(format!("deleted: {d}")),
            }
        }
        out.outln("");
    }
    record(engine, h, "POST", "/build/prune".to_string(), 200);
    out.outln(format!(
        "Total reclaimed space: {}",
        human_size(reclaimed, 4)
    ));
    0
}

// ------------------------------------------------------------ save, load

/// A path typed by the user, on the host: relative paths start at the
/// client's working directory (the learner's home until the shell passes
/// its cwd, as for `docker build`).
fn host_path(engine: &Engine, h: HostId, p: &str) -> String {
    let cwd = super::builder::ClientEnv::fallback(engine, h).cwd;
    crate::engine::fs::path::join(&cwd, p)
}

fn save(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let Some(file) = inv.value("output").filter(|f| !f.is_empty()) else {
        out.errln("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        return 1;
    };
    let q: Vec<String> = inv
        .args
        .iter()
        .map(|a| format!("names={}", enc(a)))
        .collect();
    let path = format!("/images/get?{}", q.join("&"));
    let archive = match archive::save(engine, h, &inv.args) {
        Ok(a) => a,
        Err(e) => {
            record(engine, h, "GET", path, e.status());
            return daemon_error(out, &e);
        }
    };
    record(engine, h, "GET", path, 200);
    let p = host_path(engine, h, file);
    let dir = crate::engine::fs::path::parent(&p).to_string();
    if !engine.hosts[h].fs.is_dir(&dir) {
        let shown = match file.rsplit_once('/') {
            Some(("", _)) => "/".to_string(),
            Some((d, _)) => d.to_string(),
            None => ".".to_string(),
        };
        out.errln(format!(
            "failed to save image: invalid output path: directory {shown:?} does not exist"
        ));
        return 1;
    }
    if let Err(e) = archive::write_file(engine, h, &p, &archive) {
        out.errln(format!("open {file}: {}", e.to_string().to_lowercase()));
        return 1;
    }
    0
}

fn load(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let bytes = match inv.value("input").filter(|f| !f.is_empty()) {
        // `docker load < images.tar`
        None if !inv.stdin.is_empty() => inv.stdin.clone(),
        None => {
            out.errln("requested load from stdin, but stdin is empty");
            return 1;
        }
        Some(file) => match archive::read_file(engine, h, &host_path(engine, h, file)) {
            Ok(b) => b,
            Err(e) => {
                out.errln(format!("open {file}: {}", e.to_string().to_lowercase()));
                return 1;
            }
        },
    };
    let path = format!(
        "/images/load{}",
        if inv.on("quiet") { "?quiet=1" } else { "" }
    );
    match archive::load(engine, h, &bytes) {
        Ok(lines) => {
            record(engine, h, "POST", path, 200);
            for l in lines {
                out.outln(l);
            }
            0
        }
        Err(e) => {
            record(engine, h, "POST", path, e.status());
            daemon_error(out, &e)
        }
    }
}

// -------------------------------------------------------------- system df

/// `docker system df -v`: images, containers, volumes and build cache in detail.
fn df_verbose(engine: &Engine, h: HostId) -> String {
    use crate::cli::format::gofmt::quote;
    let d = &engine.hosts[h].daemon;
    let now = engine.now();
    let mut users: std::collections::BTreeMap<&Digest, usize> = Default::default();
    for img in d.images.images.values() {
        for dd in &img.config.rootfs.diff_ids {
            *users.entry(dd).or_default() += 1;
        }
    }
    let mut imgs: Vec<&crate::engine::image::Image> = d.images.images.values().collect();
    imgs.sort_by(|a, b| {
        ops::created_ms(b)
            .cmp(&ops::created_ms(a))
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut t = Table::new();
    t.row(
        [
            "REPOSITORY",
            "TAG",
            "IMAGE ID",
            "CREATED",
            "SIZE",
            "SHARED SIZE",
            "UNIQUE SIZE",
            "CONTAINERS",
        ]
        .map(String::from)
        .to_vec(),
    );
    for img in imgs {
        let tags = ops::repo_tags(engine, h, &img.id);
        let (repo, tag) = match tags.first().and_then(|t| parse_normalized(t).ok()) {
            Some(n) => (n.familiar_name(), n.tag.unwrap_or_default()),
            None => ("<none>".to_string(), "<none>".to_string()),
        };
        let size = d.images.size_of(&img.id);
        let shared: u64 = img
            .config
            .rootfs
            .diff_ids
            .iter()
            .filter(|dd| users.get(dd).copied().unwrap_or(0) > 1)
            .filter_map(|dd| d.images.layers.get(dd))
            .map(|l| l.size())
            .sum();
        t.row(vec![
            repo,
            tag,
            img.id.short().to_string(),
            format!("{} ago", human_duration(now - ops::created_ms(img))),
            human_size(size, 3),
            human_size(shared, 3),
            human_size(size - shared, 3),
            ops::containers_using(engine, h, &img.id).to_string(),
        ]);
    }
    let mut s = String::from("Images space usage:\n\n");
    s.push_str(&t.render());
    let mut t = Table::new();
    t.row(
        [
            "CONTAINER ID",
            "IMAGE",
            "COMMAND",
            "LOCAL VOLUMES",
            "SIZE",
            "CREATED",
            "STATUS",
            "NAMES",
        ]
        .map(String::from)
        .to_vec(),
    );
    for c in d.containers.newest_first() {
        t.row(vec![
            c.short_id().to_string(),
            crate::cli::container::ps::image_column(engine, h, c),
            quote(&ellipsis(&c.command_line(), 20)),
            c.mounts
                .iter()
                .filter(|m| m.kind == crate::engine::container::MountKind::Volume)
                .count()
                .to_string(),
            human_size(c.size_rw(), 3),
            format!("{} ago", human_duration(now - c.created)),
            c.state.describe(now),
            c.name.clone(),
        ]);
    }
    s.push_str("\nContainers space usage:\n\n");
    s.push_str(&t.render());
    let mut t = Table::new();
    t.row(["VOLUME NAME", "LINKS", "SIZE"].map(String::from).to_vec());
    for v in d.volumes.by_name.values() {
        let links = d
            .containers
            .by_id
            .values()
            .filter(|c| c.mounts.iter().any(|m| m.name == v.name))
            .count();
        t.row(vec![
            v.name.clone(),
            links.to_string(),
            human_size(v.fs.upper().size(), 4),
        ]);
    }
    s.push_str("\nLocal Volumes space usage:\n\n");
    s.push_str(&t.render());
    s.push_str("\nBuild cache usage: 0B\n\n");
    let mut t = Table::new();
    t.row(
        [
            "CACHE ID",
            "CACHE TYPE",
            "SIZE",
            "CREATED",
            "LAST USED",
            "USAGE",
            "SHARED",
        ]
        .map(String::from)
        .to_vec(),
    );
    s.push_str(&t.render());
    s
}

fn df(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    record(engine, h, "GET", "/system/df".to_string(), 200);
    if inv.on("verbose")
        && inv
            .value("format")
            .is_none_or(|f| f.is_empty() || f == "table")
    {
        out.out(df_verbose(engine, h));
        return 0;
    }
    let d = &engine.hosts[h].daemon;
    let usage = ops::disk_usage(engine, h);
    // Docker's reclaimable: total layer size minus the unique size of images in use.
    let mut shared_count: std::collections::BTreeMap<&Digest, usize> = Default::default();
    for img in d.images.images.values() {
        for dd in &img.config.rootfs.diff_ids {
            *shared_count.entry(dd).or_default() += 1;
        }
    }
    let mut used: u64 = 0;
    for (id, img) in &d.images.images {
        if ops::containers_using(engine, h, id) == 0 {
            continue;
        }
        for dd in &img.config.rootfs.diff_ids {
            if shared_count.get(dd).copied().unwrap_or(0) <= 1 {
                used += d.images.layers.get(dd).map_or(0, |l| l.size());
            }
        }
    }
    let pct = |r: u64, t: u64| match (r * 100).checked_div(t) {
        Some(p) => format!("{} ({p}%)", human_size(r, 4)),
        None => human_size(r, 4),
    };
    let img_recl = usage.size.saturating_sub(used);
    let cts: Vec<_> = d.containers.by_id.values().collect();
    let active_c = cts.iter().filter(|c| c.state.is_running()).count();
    let c_size: u64 = cts.iter().map(|c| c.fs.upper().size()).sum();
    let c_recl: u64 = cts
        .iter()
        .filter(|c| !c.state.is_running())
        .map(|c| c.fs.upper().size())
        .sum();
    let v_size: u64 = d
        .volumes
        .by_name
        .values()
        .map(|v| v.fs.upper().size())
        .sum();
    let rows: Vec<[String; 5]> = vec![
        [
            "Images".into(),
            usage.total.to_string(),
            usage.active.to_string(),
            human_size(usage.size, 4),
            pct(img_recl, usage.size),
        ],
        [
            "Containers".into(),
            cts.len().to_string(),
            active_c.to_string(),
            human_size(c_size, 4),
            pct(c_recl, c_size),
        ],
        [
            "Local Volumes".into(),
            d.volumes.by_name.len().to_string(),
            "0".into(),
            human_size(v_size, 4),
            pct(v_size, v_size),
        ],
        [
            "Build Cache".into(),
            "0".into(),
            "0".into(),
            "0B".into(),
            "0B".into(),
        ],
    ];
    let field = |r: &[String; 5], f: &str| -> Option<String> {
        Some(match f {
            "Type" => r[0].clone(),
            "TotalCount" => r[1].clone(),
            "Active" => r[2].clone(),
            "Size" => r[3].clone(),
            "Reclaimable" => r[4].clone(),
            _ => return None,
        })
    };
    let header = |f: &str| -> String {
        match f {
            "Type" => "TYPE",
            "TotalCount" => "TOTAL",
            "Active" => "ACTIVE",
            "Size" => "SIZE",
            "Reclaimable" => "RECLAIMABLE",
            o => o,
        }
        .to_string()
    };
    let fmt = inv
        .value("format")
        .filter(|f| !f.is_empty() && *f != "table")
        .unwrap_or("table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}")
        .to_string();
    const JSON: &[&str] = &["Active", "Reclaimable", "Size", "TotalCount", "Type"];
    render(out, &fmt, &rows, field, header, JSON, None)
}
