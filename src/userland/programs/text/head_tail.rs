//! `head` and `tail`.

use super::getopt;
use super::*;

/// The options head accepts (table syntax of `text::getopt`).
pub const HEAD_OPTIONS: &str =
    "c=|bytes= n=|lines= q|quiet|silent v|verbose !z|zero-terminated help version";
/// The options tail accepts.
pub const TAIL_OPTIONS: &str = "c=|bytes= f|follow? F n=|lines= q|quiet|silent v|verbose \
    !pid= !s=|sleep-interval= retry !z|zero-terminated help version";

/// A count with an optional sign (`-5`, `+5`) and GNU's size suffixes.
fn count(v: &str) -> Option<(char, usize)> {
    let (sign, body) = match v.chars().next() {
        Some(c @ ('+' | '-')) => (c, &v[1..]),
        _ => (' ', v),
    };
    let digits: String = body.chars().take_while(char::is_ascii_digit).collect();
    let n: usize = digits.parse().ok()?;
    let mult: usize = match &body[digits.len()..] {
        "" => 1,
        "b" => 512,
        "K" | "KiB" => 1024,
        "kB" => 1000,
        "M" | "MiB" => 1 << 20,
        "MB" => 1_000_000,
        "G" | "GiB" => 1 << 30,
        _ => return None,
    };
    Some((sign, n.saturating_mul(mult)))
}

fn header(p: &mut Proc, idx: usize, name: &str) {
    if idx > 0 {
        p.out.out("\n");
    }
    let shown = if name == "-" { "standard input" } else { name };
    p.out.outln(format!("==> {shown} <=="));
}

/// What head and tail share: the options (with the `-5` shorthand), the
/// count of `-n`/`-c`, and printing each input under an `==> name <==`
/// header when there are several. `part(sign, n, len)` picks the range of
/// an input's bytes (`-c`) or lines to print. Returns the parsed options and
/// the exit status, or the status of an option error.
fn print_parts(
    p: &mut Proc,
    options: &str,
    part: impl Fn(char, usize, usize) -> std::ops::Range<usize>,
) -> Result<(getopt::Parsed, i32), i32> {
    let saved = p.argv.clone();
    p.argv = std::iter::once(saved[0].clone())
        .chain(numeric_shorthand(p.args()))
        .collect();
    let o = getopt::parse(p, options, 1);
    p.argv = saved;
    let o = o?;
    let (bytes, spec) = match o.last_of(&["c", "n"]) {
        Some("c") => (true, o.value("c").unwrap_or("10")),
        _ => (false, o.value("n").unwrap_or("10")),
    };
    let Some((sign, n)) = count(spec) else {
        let what = if bytes { "bytes" } else { "lines" };
        p.errln(format!("invalid number of {what}: ‘{spec}’"));
        return Err(1);
    };
    let headers = (o.operands.len() > 1 && !o.has("q")) || o.has("v");
    let mut code = 0;
    let ins = inputs(p, &o.operands);
    for (idx, (name, r)) in ins.into_iter().enumerate() {
        match r {
            Err(e) => {
                open_err(p, &name, &e);
                code = 1;
            }
            Ok(text) => {
                if headers {
                    header(p, idx, &name);
                }
                if bytes {
                    let b = text.as_bytes();
                    let r = part(sign, n, b.len());
                    p.out.out(String::from_utf8_lossy(&b[r]));
                } else {
                    let lines = split_lines(&text);
                    for l in &lines[part(sign, n, lines.len())] {
                        p.out.out(l);
                    }
                }
            }
        }
    }
    Ok((o, code))
}

pub fn head(p: &mut Proc) -> Result<i32, Flow> {
    // `-N`: all but the last N; otherwise the first N.
    let first = |sign: char, n: usize, len: usize| {
        0..if sign == '-' {
            len.saturating_sub(n)
        } else {
            n.min(len)
        }
    };
    Ok(match print_parts(p, HEAD_OPTIONS, first) {
        Ok((_, code)) | Err(code) => code,
    })
}

pub fn tail(p: &mut Proc) -> Result<i32, Flow> {
    // `+N`: from the Nth on; otherwise the last N.
    let last = |sign: char, n: usize, len: usize| {
        let start = if sign == '+' {
            n.saturating_sub(1).min(len)
        } else {
            len.saturating_sub(n)
        };
        start..len
    };
    let (o, code) = match print_parts(p, TAIL_OPTIONS, last) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    if (o.has("f") || o.has("F")) && code == 0 {
        // Waits for more data forever: a service with no output.
        return Err(super::service_flow(Service::Waiting));
    }
    Ok(code)
}
