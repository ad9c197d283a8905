//! Container engine and commands, exercised through the sandbox with a
//! stand-in for the userland (`runtime::glue::set_launcher`): programs of
//! known behaviour (`echo`, `sleep`, `ticker`, `server`, `spin`, `sh`) over
//! a test image built from layers, so lifecycle, logs, networking and
//! volumes are checked exactly whatever the userland does.

use dockerlings::engine::clock::Millis;
use dockerlings::engine::digest::Digest;
use dockerlings::engine::fs::{Content, Entry, UnionFs};
use dockerlings::engine::image::{ContainerConfig, Image, ImageConfig, RootFs};
use dockerlings::engine::runtime::{self, glue};
use dockerlings::sandbox::{CommandResult, Sandbox};
use dockerlings::userland::shell::{Shell, ShellKind};
use dockerlings::userland::{Action, Exit, Output, ProcCtx, Service, ShellSession, Sys};
use std::sync::Arc;

/// Sleeps `ms` unless that passes the horizon; `false` when blocked.
fn nap(sys: &mut dyn Sys, ctx: &ProcCtx, ms: Millis) -> bool {
    if sys.now() + ms > ctx.until {
        let rest = ctx.until - sys.now();
        sys.sleep(rest.max(0));
        return false;
    }
    sys.sleep(ms);
    true
}

fn fake(sys: &mut dyn Sys, argv: &[String], ctx: &ProcCtx, out: &mut Output) -> Exit {
    let prog = argv
        .first()
        .map(|a| a.rsplit('/').next().unwrap_or(a))
        .unwrap_or("");
    let arg = |i: usize| argv.get(i).cloned().unwrap_or_default();
    match prog {
        "echo" => {
            out.outln(argv[1..].join(" "));
            Exit::Code(0)
        }
        "warn" => {
            out.errln(argv[1..].join(" "));
            Exit::Code(0)
        }
        "true" => Exit::Code(0),
        "false" => Exit::Code(1),
        "exit" => Exit::Code(arg(1).parse().unwrap_or(0)),
        "sleep" => {
            let secs: i64 = arg(1).parse().unwrap_or(0);
            if nap(sys, ctx, secs * 1000) {
                Exit::Code(0)
            } else {
                Exit::Blocked
            }
        }
        "ticker" => {
            // ticker N [CODE]: prints "tick i" every second, N times (0 = forever).
            let n: u64 = arg(1).parse().unwrap_or(0);
            let code: i32 = arg(2).parse().unwrap_or(0);
            let mut i = 0;
            let mut steps = 0;
            loop {
                i += 1;
                steps += 1;
                if steps > ctx.budget {
                    return Exit::Budget;
                }
                out.outln(format!("tick {i}"));
                if n != 0 && i >= n {
                    return Exit::Code(code);
                }
                if !nap(sys, ctx, 1000) {
                    return Exit::Blocked;
                }
            }
        }
        "spin" => {
            out.errln(
                "dockerlings: command stopped after 100000 steps: it looks like an endless loop",
            );
            Exit::Budget
        }
        "curl" => {
            let req = dockerlings::userland::HttpRequest {
                method: "GET".into(),
                scheme: "http".into(),
                host: arg(1),
                port: arg(2).parse().unwrap_or(80),
                path: "/".into(),
                ..Default::default()
            };
            match sys.http(&req) {
                Ok(r) => {
                    out.outln(format!("HTTP {}", r.status));
                    Exit::Code(0)
                }
                Err(e) => {
                    out.errln(format!("curl: {e}"));
                    Exit::Code(7)
                }
            }
        }
        "server" => Exit::Service(Service::Nginx {
            requests: 0,
            pending: Output::new(),
        }),
        "idle" => Exit::Service(Service::Idle),
        "console" => {
            out.outln("Hello World!");
            Exit::Service(Service::Console {
                lines: vec!["Hello World22222!".into()],
                interval: 1000,
                next: sys.now() + 1000,
            })
        }
        "hostname" => {
            out.outln(sys.hostname());
            Exit::Code(0)
        }
        "write" => {
            let (fs, p) = sys.fs_for(&arg(1));
            match fs.write_file(&p, Content::text(&arg(2)), 0) {
                Ok(()) => Exit::Code(0),
                Err(e) => {
                    out.errln(format!("write: {e}"));
                    Exit::Code(1)
                }
            }
        }
        "rm" => {
            let (fs, p) = sys.fs_for(&arg(1));
            Exit::Code(i32::from(fs.remove(&p, true).is_err()))
        }
        "cat" => {
            let (fs, p) = sys.fs_for_ref(&arg(1));
            match fs.read_text(&p) {
                Ok(t) => {
                    out.out(t);
                    Exit::Code(0)
                }
                Err(e) => {
                    out.errln(format!("cat: {}: {e}", arg(1)));
                    Exit::Code(1)
                }
            }
        }
        "sh" | "bash" => {
            if argv.get(1).map(String::as_str) == Some("-c") {
                let line: Vec<String> = arg(2).split_whitespace().map(str::to_string).collect();
                return fake(sys, &line, ctx, out);
            }
            if ctx.interactive {
                let kind = if prog == "bash" {
                    ShellKind::Bash
                } else {
                    ShellKind::Ash
                };
                Exit::Interactive(Box::new(ShellSession::new(Shell::new(
                    kind, prog, &ctx.cwd, &ctx.env,
                ))))
            } else {
                Exit::Code(0)
            }
        }
        other => Exit::ExecFailed {
            message: format!("exec: \"{other}\": executable file not found in $PATH"),
            code: 127,
        },
    }
}

