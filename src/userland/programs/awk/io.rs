//! awk's input and output: the main input (operands, `var=value`
//! assignments, stdin), records split by `RS`, `getline` from files and
//! commands, `print > file`, `>> file`, `| command`, `close`, `system`.

use std::collections::HashMap;

use super::ast::{Dest, Expr, GetlineSrc};
use super::interp::{Interp, Jump, R};
use super::value::Value;
use crate::userland::programs::{self as programs, Lookup};
use crate::userland::Output;

/// An open input: its text and read position.
#[derive(Clone, Debug, Default)]
pub struct Input {
    pub text: String,
    pub pos: usize,
}

/// Where `print` output goes once opened.
#[derive(Clone, Debug)]
pub enum Sink {
    /// An absolute path, already truncated/created.
    File(String),
    /// A command and what was piped to it so far.
    Pipe(String, String),
}

/// Open streams and the main input's progress.
#[derive(Debug, Default)]
pub struct Io {
    pub sinks: HashMap<String, Sink>,
    pub sink_order: Vec<String>,
    pub inputs: HashMap<String, Input>,
    pub main: Option<Input>,
    /// Next ARGV index to open.
    pub argi: usize,
    /// Whether any file operand was seen (else stdin is read).
    pub used_file: bool,
    pub done: bool,
}

impl Interp<'_, '_> {
    /// Takes the next record from `inp` under the current `RS`.
    fn take_record(&mut self, inp: &mut Input) -> Option<String> {
        let rs = self.str_var("RS");
        let t = &inp.text;
        if rs.is_empty() {
            while t[inp.pos..].starts_with('\n') {
                inp.pos += 1;
            }
            if inp.pos >= t.len() {
                return None;
            }
            let rest = &t[inp.pos..];
            let (rec, adv) = match rest.find("\n\n") {
                Some(k) => {
                    let mut e = k;
                    while rest[e..].starts_with('\n') {
                        e += 1;
                    }
                    (&rest[..k], e)
                }
                None => (rest.trim_end_matches('\n'), rest.len()),
            };
            let rec = rec.to_string();
            inp.pos += adv;
            return Some(rec);
        }
        if inp.pos >= t.len() {
            return None;
        }
        let rest = &t[inp.pos..];
        let found = if rs.chars().count() == 1 {
            rest.find(rs.as_str()).map(|k| (k, k + rs.len()))
        } else {
            match self.regex(&rs) {
                Ok(re) => re.find(rest).filter(|(a, b)| b > a),
                Err(_) => None,
            }
        };
        match found {
            Some((a, b)) => {
                let rec = rest[..a].to_string();
                inp.pos += b;
                Some(rec)
            }
            None => {
                inp.pos = t.len();
                Some(rest.to_string())
            }
        }
    }

    fn argv(&mut self) -> (usize, usize) {
        let argc = match self.get_var("ARGC") {
            Ok(v) => v.num().max(0.0) as usize,
            Err(_) => 0,
        };
        let id = self.array_id("ARGV").unwrap_or(0);
        (argc, id)
    }

    /// The next record of the main input (operands in turn, then stdin if
    /// there were none); `Ok(None)` at the end.
    pub fn next_main_record(&mut self) -> R<Option<String>> {
        loop {
            if let Some(mut inp) = self.io.main.take() {
                let r = self.take_record(&mut inp);
                self.io.main = Some(inp);
                if let Some(r) = r {
                    return Ok(Some(r));
                }
                self.io.main = None;
            }
            if self.io.done {
                return Ok(None);
            }
            let (argc, id) = self.argv();
            if self.io.argi == 0 {
                self.io.argi = 1;
            }
            if self.io.argi >= argc {
                self.io.done = true;
                if !self.io.used_file {
                    self.io.used_file = true;
                    let text = self.p.stdin_text();
                    self.open_main("", text);
                    continue;
                }
                return Ok(None);
            }
            let i = self.io.argi;
            self.io.argi += 1;
            let arg = self.arrays[id]
                .map
                .get(&i.to_string())
                .cloned()
                .unwrap_or(Value::Uninit);
            let arg = self.str_of(&arg);
            if arg.is_empty() {
                continue;
            }
            if let Some((k, v)) = assignment(&arg) {
                let v = unescape(v);
                self.set_var(k, Value::StrNum(v))?;
                continue;
            }
            self.io.used_file = true;
            let text = if arg == "-" || arg == "/dev/stdin" {
                self.p.stdin_text()
            } else {
                match self.p.read(&arg) {
                    Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                    Err(e) => {
                        let msg = if self.busybox {
                            format!("{arg}: {e}")
                        } else {
                            format!("cannot open {arg} ({e})")
                        };
                        return Err(Jump::Fatal(msg, 2));
                    }
                }
            };
            self.open_main(&arg, text);
        }
    }

