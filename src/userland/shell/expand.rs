//! Word expansion: parameters (`$X`, `${X:-w}` …), command substitution,
//! arithmetic, tilde, field splitting and pathname globbing.

use super::parse::{Part, Word};
use super::Shell;
use crate::userland::glob;
use crate::userland::programs::Flow;
use crate::userland::Sys;

/// A piece of expanded text.
#[derive(Clone, Debug)]
pub(crate) enum Piece {
    Text {
        text: String,
        quoted: bool,
        split: bool,
    },
    /// A field boundary that survives quoting (`"$@"`).
    Break,
}

#[derive(Default, Clone)]
struct Field {
    plain: String,
    pattern: String,
    has_glob: bool,
    started: bool,
}

impl Shell {
    /// Expands a word into pieces (no splitting yet).
    pub(crate) fn expand_pieces(
        &mut self,
        sys: &mut dyn Sys,
        w: &Word,
        lim: &mut crate::userland::programs::Limits,
        out: &mut crate::userland::Output,
    ) -> Result<Vec<Piece>, Flow> {
        let mut v = Vec::new();
        for p in w {
            match p {
                Part::Lit { text, quoted } => v.push(Piece::Text {
                    text: text.clone(),
                    quoted: *quoted,
                    split: false,
                }),
                Part::Tilde(user) => {
                    let home = if user.is_empty() {
                        self.get("HOME").unwrap_or_else(|| "/root".to_string())
                    } else if user == "root" {
                        "/root".to_string()
                    } else {
                        format!("~{user}")
                    };
                    v.push(Piece::Text {
                        text: home,
                        quoted: true,
                        split: false,
                    })
                }
                Part::Cmd { src, quoted } => {
                    let text = self.command_subst(sys, src, lim, out)?;
                    v.push(Piece::Text {
                        text,
                        quoted: *quoted,
                        split: !*quoted,
                    })
                }
                Part::Arith { src, quoted } => {
                    // expand parameters inside first
                    let inner = super::parse::parse_heredoc_body(src);
                    let s = self.expand_string(sys, &inner, lim, out)?;
                    let n = match arith(self, &s) {
                        Ok(n) => n,
                        Err(e) => {
                            out.errln(format!("{}: {}: {e}", self.err_prefix(), s.trim()));
                            return Err(Flow::Error(1));
                        }
                    };
                    v.push(Piece::Text {
                        text: n.to_string(),
                        quoted: *quoted,
                        split: !*quoted,
                    })
                }
                Part::Param {
                    name,
                    op,
                    arg,
                    quoted,
                } => self.expand_param(sys, name, op, arg, *quoted, lim, out, &mut v)?,
            }
        }
        Ok(v)
    }

