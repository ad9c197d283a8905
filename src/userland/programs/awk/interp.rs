//! The awk interpreter: variables and arrays, records and fields, rules
//! (BEGIN, patterns, ranges, END), statements, expressions. Built-in
//! functions and I/O live in `builtins` and `io`.

use std::collections::HashMap;

use super::ast::*;
use super::value::{num_to_string, Value};
use crate::userland::programs::{Flow, Proc};
use crate::userland::regex::Regex;

/// Deepest user-function recursion before awk gives up.
pub const MAX_CALL_DEPTH: usize = 40;
/// Longest string awk builds (bytes).
pub const MAX_STRING: usize = 16 << 20;

/// A variable: a scalar or an array (by index in the array arena).
#[derive(Clone, Debug)]
pub enum Cell {
    Val(Value),
    Arr(usize),
}

/// Why execution left the normal path.
#[derive(Debug)]
pub enum Jump {
    Next,
    NextFile,
    Exit(i32),
    Return(Value),
    Break,
    Continue,
    /// A fatal error (message without the program name) and exit status.
    Fatal(String, i32),
    /// The sandbox stopped the program (budget, output cap).
    Flow(Flow),
}

pub type R<T> = Result<T, Jump>;

/// An array: values by key, and keys in insertion order.
#[derive(Clone, Debug, Default)]
pub struct Array {
    pub map: HashMap<String, Value>,
    pub order: Vec<String>,
}

impl Array {
    pub fn set(&mut self, k: String, v: Value) {
        if !self.map.contains_key(&k) {
            self.order.push(k.clone());
        }
        self.map.insert(k, v);
    }
    pub fn remove(&mut self, k: &str) {
        if self.map.remove(k).is_some() {
            self.order.retain(|x| x != k);
        }
    }
    pub fn clear(&mut self) {
        self.map.clear();
        self.order.clear();
    }
    /// Keys for `for (k in a)`: numeric keys in numeric order, then the
    /// others as inserted.
    pub fn keys(&self) -> Vec<String> {
        let mut nums: Vec<(f64, String)> = Vec::new();
        let mut strs: Vec<String> = Vec::new();
        for k in &self.order {
            match k.parse::<i64>() {
                Ok(n) if n.to_string() == *k => nums.push((n as f64, k.clone())),
                _ => strs.push(k.clone()),
            }
        }
        nums.sort_by(|a, b| a.0.total_cmp(&b.0));
        nums.into_iter().map(|x| x.1).chain(strs).collect()
    }
}

/// The interpreter state.
pub struct Interp<'x, 'a> {
    pub p: &'x mut Proc<'a>,
    pub funcs: HashMap<String, Func>,
    pub globals: HashMap<String, Cell>,
    pub arrays: Vec<Array>,
    pub frames: Vec<HashMap<String, Cell>>,
    /// For each frame: parameter → the caller's variable it was passed as.
    pub origins: Vec<HashMap<String, String>>,
    /// `$0` … `$NF`.
    pub fields: Vec<String>,
    pub regexes: HashMap<String, Regex>,
    pub io: super::io::Io,
    pub busybox: bool,
    pub rand_seed: f64,
    pub rand_state: u64,
    pub written: usize,
    pub exit_code: Option<i32>,
    /// What `printf` formatted before an error.
    pub partial: String,
}

impl<'x, 'a> Interp<'x, 'a> {
    pub fn new(p: &'x mut Proc<'a>, prog: &Program, busybox: bool) -> Self {
        let mut it = Interp {
            p,
            funcs: prog
                .funcs
                .iter()
                .map(|f| (f.name.clone(), f.clone()))
                .collect(),
            globals: HashMap::new(),
            arrays: Vec::new(),
            frames: Vec::new(),
            origins: Vec::new(),
            fields: vec![String::new()],
            regexes: HashMap::new(),
            io: Default::default(),
            busybox,
            rand_seed: 0.0,
            rand_state: 0,
            written: 0,
            exit_code: None,
            partial: String::new(),
        };
        for (k, v) in [
            ("FS", " "),
            ("OFS", " "),
            ("ORS", "\n"),
            ("RS", "\n"),
            ("SUBSEP", "\x1c"),
            ("CONVFMT", "%.6g"),
            ("OFMT", "%.6g"),
            ("FILENAME", ""),
        ] {
            it.globals.insert(k.into(), Cell::Val(Value::Str(v.into())));
        }
        for k in ["NR", "FNR", "RSTART"] {
            it.globals.insert(k.into(), Cell::Val(Value::Num(0.0)));
        }
        it.globals
            .insert("RLENGTH".into(), Cell::Val(Value::Num(-1.0)));
        let env = it.p.ctx.env.clone();
        let id = it.new_array();
        for (k, v) in env {
            it.arrays[id].set(k, Value::StrNum(v));
        }
        it.globals.insert("ENVIRON".into(), Cell::Arr(id));
        it
    }

