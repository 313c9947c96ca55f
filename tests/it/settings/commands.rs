//! `atlas config set | list | describe | rename | delete` through the real binary: edits that
//! leave the rest of the file byte for byte, mode 0600, bad input refused with nothing written,
//! questions on a pseudo-terminal, and parallel `set`s that all land. `init`: [`super::init_cmd`].

use std::process::Stdio;
use std::time::Duration;

use crate::support::*;

/// A file with comments and odd spacing around everything `config` may touch.
const COMMENTED: &str = "# top comment\nversion = 2\n\n# work: the day job\n[work]   # trailing\n  # the org\n  org_id = \"5a1b39eec902201990f12345\"   # keep me\n  output = 'json'\n\n# play: weekends\n[play]\nservice = \"cloud\"\n# last words\n";

/// The permission bits of `path` (`auth login`'s tests check them too).
pub(crate) fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn set_list_describe_rename_and_delete_keep_the_rest_of_the_file_byte_for_byte() {
    let sandbox = Sandbox::empty();
    sandbox.config(COMMENTED);
    let file = sandbox.config_file();
    let ok = |args: &[&str], stdout: &str| {
        let run = sandbox.run(args);
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (0, stdout),
            "{args:?}: {run:?}"
        );
        run
    };
    ok(
        &[
            "config",
            "set",
            "-P",
            "work",
            "org_id",
            "000000000000000000000001",
        ],
        "Updated property 'org_id'\n",
    );
    ok(
        &["config", "set", "private_api_key", "s3cret", "-P", "work"],
        "Updated property 'private_api_key'\n",
    );
    ok(
        &["config", "set", "telemetry_enabled", "false"],
        "Updated property 'telemetry_enabled'\n",
    );
    let expected = COMMENTED
        .replace("5a1b39eec902201990f12345", "000000000000000000000001")
        .replace("'json'\n", "'json'\nprivate_api_key = \"s3cret\"\n")
        .replace("version = 2\n", "version = 2\ntelemetry_enabled = false\n");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    assert_eq!(mode(&file), 0o600);
    ok(&["config", "ls"], "PROFILE NAME\nplay\nwork\n");
    // As in the Go CLI, the output setting of the profile in use applies when -o is left out.
    ok(
        &["config", "ls", "-P", "work"],
        "[\n  \"play\",\n  \"work\"\n]\n",
    );
    let table = "PROFILE NAME\nplay\nwork\n";
    ok(&["config", "ls", "-P", "work", "-o", "plaintext"], table);
    ok(
        &["config", "list", "-o", "json"],
        "[\n  \"play\",\n  \"work\"\n]\n",
    );
    let run = ok(
        &["config", "describe", "work"],
        "SETTING           VALUE\norg_id            000000000000000000000001\noutput            json\nprivate_api_key   [redacted - source: config file]\n",
    );
    assert_hidden(&run, &["s3cret"]);
    ok(
        &["config", "get", "work", "-o", "json"],
        "{\n  \"org_id\": \"000000000000000000000001\",\n  \"output\": \"json\",\n  \"private_api_key\": \"[redacted - source: config file]\"\n}\n",
    );
    ok(
        &["config", "rename", "work", "Job"],
        "The profile work was renamed to job.\n",
    );
    let renamed = expected.replace("[work]", "[job]");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), renamed);
    ok(
        &["config", "delete", "play", "--force"],
        "Profile 'play' deleted\n",
    );
    let deleted = renamed.replace("\n# play: weekends\n[play]\nservice = \"cloud\"\n", "");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), deleted);
    assert_eq!(mode(&file), 0o600);
}

#[test]
fn bad_properties_values_and_profiles_are_refused_with_nothing_written() {
    let sandbox = Sandbox::empty();
    let refused = |args: &[&str], error: &str| {
        let before = std::fs::read(sandbox.config_file()).ok();
        let run = sandbox.run(args);
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {run:?}");
        let first = run.stderr.lines().find(|l| l.starts_with("Error: "));
        assert_eq!(
            first,
            Some(format!("Error: {error}").as_str()),
            "{args:?}: {run:?}"
        );
        assert_eq!(
            std::fs::read(sandbox.config_file()).ok(),
            before,
            "{args:?} wrote"
        );
        run
    };
    let run = refused(
        &["config", "set", "nosuch", "x"],
        "invalid property: \"nosuch\"",
    );
    assert!(
        run.stderr
            .contains("help: valid properties: access_token, "),
        "{run:?}"
    );
    assert!(!sandbox.config_file().exists(), "nothing was created");
    sandbox.config(COMMENTED);
    refused(
        &["config", "set", "nosuch", "x"],
        "invalid property: \"nosuch\"",
    );
    refused(
        &["config", "set", "org_id", "42"],
        "the provided value '42' is not a valid ID",
    );
    refused(
        &["config", "set", "ops_manager_url", "http://x"],
        "'http://x' must have a trailing slash",
    );
    refused(
        &["config", "set", "version", "3"],
        "the version property cannot be set manually, it is automatically managed by the CLI",
    );
    refused(
        &["config", "set", "output", "json", "-P", "a.b"],
        "profile should not contain '.': \"a.b\"",
    );
    refused(
        &["config", "set", "org_id"],
        "\"atlas config set\" requires 2 arguments, received 1",
    );
    refused(
        &["config", "lss"],
        "unknown command \"lss\" for \"atlas config\"",
    );
    refused(
        &["config", "describe", "nope"],
        "you don't have a profile named 'nope'",
    );
    refused(
        &["config", "rename", "nope", "x"],
        "profile nope does not exist",
    );
    refused(
        &["config", "rename", "work", "a.b"],
        "profile should not contain '.': \"a.b\"",
    );
    let run = refused(
        &["config", "rename", "work", "play"],
        "there is already a profile called play",
    );
    assert!(
        run.stderr
            .contains("help: run it on a terminal to be asked"),
        "{run:?}"
    );
    refused(
        &["config", "rename", "version", "x"],
        "profile version does not exist",
    );
    refused(
        &["config", "delete", "nope", "--force"],
        "profile nope does not exist",
    );
    let run = refused(
        &["config", "delete", "work"],
        "cannot ask \"Are you sure you want to delete: work\" without a terminal, so nothing was done",
    );
    assert!(run.stderr.contains("help: pass --force"), "{run:?}");
    refused(
        &["config", "describe", "work", "-o", "yaml"],
        "unsupported output format \"yaml\"",
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.config_file()).unwrap(),
        COMMENTED
    );
}

