//! Docker's table layout: the CLI's fork of Go's `text/tabwriter`
//! (elastic tabstops, display width via go-runewidth) created as
//! `NewWriter(out, 10, 1, 3, ' ', 0)` — cells at least 10 columns, 3 spaces
//! of padding, the last cell of a line unpadded — plus the column helpers
//! of `formatter/displayutils.go` (`Ellipsis`) and `stringid.TruncateID`.

/// Minimum cell width of Docker's tables (including padding).
pub const MIN_WIDTH: usize = 10;
/// Padding added to the widest cell of a column.
pub const PADDING: usize = 3;

/// One cell: its text and display width; `tab` when tab-terminated.
#[derive(Clone, Debug)]
struct Cell {
    text: String,
    width: usize,
}

/// Lays out tab-terminated cells like Go's tabwriter with Docker's
/// parameters. `\t` and `\v` end a cell, `\n` a line, `\f` a line and
/// every column block. Text after the last newline ends the output
/// without a newline.
pub fn tabwrite(text: &str) -> String {
    tabwrite_with(text, MIN_WIDTH, PADDING)
}

/// [`tabwrite`] with other parameters (`docker version` uses 15/1).
pub fn tabwrite_with(text: &str, minwidth: usize, padding: usize) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut lines: Vec<Vec<Cell>> = vec![Vec::new()];
    let mut cur = String::new();
    for ch in text.chars() {
        match ch {
            '\t' | '\u{b}' => {
                let w = display_width(&cur);
                lines.last_mut().expect("at least one line").push(Cell {
                    text: std::mem::take(&mut cur),
                    width: w,
                });
            }
            '\n' | '\u{c}' => {
                let w = display_width(&cur);
                let line = lines.last_mut().expect("at least one line");
                line.push(Cell {
                    text: std::mem::take(&mut cur),
                    width: w,
                });
                let ncells = line.len();
                lines.push(Vec::new());
                // A line without tabs, or a formfeed, ends all column blocks.
                if ncells == 1 || ch == '\u{c}' {
                    flush(&mut lines, &mut out, minwidth, padding);
                }
            }
            c => cur.push(c),
        }
    }
    // Flush: pending text becomes the last line's final cell.
    if !cur.is_empty() {
        let w = display_width(&cur);
        lines.last_mut().expect("at least one line").push(Cell {
            text: cur,
            width: w,
        });
    }
    flush(&mut lines, &mut out, minwidth, padding);
    out
}

/// Formats all complete lines (all but the last, which is still open) and
/// keeps the open line's cells.
fn flush(lines: &mut Vec<Vec<Cell>>, out: &mut String, minwidth: usize, padding: usize) {
    let mut widths = Vec::new();
    let n = lines.len();
    format(lines, 0, n, &mut widths, out, minwidth, padding);
    let last = lines.pop().unwrap_or_default();
    lines.clear();
    lines.push(last);
}

fn format(
    lines: &[Vec<Cell>],
    mut line0: usize,
    line1: usize,
    widths: &mut Vec<usize>,
    out: &mut String,
    minwidth: usize,
    padding: usize,
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        write_lines(lines, line0, this, widths, out);
        line0 = this;
        let mut width = minwidth;
        while this < line1 {
            let line = &lines[this];
            if column + 1 >= line.len() {
                break;
            }
            width = width.max(line[column].width + padding);
            this += 1;
        }
        widths.push(width);
        format(lines, line0, this, widths, out, minwidth, padding);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, line0, line1, widths, out);
}

fn write_lines(
    lines: &[Vec<Cell>],
    line0: usize,
    line1: usize,
    widths: &[usize],
    out: &mut String,
) {
    for (i, line) in lines.iter().enumerate().take(line1).skip(line0) {
        for (j, c) in line.iter().enumerate() {
            out.push_str(&c.text);
            if let Some(&w) = widths.get(j) {
                for _ in c.width..w {
                    out.push(' ');
                }
            }
        }
        if i + 1 != lines.len() {
            out.push('\n');
        }
    }
}

/// A table from header labels and rows of cells, laid out like Docker's
/// default table formats (`HEADER\tHEADER\n` then one line per row).
pub fn render(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut text = headers.join("\t");
    text.push('\n');
    for r in rows {
        text.push_str(&r.join("\t"));
        text.push('\n');
    }
    tabwrite(&text)
}

