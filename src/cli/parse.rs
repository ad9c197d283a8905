//! Parses a `docker …` argument vector against the grammar, as cobra and
//! pflag do: the global options before the command (`-H`, `--context`,
//! `-D`, …), the command path (management commands and aliases included),
//! then its flags (`-it`, `-p80:80`, `--name=x`, `--name x`, `--`), typed
//! values (`int`, `bytes`, `duration`, …) and positional arguments, and
//! finally the argument count.

use super::grammar::{Arity, Category, Command, Flag, FlagKind, HELP_FLAG};

/// The root command (`docker [OPTIONS] COMMAND [ARG...]`).
pub static ROOT: Command = Command::new(
    "",
    "[OPTIONS] COMMAND [ARG...]",
    "A self-sufficient runtime for containers",
    Arity::Any,
    "",
)
.flags(GLOBAL_FLAGS);

/// `docker help [command]` (cobra's help command, not listed).
pub static HELP_COMMAND: Command = Command::new(
    "help",
    "[command]",
    "Help about the command",
    Arity::Any,
    "system.help",
)
.category(Category::Hidden);

/// The global options (`docker --help`'s `Global Options:`).
pub static GLOBAL_FLAGS: &[Flag] = &[
    Flag::value(
        "config",
        None,
        "string",
        "Location of client config files",
    )
    .with_default("\"/root/.docker\""),
    Flag::value(
        "context",
        Some('c'),
        "string",
        "Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with \"docker context use\")",
    ),
    Flag::bool("debug", Some('D'), "Enable debug mode"),
    Flag::list("host", Some('H'), "list", "Daemon socket to connect to"),
    Flag::value(
        "log-level",
        Some('l'),
        "string",
        "Set the logging level (\"debug\", \"info\", \"warn\", \"error\", \"fatal\")",
    )
    .with_default("\"info\""),
    Flag::bool("tls", None, "Use TLS; implied by --tlsverify"),
    Flag::value(
        "tlscacert",
        None,
        "string",
        "Trust certs signed only by this CA",
    )
    .with_default("\"/root/.docker/ca.pem\""),
    Flag::value("tlscert", None, "string", "Path to TLS certificate file")
        .with_default("\"/root/.docker/cert.pem\""),
    Flag::value("tlskey", None, "string", "Path to TLS key file")
        .with_default("\"/root/.docker/key.pem\""),
    Flag::bool("tlsverify", None, "Use TLS and verify the remote"),
    Flag::bool("version", Some('v'), "Print version information and quit"),
];

