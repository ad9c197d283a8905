//! Client-side formatting shared by the commands: human sizes and
//! durations (go-units), the tabwriter tables, and Go-template `--format`.

pub mod gofmt;
pub mod table;
pub mod template;
pub mod units;
