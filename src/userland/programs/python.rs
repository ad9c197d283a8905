//! A small Python for the lessons' scripts: `print`, variables, f-strings,
//! `if`/`while`/`for`, functions, `import time; time.sleep`, `os.environ`,
//! and web apps with Flask (`@app.route`, `app.run`) or `http.server`,
//! which become a [`Service`] that `curl` reaches through `-p`. Output is
//! block-buffered when stdout is not a terminal, unless `PYTHONUNBUFFERED`
//! or `-u` is set — as with the real interpreter.

use super::{Flow, Proc};
use crate::engine::clock::Millis;
use crate::engine::fs::{path, Entry};
use crate::userland::process::Service;
use crate::userland::{HttpRequest, HttpResponse, Output, Sys};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A Python web app kept as a service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebApp {
    pub port: u16,
    /// Address it binds (`0.0.0.0`, `127.0.0.1`).
    pub host: String,
    /// `flask` or `static` (http.server).
    pub kind: String,
    /// The script, for re-running view functions.
    pub script: String,
    pub src: String,
    /// Directory served by http.server.
    pub dir: String,
    pub env: Vec<(String, String)>,
    pub pyver: String,
    /// Request log lines not yet delivered (see `process::service_request`).
    #[serde(default)]
    pub pending: Output,
}

// ---- values ----------------------------------------------------------------

#[derive(Clone, Debug)]
enum V {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Rc<RefCell<Vec<V>>>),
    Tuple(Vec<V>),
    Dict(Rc<RefCell<Vec<(V, V)>>>),
    Func(Rc<FuncDef>),
    Builtin(String),
    /// A method bound to a value: (receiver, name).
    Method(Box<V>, String),
    Module(String),
    Obj(Rc<RefCell<Obj>>),
}

#[derive(Debug, Default)]
struct Obj {
    class: String,
    attrs: BTreeMap<String, V>,
}

#[derive(Debug)]
struct FuncDef {
    name: String,
    params: Vec<(String, Option<Expr>)>,
    body: Vec<Stmt>,
}

impl V {
    fn truthy(&self) -> bool {
        match self {
            V::None => false,
            V::Bool(b) => *b,
            V::Int(i) => *i != 0,
            V::Float(f) => *f != 0.0,
            V::Str(s) => !s.is_empty(),
            V::List(l) => !l.borrow().is_empty(),
            V::Tuple(t) => !t.is_empty(),
            V::Dict(d) => !d.borrow().is_empty(),
            _ => true,
        }
    }
    fn type_name(&self) -> &'static str {
        match self {
            V::None => "NoneType",
            V::Bool(_) => "bool",
            V::Int(_) => "int",
            V::Float(_) => "float",
            V::Str(_) => "str",
            V::List(_) => "list",
            V::Tuple(_) => "tuple",
            V::Dict(_) => "dict",
            V::Func(_) => "function",
            V::Builtin(_) | V::Method(..) => "builtin_function_or_method",
            V::Module(_) => "module",
            V::Obj(_) => "object",
        }
    }
    fn repr(&self) -> String {
        match self {
            V::Str(s) => {
                if s.contains('\'') && !s.contains('"') {
                    format!("\"{s}\"")
                } else {
                    format!(
                        "'{}'",
                        s.replace('\\', "\\\\")
                            .replace('\'', "\\'")
                            .replace('\n', "\\n")
                    )
                }
            }
            v => v.to_str(),
        }
    }
    fn to_str(&self) -> String {
        match self {
            V::None => "None".into(),
            V::Bool(b) => if *b { "True" } else { "False" }.into(),
            V::Int(i) => i.to_string(),
            V::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 1e16 {
                    format!("{f:.1}")
                } else {
                    format!("{f}")
                }
            }
            V::Str(s) => s.clone(),
            V::List(l) => format!(
                "[{}]",
                l.borrow()
                    .iter()
                    .map(V::repr)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            V::Tuple(t) => {
                if t.len() == 1 {
                    format!("({},)", t[0].repr())
                } else {
                    format!("({})", t.iter().map(V::repr).collect::<Vec<_>>().join(", "))
                }
            }
            V::Dict(d) => format!(
                "{{{}}}",
                d.borrow()
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.repr(), v.repr()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            V::Func(f) => format!("<function {} at 0x7f3a2c1b5e40>", f.name),
            V::Builtin(n) => format!("<built-in function {n}>"),
            V::Method(_, n) => format!("<built-in method {n}>"),
            V::Module(n) => format!("<module '{n}'>"),
            V::Obj(o) => format!("<{} object at 0x7f3a2c1b5e40>", o.borrow().class),
        }
    }
    fn eq(&self, o: &V) -> bool {
        match (self, o) {
            (V::None, V::None) => true,
            (V::Int(a), V::Float(b)) | (V::Float(b), V::Int(a)) => (*a as f64) == *b,
            (V::Bool(a), V::Int(b)) | (V::Int(b), V::Bool(a)) => (*a as i64) == *b,
            (V::Int(a), V::Int(b)) => a == b,
            (V::Float(a), V::Float(b)) => a == b,
            (V::Bool(a), V::Bool(b)) => a == b,
            (V::Str(a), V::Str(b)) => a == b,
            (V::List(a), V::List(b)) => {
                let (a, b) = (a.borrow(), b.borrow());
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.eq(y))
            }
            (V::Tuple(a), V::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.eq(y))
            }
            _ => false,
        }
    }
    fn num(&self) -> Option<f64> {
        match self {
            V::Int(i) => Some(*i as f64),
            V::Float(f) => Some(*f),
            V::Bool(b) => Some(*b as i64 as f64),
            _ => None,
        }
    }
}

// ---- syntax ----------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Name(String),
    Num(String),
    Str(String, bool),
    Op(String),
}

