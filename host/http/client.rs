//! One request, one response, nothing more: the ureq agent with the settings' timeouts, the
//! trusted roots ([`super::roots`]), the proxy the environment names for the URL, no redirects,
//! and the `-D` trace. Every byte of the answer that arrived is kept, also when the exchange
//! fails half-way ([`super::capture`], [`super::body`]). Retries are decided one level up
//! ([`super::exchange`]); this module never sends a request twice.

use std::cell::RefCell;
use std::io::Read;
use std::time::{Duration, Instant};

use ureq::tls::TlsConfig;
use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::{Connector, DefaultConnector};

use super::body::{self, Outcome};
use super::capture::{self, Capture, Record};
use super::{NetworkError, Partial, Prepared, proxy, roots, user_agent};
use crate::config::NetworkSettings;
use crate::trace::{self, Redactor, Report};

/// A response as received.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Received {
    /// The status code.
    pub status: u16,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body's bytes, decoded from its content encoding when that could be done.
    pub body: Vec<u8>,
    /// The `Content-Encoding` the body is still in, when it could not be decoded.
    pub encoding: Option<String>,
}

impl Received {
    /// The first value of a header, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header, in order, case-insensitively.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text (invalid UTF-8 replaced): what a plugin and the trace see.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends requests; holds one agent (and its connection pool) per proxy decision.
pub struct Client<'a> {
    network: NetworkSettings,
    capture: Capture,
    agents: RefCell<Vec<(Option<String>, ureq::Agent)>>,
    report: &'a dyn Report,
    debug: bool,
    redactor: RefCell<Redactor>,
}

impl<'a> Client<'a> {
    /// A client; `debug` turns on the trace, which hides `secrets` wherever they appear.
    pub fn new(
        network: NetworkSettings,
        debug: bool,
        redactor: Redactor,
        report: &'a dyn Report,
    ) -> Self {
        Self {
            network,
            capture: Capture::default(),
            agents: RefCell::new(Vec::new()),
            report,
            debug,
            redactor: RefCell::new(redactor),
        }
    }

    /// Where notices go.
    pub fn report(&self) -> &dyn Report {
        self.report
    }

    /// A line of the `-D` trace (nothing without `-D`).
    pub fn trace(&self, text: &str) {
        if self.debug {
            self.report.trace(text);
        }
    }

    /// Tells the trace about a secret learnt during the run (a fetched token).
    pub fn hide(&self, secret: &crate::secret::Secret) {
        self.redactor.borrow_mut().add(secret);
    }

    /// Sends `req` once, with `authorization` if given.
    pub fn send_once(
        &self,
        req: &Prepared,
        authorization: Option<&str>,
    ) -> Result<Received, NetworkError> {
        let mut headers = req.headers.clone();
        headers.push(("User-Agent".into(), user_agent()));
        if let Some(value) = authorization {
            headers.push(("Authorization".into(), value.to_string()));
        }
        if self.debug {
            let redactor = self.redactor.borrow();
            let text = trace::request(
                &redactor,
                &req.method,
                &req.url,
                &headers,
                req.body.as_deref(),
            );
            self.report.trace(&text);
        }
        let start = Instant::now();
        self.capture.start();
        let result = self.run(req, &headers, start);
        drop(self.capture.finish());
        if self.debug {
            let redactor = self.redactor.borrow();
            // A partial body is never traced: cut JSON escapes the redactor's field blanking.
            let body = result.as_ref().map(Received::text).unwrap_or_default();
            let outcome = match &result {
                Ok(r) => Ok(trace::Answer {
                    status: r.status,
                    headers: &r.headers,
                    body: &body,
                }),
                Err(e) => Err(e.message.as_str()),
            };
            self.report
                .trace(&trace::response(&redactor, outcome, start.elapsed()));
        }
        result
    }

