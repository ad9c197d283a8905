//! `wc`.

use super::*;

pub fn wc(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    if let Some(c) = check_flags(p, &o, "lwcmL", 1) {
        return Ok(c);
    }
    let (mut l, mut w, mut c) = (
        o.has('l') || o.long("lines"),
        o.has('w') || o.long("words"),
        o.has('c') || o.has('m') || o.long("bytes"),
    );
    if !l && !w && !c {
        l = true;
        w = true;
        c = true;
    }
    let selected = [l, w, c].iter().filter(|x| **x).count();
    let ins = inputs(p, &o.operands);
    let mut rows: Vec<([usize; 3], String)> = Vec::new();
    let mut code = 0;
    let mut stdin_used = false;
    for (name, r) in ins {
        match r {
            Err(e) => {
                p.errln(format!("{name}: {e}"));
                code = 1;
            }
            Ok(t) => {
                if name == "-" {
                    stdin_used = true;
                }
                rows.push((
                    [
                        t.matches('\n').count(),
                        t.split_whitespace().count(),
                        t.len(),
                    ],
                    if name == "-" && o.operands.is_empty() {
                        String::new()
                    } else {
                        name
                    },
                ));
            }
        }
    }
    if rows.len() > 1 {
        let mut tot = [0; 3];
        for (r, _) in &rows {
            for k in 0..3 {
                tot[k] += r[k];
            }
        }
        rows.push((tot, "total".into()));
    }
    let width = if selected == 1 && rows.len() == 1 {
        1
    } else if stdin_used {
        7
    } else {
        rows.iter()
            .map(|(r, _)| r[2])
            .max()
            .unwrap_or(0)
            .to_string()
            .len()
    };
    for (r, name) in rows {
        let mut parts = Vec::new();
        for (k, on) in [l, w, c].iter().enumerate() {
            if *on {
                parts.push(format!("{:>width$}", r[k]));
            }
        }
        let mut line = parts.join(" ");
        if !name.is_empty() {
            line.push(' ');
            line.push_str(&name);
        }
        p.out.outln(line);
    }
    Ok(code)
}
