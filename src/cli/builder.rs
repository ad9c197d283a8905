//! Build commands: build, buildx build, builder prune.
//! Owns the handlers of these commands; their grammar is in `cli::spec`.
//!
//! The client side of `docker build`: resolves the context directory and
//! the Dockerfile against the shell's working directory, reads the context
//! from the host filesystem (`.dockerignore` honoured), prints `Sending
//! build context to Docker daemon`, calls the daemon's builder and renders
//! its progress as the classic builder (default), or as BuildKit's plain
//! progress when `DOCKER_BUILDKIT=1` is set or for `docker buildx build`.

use super::format::units::human_size;
use super::parse::Invocation;
use crate::engine::builder::build::{
    self as daemon, familiar, normalize_ref, render_classic, render_plain, BuildOptions, Event,
};
use crate::engine::builder::context::BuildContext;
use crate::engine::fs::path;
use crate::engine::reference::Reference;
use crate::engine::{Engine, HostId};
use crate::userland::Output;

/// What the client knows about the shell it was started from: the
/// working directory and the environment (`DOCKER_BUILDKIT`).
#[derive(Clone, Debug, Default)]
pub struct ClientEnv {
    pub cwd: String,
    pub vars: Vec<(String, String)>,
    /// Standard input (`docker build - < Dockerfile`, `-f -`).
    pub stdin: Vec<u8>,
}

impl ClientEnv {
    /// The learner's home directory on the host (`/home/learner` when it
    /// exists, else `/root`, else `/`): used when the shell passes nothing.
    pub fn fallback(engine: &Engine, h: HostId) -> ClientEnv {
        let fs = &engine.hosts[h].fs;
        let cwd = ["/home/learner", "/root"]
            .into_iter()
            .find(|d| fs.is_dir(d))
            .unwrap_or("/")
            .to_string();
        ClientEnv {
            cwd,
            vars: Vec::new(),
            stdin: Vec::new(),
        }
    }
    fn var(&self, k: &str) -> Option<&str> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }
}

/// `docker build` options as the client parsed them.
#[derive(Clone, Debug, Default)]
pub struct BuildCli {
    pub context: String,
    pub file: Option<String>,
    pub tags: Vec<String>,
    pub build_args: Vec<String>,
    pub labels: Vec<String>,
    pub no_cache: bool,
    pub pull: bool,
    pub quiet: bool,
    pub target: String,
    /// BuildKit's plain progress instead of the classic output.
    pub buildkit: bool,
}

impl BuildCli {
    /// From a parsed command line (`buildx` selects BuildKit).
    pub fn from_invocation(inv: &Invocation, buildx: bool) -> BuildCli {
        let own = |v: Vec<&str>| v.into_iter().map(str::to_string).collect();
        BuildCli {
            context: inv.args.first().cloned().unwrap_or_default(),
            file: inv.value("file").map(str::to_string),
            tags: own(inv.values("tag")),
            build_args: own(inv.values("build-arg")),
            labels: own(inv.values("label")),
            no_cache: inv.on("no-cache"),
            pull: inv.on("pull"),
            quiet: inv.on("quiet"),
            target: inv.value("target").unwrap_or("").to_string(),
            buildkit: buildx,
        }
    }
}

/// Runs the handler named `verb` (the part after `builder.`).
pub fn dispatch(
    engine: &mut Engine,
    h: HostId,
    verb: &str,
    inv: &Invocation,
    out: &mut Output,
) -> i32 {
    let env = ClientEnv::fallback(engine, h);
    dispatch_with_env(engine, h, verb, inv, &env, out)
}

/// [`dispatch`] with the shell's working directory and environment.
pub fn dispatch_with_env(
    engine: &mut Engine,
    h: HostId,
    verb: &str,
    inv: &Invocation,
    env: &ClientEnv,
    out: &mut Output,
) -> i32 {
    if verb == "build" || verb == "buildx_build" {
        for t in inv.values("tag") {
            if let Err(e) = Reference::parse_normalized(t) {
                let text = format!("invalid argument {} for \"-t, --tag\" flag: {e}", go_q(t));
                return super::usage::report(
                    &super::parse::ParseError::Flag {
                        cmd: Some(inv.cmd),
                        text,
                    },
                    out,
                );
            }
        }
    }
    match verb {
        "build" => build(engine, h, &BuildCli::from_invocation(inv, false), env, out),
        "buildx_build" => build(engine, h, &BuildCli::from_invocation(inv, true), env, out),
        "prune" => prune(engine, h, out),
        _ => {
            out.errln(format!("docker: '{verb}' is not a docker command."));
            1
        }
    }
}

