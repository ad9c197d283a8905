//! The two endpoints that outlive one locked turn of the engine: `POST
//! /containers/{id}/attach` (a hijacked connection: `101 UPGRADED`, then
//! the container's output as it is written, multiplexed in 8-byte-header
//! frames without a TTY, raw with one, until the container stops) and
//! `POST /containers/{id}/wait` (answered when the condition holds). Both
//! poll the sandbox, releasing it between polls so other clients (the
//! `start` that follows an attach) get through.

use super::Shared;
use crate::engine::api::reply;
use crate::engine::container::LogStream;
use crate::engine::HostId;
use crate::proto::http::HttpRequest;
use std::io::Write;
use std::time::Duration;

/// How often a waiting connection looks at the sandbox again.
const POLL: Duration = Duration::from_millis(20);

/// The container's state as a poll sees it.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Seen {
    running: bool,
    started_at: i64,
    finished_at: i64,
    exit_code: i32,
}

fn seen(shared: &Shared, h: HostId, id: &str) -> Option<(Seen, usize)> {
    let mut sb = shared.lock();
    super::catch_up(&mut sb);
    let c = sb.engine.host(h).daemon.containers.by_id.get(id)?;
    Some((
        Seen {
            running: c.state.is_running(),
            started_at: c.state.started_at,
            finished_at: c.state.finished_at,
            exit_code: c.state.exit_code,
        },
        c.logs.len(),
    ))
}

fn resolve(shared: &Shared, h: HostId, key: &str) -> Option<String> {
    shared.lock().engine.host(h).daemon.containers.find_id(key)
}

/// `POST /containers/{key}/attach`: `Ok(false)` when the connection is over.
pub fn attach(
    shared: &Shared,
    h: HostId,
    key: &str,
    req: &HttpRequest,
    call: &crate::engine::api::Call,
    w: &mut impl Write,
) -> std::io::Result<bool> {
    let Some(id) = resolve(shared, h, key) else {
        return super::answer(shared, h, req, w);
    };
    if call.flag("stdin") {
        let r = reply::error(
            501,
            "dockerlings: attaching stdin (docker run -i, docker attach) is not available in this sandbox's daemon",
        );
        let now = shared.lock().engine.now();
        super::wire::write_response(w, &r.into_http(now, false))?;
        return Ok(true);
    }
    let (stdout, stderr) = (call.flag("stdout"), call.flag("stderr"));
    let Some((first, len)) = seen(shared, h, &id) else {
        return super::answer(shared, h, req, w);
    };
    let tty = shared.lock().engine.host(h).daemon.containers.by_id[&id].tty;
    let ct = if tty {
        "application/vnd.docker.raw-stream"
    } else {
        "application/vnd.docker.multiplexed-stream"
    };
    let upgrade = req
        .headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("Upgrade") && v.eq_ignore_ascii_case("tcp"));
    let head = if upgrade {
        format!("HTTP/1.1 101 UPGRADED\r\nContent-Type: {ct}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n")
    } else {
        format!("HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\n\r\n")
    };
    set_attached(shared, h, &id, true);
    let streamed = follow(
        shared,
        h,
        &id,
        first,
        (stdout, stderr, tty),
        if call.flag("logs") { 0 } else { len },
        head.as_bytes(),
        w,
    );
    set_attached(shared, h, &id, false);
    streamed
}

/// Marks the container attached (an `--rm` container is removed only once
/// its output is delivered: dockerd's `AutoRemove` after the attach ends);
/// on detaching, removes an exited `--rm` container.
fn set_attached(shared: &Shared, h: HostId, id: &str, on: bool) {
    let mut sb = shared.lock();
    let Some(c) = sb.engine.hosts[h].daemon.containers.by_id.get_mut(id) else {
        return;
    };
    c.attached = on;
    if !on && c.host_config.auto_remove && !c.state.is_running() {
        let code = c.state.exit_code;
        if let Ok(mut m) = shared.removed.lock() {
            m.insert(id.to_string(), code);
        }
        crate::engine::container::lifecycle::destroy(&mut sb.engine, h, id, true);
        shared.save(&sb);
    }
}

