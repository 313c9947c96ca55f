//! Where plugins come from, in one documented order, and how their commands become one tree.
//!
//! Search order:
//! 1. `$ATLAS_CLI_EXTRA_PLUGIN_DIRECTORY` (the Atlas CLI's variable; for development),
//! 2. `<config dir>/atlascli/plugins/` (installed with `atlas plugin install`, pinned by sha256
//!    in its `index.json`),
//! 3. `plugins/` beside the `atlas` binary (bundled).
//!
//! Within a scanned directory, `*.wasm` files are taken in byte order of their names and described
//! once per content (the `describe` cache, which remembers a failed describe too); the bundled
//! directory's `describe-index.json` (written by `scripts/build`) answers for the files whose
//! sha256 it records, so a first run compiles none of them. A file unchanged since it was last
//! hashed (a stamp in the cache, see `runtime/fast/cache.rs`) is not read again. A file whose
//! content is identical to one already found is skipped silently.
//!
//! Claims (see `claims`): the host's own commands first, then the bundled plugins' (they are
//! atlas's own commands, so no other plugin can take their names or aliases; a plugin of the same
//! name found earlier in the search order replaces a bundled one whole, as a newer build of it),
//! then the others in search order. A claim on a word already claimed keeps the first and warns
//! about the second. Nothing here compiles a plugin that is already known: only the command that
//! runs loads one.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use atlas_plugin_api::{self as api, CommandSpec, DescribeOutput};

use crate::claims::{self, ClaimError, Claims};
use crate::env::Env;
use crate::index::{BundledIndex, DescribeCache, PluginsDir};
use crate::printer;
use crate::runtime::{Plugin, PluginError, Runtime};

mod scanned;

pub use scanned::confirm;

pub use crate::claims::is_word;

/// One directory searched for plugins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDir {
    /// The directory.
    pub path: PathBuf,
    /// Why it is searched, for messages.
    pub origin: &'static str,
    /// Whether its plugins come from `index.json` (installed) rather than a scan.
    pub installed: bool,
}

/// The directory `atlas plugin install` installs into.
pub fn installed_dir(env: &Env) -> Option<PluginsDir> {
    Some(PluginsDir {
        dir: env.config_dir()?.join("atlascli").join("plugins"),
    })
}

/// The origin of the directory beside the binary.
pub const BUNDLED: &str = "bundled";

/// The directories searched, in order.
pub fn search_dirs(env: &Env, exe: Option<&Path>) -> Vec<SearchDir> {
    let mut dirs = Vec::new();
    if let Some(path) = env.path("ATLAS_CLI_EXTRA_PLUGIN_DIRECTORY") {
        dirs.push(SearchDir {
            path,
            origin: "ATLAS_CLI_EXTRA_PLUGIN_DIRECTORY",
            installed: false,
        });
    }
    if let Some(installed) = installed_dir(env) {
        dirs.push(SearchDir {
            path: installed.dir,
            origin: "installed",
            installed: true,
        });
    }
    if let Some(dir) = exe.and_then(Path::parent) {
        dirs.push(SearchDir {
            path: dir.join("plugins"),
            origin: BUNDLED,
            installed: false,
        });
    }
    dirs
}

/// A plugin found and described, not yet loaded.
#[derive(Debug, Clone)]
pub struct PluginRef {
    /// Its file name, as messages call it.
    pub label: String,
    /// The file.
    pub path: PathBuf,
    /// The sha256 the file must still have when it is loaded.
    pub sha256: String,
    /// What it declared; once in a [`Registry`], its accepted commands have moved to
    /// [`Registry::commands`].
    pub describe: DescribeOutput,
    /// Installed plugins are pinned; a mismatch means the file was changed after install.
    pub installed: bool,
    /// What the bundled describe index said for it, when that is where `describe` came from:
    /// [`confirm`] checks the plugin's own answer against it before it runs.
    pub indexed: Option<Box<DescribeOutput>>,
}

impl PluginRef {
    /// Loads the plugin, refusing a file whose content no longer matches its pin.
    pub fn load(&self, runtime: &Runtime) -> Result<Plugin, PluginError> {
        runtime.load_pinned(&self.label, &self.path, &self.sha256, self.installed)
    }
}

/// All plugins found, and the commands that made it into the tree.
#[derive(Debug, Default)]
pub struct Registry {
    /// Plugins found.
    pub plugins: Vec<PluginRef>,
    /// Accepted commands with the index of the plugin that runs them.
    pub commands: Vec<(CommandSpec, usize)>,
    /// Problems worth telling the user (skipped plugins, ignored duplicates).
    pub warnings: Vec<Warning>,
    /// Command words already claimed, and who claimed them.
    claims: Claims,
}

