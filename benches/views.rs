//! View-model timings (`cargo bench --bench views`): building each view of
//! `dockerlings::views` over a deep image — 50 layers of 10,000 files, made
//! by 50 real `docker commit`s — with 100 containers of it. The views read
//! the engine's shared layers and never copy one, so each should take well
//! under a frame (16 ms).

use dockerlings::engine::fs::Content;
use dockerlings::sandbox::Sandbox;
use dockerlings::views::{self, ViewQuery};
use std::time::{Duration, Instant};

const LAYERS: usize = 50;
const FILES: usize = 10_000;
const CONTAINERS: usize = 100;

fn container_id(sb: &Sandbox, name: &str) -> String {
    sb.engine.hosts[0]
        .daemon
        .containers
        .by_id
        .values()
        .find(|c| c.name.trim_start_matches('/') == name)
        .map(|c| c.id.clone())
        .expect("container exists")
}

fn run(sb: &mut Sandbox, line: &str) {
    let r = sb.run_line(line);
    assert_eq!(r.exit_code, 0, "`{line}`: {}", r.stderr());
}

fn deep_sandbox() -> Sandbox {
    let mut sb = Sandbox::new_script();
    let mut from = "alpine".to_string();
    for l in 0..LAYERS {
        let name = format!("layer{l}");
        run(&mut sb, &format!("docker create --name {name} {from} true"));
        let id = container_id(&sb, &name);
        let c = sb.engine.hosts[0]
            .daemon
            .containers
            .by_id
            .get_mut(&id)
            .unwrap();
        for f in 0..FILES {
            // every tenth file overwrites the layer below's: some waste to find
            let path = if f % 10 == 0 && l > 0 {
                format!("/data/l{}/d{}/f{f}", l - 1, f % 100)
            } else {
                format!("/data/l{l}/d{}/f{f}", f % 100)
            };
            c.fs.mkdir_all(&path[..path.rfind('/').unwrap()], 0o755, 0)
                .unwrap();
            c.fs.write_file(&path, Content::text("x"), 0).unwrap();
        }
        run(&mut sb, &format!("docker commit {name} deep:{l}"));
        run(&mut sb, &format!("docker rm {name}"));
        from = format!("deep:{l}");
    }
    for i in 0..CONTAINERS {
        run(&mut sb, &format!("docker create --name c{i} {from} true"));
    }
    let id = container_id(&sb, "c0");
    let c = sb.engine.hosts[0]
        .daemon
        .containers
        .by_id
        .get_mut(&id)
        .unwrap();
    c.fs.write_file("/data/l0/d0/f1", Content::text("changed"), 0)
        .unwrap();
    c.fs.remove("/data/l3/d3/f3", false).unwrap();
    sb
}

fn time(budget: Duration, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut n = 0u32;
    while n < 3 || start.elapsed() < budget {
        f();
        n += 1;
    }
    start.elapsed() / n
}

fn main() {
    let t = Instant::now();
    let sb = deep_sandbox();
    println!(
        "views: {LAYERS} layers × {FILES} files, {CONTAINERS} containers, set up in {:.1} s\n",
        t.elapsed().as_secs_f64()
    );
    println!("| view | per build |");
    println!("|---|---|");
    let top = format!("deep:{}", LAYERS - 1);
    for (what, q) in [
        (
            "image layers (50 rows, shared-with)",
            format!("view=layers&image={top}"),
        ),
        (
            "container (image + writable layer)",
            "view=container&container=c0".to_string(),
        ),
        (
            "files: /data (merged from 50 layers)",
            format!("view=files&image={top}&path=/data"),
        ),
        (
            "files: one directory, 100 files",
            "view=files&container=c0&path=/data/l0/d0".to_string(),
        ),
        (
            "space of the image (500,000 entries)",
            format!("view=space&image={top}"),
        ),
        ("space of the daemon (system df)", "view=space".to_string()),
    ] {
        let q = ViewQuery::parse(&q);
        let d = time(Duration::from_millis(500), || {
            std::hint::black_box(views::query(&sb.engine, &q).expect("view builds"));
        });
        println!("| {what} | {:.2} ms |", d.as_secs_f64() * 1e3);
    }
}
