//! Option tables: one short declaration of the options a program accepts,
//! which parses its arguments the way the real program's `getopt_long`
//! (GNU) or `getopt32` (busybox) does, and enforces the sandbox's rule that
//! no option is silently ignored.
//!
//! A table is a string of space-separated entries; each entry lists the
//! names of one option separated by `|` (one-letter names are short
//! options, longer ones long options), then an optional suffix:
//!
//! | entry              | meaning                                              |
//! |--------------------|------------------------------------------------------|
//! | `n\|number`        | a flag: `-n`, `--number` (and unique prefixes `--num`) |
//! | `w=\|width=`       | takes a value: `-w 5`, `-w5`, `--width 5`, `--width=5` |
//! | `color?`           | a long option with an optional value (`--color[=WHEN]`); `w?` a short one (`-w`, `-w32`) |
//! | `!Z\|context`      | real but not implemented here: using it fails with     |
//! |                    | `dockerlings: ls: the -Z option is not available in this sandbox`, exit 2 |
//!
//! A table starting with `+` stops at the first operand (POSIX order, as
//! `env` or `nice` do); otherwise GNU programs take options anywhere
//! (permutation) and busybox ones (musl's getopt) stop at the first
//! operand. `--` ends the options; `-` alone is an operand.
//!
//! ```text
//! const NL: &str = "b=|body-numbering= n=|number-format= s=|number-separator= w=|number-width= v=|starting-line-number= !i=|line-increment=";
//! let o = match opts::parse(p, NL, 1) { Ok(o) => o, Err(code) => return Ok(code) };
//! let width = o.value("w").unwrap_or("6");
//! ```
//!
//! Errors are worded as the flavour's real program words them: GNU
//! `ls: invalid option -- 'Z'` / `ls: unrecognized option '--zz'` /
//! `ls: option requires an argument -- 'w'` followed by
//! `Try 'ls --help' for more information.` and the program's own status
//! (`code`: 2 for ls, diff, cmp; 1 for most); busybox
//! `ls: unrecognized option: Z` followed by its usage banner, status 1.

use super::{Flow, Proc};

/// Whether an option takes a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    No,
    Required,
    Optional,
}

/// One declared option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decl {
    pub names: Vec<String>,
    /// Whether the long names take a value.
    pub arg: Arg,
    /// Whether the one-letter name takes one: as `arg`, except that an
    /// optional value (`?`) belongs only to the names it is written on
    /// (`F|classify?`: `--classify=auto`, but `-Fl` is `-F -l`).
    pub short_arg: Arg,
    /// Real but not implemented in the sandbox.
    pub unavailable: bool,
}

/// A parsed table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub decls: Vec<Decl>,
    /// Stop at the first operand.
    pub posix: bool,
}

impl Table {
    /// Parses a table declaration (see the module docs).
    pub fn new(spec: &str) -> Table {
        let (posix, spec) = match spec.strip_prefix('+') {
            Some(s) => (true, s),
            None => (false, spec),
        };
        let decls = spec
            .split_whitespace()
            .map(|e| {
                let (unavailable, e) = match e.strip_prefix('!') {
                    Some(r) => (true, r),
                    None => (false, e),
                };
                let mut arg = Arg::No;
                let mut short_arg = Arg::No;
                let names = e
                    .split('|')
                    .map(|n| {
                        if let Some(b) = n.strip_suffix('=') {
                            arg = Arg::Required;
                            short_arg = Arg::Required;
                            b.to_string()
                        } else if let Some(b) = n.strip_suffix('?') {
                            if b.chars().count() == 1 {
                                short_arg = Arg::Optional;
                            } else {
                                arg = Arg::Optional;
                            }
                            b.to_string()
                        } else {
                            n.to_string()
                        }
                    })
                    .collect();
                Decl {
                    names,
                    arg,
                    short_arg,
                    unavailable,
                }
            })
            .collect();
        Table { decls, posix }
    }
    fn short(&self, c: char) -> Option<usize> {
        self.decls.iter().position(|d| {
            d.names
                .iter()
                .any(|n| n.chars().count() == 1 && n.starts_with(c))
        })
    }
    /// The long option `name` names: exact, else a unique prefix.
    fn long(&self, name: &str) -> Result<usize, Vec<String>> {
        let longs = || {
            self.decls.iter().enumerate().flat_map(|(i, d)| {
                d.names
                    .iter()
                    .filter(|n| n.chars().count() > 1)
                    .map(move |n| (i, n))
            })
        };
        if let Some((i, _)) = longs().find(|(_, n)| *n == name) {
            return Ok(i);
        }
        let cands: Vec<(usize, &String)> = longs().filter(|(_, n)| n.starts_with(name)).collect();
        let mut idx: Vec<usize> = cands.iter().map(|(i, _)| *i).collect();
        idx.dedup();
        match idx.len() {
            1 => Ok(idx[0]),
            _ => Err(cands.iter().map(|(_, n)| n.to_string()).collect()),
        }
    }
}

