//! The `docker` command grammar as data: every command's usage line, short
//! description, aliases, argument count rule and flags. One table drives
//! parsing, `--help` text, usage errors and Tab completion.

/// How many positional arguments a command takes (cobra's `Args` rules, with
/// Docker's error texts in `cli::usage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    /// `accepts no arguments`
    None,
    /// `requires 1 argument` / `requires N arguments`
    Exact(usize),
    /// `requires at least N argument(s)`
    AtLeast(usize),
    /// `requires at most N argument(s)`
    AtMost(usize),
    /// `requires at least N and at most M arguments`
    Range(usize, usize),
    /// Anything.
    Any,
}

/// What a flag takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    /// A switch (`-d`); `--flag=false` is accepted.
    Bool,
    /// One value; the last occurrence wins. The str is the type name shown
    /// in help (`string`, `int`, `duration`, `bytes`, `decimal`, …).
    Value(&'static str),
    /// Repeatable values collected in order; the str is the type name shown
    /// in help (`list`, `stringArray`, `filter`, `mount`, …).
    List(&'static str),
}

/// A flag.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: FlagKind,
    pub help: &'static str,
    /// Shown as ` (default X)` in help when non-empty.
    pub default: &'static str,
    /// Hidden flags parse but are not listed in help.
    pub hidden: bool,
    /// What the daemon must offer for the flag to be usable.
    pub only: Only,
}

/// A flag the CLI hides and refuses unless the daemon offers a feature
/// (docker/cli `hideUnsupportedFeatures` / `areFlagsSupported`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Only {
    /// Always usable.
    Any,
    /// `ostype=windows` (`--cpu-count`, `--io-maxiops` …).
    Windows,
    /// Needs a daemon with experimental features (`docker build --squash`).
    Experimental,
}

impl Flag {
    pub const fn bool(long: &'static str, short: Option<char>, help: &'static str) -> Flag {
        Flag {
            long,
            short,
            kind: FlagKind::Bool,
            help,
            default: "",
            hidden: false,
            only: Only::Any,
        }
    }
    pub const fn value(
        long: &'static str,
        short: Option<char>,
        ty: &'static str,
        help: &'static str,
    ) -> Flag {
        Flag {
            long,
            short,
            kind: FlagKind::Value(ty),
            help,
            default: "",
            hidden: false,
            only: Only::Any,
        }
    }
    pub const fn list(
        long: &'static str,
        short: Option<char>,
        ty: &'static str,
        help: &'static str,
    ) -> Flag {
        Flag {
            long,
            short,
            kind: FlagKind::List(ty),
            help,
            default: "",
            hidden: false,
            only: Only::Any,
        }
    }
    pub const fn with_default(mut self, d: &'static str) -> Flag {
        self.default = d;
        self
    }
    pub const fn hidden(mut self) -> Flag {
        self.hidden = true;
        self
    }
    /// A Windows-only flag: hidden, and refused by a Linux daemon.
    pub const fn windows_only(mut self) -> Flag {
        self.hidden = true;
        self.only = Only::Windows;
        self
    }
    /// An experimental-daemon flag: hidden, and refused by this daemon.
    pub const fn experimental(mut self) -> Flag {
        self.hidden = true;
        self.only = Only::Experimental;
        self
    }
    /// Why the daemon refuses this flag, if it does (the CLI's text).
    pub fn unsupported(&self) -> Option<String> {
        match self.only {
            Only::Any => None,
            Only::Windows => Some(format!(
                "\"--{}\" is only supported on a Docker daemon running on windows, but the Docker daemon is running on linux",
                self.long
            )),
            Only::Experimental => Some(format!(
                "\"--{}\" is only supported on a Docker daemon with experimental features enabled",
                self.long
            )),
        }
    }
}

/// Where a command is listed in its parent's help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// Listed under `Commands:` (or `Management Commands:` for a group).
    Normal,
    /// Listed under the root's `Common Commands:`, in this order.
    Top(u8),
    /// A Swarm management command (`Swarm Commands:`).
    Swarm,
    /// A CLI plugin (`buildx*`), listed with a `*` after its name.
    Plugin,
    /// Not listed (commands the daemon does not offer: swarm-only commands
    /// on a node outside a swarm, experimental ones); still parsed.
    Hidden,
}

