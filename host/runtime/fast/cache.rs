//! Compiled plugins on disk: `<cache dir>/atlascli/aot/<wasm sha256>-<engine hash>.cwasm`, one
//! file per plugin content and engine (wasmtime version, its settings — the compiler, Winch or
//! Cranelift, among them — and this CPU's features, from `Engine::precompile_compatibility_hash`,
//! and this host's version), loaded memory-mapped.
//!
//! Only files this CLI wrote are loaded: the directory must be ours and private (0700), each
//! artifact ours and not writable by others, written atomically (`fsutil::write_atomic`: a
//! unique 0600 temporary file, then a rename). Anything that fails to load — stale, truncated,
//! garbage — is a cache miss: the plugin is compiled again and the artifact replaced.
//!
//! Beside them, `seen-*` stamps let a pinned plugin skip reading and hashing its `.wasm` (half
//! of a warm start): a stamp records that the file with this identity (device, inode, size,
//! modification and change times) had that sha256. Any write to the file changes its change
//! time, which only the kernel sets, so a changed file is hashed again (and refused if it no
//! longer matches its pin). A stamp is only written for a file unchanged for a few seconds, so
//! that a write within the same clock tick cannot hide behind it.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::fsutil::write_atomic;

use wasmtime::{Engine, Module};

/// Where artifacts go, once the directory is known to be private.
#[derive(Debug, Clone)]
pub struct ArtifactDir {
    dir: PathBuf,
    engine_hash: String,
}

impl ArtifactDir {
    /// `<cache_dir>/aot`, created 0700; `None` if it cannot be made private to this user (then
    /// plugins are compiled in memory every time).
    pub fn open(cache_dir: &Path, engine: &Engine) -> Option<Self> {
        Some(Self {
            dir: Stamps::open(cache_dir)?.dir,
            engine_hash: engine_hash(engine),
        })
    }

    /// The artifact for the `.wasm` whose sha256 (hex) is `sha256`.
    pub fn path(&self, sha256: &str) -> PathBuf {
        self.dir
            .join(format!("{sha256}-{}.cwasm", self.engine_hash))
    }

    /// The module compiled earlier from the `.wasm` with this sha256, if a sound artifact is there.
    pub fn load(&self, engine: &Engine, sha256: &str) -> Option<Module> {
        let path = self.path(sha256);
        ours(&path).ok()?;
        deserialize(engine, &path).ok()
    }

    /// Stores `module` (compiled from the `.wasm` with this sha256); failures only cost a later
    /// recompile, so they are ignored.
    pub fn store(&self, sha256: &str, module: &Module) {
        if let Ok(bytes) = module.serialize() {
            let _ = write_atomic(&self.path(sha256), &bytes);
        }
    }
}

/// The `seen-*` stamps (in the same private directory as the artifacts), usable without an
/// engine: discovery reads them to skip hashing unchanged plugin files.
#[derive(Debug, Clone)]
pub struct Stamps {
    dir: PathBuf,
}

impl Stamps {
    /// `<cache_dir>/aot`, created 0700; `None` if it cannot be made private to this user.
    pub fn open(cache_dir: &Path) -> Option<Self> {
        let dir = cache_dir.join("aot");
        crate::fsutil::create_private_dir(&dir).ok()?;
        private(&dir).ok()?;
        Some(Self { dir })
    }

    /// The sha256 the file at `wasm` was seen to have, if a stamp shows it unchanged since.
    pub fn seen(&self, wasm: &Path) -> Option<String> {
        let identity = identity(wasm, None)?;
        let stamp = self.stamp_path(wasm);
        ours(&stamp).ok()?;
        let text = std::fs::read_to_string(&stamp).ok()?;
        let (sha256, rest) = text.split_once(' ')?;
        (rest == format!("{identity}\n") && sha256.len() == 64).then(|| sha256.to_string())
    }

    fn stamp_path(&self, wasm: &Path) -> PathBuf {
        let key = stable_hash(wasm.as_os_str().as_encoded_bytes());
        self.dir.join(format!("seen-{key:032x}"))
    }

    /// Records that the file at `wasm` has this sha256 (just checked), if it is old enough.
    pub fn remember(&self, wasm: &Path, sha256: &str) {
        self.remember_aged(wasm, sha256, STAMP_AGE);
    }

