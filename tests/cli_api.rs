//! The client/daemon seam (issue 11): the daemon's Engine API reached with
//! `curl --unix-socket`, the daemon's own record of requests, remote
//! daemons over TCP (`-H`, `DOCKER_HOST`, contexts), a stopped daemon.

use dockerlings::sandbox::Sandbox;

fn run(sb: &mut Sandbox, line: &str) -> (String, String, i32) {
    let r = sb.run_line(line);
    (r.stdout(), r.stderr(), r.exit_code)
}

const SOCK: &str = "curl -s --unix-socket /var/run/docker.sock";

#[test]
fn ping_and_version_over_the_socket() {
    let mut sb = Sandbox::new_script();
    assert_eq!(
        run(&mut sb, &format!("{SOCK} http://localhost/_ping")).0,
        "OK"
    );
    let (out, _, code) = run(&mut sb, &format!("{SOCK} http://localhost/v1.51/version"));
    assert_eq!(code, 0);
    assert!(out.starts_with("{\"Platform\":{\"Name\":\"Docker Engine - Community\"},\"Components\":[{\"Name\":\"Engine\",\"Version\":\"28.5.2\""), "{out}");
    assert!(out.contains("\"ApiVersion\":\"1.51\""));
    let (out, _, _) = run(&mut sb, &format!("{SOCK} -i http://localhost/_ping"));
    assert!(
        out.starts_with("HTTP/1.1 200 OK\r\nApi-Version: 1.51\r\nBuilder-Version: 2\r\n"),
        "{out}"
    );
    assert!(
        out.ends_with("Content-Length: 2\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOK"),
        "{out}"
    );
    run(&mut sb, "docker pull hello-world");
    let (out, _, _) = run(&mut sb, &format!("{SOCK} http://localhost/images/json"));
    assert!(out.starts_with("[{\"Containers\":-1,\"Created\":"), "{out}");
    assert!(
        out.contains("\"RepoTags\":[\"hello-world:latest\"],\"SharedSize\":-1,\"Size\":"),
        "{out}"
    );
    let (out, _, _) = run(&mut sb, "ls -l /var/run/docker.sock");
    assert!(out.starts_with("srw-rw---- 1 root docker 0 "), "{out}");
}

#[test]
fn container_lifecycle_over_the_socket() {
    let mut sb = Sandbox::new_script();
    run(&mut sb, "docker pull alpine");
    let create = format!("{SOCK} -X POST -H 'Content-Type: application/json' -d '{{\"Image\":\"alpine\",\"Cmd\":[\"echo\",\"hi\"]}}' 'http://localhost/v1.51/containers/create?name=hello'");
    let (out, _, _) = run(&mut sb, &create);
    assert!(out.starts_with("{\"Id\":\""), "{out}");
    assert!(out.ends_with("\",\"Warnings\":[]}\n"), "{out}");
    let (out, _, _) = run(
        &mut sb,
        &format!("{SOCK} -i -X POST http://localhost/containers/hello/start"),
    );
    assert!(out.starts_with("HTTP/1.1 204 No Content\r\n"), "{out}");
    let (out, _, _) = run(
        &mut sb,
        &format!("{SOCK} -X POST http://localhost/containers/hello/wait"),
    );
    assert_eq!(out, "{\"StatusCode\":0}\n");
    let (out, _, _) = run(
        &mut sb,
        &format!("{SOCK} 'http://localhost/containers/hello/logs?stdout=1'"),
    );
    assert_eq!(out, "\u{1}\0\0\0\0\0\0\u{3}hi\n");
    let (out, _, _) = run(
        &mut sb,
        &format!("{SOCK} 'http://localhost/containers/json?all=1'"),
    );
    assert!(
        out.contains("\"Names\":[\"/hello\"]") && out.contains("\"State\":\"exited\""),
        "{out}"
    );
    let (out, _, _) = run(
        &mut sb,
        &format!("{SOCK} http://localhost/containers/hello/json"),
    );
    assert!(out.contains("\"Name\":\"/hello\""), "{out}");
    let (out, _, _) = run(
        &mut sb,
        &format!("{SOCK} -i -X DELETE http://localhost/containers/hello"),
    );
    assert!(out.starts_with("HTTP/1.1 204 No Content\r\n"), "{out}");
    let (out, _, _) = run(
        &mut sb,
        &format!("{SOCK} http://localhost/containers/hello/json"),
    );
    assert_eq!(out, "{\"message\":\"No such container: hello\"}\n");
}

