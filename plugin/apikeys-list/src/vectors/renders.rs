//! The `render` vectors of `list`: the Go CLI's table on a recorded Atlas page, every output
//! format with and without `--compact`, a template file the host read, and API errors.

use atlas_plugin_sdk::api::{
    FileContent, FlagValue, HttpResponse, RenderInput, RenderOutput, SentRequest,
};
use atlas_plugin_testkit::VectorFile;

use super::{invocation, s};

const PATH: &str = "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys";
const URL: &str = "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys?pageNum=1&itemsPerPage=100&includeCount=true";

/// Three keys of `fixtures/atlas/list-200.http` (private keys masked as Atlas masks them).
const PAGE: &str = r#"{"links":[{"href":"http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys?includeCount=true&pageNum=1&itemsPerPage=100","rel":"self"}],"results":[{"desc":"e2e-test-atlas-org","id":"6a793f752c88faeba59bba49","links":[{"href":"http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys/6a793f752c88faeba59bba49","rel":"self"}],"privateKey":"********-****-****-01bdd56c8977","publicKey":"gswvkocq","roles":[{"orgId":"a0123456789abcdef012345a","roleName":"ORG_READ_ONLY"}]},{"desc":"Andrea's Keys","id":"664b5ab59a981a30544e3996","links":[],"privateKey":"********-****-****-686587e6e7af","publicKey":"laqkcexi","roles":[{"orgId":"a0123456789abcdef012345a","roleName":"ORG_OWNER"}]},{"desc":"testtest","id":"690252c6941df06efcbbbe29","privateKey":"********-****-****-aba0e7566edc","publicKey":"horltueo","roles":[{"groupId":"b0123456789abcdef012345b","roleName":"GROUP_READ_ONLY"}]}],"totalCount":3}"#;

const TABLE: &str = "ID                         DESCRIPTION          PUBLIC KEY   PRIVATE KEY\n\
6a793f752c88faeba59bba49   e2e-test-atlas-org   gswvkocq     ********-****-****-01bdd56c8977\n\
664b5ab59a981a30544e3996   Andrea's Keys        laqkcexi     ********-****-****-686587e6e7af\n\
690252c6941df06efcbbbe29   testtest             horltueo     ********-****-****-aba0e7566edc\n";

fn input(flags: &[(&str, FlagValue)], status: u16, body: &str) -> RenderInput {
    RenderInput {
        invocation: invocation(flags, &[]),
        request: SentRequest {
            method: "GET".into(),
            url: URL.into(),
        },
        response: HttpResponse {
            status,
            content_type: Some("application/vnd.atlas.2023-01-01+json;charset=utf-8".into()),
            body: body.into(),
        },
    }
}

fn stdout(text: &str) -> RenderOutput {
    RenderOutput::Stdout {
        text: text.to_string(),
    }
}

fn error(message: &str) -> RenderOutput {
    RenderOutput::Error {
        message: message.to_string(),
    }
}

/// Every format on the recorded page, then the edge cases.
pub fn renders(file: &mut VectorFile) {
    let compact = ("compact", FlagValue::Bool(true));
    let o = |value: &str| ("output", s(value));
    let keys = "[\n  \"gswvkocq\",\n  \"laqkcexi\",\n  \"horltueo\"\n]\n";
    let cases = [
        ("render: the Go CLI's table", vec![], stdout(TABLE)),
        (
            "render: plaintext is the table",
            vec![o("plaintext")],
            stdout(TABLE),
        ),
        (
            "render: --compact leaves the table alone",
            vec![compact.clone()],
            stdout(TABLE),
        ),
        (
            "render: json-path on the page",
            vec![o("json-path=$.totalCount")],
            stdout("3\n"),
        ),
        (
            "render: json-path with a wildcard is a list",
            vec![o("json-path=$.results[*].publicKey")],
            stdout(keys),
        ),
        (
            "render: --compact json-path starts at the results",
            vec![o("json-path=$[*].publicKey"), compact.clone()],
            stdout(keys),
        ),
        (
            "render: templates see the whole page even with --compact",
            vec![
                o("go-template={{.TotalCount}}\t{{len .GetResults}}\n"),
                compact.clone(),
            ],
            stdout("3     3\n"),
        ),
        (
            "render: a template over a nil field prints <nil>",
            vec![o(
                "go-template={{range .Results}}{{with index .Roles 0}}{{.GroupId}} {{end}}{{end}}",
            )],
            stdout("<nil> <nil> b0123456789abcdef012345b "),
        ),
    ];
    for (name, flags, output) in cases {
        file.render(name, &input(&flags, 200, PAGE), &output);
    }
    json_renders(file);
    edge_cases(file);
}