/// A command (or a management command with sub-commands).
#[derive(Clone, Copy, Debug)]
pub struct Command {
    /// Space-separated canonical path below `docker`: `"run"`,
    /// `"container run"`, `"image"` (a management command). Error texts and
    /// `Usage:` lines use it even when an alias was typed (as cobra does).
    pub path: &'static str,
    /// The cobra `Use` string after the name: `[OPTIONS] IMAGE [COMMAND] [ARG...]`.
    pub usage: &'static str,
    /// One-line description, shown in the parent's command list.
    pub short: &'static str,
    /// Longer description shown by `--help` instead of `short` when non-empty.
    pub long: &'static str,
    /// Other names of the last word (cobra aliases): `["list", "ps"]` for
    /// `container ls`, so `docker container list` runs it.
    pub aliases: &'static [&'static str],
    /// The `Aliases:` line of the help (every path running the same
    /// command, as docker prints it); empty for none.
    pub aliases_line: &'static str,
    pub arity: Arity,
    pub flags: &'static [Flag],
    /// `docker run`: flags stop at the first positional argument.
    pub stop_at_first_arg: bool,
    /// Which handler runs it (shared by aliases): e.g. `"container.run"`;
    /// empty for a management command.
    pub handler: &'static str,
    pub category: Category,
}

impl Command {
    /// A command with no flags, aliases or long description.
    pub const fn new(
        path: &'static str,
        usage: &'static str,
        short: &'static str,
        arity: Arity,
        handler: &'static str,
    ) -> Command {
        Command {
            path,
            usage,
            short,
            long: "",
            aliases: &[],
            aliases_line: "",
            arity,
            flags: &[],
            stop_at_first_arg: false,
            handler,
            category: Category::Normal,
        }
    }
    /// A management command (`docker image`): its usage is `COMMAND`.
    pub const fn group(path: &'static str, short: &'static str) -> Command {
        Command::new(path, "COMMAND", short, Arity::None, "")
    }
    pub const fn long(mut self, long: &'static str) -> Command {
        self.long = long;
        self
    }
    pub const fn aliases(mut self, a: &'static [&'static str]) -> Command {
        self.aliases = a;
        self
    }
    pub const fn aliases_line(mut self, line: &'static str) -> Command {
        self.aliases_line = line;
        self
    }
    pub const fn flags(mut self, f: &'static [Flag]) -> Command {
        self.flags = f;
        self
    }
    pub const fn stop_at_first_arg(mut self) -> Command {
        self.stop_at_first_arg = true;
        self
    }
    pub const fn category(mut self, c: Category) -> Command {
        self.category = c;
        self
    }
    /// Whether this is a management command (it has sub-commands).
    pub fn is_group(&self) -> bool {
        self.handler.is_empty()
    }
    /// The last word of the path (cobra's `Name()`).
    pub fn name(&self) -> &'static str {
        self.path.rsplit(' ').next().unwrap_or(self.path)
    }
    /// The parent path (`""` for top-level commands).
    pub fn parent(&self) -> &'static str {
        match self.path.rfind(' ') {
            Some(i) => &self.path[..i],
            None => "",
        }
    }
    /// `docker <path> <usage>` (cobra's `UseLine()`).
    pub fn use_line(&self) -> String {
        if self.path.is_empty() {
            format!("docker {}", self.usage)
        } else if self.usage.is_empty() {
            format!("docker {}", self.path)
        } else {
            format!("docker {} {}", self.path, self.usage)
        }
    }
    /// The flag with this long name.
    pub fn flag(&self, long: &str) -> Option<&'static Flag> {
        self.flags.iter().find(|f| f.long == long)
    }
}

/// Flags every command accepts.
pub const HELP_FLAG: Flag = Flag::bool("help", None, "Print usage").hidden();
