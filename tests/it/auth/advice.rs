//! Every "run: atlas auth login" a 401 (or a session that cannot be refreshed) prints is
//! followed here, word for word, through the real binary: the command it names exists, logs in
//! (API keys by flag and stdin), and the command that failed then works.

use crate::support::*;

/// The command after `run: ` in `stderr`'s advice, as words (`atlas` first).
fn advised(stderr: &str) -> Vec<String> {
    let line = stderr
        .lines()
        .find_map(|l| l.split_once("run: ").map(|(_, rest)| rest))
        .unwrap_or_else(|| panic!("no `run: …` advice in {stderr:?}"));
    line.split_whitespace().map(str::to_string).collect()
}

/// Runs the advised command with API keys (the private key on stdin): it must log in.
fn follow(sandbox: &Sandbox, advice: &[String]) {
    assert_eq!(advice[0], "atlas", "{advice:?}");
    let mut args: Vec<&str> = advice[1..].iter().map(String::as_str).collect();
    args.extend(["--authType", "APIKeys", "--publicApiKey", PUBLIC_KEY]);
    let run = sandbox.run_with_stdin(&args, &format!("{PRIVATE_KEY}\n"));
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, ""),
        "{advice:?}: {run:?}"
    );
    assert_hidden(&run, &[PRIVATE_KEY]);
}

#[test]
fn the_unauthorized_advice_names_a_login_that_works() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against_url(&emulator);
    sandbox.config(&format!(
        "[default]\npublic_api_key = \"{PUBLIC_KEY}\"\nprivate_api_key = \"wrong-secret\"\n"
    ));
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.starts_with("Error: unauthorized\n"), "{run:?}");
    follow(&sandbox, &advised(&run.stderr));
    let again = sandbox.run(SEED);
    assert_eq!((again.code, again.stderr.as_str()), (0, ""), "{again:?}");
    assert_eq!(emulator.api_keys(ORG).len(), 1);
}

#[test]
fn the_session_expired_advice_names_a_login_that_works() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let old = emulator.issue_user_tokens(-60);
    emulator.revoke_refresh_tokens();
    let mut sandbox = Sandbox::new();
    sandbox.against_url(&emulator);
    sandbox.config(&format!(
        "[default]\nauth_type = \"user_account\"\naccess_token = \"{}\"\nrefresh_token = \"{}\"\n",
        old.access_token, old.refresh_token
    ));
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.starts_with("Error: session expired\n"),
        "{run:?}"
    );
    follow(&sandbox, &advised(&run.stderr));
    let again = sandbox.run(SEED);
    assert_eq!((again.code, again.stderr.as_str()), (0, ""), "{again:?}");
    let saved = std::fs::read_to_string(sandbox.config_file()).unwrap();
    assert!(
        !saved.contains(&old.refresh_token),
        "the dead session is gone: {saved}"
    );
}

#[test]
fn with_no_credentials_at_all_the_advice_names_a_login_that_works() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut sandbox = Sandbox::new();
    sandbox.against_url(&emulator);
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 1, "{run:?}");
    follow(&sandbox, &advised(&run.stderr));
    let again = sandbox.run(SEED);
    assert_eq!((again.code, again.stderr.as_str()), (0, ""), "{again:?}");
}
