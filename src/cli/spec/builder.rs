//! Grammar entries of the `builder` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28.5.2 defines them.

use crate::cli::grammar::Command;

/// Commands whose handlers are `builder.<verb>` (see `crate::cli::builder`).
pub static COMMANDS: &[Command] = &[];
