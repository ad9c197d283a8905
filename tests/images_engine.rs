//! Image commands against containers and engine state: both `rmi`
//! conflict texts and the others of §C7, `commit` (-m -a -c, whiteouts),
//! `system df` with containers, layer sharing on pull, the recorded Engine
//! API calls, the pull API other areas call, and persistence.

use dockerlings::engine::container::Status;
use dockerlings::engine::fs::{Content, Entry, UnionFs};
use dockerlings::engine::image::{ops, pull_str, resolve_image};
use dockerlings::sandbox::{CommandResult, Sandbox};
use std::sync::Arc;

/// Creates a container of `image` the way `docker create` will (the
/// containers area owns that command); writes `/greeting.txt` in it.
fn add_container(s: &mut Sandbox, name: &str, image: &str, status: Status) -> String {
    let e = &mut s.engine;
    let id = resolve_image(e, 0, image).unwrap();
    let img = e.hosts[0].daemon.images.images[&id].clone();
    let cmd = vec![
        "sh".to_string(),
        "-c".into(),
        "echo hi > /greeting.txt".into(),
    ];
    let _ = img;
    let spec = dockerlings::engine::container::lifecycle::CreateSpec {
        name: Some(name.into()),
        image: Some(id),
        image_ref: image.into(),
        cmd: Some(cmd),
        ..Default::default()
    };
    let cid = dockerlings::engine::container::lifecycle::create(e, 0, spec).unwrap();
    let c = e.hosts[0].daemon.containers.by_id.get_mut(&cid).unwrap();
    c.state.status = status;
    c.fs.write_file("/greeting.txt", Content::text("hi\n"), 1_735_689_700)
        .unwrap();
    cid
}

fn run(s: &mut Sandbox, line: &str) -> CommandResult {
    s.run_line(line)
}

fn ok(s: &mut Sandbox, line: &str) -> String {
    let r = s.run_line(line);
    assert_eq!(r.exit_code, 0, "{line}: {}", r.stderr());
    r.stdout()
}

fn image_id(s: &Sandbox, key: &str) -> String {
    resolve_image(&s.engine, 0, key).unwrap().to_string()
}

#[test]
fn rmi_by_name_with_a_container_needs_force() {
    let mut s = Sandbox::new_script();
    ok(&mut s, "docker pull -q hello-world");
    let cid = add_container(&mut s, "done", "hello-world", Status::Exited);
    let img = image_id(&s, "hello-world");
    let r = run(&mut s, "docker rmi hello-world");
    assert_eq!(r.exit_code, 1);
    assert_eq!(
        r.stderr(),
        format!(
            "Error response from daemon: conflict: unable to remove repository reference \"hello-world\" (must force) - container {} is using its referenced image {}\n",
            &cid[..12],
            &img[7..19]
        )
    );
    // by ID: the stopped container is a soft conflict
    let r = run(&mut s, &format!("docker rmi {}", &img[7..19]));
    assert_eq!(
        r.stderr(),
        format!(
            "Error response from daemon: conflict: unable to delete {} (must be forced) - image is being used by stopped container {}\n",
            &img[7..19],
            &cid[..12]
        )
    );
    // -f deletes the image but the container keeps its layers
    let out = ok(&mut s, "docker rmi -f hello-world");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0], "Untagged: hello-world:latest");
    assert!(lines[1].starts_with("Untagged: hello-world@sha256:"));
    assert_eq!(lines[2], format!("Deleted: {img}"));
    assert_eq!(s.engine.hosts[0].daemon.images.layers.len(), 1);
}

#[test]
fn rmi_hard_conflicts_cannot_be_forced() {
    let mut s = Sandbox::new_script();
    ok(&mut s, "docker pull -q alpine");
    let cid = add_container(&mut s, "web", "alpine", Status::Running);
    let img = image_id(&s, "alpine");
    let short = &img[7..19];
    for line in [
        format!("docker rmi {short}"),
        format!("docker rmi -f {short}"),
    ] {
        let r = run(&mut s, &line);
        assert_eq!(r.exit_code, 1);
        assert_eq!(
            r.stderr(),
            format!("Error response from daemon: conflict: unable to delete {short} (cannot be forced) - image is being used by running container {}\n", &cid[..12])
        );
    }
    // by name with -f: only untagged, the image stays as <none>
    let out = ok(&mut s, "docker rmi -f alpine");
    assert!(out.starts_with("Untagged: alpine:latest\nUntagged: alpine@sha256:"));
    assert!(!out.contains("Deleted"));
    let images = ok(&mut s, "docker images");
    assert_eq!(
        images,
        format!("REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\n<none>       <none>    {short}   3 weeks ago   7.83MB\n")
    );
    assert_eq!(
        ok(&mut s, "docker images -f dangling=true -q"),
        format!("{short}\n")
    );
}

