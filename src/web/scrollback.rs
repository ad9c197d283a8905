//! The scrollback: one [`Entry`] per executed command (its prompt, the line
//! as typed and its output), each rendered by its own component so a new
//! command renders only itself, and a capped list of them.

use crate::userland::Stream;
use crate::web::line::prompt_parts;
use std::collections::VecDeque;
use std::rc::Rc;
use yew::prelude::*;

/// Entries kept on screen; older ones scroll off with a note.
pub const MAX_ENTRIES: usize = 500;
/// Characters of output kept per entry; the rest is cut with a note.
const MAX_OUTPUT_CHARS: usize = 200_000;

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
                { for self.chunks.iter().map(|c| html! { <ChunkView key={c.id} chunk={c.clone()} /> }) }
            </>
        }
    }
}

#[derive(Properties)]
pub struct ChunkProps {
    pub chunk: Rc<Chunk>,
}

impl PartialEq for ChunkProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.chunk, &other.chunk)
    }
}

/// A chunk of the scrollback.
#[function_component]
fn ChunkView(props: &ChunkProps) -> Html {
    html! {
        <div class="chunk">
            { for props.chunk.entries.iter().map(|e| html! { <EntryView key={e.id} entry={e.clone()} /> }) }
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
}

impl PartialEq for EntryProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.entry, &other.entry)
    }
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
                    if !e.output.is_empty() {
                        <div class="output">{ for output }</div>
                    }
                </div>
            }
        }
    }
}
