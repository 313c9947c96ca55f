//! A user account's session, shared by every `atlas` process of the profile. Atlas rotates
//! refresh tokens (a refresh token works once), so an expired access token is refreshed under
//! the lock of the place the tokens are kept (config.toml's `.config.toml.lock`, which also
//! guards the profile's tokens in the keyring), after reading that place again:
//! - a valid access token another process saved meanwhile is used as it is (no second refresh,
//!   which the server would refuse as a replayed refresh token);
//! - else the newest saved refresh token is the one traded;
//! - the new pair is saved before the lock is released.
//!
//! A pair that could not be saved (read-only directory, full disk, a keyring that failed) still
//! serves this run, and is kept in a 0600 file under the cache directory with how to restore it;
//! the user is told where (the tokens themselves are never printed).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{AuthError, jwt, oauth};
use crate::config::keyring;
use crate::config::{self, ConfigFile, Origin, Place, Settings, TokenHome};
use crate::fsutil;
use crate::http::client::Client;
use crate::secret::Secret;

/// A user account's credentials as configured.
#[derive(Debug, Clone, Copy)]
pub struct UserTokens<'a> {
    pub access: &'a Secret,
    pub refresh: Option<&'a Secret>,
    pub client_id: &'a str,
    /// Where the access token was read from.
    pub origin: Origin,
}

/// The access token to send: as is, or refreshed first when its `exp` has passed.
pub fn user_token(
    client: &Client<'_>,
    settings: &Settings,
    user: UserTokens<'_>,
) -> Result<Secret, AuthError> {
    // Without a refresh token an expired token is sent anyway: the server's 401 then says what
    // to do, as it does for the Go CLI.
    let Some(mut refresh) = user.refresh.filter(|_| expired(user.access)).cloned() else {
        return Ok(user.access.clone());
    };
    let locked = lock(client, settings);
    // Tokens from the environment are the user's to manage: nothing saved is read instead.
    if user.origin != Origin::Env
        && let Some(saved) = reread(&settings.token_home)
    {
        if let Some(access) = saved.access.filter(|a| a != user.access && !expired(a)) {
            client.hide(&access);
            client.trace("* the access token has expired: using the one another atlas saved");
            return Ok(access);
        }
        if let Some(newer) = saved.refresh.filter(|r| *r != refresh) {
            client.hide(&newer);
            refresh = newer;
        }
    }
    client.trace("* the access token has expired: refreshing it");
    let tokens = oauth::refresh(client, &settings.account_url, user.client_id, &refresh)?;
    client.hide(&tokens.access_token);
    if let Some(r) = &tokens.refresh_token {
        client.hide(r);
    }
    save(client, settings, locked.as_ref(), &tokens);
    Ok(tokens.access_token)
}

fn expired(token: &Secret) -> bool {
    jwt::expiry(token.expose()).is_some_and(|exp| jwt::expired(exp, SystemTime::now()))
}

/// The config file whose lock guards the session, if any.
fn lock_target(home: &TokenHome) -> Option<&Path> {
    match home {
        TokenHome::File { path, .. } => Some(path),
        TokenHome::Keyring { lock, .. } => lock.as_deref(),
        TokenHome::Nowhere => None,
    }
}

/// The session's lock. Another process holds it at most for one refresh request, which its
/// timeouts bound; if it cannot be had (a read-only directory), the refresh goes ahead alone.
fn lock(client: &Client<'_>, settings: &Settings) -> Option<fsutil::Lock> {
    let target = lock_target(&settings.token_home)?;
    let network = &settings.network;
    let wait = network.connect_timeout + network.timeout + Duration::from_secs(5);
    match config::lock(target, wait) {
        Ok(locked) => Some(locked),
        Err(e) => {
            client.trace(&format!("* refreshing without the lock: {e}"));
            None
        }
    }
}

/// The tokens saved now.
#[derive(Debug, Default)]
struct Saved {
    access: Option<Secret>,
    refresh: Option<Secret>,
}

/// What the token home holds now (read under the lock), if it can be read.
fn reread(home: &TokenHome) -> Option<Saved> {
    match home {
        TokenHome::File { path, place } => {
            let file = ConfigFile::load(path).ok()?;
            let get = |key: &str| match place {
                Place::TopLevel => file.global(key),
                Place::Profile(p) => file.profile(p, key),
            };
            Some(Saved {
                access: get("access_token").map(Secret::new),
                refresh: get("refresh_token").map(Secret::new),
            })
        }
        TokenHome::Keyring {
            store,
            profile,
            timeout,
            ..
        } => {
            let loaded = keyring::read_within(store, profile, *timeout).ok()?;
            let get = |key: &str| loaded.secrets.get(key).filter(|s| !s.expose().is_empty());
            Some(Saved {
                access: get("access_token").cloned(),
                refresh: get("refresh_token").cloned(),
            })
        }
        TokenHome::Nowhere => None,
    }
}