#[test]
fn rmi_by_id_with_several_repositories_must_be_forced() {
    let mut s = Sandbox::new_script();
    ok(&mut s, "docker pull -q alpine");
    ok(&mut s, "docker tag alpine myalpine");
    let img = image_id(&s, "alpine");
    let short = &img[7..19];
    let r = run(&mut s, &format!("docker rmi {short}"));
    assert_eq!(
        r.stderr(),
        format!("Error response from daemon: conflict: unable to delete {short} (must be forced) - image is referenced in multiple repositories\n")
    );
    let out = ok(&mut s, &format!("docker rmi -f {short}"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Untagged: alpine:latest");
    assert!(lines[1].starts_with("Untagged: alpine@sha256:"));
    assert_eq!(lines[2], "Untagged: myalpine:latest");
    assert_eq!(lines[3], format!("Deleted: {img}"));
    assert_eq!(lines.len(), 5);
    assert!(s.engine.hosts[0].daemon.images.layers.is_empty());
}

#[test]
fn commit_creates_a_child_image_with_history_and_changes() {
    let mut s = Sandbox::new_script();
    ok(&mut s, "docker pull -q ubuntu");
    let cid = add_container(&mut s, "box", "ubuntu", Status::Exited);
    // delete a file of the image in the container: a whiteout
    s.engine.hosts[0]
        .daemon
        .containers
        .by_id
        .get_mut(&cid)
        .unwrap()
        .fs
        .remove("/etc/os-release", false)
        .unwrap();
    let out = ok(&mut s, "docker commit -m greeting -a learner box greet:v1");
    let _ = out;
    let r = run(&mut s, "docker commit -c RUN=echo box");
    assert_eq!(
        r.stderr(),
        "Error response from daemon: RUN=echo is not a valid change command\n"
    );
    let r = run(&mut s, "docker commit nope");
    assert_eq!(
        r.stderr(),
        "Error response from daemon: No such container: nope\n"
    );
    let r = run(&mut s, "docker commit box Bad");
    assert_eq!(
        r.stderr(),
        "invalid reference format: repository name (library/Bad) must be lowercase\n"
    );
    let id = ok(&mut s, "docker commit --message=hello box greet:v2");
    assert!(id.starts_with("sha256:") && id.len() == 72, "{id}");
    let hist = ok(&mut s, "docker history greet:v2");
    let base = image_id(&s, "ubuntu");
    let lines: Vec<&str> = hist.lines().collect();
    assert_eq!(lines[0], "IMAGE          CREATED        CREATED BY                                      SIZE      COMMENT");
    assert_eq!(
        lines[1],
        format!(
            "{}   1 second ago   sh -c echo hi > /greeting.txt                   3B        hello",
            &id[7..19]
        )
    );
    assert!(
        lines[2].starts_with(&format!("{}   2 months ago", &base[7..19])),
        "{hist}"
    );
    assert!(lines[3].starts_with("<missing>"));
    // the new image hides the deleted file, the base image still has it
    {
        let new = resolve_image(&s.engine, 0, "greet:v2").unwrap();
        let store = &s.engine.hosts[0].daemon.images;
        let top = store.layers_of(&new).last().unwrap().clone();
        assert_eq!(top.get("/etc/os-release"), Some(&Entry::Whiteout));
        let view = UnionFs::new(store.layers_of(&new));
        assert!(view.lookup("/etc/os-release").is_none());
        assert!(view.lookup("/greeting.txt").is_some());
        let base_id = resolve_image(&s.engine, 0, "ubuntu").unwrap();
        let base_view = UnionFs::new(store.layers_of(&base_id));
        assert!(base_view
            .read_text("/etc/os-release")
            .unwrap()
            .contains("Ubuntu 24.04"));
    }
    // inspect shows parent, comment and the -c changes of v1
    let parent = ok(&mut s, "docker image inspect -f {{.Parent}} greet:v2");
    assert_eq!(parent, format!("{base}\n"));
    assert_eq!(
        ok(&mut s, "docker image inspect -f {{.Comment}} greet:v2"),
        "hello\n"
    );
    assert_eq!(
        ok(&mut s, "docker image inspect -f {{.Author}} greet:v1"),
        "learner\n"
    );
    assert_eq!(
        ok(&mut s, "docker image inspect -f {{.Config.Cmd}} greet:v1"),
        "[sh -c echo hi > /greeting.txt]\n"
    );
    // the base has a dependent child now
    let r = run(&mut s, &format!("docker rmi {}", &base[7..19]));
    assert_eq!(
        r.stderr(),
        format!("Error response from daemon: conflict: unable to delete {} (cannot be forced) - image has dependent child images\n", &base[7..19])
    );
}

#[test]
fn commit_change_instructions_apply_to_the_config() {
    let mut cfg = Default::default();
    ops::apply_changes(
        &mut cfg,
        &[
            "CMD [\"nginx\", \"-g\", \"daemon off;\"]".into(),
            "ENV A=1 B=2".into(),
            "WORKDIR /app".into(),
            "EXPOSE 80 53/udp".into(),
            "LABEL k=v".into(),
            "USER nobody".into(),
        ],
    )
    .unwrap();
    let cfg: dockerlings::engine::image::ContainerConfig = cfg;
    assert_eq!(
        cfg.cmd,
        Some(vec!["nginx".into(), "-g".into(), "daemon off;".into()])
    );
    assert_eq!(cfg.env, vec!["A=1".to_string(), "B=2".into()]);
    assert_eq!(cfg.working_dir, "/app");
    assert_eq!(
        cfg.exposed_ports.keys().collect::<Vec<_>>(),
        vec!["53/udp", "80/tcp"]
    );
    assert_eq!(cfg.labels["k"], "v");
    assert_eq!(cfg.user, "nobody");
    let mut c2 = dockerlings::engine::image::ContainerConfig::default();
    ops::apply_changes(&mut c2, &["CMD echo hi".into()]).unwrap();
    assert_eq!(
        c2.cmd,
        Some(vec!["/bin/sh".into(), "-c".into(), "echo hi".into()])
    );
    let e = ops::apply_changes(&mut c2, &["RUN apt-get update".into()]).unwrap_err();
    assert_eq!(e.to_string(), "RUN is not a valid change command");
}

#[test]
fn shared_layers_are_pulled_once_and_counted_once() {
    let mut s = Sandbox::new_script();
    ok(&mut s, "docker pull -q python:3.9-slim");
    let out = ok(&mut s, "docker pull nginx");
    let py = resolve_image(&s.engine, 0, "python:3.9-slim").unwrap();
    let base = s.engine.hosts[0].daemon.images.images[&py]
        .config
        .rootfs
        .diff_ids[0]
        .clone();
    let blob = dockerlings::engine::registry::blob_descriptor(&base, 0).digest;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1], "latest: Pulling from library/nginx");
    assert_eq!(lines[2], format!("{}: Already exists", blob.short()));
    assert_eq!(out.matches("Already exists").count(), 1);
    assert_eq!(out.matches("Pull complete").count(), 6);
    // 124.8MB + 192MB - the 74.8MB they share
    let df = ok(&mut s, "docker system df");
    assert!(
        df.contains("\nImages          2         0         242MB     242MB (100%)\n"),
        "{df}"
    );
    // a container of nginx: its unique layers are in use
    add_container(&mut s, "web", "nginx", Status::Running);
    let df = ok(&mut s, "docker system df");
    assert!(
        df.contains("\nImages          2         1         242MB     124.8MB (51%)\n"),
        "{df}"
    );
    assert!(
        df.contains("\nContainers      1         1         3B        0B (0%)\n"),
        "{df}"
    );
    // the same Arc as the catalog's layer: shared, never copied
    let l = s.engine.hosts[0]
        .daemon
        .images
        .layers
        .get(&base)
        .unwrap()
        .clone();
    assert!(Arc::ptr_eq(
        &l,
        &dockerlings::engine::catalog::layer(&base).unwrap()
    ));
}

