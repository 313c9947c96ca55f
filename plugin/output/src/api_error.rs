//! A non-2xx response as the Go Atlas CLI prints it (after the host's `Error: ` prefix).
//!
//! Two layers, each matched to its source:
//! - `mongodb/atlas-sdk-go`, `admin/client.go`: `makeApiError` decodes the body into
//!   `ApiError` (`decode`: an empty body is the zero value; a JSON content type is required;
//!   a failure reads `(<status>) failed to decode response body: <err>`), then
//!   `FormatErrorMessageWithDetails` formats it. Its parameters are named `(status, path,
//!   method)` but called with `(status, method, path)`, which is why the URL comes first.
//! - `mongodb/mongodb-atlas-cli`, `internal/cli/commonerrors/errors.go`: `Check`, applied to
//!   every error in `execute`, swaps some error codes, and any body whose `error` is 401, for
//!   fixed advice texts.

use atlas_plugin_api::{HttpResponse, RenderInput, RenderOutput, SentRequest};

use crate::api_error_model::ApiError;
use crate::gofmt::{quote, sprint_list, status_line};
use crate::gojson::marshal;
use crate::gojson_parse;

const ERR_UNAUTHORIZED: &str = "unauthorized\n\nTo log in using your Atlas username and password or \
to set credentials using a Service account or API keys, run: atlas auth login";

// The space after "periodically." is in the Go source.
const ERR_INVALID_REFRESH_TOKEN: &str = "session expired\n\nPlease note that your session expires \
periodically. \nIf you use Atlas CLI for automation, see \
https://www.mongodb.com/docs/atlas/cli/stable/atlas-cli-automate/ for best practices.\nTo login, \
run: atlas auth login";

const ERR_CLUSTER_UNSUPPORTED: &str = "atlas supports this command only for M10+ clusters. You can \
upgrade your cluster by running the 'atlas cluster upgrade' command";

const ERR_OUTSIDE_VPN: &str = "forbidden action outside access allow list, if you are a MongoDB \
employee double check your VPN connection";

const ERR_ASYMMETRIC_SHARD_UNSUPPORTED: &str = "trying to run a cluster wide scaling command on an \
independent shard scaling cluster. Use --autoScalingMode 'independentShardScaling' instead";

/// `render`'s answer when the server answered with an error, as the Go CLI words it; `None` for
/// a success. The Go SDK treats every status from 300 up as an error.
pub fn for_error_status(input: &RenderInput) -> Option<RenderOutput> {
    (input.response.status >= 300).then(|| RenderOutput::Error {
        message: message(&input.request, &input.response),
    })
}

/// The message for a response with a status of 300 or more.
pub fn message(request: &SentRequest, response: &HttpResponse) -> String {
    let status = status_line(response.status);
    let api_error = match decode_body(response) {
        Ok(api_error) => api_error,
        Err(err) => return format!("({status}) failed to decode response body: {err}"),
    };
    match cli_replacement(&api_error) {
        Some(text) => text.to_string(),
        // The SDK names `localVarPath`: the base URL and the path, without the query.
        None => {
            let url = request.url.split('?').next().unwrap_or_default();
            format_with_details(&status, url, &request.method, &api_error)
        }
    }
}

/// The SDK's `decode` into `ApiError`.
fn decode_body(response: &HttpResponse) -> Result<ApiError, String> {
    if response.body.is_empty() {
        return Ok(ApiError::default());
    }
    let content_type = response
        .content_type
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if is_xml(&content_type) {
        // The SDK would try `xml.Unmarshal`; Atlas never answers in XML, so we don't port it.
        return Err("XML error bodies are not supported".to_string());
    }
    if !is_json(&content_type) {
        return Err("undefined response type".to_string());
    }
    ApiError::decode(&gojson_parse::parse(&response.body)?)
}

/// The SDK's `jsonCheck`, `(?i:(?:application|text)/(?:vnd\.[^;]+\+)?json)`, unanchored, on a
/// lower-cased content type.
fn is_json(content_type: &str) -> bool {
    subtypes(content_type).any(|rest| {
        rest.starts_with("json")
            || rest.strip_prefix("vnd.").is_some_and(|vnd| {
                let before_params = vnd.split(';').next().unwrap_or_default();
                before_params
                    .char_indices()
                    .any(|(i, _)| i > 0 && before_params[i..].starts_with("+json"))
            })
    })
}

