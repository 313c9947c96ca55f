//! Every authentication method end to end: the real binary against the emulator, with what the
//! server received, what the user saw, and no secret in either output. Digest and the trace
//! here; the OAuth methods (user and service accounts) in [`oauth`]; `atlas auth login | logout |
//! whoami` in [`login`]; the login the errors advise, followed, in [`advice`].

mod advice;
mod login;
mod oauth;

use atlas_emulator::DigestAlgorithm;

use crate::support::*;

const USER_ACCOUNT: &str = "auth_type = \"user_account\"";

fn config_with(changes: impl FnOnce(&mut EmulatorConfig)) -> EmulatorConfig {
    let mut config = EmulatorConfig::default();
    changes(&mut config);
    config
}

/// The `Authorization` header of every request the emulator received.
fn authorizations(emulator: &Emulator) -> Vec<Option<String>> {
    emulator
        .requests()
        .iter()
        .map(|r| r.header("authorization").map(str::to_string))
        .collect()
}

#[test]
fn api_keys_answer_a_sha256_challenge_with_sha256() {
    let emulator = Emulator::start(config_with(|c| {
        c.digest_algorithm = DigestAlgorithm::Sha256
    }))
    .unwrap();
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert_eq!(run.code, 0, "{run:?}");
    let statuses: Vec<_> = emulator
        .requests()
        .iter()
        .map(|r| (r.status, r.authenticated))
        .collect();
    assert_eq!(statuses, [(401, false), (200, true)]);
    let auth = authorizations(&emulator)[1].clone().unwrap();
    assert!(
        auth.contains("algorithm=SHA-256") && auth.contains("qop=auth"),
        "{auth}"
    );
}

#[test]
fn api_keys_answer_a_server_without_qop_in_rfc_2069_form_and_echo_opaque() {
    let emulator = Emulator::start(config_with(|c| {
        c.digest_qop = false;
        c.digest_opaque = Some("5ccc069c403ebaf9f0171e9517f40e41".into());
    }))
    .unwrap();
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert_eq!(run.code, 0, "{run:?}");
    let auth = authorizations(&emulator)[1].clone().unwrap();
    assert!(!auth.contains("qop=") && !auth.contains("nc="), "{auth}");
    assert!(
        auth.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""),
        "{auth}"
    );
}

#[test]
fn a_stale_nonce_gets_one_more_answer_with_the_new_nonce() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.make_next_answers_stale(1);
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let statuses: Vec<_> = emulator.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [401, 401, 200]);
    let auths = authorizations(&emulator);
    let nonce = |a: &Option<String>| {
        a.as_deref().unwrap().split("nonce=\"").nth(1).unwrap()[..48].to_string()
    };
    assert_ne!(
        nonce(&auths[1]),
        nonce(&auths[2]),
        "the second answer uses the new nonce"
    );
    assert_eq!(emulator.api_keys(ORG).len(), 1);
}

#[test]
fn a_second_stale_challenge_is_not_answered() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    emulator.make_next_answers_stale(5);
    let run = Sandbox::new().against(&emulator).run(SEED);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("Error: unauthorized\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        emulator.requests().len(),
        3,
        "challenge, answer, one stale retry"
    );
    assert!(emulator.api_keys(ORG).is_empty());
}

fn user_sandbox(emulator: &Emulator, access: &str, refresh: &str) -> Sandbox {
    let mut sandbox = Sandbox::new();
    sandbox.against_url(emulator);
    sandbox.config(&format!(
        "# my Atlas settings\nversion = 2\n\n[default]\n  {USER_ACCOUNT}\n  org_id = \"{ORG}\" # the org\n  access_token = \"{access}\"\n  refresh_token = \"{refresh}\"\n\n[other]\n  output = \"json\"\n"
    ));
    sandbox
}

/// An emulator with a service-account secret of its own, so that no token cached by another
/// test (the cache directory is shared) can match.
fn service_account_emulator() -> Emulator {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let secret = format!("mdb_sa_sk_{}_{nanos}", std::process::id());
    Emulator::start(config_with(|c| c.client_secret = secret)).unwrap()
}

fn service_account_sandbox(emulator: &Emulator, secret: &str) -> Sandbox {
    let mut sandbox = Sandbox::new();
    sandbox
        .against_url(emulator)
        .env("MONGODB_ATLAS_CLIENT_ID", &emulator.config().client_id)
        .env("MONGODB_ATLAS_CLIENT_SECRET", secret);
    sandbox
}

#[test]
fn no_auth_sends_no_credentials() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let tokens = emulator.issue_user_tokens(3600);
    let mut sandbox = Sandbox::new();
    sandbox.against_url(&emulator);
    sandbox.config(&format!(
        "[default]\nauth_type = \"no_auth\"\naccess_token = \"{}\"\n",
        tokens.access_token
    ));
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("Error: unauthorized\n"),
        "{}",
        run.stderr
    );
    assert_eq!(authorizations(&emulator), [None]);
}

/// `-D` traces every exchange, and no credential of any method shows in it or in the output.
#[test]
fn the_debug_trace_shows_the_exchange_and_hides_every_secret() {
    let emulator = service_account_emulator();
    let secret = emulator.config().client_secret.clone();
    let user = emulator.issue_user_tokens(-60);
    let api_keys = {
        let mut s = Sandbox::new();
        s.against(&emulator);
        s
    };
    let user_account = user_sandbox(&emulator, &user.access_token, &user.refresh_token);
    let service = service_account_sandbox(&emulator, &secret);
    for (method, sandbox) in [
        ("api_keys", api_keys),
        ("user_account", user_account),
        ("service_account", service),
    ] {
        let before = emulator.requests().len();
        let mut args = SEED.to_vec();
        args.push("-D");
        let run = sandbox.run(&args);
        assert_eq!(run.code, 0, "{method}: {run:?}");
        assert!(
            run.stderr.contains("> POST http://127.0.0.1:"),
            "{method}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("< 200 ("), "{method}: {}", run.stderr);
        assert!(
            run.stderr.contains("Authorization: "),
            "{method}: {}",
            run.stderr
        );
        let mut secrets: Vec<String> = vec![
            PRIVATE_KEY.into(),
            secret.clone(),
            user.access_token.clone(),
            user.refresh_token.clone(),
        ];
        for r in &emulator.requests()[before..] {
            if let Some(a) = r.header("authorization") {
                secrets.push(a.split_once(' ').unwrap().1.to_string());
            }
        }
        if let Ok(text) = std::fs::read_to_string(sandbox.config_file()) {
            // The refreshed tokens, saved by this run.
            for line in text.lines().filter(|l| l.contains("_token")) {
                secrets.push(line.split('"').nth(1).unwrap_or_default().to_string());
            }
        }
        let created = emulator.api_keys(ORG).last().unwrap()["privateKey"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            run.stdout.contains(&created),
            "the new key is printed: {method}"
        );
        assert!(
            !run.stderr.contains(&created),
            "{method}: the created private key is in the trace"
        );
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        assert_hidden(&run, &secrets);
    }
}
