//! `atlas config init | set | list | describe | rename | delete` through the real binary: init on
//! a pseudo-terminal (util-linux `script`) and from a script's stdin, then a key created against
//! the emulator with only the file it wrote; edits that leave the rest of the file byte for byte,
//! mode 0600, bad input refused with nothing written, and parallel `set`s that all land.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::*;

const PROJECT: &str = "5e2211c17a3e5a48f5497de3";

/// A file with comments and odd spacing around everything `config` may touch.
const COMMENTED: &str = "# top comment\nversion = 2\n\n# work: the day job\n[work]   # trailing\n  # the org\n  org_id = \"5a1b39eec902201990f12345\"   # keep me\n  output = 'json'\n\n# play: weekends\n[play]\nservice = \"cloud\"\n# last words\n";

fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Runs `atlas args` on a pseudo-terminal, typing each answer once its question shows; returns
/// the exit code and what the terminal showed (typed text that was echoed included).
fn converse(sandbox: &Sandbox, args: &[&str], script: &[(&str, &str)]) -> (i32, String) {
    let template = sandbox.command(args);
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut line = vec![quote(&template.get_program().to_string_lossy())];
    line.extend(args.iter().map(|a| quote(a)));
    let mut cmd = Command::new("timeout");
    cmd.args(["30", "script", "-qec", &line.join(" "), "/dev/null"])
        .env_clear()
        .envs(
            template
                .get_envs()
                .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned()))),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().expect("util-linux `script` runs");
    let shown = Arc::new(Mutex::new(Vec::new()));
    let mut out = child.stdout.take().unwrap();
    let reader = {
        let shown = Arc::clone(&shown);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = out.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                shown.lock().unwrap().extend_from_slice(&chunk[..n]);
            }
        })
    };
    let mut stdin = child.stdin.take().unwrap();
    let mut seen = 0;
    for (question, answer) in script {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = String::from_utf8_lossy(&shown.lock().unwrap()).to_string();
            if let Some(at) = text[seen..].find(question) {
                seen += at + question.len();
                break;
            }
            assert!(
                Instant::now() < deadline && child.try_wait().unwrap().is_none(),
                "{question:?} was never asked; the terminal showed:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        stdin.write_all(format!("{answer}\n").as_bytes()).unwrap();
    }
    let status = child.wait().unwrap();
    drop(stdin);
    reader.join().unwrap();
    let text = String::from_utf8(shown.lock().unwrap().clone()).unwrap();
    (status.code().unwrap_or(-1), text.replace("\r\n", "\n"))
}

/// Runs `atlas args` with `input` on its stdin (no terminal).
fn piped(sandbox: &Sandbox, args: &[&str], input: &str) -> Run {
    let mut child = sandbox
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    Run::from(child.wait_with_output().unwrap())
}

/// Points the profile at the emulator with `config set`, then creates a key with nothing but
/// the config file: no credential or URL in the environment.
fn create_with_the_file_alone(sandbox: &Sandbox, emulator: &Emulator) {
    let url = format!("{}/", emulator.base_url());
    let run = sandbox.run(&["config", "set", "ops_manager_url", &url]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "Updated property 'ops_manager_url'\n", "")
    );
    let run = sandbox.run(&[
        "organizations",
        "apiKeys",
        "create",
        "--role",
        "ORG_OWNER",
        "--desc",
        "from config init",
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let keys = emulator.api_keys(ORG);
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["desc"], "from config init");
    assert!(
        run.stdout.contains(keys[0]["privateKey"].as_str().unwrap()),
        "{run:?}"
    );
}

