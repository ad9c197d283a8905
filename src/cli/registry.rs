//! Registry commands: `login`, `logout`, `push`, `search`
//! (`docker/cli` `cli/command/registry/`, `cli/command/image/push.go`).
//! Credentials live in the host's `/root/.docker/config.json` (`auths`,
//! base64 `user:password`, the plain-text file store); the daemon side is
//! `engine::registry::client`.

use super::parse::Invocation;
use crate::engine::image::name::{parse_normalized, Named};
use crate::engine::registry::{accounts, client, Registries, DOCKER_HUB};
use crate::engine::{Engine, HostId};
use crate::userland::{Action, Output};

/// Marks a password typed at the `Password: ` prompt (no `-p` warning).
const PROMPTED: &str = "%prompt%";

const PLAINTEXT_WARNING: &str = "\nWARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n";

/// Runs the handler named `verb` (the part after `registry.`).
pub fn dispatch(
    engine: &mut Engine,
    h: HostId,
    verb: &str,
    inv: &Invocation,
    out: &mut Output,
) -> i32 {
    match verb {
        "login" => login(engine, h, inv, out),
        "logout" => logout(engine, h, inv, out),
        "push" => push(engine, h, inv, out),
        "search" => search(engine, h, inv, out),
        _ => {
            out.errln(format!("docker: '{verb}' is not a docker command."));
            1
        }
    }
}

fn record(engine: &mut Engine, h: HostId, method: &str, path: String, status: u16) {
    engine.hosts[h]
        .daemon
        .api
        .record(method, path, None, status);
}

/// The registry domain a login server address designates, and the key its
/// credentials are stored under.
fn server_of(arg: Option<&str>) -> (String, String) {
    let raw = arg.unwrap_or("").trim();
    let s = raw
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let s = s.strip_suffix("/v1").unwrap_or(s);
    if s.is_empty() || matches!(s, "docker.io" | "index.docker.io" | "registry-1.docker.io") {
        (DOCKER_HUB.to_string(), client::HUB_AUTH_KEY.to_string())
    } else {
        (s.to_string(), s.to_string())
    }
}

fn read_config(engine: &Engine, h: HostId) -> serde_json::Value {
    engine
        .host(h)
        .fs
        .read_text(client::CONFIG_PATH)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| serde_json::json!({ "auths": {} }))
}

fn write_config(engine: &mut Engine, h: HostId, v: &serde_json::Value) {
    use serde::Serialize;
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"\t");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    if v.serialize(&mut ser).is_err() {
        return;
    }
    let mtime = engine.clock.now_secs();
    let fs = &mut engine.host_mut(h).fs;
    let _ = fs.mkdir_all("/root/.docker", 0o700, mtime);
    let _ = fs.write_file(
        client::CONFIG_PATH,
        crate::engine::fs::Content::bytes(buf),
        mtime,
    );
}

/// The daemon's `POST /auth`: checks the credentials against the registry.
fn authenticate(
    engine: &mut Engine,
    h: HostId,
    domain: &str,
    user: &str,
    password: &str,
) -> Result<(), String> {
    let ep = client::endpoint(engine, h, domain)?;
    match ep {
        client::Endpoint::Public(d) => {
            if accounts::check(&d, user, password) {
                Ok(())
            } else if d == DOCKER_HUB {
                Err("Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password".into())
            } else {
                Err(format!(
                    "Get \"https://{d}/v2/\": unauthorized: authentication required"
                ))
            }
        }
        client::Endpoint::Net { .. } => client::ping(engine, &ep),
    }
}