/// A sandbox with the stand-in launcher and an `alpine` test image.
fn sandbox() -> Sandbox {
    glue::set_launcher(Some(fake));
    let mut sb = Sandbox::new_script();
    let mut fs = UnionFs::new(Vec::new());
    for d in ["/bin", "/etc", "/tmp", "/data", "/home/learner"] {
        fs.mkdir_all(d, 0o755, 1).unwrap();
    }
    fs.write_file(
        "/etc/os-release",
        Content::text("NAME=\"Alpine Linux\"\n"),
        1,
    )
    .unwrap();
    fs.write_file("/etc/motd", Content::text("Welcome\n"), 1)
        .unwrap();
    fs.write_file("/data/seed.txt", Content::text("seed\n"), 1)
        .unwrap();
    fs.put(
        "/bin/sh",
        Entry::File {
            meta: dockerlings::engine::fs::Meta::new(0o755, 1),
            content: Content::program("sh", 800_000),
        },
    )
    .unwrap();
    let layer = Arc::new(fs.take_upper());
    let host = &mut sb.engine.hosts[0];
    let diff_id = host.daemon.images.layers.insert(layer);
    let config = ImageConfig {
        architecture: "amd64".into(),
        config: ContainerConfig {
            env: vec!["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()],
            cmd: Some(vec!["/bin/sh".into()]),
            ..ContainerConfig::default()
        },
        created: "2024-01-01T00:00:00Z".into(),
        os: "linux".into(),
        rootfs: RootFs {
            kind: "layers".into(),
            diff_ids: vec![diff_id],
        },
        ..ImageConfig::default()
    };
    let id: Digest = config.id();
    host.daemon.images.images.insert(
        id.clone(),
        Image {
            id: id.clone(),
            config,
            parent: None,
            repo_digests: Vec::new(),
        },
    );
    host.daemon
        .images
        .refs
        .insert("docker.io/library/alpine:latest".into(), id);
    // A web image exposing port 80.
    let mut web = host.daemon.images.images.values().next().unwrap().clone();
    web.config.config.cmd = Some(vec!["server".into()]);
    web.config
        .config
        .exposed_ports
        .insert("80/tcp".into(), serde_json::json!({}));
    web.config.config.stop_signal = "SIGQUIT".into();
    web.config
        .config
        .volumes
        .insert("/cache".into(), serde_json::json!({}));
    let wid = web.config.id();
    web.id = wid.clone();
    host.daemon.images.images.insert(wid.clone(), web);
    host.daemon
        .images
        .refs
        .insert("docker.io/library/web:latest".into(), wid);
    sb.engine.hosts[0]
        .fs
        .mkdir_all("/home/learner", 0o755, 1)
        .unwrap();
    sb
}

fn run(sb: &mut Sandbox, line: &str) -> CommandResult {
    sb.run_line(line)
}

/// Runs a line and returns stdout, asserting success.
fn ok(sb: &mut Sandbox, line: &str) -> String {
    let r = sb.run_line(line);
    assert_eq!(r.exit_code, 0, "{line}: {r:?}");
    r.stdout()
}

/// Runs a line expecting failure; returns (stderr, code).
fn fails(sb: &mut Sandbox, line: &str) -> (String, i32) {
    let r = sb.run_line(line);
    assert_ne!(r.exit_code, 0, "{line} should fail: {r:?}");
    (r.stderr(), r.exit_code)
}

fn id_of(sb: &Sandbox, name: &str) -> String {
    sb.engine.hosts[0]
        .daemon
        .containers
        .find(name)
        .expect("container")
        .id
        .clone()
}

/// Replaces every 64-hex and 12-hex run of `ids` with placeholders.
fn redact(sb: &Sandbox, text: &str) -> String {
    let mut t = text.to_string();
    for c in sb.engine.hosts[0].daemon.containers.by_id.values() {
        t = t.replace(&c.id, "<ID64>").replace(&c.id[..12], "<ID>");
    }
    t
}

#[test]
fn run_prints_output_and_exit_codes() {
    let mut sb = sandbox();
    let r = run(&mut sb, "docker run alpine echo hello");
    assert_eq!(
        (r.stdout(), r.stderr(), r.exit_code),
        ("hello\n".into(), String::new(), 0)
    );
    let r = run(&mut sb, "docker run alpine warn oops");
    assert_eq!((r.stdout(), r.stderr()), (String::new(), "oops\n".into()));
    assert_eq!(run(&mut sb, "docker run alpine exit 3").exit_code, 3);
    let (err, code) = fails(&mut sb, "docker run alpine nosuchcmd");
    assert_eq!(code, 127);
    assert_eq!(
        err,
        "docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: \"nosuchcmd\": executable file not found in $PATH: unknown\n\nRun 'docker run --help' for more information\n"
    );
    // The failed container stays Created.
    let ps = ok(&mut sb, "docker ps -a --format '{{.Command}}|{{.Status}}'");
    assert_eq!(
        ps,
        "\"nosuchcmd\"|Created\n\"exit 3\"|Exited (3) 2 seconds ago\n\"warn oops\"|Exited (0) 3 seconds ago\n\"echo hello\"|Exited (0) 4 seconds ago\n"
    );
}

#[test]
fn ps_table_columns() {
    let mut sb = sandbox();
    ok(&mut sb, "docker run alpine echo hello");
    let id = ok(&mut sb, "docker run -d --name web -p 8080:80 web");
    assert_eq!(id.trim().len(), 64);
    let out = ok(&mut sb, "docker ps -a");
    let auto = sb.engine.hosts[0].daemon.containers.newest_first()[1]
        .name
        .clone();
    let expected = format!(
        "CONTAINER ID   IMAGE     COMMAND        CREATED         STATUS                     PORTS                                     NAMES
<ID>   web       \"server\"       1 second ago    Up 1 second                0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web
<ID>   alpine    \"echo hello\"   2 seconds ago   Exited (0) 2 seconds ago                                             {auto}
"
    );
    assert_eq!(redact(&sb, &out), expected);
    // Only running containers without -a; -q; -l; --no-trunc.
    let q = ok(&mut sb, "docker ps -q");
    assert_eq!(redact(&sb, &q), "<ID>\n");
    let q = ok(&mut sb, "docker ps -q --no-trunc");
    assert_eq!(redact(&sb, &q), "<ID64>\n");
    assert_eq!(ok(&mut sb, "docker ps -l --format '{{.Names}}'"), "web\n");
    assert_eq!(
        ok(&mut sb, "docker ps -a -n 2 --format '{{.Names}}'")
            .lines()
            .count(),
        2
    );
    assert_eq!(
        ok(
            &mut sb,
            "docker ps -a -f status=exited --format '{{.Names}}'"
        ),
        format!("{auto}\n")
    );
    assert_eq!(
        ok(&mut sb, "docker ps -f name=we --format '{{.Names}}'"),
        "web\n"
    );
    assert_eq!(
        ok(
            &mut sb,
            "docker ps -a -f ancestor=alpine --format '{{.Names}}'"
        ),
        format!("{auto}\n")
    );
    assert_eq!(
        ok(&mut sb, "docker ps --format 'table{{.Names}}\\t{{.State}}'"),
        "NAMES     STATE\nweb       running\n"
    );
    let r = run(&mut sb, "docker ps -f color=red");
    assert_eq!(
        (r.stderr(), r.exit_code),
        (
            "Error response from daemon: invalid filter 'color'\n".into(),
            1
        )
    );
    // An empty table.
    ok(&mut sb, "docker rm -f web");
    assert_eq!(
        ok(&mut sb, "docker ps"),
        "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n"
    );
}

#[test]
fn names_conflict_and_validation() {
    let mut sb = sandbox();
    ok(&mut sb, "docker create --name web alpine");
    let id = id_of(&sb, "web");
    let (err, code) = fails(&mut sb, "docker run --name web alpine echo hi");
    assert_eq!(code, 125);
    assert_eq!(err, format!("docker: Error response from daemon: Conflict. The container name \"/web\" is already in use by container \"{id}\". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker run --help' for more information\n"));
    let (err, code) = fails(&mut sb, "docker create --name web alpine");
    assert_eq!(code, 1);
    assert_eq!(err, format!("Error response from daemon: Conflict. The container name \"/web\" is already in use by container \"{id}\". You have to remove (or rename) that container to be able to reuse that name.\n"));
    let (err, _) = fails(&mut sb, "docker run --name x alpine");
    assert!(err.starts_with("docker: Error response from daemon: Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"));
    // rename frees the name
    assert_eq!(ok(&mut sb, "docker rename web site"), "");
    ok(&mut sb, "docker create --name web alpine");
    let (err, _) = fails(&mut sb, "docker rename site site");
    assert_eq!(
        err,
        "Error response from daemon: Renaming a container with the same name as its current name\n"
    );
    let (err, _) = fails(&mut sb, "docker rename site web");
    assert!(err.starts_with(
        "Error response from daemon: Conflict. The container name \"/web\" is already in use"
    ));
}

#[test]
fn no_such_container_everywhere() {
    let mut sb = sandbox();
    for cmd in [
        "stop", "kill", "pause", "unpause", "restart", "rm", "logs", "diff", "port", "top", "wait",
        "attach",
    ] {
        let r = run(&mut sb, &format!("docker {cmd} nope"));
        assert_eq!(
            r.stderr(),
            "Error response from daemon: No such container: nope\n",
            "{cmd}"
        );
        assert_eq!(r.exit_code, 1, "{cmd}");
    }
    let r = run(&mut sb, "docker start nope");
    assert_eq!(r.stderr(), "Error response from daemon: No such container: nope\nError: failed to start containers: nope\n");
    let r = run(&mut sb, "docker exec nope echo hi");
    assert_eq!(
        r.stderr(),
        "Error response from daemon: No such container: nope\n"
    );
    let r = run(&mut sb, "docker rm -f nope");
    assert_eq!(
        (r.stdout(), r.stderr(), r.exit_code),
        (String::new(), String::new(), 0)
    );
    let r = run(&mut sb, "docker inspect nope");
    assert_eq!(
        (r.stdout(), r.stderr(), r.exit_code),
        ("[]\n".into(), "Error: No such object: nope\n".into(), 1)
    );
    let r = run(&mut sb, "docker inspect -f '{{.Name}}' nope");
    assert_eq!(
        (r.stdout(), r.stderr()),
        ("\n".into(), "Error: No such object: nope\n".into())
    );
    let r = run(&mut sb, "docker container inspect nope");
    assert_eq!(r.stderr(), "Error: No such container: nope\n");
}

#[test]
fn wrong_state_operations() {
    let mut sb = sandbox();
    ok(&mut sb, "docker run -d --name box alpine sleep 1000");
    let id = id_of(&sb, "box");
    let (err, _) = fails(&mut sb, "docker rm box");
    assert_eq!(err, "Error response from daemon: cannot remove container \"box\": container is running: stop the container before removing or force remove\n");
    assert_eq!(ok(&mut sb, "docker pause box"), "box\n");
    assert_eq!(
        fails(&mut sb, "docker pause box").0,
        format!("Error response from daemon: Container {id} is already paused\n")
    );
    assert_eq!(fails(&mut sb, "docker rm box").0, "Error response from daemon: cannot remove container \"box\": container is paused and must be unpaused first\n");
    assert_eq!(
        fails(&mut sb, "docker exec box echo hi").0,
        "Error response from daemon: Container box is paused, unpause the container before exec\n"
    );
    assert_eq!(
        fails(&mut sb, "docker start box").0,
        "Error response from daemon: cannot start a paused container, try unpause instead\nError: failed to start containers: box\n"
    );
    assert_eq!(
        fails(&mut sb, "docker attach box").0,
        "You cannot attach to a paused container, unpause it first\n"
    );
    assert_eq!(
        ok(&mut sb, "docker ps --format '{{.Status}}'"),
        "Up 8 seconds (Paused)\n"
    );
    assert_eq!(ok(&mut sb, "docker unpause box"), "box\n");
    assert_eq!(
        fails(&mut sb, "docker unpause box").0,
        format!("Error response from daemon: Container {id} is not paused\n")
    );
    // Starting a running container and stopping a stopped one are no-ops.
    assert_eq!(ok(&mut sb, "docker start box"), "box\n");
    assert_eq!(ok(&mut sb, "docker stop box"), "box\n");
    assert_eq!(ok(&mut sb, "docker stop box"), "box\n");
    for (cmd, text) in [
        ("pause", format!("container {id} is not running")),
        ("kill", format!("container {id} is not running")),
        ("exec box echo hi", format!("container {id} is not running")),
        ("top", format!("container {id} is not running")),
    ] {
        let line = if cmd.contains(' ') {
            format!("docker {cmd}")
        } else {
            format!("docker {cmd} box")
        };
        assert_eq!(
            fails(&mut sb, &line).0,
            format!("Error response from daemon: {text}\n"),
            "{cmd}"
        );
    }
    assert_eq!(
        fails(&mut sb, "docker attach box").0,
        "You cannot attach to a stopped container, start it first\n"
    );
    assert_eq!(ok(&mut sb, "docker rm box"), "box\n");
}

#[test]
fn stop_sends_sigterm_then_sigkill() {
    let mut sb = sandbox();
    // A shell/sleep as PID 1 ignores SIGTERM: killed after the timeout.
    ok(&mut sb, "docker run -d --name sleeper alpine sleep 1000");
    let t0 = sb.engine.now();
    ok(&mut sb, "docker stop sleeper");
    assert_eq!(sb.engine.now() - t0, 11_000);
    assert_eq!(
        ok(&mut sb, "docker ps -a --format '{{.Status}}'"),
        "Exited (137) 1 second ago\n"
    );
    // -t shortens the grace period.
    ok(&mut sb, "docker start sleeper");
    let t0 = sb.engine.now();
    ok(&mut sb, "docker stop -t 2 sleeper");
    assert_eq!(sb.engine.now() - t0, 3_000);
    // A service handling its stop signal (SIGQUIT for the web image) exits 0 at once.
    ok(&mut sb, "docker run -d --name web web");
    let t0 = sb.engine.now();
    ok(&mut sb, "docker stop web");
    assert_eq!(sb.engine.now() - t0, 1_000);
    assert_eq!(
        ok(&mut sb, "docker inspect -f '{{.State.ExitCode}}' web"),
        "0\n"
    );
    // kill defaults to SIGKILL; -s TERM is ignored by a PID-1 shell.
    ok(&mut sb, "docker start sleeper");
    assert_eq!(ok(&mut sb, "docker kill -s TERM sleeper"), "sleeper\n");
    assert_eq!(
        ok(&mut sb, "docker inspect -f '{{.State.Status}}' sleeper"),
        "running\n"
    );
    assert_eq!(ok(&mut sb, "docker kill sleeper"), "sleeper\n");
    assert_eq!(
        ok(
            &mut sb,
            "docker inspect -f '{{.State.Status}}/{{.State.ExitCode}}' sleeper"
        ),
        "exited/137\n"
    );
    let (err, _) = fails(&mut sb, "docker kill -s NOPE web");
    assert_eq!(err, "Error response from daemon: Invalid signal: NOPE\n");
}

#[test]
fn logs_grow_with_the_clock_and_scripts_finish_on_time() {
    let mut sb = sandbox();
    ok(&mut sb, "docker run -d --name tk alpine ticker 0");
    assert_eq!(ok(&mut sb, "docker logs tk"), "tick 1\ntick 2\n");
    assert_eq!(ok(&mut sb, "docker logs tk"), "tick 1\ntick 2\ntick 3\n");
    assert_eq!(
        ok(&mut sb, "docker logs -t --tail 2 tk"),
        "2025-01-01T00:00:03.000000000Z tick 3\n2025-01-01T00:00:04.000000000Z tick 4\n"
    );
    assert_eq!(
        ok(&mut sb, "docker logs --since 2025-01-01T00:00:05Z tk"),
        "tick 5\n"
    );
    assert_eq!(ok(&mut sb, "docker logs -f --tail 1 tk"), "tick 6\n");
    // A script that ends: exits at the right time with its code.
    ok(&mut sb, "docker run -d --name three alpine ticker 3 4");
    let started = sb.engine.now();
    for _ in 0..5 {
        run(&mut sb, "docker ps");
    }
    let c = sb.engine.hosts[0].daemon.containers.find("three").unwrap();
    assert_eq!(c.state.exit_code, 4);
    assert_eq!(c.state.finished_at - started, 2_000);
    assert_eq!(ok(&mut sb, "docker logs three"), "tick 1\ntick 2\ntick 3\n");
    assert_eq!(ok(&mut sb, "docker wait three"), "4\n");
}

#[test]
fn foreground_run_waits_for_the_process() {
    let mut sb = sandbox();
    let t0 = sb.engine.now();
    let r = run(&mut sb, "docker run alpine ticker 3");
    assert_eq!(r.stdout(), "tick 1\ntick 2\ntick 3\n");
    assert_eq!(sb.engine.now() - t0, 3_000);
    let r = run(&mut sb, "docker run --rm alpine sleep 5");
    assert_eq!(r.exit_code, 0);
    assert_eq!(sb.engine.hosts[0].daemon.containers.by_id.len(), 1);
    // An endless busy loop is cut off with a clear message; nothing hangs.
    let r = run(&mut sb, "docker run --name busy alpine spin");
    assert_eq!(r.exit_code, 0);
    assert!(
        r.stderr().contains("it looks like an endless loop"),
        "{r:?}"
    );
    assert_eq!(
        ok(&mut sb, "docker inspect -f '{{.State.Status}}' busy"),
        "running\n"
    );
    // A sleeping endless loop detaches after the foreground limit.
    let r = run(&mut sb, "docker run --name forever alpine ticker 0");
    assert!(r.stdout().starts_with("tick 1\ntick 2\n"));
    assert!(r.stderr().contains("still running"));
}

#[test]
fn restart_policies_and_auto_remove() {
    let mut sb = sandbox();
    ok(
        &mut sb,
        "docker run -d --restart on-failure:2 --name flaky alpine false",
    );
    assert_eq!(
        ok(
            &mut sb,
            "docker inspect -f '{{.RestartCount}}/{{.State.Status}}' flaky"
        ),
        "2/exited\n"
    );
    ok(
        &mut sb,
        "docker run -d --restart always --name again alpine exit 0",
    );
    let r = ok(
        &mut sb,
        "docker inspect -f '{{.HostConfig.RestartPolicy.Name}}' again",
    );
    assert_eq!(r, "always\n");
    assert!(
        sb.engine.hosts[0]
            .daemon
            .containers
            .find("again")
            .unwrap()
            .restart_count
            > 2
    );
    // Stopping by hand ends the restarts.
    ok(&mut sb, "docker stop again");
    let n = sb.engine.hosts[0]
        .daemon
        .containers
        .find("again")
        .unwrap()
        .restart_count;
    run(&mut sb, "docker ps");
    run(&mut sb, "docker ps");
    assert_eq!(
        sb.engine.hosts[0]
            .daemon
            .containers
            .find("again")
            .unwrap()
            .restart_count,
        n
    );
    // --rm: removed once it exits, with its anonymous volumes.
    ok(&mut sb, "docker run -d --rm --name temp web");
    assert_eq!(sb.engine.hosts[0].daemon.volumes.by_name.len(), 1);
    ok(&mut sb, "docker stop temp");
    assert!(sb.engine.hosts[0].daemon.containers.find("temp").is_none());
    assert_eq!(sb.engine.hosts[0].daemon.volumes.by_name.len(), 0);
    let (err, code) = fails(&mut sb, "docker run --rm --restart always alpine true");
    assert_eq!(code, 125);
    assert!(err.starts_with("docker: conflicting options: cannot specify both --restart and --rm"));
}

#[test]
fn diff_shows_added_changed_deleted() {
    let mut sb = sandbox();
    ok(&mut sb, "docker run -d --name box alpine sleep 1000");
    ok(&mut sb, "docker exec box write /tmp/new x");
    ok(&mut sb, "docker exec box write /etc/os-release y");
    ok(&mut sb, "docker exec box rm /etc/motd");
    assert_eq!(
        ok(&mut sb, "docker diff box"),
        "C /etc\nD /etc/motd\nC /etc/os-release\nC /tmp\nA /tmp/new\n"
    );
}

#[test]
fn containers_of_one_image_are_isolated() {
    let mut sb = sandbox();
    ok(&mut sb, "docker run -d --name one alpine sleep 1000");
    ok(&mut sb, "docker run -d --name two alpine sleep 1000");
    ok(&mut sb, "docker exec one write /etc/os-release changed");
    assert_eq!(
        ok(&mut sb, "docker exec one cat /etc/os-release"),
        "changed"
    );
    assert_eq!(
        ok(&mut sb, "docker exec two cat /etc/os-release"),
        "NAME=\"Alpine Linux\"\n"
    );
    assert_eq!(ok(&mut sb, "docker diff two"), "");
    // The image itself is untouched.
    let img = sb.engine.hosts[0].daemon.images.refs["docker.io/library/alpine:latest"].clone();
    let layers = sb.engine.hosts[0].daemon.images.layers_of(&img);
    assert_eq!(
        UnionFs::new(layers).read_text("/etc/os-release").unwrap(),
        "NAME=\"Alpine Linux\"\n"
    );
    // hostname = first 12 hex of the ID
    let id = id_of(&sb, "one");
    assert_eq!(
        ok(&mut sb, "docker exec one hostname"),
        format!("{}\n", &id[..12])
    );
}

#[test]
fn interactive_shells_attach_and_exit() {
    let mut sb = sandbox();
    let r = run(&mut sb, "docker run -it --name box alpine sh");
    let id = id_of(&sb, "box");
    assert_eq!(
        r.output.action,
        Some(Action::Attach {
            host: 0,
            container: id.clone(),
            exec: None
        })
    );
    assert_eq!(runtime::attach_prompt(&sb.engine, 0, &id, None), "/ # ");
    // Lines typed now go to the container's shell.
    let r = run(&mut sb, "echo hi there");
    assert_eq!((r.stdout(), r.exit_code), ("hi there\n".into(), 0));
    let r = run(&mut sb, "exit 3");
    assert_eq!(r.exit_code, 3);
    assert_eq!(
        ok(&mut sb, "docker ps -a --format '{{.Status}}'"),
        "Exited (3) 1 second ago\n"
    );
    // start -ai re-enters it.
    let r = run(&mut sb, "docker start -ai box");
    assert_eq!(
        r.output.action,
        Some(Action::Attach {
            host: 0,
            container: id.clone(),
            exec: None
        })
    );
    let r = run(&mut sb, "exit");
    assert_eq!(r.exit_code, 0);
    // exec -it opens a second shell; leaving it keeps the container up.
    ok(&mut sb, "docker run -d --name bg alpine sleep 1000");
    let bid = id_of(&sb, "bg");
    let r = run(&mut sb, "docker exec -it bg bash");
    let Some(Action::Attach {
        exec: Some(eid), ..
    }) = r.output.action
    else {
        panic!("{r:?}")
    };
    assert_eq!(
        runtime::attach_prompt(&sb.engine, 0, &bid, Some(&eid)),
        format!("root@{}:/# ", &bid[..12])
    );
    assert_eq!(run(&mut sb, "exit").exit_code, 0);
    assert_eq!(
        ok(&mut sb, "docker inspect -f '{{.State.Status}}' bg"),
        "running\n"
    );
    // --rm removes it when the shell exits.
    run(&mut sb, "docker run -it --rm --name gone alpine sh");
    run(&mut sb, "exit");
    assert!(sb.engine.hosts[0].daemon.containers.find("gone").is_none());
}

#[test]
fn published_ports_and_http() {
    let mut sb = sandbox();
    ok(&mut sb, "docker run -d --name web -p 8080:80 web");
    let (err, code) = fails(&mut sb, "docker run -d --name web2 -p 8080:80 web");
    assert_eq!(code, 125);
    let out = run(&mut sb, "docker ps -a -f name=web2 --format '{{.Status}}'").stdout();
    assert_eq!(out, "Created\n");
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].starts_with("docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint web2 ("));
    assert!(lines[0].ends_with("): Bind for 0.0.0.0:8080 failed: port is already allocated"));
    assert_eq!(
        ok(&mut sb, "docker port web"),
        "80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n"
    );
    assert_eq!(
        ok(&mut sb, "docker port web 80"),
        "0.0.0.0:8080\n[::]:8080\n"
    );
    ok(
        &mut sb,
        "docker run -d --name local -p 127.0.0.1:9090:80 web",
    );
    assert_eq!(
        ok(&mut sb, "docker ps -f name=local --format '{{.Ports}}'"),
        "127.0.0.1:9090->80/tcp\n"
    );
    ok(&mut sb, "docker run -d --name any -P web");
    assert_eq!(
        ok(&mut sb, "docker port any"),
        "80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n"
    );
    ok(&mut sb, "docker run -d --name exposed web");
    assert_eq!(
        ok(&mut sb, "docker ps -f name=exposed --format '{{.Ports}}'"),
        "80/tcp\n"
    );
    // Requests from the host reach the published port and the server.
    let req = |host: &str, port| dockerlings::userland::HttpRequest {
        method: "GET".into(),
        scheme: "http".into(),
        host: host.into(),
        port,
        path: "/".into(),
        ..Default::default()
    };
    let r = runtime::http(&mut sb.engine, 0, None, &req("localhost", 8080)).unwrap();
    assert_eq!(r.status, 200);
    assert!(String::from_utf8_lossy(&r.body).contains("<title>Welcome to nginx!</title>"));
    let r = runtime::http(&mut sb.engine, 0, None, &req("192.168.1.10", 8080)).unwrap();
    assert_eq!(r.status, 200);
    // The access log line lands in the container's logs.
    assert!(ok(&mut sb, "docker logs web").contains("\"GET / HTTP/1.1\" 200"));
    // Published, but nothing listens on that container port: reset.
    ok(&mut sb, "docker run -d --name quiet -p 7070:80 alpine idle");
    assert_eq!(
        runtime::http(&mut sb.engine, 0, None, &req("localhost", 7070)),
        Err("Recv failure: Connection reset by peer".into())
    );
    assert_eq!(
        runtime::http(&mut sb.engine, 0, None, &req("127.0.0.1", 8081)),
        Err(
            "Failed to connect to 127.0.0.1 port 8081 after 0 ms: Couldn't connect to server"
                .into()
        )
    );
    ok(&mut sb, "docker stop web");
    assert_eq!(
        runtime::http(&mut sb.engine, 0, None, &req("localhost", 8080)),
        Err(
            "Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server"
                .into()
        )
    );
    // Once web stopped, web2 can take the port.
    assert_eq!(ok(&mut sb, "docker start web2"), "web2\n");
}

