//! Tab completion of `docker` command lines from the grammar and engine state.

use dockerlings::cli::complete::complete;
use dockerlings::engine::container::lifecycle::{self, CreateSpec};
use dockerlings::engine::container::Status;
use dockerlings::engine::digest::Digest;
use dockerlings::engine::image::resolve_image;
use dockerlings::sandbox::Sandbox;

fn c(sb: &Sandbox, line: &str) -> Vec<String> {
    complete(&sb.engine, sb.current_host, line)
}

fn with_images() -> Sandbox {
    let mut sb = Sandbox::new_script();
    let refs = &mut sb.engine.hosts[0].daemon.images.refs;
    for r in [
        "docker.io/library/ubuntu:22.04",
        "docker.io/library/ubuntu:latest",
        "docker.io/library/nginx:latest",
        "docker.io/learner/app:1.0",
        "localhost:5000/hzzubuntu:1.2",
        "docker.io/library/alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000",
    ] {
        refs.insert(r.to_string(), Digest::of(r.as_bytes()));
    }
    sb
}

#[test]
fn the_program_name() {
    let sb = Sandbox::new_script();
    assert_eq!(c(&sb, "doc"), ["docker"]);
    assert!(c(&sb, "ls").is_empty());
}

#[test]
fn top_level_commands() {
    let sb = Sandbox::new_script();
    assert_eq!(
        c(&sb, "docker i"),
        ["image", "images", "import", "info", "inspect"]
    );
    assert_eq!(c(&sb, "docker ru"), ["run"]);
    assert_eq!(c(&sb, "docker bu"), ["build", "builder", "buildx"]);
    // Hidden (swarm-manager-only) commands are not offered.
    assert!(c(&sb, "docker se").contains(&"search".to_string()));
    assert!(!c(&sb, "docker se").contains(&"service".to_string()));
    let all = c(&sb, "docker ");
    assert!(all.contains(&"ps".to_string()) && all.contains(&"volume".to_string()));
}

#[test]
fn sub_commands_of_a_group() {
    let sb = Sandbox::new_script();
    assert_eq!(
        c(&sb, "docker volume "),
        ["create", "inspect", "ls", "prune", "rm", "update"]
    );
    assert_eq!(c(&sb, "docker network c"), ["connect", "create"]);
    assert_eq!(c(&sb, "docker -D image p"), ["prune", "pull", "push"]);
}

#[test]
fn long_flags() {
    let sb = Sandbox::new_script();
    assert_eq!(c(&sb, "docker ps --n"), ["--no-trunc"]);
    assert_eq!(c(&sb, "docker run --rm --na"), ["--name"]);
    assert_eq!(c(&sb, "docker --ver"), ["--version"]);
    assert_eq!(c(&sb, "docker container ls --f"), ["--filter", "--format"]);
    // Hidden flags are not offered.
    assert!(!c(&sb, "docker run --ne").contains(&"--net".to_string()));
    assert_eq!(c(&sb, "docker run --ne"), ["--network", "--network-alias"]);
    // After `docker run IMAGE` the words belong to the container.
    assert!(c(&sb, "docker run alpine --n").is_empty());
}

#[test]
fn image_references() {
    let sb = with_images();
    assert_eq!(
        c(&sb, "docker run -it --rm ub"),
        ["ubuntu:22.04", "ubuntu:latest"]
    );
    assert_eq!(c(&sb, "docker rmi ubuntu:22.04 n"), ["nginx:latest"]);
    assert_eq!(
        c(&sb, "docker push l"),
        ["learner/app:1.0", "localhost:5000/hzzubuntu:1.2"]
    );
    assert_eq!(c(&sb, "docker image tag ng"), ["nginx:latest"]);
    assert_eq!(
        c(&sb, "docker run --name web -p 80:80 ng"),
        ["nginx:latest"]
    );
    // The value of -p is not an image; nor is the command after the image.
    assert!(c(&sb, "docker run -p ng").is_empty());
    assert!(c(&sb, "docker run nginx ng").is_empty());
}

#[test]
fn networks_by_argument_and_flag() {
    let sb = Sandbox::new_script();
    assert_eq!(c(&sb, "docker network inspect b"), ["bridge"]);
    assert_eq!(c(&sb, "docker run --network h"), ["host"]);
    assert_eq!(
        c(&sb, "docker network ls --filter x network inspect "),
        Vec::<String>::new()
    );
    assert_eq!(
        c(&sb, "docker network connect "),
        ["bridge", "host", "none"]
    );
    // The predefined networks cannot be removed.
    assert!(c(&sb, "docker network rm ").is_empty());
}

/// A container of `image` in `status`, made through the lifecycle API.
fn add_container(sb: &mut Sandbox, name: &str, image: &str, status: Status) {
    let e = &mut sb.engine;
    let id = resolve_image(e, 0, image).unwrap();
    let spec = CreateSpec {
        name: Some(name.into()),
        image: Some(id),
        image_ref: image.into(),
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

fn with_containers() -> Sandbox {
    let mut sb = Sandbox::new_script();
    assert_eq!(sb.run_line("docker pull -q busybox").exit_code, 0);
    add_container(&mut sb, "web", "busybox", Status::Running);
    add_container(&mut sb, "worker", "busybox", Status::Paused);
    add_container(&mut sb, "old", "busybox", Status::Exited);
    add_container(&mut sb, "new", "busybox", Status::Created);
    sb
}

#[test]
fn containers_by_state() {
    let sb = with_containers();
    assert_eq!(c(&sb, "docker rm "), ["new", "old", "web", "worker"]);
    assert_eq!(c(&sb, "docker stop "), ["web"]);
    assert_eq!(c(&sb, "docker start "), ["new", "old"]);
    assert_eq!(c(&sb, "docker unpause w"), ["worker"]);
    assert_eq!(c(&sb, "docker exec -it w"), ["web"]);
    assert_eq!(c(&sb, "docker container logs --tail 5 o"), ["old"]);
    // After the container, `exec` takes the command: nothing to offer.
    assert!(c(&sb, "docker exec -it web ").is_empty());
    assert_eq!(c(&sb, "docker cp w"), ["web:", "worker:"]);
    assert_eq!(c(&sb, "docker run --volumes-from w"), ["web", "worker"]);
    // `docker inspect` takes any object.
    assert_eq!(c(&sb, "docker inspect b"), ["bridge", "busybox:latest"]);
}

#[test]
fn volumes_by_argument_and_flag() {
    let mut sb = Sandbox::new_script();
    assert_eq!(sb.run_line("docker volume create data").exit_code, 0);
    assert_eq!(sb.run_line("docker volume create dbfiles").exit_code, 0);
    assert_eq!(c(&sb, "docker volume rm d"), ["data", "dbfiles"]);
    assert_eq!(c(&sb, "docker run -v da"), ["data"]);
    assert!(c(&sb, "docker run -v data:").is_empty());
}
