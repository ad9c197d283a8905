//! Expression evaluation: literals, names, operators, indexing, slicing, attributes.

use super::*;

/// The positions `[lo:hi:step]` selects in a sequence of `len` items.
fn slice_indices(len: usize, [lo, hi, step]: [Option<i64>; 3]) -> Result<Vec<usize>, Ctl> {
    let len = len as i64;
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(err("ValueError", "slice step cannot be zero"));
    }
    let clamp = |v: i64, lo: i64, hi: i64| v.max(lo).min(hi);
    let norm = |v: i64| if v < 0 { v + len } else { v };
    let mut out = Vec::new();
    if step > 0 {
        let a = lo.map_or(0, |v| clamp(norm(v), 0, len));
        let b = hi.map_or(len, |v| clamp(norm(v), 0, len));
        let mut k = a;
        while k < b {
            out.push(k as usize);
            k += step;
        }
    } else {
        let a = lo.map_or(len - 1, |v| clamp(norm(v), -1, len - 1));
        let b = hi.map_or(-1, |v| clamp(norm(v), -1, len - 1));
        let mut k = a;
        while k > b {
            out.push(k as usize);
            k += step;
        }
    }
    Ok(out)
}

/// The most items a repeated string or list may have (CPython would try to
/// allocate it and fail with `MemoryError` past the machine's memory).
const MAX_REPEAT: u64 = 1 << 26;

fn cycle(v: &[V], n: usize) -> Vec<V> {
    let mut out = Vec::with_capacity(v.len() * n);
    for _ in 0..n {
        out.extend(v.iter().cloned());
    }
    out
}

/// `seq * n` and `n * seq`.
fn repeat(l: &V, r: &V) -> Result<V, Ctl> {
    let (s, n) = if is_int(l) { (r, l) } else { (l, r) };
    let n = match n {
        V::Int(i) => (*i).max(0) as u64,
        V::Bool(b) => *b as u64,
        _ => 0,
    };
    let len = match s {
        V::Str(x) => x.len(),
        V::List(x) => x.borrow().len(),
        V::Tuple(x) => x.len(),
        _ => 0,
    } as u64;
    if len.saturating_mul(n) > MAX_REPEAT {
        return Err(err("MemoryError", ""));
    }
    let n = n as usize;
    Ok(match s {
        V::Str(x) => V::Str(x.repeat(n)),
        V::List(x) => V::List(Rc::new(RefCell::new(cycle(&x.borrow(), n)))),
        V::Tuple(x) => V::Tuple(cycle(x, n)),
        _ => V::None,
    })
}

impl Interp<'_, '_> {
    /// Evaluates an expression. The common, recursive cases are handled by
    /// small functions so deep Python recursion uses little native stack.
    pub(super) fn eval(&mut self, e: &Expr) -> Result<V, Ctl> {
        if self.stack_exhausted() {
            return Err(err("RecursionError", "maximum recursion depth exceeded"));
        }
        match e {
            Expr::Call(f, a, kw) => self.eval_call(f, a, kw),
            Expr::Bin(op, l, r) => self.eval_bin(op, l, r),
            Expr::Name(n) => match self.get(n) {
                Some(v) => Ok(v),
                None => self.eval_other(e),
            },
            Expr::Lit(Lit::Int(i)) => Ok(V::Int(*i)),
            Expr::Attr(o, n) => {
                let ov = self.eval(o)?;
                self.attr(ov, n)
            }
            Expr::Index(o, k) => {
                let o = self.eval(o)?;
                let k = self.eval(k)?;
                self.index(o, k)
            }
            _ => self.eval_other(e),
        }
    }

    #[inline(never)]
    fn eval_call(&mut self, f: &Expr, a: &[Expr], kw: &[(String, Expr)]) -> Result<V, Ctl> {
        let fv = self.eval(f)?;
        let mut args = Vec::with_capacity(a.len());
        for x in a {
            match x {
                Expr::Star(inner) => {
                    let v = self.eval(inner)?;
                    args.extend(self.iterate(v)?);
                }
                x => args.push(self.eval(x)?),
            }
        }
        let mut kws = Vec::with_capacity(kw.len());
        for (k, x) in kw {
            if k == "**" {
                match self.eval(x)? {
                    V::Dict(d) => {
                        for (k, v) in d.borrow().iter() {
                            kws.push((k.to_str(), v.clone()));
                        }
                    }
                    other => {
                        return Err(err(
                            "TypeError",
                            format!(
                                "argument after ** must be a mapping, not {}",
                                other.type_name()
                            ),
                        ))
                    }
                }
                continue;
            }
            kws.push((k.clone(), self.eval(x)?));
        }
        self.call(fv, args, kws)
    }

