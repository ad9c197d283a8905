//! Go `text/template`, as `docker … --format` and `docker inspect -f` use
//! it, evaluated over `serde_json::Value`.
//!
//! Supported: text and actions with `{{-`/`-}}` trimming and comments;
//! fields `.A.B`, `.`, `$`, variables (`$x := …`, `$x = …`), pipelines,
//! parenthesised pipelines and `(…).Field`; `if`/`else if`/`else`,
//! `range` (with `$i, $e :=`, `else`, `break`, `continue`), `with`;
//! literals; Go's builtins (`and or not len index slice print printf
//! println eq ne lt le gt ge html js urlquery`) and Docker's (`json split
//! join title lower upper pad truncate`). Values print as Go prints them:
//! `[a b]` for slices, `map[k:v]` for maps (objects whose keys all start
//! with an upper-case letter print as structs, `{v1 v2}`), `<no value>`
//! for a missing map key, `<nil>` for null. Errors carry Go's text
//! (`template: :1: function "foo" not defined`, `template: :1:2:
//! executing "" at <.Foo>: can't evaluate field Foo in type …`).
//!
//! [`format_rows`] is Docker's `formatter.Context.Write`: the `table`
//! prefix, `\t`/`\n` escapes, a header row from the caller's labels, and
//! the tabwriter.

use super::gofmt;
use super::table::tabwrite;
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;
use std::fmt;

/// A template error; `Display` is Go's text (without Docker's
/// `template parsing error: ` prefix, which [`format_rows`] adds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// `template: :LINE: MSG`.
    Parse { line: usize, msg: String },
    /// `template: :LINE:COL: executing "NAME" at <CTX>: MSG` (NAME is
    /// empty, or the `define`d template running).
    Exec {
        line: usize,
        col: usize,
        name: String,
        context: String,
        msg: String,
    },
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Parse { line, msg } => write!(f, "template: :{line}: {msg}"),
            TemplateError::Exec {
                line,
                col,
                name,
                context,
                msg,
            } => write!(
                f,
                "template: :{line}:{col}: executing {} at <{context}>: {msg}",
                gofmt::quote(name)
            ),
        }
    }
}

impl std::error::Error for TemplateError {}

// ---------------------------------------------------------------- lexer

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Text(String),
    LeftDelim,
    RightDelim,
    Space,
    Field(String),
    Dot,
    Variable(String),
    Ident(String),
    Str {
        val: String,
        src: String,
    },
    Char {
        val: char,
        src: String,
    },
    Number(String),
    Bool(bool),
    Nil,
    Pipe,
    LParen,
    RParen,
    Declare,
    Assign,
    Comma,
    Keyword(&'static str),
    /// Any other printable ASCII character (Go's `itemChar`).
    Other(char),
    Eof,
}

impl Tok {
    /// Go's `item.String()` as used in "unexpected %s in %s".
    fn describe(&self) -> String {
        let quoted = |v: &str| {
            if v.chars().count() > 10 {
                format!(
                    "{}...",
                    gofmt::quote(&v.chars().take(10).collect::<String>())
                )
            } else {
                gofmt::quote(v)
            }
        };
        match self {
            Tok::Eof => "EOF".into(),
            Tok::Keyword(k) => format!("<{k}>"),
            Tok::Dot => "<.>".into(),
            Tok::Nil => "<nil>".into(),
            Tok::Other(c) => quoted(&c.to_string()),
            Tok::Text(t) => quoted(t),
            Tok::Field(f) => quoted(&format!(".{f}")),
            Tok::Variable(v) | Tok::Ident(v) | Tok::Number(v) => quoted(v),
            Tok::Str { src, .. } | Tok::Char { src, .. } => quoted(src),
            Tok::LeftDelim => "\"{{\"".into(),
            Tok::RightDelim => "\"}}\"".into(),
            Tok::Space => "\" \"".into(),
            Tok::Bool(b) => gofmt::quote(&b.to_string()),
            Tok::Pipe => "\"|\"".into(),
            Tok::LParen => "\"(\"".into(),
            Tok::RParen => "\")\"".into(),
            Tok::Declare => "\":=\"".into(),
            Tok::Assign => "\"=\"".into(),
            Tok::Comma => "\",\"".into(),
        }
    }
}

