//! Runs plugins in a sandbox: no WASI, no allowed hosts or paths, a memory cap and a wall-clock
//! timeout per call. Two runtimes run the same Extism plugins: the fast one (default, `fast`:
//! wasmtime directly, plugins compiled ahead of time into the CLI's cache) and the `extism`
//! crate itself (`reference`), the test-only reference the fast one is checked against (users
//! cannot choose it unless the host is built with the `reference-runtime` feature: it does not
//! contain hostile plugins, see docs/security.md). A plugin file is size-checked and must be
//! binary wasm before it is read whole ([`file`]); a module is checked against the limits before
//! it runs (`fast/limits.rs`). Everything a plugin returns is untrusted; every failure becomes a
//! [`PluginError`] that names the plugin and the function, worded the same by both runtimes.

mod fast;
mod file;
#[cfg(feature = "native-baseline")]
mod native;
mod plugin;
mod reference;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

pub use file::{MAX_PLUGIN_BYTES, read_plugin};
pub(crate) use plugin::Failure;
pub use plugin::Plugin;

use crate::env::Env;

/// The most a plugin may return from one call: far above any command's output, far below what
/// would flood a terminal or a log.
pub const MAX_OUTPUT: usize = 8 << 20;

/// The sandbox limits for every plugin call.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Memory cap in 64 KiB pages, the plugin's linear memory and its kernel memory together.
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
        "plugin {plugin} speaks plugin ABI {plugin_abi}, this atlas speaks ABI {oldest_abi} to {host_abi}"
    )]
    Abi {
        plugin: String,
        plugin_abi: u32,
        host_abi: u32,
        oldest_abi: u32,
        advice: &'static str,
    },
    /// The file no longer has the content it was pinned to.
    #[error("plugin {plugin}: {} does not match the sha256 recorded for it", path.display())]
    Tampered {
        plugin: String,
        path: PathBuf,
        advice: &'static str,
    },
    /// A bundled plugin's own `describe` is not what the bundled describe index recorded for it.
    #[error("plugin {plugin}: its describe does not match what {} records for it", index.display())]
    NotAsIndexed { plugin: String, index: PathBuf },
    /// The plugin asked for something the host refuses (a request elsewhere, a file it was not given).
    #[error("plugin {plugin}: refused {what}")]
    Refused { plugin: String, what: String },
    /// The file is larger than any plugin may be; nothing of it was read.
    #[error("plugin {plugin}: {} is {size} bytes, more than the {MAX_PLUGIN_BYTES} a plugin may have", path.display())]
    TooBig {
        plugin: String,
        path: PathBuf,
        size: u64,
    },
    /// The file (or the bytes) is not binary WebAssembly: text, a component, anything else.
    #[error("plugin {plugin}: {} is not a binary WebAssembly module", path.display())]
    NotWasm { plugin: String, path: PathBuf },
    /// The module imports something no atlas host provides (WASI, any other module's functions).
    #[error("plugin {plugin}: it imports `{import}`, which no atlas host provides")]
    Import { plugin: String, import: String },
    /// What the module declares (memories, tables) can never fit its limits.
    #[error("plugin {plugin}: {what}")]
    Declares { plugin: String, what: String },
}

impl PluginError {
    /// What to do about it, when there is something to say beyond the message.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            Self::Abi { advice, .. } | Self::Tampered { advice, .. } => Some(*advice),
            Self::TooBig { .. } | Self::NotWasm { .. } => Some(
                "a plugin is a binary .wasm module (it starts with the bytes \\0asm); remove this file from the plugin directory, or compile WebAssembly text first",
            ),
            Self::Import { .. } => Some(
                "atlas gives plugins the Extism host functions (`extism:host/env`) and nothing else, no WASI: build the plugin for wasm32-unknown-unknown with extism-pdk",
            ),
            Self::NotAsIndexed { .. } => Some(
                "the describe index does not belong to these plugins: rebuild it with scripts/build, or delete it (then each plugin is described from its file)",
            ),
            Self::Declares { .. } => Some(
                "the plugin cannot run within atlas's limits; ATLAS_CLI_PLUGIN_MEMORY_MIB raises the memory limit",
            ),
            _ => None,
        }
    }
}

/// Which runtime runs plugins.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RuntimeKind {
    /// wasmtime directly, with compiled plugins cached and memory-mapped: starts in milliseconds.
    #[default]
    Fast,
    /// The `extism` crate: the reference every plugin is checked against.
    Extism,
    /// Benchmarks only (feature `native-baseline`): the create plugin's code linked natively.
    #[cfg(feature = "native-baseline")]
    Native,
}

impl RuntimeKind {
    /// The variable that chooses the runtime: `fast` (the default), or `extism` in a host built
    /// with the `reference-runtime` feature.
    pub const VARIABLE: &str = "ATLAS_CLI_RUNTIME";

