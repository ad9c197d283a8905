//! One POSIX-style shell for the host's bash, containers' bash, Debian's
//! dash `sh` and busybox `sh`: the same engine, with each flavour's prompt
//! and error wording ([`ShellKind`]). Parses with [`parse`], expands words
//! with [`expand`], runs builtins itself and other programs through
//! [`crate::userland::programs`].

mod arith;
mod arith_cmd;
pub mod arrays;
mod brace;
pub mod builtins;
mod command;
mod cond;
mod errors;
mod exec;
pub mod expand;
pub mod parse;
mod pipeline;
mod redirect;

use crate::engine::fs::path;
use crate::userland::programs::{self};
use crate::userland::Output;
use parse::Node;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Which shell program this is (its messages and prompt differ).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShellKind {
    #[default]
    Bash,
    /// Debian's `/bin/sh`.
    Dash,
    /// busybox `sh` (Alpine).
    Ash,
}

/// A shell's state: variables, functions, cwd, options, history.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shell {
    pub kind: ShellKind,
    /// `$0`.
    pub name: String,
    pub vars: BTreeMap<String, String>,
    pub exported: BTreeSet<String>,
    pub funcs: BTreeMap<String, Node>,
    pub cwd: String,
    pub last: i32,
    /// Positional parameters `$1…`.
    pub args: Vec<String>,
    pub errexit: bool,
    pub nounset: bool,
    pub noglob: bool,
    pub xtrace: bool,
    pub pipefail: bool,
    pub interactive: bool,
    /// Whether `-c` / script (affects the message prefix).
    pub script: bool,
    pub history: Vec<String>,
    pub pid: u32,
    pub lineno: u32,
    pub user: String,
    pub tty: bool,
    pub allexport: bool,
    /// An interactive Python interpreter rather than a shell: `history`
    /// holds the statements run so far, `pending` an unfinished block.
    #[serde(default)]
    pub python: Option<String>,
    #[serde(default)]
    pub pending: String,
    #[serde(skip)]
    pub subshell: bool,
    /// Stdout goes into a pipe (`yes | head`).
    #[serde(skip)]
    pub in_pipe: bool,
    #[serde(skip)]
    pub subst_status: Option<i32>,
    #[serde(skip)]
    cond_depth: u32,
    /// Descriptors 3–9 opened with `exec N>…`.
    #[serde(skip)]
    fds: BTreeMap<i32, Target>,
    /// Descriptors ≥ 3 set up by the last command's redirections.
    #[serde(skip)]
    extra_fds: Vec<(i32, Target)>,
    #[serde(skip)]
    locals: Vec<Vec<(String, Option<String>)>>,
    #[serde(skip)]
    func_depth: u32,
    /// Trap actions by condition (`EXIT`, `ERR`, `INT` …).
    #[serde(default)]
    pub traps: BTreeMap<String, String>,
    /// How deeply the interpreter is nested (functions, subshells,
    /// command substitutions, `eval`, `source`).
    #[serde(skip)]
    nest: u32,
    /// `getopts`' place: the `OPTIND` it last set and the position
    /// inside a bundle of options (`-abc`).
    #[serde(skip)]
    getopts_at: (usize, usize),
    /// bash arrays by name (their scalars are not in `vars`).
    #[serde(default)]
    pub arrays: BTreeMap<String, arrays::Array>,
    /// How many loops enclose the running command (`break` outside one).
    #[serde(skip)]
    pub(crate) loops: u32,
    /// Aliases in effect, and those defined by the running command (they
    /// take effect from the next one).
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    #[serde(default)]
    pub new_aliases: BTreeMap<String, String>,
    /// bash's `shopt expand_aliases` (on in interactive shells).
    #[serde(default)]
    pub expand_aliases: bool,
    /// Aliases being expanded (an alias does not expand inside itself).
    #[serde(skip)]
    alias_busy: BTreeSet<String>,
    /// Variables made read-only with `readonly`.
    #[serde(default)]
    pub readonly: BTreeSet<String>,
}

/// Standard input and output of a running command.
pub struct Io<'a> {
    pub stdin: Option<Vec<u8>>,
    pub pos: usize,
    pub out: &'a mut Output,
    /// Whether stdout is the terminal.
    pub tty: bool,
}

impl Io<'_> {
    /// The unread part of stdin.
    pub fn rest(&self) -> Option<Vec<u8>> {
        self.stdin
            .as_ref()
            .map(|b| b.get(self.pos..).unwrap_or(&[]).to_vec())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    Out,
    Err,
    Null,
    File(String),
}

