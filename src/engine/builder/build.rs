//! The classic builder (`moby/builder/dockerfile`): runs a typed
//! Dockerfile stage by stage on the daemon. Each instruction commits an
//! image whose parent is the previous step's (RUN/COPY/ADD/WORKDIR with a
//! layer when the filesystem changed, the others with an empty layer and a
//! `#(nop)` history entry). A step is a cache hit when a child of the
//! current image was committed with the same history string (which embeds
//! the command, the build args and COPY's content checksum) and the same
//! config; one miss disables the cache for the rest of the stage. RUN runs
//! the userland in a temporary container filesystem.
//!
//! The build records what happened as [`Event`]s; [`render_classic`] and
//! [`render_plain`] print them as the classic builder or as BuildKit's
//! plain progress.

use super::context::BuildContext;
use super::copy::{self, CopyOpts, Source};
use super::instructions::{
    parse_dockerfile, BuildArgs, CmdLine, Command, Instruction, Scope, Stage,
};
use super::lex::Lexer;
use super::parser::go_quote;
use super::sys::BuildSys;
use crate::engine::clock::rfc3339_nanos;
use crate::engine::container::lifecycle::{self, CreateSpec};
use crate::engine::container::{LogStream, Status};
use crate::engine::digest::Digest;
use crate::engine::fs::{path, Layer, UnionFs};
use crate::engine::image::{ContainerConfig, HistoryEntry, Image, ImageConfig, RootFs};
use crate::engine::reference::Reference;
use crate::engine::{Engine, HostId};
use crate::userland::{Exit, Output, ProcCtx};
use std::sync::Arc;

/// What `docker build` asks for.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// The Dockerfile's text and its name as the daemon reports it.
    pub dockerfile: String,
    pub dockerfile_name: String,
    /// `-t`, normalised (`docker.io/library/app:latest`).
    pub tags: Vec<String>,
    pub build_args: Vec<(String, Option<String>)>,
    pub labels: Vec<(String, String)>,
    pub no_cache: bool,
    pub pull: bool,
    pub target: String,
    /// `--rm` (default) / `--force-rm`.
    pub rm: bool,
    pub force_rm: bool,
    /// BuildKit's history strings (`RUN … # buildkit`, comment
    /// `buildkit.dockerfile.v0`) instead of the classic `#(nop)` ones.
    pub buildkit: bool,
}

/// Something the build did, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A line the builder prints as is (parser warnings, notices).
    Line(String),
    /// `Step n/total : text`.
    Step {
        n: usize,
        total: usize,
        text: String,
    },
    /// ` ---> <12 hex>` (empty for `FROM scratch`).
    Image(String),
    UsingCache,
    /// ` ---> Running in <12 hex>`.
    Running(String),
    /// Output of a RUN process.
    Output(String),
    /// ` ---> Removed intermediate container <12 hex>`.
    Removed(String),
    /// A BuildKit vertex: `[stage n/m] INSTR` with its outcome.
    Vertex(Vertex),
}

/// A BuildKit progress vertex (FROM, RUN, COPY, ADD, WORKDIR).
#[derive(Clone, Debug, PartialEq)]
pub struct Vertex {
    pub name: String,
    pub cached: bool,
    pub logs: Vec<String>,
    /// Seconds the step took (virtual clock).
    pub secs: f64,
    pub error: Option<String>,
}

/// BuildKit's wording of a failing RUN (`process "…" did not complete
/// successfully: exit code: N`); other messages unchanged.
pub fn buildkit_message(msg: &str) -> String {
    let Some(rest) = msg.strip_prefix("The command '") else {
        return msg.to_string();
    };
    match rest.rsplit_once("' returned a non-zero code: ") {
        Some((cmd, code)) => format!(
            "process {} did not complete successfully: exit code: {code}",
            go_quote(cmd)
        ),
        None => msg.to_string(),
    }
}

/// Why a build failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    pub message: String,
    /// Exit code of `docker build` (a failing RUN's own code).
    pub code: i32,
    /// The daemon refused before streaming (`Error response from daemon: `).
    pub before_stream: bool,
    /// The Dockerfile line it concerns (0 when none).
    pub line: usize,
}

impl BuildError {
    fn stream(message: impl Into<String>) -> BuildError {
        BuildError {
            message: message.into(),
            code: 1,
            before_stream: false,
            line: 0,
        }
    }
    fn daemon(message: impl Into<String>) -> BuildError {
        BuildError {
            message: message.into(),
            code: 1,
            before_stream: true,
            line: 0,
        }
    }
}

/// The outcome: events and the image (or the error).
#[derive(Clone, Debug)]
pub struct BuildOutcome {
    pub events: Vec<Event>,
    pub result: Result<Digest, BuildError>,
    /// `[Warning] One or more build-args […] were not consumed`.
    pub unused_args: Vec<String>,
}

/// Per-stage dispatch state.
struct State {
    image: Option<Digest>,
    config: ImageConfig,
    scope: Scope,
    cmd_set: bool,
    /// Cache still usable in this stage.
    cache_ok: bool,
    stage_label: String,
    step_in_stage: usize,
    stage_steps: usize,
    buildkit: bool,
}

/// Runs a build on host `h` with the context already received.
pub fn build(
    engine: &mut Engine,
    h: HostId,
    ctx: &BuildContext,
    opts: &BuildOptions,
) -> BuildOutcome {
    let mut events = Vec::new();
    let mut args = BuildArgs::new(opts.build_args.clone());
    let result = run(engine, h, ctx, opts, &mut events, &mut args);
    let (mut rec, last_short) = record(&events, &result, opts);
    if rec.image.is_none() {
        rec.image = last_short.and_then(|s| find_image(engine, h, &s));
    }
    engine.hosts[h].daemon.last_build = Some(rec);
    BuildOutcome {
        events,
        result,
        unused_args: args.unused(),
    }
}

