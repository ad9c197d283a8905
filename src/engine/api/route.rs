//! Request parsing and routing: the optional `/v1.NN` prefix (checked
//! against the versions this daemon supports, as dockerd does), the
//! query string, and matching a path against [`super::ROUTES`].

use super::{Handler, API_VERSION, MIN_API_VERSION, ROUTES};
use crate::proto::http::HttpRequest;

/// A parsed request as handlers see it.
#[derive(Clone, Debug)]
pub struct Call {
    pub method: String,
    /// Path without the version prefix and the query (`/containers/json`).
    pub path: String,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    /// The raw query string (for the log).
    pub raw_query: String,
    /// Path parameters of the matched route (`{id}`), filled by [`find`].
    pub params: Vec<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Call {
    /// Splits the version prefix and the query. A version out of range is
    /// dockerd's 400 (status, message, logged path).
    pub fn parse(req: &HttpRequest) -> Result<Call, (u16, String, String)> {
        let (path, raw_query) = match req.path.split_once('?') {
            Some((p, q)) => (p, q),
            None => (req.path.as_str(), ""),
        };
        let mut path = path.to_string();
        if let Some(rest) = path.strip_prefix("/v") {
            let end = rest.find('/').unwrap_or(rest.len());
            let ver = &rest[..end];
            if is_version(ver) {
                let logged = req.path[1 + ver.len() + 1..].to_string();
                if newer(ver, API_VERSION) {
                    return Err((400, format!("client version {ver} is too new. Maximum supported API version is {API_VERSION}"), logged));
                }
                if newer(MIN_API_VERSION, ver) {
                    return Err((400, format!("client version {ver} is too old. Minimum supported API version is {MIN_API_VERSION}, please upgrade your client to a newer version"), logged));
                }
                path = rest[end..].to_string();
            }
        }
        if path.is_empty() {
            path.push('/');
        }
        Ok(Call {
            method: req.method.clone(),
            path,
            query: parse_query(raw_query),
            raw_query: raw_query.to_string(),
            params: Vec::new(),
            headers: req.headers.clone(),
            body: req.body.clone(),
        })
    }

    /// The path with its query, as the daemon's log keeps it.
    pub fn logged_path(&self) -> String {
        if self.raw_query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.raw_query)
        }
    }

    /// The `i`th path parameter.
    pub fn param(&self, i: usize) -> &str {
        self.params.get(i).map(String::as_str).unwrap_or("")
    }

    /// The last value of query parameter `key`.
    pub fn query(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A boolean query parameter as moby's `httputils.BoolValue`: set and
    /// not one of `""`, `0`, `no`, `false`, `none`.
    pub fn flag(&self, key: &str) -> bool {
        self.query(key).is_some_and(|v| {
            !matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "" | "0" | "no" | "false" | "none"
            )
        })
    }
}

/// Finds the handler for `call` and the route's path parameters.
pub fn find(call: &Call) -> Option<(Handler, Vec<String>)> {
    let segs: Vec<&str> = call.path.split('/').collect();
    ROUTES.iter().find_map(|(method, pattern, handler)| {
        let pat: Vec<&str> = pattern.split('/').collect();
        if *method != call.method || pat.len() != segs.len() {
            return None;
        }
        let mut params = Vec::new();
        for (p, s) in pat.iter().zip(&segs) {
            if p.starts_with('{') && !s.is_empty() {
                params.push(percent_decode(s));
            } else if p != s {
                return None;
            }
        }
        Some((*handler, params))
    })
}

fn is_version(v: &str) -> bool {
    let mut parts = v.split('.');
    matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None)
        if !a.is_empty() && !b.is_empty() && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()))
}

/// Whether version `a` is newer than `b` (`1.51` > `1.9`).
fn newer(a: &str, b: &str) -> bool {
    let n = |v: &str| -> (u64, u64) {
        let (x, y) = v.split_once('.').unwrap_or((v, "0"));
        (x.parse().unwrap_or(0), y.parse().unwrap_or(0))
    };
    n(a) > n(b)
}

/// Decodes `a=1&b=x%20y` (`+` is a space, as Go's `url.ParseQuery`).
pub fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                percent_decode(&k.replace('+', " ")),
                percent_decode(&v.replace('+', " ")),
            )
        })
        .collect()
}

/// `%2F` → `/`; malformed escapes are kept as they are.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: &str, path: &str) -> HttpRequest {
        HttpRequest {
            method: method.into(),
            path: path.into(),
            ..Default::default()
        }
    }

    #[test]
    fn version_prefix_is_optional_and_checked() {
        let c = Call::parse(&req("GET", "/v1.51/containers/json?all=1")).unwrap();
        assert_eq!(c.path, "/containers/json");
        assert!(c.flag("all"));
        assert_eq!(c.logged_path(), "/containers/json?all=1");
        assert_eq!(Call::parse(&req("GET", "/_ping")).unwrap().path, "/_ping");
        let e = Call::parse(&req("GET", "/v1.99/info")).unwrap_err();
        assert_eq!(e.0, 400);
        assert!(e.1.contains("client version 1.99 is too new"));
        assert!(Call::parse(&req("GET", "/v1.12/info"))
            .unwrap_err()
            .1
            .contains("too old"));
    }

    #[test]
    fn routes_match_parameters() {
        let c = Call::parse(&req("GET", "/containers/web/json")).unwrap();
        assert_eq!(find(&c).unwrap().1, vec!["web".to_string()]);
        assert!(find(&Call::parse(&req("GET", "/nothing")).unwrap()).is_none());
        assert!(find(&Call::parse(&req("PUT", "/_ping")).unwrap()).is_none());
        assert_eq!(percent_decode("a%2Fb%zz%"), "a/b%zz%");
    }
}
