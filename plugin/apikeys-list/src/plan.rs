//! `plan`: flags and settings in, the `GET .../apiKeys?pageNum=…` request out, or the first
//! user mistake. Every check runs before any request, in the Go CLI's order (flag parsing,
//! positional arguments, org ID), then our own (output format, page and limit ranges).

use atlas_plugin_api::{Flags, NameValue, PlanInput, PlanOutput, RequestSpec};
use atlas_plugin_output::flags::{bool_flag, int_flag, no_args, org_id};
use atlas_plugin_output::format::OutputFormat;
use atlas_plugin_output::output::Readiness;
use atlas_plugin_output::stop::{Stop, plan_output};

use crate::output;

/// The command as cobra names it in messages (`ls` is an alias; cobra prints the name).
const COMMAND: &str = "atlas organizations apiKeys list";

/// The Admin API version this command speaks.
pub const MEDIA_TYPE: &str = "application/vnd.atlas.2023-01-01+json";

/// The Go CLI's `cli.DefaultPage` and `cli.DefaultPageLimit`.
const DEFAULT_PAGE: i64 = 1;
const DEFAULT_LIMIT: i64 = 100;

/// The spec's `itemsPerPage` range (`pageNum` has a minimum of 1 only).
const LIMITS: std::ops::RangeInclusive<i64> = 1..=500;

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
    let format = OutputFormat::select(flags, &input.settings)?;
    let compact = bool_flag(flags, "compact").unwrap_or(false);
    if let Readiness::NeedFile(path) = output::check(&format, compact, &input.files)? {
        return Err(Stop::NeedFile(path));
    }
    let page = page(flags)?;
    let limit = limit(flags)?;
    // `cli.ListOpts.NewAtlasListOptions`: `--omitCount` is `includeCount=false`.
    let include_count = !bool_flag(flags, "omitCount").unwrap_or(false);
    Ok(RequestSpec {
        method: "GET".to_string(),
        path: format!("/api/atlas/v2/orgs/{org_id}/apiKeys"),
        query: vec![
            NameValue::new("pageNum", page.to_string()),
            NameValue::new("itemsPerPage", limit.to_string()),
            NameValue::new("includeCount", include_count.to_string()),
        ],
        headers: vec![NameValue::new("Accept", MEDIA_TYPE)],
        body: None,
    })
}

/// [ours] `--page` of 1 or more, checked here rather than by a server round trip.
fn page(flags: &Flags) -> Result<i64, String> {
    let page = int_flag(flags, "page").unwrap_or(DEFAULT_PAGE);
    if page >= 1 {
        return Ok(page);
    }
    Err(format!(
        "--page is {page}\nhelp: give a page number of 1 or more"
    ))
}

/// [ours] `--limit` within the spec's 1 to 500 items per page.
fn limit(flags: &Flags) -> Result<i64, String> {
    let limit = int_flag(flags, "limit").unwrap_or(DEFAULT_LIMIT);
    if LIMITS.contains(&limit) {
        return Ok(limit);
    }
    let (min, max) = (LIMITS.start(), LIMITS.end());
    Err(format!(
        "--limit is {limit}\nhelp: give a limit of {min} to {max} items per page"
    ))
}

#[cfg(test)]
mod tests;
