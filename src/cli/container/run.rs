//! `docker run` and `docker create`: options → create request, pulling a
//! missing image, then (for `run`) start, and attach in the foreground,
//! hand an interactive shell to the terminal, or print the ID with `-d`.

use super::{api, daemon_err, familiar_with_tag, lookup, pull_image};
use crate::cli::builder::ClientEnv;
use crate::cli::parse::Invocation;
use crate::engine::container::config::{parse_mount, parse_publish, parse_volume};
use crate::engine::container::lifecycle::{self, CreateSpec};
use crate::engine::container::{LogStream, RestartPolicy};
use crate::engine::runtime::{self, Started};
use crate::engine::{Engine, HostId};
use crate::userland::{Action, Output};

/// `docker run`'s error wrapping (CLI 28): `docker: <err>` + help hint.
fn run_error(out: &mut Output, msg: &str) -> i32 {
    out.errln(format!(
        "docker: {msg}\n\nRun 'docker run --help' for more information"
    ));
    if msg.contains("executable file not found") || msg.contains("no such file or directory") {
        127
    } else if msg.contains("permission denied") || msg.contains("is a directory") {
        126
    } else {
        125
    }
}

/// `RAMInBytes`: `512m`, `1g`, `1024k`, `100` (bytes).
pub fn parse_bytes(s: &str) -> Option<i64> {
    let t = s.trim().to_ascii_lowercase();
    let t = t.strip_suffix('b').unwrap_or(&t);
    let (num, mult) = match t.chars().last()? {
        'k' => (&t[..t.len() - 1], 1i64 << 10),
        'm' => (&t[..t.len() - 1], 1 << 20),
        'g' => (&t[..t.len() - 1], 1 << 30),
        't' => (&t[..t.len() - 1], 1 << 40),
        _ => (t, 1),
    };
    let v: f64 = num.parse().ok()?;
    (v >= 0.0).then_some((v * mult as f64) as i64)
}

/// Splits `--entrypoint` text into argv (a plain command word, as Docker
/// takes it).
fn entrypoint_argv(s: &str) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        vec![s.to_string()]
    }
}

fn read_env_file(engine: &Engine, h: HostId, cwd: &str, path: &str) -> Result<Vec<String>, String> {
    let p = crate::engine::fs::path::join(cwd, path);
    let text = engine
        .host(h)
        .fs
        .read_text(&p)
        .map_err(|_| format!("open {path}: no such file or directory"))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|l| l.contains('='))
        .map(str::to_string)
        .collect())
}