    #[allow(clippy::too_many_arguments)]
    fn expand_param(
        &mut self,
        sys: &mut dyn Sys,
        name: &str,
        op: &str,
        arg: &Word,
        quoted: bool,
        lim: &mut crate::userland::programs::Limits,
        out: &mut crate::userland::Output,
        v: &mut Vec<Piece>,
    ) -> Result<(), Flow> {
        if (name == "@" || name == "*") && op.is_empty() {
            {
                let args = self.args.clone();
                if quoted && name == "@" {
                    for (i, a) in args.iter().enumerate() {
                        if i > 0 {
                            v.push(Piece::Break);
                        }
                        v.push(Piece::Text {
                            text: a.clone(),
                            quoted: true,
                            split: false,
                        });
                    }
                    if args.is_empty() {
                        v.push(Piece::Break);
                    }
                } else {
                    v.push(Piece::Text {
                        text: args.join(" "),
                        quoted,
                        split: !quoted,
                    });
                }
                return Ok(());
            }
        }
        if let Some(n) = name.strip_prefix('#') {
            if !n.is_empty() {
                let val = self.param(n).unwrap_or_default();
                v.push(Piece::Text {
                    text: val.chars().count().to_string(),
                    quoted,
                    split: false,
                });
                return Ok(());
            }
        }
        let val = self.param(name);
        if self.nounset && val.is_none() && op.is_empty() {
            out.errln(format!("{}: {name}: unbound variable", self.err_prefix()));
            return Err(if self.interactive {
                Flow::Error(1)
            } else {
                Flow::Exit(1)
            });
        }
        let text = match op {
            "" => val.unwrap_or_default(),
            ":-" | "-" => {
                let use_arg = match &val {
                    None => true,
                    Some(s) => op == ":-" && s.is_empty(),
                };
                if use_arg {
                    let pieces = self.expand_pieces(sys, arg, lim, out)?;
                    for p in pieces {
                        match p {
                            Piece::Text {
                                text,
                                quoted: q,
                                split,
                            } => v.push(Piece::Text {
                                text,
                                quoted: q || quoted,
                                split: split && !quoted,
                            }),
                            b => v.push(b),
                        }
                    }
                    return Ok(());
                }
                val.unwrap_or_default()
            }
            ":=" | "=" => {
                let use_arg = match &val {
                    None => true,
                    Some(s) => op == ":=" && s.is_empty(),
                };
                if use_arg {
                    let s = self.expand_string(sys, arg, lim, out)?;
                    self.set(name, &s);
                    s
                } else {
                    val.unwrap_or_default()
                }
            }
            ":+" | "+" => {
                let set = match &val {
                    None => false,
                    Some(s) => op == "+" || !s.is_empty(),
                };
                if set {
                    self.expand_string(sys, arg, lim, out)?
                } else {
                    String::new()
                }
            }
            ":?" | "?" => {
                let bad = match &val {
                    None => true,
                    Some(s) => op == ":?" && s.is_empty(),
                };
                if bad {
                    let msg = self.expand_string(sys, arg, lim, out)?;
                    let msg = if msg.is_empty() {
                        "parameter null or not set".to_string()
                    } else {
                        msg
                    };
                    out.errln(format!("{}: {name}: {msg}", self.err_prefix()));
                    return Err(if self.interactive {
                        Flow::Error(1)
                    } else {
                        Flow::Exit(1)
                    });
                }
                val.unwrap_or_default()
            }
            "#" | "##" | "%" | "%%" => {
                let s = val.unwrap_or_default();
                let pat = self.expand_pattern(sys, arg, lim, out)?;
                strip(&s, &pat, op)
            }
            "/" | "//" => {
                let s = val.unwrap_or_default();
                let raw = self.expand_string(sys, arg, lim, out)?;
                let (pat, rep) = match raw.split_once('/') {
                    Some((a, b)) => (a.to_string(), b.to_string()),
                    None => (raw, String::new()),
                };
                replace(&s, &pat, &rep, op == "//")
            }
            ":" => {
                let s = val.unwrap_or_default();
                let spec = self.expand_string(sys, arg, lim, out)?;
                let mut it = spec.splitn(2, ':');
                let off: i64 = it.next().unwrap_or("0").trim().parse().unwrap_or(0);
                let chars: Vec<char> = s.chars().collect();
                let start = if off < 0 {
                    (chars.len() as i64 + off).max(0) as usize
                } else {
                    (off as usize).min(chars.len())
                };
                let end = match it.next().and_then(|l| l.trim().parse::<i64>().ok()) {
                    Some(l) if l >= 0 => (start + l as usize).min(chars.len()),
                    Some(l) => ((chars.len() as i64) + l).max(start as i64) as usize,
                    None => chars.len(),
                };
                chars[start..end].iter().collect()
            }
            _ => val.unwrap_or_default(),
        };
        v.push(Piece::Text {
            text,
            quoted,
            split: !quoted,
        });
        Ok(())
    }

    /// Expands a word to one string (no splitting, no globbing).
    pub(crate) fn expand_string(
        &mut self,
        sys: &mut dyn Sys,
        w: &Word,
        lim: &mut crate::userland::programs::Limits,
        out: &mut crate::userland::Output,
    ) -> Result<String, Flow> {
        let pieces = self.expand_pieces(sys, w, lim, out)?;
        let mut s = String::new();
        for p in pieces {
            match p {
                Piece::Text { text, .. } => s.push_str(&text),
                Piece::Break => s.push(' '),
            }
        }
        Ok(s)
    }

