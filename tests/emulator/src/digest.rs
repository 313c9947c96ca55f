//! HTTP Digest authentication (RFC 7616, RFC 2617) as Atlas does it: realm `MMS Public API`,
//! qop `auth`, MD5 challenges. A [`Config`] can make the challenge name SHA-256, drop `qop`
//! (RFC 2069 answers), or carry an `opaque`; answers must then follow. Nonces can be given a
//! lifetime to exercise `stale=true`, and a nonce count that does not grow is refused.

use crate::Config;
use crate::nonce::NonceState;
pub use crate::nonce::Nonces;
use crate::random;
use md5::{Digest, Md5};
use sha2::Sha256;

pub const REALM: &str = "MMS Public API";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    Md5,
    Sha256,
}

impl Algorithm {
    /// RFC 7616 §3.3: absent means MD5. The `-sess` variants are not supported (nor by Atlas).
    pub fn parse(name: Option<&str>) -> Option<Algorithm> {
        match name.map(str::to_ascii_uppercase).as_deref() {
            None | Some("MD5") => Some(Algorithm::Md5),
            Some("SHA-256") => Some(Algorithm::Sha256),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Sha256 => "SHA-256",
        }
    }

    /// The hash of `data` in lower-case hex, the H() of the RFCs.
    pub fn hash(self, data: &str) -> String {
        match self {
            Algorithm::Md5 => random::hex(&Md5::digest(data.as_bytes())),
            Algorithm::Sha256 => random::hex(&Sha256::digest(data.as_bytes())),
        }
    }
}

/// The `WWW-Authenticate` value; with the default [`Config`], byte for byte Atlas's.
pub fn challenge(nonce: &str, config: &Config, stale: bool) -> String {
    let mut header = format!("Digest realm=\"{REALM}\", domain=\"\", nonce=\"{nonce}\"");
    if let Some(opaque) = &config.digest_opaque {
        header.push_str(&format!(", opaque=\"{opaque}\""));
    }
    header.push_str(&format!(", algorithm={}", config.digest_algorithm.name()));
    if config.digest_qop {
        header.push_str(", qop=\"auth\"");
    }
    header.push_str(&format!(", stale={stale}"));
    header
}

/// The fields of an `Authorization: Digest …` header that verification needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub realm: String,
    pub nonce: String,
    pub uri: String,
    pub response: String,
    pub algorithm: Option<String>,
    pub qop: Option<String>,
    pub nc: Option<String>,
    pub cnonce: Option<String>,
    pub opaque: Option<String>,
}

/// Parses `Digest k=v, k="quoted, \"escaped\"", …`. Errors name what is wrong, for the log.
pub fn parse_authorization(header: &str) -> Result<Credentials, String> {
    let rest = header.trim_start();
    let (scheme, params) = rest.split_once(' ').unwrap_or((rest, ""));
    if !scheme.eq_ignore_ascii_case("digest") {
        return Err(format!("scheme {scheme:?} is not Digest"));
    }
    let mut creds = Credentials::default();
    for (key, value) in parse_params(params)? {
        match key.to_ascii_lowercase().as_str() {
            "username" => creds.username = value,
            "realm" => creds.realm = value,
            "nonce" => creds.nonce = value,
            "uri" => creds.uri = value,
            "response" => creds.response = value,
            "algorithm" => creds.algorithm = Some(value),
            "qop" => creds.qop = Some(value),
            "nc" => creds.nc = Some(value),
            "cnonce" => creds.cnonce = Some(value),
            "opaque" => creds.opaque = Some(value),
            _ => {} // RFC 7616 §3.4: unknown parameters are ignored.
        }
    }
    for (name, value) in [
        ("username", &creds.username),
        ("nonce", &creds.nonce),
        ("uri", &creds.uri),
        ("response", &creds.response),
    ] {
        if value.is_empty() {
            return Err(format!("missing {name}"));
        }
    }
    Ok(creds)
}

fn parse_params(s: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        if chars.peek().is_none() {
            return Ok(out);
        }
        let key: String =
            std::iter::from_fn(|| chars.next_if(|c| *c != '=' && *c != ',')).collect();
        if chars.next() != Some('=') {
            return Err(format!("parameter {:?} has no value", key.trim()));
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => value.extend(chars.next()),
                    Some(c) => value.push(c),
                    None => return Err(format!("unterminated quote in {:?}", key.trim())),
                }
            }
        } else {
            value = std::iter::from_fn(|| chars.next_if(|c| *c != ',')).collect();
            value.truncate(value.trim_end().len());
        }
        out.push((key.trim().to_owned(), value));
    }
}

