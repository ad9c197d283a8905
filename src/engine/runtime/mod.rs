//! The container runtime (what runc and the shim do): runs a container's
//! processes with the userland over the container's filesystem (mounts
//! resolved), advances running processes with the clock, delivers signals
//! and network requests to them.
//!
//! Contract used by the sandbox and the userland (signatures are stable;
//! bodies are filled in by the container work):
//! - [`http`]: route an HTTP request from a host (or a container) to the
//!   published port / container service that serves it.
//! - [`attach_line`]: feed one typed line to an attached interactive shell.
//! - [`advance`]: bring every running process of a host up to `engine.now()`.

use crate::engine::{Engine, HostId};
use crate::userland::{HttpRequest, HttpResponse, Output};

/// Sends `req` over the network from host `h` (or from container `from` on
/// it). `Err` carries curl's error text.
pub fn http(
    engine: &mut Engine,
    h: HostId,
    from: Option<&str>,
    req: &HttpRequest,
) -> Result<HttpResponse, String> {
    let _ = (engine, h, from);
    Err(format!(
        "Failed to connect to {} port {} after 0 ms: Couldn't connect to server",
        req.host, req.port
    ))
}

/// Runs one line typed into the interactive shell attached to container
/// `cid` (its main process when `exec` is `None`). Returns the shell's exit
/// code when the line ended the session (`exit`).
pub fn attach_line(
    engine: &mut Engine,
    h: HostId,
    cid: &str,
    exec: Option<&str>,
    line: &str,
    out: &mut Output,
) -> Option<i32> {
    let _ = (engine, h, cid, exec, line, out);
    Some(0)
}

/// The prompt of the interactive shell attached to `cid`
/// (`root@<12 hex>:/#`, or `/ #` for busybox sh).
pub fn attach_prompt(engine: &Engine, h: HostId, cid: &str, exec: Option<&str>) -> String {
    let _ = (engine, h, exec);
    format!("root@{}:/# ", &cid[..cid.len().min(12)])
}

/// Brings every running container process of host `h` up to the engine's
/// current time (log output, exits, restarts).
pub fn advance(engine: &mut Engine, h: HostId) {
    let _ = (engine, h);
}
