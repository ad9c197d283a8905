//! `set`: options (`-e`, `-u`, `-x`, `-o pipefail` …) and positional
//! parameters.

use super::shell_quote;
use crate::userland::programs::Flow;
use crate::userland::shell::{Io, Shell, ShellKind};

pub(super) fn set(sh: &mut Shell, args: &[String], io: &mut Io) -> Result<i32, Flow> {
    if args.is_empty() {
        for (k, v) in &sh.vars {
            io.out.outln(format!("{k}={}", shell_quote(v)));
        }
        return Ok(0);
    }
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            sh.args = args[i + 1..].to_vec();
            return Ok(0);
        }
        let (on, flags) = if let Some(f) = a.strip_prefix('-') {
            (true, f)
        } else if let Some(f) = a.strip_prefix('+') {
            (false, f)
        } else {
            sh.args = args[i..].to_vec();
            return Ok(0);
        };
        if flags == "o" {
            i += 1;
            let opt = args.get(i).map(String::as_str).unwrap_or("");
            match opt {
                "errexit" => sh.errexit = on,
                "nounset" => sh.nounset = on,
                "xtrace" => sh.xtrace = on,
                "noglob" => sh.noglob = on,
                "pipefail" => sh.pipefail = on,
                "allexport" => sh.allexport = on,
                "" => {
                    for (n, v) in [
                        ("allexport", sh.allexport),
                        ("errexit", sh.errexit),
                        ("noglob", sh.noglob),
                        ("nounset", sh.nounset),
                        ("pipefail", sh.pipefail),
                        ("xtrace", sh.xtrace),
                    ] {
                        io.out
                            .outln(format!("{n:<15}\t{}", if v { "on" } else { "off" }));
                    }
                }
                _ => {
                    io.out.errln(format!(
                        "{}: set: {opt}: invalid option name",
                        sh.err_prefix()
                    ));
                    return Ok(1);
                }
            }
        } else {
            for c in flags.chars() {
                match c {
                    'e' => sh.errexit = on,
                    'u' => sh.nounset = on,
                    'x' => sh.xtrace = on,
                    'f' => sh.noglob = on,
                    'a' => sh.allexport = on,
                    'h' | 'm' | 'B' | 'H' => {}
                    'v' | 'C' | 'b' | 'n' if !on => {}
                    'v' | 'C' | 'b' | 'n' => {
                        io.out.errln(format!(
                            "dockerlings: set: the -{c} option is not available in this sandbox"
                        ));
                        return Ok(2);
                    }
                    _ => {
                        io.out
                            .errln(format!("{}: set: -{c}: invalid option", sh.err_prefix()));
                        if sh.kind == ShellKind::Bash {
                            io.out.errln(
                                "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]",
                            );
                        }
                        return Ok(2);
                    }
                }
            }
        }
        i += 1;
    }
    Ok(0)
}
