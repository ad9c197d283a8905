//! Client-side formatting the container commands need: thin wrappers over
//! `cli::format` (tabwriter, sizes) and a small Go-template engine for
//! `--format` / `-f` (fields, `json`, `index`, `range`, `if`, `join`,
//! `table`) over JSON values.

use crate::cli::format::{table, units};
use serde_json::Value;

/// Renders rows of tab-separated cells with Docker's tabwriter
/// (`NewWriter(out, minwidth, 1, 3, ' ', 0)`).
pub fn tabwrite(lines: &[String], minwidth: usize) -> String {
    let mut text = lines.join("\n");
    text.push('\n');
    table::tabwrite_with(&text, minwidth, table::PADDING)
}

/// `units.HumanSizeWithPrecision(size, 3)` (base 1000).
pub fn human_size(size: f64) -> String {
    units::human_size_with_precision(size, 3)
}

/// `units.BytesSize` (base 1024, 4 significant digits: `1.523MiB`).
pub fn bytes_size(size: f64) -> String {
    units::bytes_size(size)
}

/// Errors of template parsing / execution, worded like Go's.
#[derive(Debug)]
pub struct TemplateError(pub String);

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Action(Vec<String>),
    Range(Vec<String>, Vec<Node>),
    If(Vec<String>, Vec<Node>, Vec<Node>),
}

