//! The example plugin of docs/writing-a-plugin.md: `atlas hello keys` counts the API keys of the
//! configured organization. Kept here so the example always compiles and runs
//! (tests/it/plugins.rs).

use atlas_plugin_models::PaginatedApiApiUser;
use atlas_plugin_sdk::api::{
    DescribeOutput, PlanInput, PlanOutput, RenderInput, RenderOutput, RequestSpec,
};
use atlas_plugin_sdk::command::{self, org_id_flag, output_flag, segment};
use atlas_plugin_sdk::flags::{no_args, org_id};
use atlas_plugin_sdk::formats::output::Style;
use atlas_plugin_sdk::render::{self, Output};
use atlas_plugin_sdk::request::{api_keys, without_body};
use atlas_plugin_sdk::stop::{Stop, plan_output};

atlas_plugin_sdk::plugin_exports!("hello", crate::describe, crate::plan, crate::render);

const OUTPUT: Output = Output {
    style: Style {
        text: "{{.TotalCount}} API keys\n",
        template_example: "{{.TotalCount}}",
        json_path_examples: "json-path=$.totalCount",
    },
    compact_json_path_examples: None,
    what: "the API keys",
    raw_help: "",
};

pub fn describe() -> DescribeOutput {
    let path = vec![segment("hello", &[]), segment("keys", &[])];
    let short = "Count the API keys of your organization.";
    let flags = vec![org_id_flag(), output_flag()];
    let keys = command::spec(path, short, String::new(), "", flags);
    command::describe("hello", env!("CARGO_PKG_VERSION"), keys)
}

pub fn plan(input: &PlanInput) -> PlanOutput {
    plan_output(request(input))
}

fn request(input: &PlanInput) -> Result<RequestSpec, Stop> {
    no_args(&input.args, "atlas hello keys")?;
    let org = org_id(&input.flags, &input.settings)?;
    render::check::<PaginatedApiApiUser>(input, &OUTPUT)?; // `-o` is checked before any request
    Ok(without_body("GET", api_keys(org), Vec::new()))
}

pub fn render(input: &RenderInput) -> RenderOutput {
    render::render::<PaginatedApiApiUser>(input, &OUTPUT)
}
