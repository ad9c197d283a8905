//! The full-screen editor that `nano`, `vi` and `vim` open over the
//! terminal: a textarea with nano's keys (Ctrl+O write out, Ctrl+X exit,
//! asking to save a modified buffer), or vim's modes ([`crate::web::vim`]:
//! normal-mode keys go to the modes, insert mode types in the textarea,
//! `:` and `/` open the command line), buttons for both and, for vim, a
//! key bar with the keys a phone lacks (Esc, `:`, `/`, arrows).

use crate::lessons::Lang;
use crate::web::i18n::{t, tf};
use crate::web::vim::{Mode as VimMode, Outcome, Vim};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement, InputEvent, KeyboardEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub path: AttrValue,
    /// The program that opened it: `nano`, `vi` or `vim`.
    pub editor: AttrValue,
    pub text: Rc<String>,
    /// Writes the text to the file; the error says why it could not.
    pub on_save: Callback<String, Result<(), String>>,
    pub on_close: Callback<()>,
    /// The language of the editor's buttons and help line.
    pub lang: Lang,
}

pub enum Msg {
    Key(KeyboardEvent),
    /// Text typed in normal mode (phones send letters this way): keys.
    Typed(String),
    /// A key from vim's key bar.
    VimKey(&'static str),
    /// The textarea scrolled (the line numbers follow).
    Scroll,
    Input,
    CommandKey(KeyboardEvent),
    Save,
    SaveQuit,
    Quit,
}

/// What the editor is waiting for.
#[derive(PartialEq)]
enum Asking {
    Nothing,
    /// nano: "Save modified buffer?" (Y/N/^C).
    SaveModified,
}

pub struct Editor {
    area: NodeRef,
    command: NodeRef,
    gutter: NodeRef,
    /// vim's modes (`None` for nano).
    vim: Option<Vim>,
    /// The buffer version and mode the textarea shows.
    shown: Option<u64>,
    shown_mode: Option<VimMode>,
    /// Whether vim is in normal mode, for the `beforeinput` listener.
    normal: Rc<Cell<bool>>,
    /// The `beforeinput` listener on the textarea (vim only).
    _typed: Option<wasm_bindgen::closure::Closure<dyn FnMut(InputEvent)>>,
    modified: bool,
    status: String,
    asking: Asking,
}

impl Editor {
    fn is_vim(ctx: &Context<Self>) -> bool {
        ctx.props().editor != "nano"
    }

    fn text(&self) -> String {
        if let Some(vim) = &self.vim {
            return vim.text();
        }
        self.area
            .cast::<HtmlTextAreaElement>()
            .map(|a| a.value())
            .unwrap_or_default()
    }

    /// Writes the file and reports it as the editor would.
    fn save(&mut self, ctx: &Context<Self>) -> bool {
        self.leave_insert();
        let text = self.text();
        if let Some(vim) = &mut self.vim {
            let result = ctx.props().on_save.emit(text);
            let ok = result.is_ok();
            vim.written(&ctx.props().path, result);
            return ok;
        }
        match ctx.props().on_save.emit(text.clone()) {
            Ok(()) => {
                self.modified = false;
                let lines = text.lines().count();
                let plural = if lines == 1 { "" } else { "s" };
                self.status = format!("[ Wrote {lines} line{plural} ]");
                true
            }
            Err(e) => {
                self.status = format!("[ Error writing {}: {e} ]", ctx.props().path);
                false
            }
        }
    }

    fn focus_area(&self) {
        if let Some(a) = self.area.cast::<HtmlTextAreaElement>() {
            let _ = a.focus();
        }
    }

    /// vim: insert mode ends, taking the textarea's text and caret.
    fn leave_insert(&mut self) {
        let Some(vim) = &mut self.vim else {
            return;
        };
        if vim.mode() != VimMode::Insert {
            return;
        }
        if let Some(a) = self.area.cast::<HtmlTextAreaElement>() {
            let caret = a.selection_start().ok().flatten().unwrap_or(0) as usize;
            vim.leave_insert(&a.value(), caret);
        }
    }

