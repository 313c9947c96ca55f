//! probe
#[cfg(target_family = "wasm")]
mod exports {
    #![allow(unsafe_code)]
    use extism_pdk::{plugin_fn, FnResult};
    #[plugin_fn]
    pub fn describe() -> FnResult<String> {
        Ok("x".into())
    }
    #[plugin_fn]
    pub fn plan(input: Vec<u8>) -> FnResult<String> {
        Ok(format!("{}", input.len()))
    }
}
