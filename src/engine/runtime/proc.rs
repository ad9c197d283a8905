//! The process states the runtime keeps in a container between commands.

use crate::engine::clock::Millis;
use crate::engine::fs::{Layer, UnionFs};
use crate::userland::{ProcCtx, Service, ShellSession};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A container's main process.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Proc {
    /// A program (a shell script, `sleep`) that the runtime re-runs from
    /// its start up to the current time; only new output and new
    /// filesystem changes are applied.
    Script(Box<ScriptProc>),
    /// A long-lived native program (nginx, redis, a web app).
    Service(Box<Service>),
    /// An interactive shell waiting for typed lines.
    Interactive(Box<ShellSession>),
    /// A program that ran out of its step budget (an endless busy loop):
    /// it counts as running but produces nothing more.
    Spinning,
}

impl Proc {
    /// Re-attaches the image layers under the filesystem snapshots.
    pub fn relink(&mut self, lower: &[Arc<Layer>]) {
        if let Proc::Script(s) = self {
            if let Some(root) = s.start_fs.first_mut() {
                root.set_lower(lower.to_vec());
            }
        }
    }
    /// A short word for `docker top`'s CMD when no better is known.
    pub fn is_shell(&self) -> bool {
        matches!(self, Proc::Interactive(_))
    }
}

/// State of a re-runnable program.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ScriptProc {
    pub argv: Vec<String>,
    pub ctx: ProcCtx,
    pub started_at: Millis,
    /// The container's filesystems (root first, then mounts) as they were
    /// when the process started.
    pub start_fs: Vec<UnionFs>,
    /// Each filesystem's writable layer after the previous run.
    pub last_upper: Vec<Layer>,
    /// Output bytes already written to the logs.
    pub emitted: usize,
}

/// An interactive `docker exec -it` session.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ExecSession {
    pub id: String,
    pub argv: Vec<String>,
    pub ctx: ProcCtx,
    pub session: ShellSession,
}
