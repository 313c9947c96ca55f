//! The command tree comes from plugins: help, unknown commands, discovery order and duplicates.

use crate::support::*;

#[test]
fn help_lists_the_commands_plugins_declare() {
    let run = Sandbox::new().run(&["--help"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("organizations"), "{}", run.stdout);
    let run = Sandbox::new().run(&["orgs", "apikeys", "create", "--help"]);
    assert_eq!(run.code, 0, "{run:?}");
    for text in [
        "MongoDB returns the private API key only once.",
        "--desc",
        "--role",
        "--orgId",
        "-o, --output",
        "-P, --profile",
        "atlas organizations apiKeys create --role ORG_OWNER --desc \"My API Key\" --orgId 5a1b39eec902201990f12345 --output json",
    ] {
        assert!(
            run.stdout.contains(text),
            "missing {text:?} in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn unknown_command_says_so_and_suggests_the_nearest() {
    let run = Sandbox::new().run(&["organisations"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        // cobra's suggestions end in a newline, and the Go CLI's `PrintErrln` adds one.
        "Error: unknown command \"organisations\" for \"atlas\"\n\nDid you mean this?\n\torganizations\n\n"
    );
}

#[test]
fn without_plugins_it_says_where_it_looked() {
    let sandbox = Sandbox::empty();
    let run = sandbox.run(&["organizations"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("help: no plugins were found; searched: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&sandbox.plugins_dir().display().to_string())
    );
}

/// The same module with a custom section appended: valid wasm, different bytes.
fn variant(wasm: &std::path::Path, tag: &str) -> Vec<u8> {
    let mut bytes = std::fs::read(wasm).unwrap();
    let name = b"atlas-test";
    let payload = tag.as_bytes();
    let size = 1 + name.len() + payload.len();
    assert!(size < 128, "one-byte LEB128 sizes only");
    bytes.extend([0u8, size as u8, name.len() as u8]);
    bytes.extend(name);
    bytes.extend(payload);
    bytes
}

#[test]
fn a_duplicate_command_keeps_the_first_in_search_order_with_a_warning() {
    let sandbox = Sandbox::new();
    let copy = sandbox.dir.path().join("copy.wasm");
    std::fs::write(&copy, variant(&create_wasm(), "copy")).unwrap();
    let install = sandbox.run(&["plugin", "install", copy.to_str().unwrap()]);
    assert_eq!(install.code, 0, "{install:?}");
    let run = sandbox.run(&["orgs", "apikeys", "create", "--orgId", "x"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "warning: plugin apikeys-create.wasm: ignoring command \"organizations apiKeys create\": "
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&sandbox.plugins_dir().display().to_string()),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("Error: the provided value 'x' is not a valid ID\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn identical_copies_of_a_plugin_are_not_a_conflict() {
    let sandbox = Sandbox::new();
    std::fs::copy(create_wasm(), sandbox.plugins_dir().join("again.wasm")).unwrap();
    let run = sandbox.run(&["orgs", "apikeys", "create", "--orgId", "x"]);
    assert_eq!(
        run.stderr,
        "Error: the provided value 'x' is not a valid ID\n"
    );
}

#[test]
fn a_broken_plugin_is_skipped_with_a_warning_naming_it() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.plugins_dir().join("broken.wasm"),
        b"\0asm not really",
    )
    .unwrap();
    let run = sandbox.run(&["orgs", "apikeys", "create", "--orgId", "x"]);
    assert!(
        run.stderr
            .starts_with("warning: skipping a plugin: plugin broken.wasm: could not load it: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("Error: the provided value 'x' is not a valid ID\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn plugins_bundled_beside_the_binary_are_found() {
    let mut sandbox = Sandbox::empty();
    let bundled = sandbox.bundled_dir();
    std::fs::copy(create_wasm(), bundled.join("create.wasm")).unwrap();
    let run = sandbox.env("ATLAS_CLI_EXTRA_PLUGIN_DIRECTORY", "").run(&[
        "organizations",
        "apiKeys",
        "create",
        "--orgId",
        "x",
    ]);
    assert_eq!(
        run.stderr,
        "Error: the provided value 'x' is not a valid ID\n"
    );
}
