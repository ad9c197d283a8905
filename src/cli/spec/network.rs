//! Grammar entries of the `network` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28.5.2 defines them.

use crate::cli::grammar::Command;

/// Commands whose handlers are `network.<verb>` (see `crate::cli::network`).
pub static COMMANDS: &[Command] = &[];
