//! Parses tokens into expressions, by precedence: conditional, `or`, `and`,
//! `not`, comparisons, bitwise, arithmetic, unary, postfix, atoms; with a
//! bound on nesting.

use super::*;

pub(super) struct P<'a> {
    pub(super) t: &'a [Tok],
    pub(super) i: usize,
    /// Nesting of expressions being parsed, bounded by [`MAX_NESTING`].
    pub(super) depth: usize,
}

/// How deeply expressions may nest (the tokenizer allows 200 brackets).
const MAX_NESTING: usize = 600;

/// The parse error CPython gives for expressions nested too deeply.
pub(super) const TOO_DEEP: &str =
    "RecursionError: maximum recursion depth exceeded during compilation";

impl P<'_> {
    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_NESTING || super::stack::exhausted() {
            return Err(TOO_DEEP.into());
        }
        Ok(())
    }
}

impl P<'_> {
    pub(super) fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }
    pub(super) fn is_op(&self, o: &str) -> bool {
        matches!(self.peek(), Some(Tok::Op(x)) if x == o)
    }
    pub(super) fn is_kw(&self, k: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(x)) if x == k)
    }
    pub(super) fn eat_op(&mut self, o: &str) -> bool {
        if self.is_op(o) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    pub(super) fn expect(&mut self, o: &str) -> Result<(), String> {
        if self.eat_op(o) {
            Ok(())
        } else {
            Err("invalid syntax".into())
        }
    }
    pub(super) fn name(&mut self) -> Result<String, String> {
        match self.peek() {
            Some(Tok::Name(n)) => {
                let n = n.clone();
                self.i += 1;
                Ok(n)
            }
            _ => Err("invalid syntax".into()),
        }
    }
    pub(super) fn exprs(&mut self) -> Result<Expr, String> {
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
    pub(super) fn expr(&mut self) -> Result<Expr, String> {
        self.enter()?;
        let r = self.expr_inner();
        self.depth -= 1;
        r
    }
    fn expr_inner(&mut self) -> Result<Expr, String> {
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
    pub(super) fn or(&mut self) -> Result<Expr, String> {
        let mut l = self.and()?;
        while self.is_kw("or") {
            self.i += 1;
            l = Expr::Bin("or".into(), Box::new(l), Box::new(self.and()?));
        }
        Ok(l)
    }
    pub(super) fn and(&mut self) -> Result<Expr, String> {
        let mut l = self.not()?;
        while self.is_kw("and") {
            self.i += 1;
            l = Expr::Bin("and".into(), Box::new(l), Box::new(self.not()?));
        }
        Ok(l)
    }
    pub(super) fn not(&mut self) -> Result<Expr, String> {
        self.enter()?;
        let r = self.not_inner();
        self.depth -= 1;
        r
    }
    fn not_inner(&mut self) -> Result<Expr, String> {
        if self.is_kw("not") {
            self.i += 1;
            return Ok(Expr::Un("not".into(), Box::new(self.not()?)));
        }
        self.cmp()
    }
    fn cmp_op(&mut self) -> Option<String> {
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
            _ => return None,
        };
        self.i += 1;
        Some(op)
    }
    /// Comparisons, chained as Python does: `a < b < c` is `a < b and b < c`.
    pub(super) fn cmp(&mut self) -> Result<Expr, String> {
        let mut l = self.bor()?;
        let mut chain: Option<Expr> = None;
        while let Some(op) = self.cmp_op() {
            let r = self.bor()?;
            let c = Expr::Bin(op, Box::new(l), Box::new(r.clone()));
            chain = Some(match chain {
                None => c,
                Some(prev) => Expr::Bin("and".into(), Box::new(prev), Box::new(c)),
            });
            l = r;
        }
        Ok(chain.unwrap_or(l))
    }
    /// A left-associative level of binary operators `ops` over `next`.
    fn binary(
        &mut self,
        ops: &[&str],
        next: fn(&mut Self) -> Result<Expr, String>,
    ) -> Result<Expr, String> {
        let mut l = next(self)?;
        loop {
            let o = match self.peek() {
                Some(Tok::Op(o)) if ops.contains(&o.as_str()) => o.clone(),
                _ => return Ok(l),
            };
            self.i += 1;
            l = Expr::Bin(o, Box::new(l), Box::new(next(self)?));
        }
    }
    fn bor(&mut self) -> Result<Expr, String> {
        self.binary(&["|"], Self::bxor)
    }
    fn bxor(&mut self) -> Result<Expr, String> {
        self.binary(&["^"], Self::band)
    }
    fn band(&mut self) -> Result<Expr, String> {
        self.binary(&["&"], Self::shift)
    }
    fn shift(&mut self) -> Result<Expr, String> {
        self.binary(&["<<", ">>"], Self::arith)
    }
    pub(super) fn arith(&mut self) -> Result<Expr, String> {
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
    pub(super) fn term(&mut self) -> Result<Expr, String> {
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
    pub(super) fn unary(&mut self) -> Result<Expr, String> {
        self.enter()?;
        let r = self.unary_inner();
        self.depth -= 1;
        r
    }
    fn unary_inner(&mut self) -> Result<Expr, String> {
        if self.eat_op("-") {
            return Ok(Expr::Un("-".into(), Box::new(self.unary()?)));
        }
        if self.eat_op("~") {
            return Ok(Expr::Un("~".into(), Box::new(self.unary()?)));
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
    pub(super) fn args(&mut self) -> Result<CallArgs, String> {
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
            if self.eat_op("**") {
                kw.push(("**".into(), self.expr()?));
                if !self.eat_op(",") {
                    break;
                }
                continue;
            }
            if self.eat_op("*") {
                a.push(Expr::Star(Box::new(self.expr()?)));
                if !self.eat_op(",") {
                    break;
                }
                continue;
            }
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
    /// The `for … in … if …` clauses after a comprehension's element.
    fn clauses(&mut self) -> Result<Vec<Clause>, String> {
        let mut v = Vec::new();
        while self.is_kw("for") {
            self.i += 1;
            let first = self.bor()?;
            let target = if self.is_op(",") {
                let mut t = vec![first];
                while self.eat_op(",") {
                    if self.is_kw("in") {
                        break;
                    }
                    t.push(self.bor()?);
                }
                Expr::Tuple(t)
            } else {
                first
            };
            if !self.is_kw("in") {
                return Err("invalid syntax".into());
            }
            self.i += 1;
            let it = self.or()?;
            let mut conds = Vec::new();
            while self.is_kw("if") {
                self.i += 1;
                conds.push(self.or()?);
            }
            v.push((target, it, conds));
        }
        Ok(v)
    }
    pub(super) fn comp_tail(&mut self, e: Expr) -> Result<Expr, String> {
        let c = self.clauses()?;
        Ok(Expr::Comp(Box::new(e), None, c))
    }
    fn slice_part(&mut self) -> Result<Option<Box<Expr>>, String> {
        if self.is_op(":") || self.is_op("]") {
            Ok(None)
        } else {
            Ok(Some(Box::new(self.expr()?)))
        }
    }
    /// `lambda params: expr` (after the keyword).
    fn lambda(&mut self) -> Result<Expr, String> {
        let mut params = Vec::new();
        while !self.is_op(":") {
            let stars = if self.eat_op("**") {
                "**"
            } else if self.eat_op("*") {
                "*"
            } else {
                ""
            };
            let n = format!("{stars}{}", self.name()?);
            let d = if self.eat_op("=") {
                Some(self.expr()?)
            } else {
                None
            };
            params.push((n, d));
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect(":")?;
        let body = self.expr()?;
        Ok(Expr::Lambda(Rc::new(FuncDef {
            name: "<lambda>".into(),
            params,
            body: vec![Stmt::Return(0, Some(body))],
        })))
    }
    pub(super) fn postfix(&mut self) -> Result<Expr, String> {
        if self.t.get(self.i + 1) == Some(&Tok::Op(":=".into())) {
            return Err("assignment expressions (:=) are not available in this sandbox".into());
        }
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
                    let hi = self.slice_part()?;
                    let step = if self.eat_op(":") {
                        self.slice_part()?
                    } else {
                        None
                    };
                    self.expect("]")?;
                    e = Expr::Slice(Box::new(e), lo, hi, step);
                } else if self.is_op(",") {
                    let mut v = vec![*lo.ok_or("invalid syntax")?];
                    while self.eat_op(",") {
                        if self.is_op("]") {
                            break;
                        }
                        v.push(self.expr()?);
                    }
                    self.expect("]")?;
                    e = Expr::Index(Box::new(e), Box::new(Expr::Tuple(v)));
                } else {
                    self.expect("]")?;
                    e = Expr::Index(Box::new(e), lo.ok_or("invalid syntax")?);
                }
            } else {
                return Ok(e);
            }
        }
    }
    pub(super) fn atom(&mut self) -> Result<Expr, String> {
        let t = self.peek().cloned().ok_or("invalid syntax")?;
        self.i += 1;
        Ok(match t {
            Tok::Num(n) => {
                let lower_n = n.to_ascii_lowercase();
                if !lower_n.starts_with("0x") && (n.contains('.') || lower_n.contains('e')) {
                    Expr::Lit(Lit::Float(
                        n.parse().map_err(|_| "invalid decimal literal")?,
                    ))
                } else {
                    let lower = n.to_ascii_lowercase();
                    let (digits, radix, what) = match lower.get(..2) {
                        Some("0x") => (&lower[2..], 16, "hexadecimal"),
                        Some("0o") => (&lower[2..], 8, "octal"),
                        Some("0b") => (&lower[2..], 2, "binary"),
                        _ => (lower.as_str(), 10, "decimal"),
                    };
                    let bad = || format!("invalid {what} literal");
                    if radix == 10
                        && digits.len() > 1
                        && digits.starts_with('0')
                        && digits.chars().any(|c| c != '0')
                    {
                        return Err("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".into());
                    }
                    match i64::from_str_radix(digits, radix) {
                        Ok(i) => Expr::Lit(Lit::Int(i)),
                        Err(_) => match BigInt::parse_radix(digits, radix) {
                            Some(b) => Expr::Lit(Lit::Big(Rc::new(b))),
                            None => return Err(bad()),
                        },
                    }
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
                "lambda" => return self.lambda(),
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
                    if !self.is_op(":") {
                        return Err(
                            "set displays are not available in this sandbox (use a list or a dict)"
                                .into(),
                        );
                    }
                    self.expect(":")?;
                    let val = self.expr()?;
                    if v.is_empty() && self.is_kw("for") {
                        let c = self.clauses()?;
                        self.expect("}")?;
                        return Ok(Expr::Comp(Box::new(k), Some(Box::new(val)), c));
                    }
                    v.push((k, val));
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.expect("}")?;
                Expr::Dict(v)
            }
            Tok::Op(o) if o == "..." => Expr::Name("Ellipsis".into()),
            _ => return Err("invalid syntax".into()),
        })
    }
}
