//! The lesson state behind the panel: the catalog, the learner's
//! [`Progress`] (language, open lesson, steps done, hints shown; saved in
//! localStorage next to the sandbox), the confirmation banner, the quiz
//! choice being made, deep links (`?lesson=…&step=…&lang=…`) and what the
//! panel's buttons do. What must happen in the terminal (type and run
//! commands, start over on a fresh sandbox) is returned as an [`Effect`]
//! for the console to carry out.

use crate::lessons::{self, ui, Lang, Lesson, LessonProgress, Progress, StepOutcome};
use crate::sandbox::Sandbox;
use crate::web::i18n::{self, t, tf};
use crate::web::storage;
use std::rc::Rc;

/// The localStorage key of the lesson progress.
const PROGRESS_KEY: &str = "dockerlings.lessons.v1";

/// What the panel asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Open a lesson (`None`: the free sandbox).
    Open(Option<String>),
    /// Show the lesson list.
    Browse,
    Lang(Lang),
    Hint,
    Solution,
    Reset,
    /// Go to step `i` (previous / next / a step dot).
    Go(usize),
    /// Open the lesson after the current one.
    NextLesson,
    /// Show the lesson list (not a toggle: after a lesson it always opens).
    List,
    /// Move on as soon as a step passes (opt-in).
    AutoAdvance(bool),
    /// Toggle quiz option `i`.
    Choose(usize),
    /// Submit the chosen quiz options.
    Answer,
    /// Type and run a click-to-run block's commands.
    Run(String),
    Dismiss,
    /// Start lesson `id` on a fresh sandbox; the learner agreed to lose the
    /// current one (see [`Effect::Ask`]).
    StartFresh(String),
    /// Reset the current lesson; the learner agreed.
    ResetConfirmed,
}

/// What the console must do after an [`Action`].
pub enum Effect {
    /// Only the view changes.
    Render,
    /// Type these lines at the prompt and run them, as if typed.
    Type(Vec<String>),
    /// The sandbox was replaced (a lesson's fresh start): clear the screen
    /// and show this notice.
    Replaced(String),
    /// Ask the learner (an in-page dialog, never `confirm()`, which
    /// sandboxed iframes block); carry out `then` if they agree.
    Ask { message: String, then: Action },
}

/// The kind of a [`Banner`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Info,
}

/// A message at the top of the step: a step just completed, a wrong
/// answer, a failed start-up command.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    pub tone: Tone,
    pub text: String,
    /// Extra Markdown (a quiz's explanation), rendered below the text.
    pub detail: Option<String>,
    /// Extra preformatted text (a failed command's output).
    pub output: Option<String>,
}

pub struct Tutor {
    pub catalog: Rc<Vec<Lesson>>,
    pub progress: Progress,
    pub banner: Option<Banner>,
    /// The lesson list is shown instead of the open lesson.
    pub browsing: bool,
    /// Quiz options ticked on the current step.
    pub chosen: Vec<usize>,
    /// The step changed: the panel scrolls back to its top once drawn.
    scroll: bool,
}

impl Tutor {
    /// The saved progress (or a new one in the browser's language), then
    /// the page's deep link applied to it. Opening a deep-linked lesson may
    /// start it on a fresh sandbox, reported as an effect.
    pub fn load(sandbox: &mut Sandbox) -> (Tutor, Effect) {
        let stored = local_storage().and_then(|s| s.get_item(PROGRESS_KEY).ok().flatten());
        let saved = stored
            .as_deref()
            .and_then(|json| serde_json::from_str::<Progress>(json).ok());
        // Unreadable progress is kept aside, and the learner told whether
        // that worked, never reset without a word.
        let unreadable = match (&stored, &saved) {
            (Some(json), None) => Some(local_storage().is_some_and(|s| {
                s.set_item(&format!("{PROGRESS_KEY}.unreadable"), json)
                    .is_ok()
            })),
            _ => None,
        };
        let progress = saved.unwrap_or_else(|| Progress {
            lang: i18n::browser_lang().unwrap_or(Lang::En),
            ..Progress::default()
        });
        let mut tutor = Tutor {
            catalog: Rc::new(lessons::catalog()),
            progress,
            banner: None,
            browsing: false,
            chosen: Vec::new(),
            scroll: false,
        };
        if tutor
            .progress
            .current
            .as_ref()
            .is_some_and(|id| tutor.lesson(id).is_none())
        {
            tutor.progress.current = None;
        }
        // A sandbox that was reset or lost behind the lessons' back: steps
        // restart from its state rather than wait for requests it never had.
        let now = lessons::Mark::now(&sandbox.engine);
        for p in tutor.progress.lessons.values_mut() {
            let ahead = p
                .mark
                .api_totals
                .iter()
                .zip(&now.api_totals)
                .any(|(m, n)| m > n);
            if ahead {
                p.mark = now.clone();
            }
        }
        let effect = tutor.deep_link(sandbox);
        if let Some(kept) = unreadable {
            let key = if kept {
                "progress-unreadable"
            } else {
                "progress-unreadable-lost"
            };
            tutor.banner = Some(Banner {
                tone: Tone::Bad,
                text: t(tutor.lang(), key).to_string(),
                detail: None,
                output: None,
            });
        }
        i18n::set_document_lang(tutor.progress.lang);
        tutor.sync_url();
        (tutor, effect)
    }