    #[inline(never)]
    fn eval_bin(&mut self, op: &str, l: &Expr, r: &Expr) -> Result<V, Ctl> {
        let lv = self.eval(l)?;
        match op {
            "and" if !lv.truthy() => Ok(lv),
            "or" if lv.truthy() => Ok(lv),
            "and" | "or" => self.eval(r),
            _ => {
                let rv = self.eval(r)?;
                self.binop(op, lv, rv)
            }
        }
    }

    #[inline(never)]
    fn eval_other(&mut self, e: &Expr) -> Result<V, Ctl> {
        Ok(match e {
            Expr::Lit(l) => match l {
                Lit::None => V::None,
                Lit::Bool(b) => V::Bool(*b),
                Lit::Int(i) => V::Int(*i),
                Lit::Big(b) => V::Big(b.clone()),
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
                    let f = split_field(t);
                    let toks = tokenize(&f.expr).map_err(|m| err("SyntaxError", m))?;
                    let ex = pexpr(&toks, self.line).map_err(|(_, m)| err("SyntaxError", m))?;
                    let v = self.eval(&ex)?;
                    if f.self_doc {
                        s.push_str(t.split_once('=').map_or("", |x| x.0));
                        s.push('=');
                    }
                    let conv = if f.self_doc && f.conv.is_none() && f.spec.is_empty() {
                        Some('r')
                    } else {
                        f.conv
                    };
                    let v = match (&v, conv) {
                        (V::Obj(_), None | Some('s')) => V::Str(self.display(&v)?),
                        _ => v,
                    };
                    s.push_str(&convert_and_format(&v, conv, &f.spec)?);
                }
                V::Str(s)
            }
            Expr::Name(n) => match self.get(n) {
                Some(v) => v,
                None => match n.as_str() {
                    n if BUILTINS.contains(&n) => V::Builtin(n.to_string()),
                    "__name__" => V::Str(if self.serving {
                        "app".into()
                    } else {
                        "__main__".into()
                    }),
                    "__file__" => V::Str(self.script.clone()),
                    n if is_builtin_exception(n) => V::Builtin(n.to_string()),
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
            Expr::Comp(e, val, clauses) => {
                let mut out = Vec::new();
                self.comprehension(e, val.as_deref(), clauses, &mut out)?;
                if val.is_some() {
                    let mut d: Vec<(V, V)> = Vec::new();
                    for pair in out {
                        if let V::Tuple(mut kv) = pair {
                            let v = kv.pop().unwrap_or(V::None);
                            let k = kv.pop().unwrap_or(V::None);
                            match d.iter_mut().find(|(a, _)| a.eq(&k)) {
                                Some(x) => x.1 = v,
                                None => d.push((k, v)),
                            }
                        }
                    }
                    V::Dict(Rc::new(RefCell::new(d)))
                } else {
                    V::List(Rc::new(RefCell::new(out)))
                }
            }
            Expr::Star(_) => return Err(err("SyntaxError", "can't use starred expression here")),
            Expr::Lambda(f) => V::Func(f.clone()),
            Expr::Attr(o, n) => {
                let ov = self.eval(o)?;
                self.attr(ov, n)?
            }
            Expr::Index(o, k) => {
                let o = self.eval(o)?;
                let k = self.eval(k)?;
                self.index(o, k)?
            }
            Expr::Slice(o, lo, hi, step) => {
                let o = self.eval(o)?;
                let mut bounds = [None, None, None];
                for (k, x) in [lo, hi, step].into_iter().enumerate() {
                    if let Some(x) = x {
                        bounds[k] = match self.eval(x)? {
                            V::None => None,
                            V::Int(i) => Some(i),
                            V::Bool(b) => Some(b as i64),
                            other => {
                                return Err(err(
                                    "TypeError",
                                    format!(
                                        "slice indices must be integers or None or have an __index__ method, not {}",
                                        other.type_name()
                                    ),
                                ))
                            }
                        };
                    }
                }
                let pick = |len: usize| slice_indices(len, bounds);
                match o {
                    V::Str(s) => {
                        let cs: Vec<char> = s.chars().collect();
                        V::Str(pick(cs.len())?.into_iter().map(|k| cs[k]).collect())
                    }
                    V::List(l) => {
                        let l = l.borrow();
                        let v = pick(l.len())?.into_iter().map(|k| l[k].clone()).collect();
                        V::List(Rc::new(RefCell::new(v)))
                    }
                    V::Tuple(t) => {
                        V::Tuple(pick(t.len())?.into_iter().map(|k| t[k].clone()).collect())
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
                        V::Int(_) | V::Bool(_) | V::Big(_) if op == "~" => {
                            return int_binop("-", &V::Int(-1), &v).unwrap_or(Ok(V::None))
                        }
                        V::Int(_) | V::Bool(_) | V::Big(_) => {
                            return int_binop("-", &V::Int(0), &v).unwrap_or(Ok(V::None))
                        }
                        V::Float(f) if op == "-" => V::Float(-f),
                        o => {
                            return Err(err(
                                "TypeError",
                                format!("bad operand type for unary {op}: '{}'", o.type_name()),
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

    pub(super) fn binop(&mut self, op: &str, l: V, r: V) -> Result<V, Ctl> {
        let tn = |l: &V, r: &V| {
            format!(
                "unsupported operand type(s) for {op}: '{}' and '{}'",
                l.type_name(),
                r.type_name()
            )
        };
        if is_int(&l) && is_int(&r) {
            if let Some(o) = match op {
                "<" | ">" | "<=" | ">=" => int_cmp(&l, &r),
                _ => None,
            } {
                return Ok(V::Bool(match op {
                    "<" => o.is_lt(),
                    ">" => o.is_gt(),
                    "<=" => o.is_le(),
                    _ => o.is_ge(),
                }));
            }
            if op != "/" {
                if let Some(r) = int_binop(op, &l, &r) {
                    return r;
                }
            }
        }
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
                let ord = self.compare(&l, &r).map_err(|_| {
                    err(
                        "TypeError",
                        format!(
                            "'{op}' not supported between instances of '{}' and '{}'",
                            l.type_name(),
                            r.type_name()
                        ),
                    )
                })?;
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
                (V::Str(_) | V::List(_) | V::Tuple(_), V::Int(_) | V::Bool(_), "*")
                | (V::Int(_) | V::Bool(_), V::Str(_) | V::List(_) | V::Tuple(_), "*") => {
                    return repeat(&l, &r);
                }
                (V::Str(s), _, "%") => V::Str(percent_format(s, &r)?),
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

    pub(super) fn index(&mut self, o: V, k: V) -> Result<V, Ctl> {
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

    pub(super) fn environ(&self) -> V {
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

    pub(super) fn attr(&mut self, o: V, n: &str) -> Result<V, Ctl> {
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
                    _ => Ok(module_constant(&full).unwrap_or(V::Builtin(full))),
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
}

impl Interp<'_, '_> {
    /// Runs a comprehension's clauses, pushing each element (or key/value
    /// pair) to `out`.
    fn comprehension(
        &mut self,
        e: &Expr,
        val: Option<&Expr>,
        clauses: &[Clause],
        out: &mut Vec<V>,
    ) -> Result<(), Ctl> {
        let Some(((target, it, conds), rest)) = clauses.split_first() else {
            let k = self.eval(e)?;
            out.push(match val {
                Some(v) => V::Tuple(vec![k, self.eval(v)?]),
                None => k,
            });
            return Ok(());
        };
        let items = self.eval(it)?;
        'items: for x in self.iterate(items)? {
            self.step()?;
            self.assign(target, x)?;
            for c in conds {
                if !self.eval(c)?.truthy() {
                    continue 'items;
                }
            }
            self.comprehension(e, val, rest, out)?;
        }
        Ok(())
    }
}
