//! The console application: the sandbox, the scrollback, the input line,
//! the editor and the lesson panel, and the loop that runs each entered line
//! (continuations, prompts for input, terminal actions, persistence).

use crate::sandbox::{CommandResult, Sandbox};
use crate::userland::{Action, Stream};
use crate::web::dialog::Confirm;
use crate::web::editor::Editor;
use crate::web::i18n::{self, t};
use crate::web::input::{InputLine, KeyBar};
use crate::web::lessons::tutor::{Action as LessonAction, Effect, Tutor};
use crate::web::lessons::typist::{Tick, Typist};
use crate::web::lessons::{self as lesson_panel};
use crate::web::line::{self, Continuation, Entered};
use crate::web::scrollback::Scrollback;
use crate::web::storage::{self, Restored};
use crate::web::{boot, crash, export};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// A question the in-page dialog is asking.
enum Confirming {
    /// "Reset the sandbox?"
    Reset,
    /// A lesson panel question; `then` runs if the learner agrees.
    Lesson { message: String, then: LessonAction },
}

/// What the keyboard is talking to.
enum Mode {
    /// The shell's prompt.
    Shell,
    /// A program asked for a line (`Username: `); the answer completes
    /// `resume`.
    Ask {
        label: String,
        secret: bool,
        resume: String,
    },
    /// Following a running container's output (`docker logs -f`, a
    /// foreground `docker run`) until it stops or Ctrl+C.
    Follow {
        host: usize,
        container: String,
        from: usize,
        attached: bool,
    },
    /// The editor is open on a file.
    Edit {
        path: String,
        editor: String,
        text: Rc<String>,
        on_save: Callback<String, Result<(), String>>,
    },
}

pub enum Msg {
    Submit(String),
    Interrupt(String),
    ClearScreen,
    List(String, Vec<String>),
    Paste(Vec<String>),
    EditorClosed,
    Reset,
    /// The answer to the in-page dialog.
    Answer(bool),
    /// The learner agreed to reset the sandbox.
    ResetConfirmed,
    /// Another tab saved its sandbox: this one stops saving.
    OtherTab,
    /// Download the sandbox (offered when it cannot be saved).
    Export,
    Try(String),
    Focus,
    /// A lesson panel button (see `lessons::tutor`).
    Lesson(LessonAction),
    /// The next keystrokes of a command the lesson panel is typing.
    TypeTick,
    /// Time to print what a followed container wrote meanwhile.
    FollowTick,
}

pub struct App {
    sandbox: Rc<RefCell<Sandbox>>,
    scrollback: Scrollback,
    prompt: AttrValue,
    history: Rc<Vec<String>>,
    mode: Mode,
    /// A command being continued over several lines.
    continuation: Option<Continuation>,
    /// Pasted lines waiting while the editor is open.
    queue: VecDeque<String>,
    /// Whether the view should scroll to the newest output.
    follow: bool,
    /// Why the last save failed; shown as a persistent warning until a
    /// save succeeds.
    save_error: Option<String>,
    /// Whether a follow tick is already scheduled.
    follow_pending: bool,
    input_ref: NodeRef,
    screen_ref: NodeRef,
    complete: Callback<String, Vec<String>>,
    lessons_open: bool,
    /// Lessons: language, progress, the panel's state.
    tutor: Tutor,
    /// Types the lesson panel's commands at the prompt, visibly.
    typist: Typist,
    /// The terminal takes the focus once drawn (page start, editor closed);
    /// otherwise the focus stays where the learner put it.
    refocus: bool,
    /// A panel action was just carried out (its focus is kept in the panel).
    panel_acted: bool,
    /// The question the in-page dialog is asking, if any.
    confirming: Option<Confirming>,
    /// Another tab has saved its sandbox since this one loaded: saving
    /// here would overwrite it, so this tab stops saving.
    elsewhere: bool,
}

impl App {
    /// Runs one command in the sandbox at the browser's time.
    fn run(&self, command: &str) -> CommandResult {
        self.sandbox
            .borrow_mut()
            .run_line_at(command, storage::now())
    }

