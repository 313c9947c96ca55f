//! `plan`: flags and settings in, the `POST .../apiKeys` request out, or the first user
//! mistake. Every check runs before any request, in the Go CLI's order (flag parsing,
//! positional arguments, org ID, required flags), then our own checks (output format, role
//! names, description length).

use atlas_plugin_models::ApiKeyUserDetails;
use atlas_plugin_sdk::api::{Flags, PlanInput, PlanOutput, RequestSpec};
use atlas_plugin_sdk::flags::{no_args, org_id, string_flag, strings_flag};
use atlas_plugin_sdk::render;
use atlas_plugin_sdk::request::{api_keys, with_body};
use atlas_plugin_sdk::roles;
use atlas_plugin_sdk::stop::{Stop, plan_output};
use serde::Serialize;

/// The command as cobra names it in messages.
const COMMAND: &str = "atlas organizations apiKeys create";

/// The request body, `CreateAtlasOrganizationApiKey`, fields in the Go SDK's order.
#[derive(Debug, Serialize)]
struct CreateBody {
    desc: String,
    roles: Vec<String>,
}

/// Validate the invocation and describe the request, or say what the user must fix (or
/// which file the host must read first).
pub fn plan(input: &PlanInput) -> PlanOutput {
    plan_output(build_request(input))
}

fn build_request(input: &PlanInput) -> Result<RequestSpec, Stop> {
    let flags = &input.flags;
    // The Go CLI splits `--role` while parsing flags, so a CSV error comes before all else.
    let role_items = roles::split(strings_flag(flags, "role"))?;
    no_args(&input.args, COMMAND)?;
    let org_id = org_id(flags, &input.settings)?;
    check_required(flags)?;
    // [ours] The whole output request is proven workable here, before the key exists.
    render::check::<ApiKeyUserDetails>(input, &crate::OUTPUT)?;
    let roles = roles::validate(role_items)?;
    let desc = roles::check_desc(string_flag(flags, "desc").unwrap_or_default())?;
    let body = CreateBody {
        desc: desc.to_string(),
        roles,
    };
    Ok(with_body("POST", api_keys(org_id), &body)?)
}

/// cobra's `ValidateRequiredFlags`: missing names sorted, a flag set to "" counts as set.
fn check_required(flags: &Flags) -> Result<(), String> {
    let missing: Vec<&str> = ["desc", "role"]
        .into_iter()
        .filter(|name| !flags.contains_key(*name))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "required flag(s) \"{}\" not set",
        missing.join("\", \"")
    ))
}

#[cfg(test)]
mod tests;
