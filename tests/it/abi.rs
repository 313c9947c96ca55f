//! The plugin ABI's version range and what version 2 added, through the real binary, the test
//! plugin `tests/plugins/confirm` (built as an ABI 2 plugin and, with `abi-1`, as an ABI 1 one)
//! and the emulator: each plugin is spoken to in its own version, the confirm step asks on a
//! terminal (a pseudo-terminal here) and never deletes without one, positional-argument counts
//! are the host's with the Go CLI's wording, and groups are listed with their text.

use std::path::PathBuf;

use atlas_cli::runtime::{Limits, Runtime, RuntimeKind};
use serde_json::Value;

use crate::support::*;

fn confirm_wasm(abi_1: bool) -> PathBuf {
    test_wasm("atlas-confirm-plugin", abi_1.then_some("abi-1"))
}

/// A sandbox with the confirm plugin (as `confirm.wasm`), against `emulator`, and one key made
/// there; returns the key's id.
fn setup(emulator: &Emulator, abi_1: bool) -> (Sandbox, String) {
    let mut sandbox = Sandbox::new();
    std::fs::copy(
        confirm_wasm(abi_1),
        sandbox.plugins_dir().join("confirm.wasm"),
    )
    .unwrap();
    sandbox.against(emulator).env("MONGODB_ATLAS_ORG_ID", ORG);
    let made = sandbox.run(&[
        "organizations",
        "apiKeys",
        "create",
        "--role",
        "ORG_MEMBER",
        "--desc",
        "d",
        "-o",
        "json",
    ]);
    assert_eq!(made.code, 0, "{made:?}");
    let key: Value = serde_json::from_str(&made.stdout).unwrap();
    (sandbox, key["id"].as_str().unwrap().to_string())
}

/// Requests other than the setup's create (both Digest legs).
fn requests_after_setup(emulator: &Emulator) -> Vec<(String, String, u16)> {
    exchanges(emulator).into_iter().skip(2).collect()
}

#[test]
fn an_abi_1_plugin_runs_unchanged_and_is_spoken_to_in_abi_1() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let (sandbox, id) = setup(&emulator, true);
    // The plugin refuses an invocation in any version but the one it declared.
    let run = sandbox.run(&["confirm", "delete", &id, "--force"]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, format!("API Key '{id}' deleted\n").as_str(), "")
    );
    assert!(emulator.api_keys(ORG).is_empty());
}

#[test]
fn an_abi_1_plugin_that_asks_to_confirm_is_refused_before_any_request() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let (sandbox, id) = setup(&emulator, true);
    for run in [
        sandbox.run(&["confirm", "delete", &id]),
        sandbox.run_on_terminal(&["confirm", "delete", &id], "y\n"),
    ] {
        assert_eq!(run.code, 1, "{run:?}");
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(
            all.contains(
                "refused to ask for confirmation: that needs plugin ABI 2, and it declared 1"
            ),
            "{run:?}"
        );
        assert!(!all.contains("(y/N)"), "never asked: {run:?}");
    }
    assert_eq!(requests_after_setup(&emulator), vec![]);
    assert_eq!(emulator.api_keys(ORG).len(), 1);
}

#[test]
fn without_a_terminal_nothing_is_deleted_and_the_error_says_to_pass_force() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let (sandbox, id) = setup(&emulator, false);
    let run = sandbox.run(&["confirm", "delete", &id]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "Error: cannot ask \"Are you sure you want to delete: {id}\" without a terminal, so nothing was done\nhelp: pass --force to go ahead without being asked\n"
        )
    );
    assert_eq!(requests_after_setup(&emulator), vec![]);
    assert_eq!(emulator.api_keys(ORG).len(), 1);
    let forced = sandbox.run(&["confirm", "delete", &id, "--force"]);
    assert_eq!(
        forced.stdout,
        format!("API Key '{id}' deleted\n"),
        "{forced:?}"
    );
    assert!(emulator.api_keys(ORG).is_empty());
}

