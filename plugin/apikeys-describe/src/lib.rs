//! `atlas organizations apiKeys describe <ID>` (alias `show`) as a sandboxed Extism plugin: its
//! flags ([`describe`]), its `GET` request ([`plan`]) and its default table ([`OUTPUT`]); the
//! rest is `atlas-plugin-sdk`'s. Checks in the Go CLI's order: the one argument, the org ID,
//! then ours (the output request), then the Go SDK's (an empty ID), all before any request.

#[cfg(test)]
mod vectors;

use atlas_plugin_models::ApiKeyUserDetails;
use atlas_plugin_sdk::api::{
    ArgsSpec, DescribeOutput, PlanInput, PlanOutput, RenderInput, RenderOutput, RequestSpec,
};
use atlas_plugin_sdk::command::{self, api_keys_path, org_id_flag, output_flag, role_line};
use atlas_plugin_sdk::flags::{one_arg, org_id, required_id};
use atlas_plugin_sdk::formats::output::Style;
use atlas_plugin_sdk::render::{self, Output};
use atlas_plugin_sdk::request::{api_key, without_body};
use atlas_plugin_sdk::stop::{Stop, plan_output};

atlas_plugin_sdk::plugin_exports!(
    "apikeys-describe",
    crate::describe,
    crate::plan,
    crate::render
);

/// The command as cobra names it in messages, and its use line.
const COMMAND: &str = "atlas organizations apiKeys describe";
const USE_LINE: &str = "atlas organizations apiKeys describe <ID> [flags]";

const SHORT: &str = "Return the details for the specified API key for your organization.";

/// [ours] The Go CLI's example writes `-output json`, which its flag library reads as `-o utput`.
const EXAMPLE: &str =
    "  # Return the JSON-formatted details for the organization API key with the \
ID 5f24084d8dbffa3ad3f21234 for the organization with the ID 5a1b39eec902201990f12345:
  atlas organizations apiKeys describe 5f24084d8dbffa3ad3f21234 --orgId 5a1b39eec902201990f12345 \
--output json";

/// The Go CLI's `describeTemplate`, and the examples our `help:` lines give.
const OUTPUT: Output = Output {
    style: Style {
        text: "ID\tDESCRIPTION\tPUBLIC KEY\tPRIVATE KEY\n\
               {{.Id}}\t{{.Desc}}\t{{.PublicKey}}\t{{.PrivateKey}}\n",
        template_example: "{{.Desc}}",
        json_path_examples: "json-path=$.desc or json-path=$.roles[*].roleName",
    },
    compact_json_path_examples: None,
    what: "the API key",
    raw_help: "",
};

/// The plugin's identity and its one command.
pub fn describe() -> DescribeOutput {
    let long = format!(
        "To view possible values for the ID argument, run atlas organizations apiKeys list.\n\n{}",
        role_line("Organization Member")
    );
    let flags = vec![org_id_flag(), output_flag()];
    let spec = command::spec(
        api_keys_path("describe", &["show"]),
        SHORT,
        long,
        EXAMPLE,
        flags,
    );
    command::describe(
        "apikeys-describe",
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
    render::check::<ApiKeyUserDetails>(input, &OUTPUT)?;
    let id = required_id(Some(id), "apiUserId")?;
    Ok(without_body("GET", api_key(org_id, id), Vec::new()))
}

/// The key in the format the user chose, or the error as the Go CLI words it.
pub fn render(input: &RenderInput) -> RenderOutput {
    render::render::<ApiKeyUserDetails>(input, &OUTPUT)
}
