//! `<config dir>/atlascli/config.toml`: reading its global keys and profile tables, and writing
//! values back (refreshed tokens) the way the Go CLI keeps the file: mode 0600 in a 0700
//! directory, replaced atomically, everything else in it (comments included) left as it was.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::ConfigError;
use crate::fsutil;

/// The parsed config file: global keys and profile tables.
#[derive(Debug, Default)]
pub struct ConfigFile {
    table: toml::Table,
}

impl ConfigFile {
    /// Reads `path`; a missing file is an empty one.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.into(),
                    source,
                });
            }
        };
        Self::parse(&text).map_err(|message| ConfigError::Parse {
            path: path.into(),
            message,
        })
    }

    /// Parses TOML text.
    pub fn parse(text: &str) -> Result<Self, String> {
        let table = text
            .parse::<toml::Table>()
            .map_err(|e| e.message().to_string())?;
        Ok(Self { table })
    }

    /// The tables of the file, which are its profiles.
    pub fn profile_names(&self) -> Vec<&str> {
        self.table
            .iter()
            .filter(|(_, v)| v.is_table())
            .map(|(k, _)| k.as_str())
            .collect()
    }

    /// A top-level key; empty values don't count.
    pub fn global(&self, key: &str) -> Option<&str> {
        non_empty(self.table.get(key)?)
    }

    /// A key of a profile's table; empty values don't count.
    pub fn profile(&self, profile: &str, key: &str) -> Option<&str> {
        non_empty(self.table.get(profile)?.as_table()?.get(key)?)
    }
}

fn non_empty(value: &toml::Value) -> Option<&str> {
    value.as_str().filter(|v| !v.is_empty())
}

/// Where in the file a value is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A top-level key (where the value was read from, so that it keeps winning).
    TopLevel,
    /// A key of this profile's table.
    Profile(String),
}

/// Why the file could not be updated.
#[derive(Debug, thiserror::Error)]
#[error("could not save to the config file {}: {message}", path.display())]
pub struct SaveError {
    /// The file.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// Sets `values` at `place` in the file at `path` (created if missing, with `version = 2`),
/// keeping the rest of it byte for byte.
pub fn save(path: &Path, place: &Place, values: &[(&str, &str)]) -> Result<(), SaveError> {
    let fail = |message: String| SaveError {
        path: path.into(),
        message,
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "version = 2\n".to_string(),
        Err(e) => return Err(fail(e.to_string())),
    };
    let updated = edit(&text, place, values).map_err(fail)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    fsutil::create_private_dir(dir).map_err(|e| fail(e.to_string()))?;
    write_private(path, updated.as_bytes()).map_err(|e| fail(e.to_string()))
}

/// The text with `values` set at `place`.
fn edit(text: &str, place: &Place, values: &[(&str, &str)]) -> Result<String, String> {
    let mut doc = text
        .parse::<toml_edit::DocumentMut>()
        .map_err(|e| e.to_string())?;
    let table = match place {
        Place::TopLevel => doc.as_table_mut(),
        Place::Profile(name) => doc
            .entry(name)
            .or_insert_with(toml_edit::table)
            .as_table_mut()
            .ok_or_else(|| format!("{name:?} is not a table"))?,
    };
    for (key, value) in values {
        match table.get_mut(key).and_then(|item| item.as_value_mut()) {
            // Keep the key's position and its comments; only the value changes.
            Some(existing) => {
                let decor = existing.decor().clone();
                *existing = toml_edit::Value::from(*value);
                *existing.decor_mut() = decor;
            }
            None => {
                table.insert(key, toml_edit::value(*value));
            }
        }
    }
    Ok(doc.to_string())
}

/// Writes a 0600 temporary file beside `path`, then renames it over `path`: readers never see
/// a half-written file, and the secrets in it are never readable by others, not even briefly.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = (|| {
        let mut file = options.open(&tmp)?;
        // A temporary file left by a crash keeps its old mode through `open`; set it again.
        #[cfg(unix)]
        file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_changes_only_the_named_values() {
        let text = "# my settings\nversion = 2\n\n[work]\n  # the org\n  org_id = \"1\"\n  access_token = \"old\" # keep me\n[other]\nx = 'y'\n";
        let place = Place::Profile("work".into());
        let out = edit(
            text,
            &place,
            &[("access_token", "new"), ("refresh_token", "r")],
        )
        .unwrap();
        assert_eq!(
            out,
            "# my settings\nversion = 2\n\n[work]\n  # the org\n  org_id = \"1\"\n  access_token = \"new\" # keep me\nrefresh_token = \"r\"\n[other]\nx = 'y'\n"
        );
    }

    #[test]
    fn edit_adds_a_missing_profile_or_top_level_key() {
        let out = edit("version = 2\n", &Place::Profile("p".into()), &[("a", "1")]).unwrap();
        assert_eq!(out, "version = 2\n\n[p]\na = \"1\"\n");
        let out = edit("a = \"0\"\n[p]\n", &Place::TopLevel, &[("a", "1")]).unwrap();
        assert_eq!(out, "a = \"1\"\n[p]\n");
        assert!(edit("p = 1\n", &Place::Profile("p".into()), &[("a", "1")]).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn save_creates_a_private_file_in_a_private_directory() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("atlascli/config.toml");
        save(
            &path,
            &Place::Profile("default".into()),
            &[("access_token", "t")],
        )
        .unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "version = 2\n\n[default]\naccess_token = \"t\"\n");
        let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
