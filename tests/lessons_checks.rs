//! Check predicates evaluated on a world built by hand through the engine's
//! stores (images sharing a layer, containers with changes, a registry
//! container, host files, API calls), independently of the docker commands
//! that would normally produce that state.

use dockerlings::engine::container::{LogLine, LogStream, Status};
use dockerlings::engine::fs::{Content, Entry, Layer, Meta};
use dockerlings::engine::image::{HistoryEntry, Image, ImageConfig, RootFs};
use dockerlings::engine::Engine;
use dockerlings::lessons::{check, check_since, Mark};
use std::sync::Arc;

fn file(text: &str) -> Entry {
    Entry::File {
        meta: Meta::new(0o644, 0),
        content: Content::text(text),
    }
}

fn dir() -> Entry {
    Entry::Dir {
        meta: Meta::new(0o755, 0),
        opaque: false,
    }
}

/// Adds an image made of `layers` (bottom first) under `refs`.
fn add_image(e: &mut Engine, refs: &[&str], layers: &[Arc<Layer>], author: &str, comment: &str) {
    let store = &mut e.hosts[0].daemon.images;
    let diff_ids = layers
        .iter()
        .map(|l| store.layers.insert(l.clone()))
        .collect();
    let config = ImageConfig {
        architecture: "amd64".into(),
        author: author.into(),
        created: "2026-01-01T00:00:00Z".into(),
        os: "linux".into(),
        rootfs: RootFs {
            kind: "layers".into(),
            diff_ids,
        },
        history: vec![HistoryEntry {
            created: "2026-01-01T00:00:00Z".into(),
            created_by: "/bin/bash".into(),
            comment: comment.into(),
            ..Default::default()
        }],
        config: dockerlings::engine::image::ContainerConfig {
            cmd: Some(vec!["cat".into(), "/hello.txt".into()]),
            env: vec!["GREETING=hello".into()],
            working_dir: "/app".into(),
            ..Default::default()
        },
    };
    let id = config.id();
    store.images.insert(
        id.clone(),
        Image {
            id: id.clone(),
            config,
            parent: None,
            repo_digests: vec![],
        },
    );
    for r in refs {
        store.refs.insert(r.to_string(), id.clone());
    }
}

fn add_container(e: &mut Engine, name: &str, image_ref: &str, status: Status) -> String {
    let full = dockerlings::lessons::state::normalize(image_ref);
    let image = e.hosts[0].daemon.images.refs[&full].clone();
    let spec = dockerlings::engine::container::lifecycle::CreateSpec {
        name: Some(name.into()),
        image: Some(image),
        image_ref: image_ref.into(),
        cmd: Some(vec!["bash".into()]),
        tty: true,
        ..Default::default()
    };
    let id = dockerlings::engine::container::lifecycle::create(e, 0, spec).expect("create");
    e.hosts[0]
        .daemon
        .containers
        .by_id
        .get_mut(&id)
        .expect("created")
        .state
        .status = status;
    id
}

fn world() -> Engine {
    let mut e = Engine::new(0, 7);
    let mut base = Layer::new();
    base.insert("/etc", dir());
    base.insert("/etc/os-release", file("NAME=\"Ubuntu\"\n"));
    base.insert("/etc/passwd", file("root:x:0:0:root:/root:/bin/bash\n"));
    let base = Arc::new(base);
    let mut vim = Layer::new();
    vim.insert("/usr", dir());
    vim.insert("/usr/bin", dir());
    vim.insert("/usr/bin/vim", file("vim"));
    let vim = Arc::new(vim);
    add_image(
        &mut e,
        &["docker.io/library/ubuntu:latest"],
        std::slice::from_ref(&base),
        "",
        "",
    );
    add_image(
        &mut e,
        &["docker.io/hzz/myubuntu:1.1", "localhost:5000/hzzubuntu:1.2"],
        &[base, vim],
        "hzz",
        "add vim cmd",
    );
    let c1 = add_container(&mut e, "c1", "ubuntu", Status::Running);
    add_container(&mut e, "c2", "ubuntu", Status::Exited);
    let c = e.hosts[0].daemon.containers.by_id.get_mut(&c1).unwrap();
    c.fs.write_file("/hello.txt", Content::text("hello from c1\n"), 0)
        .unwrap();
    c.fs.append_file("/etc/passwd", b"alice:x:1000\n", 0)
        .unwrap();
    c.fs.remove("/etc/os-release", false).unwrap();
    c.logs.push(LogLine {
        at: 0,
        stream: LogStream::Stdout,
        text: "172.17.0.1 - - \"GET /v2/_catalog HTTP/1.1\" 200\n".into(),
    });
    e
}

