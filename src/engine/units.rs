//! `docker/go-units` v0.5.0 as the CLI and the daemon use it (both vendor
//! it): human sizes
//! (`HumanSizeWithPrecision`, `HumanSize`, `BytesSize`), size parsing
//! (`FromHumanSize`, `RAMInBytes` for `--memory 512m`) and
//! `HumanDuration` ("About a minute", "3 weeks").

use super::gofmt;
use std::fmt;

const DECIMAL_ABBRS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
const BINARY_ABBRS: [&str; 9] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

fn size_and_unit(mut size: f64, base: f64, map: &[&'static str]) -> (f64, &'static str) {
    let mut i = 0;
    while size >= base && i < map.len() - 1 {
        size /= base;
        i += 1;
    }
    (size, map[i])
}

/// `HumanSizeWithPrecision(size, precision)`: base 1000, `%.*g` + unit.
pub fn human_size_with_precision(size: f64, precision: usize) -> String {
    let (s, unit) = size_and_unit(size, 1000.0, &DECIMAL_ABBRS);
    format!("{}{unit}", gofmt::format_g(s, Some(precision)))
}

/// `HumanSizeWithPrecision(size, 3)`: the SIZE columns (`docker images`,
/// `docker history`, `docker ps -s`).
pub fn size3(bytes: u64) -> String {
    human_size_with_precision(bytes as f64, 3)
}

/// `HumanSize`: 4 significant digits (`2.048kB`, progress bars).
pub fn human_size(size: f64) -> String {
    human_size_with_precision(size, 4)
}

/// `BytesSize`: base 1024 with `KiB`/`MiB`…, 4 significant digits
/// (`docker stats` memory).
pub fn bytes_size(size: f64) -> String {
    let (s, unit) = size_and_unit(size, 1024.0, &BINARY_ABBRS);
    format!("{}{unit}", gofmt::format_g(s, Some(4)))
}

/// A size-parsing error; `Display` is go-units' (or strconv's) text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SizeError {
    /// `invalid size: 'S'` (no digit, or negative).
    InvalidSize(String),
    /// `invalid suffix: 'SFX'`.
    InvalidSuffix(String),
    /// `strconv.ParseFloat: parsing "NUM": invalid syntax`.
    Syntax(String),
    /// `strconv.ParseFloat: parsing "NUM": value out of range`.
    Range(String),
}

impl fmt::Display for SizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SizeError::InvalidSize(s) => write!(f, "invalid size: '{s}'"),
            SizeError::InvalidSuffix(s) => write!(f, "invalid suffix: '{s}'"),
            SizeError::Syntax(n) => write!(
                f,
                "strconv.ParseFloat: parsing {}: invalid syntax",
                gofmt::quote(n)
            ),
            SizeError::Range(n) => write!(
                f,
                "strconv.ParseFloat: parsing {}: value out of range",
                gofmt::quote(n)
            ),
        }
    }
}

impl std::error::Error for SizeError {}

/// `FromHumanSize`: SI units (`44kB`, `17MB`); suffix case-insensitive.
pub fn from_human_size(s: &str) -> Result<i64, SizeError> {
    parse_size(s, 1000)
}

/// `RAMInBytes`: binary units (`512m` = 512 MiB, `1g`, `64k`, `1.5GiB`);
/// the `b` is optional, case-insensitive.
pub fn ram_in_bytes(s: &str) -> Result<i64, SizeError> {
    parse_size(s, 1024)
}

fn parse_size(size_str: &str, base: i64) -> Result<i64, SizeError> {
    let Some(sep) = size_str.rfind(|c: char| c.is_ascii_digit() || c == '.' || c == ' ') else {
        return Err(SizeError::InvalidSize(size_str.to_string()));
    };
    let (num, sfx) = if size_str.as_bytes()[sep] != b' ' {
        (&size_str[..=sep], &size_str[sep + 1..])
    } else {
        (&size_str[..sep], &size_str[sep + 1..])
    };
    let mut size = parse_float(num)?;
    if size < 0.0 {
        return Err(SizeError::InvalidSize(size_str.to_string()));
    }
    if sfx.is_empty() {
        return Ok(float_to_i64(size));
    }
    if sfx.len() > 3 {
        return Err(SizeError::InvalidSuffix(sfx.to_string()));
    }
    let sfx = sfx.to_ascii_lowercase();
    let b = sfx.as_bytes();
    if b[0] == b'b' {
        if b.len() > 1 {
            return Err(SizeError::InvalidSuffix(sfx));
        }
        return Ok(float_to_i64(size));
    }
    let power = match b[0] {
        b'k' => 1,
        b'm' => 2,
        b'g' => 3,
        b't' => 4,
        b'p' => 5,
        _ => return Err(SizeError::InvalidSuffix(sfx)),
    };
    size *= (base as f64).powi(power);
    let ok = match b.len() {
        2 => b[1] == b'b',
        3 => &b[1..] == b"ib",
        _ => true,
    };
    if !ok {
        return Err(SizeError::InvalidSuffix(sfx));
    }
    Ok(float_to_i64(size))
}

/// Go's `int64(f)` for the values that can occur (saturating beyond range,
/// where Go's result is unspecified).
fn float_to_i64(f: f64) -> i64 {
    f as i64
}

/// `strconv.ParseFloat(num, 64)` for decimal input (`_` allowed between
/// digits, as in Go literals).
fn parse_float(num: &str) -> Result<f64, SizeError> {
    let b = num.as_bytes();
    let underscores_ok = b.iter().enumerate().all(|(i, &c)| {
        c != b'_'
            || (i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
    });
    if !underscores_ok {
        return Err(SizeError::Syntax(num.to_string()));
    }
    let cleaned = num.replace('_', "");
    let body = cleaned.strip_prefix(['+', '-']).unwrap_or(&cleaned);
    let lower = body.to_ascii_lowercase();
    let is_special = matches!(lower.as_str(), "inf" | "infinity" | "nan");
    let decimal_ok = !body.is_empty()
        && body
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'));
    if !is_special && !decimal_ok {
        return Err(SizeError::Syntax(num.to_string()));
    }
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_infinite() && !is_special => Err(SizeError::Range(num.to_string())),
        Ok(v) => Ok(v),
        Err(_) => Err(SizeError::Syntax(num.to_string())),
    }
}

/// `HumanDuration` of `ms` milliseconds (negative counts as less than a
/// second).
pub fn human_duration(ms: i64) -> String {
    let seconds = ms / 1000;
    if ms < 1000 {
        return "Less than a second".into();
    }
    if seconds == 1 {
        return "1 second".into();
    }
    if seconds < 60 {
        return format!("{seconds} seconds");
    }
    let minutes = ms / 60_000;
    if minutes == 1 {
        return "About a minute".into();
    }
    if minutes < 60 {
        return format!("{minutes} minutes");
    }
    let hours_f = ms as f64 / 3_600_000.0;
    let hours = (hours_f + 0.5) as i64;
    if hours == 1 {
        "About an hour".into()
    } else if hours < 48 {
        format!("{hours} hours")
    } else if hours < 24 * 7 * 2 {
        format!("{} days", hours / 24)
    } else if hours < 24 * 30 * 2 {
        format!("{} weeks", hours / 24 / 7)
    } else if hours < 24 * 365 * 2 {
        format!("{} months", hours / 24 / 30)
    } else {
        format!("{} years", (hours_f as i64) / 24 / 365)
    }
}

/// `HumanDuration(d) + " ago"`: the CREATED columns.
pub fn ago(ms: i64) -> String {
    format!("{} ago", human_duration(ms))
}
