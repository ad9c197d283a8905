//! Grammar entries of the `system (and the management groups)` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28 defines them (generated from
//! the real CLI's help output; edit with care).

#![allow(unused_imports)]

use crate::cli::grammar::{Arity, Category, Command, Flag};

/// Flags of `docker info`.
const INFO_FLAGS: &[Flag] = &[
    Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
];

/// Commands whose handlers are `system.<verb>`.
pub static COMMANDS: &[Command] = &[
    Command::group("builder", "Manage builds"),
    Command::group("container", "Manage containers"),
    Command::group("image", "Manage images"),
    Command::group("network", "Manage networks"),
    Command::group("system", "Manage Docker"),
    Command::group("volume", "Manage volumes"),
    Command::group("buildx", "Docker Buildx")
        .long("Extended build capabilities with BuildKit")
        .category(Category::Plugin),
    Command::new(
        "info",
        "[OPTIONS]",
        "Display system-wide information",
        Arity::None,
        "system.info",
    )
    .aliases_line("docker system info, docker info")
    .category(Category::Top(12))
    .flags(INFO_FLAGS),
    Command::new(
        "version",
        "[OPTIONS]",
        "Show the Docker version information",
        Arity::None,
        "system.version",
    )
    .category(Category::Top(11))
    .flags(INFO_FLAGS),
    Command::new(
        "system info",
        "[OPTIONS]",
        "Display system-wide information",
        Arity::None,
        "system.info",
    )
    .aliases_line("docker system info, docker info")
    .flags(INFO_FLAGS),
];
