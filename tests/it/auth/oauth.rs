//! The OAuth methods end to end: a user account's bearer token (refreshed and saved back when
//! expired) and a service account's client-credentials token (cached between runs).

use atlas_emulator::{REFRESH_PATH, TOKEN_PATH};

use super::{authorizations, service_account_emulator, service_account_sandbox, user_sandbox};
use crate::support::*;

#[test]
fn a_user_account_sends_its_access_token_as_bearer() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let tokens = emulator.issue_user_tokens(3600);
    let sandbox = user_sandbox(&emulator, &tokens.access_token, &tokens.refresh_token);
    let run = sandbox.run(&SEED[..7]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(exchanges(&emulator), [("POST".into(), create_path(), 200)]);
    let bearer = format!("Bearer {}", tokens.access_token);
    assert_eq!(authorizations(&emulator), [Some(bearer)]);
    assert_hidden(&run, &[&tokens.access_token, &tokens.refresh_token]);
}

#[test]
fn an_expired_user_token_is_refreshed_first_and_saved_back_in_place() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let old = emulator.issue_user_tokens(-60);
    let sandbox = user_sandbox(&emulator, &old.access_token, &old.refresh_token);
    let before = std::fs::read_to_string(sandbox.config_file()).unwrap();
    let run = sandbox.run(&SEED[..7]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let paths: Vec<_> = exchanges(&emulator)
        .into_iter()
        .map(|(_, p, s)| (p, s))
        .collect();
    assert_eq!(paths, [(REFRESH_PATH.into(), 200), (create_path(), 200)]);
    let refresh = &emulator.requests()[0];
    let form = format!(
        "client_id=0oabtxactgS3gHIR0297&grant_type=refresh_token&refresh_token={}&scope=openid+profile+offline_access",
        old.refresh_token
    );
    assert_eq!(refresh.body, form);
    assert_eq!(refresh.header("authorization"), None);

    let after = std::fs::read_to_string(sandbox.config_file()).unwrap();
    let changed: Vec<_> = before
        .lines()
        .zip(after.lines())
        .filter(|(b, a)| b != a)
        .collect();
    assert_eq!(changed.len(), 2, "only the two tokens change:\n{after}");
    assert_eq!(before.lines().count(), after.lines().count());
    assert!(
        after.contains("org_id = \"5a1b39eec902201990f12345\" # the org"),
        "{after}"
    );
    assert!(!after.contains(&old.access_token) && !after.contains(&old.refresh_token));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(sandbox.config_file())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let new_bearer = authorizations(&emulator)[1].clone().unwrap();
    assert!(
        after.contains(new_bearer.strip_prefix("Bearer ").unwrap()),
        "the sent token is the saved one"
    );

    let again = sandbox.run(&SEED[..7]);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(
        emulator.requests().len(),
        3,
        "the saved token is used without a refresh"
    );
    assert_hidden(&run, &[&old.access_token, &old.refresh_token]);
}

#[test]
fn a_refused_refresh_says_the_session_expired_and_sends_nothing_else() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let old = emulator.issue_user_tokens(-60);
    emulator.revoke_refresh_tokens();
    let sandbox = user_sandbox(&emulator, &old.access_token, &old.refresh_token);
    let run = sandbox.run(&SEED[..7]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "Error: session expired\n\nPlease note that your session expires periodically. \nIf you use Atlas CLI for automation, see https://www.mongodb.com/docs/atlas/cli/stable/atlas-cli-automate/ for best practices.\nTo login, run: atlas auth login\n"
    );
    assert_eq!(
        exchanges(&emulator),
        [("POST".into(), REFRESH_PATH.into(), 400)]
    );
    assert_hidden(&run, &[&old.access_token, &old.refresh_token]);
}

