//! Word processing of Dockerfile arguments, as BuildKit's `shell.Lex` does
//! it: quote removal (`'…'` literal, `"…"` with `$` expansion), the escape
//! token (`\` or `` ` ``), and variable substitution — `$VAR`, `${VAR}`,
//! `${VAR:-word}`, `${VAR-word}`, `${VAR:+word}`, `${VAR+word}`,
//! `${VAR:?msg}`, `${VAR?msg}`. No command substitution, no globbing.

use std::fmt;

/// A substitution or quoting error (Docker's own texts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError(pub String);

impl fmt::Display for LexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Variables visible to a substitution: `(name, value)` pairs, first match
/// wins (ENV before ARG, as the builder orders them).
pub type Vars<'a> = &'a [(String, String)];

/// The lexer's switches (BuildKit's `RawQuotes`, `RawEscapes`,
/// `SkipUnsetEnv`), used when scanning heredoc markers.
#[derive(Clone, Copy, Debug)]
pub struct Lexer {
    pub escape: char,
    pub raw_quotes: bool,
    pub raw_escapes: bool,
    pub skip_unset: bool,
}

impl Lexer {
    pub fn new(escape: char) -> Lexer {
        Lexer {
            escape,
            raw_quotes: false,
            raw_escapes: false,
            skip_unset: false,
        }
    }

    /// Expands one word (quotes removed, variables substituted, no
    /// splitting).
    pub fn process_word(&self, word: &str, vars: Vars) -> Result<String, LexError> {
        let mut s = Scan::new(self, word, vars);
        let (r, _) = s.process_stop_on(None)?;
        Ok(r.text)
    }

    /// Expands and splits into words on unquoted whitespace.
    pub fn process_words(&self, word: &str, vars: Vars) -> Result<Vec<String>, LexError> {
        let mut s = Scan::new(self, word, vars);
        let (r, _) = s.process_stop_on(None)?;
        Ok(r.words.finish())
    }
}

/// Word splitting state (BuildKit's `wordsStruct`).
#[derive(Default)]
struct Words {
    words: Vec<String>,
    word: String,
    in_word: bool,
}

impl Words {
    fn add_char(&mut self, ch: char) {
        if ch.is_whitespace() && self.in_word {
            if !self.word.is_empty() {
                self.words.push(std::mem::take(&mut self.word));
                self.in_word = false;
            }
        } else if !ch.is_whitespace() {
            self.add_raw(ch);
        }
    }
    fn add_raw(&mut self, ch: char) {
        self.word.push(ch);
        self.in_word = true;
    }
    fn add_str(&mut self, s: &str) {
        for c in s.chars() {
            self.add_char(c);
        }
    }
    fn add_raw_str(&mut self, s: &str) {
        for c in s.chars() {
            self.add_raw(c);
        }
    }
    fn finish(mut self) -> Vec<String> {
        if !self.word.is_empty() {
            self.words.push(self.word);
        }
        self.words
    }
}

struct Out {
    text: String,
    words: Words,
}

struct Scan<'a> {
    lx: &'a Lexer,
    chars: Vec<char>,
    pos: usize,
    vars: Vars<'a>,
    /// `${…}` nesting at the current position.
    depth: usize,
}

/// How deep `${a:-${b:-…}}` may nest. BuildKit's lexer (Go, growable
/// stacks) has no limit; ours recurses, so it stops here with a clear error
/// instead of overflowing the stack.
pub const MAX_SUBSTITUTION_DEPTH: usize = 200;

