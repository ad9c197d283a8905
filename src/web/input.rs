//! The input line: the prompt and what the learner is typing, with
//! readline's keys (history on ↑/↓, Tab completion, Ctrl+C / Ctrl+L /
//! Ctrl+U / Ctrl+W / Ctrl+A / Ctrl+E / Ctrl+K) and multi-line paste. Its own
//! component, so typing never re-renders the scrollback.
//!
//! The line never traps the keyboard: Tab completes only when there is
//! something to complete, Shift+Tab always leaves, and Esc then Tab leaves
//! too. A printable key typed while nothing has the focus comes back here.

use crate::lessons::Lang;
use crate::web::i18n::{t, tf};
use crate::web::line::{self, Completion, Edited};
use crate::web::scrollback::prompt_html;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputProps {
    pub prompt: AttrValue,
    /// The language of the line's accessible label.
    pub lang: Lang,
    /// Mask what is typed (a password prompt) and keep it out of history.
    pub secret: bool,
    /// The learner is in a container's shell or on another machine over
    /// ssh (Ctrl+D leaves it).
    pub in_container: bool,
    /// Earlier commands, oldest first.
    pub history: Rc<Vec<String>>,
    pub input_ref: NodeRef,
    /// Enter: the line as typed.
    pub on_submit: Callback<String>,
    /// Ctrl+C: the abandoned line.
    pub on_interrupt: Callback<String>,
    /// Ctrl+L.
    pub on_clear: Callback<()>,
    /// Tab: the sandbox's candidates for the last word of this text.
    pub on_complete: Callback<String, Vec<String>>,
    /// Tab with several candidates: the line and the candidates to list.
    pub on_list: Callback<(String, Vec<String>)>,
    /// A paste of several lines: the complete lines, in order.
    pub on_paste: Callback<Vec<String>>,
}

pub enum Msg {
    Key(KeyboardEvent),
    Paste(Event),
}

/// The input line's own state: where it is in the history.
pub struct InputLine {
    /// Index into the history while browsing it with ↑/↓.
    browsing: Option<usize>,
    /// The line being typed before browsing started.
    draft: String,
    /// Esc was the last key: the next Tab leaves the terminal.
    escaped: bool,
    /// The page-wide keydown listener that brings typing back to the line.
    _typing: Option<TypingListener>,
}

/// A keydown listener on the document, removed when dropped: a printable
/// key typed while nothing has the focus focuses the input line, so the
/// character lands there (the browser delivers it to the new focus).
struct TypingListener {
    closure: wasm_bindgen::closure::Closure<dyn FnMut(KeyboardEvent)>,
}

impl TypingListener {
    fn new(input_ref: NodeRef) -> Option<TypingListener> {
        let closure = wasm_bindgen::closure::Closure::<dyn FnMut(KeyboardEvent)>::new(
            move |e: KeyboardEvent| {
                let printable =
                    e.key().chars().count() == 1 && !e.ctrl_key() && !e.meta_key() && !e.alt_key();
                if !printable {
                    return;
                }
                let document = gloo::utils::document();
                let body = document.body();
                let idle = match document.active_element() {
                    None => true,
                    Some(a) => body.as_ref().is_some_and(|b| {
                        let a: &web_sys::Element = &a;
                        let b: &web_sys::Element = b;
                        a == b
                    }),
                };
                if idle {
                    if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                        let _ = input.focus();
                    }
                }
            },
        );
        gloo::utils::document()
            .add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref())
            .ok()?;
        Some(TypingListener { closure })
    }
}

impl Drop for TypingListener {
    fn drop(&mut self) {
        let _ = gloo::utils::document()
            .remove_event_listener_with_callback("keydown", self.closure.as_ref().unchecked_ref());
    }
}

impl InputLine {
    fn input(ctx: &Context<Self>) -> Option<HtmlInputElement> {
        ctx.props().input_ref.cast::<HtmlInputElement>()
    }

    fn set(input: &HtmlInputElement, edited: &Edited) {
        input.set_value(&edited.text);
        let c = edited.cursor as u32;
        let _ = input.set_selection_range(c, c);
    }

    fn cursor(input: &HtmlInputElement) -> usize {
        input
            .selection_start()
            .ok()
            .flatten()
            .map(|c| c as usize)
            .unwrap_or_else(|| line::utf16_len(&input.value()))
    }

