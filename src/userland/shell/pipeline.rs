//! Pipelines: each stage in a subshell, stdout fed to the next stage,
//! `pipefail`.

use super::parse::Node;
use super::{Io, Shell};
use crate::userland::programs::{Flow, Limits};
use crate::userland::{Output, Stream, Sys};

impl Shell {
    pub(super) fn pipeline(
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
                    let mut sub = self.subshell_copy();
                    if !last {
                        // this stage's stdout is the pipe, whatever `exec >…` said
                        sub.fds.remove(&1);
                    }
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
}
