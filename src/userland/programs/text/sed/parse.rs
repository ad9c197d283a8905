//! The sed script parser: addresses (`N`, `$`, `/re/I`, `\cREc`,
//! `first~step`, `addr,+N`, `addr,~N`, `0,/re/`, `!`), every command of
//! GNU sed 4.9 except `e`, `R`, `W`, with GNU's error texts and the
//! character positions it reports.

use crate::userland::regex::{ReError, Regex};

/// An address.
#[derive(Clone, Debug)]
pub enum Addr {
    Line(usize),
    Last,
    /// `None`: the empty regex (the last one used).
    Re(Option<Regex>),
    Step(usize, usize),
    /// `addr1,+N`.
    Plus(usize),
    /// `addr1,~N`.
    Mult(usize),
}

/// A replacement piece of `s`.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Lit(String),
    Group(usize),
    /// `\U \L \u \l \E`.
    Case(char),
}

/// The `s` command.
#[derive(Clone, Debug)]
pub struct Subst {
    pub re: Option<Regex>,
    pub repl: Vec<Piece>,
    pub global: bool,
    pub nth: usize,
    pub print: u8,
    pub write: Option<String>,
}

/// A command.
#[derive(Clone, Debug)]
pub enum Op {
    Block(usize),
    EndBlock,
    Label,
    Branch(char, Option<usize>),
    Append(String),
    Insert(String),
    Change(String),
    Delete,
    DeleteFirst,
    Equals,
    FileName,
    Get,
    GetAppend,
    Hold,
    HoldAppend,
    List(usize),
    Next,
    NextAppend,
    Print,
    PrintFirst,
    Quit(i32),
    QuitSilent(i32),
    ReadFile(String),
    Subst(Box<Subst>),
    Write(String),
    Exchange,
    Translate(Vec<(char, char)>),
    Zap,
    Comment,
}

/// One command with its addresses.
#[derive(Clone, Debug)]
pub struct Cmd {
    pub a1: Option<Addr>,
    pub a2: Option<Addr>,
    pub negate: bool,
    pub op: Op,
}

/// A parse error: the GNU message with its position, and busybox's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SedError {
    /// Position (1-based char index; 0 for "unmatched `{'"), `None` for
    /// messages GNU prints without one.
    pub at: Option<usize>,
    pub msg: String,
    pub busybox: String,
    pub code: i32,
}

fn err(at: usize, msg: &str, bb: &str) -> SedError {
    SedError {
        at: Some(at),
        msg: msg.into(),
        busybox: bb.into(),
        code: 1,
    }
}

struct P<'a> {
    cs: &'a [char],
    i: usize,
    ere: bool,
}

