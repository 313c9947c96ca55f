//! The wasm exports: thin `#[plugin_fn]` shells that decode the JSON input, call the pure
//! function of the same name in the crate root, and encode its JSON output.
//!
//! Every call first installs a panic hook that hands the panic text to Extism as the call's
//! error: with `panic = "abort"` a panic is otherwise only an `unreachable` trap, and the host
//! could not say what went wrong.

// `#[plugin_fn]` expands to `#[no_mangle]` functions that call Extism's host imports, and the
// panic hook calls one of those imports itself.
#![allow(unsafe_code)]

use std::sync::Once;

use atlas_plugin_api::{DescribeOutput, PlanInput, PlanOutput, RenderInput, RenderOutput};
use extism_pdk::{FnResult, Json, Memory, plugin_fn};
use serde::de::DeserializeOwned;

#[plugin_fn]
pub fn describe() -> FnResult<Json<DescribeOutput>> {
    install_panic_hook();
    Ok(Json(crate::describe()))
}

#[plugin_fn]
pub fn plan(input: Vec<u8>) -> FnResult<Json<PlanOutput>> {
    install_panic_hook();
    let input: PlanInput = decode("plan", "PlanInput", &input)?;
    Ok(Json(crate::plan(&input)))
}

#[plugin_fn]
pub fn render(input: Vec<u8>) -> FnResult<Json<RenderOutput>> {
    install_panic_hook();
    let input: RenderInput = decode("render", "RenderInput", &input)?;
    Ok(Json(crate::render(&input)))
}

/// Decode the call's input ourselves (rather than with `Json<T>` in the signature) so that the
/// error names the export and the type, not just serde's position.
fn decode<T: DeserializeOwned>(
    export: &str,
    type_name: &str,
    input: &[u8],
) -> Result<T, extism_pdk::Error> {
    serde_json::from_slice(input).map_err(|err| {
        extism_pdk::Error::msg(format!(
            "{export}: the input is not a valid {type_name} JSON document: {err}"
        ))
    })
}

fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let text = format!("the apikeys-list plugin panicked: {info}");
            if let Ok(memory) = Memory::from_bytes(&text) {
                // SAFETY: `error_set` takes the offset of a block this plugin just allocated
                // through Extism and still owns; the trap that follows ends the call.
                unsafe { extism_pdk::extism::error_set(memory.offset()) };
            }
        }));
    });
}
