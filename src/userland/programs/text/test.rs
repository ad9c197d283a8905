//! `test` / `[`: expression evaluation, shared with the shell builtin.

use super::*;

/// `test` / `[` expression evaluation.
pub fn test(sys: &mut dyn Sys, cwd: &str, args: &[String]) -> Result<bool, String> {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    eval_test(sys, cwd, &a)
}

fn eval_test(sys: &mut dyn Sys, cwd: &str, a: &[&str]) -> Result<bool, String> {
    // -o / -a (lowest precedence)
    if let Some(k) = a
        .iter()
        .rposition(|x| *x == "-o")
        .filter(|&k| k > 0 && k + 1 < a.len())
    {
        return Ok(eval_test(sys, cwd, &a[..k])? || eval_test(sys, cwd, &a[k + 1..])?);
    }
    if let Some(k) = a
        .iter()
        .rposition(|x| *x == "-a")
        .filter(|&k| k > 0 && k + 1 < a.len())
    {
        return Ok(eval_test(sys, cwd, &a[..k])? && eval_test(sys, cwd, &a[k + 1..])?);
    }
    match a.len() {
        0 => Ok(false),
        1 => Ok(!a[0].is_empty()),
        2 => {
            if a[0] == "!" {
                return Ok(!eval_test(sys, cwd, &a[1..])?);
            }
            unary(sys, cwd, a[0], a[1])
        }
        3 => {
            if a[0] == "!" {
                return Ok(!eval_test(sys, cwd, &a[1..])?);
            }
            if a[0] == "(" && a[2] == ")" {
                return eval_test(sys, cwd, &a[1..2]);
            }
            binary(a[0], a[1], a[2])
        }
        _ => {
            if a[0] == "!" {
                return Ok(!eval_test(sys, cwd, &a[1..])?);
            }
            if a[0] == "(" && a[a.len() - 1] == ")" {
                return eval_test(sys, cwd, &a[1..a.len() - 1]);
            }
            Err("too many arguments".into())
        }
    }
}

fn unary(sys: &mut dyn Sys, cwd: &str, op: &str, v: &str) -> Result<bool, String> {
    let file = |sys: &mut dyn Sys| -> Option<Entry> {
        let p = path::join(cwd, v);
        let (fs, inner) = sys.fs_for_ref(&p);
        fs.stat(&inner).ok().cloned()
    };
    Ok(match op {
        "-n" => !v.is_empty(),
        "-z" => v.is_empty(),
        "-e" | "-a" => file(sys).is_some(),
        "-f" => matches!(file(sys), Some(Entry::File { .. })),
        "-d" => matches!(file(sys), Some(Entry::Dir { .. })),
        "-s" => file(sys).is_some_and(|e| e.size() > 0),
        "-r" | "-w" => file(sys).is_some(),
        "-x" => file(sys)
            .and_then(|e| e.meta().map(|m| m.mode & 0o111 != 0))
            .unwrap_or(false),
        "-L" | "-h" => {
            let p = path::join(cwd, v);
            let (fs, inner) = sys.fs_for_ref(&p);
            matches!(fs.lookup(&inner), Some(Entry::Symlink { .. }))
        }
        "-t" => false,
        _ => {
            return Err(format!("{op}: unary operator expected"));
        }
    })
}

fn binary(l: &str, op: &str, r: &str) -> Result<bool, String> {
    let num = |s: &str| -> Result<i64, String> {
        s.trim()
            .parse::<i64>()
            .map_err(|_| format!("{s}: integer expression expected"))
    };
    Ok(match op {
        "=" | "==" => l == r,
        "!=" => l != r,
        "<" => l < r,
        ">" => l > r,
        "-eq" => num(l)? == num(r)?,
        "-ne" => num(l)? != num(r)?,
        "-lt" => num(l)? < num(r)?,
        "-le" => num(l)? <= num(r)?,
        "-gt" => num(l)? > num(r)?,
        "-ge" => num(l)? >= num(r)?,
        _ => return Err(format!("{op}: binary operator expected")),
    })
}

pub fn test_prog(p: &mut Proc) -> Result<i32, Flow> {
    let mut args = p.args();
    if p.name() == "[" {
        if args.last().map(String::as_str) != Some("]") {
            p.errln("missing ']'");
            return Ok(2);
        }
        args.pop();
    }
    let cwd = p.ctx.cwd.clone();
    match test(p.sys, &cwd, &args) {
        Ok(b) => Ok(if b { 0 } else { 1 }),
        Err(e) => {
            p.errln(e);
            Ok(2)
        }
    }
}
