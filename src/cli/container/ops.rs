//! Lifecycle commands: start, stop, restart, kill, pause, unpause, rm,
//! rename, wait, container prune.

use super::run::{must_lookup, print_logs_from};
use super::{api, daemon_err, fmt::human_size};
use crate::cli::parse::Invocation;
use crate::engine::container::lifecycle;
use crate::engine::container::Status;
use crate::engine::runtime;
use crate::engine::{Engine, HostId};
use crate::userland::{Action, Output};

/// `docker start [-a] [-i] C…`.
pub fn start(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let attach = inv.on("attach") || inv.on("interactive");
    if attach && inv.args.len() > 1 {
        out.errln("you cannot start and attach multiple containers at once");
        return 1;
    }
    let mut failed = Vec::new();
    for key in &inv.args {
        if !attach {
            // `POST /containers/{C}/start`, as docker/cli's `startContainers`.
            let path = format!("/containers/{key}/start");
            match super::client(h).json(engine, "POST", &path, None) {
                Ok(_) => out.outln(key),
                Err((_, msg)) => {
                    out.errln(format!("Error response from daemon: {msg}"));
                    failed.push(key.clone());
                }
            }
            continue;
        }
        let Some(id) = must_lookup(engine, h, key, out) else {
            failed.push(key.clone());
            continue;
        };
        let log_len = engine
            .host(h)
            .daemon
            .containers
            .by_id
            .get(&id)
            .map_or(0, |c| c.logs.len());
        if attach {
            let q = if inv.on("interactive") {
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
            if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(&id) {
                c.attached = true;
            }
        }
        let r = lifecycle::start(engine, h, &id);
        let status = match &r {
            Ok(Some(_)) => 204,
            Ok(None) => 304,
            Err(e) => e.status(),
        };
        api(
            engine,
            h,
            "POST",
            &format!("/containers/{key}/start"),
            None,
            status,
        );
        match r {
            Err(e) => {
                if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(&id) {
                    c.attached = false;
                }
                daemon_err(out, &e);
                failed.push(key.clone());
            }
            Ok(s) if attach => {
                let shell = engine
                    .host(h)
                    .daemon
                    .containers
                    .by_id
                    .get(&id)
                    .is_some_and(|c| {
                        matches!(c.process, Some(runtime::Proc::Interactive(_)))
                            && c.state.is_running()
                    });
                if shell && inv.on("interactive") {
                    out.action = Some(Action::Attach {
                        host: h,
                        container: id,
                        exec: None,
                    });
                    return 0;
                }
                let code = if s == Some(runtime::Started::Budget) {
                    None
                } else {
                    lifecycle::wait_exit(engine, h, &id, runtime::FOREGROUND_LIMIT_MS)
                };
                print_logs_from(engine, h, &id, log_len, out);
                if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(&id) {
                    c.attached = false;
                }
                return match code {
                    Some(c) => {
                        let auto = engine
                            .host(h)
                            .daemon
                            .containers
                            .by_id
                            .get(&id)
                            .is_some_and(|c| c.host_config.auto_remove);
                        if auto {
                            lifecycle::destroy(engine, h, &id, true);
                        }
                        c
                    }
                    None => 0,
                };
            }
            Ok(_) => out.outln(key),
        }
    }
    if failed.is_empty() {
        0
    } else {
        out.errln(format!(
            "Error: failed to start containers: {}",
            failed.join(", ")
        ));
        1
    }
}

fn timeout(inv: &Invocation, out: &mut Output) -> Result<Option<i64>, i32> {
    match inv.value("timeout") {
        None => Ok(None),
        Some(t) => t.parse::<i64>().map(Some).map_err(|_| {
            out.errln(format!(
                "invalid argument \"{t}\" for \"-t, --timeout\" flag: strconv.ParseInt: parsing \"{t}\": invalid syntax"
            ));
            125
        }),
    }
}

/// `docker stop [-t N] [-s SIG] C…`: the containers stop in parallel.
pub fn stop(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let t = match timeout(inv, out) {
        Ok(t) => t,
        Err(c) => return c,
    };
    let mut q = Vec::new();
    if let Some(s) = inv.value("signal") {
        q.push(format!("signal={s}"));
    }
    if let Some(t) = t {
        q.push(format!("t={t}"));
    }
    let q = if q.is_empty() {
        String::new()
    } else {
        format!("?{}", q.join("&"))
    };
    let found: Vec<(String, Option<String>)> = inv
        .args
        .iter()
        .map(|k| (k.clone(), engine.host(h).daemon.containers.find_id(k)))
        .collect();
    let ids: Vec<String> = found.iter().filter_map(|(_, id)| id.clone()).collect();
    let mut results = lifecycle::stop_many(engine, h, &ids, t, inv.value("signal")).into_iter();
    let mut code = 0;
    for (key, id) in found {
        let path = format!("/containers/{key}/stop{q}");
        let r = match id {
            None => Err(crate::engine::EngineError::NoSuchContainer(key.clone())),
            Some(_) => results.next().unwrap_or(Ok(lifecycle::Done::NotModified)),
        };
        match r {
            Ok(done) => {
                let st = if done == lifecycle::Done::Changed {
                    204
                } else {
                    304
                };
                api(engine, h, "POST", &path, None, st);
                out.outln(&key);
            }
            Err(e) => {
                api(engine, h, "POST", &path, None, e.status());
                daemon_err(out, &e);
                code = 1;
            }
        }
    }
    code
}

/// `docker restart [-t N] C…`.
pub fn restart(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let t = match timeout(inv, out) {
        Ok(t) => t,
        Err(c) => return c,
    };
    let mut code = 0;
    for key in &inv.args {
        let path = format!(
            "/containers/{key}/restart{}",
            t.map(|t| format!("?t={t}")).unwrap_or_default()
        );
        let Some(id) = engine.host(h).daemon.containers.find_id(key) else {
            api(engine, h, "POST", &path, None, 404);
            daemon_err(
                out,
                &crate::engine::EngineError::NoSuchContainer(key.clone()),
            );
            code = 1;
            continue;
        };
        let r = lifecycle::stop(engine, h, &id, t).and_then(|_| {
            if let Some(c) = engine.host_mut(h).daemon.containers.by_id.get_mut(&id) {
                if c.state.status == Status::Restarting {
                    c.state.status = Status::Exited;
                }
            }
            lifecycle::start(engine, h, &id)
        });
        match r {
            Ok(_) => {
                api(engine, h, "POST", &path, None, 204);
                out.outln(key);
            }
            Err(e) => {
                api(engine, h, "POST", &path, None, e.status());
                daemon_err(out, &e);
                code = 1;
            }
        }
    }
    code
}

/// `docker kill [-s SIG] C…`: `POST /containers/{C}/kill[?signal=SIG]`.
pub fn kill(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let sig = inv.value("signal").unwrap_or("KILL");
    let paths = inv
        .args
        .iter()
        .map(|key| {
            let path = if inv.given("signal") {
                format!("/containers/{key}/kill?signal={sig}")
            } else {
                format!("/containers/{key}/kill")
            };
            (key.clone(), path)
        })
        .collect();
    post_each(engine, h, paths, out)
}

/// `docker pause C…` / `docker unpause C…`: `POST /containers/{C}/pause`.
pub fn pause(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output, on: bool) -> i32 {
    let verb = if on { "pause" } else { "unpause" };
    let paths = inv
        .args
        .iter()
        .map(|key| (key.clone(), format!("/containers/{key}/{verb}")))
        .collect();
    post_each(engine, h, paths, out)
}

/// Sends `POST path` for each (container, path); prints the container as
/// typed on success, the daemon's error otherwise.
fn post_each(
    engine: &mut Engine,
    h: HostId,
    paths: Vec<(String, String)>,
    out: &mut Output,
) -> i32 {
    let client = super::client(h);
    let mut code = 0;
    for (key, path) in paths {
        match client.json(engine, "POST", &path, None) {
            Ok(_) => out.outln(key),
            Err((_, msg)) => {
                out.errln(format!("Error response from daemon: {msg}"));
                code = 1;
            }
        }
    }
    code
}

/// `docker rm [-f] [-v] C…`.
pub fn rm(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let force = inv.on("force");
    let volumes = inv.on("volumes");
    let mut q = Vec::new();
    if volumes {
        q.push("v=1");
    }
    if force {
        q.push("force=1");
    }
    let q = if q.is_empty() {
        String::new()
    } else {
        format!("?{}", q.join("&"))
    };
    let client = super::client(h);
    let mut code = 0;
    for key in &inv.args {
        let path = format!("/containers/{key}{q}");
        match client.json(engine, "DELETE", &path, None) {
            Ok(_) => out.outln(key),
            Err((status, msg)) => {
                if force && status == 404 {
                    continue;
                }
                out.errln(format!("Error response from daemon: {msg}"));
                code = 1;
            }
        }
    }
    code
}

/// `docker rename OLD NEW`.
pub fn rename(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let (old, new) = (&inv.args[0], &inv.args[1]);
    if new.trim().is_empty() {
        out.errln("Error: Neither old nor new names may be empty");
        return 1;
    }
    let path = format!("/containers/{old}/rename?name={new}");
    match super::client(h).json(engine, "POST", &path, None) {
        Ok(_) => 0,
        Err((_, msg)) => {
            out.errln(format!("Error response from daemon: {msg}"));
            1
        }
    }
}

/// `docker wait C…`: prints each exit code.
pub fn wait(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let mut code = 0;
    for key in &inv.args {
        let path = format!("/containers/{key}/wait");
        let id = match engine.host(h).daemon.containers.lookup(key) {
            Ok(id) => id,
            Err(e) => {
                api(engine, h, "POST", &path, None, e.status());
                daemon_err(out, &e);
                code = 1;
                continue;
            }
        };
        api(engine, h, "POST", &path, None, 200);
        let running = engine
            .host(h)
            .daemon
            .containers
            .by_id
            .get(&id)
            .is_some_and(|c| c.state.is_running());
        let exit = if running {
            lifecycle::wait_exit(engine, h, &id, runtime::FOREGROUND_LIMIT_MS)
        } else {
            engine
                .host(h)
                .daemon
                .containers
                .by_id
                .get(&id)
                .map(|c| c.state.exit_code)
        };
        match exit {
            Some(c) => out.outln(c.to_string()),
            None => {
                out.errln(format!(
                    "dockerlings: {key} is still running; stopped waiting (stop it with `docker stop {key}`)"
                ));
                code = 1;
            }
        }
    }
    code
}

/// `docker container prune [-f]`.
pub fn prune(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    if !inv.on("force")
        && !super::confirmed(
            inv,
            out,
            "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ",
            "docker container prune",
        )
    {
        return 0;
    }
    let victims: Vec<(String, u64)> = engine
        .host(h)
        .daemon
        .containers
        .newest_first()
        .iter()
        .filter(|c| !c.state.is_running())
        .map(|c| (c.id.clone(), c.size_rw()))
        .collect();
    api(engine, h, "POST", "/containers/prune", None, 200);
    let mut total = 0;
    if !victims.is_empty() {
        out.outln("Deleted Containers:");
        for (id, size) in &victims {
            lifecycle::destroy(engine, h, id, false);
            out.outln(id);
            total += size;
        }
        out.outln("");
    }
    out.outln(format!(
        "Total reclaimed space: {}",
        human_size(total as f64)
    ));
    0
}
