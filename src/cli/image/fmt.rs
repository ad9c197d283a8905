//! Client-side formatting the image commands need: sizes, durations,
//! `Ellipsis` and tables from `cli::format`, plus a small Go-template
//! subset (`{{.Field}}`, `{{.A.B}}`, `{{json .X}}`, `{{index .X N}}`,
//! `{{join .X "sep"}}`) and Go's indented JSON with struct field order.

use crate::cli::format::{table, units};

/// `units.HumanSizeWithPrecision(size, precision)` (base 1000).
pub fn human_size(size: u64, precision: usize) -> String {
    units::human_size_with_precision(size as f64, precision)
}

/// `units.HumanDuration`.
pub fn human_duration(ms: i64) -> String {
    units::human_duration(ms)
}

/// `formatter.Ellipsis`.
pub fn ellipsis(s: &str, max: usize) -> String {
    table::ellipsis(s, max)
}

/// Rows of cells laid out by the CLI's tabwriter (`cli::format::table`).
#[derive(Default)]
pub struct Table {
    text: String,
}

impl Table {
    pub fn new() -> Table {
        Table::default()
    }
    pub fn row(&mut self, cells: Vec<String>) {
        self.text.push_str(&cells.join("\t"));
        self.text.push('\n');
    }
    pub fn render(&self) -> String {
        table::tabwrite(&self.text)
    }
}

#[derive(Clone, Debug)]
enum Part {
    Text(String),
    Field(Vec<String>),
    Json(Vec<String>),
    Index(Vec<String>, usize),
    Join(Vec<String>, String),
}

/// A parsed template.
#[derive(Clone, Debug)]
pub struct Template {
    parts: Vec<Part>,
}

fn path_of(s: &str) -> Result<Vec<String>, String> {
    let s = s.trim();
    if s == "." {
        return Ok(Vec::new());
    }
    let Some(rest) = s.strip_prefix('.') else {
        return Err(format!("function {s:?} not defined"));
    };
    Ok(rest.split('.').map(str::to_string).collect())
}

impl Template {
    pub fn parse(s: &str) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut rest = s;
        while let Some(i) = rest.find("{{") {
            if i > 0 {
                parts.push(Part::Text(rest[..i].to_string()));
            }
            let after = &rest[i + 2..];
            let Some(j) = after.find("}}") else {
                return Err("unclosed action".into());
            };
            let action = after[..j]
                .trim()
                .trim_start_matches('-')
                .trim_end_matches('-')
                .trim();
            let words: Vec<&str> = action.split_whitespace().collect();
            parts.push(match words.as_slice() {
                ["json", p] => Part::Json(path_of(p)?),
                ["index", p, n] => Part::Index(
                    path_of(p)?,
                    n.parse().map_err(|_| format!("bad index {n}"))?,
                ),
                ["join", p, sep @ ..] => {
                    Part::Join(path_of(p)?, sep.join(" ").trim_matches('"').to_string())
                }
                [p] => Part::Field(path_of(p)?),
                _ => return Err(format!("unsupported action {{{{{action}}}}}")),
            });
            rest = &after[j + 2..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Template { parts })
    }

    /// Renders over flat fields (`{{.ID}}`).
    pub fn render(&self, field: &dyn Fn(&str) -> Option<String>) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Field(path)
                | Part::Json(path)
                | Part::Index(path, _)
                | Part::Join(path, _) => {
                    let name = path.first().map(String::as_str).unwrap_or("");
                    out.push_str(&field(name).unwrap_or_else(|| "<no value>".into()));
                }
            }
        }
        out
    }

    /// Renders over a JSON document (inspect output).
    pub fn render_json(&self, v: &serde_json::Value) -> String {
        let get = |path: &[String]| -> Option<&serde_json::Value> {
            let mut cur = v;
            for k in path {
                cur = cur.get(k)?;
            }
            Some(cur)
        };
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Field(path) => match get(path) {
                    Some(x) => out.push_str(&go_print(x)),
                    None => out.push_str("<no value>"),
                },
                Part::Json(path) => out.push_str(
                    &get(path)
                        .map(|x| serde_json::to_string(x).unwrap_or_default())
                        .unwrap_or_else(|| "null".into()),
                ),
                Part::Index(path, n) => {
                    if let Some(x) = get(path).and_then(|a| a.get(*n)) {
                        out.push_str(&go_print(x));
                    }
                }
                Part::Join(path, sep) => {
                    if let Some(serde_json::Value::Array(a)) = get(path) {
                        out.push_str(&a.iter().map(go_print).collect::<Vec<_>>().join(sep));
                    }
                }
            }
        }
        out
    }
}

/// How Go's `fmt` prints a value in a template.
pub fn go_print(v: &serde_json::Value) -> String {
    use serde_json::Value;
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

/// `json.MarshalIndent(v, "", "    ")` of a Go struct: object keys listed in
/// `order` come first in that order (struct fields), the others after,
/// sorted (Go maps); `<`, `>`, `&` escaped as Go does.
pub fn go_json_indent(v: &serde_json::Value, order: &[&str]) -> String {
    let mut out = String::new();
    write_json(&mut out, v, order, 0);
    out
}

fn write_json(out: &mut String, v: &serde_json::Value, order: &[&str], depth: usize) {
    use serde_json::Value;
    let pad = |n: usize| "    ".repeat(n);
    match v {
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Array(a) => {
            out.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                write_json(out, x, order, depth + 1);
                if i + 1 < a.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&pad(depth));
            out.push(']');
        }
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_by_key(|k| {
                (
                    order.iter().position(|o| o == k).unwrap_or(usize::MAX),
                    (*k).clone(),
                )
            });
            out.push_str("{\n");
            for (i, k) in keys.iter().enumerate() {
                out.push_str(&pad(depth + 1));
                out.push_str(&go_escape(&serde_json::to_string(k).unwrap_or_default()));
                out.push_str(": ");
                write_json(out, &m[*k], order, depth + 1);
                if i + 1 < keys.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&pad(depth));
            out.push('}');
        }
        other => out.push_str(&go_escape(
            &serde_json::to_string(other).unwrap_or_default(),
        )),
    }
}

fn go_escape(s: &str) -> String {
    s.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabwriter_pads_to_min_10_plus_3() {
        let mut t = Table::new();
        t.row(vec![
            "REPOSITORY".into(),
            "TAG".into(),
            "IMAGE ID".into(),
            "CREATED".into(),
            "SIZE".into(),
        ]);
        assert_eq!(
            t.render(),
            "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n"
        );
    }
}
