//! Runs the image area's transcripts (`tests/transcripts/images-*.txt`):
//! blocks of `$ command` followed by the expected combined output and an
//! optional `[exit N]`. Wildcards: `<ID>` 12 hex, `<ID64>` 64 hex,
//! `<DIGEST>` `sha256:` + 64 hex, `<*>` anything within a line.

use dockerlings::sandbox::Sandbox;

fn hex_run(s: &[u8], n: usize) -> bool {
    s.len() >= n
        && s[..n]
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
}

fn line_matches(pat: &str, s: &str) -> bool {
    fn m(p: &[u8], s: &[u8]) -> bool {
        if p.is_empty() {
            return s.is_empty();
        }
        for (w, n, prefix) in [
            (&b"<ID64>"[..], 64, &b""[..]),
            (b"<ID>", 12, b""),
            (b"<DIGEST>", 64, b"sha256:"),
        ] {
            if p.starts_with(w) {
                return s.starts_with(prefix)
                    && hex_run(&s[prefix.len()..], n)
                    && m(&p[w.len()..], &s[prefix.len() + n..]);
            }
        }
        if p.starts_with(b"<*>") {
            return (0..=s.len()).any(|i| m(&p[3..], &s[i..]));
        }
        !s.is_empty() && p[0] == s[0] && m(&p[1..], &s[1..])
    }
    m(pat.as_bytes(), s.as_bytes())
}

fn run_transcript(name: &str, text: &str) {
    let mut sb = Sandbox::new_script();
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if let Some(cmd) = line.strip_prefix("$ ") {
            blocks.push((cmd.to_string(), Vec::new()));
        } else if let Some((_, exp)) = blocks.last_mut() {
            exp.push(line.to_string());
        }
    }
    for (cmd, mut expected) in blocks {
        while expected.last().is_some_and(|l| l.is_empty()) {
            expected.pop();
        }
        let mut code = 0;
        if let Some(last) = expected.last() {
            if let Some(n) = last
                .strip_prefix("[exit ")
                .and_then(|r| r.strip_suffix(']'))
            {
                code = n.parse().unwrap();
                expected.pop();
            }
        }
        let r = sb.run_line(&cmd);
        let got: String = r.output.chunks.iter().map(|(_, t)| t.as_str()).collect();
        let got_lines: Vec<&str> = got.lines().collect();
        let ok = got_lines.len() == expected.len()
            && got_lines
                .iter()
                .zip(&expected)
                .all(|(g, e)| line_matches(e, g));
        assert!(
            ok && r.exit_code == code,
            "{name}: `{cmd}`\n--- expected (exit {code}):\n{}\n--- got (exit {}):\n{got}",
            expected.join("\n"),
            r.exit_code
        );
    }
}

#[test]
fn image_transcripts() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/transcripts");
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with("images-") && name.ends_with(".txt") {
            run_transcript(&name, &std::fs::read_to_string(e.path()).unwrap());
            n += 1;
        }
    }
    assert!(n >= 5, "found only {n} transcripts");
}

#[test]
fn wildcards() {
    assert!(line_matches("<ID>   x", "0123456789ab   x"));
    assert!(!line_matches("<ID>", "0123456789a"));
    assert!(line_matches(
        "Digest: <DIGEST>",
        &format!("Digest: sha256:{}", "a".repeat(64))
    ));
    assert!(line_matches("a<*>z", "abcz"));
    assert!(!line_matches("a<*>z", "abc"));
}
