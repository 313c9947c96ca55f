//! Where `atlas auth login` puts a profile's credentials and `logout` takes them away, as the Go
//! CLI keeps them: the secure properties (keys, tokens, client id and secret) in the OS keyring
//! (service `atlascli_<profile>`) when one answered, else in config.toml; everything else
//! (`auth_type`, `service`) in config.toml. The keyring is written through
//! [`keyring::save`] and the file through [`edit::apply_locked`], the one write path of
//! config.toml (`atlas config` uses it too): both under the file's lock, the file as a 0600
//! temporary file renamed over it, the rest of it, comments included, left as it was (a comment
//! on the line above a removed key goes with it).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::config::edit::{self, Change, EditError};
use crate::config::keyring::{self, SECURE_KEYS, SecretStore};
use crate::config::{self, Place, Settings, TokenHome};
use crate::fsutil;
use crate::secret::Secret;

/// How long to wait for another writer of config.toml.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// Why the credentials could not be saved or removed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot find the config directory: set HOME or XDG_CONFIG_HOME")]
    NoConfigDir,
    #[error(transparent)]
    Edit(#[from] EditError),
}

impl StoreError {
    /// What to do, for a `help:` line.
    pub fn help(&self) -> Option<String> {
        match self {
            Self::NoConfigDir => None,
            Self::Edit(_) => Some(
                "check that the config directory is writable and config.toml is valid TOML".into(),
            ),
        }
    }
}

/// Where a profile's values go.
pub struct Target {
    path: PathBuf,
    profile: String,
    keyring: Option<(Arc<dyn SecretStore>, Duration)>,
}

/// Where the credentials ended up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Keyring,
    File,
    /// The keyring refused them (why): they went to the file.
    FileInstead(String),
}

impl Target {
    /// The profile of `settings` in the config file at `path` and, if it answered, the keyring.
    pub fn new(settings: &Settings, path: Option<PathBuf>) -> Result<Self, StoreError> {
        let path = path.ok_or(StoreError::NoConfigDir)?;
        let keyring = match &settings.token_home {
            TokenHome::Keyring { store, timeout, .. } => Some((Arc::clone(store), *timeout)),
            _ => None,
        };
        Ok(Self {
            path,
            profile: settings.public.profile.clone(),
            keyring,
        })
    }

    /// Sets `plain` and `secrets` for the profile and removes `clear` (the other methods'
    /// secrets, which would otherwise win over the new ones).
    pub fn save(
        &self,
        plain: &[(&str, &str)],
        secrets: &[(&str, &Secret)],
        clear: &[&str],
    ) -> Result<Saved, StoreError> {
        let locked = self.lock()?;
        let mut saved = Saved::File;
        if let Some((store, timeout)) = &self.keyring {
            let mut values: Vec<(&str, &str)> =
                secrets.iter().map(|(k, v)| (*k, v.expose())).collect();
            let present = present(store, &self.profile, *timeout);
            values.extend(
                clear
                    .iter()
                    .filter(|k| present.contains(*k))
                    .map(|k| (*k, "")),
            );
            saved = match keyring::save(store, &self.profile, &values, *timeout) {
                Ok(()) => Saved::Keyring,
                Err(why) => Saved::FileInstead(why),
            };
        }
        let in_file: Vec<(&str, &str)> = match saved {
            Saved::Keyring => plain.to_vec(),
            _ => plain
                .iter()
                .copied()
                .chain(secrets.iter().map(|(k, v)| (*k, v.expose())))
                .collect(),
        };
        let mut removed: Vec<&str> = clear.to_vec();
        if saved == Saved::Keyring {
            // A stale copy in the file would be confusing (the keyring's wins).
            removed.extend(secrets.iter().map(|(k, _)| *k));
        }
        let place = Place::Profile(self.profile.clone());
        let mut changes = Change::set_texts(&place, &in_file);
        changes.extend(removed.iter().map(|key| Change::Remove {
            place: place.clone(),
            key,
        }));
        edit::apply_locked(&self.path, &locked, &changes)?;
        Ok(saved)
    }

