//! What every atlas command plugin needs, and nothing command-specific:
//!
//! - [`plugin_exports!`]: the three wasm export shells around a crate's pure `describe`, `plan`
//!   and `render`, with the plugins' allocator (a per-call arena in front of `talc`);
//! - [`command`]: the common flags (`--orgId`, `-o/--output`), the `organizations apiKeys` and
//!   `accessLists` path pieces with their aliases, and the plugin's self-description;
//! - [`request`]: the Admin API's paths and media type, requests with and without a JSON body;
//! - [`flags`], [`csv`], [`roles`]: reading the host's flag map as the Go CLI's flag library
//!   reads its command line, and the checks every command makes first (positional arguments,
//!   org ID), in the Go CLI's words;
//! - [`stop`]: why `plan` sends nothing yet; [`confirm`]: the yes a delete needs first;
//! - [`render`]: the generic output steps: prove an `-o` request workable on a model's sample
//!   in `plan`, then print the response (or the API error) in `render`.
//!
//! Output formats are `atlas-plugin-output` (re-exported as [`formats`]), the response models
//! `atlas-plugin-models`, the wire types `atlas-plugin-api` (re-exported as [`api`]). The crate is
//! sans-I/O: it builds natively for tests and into each plugin's `.wasm`.

pub use atlas_plugin_api as api;
pub use atlas_plugin_output as formats;

#[doc(hidden)]
pub mod arena;
pub mod command;
pub mod confirm;
pub mod csv;
#[cfg(target_family = "wasm")]
#[doc(hidden)]
pub mod exports;
mod exports_macro;
pub mod flags;
pub mod render;
pub mod request;
pub mod roles;
pub mod stop;
