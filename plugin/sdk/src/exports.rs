//! What every plugin's wasm exports share: the three thin export shells that
//! [`plugin_exports!`](crate::plugin_exports) writes (read the call's input, decode the JSON with
//! `atlas_plugin_api::json`, call the crate's pure function, hand Extism the JSON output or the
//! error), the panic hook they install, and the plugins' global allocator ([`allocator`]: a
//! per-call arena in front of `talc`).
//!
//! The shells speak Extism's ABI through `extism-pdk`'s raw host imports (`extism_pdk::extism`)
//! rather than `#[plugin_fn]`: its errors are `anyhow` errors printed with `{:?}`, which links
//! std's backtrace printer and a symbol demangler, ~35 KB of a plugin that never prints a
//! backtrace. The bytes and return codes are the ones `#[plugin_fn]` produces: 0 with the
//! output set, or 1 with the error set.
//!
//! The hook hands the panic text to Extism as the call's error: with `panic = "abort"` a panic is
//! otherwise only an `unreachable` trap, and the host could not say what went wrong.

// The shells call Extism's host imports.
#![allow(unsafe_code)]

mod allocator;

use std::sync::Once;

use extism_pdk::extism;

/// Runs one export of plugin `name`: `call` gets the input bytes; its value (JSON) becomes the
/// output (return code 0), its error the call's error (return code 1).
pub fn run(name: &'static str, call: impl FnOnce(&[u8]) -> Result<Vec<u8>, String>) -> i32 {
    install_panic_hook(name);
    // The hook (made at the first call) lives for good, and a call that trapped may have left
    // blocks behind: close the arena's books on them now, so that only they stay frozen and
    // this call's blocks can all be reused once it ends.
    allocator::end_call();
    let code = run_call(call);
    // Everything the call allocated is dropped now (the input, its values, the output JSON).
    allocator::end_call();
    code
}

fn run_call(call: impl FnOnce(&[u8]) -> Result<Vec<u8>, String>) -> i32 {
    // SAFETY: the input belongs to this call; `load_input` copies exactly `input_length` bytes.
    let input = unsafe { extism::load_input() };
    match call(&input) {
        Ok(json) => {
            let offset = store(&json);
            // SAFETY: `offset` is a block of `json.len()` bytes this plugin just allocated.
            unsafe { extism::output_set(offset, json.len() as u64) };
            0
        }
        Err(message) => {
            // SAFETY: as above; Extism reads the error block's length itself.
            unsafe { extism::error_set(store(message.as_bytes())) };
            1
        }
    }
}

/// Encodes a call's output with code built for size: for `describe`, called once per process.
pub fn encode_cold(output: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(output).expect("wire types always serialize")
}

/// Copies `bytes` into a new Extism memory block and returns its offset.
fn store(bytes: &[u8]) -> u64 {
    // SAFETY: `alloc` returns a block of at least `bytes.len()` bytes (or traps), which `store`
    // fills exactly.
    unsafe {
        let offset = extism::alloc(bytes.len() as u64);
        extism::store(offset, bytes);
        offset
    }
}

/// Installs (once) the hook that reports a panic of plugin `name` as the call's error.
pub fn install_panic_hook(name: &'static str) {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(move |info| {
            let text = format!("the {name} plugin panicked: {info}");
            // SAFETY: a block this plugin just allocated; the trap that follows ends the call.
            unsafe { extism::error_set(store(text.as_bytes())) };
        }));
    });
}
