//! Exceptions: the built-in hierarchy, exception objects, `raise`, `try`,
//! `SystemExit`'s exit status and CPython's traceback format.

use super::*;

/// The kind of a sandbox limit (integer size): not a Python exception, it
/// ends the program with its message.
pub(super) const SANDBOX_LIMIT: &str = "<sandbox limit>";

/// Built-in exceptions and their base class (CPython 3.11's hierarchy).
const HIERARCHY: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("FileExistsError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
];

/// Whether `name` is a built-in exception class.
pub(super) fn is_builtin_exception(name: &str) -> bool {
    HIERARCHY.iter().any(|(n, _)| *n == name) || name == "IOError"
}

/// The message an exception prints for its arguments.
pub(super) fn exc_message(kind: &str, args: &[V]) -> String {
    match args {
        [] => String::new(),
        [a] if kind == "KeyError" => a.repr(),
        [a] => a.to_str(),
        many => V::Tuple(many.to_vec()).repr(),
    }
}

/// A raised exception of `kind` with `args`.
pub(super) fn exception(kind: &str, args: Vec<V>) -> Ctl {
    Ctl::Err(Box::new(PyErr {
        kind: kind.to_string(),
        msg: exc_message(kind, &args),
        line: 0,
        args,
        tb: Vec::new(),
        cur: 0,
    }))
}

impl Interp<'_, '_> {
    /// The base class of `kind`: a built-in's parent or a user class's base.
    fn base_of(&self, kind: &str) -> Option<String> {
        if let Some((_, p)) = HIERARCHY.iter().find(|(n, _)| *n == kind) {
            return (!p.is_empty()).then(|| p.to_string());
        }
        if kind == "IOError" {
            return Some("Exception".into());
        }
        match self.globals.get(kind) {
            Some(V::Obj(o)) if o.borrow().class == "type" => {
                o.borrow().attrs.get("__base__").map(V::to_str)
            }
            _ => None,
        }
    }

    /// Whether an exception of `kind` is caught by `except handler`.
    pub(super) fn exc_matches(&self, kind: &str, handler: &str) -> bool {
        let handler = if handler == "IOError" {
            "OSError"
        } else {
            handler
        };
        let mut k = kind.to_string();
        for _ in 0..64 {
            if k == handler {
                return true;
            }
            match self.base_of(&k) {
                Some(b) => k = b,
                None => return false,
            }
        }
        false
    }

    /// Whether a user class derives from an exception.
    pub(super) fn is_exception_class(&self, name: &str) -> bool {
        self.exc_matches(name, "BaseException")
    }

    /// An exception instance as a value (`except E as e`).
    pub(super) fn exc_value(&self, e: &PyErr) -> V {
        let mut o = match self.globals.get(&e.kind) {
            Some(V::Obj(c)) if c.borrow().class == "type" => Obj {
                class: e.kind.clone(),
                attrs: c.borrow().attrs.clone(),
            },
            _ => Obj {
                class: e.kind.clone(),
                attrs: BTreeMap::new(),
            },
        };
        let args = if e.args.is_empty() && !e.msg.is_empty() {
            let m = match e.msg.strip_prefix('\'').and_then(|m| m.strip_suffix('\'')) {
                Some(inner) if e.kind == "KeyError" => inner.to_string(),
                _ => e.msg.clone(),
            };
            vec![V::Str(m)]
        } else {
            e.args.clone()
        };
        o.attrs.insert("args".into(), V::Tuple(args));
        o.attrs.insert("__exc__".into(), V::Str(e.msg.clone()));
        if e.kind == "SystemExit" {
            let code = match e.args.as_slice() {
                [] => V::None,
                [a] => a.clone(),
                many => V::Tuple(many.to_vec()),
            };
            o.attrs.insert("code".into(), code);
        }
        V::Obj(Rc::new(RefCell::new(o)))
    }

