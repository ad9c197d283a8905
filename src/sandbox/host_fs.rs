//! The laptop's (and the server's) own root filesystem: Debian-like
//! directories, the host's programs (bash, coreutils, the docker client,
//! Python…), root's home with the seed articles' example projects, and
//! `/var/run/docker.sock`.

use super::SOCKET_MODE;
use crate::engine::fs::{path, Content, Entry, Meta, UnionFs};

/// Programs on the host: (path, program name, size).
const HOST_PROGRAMS: &[(&str, &str, u64)] = &[
    ("/usr/bin/bash", "bash", 1_446_024),
    ("/usr/bin/dash", "dash", 129_784),
    ("/usr/bin/ls", "ls", 142_312),
    ("/usr/bin/cat", "cat", 35_280),
    ("/usr/bin/echo", "echo", 35_120),
    ("/usr/bin/printf", "printf", 55_728),
    ("/usr/bin/touch", "touch", 96_688),
    ("/usr/bin/mkdir", "mkdir", 76_168),
    ("/usr/bin/rm", "rm", 59_912),
    ("/usr/bin/rmdir", "rmdir", 43_400),
    ("/usr/bin/cp", "cp", 141_832),
    ("/usr/bin/mv", "mv", 137_736),
    ("/usr/bin/ln", "ln", 59_912),
    ("/usr/bin/chmod", "chmod", 64_008),
    ("/usr/bin/chown", "chown", 72_200),
    ("/usr/bin/pwd", "pwd", 35_208),
    ("/usr/bin/env", "env", 48_072),
    ("/usr/bin/printenv", "printenv", 35_208),
    ("/usr/bin/whoami", "whoami", 35_208),
    ("/usr/bin/id", "id", 39_432),
    ("/usr/bin/hostname", "hostname", 22_760),
    ("/usr/bin/uname", "uname", 35_208),
    ("/usr/bin/which", "which", 2_015),
    ("/usr/bin/head", "head", 43_400),
    ("/usr/bin/tail", "tail", 64_008),
    ("/usr/bin/grep", "grep", 186_008),
    ("/usr/bin/wc", "wc", 43_488),
    ("/usr/bin/sort", "sort", 121_288),
    ("/usr/bin/uniq", "uniq", 43_400),
    ("/usr/bin/cut", "cut", 43_400),
    ("/usr/bin/tr", "tr", 43_400),
    ("/usr/bin/seq", "seq", 47_496),
    ("/usr/bin/xargs", "xargs", 64_880),
    ("/usr/bin/sed", "sed", 113_224),
    ("/usr/bin/mawk", "mawk", 183_952),
    ("/usr/bin/awk", "awk", 183_952),
    ("/usr/bin/find", "find", 204_264),
    ("/usr/bin/du", "du", 100_712),
    ("/usr/bin/df", "df", 88_424),
    ("/usr/bin/tar", "tar", 531_216),
    ("/usr/bin/stat", "stat", 84_400),
    ("/usr/bin/readlink", "readlink", 43_400),
    ("/usr/bin/realpath", "realpath", 43_400),
    ("/usr/bin/tee", "tee", 39_304),
    ("/usr/bin/basename", "basename", 35_208),
    ("/usr/bin/dirname", "dirname", 35_208),
    ("/usr/bin/diff", "diff", 216_328),
    ("/usr/bin/cmp", "cmp", 51_800),
    ("/usr/bin/md5sum", "md5sum", 43_624),
    ("/usr/bin/sha1sum", "sha1sum", 43_624),
    ("/usr/bin/sha256sum", "sha256sum", 51_816),
    ("/usr/bin/base64", "base64", 39_472),
    ("/usr/bin/expr", "expr", 47_608),
    ("/usr/bin/tac", "tac", 43_560),
    ("/usr/bin/rev", "rev", 14_728),
    ("/usr/bin/nl", "nl", 43_560),
    ("/usr/bin/paste", "paste", 39_464),
    ("/usr/bin/comm", "comm", 39_464),
    ("/usr/bin/fold", "fold", 39_464),
    ("/usr/bin/od", "od", 68_088),
    ("/usr/bin/truncate", "truncate", 39_416),
    ("/usr/bin/arch", "arch", 35_304),
    ("/usr/bin/mktemp", "mktemp", 43_720),
    ("/usr/bin/cksum", "cksum", 100_712),
    ("/usr/bin/chgrp", "chgrp", 64_448),
    ("/usr/bin/install", "install", 149_160),
    ("/usr/bin/nohup", "nohup", 35_368),
    ("/usr/bin/nice", "nice", 35_304),
    ("/usr/bin/timeout", "timeout", 39_544),
    ("/usr/bin/sync", "sync", 35_304),
    ("/usr/bin/gzip", "gzip", 98_136),
    ("/usr/bin/gunzip", "gunzip", 2_346),
    ("/usr/bin/zcat", "zcat", 1_984),
    ("/usr/bin/test", "test", 39_304),
    ("/usr/bin/[", "[", 47_496),
    ("/usr/bin/ps", "ps", 154_328),
    ("/usr/bin/kill", "kill", 31_128),
    ("/usr/bin/sleep", "sleep", 35_336),
    ("/usr/bin/date", "date", 104_984),
    ("/usr/bin/clear", "clear", 14_568),
    ("/usr/bin/true", "true", 27_016),
    ("/usr/bin/false", "false", 27_016),
    ("/usr/bin/yes", "yes", 35_208),
    ("/usr/bin/nproc", "nproc", 35_208),
    ("/usr/bin/free", "free", 27_024),
    ("/usr/bin/uptime", "uptime", 14_608),
    ("/usr/bin/systemctl", "systemctl", 289_048),
    ("/usr/bin/journalctl", "journalctl", 84_496),
    ("/usr/sbin/service", "service", 9_236),
    ("/usr/bin/vim.basic", "vim", 3_946_392),
    ("/usr/bin/nano", "nano", 289_816),
    ("/usr/bin/less", "less", 180_064),
    ("/usr/bin/more", "more", 43_424),
    ("/usr/bin/docker", "docker", 39_612_984),
    ("/usr/bin/curl", "curl", 272_536),
    ("/usr/bin/ssh", "ssh", 1_023_552),
    ("/usr/bin/wget", "wget", 518_472),
    ("/usr/bin/ip", "ip", 780_304),
    ("/usr/bin/ping", "ping", 89_768),
    ("/usr/bin/apt-get", "apt-get", 27_472),
    ("/usr/bin/apt", "apt", 18_824),
    ("/usr/bin/dpkg", "dpkg", 314_792),
    ("/usr/bin/python3.12", "python3.12", 6_649_416),
    ("/usr/bin/pip3", "pip", 221),
    ("/usr/bin/git", "git", 4_227_528),
];

