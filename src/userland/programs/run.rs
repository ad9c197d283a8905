//! Programs that run another program: `nohup`, `nice`, `timeout`,
//! `stdbuf`, and the shared [`run_command`].

use super::{exec, lookup, opts, Flow, Lookup, Output, Proc, DEFAULT_PATH};

/// Runs `argv` as a child of `p` (same environment and descriptors);
/// `None` when the program is not found (the caller words the error).
pub fn run_command(p: &mut Proc, argv: &[String], out: &mut Output) -> Option<Result<i32, Flow>> {
    let pv = p.getenv("PATH").unwrap_or_else(|| DEFAULT_PATH.into());
    match lookup(p.sys, &argv[0], &pv, &p.ctx.cwd) {
        Lookup::Found(f) => {
            let ctx = p.ctx.clone();
            p.lim.depth += 1;
            let r = exec(p.sys, &f, argv, &ctx, out, p.lim);
            p.lim.depth -= 1;
            Some(r)
        }
        _ => None,
    }
}

/// Runs `argv`, printing into `p`'s output; a missing program is reported
/// as `PROG: failed to run command 'X': …` (GNU) or `can't execute` (busybox),
/// status 127.
fn run_or_report(p: &mut Proc, argv: &[String], gnu_style: &str) -> Result<i32, Flow> {
    let mut out = Output::new();
    let r = run_command(p, argv, &mut out);
    p.out.extend(out);
    match r {
        Some(r) => r,
        None => {
            let x = &argv[0];
            if p.is_busybox() {
                p.errln(format!("can't execute '{x}': No such file or directory"));
            } else if gnu_style == "nice" {
                p.errln(format!("'{x}': No such file or directory"));
            } else if gnu_style == "timeout" {
                let q = super::locale::quote(p, x);
                p.errln(format!(
                    "failed to run command {q}: No such file or directory"
                ));
            } else {
                p.errln(format!(
                    "failed to run command '{x}': No such file or directory"
                ));
            }
            Ok(127)
        }
    }
}

fn missing_operand(p: &mut Proc, usage: &str) -> Result<i32, Flow> {
    let n = p.name();
    if p.is_busybox() {
        p.out.errln(format!(
            "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: {n} {usage}"
        ));
        return Ok(1);
    }
    p.errln("missing operand");
    p.out
        .errln(format!("Try '{n} --help' for more information."));
    Ok(125)
}

/// `nohup COMMAND...`: on a terminal, output goes to `nohup.out`.
pub fn nohup(p: &mut Proc) -> Result<i32, Flow> {
    let o = match opts::parse(p, "+", 125) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.operands.is_empty() {
        return missing_operand(p, "PROG ARGS");
    }
    if !p.ctx.tty || p.ctx.in_pipe {
        return run_or_report(p, &o.operands, "nohup");
    }
    p.errln("ignoring input and appending output to 'nohup.out'");
    let mut out = Output::new();
    let r = run_command(p, &o.operands, &mut out);
    let text = out.stdout();
    let now = p.lim.now_secs();
    let abs = p.abs("nohup.out");
    let _ = super::append_file(p.sys, &abs, text.as_bytes(), now);
    p.out.err(out.stderr());
    match r {
        Some(r) => r,
        None => {
            let x = &o.operands[0];
            p.errln(format!(
                "failed to run command '{x}': No such file or directory"
            ));
            Ok(127)
        }
    }
}

/// `nice [-n N] COMMAND...`: the sandbox has no scheduler, so the
/// adjustment is checked and the command runs.
pub fn nice(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "+n="
    } else {
        "+n=|adjustment="
    };
    let o = match opts::parse(p, spec, 125) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if let Some(n) = o.value("n") {
        if n.parse::<i64>().is_err() {
            let q = super::locale::quote(p, n);
            p.errln(format!("invalid adjustment {q}"));
            return Ok(125);
        }
    }
    if o.operands.is_empty() {
        // Without a command nice prints the current niceness.
        p.out.outln("0");
        return Ok(0);
    }
    run_or_report(p, &o.operands, "nice")
}

/// Parses `5`, `1.5s`, `2m`, `1h`, `1d` into milliseconds.
fn duration_ms(s: &str) -> Option<i64> {
    let (num, mult) = match s.chars().last()? {
        's' => (&s[..s.len() - 1], 1000.0),
        'm' => (&s[..s.len() - 1], 60_000.0),
        'h' => (&s[..s.len() - 1], 3_600_000.0),
        'd' => (&s[..s.len() - 1], 86_400_000.0),
        _ => (s, 1000.0),
    };
    let v: f64 = num.parse().ok()?;
    (v >= 0.0 && v.is_finite()).then_some((v * mult) as i64)
}

/// `timeout DURATION COMMAND...`: status 124 when the command is still
/// running at the deadline (on the process clock).
pub fn timeout(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "+s= !k="
    } else {
        "+!foreground !k=|kill-after= !p|preserve-status s=|signal= !v|verbose"
    };
    let o = match opts::parse(p, spec, 125) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.operands.len() < 2 {
        if o.operands.is_empty() {
            return missing_operand(p, "[-s SIG] [-k KILL_SECS] SECS PROG ARGS");
        }
        let q = super::locale::quote(p, &o.operands[0]);
        if p.is_busybox() {
            return missing_operand(p, "[-s SIG] [-k KILL_SECS] SECS PROG ARGS");
        }
        p.errln(format!("missing operand after {q}"));
        p.out.errln("Try 'timeout --help' for more information.");
        return Ok(125);
    }
    let Some(ms) = duration_ms(&o.operands[0]) else {
        let q = super::locale::quote(p, &o.operands[0]);
        p.errln(format!("invalid time interval {q}"));
        if !p.is_busybox() {
            p.out.errln("Try 'timeout --help' for more information.");
        }
        return Ok(125);
    };
    let argv = o.operands[1..].to_vec();
    let outer = p.lim.until;
    let deadline = if ms == 0 {
        outer
    } else {
        (p.lim.clock + ms).min(outer)
    };
    p.lim.until = deadline;
    let r = run_or_report(p, &argv, "timeout");
    p.lim.until = outer;
    match r {
        Err(Flow::Blocked) if deadline < outer => {
            p.lim.clock = deadline;
            Ok(if p.is_busybox() { 143 } else { 124 })
        }
        other => other,
    }
}

/// `stdbuf -oL COMMAND`: the sandbox does not buffer, so the modes are
/// checked and the command runs.
pub fn stdbuf(p: &mut Proc) -> Result<i32, Flow> {
    let o = match opts::parse(p, "+i=|input= o=|output= e=|error=", 125) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.opts.is_empty() {
        p.errln("you must specify a buffering mode option");
        p.out.errln("Try 'stdbuf --help' for more information.");
        return Ok(125);
    }
    if o.operands.is_empty() {
        return missing_operand(p, "");
    }
    run_or_report(p, &o.operands, "stdbuf")
}
