//! `atlas organizations apiKeys delete <ID>` (alias `rm`) as a sandboxed Extism plugin: its
//! flags ([`describe`]), its `DELETE` request ([`plan`]) and its text; the rest is
//! `atlas-plugin-sdk`'s. Checks in the Go CLI's order (the one argument, the org ID), then the Go
//! SDK's (an empty ID), then the yes the delete needs ([`confirm`]), all before any request.

#[cfg(test)]
mod vectors;

use atlas_plugin_sdk::api::{
    ArgsSpec, DescribeOutput, PlanInput, PlanOutput, RenderInput, RenderOutput, RequestSpec,
};
use atlas_plugin_sdk::command::{self, api_keys_path, force_flag, org_id_flag, role_line};
use atlas_plugin_sdk::confirm::{self, Question};
use atlas_plugin_sdk::flags::{one_arg, org_id, required_id};
use atlas_plugin_sdk::render;
use atlas_plugin_sdk::request::{api_key, without_body};
use atlas_plugin_sdk::stop::{Stop, plan_output};

atlas_plugin_sdk::plugin_exports!(
    "apikeys-delete",
    crate::describe,
    crate::plan,
    crate::render
);

const COMMAND: &str = "atlas organizations apiKeys delete";
const USE_LINE: &str = "atlas organizations apiKeys delete <ID> [flags]";

const SHORT: &str = "Remove the specified API key for your organization.";

const EXAMPLE: &str = "  # Remove the organization API key with the ID 5f24084d8dbffa3ad3f21234 \
from the organization with the ID 5a1b39eec902201990f12345:
  atlas organizations apiKeys delete 5f24084d8dbffa3ad3f21234 --orgId 5a1b39eec902201990f12345";

/// The plugin's identity and its one command (no `-o`: it prints one fixed line).
pub fn describe() -> DescribeOutput {
    let long = format!(
        "To view possible values for the ID argument, run atlas organizations apiKeys list.\n\n{}",
        role_line("Organization User Admin")
    );
    let flags = vec![force_flag(), org_id_flag()];
    let spec = command::spec(
        api_keys_path("delete", &["rm"]),
        SHORT,
        long,
        EXAMPLE,
        flags,
    );
    command::describe_confirming(
        "apikeys-delete",
        env!("CARGO_PKG_VERSION"),
        command::takes(spec, ArgsSpec::exactly(1, "<ID>")),
    )
}

/// Validate the invocation and describe the request to send, or say what the user must fix.
pub fn plan(input: &PlanInput) -> PlanOutput {
    plan_output(request(input))
}

fn request(input: &PlanInput) -> Result<RequestSpec, Stop> {
    let id = one_arg(&input.args, COMMAND, USE_LINE)?;
    let org_id = org_id(&input.flags, &input.settings)?;
    let id = required_id(Some(id), "apiUserId")?;
    let question = Question {
        entry: id,
        declined: "API Key not deleted",
    };
    confirm::confirmed(input, &question)?;
    Ok(without_body("DELETE", api_key(org_id, id), Vec::new()))
}

/// The Go CLI's line for the deleted key, or the error as the Go CLI words it.
pub fn render(input: &RenderInput) -> RenderOutput {
    let id = input.invocation.args.first().map_or("", String::as_str);
    render::message(input, format!("API Key '{id}' deleted\n"))
}
