//! Which credentials a run authenticates with, chosen as the Go Atlas CLI's `Profile.AuthType`
//! does: a client id and secret mean a service account, else both API keys mean API keys, else
//! the profile's `auth_type`. Secrets are wrapped in [`Secret`] as they are read.

use super::ConfigError;
use super::lookup::{Lookup, Origin};
use crate::secret::Secret;

/// The OAuth client id of the Go Atlas CLI for `cloud` (`transport.ClientID`).
pub const CLOUD_CLIENT_ID: &str = "0oabtxactgS3gHIR0297";
/// The OAuth client id of the Go Atlas CLI for `cloudgov` (`transport.GovClientID`).
pub const CLOUDGOV_CLIENT_ID: &str = "0oabtyfelbTBdoucy297";

/// The credentials the host authenticates with. They never leave the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// No credentials (`no_auth`, or none configured): requests go out unauthenticated.
    None,
    /// Programmatic API keys, sent with HTTP Digest.
    ApiKeys { public: String, private: Secret },
    /// `atlas auth login` tokens: the access token as Bearer, refreshed first when expired.
    UserAccount {
        access: Secret,
        refresh: Option<Secret>,
        /// The OAuth client the refresh is made for.
        client_id: String,
        /// Where the access token was read from, so the refreshed one goes back there.
        origin: Origin,
    },
    /// A service account: client credentials traded for a Bearer token.
    ServiceAccount { client_id: String, secret: Secret },
}

/// The credentials `lookup` holds, by the Go CLI's inference.
pub fn resolve(lookup: &Lookup<'_>, service: Option<&str>) -> Result<Credentials, ConfigError> {
    let configured = lookup.get("auth_type").unwrap_or_default();
    let client = lookup.get("client_id").zip(lookup.get("client_secret"));
    let keys = lookup
        .get("public_api_key")
        .zip(lookup.get("private_api_key"));
    let auth_type = match configured.as_str() {
        t if t != "service_account" && client.is_some() => "service_account",
        t if t != "api_keys" && keys.is_some() => "api_keys",
        "" | "api_keys" | "user_account" | "service_account" | "no_auth" => configured.as_str(),
        other => return Err(ConfigError::AuthType(other.to_string())),
    };
    Ok(match (auth_type, client, keys) {
        ("service_account", Some((client_id, secret)), _) => Credentials::ServiceAccount {
            client_id,
            secret: Secret::new(secret),
        },
        ("api_keys", _, Some((public, private))) => Credentials::ApiKeys {
            public,
            private: Secret::new(private),
        },
        ("user_account", _, _) => user_account(lookup, service),
        _ => Credentials::None,
    })
}

fn user_account(lookup: &Lookup<'_>, service: Option<&str>) -> Credentials {
    let Some((access, origin)) = lookup.find("access_token") else {
        return Credentials::None;
    };
    // The Go CLI's `FlowWithConfig`: the profile's client_id if set, else the service's.
    let client_id = lookup.get("client_id").unwrap_or_else(|| {
        match service {
            Some("cloudgov") => CLOUDGOV_CLIENT_ID,
            _ => CLOUD_CLIENT_ID,
        }
        .to_string()
    });
    Credentials::UserAccount {
        access: Secret::new(access),
        refresh: lookup.get("refresh_token").map(Secret::new),
        client_id,
        origin,
    }
}
