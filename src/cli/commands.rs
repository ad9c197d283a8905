//! The command table (grammar data), assembled from each area's
//! `COMMANDS`, and the dispatcher from a parsed invocation to the area
//! handler named by `Command::handler` (`"<area>.<verb>"`).

use super::grammar::Command;
use super::parse::Invocation;
use crate::engine::{Engine, HostId};
use crate::userland::Output;
use std::sync::OnceLock;

/// The client version this CLI reports.
pub const CLIENT_VERSION: &str = "28.5.2";
/// The client's git commit.
pub const CLIENT_COMMIT: &str = "ecc6942";

/// Every command `docker` knows, from all areas.
pub fn table() -> &'static [Command] {
    static TABLE: OnceLock<Vec<Command>> = OnceLock::new();
    TABLE.get_or_init(|| {
        [
            super::spec::system::COMMANDS,
            super::spec::container::COMMANDS,
            super::spec::image::COMMANDS,
            super::spec::registry::COMMANDS,
            super::spec::network::COMMANDS,
            super::spec::volume::COMMANDS,
            super::spec::builder::COMMANDS,
            super::spec::other::COMMANDS,
        ]
        .concat()
    })
}

/// Runs the handler of a parsed command.
pub fn dispatch(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let (area, verb) = inv
        .cmd
        .handler
        .split_once('.')
        .unwrap_or(("", inv.cmd.handler));
    match area {
        "system" => super::system::dispatch(engine, h, verb, inv, out),
        "container" => super::container::dispatch(engine, h, verb, inv, out),
        "image" => super::image::dispatch(engine, h, verb, inv, out),
        "registry" => super::registry::dispatch(engine, h, verb, inv, out),
        "network" => super::network::dispatch(engine, h, verb, inv, out),
        "volume" => super::volume::dispatch(engine, h, verb, inv, out),
        "builder" => super::builder::dispatch(engine, h, verb, inv, out),
        "context" => {
            let env = super::builder::ClientEnv::fallback(engine, h);
            let globals = super::parse::Globals {
                flags: Vec::new(),
                help_short: false,
            };
            super::context::dispatch(engine, h, verb, inv, &globals, &env, out)
        }
        _ => {
            out.errln(format!("docker: no handler for '{}'", inv.cmd.handler));
            1
        }
    }
}
