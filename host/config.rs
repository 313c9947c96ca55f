//! Settings as the Atlas CLI resolves them: `-P` flag, `MONGODB_ATLAS_*` environment, and
//! `<config dir>/atlascli/config.toml` (global keys, then one table per profile). Everything is
//! validated here, before any plugin runs or any socket opens.

use std::path::{Path, PathBuf};

use atlas_plugin_api as api;

use crate::env::Env;
use crate::secret::Secret;

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
    #[error(
        "invalid base URL \"{0}\"\nhelp: set ops_manager_url (or MONGODB_ATLAS_OPS_MANAGER_URL) to an http:// or https:// URL"
    )]
    BaseUrl(String),
}

/// The credentials the host authenticates with. They never leave the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// No credentials: requests go out unauthenticated (the server will say `unauthorized`).
    None,
    /// Programmatic API keys, sent with HTTP Digest.
    ApiKeys { public: String, private: Secret },
}

/// Everything the host resolved: the secret-free part for plugins, and the rest.
#[derive(Debug, Clone)]
pub struct Settings {
    /// What plugins see.
    pub public: api::Settings,
    /// The API base URL, without a trailing `/`.
    pub base_url: String,
    /// How to authenticate.
    pub credentials: Credentials,
}

/// The parsed config file: global keys and profile tables.
#[derive(Debug, Default)]
struct ConfigFile {
    table: toml::Table,
}

impl ConfigFile {
    fn load(path: &Path) -> Result<Self, ConfigError> {
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
        let table = text
            .parse::<toml::Table>()
            .map_err(|e| ConfigError::Parse {
                path: path.into(),
                message: e.message().to_string(),
            })?;
        Ok(Self { table })
    }

    fn profile_names(&self) -> Vec<&str> {
        self.table
            .iter()
            .filter(|(_, v)| v.is_table())
            .map(|(k, _)| k.as_str())
            .collect()
    }

    fn global(&self, key: &str) -> Option<&str> {
        self.table
            .get(key)
            .and_then(toml::Value::as_str)
            .filter(|v| !v.is_empty())
    }

