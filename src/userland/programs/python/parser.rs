//! Parses logical lines into statements, and tokens into expressions.

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

pub(super) fn parse_block(
    lines: &[Line],
    i: &mut usize,
    indent: usize,
) -> Result<Vec<Stmt>, (usize, String)> {
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

pub(super) fn body(
    lines: &[Line],
    i: &mut usize,
    header: &Line,
    rest: &[Tok],
) -> Result<Vec<Stmt>, (usize, String)> {
    if !rest.is_empty() {
        // single-line body: `if x: print(x)`
        let tmp: Vec<Line> = split_semicolons(rest.to_vec())
            .into_iter()
            .filter(|t| !t.is_empty())
            .map(|toks| Line {
                no: header.no,
                indent: header.indent + 1,
                toks,
            })
            .collect();
        let mut k = 0;
        let mut v = Vec::new();
        while k < tmp.len() {
            v.push(parse_stmt(&tmp, &mut k)?);
        }
        return Ok(v);
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
pub(super) fn split_colon(toks: &[Tok]) -> Option<(Vec<Tok>, Vec<Tok>)> {
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

pub(super) fn pexpr(toks: &[Tok], no: usize) -> Result<Expr, (usize, String)> {
    let mut p = P {
        t: toks,
        i: 0,
        depth: 0,
    };
    let e = p.exprs().map_err(|e| (no, e))?;
    if p.i < toks.len() {
        return Err((no, "invalid syntax".into()));
    }
    Ok(e)
}

pub(super) fn parse_stmt(lines: &[Line], i: &mut usize) -> Result<Stmt, (usize, String)> {
    let Some(l) = lines.get(*i) else {
        let no = lines.last().map_or(1, |l| l.no);
        return Err((no, "invalid syntax".into()));
    };
    *i += 1;
    let no = l.no;
    let t = &l.toks;
    let Some(first) = t.first() else {
        return Err((no, "invalid syntax".into()));
    };
    let kw = match first {
        Tok::Name(n) => n.as_str(),
        _ => "",
    };
    let header = |t: &[Tok]| split_colon(t).ok_or((no, "expected ':'".to_string()));
    match kw {
        "pass" => return Ok(Stmt::Pass),
        "break" => return Ok(Stmt::Break(no)),
        "continue" => return Ok(Stmt::Continue(no)),
        "global" => {
            let names = t[1..]
                .iter()
                .filter_map(|x| match x {
                    Tok::Name(n) => Some(n.clone()),
                    _ => None,
                })
                .collect();
            return Ok(Stmt::Global(names));
        }
        "nonlocal" => {
            return Err((
                no,
                "nonlocal (closures over enclosing functions) is not available in this sandbox"
                    .into(),
            ))
        }
        "assert" => {
            let mut p = P {
                t: &t[1..],
                i: 0,
                depth: 0,
            };
            let test = p.expr().map_err(|e| (no, e))?;
            let msg = if p.eat_op(",") {
                Some(p.expr().map_err(|e| (no, e))?)
            } else {
                None
            };
            if p.i < p.t.len() {
                return Err((no, "invalid syntax".into()));
            }
            return Ok(Stmt::Assert(no, test, msg));
        }
        "del" => {
            let targets = match pexpr(&t[1..], no)? {
                Expr::Tuple(v) => v,
                e => vec![e],
            };
            return Ok(Stmt::Del(no, targets));
        }
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
            let mut p = P {
                t: &t[1..],
                i: 0,
                depth: 0,
            };
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
            let mut p = P {
                t: &t[1..],
                i: 0,
                depth: 0,
            };
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
            let orelse = else_clause(lines, i, l)?;
            return Ok(Stmt::While(no, pexpr(&c, no)?, b, orelse));
        }
        "for" => {
            let (h, rest) = header(&t[1..])?;
            let pos = h
                .iter()
                .position(|x| *x == Tok::Name("in".into()))
                .ok_or((no, "invalid syntax".to_string()))?;
            let target = pexpr(&h[..pos], no)?;
            let it = pexpr(&h[pos + 1..], no)?;
            let b = body(lines, i, l, &rest)?;
            let orelse = else_clause(lines, i, l)?;
            return Ok(Stmt::For(no, target, it, b, orelse));
        }
        "def" => {
            let (h, rest) = header(&t[1..])?;
            let mut p = P {
                t: &h,
                i: 0,
                depth: 0,
            };
            let name = p.name().map_err(|e| (no, e))?;
            p.expect("(").map_err(|e| (no, e))?;
            let mut params = Vec::new();
            while !p.is_op(")") {
                let stars = if p.eat_op("**") {
                    "**"
                } else if p.eat_op("*") {
                    "*"
                } else {
                    ""
                };
                if stars == "*" && (p.is_op(",") || p.is_op(")")) {
                    params.push(("*".to_string(), None));
                    p.eat_op(",");
                    continue;
                }
                if p.eat_op("/") {
                    p.eat_op(",");
                    continue;
                }
                let n = format!("{stars}{}", p.name().map_err(|e| (no, e))?);
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
            if !p.eat_op(")") || p.i < p.t.len() && !p.is_op("->") {
                return Err((no, "invalid syntax".into()));
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
            let bases = h[1..]
                .iter()
                .filter_map(|x| match x {
                    Tok::Name(n) => Some(n.clone()),
                    _ => None,
                })
                .collect();
            let b = body(lines, i, l, &rest)?;
            return Ok(Stmt::Class(no, name, bases, b));
        }
        "try" => {
            let (_, rest) = header(&t[1..])?;
            let b = body(lines, i, l, &rest)?;
            let mut handlers = Vec::new();
            let mut orelse = Vec::new();
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
                        let end = h
                            .iter()
                            .position(|x| *x == Tok::Name("as".into()))
                            .unwrap_or(h.len());
                        let kind: Vec<String> = h[..end]
                            .iter()
                            .filter_map(|x| match x {
                                Tok::Name(n) => Some(n.clone()),
                                _ => None,
                            })
                            .collect();
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
                        let b = body(lines, i, n, &rest)?;
                        if k == "else" {
                            orelse = b;
                        } else {
                            fin = b;
                        }
                    }
                    _ => break,
                }
            }
            if handlers.is_empty() && fin.is_empty() {
                return Err((no + 1, "expected 'except' or 'finally' block".into()));
            }
            return Ok(Stmt::Try(no, b, handlers, orelse, fin));
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
                "+=" | "-=" | "*=" | "/=" | "%=" | "//=" | "**=" | "<<=" | ">>=" | "&=" | "|="
                | "^="
                    if depth == 0 =>
                {
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

/// The `else:` clause of a loop, if the next line at the loop's indent is one.
fn else_clause(lines: &[Line], i: &mut usize, l: &Line) -> Result<Vec<Stmt>, (usize, String)> {
    match lines.get(*i) {
        Some(n) if n.indent == l.indent && n.toks.first() == Some(&Tok::Name("else".into())) => {
            *i += 1;
            let (_, rest) = split_colon(&n.toks[1..]).ok_or((n.no, "expected ':'".to_string()))?;
            body(lines, i, n, &rest)
        }
        _ => Ok(Vec::new()),
    }
}