struct Lexed {
    toks: Vec<(Tok, usize)>,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn line_of(src: &str, pos: usize) -> usize {
    1 + src.as_bytes()[..pos.min(src.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
}

fn lex(src: &str) -> Result<Lexed, TemplateError> {
    let b = src.as_bytes();
    let mut toks = Vec::new();
    let mut pos = 0;
    let err = |p: usize, msg: String| TemplateError::Parse {
        line: line_of(src, p),
        msg,
    };
    let mut trim_next_text = false;
    loop {
        // text up to the next "{{"
        let start = pos;
        let next = src[pos..].find("{{").map(|i| pos + i);
        let end = next.unwrap_or(src.len());
        let mut text = &src[start..end];
        if trim_next_text {
            text = text.trim_start_matches([' ', '\t', '\r', '\n']);
            trim_next_text = false;
        }
        let Some(ld) = next else {
            if !text.is_empty() {
                toks.push((Tok::Text(text.to_string()), start));
            }
            toks.push((Tok::Eof, src.len()));
            return Ok(Lexed { toks });
        };
        let after = &b[ld + 2..];
        let left_trim = after.len() >= 2 && after[0] == b'-' && is_space(after[1]);
        if left_trim {
            text = text.trim_end_matches([' ', '\t', '\r', '\n']);
        }
        if !text.is_empty() {
            toks.push((Tok::Text(text.to_string()), start));
        }
        pos = ld + 2 + if left_trim { 2 } else { 0 };
        // comment
        if src[pos..].starts_with("/*") {
            let Some(close) = src[pos..].find("*/") else {
                return Err(err(pos, "unclosed comment".into()));
            };
            pos += close + 2;
            let rest = &src[pos..];
            if rest.starts_with(" -}}") {
                pos += 4;
                trim_next_text = true;
            } else if rest.starts_with("}}") {
                pos += 2;
            } else {
                return Err(err(pos, "comment ends before closing delimiter".into()));
            }
            continue;
        }
        toks.push((Tok::LeftDelim, ld));
        let mut paren_depth = 0i32;
        // inside the action
        loop {
            let rest = &src[pos..];
            if rest.starts_with(" -}}")
                || rest.starts_with("\t-}}")
                || rest.starts_with("\n-}}")
                || rest.starts_with("\r-}}")
            {
                toks.push((Tok::RightDelim, pos + 2));
                pos += 4;
                trim_next_text = true;
                break;
            }
            if rest.starts_with("}}") {
                if paren_depth > 0 {
                    return Err(err(pos, "unclosed left paren".into()));
                }
                toks.push((Tok::RightDelim, pos));
                pos += 2;
                break;
            }
            let Some(c) = rest.chars().next() else {
                return Err(err(pos, "unclosed action".into()));
            };
            let p = pos;
            match c {
                ' ' | '\t' | '\r' | '\n' => {
                    while pos < b.len()
                        && is_space(b[pos])
                        && !src[pos..].starts_with(" -}}")
                        && !src[pos..].starts_with("\t-}}")
                        && !src[pos..].starts_with("\n-}}")
                        && !src[pos..].starts_with("\r-}}")
                    {
                        pos += 1;
                    }
                    toks.push((Tok::Space, p));
                }
                '=' => {
                    pos += 1;
                    toks.push((Tok::Assign, p));
                }
                ':' => {
                    if rest.starts_with(":=") {
                        pos += 2;
                        toks.push((Tok::Declare, p));
                    } else {
                        return Err(err(p, "expected :=".into()));
                    }
                }
                '|' => {
                    pos += 1;
                    toks.push((Tok::Pipe, p));
                }
                ',' => {
                    pos += 1;
                    toks.push((Tok::Comma, p));
                }
                '(' => {
                    pos += 1;
                    paren_depth += 1;
                    toks.push((Tok::LParen, p));
                }
                ')' => {
                    pos += 1;
                    // an unmatched ')' is reported by the parser
                    paren_depth -= 1;
                    toks.push((Tok::RParen, p));
                }
                '"' => {
                    let mut i = pos + 1;
                    let mut val = String::new();
                    loop {
                        let Some(ch) = src[i..].chars().next() else {
                            return Err(err(p, "unterminated quoted string".into()));
                        };
                        match ch {
                            '"' => {
                                i += 1;
                                break;
                            }
                            '\n' => return Err(err(p, "unterminated quoted string".into())),
                            '\\' => {
                                let (v, n) = unescape(&src[i..])
                                    .ok_or_else(|| err(p, "unterminated quoted string".into()))?;
                                val.push_str(&v);
                                i += n;
                            }
                            ch => {
                                val.push(ch);
                                i += ch.len_utf8();
                            }
                        }
                    }
                    toks.push((
                        Tok::Str {
                            val,
                            src: src[pos..i].to_string(),
                        },
                        p,
                    ));
                    pos = i;
                }
                '`' => {
                    let Some(close) = src[pos + 1..].find('`') else {
                        return Err(err(p, "unterminated raw quoted string".into()));
                    };
                    let val = src[pos + 1..pos + 1 + close].to_string();
                    let end = pos + close + 2;
                    toks.push((
                        Tok::Str {
                            val,
                            src: src[pos..end].to_string(),
                        },
                        p,
                    ));
                    pos = end;
                }
                '\'' => {
                    let mut i = pos + 1;
                    let ch = match src[i..].chars().next() {
                        Some('\\') => {
                            let (v, n) = unescape(&src[i..])
                                .ok_or_else(|| err(p, "unterminated character constant".into()))?;
                            i += n;
                            v.chars().next().unwrap_or('\0')
                        }
                        Some(c) if c != '\n' && c != '\'' => {
                            i += c.len_utf8();
                            c
                        }
                        _ => return Err(err(p, "unterminated character constant".into())),
                    };
                    if !src[i..].starts_with('\'') {
                        // Go scans to the closing quote, then reports it malformed
                        let line_end = src[i..].find('\n').map_or(src.len(), |n| i + n);
                        return Err(match src[i..line_end].find('\'') {
                            Some(q) => err(
                                p,
                                format!("malformed character constant: {}", &src[pos..i + q + 1]),
                            ),
                            None => err(p, "unterminated character constant".into()),
                        });
                    }
                    i += 1;
                    toks.push((
                        Tok::Char {
                            val: ch,
                            src: src[pos..i].to_string(),
                        },
                        p,
                    ));
                    pos = i;
                }
                '$' | '.' => {
                    if c == '.' && rest[1..].starts_with(|d: char| d.is_ascii_digit()) {
                        pos = lex_number(src, pos).map_err(|m| err(p, m))?;
                        toks.push((Tok::Number(src[p..pos].to_string()), p));
                        continue;
                    }
                    let mut i = pos + 1;
                    while let Some(ch) = src[i..].chars().next() {
                        if !is_alnum(ch) {
                            break;
                        }
                        i += ch.len_utf8();
                    }
                    check_terminator(src, i).map_err(|m| err(i, m))?;
                    let name = &src[pos + 1..i];
                    pos = i;
                    if c == '$' {
                        toks.push((Tok::Variable(format!("${name}")), p));
                    } else if name.is_empty() {
                        toks.push((Tok::Dot, p));
                    } else {
                        toks.push((Tok::Field(name.to_string()), p));
                    }
                }
                '+' | '-' | '0'..='9' => {
                    pos = lex_number(src, pos).map_err(|m| err(p, m))?;
                    toks.push((Tok::Number(src[p..pos].to_string()), p));
                }
                c if is_alnum(c) => {
                    let mut i = pos;
                    while let Some(ch) = src[i..].chars().next() {
                        if !is_alnum(ch) {
                            break;
                        }
                        i += ch.len_utf8();
                    }
                    check_terminator(src, i).map_err(|m| err(i, m))?;
                    let word = &src[pos..i];
                    pos = i;
                    let t = match word {
                        "true" => Tok::Bool(true),
                        "false" => Tok::Bool(false),
                        "nil" => Tok::Nil,
                        "if" => Tok::Keyword("if"),
                        "else" => Tok::Keyword("else"),
                        "end" => Tok::Keyword("end"),
                        "range" => Tok::Keyword("range"),
                        "with" => Tok::Keyword("with"),
                        "break" => Tok::Keyword("break"),
                        "continue" => Tok::Keyword("continue"),
                        "define" => Tok::Keyword("define"),
                        "template" => Tok::Keyword("template"),
                        "block" => Tok::Keyword("block"),
                        w => Tok::Ident(w.to_string()),
                    };
                    toks.push((t, p));
                }
                c if c.is_ascii_graphic() => {
                    pos += 1;
                    toks.push((Tok::Other(c), p));
                }
                c => {
                    return Err(err(
                        p,
                        format!("unrecognized character in action: {}", go_char_u(c)),
                    ))
                }
            }
        }
    }
}

/// `%#U`: `U+0021 '!'`.
fn go_char_u(c: char) -> String {
    format!("U+{:04X} '{c}'", c as u32)
}

fn check_terminator(src: &str, i: usize) -> Result<(), String> {
    let rest = &src[i..];
    let Some(c) = rest.chars().next() else {
        return Ok(());
    };
    if matches!(
        c,
        ' ' | '\t' | '\r' | '\n' | '.' | ',' | '|' | ':' | ')' | '('
    ) || rest.starts_with("}}")
    {
        Ok(())
    } else {
        Err(format!("bad character {}", go_char_u(c)))
    }
}

fn lex_number(src: &str, mut pos: usize) -> Result<usize, String> {
    let start = pos;
    let b = src.as_bytes();
    if pos < b.len() && (b[pos] == b'+' || b[pos] == b'-') {
        pos += 1;
    }
    let mut digits = "0123456789_";
    if src[pos..].starts_with("0x") || src[pos..].starts_with("0X") {
        pos += 2;
        digits = "0123456789abcdefABCDEF_";
    }
    while pos < b.len() && digits.contains(b[pos] as char) {
        pos += 1;
    }
    if pos < b.len() && b[pos] == b'.' {
        pos += 1;
        while pos < b.len() && digits.contains(b[pos] as char) {
            pos += 1;
        }
    }
    if pos < b.len() && (b[pos] == b'e' || b[pos] == b'E') && digits.len() == 11 {
        pos += 1;
        if pos < b.len() && (b[pos] == b'+' || b[pos] == b'-') {
            pos += 1;
        }
        while pos < b.len() && b[pos].is_ascii_digit() {
            pos += 1;
        }
    }
    if let Some(c) = src[pos..].chars().next() {
        if is_alnum(c) {
            let mut end = pos;
            while let Some(ch) = src[end..].chars().next() {
                if !is_alnum(ch) {
                    break;
                }
                end += ch.len_utf8();
            }
            return Err(format!(
                "bad number syntax: {}",
                gofmt::quote(&src[start..end])
            ));
        }
    }
    Ok(pos)
}

/// Decodes one Go escape sequence at the start of `s` (which begins with
/// `\`): returns the text and the bytes consumed.
fn unescape(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let c = *b.get(1)?;
    let simple = match c {
        b'n' => Some('\n'),
        b't' => Some('\t'),
        b'r' => Some('\r'),
        b'\\' => Some('\\'),
        b'"' => Some('"'),
        b'\'' => Some('\''),
        b'a' => Some('\u{7}'),
        b'b' => Some('\u{8}'),
        b'f' => Some('\u{c}'),
        b'v' => Some('\u{b}'),
        _ => None,
    };
    if let Some(ch) = simple {
        return Some((ch.to_string(), 2));
    }
    let hex = |n: usize| -> Option<(String, usize)> {
        let h = s.get(2..2 + n)?;
        let v = u32::from_str_radix(h, 16).ok()?;
        Some((char::from_u32(v)?.to_string(), 2 + n))
    };
    match c {
        b'x' => hex(2),
        b'u' => hex(4),
        b'U' => hex(8),
        b'0'..=b'7' => {
            let o = s.get(1..4)?;
            let v = u32::from_str_radix(o, 8).ok()?;
            Some((char::from_u32(v)?.to_string(), 4))
        }
        _ => None,
    }
}

// ---------------------------------------------------------------- parser

#[derive(Clone, Debug)]
enum Arg {
    /// `.A.B` (empty chain = `.`).
    Field {
        pos: usize,
        chain: Vec<String>,
    },
    Dot {
        pos: usize,
    },
    /// `$x.A.B`.
    Var {
        pos: usize,
        name: String,
        chain: Vec<String>,
    },
    Ident {
        pos: usize,
        name: String,
    },
    Str {
        pos: usize,
        val: String,
        src: String,
    },
    Number {
        pos: usize,
        src: String,
    },
    Bool {
        pos: usize,
        val: bool,
    },
    Nil {
        pos: usize,
    },
    /// `(pipeline)` optionally followed by `.A.B`.
    Pipe {
        pos: usize,
        pipe: Box<Pipe>,
        chain: Vec<String>,
    },
}

#[derive(Clone, Debug)]
struct Cmd {
    args: Vec<Arg>,
}

#[derive(Clone, Debug)]
struct Pipe {
    pos: usize,
    decl: Vec<String>,
    is_assign: bool,
    cmds: Vec<Cmd>,
}

#[derive(Clone, Debug)]
enum Node {
    Text(String),
    Action(Pipe),
    If(Pipe, Vec<Node>, Vec<Node>),
    Range(Pipe, Vec<Node>, Vec<Node>),
    With(Pipe, Vec<Node>, Vec<Node>),
    Break,
    Continue,
    /// `{{template "name" pipeline}}` (and the call half of `block`).
    Template {
        pos: usize,
        name: String,
        src: String,
        pipe: Option<Pipe>,
    },
}

/// A parsed template, with the templates it `define`s.
#[derive(Clone, Debug)]
pub struct Template {
    src: String,
    root: Vec<Node>,
    defs: BTreeMap<String, Vec<Node>>,
}

enum Ending {
    End,
    Else(usize),
    Eof,
}

struct Parser<'a> {
    src: &'a str,
    toks: Vec<(Tok, usize)>,
    i: usize,
    vars: Vec<String>,
    range_depth: usize,
    depth: usize,
    defs: BTreeMap<String, Vec<Node>>,
}

/// Nesting limit of parentheses and control structures (Go's parser has
/// one too; this one keeps the native and wasm stacks safe).
const MAX_DEPTH: usize = 100;

/// Steps (nodes walked) one execution may take, so `{{range 1000000000}}`
/// cannot hang the sandbox.
const MAX_STEPS: u64 = 1_000_000;

const FUNCS: &[&str] = &[
    "and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq", "ne", "lt",
    "le", "gt", "ge", "html", "js", "urlquery", "call", "json", "split", "join", "title", "lower",
    "upper", "pad", "truncate",
];

impl Parser<'_> {
    fn err<T>(&self, msg: impl Into<String>) -> Result<T, TemplateError> {
        let pos = self.toks.get(self.i.saturating_sub(1)).map_or(0, |t| t.1);
        Err(TemplateError::Parse {
            line: line_of(self.src, pos),
            msg: msg.into(),
        })
    }
    fn next(&mut self) -> (Tok, usize) {
        let t = self.toks[self.i.min(self.toks.len() - 1)].clone();
        if self.i < self.toks.len() {
            self.i += 1;
        }
        t
    }
    fn backup(&mut self) {
        self.i = self.i.saturating_sub(1);
    }
    fn peek(&self) -> &Tok {
        &self.toks[self.i.min(self.toks.len() - 1)].0
    }
    fn next_non_space(&mut self) -> (Tok, usize) {
        loop {
            let t = self.next();
            if t.0 != Tok::Space {
                return t;
            }
        }
    }
    fn peek_non_space(&mut self) -> Tok {
        let t = self.next_non_space();
        self.backup();
        t.0
    }

    fn list(&mut self) -> Result<(Vec<Node>, Ending), TemplateError> {
        let mut out = Vec::new();
        loop {
            let (t, _) = self.next();
            match t {
                Tok::Eof => return Ok((out, Ending::Eof)),
                Tok::Text(s) => out.push(Node::Text(s)),
                Tok::LeftDelim => match self.action()? {
                    Act::Node(n) => out.push(n),
                    Act::End => return Ok((out, Ending::End)),
                    Act::Else(i) => return Ok((out, Ending::Else(i))),
                },
                other => return self.err(format!("unexpected {}", other.describe())),
            }
        }
    }

    fn action(&mut self) -> Result<Act, TemplateError> {
        let (t, _) = self.next_non_space();
        match t {
            Tok::Keyword("end") => {
                self.expect_right("end")?;
                Ok(Act::End)
            }
            Tok::Keyword("else") => {
                let here = self.i;
                // `else if` / `else with` keep the delimiters open
                match self.peek_non_space() {
                    Tok::Keyword("if") | Tok::Keyword("with") => Ok(Act::Else(here)),
                    _ => {
                        self.expect_right("else")?;
                        Ok(Act::Else(0))
                    }
                }
            }
            Tok::Keyword("if") => self.control("if").map(Act::Node),
            Tok::Keyword("range") => self.control("range").map(Act::Node),
            Tok::Keyword("with") => self.control("with").map(Act::Node),
            Tok::Keyword("break") | Tok::Keyword("continue") => {
                let k = if t == Tok::Keyword("break") {
                    "break"
                } else {
                    "continue"
                };
                if self.range_depth == 0 {
                    return self.err(format!("{{{{{k}}}}} outside {{{{range}}}}"));
                }
                let (t2, _) = self.next_non_space();
                if t2 != Tok::RightDelim {
                    return self.err(format!("unexpected {} in {{{{{k}}}}}", t2.describe()));
                }
                Ok(Act::Node(if k == "break" {
                    Node::Break
                } else {
                    Node::Continue
                }))
            }
            Tok::Keyword("define") if self.depth == 0 && self.range_depth == 0 => {
                let (name, _) = self.template_name("define clause")?;
                self.expect_right("define clause")?;
                let saved = std::mem::replace(&mut self.vars, vec!["$".to_string()]);
                let (list, ending) = self.list()?;
                self.vars = saved;
                match ending {
                    Ending::End => {}
                    Ending::Eof => return self.err("unexpected EOF"),
                    Ending::Else(_) => return self.err("unexpected {{else}} in define clause"),
                }
                self.defs.insert(name, list);
                Ok(Act::Node(Node::Text(String::new())))
            }
            Tok::Keyword("template") => {
                let (name, pos) = self.template_name("template clause")?;
                let src = format!("{{{{template {}", gofmt::quote(&name));
                let pipe = if self.peek_non_space() == Tok::RightDelim {
                    self.next_non_space();
                    None
                } else {
                    Some(self.pipeline("template clause", true)?)
                };
                Ok(Act::Node(Node::Template {
                    pos,
                    src: match &pipe {
                        Some(p) => format!("{src} {}}}}}", pipe_string(p)),
                        None => format!("{src}}}}}"),
                    },
                    name,
                    pipe,
                }))
            }
            Tok::Keyword("block") => {
                let (name, pos) = self.template_name("block clause")?;
                let pipe = self.pipeline("block clause", true)?;
                let saved = std::mem::replace(&mut self.vars, vec!["$".to_string()]);
                self.depth += 1;
                let r = self.list();
                self.depth -= 1;
                let (list, ending) = r?;
                self.vars = saved;
                match ending {
                    Ending::End => {}
                    Ending::Eof => return self.err("unexpected EOF"),
                    Ending::Else(_) => return self.err("unexpected {{else}} in block clause"),
                }
                self.defs.insert(name.clone(), list);
                Ok(Act::Node(Node::Template {
                    pos,
                    src: format!(
                        "{{{{template {} {}}}}}",
                        gofmt::quote(&name),
                        pipe_string(&pipe)
                    ),
                    name,
                    pipe: Some(pipe),
                }))
            }
            _ => {
                self.backup();
                let p = self.pipeline("command", true)?;
                Ok(Act::Node(Node::Action(p)))
            }
        }
    }

    /// The quoted name after `define`, `template` or `block`.
    fn template_name(&mut self, ctx: &str) -> Result<(String, usize), TemplateError> {
        let (t, pos) = self.next_non_space();
        match t {
            Tok::Str { val, .. } => Ok((val, pos)),
            other => self.err(format!("unexpected {} in {ctx}", other.describe())),
        }
    }

    fn expect_right(&mut self, ctx: &str) -> Result<(), TemplateError> {
        let (t, _) = self.next_non_space();
        if t == Tok::RightDelim {
            Ok(())
        } else {
            self.err(format!("unexpected {} in {ctx}", t.describe()))
        }
    }

    fn control(&mut self, ctx: &'static str) -> Result<Node, TemplateError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err("max expression depth exceeded");
        }
        let r = self.control_inner(ctx);
        self.depth -= 1;
        r
    }

