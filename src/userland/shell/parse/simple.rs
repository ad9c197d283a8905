//! Simple commands: assignments, words and redirections (heredocs too).

use super::{is_meta, is_name, Node, Parser, Part, Redir, RedirOp, SyntaxError, Word};

impl Parser<'_> {
    pub(super) fn redirs(&mut self) -> Result<Vec<Redir>, SyntaxError> {
        let mut v = Vec::new();
        while let Some(r) = self.try_redir()? {
            v.push(r);
        }
        Ok(v)
    }

    pub(super) fn try_redir(&mut self) -> Result<Option<Redir>, SyntaxError> {
        self.skip_blank();
        let save = self.i;
        let mut fd: Option<i32> = None;
        let mut k = 0;
        while let Some(c) = self.at(k) {
            if c.is_ascii_digit() {
                k += 1;
            } else {
                break;
            }
        }
        if k > 0 && matches!(self.at(k), Some('<') | Some('>')) {
            let digits: String = self.s[self.i..self.i + k].iter().collect();
            fd = digits.parse().ok();
            self.i += k;
        }
        let op = if self.starts("&>>") {
            self.i += 3;
            (1, RedirOp::OutErr)
        } else if self.starts("&>") {
            self.i += 2;
            (1, RedirOp::OutErr)
        } else if self.starts(">>") {
            self.i += 2;
            (1, RedirOp::Append)
        } else if self.starts(">&") {
            self.i += 2;
            (1, RedirOp::DupOut)
        } else if self.starts(">|") {
            self.i += 2;
            (1, RedirOp::Out)
        } else if self.starts(">") {
            self.i += 1;
            (1, RedirOp::Out)
        } else if self.starts("<<<") {
            self.i += 3;
            (0, RedirOp::HereString)
        } else if self.starts("<<") {
            self.i += 2;
            let strip = self.peek() == Some('-');
            if strip {
                self.i += 1;
            }
            self.skip_blank();
            let start = self.i;
            let w = self.word()?;
            let raw: String = self.s[start..self.i].iter().collect();
            let quoted = raw.contains('\'') || raw.contains('"') || raw.contains('\\');
            let delim: String = w
                .iter()
                .map(|p| match p {
                    Part::Lit { text, .. } => text.clone(),
                    Part::Tilde(u) => format!("~{u}"),
                    _ => String::new(),
                })
                .collect();
            let delim = if w
                .iter()
                .all(|p| matches!(p, Part::Lit { .. } | Part::Tilde(_)))
            {
                delim
            } else {
                raw
            };
            self.pending.push((delim, !quoted, strip));
            return Ok(Some(Redir {
                fd: fd.unwrap_or(0),
                op: RedirOp::HereDoc {
                    body: String::new(),
                    expand: !quoted,
                },
                target: Vec::new(),
            }));
        } else if self.starts("<&") {
            self.i += 2;
            (0, RedirOp::DupIn)
        } else if self.starts("<") {
            self.i += 1;
            (0, RedirOp::In)
        } else {
            self.i = save;
            return Ok(None);
        };
        self.skip_blank();
        if self.i >= self.s.len() || matches!(self.peek(), Some(c) if is_meta(c)) {
            return Err(if self.i >= self.s.len() {
                SyntaxError::EofNewline
            } else if self.peek() == Some('\n') {
                SyntaxError::Unexpected("newline".to_string())
            } else {
                SyntaxError::Unexpected(self.peek_token())
            });
        }
        let target = self.word()?;
        Ok(Some(Redir {
            fd: fd.unwrap_or(op.0),
            op: op.1,
            target,
        }))
    }

    pub(super) fn simple(&mut self) -> Result<Node, SyntaxError> {
        let mut assigns = Vec::new();
        let mut words = Vec::new();
        let mut redirs = Vec::new();
        loop {
            self.skip_blank();
            match self.peek() {
                None | Some('\n') | Some(';') | Some('&') | Some('|') | Some(')') => break,
                Some('(') => return Err(SyntaxError::Unexpected("(".to_string())),
                _ => {}
            }
            if let Some(r) = self.try_redir()? {
                redirs.push(r);
                continue;
            }
            if words.is_empty() {
                if let Some((name, val)) = self.try_assign()? {
                    assigns.push((name, val));
                    continue;
                }
            }
            words.push(self.word()?);
        }
        if words.is_empty() && assigns.is_empty() && redirs.is_empty() {
            return Err(SyntaxError::Unexpected(self.peek_token()));
        }
        Ok(Node::Simple {
            assigns,
            words,
            redirs,
        })
    }

    pub(super) fn try_assign(&mut self) -> Result<Option<(String, Word)>, SyntaxError> {
        let mut k = 0;
        let mut name = String::new();
        while let Some(c) = self.at(k) {
            if c == '_' || c.is_ascii_alphanumeric() {
                name.push(c);
                k += 1;
            } else {
                break;
            }
        }
        if !is_name(&name) {
            return Ok(None);
        }
        if self.bash && self.at(k) == Some('[') {
            // `a[i]=v`: the subscript is kept raw in the name
            let mut j = k;
            let mut depth = 0;
            while let Some(c) = self.at(j) {
                j += 1;
                if c == '[' {
                    depth += 1;
                } else if c == ']' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                } else if c == '\n' {
                    return Ok(None);
                }
            }
            if depth != 0 {
                return Ok(None);
            }
            name = self.s[self.i..self.i + j].iter().collect();
            k = j;
        }
        let append = self.bash && self.at(k) == Some('+') && self.at(k + 1) == Some('=');
        if append {
            name.push('+');
            k += 1;
        }
        if self.at(k) != Some('=') {
            return Ok(None);
        }
        self.i += k + 1;
        if self.bash && self.peek() == Some('(') && !name.contains('[') {
            self.i += 1;
            return Ok(Some((name, self.array_words()?)));
        }
        let val = if self.peek().is_none_or(is_meta) {
            Vec::new()
        } else {
            self.word()?
        };
        Ok(Some((name, val)))
    }
}