/// Parsed arguments: options in the order given, then operands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// (the option's names, its value), in the order given.
    pub opts: Vec<(Vec<String>, Option<String>)>,
    pub operands: Vec<String>,
}

impl Parsed {
    /// Whether the option named `name` (any of its names) was given.
    pub fn has(&self, name: &str) -> bool {
        self.opts.iter().any(|(n, _)| n.iter().any(|x| x == name))
    }
    /// How many times it was given (`-vv`).
    pub fn count(&self, name: &str) -> usize {
        self.opts
            .iter()
            .filter(|(n, _)| n.iter().any(|x| x == name))
            .count()
    }
    /// The last value given to it.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values(name).pop()
    }
    /// Every value given to it, in order.
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.opts
            .iter()
            .filter(|(n, _)| n.iter().any(|x| x == name))
            .filter_map(|(_, v)| v.as_deref())
            .collect()
    }
    /// Which of `names` came last (`-s` vs `-u`: the last one wins).
    pub fn last_of<'a>(&self, names: &[&'a str]) -> Option<&'a str> {
        self.opts.iter().rev().find_map(|(n, _)| {
            names
                .iter()
                .find(|want| n.iter().any(|x| x == *want))
                .copied()
        })
    }
}

/// Why parsing stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptError {
    /// `-Z` not in the table.
    UnknownShort(char),
    /// `--zz` not in the table.
    UnknownLong(String),
    Ambiguous(String, Vec<String>),
    MissingShort(char),
    MissingLong(String),
    NoArgAllowed(String),
    /// Declared with `!`: shown as `-X` or `--name`.
    Unavailable(String),
}

/// Parses `args` (without argv[0]) against `table`; `permute` lets options
/// follow operands.
pub fn parse_args(table: &Table, args: &[String], permute: bool) -> Result<Parsed, OptError> {
    let mut out = Parsed::default();
    let mut i = 0;
    let permute = permute && !table.posix;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            out.operands.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((k, v)) => (k, Some(v.to_string())),
                None => (body, None),
            };
            let d = match table.long(name) {
                Ok(d) => d,
                Err(c) if c.is_empty() => return Err(OptError::UnknownLong(name.into())),
                Err(c) => return Err(OptError::Ambiguous(name.into(), c)),
            };
            let decl = &table.decls[d];
            let full = decl
                .names
                .iter()
                .find(|n| n.chars().count() > 1 && n.starts_with(name))
                .cloned()
                .unwrap_or_else(|| name.to_string());
            if decl.unavailable {
                return Err(OptError::Unavailable(format!("--{full}")));
            }
            let value = match (decl.arg, inline) {
                (Arg::No, Some(_)) => return Err(OptError::NoArgAllowed(full)),
                (Arg::No, None) => None,
                (Arg::Optional, v) => v,
                (Arg::Required, Some(v)) => Some(v),
                (Arg::Required, None) => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        Some(v.clone())
                    }
                    None => return Err(OptError::MissingLong(full)),
                },
            };
            out.opts.push((decl.names.clone(), value));
            continue;
        }
        if a.len() > 1 && a.starts_with('-') {
            let cs: Vec<char> = a[1..].chars().collect();
            let mut k = 0;
            while k < cs.len() {
                let c = cs[k];
                k += 1;
                let Some(d) = table.short(c) else {
                    return Err(OptError::UnknownShort(c));
                };
                let decl = &table.decls[d];
                if decl.unavailable {
                    return Err(OptError::Unavailable(format!("-{c}")));
                }
                let value = match decl.short_arg {
                    Arg::No => None,
                    Arg::Optional => {
                        let rest: String = cs[k..].iter().collect();
                        k = cs.len();
                        (!rest.is_empty()).then_some(rest)
                    }
                    Arg::Required => {
                        let rest: String = cs[k..].iter().collect();
                        k = cs.len();
                        if !rest.is_empty() {
                            Some(rest)
                        } else if let Some(v) = args.get(i) {
                            i += 1;
                            Some(v.clone())
                        } else {
                            return Err(OptError::MissingShort(c));
                        }
                    }
                };
                out.opts.push((decl.names.clone(), value));
            }
            continue;
        }
        out.operands.push(a.clone());
        if !permute {
            out.operands.extend(args[i..].iter().cloned());
            break;
        }
    }
    Ok(out)
}

