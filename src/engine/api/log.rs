//! The client → daemon seam: every request the `docker` client makes is
//! recorded as a REST call (method, path, body) like the Engine API
//! (`/v1.51/...`), so learners can watch what the client sends.

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// The Engine API version Docker 28 speaks.
pub const API_VERSION: &str = "1.51";

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
}

impl ApiCall {
    /// `POST /v1.51/containers/create?name=web`.
    pub fn line(&self) -> String {
        format!("{} /v{}{}", self.method, API_VERSION, self.path)
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
        });
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
