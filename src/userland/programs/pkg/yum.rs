//! `yum` / `dnf` (CentOS, Fedora).

use super::*;

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
                    let _ = super::super::put_at(
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
