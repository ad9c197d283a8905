//! `docker build` on the engine, driven through the client handler with a
//! hand-made base image (until the image catalog lands): first build,
//! fully cached rebuild, cache invalidation by a Dockerfile edit and by a
//! file's content (not its mtime), `--no-cache`, `-q`, multi-stage COPY
//! --from, `.dockerignore`, history strings and client errors.

use dockerlings::cli::builder::{build, BuildCli, ClientEnv};
use dockerlings::engine::clock::SCRIPT_EPOCH_MS;
use dockerlings::engine::digest::Digest;
use dockerlings::engine::fs::{Content, UnionFs};
use dockerlings::engine::image::{ContainerConfig, Image, ImageConfig, RootFs};
use dockerlings::engine::Engine;
use dockerlings::userland::Output;
use std::sync::Arc;

fn base_image(e: &mut Engine) -> Digest {
    let mut fs = UnionFs::new(vec![]);
    for d in ["/bin", "/etc", "/tmp", "/usr/bin"] {
        fs.mkdir_all(d, 0o755, 1).unwrap();
    }
    fs.write_file(
        "/etc/passwd",
        Content::text(
            "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n",
        ),
        1,
    )
    .unwrap();
    fs.write_file(
        "/etc/group",
        Content::text("root:x:0:\nnogroup:x:65534:\n"),
        1,
    )
    .unwrap();
    fs.write_file("/bin/sh", Content::program("busybox", 800_000), 1)
        .unwrap();
    let layer = Arc::new(fs.take_upper());
    let images = &mut e.hosts[0].daemon.images;
    let d = images.layers.insert(layer);
    let config = ImageConfig {
        architecture: "amd64".into(),
        os: "linux".into(),
        created: "2024-01-01T00:00:00Z".into(),
        config: ContainerConfig {
            env: vec!["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()],
            cmd: Some(vec!["/bin/sh".into()]),
            ..ContainerConfig::default()
        },
        history: vec![dockerlings::engine::image::HistoryEntry {
            created: "2024-01-01T00:00:00Z".into(),
            created_by: "/bin/sh -c #(nop) ADD file:abc in / ".into(),
            ..Default::default()
        }],
        rootfs: RootFs {
            kind: "layers".into(),
            diff_ids: vec![d],
        },
        ..ImageConfig::default()
    };
    let id = config.id();
    images.images.insert(
        id.clone(),
        Image {
            id: id.clone(),
            config,
            parent: None,
            repo_digests: vec![],
        },
    );
    images
        .refs
        .insert("docker.io/library/alpine:latest".into(), id.clone());
    id
}

fn world() -> Engine {
    let mut e = Engine::new(SCRIPT_EPOCH_MS, 1);
    base_image(&mut e);
    let fs = &mut e.hosts[0].fs;
    fs.mkdir_all("/home/learner/app", 0o755, 1).unwrap();
    fs.write_file(
        "/home/learner/app/hello.txt",
        Content::text("hello from the build context\n"),
        1,
    )
    .unwrap();
    fs.write_file(
        "/home/learner/app/Dockerfile",
        Content::text("FROM alpine\nWORKDIR /app\nCOPY hello.txt .\nENV GREETING=hi\nCMD [\"cat\", \"/app/hello.txt\"]\n"),
        1,
    )
    .unwrap();
    e
}

fn env() -> ClientEnv {
    ClientEnv {
        cwd: "/home/learner/app".into(),
        vars: vec![],
        stdin: vec![],
    }
}

fn run(e: &mut Engine, cli: BuildCli) -> (i32, String, String) {
    let mut out = Output::new();
    let code = build(e, 0, &cli, &env(), &mut out);
    e.clock.advance(1000);
    (code, out.stdout(), out.stderr())
}

fn tagged(tag: &str) -> BuildCli {
    BuildCli {
        context: ".".into(),
        tags: vec![tag.into()],
        ..BuildCli::default()
    }
}

/// Replaces 12-hex ids with <ID>.
fn mask(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        let words: Vec<String> = line
            .split(' ')
            .map(|w| {
                if w.len() == 12
                    && w.bytes()
                        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
                {
                    "<ID>".to_string()
                } else {
                    w.to_string()
                }
            })
            .collect();
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    out
}

#[test]
fn first_build_then_fully_cached() {
    let mut e = world();
    let (code, out, err) = run(&mut e, tagged("hello-app"));
    assert_eq!(err, "");
    assert_eq!(code, 0);
    assert_eq!(
        mask(&out),
        "Sending build context to Docker daemon  3.072kB
Step 1/5 : FROM alpine
 ---> <ID>
Step 2/5 : WORKDIR /app
 ---> Running in <ID>
 ---> Removed intermediate container <ID>
 ---> <ID>
Step 3/5 : COPY hello.txt .
 ---> <ID>
Step 4/5 : ENV GREETING=hi
 ---> Running in <ID>
 ---> Removed intermediate container <ID>
 ---> <ID>
Step 5/5 : CMD [\"cat\", \"/app/hello.txt\"]
 ---> Running in <ID>
 ---> Removed intermediate container <ID>
 ---> <ID>
Successfully built <ID>
Successfully tagged hello-app:latest
"
    );
    let first_id = e.hosts[0].daemon.images.refs["docker.io/library/hello-app:latest"].clone();
    assert!(
        e.hosts[0].daemon.containers.by_id.is_empty(),
        "intermediate containers are removed"
    );
    let (code, out2, _) = run(&mut e, tagged("hello-app"));
    assert_eq!(code, 0);
    assert_eq!(
        mask(&out2),
        "Sending build context to Docker daemon  3.072kB
Step 1/5 : FROM alpine
 ---> <ID>
Step 2/5 : WORKDIR /app
 ---> Using cache
 ---> <ID>
Step 3/5 : COPY hello.txt .
 ---> Using cache
 ---> <ID>
Step 4/5 : ENV GREETING=hi
 ---> Using cache
 ---> <ID>
Step 5/5 : CMD [\"cat\", \"/app/hello.txt\"]
 ---> Using cache
 ---> <ID>
Successfully built <ID>
Successfully tagged hello-app:latest
"
    );
    assert!(out2.contains(&format!("Successfully built {}", first_id.short())));
    // the built image: config and history
    let img = &e.hosts[0].daemon.images.images[&first_id];
    assert_eq!(img.config.config.working_dir, "/app");
    assert_eq!(
        img.config.config.cmd,
        Some(vec!["cat".to_string(), "/app/hello.txt".to_string()])
    );
    assert!(img.config.config.env.contains(&"GREETING=hi".to_string()));
    let hist: Vec<String> = img
        .config
        .history
        .iter()
        .map(|h| h.created_by.clone())
        .collect();
    assert_eq!(hist[1], "/bin/sh -c #(nop) WORKDIR /app");
    assert!(hist[2].starts_with("/bin/sh -c #(nop) COPY file:") && hist[2].ends_with(" in . "));
    assert_eq!(hist[3], "/bin/sh -c #(nop)  ENV GREETING=hi");
    assert_eq!(
        hist[4],
        "/bin/sh -c #(nop)  CMD [\"cat\" \"/app/hello.txt\"]"
    );
    let empties: Vec<bool> = img.config.history.iter().map(|h| h.empty_layer).collect();
    assert_eq!(empties, vec![false, false, false, true, true]);
    assert_eq!(img.config.rootfs.diff_ids.len(), 3);
    // every step's image exists, chained by parents
    let mut n = 0;
    let mut cur = Some(first_id.clone());
    while let Some(id) = cur {
        n += 1;
        cur = e.hosts[0].daemon.images.images[&id].parent.clone();
    }
    assert_eq!(n, 5);
    // the copied file is in the image
    let fs = UnionFs::new(e.hosts[0].daemon.images.layers_of(&first_id));
    assert_eq!(
        fs.read_text("/app/hello.txt").unwrap(),
        "hello from the build context\n"
    );
}

#[test]
fn edits_invalidate_from_the_changed_step() {
    let mut e = world();
    run(&mut e, tagged("app"));
    // touch only (mtime): still cached
    e.hosts[0]
        .fs
        .touch("/home/learner/app/hello.txt", 999_999)
        .unwrap();
    let (_, out, _) = run(&mut e, tagged("app"));
    assert_eq!(out.matches("Using cache").count(), 4);
    // content change: COPY and below rebuilt, WORKDIR above cached
    e.hosts[0]
        .fs
        .write_file("/home/learner/app/hello.txt", Content::text("changed\n"), 5)
        .unwrap();
    let (_, out, _) = run(&mut e, tagged("app"));
    let m = mask(&out);
    assert!(m.contains("Step 2/5 : WORKDIR /app\n ---> Using cache\n"));
    assert!(m.contains("Step 3/5 : COPY hello.txt .\n ---> <ID>\nStep 4/5"));
    assert!(m.contains("Step 4/5 : ENV GREETING=hi\n ---> Running in <ID>\n"));
    assert_eq!(out.matches("Using cache").count(), 1);
    // Dockerfile edit of step 4: 2 and 3 cached, 4 and 5 rebuilt
    e.hosts[0].fs.write_file(
        "/home/learner/app/Dockerfile",
        Content::text("FROM alpine\nWORKDIR /app\nCOPY hello.txt .\nENV GREETING=hello\nCMD [\"cat\", \"/app/hello.txt\"]\n"),
        6,
    ).unwrap();
    let (_, out, _) = run(&mut e, tagged("app"));
    let m = mask(&out);
    assert!(m.contains("Step 3/5 : COPY hello.txt .\n ---> Using cache\n"));
    assert!(m.contains("Step 4/5 : ENV GREETING=hello\n ---> Running in <ID>\n"));
    assert!(m.contains("Step 5/5 : CMD [\"cat\", \"/app/hello.txt\"]\n ---> Running in <ID>\n"));
    let rec = e.hosts[0].daemon.last_build.clone().unwrap();
    assert!(rec.ok);
    assert_eq!((rec.cached, rec.rebuilt), (vec![2, 3], vec![4, 5]));
    assert_eq!(rec.tags, vec!["docker.io/library/app:latest"]);
    // --no-cache rebuilds everything
    let mut c = tagged("app");
    c.no_cache = true;
    let (_, out, _) = run(&mut e, c);
    assert_eq!(out.matches("Using cache").count(), 0);
    assert_eq!(out.matches("Running in").count(), 3);
}

#[test]
fn quiet_prints_the_id_only() {
    let mut e = world();
    let mut c = tagged("q");
    c.quiet = true;
    let (code, out, err) = run(&mut e, c);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.starts_with("sha256:") && out.len() == 72, "{out}");
}

#[test]
fn client_and_daemon_errors() {
    let mut e = world();
    let mut c = tagged("x");
    c.context = "nope".into();
    assert_eq!(
        run(&mut e, c),
        (
            1,
            String::new(),
            "unable to prepare context: path \"nope\" not found\n".into()
        )
    );
    let mut c = tagged("x");
    c.file = Some("Missing.Dockerfile".into());
    let (code, _, err) = run(&mut e, c);
    assert_eq!(code, 1);
    assert_eq!(err, "unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat /home/learner/app/Missing.Dockerfile: no such file or directory\n");
    e.hosts[0]
        .fs
        .write_file(
            "/home/learner/app/Dockerfile",
            Content::text("FROM alpine\nFORM x\n"),
            3,
        )
        .unwrap();
    let (code, out, err) = run(&mut e, tagged("x"));
    assert_eq!(code, 1);
    assert_eq!(out, "Sending build context to Docker daemon  3.072kB\n");
    assert_eq!(err, "Error response from daemon: dockerfile parse error on line 2: unknown instruction: FORM (did you mean FROM?)\n");
    e.hosts[0]
        .fs
        .write_file(
            "/home/learner/app/Dockerfile",
            Content::text("FROM alpine\nCOPY missing.txt /\n"),
            3,
        )
        .unwrap();
    let (code, out, err) = run(&mut e, tagged("x"));
    assert_eq!(code, 1);
    assert!(out.ends_with("Step 2/2 : COPY missing.txt /\n"), "{out}");
    assert_eq!(err, "COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does not exist\n");
    let rec = e.hosts[0].daemon.last_build.clone().unwrap();
    assert!(!rec.ok);
    assert_eq!(rec.rebuilt, vec![2]);
    assert_eq!(
        rec.image,
        Some(e.hosts[0].daemon.images.refs["docker.io/library/alpine:latest"].clone())
    );
}

#[test]
fn multistage_copy_from_and_dockerignore() {
    let mut e = world();
    let fs = &mut e.hosts[0].fs;
    fs.write_file(
        "/home/learner/app/.dockerignore",
        Content::text("*.log\n"),
        1,
    )
    .unwrap();
    fs.write_file("/home/learner/app/debug.log", Content::text("noise"), 1)
        .unwrap();
    fs.mkdir_all("/home/learner/app/src", 0o755, 1).unwrap();
    fs.write_file("/home/learner/app/src/main.txt", Content::text("main"), 1)
        .unwrap();
    fs.write_file(
        "/home/learner/app/Dockerfile",
        Content::text("FROM alpine AS build\nCOPY . /src/\nFROM alpine\nCOPY --from=build /src/src /out\nCOPY --from=0 /src/hello.txt /out/\n"),
        1,
    ).unwrap();
    let (code, out, err) = run(&mut e, tagged("multi"));
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let id = e.hosts[0].daemon.images.refs["docker.io/library/multi:latest"].clone();
    let fs = UnionFs::new(e.hosts[0].daemon.images.layers_of(&id));
    assert_eq!(fs.read_text("/out/main.txt").unwrap(), "main");
    assert_eq!(
        fs.read_text("/out/hello.txt").unwrap(),
        "hello from the build context\n"
    );
    let stage0 = e.hosts[0]
        .daemon
        .images
        .images
        .values()
        .find(|i| {
            UnionFs::new(e.hosts[0].daemon.images.layers_of(&i.id))
                .lookup("/src/Dockerfile")
                .is_some()
        })
        .expect("build stage image");
    let fs0 = UnionFs::new(e.hosts[0].daemon.images.layers_of(&stage0.id));
    assert!(fs0.lookup("/src/debug.log").is_none());
    assert!(fs0.lookup("/src/.dockerignore").is_some());
}

#[test]
fn onbuild_triggers_run_in_the_child_build() {
    let mut e = world();
    e.hosts[0]
        .fs
        .write_file(
            "/home/learner/app/Dockerfile",
            Content::text("FROM alpine\nONBUILD COPY hello.txt /from-trigger.txt\n"),
            1,
        )
        .unwrap();
    let (code, _, _) = run(&mut e, tagged("parent"));
    assert_eq!(code, 0);
    let pid = e.hosts[0].daemon.images.refs["docker.io/library/parent:latest"].clone();
    assert_eq!(
        e.hosts[0].daemon.images.images[&pid].config.config.on_build,
        vec!["COPY hello.txt /from-trigger.txt"]
    );
    e.hosts[0]
        .fs
        .write_file(
            "/home/learner/app/Dockerfile",
            Content::text("FROM parent\nENV X=1\n"),
            2,
        )
        .unwrap();
    let (code, out, _) = run(&mut e, tagged("child"));
    assert_eq!(code, 0, "{out}");
    assert!(
        mask(&out)
            .contains("Step 1/2 : FROM parent\n# Executing 1 build trigger\n ---> <ID>\nStep 2/2"),
        "{out}"
    );
    let cid = e.hosts[0].daemon.images.refs["docker.io/library/child:latest"].clone();
    let img = &e.hosts[0].daemon.images.images[&cid];
    assert!(img.config.config.on_build.is_empty());
    let fs = UnionFs::new(e.hosts[0].daemon.images.layers_of(&cid));
    assert!(fs.lookup("/from-trigger.txt").is_some());
}

#[test]
fn build_args_scope_and_unused_warning() {
    let mut e = world();
    e.hosts[0].fs.write_file(
        "/home/learner/app/Dockerfile",
        Content::text("ARG BASE=alpine\nFROM ${BASE}\nARG VERSION=1.0\nLABEL version=$VERSION base=${BASE:-none}\n"),
        1,
    ).unwrap();
    let mut c = tagged("args");
    c.build_args = vec!["VERSION=2.0".into(), "UNUSED=x".into()];
    let (code, out, _) = run(&mut e, c);
    assert_eq!(code, 0, "{out}");
    let m = mask(&out);
    assert!(m.contains("Step 1/4 : ARG BASE=alpine\nStep 2/4 : FROM ${BASE}\n ---> <ID>\nStep 3/4 : ARG VERSION=1.0\n"), "{m}");
    assert!(
        m.contains(
            "[Warning] One or more build-args [UNUSED] were not consumed\nSuccessfully built"
        ),
        "{m}"
    );
    let id = e.hosts[0].daemon.images.refs["docker.io/library/args:latest"].clone();
    let labels = &e.hosts[0].daemon.images.images[&id].config.config.labels;
    assert_eq!(labels["version"], "2.0");
    assert_eq!(labels["base"], "none");
}

#[test]
fn buildkit_plain_progress() {
    let mut e = world();
    let mut out = Output::new();
    let envk = ClientEnv {
        cwd: "/home/learner/app".into(),
        vars: vec![("DOCKER_BUILDKIT".into(), "1".into())],
        stdin: vec![],
    };
    let code = build(&mut e, 0, &tagged("bk"), &envk, &mut out);
    assert_eq!(code, 0);
    assert_eq!(out.stdout(), "");
    let err = out.stderr();
    let id = e.hosts[0].daemon.images.refs["docker.io/library/bk:latest"].clone();
    assert_eq!(
        err,
        format!(
            "#0 building with \"default\" instance using docker driver

#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 88B done
#1 DONE 0.0s

#2 [internal] load metadata for docker.io/library/alpine:latest
#2 DONE 0.0s

#3 [internal] load .dockerignore
#3 transferring context: 2B done
#3 DONE 0.0s

#4 [1/3] FROM docker.io/library/alpine:latest
#4 DONE 0.0s

#5 [internal] load build context
#5 transferring context: 2.048kB done
#5 DONE 0.0s

#6 [2/3] WORKDIR /app
#6 DONE 0.0s

#7 [3/3] COPY hello.txt .
#7 DONE 0.0s

#8 exporting to image
#8 exporting layers 0.0s done
#8 writing image {id} done
#8 naming to docker.io/library/bk:latest done
#8 DONE 0.0s
"
        )
    );
    // rebuilt: cached vertices
    let mut out = Output::new();
    build(&mut e, 0, &tagged("bk"), &envk, &mut out);
    assert!(out.stderr().contains("#6 [2/3] WORKDIR /app\n#6 CACHED\n"));
    assert!(out
        .stderr()
        .contains("#7 [3/3] COPY hello.txt .\n#7 CACHED\n"));
    // BuildKit's history strings
    let img = &e.hosts[0].daemon.images.images[&id];
    let hist: Vec<(&str, &str)> = img
        .config
        .history
        .iter()
        .skip(1)
        .map(|h| (h.created_by.as_str(), h.comment.as_str()))
        .collect();
    assert_eq!(
        hist,
        vec![
            ("WORKDIR /app", "buildkit.dockerfile.v0"),
            ("COPY hello.txt . # buildkit", "buildkit.dockerfile.v0"),
            ("ENV GREETING=hi", "buildkit.dockerfile.v0"),
            ("CMD [\"cat\" \"/app/hello.txt\"]", "buildkit.dockerfile.v0"),
        ]
    );
    // content changes still invalidate COPY
    e.hosts[0]
        .fs
        .write_file("/home/learner/app/hello.txt", Content::text("new\n"), 9)
        .unwrap();
    let mut out = Output::new();
    build(&mut e, 0, &tagged("bk"), &envk, &mut out);
    assert!(
        out.stderr()
            .contains("#7 [3/3] COPY hello.txt .\n#7 DONE 0.0s\n"),
        "{}",
        out.stderr()
    );
}

#[test]
fn add_unpacks_local_archives_copy_does_not() {
    use dockerlings::engine::builder::archive::tar;
    use dockerlings::engine::fs::{Entry, Meta};
    let mut e = world();
    let t = tar(&[
        (
            "rootfs".to_string(),
            Entry::Dir {
                meta: Meta::new(0o755, 1),
                opaque: false,
            },
        ),
        (
            "rootfs/etc.txt".to_string(),
            Entry::File {
                meta: Meta::new(0o644, 1),
                content: Content::text("from the tarball\n"),
            },
        ),
    ]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, &t).unwrap();
    let fs = &mut e.hosts[0].fs;
    fs.write_file(
        "/home/learner/app/files.tar.gz",
        Content::bytes(gz.finish().unwrap()),
        1,
    )
    .unwrap();
    fs.write_file(
        "/home/learner/app/Dockerfile",
        Content::text("FROM alpine\nADD files.tar.gz /opt/\nCOPY files.tar.gz /copied/\nADD https://example.com/x.tgz /x/\n"),
        1,
    ).unwrap();
    let (code, out, err) = run(&mut e, tagged("arch"));
    assert_eq!(code, 1, "{out}");
    assert_eq!(err, "Get \"https://example.com/x.tgz\": dial tcp: lookup example.com: no such host (this sandbox is offline: ADD cannot download URLs; put the file in the build context and ADD or COPY it from there)\n");
    // the last good image has the unpacked tree and the copied archive
    let last = mask(&out)
        .lines()
        .filter(|l| l.starts_with(" ---> <ID>"))
        .count();
    assert_eq!(last, 3);
    let img = e.hosts[0]
        .daemon
        .images
        .images
        .values()
        .max_by_key(|i| i.config.history.len())
        .unwrap();
    let fs = UnionFs::new(e.hosts[0].daemon.images.layers_of(&img.id));
    assert_eq!(
        fs.read_text("/opt/rootfs/etc.txt").unwrap(),
        "from the tarball\n"
    );
    assert!(fs.lookup("/copied/files.tar.gz").is_some());
}

#[test]
fn target_chown_chmod_heredoc_and_metadata() {
    let mut e = world();
    e.hosts[0].fs.write_file(
        "/home/learner/app/Dockerfile",
        Content::text(
            "FROM alpine AS base\nARG GREETING=hello\nCOPY --chown=nobody:nogroup --chmod=600 hello.txt /secret.txt\nCOPY <<EOF /motd\n$GREETING from a heredoc\nEOF\nEXPOSE 8000 53/udp\nVOLUME /data\nUSER nobody\nSTOPSIGNAL SIGINT\nLABEL a=b\nENTRYPOINT [\"/bin/sh\"]\nFROM base AS never\nRUN false\n",
        ),
        1,
    )
    .unwrap();
    let mut c = tagged("target");
    c.target = "base".into();
    let (code, out, err) = run(&mut e, c);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(
        out.contains("Step 10/10 : ENTRYPOINT [\"/bin/sh\"]\n"),
        "{out}"
    );
    let id = e.hosts[0].daemon.images.refs["docker.io/library/target:latest"].clone();
    let img = &e.hosts[0].daemon.images.images[&id];
    let cfg = &img.config.config;
    assert_eq!(cfg.user, "nobody");
    assert_eq!(cfg.stop_signal, "SIGINT");
    assert_eq!(cfg.entrypoint, Some(vec!["/bin/sh".to_string()]));
    assert_eq!(cfg.cmd, None, "ENTRYPOINT resets the inherited CMD");
    assert_eq!(
        cfg.exposed_ports.keys().cloned().collect::<Vec<_>>(),
        vec!["53/udp", "8000/tcp"]
    );
    assert!(cfg.volumes.contains_key("/data"));
    let hist: Vec<&str> = img
        .config
        .history
        .iter()
        .map(|h| h.created_by.as_str())
        .collect();
    assert!(
        hist.contains(&"/bin/sh -c #(nop)  EXPOSE 53/udp 8000"),
        "{hist:?}"
    );
    assert!(
        hist.contains(&"/bin/sh -c #(nop)  VOLUME [/data]"),
        "{hist:?}"
    );
    assert!(
        hist.contains(&"/bin/sh -c #(nop)  ARG GREETING=hello"),
        "{hist:?}"
    );
    let fs = UnionFs::new(e.hosts[0].daemon.images.layers_of(&id));
    match fs.lookup("/secret.txt").unwrap() {
        dockerlings::engine::fs::Entry::File { meta, .. } => {
            assert_eq!((meta.uid, meta.gid, meta.mode), (65534, 65534, 0o600))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fs.read_text("/motd").unwrap(), "hello from a heredoc\n");
    // an unknown target
    let mut c = tagged("target");
    c.target = "nope".into();
    let (code, _, err) = run(&mut e, c);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "Error response from daemon: failed to reach build target nope in Dockerfile\n"
    );
}

#[test]
fn dockerfile_from_stdin() {
    let mut e = world();
    let mut out = Output::new();
    let envs = ClientEnv {
        cwd: "/home/learner".into(),
        vars: vec![],
        stdin: b"FROM alpine\nLABEL from=stdin\n".to_vec(),
    };
    let code = build(
        &mut e,
        0,
        &BuildCli {
            context: "-".into(),
            ..BuildCli::default()
        },
        &envs,
        &mut out,
    );
    assert_eq!(code, 0, "{}", out.stderr());
    assert!(out
        .stdout()
        .starts_with("Sending build context to Docker daemon  2.048kB\nStep 1/2 : FROM alpine\n"));
    // `-f -` with a directory context
    let mut out = Output::new();
    let c = BuildCli {
        context: "app".into(),
        file: Some("-".into()),
        tags: vec!["fromstdin".into()],
        ..BuildCli::default()
    };
    let code = build(&mut e, 0, &c, &envs, &mut out);
    assert_eq!(code, 0, "{}", out.stderr());
    assert!(out
        .stdout()
        .ends_with("Successfully tagged fromstdin:latest\n"));
}

#[test]
fn missing_base_images_are_pulled_inline() {
    let mut e = Engine::new(SCRIPT_EPOCH_MS, 1);
    let fs = &mut e.hosts[0].fs;
    fs.mkdir_all("/home/learner/app", 0o755, 1).unwrap();
    fs.write_file(
        "/home/learner/app/Dockerfile",
        Content::text("FROM busybox\nLABEL x=y\n"),
        1,
    )
    .unwrap();
    let (code, out, err) = run(&mut e, tagged("pulled"));
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let m = mask(&out);
    assert!(m.starts_with("Sending build context to Docker daemon  2.048kB\nStep 1/2 : FROM busybox\nlatest: Pulling from library/busybox\n"), "{m}");
    assert!(
        m.contains(
            "Status: Downloaded newer image for busybox:latest\n ---> <ID>\nStep 2/2 : LABEL x=y\n"
        ),
        "{m}"
    );
    // a name the registry does not know
    e.hosts[0]
        .fs
        .write_file(
            "/home/learner/app/Dockerfile",
            Content::text("FROM nosuchimage-xyz\n"),
            2,
        )
        .unwrap();
    let (code, out, err) = run(&mut e, tagged("x"));
    assert_eq!(code, 1);
    assert!(out.ends_with("Step 1/1 : FROM nosuchimage-xyz\n"), "{out}");
    assert_eq!(err, "pull access denied for nosuchimage-xyz, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n");
}

#[test]
fn run_as_an_unknown_user_fails() {
    let mut e = world();
    e.hosts[0]
        .fs
        .write_file(
            "/home/learner/app/Dockerfile",
            Content::text("FROM alpine\nUSER ghost\nRUN id\n"),
            1,
        )
        .unwrap();
    let (code, _, err) = run(&mut e, tagged("ghost"));
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "unable to find user ghost: no matching entries in passwd file\n"
    );
}
