//! The lesson panel beside the terminal: the lesson list with progress (and
//! the free sandbox), the current step (rendered Markdown with click-to-run
//! code blocks), hints, "show solution", quizzes, previous / next, reset,
//! the language switch and the confirmation when a step is done. The state
//! and what the buttons do live in [`tutor`]; this module only draws it.
//!
//! Keyboard and screen readers: click-to-run blocks are buttons (Enter or
//! Space runs them), step dots say whether each step is done, current or
//! not yet, quizzes are native radio / checkbox groups, the banner sits in
//! a live region that exists before its text, and after an action the
//! focus stays in the panel ([`keep_focus`]).

pub mod tutor;
pub mod typist;

use crate::lessons::markdown::escape;
use crate::lessons::{render_markdown, ui, Lang, Lesson, LessonProgress, Step, StepKind};
use crate::web::i18n::{t, tf};
use tutor::{Action, Banner, Tone, Tutor};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Commands a newcomer can start with (free sandbox), and what each shows.
const FIRST_STEPS: &[(&str, &str)] = &[
    ("docker version", "try-version"),
    ("docker run hello-world", "try-hello"),
    ("docker images", "try-images"),
    ("docker ps -a", "try-ps"),
    ("docker info", "try-info"),
];

/// Scrolls the panel back to its top (the banner and the step's start).
pub fn scroll_to_top() {
    if let Ok(Some(panel)) = gloo::utils::document().query_selector(".lessons") {
        panel.set_scroll_top(0);
    }
}

/// After a panel action: if the element that had the focus was redrawn
/// away (the answer button of an answered quiz, a step's controls), the
/// focus goes to the step (or the list) instead of falling off the page.
pub fn keep_focus(acted: bool) {
    if !acted {
        return;
    }
    let document = gloo::utils::document();
    let lost = match (document.active_element(), document.body()) {
        (None, _) => true,
        (Some(a), Some(b)) => {
            let b: &web_sys::Element = &b;
            &a == b
        }
        (Some(_), None) => false,
    };
    if !lost {
        return;
    }
    let target = [".lessons .lp-lesson", ".lessons .lp-list", ".lessons"]
        .iter()
        .find_map(|sel| document.query_selector(sel).ok().flatten());
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = el.focus_with_options(&opts);
    }
}

/// Code blocks and outputs in the panel that scroll sideways become
/// focusable, so the keyboard can scroll them too.
pub fn focusable_scrollers() {
    let Ok(list) = gloo::utils::document().query_selector_all(
        ".lessons pre.code:not(.run):not([tabindex]), .lessons .lp-output:not([tabindex])",
    ) else {
        return;
    };
    for i in 0..list.length() {
        let Some(el) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if el.scroll_width() > el.client_width() + 1 || el.scroll_height() > el.client_height() + 1
        {
            let _ = el.set_attribute("tabindex", "0");
        }
    }
}

/// Lesson Markdown as HTML in `lang` (click-to-run titles translated;
/// click-to-run blocks are buttons for the keyboard and screen readers).
fn markdown(lang: Lang, text: &str) -> Html {
    let html = render_markdown(text)
        .replace(
            "title=\"click to run\"",
            &format!("title=\"{}\"", escape(t(lang, "run"))),
        )
        .replace(
            "<pre class=\"code run\"",
            "<pre class=\"code run\" role=\"button\" tabindex=\"0\"",
        );
    Html::from_html_unchecked(AttrValue::from(html))
}

