//! The Distribution HTTP API v2 a registry serves (`distribution`
//! `registry/handlers/`): routes, JSON bodies, headers and error bodies as
//! registry 2.8 writes them, over any [`Files`] driver.
//!
//! Routes: `GET /v2/`, `GET /v2/_catalog`, `GET /v2/<name>/tags/list`,
//! `GET|HEAD|PUT /v2/<name>/manifests/<reference>`, `GET|HEAD
//! /v2/<name>/blobs/<digest>`, `POST /v2/<name>/blobs/uploads/` (with
//! `?mount=&from=` for cross-repository mounts) and `PUT
//! /v2/<name>/blobs/uploads/<uuid>?digest=` (monolithic upload).

use super::storage::{Files, Layout};
use super::Manifest;
use crate::engine::digest::Digest;
use crate::proto::http::{HttpRequest, HttpResponse};

const JSON: &str = "application/json; charset=utf-8";

/// A registry error code (`registry/api/errcode`, `registry/api/v2/errors.go`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    NameUnknown,
    ManifestUnknown,
    BlobUnknown,
    ManifestBlobUnknown,
    DigestInvalid,
    Unsupported,
}

impl ErrorCode {
    fn parts(self) -> (&'static str, &'static str, u16) {
        match self {
            ErrorCode::NameUnknown => {
                ("NAME_UNKNOWN", "repository name not known to registry", 404)
            }
            ErrorCode::ManifestUnknown => ("MANIFEST_UNKNOWN", "manifest unknown", 404),
            ErrorCode::BlobUnknown => ("BLOB_UNKNOWN", "blob unknown to registry", 404),
            ErrorCode::ManifestBlobUnknown => {
                ("MANIFEST_BLOB_UNKNOWN", "blob unknown to registry", 400)
            }
            ErrorCode::DigestInvalid => (
                "DIGEST_INVALID",
                "provided digest did not match uploaded content",
                400,
            ),
            ErrorCode::Unsupported => ("UNSUPPORTED", "The operation is unsupported.", 405),
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

/// Builds a response with the headers every registry response carries;
/// `headers` are the handler's own (written sorted, as Go does), `Date`
/// follows, then `Content-Length` when the handler did not set it.
fn respond(
    status: u16,
    mut headers: Vec<(String, String)>,
    body: Vec<u8>,
    date: &str,
    head: bool,
) -> HttpResponse {
    headers.push((
        "Docker-Distribution-Api-Version".into(),
        "registry/2.0".into(),
    ));
    headers.push(("X-Content-Type-Options".into(), "nosniff".into()));
    let has_len = headers.iter().any(|(k, _)| k == "Content-Length");
    headers.sort();
    headers.push(("Date".into(), date.to_string()));
    if !has_len {
        headers.push(("Content-Length".into(), body.len().to_string()));
    }
    HttpResponse {
        status,
        reason: reason(status).into(),
        headers,
        body: if head { Vec::new() } else { body },
    }
}

fn error(code: ErrorCode, detail: serde_json::Value, date: &str, head: bool) -> HttpResponse {
    let (id, msg, status) = code.parts();
    let body = format!(
        "{{\"errors\":[{{\"code\":\"{id}\",\"message\":{},\"detail\":{detail}}}]}}\n",
        serde_json::Value::from(msg)
    );
    respond(
        status,
        vec![("Content-Type".into(), JSON.into())],
        body.into_bytes(),
        date,
        head,
    )
}

fn not_found(date: &str) -> HttpResponse {
    HttpResponse {
        status: 404,
        reason: "Not Found".into(),
        headers: vec![
            ("Content-Type".into(), "text/plain; charset=utf-8".into()),
            ("X-Content-Type-Options".into(), "nosniff".into()),
            ("Date".into(), date.to_string()),
            ("Content-Length".into(), "19".into()),
        ],
        body: b"404 page not found\n".to_vec(),
    }
}

fn query_param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v)
}

fn unescape(s: &str) -> String {
    s.replace("%3A", ":")
        .replace("%3a", ":")
        .replace("%2F", "/")
        .replace("%2f", "/")
}

/// Whether `name` is a valid repository name (`[a-z0-9]+(?:[._-][a-z0-9]+)*` components).
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() < 256
        && name.split('/').all(|c| {
            !c.is_empty()
                && c.split(['.', '_', '-']).all(|p| {
                    !p.is_empty()
                        && p.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                })
        })
}

/// The upload session id of an upload of `name` (deterministic).
fn upload_uuid(name: &str, n: usize) -> String {
    let h = Digest::of(format!("upload {name} {n}").as_bytes());
    let x = h.hex();
    format!(
        "{}-{}-{}-{}-{}",
        x.get(0..8).unwrap_or(""),
        x.get(8..12).unwrap_or(""),
        x.get(12..16).unwrap_or(""),
        x.get(16..20).unwrap_or(""),
        x.get(20..32).unwrap_or("")
    )
}

