//! The Python subset as a language: `python3 -c` programs run in a
//! `python:3.9-slim`-like filesystem, their stdout, stderr and exit status
//! checked; and the differential cases (`tests/differential/python.cases`)
//! compared with this machine's real `python3`, when it has one.

use dockerlings::userland::testing::{python_fs, MemSys};
use dockerlings::userland::{spawn, Exit, Output, ProcCtx};
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `python3 -c src` in `cwd` (created if missing): (stdout, stderr, status).
fn py_in(sys: &mut MemSys, cwd: &str, src: &str) -> (String, String, i32) {
    let _ = sys.fs.mkdir_all(cwd, 0o755, 0);
    let ctx = ProcCtx {
        env: vec![(
            "PATH".into(),
            "/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
        )],
        cwd: cwd.into(),
        ..ProcCtx::default()
    };
    let argv: Vec<String> = ["python3", "-c", src]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut out = Output::new();
    let code = match spawn(sys, &argv, &ctx, &mut out) {
        Exit::Code(c) => c,
        other => panic!("python3 -c {src:?} ended with {other:?}"),
    };
    (out.stdout(), out.stderr(), code)
}

fn py(src: &str) -> (String, String, i32) {
    let mut sys = MemSys::new(python_fs());
    py_in(&mut sys, "/tmp", src)
}

fn tb(line: usize, last: &str) -> String {
    format!("Traceback (most recent call last):\n  File \"<string>\", line {line}, in <module>\n{last}\n")
}

#[test]
fn sys_exit_has_cpythons_semantics() {
    assert_eq!(
        py("import sys; print(\"bye\"); sys.exit(3)"),
        ("bye\n".into(), "".into(), 3)
    );
    assert_eq!(
        py("import sys; sys.exit('no')"),
        ("".into(), "no\n".into(), 1)
    );
    assert_eq!(py("import sys; sys.exit()"), ("".into(), "".into(), 0));
    assert_eq!(py("raise SystemExit(5)"), ("".into(), "".into(), 5));
    assert_eq!(py("exit(256)"), ("".into(), "".into(), 0));
    assert_eq!(
        py("import sys\ntry:\n    sys.exit(2)\nfinally:\n    print('cleanup')"),
        ("cleanup\n".into(), "".into(), 2)
    );
    assert_eq!(
        py("import sys\ntry:\n    sys.exit(2)\nexcept SystemExit as e:\n    print('caught', e.code)"),
        ("caught 2\n".into(), "".into(), 0)
    );
}

#[test]
fn errors_are_python_tracebacks_and_exit_1() {
    assert_eq!(
        py("print(x)"),
        ("".into(), tb(1, "NameError: name 'x' is not defined"), 1)
    );
    assert_eq!(
        py("import nosuch"),
        (
            "".into(),
            tb(1, "ModuleNotFoundError: No module named 'nosuch'"),
            1
        )
    );
    assert_eq!(
        py("print('a')\n1/0"),
        (
            "a\n".into(),
            tb(2, "ZeroDivisionError: division by zero"),
            1
        )
    );
    let (_, err, code) = py("def f(a):\n    return 1/a\nf(0)");
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "Traceback (most recent call last):\n  File \"<string>\", line 3, in <module>\n  File \"<string>\", line 2, in f\nZeroDivisionError: division by zero\n"
    );
}

#[test]
fn exceptions_follow_the_hierarchy() {
    assert_eq!(
        py("try:\n    [][1]\nexcept LookupError as e:\n    print('lookup', e)"),
        ("lookup list index out of range\n".into(), "".into(), 0)
    );
    assert_eq!(
        py("class E(ValueError):\n    pass\ntry:\n    raise E('x', 1)\nexcept ValueError as e:\n    print(repr(e), e)"),
        ("E('x', 1) ('x', 1)\n".into(), "".into(), 0)
    );
    let (_, err, code) = py("try:\n    raise KeyError('k')\nexcept KeyError:\n    raise");
    assert_eq!((err.lines().last(), code), (Some("KeyError: 'k'"), 1));
}

#[test]
fn semicolons_separate_statements() {
    assert_eq!(py("x = 1; y = 2; print(x + y)").0, "3\n");
    assert_eq!(py("if True: a = 1; print(a)").0, "1\n");
}

