//! Errors the daemon returns. `Display` gives Docker's own message text
//! (docker-reference.md §C); the client adds `Error response from daemon: `
//! where the real CLI does.

use std::fmt;

/// A daemon error, with the HTTP status the Engine API would use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineError {
    /// `No such container: X` (404).
    NoSuchContainer(String),
    /// `No such image: X` (404).
    NoSuchImage(String),
    /// Any other error with Docker's exact text and an HTTP status.
    Message { status: u16, text: String },
}

impl EngineError {
    pub fn msg(status: u16, text: impl Into<String>) -> EngineError {
        EngineError::Message {
            status,
            text: text.into(),
        }
    }
    /// 409 Conflict.
    pub fn conflict(text: impl Into<String>) -> EngineError {
        EngineError::msg(409, text)
    }
    /// 400 Bad Request.
    pub fn bad_request(text: impl Into<String>) -> EngineError {
        EngineError::msg(400, text)
    }
    /// HTTP status of the error response.
    pub fn status(&self) -> u16 {
        match self {
            EngineError::NoSuchContainer(_) | EngineError::NoSuchImage(_) => 404,
            EngineError::Message { status, .. } => *status,
        }
    }
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::NoSuchContainer(c) => write!(f, "No such container: {c}"),
            EngineError::NoSuchImage(i) => write!(f, "No such image: {i}"),
            EngineError::Message { text, .. } => f.write_str(text),
        }
    }
}

impl std::error::Error for EngineError {}
