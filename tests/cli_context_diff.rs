//! Differential test of `docker context` against the real docker CLI (when
//! one is on PATH; it needs no daemon): the same commands, in a fresh
//! `HOME`, must print the same stdout, stderr and exit codes.

use dockerlings::sandbox::Sandbox;
use std::process::Command;

const SCRIPT: &[&str] = &[
    "context ls",
    "context create server --docker host=tcp://192.168.1.20:2375",
    "context create server --docker host=tcp://192.168.1.20:2375",
    "context create s2 --description my-server --docker host=tcp://10.0.0.1",
    "context create x --docker host=tcp://10.0.0.1:2375",
    "context create yy --docker host=tcp://",
    "context ls",
    "context ls -q",
    "context use server",
    "context show",
    "context ls",
    "context rm server",
    "context use default",
    "context rm server s2",
    "context rm nope",
    "context show",
];

fn real_docker() -> Option<String> {
    let out = Command::new("docker").arg("--version").output().ok()?;
    out.status.success().then(|| "docker".to_string())
}

#[test]
fn context_commands_match_the_real_cli() {
    let Some(docker) = real_docker() else {
        eprintln!("notice: no docker CLI on PATH; context differential test skipped");
        return;
    };
    let home = std::env::temp_dir().join(format!("dockerlings-ctx-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).unwrap();
    let mut sb = Sandbox::new_script();
    let mut diffs = Vec::new();
    for line in SCRIPT {
        let args: Vec<&str> = line.split(' ').collect();
        let real = Command::new(&docker)
            .args(&args)
            .env("HOME", &home)
            .env_remove("DOCKER_HOST")
            .env_remove("DOCKER_CONTEXT")
            .output()
            .unwrap();
        let ours = sb.run_line(&format!("docker {line}"));
        let real = (
            String::from_utf8_lossy(&real.stdout).into_owned(),
            String::from_utf8_lossy(&real.stderr).into_owned(),
            real.status.code().unwrap_or(-1),
        );
        let ours = (ours.stdout(), ours.stderr(), ours.exit_code);
        if real != ours {
            diffs.push(format!("docker {line}\n  real: {real:?}\n  ours: {ours:?}"));
        }
    }
    let _ = std::fs::remove_dir_all(&home);
    assert!(diffs.is_empty(), "differences:\n{}", diffs.join("\n"));
}
