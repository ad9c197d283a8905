//! The Dockerfile parser (BuildKit's `frontend/dockerfile/parser`): turns
//! the text into a list of [`Node`]s — one per instruction — handling parser
//! directives (`# syntax=`, `# escape=`), comments, line continuations (and
//! the empty-continuation-line warning), builder flags (`--from=…`), the
//! per-instruction argument forms (JSON exec form, whitespace lists,
//! `key=value` pairs) and heredocs. Instruction semantics live in
//! [`super::instructions`].

use super::lex::Lexer;
use std::fmt;

/// A heredoc attached to a RUN/COPY/ADD node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word (quotes removed).
    pub name: String,
    /// File descriptor before `<<` (`3<<EOF`), 0 when absent.
    pub fd: u32,
    /// Variables are expanded in the content (delimiter not quoted).
    pub expand: bool,
    /// `<<-`: leading tabs are stripped.
    pub chomp: bool,
    /// The body, each line with its newline.
    pub content: String,
}

/// One instruction as parsed (before typing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The instruction word as written (`run`, `RUN`, `Run`).
    pub cmd: String,
    /// The whole logical line (continuations joined).
    pub original: String,
    /// Builder flags as written (`--from=build`).
    pub flags: Vec<String>,
    /// The arguments in the shape of the instruction's line parser.
    pub args: Vec<String>,
    /// The arguments were a JSON array (exec form).
    pub json: bool,
    /// ONBUILD's trigger instruction.
    pub sub: Option<Box<Node>>,
    pub heredocs: Vec<Heredoc>,
    /// 1-based first and last line in the file.
    pub start_line: usize,
    pub end_line: usize,
}

impl Node {
    /// The instruction in lower case (`run`).
    pub fn name(&self) -> String {
        self.cmd.to_ascii_lowercase()
    }
}

/// A parse failure, before any instruction is typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub line: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A parsed Dockerfile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseResult {
    pub nodes: Vec<Node>,
    pub escape: char,
    /// The `# syntax=` directive, if any.
    pub syntax: Option<String>,
    /// `Empty continuation line found in: …` (the `[WARNING]: ` prefix and
    /// the closing notice are added by [`ParseResult::warning_lines`]).
    pub warnings: Vec<String>,
}

impl ParseResult {
    /// The lines the classic builder prints for the parser's warnings.
    pub fn warning_lines(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .warnings
            .iter()
            .map(|w| format!("[WARNING]: {w}"))
            .collect();
        if !v.is_empty() {
            v.push(
                "[WARNING]: Empty continuation lines will become errors in a future release."
                    .to_string(),
            );
        }
        v
    }
}

struct Directives {
    escape: char,
    done: bool,
    seen: Vec<String>,
    syntax: Option<String>,
}

impl Directives {
    /// Looks at a (left-trimmed) line for `# name=value`; returns whether
    /// it was a directive.
    fn check(&mut self, line: &str) -> Result<bool, String> {
        if self.done {
            return Ok(false);
        }
        let Some((name, value)) = directive(line) else {
            self.done = true;
            return Ok(false);
        };
        let k = name.to_ascii_lowercase();
        if k != "escape" && k != "syntax" {
            self.done = true;
            return Ok(false);
        }
        if self.seen.contains(&k) {
            return Err(format!("only one {k} parser directive can be used"));
        }
        self.seen.push(k.clone());
        if k == "escape" {
            match value.as_str() {
                "\\" => self.escape = '\\',
                "`" => self.escape = '`',
                v => return Err(format!("invalid escape token '{v}' does not match ` or \\")),
            }
        } else {
            self.syntax = Some(value);
        }
        Ok(true)
    }
}

