//! `docker save` and `docker load`: image archives on the client's filesystem.

use super::*;

// ------------------------------------------------------------ save, load

/// A path typed by the user, on the host: relative paths start at the
/// client's working directory (the learner's home until the shell passes
/// its cwd, as for `docker build`).
fn host_path(engine: &Engine, h: HostId, p: &str) -> String {
    let cwd = crate::cli::builder::ClientEnv::fallback(engine, h).cwd;
    crate::engine::fs::path::join(&cwd, p)
}

pub(super) fn save(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let Some(file) = inv.value("output").filter(|f| !f.is_empty()) else {
        out.errln("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        return 1;
    };
    let q: Vec<String> = inv
        .args
        .iter()
        .map(|a| format!("names={}", enc(a)))
        .collect();
    let path = format!("/images/get?{}", q.join("&"));
    let archive = match archive::save(engine, h, &inv.args) {
        Ok(a) => a,
        Err(e) => {
            record(engine, h, "GET", path, e.status());
            return daemon_error(out, &e);
        }
    };
    record(engine, h, "GET", path, 200);
    let p = host_path(engine, h, file);
    let dir = crate::engine::fs::path::parent(&p).to_string();
    if !engine.hosts[h].fs.is_dir(&dir) {
        let shown = match file.rsplit_once('/') {
            Some(("", _)) => "/".to_string(),
            Some((d, _)) => d.to_string(),
            None => ".".to_string(),
        };
        out.errln(format!(
            "failed to save image: invalid output path: directory {shown:?} does not exist"
        ));
        return 1;
    }
    if let Err(e) = archive::write_file(engine, h, &p, &archive) {
        out.errln(format!("open {file}: {}", e.to_string().to_lowercase()));
        return 1;
    }
    0
}

pub(super) fn load(engine: &mut Engine, h: HostId, inv: &Invocation, out: &mut Output) -> i32 {
    let bytes = match inv.value("input").filter(|f| !f.is_empty()) {
        // `docker load < images.tar`
        None if !inv.stdin.is_empty() => inv.stdin.clone(),
        None => {
            out.errln("requested load from stdin, but stdin is empty");
            return 1;
        }
        Some(file) => match archive::read_file(engine, h, &host_path(engine, h, file)) {
            Ok(b) => b,
            Err(e) => {
                out.errln(format!("open {file}: {}", e.to_string().to_lowercase()));
                return 1;
            }
        },
    };
    let path = format!(
        "/images/load{}",
        if inv.on("quiet") { "?quiet=1" } else { "" }
    );
    match archive::load(engine, h, &bytes) {
        Ok(lines) => {
            record(engine, h, "POST", path, 200);
            for l in lines {
                out.outln(l);
            }
            0
        }
        Err(e) => {
            record(engine, h, "POST", path, e.status());
            daemon_error(out, &e)
        }
    }
}

// -------------------------------------------------------------- system df
