//! Arbitrary-precision integers for Python's `int` beyond 64 bits: sign and
//! magnitude in base 2³² limbs; addition, multiplication, floor division,
//! powers, shifts, comparison, decimal and radix conversion. Sizes are
//! bounded by [`MAX_BITS`] so `2**10**10` fails fast instead of exhausting
//! memory.

use std::cmp::Ordering;

/// The largest integer the sandbox computes, in bits (CPython has no limit
/// but would take minutes and gigabytes beyond this).
pub(super) const MAX_BITS: u64 = 1 << 20;

/// An integer: `neg` and little-endian limbs without trailing zeros (zero
/// has no limbs and is never negative).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct BigInt {
    neg: bool,
    mag: Vec<u32>,
}

fn trim(v: &mut Vec<u32>) {
    while v.last() == Some(&0) {
        v.pop();
    }
}

fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    if a.len() != b.len() {
        return a.len().cmp(&b.len());
    }
    for k in (0..a.len()).rev() {
        match a[k].cmp(&b[k]) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    Ordering::Equal
}

fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
    let mut carry = 0u64;
    for k in 0..a.len().max(b.len()) {
        let s = *a.get(k).unwrap_or(&0) as u64 + *b.get(k).unwrap_or(&0) as u64 + carry;
        out.push(s as u32);
        carry = s >> 32;
    }
    if carry > 0 {
        out.push(carry as u32);
    }
    out
}

/// `a - b` for `a >= b`.
fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for (k, &x) in a.iter().enumerate() {
        let mut d = x as i64 - *b.get(k).unwrap_or(&0) as i64 - borrow;
        borrow = 0;
        if d < 0 {
            d += 1 << 32;
            borrow = 1;
        }
        out.push(d as u32);
    }
    trim(&mut out);
    out
}

fn mul_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = x as u64 * y as u64 + out[i + j] as u64 + carry;
            out[i + j] = t as u32;
            carry = t >> 32;
        }
        let mut k = i + b.len();
        while carry > 0 {
            let t = out[k] as u64 + carry;
            out[k] = t as u32;
            carry = t >> 32;
            k += 1;
        }
    }
    trim(&mut out);
    out
}

/// Divides by a small divisor in place; returns the remainder.
fn divrem_small(a: &mut Vec<u32>, d: u32) -> u32 {
    let mut rem = 0u64;
    for k in (0..a.len()).rev() {
        let cur = (rem << 32) | a[k] as u64;
        a[k] = (cur / d as u64) as u32;
        rem = cur % d as u64;
    }
    trim(a);
    rem as u32
}

fn bit_len(a: &[u32]) -> u64 {
    match a.last() {
        None => 0,
        Some(top) => (a.len() as u64 - 1) * 32 + (32 - top.leading_zeros() as u64),
    }
}

fn shl_mag(a: &[u32], n: u64) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    let (limbs, bits) = ((n / 32) as usize, (n % 32) as u32);
    let mut out = vec![0u32; limbs];
    let mut carry = 0u32;
    for &x in a {
        if bits == 0 {
            out.push(x);
        } else {
            out.push((x << bits) | carry);
            carry = x >> (32 - bits);
        }
    }
    if carry > 0 {
        out.push(carry);
    }
    out
}

fn shr_mag(a: &[u32], n: u64) -> Vec<u32> {
    let limbs = (n / 32) as usize;
    if limbs >= a.len() {
        return Vec::new();
    }
    let bits = (n % 32) as u32;
    let src = &a[limbs..];
    let mut out = Vec::with_capacity(src.len());
    for (k, &x) in src.iter().enumerate() {
        let lo = x >> bits;
        let hi = if bits == 0 {
            0
        } else {
            src.get(k + 1).map_or(0, |h| h << (32 - bits))
        };
        out.push(lo | hi);
    }
    trim(&mut out);
    out
}

