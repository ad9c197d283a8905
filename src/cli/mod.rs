//! The `docker` client: parses the command line against the grammar
//! ([`commands::TABLE`]), calls the daemon's API, and renders results and
//! errors exactly as the real CLI does. Also home of the client-side
//! formatting (tables, sizes, durations, Go templates).

pub mod builder;
pub mod commands;
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
    if argv.is_empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help" {
        out.out(usage::root_help());
        return 0;
    }
    if argv[0] == "--version" || argv[0] == "-v" {
        out.outln(format!(
            "Docker version {}, build {}",
            commands::CLIENT_VERSION,
            commands::CLIENT_COMMIT
        ));
        return 0;
    }
    let (cmd, used) = match parse::find_command(commands::table(), argv) {
        Ok(x) => x,
        Err(e) => return usage::report(&e, out),
    };
    let inv = match parse::parse_flags(cmd, &argv[used..]) {
        Ok(inv) => inv,
        Err(e) => return usage::report(&e, out),
    };
    commands::dispatch(engine, h, &inv, out)
}
