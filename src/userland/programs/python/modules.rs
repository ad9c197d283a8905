//! Functions of the standard modules the subset supports beyond the basics
//! in `builtins`: `math`, `os.path`, `json` (`loads`, `dumps` with `indent`
//! and `sort_keys`), `sys.stdout.write`. A module function the sandbox does
//! not have raises `NotImplementedError` naming it.

use super::*;

fn f(v: &V, _name: &str) -> Result<f64, Ctl> {
    v.num().ok_or_else(|| {
        err(
            "TypeError",
            format!("must be real number, not {}", v.type_name()),
        )
    })
}

fn int_arg(v: &V) -> Result<BigInt, Ctl> {
    int_of(v).ok_or_else(|| {
        err(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ),
        )
    })
}

/// A module constant (`math.pi`), if known.
pub(super) fn module_constant(full: &str) -> Option<V> {
    Some(match full {
        "math.pi" => V::Float(std::f64::consts::PI),
        "math.e" => V::Float(std::f64::consts::E),
        "math.tau" => V::Float(std::f64::consts::TAU),
        "math.inf" => V::Float(f64::INFINITY),
        "math.nan" => V::Float(f64::NAN),
        "sys.maxsize" => V::Int(i64::MAX),
        "sys.platform" => V::Str("linux".into()),
        "sys.byteorder" => V::Str("little".into()),
        "os.sep" => V::Str("/".into()),
        "os.linesep" => V::Str("\n".into()),
        "os.name" => V::Str("posix".into()),
        "os.curdir" => V::Str(".".into()),
        "os.pathsep" => V::Str(":".into()),
        "string.ascii_lowercase" => V::Str("abcdefghijklmnopqrstuvwxyz".into()),
        "string.ascii_uppercase" => V::Str("ABCDEFGHIJKLMNOPQRSTUVWXYZ".into()),
        "string.ascii_letters" => {
            V::Str("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".into())
        }
        "string.digits" => V::Str("0123456789".into()),
        _ => return None,
    })
}

