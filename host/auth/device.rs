//! The OAuth device flow of `atlas auth login`, as the Go CLI's `go.mongodb.org/atlas/auth` runs
//! it against `{account url}/api/private/unauth/account/device/`:
//! - `authorize` (form `client_id`, `scope=openid profile offline_access`) gives the device code,
//!   the user code to type, the verification URI, `expires_in` and the poll `interval`;
//! - `token` (form `client_id`, `device_code`,
//!   `grant_type=urn:ietf:params:oauth:grant-type:device_code`) is polled every `interval`
//!   seconds (sleeping first, as Go does) until it hands out the tokens. Atlas's
//!   `DEVICE_AUTHORIZATION_PENDING` (or RFC 8628's `authorization_pending`) means poll again,
//!   `slow_down` adds 5 s to the interval (RFC 8628 §3.5), `DEVICE_AUTHORIZATION_EXPIRED` or
//!   `expired_token` (or the code's `expires_in` passing) ends it as expired, `access_denied`
//!   as declined;
//! - `revoke` (form `client_id`, `token`, `token_type_hint`) on logout.

use std::time::{Duration, Instant};

use super::AuthError;
use super::cmd::CommandError;
use super::oauth::{self, Tokens};
use crate::http::client::Client;
use crate::http::exchange::{self, Auth};
use crate::secret::Secret;

pub const AUTHORIZE_PATH: &str = "/api/private/unauth/account/device/authorize";
pub const TOKEN_PATH: &str = oauth::REFRESH_PATH;
pub const REVOKE_PATH: &str = "/api/private/unauth/account/device/revoke";
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// RFC 8628 §3.2: the interval when the server names none.
const DEFAULT_INTERVAL: u64 = 5;
/// RFC 8628 §3.5: what each `slow_down` adds.
const SLOW_DOWN: Duration = Duration::from_secs(5);

/// A login in progress (`auth.DeviceCode`).
#[derive(Debug, Clone)]
pub struct DeviceCode {
    /// What the person types in the browser.
    pub user_code: String,
    /// Where they type it.
    pub verification_uri: String,
    /// What the CLI polls with (never printed).
    pub device_code: Secret,
    /// Seconds the code lives.
    pub expires_in: u64,
    /// Seconds between polls.
    pub interval: u64,
}

impl DeviceCode {
    /// The user code as the Go CLI prints it: its two halves joined by `-`.
    pub fn display_code(&self) -> String {
        let code = &self.user_code;
        let half = code.char_indices().nth(code.chars().count() / 2);
        match half {
            Some((i, _)) => format!("{}-{}", &code[..i], &code[i..]),
            None => code.clone(),
        }
    }
}

/// Asks `account_url` for a device code for `client_id`.
pub fn request_code(
    client: &Client<'_>,
    account_url: &str,
    client_id: &str,
) -> Result<DeviceCode, AuthError> {
    let form = oauth::encode_form(&[("client_id", client_id), ("scope", oauth::SCOPES)]);
    let req = oauth::request(account_url, AUTHORIZE_PATH, form);
    let received = exchange::send(client, &req, Auth::None)?;
    let json: Option<serde_json::Value> = serde_json::from_slice(&received.body).ok();
    let failure = |detail: &str| AuthError::Token {
        url: req.url.clone(),
        status: received.status,
        code: None,
        detail: detail.to_string(),
    };
    if !(200..300).contains(&received.status) {
        // The same reading of an error answer as the token endpoints'.
        return Err(oauth::tokens(&req, &received)
            .err()
            .unwrap_or_else(|| failure("the request failed")));
    }
    let json = json.ok_or_else(|| failure("the answer is not JSON"))?;
    let text = |field: &str| json[field].as_str().filter(|s| !s.is_empty());
    let (Some(user_code), Some(uri), Some(device_code)) = (
        text("user_code"),
        text("verification_uri"),
        text("device_code"),
    ) else {
        return Err(failure(
            "the answer lacks user_code, verification_uri or device_code",
        ));
    };
    let code = DeviceCode {
        user_code: user_code.to_string(),
        verification_uri: uri.to_string(),
        device_code: Secret::new(device_code),
        expires_in: json["expires_in"].as_u64().unwrap_or(0),
        interval: json["interval"].as_u64().unwrap_or(DEFAULT_INTERVAL),
    };
    client.hide(&code.device_code);
    Ok(code)
}

