//! The OAuth side over raw sockets: the service-account token endpoint, bearer tokens (issued,
//! expired, forged), the user token refresh, and the connection-level faults.

use crate::client::{ACCEPT, Conn, ORG, create_path};
use atlas_emulator::{Config, Emulator, Fault, REFRESH_PATH, TOKEN_PATH};
use std::time::Duration;

const FORM: &str = "application/x-www-form-urlencoded";

fn basic(id: &str, secret: &str) -> String {
    // base64 by the shell-free way: std has none, so a tiny encoder.
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = format!("{id}:{secret}").into_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                A[(n >> (18 - 6 * i)) as usize & 63] as char
            } else {
                '='
            });
        }
    }
    format!("Basic {out}")
}

fn token(conn: &mut Conn, authorization: &str) -> crate::client::Reply {
    conn.send(
        "POST",
        TOKEN_PATH,
        &[("Content-Type", FORM), ("Authorization", authorization)],
        "grant_type=client_credentials",
    )
}

fn create_with_bearer(conn: &mut Conn, token: &str) -> crate::client::Reply {
    let bearer = format!("Bearer {token}");
    conn.send(
        "POST",
        &create_path(),
        &[
            ("Accept", ACCEPT),
            ("Content-Type", ACCEPT),
            ("Authorization", &bearer),
        ],
        r#"{"desc":"d","roles":["ORG_OWNER"]}"#,
    )
}

#[test]
fn a_service_account_token_opens_the_api() {
    let emu = Emulator::start(Config::default()).unwrap();
    let config = emu.config().clone();
    let mut conn = Conn::open(&emu);
    let reply = token(&mut conn, &basic(&config.client_id, &config.client_secret));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v = reply.json();
    assert_eq!(
        (v["token_type"].as_str(), v["expires_in"].as_i64()),
        (Some("Bearer"), Some(3600))
    );
    let access = v["access_token"].as_str().unwrap().to_string();
    assert_eq!(access.split('.').count(), 3, "a JWT");
    assert_eq!(create_with_bearer(&mut conn, &access).status, 200);
    assert_eq!(emu.api_keys(ORG).len(), 1);
    let log = emu.requests();
    assert!(log.iter().all(|r| r.authenticated), "{log:?}");
}

