//! The differential test: every case in `tests/differential/*.cases` runs on
//! this machine's real programs (bash, dash, busybox, GNU coreutils, grep,
//! sed, mawk, python3) and in the sandbox (the laptop's shell, an ubuntu
//! container, an alpine container, a python container); stdout, stderr and
//! the exit status must be identical.
//!
//! A case file is a family (its file stem). Each case is a header line
//! `=== NAME [ENV, ENV…]` followed by the script (run as one `-c` argument);
//! lines before the first header are comments. The environments:
//!
//! | env | real program | in the sandbox |
//! |---|---|---|
//! | `host` (the default) | `bash -c` | `bash -c` on the laptop |
//! | `ubuntu-bash` | `bash -c` | `bash -c` in an ubuntu container |
//! | `ubuntu-sh` | `dash -c` (as `sh`) | `sh -c` in an ubuntu container |
//! | `alpine-sh` | `busybox sh -c` with only busybox applets on `PATH` | `sh -c` in an alpine container |
//! | `python` | `python3 -c` | `python3 -c` in a `python:3.12-slim` container |
//!
//! Both sides run in the same fresh, empty directory `/tmp/difftest/N`, so a
//! case may create files there and print relative paths. Cases answered
//! deliberately with "… is not available in this sandbox" count as agreed
//! only when `tests/differential/not-available.txt` lists them with a reason.
//!
//! The test prints the agreement per family and environment, the failing
//! cases with a short diff, and fails when a family falls below its floor in
//! `tests/differential/floors.txt` (a ratchet: raise it as the sandbox
//! improves) or when a listed "not available" case is no longer answered so.
//! `DIFFERENTIAL_FILTER=TEXT` runs only the cases whose `family/name`
//! contains TEXT; `DIFFERENTIAL_VERBOSE=1` prints every failing case's full
//! output.

use dockerlings::sandbox::Sandbox;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ENVS: [&str; 5] = ["host", "ubuntu-bash", "ubuntu-sh", "alpine-sh", "python"];
const DOCKER_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const WORK: &str = "/tmp/difftest";
/// Where the sandbox keeps each case's script on the laptop.
const SCRIPTS: &str = "/root/.difftest";
const TIMEOUT: Duration = Duration::from_secs(10);
/// The target: overall and per family.
const TARGET_OVERALL: f64 = 95.0;
const TARGET_FAMILY: f64 = 90.0;

#[derive(Clone, Debug)]
struct Case {
    family: String,
    name: String,
    envs: Vec<String>,
    script: String,
}

impl Case {
    fn id(&self) -> String {
        format!("{}/{}", self.family, self.name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Outcome {
    stdout: String,
    stderr: String,
    code: i32,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/differential")
}

fn parse_cases(family: &str, text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines() {
        if let Some(header) = line.strip_prefix("=== ") {
            let (name, envs) = match header.rfind('[') {
                Some(i) if header.trim_end().ends_with(']') => {
                    let list = header[i + 1..].trim_end().trim_end_matches(']');
                    let envs: Vec<String> = list
                        .split(',')
                        .map(|e| e.trim().to_string())
                        .filter(|e| !e.is_empty())
                        .collect();
                    (header[..i].trim().to_string(), envs)
                }
                _ => (header.trim().to_string(), vec!["host".to_string()]),
            };
            for e in &envs {
                assert!(
                    ENVS.contains(&e.as_str()),
                    "{family}: case {name:?}: unknown environment {e:?} (known: {ENVS:?})"
                );
            }
            cases.push(Case {
                family: family.to_string(),
                name,
                envs,
                script: String::new(),
            });
        } else if let Some(c) = cases.last_mut() {
            c.script.push_str(line);
            c.script.push('\n');
        }
    }
    for c in &mut cases {
        // The sandbox passes the script through "$(cat FILE)", which drops
        // trailing newlines; the real side gets the same bytes.
        let trimmed = c.script.trim_end_matches('\n').to_string();
        c.script = trimmed;
    }
    cases
}

fn load_cases() -> Vec<Case> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir())
        .expect("tests/differential exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cases"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    let mut seen = HashMap::new();
    for f in files {
        let family = f.file_stem().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&f).expect("case file is UTF-8");
        for c in parse_cases(&family, &text) {
            if let Some(prev) = seen.insert(c.id(), ()) {
                let _: () = prev;
                panic!("case {} appears twice", c.id());
            }
            all.push(c);
        }
    }
    all
}

fn not_available() -> BTreeMap<String, String> {
    let text = fs::read_to_string(dir().join("not-available.txt")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (id, why) = l
                .split_once(": ")
                .unwrap_or_else(|| panic!("not-available.txt: `{l}` is not `family/case: reason`"));
            assert!(
                !why.trim().is_empty(),
                "not-available.txt: {id} has no reason"
            );
            (id.trim().to_string(), why.trim().to_string())
        })
        .collect()
}

