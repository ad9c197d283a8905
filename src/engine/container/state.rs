//! The container lifecycle as Docker's `State` object.

use crate::engine::clock::Millis;
use serde::{Deserialize, Serialize};

/// `State.Status` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Created,
    Running,
    Paused,
    Restarting,
    Removing,
    Exited,
    Dead,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Restarting => "restarting",
            Status::Removing => "removing",
            Status::Exited => "exited",
            Status::Dead => "dead",
        }
    }
}

/// A container's state.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct State {
    pub status: Status,
    pub exit_code: i32,
    pub error: String,
    pub oom_killed: bool,
    /// 0 when never started.
    pub started_at: Millis,
    /// 0 when never stopped.
    pub finished_at: Millis,
    pub pid: u32,
}

impl State {
    pub fn created() -> State {
        State {
            status: Status::Created,
            exit_code: 0,
            error: String::new(),
            oom_killed: false,
            started_at: 0,
            finished_at: 0,
            pid: 0,
        }
    }
    /// Running or paused (what `docker ps` lists without `-a`).
    pub fn is_running(&self) -> bool {
        matches!(
            self.status,
            Status::Running | Status::Paused | Status::Restarting
        )
    }
}