#[test]
fn bad_requests_answer_as_dockerd() {
    let mut sb = Sandbox::new_script();
    let (out, _, _) = run(
        &mut sb,
        &format!("{SOCK} -i http://localhost/v1.51/nothing/here"),
    );
    assert!(out.starts_with("HTTP/1.1 404 Not Found\r\n"));
    assert!(
        out.ends_with("\r\n\r\n{\"message\":\"page not found\"}\n"),
        "{out}"
    );
    let (out, _, _) = run(&mut sb, &format!("{SOCK} -X POST -H 'Content-Type: application/json' -d '{{bad' http://localhost/containers/create"));
    assert_eq!(
        out,
        "{\"message\":\"invalid JSON: invalid character 'b' looking for beginning of value\"}\n"
    );
    let (out, _, _) = run(
        &mut sb,
        &format!("{SOCK} -X POST -d '{{}}' http://localhost/containers/create"),
    );
    assert!(out.contains("unsupported Content-Type header (application/x-www-form-urlencoded)"));
    let (out, _, _) = run(&mut sb, &format!("{SOCK} http://localhost/v1.99/info"));
    assert!(out.contains("client version 1.99 is too new. Maximum supported API version is 1.51"));
    // A refused request changes nothing.
    assert_eq!(run(&mut sb, "docker ps -aq").0, "");
    let (_, err, code) = run(&mut sb, "curl http://localhost/_ping");
    assert_eq!(code, 7);
    assert!(err.contains(
        "curl: (7) Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server"
    ));
}

#[test]
fn the_daemon_records_what_it_received() {
    let mut sb = Sandbox::new_script();
    run(&mut sb, "docker run hello-world");
    let calls: Vec<String> = sb.engine.hosts[0]
        .daemon
        .api
        .calls()
        .map(|c| format!("{} {} {}", c.method, c.path, c.status))
        .collect();
    let create = "POST /containers/create 404";
    let i = calls.iter().position(|c| c == create).expect("create 404");
    assert_eq!(calls[0], "HEAD /_ping 200");
    assert!(
        calls[i + 1].starts_with("POST /images/create?fromImage="),
        "{calls:?}"
    );
    assert_eq!(calls[i + 2], "POST /containers/create 201");
    run(&mut sb, &format!("{SOCK} http://localhost/_ping"));
    let last = sb.engine.hosts[0]
        .daemon
        .api
        .calls()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (last.method.as_str(), last.path.as_str(), last.status),
        ("GET", "/_ping", 200)
    );
}

#[test]
fn journal_shows_debug_calls() {
    let mut sb = Sandbox::new_script();
    run(
        &mut sb,
        "echo '{\"debug\": true}' > /etc/docker/daemon.json",
    );
    run(&mut sb, "systemctl restart docker");
    run(&mut sb, "docker ps");
    let (out, _, _) = run(&mut sb, "journalctl -u docker -n 2");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains("laptop dockerd[1234]: time=")
            && lines[0].ends_with("level=debug msg=\"Calling HEAD /_ping\""),
        "{out}"
    );
    assert!(
        lines[1].ends_with("level=debug msg=\"Calling GET /v1.51/containers/json\""),
        "{out}"
    );
}

