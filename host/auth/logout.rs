//! `atlas auth logout` and `atlas auth whoami`, as the Go CLI's `logout.go` and `whoami.go`:
//! - logout asks "Are you sure you want to log out of profile <p> with …?" (`--force` skips it;
//!   without a terminal it is an error), revokes a user account's refresh token at
//!   `…/device/revoke` (a failure is a warning: the logout goes on), removes the profile's
//!   secrets from the keyring and its table from config.toml (`--keep`: only its credentials,
//!   org and project), then says `Successfully logged out of '<p>'`;
//! - whoami prints `Logged in as <subject> <kind>` (kind: `account`, `service account`, `key`)
//!   from the settings alone, as the Go CLI does (no request).
//!
//! Unlike the Go CLI, a service account's token is not fetched at logout only to be revoked.

use super::cmd::CommandError;
use super::store::Target;
use super::{device, jwt};
use crate::config::{self, Credentials, Settings};
use crate::confirm::{self, Answer};
use crate::env::Env;
use crate::http::client::Client;
use crate::printer::Printer;

pub fn logout(
    force: bool,
    keep: bool,
    env: &Env,
    profile: Option<&str>,
    debug: bool,
    printer: &Printer,
) -> Result<(), CommandError> {
    let settings = super::login::resolve(env, profile, debug)?;
    let name = settings.public.profile.clone();
    let question = format!("Are you sure you want to log out of profile {name}");
    let question = match &settings.credentials {
        Credentials::ApiKeys { public, .. } => format!("{question} with public API key {public}?"),
        Credentials::ServiceAccount { client_id, .. } => {
            format!("{question} with service account {client_id}?")
        }
        Credentials::UserAccount {
            access, refresh, ..
        } => {
            let subject =
                jwt::subject(access.expose()).ok_or(CommandError::NoSubject(name.clone()))?;
            if refresh.is_none() {
                return Err(CommandError::Unauthenticated);
            }
            format!("{question} with user account {subject}?")
        }
        Credentials::None => format!("{question}?"),
    };
    let target = Target::new(&settings, config::config_path(env))?;
    if !force {
        match confirm::ask(&question, printer) {
            Answer::Yes => {}
            // The Go CLI's declined logout: nothing done, nothing said.
            Answer::No => return Ok(()),
            Answer::NoTerminal => {
                return Err(CommandError::NoTerminal {
                    what: "a confirmation",
                    help: "pass --force to log out without being asked".into(),
                });
            }
        }
    }
    revoke(&settings, printer);
    target.forget(keep)?;
    if !keep {
        printer.data(&format!("Successfully logged out of '{name}'\n"));
    }
    Ok(())
}

/// Revokes a user account's refresh token; a failure is only a warning (Go's wording).
fn revoke(settings: &Settings, printer: &Printer) {
    let Credentials::UserAccount {
        refresh: Some(refresh),
        client_id,
        ..
    } = &settings.credentials
    else {
        return;
    };
    let redactor = super::redactor(settings);
    let client = Client::new(settings.network.clone(), settings.debug, redactor, printer);
    if let Err(e) = device::revoke(&client, &settings.account_url, client_id, refresh) {
        printer.warning(&format!(
            "unable to revoke user account token: {e}, proceeding with logout"
        ));
    }
}

pub fn whoami(env: &Env, profile: Option<&str>, printer: &Printer) -> Result<(), CommandError> {
    let settings = config::resolve(env, profile)?;
    let (kind, subject) = match &settings.credentials {
        Credentials::ApiKeys { public, .. } => ("key", public.clone()),
        Credentials::ServiceAccount { client_id, .. } => ("service account", client_id.clone()),
        Credentials::UserAccount { access, .. } => (
            "account",
            jwt::subject(access.expose())
                .filter(|s| !s.is_empty())
                .ok_or(CommandError::Unauthenticated)?,
        ),
        Credentials::None => return Err(CommandError::Unauthenticated),
    };
    printer.data(&format!("Logged in as {subject} {kind}\n"));
    Ok(())
}
