//! The `registry` program's server side (Docker's `registry:2` image,
//! distribution 2.8): the Distribution HTTP API v2
//! (`crate::engine::registry::api`) over the container's own files under
//! `/var/lib/registry/docker/registry/v2` — the image's volume, or
//! whatever is mounted there — so what is pushed lives in the container
//! (or its volume) and `curl` sees exactly what `docker` pushed.

use crate::engine::fs::{path, Content};
use crate::engine::registry::api;
use crate::engine::registry::storage::Files;
use crate::userland::{HttpRequest, HttpResponse, Output, Sys};

/// The storage root of the filesystem driver.
pub const ROOT: &str = "/var/lib/registry/docker/registry/v2";

/// The registry's files, as the container sees them (mounts resolved).
pub struct SysFiles<'a> {
    pub sys: &'a mut dyn Sys,
}

fn full(p: &str) -> String {
    format!("{ROOT}/{}", p.trim_start_matches('/'))
}

impl Files for SysFiles<'_> {
    fn read(&self, p: &str) -> Option<Vec<u8>> {
        let (fs, inner) = self.sys.fs_for_ref(&full(p));
        fs.read(&inner).ok()
    }
    fn write(&mut self, p: &str, data: &[u8]) {
        let mtime = self.sys.now().div_euclid(1000);
        let (fs, inner) = self.sys.fs_for(&full(p));
        let _ = fs.mkdir_all(path::parent(&inner), 0o755, mtime);
        let _ = fs.write_file(&inner, Content::bytes(data.to_vec()), mtime);
    }
    fn list(&self, dir: &str) -> Vec<String> {
        let (fs, inner) = self.sys.fs_for_ref(&full(dir));
        let mut v: Vec<String> = fs
            .read_dir(&inner)
            .map(|es| es.into_iter().map(|e| e.name).collect())
            .unwrap_or_default();
        v.sort();
        v
    }
}

fn header<'a>(req: &'a HttpRequest, k: &str) -> Option<&'a str> {
    req.headers
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(k))
        .map(|(_, v)| v.as_str())
}

/// Answers one request; the access log line goes to `log`.
pub fn serve(sys: &mut dyn Sys, req: &HttpRequest, log: &mut Output) -> HttpResponse {
    let now = sys.now();
    let date = super::system::strftime(now, "%a, %d %b %Y %T GMT");
    let authority = header(req, "Host")
        .map(str::to_string)
        .unwrap_or_else(|| format!("{}:{}", req.host, req.port));
    let base = format!("http://{authority}");
    let r = {
        let mut files = SysFiles { sys };
        api::handle(&mut files, req, &date, &base)
    };
    let t = super::system::strftime(now, "%d/%b/%Y:%T +0000");
    log.outln(format!(
        "172.17.0.1 - - [{t}] \"{} {} HTTP/1.1\" {} {} \"\" \"{}\"",
        req.method,
        req.path,
        r.status,
        r.body.len(),
        header(req, "User-Agent").unwrap_or("")
    ));
    r
}
