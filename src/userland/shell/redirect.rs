//! Redirections: opening targets, heredocs and here-strings, routing a
//! command's output, descriptors kept by `exec`.

use super::parse::{self, Redir, RedirOp};
use super::{Io, Shell, Target};
use crate::engine::fs::path;
use crate::userland::programs::{self, Flow, Limits};
use crate::userland::{Output, Stream, Sys};

impl Shell {
    /// Opens redirections. `None` when one failed (message printed).
    #[allow(clippy::type_complexity)]
    pub(super) fn setup_redirs(
        &mut self,
        sys: &mut dyn Sys,
        redirs: &[Redir],
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<Option<([Target; 2], Option<Vec<u8>>)>, Flow> {
        // `exec >file` earlier in the shell changed where 1 and 2 go
        let mut t = [
            self.fds.get(&1).cloned().unwrap_or(Target::Out),
            self.fds.get(&2).cloned().unwrap_or(Target::Err),
        ];
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

    /// Sends a command's output to its redirection targets.
    pub(super) fn route(
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

    /// Descriptors a child process inherits.
    pub(super) fn export_fds(&self) -> Vec<(i32, i32)> {
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
}

pub(super) fn src_is_bad(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
}
