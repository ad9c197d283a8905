//! `read`: a line from stdin split into variables by IFS.

use crate::userland::programs::Flow;
use crate::userland::shell::{Io, Shell};

pub(super) fn read(sh: &mut Shell, args: &[String], io: &mut Io) -> Result<i32, Flow> {
    let mut raw = false;
    let mut names = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "-r" => raw = true,
            "-p" => {
                i += 1;
                if let Some(pr) = args.get(i) {
                    io.out.err(pr);
                }
            }
            "-s" | "-e" => {}
            a => names.push(a.to_string()),
        }
        i += 1;
    }
    if names.is_empty() {
        names.push("REPLY".into());
    }
    let Some(data) = io.stdin.as_ref() else {
        return Ok(1);
    };
    let rest = data.get(io.pos..).unwrap_or(&[]);
    if rest.is_empty() {
        for n in &names {
            sh.set(n, "");
        }
        return Ok(1);
    }
    let (line, used, complete) = match rest.iter().position(|b| *b == b'\n') {
        Some(k) => (&rest[..k], k + 1, true),
        None => (rest, rest.len(), false),
    };
    io.pos += used;
    let mut line = String::from_utf8_lossy(line).into_owned();
    if !raw {
        line = line.replace("\\", "");
    }
    let ifs = sh.get("IFS").unwrap_or_else(|| " \t\n".into());
    let mut fields: Vec<String> = Vec::new();
    let mut rest_s = line.trim_matches(|c| ifs.contains(c)).to_string();
    for (k, n) in names.iter().enumerate() {
        if k + 1 == names.len() {
            sh.set(n, &rest_s);
            break;
        }
        let mut it = rest_s.splitn(2, |c| ifs.contains(c));
        let f = it.next().unwrap_or("").to_string();
        let r = it
            .next()
            .unwrap_or("")
            .trim_start_matches(|c| ifs.contains(c))
            .to_string();
        sh.set(n, &f);
        fields.push(f);
        rest_s = r;
    }
    Ok(if complete { 0 } else { 1 })
}