    fn control_inner(&mut self, ctx: &'static str) -> Result<Node, TemplateError> {
        let saved_vars = self.vars.len();
        let pipe = self.pipeline(ctx, true)?;
        if ctx == "range" {
            self.range_depth += 1;
        }
        let (list, ending) = self.list()?;
        if ctx == "range" {
            self.range_depth -= 1;
        }
        let else_list = match ending {
            Ending::Eof => return self.err("unexpected EOF"),
            Ending::End => Vec::new(),
            Ending::Else(0) => {
                let (l, e) = self.list()?;
                match e {
                    Ending::End => l,
                    Ending::Eof => return self.err("unexpected EOF"),
                    Ending::Else(_) => return self.err("expected end; found {{else}}"),
                }
            }
            Ending::Else(_) => {
                // `{{else if …}}`: the rest is a nested if/with ending at
                // the shared {{end}}.
                let (t, _) = self.next_non_space();
                let inner = match t {
                    Tok::Keyword("if") if ctx == "if" => "if",
                    Tok::Keyword("with") if ctx == "with" => "with",
                    other => return self.err(format!("unexpected {} in {ctx}", other.describe())),
                };
                vec![self.control(inner)?]
            }
        };
        self.vars.truncate(saved_vars);
        let node = match ctx {
            "if" => Node::If(pipe, list, else_list),
            "range" => Node::Range(pipe, list, else_list),
            _ => Node::With(pipe, list, else_list),
        };
        Ok(node)
    }