#[test]
fn on_a_terminal_no_keeps_the_key_and_prints_the_plugins_text() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let (sandbox, id) = setup(&emulator, false);
    for typed in ["n\n", "\n", "nope\n", ""] {
        let run = sandbox.run_on_terminal(&["confirm", "delete", &id], typed);
        assert_eq!(run.code, 0, "{typed:?}: {run:?}");
        let question = format!("? Are you sure you want to delete: {id} (y/N) ");
        assert!(run.stdout.starts_with(&question), "{typed:?}: {run:?}");
        assert!(
            run.stdout.ends_with("API Key not deleted\n"),
            "{typed:?}: {run:?}"
        );
        assert!(!run.stdout.contains("Error"), "{typed:?}: {run:?}");
    }
    assert_eq!(requests_after_setup(&emulator), vec![]);
    assert_eq!(emulator.api_keys(ORG).len(), 1);
}

#[test]
fn on_a_terminal_yes_deletes_the_key() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let (sandbox, id) = setup(&emulator, false);
    let run = sandbox.run_on_terminal(&["confirm", "delete", &id], "y\n");
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with(&format!(
            "? Are you sure you want to delete: {id} (y/N) y\n"
        )),
        "{run:?}"
    );
    assert!(
        run.stdout.ends_with(&format!("API Key '{id}' deleted\n")),
        "{run:?}"
    );
    let path = format!("{}/{id}", create_path());
    let sent: Vec<_> = requests_after_setup(&emulator)
        .into_iter()
        .filter(|(_, _, status)| *status != 401)
        .collect();
    assert_eq!(sent, vec![("DELETE".to_string(), path, 204)]);
    assert!(emulator.api_keys(ORG).is_empty());
}

#[test]
fn a_plugin_that_asks_again_after_a_yes_is_stopped_before_any_request() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let (sandbox, id) = setup(&emulator, false);
    let run = sandbox.run_on_terminal(&["confirm", "again", &id], "yes\n");
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("it asked to confirm twice"), "{run:?}");
    assert_eq!(requests_after_setup(&emulator), vec![]);
}

#[test]
fn argument_counts_are_checked_with_go_wording_before_the_plugin_runs() {
    let sandbox = Sandbox::empty();
    sandbox.add_plugin(&confirm_wasm(false));
    // No org ID anywhere: the plugin would say so, but the count comes first.
    for (args, received) in [
        (&["confirm", "delete"][..], 0),
        (&["confirms", "delete", "a", "b"], 2),
    ] {
        let run = sandbox.run(args);
        assert_eq!(run.code, 1, "{args:?}");
        assert_eq!(
            run.stderr,
            format!(
                "Error: \"atlas confirm delete\" requires 1 argument, received {received}\n\nUsage:  atlas confirm delete <ID> [flags]\n"
            ),
            "{args:?}"
        );
    }
    let run = sandbox.run(&["confirm", "delete", "x"]);
    assert_eq!(run.stderr, "Error: required flag(s) \"orgId\" not set\n");
}

#[test]
fn groups_are_listed_with_the_text_a_plugin_gives_them() {
    let sandbox = Sandbox::new();
    sandbox.add_plugin(&confirm_wasm(false));
    let root = sandbox.run(&["--help"]);
    assert_eq!(root.code, 0, "{root:?}");
    let line = root
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("confirm "))
        .unwrap_or_else(|| panic!("{}", root.stdout));
    assert!(
        line.contains("Test commands that ask before they act."),
        "{line}"
    );
    let group = sandbox.run(&["confirms", "--help"]);
    assert!(
        group
            .stdout
            .starts_with("Test commands that ask before they act."),
        "{group:?}"
    );
    assert!(
        group
            .stdout
            .contains("Remove the specified API key, after asking."),
        "{group:?}"
    );
}

/// `tests/plugins/confirm/vectors-v*.json` through both runtimes (the Python and Node SDK tests
/// run the same files).
#[test]
fn the_confirm_plugins_vectors_hold_in_both_runtimes() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/plugins/confirm");
    for (file, abi_1) in [("vectors-v1.json", true), ("vectors-v2.json", false)] {
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        for kind in [RuntimeKind::Fast, RuntimeKind::Extism] {
            let mut plugin =
                Runtime::new(Limits::default(), Some(&shared_cache().join("atlascli")))
                    .with_kind(kind)
                    .load("confirm.wasm", &confirm_wasm(abi_1))
                    .unwrap();
            for v in doc["vectors"].as_array().unwrap() {
                let got: Value = plugin
                    .call(v["function"].as_str().unwrap(), &v["input"])
                    .unwrap();
                assert_eq!(got, v["output"], "{file} {kind:?}: {}", v["name"]);
            }
        }
    }
}
