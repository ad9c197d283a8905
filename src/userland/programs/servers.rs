//! The programs images run as their main process: hello, nginx,
//! redis-server, registry, dotnet (SDK verbs and seed 000's console app),
//! node. Long-lived ones end as a [`Service`].

use super::{Flow, Proc};
use crate::engine::clock::{civil, rfc3339_nanos, Millis};
use crate::engine::fs::{path, Content, Entry, Meta};
use crate::userland::process::Service;

/// hello-world's message (docker-reference.md §B5).
pub const HELLO: &str = "\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n\nTo generate this message, Docker took the following steps:\n 1. The Docker client contacted the Docker daemon.\n 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.\n    (amd64)\n 3. The Docker daemon created a new container from that image which runs the\n    executable that produces the output you are currently reading.\n 4. The Docker daemon streamed that output to the Docker client, which sent it\n    to your terminal.\n\nTo try something more ambitious, you can run an Ubuntu container with:\n $ docker run -it ubuntu bash\n\nShare images, automate workflows, and more with a free Docker ID:\n https://hub.docker.com/\n\nFor more examples and ideas, visit:\n https://docs.docker.com/get-started/\n\n";

pub fn hello(p: &mut Proc) -> Result<i32, Flow> {
    p.out.out(HELLO);
    Ok(0)
}

/// `2025/01/01 00:00:00` (nginx error-log time).
fn nginx_time(ms: Millis) -> String {
    let (d, t) = civil(ms);
    format!("{} {t}", d.replace('-', "/"))
}

pub const NGINX_VERSION: &str = "1.27.3";

pub fn nginx(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    if args.iter().any(|a| a == "-v") {
        p.out.errln(format!("nginx version: nginx/{NGINX_VERSION}"));
        return Ok(0);
    }
    if args.iter().any(|a| a == "-t") {
        p.out.errln("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful");
        return Ok(0);
    }
    let foreground = args
        .windows(2)
        .any(|w| w[0] == "-g" && w[1].replace(' ', "").contains("daemonoff"));
    if !foreground {
        // forks into the background and the foreground process exits
        return Ok(0);
    }
    let t = nginx_time(p.lim.clock);
    let kernel = "6.8.0-51-generic";
    p.out.errln(format!("{t} [notice] 1#1: using the \"epoll\" event method\n{t} [notice] 1#1: nginx/{NGINX_VERSION}\n{t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) \n{t} [notice] 1#1: OS: Linux {kernel}\n{t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n{t} [notice] 1#1: start worker processes\n{t} [notice] 1#1: start worker process 29\n{t} [notice] 1#1: start worker process 30"));
    Err(super::service_flow(Service::Nginx {
        requests: 0,
        pending: crate::userland::Output::new(),
    }))
}

fn redis_time(ms: Millis) -> String {
    let (d, t) = civil(ms);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m: usize = d.get(5..7).and_then(|x| x.parse().ok()).unwrap_or(1);
    format!(
        "{} {} {} {t}.{:03}",
        d.get(8..10).unwrap_or("01"),
        months[(m + 11) % 12],
        d.get(..4).unwrap_or(""),
        ms.rem_euclid(1000)
    )
}

pub fn redis_server(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    if args.iter().any(|a| a == "-v" || a == "--version") {
        p.out.outln("Redis server v=7.4.1 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=2f7c8a3d3f1f9a0e");
        return Ok(0);
    }
    let port: u16 = args
        .windows(2)
        .find(|w| w[0] == "--port")
        .and_then(|w| w[1].parse().ok())
        .unwrap_or(6379);
    let t = redis_time(p.lim.clock);
    p.out.outln(format!("1:C {t} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect."));
    p.out.outln(format!(
        "1:C {t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"
    ));
    p.out.outln(format!(
        "1:C {t} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started"
    ));
    if args.is_empty() || args.iter().all(|a| a.starts_with("--")) {
        p.out.outln(format!("1:C {t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf"));
    } else {
        p.out.outln(format!("1:C {t} * Configuration loaded"));
    }
    p.out
        .outln(format!("1:M {t} * monotonic clock: POSIX clock_gettime"));
    p.out
        .outln(format!("1:M {t} * Running mode=standalone, port={port}."));
    p.out.outln(format!("1:M {t} * Server initialized"));
    p.out
        .outln(format!("1:M {t} * Ready to accept connections tcp"));
    Err(super::service_flow(Service::Redis { port }))
}

