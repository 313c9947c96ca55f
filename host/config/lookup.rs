//! One setting's value and where it came from: environment > keyring (secrets only) > top-level
//! key > profile key, empty values never counting, as the Go Atlas CLI resolves them.

use std::collections::BTreeMap;

use super::file::ConfigFile;
use super::keyring::{SECURE_KEYS, SecretStore};
use crate::env::Env;

/// Where a value was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `MONGODB_ATLAS_<KEY>`.
    Env,
    /// The OS keyring, service `atlascli_<profile>`.
    Keyring,
    /// A top-level key of the config file.
    TopLevel,
    /// A key of the profile's table.
    Profile,
}

/// The sources of one run's settings.
pub struct Lookup<'a> {
    pub env: &'a Env,
    pub file: &'a ConfigFile,
    pub profile: &'a str,
    /// The profile's secrets in the keyring, when this session has one that answered.
    pub keyring: &'a BTreeMap<String, String>,
}

impl Lookup<'_> {
    /// The value of `key`, or `None`.
    pub fn get(&self, key: &str) -> Option<String> {
        self.find(key).map(|(value, _)| value)
    }

    /// The value of `key` and where it came from.
    pub fn find(&self, key: &str) -> Option<(String, Origin)> {
        let var = format!("MONGODB_ATLAS_{}", key.to_ascii_uppercase());
        if let Some(value) = self.env.get(&var) {
            return Some((value.to_string(), Origin::Env));
        }
        if let Some(value) = self.keyring_value(key) {
            return Some((value, Origin::Keyring));
        }
        self.file_value(key)
    }

    /// The value of `key` in the config file only.
    pub fn file_value(&self, key: &str) -> Option<(String, Origin)> {
        let top = self.file.global(key).map(|v| (v, Origin::TopLevel));
        let profile = || self.file.profile(self.profile, key).map(|v| (v, Origin::Profile));
        top.or_else(profile).map(|(v, o)| (v.to_string(), o))
    }

    fn keyring_value(&self, key: &str) -> Option<String> {
        self.keyring.get(key).filter(|v| !v.is_empty()).cloned()
    }
}

/// The profile's secrets in `keyring`. The keyring counts as available, as in the Go CLI, only
/// when every secure property reads without an error (an absent one is fine); otherwise the
/// error says why, and the file is used instead.
pub fn read_secrets(
    keyring: &dyn SecretStore,
    profile: &str,
) -> Result<BTreeMap<String, String>, String> {
    let mut secrets = BTreeMap::new();
    for key in SECURE_KEYS {
        if let Some(value) = keyring.get(profile, key).map_err(|e| e.to_string())? {
            secrets.insert((*key).to_string(), value);
        }
    }
    Ok(secrets)
}
