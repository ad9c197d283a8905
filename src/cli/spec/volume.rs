//! Grammar entries of the `volume` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28.5.2 defines them.
//!
//! (Temporary entries written with the volume handlers; the cli area's
//! complete table replaces them.)

use crate::cli::grammar::{Arity, Command, Flag};

const CREATE_FLAGS: &[Flag] = &[
    Flag::value("driver", Some('d'), "string", "Specify volume driver name")
        .with_default("\"local\""),
    Flag::list("label", None, "list", "Set metadata for a volume"),
    Flag::list("opt", Some('o'), "map", "Set driver specific options"),
    Flag::value("name", None, "string", "Specify volume name").hidden(),
];

const LS_FLAGS: &[Flag] = &[
    Flag::list(
        "filter",
        Some('f'),
        "filter",
        "Provide filter values (e.g. \"dangling=true\")",
    ),
    Flag::value(
        "format",
        None,
        "string",
        "Format output using a custom template",
    ),
    Flag::bool("quiet", Some('q'), "Only display volume names"),
];

const RM_FLAGS: &[Flag] = &[Flag::bool(
    "force",
    Some('f'),
    "Force the removal of one or more volumes",
)];

const INSPECT_FLAGS: &[Flag] = &[Flag::value(
    "format",
    Some('f'),
    "string",
    "Format output using a custom template",
)];

const PRUNE_FLAGS: &[Flag] = &[
    Flag::bool(
        "all",
        Some('a'),
        "Remove all unused volumes, not just anonymous ones",
    ),
    Flag::list(
        "filter",
        None,
        "filter",
        "Provide filter values (e.g. \"label=<label>\")",
    ),
    Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
    Flag::value(
        "confirm",
        None,
        "string",
        "Answer to the confirmation prompt",
    )
    .hidden(),
];

const fn cmd(
    path: &'static str,
    usage: &'static str,
    short: &'static str,
    aliases: &'static [&'static str],
    arity: Arity,
    flags: &'static [Flag],
    handler: &'static str,
) -> Command {
    Command {
        path,
        usage,
        short,
        aliases,
        arity,
        flags,
        stop_at_first_arg: false,
        handler,
    }
}

/// Commands whose handlers are `volume.<verb>` (see `crate::cli::volume`).
pub static COMMANDS: &[Command] = &[
    cmd(
        "volume",
        "COMMAND",
        "Manage volumes",
        &[],
        Arity::Any,
        &[],
        "",
    ),
    cmd(
        "volume create",
        "[OPTIONS] [VOLUME]",
        "Create a volume",
        &[],
        Arity::AtMost(1),
        CREATE_FLAGS,
        "volume.create",
    ),
    cmd(
        "volume ls",
        "[OPTIONS]",
        "List volumes",
        &["volume list"],
        Arity::None,
        LS_FLAGS,
        "volume.ls",
    ),
    cmd(
        "volume list",
        "[OPTIONS]",
        "List volumes",
        &["volume ls"],
        Arity::None,
        LS_FLAGS,
        "volume.ls",
    ),
    cmd(
        "volume rm",
        "[OPTIONS] VOLUME [VOLUME...]",
        "Remove one or more volumes",
        &["volume remove"],
        Arity::AtLeast(1),
        RM_FLAGS,
        "volume.rm",
    ),
    cmd(
        "volume remove",
        "[OPTIONS] VOLUME [VOLUME...]",
        "Remove one or more volumes",
        &["volume rm"],
        Arity::AtLeast(1),
        RM_FLAGS,
        "volume.rm",
    ),
    cmd(
        "volume inspect",
        "[OPTIONS] VOLUME [VOLUME...]",
        "Display detailed information on one or more volumes",
        &[],
        Arity::AtLeast(1),
        INSPECT_FLAGS,
        "volume.inspect",
    ),
    cmd(
        "volume prune",
        "[OPTIONS]",
        "Remove unused local volumes",
        &[],
        Arity::None,
        PRUNE_FLAGS,
        "volume.prune",
    ),
];