pub fn redis_cli(p: &mut Proc) -> Result<i32, Flow> {
    let args: Vec<String> = p
        .args()
        .into_iter()
        .filter(|a| !a.starts_with('-'))
        .collect();
    match args.first().map(|a| a.to_uppercase()).as_deref() {
        Some("PING") => p.out.outln("PONG"),
        Some("SET") => p.out.outln("OK"),
        Some("GET") => p.out.outln("(nil)"),
        Some(_) => p.out.outln("(error) ERR unknown command"),
        None => {
            p.out
                .errln("Could not connect to Redis at 127.0.0.1:6379: Connection refused");
            return Ok(1);
        }
    }
    Ok(0)
}

pub fn registry(p: &mut Proc) -> Result<i32, Flow> {
    let t = rfc3339_nanos(p.lim.clock);
    let common = "go.version=go1.20.8 instance.id=5d5b5c0c-3e0c-4a63-9a7c-1f0b7c3a2f10 service=registry version=2.8.3";
    p.out.errln(format!("time=\"{t}\" level=warning msg=\"No HTTP secret provided - generated random secret. This may cause problems with uploads if multiple registries are behind a load-balancer. To provide a shared secret, fill in http.secret in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.\" {common}"));
    p.out.errln(format!(
        "time=\"{t}\" level=info msg=\"redis not configured\" {common}"
    ));
    p.out.errln(format!(
        "time=\"{t}\" level=info msg=\"Starting upload purge in 20m0s\" {common}"
    ));
    p.out.errln(format!(
        "time=\"{t}\" level=info msg=\"using inmemory blob descriptor cache\" {common}"
    ));
    p.out.errln(format!(
        "time=\"{t}\" level=info msg=\"listening on [::]:5000\" {common}"
    ));
    Err(super::service_flow(Service::Registry))
}