#[derive(Clone, Debug)]
enum Expr {
    Lit(Lit),
    FStr(Vec<(bool, String)>),
    Name(String),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    Attr(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    Call(Box<Expr>, Vec<Expr>, Vec<(String, Expr)>),
    Bin(String, Box<Expr>, Box<Expr>),
    Un(String, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Comp(Box<Expr>, String, Box<Expr>, Option<Box<Expr>>),
}

#[derive(Clone, Debug)]
enum Lit {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

#[derive(Debug)]
enum Stmt {
    Expr(usize, Expr),
    Assign(usize, Vec<Expr>, Expr),
    Aug(usize, Expr, String, Expr),
    If(usize, Vec<(Expr, Vec<Stmt>)>, Vec<Stmt>),
    While(usize, Expr, Vec<Stmt>),
    For(usize, Vec<String>, Expr, Vec<Stmt>),
    Def(usize, Vec<Expr>, Rc<FuncDef>),
    Class(usize, String, Vec<Stmt>),
    Return(usize, Option<Expr>),
    Import(usize, Vec<(String, String)>),
    From(usize, String, Vec<(String, String)>),
    Try(
        usize,
        Vec<Stmt>,
        Vec<(Option<String>, Option<String>, Vec<Stmt>)>,
        Vec<Stmt>,
    ),
    With(usize, Expr, Option<String>, Vec<Stmt>),
    Raise(usize, Option<Expr>),
    Break(usize),
    Continue(usize),
    Pass,
    Global,
}

impl Stmt {
    fn line(&self) -> usize {
        match self {
            Stmt::Expr(n, _)
            | Stmt::Assign(n, ..)
            | Stmt::Aug(n, ..)
            | Stmt::If(n, ..)
            | Stmt::While(n, ..)
            | Stmt::For(n, ..)
            | Stmt::Def(n, ..)
            | Stmt::Class(n, ..)
            | Stmt::Return(n, _)
            | Stmt::Import(n, _)
            | Stmt::From(n, ..)
            | Stmt::Try(n, ..)
            | Stmt::With(n, ..)
            | Stmt::Raise(n, _)
            | Stmt::Break(n)
            | Stmt::Continue(n) => *n,
            Stmt::Pass | Stmt::Global => 0,
        }
    }
}

/// A Flask route: path, methods, view function.
type Route = (String, Vec<String>, V);

/// Positional and keyword arguments of a call.
type CallArgs = (Vec<Expr>, Vec<(String, Expr)>);

struct PyErr {
    kind: String,
    msg: String,
    line: usize,
}

enum Ctl {
    Break,
    Continue,
    Return(V),
    Err(PyErr),
    Exit(i32),
    Flow(Flow),
}

fn err(kind: &str, msg: impl Into<String>) -> Ctl {
    Ctl::Err(PyErr {
        kind: kind.into(),
        msg: msg.into(),
        line: 0,
    })
}

fn tokenize(s: &str) -> Result<Vec<Tok>, String> {
    let cs: Vec<char> = s.chars().collect();
    let mut v = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '#' {
            break;
        }
        // string prefixes
        let mut k = i;
        while k < cs.len() && "fFbBrRuU".contains(cs[k]) && k - i < 2 {
            k += 1;
        }
        if k < cs.len()
            && (cs[k] == '"' || cs[k] == '\'')
            && (k == i || cs[i..k].iter().all(|c| "fFbBrRuU".contains(*c)))
        {
            let prefix: String = cs[i..k].iter().collect::<String>().to_lowercase();
            let fmt = prefix.contains('f');
            let raw = prefix.contains('r');
            let q = cs[k];
            let triple = k + 2 < cs.len() && cs[k + 1] == q && cs[k + 2] == q;
            let mut j = if triple { k + 3 } else { k + 1 };
            let mut text = String::new();
            loop {
                if j >= cs.len() {
                    return Err("unterminated string literal".into());
                }
                if triple {
                    if j + 2 < cs.len() && cs[j] == q && cs[j + 1] == q && cs[j + 2] == q {
                        j += 3;
                        break;
                    }
                } else if cs[j] == q {
                    j += 1;
                    break;
                }
                if cs[j] == '\\' && !raw && j + 1 < cs.len() {
                    j += 1;
                    text.push(match cs[j] {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        '\n' => {
                            j += 1;
                            continue;
                        }
                        c => c,
                    });
                    j += 1;
                    continue;
                }
                text.push(cs[j]);
                j += 1;
            }
            v.push(Tok::Str(text, fmt));
            i = j;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && cs.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let mut j = i;
            while j < cs.len() && (cs[j].is_ascii_alphanumeric() || cs[j] == '.' || cs[j] == '_') {
                j += 1;
            }
            v.push(Tok::Num(cs[i..j].iter().filter(|c| **c != '_').collect()));
            i = j;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < cs.len() && (cs[j].is_alphanumeric() || cs[j] == '_') {
                j += 1;
            }
            v.push(Tok::Name(cs[i..j].iter().collect()));
            i = j;
            continue;
        }
        let three: String = cs[i..(i + 3).min(cs.len())].iter().collect();
        let two: String = cs[i..(i + 2).min(cs.len())].iter().collect();
        if ["**=", "//="].contains(&three.as_str()) {
            v.push(Tok::Op(three));
            i += 3;
        } else if [
            "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "//", "**", "->",
        ]
        .contains(&two.as_str())
        {
            v.push(Tok::Op(two));
            i += 2;
        } else {
            v.push(Tok::Op(c.to_string()));
            i += 1;
        }
    }
    Ok(v)
}

struct P<'a> {
    t: &'a [Tok],
    i: usize,
}

impl P<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }
    fn is_op(&self, o: &str) -> bool {
        matches!(self.peek(), Some(Tok::Op(x)) if x == o)
    }
    fn is_kw(&self, k: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(x)) if x == k)
    }
    fn eat_op(&mut self, o: &str) -> bool {
        if self.is_op(o) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, o: &str) -> Result<(), String> {
        if self.eat_op(o) {
            Ok(())
        } else {
            Err("invalid syntax".into())
        }
    }
    fn name(&mut self) -> Result<String, String> {
        match self.peek() {
            Some(Tok::Name(n)) => {
                let n = n.clone();
                self.i += 1;
                Ok(n)
            }
            _ => Err("invalid syntax".into()),
        }
    }
    fn exprs(&mut self) -> Result<Expr, String> {
        let first = self.expr()?;
        if self.is_op(",") {
            let mut v = vec![first];
            while self.eat_op(",") {
                if self.peek().is_none() || self.is_op("=") || self.is_op(")") {
                    break;
                }
                v.push(self.expr()?);
            }
            return Ok(Expr::Tuple(v));
        }
        Ok(first)
    }
    fn expr(&mut self) -> Result<Expr, String> {
        let e = self.or()?;
        if self.is_kw("if") {
            self.i += 1;
            let c = self.or()?;
            if !self.is_kw("else") {
                return Err("expected 'else' after 'if' expression".into());
            }
            self.i += 1;
            let o = self.expr()?;
            return Ok(Expr::If(Box::new(c), Box::new(e), Box::new(o)));
        }
        Ok(e)
    }
    fn or(&mut self) -> Result<Expr, String> {
        let mut l = self.and()?;
        while self.is_kw("or") {
            self.i += 1;
            l = Expr::Bin("or".into(), Box::new(l), Box::new(self.and()?));
        }
        Ok(l)
    }
    fn and(&mut self) -> Result<Expr, String> {
        let mut l = self.not()?;
        while self.is_kw("and") {
            self.i += 1;
            l = Expr::Bin("and".into(), Box::new(l), Box::new(self.not()?));
        }
        Ok(l)
    }
    fn not(&mut self) -> Result<Expr, String> {
        if self.is_kw("not") {
            self.i += 1;
            return Ok(Expr::Un("not".into(), Box::new(self.not()?)));
        }
        self.cmp()
    }
    fn cmp(&mut self) -> Result<Expr, String> {
        let l = self.arith()?;
        let op = match self.peek() {
            Some(Tok::Op(o)) if ["==", "!=", "<", ">", "<=", ">="].contains(&o.as_str()) => {
                o.clone()
            }
            Some(Tok::Name(n)) if n == "in" => "in".into(),
            Some(Tok::Name(n)) if n == "is" => {
                if matches!(self.t.get(self.i + 1), Some(Tok::Name(x)) if x == "not") {
                    self.i += 1;
                    "is not".into()
                } else {
                    "is".into()
                }
            }
            Some(Tok::Name(n))
                if n == "not"
                    && matches!(self.t.get(self.i + 1), Some(Tok::Name(x)) if x == "in") =>
            {
                self.i += 1;
                "not in".into()
            }
            _ => return Ok(l),
        };
        self.i += 1;
        let r = self.arith()?;
        Ok(Expr::Bin(op, Box::new(l), Box::new(r)))
    }
    fn arith(&mut self) -> Result<Expr, String> {
        let mut l = self.term()?;
        while self.is_op("+") || self.is_op("-") {
            let o = if self.eat_op("+") {
                "+"
            } else {
                self.i += 1;
                "-"
            };
            l = Expr::Bin(o.into(), Box::new(l), Box::new(self.term()?));
        }
        Ok(l)
    }
    fn term(&mut self) -> Result<Expr, String> {
        let mut l = self.unary()?;
        loop {
            let o = match self.peek() {
                Some(Tok::Op(o)) if ["*", "/", "//", "%"].contains(&o.as_str()) => o.clone(),
                _ => return Ok(l),
            };
            self.i += 1;
            l = Expr::Bin(o, Box::new(l), Box::new(self.unary()?));
        }
    }
    fn unary(&mut self) -> Result<Expr, String> {
        if self.eat_op("-") {
            return Ok(Expr::Un("-".into(), Box::new(self.unary()?)));
        }
        if self.eat_op("+") {
            return self.unary();
        }
        let b = self.postfix()?;
        if self.eat_op("**") {
            return Ok(Expr::Bin("**".into(), Box::new(b), Box::new(self.unary()?)));
        }
        Ok(b)
    }
    fn args(&mut self) -> Result<CallArgs, String> {
        let mut a = Vec::new();
        let mut kw = Vec::new();
        while !self.is_op(")") {
            if let (Some(Tok::Name(n)), Some(Tok::Op(o))) =
                (self.t.get(self.i), self.t.get(self.i + 1))
            {
                if o == "=" {
                    let n = n.clone();
                    self.i += 2;
                    kw.push((n, self.expr()?));
                    if !self.eat_op(",") {
                        break;
                    }
                    continue;
                }
            }
            self.eat_op("*");
            let e = self.expr()?;
            if self.is_kw("for") {
                let c = self.comp_tail(e)?;
                a.push(c);
            } else {
                a.push(e);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect(")")?;
        Ok((a, kw))
    }
    fn comp_tail(&mut self, e: Expr) -> Result<Expr, String> {
        self.i += 1;
        let var = self.name()?;
        if !self.is_kw("in") {
            return Err("invalid syntax".into());
        }
        self.i += 1;
        let it = self.or()?;
        let cond = if self.is_kw("if") {
            self.i += 1;
            Some(Box::new(self.or()?))
        } else {
            None
        };
        Ok(Expr::Comp(Box::new(e), var, Box::new(it), cond))
    }
    fn postfix(&mut self) -> Result<Expr, String> {
        let mut e = self.atom()?;
        loop {
            if self.eat_op(".") {
                let n = self.name()?;
                e = Expr::Attr(Box::new(e), n);
            } else if self.eat_op("(") {
                let (a, kw) = self.args()?;
                e = Expr::Call(Box::new(e), a, kw);
            } else if self.eat_op("[") {
                let lo = if self.is_op(":") {
                    None
                } else {
                    Some(Box::new(self.expr()?))
                };
                if self.eat_op(":") {
                    let hi = if self.is_op("]") {
                        None
                    } else {
                        Some(Box::new(self.expr()?))
                    };
                    self.expect("]")?;
                    e = Expr::Slice(Box::new(e), lo, hi);
                } else {
                    self.expect("]")?;
                    e = Expr::Index(Box::new(e), lo.ok_or("invalid syntax")?);
                }
            } else {
                return Ok(e);
            }
        }
    }
    fn atom(&mut self) -> Result<Expr, String> {
        let t = self.peek().cloned().ok_or("invalid syntax")?;
        self.i += 1;
        Ok(match t {
            Tok::Num(n) => {
                if n.contains('.') || n.contains('e') {
                    Expr::Lit(Lit::Float(
                        n.parse().map_err(|_| "invalid decimal literal")?,
                    ))
                } else if let Some(h) = n.strip_prefix("0x") {
                    Expr::Lit(Lit::Int(
                        i64::from_str_radix(h, 16).map_err(|_| "invalid hexadecimal literal")?,
                    ))
                } else {
                    Expr::Lit(Lit::Int(n.parse().map_err(|_| "invalid decimal literal")?))
                }
            }
            Tok::Str(s, f) => {
                let mut parts: Vec<(bool, String)> = vec![(false, s)];
                let mut any_f = f;
                while let Some(Tok::Str(s2, f2)) = self.peek().cloned() {
                    self.i += 1;
                    parts.push((f2, s2));
                    any_f |= f2;
                }
                if any_f {
                    let mut segs = Vec::new();
                    for (k, (isf, s)) in parts.iter().enumerate() {
                        let isf = if k == 0 { f } else { *isf };
                        if isf {
                            segs.extend(split_fstring(s));
                        } else {
                            segs.push((false, s.clone()));
                        }
                    }
                    Expr::FStr(segs)
                } else {
                    Expr::Lit(Lit::Str(parts.into_iter().map(|p| p.1).collect()))
                }
            }
            Tok::Name(n) => match n.as_str() {
                "None" => Expr::Lit(Lit::None),
                "True" => Expr::Lit(Lit::Bool(true)),
                "False" => Expr::Lit(Lit::Bool(false)),
                "lambda" => return Err("lambda is not supported here".into()),
                _ => Expr::Name(n),
            },
            Tok::Op(o) if o == "(" => {
                if self.eat_op(")") {
                    return Ok(Expr::Tuple(vec![]));
                }
                let e = self.expr()?;
                if self.is_kw("for") {
                    let c = self.comp_tail(e)?;
                    self.expect(")")?;
                    return Ok(c);
                }
                if self.is_op(",") {
                    let mut v = vec![e];
                    while self.eat_op(",") {
                        if self.is_op(")") {
                            break;
                        }
                        v.push(self.expr()?);
                    }
                    self.expect(")")?;
                    return Ok(Expr::Tuple(v));
                }
                self.expect(")")?;
                e
            }
            Tok::Op(o) if o == "[" => {
                let mut v = Vec::new();
                if !self.is_op("]") {
                    let e = self.expr()?;
                    if self.is_kw("for") {
                        let c = self.comp_tail(e)?;
                        self.expect("]")?;
                        return Ok(c);
                    }
                    v.push(e);
                    while self.eat_op(",") {
                        if self.is_op("]") {
                            break;
                        }
                        v.push(self.expr()?);
                    }
                }
                self.expect("]")?;
                Expr::List(v)
            }
            Tok::Op(o) if o == "{" => {
                let mut v = Vec::new();
                while !self.is_op("}") {
                    let k = self.expr()?;
                    self.expect(":")?;
                    let val = self.expr()?;
                    v.push((k, val));
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.expect("}")?;
                Expr::Dict(v)
            }
            _ => return Err("invalid syntax".into()),
        })
    }
}

/// Splits an f-string body into literal and `{expr}` segments.
fn split_fstring(s: &str) -> Vec<(bool, String)> {
    let cs: Vec<char> = s.chars().collect();
    let mut v = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == '{' && cs.get(i + 1) == Some(&'{') {
            lit.push('{');
            i += 2;
        } else if cs[i] == '}' && cs.get(i + 1) == Some(&'}') {
            lit.push('}');
            i += 2;
        } else if cs[i] == '{' {
            if !lit.is_empty() {
                v.push((false, std::mem::take(&mut lit)));
            }
            let mut depth = 1;
            let mut j = i + 1;
            let mut e = String::new();
            while j < cs.len() {
                if cs[j] == '{' {
                    depth += 1;
                }
                if cs[j] == '}' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                e.push(cs[j]);
                j += 1;
            }
            v.push((true, e));
            i = j + 1;
        } else {
            lit.push(cs[i]);
            i += 1;
        }
    }
    if !lit.is_empty() {
        v.push((false, lit));
    }
    v
}

struct Line {
    no: usize,
    indent: usize,
    toks: Vec<Tok>,
}

fn logical_lines(src: &str) -> Result<Vec<Line>, (usize, String)> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut start = 0;
    let mut depth: i32 = 0;
    let mut in_triple: Option<&str> = None;
    for (k, raw) in src.lines().enumerate() {
        if buf.is_empty() {
            start = k + 1;
        }
        if !buf.is_empty() {
            buf.push('\n');
        }
        buf.push_str(raw);
        // track brackets and triple quotes roughly
        let mut chars = raw.chars().peekable();
        let mut q: Option<char> = None;
        let line_s = raw.to_string();
        for t in ["\"\"\"", "'''"] {
            let n = line_s.matches(t).count();
            if n % 2 == 1 {
                in_triple = if in_triple.is_some() { None } else { Some(t) };
            }
        }
        while let Some(c) = chars.next() {
            match (q, c) {
                (None, '#') => break,
                (None, '"' | '\'') => q = Some(c),
                (Some(x), c2) if c2 == x => q = None,
                (Some(_), '\\') => {
                    chars.next();
                }
                (None, '(' | '[' | '{') => depth += 1,
                (None, ')' | ']' | '}') => depth -= 1,
                _ => {}
            }
        }
        if depth > 0 || in_triple.is_some() || buf.ends_with('\\') {
            if buf.ends_with('\\') {
                buf.pop();
            }
            continue;
        }
        let trimmed = buf.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            buf.clear();
            continue;
        }
        let indent = buf.len() - trimmed.len();
        let toks = tokenize(trimmed).map_err(|e| (start, e))?;
        if !toks.is_empty() {
            out.push(Line {
                no: start,
                indent,
                toks,
            });
        }
        buf.clear();
        depth = 0;
    }
    Ok(out)
}

fn parse_block(lines: &[Line], i: &mut usize, indent: usize) -> Result<Vec<Stmt>, (usize, String)> {
    let mut v = Vec::new();
    while *i < lines.len() {
        let l = &lines[*i];
        if l.indent < indent {
            break;
        }
        if l.indent > indent {
            return Err((l.no, "unexpected indent".into()));
        }
        v.push(parse_stmt(lines, i)?);
    }
    Ok(v)
}

fn body(
    lines: &[Line],
    i: &mut usize,
    header: &Line,
    rest: &[Tok],
) -> Result<Vec<Stmt>, (usize, String)> {
    if !rest.is_empty() {
        // single-line body: `if x: print(x)`
        let l = Line {
            no: header.no,
            indent: header.indent + 1,
            toks: rest.to_vec(),
        };
        let tmp = [l];
        let mut k = 0;
        return Ok(vec![parse_stmt(&tmp, &mut k)?]);
    }
    match lines.get(*i) {
        Some(n) if n.indent > header.indent => {
            let ind = n.indent;
            parse_block(lines, i, ind)
        }
        _ => Err((header.no + 1, "expected an indented block".into())),
    }
}

/// Splits `toks` at the top-level `:` ending a compound header.
fn split_colon(toks: &[Tok]) -> Option<(Vec<Tok>, Vec<Tok>)> {
    let mut depth = 0;
    for (k, t) in toks.iter().enumerate() {
        if let Tok::Op(o) = t {
            match o.as_str() {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth -= 1,
                ":" if depth == 0 => return Some((toks[..k].to_vec(), toks[k + 1..].to_vec())),
                _ => {}
            }
        }
    }
    None
}

fn pexpr(toks: &[Tok], no: usize) -> Result<Expr, (usize, String)> {
    let mut p = P { t: toks, i: 0 };
    let e = p.exprs().map_err(|e| (no, e))?;
    if p.i < toks.len() {
        return Err((no, "invalid syntax".into()));
    }
    Ok(e)
}

