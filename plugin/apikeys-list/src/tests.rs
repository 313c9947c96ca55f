//! Rendering a page of keys: the Go CLI's default table on the recorded Atlas answer,
//! `--compact` against every format, API errors.

use atlas_plugin_sdk::api::FlagValue;
use atlas_plugin_testkit::build::{invocation, render_input, s};

use super::*;

fn render_as(output: &str, compact: bool, status: u16, body: &str) -> RenderOutput {
    let mut flags = vec![("output", s(output))];
    if compact {
        flags.push(("compact", FlagValue::Bool(true)));
    }
    let invocation = invocation(&["organizations", "apiKeys", "list"], &flags, &[], None);
    let request = ("GET", "https://h/api/atlas/v2/orgs/x/apiKeys?pageNum=1");
    render(&render_input(invocation, request, status, body))
}

/// The first two keys of `fixtures/atlas/list-200.http`, a real Atlas response.
const FIXTURE: &str = r#"{"links":[{"href":"http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys?includeCount=true&pageNum=1&itemsPerPage=100","rel":"self"}],"results":[{"desc":"e2e-test-atlas-org","id":"6a793f752c88faeba59bba49","links":[],"privateKey":"********-****-****-01bdd56c8977","publicKey":"gswvkocq","roles":[{"orgId":"a0123456789abcdef012345a","roleName":"ORG_READ_ONLY"}]},{"desc":"Andrea's Keys","id":"664b5ab59a981a30544e3996","privateKey":"********-****-****-686587e6e7af","publicKey":"laqkcexi","roles":[]}],"totalCount":2}"#;

fn stdout(output: &str, compact: bool, body: &str) -> String {
    match render_as(output, compact, 200, body) {
        RenderOutput::Stdout { text } => text,
        other => panic!("expected stdout for {output:?}, got {other:?}"),
    }
}

#[test]
fn prints_the_go_cli_table_aligned_by_the_tabwriter() {
    let want = concat!(
        "ID                         DESCRIPTION          PUBLIC KEY   PRIVATE KEY\n",
        "6a793f752c88faeba59bba49   e2e-test-atlas-org   gswvkocq     ********-****-****-01bdd56c8977\n",
        "664b5ab59a981a30544e3996   Andrea's Keys        laqkcexi     ********-****-****-686587e6e7af\n",
    );
    assert_eq!(stdout("", false, FIXTURE), want);
    assert_eq!(
        stdout("", true, FIXTURE),
        want,
        "--compact leaves the table alone"
    );
}

#[test]
fn prints_only_the_header_for_an_empty_or_missing_results_list() {
    let header = "ID    DESCRIPTION   PUBLIC KEY   PRIVATE KEY\n";
    assert_eq!(
        stdout("", false, r#"{"results":[],"totalCount":0}"#),
        header
    );
    assert_eq!(stdout("", false, "{}"), header);
}

#[test]
fn compact_json_is_the_results_array_alone() {
    let body = r#"{"results":[{"publicKey":"p","id":"i"}],"totalCount":1,"links":[]}"#;
    assert_eq!(
        stdout("json", true, body),
        "[\n  {\n    \"id\": \"i\",\n    \"publicKey\": \"p\"\n  }\n]\n"
    );
    // Go: the page's `results` is `null` when the body has none.
    assert_eq!(stdout("json", true, r#"{"totalCount":0}"#), "null\n");
    assert_eq!(
        stdout("json", false, body),
        "{\n  \"links\": [],\n  \"results\": [\n    {\n      \"id\": \"i\",\n      \"publicKey\": \"p\"\n    }\n  ],\n  \"totalCount\": 1\n}\n"
    );
}

#[test]
fn compact_json_path_starts_at_the_results_array() {
    assert_eq!(
        stdout("json-path=$[1].publicKey", true, FIXTURE),
        "\"laqkcexi\"\n"
    );
    assert_eq!(
        stdout("json-path=$[*].publicKey", true, FIXTURE),
        "[\n  \"gswvkocq\",\n  \"laqkcexi\"\n]\n"
    );
    assert_eq!(stdout("json-path=$.totalCount", false, FIXTURE), "2\n");
}

#[test]
fn templates_see_the_whole_page_even_when_compact() {
    let output = "go-template={{.TotalCount}} {{range .Results}}{{.PublicKey}},{{end}}";
    assert_eq!(stdout(output, true, FIXTURE), "2 gswvkocq,laqkcexi,");
}

#[test]
fn an_empty_body_is_refused_in_every_format_and_a_null_body_prints_null_as_json() {
    // Go's SDK leaves the nil pointer for an empty or `null` body; `json` prints it as `null`.
    assert_eq!(stdout("json", false, "null"), "null\n");
    // [ours] An empty body is nothing that arrived: said so, whatever the format.
    for output in ["json", ""] {
        match render_as(output, false, 200, "") {
            RenderOutput::Error { message } => assert!(
                message.starts_with(
                    "could not read the API keys from the response: its body is empty"
                ),
                "{message}"
            ),
            other => panic!("expected an error, got {other:?}"),
        }
    }
}

#[test]
fn reports_a_body_that_is_not_a_page_as_an_error() {
    for body in ["  ", "[]", r#"{"results":{}}"#, r#"{"totalCount":"2"}"#] {
        match render_as("json", false, 200, body) {
            RenderOutput::Error { message } => assert!(
                message.starts_with("could not read the API keys from the response: "),
                "{message}"
            ),
            other => panic!("expected an error for {body:?}, got {other:?}"),
        }
    }
}

#[test]
fn renders_statuses_from_300_as_api_errors_naming_the_url_without_its_query() {
    let out = render_as("", false, 404, r#"{"error":404,"errorCode":"X"}"#);
    let RenderOutput::Error { message } = out else {
        panic!("{out:?}")
    };
    assert!(
        message.starts_with("https://h/api/atlas/v2/orgs/x/apiKeys GET: HTTP 404 Not Found"),
        "{message}"
    );
}

#[test]
fn refuses_an_unsupported_format_even_if_plan_was_skipped() {
    let out = render_as("yaml", false, 200, "{}");
    assert!(
        matches!(out, RenderOutput::Error { message } if message.starts_with("unsupported output format"))
    );
}
