//! Running a command tree: sequences, and-or lists, compound commands,
//! `set -e` and the step budget.

use super::parse::{self, Node};
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

    pub(super) fn check_errexit(&self, c: i32) -> Result<(), Flow> {
        if self.errexit && c != 0 && self.cond_depth == 0 {
            return Err(Flow::Exit(c));
        }
        Ok(())
    }
}
