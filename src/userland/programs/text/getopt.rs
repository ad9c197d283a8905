//! The text tools parse their options with the shared option tables
//! ([`crate::userland::programs::opts`]); this module is the name they use
//! for it.

pub use crate::userland::programs::opts::*;
