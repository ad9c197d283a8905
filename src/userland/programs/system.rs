//! System tools: pwd, env, whoami, id, hostname, uname, which, ps, kill,
//! sleep, date, clear, true/false, yes, nproc, free, uptime, systemctl,
//! service, the editors (vim, vi, nano) and the `docker` client.

use super::{bad_option, Flow, Opts, Proc};
pub use crate::engine::clock::strftime;
use crate::engine::clock::{civil, Millis};
use crate::userland::process::Service;
use crate::userland::{Action, Output, Sys, SysKind};

pub fn pwd(p: &mut Proc) -> Result<i32, Flow> {
    p.out.outln(p.ctx.cwd.clone());
    Ok(0)
}

pub fn true_prog(_: &mut Proc) -> Result<i32, Flow> {
    Ok(0)
}

pub fn false_prog(_: &mut Proc) -> Result<i32, Flow> {
    Ok(1)
}

pub fn env(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let mut env = p.ctx.env.clone();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a == "-i" || a == "-" {
            env.clear();
        } else if let Some(u) = a.strip_prefix("-u") {
            let k = if u.is_empty() {
                i += 1;
                args.get(i).cloned().unwrap_or_default()
            } else {
                u.to_string()
            };
            env.retain(|(x, _)| *x != k);
        } else if let Some((k, v)) = a.split_once('=') {
            env.retain(|(x, _)| x != k);
            env.push((k.to_string(), v.to_string()));
        } else {
            break;
        }
        i += 1;
    }
    if i >= args.len() {
        for (k, v) in env {
            p.out.outln(format!("{k}={v}"));
        }
        return Ok(0);
    }
    let argv = args[i..].to_vec();
    let pv = env
        .iter()
        .rev()
        .find(|(k, _)| k == "PATH")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| super::DEFAULT_PATH.into());
    match super::lookup(p.sys, &argv[0], &pv, &p.ctx.cwd) {
        super::Lookup::Found(f) => {
            let mut ctx = p.ctx.clone();
            ctx.env = env;
            super::exec(p.sys, &f, &argv, &ctx, p.out, p.lim)
        }
        _ => {
            p.errln(format!("'{}': No such file or directory", argv[0]));
            Ok(127)
        }
    }
}

pub fn printenv(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    if args.is_empty() {
        for (k, v) in p.ctx.env.clone() {
            p.out.outln(format!("{k}={v}"));
        }
        return Ok(0);
    }
    let mut code = 0;
    for a in args {
        match p.getenv(&a) {
            Some(v) => p.out.outln(v),
            None => code = 1,
        }
    }
    Ok(code)
}

fn user_of(p: &Proc) -> String {
    if p.ctx.user.is_empty() || p.ctx.user == "0" {
        "root".into()
    } else {
        p.ctx.user.clone()
    }
}

pub fn whoami(p: &mut Proc) -> Result<i32, Flow> {
    let u = user_of(p);
    p.out.outln(u);
    Ok(0)
}

pub fn id(p: &mut Proc) -> Result<i32, Flow> {
    let u = user_of(p);
    let (uid, gid) = lookup_ids(p, &u);
    let args = p.args();
    if args.iter().any(|a| a == "-u") {
        if args.iter().any(|a| a == "-n") {
            p.out.outln(u);
        } else {
            p.out.outln(uid.to_string());
        }
        return Ok(0);
    }
    if args.iter().any(|a| a == "-g") {
        p.out.outln(gid.to_string());
        return Ok(0);
    }
    let groups = if uid == 0 && p.is_busybox() {
        "0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)".to_string()
    } else {
        format!(
            "{gid}({})",
            if gid == 0 {
                "root".to_string()
            } else {
                u.clone()
            }
        )
    };
    p.out.outln(format!(
        "uid={uid}({u}) gid={gid}({}) groups={groups}",
        if gid == 0 {
            "root".to_string()
        } else {
            u.clone()
        }
    ));
    Ok(0)
}

