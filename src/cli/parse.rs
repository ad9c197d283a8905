//! Parses a `docker …` argument vector against the grammar: finds the
//! command (longest path match, management commands included), then its
//! flags (`-it`, `-p80:80`, `--name=x`, `--name x`, `--`) and positional
//! arguments, and checks the argument count.

use super::grammar::{Arity, Command, Flag, FlagKind, HELP_FLAG};

/// A parsed command line.
#[derive(Clone, Debug)]
pub struct Invocation {
    pub cmd: &'static Command,
    /// Flags in the order given: (long name, value). Bool flags carry
    /// `"true"`/`"false"`.
    pub flags: Vec<(&'static str, String)>,
    pub args: Vec<String>,
}

impl Invocation {
    /// Whether a bool flag is set (last occurrence wins).
    pub fn on(&self, long: &str) -> bool {
        self.flags
            .iter()
            .rev()
            .find(|(l, _)| *l == long)
            .is_some_and(|(_, v)| v != "false")
    }
    /// The last value of a flag.
    pub fn value(&self, long: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(l, _)| *l == long)
            .map(|(_, v)| v.as_str())
    }
    /// Every value of a repeatable flag, in order.
    pub fn values(&self, long: &str) -> Vec<&str> {
        self.flags
            .iter()
            .filter(|(l, _)| *l == long)
            .map(|(_, v)| v.as_str())
            .collect()
    }
    /// Whether the flag was given at all.
    pub fn given(&self, long: &str) -> bool {
        self.flags.iter().any(|(l, _)| *l == long)
    }
    /// `docker <path>` as the user typed the command path.
    pub fn command_path(&self) -> String {
        format!("docker {}", self.cmd.path)
    }
}

