//! The programs images carry. A program exists only where the filesystem
//! holds its binary: [`lookup`] searches `PATH`, follows symlinks and reads
//! the file — a `Content::program(name, …)` seed names the implementation
//! (busybox applets dispatch on the name they were called by), a `#!` script
//! runs its interpreter, a text file without one runs under the shell.

pub mod applets;
pub mod awk;
pub mod base64;
pub mod cmp;
pub mod diff;
pub mod expr;
pub mod files;
pub mod gzip;
pub mod lines;
pub mod locale;
pub mod misc;
pub mod net;
pub mod od;
pub mod operand;
pub mod opts;
pub mod pkg;
pub mod python;
pub mod registry;
pub mod run;
pub mod servers;
pub mod ssh;
pub mod sums;
pub mod system;
pub mod text;

use crate::engine::clock::Millis;
use crate::engine::fs::{path, program_seed, Content, Entry, FsError};
use crate::userland::process::Service;
use crate::userland::shell::{Shell, ShellKind};
use crate::userland::{Output, Sys};

/// `PATH` when the environment has none (Docker's default).
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Bytes a command may print before it is stopped.
pub const OUTPUT_CAP: usize = 256 * 1024;

/// Steps (commands, loop iterations) a command may take.
pub const STEP_BUDGET: u64 = 100_000;

/// Why a running program stopped other than by returning normally.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flow {
    /// `exit N` (or a fatal shell error).
    Exit(i32),
    /// A command failed with this status before running (expansion error).
    Error(i32),
    Return(i32),
    Break(u32),
    Continue(u32),
    /// The step budget ran out.
    Budget,
    /// The output cap was reached.
    OutputCap,
    /// The process clock reached its horizon (`Limits::until`).
    Blocked,
    /// The program became a long-lived service.
    Service(Box<Service>),
    /// An interactive shell started and waits for input.
    Interactive(Box<Shell>),
}

/// `Flow::Service` for `s`.
pub fn service_flow(s: Service) -> Flow {
    Flow::Service(Box::new(s))
}

/// What bounds a run: steps, output, and the process clock.
#[derive(Clone, Debug)]
pub struct Limits {
    pub steps: u64,
    pub written: usize,
    /// The process's own clock.
    pub clock: Millis,
    /// Blocked when `clock` would pass this.
    pub until: Millis,
    /// Whether `sleep` also advances the system clock (`Sys::sleep`).
    pub live: bool,
    /// exec depth (scripts calling interpreters).
    pub depth: u32,
}

impl Limits {
    pub fn new(now: Millis, until: Millis, steps: u64) -> Limits {
        Limits {
            steps,
            written: 0,
            clock: now,
            until,
            live: true,
            depth: 0,
        }
    }
    pub fn now_secs(&self) -> i64 {
        self.clock.div_euclid(1000)
    }
}

/// The environment a program starts with.
#[derive(Clone, Debug, Default)]
pub struct Ctx {
    pub env: Vec<(String, String)>,
    pub cwd: String,
    pub user: String,
    pub stdin: Option<Vec<u8>>,
    pub tty: bool,
    pub interactive: bool,
    /// Stdout is a pipe to another command.
    pub in_pipe: bool,
    /// Extra open descriptors inherited from a shell (`exec 3>&1`): fd and
    /// what it points to (1 stdout, 2 stderr, -1 /dev/null).
    pub fds: Vec<(i32, i32)>,
}

/// GNU coreutils or busybox wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Gnu,
    Busybox,
}

/// A running program.
pub struct Proc<'a> {
    pub sys: &'a mut dyn Sys,
    pub argv: Vec<String>,
    pub ctx: &'a Ctx,
    pub out: &'a mut Output,
    pub lim: &'a mut Limits,
    pub flavor: Flavor,
    /// The resolved file that runs.
    pub exe: String,
}