fn lookup_ids(p: &mut Proc, user: &str) -> (u32, u32) {
    if user == "root" {
        return (0, 0);
    }
    if let Ok(b) = p.read("/etc/passwd") {
        for l in String::from_utf8_lossy(&b).lines() {
            let f: Vec<&str> = l.split(':').collect();
            if f.len() > 3 && (f[0] == user || f[2] == user) {
                return (f[2].parse().unwrap_or(0), f[3].parse().unwrap_or(0));
            }
        }
    }
    let n = user.parse().unwrap_or(1000);
    (n, n)
}

pub fn hostname(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    match args.first().map(String::as_str) {
        Some("-I") | Some("--all-ip-addresses") => {
            let ips: Vec<String> = p
                .sys
                .interfaces()
                .into_iter()
                .filter(|i| i.name != "lo")
                .filter_map(|i| i.addr.map(|(a, _)| a))
                .collect();
            p.out.outln(format!("{} ", ips.join(" ")));
        }
        Some("-i") | Some("--ip-address") => {
            let ip = p
                .sys
                .interfaces()
                .into_iter()
                .filter(|i| i.name != "lo")
                .find_map(|i| i.addr.map(|(a, _)| a))
                .unwrap_or_else(|| "127.0.1.1".into());
            p.out.outln(ip);
        }
        Some("-s") | Some("-f") | None => {
            let h = p.sys.hostname();
            p.out.outln(h);
        }
        Some(a) if a.starts_with('-') => {
            return bad_option(
                p,
                &format!("invalid option -- '{}'", a.trim_start_matches('-')),
                1,
            )
        }
        Some(_) => {
            p.errln("you must be root to change the host name");
            return Ok(1);
        }
    }
    Ok(0)
}

const KERNEL: &str = "6.8.0-51-generic";
const KVERSION: &str = "#52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024";

pub fn uname(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    let host = p.sys.hostname();
    let all = o.has('a') || o.long("all");
    let mut parts: Vec<String> = Vec::new();
    let want = |c: char| all || o.has(c);
    if want('s') || (!all && o.flags.is_empty()) {
        parts.push("Linux".into());
    }
    if want('n') {
        parts.push(host);
    }
    if want('r') {
        parts.push(KERNEL.into());
    }
    if want('v') {
        parts.push(KVERSION.into());
    }
    if want('m') {
        parts.push("x86_64".into());
    }
    if all && !p.is_busybox() {
        parts.push("x86_64".into());
        parts.push("x86_64".into());
    }
    if want('o') {
        parts.push(if p.is_busybox() { "Linux" } else { "GNU/Linux" }.into());
    }
    p.out.outln(parts.join(" "));
    Ok(0)
}

pub fn which(p: &mut Proc) -> Result<i32, Flow> {
    let args: Vec<String> = p
        .args()
        .into_iter()
        .filter(|a| !a.starts_with('-'))
        .collect();
    if args.is_empty() {
        return Ok(1);
    }
    let pv = p
        .getenv("PATH")
        .unwrap_or_else(|| super::DEFAULT_PATH.into());
    let mut code = 0;
    for a in args {
        match super::lookup(p.sys, &a, &pv, &p.ctx.cwd) {
            super::Lookup::Found(f) => p.out.outln(f.path),
            _ => code = 1,
        }
    }
    Ok(code)
}

fn hhmm(ms: Millis) -> String {
    let (_, t) = civil(ms);
    t.get(..5).unwrap_or("00:00").to_string()
}