    fn pipeline(&mut self, ctx: &str, top: bool) -> Result<Pipe, TemplateError> {
        self.peek_non_space();
        let start = self.toks[self.i.min(self.toks.len() - 1)].1;
        let mut pipe = Pipe {
            pos: start,
            decl: Vec::new(),
            is_assign: false,
            cmds: Vec::new(),
        };
        // declarations
        let save = self.i;
        if let Tok::Variable(v) = self.peek_non_space() {
            self.next_non_space();
            match self.peek_non_space() {
                Tok::Declare | Tok::Assign => {
                    let (t, _) = self.next_non_space();
                    pipe.is_assign = t == Tok::Assign;
                    if pipe.is_assign && !self.vars.contains(&v) {
                        return self.err(format!("undefined variable {}", gofmt::quote(&v)));
                    }
                    pipe.decl.push(v.clone());
                }
                Tok::Comma if ctx == "range" => {
                    self.next_non_space();
                    let (t2, _) = self.next_non_space();
                    let Tok::Variable(v2) = t2 else {
                        return self.err("range can only initialize variables");
                    };
                    let (t3, _) = self.next_non_space();
                    if t3 == Tok::Comma {
                        return self.err("too many declarations in range");
                    }
                    if t3 != Tok::Declare && t3 != Tok::Assign {
                        return self.err(format!("unexpected {} in {ctx}", t3.describe()));
                    }
                    pipe.is_assign = t3 == Tok::Assign;
                    pipe.decl.push(v.clone());
                    pipe.decl.push(v2);
                }
                _ => self.i = save,
            }
        }
        let end = if top { Tok::RightDelim } else { Tok::RParen };
        loop {
            let (t, _) = self.next_non_space();
            if t == end {
                break;
            }
            match t {
                Tok::Bool(_)
                | Tok::Char { .. }
                | Tok::Dot
                | Tok::Field(_)
                | Tok::Ident(_)
                | Tok::Number(_)
                | Tok::Nil
                | Tok::Str { .. }
                | Tok::Variable(_)
                | Tok::LParen => {
                    self.backup();
                    let c = self.command()?;
                    pipe.cmds.push(c);
                }
                other => {
                    return self.err(format!("unexpected {} in {ctx}", other.describe()));
                }
            }
        }
        for v in &pipe.decl {
            if !pipe.is_assign {
                self.vars.push(v.clone());
            }
        }
        if pipe.cmds.is_empty() {
            return self.err(format!("missing value for {ctx}"));
        }
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if matches!(
                c.args.first(),
                Some(
                    Arg::Bool { .. }
                        | Arg::Dot { .. }
                        | Arg::Nil { .. }
                        | Arg::Number { .. }
                        | Arg::Str { .. }
                )
            ) {
                return self.err(format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                ));
            }
        }
        Ok(pipe)
    }

    fn command(&mut self) -> Result<Cmd, TemplateError> {
        let mut args = Vec::new();
        loop {
            self.peek_non_space();
            if let Some(a) = self.operand()? {
                args.push(a);
            }
            let (t, _) = self.next();
            match t {
                Tok::Space => continue,
                Tok::RightDelim | Tok::RParen => {
                    self.backup();
                    break;
                }
                Tok::Pipe => break,
                other => return self.err(format!("unexpected {} in operand", other.describe())),
            }
        }
        if args.is_empty() {
            return self.err("empty command");
        }
        Ok(Cmd { args })
    }

    fn operand(&mut self) -> Result<Option<Arg>, TemplateError> {
        let Some(mut node) = self.term()? else {
            return Ok(None);
        };
        if let Tok::Field(_) = self.peek() {
            // Go positions a chained field at its second segment
            let chain_pos = self.toks[self.i.min(self.toks.len() - 1)].1;
            let mut extra = Vec::new();
            while let Tok::Field(f) = self.peek().clone() {
                self.next();
                extra.push(f);
            }
            node = match node {
                Arg::Field { mut chain, .. } => {
                    chain.extend(extra);
                    Arg::Field {
                        pos: chain_pos,
                        chain,
                    }
                }
                Arg::Var {
                    name, mut chain, ..
                } => {
                    chain.extend(extra);
                    Arg::Var {
                        pos: chain_pos,
                        name,
                        chain,
                    }
                }
                Arg::Pipe {
                    pipe, mut chain, ..
                } => {
                    chain.extend(extra);
                    Arg::Pipe {
                        pos: chain_pos,
                        pipe,
                        chain,
                    }
                }
                Arg::Bool { .. }
                | Arg::Str { .. }
                | Arg::Number { .. }
                | Arg::Nil { .. }
                | Arg::Dot { .. } => {
                    return self.err(format!(
                        "unexpected . after term {}",
                        gofmt::quote(&arg_string(&node))
                    ))
                }
                Arg::Ident { pos, name } => {
                    // a function result with fields: treat like a pipe
                    Arg::Pipe {
                        pos,
                        pipe: Box::new(Pipe {
                            pos,
                            decl: vec![],
                            is_assign: false,
                            cmds: vec![Cmd {
                                args: vec![Arg::Ident { pos, name }],
                            }],
                        }),
                        chain: extra,
                    }
                }
            };
        }
        Ok(Some(node))
    }

    fn term(&mut self) -> Result<Option<Arg>, TemplateError> {
        let (t, pos) = self.next_non_space();
        Ok(Some(match t {
            Tok::Ident(name) => {
                if !FUNCS.contains(&name.as_str()) {
                    return self.err(format!("function {} not defined", gofmt::quote(&name)));
                }
                Arg::Ident { pos, name }
            }
            Tok::Dot => Arg::Dot { pos },
            Tok::Nil => Arg::Nil { pos },
            Tok::Variable(name) => {
                if name != "$" && !self.vars.contains(&name) {
                    return self.err(format!("undefined variable {}", gofmt::quote(&name)));
                }
                Arg::Var {
                    pos,
                    name,
                    chain: Vec::new(),
                }
            }
            Tok::Field(f) => Arg::Field {
                pos,
                chain: vec![f],
            },
            Tok::Bool(b) => Arg::Bool { pos, val: b },
            Tok::Number(src) => {
                if parse_number(&src).is_none() {
                    return self.err(format!("illegal number syntax: {}", gofmt::quote(&src)));
                }
                Arg::Number { pos, src }
            }
            Tok::Char { val, .. } => Arg::Number {
                pos,
                src: (val as u32).to_string(),
            },
            Tok::LParen => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return self.err("max expression depth exceeded");
                }
                let p = self.pipeline("parenthesized pipeline", false)?;
                self.depth -= 1;
                Arg::Pipe {
                    pos,
                    pipe: Box::new(p),
                    chain: Vec::new(),
                }
            }
            Tok::Str { val, src } => Arg::Str { pos, val, src },
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }
}

enum Act {
    Node(Node),
    End,
    Else(usize),
}

fn parse_number(src: &str) -> Option<Value> {
    let clean = src.replace('_', "");
    let (neg, body) = match clean.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, clean.strip_prefix('+').unwrap_or(&clean)),
    };
    if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        let v = i64::from_str_radix(h, 16).ok()?;
        return Some(Value::from(if neg { -v } else { v }));
    }
    if let Ok(v) = clean.trim_start_matches('+').parse::<i64>() {
        return Some(Value::from(v));
    }
    let f: f64 = clean.parse().ok()?;
    Number::from_f64(f).map(Value::Number)
}

fn chain_string(chain: &[String]) -> String {
    chain.iter().map(|c| format!(".{c}")).collect()
}

/// Go's `Node.String()` for error contexts.
fn arg_string(a: &Arg) -> String {
    match a {
        Arg::Field { chain, .. } => {
            if chain.is_empty() {
                ".".into()
            } else {
                chain_string(chain)
            }
        }
        Arg::Dot { .. } => ".".into(),
        Arg::Var { name, chain, .. } => format!("{name}{}", chain_string(chain)),
        Arg::Ident { name, .. } => name.clone(),
        Arg::Str { src, .. } => src.clone(),
        Arg::Number { src, .. } => src.clone(),
        Arg::Bool { val, .. } => val.to_string(),
        Arg::Nil { .. } => "nil".into(),
        Arg::Pipe { pipe, chain, .. } => {
            if chain.is_empty() {
                format!("({})", pipe_string(pipe))
            } else {
                format!("({}){}", pipe_string(pipe), chain_string(chain))
            }
        }
    }
}

fn pipe_string(p: &Pipe) -> String {
    let mut s = String::new();
    if !p.decl.is_empty() {
        s.push_str(&p.decl.join(", "));
        s.push_str(if p.is_assign { " = " } else { " := " });
    }
    let cmds: Vec<String> = p
        .cmds
        .iter()
        .map(|c| c.args.iter().map(arg_string).collect::<Vec<_>>().join(" "))
        .collect();
    s.push_str(&cmds.join(" | "));
    s
}

fn arg_pos(a: &Arg) -> usize {
    match a {
        Arg::Field { pos, .. }
        | Arg::Dot { pos }
        | Arg::Var { pos, .. }
        | Arg::Ident { pos, .. }
        | Arg::Number { pos, .. }
        | Arg::Nil { pos }
        | Arg::Pipe { pos, .. }
        | Arg::Str { pos, .. }
        | Arg::Bool { pos, .. } => *pos,
    }
}

impl Template {
    /// Parses Go template text (the template is named `""`, as Docker's).
    pub fn parse(src: &str) -> Result<Template, TemplateError> {
        let lexed = lex(src)?;
        let mut p = Parser {
            src,
            toks: lexed.toks,
            i: 0,
            vars: vec!["$".to_string()],
            range_depth: 0,
            depth: 0,
            defs: BTreeMap::new(),
        };
        let (root, ending) = p.list()?;
        match ending {
            Ending::Eof => Ok(Template {
                src: src.to_string(),
                root,
                defs: p.defs,
            }),
            Ending::End => p.err("unexpected {{end}}"),
            Ending::Else(_) => p.err("unexpected {{else}}"),
        }
    }

    /// Executes over `data`. On error, returns the output written so far
    /// with the error (Go writes as it goes).
    pub fn execute(
        &self,
        data: &Value,
        opts: &ExecOptions,
    ) -> Result<String, (String, TemplateError)> {
        let mut st = State {
            src: &self.src,
            out: String::new(),
            vars: vec![("$".to_string(), V::J(data.clone()))],
            opts,
            at_root: true,
            steps: 0,
            defs: &self.defs,
            template_depth: 0,
            tname: String::new(),
        };
        match st.walk_list(&self.root, &V::J(data.clone())) {
            Ok(_) => Ok(st.out),
            Err(e) => Err((st.out, e)),
        }
    }

    /// Executes and returns only the result or the error.
    pub fn render(&self, data: &Value) -> Result<String, TemplateError> {
        self.execute(data, &ExecOptions::default())
            .map_err(|(_, e)| e)
    }
}

/// How to execute.
#[derive(Clone, Debug, Default)]
pub struct ExecOptions {
    /// When set, the data stands for a Go struct of this type (e.g.
    /// `*formatter.ContainerContext`): a missing top-level field is an
    /// error (`can't evaluate field X in type T`) instead of `<no value>`.
    pub struct_type: Option<String>,
    /// Docker's `HeaderFunctions`: `json split join title lower upper
    /// truncate` return their first argument unchanged.
    pub header: bool,
    /// How a JSON `null` reached through field `name` prints: Go prints a
    /// nil slice as `[]` and a nil map as `map[]`, only other nils as
    /// `<nil>`. See [`docker_nil_repr`].
    pub nil_repr: Option<fn(&str) -> Option<&'static str>>,
}

/// [`ExecOptions::nil_repr`] for Docker's inspect structs: the slice and
/// map fields that are `null` in `docker inspect` JSON when empty.
pub fn docker_nil_repr(field: &str) -> Option<&'static str> {
    const SLICES: &[&str] = &[
        "Cmd",
        "Entrypoint",
        "OnBuild",
        "Env",
        "Shell",
        "Args",
        "ExecIDs",
        "Binds",
        "Links",
        "Dns",
        "DnsOptions",
        "DnsSearch",
        "ExtraHosts",
        "CapAdd",
        "CapDrop",
        "GroupAdd",
        "SecurityOpt",
        "Devices",
        "DeviceRequests",
        "DeviceCgroupRules",
        "VolumesFrom",
        "Mounts",
        "Layers",
        "RepoTags",
        "RepoDigests",
        "Aliases",
        "DNSNames",
        "Ulimits",
        "BlkioWeightDevice",
        "BlkioDeviceReadBps",
        "BlkioDeviceWriteBps",
        "BlkioDeviceReadIOps",
        "BlkioDeviceWriteIOps",
        "MaskedPaths",
        "ReadonlyPaths",
        "Links",
        "Secrets",
        "Configs",
        "Healthcheck.Test",
        "Test",
    ];
    const MAPS: &[&str] = &[
        "Labels",
        "Volumes",
        "ExposedPorts",
        "Ports",
        "PortBindings",
        "Networks",
        "Options",
        "Tmpfs",
        "StorageOpt",
        "Sysctls",
        "DriverOpts",
        "Annotations",
        "Data",
        "Metadata",
    ];
    if SLICES.contains(&field) {
        Some("[]")
    } else if MAPS.contains(&field) {
        Some("map[]")
    } else {
        None
    }
}

