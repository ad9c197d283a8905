//! Feedback that diagnoses: what the current state lacks for a task step
//! (its `@diagnose` entries whose condition holds, else the check's lines
//! that do not hold yet), and why each chosen quiz option is right or
//! wrong. Computed from the same predicates the step's check uses.

use super::check::{Check, Predicate};
use super::eval::{check_since, Mark};
use super::model::{Lang, Quiz, Task};
use super::ui;
use crate::engine::Engine;

/// What the state lacks for `task`, in `lang`: nothing when its check
/// holds; else the text of every `@diagnose` whose condition holds, or —
/// when no known mistake matches — the check's requirements not met yet.
pub fn diagnose(engine: &Engine, task: &Task, mark: &Mark, lang: Lang) -> Vec<String> {
    if check_since(engine, &task.check, mark) {
        return Vec::new();
    }
    let known: Vec<String> = task
        .diagnoses
        .iter()
        .filter(|d| check_since(engine, &d.when, mark))
        .map(|d| d.text.get(lang).to_string())
        .collect();
    if !known.is_empty() {
        return known;
    }
    let parts = match &task.check {
        Check::All(v) => v.iter().collect(),
        c => vec![c],
    };
    parts
        .into_iter()
        .filter(|c| !check_since(engine, c, mark))
        .map(|c| missing(c, lang))
        .collect()
}

