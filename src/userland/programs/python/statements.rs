//! Parses logical lines into statements: simple statements, compound
//! statements and their indented blocks, decorators, assignments.

use super::*;

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
    let mut in_lambda = false;
    for (k, tok) in t.iter().enumerate() {
        if depth == 0 && *tok == Tok::Name("lambda".into()) {
            in_lambda = true;
        }
        if let Tok::Op(o) = tok {
            match o.as_str() {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth -= 1,
                ":" if depth == 0 => in_lambda = false,
                "=" if depth == 0 && !in_lambda => {
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
