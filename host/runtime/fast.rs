//! The fast runtime: plugins on `wasmtime` directly, compiled once into the CLI's own cache and
//! then loaded memory-mapped, so that a command starts in a few milliseconds instead of the
//! tens that Extism needs to decompress and relink its cache every run.
//!
//! Plugins stay plain Extism plugins: [`abi`] provides the `extism:host/env` functions that
//! `extism-pdk` imports, on a host-side [`kernel`]. The sandbox is Extism's: no WASI, nothing
//! but that ABI to import, a memory cap shared by plugin and kernel memory, tables and the
//! kernel's bookkeeping ([`limits`]), and a wall-clock limit per call, instantiation included,
//! by epoch interruption ([`clock`]). A cache miss is compiled with Winch (cheap to compile)
//! or, at install, Cranelift (faster code); see [`Compiler`].

mod abi;
mod cache;
mod call;
mod clock;
mod kernel;
mod kmem;
mod limits;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use wasmtime::{Config, Engine, ExternType, Module, Strategy, ValType};

pub use cache::{ArtifactDir, Stamps};
pub use call::Instance;
pub use limits::{Refusal, check};

/// Which compiler turns a plugin into machine code. Both give the same sandbox (epoch
/// interruption, the memory limiter, no WASI); they differ in what they cost (BENCHMARKS.md,
/// "Start-up with all shipped plugins"): Winch compiles ~5x faster, Cranelift's code runs faster.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Compiler {
    /// Winch, wasmtime's baseline compiler: what a run compiles a plugin with when its cache
    /// has nothing for it, so that a first run starts in well under a second.
    #[default]
    Baseline,
    /// Cranelift: `atlas plugin install` compiles with it (the user is waiting for an install,
    /// not a command); a run prefers its artifact when there is one.
    Optimizing,
}

impl Compiler {
    const ALL: [Self; 2] = [Self::Optimizing, Self::Baseline];

    fn slot(self) -> usize {
        match self {
            Self::Baseline => 0,
            Self::Optimizing => 1,
        }
    }
}

/// One engine per compiler, shared by every plugin compiled with it (and the clock thread).
struct Shared {
    engine: Engine,
}

