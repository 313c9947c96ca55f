//! What the HTTP side tells the user while it works: notices (a retry the server asked for) and,
//! with the hidden `-D/--debug` flag, a trace of every exchange. Both reach stderr through the
//! [`Printer`]. The trace never shows a credential: `Authorization` and cookie headers keep only
//! their scheme, secret fields of JSON and form bodies (`privateKey`, tokens, client secrets,
//! the device flow's `device_code`) are blanked, and any known secret value left anywhere is
//! replaced as a last resort.

use std::time::Duration;

use crate::printer::Printer;
use crate::secret::Secret;

/// What stands in for a hidden value.
pub const REDACTED: &str = "[redacted]";

/// Body fields whose values are credentials, in Atlas API bodies and OAuth forms and answers.
const SECRET_FIELDS: &[&str] = &[
    "privateKey",
    "private_api_key",
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "password",
    // The device flow's code: whoever holds it gets the tokens once the user approves.
    "device_code",
];

/// Headers whose values are credentials.
const SECRET_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// Where the HTTP side reports to.
pub trait Report {
    /// A line the user should see (`warning: …`).
    fn notice(&self, message: &str);
    /// A line of the `-D` trace.
    fn trace(&self, text: &str);
}

impl Report for Printer {
    fn notice(&self, message: &str) {
        self.warning(message);
    }

    fn trace(&self, text: &str) {
        self.note(text);
    }
}

/// Hides credentials in traced text.
#[derive(Debug, Default, Clone)]
pub struct Redactor {
    secrets: Vec<Secret>,
}

impl Redactor {
    /// A redactor that also scrubs these values wherever they appear.
    pub fn new(secrets: impl IntoIterator<Item = Secret>) -> Self {
        Self {
            // Very short values would blank ordinary text; they are too weak to matter anyway.
            secrets: secrets
                .into_iter()
                .filter(|s| s.expose().len() >= 4)
                .collect(),
        }
    }

    /// Adds a value learnt later (a token fetched during the run).
    pub fn add(&mut self, secret: &Secret) {
        self.secrets.extend(Redactor::new([secret.clone()]).secrets);
    }

    /// `Name: value`, the value hidden for credential headers (the scheme is kept).
    pub fn header(&self, name: &str, value: &str) -> String {
        if SECRET_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            let scheme = value.split_whitespace().next().unwrap_or_default();
            let scheme = if name.eq_ignore_ascii_case("authorization") {
                scheme
            } else {
                ""
            };
            let shown = format!("{scheme} {REDACTED}");
            return format!("{name}: {}", shown.trim_start());
        }
        format!("{name}: {}", self.scrub(value))
    }

    /// A body with its secret fields blanked (JSON or form), then scrubbed.
    pub fn body(&self, body: &str) -> String {
        let blanked = match serde_json::from_str::<serde_json::Value>(body) {
            Ok(mut json) if json.is_object() || json.is_array() => {
                blank_json(&mut json);
                json.to_string()
            }
            _ if looks_like_form(body) => blank_form(body),
            _ => body.to_string(),
        };
        self.scrub(&blanked)
    }

    fn scrub(&self, text: &str) -> String {
        self.secrets
            .iter()
            .fold(text.to_string(), |t, s| t.replace(s.expose(), REDACTED))
    }
}

fn blank_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if SECRET_FIELDS.contains(&key.as_str()) && !v.is_null() {
                    *v = serde_json::Value::String(REDACTED.into());
                } else {
                    blank_json(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(blank_json),
        _ => {}
    }
}

fn looks_like_form(body: &str) -> bool {
    !body.is_empty()
        && body.split('&').all(|pair| {
            pair.split_once('=').is_some_and(|(k, _)| {
                !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
        })
}

fn blank_form(body: &str) -> String {
    let pairs: Vec<String> = body
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if SECRET_FIELDS.contains(&k) => format!("{k}={REDACTED}"),
            _ => pair.to_string(),
        })
        .collect();
    pairs.join("&")
}

