//! The `plan` vectors (the request for valid input, and every validation message in the order
//! the checks run) and the `render` vectors of API errors, each with its expected output
//! written out rather than taken from the code it checks.

use atlas_plugin_sdk::api::{
    FlagValue, HttpResponse, Invocation, PlanOutput, RenderInput, RenderOutput, SentRequest,
};
use atlas_plugin_testkit::VectorFile;

use super::request;

const ORG: &str = "5a1b39eec902201990f12345";
const URL: &str = "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys";
const ROLES: &str = "ORG_OWNER, ORG_MEMBER, ORG_GROUP_CREATOR, ORG_BILLING_ADMIN, \
                     ORG_BILLING_READ_ONLY, ORG_STREAM_PROCESSING_ADMIN, ORG_READ_ONLY";

fn s(value: &str) -> FlagValue {
    FlagValue::String(value.into())
}

fn roles(values: &[&str]) -> FlagValue {
    FlagValue::Strings(values.iter().map(|v| v.to_string()).collect())
}

/// An invocation with these flags and arguments, the org ID (if any) from the settings.
fn invocation(flags: &[(&str, FlagValue)], args: &[&str], org: Option<&str>) -> Invocation {
    atlas_plugin_testkit::build::invocation(
        &["organizations", "apiKeys", "create"],
        flags,
        args,
        org,
    )
}

fn valid() -> Vec<(&'static str, FlagValue)> {
    vec![("desc", s("My API Key")), ("role", roles(&["ORG_OWNER"]))]
}

