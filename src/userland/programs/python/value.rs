//! Python values: `V`, objects, function definitions; truthiness, repr and equality.

use super::*;

// ---- values ----------------------------------------------------------------

#[derive(Clone, Debug)]
pub(super) enum V {
    None,
    Bool(bool),
    Int(i64),
    /// An `int` beyond 64 bits (never one that fits an `i64`).
    Big(Rc<BigInt>),
    Float(f64),
    Str(String),
    List(Rc<RefCell<Vec<V>>>),
    Tuple(Vec<V>),
    Dict(Rc<RefCell<Vec<(V, V)>>>),
    Func(Rc<FuncDef>),
    Builtin(String),
    /// A method bound to a value: (receiver, name).
    Method(Box<V>, String),
    Module(String),
    Obj(Rc<RefCell<Obj>>),
}

#[derive(Debug, Default)]
pub(super) struct Obj {
    pub(super) class: String,
    pub(super) attrs: BTreeMap<String, V>,
}

#[derive(Debug)]
pub(super) struct FuncDef {
    pub(super) name: String,
    pub(super) params: Vec<(String, Option<Expr>)>,
    pub(super) body: Vec<Stmt>,
}

impl V {
    pub(super) fn truthy(&self) -> bool {
        match self {
            V::None => false,
            V::Bool(b) => *b,
            V::Int(i) => *i != 0,
            V::Big(_) => true,
            V::Float(f) => *f != 0.0,
            V::Str(s) => !s.is_empty(),
            V::List(l) => !l.borrow().is_empty(),
            V::Tuple(t) => !t.is_empty(),
            V::Dict(d) => !d.borrow().is_empty(),
            _ => true,
        }
    }
    pub(super) fn type_name(&self) -> &'static str {
        match self {
            V::None => "NoneType",
            V::Bool(_) => "bool",
            V::Int(_) | V::Big(_) => "int",
            V::Float(_) => "float",
            V::Str(_) => "str",
            V::List(_) => "list",
            V::Tuple(_) => "tuple",
            V::Dict(_) => "dict",
            V::Func(_) => "function",
            V::Builtin(_) | V::Method(..) => "builtin_function_or_method",
            V::Module(_) => "module",
            V::Obj(_) => "object",
        }
    }
    pub(super) fn repr(&self) -> String {
        match self {
            V::Str(s) => {
                let q = if s.contains('\'') && !s.contains('"') {
                    '"'
                } else {
                    '\''
                };
                let mut out = String::from(q);
                for c in s.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        '\t' => out.push_str("\\t"),
                        c if c == q => {
                            out.push('\\');
                            out.push(c);
                        }
                        c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                            out.push_str(&format!("\\x{:02x}", c as u32))
                        }
                        c => out.push(c),
                    }
                }
                out.push(q);
                out
            }
            V::Obj(o) if o.borrow().attrs.contains_key("__exc__") => {
                let o = o.borrow();
                let args = match o.attrs.get("args") {
                    Some(V::Tuple(t)) => t.iter().map(V::repr).collect::<Vec<_>>().join(", "),
                    _ => String::new(),
                };
                format!("{}({args})", o.class)
            }
            v => v.to_str(),
        }
    }
    pub(super) fn to_str(&self) -> String {
        match self {
            V::None => "None".into(),
            V::Bool(b) => if *b { "True" } else { "False" }.into(),
            V::Int(i) => i.to_string(),
            V::Big(b) => b.to_string(),
            V::Float(f) => float_repr(*f),
            V::Str(s) => s.clone(),
            V::List(l) => format!(
                "[{}]",
                l.borrow()
                    .iter()
                    .map(V::repr)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            V::Tuple(t) => {
                if t.len() == 1 {
                    format!("({},)", t[0].repr())
                } else {
                    format!("({})", t.iter().map(V::repr).collect::<Vec<_>>().join(", "))
                }
            }
            V::Dict(d) => format!(
                "{{{}}}",
                d.borrow()
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.repr(), v.repr()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            V::Func(f) => format!("<function {} at 0x7f3a2c1b5e40>", f.name),
            V::Builtin(n) if n == "Ellipsis" => n.clone(),
            V::Builtin(n) => format!("<built-in function {n}>"),
            V::Method(_, n) => format!("<built-in method {n}>"),
            V::Module(n) => format!("<module '{n}'>"),
            V::Obj(o) => {
                let o = o.borrow();
                if let Some(m) = o.attrs.get("__exc__") {
                    return m.to_str();
                }
                if o.class == "type" {
                    let name = o.attrs.get("__name__").map(V::to_str).unwrap_or_default();
                    return match o.attrs.get("__module__") {
                        Some(m) => format!("<class '{}'>", m.to_str()),
                        None => format!("<class '__main__.{name}'>"),
                    };
                }
                format!("<__main__.{} object at 0x7f3a2c1b5e40>", o.class)
            }
        }
    }
    pub(super) fn eq(&self, o: &V) -> bool {
        match (self, o) {
            (V::None, V::None) => true,
            (V::Int(a), V::Float(b)) | (V::Float(b), V::Int(a)) => (*a as f64) == *b,
            (V::Bool(a), V::Int(b)) | (V::Int(b), V::Bool(a)) => (*a as i64) == *b,
            (V::Int(a), V::Int(b)) => a == b,
            (V::Big(_), _) | (_, V::Big(_)) => {
                int_cmp(self, o).is_some_and(|c| c.is_eq())
                    || matches!((self.num(), o.num()), (Some(a), Some(b)) if a == b && matches!((self, o), (V::Float(_), _) | (_, V::Float(_))))
            }
            (V::Float(a), V::Float(b)) => a == b,
            (V::Bool(a), V::Bool(b)) => a == b,
            (V::Str(a), V::Str(b)) => a == b,
            (V::List(a), V::List(b)) => {
                let (a, b) = (a.borrow(), b.borrow());
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.eq(y))
            }
            (V::Tuple(a), V::Tuple(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.eq(y))
            }
            _ => false,
        }
    }
    pub(super) fn num(&self) -> Option<f64> {
        match self {
            V::Int(i) => Some(*i as f64),
            V::Big(b) => Some(b.to_f64()),
            V::Float(f) => Some(*f),
            V::Bool(b) => Some(*b as i64 as f64),
            _ => None,
        }
    }
}

// ---- syntax ----------------------------------------------------------------
