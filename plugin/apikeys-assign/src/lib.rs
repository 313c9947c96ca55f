//! `atlas organizations apiKeys assign <ID>` (alias `updates`) as a sandboxed Extism plugin: its
//! flags ([`describe`]), its `PATCH` request ([`plan`]) and its default text ([`OUTPUT`]); the
//! rest is `atlas-plugin-sdk`'s.
//!
//! As in the Go CLI the body always holds both fields, an unset flag as `""` or `[]`. Checks in
//! the Go CLI's order (`--role`'s CSV while parsing flags, the one argument, the org ID), then
//! ours (the output request, role names, the description's length, something to change), then
//! the Go SDK's (an empty ID), all before any request.

#[cfg(test)]
mod vectors;

use atlas_plugin_models::ApiKeyUserDetails;
use atlas_plugin_sdk::api::{
    ArgsSpec, DescribeOutput, FlagKind, FlagSpec, PlanInput, PlanOutput, RenderInput, RenderOutput,
    RequestSpec,
};
use atlas_plugin_sdk::command::{self, api_keys_path, org_id_flag, output_flag, role_line};
use atlas_plugin_sdk::flags::{one_arg, org_id, required_id, string_flag, strings_flag};
use atlas_plugin_sdk::formats::output::Style;
use atlas_plugin_sdk::render::{self, Output};
use atlas_plugin_sdk::request::{api_key, with_body};
use atlas_plugin_sdk::roles::{self, ROLE_HELP};
use atlas_plugin_sdk::stop::{Stop, plan_output};
use serde::Serialize;

atlas_plugin_sdk::plugin_exports!(
    "apikeys-assign",
    crate::describe,
    crate::plan,
    crate::render
);

const COMMAND: &str = "atlas organizations apiKeys assign";
const USE_LINE: &str = "atlas organizations apiKeys assign <apiKeyId> [flags]";

const SHORT: &str = "Modify the roles or description for the specified organization API key.";

const LONG: &str = "When you modify the roles for an organization API key with this command, \
the values you specify overwrite the existing roles assigned to the API key.

To view possible values for the apiKeyId argument, run atlas organizations apiKeys list.";

const EXAMPLE: &str = "  # Modify the role and description for the API key with the ID \
5f24084d8dbffa3ad3f21234 for the organization with the ID 5a1b39eec902201990f12345:
  atlas organizations apiKeys assign 5f24084d8dbffa3ad3f21234 --desc \"User1 Org API Key\" \
--role ORG_OWNER --orgId 5a1b39eec902201990f12345 --output json";

/// The Go CLI's `updateTemplate`, and the examples our `help:` lines give.
const OUTPUT: Output = Output {
    style: Style {
        text: "API Key '{{.Id}}' successfully updated.\n",
        template_example: "{{.Desc}}",
        json_path_examples: "json-path=$.desc or json-path=$.roles[*].roleName",
    },
    compact_json_path_examples: None,
    what: "the updated API key",
    raw_help: "",
};

/// `UpdateAtlasOrganizationApiKey`, fields in the Go SDK's order.
#[derive(Serialize)]
struct UpdateBody<'a> {
    desc: &'a str,
    roles: Vec<String>,
}

/// The plugin's identity and its one command.
pub fn describe() -> DescribeOutput {
    let long = format!("{LONG}\n\n{}", role_line("Organization User Admin"));
    let role_help = format!("{ROLE_HELP} Passing this flag replaces preexisting data.");
    let flags = vec![
        FlagSpec::new(
            "desc",
            None,
            FlagKind::String,
            "Description of the API key.",
        ),
        org_id_flag(),
        output_flag(),
        FlagSpec::new("role", None, FlagKind::Strings, &role_help),
    ];
    let spec = command::spec(
        api_keys_path("assign", &["updates"]),
        SHORT,
        long,
        EXAMPLE,
        flags,
    );
    command::describe(
        "apikeys-assign",
        env!("CARGO_PKG_VERSION"),
        command::takes(spec, ArgsSpec::exactly(1, "<apiKeyId>")),
    )
}

/// Validate the invocation and describe the request to send, or say what the user must fix.
pub fn plan(input: &PlanInput) -> PlanOutput {
    plan_output(request(input))
}

fn request(input: &PlanInput) -> Result<RequestSpec, Stop> {
    let flags = &input.flags;
    let role_items = roles::split(strings_flag(flags, "role"))?;
    let id = one_arg(&input.args, COMMAND, USE_LINE)?;
    let org_id = org_id(flags, &input.settings)?;
    render::check::<ApiKeyUserDetails>(input, &OUTPUT)?;
    let roles = match flags.contains_key("role") {
        true => roles::validate(role_items)?,
        false => Vec::new(),
    };
    let desc = match string_flag(flags, "desc").unwrap_or_default() {
        "" => "",
        desc => roles::check_desc(desc)?,
    };
    if desc.is_empty() && roles.is_empty() {
        // [ours] The Go CLI would send `{"desc":"","roles":[]}`, which changes nothing.
        return Err(Stop::User(
            "nothing to change\nhelp: give --role, --desc or both".to_string(),
        ));
    }
    let id = required_id(Some(id), "apiUserId")?;
    Ok(with_body(
        "PATCH",
        api_key(org_id, id),
        &UpdateBody { desc, roles },
    )?)
}

/// The updated key in the format the user chose, or the error as the Go CLI words it.
pub fn render(input: &RenderInput) -> RenderOutput {
    render::render::<ApiKeyUserDetails>(input, &OUTPUT)
}
