//! `atlas organizations apiKeys list` (alias `ls`) as a sandboxed Extism plugin: its flags
//! ([`command`]), its `GET` request ([`plan`]) and its default table ([`OUTPUT`]); the rest is
//! `atlas-plugin-sdk`'s.

mod command;
mod plan;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod vectors;

use atlas_plugin_models::PaginatedApiApiUser;
use atlas_plugin_sdk::api::{DescribeOutput, PlanInput, PlanOutput, RenderInput, RenderOutput};
use atlas_plugin_sdk::formats::output::Style;
use atlas_plugin_sdk::render::{self, Output};

atlas_plugin_sdk::plugin_exports!("apikeys-list", crate::describe, crate::plan, crate::render);

/// The Go CLI's `listTemplate`, and the examples our `help:` lines give.
const OUTPUT: Output = Output {
    style: Style {
        text: "ID\tDESCRIPTION\tPUBLIC KEY\tPRIVATE KEY{{range valueOrEmptySlice .Results}}\n\
               {{.Id}}\t{{.Desc}}\t{{.PublicKey}}\t{{.PrivateKey}}{{end}}\n",
        template_example: "{{range .Results}}{{.Id}} {{end}}",
        json_path_examples: "json-path=$.totalCount or json-path=$.results[*].publicKey",
    },
    compact_json_path_examples: Some("json-path=$[0].id or json-path=$[*].publicKey"),
    what: "the API keys",
    raw_help: "",
};

/// The plugin's identity and its one command.
pub fn describe() -> DescribeOutput {
    command::describe()
}

/// Validate the invocation and describe the request to send, or say what the user must fix.
pub fn plan(input: &PlanInput) -> PlanOutput {
    plan::plan(input)
}

/// The page of keys in the format the user chose, or the error as the Go CLI words it.
pub fn render(input: &RenderInput) -> RenderOutput {
    render::render::<PaginatedApiApiUser>(input, &OUTPUT)
}
