//! The HTTP side: turns a plugin's untrusted [`RequestSpec`] into a request to the configured
//! base URL (and nowhere else); [`client`] sends one request, [`exchange`] decides the few
//! resends that are safe, [`proxy`] picks the proxy.
//!
//! A request is never sent again once it may have reached the server; the only second sends are
//! answers to refusals (a Digest challenge, a stale nonce, a 429 with `Retry-After`).

pub mod client;
pub mod exchange;
mod proxy;

use atlas_plugin_api::{HttpResponse, RequestSpec, SentRequest};

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
    /// Whether the request may have reached the server (it was not sent again either way).
    pub may_have_reached: bool,
}

impl NetworkError {
    /// Advice for a request that changes something and may have been acted on.
    pub fn note(&self) -> Option<&'static str> {
        (self.may_have_reached && self.method != "GET").then_some(
            "The request may have reached the server and been acted on; it was not sent again.\nhelp: check whether it took effect before running the command again.",
        )
    }
}

/// An API error message with what the host knows and the plugin could not say: when the body is
/// not JSON (an HTML page from a proxy or a load balancer), which URL answered what.
pub fn with_context(message: String, request: &SentRequest, response: &HttpResponse) -> String {
    let content_type = response
        .content_type
        .as_deref()
        .unwrap_or("no content type");
    if content_type.to_ascii_lowercase().contains("json") {
        return message;
    }
    let body: String = response
        .body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let excerpt: String = body.chars().take(200).collect();
    let more = if excerpt.len() < body.len() {
        "…"
    } else {
        ""
    };
    format!(
        "{message}\n{} {} answered HTTP {} with a body that is not JSON ({content_type}): {excerpt}{more}",
        request.method, request.url, response.status
    )
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