/// The trace of a request about to be sent.
pub fn request(
    redactor: &Redactor,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) -> String {
    let mut text = format!("> {method} {}", redactor.scrub(url));
    for (name, value) in headers {
        text.push_str(&format!("\n> {}", redactor.header(name, value)));
    }
    if let Some(body) = body.filter(|b| !b.is_empty()) {
        text.push_str(&format!("\n>\n> {}", redactor.body(body)));
    }
    text
}

/// The parts of a response the trace shows.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    /// The status code.
    pub status: u16,
    /// The headers, in order.
    pub headers: &'a [(String, String)],
    /// The body.
    pub body: &'a str,
}

/// The trace of a response, or of a failure to get one.
pub fn response(
    redactor: &Redactor,
    outcome: Result<Answer<'_>, &str>,
    elapsed: Duration,
) -> String {
    let ms = elapsed.as_millis();
    let Answer {
        status,
        headers,
        body,
    } = match outcome {
        Ok(answer) => answer,
        Err(why) => return format!("< no response after {ms} ms: {}", redactor.scrub(why)),
    };
    let mut text = format!("< {status} ({ms} ms)");
    for (name, value) in headers {
        text.push_str(&format!("\n< {}", redactor.header(name, value)));
    }
    if !body.is_empty() {
        text.push_str(&format!("\n<\n< {}", redactor.body(body)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_headers_keep_only_their_scheme() {
        let r = Redactor::default();
        let table = [
            (
                "Authorization",
                "Digest username=\"abc\", response=\"f00\"",
                "Authorization: Digest [redacted]",
            ),
            (
                "authorization",
                "Bearer eyJabc.def.ghi",
                "authorization: Bearer [redacted]",
            ),
            (
                "Authorization",
                "Basic bWU6c2VjcmV0",
                "Authorization: Basic [redacted]",
            ),
            ("Set-Cookie", "mms=abc; Path=/", "Set-Cookie: [redacted]"),
            ("Accept", "application/json", "Accept: application/json"),
        ];
        for (name, value, want) in table {
            assert_eq!(r.header(name, value), want);
        }
    }

    #[test]
    fn secret_body_fields_are_blanked_in_json_and_forms() {
        let r = Redactor::default();
        let json = r#"{"desc":"d","privateKey":"a1b2-c3","roles":[{"access_token":"t"}],"publicKey":"abcdefgh"}"#;
        let blanked: serde_json::Value = serde_json::from_str(&r.body(json)).unwrap();
        let want = serde_json::json!({"desc": "d", "privateKey": REDACTED,
            "roles": [{"access_token": REDACTED}], "publicKey": "abcdefgh"});
        assert_eq!(blanked, want);
        let form =
            "client_id=cid&refresh_token=rt_123&grant_type=refresh_token&scope=openid+profile";
        assert_eq!(
            r.body(form),
            "client_id=cid&refresh_token=[redacted]&grant_type=refresh_token&scope=openid+profile"
        );
        assert_eq!(r.body("<html>oops</html>"), "<html>oops</html>");
    }

    #[test]
    fn known_secret_values_are_scrubbed_anywhere() {
        let r = Redactor::new([Secret::new("hunter2-private"), Secret::new("abc")]);
        let text = request(
            &r,
            "POST",
            "http://h/api?x=hunter2-private",
            &[("X-Echo".into(), "hunter2-private".into())],
            Some("detail: hunter2-private is wrong, abc"),
        );
        assert!(!text.contains("hunter2-private"), "{text}");
        assert!(text.contains("abc"), "values shorter than 4 stay: {text}");
    }

    #[test]
    fn response_trace_names_status_time_or_failure() {
        let r = Redactor::default();
        let headers = [("Content-Type".to_string(), "application/json".to_string())];
        let answer = Answer {
            status: 200,
            headers: &headers,
            body: "{}",
        };
        let ok = response(&r, Ok(answer), Duration::from_millis(7));
        assert_eq!(
            ok,
            "< 200 (7 ms)\n< Content-Type: application/json\n<\n< {}"
        );
        let failed = response(&r, Err("connection refused"), Duration::from_millis(3));
        assert_eq!(failed, "< no response after 3 ms: connection refused");
    }
}
