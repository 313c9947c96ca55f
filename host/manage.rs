//! `atlas plugin install|list|uninstall|verify`: the installed plugins and their pins.
//!
//! Install checks a plugin before it can run (ABI, name, commands, conflicts), compiles it once
//! (which fills the compilation cache so later starts are fast), copies it into the plugins
//! directory and records what it declared with its sha256 in `index.json`.

use std::path::Path;

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
    /// Copying the file failed.
    #[error("cannot install {file}: {source}")]
    Copy {
        file: String,
        source: std::io::Error,
    },
    /// No such installed plugin.
    #[error(
        "plugin \"{0}\" is not installed\nhelp: `atlas plugin list` shows the installed plugins"
    )]
    NotInstalled(String),
    /// `verify` found files that do not match their pins.
    #[error(
        "{0} installed plugin(s) do not match their recorded sha256\nhelp: reinstall them from files you trust: atlas plugin install <file.wasm>"
    )]
    Mismatch(usize),
}

/// Installs `file`, replacing an installed plugin of the same name. Returns the new entry.
pub fn install(runtime: &Runtime, dir: &PluginsDir, file: &Path) -> Result<Entry, ManageError> {
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
    let mut index = dir.load()?;
    for command in &describe.commands {
        let words = command.words().join(" ");
        discovery::check_command(command)
            .map_err(|why| reject(format!("command \"{words}\": {why}")))?;
        let taken = index.plugins.iter().find(|e| {
            e.name != describe.name
                && e.describe
                    .commands
                    .iter()
                    .any(|c| c.words() == command.words())
        });
        if let Some(owner) = taken {
            return Err(reject(format!(
                "command \"{words}\" is already provided by plugin \"{}\"\nhelp: uninstall it first: atlas plugin uninstall {}",
                owner.name, owner.name
            )));
        }
    }
    let entry = Entry {
        name: describe.name.clone(),
        file: format!("{}.wasm", describe.name),
        sha256,
        describe,
    };
    fsutil::create_private_dir(&dir.dir).map_err(|source| ManageError::Copy {
        file: label.clone(),
        source,
    })?;
    fsutil::write_atomic(&dir.file(&entry), &bytes).map_err(|source| ManageError::Copy {
        file: label,
        source,
    })?;
    index.plugins.retain(|e| e.name != entry.name);
    index.plugins.push(entry.clone());
    dir.save(&index)?;
    Ok(entry)
}

/// Removes an installed plugin and its file.
pub fn uninstall(dir: &PluginsDir, name: &str) -> Result<Entry, ManageError> {
    let mut index = dir.load()?;
    let position = index.plugins.iter().position(|e| e.name == name);
    let entry = index
        .plugins
        .remove(position.ok_or_else(|| ManageError::NotInstalled(name.into()))?);
    dir.save(&index)?;
    // The index no longer names the file, so a leftover file is inert; still, tidy up.
    let _ = std::fs::remove_file(dir.file(&entry));
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
