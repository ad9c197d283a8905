//! Transcript tests: every `tests/transcripts/*.txt` file is a session of
//! commands typed into a fresh script-mode sandbox, each followed by the
//! exact output expected (stdout and stderr interleaved as printed).
//!
//! Format: a line `$ COMMAND` starts a block (a heredoc's body lines belong
//! to the command); the lines after it, up to the next `$ ` line, are the
//! expected output verbatim; a last line `[exit N]` gives a non-zero exit
//! code; one blank line after a block separates it from the next and is
//! not part of the output. Lines starting with `#` before the first
//! command are comments.
//! Wildcards inside expected lines: `<ID>` (12 hex), `<ID64>` (64 hex),
//! `<DIGEST>` (`sha256:` + 64 hex), `<SIZE>` (a human size like `7.8MB`),
//! `<N>` (digits), `<*>` (anything on the line).
//!
//! `UPDATE_TRANSCRIPTS=1 cargo test --test transcripts` rewrites the files
//! from the actual output, keeping expected lines (and their wildcards)
//! that still match.

use dockerlings::sandbox::{heredoc_tag, Sandbox};
use std::fmt::Write as _;
use std::path::Path;

struct Block {
    command: String,
    expected: Vec<String>,
    exit: i32,
}

fn parse(text: &str) -> (Vec<String>, Vec<Block>) {
    let mut header = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut lines = text.split('\n').peekable();
    // drop the final empty string after the last newline
    let mut all: Vec<&str> = Vec::new();
    while let Some(l) = lines.next() {
        if lines.peek().is_none() && l.is_empty() {
            break;
        }
        all.push(l);
    }
    let mut i = 0;
    while i < all.len() {
        let l = all[i];
        i += 1;
        if let Some(cmd) = l.strip_prefix("$ ") {
            let mut command = cmd.to_string();
            if let Some(tag) = heredoc_tag(cmd) {
                while i < all.len() {
                    let b = all[i];
                    i += 1;
                    command.push('\n');
                    command.push_str(b);
                    if b.trim_start_matches('\t') == tag {
                        break;
                    }
                }
            }
            blocks.push(Block {
                command,
                expected: Vec::new(),
                exit: 0,
            });
        } else if let Some(b) = blocks.last_mut() {
            b.expected.push(l.to_string());
        } else {
            header.push(l.to_string());
        }
    }
    for b in &mut blocks {
        // One blank line may separate a block from the next: not output.
        if b.expected.last().is_some_and(String::is_empty) {
            b.expected.pop();
        }
        if let Some(last) = b.expected.last() {
            if let Some(n) = last
                .strip_prefix("[exit ")
                .and_then(|r| r.strip_suffix(']'))
            {
                if let Ok(code) = n.parse() {
                    b.exit = code;
                    b.expected.pop();
                }
            }
        }
    }
    (header, blocks)
}

