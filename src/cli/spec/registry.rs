//! Grammar entries of the `registry` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28.5.2 defines them.

use crate::cli::grammar::Command;

/// Commands whose handlers are `registry.<verb>` (see `crate::cli::registry`).
pub static COMMANDS: &[Command] = &[];
