//! Engine benchmarks (`cargo bench --bench engine`), plain `std::time`
//! with a counting allocator for memory:
//!
//! 1. creating 1,000 containers (union filesystems) over one image: time
//!    and bytes held;
//! 2. file lookups through 50 layers of 10,000 files each (hit in the top
//!    layer, in the bottom layer, a miss, a merged `ls`);
//! 3. `docker ps -a` over 1,000 containers through the sandbox, once
//!    `docker create` works (skipped with the reason otherwise);
//! 4. the client-side formatting of a 1,000-row table;
//! 5. `diff_id` of a 10,000-file layer and `docker diff` of 1,000 changes.
//!
//! Prints a small results table. Runs in well under a minute.

use dockerlings::cli::format::template::format_rows;
use dockerlings::engine::fs::{Content, Layer, UnionFs};
use dockerlings::sandbox::Sandbox;
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Counts live heap bytes so the benchmark can report memory held.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `alloc` above with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            LIVE.fetch_add(new_size, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

struct Row {
    name: String,
    value: String,
    note: String,
}

fn fmt_dur(d: Duration) -> String {
    let ns = d.as_nanos();
    if ns < 10_000 {
        format!("{ns} ns")
    } else if ns < 10_000_000 {
        format!("{:.1} µs", ns as f64 / 1e3)
    } else {
        format!("{:.1} ms", ns as f64 / 1e6)
    }
}

fn fmt_bytes(b: usize) -> String {
    if b < 10 * 1024 {
        format!("{b} B")
    } else if b < 10 * 1024 * 1024 {
        format!("{:.1} KiB", b as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", b as f64 / 1024.0 / 1024.0)
    }
}

/// Runs `f` repeatedly for about `budget` and returns the mean time per call.
fn time_per_call(budget: Duration, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut n: u32 = 0;
    while n < 10 || start.elapsed() < budget {
        f();
        n += 1;
        if n >= 1_000_000 {
            break;
        }
    }
    start.elapsed() / n
}

/// An image like a small distribution: 3 layers, ~1,500 files.
fn small_image() -> Vec<Arc<Layer>> {
    let mut layers = Vec::new();
    for l in 0..3 {
        let mut fs = UnionFs::new(layers.clone());
        for d in 0..10 {
            let dir = format!("/usr/lib/l{l}d{d}");
            fs.mkdir_all(&dir, 0o755, 0).expect("mkdir");
            for f in 0..50 {
                fs.write_file(&format!("{dir}/f{f}"), Content::text("x"), 0)
                    .expect("write");
            }
        }
        layers.push(Arc::new(fs.take_upper()));
    }
    layers
}

fn bench_containers(rows: &mut Vec<Row>) {
    let image = small_image();
    let before = live();
    let start = Instant::now();
    let containers: Vec<UnionFs> = (0..1000).map(|_| UnionFs::new(image.clone())).collect();
    let took = start.elapsed();
    let held = live() - before;
    rows.push(Row {
        name: "create 1,000 containers (union fs)".into(),
        value: fmt_dur(took),
        note: format!(
            "{} held, {} per container",
            fmt_bytes(held),
            fmt_bytes(held / 1000)
        ),
    });
    // each container writing one file copies up only what it touches
    let mut containers = containers;
    let before = live();
    let start = Instant::now();
    for (i, c) in containers.iter_mut().enumerate() {
        c.write_file(&format!("/usr/lib/l0d0/f{}", i % 50), Content::text("y"), 1)
            .expect("write");
    }
    let took = start.elapsed();
    let held = live() - before;
    rows.push(Row {
        name: "1,000 containers each modify a file".into(),
        value: fmt_dur(took),
        note: format!("{} more held (copy-up)", fmt_bytes(held)),
    });
    // docker diff of a container with 1,000 changed files
    let mut busy = UnionFs::new(image.clone());
    for i in 0..1000 {
        let p = format!("/usr/lib/l{}d{}/f{}", i % 3, (i / 3) % 10, (i / 30) % 50);
        busy.write_file(&p, Content::text("z"), 2).expect("write");
    }
    let n = busy.diff().len();
    let d = time_per_call(Duration::from_millis(300), || {
        black_box(busy.diff());
    });
    rows.push(Row {
        name: "docker diff (1,000 changed files)".into(),
        value: fmt_dur(d),
        note: format!("{n} lines"),
    });
    black_box(&containers);
}

fn bench_lookup(rows: &mut Vec<Row>) {
    let before = live();
    let start = Instant::now();
    let mut layers: Vec<Arc<Layer>> = Vec::with_capacity(50);
    for l in 0..50 {
        let mut fs = UnionFs::new(Vec::new());
        for d in 0..100 {
            let dir = format!("/opt/layer{l}/dir{d}");
            fs.mkdir_all(&dir, 0o755, 0).expect("mkdir");
            for f in 0..100 {
                fs.write_file(&format!("{dir}/file{f}"), Content::text("data"), 0)
                    .expect("write");
            }
        }
        layers.push(Arc::new(fs.take_upper()));
    }
    let built = start.elapsed();
    let held = live() - before;
    rows.push(Row {
        name: "build 50 layers × 10,000 files".into(),
        value: fmt_dur(built),
        note: format!("{} held", fmt_bytes(held)),
    });
    let fs = UnionFs::new(layers);
    let budget = Duration::from_millis(400);
    let top = time_per_call(budget, || {
        black_box(fs.lookup(black_box("/opt/layer49/dir50/file50")));
    });
    rows.push(Row {
        name: "lookup: file in the top layer".into(),
        value: fmt_dur(top),
        note: "per lookup".into(),
    });
    let bottom = time_per_call(budget, || {
        black_box(fs.lookup(black_box("/opt/layer0/dir50/file50")));
    });
    rows.push(Row {
        name: "lookup: file in the bottom layer".into(),
        value: fmt_dur(bottom),
        note: "per lookup, through 50 layers".into(),
    });
    let miss = time_per_call(budget, || {
        black_box(fs.lookup(black_box("/opt/layer0/dir50/nope")));
    });
    rows.push(Row {
        name: "lookup: missing file".into(),
        value: fmt_dur(miss),
        note: "per lookup".into(),
    });
    let read = time_per_call(budget, || {
        black_box(fs.read(black_box("/opt/layer0/dir50/file50")).ok());
    });
    rows.push(Row {
        name: "read (resolve + lookup), bottom layer".into(),
        value: fmt_dur(read),
        note: "per read".into(),
    });
    let bottom_layer = fs.lower()[0].clone();
    let id = time_per_call(Duration::from_millis(300), || {
        black_box(bottom_layer.diff_id());
    });
    rows.push(Row {
        name: "diff_id of a 10,000-file layer".into(),
        value: fmt_dur(id),
        note: "per hash (commit, push)".into(),
    });
    let ls = time_per_call(budget, || {
        black_box(fs.read_dir(black_box("/opt")).ok());
    });
    rows.push(Row {
        name: "ls /opt (50 entries merged from 50 layers)".into(),
        value: fmt_dur(ls),
        note: "per listing".into(),
    });
}

fn bench_ps(rows: &mut Vec<Row>) {
    let mut sb = Sandbox::new_script();
    let pull = sb.run_line("docker pull alpine");
    if pull.exit_code != 0 {
        rows.push(Row {
            name: "docker ps -a over 1,000 containers".into(),
            value: "skipped".into(),
            note: format!(
                "`docker pull alpine` failed: {}",
                first_line(&pull.stderr())
            ),
        });
        return;
    }
    let start = Instant::now();
    for i in 0..1000 {
        let r = sb.run_line("docker create alpine");
        if r.exit_code != 0 {
            rows.push(Row {
                name: "docker ps -a over 1,000 containers".into(),
                value: "skipped".into(),
                note: format!("`docker create` #{i} failed: {}", first_line(&r.stderr())),
            });
            return;
        }
        if start.elapsed() > Duration::from_secs(20) {
            rows.push(Row {
                name: "docker ps -a".into(),
                value: "skipped".into(),
                note: format!("creating containers is too slow: {i} in 20 s"),
            });
            return;
        }
    }
    rows.push(Row {
        name: "docker create alpine × 1,000".into(),
        value: fmt_dur(start.elapsed()),
        note: format!("{} per create", fmt_dur(start.elapsed() / 1000)),
    });
    let start = Instant::now();
    let r = sb.run_line("docker ps -a");
    let took = start.elapsed();
    let lines = r.stdout().lines().count();
    rows.push(Row {
        name: "docker ps -a over 1,000 containers".into(),
        value: fmt_dur(took),
        note: format!("{lines} lines, exit {}", r.exit_code),
    });
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

fn bench_table(rows: &mut Vec<Row>) {
    let data: Vec<serde_json::Value> = (0..1000)
        .map(|i| {
            serde_json::json!({
                "ID": format!("{:012x}", i * 7919),
                "Image": "alpine",
                "Command": "\"/bin/sh\"",
                "RunningFor": "2 minutes ago",
                "Status": "Created",
                "Ports": "",
                "Names": format!("name_{i}"),
            })
        })
        .collect();
    let headers = [
        ("ID", "CONTAINER ID"),
        ("Image", "IMAGE"),
        ("Command", "COMMAND"),
        ("RunningFor", "CREATED"),
        ("Status", "STATUS"),
        ("Ports", "PORTS"),
        ("Names", "NAMES"),
    ];
    let fmt = "table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}";
    let t = time_per_call(Duration::from_millis(500), || {
        black_box(format_rows(fmt, &headers, &data, Some("ContainerContext")).ok());
    });
    rows.push(Row {
        name: "format a 1,000-row ps table (template + tabwriter)".into(),
        value: fmt_dur(t),
        note: "per table".into(),
    });
}

fn main() {
    // `cargo bench` passes `--bench`; nothing to filter.
    let start = Instant::now();
    let mut rows = Vec::new();
    bench_containers(&mut rows);
    bench_lookup(&mut rows);
    bench_table(&mut rows);
    bench_ps(&mut rows);
    let w0 = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    let w1 = rows
        .iter()
        .map(|r| r.value.chars().count())
        .max()
        .unwrap_or(0);
    println!("{:<w0$}   {:>w1$}   NOTE", "BENCHMARK", "TIME");
    for r in &rows {
        println!("{:<w0$}   {:>w1$}   {}", r.name, r.value, r.note);
    }
    println!("(total {:.1} s)", start.elapsed().as_secs_f64());
}
