//! Grammar entries of the `image` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28 defines them (generated from
//! the real CLI's help output; edit with care).

#![allow(unused_imports)]

use crate::cli::grammar::{Arity, Category, Command, Flag};

/// Flags of `docker commit`.
const COMMIT_FLAGS: &[Flag] = &[
    Flag::value(
        "author",
        Some('a'),
        "string",
        "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")",
    ),
    Flag::list(
        "change",
        Some('c'),
        "list",
        "Apply Dockerfile instruction to the created image",
    ),
    Flag::value("message", Some('m'), "string", "Commit message"),
    Flag::bool("pause", Some('p'), "Pause container during commit").with_default("true"),
];
/// Flags of `docker history`.
const HISTORY_FLAGS: &[Flag] = &[
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("human", Some('H'), "Print sizes and dates in human readable format").with_default("true"),
    Flag::bool("no-trunc", None, "Don't truncate output"),
    Flag::value("platform", None, "string", "Show history for the given platform. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")"),
    Flag::bool("quiet", Some('q'), "Only show image IDs"),
];
/// Flags of `docker images`.
const IMAGES_FLAGS: &[Flag] = &[
    Flag::bool("all", Some('a'), "Show all images").with_default("hides intermediate images"),
    Flag::bool("digests", None, "Show digests"),
    Flag::list("filter", Some('f'), "filter", "Filter output based on conditions provided"),
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("no-trunc", None, "Don't truncate output"),
    Flag::bool("quiet", Some('q'), "Only show image IDs"),
    Flag::bool("tree", None, "List multi-platform images as a tree (EXPERIMENTAL)"),
];
/// Flags of `docker load`.
const LOAD_FLAGS: &[Flag] = &[
    Flag::value("input", Some('i'), "string", "Read from tar archive file, instead of STDIN"),
    Flag::value("platform", None, "string", "Load only the given platform variant. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")"),
    Flag::bool("quiet", Some('q'), "Suppress the load output"),
];
/// Flags of `docker pull`.
const PULL_FLAGS: &[Flag] = &[
    Flag::bool(
        "all-tags",
        Some('a'),
        "Download all tagged images in the repository",
    ),
    Flag::bool("disable-content-trust", None, "Skip image verification").with_default("true"),
    Flag::value(
        "platform",
        None,
        "string",
        "Set platform if server is multi-platform capable",
    ),
    Flag::bool("quiet", Some('q'), "Suppress verbose output"),
];
/// Flags of `docker rmi`.
const RMI_FLAGS: &[Flag] = &[
    Flag::bool("force", Some('f'), "Force removal of the image"),
    Flag::bool("no-prune", None, "Do not delete untagged parents"),
    Flag::list("platform", None, "strings", "Remove only the given platform variant. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")"),
];
/// Flags of `docker save`.
const SAVE_FLAGS: &[Flag] = &[
    Flag::value("output", Some('o'), "string", "Write to a file, instead of STDOUT"),
    Flag::value("platform", None, "string", "Save only the given platform variant. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")"),
];
/// Flags of `docker image inspect`.
const IMAGE_INSPECT_FLAGS: &[Flag] = &[
    Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::value("platform", None, "string", "Inspect a specific platform of the multi-platform image.\nIf the image or the server is not multi-platform capable, the command will error out if the platform does not match. 'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)"),
];
/// Flags of `docker image prune`.
const IMAGE_PRUNE_FLAGS: &[Flag] = &[
    Flag::bool(
        "all",
        Some('a'),
        "Remove all unused images, not just dangling ones",
    ),
    Flag::list(
        "filter",
        None,
        "filter",
        "Provide filter values (e.g. \"until=<timestamp>\")",
    ),
    Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
];
/// Flags of `docker system df`.
const SYSTEM_DF_FLAGS: &[Flag] = &[
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("verbose", Some('v'), "Show detailed information on space usage"),
];
/// Flags of `docker system prune`.
const SYSTEM_PRUNE_FLAGS: &[Flag] = &[
    Flag::bool(
        "all",
        Some('a'),
        "Remove all unused images not just dangling ones",
    ),
    Flag::list(
        "filter",
        None,
        "filter",
        "Provide filter values (e.g. \"label=<key>=<value>\")",
    ),
    Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
    Flag::bool("volumes", None, "Prune anonymous volumes"),
];

