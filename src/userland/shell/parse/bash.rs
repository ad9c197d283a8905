//! bash's own grammar: `(( … ))`, `for (( … ))`, `[[ … ]]`, array
//! assignments `a=(…)` and ANSI-C quoting `$'…'` (the last two also in
//! busybox ash where noted by [`Parser::ansi`]).

use super::{is_meta, Node, Parser, Part, SyntaxError, Word};

impl Parser<'_> {
    /// The source of `(( … ))` after the opening `((`, up to the `))`.
    pub(super) fn arith_source(&mut self) -> Result<String, SyntaxError> {
        let mut depth = 0u32;
        let mut src = String::new();
        loop {
            match self.peek() {
                None => return Err(SyntaxError::Quote('(')),
                Some(')') if depth == 0 && self.at(1) == Some(')') => {
                    self.i += 2;
                    return Ok(src);
                }
                Some(')') if depth == 0 => {
                    return Err(SyntaxError::Unexpected(")".into()));
                }
                Some(c) => {
                    if c == '(' {
                        depth += 1;
                    } else if c == ')' {
                        depth -= 1;
                    }
                    src.push(c);
                    self.i += 1;
                }
            }
        }
    }

    /// `(( expr ))` as a command.
    pub(super) fn arith_cmd(&mut self) -> Result<Node, SyntaxError> {
        self.i += 2;
        let src = self.arith_source()?;
        Ok(Node::Arith { src })
    }

    /// `for (( init; cond; step )) do … done`, after `for`.
    pub(super) fn arith_for(&mut self) -> Result<Node, SyntaxError> {
        self.i += 2;
        let src = self.arith_source()?;
        let parts: Vec<&str> = src.split(';').collect();
        if parts.len() != 3 {
            return Err(SyntaxError::Unexpected("newline".into()));
        }
        self.skip_blank();
        if self.peek() == Some(';') {
            self.i += 1;
        }
        self.skip_newlines();
        let body = if self.peek_word().as_deref() == Some("{") {
            self.command()?
        } else {
            self.expect_word("do")?;
            let b = self.body(&["done"])?;
            self.expect_word("done")?;
            b
        };
        Ok(Node::ArithFor {
            init: parts[0].trim().to_string(),
            cond: parts[1].trim().to_string(),
            step: parts[2].trim().to_string(),
            body: Box::new(body),
        })
    }

    /// `[[ … ]]`: operands as words, operators (`&&`, `||`, `!`, `(`, `)`,
    /// `<`, `>`) as unquoted literals; the word after `=~` is a regex.
    pub(super) fn cond_cmd(&mut self) -> Result<Node, SyntaxError> {
        self.i += 2;
        let mut words: Vec<Word> = Vec::new();
        loop {
            self.skip_blank();
            while self.peek() == Some('\n') {
                self.i += 1;
                self.skip_blank();
            }
            let Some(c) = self.peek() else {
                return Err(SyntaxError::Eof);
            };
            if self.peek_word().as_deref() == Some("]]") {
                self.i += 2;
                break;
            }
            let op = ["&&", "||", "(", ")", "<", ">", "!"]
                .iter()
                .find(|o| self.starts(o) && (**o != "!" || self.at(1).is_none_or(is_meta)));
            if let Some(op) = op {
                self.i += op.len();
                words.push(vec![Part::Lit {
                    text: op.to_string(),
                    quoted: false,
                }]);
                continue;
            }
            if matches!(c, ';' | '&' | '|') {
                return Err(SyntaxError::Unexpected(self.peek_token()));
            }
            let after_regex = words.last().is_some_and(
                |w| matches!(w.as_slice(), [Part::Lit { text, quoted: false }] if text == "=~"),
            );
            let w = if after_regex {
                self.regex_word()?
            } else {
                self.word()?
            };
            words.push(w);
        }
        if words.is_empty() {
            return Err(SyntaxError::Unexpected("]]".into()));
        }
        Ok(Node::Cond { words })
    }

    /// The regex operand of `=~`: parentheses and `|` are part of it.
    fn regex_word(&mut self) -> Result<Word, SyntaxError> {
        let mut parts: Word = Vec::new();
        let mut lit = String::new();
        let mut depth = 0i32;
        while let Some(c) = self.peek() {
            if depth == 0 && matches!(c, ' ' | '\t' | '\n') {
                break;
            }
            if depth == 0 && (self.starts("&&") || self.starts("||") || self.starts("]]")) {
                break;
            }
            match c {
                '\'' | '"' | '$' | '\\' | '`' => {
                    if !lit.is_empty() {
                        parts.push(Part::Lit {
                            text: std::mem::take(&mut lit),
                            quoted: false,
                        });
                    }
                    parts.push(self.regex_piece(c)?);
                }
                _ => {
                    if c == '(' {
                        depth += 1;
                    } else if c == ')' {
                        if depth == 0 {
                            break;
                        }
                        depth -= 1;
                    }
                    lit.push(c);
                    self.i += 1;
                }
            }
        }
        if !lit.is_empty() {
            parts.push(Part::Lit {
                text: lit,
                quoted: false,
            });
        }
        Ok(parts)
    }

    /// A quoted or expanded piece of a regex operand starting with `c`.
    fn regex_piece(&mut self, c: char) -> Result<Part, SyntaxError> {
        match c {
            '\'' => {
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
                Ok(Part::Lit {
                    text: t,
                    quoted: true,
                })
            }
            '"' => {
                self.i += 1;
                let inner = self.dquoted()?;
                let text: String = inner
                    .iter()
                    .map(|p| match p {
                        Part::Lit { text, .. } => text.clone(),
                        _ => String::new(),
                    })
                    .collect();
                if inner.iter().all(|p| matches!(p, Part::Lit { .. })) {
                    Ok(Part::Lit { text, quoted: true })
                } else {
                    Err(SyntaxError::Unexpected("\"".into()))
                }
            }
            '$' => match self.dollar(false)? {
                Some(p) => Ok(p),
                None => {
                    self.i += 1;
                    Ok(Part::Lit {
                        text: "$".into(),
                        quoted: false,
                    })
                }
            },
            '`' => Ok(Part::Cmd {
                src: self.backquote()?,
                quoted: false,
            }),
            _ => {
                self.i += 1;
                let n = self.peek().unwrap_or('\\');
                self.i += 1;
                Ok(Part::Lit {
                    text: n.to_string(),
                    quoted: true,
                })
            }
        }
    }

    /// `NAME=(…)` or `NAME+=(…)` after the `(`: the element words.
    pub(super) fn array_words(&mut self) -> Result<Word, SyntaxError> {
        let mut items = Vec::new();
        loop {
            self.skip_newlines();
            match self.peek() {
                None => return Err(SyntaxError::Eof),
                Some(')') => {
                    self.i += 1;
                    break;
                }
                Some(c) if is_meta(c) => return Err(SyntaxError::Unexpected(self.peek_token())),
                _ => items.push(self.word()?),
            }
        }
        Ok(vec![Part::Array(items)])
    }

    /// `$'…'` after the `$`: the text with ANSI-C escapes decoded.
    pub(super) fn ansi_c(&mut self) -> Result<String, SyntaxError> {
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(SyntaxError::Quote('\''));
            };
            self.i += 1;
            match c {
                '\'' => return Ok(out),
                '\\' => {
                    let Some(e) = self.peek() else {
                        return Err(SyntaxError::Quote('\''));
                    };
                    self.i += 1;
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'a' => out.push('\x07'),
                        'b' => out.push('\x08'),
                        'e' | 'E' => out.push('\x1b'),
                        'f' => out.push('\x0c'),
                        'v' => out.push('\x0b'),
                        '\\' | '\'' | '"' | '?' => out.push(e),
                        'x' | 'u' | 'U' => {
                            let max = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let mut v = 0u32;
                            let mut n = 0;
                            while n < max {
                                match self.peek().and_then(|d| d.to_digit(16)) {
                                    Some(d) => {
                                        v = v * 16 + d;
                                        self.i += 1;
                                        n += 1;
                                    }
                                    None => break,
                                }
                            }
                            if n == 0 {
                                out.push('\\');
                                out.push(e);
                            } else {
                                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                            }
                        }
                        '0'..='7' => {
                            let mut v = e.to_digit(8).unwrap_or(0);
                            let mut n = 1;
                            while n < 3 {
                                match self.peek().and_then(|d| d.to_digit(8)) {
                                    Some(d) => {
                                        v = v * 8 + d;
                                        self.i += 1;
                                        n += 1;
                                    }
                                    None => break,
                                }
                            }
                            out.push(char::from_u32(v & 0xff).unwrap_or('\u{fffd}'));
                        }
                        _ => {
                            out.push('\\');
                            out.push(e);
                        }
                    }
                }
                c => out.push(c),
            }
        }
    }
}