    /// One line from the keyboard or a paste.
    fn enter(&mut self, typed: String) {
        self.follow = true;
        match std::mem::replace(&mut self.mode, Mode::Shell) {
            Mode::Ask {
                label,
                secret,
                resume,
            } => {
                let command = format!("{resume}{}", line::shell_word(&typed));
                let result = self.run(&command);
                // The answer (a password, perhaps) stays out of the history.
                {
                    let mut sb = self.sandbox.borrow_mut();
                    if sb.history.last().map(String::as_str) == Some(command.trim()) {
                        sb.history.pop();
                    }
                }
                let shown = if secret { "" } else { typed.as_str() };
                self.show(&label, shown, result);
            }
            // Following: typed lines are not run (Ctrl+C stops it).
            follow @ Mode::Follow { .. } => self.mode = follow,
            edit @ Mode::Edit { .. } => {
                self.mode = edit;
                self.queue.push_back(typed);
            }
            Mode::Shell => {
                let prompt = if self.continuation.is_some() {
                    "> ".to_string()
                } else {
                    self.prompt.to_string()
                };
                let entered = match self.continuation.take() {
                    Some(c) => c.enter(&typed),
                    None => line::enter(&typed),
                };
                match entered {
                    Entered::More(c) => {
                        self.continuation = Some(c);
                        self.scrollback.push(&prompt, &typed, "", Vec::new());
                    }
                    Entered::Command(command) => {
                        let result = self.run(&command);
                        self.show(&prompt, &typed, result);
                    }
                }
            }
        }
    }

    /// Shows a command's output and acts on what it asks of the terminal.
    fn show(&mut self, prompt: &str, typed: &str, result: CommandResult) {
        let CommandResult { output, .. } = result;
        match output.action {
            Some(Action::Clear) => self.scrollback.clear(),
            Some(Action::Edit {
                ref path,
                ref editor,
            }) => {
                self.scrollback
                    .push(prompt, typed, "", output.chunks.clone());
                let loaded = self.sandbox.borrow().edit_load(path);
                match loaded {
                    Ok(text) => self.open_editor(path, editor, text),
                    Err(e) => self.scrollback.push(
                        "",
                        "",
                        "",
                        vec![(Stream::Stderr, format!("{editor}: {path}: {e}\n"))],
                    ),
                }
            }
            Some(Action::Prompt {
                ref label,
                secret,
                ref resume,
            }) => {
                self.scrollback
                    .push(prompt, typed, "", output.chunks.clone());
                self.mode = Mode::Ask {
                    label: label.clone(),
                    secret,
                    resume: resume.clone(),
                };
            }
            Some(Action::Follow {
                host,
                ref container,
                from,
                attached,
            }) => {
                self.scrollback
                    .push(prompt, typed, "", output.chunks.clone());
                self.mode = Mode::Follow {
                    host,
                    container: container.clone(),
                    from,
                    attached,
                };
            }
            // The sandbox switches shells and machines itself; the prompt
            // follows.
            Some(Action::Attach { .. }) | Some(Action::Ssh { .. }) | None => {
                self.scrollback.push(prompt, typed, "", output.chunks);
            }
        }
    }

    fn open_editor(&mut self, path: &str, editor: &str, text: String) {
        let sandbox = self.sandbox.clone();
        let file = path.to_string();
        let on_save = Callback::from(move |text: String| {
            let result = sandbox.borrow_mut().edit_save(&file, &text);
            if result.is_ok() {
                // A failure to persist is reported after the next command.
                let _ = storage::save(&sandbox.borrow());
            }
            result
        });
        self.mode = Mode::Edit {
            path: path.to_string(),
            editor: editor.to_string(),
            text: Rc::new(text),
            on_save,
        };
    }

    /// After a batch of input: the prompt and history follow the sandbox,
    /// which is saved.
    fn settle(&mut self) {
        {
            let sb = self.sandbox.borrow();
            self.prompt = AttrValue::from(sb.prompt());
            if self.history.len() != sb.history.len() || self.history.last() != sb.history.last() {
                self.history = Rc::new(sb.history.clone());
            }
        }
        self.check_step();
        self.persist();
    }

