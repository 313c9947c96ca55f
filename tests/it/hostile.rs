//! Hostile plugins are contained: each attack ends in a clear error naming the plugin, exit 1,
//! nothing sent when the request is refused, and the next command works normally.

use crate::support::*;

mod files;
mod identity;
mod input;
mod resources;
mod terminal;

const LABEL: &str = "hostile.wasm";

/// A sandbox with the real create plugin and the hostile one, against a fresh emulator.
fn setup() -> (Sandbox, Emulator) {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    std::fs::copy(hostile_wasm(None), sandbox.plugins_dir().join(LABEL)).unwrap();
    sandbox
        .against(&emulator)
        .env("ATLAS_CLI_PLUGIN_TIMEOUT_MS", "500");
    (sandbox, emulator)
}

/// The real command still works in the same sandbox after the attack.
fn next_command_works(sandbox: &Sandbox) {
    let run = sandbox.run(&["organizations", "apiKeys", "create", "--orgId", "x"]);
    assert_eq!(
        run.stderr,
        "Error: the provided value 'x' is not a valid ID\n"
    );
}

fn attack(sandbox: &Sandbox, name: &str) -> Run {
    sandbox.run(&["hostile", name])
}

fn assert_contained(run: &Run, function: &str, needle: &str) {
    assert_eq!(run.code, 1, "{run:?}");
    let prefix = format!("Error: plugin {LABEL}: ");
    assert!(run.stderr.starts_with(&prefix), "{}", run.stderr);
    assert!(run.stderr.contains(function), "{}", run.stderr);
    assert!(
        run.stderr.contains(needle),
        "wanted {needle:?} in {}",
        run.stderr
    );
    assert!(
        run.stderr.len() < 4096,
        "errors stay short: {} bytes",
        run.stderr.len()
    );
}

#[test]
fn endless_loop_is_stopped_by_the_time_limit() {
    let (sandbox, emulator) = setup();
    let run = attack(&sandbox, "loop");
    assert_contained(
        &run,
        "`plan` failed",
        "the plugin ran past its time limit of 500ms",
    );
    assert!(emulator.requests().is_empty());
    next_command_works(&sandbox);
}

#[test]
fn memory_bomb_is_stopped_by_the_memory_cap() {
    let (mut sandbox, emulator) = setup();
    sandbox.env("ATLAS_CLI_PLUGIN_MEMORY_MIB", "32");
    let run = attack(&sandbox, "oom");
    assert_contained(
        &run,
        "`plan` failed",
        "the plugin ran out of its memory limit",
    );
    assert!(emulator.requests().is_empty());
    next_command_works(&sandbox);
}

#[test]
fn panic_is_a_crash_report_not_a_host_crash() {
    let (sandbox, _emulator) = setup();
    let run = attack(&sandbox, "panic");
    assert_contained(&run, "`plan` failed", "the plugin crashed");
    next_command_works(&sandbox);
}

#[test]
fn gigantic_and_invalid_outputs_are_refused() {
    let (sandbox, emulator) = setup();
    assert_contained(
        &attack(&sandbox, "big"),
        "`plan` returned invalid output",
        "-byte limit",
    );
    assert_contained(
        &attack(&sandbox, "badjson"),
        "`plan` returned invalid output",
        "key must be a string",
    );
    assert!(emulator.requests().is_empty());
    next_command_works(&sandbox);
}

#[test]
fn requests_aimed_off_the_base_url_are_refused_before_sending() {
    let (sandbox, emulator) = setup();
    for name in ["abs-url", "other-host", "scheme", "dotdot"] {
        let run = attack(&sandbox, name);
        assert_contained(&run, "refused the request path", "");
    }
    assert!(emulator.requests().is_empty(), "{:?}", emulator.requests());
    next_command_works(&sandbox);
}

#[test]
fn credential_and_host_headers_from_a_plugin_are_refused() {
    let (sandbox, emulator) = setup();
    for (name, header) in [
        ("header-auth", "Authorization"),
        ("header-cookie", "Cookie"),
        ("header-host", "Host"),
    ] {
        let run = attack(&sandbox, name);
        assert_contained(
            &run,
            &format!("refused the request header \"{header}\""),
            "",
        );
        assert!(
            !run.stderr.contains("stolen") && !run.stderr.contains("evil.example"),
            "{}",
            run.stderr
        );
    }
    assert!(emulator.requests().is_empty());
}

#[test]
fn terminal_escapes_never_reach_the_terminal() {
    let (sandbox, emulator) = setup();
    let run = attack(&sandbox, "escape-error");
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "Error: ]2;pwned[31mred[0m and 2J done\n");
    let run = attack(&sandbox, "escape-output");
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "]2;pwned[2Jclean\n"),
        "{run:?}"
    );
    assert_eq!(
        emulator.requests().len(),
        2,
        "a GET, challenged then answered"
    );
}

