//! vim's keys against the buffers real vim leaves.

use super::*;

/// Feeds keys: single characters, or `<Esc>`-style names.
fn keys(vim: &mut Vim, seq: &str) -> Outcome {
    let mut out = Outcome::Stay;
    let mut rest = seq;
    while let Some(c) = rest.chars().next() {
        let key = if c == '<' {
            let end = rest.find('>').expect("a closing >");
            let name = &rest[1..end];
            rest = &rest[end + 1..];
            match name {
                "Esc" => "Escape".to_string(),
                "C-r" => "<C-r>".to_string(),
                other => other.to_string(),
            }
        } else {
            rest = &rest[c.len_utf8()..];
            c.to_string()
        };
        out = vim.key(&key);
    }
    out
}

/// Types `typed` in insert mode at the caret, as the text area would.
fn insert(vim: &mut Vim, typed: &str) {
    assert_eq!(vim.mode(), Mode::Insert);
    let buffer = vim.buffer();
    let caret = vim.cursor_utf16();
    let b = buffer
        .char_indices()
        .scan(0, |u, (i, c)| {
            let here = *u;
            *u += c.len_utf16();
            Some((i, here))
        })
        .find(|(_, u)| *u == caret)
        .map_or(buffer.len(), |(i, _)| i);
    let text = format!("{}{typed}{}", &buffer[..b], &buffer[b..]);
    let caret = caret + typed.chars().map(char::len_utf16).sum::<usize>();
    vim.leave_insert(&text, caret);
}

#[test]
fn i_types_text_and_esc_returns_to_normal_mode() {
    let mut v = Vim::new("");
    keys(&mut v, "i");
    insert(&mut v, "hello");
    assert_eq!(v.mode(), Mode::Normal);
    assert_eq!(v.text(), "hello\n");
    assert_eq!(v.position(), (0, 4));
    assert!(v.modified());
}

#[test]
fn insert_keys_a_o_cap_o_cap_a_cap_i_insert_where_vim_does() {
    let mut v = Vim::new("  bc\n");
    keys(&mut v, "I");
    insert(&mut v, "a");
    assert_eq!(v.buffer(), "  abc");
    keys(&mut v, "A");
    insert(&mut v, "d");
    assert_eq!(v.buffer(), "  abcd");
    keys(&mut v, "o");
    insert(&mut v, "below");
    keys(&mut v, "O");
    insert(&mut v, "middle");
    assert_eq!(v.buffer(), "  abcd\nmiddle\nbelow");
    keys(&mut v, "0a");
    insert(&mut v, "X");
    assert_eq!(v.buffer(), "  abcd\nmXiddle\nbelow");
}

#[test]
fn hjkl_and_arrows_move_within_the_buffer() {
    let mut v = Vim::new("abc\nde\nfghij\n");
    keys(&mut v, "lll");
    assert_eq!(v.position(), (0, 2), "l stops on the last character");
    keys(&mut v, "j");
    assert_eq!(v.position(), (1, 1));
    keys(&mut v, "<ArrowDown>$");
    assert_eq!(v.position(), (2, 4));
    keys(&mut v, "kkkk<ArrowLeft>h");
    assert_eq!(v.position(), (0, 0));
    keys(&mut v, "G");
    assert_eq!(v.position(), (2, 0));
    keys(&mut v, "gg");
    assert_eq!(v.position(), (0, 0));
    keys(&mut v, "2G");
    assert_eq!(v.position(), (1, 0));
}

#[test]
fn x_dd_yy_p_and_counts_edit_like_vim() {
    let mut v = Vim::new("one\ntwo\nthree\n");
    keys(&mut v, "x");
    assert_eq!(v.buffer(), "ne\ntwo\nthree");
    keys(&mut v, "yyjp");
    assert_eq!(v.buffer(), "ne\ntwo\nne\nthree");
    keys(&mut v, "dd");
    assert_eq!(v.buffer(), "ne\ntwo\nthree");
    assert_eq!(v.position(), (2, 0));
    keys(&mut v, "gg2dd");
    assert_eq!(v.buffer(), "three");
    keys(&mut v, "P");
    assert_eq!(v.buffer(), "ne\ntwo\nthree");
    keys(&mut v, "ddddddd");
    assert_eq!(v.text(), "", "deleting every line leaves an empty file");
}

#[test]
fn x_then_p_swaps_characters() {
    let mut v = Vim::new("ab\n");
    keys(&mut v, "xp");
    assert_eq!(v.buffer(), "ba");
}

#[test]
fn u_undoes_each_change_and_ctrl_r_redoes() {
    let mut v = Vim::new("abc\n");
    keys(&mut v, "x");
    keys(&mut v, "A");
    insert(&mut v, "!!");
    assert_eq!(v.buffer(), "bc!!");
    keys(&mut v, "u");
    assert_eq!(v.buffer(), "bc", "one insert is one undo step");
    keys(&mut v, "u");
    assert_eq!(v.buffer(), "abc");
    assert!(!v.modified());
    keys(&mut v, "u");
    assert_eq!(
        v.message().map(|m| m.text.as_str()),
        Some("Already at oldest change")
    );
    keys(&mut v, "<C-r>");
    assert_eq!(v.buffer(), "bc");
}