/// Answers one request. `date` is the `Date` header value; `base` the
/// scheme and authority for absolute `Location`s (`http://localhost:5000`).
pub fn handle(files: &mut dyn Files, req: &HttpRequest, date: &str, base: &str) -> HttpResponse {
    let (path, query) = req.path.split_once('?').unwrap_or((req.path.as_str(), ""));
    let head = req.method == "HEAD";
    let get = req.method == "GET" || head;
    if path == "/v2/" || path == "/v2" {
        if !get {
            return not_found(date);
        }
        return respond(
            200,
            vec![
                ("Content-Length".into(), "2".into()),
                ("Content-Type".into(), JSON.into()),
            ],
            b"{}".to_vec(),
            date,
            head,
        );
    }
    let mut l = Layout { files };
    if path == "/v2/_catalog" && get {
        let mut repos = l.repositories();
        if let Some(last) = query_param(query, "last") {
            repos.retain(|r| r.as_str() > last);
        }
        let n = query_param(query, "n")
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(100);
        let more = repos.len() > n;
        repos.truncate(n);
        let body = format!("{}\n", serde_json::json!({ "repositories": repos }));
        let mut hs = vec![("Content-Type".to_string(), JSON.to_string())];
        if more {
            if let Some(last) = repos.last() {
                hs.push((
                    "Link".into(),
                    format!("</v2/_catalog?last={last}&n={n}>; rel=\"next\""),
                ));
            }
        }
        return respond(200, hs, body.into_bytes(), date, head);
    }
    let Some(rest) = path.strip_prefix("/v2/") else {
        return not_found(date);
    };
    if let Some(name) = rest.strip_suffix("/tags/list") {
        if !get || !valid_name(name) {
            return not_found(date);
        }
        if !l.repo_exists(name) {
            return error(
                ErrorCode::NameUnknown,
                serde_json::json!({ "name": name }),
                date,
                head,
            );
        }
        let body = format!(
            "{}\n",
            serde_json::json!({"name": name, "tags": l.tags(name)})
        );
        return respond(
            200,
            vec![("Content-Type".into(), JSON.into())],
            body.into_bytes(),
            date,
            head,
        );
    }
    if let Some((name, reference)) = rest.rsplit_once("/manifests/") {
        if !valid_name(name) || reference.is_empty() {
            return not_found(date);
        }
        return manifests(&mut l, req, name, reference, date, base);
    }
    if let Some((name, tail)) = rest.split_once("/blobs/uploads") {
        if !valid_name(name) {
            return not_found(date);
        }
        return uploads(
            &mut l,
            req,
            name,
            tail.trim_start_matches('/'),
            query,
            date,
            base,
        );
    }
    if let Some((name, digest)) = rest.rsplit_once("/blobs/") {
        if !valid_name(name) || !get {
            return not_found(date);
        }
        let Some(d) = Digest::parse(digest) else {
            return error(
                ErrorCode::DigestInvalid,
                serde_json::json!(null),
                date,
                head,
            );
        };
        return match l.blob(&d).filter(|_| l.has_layer(name, &d)) {
            Some(data) => respond(
                200,
                vec![
                    ("Accept-Ranges".into(), "bytes".into()),
                    ("Cache-Control".into(), "max-age=31536000".into()),
                    ("Content-Length".into(), data.len().to_string()),
                    ("Content-Type".into(), "application/octet-stream".into()),
                    ("Docker-Content-Digest".into(), d.as_str().into()),
                    ("Etag".into(), format!("\"{d}\"")),
                ],
                data,
                date,
                head,
            ),
            None => error(
                ErrorCode::BlobUnknown,
                serde_json::json!({ "digest": d.as_str() }),
                date,
                head,
            ),
        };
    }
    not_found(date)
}

