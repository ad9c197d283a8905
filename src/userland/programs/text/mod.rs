//! Text tools, one module per program family: echo/printf, test, head/tail,
//! grep, wc, sort/uniq, cut, tr, seq, xargs, sed.

pub mod cfmt;
mod cut;
pub mod getopt;
mod grep;
mod head_tail;
mod printf;
mod sed;
mod seq;
mod sort;
mod test;
mod tr;
mod wc;
mod xargs;

pub use cut::cut;
pub use grep::grep;
pub use head_tail::{head, tail};
pub use printf::{echo, echo_prog, printf, printf_prog};
pub use sed::sed;
pub use seq::seq;
pub use sort::{sort, uniq};
pub use test::{test, test_prog};
pub use tr::tr;
pub use wc::wc;
pub use xargs::xargs;

/// Every text program's option table (the syntax of `getopt`), for the
/// test that walks them.
pub const OPTION_TABLES: &[(&str, &str)] = &[
    ("grep", grep::OPTIONS),
    ("sed", sed::OPTIONS),
    ("sort", sort::OPTIONS),
    ("tr", tr::OPTIONS),
    ("xargs", xargs::OPTIONS),
    ("seq", seq::OPTIONS),
    ("head", head_tail::HEAD_OPTIONS),
    ("tail", head_tail::TAIL_OPTIONS),
    ("cut", cut::OPTIONS),
    ("awk", super::awk::OPTIONS),
];

use super::{bad_option, check_flags, Flow, Opts, Proc};
use super::{exec, lookup, service_flow, Lookup, DEFAULT_PATH, OUTPUT_CAP};
use crate::engine::fs::{path, Entry, FsError};
use crate::userland::process::Service;
use crate::userland::regex::Regex;
use crate::userland::Sys;

/// Reads each operand (or stdin for none / `-`), reporting unreadable files
/// with `fmt_err(name, error)`.
pub(crate) fn inputs(p: &mut Proc, files: &[String]) -> Vec<(String, Result<String, FsError>)> {
    if files.is_empty() {
        return vec![("-".into(), Ok(p.stdin_text()))];
    }
    files
        .iter()
        .map(|f| {
            if f == "-" {
                (f.clone(), Ok(p.stdin_text()))
            } else {
                (
                    f.clone(),
                    p.read(f).map(|b| String::from_utf8_lossy(&b).into_owned()),
                )
            }
        })
        .collect()
}

pub(crate) fn open_err(p: &mut Proc, f: &str, e: &FsError) {
    if p.is_busybox() {
        p.errln(format!("can't open '{f}': {e}"));
    } else {
        p.errln(format!("cannot open '{f}' for reading: {e}"));
    }
}

pub(crate) fn split_lines(s: &str) -> Vec<&str> {
    let mut v: Vec<&str> = s.split_inclusive('\n').collect();
    if v.last() == Some(&"") {
        v.pop();
    }
    v
}

/// Rewrites `-5` into `-n 5` (head/tail's obsolete form).
pub(crate) fn numeric_shorthand(args: Vec<String>) -> Vec<String> {
    let mut prev_takes_value = false;
    args.into_iter()
        .flat_map(|a| {
            let was = prev_takes_value;
            prev_takes_value = a == "-n" || a == "-c";
            if !was
                && a.len() > 1
                && a.starts_with('-')
                && a[1..].chars().all(|c| c.is_ascii_digit())
            {
                vec!["-n".to_string(), a[1..].to_string()]
            } else {
                vec![a]
            }
        })
        .collect()
}
