//! JSON encoding of values (`json.dumps`, Flask's `jsonify`).

use super::*;

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