/// One poll's verdict.
#[derive(Debug)]
pub enum Poll {
    Granted(Tokens),
    Pending,
    SlowDown,
    Expired,
    Denied,
}

/// What an answer of the token endpoint says about a device code.
pub fn verdict(answer: Result<Tokens, AuthError>) -> Result<Poll, AuthError> {
    match answer {
        Ok(tokens) => Ok(Poll::Granted(tokens)),
        Err(AuthError::Token { code: Some(c), .. })
            if matches!(
                c.as_str(),
                "DEVICE_AUTHORIZATION_PENDING" | "authorization_pending"
            ) =>
        {
            Ok(Poll::Pending)
        }
        Err(AuthError::Token { code: Some(c), .. }) if c == "slow_down" => Ok(Poll::SlowDown),
        Err(AuthError::Token { code: Some(c), .. })
            if matches!(c.as_str(), "DEVICE_AUTHORIZATION_EXPIRED" | "expired_token") =>
        {
            Ok(Poll::Expired)
        }
        Err(AuthError::Token { code: Some(c), .. }) if c == "access_denied" => Ok(Poll::Denied),
        Err(e) => Err(e),
    }
}

/// Asks the token endpoint once about `code`.
pub fn poll_once(
    client: &Client<'_>,
    account_url: &str,
    client_id: &str,
    code: &DeviceCode,
) -> Result<Poll, AuthError> {
    let form = oauth::encode_form(&[
        ("client_id", client_id),
        ("device_code", code.device_code.expose()),
        ("grant_type", DEVICE_GRANT),
    ]);
    let req = oauth::request(account_url, TOKEN_PATH, form);
    let received = exchange::send(client, &req, Auth::None)?;
    verdict(oauth::tokens(&req, &received))
}

/// Polls (through `ask`, one poll per call) until the code is granted, declined or expired:
/// `sleep` waits between polls, `now` tells the time (both injected so the schedule is tested
/// without waiting).
pub fn poll_until(
    code: &DeviceCode,
    ask: &mut dyn FnMut() -> Result<Poll, AuthError>,
    sleep: &mut dyn FnMut(Duration),
    now: &dyn Fn() -> Instant,
) -> Result<Tokens, CommandError> {
    // A zero interval would hammer the server: one second at least.
    let mut interval = Duration::from_secs(code.interval.max(1));
    let expires_at = now() + Duration::from_secs(code.expires_in);
    loop {
        sleep(interval);
        if now() > expires_at {
            return Err(CommandError::Expired);
        }
        match ask()? {
            Poll::Granted(tokens) => return Ok(tokens),
            Poll::Pending => {}
            Poll::SlowDown => interval += SLOW_DOWN,
            Poll::Expired => return Err(CommandError::Expired),
            Poll::Denied => return Err(CommandError::Denied),
        }
    }
}

