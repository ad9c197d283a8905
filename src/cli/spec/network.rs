//! Grammar entries of the `network` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28 defines them (generated from
//! the real CLI's help output; edit with care).

#![allow(unused_imports)]

use crate::cli::grammar::{Arity, Category, Command, Flag};

/// Flags of `docker network connect`.
const NETWORK_CONNECT_FLAGS: &[Flag] = &[
    Flag::list(
        "alias",
        None,
        "strings",
        "Add network-scoped alias for the container",
    ),
    Flag::list(
        "driver-opt",
        None,
        "strings",
        "driver options for the network",
    ),
    Flag::value(
        "gw-priority",
        None,
        "int",
        "Highest gw-priority provides the default gateway. Accepts positive and negative values.",
    ),
    Flag::value(
        "ip",
        None,
        "string",
        "IPv4 address (e.g., \"172.30.100.104\")",
    ),
    Flag::value(
        "ip6",
        None,
        "string",
        "IPv6 address (e.g., \"2001:db8::33\")",
    ),
    Flag::list("link", None, "list", "Add link to another container"),
    Flag::list(
        "link-local-ip",
        None,
        "strings",
        "Add a link-local address for the container",
    ),
];
/// Flags of `docker network create`.
const NETWORK_CREATE_FLAGS: &[Flag] = &[
    Flag::bool("attachable", None, "Enable manual container attachment"),
    Flag::list(
        "aux-address",
        None,
        "map",
        "Auxiliary IPv4 or IPv6 addresses used by Network driver",
    )
    .with_default("map[]"),
    Flag::value(
        "config-from",
        None,
        "string",
        "The network from which to copy the configuration",
    ),
    Flag::bool("config-only", None, "Create a configuration only network"),
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
    Flag::bool("ingress", None, "Create swarm routing-mesh network"),
    Flag::bool("internal", None, "Restrict external access to the network"),
    Flag::list(
        "ip-range",
        None,
        "strings",
        "Allocate container ip from a sub-range",
    ),
    Flag::value(
        "ipam-driver",
        None,
        "string",
        "IP Address Management Driver",
    )
    .with_default("\"default\""),
    Flag::list("ipam-opt", None, "map", "Set IPAM driver specific options").with_default("map[]"),
    Flag::bool("ipv4", None, "Enable or disable IPv4 address assignment").with_default("true"),
    Flag::bool("ipv6", None, "Enable or disable IPv6 address assignment"),
    Flag::list("label", None, "list", "Set metadata on a network"),
    Flag::list("opt", Some('o'), "map", "Set driver specific options").with_default("map[]"),
    Flag::value("scope", None, "string", "Control the network's scope"),
    Flag::list(
        "subnet",
        None,
        "strings",
        "Subnet in CIDR format that represents a network segment",
    ),
];
/// Flags of `docker network disconnect`.
const NETWORK_DISCONNECT_FLAGS: &[Flag] = &[Flag::bool(
    "force",
    Some('f'),
    "Force the container to disconnect from a network",
)];
/// Flags of `docker network inspect`.
const NETWORK_INSPECT_FLAGS: &[Flag] = &[
    Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("verbose", Some('v'), "Verbose output for diagnostics"),
];
/// Flags of `docker network ls`.
const NETWORK_LS_FLAGS: &[Flag] = &[
    Flag::list("filter", Some('f'), "filter", "Provide filter values (e.g. \"driver=bridge\")"),
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("no-trunc", None, "Do not truncate the output"),
    Flag::bool("quiet", Some('q'), "Only display network IDs"),
];
/// Flags of `docker network prune`.
const NETWORK_PRUNE_FLAGS: &[Flag] = &[
    Flag::list(
        "filter",
        None,
        "filter",
        "Provide filter values (e.g. \"until=<timestamp>\")",
    ),
    Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
];
/// Flags of `docker network rm`.
const NETWORK_RM_FLAGS: &[Flag] = &[Flag::bool(
    "force",
    Some('f'),
    "Do not error if the network does not exist",
)];

/// Commands whose handlers are `network.<verb>`.
pub static COMMANDS: &[Command] = &[
    Command::new(
        "network connect",
        "[OPTIONS] NETWORK CONTAINER",
        "Connect a container to a network",
        Arity::Exact(2),
        "network.connect",
    )
    .flags(NETWORK_CONNECT_FLAGS),
    Command::new(
        "network create",
        "[OPTIONS] NETWORK",
        "Create a network",
        Arity::Exact(1),
        "network.create",
    )
    .flags(NETWORK_CREATE_FLAGS),
    Command::new(
        "network disconnect",
        "[OPTIONS] NETWORK CONTAINER",
        "Disconnect a container from a network",
        Arity::Exact(2),
        "network.disconnect",
    )
    .flags(NETWORK_DISCONNECT_FLAGS),
    Command::new(
        "network inspect",
        "[OPTIONS] NETWORK [NETWORK...]",
        "Display detailed information on one or more networks",
        Arity::AtLeast(1),
        "network.inspect",
    )
    .flags(NETWORK_INSPECT_FLAGS),
    Command::new(
        "network ls",
        "[OPTIONS]",
        "List networks",
        Arity::None,
        "network.ls",
    )
    .aliases(&["list"])
    .aliases_line("docker network ls, docker network list")
    .flags(NETWORK_LS_FLAGS),
    Command::new(
        "network prune",
        "[OPTIONS]",
        "Remove all unused networks",
        Arity::None,
        "network.prune",
    )
    .flags(NETWORK_PRUNE_FLAGS),
    Command::new(
        "network rm",
        "NETWORK [NETWORK...]",
        "Remove one or more networks",
        Arity::AtLeast(1),
        "network.rm",
    )
    .aliases(&["remove"])
    .aliases_line("docker network rm, docker network remove")
    .flags(NETWORK_RM_FLAGS),
];