#[test]
fn an_expired_token_without_a_refresh_token_gets_the_unauthorized_advice() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let old = emulator.issue_user_tokens(-60);
    let mut sandbox = Sandbox::new();
    sandbox
        .against_url(&emulator)
        .env("MONGODB_ATLAS_AUTH_TYPE", "user_account")
        .env("MONGODB_ATLAS_ACCESS_TOKEN", &old.access_token);
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("Error: unauthorized\n\n"),
        "{}",
        run.stderr
    );
    assert_eq!(exchanges(&emulator), [("POST".into(), create_path(), 401)]);
}

#[test]
fn a_service_account_fetches_a_token_once_and_reuses_it() {
    let emulator = service_account_emulator();
    let secret = emulator.config().client_secret.clone();
    let sandbox = service_account_sandbox(&emulator, &secret);
    let first = sandbox.run(SEED);
    assert_eq!((first.code, first.stderr.as_str()), (0, ""), "{first:?}");
    let second = sandbox.run(SEED);
    assert_eq!(second.code, 0, "{second:?}");
    let paths: Vec<_> = exchanges(&emulator)
        .into_iter()
        .map(|(_, p, s)| (p, s))
        .collect();
    assert_eq!(
        paths,
        [
            (TOKEN_PATH.into(), 200),
            (create_path(), 200),
            (create_path(), 200)
        ],
        "the second run reuses the token"
    );
    let token_request = &emulator.requests()[0];
    assert_eq!(token_request.body, "grant_type=client_credentials");
    assert!(
        token_request
            .header("authorization")
            .unwrap()
            .starts_with("Basic ")
    );
    let auths = authorizations(&emulator);
    assert!(auths[1].as_deref().unwrap().starts_with("Bearer ey"));
    assert_eq!(auths[1], auths[2]);
    assert_hidden(&first, &[&secret, auths[1].as_deref().unwrap()]);
}

#[test]
fn a_revoked_cached_token_is_dropped_so_the_next_run_fetches_a_new_one() {
    let emulator = service_account_emulator();
    let secret = emulator.config().client_secret.clone();
    let sandbox = service_account_sandbox(&emulator, &secret);
    assert_eq!(sandbox.run(SEED).code, 0);
    emulator.revoke_access_tokens();
    let refused = sandbox.run(SEED);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.starts_with("Error: unauthorized\n"),
        "{}",
        refused.stderr
    );
    assert_eq!(sandbox.run(SEED).code, 0, "a new token was fetched");
    let paths: Vec<_> = exchanges(&emulator)
        .into_iter()
        .map(|(_, p, s)| (p, s))
        .collect();
    let create = create_path();
    assert_eq!(
        paths,
        [
            (TOKEN_PATH.into(), 200),
            (create.clone(), 200),
            (create.clone(), 401),
            (TOKEN_PATH.into(), 200),
            (create, 200)
        ]
    );
}

#[test]
fn a_wrong_client_secret_gets_the_unauthorized_advice() {
    let emulator = service_account_emulator();
    let sandbox = service_account_sandbox(&emulator, "mdb_sa_sk_wrong-wrong-wrong");
    let run = sandbox.run(SEED);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "Error: unauthorized\n\nTo log in using your Atlas username and password or to set credentials using a Service account or API keys, run: atlas auth login\n"
    );
    assert_eq!(
        exchanges(&emulator),
        [("POST".into(), TOKEN_PATH.into(), 401)]
    );
    assert_hidden(&run, &["mdb_sa_sk_wrong-wrong-wrong"]);
}

#[test]
fn client_credentials_win_over_api_keys_as_in_the_go_cli() {
    let emulator = service_account_emulator();
    let secret = emulator.config().client_secret.clone();
    let mut sandbox = service_account_sandbox(&emulator, &secret);
    sandbox
        .env("MONGODB_ATLAS_PUBLIC_API_KEY", PUBLIC_KEY)
        .env("MONGODB_ATLAS_PRIVATE_API_KEY", PRIVATE_KEY);
    assert_eq!(sandbox.run(SEED).code, 0);
    assert_eq!(emulator.requests()[0].path, TOKEN_PATH);
}
