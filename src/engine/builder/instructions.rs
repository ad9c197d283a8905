//! Typed instructions (BuildKit's `frontend/dockerfile/instructions`): each
//! parsed [`Node`] becomes an [`Instruction`] with its flags checked, grouped
//! into build [`Stage`]s (one per `FROM`), with the `ARG`s before the first
//! `FROM` kept apart as meta args. Errors carry Docker's wording and line.
//! Also the word expansion each instruction gets at build time
//! ([`Instruction::expand`]) and a readable dump ([`describe`]).

use super::lex::{LexError, Lexer, Vars};
use super::parser::{chomp_heredoc, go_quote, parse_heredoc, Heredoc, Node, ParseResult};
use std::fmt;

/// A source given inline by a heredoc (`COPY <<EOF /dst`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceContent {
    pub path: String,
    pub data: String,
    pub expand: bool,
}

/// COPY and ADD arguments.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CopySpec {
    pub sources: Vec<String>,
    pub contents: Vec<SourceContent>,
    pub dest: String,
    pub from: String,
    pub chown: String,
    pub chmod: String,
    pub link: bool,
    /// Exec (JSON) form.
    pub json: bool,
}

/// RUN, CMD and ENTRYPOINT arguments.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CmdLine {
    pub args: Vec<String>,
    /// Shell form: the configured shell is prepended.
    pub prepend_shell: bool,
    /// RUN heredocs (`RUN <<EOF`).
    pub files: Vec<Heredoc>,
}

/// HEALTHCHECK arguments (`test` is `["NONE"]` for `HEALTHCHECK NONE`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Health {
    pub test: Vec<String>,
    /// Durations in nanoseconds (0 = inherit / default).
    pub interval: i64,
    pub timeout: i64,
    pub start_period: i64,
    pub start_interval: i64,
    pub retries: i64,
}

/// An instruction after FROM (or a meta ARG).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Instruction {
    Env(Vec<(String, String)>),
    Maintainer(String),
    Label(Vec<(String, String)>),
    Add(CopySpec),
    Copy(CopySpec),
    Onbuild(String),
    Workdir(String),
    Run {
        cmd: CmdLine,
        /// Builder flags used (`mount`, `network`, `security`).
        flags_used: Vec<String>,
        mounts: Vec<String>,
    },
    Cmd(CmdLine),
    Entrypoint(CmdLine),
    Healthcheck(Health),
    Expose(Vec<String>),
    User(String),
    Volume(Vec<String>),
    StopSignal(String),
    Arg(Vec<(String, Option<String>)>),
    Shell(Vec<String>),
}

/// An instruction with its source text (what `Step N/M :` prints) and line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    pub instr: Instruction,
    /// The trimmed original line.
    pub code: String,
    pub line: usize,
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

/// A build stage: `FROM base [AS name]` and its commands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    pub base: String,
    /// Lower-cased stage name ("" when unnamed).
    pub name: String,
    pub platform: String,
    pub code: String,
    pub line: usize,
    pub commands: Vec<Command>,
}

/// A Dockerfile ready to build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dockerfile {
    pub meta_args: Vec<Command>,
    pub stages: Vec<Stage>,
    pub escape: char,
    pub warnings: Vec<String>,
}

/// Why a Dockerfile cannot be built (texts as the daemon reports them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DockerfileError {
    /// From the line parser: `file with no instructions`, `unterminated
    /// heredoc`, directive errors. Reported as `failed to parse <file>: …`.
    Parse { message: String, line: usize },
    /// From typing an instruction: `dockerfile parse error on line N: …`.
    Instruction { message: String, line: usize },
    /// `no build stage in current context` (an instruction before FROM).
    NoStage { line: usize },
}

impl DockerfileError {
    /// The daemon's message for a Dockerfile named `file`.
    pub fn message(&self, file: &str) -> String {
        match self {
            DockerfileError::Parse { message, .. } => format!("failed to parse {file}: {message}"),
            DockerfileError::Instruction { message, line } => {
                format!("dockerfile parse error on line {line}: {message}")
            }
            DockerfileError::NoStage { .. } => "no build stage in current context".to_string(),
        }
    }
    pub fn line(&self) -> usize {
        match self {
            DockerfileError::Parse { line, .. }
            | DockerfileError::Instruction { line, .. }
            | DockerfileError::NoStage { line } => *line,
        }
    }
}

/// Every instruction name, upper case (for "did you mean").
pub const INSTRUCTIONS: &[&str] = &[
    "ADD",
    "ARG",
    "CMD",
    "COPY",
    "ENTRYPOINT",
    "ENV",
    "EXPOSE",
    "FROM",
    "HEALTHCHECK",
    "LABEL",
    "MAINTAINER",
    "ONBUILD",
    "RUN",
    "SHELL",
    "STOPSIGNAL",
    "USER",
    "VOLUME",
    "WORKDIR",
];

