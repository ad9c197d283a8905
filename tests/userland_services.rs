//! Programs images run as their main process: exec errors, hello, nginx,
//! the .NET console loop, shell loops that outlive their horizon, Python
//! web apps, interactive shells.

use dockerlings::engine::fs::{Content, Entry, Meta};
use dockerlings::userland::programs::servers::HELLO;
use dockerlings::userland::testing::{python_fs, ubuntu_fs, MemSys};
use dockerlings::userland::{
    service_advance, service_http, service_signal, shell_line, spawn, Exit, HttpRequest, Output,
    ProcCtx, Service,
};

fn argv(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn ctx(cwd: &str) -> ProcCtx {
    ProcCtx {
        env: vec![(
            "PATH".into(),
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
        )],
        cwd: cwd.into(),
        ..ProcCtx::default()
    }
}

fn add_prog(sys: &mut MemSys, p: &str, name: &str) {
    sys.fs
        .put(
            p,
            Entry::File {
                meta: Meta::new(0o755, 0),
                content: Content::program(name, 1000),
            },
        )
        .unwrap();
}

fn get(path: &str) -> HttpRequest {
    HttpRequest {
        method: "GET".into(),
        scheme: "http".into(),
        host: "localhost".into(),
        port: 8080,
        path: path.into(),
        headers: vec![("User-Agent".into(), "curl/8.5.0".into())],
        body: vec![],
    }
}

#[test]
fn exec_errors_use_dockers_messages() {
    let mut sys = MemSys::new(ubuntu_fs());
    let mut out = Output::new();
    assert_eq!(
        spawn(&mut sys, &argv(&["nosuch"]), &ctx("/"), &mut out),
        Exit::ExecFailed {
            message: "exec: \"nosuch\": executable file not found in $PATH".into(),
            code: 127
        }
    );
    assert_eq!(
        spawn(&mut sys, &argv(&["/tmp"]), &ctx("/"), &mut out),
        Exit::ExecFailed {
            message: "exec: \"/tmp\": is a directory".into(),
            code: 126
        }
    );
    assert_eq!(
        spawn(
            &mut sys,
            &argv(&["sh", "-c", "exit 3"]),
            &ctx("/"),
            &mut out
        ),
        Exit::Code(3)
    );
    assert_eq!(
        spawn(&mut sys, &argv(&["bash"]), &ctx("/"), &mut out),
        Exit::Code(0),
        "no tty, no stdin: exits"
    );
    assert!(out.is_empty());
}

#[test]
fn hello_prints_its_message() {
    let mut sys = MemSys::new(ubuntu_fs());
    add_prog(&mut sys, "/hello", "hello");
    let mut out = Output::new();
    assert_eq!(
        spawn(&mut sys, &argv(&["/hello"]), &ctx("/"), &mut out),
        Exit::Code(0)
    );
    assert_eq!(out.stdout(), HELLO);
    assert!(HELLO.starts_with("\nHello from Docker!\n"));
}

#[test]
fn nginx_serves_and_logs() {
    let mut sys = MemSys::new(ubuntu_fs());
    add_prog(&mut sys, "/usr/sbin/nginx", "nginx");
    let mut out = Output::new();
    let mut svc = match spawn(
        &mut sys,
        &argv(&["nginx", "-g", "daemon off;"]),
        &ctx("/"),
        &mut out,
    ) {
        Exit::Service(s) => s,
        other => panic!("{other:?}"),
    };
    assert!(out.stderr().starts_with("2025/01/01 00:00:00 [notice] 1#1: using the \"epoll\" event method\n2025/01/01 00:00:00 [notice] 1#1: nginx/1.27.3\n"));
    let mut log = Output::new();
    let r = service_http(&mut sys, &mut svc, &get("/"), &mut log);
    assert_eq!(r.status, 200);
    assert!(String::from_utf8_lossy(&r.body).contains("<h1>Welcome to nginx!</h1>"));
    assert_eq!(r.body.len(), 615);
    assert_eq!(
        log.stdout(),
        "172.17.0.1 - - [01/Jan/2025:00:00:00 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\" \"-\"\n"
    );
    assert_eq!(
        service_http(&mut sys, &mut svc, &get("/nope"), &mut log).status,
        404
    );
    assert_eq!(service_signal(&mut svc, "TERM"), Some(0));
    assert_eq!(service_signal(&mut svc, "KILL"), Some(137));
    // without `daemon off;` nginx forks and the main process exits
    assert_eq!(
        spawn(&mut sys, &argv(&["nginx"]), &ctx("/"), &mut out),
        Exit::Code(0)
    );
}

#[test]
fn dotnet_app_prints_every_second() {
    let mut sys = MemSys::new(ubuntu_fs());
    add_prog(&mut sys, "/usr/bin/dotnet", "dotnet");
    sys.fs.mkdir_all("/usr/share/dotnet/sdk", 0o755, 0).unwrap();
    sys.fs.mkdir_all("/src/netcoretest", 0o755, 0).unwrap();
    sys.fs
        .write_file(
            "/src/netcoretest/netcoretest.csproj",
            Content::text("<Project Sdk=\"Microsoft.NET.Sdk\"/>\n"),
            0,
        )
        .unwrap();
    sys.fs
        .write_file(
            "/src/netcoretest/Program.cs",
            Content::text("static void Main(string[] args) { Console.WriteLine(\"Hello World!\"); while (true) { Console.WriteLine(\"Hello World22222!\"); System.Threading.Thread.Sleep(1000); } }"),
            0,
        )
        .unwrap();
    let mut out = Output::new();
    let c = ProcCtx {
        until: sys.now + 10_000,
        ..ctx("/src/netcoretest")
    };
    let r = spawn(
        &mut sys,
        &argv(&[
            "dotnet",
            "publish",
            "netcoretest.csproj",
            "-c",
            "Release",
            "-o",
            "/app/publish",
        ]),
        &c,
        &mut out,
    );
    assert_eq!(r, Exit::Code(0));
    assert!(out.stdout().ends_with("  netcoretest -> /src/netcoretest/bin/Release/netcoreapp3.0/netcoretest.dll\n  netcoretest -> /app/publish/\n"));
    let mut out = Output::new();
    let mut svc = match spawn(
        &mut sys,
        &argv(&["dotnet", "netcoretest.dll"]),
        &ctx("/app/publish"),
        &mut out,
    ) {
        Exit::Service(s) => s,
        other => panic!("{other:?}"),
    };
    assert_eq!(out.stdout(), "Hello World!\nHello World22222!\n");
    let mut out = Output::new();
    let t0 = sys.now;
    assert_eq!(
        service_advance(&mut sys, &mut svc, t0 + 3000, &mut out),
        None
    );
    assert_eq!(
        out.stdout(),
        "Hello World22222!\nHello World22222!\nHello World22222!\n"
    );
    assert_eq!(service_signal(&mut svc, "TERM"), Some(143));
}

#[test]
fn shell_loops_continue_after_their_horizon() {
    let mut sys = MemSys::new(ubuntu_fs());
    let mut out = Output::new();
    let c = ctx("/");
    let script = argv(&[
        "sh",
        "-c",
        "i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done",
    ]);
    assert_eq!(spawn(&mut sys, &script, &c, &mut out), Exit::Blocked);
    assert_eq!(out.stdout(), "tick 1\n");
    // kept as a replayed service, it prints what it prints later
    let t0 = sys.now;
    let mut svc = Service::Replay {
        argv: script,
        ctx: c.clone(),
        started: t0,
        emitted: out.stdout().len(),
    };
    let mut more = Output::new();
    assert_eq!(
        service_advance(&mut sys, &mut svc, t0 + 2500, &mut more),
        None
    );
    assert_eq!(more.stdout(), "tick 2\ntick 3\n");
    let mut more = Output::new();
    service_advance(&mut sys, &mut svc, t0 + 3000, &mut more);
    assert_eq!(more.stdout(), "tick 4\n");
    assert_eq!(
        service_signal(&mut svc, "TERM"),
        None,
        "sh as PID 1 ignores TERM"
    );
    // a finite script ends
    let finite = argv(&["sh", "-c", "sleep 2; echo done"]);
    let mut out = Output::new();
    assert_eq!(spawn(&mut sys, &finite, &c, &mut out), Exit::Blocked);
    let mut svc = Service::Replay {
        argv: finite,
        ctx: c.clone(),
        started: t0,
        emitted: 0,
    };
    let mut more = Output::new();
    assert_eq!(
        service_advance(&mut sys, &mut svc, t0 + 5000, &mut more),
        Some(0)
    );
    assert_eq!(more.stdout(), "done\n");
}

#[test]
fn flask_app_serves_through_its_port() {
    let mut sys = MemSys::new(python_fs());
    let mut out = Output::new();
    let c = ProcCtx {
        until: sys.now + 60_000,
        ..ctx("/app")
    };
    sys.fs.mkdir_all("/app", 0o755, 0).unwrap();
    sys.fs
        .write_file("/app/requirements.txt", Content::text("flask\n"), 0)
        .unwrap();
    sys.fs
        .write_file(
            "/app/app.py",
            Content::text("from flask import Flask\nimport os\n\napp = Flask(__name__)\n\n@app.route(\"/\")\ndef hello():\n    name = os.environ.get(\"NAME\", \"Docker\")\n    return f\"Hello, {name}!\\n\"\n\nif __name__ == \"__main__\":\n    app.run(host=\"0.0.0.0\", port=8000)\n"),
            0,
        )
        .unwrap();
    let r = spawn(&mut sys, &argv(&["python", "app.py"]), &c, &mut out);
    assert_eq!(r, Exit::Code(1));
    assert_eq!(
        out.stderr(),
        "Traceback (most recent call last):\n  File \"/app/app.py\", line 1, in <module>\n    from flask import Flask\nModuleNotFoundError: No module named 'flask'\n"
    );
    assert_eq!(
        spawn(
            &mut sys,
            &argv(&["pip", "install", "-r", "requirements.txt"]),
            &c,
            &mut Output::new()
        ),
        Exit::Code(0)
    );
    let mut out = Output::new();
    let mut svc = match spawn(&mut sys, &argv(&["python", "app.py"]), &c, &mut out) {
        Exit::Service(s) => s,
        other => panic!("{other:?}"),
    };
    assert!(out
        .stderr()
        .starts_with(" * Serving Flask app 'app'\n * Debug mode: off\n"));
    assert!(out
        .stderr()
        .contains(" * Running on http://172.17.0.2:8000\n"));
    let mut log = Output::new();
    let r = service_http(&mut sys, &mut svc, &get("/"), &mut log);
    assert_eq!(
        (r.status, String::from_utf8_lossy(&r.body).to_string()),
        (200, "Hello, Docker!\n".to_string())
    );
    assert_eq!(
        log.stderr(),
        "172.17.0.1 - - [01/Jan/2025 00:00:01] \"GET / HTTP/1.1\" 200 -\n"
    );
    assert_eq!(
        service_http(&mut sys, &mut svc, &get("/missing"), &mut log).status,
        404
    );
}

#[test]
fn python_output_is_buffered_without_a_terminal() {
    let mut sys = MemSys::new(python_fs());
    sys.fs
        .write_file(
            "/loop.py",
            Content::text(
                "import time\nprint('start')\nwhile True:\n    print('tick')\n    time.sleep(1)\n",
            ),
            0,
        )
        .unwrap();
    let mut out = Output::new();
    let r = spawn(
        &mut sys,
        &argv(&["python", "/loop.py"]),
        &ctx("/"),
        &mut out,
    );
    assert_eq!(r, Exit::Blocked);
    assert_eq!(out.stdout(), "", "block-buffered: nothing yet");
    let c = ProcCtx {
        env: vec![("PYTHONUNBUFFERED".into(), "1".into())],
        ..ctx("/")
    };
    let mut out = Output::new();
    let py = argv(&["/usr/local/bin/python", "/loop.py"]);
    let t0 = sys.now;
    assert_eq!(spawn(&mut sys, &py, &c, &mut out), Exit::Blocked);
    assert_eq!(out.stdout(), "start\ntick\n");
    let mut svc = Service::Replay {
        argv: py,
        ctx: c.clone(),
        started: t0,
        emitted: out.stdout().len(),
    };
    let mut more = Output::new();
    service_advance(&mut sys, &mut svc, t0 + 2000, &mut more);
    assert_eq!(more.stdout(), "tick\ntick\n");
}

#[test]
fn interactive_shells_nest_and_exit() {
    let mut sys = MemSys::new(ubuntu_fs());
    let c = ProcCtx {
        tty: true,
        interactive: true,
        ..ctx("/")
    };
    let mut out = Output::new();
    let mut s = match spawn(&mut sys, &argv(&["/bin/bash"]), &c, &mut out) {
        Exit::Interactive(s) => *s,
        other => panic!("{other:?}"),
    };
    let mut out = Output::new();
    assert_eq!(shell_line(&mut sys, &mut s, "sh", &mut out), None);
    assert_eq!(s.shell.prompt("h"), "# ");
    assert_eq!(shell_line(&mut sys, &mut s, "nosuch", &mut out), None);
    assert_eq!(out.stderr(), "sh: 1: nosuch: not found\n");
    assert_eq!(shell_line(&mut sys, &mut s, "exit", &mut out), None);
    assert_eq!(s.shell.prompt("h"), "root@h:/# ");
    let mut out = Output::new();
    assert_eq!(shell_line(&mut sys, &mut s, "exit 5", &mut out), Some(5));
    assert_eq!(out.stderr(), "exit\n");
}

#[test]
fn python_repl_keeps_state_between_lines() {
    let mut sys = MemSys::new(python_fs());
    let c = ProcCtx {
        tty: true,
        interactive: true,
        ..ctx("/")
    };
    let mut out = Output::new();
    let mut s = match spawn(&mut sys, &argv(&["python3"]), &c, &mut out) {
        Exit::Interactive(s) => *s,
        other => panic!("{other:?}"),
    };
    assert!(out
        .stdout()
        .starts_with("Python 3.9.21 (main, Dec  4 2024, 08:58:41) [GCC 12.2.0] on linux\n"));
    assert_eq!(s.shell.prompt("h"), ">>> ");
    let mut line = |s: &mut dockerlings::userland::ShellSession, l: &str| {
        let mut o = Output::new();
        let r = shell_line(&mut sys, s, l, &mut o);
        (
            o.chunks.iter().map(|(_, t)| t.clone()).collect::<String>(),
            r,
        )
    };
    assert_eq!(line(&mut s, "x = 20"), (String::new(), None));
    assert_eq!(line(&mut s, "x * 2 + 2"), ("42\n".into(), None));
    assert_eq!(line(&mut s, "'hi ' + str(x)"), ("'hi 20'\n".into(), None));
    assert_eq!(line(&mut s, "for i in range(2):"), (String::new(), None));
    assert_eq!(s.shell.prompt("h"), "... ");
    assert_eq!(line(&mut s, "    print(i)"), (String::new(), None));
    assert_eq!(line(&mut s, ""), ("0\n1\n".into(), None));
    assert_eq!(
        line(&mut s, "y"),
        (
            "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nNameError: name 'y' is not defined\n".into(),
            None
        )
    );
    assert_eq!(line(&mut s, "exit()"), (String::new(), Some(0)));
}