/// Magnitude division: (quotient, remainder), `b` non-empty.
fn divrem_mag(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if cmp_mag(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let mut q = a.to_vec();
        let r = divrem_small(&mut q, b[0]);
        let r = if r == 0 { Vec::new() } else { vec![r] };
        return (q, r);
    }
    // shift-subtract, one bit at a time
    let n = bit_len(a);
    let mut q = vec![0u32; a.len()];
    let mut r: Vec<u32> = Vec::new();
    for i in (0..n).rev() {
        r = shl_mag(&r, 1);
        if a[(i / 32) as usize] >> (i % 32) & 1 == 1 {
            if r.is_empty() {
                r.push(1);
            } else {
                r[0] |= 1;
            }
        }
        if cmp_mag(&r, b) != Ordering::Less {
            r = sub_mag(&r, b);
            q[(i / 32) as usize] |= 1 << (i % 32);
        }
    }
    trim(&mut q);
    (q, r)
}

impl BigInt {
    pub(super) fn from_i64(v: i64) -> BigInt {
        let m = v.unsigned_abs();
        let mut mag = vec![m as u32, (m >> 32) as u32];
        trim(&mut mag);
        BigInt { neg: v < 0, mag }
    }

    fn new(neg: bool, mut mag: Vec<u32>) -> BigInt {
        trim(&mut mag);
        let neg = neg && !mag.is_empty();
        BigInt { neg, mag }
    }

    pub(super) fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    pub(super) fn is_negative(&self) -> bool {
        self.neg
    }

    /// The value as an `i64`, if it fits.
    pub(super) fn to_i64(&self) -> Option<i64> {
        if self.mag.len() > 2 {
            return None;
        }
        let m = self.mag.first().copied().unwrap_or(0) as u64
            | (self.mag.get(1).copied().unwrap_or(0) as u64) << 32;
        if self.neg {
            if m <= i64::MAX as u64 + 1 {
                Some((m as i64).wrapping_neg())
            } else {
                None
            }
        } else {
            i64::try_from(m).ok()
        }
    }

    pub(super) fn to_f64(&self) -> f64 {
        let mut f = 0.0f64;
        for &x in self.mag.iter().rev() {
            f = f * 4294967296.0 + x as f64;
        }
        if self.neg {
            -f
        } else {
            f
        }
    }

    /// The number of bits of the magnitude (`int.bit_length()`).
    pub(super) fn bits(&self) -> u64 {
        bit_len(&self.mag)
    }

    pub(super) fn neg(&self) -> BigInt {
        BigInt::new(!self.neg, self.mag.clone())
    }

    pub(super) fn add(&self, o: &BigInt) -> BigInt {
        if self.neg == o.neg {
            return BigInt::new(self.neg, add_mag(&self.mag, &o.mag));
        }
        match cmp_mag(&self.mag, &o.mag) {
            Ordering::Less => BigInt::new(o.neg, sub_mag(&o.mag, &self.mag)),
            _ => BigInt::new(self.neg, sub_mag(&self.mag, &o.mag)),
        }
    }

    pub(super) fn sub(&self, o: &BigInt) -> BigInt {
        self.add(&o.neg())
    }

    pub(super) fn mul(&self, o: &BigInt) -> BigInt {
        BigInt::new(self.neg != o.neg, mul_mag(&self.mag, &o.mag))
    }

    /// Python's floor division and modulo; `None` when `o` is zero.
    pub(super) fn divmod(&self, o: &BigInt) -> Option<(BigInt, BigInt)> {
        if o.is_zero() {
            return None;
        }
        let (q, r) = divrem_mag(&self.mag, &o.mag);
        let mut q = BigInt::new(self.neg != o.neg, q);
        let mut r = BigInt::new(self.neg, r);
        if !r.is_zero() && r.neg != o.neg {
            q = q.sub(&BigInt::from_i64(1));
            r = r.add(o);
        }
        Some((q, r))
    }

    /// `self ** e`; `None` when the result would pass [`MAX_BITS`].
    pub(super) fn pow(&self, mut e: u64) -> Option<BigInt> {
        if self.bits() > 1 && self.bits().saturating_sub(1).saturating_mul(e) > MAX_BITS {
            return None;
        }
        let mut base = self.clone();
        let mut acc = BigInt::from_i64(1);
        while e > 0 {
            if e & 1 == 1 {
                acc = acc.mul(&base);
            }
            e >>= 1;
            if e > 0 {
                base = base.mul(&base);
            }
        }
        Some(acc)
    }

    /// `self << n` (`None` past [`MAX_BITS`]) and `self >> n` (floor).
    pub(super) fn shl(&self, n: u64) -> Option<BigInt> {
        if self.is_zero() {
            return Some(self.clone());
        }
        if self.bits().saturating_add(n) > MAX_BITS {
            return None;
        }
        Some(BigInt::new(self.neg, shl_mag(&self.mag, n)))
    }

