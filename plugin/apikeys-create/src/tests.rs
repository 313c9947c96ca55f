//! Rendering the created key: the text and JSON formats on real and edge-case bodies, API
//! errors, and formats `plan` would have refused.

use atlas_plugin_testkit::build::{invocation, render_input, s, strings};

use super::*;

fn render_as(output: &str, status: u16, body: &str) -> RenderOutput {
    let flags = [
        ("desc", s("d")),
        ("role", strings(&["ORG_OWNER"])),
        ("output", s(output)),
    ];
    let invocation = invocation(&["organizations", "apiKeys", "create"], &flags, &[], None);
    let request = ("POST", "https://h/api/atlas/v2/orgs/x/apiKeys");
    render(&render_input(invocation, request, status, body))
}

/// The body of `fixtures/atlas/create-200.http`, a real Atlas response.
const FIXTURE: &str = r#"{"desc":"e2e-test-atlas-org","id":"6a793f752c88faeba59bba49","links":[{"href":"http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys/6a793f752c88faeba59bba49","rel":"self"}],"privateKey":"c8150efd-c7a0-4afd-8c4f-01bdd56c8977","publicKey":"gswvkocq","roles":[{"orgId":"a0123456789abcdef012345a","roleName":"ORG_READ_ONLY"}]}"#;

fn stdout(output: &str, body: &str) -> String {
    match render_as(output, 200, body) {
        RenderOutput::Stdout { text } => text,
        other => panic!("expected stdout for {body}, got {other:?}"),
    }
}

#[test]
fn prints_the_go_text_template_for_the_fixture() {
    assert_eq!(
        stdout("", FIXTURE),
        "API Key '6a793f752c88faeba59bba49' created.\nPublic API Key gswvkocq\nPrivate API Key c8150efd-c7a0-4afd-8c4f-01bdd56c8977\n"
    );
}

#[test]
fn prints_go_marshal_indent_json_for_the_fixture() {
    let want = concat!(
        "{\n",
        "  \"desc\": \"e2e-test-atlas-org\",\n",
        "  \"id\": \"6a793f752c88faeba59bba49\",\n",
        "  \"links\": [\n",
        "    {\n",
        "      \"href\": \"http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys/6a793f752c88faeba59bba49\",\n",
        "      \"rel\": \"self\"\n",
        "    }\n",
        "  ],\n",
        "  \"privateKey\": \"c8150efd-c7a0-4afd-8c4f-01bdd56c8977\",\n",
        "  \"publicKey\": \"gswvkocq\",\n",
        "  \"roles\": [\n",
        "    {\n",
        "      \"orgId\": \"a0123456789abcdef012345a\",\n",
        "      \"roleName\": \"ORG_READ_ONLY\"\n",
        "    }\n",
        "  ]\n",
        "}\n",
    );
    assert_eq!(stdout("json", FIXTURE), want);
}

#[test]
fn writes_json_keys_in_go_struct_order_whatever_the_response_order() {
    let body = r#"{"roles":[{"roleName":"R","groupId":"g","orgId":"o"}],"publicKey":"p","id":"i","links":[{"rel":"self","href":"h"}],"desc":"d","privateKey":"k"}"#;
    let want = "{\n  \"desc\": \"d\",\n  \"id\": \"i\",\n  \"links\": [\n    {\n      \"href\": \"h\",\n      \"rel\": \"self\"\n    }\n  ],\n  \"privateKey\": \"k\",\n  \"publicKey\": \"p\",\n  \"roles\": [\n    {\n      \"groupId\": \"g\",\n      \"orgId\": \"o\",\n      \"roleName\": \"R\"\n    }\n  ]\n}\n";
    assert_eq!(stdout("json", body), want);
}

#[test]
fn omits_absent_and_null_fields_but_keeps_empty_strings() {
    let body = r#"{"id":"i","desc":"","links":null,"publicKey":null,"roles":[{"roleName":"R","orgId":null}],"extra":{"x":1}}"#;
    let want = "{\n  \"desc\": \"\",\n  \"id\": \"i\",\n  \"roles\": [\n    {\n      \"roleName\": \"R\"\n    }\n  ]\n}\n";
    assert_eq!(stdout("json", body), want);
}

#[test]
fn keeps_empty_arrays_as_the_sdk_pointer_slices_do() {
    // `Links *[]Link` and `Roles *[]CloudAccessRoleAssignment` are non-nil for `[]`, so Go's
    // omitempty keeps them; an empty link object stays `{}`.
    let body = r#"{"id":"i","links":[{}],"roles":[]}"#;
    let want = "{\n  \"id\": \"i\",\n  \"links\": [\n    {}\n  ],\n  \"roles\": []\n}\n";
    assert_eq!(stdout("json", body), want);
}

#[test]
fn prints_an_empty_object_when_no_field_is_set() {
    assert_eq!(stdout("json", "{}"), "{}\n");
}

#[test]
fn escapes_json_strings_as_go_does() {
    let body = r#"{"desc":"<b>&\"\\\u2028\u0001\u0008\t é😀"}"#;
    let want = "{\n  \"desc\": \"\\u003cb\\u003e\\u0026\\\"\\\\\\u2028\\u0001\\b\\t é😀\"\n}\n";
    assert_eq!(stdout("json", body), want);
}

#[test]
fn prints_nil_for_missing_fields_in_text() {
    assert_eq!(
        stdout("", r#"{"publicKey":"p","privateKey":null}"#),
        "API Key '<nil>' created.\nPublic API Key p\nPrivate API Key <nil>\n"
    );
}

#[test]
fn prints_text_values_verbatim() {
    assert_eq!(
        stdout("", r#"{"id":"<&>","publicKey":"a b","privateKey":"é"}"#),
        "API Key '<&>' created.\nPublic API Key a b\nPrivate API Key é\n"
    );
}

#[test]
fn reports_a_body_that_is_not_an_api_key_as_an_error() {
    for body in [
        "",
        "not json",
        "[]",
        r#"{"id":5}"#,
        r#"{"roles":"ORG_OWNER"}"#,
    ] {
        match render_as("", 200, body) {
            RenderOutput::Error { message } => {
                assert!(
                    message.starts_with("could not read the created API key from the response: "),
                    "{message}"
                );
                assert!(
                    message.contains("\nhelp: the raw response is printed on stdout"),
                    "{message}"
                );
            }
            other => panic!("expected an error for {body:?}, got {other:?}"),
        }
    }
}

#[test]
fn renders_statuses_from_300_as_api_errors() {
    for status in [300, 404, 500] {
        match render_as("json", status, "") {
            RenderOutput::Error { message } => {
                assert!(
                    message.starts_with("https://h/api/atlas/v2/orgs/x/apiKeys POST: HTTP "),
                    "{message}"
                );
            }
            other => panic!("status {status}: {other:?}"),
        }
    }
}

#[test]
fn refuses_an_unsupported_format_even_if_plan_was_skipped() {
    let out = render_as("yaml", 200, "{}");
    assert!(
        matches!(out, RenderOutput::Error { message } if message.starts_with("unsupported output format"))
    );
}
