//! The awk program tree.

/// An expression.
#[derive(Clone, Debug)]
pub enum Expr {
    Num(f64),
    Str(String),
    /// `/re/` alone: matches `$0`.
    Regex(String),
    Var(String),
    Field(Box<Expr>),
    Index(String, Vec<Expr>),
    /// `(k1, k2) in a` / `k in a`.
    In(Vec<Expr>, String),
    Assign(Box<Expr>, Option<&'static str>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// `~` (false) / `!~` (true).
    Match(bool, Box<Expr>, Box<Expr>),
    Binary(&'static str, Box<Expr>, Box<Expr>),
    Cmp(&'static str, Box<Expr>, Box<Expr>),
    Concat(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Plus(Box<Expr>),
    /// `++x` / `--x` (pre) and `x++` / `x--` (post): (lvalue, delta, post).
    Incr(Box<Expr>, f64, bool),
    Builtin(String, Vec<Expr>),
    Call(String, Vec<Expr>),
    /// `getline [var] [< file]`, `cmd | getline [var]`.
    Getline(GetlineSrc, Option<Box<Expr>>),
    /// A parenthesised list (only valid before `in` or as print arguments).
    Group(Vec<Expr>),
}

/// Where `getline` reads.
#[derive(Clone, Debug)]
pub enum GetlineSrc {
    Main,
    File(Box<Expr>),
    Cmd(Box<Expr>),
}

/// Where `print`/`printf` write.
#[derive(Clone, Debug)]
pub enum Dest {
    Stdout,
    File(Expr),
    Append(Expr),
    Pipe(Expr),
}

/// A statement.
#[derive(Clone, Debug)]
pub enum Stmt {
    Expr(Expr),
    Print(Vec<Expr>, Dest),
    Printf(Vec<Expr>, Dest),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    Do(Box<Stmt>, Expr),
    For(Option<Expr>, Option<Expr>, Option<Expr>, Box<Stmt>),
    ForIn(String, String, Box<Stmt>),
    Block(Vec<Stmt>),
    Next,
    NextFile,
    Exit(Option<Expr>),
    Return(Option<Expr>),
    Break,
    Continue,
    Delete(String, Option<Vec<Expr>>),
}

/// When a rule runs.
#[derive(Clone, Debug)]
pub enum Pattern {
    Begin,
    End,
    All,
    Expr(Expr),
    Range(Expr, Expr),
}

/// `pattern { action }`; no action means `{ print }`.
#[derive(Clone, Debug)]
pub struct Rule {
    pub pattern: Pattern,
    pub action: Option<Vec<Stmt>>,
}

/// `function name(params) { body }`.
#[derive(Clone, Debug)]
pub struct Func {
    pub name: String,
    pub params: Vec<String>,
    pub body: Vec<Stmt>,
}

/// A whole program.
#[derive(Clone, Debug, Default)]
pub struct Program {
    pub rules: Vec<Rule>,
    pub funcs: Vec<Func>,
}