    fn run(
        &self,
        req: &Prepared,
        headers: &[(String, String)],
        start: Instant,
    ) -> Result<Received, NetworkError> {
        let fail = |message: String, sent: bool, partial: Partial| NetworkError {
            method: req.method.clone(),
            url: req.url.clone(),
            message,
            may_have_reached: sent,
            partial: Box::new(partial),
            advice: None,
        };
        let agent = self
            .agent(&req.url)
            .map_err(|(message, advice)| NetworkError {
                advice,
                ..fail(message, false, Partial::default())
            })?;
        let mut builder = ureq::http::Request::builder()
            .method(req.method.as_str())
            .uri(&req.url);
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        let sent = match &req.body {
            Some(body) => builder
                .body(body.clone().into_bytes())
                .map(|r| agent.run(r)),
            None => builder.body(()).map(|r| agent.run(r)),
        };
        let sent =
            sent.map_err(|e| fail(format!("invalid request: {e}"), false, Partial::default()))?;
        let response = match sent {
            Ok(response) => response,
            Err(e) => {
                let sent = self.capture.sent();
                let message = describe(&e, &self.network);
                let (message, partial) = self.salvage(message, start);
                return Err(fail(message, sent, partial));
            }
        };
        let (parts, body) = response.into_parts();
        let status = parts.status.as_u16();
        let headers: Vec<(String, String)> = parts
            .headers
            .iter()
            .map(|(n, v)| {
                (
                    title_case(n.as_str()),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let encoding = content_encoding(&headers);
        let reader = body.into_with_config().limit(u64::MAX).reader();
        let (bytes, outcome) = body::read(reader);
        match outcome {
            Outcome::Complete => {
                let decoded = body::decode(encoding.as_deref(), bytes);
                Ok(Received {
                    status,
                    headers,
                    body: decoded.bytes,
                    encoding: decoded.still,
                })
            }
            Outcome::Failed(e) => {
                let decoded = body::decode(encoding.as_deref(), bytes);
                let why = describe(&ureq::Error::from(e), &self.network);
                let partial = Partial {
                    bytes: decoded.bytes,
                    encoding: decoded.still,
                    ..Partial::default()
                };
                Err(fail(
                    format!("HTTP {status}, then reading the answer failed: {why}"),
                    true,
                    partial,
                ))
            }
            Outcome::OverCap { next, rest } => {
                let partial = Partial {
                    bytes,
                    encoding,
                    rest: Some(super::Rest(Box::new(
                        std::io::Cursor::new(next).chain(rest),
                    ))),
                    ..Partial::default()
                };
                let mib = body::CAP / (1024 * 1024);
                Err(fail(
                    format!(
                        "HTTP {status} with an answer larger than the {mib} MiB the host reads"
                    ),
                    true,
                    partial,
                ))
            }
        }
    }

    /// What can be kept of an answer whose head ureq refused: the rest read off the connection
    /// ureq dropped, split into head and body.
    fn salvage(&self, message: String, start: Instant) -> (String, Partial) {
        let record: Record = self.capture.finish();
        if record.received.is_empty() {
            return (message, Partial::default());
        }
        let deadline = start + self.network.timeout;
        let got = capture::salvage(record, deadline, body::CAP);
        let decoded = body::decode(content_encoding(&got.headers).as_deref(), got.body);
        let more = if got.truncated {
            format!(" (the first {} MiB of it)", body::CAP / (1024 * 1024))
        } else {
            String::new()
        };
        let message =
            format!("{message}; what followed the answer's head was kept as its body{more}");
        let partial = Partial {
            bytes: decoded.bytes,
            encoding: decoded.still,
            ..Partial::default()
        };
        (message, partial)
    }

    /// The agent for `url`'s proxy decision, made on first use.
    fn agent(&self, url: &str) -> Result<ureq::Agent, (String, Option<&'static str>)> {
        let proxy = proxy::choose(&self.network.proxy, url);
        if let Some((_, agent)) = self.agents.borrow().iter().find(|(p, _)| *p == proxy) {
            return Ok(agent.clone());
        }
        let ureq_proxy = match &proxy {
            Some(p) => Some(
                ureq::Proxy::new(p).map_err(|e| (format!("invalid proxy URL {p:?}: {e}"), None))?,
            ),
            None => None,
        };
        let roots = if url.starts_with("https://") {
            roots::root_certs(&self.network).map_err(|e| (e.to_string(), Some(e.help())))?
        } else {
            ureq::tls::RootCerts::PlatformVerifier
        };
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(self.network.connect_timeout))
            .timeout_global(Some(self.network.timeout))
            .user_agent(user_agent())
            .proxy(ureq_proxy)
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .build();
        let connector = DefaultConnector::new().chain(self.capture.connector());
        let agent = ureq::Agent::with_parts(config, connector, DefaultResolver::default());
        self.agents.borrow_mut().push((proxy, agent.clone()));
        Ok(agent)
    }
}

/// What went wrong, in words. Whether the request may have reached the server is not judged
/// from the error (a DNS or TLS failure can come as an I/O error) but from the wire ([`Capture`]).
fn describe(e: &ureq::Error, network: &NetworkSettings) -> String {
    use std::io::ErrorKind;
    let secs = |d: Duration| format!("{:.1} s", d.as_secs_f64());
    match e {
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => format!(
            "could not connect within {} (http_connect_timeout)",
            secs(network.connect_timeout)
        ),
        ureq::Error::Timeout(_) => format!(
            "no complete answer within {} (http_timeout)",
            secs(network.timeout)
        ),
        ureq::Error::HostNotFound => "the host name could not be resolved".into(),
        ureq::Error::ConnectionFailed => "could not connect".into(),
        ureq::Error::Io(io) if io.kind() == ErrorKind::ConnectionRefused => {
            "connection refused".into()
        }
        // A handshake error comes through rustls's I/O adapter.
        ureq::Error::Io(io) if tls_cause(io).is_some() => {
            let why = tls_cause(io).map(ToString::to_string).unwrap_or_default();
            format!("TLS failed: {why}")
        }
        ureq::Error::Io(io) => format!("the connection failed: {io}"),
        ureq::Error::ConnectProxyFailed(why) => {
            format!("the proxy refused the connection: {why}")
        }
        ureq::Error::InvalidProxyUrl => "invalid proxy URL".into(),
        ureq::Error::Tls(why) => format!("TLS failed: {why}"),
        ureq::Error::Rustls(why) => format!("TLS failed: {why}"),
        ureq::Error::Protocol(why) => format!("the answer is not valid HTTP: {why}"),
        other => other.to_string(),
    }
}

/// The rustls error inside an I/O error, if that is what it carries.
fn tls_cause(io: &std::io::Error) -> Option<&rustls::Error> {
    io.get_ref()?.downcast_ref::<rustls::Error>()
}

/// The answer's `Content-Encoding`, when it names one.
fn content_encoding(headers: &[(String, String)]) -> Option<String> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-encoding"))
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty() && !v.eq_ignore_ascii_case("identity"))
}

/// `content-type` → `Content-Type`, as servers usually spell them (for the trace).
fn title_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_are_title_cased() {
        assert_eq!(title_case("content-type"), "Content-Type");
        assert_eq!(title_case("www-authenticate"), "Www-Authenticate");
        assert_eq!(title_case("x"), "X");
    }

    #[test]
    fn failures_are_worded_by_kind() {
        let network = NetworkSettings::default();
        let refused = ureq::Error::Io(std::io::ErrorKind::ConnectionRefused.into());
        let tls = ureq::Error::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        ));
        let table = [
            (refused, "connection refused"),
            (
                ureq::Error::HostNotFound,
                "the host name could not be resolved",
            ),
            (
                ureq::Error::Timeout(ureq::Timeout::Connect),
                "could not connect within 10.0 s (http_connect_timeout)",
            ),
            (
                ureq::Error::Timeout(ureq::Timeout::Global),
                "no complete answer within 120.0 s (http_timeout)",
            ),
            (tls, "TLS failed: invalid peer certificate: UnknownIssuer"),
        ];
        for (e, want) in table {
            assert_eq!(describe(&e, &network), want);
        }
    }
}
