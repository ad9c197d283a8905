//! The container lifecycle as Docker's `State` object, and the STATUS text
//! the daemon computes from it (`moby/moby@v28.5.2:container/state.go`).

use crate::engine::clock::Millis;
pub use crate::engine::units::human_duration;
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

    /// Parses a `status=` filter value.
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "created" => Status::Created,
            "running" => Status::Running,
            "paused" => Status::Paused,
            "restarting" => Status::Restarting,
            "removing" => Status::Removing,
            "exited" => Status::Exited,
            "dead" => Status::Dead,
            _ => return None,
        })
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
    /// Running, paused or restarting (what `docker ps` lists without `-a`).
    pub fn is_running(&self) -> bool {
        matches!(
            self.status,
            Status::Running | Status::Paused | Status::Restarting
        )
    }

    /// The STATUS column (`State.String()`).
    pub fn describe(&self, now: Millis) -> String {
        match self.status {
            Status::Running => format!("Up {}", human_duration(now - self.started_at)),
            Status::Paused => format!("Up {} (Paused)", human_duration(now - self.started_at)),
            Status::Restarting => format!(
                "Restarting ({}) {} ago",
                self.exit_code,
                human_duration(now - self.finished_at)
            ),
            Status::Removing => "Removal In Progress".to_string(),
            Status::Dead => "Dead".to_string(),
            _ if self.started_at == 0 => "Created".to_string(),
            _ if self.finished_at == 0 => String::new(),
            _ => format!(
                "Exited ({}) {} ago",
                self.exit_code,
                human_duration(now - self.finished_at)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(human_duration(500), "Less than a second");
        assert_eq!(human_duration(1000), "1 second");
        assert_eq!(human_duration(59_000), "59 seconds");
        assert_eq!(human_duration(90_000), "About a minute");
        assert_eq!(human_duration(120_000), "2 minutes");
        assert_eq!(human_duration(3_600_000), "About an hour");
        assert_eq!(human_duration(2 * 3_600_000), "2 hours");
        assert_eq!(human_duration(3 * 86_400_000), "3 days");
    }

    #[test]
    fn status_texts() {
        let mut s = State::created();
        assert_eq!(s.describe(5000), "Created");
        s.status = Status::Running;
        s.started_at = 1000;
        assert_eq!(s.describe(4000), "Up 3 seconds");
        s.status = Status::Paused;
        assert_eq!(s.describe(1500), "Up Less than a second (Paused)");
        s.status = Status::Exited;
        s.exit_code = 137;
        s.finished_at = 2000;
        assert_eq!(s.describe(200_000), "Exited (137) 3 minutes ago");
    }
}
