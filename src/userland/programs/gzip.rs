//! `gzip`, `gunzip`, `zcat`: compress files to `FILE.gz` and back (the
//! archive format `tar z` uses). Compressed bytes are never written to
//! standard output: the sandbox's terminal and pipes carry text.

use super::files::{gunzip as inflate, gzip as deflate};
use super::{opts, Flow, Proc};
use crate::engine::fs::Content;

const GNU: &str = "1 2 3 4 5 6 7 8 9 c|stdout|to-stdout d|decompress|uncompress f|force k|keep !l|list !n|no-name !N|name q|quiet !r|recursive !S=|suffix= !t|test !v|verbose best fast";
const BUSYBOX: &str = "1 2 3 4 5 6 7 8 9 c d f k q !t !v";

/// `gzip`, or `gunzip`/`zcat` by the name it was called with.
pub fn gzip(p: &mut Proc) -> Result<i32, Flow> {
    let bb = p.is_busybox();
    let o = match opts::parse(p, if bb { BUSYBOX } else { GNU }, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    let name = p.name();
    let decompress = o.has("d") || name == "gunzip" || name == "zcat" || name == "uncompress";
    let to_stdout = o.has("c") || name == "zcat";
    let who = if bb { name.clone() } else { "gzip".to_string() };
    if !decompress && (to_stdout || o.operands.is_empty()) {
        if o.operands.is_empty() && p.ctx.tty && !p.ctx.in_pipe && !o.has("f") {
            p.out.errln(format!(
                "{who}: compressed data not written to a terminal. Use -f to force compression.\nFor help, type: {who} -h"
            ));
            return Ok(1);
        }
        p.out.errln(format!(
            "dockerlings: {name}: writing compressed data to standard output is not available in this sandbox"
        ));
        return Ok(2);
    }
    if o.operands.is_empty() {
        let data = p.ctx.stdin.clone().unwrap_or_default();
        return Ok(match inflate(&data) {
            Ok(d) => {
                p.out.out(String::from_utf8_lossy(&d));
                0
            }
            Err(_) => {
                p.out.errln(format!("{who}: stdin: not in gzip format"));
                1
            }
        });
    }
    let now = p.lim.now_secs();
    let mut code = 0;
    for f in o.operands.clone() {
        let data = match p.read(&f) {
            Ok(d) => d,
            Err(e) => {
                if bb {
                    p.out.errln(format!("{who}: can't open '{f}': {e}"));
                } else {
                    p.out.errln(format!("{who}: {f}: {e}"));
                }
                code = 1;
                continue;
            }
        };
        let (target, bytes) = if decompress {
            let Some(stem) = f.strip_suffix(".gz").or_else(|| f.strip_suffix(".tgz")) else {
                if bb {
                    p.out.errln(format!("{who}: {f}: unknown suffix - ignored"));
                } else {
                    p.out
                        .errln(format!("{who}: {f}: unknown suffix -- ignored"));
                }
                code = code.max(if bb { 1 } else { 2 });
                continue;
            };
            let stem = if f.ends_with(".tgz") {
                format!("{stem}.tar")
            } else {
                stem.to_string()
            };
            match inflate(&data) {
                Ok(d) => (stem, d),
                Err(_) => {
                    p.out.errln(format!("{who}: {f}: not in gzip format"));
                    code = 1;
                    continue;
                }
            }
        } else {
            if f.ends_with(".gz") {
                p.out
                    .errln(format!("{who}: {f} already has .gz suffix -- unchanged"));
                continue;
            }
            (format!("{f}.gz"), deflate(&data))
        };
        if to_stdout {
            p.out.out(String::from_utf8_lossy(&bytes));
            continue;
        }
        let exists = p.read(&target).is_ok();
        if exists && !o.has("f") {
            if bb {
                p.out
                    .errln(format!("{who}: can't open '{target}': File exists"));
            } else {
                p.out
                    .errln(format!("{who}: {target} already exists;\tnot overwritten"));
            }
            code = if bb { 1 } else { 2 };
            continue;
        }
        let abs = p.abs(&target);
        let (fs, inner) = p.sys.fs_for(&abs);
        if let Err(e) = fs.write_file(&inner, Content::bytes(bytes), now) {
            p.out.errln(format!("{who}: {target}: {e}"));
            code = 1;
            continue;
        }
        if !o.has("k") {
            let src = p.abs(&f);
            let (fs, inner) = p.sys.fs_for(&src);
            let _ = fs.remove(&inner, false);
        }
    }
    Ok(code)
}
