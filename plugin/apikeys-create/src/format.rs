//! Which output the user asked for (`-o/--output`, else the `output` setting), decided in
//! `plan` so that a format we cannot produce is refused before the key is created, and again
//! in `render` to produce it.
//!
//! Adding a format (`json-path=`, `go-template=`, `go-template-file=` are next) means a new
//! [`OutputFormat`] variant, a branch in [`OutputFormat::parse`], a name in [`VALID_FORMATS`] and
//! a renderer in [`crate::output`].

use atlas_plugin_api::{Flags, Settings};

use crate::flags::string_flag;
use crate::gofmt::quote;

/// The format names we accept, for the `help:` line.
pub const VALID_FORMATS: [&str; 2] = ["json", "plaintext"];

/// An output format we can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// The command's text template (Go CLI's default).
    Text,
    /// Go `json.MarshalIndent` of the response, two-space indent, plus a newline.
    Json,
}

impl OutputFormat {
    /// The format from the flag, else from the setting. As in the Go CLI
    /// (`OutputOpts.ConfigOutput`), an empty `-o` does not count and falls back to the setting.
    pub fn select(flags: &Flags, settings: &Settings) -> Result<Self, String> {
        let from_flag = string_flag(flags, "output").filter(|value| !value.is_empty());
        let name = from_flag.or(settings.output.as_deref()).unwrap_or_default();
        Self::parse(name)
    }

    /// [ours] The Go CLI takes any name it does not know (`yaml`, `JSON`, a bare `json-path`)
    /// as the default text; we take `plaintext` as the text and refuse the rest.
    pub fn parse(name: &str) -> Result<Self, String> {
        match name {
            "" | "plaintext" => Ok(Self::Text),
            "json" => Ok(Self::Json),
            _ => Err(format!(
                "unsupported output format {}\nhelp: valid formats are {}",
                quote(name),
                VALID_FORMATS.join(", ")
            )),
        }
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
    fn accepts_text_and_json() {
        let table = [
            (None, None, OutputFormat::Text),
            (Some(""), None, OutputFormat::Text),
            (Some("plaintext"), None, OutputFormat::Text),
            (Some("json"), None, OutputFormat::Json),
            (None, Some("json"), OutputFormat::Json),
            (None, Some(""), OutputFormat::Text),
            (Some("plaintext"), Some("json"), OutputFormat::Text),
            (Some(""), Some("json"), OutputFormat::Json),
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
    fn rejects_unknown_formats_before_any_request() {
        let table = [
            "yaml",
            "JSON",
            "json-path",
            "json-path=$.id",
            "go-template={{.Id}}",
            "go-template-file=t",
        ];
        for name in table {
            let want = format!(
                "unsupported output format \"{name}\"\nhelp: valid formats are json, plaintext"
            );
            assert_eq!(select(Some(name), None), Err(want.clone()), "flag {name:?}");
            assert_eq!(select(None, Some(name)), Err(want), "setting {name:?}");
        }
    }
}