/// A block of lesson Markdown whose code blocks run on click.
fn runnable(lang: Lang, text: &str, class: &'static str, on: &Callback<Action>) -> Html {
    fn command(target: Option<web_sys::EventTarget>) -> Option<String> {
        target
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("pre.run").ok().flatten())
            .and_then(|p| p.get_attribute("data-run"))
    }
    let on_click = on.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        if let Some(command) = command(e.target()) {
            on_click.emit(Action::Run(command));
        }
    });
    // Enter or Space on a focused block runs it, as on a button.
    let on_key = on.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if !matches!(e.key().as_str(), "Enter" | " ") || e.repeat() {
            return;
        }
        if let Some(command) = command(e.target()) {
            e.prevent_default();
            on_key.emit(Action::Run(command));
        }
    });
    html! { <div class={classes!("md", class)} {onclick} {onkeydown}>{ markdown(lang, text) }</div> }
}

/// The whole panel.
pub fn panel(tutor: &Tutor, open: bool, on: &Callback<Action>, on_try: &Callback<String>) -> Html {
    let lang = tutor.lang();
    let current = tutor.current();
    let heading = match current {
        Some((lesson, _)) if !tutor.browsing => lesson.title.get(lang).to_string(),
        Some(_) => ui::text(lang, "lessons").to_string(),
        None => t(lang, "start-here").to_string(),
    };
    let body = match current {
        Some((lesson, p)) if !tutor.browsing => lesson_view(tutor, lesson, p, on),
        Some(_) => list(tutor, on),
        None => html! { <>{ free(lang, on_try) }{ list(tutor, on) }</> },
    };
    html! {
        <section class="lessons" aria-label={ui::text(lang, "lessons").to_string()}>
            <details open={open} class="lesson">
                <summary><h2>{ heading }</h2></summary>
                { toolbar(tutor, on) }
                // A live region that is there before its text arrives.
                <div class="lp-live" role="status" aria-live="polite">
                    { for tutor.banner.as_ref().map(|b| banner(lang, b, on)) }
                </div>
                { body }
            </details>
        </section>
    }
}

/// The lesson-list toggle and the language switch.
fn toolbar(tutor: &Tutor, on: &Callback<Action>) -> Html {
    let lang = tutor.lang();
    let lang_button = |l: Lang, label: &'static str| {
        let onclick = on.reform(move |_| Action::Lang(l));
        let pressed = if l == lang { "true" } else { "false" };
        html! {
            <button class={classes!("lp-lang-btn", format!("lang-{}", l.key()))}
                aria-pressed={pressed} lang={l.tag()} {onclick}>{ label }</button>
        }
    };
    let list_button = tutor.current().map(|_| {
        let onclick = on.reform(|_| Action::Browse);
        let pressed = if tutor.browsing { "true" } else { "false" };
        html! {
            <button class="lp-browse" aria-pressed={pressed} {onclick}>
                { "☰ " }{ ui::text(lang, "lessons") }
            </button>
        }
    });
    html! {
        <div class="lp-toolbar">
            { for list_button }
            <div class="lp-lang" role="group" aria-label={ui::text(lang, "language").to_string()}>
                { lang_button(Lang::Zh, "中文") }
                { lang_button(Lang::En, "English") }
            </div>
        </div>
    }
}

fn banner(lang: Lang, b: &Banner, on: &Callback<Action>) -> Html {
    let tone = match b.tone {
        Tone::Good => "good",
        Tone::Bad => "bad",
        Tone::Info => "info",
    };
    let mark = match b.tone {
        Tone::Good => "✓ ",
        Tone::Bad => "✗ ",
        Tone::Info => "",
    };
    html! {
        <div class={classes!("lp-banner", tone)}>
            <button class="lp-dismiss" title={t(lang, "dismiss").to_string()}
                aria-label={t(lang, "dismiss").to_string()}
                onclick={on.reform(|_| Action::Dismiss)}>{ "×" }</button>
            <p class="lp-banner-text">{ mark }{ &b.text }</p>
            { for b.detail.as_ref().map(|d| html! {
                <div class="md lp-explain">
                    <h4>{ t(lang, "explanation") }</h4>
                    { markdown(lang, d) }
                </div>
            }) }
            { for b.output.as_ref().map(|o| html! { <pre class="lp-output">{ o }</pre> }) }
        </div>
    }
}