    pub fn new_array(&mut self) -> usize {
        self.arrays.push(Array::default());
        self.arrays.len() - 1
    }

    // ----- variables -----

    fn cell_mut(&mut self, name: &str) -> &mut Cell {
        if let Some(f) = self.frames.last_mut() {
            if f.contains_key(name) {
                return f.get_mut(name).expect("present");
            }
        }
        self.globals
            .entry(name.to_string())
            .or_insert(Cell::Val(Value::Uninit))
    }

    pub fn get_var(&mut self, name: &str) -> R<Value> {
        if name == "NF" && !self.is_local(name) {
            return Ok(Value::Num((self.fields.len() - 1) as f64));
        }
        match self.cell_mut(name) {
            Cell::Val(v) => Ok(v.clone()),
            Cell::Arr(_) => Err(Jump::Fatal(
                format!("can't use array {name} in scalar context"),
                2,
            )),
        }
    }

    fn is_local(&self, name: &str) -> bool {
        self.frames.last().is_some_and(|f| f.contains_key(name))
    }

    pub fn set_var(&mut self, name: &str, v: Value) -> R<()> {
        if name == "NF" && !self.is_local(name) {
            let n = v.num().max(0.0) as usize;
            self.set_nf(n);
            return Ok(());
        }
        match self.cell_mut(name) {
            c @ Cell::Val(_) => {
                *c = Cell::Val(v);
                Ok(())
            }
            Cell::Arr(_) => Err(Jump::Fatal(
                format!("can't assign to {name}; it's an array name."),
                2,
            )),
        }
    }

    /// The array a name denotes (created on first use).
    pub fn array_id(&mut self, name: &str) -> R<usize> {
        match self.cell_mut(name).clone() {
            Cell::Arr(id) => Ok(id),
            Cell::Val(Value::Uninit) => {
                let id = self.new_array();
                *self.cell_mut(name) = Cell::Arr(id);
                self.bind_origin(name, id);
                Ok(id)
            }
            Cell::Val(_) => Err(Jump::Fatal(format!("can't use scalar {name} as array"), 2)),
        }
    }

    /// An untyped argument that became an array in the callee becomes
    /// that array in the caller too (awk passes arrays by reference).
    fn bind_origin(&mut self, name: &str, id: usize) {
        let mut name = name.to_string();
        let mut depth = self.frames.len();
        while depth > 0 {
            let Some(orig) = self.origins[depth - 1].get(&name).cloned() else {
                return;
            };
            depth -= 1;
            let scope = if depth > 0 && self.frames[depth - 1].contains_key(&orig) {
                &mut self.frames[depth - 1]
            } else {
                &mut self.globals
            };
            let cell = scope
                .entry(orig.clone())
                .or_insert(Cell::Val(Value::Uninit));
            if !matches!(cell, Cell::Val(Value::Uninit)) {
                return;
            }
            *cell = Cell::Arr(id);
            name = orig;
        }
    }

    pub fn str_var(&mut self, name: &str) -> String {
        match self.globals.get(name) {
            Some(Cell::Val(v)) => v.string("%.6g", self.busybox),
            _ => String::new(),
        }
    }

    pub fn str_of(&mut self, v: &Value) -> String {
        match v {
            Value::Num(n) => {
                let f = self.str_var("CONVFMT");
                num_to_string(*n, &f, self.busybox)
            }
            other => other.string("%.6g", self.busybox),
        }
    }

    /// The string `print` writes for a value (numbers through OFMT).
    pub fn out_str(&mut self, v: &Value) -> String {
        match v {
            Value::Num(n) => {
                let f = self.str_var("OFMT");
                num_to_string(*n, &f, self.busybox)
            }
            other => other.string("%.6g", self.busybox),
        }
    }