impl Proc<'_> {
    /// The program's name for messages (`ls`).
    pub fn name(&self) -> String {
        path::file_name(self.argv.first().map(String::as_str).unwrap_or("")).to_string()
    }
    pub fn args(&self) -> Vec<String> {
        self.argv.iter().skip(1).cloned().collect()
    }
    pub fn getenv(&self, k: &str) -> Option<String> {
        self.ctx
            .env
            .iter()
            .rev()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.clone())
    }
    pub fn abs(&self, p: &str) -> String {
        path::join(&self.ctx.cwd, p)
    }
    /// Prints `name: msg` on stderr.
    pub fn errln(&mut self, msg: impl AsRef<str>) {
        let n = self.name();
        self.out.errln(format!("{n}: {}", msg.as_ref()));
    }
    pub fn read(&mut self, p: &str) -> Result<Vec<u8>, FsError> {
        let a = self.abs(p);
        read_file(self.sys, &a)
    }
    pub fn write(&mut self, p: &str, data: &[u8]) -> Result<(), FsError> {
        let a = self.abs(p);
        write_file(self.sys, &a, data, self.lim.now_secs())
    }
    pub fn stdin_text(&self) -> String {
        String::from_utf8_lossy(self.ctx.stdin.as_deref().unwrap_or(&[])).into_owned()
    }
    /// Sleeps `ms` on the process clock; `Err(Blocked)` at the horizon.
    pub fn sleep(&mut self, ms: Millis) -> Result<(), Flow> {
        sleep(self.sys, self.lim, ms)
    }
    pub fn is_busybox(&self) -> bool {
        self.flavor == Flavor::Busybox
    }
}

/// Advances the process clock by `ms`.
pub fn sleep(sys: &mut dyn Sys, lim: &mut Limits, ms: Millis) -> Result<(), Flow> {
    if lim.clock + ms > lim.until {
        let left = (lim.until - lim.clock).max(0);
        if lim.live {
            sys.sleep(left);
        }
        lim.clock = lim.until;
        return Err(Flow::Blocked);
    }
    lim.clock += ms;
    if lim.live {
        sys.sleep(ms);
    }
    Ok(())
}

/// Reads a file through the mount table.
pub fn read_file(sys: &mut dyn Sys, p: &str) -> Result<Vec<u8>, FsError> {
    let (fs, inner) = sys.fs_for_ref(p);
    fs.read(&inner)
}

/// Writes (creates or truncates) a file through the mount table.
pub fn write_file(sys: &mut dyn Sys, p: &str, data: &[u8], mtime: i64) -> Result<(), FsError> {
    let (fs, inner) = sys.fs_for(p);
    fs.write_file(&inner, Content::bytes(data.to_vec()), mtime)
}

/// Appends to a file, creating it.
pub fn append_file(sys: &mut dyn Sys, p: &str, data: &[u8], mtime: i64) -> Result<(), FsError> {
    let (fs, inner) = sys.fs_for(p);
    if data.is_empty() {
        return match fs.stat(&inner) {
            Ok(Entry::Dir { .. }) => Err(FsError::IsADirectory),
            Ok(_) => Ok(()),
            Err(FsError::NotFound) => fs.write_file(&inner, Content::text(""), mtime),
            Err(e) => Err(e),
        };
    }
    fs.append_file(&inner, data, mtime)
}

type ProgFn = fn(&mut Proc) -> Result<i32, Flow>;

