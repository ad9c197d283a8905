//! The fuzzer's short fixed-seed pass: every target of `dockerlings fuzz`
//! (docker argv, shell, Dockerfiles, references, Go templates, printf,
//! Python, lesson files, saved sandboxes, daemon.json, the registry API,
//! whole sessions) runs a few hundred generated inputs in watched worker
//! processes; none may crash, hang or leave the sandbox unable to answer.
//! The long soak is `dockerlings fuzz --seconds N` (see README).

use std::process::Command;

#[test]
fn every_fuzz_target_survives_a_fixed_seed_run() {
    let out = Command::new(env!("CARGO_BIN_EXE_dockerlings"))
        .args([
            "fuzz",
            "--seed",
            "1",
            "--iterations",
            "1000",
            "--timeout",
            "60",
        ])
        .output()
        .expect("dockerlings fuzz runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    let artifacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    let _ = std::fs::create_dir_all(&artifacts);
    let _ = std::fs::write(artifacts.join("fuzz.txt"), stdout.as_bytes());
    assert!(
        stdout
            .lines()
            .filter(|l| l.starts_with("fuzz: ") && l.contains(" executions in "))
            .count()
            >= 12,
        "every target ran:\n{stdout}"
    );
    assert!(
        out.status.success(),
        "the fuzzer found crashes or hangs:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
