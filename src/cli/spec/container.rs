//! Grammar entries of the `container` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28.5.2 defines them.

use crate::cli::grammar::Command;

/// Commands whose handlers are `container.<verb>` (see `crate::cli::container`).
pub static COMMANDS: &[Command] = &[];
