//! `apt-get` and `apt` (Debian, Ubuntu): update, install, remove, with the package index and dpkg database.

use super::*;

pub(super) fn codename(p: &mut Proc) -> String {
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

pub(super) fn dpkg_installed(p: &mut Proc) -> BTreeSet<String> {
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

pub(super) fn lists_present(p: &mut Proc) -> bool {
    let (fs, inner) = p.sys.fs_for_ref("/var/lib/apt/lists");
    fs.read_dir(&inner)
        .map(|v| {
            v.iter()
                .any(|d| d.kind == crate::engine::fs::NodeKind::File && d.name != "lock")
        })
        .unwrap_or(false)
}

pub(super) struct AptPkg {
    name: String,
    version: String,
    arch: String,
    suite: String,
    component: String,
    dl_kb: f64,
    inst_kb: f64,
    raw: &'static Value,
}

pub(super) fn apt_index(code: &str) -> Vec<AptPkg> {
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
pub(super) fn qualified(x: &AptPkg) -> String {
    if x.arch != "all" && x.name.starts_with("lib") {
        format!("{}:{}", x.name, x.arch)
    } else {
        x.name.clone()
    }
}

pub(super) fn wrap_list(names: &[String]) -> String {
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

/// apt-get's and apt's options. Recommended packages are not modelled, so
/// `--no-install-recommends` changes nothing here (as for a package without
/// recommendations); `!` marks options answered with "not available".
const APT_OPTIONS: &str = "y|yes|assume-yes q|quiet answer= installed !upgradable !all-versions no-install-recommends no-install-suggests !o=|option= !c=|config-file= !s|simulate|just-print|dry-run|recon|no-act !d|download-only !f|fix-broken !m|ignore-missing|fix-missing !purge !autoremove|auto-remove !reinstall !allow-unauthenticated !allow-downgrades !allow-remove-essential !allow-change-held-packages !no-upgrade !only-upgrade !t=|target-release= !V|verbose-versions !u|show-upgraded !b|compile|build !h|help !v|version !a=|host-architecture= !assume-no !install-recommends !install-suggests !print-uris !list-cleanup !no-list-cleanup";

pub(super) fn apt_common(p: &mut Proc, front: bool) -> Result<i32, Flow> {
    let table = super::super::opts::Table::new(APT_OPTIONS);
    let o = match super::super::opts::parse_args(&table, &p.args(), true) {
        Ok(o) => o,
        Err(e) => {
            use super::super::opts::OptError;
            let msg = match e {
                OptError::UnknownShort(c) => {
                    format!("E: Command line option '{c}' [from -{c}] is not understood in combination with the other options.")
                }
                OptError::Unavailable(o) => {
                    p.out.errln(format!(
                        "dockerlings: {}: the {o} option is not available in this sandbox",
                        p.name()
                    ));
                    return Ok(2);
                }
                OptError::UnknownLong(n)
                | OptError::Ambiguous(n, _)
                | OptError::NoArgAllowed(n)
                | OptError::MissingLong(n) => {
                    format!("E: Command line option --{n} is not understood in combination with the other options.")
                }
                OptError::MissingShort(c) => format!("E: Option -{c} requires an argument."),
            };
            p.out.errln(msg);
            return Ok(100);
        }
    };
    let yes = o.has("y");
    let answer: Option<String> = o.value("answer").map(str::to_string);
    let quiet = o.count("q").min(2) as u8;
    let words = o.operands.clone();
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
                if o.has("installed") && !installed.contains(&pk.name) {
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

pub(super) fn apt_update(p: &mut Proc, code: &str, front: bool, quiet: u8) -> Result<i32, Flow> {
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
pub(super) fn apt_install(
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
    let stamp = super::super::system::strftime(p.lim.clock, "%F %T");
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

pub(super) fn apt_remove(p: &mut Proc, code: &str, names: &[String]) -> Result<i32, Flow> {
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
