//! The plugin through its real boundary: the built `.wasm` loaded by the host's runtime must
//! answer exactly as the same code compiled natively, for every validation and rendering case.

use std::collections::BTreeMap;

use atlas_apikeys_create as native;
use atlas_cli::runtime::{Limits, Plugin, Runtime};
use atlas_plugin_api::{
    self as api, DescribeOutput, FlagValue, HttpResponse, Invocation, PlanOutput, RenderInput,
    RenderOutput, SentRequest, Settings,
};

use crate::support::*;

fn load() -> Plugin {
    Runtime::new(Limits::default(), Some(&shared_cache().join("atlascli")))
        .load("create.wasm", &create_wasm())
        .unwrap()
}

fn invocation(flags: &[(&str, FlagValue)], args: &[&str], settings: Settings) -> Invocation {
    Invocation {
        abi_version: api::OLDEST_ABI_VERSION,
        command: vec!["organizations".into(), "apiKeys".into(), "create".into()],
        args: args.iter().map(|a| a.to_string()).collect(),
        flags: flags
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect::<BTreeMap<_, _>>(),
        settings,
        files: BTreeMap::new(),
        ..Default::default()
    }
}

fn s(v: &str) -> FlagValue {
    FlagValue::String(v.into())
}

fn roles(v: &[&str]) -> FlagValue {
    FlagValue::Strings(v.iter().map(|r| r.to_string()).collect())
}

#[test]
fn describe_through_wasm_matches_native_and_speaks_our_abi() {
    let from_wasm: DescribeOutput = load().call(api::exports::DESCRIBE, &()).unwrap();
    assert_eq!(from_wasm, native::describe());
    assert_eq!(from_wasm.abi_version, api::OLDEST_ABI_VERSION);
    assert_eq!(
        from_wasm.commands[0].words(),
        ["organizations", "apiKeys", "create"]
    );
}

#[test]
fn plan_through_wasm_matches_native_for_every_case() {
    let env_org = Settings {
        org_id: Some(ORG.into()),
        ..Default::default()
    };
    let cases: Vec<(Invocation, Option<&str>)> = vec![
        (
            invocation(
                &[
                    ("desc", s("d")),
                    ("role", roles(&["ORG_OWNER"])),
                    ("orgId", s(ORG)),
                ],
                &[],
                Settings::default(),
            ),
            None,
        ),
        (
            invocation(
                &[
                    ("desc", s("d")),
                    ("role", roles(&["ORG_OWNER, ORG_MEMBER"])),
                ],
                &[],
                env_org.clone(),
            ),
            None,
        ),
        (
            invocation(
                &[("desc", s("d")), ("role", roles(&["ORG_OWNER"]))],
                &[],
                Settings::default(),
            ),
            Some("required flag(s) \"orgId\" not set"),
        ),
        (
            invocation(
                &[("orgId", s("5A1B39EEC902201990F1234"))],
                &[],
                Settings::default(),
            ),
            Some("the provided value '5A1B39EEC902201990F1234' is not a valid ID"),
        ),
        (
            invocation(&[], &[], env_org.clone()),
            Some("required flag(s) \"desc\", \"role\" not set"),
        ),
        (
            invocation(&[("role", roles(&["ORG_OWNER"]))], &[], env_org.clone()),
            Some("required flag(s) \"desc\" not set"),
        ),
        (
            invocation(
                &[("desc", s("d")), ("role", roles(&["ORG_OWNER"]))],
                &["x"],
                env_org.clone(),
            ),
            Some(
                "\"atlas organizations apiKeys create\" accepts no arguments\n\nUsage:  atlas organizations apiKeys create [flags]",
            ),
        ),
        (
            invocation(
                &[("desc", s("d")), ("role", roles(&["org_ownr"]))],
                &[],
                env_org.clone(),
            ),
            Some("invalid role \"org_ownr\""),
        ),
        (
            invocation(
                &[("desc", s("d")), ("role", roles(&[" , "]))],
                &[],
                env_org.clone(),
            ),
            Some("--role"),
        ),
        (
            invocation(
                &[
                    ("desc", s("d")),
                    ("role", roles(&["ORG_OWNER"])),
                    ("output", s("JSON")),
                ],
                &[],
                env_org.clone(),
            ),
            Some("unsupported output format \"JSON\""),
        ),
        (
            invocation(
                &[
                    ("desc", s(&"é".repeat(251))),
                    ("role", roles(&["ORG_OWNER"])),
                ],
                &[],
                env_org,
            ),
            Some("--desc"),
        ),
    ];
    let mut plugin = load();
    for (input, want_error) in cases {
        let from_wasm: PlanOutput = plugin.call(api::exports::PLAN, &input).unwrap();
        assert_eq!(from_wasm, native::plan(&input), "{input:?}");
        match (&from_wasm, want_error) {
            (PlanOutput::Request { request }, None) => {
                assert_eq!(request.method, "POST");
                assert_eq!(request.path, format!("/api/atlas/v2/orgs/{ORG}/apiKeys"));
            }
            (PlanOutput::UserError { message }, Some(want)) => {
                assert!(
                    message.starts_with(want),
                    "{message:?} should start with {want:?}"
                )
            }
            (other, want) => panic!("{input:?}: got {other:?}, wanted error {want:?}"),
        }
    }
}

fn fixture_body() -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/create-200.http"
    ))
    .unwrap();
    text.split("\n\n").nth(1).unwrap().trim_end().to_string()
}

