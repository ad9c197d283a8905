//! The shell grammar: a POSIX-style parser from source text to a command
//! tree ([`Node`]) with words kept as parts ([`Part`]) for later expansion.
//! Heredoc bodies are read after the line that opens them.

mod bash;
mod compound;
mod lexer;
mod simple;
mod word;

use serde::{Deserialize, Serialize};
pub use word::parse_heredoc_body;

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
    /// The elements of an array assignment `a=(…)` (bash).
    Array(Vec<Word>),
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
        /// How each arm ends: 0 `;;`, 1 `;&` (fall through), 2 `;;&`
        /// (test the next patterns).
        #[serde(default)]
        ends: Vec<u8>,
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
    /// `(( expr ))` (bash).
    Arith {
        src: String,
    },
    /// `for (( init; cond; step ))` (bash).
    ArithFor {
        init: String,
        cond: String,
        step: String,
        body: Box<Node>,
    },
    /// `[[ … ]]`: operands and operators in order (bash, busybox ash).
    Cond {
        words: Vec<Word>,
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
    /// Commands or expansions nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// The end of input where a word was expected (dash: `(expecting "fi")`).
    EofExpecting(String),
    /// The end of input after a redirection operator (bash: `newline`).
    EofNewline,
}

/// How deep commands and `${…}` expansions may nest in the parser (the
/// parser recurses once per level; this keeps it off the stack's end).
pub const MAX_DEPTH: u32 = 100;

/// How many `&&`/`||` links one list may have (the tree nests per link).
pub const MAX_CHAIN: u32 = 1000;

/// One complete command of a script, parsed when the shell reaches it
/// (as real shells do: earlier lines run before a later syntax error).
#[derive(Debug)]
pub struct Parsed {
    pub node: Node,
    /// Heredocs that ran into end of input (their delimiters).
    pub eof: Vec<String>,
    /// The line the command starts on.
    pub line: u32,
}

/// A script read one complete command at a time.
pub struct Script {
    chars: Vec<char>,
    i: usize,
    bash: bool,
    ansi: bool,
}

impl Script {
    /// A script in a shell with bash's grammar (`bash`) and with `$'…'`
    /// and `[[` (`ansi`: bash and busybox ash).
    pub fn new(src: &str, bash: bool, ansi: bool) -> Script {
        Script {
            chars: src.chars().collect(),
            i: 0,
            bash,
            ansi,
        }
    }

    /// The line number (1-based) at char offset `i`.
    fn line_at(&self, i: usize) -> u32 {
        1 + self.chars[..i.min(self.chars.len())]
            .iter()
            .filter(|c| **c == '\n')
            .count() as u32
    }

    /// The text of line `n` (for bash's second error line).
    pub fn line_text(&self, n: u32) -> String {
        let s: String = self.chars.iter().collect();
        s.split('\n')
            .nth(n.saturating_sub(1) as usize)
            .unwrap_or("")
            .to_string()
    }

    /// The next complete command (up to the end of its line), or the
    /// syntax error and the line it is on; `None` at the end.
    pub fn next_command(&mut self) -> Option<Result<Parsed, (SyntaxError, u32)>> {
        let mut p = Parser {
            s: &self.chars,
            i: self.i,
            pending: Vec::new(),
            bodies: Vec::new(),
            heredoc_eof: Vec::new(),
            depth: 0,
            one_line: true,
            bash: self.bash,
            ansi: self.ansi,
        };
        p.skip_newlines();
        if p.i >= p.s.len() {
            self.i = p.i;
            return None;
        }
        let start = p.i;
        let r = p.list(&[]).and_then(|n| {
            p.skip_blank();
            if matches!(p.peek(), Some(')')) || p.starts(";;") {
                // `)` or `;;` at top level
                return Err(SyntaxError::Unexpected(p.peek_token()));
            }
            if p.i == start {
                return Err(SyntaxError::Unexpected(p.peek_token()));
            }
            Ok(n)
        });
        let end = p.i;
        let pending = !p.pending.is_empty();
        if pending {
            p.read_heredocs();
        }
        let (bodies, eof, after) = (std::mem::take(&mut p.bodies), p.heredoc_eof.clone(), p.i);
        match r {
            Ok(mut node) => {
                self.i = after;
                let mut idx = 0;
                fill_heredocs(&mut node, &bodies, &mut idx);
                Some(Ok(Parsed {
                    node,
                    eof,
                    line: self.line_at(start),
                }))
            }
            Err(e) => {
                self.i = self.chars.len();
                Some(Err((e, self.line_at(end))))
            }
        }
    }
}

pub(super) struct Parser<'a> {
    s: &'a [char],
    i: usize,
    pending: Vec<(String, bool, bool)>,
    bodies: Vec<String>,
    heredoc_eof: Vec<String>,
    /// Nesting depth of commands and expansions being parsed.
    depth: u32,
    /// Stop a top-level list at the end of its line ([`Script`]).
    one_line: bool,
    /// bash's `((`, `for ((` and arrays.
    bash: bool,
    /// `$'…'` and `[[` (bash and busybox ash).
    ansi: bool,
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
        depth: 0,
        one_line: false,
        bash: true,
        ansi: true,
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
        Node::For { body, .. } | Node::Func { body, .. } | Node::ArithFor { body, .. } => {
            fill_heredocs(body, bodies, idx)
        }
        Node::Arith { .. } | Node::Cond { .. } => {}
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

pub(super) fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')'
    )
}

pub(super) fn is_name(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && cs.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// The delimiters of the heredocs a line opens, in order, as the shell's
/// own grammar reads them (a `<<` inside quotes or `$(( ))` is none).
pub fn heredoc_delimiters(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
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
    // an unfinished line (`for …; do cat <<EOF`) still names its heredocs
    let _ = p.list(&[]);
    let mut v = p.heredoc_eof;
    v.extend(p.pending.into_iter().map(|(d, _, _)| d));
    v
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
        assert_eq!(heredoc_delimiters("cat <<EOF | sort"), ["EOF"]);
        assert_eq!(heredoc_delimiters("cat <<-'END'"), ["END"]);
        assert!(heredoc_delimiters("echo \"a << b\"").is_empty());
        assert!(heredoc_delimiters("echo $((1 << 3))").is_empty());
        assert!(heredoc_delimiters("cat <<< word").is_empty());
        assert_eq!(heredoc_delimiters("for i in 1; do cat <<X"), ["X"]);
        assert_eq!(
            parse("echo )").unwrap_err(),
            SyntaxError::Unexpected(")".into())
        );
    }
}
