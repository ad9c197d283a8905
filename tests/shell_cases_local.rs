//! Development runner for tests/differential/shell-*.cases until the
//! project's differential harness lands: runs each case on the real shell
//! and in the sandbox and prints the disagreements. Set SHELL_CASES=family
//! to pick one family.

use dockerlings::sandbox::Sandbox;
use std::process::Command;

fn sq(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn real(env: &str, script: &str, dir: &str) -> (String, String, i32) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let mut c = match env {
        "ubuntu-sh" => Command::new("dash"),
        "alpine-sh" => {
            let mut c = Command::new("/usr/bin/busybox");
            c.arg("sh");
            c.env("PATH", "/tmp/bbpath");
            c
        }
        _ => Command::new("bash"),
    };
    c.arg("-c").arg(script).current_dir(dir);
    let o = c.output().unwrap();
    (
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
        o.status.code().unwrap_or(-1),
    )
}

fn sandbox(sb: &mut Sandbox, env: &str, script: &str, dir: &str) -> (String, String, i32) {
    let line = match env {
        "ubuntu-bash" => format!("docker run --rm -w {dir} ubuntu bash -c {}", sq(script)),
        "ubuntu-sh" => format!("docker run --rm -w {dir} ubuntu sh -c {}", sq(script)),
        "alpine-sh" => format!("docker run --rm -w {dir} alpine sh -c {}", sq(script)),
        _ => {
            sb.run_line(&format!("rm -rf {dir}; mkdir -p {dir}"));
            format!("cd {dir} && bash -c {}", sq(script))
        }
    };
    let r = sb.run_line(&line);
    let mut o = String::new();
    let mut e = String::new();
    for (s, t) in &r.output.chunks {
        if format!("{s:?}") == "Stderr" {
            e.push_str(t)
        } else {
            o.push_str(t)
        }
    }
    sb.run_line("cd /root");
    (o, e, r.exit_code)
}

#[test]
fn shell_cases_local() {
    let Ok(fam) = std::env::var("SHELL_CASES") else {
        return;
    };
    let mut sb = Sandbox::new_script();
    sb.run_line("docker pull ubuntu; docker pull alpine");
    let mut n = 0;
    for entry in std::fs::read_dir("tests/differential").unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with(&fam) || !name.ends_with(".cases") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let (mut total, mut ok) = (0, 0);
        let mut cases: Vec<(String, Vec<String>, String)> = Vec::new();
        for line in text.lines() {
            if let Some(h) = line.strip_prefix("=== ") {
                let (title, envs) = match h.rfind(" [") {
                    Some(i) if h.ends_with(']') => (
                        h[..i].to_string(),
                        h[i + 2..h.len() - 1]
                            .split(',')
                            .map(|s| s.trim().to_string())
                            .collect(),
                    ),
                    _ => (h.to_string(), vec!["host".to_string()]),
                };
                cases.push((title, envs, String::new()));
            } else if let Some(c) = cases.last_mut() {
                c.2.push_str(line);
                c.2.push('\n');
            }
        }
        for (title, envs, script) in cases {
            let script = script.trim_end_matches('\n').to_string();
            for env in envs {
                n += 1;
                total += 1;
                let dir = format!("/tmp/difftest/{n}");
                let a = real(&env, &script, &dir);
                let b = sandbox(&mut sb, &env, &script, &dir);
                if a == b {
                    ok += 1;
                } else {
                    println!(
                        "--- {name}: {title} [{env}]\n{script}\n  real:    {a:?}\n  sandbox: {b:?}"
                    );
                }
            }
        }
        println!("== {name}: {ok}/{total}");
    }
}
