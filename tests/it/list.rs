//! `atlas organizations apiKeys list`, the second plugin, end to end: added by dropping its
//! `.wasm` beside the first (no host change), listing what `create` stored in the
//! emulator with the private keys masked as Atlas masks them, and refusing bad options before
//! any request.

use serde_json::Value;

use crate::support::*;

fn list_wasm() -> std::path::PathBuf {
    wasm("atlas_apikeys_list")
}

/// A sandbox with both plugins, pointed at `emulator`.
fn sandbox(emulator: &Emulator) -> Sandbox {
    let mut sandbox = Sandbox::new();
    sandbox.add_plugin(&list_wasm());
    sandbox.against(emulator).env("MONGODB_ATLAS_ORG_ID", ORG);
    sandbox
}

fn create(sandbox: &Sandbox, desc: &str) -> Value {
    let run = sandbox.run(&[
        "organizations",
        "apiKeys",
        "create",
        "--role",
        "ORG_READ_ONLY",
        "--desc",
        desc,
        "-o",
        "json",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    serde_json::from_str(&run.stdout).unwrap()
}

fn list(sandbox: &Sandbox, extra: &[&str]) -> Run {
    let mut args = vec!["organizations", "apiKeys", "list"];
    args.extend_from_slice(extra);
    sandbox.run(&args)
}

/// Atlas shows a private key once; a list shows `********-****-****-` and its last 12.
fn masked(private_key: &str) -> String {
    format!(
        "********-****-****-{}",
        &private_key[private_key.len() - 12..]
    )
}

#[test]
fn create_then_list_shows_the_new_key_with_its_private_key_masked() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let key = create(&sandbox, "listed");
    let private_key = key["privateKey"].as_str().unwrap();
    let run = list(&sandbox, &[]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let want = format!(
        "ID                         DESCRIPTION   PUBLIC KEY   PRIVATE KEY\n{}   listed        {}     {}\n",
        key["id"].as_str().unwrap(),
        key["publicKey"].as_str().unwrap(),
        masked(private_key)
    );
    assert_eq!(run.stdout, want);
    assert!(!run.stdout.contains(private_key), "unmasked: {run:?}");
    let run = list(&sandbox, &["-o", "json"]);
    let page: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(page["totalCount"], 1);
    assert_eq!(page["results"][0]["id"], key["id"]);
    assert_eq!(page["results"][0]["privateKey"], masked(private_key));
}

#[test]
fn ls_with_compact_json_prints_the_results_array() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let keys = [create(&sandbox, "one"), create(&sandbox, "two")];
    let first = keys
        .iter()
        .min_by_key(|key| key["publicKey"].as_str().unwrap().to_string())
        .unwrap();
    let mut args = vec!["orgs", "apikeys", "ls", "-c", "-o", "json"];
    let run = sandbox.run(&args);
    assert_eq!(run.code, 0, "{run:?}");
    let results: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(results.as_array().map(Vec::len), Some(2), "{}", run.stdout);
    args.truncate(4);
    args.extend(["-o", "json-path=$[0].id"]);
    let run = sandbox.run(&args);
    assert_eq!(run.stdout, format!("{}\n", first["id"]));
}

#[test]
fn page_limit_and_omit_count_reach_the_server() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let keys = [create(&sandbox, "one"), create(&sandbox, "two")];
    // Atlas lists keys by public key, not in creation order.
    let second = keys
        .iter()
        .max_by_key(|key| key["publicKey"].as_str().unwrap().to_string())
        .unwrap();
    let run = list(
        &sandbox,
        &["--page", "2", "--limit", "1", "--omitCount", "-o", "json"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let page: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(page["results"][0]["id"], second["id"]);
    assert_eq!(page["results"].as_array().map(Vec::len), Some(1));
    assert!(page.get("totalCount").is_none(), "{page}");
    let last = emulator.requests().pop().unwrap();
    let want =
        format!("/api/atlas/v2/orgs/{ORG}/apiKeys?pageNum=2&itemsPerPage=1&includeCount=false");
    assert_eq!(
        (last.method.as_str(), last.path.as_str()),
        ("GET", want.as_str())
    );
}

#[test]
fn the_list_command_appears_when_its_wasm_is_added() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against(&emulator).env("MONGODB_ATLAS_ORG_ID", ORG);
    let before = list(&sandbox, &[]);
    assert_eq!(before.code, 1, "{before:?}");
    let help = sandbox.run(&["organizations", "apiKeys", "--help"]);
    assert!(!help.stdout.contains("Return all API keys"), "{help:?}");
    sandbox.add_plugin(&list_wasm());
    let help = sandbox.run(&["organizations", "apiKeys", "--help"]);
    assert!(
        help.stdout
            .contains("Return all API keys for your organization."),
        "{help:?}"
    );
    let after = list(&sandbox, &[]);
    assert_eq!(
        (after.code, after.stdout.as_str(), after.stderr.as_str()),
        (0, "ID    DESCRIPTION   PUBLIC KEY   PRIVATE KEY\n", "")
    );
}

#[test]
fn rejected_list_options_exit_1_before_any_request() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let cases: [(&[&str], &str); 5] = [
        (
            &["--limit", "0"],
            "--limit is 0\nhelp: give a limit of 1 to 500 items per page",
        ),
        (
            &["--page", "0"],
            "--page is 0\nhelp: give a page number of 1 or more",
        ),
        (
            &["extra"],
            "\"atlas organizations apiKeys list\" accepts no arguments\n\nUsage:  atlas organizations apiKeys list [flags]",
        ),
        (
            &["-o", "go-template={{.Desc}}"],
            "template: output:1:2: executing \"output\" at <.Desc>: can't evaluate field Desc in type *admin.PaginatedApiApiUser",
        ),
        (
            &["--orgId", "nope"],
            "the provided value 'nope' is not a valid ID",
        ),
    ];
    for (args, message) in cases {
        let run = list(&sandbox, args);
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (1, "", format!("Error: {message}\n").as_str()),
            "{args:?}"
        );
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
}

#[test]
fn an_api_error_is_printed_as_the_go_cli_prints_it() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = sandbox(&emulator);
    sandbox.env("MONGODB_ATLAS_PRIVATE_API_KEY", "not-the-key");
    let run = list(&sandbox, &[]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("Error: unauthorized\n\nTo log in using your Atlas username"),
        "{}",
        run.stderr
    );
}
