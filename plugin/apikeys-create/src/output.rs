//! The created key in the format the user chose, through the shared output crate
//! (`atlas-plugin-output`): `plan` calls [`check`] so that every output request is proven
//! workable on a fully populated key before the key exists; `render` calls [`render_created`].

use atlas_plugin_api::RenderOutput;
use atlas_plugin_output::format::OutputFormat;
use atlas_plugin_output::gojson::Value;
use atlas_plugin_output::model::ApiKeyUserDetails;
use atlas_plugin_output::output::{self, Files, Readiness, Style, TValue, Ty, View};

/// The Go CLI's `createTemplate`, and the examples our `help:` lines give for this command.
const STYLE: Style = Style {
    text: "API Key '{{.Id}}' created.\nPublic API Key {{.PublicKey}}\nPrivate API Key \
           {{.PrivateKey}}\n",
    template_example: "{{.PrivateKey}}",
    json_path_examples: "json-path=$.privateKey or json-path=$.roles[*].roleName",
};

/// Prove the output request workable before the key is created.
pub fn check(format: &OutputFormat, files: &Files) -> Result<Readiness, String> {
    output::check(format, files, &Key(None), &STYLE)
}

/// Print a created key, or say why we could not (the host then prints the raw body, which
/// holds the only copy of the private key).
pub fn render_created(format: &OutputFormat, files: &Files, body: &str) -> RenderOutput {
    let key = match serde_json::from_str::<ApiKeyUserDetails>(body) {
        Ok(key) => key,
        Err(err) => {
            return RenderOutput::Error {
                message: format!(
                    "could not read the created API key from the response: {err}\nhelp: the raw \
                     response is printed on stdout; save the private key from it now, Atlas \
                     shows it only once"
                ),
            };
        }
    };
    match output::render(format, files, &Key(Some(&key)), &STYLE) {
        Ok(text) => RenderOutput::Stdout { text },
        Err(message) => RenderOutput::Error { message },
    }
}

/// A key as each format sees it; `None` is the fully populated sample `plan` checks against,
/// built only if the format reads it.
struct Key<'a>(Option<&'a ApiKeyUserDetails>);

impl Key<'_> {
    fn with<R>(&self, f: impl FnOnce(&ApiKeyUserDetails) -> R) -> R {
        match self.0 {
            Some(key) => f(key),
            None => f(&ApiKeyUserDetails::sample()),
        }
    }
}

impl View for Key<'_> {
    fn json(&self) -> Value {
        self.with(ApiKeyUserDetails::to_value)
    }
    fn template(&self) -> TValue {
        self.with(ApiKeyUserDetails::to_template_value)
    }
    fn template_type(&self) -> Ty {
        ApiKeyUserDetails::template_type()
    }
}
#[cfg(test)]
mod tests;
