//! `atlas organizations apiKeys accessLists list <apiKeyID>` (alias `ls`) as a sandboxed Extism
//! plugin: its flags ([`describe`]), its `GET` request ([`plan`]) and its default table
//! ([`OUTPUT`]); the rest is `atlas-plugin-sdk`'s. Checks in the Go CLI's order: the one
//! argument, the org ID, then ours (the output request, page and limit ranges), then the Go
//! SDK's (an empty ID), all before any request.

#[cfg(test)]
mod vectors;

use atlas_plugin_models::PaginatedApiUserAccessListResponse;
use atlas_plugin_sdk::api::{
    ArgsSpec, DescribeOutput, PlanInput, PlanOutput, RenderInput, RenderOutput, RequestSpec,
};
use atlas_plugin_sdk::command::{
    self, access_lists_path, org_id_flag, output_flag, page_flags, role_line,
};
use atlas_plugin_sdk::flags::{Page, one_arg, org_id, required_id};
use atlas_plugin_sdk::formats::output::Style;
use atlas_plugin_sdk::render::{self, Output};
use atlas_plugin_sdk::request::{access_list, without_body};
use atlas_plugin_sdk::stop::{Stop, plan_output};

atlas_plugin_sdk::plugin_exports!(
    "accesslists-list",
    crate::describe,
    crate::plan,
    crate::render
);

const COMMAND: &str = "atlas organizations apiKeys accessLists list";
const USE_LINE: &str = "atlas organizations apiKeys accessLists list <apiKeyID> [flags]";

const SHORT: &str = "Return all IP access list entries for your API Key.";

/// [ours] The Go CLI's example passes `--apiKey`, which is not a flag of this command.
const EXAMPLE: &str = "  # Return a JSON-formatted list of access list entries for the API key \
with the ID 5f24084d8dbffa3ad3f21234 in the organization with the ID 5a1b39eec902201990f12345:
  atlas organizations apiKeys accessLists list 5f24084d8dbffa3ad3f21234 --orgId \
5a1b39eec902201990f12345 --output json";

/// The Go CLI's `listTemplate`, and the examples our `help:` lines give.
const OUTPUT: Output = Output {
    style: Style {
        text: "IP ADDRESS\tCIDR BLOCK\tCREATED AT{{range valueOrEmptySlice .Results}}\n\
               {{.IpAddress}}\t{{.CidrBlock}}\t{{.Created}}{{end}}\n",
        template_example: "{{range .Results}}{{.CidrBlock}} {{end}}",
        json_path_examples: "json-path=$.totalCount or json-path=$.results[*].cidrBlock",
    },
    compact_json_path_examples: None,
    what: "the access list",
    raw_help: "",
};

/// The plugin's identity and its one command.
pub fn describe() -> DescribeOutput {
    let [limit, omit_count, page] = page_flags();
    let flags = vec![limit, omit_count, org_id_flag(), output_flag(), page];
    let path = access_lists_path("list", &["ls"]);
    let spec = command::spec(
        path,
        SHORT,
        role_line("Organization Member"),
        EXAMPLE,
        flags,
    );
    command::describe(
        "accesslists-list",
        env!("CARGO_PKG_VERSION"),
        command::takes(spec, ArgsSpec::exactly(1, "<apiKeyID>")),
    )
}

/// Validate the invocation and describe the request to send, or say what the user must fix.
pub fn plan(input: &PlanInput) -> PlanOutput {
    plan_output(request(input))
}

fn request(input: &PlanInput) -> Result<RequestSpec, Stop> {
    let id = one_arg(&input.args, COMMAND, USE_LINE)?;
    let org_id = org_id(&input.flags, &input.settings)?;
    render::check::<PaginatedApiUserAccessListResponse>(input, &OUTPUT)?;
    let page = Page::from_flags(&input.flags)?;
    let id = required_id(Some(id), "apiUserId")?;
    Ok(without_body("GET", access_list(org_id, id), page.query()))
}

/// The entries in the format the user chose, or the error as the Go CLI words it.
pub fn render(input: &RenderInput) -> RenderOutput {
    render::render::<PaginatedApiUserAccessListResponse>(input, &OUTPUT)
}