/// Parses `script` (the `-e` pieces joined by newlines).
pub fn parse(script: &str, ere: bool) -> Result<Vec<Cmd>, SedError> {
    let cs: Vec<char> = script.chars().collect();
    let mut p = P { cs: &cs, i: 0, ere };
    let mut cmds: Vec<Cmd> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut labels: Vec<(String, usize)> = Vec::new();
    let mut jumps: Vec<(usize, String)> = Vec::new();
    loop {
        p.skip_ws_semis();
        let Some(c) = p.peek() else { break };
        if c == '#' {
            if p.i == 0 && p.cs.get(1) == Some(&'n') && matches!(p.cs.get(2), None | Some('\n')) {
                // `#n` on the first line: like -n.
                cmds.push(Cmd {
                    a1: None,
                    a2: None,
                    negate: false,
                    op: Op::Comment,
                });
            }
            while p.peek().is_some_and(|c| c != '\n') {
                p.i += 1;
            }
            continue;
        }
        let a1 = p.address()?;
        let mut a2 = None;
        if a1.is_some() && p.peek() == Some(',') {
            p.i += 1;
            p.skip_blanks();
            a2 = match p.peek() {
                Some('+') | Some('~') => {
                    let k = p.next().unwrap_or('+');
                    let n = p.number().ok_or_else(|| {
                        err(p.i, "expected newer version of sed", "expected a number")
                    })?;
                    Some(if k == '+' {
                        Addr::Plus(n)
                    } else {
                        Addr::Mult(n)
                    })
                }
                _ => Some(
                    p.address()?
                        .ok_or_else(|| err(p.i + 1, "unexpected `,'", "unexpected ','"))?,
                ),
            };
        }
        if let Some(Addr::Line(0)) = a1 {
            if !matches!(a2, Some(Addr::Re(_))) {
                return Err(err(p.i, "invalid usage of line address 0", "bad address 0"));
            }
        }
        p.skip_blanks();
        let mut negate = false;
        while p.peek() == Some('!') {
            if negate {
                return Err(err(p.i + 1, "multiple `!'s", "unsupported command !"));
            }
            negate = true;
            p.i += 1;
            p.skip_blanks();
        }
        let Some(c) = p.next() else {
            return Err(err(p.i, "missing command", "missing command"));
        };
        let pos = p.i;
        let one_addr = |p: &P| {
            if a2.is_some() {
                Err(err(
                    p.i,
                    "command only uses one address",
                    "command only uses one address",
                ))
            } else {
                Ok(())
            }
        };
        let op = match c {
            '{' => {
                open.push(cmds.len());
                Op::Block(0)
            }
            '}' => {
                if a1.is_some() {
                    return Err(err(
                        pos,
                        "} doesn't want any addresses",
                        "} doesn't want any addresses",
                    ));
                }
                let Some(b) = open.pop() else {
                    return Err(err(pos, "unexpected `}'", "unexpected '}'"));
                };
                cmds[b].op = Op::Block(cmds.len() + 1);
                Op::EndBlock
            }
            ':' => {
                if a1.is_some() {
                    return Err(err(
                        pos,
                        ": doesn't want any addresses",
                        ": doesn't want any addresses",
                    ));
                }
                let l = p.label();
                if l.is_empty() {
                    return Err(err(pos, "\":\" lacks a label", "\":\" lacks a label"));
                }
                labels.push((l, cmds.len()));
                Op::Label
            }
            'b' | 't' | 'T' => {
                let l = p.label();
                if !l.is_empty() {
                    jumps.push((cmds.len(), l));
                }
                Op::Branch(c, None)
            }
            'a' | 'i' | 'c' => {
                let t = p
                    .text()
                    .ok_or_else(|| err(pos, "expected \\ after `a', `c' or `i'", "missing text"))?;
                match c {
                    'a' => Op::Append(t),
                    'i' => Op::Insert(t),
                    _ => Op::Change(t),
                }
            }
            'd' => Op::Delete,
            'D' => Op::DeleteFirst,
            '=' => Op::Equals,
            'F' => Op::FileName,
            'g' => Op::Get,
            'G' => Op::GetAppend,
            'h' => Op::Hold,
            'H' => Op::HoldAppend,
            'l' => {
                p.skip_blanks();
                Op::List(p.number().unwrap_or(70))
            }
            'n' => Op::Next,
            'N' => Op::NextAppend,
            'p' => Op::Print,
            'P' => Op::PrintFirst,
            'q' | 'Q' => {
                one_addr(&p)?;
                p.skip_blanks();
                let n = p.number().unwrap_or(0) as i32;
                if c == 'q' {
                    Op::Quit(n)
                } else {
                    Op::QuitSilent(n)
                }
            }
            'r' => Op::ReadFile(p.filename()),
            'w' => Op::Write(p.filename()),
            's' => Op::Subst(Box::new(p.subst()?)),
            'x' => Op::Exchange,
            'y' => p.translate()?,
            'z' => Op::Zap,
            'e' | 'R' | 'W' | 'v' => {
                if c == 'v' {
                    p.label();
                    Op::Comment
                } else {
                    return Err(SedError {
                        at: None,
                        msg: format!(
                            "dockerlings: sed: the `{c}' command is not available in this sandbox"
                        ),
                        busybox: format!(
                            "dockerlings: sed: the `{c}' command is not available in this sandbox"
                        ),
                        code: 2,
                    });
                }
            }
            '#' => {
                return Err(err(
                    pos,
                    "comments don't accept any addresses",
                    "unsupported command #",
                ))
            }
            other => {
                return Err(err(
                    pos,
                    &format!("unknown command: `{other}'"),
                    &format!("unsupported command {other}"),
                ))
            }
        };
        cmds.push(Cmd { a1, a2, negate, op });
        // After a command: blanks, then `;`, newline, `}` or `#`.
        p.skip_blanks();
        match p.peek() {
            None | Some(';') | Some('\n') | Some('}') | Some('#') => {}
            Some(_) if matches!(cmds.last().map(|c| &c.op), Some(Op::Block(_))) => {}
            Some(_) => {
                return Err(err(
                    p.i + 1,
                    "extra characters after command",
                    "extra characters after command",
                ))
            }
        }
    }
    if !open.is_empty() {
        return Err(err(0, "unmatched `{'", "unmatched '{'"));
    }
    for (at, l) in jumps {
        let Some((_, target)) = labels.iter().find(|(n, _)| *n == l) else {
            return Err(SedError {
                at: None,
                msg: format!("can't find label for jump to `{l}'"),
                busybox: format!("can't find label for jump to '{l}'"),
                code: 4,
            });
        };
        if let Op::Branch(c, _) = cmds[at].op {
            cmds[at].op = Op::Branch(c, Some(*target));
        }
    }
    Ok(cmds)
}

