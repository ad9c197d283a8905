//! `dockerlings daemon --socket PATH [--state FILE]` (native only): the
//! simulated dockerd serving its Engine API ([`crate::engine::api::serve`])
//! as HTTP/1.1 on a Unix socket, so that real clients (the docker CLI,
//! docker-py) drive the sandbox. One thread per connection; the sandbox
//! behind a mutex, in real time (brought up to now before each request);
//! with `--state`, loaded at start and saved (FILE.tmp, then renamed) after
//! each request that may change it. Ctrl+C (SIGINT) or SIGTERM saves the
//! state, removes the socket and ends the daemon.

pub mod stream;
pub mod wire;

use crate::engine::api::{self, Call};
use crate::engine::HostId;
use crate::sandbox::Sandbox;
use std::io::{BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// The usage line of `dockerlings daemon`.
pub const USAGE: &str =
    "  dockerlings daemon --socket PATH [--state FILE]  serve the Engine API on a Unix socket\n";

/// The machine whose dockerd the socket reaches: the learner's own.
const HOST: HostId = 0;

/// What every connection shares.
pub struct Shared {
    sandbox: Mutex<Sandbox>,
    state: Option<PathBuf>,
    /// Exit codes of `--rm` containers removed after their attach ended,
    /// for a `wait?condition=removed` that did not see the exit.
    pub removed: Mutex<std::collections::HashMap<String, i32>>,
}

impl Shared {
    /// The sandbox (a panic in another connection does not lock it away).
    pub fn lock(&self) -> MutexGuard<'_, Sandbox> {
        self.sandbox.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Saves the sandbox to the state file, atomically.
    pub fn save(&self, sb: &Sandbox) {
        let Some(path) = &self.state else { return };
        let tmp = tmp_path(path);
        let written = std::fs::write(&tmp, sb.save()).and_then(|_| std::fs::rename(&tmp, path));
        if let Err(e) = written {
            eprintln!("dockerlings daemon: saving {}: {e}", path.display());
        }
    }
}

fn tmp_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".tmp");
    PathBuf::from(s)
}

/// Milliseconds since the Unix epoch.
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Brings the engine clock and every machine's containers up to now, as
/// the sandbox does before a typed command.
pub fn catch_up(sb: &mut Sandbox) {
    let now = now_ms().max(sb.engine.now());
    sb.engine.clock.set(now);
    for h in 0..sb.engine.hosts.len() {
        crate::engine::runtime::advance(&mut sb.engine, h);
    }
}

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: i32) {
    STOP.store(true, Ordering::SeqCst);
}

extern "C" {
    /// libc's `signal(2)` (std links libc on Unix).
    fn signal(signum: i32, handler: extern "C" fn(i32)) -> usize;
}

/// `dockerlings daemon ARGS…`: the exit code.
pub fn main(args: &[String]) -> i32 {
    let mut socket = None;
    let mut state = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let slot = match flag {
            "--socket" => &mut socket,
            "--state" => &mut state,
            _ => {
                eprintln!("dockerlings daemon: unknown option '{a}'\nUsage:\n{USAGE}");
                return 2;
            }
        };
        match inline.or_else(|| it.next().cloned()) {
            Some(v) if !v.is_empty() => *slot = Some(PathBuf::from(v)),
            _ => {
                eprintln!("dockerlings daemon: {flag} needs a value\nUsage:\n{USAGE}");
                return 2;
            }
        }
    }
    let Some(socket) = socket else {
        eprintln!("dockerlings daemon: --socket PATH is required\nUsage:\n{USAGE}");
        return 2;
    };
    let sandbox = match &state {
        Some(p) if p.exists() => match std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|t| Sandbox::load(&t))
        {
            Ok(sb) => sb,
            Err(e) => {
                eprintln!("dockerlings daemon: {}: {e}", p.display());
                return 1;
            }
        },
        _ => {
            let now = now_ms();
            Sandbox::new_live(now, now as u64)
        }
    };
    let listener = match bind(&socket) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("dockerlings daemon: {}: {e}", socket.display());
            return 1;
        }
    };
    // SAFETY: the handler only stores to an atomic.
    unsafe {
        signal(2, on_signal);
        signal(15, on_signal);
    }
    let shared = Arc::new(Shared {
        sandbox: Mutex::new(sandbox),
        state,
        removed: Mutex::default(),
    });
    eprintln!(
        "dockerlings daemon: API listening on {} (export DOCKER_HOST=unix://{})",
        socket.display(),
        socket.display()
    );
    let _ = listener.set_nonblocking(true);
    while !STOP.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((conn, _)) => {
                let shared = Arc::clone(&shared);
                let _ = conn.set_nonblocking(false);
                std::thread::spawn(move || connection(&shared, conn));
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e) => {
                eprintln!("dockerlings daemon: accept: {e}");
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }
    let sb = shared.lock();
    shared.save(&sb);
    let _ = std::fs::remove_file(&socket);
    eprintln!("dockerlings daemon: stopped");
    0
}