/// The message (without the program name) GNU's getopt_long prints.
fn gnu_message(e: &OptError) -> String {
    match e {
        OptError::UnknownShort(c) => format!("invalid option -- '{c}'"),
        OptError::UnknownLong(n) => format!("unrecognized option '--{n}'"),
        OptError::Ambiguous(n, c) => {
            let list: Vec<String> = c.iter().map(|x| format!("'--{x}'")).collect();
            format!(
                "option '--{n}' is ambiguous; possibilities: {}",
                list.join(" ")
            )
        }
        OptError::MissingShort(c) => format!("option requires an argument -- '{c}'"),
        OptError::MissingLong(n) => format!("option '--{n}' requires an argument"),
        OptError::NoArgAllowed(n) => format!("option '--{n}' doesn't allow an argument"),
        OptError::Unavailable(o) => o.clone(),
    }
}

/// The message musl's getopt prints for a busybox applet.
fn busybox_message(e: &OptError) -> String {
    match e {
        OptError::UnknownShort(c) => format!("unrecognized option: {c}"),
        OptError::MissingShort(c) => format!("option requires an argument: {c}"),
        OptError::UnknownLong(n) | OptError::MissingLong(n) | OptError::NoArgAllowed(n) => {
            format!("unrecognized option: {n}")
        }
        OptError::Ambiguous(n, _) => format!("unrecognized option: {n}"),
        OptError::Unavailable(o) => o.clone(),
    }
}

/// Prints the error for `e` as `p`'s flavour words it and returns the exit
/// status: `code` for GNU, 1 for busybox, 2 for an unavailable option.
pub fn report(p: &mut Proc, e: &OptError, code: i32) -> i32 {
    let n = p.name();
    if let OptError::Unavailable(o) = e {
        p.out.errln(format!(
            "dockerlings: {n}: the {o} option is not available in this sandbox"
        ));
        return 2;
    }
    if p.is_busybox() {
        p.out.errln(format!("{n}: {}", busybox_message(e)));
        p.out.errln(format!(
            "BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.\n\nUsage: {n} [OPTIONS]"
        ));
        1
    } else {
        p.out.errln(format!("{n}: {}", gnu_message(e)));
        // diffutils prefixes this line with the program's name too.
        let prefix = if matches!(n.as_str(), "cmp" | "diff" | "sdiff" | "diff3") {
            format!("{n}: ")
        } else {
            String::new()
        };
        p.out
            .errln(format!("{prefix}Try '{n} --help' for more information."));
        code
    }
}

/// [`parse`] for programs whose GNU error ends with their own usage text
/// (`usage`, printed instead of the `Try '… --help'` line), as grep's does.
pub fn parse_usage(p: &mut Proc, spec: &str, code: i32, usage: &str) -> Result<Parsed, i32> {
    let table = Table::new(spec);
    let args = p.args();
    let permute = !p.is_busybox() && p.getenv("POSIXLY_CORRECT").is_none();
    parse_args(&table, &args, permute).map_err(|e| {
        if p.is_busybox() || matches!(e, OptError::Unavailable(_)) {
            return report(p, &e, code);
        }
        let n = p.name();
        p.out.errln(format!("{n}: {}", gnu_message(&e)));
        p.out.errln(usage);
        code
    })
}

/// Parses `p`'s arguments against `spec`; on error prints it (see
/// [`report`]) and returns the exit status to end with.
pub fn parse(p: &mut Proc, spec: &str, code: i32) -> Result<Parsed, i32> {
    let table = Table::new(spec);
    let args = p.args();
    let permute = !p.is_busybox() && p.getenv("POSIXLY_CORRECT").is_none();
    parse_args(&table, &args, permute).map_err(|e| report(p, &e, code))
}

