//! The fast runtime: plugins on `wasmtime` directly, compiled once into the CLI's own cache and
//! then loaded memory-mapped, so that a command starts in a few milliseconds instead of the
//! tens that Extism needs to decompress and relink its cache every run.
//!
//! Plugins stay plain Extism plugins: [`abi`] provides the `extism:host/env` functions that
//! `extism-pdk` imports, on a host-side [`kernel`]. The sandbox is Extism's: no WASI, nothing
//! but that ABI to import, a memory cap shared by plugin and kernel memory, tables and the
//! kernel's bookkeeping ([`limits`]), and a wall-clock limit per call, instantiation included,
//! by epoch interruption ([`clock`]).

mod abi;
mod cache;
mod call;
mod clock;
mod kernel;
mod kmem;
mod limits;

use std::path::Path;
use std::sync::OnceLock;

use wasmtime::{Config, Engine, ExternType, Module, ValType};

pub use cache::ArtifactDir;
pub use call::Instance;
pub use limits::{Refusal, check};

/// The process's one engine: every plugin shares it (and the clock thread).
struct Shared {
    engine: Engine,
}

fn shared() -> Result<&'static Shared, String> {
    static SHARED: OnceLock<Result<Shared, String>> = OnceLock::new();
    SHARED
        .get_or_init(|| {
            let mut config = Config::new();
            // No compilation cache of wasmtime's own: [`ArtifactDir`] is the cache.
            config.epoch_interruption(true);
            let engine = Engine::new(&config).map_err(|e| format!("{e:#}"))?;
            Ok(Shared { engine })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Loads plugins for the fast runtime; cheap to create, holds no open files.
#[derive(Debug, Clone, Default)]
pub struct Loader {
    artifacts: Option<ArtifactDir>,
    /// The kernel's wasm half, compiled (or loaded from the cache) at the first instance.
    kernel: OnceLock<Result<Module, String>>,
}

impl Loader {
    /// A loader caching compiled plugins under `cache_dir` (if it can be made private).
    pub fn new(cache_dir: Option<&Path>) -> Self {
        let artifacts = cache_dir.and_then(|dir| ArtifactDir::open(dir, &shared().ok()?.engine));
        Self {
            artifacts,
            kernel: OnceLock::new(),
        }
    }

    /// The compiled module for `bytes` (whose sha256 hex is `sha256`): the cached artifact when
    /// there is a sound one, else compiled now and cached.
    pub fn module(&self, bytes: &[u8], sha256: &str) -> Result<Module, String> {
        let engine = &shared()?.engine;
        if let Some(module) = self.artifacts.as_ref().and_then(|a| a.load(engine, sha256)) {
            return Ok(module);
        }
        let module = Module::new(engine, bytes).map_err(|e| format!("{e:#}"))?;
        if let Some(artifacts) = &self.artifacts {
            artifacts.store(sha256, &module);
        }
        Ok(module)
    }

    /// The cached module for the pinned file at `wasm`, without reading it, when a stamp shows
    /// the file unchanged since it was seen to have `sha256` and the artifact is there.
    pub fn pinned(&self, wasm: &Path, sha256: &str) -> Option<Module> {
        let artifacts = self.artifacts.as_ref()?;
        if !artifacts.verified(wasm, sha256) {
            return None;
        }
        artifacts.load(&shared().ok()?.engine, sha256)
    }

    /// Records that the file at `wasm` was just seen to have `sha256`.
    pub fn remember(&self, wasm: &Path, sha256: &str) {
        if let Some(artifacts) = &self.artifacts {
            artifacts.remember(wasm, sha256);
        }
    }

    fn kernel(&self) -> Result<Module, String> {
        self.kernel
            .get_or_init(|| {
                // Named by a stable hash of its text, not sha256: see `cache::stable_hash`.
                let key = format!("kernel-{:032x}", cache::stable_hash(kmem::WAT.as_bytes()));
                self.module(kmem::WAT.as_bytes(), &key)
            })
            .clone()
    }

    /// An instance of `module` with these limits (linked at its first call).
    pub fn instantiate(
        &self,
        module: Module,
        memory_cap: usize,
        timeout: std::time::Duration,
    ) -> Result<Instance, String> {
        let shared = shared()?;
        Instance::new(&shared.engine, module, self.kernel()?, memory_cap, timeout)
    }
}

/// The functions `module` exports as Extism calls them: no parameters, no result or an i32.
pub fn callable(module: &Module) -> Vec<String> {
    module
        .exports()
        .filter(|export| {
            let ExternType::Func(ty) = export.ty() else {
                return false;
            };
            let mut results = ty.results();
            ty.params().len() == 0
                && match results.len() {
                    0 => true,
                    1 => matches!(results.next(), Some(ValType::I32)),
                    _ => false,
                }
        })
        .map(|export| export.name().to_string())
        .collect()
}

#[cfg(test)]
mod tests;
