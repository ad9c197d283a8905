//! The scrollback: one [`Entry`] per executed command (its prompt, the line
//! as typed and its output), each rendered by its own component so a new
//! command renders only itself, and a capped list of them.
//!
//! For screen readers, a live region that exists from the start announces
//! each new entry: its text, or for a long output a summary that says how
//! to read it (long outputs are focusable, just before the input line).
//! Output too wide for the screen becomes a focusable, named group.

use crate::userland::Stream;
use crate::web::line::prompt_parts;
use crate::web::scrollback_store::Saved;
use std::collections::VecDeque;
use std::rc::Rc;
use yew::prelude::*;

/// Entries kept on screen; older ones scroll off with a note.
pub const MAX_ENTRIES: usize = 500;
/// Characters of output kept per entry; the rest is cut with a note.
const MAX_OUTPUT_CHARS: usize = 200_000;
/// Outputs longer than this many lines are announced as a summary.
const ANNOUNCE_LINES: usize = 25;
/// Outputs longer than this many characters are announced as a summary.
const ANNOUNCE_CHARS: usize = 2_000;

/// What an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A command line and its output.
    Command,
    /// A message from the console itself (welcome, storage warnings).
    Notice,
}

/// One executed line.
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: u64,
    pub kind: Kind,
    pub prompt: String,
    /// The line as it was typed (empty for a secret answer).
    pub line: String,
    /// Shown after the line, e.g. `^C`.
    pub mark: &'static str,
    pub output: Vec<(Stream, String)>,
}

/// Entries per [`Chunk`].
const CHUNK: usize = 50;

/// A run of consecutive entries rendered by one component. Only the newest
/// chunk changes when a command runs, and dropping old output removes a
/// whole chunk, so the keyed diff stays a handful of nodes however long the
/// scrollback is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    id: u64,
    entries: Vec<Rc<Entry>>,
}

/// The scrollback: entries, newest last, and how many scrolled off.
#[derive(Default)]
pub struct Scrollback {
    chunks: VecDeque<Rc<Chunk>>,
    len: usize,
    dropped: usize,
    next_id: u64,
    /// Changes with every push or clear (the store saves on a change).
    version: u64,
    saved_version: u64,
    /// An entry left out of the saved scrollback (this page's welcome).
    unsaved: Option<u64>,
}

impl Scrollback {
    /// Appends a command entry.
    pub fn push(
        &mut self,
        prompt: &str,
        line: &str,
        mark: &'static str,
        output: Vec<(Stream, String)>,
    ) {
        self.add(Kind::Command, prompt, line, mark, output);
    }

    /// Appends a message from the console that a reload does not keep.
    pub fn notice_unsaved(&mut self, text: &str) {
        self.notice(text);
        self.unsaved = Some(self.next_id);
    }

    /// Appends a message from the console.
    pub fn notice(&mut self, text: &str) {
        self.add(
            Kind::Notice,
            "",
            "",
            "",
            vec![(Stream::Stdout, text.to_string())],
        );
    }

    fn add(
        &mut self,
        kind: Kind,
        prompt: &str,
        line: &str,
        mark: &'static str,
        mut output: Vec<(Stream, String)>,
    ) {
        cap_output(&mut output);
        self.next_id += 1;
        let entry = Rc::new(Entry {
            id: self.next_id,
            kind,
            prompt: prompt.to_string(),
            line: line.to_string(),
            mark,
            output,
        });
        match self.chunks.back_mut() {
            Some(last) if last.entries.len() < CHUNK => Rc::make_mut(last).entries.push(entry),
            _ => self.chunks.push_back(Rc::new(Chunk {
                id: self.next_id,
                entries: vec![entry],
            })),
        }
        self.len += 1;
        self.version += 1;
        while self.len > MAX_ENTRIES {
            let Some(old) = self.chunks.pop_front() else {
                break;
            };
            self.len -= old.entries.len();
            self.dropped += old.entries.len();
        }
    }

    /// Clears the screen.
    pub fn clear(&mut self) {
        self.chunks.clear();
        self.len = 0;
        self.dropped = 0;
        self.version += 1;
    }