fn shared(compiler: Compiler) -> Result<&'static Shared, String> {
    static SHARED: [OnceLock<Result<Shared, String>>; 2] = [const { OnceLock::new() }; 2];
    SHARED[compiler.slot()]
        .get_or_init(|| {
            let mut config = Config::new();
            // No compilation cache of wasmtime's own: [`ArtifactDir`] is the cache.
            config.epoch_interruption(true);
            config.strategy(match compiler {
                Compiler::Baseline => Strategy::Winch,
                Compiler::Optimizing => Strategy::Cranelift,
            });
            let engine = Engine::new(&config).map_err(|e| format!("{e:#}"))?;
            Ok(Shared { engine })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The compiler whose engine made `module`.
fn compiler_of(module: &Module) -> Compiler {
    Compiler::ALL
        .into_iter()
        .find(|c| shared(*c).is_ok_and(|s| Engine::same(&s.engine, module.engine())))
        .unwrap_or_default()
}

/// Loads plugins for the fast runtime; cheap to create, holds no open files, and makes an
/// engine only when a module is needed (a `--help` needs none).
#[derive(Debug, Clone, Default)]
pub struct Loader {
    cache_dir: Option<PathBuf>,
    /// What a cache miss is compiled with.
    on_miss: Compiler,
    /// The artifact directory of each compiler's engine, opened at its first use.
    artifacts: [OnceLock<Option<ArtifactDir>>; 2],
    /// The kernel's wasm half for each engine, compiled (or loaded) at its first instance.
    kernel: [OnceLock<Result<Module, String>>; 2],
    stamps: OnceLock<Option<Stamps>>,
}

impl Loader {
    /// A loader caching compiled plugins under `cache_dir` (if it can be made private), that
    /// compiles what is not cached with `on_miss`.
    pub fn new(cache_dir: Option<&Path>, on_miss: Compiler) -> Self {
        Self {
            cache_dir: cache_dir.map(Path::to_path_buf),
            on_miss,
            ..Self::default()
        }
    }

    fn artifacts(&self, compiler: Compiler) -> Option<&ArtifactDir> {
        self.artifacts[compiler.slot()]
            .get_or_init(|| {
                let dir = self.cache_dir.as_deref()?;
                ArtifactDir::open(dir, &shared(compiler).ok()?.engine)
            })
            .as_ref()
    }

    /// The stamps beside the artifacts (no engine needed).
    pub fn stamps(&self) -> Option<&Stamps> {
        self.stamps
            .get_or_init(|| Stamps::open(self.cache_dir.as_deref()?))
            .as_ref()
    }

    /// The cached module for content `sha256`: Cranelift's artifact if there is a sound one,
    /// else Winch's.
    pub fn cached(&self, sha256: &str) -> Option<Module> {
        Compiler::ALL.into_iter().find_map(|compiler| {
            let engine = &shared(compiler).ok()?.engine;
            self.artifacts(compiler)?.load(engine, sha256)
        })
    }

    /// Compiles `bytes` (whose sha256 hex is `sha256`) with the loader's compiler for a miss,
    /// and caches it.
    pub fn compile(&self, bytes: &[u8], sha256: &str) -> Result<Module, String> {
        let compiler = self.on_miss;
        let module = Module::new(&shared(compiler)?.engine, bytes).map_err(|e| format!("{e:#}"))?;
        if let Some(artifacts) = self.artifacts(compiler) {
            artifacts.store(sha256, &module);
        }
        Ok(module)
    }

    /// The compiled module for `bytes`: the cached artifact when there is a sound one, else
    /// compiled now and cached.
    pub fn module(&self, bytes: &[u8], sha256: &str) -> Result<Module, String> {
        match self.cached(sha256) {
            Some(module) => Ok(module),
            None => self.compile(bytes, sha256),
        }
    }

    /// The cached module for the pinned file at `wasm`, without reading it, when a stamp shows
    /// the file unchanged since it was seen to have `sha256` and the artifact is there.
    pub fn pinned(&self, wasm: &Path, sha256: &str) -> Option<Module> {
        if self.stamps()?.seen(wasm)? != sha256 {
            return None;
        }
        self.cached(sha256)
    }

    /// Records that the file at `wasm` was just seen to have `sha256`.
    pub fn remember(&self, wasm: &Path, sha256: &str) {
        if let Some(stamps) = self.stamps() {
            stamps.remember(wasm, sha256);
        }
    }

    fn kernel(&self, compiler: Compiler) -> Result<Module, String> {
        self.kernel[compiler.slot()]
            .get_or_init(|| {
                // Named by a stable hash of its text, not sha256: see `cache::stable_hash`.
                let key = format!("kernel-{:032x}", cache::stable_hash(kmem::WAT.as_bytes()));
                let engine = &shared(compiler)?.engine;
                let artifacts = self.artifacts(compiler);
                if let Some(module) = artifacts.and_then(|a| a.load(engine, &key)) {
                    return Ok(module);
                }
                let module = Module::new(engine, kmem::WAT).map_err(|e| format!("{e:#}"))?;
                if let Some(artifacts) = artifacts {
                    artifacts.store(&key, &module);
                }
                Ok(module)
            })
            .clone()
    }

    /// An instance of `module` with these limits (linked at its first call), on the engine
    /// that compiled it, with that engine's kernel.
    pub fn instantiate(
        &self,
        module: Module,
        memory_cap: usize,
        timeout: std::time::Duration,
    ) -> Result<Instance, String> {
        let compiler = compiler_of(&module);
        let engine = shared(compiler)?.engine.clone();
        Instance::new(&engine, module, self.kernel(compiler)?, memory_cap, timeout)
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
