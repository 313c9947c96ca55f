//! The native baseline (cargo feature `native-baseline`, `ATLAS_CLI_RUNTIME=native`): the create
//! plugin's own code, linked into the host, behind the same JSON boundary. Whatever plugin file
//! the command came from, this runs `atlas-apikeys-create`: it exists only to measure what the
//! sandbox costs (BENCHMARKS.md), never to run other plugins.

use atlas_apikeys_create as create;
use atlas_plugin_api::{PlanInput, RenderInput, exports};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Failure;

/// The functions the create plugin exports.
pub fn exports(function: &str) -> bool {
    [exports::DESCRIBE, exports::PLAN, exports::RENDER].contains(&function)
}

/// Calls `function` with JSON in and JSON out, as the wasm plugin would be called.
pub fn call(function: &str, input: &[u8]) -> Result<Vec<u8>, Failure> {
    match function {
        exports::DESCRIBE => json(&create::describe()),
        exports::PLAN => json(&create::plan(&decode::<PlanInput>(function, input)?)),
        exports::RENDER => json(&create::render(&decode::<RenderInput>(function, input)?)),
        _ => Err(plain(format!("Function not found: {function}"))),
    }
}

fn decode<T: DeserializeOwned>(function: &str, input: &[u8]) -> Result<T, Failure> {
    serde_json::from_slice(input)
        .map_err(|e| plain(format!("{function}: the input is not valid: {e}")))
}

fn json<T: Serialize>(value: &T) -> Result<Vec<u8>, Failure> {
    Ok(serde_json::to_vec(value).expect("wire types always serialize"))
}

fn plain(text: String) -> Failure {
    Failure {
        root: text.clone(),
        trapped: false,
        text,
    }
}
