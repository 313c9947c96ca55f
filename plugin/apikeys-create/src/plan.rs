//! `plan`: flags and settings in, the `POST .../apiKeys` request out, or the first user
//! mistake. Every check runs before any request, in the Go CLI's order (flag parsing,
//! positional arguments, org ID, required flags), then our own checks (output format, role
//! names, description length).

use atlas_plugin_api::{Flags, NameValue, PlanInput, PlanOutput, RequestSpec, Settings};
use serde::Serialize;

use crate::flags::{string_flag, strings_flag};
use crate::format::OutputFormat;
use crate::roles;

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

/// Validate the invocation and describe the request, or say what the user must fix.
pub fn plan(input: &PlanInput) -> PlanOutput {
    match build_request(input) {
        Ok(request) => PlanOutput::Request { request },
        Err(message) => PlanOutput::UserError { message },
    }
}

fn build_request(input: &PlanInput) -> Result<RequestSpec, String> {
    let flags = &input.flags;
    // The Go CLI splits `--role` while parsing flags, so a CSV error comes before all else.
    let role_items = roles::split(strings_flag(flags, "role"))?;
    check_no_args(&input.args)?;
    let org_id = org_id(flags, &input.settings)?;
    check_required(flags)?;
    OutputFormat::select(flags, &input.settings)?;
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

/// cobra's `NoArgs` as the Go CLI's `require.NoArgs` words it.
fn check_no_args(args: &[String]) -> Result<(), String> {
    if args.is_empty() {
        return Ok(());
    }
    let path = "atlas organizations apiKeys create";
    Err(format!(
        "\"{path}\" accepts no arguments\n\nUsage:  {path} [flags]"
    ))
}

/// `--orgId`, else the `org_id` setting; empty values do not count. Go's `validate.ObjectID`
/// decodes 12 bytes of hex, so upper-case digits pass too.
fn org_id<'a>(flags: &'a Flags, settings: &'a Settings) -> Result<&'a str, String> {
    let org_id = string_flag(flags, "orgId")
        .filter(|id| !id.is_empty())
        .or(settings.org_id.as_deref().filter(|id| !id.is_empty()))
        .ok_or_else(|| "required flag(s) \"orgId\" not set".to_string())?;
    if org_id.len() == 24 && org_id.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(org_id)
    } else {
        Err(format!("the provided value '{org_id}' is not a valid ID"))
    }
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
