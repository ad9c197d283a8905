//! Line editing for the console, as pure functions over strings so they are
//! tested natively: readline's Ctrl+U / Ctrl+W, Tab completion against the
//! sandbox's candidates, pasted text split into lines, continuation lines
//! (`\` at the end, heredocs), and quoting an answer to a prompt.
//!
//! Cursor positions come from the DOM (`selectionStart`), which counts
//! UTF-16 code units; [`byte_index`] and [`utf16_len`] convert.

use crate::sandbox::heredoc_tag;

/// The byte index in `s` of the UTF-16 offset `pos` (clamped to the end and
/// rounded down to a character boundary).
pub fn byte_index(s: &str, pos: usize) -> usize {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        if units >= pos {
            return i;
        }
        units += c.len_utf16();
        if units > pos {
            return i;
        }
    }
    s.len()
}

/// The length of `s` in UTF-16 code units (a DOM cursor position).
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// A line after an edit: its text and the new cursor (UTF-16 units).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edited {
    pub text: String,
    pub cursor: usize,
}

impl Edited {
    fn new(before: &str, after: &str) -> Edited {
        Edited {
            text: format!("{before}{after}"),
            cursor: utf16_len(before),
        }
    }
}

/// Ctrl+U: deletes everything before the cursor.
pub fn kill_to_start(text: &str, cursor: usize) -> Edited {
    let b = byte_index(text, cursor);
    Edited::new("", &text[b..])
}

/// Ctrl+K: deletes everything from the cursor to the end.
pub fn kill_to_end(text: &str, cursor: usize) -> Edited {
    let b = byte_index(text, cursor);
    Edited::new(&text[..b], "")
}

/// Ctrl+W: deletes the whitespace-delimited word before the cursor (and the
/// blanks between it and the cursor), as readline's `unix-word-rubout`.
pub fn rubout_word(text: &str, cursor: usize) -> Edited {
    let b = byte_index(text, cursor);
    let before = &text[..b];
    let trimmed = before.trim_end();
    let start = trimmed
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    Edited::new(&before[..start], &text[b..])
}

/// The longest common prefix of all candidates (by characters).
pub fn common_prefix(candidates: &[String]) -> String {
    let Some(first) = candidates.first() else {
        return String::new();
    };
    let mut end = first.len();
    for c in &candidates[1..] {
        end = first
            .char_indices()
            .zip(c.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map(|((i, a), _)| i + a.len_utf8())
            .unwrap_or(0)
            .min(end);
    }
    first[..end].to_string()
}

/// What pressing Tab does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Completion {
    /// Nothing to complete: leave the line alone.
    None,
    /// The line becomes this (one candidate, or a longer common prefix).
    Line(Edited),
    /// Several candidates and nothing more in common: show them.
    List(Vec<String>),
}

/// Applies the sandbox's candidates for the last word before the cursor.
/// A single candidate is completed with a trailing space (none after a
/// directory's `/`, an option's `=` or `docker cp`'s `CONTAINER:`); several complete to their common
/// prefix, or are listed when the prefix adds nothing.
pub fn complete(text: &str, cursor: usize, candidates: &[String]) -> Completion {
    let b = byte_index(text, cursor);
    let (before, after) = text.split_at(b);
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let head = &before[..word_start];
    let word = &before[word_start..];
    match candidates {
        [] => Completion::None,
        [only] => {
            let ends_open = only.ends_with(['/', '=', ':']);
            let space = if ends_open || after.starts_with(' ') {
                ""
            } else {
                " "
            };
            Completion::Line(Edited::new(&format!("{head}{only}{space}"), after))
        }
        many => {
            let prefix = common_prefix(many);
            if prefix.chars().count() > word.chars().count() && prefix.starts_with(word) {
                Completion::Line(Edited::new(&format!("{head}{prefix}"), after))
            } else {
                let mut list = many.to_vec();
                list.sort();
                list.dedup();
                Completion::List(list)
            }
        }
    }
}