/// The free sandbox's introduction: first commands to try.
fn free(lang: Lang, on_try: &Callback<String>) -> Html {
    html! {
        <div class="lp-free">
            <p>{ t(lang, "sandbox-intro") }</p>
            <p>{ t(lang, "click-to-type") }</p>
            <ul class="try">
                { for FIRST_STEPS.iter().map(|(cmd, what)| {
                    let on_try = on_try.clone();
                    let onclick = Callback::from(move |_| on_try.emit(cmd.to_string()));
                    html! {
                        <li>
                            <button class="cmd" {onclick}>{ *cmd }</button>
                            <span class="what">{ t(lang, what) }</span>
                        </li>
                    }
                }) }
            </ul>
            <p class="keys">
                <kbd>{ "↑" }</kbd>{ " " }<kbd>{ "↓" }</kbd>{ format!(" {} · ", t(lang, "keys-history")) }
                <kbd>{ "Tab" }</kbd>{ format!(" {} · ", t(lang, "keys-complete")) }
                <kbd>{ "Ctrl+C" }</kbd>{ format!(" {} · ", t(lang, "keys-cancel")) }
                <kbd>{ "Ctrl+L" }</kbd>{ format!(" {} · ", t(lang, "keys-clear")) }
                <kbd>{ "Shift+Tab" }</kbd>{ " / " }<kbd>{ "Esc" }</kbd>{ " " }<kbd>{ "Tab" }</kbd>
                { format!(" {}", t(lang, "keys-leave")) }
            </p>
        </div>
    }
}

/// The lesson list, each with its progress, and the free sandbox.
fn list(tutor: &Tutor, on: &Callback<Action>) -> Html {
    let lang = tutor.lang();
    let current = tutor.progress.current.as_deref();
    html! {
        <nav class="lp-list" tabindex="-1" aria-label={ui::text(lang, "lessons").to_string()}>
            <h3>{ t(lang, "choose-lesson") }</h3>
            <ol>
                { for tutor.catalog.iter().enumerate().map(|(i, lesson)| {
                    let (done, total) = tutor.progress.summary(lesson);
                    let started = tutor.progress.lessons.contains_key(&lesson.id);
                    let id = lesson.id.clone();
                    let onclick = on.reform(move |_| Action::Open(Some(id.clone())));
                    let is_current = current == Some(lesson.id.as_str());
                    let state = if done == total && total > 0 {
                        "done"
                    } else if started {
                        "started"
                    } else {
                        "new"
                    };
                    let pct = (done * 100).checked_div(total).unwrap_or(0);
                    html! {
                        <li class={classes!("lp-item", state, is_current.then_some("current"))}
                            data-lesson={lesson.id.clone()}>
                            <button {onclick} aria-current={is_current.then_some("true")}>
                                <span class="lp-num">{ i + 1 }</span>
                                <span class="lp-name">{ lesson.title.get(lang) }</span>
                                <span class="lp-count">
                                    { ui::fill(ui::text(lang, "progress"),
                                        &[("done", &done.to_string()), ("total", &total.to_string())]) }
                                </span>
                                <span class="lp-meter" aria-hidden="true">
                                    <span style={format!("width:{pct}%")}></span>
                                </span>
                            </button>
                        </li>
                    }
                }) }
                <li class={classes!("lp-item", "free", current.is_none().then_some("current"))}>
                    <button onclick={on.reform(|_| Action::Open(None))}>
                        <span class="lp-num">{ "∞" }</span>
                        <span class="lp-name">{ ui::text(lang, "free-sandbox") }</span>
                    </button>
                </li>
            </ol>
        </nav>
    }
}

