//! `docker version` / `docker info` against engine state: the settings the
//! daemon loaded from `/etc/docker/daemon.json` at its last start, and the
//! requests the daemon received.

use dockerlings::engine::fs::entry::Content;
use dockerlings::sandbox::Sandbox;

fn write_daemon_json(sb: &mut Sandbox, text: &str) {
    let fs = &mut sb.engine.hosts[0].fs;
    fs.mkdir_all("/etc/docker", 0o755, 0).unwrap();
    fs.write_file("/etc/docker/daemon.json", Content::text(text), 0)
        .unwrap();
}

fn section<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let a = text.find(from).unwrap();
    let b = text[a..].find(to).unwrap() + a;
    &text[a..b]
}

#[test]
fn info_lists_insecure_registries_and_mirrors_from_daemon_json() {
    let mut sb = Sandbox::new_script();
    write_daemon_json(
        &mut sb,
        r#"{"insecure-registries": ["192.168.1.10:5000", "10.0.0.0/8"],
            "registry-mirrors": ["https://mirror.example.com"],
            "live-restore": true, "debug": true}"#,
    );
    // The running daemon has not read the file yet.
    assert!(sb
        .run_line("docker info")
        .stdout()
        .contains(" Debug Mode: false\n"));
    sb.run_line("systemctl restart docker");
    let r = sb.run_line("docker info");
    assert_eq!(r.exit_code, 0);
    let out = r.stdout();
    assert_eq!(
        section(&out, " Insecure Registries:", " Live Restore"),
        " Insecure Registries:\n  192.168.1.10:5000\n  10.0.0.0/8\n  ::1/128\n  127.0.0.0/8\n Registry Mirrors:\n  https://mirror.example.com\n"
    );
    assert!(out.contains(" Live Restore Enabled: true\n\n"));
    assert!(out.contains(" Debug Mode: true\n"));
    assert_eq!(r.stderr(), "");
}

#[test]
fn info_ignores_a_broken_daemon_json() {
    let mut sb = Sandbox::new_script();
    write_daemon_json(&mut sb, "{not json");
    let restart = sb.run_line("systemctl restart docker");
    assert_eq!(restart.exit_code, 1);
    let out = sb.run_line("docker info").stdout();
    assert_eq!(
        section(&out, " Insecure Registries:", " Live Restore"),
        " Insecure Registries:\n  ::1/128\n  127.0.0.0/8\n"
    );
}

#[test]
fn version_and_info_record_their_requests() {
    let mut sb = Sandbox::new_script();
    sb.run_line("docker version");
    sb.run_line("docker system info");
    sb.run_line("docker info --nosuch");
    let calls: Vec<String> = sb.engine.hosts[0]
        .daemon
        .api
        .calls()
        .map(|c| format!("{} {}", c.line(), c.status))
        .collect();
    assert_eq!(
        calls,
        [
            "HEAD /_ping 200",
            "GET /v1.51/version 200",
            "HEAD /_ping 200",
            "GET /v1.51/info 200"
        ]
    );
}

#[test]
fn info_names_the_host_and_has_a_stable_id() {
    let mut a = Sandbox::new_script();
    let mut b = Sandbox::new_script();
    let ia = a
        .run_line("docker info --format {{.Name}}/{{.ID}}")
        .stdout();
    let ib = b
        .run_line("docker info --format {{.Name}}/{{.ID}}")
        .stdout();
    assert_eq!(ia, ib);
    assert!(ia.starts_with("laptop/"));
    let server = a.engine.add_host("server", "192.168.1.20");
    a.current_host = server;
    let is = a
        .run_line("docker info --format {{.Name}}/{{.ID}}")
        .stdout();
    assert!(is.starts_with("server/"));
    assert_ne!(ia[7..], is[7..]);
}

#[test]
fn format_errors_and_json() {
    let mut sb = Sandbox::new_script();
    let r = sb.run_line("docker version --format {{.Nope}}");
    assert_eq!(r.exit_code, 1);
    assert_eq!(r.stdout(), "\n");
    assert_eq!(
        r.stderr(),
        "template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type system.versionInfo\n"
    );
    let r = sb.run_line("docker info --format {{.Containers}}{{nope}}");
    assert_eq!(r.exit_code, 64);
    assert_eq!(r.stdout(), "");
    assert_eq!(
        r.stderr(),
        "template parsing error: template: :1: function \"nope\" not defined\n"
    );
    let r = sb.run_line("docker info --format {{.Name}}:{{.NCPU}}");
    assert_eq!(r.stdout(), "laptop:4\n");
    let r = sb.run_line("docker info --format json");
    let v: serde_json::Value = serde_json::from_str(r.stdout().trim()).unwrap();
    assert_eq!(v["Containers"], 0);
    assert_eq!(v["ServerVersion"], "28.5.2");
}

#[test]
fn info_counts_containers_by_state_and_images() {
    use dockerlings::engine::container::lifecycle::{self, CreateSpec};
    use dockerlings::engine::container::Status;
    use dockerlings::engine::image::resolve_image;
    let mut sb = Sandbox::new_script();
    assert_eq!(sb.run_line("docker pull -q busybox").exit_code, 0);
    assert_eq!(sb.run_line("docker pull -q hello-world").exit_code, 0);
    for (name, status) in [
        ("c1", Status::Running),
        ("c2", Status::Running),
        ("c3", Status::Paused),
        ("c4", Status::Exited),
        ("c5", Status::Created),
    ] {
        let e = &mut sb.engine;
        let id = resolve_image(e, 0, "busybox").unwrap();
        let spec = CreateSpec {
            name: Some(name.into()),
            image: Some(id),
            image_ref: "busybox".into(),
            ..Default::default()
        };
        let cid = lifecycle::create(e, 0, spec).unwrap();
        e.hosts[0]
            .daemon
            .containers
            .by_id
            .get_mut(&cid)
            .unwrap()
            .state
            .status = status;
    }
    let out = sb.run_line("docker info").stdout();
    assert_eq!(
        section(&out, "Server:\n", " Server Version"),
        "Server:\n Containers: 5\n  Running: 2\n  Paused: 1\n  Stopped: 2\n Images: 2\n"
    );
}
