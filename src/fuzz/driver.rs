//! `dockerlings fuzz`: runs the targets in worker processes and watches
//! them. A worker announces each iteration before running it; when it dies
//! (a panic aborts, a stack overflow, memory exhausted under its `ulimit -v`)
//! or goes quiet for too long (a hang), the driver records the input that did
//! it — regenerated from (target, seed, iteration) — in `artifacts/fuzz/`,
//! and starts a new worker after it.

use super::targets::{Ctx, TARGETS};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const USAGE: &str = "Usage: dockerlings fuzz [--target NAME]... [--seed N] [--iterations N | --seconds N] [--timeout SECONDS] [--memory MIB]
       dockerlings fuzz --show TARGET SEED ITERATION

Runs every fuzz target (or those named) with inputs generated from SEED,
each in a worker process, and reports executions, crashes and hangs.
Crashing inputs are written to artifacts/fuzz/. Exit 1 if any was found.
Targets: ";

struct Options {
    targets: Vec<String>,
    seed: u64,
    iterations: Option<u64>,
    seconds: Option<u64>,
    timeout: u64,
    memory_mib: u64,
}

fn usage() -> i32 {
    eprintln!("{USAGE}{}", TARGETS.join(", "));
    2
}

/// `dockerlings fuzz …`.
pub fn main(args: &[String]) -> i32 {
    if args.first().map(String::as_str) == Some("--show") {
        let (Some(t), Some(seed), Some(iter)) = (
            args.get(1),
            args.get(2).and_then(|s| s.parse().ok()),
            args.get(3).and_then(|s| s.parse().ok()),
        ) else {
            return usage();
        };
        if !TARGETS.contains(&t.as_str()) {
            return usage();
        }
        print!("{}", Ctx::prepare(t).input(seed, iter).describe());
        return 0;
    }
    let mut o = Options {
        targets: Vec::new(),
        seed: 1,
        iterations: None,
        seconds: None,
        timeout: 60,
        memory_mib: 8192,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned();
        match a.as_str() {
            "--target" => match value() {
                Some(t) if TARGETS.contains(&t.as_str()) => o.targets.push(t),
                _ => return usage(),
            },
            "--seed" | "--iterations" | "--seconds" | "--timeout" | "--memory" => {
                let Some(n) = value().and_then(|v| v.parse::<u64>().ok()) else {
                    return usage();
                };
                match a.as_str() {
                    "--seed" => o.seed = n,
                    "--iterations" => o.iterations = Some(n),
                    "--seconds" => o.seconds = Some(n),
                    "--timeout" => o.timeout = n.max(1),
                    _ => o.memory_mib = n.max(64),
                }
            }
            _ => return usage(),
        }
    }
    if o.targets.is_empty() {
        o.targets = TARGETS.iter().map(|s| s.to_string()).collect();
    }
    if o.iterations.is_none() && o.seconds.is_none() {
        o.iterations = Some(1000);
    }
    let mut found = 0;
    let mut total = 0;
    for t in &o.targets {
        let r = fuzz_target(t, &o);
        total += r.executions;
        found += r.crashes + r.hangs;
        println!(
            "fuzz: {t:<13} {:>9} executions in {:>6.1} s ({:>7.0}/s), {} crashes, {} hangs",
            r.executions,
            r.seconds,
            r.executions as f64 / r.seconds.max(0.001),
            r.crashes,
            r.hangs
        );
    }
    println!(
        "fuzz: {} targets, {total} executions, seed {}, {found} crashes or hangs",
        o.targets.len(),
        o.seed
    );
    if found > 0 {
        1
    } else {
        0
    }
}

struct Report {
    executions: u64,
    crashes: u64,
    hangs: u64,
    seconds: f64,
}

enum Event {
    Started(u64),
    Done,
}