    pub fn subscript(&mut self, idx: &[Expr]) -> R<String> {
        let mut parts = Vec::with_capacity(idx.len());
        for e in idx {
            let v = self.eval(e)?;
            parts.push(self.str_of(&v));
        }
        let sep = self.str_var("SUBSEP");
        Ok(parts.join(&sep))
    }

    // ----- records and fields -----

    /// Sets `$0` and splits it into fields.
    pub fn set_record(&mut self, rec: String) {
        let fs = self.str_var("FS");
        let paragraph = self.str_var("RS").is_empty();
        let parts = self.split_fields(&rec, &fs, paragraph);
        self.fields = std::iter::once(rec).chain(parts).collect();
    }

    pub fn split_fields(&mut self, s: &str, fs: &str, paragraph: bool) -> Vec<String> {
        if s.is_empty() {
            return Vec::new();
        }
        if fs == " " {
            return s
                .split([' ', '\t', '\n'])
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect();
        }
        let parts: Vec<String> = if fs.is_empty() {
            s.chars().map(String::from).collect()
        } else if fs.chars().count() == 1 && fs != "\\" {
            let c = fs.chars().next().unwrap_or(' ');
            if c == '\t' || !".[]()*+?^$\\{}|".contains(c) || fs == "|" {
                s.split(c).map(str::to_string).collect()
            } else {
                self.regex_split(s, fs)
            }
        } else {
            self.regex_split(s, fs)
        };
        if paragraph {
            parts
                .iter()
                .flat_map(|p| p.split('\n'))
                .map(str::to_string)
                .collect()
        } else {
            parts
        }
    }

    fn regex_split(&mut self, s: &str, fs: &str) -> Vec<String> {
        let Ok(re) = self.regex(fs) else {
            return vec![s.to_string()];
        };
        let mut out = Vec::new();
        let mut from = 0;
        let mut last = 0;
        while let Some((a, b)) = re.find_at(s, from) {
            if b == a {
                from = a + s[a..].chars().next().map_or(1, char::len_utf8);
                if from > s.len() {
                    break;
                }
                continue;
            }
            out.push(s[last..a].to_string());
            last = b;
            from = b;
        }
        out.push(s[last..].to_string());
        out
    }

    pub fn set_nf(&mut self, n: usize) {
        self.fields.resize(n + 1, String::new());
        self.rebuild();
    }

    fn rebuild(&mut self) {
        let ofs = self.str_var("OFS");
        self.fields[0] = self.fields[1..].join(&ofs);
    }

    pub fn get_field(&mut self, i: f64) -> R<Value> {
        if i < 0.0 {
            return Err(Jump::Fatal(
                format!("negative field index ${}", i as i64),
                2,
            ));
        }
        let i = i as usize;
        Ok(match self.fields.get(i) {
            Some(s) => Value::StrNum(s.clone()),
            None => Value::Uninit,
        })
    }

    pub fn set_field(&mut self, i: f64, v: String) -> R<()> {
        if i < 0.0 {
            return Err(Jump::Fatal(
                format!("negative field index ${}", i as i64),
                2,
            ));
        }
        let i = i as usize;
        if i > 100_000 {
            return Err(Jump::Fatal(format!("field index ${i} too large"), 2));
        }
        if i == 0 {
            self.set_record(v);
            return Ok(());
        }
        if i >= self.fields.len() {
            self.fields.resize(i + 1, String::new());
        }
        self.fields[i] = v;
        self.rebuild();
        Ok(())
    }

    // ----- regular expressions -----

    pub fn regex(&mut self, src: &str) -> R<Regex> {
        if let Some(r) = self.regexes.get(src) {
            return Ok(r.clone());
        }
        let tr = awk_regex_source(src, self.busybox);
        match Regex::new(&tr, true, false) {
            Ok(r) => {
                if self.regexes.len() > 500 {
                    self.regexes.clear();
                }
                self.regexes.insert(src.to_string(), r.clone());
                Ok(r)
            }
            Err(e) => Err(Jump::Fatal(
                match e {
                    crate::userland::regex::ReError::Unsupported(m) => m,
                    crate::userland::regex::ReError::Syntax(m) => {
                        format!("regular expression compile failed ({m})\n{src}")
                    }
                },
                2,
            )),
        }
    }

