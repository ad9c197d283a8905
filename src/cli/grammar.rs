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
}

/// A command (or a management command with sub-commands).
#[derive(Clone, Copy, Debug)]
pub struct Command {
    /// Space-separated path below `docker`: `"run"`, `"container run"`,
    /// `"image"` (a management command).
    pub path: &'static str,
    /// The cobra `Use` string after the name: `[OPTIONS] IMAGE [COMMAND] [ARG...]`.
    pub usage: &'static str,
    pub short: &'static str,
    /// Other full paths that run the same command (`"container run"` for
    /// `"run"`), listed under `Aliases:` with this one.
    pub aliases: &'static [&'static str],
    pub arity: Arity,
    pub flags: &'static [Flag],
    /// `docker run`: flags stop at the first positional argument.
    pub stop_at_first_arg: bool,
    /// Which handler runs it (shared by aliases): e.g. `"container.run"`.
    pub handler: &'static str,
}

/// Flags every command accepts.
pub const HELP_FLAG: Flag = Flag::bool("help", None, "Print usage").hidden();
