//! The installed-plugin index: `<config dir>/atlascli/plugins/index.json`, written by
//! `atlas plugin install`. It pins each plugin's sha256 and keeps what the plugin declared, so
//! that `--help` and dispatch never compile a plugin the command does not run.
//!
//! Every change to the index is made under its lock (`.index.json.lock`, see [`fsutil::lock`]),
//! read → write → rename, so that parallel `atlas plugin install|uninstall` runs never lose
//! each other's entries; a command run reads it without locking, and the check for stray files
//! (help, errors) holds the lock shared.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::time::Duration;

use atlas_plugin_api::DescribeOutput;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::fsutil;

/// The index file's format version.
const FORMAT: u32 = 1;

/// The largest index read: far more than any number of plugins' declarations need.
const MAX_INDEX_BYTES: u64 = 16 << 20;

/// The largest cached `describe` output read.
const MAX_DESCRIBE_BYTES: u64 = 1 << 20;

/// How long a change waits for another `atlas plugin` command to finish its own.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// One installed plugin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The plugin's name (from `describe`), also its file stem in the plugins directory.
    pub name: String,
    /// The file, relative to the plugins directory.
    pub file: String,
    /// The sha256 of the file as installed, lower-case hex.
    pub sha256: String,
    /// What the plugin declared: version, ABI version, commands and flags.
    pub describe: DescribeOutput,
    /// Where it was installed from, for `atlas plugin update`; `None` in an index written
    /// before sources were recorded (such a plugin is updated by installing it again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// Where an installed plugin came from. Its pin is the entry's `sha256`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A local file, as an absolute path: `update` reads it again.
    File(PathBuf),
    /// An `https://` URL: `update` downloads it again (and checks it against a pin).
    Url(String),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::File(path) => write!(f, "{}", path.display()),
            Self::Url(url) => f.write_str(url),
        }
    }
}

/// The whole index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// [`FORMAT`].
    #[serde(default)]
    pub format: u32,
    /// Installed plugins, in installation order.
    #[serde(default)]
    pub plugins: Vec<Entry>,
}

/// An entry as stored, its `describe` not decoded yet: start-up decodes only the entries that
/// could declare the command being run (see `discovery::Typed`).
#[derive(Debug, Deserialize)]
pub struct RawEntry<'a> {
    /// See [`Entry::name`].
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// See [`Entry::file`].
    #[serde(borrow)]
    pub file: Cow<'a, str>,
    /// See [`Entry::sha256`].
    #[serde(borrow)]
    pub sha256: Cow<'a, str>,
    /// The `describe` output's JSON text.
    #[serde(borrow)]
    pub describe: &'a RawValue,
}

#[derive(Deserialize)]
struct RawIndex<'a> {
    #[serde(borrow, default)]
    plugins: Vec<RawEntry<'a>>,
}

/// Why the index could not be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Reading or writing failed.
    #[error("plugin index {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not a valid index.
    #[error("plugin index {} is damaged: {message}", path.display())]
    Damaged { path: PathBuf, message: String },
    /// Another process kept the index locked, or the lock could not be taken.
    #[error("plugin index: {0}")]
    Lock(#[from] fsutil::LockError),
}

impl IndexError {
    /// What to do about it, for a `help:` line.
    pub fn help(&self) -> Option<String> {
        match self {
            Self::Lock(e) => e.help(),
            Self::Damaged { .. } => Some("remove it and install the plugins again".into()),
            Self::Io { .. } => None,
        }
    }
}

/// Where installed plugins and their index live.
#[derive(Debug, Clone)]
pub struct PluginsDir {
    /// `<config dir>/atlascli/plugins`.
    pub dir: PathBuf,
}

impl PluginsDir {
    /// The index file.
    pub fn index_path(&self) -> PathBuf {
        self.dir.join("index.json")
    }

    /// Reads the index; a missing file is an empty index.
    pub fn load(&self) -> Result<Index, IndexError> {
        let bytes = self.read()?;
        serde_json::from_slice(&bytes).map_err(|e| self.damaged(&e))
    }

    /// The index file's bytes; a missing file reads as an empty index.
    pub fn read(&self) -> Result<Vec<u8>, IndexError> {
        match fsutil::read_bounded(&self.index_path(), MAX_INDEX_BYTES) {
            Ok(bytes) => Ok(bytes.unwrap_or_else(|| b"{}".to_vec())),
            Err(source) => Err(IndexError::Io {
                path: self.index_path(),
                source,
            }),
        }
    }

    /// Takes the index's lock (creating the 0700 directory): hold it from [`PluginsDir::load`]
    /// to [`PluginsDir::save`], and across any change to the plugin files it names.
    pub fn lock(&self) -> Result<fsutil::Lock, IndexError> {
        fsutil::create_private_dir(&self.dir).map_err(|source| IndexError::Io {
            path: self.index_path(),
            source,
        })?;
        Ok(fsutil::lock(&self.index_path(), LOCK_WAIT)?)
    }

