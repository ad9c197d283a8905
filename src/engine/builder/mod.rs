//! `docker build`: the Dockerfile parser ([`parser`], [`lex`],
//! [`instructions`]) and the classic builder with its layer cache.

pub mod instructions;
pub mod lex;
pub mod parser;

pub use instructions::{parse_dockerfile, Dockerfile, DockerfileError, Instruction, Stage};
pub mod archive;
pub mod build;
pub mod context;
pub mod copy;
pub mod sys;
