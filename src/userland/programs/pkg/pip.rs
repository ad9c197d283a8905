//! `pip` / `pip3`: installing Python packages into site-packages.

use super::*;

pub(super) fn python_version(p: &mut Proc) -> String {
    let pv = p
        .getenv("PATH")
        .unwrap_or_else(|| super::super::DEFAULT_PATH.into());
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

pub(super) fn req_name(r: &str) -> String {
    r.split(|c: char| "<>=!~;[ ".contains(c))
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

pub(super) fn ver_lt(a: &str, b: &str) -> bool {
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
                    let _ = super::super::put_at(
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
                    let _ = super::super::put_at(
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
                    let _ = super::super::put_at(
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
