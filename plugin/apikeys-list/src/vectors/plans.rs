//! The `plan` vectors of `list`: the request for valid input, then every validation message in
//! the order the checks run, each written out rather than taken from the code it checks.

use atlas_plugin_sdk::api::{
    FileContent, FlagValue, Invocation, NameValue, PlanOutput, RequestSpec,
};
use atlas_plugin_testkit::VectorFile;

use super::{invocation, s};

const FORMATS: &str =
    "json, json-path=EXPR, go-template=TEMPLATE, go-template-file=PATH, plaintext";

fn request(page: &str, limit: &str, count: &str) -> PlanOutput {
    PlanOutput::Request {
        request: RequestSpec {
            method: "GET".into(),
            path: "/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys".into(),
            query: vec![
                NameValue::new("pageNum", page),
                NameValue::new("itemsPerPage", limit),
                NameValue::new("includeCount", count),
            ],
            headers: vec![NameValue::new(
                "Accept",
                "application/vnd.atlas.2023-01-01+json",
            )],
            body: None,
        },
    }
}

fn refused(message: &str) -> PlanOutput {
    PlanOutput::UserError {
        message: message.to_string(),
    }
}

/// The request, then the refusals.
pub fn plans(file: &mut VectorFile) {
    file.plan(
        "plan: defaults",
        &invocation(&[], &[]),
        &request("1", "100", "true"),
    );
    let paged = [
        ("page", FlagValue::Int(2)),
        ("limit", FlagValue::Int(500)),
        ("omitCount", FlagValue::Bool(true)),
        ("compact", FlagValue::Bool(true)),
        ("output", s("json")),
    ];
    file.plan(
        "plan: --page, --limit and --omitCount reach the query",
        &invocation(&paged, &[]),
        &request("2", "500", "false"),
    );
    let file_output = [("output", s("go-template-file=keys.tmpl"))];
    let mut with_file = invocation(&file_output, &[]);
    file.plan(
        "plan: asks the host for the template file",
        &with_file,
        &PlanOutput::NeedFiles {
            paths: vec!["keys.tmpl".into()],
        },
    );
    let content = FileContent {
        content: Some("{{range .Results}}{{.Id}}\n{{end}}".into()),
        error: None,
    };
    with_file.files.insert("keys.tmpl".into(), content);
    file.plan(
        "plan: then plans with the file",
        &with_file,
        &request("1", "100", "true"),
    );
    refusals(file);
}

/// One vector per message.
fn refusals(file: &mut VectorFile) {
    for (name, input, message) in command_refusals().into_iter().chain(output_refusals()) {
        file.plan(name, &input, &refused(&message));
    }
}

/// The Go CLI's checks, then our page and limit ranges.
fn command_refusals() -> Vec<(&'static str, Invocation, String)> {
    let mut no_org = invocation(&[], &[]);
    no_org.settings.org_id = None;
    vec![
        (
            "plan: positional arguments, first",
            invocation(&[("orgId", s("x"))], &["extra"]),
            "\"atlas organizations apiKeys list\" accepts no arguments\n\nUsage:  atlas organizations apiKeys list [flags]".into(),
        ),
        ("plan: no org ID", no_org, "required flag(s) \"orgId\" not set".into()),
        (
            "plan: an org ID that is not 24 hex digits",
            invocation(&[("orgId", s("x"))], &[]),
            "the provided value 'x' is not a valid ID".into(),
        ),
        (
            "plan: a page below 1",
            invocation(&[("page", FlagValue::Int(0))], &[]),
            "--page is 0\nhelp: give a page number of 1 or more".into(),
        ),
        (
            "plan: a limit above the spec's 500",
            invocation(&[("limit", FlagValue::Int(501))], &[]),
            "--limit is 501\nhelp: give a limit of 1 to 500 items per page".into(),
        ),
    ]
}

/// [ours] The output request, proven workable on a full sample page before the request.
fn output_refusals() -> Vec<(&'static str, Invocation, String)> {
    vec![
        (
            "plan: an unknown output format, before page and limit",
            invocation(&[("output", s("yaml")), ("page", FlagValue::Int(0))], &[]),
            format!("unsupported output format \"yaml\"\nhelp: valid formats are {FORMATS}"),
        ),
        (
            "plan: a template field the page does not have",
            invocation(&[("output", s("go-template={{.PublicKey}}"))], &[]),
            "template: output:1:2: executing \"output\" at <.PublicKey>: can't evaluate field PublicKey in type *admin.PaginatedApiApiUser".into(),
        ),
        (
            "plan: a template field a key does not have",
            invocation(&[("output", s("go-template={{range .Results}}{{.Secret}}{{end}}"))], &[]),
            "template: output:1:20: executing \"output\" at <.Secret>: can't evaluate field Secret in type admin.ApiKeyUserDetails".into(),
        ),
        (
            "plan: an empty template",
            invocation(&[("output", s("go-template="))], &[]),
            "go-template= needs a template\nhelp: for example -o 'go-template={{range .Results}}{{.Id}} {{end}}'".into(),
        ),
        (
            "plan: a JSONPath key the page does not have",
            invocation(&[("output", s("json-path=$.result"))], &[]),
            "unknown key result".into(),
        ),
        (
            "plan: with --compact a JSONPath starts at the results array",
            invocation(&[("output", s("json-path=$.results")), ("compact", FlagValue::Bool(true))], &[]),
            "could not select value, invalid key: expected number but got results (string)".into(),
        ),
        (
            "plan: a JSONPath that does not parse",
            invocation(&[("output", s("json-path=$[")), ("compact", FlagValue::Bool(true))], &[]),
            "invalid JSONPath \"$[\": at position 2, unexpected end\nhelp: the Go CLI reads paths such as json-path=$[0].id or json-path=$[*].publicKey (PaesslerAG/jsonpath v0.1.1: double-quoted names, no negative indexes)".into(),
        ),
    ]
}