pub fn ps(p: &mut Proc) -> Result<i32, Flow> {
    let mut procs = p.sys.processes();
    let now = p.lim.clock;
    if procs.is_empty() {
        procs.push(crate::userland::ProcInfo {
            pid: 1,
            user: user_of(p),
            started: now,
            cmd: if p.is_busybox() { "/bin/sh" } else { "bash" }.into(),
            tty: true,
        });
    }
    let me = procs.iter().map(|x| x.pid).max().unwrap_or(0) + 1 + (procs.len() as u32 * 6);
    let args = p.args().join(" ");
    procs.push(crate::userland::ProcInfo {
        pid: me,
        user: user_of(p),
        started: now,
        cmd: p.argv.join(" "),
        tty: true,
    });
    if p.is_busybox() {
        p.out.outln("PID   USER     TIME  COMMAND");
        for x in procs {
            p.out.outln(format!(
                "{:>5} {:<8} {:>5} {}",
                x.pid, x.user, "0:00", x.cmd
            ));
        }
        return Ok(0);
    }
    let bsd = args.contains("aux") || args.contains("ax") || args.contains("-aux");
    let full = args.contains("-ef") || args.contains("-f");
    let every = bsd || full || args.contains("-e") || args.contains("-A");
    if bsd {
        p.out
            .outln("USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND");
        for x in procs {
            let tty = if x.tty { "pts/0" } else { "?" };
            let stat = if x.pid == me {
                "R+"
            } else if x.pid == 1 {
                "Ss"
            } else {
                "S"
            };
            let (vsz, rss) = if x.pid == me {
                (7888, 3968)
            } else {
                (4588, 3712)
            };
            p.out.outln(format!(
                "{:<8} {:>7}  0.0  0.0 {:>6} {:>5} {:<8} {:<4} {}   0:00 {}",
                x.user,
                x.pid,
                vsz,
                rss,
                tty,
                stat,
                hhmm(x.started),
                x.cmd
            ));
        }
    } else if full {
        p.out
            .outln("UID          PID    PPID  C STIME TTY          TIME CMD");
        for x in procs {
            let ppid = if x.pid == 1 { 0 } else { 1 };
            let tty = if x.tty { "pts/0" } else { "?" };
            p.out.outln(format!(
                "{:<8} {:>7} {:>7}  0 {} {:<8} 00:00:00 {}",
                x.user,
                x.pid,
                ppid,
                hhmm(x.started),
                tty,
                x.cmd
            ));
        }
    } else {
        p.out.outln("    PID TTY          TIME CMD");
        for x in procs.into_iter().filter(|x| every || x.tty) {
            let name = x
                .cmd
                .split_whitespace()
                .next()
                .unwrap_or("")
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string();
            let tty = if x.tty { "pts/0" } else { "?" };
            p.out
                .outln(format!("{:>7} {:<8} 00:00:00 {}", x.pid, tty, name));
        }
    }
    Ok(0)
}

const SIGNALS: &[(&str, u32)] = &[
    ("HUP", 1),
    ("INT", 2),
    ("QUIT", 3),
    ("KILL", 9),
    ("USR1", 10),
    ("USR2", 12),
    ("TERM", 15),
    ("CONT", 18),
    ("STOP", 19),
];

fn kill_impl(
    sys: &mut dyn Sys,
    args: &[String],
    prefix: &str,
    out: &mut Output,
) -> Result<i32, Flow> {
    let mut sig = "TERM".to_string();
    let mut pids = Vec::new();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a == "-l" || a == "-L" {
            out.outln(" 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 9) SIGKILL\t10) SIGUSR1\n12) SIGUSR2\t15) SIGTERM\t18) SIGCONT\t19) SIGSTOP");
            return Ok(0);
        } else if a == "-s" {
            i += 1;
            sig = args.get(i).cloned().unwrap_or_default();
        } else if let Some(s) = a.strip_prefix('-') {
            let s = s.trim_start_matches("SIG");
            sig = match s.parse::<u32>() {
                Ok(n) => SIGNALS
                    .iter()
                    .find(|(_, k)| *k == n)
                    .map(|(x, _)| x.to_string())
                    .unwrap_or_else(|| n.to_string()),
                Err(_) => s.to_string(),
            };
        } else {
            pids.push(a.clone());
        }
        i += 1;
    }
    if !SIGNALS.iter().any(|(n, _)| *n == sig) {
        out.errln(format!(
            "{prefix}: kill: {sig}: invalid signal specification"
        ));
        return Ok(1);
    }
    if pids.is_empty() {
        out.errln("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]");
        return Ok(2);
    }
    let mut code = 0;
    for pid in pids {
        match pid.parse::<u32>() {
            Ok(n) => {
                if let Err(e) = sys.signal(n, &sig) {
                    out.errln(format!("{prefix}: kill: ({pid}) - {e}"));
                    code = 1;
                }
            }
            Err(_) => {
                out.errln(format!(
                    "{prefix}: kill: {pid}: arguments must be process or job IDs"
                ));
                code = 1;
            }
        }
    }
    Ok(code)
}