    /// Expands a word as a pattern (`case`, `${X#pat}`): quoted parts are
    /// escaped so they match literally.
    pub(crate) fn expand_pattern(
        &mut self,
        sys: &mut dyn Sys,
        w: &Word,
        lim: &mut crate::userland::programs::Limits,
        out: &mut crate::userland::Output,
    ) -> Result<String, Flow> {
        let pieces = self.expand_pieces(sys, w, lim, out)?;
        let mut s = String::new();
        for p in pieces {
            if let Piece::Text { text, quoted, .. } = p {
                if quoted {
                    s.push_str(&glob::escape(&text));
                } else {
                    s.push_str(&text);
                }
            }
        }
        Ok(s)
    }

    /// Expands words into argument fields: splitting and globbing.
    pub(crate) fn expand_fields(
        &mut self,
        sys: &mut dyn Sys,
        words: &[Word],
        lim: &mut crate::userland::programs::Limits,
        out: &mut crate::userland::Output,
    ) -> Result<Vec<String>, Flow> {
        let mut result = Vec::new();
        for w in words {
            let pieces = self.expand_pieces(sys, w, lim, out)?;
            let ifs = self.get("IFS").unwrap_or_else(|| " \t\n".to_string());
            let mut fields: Vec<Field> = Vec::new();
            let mut cur = Field::default();
            for p in pieces {
                match p {
                    Piece::Break => {
                        if cur.started {
                            fields.push(std::mem::take(&mut cur));
                        }
                    }
                    Piece::Text {
                        text,
                        quoted,
                        split,
                    } => {
                        if quoted {
                            cur.started = true;
                            cur.plain.push_str(&text);
                            cur.pattern.push_str(&glob::escape(&text));
                        } else if split && !ifs.is_empty() {
                            for c in text.chars() {
                                if ifs.contains(c) {
                                    if cur.started {
                                        fields.push(std::mem::take(&mut cur));
                                    }
                                } else {
                                    cur.started = true;
                                    cur.plain.push(c);
                                    cur.pattern.push(c);
                                    if matches!(c, '*' | '?' | '[') {
                                        cur.has_glob = true;
                                    }
                                }
                            }
                        } else {
                            if !text.is_empty() {
                                cur.started = true;
                            }
                            for c in text.chars() {
                                cur.plain.push(c);
                                cur.pattern.push(c);
                                if matches!(c, '*' | '?' | '[') {
                                    cur.has_glob = true;
                                }
                            }
                        }
                    }
                }
            }
            if cur.started {
                fields.push(cur);
            }
            for f in fields {
                if f.has_glob && !self.noglob {
                    let matches = glob::expand(sys, &self.cwd, &f.pattern);
                    if matches.is_empty() {
                        result.push(f.plain);
                    } else {
                        result.extend(matches);
                    }
                } else {
                    result.push(f.plain);
                }
            }
        }
        Ok(result)
    }

    /// `$(…)`: runs `src` in a subshell and returns its stdout without
    /// trailing newlines; stderr passes through.
    fn command_subst(
        &mut self,
        sys: &mut dyn Sys,
        src: &str,
        lim: &mut crate::userland::programs::Limits,
        out: &mut crate::userland::Output,
    ) -> Result<String, Flow> {
        let mut sub = self.clone();
        sub.subshell = true;
        let mut cap = crate::userland::Output::new();
        let code = match sub.run_source(sys, src, None, &mut cap, lim, false) {
            Ok(c) => c,
            Err(Flow::Exit(c)) | Err(Flow::Error(c)) => c,
            Err(f @ (Flow::Budget | Flow::OutputCap | Flow::Blocked)) => {
                for (s, t) in cap.chunks {
                    if s == crate::userland::Stream::Stderr {
                        out.err(t);
                    }
                }
                return Err(f);
            }
            Err(_) => 0,
        };
        self.last = code;
        self.subst_status = Some(code);
        let mut text = String::new();
        for (s, t) in cap.chunks {
            match s {
                crate::userland::Stream::Stdout => text.push_str(&t),
                crate::userland::Stream::Stderr => out.err(t),
            }
        }
        while text.ends_with('\n') {
            text.pop();
        }
        Ok(text)
    }
}

