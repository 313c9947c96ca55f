//! The created key in the format the user chose, through the shared output crate
//! (`atlas-plugin-output`): `plan` calls [`check`] so that every output request is proven
//! workable on a fully populated key before the key exists; `render` calls [`render_created`].

use atlas_plugin_api::RenderOutput;
use atlas_plugin_output::format::OutputFormat;
use atlas_plugin_output::model::ApiKeyUserDetails;
use atlas_plugin_output::output::{self, Doc, Files, Readiness, Style};

/// The Go CLI's `createTemplate`, and the examples our `help:` lines give for this command.
const STYLE: Style = Style {
    text: "API Key '{{.Id}}' created.\nPublic API Key {{.PublicKey}}\nPrivate API Key \
           {{.PrivateKey}}\n",
    template_example: "{{.PrivateKey}}",
    json_path_examples: "json-path=$.privateKey or json-path=$.roles[*].roleName",
};

/// Prove the output request workable before the key is created.
pub fn check(format: &OutputFormat, files: &Files) -> Result<Readiness, String> {
    output::check(format, files, &Doc::<ApiKeyUserDetails>(None), &STYLE)
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
    match output::render(format, files, &Doc(Some(&key)), &STYLE) {
        Ok(text) => RenderOutput::Stdout { text },
        Err(message) => RenderOutput::Error { message },
    }
}

#[cfg(test)]
mod tests;
