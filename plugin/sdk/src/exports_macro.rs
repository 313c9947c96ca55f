//! [`plugin_exports!`](crate::plugin_exports), defined on every target so that a plugin crate
//! invokes it unconditionally; what it writes exists on wasm only (see [`crate::exports`]).

/// Writes a plugin's `describe`, `plan` and `render` exports around its pure functions, in a
/// module of their own: `plugin_exports!("apikeys-list", crate::describe, crate::plan,
/// crate::render);` (on wasm only). The calling crate needs no other dependency for it: the
/// shells reach Extism and the ABI codec through this crate.
#[macro_export]
macro_rules! plugin_exports {
    ($name:literal, $describe:path, $plan:path, $render:path) => {
        #[cfg(target_family = "wasm")]
        #[doc(hidden)]
        // The shells are `#[unsafe(no_mangle)]` functions.
        #[allow(unsafe_code)]
        mod plugin_exports {
            #[unsafe(no_mangle)]
            pub extern "C" fn describe() -> i32 {
                $crate::exports::run($name, |_| Ok($crate::exports::encode_cold(&$describe())))
            }

            #[unsafe(no_mangle)]
            pub extern "C" fn plan() -> i32 {
                $crate::exports::run($name, |input| {
                    let input = $crate::api::json::plan_input(input)?;
                    Ok($crate::api::json::plan_output(&$plan(&input)))
                })
            }

            #[unsafe(no_mangle)]
            pub extern "C" fn render() -> i32 {
                $crate::exports::run($name, |input| {
                    let input = $crate::api::json::render_input(input)?;
                    Ok($crate::api::json::render_output(&$render(&input)))
                })
            }
        }
    };
}
