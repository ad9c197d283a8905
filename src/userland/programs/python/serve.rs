//! Serving HTTP requests for Flask and http.server apps, and the interactive `>>>` interpreter.

use super::*;

pub(super) fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Serves one request for a Python web app.
pub fn serve(
    sys: &mut dyn Sys,
    app: &mut WebApp,
    req: &HttpRequest,
    log: &mut Output,
    now: Millis,
) -> HttpResponse {
    let _origin = super::stack::Origin::enter();
    if app.host.starts_with("127.") {
        return HttpResponse::default();
    }
    let path_only = req.path.split('?').next().unwrap_or("/").to_string();
    let stamp = super::super::system::strftime(now, "%d/%b/%Y %T");
    let date = super::super::system::strftime(now, "%a, %d %b %Y %T GMT");
    let server = format!("Werkzeug/3.1.3 Python/{}", full_version(&app.pyver));
    let (status, reason, body, ctype) = if app.kind == "static" {
        let target = path::join(&app.dir, path_only.trim_start_matches('/'));
        let (fs, inner) = sys.fs_for_ref(&target);
        match fs.stat(&inner).cloned() {
            Ok(Entry::Dir { .. }) => {
                let idx = path::child(&inner, "index.html");
                if let Ok(b) = fs.read(&idx) {
                    (200, "OK", b, "text/html".to_string())
                } else {
                    let mut items = String::new();
                    for d in fs.read_dir(&inner).unwrap_or_default() {
                        let slash = if d.kind == crate::engine::fs::NodeKind::Dir { "/" } else { "" };
                        items.push_str(&format!("<li><a href=\"{0}{slash}\">{0}{slash}</a></li>\n", html_escape(&d.name)));
                    }
                    let title = format!("Directory listing for {path_only}");
                    let html = format!("<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n<hr>\n<ul>\n{items}</ul>\n<hr>\n</body>\n</html>\n");
                    (200, "OK", html.into_bytes(), "text/html; charset=utf-8".to_string())
                }
            }
            Ok(_) => (200, "OK", fs.read(&inner).unwrap_or_default(), "text/plain".to_string()),
            Err(_) => (404, "File not found", String::from("<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n").into_bytes(), "text/html;charset=utf-8".to_string()),
        }
    } else {
        // re-run the module in import mode, then call the matching view
        let ctx = super::super::Ctx {
            env: app.env.clone(),
            cwd: app.dir.clone(),
            user: String::new(),
            stdin: None,
            tty: false,
            interactive: false,
            in_pipe: false,
            fds: Vec::new(),
        };
        let mut out = Output::new();
        let mut lim = super::super::Limits::new(now, now, super::super::STEP_BUDGET);
        lim.live = false;
        let mut p = Proc {
            sys,
            argv: vec!["python".into(), app.script.clone()],
            ctx: &ctx,
            out: &mut out,
            lim: &mut lim,
            flavor: super::super::Flavor::Gnu,
            exe: format!("python{}", app.pyver),
        };
        let result = match run_script(&mut p, &app.script, &app.src, &[], false, &app.pyver, true) {
            Ok((_, routes)) => {
                match routes.into_iter().find(|(r, _, _)| *r == path_only) {
                    Some((_, _, view)) => {
                        let lines = logical_lines(&app.src).unwrap_or_default();
                        let _ = lines;
                        let mut it = Interp {
                            p: &mut p,
                            globals: BTreeMap::new(),
                            locals: Vec::new(),
                            script: app.script.clone(),
                            src_lines: app.src.lines().map(String::from).collect(),
                            buffered: false,
                            buf: String::new(),
                            line: 0,
                            frames: Vec::new(),
                            handling: Vec::new(),
                            routes: Vec::new(),
                            serving: true,
                            pyver: app.pyver.clone(),
                            rng: 1,
                        };
                        // module globals again, so the view sees them
                        if let Ok(b) = logical_lines(&app.src).and_then(|ls| {
                            let mut i = 0;
                            parse_block(&ls, &mut i, 0)
                        }) {
                            let _ = it.block(&b);
                        }
                        match it.call(view, vec![], vec![]) {
                            Ok(V::Tuple(t)) => {
                                let body = t.first().map(V::to_str).unwrap_or_default();
                                let code = t.get(1).and_then(V::num).unwrap_or(200.0) as u16;
                                let ct = t
                                    .get(2)
                                    .map(V::to_str)
                                    .unwrap_or_else(|| "text/html; charset=utf-8".into());
                                Some((code, body, ct))
                            }
                            Ok(V::Dict(d)) => Some((
                                200,
                                format!("{}\n", to_json(&V::Dict(d))),
                                "application/json".into(),
                            )),
                            Ok(v) => Some((200, v.to_str(), "text/html; charset=utf-8".into())),
                            Err(Ctl::Err(e)) => {
                                it.traceback(&e);
                                Some((500, "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n".into(), "text/html; charset=utf-8".into()))
                            }
                            Err(_) => Some((500, String::new(), "text/html; charset=utf-8".into())),
                        }
                    }
                    None => None,
                }
            }
            Err(_) => None,
        };
        for (s, t) in out.chunks {
            match s {
                crate::userland::Stream::Stdout => log.out(t),
                crate::userland::Stream::Stderr => log.err(t),
            }
        }
        match result {
            Some((code, body, ct)) => {
                let reason = if code == 200 { "OK" } else if code == 500 { "INTERNAL SERVER ERROR" } else { "" };
                (code, reason, body.into_bytes(), if ct.is_empty() { "text/html; charset=utf-8".to_string() } else { ct })
            }
            None => (404, "NOT FOUND", "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n".as_bytes().to_vec(), "text/html; charset=utf-8".to_string()),
        }
    };
    log.errln(format!(
        "172.17.0.1 - - [{stamp}] \"{} {} HTTP/1.1\" {status} -",
        req.method, req.path
    ));
    let server_hdr = if app.kind == "static" {
        format!("SimpleHTTP/0.6 Python/{}", full_version(&app.pyver))
    } else {
        server
    };
    HttpResponse {
        status,
        reason: reason.into(),
        headers: vec![
            ("Server".into(), server_hdr),
            ("Date".into(), date),
            ("Content-Type".into(), ctype),
            ("Content-Length".into(), body.len().to_string()),
            ("Connection".into(), "close".into()),
        ],
        body: if req.method == "HEAD" { vec![] } else { body },
    }
}

