//! Each flavour's wording of syntax and redirection errors.

use super::parse::SyntaxError;
use super::{Shell, ShellKind};
use crate::userland::Output;

impl Shell {
    /// Whether this shell runs a `-c` string (its `$0` is the shell itself).
    pub(super) fn is_dash_c(&self) -> bool {
        matches!(self.short_name().as_str(), "bash" | "sh" | "dash" | "ash")
    }

    pub(super) fn syntax_error(&self, e: &SyntaxError, src: &str, out: &mut Output) {
        let mut p = self.err_prefix();
        if self.kind == ShellKind::Bash && self.script && !self.interactive && self.is_dash_c() {
            // bash names the -c string in syntax errors: `bash: -c: line 1:`
            p = format!("{}: -c: line {}", self.name, self.lineno);
        }
        let first = src.lines().next().unwrap_or("");
        match (self.kind, e) {
            (ShellKind::Bash, SyntaxError::EofNewline) => {
                out.errln(format!("{p}: syntax error near unexpected token `newline'"));
                out.errln(format!("{p}: `{first}'"));
            }
            (ShellKind::Bash, SyntaxError::EofExpecting(_)) => {
                out.errln(format!("{p}: syntax error: unexpected end of file"));
            }
            (ShellKind::Dash, SyntaxError::EofExpecting(w)) => {
                out.errln(format!(
                    "{p}: Syntax error: end of file unexpected (expecting \"{w}\")"
                ));
            }
            (ShellKind::Dash, SyntaxError::Quote('(')) => {
                out.errln(format!(
                    "{p}: Syntax error: end of file unexpected (expecting \")\")"
                ));
            }
            (ShellKind::Ash, SyntaxError::EofExpecting(w)) => {
                out.errln(format!(
                    "{p}: syntax error: unexpected end of file (expecting \"{w}\")"
                ));
            }
            (ShellKind::Ash, SyntaxError::Quote('(')) => {
                out.errln(format!(
                    "{p}: syntax error: unexpected end of file (expecting \")\")"
                ));
            }
            (_, SyntaxError::EofNewline) => {
                self.syntax_error(&SyntaxError::Eof, src, out);
            }
            (_, SyntaxError::TooDeep) => {
                out.errln(format!(
                    "dockerlings: {}: commands nested more than {} levels deep are not available in this sandbox",
                    self.short_name(),
                    super::parse::MAX_DEPTH
                ));
            }
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

    /// The status of a command whose redirection failed (dash: 2).
    pub(super) fn redir_failed_status(&self) -> i32 {
        if self.kind == ShellKind::Dash {
            2
        } else {
            1
        }
    }

    pub(super) fn redir_error(&self, word: &str, err: &str, create: bool, out: &mut Output) {
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
                // busybox words errno its own way
                let why = match err {
                    "No such file or directory" if create => "nonexistent directory".to_string(),
                    "No such file or directory" => "no such file".to_string(),
                    e => e.to_lowercase(),
                };
                if create {
                    out.errln(format!("{p}: can't create {word}: {why}"))
                } else {
                    out.errln(format!("{p}: can't open {word}: {why}"))
                }
            }
        }
    }
}
