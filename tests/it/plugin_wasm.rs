//! The plugin's allocator through its real boundary: one instance of the built `.wasm` answers
//! as the same code compiled natively for calls larger and smaller than its per-call arena; a
//! template that recurses without end stops with Go's message within the wasm stack.
//! Every other case of `describe`, `plan` and `render` runs through the `.wasm` as a vector
//! (`vectors.rs`).

use std::collections::BTreeMap;

use atlas_apikeys_create as native;
use atlas_cli::runtime::{Limits, Plugin, Runtime};
use atlas_plugin_api::{
    self as api, FlagValue, HttpResponse, Invocation, RenderInput, RenderOutput, SentRequest,
    Settings,
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
        ..Invocation::default()
    }
}

fn s(v: &str) -> FlagValue {
    FlagValue::String(v.into())
}

fn roles(v: &[&str]) -> FlagValue {
    FlagValue::Strings(v.iter().map(|r| r.to_string()).collect())
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

/// Go stops a template recursing without end at 100,000 calls; the wasm stack holds fewer, so
/// the executor stops at 1,000 levels, counting the `range`, `with` and `if` the calls are
/// nested in: an error, never a trap.
#[test]
fn a_template_recursing_without_end_stops_with_go_message_not_a_trap() {
    let mut plugin = load();
    let body = r#"{"id":"x","links":[{"href":"h"}]}"#;
    for (template, at) in [
        (
            r#"{{define "a"}}x{{template "a" .}}{{end}}{{template "a" .}}"#,
            "1:26",
        ),
        (
            r#"{{define "a"}}{{range $i, $e := .GetLinks}}{{with $e}}{{if .Href}}{{template "a" $}}{{end}}{{end}}{{end}}{{end}}{{template "a" .}}"#,
            "1:77",
        ),
    ] {
        let input = render_input(Some(&format!("go-template={template}")), 200, body);
        let out: RenderOutput = plugin.call(api::exports::RENDER, &input).unwrap();
        let RenderOutput::Error { message } = &out else {
            panic!("{out:?}")
        };
        assert!(
            message.starts_with(&format!(
                "template: output:{at}: executing \"a\" at <{{{{template"
            )),
            "{message}"
        );
        assert!(
            message.ends_with("exceeded maximum template depth (1000)"),
            "{message}"
        );
    }
}
