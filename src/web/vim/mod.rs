//! vim's modes for the browser editor, as pure state so they are tested
//! natively: normal mode's keys (`h j k l`, arrows, `0 $ ^ w b gg G`,
//! `x dd yy p P D u Ctrl+R`, `i a o O A I`, `/` `n N`, `ZZ ZQ`, counts),
//! insert mode (typed by the browser's own text area, then handed back
//! with [`Vim::leave_insert`]) and the command line ([`ex`]: `:w :q :wq :x
//! :q! :set nu`, line numbers). Texts and error numbers are vim's.

mod ex;
mod search;

/// What the keyboard is talking to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Insert,
    /// The command line, after `:` or `/`.
    CommandLine(char),
}

/// What the editor must do after a key or a command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    /// Write the file ([`Vim::text`]), then close the editor if `quit`.
    Write {
        quit: bool,
    },
    /// Close the editor.
    Quit,
}

/// A message on the last line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    /// Shown as an error (vim's red).
    pub error: bool,
}

/// The unnamed register: whole lines (`yy`, `dd`) or characters (`x`).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Register {
    Lines(Vec<String>),
    Chars(String),
}

/// The buffer and cursor, for undo.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Snapshot {
    lines: Vec<String>,
    row: usize,
    col: usize,
}

/// One buffer in vim.
pub struct Vim {
    lines: Vec<String>,
    row: usize,
    /// The cursor's column, in characters.
    col: usize,
    mode: Mode,
    /// A count and an operator being typed (`3`, `d`, `2d`, `g`, `Z`).
    pending: String,
    register: Option<Register>,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The buffer when insert mode began (one undo step per insert).
    before_insert: Option<Snapshot>,
    /// The lines as last written (or opened): `modified` compares.
    saved: Vec<String>,
    /// `:set number`.
    pub number: bool,
    last_search: Option<String>,
    /// The direction of the last search (`/` forward, `?` back).
    last_forward: bool,
    message: Option<Message>,
    /// Changes with every change of the buffer (the view re-syncs).
    version: u64,
}

impl Vim {
    /// A buffer holding a file's text (its final newline is the last
    /// line's end, as vim reads it).
    pub fn new(text: &str) -> Vim {
        let lines = split_lines(text);
        Vim {
            saved: lines.clone(),
            lines,
            row: 0,
            col: 0,
            mode: Mode::Normal,
            pending: String::new(),
            register: None,
            undo: Vec::new(),
            redo: Vec::new(),
            before_insert: None,
            number: false,
            last_search: None,
            last_forward: true,
            message: None,
            version: 0,
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// The cursor as (line, column), both from 0, column in characters.
    pub fn position(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    /// Whether the buffer differs from the file as last written.
    pub fn modified(&self) -> bool {
        self.lines != self.saved
    }

    /// The file's text as `:w` writes it: every line ends in a newline; an
    /// empty buffer is an empty file.
    pub fn text(&self) -> String {
        if self.lines.len() == 1 && self.lines[0].is_empty() {
            return String::new();
        }
        let mut text = self.lines.join("\n");
        text.push('\n');
        text
    }

    /// The buffer as the text area shows it (lines joined by newlines).
    pub fn buffer(&self) -> String {
        self.lines.join("\n")
    }

    /// The cursor as an offset into [`Vim::buffer`] in UTF-16 units (a
    /// DOM selection).
    pub fn cursor_utf16(&self) -> usize {
        let before: usize = self.lines[..self.row].iter().map(|l| utf16(l) + 1).sum();
        let line = &self.lines[self.row];
        before
            + line
                .chars()
                .take(self.col)
                .map(char::len_utf16)
                .sum::<usize>()
    }

    /// Whether the character under the cursor exists (an empty line has
    /// none: the block cursor is then a caret).
    pub fn on_char(&self) -> bool {
        self.col < self.lines[self.row].chars().count()
    }

    /// The result of writing the file (the editor did it): vim's report.
    pub fn written(&mut self, path: &str, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.saved = self.lines.clone();
                let text = self.text();
                let lines = if text.is_empty() { 0 } else { self.lines.len() };
                self.info(format!("\"{path}\" {lines}L, {}B written", text.len()));
            }
            Err(e) => self.error(format!("\"{path}\" E212: Can't open file for writing: {e}")),
        }
    }

    fn info(&mut self, text: String) {
        self.message = Some(Message { text, error: false });
    }

    fn error(&mut self, text: String) {
        self.message = Some(Message { text, error: true });
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            lines: self.lines.clone(),
            row: self.row,
            col: self.col,
        }
    }