/// Writes `head`, then the container's output from log line `offset` on
/// until it stops.
#[allow(clippy::too_many_arguments)]
fn follow(
    shared: &Shared,
    h: HostId,
    id: &str,
    first: Seen,
    (stdout, stderr, tty): (bool, bool, bool),
    mut offset: usize,
    head: &[u8],
    w: &mut impl Write,
) -> std::io::Result<bool> {
    w.write_all(head)?;
    w.flush()?;
    loop {
        let (now, frames) = {
            let mut sb = shared.lock();
            super::catch_up(&mut sb);
            let Some(c) = sb.engine.host(h).daemon.containers.by_id.get(id) else {
                return Ok(false);
            };
            let mut out = Vec::new();
            for l in c.logs.iter().skip(offset) {
                let wanted = match l.stream {
                    LogStream::Stdout => stdout,
                    LogStream::Stderr => stderr,
                };
                if !wanted {
                    continue;
                }
                if !tty {
                    out.push(match l.stream {
                        LogStream::Stdout => 1,
                        LogStream::Stderr => 2,
                    });
                    out.extend_from_slice(&[0, 0, 0]);
                    out.extend_from_slice(&(l.text.len() as u32).to_be_bytes());
                }
                out.extend_from_slice(l.text.as_bytes());
            }
            offset = c.logs.len();
            let now = Seen {
                running: c.state.is_running(),
                started_at: c.state.started_at,
                finished_at: c.state.finished_at,
                exit_code: c.state.exit_code,
            };
            (now, out)
        };
        if !frames.is_empty() {
            w.write_all(&frames)?;
            w.flush()?;
        }
        let ran = first.running
            || now.started_at != first.started_at
            || now.finished_at != first.finished_at;
        if !now.running && ran {
            return Ok(false);
        }
        std::thread::sleep(POLL);
    }
}

/// `POST /containers/{key}/wait`: polls until the condition holds, then
/// lets the API answer (or answers itself for `removed`, the container
/// being gone).
pub fn wait(
    shared: &Shared,
    h: HostId,
    key: &str,
    req: &HttpRequest,
    call: &crate::engine::api::Call,
    w: &mut impl Write,
) -> std::io::Result<bool> {
    let cond = call.query("condition").unwrap_or("not-running");
    let id = resolve(shared, h, key);
    let first = id.as_deref().and_then(|id| seen(shared, h, id));
    let (Some(id), Some((first, _)), true) = (
        id,
        first,
        matches!(cond, "" | "not-running" | "next-exit" | "removed"),
    ) else {
        return super::answer(shared, h, req, w);
    };
    // dockerd sends the headers at once (the CLI starts the container
    // only then), the status when the condition holds.
    let head = reply::Reply {
        status: 200,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: Vec::new(),
        stream: true,
    };
    let now = shared.lock().engine.now();
    let mut head = head.into_http(now, false);
    head.body.clear();
    let mut bytes = Vec::new();
    super::wire::write_head(&mut bytes, &head);
    w.write_all(&bytes)?;
    w.flush()?;
    let mut last = first;
    let body = loop {
        let Some((now, _)) = seen(shared, h, &id) else {
            let code = shared.removed.lock().ok().and_then(|mut m| m.remove(&id));
            break serde_json::to_vec(
                &serde_json::json!({"StatusCode": code.unwrap_or(last.exit_code)}),
            )
            .unwrap_or_default();
        };
        last = now;
        let done = match cond {
            "removed" => false,
            "next-exit" => !now.running && (first.running || now.finished_at != first.finished_at),
            _ => !now.running,
        };
        if done {
            match super::serve(shared, h, req) {
                Some(resp) => break resp.body,
                None => return Ok(false),
            }
        }
        std::thread::sleep(POLL);
    };
    let body = String::from_utf8_lossy(&body);
    let body = format!("{}\n", body.trim_end());
    write!(w, "{:x}\r\n{body}\r\n0\r\n\r\n", body.len())?;
    w.flush()?;
    Ok(true)
}
