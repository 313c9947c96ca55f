//! Settings as the Atlas CLI resolves them: `-P` flag, `MONGODB_ATLAS_*` environment, the OS
//! keyring for secrets, and `<config dir>/atlascli/config.toml` (global keys, then one table per
//! profile). Everything is validated here, before any plugin runs or any socket opens.

pub mod cmd;
mod credentials;
pub mod edit;
mod file;
pub mod keyring;
mod lookup;
mod network;

use std::path::PathBuf;
use std::sync::Arc;

use atlas_plugin_api as api;

pub use credentials::{CLOUD_CLIENT_ID, CLOUDGOV_CLIENT_ID, Credentials};
pub use file::{BadValue, ConfigFile, Kind, Place, lock, save, save_locked};
pub use lookup::Origin;
pub use network::{NetworkSettings, ProxyEnv};

use crate::env::Env;
use keyring::{Loaded, SecretStore, Unavailable};
use lookup::Lookup;

/// The default Atlas base URL.
pub const CLOUD_URL: &str = "https://cloud.mongodb.com";
/// The base URL for `service = "cloudgov"`.
pub const CLOUDGOV_URL: &str = "https://cloud.mongodbgov.com";

/// Why the settings could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The config file exists but could not be read.
    #[error("could not read the config file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The config file is not valid TOML.
    #[error("could not parse the config file {}: {message}", path.display())]
    Parse { path: PathBuf, message: String },
    /// The Go CLI's wording.
    #[error("profile should not contain '.': \"{0}\"")]
    ProfileDot(String),
    /// The Go CLI's wording.
    #[error("unsupported service: {0}")]
    UnsupportedService(String),
    /// The base URL is not an http(s) URL.
    #[error("invalid base URL \"{0}\"")]
    BaseUrl(String),
    /// `auth_type` names no method.
    #[error("unsupported auth_type \"{0}\"")]
    AuthType(String),
    /// A setting in the file has a type it cannot take (the value is not repeated: it may be a
    /// secret).
    #[error("invalid {} in the config file{}: it is {}, not {}", .bad.key, file_place(.path.as_deref(), .bad.profile.as_deref()), .bad.found, .bad.kind.wanted())]
    Value {
        path: Option<PathBuf>,
        bad: BadValue,
    },
    /// A timeout that is not a number of seconds.
    #[error("invalid {key} \"{value}\"")]
    Timeout { key: String, value: String },
}

impl ConfigError {
    /// What to do about it, for a `help:` line.
    pub fn help(&self) -> Option<String> {
        match self {
            Self::Read { source, .. }
                if matches!(
                    source.kind(),
                    std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData
                ) =>
            {
                Some(format!(
                    "the config file must be a regular TOML file of at most {} KiB",
                    file::MAX_BYTES >> 10
                ))
            }
            Self::Value { bad, .. } => Some(match bad.kind {
                Kind::Text => format!("write it as a string, such as {} = \"...\"", bad.key),
                Kind::Seconds => {
                    format!("write it as a number of seconds, such as {} = 30", bad.key)
                }
            }),
            Self::BaseUrl(_) => Some(
                "set ops_manager_url (or MONGODB_ATLAS_OPS_MANAGER_URL) to an http:// or https:// URL"
                    .into(),
            ),
            Self::AuthType(_) => Some(
                "set auth_type to api_keys, user_account, service_account or no_auth".into(),
            ),
            Self::Timeout { .. } => {
                Some("give a number of seconds greater than 0, such as 30 or 2.5".into())
            }
            _ => None,
        }
    }
}

/// ` <path>` and where in it, for [`ConfigError::Value`].
fn file_place(path: Option<&std::path::Path>, profile: Option<&str>) -> String {
    let file = path
        .map(|p| format!(" {}", p.display()))
        .unwrap_or_default();
    match profile {
        Some(p) => format!("{file} (profile \"{p}\")"),
        None => format!("{file} (top level)"),
    }
}