/// Candidates laid out in columns, like a shell lists them, for a terminal
/// `width` characters wide.
pub fn columns(candidates: &[String], width: usize) -> String {
    let widest = candidates
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    let col = widest + 2;
    let per_row = (width.max(col) / col).max(1);
    let rows = candidates.len().div_ceil(per_row);
    let mut out = String::new();
    for r in 0..rows {
        let mut line = String::new();
        for c in 0..per_row {
            // Column-major order, as bash lists completions.
            if let Some(cand) = candidates.get(c * rows + r) {
                line.push_str(cand);
                let pad = col - cand.chars().count();
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Pasted text inserted at the cursor: the complete lines to run, in order,
/// and what is left on the input line (the text after the last newline).
pub fn paste(text: &str, cursor: usize, pasted: &str) -> (Vec<String>, Edited) {
    let b = byte_index(text, cursor);
    let (before, after) = text.split_at(b);
    let pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
    let mut parts: Vec<&str> = pasted.split('\n').collect();
    let last = parts.pop().unwrap_or("");
    if parts.is_empty() {
        return (Vec::new(), Edited::new(&format!("{before}{last}"), after));
    }
    let mut lines = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        if i == 0 {
            lines.push(format!("{before}{p}"));
        } else {
            lines.push(p.to_string());
        }
    }
    (lines, Edited::new(last, after))
}

/// A command still being typed over several lines: after a trailing `\`,
/// or inside a heredoc until its terminator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Continuation {
    text: String,
    heredoc: Option<String>,
}

/// The result of entering one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entered {
    /// A whole command, ready to run.
    Command(String),
    /// More lines are needed (the shell shows its `> ` prompt).
    More(Continuation),
}

/// Whether the line ends in an unescaped backslash.
fn ends_with_backslash(line: &str) -> bool {
    line.chars().rev().take_while(|c| *c == '\\').count() % 2 == 1
}

/// Enters a first line.
pub fn enter(line: &str) -> Entered {
    if let Some(tag) = heredoc_tag(line) {
        return Entered::More(Continuation {
            text: line.to_string(),
            heredoc: Some(tag),
        });
    }
    if ends_with_backslash(line) {
        return Entered::More(Continuation {
            text: line[..line.len() - 1].to_string(),
            heredoc: None,
        });
    }
    Entered::Command(line.to_string())
}

impl Continuation {
    /// Enters the next line of a command in progress.
    pub fn enter(self, line: &str) -> Entered {
        match self.heredoc {
            Some(tag) => {
                let text = format!("{}\n{line}", self.text);
                if line.trim_start_matches('\t') == tag {
                    Entered::Command(text)
                } else {
                    Entered::More(Continuation {
                        text,
                        heredoc: Some(tag),
                    })
                }
            }
            None => {
                let joined = format!("{}{line}", self.text);
                match enter(&joined) {
                    Entered::Command(c) => Entered::Command(c),
                    more => more,
                }
            }
        }
    }
}

/// An answer to a prompt as one shell word: plain words as typed, others
/// single-quoted (an empty answer becomes `''`).
pub fn shell_word(answer: &str) -> String {
    let plain = !answer.is_empty()
        && answer
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "@%+=:,./_-".contains(c));
    if plain {
        answer.to_string()
    } else {
        format!("'{}'", answer.replace('\'', "'\\''"))
    }
}