    /// Checks the current lesson step against the sandbox; a completed
    /// step is confirmed in the terminal too.
    fn check_step(&mut self) {
        // Not while a container's output streams: checked (and announced)
        // once it ends.
        if matches!(self.mode, Mode::Follow { .. }) {
            return;
        }
        let notice = self.tutor.after_command(&self.sandbox.borrow());
        if let Some(n) = notice {
            self.scrollback.notice(&n);
        }
    }

    /// Carries out a lesson panel action: commands are typed at the prompt
    /// and run one by one, as if typed, each followed by the step's check.
    fn lesson(&mut self, ctx: &Context<Self>, action: LessonAction) {
        let effect = self.tutor.act(action, &mut self.sandbox.borrow_mut());
        // The language may have changed.
        crash::arm(self.tutor.lang());
        match effect {
            Effect::Render => {}
            Effect::Type(lines) => {
                if self.typist.queue(lines) {
                    ctx.link().send_message(Msg::TypeTick);
                }
            }
            Effect::Ask { message, then } => {
                self.confirming = Some(Confirming::Lesson { message, then });
            }
            Effect::Replaced(notice) => {
                self.scrollback.clear();
                self.scrollback.notice(&notice);
                self.mode = Mode::Shell;
                self.continuation = None;
                self.queue.clear();
            }
        }
        self.follow = true;
        self.settle();
    }

    fn persist(&mut self) {
        self.tutor.save();
        self.tutor.sync_url();
        if self.elsewhere {
            return;
        }
        storage::remember_prompt(&self.prompt);
        let saved = storage::save(&self.sandbox.borrow());
        match saved {
            Ok(()) => self.save_error = None,
            Err(e) if self.save_error.is_none() => {
                self.save_error = Some(e.clone());
                self.scrollback
                    .notice(&i18n::tf(self.tutor.lang(), "save-failed", &[("e", &e)]));
            }
            Err(_) => {}
        }
    }

    /// Whether the learner is in a shell that `exit` leaves: a container's,
    /// or another machine's over ssh.
    fn nested_shell(&self) -> bool {
        let sb = self.sandbox.borrow();
        !sb.sessions.is_empty() || !sb.ssh_stack.is_empty()
    }

    fn input(&self) -> Option<HtmlInputElement> {
        self.input_ref.cast::<HtmlInputElement>()
    }

    fn focus_input(&self) {
        if let Some(input) = self.input() {
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            let _ = input.focus_with_options(&opts);
        }
    }

    /// Terminal width in characters, for listing completions.
    fn columns(&self) -> usize {
        self.screen_ref
            .cast::<HtmlElement>()
            .map(|e| (e.client_width() as usize).saturating_sub(24) / 8)
            .filter(|w| *w >= 20)
            .unwrap_or(80)
    }

