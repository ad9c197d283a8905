//! vim in the browser editor: normal, insert and command-line modes.