fn holds(e: &Engine, text: &str) -> bool {
    let c =
        dockerlings::lessons::check::parse(text).unwrap_or_else(|err| panic!("{text}: {err:?}"));
    check(e, &c)
}

#[test]
fn image_predicates() {
    let e = world();
    assert!(holds(&e, "image_exists ubuntu"));
    assert!(holds(&e, "image_exists ubuntu:latest"));
    assert!(holds(&e, "image_exists docker.io/library/ubuntu"));
    assert!(!holds(&e, "image_exists ubuntu:22.04"));
    assert!(holds(&e, "image_exists localhost:5000/hzzubuntu:1.2"));
    let id = e.hosts[0].daemon.images.refs["docker.io/hzz/myubuntu:1.1"].clone();
    assert!(holds(&e, &format!("image_exists {}", id.short())));
    assert!(holds(&e, &format!("image_exists {id}")));
    assert!(holds(
        &e,
        "image_top_layer_contains hzz/myubuntu:1.1 /usr/bin/vim"
    ));
    assert!(!holds(
        &e,
        "image_top_layer_contains hzz/myubuntu:1.1 /etc/passwd"
    ));
    assert!(holds(&e, "image_has_file hzz/myubuntu:1.1 /etc/passwd"));
    assert!(!holds(&e, "image_has_file ubuntu /usr/bin/vim"));
    assert!(holds(
        &e,
        "image_file_contains ubuntu /etc/os-release Ubuntu"
    ));
    assert!(holds(&e, "image_layers_shared ubuntu hzz/myubuntu:1.1"));
    assert!(!holds(
        &e,
        "image_layers_shared ubuntu hzz/myubuntu:1.1 min=2"
    ));
    assert!(holds(&e, "image_layer_count hzz/myubuntu:1.1 min=2 max=2"));
    assert!(holds(&e, "image_smaller_than ubuntu hzz/myubuntu:1.1"));
    assert!(!holds(&e, "image_smaller_than hzz/myubuntu:1.1 ubuntu"));
    assert!(holds(&e, "image_size ubuntu max=1kB"));
    assert!(!holds(&e, "image_size ubuntu min=1MB"));
    assert!(holds(&e, "image_author hzz/myubuntu:1.1 hzz"));
    assert!(holds(
        &e,
        "image_history_has hzz/myubuntu:1.1 \"add vim cmd\""
    ));
    assert!(holds(
        &e,
        "image_config ubuntu cmd=/hello.txt env=GREETING workdir=/app"
    ));
    assert!(!holds(&e, "image_config ubuntu workdir=/"));
    assert!(holds(&e, "image_count min=2 max=2"));
}

#[test]
fn container_predicates() {
    let e = world();
    assert!(holds(
        &e,
        "container_exists name=c1 image=ubuntu status=running"
    ));
    assert!(!holds(&e, "container_exists name=c1 status=paused"));
    assert!(holds(&e, "container_count image=ubuntu min=2 max=2"));
    assert!(holds(&e, "container_count status=running max=1"));
    assert!(holds(&e, "container_has_file name=c1 /hello.txt"));
    assert!(!holds(&e, "container_has_file name=c2 /hello.txt"));
    assert!(!holds(&e, "container_has_file name=c1 /etc/os-release"));
    assert!(holds(&e, "container_has_file name=c2 /etc/os-release"));
    assert!(holds(
        &e,
        "container_file_contains name=c1 /etc/passwd alice"
    ));
    assert!(!holds(
        &e,
        "container_file_contains name=c2 /etc/passwd alice"
    ));
    assert!(holds(&e, "container_diff_has name=c1 A /hello.txt"));
    assert!(holds(&e, "container_diff_has name=c1 C /etc/passwd"));
    assert!(holds(&e, "container_diff_has name=c1 D /etc/os-release"));
    assert!(holds(&e, "container_diff_has name=c1 C /etc"));
    assert!(!holds(&e, "container_diff_has name=c1 A /etc/passwd"));
    assert!(!holds(&e, "container_diff_has name=c2 C /etc"));
    assert!(holds(
        &e,
        "container_logs_contain name=c1 \"GET /v2/_catalog\""
    ));
    assert!(!holds(&e, "container_logs_contain name=c2 GET"));
    // the image is unchanged by its containers
    assert!(holds(
        &e,
        "image_has_file ubuntu /etc/os-release\nnot image_file_contains ubuntu /etc/passwd alice"
    ));
}

