//! The shell grammar: a POSIX-style parser from source text to a command
//! tree ([`Node`]) with words kept as parts ([`Part`]) for later expansion.
//! Heredoc bodies are read after the line that opens them.

use serde::{Deserialize, Serialize};

/// One piece of a word before expansion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Part {
    /// Literal text; `quoted` text is not split or globbed.
    Lit { text: String, quoted: bool },
    /// `$name`, `${name…}`; `quoted` when inside double quotes.
    Param {
        name: String,
        op: String,
        arg: Vec<Part>,
        quoted: bool,
    },
    /// `$(…)` or backquotes.
    Cmd { src: String, quoted: bool },
    /// `$((…))`.
    Arith { src: String, quoted: bool },
    /// `~` or `~user` at the start of a word.
    Tilde(String),
}

/// A word: parts concatenated.
pub type Word = Vec<Part>;

/// A redirection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redir {
    pub fd: i32,
    pub op: RedirOp,
    pub target: Word,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RedirOp {
    Out,
    Append,
    In,
    /// `>&N` / `N>&M`.
    DupOut,
    /// `<&N`.
    DupIn,
    /// `&>` (bash): stdout and stderr to a file.
    OutErr,
    /// Heredoc: body text, expanded unless the delimiter was quoted.
    HereDoc {
        body: String,
        expand: bool,
    },
    /// `<<<` here-string.
    HereString,
}

/// A command tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Node {
    Simple {
        assigns: Vec<(String, Word)>,
        words: Vec<Word>,
        redirs: Vec<Redir>,
    },
    Pipeline {
        cmds: Vec<Node>,
        negate: bool,
    },
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Seq(Vec<Node>),
    Background(Box<Node>),
    If {
        branches: Vec<(Node, Node)>,
        otherwise: Option<Box<Node>>,
    },
    Loop {
        cond: Box<Node>,
        body: Box<Node>,
        until: bool,
    },
    For {
        var: String,
        items: Option<Vec<Word>>,
        body: Box<Node>,
    },
    Case {
        word: Word,
        arms: Vec<(Vec<Word>, Node)>,
    },
    Func {
        name: String,
        body: Box<Node>,
    },
    Group {
        body: Box<Node>,
        redirs: Vec<Redir>,
        subshell: bool,
    },
}

/// A syntax error: bash's wording is built from it by the shell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyntaxError {
    /// `syntax error near unexpected token `X'`.
    Unexpected(String),
    /// `syntax error: unexpected end of file`.
    Eof,
    /// An unterminated quote: `unexpected EOF while looking for matching `"'`.
    Quote(char),
}

struct Parser<'a> {
    s: &'a [char],
    i: usize,
    pending: Vec<(String, bool, bool)>,
    bodies: Vec<String>,
    heredoc_eof: Vec<String>,
}

const RESERVED: &[&str] = &[
    "if", "then", "elif", "else", "fi", "do", "done", "while", "until", "for", "in", "case",
    "esac", "{", "}", "!",
];

/// Parses a whole script. Returns the tree and heredocs that ran into end
/// of input (their delimiters, for bash's warning).
pub fn parse(src: &str) -> Result<(Node, Vec<String>), SyntaxError> {
    let chars: Vec<char> = src.chars().collect();
    let mut p = Parser {
        s: &chars,
        i: 0,
        pending: Vec::new(),
        bodies: Vec::new(),
        heredoc_eof: Vec::new(),
    };
    let node = p.list(&[])?;
    p.skip_blank();
    if p.i < p.s.len() {
        return Err(SyntaxError::Unexpected(p.peek_token()));
    }
    if !p.pending.is_empty() {
        p.read_heredocs();
    }
    let mut node = node;
    let mut idx = 0;
    fill_heredocs(&mut node, &p.bodies, &mut idx);
    Ok((node, p.heredoc_eof))
}

fn fill_redirs(r: &mut [Redir], bodies: &[String], idx: &mut usize) {
    for x in r {
        if let RedirOp::HereDoc { body, .. } = &mut x.op {
            *body = bodies.get(*idx).cloned().unwrap_or_default();
            *idx += 1;
        }
    }
}

