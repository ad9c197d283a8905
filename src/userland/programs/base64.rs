//! `base64`: encodes (wrapping at 76 columns, `-w`) or decodes (`-d`).

use super::operand::{self, OpenError};
use super::{opts, Flow, Proc};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with `=` padding.
pub fn encode(data: &[u8]) -> String {
    let mut s = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                s.push(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

/// Decodes, skipping newlines (and, with `garbage`, any non-alphabet
/// byte); `Err(decoded so far)` on invalid input.
pub fn decode(text: &[u8], garbage: bool) -> Result<Vec<u8>, Vec<u8>> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    let mut padded = false;
    for &c in text {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                padded = true;
                continue;
            }
            b'\n' => continue,
            _ if garbage => continue,
            _ => return Err(out),
        };
        if padded {
            return Err(out);
        }
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return Err(out);
    }
    Ok(out)
}

pub fn base64(p: &mut Proc) -> Result<i32, Flow> {
    let spec = if p.is_busybox() {
        "d w="
    } else {
        "d|decode i|ignore-garbage w=|wrap="
    };
    let o = match opts::parse(p, spec, 1) {
        Ok(o) => o,
        Err(c) => return Ok(c),
    };
    if o.operands.len() > 1 {
        p.errln(format!("extra operand '{}'", o.operands[1]));
        p.out
            .errln(format!("Try '{} --help' for more information.", p.name()));
        return Ok(1);
    }
    let wrap = match o.value("w") {
        None => 76,
        Some(v) => match v.parse::<usize>() {
            Ok(n) => n,
            Err(_) => {
                p.errln(format!("invalid wrap size: '{v}'"));
                return Ok(1);
            }
        },
    };
    let f = operand::or_stdin(&o.operands).remove(0);
    let Some(data) = operand::read(p, &f, OpenError::Plain) else {
        return Ok(1);
    };
    if o.has("d") {
        return Ok(match decode(&data, o.has("i")) {
            Ok(b) => {
                p.out.out(String::from_utf8_lossy(&b));
                0
            }
            Err(b) => {
                p.out.out(String::from_utf8_lossy(&b));
                if p.is_busybox() {
                    0
                } else {
                    p.errln("invalid input");
                    1
                }
            }
        });
    }
    let enc = encode(&data);
    let mut s = String::with_capacity(enc.len() + enc.len() / 76 + 1);
    if wrap == 0 {
        s.push_str(&enc);
    } else {
        for (k, c) in enc.chars().enumerate() {
            if k > 0 && k % wrap == 0 {
                s.push('\n');
            }
            s.push(c);
        }
        if !enc.is_empty() {
            s.push('\n');
        }
    }
    p.out.out(s);
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in ["", "h", "hi", "hi\n", "hello world"] {
            assert_eq!(
                decode(encode(s.as_bytes()).as_bytes(), false).unwrap(),
                s.as_bytes()
            );
        }
        assert_eq!(encode(b"hi\n"), "aGkK");
        assert!(decode(b"!!", false).is_err());
    }
}
