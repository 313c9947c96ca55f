//! Running `atlas config set | list | describe | rename | delete` (and dispatching `init`):
//! every check against the command line first, then the file's lock, the keyring's secrets, and
//! one write of the file ([`super::super::edit`]). Nothing is written when anything fails.

use std::path::PathBuf;

use super::{CmdError, ConfigCommand, Invocation, show};
use crate::config::edit::{self, Change, EditError, Value};
use crate::config::keyring::{self, Loaded, SECURE_KEYS, Unavailable};
use crate::config::{self, ConfigError, ConfigFile, Place};
use crate::confirm::{self, Answer};
use crate::env::Env;
use crate::printer::Printer;

/// The properties `set` takes: the Go CLI's `config.AllProperties()` (profile ones, then the
/// global ones).
pub const PROPERTIES: &[&str] = &[
    "access_token",
    "api_version",
    "base_url",
    "ops_manager_url",
    "org_id",
    "output",
    "private_api_key",
    "project_id",
    "public_api_key",
    "client_id",
    "client_secret",
    "refresh_token",
    "service",
    "version",
    "local_deployment_image",
    "mongosh_path",
    "skip_update_check",
    "telemetry_enabled",
];

/// Set at the top of the file, not in a profile (`config.GlobalProperties()`).
const GLOBAL: &[&str] = &[
    "version",
    "local_deployment_image",
    "mongosh_path",
    "skip_update_check",
    "telemetry_enabled",
];

/// Written as TOML booleans (`config.BooleanProperties()`).
const BOOLEAN: &[&str] = &["skip_update_check", "telemetry_enabled"];

/// How long to wait for another atlas process that holds the file's lock.
pub(super) const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Runs one config command.
pub fn run(invocation: Invocation, env: &Env, printer: &Printer) -> Result<(), CmdError> {
    let flag = invocation.profile.as_deref();
    match invocation.command {
        ConfigCommand::Init { gov } => super::init::init(env, flag, gov, printer),
        ConfigCommand::Set { property, value } => set(env, flag, &property, &value, printer),
        ConfigCommand::List { output } => show::list(env, flag, output.as_deref(), printer),
        ConfigCommand::Describe { name, output } => {
            show::describe(env, flag, &name, output.as_deref(), printer)
        }
        ConfigCommand::Rename { from, to } => rename(env, &from, &to, printer),
        ConfigCommand::Delete { name, force } => delete(env, &name, force, printer),
    }
}

/// The config file's path and what it holds now (a missing file is an empty one).
pub(super) fn open(env: &Env) -> Result<(PathBuf, ConfigFile), CmdError> {
    let path = config::config_path(env).ok_or(CmdError::NoConfigDir)?;
    let file = ConfigFile::load(&path)?;
    Ok((path, file))
}

/// The keyring when this session has one that answers (a silent one is warned about: its
/// secrets are then neither read nor written).
pub(super) fn keyring_of(env: &Env, profile: &str, printer: &Printer) -> Option<Loaded> {
    match keyring::load(env, profile) {
        Ok(loaded) => Some(loaded),
        Err(Unavailable::Absent(_)) => None,
        Err(Unavailable::TimedOut(limit)) => {
            printer.warning(&format!(
                "the keyring did not answer within {} ms, so the config file is used instead",
                limit.as_millis()
            ));
            None
        }
    }
}

/// Stores `values` of `profile` in the keyring.
pub(super) fn save_secrets(
    loaded: &Loaded,
    profile: &str,
    values: &[(&str, &str)],
) -> Result<(), CmdError> {
    keyring::save(&loaded.store, profile, values, loaded.timeout).map_err(|message| {
        CmdError::Keyring {
            profile: profile.to_string(),
            key: values
                .iter()
                .map(|(k, _)| *k)
                .collect::<Vec<_>>()
                .join(", "),
            message,
        }
    })
}