/// GNU sed's regex escapes (`\n`, `\t`) and the delimiter (`\/` → `/`).
fn regex_source(raw: &str, delim: char) -> String {
    let mut out = String::new();
    let mut it = raw.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(d) if d == delim && d != '\n' => out.push(d),
            Some(d) => {
                out.push('\\');
                out.push(d);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn compile(
    raw: &str,
    delim: char,
    ere: bool,
    icase: bool,
    at: usize,
) -> Result<Option<Regex>, SedError> {
    if raw.is_empty() {
        return Ok(None);
    }
    match Regex::new(&regex_source(raw, delim), ere, icase) {
        Ok(r) => Ok(Some(r)),
        Err(ReError::Syntax(m)) => Err(err(at, &m, &m)),
        Err(e @ ReError::Unsupported(_)) => Err(SedError {
            at: None,
            msg: e.message("sed"),
            busybox: e.message("sed"),
            code: 2,
        }),
    }
}

impl P<'_> {
    fn peek(&self) -> Option<char> {
        self.cs.get(self.i).copied()
    }
    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.i += 1;
        }
        c
    }
    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.i += 1;
        }
    }
    fn skip_ws_semis(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | ';')) {
            self.i += 1;
        }
    }
    fn number(&mut self) -> Option<usize> {
        let s = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        if self.i == s {
            return None;
        }
        let t: String = self.cs[s..self.i].iter().collect();
        Some(t.parse().unwrap_or(usize::MAX))
    }
    fn label(&mut self) -> String {
        self.skip_blanks();
        let s = self.i;
        while self.peek().is_some_and(|c| c != '\n' && c != ';') {
            self.i += 1;
        }
        self.cs[s..self.i]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string()
    }
    fn filename(&mut self) -> String {
        self.skip_blanks();
        let s = self.i;
        while self.peek().is_some_and(|c| c != '\n') {
            self.i += 1;
        }
        self.cs[s..self.i].iter().collect()
    }

    /// Reads up to an unescaped `delim`; returns the raw text.
    fn delimited(&mut self, delim: char) -> Option<String> {
        let mut s = String::new();
        let mut in_class = false;
        loop {
            let c = self.next()?;
            if c == '\\' {
                let d = self.next()?;
                s.push('\\');
                s.push(d);
                continue;
            }
            if c == '[' && !in_class && delim != '[' {
                in_class = true;
                s.push(c);
                if self.peek() == Some('^') {
                    s.push('^');
                    self.i += 1;
                }
                if self.peek() == Some(']') {
                    s.push(']');
                    self.i += 1;
                }
                continue;
            }
            if c == ']' && in_class {
                in_class = false;
            } else if c == delim && !in_class {
                return Some(s);
            }
            if c == '\n' && !in_class && delim != '\n' {
                return None;
            }
            s.push(c);
        }
    }

    fn address(&mut self) -> Result<Option<Addr>, SedError> {
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                let n = self.number().unwrap_or(0);
                if self.peek() == Some('~') {
                    self.i += 1;
                    let step = self.number().unwrap_or(0);
                    return Ok(Some(Addr::Step(n, step)));
                }
                Ok(Some(Addr::Line(n)))
            }
            Some('$') => {
                self.i += 1;
                Ok(Some(Addr::Last))
            }
            Some('/') | Some('\\') => {
                let mut delim = self.next().unwrap_or('/');
                if delim == '\\' {
                    delim = self.next().ok_or_else(|| {
                        err(
                            self.i,
                            "unexpected end of script",
                            "unexpected end of script",
                        )
                    })?;
                }
                let start = self.i;
                let raw = self.delimited(delim).ok_or_else(|| {
                    err(
                        self.cs.len().min(self.i),
                        "unterminated address regex",
                        &format!("unmatched '{delim}'"),
                    )
                })?;
                let _ = start;
                let mut icase = false;
                while matches!(self.peek(), Some('I' | 'M')) {
                    icase |= self.peek() == Some('I');
                    self.i += 1;
                }
                Ok(Some(Addr::Re(compile(
                    &raw, delim, self.ere, icase, self.i,
                )?)))
            }
            _ => Ok(None),
        }
    }

    /// `a`, `i`, `c` text: GNU one-liner (`a text`) or POSIX (`a\` newline
    /// text, lines continued by a trailing backslash).
    fn text(&mut self) -> Option<String> {
        self.skip_blanks();
        if self.peek() == Some('\\') {
            self.i += 1;
            self.skip_blanks();
            if self.peek() == Some('\n') {
                self.i += 1;
            }
        } else if self.peek().is_none() {
            return None;
        }
        let mut out = String::new();
        while let Some(c) = self.next() {
            match c {
                '\\' => match self.next() {
                    Some('\n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(d) => out.push(d),
                    None => break,
                },
                '\n' => break,
                c => out.push(c),
            }
        }
        Some(out)
    }

    fn subst(&mut self) -> Result<Subst, SedError> {
        let unterminated = |p: &P| err(p.cs.len(), "unterminated `s' command", "unmatched '/'");
        let delim = match self.next() {
            Some(d) if d != '\n' && d != '\\' => d,
            _ => return Err(unterminated(self)),
        };
        let raw = self.delimited(delim).ok_or_else(|| unterminated(self))?;
        let mut repl_raw = String::new();
        loop {
            let Some(c) = self.next() else {
                return Err(unterminated(self));
            };
            if c == '\\' {
                let Some(d) = self.next() else {
                    return Err(unterminated(self));
                };
                repl_raw.push('\\');
                repl_raw.push(d);
                continue;
            }
            if c == delim {
                break;
            }
            if c == '\n' {
                return Err(unterminated(self));
            }
            repl_raw.push(c);
        }
        let mut s = Subst {
            re: None,
            repl: Vec::new(),
            global: false,
            nth: 1,
            print: 0,
            write: None,
        };
        let mut icase = false;
        let mut seen_n = false;
        loop {
            match self.peek() {
                Some('g') => {
                    if s.global {
                        return Err(err(
                            self.i + 1,
                            "multiple `g' options to `s' command",
                            "bad option in substitution expression",
                        ));
                    }
                    s.global = true;
                }
                Some('p') => {
                    if s.print > 0 {
                        return Err(err(
                            self.i + 1,
                            "multiple `p' options to `s' command",
                            "bad option in substitution expression",
                        ));
                    }
                    s.print += 1;
                }
                Some('i' | 'I') => icase = true,
                Some('m' | 'M') => {}
                Some('e') => {
                    return Err(SedError {
                        at: None,
                        msg:
                            "dockerlings: sed: the `e' flag of `s' is not available in this sandbox"
                                .into(),
                        busybox:
                            "dockerlings: sed: the `e' flag of `s' is not available in this sandbox"
                                .into(),
                        code: 2,
                    })
                }
                Some('w') => {
                    self.i += 1;
                    s.write = Some(self.filename());
                    break;
                }
                Some(c) if c.is_ascii_digit() => {
                    if seen_n {
                        return Err(err(
                            self.i + 1,
                            "multiple number options to `s' command",
                            "bad option in substitution expression",
                        ));
                    }
                    let n = self.number().unwrap_or(0);
                    if n == 0 {
                        return Err(err(
                            self.i,
                            "number option to `s' command may not be zero",
                            "bad option in substitution expression",
                        ));
                    }
                    s.nth = n;
                    seen_n = true;
                    continue;
                }
                None | Some(';' | '\n' | '}' | '#' | ' ' | '\t') => break,
                Some(_) => {
                    return Err(err(
                        self.i + 1,
                        "unknown option to `s'",
                        "bad option in substitution expression",
                    ))
                }
            }
            self.i += 1;
        }
        s.re = compile(&raw, delim, self.ere, icase, self.i)?;
        let groups = s.re.as_ref().map_or(9, Regex::groups);
        s.repl = replacement(&repl_raw, delim);
        for piece in &s.repl {
            if let Piece::Group(g) = piece {
                if *g > groups && s.re.is_some() {
                    return Err(err(
                        self.i,
                        &format!("invalid reference \\{g} on `s' command's RHS"),
                        &format!("invalid reference \\{g} on s command's RHS"),
                    ));
                }
            }
        }
        Ok(s)
    }

    fn translate(&mut self) -> Result<Op, SedError> {
        let unterminated = |p: &P| err(p.cs.len(), "unterminated `y' command", "unmatched '/'");
        let delim = self.next().ok_or_else(|| unterminated(self))?;
        let a = self.delimited(delim).ok_or_else(|| unterminated(self))?;
        let b = self.delimited(delim).ok_or_else(|| unterminated(self))?;
        let unesc = |s: &str| -> Vec<char> {
            let mut v = Vec::new();
            let mut it = s.chars();
            while let Some(c) = it.next() {
                if c == '\\' {
                    match it.next() {
                        Some('n') => v.push('\n'),
                        Some('t') => v.push('\t'),
                        Some(d) => v.push(d),
                        None => v.push('\\'),
                    }
                } else {
                    v.push(c);
                }
            }
            v
        };
        let (a, b) = (unesc(&a), unesc(&b));
        if a.len() != b.len() {
            return Err(err(
                self.i,
                "strings for `y' command are different lengths",
                "strings for y command are different lengths",
            ));
        }
        Ok(Op::Translate(a.into_iter().zip(b).collect()))
    }
}