/// [`parse`] for programs returning `Result<i32, Flow>`: `Err(Ok(code))`
/// is the status to return at once.
pub fn parse_or_exit(p: &mut Proc, spec: &str, code: i32) -> Result<Parsed, Result<i32, Flow>> {
    parse(p, spec, code).map_err(Ok)
}

impl Parsed {
    /// The older [`super::Opts`] view, for programs written against it: an
    /// option with a one-letter name appears under that letter (so
    /// `--all` is `o.has('a')`), a long-only one under its long name.
    pub fn to_legacy(&self) -> super::Opts {
        let mut o = super::Opts {
            operands: self.operands.clone(),
            ..Default::default()
        };
        for (names, value) in &self.opts {
            let short = names
                .iter()
                .find(|n| n.chars().count() == 1)
                .and_then(|n| n.chars().next());
            match (short, value) {
                (Some(c), Some(v)) => o.values.push((c, v.clone())),
                (Some(c), None) => o.flags.push(c),
                (None, v) => o.longs.push((names[0].clone(), v.clone())),
            }
        }
        o
    }
}

/// [`parse`], giving the older [`super::Opts`] (see [`Parsed::to_legacy`]).
pub fn parse_legacy(p: &mut Proc, spec: &str, code: i32) -> Result<super::Opts, i32> {
    parse(p, spec, code).map(|o| o.to_legacy())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn flags_values_and_operands() {
        let t = Table::new("n|number w=|width= s|separator color?");
        let o = parse_args(
            &t,
            &args(&["-nw5", "a", "--sep", "x", "--color", "b"]),
            true,
        )
        .unwrap();
        assert!(o.has("n") && o.has("number"));
        assert_eq!(o.value("width"), Some("5"));
        assert_eq!(o.value("s"), None);
        assert!(o.has("separator"));
        assert_eq!(o.operands, args(&["a", "x", "b"]));
        let t2 = Table::new("F|classify? l w?");
        let o = parse_args(&t2, &args(&["-Fl", "--classify=auto", "-w5"]), true).unwrap();
        assert_eq!(o.opts[0].1, None);
        assert!(o.has("l") && o.value("classify") == Some("auto"));
        assert_eq!(o.value("w"), Some("5"));
        let o = parse_args(&t, &args(&["--width=7", "--", "-n"]), true).unwrap();
        assert_eq!(o.value("w"), Some("7"));
        assert_eq!(o.operands, args(&["-n"]));
    }

    #[test]
    fn posix_order_stops_at_first_operand() {
        let t = Table::new("l");
        let o = parse_args(&t, &args(&["a", "-l"]), false).unwrap();
        assert!(!o.has("l"));
        assert_eq!(o.operands, args(&["a", "-l"]));
        let t = Table::new("+l");
        assert_eq!(
            parse_args(&t, &args(&["a", "-l"]), true)
                .unwrap()
                .operands
                .len(),
            2
        );
    }

    #[test]
    fn errors() {
        let t = Table::new("a|all w=|width= !Z|context color colour");
        let e = |v: &[&str]| parse_args(&t, &args(v), true).unwrap_err();
        assert_eq!(gnu_message(&e(&["-Q"])), "invalid option -- 'Q'");
        assert_eq!(gnu_message(&e(&["--zz"])), "unrecognized option '--zz'");
        assert_eq!(
            gnu_message(&e(&["-w"])),
            "option requires an argument -- 'w'"
        );
        assert_eq!(
            gnu_message(&e(&["--width"])),
            "option '--width' requires an argument"
        );
        assert_eq!(
            gnu_message(&e(&["--all=1"])),
            "option '--all' doesn't allow an argument"
        );
        assert_eq!(
            gnu_message(&e(&["--col"])),
            "option '--col' is ambiguous; possibilities: '--color' '--colour'"
        );
        assert_eq!(e(&["-aZ"]), OptError::Unavailable("-Z".into()));
        assert_eq!(e(&["--cont"]), OptError::Unavailable("--context".into()));
        assert_eq!(busybox_message(&e(&["-Q"])), "unrecognized option: Q");
    }
}