/// The shell's `kill` builtin.
pub fn kill_builtin(
    sys: &mut dyn Sys,
    args: &[String],
    prefix: &str,
    out: &mut Output,
) -> Result<i32, Flow> {
    kill_impl(sys, args, prefix, out)
}

pub fn kill(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    kill_impl(p.sys, &args, "kill", p.out)
}

/// Parses `sleep` durations (`1`, `0.5`, `2m`, `1h`, `1d`).
pub fn parse_duration(s: &str) -> Option<Millis> {
    let (num, mult) = match s.chars().last()? {
        's' => (&s[..s.len() - 1], 1000.0),
        'm' => (&s[..s.len() - 1], 60_000.0),
        'h' => (&s[..s.len() - 1], 3_600_000.0),
        'd' => (&s[..s.len() - 1], 86_400_000.0),
        _ => (s, 1000.0),
    };
    let v: f64 = num.parse().ok()?;
    if v < 0.0 || !v.is_finite() {
        return None;
    }
    Some((v * mult) as Millis)
}

pub fn sleep_prog(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    if args.is_empty() {
        p.errln("missing operand");
        if !p.is_busybox() {
            p.out.errln("Try 'sleep --help' for more information.");
        }
        return Ok(1);
    }
    let mut total: Millis = 0;
    for a in &args {
        if a == "infinity" || a == "inf" {
            return Err(super::service_flow(Service::Waiting));
        }
        match parse_duration(a) {
            Some(ms) => total += ms,
            None => {
                if p.is_busybox() {
                    p.errln(format!("invalid number '{a}'"));
                } else {
                    p.errln(format!("invalid time interval '{a}'"));
                    p.out.errln("Try 'sleep --help' for more information.");
                }
                return Ok(1);
            }
        }
    }
    p.sleep(total)?;
    Ok(0)
}

pub fn date(p: &mut Proc) -> Result<i32, Flow> {
    let now = p.lim.clock;
    let args = p.args();
    let fmt = args.iter().find_map(|a| a.strip_prefix('+'));
    let s = match fmt {
        Some(f) => strftime(now, f),
        None if args.iter().any(|a| a == "-R") => strftime(now, "%a, %d %b %Y %T +0000"),
        None if args.iter().any(|a| a == "-I") => strftime(now, "%F"),
        None => strftime(now, "%a %b %e %T UTC %Y"),
    };
    p.out.outln(s);
    Ok(0)
}

pub fn clear(p: &mut Proc) -> Result<i32, Flow> {
    if p.ctx.tty {
        p.out.action = Some(Action::Clear);
        return Ok(0);
    }
    if p.getenv("TERM").is_none() {
        p.out.errln("TERM environment variable not set.");
        return Ok(1);
    }
    p.out.out("\x1b[H\x1b[2J\x1b[3J");
    Ok(0)
}

pub fn yes(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let word = if args.is_empty() {
        "y".to_string()
    } else {
        args.join(" ")
    };
    let line = format!("{word}\n");
    let limit = if p.ctx.in_pipe {
        64 * 1024
    } else {
        super::OUTPUT_CAP + 1
    };
    let mut chunk = String::new();
    while chunk.len() < 8192 {
        chunk.push_str(&line);
    }
    let mut written = 0;
    while written < limit {
        p.out.out(&chunk);
        written += chunk.len();
    }
    if p.ctx.in_pipe {
        // the reader stopped: SIGPIPE
        return Ok(141);
    }
    p.lim.written += written;
    Err(Flow::OutputCap)
}