/// Why a command line did not parse. `cli::usage` renders each with
/// Docker's text and exit code.
#[derive(Clone, Debug)]
pub enum ParseError {
    /// `docker foo` / `docker volume foo` (the path typed so far, the word).
    UnknownCommand { parent: String, word: String },
    /// A management command with no sub-command (`docker volume`).
    MissingSubcommand { path: String },
    /// `unknown flag: --foo` / `unknown shorthand flag: 'z' in -z`.
    UnknownFlag { cmd: &'static Command, text: String },
    /// `flag needs an argument: --name` (or `'n' in -n`).
    MissingValue { cmd: &'static Command, text: String },
    /// A bool flag given a non-bool value (`--rm=maybe`).
    InvalidValue { cmd: &'static Command, text: String },
    /// Wrong number of positional arguments.
    Arity { cmd: &'static Command, got: usize },
    /// `--help` was asked for this command.
    Help { cmd: &'static Command },
}

/// Finds the command for `words` (after `docker`): returns it and how many
/// words its path used.
pub fn find_command(
    table: &'static [Command],
    words: &[String],
) -> Result<(&'static Command, usize), ParseError> {
    let mut best: Option<(&'static Command, usize)> = None;
    for c in table {
        let parts: Vec<&str> = c.path.split(' ').collect();
        if parts.len() <= words.len() && parts.iter().zip(words).all(|(p, w)| p == w) {
            if best.is_none_or(|(_, n)| parts.len() > n) {
                best = Some((c, parts.len()));
            }
        }
    }
    match best {
        None => Err(ParseError::UnknownCommand {
            parent: "docker".into(),
            word: words.first().cloned().unwrap_or_default(),
        }),
        Some((c, n)) => {
            let is_group = table
                .iter()
                .any(|o| o.path.starts_with(&format!("{} ", c.path)));
            if is_group && c.handler.is_empty() {
                // A management command: the next word must be a sub-command.
                match words.get(n) {
                    None => Err(ParseError::MissingSubcommand {
                        path: format!("docker {}", c.path),
                    }),
                    Some(w) if w == "--help" || w == "-h" => Err(ParseError::Help { cmd: c }),
                    Some(w) if w.starts_with('-') => Err(ParseError::UnknownFlag {
                        cmd: c,
                        text: unknown_flag_text(w),
                    }),
                    Some(w) => Err(ParseError::UnknownCommand {
                        parent: format!("docker {}", c.path),
                        word: w.clone(),
                    }),
                }
            } else {
                Ok((c, n))
            }
        }
    }
}

fn unknown_flag_text(w: &str) -> String {
    if let Some(long) = w.strip_prefix("--") {
        format!("unknown flag: --{}", long.split('=').next().unwrap_or(long))
    } else {
        let c = w.chars().nth(1).unwrap_or('-');
        format!("unknown shorthand flag: '{c}' in {w}")
    }
}

fn lookup_long(cmd: &'static Command, name: &str) -> Option<&'static Flag> {
    if name == "help" {
        return Some(&HELP_FLAG);
    }
    cmd.flags.iter().find(|f| f.long == name)
}

fn lookup_short(cmd: &'static Command, c: char) -> Option<&'static Flag> {
    if c == 'h' && !cmd.flags.iter().any(|f| f.short == Some('h')) {
        return Some(&HELP_FLAG);
    }
    cmd.flags.iter().find(|f| f.short == Some(c))
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// Parses flags and arguments of `cmd` from `rest`.
pub fn parse_flags(cmd: &'static Command, rest: &[String]) -> Result<Invocation, ParseError> {
    let mut flags: Vec<(&'static str, String)> = Vec::new();
    let mut args: Vec<String> = Vec::new();
    let mut i = 0;
    let mut only_args = false;
    while i < rest.len() {
        let w = &rest[i];
        i += 1;
        if only_args || w == "-" || !w.starts_with('-') {
            args.push(w.clone());
            if cmd.stop_at_first_arg {
                only_args = true;
            }
            continue;
        }
        if w == "--" {
            only_args = true;
            continue;
        }
        if let Some(body) = w.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(f) = lookup_long(cmd, name) else {
                return Err(ParseError::UnknownFlag {
                    cmd,
                    text: format!("unknown flag: --{name}"),
                });
            };
            match f.kind {
                FlagKind::Bool => {
                    let v = match inline {
                        None => "true".to_string(),
                        Some(v) => match parse_bool(&v) {
                            Some(b) => b.to_string(),
                            None => {
                                return Err(ParseError::InvalidValue {
                                    cmd,
                                    text: format!(
                                        "invalid argument \"{v}\" for \"--{name}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax"
                                    ),
                                })
                            }
                        },
                    };
                    flags.push((f.long, v));
                }
                _ => {
                    let v = match inline {
                        Some(v) => v,
                        None if i < rest.len() => {
                            i += 1;
                            rest[i - 1].clone()
                        }
                        None => {
                            return Err(ParseError::MissingValue {
                                cmd,
                                text: format!("flag needs an argument: --{name}"),
                            })
                        }
                    };
                    flags.push((f.long, v));
                }
            }
            continue;
        }
        // shorthand cluster: -it, -p80:80, -e=X
        let chars: Vec<char> = w[1..].chars().collect();
        let mut j = 0;
        while j < chars.len() {
            let c = chars[j];
            j += 1;
            let Some(f) = lookup_short(cmd, c) else {
                return Err(ParseError::UnknownFlag {
                    cmd,
                    text: format!("unknown shorthand flag: '{c}' in {w}"),
                });
            };
            match f.kind {
                FlagKind::Bool => {
                    if j < chars.len() && chars[j] == '=' {
                        let v: String = chars[j + 1..].iter().collect();
                        j = chars.len();
                        match parse_bool(&v) {
                            Some(b) => flags.push((f.long, b.to_string())),
                            None => {
                                return Err(ParseError::InvalidValue {
                                    cmd,
                                    text: format!(
                                        "invalid argument \"{v}\" for \"-{c}, --{}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax",
                                        f.long
                                    ),
                                })
                            }
                        }
                    } else {
                        flags.push((f.long, "true".into()));
                    }
                }
                _ => {
                    let mut v: String = chars[j..].iter().collect();
                    j = chars.len();
                    if let Some(s) = v.strip_prefix('=') {
                        v = s.to_string();
                    }
                    if v.is_empty() {
                        if i < rest.len() {
                            v = rest[i].clone();
                            i += 1;
                        } else {
                            return Err(ParseError::MissingValue {
                                cmd,
                                text: format!("flag needs an argument: '{c}' in -{c}"),
                            });
                        }
                    }
                    flags.push((f.long, v));
                }
            }
        }
    }
    let inv = Invocation { cmd, flags, args };
    if inv.on("help") {
        return Err(ParseError::Help { cmd });
    }
    let n = inv.args.len();
    let ok = match cmd.arity {
        Arity::None => n == 0,
        Arity::Exact(k) => n == k,
        Arity::AtLeast(k) => n >= k,
        Arity::AtMost(k) => n <= k,
        Arity::Range(a, b) => n >= a && n <= b,
        Arity::Any => true,
    };
    if !ok {
        return Err(ParseError::Arity { cmd, got: n });
    }
    Ok(inv)
}
