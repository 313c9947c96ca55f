//! What atlas plugins print, and how, as the Go Atlas CLI prints it: shared by every command
//! plugin so that `-o` means the same everywhere and each command is only its own request and
//! its own default text.
//!
//! - [`format`]: which output the user asked for (`-o`, else the `output` setting);
//! - [`output`]: proving an output request workable in `plan`, then rendering the response;
//! - [`gojson`], [`jsonpath`], [`template`], [`tabwriter`]: Go's `encoding/json`,
//!   PaesslerAG's JSONPath, `text/template` and `text/tabwriter` as the Go CLI uses them;
//! - [`model`]: the Atlas SDK structs the responses are read into;
//! - [`api_error`]: a non-2xx response as the Go CLI words it;
//! - [`flags`]: reading the host's flag map;
//! - `vectors`: the cross-host test vectors' format (for the plugins' tests, not their `.wasm`);
//! - `exports` (wasm only): the export shells every plugin uses, and its allocator, whose per-call
//!   arena is `arena`.
//!
//! The crate is sans-I/O and has no extism dependency: it builds natively for tests and into
//! each plugin's `.wasm`.

pub mod api_error;
mod api_error_model;
#[doc(hidden)]
pub mod arena;
#[cfg(target_family = "wasm")]
#[doc(hidden)]
pub mod exports;
pub mod flags;
pub mod format;
pub mod gofmt;
pub mod gojson;
pub mod gojson_parse;
pub mod jsonpath;
pub mod model;
mod model_views;
pub mod output;
pub mod stop;
pub mod tabwriter;
pub mod template;
#[doc(hidden)]
pub mod vectors;
