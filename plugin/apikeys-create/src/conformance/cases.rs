//! The rows of the output conformance table. Expected bytes follow the Go CLI (reference §4)
//! wherever Go's output is reproducible; `[ours]` marks our own checks and messages. The
//! go-template rows are in `templates.rs`.

use super::{Case, Want, templates};
use Want::{NeedFile, PlanError, RenderError, Stdout};

/// `fixtures/atlas/create-200.http`: a real Atlas answer (one link, one organization role).
pub(super) const REAL: &str = r#"{"desc":"e2e-test-atlas-org","id":"6a793f752c88faeba59bba49","links":[{"href":"http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys/6a793f752c88faeba59bba49","rel":"self"}],"privateKey":"c8150efd-c7a0-4afd-8c4f-01bdd56c8977","publicKey":"gswvkocq","roles":[{"orgId":"a0123456789abcdef012345a","roleName":"ORG_READ_ONLY"}]}"#;
/// An organization role and a project (group) role, no links, fields out of Go's order.
pub(super) const GROUP: &str = r#"{"roles":[{"roleName":"ORG_MEMBER","orgId":"o1"},{"roleName":"GROUP_READ_ONLY","groupId":"g1"}],"publicKey":"abcdefgh","privateKey":"k-1","id":"6a793f752c88faeba59bba4a","desc":"ci"}"#;
/// Empty lists (non-nil pointers in Go).
pub(super) const EMPTY: &str =
    r#"{"id":"i1","links":[],"privateKey":"k","publicKey":"p","roles":[]}"#;
/// No roles, links or description at all (nil pointers in Go).
pub(super) const MISSING: &str =
    r#"{"id":"i2","privateKey":"k","publicKey":"p","unknown":{"x":1}}"#;
/// Non-ASCII, HTML-special characters and quotes in the description.
pub(super) const UNICODE: &str = r#"{"desc":"Clé <ops> & \"prod\" 😀","id":"i3","privateKey":"k","publicKey":"p","roles":[{"orgId":"o","roleName":"ORG_OWNER"}]}"#;

pub(super) fn row(
    name: &'static str,
    output: &'static str,
    body: &'static str,
    want: Want,
) -> Case {
    Case {
        name,
        output,
        file: None,
        body,
        want,
    }
}

