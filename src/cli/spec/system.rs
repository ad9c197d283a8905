//! Grammar entries of the `system` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28.5.2 defines them.

use crate::cli::grammar::Command;

/// Commands whose handlers are `system.<verb>` (see `crate::cli::system`).
pub static COMMANDS: &[Command] = &[];
