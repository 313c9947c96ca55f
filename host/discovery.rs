//! Where plugins come from, in one documented order, and how their commands become one tree.
//!
//! Search order (first wins when two plugins claim the same command):
//! 1. `$ATLAS_CLI_EXTRA_PLUGIN_DIRECTORY` (the Atlas CLI's variable; for development),
//! 2. `<config dir>/atlascli/plugins/` (installed by the user),
//! 3. `plugins/` beside the `atlas` binary (bundled).
//!
//! Within a directory, `*.wasm` files are taken in byte order of their names. A file whose
//! content is identical to one already found is skipped silently; a command claimed twice keeps
//! the first and warns about the second.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use atlas_plugin_api::{self as api, CommandSpec, DescribeOutput};
use sha2::{Digest, Sha256};

use crate::env::Env;
use crate::runtime::{Plugin, PluginError, Runtime};

/// Command words the host keeps for itself.
pub const RESERVED: &[&str] = &["help", "plugin", "completion", "config", "auth"];

/// One directory searched for plugins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDir {
    /// The directory.
    pub path: PathBuf,
    /// Why it is searched, for messages.
    pub origin: &'static str,
}

/// The directories searched, in order.
pub fn search_dirs(env: &Env, exe: Option<&Path>) -> Vec<SearchDir> {
    let mut dirs = Vec::new();
    if let Some(path) = env.path("ATLAS_CLI_EXTRA_PLUGIN_DIRECTORY") {
        dirs.push(SearchDir {
            path,
            origin: "ATLAS_CLI_EXTRA_PLUGIN_DIRECTORY",
        });
    }
    if let Some(config) = env.config_dir() {
        dirs.push(SearchDir {
            path: config.join("atlascli").join("plugins"),
            origin: "user",
        });
    }
    if let Some(dir) = exe.and_then(Path::parent) {
        dirs.push(SearchDir {
            path: dir.join("plugins"),
            origin: "bundled",
        });
    }
    dirs
}

/// A loaded plugin and what it declared.
#[derive(Debug)]
pub struct Loaded {
    /// The file it came from.
    pub path: PathBuf,
    /// The running instance.
    pub plugin: Plugin,
    /// Its `describe` output.
    pub describe: DescribeOutput,
}

/// All plugins found, and the commands that made it into the tree.
#[derive(Debug, Default)]
pub struct Registry {
    /// Loaded plugins.
    pub plugins: Vec<Loaded>,
    /// Accepted commands with the index of the plugin that runs them.
    pub commands: Vec<(CommandSpec, usize)>,
    /// Problems worth telling the user (skipped plugins, ignored duplicates).
    pub warnings: Vec<String>,
}

/// Finds, loads and describes every plugin in `dirs`.
pub fn discover(runtime: &Runtime, dirs: &[SearchDir]) -> Registry {
    let mut registry = Registry::default();
    let mut seen_hashes = BTreeSet::new();
    for path in dirs.iter().flat_map(|d| wasm_files(&d.path)) {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if !seen_hashes.insert(Sha256::digest(&bytes).to_vec()) {
            continue;
        }
        match load(runtime, &path) {
            Ok(loaded) => registry.add(loaded),
            Err(e) => registry.warnings.push(format!("skipping a plugin: {e}")),
        }
    }
    registry
}

fn wasm_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wasm") && p.is_file())
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

fn load(runtime: &Runtime, path: &Path) -> Result<Loaded, PluginError> {
    let label = plugin_label(path);
    let mut plugin = runtime.load(&label, path)?;
    let describe: DescribeOutput = plugin.call(api::exports::DESCRIBE, &())?;
    if describe.abi_version != api::ABI_VERSION {
        let advice = if describe.abi_version > api::ABI_VERSION {
            "upgrade atlas to run this plugin"
        } else {
            "rebuild or upgrade the plugin for this atlas"
        };
        return Err(PluginError::Abi {
            plugin: label,
            plugin_abi: describe.abi_version,
            host_abi: api::ABI_VERSION,
            advice,
        });
    }
    Ok(Loaded {
        path: path.to_path_buf(),
        plugin,
        describe,
    })
}

impl Registry {
    fn add(&mut self, loaded: Loaded) {
        let index = self.plugins.len();
        let label = plugin_label(&loaded.path);
        for command in &loaded.describe.commands {
            let words = command.words().join(" ");
            if let Err(why) = check_command(command) {
                self.warnings.push(format!(
                    "plugin {label}: ignoring command \"{words}\": {why}"
                ));
            } else if let Some((_, owner)) = self
                .commands
                .iter()
                .find(|(c, _)| c.words() == command.words())
            {
                let owner = self.plugins[*owner].path.display();
                self.warnings.push(format!(
                    "plugin {label}: ignoring command \"{words}\": {owner} already provides it"
                ));
            } else {
                self.commands.push((command.clone(), index));
            }
        }
        self.plugins.push(loaded);
    }
}

/// Rejects what would break or confuse the command line: reserved or malformed names, flags that
/// clash with the host's own or with each other.
fn check_command(command: &CommandSpec) -> Result<(), String> {
    let Some(first) = command.path.first() else {
        return Err("it has an empty path".into());
    };
    if RESERVED.contains(&first.name.as_str()) {
        return Err(format!("\"{}\" is a built-in command", first.name));
    }
    for word in command
        .path
        .iter()
        .flat_map(|s| std::iter::once(&s.name).chain(&s.aliases))
    {
        if !is_word(word) {
            return Err(format!("{word:?} is not a valid command word"));
        }
    }
    let mut names = BTreeSet::from(["help".to_string(), "profile".into(), "debug".into()]);
    let mut shorts = BTreeSet::from(["h".to_string(), "P".into(), "D".into()]);
    for flag in &command.flags {
        if !is_word(&flag.name) || !names.insert(flag.name.clone()) {
            return Err(format!("flag {:?} is invalid or declared twice", flag.name));
        }
        if let Some(short) = &flag.shorthand {
            let one_char =
                short.chars().count() == 1 && short.chars().all(|c| c.is_ascii_alphanumeric());
            if !one_char || !shorts.insert(short.clone()) {
                return Err(format!(
                    "shorthand {short:?} of flag {:?} is invalid or taken",
                    flag.name
                ));
            }
        }
    }
    Ok(())
}

fn is_word(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 64
        && !word.starts_with('-')
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_plugin_api::{FlagSpec, PathSegment};

    fn command(words: &[&str], flags: &[(&str, Option<&str>)]) -> CommandSpec {
        CommandSpec {
            path: words
                .iter()
                .map(|w| PathSegment {
                    name: w.to_string(),
                    ..Default::default()
                })
                .collect(),
            flags: flags
                .iter()
                .map(|(n, s)| FlagSpec {
                    name: n.to_string(),
                    shorthand: s.map(str::to_string),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
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

    #[test]
    fn refuses_reserved_words_bad_names_and_clashing_flags() {
        let cases = [
            (command(&["help"], &[]), false),
            (command(&["plugin", "x"], &[]), false),
            (command(&["a b"], &[]), false),
            (command(&["-x"], &[]), false),
            (command(&["orgs"], &[("profile", None)]), false),
            (command(&["orgs"], &[("x", Some("P"))]), false),
            (command(&["orgs"], &[("x", Some("ab"))]), false),
            (command(&["orgs"], &[("x", None), ("x", None)]), false),
            (
                command(
                    &["orgs", "create"],
                    &[("orgId", None), ("output", Some("o"))],
                ),
                true,
            ),
        ];
        for (spec, ok) in cases {
            assert_eq!(check_command(&spec).is_ok(), ok, "{spec:?}");
        }
    }
}