/// Matches one expected line (with wildcards) against an actual line.
fn line_matches(pat: &str, actual: &str) -> bool {
    /// The end offsets a wildcard can match at the start of a slice.
    type Matcher = fn(&[u8]) -> Vec<usize>;
    fn m(p: &[u8], a: &[u8]) -> bool {
        if p.is_empty() {
            return a.is_empty();
        }
        let wild: &[(&[u8], Matcher)] = &[
            (b"<ID64>", |a| hex_run(a, 64, 64)),
            (b"<ID>", |a| hex_run(a, 12, 12)),
            (b"<DIGEST>", |a| {
                if a.starts_with(b"sha256:") {
                    hex_run(&a[7..], 64, 64)
                        .into_iter()
                        .map(|n| n + 7)
                        .collect()
                } else {
                    vec![]
                }
            }),
            (b"<N>", |a| {
                let n = a.iter().take_while(|c| c.is_ascii_digit()).count();
                (1..=n).collect()
            }),
            (b"<SIZE>", size_run),
            (b"<*>", |a| (0..=a.len()).collect()),
        ];
        for (tok, f) in wild {
            if p.starts_with(tok) {
                return f(a).into_iter().rev().any(|n| m(&p[tok.len()..], &a[n..]));
            }
        }
        !a.is_empty() && p[0] == a[0] && m(&p[1..], &a[1..])
    }
    fn hex_run(a: &[u8], min: usize, max: usize) -> Vec<usize> {
        let n = a
            .iter()
            .take_while(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
            .count();
        (min..=max.min(n)).collect()
    }
    fn size_run(a: &[u8]) -> Vec<usize> {
        let num = a
            .iter()
            .take_while(|c| c.is_ascii_digit() || **c == b'.' || **c == b'e' || **c == b'+')
            .count();
        if num == 0 {
            return vec![];
        }
        let rest = &a[num..];
        for unit in ["kB", "MB", "GB", "TB", "B"] {
            if rest.starts_with(unit.as_bytes()) {
                return vec![num + unit.len()];
            }
        }
        vec![]
    }
    m(pat.as_bytes(), actual.as_bytes())
}

fn output_lines(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s.split('\n').map(str::to_string).collect();
    if v.last().is_some_and(String::is_empty) {
        v.pop();
    }
    v
}

fn run_file(path: &Path, update: bool) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let (header, blocks) = parse(&text);
    let mut sb = Sandbox::new_script();
    let mut failures = String::new();
    let mut rewritten = String::new();
    for h in &header {
        let _ = writeln!(rewritten, "{h}");
    }
    for b in &blocks {
        let r = sb.run_line(&b.command);
        let combined: String = r.output.chunks.iter().map(|(_, t)| t.as_str()).collect();
        let actual = output_lines(&combined);
        let ok = actual.len() == b.expected.len()
            && actual
                .iter()
                .zip(&b.expected)
                .all(|(a, e)| line_matches(e, a))
            && r.exit_code == b.exit;
        let _ = writeln!(rewritten, "$ {}", b.command);
        for (k, a) in actual.iter().enumerate() {
            match b.expected.get(k) {
                Some(e) if line_matches(e, a) => {
                    let _ = writeln!(rewritten, "{e}");
                }
                _ => {
                    let _ = writeln!(rewritten, "{a}");
                }
            }
        }
        if r.exit_code != 0 {
            let _ = writeln!(rewritten, "[exit {}]", r.exit_code);
        }
        let _ = writeln!(rewritten);
        if !ok {
            let _ = writeln!(
                failures,
                "--- {}: `$ {}`\n  expected (exit {}):\n{}\n  actual (exit {}):\n{}",
                path.display(),
                b.command,
                b.exit,
                b.expected
                    .iter()
                    .map(|l| format!("    |{l}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                r.exit_code,
                actual
                    .iter()
                    .map(|l| format!("    |{l}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
    }
    if update && !failures.is_empty() {
        std::fs::write(path, rewritten).map_err(|e| e.to_string())?;
        return Ok(());
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures)
    }
}

#[test]
fn transcripts() {
    let update = std::env::var_os("UPDATE_TRANSCRIPTS").is_some();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/transcripts exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no transcript files in {}",
        dir.display()
    );
    let mut failed = Vec::new();
    for f in &files {
        if let Err(e) = run_file(f, update) {
            failed.push(e);
        }
    }
    println!(
        "transcripts: {} files, {} failed",
        files.len(),
        failed.len()
    );
    assert!(failed.is_empty(), "\n{}", failed.join("\n"));
}

#[test]
fn wildcards_match_what_they_say() {
    assert!(line_matches("<ID>   hello", "0123456789ab   hello"));
    assert!(!line_matches("<ID>", "0123456789a"));
    assert!(line_matches(
        "Digest: <DIGEST>",
        &format!("Digest: sha256:{}", "a".repeat(64))
    ));
    assert!(line_matches("a <*> z", "a anything at all z"));
    assert!(line_matches("<SIZE>", "1e+03kB"));
    assert!(!line_matches("<SIZE>", "abc"));
    assert!(line_matches("Up <N> seconds", "Up 12 seconds"));
    assert!(!line_matches("plain", "plainer"));
}
