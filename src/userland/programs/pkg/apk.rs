//! `apk` (Alpine): add, del, update, info, with the installed database.

use super::*;

pub(super) fn apk_installed(p: &mut Proc) -> Vec<(String, String, u64)> {
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

/// apk's global and `add`/`del` options: what the sandbox implements, and
/// `!` what it answers with "not available" (`--virtual` would otherwise
/// be mistaken for a package name).
const APK_OPTIONS: &str = "no-cache q|quiet v|verbose U|update-cache i|interactive no-progress progress force-broken-world !t=|virtual= !X=|repository= !allow-untrusted !p=|root= !keys-dir= !repositories-file= !arch= !s|simulate !l|latest !u|upgrade !purge !r|rdepends !R|depends !L|contents !a|available !e|installed !W|who-owns !initdb !no-network !no-scripts !force-overwrite !clean-protected !cache-dir= !print-arch";

pub fn apk(p: &mut Proc) -> Result<i32, Flow> {
    let o = match super::super::opts::parse(p, APK_OPTIONS, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let no_cache = o.has("no-cache");
    let quiet = o.has("q");
    let words: Vec<String> = o.operands.clone();
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
            let _ = super::super::put_at(
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