    fn open_main(&mut self, name: &str, text: String) {
        let _ = self.set_var("FILENAME", Value::Str(name.to_string()));
        let _ = self.set_var("FNR", Value::Num(0.0));
        self.io.main = Some(Input { text, pos: 0 });
    }

    pub fn bump_nr(&mut self, fnr: bool) -> R<()> {
        let nr = self.get_var("NR")?.num();
        self.set_var("NR", Value::Num(nr + 1.0))?;
        if fnr {
            let f = self.get_var("FNR")?.num();
            self.set_var("FNR", Value::Num(f + 1.0))?;
        }
        Ok(())
    }

    pub fn getline(&mut self, src: &GetlineSrc, var: Option<&Expr>) -> R<Value> {
        let rec = match src {
            GetlineSrc::Main => {
                let Some(r) = self.next_main_record()? else {
                    return Ok(Value::Num(0.0));
                };
                self.bump_nr(true)?;
                r
            }
            GetlineSrc::File(f) | GetlineSrc::Cmd(f) => {
                let v = self.eval(f)?;
                let name = self.str_of(&v);
                let is_cmd = matches!(src, GetlineSrc::Cmd(_));
                if !self.io.inputs.contains_key(&name) {
                    let text = if is_cmd {
                        self.run_sh(&name, None, true)?.0
                    } else if name == "-" || name == "/dev/stdin" {
                        self.p.stdin_text()
                    } else {
                        match self.p.read(&name) {
                            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                            Err(_) => return Ok(Value::Num(-1.0)),
                        }
                    };
                    self.io.inputs.insert(name.clone(), Input { text, pos: 0 });
                }
                let mut inp = self.io.inputs.remove(&name).unwrap_or_default();
                let r = self.take_record(&mut inp);
                self.io.inputs.insert(name, inp);
                let Some(r) = r else {
                    return Ok(Value::Num(0.0));
                };
                if is_cmd {
                    self.bump_nr(false)?;
                }
                r
            }
        };
        match var {
            Some(v) => self.assign(v, Value::StrNum(rec))?,
            None => self.set_record(rec),
        }
        Ok(Value::Num(1.0))
    }