#[test]
fn networks_addresses_and_commands() {
    let mut sb = sandbox();
    assert_eq!(
        ok(
            &mut sb,
            "docker network ls --format '{{.Name}}\\t{{.Driver}}'"
        ),
        "bridge\tbridge\nhost\thost\nnone\tnull\n"
    );
    ok(&mut sb, "docker run -d --name one alpine sleep 1000");
    ok(&mut sb, "docker run -d --name two alpine sleep 1000");
    assert_eq!(
        ok(
            &mut sb,
            "docker inspect -f '{{.NetworkSettings.IPAddress}}' one"
        ),
        "172.17.0.2\n"
    );
    assert_eq!(
        ok(
            &mut sb,
            "docker inspect -f '{{range.NetworkSettings.Networks}}{{.IPAddress}}{{end}}' two"
        ),
        "172.17.0.3\n"
    );
    let id = ok(&mut sb, "docker network create mynet");
    assert_eq!(id.trim().len(), 64);
    let (err, _) = fails(&mut sb, "docker network create mynet");
    assert_eq!(
        err,
        "Error response from daemon: network with name mynet already exists\n"
    );
    ok(
        &mut sb,
        "docker run -d --name three --network mynet alpine sleep 1000",
    );
    assert_eq!(
        ok(
            &mut sb,
            "docker inspect -f '{{.NetworkSettings.Networks.mynet.IPAddress}}' three"
        ),
        "172.18.0.2\n"
    );
    assert_eq!(
        ok(
            &mut sb,
            "docker network inspect -f '{{range.IPAM.Config}}{{.Subnet}}{{end}}' mynet"
        ),
        "172.18.0.0/16\n"
    );
    let (err, _) = fails(&mut sb, "docker network rm mynet");
    let tid = id_of(&sb, "three");
    assert_eq!(err, format!("Error response from daemon: error while removing network: network mynet has active endpoints (name:\"three\" id:\"{}\")\n", &tid[..12]));
    assert_eq!(
        fails(&mut sb, "docker network rm bridge").0,
        "Error response from daemon: bridge is a pre-defined network and cannot be removed\n"
    );
    assert_eq!(
        fails(&mut sb, "docker network rm nope").0,
        "Error response from daemon: network nope not found\n"
    );
    // connect / disconnect
    assert_eq!(ok(&mut sb, "docker network connect mynet one"), "");
    assert_eq!(
        ok(
            &mut sb,
            "docker inspect -f '{{.NetworkSettings.Networks.mynet.IPAddress}}' one"
        ),
        "172.18.0.3\n"
    );
    let (err, _) = fails(&mut sb, "docker network connect mynet one");
    assert_eq!(
        err,
        "Error response from daemon: endpoint with name one already exists in network mynet\n"
    );
    ok(&mut sb, "docker network disconnect mynet one");
    ok(&mut sb, "docker rm -f three");
    assert_eq!(ok(&mut sb, "docker network rm mynet"), "mynet\n");
    // stopping releases the address; the next container reuses it
    ok(&mut sb, "docker stop one");
    ok(&mut sb, "docker run -d --name four alpine sleep 1000");
    assert_eq!(
        ok(
            &mut sb,
            "docker inspect -f '{{.NetworkSettings.IPAddress}}' four"
        ),
        "172.17.0.2\n"
    );
    assert_eq!(
        ok(
            &mut sb,
            "docker inspect -f '{{.NetworkSettings.IPAddress}}' one"
        ),
        "\n"
    );
}