fn floors() -> BTreeMap<String, f64> {
    let text = fs::read_to_string(dir().join("floors.txt")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut it = l.split_whitespace();
            let fam = it.next().unwrap().to_string();
            let pct: f64 = it
                .next()
                .and_then(|p| p.trim_end_matches('%').parse().ok())
                .unwrap_or_else(|| panic!("floors.txt: `{l}` is not `FAMILY PERCENT`"));
            (fam, pct)
        })
        .collect()
}

/// A directory of symlinks to busybox, one per applet, so that a busybox
/// shell finds busybox's own sed, awk, grep… and nothing else.
fn busybox_bin() -> PathBuf {
    let bb = ["/usr/bin/busybox", "/bin/busybox"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .unwrap_or_else(|| {
            panic!("busybox is not installed: `apt-get install busybox` (scripts/test does)")
        });
    let bin = PathBuf::from(format!("{WORK}-busybox-bin"));
    let _ = fs::remove_dir_all(&bin);
    fs::create_dir_all(&bin).unwrap();
    let list = Command::new(bb)
        .arg("--list")
        .output()
        .expect("busybox --list");
    for applet in String::from_utf8_lossy(&list.stdout).lines() {
        let _ = std::os::unix::fs::symlink(bb, bin.join(applet));
    }
    bin
}

/// Debian's default `awk` is mawk, and so is Ubuntu's; a machine with gawk
/// installed points `awk` at gawk. The real side always gets mawk, first on
/// `PATH`, so the comparison does not depend on what else is installed.
fn awk_shim() -> PathBuf {
    let bin = PathBuf::from(format!("{WORK}-awk-bin"));
    let _ = fs::remove_dir_all(&bin);
    fs::create_dir_all(&bin).unwrap();
    let mawk = ["/usr/bin/mawk", "/bin/mawk"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("mawk is Debian's default awk: `apt-get install mawk`");
    std::os::unix::fs::symlink(mawk, bin.join("awk")).unwrap();
    bin
}

fn run_real(case: &Case, env: &str, cwd: &Path, bb: &Path) -> Outcome {
    let gnu = format!("{WORK}-awk-bin:{DOCKER_PATH}");
    let (prog, arg0, path): (PathBuf, &str, String) = match env {
        "host" | "ubuntu-bash" => ("/bin/bash".into(), "bash", gnu),
        "ubuntu-sh" => ("/bin/dash".into(), "sh", gnu),
        "alpine-sh" => (bb.join("sh"), "sh", bb.to_string_lossy().into_owned()),
        "python" => ("python3".into(), "python3", std::env::var("PATH").unwrap()),
        _ => unreachable!(),
    };
    let mut cmd = Command::new(&prog);
    cmd.arg0(arg0)
        .arg("-c")
        .arg(&case.script)
        .current_dir(cwd)
        .env_clear()
        .env("PATH", path)
        .env("HOME", "/root")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if env == "host" {
        cmd.env("LANG", "C.UTF-8");
    }
    if env == "python" {
        cmd.env("PYTHONDONTWRITEBYTECODE", "1");
    }
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", prog.display()));
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let code = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st.code().unwrap_or(128);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break -1;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Outcome {
        stdout: String::from_utf8_lossy(&t_out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&t_err.join().unwrap()).into_owned(),
        code,
    }
}

struct Sand {
    sb: Sandbox,
}

impl Sand {
    fn new() -> Sand {
        let mut sb = Sandbox::new_script();
        for line in [
            "docker run -d --name diff-ubuntu ubuntu sleep infinity",
            "docker run -d --name diff-alpine alpine sleep infinity",
            "docker run -d --name diff-python python:3.12-slim sleep infinity",
            &format!("mkdir -p {SCRIPTS} {WORK}"),
        ] {
            let r = sb.run_line(line);
            assert_eq!(r.exit_code, 0, "sandbox setup `{line}`: {}", r.stderr());
        }
        Sand { sb }
    }

    fn line(&mut self, line: &str) -> Outcome {
        let r = self.sb.run_line(line);
        Outcome {
            stdout: r.stdout(),
            stderr: r.stderr(),
            code: r.exit_code,
        }
    }

    fn run(&mut self, case: &Case, env: &str, n: usize) -> Outcome {
        let script = format!("{SCRIPTS}/{n}");
        self.sb
            .edit_save(&script, &case.script)
            .expect("the case's script is written on the laptop");
        let cwd = format!("{WORK}/{n}");
        let (container, shell) = match env {
            "host" => {
                self.line(&format!("rm -rf {cwd}; mkdir -p {cwd}"));
                self.line(&format!("cd {cwd}"));
                let o = self.line(&format!("bash -c \"$(cat {script})\""));
                self.line("cd /root");
                return o;
            }
            "ubuntu-bash" => ("diff-ubuntu", "bash"),
            "ubuntu-sh" => ("diff-ubuntu", "sh"),
            "alpine-sh" => ("diff-alpine", "sh"),
            "python" => ("diff-python", "python3"),
            _ => unreachable!(),
        };
        self.line(&format!(
            "docker exec {container} sh -c 'rm -rf {cwd}; mkdir -p {cwd}'"
        ));
        self.line(&format!(
            "docker exec -w {cwd} {container} {shell} -c \"$(cat {script})\""
        ))
    }
}

fn short_diff(real: &Outcome, sand: &Outcome) -> String {
    let mut s = String::new();
    if real.code != sand.code {
        s += &format!("      exit: real {} / sandbox {}\n", real.code, sand.code);
    }
    for (what, a, b) in [
        ("stdout", &real.stdout, &sand.stdout),
        ("stderr", &real.stderr, &sand.stderr),
    ] {
        if a != b {
            let al: Vec<&str> = a.lines().collect();
            let bl: Vec<&str> = b.lines().collect();
            let i = (0..al.len().max(bl.len()))
                .find(|&i| al.get(i) != bl.get(i))
                .unwrap_or(0);
            s += &format!(
                "      {what} line {}: real {:?} / sandbox {:?}\n",
                i + 1,
                al.get(i).map(|l| clip(l)).unwrap_or_else(|| "<end>".into()),
                bl.get(i).map(|l| clip(l)).unwrap_or_else(|| "<end>".into()),
            );
            if a.ends_with('\n') != b.ends_with('\n') && al == bl {
                s += &format!("      {what}: trailing newline differs\n");
            }
        }
    }
    s
}

fn clip(l: &str) -> String {
    if l.chars().count() > 100 {
        format!("{}…", l.chars().take(100).collect::<String>())
    } else {
        l.to_string()
    }
}

#[test]
fn sandbox_agrees_with_the_real_programs() {
    let filter = std::env::var("DIFFERENTIAL_FILTER").unwrap_or_default();
    let verbose = std::env::var("DIFFERENTIAL_VERBOSE").is_ok_and(|v| !v.is_empty());
    let cases: Vec<Case> = load_cases()
        .into_iter()
        .filter(|c| c.id().contains(&filter))
        .collect();
    assert!(
        !cases.is_empty(),
        "no differential cases found (filter {filter:?})"
    );
    let na = not_available();
    let floors = floors();
    let bb = busybox_bin();
    awk_shim();
    let mut sand = Sand::new();

    // (family, env) → (agreed, total)
    let mut tally: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    let mut failures: Vec<String> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    // The real programs first, in parallel (they are separate processes);
    // then the sandbox, one case after another.
    let jobs: Vec<(usize, &Case, &String)> = cases
        .iter()
        .flat_map(|c| c.envs.iter().map(move |e| (c, e)))
        .enumerate()
        .map(|(i, (c, e))| (i + 1, c, e))
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(2)
        * 2;
    let mut reals: Vec<Option<Outcome>> = vec![None; jobs.len() + 1];
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let jobs = &jobs;
                let bb = &bb;
                s.spawn(move || {
                    let mut done = Vec::new();
                    for (n, case, env) in jobs.iter().skip(t).step_by(threads) {
                        let cwd = PathBuf::from(format!("{WORK}/{n}"));
                        let _ = fs::remove_dir_all(&cwd);
                        fs::create_dir_all(&cwd).unwrap();
                        done.push((*n, run_real(case, env, &cwd, bb)));
                        let _ = fs::remove_dir_all(&cwd);
                    }
                    done
                })
            })
            .collect();
        for h in handles {
            for (n, o) in h.join().expect("real runs") {
                reals[n] = Some(o);
            }
        }
    });
    for (n, case, env) in &jobs {
        let (n, env) = (*n, *env);
        let real = reals[n].take().expect("ran");
        let got = sand.run(case, env, n);
        let listed = na.get(&case.id());
        let agreed = match listed {
            Some(_) => {
                let said = got.stderr.contains("not available in this sandbox");
                if !said {
                    problems.push(format!(
                            "{} [{env}] is listed in not-available.txt but the sandbox answered without saying so",
                            case.id()
                        ));
                }
                said
            }
            None => real == got,
        };
        let t = tally
            .entry((case.family.clone(), env.clone()))
            .or_insert((0, 0));
        t.1 += 1;
        if agreed {
            t.0 += 1;
        } else if listed.is_none() {
            let mut f = format!("  ✗ {} [{env}]\n{}", case.id(), short_diff(&real, &got));
            if verbose {
                f += &format!(
                    "      script: {:?}\n      real:    {:?}\n      sandbox: {:?}\n",
                    case.script, real, got
                );
            }
            failures.push(f);
        }
    }

    // Per family (all environments), then per family and environment.
    let mut fam: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for ((f, _), (a, t)) in &tally {
        let e = fam.entry(f.clone()).or_insert((0, 0));
        e.0 += a;
        e.1 += t;
    }
    let (agreed, total) = fam.values().fold((0, 0), |(a, t), (x, y)| (a + x, t + y));
    let pct = |a: usize, t: usize| 100.0 * a as f64 / t.max(1) as f64;

    if !failures.is_empty() {
        println!("differential: {} disagreements", failures.len());
        for f in &failures {
            print!("{f}");
        }
    }
    let mut summary = String::from("differential: agreement with the real programs, per family\n");
    for (f, (a, t)) in &fam {
        let envs: Vec<String> = tally
            .iter()
            .filter(|((ff, _), _)| ff == f)
            .map(|((_, e), (a, t))| format!("{e} {a}/{t}"))
            .collect();
        summary += &format!(
            "  {f:<18} {a:>4}/{t:<4} {:>6.1}%   ({})\n",
            pct(*a, *t),
            envs.join(", ")
        );
    }
    let listed = na.len();
    summary += &format!(
        "  {:<18} {agreed:>4}/{total:<4} {:>6.1}%   ({} cases, {listed} deliberately not available)\n",
        "overall",
        pct(agreed, total),
        cases.len()
    );
    let met = pct(agreed, total) >= TARGET_OVERALL
        && fam.values().all(|(a, t)| pct(*a, *t) >= TARGET_FAMILY);
    summary += &format!(
        "  target (≥{TARGET_OVERALL}% overall, ≥{TARGET_FAMILY}% per family): {}\n",
        if met { "met" } else { "NOT met" }
    );
    println!("\n{summary}");
    if filter.is_empty() {
        // scripts/test prints it after the test run.
        let artifacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
        let _ = fs::create_dir_all(&artifacts);
        let _ = fs::write(artifacts.join("differential.txt"), &summary);
    }

    if filter.is_empty() {
        for (f, (a, t)) in &fam {
            let floor = floors.get(f).copied().unwrap_or(TARGET_FAMILY);
            if pct(*a, *t) + 1e-9 < floor {
                problems.push(format!(
                    "family {f}: {:.1}% agreement is below its floor {floor}% (floors.txt)",
                    pct(*a, *t)
                ));
            }
        }
        for id in na.keys() {
            if !cases.iter().any(|c| &c.id() == id) {
                problems.push(format!("not-available.txt lists {id}, which is no case"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