fn fill_heredocs(n: &mut Node, bodies: &[String], idx: &mut usize) {
    match n {
        Node::Simple { redirs, .. } => fill_redirs(redirs, bodies, idx),
        Node::Pipeline { cmds, .. } | Node::Seq(cmds) => {
            for c in cmds {
                fill_heredocs(c, bodies, idx)
            }
        }
        Node::And(a, b) | Node::Or(a, b) => {
            fill_heredocs(a, bodies, idx);
            fill_heredocs(b, bodies, idx);
        }
        Node::Background(a) => fill_heredocs(a, bodies, idx),
        Node::If {
            branches,
            otherwise,
        } => {
            for (c, b) in branches {
                fill_heredocs(c, bodies, idx);
                fill_heredocs(b, bodies, idx);
            }
            if let Some(o) = otherwise {
                fill_heredocs(o, bodies, idx);
            }
        }
        Node::Loop { cond, body, .. } => {
            fill_heredocs(cond, bodies, idx);
            fill_heredocs(body, bodies, idx);
        }
        Node::For { body, .. } | Node::Func { body, .. } => fill_heredocs(body, bodies, idx),
        Node::Case { arms, .. } => {
            for (_, b) in arms {
                fill_heredocs(b, bodies, idx);
            }
        }
        Node::Group { body, redirs, .. } => {
            // redirections of a group are parsed after its body
            fill_heredocs(body, bodies, idx);
            fill_redirs(redirs, bodies, idx);
        }
    }
}

fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')'
    )
}

