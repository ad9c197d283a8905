//! The fuzzer (native only): generated and mutated inputs for every surface
//! a learner can type into — docker command lines, the shell, Dockerfiles,
//! image references, Go templates, printf formats, Python, lesson files,
//! saved sandboxes, daemon.json, the registry's HTTP API and whole sessions —
//! run through the same entry points the console uses, in watched worker
//! processes. `dockerlings fuzz` is the soak command; `tests/fuzz.rs` runs a
//! short fixed-seed pass on every `cargo test`.

pub mod driver;
pub mod grammar;
pub mod mutate;
pub mod rng;
pub mod targets;

pub use driver::{main, worker};
pub use targets::TARGETS;