/// The open lesson: its current step and the controls.
fn lesson_view(tutor: &Tutor, lesson: &Lesson, p: &LessonProgress, on: &Callback<Action>) -> Html {
    let lang = tutor.lang();
    let Some(step) = lesson.step(p.step) else {
        return html! {};
    };
    let total = lesson.len();
    let n = p.step + 1;
    let dots = html! {
        <ol class="lp-dots">
            { for (0..total).map(|i| {
                let (done, current) = (p.is_done(i), i == p.step);
                let class = classes!(done.then_some("done"), current.then_some("current"));
                let key = match (current, done) {
                    (true, true) => "step-state-current-done",
                    (true, false) => "step-state-current",
                    (false, true) => "step-state-done",
                    (false, false) => "step-state-todo",
                };
                let label = tf(lang, key, &[("n", &(i + 1).to_string())]);
                html! {
                    <li><button {class} title={label.clone()} aria-label={label}
                        aria-current={current.then_some("step")}
                        onclick={on.reform(move |_| Action::Go(i))}></button></li>
                }
            }) }
        </ol>
    };
    // Unfolded on the first step, except on a phone, where it would push
    // the step out of the panel.
    let wide = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_none_or(|w| w > 760.0);
    let intro = (p.step == 0).then(|| {
        html! {
            <details class="lp-intro" open={wide}>
                <summary>{ t(lang, "intro") }</summary>
                { runnable(lang, lesson.intro.get(lang), "lp-intro-text", on) }
            </details>
        }
    });
    let prev = p.step.checked_sub(1);
    let next = (p.step + 1 < total).then_some(p.step + 1);
    html! {
        <div class="lp-lesson" tabindex="-1" data-lesson={lesson.id.clone()} data-step={step.id.clone()}>
            { for intro }
            <div class="lp-stephead">
                <span class="lp-stepof">
                    { ui::fill(ui::text(lang, "step-of"), &[("n", &n.to_string()), ("total", &total.to_string())]) }
                </span>
                { dots }
            </div>
            { runnable(lang, step.text.get(lang), "lp-text", on) }
            { match &step.kind {
                StepKind::Task(_) => task(lang, step, p, on),
                StepKind::Quiz(_) => quiz(tutor, step, p, on),
            } }
            <div class="lp-nav">
                <button class="lp-prev" aria-disabled={prev.is_none().then_some("true")}
                    onclick={go(on, prev)}>
                    { "← " }{ ui::text(lang, "previous") }
                </button>
                <button class={classes!("lp-next", p.is_done(p.step).then_some("ready"))}
                    aria-disabled={next.is_none().then_some("true")}
                    onclick={go(on, next)}>
                    { ui::text(lang, "next") }{ " →" }
                </button>
                <button class="lp-reset" onclick={on.reform(|_| Action::Reset)}>
                    { ui::text(lang, "reset-lesson") }
                </button>
            </div>
            { finished(tutor, lesson, p, on) }
            { auto_advance(tutor, on) }
        </div>
    }
}

/// After the lesson's last step: where to go next (always shown once the
/// lesson is finished, whichever step is open).
fn finished(tutor: &Tutor, lesson: &Lesson, p: &LessonProgress, on: &Callback<Action>) -> Html {
    if !p.finished(lesson) {
        return html! {};
    }
    let lang = tutor.lang();
    let next = tutor.next_lesson(&lesson.id).map(|l| {
        html! {
            <button class="lp-next-lesson" onclick={on.reform(|_| Action::NextLesson)}>
                { ui::fill(ui::text(lang, "next-lesson"), &[("title", l.title.get(lang))]) }{ " →" }
            </button>
        }
    });
    html! {
        <div class="lp-finished">
            <p class="lp-status done">{ "✓ " }{ ui::text(lang, "lesson-done") }</p>
            { for next }
            <button class="lp-all-lessons" onclick={on.reform(|_| Action::List)}>
                { "☰ " }{ ui::text(lang, "all-lessons") }
            </button>
        </div>
    }
}

