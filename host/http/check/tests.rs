//! Tests for the request check: what a plugin may and may not make the host send.

use super::*;
use atlas_plugin_api::NameValue;

fn spec(method: &str, path: &str) -> RequestSpec {
    RequestSpec {
        method: method.into(),
        path: path.into(),
        ..Default::default()
    }
}

#[test]
fn places_the_request_below_the_base_url() {
    let mut s = spec(
        "POST",
        "/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys",
    );
    s.headers.push(NameValue::new(
        "Accept",
        "application/vnd.atlas.2023-01-01+json",
    ));
    s.query = vec![NameValue::new("pageNum", "1"), NameValue::new("q", "a b&c")];
    let p = prepare(&s, "http://127.0.0.1:9").unwrap();
    assert_eq!(
        p.url,
        "http://127.0.0.1:9/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys?pageNum=1&q=a%20b%26c"
    );
    assert_eq!(
        p.target,
        "/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys?pageNum=1&q=a%20b%26c"
    );
}

#[test]
fn refuses_requests_that_could_leave_the_base_url() {
    let cases = [
        spec("POST", "https://evil.example/api/x"),
        spec("POST", "//evil.example/api/x"),
        spec("POST", "/api/../../x"),
        spec("POST", "/api/%2e%2e/x"),
        spec("POST", "/api/a%2f..%2fb"),
        spec("POST", "/api/..%2Fx"),
        spec("POST", "/api/%2F"),
        spec("POST", "/api/a%2f%2fb"),
        spec("POST", "/api/a%5cb"),
        spec("POST", "/api//x"),
        spec("POST", "/api/x?y=1"),
        spec("POST", "/api/x#f"),
        spec("POST", "@evil.example/api/x"),
        spec("POST", "/other"),
        spec("POST", "/api/x\r\nHost: evil"),
        spec("CONNECT", "/api/x"),
        spec("post", "/api/x"),
    ];
    for s in cases {
        assert!(prepare(&s, "http://127.0.0.1:9").is_err(), "{s:?}");
    }
}

#[test]
fn an_escaped_slash_inside_a_segment_is_sent_as_it_is() {
    let p = prepare(
        &spec(
            "DELETE",
            "/api/atlas/v2/orgs/o/apiKeys/k/accessList/10.0.0.0%2F24",
        ),
        "http://127.0.0.1:9",
    )
    .unwrap();
    assert_eq!(
        p.target,
        "/api/atlas/v2/orgs/o/apiKeys/k/accessList/10.0.0.0%2F24"
    );
}

#[test]
fn refuses_headers_outside_the_allow_list_without_echoing_values() {
    for name in ["Authorization", "Cookie", "Host", "X-Forwarded-For"] {
        let mut s = spec("GET", "/api/x");
        s.headers.push(NameValue::new(name, "secret-value"));
        let err = prepare(&s, "http://h").unwrap_err();
        assert!(err.contains(name) && !err.contains("secret-value"), "{err}");
    }
    let mut s = spec("GET", "/api/x");
    s.headers.push(NameValue::new("Accept", "a\r\nX: y"));
    assert!(prepare(&s, "http://h").is_err());
}

#[test]
fn query_values_are_percent_encoded_like_before() {
    let mut s = spec("GET", "/api/x");
    s.query = vec![NameValue::new("a~b", "é/ +%")];
    assert_eq!(
        prepare(&s, "http://h").unwrap().target,
        "/api/x?a~b=%C3%A9%2F%20%2B%25"
    );
}

#[test]
fn broken_escapes_in_a_path_are_refused() {
    for path in ["/api/a%2", "/api/a%zz", "/api/%"] {
        assert!(prepare(&spec("GET", path), "http://h").is_err(), "{path}");
    }
    assert!(prepare(&spec("GET", "/api/a%41b"), "http://h").is_ok());
}

#[test]
fn a_url_with_user_information_is_refused_without_echoing_it() {
    let table = [
        ("http://user:pw@host", Some("http://***@host")),
        ("https://u@h:8443/base", Some("https://***@h:8443/base")),
        ("https://a:b@c@h", Some("https://***@h")),
        ("https://cloud.mongodb.com", None),
        ("http://h/path@x", None),
    ];
    for (url, want) in table {
        let got = no_userinfo("base", url).err().map(|e| e.shown);
        assert_eq!(got.as_deref(), want, "{url}");
    }
    let e = no_userinfo("base", "http://user:hunter2@host").unwrap_err();
    assert!(!e.to_string().contains("hunter2") && !e.help().contains("hunter2"));
}