/// Summarises a build's events: which steps hit the cache, which ran.
fn record(
    events: &[Event],
    result: &Result<Digest, BuildError>,
    opts: &BuildOptions,
) -> (super::BuildRecord, Option<String>) {
    let mut r = super::BuildRecord {
        ok: result.is_ok(),
        tags: if result.is_ok() {
            opts.tags.clone()
        } else {
            Vec::new()
        },
        error: result
            .as_ref()
            .err()
            .map(|e| e.message.clone())
            .unwrap_or_default(),
        ..super::BuildRecord::default()
    };
    let mut step = 0;
    let mut last_image = None;
    for e in events {
        match e {
            Event::Step { n, .. } => step = *n,
            Event::UsingCache => r.cached.push(step),
            Event::Running(_) => r.rebuilt.push(step),
            Event::Vertex(v)
                if !v.cached && !v.name.contains("] FROM ") && !r.rebuilt.contains(&step) =>
            {
                r.rebuilt.push(step)
            }
            Event::Image(id) if !id.is_empty() => last_image = Some(id.clone()),
            _ => {}
        }
    }
    if result.is_err() && step > 0 && !r.rebuilt.contains(&step) && !r.cached.contains(&step) {
        r.rebuilt.push(step);
    }
    r.image = result.as_ref().ok().cloned();
    (r, last_image)
}

fn run(
    engine: &mut Engine,
    h: HostId,
    ctx: &BuildContext,
    opts: &BuildOptions,
    ev: &mut Vec<Event>,
    args: &mut BuildArgs,
) -> Result<Digest, BuildError> {
    if opts.dockerfile.is_empty() {
        return Err(BuildError::daemon(format!(
            "the Dockerfile ({}) cannot be empty",
            opts.dockerfile_name
        )));
    }
    let mut df = parse_dockerfile(&opts.dockerfile).map_err(|e| BuildError {
        line: e.line(),
        ..BuildError::daemon(e.message(&opts.dockerfile_name))
    })?;
    if !opts.target.is_empty() {
        let t = opts.target.to_lowercase();
        match df.stages.iter().position(|s| s.name == t) {
            Some(i) => df.stages.truncate(i + 1),
            None => {
                return Err(BuildError::daemon(format!(
                    "failed to reach build target {} in Dockerfile",
                    opts.target
                )))
            }
        }
    }
    if let Some(last) = df.stages.last_mut() {
        let mut labels = opts.labels.clone();
        labels.sort();
        for (k, v) in labels {
            last.commands.push(Command {
                code: format!("LABEL {}={}", go_quote(&k), go_quote(&v)),
                instr: Instruction::Label(vec![(k, v)]),
                line: 0,
            });
        }
    }
    for w in &df.warnings {
        ev.push(Event::Line(w.clone()));
    }
    let total = df.meta_args.len()
        + df.stages.len()
        + df.stages.iter().map(|s| s.commands.len()).sum::<usize>();
    let lx = Lexer::new(df.escape);
    let mut n = 0;
    for m in &df.meta_args {
        n += 1;
        ev.push(Event::Step {
            n,
            total,
            text: m.code.clone(),
        });
        let vars = args.meta_vars();
        let e = m
            .instr
            .expand(&lx, &vars)
            .map_err(|e| BuildError::stream(e.0))?;
        if let Instruction::Arg(v) = e {
            for (k, d) in v {
                let val = args.resolve(&k, d, false);
                args.meta.push((k, val));
            }
        }
    }
    let mut stage_images: Vec<(String, Option<Digest>)> = Vec::new();
    let mut last: Option<Digest> = None;
    let stage_count = df.stages.len();
    for (si, stage) in df.stages.iter().enumerate() {
        n += 1;
        ev.push(Event::Step {
            n,
            total,
            text: stage.code.clone(),
        });
        let label = if !stage.name.is_empty() {
            stage.name.clone()
        } else if stage_count > 1 {
            format!("stage-{si}")
        } else {
            String::new()
        };
        let at = |line: usize| {
            move |mut e: BuildError| {
                if e.line == 0 {
                    e.line = line;
                }
                e
            }
        };
        let mut st = init_stage(engine, h, stage, &stage_images, args, &lx, opts, ev, label)
            .map_err(at(stage.line))?;
        let triggers = std::mem::take(&mut st.config.config.on_build);
        if !triggers.is_empty() {
            ev.push(Event::Line(format!(
                "# Executing {} build trigger{}",
                triggers.len(),
                if triggers.len() > 1 { "s" } else { "" }
            )));
            for t in &triggers {
                let c = super::instructions::parse_command(t)
                    .map_err(BuildError::stream)
                    .map_err(at(stage.line))?;
                dispatch(
                    engine,
                    h,
                    ctx,
                    &mut st,
                    &c,
                    &stage_images,
                    args,
                    &lx,
                    opts,
                    ev,
                )
                .map_err(at(stage.line))?;
            }
        }
        ev.push(Event::Image(short(&st.image)));
        for c in &stage.commands {
            n += 1;
            ev.push(Event::Step {
                n,
                total,
                text: c.code.clone(),
            });
            dispatch(
                engine,
                h,
                ctx,
                &mut st,
                c,
                &stage_images,
                args,
                &lx,
                opts,
                ev,
            )
            .map_err(at(c.line))?;
            ev.push(Event::Image(short(&st.image)));
        }
        stage_images.push((stage.name.clone(), st.image.clone()));
        last = st.image.clone();
    }
    let Some(id) = last else {
        return Err(BuildError::stream(
            "No image was generated. Is your Dockerfile empty?",
        ));
    };
    let images = &mut engine.hosts[h].daemon.images;
    for t in &opts.tags {
        images.refs.insert(t.clone(), id.clone());
    }
    Ok(id)
}

