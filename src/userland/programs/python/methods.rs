//! Methods of built-in types (str, list, dict, file) and of module objects (Flask, HTTPServer).

use super::*;

impl Interp<'_, '_> {
    pub(super) fn method(
        &mut self,
        recv: V,
        name: &str,
        args: Vec<V>,
        kw: Vec<(String, V)>,
    ) -> Result<V, Ctl> {
        if let V::Str(s) = &recv {
            if let Some(r) = str_method(s, name, &args) {
                return r;
            }
        }
        if matches!(recv, V::List(_) | V::Dict(_)) {
            if let Some(r) = self.container_method(&recv, name, &args, &kw) {
                return r;
            }
        }
        let a0 = args.first().cloned().unwrap_or(V::None);
        match (&recv, name) {
            (V::Obj(o), _) if o.borrow().class == "Flask" => match name {
                "route" | "get" | "post" => Ok(V::Builtin(format!("route:{}", a0.to_str()))),
                "run" => {
                    let host = kw
                        .iter()
                        .find(|(k, _)| k == "host")
                        .map(|(_, v)| v.to_str())
                        .or_else(|| args.first().map(V::to_str))
                        .unwrap_or_else(|| "127.0.0.1".into());
                    let port = kw
                        .iter()
                        .find(|(k, _)| k == "port")
                        .and_then(|(_, v)| v.num())
                        .or_else(|| args.get(1).and_then(V::num))
                        .unwrap_or(5000.0) as u16;
                    if self.serving {
                        return Ok(V::None);
                    }
                    let script_name = path::file_name(&self.script)
                        .trim_end_matches(".py")
                        .to_string();
                    self.flush();
                    let ip = self
                        .p
                        .sys
                        .interfaces()
                        .into_iter()
                        .find(|i| i.name != "lo")
                        .and_then(|i| i.addr)
                        .map(|a| a.0)
                        .unwrap_or_else(|| "172.17.0.2".into());
                    self.p.out.errln(format!(
                        " * Serving Flask app '{script_name}'\n * Debug mode: off"
                    ));
                    self.p.out.errln("\u{1b}[31m\u{1b}[1mWARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.\u{1b}[0m");
                    if host == "0.0.0.0" {
                        self.p.out.errln(format!(" * Running on all addresses (0.0.0.0)\n * Running on http://127.0.0.1:{port}\n * Running on http://{ip}:{port}"));
                    } else {
                        self.p
                            .out
                            .errln(format!(" * Running on http://{host}:{port}"));
                    }
                    self.p.out.errln("\u{1b}[33mPress CTRL+C to quit\u{1b}[0m");
                    Err(Ctl::Flow(super::super::service_flow(Service::Python(
                        self.webapp("flask", &host, port),
                    ))))
                }
                _ => Err(err(
                    "AttributeError",
                    format!("'Flask' object has no attribute '{name}'"),
                )),
            },
            (V::Obj(o), "serve_forever") if o.borrow().class == "HTTPServer" => {
                let port = o
                    .borrow()
                    .attrs
                    .get("port")
                    .and_then(V::num)
                    .unwrap_or(8000.0) as u16;
                let host = o
                    .borrow()
                    .attrs
                    .get("host")
                    .map(V::to_str)
                    .unwrap_or_default();
                self.flush();
                Err(Ctl::Flow(super::super::service_flow(Service::Python(
                    self.webapp(
                        "static",
                        if host.is_empty() { "0.0.0.0" } else { &host },
                        port,
                    ),
                ))))
            }
            (V::Obj(o), _) if o.borrow().class == "environ" => match name {
                "get" => Ok(o
                    .borrow()
                    .attrs
                    .get(&a0.to_str())
                    .cloned()
                    .unwrap_or(args.get(1).cloned().unwrap_or(V::None))),
                "keys" | "items" | "values" => {
                    let b = o.borrow();
                    let v: Vec<V> = b
                        .attrs
                        .iter()
                        .map(|(k, v)| match name {
                            "keys" => V::Str(k.clone()),
                            "values" => v.clone(),
                            _ => V::Tuple(vec![V::Str(k.clone()), v.clone()]),
                        })
                        .collect();
                    Ok(V::List(Rc::new(RefCell::new(v))))
                }
                _ => Err(err(
                    "AttributeError",
                    format!("'_Environ' object has no attribute '{name}'"),
                )),
            },
            (V::Obj(o), _) if o.borrow().class == "file" => {
                let data = o
                    .borrow()
                    .attrs
                    .get("_data")
                    .map(V::to_str)
                    .unwrap_or_default();
                match name {
                    "read" => Ok(V::Str(data)),
                    "readlines" => Ok(V::List(Rc::new(RefCell::new(
                        data.split_inclusive('\n')
                            .map(|l| V::Str(l.into()))
                            .collect(),
                    )))),
                    "write" => {
                        let s = a0.to_str();
                        o.borrow_mut()
                            .attrs
                            .insert("_data".into(), V::Str(format!("{data}{s}")));
                        // written through, as if the file were flushed when
                        // the object is collected
                        self.close_file(o);
                        Ok(V::Int(s.chars().count() as i64))
                    }
                    "close" => {
                        self.close_file(o);
                        Ok(V::None)
                    }
                    _ => Ok(V::None),
                }
            }
            (V::Obj(o), _) => {
                let f = o.borrow().attrs.get(name).cloned();
                match f {
                    Some(V::Func(def)) => self.call_func(&def, args, kw, Some(recv.clone())),
                    _ => Err(err(
                        "AttributeError",
                        format!("'{}' object has no attribute '{name}'", o.borrow().class),
                    )),
                }
            }
            (V::Module(m), "write") if m.starts_with("sys.std") => {
                if m == "sys.stderr" {
                    self.p.out.err(a0.to_str());
                } else {
                    self.write(&a0.to_str());
                }
                Ok(V::None)
            }
            (V::Module(m), "flush") if m.starts_with("sys.std") => {
                self.flush();
                Ok(V::None)
            }
            (V::Str(s), _) => {
                let s = s.clone();
                Ok(match name {
                    "upper" => V::Str(s.to_uppercase()),
                    "lower" => V::Str(s.to_lowercase()),
                    "strip" => V::Str(s.trim().to_string()),
                    "lstrip" => V::Str(s.trim_start().to_string()),
                    "rstrip" => V::Str(if args.is_empty() {
                        s.trim_end().to_string()
                    } else {
                        s.trim_end_matches(|c| a0.to_str().contains(c)).to_string()
                    }),
                    "title" => V::Str(
                        s.split(' ')
                            .map(|w| {
                                let mut c = w.chars();
                                match c.next() {
                                    Some(f) => {
                                        f.to_uppercase().collect::<String>()
                                            + &c.as_str().to_lowercase()
                                    }
                                    None => String::new(),
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    "split" => {
                        let parts: Vec<V> = if args.is_empty() || matches!(a0, V::None) {
                            s.split_whitespace().map(|x| V::Str(x.into())).collect()
                        } else {
                            s.split(&a0.to_str()).map(|x| V::Str(x.into())).collect()
                        };
                        V::List(Rc::new(RefCell::new(parts)))
                    }
                    "splitlines" => V::List(Rc::new(RefCell::new(
                        s.lines().map(|x| V::Str(x.into())).collect(),
                    ))),
                    "join" => {
                        let items = self.iterate(a0)?;
                        V::Str(items.iter().map(V::to_str).collect::<Vec<_>>().join(&s))
                    }
                    "replace" => V::Str(s.replace(
                        &a0.to_str(),
                        &args.get(1).map(V::to_str).unwrap_or_default(),
                    )),
                    "startswith" => V::Bool(s.starts_with(&a0.to_str())),
                    "endswith" => V::Bool(s.ends_with(&a0.to_str())),
                    "find" => V::Int(
                        s.find(&a0.to_str())
                            .map(|i| s[..i].chars().count() as i64)
                            .unwrap_or(-1),
                    ),
                    "count" => V::Int(s.matches(&a0.to_str()).count() as i64),
                    "encode" | "decode" => V::Str(s),
                    "isdigit" => V::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit())),
                    "format" => V::Str(str_format(&s, &args, &kw)?),
                    _ => {
                        return Err(err(
                            "AttributeError",
                            format!("'str' object has no attribute '{name}'"),
                        ))
                    }
                })
            }
            (V::List(l), _) => {
                Ok(match name {
                    "append" => {
                        l.borrow_mut().push(a0);
                        V::None
                    }
                    "extend" => {
                        let items = self.iterate(a0)?;
                        l.borrow_mut().extend(items);
                        V::None
                    }
                    "pop" => {
                        let mut b = l.borrow_mut();
                        match args.first() {
                            Some(V::Int(i)) => {
                                let len = b.len() as i64;
                                let idx = if *i < 0 { i + len } else { *i };
                                if idx < 0 || idx >= len {
                                    return Err(err("IndexError", "pop index out of range"));
                                }
                                b.remove(idx as usize)
                            }
                            _ => b
                                .pop()
                                .ok_or_else(|| err("IndexError", "pop from empty list"))?,
                        }
                    }
                    "insert" => {
                        let i = a0.num().unwrap_or(0.0) as usize;
                        let v = args.get(1).cloned().unwrap_or(V::None);
                        let mut b = l.borrow_mut();
                        let i = i.min(b.len());
                        b.insert(i, v);
                        V::None
                    }
                    "sort" => {
                        l.borrow_mut().sort_by(|a, b| match (a, b) {
                            (V::Str(x), V::Str(y)) => x.cmp(y),
                            _ => a
                                .num()
                                .partial_cmp(&b.num())
                                .unwrap_or(std::cmp::Ordering::Equal),
                        });
                        V::None
                    }
                    "reverse" => {
                        l.borrow_mut().reverse();
                        V::None
                    }
                    "index" => {
                        V::Int(l.borrow().iter().position(|x| x.eq(&a0)).ok_or_else(|| {
                            err("ValueError", format!("{} is not in list", a0.repr()))
                        })? as i64)
                    }
                    "count" => V::Int(l.borrow().iter().filter(|x| x.eq(&a0)).count() as i64),
                    _ => {
                        return Err(err(
                            "AttributeError",
                            format!("'list' object has no attribute '{name}'"),
                        ))
                    }
                })
            }
            (V::Dict(d), _) => Ok(match name {
                "get" => d
                    .borrow()
                    .iter()
                    .find(|(k, _)| k.eq(&a0))
                    .map(|(_, v)| v.clone())
                    .unwrap_or(args.get(1).cloned().unwrap_or(V::None)),
                "keys" => V::List(Rc::new(RefCell::new(
                    d.borrow().iter().map(|(k, _)| k.clone()).collect(),
                ))),
                "values" => V::List(Rc::new(RefCell::new(
                    d.borrow().iter().map(|(_, v)| v.clone()).collect(),
                ))),
                "items" => V::List(Rc::new(RefCell::new(
                    d.borrow()
                        .iter()
                        .map(|(k, v)| V::Tuple(vec![k.clone(), v.clone()]))
                        .collect(),
                ))),
                "update" => {
                    if let V::Dict(o) = a0 {
                        let items = o.borrow().clone();
                        for (k, v) in items {
                            let mut b = d.borrow_mut();
                            match b.iter_mut().find(|(a, _)| a.eq(&k)) {
                                Some(e) => e.1 = v,
                                None => b.push((k, v)),
                            }
                        }
                    }
                    V::None
                }
                _ => {
                    return Err(err(
                        "AttributeError",
                        format!("'dict' object has no attribute '{name}'"),
                    ))
                }
            }),
            (V::Builtin(b), _) => self.call(V::Builtin(format!("{b}.{name}")), args, kw),
            (other, _) => Err(err(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", other.type_name()),
            )),
        }
    }
}
