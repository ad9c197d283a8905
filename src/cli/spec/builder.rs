//! Grammar entries of the `builder` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28 defines them (generated from
//! the real CLI's help output; edit with care).

#![allow(unused_imports)]

use crate::cli::grammar::{Arity, Category, Command, Flag};

/// Flags of `docker build`.
const BUILD_FLAGS: &[Flag] = &[
    Flag::list("add-host", None, "list", "Add a custom host-to-IP mapping (\"host:ip\")"),
    Flag::list("allow", None, "strings", "Allow extra privileged entitlement (e.g., \"network.host\", \"security.insecure\")").hidden(),
    Flag::list("annotation", None, "stringArray", "Add annotation to the image").hidden(),
    Flag::list("attest", None, "stringArray", "Attestation parameters (format: \"type=sbom,generator=image\")").hidden(),
    Flag::list("build-arg", None, "list", "Set build-time variables"),
    Flag::list("build-context", None, "stringArray", "Additional build contexts (e.g., name=path)").hidden(),
    Flag::value("builder", None, "string", "Override the configured builder instance").hidden(),
    Flag::list("cache-from", None, "strings", "Images to consider as cache sources"),
    Flag::list("cache-to", None, "stringArray", "Cache export destinations (e.g., \"user/app:cache\", \"type=local,dest=path/to/dir\")").hidden(),
    Flag::value("call", None, "string", "Set method for evaluating build (\"check\", \"outline\", \"targets\")").hidden(),
    Flag::value("cgroup-parent", None, "string", "Set the parent cgroup for the \"RUN\" instructions during build"),
    Flag::bool("check", None, "Shorthand for \"--call=check\"").hidden(),
    Flag::bool("compress", None, "Compress the build context using gzip"),
    Flag::value("cpu-period", None, "int", "Limit the CPU CFS (Completely Fair Scheduler) period"),
    Flag::value("cpu-quota", None, "int", "Limit the CPU CFS (Completely Fair Scheduler) quota"),
    Flag::value("cpu-shares", Some('c'), "int", "CPU shares (relative weight)"),
    Flag::value("cpuset-cpus", None, "string", "CPUs in which to allow execution (0-3, 0,1)"),
    Flag::value("cpuset-mems", None, "string", "MEMs in which to allow execution (0-3, 0,1)"),
    Flag::bool("disable-content-trust", None, "Skip image verification").with_default("true"),
    Flag::value("file", Some('f'), "string", "Name of the Dockerfile (Default is \"PATH/Dockerfile\")"),
    Flag::bool("force-rm", None, "Always remove intermediate containers"),
    Flag::value("iidfile", None, "string", "Write the image ID to the file"),
    Flag::value("isolation", None, "string", "Container isolation technology"),
    Flag::list("label", None, "list", "Set metadata for an image"),
    Flag::bool("load", None, "Shorthand for \"--output=type=docker\"").hidden(),
    Flag::value("memory", Some('m'), "bytes", "Memory limit"),
    Flag::value("memory-swap", None, "bytes", "Swap limit equal to memory plus swap: -1 to enable unlimited swap"),
    Flag::value("metadata-file", None, "string", "Write build result metadata to a file").hidden(),
    Flag::value("network", None, "string", "Set the networking mode for the RUN instructions during build").with_default("\"default\""),
    Flag::bool("no-cache", None, "Do not use cache when building the image"),
    Flag::list("no-cache-filter", None, "stringArray", "Do not cache specified stages").hidden(),
    Flag::list("output", Some('o'), "stringArray", "Output destination (format: \"type=local,dest=path\")").hidden(),
    Flag::value("platform", None, "string", "Set platform if server is multi-platform capable"),
    Flag::value("progress", None, "string", "Set type of progress output (\"auto\", \"quiet\", \"plain\", \"tty\", \"rawjson\"). Use plain to show container output").hidden(),
    Flag::value("provenance", None, "string", "Shorthand for \"--attest=type=provenance\"").hidden(),
    Flag::bool("pull", None, "Always attempt to pull a newer version of the image"),
    Flag::bool("push", None, "Shorthand for \"--output=type=registry\"").hidden(),
    Flag::bool("quiet", Some('q'), "Suppress the build output and print image ID on success"),
    Flag::bool("rm", None, "Remove intermediate containers after a successful build").with_default("true"),
    Flag::value("sbom", None, "string", "Shorthand for \"--attest=type=sbom\"").hidden(),
    Flag::list("secret", None, "stringArray", "Secret to expose to the build (format: \"id=mysecret[,src=/local/secret]\")").hidden(),
    Flag::list("security-opt", None, "strings", "Security options"),
    Flag::value("shm-size", None, "bytes", "Size of \"/dev/shm\""),
    Flag::bool("squash", None, "Squash newly built layers into a single new layer").experimental(),
    Flag::list("ssh", None, "stringArray", "SSH agent socket or keys to expose to the build (format: \"default|<id>[=<socket>|<key>[,<key>]]\")").hidden(),
    Flag::bool("stream", None, "Stream attaches to server to negotiate build context").hidden(),
    Flag::list("tag", Some('t'), "list", "Name and optionally a tag in the \"name:tag\" format"),
    Flag::value("target", None, "string", "Set the target build stage to build."),
    Flag::list("ulimit", None, "ulimit", "Ulimit options").with_default("[]"),
];
/// Flags of `docker builder prune`.
const BUILDER_PRUNE_FLAGS: &[Flag] = &[
    Flag::bool(
        "all",
        Some('a'),
        "Remove all unused build cache, not just dangling ones",
    ),
    Flag::list(
        "filter",
        None,
        "filter",
        "Provide filter values (e.g. \"until=24h\")",
    ),
    Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
    Flag::value(
        "keep-storage",
        None,
        "bytes",
        "Amount of disk space to keep for cache",
    ),
];
/// Flags of `docker buildx build`.
const BUILDX_BUILD_FLAGS: &[Flag] = &[
    Flag::list("add-host", None, "strings", "Add a custom host-to-IP mapping (format: \"host:ip\")"),
    Flag::list("allow", None, "strings", "Allow extra privileged entitlement (e.g., \"network.host\", \"security.insecure\")"),
    Flag::list("annotation", None, "stringArray", "Add annotation to the image"),
    Flag::list("attest", None, "stringArray", "Attestation parameters (format: \"type=sbom,generator=image\")"),
    Flag::list("build-arg", None, "stringArray", "Set build-time variables"),
    Flag::list("build-context", None, "stringArray", "Additional build contexts (e.g., name=path)"),
    Flag::value("builder", None, "string", "Override the configured builder instance").with_default("\"default\""),
    Flag::list("cache-from", None, "stringArray", "External cache sources (e.g., \"user/app:cache\", \"type=local,src=path/to/dir\")"),
    Flag::list("cache-to", None, "stringArray", "Cache export destinations (e.g., \"user/app:cache\", \"type=local,dest=path/to/dir\")"),
    Flag::value("call", None, "string", "Set method for evaluating build (\"check\", \"outline\", \"targets\")").with_default("\"build\""),
    Flag::value("cgroup-parent", None, "string", "Set the parent cgroup for the \"RUN\" instructions during build"),
    Flag::bool("check", None, "Shorthand for \"--call=check\""),
    Flag::bool("compress", None, "Compress the build context using gzip").hidden(),
    Flag::value("cpu-period", None, "int", "Limit the CPU CFS (Completely Fair Scheduler) period").hidden(),
    Flag::value("cpu-quota", None, "int", "Limit the CPU CFS (Completely Fair Scheduler) quota").hidden(),
    Flag::value("cpu-shares", Some('c'), "int", "CPU shares (relative weight)").hidden(),
    Flag::value("cpuset-cpus", None, "string", "CPUs in which to allow execution (\"0-3\", \"0,1\")").hidden(),
    Flag::value("cpuset-mems", None, "string", "MEMs in which to allow execution (\"0-3\", \"0,1\")").hidden(),
    Flag::value("file", Some('f'), "string", "Name of the Dockerfile (default: \"PATH/Dockerfile\")"),
    Flag::bool("force-rm", None, "Always remove intermediate containers").hidden(),
    Flag::value("iidfile", None, "string", "Write the image ID to a file"),
    Flag::value("isolation", None, "string", "Container isolation technology").hidden(),
    Flag::list("label", None, "stringArray", "Set metadata for an image"),
    Flag::bool("load", None, "Shorthand for \"--output=type=docker\""),
    Flag::value("memory", Some('m'), "string", "Memory limit").hidden(),
    Flag::value("memory-swap", None, "string", "Swap limit equal to memory plus swap: \"-1\" to enable unlimited swap").hidden(),
    Flag::value("metadata-file", None, "string", "Write build result metadata to a file"),
    Flag::value("network", None, "string", "Set the networking mode for the \"RUN\" instructions during build").with_default("\"default\""),
    Flag::bool("no-cache", None, "Do not use cache when building the image"),
    Flag::list("no-cache-filter", None, "stringArray", "Do not cache specified stages"),
    Flag::list("output", Some('o'), "stringArray", "Output destination (format: \"type=local,dest=path\")"),
    Flag::list("platform", None, "stringArray", "Set target platform for build"),
    Flag::value("progress", None, "string", "Set type of progress output (\"auto\", \"quiet\", \"plain\", \"tty\", \"rawjson\"). Use plain to show container output").with_default("\"auto\""),
    Flag::value("provenance", None, "string", "Shorthand for \"--attest=type=provenance\""),
    Flag::bool("pull", None, "Always attempt to pull all referenced images"),
    Flag::bool("push", None, "Shorthand for \"--output=type=registry\""),
    Flag::bool("quiet", Some('q'), "Suppress the build output and print image ID on success"),
    Flag::bool("rm", None, "Remove intermediate containers after a successful build").with_default("true").hidden(),
    Flag::value("sbom", None, "string", "Shorthand for \"--attest=type=sbom\""),
    Flag::list("secret", None, "stringArray", "Secret to expose to the build (format: \"id=mysecret[,src=/local/secret]\")"),
    Flag::list("security-opt", None, "strings", "Security options").hidden(),
    Flag::value("shm-size", None, "bytes", "Shared memory size for build containers"),
    Flag::bool("squash", None, "Squash newly built layers into a single new layer").hidden(),
    Flag::list("ssh", None, "stringArray", "SSH agent socket or keys to expose to the build (format: \"default|<id>[=<socket>|<key>[,<key>]]\")"),
    Flag::list("tag", Some('t'), "stringArray", "Name and optionally a tag (format: \"name:tag\")"),
    Flag::value("target", None, "string", "Set the target build stage to build"),
    Flag::list("ulimit", None, "ulimit", "Ulimit options").with_default("[]"),
];
/// Flags of `docker buildx prune`.
const BUILDX_PRUNE_FLAGS: &[Flag] = &[
    Flag::bool("all", Some('a'), "Include internal/frontend images"),
    Flag::value(
        "builder",
        None,
        "string",
        "Override the configured builder instance",
    )
    .with_default("\"default\""),
    Flag::list(
        "filter",
        None,
        "filter",
        "Provide filter values (e.g., \"until=24h\")",
    ),
    Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
    Flag::value(
        "keep-storage",
        None,
        "bytes",
        "Amount of disk space to keep for cache",
    )
    .hidden(),
    Flag::value(
        "max-used-space",
        None,
        "bytes",
        "Maximum amount of disk space allowed to keep for cache",
    ),
    Flag::value(
        "min-free-space",
        None,
        "bytes",
        "Target amount of free disk space after pruning",
    ),
    Flag::value(
        "reserved-space",
        None,
        "bytes",
        "Amount of disk space always allowed to keep for cache",
    ),
    Flag::bool("verbose", None, "Provide a more verbose output"),
];

