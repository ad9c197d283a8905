//! The real docker CLI (28.2.2 on this machine) against `dockerlings
//! daemon`: each flow starts the daemon on a temporary socket, runs `docker`
//! with `DOCKER_HOST` and a temporary `DOCKER_CONFIG`, asserts what the CLI
//! prints and its exit code, and lists how that differs from what the
//! sandbox's own client prints for the same commands (`dockerlings script`).
//! Skipped, with a notice, when no `docker` is on PATH.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_dockerlings");

fn docker_cli() -> bool {
    let ok = Command::new("docker")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("NOTICE: no docker CLI on PATH: the daemon_cli tests are skipped");
    }
    ok
}

/// A running `dockerlings daemon` on a socket in a fresh directory.
struct Daemon {
    dir: PathBuf,
    child: Child,
}

impl Daemon {
    fn start(name: &str) -> Daemon {
        let dir = std::env::temp_dir().join(format!("dl-daemon-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("cfg")).unwrap();
        Daemon::start_in(dir)
    }

    /// Starts a daemon on `dir`'s socket and state file as they are.
    fn start_in(dir: PathBuf) -> Daemon {
        let child = Command::new(BIN)
            .args(["daemon", "--socket"])
            .arg(dir.join("d.sock"))
            .arg("--state")
            .arg(dir.join("state.json"))
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let t = Instant::now();
        while !dir.join("d.sock").exists() {
            assert!(
                t.elapsed() < Duration::from_secs(20),
                "daemon did not start"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Daemon { dir, child }
    }

    /// Runs the real `docker ARGS…`: (stdout, stderr, exit code).
    fn docker(&self, args: &[&str]) -> (String, String, i32) {
        let mut child = Command::new("docker")
            .args(args)
            .env(
                "DOCKER_HOST",
                format!("unix://{}", self.dir.join("d.sock").display()),
            )
            .env("DOCKER_CONFIG", self.dir.join("cfg"))
            .env_remove("DOCKER_CONTEXT")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        let t = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if t.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                panic!("docker {args:?} hung");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let o = child.wait_with_output().unwrap();
        (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
            o.status.code().unwrap_or(-1),
        )
    }

    fn state(&self) -> PathBuf {
        self.dir.join("state.json")
    }

    /// Ctrl+C: waits for the daemon to save and exit; its exit code.
    fn interrupt(&mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(s)) = self.child.try_wait() {
                return s.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let t = Instant::now();
        while self.child.try_wait().ok().flatten().is_none() && t.elapsed() < Duration::from_secs(5)
        {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What the sandbox's own client prints for `lines`, one record a line.
fn sandbox(lines: &[&str]) -> Vec<(String, String, i32)> {
    let mut child = Command::new(BIN)
        .args(["script", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(lines.join("\n").as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["stdout"].as_str().unwrap_or("").to_string(),
                v["stderr"].as_str().unwrap_or("").to_string(),
                v["exit_code"].as_i64().unwrap_or(-1) as i32,
            )
        })
        .collect()
}

/// Prints the lines where the real CLI and the sandbox's client differ;
/// returns how many differ.
fn differences(cmd: &str, real: &str, ours: &str) -> usize {
    let (r, o): (Vec<_>, Vec<_>) = (real.lines().collect(), ours.lines().collect());
    let mut n = 0;
    for i in 0..r.len().max(o.len()) {
        let (a, b) = (
            r.get(i).copied().unwrap_or(""),
            o.get(i).copied().unwrap_or(""),
        );
        if a != b {
            n += 1;
            eprintln!(
                "DIFF {cmd} line {}:\n  real CLI: {a}\n  sandbox:  {b}",
                i + 1
            );
        }
    }
    n
}

#[test]
fn version_reports_the_simulated_server() {
    if !docker_cli() {
        return;
    }
    let d = Daemon::start("version");
    let (out, err, code) = d.docker(&[
        "version",
        "--format",
        "{{.Server.Version}} {{.Server.APIVersion}}",
    ]);
    assert_eq!((out.as_str(), err.as_str(), code), ("28.5.2 1.51\n", "", 0));
    let (out, _, code) = d.docker(&["version"]);
    assert_eq!(code, 0);
    assert!(out.contains("Server: Docker Engine - Community"), "{out}");
}

#[test]
fn empty_lists_match_the_sandbox_client() {
    if !docker_cli() {
        return;
    }
    let d = Daemon::start("lists");
    let cmds = ["docker ps -a", "docker images"];
    let ours = sandbox(&cmds);
    let mut diffs = 0;
    for (cmd, ours) in cmds.iter().zip(&ours) {
        let args: Vec<&str> = cmd.split(' ').skip(1).collect();
        let real = d.docker(&args);
        assert_eq!((real.1.as_str(), real.2), ("", 0), "{cmd}");
        diffs += differences(cmd, &real.0, &ours.0);
    }
    assert_eq!(diffs, 0);
}

#[test]
fn pull_streams_progress_and_stores_the_image() {
    if !docker_cli() {
        return;
    }
    let d = Daemon::start("pull");
    let (out, err, code) = d.docker(&["pull", "alpine"]);
    assert_eq!((err.as_str(), code), ("", 0));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Using default tag: latest");
    assert_eq!(lines[1], "latest: Pulling from library/alpine");
    assert!(
        lines.iter().any(|l| l.ends_with(": Pull complete")),
        "{out}"
    );
    assert_eq!(
        lines[lines.len() - 2],
        "Status: Downloaded newer image for alpine:latest"
    );
    assert_eq!(lines[lines.len() - 1], "docker.io/library/alpine:latest");
    let ours = sandbox(&["docker pull alpine"]);
    let n = differences("docker pull alpine", &out, &ours[0].0);
    assert_eq!(n, 0, "pull progress differs from the sandbox client's");
    let (out, _, code) = d.docker(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert_eq!((out.as_str(), code), ("alpine:latest\n", 0));
    // an unknown image: the daemon's error, as the CLI shows it
    let (_, err, code) = d.docker(&["pull", "nosuchimage-dl"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("Error response from daemon: "), "{err}");
    // the state file is saved after each mutating request
    let state = std::fs::read_to_string(d.state()).unwrap();
    assert!(state.contains("library/alpine"));
}

#[test]
fn run_hello_world_then_rm() {
    if !docker_cli() {
        return;
    }
    let d = Daemon::start("hello");
    let (out, err, code) = d.docker(&["run", "--name", "hi", "hello-world"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("\nHello from Docker!\n"), "{out}");
    assert!(
        err.starts_with("Unable to find image 'hello-world:latest' locally\n"),
        "{err}"
    );
    let ours = sandbox(&["docker run --name hi hello-world"]);
    let n = differences("docker run hello-world (stdout)", &out, &ours[0].0)
        + differences("docker run hello-world (stderr)", &err, &ours[0].1);
    eprintln!("docker run hello-world: {n} line(s) differ from the sandbox client");
    let (out, _, code) = d.docker(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("hi Exited (0) "), "{out}");
    let (out, err, code) = d.docker(&["rm", "hi"]);
    assert_eq!((out.as_str(), err.as_str(), code), ("hi\n", "", 0));
    let (_, err, code) = d.docker(&["rm", "hi"]);
    assert_eq!(
        (err.as_str(), code),
        ("Error response from daemon: No such container: hi\n", 1)
    );
}

#[test]
fn malformed_http_gets_400_and_the_daemon_lives_on() {
    if !docker_cli() {
        return;
    }
    use std::io::{Read, Write};
    let d = Daemon::start("badhttp");
    let sock = d.dir.join("d.sock");
    let ask = |bytes: &[u8]| -> String {
        let mut s = std::os::unix::net::UnixStream::connect(Path::new(&sock)).unwrap();
        s.write_all(bytes).unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    };
    assert!(ask(b"NONSENSE\r\n\r\n").starts_with("HTTP/1.1 400 Bad Request\r\n"));
    assert!(
        ask(b"GET /_ping HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n")
            .starts_with("HTTP/1.1 413 ")
    );
    let r = ask(b"GET /nope HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert!(r.starts_with("HTTP/1.1 404 Not Found\r\n"), "{r}");
    let (out, _, code) = d.docker(&["version", "--format", "{{.Server.Version}}"]);
    assert_eq!((out.as_str(), code), ("28.5.2\n", 0));
}

#[test]
fn run_rm_delivers_output_exit_code_and_removes() {
    if !docker_cli() {
        return;
    }
    let d = Daemon::start("rm");
    let (out, _, code) = d.docker(&["run", "--rm", "alpine", "echo", "hi"]);
    assert_eq!((out.as_str(), code), ("hi\n", 0));
    let (out, _, code) = d.docker(&["run", "--rm", "alpine", "sh", "-c", "exit 3"]);
    assert_eq!((out.as_str(), code), ("", 3));
    let (out, err, code) = d.docker(&[
        "run",
        "alpine",
        "sh",
        "-c",
        "echo out; echo err >&2; exit 4",
    ]);
    assert_eq!((out.as_str(), err.as_str(), code), ("out\n", "err\n", 4));
    let (out, _, _) = d.docker(&["ps", "-aq"]);
    assert_eq!(
        out.lines().count(),
        1,
        "only the container without --rm is left"
    );
}

#[test]
fn run_detached_nginx_then_ps_and_logs() {
    if !docker_cli() {
        return;
    }
    let d = Daemon::start("nginx");
    let (out, _, code) = d.docker(&["run", "-d", "--name", "web", "nginx"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim().len(), 64, "{out}");
    let (out, _, code) = d.docker(&["ps", "--format", "{{.Names}} {{.Image}} {{.Ports}}"]);
    assert_eq!((out.as_str(), code), ("web nginx 80/tcp\n", 0));
    let (out, err, code) = d.docker(&["logs", "web"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("/docker-entrypoint.sh: "), "{out}");
    assert!(
        err.contains("[notice] 1#1: start worker processes"),
        "{err}"
    );
}

#[test]
fn ctrl_c_saves_the_state_and_removes_the_socket_and_a_restart_loads_it() {
    if !docker_cli() {
        return;
    }
    let mut d = Daemon::start("restart");
    let (_, _, code) = d.docker(&["run", "--name", "kept", "alpine", "true"]);
    assert_eq!(code, 0);
    assert_eq!(d.interrupt(), Some(0));
    assert!(!d.dir.join("d.sock").exists(), "the socket is removed");
    assert!(!d.dir.join("state.json.tmp").exists());
    let dir = d.dir.clone();
    std::mem::forget(d);
    let d = Daemon::start_in(dir);
    let (out, _, code) = d.docker(&["ps", "-a", "--format", "{{.Names}} {{.Image}}"]);
    assert_eq!((out.as_str(), code), ("kept alpine\n", 0));
}