fn file(
    name: &'static str,
    output: &'static str,
    read: Option<(&'static str, Result<&'static str, &'static str>)>,
    want: Want,
) -> Case {
    Case {
        name,
        output,
        file: read,
        body: REAL,
        want,
    }
}

/// Every row.
pub fn cases() -> Vec<Case> {
    let mut all = text_and_json();
    all.extend(json_path());
    all.extend(templates::values());
    all.extend(templates::layout_and_functions());
    all.extend(templates::errors());
    all.extend(template_files_and_names());
    all
}

fn text_and_json() -> Vec<Case> {
    vec![
        row(
            "default text",
            "",
            REAL,
            Stdout(
                "API Key '6a793f752c88faeba59bba49' created.\nPublic API Key gswvkocq\nPrivate API Key c8150efd-c7a0-4afd-8c4f-01bdd56c8977\n",
            ),
        ),
        row(
            "plaintext is the text [ours]",
            "plaintext",
            MISSING,
            Stdout("API Key 'i2' created.\nPublic API Key p\nPrivate API Key k\n"),
        ),
        row(
            "json in Go struct order with a group role",
            "json",
            GROUP,
            Stdout(
                "{\n  \"desc\": \"ci\",\n  \"id\": \"6a793f752c88faeba59bba4a\",\n  \"privateKey\": \"k-1\",\n  \"publicKey\": \"abcdefgh\",\n  \"roles\": [\n    {\n      \"orgId\": \"o1\",\n      \"roleName\": \"ORG_MEMBER\"\n    },\n    {\n      \"groupId\": \"g1\",\n      \"roleName\": \"GROUP_READ_ONLY\"\n    }\n  ]\n}\n",
            ),
        ),
        row(
            "json escapes <>& and keeps UTF-8",
            "json",
            UNICODE,
            Stdout(
                "{\n  \"desc\": \"Clé \\u003cops\\u003e \\u0026 \\\"prod\\\" 😀\",\n  \"id\": \"i3\",\n  \"privateKey\": \"k\",\n  \"publicKey\": \"p\",\n  \"roles\": [\n    {\n      \"orgId\": \"o\",\n      \"roleName\": \"ORG_OWNER\"\n    }\n  ]\n}\n",
            ),
        ),
        row(
            "json keeps empty roles and links",
            "json",
            EMPTY,
            Stdout(
                "{\n  \"id\": \"i1\",\n  \"links\": [],\n  \"privateKey\": \"k\",\n  \"publicKey\": \"p\",\n  \"roles\": []\n}\n",
            ),
        ),
        row(
            "json omits missing roles",
            "json",
            MISSING,
            Stdout("{\n  \"id\": \"i2\",\n  \"privateKey\": \"k\",\n  \"publicKey\": \"p\"\n}\n"),
        ),
        row(
            "json of a body that is not a key",
            "json",
            "<html>",
            RenderError(
                "could not read the created API key from the response: invalid character '<' looking for beginning of value\nhelp: the raw response is printed on stdout; save the private key from it now, Atlas shows it only once",
            ),
        ),
    ]
}

fn json_path() -> Vec<Case> {
    vec![
        row(
            "json-path scalar is quoted",
            "json-path=$.id",
            REAL,
            Stdout("\"6a793f752c88faeba59bba49\"\n"),
        ),
        row(
            "json-path wildcard is a list",
            "json-path=$.roles[*].roleName",
            REAL,
            Stdout("[\n  \"ORG_READ_ONLY\"\n]\n"),
        ),
        row(
            "json-path object",
            "json-path=$.links[0]",
            REAL,
            Stdout(
                "{\n  \"href\": \"http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys/6a793f752c88faeba59bba49\",\n  \"rel\": \"self\"\n}\n",
            ),
        ),
        row(
            "json-path group ids skip org roles",
            "json-path=$.roles[*].groupId",
            GROUP,
            Stdout("[\n  \"g1\"\n]\n"),
        ),
        row(
            "json-path descendants",
            "json-path=$..roleName",
            GROUP,
            Stdout("[\n  \"ORG_MEMBER\",\n  \"GROUP_READ_ONLY\"\n]\n"),
        ),
        row(
            "json-path filter",
            "json-path=$.roles[?(@.roleName == \"GROUP_READ_ONLY\")].groupId",
            GROUP,
            Stdout("[\n  \"g1\"\n]\n"),
        ),
        row(
            "json-path filter on a string keeps none",
            "json-path=$.roles[?@.groupId].roleName",
            GROUP,
            Stdout("[]\n"),
        ),
        row(
            "json-path slice of objects",
            "json-path=$.roles[0:1]",
            GROUP,
            Stdout("[\n  {\n    \"orgId\": \"o1\",\n    \"roleName\": \"ORG_MEMBER\"\n  }\n]\n"),
        ),
        row(
            "json-path union",
            "json-path=$[\"publicKey\",\"privateKey\"]",
            REAL,
            Stdout("[\n  \"gswvkocq\",\n  \"c8150efd-c7a0-4afd-8c4f-01bdd56c8977\"\n]\n"),
        ),
        row(
            "json-path wildcard on empty roles",
            "json-path=$.roles[*].roleName",
            EMPTY,
            Stdout("[]\n"),
        ),
        row(
            "json-path index past the end fails after the key",
            "json-path=$.roles[0]",
            EMPTY,
            RenderError("index 0 out of bounds"),
        ),
        row(
            "json-path negative index before the request",
            "json-path=$.roles[-1]",
            REAL,
            PlanError("index -1 out of bounds"),
        ),
        row(
            "json-path escapes like json",
            "json-path=$.desc",
            UNICODE,
            Stdout("\"Clé \\u003cops\\u003e \\u0026 \\\"prod\\\" 😀\"\n"),
        ),
        row(
            "json-path missing roles fail after the key",
            "json-path=$.roles",
            MISSING,
            RenderError("unknown key roles"),
        ),
        row(
            "json-path unknown key before the request",
            "json-path=$.nope",
            REAL,
            PlanError("unknown key nope"),
        ),
        row(
            "json-path into a string before the request",
            "json-path=$.id.x",
            REAL,
            PlanError(
                "unsupported value type string for select, expected map[string]interface{} or []interface{}",
            ),
        ),
        row(
            "json-path empty",
            "json-path=",
            REAL,
            PlanError("empty jsonpath"),
        ),
        row(
            "json-path a bare name is a variable",
            "json-path=id",
            REAL,
            Stdout("\"6a793f752c88faeba59bba49\"\n"),
        ),
        row(
            "json-path syntax [ours]",
            "json-path=$['id']",
            REAL,
            PlanError(
                "invalid JSONPath \"$['id']\": at position 2, could not parse string: invalid syntax\nhelp: the Go CLI reads paths such as json-path=$.privateKey or json-path=$.roles[*].roleName (PaesslerAG/jsonpath v0.1.1: double-quoted names, no negative indexes)",
            ),
        ),
    ]
}

fn template_files_and_names() -> Vec<Case> {
    vec![
        file(
            "template file",
            "go-template-file=key.tmpl",
            Some(("key.tmpl", Ok("{{.Id}}\t{{.PublicKey}}\n"))),
            Stdout("6a793f752c88faeba59bba49   gswvkocq\n"),
        ),
        file(
            "template file not read yet",
            "go-template-file=key.tmpl",
            None,
            NeedFile("key.tmpl"),
        ),
        file(
            "template file missing",
            "go-template-file=key.tmpl",
            Some(("key.tmpl", Err("open key.tmpl: no such file or directory"))),
            PlanError("error loading template: key.tmpl, open key.tmpl: no such file or directory"),
        ),
        file(
            "template file with an unknown field",
            "go-template-file=bad.tmpl",
            Some(("bad.tmpl", Ok("{{.Nope}}"))),
            PlanError(
                "template: output:1:2: executing \"output\" at <.Nope>: can't evaluate field Nope in type *admin.ApiKeyUserDetails",
            ),
        ),
        file(
            "template file with an empty path",
            "go-template-file=",
            None,
            PlanError("error loading template: , open : no such file or directory"),
        ),
        row(
            "empty template [ours]",
            "go-template=",
            REAL,
            PlanError(
                "go-template= needs a template\nhelp: for example -o 'go-template={{.PrivateKey}}'",
            ),
        ),
        row(
            "yaml is refused [ours]",
            "yaml",
            REAL,
            PlanError(
                "unsupported output format \"yaml\"\nhelp: valid formats are json, json-path=EXPR, go-template=TEMPLATE, go-template-file=PATH, plaintext",
            ),
        ),
        row(
            "JSON is refused [ours]",
            "JSON",
            REAL,
            PlanError(
                "unsupported output format \"JSON\"\nhelp: valid formats are json, json-path=EXPR, go-template=TEMPLATE, go-template-file=PATH, plaintext",
            ),
        ),
        row(
            "bare json-path is refused [ours]",
            "json-path",
            REAL,
            PlanError(
                "unsupported output format \"json-path\"\nhelp: valid formats are json, json-path=EXPR, go-template=TEMPLATE, go-template-file=PATH, plaintext",
            ),
        ),
    ]
}