fn short(d: &Option<Digest>) -> String {
    d.as_ref()
        .map(|d| d.short().to_string())
        .unwrap_or_default()
}

/// A reference as the daemon stores it: `docker.io/library/alpine:latest`
/// (the input itself when it does not parse).
pub fn normalize_ref(s: &str) -> String {
    match Reference::parse_normalized(s) {
        Ok(r) => r.with_default_tag().full(),
        Err(_) => s.to_string(),
    }
}

/// The repository part of a reference, as pull errors name it.
/// `docker.io/library/app:latest` → `app:latest` (FamiliarString).
pub fn familiar(full: &str) -> String {
    match Reference::parse_normalized(full) {
        Ok(r) => r.familiar(),
        Err(_) => full.to_string(),
    }
}

/// Finds a local image by ID, ID prefix or reference.
pub fn find_image(engine: &Engine, h: HostId, key: &str) -> Option<Digest> {
    let images = &engine.hosts[h].daemon.images;
    if let Some(d) = Digest::parse(key) {
        return images.images.contains_key(&d).then_some(d);
    }
    if let Some(d) = images.refs.get(&normalize_ref(key)) {
        return Some(d.clone());
    }
    if key.len() >= 4 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
        let mut m = images.images.keys().filter(|d| d.hex().starts_with(key));
        if let (Some(d), None) = (m.next(), m.next()) {
            return Some(d.clone());
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn init_stage(
    engine: &mut Engine,
    h: HostId,
    stage: &Stage,
    stages: &[(String, Option<Digest>)],
    args: &mut BuildArgs,
    lx: &Lexer,
    opts: &BuildOptions,
    ev: &mut Vec<Event>,
    label: String,
) -> Result<State, BuildError> {
    let base = lx
        .process_word(&stage.base, &args.meta_vars())
        .map_err(|e| BuildError::stream(e.0))?;
    if base.is_empty() {
        return Err(BuildError::stream(format!(
            "base name ({}) should not be blank",
            stage.base
        )));
    }
    let steps = stage
        .commands
        .iter()
        .filter(|c| {
            matches!(
                c.instr,
                Instruction::Run { .. }
                    | Instruction::Copy(_)
                    | Instruction::Add(_)
                    | Instruction::Workdir(_)
            )
        })
        .count()
        + 1;
    let mut st = State {
        image: None,
        config: ImageConfig {
            architecture: "amd64".into(),
            os: "linux".into(),
            rootfs: RootFs {
                kind: "layers".into(),
                diff_ids: Vec::new(),
            },
            ..ImageConfig::default()
        },
        scope: Scope::default(),
        cmd_set: false,
        cache_ok: !opts.no_cache,
        stage_label: label,
        step_in_stage: 1,
        stage_steps: steps,
        buildkit: opts.buildkit,
    };
    let vname = |st: &State, what: &str| {
        let prefix = if st.stage_label.is_empty() {
            String::new()
        } else {
            format!("{} ", st.stage_label)
        };
        format!("[{prefix}{}/{}] {what}", st.step_in_stage, st.stage_steps)
    };
    if base.eq_ignore_ascii_case("scratch") {
        ev.push(Event::Vertex(Vertex {
            name: vname(&st, "FROM scratch"),
            cached: false,
            logs: Vec::new(),
            secs: 0.0,
            error: None,
        }));
        st.step_in_stage += 1;
        return Ok(st);
    }
    let lower = base.to_lowercase();
    let id = if let Some((_, img)) = stages
        .iter()
        .rev()
        .find(|(n, _)| !n.is_empty() && *n == lower)
    {
        img.clone()
    } else {
        match find_image(engine, h, &base) {
            Some(d) if !opts.pull => Some(d),
            _ => Some(pull_image(engine, h, &base, ev)?),
        }
    };
    if let Some(id) = &id {
        if let Some(img) = engine.hosts[h].daemon.images.images.get(id) {
            st.config = img.config.clone();
            for e in &img.config.config.env {
                if let Some((k, v)) = e.split_once('=') {
                    st.scope.set_env(k, v);
                }
            }
        }
    }
    st.image = id;
    let shown = if stages.iter().any(|(n, _)| !n.is_empty() && *n == lower) {
        lower.clone()
    } else {
        normalize_ref(&base)
    };
    ev.push(Event::Vertex(Vertex {
        name: vname(&st, &format!("FROM {shown}")),
        cached: false,
        logs: Vec::new(),
        secs: 0.0,
        error: None,
    }));
    st.step_in_stage += 1;
    Ok(st)
}

/// FROM / COPY --from of an image that is not local (or `--pull`): the
/// daemon pulls it, its progress lines going into the build output.
fn pull_image(
    engine: &mut Engine,
    h: HostId,
    name: &str,
    ev: &mut Vec<Event>,
) -> Result<Digest, BuildError> {
    let mut lines = Vec::new();
    let r = crate::engine::image::ops::pull_str(engine, h, name, &mut |l: &str| {
        lines.push(Event::Line(l.to_string()))
    });
    ev.extend(lines);
    r.map_err(|e| BuildError::stream(e.to_string()))
}

fn shell_of(cfg: &ContainerConfig) -> Vec<String> {
    cfg.shell
        .clone()
        .unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into()])
}

