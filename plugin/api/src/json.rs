//! The ABI's JSON codec as plain, non-generic functions: each export's input decoder and output
//! encoder. A plugin's export shells call these rather than `serde_json`'s generic functions so
//! that the codec is compiled once, here, with this crate's optimization profile (the `wasm`
//! profile builds this crate for speed and the rest of a plugin for size; generic code would be
//! compiled in the calling crate instead).

use crate::{PlanInput, PlanOutput, RenderInput, RenderOutput};

/// Decodes `plan`'s input.
pub fn plan_input(bytes: &[u8]) -> Result<PlanInput, serde_json::Error> {
    serde_json::from_slice(bytes)
}

/// Decodes `render`'s input.
pub fn render_input(bytes: &[u8]) -> Result<RenderInput, serde_json::Error> {
    serde_json::from_slice(bytes)
}

/// Encodes `plan`'s output.
pub fn plan_output(output: &PlanOutput) -> Vec<u8> {
    encode(output)
}

/// Encodes `render`'s output.
pub fn render_output(output: &RenderOutput) -> Vec<u8> {
    encode(output)
}

fn encode(output: &impl serde::Serialize) -> Vec<u8> {
    // The wire types are plain structs with string keys: serializing them cannot fail.
    serde_json::to_vec(output).expect("wire types always serialize")
}
