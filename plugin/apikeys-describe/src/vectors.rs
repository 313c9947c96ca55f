//! The cross-host test vectors of `apiKeys describe`: `tests/vectors/apikeys-describe.json`,
//! each expected output written out. Rebuild with
//! `ATLAS_WRITE_VECTORS=1 cargo test -p atlas-apikeys-describe vectors`.

use atlas_plugin_sdk::api::{FlagValue, Invocation};
use atlas_plugin_testkit::VectorFile;
use atlas_plugin_testkit::build::{
    ORG, error, invocation, need_file, refused, render_input, request, s, stdout, with_file,
};

const PATH: &str = "tests/vectors/apikeys-describe.json";
const KEY: &str = "6a793f752c88faeba59bba49";
const URL: &str = "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys/6a793f752c88faeba59bba49";

/// `fixtures/atlas/describe.http`.
const BODY: &str = r#"{"desc":"e2e-test-atlas-org-updated","id":"6a793f752c88faeba59bba49","links":[{"href":"http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys/6a793f752c88faeba59bba49","rel":"self"}],"privateKey":"********-****-****-01bdd56c8977","publicKey":"gswvkocq","roles":[{"orgId":"a0123456789abcdef012345a","roleName":"ORG_READ_ONLY"}]}"#;

const USAGE: &str = "\n\nUsage:  atlas organizations apiKeys describe <ID> [flags]";

fn describe(flags: &[(&str, FlagValue)], args: &[&str]) -> Invocation {
    invocation(
        &["organizations", "apiKeys", "describe"],
        flags,
        args,
        Some(ORG),
    )
}

fn file() -> VectorFile {
    let mut file = VectorFile::new(
        "atlas_apikeys_describe.wasm",
        "ATLAS_WRITE_VECTORS=1 cargo test -p atlas-apikeys-describe vectors",
    );
    file.describe(
        "describe: the command, its alias and flags",
        &crate::describe(),
    );
    let get = request(
        "GET",
        &format!("/api/atlas/v2/orgs/{ORG}/apiKeys/{KEY}"),
        &[],
        None,
    );
    let plans = [
        (
            "plan: the key of the configured org",
            describe(&[], &[KEY]),
            get.clone(),
        ),
        (
            "plan: --orgId wins over the setting",
            describe(&[("orgId", s("5a1b39eec902201990f1234f"))], &[KEY]),
            request(
                "GET",
                &format!("/api/atlas/v2/orgs/5a1b39eec902201990f1234f/apiKeys/{KEY}"),
                &[],
                None,
            ),
        ),
        (
            "plan: the ID is escaped as one path segment",
            describe(&[], &["a/b c"]),
            request(
                "GET",
                &format!("/api/atlas/v2/orgs/{ORG}/apiKeys/a%2Fb%20c"),
                &[],
                None,
            ),
        ),
        (
            "plan: no argument, before the org ID",
            invocation(&["organizations", "apiKeys", "describe"], &[], &[], None),
            refused(&format!(
                "\"atlas organizations apiKeys describe\" requires 1 argument, received 0{USAGE}"
            )),
        ),
        (
            "plan: two arguments",
            describe(&[], &[KEY, "json"]),
            refused(&format!(
                "\"atlas organizations apiKeys describe\" requires 1 argument, received 2{USAGE}"
            )),
        ),
        (
            "plan: no org ID",
            invocation(&["organizations", "apiKeys", "describe"], &[], &[KEY], None),
            refused("required flag(s) \"orgId\" not set"),
        ),
        (
            "plan: a bad org ID",
            describe(&[("orgId", s("5a1b"))], &[KEY]),
            refused("the provided value '5a1b' is not a valid ID"),
        ),
        (
            "plan: an unsupported output format",
            describe(&[("output", s("yaml"))], &[KEY]),
            refused(
                "unsupported output format \"yaml\"\nhelp: valid formats are json, json-path=EXPR, go-template=TEMPLATE, go-template-file=PATH, plaintext",
            ),
        ),
        (
            "plan: a template field the key does not have",
            describe(&[("output", s("go-template={{.Name}}"))], &[KEY]),
            refused(
                "template: output:1:2: executing \"output\" at <.Name>: can't evaluate field Name in type *admin.ApiKeyUserDetails",
            ),
        ),
        (
            "plan: a JSONPath key the key does not have",
            describe(&[("output", s("json-path=$.name"))], &[KEY]),
            refused("unknown key name"),
        ),
        (
            "plan: an empty ID, after the other checks (the Go SDK's)",
            describe(&[], &[""]),
            refused("apiUserId is empty and must be specified"),
        ),
        (
            "plan: a template file is read first",
            describe(&[("output", s("go-template-file=key.tmpl"))], &[KEY]),
            need_file("key.tmpl"),
        ),
        (
            "plan: then the request",
            with_file(
                describe(&[("output", s("go-template-file=key.tmpl"))], &[KEY]),
                "key.tmpl",
                "{{.Desc}}",
            ),
            get,
        ),
    ];
    for (name, input, output) in plans {
        file.plan(name, &input, &output);
    }
    let not_found = r#"{"detail":"No API key with ID 6a793f752c88faeba59bba49 exists.","error":404,"errorCode":"API_KEY_NOT_FOUND","parameters":["6a793f752c88faeba59bba49"],"reason":"Not Found"}"#;
    let renders = [
        (
            "render: the Go CLI's table",
            describe(&[], &[KEY]),
            200,
            BODY,
            stdout(
                "ID                         DESCRIPTION                  PUBLIC KEY   PRIVATE KEY\n6a793f752c88faeba59bba49   e2e-test-atlas-org-updated   gswvkocq     ********-****-****-01bdd56c8977\n",
            ),
        ),
        (
            "render: json",
            describe(&[("output", s("json"))], &[KEY]),
            200,
            r#"{"roles":[],"id":"k","desc":""}"#,
            stdout("{\n  \"desc\": \"\",\n  \"id\": \"k\",\n  \"roles\": []\n}\n"),
        ),
        (
            "render: json-path",
            describe(&[("output", s("json-path=$.roles[0].roleName"))], &[KEY]),
            200,
            BODY,
            stdout("\"ORG_READ_ONLY\"\n"),
        ),
        (
            "render: a key that does not exist",
            describe(&[], &[KEY]),
            404,
            not_found,
            error(&format!(
                "{URL} GET: HTTP 404 Not Found (Error code: \"API_KEY_NOT_FOUND\") Detail: No API key with ID 6a793f752c88faeba59bba49 exists. Reason: Not Found. Params: [6a793f752c88faeba59bba49], BadRequestDetail: "
            )),
        ),
    ];
    for (name, invocation, status, body, output) in renders {
        file.render(
            name,
            &render_input(invocation, ("GET", URL), status, body),
            &output,
        );
    }
    file
}

atlas_plugin_testkit::vectors_hold!(file, PATH);