    /// The regex an expression denotes (`/re/` literally, else its string).
    pub fn regex_of(&mut self, e: &Expr) -> R<Regex> {
        if let Expr::Regex(r) = e {
            return self.regex(r);
        }
        let v = self.eval(e)?;
        let s = self.str_of(&v);
        self.regex(&s)
    }

    // ----- budget -----

    pub fn step(&mut self) -> R<()> {
        if self.p.lim.steps == 0 {
            return Err(Jump::Flow(Flow::Budget));
        }
        self.p.lim.steps -= 1;
        Ok(())
    }

    pub fn emit(&mut self, s: &str) -> R<()> {
        self.written += s.len();
        if self.written > crate::userland::programs::OUTPUT_CAP {
            return Err(Jump::Flow(Flow::OutputCap));
        }
        self.p.out.out(s);
        Ok(())
    }

    // ----- statements -----

    pub fn exec_block(&mut self, b: &[Stmt]) -> R<()> {
        for s in b {
            self.exec(s)?;
        }
        Ok(())
    }

    pub fn exec(&mut self, s: &Stmt) -> R<()> {
        match s {
            Stmt::Expr(e) => {
                self.eval(e)?;
            }
            Stmt::Print(args, dest) => {
                let text = if args.is_empty() {
                    self.fields[0].clone()
                } else {
                    let ofs = self.str_var("OFS");
                    let mut parts = Vec::with_capacity(args.len());
                    for a in args {
                        let v = self.eval(a)?;
                        parts.push(self.out_str(&v));
                    }
                    parts.join(&ofs)
                };
                let ors = self.str_var("ORS");
                self.write(dest, format!("{text}{ors}"))?;
            }
            Stmt::Printf(args, dest) => {
                let mut vals = Vec::with_capacity(args.len());
                for a in args {
                    vals.push(self.eval(a)?);
                }
                let fmt = self.str_of(&vals[0]);
                match self.sprintf(&fmt, &vals[1..], "printf") {
                    Ok(text) => self.write(dest, text)?,
                    Err(j) => {
                        let part = std::mem::take(&mut self.partial);
                        self.write(dest, part)?;
                        return Err(j);
                    }
                }
            }
            Stmt::If(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.exec(a)?;
                } else if let Some(b) = b {
                    self.exec(b)?;
                }
            }
            Stmt::While(c, body) => {
                while self.eval(c)?.truthy() {
                    self.step()?;
                    match self.exec(body) {
                        Err(Jump::Break) => break,
                        Err(Jump::Continue) | Ok(()) => {}
                        Err(j) => return Err(j),
                    }
                }
            }
            Stmt::Do(body, c) => loop {
                self.step()?;
                match self.exec(body) {
                    Err(Jump::Break) => break,
                    Err(Jump::Continue) | Ok(()) => {}
                    Err(j) => return Err(j),
                }
                if !self.eval(c)?.truthy() {
                    break;
                }
            },
            Stmt::For(init, cond, incr, body) => {
                if let Some(i) = init {
                    self.eval(i)?;
                }
                loop {
                    if let Some(c) = cond {
                        if !self.eval(c)?.truthy() {
                            break;
                        }
                    }
                    self.step()?;
                    match self.exec(body) {
                        Err(Jump::Break) => break,
                        Err(Jump::Continue) | Ok(()) => {}
                        Err(j) => return Err(j),
                    }
                    if let Some(i) = incr {
                        self.eval(i)?;
                    }
                }
            }
            Stmt::ForIn(k, a, body) => {
                let id = self.array_id(a)?;
                for key in self.arrays[id].keys() {
                    if !self.arrays[id].map.contains_key(&key) {
                        continue;
                    }
                    self.step()?;
                    self.set_var(k, Value::StrNum(key))?;
                    match self.exec(body) {
                        Err(Jump::Break) => break,
                        Err(Jump::Continue) | Ok(()) => {}
                        Err(j) => return Err(j),
                    }
                }
            }
            Stmt::Block(b) => self.exec_block(b)?,
            Stmt::Next => return Err(Jump::Next),
            Stmt::NextFile => return Err(Jump::NextFile),
            Stmt::Exit(e) => {
                let code = match e {
                    Some(e) => self.eval(e)?.num() as i32,
                    None => self.exit_code.unwrap_or(0),
                };
                return Err(Jump::Exit(code));
            }
            Stmt::Return(e) => {
                let v = match e {
                    Some(e) => self.eval(e)?,
                    None => Value::Uninit,
                };
                return Err(Jump::Return(v));
            }
            Stmt::Break => return Err(Jump::Break),
            Stmt::Continue => return Err(Jump::Continue),
            Stmt::Delete(name, idx) => {
                let id = self.array_id(name)?;
                match idx {
                    Some(idx) => {
                        let k = self.subscript(idx)?;
                        self.arrays[id].remove(&k);
                    }
                    None => self.arrays[id].clear(),
                }
            }
        }
        Ok(())
    }

    // ----- expressions -----

    pub fn eval(&mut self, e: &Expr) -> R<Value> {
        Ok(match e {
            Expr::Num(n) => Value::Num(*n),
            Expr::Str(s) => Value::Str(s.clone()),
            Expr::Regex(r) => {
                let re = self.regex(r)?;
                Value::Num(re.is_match(&self.fields[0]) as i32 as f64)
            }
            Expr::Var(n) => self.get_var(n)?,
            Expr::Field(i) => {
                let i = self.eval(i)?.num();
                self.get_field(i)?
            }
            Expr::Index(n, idx) => {
                let id = self.array_id(n)?;
                let k = self.subscript(idx)?;
                match self.arrays[id].map.get(&k) {
                    Some(v) => v.clone(),
                    None => {
                        self.arrays[id].set(k, Value::Uninit);
                        Value::Uninit
                    }
                }
            }
            Expr::In(keys, a) => {
                let k = self.subscript(keys)?;
                let id = self.array_id(a)?;
                Value::Num(self.arrays[id].map.contains_key(&k) as i32 as f64)
            }
            Expr::Group(v) => {
                // `(a, b)` outside `in`/print: concatenate with SUBSEP.
                let k = self.subscript(v)?;
                Value::Str(k)
            }
            Expr::Assign(lhs, op, rhs) => {
                let r = self.eval(rhs)?;
                let v = match op {
                    None => match r {
                        Value::Uninit => Value::Uninit,
                        other => other,
                    },
                    Some(op) => {
                        let l = self.eval(lhs)?.num();
                        Value::Num(self.arith(op, l, r.num())?)
                    }
                };
                self.assign(lhs, v.clone())?;
                v
            }
            Expr::Cond(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            Expr::And(a, b) => {
                Value::Num((self.eval(a)?.truthy() && self.eval(b)?.truthy()) as i32 as f64)
            }
            Expr::Or(a, b) => {
                Value::Num((self.eval(a)?.truthy() || self.eval(b)?.truthy()) as i32 as f64)
            }
            Expr::Not(a) => Value::Num(!self.eval(a)?.truthy() as i32 as f64),
            Expr::Match(neg, s, re) => {
                let v = self.eval(s)?;
                let s = self.str_of(&v);
                let re = self.regex_of(re)?;
                Value::Num((re.is_match(&s) != *neg) as i32 as f64)
            }
            Expr::Binary(op, a, b) => {
                let x = self.eval(a)?.num();
                let y = self.eval(b)?.num();
                Value::Num(self.arith(op, x, y)?)
            }
            Expr::Cmp(op, a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                let ord = if x.is_numeric() && y.is_numeric() {
                    x.num().partial_cmp(&y.num())
                } else {
                    let (s, t) = (self.str_of(&x), self.str_of(&y));
                    Some(s.cmp(&t))
                };
                use std::cmp::Ordering::*;
                let r = match (*op, ord) {
                    (_, None) => *op == "!=",
                    ("<", Some(o)) => o == Less,
                    ("<=", Some(o)) => o != Greater,
                    (">", Some(o)) => o == Greater,
                    (">=", Some(o)) => o != Less,
                    ("==", Some(o)) => o == Equal,
                    (_, Some(o)) => o != Equal,
                };
                Value::Num(r as i32 as f64)
            }
            Expr::Concat(a, b) => {
                let x = self.eval(a)?;
                let mut s = self.str_of(&x);
                let y = self.eval(b)?;
                let t = self.str_of(&y);
                if s.len() + t.len() > MAX_STRING {
                    return Err(Jump::Fatal("out of memory (string too long)".into(), 2));
                }
                s.push_str(&t);
                Value::Str(s)
            }
            Expr::Neg(a) => Value::Num(-self.eval(a)?.num()),
            Expr::Plus(a) => Value::Num(self.eval(a)?.num()),
            Expr::Incr(lv, d, post) => {
                let old = self.eval(lv)?.num();
                self.assign(lv, Value::Num(old + d))?;
                Value::Num(if *post { old } else { old + d })
            }
            Expr::Builtin(name, args) => self.builtin(name, args)?,
            Expr::Call(name, args) => self.call(name, args)?,
            Expr::Getline(src, var) => self.getline(src, var.as_deref())?,
        })
    }

    pub fn arith(&mut self, op: &str, x: f64, y: f64) -> R<f64> {
        Ok(match op {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => {
                if y == 0.0 && self.busybox {
                    return Err(Jump::Fatal("Division by zero".into(), 2));
                }
                x / y
            }
            "%" => {
                if y == 0.0 && self.busybox {
                    return Err(Jump::Fatal("Division by zero".into(), 2));
                }
                x % y
            }
            _ => x.powf(y),
        })
    }

    pub fn assign(&mut self, lv: &Expr, v: Value) -> R<()> {
        match lv {
            Expr::Var(n) => self.set_var(n, v),
            Expr::Field(i) => {
                let i = self.eval(i)?.num();
                let s = self.str_of(&v);
                self.set_field(i, s)
            }
            Expr::Index(n, idx) => {
                let id = self.array_id(n)?;
                let k = self.subscript(idx)?;
                self.arrays[id].set(k, v);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn call(&mut self, name: &str, args: &[Expr]) -> R<Value> {
        let Some(f) = self.funcs.get(name).cloned() else {
            return Err(Jump::Fatal(format!("function {name} never defined"), 2));
        };
        if self.frames.len() >= MAX_CALL_DEPTH {
            return Err(Jump::Fatal(
                format!("function call nesting too deep ({name})"),
                2,
            ));
        }
        if args.len() > f.params.len() {
            return Err(Jump::Fatal(
                format!("too many arguments in call to {name}"),
                2,
            ));
        }
        self.step()?;
        let mut frame = HashMap::new();
        let mut origins = HashMap::new();
        for (i, param) in f.params.iter().enumerate() {
            let cell = match args.get(i) {
                Some(Expr::Var(v)) => {
                    origins.insert(param.clone(), v.clone());
                    let is_arr = matches!(self.cell_mut(v), Cell::Arr(_));
                    if is_arr {
                        self.cell_mut(v).clone()
                    } else {
                        Cell::Val(self.get_var(v)?)
                    }
                }
                Some(e) => Cell::Val(self.eval(e)?),
                None => Cell::Val(Value::Uninit),
            };
            frame.insert(param.clone(), cell);
        }
        self.frames.push(frame);
        self.origins.push(origins);
        let r = self.exec_block(&f.body);
        self.frames.pop();
        self.origins.pop();
        match r {
            Ok(()) => Ok(Value::Uninit),
            Err(Jump::Return(v)) => Ok(v),
            Err(j) => Err(j),
        }
    }
}

/// awk's regex escapes (`\t`, `\/`, `\"`) resolved before the ERE
/// translation; mawk 1.3.4 (20200120) reads `{` literally.
fn awk_regex_source(src: &str, busybox: bool) -> String {
    let mut out = String::with_capacity(src.len());
    let mut it = src.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('f') => out.push('\x0c'),
                Some('v') => out.push('\x0b'),
                Some('a') => out.push('\x07'),
                Some('/') => out.push('/'),
                Some('"') => out.push('"'),
                Some(d) => {
                    out.push('\\');
                    out.push(d);
                }
                None => out.push_str("\\\\"),
            }
        } else if c == '{' && !busybox {
            out.push_str("\\{");
        } else if c == '}' && !busybox {
            out.push_str("\\}");
        } else {
            out.push(c);
        }
    }
    out
}
