//! Tab completion of a `docker …` command line, driven by the grammar and
//! the engine's state: commands and sub-commands, `--long` flags, and for
//! positional arguments the objects the usage line expects (`IMAGE` →
//! `repo:tag`, `CONTAINER` → container names, `NETWORK`, `VOLUME`), with
//! containers filtered by state where docker's own completion does so
//! (`docker start` offers stopped ones, `docker stop` running ones).

use super::commands::table;
use super::grammar::{Category, Command, Flag, FlagKind};
use super::parse::{children, lookup, GLOBAL_FLAGS};
use crate::engine::container::state::Status;
use crate::engine::{Engine, HostId};

/// What a positional argument or flag value names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Container,
    Image,
    Network,
    Volume,
    /// `docker inspect NAME|ID`: containers, images, networks and volumes.
    Any,
    /// `docker cp CONTAINER:PATH`: container names followed by `:`.
    ContainerPath,
    Nothing,
}

/// Candidate full words for the last word of `line` (the word being typed;
/// empty when the line ends with a space). Sorted, without duplicates.
pub fn complete(engine: &Engine, h: HostId, line: &str) -> Vec<String> {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let current = if line.is_empty() || line.ends_with(char::is_whitespace) {
        ""
    } else {
        words.pop().unwrap_or("")
    };
    let mut out = match words.split_first() {
        None => {
            if !current.is_empty() && "docker".starts_with(current) {
                vec!["docker".to_string()]
            } else {
                Vec::new()
            }
        }
        Some((&"docker", rest)) => complete_docker(engine, h, rest, current),
        Some(_) => Vec::new(),
    };
    out.sort();
    out.dedup();
    out
}

fn with_prefix<I: IntoIterator<Item = String>>(items: I, prefix: &str) -> Vec<String> {
    items
        .into_iter()
        .filter(|s| s.starts_with(prefix))
        .collect()
}

fn long_flags(flags: &[Flag], prefix: &str) -> Vec<String> {
    with_prefix(
        flags
            .iter()
            .filter(|f| !f.hidden)
            .map(|f| format!("--{}", f.long))
            .chain(std::iter::once("--help".to_string())),
        prefix,
    )
}

