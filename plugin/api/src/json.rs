//! The ABI's JSON codec as plain, non-generic functions: each export's input decoder and output
//! encoder. A plugin's export shells call these rather than `serde_json`'s generic functions so
//! that the codec is compiled once, here, with this crate's optimization profile (the `wasm`
//! profile builds this crate for speed and the rest of a plugin for size; generic code would be
//! compiled in the calling crate instead).

use crate::{PlanInput, PlanOutput, RenderInput, RenderOutput};

/// Decodes `plan`'s input; the error is the call's error text.
pub fn plan_input(bytes: &[u8]) -> Result<PlanInput, String> {
    decode("plan", "PlanInput", bytes)
}

/// Decodes `render`'s input; the error is the call's error text.
pub fn render_input(bytes: &[u8]) -> Result<RenderInput, String> {
    decode("render", "RenderInput", bytes)
}

/// Names the export and the type in the error, not just serde's position.
fn decode<T: serde::de::DeserializeOwned>(
    export: &str,
    type_name: &str,
    bytes: &[u8],
) -> Result<T, String> {
    serde_json::from_slice(bytes).map_err(|err| {
        format!("{export}: the input is not a valid {type_name} JSON document: {err}")
    })
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