/// Builds the create request from the command line (`Err` = usage error
/// text, printed with `docker: …`).
fn build_spec(
    engine: &Engine,
    h: HostId,
    inv: &Invocation,
    env: &ClientEnv,
) -> Result<CreateSpec, String> {
    let mut spec = CreateSpec {
        image_ref: inv.args[0].clone(),
        name: inv.value("name").map(str::to_string),
        tty: inv.on("tty"),
        open_stdin: inv.on("interactive"),
        hostname: inv.value("hostname").map(str::to_string),
        working_dir: inv.value("workdir").map(str::to_string),
        user: inv.value("user").map(str::to_string),
        // `--net` is docker/cli's hidden spelling of `--network` (the
        // articles use it): both fill the same option.
        network: inv
            .value("network")
            .or_else(|| inv.value("net"))
            .map(str::to_string),
        auto_remove: inv.on("rm"),
        publish_all: inv.on("publish-all"),
        ..CreateSpec::default()
    };
    if inv.args.len() > 1 {
        spec.cmd = Some(inv.args[1..].to_vec());
    }
    if let Some(ep) = inv.value("entrypoint") {
        spec.entrypoint = Some(entrypoint_argv(ep));
    }
    for f in inv.values("env-file") {
        spec.env.extend(read_env_file(engine, h, &env.cwd, f)?);
    }
    for e in inv.values("env") {
        if e.contains('=') {
            spec.env.push(e.to_string());
        } else if let Some((_, v)) = env.vars.iter().rev().find(|(k, _)| k == e) {
            // `-e NAME` passes the client's value, if it has one.
            spec.env.push(format!("{e}={v}"));
        }
    }
    for l in inv.values("label") {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        spec.labels.insert(k.to_string(), v.to_string());
    }
    for p in inv.values("publish") {
        spec.ports.extend(parse_publish(p)?);
    }
    for v in inv.values("volume") {
        let mut m = parse_volume(v)?;
        if m.kind == crate::engine::container::MountKind::Bind && !m.source.starts_with('/') {
            // A relative host path is taken from the learner's home.
            m.source = crate::engine::fs::path::join(&env.cwd, &m.source);
        }
        spec.binds.push(v.to_string());
        spec.mounts.push(m);
    }
    for m in inv.values("mount") {
        spec.mounts.push(parse_mount(m)?);
    }
    spec.stop_signal = inv.value("stop-signal").map(str::to_string);
    if let Some(t) = inv.value("stop-timeout") {
        spec.stop_timeout = Some(t.parse().map_err(|_| {
            format!("invalid argument \"{t}\" for \"--stop-timeout\" flag: strconv.ParseInt: parsing \"{t}\": invalid syntax")
        })?);
    }
    if let Some(r) = inv.value("restart") {
        spec.restart = Some(RestartPolicy::parse(r)?);
    }
    if spec.auto_remove
        && spec
            .restart
            .as_ref()
            .is_some_and(|r| r.name != "no" && !r.name.is_empty())
    {
        return Err("conflicting options: cannot specify both --restart and --rm".into());
    }
    if let Some(m) = inv.value("memory") {
        spec.memory = parse_bytes(m).ok_or_else(|| {
            format!("invalid argument \"{m}\" for \"-m, --memory\" flag: invalid size: '{m}'")
        })?;
        if spec.memory > 0 && spec.memory < 6 * 1024 * 1024 {
            return Err("Error response from daemon: Minimum memory limit allowed is 6MB".into());
        }
    }
    if let Some(c) = inv.value("cpus") {
        let v: f64 = c.parse().map_err(|_| {
            format!("invalid argument \"{c}\" for \"--cpus\" flag: failed to parse {c} as a rational number")
        })?;
        spec.nano_cpus = (v * 1e9) as i64;
    }
    if spec.network.as_deref() == Some("host") && !spec.ports.is_empty() {
        // Docker warns and discards them.
        spec.ports.clear();
    }
    Ok(spec)
}