fn render_input(output: Option<&str>, status: u16, body: &str) -> RenderInput {
    let mut flags = vec![("desc", s("d")), ("role", roles(&["ORG_READ_ONLY"]))];
    if let Some(o) = output {
        flags.push(("output", s(o)));
    }
    RenderInput {
        invocation: invocation(
            &flags,
            &[],
            Settings {
                org_id: Some(ORG.into()),
                ..Default::default()
            },
        ),
        request: SentRequest {
            method: "POST".into(),
            url: format!("https://cloud.mongodb.com/api/atlas/v2/orgs/{ORG}/apiKeys"),
        },
        response: HttpResponse {
            status,
            content_type: Some("application/json".into()),
            body: body.into(),
        },
    }
}

#[test]
fn render_through_wasm_matches_native_and_the_recorded_response() {
    let body = fixture_body();
    let mut plugin = load();
    let cases = [
        (
            render_input(None, 200, &body),
            "API Key '6a793f752c88faeba59bba49' created.\nPublic API Key gswvkocq\nPrivate API Key c8150efd-c7a0-4afd-8c4f-01bdd56c8977\n",
        ),
        (
            render_input(Some("plaintext"), 200, &body),
            "API Key '6a793f752c88faeba59bba49' created.\n",
        ),
        (
            render_input(Some("json"), 200, &body),
            "{\n  \"desc\": \"e2e-test-atlas-org\",\n  \"id\": \"6a793f752c88faeba59bba49\",\n  \"links\": [\n    {\n      \"href\": \"http://localhost:8080/api/atlas/v2/orgs/a0123456789abcdef012345a/apiKeys/6a793f752c88faeba59bba49\",\n      \"rel\": \"self\"\n    }\n  ],\n  \"privateKey\": \"c8150efd-c7a0-4afd-8c4f-01bdd56c8977\",\n  \"publicKey\": \"gswvkocq\",\n  \"roles\": [\n    {\n      \"orgId\": \"a0123456789abcdef012345a\",\n      \"roleName\": \"ORG_READ_ONLY\"\n    }\n  ]\n}\n",
        ),
    ];
    for (input, want_prefix) in cases {
        let from_wasm: RenderOutput = plugin.call(api::exports::RENDER, &input).unwrap();
        assert_eq!(from_wasm, native::render(&input));
        let RenderOutput::Stdout { text } = from_wasm else {
            panic!("{from_wasm:?}")
        };
        assert!(text.starts_with(want_prefix), "{text}");
    }
}

#[test]
fn render_errors_through_wasm_match_native() {
    let mut plugin = load();
    let forbidden = r#"{"detail":"IP address 203.0.113.7 is not allowed to access this resource.","error":403,"errorCode":"IP_ADDRESS_NOT_ON_ACCESS_LIST","parameters":["203.0.113.7"],"reason":"Forbidden"}"#;
    let cases = [
        (render_input(None, 403, forbidden), format!("https://cloud.mongodb.com/api/atlas/v2/orgs/{ORG}/apiKeys POST: HTTP 403 Forbidden (Error code: \"IP_ADDRESS_NOT_ON_ACCESS_LIST\") Detail: IP address 203.0.113.7 is not allowed to access this resource. Reason: Forbidden. Params: [203.0.113.7], BadRequestDetail: ")),
        (render_input(None, 401, r#"{"error":401,"errorCode":"NOT_ORG_GROUP_CREATOR"}"#), "unauthorized\n\nTo log in using your Atlas username and password or to set credentials using a Service account or API keys, run: atlas auth login".to_string()),
    ];
    for (input, want) in cases {
        let from_wasm: RenderOutput = plugin.call(api::exports::RENDER, &input).unwrap();
        assert_eq!(from_wasm, native::render(&input));
        assert_eq!(from_wasm, RenderOutput::Error { message: want });
    }
    let garbage = render_input(Some("json"), 200, "<html>oops</html>");
    let from_wasm: RenderOutput = plugin.call(api::exports::RENDER, &garbage).unwrap();
    assert_eq!(from_wasm, native::render(&garbage));
    assert!(
        matches!(from_wasm, RenderOutput::Error { .. }),
        "{from_wasm:?}"
    );
}

/// The plugin's allocator serves a call from a per-call arena of 256 KiB and the rest from its
/// general allocator: calls that overflow the arena, between calls that fit it, on one instance,
/// must all answer as the native code does.
#[test]
fn one_instance_answers_alike_for_calls_larger_and_smaller_than_its_arena() {
    let mut plugin = load();
    let small = render_input(Some("json"), 200, &fixture_body());
    let desc = "<é\"&".repeat(100_000); // ~700 KB of body, escaped again in the JSON output
    let big_body = format!(
        r#"{{"desc":"{}","id":"i","privateKey":"k","publicKey":"p","roles":[]}}"#,
        desc.replace('"', "\\\"")
    );
    let big = render_input(Some("json"), 200, &big_body);
    for input in [&small, &big, &small, &big, &small] {
        let from_wasm: RenderOutput = plugin.call(api::exports::RENDER, input).unwrap();
        assert_eq!(from_wasm, native::render(input));
        assert!(
            matches!(&from_wasm, RenderOutput::Stdout { text } if text.starts_with("{\n  \"desc\": \"")),
            "{from_wasm:?}"
        );
    }
    let big_out = plugin
        .call::<_, RenderOutput>(api::exports::RENDER, &big)
        .unwrap();
    let RenderOutput::Stdout { text } = big_out else {
        panic!("{big_out:?}")
    };
    assert!(text.len() > 1_000_000, "{} bytes", text.len());
}