/// Every program the userland implements, by the name its binary's seed
/// was made from.
pub const PROGRAMS: &[(&str, ProgFn)] = &[
    ("bash", shell_prog),
    ("dash", shell_prog),
    ("sh", shell_prog),
    ("ash", shell_prog),
    ("ls", files::ls),
    ("cat", files::cat),
    ("touch", files::touch),
    ("mkdir", files::mkdir),
    ("rm", files::rm),
    ("rmdir", files::rmdir),
    ("cp", files::cp),
    ("mv", files::mv),
    ("ln", files::ln),
    ("chmod", files::chmod),
    ("chown", files::chown),
    ("find", files::find),
    ("du", files::du),
    ("df", files::df),
    ("tar", files::tar),
    ("stat", files::stat),
    ("readlink", files::readlink),
    ("realpath", files::realpath),
    ("tee", files::tee),
    ("basename", files::basename),
    ("dirname", files::dirname),
    ("echo", text::echo_prog),
    ("printf", text::printf_prog),
    ("test", text::test_prog),
    ("[", text::test_prog),
    ("head", text::head),
    ("tail", text::tail),
    ("grep", text::grep),
    ("egrep", text::grep),
    ("fgrep", text::grep),
    ("wc", text::wc),
    ("sort", text::sort),
    ("uniq", text::uniq),
    ("cut", text::cut),
    ("tr", text::tr),
    ("seq", text::seq),
    ("xargs", text::xargs),
    ("sed", text::sed),
    ("awk", awk::awk),
    ("mawk", awk::awk),
    ("gawk", awk::awk),
    ("more", files::cat),
    ("less", files::cat),
    ("pwd", system::pwd),
    ("env", system::env),
    ("printenv", system::printenv),
    ("whoami", system::whoami),
    ("id", system::id),
    ("hostname", system::hostname),
    ("uname", system::uname),
    ("which", system::which),
    ("ps", system::ps),
    ("kill", system::kill),
    ("sleep", system::sleep_prog),
    ("date", system::date),
    ("clear", system::clear),
    ("true", system::true_prog),
    ("false", system::false_prog),
    ("yes", system::yes),
    ("nproc", system::nproc),
    ("free", system::free),
    ("uptime", system::uptime),
    ("systemctl", system::systemctl),
    ("journalctl", system::journalctl),
    ("service", system::service),
    ("vim", system::editor),
    ("vim.basic", system::editor),
    ("vim.tiny", system::editor),
    ("vi", system::editor),
    ("nano", system::editor),
    ("docker", system::docker),
    ("apt-get", pkg::apt_get),
    ("apt", pkg::apt),
    ("dpkg", pkg::dpkg),
    ("apk", pkg::apk),
    ("yum", pkg::yum),
    ("dnf", pkg::yum),
    ("pip", pkg::pip),
    ("pip3", pkg::pip),
    ("curl", net::curl),
    ("ssh", ssh::ssh),
    ("wget", net::wget),
    ("ip", net::ip),
    ("ifconfig", net::ifconfig),
    ("ping", net::ping),
    ("hello", servers::hello),
    ("nginx", servers::nginx),
    ("redis-server", servers::redis_server),
    ("redis-cli", servers::redis_cli),
    ("registry", servers::registry),
    ("dotnet", servers::dotnet),
    ("node", servers::node),
    ("python", python::python),
    ("python3", python::python),
    ("python3.9", python::python),
    ("python3.10", python::python),
    ("python3.11", python::python),
    ("python3.12", python::python),
    ("busybox", busybox),
    ("diff", diff::diff),
    ("cmp", cmp::cmp),
    ("md5sum", sums::sum),
    ("sha1sum", sums::sum),
    ("sha256sum", sums::sum),
    ("base64", base64::base64),
    ("expr", expr::expr),
    ("tac", lines::tac),
    ("rev", lines::rev),
    ("nl", lines::nl),
    ("paste", lines::paste),
    ("comm", lines::comm),
    ("fold", lines::fold),
    ("od", od::od),
    ("truncate", files::truncate),
    ("arch", misc::arch),
    ("sync", misc::sync),
    ("mktemp", misc::mktemp),
    ("cksum", misc::cksum),
    ("chgrp", misc::chgrp),
    ("install", misc::install),
    ("nohup", run::nohup),
    ("nice", run::nice),
    ("timeout", run::timeout),
    ("stdbuf", run::stdbuf),
    ("dd", misc::unavailable),
    ("numfmt", misc::unavailable),
    ("chroot", misc::unavailable),
    ("gzip", gzip::gzip),
    ("gunzip", gzip::gzip),
    ("zcat", gzip::gzip),
    ("uncompress", gzip::gzip),
    ("hexdump", misc::unavailable),
    ("strings", misc::unavailable),
    ("unzip", misc::unavailable),
    ("bzip2", misc::unavailable),
    ("xz", misc::unavailable),
];

