//! File operands: reading `FILE` (or `-`, standard input) with the error the
//! real program prints when it cannot (`nl: /x: No such file or directory`,
//! busybox `md5sum: can't open '/x': …`, GNU `tac: failed to open '/x' for
//! reading: …`).

use super::Proc;
use crate::engine::fs::FsError;

/// How a program words a file it cannot open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// `PROG: FILE: ERROR` (most GNU tools and busybox applets).
    Plain,
    /// `PROG: can't open 'FILE': ERROR` (busybox cat, md5sum).
    CantOpen,
    /// `PROG: failed to open 'FILE' for reading: ERROR` (GNU tac).
    FailedToOpen,
    /// `PROG: cannot open FILE: ERROR` (util-linux rev).
    CannotOpen,
}

/// The message (after `PROG: `) for `file` failing with `e`.
pub fn open_error(style: OpenError, file: &str, e: &FsError) -> String {
    match style {
        OpenError::Plain => format!("{file}: {e}"),
        OpenError::CantOpen => format!("can't open '{file}': {e}"),
        OpenError::FailedToOpen => format!("failed to open '{file}' for reading: {e}"),
        OpenError::CannotOpen => format!("cannot open {file}: {e}"),
    }
}

/// Reads `file` (`-` is standard input); prints the error and returns
/// `None` when it cannot be read. A directory reads as an error (`Is a
/// directory`).
pub fn read(p: &mut Proc, file: &str, style: OpenError) -> Option<Vec<u8>> {
    if file == "-" {
        return Some(p.ctx.stdin.clone().unwrap_or_default());
    }
    match p.read(file) {
        Ok(b) => Some(b),
        Err(e) => {
            p.errln(open_error(style, file, &e));
            None
        }
    }
}

/// The operands, or `-` when there are none.
pub fn or_stdin(operands: &[String]) -> Vec<String> {
    if operands.is_empty() {
        vec!["-".into()]
    } else {
        operands.to_vec()
    }
}

/// Splits text into lines, each without its `\n`; the last line keeps no
/// terminator flag: returns (lines, whether the text ended with `\n`).
pub fn lines(data: &[u8]) -> (Vec<String>, bool) {
    let text = String::from_utf8_lossy(data);
    if text.is_empty() {
        return (Vec::new(), true);
    }
    let ended = text.ends_with('\n');
    let body = text.strip_suffix('\n').unwrap_or(&text);
    (body.split('\n').map(str::to_string).collect(), ended)
}
