//! Grammar entries of the `container` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28.5.2 defines them.
//!
//! (Temporary entries written with the container handlers; the cli area's
//! complete table replaces them.)

use crate::cli::grammar::{Arity, Command, Flag};

const RUN_FLAGS: &[Flag] = &[
    Flag::list(
        "attach",
        Some('a'),
        "list",
        "Attach to STDIN, STDOUT or STDERR",
    ),
    Flag::value("cpus", None, "decimal", "Number of CPUs"),
    Flag::bool(
        "detach",
        Some('d'),
        "Run container in background and print container ID",
    ),
    Flag::value(
        "detach-keys",
        None,
        "string",
        "Override the key sequence for detaching a container",
    ),
    Flag::value(
        "entrypoint",
        None,
        "string",
        "Overwrite the default ENTRYPOINT of the image",
    ),
    Flag::list("env", Some('e'), "list", "Set environment variables"),
    Flag::list(
        "env-file",
        None,
        "list",
        "Read in a file of environment variables",
    ),
    Flag::list("expose", None, "list", "Expose a port or a range of ports"),
    Flag::value("hostname", Some('h'), "string", "Container host name"),
    Flag::bool(
        "init",
        None,
        "Run an init inside the container that forwards signals and reaps processes",
    ),
    Flag::bool(
        "interactive",
        Some('i'),
        "Keep STDIN open even if not attached",
    ),
    Flag::list("label", Some('l'), "list", "Set meta data on a container"),
    Flag::value("memory", Some('m'), "bytes", "Memory limit"),
    Flag::list(
        "mount",
        None,
        "mount",
        "Attach a filesystem mount to the container",
    ),
    Flag::value("name", None, "string", "Assign a name to the container"),
    Flag::value(
        "network",
        None,
        "network",
        "Connect a container to a network",
    ),
    Flag::list(
        "network-alias",
        None,
        "list",
        "Add network-scoped alias for the container",
    ),
    Flag::value(
        "platform",
        None,
        "string",
        "Set platform if server is multi-platform capable",
    ),
    Flag::bool(
        "privileged",
        None,
        "Give extended privileges to this container",
    ),
    Flag::list(
        "publish",
        Some('p'),
        "list",
        "Publish a container's port(s) to the host",
    ),
    Flag::bool(
        "publish-all",
        Some('P'),
        "Publish all exposed ports to random ports",
    ),
    Flag::value(
        "pull",
        None,
        "string",
        "Pull image before running (\"always\", \"missing\", \"never\")",
    )
    .with_default("\"missing\""),
    Flag::bool("quiet", Some('q'), "Suppress the pull output"),
    Flag::bool(
        "read-only",
        None,
        "Mount the container's root filesystem as read only",
    ),
    Flag::value(
        "restart",
        None,
        "string",
        "Restart policy to apply when a container exits",
    )
    .with_default("\"no\""),
    Flag::bool(
        "rm",
        None,
        "Automatically remove the container and its associated anonymous volumes when it exits",
    ),
    Flag::bool("sig-proxy", None, "Proxy received signals to the process").with_default("true"),
    Flag::value(
        "stop-signal",
        None,
        "string",
        "Signal to stop the container",
    ),
    Flag::value(
        "stop-timeout",
        None,
        "int",
        "Timeout (in seconds) to stop a container",
    ),
    Flag::bool("tty", Some('t'), "Allocate a pseudo-TTY"),
    Flag::value(
        "user",
        Some('u'),
        "string",
        "Username or UID (format: <name|uid>[:<group|gid>])",
    ),
    Flag::list("volume", Some('v'), "list", "Bind mount a volume"),
    Flag::value(
        "workdir",
        Some('w'),
        "string",
        "Working directory inside the container",
    ),
];

const CREATE_FLAGS: &[Flag] = RUN_FLAGS;

const START_FLAGS: &[Flag] = &[
    Flag::bool(
        "attach",
        Some('a'),
        "Attach STDOUT/STDERR and forward signals",
    ),
    Flag::value(
        "detach-keys",
        None,
        "string",
        "Override the key sequence for detaching a container",
    ),
    Flag::bool("interactive", Some('i'), "Attach container's STDIN"),
];