fn find_prog(name: &str) -> Option<ProgFn> {
    PROGRAMS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// What kind of file runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An implemented program, and whether it is busybox.
    Native(String),
    Busybox,
    /// `#!interp [arg]`.
    Script {
        interp: String,
        arg: Option<String>,
    },
    /// A text file without `#!`: runs under the shell.
    ShellText,
    /// A binary the userland does not implement.
    Unknown,
}

/// A program file found by [`lookup`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The path as found (`/usr/bin/ls`).
    pub path: String,
    pub kind: Kind,
}

/// The result of looking a command name up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(Found),
    /// Not on PATH.
    NotFound,
    /// A path (with `/`) that does not exist.
    NoFile,
    IsDir,
    NoPerm,
}

/// Classifies the file at absolute `p`.
fn classify(sys: &mut dyn Sys, p: &str) -> Result<Kind, Lookup> {
    let (fs, inner) = sys.fs_for_ref(p);
    let real = fs.resolve(&inner, true).map_err(|_| Lookup::NoFile)?;
    let entry = fs.lookup(&real).ok_or(Lookup::NoFile)?;
    match entry {
        Entry::Dir { .. } => Err(Lookup::IsDir),
        Entry::File { meta, content } => {
            if meta.mode & 0o111 == 0 {
                return Err(Lookup::NoPerm);
            }
            Ok(match content {
                Content::Sized { seed, .. } => {
                    if *seed == program_seed("busybox") {
                        Kind::Busybox
                    } else if let Some((n, _)) =
                        PROGRAMS.iter().find(|(n, _)| program_seed(n) == *seed)
                    {
                        Kind::Native(n.to_string())
                    } else {
                        let base = path::file_name(&real);
                        if find_prog(base).is_some() {
                            Kind::Native(base.to_string())
                        } else {
                            Kind::Unknown
                        }
                    }
                }
                Content::Bytes(b) => {
                    if b.starts_with(b"#!") {
                        let line = b[2..].split(|c| *c == b'\n').next().unwrap_or(&[]);
                        let line = String::from_utf8_lossy(line).trim().to_string();
                        let mut it = line.splitn(2, char::is_whitespace);
                        let interp = it.next().unwrap_or("").to_string();
                        let arg = it
                            .next()
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty());
                        Kind::Script { interp, arg }
                    } else if b.starts_with(b"\x7fELF") {
                        Kind::Unknown
                    } else {
                        Kind::ShellText
                    }
                }
            })
        }
        _ => Err(Lookup::NoFile),
    }
}

/// Finds command `name` (a path when it contains `/`, else searched in
/// `path_var`).
pub fn lookup(sys: &mut dyn Sys, name: &str, path_var: &str, cwd: &str) -> Lookup {
    if name.is_empty() {
        return Lookup::NotFound;
    }
    if name.contains('/') {
        let p = path::join(cwd, name);
        return match classify(sys, &p) {
            Ok(kind) => Lookup::Found(Found { path: p, kind }),
            Err(e) => e,
        };
    }
    for dir in path_var.split(':') {
        let dir = if dir.is_empty() { "." } else { dir };
        let p = path::join(cwd, &format!("{dir}/{name}"));
        match classify(sys, &p) {
            Ok(kind) => return Lookup::Found(Found { path: p, kind }),
            Err(_) => continue,
        }
    }
    Lookup::NotFound
}

