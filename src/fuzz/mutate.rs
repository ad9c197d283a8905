//! Mutations of real inputs (the transcripts' command lines, the lesson
//! files, a saved sandbox): cut, duplicate, splice, swap numbers for edge
//! values, insert odd characters. Grammar-free, so they reach the error
//! paths the generators in [`super::grammar`] never produce.

use super::rng::Rng;
use std::path::Path;

const ODD: &[&str] = &[
    "\u{0}", "\t", "\r", "\n", "\u{7f}", "é", "中", "\u{202e}", "🙂", "\\", "'", "\"", "`", "$",
    "{", "}", "(", ")", "[", "]", "<<", "|", "&", ";", "*", "%", "--", "-", "=", ":", "/", "..",
    "${", "$((", "{{", "}}",
];

/// `s` changed by one to four mutations. Always valid UTF-8 (a `&str`),
/// cut at character boundaries.
pub fn mutate(r: &mut Rng, s: &str, others: &[String]) -> String {
    let mut v: Vec<char> = s.chars().collect();
    for _ in 0..1 + r.below(4) {
        let len = v.len();
        match r.below(8) {
            0 if len > 0 => {
                let a = r.below(len);
                let b = (a + 1 + r.below(16)).min(len);
                v.drain(a..b);
            }
            1 if len > 0 => {
                let a = r.below(len);
                let b = (a + 1 + r.below(16)).min(len);
                let piece: Vec<char> = v[a..b].to_vec();
                let times = *r.pick(&[1usize, 2, 10, 100, 1000]);
                let at = r.below(len + 1);
                for _ in 0..times {
                    v.splice(at..at, piece.iter().copied());
                    if v.len() > 200_000 {
                        break;
                    }
                }
            }
            2 if !others.is_empty() => {
                let o: Vec<char> = r.pick(others).chars().collect();
                let cut = r.below(len + 1);
                let from = r.below(o.len() + 1);
                v.truncate(cut);
                v.extend_from_slice(&o[from..]);
            }
            3 => {
                // a number for a number
                let digits: Vec<usize> = (0..len).filter(|&i| v[i].is_ascii_digit()).collect();
                if !digits.is_empty() {
                    let i = *r.pick(&digits);
                    let mut j = i;
                    while j < len && v[j].is_ascii_digit() {
                        j += 1;
                    }
                    let n: Vec<char> = r.number().chars().collect();
                    v.splice(i..j, n);
                }
            }
            4 if len > 0 => {
                let cut = r.below(len);
                v.truncate(cut);
            }
            _ => {
                let at = r.below(len + 1);
                let odd: Vec<char> = r.pick(ODD).chars().collect();
                v.splice(at..at, odd);
            }
        }
    }
    v.into_iter().collect()
}

/// The command lines of the transcripts (`$ …` lines), the fuzzer's seeds
/// for whole sessions; read from the checkout at run time.
pub fn transcript_lines() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts");
    let mut lines = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            if let Ok(text) = std::fs::read_to_string(&f) {
                lines.extend(
                    text.lines()
                        .filter_map(|l| l.strip_prefix("$ "))
                        .filter(|l| !l.starts_with("docker login"))
                        .map(str::to_string),
                );
            }
        }
    }
    if lines.is_empty() {
        lines = [
            "docker run hello-world",
            "echo hi | grep h",
            "docker ps -a",
            "ls -l /",
        ]
        .map(String::from)
        .to_vec();
    }
    lines
}

/// The built-in lesson files, the seeds of the lesson target.
pub fn lesson_files() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            let name = f
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if name.ends_with(".md") && name != "README.md" {
                if let Ok(t) = std::fs::read_to_string(&f) {
                    out.push(t);
                }
            }
        }
    }
    out
}
