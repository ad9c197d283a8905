//! The runtime's seam to the userland: launching a program, and driving the
//! long-lived states the userland hands back (services and interactive
//! shells). Every call into `crate::userland` goes through here, so the
//! runtime's contract with it lives in one place.
//!
//! Tests may install a [`Launcher`] (a stand-in for `userland::spawn`) to
//! exercise the runtime with programs of known behaviour.

use crate::engine::clock::Millis;
use crate::userland::{
    Exit, HttpRequest, HttpResponse, Output, ProcCtx, Service, ShellSession, Sys,
};
use std::cell::Cell;

/// A function that runs a program like `userland::spawn`.
pub type Launcher = fn(&mut dyn Sys, &[String], &ProcCtx, &mut Output) -> Exit;

thread_local! {
    static LAUNCHER: Cell<Option<Launcher>> = const { Cell::new(None) };
}

/// Replaces `userland::spawn` for this thread (tests); `None` restores it.
pub fn set_launcher(f: Option<Launcher>) {
    LAUNCHER.with(|l| l.set(f));
}

/// Runs `argv` as a new process.
pub fn launch(sys: &mut dyn Sys, argv: &[String], ctx: &ProcCtx, out: &mut Output) -> Exit {
    match LAUNCHER.with(|l| l.get()) {
        Some(f) => f(sys, argv, ctx, out),
        None => crate::userland::spawn(sys, argv, ctx, out),
    }
}

/// Brings a service up to `until`; `Some(code)` when it exited.
pub fn service_advance(
    svc: &mut Service,
    sys: &mut dyn Sys,
    until: Millis,
    out: &mut Output,
) -> Option<i32> {
    crate::userland::process::service_advance(sys, svc, until, out)
}

/// Delivers an HTTP request to a service on container port `port`; `None`
/// when nothing listens there. What the service logs (an access-log line)
/// goes to `log`.
pub fn service_http(
    svc: &mut Service,
    sys: &mut dyn Sys,
    port: u16,
    req: &HttpRequest,
    log: &mut Output,
) -> Option<HttpResponse> {
    if crate::userland::process::service_port(svc) != Some(port) {
        return None;
    }
    Some(crate::userland::process::service_http(sys, svc, req, log))
}

/// Delivers signal `sig` (`TERM`, `QUIT`, `INT`, `HUP`, … without `SIG`);
/// `Some(code)` when the service exits on it.
pub fn service_signal(svc: &mut Service, sig: &str) -> Option<i32> {
    crate::userland::process::service_signal(svc, sig)
}

/// Runs one typed line in an interactive shell; `Some(code)` when the line
/// ended the shell (`exit`).
pub fn shell_line(
    sess: &mut ShellSession,
    sys: &mut dyn Sys,
    line: &str,
    ctx: &ProcCtx,
    out: &mut Output,
) -> Option<i32> {
    let _ = ctx;
    crate::userland::process::shell_line(sys, sess, line, out)
}

/// The prompt of an interactive shell session (`root@<id>:/# `, `/ # `).
pub fn shell_prompt(sess: &ShellSession, hostname: &str) -> String {
    crate::userland::process::session_prompt(sess, hostname)
}

/// Like [`service_http`], but what the server logs is kept in the service
/// and comes out with its next [`service_advance`] (requests made from
/// inside the container itself, while its state is borrowed).
pub fn service_request(
    svc: &mut Service,
    sys: &mut dyn Sys,
    port: u16,
    req: &HttpRequest,
) -> Option<HttpResponse> {
    if crate::userland::process::service_port(svc) != Some(port) {
        return None;
    }
    Some(crate::userland::process::service_request(sys, svc, req))
}
