//! Runs a plugin in the Extism sandbox: no WASI, no allowed hosts or paths, a memory cap and a
//! wall-clock timeout. Everything a plugin returns is untrusted; every failure becomes a
//! [`PluginError`] that names the plugin and the function.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// The most a plugin may return from one call: far above any command's output, far below what
/// would flood a terminal or a log.
pub const MAX_OUTPUT: usize = 8 << 20;

/// The sandbox limits for every plugin call.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Linear memory cap in 64 KiB pages (Extism counts its kernel's memory too).
    pub memory_pages: u32,
    /// Wall-clock limit for one call.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        // 64 MiB and 10 s: generous for a command plugin, small enough to stop a runaway.
        Self {
            memory_pages: 1024,
            timeout: Duration::from_secs(10),
        }
    }
}

/// A plugin failure. The host prints it as `Error: …` and exits 1.
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    /// The `.wasm` file could not be read.
    #[error("plugin {plugin}: could not read {}: {source}", path.display())]
    Read {
        plugin: String,
        path: PathBuf,
        source: std::io::Error,
    },
    /// The module could not be compiled or instantiated.
    #[error("plugin {plugin}: could not load it: {message}")]
    Load { plugin: String, message: String },
    /// A call trapped, timed out, ran out of memory or returned an error.
    #[error("plugin {plugin}: `{function}` failed: {message}")]
    Call {
        plugin: String,
        function: String,
        message: String,
    },
    /// A call returned something that is not the expected JSON.
    #[error("plugin {plugin}: `{function}` returned invalid output: {message}")]
    BadOutput {
        plugin: String,
        function: String,
        message: String,
    },
    /// The plugin speaks another ABI version.
    #[error(
        "plugin {plugin} speaks plugin ABI {plugin_abi}, this atlas speaks {host_abi}\nhelp: {advice}"
    )]
    Abi {
        plugin: String,
        plugin_abi: u32,
        host_abi: u32,
        advice: &'static str,
    },
    /// The file no longer has the content it was pinned to.
    #[error("plugin {plugin}: {} does not match the sha256 recorded for it\nhelp: {advice}", path.display())]
    Tampered {
        plugin: String,
        path: PathBuf,
        advice: &'static str,
    },
    /// The plugin asked for something the host refuses (a request elsewhere, a file it was not given).
    #[error("plugin {plugin}: refused {what}")]
    Refused { plugin: String, what: String },
}

/// One instantiated plugin.
pub struct Plugin {
    name: String,
    timeout: Duration,
    inner: extism::Plugin,
}

impl std::fmt::Debug for Plugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plugin")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// How plugins are loaded: limits and the CLI-owned compilation cache.
#[derive(Debug, Clone, Default)]
pub struct Runtime {
    limits: Limits,
    /// A wasmtime cache config file; `None` compiles every time.
    cache_config: Option<PathBuf>,
}

impl Runtime {
    /// A runtime with these limits, caching compiled code under `cache_dir` if it can.
    pub fn new(limits: Limits, cache_dir: Option<&Path>) -> Self {
        let cache_config = cache_dir.and_then(|dir| write_cache_config(dir).ok());
        Self {
            limits,
            cache_config,
        }
    }

    /// Reads and instantiates the plugin at `path`; `name` is how errors refer to it.
    pub fn load(&self, name: &str, path: &Path) -> Result<Plugin, PluginError> {
        self.load_bytes(name, read(name, path)?)
    }

    /// Like [`Runtime::load`], but refuses a file whose sha256 is not `sha256`. The hash is taken
    /// of the very bytes that are compiled, so the file cannot change in between.
    pub fn load_pinned(
        &self,
        name: &str,
        path: &Path,
        sha256: &str,
        installed: bool,
    ) -> Result<Plugin, PluginError> {
        let bytes = read(name, path)?;
        if crate::index::sha256_hex(&bytes) != sha256 {
            return Err(PluginError::Tampered {
                plugin: name.to_string(),
                path: path.to_path_buf(),
                advice: if installed {
                    "reinstall it from a file you trust: atlas plugin install <file.wasm>"
                } else {
                    "it changed while atlas was starting; run the command again"
                },
            });
        }
        self.load_bytes(name, bytes)
    }