    /// Shows history entry `i` (or the draft for `None`), cursor at the end.
    fn show(&mut self, input: &HtmlInputElement, i: Option<usize>, history: &[String]) {
        self.browsing = i;
        let text = match i {
            Some(i) => history.get(i).cloned().unwrap_or_default(),
            None => self.draft.clone(),
        };
        // An <input> holds one line: a multi-line command (a heredoc) is
        // shown with ⏎ for its line breaks, and run whole on Enter.
        let shown = text.replace('\n', " ⏎ ");
        Self::set(
            input,
            &Edited {
                cursor: line::utf16_len(&shown),
                text: shown,
            },
        );
    }

    fn key(&mut self, ctx: &Context<Self>, e: KeyboardEvent) {
        let Some(input) = Self::input(ctx) else {
            return;
        };
        // Keys that confirm an input method's composition (Chinese, Japanese…)
        // belong to the IME, not to the shell.
        if e.is_composing() || e.key_code() == 229 {
            return;
        }
        let props = ctx.props();
        let text = input.value();
        let cursor = Self::cursor(&input);
        let escaped = std::mem::replace(&mut self.escaped, e.key() == "Escape");
        let ctrl = e.ctrl_key() && !e.alt_key() && !e.meta_key();
        match (ctrl, e.key().as_str()) {
            (false, "Enter") => {
                e.prevent_default();
                let line = match self.browsing.and_then(|i| props.history.get(i)) {
                    Some(h) if h.replace('\n', " ⏎ ") == text => h.clone(),
                    _ => text,
                };
                self.browsing = None;
                self.draft.clear();
                input.set_value("");
                props.on_submit.emit(line);
            }
            (false, "ArrowUp") if !props.secret => {
                e.prevent_default();
                if props.history.is_empty() {
                    return;
                }
                let next = match self.browsing {
                    None => {
                        self.draft = text;
                        props.history.len() - 1
                    }
                    Some(0) => 0,
                    Some(i) => i - 1,
                };
                self.show(&input, Some(next), &props.history);
            }
            (false, "ArrowDown") if !props.secret => {
                e.prevent_default();
                if let Some(i) = self.browsing {
                    let next = (i + 1 < props.history.len()).then_some(i + 1);
                    self.show(&input, next, &props.history);
                }
            }
            // Shift+Tab, Esc then Tab, and Tab with nothing to complete (a
            // secret, an empty line, no candidate) move the focus on.
            (false, "Tab") if e.shift_key() || escaped || props.secret => {}
            (false, "Tab") if text.trim().is_empty() => {}
            (false, "Tab") => {
                let b = line::byte_index(&text, cursor);
                let candidates = props.on_complete.emit(text[..b].to_string());
                match line::complete(&text, cursor, &candidates) {
                    Completion::None => {}
                    Completion::Line(edited) => {
                        e.prevent_default();
                        Self::set(&input, &edited);
                    }
                    Completion::List(list) => {
                        e.prevent_default();
                        props.on_list.emit((text, list));
                    }
                }
            }
            (true, "c") | (true, "C") => {
                // With text selected, Ctrl+C copies it as usual.
                let selected = input.selection_end().ok().flatten()
                    != input.selection_start().ok().flatten()
                    || window_selection_is_empty() == Some(false);
                if selected {
                    return;
                }
                e.prevent_default();
                self.browsing = None;
                self.draft.clear();
                input.set_value("");
                props.on_interrupt.emit(text);
            }
            // End of input on an empty line leaves a container's shell (or
            // an ssh login), as bash does; the laptop's own shell stays open.
            (true, "d") | (true, "D") => {
                e.prevent_default();
                if text.is_empty() && props.in_container && !props.secret {
                    self.browsing = None;
                    props.on_submit.emit("exit".to_string());
                }
            }
            (true, "l") | (true, "L") => {
                e.prevent_default();
                props.on_clear.emit(());
            }
            (true, "u") | (true, "U") => {
                e.prevent_default();
                Self::set(&input, &line::kill_to_start(&text, cursor));
            }
            (true, "w") | (true, "W") => {
                e.prevent_default();
                Self::set(&input, &line::rubout_word(&text, cursor));
            }
            (true, "k") | (true, "K") => {
                e.prevent_default();
                Self::set(&input, &line::kill_to_end(&text, cursor));
            }
            (true, "a") | (true, "A") => {
                e.prevent_default();
                let _ = input.set_selection_range(0, 0);
            }
            (true, "e") | (true, "E") => {
                e.prevent_default();
                let end = line::utf16_len(&text) as u32;
                let _ = input.set_selection_range(end, end);
            }
            _ => {}
        }
    }

