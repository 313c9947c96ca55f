//! `<config dir>/atlascli/config.toml`: reading its global keys and profile tables, and writing
//! values back (refreshed tokens) the way the Go CLI keeps the file: mode 0600 in a 0700
//! directory, replaced atomically, everything else in it (comments included) left as it was.
//!
//! Only a regular file of at most [`MAX_BYTES`] is read (a FIFO or a link to `/dev/zero` is an
//! error at once). Values are taken as Go's viper takes them: a string setting may be written
//! as a TOML integer (`org_id = 123` is `"123"`), a number of seconds as an integer or a float;
//! any other type is an error that names the key. Every write happens under the file's lock
//! ([`lock`]), held from reading the file to renaming the new one into place.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::ConfigError;
use crate::fsutil;

/// The largest config file read (the Go CLI's are a few hundred bytes).
pub const MAX_BYTES: u64 = 1 << 20;

/// What a setting's value may be in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string (or an integer, which viper's `cast.ToString` turns into its decimal digits).
    Text,
    /// A number of seconds: a number, or a string holding one.
    Seconds,
}

impl Kind {
    /// What the setting takes, with its article.
    pub fn wanted(self) -> &'static str {
        match self {
            Self::Text => "a string",
            Self::Seconds => "a number of seconds",
        }
    }
}

/// Every setting the host reads from the file, and what it may be.
pub const SETTINGS: &[(&str, Kind)] = &[
    ("access_token", Kind::Text),
    ("account_url", Kind::Text),
    ("auth_type", Kind::Text),
    ("base_url", Kind::Text),
    ("client_id", Kind::Text),
    ("client_secret", Kind::Text),
    ("http_connect_timeout", Kind::Seconds),
    ("http_timeout", Kind::Seconds),
    ("ops_manager_url", Kind::Text),
    ("org_id", Kind::Text),
    ("output", Kind::Text),
    ("private_api_key", Kind::Text),
    ("project_id", Kind::Text),
    ("public_api_key", Kind::Text),
    ("refresh_token", Kind::Text),
    ("service", Kind::Text),
];

/// A setting whose value has a type it cannot take (the value itself is never repeated: it
/// may be a secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadValue {
    /// The setting.
    pub key: String,
    /// The profile whose table holds it; `None` for a top-level key.
    pub profile: Option<String>,
    /// What the setting takes.
    pub kind: Kind,
    /// The TOML type found, with its article ("a boolean").
    pub found: &'static str,
}

/// The parsed config file: global keys and profile tables.
#[derive(Debug, Default)]
pub struct ConfigFile {
    table: toml::Table,
}

impl ConfigFile {
    /// Reads `path`; a missing file is an empty one.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = match read_text(path) {
            Ok(Some(text)) => text,
            Ok(None) => return Ok(Self::default()),
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

    /// A top-level key (a table there is a profile, not a value); empty values don't count.
    pub fn global(&self, key: &str) -> Option<String> {
        text(self.table.get(key).filter(|v| !v.is_table())?)
    }

    /// A key of a profile's table; empty values don't count.
    pub fn profile(&self, profile: &str, key: &str) -> Option<String> {
        text(self.table.get(profile)?.as_table()?.get(key)?)
    }

    /// Every value of a profile's table as text, as viper's `GetStringMapString` gives them
    /// (strings, numbers, booleans; `atlas config describe`).
    pub fn profile_strings(&self, profile: &str) -> std::collections::BTreeMap<String, String> {
        let table = self.table.get(profile).and_then(toml::Value::as_table);
        let text = |value: &toml::Value| match value {
            toml::Value::String(s) => Some(s.clone()),
            toml::Value::Integer(i) => Some(i.to_string()),
            toml::Value::Float(f) => Some(f.to_string()),
            toml::Value::Boolean(b) => Some(b.to_string()),
            _ => None,
        };
        table
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| Some((k.clone(), text(v)?)))
            .collect()
    }

    /// The first setting, at the top level or in `profile`'s table, whose value has a type it
    /// cannot take.
    pub fn check(&self, profile: &str) -> Result<(), BadValue> {
        let top = self.table.iter().filter(|(_, v)| !v.is_table());
        let top = top.map(|(k, v)| (None, k, v));
        let table = self.table.get(profile).and_then(toml::Value::as_table);
        let own = table
            .into_iter()
            .flatten()
            .map(|(k, v)| (Some(profile), k, v));
        for (place, key, value) in top.chain(own) {
            let Some((_, kind)) = SETTINGS.iter().find(|(name, _)| name == key) else {
                continue; // the Go CLI ignores keys it does not know, and so do we
            };
            let fits = match value {
                toml::Value::String(_) | toml::Value::Integer(_) => true,
                toml::Value::Float(_) => *kind == Kind::Seconds,
                _ => false,
            };
            if !fits {
                return Err(BadValue {
                    key: key.clone(),
                    profile: place.map(str::to_string),
                    kind: *kind,
                    found: type_name(value),
                });
            }
        }
        Ok(())
    }
}