    pub(super) fn shr(&self, n: u64) -> BigInt {
        if !self.neg {
            return BigInt::new(false, shr_mag(&self.mag, n));
        }
        // floor for negatives: -((-x - 1) >> n) - 1
        let one = BigInt::from_i64(1);
        let t = self.neg().sub(&one);
        BigInt::new(false, shr_mag(&t.mag, n)).neg().sub(&one)
    }

    pub(super) fn cmp(&self, o: &BigInt) -> Ordering {
        match (self.neg, o.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_mag(&self.mag, &o.mag),
            (true, true) => cmp_mag(&o.mag, &self.mag),
        }
    }

    /// Digits in `radix` (2..=36), lowercase, with a leading `-`.
    pub(super) fn to_radix(&self, radix: u32) -> String {
        if self.is_zero() {
            return "0".into();
        }
        let mut digits = Vec::new();
        let mut m = self.mag.clone();
        // peel off chunks of digits that fit a u32
        let (chunk, per) = {
            let mut c = radix as u64;
            let mut n = 1;
            while c * (radix as u64) < u32::MAX as u64 {
                c *= radix as u64;
                n += 1;
            }
            (c as u32, n)
        };
        while !m.is_empty() {
            let mut r = divrem_small(&mut m, chunk);
            for _ in 0..per {
                digits.push(std::char::from_digit(r % radix, radix).unwrap_or('0'));
                r /= radix;
                if m.is_empty() && r == 0 {
                    break;
                }
            }
        }
        while digits.len() > 1 && digits.last() == Some(&'0') {
            digits.pop();
        }
        if self.neg {
            digits.push('-');
        }
        digits.iter().rev().collect()
    }

    /// Parses digits in `radix` (no sign, no underscores).
    pub(super) fn parse_radix(s: &str, radix: u32) -> Option<BigInt> {
        if s.is_empty() {
            return None;
        }
        let mut mag: Vec<u32> = Vec::new();
        for c in s.chars() {
            let d = c.to_digit(radix)?;
            // mag = mag * radix + d
            let mut carry = d as u64;
            for x in mag.iter_mut() {
                let t = *x as u64 * radix as u64 + carry;
                *x = t as u32;
                carry = t >> 32;
            }
            if carry > 0 {
                mag.push(carry as u32);
            }
            if mag.len() as u64 * 32 > MAX_BITS {
                return None;
            }
        }
        Some(BigInt::new(false, mag))
    }
}

impl std::fmt::Display for BigInt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_radix(10))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> BigInt {
        match s.strip_prefix('-') {
            Some(d) => BigInt::parse_radix(d, 10).unwrap().neg(),
            None => BigInt::parse_radix(s, 10).unwrap(),
        }
    }

    #[test]
    fn arithmetic_matches_python() {
        assert_eq!(
            BigInt::from_i64(2).pow(100).unwrap().to_string(),
            "1267650600228229401496703205376"
        );
        assert_eq!(
            big("-1180591620717411303424")
                .add(&BigInt::from_i64(1))
                .to_string(),
            "-1180591620717411303423"
        );
        let (q, r) = big("1000000000000000000000000000000")
            .divmod(&BigInt::from_i64(7))
            .unwrap();
        assert_eq!(
            (q.to_string(), r.to_string()),
            ("142857142857142857142857142857".into(), "1".into())
        );
        let (q, r) = big("-100000000000000000000")
            .divmod(&big("30000000000000000000"))
            .unwrap();
        assert_eq!(
            (q.to_string(), r.to_string()),
            ("-4".into(), "20000000000000000000".into())
        );
        assert_eq!(
            big("36893488147419103232").to_radix(16),
            "20000000000000000"
        );
        assert_eq!(BigInt::from_i64(i64::MIN).to_i64(), Some(i64::MIN));
        assert_eq!(big("9223372036854775808").to_i64(), None);
        assert_eq!(big("-5").shr(1).to_string(), "-3");
        assert!(BigInt::from_i64(2).pow(10_000_000_000).is_none());
        assert_eq!(BigInt::from_i64(0).to_string(), "0");
    }
}
