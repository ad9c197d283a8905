//! Grammar entries of the `image` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28.5.2 defines them.
//! (Temporary entries of the images helper; the grammar owner's replace them.)

use crate::cli::grammar::{Arity, Command, Flag};

const LS_FLAGS: &[Flag] = &[
    Flag::bool("all", Some('a'), "Show all images (default hides intermediate images)"),
    Flag::bool("digests", None, "Show digests"),
    Flag::list("filter", Some('f'), "filter", "Filter output based on conditions provided"),
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("no-trunc", None, "Don't truncate output"),
    Flag::bool("quiet", Some('q'), "Only show image IDs"),
    Flag::bool("tree", None, "List multi-platform images as a tree (EXPERIMENTAL)"),
];
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
const RMI_FLAGS: &[Flag] = &[
    Flag::bool("force", Some('f'), "Force removal of the image"),
    Flag::bool("no-prune", None, "Do not delete untagged parents"),
    Flag::list("platform", None, "stringSlice", "Remove only the given platform variant. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")"),
];
const HISTORY_FLAGS: &[Flag] = &[
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("human", Some('H'), "Print sizes and dates in human readable format").with_default("true"),
    Flag::bool("no-trunc", None, "Don't truncate output"),
    Flag::value("platform", None, "string", "Show history for the given platform. Formatted as \"os[/arch[/variant]]\" (e.g., \"linux/amd64\")"),
    Flag::bool("quiet", Some('q'), "Only show image IDs"),
];
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
    Flag::bool("no-pause", None, "Disable pausing container during commit"),
    Flag::bool("pause", Some('p'), "Pause container during commit").with_default("true"),
];
const INSPECT_FLAGS: &[Flag] = &[
    Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::value("platform", None, "string", "Inspect a specific platform of the multi-platform image."),
];
const PRUNE_FLAGS: &[Flag] = &[
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
const SAVE_FLAGS: &[Flag] = &[
    Flag::value(
        "output",
        Some('o'),
        "string",
        "Write to a file, instead of STDOUT",
    ),
    Flag::list(
        "platform",
        None,
        "stringSlice",
        "Save only the given platform(s).",
    ),
];
const LOAD_FLAGS: &[Flag] = &[
    Flag::value(
        "input",
        Some('i'),
        "string",
        "Read from tar archive file, instead of STDIN",
    ),
    Flag::list(
        "platform",
        None,
        "stringSlice",
        "Load only the given platform(s).",
    ),
    Flag::bool("quiet", Some('q'), "Suppress the load output"),
];
const DF_FLAGS: &[Flag] = &[
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("verbose", Some('v'), "Show detailed information on space usage"),
];
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

const LS: &[&str] = &["docker image ls", "docker image list", "docker images"];
const PULL: &[&str] = &["docker image pull", "docker pull"];
const RMI: &[&str] = &["docker image rm", "docker image remove", "docker rmi"];
const TAG: &[&str] = &["docker image tag", "docker tag"];
const HIST: &[&str] = &["docker image history", "docker history"];
const COMMIT: &[&str] = &["docker container commit", "docker commit"];
const SAVE: &[&str] = &["docker image save", "docker save"];
const LOAD: &[&str] = &["docker image load", "docker load"];

/// Commands whose handlers are `image.<verb>` (see `crate::cli::image`).
pub static COMMANDS: &[Command] = &[
    cmd(
        "image",
        "COMMAND",
        "Manage images",
        &[],
        Arity::Any,
        &[],
        "",
    ),
    cmd(
        "images",
        "[OPTIONS] [REPOSITORY[:TAG]]",
        "List images",
        LS,
        Arity::AtMost(1),
        LS_FLAGS,
        "image.images",
    ),
    cmd(
        "image ls",
        "[OPTIONS] [REPOSITORY[:TAG]]",
        "List images",
        LS,
        Arity::AtMost(1),
        LS_FLAGS,
        "image.images",
    ),
    cmd(
        "image list",
        "[OPTIONS] [REPOSITORY[:TAG]]",
        "List images",
        LS,
        Arity::AtMost(1),
        LS_FLAGS,
        "image.images",
    ),
    cmd(
        "pull",
        "[OPTIONS] NAME[:TAG|@DIGEST]",
        "Download an image from a registry",
        PULL,
        Arity::Exact(1),
        PULL_FLAGS,
        "image.pull",
    ),
    cmd(
        "image pull",
        "[OPTIONS] NAME[:TAG|@DIGEST]",
        "Download an image from a registry",
        PULL,
        Arity::Exact(1),
        PULL_FLAGS,
        "image.pull",
    ),
    cmd(
        "rmi",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Remove one or more images",
        RMI,
        Arity::AtLeast(1),
        RMI_FLAGS,
        "image.rmi",
    ),
    cmd(
        "image rm",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Remove one or more images",
        RMI,
        Arity::AtLeast(1),
        RMI_FLAGS,
        "image.rmi",
    ),
    cmd(
        "image remove",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Remove one or more images",
        RMI,
        Arity::AtLeast(1),
        RMI_FLAGS,
        "image.rmi",
    ),
    cmd(
        "tag",
        "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
        "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
        TAG,
        Arity::Exact(2),
        &[],
        "image.tag",
    ),
    cmd(
        "image tag",
        "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
        "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
        TAG,
        Arity::Exact(2),
        &[],
        "image.tag",
    ),
    cmd(
        "history",
        "[OPTIONS] IMAGE",
        "Show the history of an image",
        HIST,
        Arity::Exact(1),
        HISTORY_FLAGS,
        "image.history",
    ),
    cmd(
        "image history",
        "[OPTIONS] IMAGE",
        "Show the history of an image",
        HIST,
        Arity::Exact(1),
        HISTORY_FLAGS,
        "image.history",
    ),
    cmd(
        "commit",
        "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
        "Create a new image from a container's changes",
        COMMIT,
        Arity::Range(1, 2),
        COMMIT_FLAGS,
        "image.commit",
    ),
    cmd(
        "container commit",
        "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
        "Create a new image from a container's changes",
        COMMIT,
        Arity::Range(1, 2),
        COMMIT_FLAGS,
        "image.commit",
    ),
    cmd(
        "image inspect",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Display detailed information on one or more images",
        &[],
        Arity::AtLeast(1),
        INSPECT_FLAGS,
        "image.inspect",
    ),
    cmd(
        "image prune",
        "[OPTIONS]",
        "Remove unused images",
        &[],
        Arity::None,
        PRUNE_FLAGS,
        "image.prune",
    ),
    cmd(
        "save",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Save one or more images to a tar archive (streamed to STDOUT by default)",
        SAVE,
        Arity::AtLeast(1),
        SAVE_FLAGS,
        "image.save",
    ),
    cmd(
        "image save",
        "[OPTIONS] IMAGE [IMAGE...]",
        "Save one or more images to a tar archive (streamed to STDOUT by default)",
        SAVE,
        Arity::AtLeast(1),
        SAVE_FLAGS,
        "image.save",
    ),
    cmd(
        "load",
        "[OPTIONS]",
        "Load an image from a tar archive or STDIN",
        LOAD,
        Arity::None,
        LOAD_FLAGS,
        "image.load",
    ),
    cmd(
        "image load",
        "[OPTIONS]",
        "Load an image from a tar archive or STDIN",
        LOAD,
        Arity::None,
        LOAD_FLAGS,
        "image.load",
    ),
    cmd(
        "system",
        "COMMAND",
        "Manage Docker",
        &[],
        Arity::Any,
        &[],
        "",
    ),
    cmd(
        "system df",
        "[OPTIONS]",
        "Show docker disk usage",
        &[],
        Arity::None,
        DF_FLAGS,
        "image.df",
    ),
    cmd(
        "system prune",
        "[OPTIONS]",
        "Remove unused data",
        &[],
        Arity::None,
        SYSTEM_PRUNE_FLAGS,
        "image.system_prune",
    ),
];
