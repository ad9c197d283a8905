//! Solves every built-in lesson, in both languages, by running its own
//! solutions in a fresh script-mode sandbox: after the start-up commands,
//! each step's check must fail before its solution runs (so no check passes
//! vacuously) and pass right after. From the same start state (a copy of
//! the sandbox), every `@reject` sequence must leave the check failing and
//! every `@accept` sequence must make it pass; every task step has at
//! least one `@reject`. One test per lesson so results show per lesson,
//! each printing its counts.

use dockerlings::lessons::{self, check_since, Lang, Lesson, Mark, StepKind};
use dockerlings::sandbox::Sandbox;

/// Runs `cmds`, returning a transcript of what they printed.
fn run_all(sb: &mut Sandbox, cmds: &[String]) -> String {
    let mut t = String::new();
    for c in cmds {
        let r = sb.run_line(c);
        t.push_str(&format!("$ {c}\n{}", r.stdout()));
        t.push_str(&r.stderr());
        if r.exit_code != 0 {
            t.push_str(&format!("[exit {}]\n", r.exit_code));
        }
    }
    t
}

/// What a lesson's run exercised.
#[derive(Default)]
struct Counts {
    solutions: usize,
    rejects: usize,
    accepts: usize,
    quizzes: usize,
}

/// Runs each of `seqs` on a copy of `sb` (the step's start state); returns
/// the transcript of the first whose check outcome is not `want`.
fn try_each(
    sb: &Sandbox,
    check: &lessons::Check,
    seqs: &[Vec<String>],
    want: bool,
) -> Result<usize, (usize, String)> {
    for (i, seq) in seqs.iter().enumerate() {
        let mut copy = sb.clone();
        let mark = Mark::now(&copy.engine);
        let t = run_all(&mut copy, seq);
        if check_since(&copy.engine, check, &mark) != want {
            return Err((i + 1, t));
        }
    }
    Ok(seqs.len())
}

/// Solves `lesson` in `lang`; Err describes the first step that went wrong.
fn solve(lesson: &Lesson, lang: Lang, counts: &mut Counts) -> Result<(), String> {
    let mut sb = Sandbox::new_script();
    if let Err(f) = lessons::begin(lesson, &mut sb) {
        return Err(format!(
            "{} [{}]: start-up command failed:\n$ {}\n{}[exit {}]",
            lesson.id,
            lang.key(),
            f.command,
            f.output,
            f.exit_code
        ));
    }
    if !sb.history.is_empty() {
        return Err(format!(
            "{}: start-up commands left in the history",
            lesson.id
        ));
    }
    let mut last = "(the lesson's start-up commands)".to_string();
    if lesson.title.get(lang).is_empty() || lesson.intro.get(lang).is_empty() {
        return Err(format!("{} [{}]: no title/intro", lesson.id, lang.key()));
    }
    for (i, step) in lesson.steps.iter().enumerate() {
        let at = format!(
            "{} [{}] step {}/{} '{}'",
            lesson.id,
            lang.key(),
            i + 1,
            lesson.len(),
            step.id
        );
        let text = step.text.get(lang);
        if text.trim().is_empty() || lessons::render_markdown(text).is_empty() {
            return Err(format!("{at}: no text"));
        }
        match &step.kind {
            StepKind::Quiz(q) => {
                let answer = q.answer();
                if !q.is_correct(&answer) {
                    return Err(format!("{at}: the right answer is refused"));
                }
                let all: Vec<usize> = (0..q.options.len()).collect();
                let wrong = if answer == all { vec![] } else { all };
                if q.is_correct(&wrong) {
                    return Err(format!("{at}: a wrong answer is accepted"));
                }
                counts.quizzes += 1;
            }
            StepKind::Task(t) => {
                let mark = Mark::now(&sb.engine);
                if check_since(&sb.engine, &t.check, &mark) {
                    return Err(format!(
                        "{at}: check already passes before the solution\n--- previous commands:\n{last}"
                    ));
                }
                // The sequences are the same in every language: run them once.
                if lang != Lang::ALL[0] {
                    last = run_all(&mut sb, &t.solution);
                    if !check_since(&sb.engine, &t.check, &mark) {
                        return Err(format!(
                            "{at}: check fails after the solution\n--- solution ran:\n{last}"
                        ));
                    }
                    continue;
                }
                if t.rejects.is_empty() {
                    return Err(format!(
                        "{at}: no '@reject' (a near miss the check refuses)"
                    ));
                }
                match try_each(&sb, &t.check, &t.rejects, false) {
                    Ok(n) => counts.rejects += n,
                    Err((k, tr)) => {
                        return Err(format!(
                            "{at}: '@reject' #{k} passes the check\n--- it ran:\n{tr}"
                        ))
                    }
                }
                match try_each(&sb, &t.check, &t.accepts, true) {
                    Ok(n) => counts.accepts += n,
                    Err((k, tr)) => {
                        return Err(format!(
                            "{at}: '@accept' #{k} does not pass the check\n--- it ran:\n{tr}"
                        ))
                    }
                }
                last = run_all(&mut sb, &t.solution);
                if !check_since(&sb.engine, &t.check, &mark) {
                    return Err(format!(
                        "{at}: check fails after the solution\n--- solution ran:\n{last}"
                    ));
                }
                counts.solutions += 1;
            }
        }
    }
    Ok(())
}