/// Something worth telling the user on stderr (`warning: …`), with its advice for a `help:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What happened.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Warning {
    fn new(message: String, help: Option<String>) -> Self {
        Self { message, help }
    }

    /// A plugin left out because of `e`.
    fn skipping(e: &PluginError) -> Self {
        Self::new(format!("skipping a plugin: {e}"), e.help().map(Into::into))
    }

    /// `<what>: <why>`, a claim refused.
    fn refusal(what: &str, why: &ClaimError) -> Self {
        Self::new(format!("{what}: {why}"), why.help().map(Into::into))
    }
}

/// The words typed on the command line, to leave undecoded the installed plugins that cannot
/// matter to the command being run.
///
/// Every word of a command path is a plain word (see [`is_word`]) that a describe output spells as
/// the JSON string `"word"`, or with `\uXXXX` escapes (JSON has no other escape for a word's
/// characters). An index entry whose `describe` text contains none of the typed words as such a
/// string, and no `\u`, declares no command with a typed word, and
/// such commands never change how typed words resolve (see `cli::parse`). Start-up skips those
/// entries, so it costs the same with 1 or 50 installed plugins; their checks (ABI, claims) are
/// reported when help or an error lists every command.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    quoted: Vec<String>,
}

impl Typed {
    /// The plain words of `argv` (program name first).
    pub fn new(argv: &[std::ffi::OsString]) -> Self {
        let words = argv.iter().skip(1).filter_map(|a| a.to_str());
        Self {
            quoted: words
                .filter(|w| is_word(w))
                .map(|w| format!("\"{w}\""))
                .collect(),
        }
    }

    /// Whether `describe_json` may declare a command made of typed words.
    pub fn may_declare(&self, describe_json: &str) -> bool {
        describe_json.contains("\\u")
            || self
                .quoted
                .iter()
                .any(|q| describe_json.contains(q.as_str()))
    }
}

/// Finds and describes every plugin in `dirs` without compiling known ones. With `only`, installed
/// plugins and bundled index entries that cannot declare a command of those words are left out
/// (see [`Typed`]).
pub fn discover(
    runtime: &Runtime,
    dirs: &[SearchDir],
    cache: &DescribeCache,
    only: Option<&Typed>,
) -> Registry {
    let mut registry = Registry::default();
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for dir in dirs {
        let plugins = if dir.installed {
            let dir = PluginsDir {
                dir: dir.path.clone(),
            };
            installed(&dir, &mut registry.warnings, only, &mut seen)
        } else {
            let index = match dir.origin {
                BUNDLED => BundledIndex::read(&dir.path),
                _ => BundledIndex::default(),
            };
            scanned::scanned(
                runtime,
                &dir.path,
                cache,
                &index,
                only,
                &mut seen,
                &mut registry.warnings,
            )
        };
        for plugin in plugins {
            if seen.insert(plugin.sha256.clone()) {
                found.push((plugin, dir.origin == BUNDLED));
            }
        }
    }
    // Bundled plugins claim first; one replaced by a same-named plugin found earlier drops out.
    let replaced: BTreeSet<String> = found
        .iter()
        .filter(|(_, bundled)| !bundled)
        .map(|(p, _)| p.describe.name.clone())
        .collect();
    found.retain(|(p, bundled)| !bundled || !replaced.contains(&p.describe.name));
    found.sort_by_key(|(_, bundled)| !bundled);
    for (plugin, _) in found {
        match check_abi(&plugin.label, &plugin.describe) {
            Ok(()) => registry.add(plugin),
            Err(e) => registry.warnings.push(Warning::skipping(&e)),
        }
    }
    registry
}

fn installed(
    dir: &PluginsDir,
    warnings: &mut Vec<Warning>,
    only: Option<&Typed>,
    seen: &mut BTreeSet<String>,
) -> Vec<PluginRef> {
    // The stray check compares the index with the directory: the shared lock keeps an install
    // or uninstall in progress from making a file look stray.
    let _shared = only.is_none().then(|| dir.lock_shared()).flatten();
    let entries = dir.read().and_then(|bytes| {
        let raw = dir.raw_entries(&bytes)?;
        // A file dropped in without `atlas plugin install` cannot run a command, so the stray
        // check waits for the full pass (help, errors), which is also where its command is missed.
        if only.is_none() {
            let known: BTreeSet<&str> = raw.iter().map(|e| e.file.as_ref()).collect();
            for stray in wasm_files(&dir.dir) {
                if !known.contains(plugin_label(&stray).as_str()) {
                    warnings.push(Warning::new(
                        format!("{} is not installed, so it is ignored", stray.display()),
                        Some("install it with `atlas plugin install <file.wasm>`".into()),
                    ));
                }
            }
        }
        let mut found = Vec::new();
        for entry in raw {
            if only.is_some_and(|typed| !typed.may_declare(entry.describe.get())) {
                // Still counts as found: the same content elsewhere stays a silent duplicate.
                seen.insert(entry.sha256.into_owned());
                continue;
            }
            found.push(PluginRef {
                describe: dir.decode(&entry)?,
                path: dir.dir.join(entry.file.as_ref()),
                label: entry.file.into_owned(),
                sha256: entry.sha256.into_owned(),
                installed: true,
                indexed: None,
            });
        }
        Ok(found)
    });
    entries.unwrap_or_else(|e| {
        warnings.push(Warning::new(e.to_string(), e.help()));
        Vec::new()
    })
}