/// `docker builder prune`: the classic builder's cache is its intermediate
/// images, which `docker image prune` removes; nothing is kept apart.
fn prune(engine: &mut Engine, h: HostId, out: &mut Output) -> i32 {
    let _ = (engine, h);
    out.outln("Total reclaimed space: 0B");
    0
}

fn unable(out: &mut Output, msg: &str) -> i32 {
    out.errln(format!("unable to prepare context: {msg}"));
    1
}

/// `docker build` / `docker buildx build`.
pub fn build(
    engine: &mut Engine,
    h: HostId,
    cli: &BuildCli,
    env: &ClientEnv,
    out: &mut Output,
) -> i32 {
    let buildkit = cli.buildkit || env.var("DOCKER_BUILDKIT").is_some_and(|v| v != "0");
    if env.var("DOCKER_BUILDKIT") == Some("0") {
        out.errln(
            "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.",
        );
        out.errln("            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0");
        out.errln("            environment-variable.");
        out.errln("");
    }
    if cli.context.contains("://") || cli.context.starts_with("git@") {
        return unable(
            out,
            &format!(
                "unable to download remote context {}: this sandbox is offline; build from a local directory",
                cli.context
            ),
        );
    }
    let stdin_text = || String::from_utf8_lossy(&env.stdin).into_owned();
    let (ctx, df_text, df_rel) = if cli.context == "-" {
        // the Dockerfile comes on stdin, with no context
        let text = stdin_text();
        let mut ctx = BuildContext::default();
        ctx.files.insert(
            "Dockerfile".into(),
            crate::engine::fs::Entry::File {
                meta: crate::engine::fs::Meta::new(0o644, 0),
                content: crate::engine::fs::Content::text(&text),
            },
        );
        (ctx, text, "Dockerfile".to_string())
    } else {
        let fs = &engine.hosts[h].fs;
        let ctx_dir = path::join(&env.cwd, &cli.context);
        if !fs.is_dir(&ctx_dir) {
            if buildkit {
                out.errln(format!(
                    "ERROR: failed to build: unable to prepare context: path {} not found",
                    go_q(&cli.context)
                ));
                return 1;
            }
            return unable(out, &format!("path {} not found", go_q(&cli.context)));
        }
        let df_path = match cli.file.as_deref() {
            Some("-") => String::new(),
            Some(f) => path::join(&env.cwd, f),
            None => {
                let d = path::child(&ctx_dir, "Dockerfile");
                let lower = path::child(&ctx_dir, "dockerfile");
                if fs.lookup(&d).is_none() && fs.lookup(&lower).is_some() {
                    lower
                } else {
                    d
                }
            }
        };
        let df_text = if df_path.is_empty() {
            stdin_text()
        } else {
            match fs.read_text(&df_path) {
                Ok(t) => t,
                Err(_) if buildkit => {
                    let shown = cli.file.clone().unwrap_or_else(|| "Dockerfile".into());
                    out.errln(format!(
                        "ERROR: failed to build: failed to solve: failed to read dockerfile: open {shown}: no such file or directory"
                    ));
                    return 1;
                }
                Err(_) => {
                    return unable(
                        out,
                        &format!(
                            "unable to evaluate symlinks in Dockerfile path: lstat {df_path}: no such file or directory"
                        ),
                    )
                }
            }
        };
        let prefix = format!("{}/", ctx_dir.trim_end_matches('/'));
        let df_rel = if df_path.is_empty() {
            "Dockerfile".to_string()
        } else {
            df_path
                .strip_prefix(&prefix)
                .unwrap_or(path::file_name(&df_path))
                .to_string()
        };
        let ctx = BuildContext::from_host(fs, &ctx_dir, &df_rel);
        (ctx, df_text, df_rel)
    };
    let mut tags = Vec::new();
    for t in &cli.tags {
        if let Err(e) = Reference::parse_normalized(t) {
            out.errln(format!(
                "invalid argument {} for \"-t, --tag\" flag: {e}",
                go_q(t)
            ));
            return 125;
        }
        let full = normalize_ref(t);
        if !tags.contains(&full) {
            tags.push(full);
        }
    }
    let opts = BuildOptions {
        dockerfile: df_text.clone(),
        dockerfile_name: df_rel.clone(),
        tags: tags.clone(),
        build_args: cli
            .build_args
            .iter()
            .map(|a| match a.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (a.clone(), env.var(a).map(str::to_string)),
            })
            .collect(),
        labels: cli
            .labels
            .iter()
            .map(|l| match l.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (l.clone(), String::new()),
            })
            .collect(),
        no_cache: cli.no_cache,
        pull: cli.pull,
        target: cli.target.clone(),
        rm: true,
        force_rm: false,
        buildkit,
    };
    let body = serde_json::json!({"t": cli.tags, "dockerfile": df_rel, "nocache": cli.no_cache});
    let outcome = daemon::build(engine, h, &ctx, &opts);
    let status = match &outcome.result {
        Err(e) if e.before_stream => 400,
        _ => 200,
    };
    let mut q = format!("/build?dockerfile={}", df_rel);
    for t in &cli.tags {
        q.push_str(&format!("&t={t}"));
    }
    engine.hosts[h]
        .daemon
        .api
        .record("POST", q, Some(body.to_string()), status);
    if buildkit {
        return finish_buildkit(cli, &opts, &ctx, &outcome, out);
    }
    // classic
    let mut stream = Output::new();
    render_classic(&outcome.events, &mut stream);
    if !outcome.unused_args.is_empty() {
        stream.outln(format!(
            "[Warning] One or more build-args [{}] were not consumed",
            outcome.unused_args.join(" ")
        ));
    }
    let sending = format!(
        "Sending build context to Docker daemon {:>8}",
        human_size(ctx.tar_size() as f64)
    );
    match &outcome.result {
        Ok(id) => {
            if cli.quiet {
                out.outln(id.as_str());
                return 0;
            }
            out.outln(sending);
            out.extend(stream);
            out.outln(format!("Successfully built {}", id.short()));
            for t in &tags {
                out.outln(format!("Successfully tagged {}", familiar(t)));
            }
            0
        }
        Err(e) => {
            if cli.quiet {
                out.errln(&sending);
                out.err(stream.stdout());
            } else {
                out.outln(sending);
                out.extend(stream);
            }
            if e.before_stream {
                out.errln(format!("Error response from daemon: {}", e.message));
                1
            } else {
                out.errln(&e.message);
                e.code
            }
        }
    }
}