#[test]
fn volumes_outlive_containers() {
    let mut sb = sandbox();
    ok(
        &mut sb,
        "docker run -d --name db -v data:/data alpine sleep 1000",
    );
    // The image's content at the mount point was copied into the new volume.
    assert_eq!(ok(&mut sb, "docker exec db cat /data/seed.txt"), "seed\n");
    ok(&mut sb, "docker exec db write /data/row x1");
    assert_eq!(ok(&mut sb, "docker diff db"), "");
    ok(&mut sb, "docker rm -f db");
    assert_eq!(
        ok(&mut sb, "docker volume ls"),
        "DRIVER    VOLUME NAME\nlocal     data\n"
    );
    ok(
        &mut sb,
        "docker run -d --name db2 -v data:/srv alpine sleep 1000",
    );
    assert_eq!(ok(&mut sb, "docker exec db2 cat /srv/row"), "x1");
    let (err, _) = fails(&mut sb, "docker volume rm data");
    let id = id_of(&sb, "db2");
    assert_eq!(
        err,
        format!("Error response from daemon: remove data: volume is in use - [{id}]\n")
    );
    assert_eq!(
        fails(&mut sb, "docker volume rm nope").0,
        "Error response from daemon: get nope: no such volume\n"
    );
    assert_eq!(ok(&mut sb, "docker volume create named"), "named\n");
    assert_eq!(
        ok(&mut sb, "docker volume inspect named"),
        "[\n    {\n        \"CreatedAt\": \"2025-01-01T00:00:11Z\",\n        \"Driver\": \"local\",\n        \"Labels\": null,\n        \"Mountpoint\": \"/var/lib/docker/volumes/named/_data\",\n        \"Name\": \"named\",\n        \"Options\": null,\n        \"Scope\": \"local\"\n    }\n]\n"
    );
    // Bind mounts reach the host's files.
    sb.engine.hosts[0]
        .fs
        .write_file("/home/learner/index.html", Content::text("hello"), 1)
        .unwrap();
    ok(
        &mut sb,
        "docker run -d --name site -v /home/learner:/usr/share/html alpine sleep 1000",
    );
    assert_eq!(
        ok(&mut sb, "docker exec site cat /usr/share/html/index.html"),
        "hello"
    );
    ok(
        &mut sb,
        "docker exec site write /usr/share/html/new.txt fromcontainer",
    );
    assert_eq!(
        sb.engine.hosts[0]
            .fs
            .read_text("/home/learner/new.txt")
            .unwrap(),
        "fromcontainer"
    );
    // Anonymous volumes go with rm -v.
    ok(&mut sb, "docker run -d --name w1 web");
    assert_eq!(sb.engine.hosts[0].daemon.volumes.by_name.len(), 3);
    ok(&mut sb, "docker rm -f -v w1");
    assert_eq!(sb.engine.hosts[0].daemon.volumes.by_name.len(), 2);
}