/// Parses an `s` replacement: `&`, `\1`…`\9`, `\n`, `\t`, case escapes.
fn replacement(raw: &str, delim: char) -> Vec<Piece> {
    let mut v = Vec::new();
    let mut lit = String::new();
    let mut it = raw.chars();
    let flush = |lit: &mut String, v: &mut Vec<Piece>| {
        if !lit.is_empty() {
            v.push(Piece::Lit(std::mem::take(lit)));
        }
    };
    while let Some(c) = it.next() {
        match c {
            '&' => {
                flush(&mut lit, &mut v);
                v.push(Piece::Group(0));
            }
            '\\' => match it.next() {
                Some(d @ '0'..='9') => {
                    flush(&mut lit, &mut v);
                    v.push(Piece::Group(d as usize - '0' as usize));
                }
                Some('n') => lit.push('\n'),
                Some('t') => lit.push('\t'),
                Some('\n') => lit.push('\n'),
                Some(d @ ('U' | 'L' | 'u' | 'l' | 'E')) => {
                    flush(&mut lit, &mut v);
                    v.push(Piece::Case(d));
                }
                Some(d) if d == delim => lit.push(d),
                Some(d) => lit.push(d),
                None => lit.push('\\'),
            },
            c => lit.push(c),
        }
    }
    flush(&mut lit, &mut v);
    v
}
