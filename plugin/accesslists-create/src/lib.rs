//! `atlas organizations apiKeys accessLists create` as a sandboxed Extism plugin: its flags
//! ([`describe`]), its `POST` request ([`plan`]) and its default text ([`OUTPUT`]); the rest is
//! `atlas-plugin-sdk`'s.
//!
//! The body lists every `--ip` first, then every `--cidr`, whatever their order on the command
//! line, as the Go CLI sends them. Checks in the Go CLI's order (the flags' CSV while parsing,
//! the org ID, the required `--apiKey`, "either --ip, --cidr"), then ours (no stray arguments,
//! the output request, each address's syntax), then the Go SDK's (an empty key ID), all before
//! any request. `--currentIp` (the caller's public address, added after the `--ip` values, and
//! on its own enough for the "either" check) is asked of Atlas last, through the ABI's `fetch`
//! step: `GET /api/private/ipinfo`, as the Go CLI's store does; no address in the answer is the
//! Go CLI's `unable to find your public IP address…`, and nothing is posted.

#[cfg(test)]
mod vectors;

use std::net::IpAddr;

use atlas_plugin_models::PaginatedApiUserAccessListResponse;
use atlas_plugin_sdk::api::{
    ArgsSpec, DescribeOutput, FlagKind, FlagSpec, NameValue, PlanInput, PlanOutput, RenderInput,
    RenderOutput, RequestSpec,
};
use atlas_plugin_sdk::command::{self, access_lists_path, org_id_flag, output_flag, role_line};
use atlas_plugin_sdk::flags::{
    Page, bool_flag, no_args, org_id, required_id, string_flag, string_slice,
};
use atlas_plugin_sdk::formats::gofmt::quote;
use atlas_plugin_sdk::formats::output::Style;
use atlas_plugin_sdk::render::{self, Output};
use atlas_plugin_sdk::request::{access_list, with_body, without_body};
use atlas_plugin_sdk::stop::{Stop, plan_output};
use serde::Serialize;

atlas_plugin_sdk::plugin_exports!(
    "accesslists-create",
    crate::describe,
    crate::plan,
    crate::render
);

const COMMAND: &str = "atlas organizations apiKeys accessLists create";

const SHORT: &str = "Create an IP access list entry for your API Key.";

const EXAMPLE: &str = "  # Create access list entries for two IP addresses for the API key with \
the ID 5f24084d8dbffa3ad3f21234 in the organization with the ID 5a1b39eec902201990f12345:
  atlas organizations apiKeys accessLists create --apiKey 5f24084d8dbffa3ad3f21234 --cidr \
192.0.2.0/24,198.51.100.0/24 --orgId 5a1b39eec902201990f12345 --output json";

const CURRENT_IP_HELP: &str = "Flag that adds the IP address from the host that is currently \
executing the command to the access list. Only applicable for type ipAddress entries. You don't \
need the entry argument when you use the currentIp option.";

const NO_PUBLIC_IP: &str =
    "unable to find your public IP address. Specify the public IP address for this command";

/// Where Atlas tells a caller its public address (not a versioned resource).
const IPINFO_PATH: &str = "/api/private/ipinfo";

const API_KEY_HELP: &str = "Unique 24-digit string that identifies your API key.";

const CIDR_HELP: &str = "Access list entry in CIDR notation to be added. To add multiple entries, \
specify each entry with a separate cidr flag or specify all of the entries as a comma-separated \
list using one cidr flag.";

const IP_HELP: &str = "IP address to be allowed access. To add multiple entries, specify each \
entry with a separate ip flag or specify all of the entries as a comma-separated list using one \
ip flag.";

/// The Go CLI's `createTemplate`; `-o json` prints the whole list Atlas answers with.
const OUTPUT: Output = Output {
    style: Style {
        text: "Created new access list entry(s).\n",
        template_example: "{{range .Results}}{{.CidrBlock}} {{end}}",
        json_path_examples: "json-path=$.totalCount or json-path=$.results[*].cidrBlock",
    },
    compact_json_path_examples: None,
    what: "the access list",
    raw_help: "",
};

/// One `UserAccessListRequest`: an address or a block, never both.
#[derive(Serialize)]
enum Entry {
    #[serde(rename = "ipAddress")]
    Ip(String),
    #[serde(rename = "cidrBlock")]
    Cidr(String),
}