impl<'a> Scan<'a> {
    fn new(lx: &'a Lexer, word: &str, vars: Vars<'a>) -> Scan<'a> {
        Scan {
            lx,
            chars: word.chars().collect(),
            pos: 0,
            vars,
            depth: 0,
        }
    }
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }
    fn get(&self, name: &str) -> Option<&'a str> {
        self.vars
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Processes until `stop` (consumed) or the end. Returns whether `stop`
    /// was found.
    fn process_stop_on(&mut self, stop: Option<char>) -> Result<(Out, bool), LexError> {
        let mut out = Out {
            text: String::new(),
            words: Words::default(),
        };
        while let Some(ch) = self.peek() {
            if Some(ch) == stop {
                self.next();
                return Ok((out, true));
            }
            match ch {
                '$' => {
                    let v = self.process_dollar()?;
                    out.text.push_str(&v);
                    out.words.add_str(&v);
                }
                '\'' => {
                    let v = self.process_single_quote()?;
                    out.text.push_str(&v);
                    out.words.add_raw_str(&v);
                }
                '"' => {
                    let v = self.process_double_quote()?;
                    out.text.push_str(&v);
                    out.words.add_raw_str(&v);
                }
                _ => {
                    self.next();
                    let mut ch = ch;
                    if ch == self.lx.escape {
                        if self.lx.raw_escapes {
                            out.words.add_raw(ch);
                            out.text.push(ch);
                        }
                        match self.next() {
                            None => break,
                            Some(c) => ch = c,
                        }
                        out.words.add_raw(ch);
                    } else {
                        out.words.add_char(ch);
                    }
                    out.text.push(ch);
                }
            }
        }
        if let Some(s) = stop {
            return Err(LexError(format!(
                "unexpected end of statement while looking for matching {s}"
            )));
        }
        Ok((out, false))
    }

    fn process_single_quote(&mut self) -> Result<String, LexError> {
        let mut r = String::new();
        let q = self.next().unwrap_or('\'');
        if self.lx.raw_quotes {
            r.push(q);
        }
        loop {
            match self.next() {
                None => {
                    return Err(LexError(
                        "unexpected end of statement while looking for matching single-quote"
                            .into(),
                    ))
                }
                Some('\'') => {
                    if self.lx.raw_quotes {
                        r.push('\'');
                    }
                    return Ok(r);
                }
                Some(c) => r.push(c),
            }
        }
    }

    fn process_double_quote(&mut self) -> Result<String, LexError> {
        let mut r = String::new();
        let q = self.next().unwrap_or('"');
        if self.lx.raw_quotes {
            r.push(q);
        }
        loop {
            match self.peek() {
                None => {
                    return Err(LexError(
                        "unexpected end of statement while looking for matching double-quote"
                            .into(),
                    ))
                }
                Some('"') => {
                    self.next();
                    if self.lx.raw_quotes {
                        r.push('"');
                    }
                    return Ok(r);
                }
                Some('$') => {
                    let v = self.process_dollar()?;
                    r.push_str(&v);
                }
                Some(_) => {
                    let mut ch = self.next().unwrap_or_default();
                    if ch == self.lx.escape {
                        if self.lx.raw_escapes {
                            r.push(ch);
                        }
                        match self.peek() {
                            None => continue,
                            Some(c) if c == '"' || c == '$' || c == self.lx.escape => {
                                ch = c;
                                self.next();
                            }
                            Some(_) => {}
                        }
                    }
                    r.push(ch);
                }
            }
        }
    }

    fn process_name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && ch.is_ascii_digit() {
                while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    name.push(d);
                    self.next();
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                return ch.to_string();
            }
            if !ch.is_alphanumeric() && ch != '_' {
                break;
            }
            name.push(ch);
            self.next();
        }
        name
    }

    fn stop_word(&mut self) -> Result<String, LexError> {
        match self.process_stop_on(Some('}')) {
            Ok((o, _)) => Ok(o.text),
            Err(e) => {
                if self.peek().is_none() {
                    Err(LexError("syntax error: missing '}'".into()))
                } else {
                    Err(e)
                }
            }
        }
    }

    fn process_dollar(&mut self) -> Result<String, LexError> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.process_name();
            if name.is_empty() {
                return Ok("$".into());
            }
            return Ok(match self.get(&name) {
                Some(v) => v.to_string(),
                None if self.lx.skip_unset => format!("${name}"),
                None => String::new(),
            });
        }
        self.next();
        match self.peek() {
            None => return Err(LexError("syntax error: missing '}'".into())),
            Some('{') | Some('}') | Some(':') => {
                return Err(LexError("syntax error: bad substitution".into()))
            }
            _ => {}
        }
        let name = self.process_name();
        let value = self.get(&name);
        if self.depth >= MAX_SUBSTITUTION_DEPTH {
            return Err(LexError(format!(
                "dockerlings: substitutions nested more than {MAX_SUBSTITUTION_DEPTH} deep are not available in this sandbox"
            )));
        }
        self.depth += 1;
        let r = self.substitute(name, value);
        self.depth -= 1;
        r
    }

    /// The rest of `${NAME…}` after the name.
    fn substitute(&mut self, name: String, value: Option<&'a str>) -> Result<String, LexError> {
        match self.next() {
            Some('}') => Ok(match value {
                Some(v) => v.to_string(),
                None if self.lx.skip_unset => format!("${{{name}}}"),
                None => String::new(),
            }),
            Some(m @ ('?' | '-' | '+')) => {
                let word = self.stop_word()?;
                if value.is_none() && self.lx.skip_unset {
                    return Ok(format!("${{{name}{m}{word}}}"));
                }
                match m {
                    '-' => Ok(value.map(str::to_string).unwrap_or(word)),
                    '+' => Ok(if value.is_some() { word } else { String::new() }),
                    _ => match value {
                        Some(v) => Ok(v.to_string()),
                        None => Err(unset_error(&name, &word, "is not allowed to be unset")),
                    },
                }
            }
            Some(':') => {
                let modifier = self.next();
                let word = self.stop_word()?;
                if value.is_none() && self.lx.skip_unset {
                    let m = modifier.map(String::from).unwrap_or_default();
                    return Ok(format!("${{{name}:{m}{word}}}"));
                }
                let v = value.unwrap_or("");
                match modifier {
                    Some('-') => Ok(if v.is_empty() { word } else { v.to_string() }),
                    Some('+') => Ok(if v.is_empty() { String::new() } else { word }),
                    Some('?') => {
                        if value.is_none() {
                            Err(unset_error(&name, &word, "is not allowed to be unset"))
                        } else if v.is_empty() {
                            Err(unset_error(&name, &word, "is not allowed to be empty"))
                        } else {
                            Ok(v.to_string())
                        }
                    }
                    Some(c) => Err(LexError(format!(
                        "unsupported modifier ({c}) in substitution"
                    ))),
                    None => Err(LexError("syntax error: missing '}'".into())),
                }
            }
            None => Err(LexError("syntax error: missing '}'".into())),
            Some(_) => Err(LexError("missing ':' in substitution".into())),
        }
    }
}

