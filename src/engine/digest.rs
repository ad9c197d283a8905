//! Content digests (`sha256:<64 hex>`) and the short forms Docker prints.

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::fmt;

/// A `sha256:<hex>` digest.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Digest(String);

impl Digest {
    /// From 64 hex digits (no algorithm prefix).
    pub fn from_hex(hex: &str) -> Digest {
        Digest(format!("sha256:{hex}"))
    }
    /// SHA-256 of `data`.
    pub fn of(data: &[u8]) -> Digest {
        Digest::from_hex(&sha256_hex(data))
    }
    /// Parses `sha256:<64 hex>`.
    pub fn parse(s: &str) -> Option<Digest> {
        let hex = s.strip_prefix("sha256:")?;
        (hex.len() == 64
            && hex
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        .then(|| Digest(s.to_string()))
    }
    /// `sha256:<hex>`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The 64 hex digits.
    pub fn hex(&self) -> &str {
        &self.0[7..]
    }
    /// The first 12 hex digits (`stringid.TruncateID`).
    pub fn short(&self) -> &str {
        &self.0[7..19]
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Lower-case hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `stringid.TruncateID`: drop an algorithm prefix, keep 12 characters.
pub fn truncate_id(id: &str) -> &str {
    let id = id.rsplit_once(':').map(|(_, h)| h).unwrap_or(id);
    &id[..id.len().min(12)]
}