    /// Whether the panel should scroll to its top (once per step change).
    pub fn take_scroll(&mut self) -> bool {
        std::mem::take(&mut self.scroll)
    }

    pub fn lang(&self) -> Lang {
        self.progress.lang
    }

    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.catalog.iter().find(|l| l.id == id)
    }

    /// The open lesson and its progress.
    pub fn current(&self) -> Option<(&Lesson, &LessonProgress)> {
        let id = self.progress.current.as_deref()?;
        Some((self.lesson(id)?, self.progress.lessons.get(id)?))
    }

    /// Applies `?lang=`, `?lesson=` and `?step=`.
    fn deep_link(&mut self, sandbox: &mut Sandbox) -> Effect {
        let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
            return Effect::Render;
        };
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
            return Effect::Render;
        };
        if let Some(lang) = params.get("lang").as_deref().and_then(Lang::parse) {
            self.progress.lang = lang;
        }
        let Some(id) = params.get("lesson") else {
            return Effect::Render;
        };
        let Some(lesson) = self.lesson(&id).cloned() else {
            return Effect::Render;
        };
        let effect = self.open(Some(id.clone()), sandbox);
        if let (Some(key), Some(p)) = (params.get("step"), self.progress.lessons.get_mut(&id)) {
            if let Some(i) = lesson.find_step(&key) {
                if i != p.step {
                    p.go_to(&sandbox.engine, &lesson, i);
                }
            }
        }
        effect
    }

    /// Keeps the address bar a deep link to where the learner is, so a
    /// reload or a copied URL comes back here.
    pub fn sync_url(&self) {
        let mut query = format!("?lang={}", self.lang().tag());
        if let Some((lesson, p)) = self.current() {
            query = format!(
                "?lesson={}&step={}&lang={}",
                lesson.id,
                p.step + 1,
                self.lang().tag()
            );
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        if window.location().search().ok().as_deref() == Some(query.as_str()) {
            return;
        }
        let path = window.location().pathname().unwrap_or_default();
        // history.replaceState through Reflect (no web-sys feature needed);
        // a refusal (file:// pages in some browsers) is harmless.
        let Ok(history) = js_sys::Reflect::get(&window, &"history".into()) else {
            return;
        };
        if let Ok(f) = js_sys::Reflect::get(&history, &"replaceState".into()) {
            if let Ok(f) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f) {
                let _ = f.call3(
                    &history,
                    &wasm_bindgen::JsValue::NULL,
                    &"".into(),
                    &format!("{path}{query}").into(),
                );
            }
        }
    }

    /// Saves the progress next to the sandbox.
    pub fn save(&self) {
        if let (Some(s), Ok(json)) = (local_storage(), serde_json::to_string(&self.progress)) {
            let _ = s.set_item(PROGRESS_KEY, &json);
        }
    }

    /// The sandbox was replaced (reset): every lesson's step restarts from
    /// the new engine's state.
    pub fn sandbox_replaced(&mut self, sandbox: &Sandbox) {
        for p in self.progress.lessons.values_mut() {
            p.mark = lessons::Mark::now(&sandbox.engine);
        }
    }

    /// Call after every command: checks the step shown and, the first time
    /// it holds, confirms it (returned for the terminal); after a few
    /// commands without progress, explains what the state lacks.
    pub fn after_command(&mut self, sandbox: &Sandbox) -> Option<String> {
        let id = self.progress.current.clone()?;
        let lesson = self.lesson(&id)?.clone();
        let auto = self.progress.auto_advance;
        let p = self.progress.lessons.get_mut(&id)?;
        match p.after_command(&sandbox.engine, &lesson, auto) {
            StepOutcome::NotYet => None,
            StepOutcome::Stuck => {
                self.diagnose(&lesson, sandbox);
                None
            }
            StepOutcome::Completed {
                done,
                next,
                finished,
                ..
            } => {
                self.chosen.clear();
                Some(self.completed(&lesson, done, next, finished, None))
            }
        }
    }

    /// Explains in the banner what the current state lacks (nothing if
    /// the step shown is no task, or is done).
    fn diagnose(&mut self, lesson: &Lesson, sandbox: &Sandbox) {
        let lang = self.lang();
        let Some(p) = self.progress.lessons.get(&lesson.id) else {
            return;
        };
        let Some(task) = lesson.step(p.step).and_then(|s| s.task()) else {
            return;
        };
        if p.is_done(p.step) {
            return;
        }
        let lacks = lessons::diagnose(&sandbox.engine, task, &p.mark, lang);
        if lacks.is_empty() {
            return;
        }
        let detail: String = lacks.iter().map(|l| format!("- {l}\n")).collect();
        self.banner = Some(Banner {
            tone: Tone::Info,
            text: ui::text(lang, "diagnosis").to_string(),
            detail: Some(detail),
            output: None,
        });
    }

    /// The lesson after `id` in the catalog.
    pub fn next_lesson(&self, id: &str) -> Option<&Lesson> {
        let i = self.catalog.iter().position(|l| l.id == id)?;
        self.catalog.get(i + 1)
    }

    /// Sets the banner for a completed step; returns the terminal notice.
    fn completed(
        &mut self,
        lesson: &Lesson,
        done: usize,
        next: Option<usize>,
        finished: bool,
        explanation: Option<String>,
    ) -> String {
        let lang = self.lang();
        self.scroll = true;
        let text = if finished {
            t(lang, "lesson-done").to_string()
        } else {
            t(lang, "step-done").to_string()
        };
        self.banner = Some(Banner {
            tone: Tone::Good,
            text,
            detail: explanation,
            output: None,
        });
        let then = match (finished, next) {
            (true, _) => match self.next_lesson(&lesson.id) {
                Some(l) => format!(
                    "{} {}",
                    t(lang, "lesson-finished"),
                    ui::fill(
                        ui::text(lang, "next-lesson"),
                        &[("title", l.title.get(lang))]
                    )
                ),
                None => t(lang, "lesson-finished").to_string(),
            },
            (false, Some(n)) => tf(lang, "next-step-is", &[("n", &(n + 1).to_string())]),
            (false, None) => t(lang, "lesson-finished").to_string(),
        };
        format!(
            "{}\n",
            tf(
                lang,
                "step-done-notice",
                &[("n", &(done + 1).to_string()), ("next", &then)]
            )
        )
    }

    /// Opens a lesson: resumes it if begun, else starts it on a fresh
    /// sandbox (asking first when the sandbox has history to lose).
    fn open(&mut self, id: Option<String>, sandbox: &mut Sandbox) -> Effect {
        self.banner = None;
        self.scroll = true;
        self.browsing = false;
        self.chosen.clear();
        let Some(id) = id else {
            self.progress.current = None;
            return Effect::Render;
        };
        if self.lesson(&id).is_none() {
            return Effect::Render;
        }
        if self.progress.lessons.contains_key(&id) {
            self.progress.current = Some(id);
            return Effect::Render;
        }
        if !sandbox.history.is_empty() {
            return Effect::Ask {
                message: t(self.lang(), "start-confirm").to_string(),
                then: Action::StartFresh(id),
            };
        }
        self.start(&id, sandbox)
    }

    /// A fresh sandbox, the lesson's start-up commands, its first step.
    fn start(&mut self, id: &str, sandbox: &mut Sandbox) -> Effect {
        let Some(lesson) = self.lesson(id).cloned() else {
            return Effect::Render;
        };
        let lang = self.lang();
        *sandbox = storage::fresh(storage::now());
        let _ = storage::save(sandbox);
        let begun = lessons::begin(&lesson, sandbox);
        let p = match begun {
            Ok(p) => p,
            Err(f) => {
                self.banner = Some(Banner {
                    tone: Tone::Bad,
                    text: format!(
                        "{} {} (exit {})",
                        t(lang, "setup-failed"),
                        f.command,
                        f.exit_code
                    ),
                    detail: None,
                    output: Some(f.output),
                });
                LessonProgress::start(&sandbox.engine)
            }
        };
        self.progress.lessons.insert(id.to_string(), p);
        self.progress.current = Some(id.to_string());
        self.sandbox_replaced(sandbox);
        let mut notice = tf(
            lang,
            "lesson-prepared",
            &[("title", lesson.title.get(lang))],
        );
        if !lesson.setup.is_empty() {
            notice.push(' ');
            notice.push_str(&tf(
                lang,
                "setup-ran",
                &[("commands", &lessons::setup_listing(&lesson))],
            ));
        }
        notice.push('\n');
        Effect::Replaced(notice)
    }

    /// Carries out a panel action.
    pub fn act(&mut self, action: Action, sandbox: &mut Sandbox) -> Effect {
        let lang = self.lang();
        match action {
            Action::Open(id) => return self.open(id, sandbox),
            Action::Browse => {
                self.browsing = !self.browsing;
                self.scroll = true;
            }
            Action::List => {
                self.browsing = true;
                self.banner = None;
                self.scroll = true;
            }
            Action::NextLesson => {
                let next = self
                    .progress
                    .current
                    .as_deref()
                    .and_then(|id| self.next_lesson(id))
                    .map(|l| l.id.clone());
                if next.is_some() {
                    return self.open(next, sandbox);
                }
            }
            Action::AutoAdvance(on) => self.progress.auto_advance = on,
            Action::Lang(l) => {
                self.progress.lang = l;
                i18n::set_document_lang(l);
                self.banner = None;
            }
            Action::Dismiss => self.banner = None,
            Action::Run(text) => return Effect::Type(lines(&text)),
            Action::StartFresh(id) => return self.start(&id, sandbox),
            Action::Reset => {
                if self.progress.current.is_none() {
                    return Effect::Render;
                }
                return Effect::Ask {
                    message: ui::text(lang, "reset-confirm").to_string(),
                    then: Action::ResetConfirmed,
                };
            }
            Action::ResetConfirmed => {
                let Some(id) = self.progress.current.clone() else {
                    return Effect::Render;
                };
                self.banner = None;
                self.chosen.clear();
                return self.start(&id, sandbox);
            }
            Action::Hint => {
                let Some((lesson, _)) = self.current() else {
                    return Effect::Render;
                };
                let lesson = lesson.clone();
                self.banner = None;
                if let Some(p) = self.progress.lessons.get_mut(&lesson.id) {
                    let before = p.hints_shown;
                    if p.more_hints(&lesson) == before {
                        self.banner = Some(Banner {
                            tone: Tone::Info,
                            text: ui::text(lang, "no-more-hints").to_string(),
                            detail: None,
                            output: None,
                        });
                    }
                }
                // A hint comes with what the state lacks.
                if self.banner.is_none() {
                    self.diagnose(&lesson, sandbox);
                }
            }
            Action::Solution => {
                let Some((lesson, p)) = self.current() else {
                    return Effect::Render;
                };
                let Some(task) = lesson.step(p.step).and_then(|s| s.task()) else {
                    return Effect::Render;
                };
                let typed: Vec<String> = task.solution.iter().flat_map(|c| lines(c)).collect();
                self.banner = None;
                return Effect::Type(typed);
            }
            Action::Go(i) => {
                let Some((lesson, _)) = self.current() else {
                    return Effect::Render;
                };
                let lesson = lesson.clone();
                if let Some(p) = self.progress.lessons.get_mut(&lesson.id) {
                    p.go_to(&sandbox.engine, &lesson, i);
                }
                self.scroll = true;
                self.banner = None;
                self.chosen.clear();
            }
            Action::Choose(i) => {
                let multiple = self
                    .current()
                    .and_then(|(l, p)| l.step(p.step))
                    .and_then(|s| s.quiz())
                    .is_some_and(|q| q.multiple);
                if multiple {
                    if let Some(k) = self.chosen.iter().position(|c| *c == i) {
                        self.chosen.remove(k);
                    } else {
                        self.chosen.push(i);
                    }
                } else {
                    self.chosen = vec![i];
                }
            }
            Action::Answer => {
                let Some((lesson, _)) = self.current() else {
                    return Effect::Render;
                };
                let lesson = lesson.clone();
                let chosen = std::mem::take(&mut self.chosen);
                let Some(p) = self.progress.lessons.get_mut(&lesson.id) else {
                    return Effect::Render;
                };
                if p.is_done(p.step) {
                    return Effect::Render;
                }
                let auto = self.progress.auto_advance;
                let quiz = lesson.step(p.step).and_then(|s| s.quiz()).cloned();
                let Some(quiz) = quiz else {
                    return Effect::Render;
                };
                let feedback = lessons::quiz_feedback(&quiz, &chosen, lang).markdown(&quiz, lang);
                match p.answer(&sandbox.engine, &lesson, &chosen, auto) {
                    StepOutcome::Completed {
                        done,
                        next,
                        finished,
                        ..
                    } => {
                        let explanation = format!("{feedback}\n{}", quiz.explanation.get(lang));
                        let _ = self.completed(&lesson, done, next, finished, Some(explanation));
                    }
                    _ => {
                        self.chosen = chosen;
                        self.banner = Some(Banner {
                            tone: Tone::Bad,
                            text: ui::text(lang, "wrong").to_string(),
                            detail: Some(feedback),
                            output: None,
                        });
                    }
                }
            }
        }
        Effect::Render
    }
}

/// A command (perhaps a heredoc) as the lines a learner would type.
fn lines(text: &str) -> Vec<String> {
    // Blank lines and comments stay: inside a heredoc they are content.
    text.lines().map(str::to_string).collect()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
