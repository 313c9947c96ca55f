//! `atlas auth login | logout | whoami` end to end: the real binary against the emulator's device
//! flow, by flags and stdin (scripts) and on a pseudo-terminal (util-linux `script`), then the
//! saved credentials used for a created key; and every refusal writing nothing.

use std::time::Duration;

use atlas_emulator::REFRESH_PATH;

use crate::settings::commands::mode;
use crate::settings::keyring::SecretService;
use crate::support::*;

const USER: &str = "dev@example.com";

/// A sandbox aimed at `emulator` with no credentials at all.
fn sandbox(emulator: &Emulator) -> Sandbox {
    let mut sandbox = Sandbox::new();
    sandbox.against_url(emulator);
    sandbox
}

/// Approves the first device code that waits, once `atlas` asked for one; the code.
fn approve_when_asked(emulator: &Emulator, running: &mut Running) -> String {
    running.wait_for(|_| !emulator.waiting_device_codes().is_empty());
    let code = emulator.waiting_device_codes().remove(0);
    assert!(emulator.approve_device_code(&code, USER));
    code
}

fn dashed(code: &str) -> String {
    format!("{}-{}", &code[..4], &code[4..])
}

fn config_text(sandbox: &Sandbox) -> String {
    std::fs::read_to_string(sandbox.config_file()).unwrap_or_default()
}

#[test]
fn a_user_account_logs_in_by_the_device_flow_then_creates_a_key_then_logs_out() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let mut running =
        Running::start(sandbox.command(&["auth", "login", "--authType", "UserAccount"]));
    let code = approve_when_asked(&emulator, &mut running);
    let run = running.finish();
    assert_eq!(run.code, 0, "{run:?}");
    let want = format!(
        "\nTo verify your account, copy your one-time verification code:\n{}\n\nPaste the code in the browser when prompted to activate your Atlas CLI. Your code will expire after 15 minutes.\n\nTo continue, go to https://account.mongodb.com/account/connect\nSuccessfully logged in as {USER}.\n",
        dashed(&code)
    );
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str()),
        (want.as_str(), "")
    );
    let paths: Vec<_> = exchanges(&emulator)
        .into_iter()
        .map(|(_, p, s)| (p, s))
        .collect();
    assert_eq!(
        paths[0],
        ("/api/private/unauth/account/device/authorize".into(), 200)
    );
    assert_eq!(paths.last().unwrap(), &(REFRESH_PATH.to_string(), 200));
    let saved: toml::Table = config_text(&sandbox).parse().unwrap();
    let profile = saved["default"].as_table().unwrap();
    assert_eq!(profile["auth_type"].as_str(), Some("user_account"));
    assert_eq!(profile["service"].as_str(), Some("cloud"));
    let access = profile["access_token"].as_str().unwrap().to_string();
    let refresh = profile["refresh_token"].as_str().unwrap().to_string();
    assert_hidden(&run, &[&access, &refresh]);
    assert_eq!(mode(&sandbox.config_file()), 0o600);

    let created = sandbox.run(SEED);
    assert_eq!(created.code, 0, "{created:?}");
    assert_eq!(emulator.api_keys(ORG).len(), 1);
    let last = emulator.requests().pop().unwrap();
    assert_eq!(
        last.header("authorization"),
        Some(format!("Bearer {access}").as_str())
    );

    let who = sandbox.run(&["auth", "whoami"]);
    assert_eq!(
        (who.code, who.stdout.as_str()),
        (0, "Logged in as dev@example.com account\n"),
        "{who:?}"
    );

    let out = sandbox.run(&["auth", "logout", "--force"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "Successfully logged out of 'default'\n"),
        "{out:?}"
    );
    let revoke = emulator.requests().pop().unwrap();
    assert_eq!(
        (revoke.path.as_str(), revoke.status),
        ("/api/private/unauth/account/device/revoke", 200)
    );
    assert!(
        revoke.body.contains("token_type_hint=refresh_token"),
        "{}",
        revoke.body
    );
    assert!(
        !config_text(&sandbox).contains("[default]"),
        "{}",
        config_text(&sandbox)
    );

    let refused = sandbox.run(SEED);
    assert_eq!(refused.code, 1, "{refused:?}");
    assert!(
        refused.stderr.contains("run: atlas auth login"),
        "{refused:?}"
    );
    let who = sandbox.run(&["auth", "whoami"]);
    assert_eq!(who.code, 1);
    assert!(
        who.stderr
            .contains("not logged in with an Atlas account, Service Account or API key"),
        "{who:?}"
    );
}

