//! The cross-host test vectors of `apiKeys accessLists list`:
//! `tests/vectors/accesslists-list.json`, each expected output written out. Rebuild with
//! `ATLAS_WRITE_VECTORS=1 cargo test -p atlas-accesslists-list vectors`.

use atlas_plugin_sdk::api::{FlagValue, Invocation};
use atlas_plugin_testkit::VectorFile;
use atlas_plugin_testkit::build::{
    ORG, error, int, invocation, refused, render_input, request, s, stdout, yes,
};

const PATH: &str = "tests/vectors/accesslists-list.json";
const KEY: &str = "6a793f752c88faeba59bba49";
const URL: &str = "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys/6a793f752c88faeba59bba49/accessList?includeCount=true&itemsPerPage=100&pageNum=1";
const USAGE: &str = "\n\nUsage:  atlas organizations apiKeys accessLists list <apiKeyID> [flags]";

/// Two entries as Atlas returns them: an IP (with its `/32`) and a CIDR block.
const BODY: &str = r#"{"links":[{"href":"https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys/6a793f752c88faeba59bba49/accessList?pageNum=1&itemsPerPage=100","rel":"self"}],"results":[{"cidrBlock":"203.0.113.10/32","created":"2026-12-01T09:00:01Z","ipAddress":"203.0.113.10","links":[]},{"cidrBlock":"10.0.0.0/24","count":3,"created":"2026-12-01T09:00:02.5Z","lastUsed":"2026-12-01T10:00:00Z","lastUsedAddress":"10.0.0.7"}],"totalCount":2}"#;

fn list(flags: &[(&str, FlagValue)], args: &[&str]) -> Invocation {
    let command = ["organizations", "apiKeys", "accessLists", "list"];
    invocation(&command, flags, args, Some(ORG))
}

fn get(page: &str, limit: &str, count: &str) -> atlas_plugin_sdk::api::PlanOutput {
    let path = format!("/api/atlas/v2/orgs/{ORG}/apiKeys/{KEY}/accessList");
    let query = [
        ("includeCount", count),
        ("itemsPerPage", limit),
        ("pageNum", page),
    ];
    request("GET", &path, &query, None)
}

fn file() -> VectorFile {
    let mut file = VectorFile::new(
        "atlas_accesslists_list.wasm",
        "ATLAS_WRITE_VECTORS=1 cargo test -p atlas-accesslists-list vectors",
    );
    file.describe(
        "describe: the command, its alias and flags",
        &crate::describe(),
    );
    let none = invocation(
        &["organizations", "apiKeys", "accessLists", "list"],
        &[],
        &[],
        None,
    );
    let plans = [
        ("plan: defaults", list(&[], &[KEY]), get("1", "100", "true")),
        (
            "plan: --page, --limit and --omitCount",
            list(
                &[("page", int(3)), ("limit", int(500)), ("omitCount", yes())],
                &[KEY],
            ),
            get("3", "500", "false"),
        ),
        (
            "plan: no argument, before the org ID",
            none.clone(),
            refused(&format!(
                "\"atlas organizations apiKeys accessLists list\" requires 1 argument, received 0{USAGE}"
            )),
        ),
        (
            "plan: no org ID",
            Invocation {
                args: vec![KEY.into()],
                ..none
            },
            refused("required flag(s) \"orgId\" not set"),
        ),
        (
            "plan: a template field an entry does not have",
            list(
                &[("output", s("go-template={{range .Results}}{{.Ip}}{{end}}"))],
                &[KEY],
            ),
            refused(
                "template: output:1:20: executing \"output\" at <.Ip>: can't evaluate field Ip in type admin.UserAccessListResponse",
            ),
        ),
        (
            "plan: a page below 1",
            list(&[("page", int(0))], &[KEY]),
            refused("--page is 0\nhelp: give a page number of 1 or more"),
        ),
        (
            "plan: a limit above 500",
            list(&[("limit", int(501))], &[KEY]),
            refused("--limit is 501\nhelp: give a limit of 1 to 500 items per page"),
        ),
        (
            "plan: an empty ID, after the other checks (the Go SDK's)",
            list(&[], &[""]),
            refused("apiUserId is empty and must be specified"),
        ),
    ];
    for (name, input, output) in plans {
        file.plan(name, &input, &output);
    }
    let not_found = r#"{"detail":"No API key with ID 6a793f752c88faeba59bba49 exists.","error":404,"errorCode":"API_KEY_NOT_FOUND","parameters":["6a793f752c88faeba59bba49"],"reason":"Not Found"}"#;
    let renders = [
        (
            "render: the Go CLI's table, times as Go prints them",
            list(&[], &[KEY]),
            200,
            BODY,
            stdout(
                "IP ADDRESS     CIDR BLOCK        CREATED AT\n203.0.113.10   203.0.113.10/32   2026-12-01 09:00:01 +0000 UTC\n<nil>          10.0.0.0/24       2026-12-01 09:00:02.5 +0000 UTC\n",
            ),
        ),
        (
            "render: an empty list is the header alone",
            list(&[], &[KEY]),
            200,
            r#"{"results":[],"totalCount":0}"#,
            stdout("IP ADDRESS   CIDR BLOCK   CREATED AT\n"),
        ),
        (
            "render: json keeps Atlas's times",
            list(&[("output", s("json"))], &[KEY]),
            200,
            r#"{"results":[{"lastUsed":"2026-12-01T10:00:00Z","cidrBlock":"10.0.0.0/24"}],"totalCount":1}"#,
            stdout(
                "{\n  \"results\": [\n    {\n      \"cidrBlock\": \"10.0.0.0/24\",\n      \"lastUsed\": \"2026-12-01T10:00:00Z\"\n    }\n  ],\n  \"totalCount\": 1\n}\n",
            ),
        ),
        (
            "render: json-path",
            list(&[("output", s("json-path=$.results[*].cidrBlock"))], &[KEY]),
            200,
            BODY,
            stdout("[\n  \"203.0.113.10/32\",\n  \"10.0.0.0/24\"\n]\n"),
        ),
        (
            "render: a key that does not exist",
            list(&[], &[KEY]),
            404,
            not_found,
            error(
                "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys/6a793f752c88faeba59bba49/accessList GET: HTTP 404 Not Found (Error code: \"API_KEY_NOT_FOUND\") Detail: No API key with ID 6a793f752c88faeba59bba49 exists. Reason: Not Found. Params: [6a793f752c88faeba59bba49], BadRequestDetail: ",
            ),
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
