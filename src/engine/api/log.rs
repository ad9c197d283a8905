//! The daemon's record of the requests it received (method, path, body,
//! the status it answered, when, and the URI as sent), so learners and
//! lesson checks see what reached the daemon. With `"debug": true` in
//! `daemon.json`, dockerd's journal shows the same calls
//! (`journalctl -u docker`).

use super::API_VERSION;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// One recorded REST request and the status it got.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiCall {
    pub method: String,
    /// Path with query, without the version prefix (`/containers/json?all=1`).
    pub path: String,
    /// JSON body, if any.
    pub body: Option<String>,
    /// HTTP status of the response.
    pub status: u16,
    /// When the daemon received it.
    #[serde(default)]
    pub at: crate::engine::clock::Millis,
    /// The request URI as sent (`/v1.51/containers/json?all=1`); empty for
    /// calls recorded before the daemon kept it.
    #[serde(default)]
    pub uri: String,
    /// Whether the daemon ran with `debug` (its journal shows the call).
    #[serde(default)]
    pub debug: bool,
}

impl ApiCall {
    /// `POST /v1.51/containers/create?name=web`: the request line as
    /// received (as recorded by the client before the daemon kept it).
    pub fn line(&self) -> String {
        if self.uri.is_empty() {
            format!("{} /v{}{}", self.method, API_VERSION, self.path)
        } else {
            format!("{} {}", self.method, self.uri)
        }
    }
}

/// A bounded log of the most recent calls.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ApiLog {
    calls: VecDeque<ApiCall>,
    /// Total calls ever recorded (the log keeps only the last [`ApiLog::CAP`]).
    pub total: u64,
}

impl ApiLog {
    pub const CAP: usize = 200;

    pub fn record(
        &mut self,
        method: &str,
        path: impl Into<String>,
        body: Option<String>,
        status: u16,
    ) {
        if self.calls.len() == Self::CAP {
            self.calls.pop_front();
        }
        self.calls.push_back(ApiCall {
            method: method.to_string(),
            path: path.into(),
            body,
            status,
            at: 0,
            uri: String::new(),
            debug: false,
        });
        self.total += 1;
    }

    /// Records a request the daemon served: `call` with its time, URI and
    /// debug flag.
    pub fn push(&mut self, call: ApiCall) {
        if self.calls.len() == Self::CAP {
            self.calls.pop_front();
        }
        self.calls.push_back(call);
        self.total += 1;
    }

    pub fn calls(&self) -> impl Iterator<Item = &ApiCall> {
        self.calls.iter()
    }

    /// Calls recorded after the first `since_total` ever made.
    pub fn since(&self, since_total: u64) -> Vec<&ApiCall> {
        let new = (self.total - since_total.min(self.total)) as usize;
        let skip = self.calls.len().saturating_sub(new);
        self.calls.iter().skip(skip).collect()
    }
}

/// dockerd's journal lines: its start, then, for each request received
/// while `debug` was on, `Calling METHOD URI` (and the JSON `form data`
/// of a POST), as dockerd's debug middleware logs them.
pub fn journal(d: &crate::engine::Daemon) -> Vec<(crate::engine::clock::Millis, String)> {
    let stamp = |at| crate::engine::clock::rfc3339_nanos(at);
    let mut out = vec![
        (
            d.started_at,
            format!(
                "time=\"{}\" level=info msg=\"Daemon has completed initialization\"",
                stamp(d.started_at)
            ),
        ),
        (
            d.started_at,
            format!(
                "time=\"{}\" level=info msg=\"API listen on /run/docker.sock\"",
                stamp(d.started_at)
            ),
        ),
    ];
    for c in d.api.calls().filter(|c| c.debug) {
        out.push((
            c.at,
            format!(
                "time=\"{}\" level=debug msg=\"Calling {} {}\"",
                stamp(c.at),
                c.method,
                c.uri
            ),
        ));
        let form = c
            .body
            .as_deref()
            .filter(|_| c.method == "POST")
            .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok())
            .filter(serde_json::Value::is_object);
        if let Some(v) = form {
            let text = v.to_string().replace('\\', "\\\\").replace('"', "\\\"");
            out.push((
                c.at,
                format!(
                    "time=\"{}\" level=debug msg=\"form data: {text}\"",
                    stamp(c.at)
                ),
            ));
        }
    }
    out
}
