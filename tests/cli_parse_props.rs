//! Property tests of the `docker` command-line parser: any argument vector
//! (command words, flags of every kind, clusters, `=` values, odd bytes)
//! parses or yields a usage error without panicking; the error is printed
//! on stderr (help on stdout) with one of docker's exit codes; and a parsed
//! invocation keeps every positional argument in order.

use dockerlings::cli::commands::table;
use dockerlings::cli::parse::{parse, ParseError};
use dockerlings::cli::usage::report;
use dockerlings::userland::Output;
use proptest::prelude::*;

/// Words a learner might type: command names, flags of the grammar, and noise.
fn vocabulary() -> &'static [String] {
    static V: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    V.get_or_init(build_vocabulary)
}

fn build_vocabulary() -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for c in table() {
        v.extend(c.path.split(' ').map(str::to_string));
        for f in c.flags {
            v.push(format!("--{}", f.long));
            v.push(format!("--{}=x", f.long));
            v.push(format!("--{}=", f.long));
            if let Some(s) = f.short {
                v.push(format!("-{s}"));
                v.push(format!("-{s}=1"));
                v.push(format!("-{s}80:80"));
            }
        }
    }
    for w in [
        "-",
        "--",
        "---",
        "-h",
        "--help",
        "-v",
        "-it",
        "-dit",
        "help",
        "",
        "é",
        "-é",
        "--é",
        "alpine",
        "0x1f",
        "1h",
        "512m",
        "-1",
        "99999999999999999999",
    ] {
        v.push(w.to_string());
    }
    v.sort();
    v.dedup();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_reports_with_dockers_exit_codes(
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..8)
    ) {
        let vocab = vocabulary();
        let argv: Vec<String> = picks.iter().map(|i| i.get(vocab).clone()).collect();
        match parse(table(), &argv) {
            Ok((_, inv)) => {
                // Positionals are a subsequence of the words typed.
                let mut it = argv.iter();
                for a in &inv.args {
                    prop_assert!(it.any(|w| w == a), "{:?} lost {:?}", argv, a);
                }
            }
            Err(e) => {
                let mut out = Output::new();
                let code = report(&e, &mut out);
                prop_assert!([0, 1, 125].contains(&code), "{:?} -> {}", argv, code);
                match e {
                    ParseError::Help { .. } | ParseError::Version => {
                        prop_assert_eq!(code, 0);
                        prop_assert!(!out.stdout().is_empty());
                    }
                    ParseError::MissingSubcommand { .. } => {
                        prop_assert_eq!(code, 0);
                        prop_assert!(out.stdout().is_empty() && !out.stderr().is_empty());
                    }
                    _ => {
                        prop_assert!(code != 0);
                        prop_assert!(out.stdout().is_empty() && !out.stderr().is_empty());
                    }
                }
            }
        }
    }
}
