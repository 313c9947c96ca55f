//! The emulator over real sockets, spoken to in raw HTTP/1.1 bytes: the Digest handshake, the
//! create and list routes, Atlas's errors, the request log and the injected faults.

mod client;
mod keys;
mod oauth;

use atlas_emulator::{Config, Emulator, Fault};
use client::{ACCEPT, Conn, ORG, authorization, create_path};
use std::io::Write;
use std::time::{Duration, Instant};

#[test]
fn first_leg_gets_atlas_digest_challenge() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut conn = Conn::open(&emu);
    let first = conn.send("POST", &create_path(), &[("Accept", ACCEPT)], "{}");
    assert_eq!(first.status, 401);
    let challenge = first.header("WWW-Authenticate").unwrap();
    assert!(
        challenge.starts_with(r#"Digest realm="MMS Public API", domain="", nonce=""#),
        "{challenge}"
    );
    assert!(
        challenge.ends_with(r#"", algorithm=MD5, qop="auth", stale=false"#),
        "{challenge}"
    );
    assert_eq!(first.header("Content-Type"), Some("application/json"));
    assert_eq!(first.json()["errorCode"], "UNAUTHORIZED");
    let second = conn.send("POST", &create_path(), &[("Accept", ACCEPT)], "{}");
    assert_ne!(
        second.header("WWW-Authenticate"),
        Some(challenge),
        "nonces are fresh"
    );
}

#[test]
fn digested_create_returns_the_fixture_shape() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut conn = Conn::open(&emu);
    let body = r#"{"desc":"My API Key","roles":["ORG_OWNER","ORG_READ_ONLY"]}"#;
    let ok = conn.digest("POST", &create_path(), &Config::default().private_key, body);
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(
        ok.header("Content-Type"),
        Some("application/vnd.atlas.2023-01-01+json;charset=utf-8")
    );
    assert_eq!(ok.header("Server"), Some("mdbws"));
    assert!(ok.header("Date").unwrap().ends_with(" GMT"));
    assert_eq!(ok.header("Ratelimit-Limit"), Some("500"));
    assert_eq!(
        client::json_keys(&ok.body)[..6],
        ["desc", "id", "links", "href", "rel", "privateKey"],
        "field order: {}",
        ok.body
    );
    let v = ok.json();
    let id = v["id"].as_str().unwrap();
    assert!(id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit()));
    let href = format!("{}/api/atlas/v2/orgs/{ORG}/apiKeys/{id}", emu.base_url());
    assert_eq!(
        v["links"][0],
        serde_json::json!({"href": href, "rel": "self"})
    );
    let public = v["publicKey"].as_str().unwrap();
    assert!(public.len() == 8 && public.bytes().all(|b| b.is_ascii_lowercase()));
    assert_eq!(v["privateKey"].as_str().unwrap().len(), 36);
    let role = serde_json::json!({"orgId": ORG, "roleName": "ORG_READ_ONLY"});
    assert_eq!(v["roles"][1], role);
    assert_eq!(emu.api_keys(ORG), vec![v]);
}

#[test]
fn the_log_records_both_legs() {
    let emu = Emulator::start(Config::default()).unwrap();
    let body = r#"{"desc":"d","roles":["ORG_OWNER"]}"#;
    let key = Config::default().private_key;
    Conn::open(&emu).digest("POST", &create_path(), &key, body);
    let log = emu.requests();
    assert_eq!(log.len(), 2);
    assert_eq!((log[0].status, log[0].authenticated), (401, false));
    assert_eq!((log[1].status, log[1].authenticated), (200, true));
    assert_eq!(log[1].path, create_path());
    assert_eq!(log[1].body, body);
    assert_eq!(log[1].header("accept"), Some(ACCEPT));
    assert!(
        log[1]
            .header("AUTHORIZATION")
            .unwrap()
            .starts_with("Digest ")
    );
}

#[test]
fn wrong_private_key_gets_401_and_a_new_challenge() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut conn = Conn::open(&emu);
    let reply = conn.digest(
        "POST",
        &create_path(),
        "not-the-key",
        r#"{"desc":"d","roles":["ORG_OWNER"]}"#,
    );
    assert_eq!(reply.status, 401);
    assert!(reply.header("WWW-Authenticate").is_some());
    assert_eq!(
        reply.json()["detail"],
        "You are not authorized for this resource."
    );
    assert!(emu.api_keys(ORG).is_empty());
    assert!(
        emu.requests()
            .iter()
            .all(|r| !r.authenticated && r.status == 401)
    );
}

#[test]
fn bad_role_is_rejected_with_atlas_error() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut conn = Conn::open(&emu);
    let key = Config::default().private_key;
    let reply = conn.digest(
        "POST",
        &create_path(),
        &key,
        r#"{"desc":"d","roles":["ORG_KING"]}"#,
    );
    assert_eq!(reply.status, 400);
    let v = reply.json();
    assert_eq!(v["errorCode"], "INVALID_ENUM_VALUE");
    assert_eq!(v["parameters"], serde_json::json!(["ORG_KING"]));
    assert_eq!(v["reason"], "Bad Request");
    assert!(emu.api_keys(ORG).is_empty());
    assert_eq!(emu.requests().len(), 2);
}

