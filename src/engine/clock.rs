//! Injected time and identity: the engine never reads the system clock or a
//! random source. The sandbox advances [`Clock`] (virtual in script mode,
//! real in the browser) and [`IdSource`] is a seeded generator, so the same
//! commands always produce the same ids and times.

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

/// The instant script mode starts at: 2025-01-01T00:00:00Z.
pub const SCRIPT_EPOCH_MS: Millis = 1_735_689_600_000;

/// The engine's notion of "now", advanced only from outside.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Clock {
    now: Millis,
}

impl Clock {
    pub fn starting_at(now: Millis) -> Clock {
        Clock { now }
    }
    pub fn now(&self) -> Millis {
        self.now
    }
    /// Seconds since the epoch (for file mtimes).
    pub fn now_secs(&self) -> i64 {
        self.now.div_euclid(1000)
    }
    /// Moves time forward by `ms` (never backwards).
    pub fn advance(&mut self, ms: Millis) {
        self.now += ms.max(0);
    }
    /// Sets time to `t` if it is later than now.
    pub fn set(&mut self, t: Millis) {
        self.now = self.now.max(t);
    }
}

/// Deterministic source of 64-hex ids (splitmix64 under the hood).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IdSource {
    state: u64,
}

impl IdSource {
    pub fn seeded(seed: u64) -> IdSource {
        IdSource { state: seed }
    }
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A new 64-hex-digit id.
    pub fn hex64(&mut self) -> String {
        (0..4)
            .map(|_| format!("{:016x}", self.next_u64()))
            .collect()
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

/// Formats `ms` as RFC 3339 with nanoseconds, as Docker's JSON does
/// (`2025-01-01T00:00:00.000000000Z`).
pub fn rfc3339_nanos(ms: Millis) -> String {
    let (date, time) = civil(ms);
    format!("{date}T{time}.{:09}Z", (ms.rem_euclid(1000)) * 1_000_000)
}

/// Formats `ms` as RFC 3339 to the second with a `+00:00` zone, as
/// `docker history -H=false` and `docker images --format {{.CreatedAt}}` do.
pub fn rfc3339_secs(ms: Millis) -> String {
    let (date, time) = civil(ms);
    format!("{date}T{time}Z")
}

/// `(YYYY-MM-DD, HH:MM:SS)` in UTC.
pub fn civil(ms: Millis) -> (String, String) {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    // Howard Hinnant's days-from-civil inverse.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (
        format!("{y:04}-{m:02}-{d:02}"),
        format!("{:02}:{:02}:{:02}", sod / 3600, sod % 3600 / 60, sod % 60),
    )
}

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Formats `ms` with a `date +FORMAT` string (UTC).
pub fn strftime(ms: Millis, fmt: &str) -> String {
    let (d, t) = civil(ms);
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let wd = DAYS[days.rem_euclid(7) as usize];
    let y = d.get(..4).unwrap_or("1970");
    let m: usize = d.get(5..7).and_then(|x| x.parse().ok()).unwrap_or(1);
    let dd = d.get(8..10).unwrap_or("01");
    let day: u32 = dd.parse().unwrap_or(1);
    let mut o = String::new();
    let mut it = fmt.chars();
    while let Some(c) = it.next() {
        if c != '%' {
            o.push(c);
            continue;
        }
        match it.next() {
            Some('Y') => o.push_str(y),
            Some('y') => o.push_str(y.get(2..).unwrap_or("")),
            Some('m') => o.push_str(&format!("{m:02}")),
            Some('d') => o.push_str(dd),
            Some('e') => o.push_str(&format!("{day:>2}")),
            Some('H') => o.push_str(t.get(..2).unwrap_or("")),
            Some('M') => o.push_str(t.get(3..5).unwrap_or("")),
            Some('S') => o.push_str(t.get(6..8).unwrap_or("")),
            Some('T') => o.push_str(&t),
            Some('F') => o.push_str(&d),
            Some('D') => o.push_str(&format!("{m:02}/{dd}/{}", y.get(2..).unwrap_or(""))),
            Some('s') => o.push_str(&secs.to_string()),
            Some('N') => o.push_str(&format!("{:09}", ms.rem_euclid(1000) * 1_000_000)),
            Some('a') => o.push_str(wd),
            Some('b') | Some('h') => o.push_str(MONTHS[(m + 11) % 12]),
            Some('Z') => o.push_str("UTC"),
            Some('z') => o.push_str("+0000"),
            Some('n') => o.push('\n'),
            Some('t') => o.push('\t'),
            Some('%') => o.push('%'),
            Some(x) => {
                o.push('%');
                o.push(x);
            }
            None => o.push('%'),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deterministic() {
        let mut a = IdSource::seeded(7);
        let mut b = IdSource::seeded(7);
        assert_eq!(a.hex64(), b.hex64());
        assert_eq!(a.hex64().len(), 64);
    }

    #[test]
    fn civil_dates() {
        assert_eq!(rfc3339_secs(SCRIPT_EPOCH_MS), "2025-01-01T00:00:00Z");
        assert_eq!(
            rfc3339_nanos(SCRIPT_EPOCH_MS + 1500),
            "2025-01-01T00:00:01.500000000Z"
        );
        assert_eq!(civil(951_782_400_000).0, "2000-02-29");
    }
}