/// Runs a found program.
pub fn exec(
    sys: &mut dyn Sys,
    found: &Found,
    argv: &[String],
    ctx: &Ctx,
    out: &mut Output,
    lim: &mut Limits,
) -> Result<i32, Flow> {
    if lim.depth > 16 {
        out.errln(format!("{}: too many levels of interpreters", argv[0]));
        return Ok(126);
    }
    match &found.kind {
        Kind::Native(name) => {
            let Some(f) = find_prog(name) else {
                return Ok(126);
            };
            let mut p = Proc {
                sys,
                argv: argv.to_vec(),
                ctx,
                out,
                lim,
                flavor: Flavor::Gnu,
                exe: name.clone(),
            };
            f(&mut p)
        }
        Kind::Busybox => {
            let mut p = Proc {
                sys,
                argv: argv.to_vec(),
                ctx,
                out,
                lim,
                flavor: Flavor::Busybox,
                exe: "busybox".into(),
            };
            busybox(&mut p)
        }
        Kind::Script { interp, arg } => {
            let mut v = vec![interp.clone()];
            if let Some(a) = arg {
                v.push(a.clone());
            }
            v.push(found.path.clone());
            v.extend(argv.iter().skip(1).cloned());
            let path_var = DEFAULT_PATH;
            let (cmd, rest) = if path::file_name(interp) == "env" && v.len() > 1 {
                (v[1].clone(), v[1..].to_vec())
            } else {
                (interp.clone(), v.clone())
            };
            match lookup(sys, &cmd, path_var, &ctx.cwd) {
                Lookup::Found(f) => {
                    lim.depth += 1;
                    let r = exec(sys, &f, &rest, ctx, out, lim);
                    lim.depth -= 1;
                    r
                }
                _ => {
                    out.errln(format!(
                        "bash: {}: {interp}: bad interpreter: No such file or directory",
                        argv[0]
                    ));
                    Ok(126)
                }
            }
        }
        Kind::ShellText => {
            let mut v = vec!["sh".to_string(), found.path.clone()];
            v.extend(argv.iter().skip(1).cloned());
            let mut p = Proc {
                sys,
                argv: v,
                ctx,
                out,
                lim,
                flavor: Flavor::Gnu,
                exe: "bash".into(),
            };
            lim_depth(&mut p, shell_prog)
        }
        Kind::Unknown => {
            out.errln(format!(
                "bash: {}: cannot execute binary file: Exec format error",
                argv[0]
            ));
            Ok(126)
        }
    }
}

fn lim_depth(p: &mut Proc, f: ProgFn) -> Result<i32, Flow> {
    p.lim.depth += 1;
    let r = f(p);
    p.lim.depth -= 1;
    r
}

/// Applets a busybox binary answers to.
pub const BUSYBOX_APPLETS: &[&str] = &[
    "sh", "ash", "ls", "cat", "echo", "printf", "touch", "mkdir", "rm", "rmdir", "cp", "mv", "ln",
    "chmod", "chown", "find", "du", "df", "tar", "stat", "readlink", "realpath", "tee", "basename",
    "dirname", "test", "[", "head", "tail", "grep", "egrep", "fgrep", "wc", "sort", "uniq", "cut",
    "tr", "seq", "xargs", "sed", "awk", "more", "less", "pwd", "env", "printenv", "whoami", "id",
    "hostname", "uname", "which", "ps", "kill", "sleep", "date", "clear", "true", "false", "yes",
    "nproc", "free", "uptime", "vi", "wget", "ip", "ifconfig", "ping",
];

fn busybox(p: &mut Proc) -> Result<i32, Flow> {
    let mut name = p.name();
    if name == "busybox" {
        if p.argv.len() < 2 {
            p.out.outln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: function [arguments]...\n");
            return Ok(0);
        }
        if p.argv[1] == "--list" {
            let mut v: Vec<&str> = applets::all();
            v.sort();
            for a in v {
                p.out.outln(a);
            }
            return Ok(0);
        }
        p.argv.remove(0);
        name = p.name();
    }
    if !applets::has(&name) {
        p.out.errln(format!("{name}: applet not found"));
        return Ok(127);
    }
    p.flavor = Flavor::Busybox;
    match find_prog(&name) {
        Some(f) => f(p),
        None => Ok(127),
    }
}