/// Commands whose handlers are `builder.<verb>`.
pub static COMMANDS: &[Command] = &[
    Command::new(
        "build",
        "[OPTIONS] PATH | URL | -",
        "Build an image from a Dockerfile",
        Arity::Exact(1),
        "builder.build",
    )
    .aliases_line("docker image build, docker build, docker builder build")
    .category(Category::Top(4))
    .flags(BUILD_FLAGS),
    Command::new(
        "builder build",
        "[OPTIONS] PATH | URL | -",
        "Build an image from a Dockerfile",
        Arity::Exact(1),
        "builder.build",
    )
    .aliases_line("docker image build, docker build, docker builder build")
    .flags(BUILD_FLAGS),
    Command::new(
        "builder prune",
        "",
        "Remove build cache",
        Arity::None,
        "builder.prune",
    )
    .flags(BUILDER_PRUNE_FLAGS),
    Command::new(
        "image build",
        "[OPTIONS] PATH | URL | -",
        "Build an image from a Dockerfile",
        Arity::Exact(1),
        "builder.build",
    )
    .aliases_line("docker image build, docker build, docker builder build")
    .flags(BUILD_FLAGS),
    Command::new(
        "buildx build",
        "[OPTIONS] PATH | URL | -",
        "Start a build",
        Arity::Exact(1),
        "builder.buildx_build",
    )
    .aliases(&["b"])
    .aliases_line("docker buildx build, docker buildx b")
    .flags(BUILDX_BUILD_FLAGS),
    Command::new(
        "buildx prune",
        "",
        "Remove build cache",
        Arity::None,
        "builder.prune",
    )
    .flags(BUILDX_PRUNE_FLAGS),
];
