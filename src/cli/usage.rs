//! Help text and usage errors, worded and laid out as Docker CLI 28 prints
//! them (docker-reference.md §C8; docker/cli `cli/cobra.go` templates,
//! `cli/required.go`, pflag's `FlagUsagesWrapped` at 80 columns), rendered
//! from the grammar.

use super::commands::{table, CLIENT_COMMIT, CLIENT_VERSION};
use super::grammar::{Arity, Category, Command, Flag, FlagKind};
use super::parse::{children, listed, ParseError, GLOBAL_FLAGS, ROOT};
use crate::userland::Output;

/// The terminal width pflag wraps flag help to (docker uses 80 when stdout
/// is not a terminal, minus one).
const WRAP_COLS: usize = 79;

/// pflag's `wrapN`: splits `s` at the last whitespace before `i` (plus
/// `slop`), or at an earlier newline.
fn wrap_n(i: usize, slop: usize, s: &str) -> (String, String) {
    if i + slop > s.len() {
        return (s.to_string(), String::new());
    }
    let head = s.get(..i).unwrap_or(s);
    let w = head.rfind([' ', '\t', '\n']);
    let Some(w) = w.filter(|w| *w > 0) else {
        return (s.to_string(), String::new());
    };
    if let Some(nl) = head.rfind('\n') {
        if nl > 0 && nl < w {
            return (s[..nl].to_string(), s[nl + 1..].to_string());
        }
    }
    (s[..w].to_string(), s[w + 1..].to_string())
}

/// pflag's `wrap`: wraps `s` to `w` columns with an indent of `i`.
fn wrap(i: usize, w: usize, s: &str) -> String {
    let mut i = i;
    let mut width = w.saturating_sub(i);
    let mut r = String::new();
    if width < 24 {
        i = 16;
        width = w.saturating_sub(i);
        r.push('\n');
        r.push_str(&" ".repeat(i));
    }
    let pad = format!("\n{}", " ".repeat(i));
    if width < 24 {
        return s.replace('\n', &r);
    }
    let slop = 5;
    let width = width - slop;
    let (l, mut rest) = wrap_n(width, slop, s);
    r.push_str(&l.replace('\n', &pad));
    while !rest.is_empty() {
        let (t, next) = wrap_n(width, slop, &rest);
        r.push_str(&pad);
        r.push_str(&t.replace('\n', &pad));
        rest = next;
    }
    r
}

/// The `Options:` block: pflag's `FlagUsagesWrapped(79)` over the visible
/// flags, sorted by name, right-trimmed.
pub fn flag_usages(flags: &[Flag]) -> String {
    let mut visible: Vec<&Flag> = flags.iter().filter(|f| !f.hidden).collect();
    visible.sort_by_key(|f| f.long);
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut maxlen = 0;
    for f in visible {
        let mut left = match f.short {
            Some(c) => format!("  -{c}, --{}", f.long),
            None => format!("      --{}", f.long),
        };
        match f.kind {
            FlagKind::Bool => {}
            FlagKind::Value(ty) | FlagKind::List(ty) => {
                left.push(' ');
                left.push_str(ty);
            }
        }
        maxlen = maxlen.max(left.len() + 1);
        let mut usage = f.help.to_string();
        if !f.default.is_empty() {
            usage.push_str(&format!(" (default {})", f.default));
        }
        lines.push((left, usage));
    }
    let mut out = String::new();
    for (left, usage) in lines {
        let spacing = " ".repeat(maxlen - left.len());
        out.push_str(&format!(
            "{left} {spacing} {}\n",
            wrap(maxlen + 2, WRAP_COLS, &usage)
        ));
    }
    out.trim_end().to_string()
}

/// The padding cobra gives command names in a parent's list.
fn name_padding(parent: &str) -> usize {
    children(table(), parent)
        .map(|c| c.name().len())
        .max()
        .unwrap_or(0)
        .max(11)
}

/// `docker --help` (also `docker` alone, on stderr).
pub fn root_help() -> String {
    let pad = name_padding("");
    let row = |c: &Command| {
        let deco = if c.category == Category::Plugin {
            "*"
        } else {
            " "
        };
        format!(
            "  {:<w$}{}\n",
            format!("{}{deco}", c.name()),
            c.short,
            w = pad + 1
        )
    };
    let mut s = String::from("Usage:  docker [OPTIONS] COMMAND\n\n");
    s.push_str(ROOT.short);
    s.push('\n');
    let mut top: Vec<(u8, &Command)> = children(table(), "")
        .filter_map(|c| match c.category {
            Category::Top(n) => Some((n, c)),
            _ => None,
        })
        .collect();
    top.sort_by_key(|(n, _)| *n);
    s.push_str("\nCommon Commands:\n");
    for (_, c) in top {
        s.push_str(&row(c));
    }
    let mut groups: Vec<&Command> = children(table(), "")
        .filter(|c| c.is_group() && matches!(c.category, Category::Normal | Category::Plugin))
        .collect();
    groups.sort_by_key(|c| c.name());
    s.push_str("\nManagement Commands:\n");
    for c in groups {
        s.push_str(&row(c));
    }
    let mut swarm: Vec<&Command> = children(table(), "")
        .filter(|c| c.category == Category::Swarm)
        .collect();
    swarm.sort_by_key(|c| c.name());
    if !swarm.is_empty() {
        s.push_str("\nSwarm Commands:\n");
        for c in swarm {
            s.push_str(&row(c));
        }
    }
    let mut cmds: Vec<&Command> = children(table(), "")
        .filter(|c| !c.is_group() && c.category == Category::Normal)
        .collect();
    cmds.sort_by_key(|c| c.name());
    s.push_str("\nCommands:\n");
    for c in cmds {
        s.push_str(&format!("  {:<pad$} {}\n", c.name(), c.short));
    }
    s.push_str("\nGlobal Options:\n");
    s.push_str(&flag_usages(GLOBAL_FLAGS));
    s.push_str("\n\nRun 'docker COMMAND --help' for more information on a command.\n");
    s.push_str(
        "\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n",
    );
    s
}

