//! Tests for what the HTTP side adds to a request and an error: the User-Agent, and the context
//! of a body that is not JSON.

use super::*;

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