fn resolve_cmdline(c: &CmdLine, cfg: &ContainerConfig) -> Vec<String> {
    // `RUN <<EOF` alone: the heredoc's body is the script
    if let ([only], [doc]) = (c.args.as_slice(), c.files.as_slice()) {
        let whole = super::parser::parse_heredoc(only.trim()).ok().flatten();
        if c.prepend_shell && whole.is_some_and(|h| h.name == doc.name) {
            let body = if doc.chomp {
                super::parser::chomp_heredoc(&doc.content)
            } else {
                doc.content.clone()
            };
            let mut v = shell_of(cfg);
            v.push(body);
            return v;
        }
    }
    if c.prepend_shell {
        let mut v = shell_of(cfg);
        let mut text = c.args.join(" ");
        for f in &c.files {
            text.push('\n');
            text.push_str(&f.content);
            text.push_str(&f.name);
        }
        v.push(text);
        v
    } else {
        c.args.clone()
    }
}

/// Go's `%q` of a `[]string`: `["a" "b"]`.
fn go_q_list(v: &[String]) -> String {
    format!(
        "[{}]",
        v.iter().map(|s| go_quote(s)).collect::<Vec<_>>().join(" ")
    )
}

fn nop(cfg: &ContainerConfig, comment: &str) -> String {
    let mut v = shell_of(cfg);
    v.push("#(nop) ".into());
    v.push(comment.into());
    v.join(" ")
}

fn nop1(cfg: &ContainerConfig, comment: &str) -> String {
    let mut v = shell_of(cfg);
    v.push(format!("#(nop) {comment}"));
    v.join(" ")
}

#[allow(clippy::too_many_arguments)]
fn dispatch(
    engine: &mut Engine,
    h: HostId,
    ctx: &BuildContext,
    st: &mut State,
    c: &Command,
    stages: &[(String, Option<Digest>)],
    args: &mut BuildArgs,
    lx: &Lexer,
    opts: &BuildOptions,
    ev: &mut Vec<Event>,
) -> Result<(), BuildError> {
    let vars = st.scope.vars(&args.predefined());
    let instr = c
        .instr
        .expand(lx, &vars)
        .map_err(|e| BuildError::stream(e.0))?;
    let mut cfg = st.config.config.clone();
    let mut author = st.config.author.clone();
    let comment: String = match &instr {
        Instruction::Env(v) => {
            let mut s = String::from("ENV");
            for (k, x) in v {
                set_env(&mut cfg.env, k, x);
                st.scope.set_env(k, x);
                s.push_str(&format!(" {k}={x}"));
            }
            s
        }
        Instruction::Label(v) => {
            let mut s = String::from("LABEL");
            for (k, x) in v {
                cfg.labels.insert(k.clone(), x.clone());
                s.push_str(&format!(" {k}={x}"));
            }
            s
        }
        Instruction::Maintainer(m) => {
            author = m.clone();
            format!("MAINTAINER {m}")
        }
        Instruction::Expose(ports) => {
            for p in ports {
                let key = if p.contains('/') {
                    p.clone()
                } else {
                    format!("{p}/tcp")
                };
                cfg.exposed_ports.insert(key, serde_json::json!({}));
            }
            format!("EXPOSE {}", ports.join(" "))
        }
        Instruction::User(u) => {
            cfg.user = u.clone();
            format!("USER {u}")
        }
        Instruction::Volume(v) => {
            for p in v {
                cfg.volumes.insert(p.clone(), serde_json::json!({}));
            }
            format!("VOLUME [{}]", v.join(" "))
        }
        Instruction::StopSignal(s) => {
            cfg.stop_signal = s.clone();
            format!("STOPSIGNAL {s}")
        }
        Instruction::Cmd(cl) => {
            let v = resolve_cmdline(cl, &cfg);
            cfg.cmd = Some(v.clone());
            st.cmd_set = true;
            format!("CMD {}", go_q_list(&v))
        }
        Instruction::Entrypoint(cl) => {
            let v = resolve_cmdline(cl, &cfg);
            cfg.entrypoint = if !cl.prepend_shell && v.is_empty() {
                None
            } else {
                Some(v.clone())
            };
            if !st.cmd_set {
                cfg.cmd = None;
            }
            format!(
                "ENTRYPOINT {}",
                go_q_list(cfg.entrypoint.as_deref().unwrap_or(&[]))
            )
        }
        Instruction::Healthcheck(hc) => {
            let mut j = serde_json::Map::new();
            j.insert("Test".into(), serde_json::json!(hc.test));
            for (k, v) in [
                ("Interval", hc.interval),
                ("Timeout", hc.timeout),
                ("StartPeriod", hc.start_period),
                ("StartInterval", hc.start_interval),
            ] {
                if v != 0 {
                    j.insert(k.into(), serde_json::json!(v));
                }
            }
            if hc.retries != 0 {
                j.insert("Retries".into(), serde_json::json!(hc.retries));
            }
            cfg.healthcheck = Some(serde_json::Value::Object(j));
            let d = |ns: i64| go_quote(&super::instructions::format_duration(ns));
            format!(
                "HEALTHCHECK &{{{} {} {} {} {} '\\x{:02x}'}}",
                go_q_list(&hc.test),
                d(hc.interval),
                d(hc.timeout),
                d(hc.start_period),
                d(hc.start_interval),
                hc.retries
            )
        }
        Instruction::Shell(v) => {
            cfg.shell = Some(v.clone());
            format!("SHELL [{}]", v.join(" "))
        }
        Instruction::Onbuild(e) => {
            cfg.on_build.push(e.clone());
            format!("ONBUILD {e}")
        }
        Instruction::Arg(v) => {
            let mut s = String::from("ARG");
            for (k, d) in v {
                let val = args.resolve(k, d.clone(), true);
                st.scope.set_arg(k, val);
                s.push(' ');
                s.push_str(k);
                if let Some(d) = d {
                    s.push('=');
                    s.push_str(d);
                }
            }
            s
        }
        Instruction::Workdir(w) => {
            let prev = if cfg.working_dir.is_empty() {
                "/".to_string()
            } else {
                cfg.working_dir.clone()
            };
            cfg.working_dir = path::join(&prev, w);
            let wd = cfg.working_dir.clone();
            let created_by = if st.buildkit {
                format!("WORKDIR {w}")
            } else {
                nop1(&cfg, &format!("WORKDIR {wd}"))
            };
            let vname = vertex_name(st, &format!("WORKDIR {w}"));
            return step_with_container(
                engine,
                h,
                st,
                cfg,
                author,
                created_by,
                ev,
                vname,
                |fs, now| {
                    fs.mkdir_all(&wd, 0o755, now).map_err(|e| e.to_string())?;
                    Ok(())
                },
            );
        }
        Instruction::Run {
            cmd, flags_used, ..
        } => {
            if let Some(f) = flags_used.first().filter(|_| !st.buildkit) {
                return Err(BuildError::stream(format!(
                    "the --{f} option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled"
                )));
            }
            return run_step(engine, h, st, cmd, c, args, ev);
        }
        Instruction::Copy(spec) | Instruction::Add(spec) => {
            let is_add = matches!(instr, Instruction::Add(_));
            return copy_step(engine, h, ctx, st, spec, is_add, c, stages, opts, ev);
        }
    };
    let created_by = if !st.buildkit {
        nop(&cfg, &comment)
    } else if let Instruction::Expose(ports) = &instr {
        let p: Vec<String> = ports
            .iter()
            .map(|p| {
                if p.contains('/') {
                    p.clone()
                } else {
                    format!("{p}/tcp")
                }
            })
            .collect();
        format!("EXPOSE [{}]", p.join(" "))
    } else {
        comment
    };
    let _ = opts;
    commit_meta(engine, h, st, cfg, author, created_by, ev)
}

