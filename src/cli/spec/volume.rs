//! Grammar entries of the `volume` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28 defines them (generated from
//! the real CLI's help output; edit with care).

#![allow(unused_imports)]

use crate::cli::grammar::{Arity, Category, Command, Flag};

/// Flags of `docker volume create`.
const VOLUME_CREATE_FLAGS: &[Flag] = &[
    Flag::value(
        "availability",
        None,
        "string",
        "Cluster Volume availability (\"active\", \"pause\", \"drain\")",
    )
    .with_default("\"active\""),
    Flag::value("driver", Some('d'), "string", "Specify volume driver name")
        .with_default("\"local\""),
    Flag::value(
        "group",
        None,
        "string",
        "Cluster Volume group (cluster volumes)",
    ),
    Flag::list("label", None, "list", "Set metadata for a volume"),
    Flag::value(
        "limit-bytes",
        None,
        "bytes",
        "Minimum size of the Cluster Volume in bytes",
    ),
    Flag::list("opt", Some('o'), "map", "Set driver specific options").with_default("map[]"),
    Flag::value(
        "required-bytes",
        None,
        "bytes",
        "Maximum size of the Cluster Volume in bytes",
    ),
    Flag::value(
        "scope",
        None,
        "string",
        "Cluster Volume access scope (\"single\", \"multi\")",
    )
    .with_default("\"single\""),
    Flag::list("secret", None, "map", "Cluster Volume secrets").with_default("map[]"),
    Flag::value(
        "sharing",
        None,
        "string",
        "Cluster Volume access sharing (\"none\", \"readonly\", \"onewriter\", \"all\")",
    )
    .with_default("\"none\""),
    Flag::list(
        "topology-preferred",
        None,
        "list",
        "A topology that the Cluster Volume would be preferred in",
    ),
    Flag::list(
        "topology-required",
        None,
        "list",
        "A topology that the Cluster Volume must be accessible from",
    ),
    Flag::value(
        "type",
        None,
        "string",
        "Cluster Volume access type (\"mount\", \"block\")",
    )
    .with_default("\"block\""),
];
/// Flags of `docker volume inspect`.
const VOLUME_INSPECT_FLAGS: &[Flag] = &[
    Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
];
/// Flags of `docker volume ls`.
const VOLUME_LS_FLAGS: &[Flag] = &[
    Flag::bool("cluster", None, "Display only cluster volumes, and use cluster volume list formatting"),
    Flag::list("filter", Some('f'), "filter", "Provide filter values (e.g. \"dangling=true\")"),
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("quiet", Some('q'), "Only display volume names"),
];
/// Flags of `docker volume prune`.
const VOLUME_PRUNE_FLAGS: &[Flag] = &[
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
];
/// Flags of `docker volume rm`.
const VOLUME_RM_FLAGS: &[Flag] = &[Flag::bool(
    "force",
    Some('f'),
    "Force the removal of one or more volumes",
)];

/// Commands whose handlers are `volume.<verb>`.
pub static COMMANDS: &[Command] = &[
    Command::new(
        "volume create",
        "[OPTIONS] [VOLUME]",
        "Create a volume",
        Arity::AtMost(1),
        "volume.create",
    )
    .flags(VOLUME_CREATE_FLAGS),
    Command::new(
        "volume inspect",
        "[OPTIONS] VOLUME [VOLUME...]",
        "Display detailed information on one or more volumes",
        Arity::AtLeast(1),
        "volume.inspect",
    )
    .flags(VOLUME_INSPECT_FLAGS),
    Command::new(
        "volume ls",
        "[OPTIONS]",
        "List volumes",
        Arity::None,
        "volume.ls",
    )
    .aliases(&["list"])
    .aliases_line("docker volume ls, docker volume list")
    .flags(VOLUME_LS_FLAGS),
    Command::new(
        "volume prune",
        "[OPTIONS]",
        "Remove unused local volumes",
        Arity::None,
        "volume.prune",
    )
    .flags(VOLUME_PRUNE_FLAGS),
    Command::new(
        "volume rm",
        "[OPTIONS] VOLUME [VOLUME...]",
        "Remove one or more volumes",
        Arity::AtLeast(1),
        "volume.rm",
    )
    .long("Remove one or more volumes. You cannot remove a volume that is in use by a container.")
    .aliases(&["remove"])
    .aliases_line("docker volume rm, docker volume remove")
    .flags(VOLUME_RM_FLAGS),
];
