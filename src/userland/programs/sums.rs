//! `md5sum`, `sha1sum`, `sha256sum`: print checksums (`HASH  FILE`) or
//! check them (`-c`), with GNU's and busybox's reports.

use super::operand::{self, OpenError};
use super::{opts, Flow, Proc};
use sha2::Digest;

/// The hash a program computes, by its name.
fn hash_hex(prog: &str, data: &[u8]) -> String {
    let bytes: Vec<u8> = match prog {
        "md5sum" => md5::Md5::digest(data).to_vec(),
        "sha1sum" => sha1::Sha1::digest(data).to_vec(),
        _ => sha2::Sha256::digest(data).to_vec(),
    };
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `MD5`, `SHA1`, `SHA256` (the `--tag` name).
fn tag_name(prog: &str) -> &'static str {
    match prog {
        "md5sum" => "MD5",
        "sha1sum" => "SHA1",
        _ => "SHA256",
    }
}

const GNU: &str = "b|binary c|check tag t|text !z|zero ignore-missing quiet status strict w|warn";
const BUSYBOX: &str = "b c s t w";

pub fn sum(p: &mut Proc) -> Result<i32, Flow> {
    let prog = p.exe.clone();
    let prog = if prog == "busybox" { p.name() } else { prog };
    let spec = if p.is_busybox() { BUSYBOX } else { GNU };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let files = operand::or_stdin(&o.operands);
    if o.has("c") {
        return check(p, &prog, &files, &o);
    }
    let mut code = 0;
    for f in files {
        let data = if f == "-" {
            p.ctx.stdin.clone().unwrap_or_default()
        } else {
            match p.read(&f) {
                Ok(d) => d,
                Err(e) => {
                    let msg = match (p.is_busybox(), &e) {
                        (true, crate::engine::fs::FsError::IsADirectory) => {
                            format!("can't read '{f}': {e}")
                        }
                        (true, _) => format!("can't open '{f}': {e}"),
                        _ => format!("{f}: {e}"),
                    };
                    p.errln(msg);
                    code = 1;
                    continue;
                }
            }
        };
        let h = hash_hex(&prog, &data);
        if o.has("tag") {
            p.out.outln(format!("{} ({f}) = {h}", tag_name(&prog)));
            continue;
        }
        let mark = if o.has("b") && !p.is_busybox() {
            '*'
        } else {
            ' '
        };
        p.out.outln(format!("{h} {mark}{f}"));
    }
    Ok(code)
}

/// Splits a checksum line into (hash, file): `HASH  FILE`, `HASH *FILE`.
fn parse_line(line: &str, hex_len: usize) -> Option<(String, String)> {
    let (h, rest) = line.split_at_checked(hex_len)?;
    if !h.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let file = rest
        .strip_prefix("  ")
        .or_else(|| rest.strip_prefix(" *"))
        .or_else(|| rest.strip_prefix(' '))?;
    (!file.is_empty()).then(|| (h.to_ascii_lowercase(), file.to_string()))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn check(p: &mut Proc, prog: &str, files: &[String], o: &opts::Parsed) -> Result<i32, Flow> {
    let hex_len = hash_hex(prog, b"").len();
    let bb = p.is_busybox();
    let status_only = o.has("status") || (bb && o.has("s"));
    let quiet = o.has("quiet");
    let mut code = 0;
    for f in files {
        let Some(data) = operand::read(p, f, OpenError::Plain) else {
            code = 1;
            continue;
        };
        let text = String::from_utf8_lossy(&data).into_owned();
        let (mut bad_lines, mut unreadable, mut mismatched, mut good, mut total) = (0, 0, 0, 0, 0);
        for line in text.lines() {
            let Some((want, file)) = parse_line(line, hex_len) else {
                bad_lines += 1;
                continue;
            };
            good += 1;
            total += 1;
            let got = match p.read(&file) {
                Ok(d) => hash_hex(prog, &d),
                Err(e) => {
                    if o.has("ignore-missing") && e == crate::engine::fs::FsError::NotFound {
                        continue;
                    }
                    if bb {
                        p.errln(format!("can't open '{file}': {e}"));
                        if !status_only {
                            p.out.outln(format!("{file}: FAILED"));
                        }
                        mismatched += 1;
                    } else {
                        p.errln(format!("{file}: {e}"));
                        if !status_only {
                            p.out.outln(format!("{file}: FAILED open or read"));
                        }
                        unreadable += 1;
                    }
                    continue;
                }
            };
            if got == want {
                if !status_only && !quiet {
                    p.out.outln(format!("{file}: OK"));
                }
            } else {
                if !status_only {
                    p.out.outln(format!("{file}: FAILED"));
                }
                mismatched += 1;
            }
        }
        if bb {
            let failed = mismatched + bad_lines;
            total += bad_lines;
            if failed > 0 {
                if !status_only {
                    p.errln(format!(
                        "WARNING: {failed} of {total} computed checksums did NOT match"
                    ));
                }
                code = 1;
            }
            continue;
        }
        if good == 0 {
            p.errln(format!("{f}: no properly formatted checksum lines found"));
            code = 1;
            continue;
        }
        if !status_only {
            if bad_lines > 0 {
                p.errln(format!(
                    "WARNING: {} improperly formatted",
                    plural(bad_lines, "line is", "lines are")
                ));
            }
            if unreadable > 0 {
                p.errln(format!(
                    "WARNING: {} could not be read",
                    plural(unreadable, "listed file", "listed files")
                ));
            }
            if mismatched > 0 {
                p.errln(format!(
                    "WARNING: {} did NOT match",
                    plural(mismatched, "computed checksum", "computed checksums")
                ));
            }
        }
        if unreadable > 0 || mismatched > 0 || (o.has("strict") && bad_lines > 0) {
            code = 1;
        }
    }
    Ok(code)
}
