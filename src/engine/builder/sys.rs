//! The system a RUN step's process sees: the temporary container's union
//! filesystem (the parent image's layers under a fresh writable layer), a
//! clock that starts at the build's "now", the container's hostname, and
//! no network (builds are offline).

use crate::engine::clock::Millis;
use crate::engine::fs::UnionFs;
use crate::userland::{HttpRequest, HttpResponse, Sys, SysKind};

/// A build container's view of the world.
pub struct BuildSys {
    pub fs: UnionFs,
    pub now: Millis,
    /// 64-hex id of the intermediate container.
    pub id: String,
}

impl Sys for BuildSys {
    fn kind(&self) -> SysKind {
        SysKind::Container(self.id.clone())
    }
    fn fs_for(&mut self, p: &str) -> (&mut UnionFs, String) {
        (&mut self.fs, p.to_string())
    }
    fn fs_for_ref(&self, p: &str) -> (&UnionFs, String) {
        (&self.fs, p.to_string())
    }
    fn now(&self) -> Millis {
        self.now
    }
    fn sleep(&mut self, ms: Millis) {
        self.now += ms.max(0);
    }
    fn hostname(&self) -> String {
        self.id.chars().take(12).collect()
    }
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, String> {
        Err(format!("Could not resolve host: {}", req.host))
    }
}
