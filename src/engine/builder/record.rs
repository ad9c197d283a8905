//! What the last `docker build` on a daemon did, step by step: which steps
//! the cache answered and which ran, whether it succeeded, what it tagged.
//! Kept on the daemon so lessons can check "the last build reused the
//! cache for steps 1–3" against state rather than printed output.

use super::build::{BuildOutcome, Event};
use serde::{Deserialize, Serialize};

/// A summary of one build.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildRecord {
    pub ok: bool,
    /// Step numbers (`Step N/M`) answered from the cache (` ---> Using cache`).
    pub cached: Vec<usize>,
    /// Step numbers executed (every non-FROM step not answered from the cache).
    pub rebuilt: Vec<usize>,
    /// References tagged (normalised), when the build succeeded.
    pub tags: Vec<String>,
}

impl BuildRecord {
    /// The record of a finished build with these `-t` tags.
    pub fn of(outcome: &BuildOutcome, tags: &[String]) -> BuildRecord {
        let mut r = BuildRecord {
            ok: outcome.result.is_ok(),
            tags: if outcome.result.is_ok() {
                tags.to_vec()
            } else {
                Vec::new()
            },
            ..BuildRecord::default()
        };
        let mut current: Option<(usize, bool)> = None;
        let close = |cur: Option<(usize, bool)>, cached: bool, r: &mut BuildRecord| {
            if let Some((n, is_from)) = cur {
                if cached {
                    r.cached.push(n);
                } else if !is_from {
                    r.rebuilt.push(n);
                }
            }
        };
        let mut cached = false;
        for e in &outcome.events {
            match e {
                Event::Step { n, text, .. } => {
                    close(current, cached, &mut r);
                    let is_from = text
                        .split_whitespace()
                        .next()
                        .is_some_and(|w| w.eq_ignore_ascii_case("FROM"));
                    current = Some((*n, is_from));
                    cached = false;
                }
                Event::UsingCache => cached = true,
                _ => {}
            }
        }
        close(current, cached, &mut r);
        r
    }
}
