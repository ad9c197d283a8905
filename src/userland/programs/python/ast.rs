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
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    Call(Box<Expr>, Vec<Expr>, Vec<(String, Expr)>),
    Bin(String, Box<Expr>, Box<Expr>),
    Un(String, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Comp(Box<Expr>, String, Box<Expr>, Option<Box<Expr>>),
}

#[derive(Clone, Debug)]
pub(super) enum Lit {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

#[derive(Debug)]
pub(super) enum Stmt {
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
    pub(super) fn line(&self) -> usize {
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
pub(super) type Route = (String, Vec<String>, V);

/// Positional and keyword arguments of a call.
pub(super) type CallArgs = (Vec<Expr>, Vec<(String, Expr)>);

pub(super) struct PyErr {
    pub(super) kind: String,
    pub(super) msg: String,
    pub(super) line: usize,
}

pub(super) enum Ctl {
    Break,
    Continue,
    Return(V),
    Err(PyErr),
    Exit(i32),
    Flow(Flow),
}

pub(super) fn err(kind: &str, msg: impl Into<String>) -> Ctl {
    Ctl::Err(PyErr {
        kind: kind.into(),
        msg: msg.into(),
        line: 0,
    })
}