pub fn nproc(p: &mut Proc) -> Result<i32, Flow> {
    p.out.outln("2");
    Ok(0)
}

pub fn free(p: &mut Proc) -> Result<i32, Flow> {
    let h = p.args().iter().any(|a| a == "-h");
    if h {
        p.out.outln("               total        used        free      shared  buff/cache   available\nMem:            15Gi       2.1Gi        10Gi        12Mi       3.2Gi        13Gi\nSwap:          4.0Gi          0B       4.0Gi");
    } else {
        p.out.outln("               total        used        free      shared  buff/cache   available\nMem:        16340136     2202112    10792532       12288     3345492    13845024\nSwap:        4194300           0     4194300");
    }
    Ok(0)
}

pub fn uptime(p: &mut Proc) -> Result<i32, Flow> {
    let t = strftime(p.lim.clock, "%T");
    p.out.outln(format!(
        " {t} up 1 day,  2:03,  1 user,  load average: 0.08, 0.03, 0.01"
    ));
    Ok(0)
}

fn docker_unit(p: &mut Proc, verb: &str) -> Result<i32, Flow> {
    match verb {
        "restart" | "start" | "reload" | "try-restart" | "reload-or-restart" => {
            match p.sys.restart_docker() {
                Ok(()) => Ok(0),
                Err(e) => {
                    p.out.errln(e);
                    Ok(1)
                }
            }
        }
        "stop" | "kill" => {
            p.sys.stop_docker();
            p.out.errln("Warning: Stopping docker.service, but it can still be activated by:\n  docker.socket");
            Ok(0)
        }
        "status" if p.sys.docker_active_since().is_none() => {
            p.out.outln("○ docker.service - Docker Application Container Engine\n     Loaded: loaded (/usr/lib/systemd/system/docker.service; enabled; preset: enabled)\n     Active: inactive (dead)\nTriggeredBy: ● docker.socket\n       Docs: https://docs.docker.com");
            Ok(3)
        }
        "status" => {
            let since = p.sys.docker_active_since().unwrap_or(p.lim.clock);
            let when = strftime(since, "%a %F %T UTC");
            p.out.outln(format!(
                "● docker.service - Docker Application Container Engine\n     Loaded: loaded (/usr/lib/systemd/system/docker.service; enabled; preset: enabled)\n     Active: active (running) since {when}\nTriggeredBy: ● docker.socket\n       Docs: https://docs.docker.com\n   Main PID: 1234 (dockerd)\n      Tasks: 9\n     Memory: 38.2M (peak: 39.0M)\n        CPU: 312ms\n     CGroup: /system.slice/docker.service\n             └─1234 /usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock"
            ));
            Ok(0)
        }
        "is-active" => match p.sys.docker_active_since() {
            Some(_) => {
                p.out.outln("active");
                Ok(0)
            }
            None => {
                p.out.outln("inactive");
                Ok(3)
            }
        },
        "enable" | "disable" | "daemon-reload" => Ok(0),
        _ => {
            p.out.errln(format!("Unknown command verb '{verb}'."));
            Ok(1)
        }
    }
}

pub fn systemctl(p: &mut Proc) -> Result<i32, Flow> {
    let args: Vec<String> = p
        .args()
        .into_iter()
        .filter(|a| !a.starts_with('-'))
        .collect();
    if !matches!(p.sys.kind(), SysKind::Host(_)) {
        p.out.errln("System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down");
        return Ok(1);
    }
    let verb = args.first().cloned().unwrap_or_else(|| "list-units".into());
    if verb == "daemon-reload" {
        return Ok(0);
    }
    let unit = args.get(1).cloned().unwrap_or_default();
    let unit = unit.trim_end_matches(".service");
    match unit {
        "docker" => docker_unit(p, &verb),
        "" => {
            p.out.errln("Too few arguments.");
            Ok(1)
        }
        u => {
            p.out.errln(format!(
                "Failed to {verb} {u}.service: Unit {u}.service not found."
            ));
            Ok(5)
        }
    }
}

