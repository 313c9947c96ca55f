//! The OAuth endpoints the Atlas CLI uses, all outside Digest authentication:
//! - `POST /api/oauth/token`: service accounts, `grant_type=client_credentials` with the client
//!   id and secret in HTTP Basic (each form-encoded first, as Go's `oauth2` sends them);
//! - `POST /api/private/unauth/account/device/token`: a user's `grant_type=refresh_token`, the
//!   path of the Go CLI's `auth.Config.RefreshToken`, and the device-code polls of
//!   `atlas auth login` ([`device`](crate::device), with `…/device/authorize` and
//!   `…/device/revoke`).
//!
//! Errors follow RFC 6749 §5.2 for the token endpoint and Atlas's `ApiError` (the shape the Go
//! CLI decodes, `INVALID_REFRESH_TOKEN` among its codes) for the refresh endpoint.

use crate::device::{AUTHORIZE_PATH, DEVICE_GRANT, Poll, REVOKE_PATH};
use crate::errors::ApiError;
use crate::form;
use crate::http::Request;
use crate::response::Response;
use crate::tokens::Tokens;
use crate::{Config, lock};
use std::sync::Mutex;

pub const TOKEN_PATH: &str = "/api/oauth/token";
pub const REFRESH_PATH: &str = "/api/private/unauth/account/device/token";

/// The OAuth clients of the Go CLI (`transport.ClientID`, `transport.GovClientID`): the only
/// ones the device flow serves.
pub const CLI_CLIENT_IDS: &[&str] = &["0oabtxactgS3gHIR0297", "0oabtyfelbTBdoucy297"];

/// Where Atlas sends a person to type the code.
pub const VERIFICATION_URI: &str = "https://account.mongodb.com/account/connect";

/// Whether this request is for one of the OAuth endpoints.
pub fn is_oauth(req: &Request) -> bool {
    matches!(
        req.path(),
        TOKEN_PATH | REFRESH_PATH | AUTHORIZE_PATH | REVOKE_PATH
    )
}

/// Answers an OAuth request; the flag says whether its credentials were good.
pub fn handle(req: &Request, config: &Config, tokens: &Mutex<Tokens>) -> (Response, bool) {
    if req.method != "POST" {
        let resp = ApiError::method_not_allowed(&req.method).into_response();
        return (resp.header("Allow", "POST"), false);
    }
    let pairs = form::parse(&String::from_utf8_lossy(&req.body));
    match req.path() {
        TOKEN_PATH => client_credentials(req, &pairs, config, tokens),
        AUTHORIZE_PATH => authorize(&pairs, tokens),
        REVOKE_PATH => revoke(&pairs, tokens),
        _ if form::get(&pairs, "grant_type") == Some(DEVICE_GRANT) => {
            device_token(&pairs, config, tokens)
        }
        _ => refresh(&pairs, config, tokens),
    }
}

/// The client of a device-flow request, if it is the Go CLI's.
fn cli_client(pairs: &[(String, String)]) -> Option<&str> {
    form::get(pairs, "client_id").filter(|id| CLI_CLIENT_IDS.contains(id))
}

fn authorize(pairs: &[(String, String)], tokens: &Mutex<Tokens>) -> (Response, bool) {
    let Some(client_id) = cli_client(pairs) else {
        return (oauth_error(401, "invalid_client"), false);
    };
    let scope = form::get(pairs, "scope").unwrap_or_default();
    let issued = lock(tokens).devices.authorize(client_id, scope);
    let body = serde_json::json!({
        "device_code": issued.device_code,
        "expires_in": issued.expires_in,
        "interval": issued.interval,
        "user_code": issued.user_code,
        "verification_uri": VERIFICATION_URI,
    });
    (json(200, &body), true)
}