/// Saves refreshed tokens where they were found; a failure is reported and the tokens rescued,
/// not fatal (this run has its token).
fn save(
    client: &Client<'_>,
    settings: &Settings,
    locked: Option<&fsutil::Lock>,
    tokens: &oauth::Tokens,
) {
    let mut values = vec![("access_token", tokens.access_token.expose())];
    if let Some(refresh) = &tokens.refresh_token {
        values.push(("refresh_token", refresh.expose()));
    }
    let saved = match &settings.token_home {
        TokenHome::Keyring {
            store,
            profile,
            timeout,
            ..
        } => keyring::save(store, profile, &values, *timeout)
            .map_err(|e| format!("the keyring refused them: {e}")),
        TokenHome::File { path, place } => match locked {
            Some(locked) => config::save_locked(path, locked, place, &values),
            None => config::save(path, place, &values),
        }
        .map_err(|e| e.to_string()),
        TokenHome::Nowhere => Ok(()),
    };
    let Err(why) = saved else { return };
    let message = match rescue(settings, &values, &why) {
        Ok(kept) => format!(
            "the refreshed session could not be saved ({why}); this run uses it, and it is kept in {} (readable only by you) with how to restore it; otherwise the next run will need `atlas auth login`",
            kept.display()
        ),
        Err((kept, e)) => format!(
            "the refreshed session could not be saved ({why}), nor kept in {} ({e}); this run uses it, but the next one will need `atlas auth login`",
            kept.display()
        ),
    };
    client.report().notice(&message);
}

/// Writes the tokens to `<cache dir>/atlascli/tokens/user-<profile>.toml` (0600), with how to put
/// them back. Returns the file, or the file and why it could not be written.
fn rescue(
    settings: &Settings,
    values: &[(&str, &str)],
    why: &str,
) -> Result<PathBuf, (PathBuf, String)> {
    let profile = &settings.public.profile;
    let Some(cache) = &settings.cache_dir else {
        let nowhere = PathBuf::from("<cache dir>/atlascli/tokens");
        return Err((
            nowhere,
            "no cache directory: set HOME or XDG_CACHE_HOME".into(),
        ));
    };
    let dir = cache.join("tokens");
    // A profile name is lower-cased and has no `.`, but may hold anything else (`-P a/b`).
    let name: String = profile
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(format!("user-{name}.toml"));
    let text = rescue_text(settings, values, why);
    fsutil::create_private_dir(&dir)
        .and_then(|()| fsutil::write_atomic(&path, text.as_bytes()))
        .map_err(|e| (path.clone(), e.to_string()))?;
    Ok(path)
}

fn rescue_text(settings: &Settings, values: &[(&str, &str)], why: &str) -> String {
    let profile = &settings.public.profile;
    let home = match &settings.token_home {
        TokenHome::File {
            path,
            place: Place::TopLevel,
        } => format!("the top of {}", path.display()),
        TokenHome::File { path, .. } => format!("the [{profile}] table of {}", path.display()),
        _ => format!("the OS keyring (service atlascli_{profile})"),
    };
    let mut text = format!(
        "# atlas refreshed the session of profile \"{profile}\" but could not save it:\n# {why}\n# Put these values in {home}, in place of the old ones, then delete this file.\n# (The old refresh token no longer works.) Otherwise run: atlas auth login\n"
    );
    for (key, value) in values {
        text.push_str(&format!("{key} = {}\n", toml_edit::Value::from(*value)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rescue_file_says_where_the_tokens_go_and_parses_as_toml() {
        let env = crate::env::Env::from_pairs([("MONGODB_ATLAS_PROFILE", "work")]);
        let file = ConfigFile::parse("").unwrap();
        let no_keyring = Err(keyring::Unavailable::Absent("none".into()));
        let path = PathBuf::from("/cfg/atlascli/config.toml");
        let settings = config::resolve_with(&env, &file, Some(path), "work", no_keyring).unwrap();
        let values = [("access_token", "a\"b"), ("refresh_token", "r")];
        let text = rescue_text(&settings, &values, "read-only file system");
        assert!(
            text.contains("# read-only file system\n# Put these values in the [work] table of /cfg/atlascli/config.toml"),
            "{text}"
        );
        let parsed: toml::Table = text.parse().unwrap();
        assert_eq!(parsed["access_token"].as_str(), Some("a\"b"));
        assert_eq!(parsed["refresh_token"].as_str(), Some("r"));
    }
}
