//! `atlas plugin install|update|uninstall|verify`: the installed plugins, their pins and where
//! they came from (`list` is in [`list`], getting a plugin's bytes in [`fetch`]).
//!
//! Install takes a file or an `https://` URL pinned by `--sha256` ([`fetch`]), checks the plugin
//! before it can run (size, magic, pin, ABI, name, commands, conflicts), compiles it once (which
//! fills the compilation cache so later starts are fast), writes it into the plugins directory
//! and records what it declared with its sha256 and its source in `index.json`. Update does the
//! same again from the recorded source. Nothing is written before every check has passed.
//!
//! Install and uninstall hold the index's lock from reading the index to the last change to the
//! plugins directory (the `.wasm` copied in or removed, the index renamed into place), so that
//! any number of them at once end as if they had run one after another; a `.wasm` is only ever
//! in the directory while the index names it. The slow part of an install (compiling and
//! describing the plugin) happens before the lock is taken.

use atlas_plugin_api::CommandSpec;

use crate::claims::{self, ClaimError, Claims};
use crate::config::ConfigError;
use crate::discovery;
use crate::fsutil;
use crate::http::NetworkError;
use crate::index::{self, Entry, IndexError, PluginsDir};
use crate::runtime::{PluginError, Runtime};

pub use fetch::{Fetched, download};
pub use list::{Found, list};

/// Gets a URL's bytes (the host's HTTP client in a run; a closure in unit tests).
pub type Download<'a> = &'a dyn Fn(&str) -> Result<Vec<u8>, ManageError>;

/// Why a management command failed.
#[derive(Debug, thiserror::Error)]
pub enum ManageError {
    /// The index could not be read or written.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// The plugin failed to load or describe itself.
    #[error(transparent)]
    Plugin(#[from] PluginError),
    /// The plugin is not acceptable.
    #[error("cannot install {file}: {why}")]
    Rejected { file: String, why: String },
    /// A command of the plugin is another installed plugin's.
    #[error("cannot install {file}: command \"{words}\" is already provided by plugin \"{name}\"")]
    Provided {
        file: String,
        words: String,
        /// The plugin that provides it.
        name: String,
    },
    /// Copying the file failed.
    #[error("cannot install {file}: {source}")]
    Copy {
        file: String,
        source: std::io::Error,
    },
    /// A plugin of that name is installed from other content, and no replace was asked for.
    #[error(
        "cannot install {file}: plugin \"{name}\" is already installed (sha256 {installed}), from another file"
    )]
    NameTaken {
        file: String,
        name: String,
        installed: String,
    },
    /// No such installed plugin.
    #[error("plugin \"{0}\" is not installed")]
    NotInstalled(String),
    /// `verify` found files that do not match their pins.
    #[error("{0} installed plugin(s) do not match their recorded sha256")]
    Mismatch(usize),
    /// A URL that is not downloaded (scheme, credentials in it, no host, a redirect).
    #[error("cannot install {url}: {why}")]
    Url { url: String, why: &'static str },
    /// A URL without `--sha256`.
    #[error("cannot install {url}: a URL needs the sha256 its content must have (--sha256 <hex>)")]
    PinRequired { url: String },
    /// `--sha256` is not 64 hex digits.
    #[error("--sha256 {value:?} is not a sha256: 64 hexadecimal digits")]
    BadPin { value: String },
    /// The content is not what the pin says.
    #[error("cannot install {from}: its sha256 is {actual}, not {expected}")]
    PinMismatch {
        from: String,
        expected: String,
        actual: String,
    },
    /// `owner/repo`, the Go CLI's GitHub releases shorthand.
    #[error(
        "cannot install {text}: the owner/repo form (a GitHub repository's latest release) is not supported, and there is no such file"
    )]
    Shorthand { text: String },
    /// The settings the download needs (proxy, timeouts, CA certificates) are wrong.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The download failed on the way.
    #[error("cannot download the plugin: {0}")]
    Network(#[from] NetworkError),
    /// The server did not answer 200.
    #[error("cannot install {url}: the server answered HTTP {status}")]
    Download { url: String, status: u16 },
    /// More than a plugin may have.
    #[error("cannot install {url}: the download is larger than the {} MiB a plugin may have", crate::runtime::MAX_PLUGIN_BYTES >> 20)]
    DownloadTooBig { url: String },
    /// Not binary WebAssembly.
    #[error(
        "cannot install {url}: the download is not a binary WebAssembly module (it does not start with \\0asm)"
    )]
    NotWasm { url: String },
    /// Still in a content encoding the host cannot undo.
    #[error(
        "cannot install {url}: the download is {encoding}-encoded, which the host cannot decode"
    )]
    Encoded { url: String, encoding: String },
    /// `update` of an entry that records no source.
    #[error(
        "plugin \"{0}\" was installed before atlas recorded where plugins come from, so it cannot be updated"
    )]
    NoSource(String),
    /// `update --sha256` without a plugin name.
    #[error("--sha256 needs a plugin name: a pin is one plugin's content")]
    PinWithoutName,
    /// The updated content declares another name.
    #[error("cannot update plugin \"{name}\": {from} now declares the plugin \"{declared}\"")]
    Renamed {
        name: String,
        from: String,
        declared: String,
    },
    /// Another `atlas plugin` command changed the plugin while it was being updated.
    #[error(
        "plugin \"{0}\" changed while it was being updated, so it was left as the other command made it"
    )]
    Raced(String),
    /// `update` of every plugin: some failed (each was reported).
    #[error("{0} plugin(s) could not be updated")]
    UpdatesFailed(usize),
}