/// Listens on `path`, replacing a stale socket nobody listens on.
fn bind(path: &Path) -> std::io::Result<UnixListener> {
    use std::os::unix::fs::FileTypeExt;
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if !meta.file_type().is_socket() {
            return Err(std::io::Error::other("exists and is not a socket"));
        }
        if UnixStream::connect(path).is_ok() {
            return Err(std::io::Error::other("a daemon already listens there"));
        }
        std::fs::remove_file(path)?;
    }
    UnixListener::bind(path)
}

/// Serves the requests of one connection until it closes.
fn connection(shared: &Shared, conn: UnixStream) {
    let Ok(mut w) = conn.try_clone() else { return };
    let mut r = BufReader::new(conn);
    loop {
        let req = match wire::read_request(&mut r) {
            Ok(req) => req,
            Err(e) => {
                if let Some(bytes) = e.answer() {
                    let _ = w.write_all(&bytes);
                }
                return;
            }
        };
        let close = wire::wants_close(&req);
        match request(shared, &req, &mut w) {
            Ok(true) if !close => {}
            _ => return,
        }
    }
}

/// One request: `Ok(true)` if the connection stays open.
fn request(shared: &Shared, req: &HttpRequest, w: &mut impl Write) -> std::io::Result<bool> {
    if let Ok(call) = Call::parse(req) {
        let parts: Vec<&str> = call.path.trim_matches('/').split('/').collect();
        if let (["containers", key, what], "POST") = (&parts[..], req.method.as_str()) {
            match *what {
                "attach" => return stream::attach(shared, HOST, key, req, &call, w),
                "wait" => return stream::wait(shared, HOST, key, req, &call, w),
                _ => {}
            }
        }
    }
    answer(shared, HOST, req, w)
}

use crate::proto::http::{HttpRequest, HttpResponse};

/// Go's `encoding/json` leaves a field alone when the document says
/// `null` (nil slices and maps, zero values): the real CLI sends
/// `"Cmd":null`, `"Entrypoint":null` and the like, which the sandbox's own
/// client never writes. Dropping null members of a JSON body gives the
/// API what Go's decoder would have made of it.
fn drop_nulls(req: &HttpRequest) -> Option<HttpRequest> {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.retain(|_, v| !v.is_null());
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let first = req.body.iter().find(|b| !b.is_ascii_whitespace())?;
    if *first != b'{' {
        return None;
    }
    let mut doc: serde_json::Value = serde_json::from_slice(&req.body).ok()?;
    strip(&mut doc);
    let mut req = req.clone();
    req.body = serde_json::to_vec(&doc).ok()?;
    Some(req)
}

/// Lets the Engine API answer `req` in one locked turn, saving the state
/// after a request that may change it; `None` if the sandbox panicked.
pub fn serve(shared: &Shared, h: HostId, req: &HttpRequest) -> Option<HttpResponse> {
    let cleaned = drop_nulls(req);
    let req = cleaned.as_ref().unwrap_or(req);
    let mut sb = shared.lock();
    catch_up(&mut sb);
    let served = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        api::serve(&mut sb.engine, h, req)
    }));
    if !matches!(req.method.as_str(), "GET" | "HEAD") {
        shared.save(&sb);
    }
    served.ok()
}

/// Answers `req` with [`serve`]; a panic is answered `500` and closes the
/// connection.
pub fn answer(
    shared: &Shared,
    h: HostId,
    req: &HttpRequest,
    w: &mut impl Write,
) -> std::io::Result<bool> {
    match serve(shared, h, req) {
        Some(resp) => {
            wire::write_response(w, &resp)?;
            Ok(true)
        }
        None => {
            let body = "{\"message\":\"dockerlings: the sandbox failed on this request\"}\n";
            let text = format!(
                "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            w.write_all(text.as_bytes())?;
            Ok(false)
        }
    }
}
