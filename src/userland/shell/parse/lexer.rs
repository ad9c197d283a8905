//! The parser's cursor: peeking, blanks, comments, reserved words and
//! heredoc bodies read after the line that opens them.

use super::{is_meta, Parser, SyntaxError};

impl Parser<'_> {
    pub(super) fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }
    pub(super) fn at(&self, k: usize) -> Option<char> {
        self.s.get(self.i + k).copied()
    }
    pub(super) fn starts(&self, t: &str) -> bool {
        t.chars().enumerate().all(|(k, c)| self.at(k) == Some(c))
    }

    /// Skips spaces, tabs, comments and line continuations (not newlines).
    pub(super) fn skip_blank(&mut self) {
        loop {
            match self.peek() {
                Some(' ') | Some('\t') => self.i += 1,
                Some('\\') if self.at(1) == Some('\n') => self.i += 2,
                Some('#') => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
    }

    /// Skips blanks and newlines (reading heredoc bodies at each newline).
    pub(super) fn skip_newlines(&mut self) {
        loop {
            self.skip_blank();
            if self.peek() == Some('\n') {
                self.i += 1;
                self.read_heredocs();
            } else {
                break;
            }
        }
    }

    pub(super) fn read_heredocs(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for (delim, _expand, strip) in pending {
            let mut body = String::new();
            let mut found = false;
            while self.i < self.s.len() {
                let start = self.i;
                while self.i < self.s.len() && self.s[self.i] != '\n' {
                    self.i += 1;
                }
                let line: String = self.s[start..self.i].iter().collect();
                if self.i < self.s.len() {
                    self.i += 1;
                }
                let line = if strip {
                    line.trim_start_matches('\t').to_string()
                } else {
                    line
                };
                if line == delim {
                    found = true;
                    break;
                }
                body.push_str(&line);
                body.push('\n');
            }
            if !found {
                self.heredoc_eof.push(delim);
            }
            self.bodies.push(body);
        }
    }

    pub(super) fn peek_token(&self) -> String {
        let rest: String = self.s[self.i..].iter().collect();
        for t in [";;", "&&", "||", ";", "&", "|", ")", "(", "}", "\n"] {
            if rest.starts_with(t) {
                return if t == "\n" {
                    "newline".to_string()
                } else {
                    t.to_string()
                };
            }
        }
        rest.split(|c: char| is_meta(c))
            .next()
            .unwrap_or("")
            .to_string()
    }

    /// The next unquoted literal word without consuming it (for reserved words).
    pub(super) fn peek_word(&self) -> Option<String> {
        let mut k = self.i;
        let mut w = String::new();
        while let Some(&c) = self.s.get(k) {
            if is_meta(c) {
                break;
            }
            if matches!(c, '\'' | '"' | '\\' | '$' | '`') {
                return None;
            }
            w.push(c);
            k += 1;
        }
        (!w.is_empty()).then_some(w)
    }

    pub(super) fn eat_word(&mut self, w: &str) -> bool {
        self.skip_blank();
        if self.peek_word().as_deref() == Some(w) {
            self.i += w.chars().count();
            true
        } else {
            false
        }
    }

    pub(super) fn expect_word(&mut self, w: &str) -> Result<(), SyntaxError> {
        self.skip_newlines();
        if self.eat_word(w) {
            Ok(())
        } else if self.i >= self.s.len() {
            Err(SyntaxError::EofExpecting(w.to_string()))
        } else {
            Err(SyntaxError::Unexpected(self.peek_token()))
        }
    }
}
