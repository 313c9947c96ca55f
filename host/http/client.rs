//! One request, one response, nothing more: the ureq agent with the settings' timeouts, the
//! system's root certificates, the proxy the environment names for the URL, no redirects, and
//! the `-D` trace. Retries are decided one level up ([`super::exchange`]); this module never sends
//! a request twice.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use ureq::tls::{RootCerts, TlsConfig};

use super::proxy;
use super::{NetworkError, Prepared, user_agent};
use crate::config::NetworkSettings;
use crate::trace::{self, Redactor, Report};

/// A response as received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The status code.
    pub status: u16,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body as text (invalid UTF-8 replaced).
    pub body: String,
}

impl Received {
    /// The first value of a header, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends requests; holds one agent (and its connection pool) per proxy decision.
pub struct Client<'a> {
    network: NetworkSettings,
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
        let result = self.run(req, &headers);
        if self.debug {
            let redactor = self.redactor.borrow();
            let outcome = match &result {
                Ok(r) => Ok(trace::Answer {
                    status: r.status,
                    headers: &r.headers,
                    body: &r.body,
                }),
                Err(e) => Err(e.message.as_str()),
            };
            self.report
                .trace(&trace::response(&redactor, outcome, start.elapsed()));
        }
        result
    }

    fn run(&self, req: &Prepared, headers: &[(String, String)]) -> Result<Received, NetworkError> {
        let fail = |(message, sent): (String, bool)| NetworkError {
            method: req.method.clone(),
            url: req.url.clone(),
            message,
            may_have_reached: sent,
        };
        let agent = self.agent(&req.url).map_err(fail)?;
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
        let mut response = sent
            .map_err(|e| fail((format!("invalid request: {e}"), false)))?
            .map_err(|e| fail(describe(&e, &self.network)))?;
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    title_case(n.as_str()),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let status = response.status().as_u16();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(16 * 1024 * 1024)
            .read_to_vec()
            .map_err(|e| {
                fail((
                    format!("reading the response: {}", describe(&e, &self.network).0),
                    true,
                ))
            })?;
        Ok(Received {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    /// The agent for `url`'s proxy decision, made on first use.
    fn agent(&self, url: &str) -> Result<ureq::Agent, (String, bool)> {
        let proxy = proxy::choose(&self.network.proxy, url);
        if let Some((_, agent)) = self.agents.borrow().iter().find(|(p, _)| *p == proxy) {
            return Ok(agent.clone());
        }
        let ureq_proxy = match &proxy {
            Some(p) => Some(
                ureq::Proxy::new(p)
                    .map_err(|e| (format!("invalid proxy URL {p:?}: {e}"), false))?,
            ),
            None => None,
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(self.network.connect_timeout))
            .timeout_global(Some(self.network.timeout))
            .user_agent(user_agent())
            .proxy(ureq_proxy)
            .tls_config(
                TlsConfig::builder()
                    .root_certs(RootCerts::PlatformVerifier)
                    .build(),
            )
            .build()
            .into();
        self.agents.borrow_mut().push((proxy, agent.clone()));
        Ok(agent)
    }
}

/// What went wrong, in words, and whether the request may have reached the server.
fn describe(e: &ureq::Error, network: &NetworkSettings) -> (String, bool) {
    use std::io::ErrorKind;
    let secs = |d: Duration| format!("{:.1} s", d.as_secs_f64());
    match e {
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => (
            format!(
                "could not connect within {} (http_connect_timeout)",
                secs(network.connect_timeout)
            ),
            false,
        ),
        ureq::Error::Timeout(_) => (
            format!(
                "no complete answer within {} (http_timeout)",
                secs(network.timeout)
            ),
            true,
        ),
        ureq::Error::HostNotFound => ("the host name could not be resolved".into(), false),
        ureq::Error::ConnectionFailed => ("could not connect".into(), false),
        ureq::Error::Io(io) if io.kind() == ErrorKind::ConnectionRefused => {
            ("connection refused".into(), false)
        }
        ureq::Error::Io(io) => (format!("the connection failed: {io}"), true),
        ureq::Error::ConnectProxyFailed(why) => {
            (format!("the proxy refused the connection: {why}"), false)
        }
        ureq::Error::InvalidProxyUrl => ("invalid proxy URL".into(), false),
        ureq::Error::Tls(why) => (format!("TLS failed: {why}"), false),
        ureq::Error::Rustls(why) => (format!("TLS failed: {why}"), false),
        ureq::Error::Protocol(why) => (format!("the answer is not valid HTTP: {why}"), true),
        other => (other.to_string(), true),
    }
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
    fn refused_and_unresolved_connections_did_not_reach_the_server() {
        let network = NetworkSettings::default();
        let refused = ureq::Error::Io(std::io::ErrorKind::ConnectionRefused.into());
        let reset = ureq::Error::Io(std::io::ErrorKind::ConnectionReset.into());
        let table = [
            (refused, false),
            (ureq::Error::HostNotFound, false),
            (ureq::Error::Timeout(ureq::Timeout::Connect), false),
            (ureq::Error::Timeout(ureq::Timeout::Global), true),
            (reset, true),
        ];
        for (e, reached) in table {
            assert_eq!(describe(&e, &network).1, reached, "{e}");
        }
    }
}
