//! `atlas config list` and `describe`: the Go CLI's templates through its tabwriter layout, or
//! `-o json` as its `jsonwriter` prints it; secrets in `describe` are always redacted, saying
//! where they are kept (the Go CLI prints a file-kept secret in clear when a keyring is in use;
//! this never does).

use super::CmdError;
use super::run::{keyring_of, open};
use crate::config::keyring::SECURE_KEYS;
use crate::config::{self, ConfigFile};
use crate::env::Env;
use crate::printer::Printer;

/// `list` (`ls`): the profiles' names, sorted.
pub fn list(
    env: &Env,
    flag: Option<&str>,
    output: Option<&str>,
    printer: &Printer,
) -> Result<(), CmdError> {
    let (_, file) = open(env)?;
    let json = json_output(output, env, &file, flag)?;
    let mut names: Vec<&str> = file.profile_names();
    names.sort_unstable();
    printer.data(&match json {
        true => go_json(&names),
        false => {
            names
                .iter()
                .fold("PROFILE NAME".to_string(), |t, n| t + "\n" + n)
                + "\n"
        }
    });
    Ok(())
}

/// `describe` (`get`): one profile's settings.
pub fn describe(
    env: &Env,
    flag: Option<&str>,
    name: &str,
    output: Option<&str>,
    printer: &Printer,
) -> Result<(), CmdError> {
    let (_, file) = open(env)?;
    let json = json_output(output, env, &file, flag)?;
    if !file.profile_names().contains(&name) {
        return Err(CmdError::NoSuchProfile(name.to_string()));
    }
    let mut shown = file.profile_strings(name);
    let keyring = keyring_of(env, name, printer);
    for key in SECURE_KEYS {
        let in_keyring = keyring
            .as_ref()
            .and_then(|k| k.secrets.get(*key))
            .is_some_and(|s| !s.expose().is_empty());
        let in_file = shown.get(*key).is_some_and(|v| !v.is_empty());
        let source = match (in_keyring, in_file) {
            (true, _) => "secure storage",
            (false, true) => "config file",
            (false, false) => continue,
        };
        shown.insert((*key).to_string(), format!("[redacted - source: {source}]"));
    }
    printer.data(&match json {
        true => go_json(&shown),
        false => table(&shown),
    });
    Ok(())
}

/// Whether to print JSON: `-o`, else the `output` setting of the profile in use (as the Go
/// CLI's `OutputOpts.ConfigOutput`; a setting other than `json` prints the table).
fn json_output(
    output: Option<&str>,
    env: &Env,
    file: &ConfigFile,
    flag: Option<&str>,
) -> Result<bool, CmdError> {
    match output {
        Some("plaintext") => Ok(false),
        Some("json") => Ok(true),
        Some(other) if !other.is_empty() => Err(CmdError::Output(other.to_string())),
        _ => {
            let profile = config::choose_profile(env, file, flag)?;
            let configured = env
                .get("MONGODB_ATLAS_OUTPUT")
                .map(str::to_string)
                .or_else(|| file.global("output"))
                .or_else(|| file.profile(&profile, "output"));
            Ok(configured.as_deref() == Some("json"))
        }
    }
}

/// Go's `json.MarshalIndent(v, "", "  ")` and a newline: `<`, `>` and `&` escaped as Go does.
fn go_json(value: &impl serde::Serialize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    // These characters only ever occur inside strings in JSON text, so this is exact.
    text.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        + "\n"
}

/// `SETTING\tVALUE` and a line per setting, aligned as the Go CLI's tabwriter does (minimum
/// width 6, padding 3).
fn table(settings: &std::collections::BTreeMap<String, String>) -> String {
    let width = settings
        .keys()
        .map(|k| k.chars().count())
        .chain([7])
        .max()
        .unwrap_or(7)
        + 3;
    let line = |key: &str, value: &str| format!("{key:<width$}{value}\n");
    settings
        .iter()
        .fold(line("SETTING", "VALUE"), |text, (k, v)| text + &line(k, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_aligns_like_the_tabwriter_and_json_escapes_like_go() {
        let mut m = std::collections::BTreeMap::new();
        assert_eq!(table(&m), "SETTING   VALUE\n");
        m.insert("org_id".to_string(), "1".to_string());
        m.insert("private_api_key".to_string(), "[redacted]".to_string());
        assert_eq!(
            table(&m),
            "SETTING           VALUE\norg_id            1\nprivate_api_key   [redacted]\n"
        );
        m.insert("a".into(), "<&>".into());
        assert!(go_json(&m).contains("\"a\": \"\\u003c\\u0026\\u003e\""));
        assert_eq!(go_json(&Vec::<String>::new()), "[]\n");
    }
}