#[test]
fn deep_recursion_is_a_recursion_error() {
    let (out, err, code) = py("def f(n):\n    return f(n + 1)\nf(0)");
    assert_eq!((out.as_str(), code), ("", 1));
    // CPython stops at 1,000 frames; the sandbox may stop earlier to keep
    // its own (native) stack safe, with the same error.
    assert!(err.starts_with("Traceback (most recent call last):\n  File \"<string>\", line 3, in <module>\n  File \"<string>\", line 2, in f\n"), "{err}");
    assert!(err.contains("  [Previous line repeated "), "{err}");
    assert!(
        err.ends_with(" more times]\nRecursionError: maximum recursion depth exceeded\n"),
        "{err}"
    );
    assert!(err.lines().count() < 10, "{err}");
    // the interpreter goes on after a RecursionError is caught
    let (out, _, code) =
        py("def f():\n    return f()\ntry:\n    f()\nexcept RecursionError:\n    print('deep')");
    assert_eq!((out.as_str(), code), ("deep\n", 0));
}

// ---- the differential cases against this machine's python3 ---------------

fn parse_cases(text: &str) -> Vec<(String, String)> {
    let mut cases: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("=== ") {
            let name = h.rsplit_once(" [").map_or(h, |x| x.0);
            cases.push((name.to_string(), String::new()));
        } else if let Some(c) = cases.last_mut() {
            if !c.1.is_empty() {
                c.1.push('\n');
            }
            c.1.push_str(line);
        }
    }
    cases
}

fn real_python(src: &str, cwd: &Path) -> Option<(String, String, i32)> {
    let out = Command::new("python3")
        .arg("-c")
        .arg(src)
        .current_dir(cwd)
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    Some((
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    ))
}

#[test]
fn differential_cases_agree_with_the_real_python() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/differential/python.cases")).unwrap();
    let cases = parse_cases(&text);
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let filter = std::env::var("PY_FILTER").unwrap_or_default();
    let mut sys = MemSys::new(python_fs());
    let (mut same, mut total) = (0, 0);
    for (n, (name, src)) in cases.iter().enumerate() {
        if !name.contains(&filter) {
            continue;
        }
        let cwd = format!("/tmp/pylang-{}/{n}", std::process::id());
        let _ = std::fs::remove_dir_all(&cwd);
        std::fs::create_dir_all(&cwd).unwrap();
        let Some(real) = real_python(src, Path::new(&cwd)) else {
            eprintln!("no python3 on this machine: comparison skipped");
            return;
        };
        let _ = std::fs::remove_dir_all(&cwd);
        let mine = py_in(&mut sys, &cwd, src);
        total += 1;
        if mine == real {
            same += 1;
        } else {
            eprintln!("--- {name}\n  real: {real:?}\n  mine: {mine:?}");
        }
    }
    let _ = std::fs::remove_dir_all(format!("/tmp/pylang-{}", std::process::id()));
    eprintln!("python cases: {same}/{total} identical");
    if filter.is_empty() {
        // a ratchet: raise it as the subset grows
        assert!(same * 100 >= total * 90, "{same}/{total} identical");
    }
}

// ---- robustness: random and mutated programs never panic ------------------

/// A tiny seeded xorshift generator (no dependency needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ";",
    ",",
    ".",
    "=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "~",
    "<<",
    ">>",
    "&",
    "|",
    "^",
    "<",
    ">",
    "!",
    "\n",
    "\n    ",
    "    ",
    " ",
    "'",
    "\"",
    "\"\"\"",
    "f'{",
    "}'",
    "{x!r:>{9}}",
    "\\",
    "#",
    "0x",
    "1e",
    "9999999999999999999999",
    "2**",
    "-1",
    "0",
    "1.5",
    "x",
    "f",
    "lambda",
    "def",
    "class",
    "if",
    "else",
    "elif",
    "while",
    "for",
    "in",
    "not",
    "and",
    "or",
    "is",
    "None",
    "True",
    "try",
    "except",
    "finally",
    "raise",
    "with",
    "as",
    "import",
    "from",
    "sys",
    "os",
    "print",
    "len",
    "range",
    "return",
    "yield",
    "del",
    "global",
    "pass",
    "break",
    "continue",
    "assert",
    "%s",
    "%d",
    "%.99999f",
    ":{",
    "é",
    "\t",
];

fn mutate(rng: &mut Rng, seed: &str) -> String {
    let mut s: Vec<char> = seed.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(s.len() + 1);
        match rng.below(4) {
            0 => {
                let p = PIECES[rng.below(PIECES.len())];
                s.splice(at..at, p.chars());
            }
            1 if !s.is_empty() => {
                let end = (at + 1 + rng.below(6)).min(s.len());
                s.drain(at.min(end)..end);
            }
            2 if !s.is_empty() => {
                let end = (at + 1 + rng.below(12)).min(s.len());
                let piece: Vec<char> = s[at.min(end)..end].to_vec();
                s.splice(at..at, piece);
            }
            _ => {
                let p = PIECES[rng.below(PIECES.len())];
                s.extend(p.chars());
            }
        }
    }
    s.into_iter().collect()
}

