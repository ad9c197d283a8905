//! Client-side formatting the container commands need: Docker's tabwriter
//! (min width 10, padding 3), human sizes, and a small Go-template engine
//! for `--format` / `-f` (fields, `json`, `index`, `range`, `if`, `table`).
//!
//! Kept local to the container commands until the shared `cli::format`
//! module offers the same; then these become thin re-exports.

use serde_json::Value;

/// Renders rows of tab-separated cells like
/// `tabwriter.NewWriter(out, minwidth, 1, 3, ' ', 0)`.
pub fn tabwrite(lines: &[String], minwidth: usize) -> String {
    let rows: Vec<Vec<&str>> = lines.iter().map(|l| l.split('\t').collect()).collect();
    let ncols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut widths = vec![0usize; ncols];
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if i + 1 < r.len() {
                widths[i] = widths[i].max(c.chars().count() + 3).max(minwidth);
            }
        }
    }
    let mut out = String::new();
    for r in &rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                let pad = widths[i].saturating_sub(c.chars().count());
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end_matches(' '));
        out.push('\n');
    }
    out
}

/// `units.HumanSizeWithPrecision(size, 3)` (base 1000).
pub fn human_size(size: f64) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut s = size;
    let mut i = 0;
    while s >= 1000.0 && i < UNITS.len() - 1 {
        s /= 1000.0;
        i += 1;
    }
    format!("{}{}", go_g3(s), UNITS[i])
}

/// `units.BytesSize` (base 1024, 4 significant digits: `1.523MiB`).
pub fn bytes_size(size: f64) -> String {
    const UNITS: [&str; 9] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
    let mut s = size;
    let mut i = 0;
    while s >= 1024.0 && i < UNITS.len() - 1 {
        s /= 1024.0;
        i += 1;
    }
    format!("{}{}", go_g(s, 4), UNITS[i])
}

fn go_g3(x: f64) -> String {
    go_g(x, 3)
}

/// Go's `%.Ng` for the magnitudes sizes take.
fn go_g(x: f64, prec: i32) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let exp = x.abs().log10().floor() as i32;
    let rounded = {
        let f = 10f64.powi(prec - 1 - exp);
        (x * f).round() / f
    };
    let exp2 = if rounded == 0.0 {
        0
    } else {
        rounded.abs().log10().floor() as i32
    };
    if exp2 >= prec {
        let mant = rounded / 10f64.powi(exp2);
        let m = trim_zeros(&format!("{:.*}", (prec - 1).max(0) as usize, mant));
        return format!("{m}e+{exp2:02}");
    }
    let decimals = (prec - 1 - exp2).max(0) as usize;
    trim_zeros(&format!("{rounded:.decimals$}"))
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
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

fn field(v: &Value, path: &str) -> Result<Value, TemplateError> {
    if path == "." {
        return Ok(v.clone());
    }
    let mut cur = v;
    for part in path.trim_start_matches('.').split('.') {
        match cur {
            Value::Object(m) => match m.get(part) {
                Some(x) => cur = x,
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

fn arg(v: &Value, tok: &str) -> Result<Value, TemplateError> {
    if tok.starts_with('"') && tok.ends_with('"') && tok.len() >= 2 {
        return Ok(Value::String(tok[1..tok.len() - 1].to_string()));
    }
    if tok.starts_with('.') {
        return field(v, tok);
    }
    if let Ok(n) = tok.parse::<i64>() {
        return Ok(Value::from(n));
    }
    Err(TemplateError(format!(
        "template: :1: function \"{tok}\" not defined"
    )))
}

fn eval(v: &Value, toks: &[String]) -> Result<Value, TemplateError> {
    let Some(first) = toks.first() else {
        return Ok(Value::String(String::new()));
    };
    match first.as_str() {
        "json" => {
            let x = arg(v, toks.get(1).map(String::as_str).unwrap_or("."))?;
            Ok(Value::String(serde_json::to_string(&x).unwrap_or_default()))
        }
        "index" => {
            let mut x = arg(v, toks.get(1).map(String::as_str).unwrap_or("."))?;
            for k in &toks[2.min(toks.len())..] {
                let key = arg(v, k)?;
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
            let x = go_print(&arg(v, toks.get(1).map(String::as_str).unwrap_or("."))?);
            Ok(Value::String(match first.as_str() {
                "upper" => x.to_uppercase(),
                "lower" => x.to_lowercase(),
                _ => x,
            }))
        }
        "join" => {
            let x = arg(v, toks.get(1).map(String::as_str).unwrap_or("."))?;
            let sep = toks
                .get(2)
                .map(|s| s.trim_matches('"').to_string())
                .unwrap_or_default();
            Ok(Value::String(match x {
                Value::Array(a) => a.iter().map(go_print).collect::<Vec<_>>().join(&sep),
                other => go_print(&other),
            }))
        }
        _ => arg(v, first),
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

fn exec(nodes: &[Node], v: &Value, out: &mut String) -> Result<(), TemplateError> {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Action(toks) => {
                let x = eval(v, toks)?;
                out.push_str(&go_print(&x));
            }
            Node::Range(toks, body) => match eval(v, toks)? {
                Value::Array(a) => {
                    for item in &a {
                        exec(body, item, out)?;
                    }
                }
                Value::Object(m) => {
                    for item in m.values() {
                        exec(body, item, out)?;
                    }
                }
                _ => {}
            },
            Node::If(toks, then, els) => {
                if truthy(&eval(v, toks)?) {
                    exec(then, v, out)?;
                } else {
                    exec(els, v, out)?;
                }
            }
        }
    }
    Ok(())
}

/// Renders a Go template against `v`. `\t` and `\n` escapes in the
/// template text are interpreted as the CLI does.
pub fn render(template: &str, v: &Value) -> Result<String, TemplateError> {
    let t = template.replace("\\t", "\t").replace("\\n", "\n");
    let nodes = parse(&t)?;
    let mut out = String::new();
    exec(&nodes, v, &mut out)?;
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