/// `docker <group> --help`: the group's command list.
pub fn group_help(g: &Command) -> String {
    let pad = name_padding(g.path);
    let mut s = format!("Usage:  docker {} COMMAND\n\n{}\n", g.path, description(g));
    let mut subs: Vec<&Command> = children(table(), g.path).filter(|c| listed(c)).collect();
    subs.sort_by_key(|c| c.name());
    s.push_str("\nCommands:\n");
    for c in subs {
        s.push_str(&format!("  {:<pad$} {}\n", c.name(), c.short));
    }
    s.push_str(&format!(
        "\nRun 'docker {} COMMAND --help' for more information on a command.\n",
        g.path
    ));
    s
}

fn description(c: &Command) -> &'static str {
    if c.long.is_empty() {
        c.short
    } else {
        c.long
    }
}

/// `docker <command> --help`.
pub fn command_help(c: &Command) -> String {
    if c.is_group() {
        return group_help(c);
    }
    let mut s = format!("Usage:  {}\n\n{}\n", c.use_line(), description(c));
    if !c.aliases_line.is_empty() {
        s.push_str(&format!("\nAliases:\n  {}\n", c.aliases_line));
    }
    if c.flags.iter().any(|f| !f.hidden) {
        s.push_str("\nOptions:\n");
        s.push_str(&flag_usages(c.flags));
        s.push('\n');
    }
    s
}

/// The help of `cmd` (`None`: the root).
pub fn help_for(cmd: Option<&Command>) -> String {
    match cmd {
        None => root_help(),
        Some(c) => command_help(c),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        "argument"
    } else {
        "arguments"
    }
}

/// The argument-count error of `cmd` (docker/cli `cli/required.go`).
pub fn arity_error(cmd: &Command) -> String {
    let path = format!("docker {}", cmd.path);
    let use_line = cmd.use_line();
    match cmd.arity {
        Arity::None => format!(
            "docker: '{path}' accepts no arguments\n\nUsage:  {use_line}\n\nRun '{path} --help' for more information"
        ),
        Arity::Exact(n) => format!(
            "docker: '{path}' requires {n} {}\n\nUsage:  {use_line}\n\nRun '{path} --help' for more information",
            plural(n)
        ),
        Arity::AtLeast(n) => format!(
            "docker: '{path}' requires at least {n} {}\n\nUsage:  {use_line}\n\nSee '{path} --help' for more information",
            plural(n)
        ),
        // Docker 28 prints "SRun" here (a typo in cli/required.go).
        Arity::AtMost(n) => format!(
            "docker: '{path}' requires at most {n} {}\n\nUsage:  {use_line}\n\nSRun '{path} --help' for more information",
            plural(n)
        ),
        Arity::Range(a, b) => format!(
            "docker: '{path}' requires at least {a} and at most {b} {}\n\nUsage:  {use_line}\n\nRun '{path} --help' for more information",
            plural(b)
        ),
        Arity::Any => String::new(),
    }
}

/// `docker --version`.
pub fn version_line() -> String {
    format!("Docker version {CLIENT_VERSION}, build {CLIENT_COMMIT}")
}

/// Prints a parse error (or a help/version request) as Docker does and
/// returns its exit code.
pub fn report(e: &ParseError, out: &mut Output) -> i32 {
    match e {
        ParseError::UnknownCommand { parent: None, word } => {
            out.errln(format!(
                "docker: unknown command: docker {word}\n\nRun 'docker --help' for more information"
            ));
            1
        }
        ParseError::UnknownCommand {
            parent: Some(p),
            word,
        } => {
            out.errln(format!(
                "docker: unknown command: docker {} {word}\n\nUsage:  docker {} COMMAND\n\nRun 'docker {} --help' for more information",
                p.path, p.path, p.path
            ));
            1
        }
        ParseError::MissingSubcommand { cmd } => {
            out.err(help_for(*cmd));
            0
        }
        ParseError::Flag { cmd, text } => {
            let (use_line, path) = match cmd {
                None => (ROOT.use_line(), "docker".to_string()),
                Some(c) if c.is_group() => (
                    format!("docker {} COMMAND", c.path),
                    format!("docker {}", c.path),
                ),
                Some(c) => (c.use_line(), format!("docker {}", c.path)),
            };
            out.errln(format!(
                "{text}\n\nUsage:  {use_line}\n\nRun '{path} --help' for more information"
            ));
            125
        }
        ParseError::Arity { cmd, .. } => {
            out.errln(arity_error(cmd));
            1
        }
        ParseError::Help { cmd, warn } => {
            if *warn {
                out.errln("Flag shorthand -h has been deprecated, use --help");
            }
            out.out(help_for(*cmd));
            0
        }
        ParseError::UnknownHelpTopic { topic } => {
            out.errln(format!("unknown help topic: {topic}"));
            1
        }
        ParseError::Version => {
            out.outln(version_line());
            0
        }
        ParseError::Unsupported { text } => {
            out.errln(text);
            1
        }
    }
}