// ---------------------------------------------------------------- values

/// A template value: JSON, or Go's invalid value (a missing map key).
#[derive(Clone, Debug, PartialEq)]
enum V {
    NoValue,
    J(Value),
    /// A typed nil (a nil slice or map in Docker's Go structs), printed
    /// as Go prints it (`[]`, `map[]`); JSON `null` otherwise.
    Nil(&'static str),
}

impl V {
    fn s(s: impl Into<String>) -> V {
        V::J(Value::String(s.into()))
    }
    fn json(&self) -> Value {
        match self {
            V::NoValue | V::Nil(_) => Value::Null,
            V::J(v) => v.clone(),
        }
    }
}

/// Go's type name of a value, for error messages.
fn type_name(v: &V) -> String {
    match v {
        V::NoValue => "<nil>".into(),
        V::Nil("[]") => "[]string".into(),
        V::Nil("map[]") => "map[string]string".into(),
        V::Nil(_) => "<nil>".into(),
        V::J(Value::Null) => "<nil>".into(),
        V::J(Value::Bool(_)) => "bool".into(),
        V::J(Value::Number(n)) => {
            if n.is_f64() {
                "float64".into()
            } else {
                "int".into()
            }
        }
        V::J(Value::String(_)) => "string".into(),
        V::J(Value::Array(a)) => {
            if !a.is_empty() && a.iter().all(Value::is_string) {
                "[]string".into()
            } else {
                "[]interface {}".into()
            }
        }
        V::J(Value::Object(_)) => "map[string]interface {}".into(),
    }
}

fn is_struct(m: &Map<String, Value>) -> bool {
    !m.is_empty()
        && m.keys()
            .all(|k| k.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
}

/// Go's `fmt.Sprint` of one value (`%v`).
fn print_value(v: &V) -> String {
    match v {
        V::NoValue => "<no value>".into(),
        V::Nil(r) => (*r).to_string(),
        V::J(j) => print_json(j),
    }
}

fn print_json(j: &Value) -> String {
    match j {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => print_number(n),
        Value::String(s) => s.clone(),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(print_json).collect();
            format!("[{}]", items.join(" "))
        }
        Value::Object(m) => {
            if is_struct(m) {
                let items: Vec<String> = m.values().map(print_json).collect();
                format!("{{{}}}", items.join(" "))
            } else {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                let items: Vec<String> = keys
                    .iter()
                    .map(|k| format!("{k}:{}", print_json(&m[k.as_str()])))
                    .collect();
                format!("map[{}]", items.join(" "))
            }
        }
    }
}

fn print_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        gofmt::format_v(n.as_f64().unwrap_or(0.0))
    }
}

fn truth(v: &V) -> bool {
    match v {
        V::NoValue | V::Nil(_) => false,
        V::J(j) => match j {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            Value::Object(m) => !m.is_empty() || is_struct(m),
        },
    }
}

// ---------------------------------------------------------------- exec

struct State<'a> {
    src: &'a str,
    out: String,
    vars: Vec<(String, V)>,
    opts: &'a ExecOptions,
    /// Whether dot is still the data itself (not inside range/with).
    at_root: bool,
    steps: u64,
    defs: &'a BTreeMap<String, Vec<Node>>,
    template_depth: usize,
    /// The template being executed (`""` for the main one).
    tname: String,
}

enum Flow {
    Normal,
    Break,
    Continue,
}