    /// Carries out what a vim key or command line asks.
    fn outcome(&mut self, ctx: &Context<Self>, outcome: Outcome) {
        match outcome {
            Outcome::Stay => {}
            Outcome::Quit => ctx.props().on_close.emit(()),
            Outcome::Write { quit } => {
                if self.save(ctx) && quit {
                    ctx.props().on_close.emit(());
                }
            }
        }
    }

    /// A key for vim (from the keyboard or the key bar).
    fn vim_key(&mut self, ctx: &Context<Self>, key: &str) -> bool {
        let Some(vim) = &mut self.vim else {
            return false;
        };
        match vim.mode() {
            VimMode::Insert => match key {
                "Escape" => self.leave_insert(),
                "ArrowLeft" | "ArrowRight" => {
                    if let Some(a) = self.area.cast::<HtmlTextAreaElement>() {
                        let at = a.selection_start().ok().flatten().unwrap_or(0);
                        let len = a.value().encode_utf16().count() as u32;
                        let to = if key == "ArrowLeft" {
                            at.saturating_sub(1)
                        } else {
                            (at + 1).min(len)
                        };
                        let _ = a.set_selection_range(to, to);
                    }
                    return false;
                }
                _ => return false,
            },
            VimMode::Normal => {
                let outcome = vim.key(key);
                self.outcome(ctx, outcome);
            }
            VimMode::CommandLine(_) => {
                if key == "Escape" {
                    vim.cancel_command_line();
                }
            }
        }
        true
    }

    /// A keydown in the textarea while vim is open.
    fn vim_keydown(&mut self, ctx: &Context<Self>, e: KeyboardEvent) -> bool {
        let Some(vim) = &self.vim else {
            return false;
        };
        if e.is_composing() || e.key_code() == 229 {
            return false;
        }
        let key = e.key();
        let ctrl = e.ctrl_key() && !e.alt_key() && !e.meta_key();
        if vim.mode() == VimMode::Insert {
            return match (ctrl, key.as_str()) {
                (false, "Escape") | (true, "c") | (true, "[") => {
                    e.prevent_default();
                    self.vim_key(ctx, "Escape")
                }
                (false, "Tab") => {
                    e.prevent_default();
                    self.insert_tab();
                    false
                }
                _ => false,
            };
        }
        const NAMED: &[&str] = &[
            "Escape",
            "Enter",
            "Backspace",
            "Delete",
            "ArrowLeft",
            "ArrowRight",
            "ArrowUp",
            "ArrowDown",
            "Home",
            "End",
        ];
        let name = match (ctrl, key.as_str()) {
            (true, "r") => "<C-r>".to_string(),
            // Other Ctrl keys (copy, the browser's own) stay the browser's.
            (true, _) => return false,
            (false, k) if e.meta_key() || e.alt_key() => {
                let _ = k;
                return false;
            }
            (false, k) if k.chars().count() == 1 || NAMED.contains(&k) => k.to_string(),
            // Tab and Shift+Tab move the focus on: vim never traps it.
            _ => return false,
        };
        if name == "Escape" && vim.idle() {
            // Esc in normal mode does nothing (vim beeps); a second Esc
            // never reaches the shell behind.
            e.prevent_default();
            return false;
        }
        e.prevent_default();
        self.vim_key(ctx, &name)
    }

    fn insert_tab(&mut self) {
        if let Some(a) = self.area.cast::<HtmlTextAreaElement>() {
            let _ = a.set_range_text_with_start_and_end_and_mode(
                "\t",
                a.selection_start().ok().flatten().unwrap_or(0),
                a.selection_end().ok().flatten().unwrap_or(0),
                "end",
            );
            self.modified = true;
        }
    }