impl Shell {
    /// A new shell of `kind` named `name` (`$0`) in `cwd` with `env`.
    pub fn new(kind: ShellKind, name: &str, cwd: &str, env: &[(String, String)]) -> Shell {
        let mut sh = Shell {
            kind,
            name: name.to_string(),
            cwd: if cwd.is_empty() {
                "/".into()
            } else {
                cwd.into()
            },
            user: "root".into(),
            pid: 1,
            lineno: 1,
            ..Shell::default()
        };
        for (k, v) in env {
            sh.vars.insert(k.clone(), v.clone());
            sh.exported.insert(k.clone());
        }
        if !sh.vars.contains_key("PATH") {
            sh.vars.insert("PATH".into(), programs::DEFAULT_PATH.into());
        }
        if !sh.vars.contains_key("PWD") {
            sh.vars.insert("PWD".into(), sh.cwd.clone());
            sh.exported.insert("PWD".into());
        }
        sh
    }

    /// The name used in messages (`bash`, `sh`).
    pub fn short_name(&self) -> String {
        let n = path::file_name(&self.name);
        if n.is_empty() {
            match self.kind {
                ShellKind::Bash => "bash".into(),
                _ => "sh".into(),
            }
        } else {
            n.trim_start_matches('-').to_string()
        }
    }

    /// The prefix of shell error messages (`bash`, `bash: line 1`, `sh: 1`).
    pub fn err_prefix(&self) -> String {
        let n = if self.interactive || self.name.is_empty() {
            self.short_name()
        } else {
            self.name.clone()
        };
        match self.kind {
            ShellKind::Bash if self.interactive => n,
            ShellKind::Bash => format!("{n}: line {}", self.lineno),
            ShellKind::Dash => format!("{n}: {}", self.lineno),
            ShellKind::Ash => n,
        }
    }

    pub fn get(&self, k: &str) -> Option<String> {
        self.vars.get(k).cloned()
    }

    pub fn set(&mut self, k: &str, v: &str) {
        self.vars.insert(k.to_string(), v.to_string());
    }

    /// A special or named parameter.
    pub fn param(&self, name: &str) -> Option<String> {
        match name {
            "?" => Some(self.last.to_string()),
            "$" => Some(self.pid.to_string()),
            "#" => Some(self.args.len().to_string()),
            "0" => Some(self.name.clone()),
            "!" => Some(String::new()),
            "-" => Some(if self.interactive { "himBH" } else { "hB" }.to_string()),
            "LINENO" if !self.vars.contains_key("LINENO") => match self.kind {
                ShellKind::Bash => Some(self.lineno.to_string()),
                ShellKind::Dash => Some(String::new()),
                ShellKind::Ash => Some(self.lineno.saturating_sub(1).to_string()),
            },
            "@" | "*" => Some(self.args.join(" ")),
            n if n.chars().all(|c| c.is_ascii_digit()) => {
                let i: usize = n.parse().ok()?;
                self.args.get(i.checked_sub(1)?).cloned()
            }
            n => self.vars.get(n).cloned().or_else(|| self.array_first(n)),
        }
    }

    /// Environment for a child process: exported variables.
    pub fn env(&self) -> Vec<(String, String)> {
        self.exported
            .iter()
            .filter_map(|k| Some((k.clone(), self.vars.get(k)?.clone())))
            .collect()
    }

    /// The prompt: `root@host:/#`, `/ #`, `# `.
    pub fn prompt(&self, hostname: &str) -> String {
        if self.python.is_some() {
            return if self.pending.is_empty() {
                ">>> "
            } else {
                "... "
            }
            .to_string();
        }
        let root = self.user == "root" || self.user.is_empty() || self.user == "0";
        let sigil = if root { '#' } else { '$' };
        let home = self.get("HOME").unwrap_or_default();
        let shown = if !home.is_empty() && home != "/" && self.cwd == home {
            "~".to_string()
        } else if !home.is_empty() && home != "/" && self.cwd.starts_with(&format!("{home}/")) {
            format!("~{}", &self.cwd[home.len()..])
        } else {
            self.cwd.clone()
        };
        match self.kind {
            ShellKind::Bash => {
                let user = if self.user.is_empty() || self.user == "0" {
                    "root"
                } else {
                    &self.user
                };
                format!("{user}@{hostname}:{shown}{sigil} ")
            }
            ShellKind::Ash => format!("{shown} {sigil} "),
            ShellKind::Dash => format!("{sigil} "),
        }
    }

    /// A copy of this shell for a subshell: traps are reset.
    pub(crate) fn subshell_copy(&self) -> Shell {
        let mut sub = self.clone();
        sub.subshell = true;
        sub.traps.clear();
        sub
    }

    /// Records `local NAME` in the current function scope.
    pub(crate) fn make_local(&mut self, k: &str) {
        let old = self.vars.get(k).cloned();
        if let Some(scope) = self.locals.last_mut() {
            if !scope.iter().any(|(n, _)| n == k) {
                scope.push((k.to_string(), old));
            }
        }
    }

    pub(crate) fn in_function(&self) -> bool {
        self.func_depth > 0
    }
}
