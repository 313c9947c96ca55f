//! The HTTP side: [`check`] turns a plugin's untrusted request spec into a request to the
//! configured base URL (and nowhere else); [`client`] sends one request and keeps every byte of
//! the answer that arrived ([`capture`] sees them on the wire, [`body`] reads and decodes the
//! body), [`exchange`] decides the few resends that are safe, [`proxy`] picks the proxy and
//! [`roots`] the certificates TLS trusts.
//!
//! A request is never sent again once it may have reached the server; the only second sends are
//! answers to refusals (a Digest challenge, a stale nonce, a 429 with `Retry-After`).

mod body;
mod capture;
pub mod check;
pub mod client;
pub mod exchange;
mod proxy;
mod roots;

use atlas_plugin_api::{HttpResponse, SentRequest};
pub use check::{Prepared, prepare};

/// A failure to get a whole response.
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
    /// What arrived of the answer before it failed (empty when nothing did); boxed, as it is
    /// rare and errors travel far.
    pub partial: Box<Partial>,
    /// What to do, when the failure is the user's to fix (a certificate setting).
    pub advice: Option<&'static str>,
}

/// The part of an answer that arrived before the exchange failed.
#[derive(Debug, Default)]
pub struct Partial {
    /// The body bytes (decoded from chunked and from a content encoding we know), or, when the
    /// head could not be understood, everything after it as it came.
    pub bytes: Vec<u8>,
    /// A `Content-Encoding` the bytes are still in (one we could not undo).
    pub encoding: Option<String>,
    /// The rest of an answer larger than the host reads, still coming (for stdout).
    pub rest: Option<Rest>,
    /// Whether `bytes` (and `rest`) went to stdout.
    pub printed: bool,
}

/// The unread rest of an answer (a reader on the connection), bounded by `http_timeout`.
pub struct Rest(pub Box<dyn std::io::Read + Send + Sync>);

impl std::fmt::Debug for Rest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Rest(..)")
    }
}

impl NetworkError {
    /// Whether the request changes something (not GET) and may have been acted on.
    pub fn may_have_acted(&self) -> bool {
        self.may_have_reached && self.method != "GET"
    }

    /// What became of the request and of what arrived, for stderr.
    pub fn note(&self) -> Option<String> {
        let n = self.partial.bytes.len();
        let arrived = (n > 0 || self.partial.rest.is_some()).then(|| {
            let encoded = match &self.partial.encoding {
                Some(e) => format!(", still {e}-encoded (decode it with a {e} decoder)"),
                None => String::new(),
            };
            match (self.partial.printed, &self.partial.rest) {
                (true, Some(_)) => format!(
                    "The whole answer as it arrived was printed to stdout{encoded}: the first {n} bytes and the rest as it came."
                ),
                (true, None) => format!(
                    "The {n} bytes of the answer that arrived were printed to stdout as received{encoded}."
                ),
                (false, _) => format!("{n} bytes of the answer arrived before that."),
            }
        });
        let reached = if self.may_have_acted() {
            Some(
                "The request may have reached the server and been acted on; it was not sent again.",
            )
        } else if !self.may_have_reached {
            Some("Nothing was sent: the request never left this machine.")
        } else {
            None
        };
        let lines: Vec<String> = arrived
            .into_iter()
            .chain(reached.map(String::from))
            .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    /// What to do: fix a setting, or check before running a request that may have acted again.
    pub fn help(&self) -> Option<String> {
        if let Some(advice) = self.advice {
            return Some(advice.to_string());
        }
        self.may_have_acted()
            .then(|| "check whether it took effect before running the command again.".to_string())
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
