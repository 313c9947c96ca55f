//! `atlas plugin install|list|uninstall|verify`: the installed plugins and their pins.
//!
//! Install checks a plugin before it can run (ABI, name, commands, conflicts), compiles it once
//! (which fills the compilation cache so later starts are fast), copies it into the plugins
//! directory and records what it declared with its sha256 in `index.json`.
//!
//! Install and uninstall hold the index's lock from reading the index to the last change to the
//! plugins directory (the `.wasm` copied in or removed, the index renamed into place), so that
//! any number of them at once end as if they had run one after another; a `.wasm` is only ever
//! in the directory while the index names it. The slow part of an install (compiling and
//! describing the plugin) happens before the lock is taken.

use std::path::Path;

use atlas_plugin_api::CommandSpec;

use crate::claims::{self, ClaimError, Claims};
use crate::discovery::{self, plugin_label};
use crate::fsutil;
use crate::index::{self, Entry, IndexError, PluginsDir};
use crate::runtime::{PluginError, Runtime};

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
            _ => None,
        }
    }
}

/// Installs `file`. An installed plugin of the same name is replaced only with `replace` (or
/// when the content is the same: reinstalling repairs a changed file). Its commands may not take
/// the words of `bundled` (by plugin name; a plugin may replace its own bundled build) or of the
/// other installed plugins. Returns the new entry.
pub fn install(
    runtime: &Runtime,
    dir: &PluginsDir,
    file: &Path,
    replace: bool,
    bundled: &[(&str, &CommandSpec)],
) -> Result<Entry, ManageError> {
    let label = plugin_label(file);
    let reject = |why: String| ManageError::Rejected {
        file: file.display().to_string(),
        why,
    };
    // Size and magic checked before the file is read whole.
    let bytes = crate::runtime::read_plugin(&label, file)?;
    let sha256 = index::sha256_hex(&bytes);
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
    let locked = dir.lock()?;
    let mut index = dir.load()?;
    if let Some(same) = index.plugins.iter().find(|e| e.name == describe.name)
        && same.sha256 != sha256
        && !replace
    {
        return Err(ManageError::NameTaken {
            file: file.display().to_string(),
            name: same.name.clone(),
            installed: same.sha256[..12.min(same.sha256.len())].to_string(),
        });
    }
    // The other installed plugins' words, as they claimed them at install.
    let mut taken = Claims::default();
    for (name, command) in bundled.iter().filter(|(n, _)| *n != describe.name) {
        let _ = taken.claim(command, &format!("bundled plugin \"{name}\""));
    }
    for e in index.plugins.iter().filter(|e| e.name != describe.name) {
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
                    file: file.display().to_string(),
                    words,
                    name: name.to_string(),
                });
            }
            Err(why) => return Err(reject(format!("command \"{words}\": {why}"))),
        }
    }
    let entry = Entry {
        name: describe.name.clone(),
        file: format!("{}.wasm", describe.name),
        sha256,
        describe,
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

/// A table of the installed plugins.
pub fn list(dir: &PluginsDir) -> Result<String, ManageError> {
    let index = dir.load()?;
    let mut rows = vec![
        ["NAME", "VERSION", "ABI", "SHA256", "COMMANDS"]
            .map(String::from)
            .to_vec(),
    ];
    for e in &index.plugins {
        let commands: Vec<String> = e
            .describe
            .commands
            .iter()
            .map(|c| c.words().join(" "))
            .collect();
        rows.push(vec![
            e.name.clone(),
            e.describe.version.clone(),
            e.describe.abi_version.to_string(),
            e.sha256[..12.min(e.sha256.len())].to_string(),
            commands.join(", "),
        ]);
    }
    Ok(table(&rows))
}

/// One line per installed plugin, `ok` or why not; an error if any does not match.
pub fn verify(dir: &PluginsDir) -> Result<String, (String, ManageError)> {
    let index = dir.load().map_err(|e| (String::new(), e.into()))?;
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
        Err((report, ManageError::Mismatch(bad)))
    } else {
        Ok(report)
    }
}

fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |v| v.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, v)| {
                if c + 1 == row.len() {
                    v.clone()
                } else {
                    format!("{v:<width$}", width = widths[c])
                }
            })
            .collect();
        out.push_str(cells.join("   ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_columns_and_leaves_the_last_ragged() {
        let rows = vec![
            vec!["NAME".to_string(), "V".into(), "CMD".into()],
            vec!["apikeys-create".into(), "0.1.0".into(), "a b".into()],
        ];
        assert_eq!(
            table(&rows),
            "NAME             V       CMD\napikeys-create   0.1.0   a b\n"
        );
    }
}
