//! Lessons: the lesson model (steps, hints, solutions, quizzes), the lesson
//! file format and its lint, checks evaluated against engine state, safe
//! Markdown rendering for lesson text, and the learner's progress.
//!
//! The built-in lessons are the files in `lessons/`, embedded at compile
//! time ([`catalog`]). Instructors write their own in the same format
//! (`lessons/README.md`) and check them with `dockerlings lint FILE`.
//!
//! For the UI: [`catalog`] / [`find`] give the lessons; [`begin`] prepares
//! a sandbox (fresh for "reset lesson") and returns a [`LessonProgress`];
//! after every command call [`LessonProgress::after_command`], for quizzes
//! [`LessonProgress::answer`]; [`LessonProgress::more_hints`] and
//! [`LessonProgress::go_to`] for hints, previous/next and deep links
//! ([`Lesson::find_step`], [`Lang::parse`]); [`render_markdown`] turns step
//! text into safe HTML whose `pre.run[data-run]` blocks are click-to-run
//! (split their text with [`crate::sandbox::script_lines`]); [`ui::text`]
//! has the panel's own strings. [`Progress`] serialises with the sandbox;
//! `Progress::current == None` is the free sandbox mode.
//!
//! The step flow ([`progress`]) is pure: only the step shown is checked, a
//! passed step waits for "Next" (auto-advance is opt-in), completion is
//! announced once. [`feedback`] explains what a step's state lacks (its
//! `@diagnose` entries, else the unmet requirements in words) and why each
//! chosen quiz option is right or wrong (`@why`). `@reject` / `@accept`
//! sequences are data for `tests/lessons_solve.rs`.
//!
//! Why a hand-parsed format and a hand-written Markdown subset: measured on
//! wasm32 (opt-level "z", LTO, before wasm-opt), against a baseline cdylib
//! that already links serde_json (46 KB), `toml` 0.8 with serde derives
//! adds ~172 KB and `pulldown-cmark` 0.12 (html) ~179 KB, while this
//! module's parser, checks and lint add ~30 KB and its Markdown renderer
//! ~13 KB.

pub mod check;
pub mod eval;
pub mod feedback;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod progress;
pub mod state;
pub mod ui;

pub use check::{Check, Predicate, VOCABULARY};
pub use eval::{check, check_since, Mark};
pub use feedback::{diagnose, quiz_feedback, QuizFeedback};
pub use markdown::{render_markdown, runnable_blocks};
pub use model::{Diagnosis, Lang, Lesson, Localized, Quiz, QuizOption, Step, StepKind, Task};
pub use parse::{parse, LintError, LintKind};
pub use progress::{LessonProgress, Progress, StepOutcome, IDLE_DIAGNOSE};

/// The built-in lesson files, in course order: (file name, text).
pub const FILES: &[(&str, &str)] = &[
    (
        "01-architecture.md",
        include_str!("../../lessons/01-architecture.md"),
    ),
    ("02-layers.md", include_str!("../../lessons/02-layers.md")),
    (
        "03-copy-on-write.md",
        include_str!("../../lessons/03-copy-on-write.md"),
    ),
    (
        "04-lifecycle.md",
        include_str!("../../lessons/04-lifecycle.md"),
    ),
    ("05-commit.md", include_str!("../../lessons/05-commit.md")),
    (
        "06-dockerfile.md",
        include_str!("../../lessons/06-dockerfile.md"),
    ),
    ("07-publish.md", include_str!("../../lessons/07-publish.md")),
    (
        "08-private-registry.md",
        include_str!("../../lessons/08-private-registry.md"),
    ),
    (
        "09-multi-stage.md",
        include_str!("../../lessons/09-multi-stage.md"),
    ),
    (
        "11-troubleshooting.md",
        include_str!("../../lessons/11-troubleshooting.md"),
    ),
];

/// The built-in lessons, in course order. Files that do not parse are left
/// out (the tests lint every file, so none is).
pub fn catalog() -> Vec<Lesson> {
    FILES.iter().filter_map(|(_, t)| parse(t).ok()).collect()
}

/// The built-in lesson with this id.
pub fn find(id: &str) -> Option<Lesson> {
    FILES
        .iter()
        .filter_map(|(_, t)| parse(t).ok())
        .find(|l| l.id == id)
}

/// Every problem in a lesson file: unknown predicates, missing
/// translations, steps without a check or solution, bad quizzes, syntax.
pub fn lint(text: &str) -> Vec<LintError> {
    match parse(text) {
        Ok(_) => Vec::new(),
        Err(e) => e,
    }
}

impl Lesson {
    /// The step a deep link names: its id, or its 1-based number.
    pub fn find_step(&self, key: &str) -> Option<usize> {
        if let Some(i) = self.steps.iter().position(|s| s.id == key) {
            return Some(i);
        }
        key.parse::<usize>()
            .ok()
            .filter(|n| *n >= 1 && *n <= self.steps.len())
            .map(|n| n - 1)
    }
}

/// The lesson's start-up commands as the terminal shows them after
/// preparing a sandbox: one line per line typed, indented, so a heredoc
/// keeps its lines (never joined into one).
pub fn setup_listing(lesson: &Lesson) -> String {
    lesson
        .setup
        .iter()
        .flat_map(|c| c.lines())
        .map(|l| format!("\n  {l}"))
        .collect()
}

/// A start-up command that failed (a bug in the lesson, or in the engine).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetupFailed {
    pub command: String,
    pub exit_code: i32,
    /// What it printed, stdout and stderr interleaved.
    pub output: String,
}

/// Prepares `sandbox` for `lesson` (normally a fresh one: "reset lesson")
/// by running its start-up commands, kept out of the learner's history, and
/// returns the progress of a lesson begun on that state. Stops at the first
/// command that exits non-zero.
pub fn begin(
    lesson: &Lesson,
    sandbox: &mut crate::sandbox::Sandbox,
) -> Result<LessonProgress, SetupFailed> {
    let history = sandbox.history.len();
    let mut failed = None;
    for c in &lesson.setup {
        let r = match sandbox.mode {
            crate::sandbox::ClockMode::Virtual => sandbox.run_line(c),
            crate::sandbox::ClockMode::Real => {
                let now = sandbox.engine.now();
                sandbox.run_line_at(c, now)
            }
        };
        if r.exit_code != 0 {
            failed = Some(SetupFailed {
                command: c.clone(),
                exit_code: r.exit_code,
                output: r.output.chunks.iter().map(|(_, t)| t.as_str()).collect(),
            });
            break;
        }
    }
    sandbox.history.truncate(history);
    match failed {
        Some(f) => Err(f),
        None => Ok(LessonProgress::start(&sandbox.engine)),
    }
}