    /// The runtime `ATLAS_CLI_RUNTIME` names; unset or empty is the default. The reference
    /// runtime is refused unless the host was built for testing it: a plugin can crash or hang
    /// the host there (docs/security.md).
    pub fn from_env(env: &Env) -> Result<Self, RuntimeChoiceError> {
        match env.get(Self::VARIABLE) {
            None | Some("fast") => Ok(Self::Fast),
            #[cfg(feature = "reference-runtime")]
            Some("extism") => Ok(Self::Extism),
            #[cfg(not(feature = "reference-runtime"))]
            Some("extism") => Err(RuntimeChoiceError::NotBuilt),
            #[cfg(feature = "native-baseline")]
            Some("native") => Ok(Self::Native),
            Some(other) => Err(RuntimeChoiceError::Unknown(other.to_string())),
        }
    }
}

/// `ATLAS_CLI_RUNTIME` names no runtime this atlas has.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeChoiceError {
    /// Not a runtime at all.
    #[error("{var}={0:?} is not a plugin runtime", var = RuntimeKind::VARIABLE)]
    Unknown(String),
    /// The reference runtime, which only test builds carry.
    #[error(
        "{var}=\"extism\": the extism runtime is a test-only reference, not built into this atlas: it does not contain hostile plugins (docs/security.md)",
        var = RuntimeKind::VARIABLE
    )]
    NotBuilt,
}

impl RuntimeChoiceError {
    /// What to do about it, for a `help:` line.
    pub fn help(&self) -> String {
        match self {
            #[cfg(feature = "reference-runtime")]
            Self::Unknown(_) => "use \"fast\" (the default) or \"extism\"".into(),
            #[cfg(not(feature = "reference-runtime"))]
            Self::Unknown(_) => "use \"fast\" (the default)".into(),
            Self::NotBuilt => format!("unset {} to use the default runtime", RuntimeKind::VARIABLE),
        }
    }
}

/// How plugins are loaded: which runtime, the limits, and the CLI-owned cache of compiled code.
#[derive(Debug, Clone, Default)]
pub struct Runtime {
    limits: Limits,
    kind: RuntimeKind,
    /// `<cache dir>/atlascli`; `None` compiles every time.
    cache_dir: Option<PathBuf>,
    /// What the fast runtime compiles a plugin with when the cache has nothing for it.
    on_miss: fast::Compiler,
    /// Where a compile that takes noticeable time is announced, if anywhere.
    notify: Option<fn(&str)>,
    /// The fast runtime's loader, made at the first load (a `--help` never needs it).
    fast: OnceLock<fast::Loader>,
}

/// The smallest module whose compile is announced: Winch compiles ~2.5 MB/s on the 2-core
/// machine of BENCHMARKS.md, so below this a compile takes no noticeable time.
const NOTICEABLE_BYTES: usize = 100 << 10;

impl Runtime {
    /// A fast runtime with these limits, caching compiled code under `cache_dir` if it can.
    pub fn new(limits: Limits, cache_dir: Option<&Path>) -> Self {
        Self {
            limits,
            kind: RuntimeKind::Fast,
            cache_dir: cache_dir.map(Path::to_path_buf),
            on_miss: fast::Compiler::Baseline,
            notify: None,
            fast: OnceLock::new(),
        }
    }

    /// The same, compiling what is not cached with Cranelift (optimized code, ~5x the compile
    /// time of Winch): for `atlas plugin install`, after which every run loads that artifact.
    pub fn optimizing(mut self) -> Self {
        self.on_miss = fast::Compiler::Optimizing;
        self.fast = OnceLock::new();
        self
    }

    /// The same, telling `notify` (one line, e.g. for stderr) before a compile that takes
    /// noticeable time.
    pub fn with_notices(mut self, notify: fn(&str)) -> Self {
        self.notify = Some(notify);
        self
    }

    /// The sha256 the file at `path` had when it was last hashed, if a stamp in the cache shows
    /// it unchanged since (`fast/cache.rs`): discovery then need not read and hash it.
    pub fn seen_sha256(&self, path: &Path) -> Option<String> {
        self.loader().stamps()?.seen(path)
    }

    /// Records that the file at `path` was just hashed to `sha256` (see [`Runtime::seen_sha256`]).
    pub fn remember(&self, path: &Path, sha256: &str) {
        self.loader().remember(path, sha256);
    }

    /// The same, on the runtime `kind`.
    pub fn with_kind(mut self, kind: RuntimeKind) -> Self {
        self.kind = kind;
        self
    }

    /// The limits every call runs under.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Which runtime this is.
    pub fn kind(&self) -> RuntimeKind {
        self.kind
    }