/// Parses and types a whole Dockerfile.
pub fn parse_dockerfile(text: &str) -> Result<Dockerfile, DockerfileError> {
    let res = super::parser::parse(text).map_err(|e| DockerfileError::Parse {
        message: e.message,
        line: e.line,
    })?;
    from_parse_result(&res)
}

/// Types the nodes of a parse result.
pub fn from_parse_result(res: &ParseResult) -> Result<Dockerfile, DockerfileError> {
    let mut df = Dockerfile {
        meta_args: Vec::new(),
        stages: Vec::new(),
        escape: res.escape,
        warnings: res.warning_lines(),
    };
    for n in &res.nodes {
        let typed = parse_instruction(n).map_err(|message| DockerfileError::Instruction {
            message,
            line: n.start_line,
        })?;
        match typed {
            Typed::Stage(s) => df.stages.push(s),
            Typed::Command(c) => {
                if df.stages.is_empty() {
                    if matches!(c.instr, Instruction::Arg(_)) {
                        df.meta_args.push(c);
                        continue;
                    }
                    return Err(DockerfileError::NoStage { line: n.start_line });
                }
                if let Some(s) = df.stages.last_mut() {
                    s.commands.push(c);
                }
            }
        }
    }
    Ok(df)
}

/// Parses one instruction line (an ONBUILD trigger) into a command.
pub fn parse_command(text: &str) -> Result<Command, String> {
    let res = super::parser::parse(text).map_err(|e| e.message)?;
    let Some(n) = res.nodes.first() else {
        return Err("file with no instructions".into());
    };
    match parse_instruction(n)? {
        Typed::Command(c) => Ok(c),
        Typed::Stage(_) => Err("FROM isn't allowed as an ONBUILD trigger".into()),
    }
}

enum Typed {
    Stage(Stage),
    Command(Command),
}

/// Builder flags of one instruction (BuildKit's `BFlags`).
struct Flags<'a> {
    raw: &'a [String],
    known: Vec<(&'static str, bool)>,
    values: Vec<(String, String)>,
    used: Vec<String>,
}