/// Revokes `token` at `account_url` (`token_type_hint`: `refresh_token`, as the Go CLI's logout
/// sends it).
pub fn revoke(
    client: &Client<'_>,
    account_url: &str,
    client_id: &str,
    token: &Secret,
) -> Result<(), AuthError> {
    let form = oauth::encode_form(&[
        ("client_id", client_id),
        ("token", token.expose()),
        ("token_type_hint", "refresh_token"),
    ]);
    let req = oauth::request(account_url, REVOKE_PATH, form);
    let received = exchange::send(client, &req, Auth::None)?;
    if (200..300).contains(&received.status) {
        return Ok(());
    }
    Err(oauth::tokens(&req, &received)
        .err()
        .unwrap_or_else(|| AuthError::Token {
            url: req.url.clone(),
            status: received.status,
            code: None,
            detail: "the revocation failed".into(),
        }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::{Cell, RefCell};

    fn code(interval: u64, expires_in: u64) -> DeviceCode {
        DeviceCode {
            user_code: "ABCDEFGH".into(),
            verification_uri: "https://account.mongodb.com/account/connect".into(),
            device_code: Secret::new("dc"),
            expires_in,
            interval,
        }
    }

    fn token_error(code: &str) -> AuthError {
        AuthError::Token {
            url: "u".into(),
            status: 400,
            code: Some(code.into()),
            detail: "d".into(),
        }
    }

    fn granted() -> Tokens {
        Tokens {
            access_token: Secret::new("a"),
            refresh_token: Some(Secret::new("r")),
            expires_at: None,
        }
    }

    #[test]
    fn the_code_is_printed_in_two_halves() {
        assert_eq!(code(1, 1).display_code(), "ABCD-EFGH");
        let mut odd = code(1, 1);
        odd.user_code = "ABCDEFG".into();
        assert_eq!(odd.display_code(), "ABC-DEFG", "Go's len/2 split");
    }

    #[test]
    fn server_codes_map_to_verdicts() {
        let table = [
            ("DEVICE_AUTHORIZATION_PENDING", "Pending"),
            ("authorization_pending", "Pending"),
            ("slow_down", "SlowDown"),
            ("DEVICE_AUTHORIZATION_EXPIRED", "Expired"),
            ("expired_token", "Expired"),
            ("access_denied", "Denied"),
        ];
        for (server, want) in table {
            let got = format!("{:?}", verdict(Err(token_error(server))).unwrap());
            assert_eq!(got, want, "{server}");
        }
        assert!(verdict(Err(token_error("invalid_client"))).is_err());
    }

    /// Polls through a scripted server on a fake clock; the waits between polls.
    fn schedule(code: &DeviceCode, answers: Vec<Poll>) -> (Result<Tokens, CommandError>, Vec<u64>) {
        let start = Instant::now();
        let elapsed = Cell::new(Duration::ZERO);
        let waits = RefCell::new(Vec::new());
        let mut answers = answers.into_iter();
        let result = poll_until(
            code,
            &mut || Ok(answers.next().expect("no more polls expected")),
            &mut |d| {
                waits.borrow_mut().push(d.as_secs());
                elapsed.set(elapsed.get() + d);
            },
            &|| start + elapsed.get(),
        );
        (result, waits.into_inner())
    }

    #[test]
    fn polls_at_the_interval_and_slows_down_when_told() {
        let answers = vec![
            Poll::Pending,
            Poll::SlowDown,
            Poll::Pending,
            Poll::Granted(granted()),
        ];
        let (result, waits) = schedule(&code(2, 600), answers);
        assert_eq!(result.unwrap().access_token, Secret::new("a"));
        assert_eq!(waits, [2, 2, 7, 7]);
        let (_, waits) = schedule(&code(0, 600), vec![Poll::Granted(granted())]);
        assert_eq!(waits, [1], "never a busy loop");
    }

    #[test]
    fn a_declined_or_expired_code_ends_the_polling() {
        let (result, _) = schedule(&code(1, 600), vec![Poll::Pending, Poll::Denied]);
        assert!(matches!(result, Err(CommandError::Denied)));
        let (result, _) = schedule(&code(1, 600), vec![Poll::Expired]);
        assert!(matches!(result, Err(CommandError::Expired)));
        // The code's own lifetime passes: no poll after it, whatever the server would say.
        let (result, waits) = schedule(&code(5, 12), vec![Poll::Pending, Poll::Pending]);
        assert!(matches!(result, Err(CommandError::Expired)));
        assert_eq!(waits, [5, 5, 5]);
    }
}
