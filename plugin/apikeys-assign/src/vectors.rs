//! The cross-host test vectors of `apiKeys assign`: `tests/vectors/apikeys-assign.json`, each
//! expected output written out. Rebuild with
//! `ATLAS_WRITE_VECTORS=1 cargo test -p atlas-apikeys-assign vectors`.

use atlas_plugin_sdk::api::{FlagValue, Invocation};
use atlas_plugin_testkit::VectorFile;
use atlas_plugin_testkit::build::{
    ORG, error, invocation, refused, render_input, request, s, stdout, strings,
};

const PATH: &str = "tests/vectors/apikeys-assign.json";
const KEY: &str = "6a793f752c88faeba59bba49";
const URL: &str = "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys/6a793f752c88faeba59bba49";
const USAGE: &str = "\n\nUsage:  atlas organizations apiKeys assign <apiKeyId> [flags]";
const ROLES: &str = "ORG_OWNER, ORG_MEMBER, ORG_GROUP_CREATOR, ORG_BILLING_ADMIN, \
                     ORG_BILLING_READ_ONLY, ORG_STREAM_PROCESSING_ADMIN, ORG_READ_ONLY";

/// `fixtures/atlas/update.http`.
const BODY: &str = r#"{"desc":"e2e-test-atlas-org-updated","id":"6a793f752c88faeba59bba49","links":[{"href":"http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys/6a793f752c88faeba59bba49","rel":"self"}],"privateKey":"********-****-****-01bdd56c8977","publicKey":"gswvkocq","roles":[{"orgId":"a0123456789abcdef012345a","roleName":"ORG_READ_ONLY"}]}"#;

fn assign(flags: &[(&str, FlagValue)], args: &[&str]) -> Invocation {
    invocation(
        &["organizations", "apiKeys", "assign"],
        flags,
        args,
        Some(ORG),
    )
}

fn patch(body: &str) -> atlas_plugin_sdk::api::PlanOutput {
    request(
        "PATCH",
        &format!("/api/atlas/v2/orgs/{ORG}/apiKeys/{KEY}"),
        &[],
        Some(body),
    )
}

fn file() -> VectorFile {
    let mut file = VectorFile::new(
        "atlas_apikeys_assign.wasm",
        "ATLAS_WRITE_VECTORS=1 cargo test -p atlas-apikeys-assign vectors",
    );
    file.describe(
        "describe: the command, its alias and flags",
        &crate::describe(),
    );
    let desc = || ("desc", s("new"));
    let plans = [
        (
            "plan: both fields",
            assign(
                &[desc(), ("role", strings(&["ORG_MEMBER,ORG_READ_ONLY"]))],
                &[KEY],
            ),
            patch(r#"{"desc":"new","roles":["ORG_MEMBER","ORG_READ_ONLY"]}"#),
        ),
        (
            "plan: only --desc sends no roles",
            assign(&[desc()], &[KEY]),
            patch(r#"{"desc":"new","roles":[]}"#),
        ),
        (
            "plan: only --role sends an empty description",
            assign(&[("role", strings(&["ORG_OWNER"]))], &[KEY]),
            patch(r#"{"desc":"","roles":["ORG_OWNER"]}"#),
        ),
        (
            "plan: a --role CSV error comes first",
            invocation(
                &["organizations", "apiKeys", "assign"],
                &[("role", strings(&["\"A"]))],
                &[],
                None,
            ),
            refused(
                "invalid argument \"\\\"A\" for \"--role\" flag: parse error on line 1, column 3: extraneous or missing \" in quoted-field",
            ),
        ),
        (
            "plan: no argument, before the org ID",
            invocation(
                &["organizations", "apiKeys", "assign"],
                &[desc()],
                &[],
                None,
            ),
            refused(&format!(
                "\"atlas organizations apiKeys assign\" requires 1 argument, received 0{USAGE}"
            )),
        ),
        (
            "plan: no org ID",
            invocation(
                &["organizations", "apiKeys", "assign"],
                &[desc()],
                &[KEY],
                None,
            ),
            refused("required flag(s) \"orgId\" not set"),
        ),
        (
            "plan: an unsupported output format",
            assign(&[desc(), ("output", s("yaml"))], &[KEY]),
            refused(
                "unsupported output format \"yaml\"\nhelp: valid formats are json, json-path=EXPR, go-template=TEMPLATE, go-template-file=PATH, plaintext",
            ),
        ),
        (
            "plan: an unknown role",
            assign(&[("role", strings(&["ORG_OWNR"]))], &[KEY]),
            refused(&format!(
                "invalid role \"ORG_OWNR\"\nhelp: did you mean \"ORG_OWNER\"? valid roles: {ROLES}"
            )),
        ),
        (
            "plan: an empty --role",
            assign(&[("role", strings(&[""]))], &[KEY]),
            refused(&format!(
                "--role needs at least one role name\nhelp: valid roles: {ROLES}"
            )),
        ),
        (
            "plan: a description too long",
            assign(&[("desc", s(&"d".repeat(251)))], &[KEY]),
            refused(
                "--desc is 251 characters long\nhelp: give a description of 1 to 250 characters",
            ),
        ),
        (
            "plan: nothing to change",
            assign(&[("desc", s(""))], &[KEY]),
            refused("nothing to change\nhelp: give --role, --desc or both"),
        ),
        (
            "plan: an empty ID, after the other checks (the Go SDK's)",
            assign(&[desc()], &[""]),
            refused("apiUserId is empty and must be specified"),
        ),
    ];
    for (name, input, output) in plans {
        file.plan(name, &input, &output);
    }
    let bad_role = r#"{"detail":"Invalid role ORG_OWNER for an API key in this organization.","error":400,"errorCode":"INVALID_ROLE","parameters":["ORG_OWNER"],"reason":"Bad Request"}"#;
    let renders = [
        (
            "render: the Go CLI's text",
            assign(&[desc()], &[KEY]),
            200,
            BODY,
            stdout("API Key '6a793f752c88faeba59bba49' successfully updated.\n"),
        ),
        (
            "render: json-path",
            assign(&[desc(), ("output", s("json-path=$.desc"))], &[KEY]),
            200,
            BODY,
            stdout("\"e2e-test-atlas-org-updated\"\n"),
        ),
        (
            "render: an API error",
            assign(&[desc()], &[KEY]),
            400,
            bad_role,
            error(&format!(
                "{URL} PATCH: HTTP 400 Bad Request (Error code: \"INVALID_ROLE\") Detail: Invalid role ORG_OWNER for an API key in this organization. Reason: Bad Request. Params: [ORG_OWNER], BadRequestDetail: "
            )),
        ),
    ];
    for (name, invocation, status, body, output) in renders {
        file.render(
            name,
            &render_input(invocation, ("PATCH", URL), status, body),
            &output,
        );
    }
    file
}

atlas_plugin_testkit::vectors_hold!(file, PATH);