    fn welcome(&mut self, restored: Restored, history: usize) {
        let lang = self.tutor.lang();
        let text = match restored {
            Restored::Fresh => t(lang, "welcome-fresh").to_string(),
            Restored::Saved => i18n::welcome_back(lang, history),
            Restored::Older { age_ms } => i18n::welcome_older(lang, age_ms),
            Restored::Unreadable { error, kept: true } => {
                i18n::tf(lang, "welcome-unreadable", &[("e", &error)])
            }
            Restored::Unreadable { error, kept: false } => {
                i18n::tf(lang, "welcome-unreadable-lost", &[("e", &error)])
            }
        };
        // Not kept across a reload: each page says its own welcome.
        self.scrollback.notice_unsaved(&text);
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let (mut sandbox, restored) = storage::load(storage::now());
        let (tutor, opened) = Tutor::load(&mut sandbox);
        let prompt = AttrValue::from(sandbox.prompt());
        let history = Rc::new(sandbox.history.clone());
        let sandbox = Rc::new(RefCell::new(sandbox));
        let for_complete = sandbox.clone();
        let complete = Callback::from(move |text: String| for_complete.borrow().complete(&text));
        let lessons_open = web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_none_or(|w| w > 760.0);
        let mut app = App {
            sandbox,
            scrollback: Scrollback::default(),
            prompt,
            history: history.clone(),
            mode: Mode::Shell,
            continuation: None,
            queue: VecDeque::new(),
            follow: true,
            save_error: None,
            follow_pending: false,
            input_ref: NodeRef::default(),
            screen_ref: NodeRef::default(),
            complete,
            lessons_open,
            tutor,
            typist: Typist::default(),
            refocus: true,
            panel_acted: false,
            confirming: None,
            elsewhere: false,
        };
        app.scrollback.restore(crate::web::scrollback_store::load());
        crash::arm(app.tutor.lang());
        let other_tab = ctx.link().callback(|()| Msg::OtherTab);
        storage::watch_other_tabs(move || other_tab.emit(()));
        app.welcome(restored, history.len());
        if let Effect::Ask { message, then } = opened {
            app.confirming = Some(Confirming::Lesson { message, then });
        } else if let Effect::Replaced(notice) = opened {
            app.scrollback.notice(&notice);
        }
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let render = self.update_inner(ctx, msg);
        if matches!(self.mode, Mode::Follow { .. }) && !self.follow_pending {
            self.follow_pending = true;
            ctx.link().send_future(async {
                yew::platform::time::sleep(std::time::Duration::from_millis(500)).await;
                Msg::FollowTick
            });
        }
        render
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if self.follow {
            self.follow = false;
            if let Some(screen) = self.screen_ref.cast::<HtmlElement>() {
                screen.set_scroll_top(screen.scroll_height());
            }
        }
        // An open dialog keeps the focus (its cancel button).
        if std::mem::take(&mut self.refocus)
            && !matches!(self.mode, Mode::Edit { .. })
            && self.confirming.is_none()
        {
            self.focus_input();
        }
        let stepped = self.tutor.take_scroll();
        if stepped {
            lesson_panel::scroll_to_top();
        }
        lesson_panel::keep_focus(std::mem::take(&mut self.panel_acted) || stepped);
        lesson_panel::focusable_scrollers();
        crate::web::scrollback::tab_stops(t(self.tutor.lang(), "wide-output"));
        if self.scrollback.take_changed() {
            crate::web::scrollback_store::save(&self.scrollback.snapshot());
        }
        if first_render {
            // What was typed while the wasm loaded (boot.rs) runs now.
            let typed = boot::pending();
            if let Some(input) = self.input() {
                input.set_value(&typed.partial);
            }
            if !typed.lines.is_empty() {
                ctx.link().send_message(Msg::Paste(typed.lines));
            }
            // The browser test measures navigation → interactive console.
            if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
                let root = gloo::utils::document_element();
                let _ = root.set_attribute("data-ready-ms", &format!("{:.0}", perf.now()));
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let lang = self.tutor.lang();
        let (prompt, secret) = match &self.mode {
            Mode::Ask { label, secret, .. } => (AttrValue::from(label.clone()), *secret),
            Mode::Follow { .. } => (AttrValue::from(""), false),
            _ if self.continuation.is_some() => (AttrValue::from("> "), false),
            _ => (self.prompt.clone(), false),
        };
        let editor = match &self.mode {
            Mode::Edit {
                path,
                editor,
                text,
                on_save,
            } => Some(html! {
                <Editor
                    path={path.clone()}
                    editor={editor.clone()}
                    text={text.clone()}
                    on_save={on_save.clone()}
                    on_close={link.callback(|_| Msg::EditorClosed)}
                    lang={lang}
                />
            }),
            _ => None,
        };
        html! {
            <div class="app">
                { self.dialogs(ctx) }
                <header class="topbar">
                    <h1 class="brand"><span class="logo" aria-hidden="true">{ "▦" }</span>{ "Dockerlings" }</h1>
                    <span class="tagline">{ t(lang, "tagline") }</span>
                    <button class="reset" title={t(lang, "reset-sandbox-title").to_string()}
                        onclick={link.callback(|_| Msg::Reset)}>{ t(lang, "reset-sandbox") }</button>
                </header>
                <main class="panes">
                    { lesson_panel::panel(&self.tutor, self.lessons_open,
                        &link.callback(Msg::Lesson), &link.callback(Msg::Try)) }
                    <section class="terminal" aria-label={t(lang, "terminal").to_string()} onclick={link.callback(|_| Msg::Focus)}>
                        { self.scrollback.announcer(lang) }
                        <div class="screen" ref={self.screen_ref.clone()} role="log" aria-live="off">
                            { self.scrollback.view(lang) }
                            <InputLine
                                prompt={prompt}
                                lang={lang}
                                secret={secret}
                                in_container={self.nested_shell()}
                                history={self.history.clone()}
                                input_ref={self.input_ref.clone()}
                                on_submit={link.callback(Msg::Submit)}
                                on_interrupt={link.callback(Msg::Interrupt)}
                                on_clear={link.callback(|_| Msg::ClearScreen)}
                                on_complete={self.complete.clone()}
                                on_list={link.callback(|(t, c)| Msg::List(t, c))}
                                on_paste={link.callback(Msg::Paste)}
                            />
                        </div>
                        <KeyBar input_ref={self.input_ref.clone()} lang={lang} />
                        { for editor }
                    </section>
                </main>
            </div>
        }
    }
}

impl App {
    /// The component's `update`, before the follow timer is scheduled.
    fn update_inner(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            // While following, typed lines go to nobody (Ctrl+C stops it).
            Msg::Submit(_) if matches!(self.mode, Mode::Follow { .. }) => return false,
            Msg::Submit(typed) => {
                self.enter(typed);
                self.settle();
            }
            Msg::Paste(lines) => {
                for typed in lines {
                    self.enter(typed);
                }
                self.settle();
            }
            Msg::FollowTick => {
                self.follow_pending = false;
                if let Mode::Follow {
                    host,
                    container,
                    from,
                    ..
                } = &mut self.mode
                {
                    let (out, running) = self.sandbox.borrow_mut().follow_tick(
                        *host,
                        container,
                        from,
                        storage::now(),
                    );
                    if !out.is_empty() {
                        self.scrollback.push("", "", "", out.chunks);
                        self.follow = true;
                    }
                    if !running {
                        self.mode = Mode::Shell;
                        self.settle();
                    }
                    return true;
                }
                return false;
            }
            Msg::Interrupt(typed) if matches!(self.mode, Mode::Follow { .. }) => {
                let _ = typed;
                if let Mode::Follow {
                    host,
                    container,
                    mut from,
                    attached,
                } = std::mem::replace(&mut self.mode, Mode::Shell)
                {
                    let out = self.sandbox.borrow_mut().follow_interrupt(
                        host,
                        &container,
                        attached,
                        &mut from,
                        storage::now(),
                    );
                    self.scrollback.push("", "", "^C", out.chunks);
                }
                self.follow = true;
                self.settle();
            }
            Msg::Interrupt(typed) => {
                let (prompt, shown) = match &self.mode {
                    Mode::Ask { label, secret, .. } => {
                        (label.clone(), if *secret { String::new() } else { typed })
                    }
                    _ if self.continuation.is_some() => ("> ".to_string(), typed),
                    _ => (self.prompt.to_string(), typed),
                };
                self.scrollback.push(&prompt, &shown, "^C", Vec::new());
                self.mode = Mode::Shell;
                self.continuation = None;
                self.follow = true;
            }
            Msg::ClearScreen => self.scrollback.clear(),
            Msg::List(typed, candidates) => {
                let listing = line::columns(&candidates, self.columns());
                let prompt = self.prompt.to_string();
                self.scrollback
                    .push(&prompt, &typed, "", vec![(Stream::Stdout, listing)]);
                self.follow = true;
            }
            Msg::EditorClosed => {
                self.refocus = true;
                self.mode = Mode::Shell;
                self.follow = true;
                while !matches!(self.mode, Mode::Edit { .. }) {
                    let Some(typed) = self.queue.pop_front() else {
                        break;
                    };
                    self.enter(typed);
                }
                self.settle();
            }
            Msg::Reset => self.confirming = Some(Confirming::Reset),
            Msg::Answer(yes) => match self.confirming.take() {
                Some(Confirming::Lesson { then, .. }) if yes => self.lesson(ctx, then),
                Some(Confirming::Reset) if yes => ctx.link().send_message(Msg::ResetConfirmed),
                _ => self.follow = true,
            },
            Msg::Export => {
                let json = self.sandbox.borrow().save();
                export::download("dockerlings-sandbox.json", "application/json", &json);
                return false;
            }
            Msg::OtherTab => self.elsewhere = true,
            Msg::ResetConfirmed => {
                storage::clear();
                *self.sandbox.borrow_mut() = storage::fresh(storage::now());
                self.scrollback.clear();
                self.tutor.sandbox_replaced(&self.sandbox.borrow());
                let done = t(self.tutor.lang(), "reset-sandbox-done");
                self.scrollback.notice(done);
                self.mode = Mode::Shell;
                self.continuation = None;
                self.queue.clear();
                self.settle();
            }
            Msg::Try(command) => {
                if let (Mode::Shell, Some(input)) = (&self.mode, self.input()) {
                    input.set_value(&command);
                    self.focus_input();
                    let end = line::utf16_len(&command) as u32;
                    let _ = input.set_selection_range(end, end);
                }
                return false;
            }
            Msg::Lesson(action) => {
                self.panel_acted = true;
                self.lesson(ctx, action)
            }
            Msg::TypeTick => {
                let (wait, render) = match self.typist.tick() {
                    Tick::Show(text, wait) => {
                        if let Some(input) = self.input() {
                            input.set_value(&text);
                        }
                        (wait, false)
                    }
                    Tick::Enter(typed, wait) => {
                        if let Some(input) = self.input() {
                            input.set_value("");
                        }
                        self.enter(typed);
                        self.check_step();
                        self.settle();
                        (wait, true)
                    }
                    Tick::Idle => return false,
                };
                if self.typist.busy() {
                    ctx.link().send_future(async move {
                        yew::platform::time::sleep(wait).await;
                        Msg::TypeTick
                    });
                }
                return render;
            }
            Msg::Focus => {
                let selecting = web_sys::window()
                    .and_then(|w| w.get_selection().ok().flatten())
                    .is_some_and(|s| !s.is_collapsed());
                if !selecting && matches!(self.mode, Mode::Shell | Mode::Ask { .. }) {
                    self.focus_input();
                }
                return false;
            }
        }
        true
    }
}