impl<'a> Flags<'a> {
    fn new(raw: &'a [String]) -> Flags<'a> {
        Flags {
            raw,
            known: Vec::new(),
            values: Vec::new(),
            used: Vec::new(),
        }
    }
    /// Declares a flag; `multi` flags may repeat.
    fn add(&mut self, name: &'static str, multi: bool) {
        self.known.push((name, multi));
    }
    fn parse(&mut self, bools: &[&str]) -> Result<(), String> {
        for arg in self.raw {
            let Some(a) = arg.strip_prefix("--") else {
                return Err(format!("arg should start with -- : {arg}"));
            };
            if a.is_empty() {
                return Ok(());
            }
            let (name, value) = match a.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (a, None),
            };
            let Some(&(_, multi)) = self.known.iter().find(|(k, _)| *k == name) else {
                let names: Vec<&str> = self.known.iter().map(|(k, _)| *k).collect();
                return Err(suggest(
                    &format!("unknown flag: {name}"),
                    name,
                    &names,
                    true,
                ));
            };
            if !multi && self.used.iter().any(|u| u == name) {
                return Err(format!("duplicate flag specified: {name}"));
            }
            self.used.push(name.to_string());
            if bools.contains(&name) {
                let v = match value.map(str::to_ascii_lowercase) {
                    None => "true".to_string(),
                    Some(v) if v == "true" || v == "false" => v,
                    Some(v) if v.is_empty() => {
                        return Err(format!("missing a value on flag: {name}"))
                    }
                    Some(_) => {
                        return Err(format!(
                            "expecting boolean value for flag {name}, not: {}",
                            value.unwrap_or_default()
                        ))
                    }
                };
                self.values.push((name.to_string(), v));
            } else {
                let Some(v) = value else {
                    return Err(format!("missing a value on flag: {name}"));
                };
                self.values.push((name.to_string(), v.to_string()));
            }
        }
        Ok(())
    }
    fn get(&self, name: &str) -> String {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
    fn all(&self, name: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// Appends ` (did you mean X?)` when an option is within 2 edits
/// (BuildKit's `suggest.WrapError`).
pub fn suggest(msg: &str, val: &str, options: &[&str], case_sensitive: bool) -> String {
    let v = if case_sensitive {
        val.to_string()
    } else {
        val.to_lowercase()
    };
    let mut best: Option<String> = None;
    let mut min = 3;
    for o in options {
        let o2 = if case_sensitive {
            o.to_string()
        } else {
            o.to_lowercase()
        };
        if o2 == v {
            return msg.to_string();
        }
        let d = levenshtein(&v, &o2);
        if d < min {
            min = d;
            best = Some(if case_sensitive {
                o2
            } else if val == val.to_lowercase() {
                o2.to_lowercase()
            } else if val == val.to_uppercase() {
                o2.to_uppercase()
            } else {
                o2
            });
        }
    }
    match best {
        Some(b) => format!("{msg} (did you mean {b}?)"),
        None => msg.to_string(),
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

fn at_least_one(cmd: &str) -> String {
    format!("{cmd} requires at least one argument")
}

fn exactly_one(cmd: &str) -> String {
    format!("{cmd} requires exactly one argument")
}

fn kvps(args: &[String], cmd: &str) -> Result<Vec<(String, String)>, String> {
    if args.is_empty() {
        return Err(at_least_one(cmd));
    }
    if args.len() % 2 != 0 {
        return Err(format!("Bad input to {cmd}, too many arguments"));
    }
    let mut v = Vec::new();
    for p in args.chunks(2) {
        if p[0].is_empty() {
            return Err(format!("{cmd} names can not be blank"));
        }
        v.push((p[0].clone(), p[1].clone()));
    }
    Ok(v)
}

fn cmdline(n: &Node) -> CmdLine {
    CmdLine {
        args: n.args.clone(),
        prepend_shell: !n.json,
        files: n.heredocs.clone(),
    }
}

fn copy_spec(n: &Node, cmd: &str, flags: &Flags) -> Result<CopySpec, String> {
    let (srcs, dest) = n.args.split_at(n.args.len() - 1);
    let dest = dest[0].clone();
    if parse_heredoc(&dest).ok().flatten().is_some() {
        return Err(format!("{cmd} cannot accept a heredoc as a destination"));
    }
    let mut spec = CopySpec {
        dest,
        from: flags.get("from"),
        chown: flags.get("chown"),
        chmod: flags.get("chmod"),
        link: flags.get("link") == "true",
        json: n.json,
        ..CopySpec::default()
    };
    for s in srcs {
        match (n.json, parse_heredoc(s).ok().flatten()) {
            (false, Some(h)) => {
                let doc = n.heredocs.iter().find(|d| d.name == h.name);
                let mut data = doc.map(|d| d.content.clone()).unwrap_or_default();
                if h.chomp {
                    data = chomp_heredoc(&data);
                }
                spec.contents.push(SourceContent {
                    path: h.name,
                    data,
                    expand: h.expand,
                });
            }
            _ => spec.sources.push(s.clone()),
        }
    }
    Ok(spec)
}

/// Go's `time.ParseDuration` for the forms Dockerfiles use
/// (`30s`, `1m30s`, `500ms`, `1.5h`); nanoseconds.
pub fn parse_duration(s: &str) -> Result<i64, String> {
    let err = || format!("time: invalid duration {}", go_quote(s));
    if s == "0" {
        return Ok(0);
    }
    let mut rest = s;
    let mut total: f64 = 0.0;
    if rest.is_empty() {
        return Err(err());
    }
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return Err(err());
        }
        let num: f64 = rest[..num_len].parse().map_err(|_| err())?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let mult = match &rest[..unit_len] {
            "ns" => 1.0,
            "us" | "µs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            "" => return Err(format!("time: missing unit in duration {}", go_quote(s))),
            u => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    go_quote(u),
                    go_quote(s)
                ))
            }
        };
        total += num * mult;
        rest = &rest[unit_len..];
    }
    Ok(total as i64)
}

/// Formats nanoseconds as Go's `Duration.String()` for whole units
/// (`30s`, `1m30s`, `1ms`).
pub fn format_duration(ns: i64) -> String {
    if ns == 0 {
        return "0s".into();
    }
    if ns < 1_000_000_000 {
        return if ns % 1_000_000 == 0 {
            format!("{}ms", ns / 1_000_000)
        } else {
            format!("{ns}ns")
        };
    }
    let secs = ns / 1_000_000_000;
    let frac = ns % 1_000_000_000;
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if h > 0 || m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if frac == 0 {
        out.push_str(&format!("{s}s"));
    } else {
        let f = format!("{frac:09}");
        out.push_str(&format!("{s}.{}s", f.trim_end_matches('0')));
    }
    out
}

fn interval(flags: &Flags, name: &str) -> Result<i64, String> {
    let v = flags.get(name);
    if v.is_empty() {
        return Ok(0);
    }
    let d = parse_duration(&v)?;
    if d < 1_000_000 {
        return Err(format!("Interval \"{name}\" cannot be less than 1ms"));
    }
    Ok(d)
}

