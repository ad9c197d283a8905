//! The Dockerfile parser corpus: every `tests/dockerfiles/NAME.Dockerfile`
//! is parsed and typed; the result (warnings, meta args, stages and their
//! instructions, each followed by `=> expanded form` when ARG/ENV
//! substitution changes it) must equal `NAME.expected` line for line. A
//! Dockerfile that Docker rejects expects one line `error <message>`.
//! Lines `# build-arg NAME=value` in a Dockerfile are passed as
//! `--build-arg`s. `UPDATE_DOCKERFILES=1` rewrites the expected files.

use dockerlings::engine::builder::instructions::{describe, parse_dockerfile};
use std::path::Path;

fn render(text: &str) -> String {
    let build_args: Vec<(String, Option<String>)> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# build-arg "))
        .map(|a| match a.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (a.to_string(), None),
        })
        .collect();
    let lines = match parse_dockerfile(text) {
        Ok(df) => describe(&df, &build_args),
        Err(e) => vec![format!(
            "error line {}: {}",
            e.line(),
            e.message("Dockerfile")
        )],
    };
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

#[test]
fn corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dockerfiles");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "Dockerfile"))
        .collect();
    names.sort();
    assert!(names.len() >= 30, "corpus has {} files", names.len());
    let update = std::env::var_os("UPDATE_DOCKERFILES").is_some();
    let mut failures = Vec::new();
    for p in &names {
        let text = std::fs::read_to_string(p).expect("read Dockerfile");
        let got = render(&text);
        let exp_path = p.with_extension("expected");
        if update {
            std::fs::write(&exp_path, &got).expect("write expected");
            continue;
        }
        let want = std::fs::read_to_string(&exp_path).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}:\n--- expected\n{want}--- got\n{got}",
                p.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Arbitrary text never panics the parser, the typer or the expander.
#[test]
fn arbitrary_input_never_panics() {
    use dockerlings::engine::builder::lex::Lexer;
    let pieces = [
        "FROM ",
        "RUN ",
        "COPY ",
        "ADD ",
        "ENV ",
        "ARG ",
        "LABEL ",
        "ONBUILD ",
        "HEALTHCHECK ",
        "SHELL ",
        "CMD ",
        "EXPOSE ",
        "WORKDIR ",
        "--from=",
        "--chown",
        "=",
        "\\",
        "`",
        "\n",
        " ",
        "\t",
        "\"",
        "'",
        "[",
        "]",
        "${",
        "}",
        "$",
        ":-",
        ":?",
        "<<",
        "<<-",
        "EOF",
        "#",
        "# escape=`\n",
        "AS ",
        "x",
        "é",
        "\u{feff}",
        "1",
        ",",
        "\"a\"",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3000 {
        let mut text = String::new();
        let n = (seed % 40) as usize;
        for _ in 0..n {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        if let Ok(df) = parse_dockerfile(&text) {
            let _ = describe(&df, &[("A".into(), Some("1".into()))]);
        }
        let _ = Lexer::new('\\').process_words(&text, &[]);
    }
}
