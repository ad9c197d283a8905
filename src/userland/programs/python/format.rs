//! Format specs (`{:>8}`, `{:.2f}`) and JSON encoding of values.

use super::*;

pub(super) fn apply_spec(v: &V, text: &str, spec: Option<&str>) -> String {
    let Some(spec) = spec else {
        return text.to_string();
    };
    if let Some(p) = spec.strip_prefix('.').and_then(|x| x.strip_suffix('f')) {
        let prec: usize = p.parse().unwrap_or(6);
        return format!("{:.prec$}", v.num().unwrap_or(0.0));
    }
    if let Some(w) = spec.strip_prefix('>') {
        return format!("{text:>width$}", width = w.parse().unwrap_or(0));
    }
    if let Some(w) = spec.strip_prefix('<') {
        return format!("{text:<width$}", width = w.parse().unwrap_or(0));
    }
    if let Ok(w) = spec.parse::<usize>() {
        return if matches!(v, V::Str(_)) {
            format!("{text:<w$}")
        } else {
            format!("{text:>w$}")
        };
    }
    text.to_string()
}

pub(super) fn to_json(v: &V) -> String {
    match v {
        V::None => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Int(_) | V::Float(_) => v.to_str(),
        V::Str(s) => serde_json::Value::String(s.clone()).to_string(),
        V::List(l) => format!(
            "[{}]",
            l.borrow()
                .iter()
                .map(to_json)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        V::Tuple(t) => format!("[{}]", t.iter().map(to_json).collect::<Vec<_>>().join(", ")),
        V::Dict(d) => format!(
            "{{{}}}",
            d.borrow()
                .iter()
                .map(|(k, v)| format!("{}: {}", serde_json::Value::String(k.to_str()), to_json(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => serde_json::Value::String(other.to_str()).to_string(),
    }
}
