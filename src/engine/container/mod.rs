//! Containers: a thin writable layer over an image's layers, a lifecycle
//! state machine (created, running, paused, restarting, exited, dead), the
//! process it runs and the logs it wrote.

pub mod state;
pub mod store;

pub use state::{State, Status};
pub use store::{Container, ContainerStore, LogLine, LogStream};