/// The plugin's identity and its one command.
pub fn describe() -> DescribeOutput {
    let flags = vec![
        FlagSpec::new("apiKey", None, FlagKind::String, API_KEY_HELP).required(),
        FlagSpec::new("cidr", None, FlagKind::Strings, CIDR_HELP),
        FlagSpec::new("currentIp", None, FlagKind::Bool, CURRENT_IP_HELP),
        FlagSpec::new("ip", None, FlagKind::Strings, IP_HELP),
        org_id_flag(),
        output_flag(),
    ];
    let path = access_lists_path("create", &[]);
    let spec = command::spec(path, SHORT, role_line("Read Write"), EXAMPLE, flags);
    command::describe_fetching(
        "accesslists-create",
        env!("CARGO_PKG_VERSION"),
        command::takes(spec, ArgsSpec::none()),
    )
}

/// Validate the invocation and describe the request to send, or say what the user must fix.
pub fn plan(input: &PlanInput) -> PlanOutput {
    plan_output(request(input))
}

fn request(input: &PlanInput) -> Result<RequestSpec, Stop> {
    let flags = &input.flags;
    let ips = string_slice(flags, "ip")?;
    let cidrs = string_slice(flags, "cidr")?;
    // [ours] The Go CLI ignores stray arguments.
    no_args(&input.args, COMMAND)?;
    let org_id = org_id(flags, &input.settings)?;
    if !flags.contains_key("apiKey") {
        return Err(Stop::User(
            "required flag(s) \"apiKey\" not set".to_string(),
        ));
    }
    let current_ip = bool_flag(flags, "currentIp").unwrap_or(false);
    if ips.is_empty() && cidrs.is_empty() && !current_ip {
        return Err(Stop::User("either --ip, --cidr must be set".to_string()));
    }
    render::check::<PaginatedApiUserAccessListResponse>(input, &OUTPUT)?;
    let mut entries = Vec::with_capacity(ips.len() + cidrs.len());
    for ip in ips {
        entries.push(Entry::Ip(check_ip(ip)?));
    }
    let mut blocks = Vec::with_capacity(cidrs.len());
    for cidr in cidrs {
        blocks.push(Entry::Cidr(check_cidr(cidr)?));
    }
    let id = required_id(string_flag(flags, "apiKey"), "apiUserId")?;
    if current_ip {
        entries.push(Entry::Ip(public_ip(input)?));
    }
    entries.extend(blocks);
    let mut request = with_body("POST", access_list(org_id, id), &entries)?;
    // The Go SDK asks for the first page of the whole list, in its defaults.
    request.query = Page::FIRST.query();
    Ok(request)
}

/// The caller's public address, once the host has fetched Atlas's answer; until then, the fetch.
fn public_ip(input: &PlanInput) -> Result<String, Stop> {
    let Some(answer) = &input.fetched else {
        let mut ipinfo = without_body("GET", IPINFO_PATH.to_string(), Vec::new());
        ipinfo.headers = vec![NameValue::new("Accept", "application/json")];
        return Err(Stop::Fetch(ipinfo));
    };
    #[derive(serde::Deserialize)]
    struct IpInfo {
        #[serde(rename = "currentIpv4Address", default)]
        current_ipv4_address: String,
    }
    let found = (200..300)
        .contains(&answer.status)
        .then(|| serde_json::from_str::<IpInfo>(&answer.body).ok())
        .flatten()
        .map(|info| info.current_ipv4_address)
        .filter(|ip| !ip.is_empty());
    found.ok_or_else(|| Stop::User(NO_PUBLIC_IP.into()))
}

/// [ours] An IPv4 or IPv6 address, checked before the request rather than by the server.
fn check_ip(ip: String) -> Result<String, String> {
    match ip.parse::<IpAddr>() {
        Ok(_) => Ok(ip),
        Err(_) => Err(format!(
            "invalid IP address {}\nhelp: give an IPv4 or IPv6 address, e.g. --ip 203.0.113.10",
            quote(&ip)
        )),
    }
}

/// [ours] An address and a prefix length that fits it, e.g. `203.0.113.0/24`.
fn check_cidr(cidr: String) -> Result<String, String> {
    let valid = cidr.split_once('/').is_some_and(|(addr, bits)| {
        let max = match addr.parse::<IpAddr>() {
            Ok(IpAddr::V4(_)) => 32,
            Ok(IpAddr::V6(_)) => 128,
            Err(_) => return false,
        };
        let digits =
            !bits.is_empty() && bits.len() <= 3 && bits.bytes().all(|b| b.is_ascii_digit());
        digits && bits.parse::<u32>().is_ok_and(|bits| bits <= max)
    });
    match valid {
        true => Ok(cidr),
        false => Err(format!(
            "invalid CIDR block {}\nhelp: give an address and a prefix length, e.g. --cidr 203.0.113.0/24",
            quote(&cidr)
        )),
    }
}

/// The confirmation, or the error as the Go CLI words it.
pub fn render(input: &RenderInput) -> RenderOutput {
    render::render::<PaginatedApiUserAccessListResponse>(input, &OUTPUT)
}
