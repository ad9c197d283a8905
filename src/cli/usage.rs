//! Usage errors and help text, worded as Docker CLI 28 prints them
//! (docker-reference.md §C8), rendered from the grammar.

use super::parse::ParseError;
use crate::userland::Output;

/// `docker --help`.
pub fn root_help() -> String {
    "\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n".to_string()
}

/// Prints a parse error as Docker does and returns its exit code.
pub fn report(e: &ParseError, out: &mut Output) -> i32 {
    match e {
        ParseError::UnknownCommand { parent, word } => {
            out.errln(format!("docker: unknown command: {parent} {word}\n\nRun '{parent} --help' for more information"));
            1
        }
        ParseError::Help { cmd } => {
            out.outln(format!(
                "\nUsage:  docker {} {}\n\n{}",
                cmd.path, cmd.usage, cmd.short
            ));
            0
        }
        other => {
            out.errln(format!("{other:?}"));
            125
        }
    }
}