fn device_token(
    pairs: &[(String, String)],
    config: &Config,
    tokens: &Mutex<Tokens>,
) -> (Response, bool) {
    let Some(client_id) = cli_client(pairs) else {
        return (oauth_error(401, "invalid_client"), false);
    };
    let code = form::get(pairs, "device_code").unwrap_or_default();
    let mut tokens = lock(tokens);
    let atlas = |code, detail: &str| {
        (
            ApiError::new(400, code, detail, vec![]).into_response(),
            false,
        )
    };
    match tokens.devices.poll(client_id, code) {
        Poll::Pending => atlas(
            "DEVICE_AUTHORIZATION_PENDING",
            "The device authorization is pending. Please try again later.",
        ),
        Poll::Expired => atlas(
            "DEVICE_AUTHORIZATION_EXPIRED",
            "The device authorization has expired.",
        ),
        Poll::SlowDown => (oauth_error(400, "slow_down"), false),
        Poll::Denied => (oauth_error(400, "access_denied"), false),
        Poll::Unknown => (oauth_error(400, "invalid_grant"), false),
        Poll::Granted { subject, scope } => {
            let lifetime = config.token_lifetime.as_secs() as i64;
            let body = serde_json::json!({
                "access_token": tokens.issue_access(&subject, lifetime),
                "expires_in": lifetime,
                "refresh_token": tokens.issue_refresh(&subject),
                "scope": scope,
                "token_type": "Bearer",
            });
            (json(200, &body), true)
        }
    }
}

/// RFC 7009: 200 whether or not the token was known, so nothing is learnt from the answer.
fn revoke(pairs: &[(String, String)], tokens: &Mutex<Tokens>) -> (Response, bool) {
    if cli_client(pairs).is_none() {
        return (oauth_error(401, "invalid_client"), false);
    }
    let Some(token) = form::get(pairs, "token").filter(|t| !t.is_empty()) else {
        return (oauth_error(400, "invalid_request"), false);
    };
    lock(tokens).revoke(token);
    (Response::new(200).header("Cache-Control", "no-store"), true)
}

fn client_credentials(
    req: &Request,
    pairs: &[(String, String)],
    config: &Config,
    tokens: &Mutex<Tokens>,
) -> (Response, bool) {
    if form::get(pairs, "grant_type") != Some("client_credentials") {
        return (oauth_error(400, "unsupported_grant_type"), false);
    }
    let known = basic(req.header("authorization"))
        .is_some_and(|(id, secret)| id == config.client_id && secret == config.client_secret);
    if !known {
        return (oauth_error(401, "invalid_client"), false);
    }
    let lifetime = config.token_lifetime.as_secs() as i64;
    let token = lock(tokens).issue_access(&config.client_id, lifetime);
    let body = serde_json::json!({
        "access_token": token,
        "expires_in": lifetime,
        "token_type": "Bearer",
    });
    (json(200, &body), true)
}

fn refresh(
    pairs: &[(String, String)],
    config: &Config,
    tokens: &Mutex<Tokens>,
) -> (Response, bool) {
    if form::get(pairs, "grant_type") != Some("refresh_token") {
        return (oauth_error(400, "unsupported_grant_type"), false);
    }
    let presented = form::get(pairs, "refresh_token").unwrap_or_default();
    let mut tokens = lock(tokens);
    let Some(subject) = tokens.redeem(presented) else {
        let error = ApiError::new(
            400,
            "INVALID_REFRESH_TOKEN",
            "The refresh token is invalid or expired.",
            vec![],
        );
        return (error.into_response(), false);
    };
    let lifetime = config.token_lifetime.as_secs() as i64;
    let body = serde_json::json!({
        "access_token": tokens.issue_access(&subject, lifetime),
        "expires_in": lifetime,
        "refresh_token": tokens.issue_refresh(&subject),
        "scope": form::get(pairs, "scope").unwrap_or_default(),
        "token_type": "Bearer",
    });
    (json(200, &body), true)
}