fn strip(s: &str, pat: &str, op: &str) -> String {
    let idx: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    match op {
        "#" => {
            for &i in &idx {
                if glob::matches(pat, &s[..i]) {
                    return s[i..].to_string();
                }
            }
        }
        "##" => {
            for &i in idx.iter().rev() {
                if glob::matches(pat, &s[..i]) {
                    return s[i..].to_string();
                }
            }
        }
        "%" => {
            for &i in idx.iter().rev() {
                if glob::matches(pat, &s[i..]) {
                    return s[..i].to_string();
                }
            }
        }
        _ => {
            for &i in &idx {
                if glob::matches(pat, &s[i..]) {
                    return s[..i].to_string();
                }
            }
        }
    }
    s.to_string()
}

fn replace(s: &str, pat: &str, rep: &str, all: bool) -> String {
    if pat.is_empty() {
        return s.to_string();
    }
    let idx: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    let mut out = String::new();
    let mut k = 0;
    let mut done = false;
    while k < idx.len() - 1 {
        let i = idx[k];
        let mut matched = None;
        if !done {
            for &j in idx[k + 1..].iter().rev() {
                if glob::matches(pat, &s[i..j]) {
                    matched = Some(j);
                    break;
                }
            }
        }
        match matched {
            Some(j) => {
                out.push_str(rep);
                k = idx.iter().position(|&x| x == j).unwrap_or(idx.len() - 1);
                if !all {
                    done = true;
                }
            }
            None => {
                out.push_str(&s[i..idx[k + 1]]);
                k += 1;
            }
        }
    }
    out
}

/// Evaluates a shell arithmetic expression.
pub(crate) fn arith(sh: &mut Shell, src: &str) -> Result<i64, String> {
    let toks = arith_tokens(src)?;
    let mut p = Arith { t: &toks, i: 0, sh };
    let v = p.assign()?;
    if p.i < toks.len() {
        return Err(format!(
            "syntax error in expression (error token is \"{}\")",
            toks[p.i..].join(" ")
        ));
    }
    Ok(v)
}

fn arith_tokens(src: &str) -> Result<Vec<String>, String> {
    let cs: Vec<char> = src.chars().collect();
    let mut v = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == '_' {
            let mut w = String::new();
            while i < cs.len() && (cs[i].is_ascii_alphanumeric() || cs[i] == '_') {
                w.push(cs[i]);
                i += 1;
            }
            v.push(w);
        } else {
            let two: String = cs[i..(i + 2).min(cs.len())].iter().collect();
            if [
                "==", "!=", "<=", ">=", "&&", "||", "**", "<<", ">>", "+=", "-=", "*=", "/=", "++",
                "--",
            ]
            .contains(&two.as_str())
            {
                v.push(two);
                i += 2;
            } else if "+-*/%()<>!=?:&|^~".contains(c) {
                v.push(c.to_string());
                i += 1;
            } else {
                return Err(format!(
                    "syntax error: operand expected (error token is \"{}\")",
                    cs[i..].iter().collect::<String>()
                ));
            }
        }
    }
    Ok(v)
}

struct Arith<'a> {
    t: &'a [String],
    i: usize,
    sh: &'a mut Shell,
}