fn tokenize(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_q = false;
    for ch in expr.chars() {
        match ch {
            '"' => {
                in_q = !in_q;
                cur.push(ch);
            }
            c if c.is_whitespace() && !in_q => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn parse(src: &str) -> Result<Vec<Node>, TemplateError> {
    let mut pieces: Vec<(bool, String)> = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("{{") {
        if i > 0 {
            pieces.push((false, rest[..i].to_string()));
        }
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else {
            return Err(TemplateError("template: :1: unclosed action".to_string()));
        };
        let inner = after[..j]
            .trim_start_matches('-')
            .trim_end_matches('-')
            .trim();
        pieces.push((true, inner.to_string()));
        rest = &after[j + 2..];
    }
    if !rest.is_empty() {
        pieces.push((false, rest.to_string()));
    }
    let mut pos = 0;
    let nodes = parse_list(&pieces, &mut pos, false)?;
    Ok(nodes.0)
}

fn parse_list(
    pieces: &[(bool, String)],
    pos: &mut usize,
    nested: bool,
) -> Result<(Vec<Node>, Option<String>), TemplateError> {
    let mut out = Vec::new();
    while *pos < pieces.len() {
        let (is_action, text) = &pieces[*pos];
        *pos += 1;
        if !is_action {
            out.push(Node::Text(text.clone()));
            continue;
        }
        let mut toks = tokenize(text);
        for kw in ["range", "if"] {
            if let Some(rest) = toks
                .first()
                .and_then(|t| t.strip_prefix(kw))
                .filter(|r| r.starts_with('.'))
            {
                let rest = rest.to_string();
                toks[0] = kw.to_string();
                toks.insert(1, rest);
            }
        }
        match toks.first().map(String::as_str) {
            Some("end") | Some("else") if nested => {
                return Ok((out, Some(toks[0].clone())));
            }
            Some("end") => return Err(TemplateError("template: :1: unexpected {{end}}".into())),
            Some("range") => {
                let (body, _) = parse_list(pieces, pos, true)?;
                out.push(Node::Range(toks[1..].to_vec(), body));
            }
            Some("if") => {
                let (then, term) = parse_list(pieces, pos, true)?;
                let els = if term.as_deref() == Some("else") {
                    parse_list(pieces, pos, true)?.0
                } else {
                    Vec::new()
                };
                out.push(Node::If(toks[1..].to_vec(), then, els));
            }
            _ => out.push(Node::Action(toks)),
        }
    }
    if nested {
        return Err(TemplateError("template: :1: unexpected EOF".into()));
    }
    Ok((out, None))
}

fn field(v: &Value, path: &str, lenient: bool) -> Result<Value, TemplateError> {
    if path == "." {
        return Ok(v.clone());
    }
    let mut cur = v;
    for part in path.trim_start_matches('.').split('.') {
        match cur {
            Value::Object(m) => match m.get(part) {
                Some(x) => cur = x,
                None if lenient => return Ok(Value::String("<no value>".into())),
                None => {
                    return Err(TemplateError(format!(
                    "template: :1: executing \"\" at <{path}>: map has no entry for key \"{part}\""
                )))
                }
            },
            Value::Null => return Ok(Value::Null),
            _ => {
                return Err(TemplateError(format!(
                    "template: :1: executing \"\" at <{path}>: can't evaluate field {part}"
                )))
            }
        }
    }
    Ok(cur.clone())
}

/// Go's `fmt.Sprint` of a decoded JSON value, as templates print it.
pub fn go_print(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(go_print).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => format!(
            "map[{}]",
            m.iter()
                .map(|(k, v)| format!("{k}:{}", go_print(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

fn arg(v: &Value, tok: &str, lenient: bool) -> Result<Value, TemplateError> {
    if tok.starts_with('"') && tok.ends_with('"') && tok.len() >= 2 {
        return Ok(Value::String(tok[1..tok.len() - 1].to_string()));
    }
    if tok.starts_with('.') {
        return field(v, tok, lenient);
    }
    if let Ok(n) = tok.parse::<i64>() {
        return Ok(Value::from(n));
    }
    Err(TemplateError(format!(
        "template: :1: function \"{tok}\" not defined"
    )))
}

fn eval(v: &Value, toks: &[String], lenient: bool) -> Result<Value, TemplateError> {
    let Some(first) = toks.first() else {
        return Ok(Value::String(String::new()));
    };
    match first.as_str() {
        "json" => {
            let x = arg(v, toks.get(1).map(String::as_str).unwrap_or("."), lenient)?;
            Ok(Value::String(serde_json::to_string(&x).unwrap_or_default()))
        }
        "index" => {
            let mut x = arg(v, toks.get(1).map(String::as_str).unwrap_or("."), lenient)?;
            for k in &toks[2.min(toks.len())..] {
                let key = arg(v, k, lenient)?;
                x = match (&x, &key) {
                    (Value::Object(m), Value::String(s)) => {
                        m.get(s).cloned().unwrap_or(Value::Null)
                    }
                    (Value::Array(a), Value::Number(n)) => a
                        .get(n.as_u64().unwrap_or(u64::MAX) as usize)
                        .cloned()
                        .ok_or_else(|| {
                            TemplateError(
                                "template: :1: error calling index: index out of range".into(),
                            )
                        })?,
                    _ => Value::Null,
                };
            }
            Ok(x)
        }
        "upper" | "lower" | "title" => {
            let x = go_print(&arg(
                v,
                toks.get(1).map(String::as_str).unwrap_or("."),
                lenient,
            )?);
            Ok(Value::String(match first.as_str() {
                "upper" => x.to_uppercase(),
                "lower" => x.to_lowercase(),
                _ => x,
            }))
        }
        "join" => {
            let x = arg(v, toks.get(1).map(String::as_str).unwrap_or("."), lenient)?;
            let sep = toks
                .get(2)
                .map(|s| s.trim_matches('"').to_string())
                .unwrap_or_default();
            Ok(Value::String(match x {
                Value::Array(a) => a.iter().map(go_print).collect::<Vec<_>>().join(&sep),
                other => go_print(&other),
            }))
        }
        _ => arg(v, first, lenient),
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

fn exec(nodes: &[Node], v: &Value, out: &mut String, lenient: bool) -> Result<(), TemplateError> {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Action(toks) => {
                let x = eval(v, toks, lenient)?;
                out.push_str(&go_print(&x));
            }
            Node::Range(toks, body) => match eval(v, toks, lenient)? {
                Value::Array(a) => {
                    for item in &a {
                        exec(body, item, out, lenient)?;
                    }
                }
                Value::Object(m) => {
                    for item in m.values() {
                        exec(body, item, out, lenient)?;
                    }
                }
                _ => {}
            },
            Node::If(toks, then, els) => {
                if truthy(&eval(v, toks, lenient)?) {
                    exec(then, v, out, lenient)?;
                } else {
                    exec(els, v, out, lenient)?;
                }
            }
        }
    }
    Ok(())
}

/// Renders a Go template against `v`. `\t` and `\n` escapes in the
/// template text are interpreted as the CLI does.
pub fn render(template: &str, v: &Value) -> Result<String, TemplateError> {
    render_with(template, v, false)
}

/// Like [`render`], but a missing key prints `<no value>` as Go does for
/// the raw JSON maps `docker inspect` falls back to.
pub fn render_lenient(template: &str, v: &Value) -> Result<String, TemplateError> {
    render_with(template, v, true)
}

fn render_with(template: &str, v: &Value, lenient: bool) -> Result<String, TemplateError> {
    let t = template.replace("\\t", "\t").replace("\\n", "\n");
    let nodes = parse(&t)?;
    let mut out = String::new();
    exec(&nodes, v, &mut out, lenient)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sizes() {
        assert_eq!(human_size(0.0), "0B");
        assert_eq!(human_size(1024.0), "1.02kB");
        assert_eq!(human_size(187_700_000.0), "188MB");
        assert_eq!(human_size(5_577_698.0), "5.58MB");
        assert_eq!(bytes_size(1_597_440.0), "1.523MiB");
    }

    #[test]
    fn tables() {
        let t = tabwrite(&["A\tBB\tC".into(), "long-cell-here\tx\ty".into()], 10);
        assert_eq!(
            t,
            "A                BB        C\nlong-cell-here   x         y\n"
        );
    }

    #[test]
    fn templates() {
        let v = json!({"State": {"Status": "running"}, "Config": {"Cmd": ["nginx", "-g", "daemon off;"]}, "Mounts": [], "Labels": {"a": "b"}});
        assert_eq!(render("{{.State.Status}}", &v).unwrap(), "running");
        assert_eq!(
            render("{{.Config.Cmd}}", &v).unwrap(),
            "[nginx -g daemon off;]"
        );
        assert_eq!(render("{{json .Mounts}}", &v).unwrap(), "[]");
        assert_eq!(render("{{index .Labels \"a\"}}", &v).unwrap(), "b");
        assert_eq!(render("{{if .Mounts}}x{{else}}y{{end}}", &v).unwrap(), "y");
        assert!(render("{{.Nope}}", &v).is_err());
    }
}
