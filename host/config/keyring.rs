//! The OS keyring where the Go Atlas CLI keeps a profile's secrets: service `atlascli_<profile>`,
//! user = the property name (`private_api_key`, `access_token`, …), on the freedesktop Secret
//! Service (GNOME Keyring, KWallet, KeePassXC) through `keyring-core` and its pure-Rust zbus store.
//!
//! The keyring is looked at only when the session advertises a D-Bus bus
//! (`DBUS_SESSION_BUS_ADDRESS`), as desktop sessions do: headless machines and CI have none, and
//! a test's clean environment must never reach its developer's real keyring. Any failure (no bus,
//! no Secret Service, a locked collection) means "no keyring": the file is used, quietly, as the
//! Go CLI does. A keyring that does not answer at all (a hung bus, an unlock prompt nobody sees)
//! is given up on after [`TIMEOUT`], with a warning: D-Bus calls have no deadline of their own.

use std::collections::BTreeMap;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use keyring_core::{CredentialStore, Entry, Error};

use crate::env::Env;
use crate::secret::Secret;

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
    fn get(&self, profile: &str, key: &str) -> Result<Option<Secret>, KeyringError>;
    /// Stores `value` as `key` for `profile`.
    fn set(&self, profile: &str, key: &str, value: &str) -> Result<(), KeyringError>;
}

/// How long the keyring may take (an unlock prompt included) before the file is used instead;
/// `ATLAS_CLI_KEYRING_TIMEOUT_MS` changes it.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The keyring of this session and a profile's secrets in it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The keyring, to save refreshed tokens in.
    pub store: Arc<dyn SecretStore>,
    /// The profile's secure properties that the keyring holds.
    pub secrets: BTreeMap<String, Secret>,
    /// The time limit of each use.
    pub timeout: Duration,
}

/// Why the keyring is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unavailable {
    /// There is none, or it refused: normal on headless machines, said in the `-D` trace only.
    Absent(String),
    /// It did not answer in time: a warning, since secrets kept there are then missed.
    TimedOut(Duration),
}

/// The keyring of this session with `profile`'s secrets, or why not.
pub fn load(env: &Env, profile: &str) -> Result<Loaded, Unavailable> {
    if env.get("DBUS_SESSION_BUS_ADDRESS").is_none() {
        let why = "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset)";
        return Err(Unavailable::Absent(why.into()));
    }
    let timeout = env
        .get("ATLAS_CLI_KEYRING_TIMEOUT_MS")
        .and_then(|ms| ms.parse().ok())
        .map_or(TIMEOUT, Duration::from_millis);
    let profile = profile.to_string();
    within(timeout, move || {
        let store = open().map_err(Unavailable::Absent)?;
        read(store, &profile, timeout)
    })
    .unwrap_or(Err(Unavailable::TimedOut(timeout)))
}

/// `profile`'s secrets in `store`. The keyring counts as available, as in the Go CLI, only when
/// every secure property reads without an error (an absent one is fine).
pub fn read(
    store: Arc<dyn SecretStore>,
    profile: &str,
    timeout: Duration,
) -> Result<Loaded, Unavailable> {
    let mut secrets = BTreeMap::new();
    for key in SECURE_KEYS {
        let value = store
            .get(profile, key)
            .map_err(|e| Unavailable::Absent(e.to_string()))?;
        if let Some(value) = value {
            secrets.insert((*key).to_string(), value);
        }
    }
    Ok(Loaded {
        store,
        secrets,
        timeout,
    })
}

/// [`read`], given up on after `timeout`.
pub fn read_within(
    store: &Arc<dyn SecretStore>,
    profile: &str,
    timeout: Duration,
) -> Result<Loaded, Unavailable> {
    let store = Arc::clone(store);
    let profile = profile.to_string();
    within(timeout, move || read(store, &profile, timeout))
        .unwrap_or(Err(Unavailable::TimedOut(timeout)))
}

/// Stores `values` for `profile`, within `timeout`.
pub fn save(
    store: &Arc<dyn SecretStore>,
    profile: &str,
    values: &[(&str, &str)],
    timeout: Duration,
) -> Result<(), String> {
    let store = Arc::clone(store);
    let profile = profile.to_string();
    let values: Vec<(String, Secret)> = values
        .iter()
        .map(|(k, v)| ((*k).to_string(), Secret::new(*v)))
        .collect();
    let saved = within(timeout, move || {
        values
            .iter()
            .try_for_each(|(key, value)| store.set(&profile, key, value.expose()))
            .map_err(|e| e.to_string())
    });
    saved.unwrap_or_else(|| Err(format!("the keyring did not answer within {timeout:?}")))
}

/// Runs `f` on a thread and waits at most `limit` for it. A thread that overruns is left to
/// finish (or not) on its own; the process does not wait for it when it exits.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("keyring".into())
        .spawn(move || {
            let _ = sender.send(f());
        })
        .ok()?;
    receiver.recv_timeout(limit).ok()
}

/// The service name the Go CLI uses for a profile.
pub fn service(profile: &str) -> String {
    format!("atlascli_{profile}")
}

/// The Secret Service of this session (zbus finds the bus from the same variable).
fn open() -> Result<Arc<dyn SecretStore>, String> {
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
    fn get(&self, profile: &str, key: &str) -> Result<Option<Secret>, KeyringError> {
        match self.entry(profile, key)?.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
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
#[cfg(test)]
#[derive(Debug, Default)]
pub struct MemoryKeyring {
    entries: std::sync::Mutex<std::collections::BTreeMap<(String, String), String>>,
}

#[cfg(test)]
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

#[cfg(test)]
impl SecretStore for MemoryKeyring {
    fn get(&self, profile: &str, key: &str) -> Result<Option<Secret>, KeyringError> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        Ok(entries
            .get(&(service(profile), key.into()))
            .map(Secret::new))
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
        let err = load(&Env::from_pairs([("HOME", "/home/u")]), "default").unwrap_err();
        assert!(
            matches!(&err, Unavailable::Absent(why) if why.contains("DBUS_SESSION_BUS_ADDRESS")),
            "{err:?}"
        );
    }

    #[test]
    fn a_keyring_that_does_not_answer_is_given_up_on() {
        let start = std::time::Instant::now();
        let late = within(Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_secs(5));
        });
        assert_eq!(late, None);
        assert!(start.elapsed() < Duration::from_secs(1));
        assert_eq!(within(Duration::from_secs(5), || 7), Some(7));
    }

    #[test]
    fn reading_takes_every_secure_property_of_the_profile() {
        let store: Arc<dyn SecretStore> = Arc::new(MemoryKeyring::with(&[
            ("p", "private_api_key", "s"),
            ("p", "org_id", "not secure"),
            ("q", "public_api_key", "other profile"),
        ]));
        let loaded = read(Arc::clone(&store), "p", TIMEOUT).unwrap();
        let keys: Vec<_> = loaded.secrets.keys().map(String::as_str).collect();
        assert_eq!(keys, ["private_api_key"]);
        save(&store, "p", &[("access_token", "t")], TIMEOUT).unwrap();
        assert_eq!(
            store.get("p", "access_token").unwrap(),
            Some(Secret::new("t"))
        );
    }

    #[test]
    fn services_are_named_like_the_go_cli() {
        assert_eq!(service("work"), "atlascli_work");
        let k = MemoryKeyring::with(&[("work", "private_api_key", "s")]);
        let got = k.get("work", "private_api_key").unwrap();
        assert_eq!(got, Some(Secret::new("s")));
        assert_eq!(k.get("default", "private_api_key").unwrap(), None);
    }
}