impl State<'_> {
    fn error<T>(
        &self,
        pos: usize,
        context: String,
        msg: impl Into<String>,
    ) -> Result<T, TemplateError> {
        let before = &self.src[..pos.min(self.src.len())];
        let col = match before.rfind('\n') {
            Some(i) => pos - i - 1,
            None => pos,
        };
        Err(TemplateError::Exec {
            line: line_of(self.src, pos),
            col,
            name: self.tname.clone(),
            context,
            msg: msg.into(),
        })
    }

    fn walk_list(&mut self, list: &[Node], dot: &V) -> Result<Flow, TemplateError> {
        for n in list {
            match self.walk(n, dot)? {
                Flow::Normal => {}
                f => return Ok(f),
            }
        }
        Ok(Flow::Normal)
    }

    fn walk(&mut self, n: &Node, dot: &V) -> Result<Flow, TemplateError> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return self.error(0, "template".into(), "execution limit exceeded");
        }
        match n {
            Node::Text(t) => self.out.push_str(t),
            Node::Action(p) => {
                let v = self.eval_pipeline(dot, p)?;
                if p.decl.is_empty() {
                    self.out.push_str(&print_value(&v));
                }
            }
            Node::If(p, list, else_list) | Node::With(p, list, else_list) => {
                let mark = self.vars.len();
                let v = self.eval_pipeline(dot, p)?;
                let flow = if truth(&v) {
                    if matches!(n, Node::With(..)) {
                        let saved = std::mem::replace(&mut self.at_root, false);
                        let f = self.walk_list(list, &v);
                        self.at_root = saved;
                        f?
                    } else {
                        self.walk_list(list, dot)?
                    }
                } else {
                    self.walk_list(else_list, dot)?
                };
                self.vars.truncate(mark);
                return Ok(flow);
            }
            Node::Range(p, list, else_list) => {
                let mark = self.vars.len();
                // the declared variables are bound per element, not to the pipeline
                let decl = p.decl.clone();
                let bare = Pipe {
                    pos: p.pos,
                    decl: Vec::new(),
                    is_assign: false,
                    cmds: p.cmds.clone(),
                };
                let v = self.eval_pipeline(dot, &bare)?;
                let items: Vec<(V, V)> = match &v {
                    V::J(Value::Array(a)) => a
                        .iter()
                        .enumerate()
                        .map(|(i, e)| (V::J(Value::from(i)), V::J(e.clone())))
                        .collect(),
                    V::J(Value::Object(m)) => {
                        let mut keys: Vec<&String> = m.keys().collect();
                        keys.sort();
                        keys.into_iter()
                            .map(|k| (V::s(k.clone()), V::J(m[k.as_str()].clone())))
                            .collect()
                    }
                    V::J(Value::Number(n)) if n.as_i64().is_some() => {
                        let count = n.as_i64().unwrap_or(0).min(MAX_STEPS as i64 + 1);
                        (0..count.max(0))
                            .map(|i| (V::J(Value::from(i)), V::J(Value::from(i))))
                            .collect()
                    }
                    V::NoValue | V::Nil(_) | V::J(Value::Null) => Vec::new(),
                    other => {
                        // Go reports at the last node evaluated
                        let last = p.cmds.last().and_then(|c| c.args.first());
                        return self.error(
                            last.map_or(p.pos, arg_pos),
                            last.map_or_else(|| pipe_string(p), arg_string),
                            format!("range can't iterate over {}", print_value(other)),
                        );
                    }
                };
                if items.is_empty() {
                    let f = self.walk_list(else_list, dot)?;
                    self.vars.truncate(mark);
                    return Ok(f);
                }
                for (k, e) in items {
                    let inner = self.vars.len();
                    match decl.len() {
                        1 => self.set_var(&decl[0], e.clone(), p.is_assign),
                        2 => {
                            self.set_var(&decl[0], k, p.is_assign);
                            self.set_var(&decl[1], e.clone(), p.is_assign);
                        }
                        _ => {}
                    }
                    let saved = std::mem::replace(&mut self.at_root, false);
                    let f = self.walk_list(list, &e);
                    self.at_root = saved;
                    let f = f?;
                    self.vars.truncate(inner);
                    if matches!(f, Flow::Break) {
                        break;
                    }
                }
                self.vars.truncate(mark);
            }
            Node::Break => return Ok(Flow::Break),
            Node::Continue => return Ok(Flow::Continue),
            Node::Template {
                pos,
                name,
                src,
                pipe,
            } => {
                let Some(body) = self.defs.get(name) else {
                    return self.error(
                        *pos,
                        src.clone(),
                        format!("template {} not defined", gofmt::quote(name)),
                    );
                };
                if self.template_depth >= MAX_DEPTH {
                    return self.error(
                        *pos,
                        src.clone(),
                        "exceeded maximum template depth (100000)",
                    );
                }
                let d = match pipe {
                    Some(p) => self.eval_pipeline(dot, p)?,
                    None => V::NoValue,
                };
                let saved_vars = std::mem::replace(&mut self.vars, vec![("$".into(), d.clone())]);
                let saved_root = std::mem::replace(&mut self.at_root, false);
                self.template_depth += 1;
                let saved_name = std::mem::replace(&mut self.tname, name.clone());
                let r = self.walk_list(body, &d);
                self.tname = saved_name;
                self.template_depth -= 1;
                self.vars = saved_vars;
                self.at_root = saved_root;
                r?;
            }
        }
        Ok(Flow::Normal)
    }

    fn set_var(&mut self, name: &str, v: V, assign: bool) {
        if assign {
            if let Some(slot) = self.vars.iter_mut().rev().find(|(n, _)| n == name) {
                slot.1 = v;
                return;
            }
        }
        self.vars.push((name.to_string(), v));
    }

    fn eval_pipeline(&mut self, dot: &V, p: &Pipe) -> Result<V, TemplateError> {
        let mut val: Option<V> = None;
        for c in &p.cmds {
            val = Some(self.eval_command(dot, c, val)?);
        }
        let v = val.unwrap_or(V::NoValue);
        for d in &p.decl {
            self.set_var(d, v.clone(), p.is_assign);
        }
        Ok(v)
    }

    fn eval_command(&mut self, dot: &V, c: &Cmd, fin: Option<V>) -> Result<V, TemplateError> {
        let first = &c.args[0];
        match first {
            Arg::Ident { pos, name } => self.call(dot, *pos, name, &c.args[1..], fin),
            Arg::Nil { pos } => self.error(*pos, "nil".into(), "nil is not a command"),
            Arg::Field { chain, .. } | Arg::Var { chain, .. } | Arg::Pipe { chain, .. }
                if !chain.is_empty() && (c.args.len() > 1 || fin.is_some()) =>
            {
                let last = chain.last().cloned().unwrap_or_default();
                self.error(
                    arg_pos(first),
                    arg_string(first),
                    format!("{last} is not a method but has arguments"),
                )
            }
            _ => {
                if c.args.len() > 1 || fin.is_some() {
                    return self.error(
                        arg_pos(first),
                        arg_string(first),
                        format!("can't give argument to non-function {}", arg_string(first)),
                    );
                }
                self.eval_arg(dot, first)
            }
        }
    }

    fn eval_arg(&mut self, dot: &V, a: &Arg) -> Result<V, TemplateError> {
        match a {
            Arg::Dot { .. } => Ok(dot.clone()),
            Arg::Field { pos, chain } => self.walk_chain(dot, chain, *pos, a, self.at_root),
            Arg::Var { pos, name, chain } => {
                let v = self
                    .vars
                    .iter()
                    .rev()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or(V::NoValue);
                self.walk_chain(&v, chain, *pos, a, name == "$")
            }
            Arg::Ident { pos, name } => self.call(dot, *pos, name, &[], None),
            Arg::Str { val, .. } => Ok(V::s(val.clone())),
            Arg::Number { src, .. } => Ok(V::J(parse_number(src).unwrap_or(Value::Null))),
            Arg::Bool { val, .. } => Ok(V::J(Value::Bool(*val))),
            Arg::Nil { .. } => Ok(V::J(Value::Null)),
            Arg::Pipe { pos, pipe, chain } => {
                let mark = self.vars.len();
                let v = self.eval_pipeline(dot, pipe)?;
                self.vars.truncate(mark);
                self.walk_chain(&v, chain, *pos, a, false)
            }
        }
    }

    fn walk_chain(
        &self,
        start: &V,
        chain: &[String],
        pos: usize,
        node: &Arg,
        strict: bool,
    ) -> Result<V, TemplateError> {
        if chain.is_empty() {
            return Ok(start.clone());
        }
        let V::J(first) = start else {
            return Ok(V::NoValue);
        };
        let mut cur: &Value = first;
        for (i, f) in chain.iter().enumerate() {
            match cur {
                Value::Null => return Ok(V::NoValue),
                Value::Object(m) => match m.get(f) {
                    Some(x) => cur = x,
                    None => {
                        if let (true, 0, Some(t)) = (strict, i, &self.opts.struct_type) {
                            return self.error(
                                pos,
                                arg_string(node),
                                format!("can't evaluate field {f} in type {t}"),
                            );
                        }
                        return Ok(V::NoValue);
                    }
                },
                other => {
                    return self.error(
                        pos,
                        arg_string(node),
                        format!(
                            "can't evaluate field {f} in type {}",
                            type_name(&V::J(other.clone()))
                        ),
                    )
                }
            }
        }
        if cur.is_null() {
            let hint = self.opts.nil_repr.and_then(|f| f(chain.last()?));
            if let Some(r) = hint {
                return Ok(V::Nil(r));
            }
        }
        Ok(V::J(cur.clone()))
    }

    fn call(
        &mut self,
        dot: &V,
        pos: usize,
        name: &str,
        args: &[Arg],
        fin: Option<V>,
    ) -> Result<V, TemplateError> {
        let ctx = name.to_string();
        // "error calling X: …" is reported at the whole command
        let cmd = std::iter::once(name.to_string())
            .chain(args.iter().map(arg_string))
            .collect::<Vec<_>>()
            .join(" ");
        // and/or short-circuit on unevaluated arguments
        if name == "and" || name == "or" {
            let n = args.len() + usize::from(fin.is_some());
            if n < 1 {
                return self.error(
                    pos,
                    ctx,
                    format!("wrong number of args for {name}: want at least 1 got 0"),
                );
            }
            let mut last = V::NoValue;
            for a in args {
                last = self.eval_arg(dot, a)?;
                if truth(&last) == (name == "or") {
                    return Ok(last);
                }
            }
            if let Some(f) = fin {
                last = f;
            }
            return Ok(last);
        }
        let mut vals = Vec::with_capacity(args.len() + 1);
        for a in args {
            let lit = matches!(
                a,
                Arg::Str { .. } | Arg::Number { .. } | Arg::Bool { .. } | Arg::Nil { .. }
            );
            vals.push((
                nil_if_missing(self.eval_arg(dot, a)?),
                arg_pos(a),
                arg_string(a),
                lit,
            ));
        }
        if let Some(f) = fin {
            vals.push((nil_if_missing(f), pos, ctx.clone(), false));
        }
        let want = |n: usize| -> Result<(), TemplateError> {
            if vals.len() != n {
                return self.error(
                    pos,
                    ctx.clone(),
                    format!(
                        "wrong number of args for {name}: want {n} got {}",
                        vals.len()
                    ),
                );
            }
            Ok(())
        };
        let as_string = |i: usize| -> Result<String, TemplateError> {
            match &vals[i].0 {
                V::J(Value::String(s)) => Ok(s.clone()),
                V::J(Value::Null) if vals[i].3 => {
                    self.error(vals[i].1, vals[i].2.clone(), "cannot assign nil to string")
                }
                _ if vals[i].3 => self.error(
                    vals[i].1,
                    vals[i].2.clone(),
                    format!("expected string; found {}", vals[i].2),
                ),
                V::J(Value::Null) => self.error(
                    vals[i].1,
                    vals[i].2.clone(),
                    "invalid value; expected string",
                ),
                other => self.error(
                    vals[i].1,
                    vals[i].2.clone(),
                    format!(
                        "wrong type for value; expected string; got {}",
                        type_name(other)
                    ),
                ),
            }
        };
        let as_int = |i: usize| -> Result<i64, TemplateError> {
            match &vals[i].0 {
                V::J(Value::Number(n)) if n.as_i64().is_some() => Ok(n.as_i64().unwrap_or(0)),
                _ if vals[i].3 => self.error(
                    vals[i].1,
                    vals[i].2.clone(),
                    format!("expected integer; found {}", vals[i].2),
                ),
                other => self.error(
                    vals[i].1,
                    vals[i].2.clone(),
                    format!(
                        "wrong type for value; expected int; got {}",
                        type_name(other)
                    ),
                ),
            }
        };
        if self.opts.header
            && matches!(
                name,
                "json" | "split" | "join" | "title" | "lower" | "upper" | "truncate"
            )
        {
            let n = match name {
                "json" | "title" | "lower" | "upper" => 1,
                _ => 2,
            };
            want(n)?;
            return Ok(V::s(as_string(0)?));
        }
        let one = |v: &V| v.clone();
        match name {
            "not" => {
                want(1)?;
                Ok(V::J(Value::Bool(!truth(&vals[0].0))))
            }
            "len" => {
                want(1)?;
                let n = match &vals[0].0 {
                    V::J(Value::String(s)) => s.len(),
                    V::J(Value::Array(a)) => a.len(),
                    V::J(Value::Object(m)) => m.len(),
                    V::Nil(_) => 0,
                    other => {
                        return self.error(
                            pos,
                            cmd.clone(),
                            format!("error calling len: len of type {}", type_name(other)),
                        )
                    }
                };
                Ok(V::J(Value::from(n)))
            }
            "index" => {
                if vals.is_empty() {
                    return self.error(
                        pos,
                        ctx,
                        "wrong number of args for index: want at least 1 got 0",
                    );
                }
                let mut item = one(&vals[0].0);
                for (k, _, _, _) in &vals[1..] {
                    item = match (&item, k) {
                        (V::J(Value::Object(m)), V::J(Value::String(key))) => match m.get(key) {
                            Some(x) => V::J(x.clone()),
                            None => {
                                if m.values().all(Value::is_string) {
                                    V::s("")
                                } else {
                                    V::J(Value::Null)
                                }
                            }
                        },
                        (V::J(Value::Array(a)), V::J(Value::Number(n))) => {
                            let Some(i) = n.as_i64() else {
                                return self.error(
                                    pos,
                                    cmd.clone(),
                                    "error calling index: cannot index slice/array with type float64",
                                );
                            };
                            match usize::try_from(i).ok().and_then(|i| a.get(i)) {
                                Some(x) => V::J(x.clone()),
                                None => {
                                    return self.error(
                                        pos,
                                        cmd.clone(),
                                        format!("error calling index: index out of range: {i}"),
                                    )
                                }
                            }
                        }
                        (V::J(Value::String(st)), V::J(Value::Number(n))) => {
                            let b = n
                                .as_i64()
                                .and_then(|i| usize::try_from(i).ok())
                                .and_then(|i| st.as_bytes().get(i));
                            match b {
                                Some(&b) => V::J(Value::from(b)),
                                None => {
                                    return self.error(
                                        pos,
                                        cmd.clone(),
                                        format!("error calling index: index out of range: {n}"),
                                    )
                                }
                            }
                        }
                        (V::J(Value::Object(_)), other) => {
                            return self.error(
                                pos,
                                cmd.clone(),
                                format!(
                                    "error calling index: value has type {}; should be string",
                                    type_name(other)
                                ),
                            )
                        }
                        (V::J(Value::Array(_) | Value::String(_)), other) => {
                            return self.error(
                                pos,
                                cmd.clone(),
                                format!(
                                    "error calling index: cannot index slice/array with type {}",
                                    type_name(other)
                                ),
                            )
                        }
                        (V::NoValue | V::Nil(_) | V::J(Value::Null), _) => {
                            return self.error(
                                pos,
                                cmd.clone(),
                                "error calling index: index of untyped nil",
                            )
                        }
                        (other, _) => {
                            return self.error(
                                pos,
                                cmd.clone(),
                                format!(
                                    "error calling index: can't index item of type {}",
                                    type_name(other)
                                ),
                            )
                        }
                    };
                }
                Ok(item)
            }
            "slice" => {
                if vals.is_empty() {
                    return self.error(
                        pos,
                        ctx,
                        "wrong number of args for slice: want at least 1 got 0",
                    );
                }
                let mut idx = Vec::new();
                for i in 1..vals.len() {
                    idx.push(as_int(i)?);
                }
                let len = match &vals[0].0 {
                    V::J(Value::String(s)) => s.len(),
                    V::J(Value::Array(a)) => a.len(),
                    other => {
                        return self.error(
                            pos,
                            cmd.clone(),
                            format!(
                                "error calling slice: can't slice item of type {}",
                                type_name(other)
                            ),
                        )
                    }
                } as i64;
                let lo = idx.first().copied().unwrap_or(0);
                let hi = idx.get(1).copied().unwrap_or(len);
                if lo > hi && idx.len() == 2 {
                    return self.error(
                        pos,
                        cmd.clone(),
                        format!("error calling slice: invalid slice index: {lo} > {hi}"),
                    );
                }
                if idx.len() > 2 || lo < 0 || hi < lo || hi > len {
                    return self.error(
                        pos,
                        cmd.clone(),
                        format!("error calling slice: index out of range: {}", hi.max(lo)),
                    );
                }
                match &vals[0].0 {
                    V::J(Value::String(s)) => match s.get(lo as usize..hi as usize) {
                        Some(sub) => Ok(V::s(sub)),
                        None => Ok(V::s(
                            String::from_utf8_lossy(&s.as_bytes()[lo as usize..hi as usize])
                                .into_owned(),
                        )),
                    },
                    V::J(Value::Array(a)) => {
                        Ok(V::J(Value::Array(a[lo as usize..hi as usize].to_vec())))
                    }
                    _ => Ok(V::NoValue),
                }
            }
            "print" => Ok(V::s(sprint(
                &vals.iter().map(|v| v.0.clone()).collect::<Vec<_>>(),
            ))),
            "println" => {
                let parts: Vec<String> = vals.iter().map(|v| print_value(&v.0)).collect();
                Ok(V::s(format!("{}\n", parts.join(" "))))
            }
            "printf" => {
                if vals.is_empty() {
                    return self.error(
                        pos,
                        ctx,
                        "wrong number of args for printf: want at least 1 got 0",
                    );
                }
                let f = as_string(0)?;
                let rest: Vec<V> = vals[1..].iter().map(|v| v.0.clone()).collect();
                Ok(V::s(sprintf(&f, &rest)))
            }
            "eq" | "ne" | "lt" | "le" | "gt" | "ge" => {
                if name == "eq" {
                    if vals.is_empty() {
                        return self.error(
                            pos,
                            ctx,
                            "wrong number of args for eq: want at least 1 got 0",
                        );
                    }
                    if vals.len() < 2 {
                        return self.error(
                            pos,
                            cmd.clone(),
                            "error calling eq: missing argument for comparison",
                        );
                    }
                    for other in &vals[1..] {
                        match compare(&vals[0].0, &other.0) {
                            Ok(Some(std::cmp::Ordering::Equal)) => {
                                return Ok(V::J(Value::Bool(true)))
                            }
                            Ok(_) => {}
                            Err(m) => {
                                return self.error(
                                    pos,
                                    cmd.clone(),
                                    format!("error calling eq: {m}"),
                                )
                            }
                        }
                    }
                    return Ok(V::J(Value::Bool(false)));
                }
                want(2)?;
                let ord = match compare(&vals[0].0, &vals[1].0) {
                    Ok(o) => o,
                    Err(m) => {
                        return self.error(pos, cmd.clone(), format!("error calling {name}: {m}"))
                    }
                };
                use std::cmp::Ordering::*;
                if name != "ne" && ord.is_none() {
                    return self.error(
                        pos,
                        cmd.clone(),
                        format!("error calling {name}: invalid type for comparison"),
                    );
                }
                let r = match name {
                    "ne" => ord != Some(Equal),
                    "lt" => ord == Some(Less),
                    "le" => ord != Some(Greater),
                    "gt" => ord == Some(Greater),
                    _ => ord != Some(Less),
                };
                Ok(V::J(Value::Bool(r)))
            }
            "html" => Ok(V::s(html_escape(&sprint(
                &vals.iter().map(|v| v.0.clone()).collect::<Vec<_>>(),
            )))),
            "js" => Ok(V::s(js_escape(&sprint(
                &vals.iter().map(|v| v.0.clone()).collect::<Vec<_>>(),
            )))),
            "urlquery" => Ok(V::s(query_escape(&sprint(
                &vals.iter().map(|v| v.0.clone()).collect::<Vec<_>>(),
            )))),
            "call" => {
                let t = vals
                    .first()
                    .map(|v| type_name(&v.0))
                    .unwrap_or_else(|| "<nil>".into());
                self.error(
                    pos,
                    cmd.clone(),
                    format!("error calling call: non-function of type {t}"),
                )
            }
            "json" => {
                want(1)?;
                Ok(V::s(go_json(&vals[0].0.json())))
            }
            "split" => {
                want(2)?;
                let (s, sep) = (as_string(0)?, as_string(1)?);
                let parts: Vec<Value> = if sep.is_empty() {
                    s.chars().map(|c| Value::String(c.to_string())).collect()
                } else {
                    s.split(sep.as_str())
                        .map(|p| Value::String(p.to_string()))
                        .collect()
                };
                Ok(V::J(Value::Array(parts)))
            }
            "join" => {
                want(2)?;
                let list = match &vals[0].0 {
                    V::J(Value::Array(a)) if a.iter().all(Value::is_string) => a
                        .iter()
                        .map(|x| x.as_str().unwrap_or_default().to_string())
                        .collect::<Vec<_>>(),
                    _ if vals[0].3 => {
                        return self.error(
                            vals[0].1,
                            vals[0].2.clone(),
                            format!("can't handle {} for arg of type []string", vals[0].2),
                        )
                    }
                    other => {
                        return self.error(
                            vals[0].1,
                            vals[0].2.clone(),
                            format!(
                                "wrong type for value; expected []string; got {}",
                                type_name(other)
                            ),
                        )
                    }
                };
                let sep = as_string(1)?;
                Ok(V::s(list.join(&sep)))
            }
            "title" => {
                want(1)?;
                Ok(V::s(go_title(&as_string(0)?)))
            }
            "lower" => {
                want(1)?;
                Ok(V::s(as_string(0)?.to_lowercase()))
            }
            "upper" => {
                want(1)?;
                Ok(V::s(as_string(0)?.to_uppercase()))
            }
            "pad" => {
                want(3)?;
                let s = as_string(0)?;
                let (pre, suf) = (as_int(1)?, as_int(2)?);
                if s.is_empty() {
                    return Ok(V::s(s));
                }
                if pre < 0 || suf < 0 || pre.saturating_add(suf) > 1_000_000 {
                    return self.error(
                        pos,
                        cmd.clone(),
                        "error calling pad: strings: negative Repeat count",
                    );
                }
                Ok(V::s(format!(
                    "{}{s}{}",
                    " ".repeat(pre as usize),
                    " ".repeat(suf as usize)
                )))
            }
            "truncate" => {
                want(2)?;
                let s = as_string(0)?;
                let n = as_int(1)?;
                if (s.len() as i64) < n {
                    return Ok(V::s(s));
                }
                let n = usize::try_from(n).unwrap_or(0);
                let cut = String::from_utf8_lossy(&s.as_bytes()[..n]).into_owned();
                Ok(V::s(cut))
            }
            _ => self.error(pos, ctx, format!("{name} is not a defined function")),
        }
    }
}

