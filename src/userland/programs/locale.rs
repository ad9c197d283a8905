//! The message locale. GNU tools word some messages by the locale: in a
//! UTF-8 locale (`LANG=C.UTF-8`, as on the laptop) `quote()` prints
//! ‘curly’ quotes and cmp says `byte`; in the C locale (a container without
//! `LANG`) plain 'quotes' and `char`.

use super::Proc;

/// Whether `LC_ALL`, `LC_MESSAGES` or `LANG` (the first one set) names a
/// UTF-8 locale.
pub fn utf8(p: &Proc) -> bool {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| p.getenv(k).filter(|v| !v.is_empty()))
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

/// gnulib's `quote()`: ‘s’ in a UTF-8 locale, 's' otherwise (busybox
/// always uses 's').
pub fn quote(p: &Proc, s: &str) -> String {
    if !p.is_busybox() && utf8(p) {
        format!("\u{2018}{s}\u{2019}")
    } else {
        format!("'{s}'")
    }
}
