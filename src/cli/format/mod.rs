//! Client-side formatting shared by the commands: human sizes and
//! durations (go-units), the tabwriter tables, and Go-template `--format`.
//!
//! | need | call |
//! |---|---|
//! | SIZE column (`72.8MB`, `1e+03kB`) | [`units::size3`] / [`units::human_size_with_precision`] |
//! | `2.048kB` (build context, progress) | [`units::human_size`] |
//! | `docker stats` memory (`34.31MiB`) | [`units::bytes_size`] |
//! | `--memory 512m`, `--shm-size` | [`units::ram_in_bytes`] (errors print as Docker's) |
//! | CREATED / STATUS durations | [`units::human_duration`], [`units::ago`] |
//! | a default table from cells | [`table::render`] (or [`table::tabwrite`] on `\t`/`\n` text) |
//! | COMMAND / CREATED BY truncation, short IDs | [`table::ellipsis`], [`table::truncate_id`] |
//! | `--format` (incl. `table …`, `json`) over rows | [`template::format_rows`] |
//! | `docker inspect -f` | [`template::Template::parse`] + [`template::Template::execute`] with [`template::docker_nil_repr`] |
//! | `%q` / `strconv.Quote`, Go `%g` | [`gofmt::quote`], [`gofmt::format_g`] |

pub mod table;
pub mod template;

// go-units and Go's `%g`/`%q` live in the engine: the daemon prints sizes and
// durations too (STATUS, build context); the client uses the same code.
pub use crate::engine::{gofmt, units};
