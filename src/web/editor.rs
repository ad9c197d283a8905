//! The full-screen editor that `nano`, `vi` and `vim` open over the
//! terminal: a textarea with nano's keys (Ctrl+O write out, Ctrl+X exit,
//! asking to save a modified buffer), vim's command line (Esc, then `:w`,
//! `:q`, `:wq`, `:x`, `:q!`) and buttons for both.

use crate::lessons::Lang;
use crate::web::i18n::{t, tf};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement, KeyboardEvent};
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
    /// vim: the `:` command line is open.
    Command,
}

pub struct Editor {
    area: NodeRef,
    command: NodeRef,
    modified: bool,
    status: String,
    asking: Asking,
}

impl Editor {
    fn is_vim(ctx: &Context<Self>) -> bool {
        ctx.props().editor != "nano"
    }

    fn text(&self) -> String {
        self.area
            .cast::<HtmlTextAreaElement>()
            .map(|a| a.value())
            .unwrap_or_default()
    }

    /// Writes the file and reports it as the editor would.
    fn save(&mut self, ctx: &Context<Self>) -> bool {
        let text = self.text();
        match ctx.props().on_save.emit(text.clone()) {
            Ok(()) => {
                self.modified = false;
                let lines = text.lines().count();
                self.status = if Self::is_vim(ctx) {
                    format!("\"{}\" {lines}L, {}B written", ctx.props().path, text.len())
                } else {
                    format!(
                        "[ Wrote {lines} line{} ]",
                        if lines == 1 { "" } else { "s" }
                    )
                };
                true
            }
            Err(e) => {
                self.status = if Self::is_vim(ctx) {
                    format!(
                        "\"{}\" E212: Can't open file for writing: {e}",
                        ctx.props().path
                    )
                } else {
                    format!("[ Error writing {}: {e} ]", ctx.props().path)
                };
                false
            }
        }
    }

    fn focus_area(&self) {
        if let Some(a) = self.area.cast::<HtmlTextAreaElement>() {
            let _ = a.focus();
        }
    }

    fn key(&mut self, ctx: &Context<Self>, e: KeyboardEvent) -> bool {
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
            (true, "c") | (true, "C") if Self::is_vim(ctx) => false,
            (false, "Escape") if Self::is_vim(ctx) => {
                e.prevent_default();
                self.asking = Asking::Command;
                self.status.clear();
                true
            }
            (false, "Tab") => {
                e.prevent_default();
                if let Some(a) = self.area.cast::<HtmlTextAreaElement>() {
                    let _ = a.set_range_text_with_start_and_end_and_mode(
                        "\t",
                        a.selection_start().ok().flatten().unwrap_or(0),
                        a.selection_end().ok().flatten().unwrap_or(0),
                        "end",
                    );
                    self.modified = true;
                }
                false
            }
            _ => false,
        }
    }

    /// Runs a vim command line (without its `:`).
    fn command(&mut self, ctx: &Context<Self>, cmd: &str) -> bool {
        self.asking = Asking::Nothing;
        match cmd.trim() {
            "w" | "w!" => {
                self.save(ctx);
            }
            "q" if self.modified => {
                self.status = "E37: No write since last change (add ! to override)".to_string();
            }
            "q" | "q!" | "qa" | "qa!" => ctx.props().on_close.emit(()),
            "wq" | "wq!" | "x" | "x!" | "wqa" | "xa" => {
                if self.save(ctx) {
                    ctx.props().on_close.emit(());
                }
            }
            "" => {}
            other => self.status = format!("E492: Not an editor command: {other}"),
        }
        self.focus_area();
        true
    }
}

impl Component for Editor {
    type Message = Msg;
    type Properties = EditorProps;

    fn create(_ctx: &Context<Self>) -> Self {
        Editor {
            area: NodeRef::default(),
            command: NodeRef::default(),
            modified: false,
            status: String::new(),
            asking: Asking::Nothing,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Key(e) => self.key(ctx, e),
            Msg::Input => {
                let changed = !self.modified || !self.status.is_empty();
                self.modified = true;
                self.status.clear();
                changed
            }
            Msg::CommandKey(e) => match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    let cmd = e
                        .target()
                        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                        .map(|i| i.value())
                        .unwrap_or_default();
                    self.command(ctx, &cmd)
                }
                "Escape" => {
                    e.prevent_default();
                    self.asking = Asking::Nothing;
                    self.focus_area();
                    true
                }
                _ => false,
            },
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
                let discard = !self.modified
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
            }
        }
        if self.asking == Asking::Command {
            if let Some(c) = self.command.cast::<HtmlInputElement>() {
                let _ = c.focus();
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
        let help = if vim {
            t(lang, "editor-vim-help")
        } else {
            t(lang, "editor-nano-help")
        };
        html! {
            <div class="editor" role="dialog" aria-label={title.clone()}>
                <div class="editor-bar">
                    <span class="editor-title">{ title }</span>
                    if self.modified { <span class="editor-modified">{ t(lang, "editor-modified") }</span> }
                    <span class="editor-buttons">
                        <button onclick={ctx.link().callback(|_| Msg::Save)}>{ t(lang, "editor-save") }</button>
                        <button onclick={ctx.link().callback(|_| Msg::SaveQuit)}>{ t(lang, "editor-save-quit") }</button>
                        <button onclick={ctx.link().callback(|_| Msg::Quit)}>{ t(lang, "editor-quit") }</button>
                    </span>
                </div>
                <textarea
                    ref={self.area.clone()}
                    class="editor-text"
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    aria-label={tf(lang, "editor-contents", &[("path", &props.path)])}
                    onkeydown={ctx.link().callback(Msg::Key)}
                    oninput={ctx.link().callback(|_| Msg::Input)}
                />
                <div class="editor-status">
                    if self.asking == Asking::Command {
                        <label class="editor-cmdline">
                        { ":" }
                        <input
                            ref={self.command.clone()}
                            class="editor-command"
                            aria-label={t(lang, "editor-command").to_string()}
                            autocomplete="off"
                            autocapitalize="off"
                            spellcheck="false"
                            onkeydown={ctx.link().callback(Msg::CommandKey)}
                        />
                        </label>
                    } else if !self.status.is_empty() {
                        <span class="editor-message">{ &self.status }</span>
                    } else {
                        <span class="editor-help">{ help }</span>
                    }
                </div>
            </div>
        }
    }
}
