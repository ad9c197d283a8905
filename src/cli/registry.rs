//! Registry commands: login, logout, push, search.
//! Owns the handlers of these commands; their grammar is in `cli::spec`.

use super::parse::Invocation;
use crate::engine::{Engine, HostId};
use crate::userland::Output;

/// Runs the handler named `verb` (the part after `registry.`).
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
