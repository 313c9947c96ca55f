//! `atlas config init`: the Go CLI's API-keys profile set-up (its `config init` is `auth login`
//! with the API keys answer): public and private API key, default organization and project,
//! default output format, and `service` (`cloudgov` with `--gov`). The questions are the Go
//! CLI's (`internal/prompt`); each offers the profile's current value. The keys go to the
//! keyring when this session has one that answers, else to the profile's table; everything is
//! written at once, after the last answer, under the file's lock.
//!
//! Go's `survey` cannot ask without a terminal, so the Go CLI's init fails in a script; this one
//! reads the answers from stdin instead, one line each in the order asked ([`super::ask`]).
//! Organizations and projects are typed, not picked from a list fetched from Atlas: init sends
//! no request.

use super::CmdError;
use super::ask::{Asker, Question};
use super::run::{LOCK_WAIT, keyring_of, object_id, open, save_secrets};
use crate::config::edit::{self, Change, EditError, Value};
use crate::config::{self, Place};
use crate::env::Env;
use crate::printer::Printer;

/// The Go CLI's introduction to these questions (`auth login` says it too).
pub(crate) const INTRO: &str = "You are configuring a profile for atlas.\n\nAll values are optional and you can use environment variables (MONGODB_ATLAS_*) instead.\n\nEnter [?] on any option to get help.\n\n";
/// The help of the API key questions (`auth login`'s too).
pub(crate) const KEYS_HELP: &str = "Please provide your API keys. To create new keys, see the documentation: https://docs.atlas.mongodb.com/configure-api-access/";
const ORG_HELP: &str = "ID of an existing organization that your API keys have access to. If you don't enter an ID, you must use --orgId for every command that requires it.";
const PROJECT_HELP: &str = "ID of an existing project that your API keys have access to. If you don't enter an ID, you must use --projectId for every command that requires it.";

/// Asks, then saves the profile.
pub fn init(env: &Env, flag: Option<&str>, gov: bool, printer: &Printer) -> Result<(), CmdError> {
    printer
        .note("Command \"init\" is deprecated, Please use the 'atlas auth login' command instead.");
    let (path, file) = open(env)?;
    let profile = config::choose_profile(env, &file, flag)?;
    let keyring = keyring_of(env, &profile, printer);
    let current = |key: &str| {
        let secret = keyring.as_ref().and_then(|k| k.secrets.get(key));
        match secret.filter(|s| !s.expose().is_empty()) {
            Some(s) => Some(s.expose().to_string()),
            None => file.profile(&profile, key),
        }
    };
    let mut asker = Asker::new(printer);
    if asker.on_terminal() {
        printer.prompt(INTRO);
    }
    let (public_now, org_now, project_now) = (
        current("public_api_key"),
        current("org_id"),
        current("project_id"),
    );
    let output_now = current("output").unwrap_or_else(|| "plaintext".into());
    let question = |message, help, default, check| Question {
        message,
        help,
        default,
        secret: false,
        check,
    };
    let public = asker.ask(&question(
        "Public API Key:",
        KEYS_HELP,
        public_now.as_deref(),
        any,
    ))?;
    let private = asker.ask(&Question {
        secret: true,
        ..question("Private API Key:", KEYS_HELP, None, any)
    })?;
    let org = asker.ask(&question(
        "Default Org ID:",
        ORG_HELP,
        org_now.as_deref(),
        optional_id,
    ))?;
    let project = asker.ask(&question(
        "Default Project ID:",
        PROJECT_HELP,
        project_now.as_deref(),
        optional_id,
    ))?;
    let output = asker.ask(&question(
        "Default Output Format:",
        "plaintext or json",
        Some(&output_now),
        output_format,
    ))?;

    let locked = config::lock(&path, LOCK_WAIT).map_err(EditError::from)?;
    let mut values: Vec<(&str, &str)> = vec![("service", if gov { "cloudgov" } else { "cloud" })];
    let secrets: Vec<(&str, &str)> = [("public_api_key", &public), ("private_api_key", &private)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.as_str()))
        .collect();
    let has_private = !private.is_empty() || current("private_api_key").is_some();
    if !public.is_empty() && has_private {
        values.push(("auth_type", "api_keys"));
    }
    match &keyring {
        Some(loaded) if !secrets.is_empty() => save_secrets(loaded, &profile, &secrets)?,
        _ => values.extend(secrets),
    }
    values.extend(
        [
            ("org_id", &org),
            ("project_id", &project),
            ("output", &output),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.as_str())),
    );
    let place = Place::Profile(profile.clone());
    let mut changes = vec![Change::Touch(&profile)];
    changes.extend(values.iter().map(|(key, value)| Change::Set {
        place: place.clone(),
        key,
        value: Value::Text(value),
    }));
    edit::apply_locked(&path, &locked, &changes)?;
    printer.data("\nYou have successfully configured your profile.\nYou can use [atlas config set] to change your profile settings later.\n");
    if profile != "default" {
        printer.data(&format!(
            "To use this profile, you must set the flag [-P {profile}] for every command.\n"
        ));
    }
    Ok(())
}

fn any(_: &str) -> Result<(), String> {
    Ok(())
}

/// `validate.OptionalObjectID`.
fn optional_id(value: &str) -> Result<(), String> {
    match value {
        "" => Ok(()),
        id => object_id(id),
    }
}

/// The choices of the Go CLI's `Default Output Format:` select.
fn output_format(value: &str) -> Result<(), String> {
    match value {
        "plaintext" | "json" => Ok(()),
        other => Err(format!(
            "'{other}' is not an output format: choose plaintext or json"
        )),
    }
}