#[test]
fn system_prune_removes_stopped_containers_then_unused_images() {
    let mut s = Sandbox::new_script();
    ok(&mut s, "docker pull -q alpine");
    ok(&mut s, "docker pull -q busybox");
    let stopped = add_container(&mut s, "old", "busybox", Status::Exited);
    add_container(&mut s, "web", "alpine", Status::Running);
    let out = ok(&mut s, "docker system prune -a -f");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Deleted Containers:");
    assert_eq!(lines[1], stopped);
    assert_eq!(lines[3], "Deleted Images:");
    assert_eq!(lines[4], "untagged: busybox:latest");
    assert_eq!(lines.last().unwrap(), &"Total reclaimed space: 4.269MB");
    assert_eq!(
        ok(&mut s, "docker images --format={{.Repository}}"),
        "alpine\n"
    );
}

#[test]
fn api_calls_are_recorded() {
    let mut s = Sandbox::new_script();
    ok(&mut s, "docker pull ubuntu");
    ok(&mut s, "docker tag ubuntu my/ubuntu:1");
    ok(&mut s, "docker images");
    ok(&mut s, "docker history ubuntu");
    ok(&mut s, "docker image inspect ubuntu");
    ok(&mut s, "docker rmi my/ubuntu:1");
    ok(&mut s, "docker system df");
    run(&mut s, "docker pull nosuch");
    // Each command first pings the daemon (`HEAD /_ping`).
    let calls: Vec<String> = s.engine.hosts[0]
        .daemon
        .api
        .calls()
        .filter(|c| c.path != "/_ping")
        .map(|c| format!("{} {}", c.line(), c.status))
        .collect();
    assert_eq!(
        calls,
        vec![
            "POST /v1.51/images/create?fromImage=docker.io%2Flibrary%2Fubuntu&tag=latest 200",
            "POST /v1.51/images/ubuntu/tag?repo=docker.io%2Fmy%2Fubuntu&tag=1 201",
            "GET /v1.51/images/json 200",
            "GET /v1.51/images/ubuntu/history 200",
            "GET /v1.51/images/ubuntu/json 200",
            "DELETE /v1.51/images/my/ubuntu:1 200",
            "GET /v1.51/system/df 200",
            "POST /v1.51/images/create?fromImage=docker.io%2Flibrary%2Fnosuch&tag=latest 404",
        ]
    );
}

