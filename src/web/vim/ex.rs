//! vim's command line (`:`): writing and quitting (`:w :q :wq :x :q!`
//! and their variants, `ZZ` / `ZQ` come here too), `:set number`, going to
//! a line, undo and redo. A real vim command the sandbox does not
//! implement says so; anything else is vim's `E492`.

use super::{Outcome, Vim};

/// Ex commands vim has that the sandbox does not implement.
const NOT_HERE: &[&str] = &[
    "s",
    "substitute",
    "g",
    "global",
    "v",
    "vglobal",
    "h",
    "help",
    "sp",
    "split",
    "vs",
    "vsplit",
    "new",
    "vnew",
    "e",
    "edit",
    "r",
    "read",
    "saveas",
    "sav",
    "tabnew",
    "tabe",
    "bn",
    "bnext",
    "bp",
    "bprevious",
    "ls",
    "buffers",
    "noh",
    "nohlsearch",
    "syntax",
    "sy",
    "normal",
    "norm",
    "sort",
    "m",
    "move",
    "t",
    "co",
    "copy",
    "d",
    "delete",
    "y",
    "yank",
    "j",
    "join",
    "colorscheme",
    "colo",
    "map",
    "nmap",
    "imap",
    "let",
    "source",
    "so",
    "!",
    "r!",
];

/// Runs a command line (without its `:`).
pub(super) fn run(vim: &mut Vim, line: &str) -> Outcome {
    let cmd = line.trim().trim_start_matches(':').trim();
    match cmd {
        "" => Outcome::Stay,
        "w" | "w!" | "write" | "write!" => Outcome::Write { quit: false },
        "q" | "quit" | "qa" | "qall" | "quita" | "quitall" if vim.modified() => {
            vim.error("E37: No write since last change (add ! to override)".to_string());
            Outcome::Stay
        }
        "q" | "quit" | "qa" | "qall" | "quita" | "quitall" | "q!" | "quit!" | "qa!" | "qall!"
        | "cq" | "cq!" => Outcome::Quit,
        "wq" | "wq!" | "wqa" | "wqall" | "wqa!" | "xa" | "xall" => Outcome::Write { quit: true },
        "x" | "x!" | "xit" | "exi" | "exit" => {
            if vim.modified() {
                Outcome::Write { quit: true }
            } else {
                Outcome::Quit
            }
        }
        "e!" | "edit!" => {
            vim.change();
            vim.lines = vim.saved.clone();
            vim.clamp();
            Outcome::Stay
        }
        "u" | "undo" => {
            vim.undo(1);
            Outcome::Stay
        }
        "red" | "redo" => {
            vim.redo(1);
            Outcome::Stay
        }
        "$" => {
            vim.row = vim.lines.len() - 1;
            vim.col = vim.first_non_blank();
            Outcome::Stay
        }
        _ if cmd.chars().all(|c| c.is_ascii_digit()) => {
            let n: usize = cmd.parse().unwrap_or(usize::MAX);
            vim.row = n.saturating_sub(1).min(vim.lines.len() - 1);
            vim.col = vim.first_non_blank();
            Outcome::Stay
        }
        _ => {
            let word: String = cmd
                .chars()
                .take_while(|c| c.is_ascii_alphabetic() || *c == '!')
                .collect();
            let rest = cmd[word.len()..].trim();
            match word.as_str() {
                "set" | "se" => set(vim, rest),
                "w" | "write" | "wq" | "x" if !rest.is_empty() => {
                    vim.error(format!(
                        "dockerlings: vim: writing to another file (:{word} {rest}) is not available in this sandbox"
                    ));
                    Outcome::Stay
                }
                w if NOT_HERE.contains(&w) || cmd.starts_with('%') || cmd.starts_with('!') => {
                    vim.error(format!(
                        "dockerlings: vim: :{cmd} is not available in this sandbox"
                    ));
                    Outcome::Stay
                }
                _ => {
                    vim.error(format!("E492: Not an editor command: {cmd}"));
                    Outcome::Stay
                }
            }
        }
    }
}

/// `:set` with the options the sandbox has.
fn set(vim: &mut Vim, option: &str) -> Outcome {
    match option {
        "nu" | "number" => vim.number = true,
        "nonu" | "nonumber" => vim.number = false,
        "nu!" | "number!" | "invnu" | "invnumber" => vim.number = !vim.number,
        "nu?" | "number?" => {
            let text = if vim.number { "  number" } else { "nonumber" };
            vim.info(text.to_string());
        }
        _ => vim.error(format!(
            "dockerlings: vim: :set {option} is not available in this sandbox (:set nu and :set nonu are)"
        )),
    }
    Outcome::Stay
}