/// Where refreshed user tokens are saved: where the Go CLI would save them.
#[derive(Debug, Clone)]
pub enum TokenHome {
    /// The keyring (it was available when the settings were read).
    Keyring {
        store: Arc<dyn SecretStore>,
        profile: String,
        timeout: std::time::Duration,
        /// The config file, whose lock also guards the profile's tokens in the keyring.
        lock: Option<PathBuf>,
    },
    /// The config file.
    File { path: PathBuf, place: Place },
    /// Nowhere (no config directory): the new tokens live for this run only.
    Nowhere,
}

/// Everything the host resolved: the secret-free part for plugins, and the rest.
#[derive(Debug, Clone)]
pub struct Settings {
    /// What plugins see.
    pub public: api::Settings,
    /// The API base URL, without a trailing `/`.
    pub base_url: String,
    /// Where user tokens are refreshed: `account_url` if set, else the base URL.
    pub account_url: String,
    /// How to authenticate.
    pub credentials: Credentials,
    /// Where refreshed user tokens go.
    pub token_home: TokenHome,
    /// Timeouts and proxies.
    pub network: NetworkSettings,
    /// `<cache dir>/atlascli`, where service-account tokens are kept between runs.
    pub cache_dir: Option<PathBuf>,
    /// `-D/--debug`: trace the HTTP exchange on stderr.
    pub debug: bool,
    /// Why the keyring was not used (`None`: it was).
    pub keyring_note: Option<Unavailable>,
}

/// Where the config file lives: `<config dir>/atlascli/config.toml`.
pub fn config_path(env: &Env) -> Option<PathBuf> {
    Some(env.config_dir()?.join("atlascli").join("config.toml"))
}

/// Resolves the settings for one command run. `profile_flag` is `-P/--profile`.
pub fn resolve(env: &Env, profile_flag: Option<&str>) -> Result<Settings, ConfigError> {
    let (path, file, profile) = load(env, profile_flag)?;
    resolve_with(env, &file, path, &profile, keyring::load(env, &profile))
}

/// The config file (where it is, and its contents; empty when there is none) and the profile
/// chosen.
fn load(
    env: &Env,
    profile_flag: Option<&str>,
) -> Result<(Option<PathBuf>, ConfigFile, String), ConfigError> {
    let path = config_path(env);
    let file = match &path {
        Some(path) => ConfigFile::load(path)?,
        None => ConfigFile::default(),
    };
    let profile = choose_profile(env, &file, profile_flag)?;
    Ok((path, file, profile))
}

/// The network settings alone (timeouts, proxy, CA certificates), for a download that is not an
/// Atlas API request (`atlas plugin install <https-URL>`): no credentials are read, so none can
/// go with it.
pub fn network(env: &Env, profile_flag: Option<&str>) -> Result<NetworkSettings, ConfigError> {
    let (_, file, profile) = load(env, profile_flag)?;
    let keyring = std::collections::BTreeMap::new();
    network::resolve(&Lookup {
        env,
        file: &file,
        profile: &profile,
        keyring: &keyring,
    })
}