/// Matches `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`.
fn directive(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('#')?.trim_start();
    let name_len = rest
        .char_indices()
        .take_while(|(i, c)| {
            if *i == 0 {
                c.is_ascii_alphabetic()
            } else {
                c.is_ascii_alphanumeric()
            }
        })
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &rest[..name_len];
    let after = rest[name_len..].trim_start().strip_prefix('=')?;
    let value = after.trim();
    if value.is_empty() {
        return None;
    }
    Some((name.to_string(), value.to_string()))
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

fn trim_newline(s: &str) -> &str {
    s.trim_end_matches(['\r', '\n'])
}

/// `([^E])E[ \t]*$|^E[ \t]*$`: strips a trailing escape token (a line
/// continuation) unless it is itself escaped.
fn trim_continuation(line: &str, esc: char) -> (String, bool) {
    let t = line.trim_end_matches([' ', '\t']);
    if let Some(before) = t.strip_suffix(esc) {
        if before.is_empty() || !before.ends_with(esc) {
            return (before.to_string(), false);
        }
    }
    (line.to_string(), true)
}

/// Parses a Dockerfile's text.
/// Instructions a Dockerfile may have here. Each classic-builder step keeps
/// an image whose history holds every step before it, so memory grows with
/// the square of the count; real Dockerfiles stay far below this.
pub const MAX_INSTRUCTIONS: usize = 1000;

pub fn parse(text: &str) -> Result<ParseResult, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut d = Directives {
        escape: '\\',
        done: false,
        seen: Vec::new(),
        syntax: None,
    };
    let mut nodes = Vec::new();
    let mut warnings = Vec::new();
    let mut i = 0usize; // index of the next line to read
    let err = |message: String, line: usize| ParseError { message, line };
    while i < lines.len() {
        let raw = trim_newline(lines[i]).trim_start();
        d.check(raw).map_err(|m| err(m, i + 1))?;
        i += 1;
        let start_line = i;
        let body = if is_comment(raw) { "" } else { raw };
        let (mut line, mut end) = trim_continuation(body, d.escape);
        if end && line.is_empty() {
            continue;
        }
        let mut empty_continuation = false;
        while !end && i < lines.len() {
            let raw = trim_newline(lines[i]);
            d.check(raw).map_err(|m| err(m, i + 1))?;
            i += 1;
            if is_comment(raw) {
                continue;
            }
            if raw.trim_start().is_empty() {
                empty_continuation = true;
                continue;
            }
            let (l, e) = trim_continuation(raw, d.escape);
            line.push_str(&l);
            end = e;
        }
        if empty_continuation {
            warnings.push(format!("Empty continuation line found in: {line}"));
        }
        let mut node = node_from_line(&line, d.escape).map_err(|m| err(m, start_line))?;
        if can_contain_heredoc(&node) && line.contains("<<") {
            let docs = heredocs_from_line(&line).map_err(|m| err(m, start_line))?;
            for mut doc in docs {
                let mut terminated = false;
                while i < lines.len() {
                    let l = lines[i];
                    i += 1;
                    let mut t = trim_newline(l);
                    if doc.chomp {
                        t = t.trim_start_matches('\t');
                    }
                    if t == doc.name {
                        terminated = true;
                        break;
                    }
                    doc.content.push_str(l);
                }
                if !terminated {
                    return Err(err("unterminated heredoc".into(), start_line));
                }
                node.heredocs.push(doc);
            }
        }
        node.start_line = start_line;
        node.end_line = i;
        nodes.push(node);
    }
    if nodes.is_empty() {
        return Err(err("file with no instructions".into(), i));
    }
    if nodes.len() > MAX_INSTRUCTIONS {
        return Err(err(
            format!(
                "dockerlings: Dockerfiles of more than {MAX_INSTRUCTIONS} instructions are not available in this sandbox"
            ),
            nodes.get(MAX_INSTRUCTIONS).map_or(1, |n: &Node| n.start_line),
        ));
    }
    Ok(ParseResult {
        nodes,
        escape: d.escape,
        syntax: d.syntax,
        warnings,
    })
}

fn can_contain_heredoc(node: &Node) -> bool {
    let n = match (&node.sub, node.name().as_str()) {
        (Some(sub), "onbuild") => sub,
        _ => node,
    };
    matches!(n.name().as_str(), "run" | "copy" | "add") && !n.json
}

/// Splits a logical line into instruction, flags and arguments.
fn node_from_line(line: &str, esc: char) -> Result<Node, String> {
    let trimmed = line.trim();
    let (cmd, rest) = match trimmed.find(is_ws) {
        Some(p) => (&trimmed[..p], trimmed[p..].trim_start_matches(is_ws)),
        None => (trimmed, ""),
    };
    let (args_text, flags) = extract_flags(rest);
    let args_text = args_text.trim();
    let mut node = Node {
        cmd: cmd.to_string(),
        original: line.to_string(),
        flags,
        args: Vec::new(),
        json: false,
        sub: None,
        heredocs: Vec::new(),
        start_line: 0,
        end_line: 0,
    };
    match node.name().as_str() {
        "add" | "copy" | "volume" => match parse_json(args_text)? {
            Some(v) => {
                node.args = v;
                node.json = true;
            }
            None => node.args = split_ws(args_text),
        },
        "cmd" | "entrypoint" | "run" | "shell" if !args_text.is_empty() => {
            match parse_json(args_text)? {
                Some(v) => {
                    node.args = v;
                    node.json = true;
                }
                None => node.args = vec![args_text.to_string()],
            }
        }
        "arg" => node.args = parse_words(args_text, esc),
        "env" => node.args = parse_name_val(args_text, "ENV", esc)?,
        "label" => node.args = parse_name_val(args_text, "LABEL", esc)?,
        "expose" | "from" => node.args = split_ws(args_text),
        "maintainer" | "stopsignal" | "user" | "workdir" if !args_text.is_empty() => {
            node.args = vec![args_text.to_string()];
        }
        "healthcheck" => {
            if let Some(p) = args_text.find(char::is_whitespace) {
                node.args.push(args_text[..p].to_string());
                let cmd = args_text[p..].trim_start();
                if !cmd.is_empty() {
                    match parse_json(cmd)? {
                        Some(v) => {
                            node.args.extend(v);
                            node.json = true;
                        }
                        None => node.args.push(cmd.to_string()),
                    }
                }
            } else if !args_text.is_empty() {
                node.args.push(args_text.to_string());
            }
        }
        "onbuild" if !args_text.is_empty() => {
            node.sub = Some(Box::new(node_from_line(args_text, esc)?));
        }
        _ => {}
    }
    Ok(node)
}

