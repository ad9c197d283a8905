//! A small, seedable random source for the fuzzer (SplitMix64): every
//! iteration's input is a pure function of (target, seed, iteration), so any
//! crash is reproduced by its three numbers.

/// SplitMix64: fast, statistically sound, and trivially seedable.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// The generator for iteration `iter` of `target` under `seed`.
    pub fn for_iteration(target: &str, seed: u64, iter: u64) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in target.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
        let mut r = Rng(h ^ seed.rotate_left(17) ^ iter.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `num`/`den`.
    pub fn chance(&mut self, num: u32, den: u32) -> bool {
        (self.next_u64() % den as u64) < num as u64
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One of `items` (strings: the common case, without `&&str`).
    pub fn word<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A number that is usually small and sometimes enormous or odd: the
    /// values that break width, count and range handling.
    pub fn number(&mut self) -> String {
        const EDGES: &[&str] = &[
            "0",
            "1",
            "-1",
            "2",
            "7",
            "255",
            "256",
            "1024",
            "65535",
            "65536",
            "99999",
            "2147483647",
            "2147483648",
            "4294967296",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "99999999999999999999",
            "1e308",
            "1e-9",
            "0x1f",
            "08",
            "3.5",
            "-0",
            "nan",
            "inf",
            "70000",
            "4000000000",
        ];
        if self.chance(1, 2) {
            (self.below(100)).to_string()
        } else {
            self.pick(EDGES).to_string()
        }
    }
}
