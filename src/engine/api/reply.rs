//! Answers of the Engine API as dockerd writes them: JSON documents (Go's
//! `json.Encoder`, so a trailing newline), `{"message": …}` errors, empty
//! 204s and streams, with dockerd's headers in the order Go's `net/http`
//! sends them (the handler's headers sorted, then `Date`, then
//! `Content-Length` or `Transfer-Encoding: chunked`, then a sniffed
//! `Content-Type`).

use crate::engine::clock::{strftime, Millis};
use crate::engine::error::EngineError;
use crate::proto::http::HttpResponse;
use serde::Serialize;

/// What `Server:` says.
pub const SERVER: &str = "Docker/28.5.2 (linux)";

/// Go's `bufferBeforeChunkingSize`: a larger body is sent chunked.
const CHUNKING_SIZE: usize = 2048;

/// A handler's answer before the common headers are added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    /// Headers the handler set.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// A stream flushed as it is written (logs, pull progress): always
    /// chunked.
    pub stream: bool,
}

/// A JSON document with `status` (`httputils.WriteJSON`).
pub fn json<T: Serialize>(status: u16, doc: &T) -> Reply {
    let mut body = serde_json::to_vec(doc).unwrap_or_default();
    body.push(b'\n');
    Reply {
        status,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body,
        stream: false,
    }
}

/// An error document: `{"message":"…"}`.
pub fn error(status: u16, message: &str) -> Reply {
    #[derive(Serialize)]
    struct ErrorResponse<'a> {
        message: &'a str,
    }
    json(status, &ErrorResponse { message })
}

/// The daemon's error `e` with its status.
pub fn engine_error(e: &EngineError) -> Reply {
    error(e.status(), &e.to_string())
}

/// An answer without a body (`204 No Content`, `304 Not Modified`).
pub fn empty(status: u16) -> Reply {
    Reply {
        status,
        ..Reply::default()
    }
}

/// The reason phrase of `status`.
pub fn reason(status: u16) -> &'static str {
    match status {
        101 => "UPGRADED",
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        500 => "Internal Server Error",
        _ => "",
    }
}

impl Reply {
    /// The HTTP response dockerd sends at `now` (`head`: no body).
    pub fn into_http(self, now: Millis, head: bool) -> HttpResponse {
        let mut headers: Vec<(String, String)> = vec![
            ("Api-Version".into(), super::API_VERSION.into()),
            ("Docker-Experimental".into(), "false".into()),
            ("Ostype".into(), "linux".into()),
            ("Server".into(), SERVER.into()),
        ];
        headers.extend(self.headers.iter().cloned());
        headers.sort_by(|a, b| a.0.cmp(&b.0));
        let has = |k: &str| headers.iter().any(|(n, _)| n == k);
        let explicit_length = has("Content-Length");
        let explicit_type = has("Content-Type");
        headers.push(("Date".into(), strftime(now, "%a, %d %b %Y %T GMT")));
        let bodyless = matches!(self.status, 101 | 204 | 304);
        if !bodyless && !explicit_length {
            if self.stream || self.body.len() > CHUNKING_SIZE {
                headers.push(("Transfer-Encoding".into(), "chunked".into()));
            } else {
                headers.push(("Content-Length".into(), self.body.len().to_string()));
            }
        }
        if !bodyless && !explicit_type && !self.body.is_empty() {
            headers.push(("Content-Type".into(), sniff(&self.body).into()));
        }
        HttpResponse {
            status: self.status,
            reason: reason(self.status).into(),
            headers,
            body: if head { Vec::new() } else { self.body },
        }
    }
}

/// Go's `http.DetectContentType` for the bodies dockerd writes untyped.
fn sniff(body: &[u8]) -> &'static str {
    let printable = body
        .iter()
        .all(|&b| b >= 0x20 || matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b));
    if printable {
        "text/plain; charset=utf-8"
    } else {
        "application/octet-stream"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(r: &HttpResponse) -> Vec<&str> {
        r.headers.iter().map(|(k, _)| k.as_str()).collect()
    }

    #[test]
    fn json_error_and_headers_in_go_order() {
        let r = error(404, "page not found").into_http(0, false);
        assert_eq!(r.body, b"{\"message\":\"page not found\"}\n");
        assert_eq!(r.reason, "Not Found");
        assert_eq!(
            names(&r),
            [
                "Api-Version",
                "Content-Type",
                "Docker-Experimental",
                "Ostype",
                "Server",
                "Date",
                "Content-Length"
            ]
        );
        assert_eq!(r.headers[5].1, "Thu, 01 Jan 1970 00:00:00 GMT");
        let e = empty(204).into_http(0, false);
        assert!(!names(&e).contains(&"Content-Length"));
        let big = json(200, &vec![0u32; 2000]).into_http(0, false);
        assert!(names(&big).contains(&"Transfer-Encoding"));
    }
}