    fn key(&mut self, ctx: &Context<Self>, e: KeyboardEvent) -> bool {
        if self.vim.is_some() {
            return self.vim_keydown(ctx, e);
        }
        let ctrl = e.ctrl_key() && !e.alt_key() && !e.meta_key();
        let key = e.key();
        if self.asking == Asking::SaveModified {
            e.prevent_default();
            match key.to_ascii_lowercase().as_str() {
                "y" => {
                    if self.save(ctx) {
                        ctx.props().on_close.emit(());
                    }
                }
                "n" => ctx.props().on_close.emit(()),
                "c" | "escape" => {
                    self.status = t(ctx.props().lang, "editor-cancelled").to_string();
                }
                _ => return false,
            }
            self.asking = Asking::Nothing;
            return true;
        }
        match (ctrl, key.as_str()) {
            (true, "o") | (true, "O") | (true, "s") | (true, "S") => {
                e.prevent_default();
                self.save(ctx);
                true
            }
            (true, "x") | (true, "X") => {
                e.prevent_default();
                if self.modified {
                    self.asking = Asking::SaveModified;
                    self.status = t(ctx.props().lang, "editor-save-ask").to_string();
                    true
                } else {
                    ctx.props().on_close.emit(());
                    false
                }
            }
            (false, "Tab") => {
                e.prevent_default();
                self.insert_tab();
                false
            }
            _ => false,
        }
    }

    /// Runs vim's command line (without its `:` or `/`).
    fn command(&mut self, ctx: &Context<Self>, cmd: &str) -> bool {
        if let Some(vim) = &mut self.vim {
            let outcome = vim.command_line(cmd);
            self.outcome(ctx, outcome);
        }
        self.focus_area();
        true
    }

    /// The vim mode's line at the bottom: the command line, a message, the
    /// mode, or the help.
    fn vim_status(&self, ctx: &Context<Self>, vim: &Vim) -> Html {
        let lang = ctx.props().lang;
        if let VimMode::CommandLine(kind) = vim.mode() {
            let label = if kind == ':' {
                t(lang, "editor-command").to_string()
            } else {
                t(lang, "key-search").to_string()
            };
            return html! {
                <label class="editor-cmdline">
                    <span aria-hidden="true">{ kind }</span>
                    <input
                        ref={self.command.clone()}
                        class="editor-command"
                        aria-label={label}
                        autocomplete="off"
                        autocapitalize="off"
                        spellcheck="false"
                        enterkeyhint="go"
                        onkeydown={ctx.link().callback(Msg::CommandKey)}
                    />
                </label>
            };
        }
        if let Some(m) = vim.message() {
            let class = classes!("editor-message", m.error.then_some("error"));
            return html! { <span {class} role="status">{ &m.text }</span> };
        }
        if vim.mode() == VimMode::Insert {
            return html! { <span class="editor-mode" role="status">{ "-- INSERT --" }</span> };
        }
        html! { <span class="editor-help">{ t(lang, "editor-vim-help") }</span> }
    }

    /// vim's keys a phone keyboard lacks.
    fn vim_keybar(&self, ctx: &Context<Self>) -> Html {
        const KEYS: &[(&str, &str, &str)] = &[
            ("Esc", "Escape", "key-escape"),
            (":", ":", "key-ex"),
            ("/", "/", "key-search"),
            ("←", "ArrowLeft", "key-left"),
            ("↓", "ArrowDown", "key-down"),
            ("↑", "ArrowUp", "key-up"),
            ("→", "ArrowRight", "key-right"),
        ];
        let lang = ctx.props().lang;
        html! {
            <div class="keybar editor-keys" role="group" aria-label={t(lang, "editor-keys").to_string()}>
                { for KEYS.iter().map(|&(label, key, title)| {
                    let title = t(lang, title).to_string();
                    let name = format!("{label} {title}");
                    // Keep the focus (and a phone's keyboard) in the text.
                    let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
                    html! {
                        <button type="button" {title} aria-label={name} {onmousedown}
                            onclick={ctx.link().callback(move |_| Msg::VimKey(key))}>{ label }</button>
                    }
                }) }
            </div>
        }
    }