const HOST_LINKS: &[(&str, &str)] = &[
    ("/bin", "usr/bin"),
    ("/sbin", "usr/sbin"),
    ("/lib", "usr/lib"),
    ("/lib64", "usr/lib64"),
    ("/var/run", "/run"),
    ("/usr/bin/sh", "dash"),
    ("/usr/bin/python3", "python3.12"),
    ("/usr/bin/pip", "pip3"),
    ("/usr/bin/vim", "/etc/alternatives/vim"),
    ("/usr/bin/vi", "/etc/alternatives/vi"),
    ("/usr/bin/editor", "/etc/alternatives/editor"),
    ("/etc/alternatives/vim", "/usr/bin/vim.basic"),
    ("/etc/alternatives/vi", "/usr/bin/vim.basic"),
    ("/etc/alternatives/editor", "/usr/bin/nano"),
    ("/usr/sbin/ip", "/usr/bin/ip"),
];

const APP_PY: &str = "from flask import Flask\nimport os\n\napp = Flask(__name__)\n\n\n@app.route(\"/\")\ndef hello():\n    name = os.environ.get(\"NAME\", \"Docker\")\n    return f\"Hello, {name}! This is my-python-app.\\n\"\n\n\nif __name__ == \"__main__\":\n    app.run(host=\"0.0.0.0\", port=8000)\n";

