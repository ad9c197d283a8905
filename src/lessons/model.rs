//! The lesson model: a [`Lesson`] is an id, localized title and
//! introduction, start-up commands and [`Step`]s; a step is either a task
//! (text, a [`Check`] on engine state, progressive hints, a solution) or a
//! quiz (text, options, explanation). Every learner-facing string exists in
//! each [`Lang`].

use super::check::Check;
use serde::{Deserialize, Serialize};

/// A language lessons are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese, the articles' language (`zh` in lesson files).
    #[serde(rename = "zh-CN")]
    Zh,
    /// English (`en` in lesson files).
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every language, in the order lesson files list them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The key used in lesson files: `zh` or `en`.
    pub fn key(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag: `zh-CN` or `en` (for `lang=` in deep links and `<html lang>`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses `zh`, `zh-CN`, `zh-Hans`, `en`, `en-US`… (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        let primary = s.split(['-', '_']).next().unwrap_or("");
        match primary {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A string in every language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub zh: String,
    pub en: String,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    pub fn slot(&mut self, lang: Lang) -> &mut String {
        match lang {
            Lang::Zh => &mut self.zh,
            Lang::En => &mut self.en,
        }
    }

    /// The languages whose text is missing (empty).
    pub fn missing(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|l| self.get(*l).trim().is_empty())
            .collect()
    }
}

/// A lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lesson {
    /// Stable id used in deep links (`?lesson=layers`) and saved progress.
    pub id: String,
    pub title: Localized,
    /// Markdown.
    pub intro: Localized,
    /// Commands typed (hidden) into a fresh sandbox to prepare it.
    pub setup: Vec<String>,
    pub steps: Vec<Step>,
}

impl Lesson {
    /// The step at `i`, if any.
    pub fn step(&self, i: usize) -> Option<&Step> {
        self.steps.get(i)
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

/// One step of a lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Stable id within the lesson (`?step=` accepts it or a 1-based number).
    pub id: String,
    /// Markdown: what to do and why.
    pub text: Localized,
    pub kind: StepKind,
}

/// What completes a step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StepKind {
    /// Done when `check` holds on the engine's state.
    Task(Task),
    /// Done when the learner picks the right option(s).
    Quiz(Quiz),
}

/// A task step: done when its check holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub check: Check,
    /// Shown one more per press of "hint", in order.
    pub hints: Vec<Localized>,
    /// Commands typed and run by "show solution" (heredocs kept whole).
    pub solution: Vec<String>,
    /// Near-miss command sequences (`@reject`) the check must refuse, each
    /// run from the step's start state by `tests/lessons_solve.rs`.
    #[serde(default)]
    pub rejects: Vec<Vec<String>>,
    /// Alternative correct sequences (`@accept`) the check must accept.
    #[serde(default)]
    pub accepts: Vec<Vec<String>>,
    /// What to tell a learner whose state matches a known mistake
    /// (`@diagnose`), in file order.
    #[serde(default)]
    pub diagnoses: Vec<Diagnosis>,
}

/// A known mistake: when `when` holds (and the step's check does not), the
/// step explains `text`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    pub when: Check,
    pub text: Localized,
}

/// A quiz step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quiz {
    /// Several options may be correct (checkboxes) rather than one (radio).
    pub multiple: bool,
    pub options: Vec<QuizOption>,
    /// Markdown shown once answered.
    pub explanation: Localized,
    /// Why each option is right or wrong (`@why`), one per option in the
    /// options' order; empty when the lesson gives none.
    #[serde(default)]
    pub why: Vec<Localized>,
}

/// One answer of a quiz.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuizOption {
    pub text: Localized,
    pub correct: bool,
}

impl Quiz {
    /// Whether `chosen` (option indices) is exactly the set of correct options.
    pub fn is_correct(&self, chosen: &[usize]) -> bool {
        let mut chosen: Vec<usize> = chosen.to_vec();
        chosen.sort_unstable();
        chosen.dedup();
        let right: Vec<usize> = self
            .options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(i, _)| i)
            .collect();
        chosen == right
    }

    /// Indices of the correct options.
    pub fn answer(&self) -> Vec<usize> {
        self.options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(i, _)| i)
            .collect()
    }
}

impl Step {
    pub fn task(&self) -> Option<&Task> {
        match &self.kind {
            StepKind::Task(t) => Some(t),
            StepKind::Quiz(_) => None,
        }
    }

    pub fn quiz(&self) -> Option<&Quiz> {
        match &self.kind {
            StepKind::Quiz(q) => Some(q),
            StepKind::Task(_) => None,
        }
    }

    /// The first `n` hints in `lang`.
    pub fn hints(&self, lang: Lang, n: usize) -> Vec<&str> {
        self.task()
            .map(|t| t.hints.iter().take(n).map(|h| h.get(lang)).collect())
            .unwrap_or_default()
    }
}