    /// Shows vim's buffer and cursor in the textarea: the text when it
    /// changed, the cursor as a one-character selection (a block) in
    /// normal mode, a caret in insert mode.
    fn sync_vim(&mut self) {
        let Some(vim) = &self.vim else {
            return;
        };
        let Some(a) = self.area.cast::<HtmlTextAreaElement>() else {
            return;
        };
        let mode = vim.mode();
        let entering = self.shown_mode != Some(mode);
        self.shown_mode = Some(mode);
        // In insert mode the textarea owns the text until Esc.
        if mode == VimMode::Insert && !entering {
            return;
        }
        if self.shown != Some(vim.version()) {
            a.set_value(&vim.buffer());
            self.shown = Some(vim.version());
        }
        let at = vim.cursor_utf16() as u32;
        let end = if mode != VimMode::Insert && vim.on_char() {
            at + vim_char_width(vim)
        } else {
            at
        };
        let _ = a.set_selection_range(at, end);
        if let Some(g) = self.gutter.cast::<web_sys::HtmlElement>() {
            g.set_scroll_top(a.scroll_top());
        }
    }
}

/// The width in UTF-16 units of the character under vim's cursor.
fn vim_char_width(vim: &Vim) -> u32 {
    let (row, col) = vim.position();
    vim.buffer()
        .split('\n')
        .nth(row)
        .and_then(|l| l.chars().nth(col))
        .map_or(1, |c| c.len_utf16() as u32)
}

impl Component for Editor {
    type Message = Msg;
    type Properties = EditorProps;

