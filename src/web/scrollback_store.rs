//! The scrollback kept across a reload: its last entries as JSON in
//! localStorage, within a size budget (each entry's output cut, the oldest
//! entries dropped first), so a reload shows the learner what they were
//! reading. The encoding is pure and builds natively; only [`load`] and
//! [`save`] touch the browser.

use crate::userland::Stream;
use serde::{Deserialize, Serialize};

/// Entries kept across a reload (the screen keeps as many).
pub const MAX_SAVED: usize = 500;
/// Characters of one entry's output kept across a reload.
const MAX_SAVED_OUTPUT: usize = 8_000;
/// The budget for the whole saved scrollback, in bytes of JSON; the
/// sandbox itself shares the origin's few megabytes of localStorage.
const MAX_SAVED_BYTES: usize = 600_000;
/// The localStorage key of the saved scrollback.
#[cfg(target_arch = "wasm32")]
const SCROLLBACK_KEY: &str = "dockerlings.scrollback.v1";

/// One entry as saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// A message from the console rather than a command.
    #[serde(default)]
    pub notice: bool,
    #[serde(default)]
    pub prompt: String,
    #[serde(default)]
    pub line: String,
    /// The mark after the line (`^C`), if any.
    #[serde(default)]
    pub interrupted: bool,
    #[serde(default)]
    pub output: Vec<(Stream, String)>,
}

/// The JSON for `entries` (oldest first): the newest [`MAX_SAVED`], each
/// output cut to [`MAX_SAVED_OUTPUT`] characters, the oldest dropped until
/// the whole fits [`MAX_SAVED_BYTES`].
pub fn encode(entries: &[Saved]) -> String {
    let start = entries.len().saturating_sub(MAX_SAVED);
    let mut kept: Vec<Saved> = entries[start..].iter().map(cut).collect();
    let mut sizes: Vec<usize> = kept
        .iter()
        .map(|e| serde_json::to_string(e).map_or(0, |s| s.len() + 1))
        .collect();
    let mut total: usize = sizes.iter().sum();
    let mut drop = 0;
    while total > MAX_SAVED_BYTES && drop < kept.len() {
        total -= sizes[drop];
        drop += 1;
    }
    kept.drain(..drop);
    sizes.drain(..drop);
    serde_json::to_string(&kept).unwrap_or_else(|_| "[]".to_string())
}

/// The entries in `json`; nothing if it cannot be read.
pub fn decode(json: &str) -> Vec<Saved> {
    let mut entries: Vec<Saved> = serde_json::from_str(json).unwrap_or_default();
    let start = entries.len().saturating_sub(MAX_SAVED);
    entries.drain(..start);
    entries
}

/// An entry with its output cut to [`MAX_SAVED_OUTPUT`] characters.
fn cut(entry: &Saved) -> Saved {
    let mut left = MAX_SAVED_OUTPUT;
    let mut output = Vec::new();
    for (stream, text) in &entry.output {
        if left == 0 {
            break;
        }
        let end = text.char_indices().nth(left).map_or(text.len(), |(i, _)| i);
        left -= text[..end].chars().count();
        output.push((*stream, text[..end].to_string()));
        if end < text.len() {
            output.push((
                Stream::Stderr,
                "\n[output cut when the page was reloaded]\n".to_string(),
            ));
            break;
        }
    }
    Saved {
        output,
        ..entry.clone()
    }
}

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The scrollback saved by the last page, oldest first.
#[cfg(target_arch = "wasm32")]
pub fn load() -> Vec<Saved> {
    local_storage()
        .and_then(|s| s.get_item(SCROLLBACK_KEY).ok().flatten())
        .map(|json| decode(&json))
        .unwrap_or_default()
}

/// Saves the scrollback; a full or disabled storage only loses it.
#[cfg(target_arch = "wasm32")]
pub fn save(entries: &[Saved]) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(SCROLLBACK_KEY, &encode(entries));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(line: &str, out: &str) -> Saved {
        Saved {
            notice: false,
            prompt: "learner@laptop:~$ ".to_string(),
            line: line.to_string(),
            interrupted: false,
            output: vec![(Stream::Stdout, out.to_string())],
        }
    }

    #[test]
    fn entries_come_back_as_saved() {
        let entries = vec![
            entry("docker ps", "CONTAINER ID   IMAGE\n"),
            Saved {
                notice: true,
                interrupted: true,
                ..entry("", "Welcome\n")
            },
        ];
        assert_eq!(decode(&encode(&entries)), entries);
    }

    #[test]
    fn only_the_last_500_entries_are_kept() {
        let entries: Vec<Saved> = (0..700)
            .map(|i| entry(&format!("echo {i}"), "x\n"))
            .collect();
        let back = decode(&encode(&entries));
        assert_eq!(back.len(), 500);
        assert_eq!(back[0].line, "echo 200");
        assert_eq!(back[499].line, "echo 699");
    }

    #[test]
    fn long_outputs_are_cut_on_a_character_boundary() {
        let big = "日".repeat(20_000);
        let back = decode(&encode(&[entry("cat big", &big)]));
        assert_eq!(back[0].output[0].1.chars().count(), MAX_SAVED_OUTPUT);
        assert!(back[0].output[1].1.contains("output cut"));
    }

    #[test]
    fn the_oldest_entries_go_first_when_over_budget() {
        let out = "y".repeat(MAX_SAVED_OUTPUT);
        let entries: Vec<Saved> = (0..200).map(|i| entry(&format!("c{i}"), &out)).collect();
        let json = encode(&entries);
        assert!(json.len() <= MAX_SAVED_BYTES);
        let back = decode(&json);
        assert!(back.len() < 200 && !back.is_empty());
        assert_eq!(back.last().map(|e| e.line.as_str()), Some("c199"));
    }

    #[test]
    fn damaged_storage_gives_an_empty_scrollback() {
        assert!(decode("{not json").is_empty());
        assert!(decode("").is_empty());
    }
}