/// The flag a word names, if it takes a separate value (`-v`, `--network`;
/// not `--network=x` nor bool flags).
fn value_flag(flags: &'static [Flag], word: &str) -> Option<&'static Flag> {
    let f = if let Some(long) = word.strip_prefix("--") {
        if long.contains('=') {
            return None;
        }
        flags.iter().find(|f| f.long == long)?
    } else {
        let short = word.strip_prefix('-')?;
        let last = short.chars().last()?;
        // `-it` ends in a bool; `-p` alone (or ending a cluster) takes a value.
        let f = flags.iter().find(|f| f.short == Some(last))?;
        if short.chars().count() > 1 && !matches!(f.kind, FlagKind::Bool) {
            // `-p80` carries its value inline unless the value flag is last.
            let first_value = short.chars().position(|c| {
                flags
                    .iter()
                    .any(|g| g.short == Some(c) && !matches!(g.kind, FlagKind::Bool))
            });
            if first_value != Some(short.chars().count() - 1) {
                return None;
            }
        }
        f
    };
    (!matches!(f.kind, FlagKind::Bool)).then_some(f)
}

fn complete_docker(engine: &Engine, h: HostId, rest: &[&str], current: &str) -> Vec<String> {
    // Global options before the command.
    let mut i = 0;
    while i < rest.len() && rest[i].starts_with('-') {
        if value_flag(GLOBAL_FLAGS, rest[i]).is_some() {
            i += 1;
        }
        i += 1;
    }
    if i > rest.len() {
        // Typing the value of a global option.
        return Vec::new();
    }
    let Some(first) = rest.get(i) else {
        if current.starts_with('-') {
            return long_flags(GLOBAL_FLAGS, current);
        }
        return command_names("", current);
    };
    let Some(top) = lookup(table(), "", first) else {
        return Vec::new();
    };
    let mut cmd = top;
    let mut j = i + 1;
    if top.is_group() {
        match rest.get(j) {
            None => {
                if current.starts_with('-') {
                    return with_prefix(vec!["--help".to_string()], current);
                }
                return command_names(top.path, current);
            }
            Some(w) => match lookup(table(), top.path, w) {
                Some(sub) => {
                    cmd = sub;
                    j += 1;
                }
                None => return Vec::new(),
            },
        }
    }
    complete_args(engine, h, cmd, &rest[j..], current)
}

/// Names of the listed sub-commands of `parent` starting with `prefix`.
fn command_names(parent: &str, prefix: &str) -> Vec<String> {
    with_prefix(
        children(table(), parent)
            .filter(|c| c.category != Category::Hidden)
            .map(|c| c.name().to_string()),
        prefix,
    )
}

fn complete_args(
    engine: &Engine,
    h: HostId,
    cmd: &'static Command,
    args: &[&str],
    current: &str,
) -> Vec<String> {
    // Count the positionals already typed, skipping flag values.
    let mut positional = 0;
    let mut only_args = false;
    let mut k = 0;
    while k < args.len() {
        let w = args[k];
        k += 1;
        if only_args {
            positional += 1;
        } else if w == "--" {
            only_args = true;
        } else if w.starts_with('-') && w.len() > 1 {
            if let Some(f) = value_flag(cmd.flags, w) {
                if k == args.len() {
                    // The word being typed is this flag's value.
                    return flag_values(engine, h, f, current);
                }
                k += 1;
            }
        } else {
            positional += 1;
            only_args = cmd.stop_at_first_arg;
        }
    }
    if current.starts_with('-') && !only_args {
        return long_flags(cmd.flags, current);
    }
    let kind = positional_kind(cmd, positional);
    objects(engine, h, cmd, kind, current)
}

fn flag_values(engine: &Engine, h: HostId, f: &Flag, current: &str) -> Vec<String> {
    let kind = match f.long {
        "network" | "net" => Kind::Network,
        "volumes-from" | "link" => Kind::Container,
        "volume" if !current.contains(':') => Kind::Volume,
        _ => Kind::Nothing,
    };
    objects(engine, h, &NO_COMMAND, kind, current)
}

static NO_COMMAND: Command = Command::new("", "", "", super::grammar::Arity::Any, "");

/// What the `n`th positional of `cmd` names, from its usage line.
fn positional_kind(cmd: &Command, n: usize) -> Kind {
    if cmd.handler == "container.inspect" {
        return Kind::Any;
    }
    let first_line = cmd.usage.lines().next().unwrap_or("");
    let tokens: Vec<&str> = first_line
        .split_whitespace()
        .filter(|t| *t != "[OPTIONS]" && *t != "|")
        .collect();
    let tok = match tokens.get(n) {
        Some(t) => *t,
        None => match tokens.last() {
            Some(t) if t.ends_with("...]") || t.ends_with("...") => t,
            _ => return Kind::Nothing,
        },
    };
    // After `docker run IMAGE` comes the container's own command line.
    if cmd.stop_at_first_arg && n > 0 {
        return Kind::Nothing;
    }
    let t = tok.trim_start_matches('[');
    if t.starts_with("CONTAINER:") {
        Kind::ContainerPath
    } else if t.starts_with("CONTAINER") {
        Kind::Container
    } else if t.starts_with("IMAGE")
        || t.starts_with("SOURCE_IMAGE")
        || t.starts_with("REPOSITORY")
        || (t.starts_with("NAME[:TAG") && cmd.handler.starts_with("registry."))
    {
        Kind::Image
    } else if t.starts_with("NETWORK") {
        Kind::Network
    } else if t.starts_with("VOLUME") {
        Kind::Volume
    } else {
        Kind::Nothing
    }
}

/// Which container states a command offers (docker's completion filters).
fn state_ok(cmd: &Command, s: Status) -> bool {
    let verb = cmd.handler.split_once('.').map_or("", |(_, v)| v);
    match verb {
        "start" => matches!(s, Status::Created | Status::Exited | Status::Dead),
        "stop" | "kill" | "pause" | "exec" | "attach" | "top" | "stats" | "port" => {
            matches!(s, Status::Running | Status::Restarting)
        }
        "restart" => !matches!(s, Status::Removing),
        "unpause" => s == Status::Paused,
        _ => true,
    }
}

/// `docker.io/library/ubuntu:22.04` → `ubuntu:22.04` (distribution's
/// familiar form).
fn familiar(full: &str) -> String {
    let s = full.strip_prefix("docker.io/").unwrap_or(full);
    s.strip_prefix("library/").unwrap_or(s).to_string()
}

fn objects(engine: &Engine, h: HostId, cmd: &Command, kind: Kind, prefix: &str) -> Vec<String> {
    let d = &engine.host(h).daemon;
    let containers = || -> Vec<String> {
        d.containers
            .by_id
            .values()
            .filter(|c| state_ok(cmd, c.state.status))
            .map(|c| c.name.trim_start_matches('/').to_string())
            .collect()
    };
    let images = || -> Vec<String> {
        d.images
            .refs
            .keys()
            .filter(|r| !r.contains('@'))
            .map(|r| familiar(r))
            .collect()
    };
    // `docker network rm` cannot remove the predefined networks.
    let removing = cmd.handler == "network.rm";
    let networks = || -> Vec<String> {
        d.networks
            .by_id
            .values()
            .map(|n| n.name.clone())
            .filter(|n| !(removing && matches!(n.as_str(), "bridge" | "host" | "none")))
            .collect()
    };
    let volumes = || -> Vec<String> { d.volumes.by_name.keys().cloned().collect() };
    let items = match kind {
        Kind::Container => containers(),
        Kind::Image => images(),
        Kind::Network => networks(),
        Kind::Volume => volumes(),
        Kind::Any => {
            let mut v = containers();
            v.extend(images());
            v.extend(networks());
            v.extend(volumes());
            v
        }
        Kind::ContainerPath => containers().into_iter().map(|c| format!("{c}:")).collect(),
        Kind::Nothing => Vec::new(),
    };
    with_prefix(items, prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(path: &str) -> &'static Command {
        table().iter().find(|c| c.path == path).unwrap()
    }

    #[test]
    fn usage_lines_name_the_objects() {
        assert_eq!(positional_kind(cmd("run"), 0), Kind::Image);
        assert_eq!(positional_kind(cmd("run"), 1), Kind::Nothing);
        assert_eq!(positional_kind(cmd("rm"), 0), Kind::Container);
        assert_eq!(positional_kind(cmd("rm"), 3), Kind::Container);
        assert_eq!(positional_kind(cmd("exec"), 0), Kind::Container);
        assert_eq!(positional_kind(cmd("exec"), 1), Kind::Nothing);
        assert_eq!(positional_kind(cmd("tag"), 0), Kind::Image);
        assert_eq!(positional_kind(cmd("rmi"), 2), Kind::Image);
        assert_eq!(positional_kind(cmd("push"), 0), Kind::Image);
        assert_eq!(positional_kind(cmd("pull"), 0), Kind::Nothing);
        assert_eq!(positional_kind(cmd("images"), 0), Kind::Image);
        assert_eq!(positional_kind(cmd("inspect"), 0), Kind::Any);
        assert_eq!(positional_kind(cmd("cp"), 0), Kind::ContainerPath);
        assert_eq!(positional_kind(cmd("network connect"), 0), Kind::Network);
        assert_eq!(positional_kind(cmd("network connect"), 1), Kind::Container);
        assert_eq!(positional_kind(cmd("volume rm"), 1), Kind::Volume);
        assert_eq!(positional_kind(cmd("ps"), 0), Kind::Nothing);
    }

    #[test]
    fn container_states_follow_the_verb() {
        assert!(state_ok(cmd("start"), Status::Exited));
        assert!(!state_ok(cmd("start"), Status::Running));
        assert!(state_ok(cmd("stop"), Status::Running));
        assert!(!state_ok(cmd("stop"), Status::Exited));
        assert!(state_ok(cmd("unpause"), Status::Paused));
        assert!(!state_ok(cmd("unpause"), Status::Running));
        assert!(state_ok(cmd("rm"), Status::Running));
        assert!(state_ok(cmd("container logs"), Status::Exited));
    }

    #[test]
    fn value_flags_take_the_next_word() {
        let run = cmd("run").flags;
        assert_eq!(
            value_flag(run, "--network").map(|f| f.long),
            Some("network")
        );
        assert!(value_flag(run, "--network=x").is_none());
        assert!(value_flag(run, "-it").is_none());
        assert_eq!(value_flag(run, "-v").map(|f| f.long), Some("volume"));
        assert_eq!(value_flag(run, "-itv").map(|f| f.long), Some("volume"));
        assert!(value_flag(run, "-p80:80").is_none());
        assert!(value_flag(run, "--rm").is_none());
    }
}
