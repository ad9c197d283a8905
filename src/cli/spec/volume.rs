//! Grammar entries of the `volume` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28.5.2 defines them.

use crate::cli::grammar::Command;

/// Commands whose handlers are `volume.<verb>` (see `crate::cli::volume`).
pub static COMMANDS: &[Command] = &[];
