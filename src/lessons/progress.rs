//! A learner's progress through the lessons, saved with the sandbox: the
//! chosen language, the open lesson (none = free sandbox mode), and per
//! lesson the current step, completed steps, hints shown and the [`Mark`]
//! the current step started at.
//!
//! The step flow is a small state machine, pure and tested here: only the
//! step *shown* is checked; a step that passes stays shown, marked done,
//! until the learner presses "Next" ([`LessonProgress::next`]; moving on by
//! itself only with [`Progress::auto_advance`]); a done step is never
//! checked again, so re-opening it (dots, "Previous") stays there and
//! completion is announced once; the lesson's completion is reported once,
//! with the step that finished it.

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
    /// Move to the next step as soon as one passes (opt-in; by default a
    /// passed step stays on screen until "Next").
    #[serde(default)]
    pub auto_advance: bool,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress {
            lang: Lang::Zh,
            current: None,
            lessons: BTreeMap::new(),
            auto_advance: false,
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
    /// Commands run on the current step without it passing (after
    /// [`IDLE_DIAGNOSE`] of them the panel explains what is missing).
    #[serde(default)]
    pub idle: usize,
}

/// Commands without progress after which the step diagnoses the state.
pub const IDLE_DIAGNOSE: usize = 3;

/// What happened when a step was checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepOutcome {
    /// The step's check does not hold (yet), the answer is wrong, or the
    /// step shown was done already (nothing new to announce).
    NotYet,
    /// [`IDLE_DIAGNOSE`] commands in a row have not completed the step:
    /// time to explain what the state lacks.
    Stuck,
    /// Step `done` is complete (announce it once). `next` is the step that
    /// follows (None: it was the last); `shown` the step shown now (`done`
    /// unless auto-advancing); `finished` is true when this completion
    /// finished the lesson.
    Completed {
        done: usize,
        next: Option<usize>,
        shown: usize,
        finished: bool,
    },
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

    /// Call after every command: if the step shown is a task not yet done
    /// and its check now holds, completes it (and moves on only when
    /// `auto_advance`). A done step is not checked again.
    pub fn after_command(
        &mut self,
        engine: &Engine,
        lesson: &Lesson,
        auto_advance: bool,
    ) -> StepOutcome {
        let Some(step) = lesson.step(self.step) else {
            return StepOutcome::NotYet;
        };
        if self.is_done(self.step) {
            return StepOutcome::NotYet;
        }
        match &step.kind {
            StepKind::Task(t) if check_since(engine, &t.check, &self.mark) => {
                self.complete(engine, lesson, auto_advance)
            }
            StepKind::Task(_) => {
                self.idle += 1;
                if self.idle % IDLE_DIAGNOSE == 0 {
                    StepOutcome::Stuck
                } else {
                    StepOutcome::NotYet
                }
            }
            StepKind::Quiz(_) => StepOutcome::NotYet,
        }
    }

    /// Answers the current quiz step with the chosen option indices.
    pub fn answer(
        &mut self,
        engine: &Engine,
        lesson: &Lesson,
        chosen: &[usize],
        auto_advance: bool,
    ) -> StepOutcome {
        if self.is_done(self.step) {
            return StepOutcome::NotYet;
        }
        match lesson.step(self.step).and_then(|s| s.quiz()) {
            Some(q) if q.is_correct(chosen) => self.complete(engine, lesson, auto_advance),
            _ => StepOutcome::NotYet,
        }
    }

    /// The step "Next" leads to: the one after the step shown.
    pub fn next_step(&self, lesson: &Lesson) -> Option<usize> {
        (self.step + 1 < lesson.len()).then_some(self.step + 1)
    }

    /// "Next": shows the following step; false on the last one.
    pub fn next(&mut self, engine: &Engine, lesson: &Lesson) -> bool {
        match self.next_step(lesson) {
            Some(n) => {
                self.go_to(engine, lesson, n);
                true
            }
            None => false,
        }
    }

    /// The first step not done (where a returning learner resumes).
    pub fn first_open(&self, lesson: &Lesson) -> Option<usize> {
        (0..lesson.len()).find(|i| !self.is_done(*i))
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
            self.idle = 0;
            self.mark = Mark::now(engine);
        }
    }

    fn complete(&mut self, engine: &Engine, lesson: &Lesson, auto_advance: bool) -> StepOutcome {
        let done = self.step;
        let was_finished = self.finished(lesson);
        if self.completed.len() < lesson.len() {
            self.completed.resize(lesson.len(), false);
        }
        if let Some(c) = self.completed.get_mut(done) {
            *c = true;
        }
        self.idle = 0;
        let next = (done + 1 < lesson.len()).then_some(done + 1);
        let mut shown = done;
        if let (Some(n), true) = (next, auto_advance) {
            self.go_to(engine, lesson, n);
            shown = n;
        }
        StepOutcome::Completed {
            done,
            next,
            shown,
            finished: !was_finished && self.finished(lesson),
        }
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

    fn done(done: usize, next: Option<usize>, shown: usize, finished: bool) -> StepOutcome {
        StepOutcome::Completed {
            done,
            next,
            shown,
            finished,
        }
    }

    fn version(e: &mut Engine) {
        e.hosts[0].daemon.api.record("GET", "/version", None, 200);
    }

    #[test]
    fn steps_complete_from_state_and_answers() {
        let lesson = crate::lessons::parse(LESSON).unwrap();
        let mut e = Engine::new(0, 1);
        version(&mut e);
        let mut p = LessonProgress::start(&e);
        // a call made before the step began does not count
        assert_eq!(p.after_command(&e, &lesson, true), StepOutcome::NotYet);
        assert_eq!(p.more_hints(&lesson), 1);
        assert_eq!(p.more_hints(&lesson), 2);
        assert_eq!(p.more_hints(&lesson), 2);
        version(&mut e);
        assert_eq!(
            p.after_command(&e, &lesson, true),
            done(0, Some(1), 1, false)
        );
        assert_eq!((p.step, p.hints_shown), (1, 0));
        assert_eq!(p.answer(&e, &lesson, &[0], true), StepOutcome::NotYet);
        assert_eq!(p.answer(&e, &lesson, &[0, 1, 2], true), StepOutcome::NotYet);
        assert!(!p.finished(&lesson));
        assert_eq!(p.answer(&e, &lesson, &[2, 0], true), done(1, None, 1, true));
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
        // progress saved before these fields existed still loads
        let old = json
            .replace(",\"auto_advance\":false", "")
            .replace(",\"idle\":0", "");
        assert!(!old.contains("idle") && !old.contains("auto_advance"));
        assert_eq!(serde_json::from_str::<Progress>(&old).unwrap(), all);
    }

    #[test]
    fn a_passed_step_stays_shown_until_next() {
        let lesson = crate::lessons::parse(LESSON).unwrap();
        let mut e = Engine::new(0, 1);
        let mut p = LessonProgress::start(&e);
        version(&mut e);
        assert_eq!(
            p.after_command(&e, &lesson, false),
            done(0, Some(1), 0, false)
        );
        assert_eq!(p.step, 0);
        assert!(p.is_done(0));
        // announced once: later commands (the check still holds) say nothing
        version(&mut e);
        assert_eq!(p.after_command(&e, &lesson, false), StepOutcome::NotYet);
        assert_eq!(p.after_command(&e, &lesson, false), StepOutcome::NotYet);
        assert_eq!(p.step, 0);
        assert!(p.next(&e, &lesson));
        assert_eq!(p.step, 1);
        assert_eq!(
            p.answer(&e, &lesson, &[0, 2], false),
            done(1, None, 1, true)
        );
        // the last step: no next, and nothing re-announced
        assert!(!p.next(&e, &lesson));
        assert_eq!(p.answer(&e, &lesson, &[0, 2], false), StepOutcome::NotYet);
        assert_eq!(p.after_command(&e, &lesson, false), StepOutcome::NotYet);
        assert_eq!(p.first_open(&lesson), None);
    }

    #[test]
    fn a_done_step_can_be_reopened_and_stays_open() {
        let lesson = crate::lessons::parse(LESSON).unwrap();
        let mut e = Engine::new(0, 1);
        let mut p = LessonProgress::start(&e);
        version(&mut e);
        assert_eq!(
            p.after_command(&e, &lesson, true),
            done(0, Some(1), 1, false)
        );
        p.go_to(&e, &lesson, 0);
        version(&mut e);
        // its check holds again, yet the learner stays where they went
        for _ in 0..5 {
            assert_eq!(p.after_command(&e, &lesson, true), StepOutcome::NotYet);
        }
        assert_eq!(p.step, 0);
        assert_eq!(p.first_open(&lesson), Some(1));
        // out of range: ignored
        p.go_to(&e, &lesson, 9);
        assert_eq!(p.step, 0);
    }

    #[test]
    fn idle_commands_ask_for_a_diagnosis_every_few_commands() {
        let lesson = crate::lessons::parse(LESSON).unwrap();
        let e = Engine::new(0, 1);
        let mut p = LessonProgress::start(&e);
        let outcomes: Vec<StepOutcome> = (0..2 * IDLE_DIAGNOSE)
            .map(|_| p.after_command(&e, &lesson, false))
            .collect();
        let stuck: Vec<usize> = outcomes
            .iter()
            .enumerate()
            .filter(|(_, o)| **o == StepOutcome::Stuck)
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(stuck, [IDLE_DIAGNOSE, 2 * IDLE_DIAGNOSE]);
        p.go_to(&e, &lesson, 0);
        assert_eq!(p.idle, 0);
    }
}