/// The `response` a correct client computes (RFC 7616 §3.4.1, qop `auth`; RFC 2069 without qop).
pub fn expected_response(alg: Algorithm, c: &Credentials, password: &str, method: &str) -> String {
    let ha1 = alg.hash(&format!("{}:{}:{password}", c.username, c.realm));
    let ha2 = alg.hash(&format!("{method}:{}", c.uri));
    match &c.qop {
        Some(qop) => alg.hash(&format!(
            "{ha1}:{}:{}:{}:{qop}:{ha2}",
            c.nonce,
            c.nc.as_deref().unwrap_or(""),
            c.cnonce.as_deref().unwrap_or("")
        )),
        None => alg.hash(&format!("{ha1}:{}:{ha2}", c.nonce)),
    }
}

/// The outcome of checking one request's `Authorization` header.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Accepted,
    /// Right credentials on an expired nonce: challenge again with `stale=true`.
    Stale,
    /// Missing or wrong; the string says why (only for logs and tests, never sent).
    Rejected(String),
}

/// Checks `Authorization` (if any) for a request `method` on `target`, against the credentials
/// and challenge shape of `config`. Counts the nonce use when the answer is accepted.
pub fn verify(
    header: Option<&str>,
    method: &str,
    target: &str,
    config: &Config,
    nonces: &mut Nonces,
) -> Verdict {
    let Some(header) = header else {
        return Verdict::Rejected("no Authorization header".into());
    };
    let creds = match parse_authorization(header) {
        Ok(c) => c,
        Err(e) => return Verdict::Rejected(e),
    };
    if let Some(problem) = problem(&creds, method, target, config) {
        return Verdict::Rejected(problem);
    }
    match nonces.check(&creds.nonce) {
        NonceState::Unknown => {
            Verdict::Rejected(format!("nonce {:?} was not issued here", creds.nonce))
        }
        NonceState::Stale => Verdict::Stale,
        NonceState::Fresh => match nonce_count(&creds) {
            Some(nc) if !nonces.count(&creds.nonce, nc) => {
                Verdict::Rejected(format!("nonce count {nc:08x} was already used"))
            }
            _ => Verdict::Accepted,
        },
    }
}

/// What is wrong with an answer, nonce freshness aside.
fn problem(creds: &Credentials, method: &str, target: &str, config: &Config) -> Option<String> {
    let alg = config.digest_algorithm;
    if Algorithm::parse(creds.algorithm.as_deref()) != Some(alg) {
        return Some(format!(
            "algorithm {:?} is not the challenged {}",
            creds.algorithm,
            alg.name()
        ));
    }
    if creds.username != config.public_key {
        return Some(format!("unknown username {:?}", creds.username));
    }
    if creds.realm != REALM {
        return Some(format!("wrong realm {:?}", creds.realm));
    }
    if creds.uri != target {
        return Some(format!(
            "uri {:?} is not the request target {target:?}",
            creds.uri
        ));
    }
    if config.digest_opaque.is_some() && creds.opaque != config.digest_opaque {
        return Some(format!("opaque {:?} was not echoed", config.digest_opaque));
    }
    let with_qop =
        creds.qop.as_deref() == Some("auth") && creds.nc.is_some() && creds.cnonce.is_some();
    if config.digest_qop && !with_qop {
        // We offer qop="auth" only, so a conforming client must echo it with nc and cnonce.
        return Some("qop=auth with nc and cnonce is required".into());
    }
    if !config.digest_qop && creds.qop.is_some() {
        return Some("qop was not offered, so the RFC 2069 form is required".into());
    }
    if expected_response(alg, creds, &config.private_key, method)
        != creds.response.to_ascii_lowercase()
    {
        return Some("wrong response (bad private key?)".into());
    }
    None
}

/// The `nc` of a qop answer, as a number (`None` without qop or when it is not hex).
fn nonce_count(creds: &Credentials) -> Option<u32> {
    creds.qop.as_ref()?;
    u32::from_str_radix(creds.nc.as_deref()?, 16).ok()
}

#[cfg(test)]
mod tests;
