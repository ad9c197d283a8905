//! A learner's progress through the lessons, saved with the sandbox: the
//! chosen language, the open lesson (none = free sandbox mode), and per
//! lesson the current step, completed steps, hints shown and the [`Mark`]
//! the current step started at.

use super::eval::{check_since, Mark};
use super::model::{Lang, Lesson, StepKind};
use crate::engine::Engine;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the UI needs to remember about lessons.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub lang: Lang,
    /// The lesson being followed; `None` is the free sandbox.
    pub current: Option<String>,
    pub lessons: BTreeMap<String, LessonProgress>,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress {
            lang: Lang::Zh,
            current: None,
            lessons: BTreeMap::new(),
        }
    }
}

impl Progress {
    /// The progress of lesson `id`, started now if new.
    pub fn lesson_mut(&mut self, id: &str, engine: &Engine) -> &mut LessonProgress {
        self.lessons
            .entry(id.to_string())
            .or_insert_with(|| LessonProgress::start(engine))
    }

    /// Completed steps / total, for the lesson list.
    pub fn summary(&self, lesson: &Lesson) -> (usize, usize) {
        let done = self
            .lessons
            .get(&lesson.id)
            .map(|p| p.completed.iter().filter(|d| **d).count())
            .unwrap_or(0);
        (done.min(lesson.len()), lesson.len())
    }
}

/// Progress in one lesson.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LessonProgress {
    /// Index of the step shown.
    pub step: usize,
    /// `completed[i]`: step `i` has been done.
    pub completed: Vec<bool>,
    /// Hints shown for the current step.
    pub hints_shown: usize,
    /// Where the current step began.
    pub mark: Mark,
}

/// What happened when a step was checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepOutcome {
    /// The step's check does not hold (yet), or the answer is wrong.
    NotYet,
    /// Step `done` is complete; `next` is the step now shown (None: the
    /// lesson is finished).
    Completed { done: usize, next: Option<usize> },
}

impl LessonProgress {
    /// A lesson begun on the engine's current state (after its setup).
    pub fn start(engine: &Engine) -> LessonProgress {
        LessonProgress {
            mark: Mark::now(engine),
            ..LessonProgress::default()
        }
    }

    pub fn is_done(&self, step: usize) -> bool {
        self.completed.get(step).copied().unwrap_or(false)
    }

    /// Whether every step is done.
    pub fn finished(&self, lesson: &Lesson) -> bool {
        (0..lesson.len()).all(|i| self.is_done(i))
    }

    /// Call after every command: if the current task step's check now
    /// holds, completes it and moves on.
    pub fn after_command(&mut self, engine: &Engine, lesson: &Lesson) -> StepOutcome {
        let Some(step) = lesson.step(self.step) else {
            return StepOutcome::NotYet;
        };
        match &step.kind {
            StepKind::Task(t) if check_since(engine, &t.check, &self.mark) => {
                self.complete(engine, lesson)
            }
            _ => StepOutcome::NotYet,
        }
    }

    /// Answers the current quiz step with the chosen option indices.
    pub fn answer(&mut self, engine: &Engine, lesson: &Lesson, chosen: &[usize]) -> StepOutcome {
        match lesson.step(self.step).and_then(|s| s.quiz()) {
            Some(q) if q.is_correct(chosen) => self.complete(engine, lesson),
            _ => StepOutcome::NotYet,
        }
    }

    /// Shows one more hint; returns how many are now shown.
    pub fn more_hints(&mut self, lesson: &Lesson) -> usize {
        let n = lesson
            .step(self.step)
            .and_then(|s| s.task())
            .map_or(0, |t| t.hints.len());
        self.hints_shown = (self.hints_shown + 1).min(n);
        self.hints_shown
    }

    /// Moves to step `i` (previous / next / deep link), starting it now.
    pub fn go_to(&mut self, engine: &Engine, lesson: &Lesson, i: usize) {
        if i < lesson.len() {
            self.step = i;
            self.hints_shown = 0;
            self.mark = Mark::now(engine);
        }
    }

    fn complete(&mut self, engine: &Engine, lesson: &Lesson) -> StepOutcome {
        let done = self.step;
        if self.completed.len() < lesson.len() {
            self.completed.resize(lesson.len(), false);
        }
        if let Some(c) = self.completed.get_mut(done) {
            *c = true;
        }
        let next = (done + 1 < lesson.len()).then_some(done + 1);
        if let Some(n) = next {
            self.go_to(engine, lesson, n);
        }
        StepOutcome::Completed { done, next }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LESSON: &str = "@lesson t\n@title zh\nT\n@title en\nT\n@intro zh\nI\n@intro en\nI\n\
@step v\n@text zh\nv\n@text en\nv\n@check\napi_called GET /version\n\
@hint zh\nh1\n@hint en\nh1\n@hint zh\nh2\n@hint en\nh2\n@solution\ndocker version\n\
@step q\n@quiz multiple\n@text zh\nq\n@text en\nq\n@options zh\n- [x] a\n- [ ] b\n- [x] c\n\
@options en\n- [x] a\n- [ ] b\n- [x] c\n@explain zh\ne\n@explain en\ne\n";

    #[test]
    fn steps_complete_from_state_and_answers() {
        let lesson = crate::lessons::parse(LESSON).unwrap();
        let mut e = Engine::new(0, 1);
        e.hosts[0].daemon.api.record("GET", "/version", None, 200);
        let mut p = LessonProgress::start(&e);
        // a call made before the step began does not count
        assert_eq!(p.after_command(&e, &lesson), StepOutcome::NotYet);
        assert_eq!(p.more_hints(&lesson), 1);
        assert_eq!(p.more_hints(&lesson), 2);
        assert_eq!(p.more_hints(&lesson), 2);
        e.hosts[0].daemon.api.record("GET", "/version", None, 200);
        assert_eq!(
            p.after_command(&e, &lesson),
            StepOutcome::Completed {
                done: 0,
                next: Some(1)
            }
        );
        assert_eq!((p.step, p.hints_shown), (1, 0));
        assert_eq!(p.answer(&e, &lesson, &[0]), StepOutcome::NotYet);
        assert_eq!(p.answer(&e, &lesson, &[0, 1, 2]), StepOutcome::NotYet);
        assert!(!p.finished(&lesson));
        assert_eq!(
            p.answer(&e, &lesson, &[2, 0]),
            StepOutcome::Completed {
                done: 1,
                next: None
            }
        );
        assert!(p.finished(&lesson));

        let mut all = Progress {
            current: Some("t".into()),
            ..Progress::default()
        };
        all.lessons.insert("t".into(), p);
        assert_eq!(all.summary(&lesson), (2, 2));
        let json = serde_json::to_string(&all).unwrap();
        let back: Progress = serde_json::from_str(&json).unwrap();
        assert_eq!(back, all);
        assert!(json.contains("\"lang\":\"zh-CN\""));
    }
}
