//! Dockerlings: a simulated Docker engine, its `docker` client, a userland of
//! shells and programs, and lessons — one crate that runs natively (tests, the
//! `dockerlings` binary) and in the browser (WebAssembly, `web` module).
//!
//! Layering (see ARCHITECTURE.md): `engine` (the daemon, pure and
//! deterministic) ← `userland` (shells and programs that run inside its
//! filesystems) ← `cli` (the `docker` client) ← `sandbox` (hosts, sessions,
//! persistence) ← `lessons` ← `web` / `main.rs`.

pub mod cli;
#[cfg(all(feature = "native", unix))]
pub mod daemon;
pub mod engine;
/// The fuzzer: native only (`dockerlings fuzz`, `tests/fuzz.rs`).
#[cfg(feature = "native")]
pub mod fuzz;
pub mod lessons;
pub mod proto;
pub mod sandbox;
pub mod userland;
pub mod views;

pub mod web;
