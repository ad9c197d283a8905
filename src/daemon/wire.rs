//! HTTP/1.1 on the daemon's socket, as Go's `net/http` server reads and
//! writes it: the request line and headers (at most [`MAX_HEADER_BYTES`],
//! else `431`), a body by `Content-Length` or chunked (at most
//! [`MAX_BODY_BYTES`], else `413`), keep-alive; a malformed request gets
//! `400 Bad Request` and the connection is closed.

use crate::proto::http::{HttpRequest, HttpResponse};
use std::io::{BufRead, Read, Write};

/// Go's `http.DefaultMaxHeaderBytes` (1 MiB) plus its 4 KiB slack.
pub const MAX_HEADER_BYTES: usize = (1 << 20) + 4096;
/// The largest body the sandbox accepts (build contexts and archives
/// included): the sandbox keeps everything in memory.
pub const MAX_BODY_BYTES: usize = 64 << 20;

/// Why a request could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The client closed the connection between requests.
    Closed,
    /// An answer Go's server writes before closing: status and text.
    Reject(u16, &'static str),
}

impl ReadError {
    /// The bytes Go's server writes for a request it cannot read.
    pub fn answer(&self) -> Option<Vec<u8>> {
        let ReadError::Reject(status, text) = self else {
            return None;
        };
        let body = format!("{status} {text}");
        Some(
            format!(
                "HTTP/1.1 {status} {text}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n{body}"
            )
            .into_bytes(),
        )
    }
}

const BAD: ReadError = ReadError::Reject(400, "Bad Request");

/// Reads one line (CRLF or LF), counting it against `budget`.
fn line(r: &mut impl BufRead, budget: &mut usize) -> Result<Option<String>, ReadError> {
    let mut buf = Vec::new();
    let mut limited = r.take(*budget as u64 + 1);
    let n = limited.read_until(b'\n', &mut buf).map_err(|_| BAD)?;
    if n == 0 {
        return Ok(None);
    }
    if n > *budget {
        return Err(ReadError::Reject(431, "Request Header Fields Too Large"));
    }
    *budget -= n;
    if buf.last() != Some(&b'\n') {
        return Err(BAD);
    }
    buf.pop();
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    String::from_utf8(buf).map(Some).map_err(|_| BAD)
}

/// Reads the next request; `Err(Closed)` at a clean end of the connection.
pub fn read_request(r: &mut impl BufRead) -> Result<HttpRequest, ReadError> {
    let mut budget = MAX_HEADER_BYTES;
    let mut first = line(r, &mut budget)?.ok_or(ReadError::Closed)?;
    // Go skips empty lines before a request line.
    while first.is_empty() {
        first = line(r, &mut budget)?.ok_or(ReadError::Closed)?;
    }
    let mut parts = first.split(' ');
    let (Some(method), Some(target), Some(proto), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(BAD);
    };
    if method.is_empty()
        || !method.bytes().all(|b| b.is_ascii_graphic())
        || !target.starts_with('/')
        || !matches!(proto, "HTTP/1.1" | "HTTP/1.0")
    {
        return Err(BAD);
    }
    let mut headers = Vec::new();
    loop {
        let l = line(r, &mut budget)?.ok_or(BAD)?;
        if l.is_empty() {
            break;
        }
        let (k, v) = l.split_once(':').ok_or(BAD)?;
        if k.is_empty() || k.bytes().any(|b| b <= b' ' || b == 0x7f) {
            return Err(BAD);
        }
        headers.push((k.to_string(), v.trim().to_string()));
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let chunked = header("Transfer-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
    let body = if chunked {
        read_chunked(r)?
    } else if let Some(len) = header("Content-Length") {
        let len: usize = len.parse().map_err(|_| BAD)?;
        if len > MAX_BODY_BYTES {
            return Err(ReadError::Reject(413, "Request Entity Too Large"));
        }
        let mut body = vec![0; len];
        r.read_exact(&mut body).map_err(|_| BAD)?;
        body
    } else {
        Vec::new()
    };
    let host = header("Host").unwrap_or("").to_string();
    Ok(HttpRequest {
        method: method.to_string(),
        scheme: "http".into(),
        host,
        port: 0,
        path: target.to_string(),
        headers,
        body,
    })
}

/// A chunked body (`size CRLF data CRLF … 0 CRLF trailers CRLF`).
fn read_chunked(r: &mut impl BufRead) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    let mut budget = MAX_HEADER_BYTES;
    loop {
        let l = line(r, &mut budget)?.ok_or(BAD)?;
        let size = l.split(';').next().unwrap_or("").trim();
        let n = usize::from_str_radix(size, 16).map_err(|_| BAD)?;
        if n == 0 {
            while !line(r, &mut budget)?.ok_or(BAD)?.is_empty() {}
            return Ok(body);
        }
        if body.len() + n > MAX_BODY_BYTES {
            return Err(ReadError::Reject(413, "Request Entity Too Large"));
        }
        let start = body.len();
        body.resize(start + n, 0);
        r.read_exact(&mut body[start..]).map_err(|_| BAD)?;
        let mut crlf = [0u8; 2];
        r.read_exact(&mut crlf).map_err(|_| BAD)?;
        if &crlf != b"\r\n" {
            return Err(BAD);
        }
    }
}

/// Whether the client asked to close the connection after this request.
pub fn wants_close(req: &HttpRequest) -> bool {
    req.headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("Connection") && v.eq_ignore_ascii_case("close"))
}

