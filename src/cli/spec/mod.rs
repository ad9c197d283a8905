//! The grammar data of every `docker` command, one file per area. Each
//! entry's `handler` (`"<area>.<verb>"`) names the function in
//! `crate::cli::<area>` that runs it.

pub mod builder;
pub mod container;
pub mod image;
pub mod network;
pub mod other;
pub mod registry;
pub mod system;
pub mod volume;
