//! The interpreter state and statement execution: scopes, imports, assignment, iteration, tracebacks.

use super::*;

// ---- interpreter -----------------------------------------------------------

pub(super) struct Interp<'a, 'b> {
    pub(super) p: &'a mut Proc<'b>,
    pub(super) globals: BTreeMap<String, V>,
    pub(super) locals: Vec<BTreeMap<String, V>>,
    pub(super) script: String,
    pub(super) src_lines: Vec<String>,
    pub(super) buffered: bool,
    pub(super) buf: String,
    pub(super) line: usize,
    pub(super) frames: Vec<(usize, String)>,
    /// Exceptions being handled (innermost last), for a bare `raise`.
    pub(super) handling: Vec<PyErr>,
    /// Set when serving a request: the Flask `request` and routes.
    pub(super) routes: Vec<Route>,
    pub(super) serving: bool,
    pub(super) pyver: String,
    pub(super) rng: u64,
}

impl Interp<'_, '_> {
    pub(super) fn write(&mut self, s: &str) {
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
    pub(super) fn flush(&mut self) {
        let b = std::mem::take(&mut self.buf);
        self.p.out.out(b);
    }
    pub(super) fn get(&self, n: &str) -> Option<V> {
        if let Some(l) = self.locals.last() {
            if let Some(v) = l.get(n) {
                return Some(v.clone());
            }
        }
        self.globals.get(n).cloned()
    }
    pub(super) fn set(&mut self, n: &str, v: V) {
        match self.locals.last_mut() {
            Some(l) if !l.contains_key(&format!("\0global:{n}")) => {
                l.insert(n.to_string(), v);
            }
            _ => {
                self.globals.insert(n.to_string(), v);
            }
        }
    }

    /// `del target`.
    fn delete(&mut self, t: &Expr) -> Result<(), Ctl> {
        match t {
            Expr::Name(n) => {
                let removed = match self.locals.last_mut() {
                    Some(l) => l.remove(n).is_some(),
                    None => self.globals.remove(n).is_some(),
                };
                if removed {
                    Ok(())
                } else {
                    Err(err("NameError", format!("name '{n}' is not defined")))
                }
            }
            Expr::Index(o, k) => {
                let o = self.eval(o)?;
                let k = self.eval(k)?;
                match &o {
                    V::Dict(d) => {
                        let pos = d.borrow().iter().position(|(a, _)| a.eq(&k));
                        match pos {
                            Some(p) => {
                                d.borrow_mut().remove(p);
                                Ok(())
                            }
                            None => Err(err("KeyError", k.repr())),
                        }
                    }
                    V::List(l) => {
                        let len = l.borrow().len() as i64;
                        let i = match k {
                            V::Int(i) if i < 0 => i + len,
                            V::Int(i) => i,
                            _ => {
                                return Err(err(
                                    "TypeError",
                                    "list indices must be integers or slices, not str",
                                ))
                            }
                        };
                        if i < 0 || i >= len {
                            return Err(err("IndexError", "list assignment index out of range"));
                        }
                        l.borrow_mut().remove(i as usize);
                        Ok(())
                    }
                    other => Err(err(
                        "TypeError",
                        format!(
                            "'{}' object doesn't support item deletion",
                            other.type_name()
                        ),
                    )),
                }
            }
            Expr::Tuple(v) | Expr::List(v) => {
                for x in v {
                    self.delete(x)?;
                }
                Ok(())
            }
            _ => Err(err("SyntaxError", "cannot delete expression")),
        }
    }
    /// Whether the native stack used since the interpreter started passed
    /// the stack budget: deep Python recursion or nesting then raises
    /// `RecursionError` instead of overflowing the Rust stack.
    pub(super) fn stack_exhausted(&self) -> bool {
        stack::exhausted()
    }

    pub(super) fn step(&mut self) -> Result<(), Ctl> {
        if self.p.lim.steps == 0 {
            return Err(Ctl::Flow(Flow::Budget));
        }
        self.p.lim.steps -= 1;
        if self.p.out.chunks.iter().map(|c| c.1.len()).sum::<usize>() > super::super::OUTPUT_CAP {
            return Err(Ctl::Flow(Flow::OutputCap));
        }
        Ok(())
    }

    pub(super) fn block(&mut self, b: &[Stmt]) -> Result<(), Ctl> {
        for s in b {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(super) fn stmt(&mut self, s: &Stmt) -> Result<(), Ctl> {
        match self.exec(s) {
            Err(Ctl::Err(mut e)) if e.line == 0 => {
                e.line = if s.line() > 0 { s.line() } else { self.line };
                Err(Ctl::Err(e))
            }
            r => r,
        }
    }

    /// Executes a statement; the statements on the path of recursion are
    /// handled here, the rest by [`Interp::exec_other`] (a large frame).
    fn exec(&mut self, s: &Stmt) -> Result<(), Ctl> {
        self.step()?;
        if s.line() > 0 {
            self.line = s.line();
        }
        match s {
            Stmt::Expr(_, e) => self.eval(e).map(|_| ()),
            Stmt::Return(_, e) => Err(Ctl::Return(match e {
                Some(e) => self.eval(e)?,
                None => V::None,
            })),
            Stmt::If(_, branches, otherwise) => {
                for (c, b) in branches {
                    if self.eval(c)?.truthy() {
                        return self.block(b);
                    }
                }
                self.block(otherwise)
            }
            _ => self.exec_other(s),
        }
    }

    #[inline(never)]
    fn exec_other(&mut self, s: &Stmt) -> Result<(), Ctl> {
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
            Stmt::Pass => Ok(()),
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
                self.raise(e.as_ref())
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
            Stmt::While(no, c, b, orelse) => {
                loop {
                    self.line = *no;
                    self.step()?;
                    if !self.eval(c)?.truthy() {
                        break;
                    }
                    match self.block(b) {
                        Err(Ctl::Break) => return Ok(()),
                        Err(Ctl::Continue) => continue,
                        x => x?,
                    }
                }
                self.block(orelse)
            }
            Stmt::For(no, target, it, b, orelse) => {
                self.line = *no;
                let items = self.eval(it).and_then(|v| self.iterate(v))?;
                for item in items {
                    self.step()?;
                    self.line = *no;
                    self.assign(target, item)?;
                    match self.block(b) {
                        Err(Ctl::Break) => return Ok(()),
                        Err(Ctl::Continue) => continue,
                        x => x?,
                    }
                }
                self.block(orelse)
            }
            Stmt::Assert(_, test, msg) => {
                if self.eval(test)?.truthy() {
                    return Ok(());
                }
                let args = match msg {
                    Some(m) => vec![self.eval(m)?],
                    None => vec![],
                };
                Err(exception("AssertionError", args))
            }
            Stmt::Del(_, targets) => {
                for t in targets {
                    self.delete(t)?;
                }
                Ok(())
            }
            Stmt::Global(names) => {
                if let Some(l) = self.locals.last_mut() {
                    for n in names {
                        l.remove(n);
                        l.insert(format!("\0global:{n}"), V::None);
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
            Stmt::Class(no, name, bases, body) => {
                self.line = *no;
                self.class_stmt(name, bases, body)
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
            Stmt::Try(_, b, handlers, orelse, fin) => self.try_stmt(b, handlers, orelse, fin),
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

    pub(super) fn check_module(&mut self, m: &str) -> Result<(), Ctl> {
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
        Err(err(
            "ModuleNotFoundError",
            format!("No module named '{top}'"),
        ))
    }

    pub(super) fn close_file(&mut self, o: &Rc<RefCell<Obj>>) {
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

    pub(super) fn assign(&mut self, t: &Expr, v: V) -> Result<(), Ctl> {
        match t {
            Expr::Name(n) => {
                self.set(n, v);
                Ok(())
            }
            Expr::Tuple(ts) | Expr::List(ts) => {
                let items = self.iterate(v)?;
                if items.len() > ts.len() {
                    return Err(err(
                        "ValueError",
                        format!("too many values to unpack (expected {})", ts.len()),
                    ));
                }
                if items.len() < ts.len() {
                    return Err(err(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected {}, got {})",
                            ts.len(),
                            items.len()
                        ),
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

    pub(super) fn iterate(&mut self, v: V) -> Result<Vec<V>, Ctl> {
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
}

impl Interp<'_, '_> {
    pub(super) fn webapp(&self, kind: &str, host: &str, port: u16) -> WebApp {
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
}

impl Interp<'_, '_> {
    /// `class Name(Base, …):` — runs the body in its own scope; bases'
    /// attributes are inherited, an exception base makes an exception class.
    fn class_stmt(&mut self, name: &str, bases: &[String], body: &[Stmt]) -> Result<(), Ctl> {
        let mut attrs = BTreeMap::new();
        for b in bases {
            if b == "object" {
                continue;
            }
            match self.get(b) {
                Some(V::Obj(o)) if o.borrow().class == "type" => {
                    attrs.extend(o.borrow().attrs.clone());
                }
                _ if is_builtin_exception(b) => {}
                _ => return Err(err("NameError", format!("name '{b}' is not defined"))),
            }
            attrs.insert("__base__".into(), V::Str(b.clone()));
        }
        self.locals.push(BTreeMap::new());
        let r = self.block(body);
        let scope = self.locals.pop().unwrap_or_default();
        r?;
        attrs.extend(scope);
        attrs.insert("__name__".into(), V::Str(name.to_string()));
        let obj = Rc::new(RefCell::new(Obj {
            class: "type".into(),
            attrs,
        }));
        self.set(name, V::Obj(obj));
        Ok(())
    }
}