/// `journalctl -u docker [-n N] [--no-pager]`: dockerd's journal (its
/// debug log of API calls when `daemon.json` has `"debug": true`).
pub fn journalctl(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let mut unit = None;
    let mut lines: Option<usize> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "-u" | "--unit" => {
                unit = args.get(i + 1).cloned();
                i += 1;
            }
            "-n" | "--lines" => {
                lines = args.get(i + 1).and_then(|n| n.parse().ok());
                i += 1;
            }
            "--no-pager" | "-q" | "--quiet" => {}
            _ if a.starts_with("--unit=") => unit = Some(a["--unit=".len()..].to_string()),
            _ if a.starts_with("-u") && a.len() > 2 => unit = Some(a[2..].to_string()),
            _ if a.starts_with("-n") && a.len() > 2 => lines = a[2..].parse().ok(),
            _ => {
                p.out.errln(format!(
                    "dockerlings: journalctl: the {a} option is not available in this sandbox"
                ));
                return Ok(2);
            }
        }
        i += 1;
    }
    let unit = unit.unwrap_or_default();
    let unit = unit.trim_end_matches(".service");
    let host = p.sys.hostname();
    let entries = if unit == "docker" {
        p.sys.docker_journal()
    } else {
        Vec::new()
    };
    if entries.is_empty() {
        p.out.outln("-- No entries --");
        return Ok(0);
    }
    let skip = lines.map_or(0, |n| entries.len().saturating_sub(n));
    for (at, msg) in &entries[skip..] {
        p.out.outln(format!(
            "{} {host} dockerd[1234]: {msg}",
            strftime(*at, "%b %d %T")
        ));
    }
    Ok(0)
}

pub fn service(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    if args.len() < 2 {
        p.out.errln("Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]");
        return Ok(1);
    }
    if args[0] == "docker" && matches!(p.sys.kind(), SysKind::Host(_)) {
        return docker_unit(p, &args[1]);
    }
    p.out.errln(format!("{}: unrecognized service", args[0]));
    Ok(1)
}

pub fn editor(p: &mut Proc) -> Result<i32, Flow> {
    let name = p.name();
    let editor = match name.as_str() {
        "nano" => "nano",
        "vi" if p.is_busybox() => "vi",
        "vi" | "vim" | "vim.basic" | "vim.tiny" => "vim",
        other => other,
    }
    .to_string();
    let file = p
        .args()
        .into_iter()
        .find(|a| !a.starts_with('-') && !a.starts_with('+'));
    if !p.ctx.tty {
        if editor == "vim" {
            p.out.errln("Vim: Warning: Output is not to a terminal");
            p.out.errln("Vim: Warning: Input is not from a terminal");
        } else {
            p.out.errln("Too many errors from stdin");
        }
        return Ok(1);
    }
    let path = file.map(|f| p.abs(&f)).unwrap_or_default();
    if let Ok(crate::engine::fs::Entry::Dir { .. }) = {
        let (fs, inner) = p.sys.fs_for_ref(&path);
        fs.stat(&inner).cloned()
    } {
        if !path.is_empty() {
            p.errln(format!("\"{path}\" is a directory"));
            return Ok(1);
        }
    }
    p.out.action = Some(Action::Edit { path, editor });
    Ok(0)
}

pub fn docker(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let stdin = p.ctx.stdin.clone().unwrap_or_default();
    let cwd = p.ctx.cwd.clone();
    let env = p.ctx.env.clone();
    Ok(p.sys.docker_in(&args, &stdin, &cwd, &env, p.out))
}