#[test]
fn scripts_write_files_once() {
    let mut sb = sandbox();
    ok(&mut sb, "docker run -d --name tk alpine ticker 0");
    for _ in 0..3 {
        run(&mut sb, "docker ps");
    }
    // Output is appended, never repeated.
    assert_eq!(
        ok(&mut sb, "docker logs tk"),
        "tick 1\ntick 2\ntick 3\ntick 4\ntick 5\n"
    );
    // A change made with exec survives the script's re-runs.
    ok(&mut sb, "docker exec tk write /tmp/mark m");
    run(&mut sb, "docker ps");
    assert_eq!(ok(&mut sb, "docker exec tk cat /tmp/mark"), "m");
}

#[test]
fn cp_both_directions() {
    let mut sb = sandbox();
    // docker resolves relative paths against the shell's directory (/root)
    ok(&mut sb, "docker run -d --name box alpine sleep 1000");
    let r = run(&mut sb, "docker cp box:/etc/os-release os.txt");
    assert_eq!(
        (r.stderr(), r.exit_code),
        ("Successfully copied 2.05kB to /root/os.txt\n".into(), 0)
    );
    assert_eq!(
        sb.engine.hosts[0].fs.read_text("/root/os.txt").unwrap(),
        "NAME=\"Alpine Linux\"\n"
    );
    sb.engine.hosts[0]
        .fs
        .write_file("/root/app.py", Content::text("print(1)\n"), 1)
        .unwrap();
    let r = run(&mut sb, "docker cp app.py box:/tmp/");
    assert_eq!(r.stderr(), "Successfully copied 2.05kB to box:/tmp/\n");
    assert_eq!(ok(&mut sb, "docker exec box cat /tmp/app.py"), "print(1)\n");
    assert_eq!(ok(&mut sb, "docker diff box"), "C /tmp\nA /tmp/app.py\n");
    let (err, _) = fails(&mut sb, "docker cp box:/nope .");
    assert_eq!(
        err,
        "Error response from daemon: Could not find the file /nope in container box\n"
    );
    assert_eq!(
        fails(&mut sb, "docker cp a b").0,
        "must specify at least one container source\n"
    );
}

