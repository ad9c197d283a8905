//! `POST /images/create?fromImage=…&tag=…` (`docker pull`): the pull
//! progress as dockerd streams it, one JSON message a line
//! (`{"status":"Pulling fs layer","progressDetail":{},"id":"…"}`), as
//! moby's `jsonmessage` encodes it; an error before any progress is an
//! ordinary `{"message": …}` answer, one after is an `errorDetail` line.

use super::reply::{self, Reply};
use super::route::Call;
use crate::engine::image::name::parse_normalized;
use crate::engine::image::ops;
use crate::engine::{Engine, HostId};
use serde_json::json;

/// `POST /images/create`: pulls `fromImage` (with `tag`, a tag or a digest).
pub fn create(engine: &mut Engine, h: HostId, call: &Call) -> Reply {
    let Some(from) = call.query("fromImage").filter(|f| !f.is_empty()) else {
        if call.query("fromSrc").is_some() {
            return reply::error(
                501,
                "dockerlings: docker import is not available in this sandbox's Engine API",
            );
        }
        return reply::error(400, "fromImage or fromSrc is required");
    };
    let tag = call.query("tag").unwrap_or("");
    let reference = match tag {
        "" => from.to_string(),
        t if t.starts_with("sha256:") => format!("{from}@{t}"),
        t => format!("{from}:{t}"),
    };
    let named = match parse_normalized(&reference) {
        Ok(n) => n.with_default_tag(),
        Err(e) => return reply::error(400, &e.to_string()),
    };
    let mut lines = Vec::new();
    let res = ops::pull(engine, h, &named, &mut |l| lines.push(l.to_string()));
    if let Err(e) = &res {
        if lines.is_empty() {
            return reply::engine_error(e);
        }
    }
    let mut body = Vec::new();
    for l in &lines {
        body.extend_from_slice(message(l).to_string().as_bytes());
        body.push(b'\n');
    }
    if let Err(e) = res {
        let m = e.to_string();
        body.extend_from_slice(
            json!({"errorDetail": {"message": m}, "error": m})
                .to_string()
                .as_bytes(),
        );
        body.push(b'\n');
    }
    Reply {
        status: 200,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body,
        stream: true,
    }
}

/// One progress line (`ID: status` or a bare status) as a JSON message.
fn message(line: &str) -> serde_json::Value {
    let bare = line.starts_with("Digest: ") || line.starts_with("Status: ");
    match line.split_once(": ") {
        Some((id, status)) if !bare && !id.contains(' ') => {
            json!({"status": status, "progressDetail": {}, "id": id})
        }
        _ => json!({"status": line}),
    }
}

#[cfg(test)]
mod tests {
    use super::message;

    #[test]
    fn progress_lines_become_json_messages() {
        assert_eq!(
            message("latest: Pulling from library/alpine").to_string(),
            r#"{"id":"latest","progressDetail":{},"status":"Pulling from library/alpine"}"#
        );
        assert_eq!(
            message("Digest: sha256:ab").to_string(),
            r#"{"status":"Digest: sha256:ab"}"#
        );
    }
}
