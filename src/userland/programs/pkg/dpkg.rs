//! `dpkg`: querying the Debian package database (`-l`, `-s`, `-L`).

use super::*;

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
