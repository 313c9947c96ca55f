//! `plan`: flags and settings in, the `POST .../apiKeys` request out, or the first user
//! mistake. Every check runs before any request, in the Go CLI's order (flag parsing,
//! positional arguments, org ID, required flags), then our own checks (output format, role
//! names, description length).

use atlas_plugin_api::{Flags, NameValue, PlanInput, PlanOutput, RequestSpec};
use serde::Serialize;

use atlas_plugin_output::flags::{no_args, org_id, string_flag, strings_flag};
use atlas_plugin_output::format::OutputFormat;
use atlas_plugin_output::output::Readiness;
use atlas_plugin_output::stop::{Stop, plan_output};

use crate::output;
use crate::roles;

/// The command as cobra names it in messages.
const COMMAND: &str = "atlas organizations apiKeys create";

/// The Admin API version this command speaks (`Accept` and `Content-Type`).
pub const MEDIA_TYPE: &str = "application/vnd.atlas.2023-01-01+json";

/// The description limits of `CreateAtlasOrganizationApiKey.desc` in the API spec.
const DESC_CHARS: std::ops::RangeInclusive<usize> = 1..=250;

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
    let format = OutputFormat::select(flags, &input.settings)?;
    if let Readiness::NeedFile(path) = output::check(&format, &input.files)? {
        return Err(Stop::NeedFile(path));
    }
    let roles = roles::validate(role_items)?;
    let desc = check_desc(string_flag(flags, "desc").unwrap_or_default())?;
    let body = serde_json::to_string(&CreateBody {
        desc: desc.to_string(),
        roles,
    })
    .map_err(|err| format!("could not encode the request body: {err}"))?;
    Ok(RequestSpec {
        method: "POST".to_string(),
        path: format!("/api/atlas/v2/orgs/{org_id}/apiKeys"),
        query: Vec::new(),
        headers: vec![
            NameValue::new("Accept", MEDIA_TYPE),
            NameValue::new("Content-Type", MEDIA_TYPE),
        ],
        body: Some(body),
    })
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

/// [ours] The spec's 1 to 250 characters, checked here rather than by a server round trip.
fn check_desc(desc: &str) -> Result<&str, String> {
    let chars = desc.chars().count();
    if DESC_CHARS.contains(&chars) {
        return Ok(desc);
    }
    let (min, max) = (DESC_CHARS.start(), DESC_CHARS.end());
    Err(format!(
        "--desc is {chars} characters long\nhelp: give a description of {min} to {max} characters"
    ))
}

#[cfg(test)]
mod tests;
