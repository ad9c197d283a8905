//! The awk parser: POSIX awk's grammar by recursive descent, with the
//! usual precedence (assignment, `?:`, `||`, `&&`, `in`, `~`, relational,
//! concatenation, additive, multiplicative, unary, `^`, `++`/`--`, `$`).

use super::ast::*;
use super::lexer::Tok;

/// A syntax error: line and message (without the program name).
pub type SyntaxError = (usize, String);

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    /// In a `print` argument list outside parentheses: `>` redirects.
    no_gt: bool,
    /// In a `for (…;` header's first part: `in` is not an operator.
    no_in: bool,
    depth: u32,
}

const MAX_DEPTH: u32 = 200;

/// Parses a whole program.
pub fn parse(toks: Vec<(Tok, usize)>) -> Result<Program, SyntaxError> {
    let mut p = Parser {
        toks,
        pos: 0,
        no_gt: false,
        no_in: false,
        depth: 0,
    };
    let mut prog = Program::default();
    loop {
        p.skip_terms();
        if p.peek() == &Tok::Eof {
            break;
        }
        match p.peek().clone() {
            Tok::Keyword("function") => {
                p.next();
                let name = match p.next() {
                    Tok::Name(n) | Tok::Call(n) => n,
                    _ => return Err(p.error_prev()),
                };
                p.expect("(")?;
                let mut params = Vec::new();
                while p.peek() != &Tok::Op(")") {
                    match p.next() {
                        Tok::Name(n) => params.push(n),
                        _ => return Err(p.error_prev()),
                    }
                    if p.peek() == &Tok::Op(",") {
                        p.next();
                        p.skip_newlines();
                    }
                }
                p.expect(")")?;
                p.skip_newlines();
                let body = p.block()?;
                prog.funcs.push(Func { name, params, body });
            }
            Tok::Keyword(k @ ("BEGIN" | "END")) => {
                p.next();
                p.skip_newlines();
                let body = p.block()?;
                prog.rules.push(Rule {
                    pattern: if k == "BEGIN" {
                        Pattern::Begin
                    } else {
                        Pattern::End
                    },
                    action: Some(body),
                });
            }
            Tok::Op("{") => {
                let body = p.block()?;
                prog.rules.push(Rule {
                    pattern: Pattern::All,
                    action: Some(body),
                });
            }
            _ => {
                let a = p.expr()?;
                let pattern = if p.peek() == &Tok::Op(",") {
                    p.next();
                    p.skip_newlines();
                    Pattern::Range(a, p.expr()?)
                } else {
                    Pattern::Expr(a)
                };
                let action = if p.peek() == &Tok::Op("{") {
                    Some(p.block()?)
                } else {
                    None
                };
                if action.is_none() && !matches!(p.peek(), Tok::Newline | Tok::Op(";") | Tok::Eof) {
                    return Err(p.error_here());
                }
                prog.rules.push(Rule { pattern, action });
            }
        }
    }
    Ok(prog)
}

fn tok_text(t: &Tok) -> String {
    match t {
        Tok::Num(n) => super::value::num_to_string(*n, "%.6g", false),
        Tok::Str(s) => format!("\"{s}\""),
        Tok::Regex(r) => format!("/{r}/"),
        Tok::Name(n) | Tok::Call(n) | Tok::Builtin(n) => n.clone(),
        Tok::Keyword(k) => k.to_string(),
        Tok::Op(o) => o.to_string(),
        Tok::Newline => "end of line".into(),
        Tok::Eof => "end of file".into(),
    }
}

