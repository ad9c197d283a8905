//! `docker images` / `docker image ls`: the table, filters and `--format`,
//! as Docker 28 prints them.

use super::*;

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

pub(super) fn images(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
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
    // The daemon answers the list (`GET /images/json`); the rows are
    // rendered from the images it named.
    let listed: std::collections::HashSet<String> =
        match crate::cli::container::client(h).json(engine, "GET", &path, None) {
            Ok(body) => crate::cli::client::ids(&body),
            Err((_, msg)) => {
                out.errln(format!("Error response from daemon: {msg}"));
                return 1;
            }
        };
    let store = &engine.hosts[h].daemon.images;
    let parents: std::collections::BTreeSet<&Digest> = store
        .images
        .values()
        .filter_map(|i| i.parent.as_ref())
        .collect();
    let mut imgs: Vec<&crate::engine::image::Image> = store
        .images
        .values()
        .filter(|i| listed.contains(&i.id.to_string()))
        .collect();
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
pub(super) fn render<R>(
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
