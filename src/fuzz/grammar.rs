//! Input generators for the fuzzer: shell snippets, docker command lines,
//! Go templates, printf formats, Python, Dockerfiles, image references and
//! daemon.json documents, each from a small grammar with a depth bound, plus
//! "nesting probes" that repeat one construct thousands of times to find
//! the parsers and interpreters that recurse without a limit.

use super::rng::Rng;

const COMMANDS: &[&str] = &[
    "echo", "printf", "seq", "grep", "sed", "awk", "sort", "uniq", "cat", "head", "tail", "wc",
    "tr", "cut", "xargs", "test", "[", "read", "ls", "find", "mkdir", "rm", "touch", "cp", "mv",
    "true", "false", "exit", "return", "shift", "set", "export", "unset", "local", "eval", "exec",
    "trap", "getopts", "cd", "pwd", "env", "sleep", "yes", "expr", "basename", "dirname", "tee",
    "python3", "sh", "bash", "date", "stat", "du", "df", "id", "whoami", "hostname", "uname",
    "base64", "md5sum", "diff", "tac", "rev", "nl", "od", "fold", "paste", "comm", "source", ".",
    "wait", "kill", "jobs", "type", "command", "declare", "let", "readonly", "break", "continue",
];

const WORDS: &[&str] = &[
    "a",
    "b",
    "x",
    "-n",
    "-e",
    "-c",
    "-v",
    "-r",
    "-f",
    "--",
    "-",
    "/",
    "/tmp",
    "/etc/passwd",
    "f",
    "*",
    "?",
    "[a-z]*",
    "-1",
    "hello world",
    "%s",
    "%d",
    "\\n",
    "=",
    "==",
    "!=",
    "-eq",
    "-lt",
    ".",
    "..",
    "~",
    "'",
    "\"",
    "\\",
    "{",
    "}",
    "!",
    "@",
    "#",
    "$",
    "\t",
    "é",
    "中文",
    "\u{202e}",
    "\u{0}",
    "🙂",
];

/// One shell word.
pub fn word(r: &mut Rng, depth: u32) -> String {
    let d = depth + 1;
    match r.below(if depth > 4 { 4 } else { 16 }) {
        0 | 1 => r.pick(WORDS).to_string(),
        2 => r.number(),
        3 => format!(
            "${}",
            r.pick(&["x", "1", "#", "?", "@", "*", "$", "!", "-", "0", "IFS"])
        ),
        4 => format!("'{}'", r.pick(WORDS).replace('\'', "")),
        5 => format!("\"{} {}\"", word(r, d), word(r, d)),
        6 => format!(
            "${{x{}{}}}",
            r.pick(&[
                ":-", "-", ":=", ":+", ":?", "#", "##", "%", "%%", "/", "//", ":", "^^", ",,"
            ]),
            word(r, d)
        ),
        7 => format!("$(({}))", arith(r, d)),
        8 => format!("$({})", command(r, d)),
        9 => format!("`{}`", simple(r, d).replace('`', "")),
        10 => format!("{{{},{}}}", word(r, d), word(r, d)),
        11 => format!("{{{}..{}}}", r.number(), r.number()),
        12 => format!("${{#{}}}", r.pick(&["x", "a[@]", "@", "*"])),
        13 => format!("${{a[{}]}}", arith(r, d)),
        14 => format!(
            "$'{}'",
            r.pick(&["\\t", "\\x41", "\\u263a", "\\0", "\\", "\\c"])
        ),
        _ => r.number(),
    }
}

/// An arithmetic expression.
pub fn arith(r: &mut Rng, depth: u32) -> String {
    if depth > 4 || r.chance(1, 3) {
        return match r.below(3) {
            0 => r.number(),
            1 => r
                .pick(&["x", "y", "i++", "--i", "a[1]", "RANDOM"])
                .to_string(),
            _ => "1".into(),
        };
    }
    let op = r.pick(&[
        "+", "-", "*", "/", "%", "**", "<<", ">>", "&", "|", "^", "&&", "||", "<", "<=", "==",
        "!=", "=", "+=", ",",
    ]);
    let (a, b) = (arith(r, depth + 1), arith(r, depth + 1));
    match r.below(4) {
        0 => format!("({a}) {op} ({b})"),
        1 => format!("{a} ? {b} : {a}"),
        _ => format!("{a} {op} {b}"),
    }
}