    /// Instantiates a plugin from its bytes.
    pub fn load_bytes(&self, name: &str, bytes: Vec<u8>) -> Result<Plugin, PluginError> {
        let manifest = extism::Manifest::new([extism::Wasm::data(bytes)])
            .with_timeout(self.limits.timeout)
            .with_memory_max(self.limits.memory_pages);
        let builder = extism::PluginBuilder::new(manifest).with_wasi(false);
        let builder = match &self.cache_config {
            Some(config) => builder.with_cache_config(config),
            None => builder.with_cache_disabled(),
        };
        let inner = builder.build().map_err(|e| PluginError::Load {
            plugin: name.to_string(),
            message: load_message(&e),
        })?;
        Ok(Plugin {
            name: name.to_string(),
            timeout: self.limits.timeout,
            inner,
        })
    }
}

impl Plugin {
    /// The name errors use.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Fails unless the plugin exports every one of `functions`: checked before a command starts,
    /// so that a plugin missing `render` cannot get a request sent whose answer it cannot show.
    pub fn require(&self, functions: &[&str]) -> Result<(), PluginError> {
        match functions.iter().find(|f| !self.inner.function_exists(f)) {
            Some(missing) => Err(PluginError::Call {
                plugin: self.name.clone(),
                function: missing.to_string(),
                message: "the plugin does not export it".into(),
            }),
            None => Ok(()),
        }
    }

    /// Calls `function` with `input` as JSON and decodes its JSON output.
    pub fn call<I: Serialize, O: DeserializeOwned>(
        &mut self,
        function: &str,
        input: &I,
    ) -> Result<O, PluginError> {
        let call_err = |message: String| PluginError::Call {
            plugin: self.name.clone(),
            function: function.to_string(),
            message,
        };
        if !self.inner.function_exists(function) {
            return Err(call_err("the plugin does not export it".into()));
        }
        let input = serde_json::to_vec(input).expect("wire types always serialize");
        let output: &[u8] = match self.inner.call::<&[u8], &[u8]>(function, &input) {
            Ok(bytes) => bytes,
            Err(e) => return Err(call_err(call_message(&e, self.timeout))),
        };
        if output.len() > MAX_OUTPUT {
            return Err(PluginError::BadOutput {
                plugin: self.name.clone(),
                function: function.to_string(),
                message: format!(
                    "{} bytes is more than the {MAX_OUTPUT}-byte limit",
                    output.len()
                ),
            });
        }
        serde_json::from_slice(output).map_err(|e| PluginError::BadOutput {
            plugin: self.name.clone(),
            function: function.to_string(),
            message: e.to_string(),
        })
    }
}

/// Turns an Extism call error into one line a user can act on.
fn call_message(e: &extism::Error, timeout: Duration) -> String {
    let root = e.root_cause().to_string();
    if root == "timeout" {
        return format!("the plugin ran past its time limit of {timeout:?}");
    }
    if root == "oom" || root.contains("memory") && root.contains("grow") {
        return "the plugin ran out of its memory limit".to_string();
    }
    let chain = format!("{e:?}");
    if chain.contains("wasm trap") || chain.contains("wasm backtrace") {
        return format!(
            "the plugin crashed ({})",
            root.lines().next().unwrap_or("trap")
        );
    }
    // The plugin's own error text (the PDK formats it with `{:?}`, which quotes it).
    let text = format!("{e:#}");
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .map_or(text.clone(), |t| {
            t.replace("\\n", "\n").replace("\\\"", "\"")
        })
}

fn load_message(e: &extism::Error) -> String {
    let text = format!("{e:#}");
    if text.contains("unknown import") {
        return format!(
            "{text}\nhelp: the plugin needs host functions this atlas lacks: upgrade atlas"
        );
    }
    text
}

fn read(name: &str, path: &Path) -> Result<Vec<u8>, PluginError> {
    std::fs::read(path).map_err(|source| PluginError::Read {
        plugin: name.to_string(),
        path: path.to_path_buf(),
        source,
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
