//! Solves every built-in lesson, in both languages, by running its own
//! solutions in a fresh script-mode sandbox: after the start-up commands,
//! each step's check must fail before its solution runs (so no check passes
//! vacuously) and pass right after. One test per lesson so results show
//! per lesson.

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

/// Solves `lesson` in `lang`; Err describes the first step that went wrong.
fn solve(lesson: &Lesson, lang: Lang) -> Result<(), String> {
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
            }
            StepKind::Task(t) => {
                let mark = Mark::now(&sb.engine);
                if check_since(&sb.engine, &t.check, &mark) {
                    return Err(format!(
                        "{at}: check already passes before the solution\n--- previous commands:\n{last}"
                    ));
                }
                last = run_all(&mut sb, &t.solution);
                if !check_since(&sb.engine, &t.check, &mark) {
                    return Err(format!(
                        "{at}: check fails after the solution\n--- solution ran:\n{last}"
                    ));
                }
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
    let failures: Vec<String> = Lang::ALL
        .iter()
        .filter_map(|l| solve(&lesson, *l).err())
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
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
        ]
    );
}
