//! Container commands: run, create, start, stop, restart, kill, pause,
//! unpause, rm, ps, logs, exec, attach, wait, inspect, top, stats, diff, cp,
//! rename, port, container prune. Owns the handlers of these commands;
//! their grammar is in `cli::spec`.
//!
//! Each handler records the Engine API requests the real client would make
//! in the host's API log, calls the daemon (`engine::container`,
//! `engine::runtime`) and prints results and errors as Docker 28 does.

pub mod fmt;
pub mod info;
pub mod logs;
pub mod ops;
pub mod ps;
pub mod run;

use super::parse::Invocation;
use crate::engine::digest::Digest;
use crate::engine::error::EngineError;
use crate::engine::{runtime, Engine, HostId};
use crate::userland::Output;

/// Runs the handler named `verb` (the part after `container.`), with the
/// learner's home as the client's working directory.
pub fn dispatch(
    engine: &mut Engine,
    h: HostId,
    verb: &str,
    inv: &Invocation,
    out: &mut Output,
) -> i32 {
    let env = super::builder::ClientEnv::fallback(engine, h);
    dispatch_with_env(engine, h, verb, inv, &env, out)
}

/// Runs the handler named `verb` for a client shell with working directory
/// and variables `env` (relative paths of `docker cp`, `-v ./dir:…`,
/// `--env-file`; `-e NAME` takes the client's value).
pub fn dispatch_with_env(
    engine: &mut Engine,
    h: HostId,
    verb: &str,
    inv: &Invocation,
    env: &super::builder::ClientEnv,
    out: &mut Output,
) -> i32 {
    runtime::advance(engine, h);
    match verb {
        "run" => run::run(engine, h, inv, env, out, false),
        "create" => run::run(engine, h, inv, env, out, true),
        "start" => ops::start(engine, h, inv, out),
        "stop" => ops::stop(engine, h, inv, out),
        "restart" => ops::restart(engine, h, inv, out),
        "kill" => ops::kill(engine, h, inv, out),
        "pause" => ops::pause(engine, h, inv, out, true),
        "unpause" => ops::pause(engine, h, inv, out, false),
        "rm" => ops::rm(engine, h, inv, out),
        "rename" => ops::rename(engine, h, inv, out),
        "wait" => ops::wait(engine, h, inv, out),
        "prune" => ops::prune(engine, h, inv, out),
        "ps" => ps::ps(engine, h, inv, out),
        "logs" => logs::logs(engine, h, inv, out),
        "attach" => logs::attach(engine, h, inv, out),
        "exec" => logs::exec(engine, h, inv, out),
        "inspect" => info::inspect(engine, h, inv, out, false),
        "container_inspect" => info::inspect(engine, h, inv, out, true),
        "top" => info::top(engine, h, inv, out),
        "stats" => info::stats(engine, h, inv, out),
        "diff" => info::diff(engine, h, inv, out),
        "cp" => info::cp(engine, h, inv, &env.cwd, out),
        "port" => info::port(engine, h, inv, out),
        _ => {
            out.errln(format!("docker: '{verb}' is not implemented yet"));
            1
        }
    }
}

/// The filter key that carries the answer to a prune confirmation prompt
/// (`Action::Prompt` resumes the command with `--filter=<key>=<answer>`).
pub const CONFIRM_KEY: &str = "dockerlings.confirm";

/// The answer given to a prune prompt, if this run resumes one.
pub fn confirm_answer(inv: &Invocation) -> Option<String> {
    inv.values("filter").iter().find_map(|f| {
        f.strip_prefix(CONFIRM_KEY)
            .and_then(|r| r.strip_prefix('='))
            .map(str::to_string)
    })
}

/// The confirmation prompt of the prune commands: without an answer the
/// terminal is asked for one (`Action::Prompt`, the warning as its label)
/// and `resume` is run again with the answer; `y`/`yes` confirms.
pub fn confirmed(inv: &Invocation, out: &mut Output, warning: &str, resume: &str) -> bool {
    match confirm_answer(inv) {
        None => {
            out.action = Some(crate::userland::Action::Prompt {
                label: warning.to_string(),
                secret: false,
                resume: format!("{resume} --filter={CONFIRM_KEY}="),
            });
            false
        }
        Some(a) => matches!(a.trim(), "y" | "Y" | "yes" | "Yes" | "YES"),
    }
}

/// The client of host `h`'s daemon (already connected by `cli::run_in`).
pub fn client(h: HostId) -> crate::cli::client::Client {
    crate::cli::client::Client::local(h)
}

/// Records a REST call in the host's API log — the client-side record of
/// the handlers not yet converted to [`client`] requests.
pub fn api(
    engine: &mut Engine,
    h: HostId,
    method: &str,
    path: &str,
    body: Option<String>,
    status: u16,
) {
    engine
        .host_mut(h)
        .daemon
        .api
        .record(method, path, body, status);
}

