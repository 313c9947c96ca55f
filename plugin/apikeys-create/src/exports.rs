//! The wasm exports: the shared thin export shells around this crate's pure
//! `describe`, `plan` and `render` (see `atlas_plugin_output::plugin_exports!`).

// The shells are `#[unsafe(no_mangle)]` functions.
#![allow(unsafe_code)]

atlas_plugin_output::plugin_exports!(
    "apikeys-create",
    crate::describe,
    crate::plan,
    crate::render
);
