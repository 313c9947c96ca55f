//! Reading the host's flag map, and the checks every Atlas command makes of it first, in the
//! Go CLI's words. The host types each value by the kind we declared in `describe`; we still
//! read defensively, since a mismatch is a host bug that should surface as a missing flag
//! rather than a panic.

use atlas_plugin_api::{FlagValue, Flags, Settings};

/// cobra's `NoArgs` as the Go CLI's `require.NoArgs` words it; `command` is the full path,
/// e.g. `atlas organizations apiKeys create`.
pub fn no_args(args: &[String], command: &str) -> Result<(), String> {
    if args.is_empty() {
        return Ok(());
    }
    Err(format!(
        "\"{command}\" accepts no arguments\n\nUsage:  {command} [flags]"
    ))
}

/// `--orgId`, else the `org_id` setting; empty values do not count. Go's `validate.ObjectID`
/// decodes 12 bytes of hex, so upper-case digits pass too.
pub fn org_id<'a>(flags: &'a Flags, settings: &'a Settings) -> Result<&'a str, String> {
    let org_id = string_flag(flags, "orgId")
        .filter(|id| !id.is_empty())
        .or(settings.org_id.as_deref().filter(|id| !id.is_empty()))
        .ok_or_else(|| "required flag(s) \"orgId\" not set".to_string())?;
    if org_id.len() == 24 && org_id.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(org_id)
    } else {
        Err(format!("the provided value '{org_id}' is not a valid ID"))
    }
}

/// A string flag's value; for a repeated flag, the last occurrence (the Go flag library's rule).
pub fn string_flag<'a>(flags: &'a Flags, name: &str) -> Option<&'a str> {
    match flags.get(name)? {
        FlagValue::String(value) => Some(value),
        FlagValue::Strings(values) => values.last().map(String::as_str),
        FlagValue::Bool(_) | FlagValue::Int(_) => None,
    }
}

/// A strings flag's raw occurrences, in order.
pub fn strings_flag<'a>(flags: &'a Flags, name: &str) -> &'a [String] {
    match flags.get(name) {
        Some(FlagValue::Strings(values)) => values,
        Some(FlagValue::String(value)) => std::slice::from_ref(value),
        _ => &[],
    }
}

/// A bool flag's value; `None` when the user did not set it.
pub fn bool_flag(flags: &Flags, name: &str) -> Option<bool> {
    match flags.get(name)? {
        FlagValue::Bool(value) => Some(*value),
        _ => None,
    }
}

/// An int flag's value; `None` when the user did not set it.
pub fn int_flag(flags: &Flags, name: &str) -> Option<i64> {
    match flags.get(name)? {
        FlagValue::Int(value) => Some(*value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_string_and_strings_values() {
        let mut flags = Flags::new();
        flags.insert("a".into(), FlagValue::String("x".into()));
        flags.insert("b".into(), FlagValue::Strings(vec!["y".into(), "z".into()]));
        flags.insert("c".into(), FlagValue::Bool(true));
        assert_eq!(string_flag(&flags, "a"), Some("x"));
        assert_eq!(string_flag(&flags, "b"), Some("z"));
        assert_eq!(string_flag(&flags, "c"), None);
        assert_eq!(string_flag(&flags, "missing"), None);
        assert_eq!(strings_flag(&flags, "a"), ["x"]);
        assert_eq!(strings_flag(&flags, "b"), ["y", "z"]);
        assert!(strings_flag(&flags, "missing").is_empty());
    }

    #[test]
    fn no_args_names_the_command_in_cobra_words() {
        assert_eq!(no_args(&[], "atlas x"), Ok(()));
        assert_eq!(
            no_args(&["a".into()], "atlas x"),
            Err("\"atlas x\" accepts no arguments\n\nUsage:  atlas x [flags]".into())
        );
    }

    #[test]
    fn org_id_prefers_a_non_empty_flag_and_checks_go_object_ids() {
        let mut flags = Flags::new();
        let settings = Settings {
            org_id: Some("5a1b39eec902201990f12345".into()),
            ..Settings::default()
        };
        flags.insert("orgId".into(), FlagValue::String(String::new()));
        assert_eq!(org_id(&flags, &settings), Ok("5a1b39eec902201990f12345"));
        flags.insert(
            "orgId".into(),
            FlagValue::String("5A1B39EEC902201990F1234F".into()),
        );
        assert_eq!(org_id(&flags, &settings), Ok("5A1B39EEC902201990F1234F"));
        flags.insert("orgId".into(), FlagValue::String("x".into()));
        assert_eq!(
            org_id(&flags, &settings),
            Err("the provided value 'x' is not a valid ID".into())
        );
        assert_eq!(
            org_id(&Flags::new(), &Settings::default()),
            Err("required flag(s) \"orgId\" not set".into())
        );
    }

    #[test]
    fn reads_bool_and_int_values_only_from_their_own_kind() {
        let mut flags = Flags::new();
        flags.insert("compact".into(), FlagValue::Bool(true));
        flags.insert("limit".into(), FlagValue::Int(-3));
        flags.insert("page".into(), FlagValue::String("2".into()));
        assert_eq!(bool_flag(&flags, "compact"), Some(true));
        assert_eq!(int_flag(&flags, "limit"), Some(-3));
        assert_eq!(int_flag(&flags, "page"), None);
        assert_eq!(bool_flag(&flags, "limit"), None);
        assert_eq!(bool_flag(&flags, "missing"), None);
    }
}
