//! The union filesystem: layers as typed changesets ([`Layer`], [`Entry`])
//! stacked into a [`UnionFs`] whose top layer is writable. Lookup is
//! top-down, an upper entry hides lower ones, the first write copies up,
//! deletion leaves a whiteout — the four rules images and containers obey.

pub mod entry;
pub mod layer;
pub mod path;
pub mod union;

pub use entry::{program_seed, Content, Entry, Meta, NodeKind};
pub use layer::Layer;
pub use union::{Change, ChangeKind, FsError, UnionFs};