#[test]
fn inspect_json_shape() {
    let mut sb = sandbox();
    ok(
        &mut sb,
        "docker run -d --name web --memory 512m --cpus 1.5 -e MODE=prod web",
    );
    let out = ok(&mut sb, "docker inspect web");
    assert!(out.starts_with("[\n    {\n        \"Id\": \""));
    let keys: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("        \"") && !l.starts_with("         "))
        .map(|l| l.trim().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "Id",
            "Created",
            "Path",
            "Args",
            "State",
            "Image",
            "ResolvConfPath",
            "HostnamePath",
            "HostsPath",
            "LogPath",
            "Name",
            "RestartCount",
            "Driver",
            "Platform",
            "MountLabel",
            "ProcessLabel",
            "AppArmorProfile",
            "ExecIDs",
            "HostConfig",
            "GraphDriver",
            "Mounts",
            "Config",
            "NetworkSettings"
        ]
    );
    assert_eq!(
        ok(
            &mut sb,
            "docker inspect -f '{{.HostConfig.Memory}}/{{.HostConfig.NanoCpus}}' web"
        ),
        "536870912/1500000000\n"
    );
    assert_eq!(
        ok(&mut sb, "docker inspect -f '{{.Config.Env}}' web"),
        "[PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin MODE=prod]\n"
    );
    assert_eq!(
        ok(
            &mut sb,
            "docker inspect -f '{{.Name}}|{{.State.Running}}|{{.Config.Image}}' web"
        ),
        "/web|true|web\n"
    );
    let stats = ok(
        &mut sb,
        "docker stats --no-stream --format '{{.Name}}|{{.MemUsage}}'",
    );
    assert!(
        stats.starts_with("web|") && stats.trim_end().ends_with(" / 512MiB"),
        "{stats}"
    );
}

