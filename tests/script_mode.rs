//! The native binary's script mode: `dockerlings script [--json] FILE|-`
//! runs each line as typed at the host prompt, deterministically.

use std::io::Write;
use std::process::{Command, Stdio};

fn run_script(args: &[&str], input: &str) -> (String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dockerlings"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dockerlings runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write script");
    let out = child.wait_with_output().expect("wait");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

const SCRIPT: &str = "docker version\ndocker run hello-world\ndocker nosuch\n";

#[test]
fn json_mode_prints_one_object_per_command() {
    let (out, code) = run_script(&["script", "--json", "-"], SCRIPT);
    assert_eq!(code, 0);
    let objs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(objs.len(), 3);
    // Keys in the documented order.
    let first = out.lines().next().unwrap();
    let order: Vec<usize> = ["\"command\"", "\"stdout\"", "\"stderr\"", "\"exit_code\""]
        .iter()
        .map(|k| first.find(k).expect("key present"))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{first}");
    assert_eq!(objs[0]["command"], "docker version");
    assert!(objs[0]["stdout"]
        .as_str()
        .unwrap()
        .starts_with("Client: Docker Engine - Community\n"));
    assert_eq!(objs[0]["exit_code"], 0);
    let hello = objs[1]["stdout"].as_str().unwrap();
    assert!(hello.starts_with("\nHello from Docker!\n"), "{hello}");
    assert!(objs[1]["stderr"]
        .as_str()
        .unwrap()
        .starts_with("Unable to find image 'hello-world:latest' locally\n"));
    assert_eq!(objs[1]["exit_code"], 0);
    assert_eq!(objs[2]["command"], "docker nosuch");
    assert_eq!(objs[2]["stdout"], "");
    assert_eq!(
        objs[2]["stderr"],
        "docker: unknown command: docker nosuch\n\nRun 'docker --help' for more information\n"
    );
    assert_eq!(objs[2]["exit_code"], 1);
}

#[test]
fn script_mode_is_deterministic() {
    let script = "docker run -d --name web nginx\ndocker ps -a\nsleep 5\ndocker logs web\ndocker inspect -f '{{.Id}} {{.Created}}' web\n";
    let (a, _) = run_script(&["script", "-"], script);
    let (b, _) = run_script(&["script", "-"], script);
    assert_eq!(a, b);
    assert!(a.contains("root@laptop:~# docker ps -a\n"), "{a}");
}

#[test]
fn plain_mode_prints_prompt_command_and_output() {
    let (out, _) = run_script(&["script", "-"], "docker nosuch\n");
    assert_eq!(
        out,
        "root@laptop:~# docker nosuch\ndocker: unknown command: docker nosuch\n\nRun 'docker --help' for more information\n"
    );
}
