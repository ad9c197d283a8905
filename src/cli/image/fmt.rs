//! Client-side formatting the image commands need: sizes, durations,
//! `Ellipsis` and tables from `cli::format`, and Go's indented JSON with
//! struct field order (`docker image inspect`).

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
