//! Package managers in container filesystems: apt-get before and after
//! `update`, the files an install writes, apk, pip.

use dockerlings::engine::fs::{ChangeKind, Entry};
use dockerlings::userland::testing::{alpine_fs, python_fs, ubuntu_fs, MemSys};
use dockerlings::userland::{shell_line, spawn, Action, Exit, Output, ProcCtx, ShellSession};

fn session(sys: &mut MemSys, shell: &str) -> ShellSession {
    let ctx = ProcCtx {
        env: vec![
            (
                "PATH".into(),
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
            ),
            ("HOSTNAME".into(), "3f4e5a6b7c8d".into()),
            ("HOME".into(), "/root".into()),
        ],
        cwd: "/".into(),
        tty: true,
        interactive: true,
        ..ProcCtx::default()
    };
    let mut out = Output::new();
    match spawn(sys, &[shell.to_string()], &ctx, &mut out) {
        Exit::Interactive(s) => *s,
        other => panic!("not interactive: {other:?}"),
    }
}

fn line(sys: &mut MemSys, s: &mut ShellSession, l: &str) -> (String, i32) {
    let mut out = Output::new();
    let r = shell_line(sys, s, l, &mut out);
    let text = out.chunks.iter().map(|(_, t)| t.as_str()).collect();
    (text, r.unwrap_or(s.shell.last))
}

#[test]
fn apt_get_needs_update_then_installs_vim() {
    let mut sys = MemSys::new(ubuntu_fs());
    let mut s = session(&mut sys, "/bin/bash");
    assert_eq!(s.shell.prompt("3f4e5a6b7c8d"), "root@3f4e5a6b7c8d:/# ");
    let (t, c) = line(&mut sys, &mut s, "apt-get -y install vim");
    assert_eq!(
        t,
        "Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\nE: Unable to locate package vim\n"
    );
    assert_eq!(c, 100);
    let (t, c) = line(&mut sys, &mut s, "apt-get update");
    assert_eq!(c, 0);
    assert!(t.starts_with("Get:1 http://archive.ubuntu.com/ubuntu noble InRelease [256 kB]\nGet:2 http://security.ubuntu.com/ubuntu noble-security InRelease [126 kB]\n"));
    assert!(t.ends_with("Fetched 29.8 MB in 3s (9,112 kB/s)\nReading package lists... Done\n"));
    assert!(sys.fs.lookup("/usr/lib/apt/lists").is_none());
    assert!(sys
        .fs
        .stat("/var/lib/apt/lists/archive.ubuntu.com_ubuntu_dists_noble_InRelease")
        .is_ok());
    let (t, c) = line(&mut sys, &mut s, "apt-get -y install vim");
    assert_eq!(c, 0);
    assert!(t.contains("The following additional packages will be installed:\n"));
    assert!(t.contains("The following NEW packages will be installed:\n"));
    assert!(t.contains("Get:"));
    assert!(t.contains("Setting up vim (2:9.1.0016-1ubuntu7.5) ...\nupdate-alternatives: using /usr/bin/vim.basic to provide /usr/bin/vim (vim) in auto mode\n"));
    assert!(t.contains("Setting up libgpm2:amd64 (1.20.7-11) ...\n"));
    // files and database
    assert!(matches!(
        sys.fs.stat("/usr/bin/vim.basic"),
        Ok(Entry::File { .. })
    ));
    assert_eq!(
        sys.fs.resolve("/usr/bin/vim", true).unwrap(),
        "/usr/bin/vim.basic"
    );
    assert!(sys
        .fs
        .stat("/usr/share/vim/vim91/syntax/python.vim")
        .is_ok());
    let status = sys.fs.read_text("/var/lib/dpkg/status").unwrap();
    assert!(status.contains("Package: vim\nStatus: install ok installed\n"));
    assert!(status.starts_with("Package: bash\n"));
    let diff = sys.fs.diff();
    assert!(diff
        .iter()
        .any(|c| c.path == "/usr/bin/vim.basic" && c.kind == ChangeKind::Added));
    assert!(diff
        .iter()
        .any(|c| c.path == "/var/lib/dpkg/status" && c.kind == ChangeKind::Changed));
    assert!(sys.fs.upper().size() > 30_000_000, "a realistic layer size");
    // the editor now exists
    let mut out = Output::new();
    shell_line(&mut sys, &mut s, "vim a.txt", &mut out);
    assert_eq!(
        out.action,
        Some(Action::Edit {
            path: "/a.txt".into(),
            editor: "vim".into()
        })
    );
    let (t, _) = line(&mut sys, &mut s, "apt-get install -y vim");
    assert!(t.contains("vim is already the newest version (2:9.1.0016-1ubuntu7.5).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n"));
}

#[test]
fn net_tools_brings_ifconfig() {
    let mut sys = MemSys::new(ubuntu_fs());
    let mut s = session(&mut sys, "/bin/bash");
    assert_eq!(
        line(&mut sys, &mut s, "ifconfig"),
        ("bash: ifconfig: command not found\n".into(), 127)
    );
    line(&mut sys, &mut s, "apt-get update");
    let (t, c) = line(&mut sys, &mut s, "apt-get install net-tools");
    assert_eq!(c, 0);
    assert!(t.contains("The following NEW packages will be installed:\n  net-tools\n0 upgraded, 1 newly installed, 0 to remove and 0 not upgraded.\nNeed to get 204 kB of archives.\nAfter this operation, 834 kB of additional disk space will be used.\nGet:1 http://archive.ubuntu.com/ubuntu noble/main amd64 net-tools amd64 2.10-0.1ubuntu4 [204 kB]\n"));
    assert!(sys.fs.stat("/usr/sbin/ifconfig").is_ok());
    let (t, c) = line(&mut sys, &mut s, "ifconfig");
    assert_eq!(c, 0);
    assert!(t.starts_with("eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet 172.17.0.2  netmask 255.255.0.0  broadcast 172.17.255.255\n"));
}

