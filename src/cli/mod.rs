//! The `docker` client: parses the command line against the grammar
//! ([`commands::table`]), calls the daemon's API, and renders results and
//! errors exactly as the real CLI does. Also home of the client-side
//! formatting (tables, sizes, durations, Go templates).

pub mod builder;
pub mod commands;
pub mod complete;
pub mod container;
pub mod format;
pub mod grammar;
pub mod image;
pub mod network;
pub mod parse;
pub mod registry;
pub mod spec;
pub mod system;
pub mod usage;
pub mod volume;

use crate::engine::{Engine, HostId};
use crate::userland::Output;

/// Runs `docker <argv…>` on host `h`; writes to `out` and returns the exit code.
pub fn run(engine: &mut Engine, h: HostId, argv: &[String], stdin: &[u8], out: &mut Output) -> i32 {
    let _ = stdin;
    let inv = match parse::parse(commands::table(), argv) {
        Ok((_globals, inv)) => inv,
        Err(e) => return usage::report(&e, out),
    };
    commands::dispatch(engine, h, &inv, out)
}
