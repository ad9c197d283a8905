//! Grammar entries of the `commands this sandbox does not run (contexts, plugins, swarm, …); parsed so help and errors match docker` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28 defines them (generated from
//! the real CLI's help output; edit with care).

#![allow(unused_imports)]

use crate::cli::grammar::{Arity, Category, Command, Flag};

/// Flags of `docker events`.
const EVENTS_FLAGS: &[Flag] = &[
    Flag::list("filter", Some('f'), "filter", "Filter output based on conditions provided"),
    Flag::value("format", None, "string", "Format output using a custom template:\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::value("since", None, "string", "Show all events created since timestamp"),
    Flag::value("until", None, "string", "Stream events until this timestamp"),
];
/// Flags of `docker export`.
const EXPORT_FLAGS: &[Flag] = &[Flag::value(
    "output",
    Some('o'),
    "string",
    "Write to a file, instead of STDOUT",
)];
/// Flags of `docker import`.
const IMPORT_FLAGS: &[Flag] = &[
    Flag::list(
        "change",
        Some('c'),
        "list",
        "Apply Dockerfile instruction to the created image",
    ),
    Flag::value(
        "message",
        Some('m'),
        "string",
        "Set commit message for imported image",
    ),
    Flag::value(
        "platform",
        None,
        "string",
        "Set platform if server is multi-platform capable",
    ),
];
/// Flags of `docker update`.
const UPDATE_FLAGS: &[Flag] = &[
    Flag::value(
        "blkio-weight",
        None,
        "uint16",
        "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)",
    ),
    Flag::value(
        "cpu-period",
        None,
        "int",
        "Limit CPU CFS (Completely Fair Scheduler) period",
    ),
    Flag::value(
        "cpu-quota",
        None,
        "int",
        "Limit CPU CFS (Completely Fair Scheduler) quota",
    ),
    Flag::value(
        "cpu-rt-period",
        None,
        "int",
        "Limit the CPU real-time period in microseconds",
    ),
    Flag::value(
        "cpu-rt-runtime",
        None,
        "int",
        "Limit the CPU real-time runtime in microseconds",
    ),
    Flag::value(
        "cpu-shares",
        Some('c'),
        "int",
        "CPU shares (relative weight)",
    ),
    Flag::value("cpus", None, "decimal", "Number of CPUs"),
    Flag::value(
        "cpuset-cpus",
        None,
        "string",
        "CPUs in which to allow execution (0-3, 0,1)",
    ),
    Flag::value(
        "cpuset-mems",
        None,
        "string",
        "MEMs in which to allow execution (0-3, 0,1)",
    ),
    Flag::value("memory", Some('m'), "bytes", "Memory limit"),
    Flag::value("memory-reservation", None, "bytes", "Memory soft limit"),
    Flag::value(
        "memory-swap",
        None,
        "bytes",
        "Swap limit equal to memory plus swap: -1 to enable unlimited swap",
    ),
    Flag::value(
        "pids-limit",
        None,
        "int",
        "Tune container pids limit (set -1 for unlimited)",
    ),
    Flag::value(
        "restart",
        None,
        "string",
        "Restart policy to apply when a container exits",
    ),
];
/// Flags of `docker checkpoint create`.
const CHECKPOINT_CREATE_FLAGS: &[Flag] = &[
    Flag::value(
        "checkpoint-dir",
        None,
        "string",
        "Use a custom checkpoint storage directory",
    ),
    Flag::bool(
        "leave-running",
        None,
        "Leave the container running after checkpoint",
    ),
];
/// Flags of `docker checkpoint ls`.
const CHECKPOINT_LS_FLAGS: &[Flag] = &[Flag::value(
    "checkpoint-dir",
    None,
    "string",
    "Use a custom checkpoint storage directory",
)];
/// Flags of `docker config create`.
const CONFIG_CREATE_FLAGS: &[Flag] = &[
    Flag::list("label", Some('l'), "list", "Config labels"),
    Flag::value("template-driver", None, "string", "Template driver"),
];
/// Flags of `docker config inspect`.
const CONFIG_INSPECT_FLAGS: &[Flag] = &[
    Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("pretty", None, "Print the information in a human friendly format"),
];
/// Flags of `docker config ls`.
const CONFIG_LS_FLAGS: &[Flag] = &[
    Flag::list("filter", Some('f'), "filter", "Filter output based on conditions provided"),
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("quiet", Some('q'), "Only display IDs"),
];
/// Flags of `docker context create`.
const CONTEXT_CREATE_FLAGS: &[Flag] = &[
    Flag::value("description", None, "string", "Description of the context"),
    Flag::value("docker", None, "stringToString", "set the docker endpoint").with_default("[]"),
    Flag::value(
        "from",
        None,
        "string",
        "create context from a named context",
    ),
];
/// Flags of `docker context inspect`.
const CONTEXT_INSPECT_FLAGS: &[Flag] = &[
    Flag::value("format", Some('f'), "string", "Format output using a custom template:\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
];
/// Flags of `docker context ls`.
const CONTEXT_LS_FLAGS: &[Flag] = &[
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("quiet", Some('q'), "Only show context names"),
];
/// Flags of `docker context rm`.
const CONTEXT_RM_FLAGS: &[Flag] = &[Flag::bool(
    "force",
    Some('f'),
    "Force the removal of a context in use",
)];
/// Flags of `docker context update`.
const CONTEXT_UPDATE_FLAGS: &[Flag] = &[
    Flag::value("description", None, "string", "Description of the context"),
    Flag::value("docker", None, "stringToString", "set the docker endpoint").with_default("[]"),
];
/// Flags of `docker manifest annotate`.
const MANIFEST_ANNOTATE_FLAGS: &[Flag] = &[
    Flag::value("arch", None, "string", "Set architecture"),
    Flag::value("os", None, "string", "Set operating system"),
    Flag::list(
        "os-features",
        None,
        "strings",
        "Set operating system feature",
    ),
    Flag::value("os-version", None, "string", "Set operating system version"),
    Flag::value("variant", None, "string", "Set architecture variant"),
];
/// Flags of `docker manifest create`.
const MANIFEST_CREATE_FLAGS: &[Flag] = &[
    Flag::bool("amend", Some('a'), "Amend an existing manifest list"),
    Flag::bool(
        "insecure",
        None,
        "Allow communication with an insecure registry",
    ),
];
/// Flags of `docker manifest inspect`.
const MANIFEST_INSPECT_FLAGS: &[Flag] = &[
    Flag::bool(
        "insecure",
        None,
        "Allow communication with an insecure registry",
    ),
    Flag::bool(
        "verbose",
        Some('v'),
        "Output additional info including layers and platform",
    ),
];
/// Flags of `docker manifest push`.
const MANIFEST_PUSH_FLAGS: &[Flag] = &[
    Flag::bool("insecure", None, "Allow push to an insecure registry"),
    Flag::bool(
        "purge",
        Some('p'),
        "Remove the local manifest list after push",
    ),
];
/// Flags of `docker node ps`.
const NODE_PS_FLAGS: &[Flag] = &[
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
        "Pretty-print tasks using a Go template",
    ),
    Flag::bool("no-resolve", None, "Do not map IDs to Names"),
    Flag::bool("no-trunc", None, "Do not truncate output"),
    Flag::bool("quiet", Some('q'), "Only display task IDs"),
];
/// Flags of `docker node rm`.
const NODE_RM_FLAGS: &[Flag] = &[Flag::bool(
    "force",
    Some('f'),
    "Force remove a node from the swarm",
)];
/// Flags of `docker node update`.
const NODE_UPDATE_FLAGS: &[Flag] = &[
    Flag::value(
        "availability",
        None,
        "string",
        "Availability of the node (\"active\", \"pause\", \"drain\")",
    ),
    Flag::list(
        "label-add",
        None,
        "list",
        "Add or update a node label (\"key=value\")",
    ),
    Flag::list("label-rm", None, "list", "Remove a node label if exists"),
    Flag::value(
        "role",
        None,
        "string",
        "Role of the node (\"worker\", \"manager\")",
    ),
];
/// Flags of `docker plugin create`.
const PLUGIN_CREATE_FLAGS: &[Flag] = &[Flag::bool(
    "compress",
    None,
    "Compress the context using gzip",
)];
/// Flags of `docker plugin disable`.
const PLUGIN_DISABLE_FLAGS: &[Flag] = &[Flag::bool(
    "force",
    Some('f'),
    "Force the disable of an active plugin",
)];
/// Flags of `docker plugin enable`.
const PLUGIN_ENABLE_FLAGS: &[Flag] =
    &[Flag::value("timeout", None, "int", "HTTP client timeout (in seconds)").with_default("30")];
/// Flags of `docker plugin install`.
const PLUGIN_INSTALL_FLAGS: &[Flag] = &[
    Flag::value("alias", None, "string", "Local name for plugin"),
    Flag::bool("disable", None, "Do not enable the plugin on install"),
    Flag::bool("disable-content-trust", None, "Skip image verification").with_default("true"),
    Flag::bool(
        "grant-all-permissions",
        None,
        "Grant all permissions necessary to run the plugin",
    ),
];
/// Flags of `docker plugin ls`.
const PLUGIN_LS_FLAGS: &[Flag] = &[
    Flag::list("filter", Some('f'), "filter", "Provide filter values (e.g. \"enabled=true\")"),
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("no-trunc", None, "Don't truncate output"),
    Flag::bool("quiet", Some('q'), "Only display plugin IDs"),
];
/// Flags of `docker plugin push`.
const PLUGIN_PUSH_FLAGS: &[Flag] =
    &[Flag::bool("disable-content-trust", None, "Skip image signing").with_default("true")];
/// Flags of `docker plugin rm`.
const PLUGIN_RM_FLAGS: &[Flag] = &[Flag::bool(
    "force",
    Some('f'),
    "Force the removal of an active plugin",
)];
/// Flags of `docker plugin upgrade`.
const PLUGIN_UPGRADE_FLAGS: &[Flag] = &[
    Flag::bool("disable-content-trust", None, "Skip image verification").with_default("true"),
    Flag::bool(
        "grant-all-permissions",
        None,
        "Grant all permissions necessary to run the plugin",
    ),
    Flag::bool(
        "skip-remote-check",
        None,
        "Do not check if specified remote plugin matches existing plugin image",
    ),
];
/// Flags of `docker secret create`.
const SECRET_CREATE_FLAGS: &[Flag] = &[
    Flag::value("driver", Some('d'), "string", "Secret driver"),
    Flag::list("label", Some('l'), "list", "Secret labels"),
    Flag::value("template-driver", None, "string", "Template driver"),
];
/// Flags of `docker service create`.
const SERVICE_CREATE_FLAGS: &[Flag] = &[
    Flag::list("cap-add", None, "list", "Add Linux capabilities"),
    Flag::list("cap-drop", None, "list", "Drop Linux capabilities"),
    Flag::list("config", None, "config", "Specify configurations to expose to the service"),
    Flag::list("constraint", None, "list", "Placement constraints"),
    Flag::list("container-label", None, "list", "Container labels"),
    Flag::value("credential-spec", None, "credential-spec", "Credential spec for managed service account (Windows only)"),
    Flag::bool("detach", Some('d'), "Exit immediately instead of waiting for the service to converge"),
    Flag::list("dns", None, "list", "Set custom DNS servers"),
    Flag::list("dns-option", None, "list", "Set DNS options"),
    Flag::list("dns-search", None, "list", "Set custom DNS search domains"),
    Flag::value("endpoint-mode", None, "string", "Endpoint mode (vip or dnsrr)").with_default("\"vip\""),
    Flag::list("entrypoint", None, "command", "Overwrite the default ENTRYPOINT of the image"),
    Flag::list("env", Some('e'), "list", "Set environment variables"),
    Flag::list("env-file", None, "list", "Read in a file of environment variables"),
    Flag::list("generic-resource", None, "list", "User defined resources"),
    Flag::list("group", None, "list", "Set one or more supplementary user groups for the container"),
    Flag::value("health-cmd", None, "string", "Command to run to check health"),
    Flag::value("health-interval", None, "duration", "Time between running the check (ms|s|m|h)"),
    Flag::value("health-retries", None, "int", "Consecutive failures needed to report unhealthy"),
    Flag::value("health-start-interval", None, "duration", "Time between running the check during the start period (ms|s|m|h)"),
    Flag::value("health-start-period", None, "duration", "Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)"),
    Flag::value("health-timeout", None, "duration", "Maximum time to allow one check to run (ms|s|m|h)"),
    Flag::list("host", None, "list", "Set one or more custom host-to-IP mappings (host:ip)"),
    Flag::value("hostname", None, "string", "Container hostname"),
    Flag::bool("init", None, "Use an init inside each service container to forward signals and reap processes"),
    Flag::value("isolation", None, "string", "Service container isolation mode"),
    Flag::list("label", Some('l'), "list", "Service labels"),
    Flag::value("limit-cpu", None, "decimal", "Limit CPUs"),
    Flag::value("limit-memory", None, "bytes", "Limit Memory"),
    Flag::value("limit-pids", None, "int", "Limit maximum number of processes").with_default("0 = unlimited"),
    Flag::value("log-driver", None, "string", "Logging driver for service"),
    Flag::list("log-opt", None, "list", "Logging driver options"),
    Flag::value("max-concurrent", None, "uint", "Number of job tasks to run concurrently").with_default("equal to --replicas"),
    Flag::value("mode", None, "string", "Service mode (\"replicated\", \"global\", \"replicated-job\", \"global-job\")").with_default("\"replicated\""),
    Flag::list("mount", None, "mount", "Attach a filesystem mount to the service"),
    Flag::value("name", None, "string", "Service name"),
    Flag::list("network", None, "network", "Network attachments"),
    Flag::bool("no-healthcheck", None, "Disable any container-specified HEALTHCHECK"),
    Flag::bool("no-resolve-image", None, "Do not query the registry to resolve image digest and supported platforms"),
    Flag::value("oom-score-adj", None, "int", "Tune host's OOM preferences (-1000 to 1000)"),
    Flag::list("placement-pref", None, "pref", "Add a placement preference"),
    Flag::list("publish", Some('p'), "port", "Publish a port as a node port"),
    Flag::bool("quiet", Some('q'), "Suppress progress output"),
    Flag::bool("read-only", None, "Mount the container's root filesystem as read only"),
    Flag::value("replicas", None, "uint", "Number of tasks"),
    Flag::value("replicas-max-per-node", None, "uint", "Maximum number of tasks per node").with_default("0 = unlimited"),
    Flag::value("reserve-cpu", None, "decimal", "Reserve CPUs"),
    Flag::value("reserve-memory", None, "bytes", "Reserve Memory"),
    Flag::value("restart-condition", None, "string", "Restart when condition is met (\"none\", \"on-failure\", \"any\")").with_default("\"any\""),
    Flag::value("restart-delay", None, "duration", "Delay between restart attempts (ns|us|ms|s|m|h)").with_default("5s"),
    Flag::value("restart-max-attempts", None, "uint", "Maximum number of restarts before giving up"),
    Flag::value("restart-window", None, "duration", "Window used to evaluate the restart policy (ns|us|ms|s|m|h)"),
    Flag::value("rollback-delay", None, "duration", "Delay between task rollbacks (ns|us|ms|s|m|h)").with_default("0s"),
    Flag::value("rollback-failure-action", None, "string", "Action on rollback failure (\"pause\", \"continue\")").with_default("\"pause\""),
    Flag::value("rollback-max-failure-ratio", None, "float", "Failure rate to tolerate during a rollback").with_default("0"),
    Flag::value("rollback-monitor", None, "duration", "Duration after each task rollback to monitor for failure (ns|us|ms|s|m|h)").with_default("5s"),
    Flag::value("rollback-order", None, "string", "Rollback order (\"start-first\", \"stop-first\")").with_default("\"stop-first\""),
    Flag::value("rollback-parallelism", None, "uint", "Maximum number of tasks rolled back simultaneously (0 to roll back all at once)").with_default("1"),
    Flag::list("secret", None, "secret", "Specify secrets to expose to the service"),
    Flag::value("stop-grace-period", None, "duration", "Time to wait before force killing a container (ns|us|ms|s|m|h)").with_default("10s"),
    Flag::value("stop-signal", None, "string", "Signal to stop the container"),
    Flag::list("sysctl", None, "list", "Sysctl options"),
    Flag::bool("tty", Some('t'), "Allocate a pseudo-TTY"),
    Flag::list("ulimit", None, "ulimit", "Ulimit options").with_default("[]"),
    Flag::value("update-delay", None, "duration", "Delay between updates (ns|us|ms|s|m|h)").with_default("0s"),
    Flag::value("update-failure-action", None, "string", "Action on update failure (\"pause\", \"continue\", \"rollback\")").with_default("\"pause\""),
    Flag::value("update-max-failure-ratio", None, "float", "Failure rate to tolerate during an update").with_default("0"),
    Flag::value("update-monitor", None, "duration", "Duration after each task update to monitor for failure (ns|us|ms|s|m|h)").with_default("5s"),
    Flag::value("update-order", None, "string", "Update order (\"start-first\", \"stop-first\")").with_default("\"stop-first\""),
    Flag::value("update-parallelism", None, "uint", "Maximum number of tasks updated simultaneously (0 to update all at once)").with_default("1"),
    Flag::value("user", Some('u'), "string", "Username or UID (format: <name|uid>[:<group|gid>])"),
    Flag::bool("with-registry-auth", None, "Send registry authentication details to swarm agents"),
    Flag::value("workdir", Some('w'), "string", "Working directory inside the container"),
];
/// Flags of `docker service logs`.
const SERVICE_LOGS_FLAGS: &[Flag] = &[
    Flag::bool("details", None, "Show extra details provided to logs"),
    Flag::bool("follow", Some('f'), "Follow log output"),
    Flag::bool("no-resolve", None, "Do not map IDs to Names in output"),
    Flag::bool("no-task-ids", None, "Do not include task IDs in output"),
    Flag::bool("no-trunc", None, "Do not truncate output"),
    Flag::bool("raw", None, "Do not neatly format logs"),
    Flag::value("since", None, "string", "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)"),
    Flag::value("tail", Some('n'), "string", "Number of lines to show from the end of the logs").with_default("\"all\""),
    Flag::bool("timestamps", Some('t'), "Show timestamps"),
];
/// Flags of `docker service rollback`.
const SERVICE_ROLLBACK_FLAGS: &[Flag] = &[
    Flag::bool(
        "detach",
        Some('d'),
        "Exit immediately instead of waiting for the service to converge",
    ),
    Flag::bool("quiet", Some('q'), "Suppress progress output"),
];
/// Flags of `docker service scale`.
const SERVICE_SCALE_FLAGS: &[Flag] = &[Flag::bool(
    "detach",
    Some('d'),
    "Exit immediately instead of waiting for the service to converge",
)];
/// Flags of `docker service update`.
const SERVICE_UPDATE_FLAGS: &[Flag] = &[
    Flag::list("args", None, "command", "Service command args"),
    Flag::list("cap-add", None, "list", "Add Linux capabilities"),
    Flag::list("cap-drop", None, "list", "Drop Linux capabilities"),
    Flag::list("config-add", None, "config", "Add or update a config file on a service"),
    Flag::list("config-rm", None, "list", "Remove a configuration file"),
    Flag::list("constraint-add", None, "list", "Add or update a placement constraint"),
    Flag::list("constraint-rm", None, "list", "Remove a constraint"),
    Flag::list("container-label-add", None, "list", "Add or update a container label"),
    Flag::list("container-label-rm", None, "list", "Remove a container label by its key"),
    Flag::value("credential-spec", None, "credential-spec", "Credential spec for managed service account (Windows only)"),
    Flag::bool("detach", Some('d'), "Exit immediately instead of waiting for the service to converge"),
    Flag::list("dns-add", None, "list", "Add or update a custom DNS server"),
    Flag::list("dns-option-add", None, "list", "Add or update a DNS option"),
    Flag::list("dns-option-rm", None, "list", "Remove a DNS option"),
    Flag::list("dns-rm", None, "list", "Remove a custom DNS server"),
    Flag::list("dns-search-add", None, "list", "Add or update a custom DNS search domain"),
    Flag::list("dns-search-rm", None, "list", "Remove a DNS search domain"),
    Flag::value("endpoint-mode", None, "string", "Endpoint mode (vip or dnsrr)"),
    Flag::list("entrypoint", None, "command", "Overwrite the default ENTRYPOINT of the image"),
    Flag::list("env-add", None, "list", "Add or update an environment variable"),
    Flag::list("env-rm", None, "list", "Remove an environment variable"),
    Flag::bool("force", None, "Force update even if no changes require it"),
    Flag::list("generic-resource-add", None, "list", "Add a Generic resource"),
    Flag::list("generic-resource-rm", None, "list", "Remove a Generic resource"),
    Flag::list("group-add", None, "list", "Add an additional supplementary user group to the container"),
    Flag::list("group-rm", None, "list", "Remove a previously added supplementary user group from the container"),
    Flag::value("health-cmd", None, "string", "Command to run to check health"),
    Flag::value("health-interval", None, "duration", "Time between running the check (ms|s|m|h)"),
    Flag::value("health-retries", None, "int", "Consecutive failures needed to report unhealthy"),
    Flag::value("health-start-interval", None, "duration", "Time between running the check during the start period (ms|s|m|h)"),
    Flag::value("health-start-period", None, "duration", "Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)"),
    Flag::value("health-timeout", None, "duration", "Maximum time to allow one check to run (ms|s|m|h)"),
    Flag::list("host-add", None, "list", "Add a custom host-to-IP mapping (\"host:ip\")"),
    Flag::list("host-rm", None, "list", "Remove a custom host-to-IP mapping (\"host:ip\")"),
    Flag::value("hostname", None, "string", "Container hostname"),
    Flag::value("image", None, "string", "Service image tag"),
    Flag::bool("init", None, "Use an init inside each service container to forward signals and reap processes"),
    Flag::value("isolation", None, "string", "Service container isolation mode"),
    Flag::list("label-add", None, "list", "Add or update a service label"),
    Flag::list("label-rm", None, "list", "Remove a label by its key"),
    Flag::value("limit-cpu", None, "decimal", "Limit CPUs"),
    Flag::value("limit-memory", None, "bytes", "Limit Memory"),
    Flag::value("limit-pids", None, "int", "Limit maximum number of processes").with_default("0 = unlimited"),
    Flag::value("log-driver", None, "string", "Logging driver for service"),
    Flag::list("log-opt", None, "list", "Logging driver options"),
    Flag::value("max-concurrent", None, "uint", "Number of job tasks to run concurrently").with_default("equal to --replicas"),
    Flag::list("mount-add", None, "mount", "Add or update a mount on a service"),
    Flag::list("mount-rm", None, "list", "Remove a mount by its target path"),
    Flag::list("network-add", None, "network", "Add a network"),
    Flag::list("network-rm", None, "list", "Remove a network"),
    Flag::bool("no-healthcheck", None, "Disable any container-specified HEALTHCHECK"),
    Flag::bool("no-resolve-image", None, "Do not query the registry to resolve image digest and supported platforms"),
    Flag::value("oom-score-adj", None, "int", "Tune host's OOM preferences (-1000 to 1000)"),
    Flag::list("placement-pref-add", None, "pref", "Add a placement preference"),
    Flag::list("placement-pref-rm", None, "pref", "Remove a placement preference"),
    Flag::list("publish-add", None, "port", "Add or update a published port"),
    Flag::list("publish-rm", None, "port", "Remove a published port by its target port"),
    Flag::bool("quiet", Some('q'), "Suppress progress output"),
    Flag::bool("read-only", None, "Mount the container's root filesystem as read only"),
    Flag::value("replicas", None, "uint", "Number of tasks"),
    Flag::value("replicas-max-per-node", None, "uint", "Maximum number of tasks per node").with_default("0 = unlimited"),
    Flag::value("reserve-cpu", None, "decimal", "Reserve CPUs"),
    Flag::value("reserve-memory", None, "bytes", "Reserve Memory"),
    Flag::value("restart-condition", None, "string", "Restart when condition is met (\"none\", \"on-failure\", \"any\")"),
    Flag::value("restart-delay", None, "duration", "Delay between restart attempts (ns|us|ms|s|m|h)"),
    Flag::value("restart-max-attempts", None, "uint", "Maximum number of restarts before giving up"),
    Flag::value("restart-window", None, "duration", "Window used to evaluate the restart policy (ns|us|ms|s|m|h)"),
    Flag::bool("rollback", None, "Rollback to previous specification"),
    Flag::value("rollback-delay", None, "duration", "Delay between task rollbacks (ns|us|ms|s|m|h)"),
    Flag::value("rollback-failure-action", None, "string", "Action on rollback failure (\"pause\", \"continue\")"),
    Flag::value("rollback-max-failure-ratio", None, "float", "Failure rate to tolerate during a rollback"),
    Flag::value("rollback-monitor", None, "duration", "Duration after each task rollback to monitor for failure (ns|us|ms|s|m|h)"),
    Flag::value("rollback-order", None, "string", "Rollback order (\"start-first\", \"stop-first\")"),
    Flag::value("rollback-parallelism", None, "uint", "Maximum number of tasks rolled back simultaneously (0 to roll back all at once)"),
    Flag::list("secret-add", None, "secret", "Add or update a secret on a service"),
    Flag::list("secret-rm", None, "list", "Remove a secret"),
    Flag::value("stop-grace-period", None, "duration", "Time to wait before force killing a container (ns|us|ms|s|m|h)"),
    Flag::value("stop-signal", None, "string", "Signal to stop the container"),
    Flag::list("sysctl-add", None, "list", "Add or update a Sysctl option"),
    Flag::list("sysctl-rm", None, "list", "Remove a Sysctl option"),
    Flag::bool("tty", Some('t'), "Allocate a pseudo-TTY"),
    Flag::list("ulimit-add", None, "ulimit", "Add or update a ulimit option").with_default("[]"),
    Flag::list("ulimit-rm", None, "list", "Remove a ulimit option"),
    Flag::value("update-delay", None, "duration", "Delay between updates (ns|us|ms|s|m|h)"),
    Flag::value("update-failure-action", None, "string", "Action on update failure (\"pause\", \"continue\", \"rollback\")"),
    Flag::value("update-max-failure-ratio", None, "float", "Failure rate to tolerate during an update"),
    Flag::value("update-monitor", None, "duration", "Duration after each task update to monitor for failure (ns|us|ms|s|m|h)"),
    Flag::value("update-order", None, "string", "Update order (\"start-first\", \"stop-first\")"),
    Flag::value("update-parallelism", None, "uint", "Maximum number of tasks updated simultaneously (0 to update all at once)"),
    Flag::value("user", Some('u'), "string", "Username or UID (format: <name|uid>[:<group|gid>])"),
    Flag::bool("with-registry-auth", None, "Send registry authentication details to swarm agents"),
    Flag::value("workdir", Some('w'), "string", "Working directory inside the container"),
];
/// Flags of `docker stack config`.
const STACK_CONFIG_FLAGS: &[Flag] = &[
    Flag::list(
        "compose-file",
        Some('c'),
        "strings",
        "Path to a Compose file, or \"-\" to read from stdin",
    ),
    Flag::bool(
        "skip-interpolation",
        None,
        "Skip interpolation and output only merged config",
    ),
];
/// Flags of `docker stack deploy`.
const STACK_DEPLOY_FLAGS: &[Flag] = &[
    Flag::list("compose-file", Some('c'), "strings", "Path to a Compose file, or \"-\" to read from stdin"),
    Flag::bool("detach", Some('d'), "Exit immediately instead of waiting for the stack services to converge").with_default("true"),
    Flag::bool("prune", None, "Prune services that are no longer referenced"),
    Flag::bool("quiet", Some('q'), "Suppress progress output"),
    Flag::value("resolve-image", None, "string", "Query the registry to resolve image digest and supported platforms (\"always\", \"changed\", \"never\")").with_default("\"always\""),
    Flag::bool("with-registry-auth", None, "Send registry authentication details to Swarm agents"),
];
/// Flags of `docker stack ls`.
const STACK_LS_FLAGS: &[Flag] = &[
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
];
/// Flags of `docker stack ps`.
const STACK_PS_FLAGS: &[Flag] = &[
    Flag::list("filter", Some('f'), "filter", "Filter output based on conditions provided"),
    Flag::value("format", None, "string", "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format 'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates"),
    Flag::bool("no-resolve", None, "Do not map IDs to Names"),
    Flag::bool("no-trunc", None, "Do not truncate output"),
    Flag::bool("quiet", Some('q'), "Only display task IDs"),
];
/// Flags of `docker stack rm`.
const STACK_RM_FLAGS: &[Flag] =
    &[Flag::bool("detach", Some('d'), "Do not wait for stack removal").with_default("true")];
/// Flags of `docker swarm ca`.
const SWARM_CA_FLAGS: &[Flag] = &[
    Flag::list(
        "ca-cert",
        None,
        "pem-file",
        "Path to the PEM-formatted root CA certificate to use for the new cluster",
    ),
    Flag::list(
        "ca-key",
        None,
        "pem-file",
        "Path to the PEM-formatted root CA key to use for the new cluster",
    ),
    Flag::value(
        "cert-expiry",
        None,
        "duration",
        "Validity period for node certificates (ns|us|ms|s|m|h)",
    )
    .with_default("2160h0m0s"),
    Flag::bool(
        "detach",
        Some('d'),
        "Exit immediately instead of waiting for the root rotation to converge",
    ),
    Flag::list(
        "external-ca",
        None,
        "external-ca",
        "Specifications of one or more certificate signing endpoints",
    ),
    Flag::bool("quiet", Some('q'), "Suppress progress output"),
    Flag::bool(
        "rotate",
        None,
        "Rotate the swarm CA - if no certificate or key are provided, new ones will be generated",
    ),
];
/// Flags of `docker swarm init`.
const SWARM_INIT_FLAGS: &[Flag] = &[
    Flag::value("advertise-addr", None, "string", "Advertised address (format: \"<ip|interface>[:port]\")"),
    Flag::bool("autolock", None, "Enable manager autolocking (requiring an unlock key to start a stopped manager)"),
    Flag::value("availability", None, "string", "Availability of the node (\"active\", \"pause\", \"drain\")").with_default("\"active\""),
    Flag::value("cert-expiry", None, "duration", "Validity period for node certificates (ns|us|ms|s|m|h)").with_default("2160h0m0s"),
    Flag::value("data-path-addr", None, "string", "Address or interface to use for data path traffic (format: \"<ip|interface>\")"),
    Flag::value("data-path-port", None, "uint32", "Port number to use for data path traffic (1024 - 49151). If no value is set or is set to 0, the default port (4789) is used."),
    Flag::value("default-addr-pool", None, "ipNetSlice", "default address pool in CIDR format").with_default("[]"),
    Flag::value("default-addr-pool-mask-length", None, "uint32", "default address pool subnet mask length").with_default("24"),
    Flag::value("dispatcher-heartbeat", None, "duration", "Dispatcher heartbeat period (ns|us|ms|s|m|h)").with_default("5s"),
    Flag::list("external-ca", None, "external-ca", "Specifications of one or more certificate signing endpoints"),
    Flag::bool("force-new-cluster", None, "Force create a new cluster from current state"),
    Flag::value("listen-addr", None, "node-addr", "Listen address (format: \"<ip|interface>[:port]\")").with_default("0.0.0.0:2377"),
    Flag::value("max-snapshots", None, "uint", "Number of additional Raft snapshots to retain"),
    Flag::value("snapshot-interval", None, "uint", "Number of log entries between Raft snapshots").with_default("10000"),
    Flag::value("task-history-limit", None, "int", "Task history retention limit").with_default("5"),
];
/// Flags of `docker swarm join`.
const SWARM_JOIN_FLAGS: &[Flag] = &[
    Flag::value(
        "advertise-addr",
        None,
        "string",
        "Advertised address (format: \"<ip|interface>[:port]\")",
    ),
    Flag::value(
        "availability",
        None,
        "string",
        "Availability of the node (\"active\", \"pause\", \"drain\")",
    )
    .with_default("\"active\""),
    Flag::value(
        "data-path-addr",
        None,
        "string",
        "Address or interface to use for data path traffic (format: \"<ip|interface>\")",
    ),
    Flag::value(
        "listen-addr",
        None,
        "node-addr",
        "Listen address (format: \"<ip|interface>[:port]\")",
    )
    .with_default("0.0.0.0:2377"),
    Flag::value("token", None, "string", "Token for entry into the swarm"),
];
/// Flags of `docker swarm join-token`.
const SWARM_JOIN_TOKEN_FLAGS: &[Flag] = &[
    Flag::bool("quiet", Some('q'), "Only display token"),
    Flag::bool("rotate", None, "Rotate join token"),
];
/// Flags of `docker swarm leave`.
const SWARM_LEAVE_FLAGS: &[Flag] = &[Flag::bool(
    "force",
    Some('f'),
    "Force this node to leave the swarm, ignoring warnings",
)];
/// Flags of `docker swarm unlock-key`.
const SWARM_UNLOCK_KEY_FLAGS: &[Flag] = &[
    Flag::bool("quiet", Some('q'), "Only display token"),
    Flag::bool("rotate", None, "Rotate unlock key"),
];
/// Flags of `docker swarm update`.
const SWARM_UPDATE_FLAGS: &[Flag] = &[
    Flag::bool(
        "autolock",
        None,
        "Change manager autolocking setting (true|false)",
    ),
    Flag::value(
        "cert-expiry",
        None,
        "duration",
        "Validity period for node certificates (ns|us|ms|s|m|h)",
    )
    .with_default("2160h0m0s"),
    Flag::value(
        "dispatcher-heartbeat",
        None,
        "duration",
        "Dispatcher heartbeat period (ns|us|ms|s|m|h)",
    )
    .with_default("5s"),
    Flag::list(
        "external-ca",
        None,
        "external-ca",
        "Specifications of one or more certificate signing endpoints",
    ),
    Flag::value(
        "max-snapshots",
        None,
        "uint",
        "Number of additional Raft snapshots to retain",
    ),
    Flag::value(
        "snapshot-interval",
        None,
        "uint",
        "Number of log entries between Raft snapshots",
    )
    .with_default("10000"),
    Flag::value(
        "task-history-limit",
        None,
        "int",
        "Task history retention limit",
    )
    .with_default("5"),
];
/// Flags of `docker trust inspect`.
const TRUST_INSPECT_FLAGS: &[Flag] = &[Flag::bool(
    "pretty",
    None,
    "Print the information in a human friendly format",
)];
/// Flags of `docker trust revoke`.
const TRUST_REVOKE_FLAGS: &[Flag] = &[Flag::bool(
    "yes",
    Some('y'),
    "Do not prompt for confirmation",
)];
/// Flags of `docker trust sign`.
const TRUST_SIGN_FLAGS: &[Flag] = &[Flag::bool("local", None, "Sign a locally tagged image")];
/// Flags of `docker volume update`.
const VOLUME_UPDATE_FLAGS: &[Flag] = &[Flag::value(
    "availability",
    None,
    "string",
    "Cluster Volume availability (\"active\", \"pause\", \"drain\")",
)
.with_default("\"active\"")];

/// Commands whose handlers are `system.unsupported.<verb>`.
pub static COMMANDS: &[Command] = &[
    Command::group("checkpoint", "Manage checkpoints")
        .category(Category::Hidden),
    Command::group("context", "Manage contexts"),
    Command::group("manifest", "Manage Docker image manifests and manifest lists"),
    Command::group("plugin", "Manage plugins"),
    Command::group("trust", "Manage trust on Docker images"),
    Command::group("config", "Manage Swarm configs")
        .category(Category::Hidden),
    Command::group("node", "Manage Swarm nodes")
        .category(Category::Hidden),
    Command::group("secret", "Manage Swarm secrets")
        .category(Category::Hidden),
    Command::group("service", "Manage Swarm services")
        .category(Category::Hidden),
    Command::group("stack", "Manage Swarm stacks")
        .category(Category::Hidden),
    Command::group("swarm", "Manage Swarm")
        .category(Category::Swarm),
    Command::new("events", "[OPTIONS]", "Get real time events from the server", Arity::None, "system.unsupported")
        .aliases_line("docker system events, docker events")
        .flags(EVENTS_FLAGS),
    Command::new("export", "[OPTIONS] CONTAINER", "Export a container's filesystem as a tar archive", Arity::Exact(1), "system.unsupported")
        .aliases_line("docker container export, docker export")
        .flags(EXPORT_FLAGS),
    Command::new("import", "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]", "Import the contents from a tarball to create a filesystem image", Arity::AtLeast(1), "system.unsupported")
        .aliases_line("docker image import, docker import")
        .flags(IMPORT_FLAGS),
    Command::new("update", "[OPTIONS] CONTAINER [CONTAINER...]", "Update configuration of one or more containers", Arity::AtLeast(1), "system.unsupported")
        .aliases_line("docker container update, docker update")
        .flags(UPDATE_FLAGS),
    Command::new("checkpoint create", "[OPTIONS] CONTAINER CHECKPOINT", "Create a checkpoint from a running container", Arity::Exact(2), "system.unsupported")
        .flags(CHECKPOINT_CREATE_FLAGS),
    Command::new("checkpoint ls", "[OPTIONS] CONTAINER", "List checkpoints for a container", Arity::Exact(1), "system.unsupported")
        .aliases(&["list"])
        .aliases_line("docker checkpoint ls, docker checkpoint list")
        .flags(CHECKPOINT_LS_FLAGS),
    Command::new("checkpoint rm", "[OPTIONS] CONTAINER CHECKPOINT", "Remove a checkpoint", Arity::Exact(2), "system.unsupported")
        .aliases(&["remove"])
        .aliases_line("docker checkpoint rm, docker checkpoint remove")
        .flags(CHECKPOINT_LS_FLAGS),
    Command::new("config create", "[OPTIONS] CONFIG file|-", "Create a config from a file or STDIN", Arity::Exact(2), "system.unsupported")
        .flags(CONFIG_CREATE_FLAGS),
    Command::new("config inspect", "[OPTIONS] CONFIG [CONFIG...]", "Display detailed information on one or more configs", Arity::AtLeast(1), "system.unsupported")
        .flags(CONFIG_INSPECT_FLAGS),
    Command::new("config ls", "[OPTIONS]", "List configs", Arity::None, "system.unsupported")
        .aliases(&["list"])
        .aliases_line("docker config ls, docker config list")
        .flags(CONFIG_LS_FLAGS),
    Command::new("config rm", "CONFIG [CONFIG...]", "Remove one or more configs", Arity::AtLeast(1), "system.unsupported")
        .aliases(&["remove"])
        .aliases_line("docker config rm, docker config remove"),
    Command::new("container export", "[OPTIONS] CONTAINER", "Export a container's filesystem as a tar archive", Arity::Exact(1), "system.unsupported")
        .aliases_line("docker container export, docker export")
        .flags(EXPORT_FLAGS),
    Command::new("container update", "[OPTIONS] CONTAINER [CONTAINER...]", "Update configuration of one or more containers", Arity::AtLeast(1), "system.unsupported")
        .aliases_line("docker container update, docker update")
        .flags(UPDATE_FLAGS),
    Command::new("context create", "[OPTIONS] CONTEXT", "Create a context", Arity::Exact(1), "context.create")
        .flags(CONTEXT_CREATE_FLAGS),
    Command::new("context export", "[OPTIONS] CONTEXT [FILE|-]", "Export a context to a tar archive FILE or a tar stream on STDOUT.", Arity::Range(1, 2), "system.unsupported"),
    Command::new("context import", "CONTEXT FILE|-", "Import a context from a tar or zip file", Arity::Exact(2), "system.unsupported"),
    Command::new("context inspect", "[OPTIONS] [CONTEXT] [CONTEXT...]", "Display detailed information on one or more contexts", Arity::Any, "context.inspect")
        .flags(CONTEXT_INSPECT_FLAGS),
    Command::new("context ls", "[OPTIONS]", "List contexts", Arity::None, "context.ls")
        .aliases(&["list"])
        .aliases_line("docker context ls, docker context list")
        .flags(CONTEXT_LS_FLAGS),
    Command::new("context rm", "CONTEXT [CONTEXT...]", "Remove one or more contexts", Arity::AtLeast(1), "context.rm")
        .aliases(&["remove"])
        .aliases_line("docker context rm, docker context remove")
        .flags(CONTEXT_RM_FLAGS),
    Command::new("context show", "", "Print the name of the current context", Arity::None, "context.show"),
    Command::new("context update", "[OPTIONS] CONTEXT", "Update a context", Arity::Exact(1), "system.unsupported")
        .flags(CONTEXT_UPDATE_FLAGS),
    Command::new("context use", "CONTEXT", "Set the current docker context", Arity::Any, "context.use"),
    Command::new("image import", "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]", "Import the contents from a tarball to create a filesystem image", Arity::AtLeast(1), "system.unsupported")
        .aliases_line("docker image import, docker import")
        .flags(IMPORT_FLAGS),
    Command::new("manifest annotate", "[OPTIONS] MANIFEST_LIST MANIFEST", "Add additional information to a local image manifest", Arity::Exact(2), "system.unsupported")
        .flags(MANIFEST_ANNOTATE_FLAGS),
    Command::new("manifest create", "MANIFEST_LIST MANIFEST [MANIFEST...]", "Create a local manifest list for annotating and pushing to a registry", Arity::AtLeast(2), "system.unsupported")
        .flags(MANIFEST_CREATE_FLAGS),
    Command::new("manifest inspect", "[OPTIONS] [MANIFEST_LIST] MANIFEST", "Display an image manifest, or manifest list", Arity::Range(1, 2), "system.unsupported")
        .flags(MANIFEST_INSPECT_FLAGS),
    Command::new("manifest push", "[OPTIONS] MANIFEST_LIST", "Push a manifest list to a repository", Arity::Exact(1), "system.unsupported")
        .flags(MANIFEST_PUSH_FLAGS),
    Command::new("manifest rm", "MANIFEST_LIST [MANIFEST_LIST...]", "Delete one or more manifest lists from local storage", Arity::AtLeast(1), "system.unsupported"),
    Command::new("node demote", "NODE [NODE...]", "Demote one or more nodes from manager in the swarm", Arity::AtLeast(1), "system.unsupported"),
    Command::new("node inspect", "[OPTIONS] self|NODE [NODE...]", "Display detailed information on one or more nodes", Arity::AtLeast(1), "system.unsupported")
        .flags(CONFIG_INSPECT_FLAGS),
    Command::new("node ls", "[OPTIONS]", "List nodes in the swarm", Arity::None, "system.unsupported")
        .aliases(&["list"])
        .aliases_line("docker node ls, docker node list")
        .flags(CONFIG_LS_FLAGS),
    Command::new("node promote", "NODE [NODE...]", "Promote one or more nodes to manager in the swarm", Arity::AtLeast(1), "system.unsupported"),
    Command::new("node ps", "[OPTIONS] [NODE...]", "List tasks running on one or more nodes, defaults to current node", Arity::Any, "system.unsupported")
        .flags(NODE_PS_FLAGS),
    Command::new("node rm", "[OPTIONS] NODE [NODE...]", "Remove one or more nodes from the swarm", Arity::AtLeast(1), "system.unsupported")
        .aliases(&["remove"])
        .aliases_line("docker node rm, docker node remove")
        .flags(NODE_RM_FLAGS),
    Command::new("node update", "[OPTIONS] NODE", "Update a node", Arity::Exact(1), "system.unsupported")
        .flags(NODE_UPDATE_FLAGS),
    Command::new("plugin create", "[OPTIONS] PLUGIN PLUGIN-DATA-DIR", "Create a plugin from a rootfs and configuration. Plugin data directory must contain config.json and rootfs directory.", Arity::AtLeast(2), "system.unsupported")
        .flags(PLUGIN_CREATE_FLAGS),
    Command::new("plugin disable", "[OPTIONS] PLUGIN", "Disable a plugin", Arity::Exact(1), "system.unsupported")
        .flags(PLUGIN_DISABLE_FLAGS),
    Command::new("plugin enable", "[OPTIONS] PLUGIN", "Enable a plugin", Arity::Exact(1), "system.unsupported")
        .flags(PLUGIN_ENABLE_FLAGS),
    Command::new("plugin inspect", "[OPTIONS] PLUGIN [PLUGIN...]", "Display detailed information on one or more plugins", Arity::AtLeast(1), "system.unsupported")
        .flags(CONTEXT_INSPECT_FLAGS),
    Command::new("plugin install", "[OPTIONS] PLUGIN [KEY=VALUE...]", "Install a plugin", Arity::AtLeast(1), "system.unsupported")
        .flags(PLUGIN_INSTALL_FLAGS),
    Command::new("plugin ls", "[OPTIONS]", "List plugins", Arity::None, "system.unsupported")
        .aliases(&["list"])
        .aliases_line("docker plugin ls, docker plugin list")
        .flags(PLUGIN_LS_FLAGS),
    Command::new("plugin push", "[OPTIONS] PLUGIN[:TAG]", "Push a plugin to a registry", Arity::Exact(1), "system.unsupported")
        .flags(PLUGIN_PUSH_FLAGS),
    Command::new("plugin rm", "[OPTIONS] PLUGIN [PLUGIN...]", "Remove one or more plugins", Arity::AtLeast(1), "system.unsupported")
        .aliases(&["remove"])
        .aliases_line("docker plugin rm, docker plugin remove")
        .flags(PLUGIN_RM_FLAGS),
    Command::new("plugin set", "PLUGIN KEY=VALUE [KEY=VALUE...]", "Change settings for a plugin", Arity::AtLeast(2), "system.unsupported"),
    Command::new("plugin upgrade", "[OPTIONS] PLUGIN [REMOTE]", "Upgrade an existing plugin", Arity::Range(1, 2), "system.unsupported")
        .flags(PLUGIN_UPGRADE_FLAGS),
    Command::new("secret create", "[OPTIONS] SECRET [file|-]", "Create a secret from a file or STDIN as content", Arity::Range(1, 2), "system.unsupported")
        .flags(SECRET_CREATE_FLAGS),
    Command::new("secret inspect", "[OPTIONS] SECRET [SECRET...]", "Display detailed information on one or more secrets", Arity::AtLeast(1), "system.unsupported")
        .flags(CONFIG_INSPECT_FLAGS),
    Command::new("secret ls", "[OPTIONS]", "List secrets", Arity::None, "system.unsupported")
        .aliases(&["list"])
        .aliases_line("docker secret ls, docker secret list")
        .flags(CONFIG_LS_FLAGS),
    Command::new("secret rm", "SECRET [SECRET...]", "Remove one or more secrets", Arity::AtLeast(1), "system.unsupported")
        .aliases(&["remove"])
        .aliases_line("docker secret rm, docker secret remove"),
    Command::new("service create", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new service", Arity::AtLeast(1), "system.unsupported")
        .flags(SERVICE_CREATE_FLAGS),
    Command::new("service inspect", "[OPTIONS] SERVICE [SERVICE...]", "Display detailed information on one or more services", Arity::AtLeast(1), "system.unsupported")
        .flags(CONFIG_INSPECT_FLAGS),
    Command::new("service logs", "[OPTIONS] SERVICE|TASK", "Fetch the logs of a service or task", Arity::Exact(1), "system.unsupported")
        .flags(SERVICE_LOGS_FLAGS),
    Command::new("service ls", "[OPTIONS]", "List services", Arity::None, "system.unsupported")
        .aliases(&["list"])
        .aliases_line("docker service ls, docker service list")
        .flags(CONFIG_LS_FLAGS),
    Command::new("service ps", "[OPTIONS] SERVICE [SERVICE...]", "List the tasks of one or more services", Arity::AtLeast(1), "system.unsupported")
        .flags(NODE_PS_FLAGS),
    Command::new("service rm", "SERVICE [SERVICE...]", "Remove one or more services", Arity::AtLeast(1), "system.unsupported")
        .aliases(&["remove"])
        .aliases_line("docker service rm, docker service remove"),
    Command::new("service rollback", "[OPTIONS] SERVICE", "Revert changes to a service's configuration", Arity::Exact(1), "system.unsupported")
        .flags(SERVICE_ROLLBACK_FLAGS),
    Command::new("service scale", "SERVICE=REPLICAS [SERVICE=REPLICAS...]", "Scale one or multiple replicated services", Arity::AtLeast(1), "system.unsupported")
        .flags(SERVICE_SCALE_FLAGS),
    Command::new("service update", "[OPTIONS] SERVICE", "Update a service", Arity::Exact(1), "system.unsupported")
        .flags(SERVICE_UPDATE_FLAGS),
    Command::new("stack config", "[OPTIONS]", "Outputs the final config file, after doing merges and interpolations", Arity::None, "system.unsupported")
        .flags(STACK_CONFIG_FLAGS),
    Command::new("stack deploy", "[OPTIONS] STACK", "Deploy a new stack or update an existing stack", Arity::Exact(1), "system.unsupported")
        .aliases(&["up"])
        .aliases_line("docker stack deploy, docker stack up")
        .flags(STACK_DEPLOY_FLAGS),
    Command::new("stack ls", "[OPTIONS]", "List stacks", Arity::None, "system.unsupported")
        .aliases(&["list"])
        .aliases_line("docker stack ls, docker stack list")
        .flags(STACK_LS_FLAGS),
    Command::new("stack ps", "[OPTIONS] STACK", "List the tasks in the stack", Arity::Exact(1), "system.unsupported")
        .flags(STACK_PS_FLAGS),
    Command::new("stack rm", "[OPTIONS] STACK [STACK...]", "Remove one or more stacks", Arity::AtLeast(1), "system.unsupported")
        .aliases(&["remove", "down"])
        .aliases_line("docker stack rm, docker stack remove, docker stack down")
        .flags(STACK_RM_FLAGS),
    Command::new("stack services", "[OPTIONS] STACK", "List the services in the stack", Arity::Exact(1), "system.unsupported")
        .flags(CONFIG_LS_FLAGS),
    Command::new("swarm ca", "[OPTIONS]", "Display and rotate the root CA", Arity::None, "system.unsupported")
        .flags(SWARM_CA_FLAGS),
    Command::new("swarm init", "[OPTIONS]", "Initialize a swarm", Arity::None, "system.unsupported")
        .flags(SWARM_INIT_FLAGS),
    Command::new("swarm join", "[OPTIONS] HOST:PORT", "Join a swarm as a node and/or manager", Arity::Exact(1), "system.unsupported")
        .flags(SWARM_JOIN_FLAGS),
    Command::new("swarm join-token", "[OPTIONS] (worker|manager)", "Manage join tokens", Arity::Exact(1), "system.unsupported")
        .flags(SWARM_JOIN_TOKEN_FLAGS),
    Command::new("swarm leave", "[OPTIONS]", "Leave the swarm", Arity::None, "system.unsupported")
        .flags(SWARM_LEAVE_FLAGS),
    Command::new("swarm unlock", "", "Unlock swarm", Arity::None, "system.unsupported"),
    Command::new("swarm unlock-key", "[OPTIONS]", "Manage the unlock key", Arity::None, "system.unsupported")
        .flags(SWARM_UNLOCK_KEY_FLAGS),
    Command::new("swarm update", "[OPTIONS]", "Update the swarm", Arity::None, "system.unsupported")
        .flags(SWARM_UPDATE_FLAGS),
    Command::new("system events", "[OPTIONS]", "Get real time events from the server", Arity::None, "system.unsupported")
        .aliases_line("docker system events, docker events")
        .flags(EVENTS_FLAGS),
    Command::new("trust inspect", "IMAGE[:TAG] [IMAGE[:TAG]...]", "Return low-level information about keys and signatures", Arity::AtLeast(1), "system.unsupported")
        .flags(TRUST_INSPECT_FLAGS),
    Command::new("trust revoke", "[OPTIONS] IMAGE[:TAG]", "Remove trust for an image", Arity::Exact(1), "system.unsupported")
        .flags(TRUST_REVOKE_FLAGS),
    Command::new("trust sign", "IMAGE:TAG", "Sign an image", Arity::Exact(1), "system.unsupported")
        .flags(TRUST_SIGN_FLAGS),
    Command::new("volume update", "[OPTIONS] [VOLUME]", "Update a volume (cluster volumes only)", Arity::Exact(1), "system.unsupported")
        .flags(VOLUME_UPDATE_FLAGS),
];