#[test]
fn random_and_mutated_programs_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/differential/python.cases")).unwrap();
    let seeds: Vec<String> = parse_cases(&text).into_iter().map(|c| c.1).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut sys = MemSys::new(python_fs());
    let _ = sys.fs.mkdir_all("/tmp/fuzz", 0o755, 0);
    let ctx = ProcCtx {
        cwd: "/tmp/fuzz".into(),
        budget: 20_000,
        ..ProcCtx::default()
    };
    let mut programs: Vec<String> = Vec::new();
    for _ in 0..2500 {
        let src = if rng.below(4) == 0 {
            (0..1 + rng.below(24))
                .map(|_| PIECES[rng.below(PIECES.len())])
                .collect::<String>()
        } else {
            let k = rng.below(seeds.len());
            mutate(&mut rng, &seeds[k])
        };
        programs.push(src);
    }
    // deep nesting, huge sizes and widths
    for n in [50, 199, 200, 1000, 5000] {
        programs.push(format!("{}1{}", "(".repeat(n), ")".repeat(n)));
        programs.push(format!("{}1", "-".repeat(n)));
        programs.push(format!("{}1", "not ".repeat(n)));
        programs.push(format!("x = {}{}", "[".repeat(n), "]".repeat(n)));
        programs.push(format!("print({})", vec!["1"; n].join("+")));
    }
    for p in [
        "print('x' * 3000000000)",
        "print([0] * 3000000000)",
        "'%.70000f' % 1",
        "f'{1:99999999999}'",
        "f'{1:999999999999999999999999}'",
        "x = 2**10**10",
        "print(1 << 10**12)",
        "print(10**5000)",
        "'{:>1000000000}'.format(1)",
        "def f(): f()\nf()",
        "while True: pass",
    ] {
        programs.push(p.to_string());
    }
    for src in programs {
        if std::env::var("PY_FUZZ_TRACE").is_ok() {
            std::fs::write("/tmp/pyc/last.txt", &src).unwrap();
        }
        let argv: Vec<String> = ["python3", "-c", &src]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut out = Output::new();
            spawn(&mut sys, &argv, &ctx, &mut out);
            out.stdout().len() + out.stderr().len()
        }));
        match r {
            Ok(n) => assert!(n < 1 << 20, "{src:?} printed {n} bytes"),
            Err(_) => panic!("python3 -c {src:?} panicked"),
        }
    }
}

#[test]
fn huge_values_fail_like_python_without_allocating() {
    let (_, err, code) = py("print('x' * 3000000000)");
    assert_eq!((err.lines().last(), code), (Some("MemoryError"), 1));
    assert_eq!(
        py("x = 2**10**10"),
        (
            "".into(),
            "dockerlings: python3: integer too large for this sandbox\n".into(),
            1
        )
    );
    assert_eq!(py("print(2**100)").0, "1267650600228229401496703205376\n");
    assert_eq!(py("print(len('%.70000f' % 1))").0, "70002\n");
    let (_, err, code) = py("f'{1:99999999999}'");
    assert_eq!((err.lines().last(), code), (Some("MemoryError"), 1));
    let (_, err, _) = py("print(10**5000)");
    assert!(err.ends_with("ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit\n"), "{err}");
}

#[test]
fn unsupported_features_fail_loudly() {
    for src in [
        "def g():\n    yield 1\nprint(list(g()))",
        "class A:\n    def f(self):\n        return 1\nclass B(A):\n    def f(self):\n        return super().f() + 1\nprint(B().f())",
        "async def f():\n    pass\nprint(1)",
        "print({1, 2})",
        "if (n := 3):\n    print(n)",
        "def f():\n    x = 1\n    def g():\n        nonlocal x\n    g()\nf()",
        "import re\nprint(re.sub('a', 'b', 'aa'))",
        "print('a'.encode())",
        "x = [1, 2, 3]; x[0:2] = [9]; print(x)",
        "print(set([1]))",
    ] {
        let (_, err, code) = py(src);
        assert_ne!(code, 0, "{src:?} exited 0");
        assert!(!err.is_empty(), "{src:?} said nothing");
    }
}