fn parse_stmt(lines: &[Line], i: &mut usize) -> Result<Stmt, (usize, String)> {
    let l = &lines[*i];
    *i += 1;
    let no = l.no;
    let t = &l.toks;
    let kw = match &t[0] {
        Tok::Name(n) => n.as_str(),
        _ => "",
    };
    let header = |t: &[Tok]| split_colon(t).ok_or((no, "expected ':'".to_string()));
    match kw {
        "pass" => return Ok(Stmt::Pass),
        "break" => return Ok(Stmt::Break(no)),
        "continue" => return Ok(Stmt::Continue(no)),
        "global" | "nonlocal" => return Ok(Stmt::Global),
        "return" => {
            return Ok(Stmt::Return(
                no,
                if t.len() > 1 {
                    Some(pexpr(&t[1..], no)?)
                } else {
                    None
                },
            ));
        }
        "raise" => {
            return Ok(Stmt::Raise(
                no,
                if t.len() > 1 {
                    Some(pexpr(&t[1..], no)?)
                } else {
                    None
                },
            ))
        }
        "import" => {
            let mut v = Vec::new();
            let mut p = P { t: &t[1..], i: 0 };
            loop {
                let mut name = p.name().map_err(|e| (no, e))?;
                while p.eat_op(".") {
                    name.push('.');
                    name.push_str(&p.name().map_err(|e| (no, e))?);
                }
                let alias = if p.is_kw("as") {
                    p.i += 1;
                    p.name().map_err(|e| (no, e))?
                } else {
                    name.split('.').next().unwrap_or("").to_string()
                };
                v.push((name, alias));
                if !p.eat_op(",") {
                    break;
                }
            }
            return Ok(Stmt::Import(no, v));
        }
        "from" => {
            let mut p = P { t: &t[1..], i: 0 };
            let mut module = p.name().map_err(|e| (no, e))?;
            while p.eat_op(".") {
                module.push('.');
                module.push_str(&p.name().map_err(|e| (no, e))?);
            }
            if !p.is_kw("import") {
                return Err((no, "invalid syntax".into()));
            }
            p.i += 1;
            p.eat_op("(");
            let mut v = Vec::new();
            while let Ok(n) = p.name() {
                let alias = if p.is_kw("as") {
                    p.i += 1;
                    p.name().map_err(|e| (no, e))?
                } else {
                    n.clone()
                };
                v.push((n, alias));
                if !p.eat_op(",") {
                    break;
                }
            }
            if p.eat_op("*") {
                v.push(("*".into(), "*".into()));
            }
            return Ok(Stmt::From(no, module, v));
        }
        "if" => {
            let (c, rest) = header(&t[1..])?;
            let mut branches = vec![(pexpr(&c, no)?, body(lines, i, l, &rest)?)];
            let mut otherwise = Vec::new();
            while let Some(n) = lines.get(*i) {
                if n.indent != l.indent {
                    break;
                }
                match &n.toks[0] {
                    Tok::Name(k) if k == "elif" => {
                        *i += 1;
                        let (c, rest) =
                            split_colon(&n.toks[1..]).ok_or((n.no, "expected ':'".to_string()))?;
                        branches.push((pexpr(&c, n.no)?, body(lines, i, n, &rest)?));
                    }
                    Tok::Name(k) if k == "else" => {
                        *i += 1;
                        let (_, rest) =
                            split_colon(&n.toks[1..]).ok_or((n.no, "expected ':'".to_string()))?;
                        otherwise = body(lines, i, n, &rest)?;
                        break;
                    }
                    _ => break,
                }
            }
            return Ok(Stmt::If(no, branches, otherwise));
        }
        "while" => {
            let (c, rest) = header(&t[1..])?;
            let b = body(lines, i, l, &rest)?;
            return Ok(Stmt::While(no, pexpr(&c, no)?, b));
        }
        "for" => {
            let (h, rest) = header(&t[1..])?;
            let pos = h
                .iter()
                .position(|x| *x == Tok::Name("in".into()))
                .ok_or((no, "invalid syntax".to_string()))?;
            let vars: Vec<String> = h[..pos]
                .iter()
                .filter_map(|x| match x {
                    Tok::Name(n) => Some(n.clone()),
                    _ => None,
                })
                .collect();
            let it = pexpr(&h[pos + 1..], no)?;
            let b = body(lines, i, l, &rest)?;
            return Ok(Stmt::For(no, vars, it, b));
        }
        "def" => {
            let (h, rest) = header(&t[1..])?;
            let mut p = P { t: &h, i: 0 };
            let name = p.name().map_err(|e| (no, e))?;
            p.expect("(").map_err(|e| (no, e))?;
            let mut params = Vec::new();
            while !p.is_op(")") {
                p.eat_op("*");
                p.eat_op("*");
                let n = p.name().map_err(|e| (no, e))?;
                if p.eat_op(":") {
                    let _ = p.expr();
                }
                let d = if p.eat_op("=") {
                    Some(p.expr().map_err(|e| (no, e))?)
                } else {
                    None
                };
                params.push((n, d));
                if !p.eat_op(",") {
                    break;
                }
            }
            let b = body(lines, i, l, &rest)?;
            return Ok(Stmt::Def(
                no,
                vec![],
                Rc::new(FuncDef {
                    name,
                    params,
                    body: b,
                }),
            ));
        }
        "class" => {
            let (h, rest) = header(&t[1..])?;
            let name = match h.first() {
                Some(Tok::Name(n)) => n.clone(),
                _ => return Err((no, "invalid syntax".into())),
            };
            let b = body(lines, i, l, &rest)?;
            return Ok(Stmt::Class(no, name, b));
        }
        "try" => {
            let (_, rest) = header(&t[1..])?;
            let b = body(lines, i, l, &rest)?;
            let mut handlers = Vec::new();
            let mut fin = Vec::new();
            while let Some(n) = lines.get(*i) {
                if n.indent != l.indent {
                    break;
                }
                match &n.toks[0] {
                    Tok::Name(k) if k == "except" => {
                        *i += 1;
                        let (h, rest) =
                            split_colon(&n.toks[1..]).ok_or((n.no, "expected ':'".to_string()))?;
                        let kind = match h.first() {
                            Some(Tok::Name(x)) => Some(x.clone()),
                            _ => None,
                        };
                        let alias = h
                            .iter()
                            .position(|x| *x == Tok::Name("as".into()))
                            .and_then(|k| match h.get(k + 1) {
                                Some(Tok::Name(a)) => Some(a.clone()),
                                _ => None,
                            });
                        handlers.push((kind, alias, body(lines, i, n, &rest)?));
                    }
                    Tok::Name(k) if k == "finally" || k == "else" => {
                        *i += 1;
                        let (_, rest) =
                            split_colon(&n.toks[1..]).ok_or((n.no, "expected ':'".to_string()))?;
                        fin.extend(body(lines, i, n, &rest)?);
                    }
                    _ => break,
                }
            }
            return Ok(Stmt::Try(no, b, handlers, fin));
        }
        "with" => {
            let (h, rest) = header(&t[1..])?;
            let (e, alias) = match h.iter().position(|x| *x == Tok::Name("as".into())) {
                Some(k) => (
                    pexpr(&h[..k], no)?,
                    match h.get(k + 1) {
                        Some(Tok::Name(a)) => Some(a.clone()),
                        _ => None,
                    },
                ),
                None => (pexpr(&h, no)?, None),
            };
            let b = body(lines, i, l, &rest)?;
            return Ok(Stmt::With(no, e, alias, b));
        }
        _ => {}
    }
    if matches!(&t[0], Tok::Op(o) if o == "@") {
        let deco = pexpr(&t[1..], no)?;
        let next = parse_stmt(lines, i)?;
        return match next {
            Stmt::Def(n, mut d, f) => {
                d.insert(0, deco);
                Ok(Stmt::Def(n, d, f))
            }
            other => Ok(other),
        };
    }
    // assignment / augmented / expression
    let mut depth = 0;
    let mut parts: Vec<Vec<Tok>> = vec![Vec::new()];
    let mut aug: Option<(usize, String)> = None;
    for (k, tok) in t.iter().enumerate() {
        if let Tok::Op(o) = tok {
            match o.as_str() {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth -= 1,
                "=" if depth == 0 => {
                    parts.push(Vec::new());
                    continue;
                }
                "+=" | "-=" | "*=" | "/=" | "%=" | "//=" if depth == 0 => {
                    aug = Some((k, o.trim_end_matches('=').to_string()));
                }
                _ => {}
            }
        }
        if let Some(p) = parts.last_mut() {
            p.push(tok.clone());
        }
    }
    if let Some((k, op)) = aug {
        return Ok(Stmt::Aug(
            no,
            pexpr(&t[..k], no)?,
            op,
            pexpr(&t[k + 1..], no)?,
        ));
    }
    if parts.len() > 1 {
        let value = pexpr(parts.last().map(Vec::as_slice).unwrap_or(&[]), no)?;
        let targets = parts[..parts.len() - 1]
            .iter()
            .map(|p| pexpr(p, no))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Stmt::Assign(no, targets, value));
    }
    Ok(Stmt::Expr(no, pexpr(t, no)?))
}

// ---- interpreter -----------------------------------------------------------

struct Interp<'a, 'b> {
    p: &'a mut Proc<'b>,
    globals: BTreeMap<String, V>,
    locals: Vec<BTreeMap<String, V>>,
    script: String,
    src_lines: Vec<String>,
    buffered: bool,
    buf: String,
    line: usize,
    frames: Vec<(usize, String)>,
    /// Set when serving a request: the Flask `request` and routes.
    routes: Vec<Route>,
    serving: bool,
    pyver: String,
    rng: u64,
}

impl Interp<'_, '_> {
    fn write(&mut self, s: &str) {
        if self.buffered {
            self.buf.push_str(s);
            if self.buf.len() >= 8192 {
                let b = std::mem::take(&mut self.buf);
                self.p.out.out(b);
            }
        } else {
            self.p.out.out(s);
        }
    }
    fn flush(&mut self) {
        let b = std::mem::take(&mut self.buf);
        self.p.out.out(b);
    }
    fn get(&self, n: &str) -> Option<V> {
        if let Some(l) = self.locals.last() {
            if let Some(v) = l.get(n) {
                return Some(v.clone());
            }
        }
        self.globals.get(n).cloned()
    }
    fn set(&mut self, n: &str, v: V) {
        match self.locals.last_mut() {
            Some(l) => {
                l.insert(n.to_string(), v);
            }
            None => {
                self.globals.insert(n.to_string(), v);
            }
        }
    }
    fn step(&mut self) -> Result<(), Ctl> {
        if self.p.lim.steps == 0 {
            return Err(Ctl::Flow(Flow::Budget));
        }
        self.p.lim.steps -= 1;
        if self.p.out.chunks.iter().map(|c| c.1.len()).sum::<usize>() > super::OUTPUT_CAP {
            return Err(Ctl::Flow(Flow::OutputCap));
        }
        Ok(())
    }