fn vertex_name(st: &State, text: &str) -> String {
    let prefix = if st.stage_label.is_empty() {
        String::new()
    } else {
        format!("{} ", st.stage_label)
    };
    format!("[{prefix}{}/{}] {text}", st.step_in_stage, st.stage_steps)
}

fn set_env(env: &mut Vec<String>, k: &str, v: &str) {
    let kv = format!("{k}={v}");
    match env
        .iter_mut()
        .find(|e| e.split_once('=').map(|(a, _)| a) == Some(k))
    {
        Some(e) => *e = kv,
        None => env.push(kv),
    }
}

/// A child of the current image committed with the same history string and
/// config (the classic `probeCache`).
fn probe_cache(
    engine: &Engine,
    h: HostId,
    st: &State,
    created_by: &str,
    cfg: &ContainerConfig,
) -> Option<Digest> {
    if !st.cache_ok {
        return None;
    }
    let images = &engine.hosts[h].daemon.images;
    images
        .images
        .values()
        .filter(|i| i.parent == st.image)
        .filter(|i| {
            i.config.history.len() == st.config.history.len() + 1
                && i.config.history.last().map(|e| e.created_by.as_str()) == Some(created_by)
                && i.config.config == *cfg
        })
        .max_by(|a, b| a.config.created.cmp(&b.config.created))
        .map(|i| i.id.clone())
}

fn use_cache(engine: &Engine, h: HostId, st: &mut State, id: Digest, ev: &mut Vec<Event>) {
    ev.push(Event::UsingCache);
    if let Some(img) = engine.hosts[h].daemon.images.images.get(&id) {
        st.config = img.config.clone();
    }
    st.image = Some(id);
}

/// Commits a new image: the parent's config with `cfg`, a history entry,
/// and `layer` when it holds changes.
#[allow(clippy::too_many_arguments)]
fn commit(
    engine: &mut Engine,
    h: HostId,
    st: &mut State,
    cfg: ContainerConfig,
    author: String,
    created_by: String,
    layer: Option<Layer>,
) -> Digest {
    let now = engine.clock.now();
    let mut conf = st.config.clone();
    conf.config = cfg;
    conf.author = author.clone();
    conf.created = rfc3339_nanos(now);
    let images = &mut engine.hosts[h].daemon.images;
    let empty = layer.as_ref().is_none_or(Layer::is_empty);
    if let (Some(l), false) = (layer, empty) {
        let d = images.layers.insert(Arc::new(l));
        conf.rootfs.diff_ids.push(d);
    }
    conf.history.push(HistoryEntry {
        created: conf.created.clone(),
        created_by,
        author,
        comment: if st.buildkit {
            "buildkit.dockerfile.v0".to_string()
        } else {
            String::new()
        },
        empty_layer: empty,
    });
    let id = conf.id();
    images.images.insert(
        id.clone(),
        Image {
            id: id.clone(),
            config: conf.clone(),
            parent: st.image.clone(),
            repo_digests: Vec::new(),
        },
    );
    st.config = conf;
    st.image = Some(id.clone());
    engine.clock.advance(100);
    id
}

/// Creates the step's temporary container (`docker ps -a` lists it until
/// it is removed); a random id when there is no image yet (`FROM scratch`).
fn temp_container(engine: &mut Engine, h: HostId, st: &State, cmd: Vec<String>) -> String {
    if let Some(img) = st.image.clone() {
        let spec = CreateSpec {
            image_ref: img.short().to_string(),
            image: Some(img),
            cmd: Some(cmd),
            entrypoint: Some(Vec::new()),
            ..CreateSpec::default()
        };
        if let Ok(id) = lifecycle::create(engine, h, spec) {
            return id;
        }
    }
    engine.ids.hex64()
}

/// `Removed intermediate container`: the record and its anonymous volumes.
fn remove_container(engine: &mut Engine, h: HostId, cid: &str) {
    lifecycle::destroy(engine, h, cid, true);
}