/// `Basic base64(urlencode(id) ":" urlencode(secret))` → (id, secret).
fn basic(header: Option<&str>) -> Option<(String, String)> {
    let (scheme, value) = header?.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(form::decode(value.trim())?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((form::unescape(id), form::unescape(secret)))
}

fn oauth_error(status: u16, code: &str) -> Response {
    json(status, &serde_json::json!({ "error": code }))
}

fn json(status: u16, body: &serde_json::Value) -> Response {
    Response::new(status)
        .body("application/json", body.to_string())
        .header("Cache-Control", "no-store")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str, authorization: Option<String>, body: &str) -> Request {
        let mut headers = vec![(
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        )];
        headers.extend(authorization.map(|a| ("Authorization".to_owned(), a)));
        Request {
            method: "POST".into(),
            target: path.into(),
            version: "HTTP/1.1".into(),
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    fn basic_for(id: &str, secret: &str) -> String {
        format!(
            "Basic {}",
            form::encode(format!("{id}:{secret}").as_bytes())
        )
    }

    #[test]
    fn client_credentials_table() {
        let config = Config::default();
        let tokens = Mutex::new(Tokens::new());
        let good = basic_for(&config.client_id, &config.client_secret);
        let table = [
            (Some(good.clone()), "grant_type=client_credentials", 200),
            (Some(good), "grant_type=password", 400),
            (
                Some(basic_for(&config.client_id, "nope")),
                "grant_type=client_credentials",
                401,
            ),
            (None, "grant_type=client_credentials", 401),
        ];
        for (auth, body, status) in table {
            let (resp, ok) = handle(&request(TOKEN_PATH, auth, body), &config, &tokens);
            assert_eq!((resp.status, ok), (status, status == 200), "{body}");
        }
    }

    #[test]
    fn a_device_login_is_pending_then_granted_then_revoked() {
        let config = Config::default();
        let tokens = Mutex::new(Tokens::new());
        lock(&tokens).devices.interval = 0;
        let cli = CLI_CLIENT_IDS[0];
        let body = format!("client_id={cli}&scope=openid+profile+offline_access");
        let (resp, ok) = handle(&request(AUTHORIZE_PATH, None, &body), &config, &tokens);
        assert!(ok);
        let code: serde_json::Value = serde_json::from_slice(&resp.body).unwrap();
        let device_code = code["device_code"].as_str().unwrap();
        let poll = format!(
            "client_id={cli}&device_code={device_code}&grant_type={}",
            DEVICE_GRANT.replace(':', "%3A")
        );
        let (resp, _) = handle(&request(REFRESH_PATH, None, &poll), &config, &tokens);
        let v: serde_json::Value = serde_json::from_slice(&resp.body).unwrap();
        assert_eq!(v["errorCode"], "DEVICE_AUTHORIZATION_PENDING");
        let user_code = code["user_code"].as_str().unwrap();
        assert!(
            lock(&tokens)
                .devices
                .decide(user_code, Some("u@example.com"))
        );
        let (resp, ok) = handle(&request(REFRESH_PATH, None, &poll), &config, &tokens);
        assert!(ok);
        let v: serde_json::Value = serde_json::from_slice(&resp.body).unwrap();
        let refresh = v["refresh_token"].as_str().unwrap().to_owned();
        let body = format!("client_id={cli}&token={refresh}&token_type_hint=refresh_token");
        let (resp, ok) = handle(&request(REVOKE_PATH, None, &body), &config, &tokens);
        assert_eq!((resp.status, ok), (200, true));
        assert_eq!(lock(&tokens).redeem(&refresh), None);
        let stranger = "client_id=someone&scope=openid";
        let (resp, _) = handle(&request(AUTHORIZE_PATH, None, stranger), &config, &tokens);
        assert_eq!(resp.status, 401);
    }

    #[test]
    fn refresh_rotates_the_refresh_token() {
        let config = Config::default();
        let tokens = Mutex::new(Tokens::new());
        let first = lock(&tokens).issue_refresh("user");
        let body = format!("grant_type=refresh_token&refresh_token={first}&client_id=c");
        let (resp, ok) = handle(&request(REFRESH_PATH, None, &body), &config, &tokens);
        assert!(ok);
        let v: serde_json::Value = serde_json::from_slice(&resp.body).unwrap();
        assert_ne!(v["refresh_token"], first.as_str());
        let (resp, ok) = handle(&request(REFRESH_PATH, None, &body), &config, &tokens);
        let v: serde_json::Value = serde_json::from_slice(&resp.body).unwrap();
        assert_eq!((resp.status, ok), (400, false));
        assert_eq!(v["errorCode"], "INVALID_REFRESH_TOKEN");
    }
}
