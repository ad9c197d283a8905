//! `getopts OPTSTRING NAME [ARG…]`: one option per call, `OPTIND` and
//! `OPTARG`, bundled options, silent mode (a leading `:`).

use crate::userland::programs::Flow;
use crate::userland::shell::{Io, Shell, ShellKind};

/// Runs `getopts ARGS`.
pub(super) fn getopts(sh: &mut Shell, args: &[String], io: &mut Io) -> Result<i32, Flow> {
    if args.len() < 2 {
        let p = sh.err_prefix();
        match sh.kind {
            ShellKind::Bash => {
                io.out.errln(format!(
                    "{p}: getopts: usage: getopts optstring name [arg ...]"
                ));
            }
            _ => io
                .out
                .errln(format!("{p}: getopts: Usage: getopts optstring var [arg]")),
        }
        return Ok(2);
    }
    let spec = args[0].as_str();
    let var = args[1].as_str();
    let list: Vec<String> = if args.len() > 2 {
        args[2..].to_vec()
    } else {
        sh.args.clone()
    };
    let silent = spec.starts_with(':');
    let spec = spec.trim_start_matches(':');
    let mut optind: usize = sh
        .get("OPTIND")
        .and_then(|v| v.trim().parse().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1);
    if optind != sh.getopts_at.0 {
        sh.getopts_at = (optind, 0);
    }
    let mut charind = sh.getopts_at.1;
    let idx = optind - 1;
    if charind == 0 {
        let arg = list.get(idx).map(String::as_str).unwrap_or("");
        if idx >= list.len() || !arg.starts_with('-') || arg == "-" {
            return Ok(done(sh, var, optind));
        }
        if arg == "--" {
            return Ok(done(sh, var, optind + 1));
        }
        charind = 1;
    }
    let arg: Vec<char> = list[idx].chars().collect();
    let c = arg.get(charind).copied().unwrap_or('?');
    charind += 1;
    let at_end = charind >= arg.len();
    let pos = spec.find(c).filter(|_| c != ':');
    let p = sh.name.clone();
    match pos {
        None => {
            if silent {
                sh.set("OPTARG", &c.to_string());
            } else {
                sh.vars.remove("OPTARG");
                match sh.kind {
                    ShellKind::Bash => io.out.errln(format!("{p}: illegal option -- {c}")),
                    _ => io.out.errln(format!("Illegal option -{c}")),
                }
            }
            sh.set(var, "?");
            if at_end {
                optind += 1;
                charind = 0;
            }
        }
        Some(i) if spec[i + c.len_utf8()..].starts_with(':') => {
            if !at_end {
                let rest: String = arg[charind..].iter().collect();
                sh.set("OPTARG", &rest);
                sh.set(var, &c.to_string());
                optind += 1;
            } else if let Some(next) = list.get(idx + 1) {
                sh.set("OPTARG", next);
                sh.set(var, &c.to_string());
                optind += 2;
            } else {
                if silent {
                    sh.set("OPTARG", &c.to_string());
                    sh.set(var, ":");
                } else {
                    sh.vars.remove("OPTARG");
                    sh.set(var, "?");
                    match sh.kind {
                        ShellKind::Bash => io
                            .out
                            .errln(format!("{p}: option requires an argument -- {c}")),
                        _ => io.out.errln(format!("No arg for -{c} option")),
                    }
                }
                optind += 1;
            }
            charind = 0;
        }
        Some(_) => {
            sh.vars.remove("OPTARG");
            sh.set(var, &c.to_string());
            if at_end {
                optind += 1;
                charind = 0;
            }
        }
    }
    sh.set("OPTIND", &optind.to_string());
    sh.getopts_at = (optind, charind);
    Ok(0)
}

/// The end of the options: NAME becomes `?`, status 1.
fn done(sh: &mut Shell, var: &str, optind: usize) -> i32 {
    sh.set(var, "?");
    sh.vars.remove("OPTARG");
    sh.set("OPTIND", &optind.to_string());
    sh.getopts_at = (optind, 0);
    1
}
