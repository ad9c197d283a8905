//! The container runtime (what runc and the shim do): runs a container's
//! processes with the userland over the container's filesystem (mounts
//! resolved), advances running processes with the clock, delivers signals
//! and network requests to them.