fn id_of_calls(calls: &[String]) -> String {
    calls[2]
        .trim_start_matches("POST /containers/")
        .trim_end_matches("/start")
        .to_string()
}

#[test]
fn api_calls_are_recorded() {
    let mut sb = sandbox();
    let before = sb.engine.hosts[0].daemon.api.total;
    ok(&mut sb, "docker run -d --name web web");
    ok(&mut sb, "docker ps -a");
    ok(&mut sb, "docker stop web");
    ok(&mut sb, "docker rm web");
    let calls: Vec<String> = sb.engine.hosts[0]
        .daemon
        .api
        .since(before)
        .iter()
        .map(|c| format!("{} {}", c.method, c.path))
        .collect();
    let id = id_of_calls(&calls);
    assert_eq!(
        calls,
        [
            "HEAD /_ping".to_string(),
            "POST /containers/create?name=web".into(),
            format!("POST /containers/{id}/start"),
            "HEAD /_ping".into(),
            "GET /containers/json?all=1".into(),
            "HEAD /_ping".into(),
            "POST /containers/web/stop".into(),
            "HEAD /_ping".into(),
            "DELETE /containers/web".into(),
        ]
    );
}

#[test]
fn prune_and_top() {
    let mut sb = sandbox();
    ok(&mut sb, "docker run alpine true");
    ok(&mut sb, "docker run -d --name box alpine sleep 1000");
    let top = ok(&mut sb, "docker top box");
    assert!(top.starts_with("UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD\nroot "), "{top}");
    assert!(
        top.trim_end().ends_with("00:00:00            sleep 1000"),
        "{top}"
    );
    let r = run(&mut sb, "docker container prune");
    assert!(matches!(r.output.action, Some(Action::Prompt { .. })));
    let dead = sb.engine.hosts[0].daemon.containers.newest_first()[1]
        .id
        .clone();
    assert_eq!(
        ok(&mut sb, "docker container prune -f"),
        format!("Deleted Containers:\n{dead}\n\nTotal reclaimed space: 0B\n")
    );
    assert_eq!(
        ok(&mut sb, "docker container prune -f"),
        "Total reclaimed space: 0B\n"
    );
}

#[test]
fn daemon_restart_stops_containers_and_applies_policies() {
    use dockerlings::engine::container::lifecycle;
    let mut sb = sandbox();
    ok(&mut sb, "docker run -d --name plain alpine sleep 1000");
    ok(
        &mut sb,
        "docker run -d --name always --restart always alpine sleep 1000",
    );
    ok(
        &mut sb,
        "docker run -d --name unless --restart unless-stopped alpine sleep 1000",
    );
    ok(
        &mut sb,
        "docker run -d --name stopped --restart unless-stopped alpine sleep 1000",
    );
    ok(&mut sb, "docker run -d --name web web");
    ok(&mut sb, "docker stop stopped");
    let back = lifecycle::daemon_restart(&mut sb.engine, 0);
    assert_eq!(back.len(), 2);
    assert_eq!(
        ok(&mut sb, "docker ps -a --format '{{.Names}}:{{.State}}:{{.Status}}'"),
        "web:exited:Exited (0) 1 second ago\nstopped:exited:Exited (137) 1 second ago\nunless:running:Up 1 second\nalways:running:Up 1 second\nplain:exited:Exited (137) 1 second ago\n"
    );
}

