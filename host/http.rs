//! The HTTP side: turns a plugin's untrusted [`RequestSpec`] into a request to the configured
//! base URL (and nowhere else), authenticates it, sends it, and hands back the response.
//!
//! A request is never sent again once it may have reached the server; the only second send is
//! the answer to a Digest challenge (the server refused the first one without acting on it).

use std::time::Duration;

use atlas_plugin_api::{HttpResponse, RequestSpec, SentRequest};

use crate::config::Credentials;
use crate::digest::{self, Answer};

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];
const HEADERS: &[&str] = &["accept", "content-type"];

/// A request that passed every check, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The method.
    pub method: String,
    /// The full URL.
    pub url: String,
    /// The request target (path and query) as sent: what Digest signs.
    pub target: String,
    /// Headers from the plugin (allow-listed).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Option<String>,
}

impl Prepared {
    /// What render is told about the request.
    pub fn sent(&self) -> SentRequest {
        SentRequest {
            method: self.method.clone(),
            url: self.url.clone(),
        }
    }
}

/// Checks a plugin's request spec and places it below `base_url`. The error says what was
/// refused; it never echoes header values (a plugin could try to smuggle secrets in them).
pub fn prepare(spec: &RequestSpec, base_url: &str) -> Result<Prepared, String> {
    if !METHODS.contains(&spec.method.as_str()) {
        return Err(format!("a request with method {:?}", spec.method));
    }
    check_path(&spec.path).map_err(|why| format!("the request path {:?}: {why}", spec.path))?;
    let mut headers = Vec::new();
    for h in &spec.headers {
        let ok_value = h.value.chars().all(|c| (' '..='~').contains(&c));
        if !HEADERS.contains(&h.name.to_ascii_lowercase().as_str()) || !ok_value {
            return Err(format!(
                "the request header {:?} (only Accept and Content-Type are allowed)",
                h.name
            ));
        }
        headers.push((h.name.clone(), h.value.clone()));
    }
    let mut target = spec.path.clone();
    for (i, q) in spec.query.iter().enumerate() {
        target.push(if i == 0 { '?' } else { '&' });
        target.push_str(&format!("{}={}", encode(&q.name), encode(&q.value)));
    }
    Ok(Prepared {
        method: spec.method.clone(),
        url: format!("{base_url}{target}"),
        target,
        headers,
        body: spec.body.clone(),
    })
}

/// A path below the base URL: `/api/…`, plain segments, no way to climb out or change host.
fn check_path(path: &str) -> Result<(), &'static str> {
    if !path.starts_with("/api/") {
        return Err("it must start with /api/");
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/%".contains(c);
    if !path.chars().all(allowed) {
        return Err("it has characters that are not allowed in a path");
    }
    for segment in path.split('/').skip(1) {
        let decoded = percent_decode(segment).ok_or("it has a broken %-escape")?;
        if segment.is_empty() || decoded == "." || decoded == ".." || decoded.contains(['/', '\\'])
        {
            return Err("it has an empty, `.` or `..` segment or an encoded slash");
        }
    }
    Ok(())
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A failure to get any response.
#[derive(Debug, thiserror::Error)]
#[error("{method} {url}: {message}")]
pub struct NetworkError {
    /// The method.
    pub method: String,
    /// The URL (never carries credentials).
    pub url: String,
    /// What happened.
    pub message: String,
}

/// Sends requests with one set of credentials.
pub struct Client {
    agent: ureq::Agent,
    credentials: Credentials,
}

impl Client {
    /// A client that authenticates with `credentials`.
    pub fn new(credentials: Credentials) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(120)))
            .user_agent(user_agent())
            .build();
        Self {
            agent: config.into(),
            credentials,
        }
    }

    /// Sends `req`, answering a Digest challenge once (and once more if the server says the nonce
    /// was stale). Never resends after a network error.
    pub fn send(&self, req: &Prepared) -> Result<HttpResponse, NetworkError> {
        let mut response = self.send_once(req, None)?;
        let Credentials::ApiKeys { public, private } = &self.credentials else {
            return Ok(response.inner);
        };
        for nc in 1..=2 {
            let Some(challenge) = response
                .challenge
                .as_deref()
                .and_then(digest::parse_challenge)
            else {
                break;
            };
            if response.inner.status != 401 || (nc == 2 && !challenge.stale) {
                break;
            }
            let cnonce = random_hex(16);
            let answer = Answer {
                username: public,
                password: private,
                method: &req.method,
                uri: &req.target,
                cnonce: &cnonce,
                nc: 1,
            };
            response = self.send_once(req, Some(digest::authorization(&challenge, &answer)))?;
        }
        Ok(response.inner)
    }

    fn send_once(
        &self,
        req: &Prepared,
        authorization: Option<String>,
    ) -> Result<Raw, NetworkError> {
        let fail = |message: String| NetworkError {
            method: req.method.clone(),
            url: req.url.clone(),
            message,
        };
        let mut builder = ureq::http::Request::builder()
            .method(req.method.as_str())
            .uri(&req.url);
        for (name, value) in &req.headers {
            builder = builder.header(name, value);
        }
        if let Some(value) = authorization {
            builder = builder.header("Authorization", value);
        }
        let result = match &req.body {
            Some(body) => builder
                .body(body.clone().into_bytes())
                .map(|r| self.agent.run(r)),
            None => builder.body(()).map(|r| self.agent.run(r)),
        };
        let mut response = result
            .map_err(|e| fail(e.to_string()))?
            .map_err(|e| fail(e.to_string()))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type");
        let challenge = header("www-authenticate");
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .read_to_string()
            .map_err(|e| fail(format!("reading the response: {e}")))?;
        Ok(Raw {
            inner: HttpResponse {
                status,
                content_type,
                body,
            },
            challenge,
        })
    }
}

struct Raw {
    inner: HttpResponse,
    challenge: Option<String>,
}

/// The Go CLI's form: `atlascli/<version> (<os>;<arch>;native)`, with Go's os/arch names.
pub fn user_agent() -> String {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        other => other,
    };
    format!(
        "atlascli/{} ({};{arch};native)",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    )
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // A predictable cnonce weakens Digest but never breaks it; the OS source is always there.
    let _ = getrandom::fill(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests;