/// The opt-in setting: move on as soon as a step passes.
fn auto_advance(tutor: &Tutor, on: &Callback<Action>) -> Html {
    let on_now = tutor.progress.auto_advance;
    html! {
        <label class="lp-auto">
            <input type="checkbox" checked={on_now}
                onclick={on.reform(move |_| Action::AutoAdvance(!on_now))} />
            { " " }{ ui::text(tutor.lang(), "auto-advance") }
        </label>
    }
}

/// Previous / Next: `aria-disabled` rather than `disabled` where there is
/// no such step, so a button that had the focus keeps it.
fn go(on: &Callback<Action>, to: Option<usize>) -> Callback<MouseEvent> {
    let on = on.clone();
    Callback::from(move |_| {
        if let Some(i) = to {
            on.emit(Action::Go(i));
        }
    })
}

fn task(lang: Lang, step: &Step, p: &LessonProgress, on: &Callback<Action>) -> Html {
    let hints = step.hints(lang, p.hints_shown);
    let more = step.task().map_or(0, |t| t.hints.len()) > p.hints_shown;
    let hint_label = if p.hints_shown == 0 {
        ui::text(lang, "hint")
    } else if more {
        ui::text(lang, "more-hint")
    } else {
        ui::text(lang, "no-more-hints")
    };
    let status = if p.is_done(p.step) {
        html! { <p class="lp-status done">{ "✓ " }{ t(lang, "done") }</p> }
    } else {
        html! { <p class="lp-status waiting">{ ui::text(lang, "waiting") }</p> }
    };
    html! {
        <div class="lp-task">
            { status }
            if !hints.is_empty() {
                <ol class="lp-hints" aria-label={t(lang, "hints").to_string()}>
                    { for hints.iter().map(|h| html! { <li class="md">{ markdown(lang, h) }</li> }) }
                </ol>
            }
            <div class="lp-actions">
                <button class="lp-hint" aria-disabled={(!more).then_some("true")}
                    onclick={on.reform(|_| Action::Hint)}>
                    { hint_label }
                </button>
                <button class="lp-solution" onclick={on.reform(|_| Action::Solution)}>
                    { "▶ " }{ ui::text(lang, "show-solution") }
                </button>
            </div>
        </div>
    }
}

fn quiz(tutor: &Tutor, step: &Step, p: &LessonProgress, on: &Callback<Action>) -> Html {
    let lang = tutor.lang();
    let Some(q) = step.quiz() else {
        return html! {};
    };
    let answered = p.is_done(p.step);
    let kind = if q.multiple { "checkbox" } else { "radio" };
    let legend = if q.multiple {
        ui::text(lang, "choose-many")
    } else {
        ui::text(lang, "choose-one")
    };
    let name = format!("quiz-{}", step.id);
    html! {
        <div class={classes!("lp-quiz", answered.then_some("answered"))}>
            <fieldset>
                <legend>{ legend }</legend>
                { for q.options.iter().enumerate().map(|(i, o)| {
                    let checked = if answered { o.correct } else { tutor.chosen.contains(&i) };
                    let class = classes!("lp-option", (answered && o.correct).then_some("right"));
                    html! {
                        <label {class}>
                            <input type={kind} name={name.clone()} {checked} disabled={answered}
                                onclick={on.reform(move |_| Action::Choose(i))} />
                            <span class="md">{ markdown(lang, o.text.get(lang)) }</span>
                        </label>
                    }
                }) }
            </fieldset>
            if answered {
                <div class="md lp-explain">
                    <p class="lp-status done">{ "✓ " }{ t(lang, "answered") }</p>
                    { markdown(lang, q.explanation.get(lang)) }
                </div>
            } else {
                <div class="lp-actions">
                    <button class="lp-answer" disabled={tutor.chosen.is_empty()}
                        onclick={on.reform(|_| Action::Answer)}>
                        { ui::text(lang, "check-answer") }
                    </button>
                </div>
            }
        </div>
    }
}