impl ManageError {
    /// Advice for the user, printed as a `help:` line.
    pub fn help(&self) -> Option<String> {
        match self {
            Self::Index(e) => e.help(),
            Self::Plugin(e) => e.help().map(Into::into),
            Self::Provided { name, .. } => {
                Some(format!("uninstall it first: atlas plugin uninstall {name}"))
            }
            Self::NotInstalled(_) => Some("`atlas plugin list` shows the installed plugins".into()),
            Self::Mismatch(_) => {
                Some("reinstall them from files you trust: atlas plugin install <file.wasm>".into())
            }
            Self::NameTaken { file, name, .. } => Some(format!(
                "to replace it, run `atlas plugin install --force {file}`, or uninstall it first: atlas plugin uninstall {name}"
            )),
            Self::PinRequired { url } => Some(format!(
                "take the sha256 from the plugin's publisher (or `sha256sum` a copy you checked): atlas plugin install {url} --sha256 <hex>"
            )),
            Self::PinMismatch { .. } => Some(
                "nothing was installed: the content is not what the pin says; check where it comes from before trusting another sha256".into(),
            ),
            Self::Shorthand { .. } => Some(
                "install the release's .wasm by its URL and sha256: atlas plugin install https://github.com/<owner>/<repo>/releases/download/<tag>/<plugin>.wasm --sha256 <hex>".into(),
            ),
            Self::Config(e) => e.help(),
            Self::Network(e) => e.help(),
            Self::NotWasm { .. } => Some(
                "the URL must name the plugin's .wasm file itself, not a page about it".into(),
            ),
            Self::NoSource(name) => Some(format!(
                "install it again from its file or URL: atlas plugin install --force <file.wasm | https-URL --sha256 <hex>> (then `update` works for \"{name}\")"
            )),
            Self::Raced(_) => Some("run the update again".into()),
            _ => None,
        }
    }
}

/// How an install treats an installed plugin of the same name.
#[derive(Debug, Clone, Copy)]
pub enum Mode<'a> {
    /// A new install; `replace` (`--force`) replaces one of the same name from other content
    /// (the same content is always reinstalled: that repairs a changed file).
    Install { replace: bool },
    /// `update`: replaces the plugin `name`, which must still have the content `previous`.
    Update { name: &'a str, previous: &'a str },
}

/// Installs `source` (a file or URL, as typed) with the optional `--sha256` pin.
pub fn install(
    runtime: &Runtime,
    dir: &PluginsDir,
    text: &str,
    pin: Option<&str>,
    replace: bool,
    bundled: &[(&str, &CommandSpec)],
    download: Download<'_>,
) -> Result<Entry, ManageError> {
    let (source, pin) = fetch::source(text, pin)?;
    let fetched = fetch::fetch(&source, pin.as_deref(), download)?;
    install_fetched(runtime, dir, fetched, Mode::Install { replace }, bundled)
}

