//! Runs the CLI's transcript files (`tests/transcripts/cli-*.txt`): blocks
//! of `$ command` followed by the expected combined output (stdout and
//! stderr in the order written) and an optional `[exit N]` line. Wildcards
//! in expected lines: `<ID>` (12 hex), `<ID64>` (64 hex), `<DIGEST>`
//! (`sha256:` + 64 hex), `<*>` (anything within the line).

use dockerlings::sandbox::Sandbox;
use std::fs;

/// One `$ command` block.
struct Block {
    command: String,
    expected: Vec<String>,
    exit: i32,
    line: usize,
}

fn parse(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(cmd) = line.strip_prefix("$ ") {
            blocks.push(Block {
                command: cmd.to_string(),
                expected: Vec::new(),
                exit: 0,
                line: n + 1,
            });
        } else if let Some(b) = blocks.last_mut() {
            if let Some(code) = line
                .strip_prefix("[exit ")
                .and_then(|r| r.strip_suffix(']'))
                .and_then(|c| c.parse().ok())
            {
                b.exit = code;
            } else {
                b.expected.push(line.to_string());
            }
        }
    }
    for b in &mut blocks {
        while b.expected.last().is_some_and(|l| l.is_empty()) {
            b.expected.pop();
        }
    }
    blocks
}

fn hex_run(s: &str, n: usize) -> Option<usize> {
    let run = s.bytes().take(n).filter(u8::is_ascii_hexdigit).count();
    (run == n).then_some(n)
}

/// Whether `actual` matches the expected line `pat` with its wildcards.
fn matches(pat: &str, actual: &str) -> bool {
    if pat.is_empty() {
        return actual.is_empty();
    }
    if let Some(rest) = pat.strip_prefix("<*>") {
        return (0..=actual.len())
            .filter(|i| actual.is_char_boundary(*i))
            .any(|i| matches(rest, &actual[i..]));
    }
    for (tok, len, prefix) in [
        ("<ID64>", 64, ""),
        ("<ID>", 12, ""),
        ("<DIGEST>", 64, "sha256:"),
    ] {
        if let Some(rest) = pat.strip_prefix(tok) {
            let Some(a) = actual.strip_prefix(prefix) else {
                return false;
            };
            return hex_run(a, len).is_some_and(|n| matches(rest, &a[n..]));
        }
    }
    let mut pc = pat.chars();
    let mut ac = actual.chars();
    match (pc.next(), ac.next()) {
        (Some(p), Some(a)) if p == a => matches(pc.as_str(), ac.as_str()),
        _ => false,
    }
}

fn run_file(path: &str) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_default();
    let mut sb = Sandbox::new_script();
    let mut failures = Vec::new();
    for b in parse(&text) {
        let r = sb.run_line(&b.command);
        let combined: String = r.output.chunks.iter().map(|(_, t)| t.as_str()).collect();
        let mut actual: Vec<&str> = combined.lines().collect();
        while actual.last().is_some_and(|l| l.is_empty()) {
            actual.pop();
        }
        let ok = actual.len() == b.expected.len()
            && b.expected.iter().zip(&actual).all(|(p, a)| matches(p, a))
            && r.exit_code == b.exit;
        if !ok {
            failures.push(format!(
                "{path}:{}: $ {}\n--- expected (exit {})\n{}\n--- actual (exit {})\n{}\n",
                b.line,
                b.command,
                b.exit,
                b.expected.join("\n"),
                r.exit_code,
                actual.join("\n")
            ));
        }
    }
    failures
}

#[test]
fn cli_transcripts() {
    let mut files: Vec<String> = fs::read_dir("tests/transcripts")
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path().to_string_lossy().into_owned())
                .filter(|p| {
                    p.rsplit('/').next().is_some_and(|n| n.starts_with("cli-"))
                        && p.ends_with(".txt")
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    assert!(!files.is_empty(), "no cli transcripts found");
    let failures: Vec<String> = files.iter().flat_map(|f| run_file(f)).collect();
    assert!(
        failures.is_empty(),
        "{} failing blocks:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn wildcards_match_as_documented() {
    assert!(matches("id <ID> x", "id 0123456789ab x"));
    assert!(!matches("id <ID> x", "id 0123456789 x"));
    assert!(matches("<DIGEST>", &format!("sha256:{}", "a".repeat(64))));
    assert!(matches("a <*> c", "a b b c"));
    assert!(!matches("a <*> c", "a b b d"));
}
