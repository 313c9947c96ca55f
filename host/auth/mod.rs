//! Authenticated sends, one per method the Go Atlas CLI has:
//! - `api_keys`: HTTP Digest (challenge, stale nonce and nonce counting in
//!   [`crate::http::exchange`]);
//! - `user_account`: the access token as Bearer; an expired one (JWT `exp`) is refreshed first
//!   and the new tokens saved where the Go CLI keeps them (keyring, else the config file), under
//!   the lock that lets parallel runs share one session ([`session`]);
//! - `service_account`: a client-credentials token as Bearer, reused from the cache until it
//!   expires;
//! - `no_auth` (or nothing configured): no credentials.
//!
//! And the built-in `atlas auth login | logout | whoami` that put credentials there ([`cmd`]).

mod cache;
pub mod cmd;
mod device;
mod jwt;
mod login;
mod logout;
mod oauth;
mod prompt;
mod session;
mod store;

use std::time::SystemTime;

use atlas_plugin_api::HttpResponse;

use crate::config::keyring::Unavailable;
use crate::config::{Credentials, Settings};
use crate::http::client::{Client, Received};
use crate::http::exchange::{self, Auth};
use crate::http::{NetworkError, Prepared};
use crate::secret::Secret;
use crate::trace::Redactor;
pub use cache::TokenCache;

/// The Go CLI's `commonerrors.ErrUnauthorized` text.
pub const ERR_UNAUTHORIZED: &str = "unauthorized\n\nTo log in using your Atlas username and password or to set credentials using a Service account or API keys, run: atlas auth login";

/// The Go CLI's `commonerrors.ErrInvalidRefreshToken` text (the space after "periodically." is
/// in the Go source).
pub const ERR_SESSION_EXPIRED: &str = "session expired\n\nPlease note that your session expires periodically. \nIf you use Atlas CLI for automation, see https://www.mongodb.com/docs/atlas/cli/stable/atlas-cli-automate/ for best practices.\nTo login, run: atlas auth login";

/// Why no authenticated request could be made.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// The refresh token was refused: the user must log in again.
    #[error("{ERR_SESSION_EXPIRED}")]
    SessionExpired,
    /// The service account's id or secret was refused.
    #[error("{ERR_UNAUTHORIZED}")]
    Unauthorized,
    /// A token endpoint failed otherwise.
    #[error("POST {url}: HTTP {status}: {detail}")]
    Token {
        url: String,
        status: u16,
        /// `errorCode` (Atlas) or `error` (OAuth), when the body had one.
        code: Option<String>,
        detail: String,
    },
    /// No answer from a token endpoint.
    #[error(transparent)]
    Network(#[from] NetworkError),
}

/// A failed send: no answer from the API, or no credentials to send with.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// See [`NetworkError`].
    #[error(transparent)]
    Network(#[from] NetworkError),
    /// See [`AuthError`].
    #[error(transparent)]
    Auth(#[from] AuthError),
}

/// A redactor that knows every secret of these settings.
pub fn redactor(settings: &Settings) -> Redactor {
    let secrets = match &settings.credentials {
        Credentials::None => vec![],
        Credentials::ApiKeys { private, .. } => vec![private.clone()],
        Credentials::UserAccount {
            access, refresh, ..
        } => [Some(access.clone()), refresh.clone()]
            .into_iter()
            .flatten()
            .collect(),
        Credentials::ServiceAccount { secret, .. } => vec![secret.clone()],
    };
    Redactor::new(secrets)
}

/// Sends `req` with the credentials of `settings`; the answer as received (bytes, not text).
pub fn send(
    client: &Client<'_>,
    settings: &Settings,
    req: &Prepared,
) -> Result<Received, SendError> {
    match &settings.keyring_note {
        Some(Unavailable::Absent(why)) => client.trace(&format!("* keyring not used: {why}")),
        Some(Unavailable::TimedOut(limit)) => client.report().notice(&format!(
            "the OS keyring did not answer within {} s; secrets kept there were not used",
            limit.as_secs_f64()
        )),
        None => {}
    }
    let received = match &settings.credentials {
        Credentials::None => exchange::send(client, req, Auth::None)?,
        Credentials::ApiKeys { public, private } => exchange::send(
            client,
            req,
            Auth::Digest {
                user: public,
                password: private,
            },
        )?,
        Credentials::UserAccount {
            access,
            refresh,
            client_id,
            origin,
        } => {
            let user = session::UserTokens {
                access,
                refresh: refresh.as_ref(),
                client_id,
                origin: *origin,
            };
            let token = session::user_token(client, settings, user)?;
            exchange::send(client, req, Auth::Bearer(&token))?
        }
        Credentials::ServiceAccount { client_id, secret } => {
            service_account(client, settings, req, client_id, secret)?
        }
    };
    Ok(received)
}

/// What a plugin's `render` is told about an answer.
pub fn into_response(received: &Received) -> HttpResponse {
    HttpResponse {
        content_type: received.header("content-type").map(str::to_string),
        status: received.status,
        body: received.text(),
    }
}

/// Sends with a service-account token, from the cache or fetched; a token the API refuses is
/// dropped from the cache so that the next run fetches a new one.
fn service_account(
    client: &Client<'_>,
    settings: &Settings,
    req: &Prepared,
    client_id: &str,
    secret: &Secret,
) -> Result<Received, SendError> {
    let token_url = format!("{}{}", settings.base_url, oauth::TOKEN_PATH);
    let cache = settings
        .cache_dir
        .as_ref()
        .map(|dir| TokenCache::new(dir, &token_url, client_id, secret));
    let token = {
        // Held until the token is cached: parallel runs without one fetch one between them.
        let network = &settings.network;
        let wait = network.connect_timeout + network.timeout + std::time::Duration::from_secs(5);
        let _locked = cache.as_ref().and_then(|c| c.lock(wait));
        match cache.as_ref().and_then(|c| c.load(SystemTime::now())) {
            Some(token) => {
                client.trace("* using the cached service-account token");
                token
            }
            None => {
                let tokens =
                    oauth::client_credentials(client, &settings.base_url, client_id, secret)?;
                if let (Some(cache), Some(expires_at)) = (&cache, tokens.expires_at)
                    && let Err(e) = cache.store(&tokens.access_token, expires_at)
                {
                    client.trace(&format!("* the token could not be cached: {e}"));
                }
                tokens.access_token
            }
        }
    };
    client.hide(&token);
    let received = exchange::send(client, req, Auth::Bearer(&token))?;
    if received.status == 401
        && let Some(cache) = &cache
    {
        cache.forget();
    }
    Ok(received)
}
