//! [`Sys`]: the system interface programs run against — like the syscalls a
//! real process makes. Implemented for the host by the sandbox and for
//! containers by `engine::runtime`.

use crate::engine::clock::Millis;
use crate::engine::fs::UnionFs;
use crate::userland::io::Output;
use std::collections::BTreeMap;

/// Where a program runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SysKind {
    /// The learner's machine (host name).
    Host(String),
    /// A container (64-hex id).
    Container(String),
}

/// An HTTP request sent by `curl` (or a registry client).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: String,
    /// `http` or `https`.
    pub scheme: String,
    pub host: String,
    pub port: u16,
    /// Path with query (`/v2/_catalog`).
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// An HTTP response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The system a program runs on.
pub trait Sys {
    /// Where this program runs.
    fn kind(&self) -> SysKind;
    /// The filesystem that serves absolute path `p` (mounts resolved) and
    /// the path inside it.
    fn fs_for(&mut self, p: &str) -> (&mut UnionFs, String);
    /// Read-only variant of [`Sys::fs_for`].
    fn fs_for_ref(&self, p: &str) -> (&UnionFs, String);
    /// Current time as this process sees it.
    fn now(&self) -> Millis;
    /// Blocks the process for `ms` (advances its clock).
    fn sleep(&mut self, ms: Millis);
    /// `hostname`.
    fn hostname(&self) -> String;
    /// Sends an HTTP request over the network this process is attached to.
    /// `Err` carries curl's error text (e.g. `Failed to connect to … Connection refused`).
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, String>;
    /// Runs the `docker` client (host only); returns its exit code.
    fn docker(&mut self, argv: &[String], stdin: &[u8], out: &mut Output) -> i32 {
        let _ = (argv, stdin);
        out.errln("bash: docker: command not found");
        127
    }
    /// Environment passed to new processes by default (image ENV, etc.).
    fn base_env(&self) -> BTreeMap<String, String> {
        BTreeMap::new()
    }
}