fn is_name(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && cs.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }
    fn at(&self, k: usize) -> Option<char> {
        self.s.get(self.i + k).copied()
    }
    fn starts(&self, t: &str) -> bool {
        t.chars().enumerate().all(|(k, c)| self.at(k) == Some(c))
    }

    /// Skips spaces, tabs, comments and line continuations (not newlines).
    fn skip_blank(&mut self) {
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
    fn skip_newlines(&mut self) {
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

    fn read_heredocs(&mut self) {
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

    fn peek_token(&self) -> String {
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
    fn peek_word(&self) -> Option<String> {
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

    fn eat_word(&mut self, w: &str) -> bool {
        self.skip_blank();
        if self.peek_word().as_deref() == Some(w) {
            self.i += w.chars().count();
            true
        } else {
            false
        }
    }

    fn expect_word(&mut self, w: &str) -> Result<(), SyntaxError> {
        self.skip_newlines();
        if self.eat_word(w) {
            Ok(())
        } else if self.i >= self.s.len() {
            Err(SyntaxError::Eof)
        } else {
            Err(SyntaxError::Unexpected(self.peek_token()))
        }
    }

    /// A list, stopping before any of `stops` (reserved words) or `)`/`;;`.
    fn list(&mut self, stops: &[&str]) -> Result<Node, SyntaxError> {
        let mut items = Vec::new();
        loop {
            self.skip_newlines();
            if self.i >= self.s.len() {
                break;
            }
            if let Some(w) = self.peek_word() {
                if stops.contains(&w.as_str()) {
                    break;
                }
            }
            if matches!(self.peek(), Some(')')) || self.starts(";;") {
                break;
            }
            let n = self.and_or()?;
            self.skip_blank();
            match self.peek() {
                Some(';') if !self.starts(";;") => {
                    self.i += 1;
                    items.push(n);
                }
                Some('&') => {
                    self.i += 1;
                    items.push(Node::Background(Box::new(n)));
                }
                Some('\n') => {
                    self.i += 1;
                    self.read_heredocs();
                    items.push(n);
                }
                _ => {
                    items.push(n);
                    self.skip_blank();
                    if self.i < self.s.len()
                        && !matches!(self.peek(), Some(')'))
                        && !self.starts(";;")
                        && !self
                            .peek_word()
                            .is_some_and(|w| stops.contains(&w.as_str()))
                    {
                        return Err(SyntaxError::Unexpected(self.peek_token()));
                    }
                }
            }
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Node::Seq(vec![]))
        } else {
            Node::Seq(items)
        })
    }

    fn and_or(&mut self) -> Result<Node, SyntaxError> {
        let mut left = self.pipeline()?;
        loop {
            self.skip_blank();
            if self.starts("&&") {
                self.i += 2;
                self.skip_newlines();
                let r = self.pipeline()?;
                left = Node::And(Box::new(left), Box::new(r));
            } else if self.starts("||") {
                self.i += 2;
                self.skip_newlines();
                let r = self.pipeline()?;
                left = Node::Or(Box::new(left), Box::new(r));
            } else {
                return Ok(left);
            }
        }
    }

    fn pipeline(&mut self) -> Result<Node, SyntaxError> {
        self.skip_blank();
        let negate = self.eat_word("!");
        let mut cmds = vec![self.command()?];
        loop {
            self.skip_blank();
            if self.peek() == Some('|') && self.at(1) != Some('|') {
                self.i += 1;
                self.skip_newlines();
                cmds.push(self.command()?);
            } else {
                break;
            }
        }
        if cmds.len() == 1 && !negate {
            return Ok(cmds.pop().unwrap_or(Node::Seq(vec![])));
        }
        Ok(Node::Pipeline { cmds, negate })
    }

    fn command(&mut self) -> Result<Node, SyntaxError> {
        self.skip_blank();
        if self.i >= self.s.len() {
            return Err(SyntaxError::Eof);
        }
        match self.peek() {
            Some('(') => {
                self.i += 1;
                let body = self.list(&[])?;
                self.skip_newlines();
                if self.peek() != Some(')') {
                    return Err(if self.i >= self.s.len() {
                        SyntaxError::Eof
                    } else {
                        SyntaxError::Unexpected(self.peek_token())
                    });
                }
                self.i += 1;
                let redirs = self.redirs()?;
                return Ok(Node::Group {
                    body: Box::new(body),
                    redirs,
                    subshell: true,
                });
            }
            Some(';') | Some('&') | Some('|') | Some(')') => {
                return Err(SyntaxError::Unexpected(self.peek_token()))
            }
            _ => {}
        }
        if let Some(w) = self.peek_word() {
            match w.as_str() {
                "{" => {
                    self.i += 1;
                    let body = self.list(&["}"])?;
                    self.expect_word("}")?;
                    let redirs = self.redirs()?;
                    return Ok(Node::Group {
                        body: Box::new(body),
                        redirs,
                        subshell: false,
                    });
                }
                "if" => {
                    let n = self.if_cmd()?;
                    return self.with_redirs(n);
                }
                "while" | "until" => {
                    self.i += w.len();
                    let cond = self.list(&["do"])?;
                    self.expect_word("do")?;
                    let body = self.list(&["done"])?;
                    self.expect_word("done")?;
                    let n = Node::Loop {
                        cond: Box::new(cond),
                        body: Box::new(body),
                        until: w == "until",
                    };
                    return self.with_redirs(n);
                }
                "for" => {
                    let n = self.for_cmd()?;
                    return self.with_redirs(n);
                }
                "case" => {
                    let n = self.case_cmd()?;
                    return self.with_redirs(n);
                }
                "function" => {
                    self.i += w.len();
                    self.skip_blank();
                    let name = self.peek_word().unwrap_or_default();
                    self.i += name.chars().count();
                    self.skip_blank();
                    if self.starts("()") {
                        self.i += 2;
                    }
                    self.skip_newlines();
                    let body = self.command()?;
                    return Ok(Node::Func {
                        name,
                        body: Box::new(body),
                    });
                }
                "then" | "elif" | "else" | "fi" | "do" | "done" | "esac" | "}" | "in" => {
                    return Err(SyntaxError::Unexpected(w));
                }
                _ => {
                    // function definition `name() { … }`
                    let save = self.i;
                    self.i += w.chars().count();
                    self.skip_blank();
                    if is_name(&w) && self.starts("()") {
                        self.i += 2;
                        self.skip_newlines();
                        let body = self.command()?;
                        return Ok(Node::Func {
                            name: w,
                            body: Box::new(body),
                        });
                    }
                    self.i = save;
                }
            }
        }
        self.simple()
    }

    fn with_redirs(&mut self, n: Node) -> Result<Node, SyntaxError> {
        let redirs = self.redirs()?;
        if redirs.is_empty() {
            return Ok(n);
        }
        Ok(Node::Group {
            body: Box::new(n),
            redirs,
            subshell: false,
        })
    }

    fn if_cmd(&mut self) -> Result<Node, SyntaxError> {
        self.i += 2;
        let mut branches = Vec::new();
        let mut otherwise = None;
        loop {
            let cond = self.list(&["then"])?;
            self.expect_word("then")?;
            let body = self.list(&["elif", "else", "fi"])?;
            branches.push((cond, body));
            self.skip_newlines();
            if self.eat_word("elif") {
                continue;
            }
            if self.eat_word("else") {
                otherwise = Some(Box::new(self.list(&["fi"])?));
            }
            self.expect_word("fi")?;
            break;
        }
        Ok(Node::If {
            branches,
            otherwise,
        })
    }

    fn for_cmd(&mut self) -> Result<Node, SyntaxError> {
        self.i += 3;
        self.skip_blank();
        let var = self.peek_word().unwrap_or_default();
        if !is_name(&var) {
            return Err(SyntaxError::Unexpected(self.peek_token()));
        }
        self.i += var.chars().count();
        self.skip_blank();
        let mut items = None;
        if self.eat_word("in") {
            let mut v = Vec::new();
            loop {
                self.skip_blank();
                match self.peek() {
                    None | Some('\n') | Some(';') => break,
                    _ => v.push(self.word()?),
                }
            }
            items = Some(v);
        }
        self.skip_blank();
        if self.peek() == Some(';') {
            self.i += 1;
        }
        self.expect_word("do")?;
        let body = self.list(&["done"])?;
        self.expect_word("done")?;
        Ok(Node::For {
            var,
            items,
            body: Box::new(body),
        })
    }

    fn case_cmd(&mut self) -> Result<Node, SyntaxError> {
        self.i += 4;
        self.skip_blank();
        let word = self.word()?;
        self.expect_word("in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_newlines();
            if self.eat_word("esac") {
                break;
            }
            if self.i >= self.s.len() {
                return Err(SyntaxError::Eof);
            }
            if self.peek() == Some('(') {
                self.i += 1;
            }
            let mut pats = Vec::new();
            loop {
                self.skip_blank();
                pats.push(self.word()?);
                self.skip_blank();
                if self.peek() == Some('|') {
                    self.i += 1;
                    continue;
                }
                break;
            }
            if self.peek() != Some(')') {
                return Err(SyntaxError::Unexpected(self.peek_token()));
            }
            self.i += 1;
            let body = self.list(&["esac"])?;
            arms.push((pats, body));
            self.skip_newlines();
            if self.starts(";;") {
                self.i += 2;
            }
        }
        Ok(Node::Case { word, arms })
    }

    fn redirs(&mut self) -> Result<Vec<Redir>, SyntaxError> {
        let mut v = Vec::new();
        while let Some(r) = self.try_redir()? {
            v.push(r);
        }
        Ok(v)
    }

    fn try_redir(&mut self) -> Result<Option<Redir>, SyntaxError> {
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
            return Err(if self.i >= self.s.len() || self.peek() == Some('\n') {
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

    fn simple(&mut self) -> Result<Node, SyntaxError> {
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

    fn try_assign(&mut self) -> Result<Option<(String, Word)>, SyntaxError> {
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
        if !is_name(&name) || self.at(k) != Some('=') {
            return Ok(None);
        }
        self.i += k + 1;
        let val = if self.peek().is_none_or(is_meta) {
            Vec::new()
        } else {
            self.word()?
        };
        Ok(Some((name, val)))
    }

    /// Reads one word (quotes, escapes and expansions kept as parts).
    fn word(&mut self) -> Result<Word, SyntaxError> {
        let mut parts: Word = Vec::new();
        let mut lit = String::new();
        let start = self.i;
        if self.peek() == Some('~') {
            self.i += 1;
            let mut user = String::new();
            while let Some(c) = self.peek() {
                if c == '/' || is_meta(c) || matches!(c, '\'' | '"' | '$' | '`' | ':') {
                    break;
                }
                user.push(c);
                self.i += 1;
            }
            parts.push(Part::Tilde(user));
        }
        while let Some(c) = self.peek() {
            if is_meta(c) {
                break;
            }
            match c {
                '\\' => {
                    self.i += 1;
                    match self.peek() {
                        Some('\n') => self.i += 1,
                        Some(n) => {
                            flush(&mut parts, &mut lit);
                            parts.push(Part::Lit {
                                text: n.to_string(),
                                quoted: true,
                            });
                            self.i += 1;
                        }
                        None => lit.push('\\'),
                    }
                }
                '\'' => {
                    flush(&mut parts, &mut lit);
                    self.i += 1;
                    let mut t = String::new();
                    loop {
                        match self.peek() {
                            None => return Err(SyntaxError::Quote('\'')),
                            Some('\'') => {
                                self.i += 1;
                                break;
                            }
                            Some(ch) => {
                                t.push(ch);
                                self.i += 1;
                            }
                        }
                    }
                    parts.push(Part::Lit {
                        text: t,
                        quoted: true,
                    });
                }
                '"' => {
                    flush(&mut parts, &mut lit);
                    self.i += 1;
                    let inner = self.dquoted()?;
                    if inner.is_empty() {
                        parts.push(Part::Lit {
                            text: String::new(),
                            quoted: true,
                        });
                    }
                    parts.extend(inner);
                }
                '$' => {
                    if let Some(p) = self.dollar(false)? {
                        flush(&mut parts, &mut lit);
                        parts.push(p);
                    } else {
                        lit.push('$');
                        self.i += 1;
                    }
                }
                '`' => {
                    flush(&mut parts, &mut lit);
                    parts.push(Part::Cmd {
                        src: self.backquote()?,
                        quoted: false,
                    });
                }
                _ => {
                    lit.push(c);
                    self.i += 1;
                }
            }
        }
        flush(&mut parts, &mut lit);
        if self.i == start {
            return Err(SyntaxError::Unexpected(self.peek_token()));
        }
        Ok(parts)
    }

    /// Inside double quotes, after the opening `"`; consumes the closing one.
    fn dquoted(&mut self) -> Result<Word, SyntaxError> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        loop {
            match self.peek() {
                None => return Err(SyntaxError::Quote('"')),
                Some('"') => {
                    self.i += 1;
                    break;
                }
                Some('\\') => {
                    match self.at(1) {
                        Some(n @ ('$' | '`' | '"' | '\\')) => {
                            lit.push(n);
                            self.i += 2;
                        }
                        Some('\n') => self.i += 2,
                        _ => {
                            lit.push('\\');
                            self.i += 1;
                        }
                    };
                }
                Some('$') => {
                    if let Some(p) = self.dollar(true)? {
                        flush_q(&mut parts, &mut lit);
                        parts.push(p);
                    } else {
                        lit.push('$');
                        self.i += 1;
                    }
                }
                Some('`') => {
                    flush_q(&mut parts, &mut lit);
                    parts.push(Part::Cmd {
                        src: self.backquote()?,
                        quoted: true,
                    });
                }
                Some(c) => {
                    lit.push(c);
                    self.i += 1;
                }
            }
        }
        flush_q(&mut parts, &mut lit);
        Ok(parts)
    }

    fn backquote(&mut self) -> Result<String, SyntaxError> {
        self.i += 1;
        let mut src = String::new();
        loop {
            match self.peek() {
                None => return Err(SyntaxError::Quote('`')),
                Some('`') => {
                    self.i += 1;
                    return Ok(src);
                }
                Some('\\') if matches!(self.at(1), Some('`' | '\\' | '$')) => {
                    src.push(self.at(1).unwrap_or('\\'));
                    self.i += 2;
                }
                Some(c) => {
                    src.push(c);
                    self.i += 1;
                }
            }
        }
    }

    /// Source up to the `)` matching an already consumed `(`.
    fn balanced(&mut self) -> Result<String, SyntaxError> {
        let mut depth = 1;
        let mut src = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(SyntaxError::Quote('('));
            };
            self.i += 1;
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(src);
                    }
                }
                '\'' => {
                    src.push(c);
                    while let Some(d) = self.peek() {
                        self.i += 1;
                        src.push(d);
                        if d == '\'' {
                            break;
                        }
                    }
                    continue;
                }
                '"' => {
                    src.push(c);
                    while let Some(d) = self.peek() {
                        self.i += 1;
                        src.push(d);
                        if d == '\\' {
                            if let Some(e) = self.peek() {
                                self.i += 1;
                                src.push(e);
                            }
                            continue;
                        }
                        if d == '"' {
                            break;
                        }
                    }
                    continue;
                }
                '\\' => {
                    src.push(c);
                    if let Some(d) = self.peek() {
                        self.i += 1;
                        src.push(d);
                    }
                    continue;
                }
                _ => {}
            }
            src.push(c);
        }
    }

    /// A `$` expansion at the cursor, or `None` for a literal `$`.
    fn dollar(&mut self, quoted: bool) -> Result<Option<Part>, SyntaxError> {
        match self.at(1) {
            Some('(') if self.at(2) == Some('(') => {
                self.i += 3;
                let src = self.balanced()?;
                if self.peek() == Some(')') {
                    self.i += 1;
                }
                Ok(Some(Part::Arith { src, quoted }))
            }
            Some('(') => {
                self.i += 2;
                let src = self.balanced()?;
                Ok(Some(Part::Cmd { src, quoted }))
            }
            Some('{') => {
                self.i += 2;
                let mut name = String::new();
                if self.peek() == Some('#') && self.at(1).is_some_and(|c| c != '}' && c != ':') {
                    self.i += 1;
                    name.push('#');
                }
                while let Some(c) = self.peek() {
                    if c == '_'
                        || c.is_ascii_alphanumeric()
                        || (name.is_empty() || name == "#")
                            && matches!(c, '?' | '$' | '#' | '@' | '*' | '!' | '-')
                    {
                        name.push(c);
                        self.i += 1;
                        if !(c == '_' || c.is_ascii_alphanumeric()) {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                let mut op = String::new();
                for cand in [
                    ":-", ":=", ":+", ":?", "##", "%%", "-", "=", "+", "?", "#", "%", "//", "/",
                    ":",
                ] {
                    if self.starts(cand) {
                        op = cand.to_string();
                        self.i += cand.len();
                        break;
                    }
                }
                let mut arg = Vec::new();
                let mut lit = String::new();
                let mut depth = 0;
                loop {
                    match self.peek() {
                        None => return Err(SyntaxError::Quote('{')),
                        Some('}') if depth == 0 => {
                            self.i += 1;
                            break;
                        }
                        Some(c @ ('{' | '}')) => {
                            depth += if c == '{' { 1 } else { -1 };
                            lit.push(c);
                            self.i += 1;
                        }
                        Some('$') => {
                            if let Some(p) = self.dollar(quoted)? {
                                flush_as(&mut arg, &mut lit, quoted);
                                arg.push(p);
                            } else {
                                lit.push('$');
                                self.i += 1;
                            }
                        }
                        Some('"') => {
                            flush_as(&mut arg, &mut lit, quoted);
                            self.i += 1;
                            arg.extend(self.dquoted()?);
                        }
                        Some('\'') if !quoted => {
                            flush_as(&mut arg, &mut lit, quoted);
                            self.i += 1;
                            let mut t = String::new();
                            while let Some(c) = self.peek() {
                                self.i += 1;
                                if c == '\'' {
                                    break;
                                }
                                t.push(c);
                            }
                            arg.push(Part::Lit {
                                text: t,
                                quoted: true,
                            });
                        }
                        Some('\\') => {
                            if let Some(n) = self.at(1) {
                                flush_as(&mut arg, &mut lit, quoted);
                                arg.push(Part::Lit {
                                    text: n.to_string(),
                                    quoted: true,
                                });
                                self.i += 2;
                            } else {
                                self.i += 1;
                            }
                        }
                        Some(c) => {
                            lit.push(c);
                            self.i += 1;
                        }
                    }
                }
                flush_as(&mut arg, &mut lit, quoted);
                Ok(Some(Part::Param {
                    name,
                    op,
                    arg,
                    quoted,
                }))
            }
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                self.i += 1;
                let mut name = String::new();
                while let Some(c) = self.peek() {
                    if c == '_' || c.is_ascii_alphanumeric() {
                        name.push(c);
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                Ok(Some(Part::Param {
                    name,
                    op: String::new(),
                    arg: vec![],
                    quoted,
                }))
            }
            Some(c)
                if c.is_ascii_digit() || matches!(c, '?' | '$' | '#' | '@' | '*' | '!' | '-') =>
            {
                self.i += 2;
                Ok(Some(Part::Param {
                    name: c.to_string(),
                    op: String::new(),
                    arg: vec![],
                    quoted,
                }))
            }
            _ => Ok(None),
        }
    }
}

fn flush(parts: &mut Word, lit: &mut String) {
    flush_as(parts, lit, false)
}
fn flush_q(parts: &mut Word, lit: &mut String) {
    flush_as(parts, lit, true)
}
fn flush_as(parts: &mut Word, lit: &mut String, quoted: bool) {
    if !lit.is_empty() {
        parts.push(Part::Lit {
            text: std::mem::take(lit),
            quoted,
        });
    }
}

/// Parses text in "heredoc mode": `$` expansions and backquotes expand,
/// backslash only escapes `$`, `` ` ``, `\` and newline; quotes are literal.
pub fn parse_heredoc_body(body: &str) -> Word {
    let chars: Vec<char> = body.chars().collect();
    let mut p = Parser {
        s: &chars,
        i: 0,
        pending: Vec::new(),
        bodies: Vec::new(),
        heredoc_eof: Vec::new(),
    };
    let mut parts = Vec::new();
    let mut lit = String::new();
    while let Some(c) = p.peek() {
        match c {
            '\\' => match p.at(1) {
                Some(n @ ('$' | '`' | '\\')) => {
                    lit.push(n);
                    p.i += 2;
                }
                Some('\n') => p.i += 2,
                _ => {
                    lit.push('\\');
                    p.i += 1;
                }
            },
            '$' => match p.dollar(true) {
                Ok(Some(part)) => {
                    flush_q(&mut parts, &mut lit);
                    parts.push(part);
                }
                _ => {
                    lit.push('$');
                    p.i += 1;
                }
            },
            '`' => {
                let save = p.i;
                match p.backquote() {
                    Ok(src) => {
                        flush_q(&mut parts, &mut lit);
                        parts.push(Part::Cmd { src, quoted: true });
                    }
                    Err(_) => {
                        p.i = save + 1;
                        lit.push('`');
                    }
                }
            }
            _ => {
                lit.push(c);
                p.i += 1;
            }
        }
    }
    flush_q(&mut parts, &mut lit);
    parts
}

/// Whether `s` is a valid shell variable name.
pub fn valid_name(s: &str) -> bool {
    is_name(s)
}

/// Whether `w` is a reserved word.
pub fn is_reserved(w: &str) -> bool {
    RESERVED.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lists_and_heredocs() {
        let (n, eof) = parse("cat > f <<'EOF'\na $b\nEOF\necho hi").unwrap();
        assert!(eof.is_empty());
        match n {
            Node::Seq(v) => {
                assert_eq!(v.len(), 2);
                match &v[0] {
                    Node::Simple { redirs, .. } => {
                        assert_eq!(
                            redirs[1].op,
                            RedirOp::HereDoc {
                                body: "a $b\n".into(),
                                expand: false
                            }
                        );
                    }
                    _ => panic!(),
                }
            }
            _ => panic!(),
        }
        assert!(parse("if true; then echo").is_err());
        assert_eq!(
            parse("echo )").unwrap_err(),
            SyntaxError::Unexpected(")".into())
        );
    }
}
