//! One POSIX-style shell for the host's bash, containers' bash, Debian's
//! dash `sh` and busybox `sh`: the same engine, with each flavour's prompt
//! and error wording ([`ShellKind`]). Parses with [`parse`], expands words
//! with [`expand`], runs builtins itself and other programs through
//! [`crate::userland::programs`].

pub mod builtins;
pub mod expand;
pub mod parse;

use crate::engine::fs::path;
use crate::userland::programs::{self, Flow, Limits, Lookup};
use crate::userland::{Output, Stream, Sys};
use parse::{Node, Redir, RedirOp, SyntaxError};
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
            "@" | "*" => Some(self.args.join(" ")),
            n if n.chars().all(|c| c.is_ascii_digit()) => {
                let i: usize = n.parse().ok()?;
                self.args.get(i.checked_sub(1)?).cloned()
            }
            n => self.vars.get(n).cloned(),
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

    fn syntax_error(&self, e: &SyntaxError, src: &str, out: &mut Output) {
        let p = self.err_prefix();
        let first = src.lines().next().unwrap_or("");
        match (self.kind, e) {
            (ShellKind::Bash, SyntaxError::Unexpected(t)) => {
                out.errln(format!("{p}: syntax error near unexpected token `{t}'"));
                out.errln(format!("{p}: `{first}'"));
            }
            (ShellKind::Bash, SyntaxError::Eof) => {
                out.errln(format!("{p}: syntax error: unexpected end of file"));
            }
            (ShellKind::Bash, SyntaxError::Quote(c)) => {
                let close = match c {
                    '(' => ')',
                    '{' => '}',
                    c => *c,
                };
                out.errln(format!(
                    "{p}: unexpected EOF while looking for matching `{close}'"
                ));
            }
            (ShellKind::Dash, SyntaxError::Unexpected(t)) => {
                let t = if t == "newline" { "newline" } else { t };
                out.errln(format!("{p}: Syntax error: \"{t}\" unexpected"));
            }
            (ShellKind::Dash, SyntaxError::Eof) => {
                out.errln(format!("{p}: Syntax error: end of file unexpected"));
            }
            (ShellKind::Dash, SyntaxError::Quote(c)) => {
                let what = if *c == '"' || *c == '\'' {
                    "Unterminated quoted string"
                } else {
                    "end of file unexpected"
                };
                out.errln(format!("{p}: Syntax error: {what}"));
            }
            (ShellKind::Ash, SyntaxError::Unexpected(t)) => {
                out.errln(format!("{p}: syntax error: unexpected \"{t}\""));
            }
            (ShellKind::Ash, SyntaxError::Eof) => {
                out.errln(format!("{p}: syntax error: unexpected end of file"));
            }
            (ShellKind::Ash, SyntaxError::Quote(_)) => {
                out.errln(format!("{p}: syntax error: unterminated quoted string"));
            }
        }
    }

    /// Parses and runs `src`. Syntax errors print the shell's message and
    /// return 2.
    pub fn run_source(
        &mut self,
        sys: &mut dyn Sys,
        src: &str,
        stdin: Option<Vec<u8>>,
        out: &mut Output,
        lim: &mut Limits,
        tty: bool,
    ) -> Result<i32, Flow> {
        let (node, eof) = match parse::parse(src) {
            Ok(x) => x,
            Err(e) => {
                self.syntax_error(&e, src, out);
                self.last = 2;
                return Ok(2);
            }
        };
        for d in eof {
            if self.kind == ShellKind::Bash {
                out.errln(format!(
                    "{}: warning: here-document at line {} delimited by end-of-file (wanted `{d}')",
                    self.err_prefix(),
                    self.lineno
                ));
            }
        }
        let mut io = Io {
            stdin,
            pos: 0,
            out,
            tty,
        };
        let r = self.exec(sys, &node, &mut io, lim);
        if let Ok(c) = r {
            self.last = c;
        }
        r
    }

    fn step(&mut self, lim: &mut Limits) -> Result<(), Flow> {
        if lim.steps == 0 {
            return Err(Flow::Budget);
        }
        lim.steps -= 1;
        if lim.written > programs::OUTPUT_CAP {
            return Err(Flow::OutputCap);
        }
        Ok(())
    }

    /// Runs a node.
    pub fn exec(
        &mut self,
        sys: &mut dyn Sys,
        n: &Node,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        let code = match n {
            Node::Simple {
                assigns,
                words,
                redirs,
            } => {
                let c = self.simple(sys, assigns, words, redirs, io, lim)?;
                self.last = c;
                self.check_errexit(c)?;
                c
            }
            Node::Pipeline { cmds, negate } => {
                let c = self.pipeline(sys, cmds, io, lim)?;
                let c = if *negate { (c == 0) as i32 } else { c };
                self.last = c;
                if !*negate {
                    self.check_errexit(c)?;
                }
                c
            }
            Node::And(a, b) => {
                self.cond_depth += 1;
                let r = self.exec(sys, a, io, lim);
                self.cond_depth -= 1;
                let c = r?;
                if c == 0 {
                    self.exec(sys, b, io, lim)?
                } else {
                    c
                }
            }
            Node::Or(a, b) => {
                self.cond_depth += 1;
                let r = self.exec(sys, a, io, lim);
                self.cond_depth -= 1;
                let c = r?;
                if c != 0 {
                    self.exec(sys, b, io, lim)?
                } else {
                    c
                }
            }
            Node::Seq(v) => {
                let mut c = 0;
                for x in v {
                    c = self.exec(sys, x, io, lim)?;
                }
                c
            }
            Node::Background(x) => {
                // Runs to completion: there is no job control in the sandbox.
                self.exec(sys, x, io, lim)?;
                0
            }
            Node::If {
                branches,
                otherwise,
            } => {
                let mut done = None;
                for (cond, body) in branches {
                    self.cond_depth += 1;
                    let r = self.exec(sys, cond, io, lim);
                    self.cond_depth -= 1;
                    if r? == 0 {
                        done = Some(self.exec(sys, body, io, lim)?);
                        break;
                    }
                }
                match (done, otherwise) {
                    (Some(c), _) => c,
                    (None, Some(o)) => self.exec(sys, o, io, lim)?,
                    (None, None) => 0,
                }
            }
            Node::Loop { cond, body, until } => {
                let mut c = 0;
                loop {
                    self.step(lim)?;
                    self.cond_depth += 1;
                    let r = self.exec(sys, cond, io, lim);
                    self.cond_depth -= 1;
                    let ok = r? == 0;
                    if ok == *until {
                        break;
                    }
                    match self.exec(sys, body, io, lim) {
                        Ok(x) => c = x,
                        Err(Flow::Break(n)) => {
                            if n > 1 {
                                return Err(Flow::Break(n - 1));
                            }
                            break;
                        }
                        Err(Flow::Continue(n)) => {
                            if n > 1 {
                                return Err(Flow::Continue(n - 1));
                            }
                        }
                        Err(e) => return Err(e),
                    }
                }
                c
            }
            Node::For { var, items, body } => {
                let list = match items {
                    Some(ws) => self.expand_fields(sys, ws, lim, io.out)?,
                    None => self.args.clone(),
                };
                let mut c = 0;
                for item in list {
                    self.step(lim)?;
                    self.set(var, &item);
                    match self.exec(sys, body, io, lim) {
                        Ok(x) => c = x,
                        Err(Flow::Break(n)) => {
                            if n > 1 {
                                return Err(Flow::Break(n - 1));
                            }
                            break;
                        }
                        Err(Flow::Continue(n)) => {
                            if n > 1 {
                                return Err(Flow::Continue(n - 1));
                            }
                        }
                        Err(e) => return Err(e),
                    }
                }
                c
            }
            Node::Case { word, arms } => {
                let w = self.expand_string(sys, word, lim, io.out)?;
                let mut c = 0;
                'arms: for (pats, body) in arms {
                    for p in pats {
                        let pat = self.expand_pattern(sys, p, lim, io.out)?;
                        if crate::userland::glob::matches(&pat, &w) {
                            c = self.exec(sys, body, io, lim)?;
                            break 'arms;
                        }
                    }
                }
                c
            }
            Node::Func { name, body } => {
                self.funcs.insert(name.clone(), (**body).clone());
                0
            }
            Node::Group {
                body,
                redirs,
                subshell,
            } => {
                let (targets, stdin) = match self.setup_redirs(sys, redirs, io, lim)? {
                    Some(x) => x,
                    None => return Ok(1),
                };
                let mut produced = Output::new();
                let r = {
                    let mut sub_io = Io {
                        stdin: stdin.or_else(|| io.rest()),
                        pos: 0,
                        out: &mut produced,
                        tty: io.tty && targets[0] == Target::Out,
                    };
                    if *subshell {
                        let mut sub = self.clone();
                        sub.subshell = true;
                        match sub.exec(sys, body, &mut sub_io, lim) {
                            Ok(c) | Err(Flow::Exit(c)) => Ok(c),
                            Err(e) => Err(e),
                        }
                    } else {
                        self.exec(sys, body, &mut sub_io, lim)
                    }
                };
                self.route(sys, produced, &targets, io.out, lim);
                r?
            }
        };
        Ok(code)
    }

    fn check_errexit(&self, c: i32) -> Result<(), Flow> {
        if self.errexit && c != 0 && self.cond_depth == 0 {
            return Err(Flow::Exit(c));
        }
        Ok(())
    }

    fn pipeline(
        &mut self,
        sys: &mut dyn Sys,
        cmds: &[Node],
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        let mut data = io.rest();
        let mut codes = Vec::new();
        let n = cmds.len();
        for (i, c) in cmds.iter().enumerate() {
            let last = i + 1 == n;
            let mut produced = Output::new();
            let r = {
                let mut sub_io = Io {
                    stdin: data.take(),
                    pos: 0,
                    out: &mut produced,
                    tty: last && io.tty,
                };
                if n > 1 {
                    // each stage runs in a subshell
                    let mut sub = self.clone();
                    sub.subshell = true;
                    sub.in_pipe = !last;
                    match sub.exec(sys, c, &mut sub_io, lim) {
                        Ok(x) | Err(Flow::Exit(x)) => {
                            if last {
                                self.last = x;
                            }
                            Ok(x)
                        }
                        Err(e) => Err(e),
                    }
                } else {
                    self.exec(sys, c, &mut sub_io, lim)
                }
            };
            let mut next = Vec::new();
            for (s, t) in produced.chunks {
                match s {
                    Stream::Stdout if !last => next.extend_from_slice(t.as_bytes()),
                    Stream::Stdout => io.out.out(t),
                    Stream::Stderr => io.out.err(t),
                }
            }
            if produced.action.is_some() {
                io.out.action = produced.action;
            }
            data = Some(next);
            codes.push(r?);
        }
        let last = codes.last().copied().unwrap_or(0);
        if self.pipefail {
            return Ok(codes.iter().rev().find(|c| **c != 0).copied().unwrap_or(0));
        }
        Ok(last)
    }

    /// Opens redirections. `None` when one failed (message printed).
    #[allow(clippy::type_complexity)]
    fn setup_redirs(
        &mut self,
        sys: &mut dyn Sys,
        redirs: &[Redir],
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<Option<([Target; 2], Option<Vec<u8>>)>, Flow> {
        let mut t = [Target::Out, Target::Err];
        let mut stdin: Option<Vec<u8>> = None;
        self.extra_fds.clear();
        for r in redirs {
            match &r.op {
                RedirOp::HereDoc { body, expand } => {
                    let text = if *expand {
                        let w = parse::parse_heredoc_body(body);
                        self.expand_string(sys, &w, lim, io.out)?
                    } else {
                        body.clone()
                    };
                    stdin = Some(text.into_bytes());
                }
                RedirOp::HereString => {
                    let s = self.expand_string(sys, &r.target, lim, io.out)?;
                    stdin = Some(format!("{s}\n").into_bytes());
                }
                op => {
                    let word = self.expand_string(sys, &r.target, lim, io.out)?;
                    let idx = match r.fd {
                        1 => Some(0),
                        2 => Some(1),
                        _ => None,
                    };
                    match op {
                        RedirOp::DupOut => {
                            let src = match word.as_str() {
                                "1" => Some(t[0].clone()),
                                "2" => Some(t[1].clone()),
                                "-" => Some(Target::Null),
                                n => n.parse::<i32>().ok().and_then(|n| {
                                    self.extra_fds
                                        .iter()
                                        .rev()
                                        .find(|(f, _)| *f == n)
                                        .map(|(_, t)| t.clone())
                                        .or_else(|| self.fds.get(&n).cloned())
                                }),
                            };
                            if let (Some(i), Some(s)) = (idx, src.clone()) {
                                t[i] = s;
                            } else if let (None, Some(s)) = (idx, src) {
                                self.extra_fds.push((r.fd, s));
                            } else if src_is_bad(&word) {
                                io.out.errln(format!(
                                    "{}: {word}: Bad file descriptor",
                                    self.err_prefix()
                                ));
                                return Ok(None);
                            }
                        }
                        RedirOp::DupIn => {}
                        RedirOp::In => {
                            let p = path::join(&self.cwd, &word);
                            if p == "/dev/null" {
                                stdin = Some(Vec::new());
                                continue;
                            }
                            match programs::read_file(sys, &p) {
                                Ok(b) => stdin = Some(b),
                                Err(e) => {
                                    self.redir_error(&word, &e.to_string(), false, io.out);
                                    return Ok(None);
                                }
                            }
                        }
                        RedirOp::Out | RedirOp::Append | RedirOp::OutErr => {
                            let target = match word.as_str() {
                                "/dev/null" => Target::Null,
                                "/dev/stdout" => Target::Out,
                                "/dev/stderr" => Target::Err,
                                "/dev/tty" | "/dev/console" => Target::Out,
                                _ => {
                                    let p = path::join(&self.cwd, &word);
                                    let res = if *op == RedirOp::Append {
                                        programs::append_file(sys, &p, b"", lim.now_secs())
                                    } else {
                                        programs::write_file(sys, &p, b"", lim.now_secs())
                                    };
                                    if let Err(e) = res {
                                        self.redir_error(&word, &e.to_string(), true, io.out);
                                        return Ok(None);
                                    }
                                    Target::File(p)
                                }
                            };
                            if *op == RedirOp::OutErr {
                                t = [target.clone(), target];
                            } else if let Some(i) = idx {
                                t[i] = target;
                            } else {
                                self.extra_fds.push((r.fd, target));
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(Some((t, stdin)))
    }

    fn redir_error(&self, word: &str, err: &str, create: bool, out: &mut Output) {
        let p = self.err_prefix();
        match self.kind {
            ShellKind::Bash => out.errln(format!("{p}: {word}: {err}")),
            ShellKind::Dash => {
                if create {
                    let why = if err == "No such file or directory" {
                        "Directory nonexistent"
                    } else {
                        err
                    };
                    out.errln(format!("{p}: cannot create {word}: {why}"))
                } else {
                    out.errln(format!("{p}: cannot open {word}: No such file"))
                }
            }
            ShellKind::Ash => {
                if create {
                    out.errln(format!("{p}: can't create {word}: {err}"))
                } else {
                    out.errln(format!("{p}: can't open '{word}': {err}"))
                }
            }
        }
    }

    /// Sends a command's output to its redirection targets.
    fn route(
        &mut self,
        sys: &mut dyn Sys,
        produced: Output,
        t: &[Target; 2],
        out: &mut Output,
        lim: &mut Limits,
    ) {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for (s, text) in produced.chunks {
            let target = match s {
                Stream::Stdout => &t[0],
                Stream::Stderr => &t[1],
            };
            match target {
                Target::Out => {
                    lim.written += text.len();
                    out.out(text)
                }
                Target::Err => {
                    lim.written += text.len();
                    out.err(text)
                }
                Target::Null => {}
                Target::File(p) => match files.iter_mut().find(|(q, _)| q == p) {
                    Some((_, b)) => b.extend_from_slice(text.as_bytes()),
                    None => files.push((p.clone(), text.into_bytes())),
                },
            }
        }
        for (p, b) in files {
            let _ = programs::append_file(sys, &p, &b, lim.now_secs());
        }
        if produced.action.is_some() {
            out.action = produced.action;
        }
    }

    fn simple(
        &mut self,
        sys: &mut dyn Sys,
        assigns: &[(String, parse::Word)],
        words: &[parse::Word],
        redirs: &[Redir],
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        self.step(lim)?;
        self.subst_status = None;
        let argv = match self.expand_fields(sys, words, lim, io.out) {
            Ok(a) => a,
            Err(Flow::Error(c)) => return Ok(c),
            Err(e) => return Err(e),
        };
        let mut values = Vec::new();
        for (k, w) in assigns {
            let v = match self.expand_string(sys, w, lim, io.out) {
                Ok(v) => v,
                Err(Flow::Error(c)) => return Ok(c),
                Err(e) => return Err(e),
            };
            values.push((k.clone(), v));
        }
        if self.xtrace && !argv.is_empty() {
            io.out.errln(format!("+ {}", argv.join(" ")));
        }
        let (targets, stdin) = match self.setup_redirs(sys, redirs, io, lim)? {
            Some(x) => x,
            None => return Ok(1),
        };
        if argv.len() == 1 && argv[0] == "exec" && assigns.is_empty() {
            // `exec 3>&1`: descriptors stay open in the shell
            for (fd, t) in std::mem::take(&mut self.extra_fds) {
                self.fds.insert(fd, t);
            }
            return Ok(0);
        }
        if argv.is_empty() {
            for (k, v) in values {
                self.set(&k, &v);
                if self.allexport {
                    self.exported.insert(k);
                }
            }
            return Ok(self.subst_status.unwrap_or(0));
        }
        let mut produced = Output::new();
        let tty = io.tty && targets[0] == Target::Out;
        let stdin_data = match stdin {
            Some(s) => Some(s),
            None => io.rest(),
        };
        let mut sub_io = Io {
            stdin: stdin_data,
            pos: 0,
            out: &mut produced,
            tty,
        };
        let r = self.dispatch(sys, &argv, &values, &mut sub_io, lim);
        let consumed = sub_io.pos;
        if io.stdin.is_some() && redirs.iter().all(|r| r.fd != 0) {
            io.pos += consumed;
        }
        self.route(sys, produced, &targets, io.out, lim);
        r
    }

    /// Runs a command by name: function, builtin or program.
    fn dispatch(
        &mut self,
        sys: &mut dyn Sys,
        argv: &[String],
        assigns: &[(String, String)],
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        let name = argv[0].as_str();
        if let Some(body) = self.funcs.get(name).cloned() {
            let saved = std::mem::replace(&mut self.args, argv[1..].to_vec());
            self.locals.push(Vec::new());
            self.func_depth += 1;
            let r = self.exec(sys, &body, io, lim);
            self.func_depth -= 1;
            self.args = saved;
            if let Some(locals) = self.locals.pop() {
                for (k, v) in locals.into_iter().rev() {
                    match v {
                        Some(v) => self.set(&k, &v),
                        None => {
                            self.vars.remove(&k);
                        }
                    }
                }
            }
            return match r {
                Err(Flow::Return(c)) => Ok(c),
                x => x,
            };
        }
        if builtins::is_builtin(self.kind, name) {
            let saved: Vec<(String, Option<String>)> = assigns
                .iter()
                .map(|(k, _)| (k.clone(), self.vars.get(k).cloned()))
                .collect();
            for (k, v) in assigns {
                self.set(k, v);
            }
            let r = builtins::run(self, sys, argv, io, lim);
            if !builtins::is_special(name) {
                for (k, v) in saved {
                    match v {
                        Some(v) => self.set(&k, &v),
                        None => {
                            self.vars.remove(&k);
                        }
                    }
                }
            }
            return r;
        }
        let mut env = self.env();
        for (k, v) in assigns {
            env.retain(|(a, _)| a != k);
            env.push((k.clone(), v.clone()));
        }
        self.run_external(sys, argv, env, io, lim)
    }

    /// Looks up and runs a program file, printing the shell's not-found
    /// messages.
    pub(crate) fn run_external(
        &mut self,
        sys: &mut dyn Sys,
        argv: &[String],
        env: Vec<(String, String)>,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        let name = argv[0].as_str();
        let path_var = self
            .get("PATH")
            .unwrap_or_else(|| programs::DEFAULT_PATH.to_string());
        let p = self.err_prefix();
        match programs::lookup(sys, name, &path_var, &self.cwd) {
            Lookup::Found(prog) => {
                let stdin = io.rest();
                if let Some(s) = &io.stdin {
                    io.pos = s.len();
                }
                let mut ctx = programs::Ctx {
                    env,
                    cwd: self.cwd.clone(),
                    user: self.user.clone(),
                    stdin,
                    tty: io.tty,
                    interactive: false,
                    in_pipe: self.in_pipe,
                    fds: self.export_fds(),
                };
                if io.tty && self.interactive {
                    ctx.interactive = true;
                }
                programs::exec(sys, &prog, argv, &ctx, io.out, lim)
            }
            Lookup::NotFound => {
                match self.kind {
                    ShellKind::Bash => io.out.errln(format!("{p}: {name}: command not found")),
                    _ => io.out.errln(format!("{p}: {name}: not found")),
                }
                Ok(127)
            }
            Lookup::NoFile => {
                match self.kind {
                    ShellKind::Bash => io
                        .out
                        .errln(format!("{p}: {name}: No such file or directory")),
                    _ => io.out.errln(format!("{p}: {name}: not found")),
                }
                Ok(127)
            }
            Lookup::IsDir => {
                match self.kind {
                    ShellKind::Bash => io.out.errln(format!("{p}: {name}: Is a directory")),
                    _ => io.out.errln(format!("{p}: {name}: Permission denied")),
                }
                Ok(126)
            }
            Lookup::NoPerm => {
                io.out.errln(format!("{p}: {name}: Permission denied"));
                Ok(126)
            }
        }
    }

    /// Descriptors a child process inherits.
    fn export_fds(&self) -> Vec<(i32, i32)> {
        self.fds
            .iter()
            .map(|(fd, t)| {
                (
                    *fd,
                    match t {
                        Target::Err => 2,
                        Target::Null => -1,
                        _ => 1,
                    },
                )
            })
            .collect()
    }

    /// Opens inherited descriptors.
    pub fn inherit_fds(&mut self, fds: &[(i32, i32)]) {
        for (fd, to) in fds {
            let t = match to {
                2 => Target::Err,
                -1 => Target::Null,
                _ => Target::Out,
            };
            self.fds.insert(*fd, t);
        }
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

fn src_is_bad(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
}
