//! Image references, parsed and normalised exactly as
//! `distribution/reference` v0.6.0 does (docker.io, library/, latest).