fn parse_instruction(n: &Node) -> Result<Typed, String> {
    let name = n.name();
    let mut flags = Flags::new(&n.flags);
    let code = n.original.trim().to_string();
    let cmd = |instr| {
        Ok(Typed::Command(Command {
            instr,
            code: code.clone(),
            line: n.start_line,
        }))
    };
    match name.as_str() {
        "env" | "label" => {
            flags.parse(&[])?;
            let upper = name.to_ascii_uppercase();
            let kv = kvps(&n.args, &upper)?;
            cmd(if name == "env" {
                Instruction::Env(kv)
            } else {
                Instruction::Label(kv)
            })
        }
        "maintainer" => {
            if n.args.len() != 1 {
                return Err(exactly_one("MAINTAINER"));
            }
            flags.parse(&[])?;
            cmd(Instruction::Maintainer(n.args[0].clone()))
        }
        "add" | "copy" => {
            let upper = name.to_ascii_uppercase();
            if n.args.len() < 2 {
                return Err(format!("{upper} requires at least two arguments, but only one was provided. Destination could not be determined"));
            }
            flags.add("chown", false);
            flags.add("chmod", false);
            flags.add("link", false);
            if name == "copy" {
                flags.add("from", false);
                flags.add("parents", false);
                flags.add("exclude", true);
                flags.parse(&["link", "parents"])?;
                cmd(Instruction::Copy(copy_spec(n, "COPY", &flags)?))
            } else {
                flags.add("checksum", false);
                flags.add("keep-git-dir", false);
                flags.add("exclude", true);
                flags.add("unpack", false);
                flags.parse(&["link", "keep-git-dir", "unpack"])?;
                cmd(Instruction::Add(copy_spec(n, "ADD", &flags)?))
            }
        }
        "from" => {
            let stage = match n.args.len() {
                3 if n.args[1].eq_ignore_ascii_case("as") => {
                    let s = n.args[2].to_lowercase();
                    if !valid_stage_name(&s) {
                        return Err(format!(
                            "invalid name for build stage: {}, name can't start with a number or contain symbols",
                            go_quote(&n.args[2])
                        ));
                    }
                    s
                }
                1 => String::new(),
                _ => return Err("FROM requires either one or three arguments".into()),
            };
            flags.add("platform", false);
            flags.parse(&[])?;
            Ok(Typed::Stage(Stage {
                base: n.args[0].clone(),
                name: stage,
                platform: flags.get("platform"),
                code,
                line: n.start_line,
                commands: Vec::new(),
            }))
        }
        "onbuild" => {
            let Some(sub) = &n.sub else {
                return Err(at_least_one("ONBUILD"));
            };
            flags.parse(&[])?;
            let trigger = sub.cmd.trim().to_ascii_uppercase();
            match trigger.as_str() {
                "ONBUILD" => {
                    return Err("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".into())
                }
                "MAINTAINER" | "FROM" => {
                    return Err(format!("{trigger} isn't allowed as an ONBUILD trigger"))
                }
                _ => {}
            }
            let t = n.original.trim_start();
            let mut expr = t
                .get(..7)
                .filter(|p| p.eq_ignore_ascii_case("onbuild"))
                .map(|_| t[7..].trim_start().to_string())
                .unwrap_or_else(|| t.to_string());
            for h in &sub.heredocs {
                expr.push('\n');
                expr.push_str(&h.content);
                expr.push_str(&h.name);
            }
            cmd(Instruction::Onbuild(expr))
        }
        "workdir" => {
            if n.args.len() != 1 {
                return Err(exactly_one("WORKDIR"));
            }
            flags.parse(&[])?;
            cmd(Instruction::Workdir(n.args[0].clone()))
        }
        "run" => {
            flags.add("mount", true);
            flags.add("network", false);
            flags.add("security", false);
            flags.parse(&[])?;
            let mut used: Vec<String> = Vec::new();
            for u in &flags.used {
                if !used.contains(u) {
                    used.push(u.clone());
                }
            }
            cmd(Instruction::Run {
                cmd: cmdline(n),
                flags_used: used,
                mounts: flags.all("mount"),
            })
        }
        "cmd" => {
            flags.parse(&[])?;
            cmd(Instruction::Cmd(cmdline(n)))
        }
        "entrypoint" => {
            flags.parse(&[])?;
            cmd(Instruction::Entrypoint(cmdline(n)))
        }
        "healthcheck" => {
            let Some(t) = n.args.first() else {
                return Err(at_least_one("HEALTHCHECK"));
            };
            let typ = t.to_ascii_uppercase();
            let rest = &n.args[1..];
            if typ == "NONE" {
                if !rest.is_empty() {
                    return Err("HEALTHCHECK NONE takes no arguments".into());
                }
                return cmd(Instruction::Healthcheck(Health {
                    test: vec!["NONE".into()],
                    ..Health::default()
                }));
            }
            for f in [
                "interval",
                "timeout",
                "start-period",
                "start-interval",
                "retries",
            ] {
                flags.add(f, false);
            }
            flags.parse(&[])?;
            if typ != "CMD" {
                return Err(format!("Unknown type \"{typ}\" in HEALTHCHECK (try CMD)"));
            }
            if rest.is_empty() {
                return Err("Missing command after HEALTHCHECK CMD".into());
            }
            let mut test = vec![if n.json { "CMD" } else { "CMD-SHELL" }.to_string()];
            test.extend(rest.iter().cloned());
            let mut h = Health {
                test,
                interval: interval(&flags, "interval")?,
                timeout: interval(&flags, "timeout")?,
                start_period: interval(&flags, "start-period")?,
                start_interval: interval(&flags, "start-interval")?,
                retries: 0,
            };
            let r = flags.get("retries");
            if !r.is_empty() {
                let v: i64 = r.parse().map_err(|_| {
                    format!("strconv.ParseInt: parsing {}: invalid syntax", go_quote(&r))
                })?;
                if v < 1 {
                    return Err(format!("--retries must be at least 1 (not {v})"));
                }
                h.retries = v;
            }
            cmd(Instruction::Healthcheck(h))
        }
        "expose" => {
            if n.args.is_empty() {
                return Err(at_least_one("EXPOSE"));
            }
            flags.parse(&[])?;
            let mut p = n.args.clone();
            p.sort();
            cmd(Instruction::Expose(p))
        }
        "user" => {
            if n.args.len() != 1 {
                return Err(exactly_one("USER"));
            }
            flags.parse(&[])?;
            cmd(Instruction::User(n.args[0].clone()))
        }
        "volume" => {
            if n.args.is_empty() {
                return Err(at_least_one("VOLUME"));
            }
            flags.parse(&[])?;
            let mut v = Vec::new();
            for a in &n.args {
                let a = a.trim();
                if a.is_empty() {
                    return Err("VOLUME specified can not be an empty string".into());
                }
                v.push(a.to_string());
            }
            cmd(Instruction::Volume(v))
        }
        "stopsignal" => {
            if n.args.len() != 1 {
                return Err(exactly_one("STOPSIGNAL"));
            }
            flags.parse(&[])?;
            cmd(Instruction::StopSignal(n.args[0].clone()))
        }
        "arg" => {
            if n.args.is_empty() {
                return Err(at_least_one("ARG"));
            }
            flags.parse(&[])?;
            let mut v = Vec::new();
            for a in &n.args {
                match a.split_once('=') {
                    Some(("", _)) => return Err("ARG names can not be blank".into()),
                    Some((k, val)) => v.push((k.to_string(), Some(val.to_string()))),
                    None => v.push((a.clone(), None)),
                }
            }
            cmd(Instruction::Arg(v))
        }
        "shell" => {
            flags.parse(&[])?;
            if n.args.is_empty() {
                return Err(at_least_one("SHELL"));
            }
            if !n.json {
                return Err("SHELL requires the arguments to be in JSON form".into());
            }
            cmd(Instruction::Shell(n.args.clone()))
        }
        _ => Err(suggest(
            &format!("unknown instruction: {}", n.cmd),
            &n.cmd,
            INSTRUCTIONS,
            false,
        )),
    }
}