fn solve_file(name: &str) {
    let (_, text) = lessons::FILES
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("{name} is not in lessons::FILES"));
    let lesson = match lessons::parse(text) {
        Ok(l) => l,
        Err(e) => panic!(
            "{name} does not parse:\n{}",
            e.iter().map(|e| format!("  {e}\n")).collect::<String>()
        ),
    };
    let mut counts = Counts::default();
    let failures: Vec<String> = Lang::ALL
        .iter()
        .filter_map(|l| solve(&lesson, *l, &mut counts).err())
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
    let line = format!(
        "{name}: {} solutions passed after failing first and {} quizzes answered (in each of {} languages), {} @reject refused, {} @accept passed",
        counts.solutions,
        counts.quizzes / Lang::ALL.len(),
        Lang::ALL.len(),
        counts.rejects,
        counts.accepts
    );
    println!("{line}");
    // scripts/test prints these lines after `cargo test` (its output is
    // captured): one line per lesson, appended by the parallel tests.
    let artifacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    let _ = std::fs::create_dir_all(&artifacts);
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(artifacts.join("lessons.txt"))
    {
        use std::io::Write;
        let _ = f.write_all(format!("{line}\n").as_bytes());
    }
}

macro_rules! lesson {
    ($test:ident, $file:literal) => {
        #[test]
        fn $test() {
            solve_file($file);
        }
    };
}

lesson!(lesson_01_architecture, "01-architecture.md");
lesson!(lesson_02_layers, "02-layers.md");
lesson!(lesson_03_copy_on_write, "03-copy-on-write.md");
lesson!(lesson_04_lifecycle, "04-lifecycle.md");
lesson!(lesson_05_commit, "05-commit.md");
lesson!(lesson_06_dockerfile, "06-dockerfile.md");
lesson!(lesson_07_publish, "07-publish.md");
lesson!(lesson_08_private_registry, "08-private-registry.md");
lesson!(lesson_09_multi_stage, "09-multi-stage.md");
lesson!(lesson_11_troubleshooting, "11-troubleshooting.md");

#[test]
fn every_built_in_lesson_has_a_solve_test() {
    let names: Vec<&str> = lessons::FILES.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "01-architecture.md",
            "02-layers.md",
            "03-copy-on-write.md",
            "04-lifecycle.md",
            "05-commit.md",
            "06-dockerfile.md",
            "07-publish.md",
            "08-private-registry.md",
            "09-multi-stage.md",
            "11-troubleshooting.md",
        ]
    );
}