/// A simple command with arguments and redirections.
pub fn simple(r: &mut Rng, depth: u32) -> String {
    let mut s = r.pick(COMMANDS).to_string();
    for _ in 0..r.below(5) {
        s.push(' ');
        s.push_str(&word(r, depth + 1));
    }
    if r.chance(1, 5) {
        s.push_str(r.word(&[
            " > f",
            " >> f",
            " < f",
            " 2>&1",
            " 2>/dev/null",
            " >&2",
            " <<< x",
        ]));
    }
    if r.chance(1, 12) {
        s = format!("x={} {s}", word(r, depth + 1));
    }
    s
}

/// A command: simple, compound, pipeline or list.
pub fn command(r: &mut Rng, depth: u32) -> String {
    let d = depth + 1;
    if depth > 4 {
        return simple(r, d);
    }
    match r.below(16) {
        0..=4 => simple(r, d),
        5 => format!("{} | {}", command(r, d), command(r, d)),
        6 => format!("{} && {}", command(r, d), command(r, d)),
        7 => format!("{} || {}", command(r, d), command(r, d)),
        8 => format!("{}; {}", command(r, d), command(r, d)),
        9 => format!(
            "if {}; then {}; else {}; fi",
            command(r, d),
            command(r, d),
            command(r, d)
        ),
        10 => format!("for i in {}; do {}; done", word(r, d), command(r, d)),
        11 => format!("while {}; do {}; break; done", command(r, d), command(r, d)),
        12 => format!(
            "case {} in {}) {};; *) {};; esac",
            word(r, d),
            word(r, d),
            command(r, d),
            command(r, d)
        ),
        13 => format!("f() {{ {}; }}; f {}", command(r, d), word(r, d)),
        14 => format!("( {} )", command(r, d)),
        _ => format!(
            "{{ {}; }} {}",
            command(r, d),
            r.pick(&["&", "", "| cat", "> f"])
        ),
    }
}

/// Constructs nested `n` deep: the probes for unbounded recursion.
pub fn nesting_probe(r: &mut Rng) -> String {
    let n = *r.pick(&[10usize, 100, 600, 1000, 3000, 10000]);
    match r.below(14) {
        0 => format!("{}echo x{}", "$(".repeat(n), ")".repeat(n)),
        1 => format!("{}echo x{}", "( ".repeat(n), " )".repeat(n)),
        2 => format!("echo {}x{}", "${x:-".repeat(n), "}".repeat(n)),
        3 => format!("echo $(({}1{}))", "(".repeat(n), ")".repeat(n)),
        4 => format!("true{}", " && true".repeat(n)),
        5 => format!("{}true{}", "{ ".repeat(n), "; }".repeat(n)),
        6 => "f(){ f; }; f".to_string(),
        7 => "f(){ f | f & }; f".to_string(),
        8 => format!("{}echo{}", "if true; then ".repeat(n), "; fi".repeat(n)),
        9 => format!(
            "x=a; for i in $(seq 1 {}); do x=$x$x; done; echo ${{#x}}",
            n.min(64)
        ),
        10 => format!(
            "echo {}",
            "\"$(echo ".repeat(n.min(500)) + &")\"".repeat(n.min(500))
        ),
        11 => format!("printf '%{}d' 1", r.number()),
        12 => format!("seq 1 {} | tail -1", r.number()),
        _ => format!("echo '{}' > f; source f", "source f; ".repeat(3)),
    }
}

