//! The `docker` client: parses the command line against the grammar
//! ([`commands::table`]), calls the daemon's API, and renders results and
//! errors exactly as the real CLI does. Also home of the client-side
//! formatting (tables, sizes, durations, Go templates).

pub mod builder;
pub mod client;
pub mod commands;
pub mod complete;
pub mod container;
pub mod context;
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
    let env = builder::ClientEnv::fallback(engine, h);
    run_in(engine, h, argv, stdin, &env, out)
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
    let (globals, mut inv) = match parse::parse(commands::table(), argv) {
        Ok(x) => x,
        Err(e) => return usage::report(&e, out),
    };
    inv.stdin = stdin.to_vec();
    let handler = inv.cmd.handler;
    if let Some(verb) = handler.strip_prefix("context.") {
        return context::dispatch(engine, h, verb, &inv, &globals, env, out);
    }
    if handler.starts_with("system.unsupported") || handler == "registry.logout" {
        return commands::dispatch(engine, h, &inv, out);
    }
    // Every other command talks to a daemon: find it, ping it.
    let endpoint = client::endpoint(engine, h, &globals, env);
    let context = endpoint
        .as_ref()
        .map_or_else(|_| "default".to_string(), |e| e.context.clone());
    let connected = endpoint.and_then(|ep| client::Client::connect(engine, h, ep));
    let answer = connected.as_ref().map_err(Clone::clone);
    match handler {
        "system.version" => return system::version(engine, &context, answer, &inv, out),
        "system.info" => return system::info(engine, &context, answer, &inv, out),
        _ => {}
    }
    let client = match connected {
        Ok(c) => c,
        Err(msg) => {
            return if matches!(handler, "container.run" | "container.create") {
                out.errln(format!(
                    "docker: {msg}\n\nRun '{} --help' for more information",
                    inv.command_path()
                ));
                125
            } else {
                out.errln(msg);
                1
            };
        }
    };
    let h = client.machine;
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
