//! Word expansion: parameters (`$X`, `${X:-w}` …), command substitution,
//! arithmetic, tilde, field splitting and pathname globbing.

use super::arith::arith;
use super::parse::{Part, Word};
use super::Shell;
use crate::userland::glob;
use crate::userland::programs::Flow;
use crate::userland::Sys;

/// The longest value one word may expand to (`x=$x$x` in a loop stops
/// here instead of exhausting memory).
pub const MAX_VALUE: usize = 16 << 20;

/// The most fields one command line may expand to.
pub const MAX_FIELDS: usize = 1 << 20;

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
    /// An expansion error (bad substitution, arithmetic): bash abandons
    /// the current command line with `status`; dash and ash exit with 2
    /// unless interactive.
    pub(crate) fn expansion_failed(&self, status: i32) -> Flow {
        match self.kind {
            super::ShellKind::Bash => Flow::Error(status),
            _ if self.interactive => Flow::Error(2),
            _ => Flow::Exit(2),
        }
    }

    /// `${x:?}` and `set -u` failures: a non-interactive shell exits
    /// (bash with 127, dash and ash with 2).
    pub(crate) fn fatal_expansion(&self) -> Flow {
        match (self.kind, self.interactive) {
            (_, true) => Flow::Error(1),
            (super::ShellKind::Bash, false) => Flow::Exit(127),
            _ => Flow::Exit(2),
        }
    }

    /// The items of `@`, `*`, `a[@]` or `a[*]`; `None` for other names.
    fn list_param(&self, name: &str) -> Option<Vec<String>> {
        if name == "@" || name == "*" {
            return Some(self.args.clone());
        }
        match super::arrays::split_subscript(name) {
            (base, Some("@" | "*")) => Some(self.array_values(base)),
            _ => None,
        }
    }

    /// A pattern or case operator applied to one string.
    fn apply_op(
        &mut self,
        sys: &mut dyn Sys,
        s: &str,
        op: &str,
        arg: &Word,
        lim: &mut crate::userland::programs::Limits,
        out: &mut crate::userland::Output,
    ) -> Result<String, Flow> {
        Ok(match op {
            "#" | "##" | "%" | "%%" => {
                let pat = self.expand_pattern(sys, arg, lim, out)?;
                strip(s, &pat, op)
            }
            "/" | "//" => {
                let raw = self.expand_string(sys, arg, lim, out)?;
                let (pat, rep) = match raw.split_once('/') {
                    Some((a, b)) => (a.to_string(), b.to_string()),
                    None => (raw, String::new()),
                };
                if let Some(p) = pat.strip_prefix('#').filter(|_| op == "/") {
                    anchored(s, p, &rep, true)
                } else if let Some(p) = pat.strip_prefix('%').filter(|_| op == "/") {
                    anchored(s, p, &rep, false)
                } else {
                    replace(s, &pat, &rep, op == "//")
                }
            }
            _ => {
                let upper = op.starts_with('^');
                let all = op.len() == 2;
                s.chars()
                    .enumerate()
                    .map(|(i, c)| {
                        if i > 0 && !all {
                            c.to_string()
                        } else if upper {
                            c.to_uppercase().to_string()
                        } else {
                            c.to_lowercase().to_string()
                        }
                    })
                    .collect()
            }
        })
    }

    /// An arithmetic error in each shell's words.
    pub(crate) fn arith_error(&self, expr: &str, e: &str, out: &mut crate::userland::Output) {
        let p = self.err_prefix();
        match self.kind {
            super::ShellKind::Bash => out.errln(format!("{p}: {expr}: {e}")),
            super::ShellKind::Dash => {
                let what = if e.starts_with("division by 0") {
                    "division by zero"
                } else {
                    "expecting primary"
                };
                out.errln(format!("{p}: arithmetic expression: {what}: \"{expr}\""))
            }
            super::ShellKind::Ash => {
                if e.starts_with("division by 0") {
                    out.errln(format!("{p}: divide by zero"))
                } else {
                    out.errln(format!("{p}: arithmetic syntax error"))
                }
            }
        }
    }

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
                            self.arith_error(s.trim(), &e, out);
                            return Err(self.expansion_failed(1));
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
                // only valid as a whole assignment value, handled there
                Part::Array(_) => {}
            }
            let size: usize = v
                .iter()
                .map(|p| match p {
                    Piece::Text { text, .. } => text.len(),
                    Piece::Break => 0,
                })
                .sum();
            if size > MAX_VALUE {
                out.errln(format!(
                    "dockerlings: {}: values longer than {} MiB are not available in this sandbox",
                    self.short_name(),
                    MAX_VALUE >> 20
                ));
                return Err(self.expansion_failed(1));
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
                    let sep = if quoted { self.ifs_join() } else { " ".into() };
                    v.push(Piece::Text {
                        text: args.join(&sep),
                        quoted,
                        split: !quoted,
                    });
                }
                return Ok(());
            }
        }
        if self.special_array_param(name, op, quoted, out, v)? {
            return Ok(());
        }
        if let Some(items) = self.list_param(name) {
            if op == ":" || ELEMENT_OPS.contains(&op) {
                let items = if op == ":" {
                    let spec = self.expand_string(sys, arg, lim, out)?;
                    let positional = name == "@" || name == "*";
                    slice(items, &spec, positional)
                } else {
                    let mut v2 = Vec::new();
                    for s in items {
                        v2.push(self.apply_op(sys, &s, op, arg, lim, out)?);
                    }
                    v2
                };
                push_list(
                    v,
                    items,
                    quoted && !name.ends_with('*'),
                    quoted,
                    &self.ifs_join(),
                );
                return Ok(());
            }
        }
        if (name == "#@" || name == "#*") && self.kind == super::ShellKind::Bash {
            v.push(Piece::Text {
                text: self.args.len().to_string(),
                quoted,
                split: false,
            });
            return Ok(());
        }
        if let Some(prefix) = name
            .strip_prefix('!')
            .and_then(|n| n.strip_suffix('*').or_else(|| n.strip_suffix('@')))
        {
            let mut names: Vec<String> = self
                .vars
                .keys()
                .chain(self.arrays.keys())
                .filter(|k| k.starts_with(prefix))
                .cloned()
                .collect();
            names.sort();
            names.dedup();
            push_list(v, names, quoted && name.ends_with('@'), quoted, " ");
            return Ok(());
        }
        if let Some(target) = name.strip_prefix('!').filter(|n| !n.is_empty()) {
            let to = self.lookup(target, out)?.unwrap_or_default();
            let (base, _) = super::arrays::split_subscript(&to);
            if !super::parse::valid_name(base) && !to.chars().all(|c| c.is_ascii_digit()) {
                out.errln(format!(
                    "{}: {to}: invalid variable name",
                    self.err_prefix()
                ));
                return Err(Flow::Error(1));
            }
            return self.expand_param(sys, &to, op, arg, quoted, lim, out, v);
        }
        if op.is_empty() && !arg.is_empty() {
            let rest: String = arg
                .iter()
                .map(|p| match p {
                    super::parse::Part::Lit { text, .. } => text.clone(),
                    _ => String::new(),
                })
                .collect();
            match self.kind {
                super::ShellKind::Bash => out.errln(format!(
                    "{}: ${{{name}{rest}}}: bad substitution",
                    self.err_prefix()
                )),
                super::ShellKind::Dash => {
                    out.errln(format!("{}: Bad substitution", self.err_prefix()))
                }
                super::ShellKind::Ash => out.errln(format!(
                    "{}: syntax error: bad substitution",
                    self.err_prefix()
                )),
            }
            return Err(self.expansion_failed(1));
        }
        if let Some(n) = name.strip_prefix('#') {
            if !n.is_empty() {
                let val = self.lookup(n, out)?.unwrap_or_default();
                v.push(Piece::Text {
                    text: val.chars().count().to_string(),
                    quoted,
                    split: false,
                });
                return Ok(());
            }
        }
        let val = self.lookup(name, out)?;
        if self.nounset && val.is_none() && op.is_empty() {
            let what = match self.kind {
                super::ShellKind::Bash => "unbound variable",
                _ => "parameter not set",
            };
            out.errln(format!("{}: {name}: {what}", self.err_prefix()));
            return Err(self.fatal_expansion());
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
                    let msg = match (msg.is_empty(), self.kind) {
                        (false, _) => msg,
                        (true, super::ShellKind::Bash) => "parameter null or not set".to_string(),
                        (true, _) => "parameter not set or null".to_string(),
                    };
                    out.errln(format!("{}: {name}: {msg}", self.err_prefix()));
                    return Err(self.fatal_expansion());
                }
                val.unwrap_or_default()
            }
            "#" | "##" | "%" | "%%" => {
                let s = val.unwrap_or_default();
                self.apply_op(sys, &s, op, arg, lim, out)?
            }
            "/" | "//" | "^^" | "^" | ",," | "," => {
                let s = val.unwrap_or_default();
                self.apply_op(sys, &s, op, arg, lim, out)?
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
        let braced;
        let words = if self.kind == super::ShellKind::Bash
            && words.iter().any(super::brace::has_brace)
        {
            let mut all = Vec::new();
            for w in words {
                match super::brace::expand(w) {
                    Ok(ws) => all.extend(ws),
                    Err(n) => {
                        out.errln(format!(
                            "dockerlings: {}: brace expansions of more than {n} words are not available in this sandbox",
                            self.short_name()
                        ));
                        return Err(Flow::Error(1));
                    }
                }
            }
            braced = all;
            &braced[..]
        } else {
            words
        };
        for w in words {
            if result.len() > MAX_FIELDS {
                out.errln(format!(
                    "dockerlings: {}: command lines of more than {MAX_FIELDS} words are not available in this sandbox",
                    self.short_name()
                ));
                return Err(self.expansion_failed(1));
            }
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
        if result.len() > MAX_FIELDS {
            out.errln(format!(
                "dockerlings: {}: command lines of more than {MAX_FIELDS} words are not available in this sandbox",
                self.short_name()
            ));
            return Err(self.expansion_failed(1));
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
        let mut sub = self.subshell_copy();
        // the substitution captures stdout, whatever `exec >…` said
        sub.fds.remove(&1);
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

/// Operators applied to each element of `${a[@]…}` / `${@…}`.
const ELEMENT_OPS: &[&str] = &["#", "##", "%", "%%", "/", "//", "^^", "^", ",,", ","];

/// Pushes list items as fields (`"${a[@]}"`) or one joined text.
fn push_list(v: &mut Vec<Piece>, items: Vec<String>, fields: bool, quoted: bool, sep: &str) {
    if fields {
        for (i, a) in items.iter().enumerate() {
            if i > 0 {
                v.push(Piece::Break);
            }
            v.push(Piece::Text {
                text: a.clone(),
                quoted: true,
                split: false,
            });
        }
        if items.is_empty() {
            v.push(Piece::Break);
        }
    } else {
        v.push(Piece::Text {
            text: items.join(sep),
            quoted,
            split: !quoted,
        });
    }
}

/// `${list:offset:length}`; for positional parameters offset 0 is `$0`.
fn slice(items: Vec<String>, spec: &str, positional: bool) -> Vec<String> {
    let mut it = spec.splitn(2, ':');
    let off: i64 = it.next().unwrap_or("0").trim().parse().unwrap_or(0);
    let len: Option<i64> = it.next().and_then(|l| l.trim().parse().ok());
    let n = items.len() as i64;
    let start = if off < 0 {
        (n + off).max(0)
    } else if positional {
        (off - 1).max(0)
    } else {
        off
    }
    .min(n) as usize;
    let end = match len {
        Some(l) if l >= 0 => (start + l as usize).min(items.len()),
        Some(l) => ((n + l).max(start as i64)) as usize,
        None => items.len(),
    };
    items[start..end].to_vec()
}

/// `${s/#pat/rep}` (at the start) or `${s/%pat/rep}` (at the end): the
/// longest match is replaced.
fn anchored(s: &str, pat: &str, rep: &str, start: bool) -> String {
    let idx: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    if start {
        for &j in idx.iter().rev() {
            if glob::matches(pat, &s[..j]) {
                return format!("{rep}{}", &s[j..]);
            }
        }
    } else {
        for &i in idx.iter() {
            if glob::matches(pat, &s[i..]) {
                return format!("{}{rep}", &s[..i]);
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