/// A failed RUN leaves its container behind, exited, with the changes
/// and output it made (as `--rm` does not remove failed steps).
fn leave_failed(
    engine: &mut Engine,
    h: HostId,
    cid: &str,
    fs: UnionFs,
    code: i32,
    start: i64,
    text: &str,
) {
    let now = engine.clock.now();
    if let Some(c) = engine.hosts[h].daemon.containers.by_id.get_mut(cid) {
        c.state.status = Status::Exited;
        c.state.exit_code = code;
        c.state.started_at = start;
        c.state.finished_at = now;
        c.fs = fs;
        crate::engine::runtime::push_text(c, LogStream::Stdout, text, now);
    }
}

#[allow(clippy::too_many_arguments)]
fn commit_meta(
    engine: &mut Engine,
    h: HostId,
    st: &mut State,
    cfg: ContainerConfig,
    author: String,
    created_by: String,
    ev: &mut Vec<Event>,
) -> Result<(), BuildError> {
    if let Some(id) = probe_cache(engine, h, st, &created_by, &cfg) {
        use_cache(engine, h, st, id, ev);
        return Ok(());
    }
    st.cache_ok = false;
    let cid = temp_container(engine, h, st, shell_split_nop(&created_by));
    ev.push(Event::Running(cid[..12].to_string()));
    remove_container(engine, h, &cid);
    ev.push(Event::Removed(cid[..12].to_string()));
    commit(engine, h, st, cfg, author, created_by, None);
    Ok(())
}

/// The Cmd of a metadata step's container: the shell, `#(nop) `, the text.
fn shell_split_nop(created_by: &str) -> Vec<String> {
    match created_by.split_once("#(nop) ") {
        Some((sh, rest)) => {
            let mut v: Vec<String> = sh.split_whitespace().map(str::to_string).collect();
            v.push(format!("#(nop) {}", rest.trim_start()));
            v
        }
        None => vec!["/bin/sh".into(), "-c".into(), created_by.to_string()],
    }
}

fn image_fs(engine: &Engine, h: HostId, id: &Option<Digest>) -> UnionFs {
    match id {
        Some(d) => UnionFs::new(engine.hosts[h].daemon.images.layers_of(d)),
        None => UnionFs::new(Vec::new()),
    }
}

#[allow(clippy::too_many_arguments)]
fn step_with_container(
    engine: &mut Engine,
    h: HostId,
    st: &mut State,
    cfg: ContainerConfig,
    author: String,
    created_by: String,
    ev: &mut Vec<Event>,
    vname: String,
    f: impl FnOnce(&mut UnionFs, i64) -> Result<(), String>,
) -> Result<(), BuildError> {
    if let Some(id) = probe_cache(engine, h, st, &created_by, &cfg) {
        use_cache(engine, h, st, id, ev);
        push_vertex(st, ev, vname, true, Vec::new(), 0.0, None);
        return Ok(());
    }
    st.cache_ok = false;
    let cid = temp_container(engine, h, st, shell_split_nop(&created_by));
    ev.push(Event::Running(cid[..12].to_string()));
    let mut fs = image_fs(engine, h, &st.image);
    f(&mut fs, engine.clock.now_secs()).map_err(BuildError::stream)?;
    remove_container(engine, h, &cid);
    ev.push(Event::Removed(cid[..12].to_string()));
    commit(
        engine,
        h,
        st,
        cfg,
        author,
        created_by,
        Some(fs.take_upper()),
    );
    push_vertex(st, ev, vname, false, Vec::new(), 0.0, None);
    Ok(())
}

fn push_vertex(
    st: &mut State,
    ev: &mut Vec<Event>,
    name: String,
    cached: bool,
    logs: Vec<String>,
    secs: f64,
    error: Option<String>,
) {
    st.step_in_stage += 1;
    ev.push(Event::Vertex(Vertex {
        name,
        cached,
        logs,
        secs,
        error,
    }));
}

