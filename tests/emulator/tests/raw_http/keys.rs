//! The one-key and access-list routes over the wire, from the store create fills: get (masked),
//! patch, delete, access-list create/list/get/delete (a CIDR's `/` escaped as `%2F`), their
//! 400/404 `ApiError` bodies, and `GET /api/private/ipinfo`.

use crate::client::{Conn, ORG, authorization, create_path};
use atlas_emulator::{Config, Emulator};

fn key() -> String {
    Config::default().private_key
}

/// A key made through the create route, its id and the emulator.
fn with_key(desc: &str) -> (Emulator, String) {
    let emu = Emulator::start(Config::default()).unwrap();
    let body = format!(r#"{{"desc":"{desc}","roles":["ORG_READ_ONLY"]}}"#);
    let made = Conn::open(&emu).digest("POST", &create_path(), &key(), &body);
    assert_eq!(made.status, 200, "{}", made.body);
    let id = made.json()["id"].as_str().unwrap().to_string();
    (emu, id)
}

fn key_path(id: &str) -> String {
    format!("{}/{id}", create_path())
}

fn call(emu: &Emulator, method: &str, target: &str, body: &str) -> crate::client::Reply {
    Conn::open(emu).digest(method, target, &key(), body)
}

#[test]
fn get_answers_the_stored_key_with_its_private_key_masked() {
    let (emu, id) = with_key("e2e-test-atlas-org");
    let got = call(&emu, "GET", &key_path(&id), "");
    assert_eq!(got.status, 200, "{}", got.body);
    assert_eq!(
        got.header("X-Java-Method"),
        Some("ApiOrganizationApiUsersResource::getApiUser")
    );
    let mut want = emu.api_keys(ORG).remove(0);
    let private = want["privateKey"].as_str().unwrap().to_string();
    want["privateKey"] = format!("********-****-****-{}", &private[private.len() - 12..]).into();
    assert_eq!(got.json(), want);
    assert_eq!(
        crate::client::json_keys(&got.body)[..3],
        ["desc", "id", "links"],
        "{}",
        got.body
    );
}

#[test]
fn patch_changes_what_is_given_and_keeps_what_is_empty() {
    let (emu, id) = with_key("before");
    let path = key_path(&id);
    // What `assign --role ORG_MEMBER` sends: the description it was not given as "".
    let only_roles = call(
        &emu,
        "PATCH",
        &path,
        r#"{"desc":"","roles":["ORG_MEMBER"]}"#,
    );
    assert_eq!(only_roles.status, 200, "{}", only_roles.body);
    let v = only_roles.json();
    assert_eq!(v["desc"], "before");
    assert_eq!(
        v["roles"],
        serde_json::json!([{"orgId": ORG, "roleName": "ORG_MEMBER"}])
    );
    assert!(v["privateKey"].as_str().unwrap().starts_with("********-"));
    let only_desc = call(&emu, "PATCH", &path, r#"{"desc":"after","roles":[]}"#);
    assert_eq!(only_desc.json()["desc"], "after");
    assert_eq!(only_desc.json()["roles"][0]["roleName"], "ORG_MEMBER");
    let described = call(&emu, "GET", &path, "");
    assert_eq!(described.json()["desc"], "after");
    let bad = call(&emu, "PATCH", &path, r#"{"roles":["ORG_NOPE"]}"#);
    assert_eq!(
        (bad.status, bad.json()["errorCode"].as_str()),
        (400, Some("INVALID_ENUM_VALUE"))
    );
    assert_eq!(
        call(&emu, "GET", &path, "").json()["desc"],
        "after",
        "nothing changed"
    );
}

#[test]
fn delete_removes_the_key_and_then_it_is_not_found() {
    let (emu, id) = with_key("doomed");
    let path = key_path(&id);
    let gone = call(&emu, "DELETE", &path, "");
    assert_eq!(gone.status, 204, "{}", gone.body);
    assert_eq!(gone.body, "");
    assert_eq!(
        gone.header("X-Java-Method"),
        Some("ApiOrganizationApiUsersResource::deleteApiUser")
    );
    assert!(emu.api_keys(ORG).is_empty());
    for method in ["GET", "DELETE", "PATCH"] {
        let again = call(&emu, method, &path, "{}");
        assert_eq!(again.status, 404, "{method}");
        assert_eq!(
            again.json(),
            serde_json::json!({
                "detail": format!("Cannot find resource {path}."),
                "error": 404,
                "errorCode": "RESOURCE_NOT_FOUND",
                "parameters": [path],
                "reason": "Not Found"
            }),
            "{method}"
        );
    }
}

#[test]
fn key_routes_check_the_id_pattern_and_their_methods() {
    let (emu, _) = with_key("k");
    let bad = call(&emu, "GET", &key_path("not-an-id"), "");
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["errorCode"], "VALIDATION_ERROR");
    assert_eq!(bad.json()["parameters"], serde_json::json!(["not-an-id"]));
    let list = call(&emu, "GET", &format!("{}/accessList", key_path("NOT")), "");
    assert_eq!(list.json()["errorCode"], "VALIDATION_ERROR");
    let put = call(&emu, "PUT", &key_path("6a793f752c88faeba59bba49"), "{}");
    assert_eq!(put.status, 405);
    assert_eq!(put.header("Allow"), Some("GET, PATCH, DELETE"));
    let other_org = "/api/atlas/v2/orgs/5a1b39eec902201990f12346/apiKeys/6a793f752c88faeba59bba49";
    assert_eq!(
        call(&emu, "GET", other_org, "").json()["errorCode"],
        "ORG_NOT_FOUND"
    );
}

#[test]
fn access_lists_are_created_listed_got_and_deleted_by_escaped_name() {
    let (emu, id) = with_key("with a list");
    let list = format!("{}/accessList", key_path(&id));
    let empty = call(&emu, "GET", &list, "");
    assert_eq!(empty.status, 200, "{}", empty.body);
    assert_eq!(empty.json()["results"], serde_json::json!([]));
    assert_eq!(empty.json()["totalCount"], 0);
    let body = r#"[{"ipAddress":"192.0.2.1"},{"cidrBlock":"203.0.113.0/24"}]"#;
    let target = format!("{list}?includeCount=true&itemsPerPage=100&pageNum=1");
    let made = call(&emu, "POST", &target, body);
    assert_eq!(made.status, 200, "{}", made.body);
    let v = made.json();
    assert_eq!(v["totalCount"], 2);
    let ip = &v["results"][0];
    assert_eq!(
        (ip["ipAddress"].as_str(), ip["cidrBlock"].as_str()),
        (Some("192.0.2.1"), Some("192.0.2.1/32"))
    );
    let created = ip["created"].as_str().unwrap();
    assert!(
        created.len() == 20 && created.ends_with('Z') && created.as_bytes()[10] == b'T',
        "{created}"
    );
    let cidr = &v["results"][1];
    assert_eq!(cidr.get("ipAddress"), None);
    let base = emu.base_url();
    assert_eq!(
        cidr["links"][0]["href"],
        format!("{base}{list}/203.0.113.0%2F24")
    );
    assert_eq!(
        crate::client::json_keys(&made.body)[..4],
        ["links", "href", "rel", "results"],
        "{}",
        made.body
    );
    // The same entries again change nothing; the list comes back whole.
    let again = call(&emu, "POST", &list, body);
    assert_eq!(again.json()["totalCount"], 2);

    let one = call(&emu, "GET", &format!("{list}/203.0.113.0%2F24"), "");
    assert_eq!(one.status, 200, "{}", one.body);
    assert_eq!(one.json(), *cidr);
    // Unescaped, the block is two path segments: no such resource.
    let raw = call(&emu, "DELETE", &format!("{list}/203.0.113.0/24"), "");
    assert_eq!(
        (raw.status, raw.json()["errorCode"].as_str()),
        (404, Some("RESOURCE_NOT_FOUND"))
    );
    let deleted = call(&emu, "DELETE", &format!("{list}/203.0.113.0%2f24"), "");
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    let by_ip = call(&emu, "DELETE", &format!("{list}/192.0.2.1"), "");
    assert_eq!(by_ip.status, 204, "{}", by_ip.body);
    let missing = call(&emu, "DELETE", &format!("{list}/192.0.2.1"), "");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["errorCode"], "RESOURCE_NOT_FOUND");
    assert_eq!(call(&emu, "GET", &list, "").json()["totalCount"], 0);
}

#[test]
fn access_list_errors_are_atlas_error_bodies() {
    let (emu, id) = with_key("k");
    let list = format!("{}/accessList", key_path(&id));
    for (body, code) in [
        (r#"{"ipAddress":"192.0.2.1"}"#, "INVALID_JSON"),
        (r#"[{"ipAddress":"192.0.2.256"}]"#, "INVALID_ATTRIBUTE"),
        (r#"[{"cidrBlock":"203.0.113.0/40"}]"#, "INVALID_ATTRIBUTE"),
        (r#"[{}]"#, "MISSING_ATTRIBUTE"),
    ] {
        let refused = call(&emu, "POST", &list, body);
        assert_eq!(refused.status, 400, "{body}");
        assert_eq!(refused.json()["errorCode"], code, "{body}");
        assert_eq!(refused.header("Content-Type"), Some("application/json"));
    }
    assert_eq!(
        call(&emu, "GET", &list, "").json()["totalCount"],
        0,
        "nothing was added"
    );
    let unknown = format!("{}/accessList", key_path("6a793f752c88faeba59bba49"));
    assert_eq!(
        call(&emu, "GET", &unknown, "").json()["errorCode"],
        "RESOURCE_NOT_FOUND"
    );
    let put = call(&emu, "PUT", &format!("{list}/192.0.2.1"), "");
    assert_eq!(
        (put.status, put.header("Allow")),
        (405, Some("GET, DELETE"))
    );
}

#[test]
fn ipinfo_tells_an_authenticated_caller_its_address() {
    let emu = Emulator::start(Config {
        current_ipv4: "52.190.182.226".into(),
        ..Config::default()
    })
    .unwrap();
    let path = "/api/private/ipinfo";
    let mut conn = Conn::open(&emu);
    let json = [("Accept", "application/json")];
    let first = conn.send("GET", path, &json, "");
    assert_eq!(first.status, 401, "authenticated, like every API path");
    let auth = authorization(
        first.header("WWW-Authenticate").unwrap(),
        "abcdefgh",
        &key(),
        "GET",
        path,
    );
    let answer = conn.send("GET", path, &[json[0], ("Authorization", &auth)], "");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("Content-Type"), Some("application/json"));
    assert_eq!(answer.body, r#"{"currentIpv4Address":"52.190.182.226"}"#);
    let default = Emulator::start(Config::default()).unwrap();
    let reply = Conn::open(&default).digest("GET", path, &key(), "");
    assert_eq!(reply.json()["currentIpv4Address"], "127.0.0.1");
}
