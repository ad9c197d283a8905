//! Lists, and-or lists, pipelines and compound commands (`if`, loops,
//! `case`, groups, function definitions).

use super::{is_name, Node, Parser, SyntaxError};

impl Parser<'_> {
    /// A list, stopping before any of `stops` (reserved words) or `)`/`;;`.
    pub(super) fn list(&mut self, stops: &[&str]) -> Result<Node, SyntaxError> {
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
            if matches!(self.peek(), Some(')')) || self.starts(";;") || self.starts(";&") {
                break;
            }
            let n = self.and_or()?;
            self.skip_blank();
            match self.peek() {
                Some(';') if !self.starts(";;") && !self.starts(";&") => {
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
                    if self.one_line && self.depth == 0 {
                        break;
                    }
                }
                _ => {
                    items.push(n);
                    self.skip_blank();
                    if self.i < self.s.len()
                        && !matches!(self.peek(), Some(')'))
                        && !self.starts(";;")
                        && !self.starts(";&")
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

    /// Whether a compound command starts here (`{`, `(`, `if` …).
    fn at_compound(&self) -> bool {
        matches!(self.peek(), Some('(') | None)
            || self.peek_word().is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "{" | "if" | "while" | "until" | "for" | "case" | "[[" | "select"
                )
            })
    }

    /// A list that must hold at least one command (`if then` is an error).
    pub(super) fn body(&mut self, stops: &[&str]) -> Result<Node, SyntaxError> {
        let n = self.list(stops)?;
        if matches!(&n, Node::Seq(v) if v.is_empty()) {
            self.skip_newlines();
            return Err(if self.i >= self.s.len() {
                SyntaxError::Eof
            } else {
                SyntaxError::Unexpected(self.peek_token())
            });
        }
        Ok(n)
    }

    pub(super) fn and_or(&mut self) -> Result<Node, SyntaxError> {
        let mut left = self.pipeline()?;
        let mut links = 0;
        loop {
            self.skip_blank();
            if (self.starts("&&") || self.starts("||")) && links >= super::MAX_CHAIN {
                // the tree nests one level per link
                return Err(SyntaxError::TooDeep);
            }
            links += 1;
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

    pub(super) fn pipeline(&mut self) -> Result<Node, SyntaxError> {
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

    pub(super) fn command(&mut self) -> Result<Node, SyntaxError> {
        self.depth += 1;
        let r = if self.depth > super::MAX_DEPTH {
            Err(SyntaxError::TooDeep)
        } else {
            self.command_inner()
        };
        self.depth -= 1;
        r
    }

    fn command_inner(&mut self) -> Result<Node, SyntaxError> {
        self.skip_blank();
        if self.i >= self.s.len() {
            return Err(SyntaxError::Eof);
        }
        if self.bash && self.starts("((") {
            let n = self.arith_cmd()?;
            return self.with_redirs(n);
        }
        match self.peek() {
            Some('(') => {
                self.i += 1;
                let body = self.body(&[])?;
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
                "[[" if self.ansi => {
                    let n = self.cond_cmd()?;
                    return self.with_redirs(n);
                }
                "{" => {
                    self.i += 1;
                    let body = self.body(&["}"])?;
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
                    let cond = self.body(&["do"])?;
                    self.expect_word("do")?;
                    let body = self.body(&["done"])?;
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
                        self.skip_blank();
                        if self.bash && !self.at_compound() {
                            // bash: a function body is a compound command
                            return Err(SyntaxError::Unexpected(self.peek_token()));
                        }
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

    pub(super) fn with_redirs(&mut self, n: Node) -> Result<Node, SyntaxError> {
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

    pub(super) fn if_cmd(&mut self) -> Result<Node, SyntaxError> {
        self.i += 2;
        let mut branches = Vec::new();
        let mut otherwise = None;
        loop {
            let cond = self.body(&["then"])?;
            self.expect_word("then")?;
            let body = self.body(&["elif", "else", "fi"])?;
            branches.push((cond, body));
            self.skip_newlines();
            if self.eat_word("elif") {
                continue;
            }
            if self.eat_word("else") {
                otherwise = Some(Box::new(self.body(&["fi"])?));
            }
            self.expect_word("fi")?;
            break;
        }
        Ok(Node::If {
            branches,
            otherwise,
        })
    }

    pub(super) fn for_cmd(&mut self) -> Result<Node, SyntaxError> {
        self.i += 3;
        self.skip_blank();
        if self.bash && self.starts("((") {
            return self.arith_for();
        }
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
        let body = self.body(&["done"])?;
        self.expect_word("done")?;
        Ok(Node::For {
            var,
            items,
            body: Box::new(body),
        })
    }

    pub(super) fn case_cmd(&mut self) -> Result<Node, SyntaxError> {
        self.i += 4;
        self.skip_blank();
        let word = self.word()?;
        self.expect_word("in")?;
        let mut arms = Vec::new();
        let mut ends = Vec::new();
        loop {
            self.skip_newlines();
            if self.eat_word("esac") {
                break;
            }
            if self.i >= self.s.len() {
                return Err(SyntaxError::EofExpecting(")".into()));
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
            // bash: `;&` falls through, `;;&` goes on testing
            let end = if self.bash && self.starts(";;&") {
                self.i += 3;
                2
            } else if self.starts(";;") {
                self.i += 2;
                0
            } else if self.bash && self.starts(";&") {
                self.i += 2;
                1
            } else {
                0
            };
            ends.push(end);
        }
        Ok(Node::Case { word, arms, ends })
    }
}