#[test]
fn api_keys_from_a_flag_and_stdin_are_saved_and_used() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let login = [
        "auth",
        "login",
        "--authType",
        "APIKeys",
        "--publicApiKey",
        PUBLIC_KEY,
        "-P",
        "work",
    ];
    let run = sandbox.run_with_stdin(&login, &format!("{PRIVATE_KEY}\n"));
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "To use this profile, you must set the flag [-P work] for every command.\n"
    );
    assert_hidden(&run, &[PRIVATE_KEY]);
    assert!(
        emulator.requests().is_empty(),
        "a login with keys sends nothing"
    );
    let saved: toml::Table = config_text(&sandbox).parse().unwrap();
    let work = saved["work"].as_table().unwrap();
    assert_eq!(work["auth_type"].as_str(), Some("api_keys"));
    assert_eq!(work["private_api_key"].as_str(), Some(PRIVATE_KEY));
    let created = sandbox.run(&[SEED, &["-P", "work"]].concat());
    assert_eq!(created.code, 0, "{created:?}");
    let who = sandbox.run(&["auth", "whoami", "-P", "work"]);
    assert_eq!(who.stdout, "Logged in as abcdefgh key\n", "{who:?}");
}

#[test]
fn on_a_terminal_login_asks_the_type_and_the_private_key_without_echo_as_survey_does() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let mut running = Running::start(on_terminal(&sandbox.command(&["auth", "login"])));
    running.wait_for(|r| r.shown().contains("Choose 1-3 [1]: "));
    running.type_text("3\n");
    running.wait_for(|r| r.shown().contains("Public API Key: "));
    running.type_text(&format!("{PUBLIC_KEY}\n"));
    running.wait_for(|r| r.shown().contains("Private API Key: "));
    running.type_text("?\n");
    running.wait_for(|r| r.shown().contains("? Please provide your API keys."));
    running.type_text(&format!("{PRIVATE_KEY}\n"));
    let run = running.finish();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout
            .matches("? Private API Key: [? for help] ")
            .count(),
        2,
        "asked again after the help: {run:?}"
    );
    assert!(run.stdout.contains("? Select authentication type:\n  1) UserAccount (best for getting started)\n  2) ServiceAccount (best for automation)\n  3) APIKeys (for existing automations)\n"), "{run:?}");
    assert!(
        run.stdout
            .contains("You are configuring a profile for atlas."),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains(&format!("? Public API Key: [? for help] {PUBLIC_KEY}")),
        "the public key is echoed: {run:?}"
    );
    assert_hidden(&run, &[PRIVATE_KEY]);
    assert!(config_text(&sandbox).contains(PRIVATE_KEY));
    let created = sandbox.run(SEED);
    assert_eq!(created.code, 0, "{created:?}");
}

#[test]
fn on_a_terminal_the_default_choice_is_a_user_account() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let mut running = Running::start(on_terminal(&sandbox.command(&[
        "auth",
        "login",
        "--noBrowser",
    ])));
    running.wait_for(|r| r.shown().contains("Choose 1-3 [1]: "));
    running.type_text("\n");
    let code = approve_when_asked(&emulator, &mut running);
    let run = running.finish();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains(&format!("one-time verification code:\n{}\n", dashed(&code))),
        "{run:?}"
    );
    assert!(
        run.stdout
            .ends_with("Successfully logged in as dev@example.com.\n"),
        "{run:?}"
    );
    assert!(config_text(&sandbox).contains("auth_type = \"user_account\""));
}

#[test]
fn an_unknown_auth_type_is_refused_before_any_request_and_nothing_is_written() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let run = sandbox.run(&["auth", "login", "--authType", "password"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stderr,
        "Error: unknown authentication type \"password\"\nhelp: choose UserAccount, ServiceAccount or APIKeys\n"
    );
    assert!(emulator.requests().is_empty());
    assert!(!sandbox.config_file().exists());
    let run = sandbox.run(&["auth", "login"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("cannot ask for the authentication type without a terminal"),
        "{run:?}"
    );
    assert!(emulator.requests().is_empty() && !sandbox.config_file().exists());
}

#[test]
fn a_declined_login_fails_and_writes_nothing() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let mut running =
        Running::start(sandbox.command(&["auth", "login", "--authType", "UserAccount"]));
    running.wait_for(|_| !emulator.waiting_device_codes().is_empty());
    let code = emulator.waiting_device_codes().remove(0);
    assert!(emulator.deny_device_code(&code));
    let run = running.finish();
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.starts_with("Error: the login was declined in the browser (access_denied)\nhelp: run `atlas auth login` again"), "{run:?}");
    assert!(!sandbox.config_file().exists());
}

#[test]
fn an_expired_device_code_fails_and_writes_nothing() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.set_device_flow(1, Duration::from_secs(2));
    let sandbox = sandbox(&emulator);
    let run = sandbox.run(&["auth", "login", "--authType", "UserAccount"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("Your code will expire after 0 minutes."),
        "{run:?}"
    );
    assert!(
        run.stderr.starts_with("Error: authentication timed out"),
        "{run:?}"
    );
    assert!(!sandbox.config_file().exists());
}

