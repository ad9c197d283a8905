//! Grammar entries of the `network` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28.5.2 defines them.
//!
//! (Temporary entries written with the network handlers; the cli area's
//! complete table replaces them.)

use crate::cli::grammar::{Arity, Command, Flag};

const LS_FLAGS: &[Flag] = &[
    Flag::list(
        "filter",
        Some('f'),
        "filter",
        "Provide filter values (e.g. \"driver=bridge\")",
    ),
    Flag::value(
        "format",
        None,
        "string",
        "Format output using a custom template",
    ),
    Flag::bool("no-trunc", None, "Do not truncate the output"),
    Flag::bool("quiet", Some('q'), "Only display network IDs"),
];

const CREATE_FLAGS: &[Flag] = &[
    Flag::bool("attachable", None, "Enable manual container attachment"),
    Flag::value(
        "driver",
        Some('d'),
        "string",
        "Driver to manage the Network",
    )
    .with_default("\"bridge\""),
    Flag::list(
        "gateway",
        None,
        "strings",
        "IPv4 or IPv6 Gateway for the master subnet",
    ),
    Flag::bool("internal", None, "Restrict external access to the network"),
    Flag::list("label", None, "list", "Set metadata on a network"),
    Flag::list("opt", Some('o'), "map", "Set driver specific options"),
    Flag::list(
        "subnet",
        None,
        "strings",
        "Subnet in CIDR format that represents a network segment",
    ),
];

const RM_FLAGS: &[Flag] = &[Flag::bool(
    "force",
    Some('f'),
    "Do not error if the network does not exist",
)];

const INSPECT_FLAGS: &[Flag] = &[
    Flag::value(
        "format",
        Some('f'),
        "string",
        "Format output using a custom template",
    ),
    Flag::bool("verbose", Some('v'), "Verbose output for diagnostics"),
];

const CONNECT_FLAGS: &[Flag] = &[
    Flag::list(
        "alias",
        None,
        "strings",
        "Add network-scoped alias for the container",
    ),
    Flag::value(
        "ip",
        None,
        "string",
        "IPv4 address (e.g., \"172.30.100.104\")",
    ),
];

const DISCONNECT_FLAGS: &[Flag] = &[Flag::bool(
    "force",
    Some('f'),
    "Force the container to disconnect from a network",
)];

const PRUNE_FLAGS: &[Flag] = &[
    Flag::list(
        "filter",
        None,
        "filter",
        "Provide filter values (e.g. \"until=<timestamp>\")",
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

/// Commands whose handlers are `network.<verb>` (see `crate::cli::network`).
pub static COMMANDS: &[Command] = &[
    cmd(
        "network",
        "COMMAND",
        "Manage networks",
        &[],
        Arity::Any,
        &[],
        "",
    ),
    cmd(
        "network ls",
        "[OPTIONS]",
        "List networks",
        &["network list"],
        Arity::None,
        LS_FLAGS,
        "network.ls",
    ),
    cmd(
        "network list",
        "[OPTIONS]",
        "List networks",
        &["network ls"],
        Arity::None,
        LS_FLAGS,
        "network.ls",
    ),
    cmd(
        "network create",
        "[OPTIONS] NETWORK",
        "Create a network",
        &[],
        Arity::Exact(1),
        CREATE_FLAGS,
        "network.create",
    ),
    cmd(
        "network rm",
        "NETWORK [NETWORK...]",
        "Remove one or more networks",
        &["network remove"],
        Arity::AtLeast(1),
        RM_FLAGS,
        "network.rm",
    ),
    cmd(
        "network remove",
        "NETWORK [NETWORK...]",
        "Remove one or more networks",
        &["network rm"],
        Arity::AtLeast(1),
        RM_FLAGS,
        "network.rm",
    ),
    cmd(
        "network inspect",
        "[OPTIONS] NETWORK [NETWORK...]",
        "Display detailed information on one or more networks",
        &[],
        Arity::AtLeast(1),
        INSPECT_FLAGS,
        "network.inspect",
    ),
    cmd(
        "network connect",
        "[OPTIONS] NETWORK CONTAINER",
        "Connect a container to a network",
        &[],
        Arity::Exact(2),
        CONNECT_FLAGS,
        "network.connect",
    ),
    cmd(
        "network disconnect",
        "[OPTIONS] NETWORK CONTAINER",
        "Disconnect a container from a network",
        &[],
        Arity::Exact(2),
        DISCONNECT_FLAGS,
        "network.disconnect",
    ),
    cmd(
        "network prune",
        "[OPTIONS]",
        "Remove all unused networks",
        &[],
        Arity::None,
        PRUNE_FLAGS,
        "network.prune",
    ),
];