    /// Records the buffer before a change.
    fn change(&mut self) {
        let s = self.snapshot();
        self.undo.push(s);
        self.redo.clear();
        self.version += 1;
    }

    fn line_len(&self) -> usize {
        self.lines[self.row].chars().count()
    }

    /// Keeps the cursor on a character (normal mode) or just past the end
    /// of the line (insert mode).
    fn clamp(&mut self) {
        self.row = self.row.min(self.lines.len() - 1);
        let len = self.line_len();
        let max = match self.mode {
            Mode::Insert => len,
            _ => len.saturating_sub(1),
        };
        self.col = self.col.min(max);
    }

    fn first_non_blank(&self) -> usize {
        self.lines[self.row]
            .chars()
            .take_while(|c| c.is_whitespace())
            .count()
    }

    /// A key in normal mode, named as `KeyboardEvent.key` names it
    /// (`"x"`, `"Escape"`, `"ArrowLeft"`), Ctrl+R as `"<C-r>"`.
    pub fn key(&mut self, key: &str) -> Outcome {
        if self.mode != Mode::Normal {
            return Outcome::Stay;
        }
        self.message = None;
        let counting = key.len() == 1
            && key.chars().all(|c| c.is_ascii_digit())
            && (key != "0" || self.pending.ends_with(|c: char| c.is_ascii_digit()));
        if counting && self.pending.len() < 6 {
            self.pending.push_str(key);
            return Outcome::Stay;
        }
        let pending = std::mem::take(&mut self.pending);
        let digits: String = pending.chars().filter(char::is_ascii_digit).collect();
        let op: String = pending.chars().filter(|c| !c.is_ascii_digit()).collect();
        let given = digits.parse::<usize>().ok();
        let count = given.unwrap_or(1).max(1);
        match (op.as_str(), key) {
            ("d", "d") => self.delete_lines(count),
            ("y", "y") => self.yank_lines(count),
            ("g", "g") => {
                self.row = given.unwrap_or(1).saturating_sub(1);
                self.clamp();
                self.col = self.first_non_blank();
            }
            ("Z", "Z") => return ex::run(self, "x"),
            ("Z", "Q") => return ex::run(self, "q!"),
            ("", "d" | "y" | "g" | "Z") => self.pending = format!("{digits}{key}"),
            ("", _) => return self.motion_or_command(key, count, given),
            // An operator followed by a key it does not take: cancelled.
            _ => {}
        }
        Outcome::Stay
    }

    fn motion_or_command(&mut self, key: &str, count: usize, given: Option<usize>) -> Outcome {
        match key {
            "h" | "ArrowLeft" | "Backspace" => self.col = self.col.saturating_sub(count),
            "l" | "ArrowRight" | " " => {
                self.col = (self.col + count).min(self.line_len().saturating_sub(1));
            }
            "j" | "ArrowDown" => self.row = (self.row + count).min(self.lines.len() - 1),
            "k" | "ArrowUp" => self.row = self.row.saturating_sub(count),
            "Enter" | "+" => {
                self.row = (self.row + count).min(self.lines.len() - 1);
                self.col = self.first_non_blank();
            }
            "-" => {
                self.row = self.row.saturating_sub(count);
                self.col = self.first_non_blank();
            }
            "0" | "Home" => self.col = 0,
            "^" => self.col = self.first_non_blank(),
            "$" | "End" => self.col = self.line_len().saturating_sub(1),
            "G" => {
                self.row = given.map_or(self.lines.len() - 1, |n| n.saturating_sub(1));
                self.clamp();
                self.col = self.first_non_blank();
            }
            "w" => (0..count).for_each(|_| self.word_forward()),
            "b" => (0..count).for_each(|_| self.word_backward()),
            "x" | "Delete" => self.delete_chars(count),
            "D" => {
                let n = self.line_len().saturating_sub(self.col);
                self.delete_chars(n);
            }
            "i" => self.insert_at(self.col),
            "a" => {
                let at = if self.line_len() == 0 {
                    0
                } else {
                    self.col + 1
                };
                self.insert_at(at);
            }
            "A" => self.insert_at(self.line_len()),
            "I" => self.insert_at(self.first_non_blank()),
            "o" | "O" => {
                self.before_insert = Some(self.snapshot());
                let at = if key == "o" { self.row + 1 } else { self.row };
                self.lines.insert(at, String::new());
                self.version += 1;
                self.row = at;
                self.col = 0;
                self.mode = Mode::Insert;
            }
            "p" => self.put(true, count),
            "P" => self.put(false, count),
            "u" => self.undo(count),
            "<C-r>" => self.redo(count),
            ":" | "/" | "?" => {
                self.mode = Mode::CommandLine(key.chars().next().unwrap_or(':'));
            }
            "n" => self.search_again(true),
            "N" => self.search_again(false),
            _ => {}
        }
        self.clamp();
        Outcome::Stay
    }