fn set(
    env: &Env,
    flag: Option<&str>,
    property: &str,
    value: &str,
    printer: &Printer,
) -> Result<(), CmdError> {
    if !PROPERTIES.contains(&property) {
        return Err(CmdError::InvalidProperty(property.to_string()));
    }
    check_value(property, value).map_err(CmdError::InvalidValue)?;
    if property == "version" {
        return Err(CmdError::Version);
    }
    let typed = match BOOLEAN.contains(&property) {
        true => Value::Bool(is_true(value)),
        false => Value::Text(value),
    };
    let (path, file) = open(env)?;
    let profile = match GLOBAL.contains(&property) {
        true => None,
        false => Some(config::choose_profile(env, &file, flag)?),
    };
    // A secret of a profile goes to the keyring when this session has one that answers.
    let keyring = match &profile {
        Some(profile) if SECURE_KEYS.contains(&property) => keyring_of(env, profile, printer),
        _ => None,
    };
    let locked = config::lock(&path, LOCK_WAIT).map_err(EditError::from)?;
    let change = match (&profile, &keyring) {
        (None, _) => Change::Set {
            place: Place::TopLevel,
            key: property,
            value: typed,
        },
        (Some(profile), Some(loaded)) => {
            save_secrets(loaded, profile, &[(property, value)])?;
            Change::Touch(profile)
        }
        (Some(profile), None) => Change::Set {
            place: Place::Profile(profile.clone()),
            key: property,
            value: typed,
        },
    };
    edit::apply_locked(&path, &locked, &[change])?;
    printer.data(&format!("Updated property '{property}'\n"));
    Ok(())
}

/// The Go CLI's checks of `set`: a `*_url` must be a URL ending in `/`, a `*_id` an ObjectID
/// (a `client_*` id, 34 characters).
pub(super) fn check_value(property: &str, value: &str) -> Result<(), String> {
    if property.ends_with("_url") {
        if !value.ends_with('/') {
            return Err(format!("'{value}' must have a trailing slash"));
        }
        if !request_uri(value) {
            return Err(format!("'{value}' is not a valid URL"));
        }
    } else if property.ends_with("_id") {
        if property.starts_with("client_") {
            if value.len() != 34 {
                // The Go CLI quotes the value; a client ID is a credential here, never echoed.
                return Err(format!(
                    "the provided value is not a valid client ID: it is {} bytes long, not 34",
                    value.len()
                ));
            }
        } else {
            object_id(value)?;
        }
    }
    Ok(())
}

/// `validate.ObjectID`: 12 bytes of hex.
pub(super) fn object_id(value: &str) -> Result<(), String> {
    if value.len() == 24 && value.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(format!("the provided value '{value}' is not a valid ID"))
    }
}

