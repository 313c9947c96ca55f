//! Tests of `plan`: the request it builds and every validation message, in order.

use super::*;
use atlas_plugin_sdk::api::FlagValue;

const ORG: &str = "5a1b39eec902201990f12345";

/// A valid invocation; each test breaks one thing.
fn input() -> PlanInput {
    let mut input = PlanInput::default();
    set(&mut input, "desc", FlagValue::String("My API Key".into()));
    set(
        &mut input,
        "role",
        FlagValue::Strings(vec!["ORG_OWNER".into()]),
    );
    set(&mut input, "orgId", FlagValue::String(ORG.into()));
    input
}

fn set(input: &mut PlanInput, name: &str, value: FlagValue) {
    input.flags.insert(name.into(), value);
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

#[test]
fn plans_the_create_request() {
    let request = request(&input());
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.path,
        "/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys"
    );
    assert!(request.query.is_empty());
    let headers: Vec<_> = request
        .headers
        .iter()
        .map(|h| (h.name.as_str(), h.value.as_str()))
        .collect();
    assert_eq!(
        headers,
        [
            ("Accept", "application/vnd.atlas.2023-01-01+json"),
            ("Content-Type", "application/vnd.atlas.2023-01-01+json")
        ]
    );
    assert_eq!(
        request.body.as_deref(),
        Some(r#"{"desc":"My API Key","roles":["ORG_OWNER"]}"#)
    );
}

#[test]
fn sends_every_role_in_order_with_duplicates() {
    let mut input = input();
    let roles = vec!["ORG_MEMBER, ORG_READ_ONLY".into(), "\"ORG_MEMBER\"".into()];
    set(&mut input, "role", FlagValue::Strings(roles));
    set(
        &mut input,
        "desc",
        FlagValue::String("quote \" and <tag>".into()),
    );
    assert_eq!(
        request(&input).body.as_deref(),
        Some(
            r#"{"desc":"quote \" and <tag>","roles":["ORG_MEMBER","ORG_READ_ONLY","ORG_MEMBER"]}"#
        )
    );
}

#[test]
fn takes_the_org_id_from_settings_when_the_flag_is_absent_or_empty() {
    let settings_org = "0123456789ABCDEFabcdef01";
    for flag in [None, Some("")] {
        let mut input = input();
        input.flags.remove("orgId");
        if let Some(flag) = flag {
            set(&mut input, "orgId", FlagValue::String(flag.into()));
        }
        input.settings.org_id = Some(settings_org.into());
        assert_eq!(
            request(&input).path,
            format!("/api/atlas/v2/orgs/{settings_org}/apiKeys")
        );
    }
}

#[test]
fn prefers_the_org_id_flag_over_settings() {
    let mut input = input();
    input.settings.org_id = Some("ffffffffffffffffffffffff".into());
    assert!(request(&input).path.contains(ORG));
}

#[test]
fn rejects_positional_arguments_first() {
    let mut input = input();
    input.args = vec!["extra".into()];
    input.flags.clear();
    assert_eq!(
        error(&input),
        "\"atlas organizations apiKeys create\" accepts no arguments\n\nUsage:  atlas organizations apiKeys create [flags]"
    );
}

#[test]
fn rejects_a_role_csv_error_before_positional_arguments() {
    let mut input = input();
    input.args = vec!["extra".into()];
    set(&mut input, "role", FlagValue::Strings(vec!["a\"b".into()]));
    assert_eq!(
        error(&input),
        r#"invalid argument "a\"b" for "--role" flag: parse error on line 1, column 2: bare " in non-quoted-field"#
    );
}

#[test]
fn rejects_a_missing_org_id_before_required_flags() {
    let mut input = PlanInput::default();
    input.settings.org_id = Some(String::new());
    assert_eq!(error(&input), "required flag(s) \"orgId\" not set");
}

#[test]
fn validates_the_org_id_like_go_object_id() {
    let table = [
        ("5a1b39eec902201990f12345", true),
        ("5A1B39EEC902201990F12345", true),
        ("5a1b39eec902201990f1234", false),
        ("5a1b39eec902201990f123456", false),
        ("5a1b39eec902201990f1234g", false),
        ("5a1b39eec902201990f1234 ", false),
        ("5a1b39eec902201990f123é", false),
    ];
    for (org, ok) in table {
        let mut input = input();
        set(&mut input, "orgId", FlagValue::String(org.into()));
        let want = if ok {
            None
        } else {
            Some(format!("the provided value '{org}' is not a valid ID"))
        };
        let got = match plan(&input) {
            PlanOutput::UserError { message } => Some(message),
            _ => None,
        };
        assert_eq!(got, want, "org {org:?}");
    }
}

#[test]
fn rejects_an_invalid_org_id_before_required_flags() {
    let mut input = PlanInput::default();
    set(&mut input, "orgId", FlagValue::String("nope".into()));
    assert_eq!(error(&input), "the provided value 'nope' is not a valid ID");
}

#[test]
fn lists_missing_required_flags_sorted() {
    let table: [(&[&str], &str); 3] = [
        (
            &["desc", "role"],
            r#"required flag(s) "desc", "role" not set"#,
        ),
        (&["desc"], r#"required flag(s) "desc" not set"#),
        (&["role"], r#"required flag(s) "role" not set"#),
    ];
    for (removed, want) in table {
        let mut input = input();
        for name in removed {
            input.flags.remove(*name);
        }
        assert_eq!(error(&input), want, "removed {removed:?}");
    }
}

#[test]
fn counts_a_flag_set_to_empty_as_set() {
    let mut input = input();
    set(&mut input, "desc", FlagValue::String(String::new()));
    set(&mut input, "role", FlagValue::Strings(vec![String::new()]));
    assert!(error(&input).starts_with("--role needs at least one role name\n"));
}

#[test]
fn rejects_an_unsupported_output_format_after_required_flags() {
    let mut input = input();
    set(&mut input, "output", FlagValue::String("yaml".into()));
    set(&mut input, "role", FlagValue::Strings(vec!["NOPE".into()]));
    assert_eq!(
        error(&input),
        "unsupported output format \"yaml\"\nhelp: valid formats are json, json-path=EXPR, go-template=TEMPLATE, \
         go-template-file=PATH, plaintext"
    );
    input.flags.remove("desc");
    assert_eq!(error(&input), r#"required flag(s) "desc" not set"#);
}

#[test]
fn rejects_unknown_role_before_any_request() {
    let mut input = input();
    set(
        &mut input,
        "role",
        FlagValue::Strings(vec!["ORG_OWNR".into()]),
    );
    set(&mut input, "desc", FlagValue::String(String::new()));
    assert!(
        error(&input).starts_with("invalid role \"ORG_OWNR\"\nhelp: did you mean \"ORG_OWNER\"? ")
    );
}

#[test]
fn checks_the_description_length_in_characters() {
    let table = [
        (String::new(), Some(0)),
        ("x".into(), None),
        ("é".repeat(250), None),
        ("x".repeat(251), Some(251)),
    ];
    for (desc, bad_len) in table {
        let mut input = input();
        set(&mut input, "desc", FlagValue::String(desc.clone()));
        let want = bad_len.map(|n| {
            format!(
                "--desc is {n} characters long\nhelp: give a description of 1 to 250 characters"
            )
        });
        let got = match plan(&input) {
            PlanOutput::UserError { message } => Some(message),
            _ => None,
        };
        assert_eq!(got, want, "desc of {} chars", desc.chars().count());
    }
}

#[test]
fn asks_for_the_template_file_only_once_the_flags_are_valid() {
    let mut input = input();
    let output = FlagValue::String("go-template-file=k.tmpl".into());
    set(&mut input, "output", output);
    assert_eq!(
        plan(&input),
        PlanOutput::NeedFiles {
            paths: vec!["k.tmpl".into()]
        }
    );
    input.flags.remove("desc");
    assert_eq!(error(&input), r#"required flag(s) "desc" not set"#);
}

#[test]
fn refuses_a_template_with_an_unknown_field_before_any_request() {
    let mut input = input();
    let output = FlagValue::String("go-template={{.Nope}}".into());
    set(&mut input, "output", output);
    assert!(error(&input).ends_with("can't evaluate field Nope in type *admin.ApiKeyUserDetails"));
}
