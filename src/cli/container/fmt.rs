//! Client-side formatting the container commands need: thin wrappers over
//! `cli::format` (tabwriter, sizes, Go templates) with the options each
//! use wants (row templates typed as Docker's context structs, header rows,
//! `docker inspect -f`).

use crate::cli::format::{table, template, units};
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

/// A template error, with Docker's text.
#[derive(Debug)]
pub struct TemplateError(pub String);

fn opts(struct_type: Option<&str>, header: bool, nil: bool) -> template::ExecOptions {
    template::ExecOptions {
        struct_type: struct_type.map(str::to_string),
        header,
        nil_repr: if nil {
            Some(template::docker_nil_repr)
        } else {
            None
        },
    }
}

fn run(tpl: &str, v: &Value, o: &template::ExecOptions) -> Result<String, TemplateError> {
    let t = tpl.replace("\\t", "\t").replace("\\n", "\n");
    let parsed = template::Template::parse(&t)
        .map_err(|e| TemplateError(format!("template parsing error: {e}")))?;
    parsed
        .execute(v, o)
        .map_err(|(_, e)| TemplateError(format!("template parsing error: {e}")))
}

/// Renders a `--format` row template over `v`, standing for Go type
/// `struct_type` (`*formatter.ContainerContext`): an unknown field is an
/// error, as in Docker. `\t` and `\n` escapes are interpreted.
pub fn render_as(tpl: &str, v: &Value, struct_type: &str) -> Result<String, TemplateError> {
    run(tpl, v, &opts(Some(struct_type), false, false))
}

/// The header row of a `table` format: labels in place of fields, and
/// Docker's header functions (`json`, `join`, …) pass them through.
pub fn render_header(tpl: &str, labels: &Value) -> String {
    run(tpl, labels, &opts(None, true, false)).unwrap_or_default()
}

/// Renders a template as `docker inspect -f` does: over the inspect JSON,
/// a missing key printing `<no value>`, null slices and maps as Go prints
/// nil ones.
pub fn render_lenient(tpl: &str, v: &Value) -> Result<String, TemplateError> {
    let parsed = template::Template::parse(tpl)
        .map_err(|e| TemplateError(format!("template parsing error: {e}")))?;
    parsed
        .execute(v, &opts(None, false, true))
        .map_err(|(_, e)| TemplateError(e.to_string()))
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
        let v = json!({"State": {"Status": "running"}, "Config": {"Cmd": ["nginx", "-g", "daemon off;"], "Entrypoint": null}, "Mounts": [], "Labels": {"a": "b"}});
        assert_eq!(render_lenient("{{.State.Status}}", &v).unwrap(), "running");
        assert_eq!(
            render_lenient("{{.Config.Cmd}}", &v).unwrap(),
            "[nginx -g daemon off;]"
        );
        assert_eq!(render_lenient("{{json .Mounts}}", &v).unwrap(), "[]");
        assert_eq!(render_lenient("{{index .Labels \"a\"}}", &v).unwrap(), "b");
        assert_eq!(render_lenient("{{.Nope}}", &v).unwrap(), "<no value>");
        assert!(render_as(
            "{{.Nope}}",
            &json!({"Names": "x"}),
            "*formatter.ContainerContext"
        )
        .is_err());
        assert_eq!(
            render_header(
                "{{.Names}}\\t{{json .Labels}}",
                &json!({"Names": "NAMES", "Labels": "LABELS"})
            ),
            "NAMES\tLABELS"
        );
    }
}
