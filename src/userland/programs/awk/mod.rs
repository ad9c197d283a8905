//! `awk`: a POSIX awk interpreter. On the host and in Debian/Ubuntu images
//! it answers as mawk 1.3.4 (Debian's default `awk`), in alpine/busybox
//! as busybox awk — options, messages and number output follow each.
//!
//! `lexer` → `parser` (→ `ast`) → `interp` (with `builtins`, `io`,
//! `value`). Bounded: recursion depth, string sizes, loop steps, output.

mod ast;
mod builtins;
mod interp;
mod io;
mod lexer;
mod parser;
mod value;

use super::{Flow, Proc};
use ast::{Pattern, Program};
use interp::{Interp, Jump};
use value::Value;

/// The options awk accepts (table syntax of `text::getopt`); `-W` takes
/// mawk's implementation options, of which only `version` is available.
pub const OPTIONS: &str = "F= f= v= W=";

const MAWK_USAGE: &str = "usage: mawk [-F value] [-v var=value] [--] 'program text' [file ...]\nusage: mawk [-F value] [-v var=value] [-f program-file] [--] [file ...]";
const BB_USAGE: &str = "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n\t-v VAR=VAL\tSet variable\n\t-F SEP\t\tUse SEP as field separator\n\t-f FILE\t\tRead program from FILE\n\t-e AWK_PROGRAM";

/// Parsed command line.
struct Cmd {
    fs: Option<String>,
    assigns: Vec<String>,
    program: String,
    operands: Vec<String>,
}

fn parse_cmdline(p: &mut Proc) -> Result<Cmd, i32> {
    let bb = p.is_busybox();
    let args = p.args();
    let mut fs = None;
    let mut assigns = Vec::new();
    let mut files: Vec<String> = Vec::new();
    let mut program: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            i += 1;
            break;
        }
        if !a.starts_with('-') || a == "-" {
            break;
        }
        let flag = a[1..].chars().next().unwrap_or('-');
        let attached: String = a[1..].chars().skip(1).collect();
        let value = |i: &mut usize| -> Option<String> {
            if !attached.is_empty() {
                Some(attached.clone())
            } else {
                *i += 1;
                args.get(*i).cloned()
            }
        };
        match flag {
            'F' | 'f' | 'v' | 'W' | 'e' if flag != 'e' || bb => {
                let Some(v) = value(&mut i) else {
                    if bb {
                        p.out
                            .errln(format!("awk: option requires an argument -- '{flag}'"));
                        p.out.errln(BB_USAGE);
                        return Err(1);
                    }
                    p.out
                        .errln(format!("awk: option requires an argument -- {flag}"));
                    p.out.errln(MAWK_USAGE);
                    return Err(2);
                };
                match flag {
                    'F' => fs = Some(v),
                    'f' => files.push(v),
                    'v' => assigns.push(v),
                    'e' => program = Some(v),
                    _ => {
                        if "version".starts_with(v.as_str()) && !v.is_empty() {
                            p.out.outln("mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\nrandom-funcs:       srandom/random\nregex-funcs:        internal\ncompiled limits:\nsprintf buffer      8192\nmaximum-integer     2147483647");
                            return Err(0);
                        }
                        p.out.errln(format!(
                            "dockerlings: awk: the -W {v} option is not available in this sandbox"
                        ));
                        return Err(2);
                    }
                }
            }
            _ => {
                if bb {
                    p.out.errln(format!("awk: invalid option -- '{flag}'"));
                    p.out.errln(BB_USAGE);
                    return Err(1);
                }
                p.out.errln(format!("awk: not an option: {a}"));
                return Err(2);
            }
        }
        i += 1;
    }
    let mut rest: Vec<String> = args[i.min(args.len())..].to_vec();
    let program = match program {
        Some(s) => s,
        None if !files.is_empty() => {
            let mut src = String::new();
            for f in &files {
                let text = if f == "-" || f == "/dev/stdin" {
                    Ok(p.stdin_text())
                } else {
                    p.read(f).map(|b| String::from_utf8_lossy(&b).into_owned())
                };
                match text {
                    Ok(t) => {
                        src.push_str(&t);
                        src.push('\n');
                    }
                    Err(e) => {
                        if bb {
                            p.out.errln(format!("awk: can't open '{f}': {e}"));
                            return Err(1);
                        }
                        p.out.errln(format!("awk: couldn't open file {f} ({e})"));
                        return Err(2);
                    }
                }
            }
            src
        }
        None => {
            if rest.is_empty() {
                p.out.errln(if bb { BB_USAGE } else { MAWK_USAGE });
                return Err(if bb { 1 } else { 2 });
            }
            rest.remove(0)
        }
    };
    Ok(Cmd {
        fs,
        assigns,
        program,
        operands: rest,
    })
}

