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
    let mut inv = match parse::parse(commands::table(), argv) {
        Ok((_globals, inv)) => inv,
        Err(e) => return usage::report(&e, out),
    };
    inv.stdin = stdin.to_vec();
    commands::dispatch(engine, h, &inv, out)
}

/// [`run`] from a shell that knows its working directory and environment
/// (`DOCKER_BUILDKIT=1 docker build .` in `~/app`): build commands resolve
/// their context against `env.cwd` and read `env.vars`.
pub fn run_in(
    engine: &mut Engine,
    h: HostId,
    argv: &[String],
    stdin: &[u8],
    env: &builder::ClientEnv,
    out: &mut Output,
) -> i32 {
    let mut inv = match parse::parse(commands::table(), argv) {
        Ok((_globals, inv)) => inv,
        Err(e) => return usage::report(&e, out),
    };
    inv.stdin = stdin.to_vec();
    match inv.cmd.handler.strip_prefix("builder.") {
        Some(verb) => {
            let mut env = env.clone();
            env.stdin = stdin.to_vec();
            builder::dispatch_with_env(engine, h, verb, &inv, &env, out)
        }
        None => match inv.cmd.handler.strip_prefix("container.") {
            Some(verb) => container::dispatch_with_env(engine, h, verb, &inv, env, out),
            None => commands::dispatch(engine, h, &inv, out),
        },
    }
}
