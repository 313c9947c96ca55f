//! The OS keyring where the Go Atlas CLI keeps a profile's secrets: service `atlascli_<profile>`,
//! user = the property name (`private_api_key`, `access_token`, …), on the freedesktop Secret
//! Service (GNOME Keyring, KWallet, KeePassXC) through `keyring-core` and its pure-Rust zbus store.
//!
//! The keyring is looked at only when the session advertises a D-Bus bus
//! (`DBUS_SESSION_BUS_ADDRESS`), as desktop sessions do: headless machines and CI have none, and
//! a test's clean environment must never reach its developer's real keyring. Any failure (no bus,
//! no Secret Service, a locked collection) means "no keyring": the file is used, quietly, as the
//! Go CLI does.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error};

use crate::env::Env;

/// The properties the Go CLI moves to the keyring (`config.SecureProperties`).
pub const SECURE_KEYS: &[&str] = &[
    "public_api_key",
    "private_api_key",
    "access_token",
    "refresh_token",
    "client_id",
    "client_secret",
];

/// Why the keyring could not be used.
#[derive(Debug, thiserror::Error)]
#[error("keyring service {service:?}, {key}: {message}")]
pub struct KeyringError {
    /// `atlascli_<profile>`.
    pub service: String,
    /// The property.
    pub key: String,
    /// What the store said.
    pub message: String,
}

/// Where secrets of a profile may live besides the config file.
pub trait SecretStore: std::fmt::Debug + Send + Sync {
    /// The value of `key` for `profile`; `Ok(None)` when the keyring has no such entry.
    fn get(&self, profile: &str, key: &str) -> Result<Option<String>, KeyringError>;
    /// Stores `value` as `key` for `profile`.
    fn set(&self, profile: &str, key: &str, value: &str) -> Result<(), KeyringError>;
}

/// The service name the Go CLI uses for a profile.
pub fn service(profile: &str) -> String {
    format!("atlascli_{profile}")
}

/// The Secret Service of this session, if it advertises a D-Bus session bus and the store
/// connects to it.
pub fn open(env: &Env) -> Result<Arc<dyn SecretStore>, String> {
    if env.get("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return Err("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset)".into());
    }
    let store = zbus_secret_service_keyring_store::Store::new().map_err(|e| e.to_string())?;
    Ok(Arc::new(SecretService { store }))
}

/// The freedesktop Secret Service.
struct SecretService {
    store: Arc<CredentialStore>,
}

impl std::fmt::Debug for SecretService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretService")
    }
}

impl SecretService {
    fn entry(&self, profile: &str, key: &str) -> Result<Entry, KeyringError> {
        Entry::new_in_store(&self.store, &service(profile), key).map_err(|e| fail(profile, key, &e))
    }
}

impl SecretStore for SecretService {
    fn get(&self, profile: &str, key: &str) -> Result<Option<String>, KeyringError> {
        match self.entry(profile, key)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(Error::NoEntry) => Ok(None),
            Err(e) => Err(fail(profile, key, &e)),
        }
    }

    fn set(&self, profile: &str, key: &str, value: &str) -> Result<(), KeyringError> {
        self.entry(profile, key)?
            .set_password(value)
            .map_err(|e| fail(profile, key, &e))
    }
}

fn fail(profile: &str, key: &str, e: &Error) -> KeyringError {
    KeyringError {
        service: service(profile),
        key: key.into(),
        message: e.to_string(),
    }
}

/// A keyring in memory, for tests of what is read and written where.
#[derive(Debug, Default)]
pub struct MemoryKeyring {
    entries: std::sync::Mutex<std::collections::BTreeMap<(String, String), String>>,
}

impl MemoryKeyring {
    /// A keyring holding these `(profile, key, value)` entries.
    pub fn with(entries: &[(&str, &str, &str)]) -> Self {
        let keyring = Self::default();
        for (profile, key, value) in entries {
            let _ = keyring.set(profile, key, value);
        }
        keyring
    }
}

impl SecretStore for MemoryKeyring {
    fn get(&self, profile: &str, key: &str) -> Result<Option<String>, KeyringError> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        Ok(entries.get(&(service(profile), key.into())).cloned())
    }

    fn set(&self, profile: &str, key: &str, value: &str) -> Result<(), KeyringError> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.insert((service(profile), key.into()), value.into());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_session_bus_there_is_no_keyring() {
        let err = open(&Env::from_pairs([("HOME", "/home/u")])).unwrap_err();
        assert!(err.contains("DBUS_SESSION_BUS_ADDRESS"), "{err}");
    }

    #[test]
    fn services_are_named_like_the_go_cli() {
        assert_eq!(service("work"), "atlascli_work");
        let k = MemoryKeyring::with(&[("work", "private_api_key", "s")]);
        assert_eq!(k.get("work", "private_api_key").unwrap().as_deref(), Some("s"));
        assert_eq!(k.get("default", "private_api_key").unwrap(), None);
    }
}
