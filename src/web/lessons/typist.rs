//! Types commands into the console's input line a few characters at a time,
//! so "show solution" and click-to-run blocks visibly type what they run,
//! then press Enter. The console calls [`Typist::tick`] on a timer.

use std::collections::VecDeque;
use std::time::Duration;

/// Milliseconds between two keystroke bursts.
const KEY_MS: u64 = 18;
/// Milliseconds to leave a typed line on screen before Enter, and between lines.
const ENTER_MS: u64 = 160;
/// At most this many bursts per line, however long it is.
const BURSTS: usize = 14;

/// What the console should do now.
#[derive(Debug, PartialEq, Eq)]
pub enum Tick {
    /// Show this text on the input line, then tick again after the delay.
    Show(String, Duration),
    /// Run this line (as if Enter was pressed), then tick again after the delay.
    Enter(String, Duration),
    /// Nothing left to type.
    Idle,
}

#[derive(Default)]
pub struct Typist {
    lines: VecDeque<String>,
    /// Characters of the first line shown so far.
    shown: usize,
}

impl Typist {
    /// Queues lines; true if the typist was idle (the caller starts the timer).
    pub fn queue(&mut self, lines: Vec<String>) -> bool {
        let idle = self.lines.is_empty();
        self.lines.extend(lines);
        idle && !self.lines.is_empty()
    }

    pub fn busy(&self) -> bool {
        !self.lines.is_empty()
    }

    pub fn tick(&mut self) -> Tick {
        let Some(line) = self.lines.front() else {
            return Tick::Idle;
        };
        let total = line.chars().count();
        if self.shown < total {
            let step = total.div_ceil(BURSTS).max(2);
            self.shown = (self.shown + step).min(total);
            let text: String = line.chars().take(self.shown).collect();
            let wait = if self.shown == total {
                ENTER_MS
            } else {
                KEY_MS
            };
            return Tick::Show(text, Duration::from_millis(wait));
        }
        self.shown = 0;
        match self.lines.pop_front() {
            Some(line) => Tick::Enter(line, Duration::from_millis(ENTER_MS)),
            None => Tick::Idle,
        }
    }
}