#[test]
fn a_second_login_over_a_live_session_is_refused() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let tokens = emulator.issue_user_tokens(3600);
    let sandbox = sandbox(&emulator);
    let text = format!(
        "[default]\nauth_type = \"user_account\"\naccess_token = \"{}\"\nrefresh_token = \"{}\"\n",
        tokens.access_token, tokens.refresh_token
    );
    sandbox.config(&text);
    let run = sandbox.run(&["auth", "login", "--authType", "UserAccount"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.stderr,
        "Error: already authenticated with an account (user@example.com)\n\nTo log out, run: atlas auth logout\n"
    );
    assert!(emulator.requests().is_empty());
    assert_eq!(config_text(&sandbox), text);
    let run = sandbox.run(&["auth", "logout"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("pass --force"), "{run:?}");
    assert_eq!(
        config_text(&sandbox),
        text,
        "an unconfirmed logout changes nothing"
    );
}

#[test]
fn with_a_keyring_the_device_flow_tokens_go_there_and_logout_empties_it() {
    let Some(keyring) = SecretService::start() else {
        return;
    };
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = sandbox(&emulator);
    sandbox.env("DBUS_SESSION_BUS_ADDRESS", &keyring.address);
    sandbox.config("# mine\nversion = 2\n");
    let mut running =
        Running::start(sandbox.command(&["auth", "login", "--authType", "UserAccount"]));
    approve_when_asked(&emulator, &mut running);
    let run = running.finish();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let access = keyring.lookup("default", "access_token").unwrap();
    let refresh = keyring.lookup("default", "refresh_token").unwrap();
    assert!(!access.is_empty() && !refresh.is_empty());
    assert_hidden(&run, &[&access, &refresh]);
    assert_eq!(
        config_text(&sandbox),
        "# mine\nversion = 2\n\n[default]\nauth_type = \"user_account\"\nservice = \"cloud\"\n",
        "no token in the file"
    );

    let created = sandbox.run(SEED);
    assert_eq!(created.code, 0, "{created:?}");
    let last = emulator.requests().pop().unwrap();
    assert_eq!(
        last.header("authorization"),
        Some(format!("Bearer {access}").as_str()),
        "the keyring's token is the one sent"
    );

    let out = sandbox.run(&["auth", "logout", "--force"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{out:?}");
    for key in ["access_token", "refresh_token"] {
        assert_eq!(keyring.lookup("default", key).as_deref(), Some(""), "{key}");
    }
    assert_eq!(config_text(&sandbox), "# mine\nversion = 2\n");
    let who = sandbox.run(&["auth", "whoami"]);
    assert_eq!(who.code, 1, "{who:?}");
}

#[test]
fn the_login_trace_hides_the_device_code_and_the_tokens() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let sandbox = sandbox(&emulator);
    let mut running =
        Running::start(sandbox.command(&["auth", "login", "--authType", "UserAccount", "-D"]));
    approve_when_asked(&emulator, &mut running);
    let run = running.finish();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("/device/authorize"), "traced: {run:?}");
    let poll = emulator
        .requests()
        .into_iter()
        .find(|r| r.path == REFRESH_PATH)
        .unwrap();
    let device_code = poll
        .body
        .split('&')
        .find_map(|pair| pair.strip_prefix("device_code="))
        .unwrap()
        .to_string();
    let saved: toml::Table = config_text(&sandbox).parse().unwrap();
    let profile = saved["default"].as_table().unwrap();
    let access = profile["access_token"].as_str().unwrap();
    let refresh = profile["refresh_token"].as_str().unwrap();
    assert_hidden(&run, &[&device_code, access, refresh]);
}

#[test]
fn a_service_account_from_a_flag_and_stdin_is_saved_used_and_logged_out() {
    let emulator = super::service_account_emulator();
    let (id, secret) = (
        emulator.config().client_id.clone(),
        emulator.config().client_secret.clone(),
    );
    let sandbox = sandbox(&emulator);
    let login = ["auth", "login", "--clientId", &id];
    let run = sandbox.run_with_stdin(&login, &format!("{secret}\n"));
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    assert_hidden(&run, &[&secret]);
    assert!(emulator.requests().is_empty(), "nothing is sent to log in");
    let saved: toml::Table = config_text(&sandbox).parse().unwrap();
    let profile = saved["default"].as_table().unwrap();
    assert_eq!(profile["auth_type"].as_str(), Some("service_account"));
    assert_eq!(profile["client_secret"].as_str(), Some(secret.as_str()));

    let created = sandbox.run(SEED);
    assert_eq!(created.code, 0, "{created:?}");
    let who = sandbox.run(&["auth", "whoami"]);
    assert_eq!(who.stdout, format!("Logged in as {id} service account\n"));
    let out = sandbox.run(&["auth", "logout", "--force"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!config_text(&sandbox).contains(&secret));
}
