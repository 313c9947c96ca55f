//! Output formats end to end: the real binary against the emulator, where every rejected
//! output request must leave the server untouched (no key created, so no private key lost).
//! The conformance table itself runs through the built `.wasm` as vectors (`vectors.rs`).

use atlas_apikeys_create::conformance;
use atlas_cli::runtime::{Limits, Plugin, Runtime};
use atlas_plugin_api::{self as api, FlagValue, PlanOutput};

use crate::support::*;

fn load() -> Plugin {
    Runtime::new(Limits::default(), Some(&shared_cache().join("atlascli")))
        .load("create.wasm", &create_wasm())
        .unwrap()
}

#[test]
fn plan_asks_the_host_for_the_template_file_and_no_other() {
    let case = conformance::Case {
        name: "file",
        output: "go-template-file=/tmp/key.tmpl",
        file: None,
        body: "{}",
        want: conformance::Want::NeedFile("/tmp/key.tmpl"),
    };
    let mut inv = conformance::invocation(&case);
    inv.flags
        .insert("desc".into(), FlagValue::String("/tmp/other.tmpl".into()));
    let out: PlanOutput = load().call(api::exports::PLAN, &inv).unwrap();
    assert_eq!(
        out,
        PlanOutput::NeedFiles {
            paths: vec!["/tmp/key.tmpl".into()]
        }
    );
}

fn create(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "organizations",
        "apiKeys",
        "create",
        "--role",
        "ORG_READ_ONLY",
        "--desc",
        "out",
        "--orgId",
        ORG,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn run(sandbox: &Sandbox, extra: &[&str]) -> Run {
    let args = create(extra);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    sandbox.run(&args)
}

fn key(emulator: &Emulator) -> serde_json::Value {
    let keys = emulator.api_keys(ORG);
    assert_eq!(keys.len(), 1, "{keys:?}");
    keys[0].clone()
}

#[test]
fn json_path_prints_the_selected_value_as_indented_json() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    let run = run(&sandbox, &["-o", "json-path=$.privateKey"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let key = key(&emulator);
    assert_eq!(
        run.stdout,
        format!("\"{}\"\n", key["privateKey"].as_str().unwrap())
    );
}

#[test]
fn json_path_with_a_wildcard_prints_a_list() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    let run = run(&sandbox, &["-o", "json-path=$.roles[*].roleName"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "[\n  \"ORG_READ_ONLY\"\n]\n"),
        "{run:?}"
    );
}

#[test]
fn go_template_is_tab_aligned_with_no_newline_added() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    let run = run(
        &sandbox,
        &["--output", "go-template=ID\tKEY\n{{.Id}}\t{{.PublicKey}}"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let key = key(&emulator);
    let id = key["id"].as_str().unwrap();
    let want = format!(
        "ID{}KEY\n{id}   {}",
        " ".repeat(25),
        key["publicKey"].as_str().unwrap()
    );
    assert_eq!(run.stdout, want);
}

#[test]
fn go_template_file_is_read_by_the_host_and_rendered() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    let path = sandbox.dir.path().join("key.tmpl");
    std::fs::write(
        &path,
        "{{range .Roles}}{{.RoleName}}{{end}} {{.PrivateKey}}\n",
    )
    .unwrap();
    let output = format!("go-template-file={}", path.display());
    let run = run(&sandbox, &["-o", &output]);
    assert_eq!(run.code, 0, "{run:?}");
    let key = key(&emulator);
    assert_eq!(
        run.stdout,
        format!("ORG_READ_ONLY {}\n", key["privateKey"].as_str().unwrap())
    );
}

#[test]
fn the_output_setting_chooses_the_format_when_the_flag_is_absent() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox
        .against(&emulator)
        .env("MONGODB_ATLAS_OUTPUT", "go-template={{.PublicKey}}");
    let run = run(&sandbox, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, key(&emulator)["publicKey"].as_str().unwrap());
    let run = self::run(&sandbox, &["-o", "plaintext"]);
    assert!(run.stdout.starts_with("API Key '"), "{run:?}");
}

#[test]
fn every_rejected_output_request_exits_1_before_any_request() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    let missing = sandbox
        .dir
        .path()
        .join("missing.tmpl")
        .display()
        .to_string();
    let missing_output = format!("go-template-file={missing}");
    let missing_error =
        format!("error loading template: {missing}, open {missing}: no such file or directory");
    let cases: Vec<(&str, String)> = vec![
        ("yaml", "unsupported output format \"yaml\"\nhelp: valid formats are json, json-path=EXPR, go-template=TEMPLATE, go-template-file=PATH, plaintext".into()),
        ("json-path", "unsupported output format \"json-path\"\nhelp: valid formats are json, json-path=EXPR, go-template=TEMPLATE, go-template-file=PATH, plaintext".into()),
        ("go-template={{.Id", "template: output:1: unclosed action".into()),
        ("go-template={{if .Id}}", "template: output:1: unexpected EOF".into()),
        ("go-template={{.NoSuchField}}", "template: output:1:2: executing \"output\" at <.NoSuchField>: can't evaluate field NoSuchField in type *admin.ApiKeyUserDetails".into()),
        ("json-path=$.nope", "unknown key nope".into()),
        ("json-path=$[", "invalid JSONPath \"$[\": at position 2, unexpected end\nhelp: the Go CLI reads paths such as json-path=$.privateKey or json-path=$.roles[*].roleName (PaesslerAG/jsonpath v0.1.1: double-quoted names, no negative indexes)".into()),
        (missing_output.as_str(), missing_error),
    ];
    for (output, message) in &cases {
        let run = run(&sandbox, &["-o", output]);
        assert_eq!(run.code, 1, "{output}: {run:?}");
        assert_eq!(run.stderr, format!("Error: {message}\n"), "{output}");
        assert_eq!(run.stdout, "", "{output}");
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
    assert!(emulator.api_keys(ORG).is_empty());
}

#[test]
fn a_template_that_fails_on_the_real_answer_still_prints_the_key() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator);
    // Passes every check (a real answer could have six roles) but this one has one.
    let run = run(&sandbox, &["-o", "go-template={{index .Roles 5}}"]);
    assert_eq!(run.code, 1, "{run:?}");
    let private_key = key(&emulator)["privateKey"].as_str().unwrap().to_string();
    assert!(
        run.stdout.contains(&private_key),
        "the key must be on stdout: {run:?}"
    );
    assert!(
        run.stderr.starts_with(
            "Error: template: output:1:2: executing \"output\" at <index .Roles 5>: \
             error calling index: index out of range: 5"
        ),
        "{}",
        run.stderr
    );
}
