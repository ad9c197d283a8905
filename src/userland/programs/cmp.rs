//! `cmp`: compares two files byte by byte (`-s` silent, `-l` every
//! differing byte); status 0 same, 1 different, 2 trouble.

use super::{opts, Flow, Proc};

pub fn cmp(p: &mut Proc) -> Result<i32, Flow> {
    let bb = p.is_busybox();
    let spec = if bb {
        "l s"
    } else {
        "!b|print-bytes !i=|ignore-initial= l|verbose !n=|bytes= s|quiet|silent"
    };
    let o = match opts::parse(p, spec, 2) {
        Ok(o) => o,
        Err(c) => return Ok(if c == 1 { 2 } else { c }),
    };
    let files = &o.operands;
    if files.is_empty() || files.len() > 2 {
        if files.is_empty() {
            p.errln("missing operand after 'cmp'");
        } else {
            p.errln(format!("invalid --ignore-initial value '{}'", files[2]));
        }
        p.errln("Try 'cmp --help' for more information.");
        return Ok(2);
    }
    let names = [
        files[0].clone(),
        files.get(1).cloned().unwrap_or("-".into()),
    ];
    let mut data = Vec::new();
    for f in &names {
        if f == "-" {
            data.push(p.ctx.stdin.clone().unwrap_or_default());
            continue;
        }
        match p.read(f) {
            Ok(d) => data.push(d),
            Err(e) => {
                if !o.has("s") || !bb {
                    p.errln(format!("{f}: {e}"));
                }
                return Ok(2);
            }
        }
    }
    let (a, b) = (&data[0], &data[1]);
    let n = a.len().min(b.len());
    let mut line = 1;
    let mut differ = false;
    let width = a.len().max(b.len()).to_string().len();
    for i in 0..n {
        if a[i] != b[i] {
            differ = true;
            if o.has("s") {
                return Ok(1);
            }
            if o.has("l") {
                p.out
                    .outln(format!("{:>width$} {:3o} {:3o}", i + 1, a[i], b[i]));
                continue;
            }
            let unit = if bb || !super::locale::utf8(p) {
                "char"
            } else {
                "byte"
            };
            p.out.outln(format!(
                "{} {} differ: {unit} {}, line {line}",
                names[0],
                names[1],
                i + 1
            ));
            return Ok(1);
        }
        if a[i] == b'\n' {
            line += 1;
        }
    }
    if a.len() != b.len() {
        if !o.has("s") {
            let short = if a.len() < b.len() {
                &names[0]
            } else {
                &names[1]
            };
            if bb {
                p.errln(format!("EOF on {short}"));
            } else if n == 0 {
                p.errln(format!("EOF on {short} which is empty"));
            } else if o.has("l") {
                p.errln(format!("EOF on {short} after byte {n}"));
            } else {
                if a[n - 1] == b'\n' {
                    p.errln(format!("EOF on {short} after byte {n}, line {}", line - 1));
                } else {
                    p.errln(format!("EOF on {short} after byte {n}, in line {line}"));
                }
            }
        }
        return Ok(1);
    }
    Ok(if differ { 1 } else { 0 })
}
