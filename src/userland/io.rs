//! What a command writes: stdout and stderr chunks kept in the order they
//! were written, so a terminal can interleave them as a real one would.

use serde::{Deserialize, Serialize};

/// An output stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Something a command asks the terminal (browser or REPL) to do besides
/// printing: the sandbox and the UI act on it after the command returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Enter an interactive shell inside a container (`docker run -it`,
    /// `docker exec -it`, `docker start -ai`, `docker attach`). `exec` is
    /// `None` for the container's main process (leaving it stops the
    /// container) and `Some(id)` for an exec session.
    Attach {
        host: usize,
        container: String,
        exec: Option<String>,
    },
    /// Open the full-screen editor on a file (`vim`, `vi`, `nano`).
    Edit { path: String, editor: String },
    /// Ask for a line of input (`Username: `, `Password: `); the answer,
    /// shell-quoted, is appended directly to `resume` (a command line ending
    /// in e.g. `--username=`) which is then run.
    Prompt {
        label: String,
        secret: bool,
        resume: String,
    },
    /// Keep printing a running container's new log lines, from line index
    /// `from`, until it stops or the learner presses Ctrl+C (`docker logs
    /// -f`, and a foreground `docker run` still attached — `attached`, when
    /// Ctrl+C is proxied to the container as SIGINT). Terminals that cannot
    /// follow (scripts, the native REPL) get a note instead.
    Follow {
        host: usize,
        container: String,
        from: usize,
        attached: bool,
    },
    /// Clear the screen (`clear`, Ctrl+L).
    Clear,
    /// Log in to another machine (`ssh server`, `ssh root@192.168.1.20`):
    /// `host` is its name or IP address as typed. The sandbox switches the terminal to that
    /// host's shell (creating the machine on first use) until `exit` /
    /// `logout` returns to the previous one.
    Ssh { host: String },
}

/// Ordered output of a command.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    pub chunks: Vec<(Stream, String)>,
    /// At most one request to the terminal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
}

impl Output {
    pub fn new() -> Output {
        Output::default()
    }
    pub fn out(&mut self, s: impl AsRef<str>) {
        self.push(Stream::Stdout, s.as_ref());
    }
    pub fn err(&mut self, s: impl AsRef<str>) {
        self.push(Stream::Stderr, s.as_ref());
    }
    /// Writes a line (adds `\n`) to stdout.
    pub fn outln(&mut self, s: impl AsRef<str>) {
        self.push(Stream::Stdout, s.as_ref());
        self.push(Stream::Stdout, "\n");
    }
    /// Writes a line (adds `\n`) to stderr.
    pub fn errln(&mut self, s: impl AsRef<str>) {
        self.push(Stream::Stderr, s.as_ref());
        self.push(Stream::Stderr, "\n");
    }
    pub fn push(&mut self, stream: Stream, s: &str) {
        if s.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some((st, text)) if *st == stream => text.push_str(s),
            _ => self.chunks.push((stream, s.to_string())),
        }
    }
    /// Appends another output after this one.
    pub fn extend(&mut self, other: Output) {
        for (s, t) in other.chunks {
            self.push(s, &t);
        }
        if other.action.is_some() {
            self.action = other.action;
        }
    }
    /// Everything written to stdout.
    pub fn stdout(&self) -> String {
        self.collect(Stream::Stdout)
    }
    /// Everything written to stderr.
    pub fn stderr(&self) -> String {
        self.collect(Stream::Stderr)
    }
    fn collect(&self, stream: Stream) -> String {
        self.chunks
            .iter()
            .filter(|(s, _)| *s == stream)
            .map(|(_, t)| t.as_str())
            .collect()
    }
    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }
}