#[test]
fn delete_and_rename_ask_on_a_terminal_and_a_no_changes_nothing() {
    let sandbox = Sandbox::empty();
    sandbox.config(COMMENTED);
    let run = sandbox.run_on_terminal(&["config", "delete", "play"], "n\n");
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("? Are you sure you want to delete: play (y/N) n\nProfile not deleted\n"),
        "{run:?}"
    );
    let question = "? There is already a profile called play.\nDo you want to replace it? (y/N) ";
    let run = sandbox.run_on_terminal(&["config", "rename", "work", "play"], "\n");
    assert!(
        run.stdout
            .contains(&format!("{question}\nProfile was not renamed.\n")),
        "{run:?}"
    );
    assert_eq!(
        std::fs::read_to_string(sandbox.config_file()).unwrap(),
        COMMENTED
    );
    let run = sandbox.run_on_terminal(&["config", "rename", "work", "play"], "y\n");
    assert!(
        run.stdout
            .contains("The profile work was renamed to play.\n"),
        "{run:?}"
    );
    let run = sandbox.run_on_terminal(&["config", "delete", "play"], "yes\n");
    assert!(run.stdout.contains("Profile 'play' deleted\n"), "{run:?}");
    assert_eq!(
        std::fs::read_to_string(sandbox.config_file()).unwrap(),
        "# top comment\nversion = 2\n# last words\n"
    );
}

#[test]
fn parallel_sets_of_different_keys_all_land() {
    let sandbox = Sandbox::empty();
    sandbox.config(COMMENTED);
    // Keys `set` knows, in two existing profiles and two new ones: each (profile, key) set by
    // its own process, all of them started before the first has finished.
    let keys = [
        "org_id",
        "project_id",
        "output",
        "service",
        "api_version",
        "public_api_key",
        "client_secret",
        "access_token",
    ];
    let profiles = ["work", "play", "new1", "new2"];
    let value = |p: usize, k: usize| format!("{:024x}", p * 100 + k + 1);
    // The test holds the file's lock (the one every atlas writer takes) while they start: none
    // may change the file until it lets go.
    let lock_path = sandbox.config_file().with_file_name(".config.toml.lock");
    let lock = std::fs::File::create(&lock_path).unwrap();
    lock.lock().unwrap();
    let mut children = Vec::new();
    for (p, profile) in profiles.iter().enumerate() {
        for (k, key) in keys.iter().enumerate() {
            let child = sandbox
                .command(&["config", "set", key, &value(p, k), "-P", profile])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            children.push(child);
        }
    }
    std::thread::sleep(Duration::from_millis(500));
    let mut running = 0;
    for child in &mut children {
        running += usize::from(child.try_wait().unwrap().is_none());
    }
    assert_eq!(
        std::fs::read_to_string(sandbox.config_file()).unwrap(),
        COMMENTED,
        "a set wrote while another process held the lock"
    );
    assert_eq!(running, children.len(), "a set finished without the lock");
    lock.unlock().unwrap();
    for child in &mut children {
        assert!(child.wait().unwrap().success());
    }
    let text = std::fs::read_to_string(sandbox.config_file()).unwrap();
    let parsed: toml::Table = text.parse().unwrap();
    for (p, profile) in profiles.iter().enumerate() {
        for (k, key) in keys.iter().enumerate() {
            assert_eq!(
                parsed[*profile][*key].as_str(),
                Some(value(p, k).as_str()),
                "{profile}.{key} was lost:\n{text}"
            );
        }
    }
    assert!(
        text.starts_with(
            "# top comment\nversion = 2\n\n# work: the day job\n[work]   # trailing\n"
        ),
        "{text}"
    );
    assert_eq!(mode(&sandbox.config_file()), 0o600);
}
