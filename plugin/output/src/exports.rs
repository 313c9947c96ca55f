//! What every plugin's wasm exports share: the [`plugin_exports!`](crate::plugin_exports) macro
//! that writes the three thin `#[plugin_fn]` shells (decode the JSON input, call the crate's pure
//! function, encode its JSON output), and the panic hook they install.
//!
//! The hook hands the panic text to Extism as the call's error: with `panic = "abort"` a panic is
//! otherwise only an `unreachable` trap, and the host could not say what went wrong.

// The panic hook calls Extism's `error_set` host import.
#![allow(unsafe_code)]

use std::sync::Once;

use extism_pdk::Memory;
use serde::de::DeserializeOwned;

/// Decodes the call's input ourselves (rather than with `Json<T>` in the signature) so that the
/// error names the export and the type, not just serde's position.
pub fn decode<T: DeserializeOwned>(
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

/// Installs (once) the hook that reports a panic of plugin `name` as the call's error.
pub fn install_panic_hook(name: &'static str) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(move |info| {
            let text = format!("the {name} plugin panicked: {info}");
            if let Ok(memory) = Memory::from_bytes(&text) {
                // SAFETY: `error_set` takes the offset of a block this plugin just allocated
                // through Extism and still owns; the trap that follows ends the call.
                unsafe { extism_pdk::extism::error_set(memory.offset()) };
            }
        }));
    });
}

/// Writes a plugin's `describe`, `plan` and `render` exports around its pure functions:
/// `plugin_exports!("apikeys-list", crate::describe, crate::plan, crate::render);`
/// The calling crate depends on `extism-pdk` and `atlas-plugin-api` (wasm only).
#[macro_export]
macro_rules! plugin_exports {
    ($name:literal, $describe:path, $plan:path, $render:path) => {
        #[::extism_pdk::plugin_fn]
        pub fn describe()
        -> ::extism_pdk::FnResult<::extism_pdk::Json<::atlas_plugin_api::DescribeOutput>> {
            $crate::exports::install_panic_hook($name);
            Ok(::extism_pdk::Json($describe()))
        }

        #[::extism_pdk::plugin_fn]
        pub fn plan(
            input: Vec<u8>,
        ) -> ::extism_pdk::FnResult<::extism_pdk::Json<::atlas_plugin_api::PlanOutput>> {
            $crate::exports::install_panic_hook($name);
            let input: ::atlas_plugin_api::PlanInput =
                $crate::exports::decode("plan", "PlanInput", &input)?;
            Ok(::extism_pdk::Json($plan(&input)))
        }

        #[::extism_pdk::plugin_fn]
        pub fn render(
            input: Vec<u8>,
        ) -> ::extism_pdk::FnResult<::extism_pdk::Json<::atlas_plugin_api::RenderOutput>> {
            $crate::exports::install_panic_hook($name);
            let input: ::atlas_plugin_api::RenderInput =
                $crate::exports::decode("render", "RenderInput", &input)?;
            Ok(::extism_pdk::Json($render(&input)))
        }
    };
}