fn wasm_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    // The directory entry's type comes with the listing; only a symlink costs a stat.
    let is_file = |e: &std::fs::DirEntry| match e.file_type() {
        Ok(t) if t.is_symlink() => e.path().is_file(),
        Ok(t) => t.is_file(),
        Err(_) => false,
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            Path::new(&e.file_name())
                .extension()
                .is_some_and(|x| x == "wasm")
        })
        .filter(is_file)
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// A plugin's name for messages: its file name.
pub fn plugin_label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    )
}

/// Calls `describe`.
pub fn describe(plugin: &mut Plugin) -> Result<DescribeOutput, PluginError> {
    plugin.call(api::exports::DESCRIBE, &())
}

/// Refuses a plugin built for an ABI this host does not speak (it speaks every version from
/// `OLDEST_ABI_VERSION` to `ABI_VERSION`), saying which side to upgrade.
pub fn check_abi(label: &str, describe: &DescribeOutput) -> Result<(), PluginError> {
    if (api::OLDEST_ABI_VERSION..=api::ABI_VERSION).contains(&describe.abi_version) {
        return Ok(());
    }
    let advice = if describe.abi_version > api::ABI_VERSION {
        "upgrade atlas to run this plugin"
    } else {
        "rebuild or upgrade the plugin for this atlas"
    };
    Err(PluginError::Abi {
        plugin: label.to_string(),
        plugin_abi: describe.abi_version,
        host_abi: api::ABI_VERSION,
        oldest_abi: api::OLDEST_ABI_VERSION,
        advice,
    })
}

impl Registry {
    fn add(&mut self, mut plugin: PluginRef) {
        let index = self.plugins.len();
        let bounds = claims::check_plugin(&plugin.describe)
            .and_then(|()| self.claims.reserve(plugin.describe.commands.len()));
        if let Err(e) = bounds {
            let what = format!("skipping a plugin: plugin {}", plugin.label);
            self.warnings.push(Warning::refusal(&what, &e));
            return;
        }
        let owner = plugin.path.display().to_string();
        // The accepted commands move into the registry; the plugin keeps the rest of its describe.
        for command in std::mem::take(&mut plugin.describe.commands) {
            match self.claims.claim(&command, &owner) {
                Ok(()) => self.commands.push((command, index)),
                Err(e) => {
                    let what = format!(
                        "plugin {}: ignoring command \"{}\"",
                        plugin.label,
                        printer::excerpt(&command.words().join(" "), 80)
                    );
                    self.warnings.push(Warning::refusal(&what, &e));
                }
            }
        }
        self.plugins.push(plugin);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn typed_words_select_the_describe_texts_that_may_declare_them() {
        let argv: Vec<std::ffi::OsString> = ["atlas", "orgs", "--desc", "a b", "-o", "json"]
            .map(Into::into)
            .to_vec();
        let typed = Typed::new(&argv);
        assert!(typed.may_declare(r#"{"commands":[{"path":[{"name":"orgs"}]}]}"#));
        assert!(
            typed.may_declare(r#"{"flags":[{"name":"json"}]}"#),
            "a flag value counts"
        );
        assert!(!typed.may_declare(r#"{"commands":[{"path":[{"name":"projects"}]}]}"#));
        assert!(!typed.may_declare(r#"{"short":"orgs\n","name":"--desc"}"#));
        assert!(
            typed.may_declare(r#"{"path":[{"name":"\u006frgs"}]}"#),
            "escaped words"
        );
    }

    #[test]
    fn search_order_is_extra_then_user_then_bundled() {
        let env = Env::from_pairs([
            ("ATLAS_CLI_EXTRA_PLUGIN_DIRECTORY", "/extra"),
            ("HOME", "/h"),
        ]);
        let dirs = search_dirs(&env, Some(Path::new("/opt/atlas/bin/atlas")));
        let paths: Vec<_> = dirs.iter().map(|d| d.path.to_str().unwrap()).collect();
        assert_eq!(
            paths,
            [
                "/extra",
                "/h/.config/atlascli/plugins",
                "/opt/atlas/bin/plugins"
            ]
        );
    }
}