/// `json` with and without `--compact`, on a small page so the expected text stays readable.
fn json_renders(file: &mut VectorFile) {
    let body = r#"{"totalCount":1,"results":[{"roles":[],"publicKey":"abcdefgh","id":"6a793f752c88faeba59bba49","desc":"<ci> & co"}],"links":[]}"#;
    let key = "{\n    \"desc\": \"\\u003cci\\u003e \\u0026 co\",\n    \"id\": \"6a793f752c88faeba59bba49\",\n    \"publicKey\": \"abcdefgh\",\n    \"roles\": []\n  }";
    let full = format!(
        "{{\n  \"links\": [],\n  \"results\": [\n    {}\n  ],\n  \"totalCount\": 1\n}}\n",
        key.replace("\n", "\n  ")
    );
    let compact = format!("[\n  {key}\n]\n");
    file.render(
        "render: json in Go struct order, HTML-escaped",
        &input(&[("output", s("json"))], 200, body),
        &stdout(&full),
    );
    let flags = [("output", s("json")), ("compact", FlagValue::Bool(true))];
    file.render(
        "render: --compact json is the results array",
        &input(&flags, 200, body),
        &stdout(&compact),
    );
    let empty = [("output", s("json")), ("compact", FlagValue::Bool(true))];
    file.render(
        "render: --compact json of a page without results is null, as in Go",
        &input(&empty, 200, r#"{"totalCount":0}"#),
        &stdout("null\n"),
    );
}

fn edge_cases(file: &mut VectorFile) {
    let mut with_file = input(&[("output", s("go-template-file=keys.tmpl"))], 200, PAGE);
    let template = "{{range .Results}}{{.PublicKey}}\t{{len .GetRoles}}\n{{end}}";
    let content = FileContent {
        content: Some(template.into()),
        error: None,
    };
    with_file
        .invocation
        .files
        .insert("keys.tmpl".into(), content);
    file.render(
        "render: a template file the host read",
        &with_file,
        &stdout("gswvkocq   1\nlaqkcexi   1\nhorltueo   1\n"),
    );
    file.render(
        "render: an empty page is the header alone",
        &input(&[], 200, r#"{"results":[],"totalCount":0}"#),
        &stdout("ID    DESCRIPTION   PUBLIC KEY   PRIVATE KEY\n"),
    );
    let denied = r#"{"detail":"Current user is not authorized to perform this action.","error":403,"errorCode":"USER_UNAUTHORIZED","parameters":[],"reason":"Forbidden"}"#;
    file.render(
        "render: an API error names the URL without its query (the Go SDK's path)",
        &input(&[], 403, denied),
        &error(&format!("{PATH} GET: HTTP 403 Forbidden (Error code: \"USER_UNAUTHORIZED\") Detail: Current user is not authorized to perform this action. Reason: Forbidden. Params: [], BadRequestDetail: ")),
    );
    file.render(
        "render: a 200 that is not a page",
        &input(&[], 200, r#"{"results":{}}"#),
        &error("could not read the API keys from the response: json: cannot unmarshal object into Go struct field PaginatedApiApiUser.results of type []admin.ApiKeyUserDetails\nhelp: the raw response is printed on stdout"),
    );
}