/// Prints `Error response from daemon: …`.
pub fn daemon_err(out: &mut Output, e: &EngineError) {
    out.errln(format!("Error response from daemon: {e}"));
}

/// Resolves a container key (name, ID, prefix) as the client's
/// `GET /containers/{key}/json` would.
pub fn lookup(engine: &mut Engine, h: HostId, key: &str) -> Result<String, EngineError> {
    let r = engine.host(h).daemon.containers.lookup(key);
    let status = match &r {
        Ok(_) => 200,
        Err(e) => e.status(),
    };
    api(
        engine,
        h,
        "GET",
        &format!("/containers/{key}/json"),
        None,
        status,
    );
    r
}

/// A reference in the normalised form the image store keys on
/// (`docker.io/library/ubuntu:latest`).
pub fn normalize_ref(r: &str) -> String {
    if let Ok(n) = crate::engine::reference::Reference::parse_docker_ref(r) {
        return n.full();
    }
    let (name, digest) = match r.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (r, None),
    };
    let last = name.rsplit('/').next().unwrap_or(name);
    let (repo, tag) = match last.rsplit_once(':') {
        Some((_, t)) => (&name[..name.len() - t.len() - 1], Some(t)),
        None => (name, None),
    };
    let first = repo.split('/').next().unwrap_or(repo);
    let domain_given =
        repo.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let full = if domain_given {
        repo.to_string()
    } else if repo.contains('/') {
        format!("docker.io/{repo}")
    } else {
        format!("docker.io/library/{repo}")
    };
    match (tag, digest) {
        (_, Some(d)) => format!("{full}@{d}"),
        (Some(t), None) => format!("{full}:{t}"),
        (None, None) => format!("{full}:latest"),
    }
}

/// The familiar form with a default tag (`ubuntu:latest`), as
/// `Unable to find image '…' locally` prints it.
pub fn familiar_with_tag(r: &str) -> String {
    if let Ok(n) = crate::engine::reference::Reference::parse_docker_ref(r) {
        return n.familiar();
    }
    let n = normalize_ref(r);
    let n = n.strip_prefix("docker.io/library/").unwrap_or(&n);
    let n = n.strip_prefix("docker.io/").unwrap_or(n);
    n.to_string()
}

/// Finds a local image by reference or (prefix of) ID.
pub fn resolve_image(engine: &Engine, h: HostId, r: &str) -> Option<Digest> {
    crate::engine::image::resolve_image(engine, h, r).ok()
}

/// Pulls a missing image for `docker run`/`create`, writing the pull
/// stream to `out`'s stderr. Returns the image ID or the daemon's error.
pub fn pull_image(
    engine: &mut Engine,
    h: HostId,
    r: &str,
    out: &mut Output,
) -> Result<Digest, EngineError> {
    let path = match crate::engine::image::parse_normalized(r) {
        Ok(n) => format!(
            "/images/create?{}",
            crate::engine::image::ops::pull_query(&n.with_default_tag())
        ),
        Err(_) => "/images/create".to_string(),
    };
    let res = crate::engine::image::pull_str(engine, h, r, &mut |line: &str| out.errln(line));
    let status = match &res {
        Ok(_) => 200,
        Err(e) => e.status(),
    };
    api(engine, h, "POST", &path, None, status);
    res
}

/// `docker image inspect` of one image, as (template value, JSON text).
pub fn image_inspect_doc(
    engine: &mut Engine,
    h: HostId,
    key: &str,
) -> Option<(serde_json::Value, String)> {
    let id = crate::engine::image::resolve_image(engine, h, key).ok()?;
    let cmd = super::commands::table()
        .iter()
        .find(|c| c.path == "image inspect")?;
    let inv = Invocation::new(cmd, vec![key.to_string()]);
    let mut o = Output::new();
    super::image::dispatch(engine, h, "inspect", &inv, &mut o);
    let text = o.stdout();
    let lines: Vec<&str> = text.trim_end().lines().collect();
    if lines.len() < 3 {
        return None;
    }
    let inner: Vec<&str> = lines[1..lines.len() - 1]
        .iter()
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect();
    Some((super::image::inspect_json(engine, h, &id), inner.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(normalize_ref("ubuntu"), "docker.io/library/ubuntu:latest");
        assert_eq!(familiar_with_tag("ubuntu"), "ubuntu:latest");
        assert_eq!(normalize_ref("learner/app:1"), "docker.io/learner/app:1");
        assert_eq!(normalize_ref("localhost:5000/x"), "localhost:5000/x:latest");
        assert_eq!(familiar_with_tag("hello-world"), "hello-world:latest");
    }
}