const APP_DOCKERFILE: &str = "# Use the official Python image as the base\nFROM python:3.9-slim\n# Set the working directory\nWORKDIR /app\n# Copy requirements.txt from the current directory into the working directory\nCOPY requirements.txt .\n# Install the dependencies\nRUN pip install --no-cache-dir -r requirements.txt\n# Copy the application code\nCOPY . .\n# Expose the port\nEXPOSE 8000\n# Set an environment variable\nENV PYTHONUNBUFFERED=1\n# Run the app\nCMD [\"python\", \"app.py\"]\n";

const PROGRAM_CS: &str = "using System;\n\nnamespace netcoretest\n{\n    class Program\n    {\n        static void Main(string[] args)\n        {\n            Console.WriteLine(\"Hello World!\");\n            while (true)\n            {\n                Console.WriteLine(\"Hello World22222!\");\n                System.Threading.Thread.Sleep(1000);\n            }\n        }\n    }\n}\n";

const CSPROJ: &str = "<Project Sdk=\"Microsoft.NET.Sdk\">\n\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>netcoreapp3.0</TargetFramework>\n    <DockerDefaultTargetOS>Linux</DockerDefaultTargetOS>\n  </PropertyGroup>\n\n</Project>\n";

const NET_DOCKERFILE: &str = "FROM mcr.microsoft.com/dotnet/core/runtime:3.0-buster-slim AS base\nWORKDIR /app\n\nFROM mcr.microsoft.com/dotnet/core/sdk:3.0-buster AS build\nWORKDIR /src\nCOPY [\"netcoretest/netcoretest.csproj\", \"netcoretest/\"]\nRUN dotnet restore \"netcoretest/netcoretest.csproj\"\nCOPY . .\nWORKDIR \"/src/netcoretest\"\nRUN dotnet build \"netcoretest.csproj\" -c Release -o /app/build\n\nFROM build AS publish\nRUN dotnet publish \"netcoretest.csproj\" -c Release -o /app/publish\n\nFROM base AS final\nWORKDIR /app\nCOPY --from=publish /app/publish .\nENTRYPOINT [\"dotnet\", \"netcoretest.dll\"]\n";

const BASHRC: &str = "# ~/.bashrc: executed by bash(1) for non-login shells.\n\n# If not running interactively, don't do anything\n[ -z \"$PS1\" ] && return\n\nHISTCONTROL=ignoredups:ignorespace\nHISTSIZE=1000\nHISTFILESIZE=2000\n\nPS1='${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '\n\nalias ls='ls --color=auto'\nalias grep='grep --color=auto'\nalias ll='ls -alF'\n";