    fn paste(&mut self, ctx: &Context<Self>, e: Event) {
        let Some(input) = Self::input(ctx) else {
            return;
        };
        let Some(data) = e
            .dyn_ref::<web_sys::ClipboardEvent>()
            .and_then(|c| c.clipboard_data())
        else {
            return;
        };
        let Ok(pasted) = data.get_data("text") else {
            return;
        };
        if !pasted.contains(['\n', '\r']) {
            return; // a single line: the browser inserts it
        }
        e.prevent_default();
        let (lines, left) = line::paste(&input.value(), Self::cursor(&input), &pasted);
        self.browsing = None;
        Self::set(&input, &left);
        ctx.props().on_paste.emit(lines);
    }
}

/// Whether the page has no text selected (`None` if unknown).
fn window_selection_is_empty() -> Option<bool> {
    let sel = web_sys::window()?.get_selection().ok()??;
    Some(sel.is_collapsed())
}

impl Component for InputLine {
    type Message = Msg;
    type Properties = InputProps;

    fn create(ctx: &Context<Self>) -> Self {
        InputLine {
            browsing: None,
            draft: String::new(),
            escaped: false,
            _typing: TypingListener::new(ctx.props().input_ref.clone()),
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Key(e) => self.key(ctx, e),
            Msg::Paste(e) => self.paste(ctx, e),
        }
        false
    }

    fn changed(&mut self, _ctx: &Context<Self>, old: &InputProps) -> bool {
        let _ = old;
        // A new command ran: browsing starts again from the newest entry.
        self.browsing = None;
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let props = ctx.props();
        let onkeydown = ctx.link().callback(Msg::Key);
        let onpaste = ctx.link().callback(Msg::Paste);
        let kind = if props.secret { "password" } else { "text" };
        // The name says where the learner is: the prompt names the user,
        // the machine (a container's id) and the directory.
        let key = if props.in_container {
            "command-line-nested"
        } else {
            "command-line-at"
        };
        let prompt = props.prompt.trim_end();
        let label = if prompt.is_empty() {
            t(props.lang, "command-line").to_string()
        } else {
            tf(props.lang, key, &[("prompt", prompt)])
        };
        html! {
            <div class="input-line">
                { prompt_html(&props.prompt) }
                <p id="terminal-help" hidden=true>{ t(props.lang, "terminal-help") }</p>
                <input
                    ref={props.input_ref.clone()}
                    class="typed"
                    type={kind}
                    aria-label={label}
                    aria-describedby="terminal-help"
                    autocomplete="off"
                    autocapitalize="off"
                    autocorrect="off"
                    spellcheck="false"
                    enterkeyhint="send"
                    {onkeydown}
                    {onpaste}
                />
            </div>
        }
    }
}

/// Keys a phone's keyboard lacks, as buttons under the terminal: each sends
/// the key to the input line as if typed, without taking the focus.
#[derive(Properties, PartialEq)]
pub struct KeyBarProps {
    pub input_ref: NodeRef,
    /// The language of the keys' titles.
    pub lang: Lang,
}

#[function_component]
pub fn KeyBar(props: &KeyBarProps) -> Html {
    const KEYS: &[(&str, &str, bool, &str)] = &[
        ("Tab", "Tab", false, "key-complete"),
        ("↑", "ArrowUp", false, "key-previous"),
        ("↓", "ArrowDown", false, "key-next"),
        ("^C", "c", true, "key-cancel"),
        ("^U", "u", true, "key-kill-line"),
        ("^W", "w", true, "key-kill-word"),
        ("^L", "l", true, "key-clear"),
    ];
    let lang = props.lang;
    let buttons = KEYS.iter().map(|&(label, key, ctrl, title_key)| {
        let title = t(lang, title_key).to_string();
        // The name starts with what the button shows (WCAG 2.5.3).
        let name = format!("{label} {title}");
        let input_ref = props.input_ref.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let init = web_sys::KeyboardEventInit::new();
                init.set_key(key);
                init.set_ctrl_key(ctrl);
                init.set_bubbles(true);
                init.set_cancelable(true);
                if let Ok(e) = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) {
                    let _ = input.dispatch_event(&e);
                }
                let _ = input.focus();
            }
        });
        // Keep the focus (and the phone's keyboard) on the input line.
        let onmousedown = Callback::from(|e: MouseEvent| e.prevent_default());
        html! {
            <button type="button" {title} aria-label={name} {onclick} {onmousedown}>{ label }</button>
        }
    });
    html! {
        <div class="keybar" role="group" aria-label={t(lang, "terminal-keys").to_string()}>
            { for buttons }
        </div>
    }
}
