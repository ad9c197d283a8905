//! Calls: user functions, classes, built-in functions and the supported modules' functions, `open`.

use super::*;

impl Interp<'_, '_> {
    pub(super) fn call(&mut self, f: V, args: Vec<V>, kw: Vec<(String, V)>) -> Result<V, Ctl> {
        match f {
            V::Func(def) => self.call_func(&def, args, kw, None),
            V::Method(recv, name) => match *recv {
                // an unbound method: `str.lower(x)`, `key=str.lower`
                V::Builtin(ref t)
                    if ["str", "list", "dict", "int", "float"].contains(&t.as_str()) =>
                {
                    let mut args = args.into_iter();
                    let this = args.next().unwrap_or(V::None);
                    self.method(this, &name, args.collect(), kw)
                }
                r => self.method(r, &name, args, kw),
            },
            V::Builtin(name) => self.call_builtin(name, args, kw),
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
                let cname = inst.borrow().class.clone();
                if self.is_exception_class(&cname) {
                    let mut e = exception(&cname, args.clone());
                    if let Ctl::Err(pe) = &mut e {
                        if let V::Obj(x) = self.exc_value(pe) {
                            inst.borrow_mut().attrs.extend(x.borrow().attrs.clone());
                        }
                    }
                }
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

    pub(super) fn open(&mut self, p: &str, mode: &str) -> Result<V, Ctl> {
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

    pub(super) fn call_func(
        &mut self,
        def: &FuncDef,
        args: Vec<V>,
        kw: Vec<(String, V)>,
        this: Option<V>,
    ) -> Result<V, Ctl> {
        if self.frames.len() >= RECURSION_LIMIT || self.stack_exhausted() {
            return Err(err("RecursionError", "maximum recursion depth exceeded"));
        }
        let scope = self.bind(def, args, kw, this)?;
        self.locals.push(scope);
        let call_line = self.line;
        self.frames.push((call_line, def.name.clone()));
        let r = self.block(&def.body);
        self.frames.pop();
        self.locals.pop();
        self.line = call_line;
        match r {
            Ok(()) => Ok(V::None),
            Err(Ctl::Return(v)) => Ok(v),
            Err(Ctl::Err(mut e)) => {
                if e.tb.is_empty() {
                    e.cur = if e.line == 0 { call_line } else { e.line };
                }
                e.tb.push((e.cur, def.name.clone()));
                e.cur = call_line;
                Err(Ctl::Err(e))
            }
            Err(e) => Err(e),
        }
    }
}

impl Interp<'_, '_> {
    /// Calls a built-in function or a supported module's function. Kept out
    /// of [`Interp::call`] so recursion through user functions stays shallow
    /// on the native stack.
    #[inline(never)]
    fn call_builtin(&mut self, name: String, args: Vec<V>, kw: Vec<(String, V)>) -> Result<V, Ctl> {
        if let Some(r) = self.builtin_extra(&name, &args, &kw) {
            return r;
        }
        if let Some(r) = self.module_call(&name, &args, &kw) {
            return r;
        }
        let kwget = |k: &str| kw.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
        let a0 = args.first().cloned().unwrap_or(V::None);
        match name.as_str() {
                    n if is_builtin_exception(n) => {
                        let mut e = exception(n, args.clone());
                        if let Ctl::Err(pe) = &mut e {
                            return Ok(self.exc_value(pe));
                        }
                        Err(e)
                    }
                    "print" => {
                        for a in &args {
                            check_str_digits(a)?;
                        }
                        let sep = kwget("sep").map(|v| v.to_str()).unwrap_or_else(|| " ".into());
                        let end = kwget("end").map(|v| v.to_str()).unwrap_or_else(|| "\n".into());
                        let mut parts = Vec::with_capacity(args.len());
                        for a in &args {
                            parts.push(self.display(a)?);
                        }
                        let text = parts.join(&sep) + &end;
                        let file = kwget("file").unwrap_or(V::None);
                        let to_err = matches!(&file, V::Module(m) if m == "sys.stderr");
                        if let V::Obj(_) = file {
                            self.method(file, "write", vec![V::Str(text)], vec![])?;
                        } else if !matches!(&file, V::None | V::Module(_)) {
                            return Err(err("AttributeError", format!("'{}' object has no attribute 'write'", file.type_name())));
                        } else if to_err {
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
                    "str" if matches!(a0, V::Big(_)) => {
                        check_str_digits(&a0)?;
                        Ok(V::Str(a0.to_str()))
                    }
                    "str" => Ok(V::Str(if args.is_empty() { String::new() } else { self.display(&a0)? })),
                    "repr" => Ok(V::Str(a0.repr())),
                    "bool" => Ok(V::Bool(a0.truthy())),
                    "int" => match &a0 {
                        V::Int(i) => Ok(V::Int(*i)),
                        V::Float(f) => Ok(V::Int(f.trunc() as i64)),
                        V::Bool(b) => Ok(V::Int(*b as i64)),
                        V::Str(s) => {
                            let base = match args.get(1) {
                                Some(V::Int(b)) if (2..=36).contains(b) => *b as u32,
                                _ => 10,
                            };
                            let t = s.trim().replace('_', "");
                            let (neg, digits) = match t.strip_prefix('-') {
                                Some(d) => (true, d.to_string()),
                                None => (false, t.strip_prefix('+').unwrap_or(&t).to_string()),
                            };
                            match BigInt::parse_radix(&digits, base) {
                                Some(b) if !digits.is_empty() && !s.trim().starts_with('_') => Ok(norm(if neg { b.neg() } else { b })),
                                _ => Err(err("ValueError", format!("invalid literal for int() with base {base}: {}", a0.repr()))),
                            }
                        }
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
                    "dict" => {
                        let mut pairs: Vec<(V, V)> = Vec::new();
                        match &a0 {
                            V::None if args.is_empty() => {}
                            V::Dict(d) => pairs = d.borrow().clone(),
                            other => {
                                for item in self.iterate(other.clone())? {
                                    let kv = self.iterate(item)?;
                                    if kv.len() != 2 {
                                        return Err(err("ValueError", format!("dictionary update sequence element #{} has length {}; 2 is required", pairs.len(), kv.len())));
                                    }
                                    pairs.push((kv[0].clone(), kv[1].clone()));
                                }
                            }
                        }
                        let mut d: Vec<(V, V)> = Vec::new();
                        for (k, v) in pairs.into_iter().chain(kw.into_iter().map(|(k, v)| (V::Str(k), v))) {
                            match d.iter_mut().find(|(a, _)| a.eq(&k)) {
                                Some(x) => x.1 = v,
                                None => d.push((k, v)),
                            }
                        }
                        Ok(V::Dict(Rc::new(RefCell::new(d))))
                    }
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
                    "exit" | "quit" | "sys.exit" => Err(exception("SystemExit", args.clone())),
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
                    "time.ctime" | "time.asctime" => Ok(V::Str(super::super::system::strftime(self.p.lim.clock, "%a %b %e %T %Y"))),
                    "time.strftime" => Ok(V::Str(super::super::system::strftime(self.p.lim.clock, &a0.to_str()))),
                    "datetime.now" | "datetime.datetime.now" => Ok(V::Str(super::super::system::strftime(self.p.lim.clock, "%F %T.000000"))),
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
                    other => Err(err("NotImplementedError", format!("{other}() is not available in this sandbox"))),
                }
    }
}

impl Interp<'_, '_> {
    /// Binds a call's arguments to a function's parameters (positional,
    /// defaults, keywords, `*args`, keyword-only, `**kwargs`).
    fn bind(
        &mut self,
        def: &FuncDef,
        args: Vec<V>,
        kw: Vec<(String, V)>,
        this: Option<V>,
    ) -> Result<BTreeMap<String, V>, Ctl> {
        let mut scope = BTreeMap::new();
        let mut args: std::collections::VecDeque<V> = args.into();
        if let Some(t) = this {
            if def.params.first().is_some_and(|p| !p.0.starts_with('*')) {
                args.push_front(t);
            }
        }
        let given = args.len();
        let mut kw = kw;
        let mut positional = true;
        let mut star_seen = false;
        let npos = def
            .params
            .iter()
            .take_while(|p| !p.0.starts_with('*'))
            .count();
        for (pname, default) in &def.params {
            if let Some(rest) = pname.strip_prefix("**") {
                let d: Vec<(V, V)> = kw.drain(..).map(|(k, v)| (V::Str(k), v)).collect();
                scope.insert(rest.to_string(), V::Dict(Rc::new(RefCell::new(d))));
                continue;
            }
            if let Some(rest) = pname.strip_prefix('*') {
                star_seen = true;
                positional = false;
                if !rest.is_empty() {
                    scope.insert(rest.to_string(), V::Tuple(args.drain(..).collect()));
                }
                continue;
            }
            let from_kw = kw.iter().position(|(a, _)| a == pname);
            let v = match (positional, args.pop_front(), from_kw) {
                (true, Some(v), Some(_)) => {
                    let _ = v;
                    return Err(err(
                        "TypeError",
                        format!("{}() got multiple values for argument '{pname}'", def.name),
                    ));
                }
                (true, Some(v), None) => v,
                (_, other, Some(k)) => {
                    if let Some(o) = other {
                        args.push_front(o);
                    }
                    kw.remove(k).1
                }
                (_, other, None) => {
                    if let Some(o) = other {
                        args.push_front(o);
                    }
                    match default {
                        Some(d) => self.eval(d)?,
                        None => {
                            let what = if positional {
                                "positional"
                            } else {
                                "keyword-only"
                            };
                            return Err(err(
                                "TypeError",
                                format!(
                                    "{}() missing 1 required {what} argument: '{pname}'",
                                    def.name
                                ),
                            ));
                        }
                    }
                }
            };
            scope.insert(pname.clone(), v);
        }
        if !args.is_empty() && !star_seen {
            let s = if npos == 1 { "" } else { "s" };
            let was = if given == 1 { "was" } else { "were" };
            return Err(err(
                "TypeError",
                format!(
                    "{}() takes {npos} positional argument{s} but {given} {was} given",
                    def.name
                ),
            ));
        }
        if let Some((k, _)) = kw.first() {
            return Err(err(
                "TypeError",
                format!("{}() got an unexpected keyword argument '{k}'", def.name),
            ));
        }
        Ok(scope)
    }
}
