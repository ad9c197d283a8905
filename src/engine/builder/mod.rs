//! `docker build`: the Dockerfile parser ([`parser`], [`lex`],
//! [`instructions`]) and the classic builder with its layer cache
//! ([`build`]): the build context ([`context`]), COPY/ADD ([`copy`],
//! [`archive`]) and the system RUN steps see ([`sys`]). The client side
//! (context from the host, output rendering) is `crate::cli::builder`.

pub mod archive;
pub mod build;
pub mod context;
pub mod copy;
pub mod instructions;
pub mod lex;
pub mod parser;
pub mod sys;

pub use instructions::{parse_dockerfile, Dockerfile, DockerfileError, Instruction, Stage};

use crate::engine::digest::Digest;
use serde::{Deserialize, Serialize};

/// What a `docker build` did, kept by the daemon for the last build.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildRecord {
    pub ok: bool,
    /// `Step n` numbers answered from the cache.
    pub cached: Vec<usize>,
    /// `Step n` numbers executed (a failed step included).
    pub rebuilt: Vec<usize>,
    /// References tagged (`docker.io/library/app:latest`).
    pub tags: Vec<String>,
    /// The image built, or the last good step's image of a failed build.
    pub image: Option<Digest>,
    /// The error text of a failed build.
    pub error: String,
}
