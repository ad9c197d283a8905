//! Grammar entries of the `registry` area: usage lines, descriptions, aliases,
//! argument counts and flags, as docker/cli v28 defines them (generated from
//! the real CLI's help output; edit with care).

#![allow(unused_imports)]

use crate::cli::grammar::{Arity, Category, Command, Flag};

/// Flags of `docker login`.
const LOGIN_FLAGS: &[Flag] = &[
    Flag::value(
        "password",
        Some('p'),
        "string",
        "Password or Personal Access Token (PAT)",
    ),
    Flag::bool(
        "password-stdin",
        None,
        "Take the Password or Personal Access Token (PAT) from stdin",
    ),
    Flag::value("username", Some('u'), "string", "Username"),
];
/// Flags of `docker push`.
const PUSH_FLAGS: &[Flag] = &[
    Flag::bool("all-tags", Some('a'), "Push all tags of an image to the repository"),
    Flag::bool("disable-content-trust", None, "Skip image signing").with_default("true"),
    Flag::value("platform", None, "string", "Push a platform-specific manifest as a single-platform image to the registry. Image index won't be pushed, meaning that other manifests, including attestations won't be preserved. 'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)"),
    Flag::bool("quiet", Some('q'), "Suppress verbose output"),
];
/// Flags of `docker search`.
const SEARCH_FLAGS: &[Flag] = &[
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
        "Pretty-print search using a Go template",
    ),
    Flag::value("limit", None, "int", "Max number of search results"),
    Flag::bool("no-trunc", None, "Don't truncate output"),
];

/// Commands whose handlers are `registry.<verb>`.
pub static COMMANDS: &[Command] = &[
    Command::new("login", "[OPTIONS] [SERVER]", "Authenticate to a registry", Arity::AtMost(1), "registry.login")
        .long("Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.")
        .category(Category::Top(8))
        .flags(LOGIN_FLAGS),
    Command::new("logout", "[SERVER]", "Log out from a registry", Arity::AtMost(1), "registry.logout")
        .long("Log out from a registry.\nIf no server is specified, the default is defined by the daemon.")
        .category(Category::Top(9)),
    Command::new("push", "[OPTIONS] NAME[:TAG]", "Upload an image to a registry", Arity::Exact(1), "registry.push")
        .aliases_line("docker image push, docker push")
        .category(Category::Top(6))
        .flags(PUSH_FLAGS),
    Command::new("search", "[OPTIONS] TERM", "Search Docker Hub for images", Arity::Exact(1), "registry.search")
        .category(Category::Top(10))
        .flags(SEARCH_FLAGS),
    Command::new("image push", "[OPTIONS] NAME[:TAG]", "Upload an image to a registry", Arity::Exact(1), "registry.push")
        .aliases_line("docker image push, docker push")
        .flags(PUSH_FLAGS),
];