#[test]
fn pull_api_for_docker_run() {
    let mut s = Sandbox::new_script();
    let mut lines = Vec::new();
    let id = pull_str(&mut s.engine, 0, "hello-world", &mut |l| {
        lines.push(l.to_string())
    })
    .unwrap();
    assert_eq!(lines[0], "latest: Pulling from library/hello-world");
    assert!(lines[1].ends_with(": Pulling fs layer"));
    assert!(lines.last().unwrap() == "Status: Downloaded newer image for hello-world:latest");
    assert_eq!(resolve_image(&s.engine, 0, "hello-world").unwrap(), id);
    assert_eq!(
        resolve_image(&s.engine, 0, &id.as_str()[7..10]).unwrap(),
        id
    );
    assert_eq!(resolve_image(&s.engine, 0, id.as_str()).unwrap(), id);
    assert_eq!(resolve_image(&s.engine, 0, &id.as_str()[7..]).unwrap(), id);
    let e = resolve_image(&s.engine, 0, "ubuntu").unwrap_err();
    assert_eq!(e.to_string(), "No such image: ubuntu:latest");
    assert_eq!(e.status(), 404);
    let e = pull_str(&mut s.engine, 0, "nosuch", &mut |_| {}).unwrap_err();
    assert!(e.to_string().starts_with("pull access denied for nosuch,"));
    // the image config a container needs
    let img = &s.engine.hosts[0].daemon.images.images[&id];
    assert_eq!(img.config.config.cmd, Some(vec!["/hello".to_string()]));
}