#[test]
fn stop_many_in_parallel_and_stop_options() {
    let mut sb = sandbox();
    ok(&mut sb, "docker run -d --name aa alpine sleep 1000");
    ok(&mut sb, "docker run -d --name bb alpine sleep 1000");
    ok(
        &mut sb,
        "docker run -d --name cc --stop-timeout 3 alpine sleep 1000",
    );
    let t0 = sb.engine.now();
    let r = run(&mut sb, "docker stop aa nope bb");
    assert_eq!(r.stdout(), "aa\nbb\n");
    assert_eq!(
        r.stderr(),
        "Error response from daemon: No such container: nope\n"
    );
    assert_eq!(r.exit_code, 1);
    // One grace period for both, not two.
    assert_eq!(sb.engine.now() - t0, 11_000);
    let t0 = sb.engine.now();
    ok(&mut sb, "docker stop cc");
    assert_eq!(sb.engine.now() - t0, 4_000);
    // -s KILL ends it at once; the stop signal is not kept.
    ok(&mut sb, "docker start cc");
    let t0 = sb.engine.now();
    ok(&mut sb, "docker stop -s KILL cc");
    assert_eq!(sb.engine.now() - t0, 1_000);
    assert_eq!(
        ok(&mut sb, "docker inspect -f '{{.Config.StopSignal}}' cc"),
        "\n"
    );
    assert_eq!(
        ok(&mut sb, "docker inspect -f '{{.Nope}}' cc"),
        "<no value>\n"
    );
}

#[test]
fn sandbox_save_and_load_keep_running_containers() {
    let mut sb = sandbox();
    ok(&mut sb, "docker run -d --name tk alpine ticker 0");
    ok(&mut sb, "docker exec tk write /tmp/x 1");
    let saved = sb.save();
    let mut sb = Sandbox::load(&saved).unwrap();
    assert_eq!(ok(&mut sb, "docker logs tk"), "tick 1\ntick 2\ntick 3\n");
    assert_eq!(
        ok(&mut sb, "docker exec tk cat /etc/os-release"),
        "NAME=\"Alpine Linux\"\n"
    );
    assert_eq!(ok(&mut sb, "docker exec tk cat /tmp/x"), "1");
    assert_eq!(ok(&mut sb, "docker diff tk"), "C /tmp\nA /tmp/x\n");
}

#[test]
fn prompt_without_tty_is_empty() {
    let mut sb = sandbox();
    let r = run(&mut sb, "docker run -i --name quiet alpine sh");
    let id = id_of(&sb, "quiet");
    assert!(matches!(r.output.action, Some(Action::Attach { .. })));
    assert_eq!(runtime::attach_prompt(&sb.engine, 0, &id, None), "");
}

#[test]
fn containers_reach_each_other_by_name_on_user_networks() {
    let mut sb = sandbox();
    ok(&mut sb, "docker network create appnet");
    ok(&mut sb, "docker run -d --name api --network appnet web");
    ok(
        &mut sb,
        "docker run -d --name client --network appnet alpine sleep 1000",
    );
    ok(&mut sb, "docker run -d --name outsider alpine sleep 1000");
    // On a user-defined network the name resolves.
    let r = run(&mut sb, "docker exec client curl api 80");
    assert_eq!(r.stdout(), "HTTP 200\n");
    let r = run(&mut sb, "docker exec client curl api 81");
    assert_eq!(
        r.stderr(),
        "curl: Failed to connect to api port 81 after 0 ms: Couldn't connect to server\n"
    );
    // The default bridge has no name resolution.
    let r = run(&mut sb, "docker exec outsider curl api 80");
    assert_eq!(r.stderr(), "curl: Could not resolve host: api\n");
    // Nor can it reach the other network's addresses.
    let r = run(&mut sb, "docker exec outsider curl 172.18.0.2 80");
    assert_eq!(
        r.stderr(),
        "curl: Failed to connect to 172.18.0.2 port 80 after 130000 ms: Connection timed out\n"
    );
}

#[test]
fn container_sys_network_view() {
    let mut sb = sandbox();
    ok(&mut sb, "docker network create appnet");
    ok(&mut sb, "docker run -d --name api --network appnet web");
    ok(
        &mut sb,
        "docker run -d --name client --network appnet alpine sleep 1000",
    );
    ok(&mut sb, "docker run -d --name outsider alpine sleep 1000");
    ok(&mut sb, "docker exec -it client sh");
    let cid = id_of(&sb, "client");
    let (ifaces, procs, api_ip, own, gw, ping_out) =
        runtime::with_sys(&mut sb.engine, 0, &cid, |sys, _| {
            (
                sys.iface_list(),
                sys.process_list(),
                sys.lookup_host("api"),
                sys.lookup_host(&cid[..12]),
                sys.can_ping("172.18.0.1"),
                sys.can_ping("172.17.0.2"),
            )
        })
        .unwrap();
    assert_eq!(ifaces.len(), 2);
    assert_eq!(ifaces[1].name, "eth0");
    assert_eq!(ifaces[1].addr, Some(("172.18.0.3".to_string(), 16)));
    assert_eq!(ifaces[1].mac, "02:42:ac:12:00:03");
    assert_eq!(api_ip.as_deref(), Some("172.18.0.2"));
    assert_eq!(own.as_deref(), Some("172.18.0.3"));
    assert!(gw);
    assert!(!ping_out, "the default bridge is another network");
    let cmds: Vec<(u32, String)> = procs.iter().map(|p| (p.pid, p.cmd.clone())).collect();
    assert_eq!(cmds, [(1, "sleep 1000".to_string()), (7, "sh".to_string())]);
    let oid = id_of(&sb, "outsider");
    let api = runtime::with_sys(&mut sb.engine, 0, &oid, |sys, _| sys.lookup_host("api")).unwrap();
    assert_eq!(api, None);
}

#[test]
fn services_write_logs_as_time_passes() {
    let mut sb = sandbox();
    ok(&mut sb, "docker run -d --name app alpine console");
    ok(&mut sb, "docker ps");
    ok(&mut sb, "docker ps");
    assert_eq!(
        ok(&mut sb, "docker logs app"),
        "Hello World!\nHello World22222!\nHello World22222!\nHello World22222!\n"
    );
    // Stopped, it writes no more.
    ok(&mut sb, "docker kill app");
    ok(&mut sb, "docker ps");
    assert_eq!(ok(&mut sb, "docker logs app").lines().count(), 5);
}