/// A docker command line.
pub fn docker(r: &mut Rng) -> String {
    const CMDS: &[&str] = &[
        "run",
        "run -d",
        "run -it",
        "run --rm",
        "create",
        "start",
        "stop",
        "restart",
        "kill",
        "rm",
        "rm -f",
        "ps",
        "ps -a",
        "logs",
        "exec",
        "inspect",
        "images",
        "pull",
        "push",
        "tag",
        "rmi",
        "history",
        "commit",
        "build",
        "network create",
        "network connect",
        "network ls",
        "network rm",
        "volume create",
        "volume ls",
        "volume rm",
        "system df",
        "system prune -f",
        "image prune -f",
        "container prune -f",
        "info",
        "version",
        "login",
        "logout",
        "search",
        "port",
        "rename",
        "pause",
        "unpause",
        "top",
        "stats --no-stream",
        "diff",
        "cp",
        "save",
        "load",
        "update",
        "wait",
        "events",
        "context ls",
        "buildx ls",
        "builder prune -f",
        "container ls",
        "image ls",
        "network inspect",
        "volume inspect",
        "export",
        "import",
    ];
    const FLAGS: &[&str] = &[
        "-p",
        "-P",
        "-v",
        "-e",
        "--name",
        "--network",
        "--net",
        "-w",
        "-u",
        "--memory",
        "--cpus",
        "--restart",
        "--format",
        "-f",
        "-q",
        "-a",
        "--filter",
        "-t",
        "--mount",
        "--health-cmd",
        "--health-interval",
        "--entrypoint",
        "--rm",
        "-d",
        "-i",
        "--no-trunc",
        "-n",
        "--tail",
        "--since",
        "--link",
        "--add-host",
        "--ip",
        "--label",
        "-l",
        "--memory-swap",
        "--read-only",
        "--tmpfs",
        "--privileged",
        "--cap-add",
        "--dns",
        "--hostname",
        "--shm-size",
        "--ulimit",
        "--pids-limit",
        "--stop-timeout",
        "--init",
        "-s",
        "--all",
        "--digests",
        "--build-arg",
        "--target",
        "--no-cache",
        "--progress",
        "--iidfile",
        "-H",
        "--context",
        "--debug",
    ];
    const VALUES: &[&str] = &[
        "alpine",
        "ubuntu",
        "busybox",
        "nginx",
        "registry:2",
        "hello-world",
        "python:3.12-slim",
        "web",
        "c1",
        "mynet",
        "vol",
        "8080:80",
        "1-65535:1-65535",
        "0.0.0.0:80:80",
        "::1:80:80",
        "80/udp",
        "x:/y:ro",
        "/:/host",
        "type=bind,source=/tmp,target=/t,readonly",
        "512m",
        "0.5",
        "always",
        "on-failure:3",
        "{{.ID}}",
        "{{json .}}",
        "table {{.Names}}",
        "reference=*a*",
        "status=exited",
        "label=a=b",
        "sh",
        "-c",
        "echo hi",
        "sleep 1000",
        "ls /",
        "cat /nope",
        "localhost:5000/x",
        "UPPER/case",
        "a/b/c/d/e/f:tag",
        "x@sha256:abc",
        "",
        " ",
        "-",
        "--",
        "json",
        "tcp://192.168.1.20:2375",
        ".",
        "-",
    ];
    let mut s = format!("docker {}", r.pick(CMDS));
    for _ in 0..r.below(6) {
        s.push(' ');
        match r.below(4) {
            0 => s.push_str(r.word(FLAGS)),
            1 => {
                s.push_str(r.word(FLAGS));
                s.push(' ');
                s.push_str(&quote(r.word(VALUES)));
            }
            2 => s.push_str(&r.number()),
            _ => s.push_str(&quote(r.word(VALUES))),
        }
    }
    s
}