/// Runs one line typed at the interactive interpreter's `>>> ` prompt.
/// Statements that ran are kept in `sh.history` and replayed (silently)
/// before each new line, which rebuilds the interpreter's state; an
/// expression's value is echoed as the real REPL does. `Some(code)` when
/// the interpreter exits (`exit()`, `quit()`).
pub fn repl_line(
    sys: &mut dyn Sys,
    sh: &mut crate::userland::shell::Shell,
    line: &str,
    out: &mut Output,
) -> Option<i32> {
    let _origin = super::stack::Origin::enter();
    let pyver = sh.python.clone().unwrap_or_else(|| "3.12".into());
    let src = if !sh.pending.is_empty() || line.trim_end().ends_with(':') {
        if line.trim().is_empty() {
            std::mem::take(&mut sh.pending)
        } else {
            sh.pending.push_str(line);
            sh.pending.push('\n');
            return None;
        }
    } else {
        line.to_string()
    };
    let t = src.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(arg) = ["exit(", "quit("].iter().find_map(|f| t.strip_prefix(f)) {
        let code = arg.trim_end_matches(')').trim().parse().unwrap_or(0);
        return Some(code);
    }
    if t == "exit" || t == "quit" {
        out.outln(format!("Use {t}() or Ctrl-D (i.e. EOF) to exit"));
        return None;
    }
    let ctx = super::super::Ctx {
        env: sh.env(),
        cwd: sh.cwd.clone(),
        user: String::new(),
        stdin: None,
        tty: true,
        interactive: false,
        in_pipe: false,
        fds: Vec::new(),
    };
    let now = sys.now();
    let mut lim = super::super::Limits::new(now, now + 3_600_000, super::super::STEP_BUDGET);
    let mut scratch = Output::new();
    let ok = {
        let mut p = Proc {
            sys,
            argv: vec!["python3".into()],
            ctx: &ctx,
            out: &mut scratch,
            lim: &mut lim,
            flavor: super::super::Flavor::Gnu,
            exe: format!("python{pyver}"),
        };
        run_repl(&mut p, &sh.history.join("\n"), &src, &pyver)
    };
    out.extend(scratch);
    if ok {
        sh.history.push(src.trim_end().to_string());
    }
    None
}

/// Replays `prev` silently, then runs `new`, echoing an expression's value.
/// Returns whether `new` ran without an exception.
pub(super) fn run_repl(p: &mut Proc, prev: &str, new: &str, pyver: &str) -> bool {
    let parse = |src: &str| {
        logical_lines(src).and_then(|ls| {
            let mut i = 0;
            parse_block(&ls, &mut i, 0)
        })
    };
    let old = parse(prev).unwrap_or_default();
    let stmts = match parse(new) {
        Ok(s) => s,
        Err((_, msg)) => {
            p.out.errln(format!(
                "  File \"<stdin>\", line 1\n    {}\n    ^\nSyntaxError: {msg}",
                new.lines().next().unwrap_or("").trim()
            ));
            return false;
        }
    };
    let mut it = Interp {
        p,
        globals: BTreeMap::new(),
        locals: Vec::new(),
        script: "<stdin>".into(),
        src_lines: new.lines().map(String::from).collect(),
        buffered: false,
        buf: String::new(),
        line: 0,
        frames: Vec::new(),
        handling: Vec::new(),
        routes: Vec::new(),
        serving: false,
        pyver: pyver.to_string(),
        rng: 0x2545_F491_4F6C_DD1D,
    };
    it.globals.insert(
        "__argv".into(),
        V::List(Rc::new(RefCell::new(vec![V::Str(String::new())]))),
    );
    for s in &old {
        let _ = it.stmt(s);
    }
    it.p.out.chunks.clear();
    let mut ok = true;
    for s in &stmts {
        let r = match s {
            Stmt::Expr(_, e) => match it.eval(e) {
                Ok(V::None) => Ok(()),
                Ok(v) => {
                    let text = format!("{}\n", v.repr());
                    it.write(&text);
                    Ok(())
                }
                Err(c) => Err(c),
            },
            s => it.stmt(s),
        };
        match r {
            Ok(()) => {}
            Err(Ctl::Err(e)) => {
                let msg = if e.msg.is_empty() {
                    e.kind.clone()
                } else {
                    format!("{}: {}", e.kind, e.msg)
                };
                it.p.out.errln(format!(
                    "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n{msg}"
                ));
                ok = false;
                break;
            }
            Err(Ctl::Flow(f)) => {
                crate::userland::process::stopped_message(&f, it.p.out);
                ok = false;
                break;
            }
            Err(_) => break,
        }
    }
    ok
}