    /// Reads and instantiates the plugin at `path`; `name` is how errors refer to it.
    pub fn load(&self, name: &str, path: &Path) -> Result<Plugin, PluginError> {
        self.load_bytes(name, read_plugin(name, path)?)
    }

    /// Like [`Runtime::load`], but refuses a file whose sha256 is not `sha256`. The hash is taken
    /// of the very bytes that are compiled, so the file cannot change in between. On the fast
    /// runtime, with the plugin compiled already, a stamp that shows the file unchanged since its
    /// content was hashed saves reading and hashing it again (`fast/cache.rs`).
    pub fn load_pinned(
        &self,
        name: &str,
        path: &Path,
        sha256: &str,
        installed: bool,
    ) -> Result<Plugin, PluginError> {
        #[cfg(feature = "native-baseline")]
        if self.kind == RuntimeKind::Native {
            return Ok(Plugin::native(name, self.limits.timeout));
        }
        if self.kind == RuntimeKind::Fast
            && let Some(module) = self.loader().pinned(path, sha256)
        {
            return self.fast_plugin(name, module);
        }
        let bytes = read_plugin(name, path)?;
        let actual = crate::index::sha256_hex(&bytes);
        if actual != sha256 {
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
        let plugin = self.instantiate(name, bytes, actual)?;
        if self.kind == RuntimeKind::Fast {
            self.loader().remember(path, sha256);
        }
        Ok(plugin)
    }

    /// Instantiates a plugin from its bytes.
    pub fn load_bytes(&self, name: &str, bytes: Vec<u8>) -> Result<Plugin, PluginError> {
        let sha256 = crate::index::sha256_hex(&bytes);
        self.instantiate(name, bytes, sha256)
    }

    fn loader(&self) -> &fast::Loader {
        self.fast
            .get_or_init(|| fast::Loader::new(self.cache_dir.as_deref(), self.on_miss))
    }

    fn memory_cap(&self) -> usize {
        self.limits.memory_pages as usize * (64 << 10)
    }

    /// Refuses a module that imports what no atlas host provides, or declares memories or
    /// tables that can never fit the limits: before it is instantiated, on either runtime.
    fn check(&self, name: &str, module: &wasmtime::Module) -> Result<(), PluginError> {
        let plugin = name.to_string();
        fast::check(module, self.memory_cap()).map_err(|refusal| match refusal {
            fast::Refusal::Import(import) => PluginError::Import { plugin, import },
            fast::Refusal::Declares(what) => PluginError::Declares { plugin, what },
        })
    }

    fn fast_plugin(&self, name: &str, module: wasmtime::Module) -> Result<Plugin, PluginError> {
        self.check(name, &module)?;
        let cap = self.memory_cap();
        let timeout = self.limits.timeout;
        let instance = self
            .loader()
            .instantiate(module.clone(), cap, timeout)
            .map_err(|text| load_error(name, text))?;
        Ok(Plugin::fast(name, timeout, module, instance))
    }

    fn instantiate(
        &self,
        name: &str,
        bytes: Vec<u8>,
        sha256: String,
    ) -> Result<Plugin, PluginError> {
        file::check_binary(name, Path::new(name), &bytes)?;
        match self.kind {
            RuntimeKind::Fast => {
                let loader = self.loader();
                let module = match loader.cached(&sha256) {
                    Some(module) => Ok(module),
                    None => {
                        if let Some(notify) =
                            self.notify.filter(|_| bytes.len() >= NOTICEABLE_BYTES)
                        {
                            let why = match self.on_miss {
                                fast::Compiler::Baseline => "first use",
                                fast::Compiler::Optimizing => "installing",
                            };
                            notify(&format!("compiling plugin {name} ({why})…"));
                        }
                        loader.compile(&bytes, &sha256)
                    }
                };
                self.fast_plugin(name, module.map_err(|text| load_error(name, text))?)
            }
            RuntimeKind::Extism => {
                // The same checks as the fast runtime's, on the same compiled module (cached):
                // the extism crate caps neither tables nor its kernel's handles.
                let module = self
                    .loader()
                    .module(&bytes, &sha256)
                    .map_err(|text| load_error(name, text))?;
                self.check(name, &module)?;
                let inner = reference::load(&self.limits, self.cache_dir.as_deref(), bytes)
                    .map_err(|text| load_error(name, text))?;
                Ok(Plugin::extism(name, self.limits.timeout, inner))
            }
            #[cfg(feature = "native-baseline")]
            RuntimeKind::Native => Ok(Plugin::native(name, self.limits.timeout)),
        }
    }
}

/// A module that could not be compiled or instantiated (imports are checked before, by name).
fn load_error(name: &str, message: String) -> PluginError {
    PluginError::Load {
        plugin: name.to_string(),
        message,
    }
}

#[cfg(test)]
mod tests;
