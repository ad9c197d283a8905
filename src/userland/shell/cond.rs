//! `[[ … ]]`: bash's conditional command. Operands are expanded without
//! splitting or globbing; `==`/`!=` match patterns, `=~` an extended
//! regex (captures in `BASH_REMATCH`), `<`/`>` compare strings, the
//! numeric operators evaluate arithmetic, file and string tests are
//! `test`'s.

use super::parse::{Part, Word};
use super::{Io, Shell};
use crate::userland::glob;
use crate::userland::programs::{text, Flow, Limits};
use crate::userland::Sys;

const BINARY: &[&str] = &[
    "==", "=", "!=", "=~", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef",
];

/// The operator text of an unquoted one-literal word.
fn op(w: &Word) -> Option<&str> {
    match w.as_slice() {
        [Part::Lit {
            text,
            quoted: false,
        }] => Some(text.as_str()),
        _ => None,
    }
}

struct Cond<'a, 'b> {
    sh: &'a mut Shell,
    sys: &'a mut dyn Sys,
    io: &'a mut Io<'b>,
    lim: &'a mut Limits,
    w: &'a [Word],
    i: usize,
}

/// A conditional expression error: bash's message and status 2.
struct Bad(String);

impl Shell {
    /// Runs `[[ words ]]`.
    pub(super) fn cond(
        &mut self,
        sys: &mut dyn Sys,
        words: &[Word],
        io: &mut Io,
        lim: &mut Limits,
    ) -> Result<i32, Flow> {
        let mut c = Cond {
            sh: self,
            sys,
            io,
            lim,
            w: words,
            i: 0,
        };
        let r = c.or();
        let r = match r {
            Ok(_) if c.i < c.w.len() => Err(Bad(format!(
                "syntax error in conditional expression: unexpected token `{}'",
                op(&c.w[c.i]).unwrap_or("word")
            ))),
            r => r,
        };
        match r {
            Ok(v) => Ok(if v { 0 } else { 1 }),
            Err(Bad(msg)) => {
                let p = self.err_prefix();
                io.out.errln(format!("{p}: {msg}"));
                Ok(2)
            }
        }
    }
}

impl Cond<'_, '_> {
    fn peek_op(&self) -> Option<&str> {
        self.w.get(self.i).and_then(op)
    }

    fn or(&mut self) -> Result<bool, Bad> {
        let mut v = self.and()?;
        while self.peek_op() == Some("||") {
            self.i += 1;
            let r = self.and()?;
            v = v || r;
        }
        Ok(v)
    }

    fn and(&mut self) -> Result<bool, Bad> {
        let mut v = self.not()?;
        while self.peek_op() == Some("&&") {
            self.i += 1;
            let r = self.not()?;
            v = v && r;
        }
        Ok(v)
    }

    fn not(&mut self) -> Result<bool, Bad> {
        if self.peek_op() == Some("!") {
            self.i += 1;
            return Ok(!self.not()?);
        }
        self.primary()
    }

    fn word(&mut self, k: usize) -> Result<String, Bad> {
        let w = self.w[k].clone();
        self.sh
            .expand_string(self.sys, &w, self.lim, self.io.out)
            .map_err(|_| Bad("bad expansion".into()))
    }

    fn primary(&mut self) -> Result<bool, Bad> {
        let Some(first) = self.w.get(self.i) else {
            return Err(Bad("unexpected argument to conditional expression".into()));
        };
        if op(first) == Some("(") {
            self.i += 1;
            let v = self.or()?;
            if self.peek_op() != Some(")") {
                return Err(Bad("expected `)'".into()));
            }
            self.i += 1;
            return Ok(v);
        }
        // binary: WORD OP WORD
        if let Some(o) = self.w.get(self.i + 1).and_then(op) {
            if BINARY.contains(&o) && self.i + 2 < self.w.len() {
                let o = o.to_string();
                let l = self.word(self.i)?;
                let k = self.i + 2;
                self.i += 3;
                return self.binary(&l, &o, k);
            }
        }
        // unary: -X WORD
        if let Some(o) = op(first) {
            if o.len() == 2 && o.starts_with('-') && self.i + 1 < self.w.len() {
                let o = o.to_string();
                let arg = self.word(self.i + 1)?;
                self.i += 2;
                return text::test(self.sys, &self.sh.cwd, &[o.clone(), arg]).map_err(|_| {
                    Bad(format!(
                        "unexpected argument `{o}' to conditional unary operator"
                    ))
                });
            }
        }
        let s = self.word(self.i)?;
        self.i += 1;
        Ok(!s.is_empty())
    }

    fn binary(&mut self, l: &str, o: &str, k: usize) -> Result<bool, Bad> {
        let rw = self.w[k].clone();
        match o {
            "==" | "=" | "!=" => {
                let pat = self
                    .sh
                    .expand_pattern(self.sys, &rw, self.lim, self.io.out)
                    .map_err(|_| Bad("bad pattern".into()))?;
                let m = glob::matches(&pat, l);
                Ok(if o == "!=" { !m } else { m })
            }
            "=~" => {
                let mut re = String::new();
                for p in &rw {
                    match p {
                        Part::Lit { text, quoted: true } => re.push_str(&regex_lite::escape(text)),
                        _ => {
                            let s = self
                                .sh
                                .expand_string(self.sys, &vec![p.clone()], self.lim, self.io.out)
                                .map_err(|_| Bad("bad expansion".into()))?;
                            re.push_str(&s);
                        }
                    }
                }
                let Ok(rx) = regex_lite::Regex::new(&re) else {
                    return Ok(false);
                };
                match rx.captures(l) {
                    Some(caps) => {
                        let groups: Vec<String> = caps
                            .iter()
                            .map(|m| m.map(|m| m.as_str().to_string()).unwrap_or_default())
                            .collect();
                        self.sh.set_array("BASH_REMATCH", groups, false);
                        Ok(true)
                    }
                    None => {
                        self.sh.set_array("BASH_REMATCH", vec![], false);
                        Ok(false)
                    }
                }
            }
            "<" => Ok(l < self.word(k)?.as_str()),
            ">" => Ok(l > self.word(k)?.as_str()),
            "-nt" | "-ot" | "-ef" => {
                let r = self.word(k)?;
                text::test(self.sys, &self.sh.cwd, &[l.to_string(), o.to_string(), r]).map_err(Bad)
            }
            _ => {
                let r = self.word(k)?;
                let a = super::arith::arith(self.sh, l).map_err(|e| Bad(format!("{l}: {e}")))?;
                let b = super::arith::arith(self.sh, &r).map_err(|e| Bad(format!("{r}: {e}")))?;
                Ok(match o {
                    "-eq" => a == b,
                    "-ne" => a != b,
                    "-lt" => a < b,
                    "-le" => a <= b,
                    "-gt" => a > b,
                    _ => a >= b,
                })
            }
        }
    }
}
