//! Grammar entries of the `image` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28.5.2 defines them.

use crate::cli::grammar::Command;

/// Commands whose handlers are `image.<verb>` (see `crate::cli::image`).
pub static COMMANDS: &[Command] = &[];
