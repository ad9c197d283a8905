//! Running a command tree: sequences, and-or lists, compound commands,
//! `set -e` and the step budget.

use super::parse::{self, Node};

/// How deeply the interpreter may nest (each function call, subshell,
/// `eval` or command substitution takes a few levels).
pub const MAX_NEST: u32 = 800;

/// What one nested script (`eval`, `source`, `$(…)`) counts toward
/// [`MAX_NEST`].
const SCRIPT_WEIGHT: u32 = 16;
use super::{Io, Shell, ShellKind, Target};
use crate::userland::programs::{self, Flow, Limits};
use crate::userland::{Output, Sys};

impl Shell {
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
        let mut io = Io {
            stdin,
            pos: 0,
            out,
            tty,
        };
        let r = self.run_script(sys, src, &mut io, lim);
        let r = match r {
            Err(Flow::Exit(c)) if self.script && !self.interactive && !self.subshell => {
                self.last = c;
                self.run_exit_trap(sys, &mut io, lim)?;
                Err(Flow::Exit(self.last))
            }
            Ok(c) if self.script && !self.interactive && !self.subshell => {
                self.last = c;
                self.run_exit_trap(sys, &mut io, lim)?;
                Ok(self.last)
            }
            r => r,
        };
        if let Ok(c) = r {
            self.last = c;
        }
        r
    }

    /// Runs `src` one complete command at a time; a syntax error stops it
    /// with status 2 after the commands before it ran.
    pub(super) fn run_script(
        &mut self,
        sys: &mut dyn Sys,
        src: &str,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        // a nested script (eval, source, `$(…)`) costs more stack than a node
        self.nest += SCRIPT_WEIGHT;
        let r = self.run_commands(sys, src, io, lim);
        self.nest -= SCRIPT_WEIGHT;
        r
    }

    fn run_commands(
        &mut self,
        sys: &mut dyn Sys,
        src: &str,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        let mut script = parse::Script::new(
            src,
            self.kind == ShellKind::Bash,
            self.kind != ShellKind::Dash,
        );
        let base = self.lineno.max(1) - 1;
        let mut code = 0;
        loop {
            // aliases defined by the previous command take effect now
            let fresh = std::mem::take(&mut self.new_aliases);
            self.aliases.extend(fresh);
            let Some(next) = script.next_command() else {
                break;
            };
            let cmd = match next {
                Ok(c) => c,
                Err((e, line)) => {
                    // bash counts the end of input as one more line
                    let eof = matches!(
                        e,
                        parse::SyntaxError::Eof
                            | parse::SyntaxError::EofExpecting(_)
                            | parse::SyntaxError::Quote('(')
                    );
                    let line = if eof && self.kind == ShellKind::Bash && !src.ends_with('\n') {
                        line + 1
                    } else {
                        line
                    };
                    self.lineno = base + line;
                    let text = script.line_text(line);
                    self.syntax_error(&e, &text, io.out);
                    self.last = 2;
                    if self.interactive {
                        return Ok(2);
                    }
                    return Err(Flow::Exit(2));
                }
            };
            if !cmd.eof.is_empty() && self.kind == ShellKind::Bash {
                // reported at the line after the last one
                self.lineno = base + src.lines().count() as u32;
                for d in &cmd.eof {
                    io.out.errln(format!(
                        "{}: warning: here-document at line {} delimited by end-of-file (wanted `{d}')",
                        self.err_prefix(),
                        base + cmd.line
                    ));
                }
            }
            self.lineno = base + cmd.line;
            code = match self.exec(sys, &cmd.node, io, lim) {
                Ok(c) => c,
                // an error that aborts the current command, not the shell
                Err(Flow::Error(c)) => {
                    self.last = c;
                    c
                }
                Err(e) => return Err(e),
            };
        }
        self.lineno = base + 1;
        Ok(code)
    }

    /// Runs the `EXIT` trap once, keeping `$?` unless it exits itself.
    pub(super) fn run_exit_trap(
        &mut self,
        sys: &mut dyn Sys,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<(), Flow> {
        let Some(action) = self.traps.remove("EXIT") else {
            return Ok(());
        };
        let keep = self.last;
        match self.run_script(sys, &action, io, lim) {
            Ok(_) | Err(Flow::Return(_)) => self.last = keep,
            Err(Flow::Exit(c)) => self.last = c,
            Err(e) => return Err(e),
        }
        Ok(())
    }

    pub(super) fn step(&mut self, lim: &mut Limits) -> Result<(), Flow> {
        if lim.steps == 0 {
            return Err(Flow::Budget);
        }
        lim.steps -= 1;
        if lim.written > programs::OUTPUT_CAP {
            return Err(Flow::OutputCap);
        }
        Ok(())
    }

    /// Runs a node; `$?` becomes its status.
    pub fn exec(
        &mut self,
        sys: &mut dyn Sys,
        n: &Node,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        if self.nest >= MAX_NEST {
            io.out.errln(format!(
                "dockerlings: {}: commands nested more than {MAX_NEST} levels deep (eval, source, subshells) are not available in this sandbox",
                self.short_name()
            ));
            return Err(Flow::Error(2));
        }
        self.nest += 1;
        let looping = matches!(
            n,
            Node::Loop { .. } | Node::For { .. } | Node::ArithFor { .. }
        );
        self.loops += looping as u32;
        let r = self.exec_node(sys, n, io, lim);
        self.loops -= looping as u32;
        self.nest -= 1;
        if let Ok(c) = r {
            self.last = c;
        }
        r
    }

    /// An and-or list `a && b || c`, run left to right without recursing
    /// along the chain (a long chain must not exhaust the stack).
    fn and_or(
        &mut self,
        sys: &mut dyn Sys,
        n: &Node,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        let mut rest: Vec<(bool, &Node)> = Vec::new();
        let mut first = n;
        loop {
            match first {
                Node::And(a, b) => {
                    rest.push((true, b));
                    first = a;
                }
                Node::Or(a, b) => {
                    rest.push((false, b));
                    first = a;
                }
                _ => break,
            }
        }
        rest.reverse();
        let last = rest.len();
        self.cond_depth += 1;
        let r = self.exec(sys, first, io, lim);
        self.cond_depth -= 1;
        let mut c = r?;
        for (k, (and, node)) in rest.into_iter().enumerate() {
            if (c == 0) != and {
                continue;
            }
            let tail = k + 1 == last;
            if !tail {
                self.cond_depth += 1;
            }
            let r = self.exec(sys, node, io, lim);
            if !tail {
                self.cond_depth -= 1;
            }
            c = r?;
        }
        Ok(c)
    }

    fn exec_node(
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
                self.check_errexit(sys, c, io, lim)?;
                c
            }
            Node::Pipeline { cmds, negate } => {
                let c = self.pipeline(sys, cmds, io, lim)?;
                let c = if *negate { (c == 0) as i32 } else { c };
                self.last = c;
                if !*negate {
                    self.check_errexit(sys, c, io, lim)?;
                }
                c
            }
            Node::And(..) | Node::Or(..) => self.and_or(sys, n, io, lim)?,
            Node::Seq(v) => {
                let mut c = 0;
                for x in v {
                    c = self.exec(sys, x, io, lim)?;
                }
                c
            }
            Node::Background(x) => {
                // Runs to completion: there is no job control in the sandbox.
                // A background job never owns the terminal: its stdin is
                // /dev/null and nothing it starts is interactive (a real
                // one reading the terminal would be stopped by SIGTTIN).
                let was = std::mem::replace(&mut self.interactive, false);
                let mut bg = Io {
                    stdin: Some(Vec::new()),
                    pos: 0,
                    out: &mut *io.out,
                    tty: io.tty,
                };
                let r = self.exec(sys, x, &mut bg, lim);
                self.interactive = was;
                r?;
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
            Node::Case { word, arms, ends } => {
                let w = self.expand_string(sys, word, lim, io.out)?;
                let mut c = 0;
                let mut fall = false;
                for (k, (pats, body)) in arms.iter().enumerate() {
                    let mut hit = fall;
                    for p in pats {
                        if hit {
                            break;
                        }
                        let pat = self.expand_pattern(sys, p, lim, io.out)?;
                        hit = crate::userland::glob::matches(&pat, &w);
                    }
                    if !hit {
                        continue;
                    }
                    c = self.exec(sys, body, io, lim)?;
                    match ends.get(k).copied().unwrap_or(0) {
                        1 => fall = true,
                        2 => fall = false,
                        _ => break,
                    }
                }
                c
            }
            Node::Arith { src } => {
                let c = self.arith_status(sys, src, io, lim)?;
                self.last = c;
                self.check_errexit(sys, c, io, lim)?;
                c
            }
            Node::ArithFor {
                init,
                cond,
                step,
                body,
            } => self.arith_for(sys, [init, cond, step], body, io, lim)?,
            Node::Cond { words } => {
                self.step(lim)?;
                let c = self.cond(sys, words, io, lim)?;
                self.last = c;
                self.check_errexit(sys, c, io, lim)?;
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
                    None => return Ok(self.redir_failed_status()),
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
                        let mut sub = self.subshell_copy();
                        let r = match sub.exec(sys, body, &mut sub_io, lim) {
                            Ok(c) | Err(Flow::Exit(c)) => Ok(c),
                            Err(e) => Err(e),
                        };
                        match r {
                            Ok(c) => {
                                sub.last = c;
                                sub.run_exit_trap(sys, &mut sub_io, lim).map(|_| sub.last)
                            }
                            e => e,
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

    /// After a failed command outside a condition: bash's `ERR` trap,
    /// then `set -e`.
    pub(super) fn check_errexit(
        &mut self,
        sys: &mut dyn Sys,
        c: i32,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<(), Flow> {
        if c == 0 || self.cond_depth > 0 {
            return Ok(());
        }
        if self.kind == ShellKind::Bash {
            if let Some(action) = self.traps.remove("ERR") {
                let r = self.run_script(sys, &action, io, lim);
                self.traps.insert("ERR".into(), action);
                self.last = c;
                match r {
                    Ok(_) | Err(Flow::Error(_)) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        if self.errexit {
            return Err(Flow::Exit(c));
        }
        Ok(())
    }
}
