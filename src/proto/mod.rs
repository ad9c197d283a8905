//! Vocabulary shared by the daemon (`engine`) and the programs
//! (`userland`) that sits below both: HTTP messages. Nothing here knows
//! either side.

pub mod http;
