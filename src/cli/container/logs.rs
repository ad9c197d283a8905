//! `docker logs`, `docker attach`, `docker exec`.
//!
//! `logs -f` prints what the container has written up to now and returns
//! (script mode has no "later"; the browser re-runs it to see more).

use super::run::must_lookup;
use super::{api, daemon_err};
use crate::cli::parse::Invocation;
use crate::engine::clock::{rfc3339_nanos, Millis};
use crate::engine::container::{lifecycle, LogStream, Status};
use crate::engine::runtime::{self, Proc};
use crate::engine::{Engine, HostId};
use crate::userland::{Action, Output, ProcCtx};

/// Parses `--since`/`--until`: RFC 3339 (`2025-01-01T00:00:05Z`), a Unix
/// timestamp, or a duration before now (`10s`, `5m`, `1h`, `1h30m`).
pub fn parse_time(s: &str, now: Millis) -> Option<Millis> {
    if let Ok(secs) = s.parse::<f64>() {
        return Some((secs * 1000.0) as Millis);
    }
    if let Some(d) = parse_duration(s) {
        return Some(now - d);
    }
    parse_rfc3339(s)
}

fn parse_duration(s: &str) -> Option<Millis> {
    let mut total = 0f64;
    let mut num = String::new();
    let mut any = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let n: f64 = num.parse().ok()?;
        num.clear();
        let unit = match c {
            'h' => 3_600_000.0,
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                1.0
            }
            'm' => 60_000.0,
            's' => 1000.0,
            _ => return None,
        };
        total += n * unit;
        any = true;
    }
    (any && num.is_empty()).then_some(total as Millis)
}

fn parse_rfc3339(s: &str) -> Option<Millis> {
    let s = s.trim_end_matches('Z');
    let (date, time) = s.split_once('T').unwrap_or((s, "00:00:00"));
    let d: Vec<i64> = date.split('-').filter_map(|x| x.parse().ok()).collect();
    if d.len() != 3 {
        return None;
    }
    let (time, frac) = time.split_once('.').unwrap_or((time, ""));
    let t: Vec<i64> = time.split(':').filter_map(|x| x.parse().ok()).collect();
    let (y, m, day) = (d[0], d[1], d[2]);
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400
        + t.first().copied().unwrap_or(0) * 3600
        + t.get(1).copied().unwrap_or(0) * 60
        + t.get(2).copied().unwrap_or(0);
    let ms: i64 = format!("{:0<3}", frac.get(..frac.len().min(3)).unwrap_or(""))
        .parse()
        .unwrap_or(0);
    Some(secs * 1000 + ms)
}

/// `docker logs [-f] [--tail N] [-t] [--since T] [--until T] C`.
pub fn logs(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let key = &inv.args[0];
    let Some(id) = must_lookup(engine, h, key, out) else {
        return 1;
    };
    let now = engine.now();
    let since = match inv.value("since").map(|s| (s, parse_time(s, now))) {
        None => None,
        Some((_, Some(t))) => Some(t),
        Some((s, None)) => {
            out.errln(format!(
                "invalid value for \"since\": failed to parse value as time or duration: \"{s}\""
            ));
            return 1;
        }
    };
    let until = match inv.value("until").map(|s| (s, parse_time(s, now))) {
        None => None,
        Some((_, Some(t))) => Some(t),
        Some((s, None)) => {
            out.errln(format!(
                "invalid value for \"until\": failed to parse value as time or duration: \"{s}\""
            ));
            return 1;
        }
    };
    let tail = inv.value("tail").unwrap_or("all");
    let tail_n: Option<usize> = match tail {
        "all" | "" => None,
        t => match t.parse::<i64>() {
            Ok(n) if n < 0 => None,
            Ok(n) => Some(n as usize),
            Err(_) => None,
        },
    };
    let mut q = vec!["stderr=1".to_string(), "stdout=1".to_string()];
    if inv.on("follow") {
        q.insert(0, "follow=1".into());
    }
    if let Some(s) = inv.value("since") {
        q.push(format!("since={s}"));
    }
    q.push(format!("tail={tail}"));
    if inv.on("timestamps") {
        q.push("timestamps=1".into());
    }
    api(
        engine,
        h,
        "GET",
        &format!("/containers/{key}/logs?{}", q.join("&")),
        None,
        200,
    );
    let Some(c) = engine.host(h).daemon.containers.by_id.get(&id) else {
        return 1;
    };
    let lines: Vec<_> = c
        .logs
        .iter()
        .filter(|l| since.is_none_or(|s| l.at >= s) && until.is_none_or(|u| l.at <= u))
        .collect();
    let skip = tail_n.map_or(0, |n| lines.len().saturating_sub(n));
    let ts = inv.on("timestamps");
    if inv.on("follow") && c.state.is_running() && !ts && until.is_none() {
        out.action = Some(crate::userland::Action::Follow {
            host: h,
            container: id.clone(),
            from: c.logs.len(),
            attached: false,
        });
    }
    for l in lines.into_iter().skip(skip) {
        let text = if ts {
            format!("{} {}", rfc3339_nanos(l.at), l.text)
        } else {
            l.text.clone()
        };
        match l.stream {
            LogStream::Stdout => out.out(text),
            LogStream::Stderr => out.err(text),
        }
    }
    0
}

