//! `atlas organizations apiKeys accessLists delete <entry>` (alias `rm`) as a sandboxed Extism
//! plugin: its flags ([`describe`]), its `DELETE` request ([`plan`]) and its text; the rest is
//! `atlas-plugin-sdk`'s. The entry (an IP address or a CIDR block) is one path segment: a
//! block's `/` is sent as `%2F`.
//!
//! Checks in the Go CLI's order (the one argument, the org ID), then the Go SDK's (an empty key
//! ID, [ours] a missing `--apiKey` too, an empty entry), then the yes the delete needs
//! ([`confirm`]), all before any request.

#[cfg(test)]
mod vectors;

use atlas_plugin_sdk::api::{
    ArgsSpec, DescribeOutput, FlagKind, FlagSpec, PlanInput, PlanOutput, RenderInput, RenderOutput,
    RequestSpec,
};
use atlas_plugin_sdk::command::{self, access_lists_path, force_flag, org_id_flag, role_line};
use atlas_plugin_sdk::confirm::{self, Question};
use atlas_plugin_sdk::flags::{one_arg, org_id, required_id, string_flag};
use atlas_plugin_sdk::render;
use atlas_plugin_sdk::request::{access_list, path_escape, without_body};
use atlas_plugin_sdk::stop::{Stop, plan_output};

atlas_plugin_sdk::plugin_exports!(
    "accesslists-delete",
    crate::describe,
    crate::plan,
    crate::render
);

const COMMAND: &str = "atlas organizations apiKeys accessLists delete";
const USE_LINE: &str = "atlas organizations apiKeys accessLists delete <entry> [flags]";

const SHORT: &str = "Remove the specified IP access list entry from your API Key.";

const EXAMPLE: &str = "  # Remove the IP address 192.0.2.0 from the access list for the API key \
with the ID 5f24084d8dbffa3ad3f21234 in the organization with the ID 5a1b39eec902201990f12345:
  atlas organizations apiKeys accessLists delete 192.0.2.0 --apiKey 5f24084d8dbffa3ad3f21234 \
--orgId 5a1b39eec902201990f12345";

const API_KEY_HELP: &str = "Unique 24-digit string that identifies your API key.";

/// The plugin's identity and its one command (no `-o`: it prints one fixed line).
pub fn describe() -> DescribeOutput {
    let flags = vec![
        FlagSpec::new("apiKey", None, FlagKind::String, API_KEY_HELP),
        force_flag(),
        org_id_flag(),
    ];
    let path = access_lists_path("delete", &["rm"]);
    let spec = command::spec(path, SHORT, role_line("Read Write"), EXAMPLE, flags);
    command::describe_confirming(
        "accesslists-delete",
        env!("CARGO_PKG_VERSION"),
        command::takes(spec, ArgsSpec::exactly(1, "<entry>")),
    )
}

/// Validate the invocation and describe the request to send, or say what the user must fix.
pub fn plan(input: &PlanInput) -> PlanOutput {
    plan_output(request(input))
}

fn request(input: &PlanInput) -> Result<RequestSpec, Stop> {
    let entry = one_arg(&input.args, COMMAND, USE_LINE)?;
    let org_id = org_id(&input.flags, &input.settings)?;
    let key = required_id(string_flag(&input.flags, "apiKey"), "apiUserId")?;
    let entry = required_id(Some(entry), "ipAddress")?;
    let question = Question {
        entry,
        declined: "Access list entry not deleted",
    };
    confirm::confirmed(input, &question)?;
    let path = format!("{}/{}", access_list(org_id, key), path_escape(entry));
    Ok(without_body("DELETE", path, Vec::new()))
}

/// The Go CLI's line for the deleted entry, or the error as the Go CLI words it.
pub fn render(input: &RenderInput) -> RenderOutput {
    let entry = input.invocation.args.first().map_or("", String::as_str);
    render::message(input, format!("Access list entry '{entry}' deleted\n"))
}
