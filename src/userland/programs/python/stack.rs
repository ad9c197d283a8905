//! The native stack the interpreter may use. Parsing and evaluation recurse
//! on the Rust stack; past [`STACK_BUDGET`] (measured from the entry point
//! of `python3`, a served request or a REPL line) they raise Python's
//! `RecursionError` instead of overflowing it, which would kill the page.

use std::cell::Cell;

/// The browser's wasm stack is 1 MiB in all; native test threads have 2 MiB.
#[cfg(target_arch = "wasm32")]
const STACK_BUDGET: usize = 512 * 1024;
#[cfg(not(target_arch = "wasm32"))]
const STACK_BUDGET: usize = 1024 * 1024;

thread_local! {
    static ORIGIN: Cell<usize> = const { Cell::new(0) };
}

#[inline(never)]
fn here() -> usize {
    let here = 0u8;
    std::hint::black_box(&here) as *const u8 as usize
}

/// Marks where stack use is measured from, for as long as it lives (the
/// outermost entry wins).
pub(super) struct Origin(bool);

impl Origin {
    pub(super) fn enter() -> Origin {
        let fresh = ORIGIN.with(|o| o.get()) == 0;
        if fresh {
            ORIGIN.with(|o| o.set(here()));
        }
        Origin(fresh)
    }
}

impl Drop for Origin {
    fn drop(&mut self) {
        if self.0 {
            ORIGIN.with(|o| o.set(0));
        }
    }
}

/// Whether the stack used since the origin passed the budget.
pub(super) fn exhausted() -> bool {
    let o = ORIGIN.with(|o| o.get());
    o != 0 && o.abs_diff(here()) > STACK_BUDGET
}