/// A missing map key passed to a function arrives as Go's nil.
fn nil_if_missing(v: V) -> V {
    match v {
        V::NoValue => V::J(Value::Null),
        v => v,
    }
}

/// Orders two values as Go's `lt`/`eq` do for basic kinds; `Ok(None)` when
/// they are equal-comparable but not ordered (bools, null).
fn compare(a: &V, b: &V) -> Result<Option<std::cmp::Ordering>, String> {
    match (a, b) {
        (V::J(Value::String(x)), V::J(Value::String(y))) => Ok(Some(x.cmp(y))),
        (V::J(Value::Number(x)), V::J(Value::Number(y))) => {
            if x.is_f64() != y.is_f64() {
                return Err("incompatible types for comparison".into());
            }
            let (x, y) = (x.as_f64().unwrap_or(0.0), y.as_f64().unwrap_or(0.0));
            Ok(x.partial_cmp(&y))
        }
        (V::J(Value::Bool(x)), V::J(Value::Bool(y))) => Ok(if x == y {
            Some(std::cmp::Ordering::Equal)
        } else {
            None
        }),
        (
            V::NoValue | V::Nil(_) | V::J(Value::Null),
            V::NoValue | V::Nil(_) | V::J(Value::Null),
        ) => Ok(Some(std::cmp::Ordering::Equal)),
        // Go's eq: a nil operand is simply unequal to anything else
        (V::NoValue | V::Nil(_) | V::J(Value::Null), _)
        | (_, V::NoValue | V::Nil(_) | V::J(Value::Null)) => Ok(None),
        (V::J(Value::Array(_) | Value::Object(_)), _) => Err(format!(
            "non-comparable type {}: {}",
            print_value(a),
            type_name(a)
        )),
        (_, V::J(Value::Array(_) | Value::Object(_))) => Err(format!(
            "non-comparable type {}: {}",
            print_value(b),
            type_name(b)
        )),
        _ => Err("incompatible types for comparison".into()),
    }
}

/// `fmt.Sprint`: spaces between operands when neither side is a string.
fn sprint(vals: &[V]) -> String {
    let mut s = String::new();
    for (i, v) in vals.iter().enumerate() {
        let is_str = matches!(v, V::J(Value::String(_)));
        if i > 0 && !is_str && !matches!(vals[i - 1], V::J(Value::String(_))) {
            s.push(' ');
        }
        s.push_str(&print_value(v));
    }
    s
}

