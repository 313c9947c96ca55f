//! Network settings: the timeouts (`http_connect_timeout`, `http_timeout`, seconds, from
//! `MONGODB_ATLAS_HTTP_*` or the config file like every other key) and the proxy variables,
//! read as Go's `http.ProxyFromEnvironment` reads them (upper case first), and the CA
//! certificate variables Go reads (`SSL_CERT_FILE`, `SSL_CERT_DIR`).

use std::time::Duration;

use super::ConfigError;
use super::lookup::Lookup;

/// The default time to establish a connection (DNS, TCP, TLS, proxy).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default limit on a whole request, from connecting to the last byte of the answer.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// How the host reaches the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkSettings {
    /// The connect timeout.
    pub connect_timeout: Duration,
    /// The overall timeout of one request.
    pub timeout: Duration,
    /// The proxy variables.
    pub proxy: ProxyEnv,
    /// `SSL_CERT_FILE`: a PEM bundle that replaces the system's default bundle file.
    pub cert_file: Option<std::path::PathBuf>,
    /// `SSL_CERT_DIR`: `:`-separated directories that replace the system's default ones.
    pub cert_dirs: Option<String>,
}

impl Default for NetworkSettings {
    fn default() -> Self {
        Self {
            connect_timeout: CONNECT_TIMEOUT,
            timeout: TIMEOUT,
            proxy: ProxyEnv::default(),
            cert_file: None,
            cert_dirs: None,
        }
    }
}

/// `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (or their lower-case forms).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyEnv {
    /// The proxy for `https://` URLs.
    pub https: Option<String>,
    /// The proxy for `http://` URLs.
    pub http: Option<String>,
    /// Hosts reached directly.
    pub no_proxy: Option<String>,
}

/// The network settings of this run.
pub fn resolve(lookup: &Lookup<'_>) -> Result<NetworkSettings, ConfigError> {
    let env = lookup.env;
    let any = |names: [&str; 2]| names.iter().find_map(|n| env.get(n)).map(str::to_string);
    Ok(NetworkSettings {
        connect_timeout: seconds(lookup, "http_connect_timeout", CONNECT_TIMEOUT)?,
        timeout: seconds(lookup, "http_timeout", TIMEOUT)?,
        proxy: ProxyEnv {
            https: any(["HTTPS_PROXY", "https_proxy"]),
            http: any(["HTTP_PROXY", "http_proxy"]),
            no_proxy: any(["NO_PROXY", "no_proxy"]),
        },
        cert_file: env.path("SSL_CERT_FILE"),
        cert_dirs: env.get("SSL_CERT_DIR").map(str::to_string),
    })
}

fn seconds(lookup: &Lookup<'_>, key: &str, default: Duration) -> Result<Duration, ConfigError> {
    let Some(text) = lookup.get(key) else {
        return Ok(default);
    };
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0 && *s <= 86_400.0)
        .map(Duration::from_secs_f64)
        .ok_or(ConfigError::Timeout {
            key: key.to_string(),
            value: text,
        })
}

/// The proxy variables of `env` alone (for tests).
#[cfg(test)]
pub fn proxy_env(env: &crate::env::Env) -> ProxyEnv {
    let file = super::file::ConfigFile::default();
    let keyring = Default::default();
    let lookup = Lookup {
        env,
        file: &file,
        profile: "default",
        keyring: &keyring,
    };
    resolve(&lookup).unwrap().proxy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::Env;

    #[test]
    fn upper_case_proxy_variables_win_and_empty_ones_do_not_count() {
        let env = Env::from_pairs([
            ("HTTPS_PROXY", "http://upper:1"),
            ("https_proxy", "http://lower:1"),
            ("HTTP_PROXY", ""),
            ("http_proxy", "http://lower:2"),
            ("no_proxy", ".example.com"),
        ]);
        let proxy = proxy_env(&env);
        assert_eq!(proxy.https.as_deref(), Some("http://upper:1"));
        assert_eq!(proxy.http.as_deref(), Some("http://lower:2"));
        assert_eq!(proxy.no_proxy.as_deref(), Some(".example.com"));
    }
}
