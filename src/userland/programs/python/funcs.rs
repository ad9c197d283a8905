//! More built-in functions: ordering (`sorted`/`min`/`max` with `key`),
//! `map`, `filter`, `any`, `all`, `divmod`, `pow`, `hex`/`oct`/`bin`,
//! `chr`/`ord`, `format`, `round`, `isinstance`, `type`, `enumerate`, `zip`,
//! `reversed`; names the sandbox does not have fail loudly.

use super::*;
use std::cmp::Ordering;

/// Built-ins resolved by name when no variable shadows them.
pub(super) const BUILTINS: &[&str] = &[
    "print",
    "len",
    "str",
    "int",
    "float",
    "range",
    "input",
    "sum",
    "min",
    "max",
    "sorted",
    "enumerate",
    "abs",
    "round",
    "list",
    "dict",
    "open",
    "isinstance",
    "bool",
    "repr",
    "exit",
    "quit",
    "type",
    "tuple",
    "zip",
    "map",
    "filter",
    "any",
    "all",
    "divmod",
    "pow",
    "hex",
    "oct",
    "bin",
    "chr",
    "ord",
    "format",
    "reversed",
    "callable",
    "hasattr",
    "getattr",
    "id",
    "hash",
    "iter",
    "next",
    "set",
    "frozenset",
    "bytes",
    "vars",
    "globals",
    "locals",
    "super",
    "object",
    "issubclass",
    "setattr",
    "Ellipsis",
];

/// Built-ins that exist in Python but not in this sandbox.
const MISSING: &[&str] = &[
    "iter",
    "next",
    "set",
    "frozenset",
    "bytes",
    "vars",
    "globals",
    "locals",
    "super",
    "object",
    "issubclass",
    "setattr",
];

fn list(v: Vec<V>) -> V {
    V::List(Rc::new(RefCell::new(v)))
}

impl Interp<'_, '_> {
    /// Python's ordering of two values (`<`), or the TypeError it raises.
    pub(super) fn compare(&self, a: &V, b: &V) -> Result<Ordering, Ctl> {
        if let Some(o) = int_cmp(a, b) {
            return Ok(o);
        }
        match (a, b) {
            (V::Str(x), V::Str(y)) => Ok(x.cmp(y)),
            (V::List(_), V::List(_)) | (V::Tuple(_), V::Tuple(_)) => {
                let (x, y) = (seq(a), seq(b));
                for (p, q) in x.iter().zip(y.iter()) {
                    if !p.eq(q) {
                        return self.compare(p, q);
                    }
                }
                Ok(x.len().cmp(&y.len()))
            }
            _ => match (a.num(), b.num()) {
                (Some(x), Some(y)) if !matches!(a, V::Str(_)) && !matches!(b, V::Str(_)) => {
                    Ok(x.partial_cmp(&y).unwrap_or(Ordering::Equal))
                }
                _ => Err(err(
                    "TypeError",
                    format!(
                        "'<' not supported between instances of '{}' and '{}'",
                        a.type_name(),
                        b.type_name()
                    ),
                )),
            },
        }
    }

    fn keyed(&mut self, items: Vec<V>, key: Option<&V>) -> Result<Vec<(V, V)>, Ctl> {
        let mut out = Vec::with_capacity(items.len());
        for x in items {
            let k = match key {
                Some(f) if !matches!(f, V::None) => {
                    self.call(f.clone(), vec![x.clone()], vec![])?
                }
                _ => x.clone(),
            };
            out.push((k, x));
        }
        Ok(out)
    }