/// `strings.Title`: upper-cases the first letter of each word.
fn go_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_letter = false;
    for c in s.chars() {
        if !prev_letter && c.is_alphabetic() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev_letter = c.is_alphanumeric() || c == '_' || c == '\'';
    }
    out
}

/// Docker's `json` function: `encoding/json` compact, HTML not escaped.
pub fn go_json(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "null".into());
    s.replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn html_escape(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '\'' => o.push_str("&#39;"),
            '"' => o.push_str("&#34;"),
            '\0' => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

fn js_escape(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            '\'' => o.push_str("\\'"),
            '"' => o.push_str("\\\""),
            '<' => o.push_str("\\u003C"),
            '>' => o.push_str("\\u003E"),
            '&' => o.push_str("\\u0026"),
            '=' => o.push_str("\\u003D"),
            '\n' => o.push_str("\\u000A"),
            '\r' => o.push_str("\\u000D"),
            '\t' => o.push_str("\\u0009"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04X}", c as u32)),
            c => o.push(c),
        }
    }
    o
}

fn query_escape(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                o.push(b as char)
            }
            b' ' => o.push('+'),
            b => o.push_str(&format!("%{b:02X}")),
        }
    }
    o
}

// ---------------------------------------------------------------- printf

/// Go's `fmt.Sprintf` for the verbs templates use: `%v %s %q %d %x %X %o
/// %b %c %f %F %e %E %g %G %t %T %%`, flags `- + # 0 space`, width and
/// precision (`*` too); bad verbs and argument counts print Go's
/// `%!v(…)` markers.
fn sprintf(format: &str, args: &[V]) -> String {
    let mut out = String::new();
    let mut argi = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&f) = chars.peek() {
            match f {
                '-' => spec.minus = true,
                '+' => spec.plus = true,
                '#' => spec.sharp = true,
                '0' => spec.zero = true,
                ' ' => spec.space = true,
                _ => break,
            }
            chars.next();
        }
        spec.width = read_num(&mut chars, args, &mut argi);
        if chars.peek() == Some(&'.') {
            chars.next();
            spec.prec = Some(read_num(&mut chars, args, &mut argi).unwrap_or(0));
        }
        let Some(verb) = chars.next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        if verb == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = args.get(argi) else {
            out.push_str(&format!("%!{verb}(MISSING)"));
            continue;
        };
        argi += 1;
        out.push_str(&format_one(verb, &spec, arg));
    }
    if argi < args.len() {
        let extra: Vec<String> = args[argi..]
            .iter()
            .map(|a| format!("{}={}", type_name(a), print_value(a)))
            .collect();
        out.push_str(&format!("%!(EXTRA {})", extra.join(", ")));
    }
    out
}

#[derive(Default)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    zero: bool,
    space: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

fn read_num(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    args: &[V],
    argi: &mut usize,
) -> Option<usize> {
    if chars.peek() == Some(&'*') {
        chars.next();
        let v = args.get(*argi).and_then(|a| match a {
            V::J(Value::Number(n)) => n.as_u64().map(|u| (u as usize).min(1_000_000)),
            _ => None,
        });
        *argi += 1;
        return v;
    }
    let mut n: Option<usize> = None;
    while let Some(&d) = chars.peek() {
        let Some(v) = d.to_digit(10) else { break };
        n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(v as usize));
        chars.next();
    }
    // Go's fmt rejects widths and precisions above 1e6 (`%!(BADWIDTH)`);
    // here they are capped there.
    n.map(|v| v.min(1_000_000))
}

fn pad(s: String, spec: &Spec, numeric: bool) -> String {
    let w = spec.width.unwrap_or(0);
    let len = s.chars().count();
    if len >= w {
        return s;
    }
    let fill = w - len;
    if spec.minus {
        format!("{s}{}", " ".repeat(fill))
    } else if spec.zero && numeric {
        let (sign, digits) = match s.strip_prefix(['-', '+']) {
            Some(d) => (&s[..1], d),
            None => ("", s.as_str()),
        };
        format!("{sign}{}{digits}", "0".repeat(fill))
    } else {
        format!("{}{s}", " ".repeat(fill))
    }
}

fn bad_verb(verb: char, arg: &V) -> String {
    match arg {
        V::NoValue | V::J(Value::Null) => format!("%!{verb}(<nil>)"),
        _ => format!("%!{verb}({}={})", type_name(arg), print_value(arg)),
    }
}

fn format_one(verb: char, spec: &Spec, arg: &V) -> String {
    let num = match arg {
        V::J(Value::Number(n)) => Some(n.clone()),
        _ => None,
    };
    match verb {
        'v' => pad(print_value(arg), spec, false),
        'T' => pad(type_name(arg), spec, false),
        's' | 'q' | 'x' | 'X' if matches!(arg, V::J(Value::String(_))) => {
            let s = match arg {
                V::J(Value::String(s)) => s.clone(),
                _ => String::new(),
            };
            let s = match spec.prec {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            };
            let body = match verb {
                's' => s,
                'q' => gofmt::quote(&s),
                'x' => s.bytes().map(|b| format!("{b:02x}")).collect(),
                _ => s.bytes().map(|b| format!("{b:02X}")).collect(),
            };
            pad(body, spec, false)
        }
        's' => match arg {
            V::J(Value::Array(_) | Value::Object(_)) | V::Nil("[]" | "map[]") => {
                pad(print_value(arg), spec, false)
            }
            _ => bad_verb(verb, arg),
        },
        't' => match arg {
            V::J(Value::Bool(b)) => pad(b.to_string(), spec, false),
            _ => bad_verb(verb, arg),
        },
        'd' | 'x' | 'X' | 'o' | 'b' | 'c' | 'q' => match num.as_ref().and_then(Number::as_i64) {
            Some(i) => {
                let mut body = match verb {
                    'd' => i.unsigned_abs().to_string(),
                    'x' => format!("{:x}", i.unsigned_abs()),
                    'X' => format!("{:X}", i.unsigned_abs()),
                    'o' => format!("{:o}", i.unsigned_abs()),
                    'b' => format!("{:b}", i.unsigned_abs()),
                    'c' => {
                        return pad(
                            char::from_u32(i as u32).unwrap_or('\u{FFFD}').to_string(),
                            spec,
                            false,
                        )
                    }
                    _ => {
                        let ch = char::from_u32(i as u32).unwrap_or('\u{FFFD}');
                        return pad(format!("'{ch}'"), spec, false);
                    }
                };
                if spec.sharp {
                    match verb {
                        'x' => body = format!("0x{body}"),
                        'X' => body = format!("0X{body}"),
                        'o' => body = format!("0{body}"),
                        _ => {}
                    }
                }
                let sign = if i < 0 {
                    "-"
                } else if spec.plus {
                    "+"
                } else if spec.space {
                    " "
                } else {
                    ""
                };
                pad(format!("{sign}{body}"), spec, true)
            }
            None => bad_verb(verb, arg),
        },
        'f' | 'F' | 'e' | 'E' | 'g' | 'G' => match num.as_ref().and_then(Number::as_f64) {
            Some(f) if num.as_ref().is_some_and(Number::is_f64) => {
                let body = match verb {
                    'f' | 'F' => gofmt::format_f(f, spec.prec.unwrap_or(6)),
                    'e' => gofmt::format_e(f, spec.prec.unwrap_or(6)),
                    'E' => gofmt::format_e(f, spec.prec.unwrap_or(6)).to_uppercase(),
                    'g' => gofmt::format_g(f, spec.prec),
                    _ => gofmt::format_g(f, spec.prec).to_uppercase(),
                };
                let body = if spec.plus && f >= 0.0 {
                    format!("+{body}")
                } else {
                    body
                };
                pad(body, spec, true)
            }
            _ => bad_verb(verb, arg),
        },
        _ => bad_verb(verb, arg),
    }
}

// ---------------------------------------------------------------- Docker

/// Docker's `formatter.Context.Write`: `format` may start with `table`
/// (header row, tabwriter) or be `json` (`{{json .}}`); `\t` and `\n`
/// written as two characters become tab and newline. Each row's output is
/// followed by a newline. `headers` maps field names to header labels
/// (`ID` → `CONTAINER ID`); `struct_type` names the Go type the rows
/// stand for, so unknown fields fail as they do in Docker.
pub fn format_rows(
    format: &str,
    headers: &[(&str, &str)],
    rows: &[Value],
    struct_type: Option<&str>,
) -> Result<String, String> {
    let is_table = format.starts_with("table");
    let mut f = if is_table {
        format["table".len()..].to_string()
    } else if format == "json" {
        "{{json .}}".to_string()
    } else {
        format.to_string()
    };
    f = f
        .trim_matches(' ')
        .replace("\\t", "\t")
        .replace("\\n", "\n");
    let tmpl = Template::parse(&f).map_err(|e| format!("template parsing error: {e}"))?;
    let opts = ExecOptions {
        struct_type: struct_type.map(str::to_string),
        header: false,
        nil_repr: None,
    };
    let mut body = String::new();
    for r in rows {
        match tmpl.execute(r, &opts) {
            Ok(s) => body.push_str(&s),
            Err((_, e)) => return Err(format!("template parsing error: {e}")),
        }
        body.push('\n');
    }
    if !is_table {
        return Ok(body);
    }
    let header: Map<String, Value> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
        .collect();
    let hopts = ExecOptions {
        struct_type: None,
        header: true,
        nil_repr: None,
    };
    let mut text = match tmpl.execute(&Value::Object(header), &hopts) {
        Ok(s) => s,
        Err((partial, _)) => partial,
    };
    text.push('\n');
    text.push_str(&body);
    Ok(tabwrite(&text))
}

/// `docker inspect -f`-style execution: one rendering of `format` over
/// `data` with `\t`/`\n` left as typed; errors are Go's text.
pub fn render(format: &str, data: &Value) -> Result<String, TemplateError> {
    Template::parse(format)?.render(data)
}
