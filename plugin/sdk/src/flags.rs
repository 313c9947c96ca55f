//! Reading the host's flag map, and the checks every Atlas command makes of it first, in the
//! Go CLI's words. The host types each value by the kind we declared in `describe`; we still
//! read defensively, since a mismatch is a host bug that should surface as a missing flag
//! rather than a panic.

use atlas_plugin_api::{FlagValue, Flags, NameValue, Settings};
use atlas_plugin_output::gofmt::quote;

use crate::csv;

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

/// cobra's `ExactArgs(1)` as the Go CLI's `require.ExactArgs` words it: the one argument, else
/// the error naming the command (`atlas organizations apiKeys describe`) and its use line
/// (`atlas organizations apiKeys describe <ID> [flags]`).
pub fn one_arg<'a>(args: &'a [String], command: &str, use_line: &str) -> Result<&'a str, String> {
    match args {
        [arg] => Ok(arg),
        _ => Err(format!(
            "\"{command}\" requires 1 argument, received {}\n\nUsage:  {use_line}",
            args.len()
        )),
    }
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

/// An ID the Atlas Go SDK requires before it sends anything: `name` is its path parameter
/// (`apiUserId`, `ipAddress`), worded as the SDK's `reportError` words an empty one.
pub fn required_id<'a>(value: Option<&'a str>, name: &str) -> Result<&'a str, String> {
    value
        .filter(|value| !value.is_empty())
        .ok_or_else(|| format!("{name} is empty and must be specified"))
}

/// The Go CLI's `cli.DefaultPage` and `cli.DefaultPageLimit`.
pub(crate) const DEFAULT_PAGE: i64 = 1;
pub(crate) const DEFAULT_LIMIT: i64 = 100;

/// The spec's `itemsPerPage` range (`pageNum` has a minimum of 1 only).
const LIMITS: std::ops::RangeInclusive<i64> = 1..=500;

/// A list command's page: `--page`, `--limit` and `--omitCount` (`cli.ListOpts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// `pageNum`.
    pub number: i64,
    /// `itemsPerPage`.
    pub limit: i64,
    /// `includeCount`: `--omitCount` is `includeCount=false`.
    pub include_count: bool,
}

impl Page {
    /// The first page with the Go CLI's defaults.
    pub const FIRST: Page = Page {
        number: DEFAULT_PAGE,
        limit: DEFAULT_LIMIT,
        include_count: true,
    };

    /// [ours] `--page` of 1 or more and `--limit` within the spec's 1 to 500 items per page,
    /// checked here rather than by a server round trip.
    pub fn from_flags(flags: &Flags) -> Result<Self, String> {
        let number = int_flag(flags, "page").unwrap_or(DEFAULT_PAGE);
        if number < 1 {
            return Err(format!(
                "--page is {number}\nhelp: give a page number of 1 or more"
            ));
        }
        let limit = int_flag(flags, "limit").unwrap_or(DEFAULT_LIMIT);
        if !LIMITS.contains(&limit) {
            let (min, max) = (LIMITS.start(), LIMITS.end());
            return Err(format!(
                "--limit is {limit}\nhelp: give a limit of {min} to {max} items per page"
            ));
        }
        let include_count = !bool_flag(flags, "omitCount").unwrap_or(false);
        Ok(Self {
            number,
            limit,
            include_count,
        })
    }

    /// The query as the Go SDK encodes it (`url.Values.Encode`: sorted by name).
    pub fn query(&self) -> Vec<NameValue> {
        vec![
            NameValue::new("includeCount", self.include_count.to_string()),
            NameValue::new("itemsPerPage", self.limit.to_string()),
            NameValue::new("pageNum", self.number.to_string()),
        ]
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

/// A strings flag's items, as `spf13/pflag`'s `StringSlice` collects them: each occurrence is
/// read as one CSV record, an empty occurrence adds nothing. A CSV syntax error is a flag parse
/// error in the Go CLI, reported in its words.
pub fn string_slice(flags: &Flags, name: &str) -> Result<Vec<String>, String> {
    split_csv(strings_flag(flags, name), name)
}

/// [`string_slice`] of the occurrences of flag `name`.
pub fn split_csv(occurrences: &[String], name: &str) -> Result<Vec<String>, String> {
    let mut items = Vec::new();
    for raw in occurrences {
        if raw.is_empty() {
            continue; // pflag's readAsCSV: "" is an empty list, not one empty item
        }
        let record = csv::read_record(raw).map_err(|err| {
            format!(
                "invalid argument {} for \"--{name}\" flag: {err}",
                quote(raw)
            )
        })?;
        items.extend(record);
    }
    Ok(items)
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
    fn one_arg_counts_the_arguments_in_cobra_words() {
        let line = "atlas x <ID> [flags]";
        assert_eq!(one_arg(&["a".into()], "atlas x", line), Ok("a"));
        assert_eq!(
            one_arg(&[], "atlas x", line),
            Err(
                "\"atlas x\" requires 1 argument, received 0\n\nUsage:  atlas x <ID> [flags]"
                    .into()
            )
        );
        let two = ["a".into(), "b".into()];
        assert!(
            one_arg(&two, "atlas x", line)
                .unwrap_err()
                .contains("received 2")
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
    fn required_ids_are_non_empty_in_the_go_sdk_words() {
        assert_eq!(required_id(Some("a"), "apiUserId"), Ok("a"));
        for value in [None, Some("")] {
            assert_eq!(
                required_id(value, "ipAddress"),
                Err("ipAddress is empty and must be specified".into())
            );
        }
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
