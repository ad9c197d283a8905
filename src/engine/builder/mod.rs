//! `docker build`: the Dockerfile parser and the classic builder with its
//! layer cache.
