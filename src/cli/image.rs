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

mod archives;
mod df;
mod fmt;
mod inspect;
mod list;
mod prune;

use archives::{load, save};
use df::df;
use inspect::inspect;
pub use inspect::{inspect_json, INSPECT_ORDER};
use list::images;
use list::render;
use prune::{prune, system_prune};

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
