//! Authenticated sends, one per method the Go Atlas CLI has:
//! - `api_keys`: HTTP Digest (challenge, stale nonce and nonce counting in
//!   [`crate::http::exchange`]);
//! - `user_account`: the access token as Bearer; an expired one (JWT `exp`) is refreshed first
//!   and the new tokens saved where the Go CLI keeps them (keyring, else the config file);
//! - `service_account`: a client-credentials token as Bearer, reused from the cache until it
//!   expires;
//! - `no_auth` (or nothing configured): no credentials.

mod cache;
mod jwt;
mod oauth;

use std::time::SystemTime;

use atlas_plugin_api::HttpResponse;

use crate::config::keyring::{self, Unavailable};
use crate::config::{self, Credentials, Settings, TokenHome};
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
            ..
        } => {
            let token = user_token(client, settings, access, refresh.as_ref(), client_id)?;
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

/// The access token to send: as is, or refreshed first when its `exp` has passed.
fn user_token(
    client: &Client<'_>,
    settings: &Settings,
    access: &Secret,
    refresh: Option<&Secret>,
    client_id: &str,
) -> Result<Secret, AuthError> {
    let expired =
        jwt::expiry(access.expose()).is_some_and(|exp| jwt::expired(exp, SystemTime::now()));
    // Without a refresh token an expired token is sent anyway: the server's 401 then says what
    // to do, as it does for the Go CLI.
    let Some(refresh) = refresh.filter(|_| expired) else {
        return Ok(access.clone());
    };
    client.trace("* the access token has expired: refreshing it");
    let tokens = oauth::refresh(client, &settings.account_url, client_id, refresh)?;
    client.hide(&tokens.access_token);
    if let Some(r) = &tokens.refresh_token {
        client.hide(r);
    }
    save_tokens(client, &settings.token_home, &tokens);
    Ok(tokens.access_token)
}

/// Saves refreshed tokens where they were found; a failure is reported, not fatal (this run
/// has its token; the next may have to log in again).
fn save_tokens(client: &Client<'_>, home: &TokenHome, tokens: &oauth::Tokens) {
    let mut values = vec![("access_token", tokens.access_token.expose())];
    if let Some(refresh) = &tokens.refresh_token {
        values.push(("refresh_token", refresh.expose()));
    }
    let saved = match home {
        TokenHome::Keyring {
            store,
            profile,
            timeout,
        } => keyring::save(store, profile, &values, *timeout),
        TokenHome::File { path, place } => {
            config::save(path, place, &values).map_err(|e| e.to_string())
        }
        TokenHome::Nowhere => Ok(()),
    };
    if let Err(why) = saved {
        client
            .report()
            .notice(&format!("the refreshed tokens could not be saved: {why}"));
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
    let cached = cache.as_ref().and_then(|c| c.load(SystemTime::now()));
    let token = match cached {
        Some(token) => {
            client.trace("* using the cached service-account token");
            token
        }
        None => {
            let tokens = oauth::client_credentials(client, &settings.base_url, client_id, secret)?;
            if let (Some(cache), Some(expires_at)) = (&cache, tokens.expires_at)
                && let Err(e) = cache.store(&tokens.access_token, expires_at)
            {
                client.trace(&format!("* the token could not be cached: {e}"));
            }
            tokens.access_token
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
