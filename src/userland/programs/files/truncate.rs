//! `truncate -s SIZE FILE...`: shrinks or extends files (with NULs),
//! creating them unless `-c`; sizes take `K M G` (1024) or `KB MB GB`
//! (1000) suffixes and `+ - < > / %` adjustments.

use super::super::{locale, opts};
use super::*;

/// Files larger than this keep only their size (their bytes read as NULs).
const MATERIAL: u64 = 1 << 20;

/// `(adjustment, bytes)`: `+1K` → `('+', 1024)`.
fn parse_size(s: &str) -> Option<(char, u64)> {
    let (op, rest) = match s.chars().next()? {
        c @ ('+' | '-' | '<' | '>' | '/' | '%') => (c, &s[1..]),
        _ => ('=', s),
    };
    let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let num: u64 = rest[..rest.len() - digits.len()].parse().ok()?;
    let mult: u64 = match digits {
        "" => 1,
        "K" | "KiB" => 1 << 10,
        "M" | "MiB" => 1 << 20,
        "G" | "GiB" => 1 << 30,
        "T" | "TiB" => 1 << 40,
        "KB" => 1000,
        "MB" => 1_000_000,
        "GB" => 1_000_000_000,
        "TB" => 1_000_000_000_000,
        _ => return None,
    };
    Some((op, num.checked_mul(mult)?))
}

pub fn truncate(p: &mut Proc) -> Result<i32, Flow> {
    let bb = p.is_busybox();
    let spec = if bb {
        "c s="
    } else {
        "c|no-create !o|io-blocks !r=|reference= s=|size="
    };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let Some(spec) = o.value("s").map(str::to_string) else {
        if bb {
            p.out.errln("BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: truncate [-c] -s SIZE FILE...");
        } else {
            let (a, b) = (locale::quote(p, "--size"), locale::quote(p, "--reference"));
            p.errln(format!("you must specify either {a} or {b}"));
            p.out.errln("Try 'truncate --help' for more information.");
        }
        return Ok(1);
    };
    let Some((op, n)) = parse_size(&spec) else {
        if bb {
            p.errln(format!("invalid number '{spec}'"));
        } else {
            let q = locale::quote(p, &spec);
            p.errln(format!("Invalid number: {q}"));
        }
        return Ok(1);
    };
    if o.operands.is_empty() {
        p.errln("missing file operand");
        if !bb {
            p.out.errln("Try 'truncate --help' for more information.");
        }
        return Ok(1);
    }
    if matches!(op, '/' | '%') && n == 0 {
        p.errln("division by zero");
        return Ok(1);
    }
    let mut code = 0;
    let now = p.lim.now_secs();
    for f in o.operands.clone() {
        let abs = p.abs(&f);
        let old = {
            let (fs, inner) = p.sys.fs_for_ref(&abs);
            match fs
                .resolve(&inner, true)
                .ok()
                .and_then(|r| fs.lookup(&r).cloned())
            {
                Some(Entry::File { content, .. }) => Some(content),
                Some(Entry::Dir { .. }) => {
                    if bb {
                        p.errln(format!("{f}: open: Is a directory"));
                    } else {
                        p.errln(format!("cannot open '{f}' for writing: Is a directory"));
                    }
                    code = 1;
                    continue;
                }
                _ => None,
            }
        };
        if old.is_none() && o.has("c") {
            continue;
        }
        let size = old.as_ref().map_or(0, Content::size);
        let new = match op {
            '+' => size.saturating_add(n),
            '-' => size.saturating_sub(n),
            '<' => size.min(n),
            '>' => size.max(n),
            '/' => size / n * n,
            '%' => size.div_ceil(n).saturating_mul(n),
            _ => n,
        };
        let content = if new > MATERIAL {
            Content::Sized {
                size: new,
                seed: crate::engine::fs::program_seed("truncate:zeros"),
            }
        } else {
            let mut bytes = old.map(|c| c.read()).unwrap_or_default();
            bytes.resize(new as usize, 0);
            Content::bytes(bytes)
        };
        let (fs, inner) = p.sys.fs_for(&abs);
        if let Err(e) = fs.write_file(&inner, content, now) {
            if bb {
                p.errln(format!("{f}: open: {e}"));
            } else {
                p.errln(format!("cannot open '{f}' for writing: {e}"));
            }
            code = 1;
        }
    }
    Ok(code)
}