/// `docker run` (`create_only` = `docker create`).
pub fn run(
    engine: &mut Engine,
    h: HostId,
    inv: &Invocation,
    env: &ClientEnv,
    out: &mut Output,
    create_only: bool,
) -> i32 {
    let usage_err = |out: &mut Output, msg: &str| {
        if create_only {
            out.errln(format!(
                "docker: {msg}\n\nRun 'docker create --help' for more information"
            ));
            125
        } else {
            run_error(out, msg)
        }
    };
    let spec = match build_spec(engine, h, inv, env) {
        Ok(s) => s,
        Err(e) => return usage_err(out, &e),
    };
    let detach = inv.on("detach") || create_only;
    if let Err(e) = crate::engine::reference::parse_any(&spec.image_ref) {
        return usage_err(out, &e.to_string());
    }
    if spec.network.as_deref() == Some("host") && !inv.values("publish").is_empty() {
        out.errln("WARNING: Published ports are discarded when using host network mode");
    }
    // `POST /containers/create`; a missing image is the daemon's 404, then
    // `POST /images/create` and the create again (`--pull missing`), as
    // docker/cli's `createContainer` does.
    let pull = inv.value("pull").unwrap_or("missing");
    if !matches!(pull, "missing" | "always" | "never") {
        return usage_err(out, &format!("invalid pull option: '{pull}': must be one of \"always\", \"missing\" or \"never\""));
    }
    let quiet = inv.on("quiet");
    let client = super::client(h);
    let body = serde_json::to_vec(&crate::engine::api::create::body(&spec)).unwrap_or_default();
    let path = match &spec.name {
        Some(n) => format!("/containers/create?name={n}"),
        None => "/containers/create".to_string(),
    };
    let daemon_error = |out: &mut Output, msg: &str| {
        if create_only {
            out.errln(format!("Error response from daemon: {msg}"));
            1
        } else {
            usage_err(out, &format!("Error response from daemon: {msg}"))
        }
    };
    let mut pulled = false;
    if pull == "always" {
        let mut pull_out = Output::new();
        if let Err(e) = pull_image(engine, h, &spec.image_ref, &mut pull_out) {
            return daemon_error(out, &e.to_string());
        }
        if !quiet {
            for (_, t) in pull_out.chunks {
                out.err(t);
            }
        }
        pulled = true;
    }
    let mut created = client.json(engine, "POST", &path, Some(body.clone()));
    let missing = matches!(&created, Err((404, m)) if m.starts_with("No such image"));
    if missing && pull == "missing" && !pulled {
        if !quiet {
            out.errln(format!(
                "Unable to find image '{}' locally",
                familiar_with_tag(&spec.image_ref)
            ));
        }
        let mut pull_out = Output::new();
        if let Err(e) = pull_image(engine, h, &spec.image_ref, &mut pull_out) {
            return daemon_error(out, &e.to_string());
        }
        if !quiet {
            for (_, t) in pull_out.chunks {
                out.err(t);
            }
        }
        created = client.json(engine, "POST", &path, Some(body));
    }
    let id = match created {
        Ok(b) => serde_json::from_slice::<serde_json::Value>(&b)
            .ok()
            .and_then(|v| v["Id"].as_str().map(str::to_string))
            .unwrap_or_default(),
        Err((_, msg)) => return daemon_error(out, &msg),
    };
    if create_only {
        out.outln(&id);
        return 0;
    }
    let interactive = spec.open_stdin;
    if detach {
        out.outln(&id);
    } else {
        let q = if interactive {
            "stream=1&stdin=1&stdout=1&stderr=1"
        } else {
            "stream=1&stdout=1&stderr=1"
        };
        api(
            engine,
            h,
            "POST",
            &format!("/containers/{id}/attach?{q}"),
            None,
            101,
        );
        let cond = if spec.auto_remove {
            "removed"
        } else {
            "next-exit"
        };
        api(
            engine,
            h,
            "POST",
            &format!("/containers/{id}/wait?condition={cond}"),
            None,
            200,
        );
        if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(&id) {
            c.attached = true;
            if interactive && !inv.stdin.is_empty() {
                c.stdin = Some(inv.stdin.clone());
            }
        }
    }
    let started = lifecycle::start(engine, h, &id);
    api(
        engine,
        h,
        "POST",
        &format!("/containers/{id}/start"),
        None,
        match &started {
            Ok(_) => 204,
            Err(e) => e.status(),
        },
    );
    let started = match started {
        Ok(s) => s,
        Err(e) => {
            if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(&id) {
                c.attached = false;
            }
            if spec.auto_remove {
                lifecycle::destroy(engine, h, &id, true);
            }
            return run_error(out, &format!("Error response from daemon: {e}"));
        }
    };
    if detach {
        return 0;
    }
    // Foreground.
    let is_shell = engine
        .host(h)
        .daemon
        .containers
        .by_id
        .get(&id)
        .is_some_and(|c| {
            matches!(c.process, Some(runtime::Proc::Interactive(_))) && c.state.is_running()
        });
    if is_shell && interactive {
        print_logs_from(engine, h, &id, 0, out);
        out.action = Some(Action::Attach {
            host: h,
            container: id,
            exec: None,
        });
        return 0;
    }
    let code = if started == Some(Started::Budget) {
        None
    } else {
        lifecycle::wait_exit(engine, h, &id, runtime::FOREGROUND_LIMIT_MS)
    };
    print_logs_from(engine, h, &id, 0, out);
    if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(&id) {
        c.attached = false;
    }
    match code {
        Some(code) => {
            if spec.auto_remove {
                lifecycle::destroy(engine, h, &id, true);
            }
            code
        }
        None => {
            let name = engine
                .host(h)
                .daemon
                .containers
                .by_id
                .get(&id)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            let _ = name;
            let from = engine
                .host(h)
                .daemon
                .containers
                .by_id
                .get(&id)
                .map_or(0, |c| c.logs.len());
            out.action = Some(Action::Follow {
                host: h,
                container: id,
                from,
                attached: true,
            });
            0
        }
    }
}

/// Prints a container's log lines from index `from` on, each to its stream.
pub fn print_logs_from(engine: &Engine, h: HostId, id: &str, from: usize, out: &mut Output) {
    let Some(c) = engine.host(h).daemon.containers.by_id.get(id) else {
        return;
    };
    for l in c.logs.iter().skip(from) {
        match l.stream {
            LogStream::Stdout => out.out(&l.text),
            LogStream::Stderr => out.err(&l.text),
        }
    }
}

/// Resolves a key and reports `No such container` like the client does.
pub fn must_lookup(engine: &mut Engine, h: HostId, key: &str, out: &mut Output) -> Option<String> {
    match lookup(engine, h, key) {
        Ok(id) => Some(id),
        Err(e) => {
            daemon_err(out, &e);
            None
        }
    }
}