fn valid_stage_name(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_lowercase())
        && cs.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

impl Instruction {
    /// The instruction word, upper case.
    pub fn keyword(&self) -> &'static str {
        match self {
            Instruction::Env(_) => "ENV",
            Instruction::Maintainer(_) => "MAINTAINER",
            Instruction::Label(_) => "LABEL",
            Instruction::Add(_) => "ADD",
            Instruction::Copy(_) => "COPY",
            Instruction::Onbuild(_) => "ONBUILD",
            Instruction::Workdir(_) => "WORKDIR",
            Instruction::Run { .. } => "RUN",
            Instruction::Cmd(_) => "CMD",
            Instruction::Entrypoint(_) => "ENTRYPOINT",
            Instruction::Healthcheck(_) => "HEALTHCHECK",
            Instruction::Expose(_) => "EXPOSE",
            Instruction::User(_) => "USER",
            Instruction::Volume(_) => "VOLUME",
            Instruction::StopSignal(_) => "STOPSIGNAL",
            Instruction::Arg(_) => "ARG",
            Instruction::Shell(_) => "SHELL",
        }
    }

    /// The instruction with its words expanded against `vars` (the
    /// instructions Docker expands: ADD, COPY, ENV, EXPOSE, LABEL,
    /// STOPSIGNAL, USER, VOLUME, WORKDIR, ARG).
    pub fn expand(&self, lx: &Lexer, vars: Vars) -> Result<Instruction, LexError> {
        let w = |s: &str| lx.process_word(s, vars);
        let kv = |v: &[(String, String)]| -> Result<Vec<(String, String)>, LexError> {
            v.iter().map(|(k, x)| Ok((w(k)?, w(x)?))).collect()
        };
        Ok(match self {
            Instruction::Env(v) => Instruction::Env(kv(v)?),
            Instruction::Label(v) => Instruction::Label(kv(v)?),
            Instruction::Add(c) | Instruction::Copy(c) => {
                let mut c2 = c.clone();
                if !c.json {
                    c2.sources = c.sources.iter().map(|s| w(s)).collect::<Result<_, _>>()?;
                    c2.dest = w(&c.dest)?;
                }
                c2.chown = w(&c.chown)?;
                c2.chmod = w(&c.chmod)?;
                c2.from = w(&c.from)?;
                for sc in &mut c2.contents {
                    if sc.expand {
                        sc.data = lx.process_word_heredoc(&sc.data, vars)?;
                    }
                }
                if matches!(self, Instruction::Add(_)) {
                    Instruction::Add(c2)
                } else {
                    Instruction::Copy(c2)
                }
            }
            Instruction::Expose(p) => {
                Instruction::Expose(p.iter().map(|s| w(s)).collect::<Result<_, _>>()?)
            }
            Instruction::Volume(p) => {
                Instruction::Volume(p.iter().map(|s| w(s)).collect::<Result<_, _>>()?)
            }
            Instruction::StopSignal(s) => Instruction::StopSignal(w(s)?),
            Instruction::User(s) => Instruction::User(w(s)?),
            Instruction::Workdir(s) => Instruction::Workdir(w(s)?),
            Instruction::Arg(v) => Instruction::Arg(
                v.iter()
                    .map(|(k, x)| {
                        Ok((
                            w(k)?,
                            match x {
                                Some(x) => Some(w(x)?),
                                None => None,
                            },
                        ))
                    })
                    .collect::<Result<_, LexError>>()?,
            ),
            other => other.clone(),
        })
    }
}

