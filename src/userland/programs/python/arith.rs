//! Integer arithmetic with Python's semantics: 64-bit fast paths that
//! overflow into [`BigInt`], floor division and modulo, powers, shifts and
//! bitwise operators, and the sandbox's size bounds.

use super::bigint::{BigInt, MAX_BITS};
use super::*;

/// The integer value of an `int` or `bool`.
pub(super) fn int_of(v: &V) -> Option<BigInt> {
    match v {
        V::Int(i) => Some(BigInt::from_i64(*i)),
        V::Bool(b) => Some(BigInt::from_i64(*b as i64)),
        V::Big(b) => Some((**b).clone()),
        _ => None,
    }
}

/// Whether a value is an `int` (or `bool`).
pub(super) fn is_int(v: &V) -> bool {
    matches!(v, V::Int(_) | V::Bool(_) | V::Big(_))
}

/// A `BigInt` as a value: `V::Int` when it fits 64 bits.
pub(super) fn norm(b: BigInt) -> V {
    match b.to_i64() {
        Some(i) => V::Int(i),
        None => V::Big(Rc::new(b)),
    }
}

/// The error for integers past the sandbox's size bound.
pub(super) fn too_large() -> Ctl {
    err(
        SANDBOX_LIMIT,
        "dockerlings: python3: integer too large for this sandbox",
    )
}

fn small(v: &V) -> Option<i64> {
    match v {
        V::Int(i) => Some(*i),
        V::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

/// `l op r` for two integers; `None` for operators integers do not have.
pub(super) fn int_binop(op: &str, l: &V, r: &V) -> Option<Result<V, Ctl>> {
    if let (Some(a), Some(b)) = (small(l), small(r)) {
        let fast = match op {
            "+" => a.checked_add(b).map(V::Int),
            "-" => a.checked_sub(b).map(V::Int),
            "*" => a.checked_mul(b).map(V::Int),
            "//" | "%" if b == 0 => {
                return Some(Err(zero_division(op)));
            }
            "//" => a.checked_div_euclid(b).map(|_| {
                let q = a.wrapping_div(b);
                V::Int(if (a % b != 0) && ((a < 0) != (b < 0)) {
                    q - 1
                } else {
                    q
                })
            }),
            "%" => a.checked_rem(b).map(|m| {
                V::Int(if m != 0 && (m < 0) != (b < 0) {
                    m + b
                } else {
                    m
                })
            }),
            "&" => Some(V::Int(a & b)),
            "|" => Some(V::Int(a | b)),
            "^" => Some(V::Int(a ^ b)),
            ">>" if b >= 0 => Some(V::Int(if b >= 64 {
                if a < 0 {
                    -1
                } else {
                    0
                }
            } else {
                a >> b
            })),
            "<<" if (0..63).contains(&b) => a.checked_mul(1i64 << b).map(V::Int),
            "**" if b >= 0 => u32::try_from(b)
                .ok()
                .and_then(|e| a.checked_pow(e))
                .map(V::Int),
            _ => None,
        };
        if let Some(v) = fast {
            return Some(Ok(v));
        }
    }
    let (a, b) = (int_of(l)?, int_of(r)?);
    Some(match op {
        "+" => Ok(norm(a.add(&b))),
        "-" => Ok(norm(a.sub(&b))),
        "*" => {
            if a.bits() + b.bits() > MAX_BITS {
                return Some(Err(too_large()));
            }
            Ok(norm(a.mul(&b)))
        }
        "//" | "%" => match a.divmod(&b) {
            None => Err(zero_division(op)),
            Some((q, m)) => Ok(norm(if op == "//" { q } else { m })),
        },
        "**" => {
            if b.is_negative() {
                let (x, y) = (a.to_f64(), b.to_f64());
                if x == 0.0 {
                    return Some(Err(err(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    )));
                }
                return Some(Ok(V::Float(x.powf(y))));
            }
            match b.to_i64() {
                Some(e) if a.bits() <= 1 => {
                    // 0, 1 and -1 stay small whatever the exponent
                    let one = a.to_i64().unwrap_or(0);
                    Ok(V::Int(if one == -1 && e % 2 == 1 {
                        -1
                    } else if one == 0 && e > 0 {
                        0
                    } else if one == 0 {
                        1
                    } else {
                        one.abs()
                    }))
                }
                Some(e) => match a.pow(e as u64) {
                    Some(p) => Ok(norm(p)),
                    None => Err(too_large()),
                },
                None => Err(too_large()),
            }
        }
        "<<" | ">>" => {
            if b.is_negative() {
                return Some(Err(err("ValueError", "negative shift count")));
            }
            let n = b.to_i64().unwrap_or(i64::MAX) as u64;
            if op == ">>" {
                Ok(norm(a.shr(n)))
            } else {
                match a.shl(n) {
                    Some(x) => Ok(norm(x)),
                    None => Err(too_large()),
                }
            }
        }
        "&" | "|" | "^" => match (a.to_i64(), b.to_i64()) {
            (Some(x), Some(y)) => Ok(V::Int(match op {
                "&" => x & y,
                "|" => x | y,
                _ => x ^ y,
            })),
            _ => Err(err(
                "NotImplementedError",
                "bitwise operators on integers beyond 64 bits are not available in this sandbox",
            )),
        },
        _ => return None,
    })
}

fn zero_division(op: &str) -> Ctl {
    let msg = if op == "%" {
        "integer modulo by zero"
    } else {
        "integer division or modulo by zero"
    };
    err("ZeroDivisionError", msg)
}

/// Compares two integers.
pub(super) fn int_cmp(l: &V, r: &V) -> Option<std::cmp::Ordering> {
    if let (Some(a), Some(b)) = (small(l), small(r)) {
        return Some(a.cmp(&b));
    }
    Some(int_of(l)?.cmp(&int_of(r)?))
}

/// CPython's limit on converting integers to decimal strings.
pub(super) fn check_str_digits(v: &V) -> Result<(), Ctl> {
    if let V::Big(b) = v {
        if b.bits() > 14_000 && b.to_string().trim_start_matches('-').len() > 4300 {
            return Err(err(
                "ValueError",
                "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
            ));
        }
    }
    Ok(())
}