/// A Go template for `--format`.
pub fn template(r: &mut Rng, depth: u32) -> String {
    let d = depth + 1;
    if depth > 3 {
        return r
            .pick(&[".", ".ID", ".Name", ".Config.Env", "$", "1", "\"s\"", "nil"])
            .to_string();
    }
    let pipeline = |r: &mut Rng| -> String {
        match r.below(12) {
            0 => format!("json {}", template(r, d)),
            1 => format!(
                "printf \"%{}{}\" {}",
                r.number(),
                r.pick(&["d", "s", "f", "e", "g", "x", "q", "v", ".70000f"]),
                template(r, d)
            ),
            2 => format!("index {} {}", template(r, d), r.number()),
            3 => format!("len {}", template(r, d)),
            4 => format!("slice {} {} {}", template(r, d), r.number(), r.number()),
            5 => format!("join {} \",\"", template(r, d)),
            6 => format!(
                "{} | {}",
                template(r, d),
                r.pick(&[
                    "upper",
                    "lower",
                    "title",
                    "json",
                    "len",
                    "println",
                    "split \",\""
                ])
            ),
            7 => format!("$x := {}", template(r, d)),
            8 => format!("eq {} {}", template(r, d), template(r, d)),
            9 => format!("pad {} {} {}", template(r, d), r.number(), r.number()),
            10 => format!("truncate {} {}", template(r, d), r.number()),
            _ => template(r, d),
        }
    };
    match r.below(8) {
        0 => format!("{{{{range {}}}}}{}{{{{end}}}}", pipeline(r), template(r, d)),
        1 => format!("{{{{if {}}}}}a{{{{else}}}}b{{{{end}}}}", pipeline(r)),
        2 => format!("{{{{with {}}}}}{}{{{{end}}}}", pipeline(r), template(r, d)),
        3 => format!("{{{{{}}}}}", pipeline(r)),
        4 => format!("{{{{{}", pipeline(r)),
        5 => format!("{}{{{{{}}}}}", "{{(".repeat(r.below(3)), pipeline(r)),
        _ => format!("{{{{{}}}}}{}", pipeline(r), template(r, d)),
    }
}

/// A printf format with arguments (shell builtin, coreutils, awk, Python).
pub fn printf(r: &mut Rng) -> String {
    let mut fmt = String::new();
    for _ in 0..1 + r.below(3) {
        fmt.push('%');
        for _ in 0..r.below(3) {
            fmt.push(*r.pick(&['-', '+', ' ', '#', '0', '\'']));
        }
        if r.chance(1, 2) {
            fmt.push_str(
                &r.number()
                    .trim_start_matches('-')
                    .replace(['.', 'e', 'x', 'n', 'i'], ""),
            );
        }
        if r.chance(1, 2) {
            fmt.push('.');
            fmt.push_str(
                &r.number()
                    .trim_start_matches('-')
                    .replace(['.', 'e', 'x', 'n', 'i'], ""),
            );
        }
        fmt.push(*r.pick(&[
            'd', 'i', 'o', 'u', 'x', 'X', 'f', 'e', 'E', 'g', 'G', 'c', 's', 'b', 'q', '%', 'a',
            'z', '*',
        ]));
        fmt.push_str(r.word(&["", " ", "\\n", "-"]));
    }
    let args: Vec<String> = (0..r.below(4)).map(|_| quote(&r.number())).collect();
    let args = args.join(" ");
    match r.below(5) {
        0 => format!("printf '{fmt}' {args}"),
        1 => format!("/usr/bin/printf '{fmt}' {args}"),
        2 => format!("awk 'BEGIN {{ printf \"{fmt}\", {} }}'", r.number()),
        3 => format!("python3 -c 'print(\"{fmt}\" % ({},))'", r.number()),
        _ => format!(
            "docker version -f '{{{{printf \"{fmt}\" {}}}}}'",
            r.number()
        ),
    }
}