#[test]
fn init_on_a_terminal_hides_the_private_key_and_its_profile_creates_a_key() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = Sandbox::new();
    let (code, shown) = converse(
        &sandbox,
        &["config", "init"],
        &[
            ("? Public API Key: [? for help] ", "?"),
            ("? Public API Key: [? for help] ", PUBLIC_KEY),
            ("? Private API Key: [? for help] ", PRIVATE_KEY),
            ("? Default Org ID: [? for help] ", "not-an-id"),
            (
                "X Sorry, your reply was invalid: the provided value 'not-an-id' is not a valid ID",
                ORG,
            ),
            ("? Default Project ID: [? for help] ", ""),
            ("? Default Output Format: [? for help] (plaintext) ", "json"),
        ],
    );
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.starts_with("Command \"init\" is deprecated, Please use the 'atlas auth login' command instead.\nYou are configuring a profile for atlas.\n"),
        "{shown}"
    );
    assert!(shown.contains("? Please provide your API keys."), "{shown}");
    assert!(
        shown.contains(PUBLIC_KEY),
        "the public key is echoed: {shown}"
    );
    assert!(
        !shown.contains(PRIVATE_KEY),
        "the private key was echoed: {shown}"
    );
    assert!(
        shown.ends_with("\nYou have successfully configured your profile.\nYou can use [atlas config set] to change your profile settings later.\n"),
        "{shown}"
    );
    let file = sandbox.config_file();
    assert_eq!(mode(&file), 0o600);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!(
            "version = 2\n\n[default]\nservice = \"cloud\"\nauth_type = \"api_keys\"\npublic_api_key = \"{PUBLIC_KEY}\"\nprivate_api_key = \"{PRIVATE_KEY}\"\norg_id = \"{ORG}\"\noutput = \"json\"\n"
        )
    );
    create_with_the_file_alone(&sandbox, &emulator);
}

#[test]
fn init_without_a_terminal_reads_one_answer_a_line_and_its_profile_creates_a_key() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = Sandbox::new();
    let answers = format!("{PUBLIC_KEY}\n{PRIVATE_KEY}\n{ORG}\n{PROJECT}\n\n");
    let run = piped(
        &sandbox,
        &["config", "init", "--gov", "-P", "Work"],
        &answers,
    );
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            0,
            "Command \"init\" is deprecated, Please use the 'atlas auth login' command instead.\n"
        ),
        "{run:?}"
    );
    assert_eq!(
        run.stdout,
        "\nYou have successfully configured your profile.\nYou can use [atlas config set] to change your profile settings later.\nTo use this profile, you must set the flag [-P work] for every command.\n"
    );
    assert_hidden(&run, &[PRIVATE_KEY, PUBLIC_KEY]);
    let text = std::fs::read_to_string(sandbox.config_file()).unwrap();
    assert_eq!(
        text,
        format!(
            "version = 2\n\n[work]\nservice = \"cloudgov\"\nauth_type = \"api_keys\"\npublic_api_key = \"{PUBLIC_KEY}\"\nprivate_api_key = \"{PRIVATE_KEY}\"\norg_id = \"{ORG}\"\nproject_id = \"{PROJECT}\"\noutput = \"plaintext\"\n"
        )
    );
    // The only profile is the one used; cloudgov is replaced by the emulator's URL.
    create_with_the_file_alone(&sandbox, &emulator);
    // Run again, every answer empty: the current values are kept, the file is unchanged.
    let run = piped(&sandbox, &["config", "init", "--gov", "-P", "work"], "");
    assert_eq!(run.code, 0, "{run:?}");
    let again = std::fs::read_to_string(sandbox.config_file()).unwrap();
    let url_line = format!("ops_manager_url = \"{}/\"\n", emulator.base_url());
    assert_eq!(again, text + &url_line);
}

#[test]
fn init_without_a_terminal_refuses_a_bad_answer_and_writes_nothing() {
    let sandbox = Sandbox::new();
    let run = piped(&sandbox, &["config", "init"], "k\ns\n12345\n");
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .ends_with("Error: the provided value '12345' is not a valid ID\n"),
        "{run:?}"
    );
    assert!(!sandbox.config_file().exists());
    let run = piped(&sandbox, &["config", "init"], "k\ns\n\n\nyaml\n");
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .ends_with("Error: 'yaml' is not an output format: choose plaintext or json\n"),
        "{run:?}"
    );
    assert!(!sandbox.config_file().exists());
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
        "\"atlas config set\" accepts 2 arg(s), received 1",
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