#[test]
fn remote_daemon_over_tcp_and_contexts() {
    let mut sb = Sandbox::new_script();
    let cannot = "Cannot connect to the Docker daemon at tcp://192.168.1.20:2375. Is the docker daemon running?\n";
    let (_, err, code) = run(&mut sb, "DOCKER_HOST=tcp://192.168.1.20:2375 docker ps");
    assert_eq!((err.as_str(), code), (cannot, 1));
    run(&mut sb, "ssh server");
    run(&mut sb, "echo '{\"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2375\"]}' > /etc/docker/daemon.json");
    run(&mut sb, "systemctl restart docker");
    run(&mut sb, "docker run -d --name api nginx");
    run(&mut sb, "exit");
    assert_eq!(run(&mut sb, "hostname").0, "laptop\n");
    let (out, _, code) = run(
        &mut sb,
        "DOCKER_HOST=tcp://192.168.1.20:2375 docker ps --format '{{.Names}}'",
    );
    assert_eq!((out.as_str(), code), ("api\n", 0));
    assert_eq!(
        run(
            &mut sb,
            "docker -H tcp://192.168.1.20:2375 ps --format '{{.Names}}'"
        )
        .0,
        "api\n"
    );
    assert_eq!(run(&mut sb, "docker ps -q").0, "");
    let (out, err, _) = run(
        &mut sb,
        "docker context create server --docker host=tcp://192.168.1.20:2375",
    );
    assert_eq!(
        (out.as_str(), err.as_str()),
        ("server\n", "Successfully created context \"server\"\n")
    );
    run(&mut sb, "docker context use server");
    assert_eq!(run(&mut sb, "docker ps --format '{{.Names}}'").0, "api\n");
    assert_eq!(run(&mut sb, "docker context show").0, "server\n");
    assert!(run(&mut sb, "docker version")
        .0
        .contains(" Context:           server\n"));
    let (out, _, _) = run(&mut sb, "docker context ls");
    assert_eq!(out, "NAME       DESCRIPTION                               DOCKER ENDPOINT               ERROR\ndefault    Current DOCKER_HOST based configuration   unix:///var/run/docker.sock   \nserver *                                             tcp://192.168.1.20:2375       \n");
    let (_, err, code) = run(&mut sb, "docker context rm server");
    assert_eq!(
        (err.as_str(), code),
        (
            "context \"server\" is in use, set -f flag to force remove\n",
            1
        )
    );
    let (_, err, code) = run(&mut sb, "docker --context nope ps");
    assert!(err.starts_with("Failed to initialize: unable to resolve docker endpoint: context \"nope\": context not found: open /root/.docker/contexts/meta/ca3704aa0b06f5954c79ee837faa152d84d6b2d42838f0637a15eda8337dbdce/meta.json: no such file or directory"), "{err}");
    assert_eq!(code, 1);
    let (_, err, _) = run(
        &mut sb,
        "docker -H tcp://192.168.1.20:2375 --context server ps",
    );
    assert_eq!(
        err,
        "conflicting options: cannot specify both --host and --context\n"
    );
}

#[test]
fn stopped_daemon_cannot_be_reached() {
    let mut sb = Sandbox::new_script();
    run(&mut sb, "systemctl stop docker");
    let (_, err, code) = run(&mut sb, "docker ps");
    assert_eq!((err.as_str(), code), ("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n", 1));
    let (_, err, code) = run(&mut sb, "docker run hello-world");
    assert_eq!(code, 125);
    assert!(
        err.starts_with(
            "docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock."
        ),
        "{err}"
    );
    assert_eq!(run(&mut sb, &format!("{SOCK} http://localhost/_ping")).2, 7);
    assert_eq!(
        run(&mut sb, "systemctl is-active docker"),
        ("inactive\n".into(), String::new(), 3)
    );
    run(&mut sb, "systemctl start docker");
    assert_eq!(run(&mut sb, "docker ps -q").2, 0);
}