impl Interp<'_, '_> {
    /// Calls a module function implemented here.
    pub(super) fn module_call(
        &mut self,
        name: &str,
        args: &[V],
        kw: &[(String, V)],
    ) -> Option<Result<V, Ctl>> {
        let a0 = args.first().cloned().unwrap_or(V::None);
        let kwget = |k: &str| kw.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
        let r = (|| -> Result<V, Ctl> {
            Ok(match name {
                "math.floor" | "math.ceil" | "math.trunc" => {
                    if is_int(&a0) {
                        return Ok(norm(int_arg(&a0)?));
                    }
                    let x = f(&a0, name)?;
                    if !x.is_finite() {
                        return Err(err(
                            "OverflowError",
                            "cannot convert float infinity to integer",
                        ));
                    }
                    V::Int(match name {
                        "math.floor" => x.floor(),
                        "math.ceil" => x.ceil(),
                        _ => x.trunc(),
                    } as i64)
                }
                "math.sqrt" => {
                    let x = f(&a0, name)?;
                    if x < 0.0 {
                        return Err(err("ValueError", "math domain error"));
                    }
                    V::Float(x.sqrt())
                }
                "math.isqrt" => {
                    let x = int_arg(&a0)?;
                    if x.is_negative() {
                        return Err(err("ValueError", "isqrt() argument must be nonnegative"));
                    }
                    match x.to_i64() {
                        Some(n) => {
                            let mut r = (n as f64).sqrt() as i64;
                            while r * r > n {
                                r -= 1;
                            }
                            while (r + 1) * (r + 1) <= n {
                                r += 1;
                            }
                            V::Int(r)
                        }
                        None => {
                            return Err(err(
                                "NotImplementedError",
                                "math.isqrt() of integers beyond 64 bits is not available in this sandbox",
                            ))
                        }
                    }
                }
                "math.factorial" => {
                    let n = int_arg(&a0)?;
                    if n.is_negative() {
                        return Err(err(
                            "ValueError",
                            "factorial() not defined for negative values",
                        ));
                    }
                    let n = n.to_i64().unwrap_or(i64::MAX);
                    if n > 20_000 {
                        return Err(too_large());
                    }
                    let mut acc = BigInt::from_i64(1);
                    for k in 2..=n {
                        self.step()?;
                        acc = acc.mul(&BigInt::from_i64(k));
                    }
                    norm(acc)
                }
                "math.gcd" => {
                    let mut acc: i64 = 0;
                    for a in args {
                        let mut b = int_arg(a)?.to_i64().unwrap_or(0).abs();
                        let mut x = acc;
                        while b != 0 {
                            (x, b) = (b, x % b);
                        }
                        acc = x;
                    }
                    V::Int(acc)
                }
                "math.log" | "math.log2" | "math.log10" | "math.exp" | "math.sin" | "math.cos"
                | "math.tan" | "math.fabs" | "math.atan" => {
                    let x = f(&a0, name)?;
                    if name.starts_with("math.log") && x <= 0.0 {
                        return Err(err("ValueError", "math domain error"));
                    }
                    V::Float(match name {
                        "math.log" => match args.get(1) {
                            Some(b) => x.ln() / f(b, name)?.ln(),
                            None => x.ln(),
                        },
                        "math.log2" => x.log2(),
                        "math.log10" => x.log10(),
                        "math.exp" => x.exp(),
                        "math.sin" => x.sin(),
                        "math.cos" => x.cos(),
                        "math.tan" => x.tan(),
                        "math.atan" => x.atan(),
                        _ => x.abs(),
                    })
                }
                "math.pow" => {
                    V::Float(f(&a0, name)?.powf(f(args.get(1).unwrap_or(&V::None), name)?))
                }
                "math.isclose" => {
                    let (a, b) = (f(&a0, name)?, f(args.get(1).unwrap_or(&V::None), name)?);
                    V::Bool((a - b).abs() <= 1e-9 * a.abs().max(b.abs()))
                }
                "os.path.join" => {
                    let mut out = String::new();
                    for a in args {
                        let p = a.to_str();
                        if p.starts_with('/') {
                            out = p;
                        } else if out.is_empty() || out.ends_with('/') {
                            out.push_str(&p);
                        } else {
                            out.push('/');
                            out.push_str(&p);
                        }
                    }
                    V::Str(out)
                }
                "os.path.basename" => {
                    V::Str(a0.to_str().rsplit('/').next().unwrap_or("").to_string())
                }
                "os.path.dirname" => {
                    let p = a0.to_str();
                    V::Str(match p.rfind('/') {
                        Some(0) => "/".into(),
                        Some(k) => p[..k].trim_end_matches('/').to_string(),
                        None => String::new(),
                    })
                }
                "os.path.split" => {
                    let p = a0.to_str();
                    let (d, b) = match p.rfind('/') {
                        Some(k) => (p[..k].to_string(), p[k + 1..].to_string()),
                        None => (String::new(), p.clone()),
                    };
                    let d = if d.is_empty() && p.starts_with('/') {
                        "/".into()
                    } else {
                        d
                    };
                    V::Tuple(vec![V::Str(d), V::Str(b)])
                }
                "os.path.splitext" => {
                    let p = a0.to_str();
                    let base_start = p.rfind('/').map_or(0, |k| k + 1);
                    let base = &p[base_start..];
                    let dot = base
                        .rfind('.')
                        .filter(|&k| base[..k].chars().any(|c| c != '.'));
                    V::Tuple(match dot {
                        Some(k) => vec![
                            V::Str(p[..base_start + k].to_string()),
                            V::Str(base[k..].to_string()),
                        ],
                        None => vec![V::Str(p.clone()), V::Str(String::new())],
                    })
                }
                "os.path.isabs" => V::Bool(a0.to_str().starts_with('/')),
                "os.path.abspath" => V::Str(self.p.abs(&a0.to_str())),
                "json.loads" => {
                    let text = a0.to_str();
                    match serde_json::from_str::<serde_json::Value>(&text) {
                        Ok(j) => from_json(&j),
                        Err(e) => {
                            return Err(err(
                                "json.decoder.JSONDecodeError",
                                format!(
                                    "{}: line {} column {} (char {})",
                                    json_reason(&e),
                                    e.line(),
                                    e.column(),
                                    e.column().saturating_sub(1)
                                ),
                            ))
                        }
                    }
                }
                "json.dumps" => {
                    let indent = match kwget("indent") {
                        Some(V::Int(i)) => Some(i.clamp(0, 64) as usize),
                        _ => None,
                    };
                    let sort = kwget("sort_keys").is_some_and(|v| v.truthy());
                    V::Str(json_dumps(&a0, indent, sort, 0))
                }
                "sys.stdout.write" | "sys.stderr.write" => {
                    let s = match &a0 {
                        V::Str(s) => s.clone(),
                        o => {
                            return Err(err(
                                "TypeError",
                                format!("write() argument must be str, not {}", o.type_name()),
                            ))
                        }
                    };
                    if name == "sys.stderr.write" {
                        self.p.out.err(s.clone());
                    } else {
                        self.write(&s);
                    }
                    V::Int(s.chars().count() as i64)
                }
                "sys.getrecursionlimit" => V::Int(1000),
                _ => return Err(err("", "")),
            })
        })();
        match r {
            Err(Ctl::Err(e)) if e.kind.is_empty() => None,
            r => Some(r),
        }
    }
}