/// Terminal columns taken by `c` (go-runewidth, non-East-Asian context):
/// 0 for combining marks and zero-width characters, 2 for East Asian wide
/// and fullwidth characters and emoji, else 1.
pub fn char_width(c: char) -> usize {
    let v = c as u32;
    if v < 0x20 || (0x7f..0xa0).contains(&v) {
        return 0;
    }
    if is_zero_width(v) {
        return 0;
    }
    if is_wide(v) {
        2
    } else {
        1
    }
}

fn is_zero_width(v: u32) -> bool {
    matches!(v,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2064
        | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xFEFF
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0xE0100..=0xE01EF)
}

fn is_wide(v: u32) -> bool {
    matches!(v,
        0x1100..=0x115F | 0x231A..=0x231B | 0x2329..=0x232A | 0x23E9..=0x23EC
        | 0x23F0 | 0x23F3 | 0x25FD..=0x25FE | 0x2614..=0x2615 | 0x2648..=0x2653
        | 0x267F | 0x2693 | 0x26A1 | 0x26AA..=0x26AB | 0x26BD..=0x26BE
        | 0x26C4..=0x26C5 | 0x26CE | 0x26D4 | 0x26EA | 0x26F2..=0x26F3 | 0x26F5
        | 0x26FA | 0x26FD | 0x2705 | 0x270A..=0x270B | 0x2728 | 0x274C | 0x274E
        | 0x2753..=0x2755 | 0x2757 | 0x2795..=0x2797 | 0x27B0 | 0x27BF
        | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55
        | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19 | 0xFE30..=0xFE6F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x16FE0..=0x16FE4 | 0x17000..=0x18CFF | 0x1B000..=0x1B2FF
        | 0x1F004 | 0x1F0CF | 0x1F18E | 0x1F191..=0x1F19A | 0x1F200..=0x1F251
        | 0x1F300..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F7E0..=0x1F7EB
        | 0x1F90C..=0x1F9FF | 0x1FA70..=0x1FAFF
        | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD)
}

/// Display width of `s` (sum of [`char_width`]).
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `charWidth` of displayutils.go (golang.org/x/text/width): 2 for East
/// Asian wide/fullwidth, else 1.
fn ellipsis_char_width(c: char) -> usize {
    if is_wide(c as u32) {
        2
    } else {
        1
    }
}

/// `formatter.Ellipsis`: truncates `s` to `max` display columns, the last
/// one being `…`. `max` ≤ 0 gives `""`; `max` 1 gives the first character.
pub fn ellipsis(s: &str, max: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let rs: Vec<char> = s.chars().collect();
    if max == 1 {
        return rs.first().map(|c| c.to_string()).unwrap_or_default();
    }
    if s.len() == rs.len() {
        if s.len() <= max {
            return s.to_string();
        }
        return rs[..max - 1].iter().collect::<String>() + "…";
    }
    let mut display = Vec::with_capacity(rs.len());
    let mut total = 0;
    for &r in &rs {
        total += ellipsis_char_width(r);
        display.push(total);
    }
    if total <= max {
        return s.to_string();
    }
    for i in 0..display.len().saturating_sub(1) {
        if display[i] < max && display[i + 1] >= max {
            return rs[..=i].iter().collect::<String>() + "…";
        }
    }
    s.to_string()
}

/// `stringid.TruncateID`: drops anything up to the first `:` and keeps 12
/// characters.
pub fn truncate_id(id: &str) -> String {
    let id = id.split_once(':').map_or(id, |(_, rest)| rest);
    id.chars().take(12).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_tabwriter_blocks() {
        // Go's doc example: b and c are in distinct column blocks.
        let got = tabwrite_with("aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n", 0, 1);
        assert_eq!(got, "aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n");
    }

    #[test]
    fn unterminated_text_kept() {
        assert_eq!(tabwrite("a\tb"), "a         b");
        assert_eq!(tabwrite(""), "");
        assert_eq!(tabwrite("x\n"), "x\n");
    }

    #[test]
    fn wide_characters() {
        assert_eq!(display_width("汉化…"), 5);
        assert_eq!(
            tabwrite("汉化的镜像说明文字\tb\nx\ty\n"),
            "汉化的镜像说明文字   b\nx                    y\n"
        );
    }
}
