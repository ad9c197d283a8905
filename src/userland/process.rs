//! Running a program: the contract between the runtime (`engine::runtime`,
//! the builder's RUN, the host shell) and the userland.
//!
//! A process runs against a [`Sys`] until it exits, blocks past its time
//! horizon (`ProcCtx::until`), becomes a long-lived service (nginx, redis,
//! registry, a Python web app, a .NET console loop), or waits for terminal
//! input (an interactive shell). Output goes to the caller's [`Output`].

use crate::engine::clock::Millis;
use crate::userland::{Output, Sys};
use serde::{Deserialize, Serialize};

/// How a process is started.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcCtx {
    /// Environment, in order (`KEY=value` pairs).
    pub env: Vec<(String, String)>,
    /// Working directory (absolute).
    pub cwd: String,
    /// User name or uid (`""` = root).
    pub user: String,
    /// Standard input, if any (`None` = closed / a terminal without input).
    pub stdin: Option<Vec<u8>>,
    /// Whether a terminal is attached (`-t`).
    pub tty: bool,
    /// Whether stdin is kept open for a terminal (`-i`): an interactive
    /// shell then waits for input instead of exiting.
    pub interactive: bool,
    /// The process stops with [`Exit::Blocked`] when its clock would pass
    /// this instant (`Sys::now()`-based).
    pub until: Millis,
    /// Maximum steps (commands run, loop iterations) before the process is
    /// cut off with [`Exit::Budget`].
    pub budget: u64,
}

/// How a process run ended (for now).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exit {
    /// Exited with this status.
    Code(i32),
    /// Still running at the horizon `until` (e.g. inside `sleep`).
    Blocked,
    /// Ran out of its step budget (an endless loop).
    Budget,
    /// Became a long-lived service whose state the runtime keeps.
    Service(Service),
    /// An interactive shell waiting for terminal input.
    Interactive(Box<ShellSession>),
    /// The program could not be executed: `exec: "x": executable file not
    /// found in $PATH` and the like (the message), with the exit code Docker
    /// uses (127 not found, 126 permission denied / is a directory).
    ExecFailed { message: String, code: i32 },
}

/// State of a long-lived program, kept by the runtime between requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Service {
    /// Placeholder until the userland defines its services.
    Idle,
}

/// An interactive shell's state between typed lines (variables, cwd,
/// history), kept by the runtime or the sandbox.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellSession {
    pub cwd: String,
    pub vars: Vec<(String, String)>,
    pub last_status: i32,
}

/// Runs `argv` as a new process.
pub fn spawn(sys: &mut dyn Sys, argv: &[String], ctx: &ProcCtx, out: &mut Output) -> Exit {
    let _ = (sys, ctx, out);
    Exit::ExecFailed {
        message: format!(
            "exec: \"{}\": executable file not found in $PATH",
            argv.first().map(String::as_str).unwrap_or("")
        ),
        code: 127,
    }
}