fn manifests(
    l: &mut Layout,
    req: &HttpRequest,
    name: &str,
    reference: &str,
    date: &str,
    base: &str,
) -> HttpResponse {
    let head = req.method == "HEAD";
    match req.method.as_str() {
        "GET" | "HEAD" => {
            let d = match Digest::parse(reference) {
                Some(d) => Some(d),
                None => l.tag(name, reference),
            };
            let Some(bytes) = d.as_ref().and_then(|d| l.manifest(name, d)) else {
                if !l.repo_exists(name) {
                    return error(
                        ErrorCode::NameUnknown,
                        serde_json::json!({ "name": name }),
                        date,
                        head,
                    );
                }
                let detail = if reference.starts_with("sha256:") {
                    serde_json::json!({ "Digest": reference })
                } else {
                    serde_json::json!({ "Tag": reference })
                };
                return error(ErrorCode::ManifestUnknown, detail, date, head);
            };
            let d = Digest::of(&bytes);
            let media = serde_json::from_slice::<serde_json::Value>(&bytes)
                .ok()
                .and_then(|v| {
                    v.get("mediaType")
                        .and_then(|m| m.as_str())
                        .map(str::to_string)
                })
                .unwrap_or_else(|| super::MANIFEST_V2.to_string());
            respond(
                200,
                vec![
                    ("Content-Length".into(), bytes.len().to_string()),
                    ("Content-Type".into(), media),
                    ("Docker-Content-Digest".into(), d.as_str().into()),
                    ("Etag".into(), format!("\"{d}\"")),
                ],
                bytes,
                date,
                head,
            )
        }
        "PUT" => {
            let bytes = req.body.clone();
            let missing: Vec<Digest> = Manifest::referenced_blobs(&bytes)
                .into_iter()
                .filter(|b| !l.has_layer(name, b))
                .collect();
            if let Some(m) = missing.first() {
                return error(
                    ErrorCode::ManifestBlobUnknown,
                    serde_json::json!(m.as_str()),
                    date,
                    false,
                );
            }
            let d = Digest::of(&bytes);
            let tag = (!reference.starts_with("sha256:")).then_some(reference);
            l.put_manifest(name, &d, &bytes, tag);
            respond(
                201,
                vec![
                    ("Content-Length".into(), "0".into()),
                    ("Docker-Content-Digest".into(), d.as_str().into()),
                    ("Location".into(), format!("{base}/v2/{name}/manifests/{d}")),
                ],
                Vec::new(),
                date,
                false,
            )
        }
        _ => error(ErrorCode::Unsupported, serde_json::json!(null), date, false),
    }
}

fn uploads(
    l: &mut Layout,
    req: &HttpRequest,
    name: &str,
    uuid: &str,
    query: &str,
    date: &str,
    base: &str,
) -> HttpResponse {
    match (req.method.as_str(), uuid.is_empty()) {
        ("POST", true) => {
            if let (Some(m), Some(from)) = (query_param(query, "mount"), query_param(query, "from"))
            {
                let from = unescape(from);
                if let Some(d) = Digest::parse(&unescape(m)) {
                    if l.has_layer(&from, &d) {
                        l.link_layer(name, &d);
                        return respond(
                            201,
                            vec![
                                ("Content-Length".into(), "0".into()),
                                ("Docker-Content-Digest".into(), d.as_str().into()),
                                ("Location".into(), format!("{base}/v2/{name}/blobs/{d}")),
                            ],
                            Vec::new(),
                            date,
                            false,
                        );
                    }
                }
            }
            let id = upload_uuid(
                name,
                l.files.list(&format!("repositories/{name}/_uploads")).len(),
            );
            l.files.write(
                &format!("repositories/{name}/_uploads/{id}/startedat"),
                date.as_bytes(),
            );
            respond(
                202,
                vec![
                    ("Content-Length".into(), "0".into()),
                    ("Docker-Upload-Uuid".into(), id.clone()),
                    (
                        "Location".into(),
                        format!("{base}/v2/{name}/blobs/uploads/{id}"),
                    ),
                    ("Range".into(), "0-0".into()),
                ],
                Vec::new(),
                date,
                false,
            )
        }
        ("PUT", false) => {
            let Some(d) = query_param(query, "digest")
                .map(unescape)
                .and_then(|d| Digest::parse(&d))
            else {
                return error(
                    ErrorCode::DigestInvalid,
                    serde_json::json!(null),
                    date,
                    false,
                );
            };
            l.put_blob(name, &d, &req.body);
            respond(
                201,
                vec![
                    ("Content-Length".into(), "0".into()),
                    ("Docker-Content-Digest".into(), d.as_str().into()),
                    ("Location".into(), format!("{base}/v2/{name}/blobs/{d}")),
                ],
                Vec::new(),
                date,
                false,
            )
        }
        _ => not_found(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::registry::storage::MemFiles;

    fn get(f: &mut MemFiles, path: &str) -> HttpResponse {
        let req = HttpRequest {
            method: "GET".into(),
            path: path.into(),
            ..Default::default()
        };
        handle(f, &req, "D", "http://localhost:5000")
    }

    #[test]
    fn catalog_tags_and_errors() {
        let mut f = MemFiles::new();
        assert_eq!(get(&mut f, "/v2/_catalog").body, b"{\"repositories\":[]}\n");
        let r = get(&mut f, "/v2/nope/tags/list");
        assert_eq!(r.status, 404);
        assert_eq!(
            String::from_utf8(r.body).unwrap(),
            "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\",\"detail\":{\"name\":\"nope\"}}]}\n"
        );
        let r = get(&mut f, "/v2/");
        assert_eq!(r.body, b"{}");
        assert_eq!(r.headers[0], ("Content-Length".into(), "2".into()));
        assert_eq!(r.headers.last().unwrap().0, "Date");
    }
}