    fn block(&mut self, b: &[Stmt]) -> Result<(), Ctl> {
        for s in b {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), Ctl> {
        self.step()?;
        if s.line() > 0 {
            self.line = s.line();
        }
        let with_line = |no: usize, r: Result<(), Ctl>| -> Result<(), Ctl> {
            match r {
                Err(Ctl::Err(mut e)) if e.line == 0 => {
                    e.line = no;
                    Err(Ctl::Err(e))
                }
                x => x,
            }
        };
        match s {
            Stmt::Pass | Stmt::Global => Ok(()),
            Stmt::Break(_) => Err(Ctl::Break),
            Stmt::Continue(_) => Err(Ctl::Continue),
            Stmt::Expr(no, e) => {
                self.line = *no;
                let r = self.eval(e).map(|_| ());
                with_line(*no, r)
            }
            Stmt::Return(no, e) => {
                self.line = *no;
                let v = match e {
                    Some(e) => match self.eval(e) {
                        Err(Ctl::Err(mut x)) => {
                            if x.line == 0 {
                                x.line = *no;
                            }
                            return Err(Ctl::Err(x));
                        }
                        v => v?,
                    },
                    None => V::None,
                };
                Err(Ctl::Return(v))
            }
            Stmt::Raise(no, e) => {
                self.line = *no;
                let (kind, msg) = match e {
                    Some(Expr::Call(f, a, _)) => {
                        let k = match &**f {
                            Expr::Name(n) => n.clone(),
                            _ => "Exception".into(),
                        };
                        let m = match a.first() {
                            Some(x) => self.eval(x)?.to_str(),
                            None => String::new(),
                        };
                        (k, m)
                    }
                    Some(Expr::Name(n)) => (n.clone(), String::new()),
                    _ => (
                        "RuntimeError".into(),
                        "No active exception to reraise".into(),
                    ),
                };
                Err(Ctl::Err(PyErr {
                    kind,
                    msg,
                    line: *no,
                }))
            }
            Stmt::Assign(no, targets, value) => {
                self.line = *no;
                let v = with_line(*no, Ok(())).and_then(|_| self.eval(value));
                let v = match v {
                    Err(Ctl::Err(mut e)) => {
                        if e.line == 0 {
                            e.line = *no;
                        }
                        return Err(Ctl::Err(e));
                    }
                    x => x?,
                };
                for t in targets {
                    let r = self.assign(t, v.clone());
                    with_line(*no, r)?;
                }
                Ok(())
            }
            Stmt::Aug(no, target, op, value) => {
                self.line = *no;
                let r = (|| {
                    let cur = self.eval(target)?;
                    let rhs = self.eval(value)?;
                    let v = self.binop(op, cur, rhs)?;
                    self.assign(target, v)
                })();
                with_line(*no, r)
            }
            Stmt::If(no, branches, otherwise) => {
                self.line = *no;
                for (c, b) in branches {
                    let cv = match self.eval(c) {
                        Err(Ctl::Err(mut e)) => {
                            if e.line == 0 {
                                e.line = *no;
                            }
                            return Err(Ctl::Err(e));
                        }
                        x => x?,
                    };
                    if cv.truthy() {
                        return self.block(b);
                    }
                }
                self.block(otherwise)
            }
            Stmt::While(no, c, b) => {
                loop {
                    self.line = *no;
                    self.step()?;
                    if !self.eval(c)?.truthy() {
                        break;
                    }
                    match self.block(b) {
                        Err(Ctl::Break) => break,
                        Err(Ctl::Continue) => continue,
                        x => x?,
                    }
                }
                Ok(())
            }
            Stmt::For(no, vars, it, b) => {
                self.line = *no;
                let items = match self.eval(it).and_then(|v| self.iterate(v)) {
                    Err(Ctl::Err(mut e)) => {
                        e.line = *no;
                        return Err(Ctl::Err(e));
                    }
                    x => x?,
                };
                for item in items {
                    self.step()?;
                    if vars.len() == 1 {
                        self.set(&vars[0], item);
                    } else {
                        let parts = self.iterate(item)?;
                        for (k, v) in vars.iter().enumerate() {
                            self.set(v, parts.get(k).cloned().unwrap_or(V::None));
                        }
                    }
                    match self.block(b) {
                        Err(Ctl::Break) => break,
                        Err(Ctl::Continue) => continue,
                        x => x?,
                    }
                }
                Ok(())
            }
            Stmt::Def(no, decos, f) => {
                self.line = *no;
                let mut v = V::Func(f.clone());
                for d in decos.iter().rev() {
                    let dv = self.eval(d)?;
                    v = self.call(dv, vec![v], vec![])?;
                }
                self.set(&f.name, v);
                Ok(())
            }
            Stmt::Class(_, name, body) => {
                let obj = Rc::new(RefCell::new(Obj {
                    class: "type".into(),
                    attrs: BTreeMap::new(),
                }));
                for s in body {
                    if let Stmt::Def(_, _, f) = s {
                        obj.borrow_mut()
                            .attrs
                            .insert(f.name.clone(), V::Func(f.clone()));
                    }
                }
                obj.borrow_mut()
                    .attrs
                    .insert("__name__".into(), V::Str(name.clone()));
                self.set(name, V::Obj(obj));
                Ok(())
            }
            Stmt::Import(no, mods) => {
                self.line = *no;
                for (m, alias) in mods {
                    self.check_module(m).map_err(|mut e| {
                        if let Ctl::Err(x) = &mut e {
                            x.line = *no;
                        }
                        e
                    })?;
                    let top = if alias.contains('.') {
                        m.split('.').next().unwrap_or(m).to_string()
                    } else {
                        alias.clone()
                    };
                    let modname = if alias == m.split('.').next().unwrap_or(m) {
                        m.split('.').next().unwrap_or(m).to_string()
                    } else {
                        m.clone()
                    };
                    self.set(&top, V::Module(modname));
                }
                Ok(())
            }
            Stmt::From(no, m, names) => {
                self.line = *no;
                self.check_module(m).map_err(|mut e| {
                    if let Ctl::Err(x) = &mut e {
                        x.line = *no;
                    }
                    e
                })?;
                for (n, alias) in names {
                    if n == "*" {
                        continue;
                    }
                    self.set(alias, V::Builtin(format!("{m}.{n}")));
                }
                Ok(())
            }
            Stmt::Try(_, b, handlers, fin) => {
                let r = self.block(b);
                let r = match r {
                    Err(Ctl::Err(e)) => {
                        let mut handled = None;
                        for (kind, alias, hb) in handlers {
                            let matches = match kind.as_deref() {
                                None | Some("Exception") | Some("BaseException") => {
                                    e.kind != "SystemExit"
                                }
                                Some(k) => k == e.kind,
                            };
                            if matches {
                                if let Some(a) = alias {
                                    self.set(a, V::Str(e.msg.clone()));
                                }
                                handled = Some(self.block(hb));
                                break;
                            }
                        }
                        match handled {
                            Some(x) => x,
                            None => Err(Ctl::Err(e)),
                        }
                    }
                    x => x,
                };
                self.block(fin)?;
                r
            }
            Stmt::With(no, e, alias, b) => {
                self.line = *no;
                let v = self.eval(e)?;
                if let Some(a) = alias {
                    self.set(a, v.clone());
                }
                let r = self.block(b);
                if let V::Obj(o) = &v {
                    self.close_file(o);
                }
                r
            }
        }
    }

    fn check_module(&mut self, m: &str) -> Result<(), Ctl> {
        let top = m.split('.').next().unwrap_or(m);
        const STD: &[&str] = &[
            "time",
            "os",
            "sys",
            "random",
            "json",
            "socket",
            "datetime",
            "math",
            "http",
            "platform",
            "signal",
            "logging",
            "threading",
            "subprocess",
            "re",
            "pathlib",
            "collections",
            "typing",
            "urllib",
            "functools",
            "itertools",
            "string",
        ];
        if STD.contains(&top) {
            return Ok(());
        }
        // third-party: must be installed in site-packages
        let cands = [
            format!("/usr/local/lib/python{}/site-packages/{top}", self.pyver),
            format!("/usr/local/lib/python{}/dist-packages/{top}", self.pyver),
            format!("/usr/lib/python3/dist-packages/{top}"),
            path::join(&self.p.ctx.cwd, top),
            path::join(&self.p.ctx.cwd, &format!("{top}.py")),
        ];
        for c in cands {
            let (fs, inner) = self.p.sys.fs_for_ref(&c);
            if fs.stat(&inner).is_ok() {
                return Ok(());
            }
        }
        Err(Ctl::Err(PyErr {
            kind: "ModuleNotFoundError".into(),
            msg: format!("No module named '{top}'"),
            line: self.line,
        }))
    }

    fn close_file(&mut self, o: &Rc<RefCell<Obj>>) {
        let (path, data, mode) = {
            let b = o.borrow();
            if b.class != "file" {
                return;
            }
            (
                b.attrs.get("name").map(V::to_str).unwrap_or_default(),
                b.attrs.get("_data").map(V::to_str).unwrap_or_default(),
                b.attrs.get("mode").map(V::to_str).unwrap_or_default(),
            )
        };
        if mode.contains('w') || mode.contains('a') {
            let _ = self.p.write(&path, data.as_bytes());
        }
    }

    fn assign(&mut self, t: &Expr, v: V) -> Result<(), Ctl> {
        match t {
            Expr::Name(n) => {
                self.set(n, v);
                Ok(())
            }
            Expr::Tuple(ts) | Expr::List(ts) => {
                let items = self.iterate(v)?;
                if items.len() != ts.len() {
                    return Err(err(
                        "ValueError",
                        format!("too many values to unpack (expected {})", ts.len()),
                    ));
                }
                for (t, x) in ts.iter().zip(items) {
                    self.assign(t, x)?;
                }
                Ok(())
            }
            Expr::Index(o, k) => {
                let o = self.eval(o)?;
                let k = self.eval(k)?;
                match o {
                    V::List(l) => {
                        let i = match k {
                            V::Int(i) => i,
                            _ => {
                                return Err(err(
                                    "TypeError",
                                    "list indices must be integers or slices, not str",
                                ))
                            }
                        };
                        let len = l.borrow().len() as i64;
                        let idx = if i < 0 { i + len } else { i };
                        if idx < 0 || idx >= len {
                            return Err(err("IndexError", "list assignment index out of range"));
                        }
                        l.borrow_mut()[idx as usize] = v;
                        Ok(())
                    }
                    V::Dict(d) => {
                        let mut d = d.borrow_mut();
                        match d.iter_mut().find(|(a, _)| a.eq(&k)) {
                            Some(e) => e.1 = v,
                            None => d.push((k, v)),
                        }
                        Ok(())
                    }
                    V::Obj(o) if o.borrow().class == "environ" => {
                        o.borrow_mut().attrs.insert(k.to_str(), v);
                        Ok(())
                    }
                    other => Err(err(
                        "TypeError",
                        format!(
                            "'{}' object does not support item assignment",
                            other.type_name()
                        ),
                    )),
                }
            }
            Expr::Attr(o, n) => {
                if let V::Obj(o) = self.eval(o)? {
                    o.borrow_mut().attrs.insert(n.clone(), v);
                }
                Ok(())
            }
            _ => Err(err("SyntaxError", "cannot assign to expression")),
        }
    }

    fn iterate(&mut self, v: V) -> Result<Vec<V>, Ctl> {
        Ok(match v {
            V::List(l) => l.borrow().clone(),
            V::Tuple(t) => t,
            V::Str(s) => s.chars().map(|c| V::Str(c.to_string())).collect(),
            V::Dict(d) => d.borrow().iter().map(|(k, _)| k.clone()).collect(),
            V::Obj(o) if o.borrow().class == "file" => {
                let d = o
                    .borrow()
                    .attrs
                    .get("_data")
                    .map(V::to_str)
                    .unwrap_or_default();
                d.split_inclusive('\n')
                    .map(|l| V::Str(l.to_string()))
                    .collect()
            }
            other => {
                return Err(err(
                    "TypeError",
                    format!("'{}' object is not iterable", other.type_name()),
                ))
            }
        })
    }

    fn eval(&mut self, e: &Expr) -> Result<V, Ctl> {
        Ok(match e {
            Expr::Lit(l) => match l {
                Lit::None => V::None,
                Lit::Bool(b) => V::Bool(*b),
                Lit::Int(i) => V::Int(*i),
                Lit::Float(f) => V::Float(*f),
                Lit::Str(s) => V::Str(s.clone()),
            },
            Expr::FStr(segs) => {
                let mut s = String::new();
                for (is_expr, t) in segs {
                    if !*is_expr {
                        s.push_str(t);
                        continue;
                    }
                    let (src, spec) = match t.rfind(':') {
                        Some(k) if !t[k..].contains(')') && !t[k..].contains(']') => {
                            (&t[..k], Some(&t[k + 1..]))
                        }
                        _ => (t.as_str(), None),
                    };
                    let (src, conv) = match src.strip_suffix("!r") {
                        Some(x) => (x, true),
                        None => (src, false),
                    };
                    let toks = tokenize(src).map_err(|m| err("SyntaxError", m))?;
                    let ex = pexpr(&toks, self.line).map_err(|(_, m)| err("SyntaxError", m))?;
                    let v = self.eval(&ex)?;
                    let text = if conv { v.repr() } else { v.to_str() };
                    s.push_str(&apply_spec(&v, &text, spec));
                }
                V::Str(s)
            }
            Expr::Name(n) => match self.get(n) {
                Some(v) => v,
                None => match n.as_str() {
                    "print" | "len" | "str" | "int" | "float" | "range" | "input" | "sum"
                    | "min" | "max" | "sorted" | "enumerate" | "abs" | "round" | "list"
                    | "dict" | "open" | "isinstance" | "bool" | "repr" | "exit" | "type"
                    | "tuple" | "zip" => V::Builtin(n.clone()),
                    "__name__" => V::Str(if self.serving {
                        "app".into()
                    } else {
                        "__main__".into()
                    }),
                    "__file__" => V::Str(self.script.clone()),
                    _ => return Err(err("NameError", format!("name '{n}' is not defined"))),
                },
            },
            Expr::List(v) => {
                let items = v
                    .iter()
                    .map(|x| self.eval(x))
                    .collect::<Result<Vec<_>, _>>()?;
                V::List(Rc::new(RefCell::new(items)))
            }
            Expr::Tuple(v) => V::Tuple(
                v.iter()
                    .map(|x| self.eval(x))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Expr::Dict(v) => {
                let mut items = Vec::new();
                for (k, x) in v {
                    items.push((self.eval(k)?, self.eval(x)?));
                }
                V::Dict(Rc::new(RefCell::new(items)))
            }
            Expr::Comp(e, var, it, cond) => {
                let items = self.eval(it)?;
                let items = self.iterate(items)?;
                let mut out = Vec::new();
                for x in items {
                    self.step()?;
                    self.set(var, x);
                    if let Some(c) = cond {
                        if !self.eval(c)?.truthy() {
                            continue;
                        }
                    }
                    out.push(self.eval(e)?);
                }
                V::List(Rc::new(RefCell::new(out)))
            }
            Expr::Attr(o, n) => {
                let ov = self.eval(o)?;
                self.attr(ov, n)?
            }
            Expr::Index(o, k) => {
                let o = self.eval(o)?;
                let k = self.eval(k)?;
                self.index(o, k)?
            }
            Expr::Slice(o, lo, hi) => {
                let o = self.eval(o)?;
                let lo = match lo {
                    Some(x) => Some(self.eval(x)?),
                    None => None,
                };
                let hi = match hi {
                    Some(x) => Some(self.eval(x)?),
                    None => None,
                };
                let idx = |v: Option<V>, len: usize, d: usize| -> usize {
                    match v {
                        Some(V::Int(i)) if i < 0 => (len as i64 + i).max(0) as usize,
                        Some(V::Int(i)) => (i as usize).min(len),
                        _ => d,
                    }
                };
                match o {
                    V::Str(s) => {
                        let cs: Vec<char> = s.chars().collect();
                        let a = idx(lo, cs.len(), 0);
                        let b = idx(hi, cs.len(), cs.len());
                        V::Str(if a < b {
                            cs[a..b].iter().collect()
                        } else {
                            String::new()
                        })
                    }
                    V::List(l) => {
                        let l = l.borrow();
                        let a = idx(lo, l.len(), 0);
                        let b = idx(hi, l.len(), l.len());
                        V::List(Rc::new(RefCell::new(if a < b {
                            l[a..b].to_vec()
                        } else {
                            vec![]
                        })))
                    }
                    other => {
                        return Err(err(
                            "TypeError",
                            format!("'{}' object is not subscriptable", other.type_name()),
                        ))
                    }
                }
            }
            Expr::Call(f, a, kw) => {
                let fv = self.eval(f)?;
                let mut args = Vec::new();
                for x in a {
                    args.push(self.eval(x)?);
                }
                let mut kws = Vec::new();
                for (k, x) in kw {
                    kws.push((k.clone(), self.eval(x)?));
                }
                self.call(fv, args, kws)?
            }
            Expr::Un(op, x) => {
                let v = self.eval(x)?;
                match op.as_str() {
                    "not" => V::Bool(!v.truthy()),
                    _ => match v {
                        V::Int(i) => V::Int(-i),
                        V::Float(f) => V::Float(-f),
                        o => {
                            return Err(err(
                                "TypeError",
                                format!("bad operand type for unary -: '{}'", o.type_name()),
                            ))
                        }
                    },
                }
            }
            Expr::If(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            Expr::Bin(op, l, r) => {
                if op == "and" {
                    let lv = self.eval(l)?;
                    return if lv.truthy() { self.eval(r) } else { Ok(lv) };
                }
                if op == "or" {
                    let lv = self.eval(l)?;
                    return if lv.truthy() { Ok(lv) } else { self.eval(r) };
                }
                let lv = self.eval(l)?;
                let rv = self.eval(r)?;
                self.binop(op, lv, rv)?
            }
        })
    }

    fn binop(&mut self, op: &str, l: V, r: V) -> Result<V, Ctl> {
        let tn = |l: &V, r: &V| {
            format!(
                "unsupported operand type(s) for {op}: '{}' and '{}'",
                l.type_name(),
                r.type_name()
            )
        };
        Ok(match op {
            "==" => V::Bool(l.eq(&r)),
            "!=" => V::Bool(!l.eq(&r)),
            "is" => V::Bool(
                matches!((&l, &r), (V::None, V::None))
                    || l.eq(&r) && !matches!(l, V::List(_) | V::Dict(_)),
            ),
            "is not" => V::Bool(
                !(matches!((&l, &r), (V::None, V::None))
                    || l.eq(&r) && !matches!(l, V::List(_) | V::Dict(_))),
            ),
            "in" | "not in" => {
                let found = match &r {
                    V::Str(s) => s.contains(&l.to_str()),
                    V::List(x) => x.borrow().iter().any(|y| y.eq(&l)),
                    V::Tuple(x) => x.iter().any(|y| y.eq(&l)),
                    V::Dict(d) => d.borrow().iter().any(|(k, _)| k.eq(&l)),
                    V::Obj(o) => o.borrow().attrs.contains_key(&l.to_str()),
                    _ => {
                        return Err(err(
                            "TypeError",
                            format!("argument of type '{}' is not iterable", r.type_name()),
                        ))
                    }
                };
                V::Bool(found == (op == "in"))
            }
            "<" | ">" | "<=" | ">=" => {
                let ord = match (&l, &r) {
                    (V::Str(a), V::Str(b)) => a.cmp(b),
                    _ => match (l.num(), r.num()) {
                        (Some(a), Some(b)) => {
                            a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal)
                        }
                        _ => {
                            return Err(err(
                                "TypeError",
                                format!(
                                    "'{op}' not supported between instances of '{}' and '{}'",
                                    l.type_name(),
                                    r.type_name()
                                ),
                            ))
                        }
                    },
                };
                V::Bool(match op {
                    "<" => ord.is_lt(),
                    ">" => ord.is_gt(),
                    "<=" => ord.is_le(),
                    _ => ord.is_ge(),
                })
            }
            "+" => match (&l, &r) {
                (V::Str(a), V::Str(b)) => V::Str(format!("{a}{b}")),
                (V::List(a), V::List(b)) => {
                    let mut v = a.borrow().clone();
                    v.extend(b.borrow().iter().cloned());
                    V::List(Rc::new(RefCell::new(v)))
                }
                (V::Int(a), V::Int(b)) => V::Int(a.wrapping_add(*b)),
                (V::Str(_), _) => {
                    return Err(err(
                        "TypeError",
                        format!(
                            "can only concatenate str (not \"{}\") to str",
                            r.type_name()
                        ),
                    ))
                }
                _ => match (l.num(), r.num()) {
                    (Some(a), Some(b)) => V::Float(a + b),
                    _ => return Err(err("TypeError", tn(&l, &r))),
                },
            },
            "-" | "*" | "/" | "//" | "%" | "**" => match (&l, &r, op) {
                (V::Str(s), V::Int(n), "*") => V::Str(s.repeat((*n).max(0) as usize)),
                (V::Str(s), _, "%") => {
                    let args = match &r {
                        V::Tuple(t) => t.clone(),
                        x => vec![x.clone()],
                    };
                    let mut out = String::new();
                    let mut it = args.iter();
                    let mut cs = s.chars().peekable();
                    while let Some(c) = cs.next() {
                        if c == '%' {
                            match cs.next() {
                                Some('%') => out.push('%'),
                                Some(_) => {
                                    out.push_str(&it.next().map(V::to_str).unwrap_or_default())
                                }
                                None => out.push('%'),
                            }
                        } else {
                            out.push(c);
                        }
                    }
                    V::Str(out)
                }
                (V::Int(a), V::Int(b), _) => match op {
                    "-" => V::Int(a.wrapping_sub(*b)),
                    "*" => V::Int(a.wrapping_mul(*b)),
                    "/" => {
                        if *b == 0 {
                            return Err(err("ZeroDivisionError", "division by zero"));
                        }
                        V::Float(*a as f64 / *b as f64)
                    }
                    "//" | "%" => {
                        if *b == 0 {
                            return Err(err(
                                "ZeroDivisionError",
                                "integer division or modulo by zero",
                            ));
                        }
                        if op == "//" {
                            V::Int(a.div_euclid(*b))
                        } else {
                            V::Int(a.rem_euclid(*b))
                        }
                    }
                    _ => V::Int(a.wrapping_pow((*b).clamp(0, 63) as u32)),
                },
                _ => match (l.num(), r.num()) {
                    (Some(a), Some(b)) => V::Float(match op {
                        "-" => a - b,
                        "*" => a * b,
                        "/" => {
                            if b == 0.0 {
                                return Err(err("ZeroDivisionError", "float division by zero"));
                            }
                            a / b
                        }
                        "//" => (a / b).floor(),
                        "%" => a.rem_euclid(b),
                        _ => a.powf(b),
                    }),
                    _ => return Err(err("TypeError", tn(&l, &r))),
                },
            },
            _ => V::None,
        })
    }

    fn index(&mut self, o: V, k: V) -> Result<V, Ctl> {
        match (&o, &k) {
            (V::List(_), V::Int(_)) | (V::Tuple(_), V::Int(_)) | (V::Str(_), V::Int(_)) => {
                let items = self.iterate(o.clone())?;
                let i = if let V::Int(i) = k { i } else { 0 };
                let len = items.len() as i64;
                let idx = if i < 0 { i + len } else { i };
                items
                    .get(idx as usize)
                    .filter(|_| idx >= 0)
                    .cloned()
                    .ok_or_else(|| {
                        err(
                            "IndexError",
                            format!("{} index out of range", o.type_name()),
                        )
                    })
            }
            (V::Dict(d), _) => d
                .borrow()
                .iter()
                .find(|(a, _)| a.eq(&k))
                .map(|(_, v)| v.clone())
                .ok_or_else(|| err("KeyError", k.repr())),
            (V::Obj(ob), _) if ob.borrow().class == "environ" => ob
                .borrow()
                .attrs
                .get(&k.to_str())
                .cloned()
                .ok_or_else(|| err("KeyError", k.repr())),
            _ => Err(err(
                "TypeError",
                format!("'{}' object is not subscriptable", o.type_name()),
            )),
        }
    }

    fn environ(&self) -> V {
        let mut o = Obj {
            class: "environ".into(),
            attrs: BTreeMap::new(),
        };
        for (k, v) in &self.p.ctx.env {
            o.attrs.insert(k.clone(), V::Str(v.clone()));
        }
        if !o.attrs.contains_key("HOSTNAME") {
            o.attrs
                .insert("HOSTNAME".into(), V::Str(self.p.sys.hostname()));
        }
        V::Obj(Rc::new(RefCell::new(o)))
    }

    fn attr(&mut self, o: V, n: &str) -> Result<V, Ctl> {
        match &o {
            V::Module(m) => {
                let full = format!("{m}.{n}");
                match full.as_str() {
                    "os.environ" => {
                        if let Some(e) = self.globals.get("__environ").cloned() {
                            return Ok(e);
                        }
                        let e = self.environ();
                        self.globals.insert("__environ".into(), e.clone());
                        Ok(e)
                    }
                    "sys.argv" => Ok(self.globals.get("__argv").cloned().unwrap_or(V::None)),
                    "sys.version" => Ok(V::Str(format!(
                        "{} (main, Dec  4 2024, 08:58:41) [GCC 12.2.0]",
                        full_version(&self.pyver)
                    ))),
                    "sys.stdout" | "sys.stderr" => Ok(V::Module(full)),
                    "os.path" | "http.server" => Ok(V::Module(full)),
                    "os.sep" => Ok(V::Str("/".into())),
                    "math.pi" => Ok(V::Float(std::f64::consts::PI)),
                    _ => Ok(V::Builtin(full)),
                }
            }
            V::Obj(ob) => {
                if let Some(v) = ob.borrow().attrs.get(n) {
                    if let V::Func(_) = v {
                        return Ok(V::Method(Box::new(o.clone()), n.to_string()));
                    }
                    return Ok(v.clone());
                }
                Ok(V::Method(Box::new(o.clone()), n.to_string()))
            }
            V::Builtin(b) if b.ends_with("datetime") && n == "now" => {
                Ok(V::Builtin("datetime.now".into()))
            }
            _ => Ok(V::Method(Box::new(o), n.to_string())),
        }
    }

    fn call(&mut self, f: V, args: Vec<V>, kw: Vec<(String, V)>) -> Result<V, Ctl> {
        let kwget = |k: &str| kw.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
        match f {
            V::Func(def) => self.call_func(&def, args, kw, None),
            V::Method(recv, name) => self.method(*recv, &name, args, kw),
            V::Builtin(name) => {
                let a0 = args.first().cloned().unwrap_or(V::None);
                match name.as_str() {
                    "print" => {
                        let sep = kwget("sep").map(|v| v.to_str()).unwrap_or_else(|| " ".into());
                        let end = kwget("end").map(|v| v.to_str()).unwrap_or_else(|| "\n".into());
                        let text = args.iter().map(V::to_str).collect::<Vec<_>>().join(&sep) + &end;
                        let to_err = matches!(kwget("file"), Some(V::Module(m)) if m == "sys.stderr");
                        if to_err {
                            self.p.out.err(text);
                        } else {
                            self.write(&text);
                            if kwget("flush").is_some_and(|v| v.truthy()) {
                                self.flush();
                            }
                        }
                        Ok(V::None)
                    }
                    "len" => Ok(V::Int(match &a0 {
                        V::Str(s) => s.chars().count(),
                        V::List(l) => l.borrow().len(),
                        V::Tuple(t) => t.len(),
                        V::Dict(d) => d.borrow().len(),
                        o => return Err(err("TypeError", format!("object of type '{}' has no len()", o.type_name()))),
                    } as i64)),
                    "str" => Ok(V::Str(if args.is_empty() { String::new() } else { a0.to_str() })),
                    "repr" => Ok(V::Str(a0.repr())),
                    "bool" => Ok(V::Bool(a0.truthy())),
                    "int" => match &a0 {
                        V::Int(i) => Ok(V::Int(*i)),
                        V::Float(f) => Ok(V::Int(f.trunc() as i64)),
                        V::Bool(b) => Ok(V::Int(*b as i64)),
                        V::Str(s) => s.trim().parse().map(V::Int).map_err(|_| err("ValueError", format!("invalid literal for int() with base 10: {}", a0.repr()))),
                        V::None if args.is_empty() => Ok(V::Int(0)),
                        o => Err(err("TypeError", format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", o.type_name()))),
                    },
                    "float" => match &a0 {
                        V::Str(s) => s.trim().parse().map(V::Float).map_err(|_| err("ValueError", format!("could not convert string to float: {}", a0.repr()))),
                        o => Ok(V::Float(o.num().unwrap_or(0.0))),
                    },
                    "range" => {
                        let n: Vec<i64> = args.iter().map(|a| if let V::Int(i) = a { *i } else { 0 }).collect();
                        let (a, b, s) = match n.as_slice() {
                            [b] => (0, *b, 1),
                            [a, b] => (*a, *b, 1),
                            [a, b, s] => (*a, *b, *s),
                            _ => return Err(err("TypeError", "range expected at least 1 argument, got 0")),
                        };
                        if s == 0 {
                            return Err(err("ValueError", "range() arg 3 must not be zero"));
                        }
                        let mut v = Vec::new();
                        let mut x = a;
                        while (s > 0 && x < b) || (s < 0 && x > b) {
                            v.push(V::Int(x));
                            x += s;
                            if v.len() > 1_000_000 {
                                return Err(Ctl::Flow(Flow::Budget));
                            }
                        }
                        Ok(V::List(Rc::new(RefCell::new(v))))
                    }
                    "list" | "tuple" | "sorted" => {
                        let mut items = if args.is_empty() { vec![] } else { self.iterate(a0)? };
                        if name == "sorted" {
                            items.sort_by(|a, b| match (a, b) {
                                (V::Str(x), V::Str(y)) => x.cmp(y),
                                _ => a.num().partial_cmp(&b.num()).unwrap_or(std::cmp::Ordering::Equal),
                            });
                            if kwget("reverse").is_some_and(|v| v.truthy()) {
                                items.reverse();
                            }
                        }
                        Ok(if name == "tuple" { V::Tuple(items) } else { V::List(Rc::new(RefCell::new(items))) })
                    }
                    "dict" => Ok(V::Dict(Rc::new(RefCell::new(kw.into_iter().map(|(k, v)| (V::Str(k), v)).collect())))),
                    "enumerate" | "zip" => {
                        let items = self.iterate(a0)?;
                        let other = match args.get(1) {
                            Some(b) if name == "zip" => self.iterate(b.clone())?,
                            _ => vec![],
                        };
                        let v = items
                            .into_iter()
                            .enumerate()
                            .filter(|(k, _)| name == "enumerate" || *k < other.len())
                            .map(|(k, x)| V::Tuple(if name == "zip" { vec![x, other[k].clone()] } else { vec![V::Int(k as i64), x] }))
                            .collect();
                        Ok(V::List(Rc::new(RefCell::new(v))))
                    }
                    "sum" => {
                        let items = self.iterate(a0)?;
                        let mut acc = V::Int(0);
                        for x in items {
                            acc = self.binop("+", acc, x)?;
                        }
                        Ok(acc)
                    }
                    "min" | "max" => {
                        let items = if args.len() > 1 { args.clone() } else { self.iterate(a0)? };
                        let mut best: Option<V> = None;
                        for x in items {
                            best = Some(match best {
                                None => x,
                                Some(b) => {
                                    let gt = matches!(self.binop(">", x.clone(), b.clone())?, V::Bool(true));
                                    if gt == (name == "max") { x } else { b }
                                }
                            });
                        }
                        best.ok_or_else(|| err("ValueError", format!("{name}() arg is an empty sequence")))
                    }
                    "abs" => Ok(match a0 {
                        V::Int(i) => V::Int(i.abs()),
                        o => V::Float(o.num().unwrap_or(0.0).abs()),
                    }),
                    "round" => {
                        let x = a0.num().unwrap_or(0.0);
                        match args.get(1) {
                            Some(V::Int(d)) => {
                                let m = 10f64.powi(*d as i32);
                                Ok(V::Float((x * m).round() / m))
                            }
                            _ => Ok(V::Int(x.round() as i64)),
                        }
                    }
                    "isinstance" => Ok(V::Bool(true)),
                    "type" => Ok(V::Str(format!("<class '{}'>", a0.type_name()))),
                    "input" => {
                        if let Some(pr) = args.first() {
                            self.write(&pr.to_str());
                        }
                        let data = self.p.ctx.stdin.clone().unwrap_or_default();
                        let consumed = self.globals.get("__stdin_pos").and_then(|v| v.num()).unwrap_or(0.0) as usize;
                        let rest = String::from_utf8_lossy(data.get(consumed..).unwrap_or(&[])).into_owned();
                        match rest.split_once('\n') {
                            Some((l, _)) => {
                                self.globals.insert("__stdin_pos".into(), V::Int((consumed + l.len() + 1) as i64));
                                Ok(V::Str(l.to_string()))
                            }
                            None if !rest.is_empty() => {
                                self.globals.insert("__stdin_pos".into(), V::Int(data.len() as i64));
                                Ok(V::Str(rest))
                            }
                            None => Err(err("EOFError", "EOF when reading a line")),
                        }
                    }
                    "exit" | "sys.exit" => Err(Ctl::Exit(match a0 {
                        V::Int(i) => i as i32,
                        V::None => 0,
                        o => {
                            self.p.out.errln(o.to_str());
                            1
                        }
                    })),
                    "open" => self.open(&a0.to_str(), &args.get(1).map(V::to_str).unwrap_or_else(|| "r".into())),
                    "time.sleep" => {
                        let secs = a0.num().unwrap_or(0.0);
                        if self.buffered {
                            // buffered output is not seen while sleeping
                        }
                        self.p.sleep((secs * 1000.0) as Millis).map_err(Ctl::Flow)?;
                        Ok(V::None)
                    }
                    "time.time" => Ok(V::Float(self.p.lim.clock as f64 / 1000.0)),
                    "time.ctime" | "time.asctime" => Ok(V::Str(super::system::strftime(self.p.lim.clock, "%a %b %e %T %Y"))),
                    "time.strftime" => Ok(V::Str(super::system::strftime(self.p.lim.clock, &a0.to_str()))),
                    "datetime.now" | "datetime.datetime.now" => Ok(V::Str(super::system::strftime(self.p.lim.clock, "%F %T.000000"))),
                    "os.getenv" => {
                        let env = self.environ();
                        let k = a0.to_str();
                        Ok(match env {
                            V::Obj(o) => o.borrow().attrs.get(&k).cloned().unwrap_or(args.get(1).cloned().unwrap_or(V::None)),
                            _ => V::None,
                        })
                    }
                    "os.getcwd" => Ok(V::Str(self.p.ctx.cwd.clone())),
                    "os.getpid" => Ok(V::Int(1)),
                    "os.listdir" => {
                        let d = if args.is_empty() { self.p.ctx.cwd.clone() } else { self.p.abs(&a0.to_str()) };
                        let (fs, inner) = self.p.sys.fs_for_ref(&d);
                        let v = fs.read_dir(&inner).map_err(|e| err("FileNotFoundError", format!("[Errno 2] {e}: '{}'", a0.to_str())))?;
                        Ok(V::List(Rc::new(RefCell::new(v.into_iter().map(|x| V::Str(x.name)).collect()))))
                    }
                    "os.path.exists" | "os.path.isfile" | "os.path.isdir" => {
                        let d = self.p.abs(&a0.to_str());
                        let (fs, inner) = self.p.sys.fs_for_ref(&d);
                        let e = fs.stat(&inner).ok().cloned();
                        Ok(V::Bool(match name.as_str() {
                            "os.path.isfile" => matches!(e, Some(Entry::File { .. })),
                            "os.path.isdir" => matches!(e, Some(Entry::Dir { .. })),
                            _ => e.is_some(),
                        }))
                    }
                    "os.path.join" => Ok(V::Str(args.iter().map(V::to_str).collect::<Vec<_>>().join("/"))),
                    "socket.gethostname" | "platform.node" => Ok(V::Str(self.p.sys.hostname())),
                    "platform.system" => Ok(V::Str("Linux".into())),
                    "platform.python_version" => Ok(V::Str(full_version(&self.pyver))),
                    "random.randint" | "random.random" | "random.choice" => {
                        self.rng = self.rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        let r = (self.rng >> 33) as i64;
                        Ok(match name.as_str() {
                            "random.randint" => {
                                let (a, b) = (a0.num().unwrap_or(0.0) as i64, args.get(1).and_then(V::num).unwrap_or(0.0) as i64);
                                V::Int(a + r.rem_euclid((b - a + 1).max(1)))
                            }
                            "random.choice" => {
                                let items = self.iterate(a0)?;
                                items.get(r as usize % items.len().max(1)).cloned().unwrap_or(V::None)
                            }
                            _ => V::Float((r % 1_000_000) as f64 / 1_000_000.0),
                        })
                    }
                    "json.dumps" => Ok(V::Str(to_json(&a0))),
                    "math.sqrt" => Ok(V::Float(a0.num().unwrap_or(0.0).sqrt())),
                    "flask.Flask" => {
                        let mut o = Obj { class: "Flask".into(), attrs: BTreeMap::new() };
                        o.attrs.insert("name".into(), a0);
                        Ok(V::Obj(Rc::new(RefCell::new(o))))
                    }
                    "flask.jsonify" => {
                        let v = if !kw.is_empty() {
                            V::Dict(Rc::new(RefCell::new(kw.iter().map(|(k, v)| (V::Str(k.clone()), v.clone())).collect())))
                        } else {
                            a0
                        };
                        Ok(V::Tuple(vec![V::Str(format!("{}\n", to_json(&v))), V::Int(200), V::Str("application/json".into())]))
                    }
                    "flask.request" => Ok(V::None),
                    "http.server.HTTPServer" | "http.server.ThreadingHTTPServer" | "socketserver.TCPServer" => {
                        let addr = self.iterate(a0)?;
                        let mut o = Obj { class: "HTTPServer".into(), attrs: BTreeMap::new() };
                        o.attrs.insert("host".into(), addr.first().cloned().unwrap_or(V::Str(String::new())));
                        o.attrs.insert("port".into(), addr.get(1).cloned().unwrap_or(V::Int(8000)));
                        o.attrs.insert("handler".into(), args.get(1).cloned().unwrap_or(V::None));
                        Ok(V::Obj(Rc::new(RefCell::new(o))))
                    }
                    n if n.starts_with("route:") => {
                        let path = n["route:".len()..].to_string();
                        self.routes.push((path, vec!["GET".into()], a0.clone()));
                        Ok(a0)
                    }
                    other => Err(err("AttributeError", format!("module has no attribute '{}'", other.rsplit('.').next().unwrap_or(other)))),
                }
            }
            V::Obj(o) if o.borrow().class == "type" => {
                // instantiate a class
                let inst = Rc::new(RefCell::new(Obj {
                    class: o
                        .borrow()
                        .attrs
                        .get("__name__")
                        .map(V::to_str)
                        .unwrap_or_default(),
                    attrs: o.borrow().attrs.clone(),
                }));
                if let Some(V::Func(init)) = o.borrow().attrs.get("__init__").cloned() {
                    self.call_func(&init, args, kw, Some(V::Obj(inst.clone())))?;
                }
                Ok(V::Obj(inst))
            }
            other => Err(err(
                "TypeError",
                format!("'{}' object is not callable", other.type_name()),
            )),
        }
    }

    fn open(&mut self, p: &str, mode: &str) -> Result<V, Ctl> {
        let mut o = Obj {
            class: "file".into(),
            attrs: BTreeMap::new(),
        };
        o.attrs.insert("name".into(), V::Str(p.to_string()));
        o.attrs.insert("mode".into(), V::Str(mode.to_string()));
        let data = if mode.contains('w') {
            String::new()
        } else {
            match self.p.read(p) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(_) if mode.contains('a') => String::new(),
                Err(e) => {
                    let kind = if e == crate::engine::fs::FsError::IsADirectory {
                        "IsADirectoryError"
                    } else {
                        "FileNotFoundError"
                    };
                    return Err(err(kind, format!("[Errno 2] {e}: '{p}'")));
                }
            }
        };
        o.attrs.insert("_data".into(), V::Str(data));
        Ok(V::Obj(Rc::new(RefCell::new(o))))
    }

    fn call_func(
        &mut self,
        def: &FuncDef,
        args: Vec<V>,
        kw: Vec<(String, V)>,
        this: Option<V>,
    ) -> Result<V, Ctl> {
        if self.frames.len() > 200 {
            return Err(err("RecursionError", "maximum recursion depth exceeded"));
        }
        let mut scope = BTreeMap::new();
        let mut args = args.into_iter();
        for (k, (pname, default)) in def.params.iter().enumerate() {
            if k == 0 && pname == "self" {
                if let Some(t) = &this {
                    scope.insert(pname.clone(), t.clone());
                    continue;
                }
            }
            let v = match args.next() {
                Some(v) => v,
                None => match kw.iter().find(|(a, _)| a == pname) {
                    Some((_, v)) => v.clone(),
                    None => match default {
                        Some(d) => self.eval(d)?,
                        None => {
                            return Err(err(
                                "TypeError",
                                format!(
                                    "{}() missing 1 required positional argument: '{pname}'",
                                    def.name
                                ),
                            ))
                        }
                    },
                },
            };
            scope.insert(pname.clone(), v);
        }
        self.locals.push(scope);
        self.frames.push((self.line, def.name.clone()));
        let r = self.block(&def.body);
        self.frames.pop();
        self.locals.pop();
        match r {
            Ok(()) => Ok(V::None),
            Err(Ctl::Return(v)) => Ok(v),
            Err(e) => Err(e),
        }
    }

    fn method(
        &mut self,
        recv: V,
        name: &str,
        args: Vec<V>,
        kw: Vec<(String, V)>,
    ) -> Result<V, Ctl> {
        let a0 = args.first().cloned().unwrap_or(V::None);
        match (&recv, name) {
            (V::Obj(o), _) if o.borrow().class == "Flask" => match name {
                "route" | "get" | "post" => Ok(V::Builtin(format!("route:{}", a0.to_str()))),
                "run" => {
                    let host = kw
                        .iter()
                        .find(|(k, _)| k == "host")
                        .map(|(_, v)| v.to_str())
                        .or_else(|| args.first().map(V::to_str))
                        .unwrap_or_else(|| "127.0.0.1".into());
                    let port = kw
                        .iter()
                        .find(|(k, _)| k == "port")
                        .and_then(|(_, v)| v.num())
                        .or_else(|| args.get(1).and_then(V::num))
                        .unwrap_or(5000.0) as u16;
                    if self.serving {
                        return Ok(V::None);
                    }
                    let script_name = path::file_name(&self.script)
                        .trim_end_matches(".py")
                        .to_string();
                    self.flush();
                    let ip = self
                        .p
                        .sys
                        .interfaces()
                        .into_iter()
                        .find(|i| i.name != "lo")
                        .and_then(|i| i.addr)
                        .map(|a| a.0)
                        .unwrap_or_else(|| "172.17.0.2".into());
                    self.p.out.errln(format!(
                        " * Serving Flask app '{script_name}'\n * Debug mode: off"
                    ));
                    self.p.out.errln("\u{1b}[31m\u{1b}[1mWARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.\u{1b}[0m");
                    if host == "0.0.0.0" {
                        self.p.out.errln(format!(" * Running on all addresses (0.0.0.0)\n * Running on http://127.0.0.1:{port}\n * Running on http://{ip}:{port}"));
                    } else {
                        self.p
                            .out
                            .errln(format!(" * Running on http://{host}:{port}"));
                    }
                    self.p.out.errln("\u{1b}[33mPress CTRL+C to quit\u{1b}[0m");
                    Err(Ctl::Flow(super::service_flow(Service::Python(
                        self.webapp("flask", &host, port),
                    ))))
                }
                _ => Err(err(
                    "AttributeError",
                    format!("'Flask' object has no attribute '{name}'"),
                )),
            },
            (V::Obj(o), "serve_forever") if o.borrow().class == "HTTPServer" => {
                let port = o
                    .borrow()
                    .attrs
                    .get("port")
                    .and_then(V::num)
                    .unwrap_or(8000.0) as u16;
                let host = o
                    .borrow()
                    .attrs
                    .get("host")
                    .map(V::to_str)
                    .unwrap_or_default();
                self.flush();
                Err(Ctl::Flow(super::service_flow(Service::Python(
                    self.webapp(
                        "static",
                        if host.is_empty() { "0.0.0.0" } else { &host },
                        port,
                    ),
                ))))
            }
            (V::Obj(o), _) if o.borrow().class == "environ" => match name {
                "get" => Ok(o
                    .borrow()
                    .attrs
                    .get(&a0.to_str())
                    .cloned()
                    .unwrap_or(args.get(1).cloned().unwrap_or(V::None))),
                "keys" | "items" | "values" => {
                    let b = o.borrow();
                    let v: Vec<V> = b
                        .attrs
                        .iter()
                        .map(|(k, v)| match name {
                            "keys" => V::Str(k.clone()),
                            "values" => v.clone(),
                            _ => V::Tuple(vec![V::Str(k.clone()), v.clone()]),
                        })
                        .collect();
                    Ok(V::List(Rc::new(RefCell::new(v))))
                }
                _ => Err(err(
                    "AttributeError",
                    format!("'_Environ' object has no attribute '{name}'"),
                )),
            },
            (V::Obj(o), _) if o.borrow().class == "file" => {
                let data = o
                    .borrow()
                    .attrs
                    .get("_data")
                    .map(V::to_str)
                    .unwrap_or_default();
                match name {
                    "read" => Ok(V::Str(data)),
                    "readlines" => Ok(V::List(Rc::new(RefCell::new(
                        data.split_inclusive('\n')
                            .map(|l| V::Str(l.into()))
                            .collect(),
                    )))),
                    "write" => {
                        let s = a0.to_str();
                        o.borrow_mut()
                            .attrs
                            .insert("_data".into(), V::Str(format!("{data}{s}")));
                        Ok(V::Int(s.chars().count() as i64))
                    }
                    "close" => {
                        self.close_file(o);
                        Ok(V::None)
                    }
                    _ => Ok(V::None),
                }
            }
            (V::Obj(o), _) => {
                let f = o.borrow().attrs.get(name).cloned();
                match f {
                    Some(V::Func(def)) => self.call_func(&def, args, kw, Some(recv.clone())),
                    _ => Err(err(
                        "AttributeError",
                        format!("'{}' object has no attribute '{name}'", o.borrow().class),
                    )),
                }
            }
            (V::Module(m), "write") if m.starts_with("sys.std") => {
                if m == "sys.stderr" {
                    self.p.out.err(a0.to_str());
                } else {
                    self.write(&a0.to_str());
                }
                Ok(V::None)
            }
            (V::Module(m), "flush") if m.starts_with("sys.std") => {
                self.flush();
                Ok(V::None)
            }
            (V::Str(s), _) => {
                let s = s.clone();
                Ok(match name {
                    "upper" => V::Str(s.to_uppercase()),
                    "lower" => V::Str(s.to_lowercase()),
                    "strip" => V::Str(s.trim().to_string()),
                    "lstrip" => V::Str(s.trim_start().to_string()),
                    "rstrip" => V::Str(if args.is_empty() {
                        s.trim_end().to_string()
                    } else {
                        s.trim_end_matches(|c| a0.to_str().contains(c)).to_string()
                    }),
                    "title" => V::Str(
                        s.split(' ')
                            .map(|w| {
                                let mut c = w.chars();
                                match c.next() {
                                    Some(f) => {
                                        f.to_uppercase().collect::<String>()
                                            + &c.as_str().to_lowercase()
                                    }
                                    None => String::new(),
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    "split" => {
                        let parts: Vec<V> = if args.is_empty() || matches!(a0, V::None) {
                            s.split_whitespace().map(|x| V::Str(x.into())).collect()
                        } else {
                            s.split(&a0.to_str()).map(|x| V::Str(x.into())).collect()
                        };
                        V::List(Rc::new(RefCell::new(parts)))
                    }
                    "splitlines" => V::List(Rc::new(RefCell::new(
                        s.lines().map(|x| V::Str(x.into())).collect(),
                    ))),
                    "join" => {
                        let items = self.iterate(a0)?;
                        V::Str(items.iter().map(V::to_str).collect::<Vec<_>>().join(&s))
                    }
                    "replace" => V::Str(s.replace(
                        &a0.to_str(),
                        &args.get(1).map(V::to_str).unwrap_or_default(),
                    )),
                    "startswith" => V::Bool(s.starts_with(&a0.to_str())),
                    "endswith" => V::Bool(s.ends_with(&a0.to_str())),
                    "find" => V::Int(
                        s.find(&a0.to_str())
                            .map(|i| s[..i].chars().count() as i64)
                            .unwrap_or(-1),
                    ),
                    "count" => V::Int(s.matches(&a0.to_str()).count() as i64),
                    "encode" | "decode" => V::Str(s),
                    "isdigit" => V::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())),
                    "format" => {
                        let mut out = String::new();
                        let mut it = args.iter();
                        let segs = split_fstring(&s);
                        for (is_f, t) in segs {
                            if !is_f {
                                out.push_str(&t);
                            } else if t.is_empty() {
                                out.push_str(&it.next().map(V::to_str).unwrap_or_default());
                            } else if let Ok(k) = t.parse::<usize>() {
                                out.push_str(&args.get(k).map(V::to_str).unwrap_or_default());
                            } else {
                                out.push_str(
                                    &kw.iter()
                                        .find(|(a, _)| *a == t)
                                        .map(|(_, v)| v.to_str())
                                        .unwrap_or_default(),
                                );
                            }
                        }
                        V::Str(out)
                    }
                    _ => {
                        return Err(err(
                            "AttributeError",
                            format!("'str' object has no attribute '{name}'"),
                        ))
                    }
                })
            }
            (V::List(l), _) => {
                Ok(match name {
                    "append" => {
                        l.borrow_mut().push(a0);
                        V::None
                    }
                    "extend" => {
                        let items = self.iterate(a0)?;
                        l.borrow_mut().extend(items);
                        V::None
                    }
                    "pop" => {
                        let mut b = l.borrow_mut();
                        match args.first() {
                            Some(V::Int(i)) => {
                                let len = b.len() as i64;
                                let idx = if *i < 0 { i + len } else { *i };
                                if idx < 0 || idx >= len {
                                    return Err(err("IndexError", "pop index out of range"));
                                }
                                b.remove(idx as usize)
                            }
                            _ => b
                                .pop()
                                .ok_or_else(|| err("IndexError", "pop from empty list"))?,
                        }
                    }
                    "insert" => {
                        let i = a0.num().unwrap_or(0.0) as usize;
                        let v = args.get(1).cloned().unwrap_or(V::None);
                        let mut b = l.borrow_mut();
                        let i = i.min(b.len());
                        b.insert(i, v);
                        V::None
                    }
                    "sort" => {
                        l.borrow_mut().sort_by(|a, b| match (a, b) {
                            (V::Str(x), V::Str(y)) => x.cmp(y),
                            _ => a
                                .num()
                                .partial_cmp(&b.num())
                                .unwrap_or(std::cmp::Ordering::Equal),
                        });
                        V::None
                    }
                    "reverse" => {
                        l.borrow_mut().reverse();
                        V::None
                    }
                    "index" => {
                        V::Int(l.borrow().iter().position(|x| x.eq(&a0)).ok_or_else(|| {
                            err("ValueError", format!("{} is not in list", a0.repr()))
                        })? as i64)
                    }
                    "count" => V::Int(l.borrow().iter().filter(|x| x.eq(&a0)).count() as i64),
                    _ => {
                        return Err(err(
                            "AttributeError",
                            format!("'list' object has no attribute '{name}'"),
                        ))
                    }
                })
            }
            (V::Dict(d), _) => Ok(match name {
                "get" => d
                    .borrow()
                    .iter()
                    .find(|(k, _)| k.eq(&a0))
                    .map(|(_, v)| v.clone())
                    .unwrap_or(args.get(1).cloned().unwrap_or(V::None)),
                "keys" => V::List(Rc::new(RefCell::new(
                    d.borrow().iter().map(|(k, _)| k.clone()).collect(),
                ))),
                "values" => V::List(Rc::new(RefCell::new(
                    d.borrow().iter().map(|(_, v)| v.clone()).collect(),
                ))),
                "items" => V::List(Rc::new(RefCell::new(
                    d.borrow()
                        .iter()
                        .map(|(k, v)| V::Tuple(vec![k.clone(), v.clone()]))
                        .collect(),
                ))),
                "update" => {
                    if let V::Dict(o) = a0 {
                        let items = o.borrow().clone();
                        for (k, v) in items {
                            let mut b = d.borrow_mut();
                            match b.iter_mut().find(|(a, _)| a.eq(&k)) {
                                Some(e) => e.1 = v,
                                None => b.push((k, v)),
                            }
                        }
                    }
                    V::None
                }
                _ => {
                    return Err(err(
                        "AttributeError",
                        format!("'dict' object has no attribute '{name}'"),
                    ))
                }
            }),
            (V::Builtin(b), _) => self.call(V::Builtin(format!("{b}.{name}")), args, kw),
            (other, _) => Err(err(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", other.type_name()),
            )),
        }
    }

    fn webapp(&self, kind: &str, host: &str, port: u16) -> WebApp {
        WebApp {
            port,
            host: host.to_string(),
            kind: kind.into(),
            script: self.script.clone(),
            src: self.src_lines.join("\n"),
            dir: self.p.ctx.cwd.clone(),
            env: self.p.ctx.env.clone(),
            pyver: self.pyver.clone(),
            pending: Output::new(),
        }
    }

    fn traceback(&mut self, e: &PyErr) {
        let mut s = String::from("Traceback (most recent call last):\n");
        let line = if e.line == 0 { self.line } else { e.line };
        let text = self
            .src_lines
            .get(line.saturating_sub(1))
            .map(|l| l.trim().to_string())
            .unwrap_or_default();
        if self.frames.is_empty() {
            s.push_str(&format!(
                "  File \"{}\", line {line}, in <module>\n    {text}\n",
                self.script
            ));
        } else {
            for (fl, fname) in self.frames.clone() {
                let ft = self
                    .src_lines
                    .get(fl.saturating_sub(1))
                    .map(|l| l.trim().to_string())
                    .unwrap_or_default();
                s.push_str(&format!(
                    "  File \"{}\", line {fl}, in <module>\n    {ft}\n",
                    self.script
                ));
                s.push_str(&format!(
                    "  File \"{}\", line {line}, in {fname}\n    {text}\n",
                    self.script
                ));
            }
        }
        if e.msg.is_empty() {
            s.push_str(&format!("{}\n", e.kind));
        } else {
            s.push_str(&format!("{}: {}\n", e.kind, e.msg));
        }
        self.p.out.err(s);
    }
}

fn apply_spec(v: &V, text: &str, spec: Option<&str>) -> String {
    let Some(spec) = spec else {
        return text.to_string();
    };
    if let Some(p) = spec.strip_prefix('.').and_then(|x| x.strip_suffix('f')) {
        let prec: usize = p.parse().unwrap_or(6);
        return format!("{:.prec$}", v.num().unwrap_or(0.0));
    }
    if let Some(w) = spec.strip_prefix('>') {
        return format!("{text:>width$}", width = w.parse().unwrap_or(0));
    }
    if let Some(w) = spec.strip_prefix('<') {
        return format!("{text:<width$}", width = w.parse().unwrap_or(0));
    }
    if let Ok(w) = spec.parse::<usize>() {
        return if matches!(v, V::Str(_)) {
            format!("{text:<w$}")
        } else {
            format!("{text:>w$}")
        };
    }
    text.to_string()
}

fn to_json(v: &V) -> String {
    match v {
        V::None => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Int(_) | V::Float(_) => v.to_str(),
        V::Str(s) => serde_json::Value::String(s.clone()).to_string(),
        V::List(l) => format!(
            "[{}]",
            l.borrow()
                .iter()
                .map(to_json)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        V::Tuple(t) => format!("[{}]", t.iter().map(to_json).collect::<Vec<_>>().join(", ")),
        V::Dict(d) => format!(
            "{{{}}}",
            d.borrow()
                .iter()
                .map(|(k, v)| format!("{}: {}", serde_json::Value::String(k.to_str()), to_json(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => serde_json::Value::String(other.to_str()).to_string(),
    }
}

/// The full version printed for a `3.X` interpreter.
fn full_version(v: &str) -> String {
    let patch = match v {
        "3.9" => "21",
        "3.10" => "12",
        "3.11" => "2",
        "3.12" => "3",
        _ => "1",
    };
    format!("{v}.{patch}")
}

fn python_version_of(p: &Proc) -> String {
    let name = path::file_name(&p.exe).to_string();
    if let Some(v) = name.strip_prefix("python").filter(|v| v.starts_with("3.")) {
        return v.to_string();
    }
    // the file actually run: python3 -> python3.9
    let argv0 = p.argv.first().cloned().unwrap_or_default();
    let pv = p
        .getenv("PATH")
        .unwrap_or_else(|| super::DEFAULT_PATH.into());
    for dir in pv.split(':') {
        let cand = if argv0.contains('/') {
            argv0.clone()
        } else {
            format!("{dir}/{argv0}")
        };
        let (fs, inner) = p.sys.fs_for_ref(&cand);
        if let Ok(r) = fs.resolve(&inner, true) {
            if fs.lookup(&r).is_some() {
                if let Some(v) = path::file_name(&r)
                    .strip_prefix("python")
                    .filter(|v| v.starts_with("3."))
                {
                    return v.to_string();
                }
                break;
            }
        }
    }
    "3.12".into()
}

/// `python`, `python3`, `python3.X`.
pub fn python(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let pyver = python_version_of(p);
    let mut unbuffered = p.getenv("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty());
    let mut i = 0;
    let mut code: Option<String> = None;
    let mut module: Option<String> = None;
    while let Some(a) = args.get(i) {
        match a.as_str() {
            "-u" => unbuffered = true,
            "-V" | "--version" => {
                p.out.outln(format!("Python {}", full_version(&pyver)));
                return Ok(0);
            }
            "-c" => {
                code = Some(args.get(i + 1).cloned().unwrap_or_default());
                i += 2;
                break;
            }
            "-m" => {
                module = Some(args.get(i + 1).cloned().unwrap_or_default());
                i += 2;
                break;
            }
            a if a.starts_with('-') => {}
            _ => break,
        }
        i += 1;
    }
    let rest: Vec<String> = args.get(i..).unwrap_or(&[]).to_vec();
    if let Some(m) = module {
        return match m.as_str() {
            "http.server" => {
                let port: u16 = rest.first().and_then(|x| x.parse().ok()).unwrap_or(8000);
                p.out.outln(format!(
                    "Serving HTTP on 0.0.0.0 port {port} (http://0.0.0.0:{port}/) ..."
                ));
                Err(super::service_flow(Service::Python(WebApp {
                    port,
                    host: "0.0.0.0".into(),
                    kind: "static".into(),
                    dir: p.ctx.cwd.clone(),
                    env: p.ctx.env.clone(),
                    pyver,
                    ..WebApp::default()
                })))
            }
            "pip" => super::pkg::pip(p),
            "venv" => Ok(0),
            other => {
                p.out.errln(format!(
                    "/usr/local/bin/python{pyver}: No module named {other}"
                ));
                Ok(1)
            }
        };
    }
    let (script, src) = match code {
        Some(c) => ("<string>".to_string(), c),
        None => match rest.first() {
            Some(f) => {
                let abs = p.abs(f);
                match p.read(f) {
                    Ok(b) => (abs, String::from_utf8_lossy(&b).into_owned()),
                    Err(e) => {
                        let exe = if p.argv[0].contains('/') {
                            p.argv[0].clone()
                        } else {
                            format!("/usr/local/bin/{}", p.name())
                        };
                        let _ = exe;
                        p.out.errln(format!(
                            "{}: can't open file '{abs}': [Errno 2] {e}",
                            p.name()
                        ));
                        return Ok(2);
                    }
                }
            }
            None => match p.ctx.stdin.clone() {
                Some(b) => ("<stdin>".into(), String::from_utf8_lossy(&b).into_owned()),
                None => {
                    if p.ctx.tty && p.ctx.interactive {
                        p.out.outln(format!("Python {} (main, Dec  4 2024, 08:58:41) [GCC 12.2.0] on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.", full_version(&pyver)));
                        let mut sh = crate::userland::shell::Shell::new(
                            crate::userland::shell::ShellKind::Bash,
                            "python3",
                            &p.ctx.cwd,
                            &p.ctx.env,
                        );
                        sh.python = Some(pyver);
                        sh.interactive = true;
                        sh.tty = true;
                        return Err(Flow::Interactive(Box::new(sh)));
                    }
                    return Ok(0);
                }
            },
        },
    };
    let buffered = !unbuffered && !p.ctx.tty;
    run_script(p, &script, &src, &rest, buffered, &pyver, false).map(|(c, _)| c)
}

/// Runs a module; returns the exit code and, in serving mode, the routes.
fn run_script(
    p: &mut Proc,
    script: &str,
    src: &str,
    argv: &[String],
    buffered: bool,
    pyver: &str,
    serving: bool,
) -> Result<(i32, Vec<Route>), Flow> {
    let lines = match logical_lines(src).and_then(|ls| {
        let mut i = 0;
        parse_block(&ls, &mut i, 0)
    }) {
        Ok(b) => b,
        Err((no, msg)) => {
            let text = src
                .lines()
                .nth(no.saturating_sub(1))
                .unwrap_or("")
                .trim()
                .to_string();
            p.out.errln(format!(
                "  File \"{script}\", line {no}\n    {text}\n    ^\nSyntaxError: {msg}"
            ));
            return Ok((1, vec![]));
        }
    };
    let mut it = Interp {
        p,
        globals: BTreeMap::new(),
        locals: Vec::new(),
        script: script.to_string(),
        src_lines: src.lines().map(String::from).collect(),
        buffered,
        buf: String::new(),
        line: 0,
        frames: Vec::new(),
        routes: Vec::new(),
        serving,
        pyver: pyver.to_string(),
        rng: 0x2545_F491_4F6C_DD1D,
    };
    let mut av = vec![V::Str(script.to_string())];
    av.extend(argv.iter().skip(1).map(|a| V::Str(a.clone())));
    it.globals
        .insert("__argv".into(), V::List(Rc::new(RefCell::new(av))));
    let r = it.block(&lines);
    let routes = std::mem::take(&mut it.routes);
    match r {
        Ok(()) => {
            it.flush();
            Ok((0, routes))
        }
        Err(Ctl::Exit(c)) => {
            it.flush();
            Ok((c, routes))
        }
        Err(Ctl::Err(e)) => {
            it.flush();
            it.traceback(&e);
            Ok((1, routes))
        }
        Err(Ctl::Flow(Flow::Service(s))) => {
            it.flush();
            Err(Flow::Service(s))
        }
        // buffered output is lost with the process (or never flushed yet)
        Err(Ctl::Flow(f)) => Err(f),
        Err(Ctl::Return(_)) | Err(Ctl::Break) | Err(Ctl::Continue) => {
            it.flush();
            Ok((0, routes))
        }
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Serves one request for a Python web app.
pub fn serve(
    sys: &mut dyn Sys,
    app: &mut WebApp,
    req: &HttpRequest,
    log: &mut Output,
    now: Millis,
) -> HttpResponse {
    if app.host.starts_with("127.") {
        return HttpResponse::default();
    }
    let path_only = req.path.split('?').next().unwrap_or("/").to_string();
    let stamp = super::system::strftime(now, "%d/%b/%Y %T");
    let date = super::system::strftime(now, "%a, %d %b %Y %T GMT");
    let server = format!("Werkzeug/3.1.3 Python/{}", full_version(&app.pyver));
    let (status, reason, body, ctype) = if app.kind == "static" {
        let target = path::join(&app.dir, path_only.trim_start_matches('/'));
        let (fs, inner) = sys.fs_for_ref(&target);
        match fs.stat(&inner).cloned() {
            Ok(Entry::Dir { .. }) => {
                let idx = path::child(&inner, "index.html");
                if let Ok(b) = fs.read(&idx) {
                    (200, "OK", b, "text/html".to_string())
                } else {
                    let mut items = String::new();
                    for d in fs.read_dir(&inner).unwrap_or_default() {
                        let slash = if d.kind == crate::engine::fs::NodeKind::Dir { "/" } else { "" };
                        items.push_str(&format!("<li><a href=\"{0}{slash}\">{0}{slash}</a></li>\n", html_escape(&d.name)));
                    }
                    let title = format!("Directory listing for {path_only}");
                    let html = format!("<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n<hr>\n<ul>\n{items}</ul>\n<hr>\n</body>\n</html>\n");
                    (200, "OK", html.into_bytes(), "text/html; charset=utf-8".to_string())
                }
            }
            Ok(_) => (200, "OK", fs.read(&inner).unwrap_or_default(), "text/plain".to_string()),
            Err(_) => (404, "File not found", String::from("<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n").into_bytes(), "text/html;charset=utf-8".to_string()),
        }
    } else {
        // re-run the module in import mode, then call the matching view
        let ctx = super::Ctx {
            env: app.env.clone(),
            cwd: app.dir.clone(),
            user: String::new(),
            stdin: None,
            tty: false,
            interactive: false,
            in_pipe: false,
            fds: Vec::new(),
        };
        let mut out = Output::new();
        let mut lim = super::Limits::new(now, now, super::STEP_BUDGET);
        lim.live = false;
        let mut p = Proc {
            sys,
            argv: vec!["python".into(), app.script.clone()],
            ctx: &ctx,
            out: &mut out,
            lim: &mut lim,
            flavor: super::Flavor::Gnu,
            exe: format!("python{}", app.pyver),
        };
        let result = match run_script(&mut p, &app.script, &app.src, &[], false, &app.pyver, true) {
            Ok((_, routes)) => {
                match routes.into_iter().find(|(r, _, _)| *r == path_only) {
                    Some((_, _, view)) => {
                        let lines = logical_lines(&app.src).unwrap_or_default();
                        let _ = lines;
                        let mut it = Interp {
                            p: &mut p,
                            globals: BTreeMap::new(),
                            locals: Vec::new(),
                            script: app.script.clone(),
                            src_lines: app.src.lines().map(String::from).collect(),
                            buffered: false,
                            buf: String::new(),
                            line: 0,
                            frames: Vec::new(),
                            routes: Vec::new(),
                            serving: true,
                            pyver: app.pyver.clone(),
                            rng: 1,
                        };
                        // module globals again, so the view sees them
                        if let Ok(b) = logical_lines(&app.src).and_then(|ls| {
                            let mut i = 0;
                            parse_block(&ls, &mut i, 0)
                        }) {
                            let _ = it.block(&b);
                        }
                        match it.call(view, vec![], vec![]) {
                            Ok(V::Tuple(t)) => {
                                let body = t.first().map(V::to_str).unwrap_or_default();
                                let code = t.get(1).and_then(V::num).unwrap_or(200.0) as u16;
                                let ct = t
                                    .get(2)
                                    .map(V::to_str)
                                    .unwrap_or_else(|| "text/html; charset=utf-8".into());
                                Some((code, body, ct))
                            }
                            Ok(V::Dict(d)) => Some((
                                200,
                                format!("{}\n", to_json(&V::Dict(d))),
                                "application/json".into(),
                            )),
                            Ok(v) => Some((200, v.to_str(), "text/html; charset=utf-8".into())),
                            Err(Ctl::Err(e)) => {
                                it.traceback(&e);
                                Some((500, "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n".into(), "text/html; charset=utf-8".into()))
                            }
                            Err(_) => Some((500, String::new(), "text/html; charset=utf-8".into())),
                        }
                    }
                    None => None,
                }
            }
            Err(_) => None,
        };
        for (s, t) in out.chunks {
            match s {
                crate::userland::Stream::Stdout => log.out(t),
                crate::userland::Stream::Stderr => log.err(t),
            }
        }
        match result {
            Some((code, body, ct)) => {
                let reason = if code == 200 { "OK" } else if code == 500 { "INTERNAL SERVER ERROR" } else { "" };
                (code, reason, body.into_bytes(), if ct.is_empty() { "text/html; charset=utf-8".to_string() } else { ct })
            }
            None => (404, "NOT FOUND", "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n".as_bytes().to_vec(), "text/html; charset=utf-8".to_string()),
        }
    };
    log.errln(format!(
        "172.17.0.1 - - [{stamp}] \"{} {} HTTP/1.1\" {status} -",
        req.method, req.path
    ));
    let server_hdr = if app.kind == "static" {
        format!("SimpleHTTP/0.6 Python/{}", full_version(&app.pyver))
    } else {
        server
    };
    HttpResponse {
        status,
        reason: reason.into(),
        headers: vec![
            ("Server".into(), server_hdr),
            ("Date".into(), date),
            ("Content-Type".into(), ctype),
            ("Content-Length".into(), body.len().to_string()),
            ("Connection".into(), "close".into()),
        ],
        body: if req.method == "HEAD" { vec![] } else { body },
    }
}

/// Runs one line typed at the interactive interpreter's `>>> ` prompt.
/// Statements that ran are kept in `sh.history` and replayed (silently)
/// before each new line, which rebuilds the interpreter's state; an
/// expression's value is echoed as the real REPL does. `Some(code)` when
/// the interpreter exits (`exit()`, `quit()`).
pub fn repl_line(
    sys: &mut dyn Sys,
    sh: &mut crate::userland::shell::Shell,
    line: &str,
    out: &mut Output,
) -> Option<i32> {
    let pyver = sh.python.clone().unwrap_or_else(|| "3.12".into());
    let src = if !sh.pending.is_empty() || line.trim_end().ends_with(':') {
        if line.trim().is_empty() {
            std::mem::take(&mut sh.pending)
        } else {
            sh.pending.push_str(line);
            sh.pending.push('\n');
            return None;
        }
    } else {
        line.to_string()
    };
    let t = src.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(arg) = ["exit(", "quit("].iter().find_map(|f| t.strip_prefix(f)) {
        let code = arg.trim_end_matches(')').trim().parse().unwrap_or(0);
        return Some(code);
    }
    if t == "exit" || t == "quit" {
        out.outln(format!("Use {t}() or Ctrl-D (i.e. EOF) to exit"));
        return None;
    }
    let ctx = super::Ctx {
        env: sh.env(),
        cwd: sh.cwd.clone(),
        user: String::new(),
        stdin: None,
        tty: true,
        interactive: false,
        in_pipe: false,
        fds: Vec::new(),
    };
    let now = sys.now();
    let mut lim = super::Limits::new(now, now + 3_600_000, super::STEP_BUDGET);
    let mut scratch = Output::new();
    let ok = {
        let mut p = Proc {
            sys,
            argv: vec!["python3".into()],
            ctx: &ctx,
            out: &mut scratch,
            lim: &mut lim,
            flavor: super::Flavor::Gnu,
            exe: format!("python{pyver}"),
        };
        run_repl(&mut p, &sh.history.join("\n"), &src, &pyver)
    };
    out.extend(scratch);
    if ok {
        sh.history.push(src.trim_end().to_string());
    }
    None
}

/// Replays `prev` silently, then runs `new`, echoing an expression's value.
/// Returns whether `new` ran without an exception.
fn run_repl(p: &mut Proc, prev: &str, new: &str, pyver: &str) -> bool {
    let parse = |src: &str| {
        logical_lines(src).and_then(|ls| {
            let mut i = 0;
            parse_block(&ls, &mut i, 0)
        })
    };
    let old = parse(prev).unwrap_or_default();
    let stmts = match parse(new) {
        Ok(s) => s,
        Err((_, msg)) => {
            p.out.errln(format!(
                "  File \"<stdin>\", line 1\n    {}\n    ^\nSyntaxError: {msg}",
                new.lines().next().unwrap_or("").trim()
            ));
            return false;
        }
    };
    let mut it = Interp {
        p,
        globals: BTreeMap::new(),
        locals: Vec::new(),
        script: "<stdin>".into(),
        src_lines: new.lines().map(String::from).collect(),
        buffered: false,
        buf: String::new(),
        line: 0,
        frames: Vec::new(),
        routes: Vec::new(),
        serving: false,
        pyver: pyver.to_string(),
        rng: 0x2545_F491_4F6C_DD1D,
    };
    it.globals.insert(
        "__argv".into(),
        V::List(Rc::new(RefCell::new(vec![V::Str(String::new())]))),
    );
    for s in &old {
        let _ = it.stmt(s);
    }
    it.p.out.chunks.clear();
    let mut ok = true;
    for s in &stmts {
        let r = match s {
            Stmt::Expr(_, e) => match it.eval(e) {
                Ok(V::None) => Ok(()),
                Ok(v) => {
                    let text = format!("{}\n", v.repr());
                    it.write(&text);
                    Ok(())
                }
                Err(c) => Err(c),
            },
            s => it.stmt(s),
        };
        match r {
            Ok(()) => {}
            Err(Ctl::Err(e)) => {
                let msg = if e.msg.is_empty() {
                    e.kind.clone()
                } else {
                    format!("{}: {}", e.kind, e.msg)
                };
                it.p.out.errln(format!(
                    "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n{msg}"
                ));
                ok = false;
                break;
            }
            Err(Ctl::Flow(f)) => {
                crate::userland::process::stopped_message(&f, it.p.out);
                ok = false;
                break;
            }
            Err(_) => break,
        }
    }
    ok
}