/// The settings from these sources (the keyring already read, or why not).
pub fn resolve_with(
    env: &Env,
    file: &ConfigFile,
    path: Option<PathBuf>,
    profile: &str,
    keyring: Result<Loaded, Unavailable>,
) -> Result<Settings, ConfigError> {
    file.check(profile).map_err(|bad| ConfigError::Value {
        path: path.clone(),
        bad,
    })?;
    let (loaded, keyring_note) = match keyring {
        Ok(loaded) => (Some(loaded), None),
        Err(why) => (None, Some(why)),
    };
    let secrets = loaded
        .as_ref()
        .map(|l| l.secrets.clone())
        .unwrap_or_default();
    let lookup = Lookup {
        env,
        file,
        profile,
        keyring: &secrets,
    };
    let service = lookup.get("service");
    if let Some(svc) = service
        .as_deref()
        .filter(|s| !matches!(*s, "cloud" | "cloudgov"))
    {
        return Err(ConfigError::UnsupportedService(svc.to_string()));
    }
    let base_url = base_url(&lookup, service.as_deref())?;
    let account_url = match lookup.get("account_url") {
        Some(url) => check_url(url)?,
        None => base_url.clone(),
    };
    let credentials = credentials::resolve(&lookup, service.as_deref())?;
    let token_home = token_home(&credentials, loaded, path, profile);
    Ok(Settings {
        public: api::Settings {
            org_id: lookup.get("org_id"),
            project_id: lookup.get("project_id"),
            output: lookup.get("output"),
            profile: profile.to_string(),
        },
        base_url,
        account_url,
        credentials,
        token_home,
        network: network::resolve(&lookup)?,
        cache_dir: env.cache_dir().map(|d| d.join("atlascli")),
        debug: false,
        keyring_note,
    })
}

/// `-P`, else `MONGODB_ATLAS_PROFILE`, else the only profile in the file, else `default`;
/// lower-cased, and never with a `.` (the Go CLI's rules).
pub fn choose_profile(
    env: &Env,
    file: &ConfigFile,
    flag: Option<&str>,
) -> Result<String, ConfigError> {
    let names = file.profile_names();
    let only = (names.len() == 1).then(|| names[0]);
    let chosen = flag
        .filter(|f| !f.is_empty())
        .or_else(|| env.get("MONGODB_ATLAS_PROFILE"))
        .or(only)
        .unwrap_or("default")
        .to_lowercase();
    if chosen.contains('.') {
        return Err(ConfigError::ProfileDot(chosen));
    }
    Ok(chosen)
}

fn base_url(lookup: &Lookup<'_>, service: Option<&str>) -> Result<String, ConfigError> {
    // MONGODB_ATLAS_OPS_MANAGER_URL wins over MONGODB_ATLAS_BASE_URL; `base_url` is the file alias.
    let configured = lookup
        .env
        .get("MONGODB_ATLAS_OPS_MANAGER_URL")
        .or_else(|| lookup.env.get("MONGODB_ATLAS_BASE_URL"))
        .map(str::to_string)
        .or_else(|| lookup.file_value("ops_manager_url").map(|(v, _)| v))
        .or_else(|| lookup.file_value("base_url").map(|(v, _)| v));
    check_url(match (configured, service) {
        (Some(url), _) => url,
        (None, Some("cloudgov")) => CLOUDGOV_URL.to_string(),
        (None, _) => CLOUD_URL.to_string(),
    })
}

/// An http(s) URL with a host and nothing after the path; one trailing `/` trimmed.
fn check_url(url: String) -> Result<String, ConfigError> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    if rest.is_none_or(|r| r.is_empty() || r.starts_with('/') || r.contains(['?', '#', ' '])) {
        return Err(ConfigError::BaseUrl(url));
    }
    Ok(url.strip_suffix('/').unwrap_or(&url).to_string())
}

fn token_home(
    credentials: &Credentials,
    keyring: Option<Loaded>,
    path: Option<PathBuf>,
    profile: &str,
) -> TokenHome {
    let top_level = matches!(
        credentials,
        Credentials::UserAccount {
            origin: Origin::TopLevel,
            ..
        }
    );
    match (keyring, path) {
        (Some(keyring), lock) => TokenHome::Keyring {
            store: keyring.store,
            profile: profile.to_string(),
            timeout: keyring.timeout,
            lock,
        },
        (None, Some(path)) if top_level => TokenHome::File {
            path,
            place: Place::TopLevel,
        },
        (None, Some(path)) => TokenHome::File {
            path,
            place: Place::Profile(profile.to_string()),
        },
        (None, None) => TokenHome::Nowhere,
    }
}

#[cfg(test)]
mod tests;
