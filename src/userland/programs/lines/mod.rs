//! Line filters from coreutils (and their busybox applets): `tac`, `rev`
//! (util-linux), `nl`, `paste`, `comm`, `fold`.

mod comm;
mod fold;
mod nl;
mod paste;
mod tac;

pub use comm::comm;
pub use fold::fold;
pub use nl::nl;
pub use paste::paste;
pub use tac::{rev, tac};
