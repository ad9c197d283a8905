//! Volume commands: volume ls, create, rm, inspect, prune.
//! Owns the grammar entries ([`COMMANDS`]) and the handlers of these commands.

use super::grammar::Command;
use super::parse::Invocation;
use crate::engine::{Engine, HostId};
use crate::userland::Output;

/// Grammar entries of this area (handlers named `volume.<verb>`).
pub static COMMANDS: &[Command] = &[];

/// Runs the handler named `verb` (the part after `volume.`).
pub fn dispatch(
    engine: &mut Engine,
    h: HostId,
    verb: &str,
    inv: &Invocation,
    out: &mut Output,
) -> i32 {
    let _ = (engine, h, inv);
    out.errln(format!("docker: '{verb}' is not implemented yet"));
    1
}