fn fuzz_target(target: &str, o: &Options) -> Report {
    let start = Instant::now();
    let deadline = o.seconds.map(|s| start + Duration::from_secs(s));
    let end = o.iterations.unwrap_or(u64::MAX);
    let mut next = 0u64;
    let mut rep = Report {
        executions: 0,
        crashes: 0,
        hangs: 0,
        seconds: 0.0,
    };
    let exe = std::env::current_exe().expect("the binary's path");
    while next < end && deadline.is_none_or(|d| Instant::now() < d) {
        let err_path = std::env::temp_dir().join(format!(
            "dockerlings-fuzz-{}-{target}.stderr",
            std::process::id()
        ));
        let err_file = std::fs::File::create(&err_path).expect("a temporary file");
        // The worker gets a memory ceiling, so a blow-up is a crash here and
        // not a machine out of memory.
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v {} 2>/dev/null; exec \"$0\" \"$@\"",
                o.memory_mib * 1024
            ))
            .arg(&exe)
            .args([
                "fuzz-worker",
                target,
                &o.seed.to_string(),
                &next.to_string(),
                &end.to_string(),
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(err_file))
            .spawn()
            .expect("a fuzz worker starts");
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().expect("worker stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let ev = if line == "done" {
                    Event::Done
                } else if let Ok(i) = line.parse() {
                    Event::Started(i)
                } else {
                    continue;
                };
                if tx.send(ev).is_err() {
                    break;
                }
            }
        });
        let mut current: Option<u64> = None;
        let mut last = Instant::now();
        let outcome = loop {
            if deadline.is_some_and(|d| Instant::now() >= d) {
                let _ = child.kill();
                let _ = child.wait();
                break Outcome::TimeUp;
            }
            match rx.recv_timeout(Duration::from_millis(200)) {
                Ok(Event::Started(i)) => {
                    if current.is_some() {
                        rep.executions += 1;
                    }
                    current = Some(i);
                    last = Instant::now();
                }
                Ok(Event::Done) => {
                    if current.is_some() {
                        rep.executions += 1;
                    }
                    let _ = child.wait();
                    break Outcome::Finished;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if last.elapsed() > Duration::from_secs(o.timeout) {
                        let _ = child.kill();
                        let _ = child.wait();
                        break Outcome::Hang;
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = child.wait().expect("worker status");
                    break Outcome::Died(status.to_string());
                }
            }
        };
        let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
        let _ = std::fs::remove_file(&err_path);
        match outcome {
            Outcome::Finished | Outcome::TimeUp => break,
            Outcome::Hang | Outcome::Died(_) => {
                let i = current.unwrap_or(next);
                rep.executions += 1;
                let what = match &outcome {
                    Outcome::Hang => {
                        rep.hangs += 1;
                        format!("hang (no answer in {} s)", o.timeout)
                    }
                    Outcome::Died(status) => {
                        rep.crashes += 1;
                        format!("crash ({status})")
                    }
                    _ => unreachable!(),
                };
                record(target, o.seed, i, &what, &stderr);
                next = i + 1;
            }
        }
    }
    rep.seconds = start.elapsed().as_secs_f64();
    rep
}

enum Outcome {
    Finished,
    TimeUp,
    Hang,
    Died(String),
}

fn record(target: &str, seed: u64, iter: u64, what: &str, stderr: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts/fuzz");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{target}-{seed}-{iter}.txt"));
    let input = Ctx::prepare(target).input(seed, iter).describe();
    let tail: String = {
        let lines: Vec<&str> = stderr.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    };
    let text = format!(
        "target {target}, seed {seed}, iteration {iter}: {what}\nreproduce: dockerlings fuzz --show {target} {seed} {iter}\n\n{input}\n--- stderr (last lines)\n{tail}\n"
    );
    let _ = std::fs::write(&path, &text);
    println!(
        "fuzz: {target}: {what} at iteration {iter}; input in {}",
        path.display()
    );
    for l in text.lines().take(12) {
        println!("    {l}");
    }
}

/// `dockerlings fuzz-worker TARGET SEED START END`: runs iterations
/// START..END, announcing each on stdout before it runs.
pub fn worker(args: &[String]) -> i32 {
    let (Some(target), Some(seed), Some(start), Some(end)) = (
        args.first(),
        args.get(1).and_then(|s| s.parse::<u64>().ok()),
        args.get(2).and_then(|s| s.parse::<u64>().ok()),
        args.get(3).and_then(|s| s.parse::<u64>().ok()),
    ) else {
        return 2;
    };
    let ctx = Ctx::prepare(target);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for i in start..end {
        let input = ctx.input(seed, i);
        let _ = writeln!(out, "{i}");
        let _ = out.flush();
        ctx.run(&input);
    }
    let _ = writeln!(out, "done");
    0
}
