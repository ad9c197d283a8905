//! Grammar entries of the `container` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28 defines them (generated from
//! the real CLI's help output; edit with care).

#![allow(unused_imports)]

use crate::cli::grammar::{Arity, Category, Command, Flag};

/// Flags of `docker attach`.
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
/// Flags of `docker cp`.
const CP_FLAGS: &[Flag] = &[
    Flag::bool("archive", Some('a'), "Archive mode (copy all uid/gid information)"),
    Flag::bool("follow-link", Some('L'), "Always follow symbol link in SRC_PATH"),
    Flag::bool("quiet", Some('q'), "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached"),
];
/// Flags of `docker create`.
const CREATE_FLAGS: &[Flag] = &[
    Flag::list("add-host", None, "list", "Add a custom host-to-IP mapping (host:ip)"),
    Flag::list("annotation", None, "map", "Add an annotation to the container (passed through to the OCI runtime)").with_default("map[]"),
    Flag::list("attach", Some('a'), "list", "Attach to STDIN, STDOUT or STDERR"),
    Flag::value("blkio-weight", None, "uint16", "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)"),
    Flag::list("blkio-weight-device", None, "list", "Block IO weight (relative device weight)").with_default("[]"),
    Flag::list("cap-add", None, "list", "Add Linux capabilities"),
    Flag::list("cap-drop", None, "list", "Drop Linux capabilities"),
    Flag::value("cgroup-parent", None, "string", "Optional parent cgroup for the container"),
    Flag::value("cgroupns", None, "string", "Cgroup namespace to use (host|private)\n'host':    Run the container in the Docker host's cgroup namespace\n'private': Run the container in its own private cgroup namespace\n'':        Use the cgroup namespace as configured by the\n           default-cgroupns-mode option on the daemon (default)"),
    Flag::value("cidfile", None, "string", "Write the container ID to the file"),
    Flag::value("cpu-count", None, "int", "CPU count (Windows only)").windows_only(),
    Flag::value("cpu-percent", None, "int", "CPU percent (Windows only)").windows_only(),
    Flag::value("cpu-period", None, "int", "Limit CPU CFS (Completely Fair Scheduler) period"),
    Flag::value("cpu-quota", None, "int", "Limit CPU CFS (Completely Fair Scheduler) quota"),
    Flag::value("cpu-rt-period", None, "int", "Limit CPU real-time period in microseconds"),
    Flag::value("cpu-rt-runtime", None, "int", "Limit CPU real-time runtime in microseconds"),
    Flag::value("cpu-shares", Some('c'), "int", "CPU shares (relative weight)"),
    Flag::value("cpus", None, "decimal", "Number of CPUs"),
    Flag::value("cpuset-cpus", None, "string", "CPUs in which to allow execution (0-3, 0,1)"),
    Flag::value("cpuset-mems", None, "string", "MEMs in which to allow execution (0-3, 0,1)"),
    Flag::list("device", None, "list", "Add a host device to the container"),
    Flag::list("device-cgroup-rule", None, "list", "Add a rule to the cgroup allowed devices list"),
    Flag::list("device-read-bps", None, "list", "Limit read rate (bytes per second) from a device").with_default("[]"),
    Flag::list("device-read-iops", None, "list", "Limit read rate (IO per second) from a device").with_default("[]"),
    Flag::list("device-write-bps", None, "list", "Limit write rate (bytes per second) to a device").with_default("[]"),
    Flag::list("device-write-iops", None, "list", "Limit write rate (IO per second) to a device").with_default("[]"),
    Flag::bool("disable-content-trust", None, "Skip image verification").with_default("true"),
    Flag::list("dns", None, "list", "Set custom DNS servers"),
    Flag::list("dns-opt", None, "list", "Set DNS options").hidden(),
    Flag::list("dns-option", None, "list", "Set DNS options"),
    Flag::list("dns-search", None, "list", "Set custom DNS search domains"),
    Flag::value("domainname", None, "string", "Container NIS domain name"),
    Flag::value("entrypoint", None, "string", "Overwrite the default ENTRYPOINT of the image"),
    Flag::list("env", Some('e'), "list", "Set environment variables"),
    Flag::list("env-file", None, "list", "Read in a file of environment variables"),
    Flag::list("expose", None, "list", "Expose a port or a range of ports"),
    Flag::list("gpus", None, "gpu-request", "GPU devices to add to the container ('all' to pass all GPUs)"),
    Flag::list("group-add", None, "list", "Add additional groups to join"),
    Flag::value("health-cmd", None, "string", "Command to run to check health"),
    Flag::value("health-interval", None, "duration", "Time between running the check (ms|s|m|h) (default 0s)"),
    Flag::value("health-retries", None, "int", "Consecutive failures needed to report unhealthy"),
    Flag::value("health-start-interval", None, "duration", "Time between running the check during the start period (ms|s|m|h) (default 0s)"),
    Flag::value("health-start-period", None, "duration", "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)"),
    Flag::value("health-timeout", None, "duration", "Maximum time to allow one check to run (ms|s|m|h) (default 0s)"),
    Flag::bool("help", None, "Print usage"),
    Flag::value("hostname", Some('h'), "string", "Container host name"),
    Flag::bool("init", None, "Run an init inside the container that forwards signals and reaps processes"),
    Flag::bool("interactive", Some('i'), "Keep STDIN open even if not attached"),
    Flag::value("io-maxbandwidth", None, "bytes", "Maximum IO bandwidth limit for the system drive (Windows only)").windows_only(),
    Flag::value("io-maxiops", None, "uint", "Maximum IOps limit for the system drive (Windows only)").windows_only(),
    Flag::value("ip", None, "string", "IPv4 address (e.g., 172.30.100.104)"),
    Flag::value("ip6", None, "string", "IPv6 address (e.g., 2001:db8::33)"),
    Flag::value("ipc", None, "string", "IPC mode to use"),
    Flag::value("isolation", None, "string", "Container isolation technology"),
    Flag::value("kernel-memory", None, "bytes", "Kernel memory limit"),
    Flag::list("label", Some('l'), "list", "Set meta data on a container"),
    Flag::list("label-file", None, "list", "Read in a line delimited file of labels"),
    Flag::list("link", None, "list", "Add link to another container"),
    Flag::list("link-local-ip", None, "list", "Container IPv4/IPv6 link-local addresses"),
    Flag::value("log-driver", None, "string", "Logging driver for the container"),
    Flag::list("log-opt", None, "list", "Log driver options"),
    Flag::value("mac-address", None, "string", "Container MAC address (e.g., 92:d0:c6:0a:29:33)"),
    Flag::value("memory", Some('m'), "bytes", "Memory limit"),
    Flag::value("memory-reservation", None, "bytes", "Memory soft limit"),
    Flag::value("memory-swap", None, "bytes", "Swap limit equal to memory plus swap: '-1' to enable unlimited swap"),
    Flag::value("memory-swappiness", None, "int", "Tune container memory swappiness (0 to 100)").with_default("-1"),
    Flag::list("mount", None, "mount", "Attach a filesystem mount to the container"),
    Flag::value("name", None, "string", "Assign a name to the container"),
    Flag::list("net", None, "list", "Connect a container to a network").hidden(),
    Flag::list("net-alias", None, "list", "Add network-scoped alias for the container").hidden(),
    Flag::list("network", None, "network", "Connect a container to a network"),
    Flag::list("network-alias", None, "list", "Add network-scoped alias for the container"),
    Flag::bool("no-healthcheck", None, "Disable any container-specified HEALTHCHECK"),
    Flag::bool("oom-kill-disable", None, "Disable OOM Killer"),
    Flag::value("oom-score-adj", None, "int", "Tune host's OOM preferences (-1000 to 1000)"),
    Flag::value("pid", None, "string", "PID namespace to use"),
    Flag::value("pids-limit", None, "int", "Tune container pids limit (set -1 for unlimited)"),
    Flag::value("platform", None, "string", "Set platform if server is multi-platform capable"),
    Flag::bool("privileged", None, "Give extended privileges to this container"),
    Flag::list("publish", Some('p'), "list", "Publish a container's port(s) to the host"),
    Flag::bool("publish-all", Some('P'), "Publish all exposed ports to random ports"),
    Flag::value("pull", None, "string", "Pull image before creating (\"always\", \"|missing\", \"never\")").with_default("\"missing\""),
    Flag::bool("quiet", Some('q'), "Suppress the pull output"),
    Flag::bool("read-only", None, "Mount the container's root filesystem as read only"),
    Flag::value("restart", None, "string", "Restart policy to apply when a container exits").with_default("\"no\""),
    Flag::bool("rm", None, "Automatically remove the container and its associated anonymous volumes when it exits"),
    Flag::value("runtime", None, "string", "Runtime to use for this container"),
    Flag::list("security-opt", None, "list", "Security Options"),
    Flag::value("shm-size", None, "bytes", "Size of /dev/shm"),
    Flag::value("stop-signal", None, "string", "Signal to stop the container"),
    Flag::value("stop-timeout", None, "int", "Timeout (in seconds) to stop a container"),
    Flag::list("storage-opt", None, "list", "Storage driver options for the container"),
    Flag::list("sysctl", None, "map", "Sysctl options").with_default("map[]"),
    Flag::list("tmpfs", None, "list", "Mount a tmpfs directory"),
    Flag::bool("tty", Some('t'), "Allocate a pseudo-TTY"),
    Flag::list("ulimit", None, "ulimit", "Ulimit options").with_default("[]"),
    Flag::bool("use-api-socket", None, "Bind mount Docker API socket and required auth"),
    Flag::value("user", Some('u'), "string", "Username or UID (format: <name|uid>[:<group|gid>])"),
    Flag::value("userns", None, "string", "User namespace to use"),
    Flag::value("uts", None, "string", "UTS namespace to use"),
    Flag::list("volume", Some('v'), "list", "Bind mount a volume"),
    Flag::value("volume-driver", None, "string", "Optional volume driver for the container"),
    Flag::list("volumes-from", None, "list", "Mount volumes from the specified container(s)"),
    Flag::value("workdir", Some('w'), "string", "Working directory inside the container"),
];
/// Flags of `docker exec`.
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
/// Flags of `docker inspect`.
const INSPECT_FLAGS: &[Flag] = &[
    Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("size", Some('s'), "Display total file sizes if the type is container"),
    Flag::value("type", None, "string", "Only inspect objects of the given type"),
];
/// Flags of `docker kill`.
const KILL_FLAGS: &[Flag] = &[Flag::value(
    "signal",
    Some('s'),
    "string",
    "Signal to send to the container",
)];
/// Flags of `docker logs`.
const LOGS_FLAGS: &[Flag] = &[
    Flag::bool("details", None, "Show extra details provided to logs"),
    Flag::bool("follow", Some('f'), "Follow log output"),
    Flag::value("since", None, "string", "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)"),
    Flag::value("tail", Some('n'), "string", "Number of lines to show from the end of the logs").with_default("\"all\""),
    Flag::bool("timestamps", Some('t'), "Show timestamps"),
    Flag::value("until", None, "string", "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)"),
];
/// Flags of `docker ps`.
const PS_FLAGS: &[Flag] = &[
    Flag::bool("all", Some('a'), "Show all containers").with_default("shows just running"),
    Flag::list("filter", Some('f'), "filter", "Filter output based on conditions provided"),
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::value("last", Some('n'), "int", "Show n last created containers (includes all states)").with_default("-1"),
    Flag::bool("latest", Some('l'), "Show the latest created container (includes all states)"),
    Flag::bool("no-trunc", None, "Don't truncate output"),
    Flag::bool("quiet", Some('q'), "Only display container IDs"),
    Flag::bool("size", Some('s'), "Display total file sizes"),
];
/// Flags of `docker restart`.
const RESTART_FLAGS: &[Flag] = &[
    Flag::value(
        "signal",
        Some('s'),
        "string",
        "Signal to send to the container",
    ),
    Flag::value(
        "time",
        None,
        "int",
        "Seconds to wait before killing the container (deprecated: use --timeout)",
    )
    .hidden(),
    Flag::value(
        "timeout",
        Some('t'),
        "int",
        "Seconds to wait before killing the container",
    ),
];
/// Flags of `docker rm`.
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
/// Flags of `docker run`.
const RUN_FLAGS: &[Flag] = &[
    Flag::list("add-host", None, "list", "Add a custom host-to-IP mapping (host:ip)"),
    Flag::list("annotation", None, "map", "Add an annotation to the container (passed through to the OCI runtime)").with_default("map[]"),
    Flag::list("attach", Some('a'), "list", "Attach to STDIN, STDOUT or STDERR"),
    Flag::value("blkio-weight", None, "uint16", "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)"),
    Flag::list("blkio-weight-device", None, "list", "Block IO weight (relative device weight)").with_default("[]"),
    Flag::list("cap-add", None, "list", "Add Linux capabilities"),
    Flag::list("cap-drop", None, "list", "Drop Linux capabilities"),
    Flag::value("cgroup-parent", None, "string", "Optional parent cgroup for the container"),
    Flag::value("cgroupns", None, "string", "Cgroup namespace to use (host|private)\n'host':    Run the container in the Docker host's cgroup namespace\n'private': Run the container in its own private cgroup namespace\n'':        Use the cgroup namespace as configured by the\n           default-cgroupns-mode option on the daemon (default)"),
    Flag::value("cidfile", None, "string", "Write the container ID to the file"),
    Flag::value("cpu-count", None, "int", "CPU count (Windows only)").windows_only(),
    Flag::value("cpu-percent", None, "int", "CPU percent (Windows only)").windows_only(),
    Flag::value("cpu-period", None, "int", "Limit CPU CFS (Completely Fair Scheduler) period"),
    Flag::value("cpu-quota", None, "int", "Limit CPU CFS (Completely Fair Scheduler) quota"),
    Flag::value("cpu-rt-period", None, "int", "Limit CPU real-time period in microseconds"),
    Flag::value("cpu-rt-runtime", None, "int", "Limit CPU real-time runtime in microseconds"),
    Flag::value("cpu-shares", Some('c'), "int", "CPU shares (relative weight)"),
    Flag::value("cpus", None, "decimal", "Number of CPUs"),
    Flag::value("cpuset-cpus", None, "string", "CPUs in which to allow execution (0-3, 0,1)"),
    Flag::value("cpuset-mems", None, "string", "MEMs in which to allow execution (0-3, 0,1)"),
    Flag::bool("detach", Some('d'), "Run container in background and print container ID"),
    Flag::value("detach-keys", None, "string", "Override the key sequence for detaching a container"),
    Flag::list("device", None, "list", "Add a host device to the container"),
    Flag::list("device-cgroup-rule", None, "list", "Add a rule to the cgroup allowed devices list"),
    Flag::list("device-read-bps", None, "list", "Limit read rate (bytes per second) from a device").with_default("[]"),
    Flag::list("device-read-iops", None, "list", "Limit read rate (IO per second) from a device").with_default("[]"),
    Flag::list("device-write-bps", None, "list", "Limit write rate (bytes per second) to a device").with_default("[]"),
    Flag::list("device-write-iops", None, "list", "Limit write rate (IO per second) to a device").with_default("[]"),
    Flag::bool("disable-content-trust", None, "Skip image verification").with_default("true"),
    Flag::list("dns", None, "list", "Set custom DNS servers"),
    Flag::list("dns-opt", None, "list", "Set DNS options").hidden(),
    Flag::list("dns-option", None, "list", "Set DNS options"),
    Flag::list("dns-search", None, "list", "Set custom DNS search domains"),
    Flag::value("domainname", None, "string", "Container NIS domain name"),
    Flag::value("entrypoint", None, "string", "Overwrite the default ENTRYPOINT of the image"),
    Flag::list("env", Some('e'), "list", "Set environment variables"),
    Flag::list("env-file", None, "list", "Read in a file of environment variables"),
    Flag::list("expose", None, "list", "Expose a port or a range of ports"),
    Flag::list("gpus", None, "gpu-request", "GPU devices to add to the container ('all' to pass all GPUs)"),
    Flag::list("group-add", None, "list", "Add additional groups to join"),
    Flag::value("health-cmd", None, "string", "Command to run to check health"),
    Flag::value("health-interval", None, "duration", "Time between running the check (ms|s|m|h) (default 0s)"),
    Flag::value("health-retries", None, "int", "Consecutive failures needed to report unhealthy"),
    Flag::value("health-start-interval", None, "duration", "Time between running the check during the start period (ms|s|m|h) (default 0s)"),
    Flag::value("health-start-period", None, "duration", "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)"),
    Flag::value("health-timeout", None, "duration", "Maximum time to allow one check to run (ms|s|m|h) (default 0s)"),
    Flag::bool("help", None, "Print usage"),
    Flag::value("hostname", Some('h'), "string", "Container host name"),
    Flag::bool("init", None, "Run an init inside the container that forwards signals and reaps processes"),
    Flag::bool("interactive", Some('i'), "Keep STDIN open even if not attached"),
    Flag::value("io-maxbandwidth", None, "bytes", "Maximum IO bandwidth limit for the system drive (Windows only)").windows_only(),
    Flag::value("io-maxiops", None, "uint", "Maximum IOps limit for the system drive (Windows only)").windows_only(),
    Flag::value("ip", None, "string", "IPv4 address (e.g., 172.30.100.104)"),
    Flag::value("ip6", None, "string", "IPv6 address (e.g., 2001:db8::33)"),
    Flag::value("ipc", None, "string", "IPC mode to use"),
    Flag::value("isolation", None, "string", "Container isolation technology"),
    Flag::value("kernel-memory", None, "bytes", "Kernel memory limit"),
    Flag::list("label", Some('l'), "list", "Set meta data on a container"),
    Flag::list("label-file", None, "list", "Read in a line delimited file of labels"),
    Flag::list("link", None, "list", "Add link to another container"),
    Flag::list("link-local-ip", None, "list", "Container IPv4/IPv6 link-local addresses"),
    Flag::value("log-driver", None, "string", "Logging driver for the container"),
    Flag::list("log-opt", None, "list", "Log driver options"),
    Flag::value("mac-address", None, "string", "Container MAC address (e.g., 92:d0:c6:0a:29:33)"),
    Flag::value("memory", Some('m'), "bytes", "Memory limit"),
    Flag::value("memory-reservation", None, "bytes", "Memory soft limit"),
    Flag::value("memory-swap", None, "bytes", "Swap limit equal to memory plus swap: '-1' to enable unlimited swap"),
    Flag::value("memory-swappiness", None, "int", "Tune container memory swappiness (0 to 100)").with_default("-1"),
    Flag::list("mount", None, "mount", "Attach a filesystem mount to the container"),
    Flag::value("name", None, "string", "Assign a name to the container"),
    Flag::list("net", None, "list", "Connect a container to a network").hidden(),
    Flag::list("net-alias", None, "list", "Add network-scoped alias for the container").hidden(),
    Flag::list("network", None, "network", "Connect a container to a network"),
    Flag::list("network-alias", None, "list", "Add network-scoped alias for the container"),
    Flag::bool("no-healthcheck", None, "Disable any container-specified HEALTHCHECK"),
    Flag::bool("oom-kill-disable", None, "Disable OOM Killer"),
    Flag::value("oom-score-adj", None, "int", "Tune host's OOM preferences (-1000 to 1000)"),
    Flag::value("pid", None, "string", "PID namespace to use"),
    Flag::value("pids-limit", None, "int", "Tune container pids limit (set -1 for unlimited)"),
    Flag::value("platform", None, "string", "Set platform if server is multi-platform capable"),
    Flag::bool("privileged", None, "Give extended privileges to this container"),
    Flag::list("publish", Some('p'), "list", "Publish a container's port(s) to the host"),
    Flag::bool("publish-all", Some('P'), "Publish all exposed ports to random ports"),
    Flag::value("pull", None, "string", "Pull image before running (\"always\", \"missing\", \"never\")").with_default("\"missing\""),
    Flag::bool("quiet", Some('q'), "Suppress the pull output"),
    Flag::bool("read-only", None, "Mount the container's root filesystem as read only"),
    Flag::value("restart", None, "string", "Restart policy to apply when a container exits").with_default("\"no\""),
    Flag::bool("rm", None, "Automatically remove the container and its associated anonymous volumes when it exits"),
    Flag::value("runtime", None, "string", "Runtime to use for this container"),
    Flag::list("security-opt", None, "list", "Security Options"),
    Flag::value("shm-size", None, "bytes", "Size of /dev/shm"),
    Flag::bool("sig-proxy", None, "Proxy received signals to the process").with_default("true"),
    Flag::value("stop-signal", None, "string", "Signal to stop the container"),
    Flag::value("stop-timeout", None, "int", "Timeout (in seconds) to stop a container"),
    Flag::list("storage-opt", None, "list", "Storage driver options for the container"),
    Flag::list("sysctl", None, "map", "Sysctl options").with_default("map[]"),
    Flag::list("tmpfs", None, "list", "Mount a tmpfs directory"),
    Flag::bool("tty", Some('t'), "Allocate a pseudo-TTY"),
    Flag::list("ulimit", None, "ulimit", "Ulimit options").with_default("[]"),
    Flag::bool("use-api-socket", None, "Bind mount Docker API socket and required auth"),
    Flag::value("user", Some('u'), "string", "Username or UID (format: <name|uid>[:<group|gid>])"),
    Flag::value("userns", None, "string", "User namespace to use"),
    Flag::value("uts", None, "string", "UTS namespace to use"),
    Flag::list("volume", Some('v'), "list", "Bind mount a volume"),
    Flag::value("volume-driver", None, "string", "Optional volume driver for the container"),
    Flag::list("volumes-from", None, "list", "Mount volumes from the specified container(s)"),
    Flag::value("workdir", Some('w'), "string", "Working directory inside the container"),
];
/// Flags of `docker start`.
const START_FLAGS: &[Flag] = &[
    Flag::bool(
        "attach",
        Some('a'),
        "Attach STDOUT/STDERR and forward signals",
    ),
    Flag::value("checkpoint", None, "string", "Restore from this checkpoint"),
    Flag::value(
        "checkpoint-dir",
        None,
        "string",
        "Use a custom checkpoint storage directory",
    ),
    Flag::value(
        "detach-keys",
        None,
        "string",
        "Override the key sequence for detaching a container",
    ),
    Flag::bool("interactive", Some('i'), "Attach container's STDIN"),
];
/// Flags of `docker stats`.
const STATS_FLAGS: &[Flag] = &[
    Flag::bool("all", Some('a'), "Show all containers").with_default("shows just running"),
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("no-stream", None, "Disable streaming stats and only pull the first result"),
    Flag::bool("no-trunc", None, "Do not truncate output"),
];
/// Flags of `docker container inspect`.
const CONTAINER_INSPECT_FLAGS: &[Flag] = &[
    Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("size", Some('s'), "Display total file sizes"),
];
/// Flags of `docker container prune`.
const CONTAINER_PRUNE_FLAGS: &[Flag] = &[
    Flag::list(
        "filter",
        None,
        "filter",
        "Provide filter values (e.g. \"until=<timestamp>\")",
    ),
    Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
];

