//! The wasm exports: the shared thin `#[plugin_fn]` shells around this crate's pure
//! `describe`, `plan` and `render` (see `atlas_plugin_output::plugin_exports!`).

// `#[plugin_fn]` expands to `#[no_mangle]` functions that call Extism's host imports.
#![allow(unsafe_code)]

atlas_plugin_output::plugin_exports!(
    "apikeys-create",
    crate::describe,
    crate::plan,
    crate::render
);