#[test]
fn error_table_over_the_wire() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut conn = Conn::open(&emu);
    let key = Config::default().private_key;
    let good = r#"{"desc":"d","roles":["ORG_OWNER"]}"#;
    let table = [
        (
            "POST",
            "/api/atlas/v2/orgs/5a1b39eec902201990f1234z/apiKeys".to_owned(),
            good,
            400,
            "INVALID_ORG_ID",
        ),
        (
            "POST",
            "/api/atlas/v2/orgs/aaaaaaaaaaaaaaaaaaaaaaaa/apiKeys".to_owned(),
            good,
            404,
            "ORG_NOT_FOUND",
        ),
        ("POST", create_path(), "{not json", 400, "INVALID_JSON"),
        (
            "POST",
            create_path(),
            r#"{"roles":["ORG_OWNER"]}"#,
            400,
            "MISSING_ATTRIBUTE",
        ),
        ("DELETE", create_path(), "", 405, "METHOD_NOT_ALLOWED"),
        (
            "GET",
            "/api/atlas/v2/nothing".to_owned(),
            "",
            404,
            "RESOURCE_NOT_FOUND",
        ),
    ];
    for (method, path, body, status, code) in table {
        let reply = conn.digest(method, &path, &key, body);
        assert_eq!(
            (reply.status, reply.json()["errorCode"].as_str().unwrap()),
            (status, code),
            "{method} {path} {body}"
        );
    }
    // No versioned Accept: 406, checked after authentication.
    let first = conn.send("POST", &create_path(), &[], good);
    let auth = authorization(
        first.header("WWW-Authenticate").unwrap(),
        "abcdefgh",
        &key,
        "POST",
        &create_path(),
    );
    let reply = conn.send(
        "POST",
        &create_path(),
        &[("Accept", "application/json"), ("Authorization", &auth)],
        good,
    );
    assert_eq!(
        (reply.status, reply.json()["errorCode"].as_str()),
        (406, Some("INVALID_VERSION_DATE"))
    );
    assert_eq!(emu.requests().len(), 2 * 7);
}

#[test]
fn list_masks_private_keys_and_pages() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut conn = Conn::open(&emu);
    let key = Config::default().private_key;
    for i in 0..3 {
        let reply = conn.digest(
            "POST",
            &create_path(),
            &key,
            &format!(r#"{{"desc":"k{i}","roles":["ORG_MEMBER"]}}"#),
        );
        assert_eq!(reply.status, 200);
    }
    let target = format!("{}?pageNum=1&itemsPerPage=2", create_path());
    let page = conn.digest("GET", &target, &key, "").json();
    assert_eq!(page["totalCount"], 3);
    let results = page["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let private = results[0]["privateKey"].as_str().unwrap();
    assert!(
        private.starts_with("********-****-****-") && private.len() == 31,
        "{private}"
    );
    assert_eq!(page["links"][1]["rel"], "next");
    let target = format!(
        "{}?pageNum=2&itemsPerPage=2&includeCount=false",
        create_path()
    );
    let page = conn.digest("GET", &target, &key, "").json();
    assert_eq!(page["results"].as_array().unwrap().len(), 1);
    assert!(page.get("totalCount").is_none());
}

#[test]
fn faults_apply_once_to_authenticated_requests() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut conn = Conn::open(&emu);
    let key = Config::default().private_key;
    let body = r#"{"desc":"d","roles":["ORG_OWNER"]}"#;
    emu.set_fault(Fault::rate_limited(3));
    let reply = conn.digest("POST", &create_path(), &key, body);
    assert_eq!(
        (reply.status, reply.header("Retry-After")),
        (429, Some("3"))
    );
    assert!(emu.api_keys(ORG).is_empty());

    emu.set_fault(Fault::Delay(Duration::from_millis(200)));
    let start = Instant::now();
    assert_eq!(conn.digest("POST", &create_path(), &key, body).status, 200);
    assert!(start.elapsed() >= Duration::from_millis(200));

    emu.set_fault(Fault::DropAfterRead);
    let first = conn.send("POST", &create_path(), &[("Accept", ACCEPT)], body);
    let auth = authorization(
        first.header("WWW-Authenticate").unwrap(),
        "abcdefgh",
        &key,
        "POST",
        &create_path(),
    );
    let req = format!(
        "POST {} HTTP/1.1\r\nAccept: {ACCEPT}\r\nContent-Type: {ACCEPT}\r\nAuthorization: {auth}\r\nContent-Length: {}\r\n\r\n{body}",
        create_path(),
        body.len()
    );
    conn.writer.write_all(req.as_bytes()).unwrap();
    assert!(
        conn.read_reply().is_none(),
        "the connection should close without an answer"
    );
    assert_eq!(emu.api_keys(ORG).len(), 1);
    assert_eq!(emu.requests().last().unwrap().status, 0);
}

#[test]
fn connection_close_is_honoured_and_drop_is_fast() {
    let emu = Emulator::start(Config::default()).unwrap();
    let mut conn = Conn::open(&emu);
    let reply = conn.send("GET", "/", &[("Connection", "close")], "");
    assert_eq!(reply.header("Connection"), Some("close"));
    assert!(conn.read_reply().is_none());
    // An idle keep-alive connection must not keep the emulator alive.
    let mut idle = Conn::open(&emu);
    assert_eq!(idle.send("GET", "/", &[], "").status, 401);
    let start = Instant::now();
    drop(emu);
    assert!(start.elapsed() < Duration::from_secs(2));
    assert!(idle.read_reply().is_none());
}
