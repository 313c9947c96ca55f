//! The two OAuth token requests of the Go Atlas CLI:
//! - a user's refresh (`go.mongodb.org/atlas/auth`, `Config.RefreshToken`): `POST
//!   {account url}/api/private/unauth/account/device/token` with the form `client_id`,
//!   `grant_type=refresh_token`, `refresh_token`, `scope=openid profile offline_access`;
//! - a service account's client credentials (`atlas-sdk-go`, `clientcredentials`): `POST
//!   {base}/api/oauth/token` with HTTP Basic `urlencode(id):urlencode(secret)` (golang.org/x/oauth2's
//!   `AuthStyleInHeader`) and `grant_type=client_credentials`.
//!
//! Both answer `{"access_token", "expires_in", "refresh_token"?, …}`.

use base64::Engine as _;

use super::AuthError;
use super::jwt;
use crate::http::Prepared;
use crate::http::client::{Client, Received};
use crate::http::exchange::{self, Auth};
use crate::secret::Secret;

/// The path of the user token refresh.
pub const REFRESH_PATH: &str = "/api/private/unauth/account/device/token";
/// The path of the service-account token endpoint.
pub const TOKEN_PATH: &str = "/api/oauth/token";
/// The scopes the Go CLI asks for.
pub(super) const SCOPES: &str = "openid profile offline_access";

/// What a token endpoint handed out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    /// The new access token.
    pub access_token: Secret,
    /// The new refresh token, if the server rotated it.
    pub refresh_token: Option<Secret>,
    /// When the access token expires (seconds since the epoch), if known.
    pub expires_at: Option<i64>,
}

/// Trades a refresh token for new tokens at `account_url`.
pub fn refresh(
    client: &Client<'_>,
    account_url: &str,
    client_id: &str,
    refresh_token: &Secret,
) -> Result<Tokens, AuthError> {
    let form = encode_form(&[
        ("client_id", client_id),
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token.expose()),
        ("scope", SCOPES),
    ]);
    let req = request(account_url, REFRESH_PATH, form);
    let response = exchange::send(client, &req, Auth::None)?;
    tokens(&req, &response).map_err(|e| match e {
        // The Go CLI's `commonerrors.Check` turns this code into "session expired".
        AuthError::Token { code, .. } if code.as_deref() == Some("INVALID_REFRESH_TOKEN") => {
            AuthError::SessionExpired
        }
        other => other,
    })
}

/// Trades a service account's client id and secret for an access token at `base_url`.
pub fn client_credentials(
    client: &Client<'_>,
    base_url: &str,
    client_id: &str,
    secret: &Secret,
) -> Result<Tokens, AuthError> {
    let credentials = format!(
        "{}:{}",
        query_escape(client_id),
        query_escape(secret.expose())
    );
    let basic = Secret::new(base64::engine::general_purpose::STANDARD.encode(credentials));
    client.hide(&basic);
    let req = request(
        base_url,
        TOKEN_PATH,
        encode_form(&[("grant_type", "client_credentials")]),
    );
    let response = exchange::send(client, &req, Auth::Basic(&basic))?;
    tokens(&req, &response).map_err(|e| match e {
        AuthError::Token { code, .. } if code.as_deref() == Some("invalid_client") => {
            AuthError::Unauthorized
        }
        other => other,
    })
}

pub(super) fn request(base: &str, path: &str, form: String) -> Prepared {
    Prepared {
        method: "POST".into(),
        url: format!("{base}{path}"),
        target: path.into(),
        headers: vec![
            (
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
            ("Accept".into(), "application/json".into()),
        ],
        body: Some(form),
    }
}

/// The tokens in a 2xx answer; otherwise what the server said.
pub(super) fn tokens(req: &Prepared, response: &Received) -> Result<Tokens, AuthError> {
    let json: Option<serde_json::Value> = serde_json::from_slice(&response.body).ok();
    let text = |field: &str| {
        json.as_ref()?
            .get(field)?
            .as_str()
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let failure = |detail: String| AuthError::Token {
        url: req.url.clone(),
        status: response.status,
        code: text("errorCode").or_else(|| text("error")),
        detail,
    };
    if !(200..300).contains(&response.status) {
        let detail = text("detail")
            .or_else(|| text("error_description"))
            .or_else(|| text("error"))
            .unwrap_or_else(|| excerpt(&response.text()));
        return Err(failure(detail));
    }
    let Some(access) = text("access_token") else {
        return Err(failure("the answer has no access_token".into()));
    };
    let expires_in = json.as_ref().and_then(|j| j["expires_in"].as_i64());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Ok(Tokens {
        expires_at: expires_in.map(|s| now + s).or_else(|| jwt::expiry(&access)),
        access_token: Secret::new(access),
        refresh_token: text("refresh_token").map(Secret::new),
    })
}

/// The start of a body that is not the expected JSON, on one line.
fn excerpt(body: &str) -> String {
    let one_line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None if one_line.is_empty() => "(empty body)".into(),
        None => one_line,
    }
}

/// Go's `url.Values.Encode` for pairs already in key order.
pub(super) fn encode_form(pairs: &[(&str, &str)]) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", query_escape(k), query_escape(v)))
        .collect();
    encoded.join("&")
}

/// Go's `url.QueryEscape`: unreserved bytes as is, space as `+`, everything else `%XX` (a `%20`
/// in the output can only come from a space: a `%` in the input becomes `%25`).
fn query_escape(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, crate::http::check::UNRESERVED)
        .to_string()
        .replace("%20", "+")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received(status: u16, body: &str) -> Received {
        Received {
            status,
            body: body.into(),
            ..Received::default()
        }
    }

    #[test]
    fn forms_are_encoded_like_go() {
        let form = encode_form(&[("scope", SCOPES), ("x", "a/b+c&d=é")]);
        assert_eq!(
            form,
            "scope=openid+profile+offline_access&x=a%2Fb%2Bc%26d%3D%C3%A9"
        );
        assert_eq!(query_escape("a b%20c~"), "a+b%2520c~");
    }

    #[test]
    fn token_answers_and_failures() {
        let req = request("http://h", TOKEN_PATH, String::new());
        let ok = tokens(
            &req,
            &received(
                200,
                r#"{"access_token":"a","expires_in":60,"refresh_token":"r"}"#,
            ),
        )
        .unwrap();
        assert_eq!(ok.access_token, Secret::new("a"));
        assert_eq!(ok.refresh_token, Some(Secret::new("r")));
        assert!(ok.expires_at.is_some());
        let table = [
            (
                400,
                r#"{"error":400,"errorCode":"INVALID_REFRESH_TOKEN","detail":"gone"}"#,
                Some("INVALID_REFRESH_TOKEN"),
                "gone",
            ),
            (
                401,
                r#"{"error":"invalid_client"}"#,
                Some("invalid_client"),
                "invalid_client",
            ),
            (
                502,
                "<html> bad\n gateway </html>",
                None,
                "<html> bad gateway </html>",
            ),
            (
                200,
                r#"{"token_type":"Bearer"}"#,
                None,
                "the answer has no access_token",
            ),
        ];
        for (status, body, want_code, want_detail) in table {
            match tokens(&req, &received(status, body)) {
                Err(AuthError::Token {
                    code,
                    detail,
                    status: s,
                    url,
                }) => {
                    assert_eq!(
                        (code.as_deref(), detail.as_str(), s),
                        (want_code, want_detail, status)
                    );
                    assert_eq!(url, "http://h/api/oauth/token");
                }
                other => panic!("{status} {body}: {other:?}"),
            }
        }
    }
}