impl Arith<'_> {
    fn peek(&self) -> Option<&str> {
        self.t.get(self.i).map(String::as_str)
    }
    fn assign(&mut self) -> Result<i64, String> {
        if let (Some(name), Some(op)) = (self.t.get(self.i), self.t.get(self.i + 1)) {
            if super::parse::valid_name(name)
                && ["=", "+=", "-=", "*=", "/="].contains(&op.as_str())
            {
                let name = name.clone();
                let op = op.clone();
                self.i += 2;
                let r = self.assign()?;
                let cur = self.var(&name);
                let v = match op.as_str() {
                    "=" => r,
                    "+=" => cur.wrapping_add(r),
                    "-=" => cur.wrapping_sub(r),
                    "*=" => cur.wrapping_mul(r),
                    _ => {
                        if r == 0 {
                            return Err("division by 0".into());
                        }
                        cur / r
                    }
                };
                self.sh.set(&name, &v.to_string());
                return Ok(v);
            }
        }
        self.ternary()
    }
    fn ternary(&mut self) -> Result<i64, String> {
        let c = self.bin(0)?;
        if self.peek() == Some("?") {
            self.i += 1;
            let a = self.assign()?;
            if self.peek() != Some(":") {
                return Err("`:' expected for conditional expression".into());
            }
            self.i += 1;
            let b = self.assign()?;
            return Ok(if c != 0 { a } else { b });
        }
        Ok(c)
    }
    fn bin(&mut self, level: usize) -> Result<i64, String> {
        const LEVELS: &[&[&str]] = &[
            &["||"],
            &["&&"],
            &["|"],
            &["^"],
            &["&"],
            &["==", "!="],
            &["<", ">", "<=", ">="],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level >= LEVELS.len() {
            return self.unary();
        }
        let mut l = self.bin(level + 1)?;
        while let Some(op) = self.peek() {
            if !LEVELS[level].contains(&op) {
                break;
            }
            let op = op.to_string();
            self.i += 1;
            let r = self.bin(level + 1)?;
            l = match op.as_str() {
                "||" => (l != 0 || r != 0) as i64,
                "&&" => (l != 0 && r != 0) as i64,
                "|" => l | r,
                "^" => l ^ r,
                "&" => l & r,
                "==" => (l == r) as i64,
                "!=" => (l != r) as i64,
                "<" => (l < r) as i64,
                ">" => (l > r) as i64,
                "<=" => (l <= r) as i64,
                ">=" => (l >= r) as i64,
                "<<" => l.wrapping_shl(r as u32),
                ">>" => l.wrapping_shr(r as u32),
                "+" => l.wrapping_add(r),
                "-" => l.wrapping_sub(r),
                "*" => l.wrapping_mul(r),
                "/" | "%" => {
                    if r == 0 {
                        return Err("division by 0 (error token is \"0\")".into());
                    }
                    if op == "/" {
                        l.wrapping_div(r)
                    } else {
                        l.wrapping_rem(r)
                    }
                }
                _ => l,
            };
        }
        Ok(l)
    }
    fn unary(&mut self) -> Result<i64, String> {
        match self.peek() {
            Some("-") => {
                self.i += 1;
                Ok(self.unary()?.wrapping_neg())
            }
            Some("+") => {
                self.i += 1;
                self.unary()
            }
            Some("!") => {
                self.i += 1;
                Ok((self.unary()? == 0) as i64)
            }
            Some("~") => {
                self.i += 1;
                Ok(!self.unary()?)
            }
            Some("++") | Some("--") => {
                let inc = if self.peek() == Some("++") { 1 } else { -1 };
                self.i += 1;
                let name = self.peek().unwrap_or("").to_string();
                self.i += 1;
                let v = self.var(&name) + inc;
                self.sh.set(&name, &v.to_string());
                Ok(v)
            }
            Some("(") => {
                self.i += 1;
                let v = self.assign()?;
                if self.peek() != Some(")") {
                    return Err("missing `)'".into());
                }
                self.i += 1;
                Ok(v)
            }
            Some(t) => {
                let t = t.to_string();
                self.i += 1;
                if t.chars().all(|c| c.is_ascii_digit()) {
                    return t.parse().map_err(|_| "value too great for base".into());
                }
                if super::parse::valid_name(&t) {
                    let v = self.var(&t);
                    if let Some(op @ ("++" | "--")) = self.peek() {
                        let d = if op == "++" { 1 } else { -1 };
                        self.i += 1;
                        self.sh.set(&t, &(v + d).to_string());
                    }
                    return Ok(v);
                }
                Err(format!(
                    "syntax error: operand expected (error token is \"{t}\")"
                ))
            }
            None => Err("syntax error: operand expected".into()),
        }
    }
    fn var(&self, name: &str) -> i64 {
        self.sh
            .get(name)
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    }
}