#[test]
fn search_finds_wraps_and_reports_misses() {
    let mut v = Vim::new("alpha\nbeta\ngamma alpha\n");
    keys(&mut v, "/");
    assert_eq!(v.mode(), Mode::CommandLine('/'));
    v.command_line("alpha");
    assert_eq!(v.position(), (2, 6));
    keys(&mut v, "n");
    assert_eq!(v.position(), (0, 0));
    assert_eq!(
        v.message().map(|m| m.text.as_str()),
        Some("search hit BOTTOM, continuing at TOP")
    );
    keys(&mut v, "N");
    assert_eq!(v.position(), (2, 6));
    keys(&mut v, "/");
    v.command_line("zeta");
    assert_eq!(
        v.message().map(|m| m.text.as_str()),
        Some("E486: Pattern not found: zeta")
    );
    keys(&mut v, "/");
    v.command_line("^bet.$");
    assert_eq!(v.position(), (1, 0));
    keys(&mut v, "/");
    v.command_line("a*");
    assert!(v
        .message()
        .is_some_and(|m| m.error && m.text.contains("not available")));
}

#[test]
fn write_and_quit_commands() {
    let mut v = Vim::new("x\n");
    keys(&mut v, ":");
    assert_eq!(v.command_line("q"), Outcome::Quit);
    keys(&mut v, "x:");
    assert_eq!(v.command_line("q"), Outcome::Stay);
    assert_eq!(
        v.message().map(|m| m.text.as_str()),
        Some("E37: No write since last change (add ! to override)")
    );
    keys(&mut v, ":");
    assert_eq!(v.command_line("w"), Outcome::Write { quit: false });
    v.written("a.txt", Ok(()));
    assert_eq!(
        v.message().map(|m| m.text.as_str()),
        Some("\"a.txt\" 0L, 0B written")
    );
    assert!(!v.modified());
    keys(&mut v, ":");
    assert_eq!(
        v.command_line("x"),
        Outcome::Quit,
        ":x quits an unmodified buffer"
    );
    keys(&mut v, "i");
    insert(&mut v, "hi");
    keys(&mut v, ":");
    assert_eq!(v.command_line("wq"), Outcome::Write { quit: true });
    keys(&mut v, ":");
    assert_eq!(v.command_line("q!"), Outcome::Quit);
    assert_eq!(keys(&mut v, "ZZ"), Outcome::Write { quit: true });
    assert_eq!(keys(&mut v, "ZQ"), Outcome::Quit);
}

#[test]
fn written_reports_lines_and_bytes() {
    let mut v = Vim::new("hello\nworld\n");
    v.written("/app/a.txt", Ok(()));
    assert_eq!(
        v.message().map(|m| m.text.as_str()),
        Some("\"/app/a.txt\" 2L, 12B written")
    );
    v.written("/etc/x", Err("Permission denied".to_string()));
    assert!(v
        .message()
        .is_some_and(|m| m.error && m.text.contains("E212")));
}

#[test]
fn set_number_and_unknown_commands() {
    let mut v = Vim::new("a\n");
    keys(&mut v, ":");
    v.command_line("set nu");
    assert!(v.number);
    keys(&mut v, ":");
    v.command_line("set nonu");
    assert!(!v.number);
    keys(&mut v, ":");
    v.command_line("foo");
    assert_eq!(
        v.message().map(|m| m.text.as_str()),
        Some("E492: Not an editor command: foo")
    );
    keys(&mut v, ":");
    v.command_line("%s/a/b/g");
    assert!(v
        .message()
        .is_some_and(|m| m.text.contains("not available in this sandbox")));
    keys(&mut v, ":");
    v.command_line("set paste");
    assert!(v
        .message()
        .is_some_and(|m| m.text.contains("not available in this sandbox")));
}

#[test]
fn cursor_offsets_count_utf16_units() {
    let mut v = Vim::new("日本\n😀x\n");
    keys(&mut v, "jl");
    assert_eq!(v.position(), (1, 1));
    assert_eq!(v.cursor_utf16(), 3 + 2);
    keys(&mut v, "a");
    insert(&mut v, "语");
    assert_eq!(v.buffer(), "日本\n😀x语");
}

#[test]
fn words_move_over_punctuation_and_lines() {
    let mut v = Vim::new("docker run -it ubuntu\nnext\n");
    keys(&mut v, "w");
    assert_eq!(v.position(), (0, 7));
    keys(&mut v, "ww");
    assert_eq!(v.position(), (0, 12));
    keys(&mut v, "ww");
    assert_eq!(v.position(), (1, 0));
    keys(&mut v, "b");
    assert_eq!(v.position(), (0, 15));
}

#[test]
fn no_key_sequence_panics() {
    let mut v = Vim::new("");
    for k in [
        "x",
        "dd",
        "p",
        "u",
        "G",
        "$",
        "w",
        "b",
        "n",
        "D",
        "99999999x",
        "k",
        "h",
    ] {
        keys(&mut v, k);
    }
    assert_eq!(v.text(), "");
}
