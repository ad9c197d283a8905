//! The daemon's Engine API (version 1.51, Docker 28.5): the only door into
//! a daemon. [`serve`] takes an HTTP request (method, path with query,
//! headers, body), routes it to one handler per endpoint, answers with
//! Docker's status codes and JSON documents (`{"message": …}` on errors),
//! and records what the daemon received and the status it answered in the
//! host's [`ApiLog`].
//!
//! One module per area, as moby's `api/server/router/*`: [`system`]
//! (`/_ping`, `/version`, `/info`), [`containers`] (list, create, inspect,
//! start, wait, logs, kill, pause, unpause, rename, delete), [`images`]
//! (list). A handler is a plain
//! function `fn(&mut Engine, HostId, &Call) -> Reply` registered in
//! [`ROUTES`]; [`Call`] gives it the path parameters, the query and the
//! body, and [`reply`] builds answers.

pub mod containers;
pub mod create;
pub mod images;
pub mod log;
pub mod pull;
pub mod reply;
pub mod route;
pub mod system;

pub use log::{ApiCall, ApiLog};
pub use reply::Reply;
pub use route::Call;

use crate::engine::{Engine, HostId};
use crate::proto::http::{HttpRequest, HttpResponse};

/// The Engine API version Docker 28.5 speaks.
pub const API_VERSION: &str = "1.51";
/// The oldest API version the daemon accepts.
pub const MIN_API_VERSION: &str = "1.24";

/// A handler of one endpoint.
pub type Handler = fn(&mut Engine, HostId, &Call) -> Reply;

/// The endpoints this daemon serves: method, path pattern (`{name}` is a
/// path parameter), handler.
pub const ROUTES: &[(&str, &str, Handler)] = &[
    ("GET", "/_ping", system::ping),
    ("HEAD", "/_ping", system::ping),
    ("GET", "/version", system::version),
    ("GET", "/info", system::info),
    ("GET", "/containers/json", containers::list),
    ("POST", "/containers/create", containers::create),
    ("GET", "/containers/{id}/json", containers::inspect),
    ("POST", "/containers/{id}/start", containers::start),
    ("POST", "/containers/{id}/wait", containers::wait),
    ("GET", "/containers/{id}/logs", containers::logs),
    ("POST", "/containers/{id}/kill", containers::kill),
    ("POST", "/containers/{id}/pause", containers::pause),
    ("POST", "/containers/{id}/unpause", containers::unpause),
    ("POST", "/containers/{id}/rename", containers::rename),
    ("DELETE", "/containers/{id}", containers::remove),
    ("GET", "/images/json", images::list),
    ("POST", "/images/create", pull::create),
];

/// Serves one request on host `h`'s daemon and records it (method, path
/// without the version prefix, body, status) in the daemon's log.
pub fn serve(engine: &mut Engine, h: HostId, req: &HttpRequest) -> HttpResponse {
    let (reply, path) = match route::Call::parse(req) {
        Err((status, msg, path)) => (reply::error(status, &msg), path),
        Ok(mut call) => {
            let path = call.logged_path();
            let reply = match route::find(&call) {
                Some((handler, params)) => {
                    call.params = params;
                    handler(engine, h, &call)
                }
                None => reply::error(404, "page not found"),
            };
            (reply, path)
        }
    };
    let body = (!req.body.is_empty()).then(|| String::from_utf8_lossy(&req.body).into_owned());
    let now = engine.now();
    let daemon = &mut engine.host_mut(h).daemon;
    let debug = daemon.config.debug;
    daemon.api.push(ApiCall {
        method: req.method.clone(),
        path,
        body,
        status: reply.status,
        at: now,
        uri: req.path.clone(),
        debug,
    });
    reply.into_http(now, req.method == "HEAD")
}

/// Whether host `h`'s dockerd accepts connections on its Unix socket
/// (`None`) or on TCP port `Some(port)`: it runs, and `daemon.json`'s
/// `hosts` (loaded at its last start) lists that port.
pub fn listens(engine: &Engine, h: HostId, tcp_port: Option<u16>) -> bool {
    let d = &engine.host(h).daemon;
    !d.stopped
        && match tcp_port {
            None => true,
            Some(p) => d.config.tcp_port() == Some(p),
        }
}