/// What seed 000's "compiled" app does, recorded in the `.dll` the
/// simulated `dotnet build` writes from `Program.cs`.
fn program_behaviour(src: &str) -> (Vec<String>, Vec<String>, Millis) {
    let mut first = Vec::new();
    let mut looped = Vec::new();
    let mut sleep = 1000;
    let loop_at = src.find("while").unwrap_or(src.len());
    let mut rest = src;
    let mut offset = 0;
    while let Some(i) = rest.find("Console.WriteLine(") {
        let start = i + "Console.WriteLine(".len();
        let tail = &rest[start..];
        let text = tail
            .strip_prefix('"')
            .and_then(|t| t.find('"').map(|e| t[..e].to_string()))
            .unwrap_or_default();
        if offset + i < loop_at {
            first.push(text);
        } else {
            looped.push(text);
        }
        offset += start;
        rest = tail;
    }
    if let Some(i) = src.find("Thread.Sleep(") {
        let n: String = src[i + 13..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        sleep = n.parse().unwrap_or(1000);
    }
    (first, looped, sleep)
}

const DLL_MARK: &str = "#dockerlings-dotnet\n";

fn find_project(p: &mut Proc, arg: Option<&String>) -> Option<String> {
    if let Some(a) = arg {
        if a.ends_with(".csproj") {
            return Some(p.abs(a));
        }
    }
    let cwd = p.ctx.cwd.clone();
    let (fs, inner) = p.sys.fs_for_ref(&cwd);
    let name = fs
        .read_dir(&inner)
        .ok()?
        .into_iter()
        .find(|d| d.name.ends_with(".csproj"))?
        .name;
    Some(path::child(&cwd, &name))
}

fn write_outputs(p: &mut Proc, proj: &str, dir: &str, publish: bool) {
    let name = path::file_name(proj)
        .trim_end_matches(".csproj")
        .to_string();
    let src_dir = path::parent(proj).to_string();
    let program = p
        .read(&path::child(&src_dir, "Program.cs"))
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let (first, looped, sleep) = program_behaviour(&program);
    let dll = format!(
        "MZ\u{90}\0{DLL_MARK}{}",
        serde_json::json!({"first": first, "loop": looped, "sleep": sleep})
    );
    let now = p.lim.now_secs();
    let files: Vec<(String, Content)> = vec![
        (format!("{name}.dll"), Content::bytes({
            let mut b = dll.into_bytes();
            b.resize(4608, 0);
            b
        })),
        (format!("{name}.pdb"), Content::Sized { size: 10_564, seed: crate::engine::fs::program_seed(&format!("pdb:{name}")) }),
        (format!("{name}.deps.json"), Content::text(&format!("{{\n  \"runtimeTarget\": {{\n    \"name\": \".NETCoreApp,Version=v3.0\",\n    \"signature\": \"\"\n  }},\n  \"libraries\": {{\n    \"{name}/1.0.0\": {{\n      \"type\": \"project\",\n      \"serviceable\": false,\n      \"sha512\": \"\"\n    }}\n  }}\n}}"))),
        (format!("{name}.runtimeconfig.json"), Content::text("{\n  \"runtimeOptions\": {\n    \"tfm\": \"netcoreapp3.0\",\n    \"framework\": {\n      \"name\": \"Microsoft.NETCore.App\",\n      \"version\": \"3.0.0\"\n    }\n  }\n}")),
    ];
    let mut dirs = vec![dir.to_string()];
    if publish {
        dirs.push(format!("{src_dir}/bin/Release/netcoreapp3.0"));
    }
    dirs.push(format!("{src_dir}/obj/Release/netcoreapp3.0"));
    for d in dirs {
        for (f, c) in &files {
            let pth = path::child(&d, f);
            let (fs, inner) = p.sys.fs_for(&pth);
            let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
            let _ = super::put_at(
                fs,
                &inner,
                Entry::File {
                    meta: Meta::new(0o644, now),
                    content: c.clone(),
                },
            );
        }
    }
}

pub fn dotnet(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let Some(first) = args.first().cloned() else {
        p.out.outln("\nUsage: dotnet [options]\nUsage: dotnet [path-to-application]\n\nOptions:\n  -h|--help         Display help.\n  --info            Display .NET Core information.\n  --list-sdks       Display the installed SDKs.\n  --list-runtimes   Display the installed runtimes.\n\npath-to-application:\n  The path to an application .dll file to execute.");
        return Ok(129);
    };
    let sdk = {
        let (fs, inner) = p.sys.fs_for_ref("/usr/share/dotnet/sdk");
        fs.is_dir(&inner)
    };
    let header = "Microsoft (R) Build Engine version 16.3.0+0f4c62fea for .NET Core\nCopyright (C) Microsoft Corporation. All rights reserved.\n";
    let out_dir = args
        .windows(2)
        .find(|w| w[0] == "-o" || w[0] == "--output")
        .map(|w| p.abs(&w[1]));
    match first.as_str() {
        "--version" => {
            p.out.outln(if sdk { "3.0.103" } else { "3.0.3" });
            Ok(0)
        }
        "restore" | "build" | "publish" if !sdk => {
            p.out.errln(format!("Could not execute because the specified command or file was not found.\nPossible reasons for this include:\n  * You misspelled a built-in dotnet command.\n  * You intended to execute a .NET Core program, but dotnet-{first} does not exist.\n  * You intended to run a global tool, but a dotnet-prefixed executable with this name could not be found on the PATH."));
            Ok(1)
        }
        "restore" | "build" | "publish" => {
            let Some(proj) = find_project(p, args.get(1)) else {
                p.out.outln("MSBUILD : error MSB1003: Specify a project or solution file. The current working directory does not contain a project or solution file.");
                return Ok(1);
            };
            let exists = p.read(&proj).is_ok();
            if !exists {
                p.out.outln(format!(
                    "MSBUILD : error MSB1009: Project file does not exist.\nSwitch: {}",
                    args.get(1).cloned().unwrap_or_default()
                ));
                return Ok(1);
            }
            let name = path::file_name(&proj)
                .trim_end_matches(".csproj")
                .to_string();
            let src_dir = path::parent(&proj).to_string();
            let now = p.lim.now_secs();
            {
                let assets = format!("{src_dir}/obj/project.assets.json");
                let (fs, inner) = p.sys.fs_for(&assets);
                let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
                let _ = fs.write_file(&inner, Content::text("{\n  \"version\": 3,\n  \"targets\": {\n    \".NETCoreApp,Version=v3.0\": {}\n  }\n}"), now);
            }
            p.sleep(1200)?;
            if first == "restore" {
                p.out
                    .outln(format!("  Restore completed in 1.23 sec for {proj}."));
                return Ok(0);
            }
            p.out.outln(header);
            p.out
                .outln(format!("  Restore completed in 45.01 ms for {proj}."));
            if first == "build" {
                let dir = out_dir.unwrap_or_else(|| format!("{src_dir}/bin/Debug/netcoreapp3.0"));
                write_outputs(p, &proj, &dir, false);
                p.out.outln(format!(
                    "  {name} -> {}",
                    path::child(&dir, &format!("{name}.dll"))
                ));
                p.out.outln("\nBuild succeeded.\n    0 Warning(s)\n    0 Error(s)\n\nTime Elapsed 00:00:03.21");
            } else {
                let dir = out_dir
                    .unwrap_or_else(|| format!("{src_dir}/bin/Release/netcoreapp3.0/publish"));
                write_outputs(p, &proj, &dir, true);
                p.out.outln(format!(
                    "  {name} -> {src_dir}/bin/Release/netcoreapp3.0/{name}.dll"
                ));
                p.out.outln(format!("  {name} -> {dir}/"));
            }
            Ok(0)
        }
        dll if dll.ends_with(".dll") => {
            let data = match p.read(dll) {
                Ok(d) => d,
                Err(_) => {
                    p.out.errln(format!("Could not execute because the application was not found or a compatible .NET Core SDK is not installed.\nPossible reasons for this include:\n  * You intended to execute a .NET Core program:\n      The application '{dll}' does not exist.\n  * You intended to execute a .NET Core SDK command:\n      It was not possible to find any installed .NET Core SDKs\n      Did you mean to run .NET Core SDK commands? Install a .NET Core SDK from:\n        https://aka.ms/dotnet-download"));
                    return Ok(145);
                }
            };
            let text = String::from_utf8_lossy(&data).into_owned();
            let (first_lines, looped, sleep) = match text.find(DLL_MARK) {
                Some(i) => {
                    let json = text[i + DLL_MARK.len()..].trim_end_matches('\0');
                    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
                    let list = |k: &str| -> Vec<String> {
                        v[k].as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|x| x.as_str().map(String::from))
                            .collect()
                    };
                    (
                        list("first"),
                        list("loop"),
                        v["sleep"].as_i64().unwrap_or(1000),
                    )
                }
                None => (
                    vec!["Hello World!".to_string()],
                    vec!["Hello World22222!".to_string()],
                    1000,
                ),
            };
            for l in &first_lines {
                p.out.outln(l);
            }
            if looped.is_empty() {
                return Ok(0);
            }
            for l in &looped {
                p.out.outln(l);
            }
            Err(super::service_flow(Service::Console {
                lines: looped,
                interval: sleep.max(1),
                next: p.lim.clock + sleep.max(1),
            }))
        }
        other => {
            p.out.errln(format!("Could not execute because the specified command or file was not found.\nPossible reasons for this include:\n  * You misspelled a built-in dotnet command.\n  * You intended to execute a .NET Core program, but dotnet-{other} does not exist.\n  * You intended to run a global tool, but a dotnet-prefixed executable with this name could not be found on the PATH."));
            Ok(1)
        }
    }
}

