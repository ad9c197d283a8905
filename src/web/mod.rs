//! The browser front end (Yew): terminal, lesson panel, visualisations,
//! storage and embedding. Compiled only for wasm32.
