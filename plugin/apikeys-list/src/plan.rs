//! `plan`: flags and settings in, the `GET .../apiKeys?pageNum=…` request out, or the first
//! user mistake. Every check runs before any request, in the Go CLI's order (flag parsing,
//! positional arguments, org ID), then our own (output format, page and limit ranges).

use atlas_plugin_models::PaginatedApiApiUser;
use atlas_plugin_sdk::api::{NameValue, PlanInput, PlanOutput, RequestSpec};
use atlas_plugin_sdk::flags::{Page, no_args, org_id};
use atlas_plugin_sdk::render;
use atlas_plugin_sdk::request::{self, api_keys};
use atlas_plugin_sdk::stop::{Stop, plan_output};

/// The command as cobra names it in messages (`ls` is an alias; cobra prints the name).
const COMMAND: &str = "atlas organizations apiKeys list";

/// Validate the invocation and describe the request, or say what the user must fix (or
/// which file the host must read first).
pub fn plan(input: &PlanInput) -> PlanOutput {
    plan_output(build_request(input))
}

fn build_request(input: &PlanInput) -> Result<RequestSpec, Stop> {
    let flags = &input.flags;
    no_args(&input.args, COMMAND)?;
    let org_id = org_id(flags, &input.settings)?;
    // [ours] The whole output request is proven workable here, before the request.
    render::check::<PaginatedApiApiUser>(input, &crate::OUTPUT)?;
    let page = Page::from_flags(flags)?;
    let query = vec![
        NameValue::new("pageNum", page.number.to_string()),
        NameValue::new("itemsPerPage", page.limit.to_string()),
        NameValue::new("includeCount", page.include_count.to_string()),
    ];
    Ok(request::without_body("GET", api_keys(org_id), query))
}

#[cfg(test)]
mod tests;