    fn create(ctx: &Context<Self>) -> Self {
        let vim = Self::is_vim(ctx).then(|| Vim::new(&ctx.props().text));
        Editor {
            area: NodeRef::default(),
            command: NodeRef::default(),
            gutter: NodeRef::default(),
            vim,
            shown: None,
            shown_mode: None,
            normal: Rc::new(Cell::new(true)),
            _typed: None,
            modified: false,
            status: String::new(),
            asking: Asking::Nothing,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Key(e) => self.key(ctx, e),
            Msg::Typed(data) => {
                for c in data.chars() {
                    let still = self
                        .vim
                        .as_ref()
                        .is_some_and(|v| v.mode() == VimMode::Normal);
                    if !still {
                        break;
                    }
                    self.vim_key(ctx, &c.to_string());
                }
                true
            }
            Msg::VimKey(key) => self.vim_key(ctx, key),
            Msg::Scroll => {
                if let (Some(a), Some(g)) = (
                    self.area.cast::<HtmlTextAreaElement>(),
                    self.gutter.cast::<web_sys::HtmlElement>(),
                ) {
                    g.set_scroll_top(a.scroll_top());
                }
                false
            }
            Msg::Input => {
                if self.vim.is_some() {
                    // Insert mode: the line numbers follow the text.
                    return self.vim.as_ref().is_some_and(|v| v.number);
                }
                let changed = !self.modified || !self.status.is_empty();
                self.modified = true;
                self.status.clear();
                changed
            }
            Msg::CommandKey(e) => {
                let value = e
                    .target()
                    .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                    .map(|i| i.value())
                    .unwrap_or_default();
                match e.key().as_str() {
                    "Enter" => {
                        e.prevent_default();
                        self.command(ctx, &value)
                    }
                    "Escape" => {
                        e.prevent_default();
                        if let Some(v) = &mut self.vim {
                            v.cancel_command_line();
                        }
                        self.focus_area();
                        true
                    }
                    "Backspace" if value.is_empty() => {
                        e.prevent_default();
                        if let Some(v) = &mut self.vim {
                            v.cancel_command_line();
                        }
                        self.focus_area();
                        true
                    }
                    _ => false,
                }
            }
            Msg::Save => {
                self.save(ctx);
                self.focus_area();
                true
            }
            Msg::SaveQuit => {
                if self.save(ctx) {
                    ctx.props().on_close.emit(());
                }
                true
            }
            Msg::Quit => {
                self.leave_insert();
                let modified = match &self.vim {
                    Some(v) => v.modified(),
                    None => self.modified,
                };
                let discard = !modified
                    || web_sys::window()
                        .and_then(|w| {
                            w.confirm_with_message(t(ctx.props().lang, "editor-quit-confirm"))
                                .ok()
                        })
                        .unwrap_or(false);
                if discard {
                    ctx.props().on_close.emit(());
                }
                false
            }
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if first_render {
            if let Some(a) = self.area.cast::<HtmlTextAreaElement>() {
                // Uncontrolled: Yew would reset a `value` attribute to the
                // file's text whenever the editor re-renders.
                a.set_value(&ctx.props().text);
                let _ = a.focus();
                let _ = a.set_selection_range(0, 0);
                if self.vim.is_some() {
                    // Yew has no `onbeforeinput`: in normal mode, text a
                    // phone's keyboard types is taken as keys instead.
                    let normal = self.normal.clone();
                    let typed = ctx.link().callback(Msg::Typed);
                    let closure = wasm_bindgen::closure::Closure::<dyn FnMut(InputEvent)>::new(
                        move |e: InputEvent| {
                            if normal.get() {
                                e.prevent_default();
                                if let Some(data) = e.data() {
                                    typed.emit(data);
                                }
                            }
                        },
                    );
                    let _ = a.add_event_listener_with_callback(
                        "beforeinput",
                        closure.as_ref().unchecked_ref(),
                    );
                    self._typed = Some(closure);
                }
            }
        }
        if let Some(v) = &self.vim {
            self.normal.set(v.mode() != VimMode::Insert);
        }
        self.sync_vim();
        let commanding = self
            .vim
            .as_ref()
            .is_some_and(|v| matches!(v.mode(), VimMode::CommandLine(_)));
        if commanding {
            if let Some(c) = self.command.cast::<HtmlInputElement>() {
                if gloo::utils::document().active_element().as_ref() != Some(c.as_ref()) {
                    let _ = c.focus();
                }
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let props = ctx.props();
        let vim = Self::is_vim(ctx);
        let title = if vim {
            format!("{} — {}", props.editor, props.path)
        } else {
            format!("GNU nano — {}", props.path)
        };
        let lang = props.lang;
        let modified = match &self.vim {
            Some(v) => v.modified(),
            None => self.modified,
        };
        let mode = self.vim.as_ref().map(|v| match v.mode() {
            VimMode::Normal => "normal",
            VimMode::Insert => "insert",
            VimMode::CommandLine(_) => "command",
        });
        let gutter = self.vim.as_ref().filter(|v| v.number).map(|v| {
            let n = match v.mode() {
                VimMode::Insert => self
                    .area
                    .cast::<HtmlTextAreaElement>()
                    .map_or(v.line_count(), |a| a.value().split('\n').count()),
                _ => v.line_count(),
            };
            let width = n.to_string().len().max(3);
            let numbers: String = (1..=n).map(|i| format!("{i:>width$} \n")).collect();
            html! { <pre class="editor-gutter" ref={self.gutter.clone()} aria-hidden="true">{ numbers }</pre> }
        });
        let status = match &self.vim {
            Some(v) => self.vim_status(ctx, v),
            None if self.asking == Asking::SaveModified || !self.status.is_empty() => {
                html! { <span class="editor-message" role="status">{ &self.status }</span> }
            }
            None => html! { <span class="editor-help">{ t(lang, "editor-nano-help") }</span> },
        };
        html! {
            <div class="editor" role="dialog" aria-label={title.clone()} data-mode={mode}>
                <div class="editor-bar">
                    <span class="editor-title">{ title }</span>
                    if modified { <span class="editor-modified">{ t(lang, "editor-modified") }</span> }
                    <span class="editor-buttons">
                        <button onclick={ctx.link().callback(|_| Msg::Save)}>{ t(lang, "editor-save") }</button>
                        <button onclick={ctx.link().callback(|_| Msg::SaveQuit)}>{ t(lang, "editor-save-quit") }</button>
                        <button onclick={ctx.link().callback(|_| Msg::Quit)}>{ t(lang, "editor-quit") }</button>
                    </span>
                </div>
                <div class="editor-body">
                    { for gutter }
                    <textarea
                        ref={self.area.clone()}
                        class="editor-text"
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        wrap={vim.then_some("off")}
                        aria-label={tf(lang, "editor-contents", &[("path", &props.path)])}
                        onkeydown={ctx.link().callback(Msg::Key)}
                        oninput={ctx.link().callback(|_| Msg::Input)}
                        onscroll={ctx.link().callback(|_| Msg::Scroll)}
                    />
                </div>
                <div class="editor-status">{ status }</div>
                if vim { { self.vim_keybar(ctx) } }
            </div>
        }
    }
}