    /// `raise`, `raise E`, `raise E(args)`, `raise e`, `raise … from …`.
    pub(super) fn raise(&mut self, e: Option<&Expr>) -> Result<(), Ctl> {
        let Some(e) = e else {
            return match self.handling.last() {
                Some(cur) => Err(Ctl::Err(Box::new(cur.clone()))),
                None => Err(err("RuntimeError", "No active exception to reraise")),
            };
        };
        let v = self.eval(e)?;
        match &v {
            V::Builtin(n) if is_builtin_exception(n) => Err(exception(n, Vec::new())),
            V::Obj(o) if o.borrow().class == "type" => {
                let name = o
                    .borrow()
                    .attrs
                    .get("__name__")
                    .map(V::to_str)
                    .unwrap_or_default();
                if !self.is_exception_class(&name) {
                    return Err(err(
                        "TypeError",
                        "exceptions must derive from BaseException",
                    ));
                }
                Err(exception(&name, Vec::new()))
            }
            V::Obj(o) if o.borrow().attrs.contains_key("__exc__") => {
                let b = o.borrow();
                let args = match b.attrs.get("args") {
                    Some(V::Tuple(t)) => t.clone(),
                    _ => Vec::new(),
                };
                let mut x = exception(&b.class, args);
                if let (Ctl::Err(pe), Some(m)) = (&mut x, b.attrs.get("__exc__")) {
                    pe.msg = m.to_str();
                }
                Err(x)
            }
            _ => Err(err(
                "TypeError",
                "exceptions must derive from BaseException",
            )),
        }
    }

    /// `try` / `except` / `else` / `finally`.
    pub(super) fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[Handler],
        orelse: &[Stmt],
        fin: &[Stmt],
    ) -> Result<(), Ctl> {
        let r = match self.block(body) {
            Err(Ctl::Err(e)) => {
                let mut handled = None;
                for (kinds, alias, hb) in handlers {
                    let matches = (kinds.is_empty() && e.kind != SANDBOX_LIMIT)
                        || kinds.iter().any(|k| self.exc_matches(&e.kind, k));
                    if matches {
                        if let Some(a) = alias {
                            let v = self.exc_value(&e);
                            self.set(a, v);
                        }
                        self.handling.push((*e).clone());
                        let r = self.block(hb);
                        self.handling.pop();
                        handled = Some(r);
                        break;
                    }
                }
                handled.unwrap_or(Err(Ctl::Err(e)))
            }
            Ok(()) => self.block(orelse),
            x => x,
        };
        self.block(fin)?;
        r
    }

    /// The exit status of an uncaught `SystemExit`, printing its message.
    pub(super) fn exit_status(&mut self, e: &PyErr) -> i32 {
        match e.args.as_slice() {
            [] | [V::None] => 0,
            [V::Int(i)] => (*i & 0xff) as i32,
            [V::Bool(b)] => *b as i32,
            [other] => {
                self.p.out.errln(other.to_str());
                1
            }
            many => {
                self.p.out.errln(V::Tuple(many.to_vec()).to_str());
                1
            }
        }
    }

    /// Prints the traceback of an uncaught exception as CPython does.
    pub(super) fn traceback(&mut self, e: &PyErr) {
        if e.kind == SANDBOX_LIMIT {
            self.p.out.errln(e.msg.clone());
            return;
        }
        let top = if e.tb.is_empty() {
            if e.line == 0 {
                self.line
            } else {
                e.line
            }
        } else {
            e.cur
        };
        let mut entries = vec![(top, "<module>".to_string())];
        entries.extend(e.tb.iter().rev().cloned());
        let show_source = !self.script.starts_with('<');
        let mut s = String::from("Traceback (most recent call last):\n");
        let mut last: Option<&(usize, String)> = None;
        let mut repeat = 0usize;
        let note = |s: &mut String, repeat: usize| {
            if repeat > 2 {
                s.push_str(&format!(
                    "  [Previous line repeated {} more times]\n",
                    repeat - 2
                ));
            }
        };
        for ent in &entries {
            if Some(ent) == last {
                repeat += 1;
                if repeat > 2 {
                    continue;
                }
            } else {
                note(&mut s, repeat);
                repeat = 0;
            }
            s.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                self.script, ent.0, ent.1
            ));
            if show_source {
                if let Some(t) = self.src_lines.get(ent.0.saturating_sub(1)) {
                    s.push_str(&format!("    {}\n", t.trim()));
                }
            }
            last = Some(ent);
        }
        note(&mut s, repeat);
        if e.msg.is_empty() {
            s.push_str(&format!("{}\n", e.kind));
        } else {
            s.push_str(&format!("{}: {}\n", e.kind, e.msg));
        }
        self.p.out.err(s);
    }
}