    /// The entries of an index read with [`PluginsDir::read`], `describe` left undecoded.
    pub fn raw_entries<'a>(&self, bytes: &'a [u8]) -> Result<Vec<RawEntry<'a>>, IndexError> {
        let index: RawIndex = serde_json::from_slice(bytes).map_err(|e| self.damaged(&e))?;
        Ok(index.plugins)
    }

    /// Decodes one entry's `describe`.
    pub fn decode(&self, raw: &RawEntry) -> Result<DescribeOutput, IndexError> {
        serde_json::from_str(raw.describe.get()).map_err(|e| self.damaged(&e))
    }

    fn damaged(&self, e: &serde_json::Error) -> IndexError {
        IndexError::Damaged {
            path: self.index_path(),
            message: e.to_string(),
        }
    }

    /// The index's lock, shared: for a reader that compares the index with the files in the
    /// directory (install and uninstall change both under the exclusive lock). `None` if it
    /// cannot be had within a few seconds (no directory, read-only): then the reader goes on.
    pub fn lock_shared(&self) -> Option<fsutil::Lock> {
        fsutil::lock_shared(&self.index_path(), Duration::from_secs(5)).ok()
    }

    /// Writes the index atomically, under its lock (taken by [`PluginsDir::lock`] before the
    /// index was read).
    pub fn save(&self, _locked: &fsutil::Lock, index: &Index) -> Result<(), IndexError> {
        let path = self.index_path();
        let io = |source| IndexError::Io {
            path: path.clone(),
            source,
        };
        let mut index = index.clone();
        index.format = FORMAT;
        // Compact: every start reads it, and `atlas plugin list` is how people look at it.
        let json = serde_json::to_vec(&index).expect("the index always serializes");
        fsutil::write_atomic(&path, &json).map_err(io)
    }

    /// The absolute path of an entry's file.
    pub fn file(&self, entry: &Entry) -> PathBuf {
        self.dir.join(&entry.file)
    }
}

/// Lower-case hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `describe` outputs cached by content hash, for plugins that are not installed (the
/// development and bundled directories): a plugin is described once per content, not per run.
#[derive(Debug, Clone)]
pub struct DescribeCache {
    dir: Option<PathBuf>,
}

impl DescribeCache {
    /// A cache under `<cache dir>/atlascli/describe-<host version>` (a new host validates and
    /// decodes afresh, never trusting an older one's entries); `None` caches nothing.
    pub fn new(cache_dir: Option<&Path>) -> Self {
        Self {
            dir: cache_dir.map(|d| d.join(concat!("describe-", env!("CARGO_PKG_VERSION")))),
        }
    }

    /// The cached output for content `sha256`, if any and readable.
    pub fn get(&self, sha256: &str) -> Option<DescribeOutput> {
        let path = self.dir.as_ref()?.join(format!("{sha256}.json"));
        let bytes = fsutil::read_bounded(&path, MAX_DESCRIBE_BYTES).ok()??;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores an output; failures only cost a later re-describe. An entry is never modified,
    /// only written whole (by content hash, so parallel writers write the same bytes): the
    /// atomic replacement is all it needs, and no run waits for another's lock.
    pub fn put(&self, sha256: &str, describe: &DescribeOutput) {
        let Some(dir) = &self.dir else { return };
        if fsutil::create_private_dir(dir).is_ok() {
            let json = serde_json::to_vec(describe).expect("describe output always serializes");
            let _ = fsutil::write_atomic(&dir.join(format!("{sha256}.json")), &json);
        }
    }
}

/// The file beside the bundled plugins in which `scripts/build` records what each declared
/// (`{"plugins":[{"file":…,"sha256":…,"describe":{…}}]}`), so that a first run describes them
/// without compiling any. An entry is used only for a file whose content has its sha256: a
/// plugin that was changed, replaced or added is described from the file.
pub const BUNDLED_INDEX: &str = "describe-index.json";

#[derive(Deserialize)]
struct RawBundled<'a> {
    #[serde(borrow, default)]
    plugins: Vec<BundledEntry<'a>>,
}

#[derive(Deserialize)]
struct BundledEntry<'a> {
    #[serde(borrow)]
    sha256: Cow<'a, str>,
    #[serde(borrow)]
    describe: &'a RawValue,
}

/// The bundled plugins' describe index ([`BUNDLED_INDEX`]), by content hash.
#[derive(Debug, Default)]
pub struct BundledIndex {
    /// sha256 → the `describe` output's JSON text, still undecoded.
    entries: Vec<(String, String)>,
}

impl BundledIndex {
    /// The index in `dir`; missing, unreadable or damaged is empty (every plugin is then
    /// described from its file, as without an index).
    pub fn read(dir: &Path) -> Self {
        let bytes = match fsutil::read_bounded(&dir.join(BUNDLED_INDEX), MAX_INDEX_BYTES) {
            Ok(Some(bytes)) => bytes,
            _ => return Self::default(),
        };
        let Ok(raw) = serde_json::from_slice::<RawBundled>(&bytes) else {
            return Self::default();
        };
        let entries = raw.plugins.into_iter();
        Self {
            entries: entries
                .map(|e| (e.sha256.into_owned(), e.describe.get().to_string()))
                .collect(),
        }
    }

