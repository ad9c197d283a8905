//! The sandbox: the engine, the shells the learner types into (the host
//! shell and any container shells entered with `docker run -it` / `docker
//! exec -it`), the command history, and persistence as one JSON document.
//! The browser and the native binary both drive a [`Sandbox`].

use crate::engine::clock::{Millis, SCRIPT_EPOCH_MS};
use crate::engine::{Engine, HostId};
use crate::userland::{Output, Stream};
use serde::{Deserialize, Serialize};

/// Virtual milliseconds each command takes in script mode.
pub const TICK_MS: Millis = 1000;

/// The result of one typed line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandResult {
    pub output: Output,
    pub exit_code: i32,
}

impl CommandResult {
    pub fn stdout(&self) -> String {
        self.output.stdout()
    }
    pub fn stderr(&self) -> String {
        self.output.stderr()
    }
}

/// How time passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockMode {
    /// Script mode: starts at a fixed instant, advances by [`TICK_MS`] per
    /// command plus what commands do (`sleep`).
    Virtual,
    /// Browser / REPL: follows the real clock passed to [`Sandbox::run_line_at`].
    Real,
}

/// Everything the learner has.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Sandbox {
    pub engine: Engine,
    pub mode: ClockMode,
    /// The host the learner is typing on.
    pub current_host: HostId,
    pub history: Vec<String>,
}

impl Sandbox {
    /// A deterministic sandbox for scripts and tests.
    pub fn new_script() -> Sandbox {
        Sandbox::new(ClockMode::Virtual, SCRIPT_EPOCH_MS, 1)
    }

    /// A sandbox in real time, starting at `now` with ids from `seed`.
    pub fn new_live(now: Millis, seed: u64) -> Sandbox {
        Sandbox::new(ClockMode::Real, now, seed)
    }

    fn new(mode: ClockMode, now: Millis, seed: u64) -> Sandbox {
        Sandbox {
            engine: Engine::new(now, seed),
            mode,
            current_host: 0,
            history: Vec::new(),
        }
    }

    /// Runs one line in script mode (virtual clock).
    pub fn run_line(&mut self, line: &str) -> CommandResult {
        self.engine.clock.advance(TICK_MS);
        self.execute(line)
    }

    /// Runs one line with the real clock at `now`.
    pub fn run_line_at(&mut self, line: &str, now: Millis) -> CommandResult {
        self.engine.clock.set(now);
        self.execute(line)
    }

    fn execute(&mut self, line: &str) -> CommandResult {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            self.history.push(trimmed.to_string());
        }
        let words: Vec<String> = trimmed.split_whitespace().map(str::to_string).collect();
        let mut out = Output::new();
        let code = match words.first().map(String::as_str) {
            None => 0,
            Some("docker") => crate::cli::run(
                &mut self.engine,
                self.current_host,
                &words[1..],
                b"",
                &mut out,
            ),
            Some(w) => {
                out.push(Stream::Stderr, &format!("bash: {w}: command not found\n"));
                127
            }
        };
        CommandResult {
            output: out,
            exit_code: code,
        }
    }

    /// The prompt shown before the input line.
    pub fn prompt(&self) -> String {
        "learner@laptop:~$ ".to_string()
    }

    /// Completions for the line typed so far.
    pub fn complete(&self, line: &str) -> Vec<String> {
        crate::cli::complete::complete(&self.engine, self.current_host, line)
    }

    /// The text of a file the editor opens (`Action::Edit`), in the
    /// filesystem where the command ran. A missing file edits as empty.
    pub fn edit_load(&self, path: &str) -> Result<String, String> {
        let fs = &self.engine.host(self.current_host).fs;
        match fs.read_text(path) {
            Ok(t) => Ok(t),
            Err(crate::engine::fs::FsError::NotFound) => Ok(String::new()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Saves the editor's text back to the file.
    pub fn edit_save(&mut self, path: &str, text: &str) -> Result<(), String> {
        let now = self.engine.clock.now_secs();
        let fs = &mut self.engine.hosts[self.current_host].fs;
        fs.write_file(path, crate::engine::fs::Content::text(text), now)
            .map_err(|e| e.to_string())
    }

    /// The whole sandbox as JSON.
    pub fn save(&self) -> String {
        serde_json::to_string(self).expect("sandbox serialises")
    }

    /// Restores a sandbox saved by [`Sandbox::save`].
    pub fn load(json: &str) -> Result<Sandbox, String> {
        let mut s: Sandbox = serde_json::from_str(json).map_err(|e| e.to_string())?;
        s.engine.relink();
        Ok(s)
    }
}

/// Splits a script into the lines to type: one per line, except that a
/// heredoc (`<<EOF` … `EOF`) stays with its command as one input.
pub fn script_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim().is_empty() {
            continue;
        }
        let mut cmd = line.to_string();
        if let Some(tag) = heredoc_tag(line) {
            for l in lines.by_ref() {
                cmd.push('\n');
                cmd.push_str(l);
                if l.trim_start_matches('\t') == tag {
                    break;
                }
            }
        }
        out.push(cmd);
    }
    out
}

/// The terminator word of a heredoc opened on this line, if any.
pub fn heredoc_tag(line: &str) -> Option<String> {
    let i = line.find("<<")?;
    let rest = line[i + 2..].trim_start_matches('-').trim_start();
    let word: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ';' && *c != '|' && *c != '&' && *c != '>')
        .collect();
    let word = word.trim_matches(|c| c == '\'' || c == '"').to_string();
    (!word.is_empty()).then_some(word)
}
