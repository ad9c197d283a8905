//! `xargs`.

use super::*;

pub fn xargs(p: &mut Proc) -> Result<i32, Flow> {
    let o = match Opts::parse(&p.args(), "nI") {
        Ok(o) => o,
        Err(e) => return bad_option(p, &e, 1),
    };
    let mut cmd = o.operands.clone();
    if cmd.is_empty() {
        cmd.push("echo".into());
    }
    let items: Vec<String> = p
        .stdin_text()
        .split_whitespace()
        .map(String::from)
        .collect();
    let per: usize = o
        .value('n')
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let chunks: Vec<Vec<String>> = if items.is_empty() {
        vec![vec![]]
    } else {
        items.chunks(per.max(1)).map(|c| c.to_vec()).collect()
    };
    let mut code = 0;
    for chunk in chunks {
        let mut argv = cmd.clone();
        if let Some(rep) = o.value('I') {
            argv = argv
                .iter()
                .map(|a| a.replace(rep, &chunk.join(" ")))
                .collect();
        } else {
            argv.extend(chunk);
        }
        let path_var = p
            .getenv("PATH")
            .unwrap_or_else(|| super::DEFAULT_PATH.into());
        match super::lookup(p.sys, &argv[0], &path_var, &p.ctx.cwd) {
            super::Lookup::Found(f) => {
                let mut ctx = p.ctx.clone();
                ctx.stdin = None;
                let c = super::exec(p.sys, &f, &argv, &ctx, p.out, p.lim)?;
                if c != 0 {
                    code = 123;
                }
            }
            _ => {
                p.errln(format!("{}: No such file or directory", argv[0]));
                return Ok(127);
            }
        }
    }
    Ok(code)
}