    fn word_forward(&mut self) {
        let chars: Vec<char> = self.lines[self.row].chars().collect();
        let class = |c: char| {
            if c.is_whitespace() {
                0
            } else if c.is_alphanumeric() || c == '_' {
                1
            } else {
                2
            }
        };
        let mut i = self.col;
        if let Some(&c) = chars.get(i) {
            let k = class(c);
            while i < chars.len() && class(chars[i]) == k && k != 0 {
                i += 1;
            }
        }
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i >= chars.len() && self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = self.first_non_blank();
        } else {
            self.col = i.min(chars.len().saturating_sub(1));
        }
    }

    fn word_backward(&mut self) {
        if self.col == 0 && self.row > 0 {
            self.row -= 1;
            self.col = self.line_len();
        }
        let chars: Vec<char> = self.lines[self.row].chars().collect();
        let mut i = self.col.min(chars.len());
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        let word = |c: char| c.is_alphanumeric() || c == '_';
        if i > 0 {
            let k = word(chars[i - 1]);
            while i > 0 && !chars[i - 1].is_whitespace() && word(chars[i - 1]) == k {
                i -= 1;
            }
        }
        self.col = i;
    }

    fn insert_at(&mut self, col: usize) {
        self.before_insert = Some(self.snapshot());
        self.mode = Mode::Insert;
        self.col = col;
        self.clamp();
    }

    /// Insert mode ends (Esc): the text area's text and caret (UTF-16
    /// units) come back; the cursor steps left onto the last character
    /// typed, as in vim. The whole insert is one undo step.
    pub fn leave_insert(&mut self, buffer: &str, caret_utf16: usize) {
        if self.mode != Mode::Insert {
            return;
        }
        let lines = split_buffer(buffer);
        let before = self.before_insert.take();
        if let Some(before) = before {
            if before.lines != lines {
                self.undo.push(before);
                self.redo.clear();
            }
        }
        if lines != self.lines {
            self.version += 1;
        }
        self.lines = lines;
        let (row, col) = position_of(&self.lines, caret_utf16);
        self.row = row;
        self.col = col.saturating_sub(1);
        self.mode = Mode::Normal;
        self.clamp();
    }

    fn delete_chars(&mut self, count: usize) {
        let line = &self.lines[self.row];
        let len = line.chars().count();
        if len == 0 || count == 0 {
            return;
        }
        let end = (self.col + count).min(len);
        let (a, b) = (byte_at(line, self.col), byte_at(line, end));
        let cut = line[a..b].to_string();
        self.change();
        self.lines[self.row].replace_range(a..b, "");
        self.register = Some(Register::Chars(cut));
    }

    fn delete_lines(&mut self, count: usize) {
        let end = (self.row + count).min(self.lines.len());
        self.change();
        let cut: Vec<String> = self.lines.drain(self.row..end).collect();
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        if cut.len() >= 3 {
            self.info(format!("{} fewer lines", cut.len()));
        }
        self.register = Some(Register::Lines(cut));
        self.clamp();
        self.col = self.first_non_blank();
    }

    fn yank_lines(&mut self, count: usize) {
        let end = (self.row + count).min(self.lines.len());
        let yanked: Vec<String> = self.lines[self.row..end].to_vec();
        if yanked.len() >= 3 {
            self.info(format!("{} lines yanked", yanked.len()));
        }
        self.register = Some(Register::Lines(yanked));
    }

    fn put(&mut self, after: bool, count: usize) {
        let Some(register) = self.register.clone() else {
            self.error("E353: Nothing in register \"".to_string());
            return;
        };
        self.change();
        match register {
            Register::Lines(lines) => {
                let at = if after { self.row + 1 } else { self.row };
                let many: Vec<String> = (0..count).flat_map(|_| lines.clone()).collect();
                let n = many.len();
                self.lines.splice(at..at, many);
                self.row = at;
                self.col = self.first_non_blank();
                if n >= 3 {
                    self.info(format!("{n} more lines"));
                }
            }
            Register::Chars(text) => {
                let len = self.line_len();
                let col = if after && len > 0 {
                    self.col + 1
                } else {
                    self.col
                };
                let b = byte_at(&self.lines[self.row], col);
                let many = text.repeat(count);
                self.lines[self.row].insert_str(b, &many);
                self.col = col + many.chars().count() - 1;
            }
        }
    }

    fn undo(&mut self, count: usize) {
        for _ in 0..count {
            let Some(s) = self.undo.pop() else {
                self.info("Already at oldest change".to_string());
                return;
            };
            let now = self.snapshot();
            self.redo.push(now);
            self.restore(s);
        }
    }

    fn redo(&mut self, count: usize) {
        for _ in 0..count {
            let Some(s) = self.redo.pop() else {
                self.info("Already at newest change".to_string());
                return;
            };
            let now = self.snapshot();
            self.undo.push(now);
            self.restore(s);
        }
    }

    fn restore(&mut self, s: Snapshot) {
        self.lines = s.lines;
        self.row = s.row;
        self.col = s.col;
        self.version += 1;
        self.clamp();
    }

    /// The command line was entered (without its `:` or `/`).
    pub fn command_line(&mut self, text: &str) -> Outcome {
        let Mode::CommandLine(kind) = self.mode else {
            return Outcome::Stay;
        };
        self.mode = Mode::Normal;
        self.message = None;
        let outcome = match kind {
            ':' => ex::run(self, text),
            _ => {
                self.search(text, kind == '/');
                Outcome::Stay
            }
        };
        self.clamp();
        outcome
    }

    /// Esc (or Backspace on an empty command line): back to normal mode.
    pub fn cancel_command_line(&mut self) {
        if matches!(self.mode, Mode::CommandLine(_)) {
            self.mode = Mode::Normal;
        }
    }

    /// Whether Esc in normal mode would do nothing but beep: the editor
    /// then leaves the key alone.
    pub fn idle(&self) -> bool {
        self.mode == Mode::Normal && self.pending.is_empty()
    }
}

/// A file's text as vim's lines.
fn split_lines(text: &str) -> Vec<String> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    split_buffer(body)
}

/// The text area's text as lines.
fn split_buffer(buffer: &str) -> Vec<String> {
    buffer
        .replace("\r\n", "\n")
        .split('\n')
        .map(str::to_string)
        .collect()
}

fn utf16(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The byte index of character `col` in `line` (its end if past it).
fn byte_at(line: &str, col: usize) -> usize {
    line.char_indices().nth(col).map_or(line.len(), |(i, _)| i)
}

/// (line, column in characters) of a UTF-16 offset into the joined lines.
fn position_of(lines: &[String], mut offset: usize) -> (usize, usize) {
    for (row, line) in lines.iter().enumerate() {
        let len = utf16(line);
        if offset <= len || row + 1 == lines.len() {
            let mut units = 0;
            let col = line
                .chars()
                .take_while(|c| {
                    units += c.len_utf16();
                    units <= offset
                })
                .count();
            return (row, col);
        }
        offset -= len + 1;
    }
    (0, 0)
}

#[cfg(test)]
mod tests;