#[test]
fn apk_add_on_alpine() {
    let mut sys = MemSys::new(alpine_fs());
    let mut s = session(&mut sys, "/bin/sh");
    assert_eq!(s.shell.prompt("3f4e5a6b7c8d"), "/ # ");
    assert_eq!(
        line(&mut sys, &mut s, "curl"),
        ("sh: curl: not found\n".into(), 127)
    );
    let (t, c) = line(&mut sys, &mut s, "apk add --no-cache curl");
    assert_eq!(c, 0);
    assert!(t.starts_with("fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz\n(1/10) Installing ca-certificates (20241121-r1)\n"));
    assert!(t.contains("(10/10) Installing curl (8.11.1-r0)\n"));
    assert!(t.ends_with(" packages\n") && t.contains("OK: "));
    assert!(sys.fs.stat("/usr/bin/curl").is_ok());
    assert!(sys
        .fs
        .read_text("/etc/apk/world")
        .unwrap()
        .ends_with("curl\n"));
    assert!(sys
        .fs
        .lookup("/var/cache/apk/APKINDEX.4a8b9c2d.tar.gz")
        .is_none());
    let (t, c) = line(&mut sys, &mut s, "apk add nosuch");
    assert_eq!(c, 1);
    assert!(t.ends_with("ERROR: unable to select packages:\n  nosuch (no such package):\n    required by: world[nosuch]\n"));
}

#[test]
fn pip_installs_requirements() {
    let mut sys = MemSys::new(python_fs());
    let mut s = session(&mut sys, "/bin/bash");
    line(
        &mut sys,
        &mut s,
        "mkdir /app && cd /app && echo flask > requirements.txt",
    );
    let (t, c) = line(
        &mut sys,
        &mut s,
        "pip install --no-cache-dir -r requirements.txt",
    );
    assert_eq!(c, 0);
    assert!(
        t.starts_with("Collecting flask\n  Downloading flask-3.1.0-py3-none-any.whl (102 kB)\n")
    );
    assert!(t.contains("Collecting importlib-metadata>=3.6\n"));
    assert!(t.contains("Successfully installed Jinja2-3.1.5 MarkupSafe-3.0.2 Werkzeug-3.1.3 blinker-1.9.0 click-8.1.8 flask-3.1.0 importlib_metadata-8.5.0 itsdangerous-2.2.0 zipp-3.21.0\n"));
    assert!(t.ends_with("[notice] A new release of pip is available: 23.0.1 -> 24.3.1\n[notice] To update, run: pip install --upgrade pip\n"));
    assert!(sys
        .fs
        .stat("/usr/local/lib/python3.9/site-packages/flask/__init__.py")
        .is_ok());
    assert!(
        sys.fs.lookup("/root/.cache").is_none(),
        "--no-cache-dir leaves no cache"
    );
    let (t, _) = line(&mut sys, &mut s, "pip install flask");
    assert_eq!(
        t.lines().next().unwrap(),
        "Requirement already satisfied: flask in /usr/local/lib/python3.9/site-packages (3.1.0)"
    );
    let (t, c) = line(&mut sys, &mut s, "pip install nosuchpkg");
    assert_eq!(c, 1);
    assert_eq!(t, "ERROR: Could not find a version that satisfies the requirement nosuchpkg (from versions: none)\nERROR: No matching distribution found for nosuchpkg\n");
}

#[test]
fn apt_get_asks_before_installing_extra_packages() {
    let mut sys = MemSys::new(ubuntu_fs());
    let mut s = session(&mut sys, "/bin/bash");
    line(&mut sys, &mut s, "apt-get update");
    let mut out = Output::new();
    shell_line(&mut sys, &mut s, "apt-get install curl", &mut out);
    assert!(out.stdout().ends_with(
        "0 upgraded, 9 newly installed, 0 to remove and 0 not upgraded.\nNeed to get 2442 kB of archives.\nAfter this operation, 6055 kB of additional disk space will be used.\n"
    ), "{}", out.stdout());
    let Some(Action::Prompt {
        label,
        secret,
        resume,
    }) = out.action.clone()
    else {
        panic!("{out:?}")
    };
    assert_eq!(
        (label.as_str(), secret),
        ("Do you want to continue? [Y/n] ", false)
    );
    assert_eq!(resume, "apt-get install curl --answer=");
    assert!(sys.fs.stat("/usr/bin/curl").is_err());
    let (t, c) = line(&mut sys, &mut s, &format!("{resume}n"));
    assert_eq!((t.as_str(), c), ("Abort.\n", 1));
    let (t, c) = line(&mut sys, &mut s, &format!("{resume}Y"));
    assert_eq!(c, 0);
    assert!(t.starts_with("Get:1 http://archive.ubuntu.com/ubuntu "));
    assert!(sys.fs.stat("/usr/bin/curl").is_ok());
}