impl App {
    /// The in-page dialog (reset) and the persistent warning shown while
    /// the sandbox cannot be saved, with a download in its place.
    fn dialogs(&self, ctx: &Context<Self>) -> Html {
        let lang = self.tutor.lang();
        let link = ctx.link();
        let confirm = self.confirming.as_ref().map(|c| {
            let (title, message, confirm) = match c {
                Confirming::Reset => (
                    t(lang, "reset-sandbox"),
                    t(lang, "reset-sandbox-confirm"),
                    t(lang, "reset-sandbox"),
                ),
                Confirming::Lesson { message, .. } => {
                    (t(lang, "lessons"), message.as_str(), t(lang, "continue"))
                }
            };
            html! {
                <Confirm
                    title={title.to_string()}
                    message={message.to_string()}
                    confirm={confirm.to_string()}
                    cancel={t(lang, "cancel").to_string()}
                    on_answer={link.callback(Msg::Answer)}
                />
            }
        });
        let elsewhere = self.elsewhere.then(|| {
            html! {
                <div class="save-warning" role="alert">
                    <span>{ t(lang, "open-elsewhere") }</span>
                    <button type="button" onclick={Callback::from(|_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                    })}>{ t(lang, "crash-reload") }</button>
                </div>
            }
        });
        let warning = self.save_error.as_ref().filter(|_| !self.elsewhere).map(|e| {
            html! {
                <div class="save-warning" role="alert">
                    <span>{ i18n::tf(lang, "save-warning", &[("e", e)]) }</span>
                    <button type="button" onclick={link.callback(|_| Msg::Export)}>{ t(lang, "export-sandbox") }</button>
                </div>
            }
        });
        html! { <>{ for confirm }{ for elsewhere }{ for warning }</> }
    }
}
