//! Methods of `str`, `list` and `dict` beyond the basics in `methods`:
//! searching, splitting, padding, predicates; `list.remove/sort(key=…)`;
//! `dict.pop/setdefault/update/copy`.

use super::*;

fn arg_str(args: &[V], k: usize, method: &str) -> Result<Option<String>, Ctl> {
    match args.get(k) {
        None | Some(V::None) => Ok(None),
        Some(V::Str(s)) => Ok(Some(s.clone())),
        Some(o) => Err(err(
            "TypeError",
            format!(
                "{method}() argument {} must be str or None, not {}",
                k + 1,
                o.type_name()
            ),
        )),
    }
}

fn pad_char(args: &[V], method: &str) -> Result<char, Ctl> {
    match args.get(1) {
        None => Ok(' '),
        Some(V::Str(s)) if s.chars().count() == 1 => Ok(s.chars().next().unwrap_or(' ')),
        Some(_) => Err(err(
            "TypeError",
            format!("The fill character must be exactly one character long ({method})"),
        )),
    }
}

fn width(args: &[V]) -> Result<usize, Ctl> {
    match args.first() {
        Some(V::Int(i)) if *i > 1 << 24 => Err(err("MemoryError", "")),
        Some(V::Int(i)) => Ok((*i).max(0) as usize),
        Some(o) => Err(err(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                o.type_name()
            ),
        )),
        None => Err(err("TypeError", "expected at least 1 argument, got 0")),
    }
}

fn list(v: Vec<V>) -> V {
    V::List(Rc::new(RefCell::new(v)))
}