/// A Python program for `python3 -c`.
pub fn python(r: &mut Rng, depth: u32) -> String {
    let d = depth + 1;
    if depth > 3 {
        return r
            .pick(&[
                "1",
                "2**100",
                "'s'",
                "None",
                "[1,2]",
                "{'a': 1}",
                "x",
                "3.5",
                "True",
                "()",
                "f'{1:>8.2f}'",
            ])
            .to_string();
    }
    match r.below(20) {
        0 => format!("print({})", python(r, d)),
        1 => format!(
            "{} {} {}",
            python(r, d),
            r.pick(&[
                "+", "-", "*", "/", "//", "%", "**", "==", "<", "and", "or", "in", "is", "@", "&",
                "<<"
            ]),
            python(r, d)
        ),
        2 => format!("x = {}; print(x)", python(r, d)),
        3 => format!(
            "def f(n):\n    return {}\nprint(f({}))",
            python(r, d),
            r.number()
        ),
        4 => format!("for i in range({}):\n    print(i)", r.number()),
        5 => format!(
            "try:\n    {}\nexcept Exception as e:\n    print(type(e).__name__)",
            python(r, d)
        ),
        6 => format!("[{} for i in range({})]", python(r, d), r.number()),
        7 => format!(
            "'{{:{}}}'.format({})",
            r.pick(&[
                ">8",
                "<3",
                ",",
                "x",
                ".2f",
                "^10",
                "08.3e",
                "99999999999",
                ".70000f"
            ]),
            python(r, d)
        ),
        8 => format!(
            "'%{}' % {}",
            r.pick(&["d", "s", "5.2f", ".70000f", "4000000000s", "x"]),
            python(r, d)
        ),
        9 => format!(
            "import {}",
            r.pick(&[
                "sys",
                "os",
                "json",
                "math",
                "time",
                "re",
                "random",
                "nosuch",
                "http.server"
            ])
        ),
        10 => format!("import sys; sys.exit({})", python(r, d)),
        11 => format!(
            "class A:\n    def __init__(self):\n        self.v = {}\nprint(A().v)",
            python(r, d)
        ),
        12 => format!("lambda x: {}", python(r, d)),
        13 => format!("{}[{}:{}]", python(r, d), r.number(), r.number()),
        14 => format!("f'{{{}}}'", python(r, d)),
        15 => format!("'x' * {}", r.number()),
        16 => format!(
            "{}({})",
            r.pick(&[
                "len", "str", "int", "float", "sorted", "list", "dict", "abs", "max", "sum",
                "repr", "chr", "ord", "hex", "eval", "open"
            ]),
            python(r, d)
        ),
        17 => format!("{} if {} else {}", python(r, d), python(r, d), python(r, d)),
        18 => {
            let n = *r.pick(&[50usize, 200, 1000, 5000]);
            r.pick(&[
                format!("{}1{}", "(".repeat(n), ")".repeat(n)),
                format!("{}1{}", "[".repeat(n), "]".repeat(n)),
                "def f(n): return f(n+1)\nf(0)".to_string(),
                format!("x = 1{}", " + 1".repeat(n)),
                format!("{}pass", "if 1:\n ".repeat(n.min(200))),
            ])
            .clone()
        }
        _ => format!("@{}", python(r, d)),
    }
}

/// A Dockerfile.
pub fn dockerfile(r: &mut Rng) -> String {
    let mut s = String::new();
    if r.chance(1, 10) {
        s.push_str(r.word(&[
            "# syntax=docker/dockerfile:1\n",
            "# escape=`\n",
            "# escape=x\n",
        ]));
    }
    let base = r.pick(&[
        "alpine",
        "ubuntu",
        "busybox",
        "scratch",
        "python:3.12-slim",
        "nosuch",
        "${B}",
        "alpine AS build",
    ]);
    if !r.chance(1, 20) {
        s.push_str(&format!("FROM {base}\n"));
    }
    let n = if r.chance(1, 50) { 5000 } else { r.below(10) };
    for _ in 0..n {
        let line = match r.below(18) {
            0 => format!("RUN {}", simple(r, 3)),
            1 => format!(
                "RUN [\"sh\", \"-c\", \"{}\"]",
                r.pick(&["echo hi", "exit 3", "ls"])
            ),
            2 => format!("ENV {}={}", r.pick(&["A", "B", "PATH", "x y"]), word(r, 3)),
            3 => format!("ARG {}", r.pick(&["A", "B=1", "C=${A:-${B:-x}}", "=", "B"])),
            4 => format!(
                "COPY {} {}",
                r.pick(&[".", "a", "*", "../x", "--from=build /x", "--chown=1:1 a"]),
                r.pick(&["/app/", ".", "/"])
            ),
            5 => format!(
                "ADD {} {}",
                r.pick(&["a.tar", "http://x/y", "a"]),
                r.pick(&["/", "/x"])
            ),
            6 => format!("WORKDIR {}", r.pick(&["/app", "$A", "relative", ""])),
            7 => format!("LABEL {}={}", word(r, 3), word(r, 3)),
            8 => format!(
                "EXPOSE {}",
                r.pick(&["80", "80/tcp", "1-65535", "x", "99999"])
            ),
            9 => format!(
                "CMD {}",
                r.pick(&["[\"echo\", \"hi\"]", "echo hi", "[bad", "[]"])
            ),
            10 => format!("ENTRYPOINT {}", r.pick(&["[\"sh\"]", "top -b", "["])),
            11 => format!("USER {}", r.pick(&["nobody", "1000:1000", "nosuch", ""])),
            12 => format!(
                "HEALTHCHECK {}",
                r.pick(&[
                    "CMD true",
                    "--interval=1s CMD false",
                    "NONE",
                    "--retries=x CMD y"
                ])
            ),
            13 => format!("VOLUME {}", r.pick(&["/data", "[\"/a\", \"/b\"]"])),
            14 => format!("ONBUILD {}", r.pick(&["RUN x", "ONBUILD RUN x", "FROM x"])),
            15 => format!("FROM {}", r.pick(&["alpine", "build", "${X}"])),
            16 => format!(
                "RUN echo {}x{}",
                "${A:-".repeat(r.below(3000)),
                "}".repeat(r.below(3000))
            ),
            _ => format!(
                "{} {}",
                r.pick(&["SHELL", "STOPSIGNAL", "MAINTAINER", "NOSUCH", "run", "\\"]),
                word(r, 3)
            ),
        };
        s.push_str(&line);
        s.push('\n');
    }
    s
}