/// A value as the setting's text, as viper's `cast.ToString` makes it; empty ones don't count.
fn text(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(s) if !s.is_empty() => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        // Only reaches a number of seconds ([`ConfigFile::check`]); Rust's shortest form is Go's
        // `FormatFloat(f, 'f', -1, 64)` for the values a timeout takes.
        toml::Value::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

fn type_name(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a float",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date-time",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}

/// The file's text; `None` if there is none. Only a regular UTF-8 file of at most
/// [`MAX_BYTES`].
fn read_text(path: &Path) -> std::io::Result<Option<String>> {
    let Some(bytes) = fsutil::read_bounded(path, MAX_BYTES)? else {
        return Ok(None);
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text"))
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

/// Takes the lock that every change to the file at `path` holds (creating its 0700 directory),
/// waiting at most `wait` for another process to release it.
pub fn lock(path: &Path, wait: Duration) -> Result<fsutil::Lock, SaveError> {
    let fail = |message: String| SaveError {
        path: path.into(),
        message,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fsutil::create_private_dir(dir).map_err(|e| fail(e.to_string()))?;
    fsutil::lock(path, wait).map_err(|e| fail(e.to_string()))
}

/// Sets `values` at `place` in the file at `path` (created if missing, with `version = 2`),
/// keeping the rest of it byte for byte, under its lock.
pub fn save(path: &Path, place: &Place, values: &[(&str, &str)]) -> Result<(), SaveError> {
    let locked = lock(path, Duration::from_secs(60))?;
    save_locked(path, &locked, place, values)
}

/// [`save`] for a caller that holds the file's lock (taken before it read the file): the values
/// set through [`super::edit`], the one writer of the file.
pub fn save_locked(
    path: &Path,
    locked: &fsutil::Lock,
    place: &Place,
    values: &[(&str, &str)],
) -> Result<(), SaveError> {
    use super::edit::{self, Change, EditError};
    edit::apply_locked(path, locked, &Change::set_texts(place, values)).map_err(|e| match e {
        EditError::Save(e) => e,
        EditError::Parse { message, .. } => SaveError {
            path: path.into(),
            message,
        },
        other => SaveError {
            path: path.into(),
            message: other.to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_device_is_refused_at_once_and_a_huge_file_is_not_read() {
        let root = tempfile::tempdir().unwrap();
        let fifo = root.path().join("config.toml");
        let mode = rustix::fs::Mode::from_raw_mode(0o600);
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, mode).unwrap();
        let err = ConfigFile::load(&fifo).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "could not read the config file {}: it is a FIFO, not a regular file",
                fifo.display()
            )
        );
        assert_eq!(
            err.help().as_deref(),
            Some("the config file must be a regular TOML file of at most 1024 KiB")
        );
        let zero = root.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let err = ConfigFile::load(&zero).unwrap_err().to_string();
        assert!(err.ends_with("it is a device, not a regular file"), "{err}");
        let huge = root.path().join("huge.toml");
        std::fs::write(&huge, vec![b'#'; MAX_BYTES as usize + 1]).unwrap();
        let err = ConfigFile::load(&huge).unwrap_err().to_string();
        assert!(err.ends_with("it is larger than 1048576 bytes"), "{err}");
        let refused = save(&fifo, &Place::TopLevel, &[("a", "b")]).unwrap_err();
        assert!(refused.to_string().contains("it is a FIFO"), "{refused}");
    }

    /// `text` saved with `values` at `place`: the file's text after, or the error.
    fn saved(text: &str, place: &Place, values: &[(&str, &str)]) -> Result<String, String> {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        save(&path, place, values).map_err(|e| e.to_string())?;
        Ok(std::fs::read_to_string(&path).unwrap())
    }

    #[test]
    fn save_changes_only_the_named_values() {
        let text = "# my settings\nversion = 2\n\n[work]\n  # the org\n  org_id = \"1\"\n  access_token = \"old\" # keep me\n[other]\nx = 'y'\n";
        let place = Place::Profile("work".into());
        let out = saved(
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
    fn save_adds_a_missing_profile_or_top_level_key() {
        let out = saved("version = 2\n", &Place::Profile("p".into()), &[("a", "1")]).unwrap();
        assert_eq!(out, "version = 2\n\n[p]\na = \"1\"\n");
        let out = saved("a = \"0\"\n[p]\n", &Place::TopLevel, &[("a", "1")]).unwrap();
        assert_eq!(out, "a = \"1\"\n[p]\n");
        let err = saved("p = 1\n", &Place::Profile("p".into()), &[("a", "1")]).unwrap_err();
        assert!(
            err.ends_with("\"p\" in the config file is a value, not a profile table"),
            "{err}"
        );
        let err = saved("[p\n", &Place::TopLevel, &[("a", "1")]).unwrap_err();
        assert!(
            err.starts_with("could not save to the config file "),
            "{err}"
        );
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
        let mut left: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".config.toml.lock", "config.toml"],
            "no temporary file is left behind"
        );
    }
}