/// A parsed command line.
#[derive(Clone, Debug)]
pub struct Invocation {
    pub cmd: &'static Command,
    /// Flags in the order given: (long name, value). Bool flags carry
    /// `"true"`/`"false"`.
    pub flags: Vec<(&'static str, String)>,
    pub args: Vec<String>,
    /// What the command's standard input holds (`--password-stdin`,
    /// `docker load` without `-i`, `docker build -`); empty when nothing
    /// was piped in.
    pub stdin: Vec<u8>,
}

impl Invocation {
    /// An invocation of `cmd` with no flags (handlers and tests build
    /// these to call one another).
    pub fn new(cmd: &'static Command, args: Vec<String>) -> Invocation {
        Invocation {
            cmd,
            flags: Vec::new(),
            args,
            stdin: Vec::new(),
        }
    }
    /// Whether a bool flag is set (last occurrence wins; a bool flag whose
    /// grammar default is `true` counts as set when not given).
    pub fn on(&self, long: &str) -> bool {
        match self.flags.iter().rev().find(|(l, _)| *l == long) {
            Some((_, v)) => v != "false",
            None => self
                .cmd
                .flag(long)
                .is_some_and(|f| f.kind == FlagKind::Bool && f.default == "true"),
        }
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
    /// `docker <path>` (the canonical path, as cobra's `CommandPath()`).
    pub fn command_path(&self) -> String {
        format!("docker {}", self.cmd.path)
    }
}

/// The global options given before the command.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Globals {
    /// (long name, value) in order, like [`Invocation::flags`].
    pub flags: Vec<(&'static str, String)>,
    /// `-h` was given (help, with pflag's deprecation notice).
    pub help_short: bool,
}

impl Globals {
    /// The last value of a global option.
    pub fn value(&self, long: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(l, _)| *l == long)
            .map(|(_, v)| v.as_str())
    }
    /// Whether a global bool option is on.
    pub fn on(&self, long: &str) -> bool {
        self.flags
            .iter()
            .rev()
            .find(|(l, _)| *l == long)
            .is_some_and(|(_, v)| v != "false")
    }
}

/// Why a command line did not parse. `cli::usage` renders each with
/// Docker's text, stream and exit code.
#[derive(Clone, Debug)]
pub enum ParseError {
    /// `docker foo` / `docker volume foo`: the parent (`None` for the root)
    /// and the word.
    UnknownCommand {
        parent: Option<&'static Command>,
        word: String,
    },
    /// A management command with no sub-command (`docker volume`), or
    /// `docker` alone: its help on stderr, exit 0.
    MissingSubcommand { cmd: Option<&'static Command> },
    /// A flag error (unknown flag or shorthand, missing value, invalid
    /// value) with pflag's text; `cmd` is `None` for the root.
    Flag {
        cmd: Option<&'static Command>,
        text: String,
    },
    /// Wrong number of positional arguments.
    Arity { cmd: &'static Command, got: usize },
    /// `--help` was asked for this command (`None`: the root). `warn` is
    /// the deprecation notice printed first when `-h` was used.
    Help {
        cmd: Option<&'static Command>,
        warn: bool,
    },
    /// `docker help TOPIC` with an unknown topic.
    UnknownHelpTopic { topic: String },
    /// `docker --version` / `-v`.
    Version,
    /// A flag or command the daemon does not offer (a Windows-only flag on
    /// a Linux daemon, an experimental one): the CLI's text, exit 1.
    Unsupported { text: String },
}

/// Whether `c` answers to `word` (its name or one of its aliases) below `parent`.
fn answers(c: &Command, parent: &str, word: &str) -> bool {
    c.parent() == parent && (c.name() == word || c.aliases.contains(&word))
}

/// The sub-command of `parent` (`""` for the root) named `word`.
pub fn lookup(table: &'static [Command], parent: &str, word: &str) -> Option<&'static Command> {
    table.iter().find(|c| answers(c, parent, word))
}

/// The children of `parent` (`""` for the root), in table order.
pub fn children<'a>(
    table: &'static [Command],
    parent: &'a str,
) -> impl Iterator<Item = &'static Command> + 'a {
    table
        .iter()
        .filter(move |c| !c.path.is_empty() && c.parent() == parent)
}

/// Finds the command for `words` (after the global options): returns it
/// and how many words its path used.
pub fn find_command(
    table: &'static [Command],
    words: &[String],
) -> Result<(&'static Command, usize), ParseError> {
    let Some(first) = words.first() else {
        return Err(ParseError::MissingSubcommand { cmd: None });
    };
    let Some(top) = lookup(table, "", first) else {
        return Err(ParseError::UnknownCommand {
            parent: None,
            word: first.clone(),
        });
    };
    if !top.is_group() {
        return Ok((top, 1));
    }
    match words.get(1) {
        None => Err(ParseError::MissingSubcommand { cmd: Some(top) }),
        Some(w) if w == "--help" => Err(ParseError::Help {
            cmd: Some(top),
            warn: false,
        }),
        Some(w) if w == "-h" => Err(ParseError::Help {
            cmd: Some(top),
            warn: true,
        }),
        Some(w) if w.starts_with('-') && w.len() > 1 => Err(ParseError::Flag {
            cmd: Some(top),
            text: unknown_flag_text(w),
        }),
        Some(w) => match lookup(table, top.path, w) {
            Some(sub) => Ok((sub, 2)),
            None => Err(ParseError::UnknownCommand {
                parent: Some(top),
                word: w.clone(),
            }),
        },
    }
}

fn unknown_flag_text(w: &str) -> String {
    if let Some(long) = w.strip_prefix("--") {
        format!("unknown flag: --{}", long.split('=').next().unwrap_or(long))
    } else {
        let rest = w.get(1..).unwrap_or("");
        let c = rest.chars().next().unwrap_or('-');
        format!("unknown shorthand flag: '{c}' in -{rest}")
    }
}

fn lookup_long(flags: &'static [Flag], name: &str) -> Option<&'static Flag> {
    flags
        .iter()
        .find(|f| f.long == name)
        .or((name == "help").then_some(&HELP_FLAG))
}

fn lookup_short(flags: &'static [Flag], c: char) -> Option<&'static Flag> {
    flags
        .iter()
        .find(|f| f.short == Some(c))
        .or((c == 'h').then_some(&HELP_FLAG))
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

/// pflag's name of a flag in error texts: `-d, --detach` or `--rm`.
fn flag_display(f: &Flag) -> String {
    match f.short {
        Some(c) => format!("-{c}, --{}", f.long),
        None => format!("--{}", f.long),
    }
}

/// Go's `strconv.ParseInt/ParseUint(s, 0, bits)`: the number, or the
/// error's text.
fn parse_go_int(v: &str, signed: bool, bits: u32) -> Result<(), String> {
    let func = if signed { "ParseInt" } else { "ParseUint" };
    let syntax = || format!("strconv.{func}: parsing \"{v}\": invalid syntax");
    let range = || format!("strconv.{func}: parsing \"{v}\": value out of range");
    let (neg, body) = match v.as_bytes().first() {
        Some(b'-') if signed => (true, &v[1..]),
        Some(b'+') if signed => (false, &v[1..]),
        _ => (false, v),
    };
    let (radix, digits) = if let Some(d) = body.strip_prefix("0x").or(body.strip_prefix("0X")) {
        (16, d)
    } else if let Some(d) = body.strip_prefix("0b").or(body.strip_prefix("0B")) {
        (2, d)
    } else if let Some(d) = body.strip_prefix("0o").or(body.strip_prefix("0O")) {
        (8, d)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    let digits: String = digits.chars().filter(|c| *c != '_').collect();
    if digits.is_empty() {
        return Err(syntax());
    }
    let mut n: u128 = 0;
    for ch in digits.chars() {
        let d = ch.to_digit(radix).ok_or_else(syntax)?;
        n = n
            .saturating_mul(u128::from(radix))
            .saturating_add(u128::from(d));
    }
    let max: u128 = if signed {
        (1u128 << (bits - 1)) - u128::from(!neg)
    } else {
        (1u128 << bits) - 1
    };
    if n > max {
        return Err(range());
    }
    Ok(())
}

/// Go's `time.ParseDuration` error text, if `v` is not a duration.
fn check_duration(v: &str) -> Result<(), String> {
    let quoted = format!("\"{v}\"");
    let invalid = || format!("time: invalid duration {quoted}");
    let mut s = v;
    if let Some(r) = s.strip_prefix('-').or(s.strip_prefix('+')) {
        s = r;
    }
    if s == "0" {
        return Ok(());
    }
    if s.is_empty() {
        return Err(invalid());
    }
    while !s.is_empty() {
        let num_end = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(s.len());
        let num = &s[..num_end];
        if num.is_empty() || num == "." {
            return Err(invalid());
        }
        s = &s[num_end..];
        let unit_end = s
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(s.len());
        let unit = &s[..unit_end];
        if unit.is_empty() {
            return Err(format!("time: missing unit in duration {quoted}"));
        }
        if !matches!(unit, "ns" | "us" | "µs" | "μs" | "ms" | "s" | "m" | "h") {
            return Err(format!(
                "time: unknown unit \"{unit}\" in duration {quoted}"
            ));
        }
        s = &s[unit_end..];
    }
    Ok(())
}

/// go-units `RAMInBytes`: `512m`, `1g`, `100` …
fn check_bytes(v: &str) -> Result<(), String> {
    let err = || format!("invalid size: '{v}'");
    let num_end = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (num, unit) = v.split_at(num_end);
    if num.is_empty() || num.parse::<f64>().is_err() {
        return Err(err());
    }
    let unit = unit.trim_start_matches(' ').to_ascii_lowercase();
    match unit.as_str() {
        "" | "b" | "k" | "kb" | "kib" | "m" | "mb" | "mib" | "g" | "gb" | "gib" | "t" | "tb"
        | "tib" | "p" | "pb" | "pib" => Ok(()),
        _ => Err(err()),
    }
}

/// Checks a value against the flag's type as pflag's `Set` does; the
/// error text is what follows `invalid argument "V" for "F" flag: `.
fn check_value(ty: &str, v: &str) -> Result<(), String> {
    match ty {
        "int" => parse_go_int(v, true, 64),
        "int32" => parse_go_int(v, true, 32),
        "uint" | "uint64" => parse_go_int(v, false, 64),
        "uint16" => parse_go_int(v, false, 16),
        "uint32" => parse_go_int(v, false, 32),
        "duration" => check_duration(v),
        "bytes" => check_bytes(v),
        "float" => {
            if v.parse::<f64>().is_ok() {
                Ok(())
            } else {
                Err(format!(
                    "strconv.ParseFloat: parsing \"{v}\": invalid syntax"
                ))
            }
        }
        "decimal" => {
            if v.parse::<f64>().is_ok_and(f64::is_finite) {
                Ok(())
            } else {
                Err(format!("failed to parse {v} as a rational number"))
            }
        }
        _ => Ok(()),
    }
}

/// The result of a flag scan: flags and positionals, or a stop at `--help`.
struct Scan {
    flags: Vec<(&'static str, String)>,
    args: Vec<String>,
    /// `-h` used as the help shorthand (pflag prints a deprecation notice).
    help_short: bool,
}

/// Scans `rest` against `flags` as pflag does. With `interspersed` false
/// the scan stops at the first positional argument (everything after it
/// is positional).
fn scan(
    cmd: Option<&'static Command>,
    flags_def: &'static [Flag],
    rest: &[String],
    interspersed: bool,
) -> Result<Scan, ParseError> {
    let ferr = |text: String| ParseError::Flag { cmd, text };
    let mut flags: Vec<(&'static str, String)> = Vec::new();
    let mut args: Vec<String> = Vec::new();
    let mut help_short = false;
    let mut i = 0;
    while i < rest.len() {
        let w = &rest[i];
        i += 1;
        if w == "--" {
            args.extend(rest[i..].iter().cloned());
            break;
        }
        if w == "-" || !w.starts_with('-') {
            args.push(w.clone());
            if !interspersed {
                args.extend(rest[i..].iter().cloned());
                break;
            }
            continue;
        }
        if let Some(body) = w.strip_prefix("--") {
            if body.starts_with(['-', '=']) {
                return Err(ferr(format!("bad flag syntax: {w}")));
            }
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(f) = lookup_long(flags_def, name) else {
                return Err(ferr(format!("unknown flag: --{name}")));
            };
            match f.kind {
                FlagKind::Bool => {
                    let v = match inline {
                        None => "true".to_string(),
                        Some(v) => match parse_bool(&v) {
                            Some(b) => b.to_string(),
                            None => {
                                return Err(ferr(format!(
                                    "invalid argument \"{v}\" for \"{}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax",
                                    flag_display(f)
                                )))
                            }
                        },
                    };
                    flags.push((f.long, v));
                }
                FlagKind::Value(ty) | FlagKind::List(ty) => {
                    let v = match inline {
                        Some(v) => v,
                        None if i < rest.len() => {
                            i += 1;
                            rest[i - 1].clone()
                        }
                        None => return Err(ferr(format!("flag needs an argument: --{name}"))),
                    };
                    if let Err(e) = check_value(ty, &v) {
                        return Err(ferr(format!(
                            "invalid argument \"{v}\" for \"{}\" flag: {e}",
                            flag_display(f)
                        )));
                    }
                    flags.push((f.long, v));
                }
            }
            continue;
        }
        // A shorthand cluster: -it, -p80:80, -e=X.
        let chars: Vec<char> = w.chars().skip(1).collect();
        let mut j = 0;
        while j < chars.len() {
            let c = chars[j];
            let remaining: String = chars[j..].iter().collect();
            j += 1;
            let Some(f) = lookup_short(flags_def, c) else {
                return Err(ferr(format!(
                    "unknown shorthand flag: '{c}' in -{remaining}"
                )));
            };
            if f.long == "help" && f.short.is_none() {
                help_short = true;
            }
            match f.kind {
                FlagKind::Bool => {
                    if chars.get(j) == Some(&'=') {
                        let v: String = chars[j + 1..].iter().collect();
                        j = chars.len();
                        match parse_bool(&v) {
                            Some(b) => flags.push((f.long, b.to_string())),
                            None => {
                                return Err(ferr(format!(
                                    "invalid argument \"{v}\" for \"{}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax",
                                    flag_display(f)
                                )))
                            }
                        }
                    } else {
                        flags.push((f.long, "true".into()));
                    }
                }
                FlagKind::Value(ty) | FlagKind::List(ty) => {
                    let mut v: String = chars[j..].iter().collect();
                    j = chars.len();
                    if let Some(s) = v.strip_prefix('=') {
                        v = s.to_string();
                    } else if v.is_empty() {
                        if i < rest.len() {
                            v = rest[i].clone();
                            i += 1;
                        } else {
                            return Err(ferr(format!("flag needs an argument: '{c}' in -{c}")));
                        }
                    }
                    if let Err(e) = check_value(ty, &v) {
                        return Err(ferr(format!(
                            "invalid argument \"{v}\" for \"{}\" flag: {e}",
                            flag_display(f)
                        )));
                    }
                    flags.push((f.long, v));
                }
            }
        }
    }
    Ok(Scan {
        flags,
        args,
        help_short,
    })
}

/// Parses the global options before the command: returns them and the
/// index of the first word after them.
pub fn parse_globals(argv: &[String]) -> Result<(Globals, usize), ParseError> {
    // The root stops at its first positional (the command): everything
    // from there on is left for the command.
    let s = scan(None, GLOBAL_FLAGS, argv, false)?;
    let used = argv.len() - s.args.len();
    let g = Globals {
        flags: s.flags,
        help_short: s.help_short,
    };
    Ok((g, used))
}

/// Parses flags and arguments of `cmd` from `rest`.
pub fn parse_flags(cmd: &'static Command, rest: &[String]) -> Result<Invocation, ParseError> {
    let s = scan(Some(cmd), cmd.flags, rest, !cmd.stop_at_first_arg)?;
    let inv = Invocation {
        cmd,
        flags: s.flags,
        args: s.args,
        stdin: Vec::new(),
    };
    if inv.given("help") && inv.on("help") {
        return Err(ParseError::Help {
            cmd: Some(cmd),
            warn: s.help_short,
        });
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
    // Flags the daemon does not support (checked after the arguments, in
    // flag-name order as pflag's VisitAll does).
    let mut refused: Vec<String> = cmd
        .flags
        .iter()
        .filter(|f| inv.given(f.long))
        .filter_map(|f| f.unsupported().map(|t| (f.long, t)))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect();
    if !refused.is_empty() {
        refused.dedup();
        return Err(ParseError::Unsupported {
            text: refused.join("\n"),
        });
    }
    Ok(inv)
}

/// Parses a whole `docker` argument vector (without `docker`).
pub fn parse(
    table: &'static [Command],
    argv: &[String],
) -> Result<(Globals, Invocation), ParseError> {
    let (g, used) = parse_globals(argv)?;
    let words = &argv[used..];
    if g.on("help") {
        // `docker --help` (or `docker --help run`: the command's help).
        let cmd = find_command(table, words).ok().map(|(c, _)| c);
        return Err(ParseError::Help {
            cmd,
            warn: g.help_short,
        });
    }
    if words.is_empty() && g.on("version") {
        return Err(ParseError::Version);
    }
    if words.first().is_some_and(|w| w == "help") {
        return Err(help_topic(table, &words[1..]));
    }
    let (cmd, n) = find_command(table, words)?;
    let inv = parse_flags(cmd, &words[n..])?;
    Ok((g, inv))
}

/// `docker help [TOPIC…]`.
fn help_topic(table: &'static [Command], topic: &[String]) -> ParseError {
    let Some(first) = topic.first() else {
        return ParseError::Help {
            cmd: None,
            warn: false,
        };
    };
    let unknown = || ParseError::UnknownHelpTopic {
        topic: topic.join(" "),
    };
    if first == "help" && topic.len() == 1 {
        return ParseError::Help {
            cmd: Some(&HELP_COMMAND),
            warn: false,
        };
    }
    let Some(top) = lookup(table, "", first) else {
        return unknown();
    };
    match topic.get(1) {
        None => ParseError::Help {
            cmd: Some(top),
            warn: false,
        },
        Some(w) => match lookup(table, top.path, w) {
            Some(sub) if topic.len() == 2 => ParseError::Help {
                cmd: Some(sub),
                warn: false,
            },
            _ => ParseError::UnknownHelpTopic {
                topic: topic[1..].join(" "),
            },
        },
    }
}

/// Whether `c` is listed in its parent's help.
pub fn listed(c: &Command) -> bool {
    c.category != Category::Hidden
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::commands::table;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    fn parse_ok(s: &str) -> Invocation {
        match parse(table(), &argv(s)) {
            Ok((_, inv)) => inv,
            Err(e) => panic!("{s}: {e:?}"),
        }
    }

    #[test]
    fn shorthand_clusters_and_inline_values() {
        let inv = parse_ok("run -it --rm -p80:80 -e=A=1 --name=web -v /a:/b alpine sh -c ls");
        assert!(inv.on("interactive") && inv.on("tty") && inv.on("rm"));
        assert_eq!(inv.values("publish"), ["80:80"]);
        assert_eq!(inv.values("env"), ["A=1"]);
        assert_eq!(inv.value("name"), Some("web"));
        assert_eq!(inv.values("volume"), ["/a:/b"]);
        assert_eq!(inv.args, ["alpine", "sh", "-c", "ls"]);
        assert_eq!(inv.cmd.handler, "container.run");
    }

    #[test]
    fn interspersed_flags_and_double_dash() {
        let inv = parse_ok("rm web -f db");
        assert!(inv.on("force"));
        assert_eq!(inv.args, ["web", "db"]);
        let inv = parse_ok("rm -- -odd");
        assert_eq!(inv.args, ["-odd"]);
    }

    #[test]
    fn aliases_and_management_forms_share_handlers() {
        assert_eq!(parse_ok("container list -a").cmd.handler, "container.ps");
        assert_eq!(parse_ok("container ps").cmd.path, "container ls");
        assert_eq!(parse_ok("image remove x").cmd.handler, "image.rmi");
        assert_eq!(parse_ok("images").cmd.handler, "image.images");
        assert_eq!(parse_ok("buildx b .").cmd.handler, "builder.buildx_build");
        assert_eq!(parse_ok("container commit c").cmd.handler, "image.commit");
        assert_eq!(parse_ok("system df").cmd.handler, "image.df");
        assert_eq!(
            parse_ok("container inspect c").cmd.handler,
            "container.container_inspect"
        );
        assert_eq!(parse_ok("inspect c").cmd.handler, "container.inspect");
        assert_eq!(parse_ok("volume list").cmd.handler, "volume.ls");
        assert_eq!(parse_ok("network remove n").cmd.handler, "network.rm");
    }

    #[test]
    fn global_options_before_the_command() {
        let (g, inv) = parse(
            table(),
            &argv("-H unix:///var/run/docker.sock --context default -D -l debug --tlsverify ps -q"),
        )
        .unwrap();
        assert_eq!(g.value("host"), Some("unix:///var/run/docker.sock"));
        assert_eq!(g.value("log-level"), Some("debug"));
        assert!(g.on("debug") && g.on("tlsverify"));
        assert!(inv.on("quiet"));
        assert!(matches!(
            parse(table(), &argv("-v")),
            Err(ParseError::Version)
        ));
        // `-v` before a command is ignored, as cobra does.
        assert!(parse(table(), &argv("-v ps")).is_ok());
    }

    #[test]
    fn default_true_bools() {
        let inv = parse_ok("attach c");
        assert!(inv.on("sig-proxy"));
        let inv = parse_ok("attach --sig-proxy=false c");
        assert!(!inv.on("sig-proxy"));
    }

    #[test]
    fn typed_values_are_checked_like_pflag() {
        assert_eq!(check_value("int", "-5"), Ok(()));
        assert_eq!(check_value("int", "0x1f"), Ok(()));
        assert_eq!(
            check_value("int", "ten"),
            Err("strconv.ParseInt: parsing \"ten\": invalid syntax".into())
        );
        assert_eq!(
            check_value("uint16", "70000"),
            Err("strconv.ParseUint: parsing \"70000\": value out of range".into())
        );
        assert_eq!(check_value("duration", "1h30m"), Ok(()));
        assert_eq!(check_value("duration", "1.5s"), Ok(()));
        assert_eq!(
            check_value("duration", "10"),
            Err("time: missing unit in duration \"10\"".into())
        );
        assert_eq!(check_value("bytes", "512m"), Ok(()));
        assert_eq!(check_value("bytes", "1.5GB"), Ok(()));
        assert_eq!(
            check_value("bytes", "lots"),
            Err("invalid size: 'lots'".into())
        );
        assert_eq!(check_value("decimal", "0.5"), Ok(()));
        assert_eq!(check_value("string", "anything"), Ok(()));
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "-",
            "--",
            "---",
            "-=",
            "--=",
            "run -",
            "run --=x",
            "ps -n",
            "ps -é",
            "ps --é=1",
            "run -pé",
            "volume",
            "volume -",
            "help",
            "help a b c",
            "-H",
            "-Hx",
            "-lé ps",
        ] {
            let _ = parse(table(), &argv(s));
        }
    }
}
