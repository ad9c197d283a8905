//! `cd`: changing the working directory, `-`, `CDPATH`-less lookup and
//! each shell's error wording.

use crate::engine::fs::path;
use crate::userland::programs::Flow;
use crate::userland::shell::{Io, Shell, ShellKind};
use crate::userland::Sys;

pub(super) fn cd(
    sh: &mut Shell,
    sys: &mut dyn Sys,
    args: &[String],
    io: &mut Io,
) -> Result<i32, Flow> {
    let p = sh.err_prefix();
    let args: Vec<&String> = args.iter().filter(|a| *a != "-L" && *a != "-P").collect();
    if args.len() > 1 && sh.kind == ShellKind::Bash {
        io.out.errln(format!("{p}: cd: too many arguments"));
        return Ok(1);
    }
    let mut print = false;
    let target = match args.first().map(|s| s.as_str()) {
        None => match sh.get("HOME") {
            Some(h) => h,
            None => {
                io.out.errln(format!("{p}: cd: HOME not set"));
                return Ok(1);
            }
        },
        Some("-") => match sh.get("OLDPWD") {
            Some(o) => {
                print = true;
                o
            }
            None => {
                match sh.kind {
                    ShellKind::Bash => io.out.errln(format!("{p}: cd: OLDPWD not set")),
                    _ => {
                        // dash/ash: `cd -` with no OLDPWD stays and prints cwd
                        io.out.outln(&sh.cwd);
                        return Ok(0);
                    }
                }
                return Ok(1);
            }
        },
        Some(d) => d.to_string(),
    };
    let abs = path::join(&sh.cwd, &target);
    let (fs, inner) = sys.fs_for_ref(&abs);
    let err = match fs.stat(&inner) {
        Ok(e) if e.is_dir() => None,
        Ok(_) => Some("Not a directory"),
        Err(crate::engine::fs::FsError::NotADirectory) => Some("Not a directory"),
        Err(_) => Some("No such file or directory"),
    };
    if let Some(e) = err {
        match sh.kind {
            ShellKind::Bash => io.out.errln(format!("{p}: cd: {target}: {e}")),
            ShellKind::Dash => io.out.errln(format!("{p}: cd: can't cd to {target}")),
            // busybox names line 0 in -c scripts
            ShellKind::Ash if !sh.interactive => io
                .out
                .errln(format!("{p}: cd: line 0: can't cd to {target}: {e}")),
            ShellKind::Ash => io.out.errln(format!("{p}: cd: can't cd to {target}: {e}")),
        }
        return Ok(if sh.kind == ShellKind::Bash { 1 } else { 2 });
    }
    let old = std::mem::replace(&mut sh.cwd, abs.clone());
    sh.set("OLDPWD", &old);
    sh.set("PWD", &abs);
    if print {
        io.out.outln(&abs);
    }
    Ok(0)
}