    /// What the plugin with content `sha256` declared, if the index has it.
    pub fn get(&self, sha256: &str) -> Option<DescribeOutput> {
        serde_json::from_str(self.raw(sha256)?).ok()
    }

    /// The same, still undecoded JSON text.
    pub fn raw(&self, sha256: &str) -> Option<&str> {
        let (_, json) = self.entries.iter().find(|(h, _)| h == sha256)?;
        Some(json)
    }
}

/// A `describe` that failed (a trap, a timeout, invalid output, a module that does not load),
/// remembered per content so that it costs its time once, not on every run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failed {
    /// The error, without the plugin's file name (the same content may have another).
    pub why: String,
    /// The time limit it failed under, in milliseconds.
    pub timeout_ms: u64,
    /// The memory limit it failed under, in 64 KiB pages.
    pub memory_pages: u32,
}

impl Failed {
    /// A failure under these limits.
    pub fn new(why: &str, timeout: std::time::Duration, memory_pages: u32) -> Self {
        Self {
            why: why.to_string(),
            timeout_ms: u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX),
            memory_pages,
        }
    }
}

impl DescribeCache {
    /// The failure remembered for content `sha256`, if it happened under limits at least as
    /// generous as these (with more time or memory, the describe is tried again).
    pub fn failed(
        &self,
        sha256: &str,
        timeout: std::time::Duration,
        memory_pages: u32,
    ) -> Option<Failed> {
        let path = self.dir.as_ref()?.join(format!("{sha256}.failed.json"));
        let failed: Failed = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        let now = Failed::new("", timeout, memory_pages);
        (now.timeout_ms <= failed.timeout_ms && now.memory_pages <= failed.memory_pages)
            .then_some(failed)
    }

    /// Remembers a failure; failures to store it only cost a later re-describe.
    pub fn put_failed(&self, sha256: &str, failed: &Failed) {
        let Some(dir) = &self.dir else { return };
        if fsutil::create_private_dir(dir).is_ok() {
            let json = serde_json::to_vec(failed).expect("a failure always serializes");
            let _ = fsutil::write_atomic(&dir.join(format!("{sha256}.failed.json")), &json);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trips_and_missing_is_empty() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = PluginsDir {
            dir: tmp.path().join("plugins"),
        };
        assert_eq!(dir.load().unwrap(), Index::default());
        let entry = Entry {
            name: "x".into(),
            file: "x.wasm".into(),
            sha256: sha256_hex(b"abc"),
            describe: DescribeOutput {
                name: "x".into(),
                ..Default::default()
            },
            source: Some(Source::Url("https://example.com/x.wasm".into())),
        };
        let locked = dir.lock().unwrap();
        dir.save(
            &locked,
            &Index {
                format: 0,
                plugins: vec![entry.clone()],
            },
        )
        .unwrap();
        let back = dir.load().unwrap();
        assert_eq!((back.format, back.plugins), (FORMAT, vec![entry]));
        std::fs::write(dir.index_path(), b"{not json").unwrap();
        assert!(matches!(dir.load(), Err(IndexError::Damaged { .. })));
    }

    #[test]
    fn an_entry_without_a_source_still_reads() {
        // An index written before sources were recorded.
        let old = r#"{"format":1,"plugins":[{"name":"x","file":"x.wasm","sha256":"ab","describe":{"name":"x"}}]}"#;
        let index: Index = serde_json::from_str(old).unwrap();
        assert_eq!(index.plugins[0].source, None);
        let json = serde_json::to_string(&index.plugins[0]).unwrap();
        assert!(!json.contains("source"), "{json}");
        let file = Source::File("/p/x.wasm".into());
        let json = serde_json::to_string(&file).unwrap();
        assert_eq!(json, r#"{"file":"/p/x.wasm"}"#);
        assert_eq!(serde_json::from_str::<Source>(&json).unwrap(), file);
    }

    #[test]
    fn sha256_is_lower_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn describe_cache_stores_by_hash() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = DescribeCache::new(Some(tmp.path()));
        let d = DescribeOutput {
            name: "n".into(),
            abi_version: 1,
            ..Default::default()
        };
        assert_eq!(cache.get("h"), None);
        cache.put("h", &d);
        assert_eq!(cache.get("h"), Some(d));
        assert_eq!(DescribeCache::new(None).get("h"), None);
    }

    #[test]
    fn describe_cache_remembers_a_failure_under_limits_no_more_generous() {
        let tmp = tempfile::tempdir().unwrap();
        let cache = DescribeCache::new(Some(tmp.path()));
        let second = std::time::Duration::from_secs(1);
        assert_eq!(cache.failed("h", second, 16), None);
        let failed = Failed::new("`describe` failed: it looped", second, 16);
        cache.put_failed("h", &failed);
        assert_eq!(cache.failed("h", second, 16), Some(failed.clone()));
        assert_eq!(cache.failed("h", second / 2, 8), Some(failed));
        assert_eq!(
            cache.failed("h", second * 2, 16),
            None,
            "more time: try again"
        );
        assert_eq!(
            cache.failed("h", second, 32),
            None,
            "more memory: try again"
        );
        assert_eq!(cache.get("h"), None, "a failure is not a describe");
    }
}
