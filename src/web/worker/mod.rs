//! The seam between the console (the Yew UI, main thread) and the sandbox
//! (engine, userland, lesson checks), designed so the sandbox can run in a
//! Web Worker: the UI never touches a [`Sandbox`](crate::sandbox::Sandbox)
//! directly, it sends [`protocol::Request`]s and renders
//! [`protocol::Response`]s, and later views (the architecture view, the
//! layer view) ask for view-models computed on the engine side
//! ([`protocol::Request::ViewModel`]).
//!
//! [`host::EngineHost`] is the engine side, pure Rust, tested natively; a
//! worker entry only moves encoded messages between `onmessage` and it.
//!
//! Ctrl+C during a long command: without COOP/COEP headers (static hosts,
//! `file://`) there is no `SharedArrayBuffer` for an interrupt flag, so the
//! UI terminates the worker and starts a new one from the last save — the
//! state before the command — and prints `^C` (`Response::Interrupted`).

pub mod host;
pub mod protocol;