fn with(extra: &[(&'static str, FlagValue)]) -> Vec<(&'static str, FlagValue)> {
    let mut flags = valid();
    flags.retain(|(name, _)| extra.iter().all(|(other, _)| other != name));
    flags.extend(extra.iter().cloned());
    flags
}

fn refused(file: &mut VectorFile, name: &str, input: &Invocation, message: &str) {
    let output = PlanOutput::UserError {
        message: message.to_string(),
    };
    file.plan(name, input, &output);
}

/// Valid invocations, then one vector per validation message.
pub fn plans(file: &mut VectorFile) {
    let sent = |body: &str| PlanOutput::Request {
        request: request(body),
    };
    let seed = invocation(&with(&[("orgId", s(ORG))]), &[], None);
    file.plan(
        "plan: the seed example",
        &seed,
        &sent(r#"{"desc":"My API Key","roles":["ORG_OWNER"]}"#),
    );
    let csv = with(&[(
        "role",
        roles(&["ORG_MEMBER, ORG_READ_ONLY", "\"ORG_MEMBER\""]),
    )]);
    file.plan(
        "plan: roles split as CSV, trimmed, in order, duplicates kept; org ID from settings",
        &invocation(&csv, &[], Some(ORG)),
        &sent(r#"{"desc":"My API Key","roles":["ORG_MEMBER","ORG_READ_ONLY","ORG_MEMBER"]}"#),
    );
    let upper = invocation(
        &with(&[("orgId", s(""))]),
        &[],
        Some("5A1B39EEC902201990F12345"),
    );
    let mut spec = request(r#"{"desc":"My API Key","roles":["ORG_OWNER"]}"#);
    spec.path = "/api/atlas/v2/orgs/5A1B39EEC902201990F12345/apiKeys".into();
    file.plan(
        "plan: an empty --orgId falls back to settings; upper-case hex is an ID",
        &upper,
        &PlanOutput::Request { request: spec },
    );
    validation_errors(file);
}

/// Every message `plan` gives, in the order its checks run.
fn validation_errors(file: &mut VectorFile) {
    let csv_error = with(&[("role", roles(&["a\"b"]))]);
    refused(
        file,
        "plan: a --role CSV error comes before everything",
        &invocation(&csv_error, &["extra"], None),
        r#"invalid argument "a\"b" for "--role" flag: parse error on line 1, column 2: bare " in non-quoted-field"#,
    );
    refused(
        file,
        "plan: positional arguments",
        &invocation(&valid(), &["extra"], Some(ORG)),
        "\"atlas organizations apiKeys create\" accepts no arguments\n\nUsage:  atlas organizations apiKeys create [flags]",
    );
    refused(
        file,
        "plan: no org ID, before required flags",
        &invocation(&[], &[], Some("")),
        "required flag(s) \"orgId\" not set",
    );
    refused(
        file,
        "plan: an org ID that is not 24 hex digits",
        &invocation(&[("orgId", s("5a1b39eec902201990f1234g"))], &[], None),
        "the provided value '5a1b39eec902201990f1234g' is not a valid ID",
    );
    let missing: [(&[&str], &str); 3] = [
        (
            &["desc", "role"],
            r#"required flag(s) "desc", "role" not set"#,
        ),
        (&["desc"], r#"required flag(s) "desc" not set"#),
        (&["role"], r#"required flag(s) "role" not set"#),
    ];
    for (removed, message) in missing {
        let mut flags = valid();
        flags.retain(|(name, _)| !removed.contains(name));
        let name = format!("plan: required flags missing: {}", removed.join(", "));
        refused(file, &name, &invocation(&flags, &[], Some(ORG)), message);
    }
    our_checks(file);
}

/// [ours] The checks the Go CLI leaves to the server, or to after the key exists.
fn our_checks(file: &mut VectorFile) {
    let org = Some(ORG);
    let yaml = with(&[("output", s("yaml")), ("role", roles(&["NOPE"]))]);
    refused(
        file,
        "plan: an unknown output format, before role names",
        &invocation(&yaml, &[], org),
        "unsupported output format \"yaml\"\nhelp: valid formats are json, json-path=EXPR, \
         go-template=TEMPLATE, go-template-file=PATH, plaintext",
    );
    let mut setting = invocation(&valid(), &[], org);
    setting.settings.output = Some("JSON".into());
    refused(
        file,
        "plan: an unknown output format from the output setting",
        &setting,
        "unsupported output format \"JSON\"\nhelp: valid formats are json, json-path=EXPR, \
         go-template=TEMPLATE, go-template-file=PATH, plaintext",
    );
    let role_cases = [
        (
            " , ",
            format!("--role needs at least one role name\nhelp: valid roles: {ROLES}"),
        ),
        (
            "ORG_OWNR",
            format!(
                "invalid role \"ORG_OWNR\"\nhelp: did you mean \"ORG_OWNER\"? valid roles: {ROLES}"
            ),
        ),
        (
            "ADMIN",
            format!("invalid role \"ADMIN\"\nhelp: valid roles: {ROLES}"),
        ),
    ];
    for (role, message) in role_cases {
        let flags = with(&[("role", roles(&[role]))]);
        let name = format!("plan: role names checked before the request: {role:?}");
        refused(file, &name, &invocation(&flags, &[], org), &message);
    }
    for (desc, chars) in [(String::new(), 0), ("é".repeat(251), 251)] {
        let flags = with(&[("desc", s(&desc))]);
        let name = format!("plan: a description of {chars} characters");
        let message = format!(
            "--desc is {chars} characters long\nhelp: give a description of 1 to 250 characters"
        );
        refused(file, &name, &invocation(&flags, &[], org), &message);
    }
}

fn api_error(status: u16, content_type: Option<&str>, body: &str) -> RenderInput {
    RenderInput {
        invocation: invocation(&valid(), &[], Some(ORG)),
        request: SentRequest {
            method: "POST".into(),
            url: URL.into(),
        },
        response: HttpResponse {
            status,
            content_type: content_type.map(String::from),
            body: body.into(),
        },
    }
}

/// Non-2xx answers, worded as the Go CLI words them.
pub fn api_errors(file: &mut VectorFile) {
    let json = Some("application/vnd.atlas.2023-01-01+json;charset=utf-8");
    let forbidden = r#"{"detail":"IP address 203.0.113.7 is not allowed to access this resource.","error":403,"errorCode":"IP_ADDRESS_NOT_ON_ACCESS_LIST","parameters":["203.0.113.7"],"reason":"Forbidden"}"#;
    let bad_request = r#"{"detail":"Invalid attribute desc specified.","error":400,"errorCode":"INVALID_ATTRIBUTE","reason":"Bad Request","badRequestDetail":{"fields":[{"description":"size must be between 1 and 250","field":"desc"}]}}"#;
    let cases = [
        (
            "render: an API error, URL first, then method",
            api_error(403, json, forbidden),
            format!("{URL} POST: HTTP 403 Forbidden (Error code: \"IP_ADDRESS_NOT_ON_ACCESS_LIST\") Detail: IP address 203.0.113.7 is not allowed to access this resource. Reason: Forbidden. Params: [203.0.113.7], BadRequestDetail: "),
        ),
        (
            "render: a bad request with its field detail",
            api_error(400, json, bad_request),
            format!("{URL} POST: HTTP 400 Bad Request (Error code: \"INVALID_ATTRIBUTE\") Detail: Invalid attribute desc specified. Reason: Bad Request. Params: [], BadRequestDetail: {{\"fields\":[{{\"description\":\"size must be between 1 and 250\",\"field\":\"desc\"}}]}}"),
        ),
        (
            "render: a 401 is the login advice",
            api_error(401, json, r#"{"error":401,"errorCode":"NOT_ORG_GROUP_CREATOR"}"#),
            "unauthorized\n\nTo log in using your Atlas username and password or to set credentials using a Service account or API keys, run: atlas auth login".to_string(),
        ),
        (
            "render: an error body that is not JSON",
            api_error(502, Some("text/html"), "<html>Bad gateway</html>"),
            "(502 Bad Gateway) failed to decode response body: undefined response type".to_string(),
        ),
    ];
    for (name, input, message) in cases {
        file.render(name, &input, &RenderOutput::Error { message });
    }
    let garbage = api_error(200, json, "<html>oops</html>");
    let message = "could not read the created API key from the response: invalid character '<' looking for beginning of value\nhelp: the raw response is printed on stdout; save the private key from it now, Atlas shows it only once";
    file.render(
        "render: a 200 that is not an API key is an error (the host then prints the body)",
        &garbage,
        &RenderOutput::Error {
            message: message.to_string(),
        },
    );
}
