//! Client-side formatting the image commands need: `go-units` sizes and
//! durations, `Ellipsis`, the CLI's tabwriter (min width 10, padding 3) and
//! a small Go-template subset (`{{.Field}}`, `{{.A.B}}`, `{{json .X}}`,
//! `{{index .X N}}`, `{{join .X "sep"}}`). Private stand-ins until
//! `cli::format` lands.

/// `units.HumanSizeWithPrecision(size, precision)` (base 1000).
pub fn human_size(size: u64, precision: usize) -> String {
    const UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    let mut s = size as f64;
    let mut i = 0;
    while s >= 1000.0 && i < UNITS.len() - 1 {
        s /= 1000.0;
        i += 1;
    }
    format!("{}{}", go_g(s, precision), UNITS[i])
}

/// Go's `%.*g`.
pub fn go_g(v: f64, prec: usize) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let p = prec.max(1);
    let e = format!("{:.*e}", p - 1, v);
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if exp < -4 || exp >= p as i32 {
        let mant = trim_zeros(mant);
        format!("{mant}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        trim_zeros(&format!("{v:.decimals$}")).to_string()
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// `units.HumanDuration`.
pub fn human_duration(ms: i64) -> String {
    let secs = ms / 1000;
    if secs < 1 {
        return "Less than a second".into();
    }
    if secs == 1 {
        return "1 second".into();
    }
    if secs < 60 {
        return format!("{secs} seconds");
    }
    let mins = secs / 60;
    if mins == 1 {
        return "About a minute".into();
    }
    if mins < 60 {
        return format!("{mins} minutes");
    }
    let hours = (secs as f64 / 3600.0 + 0.5) as i64;
    if hours == 1 {
        return "About an hour".into();
    }
    if hours < 48 {
        return format!("{hours} hours");
    }
    let h = secs / 3600;
    if h < 24 * 7 * 2 {
        return format!("{} days", h / 24);
    }
    if h < 24 * 30 * 2 {
        return format!("{} weeks", h / 24 / 7);
    }
    if h < 24 * 365 * 2 {
        return format!("{} months", h / 24 / 30);
    }
    format!("{} years", h / 24 / 365)
}

/// `formatter.Ellipsis`: at most `max` characters, the last one `…`.
pub fn ellipsis(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)` over rows of cells.
#[derive(Default)]
pub struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new() -> Table {
        Table::default()
    }
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
    pub fn render(&self) -> String {
        let cols = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0usize; cols];
        for r in &self.rows {
            for (i, c) in r.iter().enumerate() {
                if i + 1 < r.len() {
                    widths[i] = widths[i].max((c.chars().count() + 3).max(10));
                }
            }
        }
        let mut out = String::new();
        for r in &self.rows {
            let mut line = String::new();
            for (i, c) in r.iter().enumerate() {
                line.push_str(c);
                if i + 1 < r.len() {
                    for _ in c.chars().count()..widths[i] {
                        line.push(' ');
                    }
                }
            }
            out.push_str(&line);
            out.push('\n');
        }
        out
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
    fn sizes_like_go_units() {
        for (n, s) in [
            (0, "0B"),
            (999, "999B"),
            (1000, "1kB"),
            (1024, "1.02kB"),
            (10072, "10.1kB"),
            (13256, "13.3kB"),
            (5_577_698, "5.58MB"),
            (72_800_000, "72.8MB"),
            (187_700_000, "188MB"),
            (1_089_000_000, "1.09GB"),
            (999_500, "1e+03kB"),
        ] {
            assert_eq!(human_size(n, 3), s);
        }
        assert_eq!(human_size(1024, 4), "1.024kB");
        assert_eq!(human_size(10072, 4), "10.07kB");
    }

    #[test]
    fn durations_like_go_units() {
        assert_eq!(human_duration(500), "Less than a second");
        assert_eq!(human_duration(59_000), "59 seconds");
        assert_eq!(human_duration(90_000), "About a minute");
        assert_eq!(human_duration(89 * 60_000), "About an hour");
        assert_eq!(human_duration(47 * 3_600_000), "47 hours");
        assert_eq!(human_duration(3 * 86_400_000), "3 days");
        assert_eq!(human_duration(20 * 86_400_000), "2 weeks");
        assert_eq!(human_duration(90 * 86_400_000), "3 months");
        assert_eq!(human_duration(800 * 86_400_000), "2 years");
    }

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
