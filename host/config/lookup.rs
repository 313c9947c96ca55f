//! One setting's value and where it came from: environment > keyring (secrets only) > top-level
//! key > profile key, empty values never counting, as the Go Atlas CLI resolves them.

use std::collections::BTreeMap;

use super::file::ConfigFile;
use super::keyring::SECURE_KEYS;
use crate::env::Env;
use crate::secret::Secret;

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
    pub keyring: &'a BTreeMap<String, Secret>,
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
        let profile = || {
            self.file
                .profile(self.profile, key)
                .map(|v| (v, Origin::Profile))
        };
        top.or_else(profile)
    }

    fn keyring_value(&self, key: &str) -> Option<String> {
        if !SECURE_KEYS.contains(&key) {
            return None; // the Go CLI keeps only these there
        }
        let secret = self.keyring.get(key)?.expose();
        (!secret.is_empty()).then(|| secret.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the host reads, from every source: the highest source holding a non-empty
    /// value wins (environment > keyring, for secure keys only > top-level > profile).
    #[test]
    fn precedence_matrix_for_every_key_and_source() {
        let keys = [
            "access_token",
            "account_url",
            "auth_type",
            "client_id",
            "client_secret",
            "http_connect_timeout",
            "http_timeout",
            "ops_manager_url",
            "org_id",
            "output",
            "private_api_key",
            "project_id",
            "public_api_key",
            "refresh_token",
            "service",
        ];
        let origins = [
            Origin::Env,
            Origin::Keyring,
            Origin::TopLevel,
            Origin::Profile,
        ];
        for key in keys {
            let secure = SECURE_KEYS.contains(&key);
            for mask in 0u8..16 {
                let has = |i: usize| mask & (1 << i) != 0;
                let var = format!("MONGODB_ATLAS_{}", key.to_uppercase());
                // An empty value below each real one: it must never count.
                let env = Env::from_pairs([(var.clone(), if has(0) { "env" } else { "" })]);
                let mut text = String::new();
                text.push_str(&format!("{key} = '{}'\n", if has(2) { "top" } else { "" }));
                text.push_str(&format!(
                    "[p]\n{key} = '{}'\n",
                    if has(3) { "profile" } else { "" }
                ));
                let file = ConfigFile::parse(&text).unwrap();
                let mut keyring = BTreeMap::new();
                keyring.insert(
                    key.to_string(),
                    Secret::new(if has(1) { "ring" } else { "" }),
                );
                let lookup = Lookup {
                    env: &env,
                    file: &file,
                    profile: "p",
                    keyring: &keyring,
                };
                let want = (0..4)
                    .filter(|i| has(*i) && (*i != 1 || secure))
                    .map(|i| origins[i])
                    .next();
                assert_eq!(
                    lookup.find(key).map(|(_, o)| o),
                    want,
                    "{key} mask {mask:04b}"
                );
            }
        }
    }
}
