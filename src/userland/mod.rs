//! The userland: one POSIX-style shell and the programs images carry
//! (coreutils, package managers, servers, `/hello` …). Programs see the world
//! only through the [`Sys`] trait — a filesystem with mounts resolved, a
//! clock, the network — so the same code runs on the host (wired by the
//! sandbox) and inside containers (wired by `engine::runtime`). It never
//! imports the daemon.

pub mod glob;
pub mod io;
pub mod process;
pub mod programs;
pub mod regex;
pub mod shell;
pub mod sys;
pub mod testing;

pub use io::{Action, Output, Stream};
pub use process::{
    service_advance, service_http, service_port, service_signal, session_prompt, shell_line, spawn,
    Exit, ProcCtx, Service, ShellSession,
};
pub use sys::{HttpRequest, HttpResponse, Iface, ProcInfo, Sys, SysKind};
