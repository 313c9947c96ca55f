//! The reference runtime: the `extism` crate itself. It is what the fast runtime is checked
//! against (`tests/it/runtimes.rs`), and the proof that our plugins run on any Extism host; it is
//! test-only (`ATLAS_CLI_RUNTIME=extism` needs the `reference-runtime` feature), because a plugin
//! can crash the crate through a forged kernel block or hang it in `start` (docs/security.md). Compiled code is cached by wasmtime's own cache, pointed into the
//! CLI's cache directory (`<cache dir>/atlascli/wasmtime/`).

use std::path::{Path, PathBuf};

use super::{Failure, Limits};

/// Builds an Extism plugin from `bytes` with no WASI, no hosts, no paths, and these limits.
pub fn load(
    limits: &Limits,
    cache_dir: Option<&Path>,
    bytes: Vec<u8>,
) -> Result<extism::Plugin, String> {
    let manifest = extism::Manifest::new([extism::Wasm::data(bytes)])
        .with_timeout(limits.timeout)
        .with_memory_max(limits.memory_pages);
    let builder = extism::PluginBuilder::new(manifest).with_wasi(false);
    let builder = match cache_dir.and_then(|dir| write_cache_config(dir).ok()) {
        Some(config) => builder.with_cache_config(config),
        None => builder.with_cache_disabled(),
    };
    builder.build().map_err(|e| format!("{e:#}"))
}

/// Calls `function`; the output borrows the plugin until the next call.
pub fn call<'a>(
    plugin: &'a mut extism::Plugin,
    function: &str,
    input: &[u8],
) -> Result<&'a [u8], Failure> {
    plugin
        .call::<&[u8], &[u8]>(function, input)
        .map_err(|e| Failure {
            root: e.root_cause().to_string(),
            trapped: {
                let chain = format!("{e:?}");
                chain.contains("wasm trap") || chain.contains("wasm backtrace")
            },
            text: format!("{e:#}"),
        })
}

/// Writes the wasmtime cache config that points into the CLI's own cache directory.
fn write_cache_config(cache_dir: &Path) -> std::io::Result<PathBuf> {
    let code_dir = cache_dir.join("wasmtime");
    crate::fsutil::create_private_dir(&code_dir)?;
    let dir = code_dir
        .to_str()
        .ok_or(std::io::ErrorKind::InvalidFilename)?;
    let escaped = dir.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!("[cache]\ndirectory = \"{escaped}\"\n");
    let path = cache_dir.join("wasmtime-cache.toml");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        crate::fsutil::write_atomic(&path, text.as_bytes())?;
    }
    Ok(path)
}