    /// Removes the profile's secrets from the keyring and its table from the file (with
    /// `keep`: only its credentials, `org_id` and `project_id`, as the Go CLI's `--keep`).
    pub fn forget(&self, keep: bool) -> Result<(), StoreError> {
        let locked = self.lock()?;
        if let Some((store, timeout)) = &self.keyring {
            let present = present(store, &self.profile, *timeout);
            let values: Vec<(&str, &str)> = present.iter().map(|k| (*k, "")).collect();
            // A keyring that fails now leaves values nobody reads once auth_type is gone.
            let _ = keyring::save(store, &self.profile, &values, *timeout);
        }
        if !keep {
            return match edit::apply_locked(&self.path, &locked, &[Change::Delete(&self.profile)]) {
                // A profile only in the environment: nothing in the file to remove.
                Err(EditError::NoProfile(_)) => Ok(()),
                done => Ok(done?),
            };
        }
        let place = Place::Profile(self.profile.clone());
        let changes: Vec<Change<'_>> = SECURE_KEYS
            .iter()
            .chain(&["org_id", "project_id"])
            .map(|key| Change::Remove {
                place: place.clone(),
                key,
            })
            .collect();
        Ok(edit::apply_locked(&self.path, &locked, &changes)?)
    }

    fn lock(&self) -> Result<fsutil::Lock, StoreError> {
        Ok(config::lock(&self.path, LOCK_WAIT).map_err(EditError::from)?)
    }
}

/// The secure properties the keyring holds for `profile` now.
fn present(store: &Arc<dyn SecretStore>, profile: &str, timeout: Duration) -> Vec<&'static str> {
    let Ok(loaded) = keyring::read_within(store, profile, timeout) else {
        return Vec::new();
    };
    SECURE_KEYS
        .iter()
        .copied()
        .filter(|k| {
            loaded
                .secrets
                .get(*k)
                .is_some_and(|s| !s.expose().is_empty())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::keyring::MemoryKeyring;

    fn target(dir: &Path, keyring: Option<Arc<dyn SecretStore>>) -> Target {
        Target {
            path: dir.join("atlascli/config.toml"),
            profile: "work".into(),
            keyring: keyring.map(|k| (k, Duration::from_secs(5))),
        }
    }

    #[cfg(unix)]
    #[test]
    fn without_a_keyring_everything_goes_to_a_private_file_keeping_its_comments() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let t = target(root.path(), None);
        std::fs::create_dir_all(t.path.parent().unwrap()).unwrap();
        // The comment above a removed key goes with it; every other one stays.
        let before = "# mine\nversion = 2\n\n[work]\n# keys\npublic_api_key = \"old\"\nprivate_api_key = \"old\"\norg_id = \"1\"\n\n[other]\nx = \"y\"\n";
        std::fs::write(&t.path, before).unwrap();
        let secret = Secret::new("tok");
        let saved = t
            .save(
                &[("auth_type", "user_account")],
                &[("access_token", &secret)],
                &["public_api_key", "private_api_key"],
            )
            .unwrap();
        assert_eq!(saved, Saved::File);
        let text = std::fs::read_to_string(&t.path).unwrap();
        assert_eq!(
            text,
            "# mine\nversion = 2\n\n[work]\norg_id = \"1\"\nauth_type = \"user_account\"\naccess_token = \"tok\"\n\n[other]\nx = \"y\"\n"
        );
        let mode = std::fs::metadata(&t.path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        t.forget(false).unwrap();
        let text = std::fs::read_to_string(&t.path).unwrap();
        assert_eq!(text, "# mine\nversion = 2\n\n[other]\nx = \"y\"\n");
    }

    #[test]
    fn with_a_keyring_secrets_go_there_and_leave_the_file() {
        let root = tempfile::tempdir().unwrap();
        let store: Arc<dyn SecretStore> =
            Arc::new(MemoryKeyring::with(&[("work", "client_secret", "old")]));
        let t = target(root.path(), Some(Arc::clone(&store)));
        let secret = Secret::new("pk");
        let saved = t
            .save(
                &[("auth_type", "api_keys")],
                &[("private_api_key", &secret)],
                &["client_id", "client_secret"],
            )
            .unwrap();
        assert_eq!(saved, Saved::Keyring);
        assert_eq!(store.get("work", "private_api_key").unwrap(), Some(secret));
        assert_eq!(
            store.get("work", "client_secret").unwrap(),
            Some(Secret::new(""))
        );
        let text = std::fs::read_to_string(&t.path).unwrap();
        assert_eq!(text, "version = 2\n\n[work]\nauth_type = \"api_keys\"\n");
        t.forget(true).unwrap();
        assert_eq!(
            store.get("work", "private_api_key").unwrap(),
            Some(Secret::new(""))
        );
        let text = std::fs::read_to_string(&t.path).unwrap();
        assert_eq!(text, "version = 2\n\n[work]\nauth_type = \"api_keys\"\n");
    }
}