const STOP_FLAGS: &[Flag] = &[
    Flag::value(
        "signal",
        Some('s'),
        "string",
        "Signal to send to the container",
    ),
    Flag::value(
        "timeout",
        Some('t'),
        "int",
        "Seconds to wait before killing the container",
    ),
];

const KILL_FLAGS: &[Flag] = &[Flag::value(
    "signal",
    Some('s'),
    "string",
    "Signal to send to the container",
)];

const RM_FLAGS: &[Flag] = &[
    Flag::bool(
        "force",
        Some('f'),
        "Force the removal of a running container (uses SIGKILL)",
    ),
    Flag::bool("link", Some('l'), "Remove the specified link"),
    Flag::bool(
        "volumes",
        Some('v'),
        "Remove anonymous volumes associated with the container",
    ),
];

const PS_FLAGS: &[Flag] = &[
    Flag::bool(
        "all",
        Some('a'),
        "Show all containers (default shows just running)",
    ),
    Flag::list(
        "filter",
        Some('f'),
        "filter",
        "Filter output based on conditions provided",
    ),
    Flag::value(
        "format",
        None,
        "string",
        "Format output using a custom template",
    ),
    Flag::value(
        "last",
        Some('n'),
        "int",
        "Show n last created containers (includes all states)",
    )
    .with_default("-1"),
    Flag::bool(
        "latest",
        Some('l'),
        "Show the latest created container (includes all states)",
    ),
    Flag::bool("no-trunc", None, "Don't truncate output"),
    Flag::bool("quiet", Some('q'), "Only display container IDs"),
    Flag::bool("size", Some('s'), "Display total file sizes"),
];

const LOGS_FLAGS: &[Flag] = &[
    Flag::bool("details", None, "Show extra details provided to logs"),
    Flag::bool("follow", Some('f'), "Follow log output"),
    Flag::value("since", None, "string", "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)"),
    Flag::value("tail", Some('n'), "string", "Number of lines to show from the end of the logs").with_default("\"all\""),
    Flag::bool("timestamps", Some('t'), "Show timestamps"),
    Flag::value("until", None, "string", "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)"),
];

const EXEC_FLAGS: &[Flag] = &[
    Flag::bool(
        "detach",
        Some('d'),
        "Detached mode: run command in the background",
    ),
    Flag::value(
        "detach-keys",
        None,
        "string",
        "Override the key sequence for detaching a container",
    ),
    Flag::list("env", Some('e'), "list", "Set environment variables"),
    Flag::list(
        "env-file",
        None,
        "list",
        "Read in a file of environment variables",
    ),
    Flag::bool(
        "interactive",
        Some('i'),
        "Keep STDIN open even if not attached",
    ),
    Flag::bool(
        "privileged",
        None,
        "Give extended privileges to the command",
    ),
    Flag::bool("tty", Some('t'), "Allocate a pseudo-TTY"),
    Flag::value(
        "user",
        Some('u'),
        "string",
        "Username or UID (format: \"<name|uid>[:<group|gid>]\")",
    ),
    Flag::value(
        "workdir",
        Some('w'),
        "string",
        "Working directory inside the container",
    ),
];

const ATTACH_FLAGS: &[Flag] = &[
    Flag::value(
        "detach-keys",
        None,
        "string",
        "Override the key sequence for detaching a container",
    ),
    Flag::bool("no-stdin", None, "Do not attach STDIN"),
    Flag::bool(
        "sig-proxy",
        None,
        "Proxy all received signals to the process",
    )
    .with_default("true"),
];

const INSPECT_FLAGS: &[Flag] = &[
    Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("size", Some('s'), "Display total file sizes if the type is container"),
    Flag::value("type", None, "string", "Only inspect objects of the given type"),
];

const CONTAINER_INSPECT_FLAGS: &[Flag] = &[
    Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("size", Some('s'), "Display total file sizes"),
];

const STATS_FLAGS: &[Flag] = &[
    Flag::bool(
        "all",
        Some('a'),
        "Show all containers (default shows just running)",
    ),
    Flag::value(
        "format",
        None,
        "string",
        "Format output using a custom template",
    ),
    Flag::bool(
        "no-stream",
        None,
        "Disable streaming stats and only pull the first result",
    ),
    Flag::bool("no-trunc", None, "Do not truncate output"),
];