    fn sort_values(
        &mut self,
        items: Vec<V>,
        key: Option<&V>,
        reverse: bool,
    ) -> Result<Vec<V>, Ctl> {
        let mut keyed = self.keyed(items, key)?;
        let mut failure = None;
        // a stable merge sort; the first comparison error is raised
        keyed.sort_by(|a, b| match self.compare(&a.0, &b.0) {
            Ok(o) => {
                if reverse {
                    o.reverse()
                } else {
                    o
                }
            }
            Err(e) => {
                failure.get_or_insert(e);
                Ordering::Equal
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        Ok(keyed.into_iter().map(|x| x.1).collect())
    }

    /// Calls the built-in `name` if this module implements it.
    pub(super) fn builtin_extra(
        &mut self,
        name: &str,
        args: &[V],
        kw: &[(String, V)],
    ) -> Option<Result<V, Ctl>> {
        let kwget = |k: &str| kw.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
        let a0 = args.first().cloned().unwrap_or(V::None);
        let r = (|| -> Result<V, Ctl> {
            Ok(match name {
                "sorted" => {
                    let items = self.iterate(a0)?;
                    let rev = kwget("reverse").is_some_and(|v| v.truthy());
                    list(self.sort_values(items, kwget("key").as_ref(), rev)?)
                }
                "min" | "max" => {
                    let items = if args.len() > 1 {
                        args.to_vec()
                    } else {
                        self.iterate(a0)?
                    };
                    if items.is_empty() {
                        return match kwget("default") {
                            Some(d) => Ok(d),
                            None => Err(err(
                                "ValueError",
                                format!("{name}() arg is an empty sequence"),
                            )),
                        };
                    }
                    let keyed = self.keyed(items, kwget("key").as_ref())?;
                    let mut best = keyed[0].clone();
                    for x in keyed.into_iter().skip(1) {
                        let o = self.compare(&x.0, &best.0)?;
                        if (name == "max" && o.is_gt()) || (name == "min" && o.is_lt()) {
                            best = x;
                        }
                    }
                    best.1
                }
                "map" => {
                    let f = a0;
                    let mut seqs = Vec::new();
                    for a in &args[1..] {
                        seqs.push(self.iterate(a.clone())?);
                    }
                    let n = seqs.iter().map(Vec::len).min().unwrap_or(0);
                    let mut out = Vec::with_capacity(n);
                    for k in 0..n {
                        self.step()?;
                        let call_args = seqs.iter().map(|s| s[k].clone()).collect();
                        out.push(self.call(f.clone(), call_args, vec![])?);
                    }
                    list(out)
                }
                "filter" => {
                    let items = self.iterate(args.get(1).cloned().unwrap_or(V::None))?;
                    let mut out = Vec::new();
                    for x in items {
                        self.step()?;
                        let keep = match &a0 {
                            V::None => x.truthy(),
                            f => self.call(f.clone(), vec![x.clone()], vec![])?.truthy(),
                        };
                        if keep {
                            out.push(x);
                        }
                    }
                    list(out)
                }
                "any" | "all" => {
                    let items = self.iterate(a0)?;
                    let want = name == "any";
                    V::Bool(if want {
                        items.iter().any(V::truthy)
                    } else {
                        items.iter().all(V::truthy)
                    })
                }
                "reversed" => {
                    let mut items = self.iterate(a0)?;
                    items.reverse();
                    list(items)
                }
                "enumerate" => {
                    let start = kwget("start")
                        .or_else(|| args.get(1).cloned())
                        .unwrap_or(V::Int(0));
                    let start = match start {
                        V::Int(i) => i,
                        _ => 0,
                    };
                    let items = self.iterate(a0)?;
                    list(
                        items
                            .into_iter()
                            .enumerate()
                            .map(|(k, x)| V::Tuple(vec![V::Int(start + k as i64), x]))
                            .collect(),
                    )
                }
                "zip" => {
                    let mut seqs = Vec::new();
                    for a in args {
                        seqs.push(self.iterate(a.clone())?);
                    }
                    let n = seqs.iter().map(Vec::len).min().unwrap_or(0);
                    list(
                        (0..n)
                            .map(|k| V::Tuple(seqs.iter().map(|s| s[k].clone()).collect()))
                            .collect(),
                    )
                }
                "divmod" => {
                    let b = args.get(1).cloned().unwrap_or(V::None);
                    let q = self.binop("//", a0.clone(), b.clone())?;
                    let m = self.binop("%", a0, b)?;
                    V::Tuple(vec![q, m])
                }
                "pow" => {
                    let b = args.get(1).cloned().unwrap_or(V::None);
                    match args.get(2) {
                        Some(m) if is_int(&a0) && is_int(&b) && is_int(m) => {
                            let (Some(x), Some(e), Some(m)) = (int_of(&a0), int_of(&b), int_of(m))
                            else {
                                return Ok(V::None);
                            };
                            if m.is_zero() {
                                return Err(err("ValueError", "pow() 3rd argument cannot be 0"));
                            }
                            let mut acc = BigInt::from_i64(1);
                            let mut base = x.divmod(&m).map(|x| x.1).unwrap_or(x);
                            let mut e = e;
                            let two = BigInt::from_i64(2);
                            while !e.is_zero() {
                                let (q, r) = e
                                    .divmod(&two)
                                    .unwrap_or((BigInt::from_i64(0), BigInt::from_i64(0)));
                                if !r.is_zero() {
                                    acc = acc.mul(&base).divmod(&m).map(|x| x.1).unwrap_or(acc);
                                }
                                base = base.mul(&base).divmod(&m).map(|x| x.1).unwrap_or(base);
                                e = q;
                            }
                            norm(acc)
                        }
                        _ => self.binop("**", a0, b)?,
                    }
                }
                "hex" | "oct" | "bin" => {
                    let Some(b) = int_of(&a0) else {
                        return Err(err(
                            "TypeError",
                            format!(
                                "'{}' object cannot be interpreted as an integer",
                                a0.type_name()
                            ),
                        ));
                    };
                    let (radix, p) = match name {
                        "hex" => (16, "0x"),
                        "oct" => (8, "0o"),
                        _ => (2, "0b"),
                    };
                    let digits = b.to_radix(radix);
                    V::Str(match digits.strip_prefix('-') {
                        Some(d) => format!("-{p}{d}"),
                        None => format!("{p}{digits}"),
                    })
                }
                "chr" => match a0 {
                    V::Int(i) => match u32::try_from(i).ok().and_then(char::from_u32) {
                        Some(c) => V::Str(c.to_string()),
                        None => return Err(err("ValueError", "chr() arg not in range(0x110000)")),
                    },
                    o => {
                        return Err(err(
                            "TypeError",
                            format!(
                                "'{}' object cannot be interpreted as an integer",
                                o.type_name()
                            ),
                        ))
                    }
                },
                "ord" => match &a0 {
                    V::Str(s) if s.chars().count() == 1 => {
                        V::Int(s.chars().next().map_or(0, |c| c as i64))
                    }
                    V::Str(s) => {
                        return Err(err(
                            "TypeError",
                            format!(
                                "ord() expected a character, but string of length {} found",
                                s.chars().count()
                            ),
                        ))
                    }
                    o => {
                        return Err(err(
                            "TypeError",
                            format!(
                                "ord() expected string of length 1, but {} found",
                                o.type_name()
                            ),
                        ))
                    }
                },
                "format" => {
                    let spec = args.get(1).map(V::to_str).unwrap_or_default();
                    V::Str(format_value(&a0, &spec)?)
                }
                "round" => match (&a0, args.get(1)) {
                    (v, None | Some(V::None)) if is_int(v) => a0.clone(),
                    (V::Float(f), None | Some(V::None)) => {
                        let r = f.round_ties_even();
                        if !r.is_finite() {
                            return Err(err(
                                "OverflowError",
                                "cannot convert float infinity to integer",
                            ));
                        }
                        V::Int(r as i64)
                    }
                    (V::Float(f), Some(V::Int(d))) => {
                        // through the shortest decimal form, as CPython rounds
                        let d = (*d).clamp(-300, 300);
                        if d >= 0 {
                            let s = format!("{:.*}", d as usize, f);
                            V::Float(s.parse().unwrap_or(*f))
                        } else {
                            let m = 10f64.powi(-d as i32);
                            V::Float((f / m).round_ties_even() * m)
                        }
                    }
                    (v, Some(V::Int(_))) if is_int(v) => a0.clone(),
                    (o, _) => {
                        return Err(err(
                            "TypeError",
                            format!("type {} doesn't define __round__ method", o.type_name()),
                        ))
                    }
                },
                "isinstance" => {
                    let classes = match args.get(1) {
                        Some(V::Tuple(t)) => t.clone(),
                        Some(c) => vec![c.clone()],
                        None => vec![],
                    };
                    V::Bool(classes.iter().any(|c| self.is_instance(&a0, c)))
                }
                "type" => type_object(&a0),
                "callable" => V::Bool(
                    matches!(a0, V::Func(_) | V::Builtin(_) | V::Method(..))
                        || matches!(&a0, V::Obj(o) if o.borrow().class == "type"),
                ),
                "hasattr" | "getattr" => {
                    let n = args.get(1).map(V::to_str).unwrap_or_default();
                    let found = match &a0 {
                        V::Obj(o) => o.borrow().attrs.get(&n).cloned(),
                        _ => None,
                    };
                    match (name, found) {
                        ("hasattr", f) => V::Bool(f.is_some()),
                        (_, Some(v)) => v,
                        (_, None) => match args.get(2) {
                            Some(d) => d.clone(),
                            None => {
                                return Err(err(
                                    "AttributeError",
                                    format!("'{}' object has no attribute '{n}'", a0.type_name()),
                                ))
                            }
                        },
                    }
                }
                "id" | "hash" => match &a0 {
                    V::Int(i) if name == "hash" => V::Int(*i),
                    _ => {
                        return Err(err(
                            "NotImplementedError",
                            format!("{name}() is not available in this sandbox"),
                        ))
                    }
                },
                n if MISSING.contains(&n) => {
                    return Err(err(
                        "NotImplementedError",
                        format!("{n}() is not available in this sandbox"),
                    ))
                }
                _ => return Err(err("", "")),
            })
        })();
        match r {
            Err(Ctl::Err(e)) if e.kind.is_empty() => None,
            r => Some(r),
        }
    }

    /// `isinstance(v, cls)` for built-in types, user classes and exceptions.
    fn is_instance(&self, v: &V, cls: &V) -> bool {
        let tn = v.type_name();
        match cls {
            V::Builtin(c) => match c.as_str() {
                "int" => matches!(v, V::Int(_) | V::Big(_) | V::Bool(_)),
                "float" => matches!(v, V::Float(_)),
                "str" | "list" | "dict" | "tuple" | "bool" => tn == c,
                e if is_builtin_exception(e) => match v {
                    V::Obj(o) => self.exc_matches(&o.borrow().class, e),
                    _ => false,
                },
                _ => false,
            },
            V::Obj(c) if c.borrow().class == "type" => {
                let want = c
                    .borrow()
                    .attrs
                    .get("__name__")
                    .map(V::to_str)
                    .unwrap_or_default();
                match v {
                    V::Obj(o) => {
                        let class = o.borrow().class.clone();
                        self.exc_matches(&class, &want) || class == want
                    }
                    _ => c.borrow().attrs.contains_key("__module__") && want == tn,
                }
            }
            _ => false,
        }
    }
}

/// The elements of a list or tuple.
fn seq(v: &V) -> Vec<V> {
    match v {
        V::List(l) => l.borrow().clone(),
        V::Tuple(t) => t.clone(),
        _ => Vec::new(),
    }
}

/// `type(v)`: a class object that prints as `<class 'int'>`.
pub(super) fn type_object(v: &V) -> V {
    let name = match v {
        V::Obj(o) if o.borrow().class != "type" => {
            let c = o.borrow().class.clone();
            if is_builtin_exception(&c) {
                c
            } else {
                return V::Obj(Rc::new(RefCell::new(Obj {
                    class: "type".into(),
                    attrs: [("__name__".to_string(), V::Str(c))].into_iter().collect(),
                })));
            }
        }
        V::Obj(_) => "type".to_string(),
        other => other.type_name().to_string(),
    };
    let mut attrs = BTreeMap::new();
    attrs.insert("__name__".to_string(), V::Str(name.clone()));
    attrs.insert("__module__".to_string(), V::Str(name));
    V::Obj(Rc::new(RefCell::new(Obj {
        class: "type".into(),
        attrs,
    })))
}

impl Interp<'_, '_> {
    /// `str(v)`, calling a class's `__str__` (or `__repr__`).
    pub(super) fn display(&mut self, v: &V) -> Result<String, Ctl> {
        if let V::Obj(o) = v {
            let f = {
                let b = o.borrow();
                match (b.attrs.get("__str__"), b.attrs.get("__repr__")) {
                    (Some(V::Func(f)), _) | (None, Some(V::Func(f))) => Some(f.clone()),
                    _ => None,
                }
            };
            if let Some(f) = f {
                return match self.call_func(&f, vec![], vec![], Some(v.clone()))? {
                    V::Str(s) => Ok(s),
                    other => Err(err(
                        "TypeError",
                        format!("__str__ returned non-string (type {})", other.type_name()),
                    )),
                };
            }
        }
        Ok(v.to_str())
    }
}