/// The SDK's `xmlCheck`, `(?i:(?:application|text)/xml)`.
fn is_xml(content_type: &str) -> bool {
    subtypes(content_type).any(|rest| rest.starts_with("xml"))
}

/// What follows each `application/` or `text/` anywhere in the string.
fn subtypes(content_type: &str) -> impl Iterator<Item = &str> {
    ["application/", "text/"]
        .into_iter()
        .flat_map(move |prefix| {
            content_type
                .match_indices(prefix)
                .map(move |(i, _)| &content_type[i + prefix.len()..])
        })
}

/// `commonerrors.Check`: error codes first, then the `error` field (not the HTTP status).
/// `invalid_client` is an OAuth error code; the CLI adds the credential environment variables
/// it finds, which a plugin cannot see, so we give the plain text.
fn cli_replacement(api_error: &ApiError) -> Option<&'static str> {
    let by_code = match api_error.error_code.as_str() {
        "UNAUTHORIZED" | "invalid_client" => Some(ERR_UNAUTHORIZED),
        "INVALID_REFRESH_TOKEN" => Some(ERR_INVALID_REFRESH_TOKEN),
        "TENANT_CLUSTER_UPDATE_UNSUPPORTED" => Some(ERR_CLUSTER_UNSUPPORTED),
        "GLOBAL_USER_OUTSIDE_SUBNET" => Some(ERR_OUTSIDE_VPN),
        "ASYMMETRIC_SHARD_UNSUPPORTED" => Some(ERR_ASYMMETRIC_SHARD_UNSUPPORTED),
        _ => None,
    };
    by_code.or((api_error.error == 401).then_some(ERR_UNAUTHORIZED))
}

