//! The messages between the console and the engine side, versioned. Every
//! message travels as an [`Envelope`] with the protocol's [`VERSION`];
//! [`decode`] refuses another version (an old worker script cached next to
//! a new page) with [`ProtocolError::Version`] instead of misreading it.
//! The encoding is compact JSON (short tags, no pretty-printing), which
//! `postMessage` carries as one string; view-models travel as JSON text so
//! each view defines its own shape without touching this enum.

use crate::userland::Output;
use serde::{Deserialize, Serialize};

/// Bumped whenever a message changes shape.
pub const VERSION: u16 = 1;

/// Numbers a request so its responses can be matched to it.
pub type RequestId = u32;

/// Console → engine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t")]
pub enum Request {
    /// Start: restore `saved` (the sandbox's save), or a fresh sandbox
    /// seeded with `seed`, at `now` (ms since the epoch).
    Hello {
        now: i64,
        seed: u64,
        saved: Option<String>,
    },
    /// Run one complete command line at `now`.
    Run {
        id: RequestId,
        line: String,
        now: i64,
    },
    /// One step of following a container's output (`Action::Follow`).
    FollowTick {
        id: RequestId,
        host: usize,
        container: String,
        from: usize,
        now: i64,
    },
    /// Ctrl+C while following (a foreground `docker run` gets SIGINT).
    FollowInterrupt {
        id: RequestId,
        host: usize,
        container: String,
        from: usize,
        attached: bool,
        now: i64,
    },
    /// Tab completion of the line typed so far.
    Complete { id: RequestId, text: String },
    /// A file for the editor, and saving it back.
    EditLoad { id: RequestId, path: String },
    EditSave {
        id: RequestId,
        path: String,
        text: String,
    },
    /// The whole sandbox as its save format (for storage or a download).
    Export { id: RequestId },
    /// Replace the sandbox with an exported one.
    Import { id: RequestId, saved: String },
    /// A view-model by name (`"layers"`, `"architecture"`, …) with the
    /// view's own parameters as JSON text.
    ViewModel {
        id: RequestId,
        view: String,
        params: String,
    },
}

/// Engine → console.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t")]
pub enum Response {
    /// Answer to `Hello`: the prompt, the history, and how the sandbox came
    /// to be (`restored`: a save was read; `unreadable`: why it was not).
    Ready {
        prompt: String,
        history: Vec<String>,
        restored: bool,
        unreadable: Option<String>,
    },
    /// A command's output, its exit code, and the prompt and history after
    /// it; `dirty`: the sandbox changed and should be saved.
    Output {
        id: RequestId,
        output: Output,
        exit_code: i32,
        prompt: String,
        history_len: usize,
        dirty: bool,
    },
    /// A follow step: new output, and whether the container still runs.
    Followed {
        id: RequestId,
        output: Output,
        running: bool,
        from: usize,
    },
    Completions {
        id: RequestId,
        candidates: Vec<String>,
    },
    /// The editor's file, or why it cannot be opened / saved.
    EditText {
        id: RequestId,
        result: Result<String, String>,
    },
    EditSaved {
        id: RequestId,
        result: Result<(), String>,
    },
    /// The sandbox's save (answer to `Export`, or after `Import`).
    Saved { id: RequestId, saved: String },
    /// A view-model as JSON text.
    ViewModel {
        id: RequestId,
        view: String,
        model: String,
    },
    /// The request could not be carried out (unknown view, bad import).
    Failed { id: RequestId, error: String },
    /// The UI restarted the engine to stop a running command (Ctrl+C).
    Interrupted { id: RequestId },
}

/// A message with the protocol version it was written with.
#[derive(Serialize, Deserialize)]
pub struct Envelope<T> {
    pub v: u16,
    pub m: T,
}

/// Why a message could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum ProtocolError {
    /// Written by another version of the protocol.
    Version { found: u16 },
    /// Not a message of this protocol.
    Malformed(String),
}

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ProtocolError::Version { found } => write!(
                f,
                "protocol version {found} does not match this page's version {VERSION}: reload the page"
            ),
            ProtocolError::Malformed(e) => write!(f, "malformed message: {e}"),
        }
    }
}

/// Encodes a message in an envelope of this [`VERSION`].
pub fn encode<T: Serialize>(message: &T) -> String {
    // Our own types only: plain structs, enums, strings and numbers, which
    // always serialise.
    serde_json::to_string(&Envelope {
        v: VERSION,
        m: message,
    })
    .unwrap_or_default()
}

/// Decodes a message, checking its version first.
pub fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, ProtocolError> {
    #[derive(Deserialize)]
    struct Version {
        v: u16,
    }
    let version: Version =
        serde_json::from_str(text).map_err(|e| ProtocolError::Malformed(e.to_string()))?;
    if version.v != VERSION {
        return Err(ProtocolError::Version { found: version.v });
    }
    serde_json::from_str::<Envelope<T>>(text)
        .map(|e| e.m)
        .map_err(|e| ProtocolError::Malformed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::userland::{Action, Stream};

    #[test]
    fn requests_and_responses_round_trip() {
        let requests = [
            Request::Hello {
                now: 1,
                seed: 2,
                saved: None,
            },
            Request::Run {
                id: 7,
                line: "docker run -it alpine \"sh\"\n".into(),
                now: 3,
            },
            Request::ViewModel {
                id: 8,
                view: "layers".into(),
                params: r#"{"image":"alpine"}"#.into(),
            },
        ];
        for r in requests {
            assert_eq!(decode::<Request>(&encode(&r)), Ok(r));
        }
        let output = Output {
            chunks: vec![(Stream::Stderr, "oops\n".into())],
            action: Some(Action::Clear),
        };
        let r = Response::Output {
            id: 7,
            output,
            exit_code: 125,
            prompt: "root@laptop:~# ".into(),
            history_len: 1,
            dirty: true,
        };
        assert_eq!(decode::<Response>(&encode(&r)), Ok(r));
    }

    #[test]
    fn the_encoding_is_compact_and_tagged() {
        let text = encode(&Request::Complete {
            id: 1,
            text: "docker ru".into(),
        });
        assert_eq!(
            text,
            r#"{"v":1,"m":{"t":"Complete","id":1,"text":"docker ru"}}"#
        );
    }

    #[test]
    fn another_version_or_garbage_is_refused() {
        let other = r#"{"v":999,"m":{"t":"Export","id":1}}"#;
        assert_eq!(
            decode::<Request>(other),
            Err(ProtocolError::Version { found: 999 })
        );
        assert!(decode::<Request>(other)
            .unwrap_err()
            .to_string()
            .contains("reload the page"));
        for bad in ["", "{", "[]", r#"{"v":1}"#, r#"{"v":1,"m":{"t":"Nope"}}"#] {
            assert!(
                matches!(decode::<Request>(bad), Err(ProtocolError::Malformed(_))),
                "{bad}"
            );
        }
    }
}