/// Commands whose handlers are `container.<verb>`.
pub static COMMANDS: &[Command] = &[
    Command::new("attach", "[OPTIONS] CONTAINER", "Attach local standard input, output, and error streams to a running container", Arity::Exact(1), "container.attach")
        .aliases_line("docker container attach, docker attach")
        .flags(ATTACH_FLAGS),
    Command::new("cp", "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n	docker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH", "Copy files/folders between a container and the local filesystem", Arity::Exact(2), "container.cp")
        .long("Copy files/folders between a container and the local filesystem\n\nUse '-' as the source to read a tar archive from stdin\nand extract it to a directory destination in a container.\nUse '-' as the destination to stream a tar archive of a\ncontainer source to stdout.")
        .aliases_line("docker container cp, docker cp")
        .flags(CP_FLAGS),
    Command::new("create", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container", Arity::AtLeast(1), "container.create")
        .aliases_line("docker container create, docker create")
        .stop_at_first_arg()
        .flags(CREATE_FLAGS),
    Command::new("diff", "CONTAINER", "Inspect changes to files or directories on a container's filesystem", Arity::Exact(1), "container.diff")
        .aliases_line("docker container diff, docker diff"),
    Command::new("exec", "[OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container", Arity::AtLeast(2), "container.exec")
        .aliases_line("docker container exec, docker exec")
        .stop_at_first_arg()
        .category(Category::Top(2))
        .flags(EXEC_FLAGS),
    Command::new("inspect", "[OPTIONS] NAME|ID [NAME|ID...]", "Return low-level information on Docker objects", Arity::AtLeast(1), "container.inspect")
        .flags(INSPECT_FLAGS),
    Command::new("kill", "[OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers", Arity::AtLeast(1), "container.kill")
        .aliases_line("docker container kill, docker kill")
        .flags(KILL_FLAGS),
    Command::new("logs", "[OPTIONS] CONTAINER", "Fetch the logs of a container", Arity::Exact(1), "container.logs")
        .aliases_line("docker container logs, docker logs")
        .flags(LOGS_FLAGS),
    Command::new("pause", "CONTAINER [CONTAINER...]", "Pause all processes within one or more containers", Arity::AtLeast(1), "container.pause")
        .aliases_line("docker container pause, docker pause"),
    Command::new("port", "CONTAINER [PRIVATE_PORT[/PROTO]]", "List port mappings or a specific mapping for the container", Arity::Range(1, 2), "container.port")
        .aliases_line("docker container port, docker port"),
    Command::new("ps", "[OPTIONS]", "List containers", Arity::None, "container.ps")
        .aliases_line("docker container ls, docker container list, docker container ps, docker ps")
        .category(Category::Top(3))
        .flags(PS_FLAGS),
    Command::new("rename", "CONTAINER NEW_NAME", "Rename a container", Arity::Exact(2), "container.rename")
        .aliases_line("docker container rename, docker rename"),
    Command::new("restart", "[OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers", Arity::AtLeast(1), "container.restart")
        .aliases_line("docker container restart, docker restart")
        .flags(RESTART_FLAGS),
    Command::new("rm", "[OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers", Arity::AtLeast(1), "container.rm")
        .aliases_line("docker container rm, docker container remove, docker rm")
        .flags(RM_FLAGS),
    Command::new("run", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image", Arity::AtLeast(1), "container.run")
        .aliases_line("docker container run, docker run")
        .stop_at_first_arg()
        .category(Category::Top(1))
        .flags(RUN_FLAGS),
    Command::new("start", "[OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers", Arity::AtLeast(1), "container.start")
        .aliases_line("docker container start, docker start")
        .flags(START_FLAGS),
    Command::new("stats", "[OPTIONS] [CONTAINER...]", "Display a live stream of container(s) resource usage statistics", Arity::Any, "container.stats")
        .aliases_line("docker container stats, docker stats")
        .flags(STATS_FLAGS),
    Command::new("stop", "[OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers", Arity::AtLeast(1), "container.stop")
        .aliases_line("docker container stop, docker stop")
        .flags(RESTART_FLAGS),
    Command::new("top", "CONTAINER [ps OPTIONS]", "Display the running processes of a container", Arity::AtLeast(1), "container.top")
        .aliases_line("docker container top, docker top"),
    Command::new("unpause", "CONTAINER [CONTAINER...]", "Unpause all processes within one or more containers", Arity::AtLeast(1), "container.unpause")
        .aliases_line("docker container unpause, docker unpause"),
    Command::new("wait", "CONTAINER [CONTAINER...]", "Block until one or more containers stop, then print their exit codes", Arity::AtLeast(1), "container.wait")
        .aliases_line("docker container wait, docker wait"),
    Command::new("container attach", "[OPTIONS] CONTAINER", "Attach local standard input, output, and error streams to a running container", Arity::Exact(1), "container.attach")
        .aliases_line("docker container attach, docker attach")
        .flags(ATTACH_FLAGS),
    Command::new("container cp", "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n	docker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH", "Copy files/folders between a container and the local filesystem", Arity::Exact(2), "container.cp")
        .long("Copy files/folders between a container and the local filesystem\n\nUse '-' as the source to read a tar archive from stdin\nand extract it to a directory destination in a container.\nUse '-' as the destination to stream a tar archive of a\ncontainer source to stdout.")
        .aliases_line("docker container cp, docker cp")
        .flags(CP_FLAGS),
    Command::new("container create", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container", Arity::AtLeast(1), "container.create")
        .aliases_line("docker container create, docker create")
        .stop_at_first_arg()
        .flags(CREATE_FLAGS),
    Command::new("container diff", "CONTAINER", "Inspect changes to files or directories on a container's filesystem", Arity::Exact(1), "container.diff")
        .aliases_line("docker container diff, docker diff"),
    Command::new("container exec", "[OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container", Arity::AtLeast(2), "container.exec")
        .aliases_line("docker container exec, docker exec")
        .stop_at_first_arg()
        .flags(EXEC_FLAGS),
    Command::new("container inspect", "[OPTIONS] CONTAINER [CONTAINER...]", "Display detailed information on one or more containers", Arity::AtLeast(1), "container.container_inspect")
        .flags(CONTAINER_INSPECT_FLAGS),
    Command::new("container kill", "[OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers", Arity::AtLeast(1), "container.kill")
        .aliases_line("docker container kill, docker kill")
        .flags(KILL_FLAGS),
    Command::new("container logs", "[OPTIONS] CONTAINER", "Fetch the logs of a container", Arity::Exact(1), "container.logs")
        .aliases_line("docker container logs, docker logs")
        .flags(LOGS_FLAGS),
    Command::new("container ls", "[OPTIONS]", "List containers", Arity::None, "container.ps")
        .aliases(&["list", "ps"])
        .aliases_line("docker container ls, docker container list, docker container ps, docker ps")
        .flags(PS_FLAGS),
    Command::new("container pause", "CONTAINER [CONTAINER...]", "Pause all processes within one or more containers", Arity::AtLeast(1), "container.pause")
        .aliases_line("docker container pause, docker pause"),
    Command::new("container port", "CONTAINER [PRIVATE_PORT[/PROTO]]", "List port mappings or a specific mapping for the container", Arity::Range(1, 2), "container.port")
        .aliases_line("docker container port, docker port"),
    Command::new("container prune", "[OPTIONS]", "Remove all stopped containers", Arity::None, "container.prune")
        .flags(CONTAINER_PRUNE_FLAGS),
    Command::new("container rename", "CONTAINER NEW_NAME", "Rename a container", Arity::Exact(2), "container.rename")
        .aliases_line("docker container rename, docker rename"),
    Command::new("container restart", "[OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers", Arity::AtLeast(1), "container.restart")
        .aliases_line("docker container restart, docker restart")
        .flags(RESTART_FLAGS),
    Command::new("container rm", "[OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers", Arity::AtLeast(1), "container.rm")
        .aliases(&["remove"])
        .aliases_line("docker container rm, docker container remove, docker rm")
        .flags(RM_FLAGS),
    Command::new("container run", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image", Arity::AtLeast(1), "container.run")
        .aliases_line("docker container run, docker run")
        .stop_at_first_arg()
        .flags(RUN_FLAGS),
    Command::new("container start", "[OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers", Arity::AtLeast(1), "container.start")
        .aliases_line("docker container start, docker start")
        .flags(START_FLAGS),
    Command::new("container stats", "[OPTIONS] [CONTAINER...]", "Display a live stream of container(s) resource usage statistics", Arity::Any, "container.stats")
        .aliases_line("docker container stats, docker stats")
        .flags(STATS_FLAGS),
    Command::new("container stop", "[OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers", Arity::AtLeast(1), "container.stop")
        .aliases_line("docker container stop, docker stop")
        .flags(RESTART_FLAGS),
    Command::new("container top", "CONTAINER [ps OPTIONS]", "Display the running processes of a container", Arity::AtLeast(1), "container.top")
        .aliases_line("docker container top, docker top"),
    Command::new("container unpause", "CONTAINER [CONTAINER...]", "Unpause all processes within one or more containers", Arity::AtLeast(1), "container.unpause")
        .aliases_line("docker container unpause, docker unpause"),
    Command::new("container wait", "CONTAINER [CONTAINER...]", "Block until one or more containers stop, then print their exit codes", Arity::AtLeast(1), "container.wait")
        .aliases_line("docker container wait, docker wait"),
];
