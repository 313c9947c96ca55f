//! Tests for request preparation: what a plugin may and may not make the host send.

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
        spec("POST", "/api/a%2fb"),
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
fn user_agent_has_the_go_cli_shape() {
    let ua = user_agent();
    assert!(
        ua.starts_with("atlascli/") && ua.ends_with(";native)"),
        "{ua}"
    );
}

#[test]
fn an_error_body_that_is_not_json_gets_its_url_and_an_excerpt() {
    let request = SentRequest {
        method: "POST".into(),
        url: "https://cloud.mongodb.com/api/x".into(),
    };
    let response = |content_type: Option<&str>, body: &str| HttpResponse {
        status: 502,
        content_type: content_type.map(str::to_string),
        body: body.into(),
    };
    let table = [
        (Some("application/json"), "{}", "m"),
        (
            Some("application/vnd.atlas.2023-01-01+json;charset=utf-8"),
            "{}",
            "m",
        ),
        (
            Some("text/html"),
            "<html>\n  <b>Bad</b>\n</html>",
            "m\nPOST https://cloud.mongodb.com/api/x answered HTTP 502 with a body that is not JSON (text/html): <html> <b>Bad</b> </html>",
        ),
        (
            None,
            "",
            "m\nPOST https://cloud.mongodb.com/api/x answered HTTP 502 with a body that is not JSON (no content type): ",
        ),
    ];
    for (content_type, body, want) in table {
        let got = with_context("m".into(), &request, &response(content_type, body));
        assert_eq!(got, want, "{content_type:?}");
    }
    let long = with_context(
        "m".into(),
        &request,
        &response(Some("text/plain"), &"x".repeat(500)),
    );
    assert!(long.ends_with(&format!("{}…", "x".repeat(200))), "{long}");
}