#[test]
fn combinators() {
    let e = world();
    assert!(holds(&e, "any\n  image_exists nope\n  image_exists ubuntu"));
    assert!(!holds(
        &e,
        "all\n  image_exists nope\n  image_exists ubuntu"
    ));
    assert!(holds(&e, "not\n  image_exists nope"));
    assert!(holds(&e, "not image_exists nope"));
    assert!(!holds(&e, "image_exists ubuntu\nimage_exists nope"));
}

#[test]
fn daemon_and_host_predicates() {
    let mut e = world();
    assert!(holds(
        &e,
        "network_exists bridge\nnetwork_exists host\nnetwork_exists none"
    ));
    assert!(!holds(&e, "volume_exists data"));
    assert!(holds(&e, "host_exists laptop\nnot host_exists server"));
    assert!(!holds(&e, "image_exists ubuntu host=server"));

    let h = &mut e.hosts[0];
    h.daemon.api.record("GET", "/version", None, 200);
    h.daemon
        .api
        .record("GET", "/images/hzz/myubuntu:1.1/history", None, 200);
    let mark = Mark::now(&e);
    let c = |t: &str| dockerlings::lessons::check::parse(t).unwrap();
    assert!(check(&e, &c("api_called GET /version")));
    assert!(check(&e, &c("api_called GET /images/*/history")));
    assert!(!check_since(&e, &c("api_called GET /version"), &mark));
    e.hosts[0]
        .daemon
        .api
        .record("POST", "/containers/create?name=web", None, 201);
    assert!(check_since(
        &e,
        &c("api_called POST /containers/create"),
        &mark
    ));
    assert!(!check_since(
        &e,
        &c("api_called GET /containers/create"),
        &mark
    ));
    // a query in the pattern must be among the request's parameters
    e.hosts[0]
        .daemon
        .api
        .record("GET", "/containers/json?limit=1", None, 200);
    assert!(check(&e, &c("api_called GET /containers/json")));
    assert!(!check(&e, &c("api_called GET /containers/json?all=1")));
    e.hosts[0]
        .daemon
        .api
        .record("GET", "/containers/json?all=1&size=1", None, 200);
    assert!(check(&e, &c("api_called GET /containers/json?all=1")));
    assert!(check(
        &e,
        &c("api_called GET /containers/json?size=1&all=1")
    ));
    assert!(!check(&e, &c("api_called GET /containers/json?all=0")));

    // credentials as `docker login` stores them
    let fs = &mut e.hosts[0].fs;
    fs.mkdir_all("/root/.docker", 0o700, 0).unwrap();
    fs.write_file(
        "/root/.docker/config.json",
        Content::text(r#"{"auths":{"https://index.docker.io/v1/":{"auth":"eA=="},"registry.cn-hangzhou.aliyuncs.com":{"auth":"eA=="}}}"#),
        0,
    )
    .unwrap();
    assert!(holds(
        &e,
        "logged_in docker.io\nlogged_in registry.cn-hangzhou.aliyuncs.com"
    ));
    assert!(!holds(&e, "logged_in localhost:5000"));
    assert!(holds(
        &e,
        "file_exists ~/.docker/config.json\nfile_contains /root/.docker/config.json auths"
    ));

    // insecure registries apply once the daemon restarted after the edit
    let fs = &mut e.hosts[0].fs;
    fs.mkdir_all("/etc/docker", 0o755, 0).unwrap();
    fs.write_file(
        "/etc/docker/daemon.json",
        Content::text("{\"insecure-registries\": [\"192.168.1.10:5000\"]}"),
        100,
    )
    .unwrap();
    e.hosts[0].daemon.started_at = 50_000;
    assert!(!holds(&e, "insecure_registry 192.168.1.10:5000"));
    e.hosts[0].daemon.started_at = 101_000;
    assert!(holds(&e, "insecure_registry 192.168.1.10:5000"));
    assert!(!holds(&e, "insecure_registry 10.0.0.1:5000"));
}

/// `last_build` reads the daemon's record of the last `docker build`.
#[test]
fn last_build_records_cache_hits() {
    let mut sb = dockerlings::sandbox::Sandbox::new_script();
    let write = |sb: &mut dockerlings::sandbox::Sandbox, path: &str, text: &str| {
        let fs = &mut sb.engine.hosts[0].fs;
        fs.mkdir_all("/home/learner/hello", 0o755, 0).unwrap();
        fs.write_file(path, Content::text(text), 0).unwrap();
    };
    write(&mut sb, "/home/learner/hello/hello.txt", "hello\n");
    write(
        &mut sb,
        "/home/learner/hello/Dockerfile",
        "FROM alpine\nCOPY hello.txt /hello.txt\nENV GREETING=hello\nCMD [\"cat\", \"/hello.txt\"]\n",
    );
    let build = |sb: &mut dockerlings::sandbox::Sandbox, args: &str| {
        let r = sb.run_line(&format!("docker build {args} /home/learner/hello"));
        assert_eq!(r.exit_code, 0, "{}", r.stderr());
    };
    let holds = |sb: &dockerlings::sandbox::Sandbox, t: &str| {
        check(&sb.engine, &dockerlings::lessons::check::parse(t).unwrap())
    };
    assert!(!holds(&sb, "last_build"));
    assert_eq!(sb.run_line("docker pull alpine").exit_code, 0);
    build(&mut sb, "-t hello-app");
    assert!(holds(&sb, "last_build status=ok rebuilt=2-4 tag=hello-app"));
    assert!(!holds(&sb, "last_build cached=2"));
    assert!(holds(&sb, "image_file_contains hello-app /hello.txt hello"));
    build(&mut sb, "-t hello-app");
    assert!(holds(
        &sb,
        "last_build status=ok cached=2-4 tag=docker.io/library/hello-app:latest"
    ));
    assert!(!holds(&sb, "last_build rebuilt=2"));
    write(&mut sb, "/home/learner/hello/hello.txt", "hello again\n");
    build(&mut sb, "-t hello-app");
    assert!(holds(
        &sb,
        "last_build rebuilt=2-4\nnot last_build cached=2"
    ));
    assert!(holds(
        &sb,
        "image_file_contains hello-app /hello.txt \"hello again\""
    ));
    build(&mut sb, "--no-cache -t hello-app");
    assert!(holds(&sb, "last_build status=ok rebuilt=2-4"));
    write(
        &mut sb,
        "/home/learner/hello/Dockerfile",
        "FROM alpine\nCOPY nope /nope\n",
    );
    let r = sb.run_line("docker build -t broken /home/learner/hello");
    assert_ne!(r.exit_code, 0);
    assert!(holds(
        &sb,
        "last_build status=failed\nnot image_exists broken"
    ));
}

/// `container_config` reads how a container was created: `-t`, `-i`, the
/// restart policy and the command.
#[test]
fn container_config_tells_how_a_container_was_created() {
    let mut sb = dockerlings::sandbox::Sandbox::new_script();
    let holds = |sb: &dockerlings::sandbox::Sandbox, t: &str| {
        check(&sb.engine, &dockerlings::lessons::check::parse(t).unwrap())
    };
    assert_eq!(sb.run_line("docker pull alpine").exit_code, 0);
    assert_eq!(
        sb.run_line("docker run --name plain alpine true").exit_code,
        0
    );
    assert_eq!(
        sb.run_line("docker run -dit --restart=always --name shell alpine sh")
            .exit_code,
        0
    );
    assert!(holds(
        &sb,
        "container_config name=plain tty=false interactive=false"
    ));
    assert!(!holds(&sb, "container_config name=plain tty=true"));
    assert!(!holds(&sb, "container_config name=plain restart=always"));
    assert!(holds(&sb, "container_config name=plain cmd=true"));
    assert!(holds(
        &sb,
        "container_config name=shell tty=true interactive=true restart=always cmd=sh"
    ));
    assert!(!holds(&sb, "container_config name=nobody"));
    assert!(dockerlings::lessons::check::parse("container_config tty=yes").is_err());
}

/// `file_is_json` tells a valid JSON file from a broken or missing one.
#[test]
fn file_is_json_parses_the_file() {
    let mut sb = dockerlings::sandbox::Sandbox::new_script();
    let holds = |sb: &dockerlings::sandbox::Sandbox, t: &str| {
        check(&sb.engine, &dockerlings::lessons::check::parse(t).unwrap())
    };
    assert!(!holds(&sb, "file_is_json /root/settings.json"));
    sb.run_line("echo '{\"debug\": true' > /root/settings.json");
    assert!(!holds(&sb, "file_is_json /root/settings.json"));
    sb.run_line("echo '{\"debug\": true}' > /root/settings.json");
    assert!(holds(&sb, "file_is_json /root/settings.json"));
}
