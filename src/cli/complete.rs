//! Tab completion of a `docker …` command line: commands, sub-commands,
//! flags, and the objects the usage line expects (images, containers,
//! networks, volumes), from the grammar and the engine's state.

use crate::engine::{Engine, HostId};

/// Candidate full words for the last word of `line`.
pub fn complete(engine: &Engine, h: HostId, line: &str) -> Vec<String> {
    let _ = (engine, h, line);
    Vec::new()
}