/// Installs checked content. Its commands may not take the words of `bundled` (by plugin name;
/// a plugin may replace its own bundled build) or of the other installed plugins. Returns the
/// new entry.
pub fn install_fetched(
    runtime: &Runtime,
    dir: &PluginsDir,
    fetched: Fetched,
    mode: Mode<'_>,
    bundled: &[(&str, &CommandSpec)],
) -> Result<Entry, ManageError> {
    let Fetched {
        label,
        source,
        bytes,
        sha256,
    } = fetched;
    let shown = source.to_string();
    let reject = |why: String| ManageError::Rejected {
        file: shown.clone(),
        why,
    };
    let mut plugin = runtime.load_bytes(&label, bytes.clone())?;
    let describe = discovery::describe(&mut plugin)?;
    discovery::check_abi(&label, &describe)?;
    if !discovery::is_word(&describe.name) {
        return Err(reject(format!(
            "its name {:?} is not a valid plugin name",
            describe.name
        )));
    }
    if describe.commands.is_empty() {
        return Err(reject("it declares no commands".into()));
    }
    claims::check_plugin(&describe).map_err(|why| reject(why.to_string()))?;
    if let Mode::Update { name, .. } = mode
        && describe.name != name
    {
        return Err(ManageError::Renamed {
            name: name.into(),
            from: shown,
            declared: describe.name,
        });
    }
    let locked = dir.lock()?;
    let mut index = dir.load()?;
    let same = index.plugins.iter().find(|e| e.name == describe.name);
    match mode {
        Mode::Install { replace } => {
            if let Some(same) = same
                && same.sha256 != sha256
                && !replace
            {
                return Err(ManageError::NameTaken {
                    file: shown,
                    name: same.name.clone(),
                    installed: same.sha256[..12.min(same.sha256.len())].to_string(),
                });
            }
        }
        // Checked under the lock: an uninstall or another update in between wins.
        Mode::Update { name, previous } => {
            if same.is_none_or(|e| e.sha256 != previous) {
                return Err(ManageError::Raced(name.into()));
            }
        }
    }
    check_claims(&index.plugins, &describe, bundled, &shown)?;
    let entry = Entry {
        name: describe.name.clone(),
        file: format!("{}.wasm", describe.name),
        sha256,
        describe,
        source: Some(source),
    };
    let copy = |source| ManageError::Copy {
        file: label.clone(),
        source,
    };
    // The file goes in under a temporary name, the index names it, then it is renamed into
    // place: a `.wasm` in the directory that the index does not name is a stray (warned about),
    // so none may appear, not even for the moment between the two writes.
    let staged = fsutil::stage(&dir.file(&entry), &bytes).map_err(copy)?;
    let before = index.clone();
    index.plugins.retain(|e| e.name != entry.name);
    index.plugins.push(entry.clone());
    dir.save(&locked, &index)?;
    if let Err(e) = staged.commit() {
        dir.save(&locked, &before)?;
        return Err(copy(e));
    }
    Ok(entry)
}

/// Refuses `describe`'s commands where they take the words of a bundled plugin or of another
/// installed one, as those claimed them.
fn check_claims(
    installed: &[Entry],
    describe: &atlas_plugin_api::DescribeOutput,
    bundled: &[(&str, &CommandSpec)],
    shown: &str,
) -> Result<(), ManageError> {
    let mut taken = Claims::default();
    for (name, command) in bundled.iter().filter(|(n, _)| *n != describe.name) {
        let _ = taken.claim(command, &format!("bundled plugin \"{name}\""));
    }
    for e in installed.iter().filter(|e| e.name != describe.name) {
        let by = format!("plugin \"{}\"", e.name);
        for command in &e.describe.commands {
            let _ = taken.claim(command, &by);
        }
    }
    let this = format!("plugin \"{}\"", describe.name);
    for command in &describe.commands {
        let words = crate::printer::excerpt(&command.words().join(" "), 80);
        match taken.claim(command, &this) {
            Ok(()) => {}
            Err(ClaimError::Duplicate { owner })
                if owner.starts_with("plugin") && owner != this =>
            {
                let name = owner.trim_start_matches("plugin \"").trim_end_matches('"');
                return Err(ManageError::Provided {
                    file: shown.to_string(),
                    words,
                    name: name.to_string(),
                });
            }
            Err(why) => {
                return Err(ManageError::Rejected {
                    file: shown.to_string(),
                    why: format!("command \"{words}\": {why}"),
                });
            }
        }
    }
    Ok(())
}

/// Removes an installed plugin and its file.
pub fn uninstall(dir: &PluginsDir, name: &str) -> Result<Entry, ManageError> {
    let locked = dir.lock()?;
    let mut index = dir.load()?;
    let position = index.plugins.iter().position(|e| e.name == name);
    let entry = index
        .plugins
        .remove(position.ok_or_else(|| ManageError::NotInstalled(name.into()))?);
    // Moved aside first, so that no moment shows the file without its entry (a stray); put
    // back if the index cannot be saved. An already missing file is nothing to remove.
    let aside = fsutil::stage_removal(&dir.file(&entry)).ok();
    if let Err(e) = dir.save(&locked, &index) {
        if let Some(aside) = aside {
            let _ = aside.commit();
        }
        return Err(e.into());
    }
    drop(aside); // deletes the file, still under the lock
    Ok(entry)
}

/// One line per installed plugin, `ok` or why not; an error if any does not match.
pub fn verify(dir: &PluginsDir) -> Result<String, (String, Box<ManageError>)> {
    let index = dir
        .load()
        .map_err(|e| (String::new(), Box::new(e.into())))?;
    let mut report = String::new();
    let mut bad = 0;
    for e in &index.plugins {
        let status = match std::fs::read(dir.file(e)) {
            Ok(bytes) if index::sha256_hex(&bytes) == e.sha256 => "ok".to_string(),
            Ok(_) => "MODIFIED: the file does not match its recorded sha256".to_string(),
            Err(err) => format!("MISSING: {err}"),
        };
        bad += usize::from(status != "ok");
        report.push_str(&format!(
            "{}\t{}\t{status}\n",
            e.name,
            dir.file(e).display()
        ));
    }
    if bad > 0 {
        Err((report, Box::new(ManageError::Mismatch(bad))))
    } else {
        Ok(report)
    }
}

mod fetch;
mod list;
mod update;

pub use update::{Outcome, Updated, update};