fn finish_buildkit(
    cli: &BuildCli,
    opts: &BuildOptions,
    ctx: &BuildContext,
    outcome: &daemon::BuildOutcome,
    out: &mut Output,
) -> i32 {
    let bases: Vec<String> = base_refs(&opts.dockerfile);
    let tags: Vec<String> = opts.tags.clone();
    let mut prog = Output::new();
    render_plain(
        &outcome.events,
        opts.dockerfile.len(),
        ctx.tar_size().saturating_sub(1024),
        &bases,
        &outcome.result,
        &tags,
        &mut prog,
    );
    match &outcome.result {
        Ok(id) => {
            if !cli.quiet {
                out.extend(prog);
            } else {
                out.outln(id.as_str());
            }
            0
        }
        Err(e) => {
            out.extend(prog);
            let failed = outcome.events.iter().rev().find_map(|ev| match ev {
                Event::Vertex(v) if v.error.is_some() => Some(v.clone()),
                _ => None,
            });
            if let Some(v) = failed {
                out.errln("------");
                out.errln(format!(" > {}:", v.name));
                let skip = v.logs.len().saturating_sub(10);
                for l in &v.logs[skip..] {
                    out.errln(format!("{:.3} {l}", v.secs));
                }
                out.errln("------");
            }
            if e.line > 0 {
                let lines: Vec<&str> = opts.dockerfile.split('\n').collect();
                out.errln(format!("{}:{}", opts.dockerfile_name, e.line));
                out.errln("-".repeat(20));
                let from = e.line.saturating_sub(2).max(1);
                let to = (e.line + 2).min(lines.len());
                for n in from..=to {
                    let text = lines.get(n - 1).copied().unwrap_or("");
                    let mark = if n == e.line { ">>> " } else { "    " };
                    out.errln(format!("{n:>4} | {mark}{text}"));
                }
                out.errln("-".repeat(20));
            }
            out.errln(format!(
                "ERROR: failed to build: failed to solve: {}",
                daemon::buildkit_message(&e.message)
            ));
            1
        }
    }
}

/// The distinct base images a Dockerfile names (for `load metadata for`).
fn base_refs(text: &str) -> Vec<String> {
    let Ok(df) = crate::engine::builder::parse_dockerfile(text) else {
        return Vec::new();
    };
    let names: Vec<String> = df.stages.iter().map(|s| s.name.clone()).collect();
    let mut v = Vec::new();
    for s in &df.stages {
        let b = s.base.to_lowercase();
        if b == "scratch" || names.contains(&b) || s.base.contains('$') {
            continue;
        }
        let r = normalize_ref(&s.base);
        if !v.contains(&r) {
            v.push(r);
        }
    }
    v
}

fn go_q(s: &str) -> String {
    crate::engine::builder::parser::go_quote(s)
}