    /// The entries as saved across a reload, oldest first.
    pub fn snapshot(&self) -> Vec<Saved> {
        self.chunks
            .iter()
            .flat_map(|c| c.entries.iter())
            .filter(|e| Some(e.id) != self.unsaved)
            .map(|e| Saved {
                notice: e.kind == Kind::Notice,
                prompt: e.prompt.clone(),
                line: e.line.clone(),
                interrupted: e.mark == "^C",
                output: e.output.clone(),
            })
            .collect()
    }

    /// Puts back entries saved by an earlier page.
    pub fn restore(&mut self, saved: Vec<Saved>) {
        for e in saved {
            let kind = if e.notice {
                Kind::Notice
            } else {
                Kind::Command
            };
            let mark = if e.interrupted { "^C" } else { "" };
            self.add(kind, &e.prompt, &e.line, mark, e.output);
        }
        self.saved_version = self.version;
    }

    /// Whether entries changed since the last call (then saves are due).
    pub fn take_changed(&mut self) -> bool {
        let changed = self.version != self.saved_version;
        self.saved_version = self.version;
        changed
    }

    /// The live region that announces each new entry (outside the
    /// scrollback's own text, so it is not read or copied twice).
    pub fn announcer(&self, lang: crate::lessons::Lang) -> Html {
        html! {
            <div class="sr-only announcer" role="status" aria-live="polite" aria-atomic="true">
                { self.announcement(lang) }
            </div>
        }
    }

    /// What a screen reader announces for the newest entry.
    fn announcement(&self, lang: crate::lessons::Lang) -> String {
        let Some(e) = self.chunks.back().and_then(|c| c.entries.last()) else {
            return String::new();
        };
        let text: String = e.output.iter().map(|(_, t)| t.as_str()).collect();
        if is_long(&e.output) {
            let lines = group_thousands(text.lines().count());
            return crate::web::i18n::tf(lang, "output-summary", &[("lines", &lines)]);
        }
        text
    }

    pub fn view(&self, lang: crate::lessons::Lang) -> Html {
        let note = (self.dropped > 0).then(|| {
            let text = crate::web::i18n::tf(
                lang,
                "scrolled-off",
                &[
                    ("n", &self.dropped.to_string()),
                    ("max", &MAX_ENTRIES.to_string()),
                ],
            );
            html! {
                <div class="scroll-note">{ text }</div>
            }
        });
        html! {
            <>
                { for note }
                { for self.chunks.iter().map(|c| html! { <ChunkView key={c.id} chunk={c.clone()} {lang} /> }) }
            </>
        }
    }
}

#[derive(Properties)]
pub struct ChunkProps {
    pub chunk: Rc<Chunk>,
    pub lang: crate::lessons::Lang,
}

impl PartialEq for ChunkProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.chunk, &other.chunk) && self.lang == other.lang
    }
}

/// A chunk of the scrollback.
#[function_component]
fn ChunkView(props: &ChunkProps) -> Html {
    html! {
        <div class="chunk">
            { for props.chunk.entries.iter().map(|e| html! { <EntryView key={e.id} entry={e.clone()} lang={props.lang} /> }) }
        </div>
    }
}

/// Keeps at most [`MAX_OUTPUT_CHARS`] of output, cutting on a character
/// boundary and saying so.
fn cap_output(output: &mut Vec<(Stream, String)>) {
    let mut left = MAX_OUTPUT_CHARS;
    let mut cut = None;
    for (i, (_, text)) in output.iter_mut().enumerate() {
        if text.len() > left {
            let mut b = left;
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            text.truncate(b);
            cut = Some(i);
            break;
        }
        left -= text.len();
    }
    if let Some(i) = cut {
        output.truncate(i + 1);
        output.push((
            Stream::Stderr,
            "\n[output cut: only the first 200000 characters are shown]\n".to_string(),
        ));
    }
}

#[derive(Properties)]
pub struct EntryProps {
    pub entry: Rc<Entry>,
    pub lang: crate::lessons::Lang,
}

