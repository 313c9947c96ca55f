//! `atlas organizations apiKeys create` as a sandboxed Extism plugin: its flags ([`command`]),
//! its `POST` request ([`plan`]) and its default text ([`OUTPUT`]); the rest is
//! `atlas-plugin-sdk`'s.
//!
//! Where the Go Atlas CLI's text is the contract (help, validation messages, output, API
//! errors) we reproduce it byte for byte; the modules say which Go source each part follows.

mod command;
mod plan;

#[doc(hidden)]
pub mod conformance;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod vectors;

use atlas_plugin_models::ApiKeyUserDetails;
use atlas_plugin_sdk::api::{DescribeOutput, PlanInput, PlanOutput, RenderInput, RenderOutput};
use atlas_plugin_sdk::formats::output::Style;
use atlas_plugin_sdk::render::{self, Output};

atlas_plugin_sdk::plugin_exports!(
    "apikeys-create",
    crate::describe,
    crate::plan,
    crate::render
);

/// The Go CLI's `createTemplate`, and the examples our `help:` lines give. A body that cannot
/// be read is printed raw by the host: it holds the only copy of the private key.
const OUTPUT: Output = Output {
    style: Style {
        text: "API Key '{{.Id}}' created.\nPublic API Key {{.PublicKey}}\nPrivate API Key \
               {{.PrivateKey}}\n",
        template_example: "{{.PrivateKey}}",
        json_path_examples: "json-path=$.privateKey or json-path=$.roles[*].roleName",
    },
    compact_json_path_examples: None,
    what: "the created API key",
    raw_help: "; save the private key from it now, Atlas shows it only once",
};

/// The plugin's identity and its one command.
pub fn describe() -> DescribeOutput {
    command::describe()
}

/// Validate the invocation and describe the request to send, or say what the user must fix.
pub fn plan(input: &PlanInput) -> PlanOutput {
    plan::plan(input)
}

/// The created key in the format the user chose, or the error as the Go CLI words it.
pub fn render(input: &RenderInput) -> RenderOutput {
    render::render::<ApiKeyUserDetails>(input, &OUTPUT)
}