/// CPython's wording of a JSON syntax error (the common case).
fn json_reason(_e: &serde_json::Error) -> &'static str {
    "Expecting value"
}

/// A JSON document as Python values.
fn from_json(j: &serde_json::Value) -> V {
    use serde_json::Value as J;
    match j {
        J::Null => V::None,
        J::Bool(b) => V::Bool(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => V::Int(i),
            None => V::Float(n.as_f64().unwrap_or(0.0)),
        },
        J::String(s) => V::Str(s.clone()),
        J::Array(a) => V::List(Rc::new(RefCell::new(a.iter().map(from_json).collect()))),
        J::Object(o) => V::Dict(Rc::new(RefCell::new(
            o.iter()
                .map(|(k, v)| (V::Str(k.clone()), from_json(v)))
                .collect(),
        ))),
    }
}

/// `json.dumps` with Python's separators, `indent` and `sort_keys`.
fn json_dumps(v: &V, indent: Option<usize>, sort: bool, level: usize) -> String {
    let (open_sep, item_sep, close_sep) = match indent {
        Some(n) => (
            format!("\n{}", " ".repeat(n * (level + 1))),
            format!(",\n{}", " ".repeat(n * (level + 1))),
            format!("\n{}", " ".repeat(n * level)),
        ),
        None => (String::new(), ", ".to_string(), String::new()),
    };
    match v {
        V::List(_) | V::Tuple(_) => {
            let items: Vec<V> = match v {
                V::List(l) => l.borrow().clone(),
                V::Tuple(t) => t.clone(),
                _ => Vec::new(),
            };
            if items.is_empty() {
                return "[]".into();
            }
            let parts: Vec<String> = items
                .iter()
                .map(|x| json_dumps(x, indent, sort, level + 1))
                .collect();
            format!("[{open_sep}{}{close_sep}]", parts.join(&item_sep))
        }
        V::Dict(d) => {
            let mut items = d.borrow().clone();
            if items.is_empty() {
                return "{}".into();
            }
            if sort {
                items.sort_by_key(|a| a.0.to_str());
            }
            let parts: Vec<String> = items
                .iter()
                .map(|(k, x)| {
                    format!(
                        "{}: {}",
                        serde_json::Value::String(k.to_str()),
                        json_dumps(x, indent, sort, level + 1)
                    )
                })
                .collect();
            format!("{{{open_sep}{}{close_sep}}}", parts.join(&item_sep))
        }
        other => to_json(other),
    }
}