    fn remember_aged(&self, wasm: &Path, sha256: &str, min_age: std::time::Duration) {
        if let Some(identity) = identity(wasm, Some(min_age)) {
            let _ = write_atomic(
                &self.stamp_path(wasm),
                format!("{sha256} {identity}\n").as_bytes(),
            );
        }
    }
}

/// How long a file must have been left alone before a stamp may vouch for it.
const STAMP_AGE: std::time::Duration = std::time::Duration::from_secs(2);

/// The file's identity as a stamp records it; `None` off Unix, or if it changed less than
/// `min_age` ago.
#[cfg(unix)]
fn identity(path: &Path, min_age: Option<std::time::Duration>) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    if let Some(age) = min_age {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        if now.as_secs_f64() < m.ctime() as f64 + age.as_secs_f64() {
            return None;
        }
    }
    Some(format!(
        "{} {} {} {}.{} {}.{}",
        m.dev(),
        m.ino(),
        m.size(),
        m.mtime(),
        m.mtime_nsec(),
        m.ctime(),
        m.ctime_nsec()
    ))
}

#[cfg(not(unix))]
fn identity(_path: &Path, _min_age: Option<std::time::Duration>) -> Option<String> {
    // No change time to trust: always hash.
    None
}

/// Loads an artifact memory-mapped.
///
/// `Module::deserialize_file` is `unsafe` because wasmtime trusts the file to be machine code it
/// produced: a crafted file could run arbitrary code. It is sound here because `path` is only
/// ever a file this CLI wrote itself with `Module::serialize`, into its own 0700 directory
/// (checked by [`ArtifactDir::open`] and [`ours`]), replaced only by atomic renames, so no other
/// user can have written or half-written it. Wasmtime still checks the header, its version and
/// the engine settings, so a stale or truncated file is an error (a cache miss), not a crash.
#[allow(unsafe_code)]
fn deserialize(engine: &Engine, path: &Path) -> wasmtime::Result<Module> {
    // SAFETY: see above: only artifacts this process's user wrote through `ArtifactDir::store`.
    unsafe { Module::deserialize_file(engine, path) }
}

/// The engine's compatibility hash as hex: part of each artifact's name, so that another
/// wasmtime version, setting or CPU never even opens this one's artifacts.
fn engine_hash(engine: &Engine) -> String {
    let mut hasher = StableHasher(FNV_OFFSET);
    engine.precompile_compatibility_hash().hash(&mut hasher);
    // A new host never loads an old host's artifacts, whatever changed in between.
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// A name for a key that is not content from outside (a path, the engine's settings, the
/// kernel's own text): 128-bit FNV-1a, stable across Rust releases (unlike std's
/// `DefaultHasher`). Not sha256, which on a warm start would cost more (its first use probes
/// the CPU) than everything else in this module; plugins' contents are still named by sha256.
pub fn stable_hash(bytes: &[u8]) -> u128 {
    let mut hasher = StableHasher(FNV_OFFSET);
    hasher.write(bytes);
    hasher.0
}

const FNV_OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const FNV_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

struct StableHasher(u128);

impl Hasher for StableHasher {
    /// The high half: FNV's low bits mix poorly.
    fn finish(&self) -> u64 {
        (self.0 >> 64) as u64
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u128::from(b)).wrapping_mul(FNV_PRIME);
        }
    }
}

/// The directory is a real directory, owned by this user, closed to everyone else.
fn private(dir: &Path) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(dir)?;
    if !meta.is_dir() || !owned_and_closed(&meta, 0o077) {
        return Err(std::io::ErrorKind::PermissionDenied.into());
    }
    Ok(())
}

/// The artifact is a regular file (not a link), owned by this user, writable by no one else.
fn ours(path: &Path) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.is_file() || !owned_and_closed(&meta, 0o022) {
        return Err(std::io::ErrorKind::PermissionDenied.into());
    }
    Ok(())
}

#[cfg(unix)]
fn owned_and_closed(meta: &std::fs::Metadata, forbidden: u32) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.uid() == rustix::process::geteuid().as_raw() && meta.mode() & forbidden == 0
}

#[cfg(not(unix))]
fn owned_and_closed(_meta: &std::fs::Metadata, _forbidden: u32) -> bool {
    // No portable owner check: only the per-user cache directory protects the artifacts.
    true
}

#[cfg(test)]
mod tests;