/// Appends the status line and headers of `resp` to `out`; whether the
/// body is chunked.
pub fn write_head(out: &mut Vec<u8>, resp: &HttpResponse) -> bool {
    out.extend_from_slice(format!("HTTP/1.1 {} {}\r\n", resp.status, resp.reason).as_bytes());
    let mut chunked = false;
    for (k, v) in &resp.headers {
        chunked |= k.eq_ignore_ascii_case("Transfer-Encoding") && v == "chunked";
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    chunked
}

/// Writes `resp`, chunk-encoding the body when its headers say chunked.
pub fn write_response(w: &mut impl Write, resp: &HttpResponse) -> std::io::Result<()> {
    let mut out = Vec::new();
    let chunked = write_head(&mut out, resp);
    if chunked {
        if !resp.body.is_empty() {
            out.extend_from_slice(format!("{:x}\r\n", resp.body.len()).as_bytes());
            out.extend_from_slice(&resp.body);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"0\r\n\r\n");
    } else {
        out.extend_from_slice(&resp.body);
    }
    w.write_all(&out)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<HttpRequest, ReadError> {
        read_request(&mut std::io::BufReader::new(bytes))
    }

    #[test]
    fn reads_length_and_chunked_bodies() {
        let r = read(b"POST /v1.51/x?a=1 HTTP/1.1\r\nHost: api\r\nContent-Length: 2\r\n\r\n{}")
            .unwrap();
        assert_eq!(
            (r.method.as_str(), r.path.as_str(), &r.body[..]),
            ("POST", "/v1.51/x?a=1", &b"{}"[..])
        );
        let r = read(
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n1\r\nd\r\n0\r\n\r\n",
        )
        .unwrap();
        assert_eq!(r.body, b"abcd");
    }

    #[test]
    fn rejects_malformed_and_oversized_requests() {
        assert_eq!(read(b""), Err(ReadError::Closed));
        assert_eq!(read(b"GARBAGE\r\n\r\n"), Err(BAD));
        assert_eq!(read(b"GET / HTTP/1.1\r\nNoColon\r\n\r\n"), Err(BAD));
        assert_eq!(
            read(b"GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
            Err(BAD)
        );
        assert_eq!(
            read(b"GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab"),
            Err(BAD)
        );
        let big = format!(
            "GET / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            MAX_BODY_BYTES + 1
        );
        assert_eq!(
            read(big.as_bytes()),
            Err(ReadError::Reject(413, "Request Entity Too Large"))
        );
        let mut huge = b"GET / HTTP/1.1\r\nX: ".to_vec();
        huge.extend(std::iter::repeat_n(b'a', MAX_HEADER_BYTES));
        assert_eq!(
            read(&huge),
            Err(ReadError::Reject(431, "Request Header Fields Too Large"))
        );
        assert_eq!(
            read(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
            Err(BAD)
        );
    }

    #[test]
    fn writes_chunked_bodies() {
        let resp = HttpResponse {
            status: 200,
            reason: "OK".into(),
            headers: vec![("Transfer-Encoding".into(), "chunked".into())],
            body: b"hi".to_vec(),
        };
        let mut out = Vec::new();
        write_response(&mut out, &resp).unwrap();
        assert_eq!(
            out,
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"
        );
    }
}