fn login(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let arg = inv.args.first().map(String::as_str);
    let (domain, key) = server_of(arg);
    let mut user = inv.value("username").unwrap_or("").trim().to_string();
    let mut password = inv.value("password").unwrap_or("").to_string();
    let prompted = password.starts_with(PROMPTED);
    if prompted {
        password = password.trim_start_matches(PROMPTED).to_string();
    } else if !password.is_empty() {
        out.errln("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
        if inv.on("password-stdin") {
            out.errln("--password and --password-stdin are mutually exclusive");
            return 1;
        }
    }
    if inv.on("password-stdin") {
        if user.is_empty() {
            out.errln("Must provide --username with --password-stdin");
            return 1;
        }
        let s = String::from_utf8_lossy(&inv.stdin).to_string();
        password = s.strip_suffix('\n').unwrap_or(&s).to_string();
        password = password.strip_suffix('\r').unwrap_or(&password).to_string();
    }
    let server_arg = arg.map(|a| format!(" {a}")).unwrap_or_default();
    // stored credentials first, when none are given
    if user.is_empty() && password.is_empty() && !inv.given("username") {
        if let Some((u, p)) = client::credentials(engine, h, &domain) {
            out.out(format!(
                "Authenticating with existing credentials... [Username: {u}]\nTo login with a different account, run 'docker logout' followed by 'docker login'\n\n"
            ));
            match authenticate(engine, h, &domain, &u, &p) {
                Ok(()) => {
                    record(engine, h, "POST", "/auth".into(), 200);
                    out.err(format!("{PLAINTEXT_WARNING}\n"));
                    out.outln("Login Succeeded");
                    return 0;
                }
                Err(_) => out.errln("Stored credentials invalid or expired"),
            }
        }
    }
    if user.is_empty() || password.is_empty() {
        if !inv.stdin.is_empty() && !inv.on("password-stdin") {
            out.errln("Error: Cannot perform an interactive login from a non TTY device");
            return 1;
        }
        if user.is_empty() {
            if inv.given("username") {
                out.errln("Error: Non-null Username Required");
                return 1;
            }
            if domain == DOCKER_HUB {
                out.err(
                    "Failed to start web-based login - falling back to command line login...\n\n",
                );
            }
            out.action = Some(Action::Prompt {
                label: "Username: ".into(),
                secret: false,
                resume: format!("docker login{server_arg} --username="),
            });
            return 0;
        }
        if prompted || inv.given("password") || inv.on("password-stdin") {
            out.errln("Error: Password Required");
            return 1;
        }
        out.action = Some(Action::Prompt {
            label: "Password: ".into(),
            secret: true,
            resume: format!("docker login{server_arg} --username={user} --password={PROMPTED}"),
        });
        return 0;
    }
    user = user.trim().to_string();
    match authenticate(engine, h, &domain, &user, &password) {
        Ok(()) => {
            record(engine, h, "POST", "/auth".into(), 200);
            let mut cfg = read_config(engine, h);
            if !cfg.get("auths").is_some_and(|a| a.is_object()) {
                cfg["auths"] = serde_json::json!({});
            }
            cfg["auths"][key.as_str()] = serde_json::json!({
                "auth": client::base64(format!("{user}:{password}").as_bytes())
            });
            write_config(engine, h, &cfg);
            out.err(format!("{PLAINTEXT_WARNING}\n"));
            out.outln("Login Succeeded");
            0
        }
        Err(e) => {
            record(engine, h, "POST", "/auth".into(), 401);
            out.errln(format!("Error response from daemon: {e}"));
            1
        }
    }
}

fn logout(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let (_, key) = server_of(inv.args.first().map(String::as_str));
    let mut cfg = read_config(engine, h);
    let present = cfg.get("auths").and_then(|a| a.get(key.as_str())).is_some();
    if !present {
        out.outln(format!("Not logged in to {key}"));
        return 0;
    }
    out.outln(format!("Removing login credentials for {key}"));
    if let Some(a) = cfg.get_mut("auths").and_then(|a| a.as_object_mut()) {
        a.remove(&key);
    }
    write_config(engine, h, &cfg);
    0
}

fn push(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let arg = &inv.args[0];
    let named = match parse_normalized(arg) {
        Ok(n) => n,
        Err(e) => {
            out.errln(e);
            return 1;
        }
    };
    let all = inv.on("all-tags");
    let quiet = inv.on("quiet");
    if all && (named.tag.is_some() || named.digest.is_some()) {
        out.errln("tag can't be used with --all-tags/-a");
        return 1;
    }
    if named.digest.is_some() {
        out.errln("Error response from daemon: cannot push a digest reference");
        return 1;
    }
    if !all && named.tag.is_none() && !quiet {
        out.outln("Using default tag: latest");
    }
    let path = format!(
        "/images/{}/push?tag={}",
        crate::engine::image::ops::url_encode(&named.full_name()),
        named
            .tag
            .clone()
            .unwrap_or_else(|| if all { String::new() } else { "latest".into() })
    );
    if !quiet {
        out.outln(format!(
            "The push refers to repository [{}]",
            named.full_name()
        ));
    }
    let prefix = format!("{}:", named.full_name());
    let local_tags: Vec<String> = engine
        .host(h)
        .daemon
        .images
        .refs
        .keys()
        .filter_map(|k| k.strip_prefix(&prefix))
        .filter(|t| !t.contains('@') && !t.contains('/'))
        .map(str::to_string)
        .collect();
    let targets: Vec<Named> = if all {
        local_tags
            .iter()
            .map(|t| Named {
                tag: Some(t.clone()),
                ..named.clone()
            })
            .collect()
    } else {
        vec![named.clone().with_default_tag()]
    };
    let fail = |engine: &mut Engine, out: &mut Output, msg: String| {
        record(engine, h, "POST", path.clone(), 200);
        out.errln(msg);
        1
    };
    if local_tags.is_empty() {
        return fail(
            engine,
            out,
            format!(
                "An image does not exist locally with the tag: {}",
                named.familiar_name()
            ),
        );
    }
    for n in targets {
        let mut lines: Vec<String> = Vec::new();
        let r = client::push(engine, h, &n, &mut |l| lines.push(l.to_string()));
        if !quiet {
            for l in lines {
                out.outln(l);
            }
        }
        if let Err(e) = r {
            return fail(engine, out, e.0);
        }
    }
    record(engine, h, "POST", path, 200);
    if quiet {
        out.outln(named.clone().with_default_tag().full());
    }
    0
}

/// Docker Hub's listing of an official repository: description and stars.
fn hub_listing(repo: &str) -> (&'static str, u32) {
    match repo {
        "ubuntu" => ("Ubuntu is a Debian-based Linux operating system based on free software.", 17543),
        "alpine" => ("A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!", 11012),
        "nginx" => ("Official build of Nginx.", 20431),
        "redis" => ("Redis is the world’s fastest data platform for caching, vector search, and NoSQL databases.", 12985),
        "busybox" => ("Busybox base image.", 3397),
        "debian" => ("Debian is a Linux distribution that's composed entirely of free and open-source software.", 5166),
        "python" => ("Python is an interpreted, interactive, object-oriented, open-source programming language.", 10115),
        "node" => ("Node.js is a JavaScript-based platform for server-side and networking applications.", 13834),
        "registry" => ("Distribution implementation for storing and distributing of container images and artifacts", 4286),
        "hello-world" => ("Hello World! (an example of minimal Dockerization)", 2376),
        _ => ("", 0),
    }
}

fn search(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let term = inv.args[0].to_lowercase();
    let limit = inv
        .value("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(25);
    if !(1..=100).contains(&limit) {
        out.errln(format!(
            "Error response from daemon: limit {limit} is outside the range of [1, 100]"
        ));
        return 1;
    }
    record(
        engine,
        h,
        "GET",
        format!(
            "/images/search?limit={limit}&term={}",
            crate::engine::image::ops::url_encode(&term)
        ),
        200,
    );
    let mut rows: Vec<(String, String, u32, bool)> = Vec::new();
    let mut files = engine.registries.files(DOCKER_HUB);
    let repos = crate::engine::registry::storage::Layout { files: &mut files }.repositories();
    for r in repos {
        let (name, official) = match r.strip_prefix("library/") {
            Some(n) => (n.to_string(), true),
            None => (r.clone(), false),
        };
        if !name.contains(&term) {
            continue;
        }
        let (desc, stars) = if official {
            hub_listing(&name)
        } else {
            ("", 0)
        };
        rows.push((name, desc.to_string(), stars, official));
    }
    let _ = Registries::is_public(DOCKER_HUB);
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    rows.truncate(limit);
    let trunc = !inv.on("no-trunc");
    let table: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(n, d, s, o)| {
            let d = if trunc && d.chars().count() > 45 {
                format!("{}…", d.chars().take(44).collect::<String>())
            } else {
                d
            };
            vec![
                n,
                d,
                s.to_string(),
                if o { "[OK]".into() } else { String::new() },
            ]
        })
        .collect();
    let header = ["NAME", "DESCRIPTION", "STARS", "OFFICIAL"];
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &table {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |cells: Vec<String>| -> String {
        let mut s = String::new();
        let last = cells.len() - 1;
        for (i, c) in cells.into_iter().enumerate() {
            if i == last {
                s.push_str(&c);
            } else {
                let pad = widths[i] - c.chars().count() + 3;
                s.push_str(&c);
                s.push_str(&" ".repeat(pad));
            }
        }
        s.trim_end().to_string()
    };
    out.outln(line(header.iter().map(|s| s.to_string()).collect()));
    for r in table {
        out.outln(line(r));
    }
    0
}