/// `bash`, `dash`, `sh`: `-c CMD`, a script file, or commands on stdin; an
/// interactive shell when a terminal is attached and stdin is open.
pub fn shell_prog(p: &mut Proc) -> Result<i32, Flow> {
    let kind = match (p.exe.as_str(), p.flavor) {
        (_, Flavor::Busybox) => ShellKind::Ash,
        ("dash", _) => ShellKind::Dash,
        ("sh", _) | ("ash", _) => ShellKind::Ash,
        _ => ShellKind::Bash,
    };
    let args = p.args();
    let mut i = 0;
    let mut cmd: Option<String> = None;
    let mut opts: Vec<char> = Vec::new();
    let mut login = false;
    while i < args.len() {
        let a = &args[i];
        if a == "-c" {
            cmd = Some(args.get(i + 1).cloned().unwrap_or_default());
            if args.get(i + 1).is_none() {
                p.out
                    .errln(format!("{}: -c: option requires an argument", p.name()));
                return Ok(2);
            }
            i += 2;
            break;
        } else if a == "--login" || a == "-l" {
            login = true;
            i += 1;
        } else if a == "--" {
            i += 1;
            break;
        } else if let Some(f) = a
            .strip_prefix('-')
            .filter(|f| !f.is_empty() && !f.starts_with('-'))
        {
            for c in f.chars() {
                if c == 'c' {
                    cmd = Some(args.get(i + 1).cloned().unwrap_or_default());
                } else {
                    opts.push(c);
                }
            }
            i += if cmd.is_some() { 2 } else { 1 };
            if cmd.is_some() {
                break;
            }
        } else if a.starts_with("--") {
            i += 1;
        } else {
            break;
        }
    }
    let _ = login;
    let name = p.argv[0].clone();
    let mut sh = Shell::new(kind, &name, &p.ctx.cwd, &p.ctx.env);
    sh.user = if p.ctx.user.is_empty() {
        "root".into()
    } else {
        p.ctx.user.clone()
    };
    if sh.get("HOSTNAME").is_none() && kind == ShellKind::Bash {
        // bash sets HOSTNAME itself
        let h = p.sys.hostname();
        sh.set("HOSTNAME", &h);
    }
    if sh.get("HOME").is_none() {
        let home = if sh.user == "root" {
            "/root".to_string()
        } else {
            format!("/home/{}", sh.user)
        };
        sh.set("HOME", &home);
    }
    sh.errexit = opts.contains(&'e');
    sh.xtrace = opts.contains(&'x');
    sh.nounset = opts.contains(&'u');
    sh.in_pipe = p.ctx.in_pipe;
    sh.inherit_fds(&p.ctx.fds);
    let rest: Vec<String> = args.get(i..).unwrap_or(&[]).to_vec();
    let stdin = p.ctx.stdin.clone();
    let tty = p.ctx.tty;
    if let Some(c) = cmd {
        sh.script = true;
        if let Some(n0) = rest.first() {
            sh.name = n0.clone();
            sh.args = rest[1..].to_vec();
        }
        let r = sh.run_source(p.sys, &c, stdin, p.out, p.lim, tty);
        return finish(r);
    }
    if let Some(file) = rest.first() {
        let src = match p.read(file) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                let n = p.name();
                match kind {
                    ShellKind::Bash => p.out.errln(format!("{n}: {file}: {e}")),
                    ShellKind::Dash => p
                        .out
                        .errln(format!("{n}: 0: cannot open {file}: No such file")),
                    ShellKind::Ash => p.out.errln(format!("{n}: can't open '{file}': {e}")),
                }
                return Ok(if kind == ShellKind::Bash { 127 } else { 2 });
            }
        };
        sh.script = true;
        sh.name = file.clone();
        sh.args = rest[1..].to_vec();
        let r = sh.run_source(p.sys, &src, stdin, p.out, p.lim, tty);
        return finish(r);
    }
    match stdin {
        None if p.ctx.interactive => {
            sh.interactive = true;
            sh.tty = p.ctx.tty;
            Err(Flow::Interactive(Box::new(sh)))
        }
        None => Ok(0),
        Some(data) => {
            let src = String::from_utf8_lossy(&data).into_owned();
            sh.script = true;
            let r = sh.run_source(p.sys, &src, None, p.out, p.lim, tty);
            finish(r)
        }
    }
}