#[test]
fn catalog_images_have_realistic_configs_and_files() {
    let mut s = Sandbox::new_script();
    for i in [
        "nginx",
        "redis",
        "registry:2",
        "node",
        "centos:7",
        "debian:bookworm",
        "ubuntu:22.04",
        "busybox",
        "python:3.12-slim",
        "mcr.microsoft.com/dotnet/core/runtime:3.0-buster-slim",
    ] {
        ok(&mut s, &format!("docker pull -q {i}"));
    }
    let cfg = |s: &Sandbox, k: &str| {
        let id = resolve_image(&s.engine, 0, k).unwrap();
        s.engine.hosts[0].daemon.images.images[&id]
            .config
            .config
            .clone()
    };
    let n = cfg(&s, "nginx");
    assert_eq!(n.entrypoint, Some(vec!["/docker-entrypoint.sh".into()]));
    assert_eq!(
        n.cmd,
        Some(vec!["nginx".into(), "-g".into(), "daemon off;".into()])
    );
    assert_eq!(n.stop_signal, "SIGQUIT");
    assert!(n.exposed_ports.contains_key("80/tcp"));
    let r = cfg(&s, "registry:2");
    assert_eq!(r.entrypoint, Some(vec!["/entrypoint.sh".into()]));
    assert_eq!(r.cmd, Some(vec!["/etc/docker/registry/config.yml".into()]));
    let rd = cfg(&s, "redis");
    assert_eq!(rd.entrypoint, Some(vec!["docker-entrypoint.sh".into()]));
    assert_eq!(rd.cmd, Some(vec!["redis-server".into()]));
    assert_eq!(rd.working_dir, "/data");
    let fs = |s: &Sandbox, k: &str| {
        let id = resolve_image(&s.engine, 0, k).unwrap();
        UnionFs::new(s.engine.hosts[0].daemon.images.layers_of(&id))
    };
    let nginx = fs(&s, "nginx");
    assert!(nginx
        .read_text("/etc/os-release")
        .unwrap()
        .contains("bookworm"));
    assert!(nginx
        .read_text("/etc/passwd")
        .unwrap()
        .contains("nginx:x:101:101"));
    assert!(nginx
        .read_text("/var/lib/dpkg/status")
        .unwrap()
        .contains("Package: nginx\n"));
    assert!(nginx
        .lookup("/docker-entrypoint.d/20-envsubst-on-templates.sh")
        .is_some());
    assert_eq!(nginx.resolve("/bin/sh", true).unwrap(), "/usr/bin/dash");
    let centos = fs(&s, "centos:7");
    assert!(centos
        .read_text("/etc/centos-release")
        .unwrap()
        .starts_with("CentOS Linux release 7"));
    let dotnet = fs(&s, "mcr.microsoft.com/dotnet/core/runtime:3.0-buster-slim");
    assert!(dotnet
        .read_text("/etc/os-release")
        .unwrap()
        .contains("buster"));
    assert_eq!(
        dotnet.resolve("/usr/bin/dotnet", true).unwrap(),
        "/usr/share/dotnet/dotnet"
    );
    let images = ok(
        &mut s,
        "docker images --format={{.Repository}}:{{.Tag}}={{.Size}}",
    );
    for want in [
        "nginx:latest=192MB",
        "redis:latest=117MB",
        "registry:2=25.4MB",
        "node:latest=1.12GB",
        "centos:7=204MB",
        "debian:bookworm=117MB",
        "ubuntu:22.04=77.9MB",
        "busybox:latest=4.27MB",
        "python:3.12-slim=124MB",
        "mcr.microsoft.com/dotnet/core/runtime:3.0-buster-slim=190MB",
    ] {
        assert!(images.lines().any(|l| l == want), "{want} in\n{images}");
    }
}

#[test]
fn images_survive_save_and_load_of_the_sandbox() {
    let mut s = Sandbox::new_script();
    ok(&mut s, "docker pull -q alpine");
    let cid = add_container(&mut s, "box", "alpine", Status::Exited);
    ok(&mut s, "docker commit box mine");
    let json = s.save();
    assert!(
        json.len() < 40_000,
        "catalog layers are not serialised: {}",
        json.len()
    );
    let mut t = Sandbox::load(&json).unwrap();
    assert_eq!(
        ok(&mut t, "docker images --format={{.Repository}}"),
        "mine\nalpine\n"
    );
    let id = resolve_image(&t.engine, 0, "mine").unwrap();
    let view = UnionFs::new(t.engine.hosts[0].daemon.images.layers_of(&id));
    assert_eq!(view.read_text("/greeting.txt").unwrap(), "hi\n");
    let _ = cid;
}

