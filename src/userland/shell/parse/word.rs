//! Words: quoting, escapes, `$` expansions, command substitution and
//! heredoc bodies, kept as [`Part`]s for later expansion.

use super::{is_meta, Parser, Part, SyntaxError, Word};

impl Parser<'_> {
    /// Reads one word (quotes, escapes and expansions kept as parts).
    pub(super) fn word(&mut self) -> Result<Word, SyntaxError> {
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
                '$' if self.ansi && self.at(1) == Some('\'') => {
                    flush(&mut parts, &mut lit);
                    self.i += 1;
                    let text = self.ansi_c()?;
                    parts.push(Part::Lit { text, quoted: true });
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
    pub(super) fn dquoted(&mut self) -> Result<Word, SyntaxError> {
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

    pub(super) fn backquote(&mut self) -> Result<String, SyntaxError> {
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
    pub(super) fn balanced(&mut self) -> Result<String, SyntaxError> {
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
    pub(super) fn dollar(&mut self, quoted: bool) -> Result<Option<Part>, SyntaxError> {
        self.depth += 1;
        let r = if self.depth > super::MAX_DEPTH {
            Err(SyntaxError::TooDeep)
        } else {
            self.dollar_inner(quoted)
        };
        self.depth -= 1;
        r
    }

    fn dollar_inner(&mut self, quoted: bool) -> Result<Option<Part>, SyntaxError> {
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
                } else if self.peek() == Some('!')
                    && self
                        .at(1)
                        .is_some_and(|c| c == '_' || c.is_ascii_alphanumeric())
                {
                    // `${!name}`: indirection
                    self.i += 1;
                    name.push('!');
                    while let Some(c) = self.peek() {
                        if c == '_' || c.is_ascii_alphanumeric() {
                            name.push(c);
                            self.i += 1;
                        } else {
                            break;
                        }
                    }
                    // `${!prefix*}` / `${!prefix@}`: names by prefix
                    if matches!(self.peek(), Some('*' | '@')) && self.at(1) == Some('}') {
                        name.push(self.peek().unwrap_or('*'));
                        self.i += 1;
                    }
                }
                while let Some(c) = self.peek() {
                    if c == '_'
                        || c.is_ascii_alphanumeric()
                        || (name.is_empty() || name == "#")
                            && !(name == "#" && c == '!')
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
                if self.peek() == Some('[') && !name.is_empty() {
                    // an array subscript: kept raw in the name, `a[1]`
                    let mut depth = 0;
                    while let Some(c) = self.peek() {
                        name.push(c);
                        self.i += 1;
                        if c == '[' {
                            depth += 1;
                        } else if c == ']' {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                    }
                }
                let mut op = String::new();
                for cand in [
                    ":-", ":=", ":+", ":?", "##", "%%", "-", "=", "+", "?", "#", "%", "//", "/",
                    "^^", "^", ",,", ",", ":",
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
        depth: 0,
        one_line: false,
        bash: true,
        ansi: true,
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