#[test]
fn a_file_the_user_did_not_name_is_refused() {
    let (sandbox, _emulator) = setup();
    let run = attack(&sandbox, "file");
    assert_contained(
        &run,
        "refused to read \"/etc/passwd\"",
        "the user did not name that file",
    );
    assert!(!run.stderr.contains("root:"));
    next_command_works(&sandbox);
}

#[test]
fn plugin_inputs_never_contain_credentials() {
    let secrets = [
        "spy-private-key-123",
        "spy-access-token-456",
        "spy-client-secret-789",
        "spy-refresh-token-0",
    ];
    let (mut sandbox, _emulator) = setup();
    sandbox.config(&format!(
        "version = 2\n[default]\npublic_api_key = \"spypub\"\nprivate_api_key = \"{}\"\naccess_token = \"{}\"\nclient_id = \"mdb_sa_id_spy\"\nclient_secret = \"{}\"\nrefresh_token = \"{}\"\norg_id = \"{ORG}\"\n",
        secrets[0], secrets[1], secrets[2], secrets[3]
    ));
    let spies = [
        sandbox.run(&["hostile", "spy"]),
        sandbox
            .env("MONGODB_ATLAS_PRIVATE_API_KEY", secrets[0])
            .run(&["hostile", "spy", "-P", "default"]),
    ];
    for run in &spies {
        assert!(run.stderr.contains("SPY {"), "{run:?}");
        assert!(
            run.stderr.contains(ORG),
            "the spy does see settings: {}",
            run.stderr
        );
        for secret in secrets.iter().chain([&PRIVATE_KEY, &"spypub"]) {
            assert!(
                !run.stderr.contains(secret),
                "{secret} reached the plugin: {}",
                run.stderr
            );
        }
    }
    let (mut sandbox, emulator) = setup();
    let run = sandbox
        .env("MONGODB_ATLAS_ORG_ID", ORG)
        .run(&["hostile", "spy-render"]);
    assert!(run.stdout.starts_with("SPY {"), "{run:?}");
    assert!(
        !run.stdout.contains(PRIVATE_KEY) && !run.stdout.to_lowercase().contains("authorization")
    );
    let sent = emulator.requests();
    assert!(
        sent[1]
            .header("authorization")
            .unwrap()
            .starts_with("Digest username=\"abcdefgh\"")
    );
}

fn variant_sandbox(feature: &str) -> (Sandbox, String) {
    let sandbox = Sandbox::new();
    let label = format!("hostile-{feature}.wasm");
    std::fs::copy(
        hostile_wasm(Some(feature)),
        sandbox.plugins_dir().join(&label),
    )
    .unwrap();
    (sandbox, label)
}

#[test]
fn plugins_for_another_abi_are_skipped_naming_the_side_to_upgrade() {
    for (feature, plugin_abi, advice) in [
        ("abi-next", 3, "upgrade atlas to run this plugin"),
        ("abi-old", 0, "rebuild or upgrade the plugin for this atlas"),
    ] {
        let (sandbox, label) = variant_sandbox(feature);
        let run = sandbox.run(&["organizations", "apiKeys", "create", "--orgId", "x"]);
        let want = format!(
            "warning: skipping a plugin: plugin {label} speaks plugin ABI {plugin_abi}, this atlas speaks ABI 1 to 2\nhelp: {advice}\n"
        );
        assert!(run.stderr.starts_with(&want), "{}", run.stderr);
        assert!(
            run.stderr
                .ends_with("Error: the provided value 'x' is not a valid ID\n")
        );
        let path = sandbox.plugins_dir().join(&label);
        let install = sandbox.run(&["plugin", "install", path.to_str().unwrap()]);
        assert_eq!(install.code, 1);
        assert!(install.stderr.contains(advice), "{}", install.stderr);
    }
}

#[test]
fn a_plugin_without_render_is_refused_before_its_request_is_sent() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let (mut sandbox, label) = variant_sandbox("no-render");
    let run = sandbox.against(&emulator).run(&["hostile-norender", "run"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!("Error: plugin {label}: `render` failed: the plugin does not export it\n")
    );
    assert!(emulator.requests().is_empty());
}

#[test]
fn claims_on_built_in_or_taken_commands_are_ignored() {
    let (sandbox, label) = variant_sandbox("claims-builtin");
    let run = sandbox.run(&["plugin", "list"]);
    assert_eq!(run.code, 0, "the built-in still runs: {run:?}");
    assert!(run.stderr.contains(&format!(
        "plugin {label}: ignoring command \"plugin install\": \"plugin\" is a built-in command"
    )));
    assert!(
        run.stderr
            .contains(&format!("plugin {label}: ignoring command \"help\""))
    );
    let (sandbox, label) = variant_sandbox("claims-taken");
    let run = sandbox.run(&["organizations", "apiKeys", "create", "--orgId", "x"]);
    assert!(run.stderr.contains(&format!(
        "plugin {label}: ignoring command \"organizations apiKeys create\""
    )));
    assert!(
        run.stderr
            .ends_with("Error: the provided value 'x' is not a valid ID\n"),
        "the real plugin still answers"
    );
}