/// Commands whose handlers are `image.<verb>`.
pub static COMMANDS: &[Command] = &[
    Command::new(
        "commit",
        "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
        "Create a new image from a container's changes",
        Arity::Range(1, 2),
        "image.commit",
    )
    .aliases_line("docker container commit, docker commit")
    .flags(COMMIT_FLAGS),
    Command::new(
        "history",
        "[OPTIONS] IMAGE",
        "Show the history of an image",
        Arity::Exact(1),
        "image.history",
    )
    .aliases_line("docker image history, docker history")
    .flags(HISTORY_FLAGS),
    Command::new(
        "images",
        "[OPTIONS] [REPOSITORY[:TAG]]",
        "List images",
        Arity::AtMost(1),
        "image.images",
    )
    .aliases_line("docker image ls, docker image list, docker images")
    .category(Category::Top(7))
    .flags(IMAGES_FLAGS),
    Command::new(
        "load",
        "[OPTIONS]",
        "Load an image from a tar archive or STDIN",
        Arity::None,
        "image.load",
    )
    .aliases_line("docker image load, docker load")
    .flags(LOAD_FLAGS),
    Command::new(
        "pull",
        "[OPTIONS] NAME[:TAG|@DIGEST]",
        "Download an image from a registry",
        Arity::Exact(1),
        "image.pull",
    )
    .aliases_line("docker image pull, docker pull")
    .category(Category::Top(5))
    .flags(PULL_FLAGS),
    Command::new(
        "rmi",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Remove one or more images",
        Arity::AtLeast(1),
        "image.rmi",
    )
    .aliases_line("docker image rm, docker image remove, docker rmi")
    .flags(RMI_FLAGS),
    Command::new(
        "save",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Save one or more images to a tar archive (streamed to STDOUT by default)",
        Arity::AtLeast(1),
        "image.save",
    )
    .aliases_line("docker image save, docker save")
    .flags(SAVE_FLAGS),
    Command::new(
        "tag",
        "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
        "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
        Arity::Exact(2),
        "image.tag",
    )
    .aliases_line("docker image tag, docker tag"),
    Command::new(
        "container commit",
        "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
        "Create a new image from a container's changes",
        Arity::Range(1, 2),
        "image.commit",
    )
    .aliases_line("docker container commit, docker commit")
    .flags(COMMIT_FLAGS),
    Command::new(
        "image history",
        "[OPTIONS] IMAGE",
        "Show the history of an image",
        Arity::Exact(1),
        "image.history",
    )
    .aliases_line("docker image history, docker history")
    .flags(HISTORY_FLAGS),
    Command::new(
        "image inspect",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Display detailed information on one or more images",
        Arity::AtLeast(1),
        "image.inspect",
    )
    .flags(IMAGE_INSPECT_FLAGS),
    Command::new(
        "image load",
        "[OPTIONS]",
        "Load an image from a tar archive or STDIN",
        Arity::None,
        "image.load",
    )
    .aliases_line("docker image load, docker load")
    .flags(LOAD_FLAGS),
    Command::new(
        "image ls",
        "[OPTIONS] [REPOSITORY[:TAG]]",
        "List images",
        Arity::AtMost(1),
        "image.images",
    )
    .aliases(&["list"])
    .aliases_line("docker image ls, docker image list, docker images")
    .flags(IMAGES_FLAGS),
    Command::new(
        "image prune",
        "[OPTIONS]",
        "Remove unused images",
        Arity::None,
        "image.prune",
    )
    .flags(IMAGE_PRUNE_FLAGS),
    Command::new(
        "image pull",
        "[OPTIONS] NAME[:TAG|@DIGEST]",
        "Download an image from a registry",
        Arity::Exact(1),
        "image.pull",
    )
    .aliases_line("docker image pull, docker pull")
    .flags(PULL_FLAGS),
    Command::new(
        "image rm",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Remove one or more images",
        Arity::AtLeast(1),
        "image.rmi",
    )
    .aliases(&["remove"])
    .aliases_line("docker image rm, docker image remove, docker rmi")
    .flags(RMI_FLAGS),
    Command::new(
        "image save",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Save one or more images to a tar archive (streamed to STDOUT by default)",
        Arity::AtLeast(1),
        "image.save",
    )
    .aliases_line("docker image save, docker save")
    .flags(SAVE_FLAGS),
    Command::new(
        "image tag",
        "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
        "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
        Arity::Exact(2),
        "image.tag",
    )
    .aliases_line("docker image tag, docker tag"),
    Command::new(
        "system df",
        "[OPTIONS]",
        "Show docker disk usage",
        Arity::None,
        "image.df",
    )
    .flags(SYSTEM_DF_FLAGS),
    Command::new(
        "system prune",
        "[OPTIONS]",
        "Remove unused data",
        Arity::None,
        "image.system_prune",
    )
    .flags(SYSTEM_PRUNE_FLAGS),
];