pub fn awk(p: &mut Proc) -> Result<i32, Flow> {
    let cmd = match parse_cmdline(p) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let bb = p.is_busybox();
    let prog = match lexer::lex(&cmd.program, bb).and_then(parser::parse) {
        Ok(pr) => pr,
        Err((line, msg)) => {
            if bb {
                let m = if msg.starts_with("syntax error") || msg.starts_with("missing") {
                    "Unexpected token".to_string()
                } else {
                    msg
                };
                p.out.errln(format!("awk: cmd. line:{line}: {m}"));
                return Ok(1);
            }
            p.out.errln(format!("awk: line {line}: {msg}"));
            return Ok(2);
        }
    };
    let mut it = Interp::new(p, &prog, bb);
    match setup(&mut it, &cmd).and_then(|()| run(&mut it, &prog)) {
        Ok(code) => Ok(code),
        Err(Jump::Flow(f)) => Err(f),
        Err(Jump::Fatal(msg, code)) => {
            let _ = it.close_all();
            if msg.starts_with("dockerlings:") {
                it.p.out.errln(msg);
                return Ok(2);
            }
            if bb {
                it.p.out.errln(format!("awk: cmd. line:1: {msg}"));
                return Ok(1);
            }
            if msg.starts_with("cannot open") || msg.starts_with("function") {
                it.p.out.errln(format!("awk: {msg}"));
            } else {
                let fname = it.str_var("FILENAME");
                let fnr = it.get_var("FNR").map(|v| v.num()).unwrap_or(0.0);
                let nr = it.get_var("NR").map(|v| v.num()).unwrap_or(0.0);
                it.p.out.errln(format!(
                    "awk: run time error: {msg}\n\tFILENAME=\"{fname}\" FNR={fnr} NR={nr}"
                ));
            }
            Ok(code)
        }
        Err(_) => Ok(0),
    }
}

fn setup(it: &mut Interp, cmd: &Cmd) -> Result<(), Jump> {
    if let Some(fs) = &cmd.fs {
        let fs = if fs == "t" && !it.busybox {
            "\t".to_string()
        } else {
            io::unescape(fs)
        };
        it.set_var("FS", Value::Str(fs))?;
    }
    for a in &cmd.assigns {
        match io::assignment(a) {
            Some((k, v)) => it.set_var(k, Value::StrNum(io::unescape(v)))?,
            None => return Err(Jump::Fatal(format!("improper assignment: -v {a}"), 2)),
        }
    }
    let id = it.new_array();
    it.arrays[id].set("0".into(), Value::Str("awk".into()));
    for (i, a) in cmd.operands.iter().enumerate() {
        it.arrays[id].set((i + 1).to_string(), Value::StrNum(a.clone()));
    }
    it.globals.insert("ARGV".into(), interp::Cell::Arr(id));
    it.set_var("ARGC", Value::Num((cmd.operands.len() + 1) as f64))?;
    Ok(())
}

/// BEGIN, the main loop over records, END; returns the exit status.
fn run(it: &mut Interp, prog: &Program) -> Result<i32, Jump> {
    let mut code = 0;
    let mut exiting = false;
    for r in &prog.rules {
        if matches!(r.pattern, Pattern::Begin) {
            match it.exec_block(r.action.as_deref().unwrap_or(&[])) {
                Ok(()) => {}
                Err(Jump::Exit(c)) => {
                    code = c;
                    exiting = true;
                    break;
                }
                Err(Jump::Next) | Err(Jump::NextFile) => {}
                Err(j) => return Err(j),
            }
        }
    }
    let has_main = prog
        .rules
        .iter()
        .any(|r| !matches!(r.pattern, Pattern::Begin));
    if !exiting && has_main {
        let mut in_range = vec![false; prog.rules.len()];
        'records: while let Some(rec) = it.next_main_record()? {
            it.bump_nr(true)?;
            it.set_record(rec);
            for (k, r) in prog.rules.iter().enumerate() {
                let hit = match &r.pattern {
                    Pattern::Begin | Pattern::End => false,
                    Pattern::All => true,
                    Pattern::Expr(e) => it.eval(e)?.truthy(),
                    Pattern::Range(a, b) => {
                        if in_range[k] {
                            if it.eval(b)?.truthy() {
                                in_range[k] = false;
                            }
                            true
                        } else if it.eval(a)?.truthy() {
                            in_range[k] = !it.eval(b)?.truthy();
                            true
                        } else {
                            false
                        }
                    }
                };
                if !hit {
                    continue;
                }
                let r = match &r.action {
                    Some(b) => it.exec_block(b),
                    None => {
                        let ors = it.str_var("ORS");
                        let line = format!("{}{ors}", it.fields[0]);
                        it.emit(&line)
                    }
                };
                match r {
                    Ok(()) => {}
                    Err(Jump::Next) => continue 'records,
                    Err(Jump::NextFile) => {
                        it.io.main = None;
                        continue 'records;
                    }
                    Err(Jump::Exit(c)) => {
                        code = c;
                        exiting = true;
                        break 'records;
                    }
                    Err(j) => return Err(j),
                }
            }
        }
    }
    let _ = exiting;
    it.exit_code = Some(code);
    for r in &prog.rules {
        if matches!(r.pattern, Pattern::End) {
            match it.exec_block(r.action.as_deref().unwrap_or(&[])) {
                Ok(()) | Err(Jump::Next) | Err(Jump::NextFile) => {}
                Err(Jump::Exit(c)) => {
                    code = c;
                    break;
                }
                Err(j) => return Err(j),
            }
        }
    }
    it.close_all()?;
    Ok(code)
}