const CP_FLAGS: &[Flag] = &[
    Flag::bool("archive", Some('a'), "Archive mode (copy all uid/gid information)"),
    Flag::bool("follow-link", Some('L'), "Always follow symbol link in SRC_PATH"),
    Flag::bool("quiet", Some('q'), "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached"),
];

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

const fn interspersed_off(mut c: Command) -> Command {
    c.stop_at_first_arg = true;
    c
}

/// Commands whose handlers are `container.<verb>` (see `crate::cli::container`).
pub static COMMANDS: &[Command] = &[
    cmd("container", "COMMAND", "Manage containers", &[], Arity::Any, &[], ""),
    interspersed_off(cmd("run", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image", &["container run"], Arity::AtLeast(1), RUN_FLAGS, "container.run")),
    interspersed_off(cmd("container run", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image", &["run"], Arity::AtLeast(1), RUN_FLAGS, "container.run")),
    interspersed_off(cmd("create", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container", &["container create"], Arity::AtLeast(1), CREATE_FLAGS, "container.create")),
    interspersed_off(cmd("container create", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container", &["create"], Arity::AtLeast(1), CREATE_FLAGS, "container.create")),
    cmd("start", "[OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers", &["container start"], Arity::AtLeast(1), START_FLAGS, "container.start"),
    cmd("container start", "[OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers", &["start"], Arity::AtLeast(1), START_FLAGS, "container.start"),
    cmd("stop", "[OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers", &["container stop"], Arity::AtLeast(1), STOP_FLAGS, "container.stop"),
    cmd("container stop", "[OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers", &["stop"], Arity::AtLeast(1), STOP_FLAGS, "container.stop"),
    cmd("restart", "[OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers", &["container restart"], Arity::AtLeast(1), STOP_FLAGS, "container.restart"),
    cmd("container restart", "[OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers", &["restart"], Arity::AtLeast(1), STOP_FLAGS, "container.restart"),
    cmd("kill", "[OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers", &["container kill"], Arity::AtLeast(1), KILL_FLAGS, "container.kill"),
    cmd("container kill", "[OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers", &["kill"], Arity::AtLeast(1), KILL_FLAGS, "container.kill"),
    cmd("pause", "CONTAINER [CONTAINER...]", "Pause all processes within one or more containers", &["container pause"], Arity::AtLeast(1), &[], "container.pause"),
    cmd("container pause", "CONTAINER [CONTAINER...]", "Pause all processes within one or more containers", &["pause"], Arity::AtLeast(1), &[], "container.pause"),
    cmd("unpause", "CONTAINER [CONTAINER...]", "Unpause all processes within one or more containers", &["container unpause"], Arity::AtLeast(1), &[], "container.unpause"),
    cmd("container unpause", "CONTAINER [CONTAINER...]", "Unpause all processes within one or more containers", &["unpause"], Arity::AtLeast(1), &[], "container.unpause"),
    cmd("rm", "[OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers", &["container rm", "container remove"], Arity::AtLeast(1), RM_FLAGS, "container.rm"),
    cmd("container rm", "[OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers", &["container remove", "rm"], Arity::AtLeast(1), RM_FLAGS, "container.rm"),
    cmd("container remove", "[OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers", &["container rm", "rm"], Arity::AtLeast(1), RM_FLAGS, "container.rm"),
    cmd("ps", "[OPTIONS]", "List containers", &["container ls", "container list", "container ps"], Arity::None, PS_FLAGS, "container.ps"),
    cmd("container ls", "[OPTIONS]", "List containers", &["container list", "container ps", "ps"], Arity::None, PS_FLAGS, "container.ps"),
    cmd("container list", "[OPTIONS]", "List containers", &["container ls", "container ps", "ps"], Arity::None, PS_FLAGS, "container.ps"),
    cmd("container ps", "[OPTIONS]", "List containers", &["container ls", "container list", "ps"], Arity::None, PS_FLAGS, "container.ps"),
    cmd("logs", "[OPTIONS] CONTAINER", "Fetch the logs of a container", &["container logs"], Arity::Exact(1), LOGS_FLAGS, "container.logs"),
    cmd("container logs", "[OPTIONS] CONTAINER", "Fetch the logs of a container", &["logs"], Arity::Exact(1), LOGS_FLAGS, "container.logs"),
    interspersed_off(cmd("exec", "[OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container", &["container exec"], Arity::AtLeast(2), EXEC_FLAGS, "container.exec")),
    interspersed_off(cmd("container exec", "[OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container", &["exec"], Arity::AtLeast(2), EXEC_FLAGS, "container.exec")),
    cmd("attach", "[OPTIONS] CONTAINER", "Attach local standard input, output, and error streams to a running container", &["container attach"], Arity::Exact(1), ATTACH_FLAGS, "container.attach"),
    cmd("container attach", "[OPTIONS] CONTAINER", "Attach local standard input, output, and error streams to a running container", &["attach"], Arity::Exact(1), ATTACH_FLAGS, "container.attach"),
    cmd("wait", "CONTAINER [CONTAINER...]", "Block until one or more containers stop, then print their exit codes", &["container wait"], Arity::AtLeast(1), &[], "container.wait"),
    cmd("container wait", "CONTAINER [CONTAINER...]", "Block until one or more containers stop, then print their exit codes", &["wait"], Arity::AtLeast(1), &[], "container.wait"),
    cmd("inspect", "[OPTIONS] NAME|ID [NAME|ID...]", "Return low-level information on Docker objects", &[], Arity::AtLeast(1), INSPECT_FLAGS, "container.inspect"),
    cmd("container inspect", "[OPTIONS] CONTAINER [CONTAINER...]", "Display detailed information on one or more containers", &[], Arity::AtLeast(1), CONTAINER_INSPECT_FLAGS, "container.container_inspect"),
    cmd("top", "CONTAINER [ps OPTIONS]", "Display the running processes of a container", &["container top"], Arity::AtLeast(1), &[], "container.top"),
    cmd("container top", "CONTAINER [ps OPTIONS]", "Display the running processes of a container", &["top"], Arity::AtLeast(1), &[], "container.top"),
    cmd("stats", "[OPTIONS] [CONTAINER...]", "Display a live stream of container(s) resource usage statistics", &["container stats"], Arity::Any, STATS_FLAGS, "container.stats"),
    cmd("container stats", "[OPTIONS] [CONTAINER...]", "Display a live stream of container(s) resource usage statistics", &["stats"], Arity::Any, STATS_FLAGS, "container.stats"),
    cmd("diff", "CONTAINER", "Inspect changes to files or directories on a container's filesystem", &["container diff"], Arity::Exact(1), &[], "container.diff"),
    cmd("container diff", "CONTAINER", "Inspect changes to files or directories on a container's filesystem", &["diff"], Arity::Exact(1), &[], "container.diff"),
    cmd("cp", "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH", "Copy files/folders between a container and the local filesystem", &["container cp"], Arity::Exact(2), CP_FLAGS, "container.cp"),
    cmd("container cp", "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH", "Copy files/folders between a container and the local filesystem", &["cp"], Arity::Exact(2), CP_FLAGS, "container.cp"),
    cmd("rename", "CONTAINER NEW_NAME", "Rename a container", &["container rename"], Arity::Exact(2), &[], "container.rename"),
    cmd("container rename", "CONTAINER NEW_NAME", "Rename a container", &["rename"], Arity::Exact(2), &[], "container.rename"),
    cmd("port", "CONTAINER [PRIVATE_PORT[/PROTO]]", "List port mappings or a specific mapping for the container", &["container port"], Arity::Range(1, 2), &[], "container.port"),
    cmd("container port", "CONTAINER [PRIVATE_PORT[/PROTO]]", "List port mappings or a specific mapping for the container", &["port"], Arity::Range(1, 2), &[], "container.port"),
    cmd("container prune", "[OPTIONS]", "Remove all stopped containers", &[], Arity::None, PRUNE_FLAGS, "container.prune"),
];
