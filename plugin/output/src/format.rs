//! Which output the user asked for (`-o/--output`, else the `output` setting), decided in
//! `plan` so that a format we cannot produce is refused before the request (before a key is
//! created, for `apiKeys create`), and again in `render` to produce it.
//!
//! The Go CLI's rule (`internal/cli/output_opts.go`): exactly `json`; else the prefixes
//! `go-template=`, `go-template-file=`, `json-path=`, in that order; else the default text.

use atlas_plugin_api::{FlagValue, Flags, Settings};

use crate::gofmt::quote;

/// The forms we accept, for the `help:` line.
pub const VALID_FORMATS: &str =
    "json, json-path=EXPR, go-template=TEMPLATE, go-template-file=PATH, plaintext";

/// An output format we can produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputFormat {
    /// The command's text template (Go CLI's default).
    Text,
    /// Go `json.MarshalIndent` of the response, two-space indent, plus a newline.
    Json,
    /// A JSONPath expression whose result is printed as indented JSON.
    JsonPath(String),
    /// A Go `text/template`, given inline.
    GoTemplate(String),
    /// A Go `text/template` read from this path (by the host: the plugin has no files).
    GoTemplateFile(String),
}

impl OutputFormat {
    /// The format from the flag, else from the setting. As in the Go CLI
    /// (`OutputOpts.ConfigOutput`), an empty `-o` does not count and falls back to the setting.
    pub fn select(flags: &Flags, settings: &Settings) -> Result<Self, String> {
        // A repeated `-o` keeps its last value (the Go flag library's rule).
        let from_flag = match flags.get("output") {
            Some(FlagValue::String(value)) => Some(value.as_str()),
            Some(FlagValue::Strings(values)) => values.last().map(String::as_str),
            _ => None,
        }
        .filter(|value| !value.is_empty());
        let name = from_flag.or(settings.output.as_deref()).unwrap_or_default();
        Self::parse(name)
    }

    /// [ours] The Go CLI takes any name it does not know (`yaml`, `JSON`, a bare `json-path`)
    /// as the default text; we take `plaintext` as the text and refuse the rest.
    pub fn parse(name: &str) -> Result<Self, String> {
        let prefixed = [
            ("go-template=", Self::GoTemplate as fn(String) -> Self),
            ("go-template-file=", Self::GoTemplateFile),
            ("json-path=", Self::JsonPath),
        ];
        match name {
            "" | "plaintext" => return Ok(Self::Text),
            "json" => return Ok(Self::Json),
            _ => {}
        }
        for (prefix, make) in prefixed {
            if let Some(rest) = name.strip_prefix(prefix) {
                return Ok(make(rest.to_string()));
            }
        }
        Err(format!(
            "unsupported output format {}\nhelp: valid formats are {VALID_FORMATS}",
            quote(name),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_plugin_api::FlagValue;

    fn select(flag: Option<&str>, setting: Option<&str>) -> Result<OutputFormat, String> {
        let mut flags = Flags::new();
        if let Some(flag) = flag {
            flags.insert("output".into(), FlagValue::String(flag.into()));
        }
        let settings = Settings {
            output: setting.map(String::from),
            ..Settings::default()
        };
        OutputFormat::select(&flags, &settings)
    }

    #[test]
    fn accepts_every_go_cli_format_from_the_flag_or_the_setting() {
        use OutputFormat::*;
        let t = |s: &str| s.to_string();
        let table = [
            (None, None, Text),
            (Some(""), None, Text),
            (Some("plaintext"), None, Text),
            (Some("json"), None, Json),
            (None, Some("json"), Json),
            (None, Some(""), Text),
            (Some("plaintext"), Some("json"), Text),
            (Some(""), Some("json"), Json),
            (Some("json-path=$.id"), None, JsonPath(t("$.id"))),
            (None, Some("go-template={{.Id}}"), GoTemplate(t("{{.Id}}"))),
            (Some("go-template-file=a=b"), None, GoTemplateFile(t("a=b"))),
            (Some("go-template="), None, GoTemplate(t(""))),
            (
                Some("json-path=go-template=x"),
                None,
                JsonPath(t("go-template=x")),
            ),
        ];
        for (flag, setting, want) in table {
            assert_eq!(
                select(flag, setting),
                Ok(want),
                "flag {flag:?}, setting {setting:?}"
            );
        }
    }

    #[test]
    fn rejects_unknown_formats_listing_the_valid_forms() {
        for name in [
            "yaml",
            "JSON",
            "json-path",
            "go-template",
            "jsonpath=$.id",
            " json",
        ] {
            let want = format!(
                "unsupported output format {}\nhelp: valid formats are json, json-path=EXPR, \
                 go-template=TEMPLATE, go-template-file=PATH, plaintext",
                quote(name)
            );
            assert_eq!(select(Some(name), None), Err(want.clone()), "flag {name:?}");
            assert_eq!(select(None, Some(name)), Err(want), "setting {name:?}");
        }
    }
}