#[test]
fn a_forced_rmi_keeps_the_layers_a_container_uses() {
    let mut s = Sandbox::new_script();
    ok(&mut s, "docker pull -q alpine");
    let cid = add_container(&mut s, "old", "alpine", Status::Exited);
    ok(&mut s, "docker rmi -f alpine");
    assert_eq!(ok(&mut s, "docker images -q -a"), "");
    let json = s.save();
    let mut t = Sandbox::load(&json).unwrap();
    let c = &t.engine.hosts[0].daemon.containers.by_id[&cid];
    assert_eq!(
        c.fs.lower().len(),
        1,
        "the container still sees its image's layer"
    );
    assert!(c
        .fs
        .read_text("/etc/os-release")
        .unwrap()
        .contains("Alpine"));
    // once the container is gone, the layer is released
    t.engine.hosts[0].daemon.containers.by_id.remove(&cid);
    assert_eq!(ops::release_unused_layers(&mut t.engine, 0), 7_834_624);
    assert!(t.engine.hosts[0].daemon.images.layers.is_empty());
    assert!(t.engine.hosts[0].daemon.images.retained.is_empty());
}

#[test]
fn prune_without_force_asks_the_terminal() {
    use dockerlings::userland::Action;
    let mut s = Sandbox::new_script();
    ok(&mut s, "docker pull -q alpine");
    let r = run(&mut s, "docker image prune -a");
    assert_eq!(r.exit_code, 0);
    assert!(r.output.chunks.is_empty());
    assert_eq!(
        r.output.action,
        Some(Action::Prompt {
            label: "WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] ".into(),
            secret: false,
            resume: "docker image prune -a --filter=dockerlings.confirm=".into(),
        })
    );
    // the answer comes back appended to `resume`
    assert_eq!(
        ok(
            &mut s,
            "docker image prune -a --filter=dockerlings.confirm=n"
        ),
        ""
    );
    assert_eq!(ok(&mut s, "docker images -q").lines().count(), 1);
    let out = ok(
        &mut s,
        "docker image prune -a --filter=dockerlings.confirm=y",
    );
    assert!(
        out.starts_with("Deleted Images:\nuntagged: alpine:latest\n"),
        "{out}"
    );
    let r = run(&mut s, "docker system prune --volumes");
    match r.output.action {
        Some(Action::Prompt { label, resume, .. }) => {
            assert!(label.starts_with("WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all anonymous volumes not used by at least one container\n  - all dangling images\n  - unused build cache\n\nAre you sure"));
            assert_eq!(
                resume,
                "docker system prune --volumes --filter=dockerlings.confirm="
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn load_reads_stdin_when_no_input_file() {
    let mut s = Sandbox::new_script();
    ok(&mut s, "docker pull -q busybox");
    ok(&mut s, "docker save -o bb.tar busybox");
    // the file has the real tar's size; the daemon knows what is in it
    let size = match s.engine.hosts[0].fs.stat("/root/bb.tar").unwrap() {
        Entry::File { content, .. } => content.size(),
        other => panic!("{other:?}"),
    };
    assert_eq!(size, 4_347_904);
    let bytes =
        dockerlings::engine::image::archive::read_file(&s.engine, 0, "/root/bb.tar").unwrap();
    ok(&mut s, "docker rmi busybox");
    let mut out = dockerlings::userland::Output::new();
    let argv: Vec<String> = vec!["load".into()];
    let code = dockerlings::cli::run(&mut s.engine, 0, &argv, &bytes, &mut out);
    assert_eq!(code, 0, "{}", out.stderr());
    assert_eq!(out.stdout(), "Loaded image: busybox:latest\n");
    let r = run(&mut s, "docker load -q");
    assert_eq!(
        r.stderr(),
        "requested load from stdin, but stdin is empty\n"
    );
}