/// An image reference.
pub fn reference(r: &mut Rng) -> String {
    let mut s = String::new();
    if r.chance(1, 3) {
        s.push_str(r.word(&[
            "localhost:5000/",
            "docker.io/",
            "registry.cn-hangzhou.aliyuncs.com/",
            "Host:99999/",
            "a.b:0/",
            "[::1]:5000/",
            "127.0.0.1/",
        ]));
    }
    for _ in 0..r.below(4) {
        s.push_str(r.word(&["library/", "hzz/", "a-b/", "a__b/", "A/", "x./", "-x/", ""]));
    }
    s.push_str(r.word(&[
        "alpine",
        "ubuntu",
        "my.app",
        "x",
        "UPPER",
        "a--b",
        "a..b",
        "",
        "*",
        "a*b*c*d*e*f*g*h*i*j*k*",
    ]));
    if r.chance(1, 2) {
        s.push(':');
        s.push_str(r.word(&["latest", "1.0", "", "-x", &"t".repeat(129), "a:b"]));
    }
    if r.chance(1, 5) {
        s.push_str(r.word(&[
            "@sha256:",
            "@sha256:abc",
            "@md5:00",
            &format!("@sha256:{}", "a".repeat(64)),
        ]));
    }
    s
}

/// A daemon.json document.
pub fn daemon_json(r: &mut Rng) -> String {
    let keys = [
        "\"insecure-registries\": [\"localhost:5000\", \"192.168.1.20:5000\"]",
        "\"registry-mirrors\": [\"https://m.example\"]",
        "\"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2375\"]",
        "\"debug\": true",
        "\"log-level\": \"debug\"",
        "\"insecure-registries\": \"notalist\"",
        "\"dns\": [\"8.8.8.8\"]",
        "\"bip\": \"172.18.0.1/16\"",
        "\"data-root\": \"/x\"",
        "\"unknown-key\": 1",
        "\"insecure-registries\": [1, null, {}]",
    ];
    let mut parts: Vec<&str> = Vec::new();
    for _ in 0..r.below(4) {
        parts.push(r.word(&keys));
    }
    let mut s = format!("{{{}}}", parts.join(", "));
    if r.chance(1, 4) {
        let cut = r.below(s.len() + 1);
        s.truncate(cut);
    }
    if r.chance(1, 8) {
        s = format!("{}{}", "[".repeat(r.below(5000)), s);
    }
    s
}

/// Shell single quotes around `s`.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}
