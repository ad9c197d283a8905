//! The command table (grammar data) and the dispatcher from a parsed
//! invocation to the handler that calls the daemon.

use super::grammar::{Arity, Command, Flag};
use super::parse::Invocation;
use crate::engine::{Engine, HostId};
use crate::userland::Output;

/// The client version this CLI reports.
pub const CLIENT_VERSION: &str = "28.5.2";
/// The client's git commit.
pub const CLIENT_COMMIT: &str = "ecc6942";

/// Every command `docker` knows.
pub static TABLE: &[Command] = &[Command {
    path: "version",
    usage: "[OPTIONS]",
    short: "Show the Docker version information",
    aliases: &[],
    arity: Arity::None,
    flags: &[Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates")],
    stop_at_first_arg: false,
    handler: "system.version",
}];

/// Runs the handler of a parsed command.
pub fn dispatch(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let _ = (engine, h);
    match inv.cmd.handler {
        "system.version" => {
            out.outln(format!("Client:\n Version:           {}", CLIENT_VERSION));
            0
        }
        other => {
            out.errln(format!("docker: '{other}' is not implemented"));
            1
        }
    }
}