/// `[\t\v\f\r ]`
fn is_ws(c: char) -> bool {
    matches!(c, '\t' | '\u{b}' | '\u{c}' | '\r' | ' ')
}

fn split_ws(s: &str) -> Vec<String> {
    if s.is_empty() {
        return Vec::new();
    }
    s.split(is_ws)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Leading `--flag[=value]` words (quotes and `\` removed); returns the
/// rest of the line and the flags.
fn extract_flags(line: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = line.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut blank_ok = false;
    let mut pos = 0;
    let rest_from = |pos: usize| chars[pos..].iter().collect::<String>();
    loop {
        let at_end = pos >= chars.len();
        if !in_word {
            if at_end {
                return (String::new(), words);
            }
            let ch = chars[pos];
            if ch.is_whitespace() {
                pos += 1;
                continue;
            }
            if ch != '-' || chars.get(pos + 1) != Some(&'-') {
                return (rest_from(pos), words);
            }
            in_word = true;
        }
        if at_end {
            if word != "--" && (blank_ok || !word.is_empty()) {
                words.push(word);
            }
            return (String::new(), words);
        }
        let mut ch = chars[pos];
        if let Some(q) = quote {
            if ch == q {
                quote = None;
                pos += 1;
                continue;
            }
            if ch == '\\' {
                if pos + 1 == chars.len() {
                    quote = None;
                    pos += 1;
                    continue;
                }
                pos += 1;
                ch = chars[pos];
            }
            word.push(ch);
            pos += 1;
            continue;
        }
        if ch.is_whitespace() {
            in_word = false;
            if word == "--" {
                return (rest_from(pos), words);
            }
            if blank_ok || !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            word.clear();
            blank_ok = false;
            pos += 1;
            continue;
        }
        if ch == '\'' || ch == '"' {
            quote = Some(ch);
            blank_ok = true;
            pos += 1;
            continue;
        }
        if ch == '\\' {
            if pos + 1 == chars.len() {
                pos += 1;
                continue;
            }
            pos += 1;
            ch = chars[pos];
        }
        word.push(ch);
        pos += 1;
    }
}

/// A JSON array of strings (`Ok(None)` when the text is not JSON).
fn parse_json(s: &str) -> Result<Option<Vec<String>>, String> {
    let s = s.trim_start();
    if !s.starts_with('[') {
        return Ok(None);
    }
    let mut it = serde_json::Deserializer::from_str(s).into_iter::<serde_json::Value>();
    match it.next() {
        Some(Ok(serde_json::Value::Array(items))) => {
            let mut v = Vec::new();
            for x in items {
                match x {
                    serde_json::Value::String(s) => v.push(s),
                    _ => return Err(
                        "when using JSON array syntax, arrays must be comprised of strings only"
                            .into(),
                    ),
                }
            }
            Ok(Some(v))
        }
        _ => Ok(None),
    }
}

/// Words separated by whitespace; quotes and escapes are kept (they are
/// removed later by the lexer).
pub fn parse_words(rest: &str, esc: char) -> Vec<String> {
    let chars: Vec<char> = rest.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut blank_ok = false;
    let mut pos = 0;
    while pos < chars.len() {
        let mut ch = chars[pos];
        if !in_word && quote.is_none() {
            if ch.is_whitespace() {
                pos += 1;
                continue;
            }
            in_word = true;
        }
        if let Some(q) = quote {
            if ch == q {
                quote = None;
            } else if ch == esc && q != '\'' {
                if pos + 1 == chars.len() {
                    quote = None;
                    pos += 1;
                    continue;
                }
                pos += 1;
                word.push(ch);
                ch = chars[pos];
            }
            word.push(ch);
            pos += 1;
            continue;
        }
        if ch.is_whitespace() {
            in_word = false;
            if blank_ok || !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            blank_ok = false;
            pos += 1;
            continue;
        }
        if ch == '\'' || ch == '"' {
            quote = Some(ch);
            blank_ok = true;
        }
        if ch == esc {
            if pos + 1 == chars.len() {
                pos += 1;
                continue;
            }
            word.push(ch);
            pos += 1;
            ch = chars[pos];
        }
        word.push(ch);
        pos += 1;
    }
    if in_word && (blank_ok || !word.is_empty()) {
        words.push(word);
    }
    words
}

/// ENV / LABEL: `KEY value` (old form) or `k=v k2="v 2"` (new form), as a
/// flat list `[k, v, k2, v2]`.
fn parse_name_val(rest: &str, key: &str, esc: char) -> Result<Vec<String>, String> {
    let words = parse_words(rest, esc);
    let Some(first) = words.first() else {
        return Ok(Vec::new());
    };
    if !first.contains('=') {
        let mut parts = rest.splitn(2, is_ws);
        let k = parts.next().unwrap_or("");
        let v = parts
            .next()
            .map(|v| v.trim_start_matches(is_ws))
            .unwrap_or("");
        if v.is_empty() && !rest.contains(is_ws) {
            return Err(format!("{key} must have two arguments"));
        }
        return Ok(vec![k.to_string(), v.to_string()]);
    }
    let mut out = Vec::new();
    for w in words {
        let Some((k, v)) = w.split_once('=') else {
            return Err(format!(
                "Syntax error - can't find = in {}. Must be of the form: name=value",
                go_quote(&w)
            ));
        };
        out.push(k.to_string());
        out.push(v.to_string());
    }
    Ok(out)
}

/// Go's `%q` of a string.
pub fn go_quote(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\t' => o.push_str("\\t"),
            '\r' => o.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                o.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// Heredoc markers (`<<EOF`, `<<-"EOF"`, `3<<EOF`) among a line's words.
fn heredocs_from_line(line: &str) -> Result<Vec<Heredoc>, String> {
    let lx = Lexer {
        escape: '\\',
        raw_quotes: true,
        raw_escapes: true,
        skip_unset: true,
    };
    let words = lx.process_words(line, &[]).unwrap_or_default();
    let mut docs = Vec::new();
    for w in words {
        if let Some(h) = parse_heredoc(&w)? {
            docs.push(h);
        }
    }
    Ok(docs)
}

/// Matches `^(\d*)<<(-?)([^<]*)$` and reads the delimiter.
pub fn parse_heredoc(word: &str) -> Result<Option<Heredoc>, String> {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let Some(rest) = word[digits..].strip_prefix("<<") else {
        return Ok(None);
    };
    let (chomp, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if rest.is_empty() || rest.contains('<') {
        return Ok(None);
    }
    let fd = word[..digits].parse().unwrap_or(0);
    let mut lx = Lexer {
        escape: '\\',
        raw_quotes: false,
        raw_escapes: false,
        skip_unset: true,
    };
    let words = lx.process_words(rest, &[]).map_err(|e| e.0)?;
    if words.len() != 1 {
        return Ok(None);
    }
    lx.raw_quotes = true;
    let raw = lx.process_words(rest, &[]).map_err(|e| e.0)?;
    if raw.len() != words.len() {
        return Err(format!(
            "internal lexing of heredoc produced inconsistent results: {rest}"
        ));
    }
    let quotes = |s: &str| s.matches(['\'', '"']).count();
    Ok(Some(Heredoc {
        name: words[0].clone(),
        fd,
        expand: quotes(&words[0]) == quotes(&raw[0]),
        chomp,
        content: String::new(),
    }))
}

/// Removes leading tabs from every line (`<<-`).
pub fn chomp_heredoc(s: &str) -> String {
    s.split_inclusive('\n')
        .map(|l| l.trim_start_matches('\t'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_words() {
        let (rest, flags) = extract_flags("--from=build --chown=1:1 a b");
        assert_eq!(rest, "a b");
        assert_eq!(flags, vec!["--from=build", "--chown=1:1"]);
        assert_eq!(
            parse_words("a=\"b c\" d\\ e", '\\'),
            vec!["a=\"b c\"", "d\\ e"]
        );
    }

    #[test]
    fn continuation_and_warning() {
        let r = parse("FROM a\nRUN x \\\n\n  y\n").unwrap();
        assert_eq!(r.nodes[1].args, vec!["x   y"]);
        assert_eq!(r.nodes[1].start_line, 2);
        assert_eq!(r.nodes[1].end_line, 4);
        assert_eq!(
            r.warnings,
            vec!["Empty continuation line found in: RUN x   y"]
        );
    }

    #[test]
    fn heredoc_detection() {
        let h = parse_heredoc("<<-\"EOF\"").unwrap().unwrap();
        assert_eq!(h.name, "EOF");
        assert!(h.chomp && !h.expand);
        assert!(parse_heredoc("<<").unwrap().is_none());
    }
}