fn finish(r: Result<i32, Flow>) -> Result<i32, Flow> {
    match r {
        Err(Flow::Exit(c)) => Ok(c),
        Err(Flow::Return(c)) => Ok(c),
        Err(Flow::Break(_)) | Err(Flow::Continue(_)) => Ok(0),
        Err(Flow::Error(c)) => Ok(c),
        x => x,
    }
}

/// Parsed command-line options: single-letter flags (bundled), options
/// with values, long options, operands.
#[derive(Clone, Debug, Default)]
pub struct Opts {
    pub flags: Vec<char>,
    pub values: Vec<(char, String)>,
    pub longs: Vec<(String, Option<String>)>,
    pub operands: Vec<String>,
}

impl Opts {
    /// `with_value`: letters that take a value (`-n 5`, `-n5`).
    pub fn parse(args: &[String], with_value: &str) -> Result<Opts, String> {
        let mut o = Opts::default();
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if a == "--" {
                o.operands.extend(args[i + 1..].iter().cloned());
                break;
            }
            if let Some(l) = a.strip_prefix("--") {
                match l.split_once('=') {
                    Some((k, v)) => o.longs.push((k.to_string(), Some(v.to_string()))),
                    None => o.longs.push((l.to_string(), None)),
                }
            } else if a.len() > 1 && a.starts_with('-') && a != "-" {
                let cs: Vec<char> = a[1..].chars().collect();
                let mut k = 0;
                while k < cs.len() {
                    let c = cs[k];
                    if with_value.contains(c) {
                        let rest: String = cs[k + 1..].iter().collect();
                        let v = if !rest.is_empty() {
                            rest
                        } else {
                            i += 1;
                            match args.get(i) {
                                Some(v) => v.clone(),
                                None => {
                                    return Err(format!("option requires an argument -- '{c}'"))
                                }
                            }
                        };
                        o.values.push((c, v));
                        break;
                    }
                    o.flags.push(c);
                    k += 1;
                }
            } else {
                o.operands.push(a.clone());
            }
            i += 1;
        }
        Ok(o)
    }
    pub fn has(&self, c: char) -> bool {
        self.flags.contains(&c)
    }
    pub fn value(&self, c: char) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| *k == c)
            .map(|(_, v)| v.as_str())
    }
    pub fn long(&self, name: &str) -> bool {
        self.longs.iter().any(|(k, _)| k == name)
    }
    pub fn long_value(&self, name: &str) -> Option<&str> {
        self.longs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.as_deref())
    }
}

/// Reports an invalid option the GNU way (`ls: invalid option -- 'z'` +
/// `Try 'ls --help' for more information.`) or busybox's.
pub fn bad_option(p: &mut Proc, msg: &str, code: i32) -> Result<i32, Flow> {
    let n = p.name();
    p.out.errln(format!("{n}: {msg}"));
    if p.is_busybox() {
        p.out.errln(format!(
            "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: {n} [OPTIONS]"
        ));
    } else {
        p.out
            .errln(format!("Try '{n} --help' for more information."));
    }
    Ok(code)
}

/// Checks flags against the allowed set; prints the error for the first
/// unknown one.
pub fn check_flags(p: &mut Proc, o: &Opts, allowed: &str, code: i32) -> Option<i32> {
    for c in &o.flags {
        if !allowed.contains(*c) {
            let _ = bad_option(p, &format!("invalid option -- '{c}'"), code);
            return Some(code);
        }
    }
    None
}

/// Puts `e` at `p`, following symlinks in the parent path (`/sbin` →
/// `usr/sbin` on merged-/usr systems).
pub fn put_at(fs: &mut crate::engine::fs::UnionFs, p: &str, e: Entry) -> Result<(), FsError> {
    let par = path::parent(p);
    let parent = fs.resolve(par, true).unwrap_or_else(|_| par.to_string());
    fs.put(&path::child(&parent, path::file_name(p)), e)
}
