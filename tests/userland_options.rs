//! No program silently ignores an option: every program the userland
//! registers (GNU flavour) and every busybox applet (busybox flavour) is
//! run with an option no real program has, and must fail with a non-zero
//! status and a message on stderr. Programs whose options are not yet
//! declared in an option table (`userland::programs::opts`) are listed in
//! [`NOT_YET_CONVERTED`]; the list may only shrink.

use dockerlings::userland::programs::{applets, Ctx, Flavor, Limits, Proc, PROGRAMS};
use dockerlings::userland::testing::{ubuntu_fs, MemSys};
use dockerlings::userland::{Output, Stream};

/// Programs that do not (yet) reject an unknown option, by owner: the lead
/// shrinks this list as their option tables land.
const NOT_YET_CONVERTED: &[&str] = &[
    // text tools (text helper)
    "printf",
    // system tools (api helper)
    "date",
    "free",
    "id",
    "ifconfig",
    "nproc",
    "printenv",
    "ps",
    "pwd",
    "uname",
    "uptime",
    "which",
    "whoami",
    "yes",
    // servers
    "hello",
    "nginx",
    "redis-cli",
    "redis-server",
];

/// Programs that take no options at all, as the real ones: `true -@` and
/// `echo -@` succeed for real, and `expr -@ x` is an expression.
const NO_OPTIONS_BY_DESIGN: &[&str] = &["true", "false", "echo", "expr"];

fn run(name: &str, flavor: Flavor, arg: &str) -> (i32, String) {
    let mut sys = MemSys::new(ubuntu_fs());
    let ctx = Ctx {
        env: vec![("PATH".into(), "/usr/bin:/bin".into())],
        cwd: "/".into(),
        user: "root".into(),
        stdin: Some(Vec::new()),
        ..Ctx::default()
    };
    let mut out = Output::new();
    let mut lim = Limits::new(0, 60_000, 10_000);
    lim.live = false;
    let f = PROGRAMS.iter().find(|(n, _)| *n == name).unwrap().1;
    let mut p = Proc {
        sys: &mut sys,
        argv: vec![name.to_string(), arg.to_string(), "x".to_string()],
        ctx: &ctx,
        out: &mut out,
        lim: &mut lim,
        flavor,
        exe: if flavor == Flavor::Busybox {
            "busybox".into()
        } else {
            name.to_string()
        },
    };
    let code = f(&mut p).unwrap_or(-1);
    let err: String = out
        .chunks
        .iter()
        .filter(|(s, _)| *s == Stream::Stderr)
        .map(|(_, t)| t.as_str())
        .collect();
    (code, err)
}

fn check(flavor: Flavor, names: &[&str]) -> Vec<String> {
    let mut bad = Vec::new();
    for name in names {
        if NOT_YET_CONVERTED.contains(name) || NO_OPTIONS_BY_DESIGN.contains(name) {
            continue;
        }
        for arg in ["--no-such-option", "-@"] {
            let (code, err) = run(name, flavor, arg);
            if code == 0 || err.is_empty() {
                bad.push(format!(
                    "{name} {arg} ({flavor:?}): status {code}, stderr {err:?}"
                ));
            }
        }
    }
    bad
}

#[test]
fn every_gnu_program_rejects_an_unknown_option() {
    let names: Vec<&str> = PROGRAMS.iter().map(|(n, _)| *n).collect();
    let bad = check(Flavor::Gnu, &names);
    assert!(
        bad.is_empty(),
        "programs ignoring an unknown option:\n{}",
        bad.join("\n")
    );
}

#[test]
fn every_busybox_applet_rejects_an_unknown_option() {
    let bad = check(Flavor::Busybox, &applets::all());
    assert!(
        bad.is_empty(),
        "applets ignoring an unknown option:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_exception_list_only_names_registered_programs_that_still_need_it() {
    for name in NOT_YET_CONVERTED {
        assert!(
            PROGRAMS.iter().any(|(n, _)| n == name),
            "{name} is not a registered program"
        );
    }
}

#[test]
fn unknown_options_are_worded_as_the_real_tools_word_them() {
    assert_eq!(
        run("ls", Flavor::Gnu, "-Z"),
        (
            2,
            "dockerlings: ls: the -Z option is not available in this sandbox\n".into()
        )
    );
    assert_eq!(
        run("ls", Flavor::Gnu, "-@"),
        (
            2,
            "ls: invalid option -- '@'\nTry 'ls --help' for more information.\n".into()
        )
    );
    assert_eq!(
        run("cp", Flavor::Gnu, "--frobnicate"),
        (
            1,
            "cp: unrecognized option '--frobnicate'\nTry 'cp --help' for more information.\n"
                .into()
        )
    );
    assert_eq!(
        run("diff", Flavor::Gnu, "-@"),
        (
            2,
            "diff: invalid option -- '@'\ndiff: Try 'diff --help' for more information.\n".into()
        )
    );
    assert_eq!(
        run("apt-get", Flavor::Gnu, "-@"),
        (
            100,
            "E: Command line option '@' [from -@] is not understood in combination with the other options.\n"
                .into()
        )
    );
    // `apk add --virtual .deps gcc` must not take `.deps` for a package.
    assert_eq!(
        run("apk", Flavor::Gnu, "--virtual"),
        (
            2,
            "dockerlings: apk: the --virtual option is not available in this sandbox\n".into()
        )
    );
    let (code, err) = run("cat", Flavor::Busybox, "-@");
    assert_eq!(code, 1);
    assert!(
        err.starts_with("cat: unrecognized option: @\nBusyBox v1.37.0"),
        "{err}"
    );
}
