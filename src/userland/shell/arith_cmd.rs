//! bash's arithmetic commands: `(( expr ))` (status 0 when non-zero) and
//! the C-style `for (( init; cond; step ))` loop.

use super::parse::{self, Node};
use super::{Io, Shell};
use crate::userland::programs::{Flow, Limits};
use crate::userland::Sys;

impl Shell {
    /// Expands `$…` inside `src` and evaluates it; errors print bash's
    /// message and give `Err(status)`.
    pub(super) fn arith_value(
        &mut self,
        sys: &mut dyn Sys,
        src: &str,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<Result<i64, i32>, Flow> {
        let w = parse::parse_heredoc_body(src);
        let s = match self.expand_string(sys, &w, lim, io.out) {
            Ok(s) => s,
            Err(Flow::Error(c)) => return Ok(Err(c)),
            Err(e) => return Err(e),
        };
        match super::arith::arith(self, &s) {
            Ok(n) => Ok(Ok(n)),
            Err(e) => {
                let p = self.err_prefix();
                io.out.errln(format!("{p}: {}: {e}", s.trim()));
                Ok(Err(1))
            }
        }
    }

    /// `(( expr ))`: 0 when the value is non-zero, 1 when zero or an error.
    pub(super) fn arith_status(
        &mut self,
        sys: &mut dyn Sys,
        src: &str,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        self.step(lim)?;
        Ok(match self.arith_value(sys, src, io, lim)? {
            Ok(0) => 1,
            Ok(_) => 0,
            Err(c) => c,
        })
    }

    /// `for (( init; cond; step )); do body; done`.
    pub(super) fn arith_for(
        &mut self,
        sys: &mut dyn Sys,
        [init, cond, step]: [&String; 3],
        body: &Node,
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        if !init.is_empty() {
            if let Err(c) = self.arith_value(sys, init, io, lim)? {
                return Ok(c);
            }
        }
        let mut code = 0;
        loop {
            self.step(lim)?;
            if !cond.is_empty() {
                match self.arith_value(sys, cond, io, lim)? {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(c) => return Ok(c),
                }
            }
            match self.exec(sys, body, io, lim) {
                Ok(c) => code = c,
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
            if !step.is_empty() {
                if let Err(c) = self.arith_value(sys, step, io, lim)? {
                    return Ok(c);
                }
            }
        }
        Ok(code)
    }
}
