//! Tidy checks on the source tree: every module starts with a `//!` doc,
//! and the engine never depends on web or terminal crates (it must stay a
//! pure, deterministic library).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_module_has_a_doc_comment() {
    let mut files = Vec::new();
    for d in ["src", "tests", "benches"] {
        let p = root().join(d);
        if p.exists() {
            rust_files(&p, &mut files);
        }
    }
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            !text
                .lines()
                .find(|l| !l.trim().is_empty() && !l.starts_with("#!["))
                .is_some_and(|l| l.starts_with("//!"))
        })
        .map(|f| f.strip_prefix(root()).unwrap_or(f).display().to_string())
        .collect();
    assert!(missing.is_empty(), "modules without a //! doc: {missing:?}");
}

#[test]
fn engine_has_no_ui_dependencies() {
    let forbidden = [
        "yew",
        "web_sys",
        "gloo",
        "wasm_bindgen",
        "js_sys",
        "crossterm",
        "termion",
        "ratatui",
        "rustyline",
        "crate::web",
        "crate::cli",
        "crate::sandbox",
        "crate::lessons",
    ];
    let mut files = Vec::new();
    rust_files(&root().join("src/engine"), &mut files);
    let mut bad = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for word in forbidden {
            let hit = text.lines().any(|l| {
                let code = l.split("//").next().unwrap_or("");
                code.contains(&format!("{word}::")) || code.contains(&format!("use {word}"))
            });
            if hit {
                bad.push(format!("{} uses {word}", f.display()));
            }
        }
    }
    assert!(bad.is_empty(), "engine imports UI/terminal code: {bad:?}");
}

#[test]
fn engine_reads_no_system_clock_or_randomness() {
    let forbidden = [
        "SystemTime",
        "Instant::now",
        "thread_rng",
        "getrandom",
        "std::env::var",
    ];
    let mut files = Vec::new();
    for d in ["src/engine", "src/userland", "src/cli", "src/lessons"] {
        rust_files(&root().join(d), &mut files);
    }
    let bad: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            forbidden
                .iter()
                .filter(|w| text.contains(*w))
                .map(|w| format!("{} uses {w}", f.display()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(bad.is_empty(), "non-deterministic code: {bad:?}");
}