impl Lexer {
    /// Heredoc bodies expand variables but keep quotes and backslashes
    /// literal (as a shell heredoc does).
    pub fn process_word_heredoc(&self, text: &str, vars: Vars) -> Result<String, LexError> {
        let mut out = String::new();
        let mut rest = text;
        while let Some(p) = rest.find('$') {
            out.push_str(&rest[..p]);
            let tail = &rest[p..];
            // the variable reference's extent
            let end = if tail.starts_with("${") {
                tail.find('}').map(|e| e + 1).unwrap_or(tail.len())
            } else {
                1 + tail[1..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(tail.len() - 1)
            };
            out.push_str(&self.process_word(&tail[..end], vars)?);
            rest = &tail[end..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

fn q(s: &str) -> String {
    go_quote(s)
}

fn qlist(v: &[String]) -> String {
    format!(
        "[{}]",
        v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

fn qcmd(c: &CmdLine) -> String {
    let mut s = format!(
        "{} {}",
        if c.prepend_shell { "shell" } else { "exec" },
        qlist(&c.args)
    );
    for h in &c.files {
        s.push_str(&format!(
            " heredoc({} fd={} expand={} chomp={} {})",
            q(&h.name),
            h.fd,
            h.expand,
            h.chomp,
            q(&h.content)
        ));
    }
    s
}

impl fmt::Display for Instruction {
    /// A canonical one-line form (used by the parser corpus).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kw = self.keyword();
        let kvs = |v: &[(String, String)]| {
            v.iter()
                .map(|(k, x)| format!("{}={}", q(k), q(x)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        match self {
            Instruction::Env(v) | Instruction::Label(v) => write!(f, "{kw} {}", kvs(v)),
            Instruction::Maintainer(s)
            | Instruction::Onbuild(s)
            | Instruction::Workdir(s)
            | Instruction::User(s)
            | Instruction::StopSignal(s) => write!(f, "{kw} {}", q(s)),
            Instruction::Add(c) | Instruction::Copy(c) => {
                write!(f, "{kw}")?;
                for (n, v) in [("from", &c.from), ("chown", &c.chown), ("chmod", &c.chmod)] {
                    if !v.is_empty() {
                        write!(f, " --{n}={}", q(v))?;
                    }
                }
                if c.link {
                    write!(f, " --link")?;
                }
                if c.json {
                    write!(f, " json")?;
                }
                write!(f, " {} -> {}", qlist(&c.sources), q(&c.dest))?;
                for sc in &c.contents {
                    write!(
                        f,
                        " heredoc({} expand={} {})",
                        q(&sc.path),
                        sc.expand,
                        q(&sc.data)
                    )?;
                }
                Ok(())
            }
            Instruction::Run {
                cmd,
                flags_used,
                mounts,
            } => {
                write!(f, "{kw}")?;
                for m in mounts {
                    write!(f, " --mount={}", q(m))?;
                }
                for u in flags_used.iter().filter(|u| *u != "mount") {
                    write!(f, " --{u}")?;
                }
                write!(f, " {}", qcmd(cmd))
            }
            Instruction::Cmd(c) | Instruction::Entrypoint(c) => write!(f, "{kw} {}", qcmd(c)),
            Instruction::Healthcheck(h) => {
                write!(f, "{kw}")?;
                for (n, v) in [
                    ("interval", h.interval),
                    ("timeout", h.timeout),
                    ("start-period", h.start_period),
                    ("start-interval", h.start_interval),
                ] {
                    if v != 0 {
                        write!(f, " {n}={}", format_duration(v))?;
                    }
                }
                if h.retries != 0 {
                    write!(f, " retries={}", h.retries)?;
                }
                write!(f, " {}", qlist(&h.test))
            }
            Instruction::Expose(v) | Instruction::Volume(v) | Instruction::Shell(v) => {
                write!(f, "{kw} {}", qlist(v))
            }
            Instruction::Arg(v) => {
                let parts: Vec<String> = v
                    .iter()
                    .map(|(k, x)| match x {
                        Some(x) => format!("{}={}", q(k), q(x)),
                        None => q(k),
                    })
                    .collect();
                write!(f, "{kw} {}", parts.join(" "))
            }
        }
    }
}

/// Build arguments given with `--build-arg` and the ones declared so far.
#[derive(Clone, Debug, Default)]
pub struct BuildArgs {
    /// `--build-arg NAME=value` (or `NAME` alone: taken from the client's
    /// environment, absent here).
    pub passed: Vec<(String, Option<String>)>,
    /// Meta args (before FROM) with their values.
    pub meta: Vec<(String, Option<String>)>,
    /// Names referenced by any ARG (to warn about unused build args).
    pub referenced: Vec<String>,
}

/// Proxy variables usable without an ARG.
pub const PREDEFINED_ARGS: &[&str] = &[
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

impl BuildArgs {
    pub fn new(passed: Vec<(String, Option<String>)>) -> BuildArgs {
        BuildArgs {
            passed,
            ..BuildArgs::default()
        }
    }
    fn passed_value(&self, k: &str) -> Option<Option<String>> {
        self.passed
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
    }
    /// The value an `ARG k[=default]` takes: a passed build arg, else the
    /// default, else (in a stage) the meta arg's value.
    pub fn resolve(&mut self, k: &str, default: Option<String>, in_stage: bool) -> Option<String> {
        if !self.referenced.iter().any(|r| r == k) {
            self.referenced.push(k.to_string());
        }
        if let Some(v) = self.passed_value(k) {
            return v;
        }
        if default.is_some() {
            return default;
        }
        if in_stage {
            return self
                .meta
                .iter()
                .rev()
                .find(|(n, _)| n == k)
                .and_then(|(_, v)| v.clone());
        }
        None
    }
    /// Variables meta args see (earlier meta args).
    pub fn meta_vars(&self) -> Vec<(String, String)> {
        self.meta
            .iter()
            .rev()
            .filter_map(|(k, v)| v.clone().map(|v| (k.clone(), v)))
            .collect()
    }
    /// Predefined proxy args passed with `--build-arg`.
    pub fn predefined(&self) -> Vec<(String, String)> {
        self.passed
            .iter()
            .filter(|(k, _)| PREDEFINED_ARGS.contains(&k.as_str()))
            .filter_map(|(k, v)| v.clone().map(|v| (k.clone(), v)))
            .collect()
    }
    /// `--build-arg`s no ARG declared (sorted), for the builder's warning.
    pub fn unused(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .passed
            .iter()
            .map(|(k, _)| k.clone())
            .filter(|k| !self.referenced.contains(k) && !PREDEFINED_ARGS.contains(&k.as_str()))
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Variable scope of one stage while it is evaluated: ENV (image config
/// plus ENV instructions) first, then declared ARGs, then predefined args.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub env: Vec<(String, String)>,
    pub args: Vec<(String, String)>,
}

impl Scope {
    pub fn set_env(&mut self, k: &str, v: &str) {
        match self.env.iter_mut().find(|(n, _)| n == k) {
            Some(e) => e.1 = v.to_string(),
            None => self.env.push((k.to_string(), v.to_string())),
        }
    }
    pub fn set_arg(&mut self, k: &str, v: Option<String>) {
        self.args.retain(|(n, _)| n != k);
        if let Some(v) = v {
            self.args.push((k.to_string(), v));
        }
    }
    /// All variables for expansion, ENV winning over ARG.
    pub fn vars(&self, predefined: &[(String, String)]) -> Vec<(String, String)> {
        let mut v = self.env.clone();
        for (k, x) in self.args.iter().rev().chain(predefined.iter()) {
            if !v.iter().any(|(n, _)| n == k) {
                v.push((k.clone(), x.clone()));
            }
        }
        v
    }
}

/// A readable dump of a Dockerfile: warnings, meta args, then each stage
/// and its instructions; each instruction whose expansion (with
/// `build_args`, an empty base image environment and ARG/ENV scoping)
/// differs is followed by `  => expanded`. Used by the parser corpus.
pub fn describe(df: &Dockerfile, build_args: &[(String, Option<String>)]) -> Vec<String> {
    let mut out: Vec<String> = df.warnings.iter().map(|w| format!("warning {w}")).collect();
    let lx = Lexer::new(df.escape);
    let mut ba = BuildArgs::new(build_args.to_vec());
    for m in &df.meta_args {
        out.push(format!("meta {}", m.instr));
        let vars = ba.meta_vars();
        match m.instr.expand(&lx, &vars) {
            Ok(e) => {
                if e != m.instr {
                    out.push(format!("  => {e}"));
                }
                if let Instruction::Arg(v) = e {
                    for (k, d) in v {
                        let val = ba.resolve(&k, d, false);
                        ba.meta.push((k, val));
                    }
                }
            }
            Err(e) => out.push(format!("  => error {e}")),
        }
    }
    for (i, s) in df.stages.iter().enumerate() {
        let mut head = format!("stage {i} FROM {}", q(&s.base));
        if !s.name.is_empty() {
            head.push_str(&format!(" AS {}", q(&s.name)));
        }
        if !s.platform.is_empty() {
            head.push_str(&format!(" --platform={}", q(&s.platform)));
        }
        out.push(head);
        match lx.process_word(&s.base, &ba.meta_vars()) {
            Ok(b) if b != s.base => out.push(format!("  => FROM {}", q(&b))),
            Ok(_) => {}
            Err(e) => out.push(format!("  => error {e}")),
        }
        let mut scope = Scope::default();
        for c in &s.commands {
            out.push(format!("  {}", c.instr));
            let vars = scope.vars(&ba.predefined());
            match c.instr.expand(&lx, &vars) {
                Ok(e) => {
                    if e != c.instr {
                        out.push(format!("    => {e}"));
                    }
                    match e {
                        Instruction::Env(v) => {
                            for (k, x) in v {
                                scope.set_env(&k, &x);
                            }
                        }
                        Instruction::Arg(v) => {
                            for (k, d) in v {
                                let val = ba.resolve(&k, d, true);
                                scope.set_arg(&k, val);
                            }
                        }
                        _ => {}
                    }
                }
                Err(e) => out.push(format!("    => error {e}")),
            }
        }
    }
    let unused = ba.unused();
    if !unused.is_empty() {
        out.push(format!(
            "[Warning] One or more build-args [{}] were not consumed",
            unused.join(" ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_have_docker_wording() {
        let e = parse_dockerfile("FROM a\nFORM b\n").unwrap_err();
        assert_eq!(
            e.message("Dockerfile"),
            "dockerfile parse error on line 2: unknown instruction: FORM (did you mean FROM?)"
        );
        let e = parse_dockerfile("RUN x\n").unwrap_err();
        assert_eq!(e.message("Dockerfile"), "no build stage in current context");
        let e = parse_dockerfile("FROM a b\n").unwrap_err();
        assert_eq!(
            e.message("Dockerfile"),
            "dockerfile parse error on line 1: FROM requires either one or three arguments"
        );
        let e = parse_dockerfile("FROM a\nCOPY --form=x a b\n").unwrap_err();
        assert_eq!(
            e.message("Dockerfile"),
            "dockerfile parse error on line 2: unknown flag: form (did you mean from?)"
        );
        let e = parse_dockerfile("# just a comment\n").unwrap_err();
        assert_eq!(
            e.message("Dockerfile"),
            "failed to parse Dockerfile: file with no instructions"
        );
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1m30s").unwrap(), 90_000_000_000);
        assert_eq!(format_duration(90_000_000_000), "1m30s");
        assert_eq!(format_duration(500_000_000), "500ms");
    }
}