fn unset_error(name: &str, word: &str, default: &str) -> LexError {
    LexError(format!(
        "{name}: {}",
        if word.is_empty() { default } else { word }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vec<(String, String)> {
        vec![
            ("A".into(), "apple".into()),
            ("E".into(), String::new()),
            ("SP".into(), "x y".into()),
        ]
    }

    fn w(s: &str) -> Result<String, LexError> {
        Lexer::new('\\').process_word(s, &vars())
    }

    #[test]
    fn substitutions() {
        assert_eq!(w("$A").unwrap(), "apple");
        assert_eq!(w("${A}s").unwrap(), "apples");
        assert_eq!(w("$NOPE-x").unwrap(), "-x");
        assert_eq!(w("${NOPE:-dflt}").unwrap(), "dflt");
        assert_eq!(w("${E:-dflt}").unwrap(), "dflt");
        assert_eq!(w("${E-dflt}").unwrap(), "");
        assert_eq!(w("${NOPE-dflt}").unwrap(), "dflt");
        assert_eq!(w("${A:+yes}").unwrap(), "yes");
        assert_eq!(w("${E:+yes}").unwrap(), "");
        assert_eq!(w("${E+yes}").unwrap(), "yes");
        assert_eq!(w("${NOPE:-$A}").unwrap(), "apple");
        assert_eq!(w("a$").unwrap(), "a$");
        assert_eq!(w("${NOPE:?need it}").unwrap_err().0, "NOPE: need it");
        assert_eq!(w("${E:?}").unwrap_err().0, "E: is not allowed to be empty");
        assert_eq!(w("${}").unwrap_err().0, "syntax error: bad substitution");
        assert_eq!(w("${A").unwrap_err().0, "syntax error: missing '}'");
    }

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(w("'$A'").unwrap(), "$A");
        assert_eq!(w("\"$A b\"").unwrap(), "apple b");
        assert_eq!(w("\\$A").unwrap(), "$A");
        assert_eq!(w("\"a\\\"b\\n\"").unwrap(), "a\"b\\n");
        assert_eq!(
            w("\"x").unwrap_err().0,
            "unexpected end of statement while looking for matching double-quote"
        );
        let bt = Lexer::new('`');
        assert_eq!(bt.process_word("`$A\\x", &vars()).unwrap(), "$A\\x");
    }

    #[test]
    fn splitting() {
        let l = Lexer::new('\\');
        assert_eq!(
            l.process_words("a $SP \"c d\"", &vars()).unwrap(),
            vec!["a", "x", "y", "c d"]
        );
    }
}
