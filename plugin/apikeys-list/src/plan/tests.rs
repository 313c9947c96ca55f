//! Tests of `plan`: the request it builds and every validation message, in order.

use super::*;
use atlas_plugin_sdk::api::{FileContent, FlagValue};
use atlas_plugin_sdk::request::MEDIA_TYPE;

const ORG: &str = "5a1b39eec902201990f12345";

/// A valid invocation with no flags but the org; each test sets what it needs.
fn input(flags: &[(&str, FlagValue)]) -> PlanInput {
    let mut input = PlanInput::default();
    input.settings.org_id = Some(ORG.into());
    for (name, value) in flags {
        input.flags.insert(name.to_string(), value.clone());
    }
    input
}

fn error(input: &PlanInput) -> String {
    match plan(input) {
        PlanOutput::UserError { message } => message,
        other => panic!("expected a user error, got {other:?}"),
    }
}

fn request(input: &PlanInput) -> RequestSpec {
    match plan(input) {
        PlanOutput::Request { request } => request,
        other => panic!("expected a request, got {other:?}"),
    }
}

fn query(request: &RequestSpec) -> Vec<(&str, &str)> {
    request
        .query
        .iter()
        .map(|q| (q.name.as_str(), q.value.as_str()))
        .collect()
}

#[test]
fn plans_the_list_request_with_the_go_cli_defaults() {
    let request = request(&input(&[]));
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, format!("/api/atlas/v2/orgs/{ORG}/apiKeys"));
    assert_eq!(
        query(&request),
        [
            ("pageNum", "1"),
            ("itemsPerPage", "100"),
            ("includeCount", "true")
        ]
    );
    assert_eq!(request.headers, [NameValue::new("Accept", MEDIA_TYPE)]);
    assert_eq!(request.body, None);
}

#[test]
fn page_limit_and_omit_count_reach_the_query() {
    let request = request(&input(&[
        ("page", FlagValue::Int(3)),
        ("limit", FlagValue::Int(500)),
        ("omitCount", FlagValue::Bool(true)),
    ]));
    assert_eq!(
        query(&request),
        [
            ("pageNum", "3"),
            ("itemsPerPage", "500"),
            ("includeCount", "false")
        ]
    );
}

#[test]
fn rejects_arguments_then_the_org_id_in_the_go_cli_order() {
    let mut bad = input(&[("orgId", FlagValue::String("nope".into()))]);
    bad.args = vec!["x".into()];
    assert_eq!(
        error(&bad),
        "\"atlas organizations apiKeys list\" accepts no arguments\n\nUsage:  atlas organizations apiKeys list [flags]"
    );
    bad.args.clear();
    assert_eq!(error(&bad), "the provided value 'nope' is not a valid ID");
    bad.flags.clear();
    bad.settings.org_id = None;
    assert_eq!(error(&bad), "required flag(s) \"orgId\" not set");
}

#[test]
fn rejects_pages_and_limits_outside_the_spec_before_any_request() {
    let table = [
        (
            "page",
            0,
            "--page is 0\nhelp: give a page number of 1 or more",
        ),
        (
            "page",
            -2,
            "--page is -2\nhelp: give a page number of 1 or more",
        ),
        (
            "limit",
            0,
            "--limit is 0\nhelp: give a limit of 1 to 500 items per page",
        ),
        (
            "limit",
            501,
            "--limit is 501\nhelp: give a limit of 1 to 500 items per page",
        ),
    ];
    for (flag, value, want) in table {
        assert_eq!(
            error(&input(&[(flag, FlagValue::Int(value))])),
            want,
            "{flag} {value}"
        );
    }
}

#[test]
fn checks_the_output_request_before_the_page_and_limit() {
    let bad = input(&[
        ("output", FlagValue::String("yaml".into())),
        ("page", FlagValue::Int(0)),
    ]);
    assert!(error(&bad).starts_with("unsupported output format \"yaml\""));
    let bad = input(&[("output", FlagValue::String("go-template={{.Id}}".into()))]);
    assert_eq!(
        error(&bad),
        "template: output:1:2: executing \"output\" at <.Id>: can't evaluate field Id in type *admin.PaginatedApiApiUser"
    );
}

#[test]
fn compact_json_paths_are_checked_against_the_results_array() {
    let compact = ("compact", FlagValue::Bool(true));
    let path = |p: &str| ("output", FlagValue::String(format!("json-path={p}")));
    assert!(matches!(
        plan(&input(&[compact.clone(), path("$[0].privateKey")])),
        PlanOutput::Request { .. }
    ));
    assert_eq!(
        error(&input(&[compact, path("$.results")])),
        "could not select value, invalid key: expected number but got results (string)"
    );
    assert!(matches!(
        plan(&input(&[path("$.results[0].privateKey")])),
        PlanOutput::Request { .. }
    ));
}

#[test]
fn asks_for_a_template_file_then_plans_with_it() {
    let mut input = input(&[(
        "output",
        FlagValue::String("go-template-file=t.tmpl".into()),
    )]);
    assert_eq!(
        plan(&input),
        PlanOutput::NeedFiles {
            paths: vec!["t.tmpl".into()]
        }
    );
    let file = FileContent {
        content: Some("{{.TotalCount}}".into()),
        error: None,
    };
    input.files.insert("t.tmpl".into(), file);
    assert!(matches!(plan(&input), PlanOutput::Request { .. }));
}
