//! The native `dockerlings` binary: an interactive REPL on the same engine
//! as the browser, `script` mode that runs a file of commands
//! deterministically (plain transcript or one JSON object per command).

use dockerlings::sandbox::Sandbox;
use std::io::{BufRead, Read, Write};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        None => repl(),
        Some("script") => script(&args[1..]),
        Some("lint") => lint(&args[1..]),
        Some("fuzz") => dockerlings::fuzz::main(&args[1..]),
        Some("fuzz-worker") => dockerlings::fuzz::worker(&args[1..]),
        Some("daemon") => dockerlings::daemon::main(&args[1..]),
        Some("--help") | Some("-h") => {
            print!("{USAGE}");
            0
        }
        Some(other) => {
            eprintln!("dockerlings: unknown command '{other}'\n\n{USAGE}");
            2
        }
    };
    std::process::exit(code);
}

const USAGE: &str = "Usage:
  dockerlings                       interactive sandbox in this terminal
  dockerlings script [--json] FILE  run each line of FILE (- for stdin) as if typed
  dockerlings lint FILE...          check lesson files (see lessons/README.md)
  dockerlings fuzz [--seconds N]    fuzz every input surface (see README, Robustness)
  dockerlings daemon --socket PATH [--state FILE]  serve the Engine API on a Unix socket
";

/// `dockerlings lint FILE…`: prints each problem as `FILE:LINE: message`;
/// exit 1 if any file has problems, 2 if a file cannot be read.
fn lint(files: &[String]) -> i32 {
    if files.is_empty() {
        eprint!("{USAGE}");
        return 2;
    }
    let mut code = 0;
    for f in files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("dockerlings: {f}: {e}");
                code = 2;
                continue;
            }
        };
        let errors = dockerlings::lessons::lint(&text);
        for e in &errors {
            println!("{f}:{}: {}", e.line, e.message);
        }
        if errors.is_empty() {
            println!("{f}: ok");
        } else if code == 0 {
            code = 1;
        }
    }
    code
}

fn script(args: &[String]) -> i32 {
    let mut json = false;
    let mut file = None;
    for a in args {
        match a.as_str() {
            "--json" => json = true,
            f if file.is_none() => file = Some(f.to_string()),
            _ => {
                eprint!("{USAGE}");
                return 2;
            }
        }
    }
    let Some(file) = file else {
        eprint!("{USAGE}");
        return 2;
    };
    // invalid UTF-8 becomes U+FFFD: one bad byte must not reject a script
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(&file).map(|b| bytes = b)
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if let Err(e) = read {
        eprintln!("dockerlings: {file}: {e}");
        return 2;
    }
    let mut sb = Sandbox::new_script();
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    for line in dockerlings::sandbox::script_lines(&text) {
        let prompt = sb.prompt();
        let r = sb.run_line(&line);
        if json {
            let rec = ScriptRecord {
                command: &line,
                stdout: r.stdout(),
                stderr: r.stderr(),
                exit_code: r.exit_code,
            };
            let _ = writeln!(w, "{}", serde_json::to_string(&rec).unwrap_or_default());
        } else {
            let _ = writeln!(w, "{prompt}{line}");
            for (_, chunk) in &r.output.chunks {
                let _ = write!(w, "{chunk}");
            }
        }
    }
    0
}

/// One line of `script --json` output, keys in the documented order.
#[derive(serde::Serialize)]
struct ScriptRecord<'a> {
    command: &'a str,
    stdout: String,
    stderr: String,
    exit_code: i32,
}

fn repl() -> i32 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    let mut sb = Sandbox::new_live(now, now as u64);
    // This REPL reads whole lines: it cannot follow running output.
    sb.live_follow = false;
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        print!("{}", sb.prompt());
        let _ = std::io::stdout().flush();
        let Some(Ok(line)) = lines.next() else {
            println!();
            return 0;
        };
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        let r = sb.run_line_at(&line, now);
        for (stream, chunk) in &r.output.chunks {
            match stream {
                dockerlings::userland::Stream::Stdout => print!("{chunk}"),
                dockerlings::userland::Stream::Stderr => eprint!("{chunk}"),
            }
        }
    }
}