/// What Go's `url.ParseRequestURI` accepts, near enough: an absolute URL (a scheme) or an
/// absolute path, without spaces or control characters.
fn request_uri(value: &str) -> bool {
    if value.chars().any(|c| c.is_control() || c == ' ') {
        return false;
    }
    if value.starts_with('/') {
        return true;
    }
    value.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// `config.IsTrue`.
fn is_true(value: &str) -> bool {
    matches!(
        value.to_lowercase().as_str(),
        "t" | "true" | "y" | "yes" | "1"
    )
}

/// A profile name as the Go CLI takes one: lower-cased, never with a `.`.
fn profile_name(name: &str) -> Result<String, CmdError> {
    if name.is_empty() {
        return Err(CmdError::EmptyName);
    }
    let name = name.to_lowercase();
    if name.contains('.') {
        return Err(ConfigError::ProfileDot(name).into());
    }
    Ok(name)
}

fn rename(env: &Env, from: &str, to: &str, printer: &Printer) -> Result<(), CmdError> {
    let (path, file) = open(env)?;
    if !file.profile_names().contains(&from) {
        return Err(EditError::NoProfile(from.to_string()).into());
    }
    let to = profile_name(to)?;
    let mut replace = false;
    if to != from && file.profile_names().contains(&to.as_str()) {
        let question =
            format!("There is already a profile called {to}.\nDo you want to replace it?");
        match confirm::ask(&question, printer) {
            Answer::Yes => replace = true,
            Answer::No => {
                printer.data("Profile was not renamed.\n");
                return Ok(());
            }
            Answer::NoTerminal => return Err(EditError::Taken(to).into()),
        }
    }
    let locked = config::lock(&path, LOCK_WAIT).map_err(EditError::from)?;
    // The secrets move with the profile: copied to the new service first (what the replaced
    // profile kept there is replaced too), then the file, then the old service emptied as the
    // Go CLI's logout empties one. A failure at any step leaves every secret somewhere.
    let keyrings = match to != from {
        true => match keyring_of(env, from, printer) {
            // The new profile's secrets, through the same connection: when it cannot be read,
            // the rename stops here rather than leave the secrets behind the old name.
            Some(old) => {
                let new = keyring::read_within(&old.store, &to, old.timeout).map_err(|why| {
                    CmdError::Keyring {
                        profile: to.clone(),
                        key: "the secrets".into(),
                        message: match why {
                            Unavailable::Absent(message) => message,
                            Unavailable::TimedOut(limit) => {
                                format!("it did not answer within {} ms", limit.as_millis())
                            }
                        },
                    }
                })?;
                Some((old, new))
            }
            None => None,
        },
        false => None,
    };
    if let Some((old, new)) = &keyrings {
        let moved: Vec<(&str, &str)> = SECURE_KEYS
            .iter()
            .filter_map(|key| {
                let value = old.secrets.get(*key).map(|s| s.expose());
                let had = new
                    .secrets
                    .get(*key)
                    .is_some_and(|s| !s.expose().is_empty());
                (value.is_some_and(|v| !v.is_empty()) || had).then(|| (*key, value.unwrap_or("")))
            })
            .collect();
        if !moved.is_empty() {
            save_secrets(new, &to, &moved)?;
        }
    }
    let change = Change::Rename {
        from,
        to: &to,
        replace,
    };
    edit::apply_locked(&path, &locked, &[change])?;
    if let Some((old, _)) = &keyrings {
        empty_secrets(old, from, printer);
    }
    printer.data(&format!("The profile {from} was renamed to {to}.\n"));
    Ok(())
}

/// Empties what `profile` keeps in the keyring, as the Go CLI's logout does; the profile is
/// already gone from the file, so a failure is only worth a warning.
fn empty_secrets(loaded: &Loaded, profile: &str, printer: &Printer) {
    let emptied: Vec<(&str, &str)> = loaded.secrets.keys().map(|k| (k.as_str(), "")).collect();
    if emptied.is_empty() {
        return;
    }
    if let Err(e) = save_secrets(loaded, profile, &emptied) {
        printer.warning(&format!(
            "the secrets of profile {profile} are still in the keyring: {e}"
        ));
    }
}

fn delete(env: &Env, name: &str, force: bool, printer: &Printer) -> Result<(), CmdError> {
    // cobra says so first, whatever happens next.
    printer.note(
        "Command \"delete\" is deprecated, Please use the 'atlas auth logout' command instead.",
    );
    let (path, file) = open(env)?;
    if !file.profile_names().contains(&name) {
        return Err(EditError::NoProfile(name.to_string()).into());
    }
    if !force {
        let question = format!("Are you sure you want to delete: {name}");
        match confirm::ask(&question, printer) {
            Answer::Yes => {}
            Answer::No => {
                printer.data("Profile not deleted\n");
                return Ok(());
            }
            Answer::NoTerminal => {
                return Err(CmdError::Unconfirmed {
                    question,
                    advice: "pass --force to delete it without being asked".into(),
                });
            }
        }
    }
    let locked = config::lock(&path, LOCK_WAIT).map_err(EditError::from)?;
    let keyring = keyring_of(env, name, printer);
    edit::apply_locked(&path, &locked, &[Change::Delete(name)])?;
    if let Some(loaded) = &keyring {
        empty_secrets(loaded, name, printer);
    }
    printer.data(&format!("Profile '{name}' deleted\n"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_checks_values_as_the_go_cli_does() {
        let cases = [
            ("ops_manager_url", "http://127.0.0.1:9/", Ok(())),
            ("ops_manager_url", "/relative/", Ok(())),
            (
                "ops_manager_url",
                "http://x",
                Err("'http://x' must have a trailing slash"),
            ),
            (
                "account_url",
                "not a url/",
                Err("'not a url/' is not a valid URL"),
            ),
            ("base_url", "x/", Err("'x/' is not a valid URL")),
            ("org_id", "5a1b39eec902201990f12345", Ok(())),
            ("project_id", "5A1B39EEC902201990F12345", Ok(())),
            (
                "org_id",
                "123",
                Err("the provided value '123' is not a valid ID"),
            ),
            (
                "client_id",
                "short",
                Err("the provided value is not a valid client ID: it is 5 bytes long, not 34"),
            ),
            ("client_id", "mdb_sa_id_0123456789abcdef01234567", Ok(())),
            ("output", "anything", Ok(())),
        ];
        for (key, value, want) in cases {
            assert_eq!(
                check_value(key, value),
                want.map_err(String::from),
                "{key} {value}"
            );
        }
    }

    #[test]
    fn booleans_are_true_as_go_reads_them() {
        for yes in ["t", "TRUE", "y", "Yes", "1"] {
            assert!(is_true(yes), "{yes}");
        }
        for no in ["", "0", "no", "false", "on"] {
            assert!(!is_true(no), "{no}");
        }
    }

    #[test]
    fn profile_names_are_lower_cased_and_never_dotted() {
        assert_eq!(profile_name("Work").unwrap(), "work");
        assert_eq!(
            profile_name("a.b").unwrap_err().to_string(),
            "profile should not contain '.': \"a.b\""
        );
        assert!(matches!(profile_name(""), Err(CmdError::EmptyName)));
    }
}
