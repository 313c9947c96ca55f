//! The Go Atlas CLI's output formats, for every command plugin, so that `-o` means the same
//! everywhere and a command brings only its response model and its default template.
//!
//! - [`format`]: which output the user asked for (`-o`, else the `output` setting);
//! - [`output`]: proving an output request workable on a sample, then rendering a response,
//!   for any document that is a [`output::Model`];
//! - [`gojson`], [`gojson_parse`], [`jsonpath`], [`template`], [`tabwriter`], [`gofmt`]: Go's
//!   `encoding/json`, PaesslerAG's JSONPath, `text/template`, `text/tabwriter` and `fmt` as the
//!   Go CLI uses them;
//! - [`model`]: [`go_model!`] declares a response model once, with its Go type and views;
//! - [`api_error`]: a non-2xx response as the Go CLI words it.
//!
//! The crate is sans-I/O and has no extism dependency: it builds natively for tests and into
//! each plugin's `.wasm`. The response models are `atlas-plugin-models`; what every plugin
//! needs besides output is `atlas-plugin-sdk`.

pub mod api_error;
mod api_error_model;
pub mod decode;
pub mod format;
pub mod gofmt;
pub mod gojson;
pub mod gojson_parse;
pub mod jsonpath;
pub mod model;
pub mod output;
pub mod tabwriter;
pub mod template;