/// The SDK's `FormatErrorMessageWithDetails`:
/// `"%v %v: HTTP %v (Error code: %q) Detail: %v Reason: %v. Params: %v, BadRequestDetail: %v"`.
fn format_with_details(status: &str, url: &str, method: &str, api_error: &ApiError) -> String {
    let mut params = String::new();
    sprint_list(&mut params, "[", api_error.parameters.iter().flatten());
    let bad_request = api_error
        .bad_request_detail
        .as_ref()
        .map(|d| marshal(&d.to_value()))
        .unwrap_or_default();
    format!(
        "{url} {method}: HTTP {status} (Error code: {}) Detail: {} Reason: {}. Params: {params}, BadRequestDetail: {bad_request}",
        quote(&api_error.error_code),
        api_error.detail.as_deref().unwrap_or_default(),
        api_error.reason.as_deref().unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str =
        "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys";
    const ATLAS_JSON: &str = "application/vnd.atlas.2023-01-01+json;charset=utf-8";

    fn render(status: u16, content_type: Option<&str>, body: &str) -> String {
        let request = SentRequest {
            method: "POST".into(),
            url: URL.into(),
        };
        let response = HttpResponse {
            status,
            content_type: content_type.map(String::from),
            body: body.into(),
        };
        message(&request, &response)
    }

    #[test]
    fn formats_an_api_error_like_the_go_sdk() {
        let body = r#"{"detail":"IP address 203.0.113.7 is not allowed to access this resource.","error":403,"errorCode":"IP_ADDRESS_NOT_ON_ACCESS_LIST","parameters":["203.0.113.7"],"reason":"Forbidden"}"#;
        assert_eq!(
            render(403, Some(ATLAS_JSON), body),
            "https://cloud.mongodb.com/api/atlas/v2/orgs/5a1b39eec902201990f12345/apiKeys POST: HTTP 403 Forbidden (Error code: \"IP_ADDRESS_NOT_ON_ACCESS_LIST\") Detail: IP address 203.0.113.7 is not allowed to access this resource. Reason: Forbidden. Params: [203.0.113.7], BadRequestDetail: "
        );
    }

    #[test]
    fn prints_empty_params_and_the_bad_request_detail_as_compact_json() {
        let body = r#"{"detail":"Invalid attribute desc specified.","error":400,"errorCode":"INVALID_ATTRIBUTE","reason":"Bad Request","badRequestDetail":{"fields":[{"description":"size must be between 1 and 250","field":"desc"}]}}"#;
        let want = format!(
            "{URL} POST: HTTP 400 Bad Request (Error code: \"INVALID_ATTRIBUTE\") Detail: Invalid attribute desc specified. Reason: Bad Request. Params: [], BadRequestDetail: {}",
            r#"{"fields":[{"description":"size must be between 1 and 250","field":"desc"}]}"#
        );
        assert_eq!(render(400, Some("application/json"), body), want);
    }

    #[test]
    fn prints_params_with_go_v_formatting() {
        let body = r#"{"error":429,"errorCode":"RATE_LIMITED","parameters":["a b",1000000,1.5,true,null,{"k":"v"}]}"#;
        assert!(render(429, Some(ATLAS_JSON), body).ends_with(
            "HTTP 429 Too Many Requests (Error code: \"RATE_LIMITED\") Detail:  Reason: . Params: [a b 1e+06 1.5 true <nil> map[k:v]], BadRequestDetail: "
        ));
    }

    #[test]
    fn formats_an_empty_body_as_the_zero_api_error() {
        assert_eq!(
            render(502, None, ""),
            format!(
                "{URL} POST: HTTP 502 Bad Gateway (Error code: \"\") Detail:  Reason: . Params: [], BadRequestDetail: "
            )
        );
    }

    #[test]
    fn replaces_unauthorized_errors_with_login_advice() {
        let advice = "unauthorized\n\nTo log in using your Atlas username and password or to set credentials using a Service account or API keys, run: atlas auth login";
        let table = [
            r#"{"error":401,"errorCode":"NOT_ORG_GROUP_CREATOR","reason":"Unauthorized"}"#,
            r#"{"error":403,"errorCode":"UNAUTHORIZED"}"#,
            r#"{"error":401}"#,
        ];
        for body in table {
            assert_eq!(render(401, Some(ATLAS_JSON), body), advice, "body {body}");
        }
    }

    #[test]
    fn replaces_an_invalid_refresh_token_with_session_advice() {
        let body = r#"{"error":401,"errorCode":"INVALID_REFRESH_TOKEN"}"#;
        assert_eq!(
            render(401, Some(ATLAS_JSON), body),
            "session expired\n\nPlease note that your session expires periodically. \nIf you use Atlas CLI for automation, see https://www.mongodb.com/docs/atlas/cli/stable/atlas-cli-automate/ for best practices.\nTo login, run: atlas auth login"
        );
    }

    #[test]
    fn keeps_the_http_401_status_when_the_body_says_otherwise() {
        // The CLI looks at the body's `error`, not at the HTTP status.
        let got = render(401, Some(ATLAS_JSON), r#"{"error":403,"errorCode":"X"}"#);
        assert!(
            got.starts_with(&format!(
                "{URL} POST: HTTP 401 Unauthorized (Error code: \"X\")"
            )),
            "{got}"
        );
    }

    #[test]
    fn reports_a_body_go_cannot_decode() {
        let table = [
            (
                401,
                Some("text/html"),
                "<html>",
                "(401 Unauthorized) failed to decode response body: undefined response type",
            ),
            (
                502,
                None,
                "Bad gateway",
                "(502 Bad Gateway) failed to decode response body: undefined response type",
            ),
            (
                500,
                Some("application/json"),
                "<html>",
                "(500 Internal Server Error) failed to decode response body: invalid character '<' looking for beginning of value",
            ),
            (
                503,
                Some(ATLAS_JSON),
                r#"{"error":503"#,
                "(503 Service Unavailable) failed to decode response body: unexpected end of JSON input",
            ),
            (
                400,
                Some("Application/JSON"),
                r#"{"error":"400"}"#,
                "(400 Bad Request) failed to decode response body: json: cannot unmarshal string into Go struct field ApiError.error of type int",
            ),
        ];
        for (status, content_type, body, want) in table {
            assert_eq!(render(status, content_type, body), want, "body {body}");
        }
    }

    #[test]
    fn recognises_json_content_types_like_the_sdk() {
        let table = [
            ("application/json", true),
            ("text/json; charset=utf-8", true),
            ("application/vnd.atlas.2023-01-01+json;charset=utf-8", true),
            ("application/vnd.+json", false),
            ("application/vnd.x;+json", false),
            ("application/problem+json", false),
            ("text/html", false),
            ("", false),
        ];
        for (content_type, want) in table {
            assert_eq!(is_json(content_type), want, "{content_type}");
        }
        assert!(
            is_xml("application/xml")
                && is_xml("text/xml; charset=utf-8")
                && !is_xml("application/json")
        );
    }
}