/// `docker attach C`.
pub fn attach(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let key = &inv.args[0];
    let Some(id) = must_lookup(engine, h, key, out) else {
        return 1;
    };
    let Some(c) = engine.host(h).daemon.containers.by_id.get(&id) else {
        return 1;
    };
    match c.state.status {
        Status::Running => {}
        Status::Paused => {
            out.errln("You cannot attach to a paused container, unpause it first");
            return 1;
        }
        Status::Restarting => {
            out.errln("You cannot attach to a restarting container, wait until it is running");
            return 1;
        }
        _ => {
            out.errln("You cannot attach to a stopped container, start it first");
            return 1;
        }
    }
    let shell = matches!(c.process, Some(Proc::Interactive(_))) && c.open_stdin;
    let from = c.logs.len();
    let q = if inv.on("no-stdin") {
        "stream=1&stdout=1&stderr=1"
    } else {
        "stream=1&stdin=1&stdout=1&stderr=1"
    };
    api(
        engine,
        h,
        "POST",
        &format!("/containers/{id}/attach?{q}"),
        None,
        101,
    );
    if shell {
        out.action = Some(Action::Attach {
            host: h,
            container: id,
            exec: None,
        });
        return 0;
    }
    let code = lifecycle::wait_exit(engine, h, &id, runtime::FOREGROUND_LIMIT_MS);
    super::run::print_logs_from(engine, h, &id, from, out);
    match code {
        Some(c) => c,
        None => {
            out.errln(format!(
                "dockerlings: {key} is still running; detached from it"
            ));
            0
        }
    }
}

/// `docker exec [-d] [-i] [-t] [-e K=V] [-w DIR] [-u USER] C CMD…`.
pub fn exec(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let key = &inv.args[0];
    let argv: Vec<String> = inv.args[1..].to_vec();
    let Some(id) = must_lookup(engine, h, key, out) else {
        return 1;
    };
    let Some(c) = engine.host(h).daemon.containers.by_id.get(&id) else {
        return 1;
    };
    let err = match c.state.status {
        Status::Running => None,
        Status::Paused => Some(crate::engine::EngineError::conflict(format!(
            "Container {key} is paused, unpause the container before exec"
        ))),
        Status::Restarting => Some(crate::engine::EngineError::conflict(format!(
            "Container {id} is restarting, wait until the container is running"
        ))),
        _ => Some(crate::engine::EngineError::conflict(format!(
            "container {id} is not running"
        ))),
    };
    if let Some(e) = err {
        api(
            engine,
            h,
            "POST",
            &format!("/containers/{key}/exec"),
            None,
            e.status(),
        );
        daemon_err(out, &e);
        return 1;
    }
    let mut ctx = runtime::main_ctx(c, engine.now());
    for e in inv.values("env") {
        if let Some((k, v)) = e.split_once('=') {
            ctx.env.retain(|(x, _)| x != k);
            ctx.env.push((k.to_string(), v.to_string()));
        }
    }
    if let Some(w) = inv.value("workdir") {
        ctx.cwd = w.to_string();
    }
    if let Some(u) = inv.value("user") {
        ctx.user = u.to_string();
    }
    ctx.tty = inv.on("tty");
    ctx.interactive = inv.on("interactive");
    let detach = inv.on("detach");
    if !detach {
        ctx.until = engine.now() + runtime::FOREGROUND_LIMIT_MS;
    }
    let body = serde_json::json!({
        "User": ctx.user, "AttachStdin": ctx.interactive, "AttachStdout": !detach, "AttachStderr": !detach,
        "Tty": ctx.tty, "Env": inv.values("env"), "Cmd": argv, "WorkingDir": inv.value("workdir").unwrap_or(""),
    })
    .to_string();
    api(
        engine,
        h,
        "POST",
        &format!("/containers/{key}/exec"),
        Some(body),
        201,
    );
    let ctx: ProcCtx = ctx;
    let mut o = Output::new();
    let r = runtime::exec(engine, h, &id, &argv, ctx, &mut o);
    let eid = runtime::last_exec(engine, h, &id).unwrap_or_default();
    api(engine, h, "POST", &format!("/exec/{eid}/start"), None, 200);
    if !detach {
        out.extend(o);
    }
    match r {
        Ok(Some(code)) => {
            if detach {
                0
            } else {
                code
            }
        }
        Ok(None) => {
            out.action = Some(Action::Attach {
                host: h,
                container: id,
                exec: Some(eid),
            });
            0
        }
        Err((msg, code)) => {
            out.errln(format!(
                "OCI runtime exec failed: exec failed: unable to start container process: {msg}: unknown"
            ));
            code
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_time("10s", 100_000), Some(90_000));
        assert_eq!(parse_time("1m30s", 100_000), Some(10_000));
        assert_eq!(
            parse_time("2025-01-01T00:00:05Z", 0),
            Some(1_735_689_605_000)
        );
        assert_eq!(parse_time("xyz", 0), None);
    }
}