/// A `str` method, if implemented here.
pub(super) fn str_method(s: &str, name: &str, args: &[V]) -> Option<Result<V, Ctl>> {
    let r = (|| -> Result<V, Ctl> {
        let a0 = args.first().cloned().unwrap_or(V::None);
        Ok(match name {
            "strip" | "lstrip" | "rstrip" => {
                let chars = arg_str(args, 0, name)?;
                let f = |c: char| match &chars {
                    Some(set) => set.contains(c),
                    None => c.is_whitespace(),
                };
                V::Str(
                    match name {
                        "strip" => s.trim_matches(f),
                        "lstrip" => s.trim_start_matches(f),
                        _ => s.trim_end_matches(f),
                    }
                    .to_string(),
                )
            }
            "split" | "rsplit" => {
                let sep = arg_str(args, 0, name)?;
                let max = match args.get(1) {
                    Some(V::Int(i)) if *i >= 0 => Some(*i as usize),
                    _ => None,
                };
                let parts: Vec<String> = match (&sep, max) {
                    (Some(p), _) if p.is_empty() => {
                        return Err(err("ValueError", "empty separator"))
                    }
                    (Some(p), Some(m)) if name == "split" => {
                        s.splitn(m + 1, p.as_str()).map(String::from).collect()
                    }
                    (Some(p), Some(m)) => {
                        let mut v: Vec<String> =
                            s.rsplitn(m + 1, p.as_str()).map(String::from).collect();
                        v.reverse();
                        v
                    }
                    (Some(p), None) => s.split(p.as_str()).map(String::from).collect(),
                    (None, Some(m)) if name == "split" => {
                        let mut v = Vec::new();
                        let mut rest = s.trim_start();
                        while !rest.is_empty() {
                            if v.len() == m {
                                v.push(rest.to_string());
                                break;
                            }
                            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                            v.push(rest[..end].to_string());
                            rest = rest[end..].trim_start();
                        }
                        v
                    }
                    (None, _) => s.split_whitespace().map(String::from).collect(),
                };
                list(parts.into_iter().map(V::Str).collect())
            }
            "rfind" | "rindex" | "index" | "find" => {
                let sub = a0.to_str();
                let pos = if name.starts_with('r') {
                    s.rfind(&sub)
                } else {
                    s.find(&sub)
                };
                match pos {
                    Some(b) => V::Int(s[..b].chars().count() as i64),
                    None if name.ends_with("index") => {
                        return Err(err("ValueError", "substring not found"))
                    }
                    None => V::Int(-1),
                }
            }
            "ljust" | "rjust" | "center" => {
                let w = width(args)?;
                let fill = pad_char(args, name)?;
                let n = s.chars().count();
                if w <= n {
                    return Ok(V::Str(s.to_string()));
                }
                let total = w - n;
                let f = |k: usize| fill.to_string().repeat(k);
                V::Str(match name {
                    "ljust" => format!("{s}{}", f(total)),
                    "rjust" => format!("{}{s}", f(total)),
                    _ => {
                        let left = total / 2 + (total & n & 1);
                        format!("{}{s}{}", f(left), f(total - left))
                    }
                })
            }
            "zfill" => {
                let w = width(args)?;
                let n = s.chars().count();
                if w <= n {
                    return Ok(V::Str(s.to_string()));
                }
                let (sign, rest) = match s.chars().next() {
                    Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                    _ => (String::new(), s),
                };
                V::Str(format!("{sign}{}{rest}", "0".repeat(w - n)))
            }
            "isalpha" => V::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic)),
            "isalnum" => V::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric)),
            "isdigit" | "isnumeric" | "isdecimal" => {
                V::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
            }
            "isspace" => V::Bool(!s.is_empty() && s.chars().all(char::is_whitespace)),
            "isupper" | "islower" => {
                let cased: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
                V::Bool(
                    !cased.is_empty()
                        && cased.iter().all(|c| {
                            if name == "isupper" {
                                c.is_uppercase()
                            } else {
                                c.is_lowercase()
                            }
                        }),
                )
            }
            "istitle" => {
                let t = title(s);
                V::Bool(s.chars().any(char::is_alphabetic) && t == s)
            }
            "title" => V::Str(title(s)),
            "capitalize" => {
                let mut cs = s.chars();
                V::Str(match cs.next() {
                    Some(c) => c.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
                    None => String::new(),
                })
            }
            "swapcase" => V::Str(
                s.chars()
                    .map(|c| {
                        if c.is_uppercase() {
                            c.to_lowercase().collect::<String>()
                        } else {
                            c.to_uppercase().collect()
                        }
                    })
                    .collect(),
            ),
            "removeprefix" => V::Str(
                s.strip_prefix(a0.to_str().as_str())
                    .unwrap_or(s)
                    .to_string(),
            ),
            "removesuffix" => V::Str(
                s.strip_suffix(a0.to_str().as_str())
                    .unwrap_or(s)
                    .to_string(),
            ),
            "partition" | "rpartition" => {
                let sep = a0.to_str();
                let hit = if name == "partition" {
                    s.find(&sep)
                } else {
                    s.rfind(&sep)
                };
                let v = match hit {
                    Some(k) => vec![
                        s[..k].to_string(),
                        sep.clone(),
                        s[k + sep.len()..].to_string(),
                    ],
                    None if name == "partition" => {
                        vec![s.to_string(), String::new(), String::new()]
                    }
                    None => vec![String::new(), String::new(), s.to_string()],
                };
                V::Tuple(v.into_iter().map(V::Str).collect())
            }
            "startswith" | "endswith" => {
                let pats = match &a0 {
                    V::Tuple(t) => t.iter().map(V::to_str).collect(),
                    v => vec![v.to_str()],
                };
                V::Bool(pats.iter().any(|p| {
                    if name == "startswith" {
                        s.starts_with(p.as_str())
                    } else {
                        s.ends_with(p.as_str())
                    }
                }))
            }
            "count" => {
                let sub = a0.to_str();
                V::Int(if sub.is_empty() {
                    s.chars().count() as i64 + 1
                } else {
                    s.matches(&sub).count() as i64
                })
            }
            "join" => {
                let items = match &a0 {
                    V::List(l) => l.borrow().clone(),
                    V::Tuple(t) => t.clone(),
                    V::Str(x) => x.chars().map(|c| V::Str(c.to_string())).collect(),
                    V::Dict(d) => d.borrow().iter().map(|x| x.0.clone()).collect(),
                    o => {
                        return Err(err(
                            "TypeError",
                            format!("can only join an iterable, not {}", o.type_name()),
                        ))
                    }
                };
                let mut parts = Vec::with_capacity(items.len());
                for (k, x) in items.iter().enumerate() {
                    match x {
                        V::Str(t) => parts.push(t.clone()),
                        o => {
                            return Err(err(
                                "TypeError",
                                format!(
                                    "sequence item {k}: expected str instance, {} found",
                                    o.type_name()
                                ),
                            ))
                        }
                    }
                }
                V::Str(parts.join(s))
            }
            "encode" => {
                return Err(err(
                    "NotImplementedError",
                    "bytes are not available in this sandbox",
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

fn title(s: &str) -> String {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if c.is_alphabetic() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = true;
        } else {
            out.push(c);
            prev_cased = false;
        }
    }
    out
}

impl Interp<'_, '_> {
    /// A `list` or `dict` method, if implemented here.
    pub(super) fn container_method(
        &mut self,
        recv: &V,
        name: &str,
        args: &[V],
        kw: &[(String, V)],
    ) -> Option<Result<V, Ctl>> {
        let a0 = args.first().cloned().unwrap_or(V::None);
        let r = (|| -> Result<V, Ctl> {
            Ok(match (recv, name) {
                (V::List(l), "remove") => {
                    let pos = l.borrow().iter().position(|x| x.eq(&a0));
                    match pos {
                        Some(p) => {
                            l.borrow_mut().remove(p);
                            V::None
                        }
                        None => return Err(err("ValueError", "list.remove(x): x not in list")),
                    }
                }
                (V::List(l), "index") => {
                    let pos = l.borrow().iter().position(|x| x.eq(&a0));
                    match pos {
                        Some(p) => V::Int(p as i64),
                        None => {
                            return Err(err("ValueError", format!("{} is not in list", a0.repr())))
                        }
                    }
                }
                (V::List(l), "sort") => {
                    let items = l.borrow().clone();
                    let sorted =
                        self.call(V::Builtin("sorted".into()), vec![list(items)], kw.to_vec())?;
                    if let V::List(s) = sorted {
                        *l.borrow_mut() = s.borrow().clone();
                    }
                    V::None
                }
                (V::List(l), "copy") => list(l.borrow().clone()),
                (V::List(l), "clear") => {
                    l.borrow_mut().clear();
                    V::None
                }
                (V::Dict(d), "pop") => {
                    let pos = d.borrow().iter().position(|(k, _)| k.eq(&a0));
                    match (pos, args.get(1)) {
                        (Some(p), _) => d.borrow_mut().remove(p).1,
                        (None, Some(default)) => default.clone(),
                        (None, None) => return Err(err("KeyError", a0.repr())),
                    }
                }
                (V::Dict(d), "setdefault") => {
                    let found = d
                        .borrow()
                        .iter()
                        .find(|(k, _)| k.eq(&a0))
                        .map(|x| x.1.clone());
                    match found {
                        Some(v) => v,
                        None => {
                            let v = args.get(1).cloned().unwrap_or(V::None);
                            d.borrow_mut().push((a0, v.clone()));
                            v
                        }
                    }
                }
                (V::Dict(d), "update") => {
                    let mut pairs: Vec<(V, V)> = match &a0 {
                        V::Dict(o) => o.borrow().clone(),
                        V::None => Vec::new(),
                        other => {
                            let mut v = Vec::new();
                            for item in self.iterate(other.clone())? {
                                let kv = self.iterate(item)?;
                                if kv.len() != 2 {
                                    return Err(err("ValueError", "dictionary update sequence element #0 has length 1; 2 is required"));
                                }
                                v.push((kv[0].clone(), kv[1].clone()));
                            }
                            v
                        }
                    };
                    pairs.extend(kw.iter().map(|(k, v)| (V::Str(k.clone()), v.clone())));
                    let mut dd = d.borrow_mut();
                    for (k, v) in pairs {
                        match dd.iter_mut().find(|(a, _)| a.eq(&k)) {
                            Some(x) => x.1 = v,
                            None => dd.push((k, v)),
                        }
                    }
                    V::None
                }
                (V::Dict(d), "copy") => V::Dict(Rc::new(RefCell::new(d.borrow().clone()))),
                (V::Dict(d), "clear") => {
                    d.borrow_mut().clear();
                    V::None
                }
                _ => return Err(err("", "")),
            })
        })();
        match r {
            Err(Ctl::Err(e)) if e.kind.is_empty() => None,
            r => Some(r),
        }
    }
}