/// The parts of a shell prompt for colouring: `user@host`, `:`, the working
/// directory and the `$ ` / `# ` tail. Prompts of another shape come back as
/// one plain part.
pub fn prompt_parts(prompt: &str) -> Option<(&str, &str, &str)> {
    let tail_at = prompt.rfind(['$', '#'])?;
    let (head, tail) = prompt.split_at(tail_at);
    let (who, dir) = head.split_once(':')?;
    if !who.contains('@') || who.contains(' ') {
        return None;
    }
    Some((who, dir, tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ed(text: &str, cursor: usize) -> Edited {
        Edited {
            text: text.to_string(),
            cursor,
        }
    }

    fn v(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn utf16_offsets_map_to_byte_indices() {
        assert_eq!(byte_index("héllo", 2), 3);
        assert_eq!(byte_index("a😀b", 3), 5);
        // Inside a surrogate pair rounds down.
        assert_eq!(byte_index("a😀b", 2), 1);
        assert_eq!(byte_index("abc", 99), 3);
        assert_eq!(utf16_len("a😀b"), 4);
    }

    #[test]
    fn ctrl_u_and_ctrl_k_kill_around_the_cursor() {
        assert_eq!(kill_to_start("docker ps -a", 10), ed("-a", 0));
        assert_eq!(kill_to_end("docker ps -a", 9), ed("docker ps", 9));
    }

    #[test]
    fn ctrl_w_rubs_out_the_word_before_the_cursor() {
        assert_eq!(rubout_word("docker run hello", 16), ed("docker run ", 11));
        assert_eq!(rubout_word("docker run   ", 13), ed("docker ", 7));
        assert_eq!(rubout_word("docker run x", 10), ed("docker  x", 7));
        assert_eq!(rubout_word("", 0), ed("", 0));
        assert_eq!(rubout_word("été", 3), ed("", 0));
    }

    #[test]
    fn common_prefix_is_by_characters() {
        assert_eq!(common_prefix(&v(&["restart", "rm", "rmi"])), "r");
        assert_eq!(common_prefix(&v(&["héllo", "hélas"])), "hél");
        assert_eq!(common_prefix(&v(&["run"])), "run");
        assert_eq!(common_prefix(&[]), "");
    }

    #[test]
    fn one_candidate_completes_the_word_with_a_space() {
        assert_eq!(
            complete("docker ru", 9, &v(&["run"])),
            Completion::Line(ed("docker run ", 11))
        );
        assert_eq!(
            complete("cat /et", 7, &v(&["/etc/"])),
            Completion::Line(ed("cat /etc/", 9))
        );
        assert_eq!(
            complete("docker cp we", 12, &v(&["web:"])),
            Completion::Line(ed("docker cp web:", 14))
        );
        assert_eq!(
            complete("docker run --name=", 18, &v(&["--network="])),
            Completion::Line(ed("docker run --network=", 21))
        );
    }

    #[test]
    fn completion_keeps_text_after_the_cursor() {
        assert_eq!(
            complete("docker ru hello-world", 9, &v(&["run"])),
            Completion::Line(ed("docker run hello-world", 10))
        );
    }

    #[test]
    fn several_candidates_extend_to_their_prefix_or_are_listed() {
        assert_eq!(
            complete("docker im", 9, &v(&["image", "images", "import"])),
            Completion::List(v(&["image", "images", "import"]))
        );
        assert_eq!(
            complete("docker ima", 10, &v(&["image", "images"])),
            Completion::Line(ed("docker image", 12))
        );
        assert_eq!(
            complete("docker image", 12, &v(&["images", "image"])),
            Completion::List(v(&["image", "images"]))
        );
        assert_eq!(complete("nosuch", 6, &[]), Completion::None);
    }

    #[test]
    fn candidates_are_listed_in_columns() {
        let list = v(&["attach", "build", "commit", "cp", "create"]);
        assert_eq!(columns(&list, 20), "attach  cp\nbuild   create\ncommit\n");
        assert_eq!(
            columns(&list, 200),
            "attach  build   commit  cp      create\n"
        );
    }

    #[test]
    fn pasted_lines_run_in_order_and_the_rest_stays_on_the_line() {
        let (lines, left) = paste("echo ", 5, "a\r\ndocker ps\nls");
        assert_eq!(lines, v(&["echo a", "docker ps"]));
        assert_eq!(left, ed("ls", 2));
        let (lines, left) = paste("", 0, "docker version\n");
        assert_eq!(lines, v(&["docker version"]));
        assert_eq!(left, ed("", 0));
        let (lines, left) = paste("ab", 1, "X");
        assert!(lines.is_empty());
        assert_eq!(left, ed("aXb", 2));
    }

    #[test]
    fn backslash_continues_a_command_on_the_next_line() {
        let Entered::More(c) = enter("docker run \\") else {
            panic!("expected a continuation")
        };
        assert_eq!(
            c.enter("hello-world"),
            Entered::Command("docker run hello-world".to_string())
        );
        assert_eq!(
            enter("echo a\\\\"),
            Entered::Command("echo a\\\\".to_string())
        );
    }

    #[test]
    fn heredoc_collects_lines_until_its_terminator() {
        let Entered::More(c) = enter("cat > Dockerfile <<EOF") else {
            panic!("expected a heredoc")
        };
        let Entered::More(c) = c.enter("FROM alpine") else {
            panic!("still in the heredoc")
        };
        assert_eq!(
            c.enter("EOF"),
            Entered::Command("cat > Dockerfile <<EOF\nFROM alpine\nEOF".to_string())
        );
    }

    #[test]
    fn answers_become_one_shell_word() {
        assert_eq!(shell_word("learner"), "learner");
        assert_eq!(shell_word("p@ss w'rd"), "'p@ss w'\\''rd'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn prompts_split_for_colouring() {
        assert_eq!(
            prompt_parts("learner@laptop:~$ "),
            Some(("learner@laptop", "~", "$ "))
        );
        assert_eq!(
            prompt_parts("root@0123456789ab:/#"),
            Some(("root@0123456789ab", "/", "#"))
        );
        assert_eq!(prompt_parts("Password: "), None);
        assert_eq!(prompt_parts("> "), None);
    }
}