fn run_step(
    engine: &mut Engine,
    h: HostId,
    st: &mut State,
    cl: &CmdLine,
    c: &Command,
    args: &BuildArgs,
    ev: &mut Vec<Event>,
) -> Result<(), BuildError> {
    let cfg = st.config.config.clone();
    let cmd = resolve_cmdline(cl, &cfg);
    // build args not shadowed by ENV, declared (or predefined)
    let mut build_env: Vec<(String, String)> = st
        .scope
        .vars(&args.predefined())
        .into_iter()
        .filter(|(k, _)| !st.scope.env.iter().any(|(e, _)| e == k))
        .collect();
    build_env.sort();
    let mut save = cmd.clone();
    if !build_env.is_empty() {
        let shown: Vec<String> = build_env
            .iter()
            .filter(|(k, _)| {
                args.referenced.contains(k)
                    || !super::instructions::PREDEFINED_ARGS.contains(&k.as_str())
            })
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let mut v = vec![format!("|{}", shown.len())];
        v.extend(shown);
        v.extend(cmd.clone());
        save = v;
    }
    let created_by = if st.buildkit {
        format!("RUN {} # buildkit", save.join(" "))
    } else {
        save.join(" ")
    };
    let vname = vertex_name(st, &c.code);
    if let Some(id) = probe_cache(engine, h, st, &created_by, &cfg) {
        use_cache(engine, h, st, id, ev);
        push_vertex(st, ev, vname, true, Vec::new(), 0.0, None);
        return Ok(());
    }
    st.cache_ok = false;
    let cid = temp_container(engine, h, st, cmd.clone());
    ev.push(Event::Running(cid[..12].to_string()));
    let start = engine.clock.now();
    let user = cfg.user.split(':').next().unwrap_or("");
    if !user.is_empty() && user.parse::<u32>().is_err() {
        let fs = image_fs(engine, h, &st.image);
        let passwd = fs.read_text("/etc/passwd").unwrap_or_default();
        if !passwd.lines().any(|l| l.split(':').next() == Some(user)) {
            return Err(BuildError::stream(format!(
                "unable to find user {user}: no matching entries in passwd file"
            )));
        }
    }
    let mut sys = BuildSys {
        fs: image_fs(engine, h, &st.image),
        now: start,
        id: cid.clone(),
    };
    let mut env: Vec<(String, String)> = cfg
        .env
        .iter()
        .filter_map(|e| {
            e.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect();
    env.extend(build_env);
    let pctx = ProcCtx {
        env,
        cwd: if cfg.working_dir.is_empty() {
            "/".into()
        } else {
            cfg.working_dir.clone()
        },
        user: cfg.user.clone(),
        until: start + 3_600_000,
        budget: 1_000_000,
        ..ProcCtx::default()
    };
    let mut pout = Output::new();
    let exit = crate::userland::spawn(&mut sys, &cmd, &pctx, &mut pout);
    let text: String = pout.chunks.iter().map(|(_, t)| t.as_str()).collect();
    // starting the container and the process takes a moment
    let elapsed = (sys.now - start).max(0) + 200;
    engine.clock.advance(elapsed);
    let secs = elapsed as f64 / 1000.0;
    let logs: Vec<String> = text.lines().map(str::to_string).collect();
    if !text.is_empty() {
        ev.push(Event::Output(text.clone()));
    }
    let fail = |code: i32, detail: &str| {
        let mut msg = format!(
            "The command '{}' returned a non-zero code: {code}",
            cmd.join(" ")
        );
        if !detail.is_empty() {
            msg.push_str(": ");
            msg.push_str(detail);
        }
        msg
    };
    let err = match exit {
        Exit::Code(0) | Exit::Service(_) | Exit::Interactive(_) => None,
        Exit::Code(code) => Some((fail(code, ""), code)),
        Exit::Blocked | Exit::Budget => Some((fail(137, ""), 137)),
        Exit::ExecFailed { message, code } => Some((
            format!(
                "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: {message}: unknown"
            ),
            code,
        )),
    };
    if let Some((msg, code)) = err {
        let fs = std::mem::take(&mut sys.fs);
        leave_failed(engine, h, &cid, fs, code, start, &text);
        push_vertex(st, ev, vname, false, logs, secs, Some(msg.clone()));
        return Err(BuildError {
            message: msg,
            code,
            before_stream: false,
            line: c.line,
        });
    }
    remove_container(engine, h, &cid);
    ev.push(Event::Removed(cid[..12].to_string()));
    let author = st.config.author.clone();
    commit(
        engine,
        h,
        st,
        cfg,
        author,
        created_by,
        Some(sys.fs.take_upper()),
    );
    push_vertex(st, ev, vname, false, logs, secs, None);
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn copy_step(
    engine: &mut Engine,
    h: HostId,
    ctx: &BuildContext,
    st: &mut State,
    spec: &super::instructions::CopySpec,
    is_add: bool,
    c: &Command,
    stages: &[(String, Option<Digest>)],
    opts: &BuildOptions,
    ev: &mut Vec<Event>,
) -> Result<(), BuildError> {
    let cmdname = if is_add { "ADD" } else { "COPY" };
    let now = engine.clock.now_secs();
    for s in &spec.sources {
        if s.starts_with("http://") || s.starts_with("https://") {
            if !is_add {
                return Err(BuildError::stream("source can't be a URL for COPY"));
            }
            let host = s
                .split("://")
                .nth(1)
                .and_then(|r| r.split('/').next())
                .unwrap_or("");
            return Err(BuildError::stream(format!(
                "Get \"{s}\": dial tcp: lookup {host}: no such host (this sandbox is offline: ADD cannot download URLs; put the file in the build context and ADD or COPY it from there)"
            )));
        }
    }
    // the source filesystem
    let from_fs;
    let source = if spec.from.is_empty() {
        Source::Context(ctx)
    } else {
        let key = spec.from.to_lowercase();
        let img = if let Some((_, i)) = stages.iter().find(|(n, _)| !n.is_empty() && *n == key) {
            i.clone()
        } else if let Some(i) = key.parse::<usize>().ok().and_then(|i| stages.get(i)) {
            i.1.clone()
        } else if let Ok(i) = key.parse::<usize>() {
            return Err(BuildError::stream(format!(
                "invalid from flag value {i}: refers to current build stage"
            )));
        } else {
            match find_image(engine, h, &spec.from) {
                Some(d) => Some(d),
                None => Some(pull_image(engine, h, &spec.from, ev)?),
            }
        };
        from_fs = image_fs(engine, h, &img);
        Source::Image(&from_fs)
    };
    let mut srcs = copy::resolve(&source, &spec.sources, cmdname).map_err(BuildError::stream)?;
    for sc in &spec.contents {
        srcs.push(copy::heredoc_source(&sc.path, &sc.data, now));
    }
    let hash = copy::sources_hash(&srcs);
    let cfg = st.config.config.clone();
    let wd = if cfg.working_dir.is_empty() {
        "/".to_string()
    } else {
        cfg.working_dir.clone()
    };
    let mut dest = if spec.dest.starts_with('/') {
        spec.dest.clone()
    } else {
        let j = path::join(&wd, &spec.dest);
        if spec.dest.ends_with('/') || spec.dest == "." {
            format!("{}/", j.trim_end_matches('/'))
        } else {
            j
        }
    };
    if dest == "//" {
        dest = "/".into();
    }
    let created_by = if st.buildkit {
        let mut parts: Vec<String> = spec.sources.clone();
        parts.extend(spec.contents.iter().map(|c| format!("<<{}", c.path)));
        format!("{cmdname} {} {} # buildkit", parts.join(" "), spec.dest)
    } else {
        nop1(&cfg, &format!("{cmdname} {hash} in {} ", spec.dest))
    };
    let vname = vertex_name(st, &c.code);
    let mut fs = image_fs(engine, h, &st.image);
    let owner = copy::resolve_chown(&fs, &spec.chown).map_err(BuildError::stream)?;
    let mode =
        if spec.chmod.is_empty() {
            None
        } else {
            Some(u32::from_str_radix(&spec.chmod, 8).map_err(|_| {
                BuildError::stream(format!("invalid chmod parameter: {}", spec.chmod))
            })?)
        };
    let copts = CopyOpts {
        // new files belong to root unless --chown says otherwise
        owner: Some(owner.unwrap_or((0, 0))),
        mode,
        unpack: is_add,
        mtime: now,
    };
    copy::copy_into(&mut fs, &srcs, &dest, &copts, cmdname).map_err(BuildError::stream)?;
    let layer = fs.take_upper();
    // BuildKit's history string has no checksum: its cache compares the
    // copied content (the layer) instead.
    let want = (!layer.is_empty()).then(|| layer.diff_id());
    let hit = probe_cache(engine, h, st, &created_by, &cfg).filter(|id| {
        !st.buildkit
            || engine.hosts[h]
                .daemon
                .images
                .images
                .get(id)
                .is_some_and(|i| {
                    let last = i.config.history.last().is_some_and(|e| e.empty_layer);
                    match &want {
                        Some(d) => !last && i.config.rootfs.diff_ids.last() == Some(d),
                        None => last,
                    }
                })
    });
    if let Some(id) = hit {
        use_cache(engine, h, st, id, ev);
        push_vertex(st, ev, vname, true, Vec::new(), 0.0, None);
        return Ok(());
    }
    st.cache_ok = false;
    let author = st.config.author.clone();
    let _ = opts;
    commit(engine, h, st, cfg, author, created_by, Some(layer));
    push_vertex(st, ev, vname, false, Vec::new(), 0.0, None);
    Ok(())
}

/// Prints a build as the classic builder streams it (stdout of `docker
/// build`), without the final `Successfully …` lines.
pub fn render_classic(events: &[Event], out: &mut Output) {
    for e in events {
        match e {
            Event::Line(l) => out.outln(l),
            Event::Step { n, total, text } => out.outln(format!("Step {n}/{total} : {text}")),
            Event::Image(id) => out.outln(format!(" ---> {id}")),
            Event::UsingCache => out.outln(" ---> Using cache"),
            Event::Running(id) => out.outln(format!(" ---> Running in {id}")),
            Event::Output(t) => {
                out.out(t);
                if !t.ends_with('\n') {
                    out.out("\n");
                }
            }
            Event::Removed(id) => out.outln(format!(" ---> Removed intermediate container {id}")),
            Event::Vertex(_) => {}
        }
    }
}

/// Prints a build as BuildKit's plain progress (stderr of `docker build`
/// with `DOCKER_BUILDKIT=1` / `docker buildx build --progress=plain`).
pub fn render_plain(
    events: &[Event],
    dockerfile_len: usize,
    context_size: u64,
    bases: &[String],
    result: &Result<Digest, BuildError>,
    tags: &[String],
    out: &mut Output,
) {
    let mut n = 0;
    let line = |out: &mut Output, s: String| out.errln(s);
    line(
        out,
        "#0 building with \"default\" instance using docker driver".into(),
    );
    out.errln("");
    n += 1;
    line(
        out,
        format!("#{n} [internal] load build definition from Dockerfile"),
    );
    line(
        out,
        format!("#{n} transferring dockerfile: {}B done", dockerfile_len),
    );
    line(out, format!("#{n} DONE 0.0s"));
    out.errln("");
    for b in bases {
        n += 1;
        line(out, format!("#{n} [internal] load metadata for {b}"));
        line(out, format!("#{n} DONE 0.0s"));
        out.errln("");
    }
    n += 1;
    line(out, format!("#{n} [internal] load .dockerignore"));
    line(out, format!("#{n} transferring context: 2B done"));
    line(out, format!("#{n} DONE 0.0s"));
    out.errln("");
    let mut ctx_done = false;
    for e in events {
        let Event::Vertex(v) = e else { continue };
        if !ctx_done && !v.name.contains("] FROM ") {
            ctx_done = true;
            n += 1;
            line(out, format!("#{n} [internal] load build context"));
            line(
                out,
                format!(
                    "#{n} transferring context: {} done",
                    crate::engine::units::human_size(context_size as f64)
                ),
            );
            line(out, format!("#{n} DONE 0.0s"));
            out.errln("");
        }
        n += 1;
        line(out, format!("#{n} {}", v.name));
        if v.cached {
            line(out, format!("#{n} CACHED"));
        } else {
            for l in &v.logs {
                line(out, format!("#{n} {:.3} {l}", v.secs));
            }
            match &v.error {
                Some(err) => line(out, format!("#{n} ERROR: {}", buildkit_message(err))),
                None => line(out, format!("#{n} DONE {:.1}s", v.secs)),
            }
        }
        out.errln("");
    }
    if let Ok(id) = result {
        n += 1;
        line(out, format!("#{n} exporting to image"));
        line(out, format!("#{n} exporting layers 0.0s done"));
        line(out, format!("#{n} writing image {id} done"));
        for t in tags {
            line(out, format!("#{n} naming to {t} done"));
        }
        line(out, format!("#{n} DONE 0.0s"));
    }
}