fn is_lvalue(e: &Expr) -> bool {
    matches!(e, Expr::Var(_) | Expr::Field(_) | Expr::Index(..))
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)].0
    }
    fn peek_at(&self, k: usize) -> &Tok {
        &self.toks[(self.pos + k).min(self.toks.len() - 1)].0
    }
    fn line(&self) -> usize {
        self.toks[self.pos.min(self.toks.len() - 1)].1
    }
    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }
    fn error_here(&self) -> SyntaxError {
        if self.peek() == &Tok::Eof {
            let opens = self.toks.iter().filter(|t| t.0 == Tok::Op("{")).count();
            let closes = self.toks.iter().filter(|t| t.0 == Tok::Op("}")).count();
            if opens > closes {
                return (self.line(), "missing } near end of file".into());
            }
        }
        (
            self.line(),
            format!("syntax error at or near {}", tok_text(self.peek())),
        )
    }
    fn error_prev(&mut self) -> SyntaxError {
        self.pos = self.pos.saturating_sub(1);
        self.error_here()
    }
    fn expect(&mut self, op: &'static str) -> Result<(), SyntaxError> {
        if self.peek() == &Tok::Op(op) {
            self.next();
            Ok(())
        } else {
            Err(self.error_here())
        }
    }
    fn skip_newlines(&mut self) {
        while self.peek() == &Tok::Newline {
            self.next();
        }
    }
    fn skip_terms(&mut self) {
        while matches!(self.peek(), Tok::Newline | Tok::Op(";")) {
            self.next();
        }
    }

    fn block(&mut self) -> Result<Vec<Stmt>, SyntaxError> {
        self.expect("{")?;
        let mut v = Vec::new();
        loop {
            self.skip_terms();
            if self.peek() == &Tok::Op("}") {
                self.next();
                return Ok(v);
            }
            if self.peek() == &Tok::Eof {
                return Err(self.error_here());
            }
            v.push(self.stmt()?);
        }
    }

    /// Ends a simple statement: `;`, newline, or before `}`.
    fn end_simple(&mut self) -> Result<(), SyntaxError> {
        match self.peek() {
            Tok::Op(";") | Tok::Newline => {
                self.next();
                Ok(())
            }
            Tok::Op("}") | Tok::Eof => Ok(()),
            _ => Err(self.error_here()),
        }
    }

    fn body(&mut self) -> Result<Stmt, SyntaxError> {
        self.skip_newlines();
        if self.peek() == &Tok::Op(";") {
            self.next();
            return Ok(Stmt::Block(Vec::new()));
        }
        self.stmt()
    }

    fn stmt(&mut self) -> Result<Stmt, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err((self.line(), "program too deeply nested".into()));
        }
        let r = self.stmt_inner();
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self) -> Result<Stmt, SyntaxError> {
        match self.peek().clone() {
            Tok::Op("{") => Ok(Stmt::Block(self.block()?)),
            Tok::Op(";") => {
                self.next();
                Ok(Stmt::Block(Vec::new()))
            }
            Tok::Keyword("if") => {
                self.next();
                self.expect("(")?;
                let c = self.expr()?;
                self.expect(")")?;
                let then = self.body()?;
                let save = self.pos;
                self.skip_terms();
                if self.peek() == &Tok::Keyword("else") {
                    self.next();
                    let e = self.body()?;
                    Ok(Stmt::If(c, Box::new(then), Some(Box::new(e))))
                } else {
                    self.pos = save;
                    Ok(Stmt::If(c, Box::new(then), None))
                }
            }
            Tok::Keyword("while") => {
                self.next();
                self.expect("(")?;
                let c = self.expr()?;
                self.expect(")")?;
                if self.peek() == &Tok::Op(";") {
                    self.next();
                    return Ok(Stmt::While(c, Box::new(Stmt::Block(Vec::new()))));
                }
                Ok(Stmt::While(c, Box::new(self.body()?)))
            }
            Tok::Keyword("do") => {
                self.next();
                let b = self.body()?;
                self.skip_terms();
                if self.next() != Tok::Keyword("while") {
                    return Err(self.error_prev());
                }
                self.expect("(")?;
                let c = self.expr()?;
                self.expect(")")?;
                self.end_simple()?;
                Ok(Stmt::Do(Box::new(b), c))
            }
            Tok::Keyword("for") => {
                self.next();
                self.expect("(")?;
                if let (Tok::Name(k), Tok::Keyword("in"), Tok::Name(a), Tok::Op(")")) = (
                    self.peek().clone(),
                    self.peek_at(1).clone(),
                    self.peek_at(2).clone(),
                    self.peek_at(3).clone(),
                ) {
                    self.pos += 4;
                    return Ok(Stmt::ForIn(k, a, Box::new(self.body()?)));
                }
                let init = if self.peek() == &Tok::Op(";") {
                    None
                } else {
                    let save = self.no_in;
                    self.no_in = true;
                    let e = self.expr();
                    self.no_in = save;
                    Some(e?)
                };
                self.expect(";")?;
                self.skip_newlines();
                let cond = if self.peek() == &Tok::Op(";") {
                    None
                } else {
                    Some(self.expr()?)
                };
                self.expect(";")?;
                self.skip_newlines();
                let incr = if self.peek() == &Tok::Op(")") {
                    None
                } else {
                    Some(self.expr()?)
                };
                self.expect(")")?;
                if self.peek() == &Tok::Op(";") {
                    self.next();
                    return Ok(Stmt::For(init, cond, incr, Box::new(Stmt::Block(vec![]))));
                }
                Ok(Stmt::For(init, cond, incr, Box::new(self.body()?)))
            }
            Tok::Keyword(k @ ("break" | "continue" | "next" | "nextfile")) => {
                self.next();
                self.end_simple()?;
                Ok(match k {
                    "break" => Stmt::Break,
                    "continue" => Stmt::Continue,
                    "next" => Stmt::Next,
                    _ => Stmt::NextFile,
                })
            }
            Tok::Keyword(k @ ("exit" | "return")) => {
                self.next();
                let e = if matches!(self.peek(), Tok::Op(";" | "}") | Tok::Newline | Tok::Eof) {
                    None
                } else {
                    Some(self.expr()?)
                };
                self.end_simple()?;
                Ok(if k == "exit" {
                    Stmt::Exit(e)
                } else {
                    Stmt::Return(e)
                })
            }
            Tok::Keyword("delete") => {
                self.next();
                let Tok::Name(n) = self.next() else {
                    return Err(self.error_prev());
                };
                let idx = if self.peek() == &Tok::Op("[") {
                    self.next();
                    let l = self.expr_list()?;
                    self.expect("]")?;
                    Some(l)
                } else {
                    None
                };
                self.end_simple()?;
                Ok(Stmt::Delete(n, idx))
            }
            Tok::Keyword(k @ ("print" | "printf")) => {
                self.next();
                let save = self.no_gt;
                self.no_gt = true;
                let args = if matches!(
                    self.peek(),
                    Tok::Op(";" | "}" | ">" | ">>" | "|") | Tok::Newline | Tok::Eof
                ) {
                    Ok(Vec::new())
                } else {
                    self.expr_list()
                };
                self.no_gt = save;
                let mut args = args?;
                if args.len() == 1 {
                    if let Expr::Group(items) = &args[0] {
                        args = items.clone();
                    }
                }
                let dest = match self.peek() {
                    Tok::Op(">") => {
                        self.next();
                        Dest::File(self.concat_no_gt()?)
                    }
                    Tok::Op(">>") => {
                        self.next();
                        Dest::Append(self.concat_no_gt()?)
                    }
                    Tok::Op("|") => {
                        self.next();
                        Dest::Pipe(self.concat_no_gt()?)
                    }
                    _ => Dest::Stdout,
                };
                self.end_simple()?;
                if k == "print" {
                    Ok(Stmt::Print(args, dest))
                } else {
                    if args.is_empty() {
                        return Err(self.error_here());
                    }
                    Ok(Stmt::Printf(args, dest))
                }
            }
            _ => {
                let e = self.expr()?;
                self.end_simple()?;
                Ok(Stmt::Expr(e))
            }
        }
    }

    fn concat_no_gt(&mut self) -> Result<Expr, SyntaxError> {
        let save = self.no_gt;
        self.no_gt = true;
        let r = self.concat();
        self.no_gt = save;
        r
    }

    fn expr_list(&mut self) -> Result<Vec<Expr>, SyntaxError> {
        let mut v = vec![self.expr()?];
        while self.peek() == &Tok::Op(",") {
            self.next();
            self.skip_newlines();
            v.push(self.expr()?);
        }
        Ok(v)
    }

    pub fn expr(&mut self) -> Result<Expr, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err((self.line(), "expression too deeply nested".into()));
        }
        let r = self.assignment();
        self.depth -= 1;
        r
    }

    fn assignment(&mut self) -> Result<Expr, SyntaxError> {
        let lhs = self.ternary()?;
        let op = match self.peek() {
            Tok::Op("=") => None,
            Tok::Op("+=") => Some("+"),
            Tok::Op("-=") => Some("-"),
            Tok::Op("*=") => Some("*"),
            Tok::Op("/=") => Some("/"),
            Tok::Op("%=") => Some("%"),
            Tok::Op("^=") | Tok::Op("**=") => Some("^"),
            _ => return Ok(lhs),
        };
        if !is_lvalue(&lhs) {
            return Ok(lhs);
        }
        self.next();
        self.skip_newlines();
        let rhs = self.expr()?;
        Ok(Expr::Assign(Box::new(lhs), op, Box::new(rhs)))
    }

    fn ternary(&mut self) -> Result<Expr, SyntaxError> {
        let c = self.or()?;
        if self.peek() != &Tok::Op("?") {
            return Ok(c);
        }
        self.next();
        self.skip_newlines();
        let a = self.expr()?;
        self.skip_newlines();
        self.expect(":")?;
        self.skip_newlines();
        let b = self.expr()?;
        Ok(Expr::Cond(Box::new(c), Box::new(a), Box::new(b)))
    }

    fn or(&mut self) -> Result<Expr, SyntaxError> {
        let mut l = self.and()?;
        while self.peek() == &Tok::Op("||") {
            self.next();
            self.skip_newlines();
            let r = self.and()?;
            l = Expr::Or(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn and(&mut self) -> Result<Expr, SyntaxError> {
        let mut l = self.in_expr()?;
        while self.peek() == &Tok::Op("&&") {
            self.next();
            self.skip_newlines();
            let r = self.in_expr()?;
            l = Expr::And(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn in_expr(&mut self) -> Result<Expr, SyntaxError> {
        let mut l = self.match_expr()?;
        while !self.no_in && self.peek() == &Tok::Keyword("in") {
            self.next();
            let Tok::Name(a) = self.next() else {
                return Err(self.error_prev());
            };
            let keys = match l {
                Expr::Group(v) => v,
                e => vec![e],
            };
            l = Expr::In(keys, a);
        }
        Ok(l)
    }

    fn match_expr(&mut self) -> Result<Expr, SyntaxError> {
        let mut l = self.cmp()?;
        loop {
            let neg = match self.peek() {
                Tok::Op("~") => false,
                Tok::Op("!~") => true,
                _ => return Ok(l),
            };
            self.next();
            let r = self.cmp()?;
            l = Expr::Match(neg, Box::new(l), Box::new(r));
        }
    }

    fn cmp(&mut self) -> Result<Expr, SyntaxError> {
        let mut l = self.concat()?;
        loop {
            let op = match self.peek() {
                Tok::Op(o @ ("<" | "<=" | "!=" | "==" | ">=")) => *o,
                Tok::Op(">") if !self.no_gt => ">",
                Tok::Op("|") if self.peek_at(1) == &Tok::Keyword("getline") => {
                    self.next();
                    self.next();
                    let var = self.getline_var()?;
                    l = Expr::Getline(GetlineSrc::Cmd(Box::new(l)), var);
                    continue;
                }
                _ => return Ok(l),
            };
            self.next();
            let r = self.concat()?;
            l = Expr::Cmp(op, Box::new(l), Box::new(r));
        }
    }

    fn starts_operand(&self) -> bool {
        match self.peek() {
            Tok::Num(_) | Tok::Str(_) | Tok::Regex(_) | Tok::Name(_) | Tok::Call(_) => true,
            Tok::Builtin(_) => true,
            Tok::Op("$" | "(" | "!" | "-" | "+" | "++" | "--") => true,
            Tok::Keyword("in") => false,
            _ => false,
        }
    }

    fn concat(&mut self) -> Result<Expr, SyntaxError> {
        let mut l = self.additive()?;
        while self.starts_operand() && !matches!(self.peek(), Tok::Op("!" | "-" | "+")) {
            // `a ++b` and `a --b` concatenate a pre-increment.
            let r = self.additive()?;
            l = Expr::Concat(Box::new(l), Box::new(r));
        }
        Ok(l)
    }

    fn additive(&mut self) -> Result<Expr, SyntaxError> {
        let mut l = self.mul()?;
        loop {
            let op = match self.peek() {
                Tok::Op(o @ ("+" | "-")) => *o,
                _ => return Ok(l),
            };
            self.next();
            let r = self.mul()?;
            l = Expr::Binary(op, Box::new(l), Box::new(r));
        }
    }

    fn mul(&mut self) -> Result<Expr, SyntaxError> {
        let mut l = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Op(o @ ("*" | "/" | "%")) => *o,
                _ => return Ok(l),
            };
            self.next();
            let r = self.unary()?;
            l = Expr::Binary(op, Box::new(l), Box::new(r));
        }
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err((self.line(), "expression too deeply nested".into()));
        }
        let r = match self.peek() {
            Tok::Op("!") => {
                self.next();
                self.unary().map(|e| Expr::Not(Box::new(e)))
            }
            Tok::Op("-") => {
                self.next();
                self.unary().map(|e| Expr::Neg(Box::new(e)))
            }
            Tok::Op("+") => {
                self.next();
                self.unary().map(|e| Expr::Plus(Box::new(e)))
            }
            _ => self.pow(),
        };
        self.depth -= 1;
        r
    }

    fn pow(&mut self) -> Result<Expr, SyntaxError> {
        let base = self.postfix()?;
        if matches!(self.peek(), Tok::Op("^" | "**")) {
            self.next();
            let e = self.unary_pow()?;
            return Ok(Expr::Binary("^", Box::new(base), Box::new(e)));
        }
        Ok(base)
    }

    /// The exponent: `-` and `!` allowed, right associative.
    fn unary_pow(&mut self) -> Result<Expr, SyntaxError> {
        match self.peek() {
            Tok::Op("-") => {
                self.next();
                self.unary_pow().map(|e| Expr::Neg(Box::new(e)))
            }
            Tok::Op("+") => {
                self.next();
                self.unary_pow()
            }
            _ => self.pow(),
        }
    }

    fn postfix(&mut self) -> Result<Expr, SyntaxError> {
        let e = self.primary()?;
        if is_lvalue(&e) {
            match self.peek() {
                Tok::Op("++") => {
                    self.next();
                    return Ok(Expr::Incr(Box::new(e), 1.0, true));
                }
                Tok::Op("--") => {
                    self.next();
                    return Ok(Expr::Incr(Box::new(e), -1.0, true));
                }
                _ => {}
            }
        }
        Ok(e)
    }

    fn getline_var(&mut self) -> Result<Option<Box<Expr>>, SyntaxError> {
        match self.peek() {
            Tok::Name(_) | Tok::Op("$") => {
                let e = self.primary()?;
                Ok(Some(Box::new(e)))
            }
            _ => Ok(None),
        }
    }

    fn primary(&mut self) -> Result<Expr, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err((self.line(), "expression too deeply nested".into()));
        }
        let r = self.primary_inner();
        self.depth -= 1;
        r
    }

    fn primary_inner(&mut self) -> Result<Expr, SyntaxError> {
        match self.next() {
            Tok::Num(n) => Ok(Expr::Num(n)),
            Tok::Str(s) => Ok(Expr::Str(s)),
            Tok::Regex(r) => Ok(Expr::Regex(r)),
            Tok::Op("(") => {
                let (gt, inn) = (self.no_gt, self.no_in);
                self.no_gt = false;
                self.no_in = false;
                let l = self.expr_list();
                self.no_gt = gt;
                self.no_in = inn;
                let mut l = l?;
                self.skip_newlines();
                self.expect(")")?;
                Ok(if l.len() == 1 {
                    l.remove(0)
                } else {
                    Expr::Group(l)
                })
            }
            Tok::Op("$") => {
                let e = match self.peek() {
                    Tok::Op("++" | "--" | "-" | "!" | "+") => self.unary()?,
                    _ => self.primary()?,
                };
                Ok(Expr::Field(Box::new(e)))
            }
            Tok::Op(o @ ("++" | "--")) => {
                let e = self.primary()?;
                if !is_lvalue(&e) {
                    return Err(self.error_prev());
                }
                Ok(Expr::Incr(
                    Box::new(e),
                    if o == "++" { 1.0 } else { -1.0 },
                    false,
                ))
            }
            Tok::Op("-") => self.unary().map(|e| Expr::Neg(Box::new(e))),
            Tok::Op("!") => self.unary().map(|e| Expr::Not(Box::new(e))),
            Tok::Name(n) => {
                if self.peek() == &Tok::Op("[") {
                    self.next();
                    let l = self.expr_list()?;
                    self.expect("]")?;
                    Ok(Expr::Index(n, l))
                } else {
                    Ok(Expr::Var(n))
                }
            }
            Tok::Call(n) => {
                self.expect("(")?;
                let args = if self.peek() == &Tok::Op(")") {
                    Vec::new()
                } else {
                    self.expr_list()?
                };
                self.skip_newlines();
                self.expect(")")?;
                Ok(Expr::Call(n, args))
            }
            Tok::Builtin(b) => {
                if self.peek() != &Tok::Op("(") {
                    if b == "length" {
                        return Ok(Expr::Builtin(b, Vec::new()));
                    }
                    return Err(self.error_here());
                }
                self.next();
                let (gt, inn) = (self.no_gt, self.no_in);
                self.no_gt = false;
                self.no_in = false;
                let args = if self.peek() == &Tok::Op(")") {
                    Ok(Vec::new())
                } else {
                    self.expr_list()
                };
                self.no_gt = gt;
                self.no_in = inn;
                let args = args?;
                self.skip_newlines();
                self.expect(")")?;
                Ok(Expr::Builtin(b, args))
            }
            Tok::Keyword("getline") => {
                let var = self.getline_var()?;
                if self.peek() == &Tok::Op("<") {
                    self.next();
                    let f = self.primary()?;
                    return Ok(Expr::Getline(GetlineSrc::File(Box::new(f)), var));
                }
                Ok(Expr::Getline(GetlineSrc::Main, var))
            }
            _ => Err(self.error_prev()),
        }
    }
}