    /// Writes `text` where `dest` says.
    pub fn write(&mut self, dest: &Dest, text: String) -> R<()> {
        let (e, append, pipe) = match dest {
            Dest::Stdout => return self.emit(&text),
            Dest::File(e) => (e, false, false),
            Dest::Append(e) => (e, true, false),
            Dest::Pipe(e) => (e, false, true),
        };
        let v = self.eval(e)?;
        let name = self.str_of(&v);
        if !pipe {
            match name.as_str() {
                "/dev/stdout" | "-" => return self.emit(&text),
                "/dev/stderr" => {
                    self.p.out.err(&text);
                    return Ok(());
                }
                _ => {}
            }
        }
        match self.io.sinks.get_mut(&name) {
            Some(Sink::Pipe(_, buf)) => {
                if buf.len() + text.len() > super::interp::MAX_STRING {
                    return Err(Jump::Fatal("out of memory (pipe buffer)".into(), 2));
                }
                buf.push_str(&text);
                Ok(())
            }
            Some(Sink::File(path)) => {
                let path = path.clone();
                let now = self.p.lim.now_secs();
                programs::append_file(self.p.sys, &path, text.as_bytes(), now)
                    .map_err(|e| Jump::Fatal(format!("cannot open \"{name}\" for output ({e})"), 2))
            }
            None => {
                if pipe {
                    self.io
                        .sinks
                        .insert(name.clone(), Sink::Pipe(name.clone(), text));
                } else {
                    let path = self.p.abs(&name);
                    let now = self.p.lim.now_secs();
                    let r = if append {
                        programs::append_file(self.p.sys, &path, text.as_bytes(), now)
                    } else {
                        programs::write_file(self.p.sys, &path, text.as_bytes(), now)
                    };
                    r.map_err(|e| {
                        Jump::Fatal(format!("cannot open \"{name}\" for output ({e})"), 2)
                    })?;
                    self.io.sinks.insert(name.clone(), Sink::File(path));
                }
                self.io.sink_order.push(name);
                Ok(())
            }
        }
    }

    /// `close(name)`: runs a pending pipe, forgets a file or input.
    pub fn close(&mut self, name: &str) -> R<i32> {
        let mut r = -1;
        if self.io.inputs.remove(name).is_some() {
            r = 0;
        }
        if let Some(s) = self.io.sinks.remove(name) {
            self.io.sink_order.retain(|x| x != name);
            r = 0;
            if let Sink::Pipe(cmd, buf) = s {
                r = self.run_sh(&cmd, Some(buf.into_bytes()), false)?.1;
            }
        }
        Ok(r)
    }

    /// Runs every pending output pipe (at exit).
    pub fn close_all(&mut self) -> R<()> {
        for name in std::mem::take(&mut self.io.sink_order) {
            if let Some(Sink::Pipe(cmd, buf)) = self.io.sinks.remove(&name) {
                self.run_sh(&cmd, Some(buf.into_bytes()), false)?;
            }
        }
        Ok(())
    }

    pub fn system(&mut self, cmd: &str) -> R<i32> {
        Ok(self.run_sh(cmd, None, false)?.1)
    }

    /// Runs `sh -c cmd`; with `capture` returns its stdout instead of
    /// printing it.
    pub fn run_sh(&mut self, cmd: &str, stdin: Option<Vec<u8>>, capture: bool) -> R<(String, i32)> {
        let path_var = self
            .p
            .getenv("PATH")
            .unwrap_or_else(|| programs::DEFAULT_PATH.into());
        let cwd = self.p.ctx.cwd.clone();
        let Lookup::Found(found) = programs::lookup(self.p.sys, "sh", &path_var, &cwd) else {
            return Ok((String::new(), 127));
        };
        let argv = vec!["sh".to_string(), "-c".to_string(), cmd.to_string()];
        let mut ctx = self.p.ctx.clone();
        ctx.stdin = stdin;
        self.p.lim.depth += 1;
        let r = if capture {
            let mut out = Output::new();
            let r = programs::exec(self.p.sys, &found, &argv, &ctx, &mut out, self.p.lim);
            let err = out.stderr();
            self.p.out.err(err);
            r.map(|c| (out.stdout(), c))
        } else {
            programs::exec(self.p.sys, &found, &argv, &ctx, self.p.out, self.p.lim)
                .map(|c| (String::new(), c))
        };
        self.p.lim.depth -= 1;
        r.map_err(Jump::Flow)
    }
}

/// `name=value` operands and `-v` values.
pub fn assignment(a: &str) -> Option<(&str, &str)> {
    let (k, v) = a.split_once('=')?;
    let ok = k
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    ok.then_some((k, v))
}

/// Escape sequences in `-v` and operand assignments.
pub fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some('/') => out.push('/'),
            Some(d) => {
                out.push('\\');
                out.push(d);
            }
            None => out.push('\\'),
        }
    }
    out
}