/// One requirement that does not hold, in words for the common predicates
/// (what is not there yet), else in the lesson format.
fn missing(c: &Check, lang: Lang) -> String {
    let (negated, p) = match c {
        Check::Pred(p) => (false, p),
        Check::Not(inner) => match inner.as_ref() {
            Check::Pred(p) => (true, p),
            _ => return generic(c, lang),
        },
        _ => return generic(c, lang),
    };
    let arg = |i: usize| p.arg(i).unwrap_or("");
    let selectors = || {
        p.opts
            .iter()
            .filter(|(k, _)| matches!(k.as_str(), "name" | "image" | "status"))
            .map(|(k, v)| format!("`{k}={v}`"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let key = match (p.name.as_str(), negated) {
        ("image_exists", false) => "lacks-image",
        ("image_exists", true) => "extra-image",
        ("container_exists", false) => "lacks-container",
        ("container_exists", true) => "extra-container",
        ("api_called", false) => "lacks-request",
        ("registry_has", false) => "lacks-registry-repo",
        ("file_exists", false) => "lacks-file",
        _ => return generic(c, lang),
    };
    let repo = match p.arg(2) {
        Some(tag) => format!("{}:{tag}", arg(1)),
        None => arg(1).to_string(),
    };
    ui::fill(
        ui::text(lang, key),
        &[
            ("ref", arg(0)),
            ("path", arg(0)),
            ("method", arg(0)),
            ("request", arg(1)),
            ("registry", arg(0)),
            ("repo", &repo),
            ("selectors", &selectors()),
        ],
    )
}

fn generic(c: &Check, lang: Lang) -> String {
    ui::fill(
        ui::text(lang, "still-missing"),
        &[("check", &format!("`{}`", describe(c)))],
    )
}

/// A check written back in the lesson format (`any`/`all` groups inline).
pub fn describe(c: &Check) -> String {
    match c {
        Check::Pred(p) => predicate(p),
        Check::Not(c) => format!("not {}", describe(c)),
        Check::All(v) => group("all", v),
        Check::Any(v) => group("any", v),
    }
}

fn group(word: &str, v: &[Check]) -> String {
    let inner: Vec<String> = v.iter().map(describe).collect();
    format!("{word}({})", inner.join(", "))
}

fn predicate(p: &Predicate) -> String {
    let mut words = vec![p.name.clone()];
    words.extend(p.args.iter().map(|a| quoted(a)));
    words.extend(p.opts.iter().map(|(k, v)| format!("{k}={}", quoted(v))));
    words.join(" ")
}

fn quoted(s: &str) -> String {
    if s.is_empty() || s.contains([' ', '"']) {
        format!("\"{}\"", s.replace('"', "\\\""))
    } else {
        s.to_string()
    }
}

/// The verdict on one chosen option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionVerdict {
    /// Option index.
    pub option: usize,
    /// The option is a right answer.
    pub right: bool,
    /// Why (the quiz's `@why` line), empty when the lesson gives none.
    pub why: String,
}

/// Feedback on a quiz answer: a verdict per chosen option, and how many
/// right answers were not chosen (named only by count, so the learner
/// still has to find them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizFeedback {
    pub verdicts: Vec<OptionVerdict>,
    pub missed: usize,
}

/// Explains an answer to `quiz`.
pub fn quiz_feedback(quiz: &Quiz, chosen: &[usize], lang: Lang) -> QuizFeedback {
    let mut chosen: Vec<usize> = chosen
        .iter()
        .copied()
        .filter(|i| *i < quiz.options.len())
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    let verdicts = chosen
        .iter()
        .map(|&i| OptionVerdict {
            option: i,
            right: quiz.options[i].correct,
            why: quiz
                .why
                .get(i)
                .map(|w| w.get(lang).to_string())
                .unwrap_or_default(),
        })
        .collect();
    let missed = quiz
        .answer()
        .into_iter()
        .filter(|i| !chosen.contains(i))
        .count();
    QuizFeedback { verdicts, missed }
}

impl QuizFeedback {
    /// The feedback as Markdown in `lang`: a line per chosen option (✓/✗,
    /// the option, why), then how many right answers are missing.
    pub fn markdown(&self, quiz: &Quiz, lang: Lang) -> String {
        let mut out = String::new();
        for v in &self.verdicts {
            let mark = if v.right { "✓" } else { "✗" };
            let text = quiz.options[v.option].text.get(lang);
            out.push_str(&format!("- {mark} **{text}**"));
            if let Some(why) = quiz.why.get(v.option) {
                out.push_str(&format!(" — {}", why.get(lang)));
            }
            out.push('\n');
        }
        if self.missed > 0 {
            let n = self.missed.to_string();
            out.push_str(&format!(
                "\n{}\n",
                ui::fill(ui::text(lang, "missed-right"), &[("n", &n)])
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LESSON: &str = "@lesson t\n@title zh\nT\n@title en\nT\n@intro zh\nI\n@intro en\nI\n\
@step c\n@text zh\nc\n@text en\nc\n@check\ncontainer_exists name=c1 status=running\nimage_exists alpine\n\
@solution\ndocker run -dit --name c1 alpine\n\
@diagnose\ncontainer_exists name=c1 status=exited\nzh: 容器 c1 已退出:启动时没有加 -dit\n\
en: c1 exists but has exited:\nen: it was started without -dit\n\
@step q\n@quiz multiple\n@text zh\nq\n@text en\nq\n@options zh\n- [x] a\n- [ ] b\n- [x] c\n\
@options en\n- [x] a\n- [ ] b\n- [x] c\n@explain zh\ne\n@explain en\ne\n\
@why zh\n- 甲\n- 乙\n- 丙\n@why en\n- A\n- B\n- C\n";

    #[test]
    fn a_known_mistake_is_named_else_the_missing_requirement() {
        let lesson = crate::lessons::parse(LESSON).unwrap();
        let task = lesson.steps[0].task().unwrap();
        let mut sb = crate::sandbox::Sandbox::new_script();
        let mark = Mark::now(&sb.engine);
        let missing = diagnose(&sb.engine, task, &mark, Lang::En);
        assert_eq!(
            missing,
            [
                "No container matches `name=c1` `status=running` yet (see `docker ps -a`).",
                "There is no local image `alpine` yet."
            ]
        );
        assert_eq!(sb.run_line("docker run --name c1 alpine").exit_code, 0);
        assert_eq!(
            diagnose(&sb.engine, task, &mark, Lang::En),
            ["c1 exists but has exited: it was started without -dit"]
        );
        assert_eq!(
            diagnose(&sb.engine, task, &mark, Lang::Zh),
            ["容器 c1 已退出:启动时没有加 -dit"]
        );
        assert_eq!(sb.run_line("docker rm c1").exit_code, 0);
        assert_eq!(sb.run_line("docker run -dit --name c1 alpine").exit_code, 0);
        assert!(diagnose(&sb.engine, task, &mark, Lang::En).is_empty());
    }

    #[test]
    fn requirements_not_met_are_said_in_words() {
        let text = LESSON.replace(
            "container_exists name=c1 status=running\nimage_exists alpine\n",
            "api_called GET /version\nregistry_has docker.io learner/x 1.0\nfile_exists /tmp/x\n\
not image_exists alpine\nimage_layer_count alpine min=2\n",
        );
        let lesson = crate::lessons::parse(&text).unwrap();
        let task = lesson.steps[0].task().unwrap();
        let mut sb = crate::sandbox::Sandbox::new_script();
        assert_eq!(sb.run_line("docker pull alpine").exit_code, 0);
        let mark = Mark::now(&sb.engine);
        assert_eq!(
            diagnose(&sb.engine, task, &mark, Lang::En),
            [
                "Since this step began, the Docker daemon has not received a `GET /version` request: run the docker command that sends it.",
                "The registry `docker.io` does not hold `learner/x:1.0` yet.",
                "`/tmp/x` does not exist yet.",
                "The image `alpine` is still here.",
                "Not there yet: `image_layer_count alpine min=2`",
            ]
        );
        let zh = diagnose(&sb.engine, task, &mark, Lang::Zh);
        assert_eq!(zh[2], "`/tmp/x` 还不存在。");
        assert_eq!(zh[3], "镜像 `alpine` 还在本地。");
    }

    #[test]
    fn quiz_answers_are_explained_option_by_option() {
        let lesson = crate::lessons::parse(LESSON).unwrap();
        let quiz = lesson.steps[1].quiz().unwrap();
        let f = quiz_feedback(quiz, &[1, 0, 9], Lang::En);
        assert_eq!(f.missed, 1);
        assert_eq!(
            f.verdicts
                .iter()
                .map(|v| (v.option, v.right))
                .collect::<Vec<_>>(),
            [(0, true), (1, false)]
        );
        assert_eq!(
            f.markdown(quiz, Lang::En),
            "- ✓ **a** — A\n- ✗ **b** — B\n\nRight answers not chosen yet: 1.\n"
        );
        let zh = f.markdown(quiz, Lang::Zh);
        assert!(zh.contains("- ✗ **b** — 乙"), "{zh}");
        assert_eq!(quiz_feedback(quiz, &[0, 2], Lang::En).missed, 0);
    }
}