pub fn node(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    match args.first().map(String::as_str) {
        Some("-v") | Some("--version") => {
            p.out.outln("v22.12.0");
            Ok(0)
        }
        Some("-e") => {
            let src = args.get(1).cloned().unwrap_or_default();
            console_logs(p, &src);
            Ok(0)
        }
        Some(f) => {
            let f = f.to_string();
            match p.read(&f) {
                Ok(b) => {
                    let src = String::from_utf8_lossy(&b).into_owned();
                    console_logs(p, &src);
                    if src.contains(".listen(") {
                        let port: u16 = src
                            .split(".listen(")
                            .nth(1)
                            .and_then(|r| {
                                r.chars()
                                    .take_while(|c| c.is_ascii_digit())
                                    .collect::<String>()
                                    .parse()
                                    .ok()
                            })
                            .unwrap_or(3000);
                        let _ = port;
                        return Err(super::service_flow(Service::Waiting));
                    }
                    Ok(0)
                }
                Err(_) => {
                    let abs = p.abs(&f);
                    p.out.errln(format!("node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '{abs}'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n    at node:internal/main/run_main_module:28:49 {{\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}}\n\nNode.js v22.12.0"));
                    Ok(1)
                }
            }
        }
        None => Ok(0),
    }
}

fn console_logs(p: &mut Proc, src: &str) {
    for part in src.split("console.log(").skip(1) {
        let t = part.trim_start();
        let q = t.chars().next().unwrap_or(' ');
        if matches!(q, '"' | '\'' | '`') {
            if let Some(end) = t[1..].find(q) {
                p.out.outln(&t[1..1 + end]);
            }
        }
    }
}
