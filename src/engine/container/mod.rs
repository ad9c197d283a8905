//! Containers: a thin writable layer over an image's layers, a lifecycle
//! state machine (created, running, paused, restarting, exited, dead), the
//! process it runs and the logs it wrote.

pub mod config;
pub mod inspect;
pub mod lifecycle;
pub mod names;
pub mod state;
pub mod store;

pub use config::{
    ActivePort, Endpoint, HostConfig, MountKind, MountPoint, MountRequest, PortBinding, PortSpec,
    RestartPolicy,
};
pub use state::{human_duration, State, Status};
pub use store::{Container, ContainerStore, LogLine, LogStream};
