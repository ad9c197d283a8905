//! Test fixtures: an in-memory [`Sys`] and small root filesystems shaped
//! like the catalog images (Ubuntu with bash/dash/coreutils/apt, Alpine
//! with busybox applets and apk, python:3.9-slim), so userland behaviour can
//! be tested without the daemon.

use crate::engine::clock::{Millis, SCRIPT_EPOCH_MS};
use crate::engine::fs::{Content, Entry, Meta, UnionFs};
use crate::userland::programs::BUSYBOX_APPLETS;
use crate::userland::{HttpRequest, HttpResponse, Output, Sys, SysKind};

/// A container-like system over one filesystem.
pub struct MemSys {
    pub fs: UnionFs,
    pub now: Millis,
    pub host: String,
    /// Answers for `Sys::http` (`None` = connection refused).
    pub http_reply: Option<HttpResponse>,
}

impl MemSys {
    pub fn new(fs: UnionFs) -> MemSys {
        MemSys {
            fs,
            now: SCRIPT_EPOCH_MS,
            host: "3f4e5a6b7c8d".into(),
            http_reply: None,
        }
    }
}

impl Sys for MemSys {
    fn kind(&self) -> SysKind {
        SysKind::Container(format!("{}{}", self.host, "0".repeat(52)))
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
        self.now += ms;
    }
    fn hostname(&self) -> String {
        self.host.clone()
    }
    fn http(&mut self, req: &HttpRequest) -> Result<HttpResponse, String> {
        self.http_reply.clone().ok_or_else(|| {
            format!(
                "Failed to connect to {} port {} after 0 ms: Couldn't connect to server",
                req.host, req.port
            )
        })
    }
    fn docker(&mut self, _argv: &[String], _stdin: &[u8], out: &mut Output) -> i32 {
        out.errln("bash: docker: command not found");
        127
    }
}

fn prog(fs: &mut UnionFs, p: &str, name: &str, size: u64) {
    let _ = fs.put(
        p,
        Entry::File {
            meta: Meta::new(0o755, 0),
            content: Content::program(name, size),
        },
    );
}

fn text(fs: &mut UnionFs, p: &str, t: &str) {
    let _ = fs.mkdir_all(crate::engine::fs::path::parent(p), 0o755, 0);
    let _ = fs.write_file(p, Content::text(t), 0);
}

const GNU: &[&str] = &[
    "ls", "cat", "echo", "printf", "touch", "mkdir", "rm", "rmdir", "cp", "mv", "ln", "chmod",
    "chown", "pwd", "env", "printenv", "whoami", "id", "hostname", "uname", "head", "tail", "grep",
    "wc", "sort", "uniq", "cut", "tr", "seq", "xargs", "sed", "find", "du", "df", "tar", "stat",
    "readlink", "realpath", "tee", "basename", "dirname", "test", "[", "kill", "sleep", "date",
    "clear", "true", "false", "yes", "nproc", "which",
];

/// `ubuntu:24.04`: merged /usr, bash, dash as `/bin/sh`, coreutils, apt.
pub fn ubuntu_fs() -> UnionFs {
    let mut fs = UnionFs::new(Vec::new());
    for d in [
        "/usr/bin",
        "/usr/sbin",
        "/usr/lib",
        "/etc",
        "/root",
        "/tmp",
        "/var/lib/dpkg",
        "/var/lib/apt/lists/partial",
        "/var/log",
        "/home",
        "/opt",
    ] {
        let _ = fs.mkdir_all(d, 0o755, 0);
    }
    let _ = fs.chmod("/tmp", 0o1777);
    let _ = fs.symlink("usr/bin", "/bin", 0);
    let _ = fs.symlink("usr/sbin", "/sbin", 0);
    let _ = fs.symlink("usr/lib", "/lib", 0);
    prog(&mut fs, "/usr/bin/bash", "bash", 1_446_024);
    prog(&mut fs, "/usr/bin/dash", "dash", 129_784);
    let _ = fs.symlink("dash", "/usr/bin/sh", 0);
    for g in GNU {
        prog(&mut fs, &format!("/usr/bin/{g}"), g, 40_000);
    }
    for p in ["apt-get", "apt", "dpkg"] {
        prog(&mut fs, &format!("/usr/bin/{p}"), p, 30_000);
    }
    text(&mut fs, "/etc/os-release", "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n");
    text(&mut fs, "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n");
    text(&mut fs, "/etc/group", "root:x:0:\nubuntu:x:1000:\n");
    text(&mut fs, "/etc/hostname", "3f4e5a6b7c8d\n");
    text(
        &mut fs,
        "/var/lib/dpkg/status",
        "Package: bash\nStatus: install ok installed\nVersion: 5.2.21-2ubuntu4\n",
    );
    text(&mut fs, "/root/.bashrc", "# ~/.bashrc\n");
    layered(fs)
}

/// Turns a built filesystem into an image layer under an empty writable
/// layer, as a container sees its image.
pub fn layered(mut fs: UnionFs) -> UnionFs {
    let mut lower: Vec<std::sync::Arc<crate::engine::fs::Layer>> = fs.lower().to_vec();
    lower.push(std::sync::Arc::new(fs.take_upper()));
    UnionFs::new(lower)
}

/// `alpine:3.21`: busybox applets as symlinks to `/bin/busybox`, apk.
pub fn alpine_fs() -> UnionFs {
    let mut fs = UnionFs::new(Vec::new());
    for d in [
        "/bin",
        "/sbin",
        "/usr/bin",
        "/etc/apk",
        "/lib/apk/db",
        "/root",
        "/tmp",
        "/var/cache/apk",
    ] {
        let _ = fs.mkdir_all(d, 0o755, 0);
    }
    prog(&mut fs, "/bin/busybox", "busybox", 808_712);
    for a in BUSYBOX_APPLETS {
        let _ = fs.symlink("/bin/busybox", &format!("/bin/{a}"), 0);
    }
    prog(&mut fs, "/sbin/apk", "apk", 69_000);
    text(&mut fs, "/etc/alpine-release", "3.21.2\n");
    text(
        &mut fs,
        "/etc/os-release",
        "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.21.2\nPRETTY_NAME=\"Alpine Linux v3.21\"\n",
    );
    text(&mut fs, "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
    text(&mut fs, "/etc/group", "root:x:0:root\n");
    text(
        &mut fs,
        "/etc/apk/world",
        "alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nmusl-utils\n",
    );
    layered(fs)
}

/// `python:3.9-slim`: Debian bookworm with Python in `/usr/local`.
pub fn python_fs() -> UnionFs {
    let mut fs = ubuntu_fs();
    text(&mut fs, "/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n");
    let _ = fs.mkdir_all("/usr/local/bin", 0o755, 0);
    let _ = fs.mkdir_all("/usr/local/lib/python3.9/site-packages", 0o755, 0);
    prog(&mut fs, "/usr/local/bin/python3.9", "python3.9", 14_472);
    let _ = fs.symlink("python3.9", "/usr/local/bin/python3", 0);
    let _ = fs.symlink("python3", "/usr/local/bin/python", 0);
    prog(&mut fs, "/usr/local/bin/pip", "pip", 233);
    prog(&mut fs, "/usr/local/bin/pip3", "pip", 233);
    layered(fs)
}
