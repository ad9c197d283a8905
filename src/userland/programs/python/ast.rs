//! The syntax tree (tokens, expressions, statements) and the interpreter's control signals and exceptions.

use super::*;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    Name(String),
    Num(String),
    Str(String, bool),
    Op(String),
}

#[derive(Clone, Debug)]
pub(super) enum Expr {
    Lit(Lit),
    FStr(Vec<(bool, String)>),
    Name(String),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    Attr(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
    /// `x[lo:hi:step]`.
    Slice(
        Box<Expr>,
        Option<Box<Expr>>,
        Option<Box<Expr>>,
        Option<Box<Expr>>,
    ),
    Call(Box<Expr>, Vec<Expr>, Vec<(String, Expr)>),
    Bin(String, Box<Expr>, Box<Expr>),
    Un(String, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// A comprehension: element (the key for a dict), the value for a
    /// dict, the clauses.
    Comp(Box<Expr>, Option<Box<Expr>>, Vec<Clause>),
    /// `*x` in a call's arguments.
    Star(Box<Expr>),
    Lambda(Rc<FuncDef>),
}

#[derive(Clone, Debug)]
pub(super) enum Lit {
    None,
    Bool(bool),
    Int(i64),
    Big(Rc<BigInt>),
    Float(f64),
    Str(String),
}

#[derive(Debug)]
pub(super) enum Stmt {
    Expr(usize, Expr),
    Assign(usize, Vec<Expr>, Expr),
    Aug(usize, Expr, String, Expr),
    If(usize, Vec<(Expr, Vec<Stmt>)>, Vec<Stmt>),
    /// `while cond:` body, `else:` body.
    While(usize, Expr, Vec<Stmt>, Vec<Stmt>),
    /// `for target in iter:` body, `else:` body.
    For(usize, Expr, Expr, Vec<Stmt>, Vec<Stmt>),
    /// `assert test, msg`.
    Assert(usize, Expr, Option<Expr>),
    /// `del target, …`.
    Del(usize, Vec<Expr>),
    Def(usize, Vec<Expr>, Rc<FuncDef>),
    /// `class Name(Base, …):` body.
    Class(usize, String, Vec<String>, Vec<Stmt>),
    Return(usize, Option<Expr>),
    Import(usize, Vec<(String, String)>),
    From(usize, String, Vec<(String, String)>),
    /// `try`: body, handlers (exception names, alias, body), `else`, `finally`.
    Try(usize, Vec<Stmt>, Vec<Handler>, Vec<Stmt>, Vec<Stmt>),
    With(usize, Expr, Option<String>, Vec<Stmt>),
    Raise(usize, Option<Expr>),
    Break(usize),
    Continue(usize),
    Pass,
    /// `global names` (`nonlocal` is not available).
    Global(Vec<String>),
}

impl Stmt {
    pub(super) fn line(&self) -> usize {
        match self {
            Stmt::Expr(n, _)
            | Stmt::Assign(n, ..)
            | Stmt::Aug(n, ..)
            | Stmt::If(n, ..)
            | Stmt::While(n, ..)
            | Stmt::For(n, ..)
            | Stmt::Assert(n, ..)
            | Stmt::Del(n, ..)
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
            Stmt::Pass | Stmt::Global(_) => 0,
        }
    }
}

/// A Flask route: path, methods, view function.
pub(super) type Route = (String, Vec<String>, V);

/// Positional and keyword arguments of a call.
pub(super) type CallArgs = (Vec<Expr>, Vec<(String, Expr)>);

/// A comprehension's `for target in iter if cond…` clause.
pub(super) type Clause = (Expr, Expr, Vec<Expr>);

/// An `except` clause: the exception names (none: a bare `except:`), the alias, the body.
pub(super) type Handler = (Vec<String>, Option<String>, Vec<Stmt>);

/// A raised exception on its way up the stack.
#[derive(Clone, Debug)]
pub(super) struct PyErr {
    pub(super) kind: String,
    pub(super) msg: String,
    pub(super) line: usize,
    /// The exception's arguments (`SystemExit(3)`, `ValueError("x")`).
    pub(super) args: Vec<V>,
    /// Function frames unwound so far, innermost first: (line, function).
    pub(super) tb: Vec<(usize, String)>,
    /// The line being executed in the frame the exception is leaving.
    pub(super) cur: usize,
}

pub(super) enum Ctl {
    Break,
    Continue,
    Return(V),
    Err(Box<PyErr>),
    Flow(Flow),
}

pub(super) fn err(kind: &str, msg: impl Into<String>) -> Ctl {
    Ctl::Err(Box::new(PyErr {
        kind: kind.into(),
        msg: msg.into(),
        line: 0,
        args: Vec::new(),
        tb: Vec::new(),
        cur: 0,
    }))
}