#[test]
fn the_token_endpoint_refuses_a_wrong_secret_and_a_wrong_grant() {
    let emu = Emulator::start(Config::default()).unwrap();
    let id = emu.config().client_id.clone();
    let mut conn = Conn::open(&emu);
    let reply = token(&mut conn, &basic(&id, "nope"));
    assert_eq!(
        (reply.status, reply.json()["error"].as_str()),
        (401, Some("invalid_client"))
    );
    let secret = emu.config().client_secret.clone();
    let reply = conn.send(
        "POST",
        TOKEN_PATH,
        &[
            ("Content-Type", FORM),
            ("Authorization", &basic(&id, &secret)),
        ],
        "grant_type=password",
    );
    assert_eq!(
        (reply.status, reply.json()["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
}

#[test]
fn expired_or_foreign_bearer_tokens_get_401_without_a_digest_challenge() {
    let emu = Emulator::start(Config::default()).unwrap();
    let expired = emu.issue_user_tokens(-1).access_token;
    let other = Emulator::start(Config::default()).unwrap();
    let foreign = other.issue_user_tokens(3600).access_token;
    let mut conn = Conn::open(&emu);
    for token in [expired, foreign, "not-a-token".to_string()] {
        let reply = create_with_bearer(&mut conn, &token);
        assert_eq!(reply.status, 401);
        assert_eq!(reply.json()["errorCode"], "UNAUTHORIZED");
        assert_eq!(reply.header("WWW-Authenticate"), None);
    }
    assert!(emu.api_keys(ORG).is_empty());
}

#[test]
fn a_refresh_token_works_once_and_then_says_invalid_refresh_token() {
    let emu = Emulator::start(Config::default()).unwrap();
    let tokens = emu.issue_user_tokens(-1);
    let mut conn = Conn::open(&emu);
    let body = format!(
        "client_id=0oabtxactgS3gHIR0297&grant_type=refresh_token&refresh_token={}&scope=openid+profile+offline_access",
        tokens.refresh_token
    );
    let headers = [("Content-Type", FORM), ("Accept", "application/json")];
    let reply = conn.send("POST", REFRESH_PATH, &headers, &body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v = reply.json();
    assert_eq!(v["scope"], "openid profile offline_access");
    let fresh = v["access_token"].as_str().unwrap().to_string();
    assert_ne!(v["refresh_token"].as_str().unwrap(), tokens.refresh_token);
    assert_eq!(create_with_bearer(&mut conn, &fresh).status, 200);
    let again = conn.send("POST", REFRESH_PATH, &headers, &body);
    assert_eq!(
        (again.status, again.json()["errorCode"].as_str()),
        (400, Some("INVALID_REFRESH_TOKEN"))
    );
}

#[test]
fn faults_hit_token_requests_too_and_drop_after_handling_keeps_the_work() {
    let emu = Emulator::start(Config::default()).unwrap();
    let config = emu.config().clone();
    let mut conn = Conn::open(&emu);
    emu.set_fault(Fault::status(503));
    let reply = token(&mut conn, &basic(&config.client_id, &config.client_secret));
    assert_eq!(reply.status, 503);
    let access = emu.issue_user_tokens(3600).access_token;
    emu.set_fault(Fault::DropAfterHandling);
    let bearer = format!("Bearer {access}");
    let body = r#"{"desc":"d","roles":["ORG_OWNER"]}"#;
    let raw = format!(
        "POST {} HTTP/1.1\r\nAccept: {ACCEPT}\r\nContent-Type: {ACCEPT}\r\nAuthorization: {bearer}\r\nContent-Length: {}\r\n\r\n{body}",
        create_path(),
        body.len()
    );
    std::io::Write::write_all(&mut conn.writer, raw.as_bytes()).unwrap();
    assert!(conn.read_reply().is_none(), "dropped without an answer");
    assert_eq!(emu.api_keys(ORG).len(), 1, "but the key was created");
    assert_eq!(emu.requests().last().unwrap().status, 0);
}

#[test]
fn reset_connections_are_counted_and_never_read() {
    let emu = Emulator::start(Config::default()).unwrap();
    emu.reset_next_connections(1);
    let mut conn = Conn::open(&emu);
    let _ = std::io::Write::write_all(&mut conn.writer, b"GET / HTTP/1.1\r\n\r\n");
    assert!(conn.read_reply().is_none());
    let mut next = Conn::open(&emu);
    assert_eq!(next.send("GET", "/", &[], "").status, 401);
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(emu.connections(), 2);
    assert_eq!(
        emu.requests().len(),
        1,
        "the reset connection's request was never read"
    );
}

#[test]
fn sha256_challenges_require_sha256_answers() {
    let emu = Emulator::start(Config {
        digest_algorithm: atlas_emulator::DigestAlgorithm::Sha256,
        ..Config::default()
    })
    .unwrap();
    let mut conn = Conn::open(&emu);
    let first = conn.send("POST", &create_path(), &[("Accept", ACCEPT)], "{}");
    let challenge = first.header("WWW-Authenticate").unwrap();
    assert!(challenge.contains("algorithm=SHA-256"), "{challenge}");
    // The MD5 answer of the test client is refused under a SHA-256 challenge.
    let md5 = crate::client::authorization(
        challenge,
        "abcdefgh",
        &Config::default().private_key,
        "POST",
        &create_path(),
    );
    let reply = conn.send(
        "POST",
        &create_path(),
        &[("Accept", ACCEPT), ("Authorization", &md5)],
        "{}",
    );
    assert_eq!(reply.status, 401);
}