impl PartialEq for EntryProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.entry, &other.entry) && self.lang == other.lang
    }
}

/// Sets the outputs' tab stops once drawn: output wider than the screen
/// (a phone) scrolls sideways, so it becomes a focusable group named
/// `wide_label`, for the keyboard to scroll it; of the long outputs only
/// the newest is a tab stop (Shift+Tab from the prompt reads it), older
/// ones stay reachable by a screen reader's own keys.
pub fn tab_stops(wide_label: &str) {
    let Ok(list) = gloo::utils::document().query_selector_all(".screen .output") else {
        return;
    };
    let n = list.length();
    let mut newest_long = true;
    for i in (0..n).rev() {
        let Some(el) = list
            .item(i)
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(e).ok())
        else {
            continue;
        };
        let class = el.class_name();
        let long = class.split(' ').any(|c| c == "long");
        let wide = el.scroll_width() > el.client_width() + 1;
        if wide && !class.split(' ').any(|c| c == "wide") {
            el.set_class_name(&format!("{class} wide"));
            let _ = el.set_attribute("role", "group");
            if !long {
                let _ = el.set_attribute("aria-label", wide_label);
            }
        }
        let stop = if wide || (long && newest_long) {
            Some("0")
        } else if long {
            Some("-1")
        } else {
            None
        };
        if let Some(v) = stop {
            if el.get_attribute("tabindex").as_deref() != Some(v) {
                let _ = el.set_attribute("tabindex", v);
            }
        }
        newest_long &= !long;
    }
}

/// Whether an output is long enough to be announced as a summary.
fn is_long(output: &[(Stream, String)]) -> bool {
    let chars: usize = output.iter().map(|(_, t)| t.len()).sum();
    let lines: usize = output.iter().map(|(_, t)| t.matches('\n').count()).sum();
    lines > ANNOUNCE_LINES || chars > ANNOUNCE_CHARS
}

/// `1204` as `1,204`.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A prompt, coloured like bash's (`user@host`, working directory).
pub fn prompt_html(prompt: &str) -> Html {
    match prompt_parts(prompt) {
        Some((who, dir, tail)) => html! {
            <span class="prompt">
                <span class="p-who">{ who }</span>{ ":" }<span class="p-dir">{ dir }</span>{ tail }
            </span>
        },
        None => html! { <span class="prompt">{ prompt }</span> },
    }
}

/// One entry of the scrollback.
#[function_component]
pub fn EntryView(props: &EntryProps) -> Html {
    let e = &props.entry;
    // A long output is a focusable group: Shift+Tab from the prompt.
    let long = is_long(&e.output);
    let lines = e
        .output
        .iter()
        .map(|(_, t)| t.lines().count())
        .sum::<usize>();
    let region_label = long.then(|| {
        crate::web::i18n::tf(
            props.lang,
            "output-region",
            &[("lines", &group_thousands(lines))],
        )
    });
    let output = e.output.iter().map(|(stream, text)| {
        let class = match stream {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        };
        html! { <span class={class}>{ text }</span> }
    });
    match e.kind {
        Kind::Notice => html! { <div class="entry notice">{ for output }</div> },
        Kind::Command => {
            // Continuation lines of a multi-line command show the `> ` prompt.
            let mut lines = e.line.split('\n');
            let first = lines.next().unwrap_or("");
            let rest: Vec<&str> = lines.collect();
            html! {
                <div class="entry">
                    <div class="echo">
                        { prompt_html(&e.prompt) }<span class="typed">{ first }</span>
                        { for rest.iter().map(|l| html! { <>{ "\n" }<span class="prompt">{ "> " }</span><span class="typed">{ *l }</span></> }) }
                        <span class="mark">{ e.mark }</span>
                    </div>
                    if let Some(label) = region_label {
                        <div class="output long" tabindex="0" role="group"
                            aria-label={label}>{ for output }</div>
                    } else if !e.output.is_empty() {
                        <div class="output">{ for output }</div>
                    }
                </div>
            }
        }
    }
}
