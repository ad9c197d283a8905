//! `/pattern`, `?pattern`, `n` and `N`: vim's search over the buffer, with
//! the part of vim's patterns the sandbox implements (plain text, `.` for
//! any character, `^` and `$` anchors). Anything else in a pattern fails
//! loudly rather than match the wrong thing.

use super::Vim;

/// A pattern the sandbox can match.
struct Pattern {
    chars: Vec<char>,
    start: bool,
    end: bool,
}

impl Pattern {
    fn parse(text: &str) -> Result<Pattern, String> {
        if let Some(c) = text.chars().find(|c| matches!(c, '\\' | '*' | '[' | '~')) {
            return Err(format!(
                "dockerlings: vim: `{c}` in a search pattern is not available in this sandbox (plain text, `.`, `^` and `$` are)"
            ));
        }
        let start = text.starts_with('^');
        let body = text.strip_prefix('^').unwrap_or(text);
        let end = body.ends_with('$');
        let body = body.strip_suffix('$').unwrap_or(body);
        Ok(Pattern {
            chars: body.chars().collect(),
            start,
            end,
        })
    }

    /// Whether the pattern matches `line` at character `at`.
    fn matches_at(&self, line: &[char], at: usize) -> bool {
        if self.start && at != 0 {
            return false;
        }
        if at + self.chars.len() > line.len() {
            return false;
        }
        if self.end && at + self.chars.len() != line.len() {
            return false;
        }
        self.chars
            .iter()
            .zip(&line[at..])
            .all(|(p, c)| *p == '.' || p == c)
    }
}

impl Vim {
    /// Searches for `text` (the last pattern when empty), forward or back.
    pub(super) fn search(&mut self, text: &str, forward: bool) {
        let text = if text.is_empty() {
            match &self.last_search {
                Some(t) => t.clone(),
                None => {
                    self.error("E35: No previous regular expression".to_string());
                    return;
                }
            }
        } else {
            text.to_string()
        };
        self.last_search = Some(text.clone());
        self.last_forward = forward;
        self.find(&text, forward);
    }

    /// `n` (same direction) and `N` (the other).
    pub(super) fn search_again(&mut self, same: bool) {
        let Some(text) = self.last_search.clone() else {
            self.error("E35: No previous regular expression".to_string());
            return;
        };
        let forward = self.last_forward == same;
        self.find(&text, forward);
    }

    fn find(&mut self, text: &str, forward: bool) {
        let pattern = match Pattern::parse(text) {
            Ok(p) => p,
            Err(e) => {
                self.error(e);
                return;
            }
        };
        let lines: Vec<Vec<char>> = self.lines.iter().map(|l| l.chars().collect()).collect();
        let n = lines.len();
        // Every position after the cursor (or before it, backwards), then
        // around the end of the buffer.
        for step in 0..=n {
            let row = if forward {
                (self.row + step) % n
            } else {
                (self.row + n - step % n) % n
            };
            let line = &lines[row];
            let hit = if forward {
                let from = if step == 0 { self.col + 1 } else { 0 };
                (from..=line.len()).find(|&c| pattern.matches_at(line, c))
            } else {
                let to = if step == 0 { self.col } else { line.len() + 1 };
                (0..to).rev().find(|&c| pattern.matches_at(line, c))
            };
            let Some(col) = hit else {
                continue;
            };
            let wrapped = if forward {
                row < self.row || (row == self.row && col <= self.col && step > 0)
            } else {
                row > self.row || (row == self.row && col >= self.col && step > 0)
            };
            if wrapped {
                let text = if forward {
                    "search hit BOTTOM, continuing at TOP"
                } else {
                    "search hit TOP, continuing at BOTTOM"
                };
                self.error(text.to_string());
            } else {
                let prefix = if forward { '/' } else { '?' };
                self.info(format!("{prefix}{text}"));
            }
            self.row = row;
            self.col = col;
            return;
        }
        self.error(format!("E486: Pattern not found: {text}"));
    }
}
