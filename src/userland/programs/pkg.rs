//! Package managers: apt-get / apt / dpkg (Debian, Ubuntu), apk (Alpine),
//! yum / dnf, pip. The package index is data (`src/userland/packages/*.json`);
//! installing writes each package's files, alternatives links and the
//! package database into the current filesystem, with each tool's output.

use super::{Flow, Proc};
use crate::engine::digest::sha256_hex;
use crate::engine::fs::{path, program_seed, Content, Entry, Meta};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn data(which: &str) -> &'static Value {
    static APT: OnceLock<Value> = OnceLock::new();
    static APK: OnceLock<Value> = OnceLock::new();
    static PIP: OnceLock<Value> = OnceLock::new();
    let (cell, text) = match which {
        "apt" => (&APT, include_str!("../packages/apt.json")),
        "apk" => (&APK, include_str!("../packages/apk.json")),
        _ => (&PIP, include_str!("../packages/pip.json")),
    };
    cell.get_or_init(|| serde_json::from_str(text).unwrap_or(Value::Null))
}

fn s(v: &Value) -> String {
    match v {
        Value::String(x) => x.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

fn subst(t: &str, vars: &Value) -> String {
    let mut out = t.to_string();
    if let Some(m) = vars.as_object() {
        for (k, v) in m {
            out = out.replace(&format!("{{{k}}}"), &s(v));
        }
    }
    out
}

/// apt's `SizeToStr`: `850 kB`, `9337 kB`, `17.9 MB` (bytes in).
pub fn apt_size(bytes: f64) -> String {
    let ext = ["", "k", "M", "G", "T"];
    let mut v = bytes;
    let mut i = 0;
    loop {
        if v < 100.0 && i != 0 {
            return format!("{v:.1} {}B", ext[i]);
        }
        if v < 10000.0 || i == 4 {
            return format!("{v:.0} {}B", ext[i]);
        }
        v /= 1000.0;
        i += 1;
    }
}

/// Writes a package's files; returns the paths written (for `.list`).
fn install_files(
    p: &mut Proc,
    files: Option<&Value>,
    bulk: Option<&Value>,
    vars: &Value,
) -> Vec<String> {
    let now = p.lim.now_secs();
    let mut written = Vec::new();
    let mut items: Vec<(String, String, u64)> = Vec::new();
    for f in files.and_then(Value::as_array).into_iter().flatten() {
        let a = f.as_array().cloned().unwrap_or_default();
        let pth = subst(&s(a.first().unwrap_or(&Value::Null)), vars);
        let kind = subst(&s(a.get(1).unwrap_or(&Value::Null)), vars);
        let size = a.get(2).and_then(Value::as_u64).unwrap_or(0);
        items.push((pth, kind, size));
    }
    for b in bulk.and_then(Value::as_array).into_iter().flatten() {
        let a = b.as_array().cloned().unwrap_or_default();
        let dir = subst(&s(a.first().unwrap_or(&Value::Null)), vars);
        let names: Vec<String> = a
            .get(1)
            .and_then(Value::as_array)
            .map(|v| v.iter().map(|x| subst(&s(x), vars)).collect())
            .unwrap_or_default();
        let total = a.get(2).and_then(Value::as_u64).unwrap_or(0);
        let n = names.len().max(1) as u64;
        for (k, name) in names.iter().enumerate() {
            // uneven but deterministic split
            let share = total / n + ((k as u64 * 7919) % (total / n / 3 + 1)) - (total / n / 6);
            items.push((format!("{dir}/{name}"), String::new(), share));
        }
    }
    for (pth, kind, size) in items {
        let (fs, inner) = p.sys.fs_for(&pth);
        let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
        let entry = if let Some(t) = kind.strip_prefix("l:") {
            Entry::Symlink {
                meta: Meta::new(0o777, now),
                target: t.to_string(),
            }
        } else if let Some(name) = kind.strip_prefix("p:") {
            Entry::File {
                meta: Meta::new(0o755, now),
                content: Content::program(name, size),
            }
        } else if let Some(text) = kind.strip_prefix("t:") {
            Entry::File {
                meta: Meta::new(if text.starts_with("#!") { 0o755 } else { 0o644 }, now),
                content: Content::text(text),
            }
        } else {
            Entry::File {
                meta: Meta::new(0o644, now),
                content: Content::Sized {
                    size,
                    seed: program_seed(&format!("file:{pth}")),
                },
            }
        };
        let par = fs
            .resolve(path::parent(&inner), true)
            .unwrap_or_else(|_| path::parent(&inner).to_string());
        let inner = path::child(&par, path::file_name(&inner));
        if fs.lookup(&inner).is_some() {
            let _ = fs.remove(&inner, true);
        }
        if super::put_at(fs, &inner, entry).is_ok() {
            written.push(pth);
        }
    }
    written
}

fn append(p: &mut Proc, file: &str, text: &str) {
    let now = p.lim.now_secs();
    let (fs, inner) = p.sys.fs_for(file);
    let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
    let _ = fs.append_file(&inner, text.as_bytes(), now);
}

fn read_text(p: &mut Proc, file: &str) -> Option<String> {
    p.read(file)
        .ok()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn is_root(p: &Proc) -> bool {
    p.ctx.user.is_empty() || p.ctx.user == "root" || p.ctx.user == "0"
}

// ---- apt ---------------------------------------------------------------

fn codename(p: &mut Proc) -> String {
    let os = read_text(p, "/etc/os-release").unwrap_or_default();
    let get = |k: &str| {
        os.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .map(|v| v.trim_matches('"').to_string())
    };
    let code = get("VERSION_CODENAME").unwrap_or_default();
    let apt = data("apt");
    if apt["distros"].get(&code).is_some() {
        return code;
    }
    match get("ID").as_deref() {
        Some("debian") => "bookworm".into(),
        _ => "noble".into(),
    }
}

fn dpkg_installed(p: &mut Proc) -> BTreeSet<String> {
    let st = read_text(p, "/var/lib/dpkg/status").unwrap_or_default();
    st.split("\n\n")
        .filter(|b| b.contains("Status: install ok installed"))
        .filter_map(|b| {
            b.lines()
                .find_map(|l| l.strip_prefix("Package: "))
                .map(|x| x.trim().to_string())
        })
        .collect()
}

fn lists_present(p: &mut Proc) -> bool {
    let (fs, inner) = p.sys.fs_for_ref("/var/lib/apt/lists");
    fs.read_dir(&inner)
        .map(|v| {
            v.iter()
                .any(|d| d.kind == crate::engine::fs::NodeKind::File && d.name != "lock")
        })
        .unwrap_or(false)
}

struct AptPkg {
    name: String,
    version: String,
    arch: String,
    suite: String,
    component: String,
    dl_kb: f64,
    inst_kb: f64,
    raw: &'static Value,
}

fn apt_index(code: &str) -> Vec<AptPkg> {
    let apt = data("apt");
    let d = &apt["distros"][code];
    let vars = &d["vars"];
    let mut v = Vec::new();
    if let Some(m) = apt["packages"].as_object() {
        for (k, raw) in m {
            let name = subst(k, vars);
            let version = s(&raw["v"][code]);
            if version.is_empty() {
                continue;
            }
            let suite = raw["suite"][code]
                .as_str()
                .map(String::from)
                .unwrap_or_else(|| code.to_string());
            let component = "main";
            v.push(AptPkg {
                name,
                version,
                arch: raw["arch"].as_str().unwrap_or("amd64").to_string(),
                suite,
                component: component.into(),
                dl_kb: raw["dl"].as_f64().unwrap_or(0.0),
                inst_kb: raw["inst"].as_f64().unwrap_or(0.0),
                raw,
            });
        }
    }
    v
}

/// dpkg's name for a package: libraries (Multi-Arch: same) carry `:amd64`.
fn qualified(x: &AptPkg) -> String {
    if x.arch != "all" && x.name.starts_with("lib") {
        format!("{}:{}", x.name, x.arch)
    } else {
        x.name.clone()
    }
}

fn wrap_list(names: &[String]) -> String {
    let mut out = String::new();
    let mut line = String::from(" ");
    for n in names {
        if line.len() + n.len() + 1 > 79 && !line.trim().is_empty() {
            out.push_str(&line);
            out.push('\n');
            line = String::from(" ");
        }
        line.push(' ');
        line.push_str(n);
    }
    if !line.trim().is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

pub fn apt(p: &mut Proc) -> Result<i32, Flow> {
    apt_common(p, true)
}

pub fn apt_get(p: &mut Proc) -> Result<i32, Flow> {
    apt_common(p, false)
}

fn apt_common(p: &mut Proc, front: bool) -> Result<i32, Flow> {
    let args = p.args();
    let mut yes = false;
    let mut answer: Option<String> = None;
    let mut quiet = 0;
    let mut words = Vec::new();
    for a in &args {
        match a.as_str() {
            "-y" | "--yes" | "--assume-yes" => yes = true,
            "-q" => quiet = 1,
            "-qq" => quiet = 2,
            a if a.starts_with("--answer=") => answer = Some(a["--answer=".len()..].to_string()),
            a if a.starts_with('-') => {
                if a.starts_with("-y") || a.contains('y') && !a.starts_with("--") {
                    yes = true;
                }
            }
            a => words.push(a.to_string()),
        }
    }
    let Some(cmd) = words.first().cloned() else {
        if front {
            p.out.outln("apt 2.7.14 (amd64)\nUsage: apt [options] command\n\napt is a commandline package manager and provides commands for\nsearching and managing as well as querying information about packages.");
        } else {
            p.out.outln("apt 2.7.14 (amd64)\nUsage: apt-get [options] command\n       apt-get [options] install|remove pkg1 [pkg2 ...]\n       apt-get [options] source pkg1 [pkg2 ...]");
        }
        return Ok(if front { 1 } else { 0 });
    };
    if front && !p.ctx.tty && answer.is_none() {
        p.out.errln(
            "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n",
        );
    }
    if !is_root(p)
        && matches!(
            cmd.as_str(),
            "update" | "install" | "remove" | "purge" | "upgrade"
        )
    {
        if cmd == "update" {
            p.out.outln("Reading package lists... Done");
            p.out.errln("E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/");
        } else {
            p.out.errln("E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?");
        }
        return Ok(100);
    }
    let code = codename(p);
    match cmd.as_str() {
        "update" => apt_update(p, &code, front, quiet),
        "install" => apt_install(p, &code, &words[1..], yes, answer, front, quiet),
        "upgrade" | "dist-upgrade" | "full-upgrade" => {
            p.out.outln("Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\nCalculating upgrade... Done\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
            Ok(0)
        }
        "remove" | "purge" | "autoremove" => apt_remove(p, &code, &words[1..]),
        "clean" | "autoclean" => Ok(0),
        "list" if front => {
            p.out.outln("Listing... Done");
            let installed = dpkg_installed(p);
            for pk in apt_index(&code) {
                if words.iter().any(|w| w == "--installed") && !installed.contains(&pk.name) {
                    continue;
                }
                let tag = if installed.contains(&pk.name) {
                    " [installed]"
                } else {
                    ""
                };
                p.out.outln(format!(
                    "{}/{} {} {}{tag}",
                    pk.name, pk.suite, pk.version, pk.arch
                ));
            }
            Ok(0)
        }
        "search" | "show" | "policy" => {
            let installed = dpkg_installed(p);
            for pk in apt_index(&code) {
                if words[1..].iter().any(|w| pk.name.contains(w.as_str())) {
                    if cmd == "show" {
                        p.out.outln(format!("Package: {}\nVersion: {}\nSection: {}\nInstalled-Size: {} kB\nDescription: {}\n", pk.name, pk.version, s(&pk.raw["section"]), pk.inst_kb, s(&pk.raw["desc"])));
                    } else {
                        let tag = if installed.contains(&pk.name) {
                            " [installed]"
                        } else {
                            ""
                        };
                        p.out.outln(format!(
                            "{}/{} {} {}{tag}\n  {}\n",
                            pk.name,
                            pk.suite,
                            pk.version,
                            pk.arch,
                            s(&pk.raw["desc"])
                        ));
                    }
                }
            }
            Ok(0)
        }
        other => {
            p.out.errln(format!("E: Invalid operation {other}"));
            Ok(100)
        }
    }
}

fn apt_update(p: &mut Proc, code: &str, front: bool, quiet: u8) -> Result<i32, Flow> {
    let apt = data("apt");
    let d = &apt["distros"][code];
    let mirror = s(&d["mirror"]);
    let security = s(&d["security"]);
    let mut n = 0;
    for it in d["update"].as_array().into_iter().flatten() {
        let a = it.as_array().cloned().unwrap_or_default();
        let base = if s(&a[0]) == "security" {
            &security
        } else {
            &mirror
        };
        let what = s(&a[1]);
        let kb = a.get(2).and_then(Value::as_f64).unwrap_or(0.0);
        n += 1;
        if quiet == 0 {
            p.out
                .outln(format!("Get:{n} {base} {what} [{}]", apt_size(kb * 1000.0)));
        }
    }
    let f = d["fetched"].as_array().cloned().unwrap_or_default();
    let secs = f.get(2).and_then(Value::as_i64).unwrap_or(2);
    p.sleep(secs * 1000)?;
    let now = p.lim.now_secs();
    {
        let (fs, inner) = p.sys.fs_for("/var/lib/apt/lists/partial");
        let _ = fs.mkdir_all(&inner, 0o700, now);
    }
    for it in d["lists"].as_array().into_iter().flatten() {
        let a = it.as_array().cloned().unwrap_or_default();
        let name = s(&a[0]);
        let size = a.get(1).and_then(Value::as_u64).unwrap_or(0);
        let pth = format!("/var/lib/apt/lists/{name}");
        let (fs, inner) = p.sys.fs_for(&pth);
        let _ = fs.put(
            &inner,
            Entry::File {
                meta: Meta::new(0o644, now),
                content: Content::Sized {
                    size,
                    seed: program_seed(&format!("apt-list:{name}:{code}")),
                },
            },
        );
    }
    {
        let (fs, inner) = p.sys.fs_for("/var/lib/apt/lists/lock");
        let _ = fs.write_file(&inner, Content::text(""), now);
    }
    if quiet == 0 {
        let unit = s(&f[1]);
        let amount = f.first().and_then(Value::as_f64).unwrap_or(0.0);
        let bytes = if unit == "MB" {
            amount * 1e6
        } else {
            amount * 1e3
        };
        p.out.outln(format!(
            "Fetched {} in {secs}s ({})",
            apt_size(bytes),
            s(&f[3])
        ));
    }
    if quiet < 2 {
        p.out.outln("Reading package lists... Done");
    }
    if front {
        p.out.outln("Building dependency tree... Done\nReading state information... Done\nAll packages are up to date.");
    }
    Ok(0)
}

#[allow(clippy::too_many_arguments)]
fn apt_install(
    p: &mut Proc,
    code: &str,
    names: &[String],
    yes: bool,
    answer: Option<String>,
    front: bool,
    quiet: u8,
) -> Result<i32, Flow> {
    let resumed = answer.is_some();
    if !resumed {
        p.out.outln("Reading package lists... Done");
        p.out.outln("Building dependency tree... Done");
        p.out.outln("Reading state information... Done");
    }
    let updated = lists_present(p);
    let index = if updated { apt_index(code) } else { Vec::new() };
    let installed = dpkg_installed(p);
    let mut missing = false;
    for n in names {
        let base = n.split('=').next().unwrap_or(n);
        if !index.iter().any(|x| x.name == base) && !installed.contains(base) {
            p.out.errln(format!("E: Unable to locate package {base}"));
            missing = true;
        }
    }
    if missing {
        return Ok(100);
    }
    if names.is_empty() {
        p.out
            .outln("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
        return Ok(0);
    }
    // resolve: dependencies first
    let mut order: Vec<String> = Vec::new();
    fn visit(
        n: &str,
        index: &[AptPkg],
        installed: &BTreeSet<String>,
        order: &mut Vec<String>,
        vars: &Value,
        depth: u32,
    ) {
        if depth > 20 || order.iter().any(|x| x == n) || installed.contains(n) {
            return;
        }
        let Some(pk) = index.iter().find(|x| x.name == n) else {
            return;
        };
        for d in pk.raw["deps"].as_array().into_iter().flatten() {
            visit(
                &subst(&s(d), vars),
                index,
                installed,
                order,
                vars,
                depth + 1,
            );
        }
        order.push(n.to_string());
    }
    let vars = &data("apt")["distros"][code]["vars"];
    let requested: Vec<String> = names
        .iter()
        .map(|n| n.split('=').next().unwrap_or(n).to_string())
        .collect();
    for n in &requested {
        if installed.contains(n) {
            if let Some(pk) = index.iter().find(|x| &x.name == n) {
                if !resumed {
                    p.out.outln(format!(
                        "{n} is already the newest version ({}).",
                        pk.version
                    ));
                }
            }
        }
        visit(n, &index, &installed, &mut order, vars, 0);
    }
    let extra: Vec<String> = {
        let mut v: Vec<String> = order
            .iter()
            .filter(|x| !requested.contains(x))
            .cloned()
            .collect();
        v.sort();
        v
    };
    let mut all_sorted = order.clone();
    all_sorted.sort();
    let pk = |n: &str| index.iter().find(|x| x.name == n);
    let dl: f64 = order.iter().filter_map(|n| pk(n)).map(|x| x.dl_kb).sum();
    let inst: f64 = order.iter().filter_map(|n| pk(n)).map(|x| x.inst_kb).sum();
    if !resumed {
        if !extra.is_empty() {
            p.out
                .outln("The following additional packages will be installed:");
            p.out.out(wrap_list(&extra));
        }
        let suggests: Vec<String> = order
            .iter()
            .filter_map(|n| pk(n))
            .filter_map(|x| x.raw["suggests"].as_str())
            .flat_map(|s| s.split(' ').map(String::from))
            .collect();
        if !suggests.is_empty() {
            p.out.outln("Suggested packages:");
            p.out.out(wrap_list(&suggests));
        }
        if !order.is_empty() {
            p.out.outln("The following NEW packages will be installed:");
            p.out.out(wrap_list(&all_sorted));
        }
        p.out.outln(format!(
            "0 upgraded, {} newly installed, 0 to remove and 0 not upgraded.",
            order.len()
        ));
        if order.is_empty() {
            return Ok(0);
        }
        p.out.outln(format!(
            "Need to get {} of archives.",
            apt_size(dl * 1000.0)
        ));
        p.out.outln(format!(
            "After this operation, {} of additional disk space will be used.",
            apt_size(inst * 1024.0)
        ));
    }
    if order.is_empty() {
        return Ok(0);
    }
    if !extra.is_empty() && !yes {
        match &answer {
            None => {
                if p.ctx.tty && p.ctx.stdin.is_none() {
                    let mut resume = p.argv.clone();
                    resume.push("--answer=".into());
                    p.out.action = Some(crate::userland::Action::Prompt {
                        label: "Do you want to continue? [Y/n] ".into(),
                        secret: false,
                        resume: resume.join(" "),
                    });
                    return Ok(0);
                }
                let input = p.stdin_text();
                let a = input.lines().next().unwrap_or("").trim().to_lowercase();
                p.out.out("Do you want to continue? [Y/n] ");
                if !(a.is_empty() && p.ctx.stdin.is_some() || a == "y" || a == "yes") {
                    p.out.outln("Abort.");
                    return Ok(1);
                }
                p.out.outln("");
            }
            Some(a) => {
                let a = a.trim().to_lowercase();
                if !(a.is_empty() || a == "y" || a == "yes") {
                    p.out.outln("Abort.");
                    return Ok(1);
                }
            }
        }
    }
    let apt = data("apt");
    let d = &apt["distros"][code];
    let mirror = s(&d["mirror"]);
    // downloads, biggest first as apt's queue tends to show
    for (k, n) in order.iter().enumerate() {
        if let Some(x) = pk(n) {
            if quiet == 0 {
                p.out.outln(format!(
                    "Get:{} {mirror} {}/{} {} {} {} {} [{}]",
                    k + 1,
                    x.suite,
                    x.component,
                    "amd64",
                    x.name,
                    x.arch,
                    x.version,
                    apt_size(x.dl_kb * 1000.0)
                ));
            }
        }
    }
    let secs = ((dl / 4000.0).ceil() as i64).max(1);
    p.sleep(secs * 1000)?;
    if quiet == 0 {
        p.out.outln(format!(
            "Fetched {} in {secs}s ({}/s)",
            apt_size(dl * 1000.0),
            apt_size(dl * 1000.0 / secs as f64)
        ));
    }
    if matches!(p.sys.kind(), crate::userland::SysKind::Container(_)) {
        p.out
            .errln("debconf: delaying package configuration, since apt-utils is not installed");
    }
    let mut db = d["db_files"].as_u64().unwrap_or(4381);
    let maint = s(&d["maintainer"]);
    let now = p.lim.now_secs();
    let stamp = super::system::strftime(p.lim.clock, "%F %T");
    let mut lib_trigger = false;
    for (k, n) in order.iter().enumerate() {
        let Some(x) = pk(n) else { continue };
        let qual = qualified(x);
        p.out
            .outln(format!("Selecting previously unselected package {qual}."));
        if k == 0 {
            p.out.outln(format!(
                "(Reading database ... {db} files and directories currently installed.)"
            ));
        }
        let ver_file = x.version.replace(':', "%3a");
        p.out.outln(format!(
            "Preparing to unpack .../{}{}_{}_{}.deb ...",
            if order.len() > 1 {
                format!("{k:02}-")
            } else {
                String::new()
            },
            x.name,
            ver_file,
            x.arch
        ));
        p.out.outln(format!("Unpacking {qual} ({}) ...", x.version));
        let written = install_files(p, x.raw.get("files"), x.raw.get("bulk"), vars);
        db += written.len() as u64;
        if s(&x.raw["section"]) == "libs" {
            lib_trigger = true;
        }
        // dpkg database
        let deps: Vec<String> = x.raw["deps"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| subst(&s(d), vars))
            .collect();
        let mut stanza = format!(
            "Package: {}\nStatus: install ok installed\nPriority: optional\nSection: {}\nInstalled-Size: {}\nMaintainer: {maint}\nArchitecture: {}\nVersion: {}\n",
            x.name,
            s(&x.raw["section"]),
            x.inst_kb as u64,
            x.arch,
            x.version
        );
        if !deps.is_empty() {
            stanza.push_str(&format!("Depends: {}\n", deps.join(", ")));
        }
        stanza.push_str(&format!(
            "Description: {}\n\n",
            subst(&s(&x.raw["desc"]), vars)
        ));
        let status = read_text(p, "/var/lib/dpkg/status").unwrap_or_default();
        let mut st = status.trim_end_matches('\n').to_string();
        if !st.is_empty() {
            st.push_str("\n\n");
        }
        st.push_str(&stanza);
        let _ = p.write("/var/lib/dpkg/status", st.trim_end_matches('\n').as_bytes());
        append(p, "/var/lib/dpkg/status", "\n");
        let mut dirs: BTreeSet<String> = BTreeSet::new();
        for w in &written {
            for a in path::ancestors(w) {
                dirs.insert(a.to_string());
            }
        }
        let mut list = String::from("/.\n");
        for dd in &dirs {
            list.push_str(dd);
            list.push('\n');
        }
        let mut md5 = String::new();
        for w in &written {
            list.push_str(w);
            list.push('\n');
            md5.push_str(&format!(
                "{}  {}\n",
                &sha256_hex(w.as_bytes())[..32],
                w.trim_start_matches('/')
            ));
        }
        let qual_file = if x.arch == "all" || !x.name.starts_with("lib") {
            x.name.clone()
        } else {
            format!("{}:{}", x.name, x.arch)
        };
        let _ = p.write(
            &format!("/var/lib/dpkg/info/{qual_file}.list"),
            list.as_bytes(),
        );
        let _ = p.write(
            &format!("/var/lib/dpkg/info/{qual_file}.md5sums"),
            md5.as_bytes(),
        );
        append(
            p,
            "/var/log/dpkg.log",
            &format!(
                "{stamp} install {qual} <none> {}\n{stamp} status unpacked {qual} {}\n",
                x.version, x.version
            ),
        );
        if !requested.contains(n) {
            append(
                p,
                "/var/lib/apt/extended_states",
                &format!(
                    "Package: {}\nArchitecture: amd64\nAuto-Installed: 1\n\n",
                    x.name
                ),
            );
        }
    }
    for n in &order {
        let Some(x) = pk(n) else { continue };
        let qual = qualified(x);
        p.out
            .outln(format!("Setting up {qual} ({}) ...", x.version));
        if let (Some(alts), Some(target)) = (x.raw["alts"].as_array(), x.raw["alt_target"].as_str())
        {
            for a in alts {
                let arr = a.as_array().cloned().unwrap_or_default();
                let name = s(&arr[0]);
                let link = s(&arr[1]);
                let alt_path = format!("/etc/alternatives/{name}");
                let exists = {
                    let (fs, inner) = p.sys.fs_for_ref(&alt_path);
                    fs.lookup(&inner).is_some()
                };
                if exists {
                    continue;
                }
                {
                    let (fs, inner) = p.sys.fs_for(&alt_path);
                    let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
                    let _ = fs.symlink(target, &inner, now);
                }
                {
                    let (fs, inner) = p.sys.fs_for(&link);
                    if fs.lookup(&inner).is_none() {
                        let _ = fs.symlink(&alt_path, &inner, now);
                    }
                }
                let _ = p.write(
                    &format!("/var/lib/dpkg/alternatives/{name}"),
                    format!("auto\n{link}\n\n{target}\n100\n\n").as_bytes(),
                );
                p.out.outln(format!(
                    "update-alternatives: using {target} to provide {link} ({name}) in auto mode"
                ));
            }
        }
        append(
            p,
            "/var/log/dpkg.log",
            &format!("{stamp} status installed {qual} {}\n", x.version),
        );
    }
    if lib_trigger {
        let libc = s(&vars["libc"]);
        p.out
            .outln(format!("Processing triggers for libc-bin ({libc}) ..."));
    }
    let cmdline = p.argv.join(" ");
    append(
        p,
        "/var/log/apt/history.log",
        &format!(
            "\nStart-Date: {}\nCommandline: {cmdline}\nInstall: {}\nEnd-Date: {}\n",
            stamp.replace(' ', "  "),
            order
                .iter()
                .filter_map(|n| pk(n))
                .map(|x| format!(
                    "{}:amd64 ({}{})",
                    x.name,
                    x.version,
                    if requested.contains(&x.name) {
                        ""
                    } else {
                        ", automatic"
                    }
                ))
                .collect::<Vec<_>>()
                .join(", "),
            stamp.replace(' ', "  ")
        ),
    );
    append(
        p,
        "/var/log/apt/term.log",
        &format!("\nLog started: {stamp}\nLog ended: {stamp}\n"),
    );
    let _ = front;
    {
        let (fs, inner) = p.sys.fs_for("/var/cache/debconf/templates.dat");
        let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
        let _ = fs.append_file(&inner, b"", now);
        let (fs, inner) = p.sys.fs_for("/var/cache/debconf/config.dat");
        let _ = fs.append_file(&inner, b"", now);
    }
    Ok(0)
}

fn apt_remove(p: &mut Proc, code: &str, names: &[String]) -> Result<i32, Flow> {
    p.out.outln("Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done");
    let installed = dpkg_installed(p);
    let index = apt_index(code);
    let mut gone = Vec::new();
    for n in names {
        if !installed.contains(n) {
            if index.iter().any(|x| &x.name == n) {
                p.out
                    .outln(format!("Package '{n}' is not installed, so not removed"));
            } else {
                p.out.errln(format!("E: Unable to locate package {n}"));
                return Ok(100);
            }
        } else {
            gone.push(n.clone());
        }
    }
    if gone.is_empty() {
        p.out
            .outln("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.");
        return Ok(0);
    }
    p.out.outln("The following packages will be REMOVED:");
    p.out.out(wrap_list(&gone));
    p.out.outln(format!(
        "0 upgraded, 0 newly installed, {} to remove and 0 not upgraded.",
        gone.len()
    ));
    for n in &gone {
        let ver = index
            .iter()
            .find(|x| &x.name == n)
            .map(|x| x.version.clone())
            .unwrap_or_default();
        p.out.outln(format!("Removing {n} ({ver}) ..."));
        let list = read_text(p, &format!("/var/lib/dpkg/info/{n}.list")).unwrap_or_default();
        for l in list.lines().rev() {
            let abs = l.to_string();
            let (fs, inner) = p.sys.fs_for(&abs);
            match fs.lookup(&inner) {
                Some(Entry::Dir { .. })
                    if fs.read_dir(&inner).map(|v| v.is_empty()).unwrap_or(false) =>
                {
                    let _ = fs.remove(&inner, false);
                }
                Some(Entry::Dir { .. }) => {}
                Some(_) => {
                    let _ = fs.remove(&inner, false);
                }
                None => {}
            }
        }
        let status = read_text(p, "/var/lib/dpkg/status").unwrap_or_default();
        let kept: Vec<&str> = status
            .split("\n\n")
            .filter(|b| !b.lines().any(|l| l == format!("Package: {n}")))
            .collect();
        let _ = p.write("/var/lib/dpkg/status", kept.join("\n\n").as_bytes());
        for ext in ["list", "md5sums"] {
            let f = format!("/var/lib/dpkg/info/{n}.{ext}");
            let (fs, inner) = p.sys.fs_for(&f);
            let _ = fs.remove(&inner, false);
        }
    }
    Ok(0)
}

pub fn dpkg(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let status = read_text(p, "/var/lib/dpkg/status").unwrap_or_default();
    let blocks: Vec<&str> = status
        .split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .collect();
    let field = |b: &str, k: &str| -> String {
        b.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}: ")))
            .unwrap_or("")
            .to_string()
    };
    match args.first().map(String::as_str) {
        Some("-l") | Some("--list") => {
            p.out.outln("Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n||/ Name           Version      Architecture Description\n+++-==============-============-============-=================================");
            let filter = args.get(1);
            for b in blocks {
                let n = field(b, "Package");
                if filter.is_some_and(|f| !crate::userland::glob::matches(f, &n)) {
                    continue;
                }
                p.out.outln(format!(
                    "ii  {:<14} {:<12} {:<12} {}",
                    n,
                    field(b, "Version"),
                    field(b, "Architecture"),
                    field(b, "Description")
                ));
            }
            Ok(0)
        }
        Some("-L") | Some("-s") | Some("--status") | Some("--listfiles") => {
            let Some(n) = args.get(1) else {
                p.out.errln(format!(
                    "dpkg: error: --{} needs at least one package name argument",
                    if args[0] == "-L" {
                        "listfiles"
                    } else {
                        "status"
                    }
                ));
                return Ok(2);
            };
            let Some(b) = blocks.iter().find(|b| field(b, "Package") == *n) else {
                p.out.errln(format!(
                    "dpkg-query: package '{n}' is not installed and no information is available"
                ));
                return Ok(1);
            };
            if args[0] == "-L" || args[0] == "--listfiles" {
                let arch = field(b, "Architecture");
                let list = read_text(p, &format!("/var/lib/dpkg/info/{n}.list"))
                    .or_else(|| read_text(p, &format!("/var/lib/dpkg/info/{n}:{arch}.list")))
                    .unwrap_or_default();
                p.out.out(list);
            } else {
                p.out.outln(b);
            }
            Ok(0)
        }
        _ => {
            p.out.errln("dpkg: error: need an action option\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse 'apt' or 'aptitude' for user-friendly package management;\nType dpkg -Dhelp for a list of dpkg debug flag values;\nType dpkg --force-help for a list of forcing options;\nType dpkg-deb --help for help about manipulating *.deb files;\n\nOptions marked [*] produce a lot of output - pipe it through 'less' or 'more' !");
            Ok(2)
        }
    }
}

// ---- apk ---------------------------------------------------------------

fn apk_installed(p: &mut Proc) -> Vec<(String, String, u64)> {
    let db = read_text(p, "/lib/apk/db/installed").unwrap_or_default();
    db.split("\n\n")
        .filter_map(|b| {
            let n = b.lines().find_map(|l| l.strip_prefix("P:"))?.to_string();
            let v = b
                .lines()
                .find_map(|l| l.strip_prefix("V:"))
                .unwrap_or("")
                .to_string();
            let i = b
                .lines()
                .find_map(|l| l.strip_prefix("I:"))
                .and_then(|x| x.parse().ok())
                .unwrap_or(0);
            Some((n, v, i))
        })
        .collect()
}

pub fn apk(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let no_cache = args.iter().any(|a| a == "--no-cache");
    let quiet = args.iter().any(|a| a == "-q" || a == "--quiet");
    let words: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    let d = data("apk");
    let branch = s(&d["branch"]);
    let arch = "x86_64";
    let repos = [
        format!("https://dl-cdn.alpinelinux.org/alpine/{branch}/main"),
        format!("https://dl-cdn.alpinelinux.org/alpine/{branch}/community"),
    ];
    let Some(cmd) = words.first().cloned() else {
        p.out.outln("apk-tools 2.14.6, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]");
        return Ok(1);
    };
    if !is_root(p) && matches!(cmd.as_str(), "add" | "del" | "update") {
        p.out.errln("ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied");
        return Ok(99);
    }
    let fetch = |p: &mut Proc| {
        for r in &repos {
            if !quiet {
                p.out.outln(format!("fetch {r}/{arch}/APKINDEX.tar.gz"));
            }
        }
    };
    let write_cache = |p: &mut Proc| {
        let now = p.lim.now_secs();
        for (k, size) in [("4a8b9c2d", 2_543_216u64), ("7f1e3b6a", 1_208_432)] {
            let f = format!("/var/cache/apk/APKINDEX.{k}.tar.gz");
            let (fs, inner) = p.sys.fs_for(&f);
            let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
            let _ = super::put_at(
                fs,
                &inner,
                Entry::File {
                    meta: Meta::new(0o644, now),
                    content: Content::Sized {
                        size,
                        seed: program_seed(&f),
                    },
                },
            );
        }
    };
    let pkgs = &d["packages"];
    match cmd.as_str() {
        "update" => {
            fetch(p);
            p.sleep(1000)?;
            if !no_cache {
                write_cache(p);
            }
            p.out.outln(format!("{} [{}]", s(&d["release"]), repos[0]));
            p.out
                .outln(format!("{} [{}]", s(&d["community"]), repos[1]));
            p.out.outln(format!(
                "OK: {} distinct packages available",
                s(&d["distinct"])
            ));
            Ok(0)
        }
        "add" => {
            fetch(p);
            let installed = apk_installed(p);
            let inst_names: BTreeSet<String> = installed.iter().map(|x| x.0.clone()).collect();
            let req: Vec<String> = words[1..]
                .iter()
                .map(|w| w.split(['=', '<', '>']).next().unwrap_or(w).to_string())
                .collect();
            let bad: Vec<&String> = req
                .iter()
                .filter(|n| pkgs.get(n.as_str()).is_none() && !inst_names.contains(*n))
                .collect();
            if !bad.is_empty() {
                p.out.errln("ERROR: unable to select packages:");
                for b in bad {
                    p.out.errln(format!(
                        "  {b} (no such package):\n    required by: world[{b}]"
                    ));
                }
                return Ok(1);
            }
            let mut order: Vec<String> = Vec::new();
            fn visit(
                n: &str,
                pkgs: &Value,
                inst: &BTreeSet<String>,
                order: &mut Vec<String>,
                depth: u32,
            ) {
                if depth > 20 || order.iter().any(|x| x == n) || inst.contains(n) {
                    return;
                }
                for d in pkgs[n]["deps"].as_array().into_iter().flatten() {
                    visit(&s(d), pkgs, inst, order, depth + 1);
                }
                if pkgs.get(n).is_some() {
                    order.push(n.to_string());
                }
            }
            for n in &req {
                visit(n, pkgs, &inst_names, &mut order, 0);
            }
            p.sleep(1000)?;
            if !no_cache {
                write_cache(p);
            }
            let total = order.len();
            let now = p.lim.now_secs();
            let mut trigger = false;
            for (k, n) in order.iter().enumerate() {
                let raw = &pkgs[n.as_str()];
                let v = s(&raw["v"]);
                if !quiet {
                    p.out
                        .outln(format!("({}/{total}) Installing {n} ({v})", k + 1));
                }
                let written = install_files(p, raw.get("files"), raw.get("bulk"), &Value::Null);
                if written
                    .iter()
                    .any(|w| w.starts_with("/usr/bin") || w.starts_with("/bin"))
                {
                    trigger = true;
                }
                let kb = raw["kb"].as_u64().unwrap_or(100);
                let mut stanza = format!("C:Q1{}=\nP:{n}\nV:{v}\nA:{arch}\nS:{}\nI:{}\nT:{n}\nU:https://alpinelinux.org\nL:MIT\no:{n}\nm:Natanael Copa <ncopa@alpinelinux.org>\nt:{now}\nc:{}\n", &sha256_hex(n.as_bytes())[..27], kb * 400, kb * 1024, &sha256_hex(v.as_bytes())[..40]);
                let mut dirs: BTreeSet<String> = BTreeSet::new();
                for w in &written {
                    dirs.insert(path::parent(w).trim_start_matches('/').to_string());
                }
                for dd in dirs {
                    stanza.push_str(&format!("F:{dd}\n"));
                    for w in written
                        .iter()
                        .filter(|w| path::parent(w).trim_start_matches('/') == dd)
                    {
                        stanza.push_str(&format!("R:{}\n", path::file_name(w)));
                    }
                }
                stanza.push('\n');
                append(p, "/lib/apk/db/installed", &stanza);
            }
            for n in &req {
                let world = read_text(p, "/etc/apk/world").unwrap_or_default();
                if !world.lines().any(|l| l == n) {
                    append(p, "/etc/apk/world", &format!("{n}\n"));
                }
            }
            if trigger && !quiet {
                p.out.outln("Executing busybox-1.37.0-r9.trigger");
            }
            let all = apk_installed(p);
            let count = all.len().max(15) + if all.len() < 15 { order.len() } else { 0 };
            let mib = (7_700_000u64 + all.iter().map(|x| x.2).sum::<u64>()) / 1_048_576;
            p.out.outln(format!("OK: {mib} MiB in {count} packages"));
            Ok(0)
        }
        "del" => {
            let installed = apk_installed(p);
            for n in &words[1..] {
                if let Some((_, v, _)) = installed.iter().find(|x| &x.0 == n) {
                    p.out.outln(format!("(1/1) Purging {n} ({v})"));
                    for f in pkgs[n.as_str()]["files"].as_array().into_iter().flatten() {
                        let pth = s(&f[0]);
                        let (fs, inner) = p.sys.fs_for(&pth);
                        let _ = fs.remove(&inner, true);
                    }
                }
            }
            p.out.outln("OK: 8 MiB in 15 packages");
            Ok(0)
        }
        "info" => {
            for (n, _, _) in apk_installed(p) {
                p.out.outln(n);
            }
            Ok(0)
        }
        "search" => {
            if let Some(m) = pkgs.as_object() {
                for (n, raw) in m {
                    if words.get(1).is_none_or(|w| n.contains(w.as_str())) {
                        p.out.outln(format!("{n}-{}", s(&raw["v"])));
                    }
                }
            }
            Ok(0)
        }
        other => {
            p.out.errln(format!("apk: applet '{other}' not found"));
            Ok(1)
        }
    }
}

// ---- yum / dnf ------------------------------------------------------------

pub fn yum(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let yes = args.iter().any(|a| a == "-y" || a == "--assumeyes");
    let words: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .cloned()
        .collect();
    let rpm: &[(&str, &str, &str, f64, f64)] = &[
        ("vim-enhanced", "2:8.2.2637-21.el9", "appstream", 1.8, 4.0),
        ("vim", "2:8.2.2637-21.el9", "appstream", 1.8, 4.0),
        ("nano", "5.6.1-6.el9", "baseos", 0.69, 2.6),
        (
            "net-tools",
            "2.0-0.64.20160912git.el9",
            "baseos",
            0.29,
            0.94,
        ),
        ("iputils", "20210202-10.el9", "baseos", 0.17, 0.5),
        ("procps-ng", "3.3.17-14.el9", "baseos", 0.34, 1.0),
        ("wget", "1.21.1-8.el9", "appstream", 0.77, 3.1),
        ("git", "2.43.5-1.el9", "appstream", 0.05, 0.09),
        ("python3", "3.9.19-8.el9", "baseos", 0.03, 0.03),
        ("curl", "7.76.1-31.el9", "baseos", 0.29, 0.71),
    ];
    match words.first().map(String::as_str) {
        Some("install") => {
            p.out.outln("Rocky Linux 9 - BaseOS                          2.1 MB/s | 2.4 MB     00:01    \nRocky Linux 9 - AppStream                       6.3 MB/s | 8.6 MB     00:01    \nRocky Linux 9 - Extras                           24 kB/s |  16 kB     00:00    ");
            let mut sel = Vec::new();
            for w in &words[1..] {
                match rpm.iter().find(|r| r.0 == w) {
                    Some(r) => sel.push(*r),
                    None => {
                        p.out.outln(format!("No match for argument: {w}"));
                        p.out
                            .errln("Error: Unable to find a match: ".to_string() + w);
                        return Ok(1);
                    }
                }
            }
            p.out.outln("Dependencies resolved.");
            let bar = "=".repeat(80);
            p.out.outln(&bar);
            p.out.outln(
                " Package          Architecture  Version                      Repository    Size",
            );
            p.out.outln(&bar);
            p.out.outln("Installing:");
            for r in &sel {
                p.out.outln(format!(
                    " {:<16} {:<13} {:<28} {:<10} {:>4} M",
                    r.0, "x86_64", r.1, r.2, r.3
                ));
            }
            p.out.outln(format!(
                "\nTransaction Summary\n{bar}\nInstall  {} Package{}\n",
                sel.len(),
                if sel.len() == 1 { "" } else { "s" }
            ));
            let dl: f64 = sel.iter().map(|r| r.3).sum();
            let inst: f64 = sel.iter().map(|r| r.4).sum();
            p.out.outln(format!(
                "Total download size: {dl:.1} M\nInstalled size: {inst:.1} M"
            ));
            if !yes {
                p.out.outln("Is this ok [y/N]: Operation aborted.");
                return Ok(1);
            }
            p.out.outln("Downloading Packages:");
            p.sleep(1000)?;
            let now = p.lim.now_secs();
            for r in &sel {
                p.out.outln(format!(
                    "{}-{}.x86_64.rpm",
                    r.0,
                    r.1.split(':').next_back().unwrap_or("")
                ));
                let bin = match r.0 {
                    "vim-enhanced" | "vim" => Some(("/usr/bin/vim", "vim")),
                    "nano" => Some(("/usr/bin/nano", "nano")),
                    "net-tools" => Some(("/usr/sbin/ifconfig", "ifconfig")),
                    "iputils" => Some(("/usr/bin/ping", "ping")),
                    "procps-ng" => Some(("/usr/bin/ps", "ps")),
                    "wget" => Some(("/usr/bin/wget", "wget")),
                    "git" => Some(("/usr/bin/git", "git")),
                    "curl" => Some(("/usr/bin/curl", "curl")),
                    _ => None,
                };
                if let Some((pth, prog)) = bin {
                    let (fs, inner) = p.sys.fs_for(pth);
                    let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
                    let _ = super::put_at(
                        fs,
                        &inner,
                        Entry::File {
                            meta: Meta::new(0o755, now),
                            content: Content::program(prog, (r.4 * 1_000_000.0) as u64),
                        },
                    );
                }
            }
            p.out.outln("Running transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.\nRunning transaction");
            for (k, r) in sel.iter().enumerate() {
                p.out.outln(format!(
                    "  Installing       : {}-{}.x86_64 {:>30}/{}",
                    r.0,
                    r.1.split(':').next_back().unwrap_or(""),
                    k + 1,
                    sel.len()
                ));
            }
            p.out.outln("\nInstalled:");
            for r in &sel {
                p.out.outln(format!(
                    "  {}-{}.x86_64",
                    r.0,
                    r.1.split(':').next_back().unwrap_or("")
                ));
            }
            p.out.outln("\nComplete!");
            Ok(0)
        }
        Some("update") | Some("makecache") | Some("check-update") => {
            p.out.outln("Last metadata expiration check: 0:00:01 ago.\nDependencies resolved.\nNothing to do.\nComplete!");
            Ok(0)
        }
        _ => {
            p.out.errln("usage: yum [options] COMMAND");
            Ok(1)
        }
    }
}

// ---- pip ---------------------------------------------------------------

fn python_version(p: &mut Proc) -> String {
    let pv = p
        .getenv("PATH")
        .unwrap_or_else(|| super::DEFAULT_PATH.into());
    for dir in pv.split(':') {
        let cand = format!("{dir}/python3");
        let (fs, inner) = p.sys.fs_for_ref(&cand);
        if let Ok(r) = fs.resolve(&inner, true) {
            if let Some(Entry::File { .. }) = fs.lookup(&r) {
                let base = path::file_name(&r);
                if let Some(v) = base.strip_prefix("python") {
                    if v.starts_with("3.") {
                        return v.to_string();
                    }
                }
                if let Some(Entry::File {
                    content: Content::Sized { seed, .. },
                    ..
                }) = fs.lookup(&r)
                {
                    for v in ["3.9", "3.10", "3.11", "3.12", "3.13"] {
                        if *seed == program_seed(&format!("python{v}")) {
                            return v.to_string();
                        }
                    }
                }
            }
        }
    }
    "3.12".into()
}

/// The site-packages directory pip installs into.
pub fn site_packages(p: &mut Proc) -> String {
    let v = python_version(p);
    let local = format!("/usr/local/lib/python{v}");
    let exists = {
        let (fs, inner) = p.sys.fs_for_ref(&local);
        fs.is_dir(&inner)
    };
    if exists {
        format!("{local}/site-packages")
    } else {
        format!("/usr/local/lib/python{v}/dist-packages")
    }
}

fn req_name(r: &str) -> String {
    r.split(|c: char| "<>=!~;[ ".contains(c))
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

fn ver_lt(a: &str, b: &str) -> bool {
    let pa: Vec<u32> = a.split('.').filter_map(|x| x.parse().ok()).collect();
    let pb: Vec<u32> = b.split('.').filter_map(|x| x.parse().ok()).collect();
    pa < pb
}

pub fn pip(p: &mut Proc) -> Result<i32, Flow> {
    let args = p.args();
    let d = data("pip");
    let pkgs = &d["packages"];
    let pyv = python_version(p);
    let site = site_packages(p);
    let Some(cmd) = args.iter().find(|a| !a.starts_with('-')).cloned() else {
        p.out.outln("\nUsage:   \n  pip <command> [options]\n\nCommands:\n  install                     Install packages.\n  uninstall                   Uninstall packages.\n  freeze                      Output installed packages in requirements format.\n  list                        List installed packages.");
        return Ok(0);
    };
    if args.iter().any(|a| a == "--version" || a == "-V") {
        p.out.outln(format!(
            "pip {} from {site}/pip (python {pyv})",
            s(&d["pip_version"])
        ));
        return Ok(0);
    }
    let installed_list = |p: &mut Proc| -> Vec<(String, String)> {
        let (fs, inner) = p.sys.fs_for_ref(&site);
        fs.read_dir(&inner)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|e| {
                let n = e.name.strip_suffix(".dist-info")?;
                let (name, v) = n.rsplit_once('-')?;
                Some((name.to_string(), v.to_string()))
            })
            .collect()
    };
    match cmd.as_str() {
        "list" | "freeze" => {
            let mut v = installed_list(p);
            v.sort_by_key(|a| a.0.to_lowercase());
            if cmd == "list" {
                let w = v.iter().map(|x| x.0.len()).max().unwrap_or(7).max(7);
                p.out.outln(format!("{:<w$} Version", "Package"));
                p.out.outln(format!("{} -------", "-".repeat(w)));
                for (n, ver) in v {
                    p.out.outln(format!("{n:<w$} {ver}"));
                }
            } else {
                for (n, ver) in v {
                    p.out.outln(format!("{n}=={ver}"));
                }
            }
            Ok(0)
        }
        "install" => {
            let externally = format!("/usr/lib/python{pyv}/EXTERNALLY-MANAGED");
            let managed = {
                let (fs, inner) = p.sys.fs_for_ref(&externally);
                fs.lookup(&inner).is_some()
            } && !args.iter().any(|a| a == "--break-system-packages");
            if managed {
                p.out.errln(format!("error: externally-managed-environment\n\n× This environment is externally managed\n╰─> To install Python packages system-wide, try apt install\n    python3-xyz, where xyz is the package you are trying to\n    install.\n    \n    If you wish to install a non-Debian-packaged Python package,\n    create a virtual environment using python3 -m venv path/to/venv.\n    Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make\n    sure you have python3-full installed.\n    \n    If you wish to install a non-Debian packaged Python application,\n    it may be easiest to use pipx install xyz, which will manage a\n    virtual environment for you. Make sure you have pipx installed.\n    \n    See /usr/share/doc/python{pyv}/README.venv for more information.\n\nnote: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.\nhint: See PEP 668 for the detailed specification."));
                return Ok(1);
            }
            let no_cache = args.iter().any(|a| a == "--no-cache-dir");
            let upgrade_pip = args.iter().any(|a| a == "--upgrade" || a == "-U")
                && args.iter().any(|a| a == "pip");
            // requirements: (spec, origin)
            let mut reqs: Vec<(String, Option<String>)> = Vec::new();
            let mut i = 0;
            let rest: Vec<String> = args
                .iter()
                .skip_while(|a| *a != "install")
                .skip(1)
                .cloned()
                .collect();
            while i < rest.len() {
                let a = &rest[i];
                if a == "-r" || a == "--requirement" {
                    i += 1;
                    let Some(f) = rest.get(i) else {
                        p.out.errln("\nUsage:   \n  pip install [options] <requirement specifier> [package-index-options] ...\n\n-r option requires 1 argument");
                        return Ok(2);
                    };
                    let text = match p.read(f) {
                        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                        Err(_) => {
                            p.out.errln(format!("ERROR: Could not open requirements file: [Errno 2] No such file or directory: '{f}'"));
                            return Ok(1);
                        }
                    };
                    for (ln, l) in text.lines().enumerate() {
                        let l = l.split('#').next().unwrap_or("").trim();
                        if !l.is_empty() {
                            reqs.push((l.to_string(), Some(format!("-r {f} (line {})", ln + 1))));
                        }
                    }
                } else if a.starts_with('-') {
                    if a == "--root-user-action" || a == "-i" || a == "--index-url" {
                        i += 1;
                    }
                } else {
                    reqs.push((a.clone(), None));
                }
                i += 1;
            }
            if upgrade_pip {
                p.out.outln(format!("Requirement already satisfied: pip in {site} ({})\nCollecting pip\n  Downloading pip-{}-py3-none-any.whl (1.8 MB)\nInstalling collected packages: pip\n  Attempting uninstall: pip\n    Found existing installation: pip {}\n    Uninstalling pip-{}:\n      Successfully uninstalled pip-{}\nSuccessfully installed pip-{}", s(&d["pip_version"]), s(&d["latest_pip"]), s(&d["pip_version"]), s(&d["pip_version"]), s(&d["pip_version"]), s(&d["latest_pip"])));
                return Ok(0);
            }
            if reqs.is_empty() {
                p.out.errln("ERROR: You must give at least one requirement to install (see \"pip help install\")");
                return Ok(1);
            }
            let installed: Vec<(String, String)> = installed_list(p);
            let is_inst = |n: &str| {
                installed
                    .iter()
                    .find(|x| {
                        x.0.to_lowercase().replace('_', "-") == n.to_lowercase().replace('_', "-")
                    })
                    .map(|x| x.1.clone())
            };
            // queue: (key, spec text, from)
            let mut queue: Vec<(String, String, Option<String>)> = reqs
                .iter()
                .map(|(r, o)| (req_name(r).to_lowercase(), r.clone(), o.clone()))
                .collect();
            let mut to_install: Vec<String> = Vec::new();
            let mut seen: BTreeSet<String> = BTreeSet::new();
            let mut k = 0;
            while k < queue.len() {
                let (key, spec, from) = queue[k].clone();
                k += 1;
                if !seen.insert(key.clone()) {
                    continue;
                }
                let raw = &pkgs[key.as_str()];
                if raw.is_null() {
                    let shown = if let Some(o) = &from {
                        format!("{spec} (from {o})")
                    } else {
                        spec.clone()
                    };
                    if from.as_deref().is_none_or(|f| f.starts_with("-r")) {
                        p.out.errln(format!("ERROR: Could not find a version that satisfies the requirement {shown} (from versions: none)"));
                    }
                    p.out
                        .errln(format!("ERROR: No matching distribution found for {spec}"));
                    return Ok(1);
                }
                if let Some(v) = is_inst(&s(&raw["name"])) {
                    p.out.outln(format!(
                        "Requirement already satisfied: {spec} in {site} ({v})"
                    ));
                    continue;
                }
                // pip 23.0 prints the requirement alone
                p.out.outln(format!("Collecting {spec}"));
                let name = s(&raw["name"]);
                let ver = s(&raw["v"]);
                let pyt = pyv.replace('.', "");
                let wheel_tag = raw["wheel"]
                    .as_str()
                    .map(|w| w.replace("{pyv}", &pyt))
                    .unwrap_or_else(|| "py3-none-any".into());
                let kb = raw["kb"].as_f64().unwrap_or(10.0);
                let fname = format!(
                    "{}-{ver}-{wheel_tag}.whl",
                    name.to_lowercase().replace('-', "_")
                );
                let size = if kb >= 1000.0 {
                    format!("{:.1} MB", kb / 1000.0)
                } else {
                    format!("{} kB", kb.round())
                };
                p.out.outln(format!("  Downloading {fname} ({size})"));
                let done = if kb >= 1000.0 {
                    format!("{:.1}/{:.1} MB", kb / 1000.0, kb / 1000.0)
                } else {
                    format!("{kb:.1}/{kb:.1} kB")
                };
                p.out.outln(format!(
                    "     ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ {done} 2.9 MB/s eta 0:00:00"
                ));
                to_install.push(key.clone());
                for dep in raw["deps"].as_array().into_iter().flatten() {
                    let dep = s(dep);
                    let (spec_part, marker) = match dep.split_once(';') {
                        Some((a, b)) => (a.trim().to_string(), Some(b.to_string())),
                        None => (dep.clone(), None),
                    };
                    if let Some(m) = marker {
                        // python_version < "3.10" style markers
                        let bound: String = m
                            .chars()
                            .filter(|c| c.is_ascii_digit() || *c == '.')
                            .collect();
                        let bound = bound.trim_matches('.').to_string();
                        if m.contains('<') && !ver_lt(&pyv, &bound) {
                            continue;
                        }
                    }
                    let dk = req_name(&spec_part).to_lowercase();
                    queue.push((dk, spec_part, Some(name.to_lowercase())));
                }
                p.sleep(200)?;
            }
            if to_install.is_empty() {
                return Ok(0);
            }
            // install dependencies first
            to_install.reverse();
            let names: Vec<String> = to_install
                .iter()
                .map(|k| s(&pkgs[k.as_str()]["name"]))
                .collect();
            p.out.outln(format!(
                "Installing collected packages: {}",
                names.join(", ")
            ));
            let now = p.lim.now_secs();
            for key in &to_install {
                let raw = &pkgs[key.as_str()];
                let name = s(&raw["name"]);
                let ver = s(&raw["v"]);
                let top = s(&raw["top"]);
                let kb = raw["kb"].as_f64().unwrap_or(10.0);
                let scale = raw["size_scale"].as_f64().unwrap_or(3.0);
                let mods: Vec<String> = raw["modules"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|m| s(m).replace("{pyv}", &pyv.replace('.', "")))
                    .collect();
                let total = (kb * 1024.0 * scale) as u64;
                let per = total / mods.len().max(1) as u64;
                let mut record = String::new();
                for m in &mods {
                    let pth = format!("{site}/{top}/{m}");
                    let (fs, inner) = p.sys.fs_for(&pth);
                    let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
                    let _ = super::put_at(
                        fs,
                        &inner,
                        Entry::File {
                            meta: Meta::new(0o644, now),
                            content: Content::Sized {
                                size: per,
                                seed: program_seed(&format!("pip:{top}/{m}")),
                            },
                        },
                    );
                    record.push_str(&format!(
                        "{top}/{m},sha256={},{per}\n",
                        &sha256_hex(m.as_bytes())[..43]
                    ));
                }
                let di = format!("{site}/{}-{ver}.dist-info", name.replace('-', "_"));
                let files = [
                    ("METADATA", format!("Metadata-Version: 2.3\nName: {name}\nVersion: {ver}\n")),
                    ("WHEEL", "Wheel-Version: 1.0\nGenerator: flit 3.10.1\nRoot-Is-Purelib: true\nTag: py3-none-any\n".to_string()),
                    ("INSTALLER", "pip\n".to_string()),
                    ("top_level.txt", format!("{top}\n")),
                ];
                for (f, text) in files {
                    let pth = format!("{di}/{f}");
                    let (fs, inner) = p.sys.fs_for(&pth);
                    let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
                    let _ = fs.write_file(&inner, Content::text(&text), now);
                    record.push_str(&format!(
                        "{}-{ver}.dist-info/{f},,\n",
                        name.replace('-', "_")
                    ));
                }
                let _ = p.write(&format!("{di}/RECORD"), record.as_bytes());
                if let Some(bin) = raw["bin"].as_str() {
                    let script = format!("#!/usr/local/bin/python{pyv}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom {top}.cli import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n");
                    let pth = format!("/usr/local/bin/{bin}");
                    let (fs, inner) = p.sys.fs_for(&pth);
                    let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
                    let _ = super::put_at(
                        fs,
                        &inner,
                        Entry::File {
                            meta: Meta::new(0o755, now),
                            content: Content::text(&script),
                        },
                    );
                }
                if !no_cache {
                    let cache = format!(
                        "/root/.cache/pip/http-v2/{}/{}",
                        &sha256_hex(name.as_bytes())[..1],
                        &sha256_hex(name.as_bytes())[..40]
                    );
                    let (fs, inner) = p.sys.fs_for(&cache);
                    let _ = fs.mkdir_all(path::parent(&inner), 0o755, now);
                    let _ = super::put_at(
                        fs,
                        &inner,
                        Entry::File {
                            meta: Meta::new(0o600, now),
                            content: Content::Sized {
                                size: (kb * 1024.0) as u64 + 1200,
                                seed: program_seed(&cache),
                            },
                        },
                    );
                }
            }
            let mut done: Vec<String> = to_install
                .iter()
                .map(|k| {
                    format!(
                        "{}-{}",
                        s(&pkgs[k.as_str()]["name"]),
                        s(&pkgs[k.as_str()]["v"])
                    )
                })
                .collect();
            done.sort();
            p.out
                .outln(format!("Successfully installed {}", done.join(" ")));
            if is_root(p) && !args.iter().any(|a| a.starts_with("--root-user-action")) {
                p.out.errln("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv");
            }
            p.out.errln(format!("\n[notice] A new release of pip is available: {} -> {}\n[notice] To update, run: pip install --upgrade pip", s(&d["pip_version"]), s(&d["latest_pip"])));
            Ok(0)
        }
        "uninstall" => {
            let installed = installed_list(p);
            for n in args
                .iter()
                .filter(|a| !a.starts_with('-') && *a != "uninstall")
            {
                match installed.iter().find(|x| x.0.eq_ignore_ascii_case(n)) {
                    Some((name, v)) => {
                        p.out.outln(format!("Found existing installation: {name} {v}\nUninstalling {name}-{v}:\n  Successfully uninstalled {name}-{v}"));
                        let top = s(&pkgs[n.to_lowercase().as_str()]["top"]);
                        for t in [
                            format!("{site}/{top}"),
                            format!("{site}/{name}-{v}.dist-info"),
                        ] {
                            let (fs, inner) = p.sys.fs_for(&t);
                            let _ = fs.remove(&inner, true);
                        }
                    }
                    None => p
                        .out
                        .errln(format!("WARNING: Skipping {n} as it is not installed.")),
                }
            }
            Ok(0)
        }
        other => {
            p.out.errln(format!("ERROR: unknown command \"{other}\""));
            Ok(1)
        }
    }
}