    fn profile(&self, profile: &str, key: &str) -> Option<&str> {
        let table = self.table.get(profile)?.as_table()?;
        table
            .get(key)
            .and_then(toml::Value::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// Where the config file lives: `<config dir>/atlascli/config.toml`.
pub fn config_path(env: &Env) -> Option<PathBuf> {
    Some(env.config_dir()?.join("atlascli").join("config.toml"))
}

/// Resolves the settings for one command run. `profile_flag` is `-P/--profile`.
pub fn resolve(env: &Env, profile_flag: Option<&str>) -> Result<Settings, ConfigError> {
    let file = match config_path(env) {
        Some(path) => ConfigFile::load(&path)?,
        None => ConfigFile::default(),
    };
    resolve_with(env, &file, profile_flag)
}

fn resolve_with(
    env: &Env,
    file: &ConfigFile,
    profile_flag: Option<&str>,
) -> Result<Settings, ConfigError> {
    let profile = choose_profile(env, file, profile_flag)?;
    let lookup = Lookup {
        env,
        file,
        profile: &profile,
    };
    let service = lookup.get("service");
    if let Some(svc) = &service
        && svc != "cloud"
        && svc != "cloudgov"
    {
        return Err(ConfigError::UnsupportedService(svc.clone()));
    }
    let base_url = base_url(&lookup, service.as_deref())?;
    let credentials = match (lookup.get("public_api_key"), lookup.get("private_api_key")) {
        (Some(public), Some(private)) => Credentials::ApiKeys {
            public,
            private: Secret::new(private),
        },
        _ => Credentials::None,
    };
    let public = api::Settings {
        org_id: lookup.get("org_id"),
        project_id: lookup.get("project_id"),
        output: lookup.get("output"),
        profile,
    };
    Ok(Settings {
        public,
        base_url,
        credentials,
    })
}

fn choose_profile(env: &Env, file: &ConfigFile, flag: Option<&str>) -> Result<String, ConfigError> {
    let names = file.profile_names();
    let chosen = flag
        .filter(|f| !f.is_empty())
        .or_else(|| env.get("MONGODB_ATLAS_PROFILE"))
        .or(if names.len() == 1 {
            Some(names[0])
        } else {
            None
        })
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
        .or_else(|| lookup.file_value("ops_manager_url"))
        .or_else(|| lookup.file_value("base_url"));
    let url = match (configured, service) {
        (Some(url), _) => url,
        (None, Some("cloudgov")) => CLOUDGOV_URL.to_string(),
        (None, _) => CLOUD_URL.to_string(),
    };
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    if rest.is_none_or(|r| r.is_empty() || r.starts_with('/') || r.contains(['?', '#', ' '])) {
        return Err(ConfigError::BaseUrl(url));
    }
    Ok(url.strip_suffix('/').unwrap_or(&url).to_string())
}

/// One value: environment > top-level key > profile key; empty values don't count.
struct Lookup<'a> {
    env: &'a Env,
    file: &'a ConfigFile,
    profile: &'a str,
}

impl Lookup<'_> {
    fn get(&self, key: &str) -> Option<String> {
        let var = format!("MONGODB_ATLAS_{}", key.to_ascii_uppercase());
        self.env
            .get(&var)
            .map(str::to_string)
            .or_else(|| self.file_value(key))
    }

    fn file_value(&self, key: &str) -> Option<String> {
        self.file
            .global(key)
            .or_else(|| self.file.profile(self.profile, key))
            .map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Vars<'a> = &'a [(&'a str, &'a str)];

    fn file(text: &str) -> ConfigFile {
        ConfigFile {
            table: text.parse().unwrap(),
        }
    }

    fn resolve_text(env: &[(&str, &str)], text: &str, flag: Option<&str>) -> Settings {
        resolve_with(&Env::from_pairs(env.iter().copied()), &file(text), flag).unwrap()
    }

    #[test]
    fn profile_choice_follows_flag_env_only_profile_default() {
        let two = "[a]\norg_id='1'\n[b]\norg_id='2'\n";
        let one = "version = 2\n[only]\norg_id='1'\n";
        let env = [("MONGODB_ATLAS_PROFILE", "B")];
        let cases: &[(Vars, &str, Option<&str>, &str)] = &[
            (&env, two, Some("A"), "a"),
            (&env, two, None, "b"),
            (&[], one, None, "only"),
            (&[], two, None, "default"),
            (&[], "", None, "default"),
        ];
        for (env, text, flag, want) in cases {
            assert_eq!(
                resolve_text(env, text, *flag).public.profile,
                *want,
                "{text} {flag:?}"
            );
        }
    }

    #[test]
    fn rejects_profile_with_a_dot_and_unknown_service() {
        let err = resolve_with(&Env::default(), &file(""), Some("a.b")).unwrap_err();
        assert_eq!(err.to_string(), "profile should not contain '.': \"a.b\"");
        let err = resolve_with(&Env::default(), &file("[default]\nservice='x'"), None).unwrap_err();
        assert_eq!(err.to_string(), "unsupported service: x");
    }

    #[test]
    fn env_beats_top_level_beats_profile_and_empty_does_not_count() {
        let text = "org_id = 'top'\n[default]\norg_id = 'prof'\noutput = 'json'\nproject_id = ''\n";
        let s = resolve_text(&[], text, None);
        assert_eq!(s.public.org_id.as_deref(), Some("top"));
        assert_eq!(s.public.output.as_deref(), Some("json"));
        assert_eq!(s.public.project_id, None);
        let s = resolve_text(&[("MONGODB_ATLAS_ORG_ID", "env")], text, None);
        assert_eq!(s.public.org_id.as_deref(), Some("env"));
        let s = resolve_text(&[("MONGODB_ATLAS_ORG_ID", "")], text, None);
        assert_eq!(s.public.org_id.as_deref(), Some("top"));
    }

    #[test]
    fn base_url_from_env_file_alias_service_or_default() {
        let cases: &[(Vars, &str, &str)] = &[
            (&[], "", CLOUD_URL),
            (&[], "[default]\nservice='cloudgov'", CLOUDGOV_URL),
            (&[], "[default]\nbase_url='http://h:1/'", "http://h:1"),
            (&[], "[default]\nops_manager_url='http://o//'", "http://o/"),
            (&[("MONGODB_ATLAS_BASE_URL", "http://b")], "", "http://b"),
            (
                &[
                    ("MONGODB_ATLAS_BASE_URL", "http://b"),
                    ("MONGODB_ATLAS_OPS_MANAGER_URL", "http://o"),
                ],
                "",
                "http://o",
            ),
        ];
        for (env, text, want) in cases {
            assert_eq!(
                resolve_text(env, text, None).base_url,
                *want,
                "{env:?} {text}"
            );
        }
        let bad = Env::from_pairs([("MONGODB_ATLAS_OPS_MANAGER_URL", "ftp://x")]);
        assert!(matches!(
            resolve_with(&bad, &file(""), None),
            Err(ConfigError::BaseUrl(_))
        ));
    }

    #[test]
    fn api_keys_need_both_halves_and_stay_secret() {
        let env = [
            ("MONGODB_ATLAS_PUBLIC_API_KEY", "pub"),
            ("MONGODB_ATLAS_PRIVATE_API_KEY", "priv"),
        ];
        let s = resolve_text(&env, "", None);
        assert_eq!(
            s.credentials,
            Credentials::ApiKeys {
                public: "pub".into(),
                private: Secret::new("priv")
            }
        );
        assert!(!format!("{s:?}").contains("priv\""));
        let s = resolve_text(&env[..1], "", None);
        assert_eq!(s.credentials, Credentials::None);
    }
}