/// The learner's machine: an Ubuntu 24.04 root filesystem with Docker
/// installed and starter projects in `/root`.
pub fn host_fs(name: &str, ip: &str, mtime: i64) -> UnionFs {
    let mut fs = UnionFs::new(Vec::new());
    let dirs = [
        ("/usr", 0o755),
        ("/usr/bin", 0o755),
        ("/usr/sbin", 0o755),
        ("/usr/lib", 0o755),
        ("/usr/lib64", 0o755),
        ("/usr/lib/python3.12", 0o755),
        ("/usr/local", 0o755),
        ("/usr/local/bin", 0o755),
        ("/usr/local/lib", 0o755),
        ("/usr/share", 0o755),
        ("/etc", 0o755),
        ("/etc/alternatives", 0o755),
        ("/etc/docker", 0o755),
        ("/home", 0o755),
        ("/root", 0o700),
        ("/tmp", 0o1777),
        ("/var", 0o755),
        ("/var/log", 0o755),
        ("/var/lib", 0o755),
        ("/var/lib/docker", 0o710),
        ("/var/lib/dpkg", 0o755),
        ("/var/lib/apt", 0o755),
        ("/var/lib/apt/lists", 0o755),
        ("/var/tmp", 0o1777),
        ("/opt", 0o755),
        ("/srv", 0o755),
        ("/mnt", 0o755),
        ("/media", 0o755),
        ("/dev", 0o755),
        ("/proc", 0o555),
        ("/sys", 0o555),
        ("/run", 0o755),
        ("/boot", 0o755),
        ("/snap", 0o755),
        ("/snap/bin", 0o755),
    ];
    for (d, m) in dirs {
        let _ = fs.mkdir_all(d, m, mtime);
    }
    for (p, prog, size) in HOST_PROGRAMS {
        let _ = fs.put(
            p,
            Entry::File {
                meta: Meta::new(0o755, mtime),
                content: Content::program(prog, *size),
            },
        );
    }
    for (p, target) in HOST_LINKS {
        let _ = fs.symlink(target, p, mtime);
    }
    // dockerd's socket: `srw-rw---- 1 root docker 0 … /var/run/docker.sock`.
    let _ = fs.put(
        "/run/docker.sock",
        Entry::File {
            meta: Meta {
                mode: SOCKET_MODE | 0o660,
                uid: 0,
                gid: 999,
                mtime,
            },
            content: Content::bytes(Vec::new()),
        },
    );
    let os_release = "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nVERSION=\"24.04.1 LTS (Noble Numbat)\"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL=\"https://www.ubuntu.com/\"\nSUPPORT_URL=\"https://help.ubuntu.com/\"\nBUG_REPORT_URL=\"https://bugs.launchpad.net/ubuntu/\"\nPRIVACY_POLICY_URL=\"https://www.ubuntu.com/legal/terms-and-policies/privacy-policy\"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n";
    let files: Vec<(String, String)> = vec![
        ("/etc/hostname".into(), format!("{name}\n")),
        (
            "/etc/hosts".into(),
            format!("127.0.0.1 localhost\n127.0.1.1 {name}\n{ip} {name}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n"),
        ),
        ("/etc/os-release".into(), os_release.into()),
        ("/etc/lsb-release".into(), "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=24.04\nDISTRIB_CODENAME=noble\nDISTRIB_DESCRIPTION=\"Ubuntu 24.04.1 LTS\"\n".into()),
        ("/etc/passwd".into(), "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nsystemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin\nubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n".into()),
        ("/etc/group".into(), "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:syslog,ubuntu\nsudo:x:27:ubuntu\nwww-data:x:33:\nnogroup:x:65534:\ndocker:x:999:ubuntu\nubuntu:x:1000:\n".into()),
        ("/etc/shells".into(), "# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n".into()),
        ("/etc/docker/daemon.json".into(), "{\n}\n".into()),
        ("/etc/bash.bashrc".into(), "# System-wide .bashrc file for interactive bash(1) shells.\n".into()),
        ("/usr/lib/python3.12/EXTERNALLY-MANAGED".into(), "[externally-managed]\nError=To install Python packages system-wide, try apt install\n python3-xyz, where xyz is the package you are trying to\n install.\n".into()),
        ("/var/lib/dpkg/status".into(), String::new()),
        ("/root/.bashrc".into(), BASHRC.into()),
        ("/root/.profile".into(), "# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ \"$BASH\" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n".into()),
        ("/root/app/app.py".into(), APP_PY.into()),
        ("/root/app/requirements.txt".into(), "flask\n".into()),
        ("/root/app/Dockerfile".into(), APP_DOCKERFILE.into()),
        ("/root/app/.dockerignore".into(), "__pycache__\n*.pyc\n.git\n".into()),
        ("/root/netcoretest/Dockerfile".into(), NET_DOCKERFILE.into()),
        ("/root/netcoretest/netcoretest/netcoretest.csproj".into(), CSPROJ.into()),
        ("/root/netcoretest/netcoretest/Program.cs".into(), PROGRAM_CS.into()),
    ];
    for (p, text) in files {
        let _ = fs.mkdir_all(path::parent(&p), 0o755, mtime);
        let _ = fs.write_file(&p, Content::text(&text), mtime);
    }
    // apt lists so that `apt-get install` works on the host
    for (f, size) in [
        (
            "archive.ubuntu.com_ubuntu_dists_noble_InRelease",
            255_850u64,
        ),
        (
            "archive.ubuntu.com_ubuntu_dists_noble_main_binary-amd64_Packages.lz4",
            3_041_462,
        ),
        (
            "archive.ubuntu.com_ubuntu_dists_noble_universe_binary-amd64_Packages.lz4",
            25_641_372,
        ),
    ] {
        let _ = fs.put(
            &format!("/var/lib/apt/lists/{f}"),
            Entry::File {
                meta: Meta::new(0o644, mtime),
                content: Content::Sized {
                    size,
                    seed: crate::engine::fs::program_seed(f),
                },
            },
        );
    }
    fs
}
