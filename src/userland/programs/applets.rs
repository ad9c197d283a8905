//! The busybox applets the coreutils modules add to [`super::BUSYBOX_APPLETS`]
//! (kept apart so that each list stays a plain table), and the lookup over
//! both.

/// Applets implemented by `diff`, `sums`, `lines`, `od`, `misc`, `run`,
/// `gzip` and `files::truncate`.
pub const COREUTILS_APPLETS: &[&str] = &[
    "diff",
    "cmp",
    "md5sum",
    "sha1sum",
    "sha256sum",
    "base64",
    "expr",
    "tac",
    "rev",
    "nl",
    "paste",
    "comm",
    "fold",
    "od",
    "truncate",
    "arch",
    "sync",
    "mktemp",
    "cksum",
    "chgrp",
    "install",
    "nohup",
    "nice",
    "timeout",
    "dd",
    "chroot",
    "gzip",
    "gunzip",
    "zcat",
    "hexdump",
    "strings",
    "unzip",
    "bzip2",
    "xz",
];

/// Every applet a busybox binary answers to.
pub fn all() -> Vec<&'static str> {
    let mut v: Vec<&str> = super::BUSYBOX_APPLETS.to_vec();
    v.extend(COREUTILS_APPLETS.iter().copied());
    v
}

/// Whether busybox has applet `name`.
pub fn has(name: &str) -> bool {
    super::BUSYBOX_APPLETS.contains(&name) || COREUTILS_APPLETS.contains(&name)
}
